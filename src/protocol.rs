//! The socket protocol between consoles (and headless commands) and the server.
//!
//! Frames are a 4-byte big-endian length and that many bytes of JSON, at most [`MAX_FRAME`].
//! A client opens with [`ClientMsg::Hello`] naming [`PROTOCOL_VERSION`]; the server answers
//! [`ServerMsg::Welcome`] or [`ServerMsg::Refused`]. Then each request gets one reply with the
//! same id, and the server pushes [`ServerMsg::Changed`] to every client after each change.

use std::io::{self, Read, Write};

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::case::{Applicant, Case, CaseKind, CaseStatus, Channel};
use crate::domain::clock::{SpecialProcedure, Urgency};
use crate::domain::enquiry::{Enquiry, EnquiryChannel};
use crate::domain::leave::{AbsenceKind, DutySwap, LeaveRequest};
use crate::domain::queue::Ticket;
use crate::domain::roster::DutyEntry;
use crate::lang::Lang;
use crate::store::audit::AuditEvent;

/// Bumped whenever a message changes shape; both sides must agree.
pub const PROTOCOL_VERSION: u32 = 2;
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
    /// Something changed; re-query what you show. The topics name what: `tickets`, `cases`,
    /// `approvals`, `leave`, `duty`, `enquiries`, or `clock` at each new minute of the server's
    /// clock.
    Changed {
        topics: Vec<String>,
    },
    /// A frame could not be read.
    Error {
        message: String,
    },
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
    pub role: String,
    /// The windows where they hold a post: their A post first, then B posts.
    pub windows: Vec<String>,
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
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    Ping,
    /// Stop the server cleanly.
    Stop,
    TicketTake {
        window: Option<String>,
        item: Option<String>,
        priority: bool,
    },
    /// Call the next visitor of a window (default: the caller's own).
    TicketCall {
        window: Option<String>,
    },
    TicketRecall {
        number: String,
    },
    TicketNoShow {
        number: String,
    },
    TicketTransfer {
        number: String,
        to_window: String,
    },
    /// Today's tickets, of one window or the hall.
    TicketList {
        window: Option<String>,
    },
    CaseOpen(Box<CaseOpen>),
    /// Materials handed over later (补交).
    CaseSupplement {
        id: u64,
        materials: Vec<String>,
    },
    CaseComplete {
        id: u64,
    },
    CaseReject {
        id: u64,
        reason: String,
    },
    /// Leaders and the director only (003 二5).
    CaseExtend {
        id: u64,
        days: u32,
        reason: String,
    },
    CasePause {
        id: u64,
        procedure: SpecialProcedure,
    },
    CaseResume {
        id: u64,
    },
    CaseReportUp {
        id: u64,
    },
    /// Another department handles the matter too (联办).
    CaseAddCoWindow {
        id: u64,
        window: String,
    },
    CaseShow {
        id: u64,
    },
    /// Every notice issued on a day (default today), across cases.
    CaseNotices {
        date: Option<NaiveDate>,
    },
    CaseList {
        /// Only open cases.
        open: bool,
        /// Only open cases with at most this many working days left (overdue ones included).
        due_within: Option<u32>,
        /// Only overdue cases.
        overdue: bool,
    },
    EnquiryLog {
        channel: EnquiryChannel,
        caller_name: Option<String>,
        caller_phone: Option<String>,
        content: String,
        refer_to: Option<String>,
    },
    EnquiryClose {
        id: u64,
        outcome: String,
    },
    EnquiryList {
        open: bool,
    },
    LeaveRequest {
        /// Whose leave; the caller's own when absent.
        staff: Option<String>,
        kind: AbsenceKind,
        from: NaiveDateTime,
        to: NaiveDateTime,
        reason: String,
        swaps: Vec<DutySwap>,
    },
    LeaveApprove {
        id: u64,
    },
    LeaveRefuse {
        id: u64,
        reason: String,
    },
    LeaveWithdraw {
        id: u64,
    },
    /// 销假: back from leave now.
    LeaveCancel {
        id: u64,
    },
    LeaveList,
    DutyLog {
        text: String,
    },
    DutyList {
        date: Option<NaiveDate>,
    },
    /// Set a staff member's PIN (their own, or anyone's by the director or an administrator).
    PinSet {
        code: String,
        pin: String,
    },
    /// Ask a leader or the director to extend a case (RULES §4, 003 二5).
    ExtensionAsk {
        case: u64,
        days: u32,
        reason: String,
    },
    /// Decide an extension request: approve it, or refuse it with a reason.
    ExtensionDecide {
        id: u64,
        approve: bool,
        reason: String,
    },
    /// What the caller may decide now: pending extension requests and leave.
    Approvals,
    /// Everything a console shows, in one reply: today's tickets, open cases, the day, what
    /// waits for the caller, and the case `case` with its history.
    Screen {
        case: Option<u64>,
    },
    /// Search the centre's catalogue (Chinese, pinyin, initials, skipped letters, code).
    CatalogueSearch {
        query: String,
        limit: u32,
    },
    /// One service item with its materials and guide.
    CatalogueItem {
        code: String,
    },
    /// What an intake would become, storing nothing.
    CasePreview {
        item: String,
        have: Vec<String>,
        promise: Vec<String>,
    },
    /// Write a consistent copy of the store to this absolute path (which must not exist).
    Backup {
        path: std::path::PathBuf,
    },
    AuditVerify,
    AuditLog {
        staff: Option<String>,
        target: Option<String>,
        since: Option<NaiveDate>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Response {
    Pong,
    Stopping,
    Ticket(Box<Ticket>),
    Tickets(Vec<Ticket>),
    Case(Box<CaseView>),
    Enquiry {
        id: u64,
        enquiry: Box<Enquiry>,
    },
    Enquiries(Vec<(u64, Enquiry)>),
    Leave(Box<LeaveRequest>),
    Leaves(Vec<LeaveRequest>),
    DutyEntries(Vec<DutyEntry>),
    Cases(Vec<CaseRow>),
    Approvals(Vec<Approval>),
    Extension(Box<ExtensionRequest>),
    /// Search results: (code, name, window), best first.
    Items(Vec<(String, String, String)>),
    Item(Box<crate::domain::catalogue::ServiceItem>),
    Preview(Box<PreviewView>),
    /// `(case id, notice)` pairs.
    Notices(Vec<(u64, crate::domain::notice::Notice)>),
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
    Events(Vec<AuditEvent>),
    Screen(Box<ScreenView>),
}

/// A console's whole screen (`Request::Screen`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScreenView {
    pub tickets: Vec<Ticket>,
    pub cases: Vec<CaseRow>,
    pub today: TodayView,
    pub approvals: Vec<Approval>,
    /// The case asked about and its history, or why it cannot be shown (no such case).
    pub case: Option<Result<(CaseView, Vec<AuditEvent>), String>>,
}

