//! The console's state and how events change it. Nothing here does I/O: keys, replies and
//! change notices come in (`key`, `server`, `resize`), requests go out through `take_outbox`,
//! and `dirty` says whether the screen must be drawn again. The loop in `mod.rs` and the
//! in-process tests drive it the same way.

use std::collections::VecDeque;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::protocol::{Request, ServerMsg, ViewReq};

use super::action::{Action, Context};
use super::cx::Cx;
use super::data::Data;
use super::keymap::Key;
use super::overlay::help::Help;
use super::overlay::{Input, Overlay, Step};
use super::sheet::Sheet;
use super::sync::{Part, Purpose, Sync, parts_named};
use super::text::T;

/// A pane of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Queue,
    /// Every window's load (the supervisor's view).
    Windows,
    Case,
    Deadlines,
    Today,
}

impl Pane {
    pub fn title(self) -> T {
        match self {
            Pane::Queue => T::Queue,
            Pane::Windows => T::Windows,
            Pane::Case => T::Case,
            Pane::Deadlines => T::Deadlines,
            Pane::Today => T::Today,
        }
    }
}

/// What the console is for: a clerk's or leader's desk, or a supervisor's read-only view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Desk,
    Supervise,
}

impl Mode {
    pub fn context(self) -> Context {
        match self {
            Mode::Desk => Context::Desk,
            Mode::Supervise => Context::Supervise,
        }
    }

    /// The four panes, in the order of their focus keys.
    pub fn panes(self) -> [Pane; 4] {
        match self {
            Mode::Desk => [Pane::Queue, Pane::Case, Pane::Deadlines, Pane::Today],
            Mode::Supervise => [Pane::Windows, Pane::Case, Pane::Deadlines, Pane::Today],
        }
    }

    /// The parts of the screen it reads.
    pub fn parts(self) -> &'static [Part] {
        match self {
            Mode::Desk => &[
                Part::Queue,
                Part::Cases,
                Part::Pending,
                Part::Today,
                Part::Case,
            ],
            Mode::Supervise => &[Part::Supervision, Part::Cases, Part::Today, Part::Case],
        }
    }
}

/// A line for the user at the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub error: bool,
}

/// A request to send, and what its reply is for.
#[derive(Debug)]
pub struct Outgoing {
    pub request: Request,
    pub purpose: Purpose,
}

pub struct App {
    pub cx: Cx,
    pub mode: Mode,
    pub focus: Pane,
    pub data: Data,
    /// What is open over the panes, the top last.
    pub overlays: Vec<Box<dyn Overlay>>,
    pub note: Option<Note>,
    pub connected: bool,
    pub quit: bool,
    /// The terminal's size: lists are asked for enough rows to fill a pane this high.
    pub size: (u16, u16),
    /// How far the Case pane is scrolled, in lines.
    pub case_scroll: u16,
    /// A case found by its number that is not among the open ones (a closed case), shown in
    /// the Case pane until the selection moves.
    pub pinned_case: Option<u64>,
    /// Which list the supervision pane shows, and the row selected in it.
    pub sheet: Sheet,
    pub sheet_at: usize,
    /// Whether what is shown changed since the last draw.
    pub dirty: bool,
    sync: Sync,
    outbox: Vec<Outgoing>,
    /// Keys typed while an act waits for its answer.
    typed_ahead: VecDeque<KeyEvent>,
}

impl App {
    pub fn new(cx: Cx) -> App {
        // Someone with no window to work who may supervise opens on the supervising view.
        let mode = if cx.me.may.windows.is_empty() && cx.me.may.supervise {
            Mode::Supervise
        } else {
            Mode::Desk
        };
        App {
            cx,
            mode,
            focus: mode.panes()[0],
            data: Data::default(),
            overlays: Vec::new(),
            note: None,
            connected: true,
            quit: false,
            size: (80, 24),
            case_scroll: 0,
            pinned_case: None,
            sheet: Sheet::Windows,
            sheet_at: 0,
            dirty: true,
            sync: Sync::default(),
            outbox: Vec::new(),
            typed_ahead: VecDeque::new(),
        }
    }

