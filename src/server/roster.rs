//! A date's roster as the store has it (RULES §5, §7): the planned roster of the centre file,
//! with the leaders on duty after the approved duty swaps of that day (000 三(三)4) and the
//! cover assigned to windows whose posts are both away (000 三(四)4).

use chrono::NaiveDate;

use crate::domain::roster::roster_for;
use crate::protocol::{RosterView, RosterWindow, StaffRef};
use crate::store::StoreError;

use super::Shared;

/// The roster of `date`, reading the leave that touches it (and later) through the index by end.
pub fn roster(shared: &Shared, date: NaiveDate) -> Result<RosterView, StoreError> {
    let txn = shared.store.read()?;
    let start = date.and_hms_opt(0, 0, 0).unwrap_or(shared.clock.now());
    let book = super::today::leave_book(shared, &txn, start)?;
    let end = start + chrono::TimeDelta::days(1);
    let centre = &shared.centre;
    let planned = roster_for(centre, &shared.calendar, date);
    let refs = |staff: &[&crate::domain::centre::Staff]| -> Vec<StaffRef> {
        staff.iter().map(|s| StaffRef::of(s)).collect()
    };
    Ok(RosterView {
        date,
        workday: planned.day.working,
        day_name: planned.day.special.map(|s| s.name.clone()),
        provisional: planned.day.provisional,
        duty: refs(&book.duty_leaders(centre, date)),
        swaps: book
            .swaps_on(centre, date)
            .into_iter()
            .map(|(from, to)| (StaffRef::of(from), StaffRef::of(to)))
            .collect(),
        cleaning: refs(&planned.cleaning),
        windows: planned
            .windows
            .iter()
            .map(|p| RosterWindow {
                window: p.window.name.clone(),
                prefix: p.window.prefix,
                a: StaffRef::of(p.a),
                b: StaffRef::of(p.b),
                covers: book
                    .covers()
                    .iter()
                    .filter(|c| c.window == p.window.name && c.from < end)
                    .filter_map(|c| Some((StaffRef::of(centre.staff(&c.staff)?), c.from, c.to)))
                    .collect(),
            })
            .collect(),
    })
}
