//! The redb store. Only the server process opens it (DESIGN.md); every command is one write
//! transaction in which the state change and its audit event commit together or not at all.

pub mod anchor;
pub mod audit;
pub mod backup;
pub mod cases;
pub mod codec;
pub mod definitions;
pub mod disk;
pub mod index;
pub mod outbox;
pub mod pending;
pub mod pins;
pub mod ratings;
pub mod records;
pub mod tickets;
pub mod violations;

use std::path::Path;

use chrono::NaiveDateTime;
use redb::{
    Database, ReadTransaction, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction,
};

use audit::{AuditEvent, Data, Draft, Outcome, Target, decode_event};

/// Settings of the store itself: `schema` → the schema version.
pub(crate) const META: TableDefinition<&str, u32> = TableDefinition::new("meta");
/// Tickets by `DATE/NUMBER` (`2026-11-23/A001`).
pub(crate) const TICKETS: TableDefinition<&str, &[u8]> = TableDefinition::new("tickets");
/// Day counters: `DATE/PREFIX` → last ticket number; `DATE/run/WINDOW` → priority calls in a row.
pub(crate) const COUNTERS: TableDefinition<&str, u32> = TableDefinition::new("counters");
/// What the scheduler has applied once and must not again: `overdue/CASE`,
/// `undecided/extension/ID`, `undecided/leave/ID`.
pub(crate) const SCHEDULED: TableDefinition<&str, ()> = TableDefinition::new("scheduled");
/// The audit trail by sequence number.
pub(crate) const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");

/// The schema this version writes. Older files are upgraded on open; newer ones are refused.
///
/// - 1: tickets, day counters and the audit trail.
/// - 2: adds an index of audit events by target, cases with their deadline index, enquiries, leave, the duty log, PINs, and the
///   centre's definition (centre, staff, windows, catalogue, holiday years, settings).
/// - 3: adds indexes so that no reply reads a whole history: audit events by actor and by day,
///   notices by day, what is pending (extension requests, leave, open enquiries), and leave by
///   when it ends.
/// - 4: typed audit events (targets, an outcome with the refusal's code, a payload; UTC
///   microseconds; a canonical digest). Events written before stay as they were, verified under
///   their own rule; every event is filed in one index of the trail by target (typed keys),
///   actor and day, which replaces schema 2's index by target. And the scheduler's tables: 容缺
///   cases by supplement day, and what it has applied once.
/// - 5: open cases handled by someone else, filed under their first-asked person (督办).
/// - 6: the outbox of completion messages, with its keys in the index (waiting ones by due
///   time, all by state and by case). Only added: an older store gets the empty table.
/// - 7: ratings with their rectifications, return-visit draws by month, and completed cases by
///   the day completed (built from the cases an older store holds).
pub const SCHEMA_VERSION: u32 = 7;

/// The cache redb keeps in memory. redb's default (1 GiB) suits a database server; ours runs
/// beside the consoles on the centre's one small machine, and the working set of a day (open
/// cases, today's tickets, the indexes) is a few megabytes (docs/decisions.md).
const CACHE_BYTES: usize = 32 << 20;

/// Something done to every table of the schema, each with its own key and value types.
pub(crate) trait EachTable {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &mut self,
        def: TableDefinition<K, V>,
    ) -> Result<(), StoreError>;
}

/// Every table of the current schema, once: opening a store creates them, a backup copies them.
pub(crate) fn each_table(v: &mut impl EachTable) -> Result<(), StoreError> {
    v.table(META)?;
    v.table(TICKETS)?;
    v.table(COUNTERS)?;
    v.table(AUDIT)?;
    v.table(index::INDEX)?;
    v.table(cases::CASES)?;
    v.table(cases::NOTICES)?;
    v.table(SCHEDULED)?;
    for r in [
        records::ENQUIRIES,
        records::LEAVE,
        records::DUTY_LOG,
        records::EXTENSIONS,
        records::COVERS,
        records::OUTBOX,
        records::COMPLAINTS,
        records::VIOLATIONS,
        records::RATINGS,
        records::VISIT_DRAWS,
    ] {
        v.table(r.table)?;
    }
    v.table(pending::PENDING)?;
    v.table(pending::LEAVE_BY_END)?;
    v.table(pending::COVER_BY_END)?;
    v.table(pins::PINS)?;
    use definitions::*;
    for def in [CENTRE, STAFF, WINDOWS, CATALOGUE, HOLIDAY_YEARS, SETTINGS] {
        v.table(def)?;
    }
    Ok(())
}

struct Create<'t>(&'t WriteTransaction);

