//! The dispatcher: each request to its area's handler, and what its success changed.

use crate::domain::queue::Ticket;
use crate::protocol::{FaultKind, Outcome, Request, Response, Topic};
use crate::refusal::Refusal;
use crate::store::{CmdError, StoreError};

use super::Shared;
use super::admin;
use super::approvals;
use super::case_lists;
use super::cases::{self, CaseAction};
use super::records;
use super::session::Session;
use super::tickets;

/// What a request did: its reply, and what changed (for the change notice).
pub struct Done {
    pub outcome: Outcome,
    pub changed: Vec<Topic>,
    pub stop: bool,
}

/// Whether a request changes what consoles show (so that its success is announced).
fn changes(request: &Request) -> bool {
    !matches!(
        request,
        Request::Ping
            | Request::Stop
            | Request::TicketList { .. }
            | Request::CaseShow { .. }
            | Request::CaseNotices { .. }
            | Request::CaseList { .. }
            | Request::CaseFind { .. }
            | Request::EnquiryList { .. }
            | Request::LeaveList { .. }
            | Request::DutyList { .. }
            | Request::PinSet { .. }
            | Request::Approvals { .. }
            | Request::Screen { .. }
            | Request::CatalogueSearch { .. }
            | Request::CatalogueItem { .. }
            | Request::CasePreview { .. }
            | Request::Backup { .. }
            | Request::AuditVerify
            | Request::AuditLog { .. }
    )
}

/// What a successful change touched, named by its reply: a ticket, a case, a request.
fn topics(response: &Response) -> Vec<Topic> {
    match response {
        Response::Ticket(t) => vec![Topic::Ticket {
            number: t.number.clone(),
        }],
        Response::Case(v) => vec![Topic::Case { id: v.id }],
        Response::Extension(r) => vec![Topic::Extension { id: r.id }, Topic::Case { id: r.case }],
        Response::Enquiry { id, .. } => vec![Topic::Enquiry { id: *id }],
        Response::Leave(r) => vec![Topic::Leave { id: r.id }],
        Response::DutyEntry(_) => vec![Topic::Duty],
        _ => Vec::new(),
    }
}

pub fn dispatch(shared: &Shared, s: &Session, request: Request) -> Done {
    let announce = changes(&request);
    let stop = matches!(request, Request::Stop);
    let outcome = answer(shared, s, request);
    let changed = match &outcome {
        Outcome::Ok(r) if announce => topics(r),
        _ => Vec::new(),
    };
    Done {
        stop: stop && matches!(outcome, Outcome::Ok(Response::Stopping)),
        outcome,
        changed,
    }
}

