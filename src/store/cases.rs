//! Cases in the store, and the index of open cases by deadline that the deadline pane and
//! `case list --due-within` read (RULES §4 electronic supervision).

use std::ops::Bound;

use chrono::NaiveDate;
use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::codec::{decode, encode};
use super::index::{COMPLETED, DEFICIENCY, INDEX, NOTICE_DAY, OPEN};
use super::pending;
use super::{COUNTERS, CmdError, StoreError};
use crate::domain::case::Case;
use crate::domain::notice::Notice;

/// Cases by id.
pub(crate) const CASES: TableDefinition<u64, &[u8]> = TableDefinition::new("cases");
/// Schema 2's table of open cases, now the index [`OPEN`] (moved there by the migration).
pub(crate) const OLD_OPEN_CASES: TableDefinition<&str, u64> = TableDefinition::new("open_cases");
/// Every notice issued, by `ID/NUMBER` (`0000000042/001`), as it was issued. A case's value does
/// not carry them (lists read cases often, and notices are most of a case's bytes).
pub(crate) const NOTICES: TableDefinition<&str, &[u8]> = TableDefinition::new("notices");
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredCase {
    pub id: u64,
    pub case: Case,
    /// Its key among the open cases ([`OPEN`], without the index's name), to move it when the
    /// deadline changes.
    pub index_key: Option<String>,
}

/// The id of a case accepted on `day`; also counts the day's intakes, so the Today pane need
/// not read every case ever opened.
pub fn next_id(txn: &WriteTransaction, day: NaiveDate) -> Result<u64, CmdError> {
    let mut counters = txn.open_table(COUNTERS)?;
    let id = u64::from(counters.get("case")?.map_or(0, |v| v.value())) + 1;
    let stored = u32::try_from(id)
        .map_err(|_| CmdError::Refused(crate::refusal::Refusal::CaseCounterFull))?;
    counters.insert("case", stored)?;
    let key = opened_key(day);
    let opened = counters.get(key.as_str())?.map_or(0, |v| v.value()) + 1;
    counters.insert(key.as_str(), opened)?;
    Ok(id)
}

fn opened_key(day: NaiveDate) -> String {
    format!("{day}/cases")
}

/// How many cases were accepted on `day`.
pub fn opened_on(
    counters: &impl ReadableTable<&'static str, u32>,
    day: NaiveDate,
) -> Result<u32, StoreError> {
    Ok(counters
        .get(opened_key(day).as_str())?
        .map_or(0, |v| v.value()))
}

/// One case, whole, to change it.
pub fn get(txn: &WriteTransaction, id: u64) -> Result<Option<Case>, CmdError> {
    Ok(load_whole(
        &txn.open_table(CASES)?,
        &txn.open_table(NOTICES)?,
        id,
    )?)
}

/// Writes a case and moves its index entry to `index_key` (none once closed).
pub fn save(
    txn: &WriteTransaction,
    id: u64,
    case: &Case,
    index_key: Option<String>,
) -> Result<(), CmdError> {
    let mut cases = txn.open_table(CASES)?;
    let mut index = txn.open_table(INDEX)?;
    let old_key = match cases.get(id)? {
        Some(v) => decode::<StoredCase>("cases", v.value())?.index_key,
        None => None,
    };
    if let Some(k) = &old_key {
        index.remove(OPEN.key(k).as_str())?;
    }
    if let Some(k) = &index_key {
        index.insert(OPEN.key(k).as_str(), id)?;
    }
    match (&old_key, &index_key) {
        (None, Some(_)) => count_open(txn, 1)?,
        (Some(_), None) => count_open(txn, -1)?,
        _ => {}
    }
    file_deficiency(&mut index, id, case)?;
    file_completed(&mut index, id, case)?;
    file_follower(txn, id, case)?;
    // A notice once issued never changes, so writing it again is writing the same bytes. The
    // notices live in their own table only: lists read cases often, and notices are most of a
    // case's bytes.
    let mut notices = txn.open_table(NOTICES)?;
    for n in &case.notices {
        let key = notice_key(id, n.number);
        notices.insert(key.as_str(), encode(n).as_slice())?;
        let by_day = NOTICE_DAY.key(&format!("{}/{key}", n.issued_on));
        index.insert(by_day.as_str(), id)?;
    }
    let stored = StoredCase {
        id,
        case: Case {
            notices: Vec::new(),
            ..case.clone()
        },
        index_key,
    };
    cases.insert(id, encode(&stored).as_slice())?;
    Ok(())
}

