//! Keeping what the console shows in step with the server: each part of the screen is read on
//! its own, only when a change notice names it (or the selection moves), and never twice at
//! once. A part asked for again while its read is on the way is read once more after it.

use std::collections::{BTreeSet, HashMap};

use crate::protocol::Topic;

/// A part of the screen that is read on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Queue,
    Cases,
    Pending,
    Today,
    /// The case shown in the Case pane, with its history.
    Case,
    /// Every window's load (the supervisor's view).
    Supervision,
}

/// What a request on the way was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Part(Part),
    /// The whole screen at once: the first paint, or after reconnecting.
    Screen,
    /// Something the user did; its reply goes to the overlay that sent it when `overlay`.
    Act {
        overlay: bool,
    },
}

#[derive(Debug, Default)]
pub struct Sync {
    on_the_way: HashMap<u64, Purpose>,
    asked: BTreeSet<Part>,
    again: BTreeSet<Part>,
}

impl Sync {
    /// Whether a read of `part` should be sent now; if one is on the way already, it is read
    /// again when that one is answered.
    pub fn want(&mut self, part: Part) -> bool {
        if self.asked.contains(&part) {
            self.again.insert(part);
            false
        } else {
            self.asked.insert(part);
            true
        }
    }

    pub fn sent(&mut self, id: u64, purpose: Purpose) {
        self.on_the_way.insert(id, purpose);
    }

    /// A reply came: what it was for, and whether its part must be read again.
    pub fn answered(&mut self, id: u64) -> Option<(Purpose, bool)> {
        let purpose = self.on_the_way.remove(&id)?;
        let again = match purpose {
            Purpose::Part(p) => {
                self.asked.remove(&p);
                self.again.remove(&p)
            }
            _ => false,
        };
        Some((purpose, again))
    }

    /// Something the user did waits for its answer: keys typed meanwhile wait too, so they act
    /// on what that answer shows (typing ahead works as if each key had waited).
    pub fn acting(&self) -> bool {
        self.on_the_way
            .values()
            .any(|p| matches!(p, Purpose::Act { .. } | Purpose::Screen))
    }

    /// Whether nothing is on the way.
    pub fn idle(&self) -> bool {
        self.on_the_way.is_empty()
    }

    /// The connection is gone: nothing will be answered.
    pub fn reset(&mut self) {
        *self = Sync::default();
    }
}

/// The parts a change notice names, for a console showing `shows`.
pub fn parts_named(topic: &Topic, shown_case: Option<u64>, shows: &[Part]) -> Vec<Part> {
    let named: &[Part] = match topic {
        Topic::Ticket { .. } => &[Part::Queue, Part::Today, Part::Supervision],
        // A case may be one its first-asked person follows, among what waits for them.
        Topic::Case { id } if Some(*id) == shown_case => &[
            Part::Cases,
            Part::Case,
            Part::Pending,
            Part::Today,
            Part::Supervision,
        ],
        Topic::Case { .. } => &[Part::Cases, Part::Pending, Part::Today, Part::Supervision],
        Topic::Extension { .. } | Topic::Enquiry { .. } => &[Part::Pending],
        Topic::Leave { .. } => &[Part::Pending, Part::Today],
        // Nothing on screen shows the duty log itself.
        Topic::Duty => &[],
        Topic::Cover { .. } => &[Part::Today],
        // The register's deadlines, the violations to decide and the ledgers are supervision's,
        // as a rectification's due day is.
        Topic::Complaint { .. } | Topic::Violation { .. } | Topic::Rating { .. } => {
            &[Part::Supervision]
        }
        Topic::Clock => &[Part::Today, Part::Supervision],
    };
    named
        .iter()
        .copied()
        .filter(|p| shows.contains(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESK: &[Part] = &[
        Part::Queue,
        Part::Cases,
        Part::Pending,
        Part::Today,
        Part::Case,
    ];

    #[test]
    fn a_ticket_notice_rereads_the_queue_and_the_days_counts_only() {
        let parts = parts_named(
            &Topic::Ticket {
                number: "A001".into(),
            },
            Some(3),
            DESK,
        );
        assert_eq!(parts, [Part::Queue, Part::Today]);
    }

    #[test]
    fn a_case_notice_rereads_the_case_pane_only_for_the_case_shown() {
        let other = parts_named(&Topic::Case { id: 4 }, Some(3), DESK);
        assert!(!other.contains(&Part::Case));
        let shown = parts_named(&Topic::Case { id: 3 }, Some(3), DESK);
        assert!(shown.contains(&Part::Case));
    }

    #[test]
    fn a_part_asked_for_while_its_read_is_on_the_way_is_read_once_more_after_it() {
        let mut s = Sync::default();
        assert!(s.want(Part::Queue));
        s.sent(1, Purpose::Part(Part::Queue));
        assert!(!s.want(Part::Queue));
        assert!(!s.want(Part::Queue));
        assert_eq!(s.answered(1), Some((Purpose::Part(Part::Queue), true)));
        assert!(s.want(Part::Queue), "free to ask again");
    }
}
