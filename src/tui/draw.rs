//! Drawing: a read-only view of the state. Four panes on a terminal of at least 120×32; one
//! pane with a tab row below that, down to 60×16; under that, a single line asking for more
//! room. Overlays are drawn over the panes from the bottom of the stack up, each into an area
//! cleared first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Mode, Pane};
use super::keymap::Action;
use super::overlay;
use super::panes;
use super::text::T;

/// The smallest terminal the console draws in.
pub const MIN_SIZE: (u16, u16) = (60, 16);
/// From this size on, all four panes show at once.
pub const WIDE: (u16, u16) = (120, 32);

/// Where everything goes on a screen of `area`.
struct Places {
    header: Rect,
    body: Rect,
    footer: Rect,
    tabs: Option<Rect>,
    panes: Vec<(Pane, Rect)>,
}

fn places(app: &App, area: Rect) -> Places {
    // A note (a refusal names the rule and what to do) wraps over as many lines as it needs,
    // up to a quarter of the screen, so it is read whole on a narrow terminal.
    let footer_lines = footer(app, area.width)
        .line_count(area.width)
        .clamp(1, usize::from(area.height / 4)) as u16;
    let [header, body, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(footer_lines),
    ])
    .areas(area);
    let panes = app.mode.panes();
    if area.width >= WIDE.0 && area.height >= WIDE.1 {
        let [left, right] = Layout::horizontal([Constraint::Percentage(50); 2]).areas(body);
        let [top_left, bottom_left] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(left);
        let [top_right, bottom_right] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
        Places {
            header,
            body,
            footer: footer_area,
            tabs: None,
            panes: vec![
                (panes[0], top_left),
                (panes[2], bottom_left),
                (panes[1], top_right),
                (panes[3], bottom_right),
            ],
        }
    } else {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
        Places {
            header,
            body,
            footer: footer_area,
            tabs: Some(tabs),
            panes: vec![(app.focus, pane)],
        }
    }
}

/// Where the panes are drawn on a screen of `area`.
pub fn pane_areas(app: &App, area: Rect) -> Vec<Rect> {
    places(app, area)
        .panes
        .into_iter()
        .map(|(_, r)| r)
        .collect()
}

/// Where the overlays are drawn on a screen of `area`, the bottom of the stack first.
pub fn overlay_areas(app: &App, area: Rect) -> Vec<Rect> {
    let body = places(app, area).body;
    app.overlays.iter().map(|o| o.area(body, &app.cx)).collect()
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        frame.render_widget(
            Paragraph::new(app.t(T::Enlarge)).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let at = places(app, area);
    draw_header(frame, app, at.header);
    if let Some(tabs) = at.tabs {
        draw_tabs(frame, app, tabs);
    }
    for (pane, rect) in &at.panes {
        panes::draw(frame, app, *pane, *rect);
    }
    frame.render_widget(footer(app, area.width), at.footer);
    for o in &app.overlays {
        let area = o.area(at.body, &app.cx);
        overlay::clear(frame.buffer_mut(), area);
        o.draw(frame, area, &app.cx);
    }
}

/// Who is signed in and at which post, the time, the centre, and the state of the link; in
/// the demo, how to act as someone else (`--as D01` …). Where the line would not fit, the
/// centre's name gives way first, then the second way to act as someone else.
fn draw_header(frame: &mut Frame, app: &App, area: Rect) {
    let me = &app.cx.me;
    let posts: Vec<String> = me
        .posts
        .iter()
        .map(|(window, post)| format!("{window} {post}{}", app.t(T::Post)))
        .collect();
    let mut who = format!(" frontdesk · {} ({})", me.name, me.code);
    if !posts.is_empty() {
        who.push_str(&format!(" {}", posts.join("、")));
    }
    let mut head = vec![Span::styled(who, Style::new().add_modifier(Modifier::BOLD))];
    if app.mode == Mode::Supervise {
        // Read-only, except for whoever may decide the violations it lists.
        let t = if app.cx.me.may.decide_violations {
            T::SupervisingDeciding
        } else {
            T::Supervising
        };
        head.push(Span::raw(format!(" · {}", app.t(t))));
    }
    if let Some(today) = &app.data.today {
        head.push(Span::raw(format!(
            " · {}",
            today.now.format("%Y-%m-%d %H:%M")
        )));
    }
    let centre = app
        .data
        .today
        .as_ref()
        .filter(|today| !today.centre.is_empty())
        .map(|today| format!(" · {}", today.centre));
    let link = (!app.connected).then(|| {
        Span::styled(
            format!(" · {}", app.t(T::Reconnecting)),
            app.cx.theme.error(),
        )
    });
    let compose = |show_centre: bool, demo: Option<String>| -> Line {
        let mut spans = head.clone();
        if show_centre && let Some(c) = &centre {
            spans.push(Span::raw(c.clone()));
        }
        if let Some(d) = demo {
            spans.push(Span::raw(d));
        }
        spans.extend(link.clone());
        Line::from(spans)
    };
    let header = if app.cx.demo {
        let hints: Vec<String> = super::text::DEMO_IDENTITIES
            .iter()
            .filter(|(code, _)| *code != me.code)
            .take(2)
            .map(|(code, who)| format!("--as {code} {}", app.t(*who)))
            .collect();
        let full = format!(" · {} {}", app.t(T::Demo), hints.join(" · "));
        let short = format!(
            " · {} {}",
            app.t(T::DemoShort),
            hints.first().map_or("", String::as_str)
        );
        [
            compose(true, Some(full.clone())),
            compose(false, Some(full)),
            compose(false, Some(short)),
        ]
        .into_iter()
        .find(|l| l.width() <= usize::from(area.width))
        .unwrap_or_else(|| compose(false, Some(format!(" · {}", app.t(T::DemoShort)))))
    } else {
        compose(true, None)
    };
    frame.render_widget(header, area);
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let keys = [
        Action::FocusQueue,
        Action::FocusCase,
        Action::FocusDeadlines,
        Action::FocusToday,
    ];
    let context = app.mode.context();
    let mut spans = Vec::new();
    for (pane, action) in app.mode.panes().iter().zip(keys) {
        let label = format!(
            " {} {} ",
            app.cx.keymap.label(context, action),
            panes::name(app, *pane)
        );
        let style = if *pane == app.focus {
            app.cx.theme.title(true)
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw("|"));
    }
    spans.pop();
    frame.render_widget(Line::from(spans), area);
}

/// The last line: the latest note, or the keys of the context in force.
fn footer<'a>(app: &App, width: u16) -> Paragraph<'a> {
    match &app.note {
        Some(n) => Paragraph::new(Line::from(Span::styled(
            format!(" {}", n.text),
            if n.error {
                app.cx.theme.error()
            } else {
                Style::new()
            },
        )))
        .wrap(Wrap { trim: false }),
        None => Paragraph::new(Line::from(Span::styled(
            hint(app, usize::from(width)),
            app.cx.theme.dim(),
        ))),
    }
}

/// The keys of the context in force that this user may use, most useful first, as many as
/// fit in `width` columns; they are shown in their rank order.
pub fn hint(app: &App, width: usize) -> String {
    let context = app.context();
    let mut line = String::new();
    for action in context.hints() {
        if !action.allowed(&app.cx.allowed) {
            continue;
        }
        let Some(text) = app.cx.key_hint(context, *action) else {
            continue;
        };
        let piece = format!(" {text} ");
        if line.width() + piece.width() <= width {
            line.push_str(&piece);
        }
    }
    line.trim_end().to_string()
}