    pub fn t(&self, t: T) -> &'static str {
        self.cx.t(t)
    }

    /// The keymap context in force.
    pub fn context(&self) -> Context {
        self.overlays
            .last()
            .map_or(self.mode.context(), |o| o.context())
    }

    /// The requests to send now.
    pub fn take_outbox(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.outbox)
    }

    /// A request went out with this id.
    pub fn sent(&mut self, id: u64, purpose: Purpose) {
        self.sync.sent(id, purpose);
    }

    /// Whether no request waits for its answer and no key waits to be read.
    pub fn settled(&self) -> bool {
        self.sync.idle() && self.typed_ahead.is_empty() && self.outbox.is_empty()
    }

    /// Reads the whole screen: at the start, and after reconnecting.
    pub fn start(&mut self) {
        self.sync.reset();
        match self.mode {
            Mode::Desk => {
                let rows = self.rows();
                let d = &self.data;
                let request = Request::View(ViewReq::Screen {
                    case: self.shown_case(),
                    queue: d.tickets.around(rows),
                    cases: d.cases.around(rows),
                    approvals: d.pending.around(rows),
                });
                self.outbox.push(Outgoing {
                    request,
                    purpose: Purpose::Screen,
                });
            }
            Mode::Supervise => {
                for p in self.mode.parts() {
                    self.want(*p);
                }
            }
        }
    }

    /// The server went away.
    pub fn lost(&mut self) {
        self.connected = false;
        self.sync.reset();
        self.outbox.clear();
        self.typed_ahead.clear();
        self.dirty = true;
    }

    /// The server was stopped on purpose: say by whom, once.
    pub fn stopped_by(&mut self, who: &str) {
        let text = format!(
            "{} {who}{}",
            self.t(T::StoppedBy),
            self.t(T::WaitingForServer)
        );
        if self.note.as_ref().is_none_or(|n| n.text != text) {
            self.note = Some(Note { text, error: true });
            self.dirty = true;
        }
    }

    /// The server is back.
    pub fn reconnected(&mut self) {
        self.connected = true;
        self.say(T::Reconnected);
        self.start();
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        let grew = height > self.size.1;
        self.size = (width, height);
        self.dirty = true;
        // A taller pane shows rows not held yet.
        if grew {
            for p in [Part::Queue, Part::Cases, Part::Pending] {
                self.want(p);
            }
        }
    }

    /// Rows to ask for either side of a selection: enough to fill the tallest pane.
    pub fn rows(&self) -> usize {
        usize::from(self.size.1).max(1)
    }

    /// The case the Case pane shows: a pinned one, or the one selected under Deadlines.
    pub fn shown_case(&self) -> Option<u64> {
        self.pinned_case.or(self.data.cases.key)
    }

    /// Asks for a part of the screen, unless the mode does not show it.
    pub fn want(&mut self, part: Part) {
        if !self.mode.parts().contains(&part) {
            return;
        }
        let rows = self.rows();
        let d = &self.data;
        let request = match part {
            Part::Queue => ViewReq::Queue {
                around: d.tickets.around(rows),
            },
            Part::Cases => ViewReq::OpenCases {
                around: d.cases.around(rows),
            },
            Part::Pending => ViewReq::Pending {
                around: d.pending.around(rows),
            },
            Part::Today => ViewReq::Today,
            Part::Supervision => ViewReq::Supervision,
            Part::Case => match self.shown_case() {
                Some(id) => ViewReq::CaseDetail { id },
                None => {
                    if self.data.case.take().is_some() {
                        self.dirty = true;
                    }
                    return;
                }
            },
        };
        if self.sync.want(part) {
            self.outbox.push(Outgoing {
                request: Request::View(request),
                purpose: Purpose::Part(part),
            });
        }
    }

    /// Sends something the user did.
    pub(super) fn act(&mut self, request: Request, overlay: bool) {
        if !self.connected {
            self.say_error(self.t(T::Reconnecting));
            return;
        }
        self.outbox.push(Outgoing {
            request,
            purpose: Purpose::Act { overlay },
        });
    }

    pub(super) fn say(&mut self, t: T) {
        self.note = Some(Note {
            text: self.t(t).to_string(),
            error: false,
        });
    }

    pub(super) fn say_error(&mut self, text: &str) {
        self.note = Some(Note {
            text: text.to_string(),
            error: true,
        });
    }

    pub(super) fn open(&mut self, overlay: Box<dyn Overlay>) {
        self.note = None;
        self.overlays.push(overlay);
    }

    /// A key from the terminal. While something the user did waits for its answer, keys
    /// wait too.
    pub fn key(&mut self, key: KeyEvent) {
        if self.sync.acting() {
            self.typed_ahead.push_back(key);
        } else {
            self.read_key(key);
        }
    }

    fn read_key(&mut self, k: KeyEvent) {
        self.dirty = true;
        let typing = self.overlays.last().is_some_and(|o| o.typing());
        let digits = self.overlays.last().is_some_and(|o| o.takes_digits());
        let plain = !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let bound = || {
            Key::from_event(k)
                .and_then(|key| self.cx.keymap.action(self.context(), key))
                .map(Input::Action)
        };
        let input = match k.code {
            KeyCode::Char(c) if typing && plain => Some(Input::Char(c)),
            KeyCode::Backspace if typing => Some(Input::Backspace),
            // A digit or backspace the context binds to nothing counts pages.
            KeyCode::Char(c) if digits && plain && c.is_ascii_digit() => {
                bound().or(Some(Input::Char(c)))
            }
            KeyCode::Backspace if digits => bound().or(Some(Input::Backspace)),
            _ => bound(),
        };
        let Some(input) = input else { return };
        if input == Input::Action(Action::Quit) {
            self.quit = true;
            return;
        }
        if input == Input::Action(Action::Help) && !self.help_open() {
            let help = Help::new(self.context(), &self.cx);
            self.open(Box::new(help));
            return;
        }
        match self.overlays.last_mut() {
            Some(top) => {
                let step = top.input(input, &self.cx);
                self.overlay_step(step);
            }
            None => {
                if let Input::Action(a) = input {
                    self.pane_action(a);
                }
            }
        }
    }

    /// Whether the help is on top.
    fn help_open(&self) -> bool {
        self.overlays.last().is_some_and(|o| o.is_help())
    }

    pub(super) fn overlay_step(&mut self, step: Step) {
        match step {
            Step::Stay => {}
            Step::Close => {
                self.overlays.pop();
            }
            Step::Send(r) => self.act(r, true),
            Step::Finish(r) => {
                self.overlays.pop();
                self.act(r, false);
            }
            Step::Say(text) => self.say_error(&text),
            Step::Tell(text) => self.note = Some(Note { text, error: false }),
            Step::Replace(next) => {
                self.overlays.pop();
                self.overlays.push(next);
            }
        }
    }

    /// A message from the server.
    pub fn server(&mut self, msg: ServerMsg) {
        match msg {
            ServerMsg::Reply { id, outcome } => {
                if let Some((purpose, again)) = self.sync.answered(id) {
                    self.answered(purpose, outcome);
                    if let (Purpose::Part(p), true) = (purpose, again) {
                        self.want(p);
                    }
                }
                while !self.sync.acting()
                    && self
                        .outbox
                        .iter()
                        .all(|o| !matches!(o.purpose, Purpose::Act { .. }))
                    && let Some(k) = self.typed_ahead.pop_front()
                {
                    self.read_key(k);
                }
            }
            ServerMsg::Changed { topics } => {
                let shown = self.shown_case();
                for topic in &topics {
                    for part in parts_named(topic, shown, self.mode.parts()) {
                        self.want(part);
                    }
                }
            }
            ServerMsg::Error { message } => self.say_error(&message),
            ServerMsg::Welcome { .. } | ServerMsg::Refused { .. } => {}
        }
    }
}
