//! A console's screen in one reply (its first paint, and after a reconnect): the rows its panes
//! show around each selection, with their counts, the day and the case asked about. Each part
//! is what the pane's own request answers (`views.rs`), so the two never differ.

use crate::protocol::{Around, ScreenView};
use crate::store::{CmdError, StoreError};

use super::Shared;
use super::session::Session;
use super::{approvals, case_lists, cases, tickets, today};

/// What each list pane asks for.
pub struct Selections {
    pub queue: Around<String>,
    pub cases: Around<u64>,
    pub approvals: Around<String>,
}

pub fn screen(
    shared: &Shared,
    s: &Session,
    case: Option<u64>,
    selections: Selections,
) -> Result<ScreenView, StoreError> {
    let case = match case {
        None => None,
        Some(id) => Some(match cases::detail(shared, s, id) {
            Ok(detail) => Ok(detail),
            Err(CmdError::Refused(why)) => Err(why.text(s.lang)),
            Err(CmdError::Store(e)) => return Err(e),
        }),
    };
    // Today's tickets are read once: counted for the day, and the queue's rows cut from them.
    let day = tickets::day_tickets(shared)?;
    let today = today::today(shared, &day)?;
    Ok(ScreenView {
        today,
        tickets: tickets::queue(day, &selections.queue, tickets::own_window(shared, s)),
        cases: case_lists::open_around(shared, &selections.cases)?,
        approvals: approvals::around(shared, s, &selections.approvals)?,
        case,
    })
}
