//! Enquiries (RULES §1), leave (§6) and the duty log (§7) through the server.

use chrono::NaiveDate;

use crate::domain::enquiry::{Enquiry, NewEnquiry};
use crate::domain::leave::LeaveError;
use crate::domain::leave::{LeaveBook, LeaveRequest, NewLeave};
use crate::domain::permission::{Act, allow};
use crate::domain::roster::DutyEntry;
use crate::protocol::{Request, Response};
use crate::refusal::Refusal;
use crate::store::records::{DUTY_LOG, ENQUIRIES, LEAVE};
use crate::store::{CmdError, StoreError, refused};

use super::Shared;
use super::commands::Session;

/// Handles the record requests, returning the result and the topic a success changes.
pub fn dispatch(
    shared: &Shared,
    s: &Session,
    request: Request,
) -> (Result<Response, CmdError>, &'static str) {
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
            (log_enquiry(shared, s, new), "enquiries")
        }
        Request::EnquiryClose { id, outcome } => {
            (close_enquiry(shared, s, *id, outcome), "enquiries")
        }
        Request::EnquiryList { open } => {
            (list_enquiries(shared, s, *open).map_err(CmdError::from), "")
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
            if new.staff != s.staff.code && !s.staff.role.leads() {
                let why = Refusal::LeaveForOthers {
                    name: s.staff.name.clone(),
                };
                let refusal = format!("refused: {why}");
                let _ = shared.store.record(
                    &s.who(),
                    shared.clock.now(),
                    "leave.request",
                    &new.staff,
                    &refusal,
                );
                return (Err(CmdError::Refused(why)), "");
            }
            (
                leave(shared, s, "leave.request", None, |book, now| {
                    book.request(&shared.centre, new, now)
                }),
                "leave",
            )
        }
        Request::LeaveApprove { id } => (
            leave(shared, s, "leave.approve", Some(*id), |book, now| {
                book.approve(&shared.centre, *id, &s.staff.code, now)
                    .map(|()| *id)
            }),
            "leave",
        ),
        Request::LeaveRefuse { id, reason } => (
            leave(shared, s, "leave.refuse", Some(*id), |book, now| {
                book.refuse(&shared.centre, *id, &s.staff.code, reason, now)
                    .map(|()| *id)
            }),
            "leave",
        ),
        Request::LeaveWithdraw { id } => (
            leave(shared, s, "leave.withdraw", Some(*id), |book, now| {
                book.withdraw(*id, &s.staff.code, now).map(|()| *id)
            }),
            "leave",
        ),
        Request::LeaveCancel { id } => (
            leave(shared, s, "leave.cancel", Some(*id), |book, now| {
                book.return_from_leave(*id, now).map(|()| *id)
            }),
            "leave",
        ),
        Request::LeaveList => (list_leave(shared).map_err(CmdError::from), ""),
        Request::DutyLog { text } => (duty_log(shared, s, text), "duty"),
        Request::DutyList { date } => (duty_list(shared, *date).map_err(CmdError::from), ""),
        // The caller routes only the requests above here.
        other => (Err(refused(Refusal::Misrouted(format!("{other:?}")))), ""),
    }
}

fn log_enquiry(shared: &Shared, s: &Session, new: NewEnquiry) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, "enquiry.log", "", |txn| {
            allow(&shared.centre, &s.staff, Act::LogEnquiry).map_err(refused)?;
            let enquiry = Enquiry::log(&s.staff.code, new, now).map_err(refused)?;
            let id = ENQUIRIES.insert(txn, &enquiry)?;
            Ok((
                Response::Enquiry {
                    id,
                    enquiry: Box::new(enquiry),
                },
                id.to_string(),
            ))
        })
}

fn close_enquiry(
    shared: &Shared,
    s: &Session,
    id: u64,
    outcome: &str,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, "enquiry.close", &id.to_string(), |txn| {
            let mut enquiry: Enquiry = ENQUIRIES
                .get(txn, id)?
                .ok_or_else(|| refused(Refusal::NoEnquiry { id }))?;
            let own = enquiry.first_asked == s.staff.code;
            allow(&shared.centre, &s.staff, Act::CloseEnquiry { own }).map_err(refused)?;
            enquiry
                .close(&s.staff.code, outcome, now)
                .map_err(refused)?;
            ENQUIRIES.put(txn, id, &enquiry)?;
            Ok((
                Response::Enquiry {
                    id,
                    enquiry: Box::new(enquiry),
                },
                id.to_string(),
            ))
        })
}

