//! Cover for a window whose A and B posts are both away (顶岗, RULES §5, seed 000 三(四)4): the
//! director tells the leader on duty and the window's business leader, who assign someone
//! familiar with the window. The assignment is recorded, and the window counts as served by
//! the cover for its time.
//!
//! Who "knows the window" (熟悉该窗口业务): its business leader (岗位业务分管领导), and the A
//! and B posts of every window under the same business leader — the same area of business.
//! The leader on duty assigns one of them; the director may name anyone who serves at the
//! desk (docs/decisions.md).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::centre::{Centre, Role, Staff, Window};
pub use super::leave::Cover;
use super::leave::LeaveBook;
use super::opening;

/// What the director or the leader on duty writes when they assign cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCover {
    pub window: String,
    pub staff: String,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

/// Whether `staff` knows `window`: its business leader, or a post of a window of the same
/// business leader.
pub fn knows_window(centre: &Centre, staff: &Staff, window: &Window) -> bool {
    staff.code == window.business_leader
        || centre.windows.iter().any(|w| {
            w.business_leader == window.business_leader && (w.a == staff.code || w.b == staff.code)
        })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum CoverError {
    #[error("the centre has no window `{name}`; name one of its windows")]
    UnknownWindow { name: String },
    #[error("no staff member has the code `{code}`; use the code on the centre's staff list")]
    UnknownStaff { code: String },
    #[error(
        "the cover of {window} would end ({}) no later than it starts ({}); give an end after the start",
        hm(.to), hm(.from)
    )]
    EmptyPeriod {
        window: String,
        from: NaiveDateTime,
        to: NaiveDateTime,
    },
    #[error(
        "{name} holds a post of {window} and is away; cover is someone else who knows the window (000 三(四)4)"
    )]
    OwnPost { name: String, window: String },
    #[error("{name} serves at no window ({role}); name a clerk, a leader or the director")]
    ServesNoWindow { name: String, role: String },
    #[error(
        "{window} has its A ({a}) or B ({b}) post at the window at every open time from {} to {}; cover is assigned only while both are away (000 三(四)4)",
        hm(.from), hm(.to)
    )]
    NotNeeded {
        window: String,
        a: String,
        b: String,
        from: NaiveDateTime,
        to: NaiveDateTime,
    },
    #[error("{name} is down as away then (leave #{leave}); name someone who is in")]
    CoverAway { name: String, leave: u64 },
    #[error(
        "{window} already has {name} covering it from {} to {} (cover #{other}); give a time after it",
        hm(.from), hm(.to)
    )]
    AlreadyCovered {
        window: String,
        name: String,
        other: u64,
        from: NaiveDateTime,
        to: NaiveDateTime,
    },
    #[error(
        "{name} already covers {window} then (cover #{other}); one person serves one window at a time"
    )]
    CoverBusy {
        name: String,
        window: String,
        other: u64,
    },
}

fn hm(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Checks an assignment of cover against the book's leave and covers, and returns it as
/// cover `id`, assigned by `by` at `now`. The gate has already said that `by` may assign
/// this person (the director anyone; the leader on duty those who know the window).
pub fn assign(
    centre: &Centre,
    book: &LeaveBook,
    new: NewCover,
    by: &Staff,
    id: u64,
    now: NaiveDateTime,
) -> Result<Cover, CoverError> {
    let window = centre
        .window(&new.window)
        .ok_or_else(|| CoverError::UnknownWindow {
            name: new.window.clone(),
        })?;
    let staff = centre
        .staff(&new.staff)
        .ok_or_else(|| CoverError::UnknownStaff {
            code: new.staff.clone(),
        })?;
    if new.from >= new.to {
        return Err(CoverError::EmptyPeriod {
            window: window.name.clone(),
            from: new.from,
            to: new.to,
        });
    }
    if staff.code == window.a || staff.code == window.b {
        return Err(CoverError::OwnPost {
            name: staff.name.clone(),
            window: window.name.clone(),
        });
    }
    if matches!(staff.role, Role::Supervisor | Role::Admin) {
        return Err(CoverError::ServesNoWindow {
            name: staff.name.clone(),
            role: staff.role.key().to_string(),
        });
    }
    if !both_away_while_open(centre, book, window, (new.from, new.to)) {
        return Err(CoverError::NotNeeded {
            window: window.name.clone(),
            a: centre.name_of(&window.a).to_owned(),
            b: centre.name_of(&window.b).to_owned(),
            from: new.from,
            to: new.to,
        });
    }
    let span = (new.from, new.to);
    if let Some(r) = book.requests().iter().find(|r| {
        r.staff == staff.code
            && r.claimed_span()
                .is_some_and(|(f, t)| f < span.1 && span.0 < t)
    }) {
        return Err(CoverError::CoverAway {
            name: staff.name.clone(),
            leave: r.id,
        });
    }
    if let Some(c) = book
        .covers()
        .iter()
        .find(|c| c.window == window.name && c.overlaps(new.from, new.to))
    {
        return Err(CoverError::AlreadyCovered {
            window: window.name.clone(),
            name: centre.name_of(&c.staff).to_owned(),
            other: c.id,
            from: c.from,
            to: c.to,
        });
    }
    if let Some(c) = book
        .covers()
        .iter()
        .find(|c| c.staff == staff.code && c.overlaps(new.from, new.to))
    {
        return Err(CoverError::CoverBusy {
            name: staff.name.clone(),
            window: c.window.clone(),
            other: c.id,
        });
    }
    Ok(Cover {
        id,
        window: window.name.clone(),
        staff: staff.code.clone(),
        from: new.from,
        to: new.to,
        assigned_by: by.code.clone(),
        assigned_at: now,
        named_by_director: !knows_window(centre, staff, window),
    })
}

/// Whether A and B of `window` are both on approved leave at some open instant of `span`.
fn both_away_while_open(
    centre: &Centre,
    book: &LeaveBook,
    window: &Window,
    span: (NaiveDateTime, NaiveDateTime),
) -> bool {
    let spans = |code: &str| -> Vec<(NaiveDateTime, NaiveDateTime)> {
        book.requests()
            .iter()
            .filter(|r| r.staff == code)
            .filter_map(|r| r.approved_span())
            .collect()
    };
    let (a, b) = (spans(&window.a), spans(&window.b));
    a.iter().any(|x| {
        b.iter().any(|y| {
            let from = x.0.max(y.0).max(span.0);
            let to = x.1.min(y.1).min(span.1);
            from < to
                && opening::first_open_instant(book.calendar(), &centre.hours, (from, to)).is_some()
        })
    })
}
