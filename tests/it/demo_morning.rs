//! The demo centre's first morning: a new demo store is given a morning of the centre's work,
//! dated from the server's clock, through the desk's own requests; once, and never over a store
//! that exists.

use crate::common::console::Desk;
use crate::common::server::{Centre, NOW};

/// A fresh data directory whose first command (the director listing the queue) starts the
/// server, which writes the morning, at `now`.
fn first_morning_at(now: &str) -> Centre {
    let c = Centre::fresh();
    let r = crate::common::run_in(&c.data, &["--now", now, "ticket", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    c
}

/// The rows of `case list --open` as (applicant, kind, deadline, days left, mark).
fn open_cases(c: &Centre, now: &str) -> Vec<(String, String, String, String, String)> {
    let r = crate::common::run_in(&c.data, &["--now", now, "case", "list", "--open"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let at = |i: usize| f.get(i).copied().unwrap_or_default().to_string();
            (at(3), at(1), at(4), at(5), at(6))
        })
        .collect()
}

fn row<'a>(
    rows: &'a [(String, String, String, String, String)],
    applicant: &str,
) -> &'a (String, String, String, String, String) {
    rows.iter()
        .find(|r| r.0 == applicant)
        .unwrap_or_else(|| panic!("no open case of {applicant}: {rows:?}"))
}

#[test]
fn the_first_start_of_a_new_demo_fills_the_queue_with_visitors_waiting_and_called() {
    let c = first_morning_at(NOW);
    let list = c.ok(&["ticket", "list"]);
    let tickets: Vec<Vec<&str>> = list.lines().map(|l| l.split('\t').collect()).collect();
    let with = |state: &str, kind: &str| {
        tickets
            .iter()
            .filter(|t| t[2] == state && t[3] == kind)
            .map(|t| t[1])
            .collect::<Vec<_>>()
    };
    let called: Vec<&str> = [with("called", "ordinary"), with("called", "priority")].concat();
    assert!(called.len() >= 3, "several windows are serving:\n{list}");
    assert!(
        with("called", "priority").contains(&"民政救助"),
        "民政救助 serves its priority visitor:\n{list}"
    );
    assert!(!with("waiting", "ordinary").is_empty(), "{list}");
    assert!(!with("waiting", "priority").is_empty(), "{list}");
    let windows: std::collections::BTreeSet<&str> = tickets.iter().map(|t| t[1]).collect();
    assert!(windows.len() >= 4, "several windows: {windows:?}");
    // Dated from the server's clock: they are today's.
    let json = c.ok(&["--json", "ticket", "list"]);
    assert!(json.contains("\"date\": \"2026-11-23\""), "{json}");
}

#[test]
fn the_morning_has_open_cases_at_every_urgency_and_a_deficiency_case_due_tomorrow() {
    let c = first_morning_at(NOW);
    let rows = open_cases(&c, NOW);
    // (applicant, kind, deadline, days left, mark) on Monday 23 November 2026.
    assert_eq!(row(&rows, "李秀兰").3, "-2");
    assert_eq!(row(&rows, "李秀兰").4, "超期");
    assert_eq!(row(&rows, "王德顺").2, "2026-11-23");
    assert_eq!(row(&rows, "王德顺").4, "!!");
    assert_eq!(row(&rows, "陈桂芳").4, "!");
    assert_eq!(row(&rows, "刘建平").4, "", "comfortable: no mark");
    assert_eq!(row(&rows, "孙立新").1, "补办件");
    assert_eq!(row(&rows, "孙立新").2, "waiting 1");
    assert_eq!(row(&rows, "黄美华").1, "容缺受理");
    let show = c.ok(&["case", "show", "4"]);
    assert!(show.contains("kind\t容缺受理\n"), "{show}");
    assert!(
        show.contains("supplement_by\t2026-11-24\n"),
        "due the next working day:\n{show}"
    );
    // The overdue case's fact was recorded by the timed rule, on the day after its deadline.
    let log = c.ok(&["audit", "log"]);
    assert!(
        log.lines()
            .any(|l| l.contains("\tcase.overdue\t") && l.contains("2026-11-20")),
        "{log}"
    );
}

#[test]
fn the_morning_counts_back_working_days_on_the_centres_calendar_across_a_holiday() {
    // Monday 12 October 2026: 国庆 (1–7 October) and 中秋 (25–27 September) lie behind it, and
    // Saturday 10 October is a make-up working day.
    let now = "2026-10-12T10:30:00";
    let c = first_morning_at(now);
    let rows = open_cases(&c, now);
    assert_eq!(row(&rows, "王德顺").2, "2026-10-12");
    assert_eq!(row(&rows, "王德顺").4, "!!");
    assert_eq!(row(&rows, "李秀兰").4, "超期");
    assert_eq!(row(&rows, "李秀兰").3, "-2");
    assert_eq!(row(&rows, "陈桂芳").4, "!");
    let show = crate::common::run_in(&c.data, &["--now", now, "case", "show", "1"]).stdout;
    assert!(
        show.contains("accepted\t2026-09-21\n"),
        "ten working days before, the holidays skipped:\n{show}"
    );
    let show = crate::common::run_in(&c.data, &["--now", now, "case", "show", "4"]).stdout;
    assert!(show.contains("supplement_by\t2026-10-13\n"), "{show}");
}

