//! The working-day calendar (工作日) that every time limit is counted in (RULES §4).
//!
//! A working day is Monday to Friday, minus statutory holidays, plus the official make-up
//! working days (调休上班). Years are taken from official schedules; a year without one falls
//! back to weekends only, and every answer that relied on such a year says so
//! ([`Reckoned::provisional_years`]) so a deadline can be marked provisional (暂定).
//!
//! The acceptance day is never counted: a period of N working days after day D ends at the
//! close of the N-th working day after D.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

use super::holidays::{HolidaySchedule, SpecialDay, SpecialDayKind};

/// The working-day calendar: the loaded official schedules, by year.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    schedules: BTreeMap<i32, HolidaySchedule>,
}

/// An answer, with the years it relied on that have no official schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reckoned<T> {
    pub value: T,
    /// Years without a loaded schedule that the answer depended on; counted as weekends only.
    pub provisional_years: BTreeSet<i32>,
}

impl<T> Reckoned<T> {
    /// True when the answer may change once a missing year's schedule is loaded.
    pub fn is_provisional(&self) -> bool {
        !self.provisional_years.is_empty()
    }
}

/// What the calendar says of one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInfo<'a> {
    pub date: NaiveDate,
    pub working: bool,
    /// The holiday or make-up working day it is, if the schedule lists it.
    pub special: Option<&'a SpecialDay>,
    /// The date's year has no official schedule: only weekends were taken as rest days.
    pub provisional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum CalendarError {
    #[error("a period must be at least 1 working day, not {0}")]
    ZeroPeriod(u32),
    #[error(
        "counting {days} working days from {from} runs past the last date the calendar can hold"
    )]
    OutOfRange { from: NaiveDate, days: u32 },
}

impl Calendar {
    /// A calendar with no schedules: weekends only, every answer provisional.
    pub fn weekends_only() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the schedule of its year; a centre's own file overrides the built-in one.
    pub fn load(&mut self, schedule: HolidaySchedule) {
        self.schedules.insert(schedule.year, schedule);
    }

    pub fn schedule(&self, year: i32) -> Option<&HolidaySchedule> {
        self.schedules.get(&year)
    }

