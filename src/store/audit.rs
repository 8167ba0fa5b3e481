//! The audit trail (RULES §9: responsibility must be traceable): every change, every refused
//! command and every sign-in is an event, hash-chained so that a changed or removed event is
//! found by `frontdesk audit verify`.

use redb::{ReadableTable, TableDefinition, WriteTransaction};

use super::codec::{VALUE_FORMAT, decode};
use super::{AUDIT, StoreError};

pub use crate::event::{
    AuditEvent, Chain, ChainError, Data, Draft, GENESIS, LegacyEvent, Outcome, Target, TypedEvent,
    verify,
};

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

/// Files an event in the indexes by target, by actor and by day.
fn index_event(txn: &WriteTransaction, e: &AuditEvent) -> Result<(), StoreError> {
    let seq = e.seq();
    let mut by_target = txn.open_table(AUDIT_BY_TARGET)?;
    for key in e.target_keys() {
        by_target.insert(target_key(&key, seq).as_str(), seq)?;
    }
    txn.open_table(AUDIT_BY_ACTOR)?
        .insert(target_key(e.actor(), seq).as_str(), seq)?;
    txn.open_table(AUDIT_BY_DAY)?
        .insert(target_key(&e.at().date().to_string(), seq).as_str(), seq)?;
    Ok(())
}

/// Builds the indexes by actor and by day for a trail written before they existed (schema 2).
pub fn index_actors_and_days(txn: &WriteTransaction) -> Result<(), StoreError> {
    let table = txn.open_table(AUDIT)?;
    let mut by_actor = txn.open_table(AUDIT_BY_ACTOR)?;
    let mut by_day = txn.open_table(AUDIT_BY_DAY)?;
    for row in table.iter()? {
        let (_, v) = row?;
        let e = decode_event(v.value())?;
        by_actor.insert(target_key(e.actor(), e.seq()).as_str(), e.seq())?;
        by_day.insert(
            target_key(&e.at().date().to_string(), e.seq()).as_str(),
            e.seq(),
        )?;
    }
    Ok(())
}

/// The format byte of a typed event's value; a legacy event's is the codec's 1.
const TYPED_FORMAT: u8 = 2;

/// Reads a stored event of either rule.
pub fn decode_event(bytes: &[u8]) -> Result<AuditEvent, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        table: "audit",
        detail,
    };
    match bytes.split_first() {
        Some((&TYPED_FORMAT, json)) => serde_json::from_slice(json)
            .map(AuditEvent::Typed)
            .map_err(|e| corrupt(e.to_string())),
        Some((&VALUE_FORMAT, _)) => decode("audit", bytes).map(AuditEvent::Legacy),
        Some((&v, _)) => Err(StoreError::NewerFormat {
            table: "audit",
            found: u32::from(v),
            known: u32::from(TYPED_FORMAT),
        }),
        None => Err(corrupt("empty value".into())),
    }
}

fn encode_typed(e: &TypedEvent) -> Vec<u8> {
    let mut out = vec![TYPED_FORMAT];
    // Serialising our own plain data types cannot fail.
    serde_json::to_writer(&mut out, e).expect("events serialise");
    out
}

/// Appends an event inside the caller's write transaction, chained to the last one.
pub fn append(txn: &WriteTransaction, d: Draft) -> Result<TypedEvent, StoreError> {
    let mut table = txn.open_table(AUDIT)?;
    let (seq, prev) = match table.last()? {
        Some((k, v)) => (k.value() + 1, decode_event(v.value())?.hash().to_string()),
        None => (1, GENESIS.to_string()),
    };
    let event = TypedEvent::new(seq, prev, d);
    table.insert(seq, encode_typed(&event).as_slice())?;
    drop(table);
    index_event(txn, &AuditEvent::Typed(event.clone()))?;
    Ok(event)
}

/// Files every event again under the keys of typed targets (schema 4): a legacy event's one
/// text target becomes the key its action names (`45` of `case.open` is `case/45`).
pub fn reindex_targets(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(AUDIT_BY_TARGET)?.retain(|_, _| false)?;
    let table = txn.open_table(AUDIT)?;
    let mut index = txn.open_table(AUDIT_BY_TARGET)?;
    for row in table.iter()? {
        let (k, v) = row?;
        for key in decode_event(v.value())?.target_keys() {
            index.insert(target_key(&key, k.value()).as_str(), k.value())?;
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
                if !take(&k.value().to_string(), decode_event(v.value())?) {
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
        if !take(k.value(), decode_event(v.value())?) {
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
        if let Err(e) = chain.next(&decode_event(v.value())?) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(chain.checked()))
}
