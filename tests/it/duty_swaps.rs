//! Duty swaps (调班, RULES §6/§7, seed 000 三(三)4) through the server: the roster and the
//! Today pane show the leaders on duty after swaps. The test clock starts on Monday
//! 2026-11-23, 郑开华's (L04) day; the 24th is 李鹏's (L05).

use crate::common::console::Desk;
use crate::common::server::Centre;

/// 李鹏 (L05) asks for leave on the 24th, his duty day, giving it to 郑元样 (L03).
fn li_peng_asks_to_swap_the_24th(c: &Centre) {
    c.ok(&[
        "--as",
        "L05",
        "leave",
        "request",
        "--from",
        "2026-11-24T08:00",
        "--to",
        "2026-11-24T17:00",
        "--reason",
        "参加培训",
        "--swap",
        "2026-11-24:L03",
    ]);
}

/// 李鹏's leave on the 24th with his duty given to 郑元样 (L03), approved by the director.
fn li_peng_swaps_the_24th(c: &Centre) {
    li_peng_asks_to_swap_the_24th(c);
    c.ok(&["--as", "D01", "leave", "approve", "1"]);
}

#[test]
fn the_roster_of_a_date_names_the_leader_on_duty_after_an_approved_swap() {
    let c = Centre::new();
    li_peng_swaps_the_24th(&c);
    let day = c.ok(&["--as", "C01", "roster", "2026-11-24"]);
    let lines: Vec<&str> = day.lines().collect();
    assert_eq!(lines[1], "duty\t郑元样", "{day}");
    assert_eq!(lines[2], "swap\t李鹏\t郑元样", "{day}");
    let json = c.ok(&["--as", "C01", "roster", "2026-11-24", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["duty"], serde_json::json!(["郑元样"]));
    assert_eq!(
        v["swaps"],
        serde_json::json!([{"planned": "李鹏", "on_duty": "郑元样"}])
    );
}

#[test]
fn a_day_without_a_swap_has_its_planned_leader_and_no_swap_line() {
    let c = Centre::new();
    li_peng_swaps_the_24th(&c);
    let day = c.ok(&["--as", "C01", "roster", "2026-11-25"]);
    assert!(day.contains("duty\t朱艳阳\n"), "{day}");
    assert!(!day.contains("swap"), "{day}");
}

#[test]
fn a_swap_still_waiting_does_not_change_the_roster() {
    let c = Centre::new();
    li_peng_asks_to_swap_the_24th(&c);
    let day = c.ok(&["--as", "C01", "roster", "2026-11-24"]);
    assert!(
        day.contains("duty\t李鹏\n") && !day.contains("swap"),
        "{day}"
    );
}

#[test]
fn the_swap_taker_is_refused_leave_on_the_day_through_the_server() {
    let c = Centre::new();
    li_peng_swaps_the_24th(&c);
    let r = c.cli(&[
        "--as",
        "L03",
        "leave",
        "request",
        "--kind",
        "out",
        "--from",
        "2026-11-24T14:00",
        "--to",
        "2026-11-24T15:00",
        "--reason",
        "外出办事",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("郑元样 took over 李鹏's duty on 2026-11-24 by a swap"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_today_pane_shows_the_leader_on_duty_after_a_swap_of_today() {
    let c = Centre::new();
    // 郑开华 gives today, the 23rd, to 郑元样.
    c.ok(&[
        "--as",
        "L04",
        "leave",
        "request",
        "--from",
        "2026-11-23T13:00",
        "--to",
        "2026-11-23T17:00",
        "--reason",
        "区里开会",
        "--swap",
        "2026-11-23:L03",
    ]);
    c.ok(&["--as", "D01", "leave", "approve", "1"]);
    let mut desk = Desk::open(&c, "D01", 120, 32);
    desk.wait_for("值班领导: 郑元样（调班 郑开华→郑元样）", 5);
}
