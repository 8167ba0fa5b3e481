//! Which list the supervision pane shows: every window's load, or (for those who may see them)
//! the complaints' reply deadlines, the violations waiting for the director, the 差评
//! rectifications due, this month's return visits to call, or the ledgers.
//! One list at a time, so the pane fits 80×24; a key steps through those the view holds.

use crate::protocol::SupervisionView;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sheet {
    #[default]
    Windows,
    Complaints,
    Proposals,
    Ledgers,
    Rectifications,
    Visits,
}

impl Sheet {
    /// In the order the key steps through them; another list slots in here.
    pub const ALL: [Sheet; 6] = [
        Sheet::Windows,
        Sheet::Complaints,
        Sheet::Proposals,
        Sheet::Rectifications,
        Sheet::Visits,
        Sheet::Ledgers,
    ];

    /// How many rows the view holds of this list, or `None` when it is not for this viewer.
    pub fn held(self, v: &SupervisionView) -> Option<usize> {
        match self {
            Sheet::Windows => Some(v.windows.len()),
            Sheet::Complaints => v.complaints.as_ref().map(|l| l.rows.len()),
            Sheet::Proposals => v.proposals.as_ref().map(|l| l.rows.len()),
            Sheet::Ledgers => v.ledgers.as_ref().map(|l| l.rows.len()),
            Sheet::Rectifications => v.rectifications.as_ref().map(|l| l.rows.len()),
            Sheet::Visits => v.visits.as_ref().map(|l| l.rows.len()),
        }
    }

    /// The list after this one among those the view holds (back to the windows after the last).
    pub fn next(self, v: Option<&SupervisionView>) -> Sheet {
        let at = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        (1..=Self::ALL.len())
            .map(|k| Self::ALL[(at + k) % Self::ALL.len()])
            .find(|s| v.is_some_and(|v| s.held(v).is_some()))
            .unwrap_or(Sheet::Windows)
    }
}
