//! Indexes of what is open or pending, so a refresh reads what waits and never a whole history:
//! extension requests and leave not yet decided, enquiries not yet closed (by their first-asked
//! person), and leave by the time it ends (what touches today or later).

use chrono::NaiveDateTime;
use redb::{ReadableTable, TableDefinition, WriteTransaction};

use super::StoreError;
use super::records::{COVERS, DUTY_BY_DAY, DUTY_LOG, ENQUIRIES, EXTENSIONS, LEAVE};
use crate::domain::calendar::Calendar;
use crate::domain::cover::Cover;
use crate::domain::enquiry::{Enquiry, EnquiryStatus};
use crate::domain::extension::ExtensionRequest;
use crate::domain::leave::LeaveBook;
use crate::domain::leave::{LeaveRequest, LeaveStatus};
use crate::domain::roster::DutyEntry;

/// What waits: `extension/ID`, `leave/ID`, `enquiry/CODE/ID` (CODE the first-asked person),
/// `follow/CODE/ID` (an open case handled by someone else that CODE was first asked).
pub(crate) const PENDING: TableDefinition<&str, ()> = TableDefinition::new("pending");
/// Leave requests by the end of the time they ask for: `END/ID` → id. The requests that matter
/// from a moment on are a range from it.
pub(crate) const LEAVE_BY_END: TableDefinition<&str, u64> = TableDefinition::new("leave_by_end");

/// Cover assignments by the end of their time: `END/ID` → id, as leave is.
pub(crate) const COVER_BY_END: TableDefinition<&str, u64> = TableDefinition::new("cover_by_end");

/// The kinds of pending entries, each a prefix of its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    Extension,
    Leave,
    Enquiry,
    Follow,
    Complaint,
    Rectification,
}

impl Waiting {
    pub fn prefix(self) -> &'static str {
        match self {
            Waiting::Extension => "extension/",
            Waiting::Leave => "leave/",
            Waiting::Enquiry => "enquiry/",
            Waiting::Follow => "follow/",
            Waiting::Complaint => "complaint/",
            Waiting::Rectification => "rectification/",
        }
    }
}

/// The key of an extension request or a leave request.
pub fn key(what: Waiting, id: u64) -> String {
    format!("{}{id:010}", what.prefix())
}

/// The key of an open enquiry, under its first-asked person.
pub fn enquiry_key(first_asked: &str, id: u64) -> String {
    format!("{}{id:010}", enquiries_of(first_asked))
}

/// The prefix of the open enquiries one person was first asked.
pub fn enquiries_of(first_asked: &str) -> String {
    format!("{}{first_asked}/", Waiting::Enquiry.prefix())
}

/// The key of a complaint still to answer, by the day its reply is due: a range of the prefix
/// gives them soonest first.
pub fn complaint_key(due: chrono::NaiveDate, id: u64) -> String {
    format!("{}{due}/{id:010}", Waiting::Complaint.prefix())
}

/// The key of a 差评's rectification still to answer, by the day it is due (RULES §11).
pub fn rectification_key(due: chrono::NaiveDate, id: u64) -> String {
    format!("{}{due}/{id:010}", Waiting::Rectification.prefix())
}

/// The key of a case its first-asked person follows while someone else handles it.
pub fn follow_key(first_asked: &str, id: u64) -> String {
    format!("{}{id:010}", followed_by(first_asked))
}

/// The prefix of the cases one person follows as their first-asked person.
pub fn followed_by(first_asked: &str) -> String {
    format!("{}{first_asked}/", Waiting::Follow.prefix())
}

/// The id at the end of a pending key.
pub fn id_of(key: &str) -> Option<u64> {
    key.rsplit('/').next()?.parse().ok()
}

/// Marks `key` pending, or no longer.
pub fn set(txn: &WriteTransaction, key: &str, pending: bool) -> Result<(), StoreError> {
    let mut table = txn.open_table(PENDING)?;
    if pending {
        table.insert(key, ())?;
    } else {
        table.remove(key)?;
    }
    Ok(())
}

/// The pending keys that start with `prefix`, in order, after `after` when given.
pub fn keys(
    table: &impl ReadableTable<&'static str, ()>,
    prefix: &str,
    after: Option<&str>,
) -> Result<Vec<String>, StoreError> {
    let end = format!("{prefix}\u{10FFFF}");
    let mut out = Vec::new();
    let rows = match after {
        Some(a) if a >= prefix => table.range::<&str>((
            std::ops::Bound::Excluded(a),
            std::ops::Bound::Excluded(end.as_str()),
        ))?,
        _ => table.range::<&str>(prefix..end.as_str())?,
    };
    for row in rows {
        out.push(row?.0.value().to_string());
    }
    Ok(out)
}

