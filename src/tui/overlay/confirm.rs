//! A question before an act that cannot be taken back, naming what it acts on: 办结 #12 张三？

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Input, Overlay, Step, lower_box};
use crate::protocol::Request;
use crate::tui::action::{Action, Context};
use crate::tui::cx::Cx;

pub struct Confirm {
    pub question: String,
    pub request: Request,
}

impl Overlay for Confirm {
    fn input(&mut self, input: Input, _cx: &Cx) -> Step {
        match input {
            Input::Action(Action::Confirm) => Step::Finish(self.request.clone()),
            Input::Action(Action::Cancel) => Step::Close,
            _ => Step::Stay,
        }
    }

    fn area(&self, body: Rect, _cx: &Cx) -> Rect {
        lower_box(body, 4)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let keys = [Action::Confirm, Action::Cancel]
            .iter()
            .filter_map(|a| cx.key_hint(Context::Overlay, *a))
            .collect::<Vec<_>>()
            .join(" · ");
        let lines = vec![
            Line::from(format!(" {}", self.question)),
            Line::from(Span::styled(format!(" {keys}"), cx.theme.dim())),
        ];
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().border_set(cx.theme.border())),
            area,
        );
    }
}
