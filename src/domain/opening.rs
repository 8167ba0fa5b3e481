//! When the centre's windows are open: its opening hours (RULES §14) on its working days
//! (§4). The A and B posts bind only then (000 三(四)1 "在工作日内"), and only then does a window
//! with neither post need someone.
//!
//! The midday break is not open time: no window serves then, so no one is missing from it.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::calendar::Calendar;
use super::centre::Hours;

/// The open spans of `date`, `[from, to)`: none on a rest day; the morning and the afternoon
/// around the midday break, or the whole day's hours without one.
pub fn open_spans(
    calendar: &Calendar,
    hours: &Hours,
    date: NaiveDate,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    if !calendar.is_working_day(date) {
        return Vec::new();
    }
    let at = |t: NaiveTime| date.and_time(t);
    match hours.midday_break {
        Some((rest, back)) => vec![(at(hours.open), at(rest)), (at(back), at(hours.close))],
        None => vec![(at(hours.open), at(hours.close))],
    }
}

/// Whether the windows are open at `at`.
pub fn is_open(calendar: &Calendar, hours: &Hours, at: NaiveDateTime) -> bool {
    open_spans(calendar, hours, at.date())
        .iter()
        .any(|(from, to)| *from <= at && at < *to)
}

/// The first open instant within `span` (`[from, to)`), if any: where two absences that overlap
/// there would leave a window with neither post. Looks at each day of the span once.
pub fn first_open_instant(
    calendar: &Calendar,
    hours: &Hours,
    span: (NaiveDateTime, NaiveDateTime),
) -> Option<NaiveDateTime> {
    let (from, to) = span;
    let mut date = from.date();
    while date.and_time(NaiveTime::MIN) < to {
        for (open, close) in open_spans(calendar, hours, date) {
            let start = open.max(from);
            if start < close.min(to) {
                return Some(start);
            }
        }
        date = date.checked_add_days(Days::new(1))?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn at(m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn the_windows_are_open_in_the_hours_of_a_working_day_outside_the_midday_break() {
        let (centre, cal) = (fixtures::centre(), fixtures::calendar());
        let open = |t| is_open(&cal, &centre.hours, t);
        // Monday 2026-11-23; the demo centre opens 08:00–17:00 with a break 12:00–12:45.
        assert!(open(at(11, 23, 8, 0)) && open(at(11, 23, 16, 59)) && open(at(11, 23, 12, 45)));
        assert!(!open(at(11, 23, 7, 59)) && !open(at(11, 23, 17, 0)));
        assert!(!open(at(11, 23, 12, 0)) && !open(at(11, 23, 12, 44)));
        // Saturday the 21st, and 国庆节 on Thursday 1 October.
        assert!(!open(at(11, 21, 10, 0)) && !open(at(10, 1, 10, 0)));
    }

    #[test]
    fn the_first_open_instant_skips_evenings_breaks_and_rest_days() {
        let (centre, cal) = (fixtures::centre(), fixtures::calendar());
        let first = |from, to| first_open_instant(&cal, &centre.hours, (from, to));
        // Friday 17:00 to Monday 08:00: closed all along.
        assert_eq!(first(at(11, 20, 17, 0), at(11, 23, 8, 0)), None);
        // Friday evening into Monday morning: Monday's opening.
        assert_eq!(
            first(at(11, 20, 18, 0), at(11, 23, 9, 0)),
            Some(at(11, 23, 8, 0))
        );
        assert_eq!(first(at(11, 23, 12, 0), at(11, 23, 12, 45)), None);
        assert_eq!(
            first(at(11, 23, 12, 30), at(11, 23, 13, 0)),
            Some(at(11, 23, 12, 45))
        );
    }
}
