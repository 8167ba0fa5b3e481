//! Drawing: a pure view of the state. Four panes on a terminal of at least 120×32; one pane with
//! a tab row below that, down to 60×16; under that, a single line asking for more room.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::case::{CaseStatus, MaterialState};
use crate::domain::clock::Urgency;
use crate::domain::queue::TicketStatus;
use crate::protocol::{Approval, Rows, ServingView};

use super::app::{App, Pane};
use super::keymap::Action;
use super::overlays;
use super::text::{self, Lang, T, action_text};

/// The smallest terminal the console draws in.
pub const MIN_SIZE: (u16, u16) = (60, 16);
/// From this size on, all four panes show at once.
pub const WIDE: (u16, u16) = (120, 32);

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        frame.render_widget(
            Paragraph::new(app.t(T::Enlarge)).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    // A note (a refusal names the rule and what to do) wraps over as many lines as it needs,
    // up to a quarter of the screen, so it is read whole on a narrow terminal.
    let footer_lines = footer(app)
        .line_count(area.width)
        .clamp(1, usize::from(area.height / 4)) as u16;
    let [header, body, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(footer_lines),
    ])
    .areas(area);
    draw_header(frame, app, header);
    if area.width >= WIDE.0 && area.height >= WIDE.1 {
        let [left, right] = Layout::horizontal([Constraint::Percentage(50); 2]).areas(body);
        let [queue, deadlines] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(left);
        let [case, today] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
        draw_pane(frame, app, Pane::Queue, queue);
        draw_pane(frame, app, Pane::Deadlines, deadlines);
        draw_pane(frame, app, Pane::Case, case);
        draw_pane(frame, app, Pane::Today, today);
    } else {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        draw_tabs(frame, app, tabs);
        draw_pane(frame, app, app.focus, pane);
    }
    frame.render_widget(footer(app), footer_area);
    if let Some(form) = &app.intake {
        super::intake_view::draw(frame, app, form, body);
    }
    if let Some(form) = &app.supplement {
        overlays::supplement(frame, app, form, body);
    }
    if let Some(p) = &app.prompt {
        overlays::prompt(frame, app, p, body);
    }
    if app.help {
        overlays::help(frame, app, body);
    }
}

