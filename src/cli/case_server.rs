//! `frontdesk case open|supplement|complete|...` — cases through the server (RULES §1–§4).
//! The subcommands are the cases' requests themselves (`CaseReq`); this prints their replies.

use serde_json::json;

use frontdesk::domain::case::CaseStatus;
use frontdesk::domain::clock::Urgency;
use frontdesk::domain::notice::PAPER_WIDTH;
use frontdesk::protocol::{CaseReq, CaseRow, CaseView, Request, Response};

use super::{Ctx, Failure, Out, ask};

/// The urgency mark: never colour alone (DESIGN.md).
fn mark(u: Option<Urgency>) -> &'static str {
    match u {
        Some(Urgency::Overdue) => "超期",
        Some(Urgency::DueSoon) => "!",
        Some(Urgency::DueToday) => "!!",
        _ => "",
    }
}

/// `ID<TAB>KIND<TAB>WHEN`, where WHEN is a date, `waiting<TAB>N`, `paused<TAB>SINCE`,
/// `rejected`, `completed` or `-`.
fn summary(v: &CaseView) -> Vec<String> {
    let when = match (v.deadline, v.waiting_for, v.paused_since) {
        _ if matches!(v.case.status, CaseStatus::Rejected { .. }) => vec!["rejected".into()],
        _ if matches!(v.case.status, CaseStatus::Completed { .. }) => vec!["completed".into()],
        (_, Some(n), _) => vec!["waiting".into(), n.to_string()],
        (_, _, Some(since)) => vec!["paused".into(), since.to_string()],
        (Some(d), _, _) => vec![d.to_string()],
        _ => vec!["-".into()],
    };
    [v.id.to_string(), v.case.kind.chinese().to_string()]
        .into_iter()
        .chain(when)
        .collect()
}

fn show(v: &CaseView, out: &mut Out) {
    let c = &v.case;
    let status = match &c.status {
        CaseStatus::Open => "open".to_string(),
        CaseStatus::Completed { on, late: None } => format!("completed {on}"),
        CaseStatus::Completed { on, late: Some(n) } => {
            format!("completed {on} (late by {n} working days)")
        }
        CaseStatus::Rejected { on, reason } => format!("rejected {on}: {reason}"),
    };
    out.fields(&[&"id", &v.id]);
    out.fields(&[&"item", &c.item_code, &c.item_name]);
    let lines = [
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
        ("ticket", c.ticket.clone().unwrap_or_default()),
        ("accepted", c.accepted_on.to_string()),
    ];
    for (k, val) in lines {
        out.fields(&[&k, &val]);
    }
    match (v.deadline, v.waiting_for, v.paused_since) {
        (_, Some(n), _) => out.fields(&[&"deadline", &"waiting", &n]),
        (_, _, Some(since)) => out.fields(&[&"deadline", &"paused", &since]),
        (Some(d), _, _) if v.provisional => out.fields(&[&"deadline", &d, &"provisional"]),
        (Some(d), _, _) => out.fields(&[&"deadline", &d]),
        _ => {}
    }
    if let Some(by) = c.supplement_by {
        out.fields(&[&"supplement_by", &by]);
    }
    for m in &c.materials {
        let state = match m.state {
            frontdesk::domain::case::MaterialState::InHand => "in-hand",
            frontdesk::domain::case::MaterialState::Promised => "promised",
            frontdesk::domain::case::MaterialState::Missing => "missing",
        };
        out.fields(&[&"material", &m.name, &state]);
    }
    for n in &c.notices {
        out.fields(&[&"notice", &n.number, &n.kind.chinese(), &n.issued_on]);
    }
    // paper<TAB>NOTICE<TAB>WHEN<TAB>BY<TAB>FORM<TAB>printed|reprinted|saved<TAB>PRINTER|PATH…
    for p in &c.papers {
        let head = [
            "paper".to_string(),
            p.notice.to_string(),
            p.at.format("%Y-%m-%d %H:%M").to_string(),
            p.by.clone(),
            p.form.key().to_string(),
        ];
        out.row(
            head.into_iter()
                .chain(super::paper::way_fields(p.verb(), &p.way)),
        );
    }
    for viol in &v.violations {
        out.fields(&[&"violation", viol]);
    }
    // message<TAB>ID<TAB>STATE<TAB>ATTEMPTS<TAB>WHEN<TAB>ERROR
    for m in &v.messages {
        let fields = super::outbox::status_fields(m);
        out.row(
            ["message".to_string(), m.id.to_string()]
                .into_iter()
                .chain(fields),
        );
    }
}

fn row(r: &CaseRow, out: &mut Out) {
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
    out.fields(&[
        &r.id,
        &r.kind.chinese(),
        &r.item_name,
        &r.applicant.name,
        &when,
        &left,
        &mark,
    ]);
}

/// Prints one notice of a case, whole, as handed over (`--json`: the notice's fields).
pub fn notice(
    ctx: &Ctx,
    id: u64,
    number: Option<u32>,
    pdf: &super::paper::PdfArgs,
    out: &mut Out,
) -> Result<(), Failure> {
    let mut client = ctx.connect()?;
    let Response::Case(v) = ask(&mut client, Request::Case(CaseReq::Show { id }))? else {
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
    if let Some(file) = &pdf.pdf {
        // Dated by its issue, never the clock: printed again, the same bytes.
        super::paper::write(
            ctx,
            &n.blocks(id),
            &n.paper_title(id),
            n.paper_date(),
            pdf,
            file,
        )?;
    } else if ctx.json {
        out.json(&json!(n));
    } else {
        for line in n.text(id, PAPER_WIDTH) {
            out.paper(line);
        }
    }
    Ok(())
}

pub fn run(ctx: &Ctx, cmd: CaseReq, out: &mut Out) -> Result<(), Failure> {
    let detailed = matches!(cmd, CaseReq::Show { .. });
    let request = Request::Case(cmd);
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
            "messages": v.messages,
            "case": v.case,
        })),
        Response::Case(v) if detailed => show(&v, out),
        Response::Case(v) => {
            out.row(summary(&v));
            for viol in &v.violations {
                super::warn(viol.to_string());
            }
        }
        Response::Paper { case, record } if ctx.json => {
            out.json(&json!({ "case": case, "paper": *record }));
        }
        Response::Paper { record, .. } => {
            out.row(super::paper::way_fields(record.verb(), &record.way));
        }
        Response::Found { id, open_row } => match open_row {
            Some(row) => out.fields(&[&id, &row]),
            None => out.fields(&[&id]),
        },
        Response::Notices(list) if ctx.json => out.json_numbered("case", &list.items),
        Response::Notices(list) => {
            for (id, n) in list.items {
                let asked: Vec<&str> = n.requested.iter().map(|m| m.name.as_str()).collect();
                out.fields(&[
                    &id,
                    &n.number,
                    &n.kind.chinese(),
                    &n.item_name,
                    &asked.join("、"),
                ]);
            }
        }
        Response::Cases(rows) if ctx.json => out.json(&json!(rows.items)),
        Response::Cases(rows) => {
            for r in &rows.items {
                row(r, out);
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
