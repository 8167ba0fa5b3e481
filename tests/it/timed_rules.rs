//! Rules that fire on time (DESIGN.md): the server applies them on its own clock, while it runs
//! and, after a restart, for the time it was down; never twice.

use std::time::{Duration, Instant};

use crate::common::server::Centre;
use crate::common::{Run, run_in};

/// Every material of MZ-005 but the photo, a secondary one: 容缺受理, due 5 working days on.
const ALL_BUT_PHOTO: &str = "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明";
const ALL: &str = "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片";

/// A command with the server's clock at `now` (a server it starts begins there).
fn at(c: &Centre, now: &str, args: &[&str]) -> Run {
    let mut all = vec!["--now", now];
    all.extend_from_slice(args);
    run_in(&c.data, &all)
}

fn ok_at(c: &Centre, now: &str, args: &[&str]) -> String {
    let r = at(c, now, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// Opens a case of MZ-005 for `applicant` as C01 with the materials `have`; prints its line.
fn open(c: &Centre, applicant: &str, have: &str) -> String {
    c.ok(&[
        "--as",
        "C01",
        "case",
        "open",
        "--item",
        "MZ-005",
        "--applicant",
        applicant,
        "--have",
        have,
    ])
}

/// Stops the server and starts it again on a clock at `now`.
fn restart_at(c: &Centre, now: &str) {
    c.ok(&["stop"]);
    ok_at(c, now, &["ticket", "list"]);
}

/// The events of case `id` with this act, as JSON.
fn events(c: &Centre, id: u64, act: &str) -> Vec<serde_json::Value> {
    c.ok(&["--json", "audit", "log", "--case", &id.to_string()])
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["act"] == act)
        .collect()
}

fn status(c: &Centre, id: u64) -> String {
    c.ok(&["case", "show", &id.to_string()])
        .lines()
        .find_map(|l| l.strip_prefix("status\t").map(str::to_string))
        .unwrap()
}

#[test]
fn a_deficiency_case_lapses_when_its_day_passes_and_after_a_restart_never_twice() {
    let c = Centre::new();
    // Accepted Mon 23 Nov: the photo is due by Mon 30 Nov.
    let opened = open(&c, "张三", ALL_BUT_PHOTO);
    assert!(opened.starts_with("1\t容缺受理\t"), "{opened}");
    // A second one brings its photo in time, and is not returned.
    open(&c, "李四", ALL_BUT_PHOTO);
    c.ok(&[
        "--as",
        "C01",
        "case",
        "supplement",
        "2",
        "--materials",
        "近期一寸免冠照片",
    ]);
    // The server runs into the night of the 30th: at midnight the case is returned.
    restart_at(&c, "2026-11-30T23:59:54");
    assert_eq!(status(&c, 1), "open");
    let start = Instant::now();
    while status(&c, 1) == "open" {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "case 1 did not lapse at midnight"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(
        status(&c, 1),
        "rejected 2026-12-01: 容缺受理补正材料未在2026-11-30前补齐：近期一寸免冠照片"
    );
    let notice = c.ok(&["case", "notice", "1"]);
    assert!(notice.lines().any(|l| l == "驳回通知书"), "{notice}");
    let lapses = events(&c, 1, "case.lapse");
    assert_eq!(lapses.len(), 1);
    assert_eq!(lapses[0]["actor"], "-");
    assert_eq!(lapses[0]["data"]["fact"], "lapsed");
    assert_eq!(lapses[0]["data"]["supplement_by"], "2026-11-30");
    assert_eq!(lapses[0]["data"]["notice"], 2);
    assert_eq!(status(&c, 2), "open");
    // A restart days later applies nothing again.
    restart_at(&c, "2026-12-05T09:00:00");
    assert_eq!(events(&c, 1, "case.lapse").len(), 1);
    assert!(events(&c, 2, "case.lapse").is_empty());
}

#[test]
fn a_deficiency_case_past_its_day_while_the_server_was_down_lapses_at_the_next_start() {
    let c = Centre::new();
    open(&c, "张三", ALL_BUT_PHOTO);
    restart_at(&c, "2026-12-02T08:00:00");
    // Returned as of the day after its supplement day, told at this start.
    assert!(
        status(&c, 1).starts_with("rejected 2026-12-01: "),
        "{}",
        status(&c, 1)
    );
    let lapse = &events(&c, 1, "case.lapse")[0];
    assert!(
        lapse["at"]
            .as_str()
            .unwrap()
            .starts_with("2026-12-02T08:00"),
        "{lapse}"
    );
    // It can no longer be completed, as its notice promised.
    let r = at(
        &c,
        "2026-12-02T08:00:00",
        &["--as", "C01", "case", "complete", "1"],
    );
    assert_eq!(r.code, 1);
}

#[test]
fn a_case_passing_its_deadline_records_one_overdue_fact_naming_its_handler() {
    let c = Centre::new();
    // Both due Mon 30 Nov; the second is finished in time.
    open(&c, "张三", ALL);
    open(&c, "李四", ALL);
    c.ok(&["--as", "C01", "case", "complete", "2"]);
    restart_at(&c, "2026-11-30T17:00:00");
    assert!(
        events(&c, 1, "case.overdue").is_empty(),
        "due today is not overdue"
    );
    restart_at(&c, "2026-12-02T09:00:00");
    let overdue = events(&c, 1, "case.overdue");
    assert_eq!(overdue.len(), 1);
    let fact = &overdue[0]["data"];
    assert_eq!(fact["fact"], "overdue");
    assert_eq!(fact["handler"], "C01");
    assert_eq!(fact["due"], "2026-11-30");
    assert_eq!(fact["working_days_over"], 2);
    // Filed under the handler too, for accountability.
    let handlers = c.ok(&["audit", "log", "--target", "staff/C01"]);
    assert_eq!(
        handlers
            .lines()
            .filter(|l| l.contains("\tcase.overdue\t"))
            .count(),
        1
    );
    restart_at(&c, "2026-12-04T09:00:00");
    assert_eq!(events(&c, 1, "case.overdue").len(), 1);
    assert!(events(&c, 2, "case.overdue").is_empty());
}

#[test]
fn requests_still_undecided_when_they_begin_are_flagged_to_those_who_decide_them() {
    let c = Centre::new();
    open(&c, "张三", ALL);
    c.ok(&[
        "--as",
        "C01",
        "extension",
        "ask",
        "1",
        "--days",
        "3",
        "--reason",
        "需实地核查",
    ]);
    c.ok(&[
        "--as",
        "C03",
        "leave",
        "request",
        "--from",
        "2026-11-25T08:00",
        "--to",
        "2026-11-25T17:00",
        "--reason",
        "体检",
    ]);
    let before = c.ok(&["--as", "D01", "approvals"]);
    assert!(!before.contains("\tlate"), "{before}");
    // The leave's day has begun: it is flagged; the case is not yet at its deadline.
    restart_at(&c, "2026-11-25T09:00:00");
    let director = c.ok(&["--as", "D01", "approvals"]);
    let leave = director.lines().find(|l| l.starts_with("leave\t")).unwrap();
    assert!(leave.ends_with("\tlate"), "{director}");
    let extension = director
        .lines()
        .find(|l| l.starts_with("extension\t"))
        .unwrap();
    assert!(!extension.ends_with("\tlate"), "{director}");
    let flagged: Vec<serde_json::Value> = c
        .ok(&["--json", "audit", "log", "--target", "leave/1"])
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["act"] == "leave.undecided")
        .collect();
    assert_eq!(flagged.len(), 1);
    let deciders = flagged[0]["data"]["deciders"].as_array().unwrap();
    assert!(deciders.contains(&serde_json::json!("D01")), "{deciders:?}");
    // Past the case's deadline the extension is flagged too, each once.
    restart_at(&c, "2026-12-01T09:00:00");
    restart_at(&c, "2026-12-01T10:00:00");
    let director = c.ok(&["--as", "D01", "approvals"]);
    assert!(
        director.lines().all(|l| l.ends_with("\tlate")),
        "{director}"
    );
    assert_eq!(events(&c, 1, "extension.undecided").len(), 1);
}

#[test]
fn an_extension_comes_before_the_deadline_and_an_overdue_case_stays_overdue() {
    let c = Centre::new();
    // Due Mon 30 Nov.
    open(&c, "张三", ALL);
    let ask = [
        "--as",
        "C01",
        "extension",
        "ask",
        "1",
        "--days",
        "3",
        "--reason",
        "需实地核查",
    ];
    // Asked in time, but not decided before the deadline: it can no longer be approved.
    c.ok(&ask);
    restart_at(&c, "2026-12-02T09:00:00");
    let r = at(
        &c,
        "2026-12-02T09:00:00",
        &["--as", "L04", "extension", "approve", "1"],
    );
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains(
            "was due on 2026-11-30; an extension is asked for and approved before the deadline"
        ),
        "{}",
        r.stderr
    );
    // Neither asked for nor granted after it.
    let late = at(&c, "2026-12-02T09:00:00", &ask);
    assert_ne!(late.code, 0, "{}", late.stdout);
    let direct = at(
        &c,
        "2026-12-02T09:00:00",
        &[
            "--as",
            "L04",
            "case",
            "extend",
            "1",
            "--days",
            "3",
            "--reason",
            "需实地核查",
        ],
    );
    assert_ne!(direct.code, 0);
    // The overdue fact stands, and the case is still shown overdue.
    assert_eq!(events(&c, 1, "case.overdue").len(), 1);
    let list = ok_at(&c, "2026-12-02T09:00:00", &["case", "list", "--open"]);
    assert!(list.contains("超期"), "{list}");
}

