//! What the keys do on the panes: call and move tickets, work the selected case, decide what
//! waits, move the selection and scroll. Every act names what it acts on, in its question,
//! its prompt's title or its note.

use crate::domain::case::MaterialState;
use crate::domain::queue::Ticket;
use crate::protocol::{Approval, CaseReq, ExtensionReq, LeaveReq, Request, TicketReq};

use super::action::Action;
use super::app::{App, Pane};
use super::intake::Intake;
use super::overlay::confirm::Confirm;
use super::overlay::notice::NoticeView;
use super::overlay::prompt::{Prompt, Purpose};
use super::overlay::supplement::Supplement;
use super::sync::Part;
use super::text::T;

impl App {
    pub(super) fn pane_action(&mut self, action: Action) {
        match action {
            Action::Cancel => self.note = None,
            Action::FocusQueue => self.focus_on(0),
            Action::FocusCase => self.focus_on(1),
            Action::FocusDeadlines => self.focus_on(2),
            Action::FocusToday => self.focus_on(3),
            Action::NextPane => self.focus_on(self.focus_index() + 1),
            Action::PreviousPane => self.focus_on(self.focus_index() + 3),
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp | Action::PageDown => {
                let page = self.page();
                let by = if action == Action::PageUp {
                    -page
                } else {
                    page
                };
                if self.focus == Pane::Case {
                    self.case_scroll = self.case_scroll.saturating_add_signed(by as i16);
                } else {
                    self.move_selection(by);
                }
            }
            Action::Refresh => {
                for p in self.mode.parts() {
                    self.want(*p);
                }
            }
            Action::NextList => self.next_list(),
            Action::SwitchMode => self.switch_mode(),
            Action::ConfirmViolation => self.confirm_violation(),
            Action::FindCase => self.prompt(Some(Prompt::new(Purpose::FindCase)), T::EmptyEntry),
            Action::NextVisitor => self.act(
                Request::Ticket(TicketReq::Call {
                    window: self.cx.my_window.clone(),
                    number: None,
                    reason: None,
                }),
                false,
            ),
            Action::Finish => self.act(
                Request::Ticket(TicketReq::Finish {
                    number: None,
                    window: self.cx.my_window.clone(),
                }),
                false,
            ),
            Action::CallOutOfTurn => {
                let p = self.selected_ticket().map(|t| {
                    let purpose = Purpose::CallOutOfTurn(t.number.clone(), t.window.clone());
                    Prompt::about(purpose, t.number.clone())
                });
                self.prompt(p, T::NoTicketSelected)
            }
            Action::Restore => {
                if let Some(number) = self.ticket_number() {
                    self.act(Request::Ticket(TicketReq::Restore { number }), false);
                }
            }
            Action::NewTicket | Action::NewPriorityTicket => match self.cx.my_window.clone() {
                Some(w) => self.act(
                    Request::Ticket(TicketReq::Take {
                        window: Some(w),
                        item: None,
                        priority: action == Action::NewPriorityTicket,
                        print: false,
                    }),
                    false,
                ),
                None => self.say_error(self.t(T::NoWindow)),
            },
            Action::Recall => {
                if let Some(number) = self.ticket_number() {
                    self.act(Request::Ticket(TicketReq::Recall { number }), false);
                }
            }
            Action::NoShow => {
                if let Some(number) = self.ticket_number() {
                    let question = self.question(T::AskNoShow, &number);
                    let request = Request::Ticket(TicketReq::NoShow { number });
                    self.open(Box::new(Confirm { question, request }));
                }
            }
            Action::Transfer => {
                let p = self
                    .ticket_number()
                    .map(|n| Prompt::about(Purpose::Transfer(n.clone()), n));
                self.prompt(p, T::NoTicketSelected)
            }
            Action::CompleteCase | Action::ReportUp => match self.case_subject() {
                Some((id, subject)) => {
                    let (ask, request) = if action == Action::CompleteCase {
                        (T::AskComplete, CaseReq::Complete { id })
                    } else {
                        (T::AskReportUp, CaseReq::ReportUp { id })
                    };
                    let question = self.question(ask, &subject);
                    let request = Request::Case(request);
                    self.open(Box::new(Confirm { question, request }));
                }
                None => self.say_error(self.t(T::NoCaseSelected)),
            },
            // A case opened while a visitor is served is for them: it names their ticket.
            Action::NewCase | Action::Search => match self.data.serving.clone() {
                Some(t) => {
                    let (form, first) = Intake::for_ticket(&t);
                    self.open(Box::new(form));
                    if let Some(r) = first {
                        self.act(r, true);
                    }
                }
                None => self.open(Box::new(Intake::new())),
            },
            Action::RejectCase | Action::AdmitCase => {
                let p = self.case_subject().map(|(id, s)| {
                    let purpose = if action == Action::RejectCase {
                        Purpose::Reject(id)
                    } else {
                        Purpose::Admit(id)
                    };
                    Prompt::about(purpose, s)
                });
                self.prompt(p, T::NoCaseSelected)
            }
            Action::ExtendCase => {
                // Leaders and the director extend; anyone else asks them to.
                let leads = self.cx.me.may.approve_extensions;
                let p = self.case_subject().map(|(id, s)| {
                    let purpose = if leads {
                        Purpose::Extend(id)
                    } else {
                        Purpose::AskExtend(id)
                    };
                    Prompt::about(purpose, s)
                });
                self.prompt(p, T::NoCaseSelected)
            }
            Action::AddCoWindow => {
                let p = self
                    .case_subject()
                    .map(|(id, s)| Prompt::about(Purpose::CoWindow(id), s));
                self.prompt(p, T::NoCaseSelected)
            }
            Action::RequestLeave => {
                let today = self.data.today.as_ref();
                let purpose = Purpose::Leave {
                    today: today.map_or(chrono::Local::now().date_naive(), |t| t.now.date()),
                    hours: today.and_then(|t| t.hours.clone()),
                };
                self.prompt(Some(Prompt::new(purpose)), T::EmptyEntry)
            }
            Action::UrgentLeave => {
                let today = self.data.today.as_ref();
                let purpose = Purpose::UrgentLeave {
                    now: today.map_or(chrono::Local::now().naive_local(), |t| t.now),
                    hours: today.and_then(|t| t.hours.clone()),
                };
                self.prompt(Some(Prompt::new(purpose)), T::EmptyEntry)
            }
            // The first window nobody serves now: its cover, one window at a time.
            Action::AssignCover => {
                let p = self.data.today.as_ref().and_then(|t| {
                    let post = t.posts.iter().find(|p| {
                        matches!(p.serving, crate::protocol::ServingView::BothAway { .. })
                    })?;
                    let purpose = Purpose::Cover {
                        window: post.window.clone(),
                        today: t.now.date(),
                        hours: t.hours.clone(),
                    };
                    Some(Prompt::about(purpose, post.window.clone()))
                });
                self.prompt(p, T::NoEmptyWindow)
            }
            Action::LogEnquiry => {
                self.open(Box::new(super::overlay::form::Form::phone_enquiry()));
            }
            Action::DutyLog => self.prompt(Some(Prompt::new(Purpose::DutyLog)), T::EmptyEntry),
            Action::ShowNotice => match &self.data.case {
                Some(d) if !d.view.case.notices.is_empty() => {
                    let view = NoticeView::latest(d.view.clone());
                    self.open(Box::new(view));
                }
                Some(_) => self.say_error(self.t(T::NoNotice)),
                None => self.say_error(self.t(T::NoCaseSelected)),
            },
            Action::Approve => self.approve(),
            Action::Refuse => {
                let p = match self.data.pending.selected() {
                    Some(Approval::Extension { id, case, .. }) => Some(Prompt::about(
                        Purpose::RefuseExtension(*id),
                        format!("{} #{case}", self.t(T::Extension)),
                    )),
                    Some(Approval::Leave { id, staff, .. }) => Some(Prompt::about(
                        Purpose::RefuseLeave(*id),
                        format!("{} {staff}", self.t(T::Leave)),
                    )),
                    Some(Approval::Enquiry { .. }) => {
                        self.say_error(self.t(T::EnquiryNotRefused));
                        return;
                    }
                    Some(Approval::Follow { .. }) => {
                        self.say_error(self.t(T::FollowNotRefused));
                        return;
                    }
                    None => None,
                };
                self.prompt(p, T::NothingPending)
            }
            Action::Supplement | Action::Unusable => {
                let subject = self.case_subject().map(|(_, s)| s).unwrap_or_default();
                let form = self
                    .data
                    .case
                    .as_ref()
                    .filter(|d| Some(d.view.id) == self.shown_case())
                    .map(|d| {
                        let case = &d.view.case;
                        let id = d.view.id;
                        if action == Action::Supplement {
                            let names = case.outstanding().iter().map(|m| m.name.clone()).collect();
                            Supplement::brought(id, subject, names)
                        } else {
                            let names = case
                                .materials
                                .iter()
                                .filter(|m| m.state == MaterialState::InHand)
                                .map(|m| m.name.clone());
                            Supplement::unusable(id, subject, names.collect())
                        }
                    });
                match form {
                    Some(f) if !f.items.is_empty() => self.open(Box::new(f)),
                    Some(_) => self.say_error(self.t(T::NothingTicked)),
                    None => self.say_error(self.t(T::NoCaseSelected)),
                }
            }
            // Keys of the forms, not of the panes.
            Action::ToggleMaterial
            | Action::AllInHand
            | Action::OverrideKind
            | Action::NeedsDecision
            | Action::Confirm
            | Action::NextField
            | Action::PreviousField
            | Action::PreviousNotice
            | Action::NextNotice
            | Action::PrintNotice
            | Action::SaveNotice
            | Action::PrintNoticeText
            | Action::Help
            | Action::Quit => {}
        }
    }

