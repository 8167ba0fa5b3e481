//! The dispatcher: each request to its area's handler, and what its success changed.

use crate::protocol::{Outcome, Request, Response, ServerReq, Topic};

use super::Shared;
use super::session::Session;
use super::{admin, approvals, cases, duty, enquiries, leave, tickets, views};

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
        _ => Vec::new(),
    }
}

pub fn dispatch(shared: &Shared, s: &Session, request: Request) -> Done {
    let announce = !request.reads();
    let stop = matches!(request, Request::Server(ServerReq::Stop));
    let outcome = match request {
        Request::Ping => Outcome::Ok(Response::Pong),
        Request::Ticket(r) => tickets::handle(shared, s, r),
        Request::Case(r) => cases::handle(shared, s, r),
        Request::Extension(r) => approvals::handle(shared, s, r),
        Request::Enquiry(r) => enquiries::handle(shared, s, r),
        Request::Leave(r) => leave::handle(shared, s, r),
        Request::Duty(r) => duty::handle(shared, s, r),
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
