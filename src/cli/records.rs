//! `frontdesk enquiry|leave|duty|extension ...` — enquiries (RULES §1), leave (§6), the duty log
//! (§7) and extension requests: their subcommands are their requests themselves; this prints
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
        Response::Enquiry { id, .. } => out.line(id.to_string()),
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
                out.line(format!(
                    "{id}\t{state}\t{}\t{channel}\t{}\t{}\t{}",
                    e.first_asked,
                    e.caller_name.unwrap_or_default(),
                    e.caller_phone.unwrap_or_default(),
                    e.content
                ));
            }
        }
        Response::Leave(r) if ctx.json => out.json(&json!(*r)),
        Response::Leave(r) => out.line(r.id.to_string()),
        Response::Leaves(list) if ctx.json => out.json(&json!(list.items)),
        Response::Leaves(list) => {
            for r in list.items {
                let kind = if r.kind == AbsenceKind::Leave {
                    "leave"
                } else {
                    "out"
                };
                out.line(format!(
                    "{}\t{}\t{kind}\t{}\t{}\t{}",
                    r.id,
                    r.staff,
                    r.from.format("%Y-%m-%dT%H:%M"),
                    r.to.format("%Y-%m-%dT%H:%M"),
                    leave_state(&r)
                ));
            }
        }
        Response::DutyEntry(e) if ctx.json => out.json(&json!(vec![*e])),
        Response::DutyEntry(e) => out.line(format!(
            "{}\t{}\t{}",
            e.at.format("%H:%M"),
            e.leader,
            e.text
        )),
        Response::DutyEntries(list) if ctx.json => out.json(&json!(list.items)),
        Response::DutyEntries(list) => {
            for e in list.items {
                out.line(format!(
                    "{}\t{}\t{}",
                    e.at.format("%H:%M"),
                    e.leader,
                    e.text
                ));
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
        Response::Extension(r) => out.line(r.id.to_string()),
        other => print(ctx, other, out)?,
    }
    Ok(())
}

/// A last column `late` on what began with no decision (flagged by the server).
fn late_column(late: bool) -> &'static str {
    if late { "\tlate" } else { "" }
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
                out.line(match a {
                    frontdesk::protocol::Approval::Extension {
                        id,
                        case,
                        days,
                        reason,
                        by,
                        late,
                        ..
                    } => {
                        format!(
                            "extension\t{id}\t{case}\t{days}\t{by}\t{reason}{}",
                            late_column(late)
                        )
                    }
                    frontdesk::protocol::Approval::Leave {
                        id,
                        staff,
                        from,
                        to,
                        reason,
                        late,
                    } => format!(
                        "leave\t{id}\t{staff}\t{}\t{}\t{reason}{}",
                        from.format("%Y-%m-%dT%H:%M"),
                        to.format("%Y-%m-%dT%H:%M"),
                        late_column(late)
                    ),
                    frontdesk::protocol::Approval::Enquiry {
                        id,
                        content,
                        caller,
                        at,
                    } => format!(
                        "enquiry\t{id}\t{}\t{}\t{content}",
                        at.format("%Y-%m-%dT%H:%M"),
                        caller.unwrap_or_default()
                    ),
                    frontdesk::protocol::Approval::Follow {
                        case,
                        item,
                        window,
                        handler,
                        deadline,
                        ..
                    } => format!(
                        "follow\t{case}\t{item}\t{window}\t{handler}\t{}",
                        deadline.map_or("-".to_string(), |d| d.to_string())
                    ),
                });
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
