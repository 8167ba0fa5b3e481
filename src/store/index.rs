//! The store's derived indexes, in one table: open cases by deadline, 容缺 cases by supplement
//! day, notices by day, the outbox by due time, state and case, and the audit trail by target,
//! actor and day. Each is a keyspace whose keys begin with its name, so a command's commit
//! writes one index tree however many of them it touches (a commit costs more the more trees it writes: `cargo bench --bench server`).

use redb::TableDefinition;

/// Every derived index: `SPACE/KEY` → a case number or an event's sequence.
pub(crate) const INDEX: TableDefinition<&str, u64> = TableDefinition::new("index");

/// One index: the keys of [`INDEX`] that begin with its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Space(&'static str);

/// Open cases: `D/DATE/ID` for a running clock due on DATE, `W/ID` for a waiting or paused one.
pub const OPEN: Space = Space("open/");
/// 容缺 cases waiting for their supplements: `DATE/ID`, DATE their supplement day.
pub const DEFICIENCY: Space = Space("deficiency/");
/// Notices by the day issued: `DATE/ID/NUMBER`.
pub const NOTICE_DAY: Space = Space("notice-day/");
/// The outbox's waiting messages by when each is due: `DUE/ID` (DUE to the microsecond).
pub const OUTBOX_DUE: Space = Space("outbox-due/");
/// The outbox by state: `queued/ID`, `sent/ID`, `failed/ID`.
pub const OUTBOX_STATE: Space = Space("outbox-state/");
/// The outbox by case: `CASE/ID`.
pub const OUTBOX_CASE: Space = Space("outbox-case/");
/// Violations by staff member: `STAFF/ID` (a ledger is a range of it).
pub const VIOLATION_STAFF: Space = Space("violation-staff/");
/// Violations by state: `proposed/ID`, `confirmed/ID`, `dismissed/ID`.
pub const VIOLATION_STATE: Space = Space("violation-state/");
/// The fact each proposal came from: `SOURCE/STAFF` → the violation, so that a fact proposes
/// once however often it is seen (a rule fires again after a restart).
pub const VIOLATION_SOURCE: Space = Space("violation-source/");
/// Completed cases by the day completed: `DATE/ID` (a month's return-visit candidates are a
/// range of it).
pub const COMPLETED: Space = Space("completed/");
/// Ratings by the staff member rated: `STAFF/ID`.
pub const RATING_STAFF: Space = Space("rating-staff/");
/// 差评 (ratings of 4 or 5): `ID`.
pub const RATING_BAD: Space = Space("rating-bad/");
/// Each case drawn for a return visit: `CASE` → the month drawn in, as `YYYYMM`.
pub const VISIT_CASE: Space = Space("visit-case/");
/// The audit trail: `target/KEY\0SEQ`, `actor/CODE\0SEQ`, `day/DATE\0SEQ`.
pub const AUDIT: Space = Space("audit/");

impl Space {
    /// The key of `rest` in this index.
    pub fn key(self, rest: &str) -> String {
        format!("{}{rest}", self.0)
    }

    /// The first key of this index.
    pub fn start(self) -> String {
        self.0.to_string()
    }

    /// A key past every key of this index.
    pub fn end(self) -> String {
        format!("{}\u{10FFFF}", self.0)
    }

    /// A key of this index without its name.
    pub fn strip(self, key: &str) -> &str {
        key.strip_prefix(self.0).unwrap_or(key)
    }
}
