//! Accountability (责任追究, RULES §9, §15; seeds 002 一(三), 第三十三–三十五条, 003 五, 000):
//! violations proposed from recorded facts, confirmed or dismissed by the director, and the
//! sanction each confirmed one calls for on its ladder.
//!
//! A violation is counted on its ladder only once confirmed, among the confirmed violations of
//! its kind in the calendar year of its fact; 1 January starts every count again.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod ladder;
mod ledger;
mod measure;
mod propose;

pub use ladder::{Gravity, LADDER, Rung, Sanction, rung_for, sanction};
pub use ledger::{LedgerLine, ledger};
pub use measure::Measure;
pub use propose::{complaint, empty_post, later_notice, overdue, recorded, upheld_rating};

/// The kinds of violation the ladders know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ViolationType {
    /// 首问责任 not met.
    FirstAsked,
    /// 限时办结 — a case finished late.
    Deadline,
    /// 一次性告知 not given: a later notice named materials the first one should have.
    OneTimeNotice,
    /// 服务态度、服务质量 — upheld complaint or 差评.
    Attitude,
    /// 空岗 — a window with neither post present and no cover.
    EmptyPost,
    /// 两头受理 — a centre matter accepted outside the centre's windows (002 第三十四条).
    OutsideAcceptance,
    Other,
}

impl ViolationType {
    pub const ALL: [ViolationType; 7] = [
        ViolationType::FirstAsked,
        ViolationType::Deadline,
        ViolationType::OneTimeNotice,
        ViolationType::Attitude,
        ViolationType::EmptyPost,
        ViolationType::OutsideAcceptance,
        ViolationType::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ViolationType::FirstAsked => "first-asked",
            ViolationType::Deadline => "deadline",
            ViolationType::OneTimeNotice => "one-time-notice",
            ViolationType::Attitude => "attitude",
            ViolationType::EmptyPost => "empty-post",
            ViolationType::OutsideAcceptance => "outside-acceptance",
            ViolationType::Other => "other",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            ViolationType::FirstAsked => "未履行首问责任",
            ViolationType::Deadline => "超时限办结",
            ViolationType::OneTimeNotice => "未一次性告知",
            ViolationType::Attitude => "服务态度、服务质量",
            ViolationType::EmptyPost => "空岗",
            ViolationType::OutsideAcceptance => "两头受理",
            ViolationType::Other => "其他",
        }
    }

    /// Reads a kind by its key or its Chinese name.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.key() == t || k.chinese() == t)
    }
}

/// The recorded fact a violation was proposed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Source {
    /// A case finished (or still open) after its due day; proposed against its handler.
    Overdue { case: u64, due: NaiveDate },
    /// A later notice of a case that names new materials; proposed against its author.
    LaterNotice { case: u64, notice: u32 },
    /// A window with neither post present and no cover; proposed against its A and B.
    EmptyPost { window: String, date: NaiveDate },
    /// An upheld complaint; proposed against the staff member concerned.
    Complaint { complaint: u64 },
    /// A 差评 upheld on review (申诉复核); proposed against the staff member who served.
    Rating { rating: u64 },
    /// Entered by hand by the director.
    Recorded,
}

impl Source {
    /// The fact in Chinese, for the ledger: "案件 #12 超期（应于 2026-11-20 办结）".
    pub fn describe(&self) -> String {
        match self {
            Source::Overdue { case, due } => format!("案件 #{case} 超期（应于 {due} 办结）"),
            Source::LaterNotice { case, notice } => {
                format!("案件 #{case} 的第 {notice} 份告知书列出前次未告知的材料")
            }
            Source::EmptyPost { window, date } => {
                format!("{window} 窗口 {date} A、B 岗均不在岗且无人顶岗")
            }
            Source::Complaint { complaint } => format!("投诉 #{complaint} 经查属实"),
            Source::Rating { rating } => format!("差评 #{rating} 经申诉复核维持"),
            Source::Recorded => "中心主任登记".to_owned(),
        }
    }
}

/// Where the director's decision stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ViolationState {
    /// Proposed from the facts, waiting for the director.
    Proposed,
    Confirmed {
        on: NaiveDate,
        by: String,
    },
    Dismissed {
        on: NaiveDate,
        by: String,
        reason: String,
    },
}

impl ViolationState {
    /// The states' keys, as the command line and the store's index write them.
    pub const KEYS: [&'static str; 3] = ["proposed", "confirmed", "dismissed"];

    /// `proposed`, `confirmed` or `dismissed`.
    pub fn key(&self) -> &'static str {
        match self {
            ViolationState::Proposed => Self::KEYS[0],
            ViolationState::Confirmed { .. } => Self::KEYS[1],
            ViolationState::Dismissed { .. } => Self::KEYS[2],
        }
    }
}

/// One violation of one staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// Staff code.
    pub staff: String,
    pub kind: ViolationType,
    /// The day of the fact (not of the decision): it places the violation in its year.
    pub on: NaiveDate,
    pub source: Source,
    /// 造成不良后果 / 情节严重.
    pub serious: bool,
    pub state: ViolationState,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum ViolationError {
    #[error(
        "this violation of {staff} was already confirmed by {by} on {on}; a decision is made once — record a new violation if the facts changed (RULES §9)"
    )]
    AlreadyConfirmed {
        staff: String,
        by: String,
        on: NaiveDate,
    },
    #[error(
        "this violation of {staff} was already dismissed by {by} on {on}; a decision is made once — record a new violation if the facts changed (RULES §9)"
    )]
    AlreadyDismissed {
        staff: String,
        by: String,
        on: NaiveDate,
    },
    #[error(
        "a dismissal is recorded with its reason: write why the violation of {staff} on {fact} does not stand (RULES §9)"
    )]
    NoReason { staff: String, fact: NaiveDate },
    #[error(
        "the decision would be dated {on}, before the fact on {fact}; date it on or after {fact}"
    )]
    BeforeFact { on: NaiveDate, fact: NaiveDate },
    #[error("a decision names who made it: give the director's staff code")]
    NoDecider,
}

