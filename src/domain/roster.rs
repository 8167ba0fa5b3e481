//! Who is where on a given day: the duty leader, the cleaning rota and each window's posts
//! (RULES §5, §7). Leave and cover come with the case rules; this is the planned roster.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, DayInfo};
use super::centre::{Centre, Staff, Window};

/// One entry of the duty log (值班记录), kept by the leader on duty (000 三(三)1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyEntry {
    pub date: NaiveDate,
    pub at: NaiveDateTime,
    /// Staff code of who wrote it.
    pub leader: String,
    pub text: String,
}

/// The planned A and B posts of one window.
#[derive(Debug, Clone, Serialize)]
pub struct WindowPosts<'a> {
    pub window: &'a Window,
    pub a: &'a Staff,
    pub b: &'a Staff,
}

#[derive(Debug, Clone)]
pub struct DayRoster<'a> {
    pub day: DayInfo<'a>,
    /// Leaders on duty, by the last digit of the day of the month.
    pub duty: Vec<&'a Staff>,
    /// Staff on cleaning duty; empty on rest days and on weekdays without a rota.
    pub cleaning: Vec<&'a Staff>,
    pub windows: Vec<WindowPosts<'a>>,
}

/// The roster of `date`. Cleaning is done before and after the working day (seed 000 三(六)2),
/// so a rest day has none, and a make-up working day follows the rota of its own weekday.
pub fn roster_for<'a>(
    centre: &'a Centre,
    calendar: &'a Calendar,
    date: NaiveDate,
) -> DayRoster<'a> {
    let day = calendar.day(date);
    let cleaning = if day.working {
        centre.cleaners(date.weekday())
    } else {
        Vec::new()
    };
    let windows = centre
        .windows
        .iter()
        .filter_map(|w| {
            Some(WindowPosts {
                window: w,
                a: centre.staff(&w.a)?,
                b: centre.staff(&w.b)?,
            })
        })
        .collect();
    DayRoster {
        duty: centre.duty_leaders(date.day()),
        cleaning,
        windows,
        day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn names(staff: &[&Staff]) -> Vec<String> {
        staff.iter().map(|s| s.name.clone()).collect()
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn duty_leader_follows_last_digit_of_day_of_month() {
        let (centre, cal) = (fixtures::centre(), fixtures::calendar());
        assert_eq!(names(&roster_for(&centre, &cal, d(11, 24)).duty), ["李鹏"]);
        assert_eq!(
            names(&roster_for(&centre, &cal, d(11, 17)).duty),
            ["应雪保"]
        );
    }

    #[test]
    fn both_named_leaders_are_on_duty_on_their_digit() {
        let (centre, cal) = (fixtures::centre(), fixtures::calendar());
        assert_eq!(
            names(&roster_for(&centre, &cal, d(11, 21)).duty),
            ["汪志勇", "杨卫红"]
        );
        assert_eq!(
            names(&roster_for(&centre, &cal, d(11, 30)).duty),
            ["徐日生", "余日荣"]
        );
        assert_eq!(
            names(&roster_for(&centre, &cal, d(11, 10)).duty),
            ["徐日生", "余日荣"]
        );
    }

    #[test]
    fn cleaning_rota_follows_the_weekday() {
        let (centre, cal) = (fixtures::centre(), fixtures::calendar());
        // 2026-11-23 is a Monday; 2026-11-27 a Friday.
        assert_eq!(
            names(&roster_for(&centre, &cal, d(11, 23)).cleaning),
            ["周春英", "吴卫平"]
        );
        assert_eq!(
            names(&roster_for(&centre, &cal, d(11, 27)).cleaning),
            ["邓莉馨", "李富昌"]
        );
    }

    #[test]
    fn no_cleaning_on_a_rest_day_even_on_a_weekday_holiday() {
        let (centre, cal) = (fixtures::centre(), fixtures::calendar());
        assert!(roster_for(&centre, &cal, d(11, 22)).cleaning.is_empty());
        // 2026-10-01 is a Thursday and 国庆节.
        assert!(roster_for(&centre, &cal, d(10, 1)).cleaning.is_empty());
    }

    #[test]
    fn make_up_saturday_has_no_weekday_rota() {
        let (centre, cal) = (fixtures::centre(), fixtures::calendar());
        let r = roster_for(&centre, &cal, d(2, 14));
        assert!(r.day.working);
        assert!(r.cleaning.is_empty());
    }

    #[test]
    fn every_window_has_its_a_and_b_post() {
        let (centre, cal) = (fixtures::centre(), fixtures::calendar());
        let r = roster_for(&centre, &cal, d(11, 23));
        let posts: Vec<(String, String, String)> = r
            .windows
            .iter()
            .map(|p| (p.window.name.clone(), p.a.name.clone(), p.b.name.clone()))
            .collect();
        assert_eq!(
            posts[0],
            ("民政救助".into(), "周春英".into(), "杨秋凤".into())
        );
        assert_eq!(
            posts[4],
            ("土规农综".into(), "邓莉馨".into(), "张春莲".into())
        );
        assert_eq!(posts.len(), 5);
    }
}
