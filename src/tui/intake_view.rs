//! The intake form as an overlay: its keys on the stack, and how it looks, drawn over the
//! panes with the real cursor in the field being typed, so input methods work.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::case::{CaseKind, MaterialState};

use super::action::Context;
use super::cx::Cx;
use super::intake::{Intake, Next, Step, kind_name};
use super::overlay::notice::NoticeView;
use super::overlay::{Input, Overlay, Step as Flow};
use super::text::T;
use crate::protocol::Response;

/// Draws the form in `area` and places the real cursor in the field being typed.
pub fn draw(frame: &mut Frame, app: &Cx, form: &Intake, area: Rect) {
    let block = Block::bordered()
        .border_set(app.theme.border())
        .title(Span::styled(
            {
                let what = app.t(T::NewCase);
                // For the visitor of a ticket, the title names it.
                match &form.ticket {
                    Some(n) => format!(" {what} · {n} "),
                    None => format!(" {what} "),
                }
            },
            app.theme.title(true),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(usize, String)> = None;
    match form.step {
        Step::Search => {
            let prompt = format!("{}: ", app.t(T::SearchItem));
            cursor = Some((0, format!("{prompt}{}", form.query)));
            lines.push(Line::from(vec![
                Span::styled(prompt, bold),
                Span::raw(form.query.clone()),
            ]));
            if form.results.is_empty() && !form.query.is_empty() {
                lines.push(Line::from(Span::styled(app.t(T::NoMatch), app.theme.dim())));
            }
            for (i, (code, name, window)) in form.results.iter().enumerate() {
                let line = Line::from(format!(" {code:<8}{name}  ({window})"));
                lines.push(if i == form.result_sel {
                    line.style(app.theme.selected())
                } else {
                    line
                });
            }
        }
        Step::Materials | Step::Applicant => {
            if let Some(item) = &form.item {
                lines.push(Line::from(Span::styled(
                    format!("{} {}", item.code, item.name),
                    bold,
                )));
                // A clerk accepts only for their own windows (RULES §1): say where it goes
                // before the materials are ticked, not at the end.
                if !app.me.may.windows.contains(&item.window) {
                    lines.push(Line::from(Span::styled(
                        format!("{}{}", item.window, app.t(T::OtherWindow)),
                        app.theme.due_soon(),
                    )));
                }
                for (i, (m, s)) in item.materials.iter().zip(&form.states).enumerate() {
                    let (tick, t) = match s {
                        MaterialState::InHand => ("[x]", T::InHand),
                        MaterialState::Promised => ("[~]", T::Promised),
                        MaterialState::Missing => ("[ ]", T::Missing),
                    };
                    let main = if m.main {
                        format!(" {}", app.t(T::Main))
                    } else {
                        String::new()
                    };
                    let pages = match form.pages.get(i).copied().flatten() {
                        Some(n) => format!(" · {n} {}", app.t(T::Pages)),
                        None => String::new(),
                    };
                    let line =
                        Line::from(format!(" {tick} {}{main} · {}{pages}", m.name, app.t(t)));
                    let chosen = i == form.material_sel && form.step == Step::Materials;
                    lines.push(if chosen {
                        line.style(app.theme.selected())
                    } else {
                        line
                    });
                }
            }
            if let Some(p) = &form.preview {
                let when = match (p.deadline, p.waiting_for) {
                    (_, Some(n)) => format!("{} {n}", app.t(T::WaitingFor)),
                    (Some(d), _) => d.to_string(),
                    _ => "-".into(),
                };
                let mut text = format!(
                    "{}: {} · {}: {when}",
                    app.t(T::Decided),
                    kind_name(p.kind, app.lang),
                    app.t(T::Deadline)
                );
                if let Some(by) = p.supplement_by {
                    text.push_str(&format!(" · {}: {by}", app.t(T::SupplementBy)));
                }
                lines.push(Line::from(Span::styled(text, bold)));
            }
            if let Some(k) = form.kind_override {
                lines.push(Line::from(Span::styled(
                    format!("{}: {}", app.t(T::Override), kind_name(k, app.lang)),
                    app.theme.due_soon(),
                )));
            }
            if form.rejecting() {
                let how = if form.needs_decision {
                    T::NeedsDecisionOn
                } else {
                    T::NeedsDecisionOff
                };
                lines.push(Line::from(Span::styled(
                    format!(
                        "{}: {}",
                        kind_name(CaseKind::Rejected, app.lang),
                        app.t(how)
                    ),
                    app.theme.due_soon(),
                )));
            }
            if form.step == Step::Applicant {
                lines.push(Line::from(""));
                let labels = [T::Name, T::Phone, T::IdNumber, T::OverrideReason];
                for (i, label) in labels.iter().enumerate().take(form.field_count()) {
                    let prompt = format!("{}: ", app.t(*label));
                    let text = format!("{prompt}{}", form.fields[i]);
                    if i == form.field {
                        cursor = Some((lines.len(), text));
                    }
                    let style = if i == form.field { bold } else { Style::new() };
                    lines.push(Line::from(vec![
                        Span::styled(prompt, style),
                        Span::raw(form.fields[i].clone()),
                    ]));
                }
            }
            lines.push(Line::from(Span::styled(app.t(T::Steps), app.theme.dim())));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if let Some((row, text)) = cursor {
        let x = inner.x + (text.width() as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, inner.y + row as u16));
    }
}

impl Overlay for Intake {
    fn context(&self) -> Context {
        Context::Intake
    }

    fn typing(&self) -> bool {
        Intake::typing(self)
    }

    fn takes_digits(&self) -> bool {
        Intake::takes_digits(self)
    }

    fn input(&mut self, input: Input, cx: &Cx) -> Flow {
        let next = match input {
            Input::Char(c) => self.type_char(c).map_or(Next::Nothing, Next::Send),
            Input::Backspace => self.backspace().map_or(Next::Nothing, Next::Send),
            Input::Action(a) => self.act(a, cx.lang),
        };
        match next {
            Next::Send(r) => Flow::Send(r),
            Next::Nothing => Flow::Stay,
            Next::Say(text) => Flow::Say(text),
            Next::Close => Flow::Close,
        }
    }

    fn reply(&mut self, response: Response, _cx: &Cx) -> Flow {
        match response {
            // Accepted: the form gives way to the receipt or notice, to print.
            Response::Case(v) => Flow::Replace(Box::new(NoticeView::latest(*v))),
            other => self.on_response(other).map_or(Flow::Stay, Flow::Send),
        }
    }

    fn area(&self, body: Rect, _cx: &Cx) -> Rect {
        Rect {
            x: body.x + body.width / 20,
            y: body.y,
            width: body.width - body.width / 10,
            height: body.height,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        draw(frame, cx, self, area);
    }
}