fn draw_header(frame: &mut Frame, app: &App, area: Rect) {
    let mut spans = vec![Span::styled(
        format!(" frontdesk · {} ({})", app.me.name, app.me.code),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    if app.demo {
        spans.push(Span::raw(format!(" · {}", app.t(T::Demo))));
    }
    if let Some(today) = &app.data.today {
        spans.push(Span::raw(format!(
            " · {}",
            today.now.format("%Y-%m-%d %H:%M")
        )));
    }
    if !app.connected {
        spans.push(Span::styled(
            format!(" · {}", app.t(T::Reconnecting)),
            app.theme.error(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let keys = [
        Action::FocusQueue,
        Action::FocusCase,
        Action::FocusDeadlines,
        Action::FocusToday,
    ];
    let mut spans = Vec::new();
    for (pane, action) in Pane::ALL.iter().zip(keys) {
        let label = format!(" {} {} ", app.keymap.label(action), app.t(pane.title()));
        let style = if *pane == app.focus {
            app.theme.title(true)
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw("|"));
    }
    spans.pop();
    frame.render_widget(Line::from(spans), area);
}

/// The last line: the latest note, or the main keys.
fn footer<'a>(app: &App) -> Paragraph<'a> {
    match &app.note {
        Some(n) => Paragraph::new(Line::from(Span::styled(
            format!(" {}", n.text),
            if n.error {
                app.theme.error()
            } else {
                Style::new()
            },
        )))
        .wrap(Wrap { trim: false }),
        None => {
            let hints = [
                Action::NextVisitor,
                Action::NewTicket,
                Action::Recall,
                Action::CompleteCase,
                Action::Help,
                Action::Quit,
            ]
            .iter()
            .map(|a| format!("{} {}", app.keymap.label(*a), action_text(*a, app.lang)))
            .collect::<Vec<_>>()
            .join("  ");
            Paragraph::new(Line::from(Span::styled(
                format!(" {hints}"),
                app.theme.dim(),
            )))
        }
    }
}

fn block<'a>(app: &App, pane: Pane) -> Block<'a> {
    let focused = app.focus == pane;
    Block::bordered()
        .border_set(app.theme.border())
        .title(Span::styled(
            format!(" {} ", app.t(pane.title())),
            app.theme.title(focused),
        ))
}

fn draw_pane(frame: &mut Frame, app: &App, pane: Pane, area: Rect) {
    let block = block(app, pane);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match pane {
        Pane::Queue => queue_lines(app, inner.height as usize),
        Pane::Case => case_lines(app),
        Pane::Deadlines => deadline_lines(app, inner.height as usize),
        Pane::Today => today_lines(app),
    };
    // Lists clip long rows, so each row stays one line and the selection arithmetic holds;
    // the case and today panes wrap.
    let paragraph = Paragraph::new(lines);
    let paragraph = match pane {
        Pane::Queue | Pane::Deadlines => paragraph,
        Pane::Case | Pane::Today => paragraph.wrap(Wrap { trim: false }),
    };
    frame.render_widget(paragraph, inner);
}

/// The first row to show so that `selected` stays visible in `height` rows.
fn scroll(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

/// The rows `height` lines show of a list held as `rows`, with the selection at `selected`:
/// `(index in the whole list, row)`.
fn visible<T>(rows: &Rows<T>, selected: usize, height: usize) -> Vec<(usize, &T)> {
    let start = scroll(selected, height);
    (start..start + height)
        .filter_map(|i| rows.get(i).map(|r| (i, r)))
        .collect()
}

fn queue_lines(app: &App, height: usize) -> Vec<Line<'static>> {
    if app.data.tickets.is_empty() {
        return vec![Line::from(Span::styled(
            app.t(T::NobodyWaiting),
            app.theme.dim(),
        ))];
    }
    visible(&app.data.tickets, app.queue_sel, height)
        .into_iter()
        .map(|(i, t)| {
            let state = match &t.status {
                TicketStatus::Waiting => app.t(T::Waiting).to_string(),
                TicketStatus::Called { recalls: 0, .. } => app.t(T::Called).to_string(),
                TicketStatus::Called { recalls, .. } => format!("{}{recalls}", app.t(T::Recalled)),
                TicketStatus::NoShow { .. } => app.t(T::NoShow).to_string(),
            };
            let mut spans = vec![Span::raw(format!("{:<6}{:<10}{state}", t.number, t.window))];
            if t.priority {
                spans.push(Span::styled(
                    format!(" [{}]", app.t(T::Priority)),
                    app.theme.priority(),
                ));
            }
            let line = Line::from(spans);
            if i == app.queue_sel && app.focus == Pane::Queue {
                line.style(app.theme.selected())
            } else {
                line
            }
        })
        .collect()
}

/// The urgency mark, never colour alone.
fn mark(app: &App, u: Option<Urgency>) -> (String, Style) {
    match u {
        Some(Urgency::Overdue) => (format!(" {}", app.t(T::Overdue)), app.theme.overdue()),
        Some(Urgency::DueSoon) => (" !".into(), app.theme.due_soon()),
        Some(Urgency::DueToday) => (" !!".into(), app.theme.due_soon()),
        _ => (String::new(), Style::new()),
    }
}

fn deadline_lines(app: &App, height: usize) -> Vec<Line<'static>> {
    if app.data.cases.is_empty() {
        return vec![Line::from(Span::styled(app.t(T::None), app.theme.dim()))];
    }
    visible(&app.data.cases, app.deadline_sel, height)
        .into_iter()
        .map(|(i, c)| {
            let when = match (c.deadline, c.waiting_for, c.paused) {
                (_, Some(n), _) => format!("{} {n}", app.t(T::WaitingFor)),
                (_, _, true) => app.t(T::Paused).to_string(),
                (Some(d), _, _) => {
                    let left = c.days_left.map_or(String::new(), |l| format!(" ({l})"));
                    let prov = if c.provisional {
                        format!(" {}", app.t(T::Provisional))
                    } else {
                        String::new()
                    };
                    format!("{}{left}{prov}", d.format("%m-%d"))
                }
                _ => "-".into(),
            };
            let kind = match app.lang {
                Lang::Zh => c.kind.chinese(),
                Lang::En => c.kind.english(),
            };
            // The mark comes right after the countdown, so a narrow pane never cuts it off.
            let (m, style) = mark(app, c.urgency);
            let by = c.supplement_by.map_or(String::new(), |b| {
                format!(" {} {}", app.t(T::SupplementShort), b.format("%m-%d"))
            });
            let line = Line::from(vec![
                Span::raw(format!("#{:<4}{kind} {when}", c.id)),
                Span::styled(m, style),
                Span::raw(format!("{by} {} {}", c.applicant.name, c.item_name)),
            ]);
            if i == app.deadline_sel && matches!(app.focus, Pane::Deadlines) {
                line.style(app.theme.selected())
            } else {
                line
            }
        })
        .collect()
}

fn case_lines(app: &App) -> Vec<Line<'static>> {
    let Some(v) = &app.data.case else {
        return vec![Line::from(Span::styled(
            app.t(T::NoCaseSelected),
            app.theme.dim(),
        ))];
    };
    let c = &v.case;
    let kind = match app.lang {
        Lang::Zh => c.kind.chinese(),
        Lang::En => c.kind.english(),
    };
    let status = match &c.status {
        CaseStatus::Open => app.t(T::Open).to_string(),
        CaseStatus::Completed { on } => format!("{} {on}", app.t(T::Completed)),
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
        for n in &c.notices {
            lines.push(Line::from(format!(
                " {}. {} {}",
                n.number,
                n.kind.chinese(),
                n.issued_on
            )));
        }
    }
    if !app.data.history.is_empty() {
        lines.push(Line::from(Span::styled(
            app.t(T::History),
            Style::new().add_modifier(Modifier::BOLD),
        )));
        for e in &app.data.history {
            let at = e.at().format("%m-%d %H:%M");
            lines.push(Line::from(format!(
                " {at} {} {} {}",
                e.actor(),
                text::audit_action(e.act(), app.lang),
                e.outcome().text(app.lang)
            )));
        }
    }
    lines
}

fn weekday(app: &App, d: chrono::NaiveDate) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match app.lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// What waits for the user's decision, at the top of the Today pane.
fn approval_lines(app: &App) -> Vec<Line<'static>> {
    if app.data.approvals.is_empty() {
        return Vec::new();
    }
    let head = format!(
        "{} ({} {} · {} {})",
        app.t(T::Pending),
        app.keymap.label(Action::Approve),
        action_text(Action::Approve, app.lang),
        app.keymap.label(Action::Refuse),
        action_text(Action::Refuse, app.lang)
    );
    let mut lines = vec![Line::from(Span::styled(head, app.theme.due_soon()))];
    let held = &app.data.approvals;
    for (k, a) in held.items.iter().enumerate() {
        let i = held.offset as usize + k;
        let text = match a {
            Approval::Extension {
                case,
                item,
                days,
                reason,
                by,
                late,
                ..
            } => {
                format!(
                    "{}{} #{case} {item} +{days} · {reason} ({by})",
                    late_mark(*late),
                    app.t(T::Extension)
                )
            }
            Approval::Leave {
                staff,
                from,
                to,
                reason,
                late,
                ..
            } => format!(
                "{}{} {staff} {}–{} · {reason}",
                late_mark(*late),
                app.t(T::Leave),
                from.format("%m-%d %H:%M"),
                to.format("%m-%d %H:%M")
            ),
            Approval::Enquiry {
                id,
                content,
                caller,
                at,
            } => format!(
                " {} #{id} {content}{} {}",
                app.t(T::Enquiry),
                caller.as_ref().map_or(String::new(), |c| format!(" ({c})")),
                at.format("%m-%d %H:%M")
            ),
        };
        let line = Line::from(text);
        lines.push(if i == app.approval_sel && app.focus == Pane::Today {
            line.style(app.theme.selected())
        } else {
            line
        });
    }
    lines
}

/// `!` before what started undecided (never colour alone), a space otherwise.
fn late_mark(late: bool) -> &'static str {
    if late { "!" } else { " " }
}

fn today_lines(app: &App) -> Vec<Line<'static>> {
    let mut lines = approval_lines(app);
    lines.extend(day_lines(app));
    lines
}

fn day_lines(app: &App) -> Vec<Line<'static>> {
    let Some(t) = &app.data.today else {
        return vec![];
    };
    let date = t.now.date();
    let mut day = format!(
        "{date} {} {}",
        weekday(app, date),
        app.t(if t.workday { T::Workday } else { T::RestDay })
    );
    if let Some(name) = &t.day_name {
        day.push_str(&format!(" · {name}"));
    }
    if t.provisional {
        day.push_str(&format!(" ({})", app.t(T::Provisional)));
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            app.t(T::None).to_string()
        } else {
            v.join("、")
        }
    };
    let mut lines = vec![
        Line::from(Span::styled(day, Style::new().add_modifier(Modifier::BOLD))),
        Line::from(format!("{}: {}", app.t(T::DutyLeader), list(&t.duty))),
        Line::from(format!("{}: {}", app.t(T::Cleaning), list(&t.cleaning))),
    ];
    for p in &t.posts {
        let head = format!("{} {} A {} / B {} ", p.prefix, p.window, p.a, p.b);
        let line = match &p.serving {
            ServingView::A => Line::from(vec![
                Span::raw(head),
                Span::styled(format!("· {} A", app.t(T::Serving)), app.theme.dim()),
            ]),
            ServingView::BCovering => Line::from(vec![
                Span::raw(head),
                Span::styled(format!("· {}", app.t(T::BCovers)), app.theme.due_soon()),
            ]),
            ServingView::BothAway { notify } => Line::from(vec![
                Span::raw(head),
                Span::styled(
                    format!(
                        "{} {}: {}",
                        app.t(T::BothAway),
                        app.t(T::Tell),
                        notify.join("、")
                    ),
                    app.theme.alarm(),
                ),
            ]),
        };
        lines.push(line);
    }
    if !t.away.is_empty() {
        let day = t.now.date();
        let away: Vec<String> = t
            .away
            .iter()
            .map(|(name, kind, from, to)| {
                // The date only when it is not today's.
                let when = |t: &chrono::NaiveDateTime| {
                    let f = if t.date() == day {
                        "%H:%M"
                    } else {
                        "%m-%d %H:%M"
                    };
                    t.format(f).to_string()
                };
                format!("{name} {kind} {}–{}", when(from), when(to))
            })
            .collect();
        lines.push(Line::from(format!(
            "{}: {}",
            app.t(T::Away),
            away.join("; ")
        )));
    }
    let c = &t.counts;
    let counts = [
        (T::Tickets, c.tickets),
        (T::Waiting, c.waiting),
        (T::Served, c.served),
        (T::NoShow, c.no_shows),
        (T::CasesOpened, c.cases_opened),
        (T::OpenCases, c.open_cases),
        (T::Overdue, c.overdue),
    ]
    .iter()
    .map(|(t, n)| format!("{} {n}", app.t(*t)))
    .collect::<Vec<_>>()
    .join(" · ");
    lines.push(Line::from(format!("{}: {counts}", app.t(T::Counts))));
    lines
}
