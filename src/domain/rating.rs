//! 好差评 — the applicant's rating of a completed case (RULES §10, §11), and the rectification
//! every 差评 opens: check the case, rectify, answer the rater, within N working days. The
//! staff member rated may appeal (申诉复核); the director decides. An upheld appeal takes the
//! 差评 off their record; a refused one leaves it standing and proposes a violation.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::case::{Case, CaseStatus};

mod record;
mod rectification;

pub use record::RatingRecord;
pub use rectification::{
    Answer, Appeal, AppealDecision, Rectification, RectificationError, RectificationState,
};

/// Working days a 差评's rectification is due in, unless the centre sets another number.
pub const DEFAULT_RECTIFICATION_DAYS: u32 = 5;

/// The longest reason a rating keeps, in characters.
pub const REASON_MAX_CHARS: usize = 200;

/// The five levels, 1 best to 5 worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Level {
    /// 非常满意 (1).
    VerySatisfied = 1,
    /// 满意 (2).
    Satisfied = 2,
    /// 基本满意 (3).
    FairlySatisfied = 3,
    /// 不满意 (4).
    Unsatisfied = 4,
    /// 非常不满意 (5).
    VeryUnsatisfied = 5,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::VerySatisfied,
        Level::Satisfied,
        Level::FairlySatisfied,
        Level::Unsatisfied,
        Level::VeryUnsatisfied,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Level::VerySatisfied => "非常满意",
            Level::Satisfied => "满意",
            Level::FairlySatisfied => "基本满意",
            Level::Unsatisfied => "不满意",
            Level::VeryUnsatisfied => "非常不满意",
        }
    }

    /// 不满意 and 非常不满意: a 差评, which opens a rectification.
    pub fn is_bad(self) -> bool {
        self >= Level::Unsatisfied
    }

    /// Reads `1`–`5` or the Chinese name.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|l| l.number().to_string() == t || l.chinese() == t)
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.number()
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|l| l.number() == n)
            .ok_or_else(|| format!("a rating level is 1 to 5, not {n}"))
    }
}

/// How the rating reached the centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingChannel {
    /// The rating pad at the window (评价器).
    Pad,
    /// A return visit (回访).
    Visit,
    /// A reply to the completion SMS (短信).
    Sms,
    /// Told at the desk and entered there.
    Desk,
}

impl RatingChannel {
    pub const ALL: [RatingChannel; 4] = [
        RatingChannel::Pad,
        RatingChannel::Visit,
        RatingChannel::Sms,
        RatingChannel::Desk,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RatingChannel::Pad => "pad",
            RatingChannel::Visit => "visit",
            RatingChannel::Sms => "sms",
            RatingChannel::Desk => "desk",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            RatingChannel::Pad => "评价器",
            RatingChannel::Visit => "回访",
            RatingChannel::Sms => "短信",
            RatingChannel::Desk => "窗口登记",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|c| c.key() == t || c.chinese() == t)
    }
}

/// The service a rating is of: a completed case, its window and the staff member who served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Served {
    pub case: u64,
    pub window: String,
    /// Staff code of the handler (承办人).
    pub staff: String,
    pub completed_on: NaiveDate,
}

impl Served {
    /// The service of case `id`; refused while the case is not completed.
    pub fn of_case(id: u64, case: &Case) -> Result<Self, RatingError> {
        match &case.status {
            CaseStatus::Completed { on, .. } => Ok(Served {
                case: id,
                window: case.window.clone(),
                staff: case.handler.clone(),
                completed_on: *on,
            }),
            CaseStatus::Open => Err(RatingError::NotCompleted {
                case: id,
                state: "open".to_owned(),
            }),
            CaseStatus::Rejected { .. } => Err(RatingError::NotCompleted {
                case: id,
                state: "rejected".to_owned(),
            }),
        }
    }
}

/// One rating (好差评).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub case: u64,
    pub window: String,
    /// Staff code of who served.
    pub staff: String,
    pub level: Level,
    pub reason: Option<String>,
    pub channel: RatingChannel,
    /// Staff code of who entered it (the pad's own code for the pad).
    pub entered_by: String,
    pub at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum RatingError {
    #[error(
        "case #{case} is {state}; only a completed case is rated — rate it once it is completed (RULES §11)"
    )]
    NotCompleted { case: u64, state: String },
    #[error(
        "{staff} served case #{case} and cannot enter its rating; the applicant rates on the pad, or another staff member enters what the applicant said (RULES §11)"
    )]
    OwnRating { staff: String, case: u64 },
    #[error("a rating records who entered it: give the staff code of who is entering it")]
    NoEnterer,
    #[error(
        "the reason is {chars} characters long; keep it to {max}, or leave the reason out (RULES §11)"
    )]
    ReasonTooLong { chars: usize, max: usize },
    #[error("the reason is empty; write what the applicant said, or give no reason at all")]
    EmptyReason,
    #[error(
        "case #{case} was completed on {completed_on}; a rating dated {at} would come before it — check the date"
    )]
    BeforeCompletion {
        case: u64,
        completed_on: NaiveDate,
        at: NaiveDateTime,
    },
}

