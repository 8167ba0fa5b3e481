//! Both posts of a window away (AB岗, RULES §5/§6, seed 000 三(四)) through the server: the
//! posts bind in the opening hours of working days only. The test clock starts on Monday
//! 2026-11-23 at 09:00, 郑开华's (L04) duty day; the demo centre opens 08:00–17:00.

use crate::common::server::Centre;

/// `code` asks for leave from `from` to `to`; returns the run.
fn ask(c: &Centre, code: &str, from: &str, to: &str) -> crate::common::Run {
    c.cli(&[
        "--as",
        code,
        "leave",
        "request",
        "--from",
        from,
        "--to",
        to,
        "--reason",
        "家中有事",
    ])
}

#[test]
fn b_may_be_away_after_closing_time_while_a_is_away_through_the_server() {
    let c = Centre::new();
    assert_eq!(
        ask(&c, "C01", "2026-11-24T08:00", "2026-11-24T20:00").code,
        0
    );
    let evening = ask(&c, "C02", "2026-11-24T17:00", "2026-11-24T21:00");
    assert_eq!(evening.code, 0, "{}", evening.stderr);
    let afternoon = ask(&c, "C02", "2026-11-24T16:00", "2026-11-24T16:30");
    assert_eq!(afternoon.code, 1);
    assert!(
        afternoon
            .stderr
            .contains("民政救助 would have neither A (周春英) nor B (杨秋凤) on 2026-11-24"),
        "{}",
        afternoon.stderr
    );
}

/// 周春英 (A of 民政救助) on approved leave all of Monday the 23rd, and 杨秋凤 (B) taken ill at
/// 09:00, her urgent leave recorded by 郑开华 (L04), the leader on duty.
fn both_posts_of_minzheng_away(c: &Centre) {
    assert_eq!(
        ask(c, "C01", "2026-11-23T08:00", "2026-11-23T17:00").code,
        0
    );
    c.ok(&["--as", "D01", "leave", "approve", "1"]);
    let r = urgent(c, "L04", "C02", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "2\n");
}
/// `leave urgent` for `staff` by `by`, until closing on Mon 23 Nov, with `extra` flags.
fn urgent(c: &Centre, by: &str, staff: &str, extra: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "--as",
        by,
        "leave",
        "urgent",
        "--staff",
        staff,
        "--to",
        "2026-11-23T17:00",
        "--reason",
        "突发疾病",
    ];
    args.extend_from_slice(extra);
    c.cli(&args)
}

