//! The supervisor's screen (RULES §4 electronic supervision): every window's open cases, how
//! many are due soon, overdue, or waiting, and the day's counts. The cases themselves are the
//! open-case list (`ViewReq::OpenCases`), overdue ones first since it runs by deadline. The
//! register's deadlines, the violations to decide and the ledgers are added for those who may
//! see them (`watch`).

use std::collections::BTreeMap;

use crate::domain::centre::Staff;
use crate::domain::clock::Urgency;
use crate::protocol::{SupervisionView, WindowLoad};
use crate::store::StoreError;
use crate::store::cases::{self, CASES};
use crate::store::index::INDEX;

use super::Shared;
use super::standing::standing;

/// Every window's load, in the centre's window order (those with nothing open too). It reads
/// the open-case index and each open case once: bounded by the cases open, not by the store.
pub fn supervision(shared: &Shared, who: &Staff) -> Result<SupervisionView, StoreError> {
    let now = shared.clock.now();
    let today = now.date();
    let day_tickets = super::tickets::day_tickets(shared)?;
    let txn = shared.store.read()?;
    let table = txn.open_table(CASES)?;
    let mut windows: Vec<WindowLoad> = shared
        .centre
        .windows
        .iter()
        .map(|w| WindowLoad {
            window: w.name.clone(),
            ..WindowLoad::default()
        })
        .collect();
    // Cases at a window the centre no longer has still count, after the centre's windows.
    let mut elsewhere: BTreeMap<String, WindowLoad> = BTreeMap::new();
    cases::open_from(&txn.open_table(INDEX)?, None, |_, id| {
        let Some(case) = cases::load(&table, id)? else {
            return Ok(true);
        };
        let name = case.current_window();
        let load = match windows.iter_mut().find(|w| w.window == name) {
            Some(load) => load,
            None => elsewhere
                .entry(name.to_string())
                .or_insert_with(|| WindowLoad {
                    window: name.to_string(),
                    ..WindowLoad::default()
                }),
        };
        load.open += 1;
        match case.urgency(&shared.calendar, today).ok().flatten() {
            Some(Urgency::DueSoon | Urgency::DueToday) => load.due_soon += 1,
            Some(Urgency::Overdue) => load.overdue += 1,
            Some(Urgency::Normal) | None => {}
        }
        let st = standing(shared, &case, today);
        if st.waiting_for.is_some() || st.paused_since.is_some() {
            load.waiting += 1;
        }
        Ok(true)
    })?;
    windows.extend(elsewhere.into_values());
    let mut view = SupervisionView {
        windows,
        counts: super::today::counts(&txn, today, &day_tickets)?,
        now,
        complaints: None,
        proposals: None,
        ledgers: None,
        rectifications: None,
        visits: None,
    };
    super::watch::fill(shared, who, &txn, today, &mut view)?;
    Ok(view)
}
