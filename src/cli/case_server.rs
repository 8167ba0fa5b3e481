//! `frontdesk case open|supplement|complete|...` — cases through the server (RULES §1–§4).

use clap::{Args, Subcommand};
use serde_json::json;

use frontdesk::domain::case::{Applicant, CaseKind, CaseStatus, Channel};
use frontdesk::domain::clock::{SpecialProcedure, Urgency};
use frontdesk::protocol::{CaseOpen, CaseRow, CaseView, PageRequest, Request, Response};

use super::{Ctx, Failure, Out, ask, materials};

#[derive(Args)]
pub struct OpenArgs {
    /// The service item's code
    #[arg(long, value_name = "CODE")]
    item: String,
    /// The applicant's name
    #[arg(long, value_name = "NAME")]
    applicant: String,
    #[arg(long, value_name = "P")]
    phone: Option<String>,
    #[arg(long = "id-number", value_name = "N")]
    id_number: Option<String>,
    /// Materials in hand, comma-separated
    #[arg(long, value_name = "M1,M2", default_value = "")]
    have: String,
    /// Materials promised (已有但未带来), comma-separated
    #[arg(long, value_name = "M3", default_value = "")]
    promise: String,
    /// Staff code of the first-asked person (default: you)
    #[arg(long = "first-asked", value_name = "CODE")]
    first_asked: Option<String>,
    /// How the matter reached the centre
    #[arg(long, value_name = "window|phone|agent|appointment", default_value = "window", value_parser = parse_channel)]
    channel: Channel,
    /// Override the decided kind (needs --reason)
    #[arg(long, value_name = "KIND", requires = "reason", value_parser = parse_kind)]
    kind: Option<CaseKind>,
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// Green channel: half the statutory limit
    #[arg(long)]
    green_channel: bool,
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    Channel::parse(s)
        .ok_or_else(|| format!("`{s}` is not a channel; use window, phone, agent or appointment"))
}

fn parse_kind(s: &str) -> Result<CaseKind, String> {
    CaseKind::parse(s).ok_or_else(|| {
        format!("`{s}` is not a kind; use 即办件 承诺件 补办件 联办件 驳回件 上报件 容缺受理")
    })
}

fn parse_procedure(s: &str) -> Result<SpecialProcedure, String> {
    match s {
        "hearing" | "听证" => Ok(SpecialProcedure::Hearing),
        "inspection" | "现场勘查" => Ok(SpecialProcedure::Inspection),
        "expert-review" | "专家评审" => Ok(SpecialProcedure::ExpertReview),
        "other" => Ok(SpecialProcedure::Other),
        _ => Err(format!(
            "`{s}` is not a special procedure; use hearing, inspection, expert-review or other"
        )),
    }
}

