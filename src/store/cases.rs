//! Cases in the store, and the index of open cases by deadline that the deadline pane and
//! `case list --due-within` read (RULES §4 electronic supervision).

use chrono::NaiveDate;
use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};

use super::codec::{decode, encode};
use super::{COUNTERS, CmdError, StoreError};
use crate::domain::case::Case;
use crate::domain::notice::Notice;

/// Cases by id.
pub(crate) const CASES: TableDefinition<u64, &[u8]> = TableDefinition::new("cases");
/// Open cases: `D/DATE/ID` for a running clock due on DATE, `W/ID` for a waiting or paused one.
pub(crate) const OPEN_CASES: TableDefinition<&str, u64> = TableDefinition::new("open_cases");
/// Every notice issued, by `ID/NUMBER` (`0000000042/001`), as it was issued; the case keeps its
/// own copy, this table answers questions across cases (the notices issued on a day).
pub(crate) const NOTICES: TableDefinition<&str, &[u8]> = TableDefinition::new("notices");

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredCase {
    pub id: u64,
    pub case: Case,
    /// Its key in [`OPEN_CASES`], to move it when the deadline changes.
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
    let mut index = txn.open_table(OPEN_CASES)?;
    let old_key = match cases.get(id)? {
        Some(v) => decode::<StoredCase>("cases", v.value())?.index_key,
        None => None,
    };
    if let Some(k) = old_key {
        index.remove(k.as_str())?;
    }
    if let Some(k) = &index_key {
        index.insert(k.as_str(), id)?;
    }
    // A notice once issued never changes, so writing it again is writing the same bytes. The
    // notices live in their own table only: lists read cases often, and notices are most of a
    // case's bytes.
    let mut notices = txn.open_table(NOTICES)?;
    for n in &case.notices {
        notices.insert(notice_key(id, n.number).as_str(), encode(n).as_slice())?;
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

/// Ids of open cases: running clocks by deadline, then waiting and paused ones.
pub fn open_ids(index: &impl ReadableTable<&'static str, u64>) -> Result<Vec<u64>, StoreError> {
    let mut ids = Vec::new();
    for row in index.iter()? {
        let (_, v) = row?;
        ids.push(v.value());
    }
    Ok(ids)
}

/// Every case id, oldest first.
pub fn all_ids(table: &impl ReadableTable<u64, &'static [u8]>) -> Result<Vec<u64>, StoreError> {
    let mut ids = Vec::new();
    for row in table.iter()? {
        let (k, _) = row?;
        ids.push(k.value());
    }
    Ok(ids)
}

/// Every notice issued, in case and number order.
pub fn all_notices(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
) -> Result<Vec<(u64, Notice)>, StoreError> {
    let mut out = Vec::new();
    for row in table.iter()? {
        let (k, v) = row?;
        let id = k
            .value()
            .split('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        out.push((id, decode("notices", v.value())?));
    }
    Ok(out)
}
