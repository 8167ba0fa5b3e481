//! Backup and restore. A backup copies every table inside one read transaction, so it is a
//! consistent snapshot even while the server goes on writing; restore checks a copy before it
//! replaces anything, and keeps the store it replaces.

use std::path::{Path, PathBuf};

use redb::{
    Database, ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata,
    TableDefinition, WriteTransaction,
};

use super::anchor::{self, Anchor};
use super::audit::{Data, Outcome, Target};
use super::{AUDIT, EachTable, Store, StoreError, audit, each_table};

/// Copies every table from a snapshot into a new store.
struct Copy<'a> {
    from: &'a ReadTransaction,
    to: &'a WriteTransaction,
}

impl EachTable for Copy<'_> {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &mut self,
        def: TableDefinition<K, V>,
    ) -> Result<(), StoreError> {
        let src = self.from.open_table(def)?;
        let mut dst = self.to.open_table(def)?;
        for row in src.iter()? {
            let (k, v) = row?;
            dst.insert(k.value(), v.value())?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} exists already; a backup never overwrites a file, so name a new one")]
    Exists(PathBuf),
    #[error("the backup must be named by an absolute path, not {0}")]
    Relative(PathBuf),
    #[error("{0} is not a file")]
    Missing(PathBuf),
    #[error("{path} is not a frontdesk store that can be restored: {why}")]
    Unusable { path: PathBuf, why: String },
    #[error("cannot {what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<redb::DatabaseError> for BackupError {
    fn from(e: redb::DatabaseError) -> Self {
        BackupError::Store(e.into())
    }
}

impl From<redb::TransactionError> for BackupError {
    fn from(e: redb::TransactionError) -> Self {
        BackupError::Store(e.into())
    }
}

impl From<redb::CommitError> for BackupError {
    fn from(e: redb::CommitError) -> Self {
        BackupError::Store(e.into())
    }
}

impl Store {
    /// Writes a consistent copy of the whole store to `path`, which must not exist. Returns
    /// the number of audit events it holds.
    pub fn backup_to(&self, path: &Path) -> Result<u64, BackupError> {
        if !path.is_absolute() {
            return Err(BackupError::Relative(path.to_path_buf()));
        }
        if path.exists() {
            return Err(BackupError::Exists(path.to_path_buf()));
        }
        let snapshot = self.db.begin_read().map_err(StoreError::from)?;
        // Owner-only whatever the umask: it holds every citizen's ID number the store does.
        crate::files::create_private(path).map_err(|source| BackupError::Io {
            what: "create",
            path: path.to_path_buf(),
            source,
        })?;
        let copy = Database::create(path)?;
        let txn = copy.begin_write()?;
        each_table(&mut Copy {
            from: &snapshot,
            to: &txn,
        })?;
        txn.commit()?;
        let events = snapshot
            .open_table(AUDIT)
            .map_err(StoreError::from)?
            .len()
            .map_err(StoreError::from)?;
        Ok(events)
    }
}

/// Checks a backup as a store: it opens (upgrading an older schema, dated `now`) and its audit
/// chain holds. Returns the number of events checked.
pub fn check(path: &Path, now: chrono::NaiveDateTime) -> Result<u64, BackupError> {
    if !path.is_file() {
        return Err(BackupError::Missing(path.to_path_buf()));
    }
    let unusable = |why: String| BackupError::Unusable {
        path: path.to_path_buf(),
        why,
    };
    let store = Store::open(path, now).map_err(|e| unusable(e.to_string()))?;
    let txn = store.read().map_err(|e| unusable(e.to_string()))?;
    audit::verify_stored(&txn)
        .map_err(|e| unusable(e.to_string()))?
        .map_err(|e| unusable(e.to_string()))
}

/// What a restore did: the backup's events, the head of the store it replaced (if known),
/// and the head it installed.
#[derive(Debug)]
pub struct Restored {
    pub events: u64,
    pub replaced: Option<Anchor>,
}

/// The head of the store at `db` as it stands, without changing it: its anchor when it has one
/// (which holds even for a store too damaged to open), else its last event.
fn head_of(db: &Path) -> Option<Anchor> {
    if let Ok(Some(a)) = anchor::read(&anchor::path_for(db)) {
        return Some(a);
    }
    // A store too damaged to read (redb's debug checks panic on some damage) has no head to name.
    std::panic::catch_unwind(|| {
        let store = Database::open(db).ok()?;
        anchor::head_in(&store.begin_read().ok()?).ok()?
    })
    .ok()
    .flatten()
}

/// Replaces the store at `db` by the backup at `from`, after checking a copy of it. The store
/// replaced is kept beside it as `aside`. The restore is recorded in the restored store, as
/// `store.restore` naming the head it replaced and the backup, and the anchor moves to it. The
/// server must not be running.
pub fn restore(
    from: &Path,
    db: &Path,
    aside: &Path,
    now: chrono::NaiveDateTime,
) -> Result<Restored, BackupError> {
    let staging = db.with_extension("redb.restoring");
    let io = |what, path: &Path| {
        let path = path.to_path_buf();
        move |source| BackupError::Io { what, path, source }
    };
    if !from.is_file() {
        return Err(BackupError::Missing(from.to_path_buf()));
    }
    std::fs::copy(from, &staging).map_err(io("copy the backup to", &staging))?;
    crate::files::make_private(&staging).map_err(io("make owner-only", &staging))?;
    let events = match check(&staging, now) {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&staging);
            return Err(match e {
                BackupError::Unusable { why, .. } => BackupError::Unusable {
                    path: from.to_path_buf(),
                    why,
                },
                other => other,
            });
        }
    };
    let replaced = head_of(db);
    if db.exists() {
        std::fs::rename(db, aside).map_err(io("keep the current store as", aside))?;
    }
    std::fs::rename(&staging, db).map_err(io("put the backup in place at", db))?;
    let mut store = Store::open(db, now)?;
    let installed = store.committed_head()?;
    let data = Data::Restore {
        backup: from.display().to_string(),
        replaced_seq: replaced.as_ref().map(|a| a.seq),
        replaced_hash: replaced.as_ref().map(|a| a.hash.clone()),
        backup_seq: installed.as_ref().map_or(0, |a| a.seq),
        backup_hash: installed.map_or_else(String::new, |a| a.hash),
    };
    let who = crate::store::Who {
        actor: "-".into(),
        uid: rustix::process::getuid().as_raw(),
    };
    store.record(
        &who,
        now,
        "store.restore",
        vec![Target::Store],
        Outcome::Ok,
        data,
    )?;
    // Deliberate: the anchor follows the store now in place.
    store.anchor = Some(anchor::path_for(db));
    store.keep_anchor()?;
    Ok(Restored { events, replaced })
}