#[test]
fn the_morning_leaves_leave_and_an_extension_waiting_for_a_decision_and_a_phone_enquiry_open() {
    let c = first_morning_at(NOW);
    let approvals = c.ok(&["approvals"]);
    assert!(
        approvals
            .lines()
            .any(|l| l.starts_with("extension\t") && l.contains("\t周春英\t")),
        "{approvals}"
    );
    assert!(
        approvals
            .lines()
            .any(|l| l.starts_with("leave\t") && l.contains("\t吴卫平\t")),
        "{approvals}"
    );
    let enquiries = c.ok(&["enquiry", "list", "--open"]);
    assert!(
        enquiries
            .lines()
            .any(|l| l.contains("\topen\tC01\tphone\t")),
        "{enquiries}"
    );
    // 医疗保险's A is on approved leave today, so its B serves.
    let leave = c.ok(&["leave", "list"]);
    assert!(leave.contains("C05\tleave\t2026-11-23T08:00"), "{leave}");
    assert!(leave.contains("approved by D01"), "{leave}");
}

#[test]
fn every_act_of_the_morning_went_through_the_desk_in_time_order_and_the_chain_verifies() {
    let c = first_morning_at(NOW);
    assert!(c.ok(&["audit", "verify"]).starts_with("audit trail intact"),);
    let log = c.ok(&["audit", "log"]);
    let events: Vec<Vec<&str>> = log.lines().map(|l| l.split('\t').collect()).collect();
    let times: Vec<&str> = events.iter().map(|e| e[1]).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "in time order:\n{log}");
    // Each act is a request of the desk's, made by a staff member, and none was refused.
    for act in [
        "case.open",
        "case.complete",
        "ticket.take",
        "ticket.call",
        "leave.request",
        "leave.approve",
        "extension.ask",
        "enquiry.log",
        "duty.log",
    ] {
        assert!(
            events.iter().any(|e| e[3] == act && e[2] != "-"),
            "no {act}:\n{log}"
        );
    }
    assert!(
        events.iter().all(|e| e[5] == "ok"),
        "nothing refused:\n{log}"
    );
}

#[test]
fn a_restart_adds_nothing_to_the_morning() {
    let c = first_morning_at(NOW);
    let before = (c.ok(&["ticket", "list"]), c.ok(&["case", "list"]));
    c.ok(&["stop"]);
    let again = (c.ok(&["ticket", "list"]), c.ok(&["case", "list"]));
    assert_eq!(before, again);
    let log = c.ok(&["audit", "log"]);
    assert_eq!(
        log.lines().filter(|l| l.contains("\tcase.open\t")).count(),
        8,
        "{log}"
    );
}

#[test]
fn a_demo_whose_store_exists_is_never_given_a_morning() {
    // `init --demo empty` created the store: its first start finds an empty hall.
    let c = Centre::new();
    assert_eq!(c.ok(&["ticket", "list"]), "");
    assert_eq!(c.ok(&["case", "list"]), "");
    c.ok(&["stop"]);
    assert_eq!(c.ok(&["ticket", "list"]), "");
}

#[test]
fn the_demo_owner_signs_in_as_the_clerk_c01_and_serves_her_windows_queue() {
    let c = first_morning_at(NOW);
    // C01 is serving the priority visitor A002: calling the next finishes them.
    let r = c.owner_cli(&["--json", "ticket", "call"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["status"]["by"], "C01", "{}", r.stdout);
    assert_eq!(v["window"], "民政救助");
    let list = c.ok(&["ticket", "list"]);
    assert!(list.starts_with("A001\t民政救助\tdone"), "{list}");
    assert!(list.contains("A002\t民政救助\tdone"), "{list}");
}

#[test]
fn a_new_demo_opens_for_its_owner_as_c01_with_something_in_every_pane() {
    // A fresh machine: the console's first server start writes the morning.
    let c = Centre::fresh();
    let mut con = Desk::open_as_owner(&c, 120, 32);
    con.wait_for("超期", 10);
    let screen = con.screen();
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("周春英 (C01) 民政救助 A岗"), "{header}");
    assert!(header.contains("--as D01"), "{header}");
    // Queue: the priority visitor being served, others waiting.
    assert!(
        screen.contains("A002") && screen.contains("A003"),
        "{screen}"
    );
    // Deadlines: every urgency; Case: the first of them, selected.
    for mark in ["超期", "!!", "补办件", "容缺受理"] {
        assert!(screen.contains(mark), "no {mark}:\n{screen}");
    }
    assert!(!screen.contains("未选中办件"), "a case is shown:\n{screen}");
    assert!(screen.contains("李秀兰"), "{screen}");
    // Today: the leader on duty, and 医疗保险's B covering for its A on leave.
    assert!(screen.contains("郑开华"), "{screen}");
    assert!(screen.contains("李富昌"), "{screen}");
    assert!(!screen.contains("无人等候"), "{screen}");
}
