//! What the supervisor's view lists besides every window's load (RULES §8, §9): the complaint
//! register's reply deadlines, the violations waiting for the director, and each staff
//! member's ledger for the year. Each list is a few rows plus its full count, and is absent
//! for a viewer who may not see it. More lists (rectifications, return visits) slot in the
//! same way: a `Listed` of their rows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::accountability::{Sanction, ViolationType};
use crate::domain::clock::Urgency;
use crate::domain::complaint::Ground;
use crate::domain::rating::Level;

/// The first rows of a list, and how many it holds in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed<T> {
    pub rows: Vec<T>,
    pub total: usize,
}

impl<T> Default for Listed<T> {
    fn default() -> Self {
        Listed {
            rows: Vec::new(),
            total: 0,
        }
    }
}

/// An open complaint's reply deadline (投诉答复倒计时). Never names the complainant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintDue {
    pub id: u64,
    pub received: NaiveDate,
    pub due: NaiveDate,
    /// Working days from today to the due day (0 on it); negative once past.
    pub days_left: i64,
    /// Calendar days past the due day; 0 until then.
    pub days_over: i64,
    /// The same marks as cases: due soon (within 2 working days), due today, overdue.
    pub urgency: Urgency,
    /// The due day was reckoned without the year's holiday schedule.
    pub provisional: bool,
    pub grounds: Vec<Ground>,
    /// The staff member complained of: code and name.
    pub against: Option<(String, String)>,
    /// Its reply time was extended once.
    pub extended: bool,
}

/// A violation waiting for the director's decision (待认定违规).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalRow {
    pub id: u64,
    /// The day of the fact.
    pub on: NaiveDate,
    pub staff: String,
    pub name: String,
    pub kind: ViolationType,
    /// The fact, in Chinese (`Source::describe`).
    pub fact: String,
}

/// A staff member's ledger for the calendar year (个人台账).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub staff: String,
    pub name: String,
    /// Confirmed violations whose fact falls in this calendar year.
    pub confirmed: u32,
    /// Violations still waiting for the director.
    pub proposed: u32,
    /// The sanction of their latest confirmed violation (by the day of its fact).
    pub latest: Option<Sanction>,
}

/// A 差评's rectification still to answer (差评整改), soonest due first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RectificationDue {
    /// The rating's number.
    pub rating: u64,
    pub case: u64,
    /// Who served, and was rated: code and name.
    pub staff: String,
    pub name: String,
    pub level: Level,
    pub due: NaiveDate,
    /// Working days from today to the due day; negative once past.
    pub days_left: i64,
    /// Calendar days past the due day; 0 until then.
    pub days_over: i64,
    pub urgency: Urgency,
    /// The one rated has appealed (申诉复核), for the director to decide.
    pub appealed: bool,
}

/// A case of this month's return-visit draw still to call (回访).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitToCall {
    pub case: u64,
    /// The month drawn, `YYYY-MM`.
    pub month: String,
}