impl EachTable for Create<'_> {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &mut self,
        def: TableDefinition<K, V>,
    ) -> Result<(), StoreError> {
        self.0.open_table(def)?;
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database {path} is already open in another process: a frontdesk server is running for this data directory"
    )]
    InUse { path: String },
    #[error(
        "the database {path} was written by a newer frontdesk (schema {found}, this one knows {known}); upgrade frontdesk"
    )]
    NewerSchema {
        path: String,
        found: u32,
        known: u32,
    },
    #[error(
        "a value in table {table} was written by a newer frontdesk (format {found}, this one knows {known}); upgrade frontdesk"
    )]
    NewerFormat {
        table: &'static str,
        found: u32,
        known: u32,
    },
    #[error("a value in table {table} cannot be read ({detail}); restore from a backup")]
    Corrupt { table: &'static str, detail: String },
    #[error("database error: {0}")]
    Db(#[from] redb::Error),
    #[error("{0}")]
    Disk(disk::DiskFault),
    #[error(
        "the store {path} is damaged ({why}) and cannot be opened; it is left as it is. Restore the latest backup with `frontdesk restore FILE` (the damaged file is kept aside)"
    )]
    Damaged { path: String, why: String },
    #[error("cannot keep the store's file {path}: {why}")]
    Anchor { path: String, why: String },
    #[error(
        "the store {path} is missing or empty, but this data directory has held one (its audit trail reached event {seq}); nothing was started, so nothing is lost. Restore the latest backup with `frontdesk restore FILE`, or, to start a new, empty store on purpose, run `frontdesk init --new-store` (which is recorded)"
    )]
    Vanished { path: String, seq: u64 },
    #[error(
        "the store {path} ends at audit event {head}, but it had reached event {anchored}: events {} to {anchored} are missing, so it was rolled back or damaged. Restore the latest backup with `frontdesk restore FILE` (a backup that holds them), or keep this store aside and ask the administrator",
        head + 1
    )]
    RolledBack {
        path: String,
        head: u64,
        anchored: u64,
    },
    #[error(
        "the store {path} is not the one this data directory held: its audit event {seq} differs from the one recorded outside it. Put the right store back, or restore a backup with `frontdesk restore FILE`"
    )]
    Diverged { path: String, seq: u64 },
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Db(e.into())
            }
        }
    )*};
}
from_redb!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::DatabaseError
);

