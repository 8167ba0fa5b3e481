//! The supervisor's lists beside every window's load (RULES §8, §9, §11): the open complaints'
//! reply deadlines, the violations waiting for the director, each staff member's ledger for the
//! year, the 差评 rectifications due, and this month's return visits still to call. Each list is read only for a viewer who may see it, from the indexes of what is open
//! or pending, and sent as its first rows plus its full count.

use chrono::{Datelike, NaiveDate};

use crate::domain::accountability::{Violation, ViolationState, ledger};
use crate::domain::calendar::Calendar;
use crate::domain::centre::Staff;
use crate::domain::clock::Urgency;
use crate::domain::complaint::Complaint;
use crate::domain::permission::{Act, allow};
use crate::domain::rating::{RatingRecord, RectificationState};
use crate::domain::visit::month_of;
use crate::protocol::{
    ComplaintDue, LedgerRow, Listed, ProposalRow, RectificationDue, SupervisionView, VisitToCall,
};
use crate::store::StoreError;
use crate::store::index::INDEX;
use crate::store::pending::{self, PENDING, Waiting};
use crate::store::records::{COMPLAINTS, RATINGS, VIOLATIONS};
use crate::store::violations as stored;

use super::Shared;

/// Rows sent of each list; its count is always whole.
pub const ROWS: usize = 50;

/// A complaint's reply is due soon within this many working days (as a case's clock warns).
const SOON: i64 = 2;

/// Fills the lists of `view` that `who` may see, as of `today`.
pub fn fill(
    shared: &Shared,
    who: &Staff,
    txn: &redb::ReadTransaction,
    today: NaiveDate,
    view: &mut SupervisionView,
) -> Result<(), StoreError> {
    let may = |act| allow(&shared.centre, who, act).is_ok();
    if may(Act::KeepComplaints) {
        view.complaints = Some(complaints(shared, txn, today)?);
    }
    if may(Act::ReadViolations { own: false }) {
        view.proposals = Some(proposals(shared, txn)?);
        view.ledgers = Some(ledgers(shared, txn, today.year())?);
    }
    if may(Act::ReadRatings { own: false }) {
        view.rectifications = Some(rectifications(shared, txn, today)?);
    }
    if may(Act::DrawVisits) {
        view.visits = Some(visits(txn, today)?);
    }
    Ok(())
}

/// 差评 rectifications still to answer, soonest due first, through the pending index.
fn rectifications(
    shared: &Shared,
    txn: &redb::ReadTransaction,
    today: NaiveDate,
) -> Result<Listed<RectificationDue>, StoreError> {
    let prefix = Waiting::Rectification.prefix();
    let keys = pending::keys(&txn.open_table(PENDING)?, prefix, None)?;
    let table = RATINGS.open_read(txn)?;
    let ids = keys.iter().filter_map(|k| pending::id_of(k)).take(ROWS);
    let rows = RATINGS
        .some::<RatingRecord>(&table, ids)?
        .into_iter()
        .filter_map(|(id, r)| {
            let rect = r.rectification.as_ref()?;
            let (urgency, days_left) = reply_urgency(&shared.calendar, rect.due, today);
            Some(RectificationDue {
                rating: id,
                case: r.rating.case,
                name: name_of(shared, &r.rating.staff),
                staff: r.rating.staff.clone(),
                level: r.rating.level,
                due: rect.due,
                days_left,
                days_over: (today - rect.due).num_days().max(0),
                urgency,
                appealed: matches!(rect.state, RectificationState::Appealed { .. }),
            })
        })
        .collect();
    Ok(Listed {
        rows,
        total: keys.len(),
    })
}

/// The cases of this month's return-visit draw still to call, once it is drawn.
fn visits(
    txn: &redb::ReadTransaction,
    today: NaiveDate,
) -> Result<Listed<VisitToCall>, StoreError> {
    let month = month_of(today);
    let Some(draw) = crate::store::ratings::draw_in(txn, month)? else {
        return Ok(Listed::default());
    };
    let rows: Vec<VisitToCall> = draw
        .visits
        .iter()
        .filter(|v| v.result.is_none())
        .map(|v| VisitToCall {
            case: v.case,
            month: format!("{}-{:02}", month.0, month.1),
        })
        .collect();
    let total = rows.len();
    Ok(Listed { rows, total })
}

fn name_of(shared: &Shared, code: &str) -> String {
    shared
        .centre
        .staff(code)
        .map_or_else(|| code.to_string(), |s| s.name.clone())
}

/// How urgent a reply due on `due` is on `today`: the same marks as a case's deadline.
pub fn reply_urgency(cal: &Calendar, due: NaiveDate, today: NaiveDate) -> (Urgency, i64) {
    let left = cal.working_days_between(today, due).value;
    let urgency = if today > due {
        Urgency::Overdue
    } else if today == due {
        Urgency::DueToday
    } else if left <= SOON {
        Urgency::DueSoon
    } else {
        Urgency::Normal
    };
    (urgency, left)
}

