//! The supplement checklist: the selected case's outstanding materials, ticked as they are
//! brought (补交材料).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Input, Overlay, Step, lower_box};
use crate::protocol::{CaseReq, Request};
use crate::tui::action::Action;
use crate::tui::cx::Cx;
use crate::tui::text::T;

#[derive(Debug, Clone)]
pub struct Supplement {
    pub case: u64,
    /// What the title names: `#12 张三`.
    pub subject: String,
    pub items: Vec<(String, bool)>,
    pub sel: usize,
}

impl Supplement {
    pub fn request(&self) -> Result<Request, T> {
        let materials: Vec<String> = self
            .items
            .iter()
            .filter(|(_, t)| *t)
            .map(|(n, _)| n.clone())
            .collect();
        if materials.is_empty() {
            return Err(T::NothingTicked);
        }
        Ok(Request::Case(CaseReq::Supplement {
            id: self.case,
            materials: materials.into(),
        }))
    }
}

impl Overlay for Supplement {
    fn input(&mut self, input: Input, cx: &Cx) -> Step {
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
        lower_box(body, self.items.len() as u16 + 3)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let block = Block::bordered()
            .border_set(cx.theme.border())
            .title(Span::styled(
                format!(" {} · {} ", cx.t(T::SupplementTitle), self.subject),
                cx.theme.title(true),
            ));
        let mut lines: Vec<Line> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, (name, ticked))| {
                let line = Line::from(format!(" [{}] {name}", if *ticked { "x" } else { " " }));
                if i == self.sel {
                    line.style(cx.theme.selected())
                } else {
                    line
                }
            })
            .collect();
        lines.push(Line::from(Span::styled(cx.t(T::Steps), cx.theme.dim())));
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }
}