impl Rating {
    /// A rating of `served`, entered by `entered_by` through `channel` at `at`. The staff
    /// member who served never enters their own rating.
    pub fn new(
        served: &Served,
        level: Level,
        reason: Option<&str>,
        channel: RatingChannel,
        entered_by: &str,
        at: NaiveDateTime,
    ) -> Result<Rating, RatingError> {
        let entered_by = entered_by.trim();
        if entered_by.is_empty() {
            return Err(RatingError::NoEnterer);
        }
        if entered_by == served.staff {
            return Err(RatingError::OwnRating {
                staff: served.staff.clone(),
                case: served.case,
            });
        }
        let reason = match reason.map(str::trim) {
            None => None,
            Some("") => return Err(RatingError::EmptyReason),
            Some(r) if r.chars().count() > REASON_MAX_CHARS => {
                return Err(RatingError::ReasonTooLong {
                    chars: r.chars().count(),
                    max: REASON_MAX_CHARS,
                });
            }
            Some(r) => Some(r.to_owned()),
        };
        if at.date() < served.completed_on {
            return Err(RatingError::BeforeCompletion {
                case: served.case,
                completed_on: served.completed_on,
                at,
            });
        }
        Ok(Rating {
            case: served.case,
            window: served.window.clone(),
            staff: served.staff.clone(),
            level,
            reason,
            channel,
            entered_by: entered_by.to_owned(),
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn at(m: u32, day: u32) -> NaiveDateTime {
        d(m, day).and_hms_opt(10, 30, 0).unwrap()
    }

    fn served() -> Served {
        Served {
            case: 12,
            window: "民政救助".into(),
            staff: "C01".into(),
            completed_on: d(11, 23),
        }
    }

    #[test]
    fn levels_read_from_one_to_five_and_the_worst_two_are_bad() {
        let bad: Vec<_> = ["1", "2", "3", "4", "5"]
            .iter()
            .map(|t| Level::parse(t).unwrap().is_bad())
            .collect();
        assert_eq!(bad, [false, false, false, true, true]);
        assert_eq!(Level::parse("3").unwrap().chinese(), "基本满意");
        assert_eq!(Level::parse("非常不满意"), Some(Level::VeryUnsatisfied));
        assert_eq!(Level::parse("0"), None);
        assert_eq!(Level::parse("6"), None);
    }

    #[test]
    fn level_serialises_as_its_number() {
        assert_eq!(serde_json::to_string(&Level::Unsatisfied).unwrap(), "4");
        assert_eq!(
            serde_json::from_str::<Level>("2").unwrap(),
            Level::Satisfied
        );
        assert!(serde_json::from_str::<Level>("6").is_err());
    }

    #[test]
    fn channels_read_back_by_key() {
        for c in RatingChannel::ALL {
            assert_eq!(RatingChannel::parse(c.key()), Some(c));
        }
        assert_eq!(RatingChannel::parse("visit"), Some(RatingChannel::Visit));
        assert_eq!(RatingChannel::parse("phone"), None);
    }

    #[test]
    fn rating_records_who_entered_it_and_how() {
        let r = Rating::new(
            &served(),
            Level::Satisfied,
            Some(" 办事快 "),
            RatingChannel::Desk,
            "C02",
            at(11, 23),
        )
        .unwrap();
        assert_eq!((r.case, r.staff.as_str()), (12, "C01"));
        assert_eq!(
            (r.entered_by.as_str(), r.channel),
            ("C02", RatingChannel::Desk)
        );
        assert_eq!(r.reason.as_deref(), Some("办事快"));
    }

    #[test]
    fn staff_member_rated_can_never_enter_their_own_rating() {
        let r = Rating::new(
            &served(),
            Level::VerySatisfied,
            None,
            RatingChannel::Desk,
            "C01",
            at(11, 23),
        );
        assert_eq!(
            r,
            Err(RatingError::OwnRating {
                staff: "C01".into(),
                case: 12
            })
        );
    }

    #[test]
    fn reason_is_either_absent_or_written_and_not_too_long() {
        let new = |reason: Option<&str>| {
            Rating::new(
                &served(),
                Level::Unsatisfied,
                reason,
                RatingChannel::Pad,
                "pad-1",
                at(11, 24),
            )
        };
        assert!(new(None).unwrap().reason.is_none());
        assert_eq!(new(Some("  ")), Err(RatingError::EmptyReason));
        let long = "慢".repeat(REASON_MAX_CHARS + 1);
        assert_eq!(
            new(Some(&long)),
            Err(RatingError::ReasonTooLong {
                chars: REASON_MAX_CHARS + 1,
                max: REASON_MAX_CHARS
            })
        );
        assert!(new(Some(&"慢".repeat(REASON_MAX_CHARS))).is_ok());
    }

    #[test]
    fn rating_is_not_dated_before_the_case_was_completed() {
        let r = Rating::new(
            &served(),
            Level::Satisfied,
            None,
            RatingChannel::Sms,
            "C02",
            at(11, 20),
        );
        assert!(matches!(r, Err(RatingError::BeforeCompletion { .. })));
    }

    #[test]
    fn only_a_completed_case_is_rated_and_its_handler_is_who_served() {
        let mut case = fixtures::accepted("MZ-005", "C01", None);
        assert!(matches!(
            Served::of_case(3, &case),
            Err(RatingError::NotCompleted { case: 3, .. })
        ));
        case.status = CaseStatus::Completed {
            on: d(11, 25),
            late: None,
        };
        let s = Served::of_case(3, &case).unwrap();
        assert_eq!((s.case, s.staff.as_str()), (3, "C01"));
        assert_eq!((s.window, s.completed_on), (case.window.clone(), d(11, 25)));
    }
}
