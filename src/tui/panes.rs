//! The panes, each a read-only view of what the console holds: the queue, the selected case,
//! the deadline countdowns, today, and (for the supervisor) every window's load.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::clock::Urgency;
use crate::domain::queue::TicketStatus;
use crate::protocol::{Approval, Rows, ServingView};

use super::app::{App, Pane};
use super::case_pane::mark;
use super::keymap::{Action, Context};
use super::sheet::Sheet;
use super::text::{Lang, T, action_text};

fn block<'a>(app: &App, pane: Pane) -> Block<'a> {
    let focused = app.focus == pane;
    let title = match (pane, queue_counts(app)) {
        (Pane::Queue, Some(counts)) => format!(" {} · {counts} ", app.t(pane.title())),
        _ => format!(" {} ", name(app, pane)),
    };
    Block::bordered()
        .border_set(app.cx.theme.border())
        .title(Span::styled(title, app.cx.theme.title(focused)))
}

/// How many wait at the clerk's own window and in the whole hall: `民政救助等候 2 · 全厅 5`.
fn queue_counts(app: &App) -> Option<String> {
    let today = app.data.today.as_ref()?;
    let hall = today.counts.waiting;
    let own = app
        .cx
        .my_window
        .as_ref()
        .and_then(|w| today.posts.iter().find(|p| &p.window == w));
    Some(match own {
        Some(p) => format!(
            "{}{} {} · {} {hall}",
            p.window,
            app.t(T::Waiting),
            p.waiting,
            app.t(T::Hall)
        ),
        None => format!("{} {} {hall}", app.t(T::Hall), app.t(T::Waiting)),
    })
}

/// A pane's name, as its title and the tab row give it: the supervision pane's is its list's.
pub fn name(app: &App, pane: Pane) -> String {
    match pane {
        Pane::Windows => super::watch_view::title(app),
        _ => app.t(pane.title()).to_string(),
    }
}

pub fn draw(frame: &mut Frame, app: &App, pane: Pane, area: Rect) {
    let block = block(app, pane);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match pane {
        Pane::Queue => queue_lines(app, inner.height as usize),
        Pane::Windows if app.sheet == Sheet::Windows => window_lines(app),
        Pane::Windows => super::watch_view::lines(app, inner.height as usize),
        Pane::Case => super::case_pane::case_lines(app),
        Pane::Deadlines => deadline_lines(app, inner.height as usize),
        Pane::Today => today_lines(app),
    };
    // Lists clip long rows, so each row stays one line and the selection arithmetic holds;
    // the case and today panes wrap, and the case pane scrolls (never past its end).
    let paragraph = Paragraph::new(lines);
    let paragraph = match pane {
        Pane::Queue | Pane::Deadlines | Pane::Windows => paragraph,
        Pane::Today => paragraph.wrap(Wrap { trim: false }),
        Pane::Case => {
            let p = paragraph.wrap(Wrap { trim: false });
            let most = p
                .line_count(inner.width)
                .saturating_sub(usize::from(inner.height));
            let scroll = app.case_scroll.min(most as u16);
            p.scroll((scroll, 0))
        }
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
            app.cx.theme.dim(),
        ))];
    }
    let list = &app.data.tickets;
    visible(&list.rows, list.at, height)
        .into_iter()
        .map(|(i, t)| {
            let state = match &t.status {
                TicketStatus::Waiting => app.t(T::Waiting).to_string(),
                TicketStatus::Called { recalls: 0, .. } => app.t(T::Called).to_string(),
                TicketStatus::Called { recalls, .. } => format!("{}{recalls}", app.t(T::Recalled)),
                TicketStatus::NoShow { .. } => app.t(T::NoShow).to_string(),
                TicketStatus::Done { .. } => app.t(T::Done).to_string(),
            };
            let mut spans = vec![Span::raw(format!("{:<6}{:<10}{state}", t.number, t.window))];
            if let Some(case) = t.case {
                spans.push(Span::raw(format!(" #{case}")));
            }
            if t.priority {
                spans.push(Span::styled(
                    format!(" [{}]", app.t(T::Priority)),
                    app.cx.theme.priority(),
                ));
            }
            let line = Line::from(spans);
            if i == list.at && app.focus == Pane::Queue {
                line.style(app.cx.theme.selected())
            } else {
                line
            }
        })
        .collect()
}

fn deadline_lines(app: &App, height: usize) -> Vec<Line<'static>> {
    if app.data.cases.is_empty() {
        return vec![Line::from(Span::styled(app.t(T::None), app.cx.theme.dim()))];
    }
    let list = &app.data.cases;
    visible(&list.rows, list.at, height)
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
            let kind = match app.cx.lang {
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
            if i == list.at && app.focus == Pane::Deadlines {
                line.style(app.cx.theme.selected())
            } else {
                line
            }
        })
        .collect()
}

