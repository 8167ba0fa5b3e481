//! How answers from the server change what the console shows: rows and views read for a part
//! of the screen, the whole screen at the start, and the answers to what the user did.

use crate::domain::queue::TicketStatus;
use crate::protocol::{Outcome, Response, ScreenView};

use super::app::{App, Note, Pane};
use super::data::Detail;
use super::intake::Intake;
use super::overlay::Step;
use super::overlay::notice::NoticeView;
use super::sync::{Part, Purpose};
use super::text::{T, violation_text};

impl App {
    pub(super) fn answered(&mut self, purpose: Purpose, outcome: Outcome) {
        self.dirty = true;
        let response = match outcome {
            Outcome::Ok(r) => r,
            Outcome::Err(fault) => {
                if purpose == Purpose::Part(Part::Case) {
                    // A case number that does not exist (typed to find it): say so, go on.
                    self.pinned_case = None;
                    self.data.case = None;
                }
                // An overlay's own request: it may have a better answer than the bare refusal
                // (the notice view offers the text print when no font draws a PDF).
                match self.overlays.last_mut() {
                    Some(top) if purpose == (Purpose::Act { overlay: true }) => {
                        let step = top.refused(&fault, &self.cx);
                        self.overlay_step(step);
                    }
                    _ => self.say_error(&fault.message),
                }
                return;
            }
        };
        if let Purpose::Act { .. } = purpose {
            // What an act changed is read at once, before the server's notice of it arrives
            // (the two reads are one if they meet).
            let changed: &[Part] = match &response {
                Response::Ticket(_) => &[Part::Queue, Part::Today],
                Response::Case(v) if v.case.ticket.is_some() => {
                    &[Part::Cases, Part::Case, Part::Today, Part::Queue]
                }
                Response::Case(_) => &[Part::Cases, Part::Case, Part::Today],
                Response::Extension(_) | Response::Leave(_) | Response::Enquiry { .. } => {
                    &[Part::Pending]
                }
                // The case pane shows its papers.
                Response::Paper { .. } => &[Part::Case],
                Response::Violation(_) => &[Part::Supervision],
                _ => &[],
            };
            for p in changed {
                self.want(*p);
            }
        }
        match purpose {
            Purpose::Part(_) => self.apply(response),
            Purpose::Screen => {
                if let Response::Screen(screen) = response {
                    self.apply_screen(*screen);
                }
            }
            Purpose::Act { overlay: true } if !self.overlays.is_empty() => {
                let step = self
                    .overlays
                    .last_mut()
                    .map_or(Step::Stay, |o| o.reply(response, &self.cx));
                self.overlay_step(step);
            }
            Purpose::Act { .. } => self.on_response(response),
        }
    }

    fn apply_screen(&mut self, s: ScreenView) {
        let me = self.cx.me.code.clone();
        self.data.serving = s
            .tickets
            .rows
            .items
            .iter()
            .find(|t| matches!(&t.status, TicketStatus::Called { by, .. } if *by == me))
            .cloned();
        self.apply(Response::Queue(s.tickets));
        self.apply(Response::OpenCases(s.cases));
        self.apply(Response::Pending(s.approvals));
        self.apply(Response::Today(Box::new(s.today)));
        match s.case {
            Some(Ok((view, history))) => self.show_case(Detail { view, history }),
            Some(Err(why)) => {
                self.pinned_case = None;
                self.data.case = None;
                self.say_error(&why);
            }
            None => self.data.case = None,
        }
    }

    fn show_case(&mut self, detail: Detail) {
        if self.data.case.as_ref().map(|d| d.view.id) != Some(detail.view.id) {
            self.case_scroll = 0;
        }
        self.data.case = Some(detail);
    }

    /// Rows or a view read for a part of the screen.
    fn apply(&mut self, response: Response) {
        match response {
            Response::Queue(s) => {
                if let Some(gone) = self.data.tickets.apply(s) {
                    self.moved_from(gone, self.data.tickets.key.clone());
                }
            }
            Response::OpenCases(s) => {
                let gone = self.data.cases.apply(s);
                if let Some(gone) = gone.filter(|_| self.pinned_case.is_none()) {
                    let now = self.data.cases.key.map(|id| format!("#{id}"));
                    self.moved_from(format!("#{gone}"), now);
                }
                if self.shown_case() != self.data.case.as_ref().map(|d| d.view.id) {
                    self.want(Part::Case);
                }
            }
            Response::Pending(s) => {
                self.data.pending.apply(s);
            }
            Response::Today(today) => {
                let new_day = self
                    .data
                    .today
                    .as_ref()
                    .is_some_and(|t| t.now.date() != today.now.date());
                let a = &mut self.cx.allowed;
                a.leads_today = a.may.decide_leave_any_day
                    || (a.may.approve_extensions && today.duty.contains(&self.cx.me.name));
                self.data.today = Some(*today);
                // A new day: every countdown and the queue start again.
                if new_day {
                    for p in self.mode.parts() {
                        self.want(*p);
                    }
                }
            }
            Response::CaseDetail { view, history } => {
                // Only the case still shown: a reply for one passed over is dropped.
                if Some(view.id) == self.shown_case() {
                    self.show_case(Detail {
                        view: *view,
                        history,
                    });
                } else {
                    self.want(Part::Case);
                }
            }
            Response::Supervision(v) => self.data.supervision = Some(*v),
            _ => {}
        }
    }

