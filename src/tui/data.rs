//! What the console holds of the server's data, and selections that follow what is selected:
//! a ticket by its number, a case by its id, a pending request by its key, never by a row.

use crate::domain::queue::Ticket;
use crate::event::AuditEvent;
use crate::protocol::{
    Approval, Around, CaseRow, CaseView, Rows, Selected, SupervisionView, TodayView,
};

/// A list a pane shows: the rows held around its selection, and the selected item by identity.
#[derive(Debug, Clone)]
pub struct List<K, T> {
    pub rows: Rows<T>,
    /// The selected row's index in the whole list.
    pub at: usize,
    /// The selected item, by identity: kept on it when the list changes around it.
    pub key: Option<K>,
    key_of: fn(&T) -> K,
}

impl<K: Clone + PartialEq, T> List<K, T> {
    pub fn new(key_of: fn(&T) -> K) -> Self {
        List {
            rows: Rows::default(),
            at: 0,
            key: None,
            key_of,
        }
    }

    pub fn selected(&self) -> Option<&T> {
        self.rows.get(self.at)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// What to ask the server for: the rows around the selected item, or around the row at
    /// the selection's place when nothing is selected.
    pub fn around(&self, rows: usize) -> Around<K> {
        Around {
            key: self.key.clone(),
            at: self.at as u32,
            rows: rows.max(1) as u32,
        }
    }

    /// Moves the selection by `by` rows, within the list. Returns whether the new row is among
    /// those held; if not, the rows around it must be asked for.
    pub fn step(&mut self, by: isize) -> bool {
        if self.rows.is_empty() {
            return true;
        }
        let last = self.len() - 1;
        self.at = self.at.saturating_add_signed(by).min(last);
        match self.rows.get(self.at) {
            Some(row) => {
                self.key = Some((self.key_of)(row));
                true
            }
            None => {
                // Asked for by its place; the reply names the item there.
                self.key = None;
                false
            }
        }
    }

    /// New rows from the server. Returns the item that was selected when it is gone and the
    /// selection fell to its neighbour, so the user can be told.
    pub fn apply(&mut self, s: Selected<T>) -> Option<K> {
        let lost = (!s.found).then(|| self.key.clone()).flatten();
        self.rows = s.rows;
        self.at = s.at.unwrap_or(0) as usize;
        self.key = self.rows.get(self.at).map(self.key_of);
        lost
    }
}

fn ticket_key(t: &Ticket) -> String {
    t.number.clone()
}

fn case_key(c: &CaseRow) -> u64 {
    c.id
}

fn approval_key(a: &Approval) -> String {
    a.key()
}

/// A case shown in the Case pane, with its history from the audit trail.
#[derive(Debug, Clone)]
pub struct Detail {
    pub view: CaseView,
    pub history: Vec<AuditEvent>,
}

/// What the server last told this console.
#[derive(Debug, Clone)]
pub struct Data {
    /// Today's queue as a clerk reads it: waiting (priority marked), then called, then no-shows.
    pub tickets: List<String, Ticket>,
    /// Open cases by deadline, then waiting and paused ones.
    pub cases: List<u64, CaseRow>,
    /// What waits for this user's decision.
    pub pending: List<String, Approval>,
    pub today: Option<TodayView>,
    /// The case shown in the Case pane.
    pub case: Option<Detail>,
    /// Every window's load, for the supervisor's view.
    pub supervision: Option<SupervisionView>,
    /// The visitor this clerk is serving (called by them, not yet done): a case opened now
    /// is for them.
    pub serving: Option<Ticket>,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            tickets: List::new(ticket_key),
            cases: List::new(case_key),
            pending: List::new(approval_key),
            today: None,
            case: None,
            supervision: None,
            serving: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[u64], offset: u32, total: u32, at: u32, found: bool) -> Selected<u64> {
        Selected {
            rows: Rows {
                offset,
                total,
                items: items.to_vec(),
            },
            at: Some(at),
            found,
        }
    }

    #[test]
    fn moving_within_the_rows_held_selects_by_identity_and_needs_no_request() {
        let mut l: List<u64, u64> = List::new(|x| *x);
        l.apply(list(&[10, 11, 12], 0, 3, 0, true));
        assert!(l.step(1));
        assert_eq!((l.at, l.key), (1, Some(11)));
        assert!(l.step(5));
        assert_eq!((l.at, l.key), (2, Some(12)), "stops at the last row");
    }

    #[test]
    fn moving_past_the_rows_held_asks_for_the_row_by_its_place() {
        let mut l: List<u64, u64> = List::new(|x| *x);
        l.apply(list(&[10, 11], 0, 50, 1, true));
        assert!(!l.step(1));
        let a = l.around(20);
        assert_eq!((a.key, a.at), (None, 2));
    }

    #[test]
    fn an_item_gone_from_the_list_is_named_and_its_neighbour_selected() {
        let mut l: List<u64, u64> = List::new(|x| *x);
        l.apply(list(&[10, 11, 12], 0, 3, 1, true));
        let lost = l.apply(list(&[10, 12], 0, 2, 1, false));
        assert_eq!(lost, Some(11));
        assert_eq!(l.key, Some(12));
    }
}
