//! Time at the centre: Asia/Shanghai, and how `--now` and other times are written. Shared by
//! the command line, the console and the server; reading the wall clock happens only in
//! `shanghai_now`, which the server's clock and the command line call.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

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
