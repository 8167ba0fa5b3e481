//! Properties of the working-day calendar (RULES §4) over dates that cross scheduled years
//! (2025, 2026) and unscheduled ones (2024, 2027), holidays and make-up days.

use chrono::{Days, NaiveDate};
use frontdesk::domain::calendar::Calendar;
use frontdesk::fixtures;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    let base = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    (0u64..(365 * 3 + 200)).prop_map(move |d| base + Days::new(d))
}

/// The built-in calendar, parsed once for all cases.
fn cal() -> &'static Calendar {
    static CAL: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    CAL.get_or_init(fixtures::calendar)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn next_working_day_never_lands_on_a_rest_day(d in date(), n in 1u32..90) {
        let c = cal();
        let r = c.add_working_days(d, n).unwrap();
        prop_assert!(c.is_working_day(r.value));
        prop_assert!(r.value > d);
    }

    #[test]
    fn next_is_strictly_monotone_in_n(d in date(), n in 1u32..90) {
        let c = cal();
        let a = c.add_working_days(d, n).unwrap().value;
        let b = c.add_working_days(d, n + 1).unwrap().value;
        prop_assert!(b > a);
        // Nothing between them is a working day.
        for day in a.iter_days().skip(1).take_while(|x| *x < b) {
            prop_assert!(!c.is_working_day(day));
        }
    }

    #[test]
    fn next_and_between_agree(d in date(), n in 1u32..90) {
        let c = cal();
        let end = c.add_working_days(d, n).unwrap().value;
        prop_assert_eq!(c.working_days_between(d, end).value, i64::from(n));
        prop_assert_eq!(c.working_days_between(end, d).value, -i64::from(n));
    }

    #[test]
    fn next_composes(d in date(), n in 1u32..60, m in 1u32..60) {
        let c = cal();
        let step = c.add_working_days(c.add_working_days(d, n).unwrap().value, m).unwrap().value;
        prop_assert_eq!(step, c.add_working_days(d, n + m).unwrap().value);
    }

    #[test]
    fn between_is_additive(a in date(), b in date(), x in date()) {
        let c = cal();
        prop_assert_eq!(
            c.working_days_between(a, b).value + c.working_days_between(b, x).value,
            c.working_days_between(a, x).value
        );
    }

    #[test]
    fn provisional_exactly_when_an_unscheduled_year_was_crossed(d in date(), n in 1u32..90) {
        let c = cal();
        let r = c.add_working_days(d, n).unwrap();
        let crossed: std::collections::BTreeSet<i32> = d
            .iter_days()
            .skip(1)
            .take_while(|x| *x <= r.value)
            .map(|x| chrono::Datelike::year(&x))
            .filter(|y| c.schedule(*y).is_none())
            .collect();
        prop_assert_eq!(r.provisional_years, crossed);
    }
}
