//! One-time notification (一次性告知, RULES §2): the written notice of everything the applicant
//! still has to bring, and everything else they must be told once.
//!
//! The notice is composed from the item and the case (`case::notify`); every notice issued is
//! kept on the case,
//! and a later notice that asks for a material the first did not name is the violation the
//! rule exists to prevent (§2, §9), reported naming both notices.

pub mod blocks;
mod document;
mod sheets;
mod slip;
pub mod wrap;

pub use blocks::{Block, PAPER_WIDTH, TICKET_WIDTH};
pub use slip::{ticket_slip, ticket_title};

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::case::decide::CaseKind;
use super::catalogue::Material;

/// Which document the notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// 受理通知书 — accepted, with the committed completion date (承诺件, 即办件, 上报件).
    Acceptance,
    /// 补办件通知书 / 一次性告知书 — accepted with materials to supplement; the clock waits.
    Supplement,
    /// 容缺受理告知书 — with what to bring, by when, and what happens on expiry; the applicant
    /// signs a 容缺受理承诺书.
    Deficiency,
    /// 联办件告知书 — the lead window's notice of a joint case, with every department's needs.
    Joint,
    /// 驳回通知书 — the reason, and still the full list of materials.
    Rejection,
    /// 收件告知书 — a matter to be rejected that is not clear-cut, kept open: the decision is
    /// told within 3 working days (002), and what is still missing is named once.
    Decision,
    /// 延期告知书 — told in advance: the new date, the reason and who approved it (000 服务承诺4,
    /// 二(三)4).
    Extension,
    /// 上报件通知单 — the acceptance of a matter a higher authority approves: the lead window
    /// reports it up and tracks it (002 上报件操作规程).
    #[serde(rename = "report_up")]
    ReportUp,
}

impl NoticeKind {
    pub fn chinese(self) -> &'static str {
        match self {
            NoticeKind::Acceptance => "受理通知书",
            NoticeKind::Supplement => "补办件通知书（一次性告知书）",
            NoticeKind::Deficiency => "容缺受理告知书",
            NoticeKind::Joint => "联办件告知书",
            NoticeKind::Rejection => "驳回通知书",
            NoticeKind::Decision => "收件告知书（待研究决定）",
            NoticeKind::Extension => "延期告知书",
            NoticeKind::ReportUp => "上报件通知单",
        }
    }

    /// The notice a case of this kind gets.
    pub fn for_case(kind: CaseKind) -> Self {
        match kind {
            CaseKind::Immediate | CaseKind::Committed => NoticeKind::Acceptance,
            CaseKind::ReportUp => NoticeKind::ReportUp,
            CaseKind::Supplement => NoticeKind::Supplement,
            CaseKind::Deficiency => NoticeKind::Deficiency,
            CaseKind::Joint => NoticeKind::Joint,
            CaseKind::Rejected => NoticeKind::Rejection,
        }
    }
}

/// How the deadline is counted, for the notice to state in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum DeadlineRule {
    /// 当场或当日办结.
    SameDay,
    /// N working days from the day after acceptance.
    FromAcceptance { days: u32 },
    /// N days from the day after acceptance, an end on a rest day moving to the next working
    /// day (the seed's 10-day limit where the centre counts it in calendar days).
    CalendarDays { days: u32 },
    /// N working days from the day after the materials are complete (补办件).
    FromCompletion { days: u32 },
    /// N working days, never past `ceiling` days (calendar days when `calendar`) after the
    /// day the materials were complete (上报件).
    Capped {
        days: u32,
        ceiling: u32,
        #[serde(default)]
        calendar: bool,
    },
    /// The rejection is decided within 3 working days.
    RejectionDecision { days: u32 },
}

/// A co-operating department of a joint case, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoWindow {
    pub window: String,
    pub location: Option<String>,
    pub phone: Option<String>,
    pub materials: Vec<String>,
}

