//! The server's clock. Every rule reads the time only from here, so a demo or a test can start
//! the server at any moment (`--now`) and let it run from there.

use std::time::Instant;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeDelta, Utc};

/// The centre's time zone: Asia/Shanghai, UTC+8 all year (no daylight saving).
pub fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The wall clock in Asia/Shanghai.
pub fn shanghai_now() -> NaiveDateTime {
    Utc::now().with_timezone(&shanghai()).naive_local()
}

/// Reads `--now`: RFC 3339 (`2026-11-23T09:00:00+08:00`, converted to Asia/Shanghai), or a
/// time without an offset (`2026-11-23T09:00:00`, `2026-11-23 09:00`), read as Asia/Shanghai.
pub fn parse_now(text: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&shanghai()).naive_local());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(dt);
        }
    }
    Err(format!(
        "`{text}` is not a time; write it like 2026-11-23T09:00:00+08:00, or 2026-11-23T09:00 for Asia/Shanghai"
    ))
}

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
