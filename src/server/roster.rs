//! A date's roster as the store has it (RULES §5, §7): the planned roster of the centre file,
//! with the leaders on duty after the approved duty swaps of that day (000 三(三)4) and the
//! cover assigned to windows whose posts are both away (000 三(四)4).

use chrono::NaiveDate;

use crate::domain::roster::roster_for;
use crate::protocol::{RosterView, StaffRef};
use crate::store::StoreError;

use super::Shared;

/// The roster of `date`, reading the leave that touches it (and later) through the index by end.
pub fn roster(shared: &Shared, date: NaiveDate) -> Result<RosterView, StoreError> {
    let txn = shared.store.read()?;
    let start = date.and_hms_opt(0, 0, 0).unwrap_or(shared.clock.now());
    let book = super::today::leave_book(shared, &txn, start)?;
    let end = start + chrono::TimeDelta::days(1);
    let centre = &shared.centre;
    let mut view = RosterView::planned(date, &roster_for(centre, &shared.calendar, date));
    view.duty = book
        .duty_leaders(centre, date)
        .into_iter()
        .map(StaffRef::of)
        .collect();
    view.swaps = book
        .swaps_on(centre, date)
        .into_iter()
        .map(|(from, to)| (StaffRef::of(from), StaffRef::of(to)))
        .collect();
    for w in &mut view.windows {
        w.covers = book
            .covers()
            .iter()
            .filter(|c| c.window == w.window && c.from < end)
            .filter_map(|c| Some((StaffRef::of(centre.staff(&c.staff)?), c.from, c.to)))
            .collect();
    }
    Ok(view)
}
