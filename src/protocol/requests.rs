//! Every request, by area (docs/commands.md). Each area's type is at once its command line
//! (`frontdesk ticket take`: its variants are the subcommands, their doc comments the help),
//! the input of its handler in the server, and, by its name, its audit act (`ticket.take`).
//! A request is written once, here.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::{Deserialize, Serialize};

use super::args::{self, Materials, Pages};
use super::complaint_requests::ComplaintReq;
use super::outbox_requests::OutboxReq;
use super::page::{Around, PageRequest};
use super::rating_requests::{RatingReq, VisitReq};
use super::rota_requests::{CoverReq, DutyReq, LeaveReq};
use super::violation_requests::ViolationReq;
use crate::domain::case::{CaseKind, Channel};
use crate::domain::clock::SpecialProcedure;
use crate::domain::enquiry::EnquiryChannel;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "area", content = "request", rename_all = "snake_case")]
pub enum Request {
    Ping,
    Ticket(TicketReq),
    Case(CaseReq),
    Extension(ExtensionReq),
    Enquiry(EnquiryReq),
    Leave(LeaveReq),
    Duty(DutyReq),
    Cover(CoverReq),
    Outbox(OutboxReq),
    Complaint(ComplaintReq),
    Violation(ViolationReq),
    Rating(RatingReq),
    Visit(VisitReq),
    Pin(PinReq),
    Audit(AuditReq),
    Server(ServerReq),
    View(ViewReq),
}

