//! One-line prompts: the small forms behind reject, transfer, extend, leave and the duty log. The title names what the prompt acts on (`驳回理由 · #12 张三`), and the
//! real cursor sits where text is typed, so input methods work.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::protocol::{CaseReq, DutyReq, EnquiryReq, ExtensionReq, LeaveReq, Request, TicketReq};

use super::{Input, Overlay, Step, lower_box};
use crate::tui::action::Action;
use crate::tui::cx::Cx;
use crate::tui::text::T;

/// What a prompt's text is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// The reason for rejecting a case.
    Reject(u64),
    /// Why a case kept for its decision is admitted.
    Admit(u64),
    /// Days and reason: `5 需实地核查`.
    Extend(u64),
    /// The window to send a ticket to.
    Transfer(String),
    /// Why a ticket (its number, its window) is called before its turn.
    CallOutOfTurn(String, String),
    DutyLog,
    /// Ask a leader to extend: days and reason.
    AskExtend(u64),
    /// From, to and reason, or a shortcut (今天, 明天上午 …) on this day by these hours.
    Leave {
        today: chrono::NaiveDate,
        hours: Option<crate::domain::centre::Hours>,
    },
    RefuseExtension(u64),
    RefuseLeave(u64),
    /// The window to add to a case.
    CoWindow(u64),
    /// A case's number, or an open case's applicant (handled by the console itself).
    FindCase,
    /// How an enquiry ended: what the visitor was told or where it went.
    CloseEnquiry(u64),
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: Purpose,
    /// What it acts on, as the title names it: `#12 张三`, `A003`.
    pub subject: String,
    pub text: String,
}

impl Prompt {
    pub fn new(purpose: Purpose) -> Prompt {
        Prompt::about(purpose, String::new())
    }

    pub fn about(purpose: Purpose, subject: String) -> Prompt {
        Prompt {
            purpose,
            subject,
            text: String::new(),
        }
    }

    pub fn label(&self) -> T {
        match self.purpose {
            Purpose::Reject(_) => T::RejectReason,
            Purpose::Admit(_) => T::AdmitReason,
            Purpose::Extend(_) => T::ExtendPrompt,
            Purpose::Transfer(_) => T::TransferTo,
            Purpose::CallOutOfTurn(..) => T::OutOfTurnReason,
            Purpose::DutyLog => T::DutyLogPrompt,
            Purpose::AskExtend(_) => T::AskExtendPrompt,
            Purpose::Leave { .. } => T::LeavePrompt,
            Purpose::RefuseExtension(_) | Purpose::RefuseLeave(_) => T::RefuseReason,
            Purpose::CoWindow(_) => T::CoWindowPrompt,
            Purpose::FindCase => T::FindCasePrompt,
            Purpose::CloseEnquiry(_) => T::EnquiryOutcome,
        }
    }

    /// The request the text makes, or what is wrong with it.
    pub fn request(&self) -> Result<Request, T> {
        let text = self.text.trim().to_string();
        if text.is_empty() {
            return Err(T::EmptyEntry);
        }
        Ok(match &self.purpose {
            Purpose::Reject(id) => Request::Case(CaseReq::Reject {
                id: *id,
                reason: text,
            }),
            Purpose::Admit(id) => Request::Case(CaseReq::Admit {
                id: *id,
                reason: text,
            }),
            Purpose::Extend(id) | Purpose::AskExtend(id) => {
                let (days, reason) = text.split_once(char::is_whitespace).ok_or(self.label())?;
                let days = days.parse().map_err(|_| self.label())?;
                let reason = reason.trim().to_string();
                match self.purpose {
                    Purpose::Extend(_) => Request::Case(CaseReq::Extend {
                        id: *id,
                        days,
                        reason,
                    }),
                    _ => Request::Extension(ExtensionReq::Ask {
                        case: *id,
                        days,
                        reason,
                    }),
                }
            }
            Purpose::Leave { today, hours } => {
                let (from, to, reason) =
                    super::leave_time::read(&text, *today, hours.as_ref()).ok_or(T::BadLeave)?;
                Request::Leave(LeaveReq::Request {
                    staff: None,
                    kind: crate::domain::leave::AbsenceKind::Leave,
                    from,
                    to,
                    reason,
                    swaps: vec![],
                })
            }
            Purpose::RefuseExtension(id) => Request::Extension(ExtensionReq::Refuse {
                id: *id,
                reason: text,
            }),
            Purpose::RefuseLeave(id) => Request::Leave(LeaveReq::Refuse {
                id: *id,
                reason: text,
            }),
            Purpose::CoWindow(id) => Request::Case(CaseReq::AddCoWindow {
                id: *id,
                window: text,
            }),
            Purpose::CallOutOfTurn(number, window) => Request::Ticket(TicketReq::Call {
                window: Some(window.clone()),
                number: Some(number.clone()),
                reason: Some(text),
            }),
            Purpose::Transfer(number) => Request::Ticket(TicketReq::Transfer {
                number: number.clone(),
                to_window: text,
            }),
            Purpose::DutyLog => Request::Duty(DutyReq::Log { text }),
            Purpose::FindCase => return Err(T::FindCasePrompt),
            Purpose::CloseEnquiry(id) => Request::Enquiry(EnquiryReq::Close {
                id: *id,
                outcome: text,
            }),
        })
    }
}

impl Overlay for Prompt {
    fn typing(&self) -> bool {
        true
    }

    fn input(&mut self, input: Input, cx: &Cx) -> Step {
        match input {
            Input::Char(c) => self.text.push(c),
            Input::Backspace => {
                self.text.pop();
            }
            Input::Action(Action::Cancel) => return Step::Close,
            Input::Action(Action::Confirm) if self.purpose == Purpose::FindCase => {
                return Step::Finish(Request::Case(CaseReq::Find {
                    text: self.text.clone(),
                }));
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
        lower_box(body, 3)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let title = if self.subject.is_empty() {
            format!(" {} ", cx.t(self.label()))
        } else {
            format!(" {} · {} ", cx.t(self.label()), self.subject)
        };
        let block = Block::bordered()
            .border_set(cx.theme.border())
            .title(Span::styled(title, cx.theme.title(true)));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(self.text.clone()), inner);
        let x = inner.x + (self.text.width() as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, inner.y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extension_prompt_reads_days_then_reason() {
        let mut p = Prompt::new(Purpose::Extend(4));
        p.text = "5 需实地核查".into();
        match p.request() {
            Ok(Request::Case(CaseReq::Extend { id, days, reason })) => {
                assert_eq!((id, days, reason.as_str()), (4, 5, "需实地核查"))
            }
            other => panic!("{other:?}"),
        }
        p.text = "五天".into();
        assert!(p.request().is_err());
    }
}
