//! A case's notices, one at a time (告知书): what `show_notice` opens, and what comes up when an
//! act issues a notice. The clerk reads it, moves to the case's other notices, and prints it
//! (a second print is recorded as a reprint, 补打), saves it, or prints it as text when the
//! server has no Chinese font for a PDF. Every paper is recorded on the case by the server;
//! the view counts them from `case.papers`.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::notice::Notice;
use crate::protocol::{CaseReq, CaseView, Fault, FaultKind, Request, Response};

use super::{Input, Overlay, Step};
use crate::tui::action::{Action, Context};
use crate::tui::cx::Cx;
use crate::tui::paper_text::{no_font_offer, paper_note};

pub struct NoticeView {
    pub case: CaseView,
    /// The position, among the case's notices, of the one shown.
    pub at: usize,
    /// How far the notice is scrolled, in lines.
    pub scroll: u16,
    /// The server could draw no PDF for want of a font (its words): the text print is offered.
    pub no_font: Option<String>,
}

impl NoticeView {
    /// The case's latest notice: the one just issued, or the one to print again.
    pub fn latest(case: CaseView) -> NoticeView {
        let at = case.case.notices.len().saturating_sub(1);
        NoticeView {
            case,
            at,
            scroll: 0,
            no_font: None,
        }
    }

    /// The notice shown.
    pub fn notice(&self) -> Option<&Notice> {
        self.case.case.notices.get(self.at)
    }

    fn print(&self, save: bool, text: bool) -> Step {
        match self.notice() {
            Some(n) => Step::Send(Request::Case(CaseReq::Print {
                id: self.case.id,
                number: Some(n.number),
                save,
                text,
            })),
            None => Step::Stay,
        }
    }

    /// Moves to the notice `by` places on, staying at either end.
    fn step(&mut self, by: isize, cx: &Cx) -> Step {
        let last = self.case.case.notices.len().saturating_sub(1);
        match self.at.checked_add_signed(by).filter(|at| *at <= last) {
            Some(at) => {
                self.at = at;
                self.scroll = 0;
                Step::Stay
            }
            None => Step::Tell(crate::tui::paper_text::no_more(by < 0, cx.lang)),
        }
    }

    fn scroll_by(&mut self, by: i32) {
        let length = self.notice().map_or(0, |n| n.document(0).len());
        self.scroll = (i32::from(self.scroll) + by).clamp(0, length as i32) as u16;
    }
}

/// Whether a refusal is the server's "no font to draw a PDF in" (`Refusal::NoFont`), as the
/// reply carries it typed.
fn for_want_of_a_font(fault: &Fault) -> bool {
    fault.kind == FaultKind::Refused
        && matches!(
            fault.refusal.as_deref(),
            Some(crate::refusal::Refusal::NoFont { .. })
        )
}

impl Overlay for NoticeView {
    fn context(&self) -> Context {
        Context::Notice
    }

    fn input(&mut self, input: Input, cx: &Cx) -> Step {
        let Input::Action(action) = input else {
            return Step::Stay;
        };
        match action {
            Action::Confirm | Action::Cancel => Step::Close,
            Action::Up => {
                self.scroll_by(-1);
                Step::Stay
            }
            Action::Down => {
                self.scroll_by(1);
                Step::Stay
            }
            Action::PageUp => {
                self.scroll_by(-10);
                Step::Stay
            }
            Action::PageDown => {
                self.scroll_by(10);
                Step::Stay
            }
            Action::PreviousNotice => self.step(-1, cx),
            Action::NextNotice => self.step(1, cx),
            Action::PrintNotice => self.print(false, false),
            Action::SaveNotice => self.print(true, false),
            Action::PrintNoticeText => self.print(false, true),
            _ => Step::Stay,
        }
    }

    fn reply(&mut self, response: Response, cx: &Cx) -> Step {
        match response {
            Response::Paper { case, record } if case == self.case.id => {
                let note = paper_note(record.notice, &record, cx.lang);
                // The server recorded it on the case: so does the copy shown, until the case
                // is read again.
                self.case.case.papers.push(*record);
                self.no_font = None;
                Step::Tell(note)
            }
            _ => Step::Stay,
        }
    }

    fn refused(&mut self, fault: &Fault, cx: &Cx) -> Step {
        if !for_want_of_a_font(fault) {
            return Step::Say(fault.message.clone());
        }
        self.no_font = Some(fault.message.clone());
        let key = cx
            .keymap
            .first(Context::Notice, Action::PrintNoticeText)
            .map_or_else(String::new, |k| k.to_string());
        Step::Say(no_font_offer(&key, cx.lang))
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
        self.render(frame, cx, area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusal::Refusal;
    use crate::tui::text::Lang;

    #[test]
    fn a_refusal_for_want_of_a_font_is_told_apart_by_its_type_in_either_language() {
        let fault = |why: &Refusal, lang| Fault {
            kind: FaultKind::Refused,
            message: why.text(lang),
            refusal: Some(Box::new(why.clone())),
        };
        let no_font = Refusal::NoFont {
            detail: "no font with Chinese glyphs in /usr/share/fonts".into(),
        };
        let other = Refusal::NoCase { id: 9 };
        for lang in [Lang::Zh, Lang::En] {
            assert!(for_want_of_a_font(&fault(&no_font, lang)), "{lang:?}");
            assert!(!for_want_of_a_font(&fault(&other, lang)), "{lang:?}");
        }
    }
}