    fn approve(&mut self) {
        let (request, subject) = match self.data.pending.selected() {
            Some(Approval::Extension { id, case, .. }) => (
                Request::Extension(ExtensionReq::Approve { id: *id }),
                format!("{} #{case}", self.t(T::Extension)),
            ),
            Some(Approval::Leave { id, staff, .. }) => (
                Request::Leave(LeaveReq::Approve { id: *id }),
                format!("{} {staff}", self.t(T::Leave)),
            ),
            // Settled: say what the visitor was told or where it went.
            Some(Approval::Enquiry { id, content, .. }) => {
                let p = Prompt::about(Purpose::CloseEnquiry(*id), format!("#{id} {content}"));
                self.open(Box::new(p));
                return;
            }
            // Nothing to decide: followed until it closes. The key brings the case up.
            Some(Approval::Follow { case, .. }) => {
                let text = case.to_string();
                self.act(Request::Case(CaseReq::Find { text }), false);
                return;
            }
            None => {
                self.say_error(self.t(T::NothingPending));
                return;
            }
        };
        let question = self.question(T::AskApprove, &subject);
        self.open(Box::new(Confirm { question, request }));
    }

    /// `办结 #12 张三？`
    fn question(&self, verb: T, subject: &str) -> String {
        format!("{} {subject}{}", self.t(verb), self.t(T::QuestionMark))
    }