/// Names an area's acts: `AREA.OP`, the op its variant's name in kebab-case, as the command
/// line writes it.
macro_rules! area {
    ($($req:ident => $area:literal),* $(,)?) => {
        $(impl $req {
            /// The audit act of this request: `AREA.OP`.
            pub fn act(&self) -> String {
                format!(concat!($area, ".{}"), <&'static str>::from(self))
            }
        })*
    };
}

area! {
    TicketReq => "ticket",
    CaseReq => "case",
    ExtensionReq => "extension",
    EnquiryReq => "enquiry",
    LeaveReq => "leave",
    DutyReq => "duty",
    CoverReq => "cover",
    OutboxReq => "outbox",
    ComplaintReq => "complaint",
    ViolationReq => "violation",
    RatingReq => "rating",
    VisitReq => "visit",
    PinReq => "pin",
    AuditReq => "audit",
    ServerReq => "server",
    ViewReq => "view",
}

impl Request {
    /// The audit act of this request, named as the request is.
    pub fn act(&self) -> String {
        match self {
            Request::Ping => "ping".into(),
            Request::Ticket(r) => r.act(),
            Request::Case(r) => r.act(),
            Request::Extension(r) => r.act(),
            Request::Enquiry(r) => r.act(),
            Request::Leave(r) => r.act(),
            Request::Duty(r) => r.act(),
            Request::Cover(r) => r.act(),
            Request::Outbox(r) => r.act(),
            Request::Complaint(r) => r.act(),
            Request::Violation(r) => r.act(),
            Request::Rating(r) => r.act(),
            Request::Visit(r) => r.act(),
            Request::Pin(r) => r.act(),
            Request::Audit(r) => r.act(),
            Request::Server(r) => r.act(),
            Request::View(r) => r.act(),
        }
    }

    /// The page a list request asks for; none for other requests.
    pub fn page_mut(&mut self) -> Option<&mut PageRequest> {
        match self {
            Request::Ticket(TicketReq::List { page, .. })
            | Request::Case(CaseReq::Notices { page, .. })
            | Request::Case(CaseReq::List { page, .. })
            | Request::Enquiry(EnquiryReq::List { page, .. })
            | Request::Leave(LeaveReq::List { page })
            | Request::Duty(DutyReq::List { page, .. })
            | Request::Cover(CoverReq::List { page, .. })
            | Request::Outbox(OutboxReq::List { page, .. })
            | Request::Complaint(ComplaintReq::List { page, .. })
            | Request::Violation(ViolationReq::List { page, .. })
            | Request::Rating(RatingReq::List { page, .. })
            | Request::View(ViewReq::Approvals { page })
            | Request::Audit(AuditReq::Log { page, .. }) => Some(page),
            _ => None,
        }
    }

    /// Whether the request reads a part of a console's screen: a connection that does is told
    /// of every change from then on; a command that never does is not sent notices it would
    /// only pass over.
    pub fn shows_a_screen(&self) -> bool {
        matches!(
            self,
            Request::View(
                ViewReq::Screen { .. }
                    | ViewReq::Queue { .. }
                    | ViewReq::OpenCases { .. }
                    | ViewReq::Pending { .. }
                    | ViewReq::Today
                    | ViewReq::CaseDetail { .. }
                    | ViewReq::Supervision
            )
        )
    }

    /// Whether the request only reads, so that its success changes nothing to announce.
    pub fn reads(&self) -> bool {
        matches!(
            self,
            Request::Ping
                | Request::View(_)
                | Request::Audit(_)
                | Request::Pin(_)
                | Request::Server(_)
                | Request::Ticket(TicketReq::List { .. })
                | Request::Case(
                    CaseReq::Show { .. }
                        | CaseReq::Notices { .. }
                        | CaseReq::List { .. }
                        | CaseReq::Find { .. }
                )
                | Request::Enquiry(EnquiryReq::List { .. })
                | Request::Leave(LeaveReq::List { .. })
                | Request::Duty(DutyReq::List { .. })
                | Request::Cover(CoverReq::List { .. })
                | Request::Outbox(OutboxReq::List { .. })
                | Request::Complaint(ComplaintReq::List { .. } | ComplaintReq::Show { .. })
                | Request::Violation(ViolationReq::List { .. })
                | Request::Rating(RatingReq::List { .. })
                | Request::Visit(VisitReq::List { .. })
        )
    }
}

/// The visitor queue (RULES §14): take, call, recall, no-show, transfer, list.
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum TicketReq {
    /// Take a ticket for a window or for the window of a service item; prints its number
    Take {
        /// The window's name
        #[arg(
            long,
            value_name = "NAME",
            conflicts_with = "item",
            required_unless_present = "item"
        )]
        window: Option<String>,
        /// A service item's code: the ticket is for its window
        #[arg(long, value_name = "CODE")]
        item: Option<String>,
        /// For the elderly, disabled and vulnerable: called first, interleaved with others
        #[arg(long)]
        priority: bool,
        /// Print the ticket on the ticket printer (`[print] ticket_printer`); prints
        /// NUMBER<TAB>printed<TAB>PRINTER or NUMBER<TAB>saved<TAB>PATH<TAB>WHY
        #[arg(long)]
        #[serde(default)]
        print: bool,
    },
    /// Print one of today's tickets again (a jammed or lost slip), on the ticket printer
    Print {
        number: String,
        /// Print the text form (48 columns), which needs no font
        #[arg(long)]
        #[serde(default)]
        text: bool,
    },
    /// Call the next visitor at a window (default: your own), finishing the one you were
    /// serving there; prints the number. `--number` calls a chosen visitor out of turn, which
    /// needs `--reason`
    Call {
        #[arg(long, value_name = "NAME")]
        window: Option<String>,
        /// A waiting ticket to call before its turn
        #[arg(long, value_name = "NUMBER")]
        #[serde(default)]
        number: Option<String>,
        /// Why it is called out of turn (recorded)
        #[arg(long, value_name = "TEXT", requires = "number")]
        #[serde(default)]
        reason: Option<String>,
    },
    /// Call a called visitor again
    Recall { number: String },
    /// Finish serving a visitor (default: the one you are serving at your window); prints the
    /// number
    Finish {
        number: Option<String>,
        #[arg(long, value_name = "NAME")]
        window: Option<String>,
    },
    /// Mark a called visitor who did not come, after the set number of recalls
    NoShow { number: String },
    /// A no-show who came back the same day waits again in their own place
    Restore { number: String },
    /// Send a visitor to another window, keeping the number and the first-asked person
    Transfer {
        number: String,
        /// The window to send them to
        #[arg(long = "to", value_name = "NAME")]
        to_window: String,
    },
    /// Today's tickets in the day's order:
    /// NUMBER<TAB>WINDOW<TAB>STATE<TAB>priority|ordinary<TAB>wait Nm<TAB>service Nm
    List {
        #[arg(long, value_name = "NAME")]
        window: Option<String>,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
}