fn end_key(end: NaiveDateTime, id: u64) -> String {
    format!("{}/{id:010}", end.format("%Y-%m-%dT%H:%M:%S"))
}

/// Files a leave request under the end of its time (written once: a request's time never
/// changes, 销假 only cuts it short).
pub fn leave_ends(txn: &WriteTransaction, end: NaiveDateTime, id: u64) -> Result<(), StoreError> {
    txn.open_table(LEAVE_BY_END)?
        .insert(end_key(end, id).as_str(), id)?;
    Ok(())
}

/// Files a cover assignment under the end of its time.
pub fn cover_ends(txn: &WriteTransaction, end: NaiveDateTime, id: u64) -> Result<(), StoreError> {
    txn.open_table(COVER_BY_END)?
        .insert(end_key(end, id).as_str(), id)?;
    Ok(())
}

/// The cover assigned for any time after `from`, by when it ends.
pub fn covers_after(
    by_end: &impl ReadableTable<&'static str, u64>,
    covers: &impl ReadableTable<u64, &'static [u8]>,
    from: NaiveDateTime,
) -> Result<Vec<Cover>, StoreError> {
    let ids = leave_ending_after(by_end, from)?;
    Ok(COVERS
        .some::<Cover>(covers, ids)?
        .into_iter()
        .map(|(_, c)| c)
        .collect())
}

/// The leave requests whose time ends after `from`, by when it ends.
pub fn leave_ending_after(
    table: &impl ReadableTable<&'static str, u64>,
    from: NaiveDateTime,
) -> Result<Vec<u64>, StoreError> {
    let start = end_key(from, u64::MAX);
    let mut out = Vec::new();
    for row in table.range::<&str>(start.as_str()..)? {
        out.push(row?.1.value());
    }
    Ok(out)
}

/// Builds these indexes for a store written before they existed (schema 2).
pub fn index_records(txn: &WriteTransaction) -> Result<(), StoreError> {
    for (id, r) in EXTENSIONS.all_in::<ExtensionRequest>(txn)? {
        set(txn, &key(Waiting::Extension, id), r.is_pending())?;
    }
    for (id, r) in LEAVE.all_in::<LeaveRequest>(txn)? {
        set(
            txn,
            &key(Waiting::Leave, id),
            r.status == LeaveStatus::Requested,
        )?;
        leave_ends(txn, r.to, id)?;
    }
    for (id, e) in ENQUIRIES.all_in::<Enquiry>(txn)? {
        let open = e.status == EnquiryStatus::Open;
        set(txn, &enquiry_key(&e.first_asked, id), open)?;
    }
    let mut by_day = txn.open_table(DUTY_BY_DAY)?;
    for (id, e) in DUTY_LOG.all_in::<DutyEntry>(txn)? {
        by_day.insert(duty_key(e.date, id).as_str(), id)?;
    }
    Ok(())
}

/// The key of a duty-log entry in the index by day.
pub fn duty_key(day: chrono::NaiveDate, id: u64) -> String {
    format!("{day}/{id:010}")
}

/// The duty-log entries of a day, from the index by day.
pub fn duty_of(
    by_day: &impl ReadableTable<&'static str, u64>,
    day: chrono::NaiveDate,
    after: Option<u64>,
) -> Result<Vec<u64>, StoreError> {
    let from = duty_key(day, after.unwrap_or(0));
    let to = format!("{day}0");
    let mut out = Vec::new();
    for row in by_day.range::<&str>(from.as_str()..to.as_str())? {
        let id = row?.1.value();
        if after.is_none_or(|a| id > a) {
            out.push(id);
        }
    }
    Ok(out)
}

/// The part of the leave book that matters from `from` on: every request whose time ends
/// after it, and the requests `also` named, whenever they end.
pub fn leave_book(
    by_end: &impl ReadableTable<&'static str, u64>,
    leave: &impl ReadableTable<u64, &'static [u8]>,
    from: NaiveDateTime,
    also: Option<u64>,
    calendar: &Calendar,
) -> Result<LeaveBook, StoreError> {
    let mut ids = leave_ending_after(by_end, from)?;
    if let Some(id) = also.filter(|id| !ids.contains(id)) {
        ids.push(id);
    }
    let requests: Vec<(u64, LeaveRequest)> = LEAVE.some(leave, ids)?;
    Ok(LeaveBook::from_part(
        requests.into_iter().map(|(_, r)| r).collect(),
        LEAVE.last_id(leave)?,
        calendar.clone(),
    ))
}
