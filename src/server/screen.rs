//! A console's screen in one reply: the rows its panes show, with their counts, so a console
//! refreshes with one request after each change notice, and no reply grows with the store.

use crate::protocol::{RowWindow, Rows, ScreenView};
use crate::store::{CmdError, StoreError};

use super::Shared;
use super::approvals;
use super::cases;
use super::session::Session;
use super::today;
use crate::domain::queue::queue_order;

pub struct Windows {
    pub queue: RowWindow,
    pub cases: RowWindow,
    pub approvals: RowWindow,
}

pub fn screen(
    shared: &Shared,
    s: &Session,
    case: Option<u64>,
    windows: Windows,
) -> Result<ScreenView, StoreError> {
    let case = match case {
        None => None,
        Some(id) => Some(match cases::show(shared, s, id) {
            Ok(view) => Ok((view, cases::history(shared, id)?)),
            Err(CmdError::Refused(why)) => Err(why.text(s.lang)),
            Err(CmdError::Store(e)) => return Err(e),
        }),
    };
    // Today's tickets are read once: counted for the day, and the queue's rows cut from them.
    let mut tickets = super::tickets::day_tickets(shared)?;
    let today = today::today(shared, &tickets)?;
    queue_order(&mut tickets);
    let total = tickets.len() as u32;
    let offset = windows.queue.offset.min(total.saturating_sub(1));
    let items = tickets
        .into_iter()
        .skip(offset as usize)
        .take(windows.queue.limit())
        .collect();
    Ok(ScreenView {
        today,
        tickets: Rows {
            offset,
            total,
            items,
        },
        cases: super::case_lists::open_rows(shared, windows.cases)?,
        approvals: approvals::rows(shared, s, windows.approvals)?,
        case,
    })
}
