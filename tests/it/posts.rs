//! Who serves each window (AB岗, RULES §5): A, B covering with A's rights, or an alarm when
//! both are away, on the demo centre of seed 000. 2026-11-24 is a Tuesday whose last digit 4
//! puts 李鹏 (L05) on duty; 2026-11-23 is 郑开华's (L04) day.

use frontdesk::domain::leave::LeaveBook;
use frontdesk::domain::posts::{Serving, hall_posts, who_serves};
use frontdesk::fixtures;

use crate::common::leave::*;

#[test]
fn b_covers_when_a_is_on_approved_leave() {
    let centre = fixtures::centre();
    let mut book = LeaveBook::new(fixtures::calendar());
    approved(&mut book, &centre, a_away_on_the_24th());
    let during = who_serves(&centre, &book, "民政救助", at(11, 24, 10, 0)).unwrap();
    assert_eq!(names(&during), ("杨秋凤".into(), Some("周春英".into())));
    let before = who_serves(&centre, &book, "民政救助", at(11, 24, 7, 59)).unwrap();
    assert_eq!(names(&before), ("周春英".into(), None));
    let after = who_serves(&centre, &book, "民政救助", at(11, 24, 17, 0)).unwrap();
    assert_eq!(after.at_window().map(|s| s.code.as_str()), Some("C01"));
}

#[test]
fn requested_but_unapproved_leave_does_not_make_b_cover() {
    let centre = fixtures::centre();
    let mut book = LeaveBook::new(fixtures::calendar());
    book.request(&centre, a_away_on_the_24th(), at(11, 23, 8, 0))
        .unwrap();
    let serving = who_serves(&centre, &book, "民政救助", at(11, 24, 10, 0)).unwrap();
    assert_eq!(names(&serving), ("周春英".into(), None));
    assert!(book.away_at("C01", at(11, 24, 10, 0)).is_none());
}

#[test]
fn both_away_raises_an_alarm_to_director_duty_leader_and_business_leader() {
    // Both posts can only be away together when the roster changes after leave was approved:
    // here 童丽华 becomes B of 民政救助 while she and 周春英 both have leave on the 24th.
    let centre = fixtures::centre();
    let mut book = LeaveBook::new(fixtures::calendar());
    approved(&mut book, &centre, a_away_on_the_24th());
    approved(
        &mut book,
        &centre,
        leave("C03", at(11, 24, 8, 0), at(11, 24, 17, 0)),
    );
    let mut changed = centre.clone();
    changed.windows[0].b = "C03".into();

    let Some(Serving::BothAway(alarm)) = who_serves(&changed, &book, "民政救助", at(11, 24, 10, 0))
    else {
        panic!("民政救助 should have neither post");
    };
    assert_eq!(alarm.window.name, "民政救助");
    assert_eq!(
        (alarm.a.name.as_str(), alarm.b.name.as_str()),
        ("周春英", "童丽华")
    );
    let notify: Vec<&str> = alarm.notify.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(notify, ["王建国", "李鹏", "汪志勇"]);
}

#[test]
fn alarm_names_each_person_once_when_the_duty_leader_is_the_business_leader() {
    // 李鹏 is both the duty leader on the 24th and the business leader of 人口计生.
    let centre = fixtures::centre();
    let mut book = LeaveBook::new(fixtures::calendar());
    approved(
        &mut book,
        &centre,
        leave("C07", at(11, 24, 8, 0), at(11, 24, 17, 0)),
    );
    approved(
        &mut book,
        &centre,
        leave("C01", at(11, 24, 8, 0), at(11, 24, 17, 0)),
    );
    let mut changed = centre.clone();
    changed.windows[3].b = "C01".into();
    let Some(Serving::BothAway(alarm)) = who_serves(&changed, &book, "人口计生", at(11, 24, 9, 0))
    else {
        panic!("人口计生 should have neither post");
    };
    let notify: Vec<&str> = alarm.notify.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(notify, ["王建国", "李鹏"]);
}

#[test]
fn hall_posts_lists_every_window_in_order() {
    let centre = fixtures::centre();
    let mut book = LeaveBook::new(fixtures::calendar());
    approved(
        &mut book,
        &centre,
        leave("C05", at(11, 24, 8, 0), at(11, 24, 17, 0)),
    );
    let hall: Vec<(String, (String, Option<String>))> =
        hall_posts(&centre, &book, at(11, 24, 10, 0))
            .iter()
            .map(|(w, s)| (w.name.clone(), names(s)))
            .collect();
    let expected = [
        ("民政救助", ("周春英", None)),
        ("劳动保障", ("童丽华", None)),
        ("医疗保险", ("李富昌", Some("夏芷菁"))),
        ("人口计生", ("周飞平", None)),
        ("土规农综", ("邓莉馨", None)),
    ]
    .map(|(w, (s, a))| (w.to_string(), (s.to_string(), a.map(String::from))));
    assert_eq!(hall, expected);
}

#[test]
fn an_unknown_window_has_no_posts() {
    let centre = fixtures::centre();
    assert!(
        who_serves(
            &centre,
            &LeaveBook::new(fixtures::calendar()),
            "户籍",
            at(11, 24, 10, 0)
        )
        .is_none()
    );
}
