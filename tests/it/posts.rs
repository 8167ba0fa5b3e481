//! Who serves each window (AB岗, RULES §5): A, B covering with A's rights, the cover assigned
//! (顶岗) or an alarm when both are away, on the demo centre of seed 000. 2026-11-24 is a Tuesday whose last digit 4
//! puts 李鹏 (L05) on duty; 2026-11-23 is 郑开华's (L04) day.

use frontdesk::domain::cover::{self, NewCover, knows_window};
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

/// 周春英 and 杨秋凤 (A and B of 民政救助) both away on the 24th: A on leave, B taken ill,
/// her urgent leave recorded by the director.
fn minzheng_empty_on_the_24th(centre: &frontdesk::domain::centre::Centre) -> LeaveBook {
    let mut book = LeaveBook::new(fixtures::calendar());
    approved(&mut book, centre, a_away_on_the_24th());
    book.record_urgent(
        centre,
        leave("C02", at(11, 24, 9, 0), at(11, 24, 17, 0)),
        "D01",
        at(11, 24, 9, 0),
    )
    .unwrap();
    book
}

fn cover_of(centre: &frontdesk::domain::centre::Centre, book: &mut LeaveBook, staff: &str) {
    let director = centre.staff("D01").unwrap();
    let new = NewCover {
        window: "民政救助".into(),
        staff: staff.into(),
        from: at(11, 24, 9, 30),
        to: at(11, 24, 17, 0),
    };
    let c = cover::assign(centre, book, new, director, 1, at(11, 24, 9, 30)).unwrap();
    book.add_cover(c);
}

#[test]
fn urgent_leave_may_leave_both_posts_away_and_raises_the_alarm() {
    let centre = fixtures::centre();
    let book = minzheng_empty_on_the_24th(&centre);
    let Some(Serving::BothAway(alarm)) = who_serves(&centre, &book, "民政救助", at(11, 24, 10, 0))
    else {
        panic!("民政救助 should have neither post");
    };
    let notify: Vec<&str> = alarm.notify.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(notify, ["王建国", "李鹏", "汪志勇"]);
}

#[test]
fn assigned_cover_serves_a_window_whose_posts_are_both_away() {
    let centre = fixtures::centre();
    let mut book = minzheng_empty_on_the_24th(&centre);
    cover_of(&centre, &mut book, "L01");
    let serving = who_serves(&centre, &book, "民政救助", at(11, 24, 10, 0)).unwrap();
    assert_eq!(names(&serving), ("汪志勇".into(), Some("周春英".into())));
    assert_eq!(serving.at_window().map(|s| s.code.as_str()), Some("L01"));
    // Before the cover begins, the alarm stands.
    assert!(matches!(
        who_serves(&centre, &book, "民政救助", at(11, 24, 9, 15)),
        Some(Serving::BothAway(_))
    ));
}

#[test]
fn a_post_holder_covering_another_window_leaves_their_own_to_its_b_post() {
    let centre = fixtures::centre();
    let mut book = minzheng_empty_on_the_24th(&centre);
    // 童丽华, A of 劳动保障, named by the director to cover 民政救助.
    cover_of(&centre, &mut book, "C03");
    let own = who_serves(&centre, &book, "劳动保障", at(11, 24, 10, 0)).unwrap();
    assert_eq!(names(&own), ("吴卫平".into(), Some("童丽华".into())));
    assert!(book.covers()[0].named_by_director);
}

#[test]
fn those_who_know_a_window_are_its_business_leader_and_the_posts_of_its_area() {
    let centre = fixtures::centre();
    let knows = |code: &str, window: &str| {
        knows_window(
            &centre,
            centre.staff(code).unwrap(),
            centre.window(window).unwrap(),
        )
    };
    // 劳动保障 and 医疗保险 are both under 郑元样 (L03).
    assert!(knows("L03", "医疗保险") && knows("C03", "医疗保险") && knows("C04", "医疗保险"));
    assert!(!knows("C01", "医疗保险") && !knows("L01", "医疗保险"));
    assert!(knows("L01", "民政救助"));
}
