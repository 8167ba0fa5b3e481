//! A rating as it is kept: the rating and the rectification its 差评 opened, changed together,
//! and where the rectification stands in one word for lists.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Rating, Rectification, RectificationState};

/// A rating with its rectification (none unless it is a 差评). The rectification is numbered
/// as its rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRecord {
    pub rating: Rating,
    #[serde(default)]
    pub rectification: Option<Rectification>,
}

impl RatingRecord {
    /// `-` (no rectification), `open DUE`, `answered`, `appealed`, `upheld` (the appeal refused:
    /// the 差评 stands) or `withdrawn` (the appeal upheld: it no longer counts).
    pub fn state(&self) -> String {
        let Some(r) = &self.rectification else {
            return "-".into();
        };
        match &r.state {
            RectificationState::Open => format!("open {}", r.due),
            RectificationState::Answered { .. } => "answered".into(),
            RectificationState::Appealed { .. } => "appealed".into(),
            RectificationState::AppealDecided { decision, .. } if decision.upheld => {
                "withdrawn".into()
            }
            RectificationState::AppealDecided { .. } => "upheld".into(),
        }
    }

    /// The day its rectification is due while it still waits for its answer: unanswered and
    /// still counting against the staff member (an upheld appeal withdraws it).
    pub fn due_while_waiting(&self) -> Option<NaiveDate> {
        self.rectification
            .as_ref()
            .filter(|r| r.answer().is_none() && r.counts_against_staff())
            .map(|r| r.due)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::calendar::Calendar;
    use crate::domain::rating::{Level, RatingChannel, Served};

    fn record(level: Level) -> RatingRecord {
        let served = Served {
            case: 4,
            window: "民政救助".into(),
            staff: "C01".into(),
            completed_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        };
        let at = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let rating = Rating::new(&served, level, None, RatingChannel::Pad, "pad", at).unwrap();
        let rectification = Rectification::open(1, &rating, &Calendar::default(), 5).unwrap();
        RatingRecord {
            rating,
            rectification,
        }
    }

    #[test]
    fn a_rectification_waits_until_answered_and_is_withdrawn_by_an_upheld_appeal() {
        let good = record(Level::Satisfied);
        assert_eq!(
            (good.state().as_str(), good.due_while_waiting()),
            ("-", None)
        );
        let mut bad = record(Level::Unsatisfied);
        let due = bad.rectification.as_ref().unwrap().due;
        assert_eq!(bad.state(), format!("open {due}"));
        assert_eq!(bad.due_while_waiting(), Some(due));
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let r = bad.rectification.as_mut().unwrap();
        r.appeal("C01", day, "申请人误评").unwrap();
        r.decide_appeal("D01", day, true, "监控显示服务规范")
            .unwrap();
        assert_eq!(bad.state(), "withdrawn");
        assert_eq!(bad.due_while_waiting(), None);
    }
}