/// What the desk knows when it opens a case.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseOpen {
    pub item: String,
    pub applicant: Applicant,
    pub have: Vec<String>,
    pub promise: Vec<String>,
    /// The first-asked person; the caller when absent.
    pub first_asked: Option<String>,
    pub channel: Channel,
    /// The clerk's kind and reason, when overriding the desk's decision.
    pub kind: Option<(CaseKind, String)>,
    pub green_channel: bool,
}

/// A case as one viewer may see it: the applicant masked unless they handle it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseView {
    pub id: u64,
    pub case: Case,
    pub deadline: Option<NaiveDate>,
    pub waiting_for: Option<usize>,
    pub paused_since: Option<NaiveDate>,
    pub provisional: bool,
    /// Working days from today to the deadline; negative once overdue.
    pub days_left: Option<i64>,
    pub urgency: Option<Urgency>,
    /// One-time-notification violations the last notice made (RULES §2, §9).
    pub violations: Vec<String>,
}

/// One line of a case list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: u64,
    pub item_code: String,
    pub item_name: String,
    pub window: String,
    pub kind: CaseKind,
    /// Masked.
    pub applicant: Applicant,
    pub accepted_on: NaiveDate,
    pub status: CaseStatus,
    pub deadline: Option<NaiveDate>,
    pub waiting_for: Option<usize>,
    pub paused: bool,
    pub provisional: bool,
    pub days_left: Option<i64>,
    pub urgency: Option<Urgency>,
    /// 容缺受理: when the secondary materials are due.
    pub supplement_by: Option<NaiveDate>,
}

/// A request to extend a case, waiting for a leader or the director.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub id: u64,
    pub case: u64,
    pub days: u32,
    pub reason: String,
    pub by: String,
    pub at: NaiveDateTime,
    /// `None` while pending; then who decided, and the refusal's reason if refused.
    pub decided: Option<(String, Option<String>)>,
}

/// Something waiting for the caller's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Approval {
    Extension {
        id: u64,
        case: u64,
        item: String,
        days: u32,
        reason: String,
        by: String,
    },
    Leave {
        id: u64,
        staff: String,
        from: NaiveDateTime,
        to: NaiveDateTime,
        reason: String,
    },
    /// An enquiry the caller was first asked and has not yet settled: they follow it until it
    /// is (RULES §1), and close it with what the visitor was told or where it went.
    Enquiry {
        id: u64,
        content: String,
        caller: Option<String>,
        at: NaiveDateTime,
    },
}

/// What an intake would become (RULES §3, §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewView {
    pub kind: CaseKind,
    pub because: String,
    pub deadline: Option<NaiveDate>,
    pub waiting_for: Option<usize>,
    pub supplement_by: Option<NaiveDate>,
    pub missing: Vec<String>,
}

/// What the Today pane shows (RULES §5–§7, §14).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TodayView {
    pub now: NaiveDateTime,
    pub workday: bool,
    /// The holiday or make-up day's name.
    pub day_name: Option<String>,
    pub provisional: bool,
    /// Leaders on duty (after swaps).
    pub duty: Vec<String>,
    pub cleaning: Vec<String>,
    pub posts: Vec<PostView>,
    /// Approved absences touching today: (name, 请假|外出, from, to).
    pub away: Vec<(String, String, NaiveDateTime, NaiveDateTime)>,
    pub counts: DayCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub window: String,
    pub prefix: char,
    pub a: String,
    pub b: String,
    pub serving: ServingView,
}

/// Who serves a window now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ServingView {
    A,
    /// A is away; B covers.
    BCovering,
    /// Both away: the alarm goes to these people.
    BothAway {
        notify: Vec<String>,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    pub tickets: usize,
    pub waiting: usize,
    pub served: usize,
    pub no_shows: usize,
    pub cases_opened: usize,
    pub open_cases: usize,
    pub overdue: usize,
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

pub fn write_frame<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<(), FrameError> {
    let body = serde_json::to_vec(msg).map_err(|e| FrameError::Malformed(e.to_string()))?;
    if body.len() > MAX_FRAME {
        return Err(FrameError::TooLarge(body.len()));
    }
    w.write_all(&(body.len() as u32).to_be_bytes())?;
    w.write_all(&body)?;
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
    serde_json::from_slice(&body).map_err(|e| FrameError::Malformed(e.to_string()))
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
}
