//! Ratings and return visits in the store (好差评, 回访, RULES §11). A rating is kept whole by
//! number with the rectification its 差评 opened; its keys are in the store's index — by the
//! staff member rated and, for a 差评, among the bad ones — and, while its rectification waits
//! for an answer, in the pending index by the day it is due (what the supervision reads).
//! A month's draw is kept whole under its month, each drawn case filed to find its month.
//! A record and its keys change together, in one transaction.

use chrono::NaiveDate;
use redb::{ReadableTable, WriteTransaction};

use super::index::{INDEX, RATING_BAD, RATING_STAFF, VISIT_CASE};
use super::pending;
use super::records::{RATINGS, VISIT_DRAWS};
use super::{CmdError, StoreError};
use crate::domain::rating::RatingRecord;
use crate::domain::visit::{Month, MonthDraw, month_key};

fn staff_key(staff: &str, id: u64) -> String {
    RATING_STAFF.key(&format!("{staff}/{id:010}"))
}

fn bad_key(id: u64) -> String {
    RATING_BAD.key(&format!("{id:010}"))
}

/// Files a new rating (and its rectification, numbered as it) under the next number, which it
/// returns.
pub fn insert(txn: &WriteTransaction, record: &mut RatingRecord) -> Result<u64, CmdError> {
    let id = RATINGS.insert(txn, record)?;
    if let Some(r) = record.rectification.as_mut() {
        r.rating = id;
        RATINGS.put(txn, id, record)?;
    }
    let mut index = txn.open_table(INDEX)?;
    index.insert(staff_key(&record.rating.staff, id).as_str(), id)?;
    if record.rating.level.is_bad() {
        index.insert(bad_key(id).as_str(), id)?;
    }
    drop(index);
    file_pending(txn, id, None, record)?;
    Ok(id)
}

/// Keeps rating `id` as it now is; `before` is how it was, to move its pending key.
pub fn save(
    txn: &WriteTransaction,
    id: u64,
    before: &RatingRecord,
    record: &RatingRecord,
) -> Result<(), CmdError> {
    RATINGS.put(txn, id, record)?;
    file_pending(txn, id, before.due_while_waiting(), record)
}

fn file_pending(
    txn: &WriteTransaction,
    id: u64,
    was_due: Option<NaiveDate>,
    record: &RatingRecord,
) -> Result<(), CmdError> {
    if let Some(due) = was_due {
        pending::set(txn, &pending::rectification_key(due, id), false)?;
    }
    if let Some(due) = record.due_while_waiting() {
        pending::set(txn, &pending::rectification_key(due, id), true)?;
    }
    Ok(())
}

/// The rating numbers filed under `prefix` of the index after the key `after`, in key order;
/// `take` gets each key and number and says whether to go on.
pub fn each_under(
    index: &impl ReadableTable<&'static str, u64>,
    prefix: &str,
    after: Option<&str>,
    mut take: impl FnMut(&str, u64) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    let end = format!("{prefix}\u{10FFFF}");
    let rows = match after {
        Some(a) if a >= prefix => index.range::<&str>((
            std::ops::Bound::Excluded(a),
            std::ops::Bound::Excluded(end.as_str()),
        ))?,
        _ => index.range::<&str>(prefix..end.as_str())?,
    };
    for row in rows {
        let (k, v) = row?;
        if !take(k.value(), v.value())? {
            break;
        }
    }
    Ok(())
}

/// The index prefix of `staff`'s ratings.
pub fn of_staff(staff: &str) -> String {
    RATING_STAFF.key(&format!("{staff}/"))
}

/// The index prefix of the 差评.
pub fn bad() -> String {
    RATING_BAD.start()
}

/// The draw of `month`, if one was made.
pub fn draw_of(txn: &WriteTransaction, month: Month) -> Result<Option<MonthDraw>, CmdError> {
    VISIT_DRAWS.get(txn, month_key(month))
}

/// The draw of `month` in a read transaction, if one was made.
pub fn draw_in(txn: &redb::ReadTransaction, month: Month) -> Result<Option<MonthDraw>, StoreError> {
    let table = VISIT_DRAWS.open_read(txn)?;
    Ok(VISIT_DRAWS
        .some::<MonthDraw>(&table, [month_key(month)])?
        .pop()
        .map(|(_, d)| d))
}

/// Records a month's draw, or its visits as they now are; files each drawn case.
pub fn save_draw(txn: &WriteTransaction, draw: &MonthDraw) -> Result<(), CmdError> {
    let key = month_key(draw.draw.month);
    VISIT_DRAWS.put(txn, key, draw)?;
    let mut index = txn.open_table(INDEX)?;
    for case in &draw.draw.cases {
        index.insert(VISIT_CASE.key(&format!("{case:010}")).as_str(), key)?;
    }
    Ok(())
}

/// The month case `case` was drawn in for a return visit, if it was.
pub fn drawn_in(txn: &WriteTransaction, case: u64) -> Result<Option<Month>, CmdError> {
    let index = txn.open_table(INDEX)?;
    let found = index.get(VISIT_CASE.key(&format!("{case:010}")).as_str())?;
    Ok(found.map(|v| {
        let key = v.value();
        ((key / 100) as i32, (key % 100) as u32)
    }))
}
