//! The audit trail (RULES §9: responsibility must be traceable): every change, every refused
//! command and every sign-in is an event, hash-chained so that a changed or removed event is
//! found by `frontdesk audit verify`.

use std::sync::Mutex;

use redb::{ReadableTable, TableDefinition, WriteTransaction};

use super::codec::{VALUE_FORMAT, decode};
use super::index::{AUDIT as AUDIT_SPACE, INDEX};
use super::{AUDIT, StoreError};

pub use crate::event::{
    AuditEvent, Chain, ChainError, Data, Draft, GENESIS, LegacyEvent, Outcome, Target, TypedEvent,
    verify,
};

/// Schema 2's index by target, replaced by the trail's keyspace of the store's index: each
/// event under each of its targets (`audit/target/case/45`), its actor (`audit/actor/C01`) and
/// its day (`audit/day/2026-11-23`), then `\0` and its sequence, → seq. A case's history or a
/// staff member's acts are a range scan, never a read of the whole trail.
const OLD_BY_TARGET: TableDefinition<&str, u64> = TableDefinition::new("audit_by_target");

/// The kinds of keys in the index.
#[derive(Debug, Clone, Copy)]
enum By {
    Target,
    Actor,
    Day,
}

impl By {
    fn prefix(self, value: &str) -> String {
        let kind = match self {
            By::Target => "target",
            By::Actor => "actor",
            By::Day => "day",
        };
        AUDIT_SPACE.key(&format!("{kind}/{value}\0"))
    }
}

fn index_key(by: By, value: &str, seq: u64) -> String {
    format!("{}{seq:020}", by.prefix(value))
}

/// Files event `seq` in the index by each of its targets' keys, its actor and its day.
fn index_event(
    index: &mut redb::Table<&'static str, u64>,
    seq: u64,
    targets: &[String],
    actor: &str,
    day: chrono::NaiveDate,
) -> Result<(), StoreError> {
    for key in targets {
        index.insert(index_key(By::Target, key, seq).as_str(), seq)?;
    }
    index.insert(index_key(By::Actor, actor, seq).as_str(), seq)?;
    index.insert(index_key(By::Day, &day.to_string(), seq).as_str(), seq)?;
    Ok(())
}

/// Files every event again (schema 4): old events under the typed keys their actions name (`45`
/// of `case.open` is `case/45`), with their actors and days; schema 2's index goes.
pub fn reindex(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.delete_table(OLD_BY_TARGET)?;
    let mut index = txn.open_table(INDEX)?;
    let (start, end) = (AUDIT_SPACE.start(), AUDIT_SPACE.end());
    index.retain_in::<&str, _>(start.as_str()..end.as_str(), |_, _| false)?;
    let table = txn.open_table(AUDIT)?;
    for row in table.iter()? {
        let (_, v) = row?;
        let e = decode_event(v.value())?;
        index_event(
            &mut index,
            e.seq(),
            &e.target_keys(),
            e.actor(),
            e.at().date(),
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
///
/// `head` remembers the last event appended (its sequence and hash), so the next one need not
/// read it back: it is used only when the trail's last event is still that one (a transaction
/// that was aborted leaves it behind, and then the last event is read).
pub fn append(
    txn: &WriteTransaction,
    head: &Mutex<Option<(u64, String)>>,
    d: Draft,
) -> Result<TypedEvent, StoreError> {
    let mut table = txn.open_table(AUDIT)?;
    let last = table.last()?.map(|(k, _)| k.value());
    let known = head
        .lock()
        .ok()
        .and_then(|h| h.clone())
        .filter(|(seq, _)| Some(*seq) == last);
    let (seq, prev) = match (last, known) {
        (None, _) => (1, GENESIS.to_string()),
        (Some(_), Some((seq, hash))) => (seq + 1, hash),
        (Some(seq), None) => match table.get(seq)? {
            Some(v) => (seq + 1, decode_event(v.value())?.hash().to_string()),
            None => (seq + 1, GENESIS.to_string()),
        },
    };
    let day = d.at.date();
    let event = TypedEvent::new(seq, prev, d);
    table.insert(seq, encode_typed(&event).as_slice())?;
    let index = &mut txn.open_table(INDEX)?;
    index_event(index, seq, &event.targets, &event.actor, day)?;
    if let Ok(mut h) = head.lock() {
        *h = Some((seq, event.hash.clone()));
    }
    Ok(event)
}

/// The sequence numbers of the events about `target`, in order.
pub fn seqs_about(
    index: &impl ReadableTable<&'static str, u64>,
    target: &str,
) -> Result<Vec<u64>, StoreError> {
    let from = By::Target.prefix(target);
    let to = format!("{}\u{1}", from.trim_end_matches('\0'));
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
    let (index, key) = match by {
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
        ByIndex::Target(t) => (By::Target, t.to_string()),
        ByIndex::Actor(a) => (By::Actor, a.to_string()),
        ByIndex::Since(day) => (By::Day, day.to_string()),
    };
    let from = index.prefix(&key);
    // One target or actor: its own keys. From a day on: every later day's too.
    let to = match index {
        By::Day => AUDIT_SPACE.key("day0"),
        _ => format!("{}\u{1}", from.trim_end_matches('\0')),
    };
    let to = Some(to);
    let index = txn.open_table(INDEX)?;
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
