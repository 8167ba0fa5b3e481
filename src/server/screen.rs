//! A console's whole screen in one reply, so a console refreshes with one request after each
//! change notice instead of one for each pane.

use crate::protocol::ScreenView;
use crate::store::{CmdError, StoreError};

use super::Shared;
use super::approvals;
use super::cases;
use super::commands::{Session, case_history, day_tickets};
use super::today;

pub fn screen(shared: &Shared, s: &Session, case: Option<u64>) -> Result<ScreenView, StoreError> {
    let case = match case {
        None => None,
        Some(id) => Some(match cases::show(shared, s, id) {
            Ok(view) => Ok((view, case_history(shared, id)?)),
            Err(CmdError::Refused(why)) => Err(why.text(s.lang)),
            Err(CmdError::Store(e)) => return Err(e),
        }),
    };
    // The open cases are read once: listed, and counted for the day.
    let open = cases::list(shared, true, None, false)?;
    let tickets = day_tickets(shared)?;
    Ok(ScreenView {
        today: today::today(shared, &tickets, &open)?,
        tickets,
        cases: open,
        approvals: approvals::pending(shared, s)?,
        case,
    })
}
