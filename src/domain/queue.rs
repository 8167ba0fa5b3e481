//! The visitor queue (排队叫号, RULES §14): tickets numbered per day with each window's prefix
//! letter, priority for the elderly, disabled and vulnerable interleaved so no one is starved,
//! call (in turn, or out of turn with a reason), recall, finish, no-show (undone the same day),
//! and transfer that keeps the number and the first-asked person (§1). Each ticket keeps its
//! wait (taken to first call) and its service (call to done), as a queue machine reports them.

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
        /// Called before others waiting, for this reason.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        out_of_turn: Option<String>,
    },
    /// Served and finished (办完): called at `called_at`, done at `at`.
    Done {
        at: NaiveDateTime,
        by: String,
        window: String,
        called_at: NaiveDateTime,
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
    /// Its place in the day's order of taking (1, 2, …): the queue is called in this order,
    /// never by clock times, which a restarted server with an earlier clock would reorder.
    /// 0 for tickets written before it was kept.
    #[serde(default)]
    pub order: u32,
    /// When it was first called: its wait ends here, whatever transfers follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_called: Option<NaiveDateTime>,
    /// The case opened for this visitor, when one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<u64>,
    /// How many were to be called before it at its window when it was taken (printed on its
    /// slip); none for tickets written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ahead: Option<u32>,
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
    #[error("ticket {number} would be called out of turn; say why (a reason is recorded)")]
    OutOfTurnWithoutReason { number: String },
    #[error("ticket {number} is {state}; only a no-show can be restored to the queue")]
    NotNoShow { number: String, state: Word },
    #[error("ticket {number} was taken on {date}; only today's no-shows can be restored")]
    NotToday { number: String, date: NaiveDate },
    #[error("nobody is being served at {window} by you; call a visitor first")]
    NoneServed { window: String },
}

impl TicketStatus {
    /// The state in a word, as lists and the audit trail write it: `waiting`, `called`,
    /// `recalled 2`, `done`, `no-show`.
    pub fn word(&self) -> String {
        match self {
            TicketStatus::Waiting => "waiting".into(),
            TicketStatus::Called { recalls: 0, .. } => "called".into(),
            TicketStatus::Called { recalls, .. } => format!("recalled {recalls}"),
            TicketStatus::Done { .. } => "done".into(),
            TicketStatus::NoShow { .. } => "no-show".into(),
        }
    }
}

