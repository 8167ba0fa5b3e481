//! Who serves each window at a given instant: the A post, or the B post covering (AB岗,
//! RULES §5, seed 000 三(四)). Only approved leave counts; a request still waiting leaves A at
//! the window. Both posts away raise the alarm only while the window is open.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::centre::{Centre, Staff, Window};
use super::leave::LeaveBook;

/// Who is at a window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "post", rename_all = "snake_case")]
pub enum Serving<'a> {
    /// A岗 — the window's own post holder.
    A(&'a Staff),
    /// 顶岗 — A is away; B serves with A's rights and responsibilities and answers for the
    /// results (000 三(四)3(2)).
    BCovering { b: &'a Staff, a: &'a Staff },
    /// A岗、B岗均缺位 — nobody holds the window while it is open; someone must be assigned.
    BothAway(Alarm<'a>),
    /// 顶岗 — both posts are away and `cover`, assigned by the director or the leader on
    /// duty, serves the window (000 三(四)4).
    Covered {
        cover: &'a Staff,
        a: &'a Staff,
        b: &'a Staff,
        /// Until when.
        until: NaiveDateTime,
    },
    /// Both posts away while the window is closed (after hours, the midday break, a rest day):
    /// the A/B rule binds only in the opening hours of working days (000 三(四)1), so no one is
    /// missing.
    OffHours { a: &'a Staff, b: &'a Staff },
}

impl<'a> Serving<'a> {
    /// The person at the window, if anyone.
    pub fn at_window(&self) -> Option<&'a Staff> {
        match self {
            Serving::A(a) => Some(a),
            Serving::BCovering { b, .. } => Some(b),
            Serving::Covered { cover, .. } => Some(cover),
            Serving::BothAway(_) | Serving::OffHours { .. } => None,
        }
    }
}

/// A window with both posts away. The director tells the duty leader and the window's
/// business leader, who assign someone familiar with the window (000 三(四)4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alarm<'a> {
    pub window: &'a Window,
    pub a: &'a Staff,
    pub b: &'a Staff,
    /// The director, the leaders on duty that day, then the window's business leader
    /// (岗位业务分管领导); each once.
    pub notify: Vec<&'a Staff>,
}

/// Who serves `window` at `at`; `None` for a window the centre does not have.
pub fn who_serves<'a>(
    centre: &'a Centre,
    leave: &LeaveBook,
    window: &str,
    at: NaiveDateTime,
) -> Option<Serving<'a>> {
    serving(centre, leave, centre.window(window)?, at)
}

/// Every window of the hall, in the centre's order, with who serves it at `at`.
pub fn hall_posts<'a>(
    centre: &'a Centre,
    leave: &LeaveBook,
    at: NaiveDateTime,
) -> Vec<(&'a Window, Serving<'a>)> {
    centre
        .windows
        .iter()
        .filter_map(|w| Some((w, serving(centre, leave, w, at)?)))
        .collect()
}

fn serving<'a>(
    centre: &'a Centre,
    leave: &LeaveBook,
    window: &'a Window,
    at: NaiveDateTime,
) -> Option<Serving<'a>> {
    // A checked centre names only known staff; a window that does not is left out.
    let a = centre.staff(&window.a)?;
    let b = centre.staff(&window.b)?;
    // A post holder covering another window is not at their own.
    let present = |s: &Staff| {
        leave.away_at(&s.code, at).is_none()
            && leave
                .covering_elsewhere(&s.code, &window.name, at)
                .is_none()
    };
    let cover = leave
        .cover_at(&window.name, at)
        .and_then(|c| Some((centre.staff(&c.staff)?, c.to)));
    Some(if present(a) {
        Serving::A(a)
    } else if present(b) {
        Serving::BCovering { b, a }
    } else if let Some((cover, until)) = cover {
        Serving::Covered { cover, a, b, until }
    } else if !leave.is_open(centre, at) {
        Serving::OffHours { a, b }
    } else {
        Serving::BothAway(Alarm {
            window,
            a,
            b,
            notify: notify(centre, leave, window, at.date()),
        })
    })
}

/// The alarm's people: the director, the duty leaders (after any duty swap) and the business
/// leader, each once and in that order.
fn notify<'a>(
    centre: &'a Centre,
    leave: &LeaveBook,
    window: &Window,
    date: NaiveDate,
) -> Vec<&'a Staff> {
    let mut out: Vec<&'a Staff> = Vec::new();
    let people = centre
        .staff(&centre.director)
        .into_iter()
        .chain(leave.duty_leaders(centre, date))
        .chain(centre.staff(&window.business_leader));
    for person in people {
        if !out.iter().any(|s| s.code == person.code) {
            out.push(person);
        }
    }
    out
}