/// The open cases, counted as they are filed.
const OPEN_COUNT: &str = "open cases";

fn count_open(txn: &WriteTransaction, by: i64) -> Result<(), StoreError> {
    let mut counters = txn.open_table(COUNTERS)?;
    let n = counters.get(OPEN_COUNT)?.map_or(0, |v| v.value());
    counters.insert(OPEN_COUNT, (i64::from(n) + by).max(0) as u32)?;
    Ok(())
}

/// How many cases are open.
pub fn open_count(counters: &impl ReadableTable<&'static str, u32>) -> Result<usize, StoreError> {
    Ok(counters.get(OPEN_COUNT)?.map_or(0, |v| v.value()) as usize)
}

/// Files a 容缺 case under its supplement day while it is open and waits for supplements, and
/// takes it out once it does not (the day never changes, so the key is known from the case).
fn file_deficiency(
    due: &mut redb::Table<&'static str, u64>,
    id: u64,
    case: &Case,
) -> Result<(), StoreError> {
    let Some(by) = case.supplement_by else {
        return Ok(());
    };
    let key = deficiency_key(by, id);
    let waiting = case.status == crate::domain::case::CaseStatus::Open
        && case.kind == crate::domain::case::CaseKind::Deficiency
        && !case.outstanding().is_empty();
    if waiting {
        due.insert(key.as_str(), id)?;
    } else {
        due.remove(key.as_str())?;
    }
    Ok(())
}

fn deficiency_key(by: NaiveDate, id: u64) -> String {
    DEFICIENCY.key(&format!("{by}/{id:010}"))
}

/// The 容缺 cases whose supplement day is before `today`: due to lapse.
pub fn deficiencies_before(
    due: &impl ReadableTable<&'static str, u64>,
    today: NaiveDate,
) -> Result<Vec<u64>, StoreError> {
    let end = DEFICIENCY.key(&format!("{today}/"));
    let mut out = Vec::new();
    for row in due.range::<&str>(DEFICIENCY.start().as_str()..end.as_str())? {
        out.push(row?.1.value());
    }
    Ok(out)
}

/// The open cases whose running clock was due before `today`, with their deadline.
pub fn overdue_before(
    index: &impl ReadableTable<&'static str, u64>,
    today: NaiveDate,
) -> Result<Vec<(NaiveDate, u64)>, StoreError> {
    let (start, end) = (OPEN.key("D/"), OPEN.key(&format!("D/{today}")));
    let mut out = Vec::new();
    for row in index.range::<&str>(start.as_str()..end.as_str())? {
        let (k, v) = row?;
        let due = OPEN
            .strip(k.value())
            .split('/')
            .nth(1)
            .and_then(|d| d.parse().ok())
            .unwrap_or(today);
        out.push((due, v.value()));
    }
    Ok(out)
}

/// Moves schema 2's open cases into the index, counts them, and files the 容缺 ones among them
/// by their supplement day (schema 3 and older).
pub fn index_open_cases(txn: &WriteTransaction) -> Result<(), StoreError> {
    let open: Vec<(String, u64)> = {
        let old = txn.open_table(OLD_OPEN_CASES)?;
        let mut rows = Vec::new();
        for row in old.iter()? {
            let (k, v) = row?;
            rows.push((k.value().to_string(), v.value()));
        }
        rows
    };
    txn.delete_table(OLD_OPEN_CASES)?;
    let table = txn.open_table(CASES)?;
    let mut index = txn.open_table(INDEX)?;
    for (key, id) in &open {
        index.insert(OPEN.key(key).as_str(), *id)?;
        if let Some(case) = load(&table, *id)? {
            file_deficiency(&mut index, *id, &case)?;
        }
    }
    txn.open_table(COUNTERS)?
        .insert(OPEN_COUNT, open.len() as u32)?;
    Ok(())
}

