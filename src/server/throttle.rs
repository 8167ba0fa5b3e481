//! Refused sign-ins, rate-limited by unix user (docs/decisions.md, "Refused sign-ins"). A uid
//! refused [`REFUSALS_PER_WINDOW`] times within [`WINDOW`] of its first refusal waits until the
//! window is over: its hellos are then refused unchecked (no PIN is tried), counted, and not
//! recorded one by one; when the window is over the audit trail gets one event that says how
//! many were held back and between when. So every attempt is in the audit trail, and a peer
//! that hammers the socket adds at most [`REFUSALS_PER_WINDOW`] + 1 small events a minute.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use crate::refusal::Refusal;

/// Refused sign-ins of one uid recorded one by one within a window, before it waits. Above the
/// PIN's own lock-out (five wrong PINs lock a code), so a mistyped PIN is told it is locked.
pub const REFUSALS_PER_WINDOW: u32 = 10;
/// How long a window of refusals lasts, from its first.
pub const WINDOW: Duration = Duration::from_secs(60);

/// One uid's refusals within its window.
#[derive(Debug)]
struct Window {
    began: Instant,
    refused: u32,
    /// Hellos refused unchecked while the uid waited, with the first and last of them.
    held: u64,
    held_from: Option<NaiveDateTime>,
    held_to: Option<NaiveDateTime>,
}

impl Window {
    fn over(&self, now: Instant) -> bool {
        now.duration_since(self.began) >= WINDOW
    }

    /// The event that says what was held back, if anything was.
    fn summary(&self, uid: u32) -> Option<Refusal> {
        match (self.held, self.held_from, self.held_to) {
            (count @ 1.., Some(from), Some(to)) => Some(Refusal::MoreRefusedSignIns {
                uid,
                count,
                from,
                to,
            }),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
pub struct Throttle {
    by_uid: Mutex<HashMap<u32, Window>>,
}

impl Throttle {
    /// Whether `uid` may try to sign in now. While it waits the attempt is counted and the
    /// refusal says how long is left.
    pub fn check(&self, uid: u32, now: Instant, at: NaiveDateTime) -> Result<(), Refusal> {
        let Ok(mut map) = self.by_uid.lock() else {
            return Ok(());
        };
        let Some(w) = map.get_mut(&uid) else {
            return Ok(());
        };
        if w.over(now) || w.refused < REFUSALS_PER_WINDOW {
            return Ok(());
        }
        w.held += 1;
        w.held_from.get_or_insert(at);
        w.held_to = Some(at);
        let left = WINDOW.saturating_sub(now.duration_since(w.began));
        Err(Refusal::SignInsThrottled {
            uid,
            refused: w.refused,
            wait_seconds: left.as_secs() + u64::from(left.subsec_nanos() > 0),
        })
    }

    /// Counts a refused sign-in of `uid` (recorded in the audit trail by the caller). A window
    /// that is over is summarised first: its summary, if any, is returned to be recorded.
    pub fn refused(&self, uid: u32, now: Instant) -> Option<Refusal> {
        let mut map = self.by_uid.lock().ok()?;
        let mut summary = None;
        if let Some(w) = map.get(&uid)
            && w.over(now)
        {
            summary = w.summary(uid);
            map.remove(&uid);
        }
        map.entry(uid)
            .or_insert(Window {
                began: now,
                refused: 0,
                held: 0,
                held_from: None,
                held_to: None,
            })
            .refused += 1;
        summary
    }

    /// Takes the windows that are over (all of them when `all`, as the server stops) and
    /// returns the summaries of what they held back, to be recorded.
    pub fn ended(&self, now: Instant, all: bool) -> Vec<(u32, Refusal)> {
        let Ok(mut map) = self.by_uid.lock() else {
            return Vec::new();
        };
        let done: Vec<u32> = map
            .iter()
            .filter(|(_, w)| all || w.over(now))
            .map(|(uid, _)| *uid)
            .collect();
        done.into_iter()
            .filter_map(|uid| {
                map.remove(&uid)
                    .and_then(|w| w.summary(uid).map(|s| (uid, s)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        crate::clock::parse_now("2026-11-23T09:00").unwrap()
    }

    #[test]
    fn a_uid_waits_after_its_refusals_and_what_it_tries_meanwhile_is_summed_up_once() {
        let t = Throttle::default();
        let start = Instant::now();
        for _ in 0..REFUSALS_PER_WINDOW {
            assert!(t.check(1000, start, at()).is_ok());
            assert!(t.refused(1000, start).is_none());
        }
        // Another uid is not held back by this one.
        assert!(t.check(1001, start, at()).is_ok());
        let later = start + Duration::from_secs(20);
        for _ in 0..3 {
            match t.check(1000, later, at()) {
                Err(Refusal::SignInsThrottled {
                    wait_seconds,
                    refused,
                    ..
                }) => {
                    assert_eq!((wait_seconds, refused), (40, REFUSALS_PER_WINDOW));
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(t.ended(later, false).is_empty());
        let over = start + WINDOW;
        assert!(t.check(1000, over, at()).is_ok());
        match t.ended(over, false).as_slice() {
            [(1000, Refusal::MoreRefusedSignIns { count: 3, .. })] => {}
            other => panic!("{other:?}"),
        }
        assert!(t.ended(over, true).is_empty());
    }
}