/// What the desk knows when it opens a case.
#[derive(Debug, Clone, Serialize, Deserialize, Args)]
pub struct CaseOpen {
    /// The service item's code
    #[arg(long, value_name = "CODE")]
    pub item: String,
    /// The applicant's name
    #[arg(long = "applicant", value_name = "NAME")]
    pub applicant: String,
    #[arg(long, value_name = "P")]
    pub phone: Option<String>,
    #[arg(long = "id-number", value_name = "N")]
    pub id_number: Option<String>,
    /// Materials in hand, comma-separated
    #[arg(long, value_name = "M1,M2", default_value = "")]
    pub have: Materials,
    /// Materials promised (已有但未带来), comma-separated
    #[arg(long, value_name = "M3", default_value = "")]
    pub promise: Materials,
    /// The pages of materials in hand, for the receipt: NAME=N, comma-separated
    #[arg(long, value_name = "M1=N,M2=N", default_value = "")]
    #[serde(default)]
    pub pages: Pages,
    /// Staff code of the first-asked person (default: you)
    #[arg(long = "first-asked", value_name = "CODE")]
    pub first_asked: Option<String>,
    /// How the matter reached the centre
    #[arg(long, value_name = "window|phone|agent|appointment", default_value = "window", value_parser = args::channel)]
    pub channel: Channel,
    /// Override the decided kind (needs --reason)
    #[arg(long, value_name = "KIND", requires = "reason", value_parser = args::kind)]
    pub kind: Option<CaseKind>,
    /// Why the kind was overridden
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Green channel: half the statutory limit
    #[arg(long)]
    pub green_channel: bool,
    /// Today's ticket of the visitor served: the case and the ticket name each other, and the
    /// case's first-asked person is the ticket's unless --first-asked says otherwise
    #[arg(long, value_name = "NUMBER")]
    #[serde(default)]
    pub ticket: Option<String>,
    /// A matter to be rejected that is not clear-cut: keep it open for the decision, within 3
    /// working days, instead of rejecting it on the spot
    #[arg(long)]
    #[serde(default)]
    pub needs_decision: bool,
}

