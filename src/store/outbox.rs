//! The outbox (RULES §4: the completion told by SMS): messages by number, kept whole, and their
//! keys in the store's index — waiting ones by when they are due (what the delivery thread
//! reads), every one by its state (`outbox list --state`) and by its case (the case's view).
//! A message and its keys change together, in the transaction of the act that changes it.

use std::ops::Bound;

use chrono::NaiveDateTime;
use redb::{ReadableTable, WriteTransaction};

use super::index::{INDEX, OUTBOX_CASE, OUTBOX_DUE, OUTBOX_STATE};
use super::records::OUTBOX;
use super::{CmdError, StoreError};
use crate::domain::outbox::{DeliveryState, Message};

/// How a due time is written in a key: to the microsecond, so keys sort as times do.
const DUE_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

fn due_key(due: NaiveDateTime, id: u64) -> String {
    OUTBOX_DUE.key(&format!("{}/{id:010}", due.format(DUE_FORMAT)))
}

fn state_prefix(state: DeliveryState) -> String {
    OUTBOX_STATE.key(&format!("{}/", state.key()))
}

fn state_key(state: DeliveryState, id: u64) -> String {
    format!("{}{id:010}", state_prefix(state))
}

fn case_prefix(case: u64) -> String {
    OUTBOX_CASE.key(&format!("{case:010}/"))
}

/// Every index key of message `id` as it stands.
fn keys(id: u64, m: &Message) -> Vec<String> {
    let mut keys = vec![
        state_key(m.delivery_state(), id),
        format!("{}{id:010}", case_prefix(m.case)),
    ];
    if let Some(due) = m.due() {
        keys.push(due_key(due, id));
    }
    keys
}

/// Puts a new message in the outbox and returns its number.
pub fn queue(txn: &WriteTransaction, m: &Message) -> Result<u64, CmdError> {
    let id = OUTBOX.insert(txn, m)?;
    let mut index = txn.open_table(INDEX)?;
    for key in keys(id, m) {
        index.insert(key.as_str(), id)?;
    }
    Ok(id)
}

/// Keeps message `id` as it now is, its index keys moved from where `before` had them.
pub fn save(
    txn: &WriteTransaction,
    id: u64,
    before: &Message,
    now: &Message,
) -> Result<(), CmdError> {
    OUTBOX.put(txn, id, now)?;
    let mut index = txn.open_table(INDEX)?;
    for key in keys(id, before) {
        index.remove(key.as_str())?;
    }
    for key in keys(id, now) {
        index.insert(key.as_str(), id)?;
    }
    Ok(())
}

pub fn get(txn: &WriteTransaction, id: u64) -> Result<Option<Message>, CmdError> {
    OUTBOX.get(txn, id)
}

/// The messages waiting to be sent, each with when it is due, read from the index alone.
pub fn waiting(
    index: &impl ReadableTable<&'static str, u64>,
) -> Result<Vec<(u64, NaiveDateTime)>, StoreError> {
    let mut out = Vec::new();
    let (start, end) = (OUTBOX_DUE.start(), OUTBOX_DUE.end());
    for row in index.range::<&str>(start.as_str()..end.as_str())? {
        let (k, v) = row?;
        let key = k.value();
        let due = OUTBOX_DUE
            .strip(key)
            .rsplit_once('/')
            .and_then(|(due, _)| NaiveDateTime::parse_from_str(due, DUE_FORMAT).ok());
        match due {
            Some(due) => out.push((v.value(), due)),
            None => {
                return Err(StoreError::Corrupt {
                    table: "index",
                    detail: format!("the outbox key `{key}` names no due time"),
                });
            }
        }
    }
    Ok(out)
}

/// The messages of one case, by number.
pub fn of_case(
    index: &impl ReadableTable<&'static str, u64>,
    table: &impl ReadableTable<u64, &'static [u8]>,
    case: u64,
) -> Result<Vec<(u64, Message)>, StoreError> {
    let prefix = case_prefix(case);
    let end = format!("{prefix}\u{10FFFF}");
    let mut ids = Vec::new();
    for row in index.range::<&str>(prefix.as_str()..end.as_str())? {
        ids.push(row?.1.value());
    }
    OUTBOX.some(table, ids)
}