/// Why a command did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CmdError {
    /// A rule or a permission said no; recorded in the audit trail as refused.
    #[error("{0}")]
    Refused(crate::refusal::Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A refusal, as a command's error.
pub fn refused(why: impl Into<crate::refusal::Refusal>) -> CmdError {
    CmdError::Refused(why.into())
}

impl From<redb::StorageError> for CmdError {
    fn from(e: redb::StorageError) -> Self {
        CmdError::Store(e.into())
    }
}

impl From<redb::TableError> for CmdError {
    fn from(e: redb::TableError) -> Self {
        CmdError::Store(e.into())
    }
}

/// Who asks, for the audit trail.
#[derive(Debug, Clone)]
pub struct Who {
    /// Staff code, or `-` when the peer is not (yet) known.
    pub actor: String,
    pub uid: u32,
}

pub struct Store {
    db: Database,
    /// The last event appended: its sequence and hash (see [`audit::append`]).
    head: std::sync::Mutex<Option<(u64, String)>>,
    /// Where the chain's head is kept outside the store (a data directory's store only), and
    /// what was last written there (`anchor.rs`).
    anchor: Option<std::path::PathBuf>,
    anchored: std::sync::Mutex<Option<anchor::Anchor>>,
    /// Where the store is, and whether a disk fault has been met (`disk.rs`).
    path: std::path::PathBuf,
    disk_fault: std::sync::atomic::AtomicBool,
}

impl Store {
    /// Opens (or creates) the store at `path`, upgrading an older schema; `now` dates the
    /// upgrade's audit event.
    pub fn open(path: &Path, now: NaiveDateTime) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        // Owner-only from its first byte, whatever the umask; one written by an earlier
        // release with the umask's mode is made so.
        if !path.exists() {
            crate::files::create_private(path).map_err(|e| StoreError::Anchor {
                path: shown.clone(),
                why: e.to_string(),
            })?;
        }
        crate::files::make_private(path).map_err(|e| StoreError::Anchor {
            path: shown.clone(),
            why: e.to_string(),
        })?;
        // A build with redb's debug checks panics on some damage that a release build returns
        // as an error; either way it is told as damage, with what to do.
        let opened = std::panic::catch_unwind(|| {
            redb::Builder::new()
                .set_cache_size(CACHE_BYTES)
                .create(path)
        })
        .map_err(|panic| StoreError::Damaged {
            path: shown.clone(),
            why: panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "it could not be read".into()),
        })?;
        let db = opened.map_err(|e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => StoreError::InUse {
                path: shown.clone(),
            },
            // Damaged beyond what redb repairs: said with what to do, the file left as it is.
            redb::DatabaseError::Storage(
                e @ (redb::StorageError::Corrupted(_) | redb::StorageError::ValueTooLarge(_)),
            ) => StoreError::Damaged {
                path: shown.clone(),
                why: e.to_string(),
            },
            other => other.into(),
        })?;
        let store = Store {
            db,
            head: std::sync::Mutex::new(None),
            anchor: None,
            anchored: std::sync::Mutex::new(None),
            path: path.to_path_buf(),
            disk_fault: std::sync::atomic::AtomicBool::new(false),
        };
        store.upgrade(&shown, now)?;
        Ok(store)
    }

    fn upgrade(&self, shown: &str, now: NaiveDateTime) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        let found = txn.open_table(META)?.get("schema")?.map(|v| v.value());
        if let Some(v) = found
            && v > SCHEMA_VERSION
        {
            return Err(StoreError::NewerSchema {
                path: shown.to_string(),
                found: v,
                known: SCHEMA_VERSION,
            });
        }
        // Every table of the current schema exists after this, so readers never meet a missing
        // one. Schema 1 → 2 only added tables; 2 → 3 added indexes, built here from what the
        // store holds. Later migrations that reshape values run here, in order, from the
        // version found.
        each_table(&mut Create(&txn))?;
        if found.is_some_and(|v| v < 3) {
            pending::index_records(&txn)?;
        }
        if found.is_some_and(|v| v < 4) {
            audit::reindex(&txn)?;
            cases::index_notices(&txn)?;
            cases::index_open_cases(&txn)?;
        }
        if found.is_some_and(|v| v < 5) {
            cases::index_followers(&txn)?;
        }
        if found.is_some_and(|v| v < 7) {
            cases::index_completed(&txn)?;
        }
        if found != Some(SCHEMA_VERSION) {
            txn.open_table(META)?.insert("schema", SCHEMA_VERSION)?;
        }
        if let Some(old) = found.filter(|v| *v < SCHEMA_VERSION) {
            // The upgrade itself is part of the record.
            let migrated = Draft {
                at: now,
                actor: "-".into(),
                uid: rustix::process::getuid().as_raw(),
                act: "store.migrate".into(),
                targets: vec![Target::Store],
                outcome: Outcome::Ok,
                data: Data::Migration {
                    from: old,
                    to: SCHEMA_VERSION,
                },
            };
            audit::append(&txn, &self.head, migrated)?;
        }
        txn.commit()?;
        Ok(())
    }

    pub fn read(&self) -> Result<ReadTransaction, StoreError> {
        Ok(self.db.begin_read()?)
    }

    /// Runs one command. On success the change and its `ok` audit event commit together; on a
    /// refusal nothing changes but the refusal itself is recorded, about `targets` (what the
    /// command named, when known before it ran: a case, a ticket). The command returns its
    /// value and the [`Fact`] its event records: what else it was about, and what changed.
    pub fn execute<T>(
        &self,
        who: &Who,
        at: NaiveDateTime,
        act: &str,
        targets: Vec<Target>,
        f: impl FnOnce(&WriteTransaction) -> Result<(T, Fact), CmdError>,
    ) -> Result<T, CmdError> {
        self.execute_inner(who, at, act, targets, f)
            .map_err(|e| self.on_disk_cmd(e))
    }

    fn execute_inner<T>(
        &self,
        who: &Who,
        at: NaiveDateTime,
        act: &str,
        targets: Vec<Target>,
        f: impl FnOnce(&WriteTransaction) -> Result<(T, Fact), CmdError>,
    ) -> Result<T, CmdError> {
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        match f(&txn) {
            Ok((value, fact)) => {
                audit::append(&txn, &self.head, fact.draft(who, at, act, targets))?;
                txn.commit().map_err(StoreError::from)?;
                Ok(value)
            }
            Err(CmdError::Refused(why)) => {
                txn.abort().map_err(StoreError::from)?;
                let outcome = Outcome::Refused(why.clone());
                self.record(who, at, act, targets, outcome, Data::None)?;
                Err(CmdError::Refused(why))
            }
            Err(e) => Err(e),
        }
    }

    /// Applies a rule the server fires on its own (a timed rule), if it still applies: `f` says
    /// what it did, or `None` when there is nothing to do any more (another applied it, or the
    /// record moved on), and then nothing is written and no event recorded.
    pub fn apply_if<T>(
        &self,
        who: &Who,
        at: NaiveDateTime,
        act: &str,
        targets: Vec<Target>,
        f: impl FnOnce(&WriteTransaction) -> Result<Option<(T, Fact)>, CmdError>,
    ) -> Result<Option<T>, CmdError> {
        let apply = || -> Result<Option<T>, CmdError> {
            let txn = self.db.begin_write().map_err(StoreError::from)?;
            match f(&txn)? {
                Some((value, fact)) => {
                    audit::append(&txn, &self.head, fact.draft(who, at, act, targets))?;
                    txn.commit().map_err(StoreError::from)?;
                    Ok(Some(value))
                }
                None => {
                    txn.abort().map_err(StoreError::from)?;
                    Ok(None)
                }
            }
        };
        apply().map_err(|e| self.on_disk_cmd(e))
    }

    /// Runs many commands in one transaction and one commit, each with its audit event: for
    /// loading a centre's cases in bulk (load tests, benchmarks), where a commit per case
    /// would be the cost measured. A refusal ends the batch and nothing of it is kept.
    pub fn batch<T>(&self, f: impl FnOnce(&Batch) -> Result<T, CmdError>) -> Result<T, CmdError> {
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let value = f(&Batch {
            txn: &txn,
            head: &self.head,
        })?;
        txn.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Records an event that changes nothing else (a sign-in, a refusal, a stop).
    pub fn record(
        &self,
        who: &Who,
        at: NaiveDateTime,
        act: &str,
        targets: Vec<Target>,
        outcome: Outcome,
        data: Data,
    ) -> Result<(), StoreError> {
        let write = || -> Result<(), StoreError> {
            let txn = self.db.begin_write()?;
            audit::append(&txn, &self.head, who.draft(at, act, targets, outcome, data))?;
            txn.commit()?;
            Ok(())
        };
        write().map_err(|e| self.on_disk(e))
    }

    /// Checks a PIN sign-in and records the attempt against the code (not in the audit trail:
    /// the caller records the sign-in with its result).
    pub fn verify_pin(
        &self,
        code: &str,
        pin: &str,
        now: NaiveDateTime,
        default: Option<&str>,
    ) -> Result<pins::Verdict, CmdError> {
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let verdict = pins::verify(&txn, code, pin, now, default)?;
        txn.commit().map_err(StoreError::from)?;
        Ok(verdict)
    }

    /// The audit events about one target (a case id, a ticket number …), in order.
    pub fn events_about(&self, target: &str) -> Result<Vec<AuditEvent>, StoreError> {
        let txn = self.read()?;
        let seqs = audit::seqs_about(&txn.open_table(index::INDEX)?, target)?;
        let table = txn.open_table(AUDIT)?;
        let mut out = Vec::with_capacity(seqs.len());
        for seq in seqs {
            if let Some(v) = table.get(seq)? {
                out.push(decode_event(v.value())?);
            }
        }
        Ok(out)
    }

    /// Every audit event, in order (for tests: a real trail is read in pages).
    #[cfg(test)]
    pub fn audit_events(&self) -> Result<Vec<AuditEvent>, StoreError> {
        let txn = self.read()?;
        let table = txn.open_table(AUDIT)?;
        let mut out = Vec::new();
        for row in table.iter()? {
            let (_, v) = row?;
            out.push(decode_event(v.value())?);
        }
        Ok(out)
    }
}

