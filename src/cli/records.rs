//! `frontdesk enquiry|leave|duty ...` — enquiries (RULES §1), leave (§6), the duty log (§7).

use chrono::{NaiveDate, NaiveDateTime};
use clap::Subcommand;
use serde_json::json;

use frontdesk::domain::enquiry::{EnquiryChannel, EnquiryStatus};
use frontdesk::domain::leave::{AbsenceKind, DutySwap, LeaveRequest, LeaveStatus};
use frontdesk::protocol::{PageRequest, Request, Response};
use frontdesk::server::clock::parse_now;

use super::{Ctx, Failure, Out, ask, parse_date};

#[derive(Subcommand)]
pub enum EnquiryCmd {
    /// Log an enquiry; you are its first-asked person. Prints its id
    Log {
        #[arg(long, value_name = "in-person|phone", value_parser = parse_channel, default_value = "in-person")]
        channel: EnquiryChannel,
        /// The caller's or visitor's name (required for phone calls)
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Their phone number (required for phone calls)
        #[arg(long, value_name = "P")]
        phone: Option<String>,
        /// What was asked
        #[arg(long, value_name = "TEXT")]
        content: String,
        /// Where it was referred: a window, or the leader on duty
        #[arg(long = "refer", value_name = "WHERE")]
        refer_to: Option<String>,
    },
    /// Close an enquiry with its outcome
    Close {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        outcome: String,
    },
    /// List enquiries: ID<TAB>open|closed<TAB>FIRST-ASKED<TAB>CHANNEL<TAB>NAME<TAB>PHONE<TAB>CONTENT
    List {
        /// Only open ones (what the leader on duty follows up)
        #[arg(long)]
        open: bool,
    },
}

fn parse_channel(s: &str) -> Result<EnquiryChannel, String> {
    match s {
        "in-person" | "现场" => Ok(EnquiryChannel::InPerson),
        "phone" | "电话" => Ok(EnquiryChannel::Phone),
        _ => Err(format!("`{s}` is not a channel; use in-person or phone")),
    }
}