#[test]
fn urgent_leave_recorded_by_the_leader_on_duty_is_not_refused_by_the_a_b_rule() {
    let c = Centre::new();
    assert_eq!(
        ask(&c, "C01", "2026-11-23T08:00", "2026-11-23T17:00").code,
        0
    );
    c.ok(&["--as", "D01", "leave", "approve", "1"]);
    // Asked as ordinary leave, it is refused; recorded as urgent by the leader on duty, it
    // stands, approved at once and recorded as urgent.
    let asked = c.cli(&[
        "--as",
        "L04",
        "leave",
        "request",
        "--staff",
        "C02",
        "--from",
        "2026-11-23T09:00",
        "--to",
        "2026-11-23T17:00",
        "--reason",
        "突发疾病",
    ]);
    assert_eq!(asked.code, 1, "{}", asked.stdout);
    let r = urgent(&c, "L04", "C02", &["--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["urgent"], true);
    assert_eq!(v["status"]["state"], "approved");
    assert_eq!(v["status"]["by"], "L04");
    let log = c.ok(&[
        "--as", "D01", "audit", "log", "--target", "leave/2", "--json",
    ]);
    assert!(log.contains("\"act\":\"leave.urgent\""), "{log}");
    assert!(log.contains("\"state\":\"urgent\""), "{log}");
}

#[test]
fn only_the_director_or_the_leader_on_duty_records_urgent_leave_and_never_their_own() {
    let c = Centre::new();
    let urgent = |by: &str, staff: &str| urgent(&c, by, staff, &[]);
    let clerk = urgent("C01", "C02");
    assert_eq!(clerk.code, 1);
    assert!(
        clerk
            .stderr
            .contains("may not record urgent leave on 2026-11-23"),
        "{}",
        clerk.stderr
    );
    // 李鹏 leads on the 24th, not today.
    assert_eq!(urgent("L05", "C02").code, 1);
    let own = urgent("D01", "D01");
    assert!(
        own.stderr.contains("may not record their own urgent leave"),
        "{}",
        own.stderr
    );
    assert_eq!(urgent("D01", "C02").code, 0);
}

#[test]
fn a_ticket_for_a_window_nobody_serves_is_taken_with_a_warning() {
    let c = Centre::new();
    both_posts_of_minzheng_away(&c);
    let r = c.cli(&["--as", "C05", "ticket", "take", "--window", "民政救助"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "A001\n");
    assert!(
        r.stderr.contains(
            "ticket A001 is taken, but nobody serves 民政救助 now: A (周春英) and B (杨秋凤) are \
             both away and no cover is assigned; the alarm goes to 王建国, 郑开华, 汪志勇"
        ),
        "{}",
        r.stderr
    );
    // Another window's ticket warns of nothing.
    let other = c.cli(&["--as", "C05", "ticket", "take", "--window", "医疗保险"]);
    assert_eq!((other.code, other.stderr.as_str()), (0, ""));
}

#[test]
fn the_leader_on_duty_assigns_cover_only_to_someone_who_knows_the_window() {
    let c = Centre::new();
    both_posts_of_minzheng_away(&c);
    let assign = |by: &str, staff: &str| {
        c.cli(&[
            "--as",
            by,
            "cover",
            "assign",
            "--window",
            "民政救助",
            "--staff",
            staff,
            "--to",
            "2026-11-23T17:00",
        ])
    };
    // 童丽华 works 劳动保障, under another business leader: not for the leader on duty to name.
    let stranger = assign("L04", "C03");
    assert_eq!(stranger.code, 1);
    assert!(
        stranger
            .stderr
            .contains("may not assign cover on 2026-11-23 to someone who does not know the window"),
        "{}",
        stranger.stderr
    );
    // A clerk assigns no one.
    assert_eq!(assign("C05", "L01").code, 1);
    // 汪志勇 is 民政救助's business leader: he knows it.
    assert_eq!(assign("L04", "L01").stdout, "1\n");
    let list = c.ok(&["--as", "D01", "cover", "list"]);
    assert_eq!(
        list,
        "1\t民政救助\tL01\t2026-11-23T09:00\t2026-11-23T17:00\tL04\n"
    );
    let log = c.ok(&[
        "--as", "D01", "audit", "log", "--target", "cover/1", "--json",
    ]);
    assert!(log.contains("\"act\":\"cover.assign\""), "{log}");
    assert!(log.contains("\"named_by_director\":false"), "{log}");
}

#[test]
fn the_director_may_name_anyone_to_cover_and_it_is_recorded_so() {
    let c = Centre::new();
    both_posts_of_minzheng_away(&c);
    let r = c.ok(&[
        "--as",
        "D01",
        "cover",
        "assign",
        "--window",
        "A",
        "--staff",
        "C03",
        "--to",
        "2026-11-23T12:00",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r).unwrap();
    assert_eq!(v["window"], "民政救助");
    assert_eq!(v["named_by_director"], true);
    // 童丽华 covering 民政救助 is not at 劳动保障, where 吴卫平 (B) serves meanwhile.
    let day = c.ok(&["--as", "D01", "roster", "2026-11-23"]);
    assert!(
        day.contains("cover\t民政救助\t童丽华\t2026-11-23T09:00\t2026-11-23T12:00\n"),
        "{day}"
    );
}

#[test]
fn cover_is_assigned_only_while_both_posts_are_away_and_once_a_time() {
    let c = Centre::new();
    let assign = |staff: &str, from: &str, to: &str| {
        c.cli(&[
            "--as",
            "D01",
            "cover",
            "assign",
            "--window",
            "民政救助",
            "--staff",
            staff,
            "--from",
            from,
            "--to",
            to,
        ])
    };
    let not_needed = assign("L01", "2026-11-23T09:00", "2026-11-23T17:00");
    assert!(
        not_needed
            .stderr
            .contains("cover is assigned only while both are away"),
        "{}",
        not_needed.stderr
    );
    both_posts_of_minzheng_away(&c);
    // Their own post holder is no cover.
    assert!(
        assign("C01", "2026-11-23T09:00", "2026-11-23T17:00")
            .stderr
            .contains("holds a post of 民政救助")
    );
    assert_eq!(
        assign("L01", "2026-11-23T09:00", "2026-11-23T12:00").code,
        0
    );
    let twice = assign("C03", "2026-11-23T11:00", "2026-11-23T17:00");
    assert!(
        twice.stderr.contains("already has 汪志勇 covering it"),
        "{}",
        twice.stderr
    );
    assert_eq!(
        assign("C03", "2026-11-23T12:00", "2026-11-23T17:00").code,
        0
    );
}

#[test]
fn once_cover_is_assigned_the_window_counts_as_served() {
    let c = Centre::new();
    both_posts_of_minzheng_away(&c);
    c.ok(&[
        "--as",
        "L04",
        "cover",
        "assign",
        "--window",
        "民政救助",
        "--staff",
        "L01",
        "--to",
        "2026-11-23T17:00",
    ]);
    let r = c.cli(&["--as", "C05", "ticket", "take", "--window", "民政救助"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let mut desk = crate::common::console::Desk::open(&c, "D01", 120, 32);
    desk.wait_for(
        "A 民政救助 A 周春英 / B 杨秋凤 · 顶岗 汪志勇（至 17:00）",
        5,
    );
    assert!(!desk.screen().contains("AB岗均不在"), "{}", desk.screen());
}

#[test]
fn the_leader_on_duty_assigns_cover_at_the_console() {
    use crate::common::console::{Desk, ENTER};
    let c = Centre::new();
    both_posts_of_minzheng_away(&c);
    let mut desk = Desk::open(&c, "L04", 120, 32);
    desk.wait_for("AB岗均不在！", 5);
    desk.press("a");
    desk.wait_for("安排顶岗（工号 [至 HH:MM]） · 民政救助", 5);
    desk.press("L01 15:30");
    desk.press(ENTER);
    desk.wait_for("民政救助 顶岗 L01 已保存", 5);
    desk.wait_for("· 顶岗 汪志勇（至 15:30）", 5);
    assert!(
        c.ok(&["--as", "D01", "cover", "list"])
            .starts_with("1\t民政救助\tL01\t")
    );
}

#[test]
fn urgent_leave_is_recorded_at_the_console_and_the_alarm_goes_out() {
    use crate::common::console::{Desk, ENTER};
    let c = Centre::new();
    assert_eq!(
        ask(&c, "C01", "2026-11-23T08:00", "2026-11-23T17:00").code,
        0
    );
    c.ok(&["--as", "D01", "leave", "approve", "1"]);
    let mut desk = Desk::open(&c, "L04", 120, 32);
    desk.press("H");
    desk.wait_for("紧急请假（工号 [时段] 事由）", 5);
    desk.press("C02 突发疾病");
    desk.press(ENTER);
    desk.wait_for("杨秋凤 AB岗均不在！ 告知:", 5);
    desk.wait_for("王建国、郑开华、汪志勇", 5);
    let list = c.ok(&["leave", "list", "--as", "D01"]);
    assert!(
        list.contains("2\tC02\tleave\t2026-11-23T09:00\t2026-11-23T17:00\tapproved by L04"),
        "{list}"
    );
}

#[test]
fn a_ticket_sent_to_a_window_nobody_serves_warns_at_the_console() {
    use crate::common::console::{Desk, ENTER};
    let c = Centre::new();
    both_posts_of_minzheng_away(&c);
    c.ok(&["--as", "C05", "ticket", "take", "--window", "医疗保险"]);
    let mut desk = Desk::open(&c, "C05", 120, 32);
    desk.wait_for("C001", 5);
    desk.press("1");
    desk.press("m");
    desk.wait_for("转往窗口 · C001", 5);
    desk.press("民政救助");
    desk.press(ENTER);
    desk.wait_for(
        "注意：民政救助 AB岗均不在且无人顶岗 告知: 王建国、郑开华、汪志勇",
        5,
    );
}
