//! The supervisor's view of ratings and return visits (RULES §11): a 差评's rectification
//! waits in it, soonest due first, until it is answered; this month's drawn cases wait in it
//! until each is called (an administrator sees neither: `console_supervision`).

use crate::common::server::{ALL_MZ005, Centre};
use crate::console_supervision::view;
use frontdesk::domain::rating::Level;

/// A case of MZ-005 opened and completed by C01, whose handler they are: its number.
fn completed(c: &Centre) -> String {
    let line = c.open_mz005(&["--have", ALL_MZ005]);
    let id = line.split('\t').next().unwrap().to_string();
    c.by("C01", &["case", "complete", &id]);
    id
}

#[test]
fn a_bad_ratings_rectification_waits_in_the_supervisors_view_until_it_is_answered() {
    let c = Centre::new();
    let case = completed(&c);
    let rated = c.by(
        "L01",
        &[
            "rating",
            "record",
            "--case",
            &case,
            "--level",
            "5",
            "--channel",
            "desk",
        ],
    );
    assert!(rated.contains("rectification"), "{rated}");
    let listed = view(&c, "S01")
        .rectifications
        .expect("a supervisor sees them");
    assert_eq!(listed.total, 1);
    let row = &listed.rows[0];
    assert_eq!(
        (row.staff.as_str(), row.level),
        ("C01", Level::VeryUnsatisfied)
    );
    assert!(!row.appealed);
    c.by(
        "C01",
        &[
            "rating",
            "answer",
            "1",
            "--checked",
            "核实办理过程",
            "--rectified",
            "当面致歉并补正",
            "--reply",
            "已电话回复申请人",
        ],
    );
    assert_eq!(view(&c, "S01").rectifications.unwrap().total, 0);
}

#[test]
fn this_months_draw_waits_in_the_supervisors_view_until_each_case_is_called() {
    let c = Centre::new();
    let case = completed(&c);
    assert_eq!(
        view(&c, "S01").visits.unwrap().total,
        0,
        "nothing drawn yet"
    );
    let drawn = c.by("S01", &["visit", "draw", "--month", "2026-11"]);
    assert_eq!(drawn.trim(), case);
    let to_call = view(&c, "S01").visits.unwrap();
    let cases: Vec<String> = to_call.rows.iter().map(|v| v.case.to_string()).collect();
    assert_eq!(cases, std::slice::from_ref(&case));
    c.by(
        "S01",
        &["visit", "record", &case, "--level", "1", "--note", "满意"],
    );
    assert_eq!(view(&c, "S01").visits.unwrap().total, 0);
}