    fn prompt(&mut self, prompt: Option<Prompt>, missing: T) {
        match prompt {
            Some(p) => self.open(Box::new(p)),
            None => self.say_error(self.t(missing)),
        }
    }

    fn selected_ticket(&self) -> Option<&Ticket> {
        self.data.tickets.selected()
    }

    fn ticket_number(&mut self) -> Option<String> {
        let number = self.selected_ticket().map(|t| t.number.clone());
        if number.is_none() {
            self.say_error(self.t(T::NoTicketSelected));
        }
        number
    }

    /// The case shown, as acts name it: its number and applicant.
    pub(super) fn case_subject(&self) -> Option<(u64, String)> {
        let id = self.shown_case()?;
        let name = match &self.data.case {
            Some(d) if d.view.id == id => d.view.case.applicant.name.clone(),
            _ => self
                .data
                .cases
                .selected()
                .filter(|c| c.id == id)
                .map_or(String::new(), |c| c.applicant.name.clone()),
        };
        Some((id, format!("#{id} {name}").trim_end().to_string()))
    }

    fn focus_index(&self) -> usize {
        let panes = self.mode.panes();
        panes.iter().position(|p| *p == self.focus).unwrap_or(0)
    }

    fn focus_on(&mut self, index: usize) {
        self.focus = self.mode.panes()[index % 4];
    }

    /// Rows a page key moves: half the screen.
    fn page(&self) -> isize {
        (self.size.1 as isize / 2).max(1)
    }

    fn move_selection(&mut self, by: isize) {
        match self.focus {
            Pane::Queue => {
                if !self.data.tickets.step(by) {
                    self.want(Part::Queue);
                }
            }
            Pane::Deadlines | Pane::Case => {
                // A pinned (closed) case gives way to the list at its selection.
                let held = if self.pinned_case.take().is_some() {
                    true
                } else {
                    self.data.cases.step(by)
                };
                if held {
                    self.want(Part::Case);
                } else {
                    self.want(Part::Cases);
                }
            }
            Pane::Today => {
                if !self.data.pending.step(by) {
                    self.want(Part::Pending);
                }
            }
            Pane::Windows => self.step_sheet(by),
        }
    }
}
