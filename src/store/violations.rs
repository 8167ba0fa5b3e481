//! Violations in the store (责任追究, RULES §9): kept whole by number, with their keys in the
//! store's index — by staff member (their ledger), by state (what waits for the director), and
//! by the fact each was proposed from, so that a fact proposes once, however often a rule that
//! sees it fires. A violation and its keys change together, in one transaction.

use redb::{ReadableTable, WriteTransaction};

use super::index::{INDEX, VIOLATION_SOURCE, VIOLATION_STAFF, VIOLATION_STATE};
use super::records::VIOLATIONS;
use super::{CmdError, StoreError};
use crate::domain::accountability::{Source, Violation, ViolationState};

/// The fact a proposal came from, with whom it names: one proposal each.
fn source_key(v: &Violation) -> Option<String> {
    let fact = match &v.source {
        Source::Overdue { case, .. } => format!("overdue/{case:010}"),
        Source::LaterNotice { case, notice } => format!("notice/{case:010}/{notice}"),
        Source::EmptyPost { window, date } => format!("empty-post/{date}/{window}"),
        Source::Complaint { complaint } => format!("complaint/{complaint:010}"),
        Source::Rating { rating } => format!("rating/{rating:010}"),
        Source::Recorded => return None,
    };
    Some(VIOLATION_SOURCE.key(&format!("{fact}/{}", v.staff)))
}

fn staff_key(staff: &str, id: u64) -> String {
    VIOLATION_STAFF.key(&format!("{staff}/{id:010}"))
}

fn state_index_key(state: &ViolationState, id: u64) -> String {
    VIOLATION_STATE.key(&format!("{}/{id:010}", state.key()))
}

/// Files violation `v` as new: proposed from a fact, or recorded by hand. Returns its number,
/// or `None` when its fact already proposed one against the same person.
pub fn propose(txn: &WriteTransaction, v: &Violation) -> Result<Option<u64>, CmdError> {
    let source = source_key(v);
    if let Some(k) = &source
        && txn.open_table(INDEX)?.get(k.as_str())?.is_some()
    {
        return Ok(None);
    }
    let id = VIOLATIONS.insert(txn, v)?;
    let mut index = txn.open_table(INDEX)?;
    index.insert(staff_key(&v.staff, id).as_str(), id)?;
    index.insert(state_index_key(&v.state, id).as_str(), id)?;
    if let Some(k) = source {
        index.insert(k.as_str(), id)?;
    }
    Ok(Some(id))
}

/// Keeps violation `id` as it now is, its state key moved from `before`'s.
pub fn save(
    txn: &WriteTransaction,
    id: u64,
    before: &ViolationState,
    v: &Violation,
) -> Result<(), CmdError> {
    VIOLATIONS.put(txn, id, v)?;
    let mut index = txn.open_table(INDEX)?;
    index.remove(state_index_key(before, id).as_str())?;
    index.insert(state_index_key(&v.state, id).as_str(), id)?;
    Ok(())
}

/// The numbers filed under `prefix` of the index, in key order.
fn ids_under(
    index: &impl ReadableTable<&'static str, u64>,
    prefix: &str,
) -> Result<Vec<u64>, StoreError> {
    let end = format!("{prefix}\u{10FFFF}");
    let mut out = Vec::new();
    for row in index.range::<&str>(prefix..end.as_str())? {
        out.push(row?.1.value());
    }
    Ok(out)
}

/// The numbers of `staff`'s violations, every state, in number order.
pub fn of_staff(
    index: &impl ReadableTable<&'static str, u64>,
    staff: &str,
) -> Result<Vec<u64>, StoreError> {
    ids_under(index, &VIOLATION_STAFF.key(&format!("{staff}/")))
}

/// The numbers of the violations in `state` (`proposed`, `confirmed`, `dismissed`).
pub fn in_state(
    index: &impl ReadableTable<&'static str, u64>,
    state: &str,
) -> Result<Vec<u64>, StoreError> {
    ids_under(index, &VIOLATION_STATE.key(&format!("{state}/")))
}
