//! The socket protocol between consoles (and headless commands) and the server.
//!
//! Frames are a 4-byte big-endian length and that many bytes of JSON, at most [`MAX_FRAME`].
//! A client opens with [`ClientMsg::Hello`] naming [`PROTOCOL_VERSION`]; the server answers
//! [`ServerMsg::Welcome`] or [`ServerMsg::Refused`]. Then each request gets one reply with the
//! same id, and the server pushes [`ServerMsg::Changed`] to every client after each change.

pub mod args;
mod bounds;
mod complaint_requests;
mod outbox_requests;
pub mod page;
mod rating_requests;
mod requests;
mod rota_requests;
mod views;
mod violation_requests;
mod watch_views;

use std::io::{self, Read, Write};

use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::enquiry::Enquiry;
use crate::domain::leave::LeaveRequest;
use crate::domain::queue::Ticket;
use crate::domain::roster::DutyEntry;
use crate::event::AuditEvent;
use crate::lang::Lang;

pub use crate::domain::extension::ExtensionRequest;
pub use complaint_requests::*;
pub use outbox_requests::*;
pub use page::{Around, Page, PageRequest, Rows, Selected};
pub use rating_requests::*;
pub use requests::*;
pub use rota_requests::*;
pub use views::*;
pub use violation_requests::*;
pub use watch_views::*;

/// Bumped whenever a message changes shape; both sides must agree.
///
/// - 3: requests nested by area; lists come in pages and a console's screen in windows of rows
///   (no reply grows with the store); change notices name typed topics; the sign-in tells what
///   the gate allows; audit events are typed.
/// - 4: a pane's rows are asked [`Around`] the selected item by its key (a ticket's number, a
///   case's id, an approval's key) and come [`Selected`], so a selection follows its item; each
///   pane can be read alone (queue, open cases, what waits, the day, a case, supervision), so a
///   change notice re-reads only what it names.
/// - 5: an item's guide is read as a document of typed blocks (`ViewReq::Guide`,
///   `Response::Document`); a service item carries its guide fields (pages, fee basis, result,
///   enquiry phone, special procedures).
/// - 6: the outbox of completion messages (`outbox list`, `outbox retry`), and a case's view
///   holds its messages with their status.
pub const PROTOCOL_VERSION: u32 = 7;
/// The largest frame either side accepts.
pub const MAX_FRAME: usize = 1 << 20;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    Hello {
        protocol: u32,
        version: String,
        /// Demo centre only: act as this staff member (`--as CODE`).
        act_as: Option<String>,
        /// Sign in with a staff code and PIN (shared accounts, and the demo's owner).
        pin: Option<PinSignIn>,
        /// The language refusals are told in; English when not named.
        #[serde(default)]
        lang: Lang,
    },
    Request {
        id: u64,
        request: Request,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    Welcome {
        protocol: u32,
        version: String,
        staff: StaffInfo,
        /// The server's clock now (Asia/Shanghai).
        now: NaiveDateTime,
        demo: bool,
    },
    /// The hello was refused; the connection closes.
    Refused {
        message: String,
    },
    Reply {
        id: u64,
        outcome: Outcome,
    },
    /// Something changed; re-query what you show of it.
    Changed {
        topics: Vec<Topic>,
    },
    /// A frame could not be read.
    Error {
        message: String,
    },
}