    pub fn loaded_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.schedules.keys().copied()
    }

    pub fn day(&self, date: NaiveDate) -> DayInfo<'_> {
        let schedule = self.schedules.get(&date.year());
        let special = schedule.and_then(|s| s.days.get(&date));
        let working = match special.map(|s| s.kind) {
            Some(SpecialDayKind::Holiday) => false,
            Some(SpecialDayKind::MakeUpWorkday) => true,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        };
        DayInfo {
            date,
            working,
            special,
            provisional: schedule.is_none(),
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day(date).working
    }

    /// The N-th working day after `from` (N ≥ 1); `from` itself is not counted.
    /// Provisional when any day from `from + 1` to the result lies in a year without a schedule.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = frontdesk::fixtures::calendar();
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// // Accepted Wed 30 Sep 2026: 1–7 Oct are 国庆节, so the first working day after is 8 Oct.
    /// assert_eq!(cal.add_working_days(d(9, 30), 1).unwrap().value, d(10, 8));
    /// // 2027 has no built-in schedule: the answer counts weekends only and says so.
    /// let r = cal.add_working_days(d(12, 31), 1).unwrap();
    /// assert!(r.is_provisional() && r.provisional_years.contains(&2027));
    /// ```
    pub fn add_working_days(
        &self,
        from: NaiveDate,
        days: u32,
    ) -> Result<Reckoned<NaiveDate>, CalendarError> {
        if days == 0 {
            return Err(CalendarError::ZeroPeriod(days));
        }
        let mut provisional_years = BTreeSet::new();
        let mut date = from;
        let mut left = days;
        while left > 0 {
            date = date
                .succ_opt()
                .ok_or(CalendarError::OutOfRange { from, days })?;
            let info = self.day(date);
            if info.provisional {
                provisional_years.insert(date.year());
            }
            if info.working {
                left -= 1;
            }
        }
        Ok(Reckoned {
            value: date,
            provisional_years,
        })
    }

    /// The first working day on or after `date`: where a calendar-day deadline that falls on a
    /// rest day moves to (RULES §4).
    pub fn on_or_next_working_day(
        &self,
        date: NaiveDate,
    ) -> Result<Reckoned<NaiveDate>, CalendarError> {
        let info = self.day(date);
        if info.working {
            let provisional_years = if info.provisional {
                BTreeSet::from([date.year()])
            } else {
                BTreeSet::new()
            };
            return Ok(Reckoned {
                value: date,
                provisional_years,
            });
        }
        self.add_working_days(date, 1)
    }

    /// The latest working day `d` with `k` working days in `(d, today]` (`k` ≥ 1): a clock
    /// started then has `k` of its days used today, whether today is a working day or not.
    /// The day before the earliest representable date is that date.
    pub fn working_days_before(&self, today: NaiveDate, k: u32) -> NaiveDate {
        let back = |d: NaiveDate| d.pred_opt().unwrap_or(d);
        let mut d = today;
        let mut counted = 0;
        while counted < k && d > NaiveDate::MIN {
            if self.is_working_day(d) {
                counted += 1;
            }
            d = back(d);
        }
        while !self.is_working_day(d) && d > NaiveDate::MIN {
            d = back(d);
        }
        d
    }

    /// Working days in `(from, to]`: how many working days lie after `from` up to and including
    /// `to`. Negative when `to` is before `from` (a deadline already passed).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Reckoned<i64> {
        let (lo, hi, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut provisional_years = BTreeSet::new();
        let mut count = 0i64;
        for date in lo.iter_days().skip(1).take_while(|d| *d <= hi) {
            let info = self.day(date);
            if info.provisional {
                provisional_years.insert(date.year());
            }
            if info.working {
                count += 1;
            }
        }
        Reckoned {
            value: sign * count,
            provisional_years,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal() -> Calendar {
        fixtures::calendar()
    }

    #[test]
    fn statutory_holiday_on_a_weekday_is_a_rest_day() {
        let cal = cal();
        let info = cal.day(d(2026, 10, 1));
        assert!(!info.working);
        assert_eq!(info.special.unwrap().name, "国庆节");
        assert!(!info.provisional);
    }

    #[test]
    fn make_up_working_day_on_a_weekend_is_a_working_day() {
        // 2026-02-14 is a Saturday worked in exchange for 春节.
        let cal = cal();
        let info = cal.day(d(2026, 2, 14));
        assert_eq!(d(2026, 2, 14).weekday(), Weekday::Sat);
        assert!(info.working);
        assert_eq!(info.special.unwrap().kind, SpecialDayKind::MakeUpWorkday);
    }

    #[test]
    fn ordinary_weekend_is_a_rest_day_and_weekday_a_working_day() {
        assert!(!cal().is_working_day(d(2026, 11, 21)));
        assert!(cal().is_working_day(d(2026, 11, 23)));
    }

    #[test]
    fn acceptance_day_is_not_counted() {
        // Accepted Monday 2026-11-23: one working day later is Tuesday, not Monday.
        let r = cal().add_working_days(d(2026, 11, 23), 1).unwrap();
        assert_eq!(r.value, d(2026, 11, 24));
    }

    #[test]
    fn period_skips_national_day_golden_week() {
        // Accepted Wednesday 2026-09-30; 1–7 Oct are holidays, Sat 10 Oct is worked.
        let r = cal().add_working_days(d(2026, 9, 30), 1).unwrap();
        assert_eq!(r.value, d(2026, 10, 8));
        let r = cal().add_working_days(d(2026, 9, 30), 3).unwrap();
        assert_eq!(r.value, d(2026, 10, 10));
        assert!(!r.is_provisional());
    }

    #[test]
    fn period_crossing_spring_festival_counts_make_up_saturday() {
        // Accepted Friday 2026-02-13: Sat 14 Feb is a make-up working day.
        let r = cal().add_working_days(d(2026, 2, 13), 1).unwrap();
        assert_eq!(r.value, d(2026, 2, 14));
        // Then 15–23 Feb are the holiday; 24 Feb is the next working day.
        let r = cal().add_working_days(d(2026, 2, 13), 2).unwrap();
        assert_eq!(r.value, d(2026, 2, 24));
    }

    #[test]
    fn year_without_schedule_falls_back_to_weekends_and_is_provisional() {
        // 2027 has no schedule: 1 Jan 2027 (a Friday) counts as a working day, provisionally.
        let r = cal().add_working_days(d(2026, 12, 31), 1).unwrap();
        assert_eq!(r.value, d(2027, 1, 1));
        assert_eq!(r.provisional_years, BTreeSet::from([2027]));
        assert!(cal().day(d(2027, 1, 1)).provisional);
    }

    #[test]
    fn period_within_a_scheduled_year_is_not_provisional() {
        let r = cal().add_working_days(d(2026, 12, 1), 10).unwrap();
        assert!(!r.is_provisional());
    }

    #[test]
    fn zero_working_days_is_refused() {
        assert_eq!(
            cal().add_working_days(d(2026, 1, 5), 0),
            Err(CalendarError::ZeroPeriod(0))
        );
    }

    #[test]
    fn between_counts_days_after_from_up_to_and_including_to() {
        let c = cal();
        assert_eq!(
            c.working_days_between(d(2026, 9, 30), d(2026, 10, 10))
                .value,
            3
        );
        assert_eq!(
            c.working_days_between(d(2026, 10, 10), d(2026, 9, 30))
                .value,
            -3
        );
        assert_eq!(
            c.working_days_between(d(2026, 11, 23), d(2026, 11, 23))
                .value,
            0
        );
    }

    #[test]
    fn calendar_deadline_on_a_rest_day_moves_to_next_working_day() {
        let r = cal().on_or_next_working_day(d(2026, 10, 3)).unwrap();
        assert_eq!(r.value, d(2026, 10, 8));
        let r = cal().on_or_next_working_day(d(2026, 11, 23)).unwrap();
        assert_eq!(r.value, d(2026, 11, 23));
    }

    #[test]
    fn working_days_before_today_count_back_so_that_between_gives_them_again() {
        let c = cal();
        // Monday 12 Oct 2026: Sat 10 Oct is a make-up working day, 1–7 Oct are 国庆节.
        assert_eq!(c.working_days_before(d(2026, 10, 12), 1), d(2026, 10, 10));
        assert_eq!(c.working_days_before(d(2026, 10, 12), 4), d(2026, 9, 30));
        // On a rest day (Sunday 22 Nov), its own day is not counted.
        assert_eq!(c.working_days_before(d(2026, 11, 22), 1), d(2026, 11, 19));
        for today in d(2026, 9, 1).iter_days().take(120) {
            for k in 1..15 {
                let back = c.working_days_before(today, k);
                assert!(c.is_working_day(back));
                assert_eq!(c.working_days_between(back, today).value, i64::from(k));
            }
        }
    }

    #[test]
    fn centre_schedule_replaces_built_in_year() {
        let mut c = cal();
        let text =
            r#"{"year": 2026, "days": [{"name": "试验", "date": "2026-11-23", "isOffDay": true}]}"#;
        c.load(HolidaySchedule::parse("2026.json", text).unwrap());
        assert!(!c.is_working_day(d(2026, 11, 23)));
        // The built-in 2026 holidays are gone with the replaced schedule.
        assert!(c.is_working_day(d(2026, 10, 1)));
    }
}
