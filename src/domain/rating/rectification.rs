//! The rectification a 差评 opens (整改, RULES §11): the case checked, the fault rectified,
//! the rater answered within N working days; and the staff member's appeal (申诉复核), which
//! the director decides.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Rating;
use crate::domain::accountability::{self, Violation};
use crate::domain::calendar::{Calendar, CalendarError};

/// What was done about a 差评: the case checked, the fault rectified, the rater answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub on: NaiveDate,
    pub by: String,
    pub checked: String,
    pub rectified: String,
    pub reply: String,
}

/// The staff member's appeal (申诉复核).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub on: NaiveDate,
    pub reason: String,
}

/// The director's decision on an appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealDecision {
    pub on: NaiveDate,
    pub by: String,
    /// Upheld: the 差评 does not count against the staff member. Refused: it stands.
    pub upheld: bool,
    pub reason: String,
}

/// Where a rectification stands. The answer, once given, is kept through the appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RectificationState {
    Open,
    Answered {
        answer: Answer,
    },
    Appealed {
        appeal: Appeal,
        answer: Option<Answer>,
    },
    AppealDecided {
        appeal: Appeal,
        decision: AppealDecision,
        answer: Option<Answer>,
    },
}

/// The rectification a 差评 opens (整改).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rectification {
    pub rating: u64,
    /// Staff code of who served.
    pub staff: String,
    pub due: NaiveDate,
    /// The due day was counted through a year without an official schedule (暂定).
    #[serde(default)]
    pub due_provisional: bool,
    pub state: RectificationState,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum RectificationError {
    #[error("the rectification's due day cannot be counted: {0}")]
    Calendar(CalendarError),
    #[error(
        "the 差评 #{rating} was already answered by {by} on {on}; an answer is given once (RULES §11)"
    )]
    AlreadyAnswered {
        rating: u64,
        by: String,
        on: NaiveDate,
    },
    #[error(
        "the answer to 差评 #{rating} says {part}; write it — check the case, rectify, answer the rater (RULES §11)"
    )]
    MissingAnswerPart { rating: u64, part: String },
    #[error(
        "only {staff}, who was rated, appeals 差评 #{rating}; {by} cannot appeal for them (申诉复核)"
    )]
    NotTheirs {
        rating: u64,
        staff: String,
        by: String,
    },
    #[error("an appeal says why the 差评 #{rating} is wrong; write the reason (申诉复核)")]
    NoAppealReason { rating: u64 },
    #[error(
        "差评 #{rating} was already appealed on {on}; wait for the director's decision (申诉复核)"
    )]
    AlreadyAppealed { rating: u64, on: NaiveDate },
    #[error(
        "the appeal of 差评 #{rating} was decided by {by} on {on}; a decided appeal is not appealed again (申诉复核)"
    )]
    AppealAfterDecision {
        rating: u64,
        by: String,
        on: NaiveDate,
    },
    #[error("差评 #{rating} has no appeal to decide; the staff member appeals first (申诉复核)")]
    NoAppeal { rating: u64 },
    #[error(
        "the appeal of 差评 #{rating} was already decided by {by} on {on}; a decision is made once (申诉复核)"
    )]
    AlreadyDecided {
        rating: u64,
        by: String,
        on: NaiveDate,
    },
    #[error(
        "{staff} cannot decide the appeal of their own 差评 #{rating}; the director decides it (申诉复核)"
    )]
    OwnAppeal { rating: u64, staff: String },
    #[error("the decision on the appeal of 差评 #{rating} says why; write the reason (申诉复核)")]
    NoDecisionReason { rating: u64 },
    #[error("a decision names who made it: give the director's staff code")]
    NoDecider,
    #[error(
        "it would be dated {on}, before the appeal on {appealed}; date it on or after {appealed}"
    )]
    BeforeAppeal { on: NaiveDate, appealed: NaiveDate },
}

