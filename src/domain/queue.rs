//! The visitor queue (排队叫号, RULES §14): tickets numbered per day with each window's prefix
//! letter, priority for the elderly, disabled and vulnerable interleaved so no one is starved,
//! call, recall, no-show, and transfer that keeps the number and the first-asked person (§1).

use crate::domain::words::Word;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum TicketStatus {
    Waiting,
    /// Called to a window; `recalls` counts the calls after the first.
    Called {
        at: NaiveDateTime,
        by: String,
        window: String,
        recalls: u32,
    },
    /// Did not come after the recalls (过号).
    NoShow {
        at: NaiveDateTime,
        by: String,
    },
}

/// One queue ticket (号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub date: NaiveDate,
    /// `A001`: the prefix of the window it was first taken for, and its number that day.
    pub number: String,
    /// The window whose queue it stands in now.
    pub window: String,
    /// 老弱病残孕 and other special groups (RULES §14).
    pub priority: bool,
    /// The service item asked for, if the visitor said.
    pub item: Option<String>,
    pub taken_at: NaiveDateTime,
    /// Who took it (the staff code), for a ticket taken at a window or on the phone.
    pub taken_by: String,
    /// The first-asked person (首问), kept through transfers.
    pub first_asked: Option<String>,
    pub status: TicketStatus,
    /// Windows it was transferred from, in order.
    pub transferred_from: Vec<String>,
}

/// The ticket number for the `seq`-th ticket of a window's day: `A001` … `A999`, `A1000` ….
pub fn ticket_number(prefix: char, seq: u32) -> String {
    format!("{prefix}{seq:03}")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum QueueError {
    #[error("ticket {number} is {state}; only a waiting ticket can be {action}")]
    NotWaiting {
        number: String,
        state: Word,
        action: Word,
    },
    #[error("ticket {number} has not been called, so it cannot be {action}")]
    NotCalled { number: String, action: Word },
    #[error(
        "ticket {number} was recalled {recalls} time(s); it can be marked a no-show after {needed} recalls (centre setting no_show_after_recalls)"
    )]
    TooFewRecalls {
        number: String,
        recalls: u32,
        needed: u32,
    },
    #[error("ticket {number} already stands at {window}")]
    SameWindow { number: String, window: String },
}

impl Ticket {
    fn state(&self) -> &'static str {
        match self.status {
            TicketStatus::Waiting => "waiting",
            TicketStatus::Called { .. } => "called",
            TicketStatus::NoShow { .. } => "a no-show",
        }
    }

    pub fn call(&mut self, window: &str, by: &str, at: NaiveDateTime) -> Result<(), QueueError> {
        if self.status != TicketStatus::Waiting {
            return Err(QueueError::NotWaiting {
                number: self.number.clone(),
                state: Word(self.state()),
                action: Word("called"),
            });
        }
        self.status = TicketStatus::Called {
            at,
            by: by.to_string(),
            window: window.to_string(),
            recalls: 0,
        };
        Ok(())
    }

    pub fn recall(&mut self) -> Result<u32, QueueError> {
        match &mut self.status {
            TicketStatus::Called { recalls, .. } => {
                *recalls += 1;
                Ok(*recalls)
            }
            _ => Err(QueueError::NotCalled {
                number: self.number.clone(),
                action: Word("recalled"),
            }),
        }
    }

    /// Marks a called visitor who did not come, once they were recalled enough times.
    pub fn no_show(&mut self, by: &str, at: NaiveDateTime, needed: u32) -> Result<(), QueueError> {
        let TicketStatus::Called { recalls, .. } = self.status else {
            return Err(QueueError::NotCalled {
                number: self.number.clone(),
                action: Word("marked a no-show"),
            });
        };
        if recalls < needed {
            return Err(QueueError::TooFewRecalls {
                number: self.number.clone(),
                recalls,
                needed,
            });
        }
        self.status = TicketStatus::NoShow {
            at,
            by: by.to_string(),
        };
        Ok(())
    }

    /// Sends the visitor to another window's queue, keeping the number, the place in order
    /// and the first-asked person (RULES §1).
    pub fn transfer(&mut self, to_window: &str) -> Result<(), QueueError> {
        if matches!(self.status, TicketStatus::NoShow { .. }) {
            return Err(QueueError::NotWaiting {
                number: self.number.clone(),
                state: Word(self.state()),
                action: Word("transferred"),
            });
        }
        if self.window == to_window {
            return Err(QueueError::SameWindow {
                number: self.number.clone(),
                window: to_window.to_string(),
            });
        }
        self.transferred_from
            .push(std::mem::replace(&mut self.window, to_window.to_string()));
        self.status = TicketStatus::Waiting;
        Ok(())
    }
}

