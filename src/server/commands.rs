//! The dispatcher: each request to its area's handler, and what its success changed.

use crate::protocol::{CaseReq, ExtensionReq, Outcome, Request, Response, ServerReq, Topic};
use crate::refusal::Refusal;

use super::Shared;
use super::session::Session;
use super::{
    admin, approvals, cases, complaints, cover, duty, enquiries, leave, outbox, papers, tickets,
    views, violations,
};
use super::{ratings, visits};

/// What a request did: its reply, and what changed (for the change notice).
pub struct Done {
    pub outcome: Outcome,
    pub changed: Vec<Topic>,
    pub stop: bool,
}

/// What a successful change touched, named by its reply: a ticket, a case, a request.
fn topics(response: &Response) -> Vec<Topic> {
    match response {
        Response::Ticket(t) => vec![Topic::Ticket {
            number: t.number.clone(),
        }],
        // A case opened for a visitor names their ticket, whose row then shows the case.
        Response::Case(v) => std::iter::once(Topic::Case { id: v.id })
            .chain(v.case.ticket.iter().map(|number| Topic::Ticket {
                number: number.clone(),
            }))
            .collect(),
        Response::Extension(r) => vec![Topic::Extension { id: r.id }, Topic::Case { id: r.case }],
        Response::Enquiry { id, .. } => vec![Topic::Enquiry { id: *id }],
        Response::Leave(r) => vec![Topic::Leave { id: r.id }],
        Response::DutyEntry(_) => vec![Topic::Duty],
        Response::Cover(c) => vec![Topic::Cover { id: c.id }],
        Response::Complaint { id, .. } => vec![Topic::Complaint { id: *id }],
        Response::Rating { id, .. } => vec![Topic::Rating { id: *id }],
        Response::Violation(line) => vec![Topic::Violation { id: line.id }],
        // A message shows on its case.
        Response::Message(m) => vec![Topic::Case { id: m.case }],
        // A print is kept on its case; a ticket taken and printed is a new ticket.
        Response::Paper { case, .. } => vec![Topic::Case { id: *case }],
        Response::TicketPaper { ticket, .. } => vec![Topic::Ticket {
            number: ticket.number.clone(),
        }],
        _ => Vec::new(),
    }
}

/// Whether a request is work at the desk: the queue, cases, asking for an extension, enquiries.
/// Someone on approved leave or out does none of it until they cancel it (销假).
fn at_the_desk(request: &Request) -> bool {
    !request.reads()
        && matches!(
            request,
            Request::Ticket(_)
                | Request::Case(_)
                | Request::Extension(ExtensionReq::Ask { .. })
                | Request::Enquiry(_)
        )
}

/// Refuses desk work to someone away now, recording the refusal.
fn away(shared: &Shared, s: &Session, request: &Request) -> Option<Outcome> {
    let now = shared.clock.now();
    let txn = match shared.store.read() {
        Ok(t) => t,
        Err(e) => return Some(s.broke(e)),
    };
    let book = match super::today::leave_book(shared, &txn, now) {
        Ok(b) => b,
        Err(e) => return Some(s.broke(e)),
    };
    let leave = book.away_at(&s.staff.code, now)?;
    let why = Refusal::OnLeave {
        name: s.staff.name.clone(),
        kind: leave.kind.chinese().to_string(),
        id: leave.id,
        until: leave.to,
    };
    Some(super::session::refuse_recorded(
        shared,
        s,
        &request.act(),
        why,
    ))
}

/// Checks every request against the limits table before any handler sees it, so no handler can
/// forget: a field over its limit is refused, recorded by its name, its limit and its length
/// (never its text), and nothing else is stored.
pub fn dispatch(shared: &Shared, s: &Session, request: Request) -> Done {
    if let Err(over) = request.check_limits() {
        return Done {
            outcome: super::session::refuse_recorded(
                shared,
                s,
                &request.act(),
                Refusal::Limit(over),
            ),
            changed: Vec::new(),
            stop: false,
        };
    }
    let announce = !request.reads();
    let stop = matches!(request, Request::Server(ServerReq::Stop));
    if at_the_desk(&request)
        && let Some(outcome) = away(shared, s, &request)
    {
        return Done {
            outcome,
            changed: Vec::new(),
            stop: false,
        };
    }
    let outcome = match request {
        Request::Ping => Outcome::Ok(Response::Pong),
        Request::Ticket(r) => tickets::handle(shared, s, r),
        Request::Case(r @ CaseReq::Print { .. }) => {
            let act = r.act();
            papers::handle_print(shared, s, &act, r)
        }
        Request::Case(r) => cases::handle(shared, s, r),
        Request::Extension(r) => approvals::handle(shared, s, r),
        Request::Enquiry(r) => enquiries::handle(shared, s, r),
        Request::Leave(r) => leave::handle(shared, s, r),
        Request::Duty(r) => duty::handle(shared, s, r),
        Request::Cover(r) => cover::handle(shared, s, r),
        Request::Outbox(r) => outbox::handle(shared, s, r),
        Request::Complaint(r) => complaints::handle(shared, s, r),
        Request::Violation(r) => violations::handle(shared, s, r),
        Request::Rating(r) => ratings::handle(shared, s, r),
        Request::Visit(r) => visits::handle(shared, s, r),
        Request::Pin(r) => admin::pin(shared, s, r),
        Request::Audit(r) => admin::audit(shared, s, r),
        Request::Server(r) => admin::server(shared, s, r),
        Request::View(r) => views::handle(shared, s, r),
    };
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
