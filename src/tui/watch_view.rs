//! Drawing the supervisor's lists: each a read-only view of what the supervision view holds.
//! Rows are clipped to one line each, so the selection arithmetic holds; the mark of a reply's
//! urgency and whom it is against come right after its countdown, so a narrow pane keeps them.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Pane};
use super::case_pane::mark;
use super::sheet::Sheet;
use super::text::T;
use super::watch_text::{self as words, W};
use crate::domain::clock::Urgency;
use crate::protocol::Listed;

/// The pane's title for the list shown: `投诉答复倒计时 3`.
pub fn title(app: &App) -> String {
    let lang = app.cx.lang;
    let Some(v) = &app.data.supervision else {
        return app.t(T::Windows).to_string();
    };
    let (name, total) = match app.sheet {
        Sheet::Windows => return app.t(T::Windows).to_string(),
        Sheet::Complaints => (W::Complaints, v.complaints.as_ref().map(|l| l.total)),
        Sheet::Proposals => (W::Proposals, v.proposals.as_ref().map(|l| l.total)),
        Sheet::Ledgers => (W::Ledgers, v.ledgers.as_ref().map(|l| l.total)),
        Sheet::Rectifications => (
            W::Rectifications,
            v.rectifications.as_ref().map(|l| l.total),
        ),
        Sheet::Visits => (W::Visits, v.visits.as_ref().map(|l| l.total)),
    };
    match total {
        Some(n) => format!("{} {n}", name.get(lang)),
        None => name.get(lang).to_string(),
    }
}

/// The rows of the list shown that fit `height` lines, the selection kept in view.
pub fn lines(app: &App, height: usize) -> Vec<Line<'static>> {
    let Some(v) = &app.data.supervision else {
        return vec![];
    };
    let lang = app.cx.lang;
    match app.sheet {
        Sheet::Windows => vec![],
        Sheet::Complaints => rows(app, v.complaints.as_ref(), W::NoComplaints, height, |c| {
            let today = v.now.date();
            let left = words::countdown(lang, c.due, today, c.days_left, c.days_over);
            // Past due, the countdown says 超期 itself, in the overdue mark's style.
            let (m, style) = mark(app, Some(c.urgency));
            let (left, m) = match c.urgency {
                Urgency::Overdue => (Span::styled(left, style), Span::raw("")),
                _ => (Span::raw(left), Span::styled(m, style)),
            };
            let prov = if c.provisional {
                format!(" {}", W::Provisional.get(lang))
            } else {
                String::new()
            };
            let against = c.against.as_ref().map_or(String::new(), |(_, name)| {
                format!(" {} {name}", W::Against.get(lang))
            });
            let extended = if c.extended {
                format!(" ({})", W::Extended.get(lang))
            } else {
                String::new()
            };
            Line::from(vec![
                Span::raw(format!("#{:<4}{} ", c.id, c.due.format("%m-%d"))),
                left,
                m,
                Span::raw(format!(
                    "{prov}{against} {}{extended}",
                    words::grounds(lang, &c.grounds)
                )),
            ])
        }),
        Sheet::Rectifications => rows(
            app,
            v.rectifications.as_ref(),
            W::NoRectifications,
            height,
            |r| {
                let today = v.now.date();
                let left = words::countdown(lang, r.due, today, r.days_left, r.days_over);
                let (m, style) = mark(app, Some(r.urgency));
                let (left, m) = match r.urgency {
                    Urgency::Overdue => (Span::styled(left, style), Span::raw("")),
                    _ => (Span::raw(left), Span::styled(m, style)),
                };
                let appealed = if r.appealed {
                    format!(" ({})", W::Appealed.get(lang))
                } else {
                    String::new()
                };
                Line::from(vec![
                    Span::raw(format!("#{:<4}{} ", r.rating, r.due.format("%m-%d"))),
                    left,
                    m,
                    Span::raw(format!(
                        " {} {} #{} {}{appealed}",
                        r.name,
                        W::VisitCase.get(lang),
                        r.case,
                        r.level.chinese()
                    )),
                ])
            },
        ),
        Sheet::Visits => rows(app, v.visits.as_ref(), W::NoVisits, height, |c| {
            Line::from(format!(
                "{} #{} ({})",
                W::VisitCase.get(lang),
                c.case,
                c.month
            ))
        }),
        Sheet::Proposals => rows(app, v.proposals.as_ref(), W::NoProposals, height, |p| {
            Line::from(format!(
                "#{:<4}{} {} {} {}",
                p.id,
                p.on.format("%m-%d"),
                p.name,
                words::kind(lang, p.kind),
                p.fact
            ))
        }),
        Sheet::Ledgers => {
            let head = Line::from(Span::styled(
                W::LedgerHead.get(lang),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            let mut out = vec![head];
            out.extend(rows(
                app,
                v.ledgers.as_ref(),
                W::NoLedgers,
                height.saturating_sub(1),
                |l| {
                    let who = pad(&format!("{} ({})", l.name, l.staff), 21);
                    Line::from(format!(
                        "{who}{:>6} {:>6}  {}",
                        l.confirmed,
                        l.proposed,
                        words::sanction(lang, l.latest.as_ref())
                    ))
                },
            ));
            out
        }
    }
}

/// A list's rows in `height` lines, the selected one shown reversed while the pane has the
/// focus, and a last line saying how many more the list holds than were sent.
fn rows<R>(
    app: &App,
    list: Option<&Listed<R>>,
    empty: W,
    height: usize,
    row: impl Fn(&R) -> Line<'static>,
) -> Vec<Line<'static>> {
    let lang = app.cx.lang;
    let Some(list) = list.filter(|l| !l.rows.is_empty()) else {
        return vec![Line::from(Span::styled(
            empty.get(lang),
            app.cx.theme.dim(),
        ))];
    };
    let more = list.total.saturating_sub(list.rows.len());
    let room = if more > 0 {
        height.saturating_sub(1)
    } else {
        height
    };
    let at = app.sheet_row();
    let start = if room == 0 {
        0
    } else {
        at.saturating_sub(room - 1)
    };
    let mut out: Vec<Line<'static>> = list
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(room)
        .map(|(i, r)| {
            let line = row(r);
            if i == at && app.focus == Pane::Windows {
                line.style(app.cx.theme.selected())
            } else {
                line
            }
        })
        .collect();
    if more > 0 {
        out.push(Line::from(Span::styled(
            format!("… {} {more}", W::More.get(lang)),
            app.cx.theme.dim(),
        )));
    }
    out
}

/// Pads to `width` display columns (Chinese counted double).
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}
