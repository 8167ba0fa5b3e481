//! Where a case's clock stands on a day: its deadline or what it waits for, and the working
//! days left; shared by a case's view and the rows of lists.

use chrono::NaiveDate;

use crate::domain::case::{Case, CaseStatus};
use crate::domain::clock::Deadline;

use super::Shared;

/// Where a case's clock stands on a day.
pub struct Standing {
    pub deadline: Option<NaiveDate>,
    pub waiting_for: Option<usize>,
    pub paused_since: Option<NaiveDate>,
    pub provisional: bool,
    pub days_left: Option<i64>,
}

pub fn standing(shared: &Shared, case: &Case, today: NaiveDate) -> Standing {
    let mut s = Standing {
        deadline: None,
        waiting_for: None,
        paused_since: None,
        provisional: false,
        days_left: None,
    };
    // A rejection closes the matter: nothing is due from it any more.
    if matches!(case.status, CaseStatus::Rejected { .. }) {
        return s;
    }
    match case.deadline(&shared.calendar) {
        Ok(Deadline::Due(r)) => {
            s.deadline = Some(r.value);
            s.provisional = r.is_provisional();
            if case.status == CaseStatus::Open {
                s.days_left = Some(shared.calendar.working_days_between(today, r.value).value);
            }
        }
        Ok(Deadline::Waiting { materials }) => s.waiting_for = Some(materials),
        Ok(Deadline::Paused { since, .. }) => s.paused_since = Some(since),
        Err(_) => {}
    }
    s
}
