//! The audit trail (RULES §9: responsibility must be traceable): every change, every refused
//! command and every sign-in is an event, hash-chained so that a changed or removed event is
//! found by `frontdesk audit verify`.

use chrono::NaiveDateTime;
use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::codec::{decode, encode};
use super::{AUDIT, StoreError};

/// Events by what they were about: `TARGET\0SEQ` → seq, so a case's history is a range scan,
/// not a read of the whole trail.
pub(crate) const AUDIT_BY_TARGET: TableDefinition<&str, u64> =
    TableDefinition::new("audit_by_target");

/// Events by who acted: `ACTOR\0SEQ` → seq.
pub(crate) const AUDIT_BY_ACTOR: TableDefinition<&str, u64> =
    TableDefinition::new("audit_by_actor");
/// Events by the day of the server's clock they happened on: `DATE\0SEQ` → seq.
pub(crate) const AUDIT_BY_DAY: TableDefinition<&str, u64> = TableDefinition::new("audit_by_day");

fn target_key(target: &str, seq: u64) -> String {
    format!("{target}\0{seq:020}")
}

/// Files an event in the indexes by actor and by day.
fn index_event(txn: &WriteTransaction, e: &AuditEvent) -> Result<(), StoreError> {
    txn.open_table(AUDIT_BY_ACTOR)?
        .insert(target_key(&e.actor, e.seq).as_str(), e.seq)?;
    txn.open_table(AUDIT_BY_DAY)?
        .insert(target_key(&e.at.date().to_string(), e.seq).as_str(), e.seq)?;
    Ok(())
}

/// Builds the indexes by actor and by day for a trail written before they existed (schema 2).
pub fn index_actors_and_days(txn: &WriteTransaction) -> Result<(), StoreError> {
    let table = txn.open_table(AUDIT)?;
    for row in table.iter()? {
        let (_, v) = row?;
        index_event(txn, &decode("audit", v.value())?)?;
    }
    Ok(())
}

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One recorded event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub seq: u64,
    pub at: NaiveDateTime,
    /// Staff code of who acted, or `-` for an unknown peer.
    pub actor: String,
    /// The peer's unix uid.
    pub uid: u32,
    /// What was asked: `ticket.take`, `sign-in` …
    pub action: String,
    /// What it was about: a ticket number, a case id …
    pub target: String,
    /// `ok`, or `refused: why`.
    pub result: String,
    pub prev: String,
    pub hash: String,
}

/// What the caller knows of an event; the store adds the sequence and the chain.
#[derive(Debug, Clone)]
pub struct Draft {
    pub at: NaiveDateTime,
    pub actor: String,
    pub uid: u32,
    pub action: String,
    pub target: String,
    pub result: String,
}

