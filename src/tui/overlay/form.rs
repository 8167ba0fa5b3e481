//! A form of labelled fields, one line each, for what a single line would split wrongly: a
//! phone enquiry's content, caller and number. Tab or the arrows move between fields; the
//! real cursor sits in the field being typed.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Input, Overlay, Step, lower_box};
use crate::domain::enquiry::EnquiryChannel;
use crate::protocol::{EnquiryReq, Request};
use crate::tui::action::Action;
use crate::tui::cx::Cx;
use crate::tui::text::T;

/// What a form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A phone enquiry (电话咨询): what was asked, the caller, their number (000 二(二)6).
    PhoneEnquiry,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub purpose: Purpose,
    /// Each field's label and text.
    pub fields: Vec<(T, String)>,
    /// The field being typed.
    pub field: usize,
}

impl Form {
    pub fn phone_enquiry() -> Form {
        Form {
            purpose: Purpose::PhoneEnquiry,
            fields: vec![
                (T::EnquiryContent, String::new()),
                (T::CallerName, String::new()),
                (T::Phone, String::new()),
            ],
            field: 0,
        }
    }

    fn title(&self) -> T {
        match self.purpose {
            Purpose::PhoneEnquiry => T::EnquiryPrompt,
        }
    }

    fn text(&self, i: usize) -> Option<String> {
        let t = self.fields.get(i)?.1.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// The request the fields make, or which one is missing (the field is then selected).
    pub fn request(&mut self) -> Result<Request, T> {
        match self.purpose {
            Purpose::PhoneEnquiry => {
                let Some(content) = self.text(0) else {
                    self.field = 0;
                    return Err(T::EmptyEntry);
                };
                Ok(Request::Enquiry(EnquiryReq::Log {
                    channel: EnquiryChannel::Phone,
                    caller_name: self.text(1),
                    caller_phone: self.text(2),
                    content,
                    refer_to: None,
                }))
            }
        }
    }
}

impl Overlay for Form {
    fn typing(&self) -> bool {
        true
    }

    fn input(&mut self, input: Input, cx: &Cx) -> Step {
        let n = self.fields.len();
        match input {
            Input::Char(c) => self.fields[self.field].1.push(c),
            Input::Backspace => {
                self.fields[self.field].1.pop();
            }
            Input::Action(Action::Cancel) => return Step::Close,
            Input::Action(Action::NextField | Action::Down) => self.field = (self.field + 1) % n,
            Input::Action(Action::PreviousField | Action::Up) => {
                self.field = (self.field + n - 1) % n
            }
            Input::Action(Action::Confirm) => {
                return match self.request() {
                    Ok(r) => Step::Finish(r),
                    Err(t) => Step::Say(cx.t(t).to_string()),
                };
            }
            Input::Action(_) => {}
        }
        Step::Stay
    }

    fn area(&self, body: Rect, _cx: &Cx) -> Rect {
        lower_box(body, self.fields.len() as u16 + 3)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let block = Block::bordered()
            .border_set(cx.theme.border())
            .title(Span::styled(
                format!(" {} ", cx.t(self.title())),
                cx.theme.title(true),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut lines = Vec::new();
        let mut cursor = None;
        for (i, (label, text)) in self.fields.iter().enumerate() {
            let prompt = format!("{}: ", cx.t(*label));
            if i == self.field {
                cursor = Some((i, format!("{prompt}{text}")));
            }
            let style = if i == self.field { bold } else { Style::new() };
            lines.push(Line::from(vec![
                Span::styled(prompt, style),
                Span::raw(text.clone()),
            ]));
        }
        let keys = [Action::NextField, Action::Confirm, Action::Cancel]
            .iter()
            .filter_map(|a| cx.key_hint(crate::tui::action::Context::Overlay, *a))
            .collect::<Vec<_>>()
            .join(" · ");
        lines.push(Line::from(Span::styled(keys, cx.theme.dim())));
        frame.render_widget(Paragraph::new(lines), inner);
        if let Some((row, text)) = cursor {
            let x = inner.x + (text.width() as u16).min(inner.width.saturating_sub(1));
            frame.set_cursor_position(Position::new(x, inner.y + row as u16));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_enquiry_keeps_each_field_whole_spaces_and_all() {
        let mut f = Form::phone_enquiry();
        f.fields[0].1 = "问 医保 报销".into();
        f.fields[1].1 = "王二".into();
        f.fields[2].1 = "13900002222".into();
        match f.request() {
            Ok(Request::Enquiry(EnquiryReq::Log {
                content,
                caller_name,
                caller_phone,
                ..
            })) => {
                assert_eq!(content, "问 医保 报销");
                assert_eq!(caller_name.as_deref(), Some("王二"));
                assert_eq!(caller_phone.as_deref(), Some("13900002222"));
            }
            other => panic!("{other:?}"),
        }
        f.fields[0].1 = "  ".into();
        f.field = 2;
        assert_eq!(f.request().unwrap_err(), T::EmptyEntry);
        assert_eq!(f.field, 0, "the missing field is selected");
    }
}
