//! The data built into the binary: the official holiday schedules and the demo centre
//! (seed 000's street centre with its catalogue). A centre's own files override them.

use crate::domain::calendar::Calendar;
use crate::domain::catalogue::Catalogue;
use crate::domain::centre::Centre;
use crate::domain::holidays::HolidaySchedule;

/// Official schedules shipped in `fixtures/holidays/`, as (file name, JSON).
pub const HOLIDAYS: &[(&str, &str)] = &[
    (
        "fixtures/holidays/2025.json",
        include_str!("../fixtures/holidays/2025.json"),
    ),
    (
        "fixtures/holidays/2026.json",
        include_str!("../fixtures/holidays/2026.json"),
    ),
];

pub const CATALOGUE: (&str, &str) = (
    "fixtures/catalogue.toml",
    include_str!("../fixtures/catalogue.toml"),
);
pub const CENTRE: (&str, &str) = (
    "fixtures/centre.toml",
    include_str!("../fixtures/centre.toml"),
);

// The built-in files are checked by the tests below, so a broken one never ships; the
// `expect`s cannot be reached by anything a user does.

/// The calendar of the built-in schedules.
pub fn calendar() -> Calendar {
    let mut cal = Calendar::weekends_only();
    for (file, text) in HOLIDAYS {
        cal.load(HolidaySchedule::parse(file, text).expect("built-in holiday schedule is valid"));
    }
    cal
}

pub fn catalogue() -> Catalogue {
    Catalogue::parse(CATALOGUE.0, CATALOGUE.1).expect("built-in catalogue is valid")
}

pub fn centre() -> Centre {
    Centre::parse(CENTRE.0, CENTRE.1).expect("built-in centre is valid")
}

/// A case of the demo catalogue's `item` for 张三, taken by `handler` (first asked too) on
/// 2026-11-23 with every material in hand: the unit tests' common case.
#[cfg(test)]
pub fn accepted(item: &str, handler: &str, phone: Option<&str>) -> crate::domain::case::Case {
    use crate::domain::case::{Applicant, Case, Channel, Intake, Ticked};
    let catalogue = catalogue();
    let item = catalogue.get(item).expect("an item of the demo catalogue");
    let intake = Intake {
        item,
        ticked: Ticked {
            in_hand: item.materials.iter().map(|m| m.name.clone()).collect(),
            promised: vec![],
        },
        applicant: Applicant {
            name: "张三".into(),
            phone: phone.map(str::to_string),
            id_number: None,
        },
        first_asked: handler.into(),
        channel: Channel::Window,
        handler: handler.into(),
        accepted_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"),
        green_channel: false,
        kind_override: None,
        needs_decision: false,
    };
    Case::accept(intake, &Default::default(), &calendar()).expect("a case with everything")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_holiday_schedules_are_valid_and_cover_2025_and_2026() {
        let years: Vec<i32> = calendar().loaded_years().collect();
        assert_eq!(years, [2025, 2026]);
    }

    #[test]
    fn built_in_catalogue_is_valid_with_at_least_30_items_for_the_centre_windows() {
        let cat = Catalogue::parse(CATALOGUE.0, CATALOGUE.1).unwrap_or_else(|e| panic!("{e}"));
        assert!(cat.items().len() >= 30);
        let centre = centre();
        for w in cat.windows() {
            assert!(
                centre.window(w).is_some(),
                "catalogue window {w} is not in the centre"
            );
        }
    }

    #[test]
    fn built_in_centre_has_five_windows_with_a_and_b_posts() {
        let c = Centre::parse(CENTRE.0, CENTRE.1).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.windows.len(), 5);
        assert_eq!(c.settings, crate::domain::centre::Settings::default());
    }
}
