//! The console's state and how actions change it. `update` is pure: it changes what is shown
//! and says which request to send; the loop in `mod.rs` sends it and feeds the answer back.

use crate::domain::queue::{Ticket, TicketStatus};
use crate::protocol::{
    Approval, Around, CaseReq, CaseRow, CaseView, ExtensionReq, LeaveReq, Request, Response, Rows,
    StaffInfo, TicketReq, TodayView,
};

use super::intake::{Intake, Next};
use super::prompt::{Prompt, Purpose, Supplement};

use super::keymap::{Action, Keymap};
use super::text::{Lang, T};
use super::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Queue,
    Case,
    Deadlines,
    Today,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Queue, Pane::Case, Pane::Deadlines, Pane::Today];

    pub fn title(self) -> T {
        match self {
            Pane::Queue => T::Queue,
            Pane::Case => T::Case,
            Pane::Deadlines => T::Deadlines,
            Pane::Today => T::Today,
        }
    }

    fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// What the server last told us: of each list, the rows around its selection and its length.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Today's queue as a clerk reads it: waiting (priority marked), then called, then no-shows.
    pub tickets: Rows<Ticket>,
    /// Open cases by deadline, then waiting and paused ones.
    pub cases: Rows<CaseRow>,
    pub today: Option<TodayView>,
    pub case: Option<CaseView>,
    /// What waits for this user's decision.
    pub approvals: Rows<Approval>,
    /// The selected case's history from the audit trail.
    pub history: Vec<crate::event::AuditEvent>,
}

/// A line for the user at the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub me: StaffInfo,
    pub demo: bool,
    /// The window of the signed-in clerk (their A post, else their B post).
    pub my_window: Option<String>,
    pub data: Data,
    pub focus: Pane,
    pub queue_sel: usize,
    pub deadline_sel: usize,
    pub approval_sel: usize,
    pub help: bool,
    pub note: Option<Note>,
    pub connected: bool,
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub quit: bool,
    /// The intake form, while open.
    pub intake: Option<Intake>,
    /// A one-line prompt, while open.
    pub prompt: Option<Prompt>,
    /// The supplement checklist, while open.
    pub supplement: Option<Supplement>,
    /// A case found by its number that is not among the open ones (a closed case), shown in
    /// the case pane until the deadline selection moves.
    pub pinned_case: Option<u64>,
    /// Re-query everything now (`refresh`, or a case found).
    pub want_refresh: bool,
    /// How far the help is scrolled, in rows.
    pub help_scroll: usize,
    /// The terminal's height: each list is asked for enough rows around its selection to fill
    /// a pane this high.
    pub view_rows: usize,
}

