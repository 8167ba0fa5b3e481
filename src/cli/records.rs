//! `frontdesk enquiry|leave|duty|cover|extension ...` — enquiries (RULES §1), leave (§6), the
//! duty log (§7), cover for a window (§5) and extension requests: their subcommands are their requests themselves; this prints
//! the replies. And `frontdesk approvals`.

use serde_json::json;

use frontdesk::domain::enquiry::{EnquiryChannel, EnquiryStatus};
use frontdesk::domain::leave::{AbsenceKind, LeaveRequest, LeaveStatus};
use frontdesk::protocol::{PageRequest, Request, Response, ViewReq};

use super::{Ctx, Failure, Out, ask};

fn leave_state(r: &LeaveRequest) -> String {
    match &r.status {
        LeaveStatus::Requested => "requested".into(),
        LeaveStatus::Approved { by, .. } => format!("approved by {by}"),
        LeaveStatus::Refused { by, reason, .. } => format!("refused by {by}: {reason}"),
        LeaveStatus::Returned { at, .. } => format!("returned {}", at.format("%Y-%m-%d %H:%M")),
        LeaveStatus::Withdrawn { .. } => "withdrawn".into(),
    }
}

fn print(ctx: &Ctx, response: Response, out: &mut Out) -> Result<(), Failure> {
    match response {
        Response::Enquiry { id, enquiry } if ctx.json => {
            out.json(&json!({"id": id, "enquiry": enquiry}))
        }
        Response::Enquiry { id, .. } => out.fields(&[&id]),
        Response::Enquiries(list) if ctx.json => out.json_numbered("id", &list.items),
        Response::Enquiries(list) => {
            for (id, e) in list.items {
                let state = if e.status == EnquiryStatus::Open {
                    "open"
                } else {
                    "closed"
                };
                let channel = match e.channel {
                    EnquiryChannel::InPerson => "in-person",
                    EnquiryChannel::Phone => "phone",
                };
                out.fields(&[
                    &id,
                    &state,
                    &e.first_asked,
                    &channel,
                    &e.caller_name.unwrap_or_default(),
                    &e.caller_phone.unwrap_or_default(),
                    &e.content,
                ]);
            }
        }
        Response::Leave(r) if ctx.json => out.json(&json!(*r)),
        Response::Leave(r) => out.fields(&[&r.id]),
        Response::Leaves(list) if ctx.json => out.json(&json!(list.items)),
        Response::Leaves(list) => {
            for r in list.items {
                let kind = if r.kind == AbsenceKind::Leave {
                    "leave"
                } else {
                    "out"
                };
                out.fields(&[
                    &r.id,
                    &r.staff,
                    &kind,
                    &r.from.format("%Y-%m-%dT%H:%M"),
                    &r.to.format("%Y-%m-%dT%H:%M"),
                    &leave_state(&r),
                ]);
            }
        }
        Response::DutyEntry(e) if ctx.json => out.json(&json!(vec![*e])),
        Response::DutyEntry(e) => out.fields(&[&e.at.format("%H:%M"), &e.leader, &e.text]),
        Response::Cover(c) if ctx.json => out.json(&json!(*c)),
        Response::Cover(c) => out.fields(&[&c.id]),
        Response::Covers(list) if ctx.json => out.json(&json!(list.items)),
        Response::Covers(list) => {
            for c in list.items {
                out.fields(&[
                    &c.id,
                    &c.window,
                    &c.staff,
                    &c.from.format("%Y-%m-%dT%H:%M"),
                    &c.to.format("%Y-%m-%dT%H:%M"),
                    &c.assigned_by,
                ]);
            }
        }
        Response::DutyEntries(list) if ctx.json => out.json(&json!(list.items)),
        Response::DutyEntries(list) => {
            for e in list.items {
                out.fields(&[&e.at.format("%H:%M"), &e.leader, &e.text]);
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}

/// Sends one request of enquiries, leave, the duty log or extensions, and prints its reply.
pub fn run(ctx: &Ctx, request: Request, out: &mut Out) -> Result<(), Failure> {
    let response = ask(&mut ctx.connect()?, request)?;
    match response {
        Response::Extension(r) if ctx.json => out.json(&json!(*r)),
        Response::Extension(r) => out.fields(&[&r.id]),
        other => print(ctx, other, out)?,
    }
    Ok(())
}

/// A last column `late` on what began with no decision (flagged by the server).
fn late_column(late: bool) -> Option<String> {
    late.then(|| "late".to_string())
}

/// One line of what waits for a decision, as its fields.
fn approval_fields(a: frontdesk::protocol::Approval) -> Vec<String> {
    use frontdesk::protocol::Approval;
    let minute = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
    match a {
        Approval::Extension {
            id,
            case,
            days,
            reason,
            by,
            late,
            ..
        } => [
            "extension".into(),
            id.to_string(),
            case.to_string(),
            days.to_string(),
            by,
            reason,
        ]
        .into_iter()
        .chain(late_column(late))
        .collect(),
        Approval::Leave {
            id,
            staff,
            from,
            to,
            reason,
            late,
        } => [
            "leave".into(),
            id.to_string(),
            staff,
            minute(from),
            minute(to),
            reason,
        ]
        .into_iter()
        .chain(late_column(late))
        .collect(),
        Approval::Enquiry {
            id,
            content,
            caller,
            at,
        } => vec![
            "enquiry".into(),
            id.to_string(),
            minute(at),
            caller.unwrap_or_default(),
            content,
        ],
        Approval::Follow {
            case,
            item,
            window,
            handler,
            deadline,
            ..
        } => vec![
            "follow".into(),
            case.to_string(),
            item,
            window,
            handler,
            deadline.map_or("-".to_string(), |d| d.to_string()),
        ],
    }
}

/// `frontdesk approvals`: what waits for your decision.
pub fn approvals(ctx: &Ctx, out: &mut Out) -> Result<(), Failure> {
    let approvals = Request::View(ViewReq::Approvals {
        page: PageRequest::first(),
    });
    match ask(&mut ctx.connect()?, approvals)? {
        Response::Approvals(list) if ctx.json => out.json(&json!(list.items)),
        Response::Approvals(list) => {
            for a in list.items {
                out.row(approval_fields(a));
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
