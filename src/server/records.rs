//! Enquiries (RULES §1), leave (§6) and the duty log (§7) through the server.

use chrono::NaiveDate;

use crate::domain::enquiry::{Enquiry, NewEnquiry};
use crate::domain::leave::{LeaveBook, LeaveError, LeaveRequest, LeaveStatus, NewLeave};
use crate::domain::permission::{Act, allow};
use crate::domain::roster::DutyEntry;
use crate::protocol::page::PageFill;
use crate::protocol::{Page, PageRequest, Request, Response};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::pending::{self, LEAVE_BY_END, PENDING, Waiting};
use crate::store::records::{DUTY_BY_DAY, DUTY_LOG, ENQUIRIES, LEAVE};
use crate::store::{CmdError, Fact, StoreError, refused};

use super::Shared;
use super::session::Session;

/// Handles the record requests.
pub fn dispatch(shared: &Shared, s: &Session, request: Request) -> Result<Response, CmdError> {
    match &request {
        Request::EnquiryLog {
            channel,
            caller_name,
            caller_phone,
            content,
            refer_to,
        } => {
            let new = NewEnquiry {
                channel: *channel,
                caller_name: caller_name.clone(),
                caller_phone: caller_phone.clone(),
                content: content.clone(),
                referred_to: refer_to.clone(),
            };
            log_enquiry(shared, s, new)
        }
        Request::EnquiryClose { id, outcome } => close_enquiry(shared, s, *id, outcome),
        Request::EnquiryList { open, page } => {
            Ok(list_enquiries(shared, s, *open, page).map(Response::Enquiries)?)
        }
        Request::LeaveRequest {
            staff,
            kind,
            from,
            to,
            reason,
            swaps,
        } => {
            let new = NewLeave {
                staff: staff.clone().unwrap_or_else(|| s.staff.code.clone()),
                kind: *kind,
                from: *from,
                to: *to,
                reason: reason.clone(),
                swaps: swaps.clone(),
            };
            let own = new.staff == s.staff.code;
            let from = new.from;
            let gate = |_: &LeaveBook, _| Some(Act::RequestLeave { own });
            leave(shared, s, "leave.request", None, from, gate, |book, now| {
                book.request(&shared.centre, new, now)
            })
        }
        Request::LeaveApprove { id } => {
            leave_of(shared, s, "leave.approve", *id, deciding, |book, now| {
                book.approve(&shared.centre, *id, &s.staff.code, now)
            })
        }
        Request::LeaveRefuse { id, reason } => {
            leave_of(shared, s, "leave.refuse", *id, deciding, |book, now| {
                book.refuse(&shared.centre, *id, &s.staff.code, reason, now)
            })
        }
        Request::LeaveWithdraw { id } => {
            leave_of(shared, s, "leave.withdraw", *id, anyone, |book, now| {
                book.withdraw(*id, &s.staff.code, now)
            })
        }
        Request::LeaveCancel { id } => {
            leave_of(shared, s, "leave.cancel", *id, anyone, |book, now| {
                book.return_from_leave(*id, now)
            })
        }
        Request::LeaveList { page } => Ok(list_leave(shared, page).map(Response::Leaves)?),
        Request::DutyLog { text } => duty_log(shared, s, text),
        Request::DutyList { date, page } => {
            Ok(duty_list(shared, *date, page).map(Response::DutyEntries)?)
        }
        // The caller routes only the requests above here.
        other => Err(refused(Refusal::Misrouted(format!("{other:?}")))),
    }
}

fn log_enquiry(shared: &Shared, s: &Session, new: NewEnquiry) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, "enquiry.log", vec![], |txn| {
            allow(&shared.centre, &s.staff, Act::LogEnquiry).map_err(refused)?;
            let enquiry = Enquiry::log(&s.staff.code, new, now).map_err(refused)?;
            let id = ENQUIRIES.insert(txn, &enquiry)?;
            pending::set(txn, &pending::enquiry_key(&enquiry.first_asked, id), true)?;
            let fact = enquiry_fact(id, &enquiry);
            Ok((
                Response::Enquiry {
                    id,
                    enquiry: Box::new(enquiry),
                },
                fact,
            ))
        })
}

/// An enquiry's event: by number, with who was first asked and whether it is still open (no
/// caller's name or number).
fn enquiry_fact(id: u64, e: &Enquiry) -> Fact {
    Fact::new(
        vec![Target::Enquiry { id }],
        Data::Enquiry {
            enquiry: id,
            first_asked: e.first_asked.clone(),
            open: e.status == crate::domain::enquiry::EnquiryStatus::Open,
        },
    )
}

fn close_enquiry(
    shared: &Shared,
    s: &Session,
    id: u64,
    outcome: &str,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(
        &s.who(),
        now,
        "enquiry.close",
        vec![Target::Enquiry { id }],
        |txn| {
            let mut enquiry: Enquiry = ENQUIRIES
                .get(txn, id)?
                .ok_or_else(|| refused(Refusal::NoEnquiry { id }))?;
            let own = enquiry.first_asked == s.staff.code;
            allow(&shared.centre, &s.staff, Act::CloseEnquiry { own }).map_err(refused)?;
            enquiry
                .close(&s.staff.code, outcome, now)
                .map_err(refused)?;
            ENQUIRIES.put(txn, id, &enquiry)?;
            pending::set(txn, &pending::enquiry_key(&enquiry.first_asked, id), false)?;
            let fact = enquiry_fact(id, &enquiry);
            Ok((
                Response::Enquiry {
                    id,
                    enquiry: Box::new(enquiry),
                },
                fact,
            ))
        },
    )
}

