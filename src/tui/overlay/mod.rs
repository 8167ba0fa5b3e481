//! What opens over the panes, on a stack: the help, one-line prompts, the supplement
//! checklist, a question before an act, the intake form, and a case's notices. Each overlay
//! owns its input and draws read-only into an area the stack clears first.

pub mod confirm;
pub mod form;
pub mod help;
pub mod leave_time;
pub mod notice;
mod notice_view;
pub mod prompt;
pub mod supplement;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

use crate::protocol::{Fault, Request, Response};

use super::action::{Action, Context};
use super::cx::Cx;

/// A key as an overlay reads it: an action of its context, or text typed into a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Action(Action),
    Char(char),
    Backspace,
}

/// What an overlay wants after a key or a reply.
#[derive(Debug)]
pub enum Step {
    Stay,
    Close,
    /// Send this request; its reply comes back to this overlay.
    Send(Request),
    /// Close, and send this request.
    Finish(Request),
    /// Tell the user something wrong, and stay.
    Say(String),
    /// Tell the user how something went, and stay.
    Tell(String),
    /// Close, and open this in its place (the intake gives way to the notice it issued).
    Replace(Box<dyn Overlay>),
}

impl std::fmt::Debug for dyn Overlay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "overlay in [{}]", self.context().name())
    }
}

pub trait Overlay {
    /// The keymap context while this overlay is on top.
    fn context(&self) -> Context {
        Context::Overlay
    }

    /// Whether typed characters go into a text field now.
    fn typing(&self) -> bool {
        false
    }

    /// Whether a digit no key of the context names is typed into the overlay now (the pages
    /// of a material at intake).
    fn takes_digits(&self) -> bool {
        false
    }

    fn input(&mut self, input: Input, cx: &Cx) -> Step;

    /// The help, which the help key closes rather than opens again.
    fn is_help(&self) -> bool {
        false
    }

    /// The reply to a request this overlay sent.
    fn reply(&mut self, _response: Response, _cx: &Cx) -> Step {
        Step::Stay
    }

    /// A request this overlay sent was refused or failed; by default the user is told why.
    fn refused(&mut self, fault: &Fault, _cx: &Cx) -> Step {
        Step::Say(fault.message.clone())
    }

    /// Where it is drawn over `body`; cleared before `draw`.
    fn area(&self, body: Rect, cx: &Cx) -> Rect;

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx);
}

/// Clears `area` for an overlay, including both halves of any wide character cut by its
/// edges: a wide character left standing across the edge would be drawn over the border.
pub fn clear(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        // The character just left of the area, when it is wide, reaches into it.
        if area.left() > buf.area.left() {
            let cell = &mut buf[(area.left() - 1, y)];
            if cell.symbol().width() > 1 {
                cell.reset();
            }
        }
        // A wide character starting on the area's last column reaches just past it; its
        // right half outside is blanked with it.
        let last = area.right() - 1;
        if buf[(last, y)].symbol().width() > 1 && area.right() < buf.area.right() {
            buf[(area.right(), y)].reset();
        }
    }
    Clear.render(area, buf);
}

/// A box of `height` rows across the lower middle of `body`.
pub fn lower_box(body: Rect, height: u16) -> Rect {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clearing_an_overlay_blanks_a_wide_character_cut_by_its_left_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "补办材料", ratatui::style::Style::new());
        // 补 0-1, 办 2-3, 材 4-5, 料 6-7: an overlay from column 3 cuts 办 in half.
        clear(&mut buf, Rect::new(3, 0, 4, 1));
        assert_eq!(buf[(2, 0)].symbol(), " ");
        assert_eq!(buf[(0, 0)].symbol(), "补");
        assert_eq!(
            buf[(7, 0)].symbol(),
            " ",
            "料's right half is outside but 料 began inside"
        );
    }
}
