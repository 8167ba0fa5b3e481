//! The chain's head kept outside the store as well (`frontdesk.redb.anchor`): the sequence
//! number and hash of the last committed audit event, written durably every few seconds and
//! at every clean close. A store found behind its anchor was rolled back (an older copy put in
//! its place, a torn last commit repaired away); one whose event at the anchor's number has
//! another hash was replaced; one missing or empty where an anchor says a store was is gone.
//! None of these is opened in silence (docs/decisions.md).

use std::io::Write;
use std::path::{Path, PathBuf};

use redb::{ReadableDatabase, ReadableTable};

use super::{AUDIT, Store, StoreError, audit};

/// The head of a store's audit chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub seq: u64,
    pub hash: String,
}

const HEADER: &str = "frontdesk audit anchor v1";

/// Where the anchor of the store at `db` is kept: beside it, named after it.
pub fn path_for(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".anchor");
    PathBuf::from(name)
}

/// The anchor at `path`, if there is one.
pub fn read(path: &Path) -> Result<Option<Anchor>, StoreError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(anchor_error(path, e.to_string())),
    };
    let mut lines = text.lines();
    let field = |line: Option<&str>, key: &str| -> Option<String> {
        line?
            .strip_prefix(key)?
            .strip_prefix(' ')
            .map(str::to_string)
    };
    if lines.next() != Some(HEADER) {
        return Err(anchor_error(
            path,
            "it does not begin with its header".into(),
        ));
    }
    let seq = field(lines.next(), "seq").and_then(|s| s.parse().ok());
    let hash = field(lines.next(), "hash").filter(|h| !h.is_empty());
    match (seq, hash) {
        (Some(seq), Some(hash)) => Ok(Some(Anchor { seq, hash })),
        _ => Err(anchor_error(
            path,
            "its sequence number or hash is missing".into(),
        )),
    }
}

/// The head of the chain a read transaction sees: its last event's number and hash.
pub(super) fn head_in(txn: &redb::ReadTransaction) -> Result<Option<Anchor>, StoreError> {
    let table = txn.open_table(AUDIT)?;
    let Some((k, v)) = table.last()? else {
        return Ok(None);
    };
    Ok(Some(Anchor {
        seq: k.value(),
        hash: audit::decode_event(v.value())?.hash().to_string(),
    }))
}

fn anchor_error(path: &Path, why: String) -> StoreError {
    StoreError::Anchor {
        path: path.display().to_string(),
        why,
    }
}

