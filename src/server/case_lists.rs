//! Lists of cases in bounded replies: pages for the command line, the rows a console's pane
//! shows, a case found by number or applicant, and the notices issued on a day. Open cases are
//! read through their deadline index, so nothing reads cases it does not return.

use std::ops::Bound::{Excluded, Unbounded};

use chrono::NaiveDate;

use crate::domain::case::Case;
use crate::protocol::page::PageFill;
use crate::protocol::{Around, CaseRow, Page, PageRequest, Selected};
use crate::refusal::Refusal;
use crate::store::StoreError;
use crate::store::cases::{self, CASES, NOTICES, StoredCase};
use crate::store::codec::decode;
use crate::store::index::INDEX;

use super::Shared;
use super::standing::standing;

/// One line of a case list, on `today`.
fn row(shared: &Shared, id: u64, case: &Case, today: NaiveDate) -> CaseRow {
    let st = standing(shared, case, today);
    CaseRow {
        id,
        item_code: case.item_code.clone(),
        item_name: case.item_name.clone(),
        window: case.current_window().to_string(),
        kind: case.kind,
        applicant: case.applicant.masked(),
        accepted_on: case.accepted_on,
        status: case.status.clone(),
        deadline: st.deadline,
        waiting_for: st.waiting_for,
        paused: st.paused_since.is_some(),
        provisional: st.provisional,
        days_left: st.days_left,
        urgency: case.urgency(&shared.calendar, today).ok().flatten(),
        supplement_by: case.supplement_by,
    }
}

/// Which cases a list holds.
pub struct ListFilter {
    pub open: bool,
    pub due_within: Option<u32>,
    pub overdue: bool,
}

/// A page of cases: open ones in deadline order (then waiting and paused ones) through their
/// index, or all of them by number. The filters on open cases are ranges of the index, so a
/// page never reads cases it does not list.
pub fn list(
    shared: &Shared,
    filter: &ListFilter,
    page: &PageRequest,
) -> Result<Page<CaseRow>, StoreError> {
    let today = shared.clock.now().date();
    let txn = shared.store.read()?;
    let table = txn.open_table(CASES)?;
    let mut fill = PageFill::new(page);
    if !(filter.open || filter.due_within.is_some() || filter.overdue) {
        let after = page.after.as_deref().and_then(|a| a.parse::<u64>().ok());
        for row in table.range::<u64>((after.map_or(Unbounded, Excluded), Unbounded))? {
            let (k, v) = row?;
            let id = k.value();
            let case = decode::<StoredCase>("cases", v.value())?.case;
            if !fill.push(self::row(shared, id, &case, today), id.to_string()) {
                break;
            }
        }
        return Ok(fill.page());
    }
    // Only running clocks (the `D/DATE/ID` keys), up to the first key past the last day
    // wanted: overdue ones are due before today; due within N, on or before the N-th working
    // day from today. Waiting and paused ones (`W/…`) come after every `D/…` key.
    let stop = if filter.overdue {
        Some(format!("D/{today}"))
    } else {
        filter.due_within.map(|n| {
            match shared.calendar.add_working_days(today, n) {
                Ok(r) => format!("D/{}", r.value.succ_opt().unwrap_or(r.value)),
                // Beyond every calendar: all running clocks.
                Err(_) => "D0".to_string(),
            }
        })
    };
    cases::open_from(&txn.open_table(INDEX)?, page.after.as_deref(), |key, id| {
        if stop.as_deref().is_some_and(|s| key >= s) {
            return Ok(false);
        }
        let Some(case) = cases::load(&table, id)? else {
            fill.pass(key);
            return Ok(true);
        };
        Ok(fill.push(row(shared, id, &case, today), key))
    })?;
    Ok(fill.page())
}

/// The rows of the open cases a pane shows around the case `around` asks for, and how many
/// are open. The case's row is found through the index (its key, then the keys before it),
/// never by reading cases; only the rows sent are read.
pub fn open_around(shared: &Shared, around: &Around<u64>) -> Result<Selected<CaseRow>, StoreError> {
    let today = shared.clock.now().date();
    let txn = shared.store.read()?;
    let table = txn.open_table(CASES)?;
    let index = txn.open_table(INDEX)?;
    let total = cases::open_count(&txn.open_table(crate::store::COUNTERS)?)? as u32;
    let found = match around.key {
        Some(id) => match cases::stored_index_key(&table, id)? {
            Some(key) => Some(cases::open_row(&index, &key)? as u32),
            None => None,
        },
        None => None,
    };
    let span = around.span(found, total);
    let mut items = Vec::new();
    if let Some(span) = span {
        let after = cases::open_key_at(&index, span.first as usize)?;
        cases::open_from(&index, after.as_deref(), |_, id| {
            if let Some(case) = cases::load(&table, id)? {
                items.push(row(shared, id, &case, today));
            }
            Ok(items.len() < span.len as usize)
        })?;
    }
    Ok(Selected::new(span, total, items, around.found(found)))
}

/// A case found: its number, and its row among the open cases when it is open.
pub type Found = (u64, Option<u32>);

/// Finds a case by its number (`12`, `#12`), or the first open case whose applicant's name
/// holds `text`; says where it is among the open cases.
pub fn find(shared: &Shared, text: &str) -> Result<Result<Found, Refusal>, StoreError> {
    let text = text.trim();
    let txn = shared.store.read()?;
    let table = txn.open_table(CASES)?;
    let index = txn.open_table(INDEX)?;
    if let Ok(id) = text.trim_start_matches('#').parse::<u64>() {
        return Ok(match cases::stored_index_key(&table, id)? {
            Some(key) => Ok((id, Some(cases::open_row(&index, &key)? as u32))),
            None if table.get(id)?.is_some() => Ok((id, None)),
            None => Err(Refusal::NoCase { id }),
        });
    }
    let not_found = Refusal::NoOpenCaseFor {
        name: text.to_string(),
    };
    if text.is_empty() {
        return Ok(Err(not_found));
    }
    let mut found = None;
    let mut n = 0u32;
    cases::open_from(&index, None, |_, id| {
        if cases::load(&table, id)?.is_some_and(|c| c.applicant.name.contains(text)) {
            found = Some((id, Some(n)));
            return Ok(false);
        }
        n += 1;
        Ok(true)
    })?;
    Ok(found.ok_or(not_found))
}

/// A page of the notices issued on `date` (default today), across cases.
pub fn notices(
    shared: &Shared,
    date: Option<NaiveDate>,
    page: &PageRequest,
) -> Result<Page<(u64, crate::domain::notice::Notice)>, StoreError> {
    let day = date.unwrap_or_else(|| shared.clock.now().date());
    let txn = shared.store.read()?;
    let mut fill = PageFill::new(page);
    cases::notices_on(
        &txn.open_table(INDEX)?,
        &txn.open_table(NOTICES)?,
        day,
        page.after.as_deref(),
        |key, id, notice| fill.push((id, notice), key),
    )?;
    Ok(fill.page())
}