#[test]
fn a_completion_after_the_deadline_is_recorded_as_late() {
    let c = Centre::new();
    // Both due Mon 30 Nov; one completed that day, one on Wed 2 Dec.
    open(&c, "张三", ALL);
    open(&c, "李四", ALL);
    restart_at(&c, "2026-11-30T16:00:00");
    ok_at(
        &c,
        "2026-11-30T16:00:00",
        &["--as", "C01", "case", "complete", "1"],
    );
    restart_at(&c, "2026-12-02T09:00:00");
    ok_at(
        &c,
        "2026-12-02T09:00:00",
        &["--as", "C01", "case", "complete", "2"],
    );
    let on_time = ok_at(&c, "2026-12-02T09:00:00", &["case", "show", "1"]);
    assert!(
        on_time.contains("status\tcompleted 2026-11-30\n"),
        "{on_time}"
    );
    let late = ok_at(&c, "2026-12-02T09:00:00", &["case", "show", "2"]);
    assert!(
        late.contains("status\tcompleted 2026-12-02 (late by 2 working days)"),
        "{late}"
    );
    let json = ok_at(&c, "2026-12-02T09:00:00", &["--json", "case", "show", "2"]);
    assert!(json.contains("\"late\": 2"), "{json}");
    let completed = events(&c, 2, "case.complete");
    assert_eq!(
        completed[0]["data"]["status"], "completed late",
        "{completed:?}"
    );
}