/// Writes the anchor durably: to a new file (owner-only), synced, renamed over the old one,
/// and the directory synced, so a crash leaves the old anchor or the new, never half of one.
pub fn write(path: &Path, anchor: &Anchor) -> std::io::Result<()> {
    let staging = {
        let mut name = path.as_os_str().to_owned();
        name.push(".new");
        PathBuf::from(name)
    };
    let mut file = crate::files::create_private(&staging)?;
    write!(file, "{HEADER}\nseq {}\nhash {}\n", anchor.seq, anchor.hash)?;
    file.sync_all()?;
    std::fs::rename(&staging, path)?;
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

impl Store {
    /// Opens the store of a data directory held to its anchor: refused when the store is
    /// missing or empty where the anchor says one was, behind the anchor, or not the store
    /// the anchor was written for; then the anchor is brought up to the store's head and kept
    /// there ([`Store::keep_anchor`], and at every clean close).
    pub fn open_anchored(path: &Path, now: chrono::NaiveDateTime) -> Result<Store, StoreError> {
        let anchor_path = path_for(path);
        let anchor = read(&anchor_path)?;
        if let Some(a) = &anchor {
            let empty = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
            if empty {
                return Err(StoreError::Vanished {
                    path: path.display().to_string(),
                    seq: a.seq,
                });
            }
        }
        let mut store = Store::open(path, now)?;
        if let Some(a) = &anchor {
            store.hold_to(path, a)?;
        }
        store.anchor = Some(anchor_path);
        store.keep_anchor()?;
        Ok(store)
    }

    /// The head of the chain as committed: the last event's number and hash.
    pub fn committed_head(&self) -> Result<Option<Anchor>, StoreError> {
        head_in(&self.db.begin_read()?)
    }

    fn hold_to(&self, path: &Path, a: &Anchor) -> Result<(), StoreError> {
        let shown = path.display().to_string();
        let head = self.committed_head()?.map_or(0, |h| h.seq);
        if head < a.seq {
            return Err(StoreError::RolledBack {
                path: shown,
                head,
                anchored: a.seq,
            });
        }
        let txn = self.db.begin_read()?;
        let table = txn.open_table(AUDIT)?;
        let there = match table.get(a.seq)? {
            Some(v) => Some(audit::decode_event(v.value())?.hash().to_string()),
            None => None,
        };
        if there.as_deref() != Some(a.hash.as_str()) {
            return Err(StoreError::Diverged {
                path: shown,
                seq: a.seq,
            });
        }
        Ok(())
    }

    /// Writes the anchor when the committed head has moved since it was last written; nothing
    /// for a store opened without one.
    pub fn keep_anchor(&self) -> Result<(), StoreError> {
        let Some(path) = &self.anchor else {
            return Ok(());
        };
        let Some(head) = self.committed_head()? else {
            return Ok(());
        };
        let mut last = self.anchored.lock().unwrap_or_else(|p| p.into_inner());
        if last.as_ref() == Some(&head) {
            return Ok(());
        }
        write(path, &head).map_err(|e| anchor_error(path, e.to_string()))?;
        *last = Some(head);
        Ok(())
    }
}

/// Why a new store was not started.
#[derive(Debug, thiserror::Error)]
pub enum NewStoreError {
    #[error(
        "{path} holds a store ({bytes} bytes): --new-store replaces only a store that is missing or empty; stop the server and move it aside yourself if you mean to"
    )]
    StoreThere { path: String, bytes: u64 },
    #[error(
        "no store was kept in {dir} before (it has no anchor): a new store starts by itself on first use"
    )]
    NothingToReplace { dir: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot {what} {path}: {source}")]
    Io {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
}

/// Starts a new, empty store on purpose where a store was and is now missing or empty, as the
/// owner decides (`frontdesk init --new-store`): the old anchor is kept beside it as `aside`,
/// and the new store's first event, `store.new`, names the head the old one had reached.
pub fn start_new(
    db: &Path,
    aside: &Path,
    now: chrono::NaiveDateTime,
) -> Result<Anchor, NewStoreError> {
    let anchor_path = path_for(db);
    let bytes = std::fs::metadata(db).map_or(0, |m| m.len());
    if bytes > 0 {
        return Err(NewStoreError::StoreThere {
            path: db.display().to_string(),
            bytes,
        });
    }
    let Some(previous) = read(&anchor_path)? else {
        return Err(NewStoreError::NothingToReplace {
            dir: db
                .parent()
                .map_or_else(String::new, |d| d.display().to_string()),
        });
    };
    let io = |what: &'static str, path: &Path| {
        let path = path.display().to_string();
        move |source| NewStoreError::Io { what, path, source }
    };
    std::fs::rename(&anchor_path, aside).map_err(io("keep the old anchor as", aside))?;
    let mut store = Store::open(db, now)?;
    let who = super::Who {
        actor: "-".into(),
        uid: rustix::process::getuid().as_raw(),
    };
    let data = crate::event::Data::NewStore {
        previous_seq: previous.seq,
        previous_hash: previous.hash.clone(),
    };
    store.record(
        &who,
        now,
        "store.new",
        vec![crate::event::Target::Store],
        crate::event::Outcome::Ok,
        data,
    )?;
    store.anchor = Some(anchor_path);
    store.keep_anchor()?;
    Ok(previous)
}

impl Drop for Store {
    /// A clean close leaves the anchor at the store's head.
    fn drop(&mut self) {
        if let Err(e) = self.keep_anchor() {
            eprintln!("frontdesk: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_reads_back_as_written_and_a_damaged_one_is_named() {
        let dir = std::env::temp_dir().join(format!("frontdesk-anchor-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = path_for(&dir.join("frontdesk.redb"));
        assert!(path.ends_with("frontdesk.redb.anchor"));
        assert_eq!(read(&path).unwrap(), None);
        let a = Anchor {
            seq: 42,
            hash: "ab".repeat(32),
        };
        write(&path, &a).unwrap();
        assert_eq!(read(&path).unwrap(), Some(a));
        std::fs::write(&path, "seq 1\n").unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("frontdesk.redb.anchor"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
