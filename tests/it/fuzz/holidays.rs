//! The official holiday schedules (JSON): every edit of the real files loads or is refused
//! with each problem at its line.

use frontdesk::domain::holidays::HolidaySchedule;
use frontdesk::fixtures;
use proptest::prelude::*;

use super::mutate::{apply, cuts, edits};
use super::{check_problems, config};

fn schedule(text: &str) -> Result<(), String> {
    match HolidaySchedule::parse("2026.json", text) {
        Ok(_) => Ok(()),
        Err(e) => check_problems("2026.json", text, &e),
    }
}

#[test]
fn a_schedule_cut_at_any_point_loads_or_names_its_line() {
    for (_, text) in fixtures::HOLIDAYS {
        for cut in cuts(text) {
            schedule(cut).unwrap();
        }
    }
}

#[test]
fn a_date_listed_twice_is_named_at_the_line_of_its_second_listing() {
    let text = "{\"year\": 2026, \"days\": [\n\
        {\"name\": \"元旦\", \"date\": \"2026-01-01\", \"isOffDay\": true},\n\
        {\"name\": \"春节\", \"date\": \"2026-02-16\", \"isOffDay\": true},\n\
        {\"name\": \"元旦\", \"date\": \"2026-01-01\", \"isOffDay\": true}\n]}";
    let err = HolidaySchedule::parse("2026.json", text).unwrap_err();
    assert_eq!(
        err.lines(),
        ["2026.json:4: date: 2026-01-01 is listed twice"]
    );
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn an_edited_schedule_loads_or_names_each_problem_by_line(
        e in edits(4),
        year in 0..2usize,
    ) {
        let text = apply(fixtures::HOLIDAYS[year].1, &e);
        if let Err(why) = schedule(&text) {
            prop_assert!(false, "{why}\n--- the file ---\n{text}");
        }
    }

    #[test]
    fn any_text_as_a_schedule_is_refused_naming_its_line(
        text in prop_oneof![
            "\\PC{0,200}",
            prop::collection::vec(any::<u8>(), 0..200)
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            "\\{\"year\": -?[0-9]{1,6}, \"days\": \\[(\\{\"name\": \"\\PC{0,4}\", \"date\": \"[0-9-]{0,12}\", \"isOffDay\": (true|false|1)\\},?\n){0,4}\\]\\}",
        ],
    ) {
        if let Err(why) = schedule(&text) {
            prop_assert!(false, "{why}\n--- the file ---\n{text}");
        }
    }
}