impl App {
    pub fn new(
        me: StaffInfo,
        demo: bool,
        my_window: Option<String>,
        lang: Lang,
        theme: Theme,
        keymap: Keymap,
    ) -> App {
        App {
            me,
            demo,
            my_window,
            data: Data::default(),
            focus: Pane::Queue,
            queue_sel: 0,
            deadline_sel: 0,
            approval_sel: 0,
            help: false,
            note: None,
            connected: true,
            lang,
            theme,
            keymap,
            quit: false,
            intake: None,
            prompt: None,
            supplement: None,
            pinned_case: None,
            want_refresh: false,
            help_scroll: 0,
            view_rows: 60,
        }
    }

    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang)
    }

    pub fn selected_ticket(&self) -> Option<&Ticket> {
        self.data.tickets.get(self.queue_sel)
    }

    pub fn selected_case_id(&self) -> Option<u64> {
        self.pinned_case
            .or_else(|| self.data.cases.get(self.deadline_sel).map(|c| c.id))
    }

    /// The rows of each list to ask for: enough around each selection to fill its pane.
    pub fn windows(&self) -> (Around<String>, Around<u64>, Around<String>) {
        let rows = self.view_rows as u32;
        (
            Around::row(self.queue_sel as u32, rows),
            Around::row(self.deadline_sel as u32, rows),
            Around::row(self.approval_sel as u32, rows),
        )
    }

    /// Whether every selection's row is among those held; if not, the rows around it are
    /// asked for again.
    pub fn rows_held(&self) -> bool {
        self.data.tickets.holds(self.queue_sel)
            && self.data.cases.holds(self.deadline_sel)
            && self.data.approvals.holds(self.approval_sel)
    }

    /// A case found by the server (by number, or an open one by applicant): selected among the
    /// open cases, or pinned to the case pane when closed.
    fn found_case(&mut self, id: u64, open_row: Option<u32>) {
        match open_row {
            Some(row) => {
                self.deadline_sel = row as usize;
                self.pinned_case = None;
            }
            None => self.pinned_case = Some(id),
        }
        self.focus = Pane::Case;
        self.want_refresh = true;
    }

    /// Keeps selections inside the lists after new data.
    pub fn clamp(&mut self) {
        let q = self.data.tickets.len();
        self.queue_sel = self.queue_sel.min(q.saturating_sub(1));
        let c = self.data.cases.len();
        self.deadline_sel = self.deadline_sel.min(c.saturating_sub(1));
        let a = self.data.approvals.len();
        self.approval_sel = self.approval_sel.min(a.saturating_sub(1));
    }

    fn say_error(&mut self, text: &str) {
        self.note = Some(Note {
            text: text.to_string(),
            error: true,
        });
    }

    /// Whether typed characters go into a text field now.
    pub fn typing(&self) -> bool {
        !self.help && (self.prompt.is_some() || self.intake.as_ref().is_some_and(Intake::typing))
    }

    pub fn type_char(&mut self, c: char) -> Option<Request> {
        if let Some(p) = &mut self.prompt {
            p.text.push(c);
            return None;
        }
        self.intake.as_mut()?.type_char(c)
    }

    pub fn backspace(&mut self) -> Option<Request> {
        if let Some(p) = &mut self.prompt {
            p.text.pop();
            return None;
        }
        self.intake.as_mut()?.backspace()
    }

    /// Keys while a prompt is open: confirm sends, cancel closes.
    fn prompt_action(&mut self, action: Action) -> Option<Request> {
        let p = self.prompt.as_ref()?;
        match action {
            Action::Cancel => self.prompt = None,
            Action::Confirm if p.purpose == Purpose::FindCase => {
                let text = p.text.clone();
                self.prompt = None;
                return Some(Request::Case(CaseReq::Find { text }));
            }
            Action::Confirm => match p.request() {
                Ok(r) => {
                    self.prompt = None;
                    return Some(r);
                }
                Err(t) => self.say_error(t.get(self.lang)),
            },
            _ => {}
        }
        None
    }

    /// Keys while the supplement checklist is open.
    fn supplement_action(&mut self, action: Action) -> Option<Request> {
        let form = self.supplement.as_mut()?;
        match action {
            Action::Cancel => self.supplement = None,
            Action::Up => form.sel = form.sel.saturating_sub(1),
            Action::Down => form.sel = (form.sel + 1).min(form.items.len().saturating_sub(1)),
            Action::ToggleMaterial => {
                if let Some(item) = form.items.get_mut(form.sel) {
                    item.1 = !item.1;
                }
            }
            Action::AllInHand => form.items.iter_mut().for_each(|i| i.1 = true),
            Action::Confirm => match form.request() {
                Ok(r) => {
                    self.supplement = None;
                    return Some(r);
                }
                Err(t) => self.say_error(t.get(self.lang)),
            },
            _ => {}
        }
        None
    }

    fn open_prompt(&mut self, purpose: Option<Purpose>, missing: T) -> Option<Request> {
        match purpose {
            Some(p) => {
                self.note = None;
                self.prompt = Some(Prompt::new(p));
            }
            None => self.say_error(missing.get(self.lang)),
        }
        None
    }

    /// An answer to a request this console sent; may ask for a follow-up.
    pub fn on_response(&mut self, response: Response) -> Option<Request> {
        if let Some(form) = &mut self.intake {
            return form.on_response(response);
        }
        match response {
            Response::Found { id, open_row } => self.found_case(id, open_row),
            Response::Ticket(t) => {
                let (n, w) = (&t.number, &t.window);
                let text = match &t.status {
                    TicketStatus::Waiting if t.transferred_from.is_empty() => {
                        format!("{} {n} · {w}", self.t(T::TicketTaken))
                    }
                    TicketStatus::Waiting => format!("{n} {} {w}", self.t(T::TransferredTo)),
                    TicketStatus::Called { recalls: 0, .. } => {
                        format!("{} {n} · {w}", self.t(T::Called))
                    }
                    TicketStatus::Called { recalls, .. } => {
                        format!("{}{recalls} {n} · {w}", self.t(T::Recalled))
                    }
                    TicketStatus::NoShow { .. } => format!("{n} {}", self.t(T::NoShow)),
                };
                self.note = Some(Note { text, error: false });
            }
            Response::Case(v) => {
                self.note = Some(Note {
                    text: format!("#{} {}", v.id, self.t(T::Saved)),
                    error: false,
                });
                // A new notice (a rejection's, a joint case's) is shown at once, to print.
                let before = self.data.case.as_ref().filter(|c| c.id == v.id);
                if before.is_some_and(|c| v.case.notices.len() > c.case.notices.len()) {
                    self.intake = Some(Intake::showing((*v).clone()));
                }
                self.data.case = Some(*v);
            }
            Response::Enquiry { .. }
            | Response::DutyEntry(_)
            | Response::Extension(_)
            | Response::Leave(_) => {
                self.note = Some(Note {
                    text: self.t(T::Saved).to_string(),
                    error: false,
                });
            }
            _ => {}
        }
        None
    }

    /// A refusal from the server, shown at the bottom.
    pub fn on_refusal(&mut self, message: String) {
        self.say_error(&message);
    }

    /// Applies an action; returns the request it needs, if any.
    pub fn update(&mut self, action: Action) -> Option<Request> {
        if action == Action::Quit {
            self.quit = true;
            return None;
        }
        if !self.help && self.prompt.is_some() {
            return self.prompt_action(action);
        }
        if !self.help && self.supplement.is_some() {
            return self.supplement_action(action);
        }
        if !self.help
            && action != Action::Help
            && let Some(form) = &mut self.intake
        {
            return match form.act(action, self.lang) {
                Next::Send(r) => Some(r),
                Next::Nothing => None,
                Next::Say(text) => {
                    self.say_error(&text);
                    None
                }
                Next::Close => {
                    self.intake = None;
                    None
                }
            };
        }
        if self.help {
            match action {
                Action::Help | Action::Cancel | Action::Quit => {
                    self.help = false;
                    self.help_scroll = 0;
                }
                // Scrolls where the screen is too small for every binding; the overlay stops
                // at the last row.
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => {
                    self.help_scroll = (self.help_scroll + 1).min(Action::ALL.len());
                }
                _ => {}
            }
            return None;
        }
        match action {
            Action::Quit => {
                self.quit = true;
                None
            }
            Action::Help => {
                self.help = true;
                None
            }
            Action::Cancel => {
                self.note = None;
                None
            }
            Action::FocusQueue => self.focus_on(Pane::Queue),
            Action::FocusCase => self.focus_on(Pane::Case),
            Action::FocusDeadlines => self.focus_on(Pane::Deadlines),
            Action::FocusToday => self.focus_on(Pane::Today),
            Action::NextPane => self.focus_on(Pane::ALL[(self.focus.index() + 1) % 4]),
            Action::PreviousPane => self.focus_on(Pane::ALL[(self.focus.index() + 3) % 4]),
            Action::Up | Action::Down => self.move_selection(action == Action::Down),
            Action::Refresh => {
                self.want_refresh = true;
                None
            }
            Action::FindCase => self.open_prompt(Some(Purpose::FindCase), T::EmptyEntry),
            Action::NextVisitor => Some(Request::Ticket(TicketReq::Call {
                window: self.my_window.clone(),
            })),
            Action::NewTicket | Action::NewPriorityTicket => match &self.my_window {
                Some(w) => Some(Request::Ticket(TicketReq::Take {
                    window: Some(w.clone()),
                    item: None,
                    priority: action == Action::NewPriorityTicket,
                })),
                None => {
                    let text = self.t(T::NoWindow);
                    self.say_error(text);
                    None
                }
            },
            Action::Recall => self.selected_ticket().map(|t| {
                Request::Ticket(TicketReq::Recall {
                    number: t.number.clone(),
                })
            }),
            Action::NoShow => self.selected_ticket().map(|t| {
                Request::Ticket(TicketReq::NoShow {
                    number: t.number.clone(),
                })
            }),
            Action::CompleteCase => self
                .selected_case_id()
                .map(|id| Request::Case(CaseReq::Complete { id })),
            Action::NewCase | Action::Search => {
                self.note = None;
                self.intake = Some(Intake::new());
                None
            }
            Action::RejectCase => {
                let p = self.selected_case_id().map(Purpose::Reject);
                self.open_prompt(p, T::NoCaseSelected)
            }
            Action::ExtendCase => {
                // Leaders and the director extend; anyone else asks them to.
                let leads = self.me.may.approve_extensions;
                let p = self.selected_case_id().map(if leads {
                    Purpose::Extend
                } else {
                    Purpose::AskExtend
                });
                self.open_prompt(p, T::NoCaseSelected)
            }
            Action::RequestLeave => self.open_prompt(Some(Purpose::Leave), T::EmptyEntry),
            Action::AddCoWindow => {
                let p = self.selected_case_id().map(Purpose::CoWindow);
                self.open_prompt(p, T::NoCaseSelected)
            }
            Action::ShowNotice => {
                match &self.data.case {
                    Some(v) if !v.case.notices.is_empty() => {
                        self.note = None;
                        self.intake = Some(Intake::showing(v.clone()));
                    }
                    Some(_) => self.say_error(self.t(T::NoNotice)),
                    None => self.say_error(self.t(T::NoCaseSelected)),
                }
                None
            }
            Action::ReportUp => match self.selected_case_id() {
                Some(id) => Some(Request::Case(CaseReq::ReportUp { id })),
                None => {
                    self.say_error(self.t(T::NoCaseSelected));
                    None
                }
            },
            Action::Approve => match self.data.approvals.get(self.approval_sel) {
                Some(Approval::Extension { id, .. }) => {
                    Some(Request::Extension(ExtensionReq::Approve { id: *id }))
                }
                Some(Approval::Leave { id, .. }) => {
                    Some(Request::Leave(LeaveReq::Approve { id: *id }))
                }
                // Settled: say what the visitor was told or where it went.
                Some(Approval::Enquiry { id, .. }) => {
                    let p = Some(Purpose::CloseEnquiry(*id));
                    self.open_prompt(p, T::NothingPending)
                }
                None => {
                    self.say_error(self.t(T::NothingPending));
                    None
                }
            },
            Action::Refuse => {
                let p = match self.data.approvals.get(self.approval_sel) {
                    Some(Approval::Extension { id, .. }) => Some(Purpose::RefuseExtension(*id)),
                    Some(Approval::Leave { id, .. }) => Some(Purpose::RefuseLeave(*id)),
                    Some(Approval::Enquiry { .. }) => {
                        self.say_error(self.t(T::EnquiryNotRefused));
                        return None;
                    }
                    None => None,
                };
                self.open_prompt(p, T::NothingPending)
            }
            Action::Transfer => {
                let p = self
                    .selected_ticket()
                    .map(|t| Purpose::Transfer(t.number.clone()));
                self.open_prompt(p, T::NoTicketSelected)
            }
            Action::LogEnquiry => self.open_prompt(Some(Purpose::Enquiry), T::EmptyEntry),
            Action::DutyLog => self.open_prompt(Some(Purpose::DutyLog), T::EmptyEntry),
            Action::Supplement => {
                let form = self
                    .data
                    .case
                    .as_ref()
                    .filter(|v| Some(v.id) == self.selected_case_id())
                    .map(|v| Supplement {
                        case: v.id,
                        items: v
                            .case
                            .outstanding()
                            .iter()
                            .map(|m| (m.name.clone(), false))
                            .collect(),
                        sel: 0,
                    });
                match form {
                    Some(f) if !f.items.is_empty() => {
                        self.note = None;
                        self.supplement = Some(f);
                    }
                    Some(_) => self.say_error(self.t(T::NothingTicked)),
                    None => self.say_error(self.t(T::NoCaseSelected)),
                }
                None
            }
            Action::ToggleMaterial | Action::AllInHand | Action::OverrideKind | Action::Confirm => {
                None
            }
        }
    }

    fn focus_on(&mut self, pane: Pane) -> Option<Request> {
        self.focus = pane;
        if pane == Pane::Case {
            return self
                .selected_case_id()
                .map(|id| Request::Case(CaseReq::Show { id }));
        }
        None
    }

    fn move_selection(&mut self, down: bool) -> Option<Request> {
        let step = |sel: &mut usize, len: usize| {
            if down {
                *sel = (*sel + 1).min(len.saturating_sub(1));
            } else {
                *sel = sel.saturating_sub(1);
            }
        };
        match self.focus {
            Pane::Queue => step(&mut self.queue_sel, self.data.tickets.len()),
            Pane::Deadlines | Pane::Case => {
                if self.pinned_case.take().is_none() {
                    step(&mut self.deadline_sel, self.data.cases.len());
                }
                // The newly selected case and its history come with the next screen.
                self.want_refresh = true;
            }
            Pane::Today => step(&mut self.approval_sel, self.data.approvals.len()),
        }
        // Rows beyond those held are asked for.
        if !self.rows_held() {
            self.want_refresh = true;
        }
        None
    }
}