/// One written notice, as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// 1 for the first notice of the case, 2 for the next …
    pub number: u32,
    pub kind: NoticeKind,
    pub issued_on: NaiveDate,
    pub item_code: String,
    pub item_name: String,
    pub applicant: String,
    /// What the applicant still has to bring (for a rejection: empty; see `all_materials`).
    pub requested: Vec<Material>,
    /// Materials received, for the receipt (回执, 003 二4).
    pub received: Vec<Received>,
    /// Every material of the item: a rejection lists them all (RULES §3).
    pub all_materials: Vec<Material>,
    pub conditions: String,
    pub basis: String,
    pub procedure: Vec<String>,
    pub prerequisites: Vec<String>,
    pub deadline_rule: DeadlineRule,
    pub deadline: Option<NaiveDate>,
    pub deadline_provisional: bool,
    pub supplement_by: Option<NaiveDate>,
    /// What happens if the 容缺 supplements are not brought in time.
    pub on_expiry: Option<String>,
    pub fee: String,
    /// Where to complain (RULES §8): the centre's complaint phone.
    pub complaint_channel: Option<String>,
    pub co_windows: Vec<CoWindow>,
    pub rejection_reason: Option<String>,
    pub handler: String,
    pub window: String,
    /// Who and where, as printed: the centre, the handler's name, the window's place and phone.
    #[serde(default)]
    pub centre: String,
    #[serde(default)]
    pub handler_name: String,
    /// The first-asked person's name (首问责任人, RULES §1), when it is not the handler: the
    /// applicant knows whom to turn to until the matter closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_asked_name: Option<String>,
    #[serde(default)]
    pub window_location: Option<String>,
    #[serde(default)]
    pub window_phone: Option<String>,
    /// A 延期告知书's extension: the days, the reason, who approved it, and the date it was due
    /// before (the new date is `deadline`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<ExtensionNote>,
    /// Materials received and found unusable on review, with why (审查意见); they are asked for
    /// again in `requested`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// A material received, as the receipt lists it (003 二4: name, pages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ReceivedRecord")]
pub struct Received {
    pub name: String,
    pub on: NaiveDate,
    /// Counted at the desk, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// The copies the item asks for, which the desk took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
}

/// A received material as stored: notices issued before pages were counted hold
/// `[name, day]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum ReceivedRecord {
    Pair(String, NaiveDate),
    Full {
        name: String,
        on: NaiveDate,
        #[serde(default)]
        pages: Option<u32>,
        #[serde(default)]
        copies: Option<u32>,
    },
}

impl From<ReceivedRecord> for Received {
    fn from(r: ReceivedRecord) -> Self {
        match r {
            ReceivedRecord::Pair(name, on) => Received {
                name,
                on,
                pages: None,
                copies: None,
            },
            ReceivedRecord::Full {
                name,
                on,
                pages,
                copies,
            } => Received {
                name,
                on,
                pages,
                copies,
            },
        }
    }
}

/// What a 延期告知书 tells beyond the new date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionNote {
    pub days: u32,
    pub reason: String,
    /// The approver's name, as printed.
    pub approved_by: String,
    pub was_due: Option<NaiveDate>,
}

/// Materials found unusable on review, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub materials: Vec<String>,
    pub reason: String,
}

/// A failure of one-time notification: a later notice asked for materials the first did not
/// name (RULES §2, §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub first: u32,
    pub later: u32,
    pub materials: Vec<String>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "notice {} asks for {} which notice {} did not name: one-time notification was not \
             met (RULES §2, accountability §9)",
            self.later,
            self.materials.join("、"),
            self.first
        )
    }
}

/// Every violation among a case's notices, in order: each later notice that asks for anything
/// is compared with the first notice the case got, even when that one asked for nothing — what
/// it did not name was not told once (RULES §2). A rejection, which lists every material, and
/// a 延期告知书, which asks for none, are not later requests.
pub fn violations(notices: &[Notice]) -> Vec<Violation> {
    let Some(first) = notices.iter().min_by_key(|n| n.number) else {
        return Vec::new();
    };
    let named: BTreeSet<&str> = if first.kind == NoticeKind::Rejection {
        first
            .all_materials
            .iter()
            .map(|m| m.name.as_str())
            .collect()
    } else {
        first.requested.iter().map(|m| m.name.as_str()).collect()
    };
    notices
        .iter()
        .filter(|n| n.number > first.number)
        .filter(|n| !matches!(n.kind, NoticeKind::Rejection | NoticeKind::Extension))
        .filter_map(|n| {
            let extra: Vec<String> = n
                .requested
                .iter()
                .map(|m| m.name.clone())
                .filter(|m| !named.contains(m.as_str()))
                .collect();
            (!extra.is_empty()).then_some(Violation {
                first: first.number,
                later: n.number,
                materials: extra,
            })
        })
        .collect()
}