/// Files an open case under its first-asked person while someone else handles it, so their
/// Today pane lists it until it closes (督办, RULES §1); unfiles it once closed.
fn file_follower(txn: &WriteTransaction, id: u64, case: &Case) -> Result<(), StoreError> {
    let key = pending::follow_key(&case.first_asked, id);
    pending::set(txn, &key, case.followed_from_afar().is_some())
}

/// Files every open case its first-asked person follows (schema 5).
pub fn index_followers(txn: &WriteTransaction) -> Result<(), StoreError> {
    let open: Vec<(u64, Case)> = {
        let table = txn.open_table(CASES)?;
        let mut rows = Vec::new();
        for row in table.iter()? {
            let (k, v) = row?;
            let stored = decode::<StoredCase>("cases", v.value())?;
            rows.push((k.value(), stored.case));
        }
        rows
    };
    for (id, case) in &open {
        file_follower(txn, *id, case)?;
    }
    Ok(())
}

/// Files a completed case under the day it was completed (that day never changes), so a
/// month's completed cases are a range and not a reading of every case.
fn file_completed(
    index: &mut redb::Table<&'static str, u64>,
    id: u64,
    case: &Case,
) -> Result<(), StoreError> {
    if let crate::domain::case::CaseStatus::Completed { on, .. } = case.status {
        index.insert(COMPLETED.key(&format!("{on}/{id:010}")).as_str(), id)?;
    }
    Ok(())
}

/// The cases completed in `month` (`(2026, 9)`), with the day each was, by day.
pub fn completed_in(
    index: &impl ReadableTable<&'static str, u64>,
    month: (i32, u32),
) -> Result<Vec<(u64, NaiveDate)>, StoreError> {
    // Days are written `2026-09-05`, so a month is the range of its prefix.
    let start = COMPLETED.key(&format!("{:04}-{:02}-", month.0, month.1));
    let end = format!("{start}\u{10FFFF}");
    let mut out = Vec::new();
    for row in index.range::<&str>(start.as_str()..end.as_str())? {
        let (k, v) = row?;
        let day = COMPLETED
            .strip(k.value())
            .split('/')
            .next()
            .and_then(|d| d.parse().ok());
        if let Some(day) = day {
            out.push((v.value(), day));
        }
    }
    Ok(out)
}

/// Files every completed case by the day it was completed (schema 6 and older).
pub fn index_completed(txn: &WriteTransaction) -> Result<(), StoreError> {
    let table = txn.open_table(CASES)?;
    let mut index = txn.open_table(INDEX)?;
    for row in table.iter()? {
        let (k, v) = row?;
        let stored = decode::<StoredCase>("cases", v.value())?;
        file_completed(&mut index, k.value(), &stored.case)?;
    }
    Ok(())
}

fn notice_key(case: u64, number: u32) -> String {
    format!("{case:010}/{number:03}")
}

/// Reads one case whole, with its notices.
pub fn load_whole(
    cases: &impl ReadableTable<u64, &'static [u8]>,
    notices: &impl ReadableTable<&'static str, &'static [u8]>,
    id: u64,
) -> Result<Option<Case>, StoreError> {
    let Some(mut case) = load(cases, id)? else {
        return Ok(None);
    };
    // Written before notices moved to their own table, a case carries them in its value.
    if case.notices.is_empty() {
        let (from, to) = (notice_key(id, 0), notice_key(id, 999));
        for row in notices.range(from.as_str()..=to.as_str())? {
            case.notices.push(decode("notices", row?.1.value())?);
        }
    }
    Ok(Some(case))
}

/// Reads one case as stored, for lists and indexes: without its notices (see [`load_whole`]),
/// except in a value written before they moved to their own table.
pub fn load(
    table: &impl ReadableTable<u64, &'static [u8]>,
    id: u64,
) -> Result<Option<Case>, StoreError> {
    Ok(match table.get(id)? {
        Some(v) => Some(decode::<StoredCase>("cases", v.value())?.case),
        None => None,
    })
}

