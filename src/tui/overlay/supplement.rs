//! The material checklists of the selected case: its outstanding materials, ticked as they are
//! brought (补交材料); or its materials in hand, ticked where review finds them unusable, then
//! why (审查不合格), which a new notice tells the applicant.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Input, Overlay, Step, lower_box};
use crate::protocol::{CaseReq, Request};
use crate::tui::action::Action;
use crate::tui::cx::Cx;
use crate::tui::text::T;

/// What the ticks mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ticks {
    /// Brought now (补交).
    Brought,
    /// Found unusable on review; the reason is asked next.
    Unusable,
}

#[derive(Debug, Clone)]
pub struct Supplement {
    pub case: u64,
    /// What the title names: `#12 张三`.
    pub subject: String,
    pub items: Vec<(String, bool)>,
    pub sel: usize,
    pub ticks: Ticks,
    /// The review's reason, once the unusable materials are ticked and it is being typed.
    pub reason: Option<String>,
}

impl Supplement {
    /// The checklist of materials brought.
    pub fn brought(case: u64, subject: String, names: Vec<String>) -> Supplement {
        Supplement::of(case, subject, names, Ticks::Brought)
    }

    /// The checklist of materials in hand, to tick those found unusable.
    pub fn unusable(case: u64, subject: String, names: Vec<String>) -> Supplement {
        Supplement::of(case, subject, names, Ticks::Unusable)
    }

    fn of(case: u64, subject: String, names: Vec<String>, ticks: Ticks) -> Supplement {
        Supplement {
            case,
            subject,
            items: names.into_iter().map(|n| (n, false)).collect(),
            sel: 0,
            ticks,
            reason: None,
        }
    }

    fn ticked(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|(_, t)| *t)
            .map(|(n, _)| n.clone())
            .collect()
    }

    pub fn request(&self) -> Result<Request, T> {
        let materials = self.ticked();
        if materials.is_empty() {
            return Err(T::NothingTicked);
        }
        Ok(Request::Case(match (self.ticks, &self.reason) {
            (Ticks::Brought, _) => CaseReq::Supplement {
                id: self.case,
                materials: materials.into(),
                pages: Default::default(),
            },
            (Ticks::Unusable, Some(reason)) if !reason.trim().is_empty() => CaseReq::Unusable {
                id: self.case,
                materials: materials.into(),
                reason: reason.trim().to_string(),
            },
            (Ticks::Unusable, _) => return Err(T::ReviewReason),
        }))
    }

    fn title(&self) -> T {
        match self.ticks {
            Ticks::Brought => T::SupplementTitle,
            Ticks::Unusable => T::UnusableTitle,
        }
    }
}

impl Overlay for Supplement {
    fn typing(&self) -> bool {
        self.reason.is_some()
    }

    fn input(&mut self, input: Input, cx: &Cx) -> Step {
        if let Some(reason) = &mut self.reason {
            match input {
                Input::Char(c) => reason.push(c),
                Input::Backspace => {
                    reason.pop();
                }
                // Back to the ticks.
                Input::Action(Action::Cancel) => self.reason = None,
                Input::Action(Action::Confirm) => {
                    return match self.request() {
                        Ok(r) => Step::Finish(r),
                        Err(t) => Step::Say(cx.t(t).to_string()),
                    };
                }
                Input::Action(_) => {}
            }
            return Step::Stay;
        }
        let Input::Action(action) = input else {
            return Step::Stay;
        };
        match action {
            Action::Cancel => return Step::Close,
            Action::Up => self.sel = self.sel.saturating_sub(1),
            Action::Down => self.sel = (self.sel + 1).min(self.items.len().saturating_sub(1)),
            Action::ToggleMaterial => {
                if let Some(item) = self.items.get_mut(self.sel) {
                    item.1 = !item.1;
                }
            }
            Action::AllInHand => self.items.iter_mut().for_each(|i| i.1 = true),
            Action::Confirm if self.ticks == Ticks::Unusable => {
                if self.ticked().is_empty() {
                    return Step::Say(cx.t(T::NothingTicked).to_string());
                }
                self.reason = Some(String::new());
            }
            Action::Confirm => {
                return match self.request() {
                    Ok(r) => Step::Finish(r),
                    Err(t) => Step::Say(cx.t(t).to_string()),
                };
            }
            _ => {}
        }
        Step::Stay
    }

    fn area(&self, body: Rect, _cx: &Cx) -> Rect {
        let reason = u16::from(self.ticks == Ticks::Unusable);
        lower_box(body, self.items.len() as u16 + 3 + reason)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let block = Block::bordered()
            .border_set(cx.theme.border())
            .title(Span::styled(
                format!(" {} · {} ", cx.t(self.title()), self.subject),
                cx.theme.title(true),
            ));
        let inner = block.inner(area);
        let mut lines: Vec<Line> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, (name, ticked))| {
                let line = Line::from(format!(" [{}] {name}", if *ticked { "x" } else { " " }));
                if i == self.sel && self.reason.is_none() {
                    line.style(cx.theme.selected())
                } else {
                    line
                }
            })
            .collect();
        let label = format!(" {}：", cx.t(T::ReviewReason));
        if self.ticks == Ticks::Unusable {
            let typed = self.reason.clone().unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(label.clone(), cx.theme.dim()),
                Span::raw(typed),
            ]));
        }
        lines.push(Line::from(Span::styled(cx.t(T::Steps), cx.theme.dim())));
        frame.render_widget(Paragraph::new(lines).block(block), area);
        if let Some(reason) = &self.reason {
            let x = inner.x
                + ((label.width() + reason.width()) as u16).min(inner.width.saturating_sub(1));
            let y = inner.y + self.items.len() as u16;
            if y < inner.bottom() {
                frame.set_cursor_position(Position::new(x, y));
            }
        }
    }
}
