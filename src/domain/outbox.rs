//! Completion messages (办结短信): when a case completes its applicant is told by SMS (RULES §4,
//! 000 "办结后短信告知"). The message is composed here from the case and the centre, kept in an
//! outbox in the store, and delivered by the server through a command of the centre's; the
//! rules of delivery — the back-off between attempts, which message is due, the status shown —
//! are pure functions here, the time passed in.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::case::Case;
use super::centre::Centre;
// The centre file's `[sms]` settings, which the delivery reads.
pub use super::centre::SmsSettings;

mod reason;
mod text;

pub use reason::{AttemptError, sanitise};
pub use text::compose;

/// The most characters of one SMS in Chinese (UCS-2: 70 characters, ASCII ones included).
pub const ONE_SMS: usize = 70;

/// Where a message stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    /// To be sent at `due`: at once when queued, later after a failed attempt.
    Waiting { due: NaiveDateTime },
    /// The command took it (exit status 0).
    Sent { at: NaiveDateTime },
    /// Every attempt of its round failed; `outbox retry` queues it again.
    Failed { at: NaiveDateTime },
}

/// One message of the outbox: to the applicant of a completed case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub case: u64,
    pub phone: String,
    pub text: String,
    pub queued_at: NaiveDateTime,
    /// Attempts made, in every round.
    pub attempts: u32,
    /// Attempts made since it was queued, or queued again.
    pub round: u32,
    /// Why the last attempt failed, sanitised (no control characters, phone numbers masked).
    pub last_error: Option<String>,
    pub state: State,
}

/// The states a list of the outbox may be narrowed to. A message waiting for a retry is queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Queued,
    Sent,
    Failed,
}

impl DeliveryState {
    pub const ALL: [DeliveryState; 3] = [
        DeliveryState::Queued,
        DeliveryState::Sent,
        DeliveryState::Failed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DeliveryState::Queued => "queued",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == text)
    }
}

/// A message's status as the case and the outbox show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Not tried yet (no command is set, or it is about to be tried).
    Queued,
    /// Attempt `attempt` failed with `error`; the next is at `next`.
    Retrying {
        attempt: u32,
        next: NaiveDateTime,
        error: String,
    },
    Sent {
        at: NaiveDateTime,
        attempts: u32,
    },
    Failed {
        at: NaiveDateTime,
        attempts: u32,
        why: String,
    },
}

/// A retry asked of a message that has not failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("message {id} is {state}; only a failed message is queued again")]
pub struct NotFailed {
    pub id: u64,
    pub state: &'static str,
}

impl Message {
    /// The message a completed case sends its applicant, queued `now`; none when the applicant
    /// gave no phone number.
    pub fn on_completion(
        id: u64,
        case: &Case,
        centre: &Centre,
        now: NaiveDateTime,
    ) -> Option<Self> {
        let phone = case.applicant.phone.as_deref().map(str::trim)?;
        if phone.is_empty() {
            return None;
        }
        Some(Message {
            case: id,
            phone: phone.to_string(),
            text: compose(id, case, centre),
            queued_at: now,
            attempts: 0,
            round: 0,
            last_error: None,
            state: State::Waiting { due: now },
        })
    }

    /// When it is to be tried, while it waits.
    pub fn due(&self) -> Option<NaiveDateTime> {
        match self.state {
            State::Waiting { due } => Some(due),
            _ => None,
        }
    }

    pub fn delivery_state(&self) -> DeliveryState {
        match self.state {
            State::Waiting { .. } => DeliveryState::Queued,
            State::Sent { .. } => DeliveryState::Sent,
            State::Failed { .. } => DeliveryState::Failed,
        }
    }

    pub fn status(&self) -> Status {
        let error = || self.last_error.clone().unwrap_or_default();
        match self.state {
            State::Waiting { .. } if self.round == 0 => Status::Queued,
            State::Waiting { due } => Status::Retrying {
                attempt: self.round,
                next: due,
                error: error(),
            },
            State::Sent { at } => Status::Sent {
                at,
                attempts: self.attempts,
            },
            State::Failed { at } => Status::Failed {
                at,
                attempts: self.attempts,
                why: error(),
            },
        }
    }

    /// An attempt at `at` was taken by the command.
    pub fn delivered(&mut self, at: NaiveDateTime) {
        self.attempts += 1;
        self.round += 1;
        self.state = State::Sent { at };
    }

    /// An attempt at `at` failed with `why`: it waits for the next attempt after the back-off,
    /// or, its round's attempts spent, it has failed.
    pub fn attempt_failed(&mut self, at: NaiveDateTime, why: String, sms: &SmsSettings) {
        self.attempts += 1;
        self.round += 1;
        self.last_error = Some(why);
        self.state = if self.round >= sms.attempts.max(1) {
            State::Failed { at }
        } else {
            State::Waiting {
                due: at + sms.retry_delay(self.round),
            }
        };
    }

    /// A failed message queued again `now` (`outbox retry`), with a new round of attempts.
    pub fn requeue(&mut self, id: u64, now: NaiveDateTime) -> Result<(), NotFailed> {
        if !matches!(self.state, State::Failed { .. }) {
            return Err(NotFailed {
                id,
                state: self.delivery_state().key(),
            });
        }
        self.round = 0;
        self.state = State::Waiting { due: now };
        Ok(())
    }
}

/// What the delivery thread does next, from the waiting messages and their due times: which
/// are due now (earliest first), and when the first of the others falls due.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub due_now: Vec<u64>,
    pub next: Option<NaiveDateTime>,
}

