//! The Case pane: the selected matter — its item, applicant, deadline, materials checklist,
//! notices with how each went out on paper, the SMS to its applicant, and its history.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::domain::case::{CaseStatus, MaterialState};
use crate::domain::clock::Urgency;

use super::app::App;
use super::paper_text::{paper_count, paper_latest};
use super::text::{self, Lang, T};

pub(super) fn case_lines(app: &App) -> Vec<Line<'static>> {
    let Some(detail) = &app.data.case else {
        return vec![Line::from(Span::styled(
            app.t(T::NoCaseSelected),
            app.cx.theme.dim(),
        ))];
    };
    let v = &detail.view;
    let c = &v.case;
    let kind = match app.cx.lang {
        Lang::Zh => c.kind.chinese(),
        Lang::En => c.kind.english(),
    };
    let status = match &c.status {
        CaseStatus::Open => app.t(T::Open).to_string(),
        CaseStatus::Completed { on, late: None } => format!("{} {on}", app.t(T::Completed)),
        CaseStatus::Completed { on, late: Some(n) } => {
            format!("{} {on} ({} {n})", app.t(T::Completed), app.t(T::Overdue))
        }
        CaseStatus::Rejected { on, reason } => format!("{} {on}: {reason}", app.t(T::Rejected)),
    };
    let field = |t: T, v: String| Line::from(format!("{}: {v}", app.t(t)));
    let mut lines = vec![
        Line::from(Span::styled(
            format!("#{} {} {}", v.id, c.item_code, c.item_name),
            Style::new().add_modifier(Modifier::BOLD),
        )),
        field(T::Kind, kind.to_string()),
        field(T::Status, status),
        field(T::Applicant, c.applicant.name.clone()),
        field(T::Phone, c.applicant.phone.clone().unwrap_or_default()),
        field(
            T::IdNumber,
            c.applicant.id_number.clone().unwrap_or_default(),
        ),
        field(T::Window, c.current_window().to_string()),
        field(T::FirstAsked, c.first_asked.clone()),
        field(T::Accepted, c.accepted_on.to_string()),
    ];
    if let Some(ticket) = &c.ticket {
        lines.push(field(T::TicketOf, ticket.clone()));
    }
    let (m, style) = mark(app, v.urgency);
    let due = match (v.deadline, v.waiting_for, v.paused_since) {
        (_, Some(n), _) => format!("{} {n}", app.t(T::WaitingFor)),
        (_, _, Some(since)) => format!("{} {since}", app.t(T::Paused)),
        (Some(d), _, _) if v.provisional => format!("{d} ({})", app.t(T::Provisional)),
        (Some(d), _, _) => d.to_string(),
        _ => "-".into(),
    };
    lines.push(Line::from(vec![
        Span::raw(format!("{}: {due}", app.t(T::Deadline))),
        Span::styled(m, style),
    ]));
    if let Some(by) = c.supplement_by {
        lines.push(field(T::SupplementBy, by.to_string()));
    }
    lines.push(Line::from(Span::styled(
        app.t(T::Materials),
        Style::new().add_modifier(Modifier::BOLD),
    )));
    for m in &c.materials {
        let (tick, t) = match m.state {
            MaterialState::InHand => ("[x]", T::InHand),
            MaterialState::Promised => ("[~]", T::Promised),
            MaterialState::Missing => ("[ ]", T::Missing),
        };
        lines.push(Line::from(format!(" {tick} {} ({})", m.name, app.t(t))));
    }
    if !c.notices.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t(T::Notices),
            Style::new().add_modifier(Modifier::BOLD),
        )));
        // Each notice with how it last went out on paper: the written evidence that the
        // applicant was handed it (RULES §2), for a supervisor to see at a glance.
        for n in &c.notices {
            let line = format!(" {}. {} {}", n.number, n.kind.chinese(), n.issued_on);
            lines.push(match paper_latest(c, n.number, app.cx.lang) {
                Some(paper) => Line::from(vec![
                    Span::raw(format!("{line} · ")),
                    Span::styled(paper, app.cx.theme.dim()),
                ]),
                None => Line::from(vec![
                    Span::raw(format!("{line} · ")),
                    Span::styled(
                        paper_count(c, n.number, app.cx.lang),
                        app.cx.theme.due_soon(),
                    ),
                ]),
            });
        }
    }
    // The latest message to the applicant, in one short line.
    if let Some(m) = v.messages.last() {
        let line = super::sms_text::sms_line(&m.status, app.cx.lang);
        let style = match m.status {
            crate::domain::outbox::Status::Failed { .. } => app.cx.theme.due_soon(),
            _ => Style::new(),
        };
        lines.push(Line::from(Span::styled(line, style)));
    }
    if !detail.history.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t(T::History),
            Style::new().add_modifier(Modifier::BOLD),
        )));
        for e in &detail.history {
            let at = e.at().format("%m-%d %H:%M");
            lines.push(Line::from(format!(
                " {at} {} {} {}",
                e.actor(),
                text::audit_action(e.act(), app.cx.lang),
                e.outcome().text(app.cx.lang)
            )));
        }
    }
    lines
}

/// The urgency mark, never colour alone.
pub(super) fn mark(app: &App, u: Option<Urgency>) -> (String, Style) {
    match u {
        Some(Urgency::Overdue) => (format!(" {}", app.t(T::Overdue)), app.cx.theme.overdue()),
        Some(Urgency::DueSoon) => (" !".into(), app.cx.theme.due_soon()),
        Some(Urgency::DueToday) => (" !!".into(), app.cx.theme.due_soon()),
        _ => (String::new(), Style::new()),
    }
}