/// Messages by number after the cursor `after` (a number), of one state or of all; `take`
/// gets each with its cursor and says whether to go on. A state's messages are a range of the
/// index, so no message of another state is read.
pub fn scan(
    index: &impl ReadableTable<&'static str, u64>,
    table: &impl ReadableTable<u64, &'static [u8]>,
    state: Option<DeliveryState>,
    after: Option<u64>,
    mut take: impl FnMut(u64, Message) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    let Some(state) = state else {
        let start = after.map_or(Bound::Unbounded, Bound::Excluded);
        for row in table.range::<u64>((start, Bound::Unbounded))? {
            let (k, v) = row?;
            let m = super::codec::decode("outbox", v.value())?;
            if !take(k.value(), m)? {
                break;
            }
        }
        return Ok(());
    };
    let prefix = state_prefix(state);
    let end = format!("{prefix}\u{10FFFF}");
    let start = match after {
        Some(id) => Bound::Excluded(state_key(state, id)),
        None => Bound::Included(prefix),
    };
    let rows = index.range::<&str>((
        start.as_ref().map(String::as_str),
        Bound::Excluded(end.as_str()),
    ))?;
    for row in rows {
        let id = row?.1.value();
        let Some(v) = table.get(id)? else {
            continue;
        };
        let m = super::codec::decode("outbox", v.value())?;
        if !take(id, m)? {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::outbox::{SmsSettings, State};
    use crate::store::Store;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(h, m, s)
            .unwrap()
    }

    fn message(case: u64) -> Message {
        Message {
            case,
            phone: "13800001234".into(),
            text: "【中心】张三：您的事项（办件号1）已办结".into(),
            queued_at: at(9, 0, 0),
            attempts: 0,
            round: 0,
            last_error: None,
            state: State::Waiting { due: at(9, 0, 0) },
        }
    }

    #[test]
    fn a_message_is_found_by_its_due_time_state_and_case_and_its_keys_follow_it() {
        let dir = std::env::temp_dir().join(format!("frontdesk-outbox-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("t.redb"), at(9, 0, 0)).unwrap();
        let txn = store.db.begin_write().unwrap();
        let first = queue(&txn, &message(7)).unwrap();
        let second = queue(&txn, &message(8)).unwrap();
        let before = get(&txn, first).unwrap().unwrap();
        let mut after = before.clone();
        let sms = SmsSettings {
            retry_secs: 30,
            ..SmsSettings::default()
        };
        after.attempt_failed(at(9, 0, 1), "busy".into(), &sms);
        save(&txn, first, &before, &after).unwrap();
        let sent_before = get(&txn, second).unwrap().unwrap();
        let mut sent = sent_before.clone();
        sent.delivered(at(9, 0, 2));
        save(&txn, second, &sent_before, &sent).unwrap();
        txn.commit().unwrap();

        let read = store.read().unwrap();
        let index = read.open_table(INDEX).unwrap();
        let table = OUTBOX.open_read(&read).unwrap();
        assert_eq!(waiting(&index).unwrap(), [(first, at(9, 0, 31))]);
        let of = |state| {
            let mut ids = Vec::new();
            scan(&index, &table, state, None, |id, _| {
                ids.push(id);
                Ok(true)
            })
            .unwrap();
            ids
        };
        assert_eq!(of(Some(DeliveryState::Queued)), [first]);
        assert_eq!(of(Some(DeliveryState::Sent)), [second]);
        assert!(of(Some(DeliveryState::Failed)).is_empty());
        assert_eq!(of(None), [first, second]);
        let of_eight = of_case(&index, &table, 8).unwrap();
        assert_eq!(of_eight.len(), 1);
        assert_eq!(of_eight[0].1.state, State::Sent { at: at(9, 0, 2) });
        let _ = std::fs::remove_dir_all(&dir);
    }
}