/// What a change notice says changed, so a console re-reads only what it shows of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "topic", rename_all = "snake_case")]
pub enum Topic {
    /// A ticket of today's queue (`A012`).
    Ticket {
        number: String,
    },
    Case {
        id: u64,
    },
    Extension {
        id: u64,
    },
    Leave {
        id: u64,
    },
    Enquiry {
        id: u64,
    },
    /// Today's duty log.
    Duty,
    /// Cover assigned to a window (顶岗).
    Cover {
        id: u64,
    },
    /// A complaint of the register (its reply's deadline shows under Deadlines).
    Complaint {
        id: u64,
    },
    /// A rating and its rectification (its due day shows under the supervision).
    Rating {
        id: u64,
    },
    /// A violation proposed, recorded, confirmed or dismissed (the supervisor's lists).
    Violation {
        id: u64,
    },
    /// A new minute of the server's clock (at midnight, a new day).
    Clock,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct PinSignIn {
    pub code: String,
    pub pin: String,
}

impl std::fmt::Debug for PinSignIn {
    /// Never prints the PIN.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PinSignIn {{ code: {:?}, pin: \"****\" }}", self.code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInfo {
    pub code: String,
    pub name: String,
    /// The role's name, to show (`clerk`, `leader` …); what it allows is in `may`.
    pub role: String,
    /// The windows where they hold a post: their A post first, then B posts.
    pub windows: Vec<String>,
    /// Each post they hold: the window, and `A` or `B`.
    pub posts: Vec<(String, char)>,
    /// What the permission gate lets them do, for the console to offer only what works.
    pub may: crate::domain::permission::Permits,
}

impl StaffInfo {
    /// Who signed in, as the server tells them.
    pub fn of(
        centre: &crate::domain::centre::Centre,
        staff: &crate::domain::centre::Staff,
    ) -> Self {
        let code = &staff.code;
        let a = centre.windows.iter().filter(|w| &w.a == code);
        let b = centre.windows.iter().filter(|w| &w.b == code);
        let posts: Vec<(String, char)> = a
            .map(|w| (w.name.clone(), 'A'))
            .chain(b.map(|w| (w.name.clone(), 'B')))
            .collect();
        StaffInfo {
            code: code.clone(),
            name: staff.name.clone(),
            role: staff.role.key().to_string(),
            windows: posts.iter().map(|(w, _)| w.clone()).collect(),
            posts,
            may: crate::domain::permission::permits(centre, staff),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok(Response),
    Err(Fault),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    pub kind: FaultKind,
    pub message: String,
    /// The refusal itself, typed, when a rule said no: a console acts on what it is (no font:
    /// offer the text print) rather than on its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Box<crate::refusal::Refusal>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// A rule or permission said no.
    Refused,
    /// The request named something that does not exist or is malformed.
    Invalid,
    /// The server failed; the request may be retried.
    Internal,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Response {
    Pong,
    Stopping,
    Ticket(Box<Ticket>),
    Tickets(Page<Ticket>),
    Case(Box<CaseView>),
    /// Where a case was found: its number, and its row among the open cases when open.
    Found {
        id: u64,
        open_row: Option<u32>,
    },
    Enquiry {
        id: u64,
        enquiry: Box<Enquiry>,
    },
    Enquiries(Page<(u64, Enquiry)>),
    Leave(Box<LeaveRequest>),
    Leaves(Page<LeaveRequest>),
    DutyEntry(Box<DutyEntry>),
    DutyEntries(Page<DutyEntry>),
    Cover(Box<crate::domain::cover::Cover>),
    Covers(Page<crate::domain::cover::Cover>),
    Cases(Page<CaseRow>),
    Approvals(Page<Approval>),
    Extension(Box<ExtensionRequest>),
    /// Search results: (code, name, window), best first.
    Items(Vec<(String, String, String)>),
    Item(Box<crate::domain::catalogue::ServiceItem>),
    /// A document as typed blocks (an item's guide), for the reader to render: text at a
    /// width, the console, PDF.
    Document(Vec<crate::domain::notice::Block>),
    Preview(Box<PreviewView>),
    /// `(case id, notice)` pairs.
    Notices(Page<(u64, crate::domain::notice::Notice)>),
    Verified {
        checked: u64,
    },
    BackedUp {
        path: std::path::PathBuf,
        events: u64,
    },
    PinSet {
        code: String,
    },
    Events(Page<AuditEvent>),
    Screen(Box<ScreenView>),
    /// Today's queue around the selected ticket.
    Queue(Selected<Ticket>),
    /// The open cases around the selected case.
    OpenCases(Selected<CaseRow>),
    /// What waits for the caller around the selected approval.
    Pending(Selected<Approval>),
    Today(Box<TodayView>),
    Roster(Box<RosterView>),
    /// A case as the caller may see it, and its history.
    CaseDetail {
        view: Box<CaseView>,
        history: Vec<AuditEvent>,
    },
    Supervision(Box<SupervisionView>),
    /// Messages of the outbox.
    Messages(Page<MessageRow>),
    /// One message of the outbox, as an act left it.
    Message(Box<MessageRow>),
    /// A complaint as its reader may see it.
    Complaint {
        id: u64,
        complaint: Box<crate::domain::complaint::Complaint>,
    },
    /// Complaints, the complainant masked.
    Complaints(Page<(u64, crate::domain::complaint::Complaint)>),
    /// A violation as a line of its staff member's ledger.
    Violation(Box<crate::domain::accountability::LedgerLine>),
    /// Violations, each as a line of its staff member's ledger.
    Violations(Page<crate::domain::accountability::LedgerLine>),
    /// A rating as an act left it; `violation` the one its refused appeal proposed.
    Rating {
        id: u64,
        record: Box<crate::domain::rating::RatingRecord>,
        violation: Option<u64>,
    },
    Ratings(Page<(u64, crate::domain::rating::RatingRecord)>),
    /// A month's return-visit draw, with its visits.
    VisitDraw(Box<crate::domain::visit::MonthDraw>),
    /// Months' draws, by month.
    VisitDraws(Vec<crate::domain::visit::MonthDraw>),
    /// A case's notice printed, reprinted or saved: the record kept on the case.
    Paper {
        case: u64,
        record: Box<crate::domain::case::PaperRecord>,
    },
    /// A queue ticket's slip printed or saved.
    TicketPaper {
        ticket: Box<Ticket>,
        form: crate::domain::case::PaperForm,
        way: crate::domain::case::PaperWay,
    },
}

/// Does `$body` with the page of each paged reply bound to `$p`.
macro_rules! with_page {
    ($response:expr, $p:ident => $body:expr, $otherwise:expr) => {
        match $response {
            Response::Tickets($p) => $body,
            Response::Enquiries($p) => $body,
            Response::Leaves($p) => $body,
            Response::DutyEntries($p) => $body,
            Response::Covers($p) => $body,
            Response::Cases($p) => $body,
            Response::Approvals($p) => $body,
            Response::Notices($p) => $body,
            Response::Events($p) => $body,
            Response::Messages($p) => $body,
            Response::Complaints($p) => $body,
            Response::Violations($p) => $body,
            Response::Ratings($p) => $body,
            _ => $otherwise,
        }
    };
}

impl Response {
    /// The cursor of the page after this one, when this is a page with more after it.
    pub fn next_page(&self) -> Option<&str> {
        with_page!(self, p => p.next.as_deref(), None)
    }

    /// Adds the items of the next page of the same list; false when `more` is not one.
    pub fn extend(&mut self, more: Response) -> bool {
        match (self, more) {
            (Response::Tickets(a), Response::Tickets(b)) => a.append(b),
            (Response::Enquiries(a), Response::Enquiries(b)) => a.append(b),
            (Response::Leaves(a), Response::Leaves(b)) => a.append(b),
            (Response::DutyEntries(a), Response::DutyEntries(b)) => a.append(b),
            (Response::Covers(a), Response::Covers(b)) => a.append(b),
            (Response::Cases(a), Response::Cases(b)) => a.append(b),
            (Response::Approvals(a), Response::Approvals(b)) => a.append(b),
            (Response::Notices(a), Response::Notices(b)) => a.append(b),
            (Response::Events(a), Response::Events(b)) => a.append(b),
            (Response::Messages(a), Response::Messages(b)) => a.append(b),
            (Response::Complaints(a), Response::Complaints(b)) => a.append(b),
            (Response::Violations(a), Response::Violations(b)) => a.append(b),
            (Response::Ratings(a), Response::Ratings(b)) => a.append(b),
            _ => return false,
        }
        true
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("the connection closed")]
    Closed,
    #[error("a frame of {0} bytes is larger than the {MAX_FRAME} allowed")]
    TooLarge(usize),
    #[error("a frame is not a valid message: {0}")]
    Malformed(String),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// A message as the bytes of its frame, length first; refused when larger than a frame allows.
pub fn encode_frame<T: Serialize>(msg: &T) -> Result<Vec<u8>, FrameError> {
    let mut out = vec![0u8; 4];
    serde_json::to_writer(&mut out, msg).map_err(|e| FrameError::Malformed(e.to_string()))?;
    let len = out.len() - 4;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    out[..4].copy_from_slice(&(len as u32).to_be_bytes());
    Ok(out)
}

pub fn write_frame<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<(), FrameError> {
    w.write_all(&encode_frame(msg)?)?;
    w.flush()?;
    Ok(())
}

/// Reads one frame. An oversized length is refused before anything is read past it.
pub fn read_frame<T: DeserializeOwned>(r: &mut impl Read) -> Result<T, FrameError> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(FrameError::Closed),
        Err(e) => return Err(e.into()),
    }
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    serde_json::from_slice(&body).map_err(|e| FrameError::Malformed(malformed(&e, &body)))
}

/// What is wrong with a frame's JSON, and where. Inside a tagged message serde cannot say the
/// line and column, so the tags the message does have (`type`, `area`, `op` …) say which
/// message it was.
fn malformed(e: &serde_json::Error, body: &[u8]) -> String {
    if e.line() > 0 {
        return e.to_string();
    }
    let mut tags = Vec::new();
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        message_tags(&v, 0, &mut tags);
    }
    if tags.is_empty() {
        format!("{e} (the message names no `type`)")
    } else {
        format!("{e} (in the message {})", tags.join(" "))
    }
}

/// The tags of a message and of the objects within it, outermost first.
fn message_tags(v: &serde_json::Value, depth: usize, out: &mut Vec<String>) {
    let Some(map) = v.as_object() else {
        return;
    };
    for tag in ["type", "area", "op", "kind", "topic"] {
        if let Some(serde_json::Value::String(s)) = map.get(tag) {
            let s: String = s.chars().take(40).collect();
            out.push(format!("{tag}={s:?}"));
        }
    }
    if depth < 4 {
        for child in map.values() {
            message_tags(child, depth + 1, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_round_trips() {
        let mut buf = Vec::new();
        write_frame(
            &mut buf,
            &ClientMsg::Request {
                id: 7,
                request: Request::Ping,
            },
        )
        .unwrap();
        let back: ClientMsg = read_frame(&mut buf.as_slice()).unwrap();
        assert!(matches!(
            back,
            ClientMsg::Request {
                id: 7,
                request: Request::Ping
            }
        ));
    }

    #[test]
    fn an_oversized_frame_is_refused_before_reading_it() {
        let buf = (MAX_FRAME as u32 + 1).to_be_bytes();
        let r: Result<ClientMsg, _> = read_frame(&mut buf.as_slice());
        assert!(matches!(r, Err(FrameError::TooLarge(n)) if n == MAX_FRAME + 1));
    }

    #[test]
    fn a_malformed_frame_says_so() {
        let mut buf = 3u32.to_be_bytes().to_vec();
        buf.extend_from_slice(b"{x}");
        let r: Result<ClientMsg, _> = read_frame(&mut buf.as_slice());
        assert!(matches!(r, Err(FrameError::Malformed(_))));
    }

    #[test]
    fn a_wrong_field_inside_a_tagged_message_is_told_with_the_messages_tags() {
        let body =
            br#"{"type":"request","id":"","request":{"area":"ticket","request":{"op":"take"}}}"#;
        let r: Result<ClientMsg, _> = read_frame(&mut frame_of(body).as_slice());
        let Err(FrameError::Malformed(m)) = r else {
            panic!("{r:?}")
        };
        assert_eq!(
            m,
            r#"invalid type: string "", expected u64 (in the message type="request" area="ticket" op="take")"#
        );
    }

    fn frame_of(body: &[u8]) -> Vec<u8> {
        let mut buf = (body.len() as u32).to_be_bytes().to_vec();
        buf.extend_from_slice(body);
        buf
    }
}