fn digest(e: &AuditEvent) -> String {
    let mut h = Sha256::new();
    let fields = [
        e.seq.to_string(),
        e.at.to_string(),
        e.actor.clone(),
        e.uid.to_string(),
        e.action.clone(),
        e.target.clone(),
        e.result.clone(),
        e.prev.clone(),
    ];
    for f in fields {
        // Length-prefixed, so no two different events hash the same text.
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends an event inside the caller's write transaction.
pub fn append(txn: &WriteTransaction, d: Draft) -> Result<AuditEvent, StoreError> {
    let mut table = txn.open_table(AUDIT)?;
    let (seq, prev) = match table.last()? {
        Some((k, v)) => {
            let last: AuditEvent = decode("audit", v.value())?;
            (k.value() + 1, last.hash)
        }
        None => (1, GENESIS.to_string()),
    };
    let mut event = AuditEvent {
        seq,
        at: d.at,
        actor: d.actor,
        uid: d.uid,
        action: d.action,
        target: d.target,
        result: d.result,
        prev,
        hash: String::new(),
    };
    event.hash = digest(&event);
    table.insert(seq, encode(&event).as_slice())?;
    if !event.target.is_empty() {
        txn.open_table(AUDIT_BY_TARGET)?
            .insert(target_key(&event.target, seq).as_str(), seq)?;
    }
    index_event(txn, &event)?;
    Ok(event)
}

/// Builds the target index for a trail written before it existed (schema 1, and early
/// schema-2 files); does nothing when the index already holds entries or the trail is empty.
pub fn index_if_missing(txn: &WriteTransaction) -> Result<(), StoreError> {
    let mut index = txn.open_table(AUDIT_BY_TARGET)?;
    if index.first()?.is_some() {
        return Ok(());
    }
    let table = txn.open_table(AUDIT)?;
    for row in table.iter()? {
        let (k, v) = row?;
        let event: AuditEvent = decode("audit", v.value())?;
        if !event.target.is_empty() {
            index.insert(target_key(&event.target, k.value()).as_str(), k.value())?;
        }
    }
    Ok(())
}

/// The sequence numbers of the events about `target`, in order.
pub fn seqs_about(
    index: &impl ReadableTable<&'static str, u64>,
    target: &str,
) -> Result<Vec<u64>, StoreError> {
    let (from, to) = (format!("{target}\0"), format!("{target}\u{1}"));
    let mut out = Vec::new();
    for row in index.range(from.as_str()..to.as_str())? {
        out.push(row?.1.value());
    }
    Ok(out)
}

/// Which index an audit query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByIndex<'a> {
    /// Every event, by sequence.
    All,
    Target(&'a str),
    Actor(&'a str),
    /// From this day on.
    Since(chrono::NaiveDate),
}

/// Reads events in the order of an index, after the cursor `after` (a key the scan gave
/// before). `take` gets each event with its cursor and says whether to go on.
pub fn scan(
    txn: &redb::ReadTransaction,
    by: ByIndex,
    after: Option<&str>,
    mut take: impl FnMut(&str, AuditEvent) -> bool,
) -> Result<(), StoreError> {
    use std::ops::Bound::{Excluded, Included, Unbounded};
    let table = txn.open_table(AUDIT)?;
    let (index, from, to) = match by {
        ByIndex::All => {
            let start = match after.map(str::parse::<u64>) {
                Some(Ok(seq)) => Excluded(seq),
                _ => Unbounded,
            };
            for row in table.range::<u64>((start, Unbounded))? {
                let (k, v) = row?;
                if !take(&k.value().to_string(), decode("audit", v.value())?) {
                    break;
                }
            }
            return Ok(());
        }
        ByIndex::Target(t) => (AUDIT_BY_TARGET, format!("{t}\0"), Some(format!("{t}\u{1}"))),
        ByIndex::Actor(a) => (AUDIT_BY_ACTOR, format!("{a}\0"), Some(format!("{a}\u{1}"))),
        ByIndex::Since(day) => (AUDIT_BY_DAY, format!("{day}\0"), None),
    };
    let index = txn.open_table(index)?;
    let lower = match after {
        Some(a) if a >= from.as_str() => Excluded(a),
        _ => Included(from.as_str()),
    };
    let upper = to.as_deref().map_or(Unbounded, Excluded);
    for row in index.range::<&str>((lower, upper))? {
        let (k, seq) = row?;
        let Some(v) = table.get(seq.value())? else {
            continue;
        };
        if !take(k.value(), decode("audit", v.value())?) {
            break;
        }
    }
    Ok(())
}

/// Checks the whole chain in order without holding it in memory; returns how many events were
/// checked.
pub fn verify_stored(txn: &redb::ReadTransaction) -> Result<Result<u64, ChainError>, StoreError> {
    let table = txn.open_table(AUDIT)?;
    let mut chain = Chain::default();
    for row in table.iter()? {
        let (_, v) = row?;
        if let Err(e) = chain.next(&decode("audit", v.value())?) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(chain.checked))
}

/// Where a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("audit event {seq} does not match its hash: it was changed after it was written")]
    Altered { seq: u64 },
    #[error(
        "audit event {seq} does not follow event {prev_seq}: an event between them was removed or replaced"
    )]
    Broken { seq: u64, prev_seq: u64 },
    #[error("audit event {seq} is out of sequence (expected {expected}): events were removed")]
    Gap { seq: u64, expected: u64 },
}

/// A chain checked event by event.
struct Chain {
    prev_hash: String,
    checked: u64,
}

impl Default for Chain {
    fn default() -> Self {
        Chain {
            prev_hash: GENESIS.to_string(),
            checked: 0,
        }
    }
}

impl Chain {
    fn next(&mut self, e: &AuditEvent) -> Result<(), ChainError> {
        let expected = self.checked + 1;
        if e.seq != expected {
            return Err(ChainError::Gap {
                seq: e.seq,
                expected,
            });
        }
        if e.prev != self.prev_hash {
            return Err(ChainError::Broken {
                seq: e.seq,
                prev_seq: e.seq - 1,
            });
        }
        if digest(e) != e.hash {
            return Err(ChainError::Altered { seq: e.seq });
        }
        self.prev_hash = e.hash.clone();
        self.checked = expected;
        Ok(())
    }
}

/// Checks a chain of events in order; returns how many were checked.
pub fn verify<'a>(events: impl IntoIterator<Item = &'a AuditEvent>) -> Result<u64, ChainError> {
    let mut chain = Chain::default();
    for e in events {
        chain.next(e)?;
    }
    Ok(chain.checked)
}
