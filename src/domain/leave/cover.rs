//! The cover (顶岗) assigned to a window whose A and B posts are both away, as the leave book
//! keeps it: who serves which window when. Who may be assigned is `domain::cover`'s.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::LeaveBook;

/// One assignment of cover (顶岗安排).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cover {
    pub id: u64,
    pub window: String,
    /// Staff code of who serves the window.
    pub staff: String,
    /// The cover is `from <= t < to`.
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    /// Staff code of the director or leader on duty who assigned it.
    pub assigned_by: String,
    pub assigned_at: NaiveDateTime,
    /// The cover does not know the window by the rule above: the director named them.
    pub named_by_director: bool,
}

impl Cover {
    pub fn covers(&self, at: NaiveDateTime) -> bool {
        self.from <= at && at < self.to
    }

    pub(crate) fn overlaps(&self, from: NaiveDateTime, to: NaiveDateTime) -> bool {
        self.from < to && from < self.to
    }
}

impl LeaveBook {
    /// The book with the cover assigned in its span of time (顶岗).
    pub fn with_covers(mut self, covers: Vec<Cover>) -> Self {
        self.covers = covers;
        self
    }

    pub fn covers(&self) -> &[Cover] {
        &self.covers
    }

    /// Adds a cover assignment checked by [`crate::domain::cover::assign`].
    pub fn add_cover(&mut self, cover: Cover) {
        self.covers.push(cover);
    }

    /// The cover serving `window` at `at`, if any.
    pub fn cover_at(&self, window: &str, at: NaiveDateTime) -> Option<&Cover> {
        self.covers
            .iter()
            .find(|c| c.window == window && c.covers(at))
    }

    /// The cover `staff` serves at another window than `window` at `at`: they are not at their
    /// own window then.
    pub fn covering_elsewhere(
        &self,
        staff: &str,
        window: &str,
        at: NaiveDateTime,
    ) -> Option<&Cover> {
        self.covers
            .iter()
            .find(|c| c.staff == staff && c.window != window && c.covers(at))
    }
}