fn weekday(app: &App, d: chrono::NaiveDate) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match app.cx.lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// What waits for the user's decision, at the top of the Today pane.
fn approval_lines(app: &App) -> Vec<Line<'static>> {
    let list = &app.data.pending;
    if list.is_empty() {
        return Vec::new();
    }
    let keys = [Action::Approve, Action::Refuse]
        .iter()
        .filter(|a| a.allowed(&app.cx.allowed))
        .map(|a| {
            format!(
                "{} {}",
                app.cx.keymap.label(Context::Desk, *a),
                action_text(*a, app.cx.lang)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let head = format!("{} ({keys})", app.t(T::Pending));
    let mut lines = vec![Line::from(Span::styled(head, app.cx.theme.due_soon()))];
    let held = &list.rows;
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
            Approval::Follow {
                case,
                item,
                window,
                handler,
                deadline,
                urgency,
            } => format!(
                " {} #{case} {item} · {window} {handler}{}",
                app.t(T::Following),
                deadline.map_or(String::new(), |d| format!(
                    " {}{}",
                    d.format("%m-%d"),
                    urgency_mark(*urgency)
                ))
            ),
        };
        let line = Line::from(text);
        lines.push(if i == list.at && app.focus == Pane::Today {
            line.style(app.cx.theme.selected())
        } else {
            line
        });
    }
    lines
}

/// The urgency mark after a date (never colour alone), as the Deadlines pane writes it.
fn urgency_mark(u: Option<Urgency>) -> &'static str {
    match u {
        Some(Urgency::DueSoon) => " !",
        Some(Urgency::DueToday) => " !!",
        Some(Urgency::Overdue) => " 超期",
        _ => "",
    }
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

/// The day's duty swaps after the leaders on duty: `（调班 郑开华→郑元样）`; nothing without.
fn swaps(app: &App, swaps: &[(String, String)]) -> String {
    if swaps.is_empty() {
        return String::new();
    }
    let each: Vec<String> = swaps
        .iter()
        .map(|(from, to)| format!("{from}→{to}"))
        .collect();
    format!("（{} {}）", app.t(T::Swap), each.join("、"))
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
        Line::from(format!(
            "{}: {}{}",
            app.t(T::DutyLeader),
            list(&t.duty),
            swaps(app, &t.swaps)
        )),
        Line::from(format!("{}: {}", app.t(T::Cleaning), list(&t.cleaning))),
    ];
    for p in &t.posts {
        let head = format!("{} {} A {} / B {} ", p.prefix, p.window, p.a, p.b);
        let line = match &p.serving {
            ServingView::A => Line::from(vec![
                Span::raw(head),
                Span::styled(format!("· {} A", app.t(T::Serving)), app.cx.theme.dim()),
            ]),
            ServingView::BCovering => Line::from(vec![
                Span::raw(head),
                Span::styled(format!("· {}", app.t(T::BCovers)), app.cx.theme.due_soon()),
            ]),
            ServingView::Covered { cover, until } => Line::from(vec![
                Span::raw(head),
                Span::styled(
                    format!(
                        "· {} {cover}（{} {}）",
                        app.t(T::Cover),
                        app.t(T::Until),
                        until.format("%H:%M")
                    ),
                    app.cx.theme.due_soon(),
                ),
            ]),
            ServingView::OffHours => Line::from(vec![
                Span::raw(head),
                Span::styled(
                    format!("· {}", app.t(T::BothAwayOffHours)),
                    app.cx.theme.dim(),
                ),
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
                    app.cx.theme.alarm(),
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

/// Every window's load, for the supervisor: open cases, those due within days, overdue, and
/// those waiting for materials or paused.
fn window_lines(app: &App) -> Vec<Line<'static>> {
    let Some(v) = &app.data.supervision else {
        return vec![];
    };
    let mut lines = vec![Line::from(Span::styled(
        app.t(T::WindowLoadHead),
        Style::new().add_modifier(Modifier::BOLD),
    ))];
    for w in &v.windows {
        let name = pad(&w.window, 12);
        let line = Line::from(vec![
            Span::raw(format!("{name}  {:>4} ", w.open)),
            Span::styled(
                format!("{:>6} ", w.due_soon),
                mark_style(app, w.due_soon, false),
            ),
            Span::styled(
                format!("{:>4} ", w.overdue),
                mark_style(app, w.overdue, true),
            ),
            Span::raw(format!("{:>4}", w.waiting)),
        ]);
        lines.push(line);
    }
    lines
}

/// Pads to `width` display columns (Chinese counted double).
fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn mark_style(app: &App, n: u32, overdue: bool) -> Style {
    match (n, overdue) {
        (0, _) => Style::new(),
        (_, true) => app.cx.theme.overdue(),
        (_, false) => app.cx.theme.due_soon(),
    }
}