/// Leaders, the director and supervisors see every enquiry; others their own. Callers' phone
/// numbers are masked for all but the first-asked person. Open ones are read through the
/// pending index (by first-asked person), all of them by number.
fn list_enquiries(
    shared: &Shared,
    s: &Session,
    open: bool,
    page: &PageRequest,
) -> Result<Page<(u64, Enquiry)>, StoreError> {
    let txn = shared.store.read()?;
    let sees_all = allow(&shared.centre, &s.staff, Act::ReadAllEnquiries).is_ok();
    let shown = |id: u64, mut e: Enquiry| {
        if e.first_asked != s.staff.code {
            e.caller_phone = e
                .caller_phone
                .as_deref()
                .map(crate::domain::privacy::mask_phone);
        }
        (id, e)
    };
    let mut fill = PageFill::new(page);
    let (mut last, mut full) = (None, false);
    if open {
        let prefix = if sees_all {
            Waiting::Enquiry.prefix().to_string()
        } else {
            pending::enquiries_of(&s.staff.code)
        };
        let table = ENQUIRIES.open_read(&txn)?;
        for key in pending::keys(&txn.open_table(PENDING)?, &prefix, page.after.as_deref())? {
            let Some(id) = pending::id_of(&key) else {
                continue;
            };
            for (id, e) in ENQUIRIES.some::<Enquiry>(&table, [id])? {
                if !fill.push(shown(id, e)) {
                    full = true;
                }
            }
            if full {
                break;
            }
            last = Some(key);
        }
    } else {
        let after = page.after.as_deref().and_then(|a| a.parse().ok());
        ENQUIRIES.scan(&txn, after, |id, e: Enquiry| {
            if !(sees_all || e.first_asked == s.staff.code) {
                last = Some(id.to_string());
                return true;
            }
            if !fill.push(shown(id, e)) {
                full = true;
                return false;
            }
            last = Some(id.to_string());
            true
        })?;
    }
    Ok(fill.page(last.filter(|_| full)))
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
        let since = from.min(super::today::day_start(now));
        let mut book = pending::leave_book(
            &txn.open_table(LEAVE_BY_END)?,
            &txn.open_table(LEAVE.table)?,
            since,
            target,
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
    let (mut last, mut full) = (None, false);
    let after = page.after.as_deref().and_then(|a| a.parse().ok());
    LEAVE.scan(&txn, after, |id, r: LeaveRequest| {
        if !fill.push(r) {
            full = true;
            return false;
        }
        last = Some(id.to_string());
        true
    })?;
    Ok(fill.page(last.filter(|_| full)))
}

/// The leader on duty today (after swaps) or the director writes the duty log.
fn duty_log(shared: &Shared, s: &Session, text: &str) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, "duty.log", vec![], |txn| {
            let book = pending::leave_book(
                &txn.open_table(LEAVE_BY_END)?,
                &txn.open_table(LEAVE.table)?,
                super::today::day_start(now),
                None,
            )?;
            let duty = book.duty_leaders(&shared.centre, now.date());
            let act = Act::write_duty_log(now.date(), &s.staff, &duty);
            allow(&shared.centre, &s.staff, act).map_err(refused)?;
            if text.trim().is_empty() {
                return Err(refused(Refusal::EmptyDutyEntry));
            }
            let entry = DutyEntry {
                date: now.date(),
                at: now,
                leader: s.staff.code.clone(),
                text: text.trim().to_string(),
            };
            let id = DUTY_LOG.insert(txn, &entry)?;
            txn.open_table(DUTY_BY_DAY)?
                .insert(pending::duty_key(entry.date, id).as_str(), id)?;
            let fact = Fact::new(
                vec![Target::Duty { id }],
                Data::Duty {
                    entry: id,
                    leader: entry.leader.clone(),
                },
            );
            Ok((Response::DutyEntry(Box::new(entry)), fact))
        })
}

/// A page of a day's duty log, through the index by day.
fn duty_list(
    shared: &Shared,
    date: Option<NaiveDate>,
    page: &PageRequest,
) -> Result<Page<DutyEntry>, StoreError> {
    let day = date.unwrap_or_else(|| shared.clock.now().date());
    let txn = shared.store.read()?;
    let after = page.after.as_deref().and_then(|a| a.parse().ok());
    let ids = pending::duty_of(&txn.open_table(DUTY_BY_DAY)?, day, after)?;
    let mut fill = PageFill::new(page);
    let (mut last, mut full) = (None, false);
    for (id, e) in DUTY_LOG.some::<DutyEntry>(&DUTY_LOG.open_read(&txn)?, ids)? {
        if !fill.push(e) {
            full = true;
            break;
        }
        last = Some(id.to_string());
    }
    Ok(fill.page(last.filter(|_| full)))
}
