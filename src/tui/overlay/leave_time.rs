//! When leave is asked for, as a clerk says it: `今天`, `明天`, `上午`, `下午`, `明天上午`,
//! `明天下午` (or `today`, `tomorrow`, `morning`, `afternoon`, `tomorrow-morning` …), by the
//! centre's opening hours; or from and to written out (`2026-11-25T08:00 2026-11-25T17:00`).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::centre::Hours;

/// The span a shortcut names on `today` with the centre's `hours`.
fn shortcut(word: &str, today: NaiveDate, hours: &Hours) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let noon = NaiveTime::from_hms_opt(12, 0, 0)?;
    let (break_from, break_to) = hours.midday_break.unwrap_or((noon, noon));
    let tomorrow = today.succ_opt()?;
    let (day, from, to) = match word {
        "今天" | "全天" | "today" => (today, hours.open, hours.close),
        "明天" | "tomorrow" => (tomorrow, hours.open, hours.close),
        "上午" | "morning" => (today, hours.open, break_from),
        "下午" | "afternoon" => (today, break_to, hours.close),
        "明天上午" | "tomorrow-morning" => (tomorrow, hours.open, break_from),
        "明天下午" | "tomorrow-afternoon" => (tomorrow, break_to, hours.close),
        _ => return None,
    };
    Some((day.and_time(from), day.and_time(to)))
}

/// The span and the reason of a leave prompt's text: a shortcut then the reason, or from, to,
/// then the reason. None when it is neither.
pub fn read(
    text: &str,
    today: NaiveDate,
    hours: Option<&Hours>,
) -> Option<(NaiveDateTime, NaiveDateTime, String)> {
    let text = text.trim();
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let reason = |r: &str| Some(r.trim().to_string()).filter(|r| !r.is_empty());
    if let Some((from, to)) = hours.and_then(|h| shortcut(first, today, h)) {
        return Some((from, to, reason(rest)?));
    }
    let from = crate::clock::parse_now(first).ok()?;
    let (second, rest) = rest.trim().split_once(char::is_whitespace)?;
    let to = crate::clock::parse_now(second).ok()?;
    Some((from, to, reason(rest)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours() -> Hours {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        Hours {
            open: t(8, 30),
            close: t(17, 30),
            midday_break: Some((t(12, 0), t(14, 0))),
        }
    }

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn leave_is_asked_for_as_a_clerk_says_it_by_the_centres_hours() {
        let today = at(23, 0, 0).date();
        let h = hours();
        let r = |t| read(t, today, Some(&h));
        assert_eq!(
            r("今天 看病"),
            Some((at(23, 8, 30), at(23, 17, 30), "看病".into()))
        );
        assert_eq!(
            r("明天 家事"),
            Some((at(24, 8, 30), at(24, 17, 30), "家事".into()))
        );
        assert_eq!(
            r("上午 体检"),
            Some((at(23, 8, 30), at(23, 12, 0), "体检".into()))
        );
        assert_eq!(
            r("下午 体检"),
            Some((at(23, 14, 0), at(23, 17, 30), "体检".into()))
        );
        assert_eq!(
            r("tomorrow-afternoon dentist"),
            Some((at(24, 14, 0), at(24, 17, 30), "dentist".into()))
        );
        assert_eq!(
            r("2026-11-25T08:00 2026-11-25T17:00 看病"),
            Some((at(25, 8, 0), at(25, 17, 0), "看病".into()))
        );
    }

    #[test]
    fn a_leave_without_a_reason_or_a_time_is_not_read() {
        let today = at(23, 0, 0).date();
        let h = hours();
        assert_eq!(read("今天", today, Some(&h)), None);
        assert_eq!(read("后天 看病", today, Some(&h)), None);
        assert_eq!(read("2026-11-25T08:00 看病", today, Some(&h)), None);
    }
}