/// Routes a request to its area's handler.
fn answer(shared: &Shared, s: &Session, request: Request) -> Outcome {
    let reply = |r: Result<Response, CmdError>| r.map_or_else(|e| s.failed(e), Outcome::Ok);
    let read = |r: Result<Response, StoreError>| r.map_or_else(|e| s.broke(e), Outcome::Ok);
    let ticket = |r: Result<Ticket, CmdError>| reply(r.map(|t| Response::Ticket(Box::new(t))));
    let case =
        |id, action| reply(cases::act(shared, s, id, action).map(|v| Response::Case(Box::new(v))));
    match request {
        Request::Ping => Outcome::Ok(Response::Pong),
        Request::Stop => admin::stop(shared, s),
        Request::TicketTake {
            window,
            item,
            priority,
        } => ticket(tickets::take(shared, s, window, item, priority)),
        Request::TicketCall { window } => ticket(tickets::call(shared, s, window)),
        Request::TicketRecall { number } => ticket(tickets::on_ticket(
            shared,
            s,
            "ticket.recall",
            &number,
            |t, _| t.recall().map(|_| ()),
        )),
        Request::TicketNoShow { number } => {
            let needed = shared.centre.settings.no_show_after_recalls;
            let at = shared.clock.now();
            let by = s.staff.code.clone();
            ticket(tickets::on_ticket(
                shared,
                s,
                "ticket.no-show",
                &number,
                |t, _| t.no_show(&by, at, needed),
            ))
        }
        Request::TicketTransfer { number, to_window } => {
            ticket(tickets::transfer(shared, s, &number, &to_window))
        }
        Request::TicketList { window, page } => {
            read(tickets::list(shared, window.as_deref(), &page).map(Response::Tickets))
        }
        Request::CaseOpen(args) => {
            reply(cases::open(shared, s, *args).map(|v| Response::Case(Box::new(v))))
        }
        Request::CaseSupplement { id, materials } => case(id, CaseAction::Supplement(materials)),
        Request::CaseComplete { id } => case(id, CaseAction::Complete),
        Request::CaseReject { id, reason } => case(id, CaseAction::Reject(reason)),
        Request::CaseExtend { id, days, reason } => case(id, CaseAction::Extend { days, reason }),
        Request::CasePause { id, procedure } => case(id, CaseAction::Pause(procedure)),
        Request::CaseResume { id } => case(id, CaseAction::Resume),
        Request::CaseReportUp { id } => case(id, CaseAction::ReportUp),
        Request::CaseAddCoWindow { id, window } => case(id, CaseAction::AddCoWindow(window)),
        Request::CaseShow { id } => {
            reply(cases::show(shared, s, id).map(|v| Response::Case(Box::new(v))))
        }
        Request::CaseFind { text } => match case_lists::find(shared, &text) {
            Ok(Ok((id, open_row))) => Outcome::Ok(Response::Found { id, open_row }),
            Ok(Err(why)) => s.fault(FaultKind::Invalid, &why),
            Err(e) => s.broke(e),
        },
        Request::CatalogueSearch { query, limit } => Outcome::Ok(Response::Items(
            shared
                .search
                .search(&query, limit.min(50) as usize)
                .iter()
                .map(|h| {
                    let i = &shared.catalogue.items()[h.item];
                    (i.code.clone(), i.name.clone(), i.window.clone())
                })
                .collect(),
        )),
        Request::CatalogueItem { code } => match shared.catalogue.get(code.trim()) {
            Some(item) => Outcome::Ok(Response::Item(Box::new(item.clone()))),
            None => s.fault(FaultKind::Invalid, &Refusal::NoItem { code }),
        },
        Request::CasePreview {
            item,
            have,
            promise,
        } => reply(
            cases::preview(shared, &item, have, promise).map(|p| Response::Preview(Box::new(p))),
        ),
        Request::ExtensionAsk { case, days, reason } => {
            reply(approvals::ask(shared, s, case, days, &reason))
        }
        Request::ExtensionDecide {
            id,
            approve,
            reason,
        } => reply(approvals::decide(shared, s, id, approve, &reason)),
        Request::Approvals { page } => {
            read(approvals::pending(shared, s, &page).map(Response::Approvals))
        }
        Request::Screen {
            case,
            queue,
            cases,
            approvals,
        } => {
            let windows = super::screen::Windows {
                queue,
                cases,
                approvals,
            };
            read(
                super::screen::screen(shared, s, case, windows)
                    .map(|v| Response::Screen(Box::new(v))),
            )
        }
        Request::CaseNotices { date, page } => {
            read(case_lists::notices(shared, date, &page).map(Response::Notices))
        }
        Request::CaseList {
            open,
            due_within,
            overdue,
            page,
        } => {
            let filter = case_lists::ListFilter {
                open,
                due_within,
                overdue,
            };
            read(case_lists::list(shared, &filter, &page).map(Response::Cases))
        }
        r @ (Request::EnquiryLog { .. }
        | Request::EnquiryClose { .. }
        | Request::EnquiryList { .. }
        | Request::LeaveRequest { .. }
        | Request::LeaveApprove { .. }
        | Request::LeaveRefuse { .. }
        | Request::LeaveWithdraw { .. }
        | Request::LeaveCancel { .. }
        | Request::LeaveList { .. }
        | Request::DutyLog { .. }
        | Request::DutyList { .. }) => reply(records::dispatch(shared, s, r)),
        Request::PinSet { code, pin } => admin::set_pin(shared, s, code, pin),
        Request::Backup { path } => admin::backup(shared, s, path),
        Request::AuditVerify => admin::verify(shared, s),
        Request::AuditLog {
            staff,
            target,
            since,
            page,
        } => admin::audit_log(shared, s, staff, target, since, &page),
    }
}
