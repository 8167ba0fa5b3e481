//! The payloads of the desk's acts, built from the records they leave: what a ticket, a case,
//! an extension request or a leave request became. Cases are named by number, never by their
//! applicant.

use chrono::NaiveDate;

use crate::domain::case::{Case, CaseStatus};
use crate::domain::cover::Cover;
use crate::domain::extension::ExtensionRequest;
use crate::domain::leave::{LeaveRequest, LeaveStatus};
use crate::domain::notice::Violation;
use crate::domain::outbox::{Message, Status};
use crate::domain::queue::Ticket;

use super::Data;

impl Data {
    pub fn of_ticket(t: &Ticket) -> Data {
        Data::Ticket {
            number: t.number.clone(),
            window: t.window.clone(),
            state: t.status.word(),
            priority: t.priority,
        }
    }

    /// Case `id` as an act left it: due on `deadline` while its clock runs, with the notice
    /// numbered `notice` if the act issued one, and the one-time-notification violation it made.
    pub fn of_case(
        id: u64,
        c: &Case,
        deadline: Option<NaiveDate>,
        notice: Option<u32>,
        violation: Option<Violation>,
    ) -> Data {
        Data::Case {
            case: id,
            item: c.item_code.clone(),
            window: c.current_window().to_string(),
            kind: c.kind,
            status: match c.status {
                CaseStatus::Open => "open",
                CaseStatus::Completed { late: None, .. } => "completed",
                // Recorded so for accountability (RULES §9: a deadline missed).
                CaseStatus::Completed { late: Some(_), .. } => "completed late",
                CaseStatus::Rejected { .. } => "rejected",
            }
            .into(),
            handler: c.handler.clone(),
            first_asked: c.first_asked.clone(),
            deadline,
            notice,
            violation,
        }
    }

    pub fn of_extension(r: &ExtensionRequest) -> Data {
        Data::Extension {
            request: r.id,
            case: r.case,
            days: r.days,
            state: match &r.decided {
                None => "pending",
                Some((_, None)) => "approved",
                Some((_, Some(_))) => "refused",
            }
            .into(),
        }
    }

    pub fn of_cover(c: &Cover) -> Data {
        Data::Cover {
            cover: c.id,
            window: c.window.clone(),
            staff: c.staff.clone(),
            from: c.from,
            to: c.to,
            named_by_director: c.named_by_director,
        }
    }

    pub fn of_leave(r: &LeaveRequest) -> Data {
        Data::Leave {
            request: r.id,
            staff: r.staff.clone(),
            from: r.from,
            to: r.to,
            state: match r.status {
                LeaveStatus::Requested => "requested",
                // Recorded by the director or the leader on duty as an emergency.
                LeaveStatus::Approved { .. } if r.urgent => "urgent",
                LeaveStatus::Approved { .. } => "approved",
                LeaveStatus::Refused { .. } => "refused",
                LeaveStatus::Withdrawn { .. } => "withdrawn",
                LeaveStatus::Returned { .. } => "returned",
            }
            .into(),
        }
    }

    /// Message `id` of the outbox as an act left it: never its phone number or its text.
    pub fn of_message(id: u64, m: &Message) -> Data {
        let (state, error, next) = match m.status() {
            Status::Queued => ("queued", None, None),
            Status::Retrying { next, error, .. } => ("retrying", Some(error), Some(next)),
            Status::Sent { .. } => ("sent", None, None),
            Status::Failed { why, .. } => ("failed", Some(why), None),
        };
        Data::Message {
            message: id,
            case: m.case,
            attempts: m.attempts,
            state: state.into(),
            error,
            next,
        }
    }
}