/// Commands run together in one transaction ([`Store::batch`]).
pub struct Batch<'t> {
    txn: &'t WriteTransaction,
    head: &'t std::sync::Mutex<Option<(u64, String)>>,
}

impl Batch<'_> {
    /// Runs one command of the batch, recording its audit event.
    pub fn run<T>(
        &self,
        who: &Who,
        at: NaiveDateTime,
        act: &str,
        f: impl FnOnce(&WriteTransaction) -> Result<(T, Fact), CmdError>,
    ) -> Result<T, CmdError> {
        let (value, fact) = f(self.txn)?;
        audit::append(self.txn, self.head, fact.draft(who, at, act, Vec::new()))?;
        Ok(value)
    }
}

/// What a command's audit event records beyond who acted and when: the targets it came to be
/// about (a case's number, once given) and what changed.
#[derive(Debug, Clone, Default)]
pub struct Fact {
    pub targets: Vec<Target>,
    pub data: Data,
}

impl Fact {
    pub fn new(targets: Vec<Target>, data: Data) -> Self {
        Fact { targets, data }
    }

    /// The event: the targets named before the command ran, then those it added.
    fn draft(self, who: &Who, at: NaiveDateTime, act: &str, mut targets: Vec<Target>) -> Draft {
        for t in self.targets {
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        who.draft(at, act, targets, Outcome::Ok, self.data)
    }
}

impl Who {
    /// An event of this person's.
    fn draft(
        &self,
        at: NaiveDateTime,
        act: &str,
        targets: Vec<Target>,
        outcome: Outcome,
        data: Data,
    ) -> Draft {
        Draft {
            at,
            actor: self.actor.clone(),
            uid: self.uid,
            act: act.to_string(),
            targets,
            outcome,
            data,
        }
    }
}

impl From<redb::Error> for CmdError {
    fn from(e: redb::Error) -> Self {
        CmdError::Store(StoreError::Db(e))
    }
}

#[cfg(test)]
mod tests;
