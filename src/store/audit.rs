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

fn target_key(target: &str, seq: u64) -> String {
    format!("{target}\0{seq:020}")
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

/// Checks a chain of events in order; returns how many were checked.
pub fn verify<'a>(events: impl IntoIterator<Item = &'a AuditEvent>) -> Result<u64, ChainError> {
    let mut prev_hash = GENESIS.to_string();
    let mut expected = 1;
    for e in events {
        if e.seq != expected {
            return Err(ChainError::Gap {
                seq: e.seq,
                expected,
            });
        }
        if e.prev != prev_hash {
            return Err(ChainError::Broken {
                seq: e.seq,
                prev_seq: e.seq - 1,
            });
        }
        if digest(e) != e.hash {
            return Err(ChainError::Altered { seq: e.seq });
        }
        prev_hash = e.hash.clone();
        expected += 1;
    }
    Ok(expected - 1)
}