#[derive(Subcommand)]
pub enum LeaveCmd {
    /// Ask for leave in writing; prints the request's id
    Request {
        /// From (2026-11-24T08:00; Asia/Shanghai)
        #[arg(long, value_parser = parse_now, value_name = "DATETIME")]
        from: NaiveDateTime,
        /// Until
        #[arg(long, value_parser = parse_now, value_name = "DATETIME")]
        to: NaiveDateTime,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// leave (请假) or out (外出)
        #[arg(long, value_name = "leave|out", value_parser = parse_kind, default_value = "leave")]
        kind: AbsenceKind,
        /// For someone else (written on their behalf)
        #[arg(long, value_name = "CODE")]
        staff: Option<String>,
        /// A leader's duty day given to another leader, reported to the head and handed over:
        /// DATE:CODE (repeat for several days)
        #[arg(long, value_name = "DATE:CODE", value_parser = parse_swap)]
        swap: Vec<DutySwap>,
    },
    /// Approve a request (the director or the leader on duty)
    Approve { id: u64 },
    /// Refuse a request, with the reason
    Refuse {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Take back your own request before it is decided
    Withdraw { id: u64 },
    /// 销假: back from leave now
    Cancel { id: u64 },
    /// List requests: ID<TAB>STAFF<TAB>KIND<TAB>FROM<TAB>TO<TAB>STATE
    List,
}

fn parse_kind(s: &str) -> Result<AbsenceKind, String> {
    match s {
        "leave" | "请假" => Ok(AbsenceKind::Leave),
        "out" | "外出" => Ok(AbsenceKind::Out),
        _ => Err(format!("`{s}` is not a kind of absence; use leave or out")),
    }
}

fn parse_swap(s: &str) -> Result<DutySwap, String> {
    let (date, code) = s
        .split_once(':')
        .ok_or_else(|| format!("`{s}` is not DATE:CODE, like 2026-11-24:L06"))?;
    Ok(DutySwap {
        date: parse_date(date)?,
        covering_leader: code.trim().to_string(),
        reported_to_head: true,
        handed_over: true,
    })
}

#[derive(Subcommand)]
pub enum DutyCmd {
    /// Write in today's duty log (the leader on duty or the director)
    Log {
        #[arg(long, value_name = "TEXT")]
        text: String,
    },
    /// Show a day's duty log: TIME<TAB>LEADER<TAB>TEXT
    List {
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        date: Option<NaiveDate>,
    },
}

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
        Response::Enquiries(list) if ctx.json => out.json(&json!(list.items)),
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

pub fn enquiry(ctx: &Ctx, cmd: EnquiryCmd, out: &mut Out) -> Result<(), Failure> {
    let request = match cmd {
        EnquiryCmd::Log {
            channel,
            name,
            phone,
            content,
            refer_to,
        } => Request::EnquiryLog {
            channel,
            caller_name: name,
            caller_phone: phone,
            content,
            refer_to,
        },
        EnquiryCmd::Close { id, outcome } => Request::EnquiryClose { id, outcome },
        EnquiryCmd::List { open } => Request::EnquiryList {
            open,
            page: PageRequest::first(),
        },
    };
    let response = ask(&mut ctx.connect()?, request)?;
    print(ctx, response, out)
}

pub fn leave(ctx: &Ctx, cmd: LeaveCmd, out: &mut Out) -> Result<(), Failure> {
    let request = match cmd {
        LeaveCmd::Request {
            from,
            to,
            reason,
            kind,
            staff,
            swap,
        } => Request::LeaveRequest {
            staff,
            kind,
            from,
            to,
            reason,
            swaps: swap,
        },
        LeaveCmd::Approve { id } => Request::LeaveApprove { id },
        LeaveCmd::Refuse { id, reason } => Request::LeaveRefuse { id, reason },
        LeaveCmd::Withdraw { id } => Request::LeaveWithdraw { id },
        LeaveCmd::Cancel { id } => Request::LeaveCancel { id },
        LeaveCmd::List => Request::LeaveList {
            page: PageRequest::first(),
        },
    };
    let response = ask(&mut ctx.connect()?, request)?;
    print(ctx, response, out)
}

pub fn duty(ctx: &Ctx, cmd: DutyCmd, out: &mut Out) -> Result<(), Failure> {
    let request = match cmd {
        DutyCmd::Log { text } => Request::DutyLog { text },
        DutyCmd::List { date } => Request::DutyList {
            date,
            page: PageRequest::first(),
        },
    };
    let response = ask(&mut ctx.connect()?, request)?;
    print(ctx, response, out)
}

#[derive(Subcommand)]
pub enum ExtensionCmd {
    /// Ask a leader or the director to extend a case you handle; prints the request's id
    Ask {
        /// The case
        case: u64,
        #[arg(long, value_name = "N")]
        days: u32,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Approve an extension request (leaders and the director)
    Approve { id: u64 },
    /// Refuse an extension request, with the reason
    Refuse {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

pub fn extension(ctx: &Ctx, cmd: ExtensionCmd, out: &mut Out) -> Result<(), Failure> {
    let request = match cmd {
        ExtensionCmd::Ask { case, days, reason } => Request::ExtensionAsk { case, days, reason },
        ExtensionCmd::Approve { id } => Request::ExtensionDecide {
            id,
            approve: true,
            reason: String::new(),
        },
        ExtensionCmd::Refuse { id, reason } => Request::ExtensionDecide {
            id,
            approve: false,
            reason,
        },
    };
    match ask(&mut ctx.connect()?, request)? {
        Response::Extension(r) if ctx.json => out.json(&json!(*r)),
        Response::Extension(r) => out.line(r.id.to_string()),
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}

/// A last column `late` on what began with no decision (flagged by the server).
fn late_column(late: bool) -> &'static str {
    if late { "\tlate" } else { "" }
}

/// `frontdesk approvals`: what waits for your decision.
pub fn approvals(ctx: &Ctx, out: &mut Out) -> Result<(), Failure> {
    let approvals = Request::Approvals {
        page: PageRequest::first(),
    };
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
                });
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
