//! Shared helpers for the leave and posts tests: dates in Nov–Dec 2026 and leave slips.

use chrono::{NaiveDate, NaiveDateTime};
use frontdesk::domain::centre::Centre;
use frontdesk::domain::leave::{AbsenceKind, DutySwap, LeaveBook, NewLeave};
use frontdesk::domain::posts::Serving;

pub fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

pub fn at(m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(h, min, 0).unwrap()
}

pub fn leave(staff: &str, from: NaiveDateTime, to: NaiveDateTime) -> NewLeave {
    NewLeave {
        staff: staff.into(),
        kind: AbsenceKind::Leave,
        from,
        to,
        reason: "家中有事".into(),
        swaps: Vec::new(),
    }
}

pub fn swap(date: NaiveDate, cover: &str) -> DutySwap {
    DutySwap {
        date,
        covering_leader: cover.into(),
        reported_to_head: true,
        handed_over: true,
    }
}

/// Requested on Monday the 23rd and approved by the director at once.
pub fn approved(book: &mut LeaveBook, centre: &Centre, new: NewLeave) -> u64 {
    let id = book.request(centre, new, at(11, 23, 8, 30)).unwrap();
    book.approve(centre, id, "D01", at(11, 23, 9, 0)).unwrap();
    id
}

/// 周春英 (A of 民政救助) away on Tuesday the 24th, from opening to closing.
pub fn a_away_on_the_24th() -> NewLeave {
    leave("C01", at(11, 24, 8, 0), at(11, 24, 17, 0))
}

pub fn names(serving: &Serving) -> (String, Option<String>) {
    match serving {
        Serving::A(a) => (a.name.clone(), None),
        Serving::BCovering { b, a } => (b.name.clone(), Some(a.name.clone())),
        Serving::Covered { cover, a, .. } => (cover.name.clone(), Some(a.name.clone())),
        Serving::BothAway(_) | Serving::OffHours { .. } => ("nobody".into(), None),
    }
}
