//! Leave (请销假, RULES §6) through the server: each operation on the part of the leave book it
//! concerns, read through the index of leave by when it ends, with the gate asked first.

use crate::domain::leave::{LeaveBook, LeaveError, LeaveRequest, LeaveStatus, NewLeave};
use crate::domain::permission::{Act, allow};
use crate::protocol::page::PageFill;
use crate::protocol::{LeaveReq, Outcome, Page, PageRequest, Response};
use crate::store::audit::{Data, Target};
use crate::store::pending::{self, LEAVE_BY_END, Waiting};
use crate::store::records::LEAVE;
use crate::store::{CmdError, Fact, StoreError, refused};

use super::Shared;
use super::session::Session;

/// Handles the requests about leave.
pub fn handle(shared: &Shared, s: &Session, req: LeaveReq) -> Outcome {
    let act = req.act();
    let me = s.staff.code.as_str();
    let centre = &shared.centre;
    s.reply(match req {
        LeaveReq::Request {
            from,
            to,
            reason,
            kind,
            staff,
            swaps,
        } => {
            let new = NewLeave {
                staff: staff.unwrap_or_else(|| me.to_string()),
                kind,
                from,
                to,
                reason,
                swaps,
            };
            let own = new.staff == me;
            let gate = |_: &LeaveBook, _| Some(Act::RequestLeave { own });
            leave(shared, s, &act, None, from, gate, |book, now| {
                book.request(centre, new, now)
            })
        }
        LeaveReq::Urgent {
            staff,
            from,
            to,
            reason,
            swaps,
        } => {
            let from = from.unwrap_or_else(|| shared.clock.now());
            let new = NewLeave {
                staff,
                kind: crate::domain::leave::AbsenceKind::Leave,
                from,
                to,
                reason,
                swaps,
            };
            // The director, or a leader on duty today after the book's swaps.
            let gate = |book: &LeaveBook, now: chrono::NaiveDateTime| {
                let duty = book.duty_leaders(centre, now.date());
                Some(Act::record_urgent_leave(now.date(), &s.staff, &duty))
            };
            leave(shared, s, &act, None, from, gate, |book, now| {
                book.record_urgent(centre, new, me, now)
            })
        }
        LeaveReq::Approve { id } => leave_of(shared, s, &act, id, deciding, |book, now| {
            book.approve(centre, id, me, now)
        }),
        LeaveReq::Refuse { id, reason } => leave_of(shared, s, &act, id, deciding, |book, now| {
            book.refuse(centre, id, me, &reason, now)
        }),
        LeaveReq::Withdraw { id } => leave_of(shared, s, &act, id, anyone, |book, now| {
            book.withdraw(id, me, now)
        }),
        LeaveReq::Cancel { id } => leave_of(shared, s, &act, id, anyone, |book, now| {
            book.return_from_leave(id, now)
        }),
        LeaveReq::List { page } => return s.read(list_leave(shared, &page).map(Response::Leaves)),
    })
}

/// What the gate is asked before a leave operation, knowing the book and the time.
type Gate = fn(&Shared, &Session, &LeaveBook, chrono::NaiveDateTime) -> Option<Act>;

/// Deciding on leave: the director, or a leader on duty today after the book's swaps.
fn deciding(
    shared: &Shared,
    s: &Session,
    book: &LeaveBook,
    now: chrono::NaiveDateTime,
) -> Option<Act> {
    let duty = book.duty_leaders(&shared.centre, now.date());
    Some(Act::decide_leave(now.date(), &s.staff, &duty))
}

/// Withdrawing one's request and coming back (销假): the book's own rules say who.
fn anyone(_: &Shared, _: &Session, _: &LeaveBook, _: chrono::NaiveDateTime) -> Option<Act> {
    None
}

/// Runs one leave operation on the part of the book it concerns (every request whose time ends
/// after the earlier of `from` and the start of today), and writes back what changed.
fn leave(
    shared: &Shared,
    s: &Session,
    action: &str,
    target: Option<u64>,
    from: chrono::NaiveDateTime,
    gate: impl FnOnce(&LeaveBook, chrono::NaiveDateTime) -> Option<Act>,
    f: impl FnOnce(
        &mut LeaveBook,
        chrono::NaiveDateTime,
    ) -> Result<u64, crate::domain::leave::LeaveError>,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    let named = target.map(|id| Target::Leave { id }).into_iter().collect();
    shared.store.execute(&s.who(), now, action, named, |txn| {
        // Whole days: a duty swap of the day of `from` binds however early its request ended.
        let since = super::today::day_start(from.min(now));
        let mut book = pending::leave_book(
            &txn.open_table(LEAVE_BY_END)?,
            &txn.open_table(LEAVE.table)?,
            since,
            target,
            &shared.calendar,
        )?;
        if let Some(act) = gate(&book, now) {
            allow(&shared.centre, &s.staff, act).map_err(refused)?;
        }
        let before = book.clone();
        let id = f(&mut book, now).map_err(refused)?;
        for r in book.requests() {
            if before.get(r.id) != Some(r) {
                LEAVE.put(txn, r.id, r)?;
                pending::set(
                    txn,
                    &pending::key(Waiting::Leave, r.id),
                    r.status == LeaveStatus::Requested,
                )?;
                if before.get(r.id).is_none() {
                    pending::leave_ends(txn, r.to, r.id)?;
                }
            }
        }
        let r = book
            .get(id)
            .cloned()
            .ok_or_else(|| refused(LeaveError::UnknownRequest { id }))?;
        let fact = Fact::new(vec![Target::Leave { id }], Data::of_leave(&r));
        Ok((Response::Leave(Box::new(r)), fact))
    })
}

/// A leave operation on a stored request: the book it concerns runs from the request's start.
fn leave_of(
    shared: &Shared,
    s: &Session,
    action: &str,
    id: u64,
    gate: Gate,
    f: impl FnOnce(&mut LeaveBook, chrono::NaiveDateTime) -> Result<(), LeaveError>,
) -> Result<Response, CmdError> {
    let from = {
        let txn = shared.store.read()?;
        LEAVE
            .some::<LeaveRequest>(&LEAVE.open_read(&txn)?, [id])?
            .pop()
            .map_or(shared.clock.now(), |(_, r)| r.from)
    };
    let gate = |book: &LeaveBook, now| gate(shared, s, book, now);
    leave(shared, s, action, Some(id), from, gate, |book, now| {
        f(book, now).map(|()| id)
    })
}

fn list_leave(shared: &Shared, page: &PageRequest) -> Result<Page<LeaveRequest>, StoreError> {
    let txn = shared.store.read()?;
    let mut fill = PageFill::new(page);
    let after = page.after.as_deref().and_then(|a| a.parse().ok());
    LEAVE.scan(&txn, after, |id, r: LeaveRequest| {
        fill.push(r, id.to_string())
    })?;
    Ok(fill.page())
}