#[derive(Subcommand)]
pub enum ServerCaseCmd {
    /// Open a case at the desk; prints ID<TAB>KIND<TAB>DEADLINE, or ID<TAB>KIND<TAB>waiting<TAB>N
    Open(Box<OpenArgs>),
    /// Record materials handed over later; a 补办件's clock starts when the last arrives
    Supplement {
        id: u64,
        /// The materials, comma-separated
        #[arg(long, value_name = "M1,M2")]
        materials: String,
    },
    /// Complete a case
    Complete { id: u64 },
    /// Reject a case, with the reason for the rejection notice
    Reject {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Extend a case's deadline (leaders and the director; at most 30 working days in all)
    Extend {
        id: u64,
        #[arg(long, value_name = "N")]
        days: u32,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Stop the clock for a special procedure
    Pause {
        id: u64,
        #[arg(long, value_name = "hearing|inspection|expert-review|other", value_parser = parse_procedure)]
        procedure: SpecialProcedure,
    },
    /// Start the clock again after a special procedure
    Resume { id: u64 },
    /// Hand the matter up for a higher authority's approval (at most 60 days from acceptance)
    ReportUp { id: u64 },
    /// Another department handles the matter too: a 承诺件 becomes a 联办件, with a joint notice
    AddCoWindow {
        id: u64,
        #[arg(long, value_name = "NAME")]
        window: String,
    },
    /// Show a case: KEY<TAB>VALUE lines
    Show { id: u64 },
    /// Print a case's notice as the applicant receives it: the latest, or number N
    Notice {
        id: u64,
        #[arg(long, value_name = "N")]
        number: Option<u32>,
    },
    /// The one-time notices issued on a day (default today):
    /// CASE<TAB>NUMBER<TAB>NOTICE<TAB>ITEM<TAB>MATERIALS ASKED
    Notices {
        #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
        date: Option<chrono::NaiveDate>,
    },
    /// List cases: ID<TAB>KIND<TAB>ITEM<TAB>APPLICANT<TAB>DEADLINE|waiting N|paused<TAB>DAYS LEFT<TAB>MARK
    /// (MARK: `!` due soon, `!!` due today, `超期` overdue, `办结` completed, `驳回` rejected)
    List {
        /// Only open cases, by deadline
        #[arg(long)]
        open: bool,
        /// Only open cases with at most N working days left, overdue ones included
        #[arg(long, value_name = "N")]
        due_within: Option<u32>,
        /// Only overdue cases
        #[arg(long)]
        overdue: bool,
    },
}

/// The urgency mark: never colour alone (DESIGN.md).
fn mark(u: Option<Urgency>) -> &'static str {
    match u {
        Some(Urgency::Overdue) => "超期",
        Some(Urgency::DueSoon) => "!",
        Some(Urgency::DueToday) => "!!",
        _ => "",
    }
}

fn summary(v: &CaseView) -> String {
    let when = match (v.deadline, v.waiting_for, v.paused_since) {
        (_, Some(n), _) => format!("waiting\t{n}"),
        (_, _, Some(since)) => format!("paused\t{since}"),
        (Some(d), _, _) => d.to_string(),
        _ => "-".into(),
    };
    format!("{}\t{}\t{when}", v.id, v.case.kind.chinese())
}

fn show(v: &CaseView, out: &mut Out) {
    let c = &v.case;
    let status = match &c.status {
        CaseStatus::Open => "open".to_string(),
        CaseStatus::Completed { on } => format!("completed {on}"),
        CaseStatus::Rejected { on, reason } => format!("rejected {on}: {reason}"),
    };
    let lines = [
        ("id", v.id.to_string()),
        ("item", format!("{}\t{}", c.item_code, c.item_name)),
        ("kind", c.kind.chinese().to_string()),
        ("status", status),
        ("applicant", c.applicant.name.clone()),
        ("phone", c.applicant.phone.clone().unwrap_or_default()),
        (
            "id_number",
            c.applicant.id_number.clone().unwrap_or_default(),
        ),
        ("window", c.current_window().to_string()),
        ("handler", c.handler.clone()),
        ("first_asked", c.first_asked.clone()),
        ("accepted", c.accepted_on.to_string()),
    ];
    for (k, val) in lines {
        out.line(format!("{k}\t{val}"));
    }
    match (v.deadline, v.waiting_for, v.paused_since) {
        (_, Some(n), _) => out.line(format!("deadline\twaiting\t{n}")),
        (_, _, Some(since)) => out.line(format!("deadline\tpaused\t{since}")),
        (Some(d), _, _) => out.line(format!(
            "deadline\t{d}{}",
            if v.provisional { "\tprovisional" } else { "" }
        )),
        _ => {}
    }
    if let Some(by) = c.supplement_by {
        out.line(format!("supplement_by\t{by}"));
    }
    for m in &c.materials {
        let state = match m.state {
            frontdesk::domain::case::MaterialState::InHand => "in-hand",
            frontdesk::domain::case::MaterialState::Promised => "promised",
            frontdesk::domain::case::MaterialState::Missing => "missing",
        };
        out.line(format!("material\t{}\t{state}", m.name));
    }
    for n in &c.notices {
        out.line(format!(
            "notice\t{}\t{}\t{}",
            n.number,
            n.kind.chinese(),
            n.issued_on
        ));
    }
    for viol in &v.violations {
        out.line(format!("violation\t{viol}"));
    }
}

fn row(r: &CaseRow) -> String {
    let when = match (r.deadline, r.waiting_for, r.paused) {
        (_, Some(n), _) => format!("waiting {n}"),
        (_, _, true) => "paused".into(),
        (Some(d), _, _) if r.provisional => format!("{d} (provisional)"),
        (Some(d), _, _) => d.to_string(),
        _ => "-".into(),
    };
    let left = r.days_left.map_or(String::new(), |d| d.to_string());
    let mark = match (&r.status, r.urgency) {
        (CaseStatus::Completed { .. }, _) => "办结",
        (CaseStatus::Rejected { .. }, _) => "驳回",
        (CaseStatus::Open, u) => mark(u),
    };
    format!(
        "{}\t{}\t{}\t{}\t{when}\t{left}\t{mark}",
        r.id,
        r.kind.chinese(),
        r.item_name,
        r.applicant.name,
    )
}

/// Prints one notice of a case, whole, as handed over (`--json`: the notice's fields).
fn notice(ctx: &Ctx, id: u64, number: Option<u32>, out: &mut Out) -> Result<(), Failure> {
    let mut client = ctx.connect()?;
    let Response::Case(v) = ask(&mut client, Request::CaseShow { id })? else {
        return Err(Failure::Error(
            "the server did not answer with the case".into(),
        ));
    };
    let notices = &v.case.notices;
    let chosen = match number {
        Some(n) => notices.iter().find(|x| x.number == n),
        None => notices.last(),
    };
    let Some(n) = chosen else {
        let have: Vec<String> = notices.iter().map(|x| x.number.to_string()).collect();
        return Err(Failure::Error(if have.is_empty() {
            format!("case {id} has no notice yet")
        } else {
            format!(
                "case {id} has no notice {}; its notices are {}",
                number.unwrap_or_default(),
                have.join(" ")
            )
        }));
    };
    if ctx.json {
        out.json(&json!(n));
    } else {
        for line in n.document(id) {
            out.line(line);
        }
    }
    Ok(())
}

pub fn run(ctx: &Ctx, cmd: ServerCaseCmd, out: &mut Out) -> Result<(), Failure> {
    let (request, detailed) = match cmd {
        ServerCaseCmd::Notice { id, number } => return notice(ctx, id, number, out),
        ServerCaseCmd::Open(a) => (
            Request::CaseOpen(Box::new(CaseOpen {
                item: a.item,
                applicant: Applicant {
                    name: a.applicant,
                    phone: a.phone,
                    id_number: a.id_number,
                },
                have: materials(&a.have),
                promise: materials(&a.promise),
                first_asked: a.first_asked,
                channel: a.channel,
                kind: a.kind.zip(a.reason),
                green_channel: a.green_channel,
            })),
            false,
        ),
        ServerCaseCmd::Supplement { id, materials: m } => (
            Request::CaseSupplement {
                id,
                materials: materials(&m),
            },
            false,
        ),
        ServerCaseCmd::Complete { id } => (Request::CaseComplete { id }, false),
        ServerCaseCmd::Reject { id, reason } => (Request::CaseReject { id, reason }, false),
        ServerCaseCmd::Extend { id, days, reason } => {
            (Request::CaseExtend { id, days, reason }, false)
        }
        ServerCaseCmd::Pause { id, procedure } => (Request::CasePause { id, procedure }, false),
        ServerCaseCmd::Resume { id } => (Request::CaseResume { id }, false),
        ServerCaseCmd::ReportUp { id } => (Request::CaseReportUp { id }, false),
        ServerCaseCmd::AddCoWindow { id, window } => {
            (Request::CaseAddCoWindow { id, window }, false)
        }
        ServerCaseCmd::Show { id } => (Request::CaseShow { id }, true),
        ServerCaseCmd::Notices { date } => (
            Request::CaseNotices {
                date,
                page: PageRequest::first(),
            },
            false,
        ),
        ServerCaseCmd::List {
            open,
            due_within,
            overdue,
        } => (
            Request::CaseList {
                open,
                due_within,
                overdue,
                page: PageRequest::first(),
            },
            false,
        ),
    };
    let mut client = ctx.connect()?;
    match ask(&mut client, request)? {
        Response::Case(v) if ctx.json => out.json(&json!({
            "id": v.id,
            "kind": v.case.kind.chinese(),
            "deadline": v.deadline,
            "waiting_for": v.waiting_for,
            "provisional": v.provisional,
            "days_left": v.days_left,
            "urgency": v.urgency,
            "violations": v.violations,
            "case": v.case,
        })),
        Response::Case(v) if detailed => show(&v, out),
        Response::Case(v) => {
            out.line(summary(&v));
            for viol in &v.violations {
                super::warn(viol);
            }
        }
        Response::Notices(list) if ctx.json => out.json(&json!(list.items)),
        Response::Notices(list) => {
            for (id, n) in list.items {
                let asked: Vec<&str> = n.requested.iter().map(|m| m.name.as_str()).collect();
                out.line(format!(
                    "{id}\t{}\t{}\t{}\t{}",
                    n.number,
                    n.kind.chinese(),
                    n.item_name,
                    asked.join("、")
                ));
            }
        }
        Response::Cases(rows) if ctx.json => out.json(&json!(rows.items)),
        Response::Cases(rows) => {
            for r in &rows.items {
                out.line(row(r));
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
