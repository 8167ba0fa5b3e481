//! The server's clock. Every rule reads the time only from here, so a demo or a test can start
//! the server at any moment (`--now`) and let it run from there.

use std::time::Instant;

use chrono::{NaiveDateTime, TimeDelta};

pub use crate::clock::{parse_now, shanghai, shanghai_now};

/// A clock that starts at a chosen moment and runs at the real pace.
#[derive(Debug, Clone)]
pub struct ServerClock {
    started: Instant,
    at_start: NaiveDateTime,
}

impl ServerClock {
    pub fn starting_at(at_start: NaiveDateTime) -> Self {
        ServerClock {
            started: Instant::now(),
            at_start,
        }
    }

    pub fn now(&self) -> NaiveDateTime {
        let elapsed = TimeDelta::from_std(self.started.elapsed()).unwrap_or(TimeDelta::zero());
        self.at_start + elapsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_without_offset_is_read_as_shanghai_and_an_offset_is_converted() {
        let local = parse_now("2026-11-23T09:00").unwrap();
        assert_eq!(local.to_string(), "2026-11-23 09:00:00");
        let utc = parse_now("2026-11-23T01:00:00Z").unwrap();
        assert_eq!(utc, local);
        assert!(
            parse_now("tomorrow")
                .unwrap_err()
                .contains("2026-11-23T09:00:00+08:00")
        );
    }

    #[test]
    fn a_fixed_clock_runs_on_from_its_start() {
        let start = parse_now("2026-11-23T09:00").unwrap();
        let c = ServerClock::starting_at(start);
        assert!(c.now() >= start);
        assert!(c.now() - start < TimeDelta::seconds(5));
    }
}