/// Today's tickets in the order a clerk reads them: waiting (priority marked), then called,
/// then no-shows, each in the order taken.
pub fn queue_order(tickets: &mut [Ticket]) {
    let rank = |t: &Ticket| match t.status {
        TicketStatus::Waiting => 0,
        TicketStatus::Called { .. } => 1,
        TicketStatus::NoShow { .. } => 2,
    };
    tickets.sort_by(|a, b| (rank(a), a.taken_at, &a.number).cmp(&(rank(b), b.taken_at, &b.number)));
}

/// Which waiting ticket a window calls next. `waiting` is in the order taken; `priority_run`
/// is how many priority tickets the window called in a row just before. Priority goes first,
/// but after `interleave` of them in a row an ordinary visitor is called if one waits, so that
/// no one is starved (RULES §14).
pub fn next_to_call<'a>(
    waiting: &[&'a Ticket],
    priority_run: u32,
    interleave: u32,
) -> Option<&'a Ticket> {
    let first_priority = waiting.iter().find(|t| t.priority).copied();
    let first_ordinary = waiting.iter().find(|t| !t.priority).copied();
    match (first_priority, first_ordinary) {
        (Some(p), Some(_)) if priority_run < interleave => Some(p),
        (Some(_), Some(o)) => Some(o),
        (p, o) => p.or(o),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(n: u32, priority: bool) -> Ticket {
        let at = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, n)
            .unwrap();
        Ticket {
            date: at.date(),
            number: ticket_number('A', n),
            window: "民政救助".into(),
            priority,
            item: None,
            taken_at: at,
            taken_by: "C01".into(),
            first_asked: Some("C01".into()),
            status: TicketStatus::Waiting,
            transferred_from: vec![],
        }
    }

    #[test]
    fn ticket_numbers_carry_the_window_prefix_and_three_digits() {
        assert_eq!(ticket_number('A', 1), "A001");
        assert_eq!(ticket_number('E', 42), "E042");
        assert_eq!(ticket_number('B', 1000), "B1000");
    }

    #[test]
    fn priority_goes_first_but_never_starves_ordinary_visitors() {
        let queue = [t(1, false), t(2, true), t(3, true), t(4, true)];
        let waiting: Vec<&Ticket> = queue.iter().collect();
        assert_eq!(next_to_call(&waiting, 0, 2).unwrap().number, "A002");
        assert_eq!(next_to_call(&waiting, 1, 2).unwrap().number, "A002");
        assert_eq!(next_to_call(&waiting, 2, 2).unwrap().number, "A001");
    }

    #[test]
    fn with_only_one_kind_waiting_the_earliest_is_called() {
        let queue = [t(5, true), t(6, true)];
        let waiting: Vec<&Ticket> = queue.iter().collect();
        assert_eq!(next_to_call(&waiting, 9, 2).unwrap().number, "A005");
        assert!(next_to_call(&[], 0, 2).is_none());
    }

    #[test]
    fn no_show_only_after_the_set_number_of_recalls() {
        let mut ticket = t(1, false);
        let at = ticket.taken_at;
        ticket.call("民政救助", "C01", at).unwrap();
        assert!(matches!(
            ticket.no_show("C01", at, 2),
            Err(QueueError::TooFewRecalls { recalls: 0, .. })
        ));
        ticket.recall().unwrap();
        ticket.recall().unwrap();
        ticket.no_show("C01", at, 2).unwrap();
        assert!(matches!(ticket.status, TicketStatus::NoShow { .. }));
        assert!(ticket.call("民政救助", "C01", at).is_err());
    }

    #[test]
    fn transfer_keeps_number_and_first_asked_and_waits_again() {
        let mut ticket = t(7, false);
        let at = ticket.taken_at;
        ticket.call("民政救助", "C01", at).unwrap();
        ticket.transfer("医疗保险").unwrap();
        assert_eq!(ticket.number, "A007");
        assert_eq!(ticket.window, "医疗保险");
        assert_eq!(ticket.first_asked.as_deref(), Some("C01"));
        assert_eq!(ticket.transferred_from, ["民政救助"]);
        assert_eq!(ticket.status, TicketStatus::Waiting);
        assert!(matches!(
            ticket.transfer("医疗保险"),
            Err(QueueError::SameWindow { .. })
        ));
    }
}