impl Violation {
    pub fn is_confirmed(&self) -> bool {
        matches!(self.state, ViolationState::Confirmed { .. })
    }

    fn check_open(&self, by: &str, on: NaiveDate) -> Result<(), ViolationError> {
        match &self.state {
            ViolationState::Proposed => {}
            ViolationState::Confirmed { on, by } => {
                return Err(ViolationError::AlreadyConfirmed {
                    staff: self.staff.clone(),
                    by: by.clone(),
                    on: *on,
                });
            }
            ViolationState::Dismissed { on, by, .. } => {
                return Err(ViolationError::AlreadyDismissed {
                    staff: self.staff.clone(),
                    by: by.clone(),
                    on: *on,
                });
            }
        }
        if by.trim().is_empty() {
            return Err(ViolationError::NoDecider);
        }
        if on < self.on {
            return Err(ViolationError::BeforeFact { on, fact: self.on });
        }
        Ok(())
    }

    /// The director confirms it: from now it counts on its ladder.
    pub fn confirm(&mut self, by: &str, on: NaiveDate) -> Result<(), ViolationError> {
        self.check_open(by, on)?;
        self.state = ViolationState::Confirmed {
            on,
            by: by.to_owned(),
        };
        Ok(())
    }

    /// The director dismisses it, saying why; it never counts.
    pub fn dismiss(&mut self, by: &str, on: NaiveDate, reason: &str) -> Result<(), ViolationError> {
        self.check_open(by, on)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ViolationError::NoReason {
                staff: self.staff.clone(),
                fact: self.on,
            });
        }
        self.state = ViolationState::Dismissed {
            on,
            by: by.to_owned(),
            reason: reason.to_owned(),
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn proposed() -> Violation {
        overdue(12, "zhouchy", d(2026, 11, 20), d(2026, 11, 23))
    }

    #[test]
    fn violation_type_keys_read_back() {
        for k in ViolationType::ALL {
            assert_eq!(ViolationType::parse(k.key()), Some(k));
            assert_eq!(ViolationType::parse(k.chinese()), Some(k));
        }
        assert_eq!(
            ViolationType::parse("outside-acceptance"),
            Some(ViolationType::OutsideAcceptance)
        );
        assert_eq!(
            ViolationType::parse("两头受理"),
            Some(ViolationType::OutsideAcceptance)
        );
        assert_eq!(ViolationType::parse("late"), None);
    }

    #[test]
    fn violation_type_serialises_as_its_key() {
        for k in ViolationType::ALL {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.key()));
        }
    }

    #[test]
    fn source_is_described_in_chinese_for_the_ledger() {
        let s = Source::Overdue {
            case: 12,
            due: d(2026, 11, 20),
        };
        assert_eq!(s.describe(), "案件 #12 超期（应于 2026-11-20 办结）");
        let s = Source::EmptyPost {
            window: "民政救助".into(),
            date: d(2026, 11, 24),
        };
        assert_eq!(
            s.describe(),
            "民政救助 窗口 2026-11-24 A、B 岗均不在岗且无人顶岗"
        );
        assert_eq!(
            Source::Rating { rating: 9 }.describe(),
            "差评 #9 经申诉复核维持"
        );
    }

    #[test]
    fn director_confirms_a_proposed_violation() {
        let mut v = proposed();
        v.confirm("director", d(2026, 11, 25)).unwrap();
        assert!(v.is_confirmed());
    }

    #[test]
    fn a_violation_is_decided_once() {
        let mut v = proposed();
        v.confirm("director", d(2026, 11, 25)).unwrap();
        assert!(matches!(
            v.confirm("director", d(2026, 11, 26)),
            Err(ViolationError::AlreadyConfirmed { .. })
        ));
        assert!(matches!(
            v.dismiss("director", d(2026, 11, 26), "误报"),
            Err(ViolationError::AlreadyConfirmed { .. })
        ));
        let mut v = proposed();
        v.dismiss("director", d(2026, 11, 25), "申请人自行延误")
            .unwrap();
        assert!(matches!(
            v.confirm("director", d(2026, 11, 26)),
            Err(ViolationError::AlreadyDismissed { .. })
        ));
    }

    #[test]
    fn dismissal_needs_a_reason() {
        let mut v = proposed();
        assert_eq!(
            v.dismiss("director", d(2026, 11, 25), "  "),
            Err(ViolationError::NoReason {
                staff: "zhouchy".into(),
                fact: d(2026, 11, 23)
            })
        );
        assert_eq!(v.state, ViolationState::Proposed);
    }

    #[test]
    fn decision_is_not_dated_before_the_fact() {
        let mut v = proposed();
        assert!(matches!(
            v.confirm("director", d(2026, 11, 22)),
            Err(ViolationError::BeforeFact { .. })
        ));
        assert!(matches!(
            v.confirm(" ", d(2026, 11, 23)),
            Err(ViolationError::NoDecider)
        ));
    }

    #[test]
    fn violation_serialises_and_reads_back() {
        let mut v = proposed();
        v.dismiss("director", d(2026, 11, 25), "系统故障").unwrap();
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<Violation>(&json).unwrap(), v);
    }
}