impl Ticket {
    fn state(&self) -> &'static str {
        match self.status {
            TicketStatus::Waiting => "waiting",
            TicketStatus::Called { .. } => "called",
            TicketStatus::Done { .. } => "done",
            TicketStatus::NoShow { .. } => "a no-show",
        }
    }

    /// Calls the visitor to `window`, in turn.
    pub fn call(&mut self, window: &str, by: &str, at: NaiveDateTime) -> Result<(), QueueError> {
        self.call_as(window, by, at, None)
    }

    /// Calls the visitor before others who wait; the reason is recorded.
    pub fn call_out_of_turn(
        &mut self,
        window: &str,
        by: &str,
        at: NaiveDateTime,
        reason: &str,
    ) -> Result<(), QueueError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(QueueError::OutOfTurnWithoutReason {
                number: self.number.clone(),
            });
        }
        self.call_as(window, by, at, Some(reason.to_string()))
    }

    fn call_as(
        &mut self,
        window: &str,
        by: &str,
        at: NaiveDateTime,
        out_of_turn: Option<String>,
    ) -> Result<(), QueueError> {
        if self.status != TicketStatus::Waiting {
            return Err(QueueError::NotWaiting {
                number: self.number.clone(),
                state: Word(self.state()),
                action: Word("called"),
            });
        }
        self.first_called.get_or_insert(at);
        self.status = TicketStatus::Called {
            at,
            by: by.to_string(),
            window: window.to_string(),
            recalls: 0,
            out_of_turn,
        };
        Ok(())
    }

    /// The visitor called was served: done.
    pub fn finish(&mut self, by: &str, at: NaiveDateTime) -> Result<(), QueueError> {
        let TicketStatus::Called {
            at: called_at,
            window,
            ..
        } = &self.status
        else {
            return Err(QueueError::NotCalled {
                number: self.number.clone(),
                action: Word("finished"),
            });
        };
        self.status = TicketStatus::Done {
            at,
            by: by.to_string(),
            window: window.clone(),
            called_at: *called_at,
        };
        Ok(())
    }

    /// A no-show who came back the same day waits again, in their own place (their number's
    /// place in the day's order).
    pub fn restore(&mut self, today: NaiveDate) -> Result<(), QueueError> {
        if !matches!(self.status, TicketStatus::NoShow { .. }) {
            return Err(QueueError::NotNoShow {
                number: self.number.clone(),
                state: Word(self.state()),
            });
        }
        if self.date != today {
            return Err(QueueError::NotToday {
                number: self.number.clone(),
                date: self.date,
            });
        }
        self.status = TicketStatus::Waiting;
        Ok(())
    }

    /// From taking the ticket to its first call.
    pub fn wait(&self) -> Option<chrono::TimeDelta> {
        self.first_called.map(|c| c - self.taken_at)
    }

    /// From the last call to done.
    pub fn service(&self) -> Option<chrono::TimeDelta> {
        match &self.status {
            TicketStatus::Done { at, called_at, .. } => Some(*at - *called_at),
            _ => None,
        }
    }

    /// Whether `by` is serving this visitor at `window`: called there by them, not yet done.
    pub fn served_by(&self, window: &str, by: &str) -> bool {
        matches!(&self.status, TicketStatus::Called { window: w, by: b, .. } if w == window && b == by)
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
        if matches!(
            self.status,
            TicketStatus::NoShow { .. } | TicketStatus::Done { .. }
        ) {
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

/// Tickets in the day's order of taking: by their place, then (for tickets written before
/// places were kept) by when taken and their number.
pub fn day_order(tickets: &mut [Ticket]) {
    tickets.sort_by(|a, b| (a.order, a.taken_at, &a.number).cmp(&(b.order, b.taken_at, &b.number)));
}

/// Today's tickets in the order a clerk reads them: waiting (priority marked), then called,
/// then no-shows (who may come back), then those done; each in the day's order.
pub fn queue_order(tickets: &mut [Ticket]) {
    day_order(tickets);
    let rank = |t: &Ticket| match t.status {
        TicketStatus::Waiting => 0,
        TicketStatus::Called { .. } => 1,
        TicketStatus::NoShow { .. } => 2,
        TicketStatus::Done { .. } => 3,
    };
    tickets.sort_by_key(rank);
}

/// Which waiting ticket a window calls next. `waiting` is in the day's order ([`day_order`]); `priority_run`
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

/// How many of `waiting` (a window's waiting tickets, in the day's order) its window calls
/// before `new`, a ticket just taken there: the calls [`next_to_call`] would make, played out
/// from the window's `priority_run`, until `new` comes up.
pub fn ahead_of(waiting: &[&Ticket], new: &Ticket, priority_run: u32, interleave: u32) -> u32 {
    let mut left: Vec<&Ticket> = waiting.to_vec();
    left.push(new);
    let (mut run, mut calls) = (priority_run, 0);
    while let Some(next) = next_to_call(&left, run, interleave) {
        if next.number == new.number {
            break;
        }
        run = if next.priority { run + 1 } else { 0 };
        calls += 1;
        left.retain(|t| t.number != next.number);
    }
    calls
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
            order: n,
            first_called: None,
            case: None,
            ahead: None,
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
    fn those_ahead_are_the_calls_the_window_makes_before_the_new_ticket() {
        // Waiting: two ordinary, two priority; two priority in a row, then an ordinary one.
        let queue = [t(1, false), t(2, true), t(3, false), t(4, true)];
        let waiting: Vec<&Ticket> = queue.iter().collect();
        // An ordinary ticket waits for everyone.
        assert_eq!(ahead_of(&waiting, &t(9, false), 0, 2), 4);
        // A priority one: A002, A004 are called, then the interleave lets A001 in.
        assert_eq!(ahead_of(&waiting, &t(9, true), 0, 2), 3);
        // After a run of two priority calls the next is ordinary: A001, then A002, A004.
        assert_eq!(ahead_of(&waiting, &t(9, true), 2, 2), 4);
        // With an interleave of one they alternate: A002, A001, A004, A003, then the new one.
        assert_eq!(ahead_of(&waiting, &t(9, true), 0, 1), 4);
        assert_eq!(ahead_of(&[], &t(9, false), 0, 2), 0);
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

    #[test]
    fn the_day_is_called_in_the_order_taken_whatever_the_clock_said() {
        // A002 was taken after a restart with an earlier clock: its time is before A001's.
        let mut a1 = t(1, false);
        let mut a2 = t(2, false);
        a1.taken_at += chrono::TimeDelta::minutes(30);
        a2.taken_at -= chrono::TimeDelta::minutes(30);
        let mut day = vec![a2, a1];
        day_order(&mut day);
        let waiting: Vec<&Ticket> = day.iter().collect();
        assert_eq!(next_to_call(&waiting, 0, 2).unwrap().number, "A001");
    }

    #[test]
    fn a_visitor_finished_keeps_their_wait_and_their_service_time() {
        let mut ticket = t(1, false);
        let taken = ticket.taken_at;
        let called = taken + chrono::TimeDelta::minutes(12);
        ticket.call("民政救助", "C01", called).unwrap();
        assert!(ticket.served_by("民政救助", "C01"));
        ticket
            .finish("C01", called + chrono::TimeDelta::minutes(5))
            .unwrap();
        assert_eq!(ticket.wait(), Some(chrono::TimeDelta::minutes(12)));
        assert_eq!(ticket.service(), Some(chrono::TimeDelta::minutes(5)));
        assert_eq!(ticket.status.word(), "done");
        assert!(matches!(
            ticket.finish("C01", called),
            Err(QueueError::NotCalled { .. })
        ));
        assert!(
            ticket.transfer("医疗保险").is_err(),
            "a finished visitor stays finished"
        );
    }

    #[test]
    fn a_wait_ends_at_the_first_call_even_after_a_transfer() {
        let mut ticket = t(1, false);
        let first = ticket.taken_at + chrono::TimeDelta::minutes(3);
        ticket.call("民政救助", "C01", first).unwrap();
        ticket.transfer("医疗保险").unwrap();
        ticket
            .call("医疗保险", "C05", first + chrono::TimeDelta::minutes(20))
            .unwrap();
        assert_eq!(ticket.wait(), Some(chrono::TimeDelta::minutes(3)));
    }

    #[test]
    fn out_of_turn_a_call_needs_a_reason_and_keeps_it() {
        let mut ticket = t(5, false);
        let at = ticket.taken_at;
        assert!(matches!(
            ticket.call_out_of_turn("民政救助", "C01", at, "  "),
            Err(QueueError::OutOfTurnWithoutReason { .. })
        ));
        ticket
            .call_out_of_turn("民政救助", "C01", at, "预约办理")
            .unwrap();
        assert!(matches!(
            &ticket.status,
            TicketStatus::Called { out_of_turn: Some(r), .. } if r == "预约办理"
        ));
    }

    #[test]
    fn a_no_show_restored_the_same_day_waits_in_their_own_place() {
        let mut day = vec![t(1, false), t(2, false), t(3, false)];
        let at = day[0].taken_at;
        day[0].call("民政救助", "C01", at).unwrap();
        day[0].recall().unwrap();
        day[0].recall().unwrap();
        day[0].no_show("C01", at, 2).unwrap();
        day[0].restore(at.date()).unwrap();
        day_order(&mut day);
        let waiting: Vec<&Ticket> = day
            .iter()
            .filter(|t| t.status == TicketStatus::Waiting)
            .collect();
        assert_eq!(next_to_call(&waiting, 0, 2).unwrap().number, "A001");
        assert!(matches!(
            day[1].restore(at.date()),
            Err(QueueError::NotNoShow { .. })
        ));
        let mut yesterday = t(4, false);
        yesterday.call("民政救助", "C01", at).unwrap();
        yesterday.recall().unwrap();
        yesterday.recall().unwrap();
        yesterday.no_show("C01", at, 2).unwrap();
        assert!(matches!(
            yesterday.restore(at.date().succ_opt().unwrap()),
            Err(QueueError::NotToday { .. })
        ));
    }
}