/// The open cases from index key `after` on (running clocks by deadline, then waiting and
/// paused ones): `(key, id)` pairs, as many as `take` wants.
pub fn open_from(
    index: &impl ReadableTable<&'static str, u64>,
    after: Option<&str>,
    mut take: impl FnMut(&str, u64) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    let (after, end) = (after.map(|a| OPEN.key(a)), OPEN.end());
    let rows = match &after {
        Some(a) => {
            index.range::<&str>((Bound::Excluded(a.as_str()), Bound::Excluded(end.as_str())))?
        }
        None => index.range::<&str>(OPEN.start().as_str()..end.as_str())?,
    };
    for row in rows {
        let (k, v) = row?;
        if !take(OPEN.strip(k.value()), v.value())? {
            break;
        }
    }
    Ok(())
}

/// The index key of the open case at row `offset` (counted from 0), to read a window of rows
/// from: the keys before it are stepped over, never decoded.
pub fn open_key_at(
    index: &impl ReadableTable<&'static str, u64>,
    offset: usize,
) -> Result<Option<String>, StoreError> {
    if offset == 0 {
        return Ok(None);
    }
    let (start, end) = (OPEN.start(), OPEN.end());
    match index
        .range::<&str>(start.as_str()..end.as_str())?
        .nth(offset - 1)
    {
        Some(row) => Ok(Some(OPEN.strip(row?.0.value()).to_string())),
        None => Ok(None),
    }
}

/// How many open cases are overdue on `today`: running clocks due before it.
pub fn overdue_count(
    index: &impl ReadableTable<&'static str, u64>,
    today: NaiveDate,
) -> Result<usize, StoreError> {
    let (start, end) = (OPEN.key("D/"), OPEN.key(&format!("D/{today}")));
    let mut n = 0;
    for row in index.range::<&str>(start.as_str()..end.as_str())? {
        row?;
        n += 1;
    }
    Ok(n)
}

/// The row of an open case among the open ones, counting the index keys before its own.
pub fn open_row(
    index: &impl ReadableTable<&'static str, u64>,
    key: &str,
) -> Result<usize, StoreError> {
    let (start, key) = (OPEN.start(), OPEN.key(key));
    let mut n = 0;
    for row in index.range::<&str>(start.as_str()..key.as_str())? {
        row?;
        n += 1;
    }
    Ok(n)
}

/// The index key a stored case is filed under among the open ones, if it is open.
pub fn stored_index_key(
    table: &impl ReadableTable<u64, &'static [u8]>,
    id: u64,
) -> Result<Option<String>, StoreError> {
    Ok(match table.get(id)? {
        Some(v) => decode::<StoredCase>("cases", v.value())?.index_key,
        None => None,
    })
}

/// Notices issued on `day`, from the index key `after` on: `(index key, case, notice)`.
pub fn notices_on(
    by_day: &impl ReadableTable<&'static str, u64>,
    notices: &impl ReadableTable<&'static str, &'static [u8]>,
    day: NaiveDate,
    after: Option<&str>,
    mut take: impl FnMut(&str, u64, Notice) -> bool,
) -> Result<(), StoreError> {
    let (from, to) = (
        NOTICE_DAY.key(&format!("{day}/")),
        NOTICE_DAY.key(&format!("{day}0")),
    );
    let rows = match after {
        Some(a) if a >= from.as_str() => {
            by_day.range::<&str>((Bound::Excluded(a), Bound::Excluded(to.as_str())))?
        }
        _ => by_day.range::<&str>(from.as_str()..to.as_str())?,
    };
    for row in rows {
        let (k, _) = row?;
        let key = k.value();
        let notice_key = &key[from.len()..];
        let id = notice_key
            .split('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let Some(v) = notices.get(notice_key)? else {
            continue;
        };
        if !take(key, id, decode("notices", v.value())?) {
            break;
        }
    }
    Ok(())
}

/// Builds the day index of notices for a store written before it existed (schema 3 and older).
pub fn index_notices(txn: &WriteTransaction) -> Result<(), StoreError> {
    let notices = txn.open_table(NOTICES)?;
    let mut index = txn.open_table(INDEX)?;
    for row in notices.iter()? {
        let (k, v) = row?;
        let n: Notice = decode("notices", v.value())?;
        let id = k
            .value()
            .split('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        index.insert(
            NOTICE_DAY
                .key(&format!("{}/{}", n.issued_on, k.value()))
                .as_str(),
            id,
        )?;
    }
    Ok(())
}