pub fn plan(waiting: &[(u64, NaiveDateTime)], now: NaiveDateTime) -> Plan {
    let mut sorted = waiting.to_vec();
    sorted.sort_by_key(|(id, due)| (*due, *id));
    let mut plan = Plan::default();
    for (id, due) in sorted {
        if due <= now {
            plan.due_now.push(id);
        } else {
            plan.next = Some(plan.next.map_or(due, |n: NaiveDateTime| n.min(due)));
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use chrono::TimeDelta;

    pub(super) fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    /// A case of MZ-005 (长者食堂就餐补贴申请) at 民政救助 for 张三, completed.
    pub(super) fn completed(phone: Option<&str>) -> Case {
        fixtures::accepted("MZ-005", "C01", phone)
    }

    #[test]
    fn a_case_without_a_phone_number_queues_no_message() {
        let centre = fixtures::centre();
        let now = at("2026-11-23 09:00:00");
        assert!(Message::on_completion(1, &completed(None), &centre, now).is_none());
        assert!(Message::on_completion(1, &completed(Some("  ")), &centre, now).is_none());
        let m = Message::on_completion(1, &completed(Some("13800001234")), &centre, now).unwrap();
        assert_eq!(m.state, State::Waiting { due: now });
        assert_eq!(m.status(), Status::Queued);
    }

    #[test]
    fn failed_attempts_wait_the_retry_time_doubling_then_the_message_fails() {
        let sms = SmsSettings {
            retry_secs: 60,
            attempts: 4,
            ..SmsSettings::default()
        };
        let t0 = at("2026-11-23 09:00:00");
        let mut m =
            Message::on_completion(3, &completed(Some("13800001234")), &fixtures::centre(), t0)
                .unwrap();
        m.attempt_failed(t0, "exit status 1".into(), &sms);
        assert_eq!(m.due(), Some(at("2026-11-23 09:01:00")));
        assert_eq!(
            m.status(),
            Status::Retrying {
                attempt: 1,
                next: at("2026-11-23 09:01:00"),
                error: "exit status 1".into()
            }
        );
        m.attempt_failed(at("2026-11-23 09:01:00"), "again".into(), &sms);
        assert_eq!(m.due(), Some(at("2026-11-23 09:03:00")), "twice 60 s");
        m.attempt_failed(at("2026-11-23 09:03:00"), "again".into(), &sms);
        assert_eq!(m.due(), Some(at("2026-11-23 09:07:00")), "four times 60 s");
        m.attempt_failed(at("2026-11-23 09:07:00"), "the last".into(), &sms);
        assert_eq!(
            m.status(),
            Status::Failed {
                at: at("2026-11-23 09:07:00"),
                attempts: 4,
                why: "the last".into()
            }
        );
        assert_eq!(m.due(), None);
    }

    #[test]
    fn the_back_off_never_overflows_and_stops_at_a_day() {
        let sms = SmsSettings {
            retry_secs: 86_400,
            ..SmsSettings::default()
        };
        assert_eq!(sms.retry_delay(1), TimeDelta::days(1));
        assert_eq!(sms.retry_delay(u32::MAX), TimeDelta::days(1));
        let sms = SmsSettings {
            retry_secs: 1,
            ..SmsSettings::default()
        };
        assert_eq!(sms.retry_delay(0), TimeDelta::seconds(1));
        assert_eq!(sms.retry_delay(3), TimeDelta::seconds(4));
    }

    #[test]
    fn only_a_failed_message_is_queued_again_with_a_new_round_of_attempts() {
        let sms = SmsSettings {
            attempts: 1,
            ..SmsSettings::default()
        };
        let t0 = at("2026-11-23 09:00:00");
        let mut m =
            Message::on_completion(5, &completed(Some("13800001234")), &fixtures::centre(), t0)
                .unwrap();
        assert_eq!(
            m.requeue(5, t0),
            Err(NotFailed {
                id: 5,
                state: "queued"
            })
        );
        m.attempt_failed(t0, "no".into(), &sms);
        assert_eq!(m.delivery_state(), DeliveryState::Failed);
        let later = at("2026-11-23 10:00:00");
        m.requeue(5, later).unwrap();
        assert_eq!((m.due(), m.round, m.attempts), (Some(later), 0, 1));
        m.delivered(later);
        assert_eq!(
            m.status(),
            Status::Sent {
                at: later,
                attempts: 2
            }
        );
        assert!(
            m.requeue(5, later).is_err(),
            "a sent message is not sent again"
        );
    }

    #[test]
    fn the_plan_takes_the_due_messages_earliest_first_and_says_when_the_next_falls_due() {
        let now = at("2026-11-23 09:00:00");
        let waiting = [
            (4, at("2026-11-23 09:05:00")),
            (2, at("2026-11-23 08:59:00")),
            (9, now),
            (7, at("2026-11-23 09:02:00")),
        ];
        assert_eq!(
            plan(&waiting, now),
            Plan {
                due_now: vec![2, 9],
                next: Some(at("2026-11-23 09:02:00"))
            }
        );
        assert_eq!(plan(&[], now), Plan::default());
    }

    #[test]
    fn delivery_states_read_back_from_their_keys() {
        for s in DeliveryState::ALL {
            assert_eq!(DeliveryState::parse(s.key()), Some(s));
        }
        assert_eq!(DeliveryState::parse("retrying"), None);
    }
}