fn required(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl Rectification {
    /// The rectification of rating `rating_id`: `Some` for a 差评, due `days` working days
    /// after the day it was rated; `None` for any other level.
    pub fn open(
        rating_id: u64,
        rating: &Rating,
        calendar: &Calendar,
        days: u32,
    ) -> Result<Option<Rectification>, RectificationError> {
        if !rating.level.is_bad() {
            return Ok(None);
        }
        let due = calendar
            .add_working_days(rating.at.date(), days)
            .map_err(RectificationError::Calendar)?;
        Ok(Some(Rectification {
            rating: rating_id,
            staff: rating.staff.clone(),
            due: due.value,
            due_provisional: due.is_provisional(),
            state: RectificationState::Open,
        }))
    }

    pub fn answer(&self) -> Option<&Answer> {
        match &self.state {
            RectificationState::Open => None,
            RectificationState::Answered { answer } => Some(answer),
            RectificationState::Appealed { answer, .. }
            | RectificationState::AppealDecided { answer, .. } => answer.as_ref(),
        }
    }

    /// Not answered and past its due day on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.answer().is_none() && today > self.due
    }

    /// False once the director has upheld the appeal: the 差评 no longer counts against them.
    pub fn counts_against_staff(&self) -> bool {
        !matches!(
            &self.state,
            RectificationState::AppealDecided { decision, .. } if decision.upheld
        )
    }

    /// The appeal was refused: the 差评 is upheld on review.
    pub fn upheld_on_review(&self) -> bool {
        matches!(
            &self.state,
            RectificationState::AppealDecided { decision, .. } if !decision.upheld
        )
    }

    /// The violation a 差评 upheld on review proposes against who served (RULES §9); `None`
    /// otherwise. Its day is the day of the rating.
    pub fn proposed_violation(&self, rating: &Rating) -> Option<Violation> {
        self.upheld_on_review()
            .then(|| accountability::upheld_rating(self.rating, &self.staff, rating.at.date()))
    }

    /// Records what was done: the case checked, the fault rectified, the rater answered.
    pub fn record_answer(
        &mut self,
        by: &str,
        on: NaiveDate,
        checked: &str,
        rectified: &str,
        reply: &str,
    ) -> Result<(), RectificationError> {
        if let Some(a) = self.answer() {
            return Err(RectificationError::AlreadyAnswered {
                rating: self.rating,
                by: a.by.clone(),
                on: a.on,
            });
        }
        let part = |text: &str, name: &str| {
            required(text).ok_or_else(|| RectificationError::MissingAnswerPart {
                rating: self.rating,
                part: name.to_owned(),
            })
        };
        let by = required(by).ok_or(RectificationError::NoDecider)?;
        let answer = Answer {
            on,
            by,
            checked: part(checked, "what was checked")?,
            rectified: part(rectified, "what was rectified")?,
            reply: part(reply, "what the rater was told")?,
        };
        self.state = match std::mem::replace(&mut self.state, RectificationState::Open) {
            RectificationState::Open | RectificationState::Answered { .. } => {
                RectificationState::Answered { answer }
            }
            RectificationState::Appealed { appeal, .. } => RectificationState::Appealed {
                appeal,
                answer: Some(answer),
            },
            RectificationState::AppealDecided {
                appeal, decision, ..
            } => RectificationState::AppealDecided {
                appeal,
                decision,
                answer: Some(answer),
            },
        };
        Ok(())
    }

    /// The staff member rated appeals (申诉复核), before or after answering.
    pub fn appeal(
        &mut self,
        by: &str,
        on: NaiveDate,
        reason: &str,
    ) -> Result<(), RectificationError> {
        if by.trim() != self.staff {
            return Err(RectificationError::NotTheirs {
                rating: self.rating,
                staff: self.staff.clone(),
                by: by.trim().to_owned(),
            });
        }
        let answer = match &self.state {
            RectificationState::Open => None,
            RectificationState::Answered { answer } => Some(answer.clone()),
            RectificationState::Appealed { appeal, .. } => {
                return Err(RectificationError::AlreadyAppealed {
                    rating: self.rating,
                    on: appeal.on,
                });
            }
            RectificationState::AppealDecided { decision, .. } => {
                return Err(RectificationError::AppealAfterDecision {
                    rating: self.rating,
                    by: decision.by.clone(),
                    on: decision.on,
                });
            }
        };
        let reason = required(reason).ok_or(RectificationError::NoAppealReason {
            rating: self.rating,
        })?;
        self.state = RectificationState::Appealed {
            appeal: Appeal { on, reason },
            answer,
        };
        Ok(())
    }

    /// The director decides the appeal: `upheld` takes the 差评 off the staff member's record.
    pub fn decide_appeal(
        &mut self,
        by: &str,
        on: NaiveDate,
        upheld: bool,
        reason: &str,
    ) -> Result<(), RectificationError> {
        let (appeal, answer) = match &self.state {
            RectificationState::Open | RectificationState::Answered { .. } => {
                return Err(RectificationError::NoAppeal {
                    rating: self.rating,
                });
            }
            RectificationState::AppealDecided { decision, .. } => {
                return Err(RectificationError::AlreadyDecided {
                    rating: self.rating,
                    by: decision.by.clone(),
                    on: decision.on,
                });
            }
            RectificationState::Appealed { appeal, answer } => (appeal.clone(), answer.clone()),
        };
        let by = required(by).ok_or(RectificationError::NoDecider)?;
        if by == self.staff {
            return Err(RectificationError::OwnAppeal {
                rating: self.rating,
                staff: by,
            });
        }
        if on < appeal.on {
            return Err(RectificationError::BeforeAppeal {
                on,
                appealed: appeal.on,
            });
        }
        let reason = required(reason).ok_or(RectificationError::NoDecisionReason {
            rating: self.rating,
        })?;
        self.state = RectificationState::AppealDecided {
            appeal,
            decision: AppealDecision {
                on,
                by,
                upheld,
                reason,
            },
            answer,
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::super::{Level, RatingChannel, Served};
    use super::*;
    use crate::domain::accountability::{Source, ViolationType};
    use crate::fixtures;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn at(m: u32, day: u32) -> NaiveDateTime {
        d(m, day).and_hms_opt(16, 0, 0).unwrap()
    }

    fn rating(level: Level, m: u32, day: u32) -> Rating {
        let served = Served {
            case: 12,
            window: "民政救助".into(),
            staff: "C01".into(),
            completed_on: d(m, day),
        };
        Rating::new(
            &served,
            level,
            None,
            RatingChannel::Pad,
            "pad-1",
            at(m, day),
        )
        .unwrap()
    }

    fn opened() -> Rectification {
        let r = rating(Level::Unsatisfied, 11, 23);
        Rectification::open(9, &r, &fixtures::calendar(), 5)
            .unwrap()
            .unwrap()
    }

    fn answer(r: &mut Rectification) -> Result<(), RectificationError> {
        r.record_answer(
            "C01",
            d(11, 25),
            "核查办件记录",
            "补正告知流程",
            "电话向评价人说明",
        )
    }

    #[test]
    fn a_bad_rating_opens_its_rectification_and_a_good_one_does_not() {
        let cal = fixtures::calendar();
        for level in [Level::Unsatisfied, Level::VeryUnsatisfied] {
            let r = Rectification::open(9, &rating(level, 11, 23), &cal, 5).unwrap();
            let r = r.unwrap();
            assert_eq!((r.rating, r.staff.as_str()), (9, "C01"));
            assert_eq!(r.state, RectificationState::Open);
        }
        for level in [
            Level::VerySatisfied,
            Level::Satisfied,
            Level::FairlySatisfied,
        ] {
            assert_eq!(
                Rectification::open(9, &rating(level, 11, 23), &cal, 5),
                Ok(None)
            );
        }
    }

    #[test]
    fn rectification_is_due_in_working_days_across_a_holiday_and_a_make_up_day() {
        // Rated Wed 30 Sep 2026: 1–7 Oct are 国庆节, Sat 10 Oct is worked; five working days
        // are 8, 9, 10, 12 and 13 Oct.
        let r = Rectification::open(
            9,
            &rating(Level::Unsatisfied, 9, 30),
            &fixtures::calendar(),
            5,
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.due, d(10, 13));
        assert!(!r.due_provisional);
        let r = Rectification::open(
            9,
            &rating(Level::Unsatisfied, 9, 30),
            &fixtures::calendar(),
            3,
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.due, d(10, 10));
    }

    #[test]
    fn due_day_counted_into_a_year_without_schedule_is_provisional() {
        let r = Rectification::open(
            9,
            &rating(Level::Unsatisfied, 12, 30),
            &fixtures::calendar(),
            5,
        )
        .unwrap()
        .unwrap();
        assert!(r.due_provisional);
    }

    #[test]
    fn zero_working_days_is_refused() {
        let r = Rectification::open(
            9,
            &rating(Level::Unsatisfied, 11, 23),
            &fixtures::calendar(),
            0,
        );
        assert_eq!(
            r,
            Err(RectificationError::Calendar(CalendarError::ZeroPeriod(0)))
        );
    }

    #[test]
    fn rectification_is_answered_once_with_check_rectification_and_reply() {
        let mut r = opened();
        assert!(r.is_overdue(d(12, 1)));
        answer(&mut r).unwrap();
        assert!(!r.is_overdue(d(12, 1)));
        assert_eq!(r.answer().unwrap().reply, "电话向评价人说明");
        assert!(matches!(
            answer(&mut r),
            Err(RectificationError::AlreadyAnswered { rating: 9, .. })
        ));
    }

    #[test]
    fn answer_leaves_out_no_part() {
        let mut r = opened();
        assert!(matches!(
            r.record_answer("C01", d(11, 25), "核查", " ", "已回复"),
            Err(RectificationError::MissingAnswerPart { .. })
        ));
        assert_eq!(r.state, RectificationState::Open);
    }

    #[test]
    fn upheld_appeal_takes_the_bad_rating_off_the_record() {
        let mut r = opened();
        r.appeal("C01", d(11, 24), "评价人误按").unwrap();
        assert!(r.counts_against_staff());
        r.decide_appeal("D01", d(11, 26), true, "监控显示服务规范")
            .unwrap();
        assert!(!r.counts_against_staff());
        assert!(!r.upheld_on_review());
        assert!(
            r.proposed_violation(&rating(Level::Unsatisfied, 11, 23))
                .is_none()
        );
    }

    #[test]
    fn refused_appeal_upholds_the_rating_and_proposes_a_violation() {
        let mut r = opened();
        answer(&mut r).unwrap();
        r.appeal("C01", d(11, 26), "材料不全非本人原因").unwrap();
        r.decide_appeal("D01", d(11, 27), false, "确属告知不清")
            .unwrap();
        assert!(r.counts_against_staff() && r.upheld_on_review());
        // The answer given before the appeal is kept.
        assert_eq!(r.answer().unwrap().by, "C01");
        let v = r
            .proposed_violation(&rating(Level::Unsatisfied, 11, 23))
            .unwrap();
        assert_eq!((v.staff.as_str(), v.kind), ("C01", ViolationType::Attitude));
        assert_eq!((v.on, v.source), (d(11, 23), Source::Rating { rating: 9 }));
    }

    #[test]
    fn only_the_staff_member_rated_appeals_with_a_reason_and_once() {
        let mut r = opened();
        assert!(matches!(
            r.appeal("C02", d(11, 24), "理由"),
            Err(RectificationError::NotTheirs { .. })
        ));
        assert!(matches!(
            r.appeal("C01", d(11, 24), ""),
            Err(RectificationError::NoAppealReason { rating: 9 })
        ));
        r.appeal("C01", d(11, 24), "理由").unwrap();
        assert!(matches!(
            r.appeal("C01", d(11, 25), "再申诉"),
            Err(RectificationError::AlreadyAppealed { .. })
        ));
        r.decide_appeal("D01", d(11, 26), false, "维持").unwrap();
        assert!(matches!(
            r.appeal("C01", d(11, 27), "再申诉"),
            Err(RectificationError::AppealAfterDecision { .. })
        ));
    }

    #[test]
    fn an_appeal_is_decided_once_by_someone_else_with_a_reason() {
        let mut r = opened();
        assert_eq!(
            r.decide_appeal("D01", d(11, 26), true, "理由"),
            Err(RectificationError::NoAppeal { rating: 9 })
        );
        r.appeal("C01", d(11, 24), "理由").unwrap();
        assert!(matches!(
            r.decide_appeal("C01", d(11, 26), true, "理由"),
            Err(RectificationError::OwnAppeal { .. })
        ));
        assert!(matches!(
            r.decide_appeal("D01", d(11, 26), true, " "),
            Err(RectificationError::NoDecisionReason { .. })
        ));
        assert!(matches!(
            r.decide_appeal("D01", d(11, 23), true, "理由"),
            Err(RectificationError::BeforeAppeal { .. })
        ));
        r.decide_appeal("D01", d(11, 26), true, "理由").unwrap();
        assert!(matches!(
            r.decide_appeal("D01", d(11, 27), false, "改判"),
            Err(RectificationError::AlreadyDecided { .. })
        ));
    }

    #[test]
    fn the_rater_is_still_answered_after_the_appeal_is_decided() {
        let mut r = opened();
        r.appeal("C01", d(11, 24), "理由").unwrap();
        r.decide_appeal("D01", d(11, 25), true, "理由").unwrap();
        answer(&mut r).unwrap();
        assert!(matches!(
            r.state,
            RectificationState::AppealDecided {
                answer: Some(_),
                ..
            }
        ));
    }

    #[test]
    fn rectification_serialises_and_reads_back() {
        let mut r = opened();
        r.appeal("C01", d(11, 24), "理由").unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Rectification>(&json).unwrap(), r);
    }
}
