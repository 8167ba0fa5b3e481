//! Proposals from recorded facts (RULES §9): each names the staff member the fact points to,
//! and waits, [`ViolationState::Proposed`], for the director to confirm or dismiss it.

use chrono::NaiveDate;

use super::{Source, Violation, ViolationState, ViolationType};

fn proposal(
    staff: &str,
    kind: ViolationType,
    on: NaiveDate,
    source: Source,
    serious: bool,
) -> Violation {
    Violation {
        staff: staff.to_owned(),
        kind,
        on,
        source,
        serious,
        state: ViolationState::Proposed,
        note: String::new(),
    }
}

/// Case `case`, due on `due`, was found overdue on `on` (the first day past `due`, or its late
/// completion): against its handler (002 一(三)2).
pub fn overdue(case: u64, handler: &str, due: NaiveDate, on: NaiveDate) -> Violation {
    proposal(
        handler,
        ViolationType::Deadline,
        on,
        Source::Overdue { case, due },
        false,
    )
}

/// Notice `notice` of case `case`, issued on `on`, names materials an earlier notice should
/// have listed: against its author (一次性告知, 002 一(三)3).
pub fn later_notice(case: u64, notice: u32, author: &str, on: NaiveDate) -> Violation {
    proposal(
        author,
        ViolationType::OneTimeNotice,
        on,
        Source::LaterNotice { case, notice },
        false,
    )
}

/// `window` had neither post present and no cover on `date`: against its A and B both
/// ("同时追究AB岗人员责任", 000 三(四)3(5)); one proposal when one person holds both posts.
pub fn empty_post(window: &str, date: NaiveDate, a: &str, b: &str) -> Vec<Violation> {
    let mut posts = vec![a];
    if b != a {
        posts.push(b);
    }
    posts
        .into_iter()
        .map(|staff| {
            proposal(
                staff,
                ViolationType::EmptyPost,
                date,
                Source::EmptyPost {
                    window: window.to_owned(),
                    date,
                },
                false,
            )
        })
        .collect()
}

/// Complaint `complaint`, upheld, about `staff`; `kind` is what it was about (most often
/// [`ViolationType::Attitude`], 002 第三十五条), `on` the day of the matter complained of.
pub fn complaint(
    complaint: u64,
    staff: &str,
    kind: ViolationType,
    on: NaiveDate,
    serious: bool,
) -> Violation {
    proposal(staff, kind, on, Source::Complaint { complaint }, serious)
}

/// A violation the director enters by hand, with what happened.
pub fn recorded(
    staff: &str,
    kind: ViolationType,
    on: NaiveDate,
    serious: bool,
    note: &str,
) -> Violation {
    Violation {
        note: note.trim().to_owned(),
        ..proposal(staff, kind, on, Source::Recorded, serious)
    }
}

/// 差评 `rating`, upheld on review, of `staff` who served; `on` is the day it was rated.
pub fn upheld_rating(rating: u64, staff: &str, on: NaiveDate) -> Violation {
    proposal(
        staff,
        ViolationType::Attitude,
        on,
        Source::Rating { rating },
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn overdue_case_proposes_a_deadline_violation_of_its_handler() {
        let v = overdue(12, "zhouchy", d(2026, 11, 20), d(2026, 11, 23));
        assert_eq!(v.staff, "zhouchy");
        assert_eq!(v.kind, ViolationType::Deadline);
        assert_eq!(v.on, d(2026, 11, 23));
        assert_eq!(v.state, ViolationState::Proposed);
    }

    #[test]
    fn later_notice_proposes_a_one_time_notice_violation_of_its_author() {
        let v = later_notice(12, 2, "yangqf", d(2026, 11, 24));
        assert_eq!(
            (v.staff.as_str(), v.kind),
            ("yangqf", ViolationType::OneTimeNotice)
        );
        assert_eq!(
            v.source,
            Source::LaterNotice {
                case: 12,
                notice: 2
            }
        );
    }

    #[test]
    fn empty_post_proposes_against_both_a_and_b() {
        let vs = empty_post("民政救助", d(2026, 11, 24), "zhouchy", "yangqf");
        let staff: Vec<_> = vs.iter().map(|v| v.staff.as_str()).collect();
        assert_eq!(staff, ["zhouchy", "yangqf"]);
        assert!(vs.iter().all(|v| v.kind == ViolationType::EmptyPost));
        assert_eq!(empty_post("民政救助", d(2026, 11, 24), "x", "x").len(), 1);
    }

    #[test]
    fn upheld_complaint_proposes_against_the_staff_member_concerned() {
        let v = complaint(7, "tonglh", ViolationType::Attitude, d(2026, 11, 2), true);
        assert_eq!(v.staff, "tonglh");
        assert!(v.serious);
        assert_eq!(v.source.describe(), "投诉 #7 经查属实");
    }

    #[test]
    fn recorded_violation_keeps_its_note() {
        let v = recorded(
            "tonglh",
            ViolationType::Other,
            d(2026, 11, 2),
            false,
            " 迟报 ",
        );
        assert_eq!((v.note.as_str(), &v.source), ("迟报", &Source::Recorded));
    }
}