    /// Keeps track of the visitor this clerk serves. A visitor called who asked for an item
    /// at the ticket machine is taken straight to the intake on that item.
    fn serve(&mut self, t: &crate::domain::queue::Ticket) {
        let me = &self.cx.me.code;
        match &t.status {
            TicketStatus::Called { by, recalls: 0, .. } if by == me => {
                self.data.serving = Some(t.clone());
                if t.item.is_some() && self.overlays.is_empty() {
                    let (form, first) = Intake::for_ticket(t);
                    self.overlays.push(Box::new(form));
                    if let Some(r) = first {
                        self.act(r, true);
                    }
                }
            }
            TicketStatus::Called { by, .. } if by == me => self.data.serving = Some(t.clone()),
            _ => {
                if self
                    .data
                    .serving
                    .as_ref()
                    .is_some_and(|s| s.number == t.number)
                {
                    self.data.serving = None;
                }
            }
        }
    }

    /// The selected item left its list: say where the selection went.
    fn moved_from(&mut self, gone: String, now: Option<String>) {
        // What this console just did to it (completed it, say) is the better note.
        if self
            .note
            .as_ref()
            .is_some_and(|n| n.text.starts_with(&format!("{gone} ")))
        {
            return;
        }
        let text = match now {
            Some(now) => format!("{gone} {} {now}", self.t(T::SelectionMoved)),
            None => format!("{gone} {}", self.t(T::SelectionGone)),
        };
        self.note = Some(Note { text, error: false });
    }

    /// Whom the alarm tells, when nobody serves `window` now (both posts away, no cover).
    fn unserved(&self, window: &str) -> Option<String> {
        let today = self.data.today.as_ref()?;
        match &today.posts.iter().find(|p| p.window == window)?.serving {
            crate::protocol::ServingView::BothAway { notify } => Some(notify.join("、")),
            _ => None,
        }
    }

    /// An answer to something the user did, not for an overlay.
    fn on_response(&mut self, response: Response) {
        match response {
            Response::Found { id, open_row } => {
                match open_row {
                    Some(row) => {
                        self.data.cases.key = Some(id);
                        self.data.cases.at = row as usize;
                        self.pinned_case = None;
                        self.want(Part::Cases);
                    }
                    None => self.pinned_case = Some(id),
                }
                self.focus = Pane::Case;
                self.want(Part::Case);
            }
            Response::Ticket(t) => {
                self.serve(&t);
                let (n, w) = (&t.number, &t.window);
                let text = match &t.status {
                    TicketStatus::Waiting
                        if t.first_called.is_some() && t.transferred_from.is_empty() =>
                    {
                        format!("{n} {}", self.t(T::Restored))
                    }
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
                    TicketStatus::Done { .. } => format!("{n} {}", self.t(T::Done)),
                };
                // Taken for, or sent to, a window nobody serves: it waits there, and says so.
                let unserved = (t.status == TicketStatus::Waiting)
                    .then(|| self.unserved(w))
                    .flatten();
                self.note = Some(match unserved {
                    Some(notify) => Note {
                        text: format!(
                            "{text} · {}{w} {} {}: {notify}",
                            self.t(T::Warning),
                            self.t(T::NobodyServes),
                            self.t(T::Tell)
                        ),
                        error: true,
                    },
                    None => Note { text, error: false },
                });
            }
            Response::Case(v) => {
                self.note = Some(match v.violations.first() {
                    // Said plainly: the accountability rules hold it against the author.
                    Some(viol) => Note {
                        text: violation_text(viol, self.cx.lang),
                        error: true,
                    },
                    None => Note {
                        text: format!("#{} {} {}", v.id, v.case.applicant.name, self.t(T::Saved)),
                        error: false,
                    },
                });
                // A new notice (a rejection's, a joint case's) is shown at once, to print.
                let before = self.data.case.as_ref().filter(|d| d.view.id == v.id);
                if before.is_some_and(|d| v.case.notices.len() > d.view.case.notices.len()) {
                    self.overlays
                        .push(Box::new(NoticeView::latest((*v).clone())));
                }
                if let Some(d) = self.data.case.as_mut().filter(|d| d.view.id == v.id) {
                    d.view = *v;
                }
            }
            // Each names what it saved.
            Response::Extension(e) => {
                let text = format!("{} #{} {}", self.t(T::Extension), e.case, self.t(T::Saved));
                self.note = Some(Note { text, error: false });
            }
            Response::Leave(l) => {
                let text = format!("{} {} {}", self.t(T::Leave), l.staff, self.t(T::Saved));
                self.note = Some(Note { text, error: false });
            }
            Response::Enquiry { id, .. } => {
                let text = format!("{} #{id} {}", self.t(T::Enquiry), self.t(T::Saved));
                self.note = Some(Note { text, error: false });
            }
            Response::DutyEntry(_) => {
                let text = format!("{} {}", self.t(T::DutyLogPrompt), self.t(T::Saved));
                self.note = Some(Note { text, error: false });
            }
            Response::Cover(c) => {
                let text = format!(
                    "{} {} {} {}",
                    c.window,
                    self.t(T::Cover),
                    c.staff,
                    self.t(T::Saved)
                );
                self.note = Some(Note { text, error: false });
                self.want(Part::Today);
            }
            _ => {}
        }
    }
}
