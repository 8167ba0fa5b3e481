//! What opens over the panes: the help (drawn from the keymap in force), a one-line prompt with
//! the cursor where text is typed, and the supplement checklist.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::keymap::Action;
use super::text::{T, action_text};

pub fn help(frame: &mut Frame, app: &App, body: Rect) {
    // A key label of 13 columns, a space, the text, and a space before the next column.
    let col_width = (14 + super::text::HELP_TEXT_WIDTH + 1) as u16;
    // As many columns as the height needs and the width allows; what still does not fit
    // scrolls, so every binding can be read even on the smallest screen.
    let rows_free = body.height.saturating_sub(3).max(1) as usize;
    let fit = (body.width.saturating_sub(2) / col_width).max(1) as usize;
    let columns = Action::ALL.len().div_ceil(rows_free).clamp(1, fit);
    let rows = Action::ALL.len().div_ceil(columns);
    let width = body.width.min(col_width * columns as u16 + 2);
    let height = body.height.min(rows as u16 + 3);
    let area = Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    };
    let cell = |a: Action| format!("{:<13} {}", app.keymap.label(a), action_text(a, app.lang));
    let shown = usize::from(height.saturating_sub(3)).max(1);
    let scroll = app.help_scroll.min(rows.saturating_sub(shown));
    let mut lines: Vec<Line> = (scroll..rows)
        .take(shown)
        .map(|r| {
            let spans: Vec<Span> = (0..columns)
                .filter_map(|c| Action::ALL.get(c * rows + r))
                .map(|a| {
                    let text = cell(*a);
                    let pad = (col_width as usize).saturating_sub(text.width());
                    Span::raw(format!("{text}{}", " ".repeat(pad)))
                })
                .collect();
            Line::from(spans)
        })
        .collect();
    let footer = if rows > shown {
        app.t(T::HelpFooterScroll)
    } else {
        app.t(T::HelpFooter)
    };
    lines.push(Line::from(Span::styled(footer, app.theme.dim())));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_set(app.theme.border()).title(
            Span::styled(format!(" {} ", app.t(T::Help)), app.theme.title(true)),
        )),
        area,
    );
}

/// A box of `height` rows across the lower middle of `body`.
fn lower_box(body: Rect, height: u16) -> Rect {
    let width = body
        .width
        .saturating_sub(body.width / 5)
        .max(40)
        .min(body.width);
    let height = height.min(body.height);
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + body.height.saturating_sub(height + 1),
        width,
        height,
    }
}

pub fn prompt(frame: &mut Frame, app: &App, p: &super::prompt::Prompt, body: Rect) {
    let area = lower_box(body, 3);
    let block = Block::bordered()
        .border_set(app.theme.border())
        .title(Span::styled(
            format!(" {} ", app.t(p.label())),
            app.theme.title(true),
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(p.text.clone()), inner);
    let x = inner.x + (p.text.width() as u16).min(inner.width.saturating_sub(1));
    frame.set_cursor_position(ratatui::layout::Position::new(x, inner.y));
}

pub fn supplement(frame: &mut Frame, app: &App, form: &super::prompt::Supplement, body: Rect) {
    let area = lower_box(body, form.items.len() as u16 + 3);
    let block = Block::bordered()
        .border_set(app.theme.border())
        .title(Span::styled(
            format!(" {} #{} ", app.t(T::SupplementTitle), form.case),
            app.theme.title(true),
        ));
    let mut lines: Vec<Line> = form
        .items
        .iter()
        .enumerate()
        .map(|(i, (name, ticked))| {
            let line = Line::from(format!(" [{}] {name}", if *ticked { "x" } else { " " }));
            if i == form.sel {
                line.style(app.theme.selected())
            } else {
                line
            }
        })
        .collect();
    lines.push(Line::from(Span::styled(app.t(T::Steps), app.theme.dim())));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
