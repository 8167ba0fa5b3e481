//! What the server shows of its data: cases as one viewer may see them, rows of lists, the day,
//! what waits for a decision, and a console's whole screen.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::case::{Applicant, Case, CaseKind, CaseStatus};
use crate::domain::clock::Urgency;
use crate::domain::queue::Ticket;
use crate::event::AuditEvent;

use super::page::Selected;

/// A console's whole screen (`ViewReq::Screen`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScreenView {
    /// Today's queue as a clerk reads it: waiting (priority marked), then called, then no-shows.
    pub tickets: Selected<Ticket>,
    /// Open cases by deadline, then waiting and paused ones.
    pub cases: Selected<CaseRow>,
    pub today: TodayView,
    pub approvals: Selected<Approval>,
    /// The case asked about and its history, or why it cannot be shown (no such case).
    pub case: Option<Result<(CaseView, Vec<AuditEvent>), String>>,
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
    pub violations: Vec<crate::domain::notice::Violation>,
    /// The messages to its applicant (the completion's SMS), oldest first.
    #[serde(default)]
    pub messages: Vec<super::MessageRow>,
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
        /// The case reached its deadline with this still undecided (flagged by the scheduler).
        #[serde(default)]
        late: bool,
    },
    Leave {
        id: u64,
        staff: String,
        from: NaiveDateTime,
        to: NaiveDateTime,
        reason: String,
        /// The leave's time began with this still undecided (flagged by the scheduler).
        #[serde(default)]
        late: bool,
    },
    /// An enquiry the caller was first asked and has not yet settled: they follow it until it
    /// is (RULES §1), and close it with what the visitor was told or where it went.
    Enquiry {
        id: u64,
        content: String,
        caller: Option<String>,
        at: NaiveDateTime,
    },
    /// An open case the caller was first asked and someone else handles, perhaps at another
    /// window: they follow it until it closes (督办, RULES §1).
    Follow {
        case: u64,
        item: String,
        /// The window handling it now.
        window: String,
        /// Who handles it, by name.
        handler: String,
        deadline: Option<chrono::NaiveDate>,
        urgency: Option<crate::domain::clock::Urgency>,
    },
}

impl Approval {
    /// What names it among what waits, whatever its place: `extension/ID`, `leave/ID` or
    /// `enquiry/ID`.
    pub fn key(&self) -> String {
        match self {
            Approval::Extension { id, .. } => format!("extension/{id}"),
            Approval::Leave { id, .. } => format!("leave/{id}"),
            Approval::Enquiry { id, .. } => format!("enquiry/{id}"),
            Approval::Follow { case, .. } => format!("follow/{case}"),
        }
    }
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
    /// The centre's name, for the console's header.
    #[serde(default)]
    pub centre: String,
    /// Its opening hours, for leave asked for as "this afternoon".
    #[serde(default)]
    pub hours: Option<crate::domain::centre::Hours>,
    pub now: NaiveDateTime,
    pub workday: bool,
    /// The holiday or make-up day's name.
    pub day_name: Option<String>,
    pub provisional: bool,
    /// Leaders on duty (after swaps).
    pub duty: Vec<String>,
    /// The day's approved duty swaps: (planned leader, who keeps the duty), by name.
    #[serde(default)]
    pub swaps: Vec<(String, String)>,
    pub cleaning: Vec<String>,
    pub posts: Vec<PostView>,
    /// Approved absences touching today: (name, 请假|外出, from, to).
    pub away: Vec<(String, String, NaiveDateTime, NaiveDateTime)>,
    pub counts: DayCounts,
}

/// A staff member as a view names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRef {
    pub code: String,
    pub name: String,
}

impl StaffRef {
    pub fn of(staff: &crate::domain::centre::Staff) -> Self {
        StaffRef {
            code: staff.code.clone(),
            name: staff.name.clone(),
        }
    }
}

/// A day's roster as the store has it (`ViewReq::Roster`, `frontdesk roster DATE`): the
/// leaders on duty after approved swaps, the cleaning rota and each window's posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterView {
    pub date: NaiveDate,
    pub workday: bool,
    pub day_name: Option<String>,
    pub provisional: bool,
    /// Leaders on duty after swaps.
    pub duty: Vec<StaffRef>,
    /// The day's approved duty swaps: the planned leader, and who keeps the duty.
    pub swaps: Vec<(StaffRef, StaffRef)>,
    pub cleaning: Vec<StaffRef>,
    pub windows: Vec<RosterWindow>,
}

impl RosterView {
    /// The roster of `date` as the centre file plans it: no swaps, no cover.
    pub fn planned(date: NaiveDate, r: &crate::domain::roster::DayRoster) -> RosterView {
        let refs = |staff: &[&crate::domain::centre::Staff]| -> Vec<StaffRef> {
            staff.iter().map(|s| StaffRef::of(s)).collect()
        };
        RosterView {
            date,
            workday: r.day.working,
            day_name: r.day.special.map(|s| s.name.clone()),
            provisional: r.day.provisional,
            duty: refs(&r.duty),
            swaps: Vec::new(),
            cleaning: refs(&r.cleaning),
            windows: r
                .windows
                .iter()
                .map(|p| RosterWindow {
                    window: p.window.name.clone(),
                    prefix: p.window.prefix,
                    a: StaffRef::of(p.a),
                    b: StaffRef::of(p.b),
                    covers: Vec::new(),
                })
                .collect(),
        }
    }
}

/// One window of a day's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterWindow {
    pub window: String,
    pub prefix: char,
    pub a: StaffRef,
    pub b: StaffRef,
    /// Cover assigned that day while both posts are away (顶岗): who, from, to.
    #[serde(default)]
    pub covers: Vec<(StaffRef, NaiveDateTime, NaiveDateTime)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub window: String,
    pub prefix: char,
    pub a: String,
    pub b: String,
    pub serving: ServingView,
    /// Visitors waiting in its queue now.
    #[serde(default)]
    pub waiting: u32,
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
    /// Both away while the window is closed: no one is missing (000 三(四)1).
    OffHours,
    /// 顶岗 — both away, and `cover` assigned to serve the window until `until`.
    Covered {
        cover: String,
        until: NaiveDateTime,
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

/// The supervisor's screen (RULES §4 electronic supervision): every window's load, and the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisionView {
    /// One row per window of the centre, in the centre's order, those with nothing open too.
    pub windows: Vec<WindowLoad>,
    /// As the Today pane counts them.
    pub counts: DayCounts,
    pub now: NaiveDateTime,
    /// Open complaints, soonest due first; absent for those who may not keep the register.
    #[serde(default)]
    pub complaints: Option<super::Listed<super::ComplaintDue>>,
    /// Violations waiting for the director; absent for those who may not read others'.
    #[serde(default)]
    pub proposals: Option<super::Listed<super::ProposalRow>>,
    /// This year's ledger of each staff member with a violation; absent as `proposals` is.
    #[serde(default)]
    pub ledgers: Option<super::Listed<super::LedgerRow>>,
    /// 差评 rectifications still to answer, soonest due first; absent for those who may not
    /// read others' ratings.
    #[serde(default)]
    pub rectifications: Option<super::Listed<super::RectificationDue>>,
    /// This month's return visits still to call; absent for those who may not draw them.
    #[serde(default)]
    pub visits: Option<super::Listed<super::VisitToCall>>,
}

/// The open cases of one window (the window now handling them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowLoad {
    pub window: String,
    pub open: u32,
    /// Due soon or due today.
    pub due_soon: u32,
    pub overdue: u32,
    /// Waiting for materials, or paused for a special procedure.
    pub waiting: u32,
}