/// Leaders, the director and supervisors see every enquiry; others their own. Callers' phone
/// numbers are masked for all but the first-asked person.
fn list_enquiries(shared: &Shared, s: &Session, open: bool) -> Result<Response, StoreError> {
    let txn = shared.store.read()?;
    let all: Vec<(u64, Enquiry)> = ENQUIRIES.all(&txn)?;
    let sees_all = allow(&shared.centre, &s.staff, Act::ReadAllEnquiries).is_ok();
    Ok(Response::Enquiries(
        all.into_iter()
            .filter(|(_, e)| !open || e.status == crate::domain::enquiry::EnquiryStatus::Open)
            .filter(|(_, e)| sees_all || e.first_asked == s.staff.code)
            .map(|(id, mut e)| {
                if e.first_asked != s.staff.code {
                    e.caller_phone = e
                        .caller_phone
                        .as_deref()
                        .map(crate::domain::privacy::mask_phone);
                }
                (id, e)
            })
            .collect(),
    ))
}

/// Runs one leave operation on the whole book, as stored, and writes back what changed.
fn leave(
    shared: &Shared,
    s: &Session,
    action: &str,
    target: Option<u64>,
    f: impl FnOnce(
        &mut LeaveBook,
        chrono::NaiveDateTime,
    ) -> Result<u64, crate::domain::leave::LeaveError>,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    let target = target.map(|t| t.to_string()).unwrap_or_default();
    shared.store.execute(&s.who(), now, action, &target, |txn| {
        let stored: Vec<(u64, LeaveRequest)> = LEAVE.all_in(txn)?;
        let before: Vec<LeaveRequest> = stored.into_iter().map(|(_, r)| r).collect();
        let mut book = LeaveBook::from_requests(before.clone());
        let id = f(&mut book, now).map_err(refused)?;
        for r in book.requests() {
            if !before.contains(r) {
                LEAVE.put(txn, r.id, r)?;
            }
        }
        let r = book
            .get(id)
            .cloned()
            .ok_or_else(|| refused(LeaveError::UnknownRequest { id }))?;
        Ok((Response::Leave(Box::new(r)), id.to_string()))
    })
}

fn list_leave(shared: &Shared) -> Result<Response, StoreError> {
    let txn = shared.store.read()?;
    let all: Vec<(u64, LeaveRequest)> = LEAVE.all(&txn)?;
    Ok(Response::Leaves(all.into_iter().map(|(_, r)| r).collect()))
}

/// The leader on duty today (after swaps) or the director writes the duty log.
fn duty_log(shared: &Shared, s: &Session, text: &str) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(&s.who(), now, "duty.log", "", |txn| {
        let leave: Vec<(u64, LeaveRequest)> = LEAVE.all_in(txn)?;
        let book = LeaveBook::from_requests(leave.into_iter().map(|(_, r)| r).collect());
        let on_duty = book.duty_leaders(&shared.centre, now.date());
        let is_director = s.staff.code == shared.centre.director;
        if !is_director && !on_duty.iter().any(|l| l.code == s.staff.code) {
            return Err(refused(Refusal::DutyLogNotYours {
                date: now.date(),
                leaders: on_duty.iter().map(|l| l.name.clone()).collect(),
            }));
        }
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
        Ok((Response::DutyEntries(vec![entry]), id.to_string()))
    })
}

fn duty_list(shared: &Shared, date: Option<NaiveDate>) -> Result<Response, StoreError> {
    let day = date.unwrap_or_else(|| shared.clock.now().date());
    let txn = shared.store.read()?;
    let all: Vec<(u64, DutyEntry)> = DUTY_LOG.all(&txn)?;
    Ok(Response::DutyEntries(
        all.into_iter()
            .map(|(_, e)| e)
            .filter(|e| e.date == day)
            .collect(),
    ))
}