/// Cases (办件, RULES §1–§4), through the server.
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum CaseReq {
    /// Open a case at the desk; prints ID<TAB>KIND<TAB>DEADLINE, or ID<TAB>KIND<TAB>waiting<TAB>N
    Open(Box<CaseOpen>),
    /// Record materials handed over later; a 补办件's clock starts when the last arrives
    Supplement {
        id: u64,
        /// The materials, comma-separated
        #[arg(long, value_name = "M1,M2")]
        materials: Materials,
        /// Their pages, for the receipt: NAME=N, comma-separated
        #[arg(long, value_name = "M1=N,M2=N", default_value = "")]
        #[serde(default)]
        pages: Pages,
    },
    /// Complete a case
    Complete { id: u64 },
    /// Reject a case, with the reason for the rejection notice
    Reject {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Extend a case's deadline (leaders and the director; at most 30 working days in all)
    Extend {
        id: u64,
        #[arg(long, value_name = "N")]
        days: u32,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Stop the clock for a special procedure
    Pause {
        id: u64,
        #[arg(long, value_name = "hearing|inspection|expert-review|other", value_parser = args::procedure)]
        procedure: SpecialProcedure,
    },
    /// Start the clock again after a special procedure
    Resume { id: u64 },
    /// Hand the matter up for a higher authority's approval (at most 60 days from acceptance)
    ReportUp { id: u64 },
    /// Another department handles the matter too: a 承诺件 becomes a 联办件, with a joint notice
    AddCoWindow {
        id: u64,
        #[arg(long, value_name = "NAME")]
        window: String,
    },
    /// Accept a matter kept open for its decision (`open --needs-decision`): it is handled as
    /// its materials make it, its clock from today, and the applicant gets its notice
    Admit {
        id: u64,
        /// What the decision was based on (recorded on the case)
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Materials received that turn out unusable on review (an expired certificate, a wrong
    /// copy): asked for again by a new notice; one the first notice did not name is a
    /// one-time-notification violation, recorded
    Unusable {
        id: u64,
        /// The materials, comma-separated
        #[arg(long, value_name = "M1,M2")]
        materials: Materials,
        /// Why they cannot be used (审查意见, printed on the notice)
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Print a case's notice (the latest, or number N) through the centre's print command
    /// (`[print]`), as PDF; recorded on the case. Prints `printed<TAB>PRINTER`,
    /// `reprinted<TAB>PRINTER` or `saved<TAB>PATH<TAB>WHY`: with no printer set, or when the
    /// command fails, the document is saved under the data directory instead
    Print {
        id: u64,
        #[arg(long, value_name = "N")]
        #[serde(default)]
        number: Option<u32>,
        /// Save it under the data directory (papers/) instead of printing it
        #[arg(long)]
        #[serde(default)]
        save: bool,
        /// Print the text form (80 columns), which needs no font
        #[arg(long)]
        #[serde(default)]
        text: bool,
    },
    /// Show a case: KEY<TAB>VALUE lines
    Show { id: u64 },
    /// Find a case by its number (`12`, `#12`), or an open one by its applicant's name:
    /// prints ID<TAB>ROW, the row among the open cases by deadline, or ID alone when closed
    Find { text: String },
    /// The one-time notices issued on a day (default today):
    /// CASE<TAB>NUMBER<TAB>NOTICE<TAB>ITEM<TAB>MATERIALS ASKED
    Notices {
        #[arg(long, value_parser = args::date, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
    /// List cases: ID<TAB>KIND<TAB>ITEM<TAB>APPLICANT<TAB>DEADLINE|waiting N|paused<TAB>DAYS LEFT<TAB>MARK
    /// (MARK: `!` due soon, `!!` due today, `超期` overdue, `办结` completed, `驳回` rejected)
    List {
        /// Only open cases, by deadline
        #[arg(long)]
        open: bool,
        /// Only open cases with at most N working days left, overdue ones included
        #[arg(long, value_name = "N")]
        due_within: Option<u32>,
        /// Only overdue cases
        #[arg(long)]
        overdue: bool,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
}

/// Extension requests (003 二5): asked by those handling a case, decided by leaders and the
/// director.
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ExtensionReq {
    /// Ask a leader or the director to extend a case you handle; prints the request's id
    Ask {
        /// The case
        case: u64,
        #[arg(long, value_name = "N")]
        days: u32,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Approve an extension request (leaders and the director)
    Approve { id: u64 },
    /// Refuse an extension request, with the reason
    Refuse {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

/// Enquiries (咨询, RULES §1) in person or by phone, with the first-asked person.
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum EnquiryReq {
    /// Log an enquiry; you are its first-asked person. Prints its id
    Log {
        #[arg(long, value_name = "in-person|phone", value_parser = args::enquiry_channel, default_value = "in-person")]
        channel: EnquiryChannel,
        /// The caller's or visitor's name (required for phone calls)
        #[arg(long = "name", value_name = "NAME")]
        caller_name: Option<String>,
        /// Their phone number (required for phone calls)
        #[arg(long = "phone", value_name = "P")]
        caller_phone: Option<String>,
        /// What was asked
        #[arg(long, value_name = "TEXT")]
        content: String,
        /// Where it was referred: a window, or the leader on duty
        #[arg(long = "refer", value_name = "WHERE")]
        refer_to: Option<String>,
    },
    /// Close an enquiry with its outcome
    Close {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        outcome: String,
    },
    /// List enquiries: ID<TAB>open|closed<TAB>FIRST-ASKED<TAB>CHANNEL<TAB>NAME<TAB>PHONE<TAB>CONTENT
    List {
        /// Only open ones (what the leader on duty follows up)
        #[arg(long)]
        open: bool,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
}

/// PINs for signing in on shared accounts.
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum PinReq {
    /// Set a PIN (your own; the director or an administrator sets anyone's). The new PIN, 4 to 8
    /// digits, is read from $FRONTDESK_NEW_PIN or the first line of standard input
    Set {
        /// The staff code whose PIN to set
        #[arg(value_name = "CODE")]
        staff: String,
        /// Never on the command line, where others could read it: read by the command.
        #[arg(skip)]
        pin: String,
    },
}

/// The hash-chained audit trail (RULES §9).
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum AuditReq {
    /// Check the hash chain: exits 0 saying how many events it checked, or 1 naming the first bad event
    Verify,
    /// Show the history: SEQ<TAB>TIME<TAB>STAFF<TAB>ACTION<TAB>TARGET<TAB>RESULT (with --json,
    /// one JSON object a line)
    Log {
        /// Only events about this case
        #[arg(long = "case", value_name = "ID")]
        case: Option<u64>,
        /// Only events about this target: case/ID, ticket/DATE/NUMBER, extension/ID,
        /// enquiry/ID, leave/ID, duty/ID, message/ID, staff/CODE or store
        #[arg(long, value_name = "TARGET", conflicts_with = "case")]
        target: Option<String>,
        /// Only this staff member's events
        #[arg(long, value_name = "CODE")]
        staff: Option<String>,
        /// Only events on or after this day
        #[arg(long, value_parser = args::date, value_name = "DATE")]
        since: Option<NaiveDate>,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
}

/// The server itself.
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ServerReq {
    /// Stop the server of the data directory cleanly
    Stop,
    /// Write a consistent copy of the store while the server runs (director or administrator)
    Backup {
        /// A new file to write; never overwritten
        file: PathBuf,
    },
}

/// What a console reads to show: its screen, each of its panes alone, what waits, the
/// catalogue, a preview. A pane's rows are asked [`Around`] its selected item, by its key.
#[derive(Debug, Clone, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ViewReq {
    /// What a console shows, in one reply (its first paint, and after a reconnect): the rows of
    /// the queue, the open cases and what waits for the caller around each selection, with
    /// their counts; the day; and the case `case` with its history.
    Screen {
        case: Option<u64>,
        queue: Around<String>,
        cases: Around<u64>,
        approvals: Around<String>,
    },
    /// Today's queue as a clerk reads it, around a ticket (by its number).
    Queue { around: Around<String> },
    /// The open cases by deadline, then waiting and paused ones, around a case (by its id).
    OpenCases { around: Around<u64> },
    /// What waits for the caller, around an approval (by [`super::Approval::key`]).
    Pending { around: Around<String> },
    /// The day: posts, rota, leave and counts.
    Today,
    /// A date's roster after approved duty swaps (`frontdesk roster DATE`).
    Roster { date: NaiveDate },
    /// A case as the caller may see it, with its history.
    CaseDetail { id: u64 },
    /// Every window's open, due and overdue cases, and the day's counts (supervisors, leaders,
    /// the director and administrators).
    Supervision,
    /// What waits for the caller: extension requests and leave they may decide, enquiries they
    /// were first asked and have not closed.
    Approvals {
        #[serde(default)]
        page: PageRequest,
    },
    /// Search the centre's catalogue (Chinese, pinyin, initials, skipped letters, code).
    CatalogueSearch { query: String, limit: u32 },
    /// One service item with its materials and guide.
    CatalogueItem { code: String },
    /// An item's public service guide (办事指南, RULES §12) as a document: anyone signed in
    /// (`frontdesk guide CODE`).
    Guide { code: String },
    /// What an intake would become, storing nothing.
    CasePreview {
        item: String,
        have: Vec<String>,
        promise: Vec<String>,
    },
}