/// Open complaints, soonest due first, through the pending index (one entry per open one).
fn complaints(
    shared: &Shared,
    txn: &redb::ReadTransaction,
    today: NaiveDate,
) -> Result<Listed<ComplaintDue>, StoreError> {
    let keys = pending::keys(&txn.open_table(PENDING)?, Waiting::Complaint.prefix(), None)?;
    let table = COMPLAINTS.open_read(txn)?;
    let ids = keys.iter().filter_map(|k| pending::id_of(k)).take(ROWS);
    let rows = COMPLAINTS
        .some::<Complaint>(&table, ids)?
        .into_iter()
        .filter(|(_, c)| c.is_open())
        .map(|(id, c)| {
            let (urgency, days_left) = reply_urgency(&shared.calendar, c.due, today);
            ComplaintDue {
                id,
                received: c.received_at.date(),
                due: c.due,
                days_left,
                days_over: (today - c.due).num_days().max(0),
                urgency,
                provisional: c.due_provisional,
                grounds: c.grounds.clone(),
                against: c.against.as_ref().map(|a| (a.clone(), name_of(shared, a))),
                extended: c.extension.is_some(),
            }
        })
        .collect();
    Ok(Listed {
        rows,
        total: keys.len(),
    })
}

/// Violations proposed and not yet decided, by number, through the index by state.
fn proposals(
    shared: &Shared,
    txn: &redb::ReadTransaction,
) -> Result<Listed<ProposalRow>, StoreError> {
    let ids = stored::in_state(&txn.open_table(INDEX)?, ViolationState::Proposed.key())?;
    let table = VIOLATIONS.open_read(txn)?;
    let rows = VIOLATIONS
        .some::<Violation>(&table, ids.iter().copied().take(ROWS))?
        .into_iter()
        .map(|(id, v)| ProposalRow {
            id,
            on: v.on,
            name: name_of(shared, &v.staff),
            staff: v.staff,
            kind: v.kind,
            fact: v.source.describe(),
        })
        .collect();
    Ok(Listed {
        rows,
        total: ids.len(),
    })
}

/// Each staff member of the centre with a violation whose fact falls in `year`: read through
/// the index by staff member, their own violations only (as their ledger is). Those with the
/// most confirmed come first, then the most proposed.
fn ledgers(
    shared: &Shared,
    txn: &redb::ReadTransaction,
    year: i32,
) -> Result<Listed<LedgerRow>, StoreError> {
    let index = txn.open_table(INDEX)?;
    let table = VIOLATIONS.open_read(txn)?;
    let mut rows = Vec::new();
    for staff in &shared.centre.staff {
        let ids = stored::of_staff(&index, &staff.code)?;
        if ids.is_empty() {
            continue;
        }
        let all = VIOLATIONS.some::<Violation>(&table, ids)?;
        if !all.iter().any(|(_, v)| v.on.year() == year) {
            continue;
        }
        let lines = ledger(&all, &staff.code);
        let confirmed = lines
            .iter()
            .filter(|l| l.violation.is_confirmed() && l.violation.on.year() == year)
            .count();
        let proposed = lines
            .iter()
            .filter(|l| l.violation.state == ViolationState::Proposed)
            .count();
        rows.push(LedgerRow {
            staff: staff.code.clone(),
            name: staff.name.clone(),
            confirmed: u32::try_from(confirmed).unwrap_or(u32::MAX),
            proposed: u32::try_from(proposed).unwrap_or(u32::MAX),
            latest: lines.iter().rev().find_map(|l| l.sanction.clone()),
        });
    }
    rows.sort_by(|a, b| {
        (b.confirmed, b.proposed)
            .cmp(&(a.confirmed, a.proposed))
            .then_with(|| a.staff.cmp(&b.staff))
    });
    let total = rows.len();
    rows.truncate(ROWS);
    Ok(Listed { rows, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_reply_is_due_soon_within_two_working_days_and_overdue_the_day_after_it_was_due() {
        let cal = Calendar::weekends_only();
        // Monday 2026-11-16 → Wednesday 18th: two working days.
        assert_eq!(
            reply_urgency(&cal, d(11, 18), d(11, 16)).0,
            Urgency::DueSoon
        );
        assert_eq!(reply_urgency(&cal, d(11, 19), d(11, 16)).0, Urgency::Normal);
        assert_eq!(
            reply_urgency(&cal, d(11, 16), d(11, 16)).0,
            Urgency::DueToday
        );
        assert_eq!(
            reply_urgency(&cal, d(11, 13), d(11, 14)).0,
            Urgency::Overdue
        );
    }
}
