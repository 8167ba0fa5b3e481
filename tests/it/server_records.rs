//! Enquiries (RULES §1), leave (§6) and the duty log (§7) through the server.

use crate::common::server::Centre;

/// A centre whose clock starts on Tue 24 Nov 2026: the day ends in 4, so 李鹏 (L05) is on duty.
fn centre() -> Centre {
    let c = Centre::new();
    let r = crate::common::run_in(&c.data, &["--now", "2026-11-24T09:00", "ticket", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    c
}

fn ok(c: &Centre, args: &[&str]) -> String {
    let r = crate::common::run_in(&c.data, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

fn err(c: &Centre, args: &[&str]) -> String {
    let r = crate::common::run_in(&c.data, args);
    assert_eq!(r.code, 1, "{args:?} should fail: {}", r.stdout);
    r.stderr
}

#[test]
fn a_phone_enquiry_is_logged_with_the_caller_and_stays_open_for_the_duty_leader() {
    let c = centre();
    let e = err(
        &c,
        &[
            "--as",
            "C01",
            "enquiry",
            "log",
            "--channel",
            "phone",
            "--content",
            "问低保",
        ],
    );
    assert!(e.contains("caller's name and number"), "{e}");
    assert_eq!(
        ok(
            &c,
            &[
                "--as",
                "C01",
                "enquiry",
                "log",
                "--channel",
                "phone",
                "--name",
                "王五",
                "--phone",
                "13900001111",
                "--content",
                "问低保怎么申请",
                "--refer",
                "值班领导"
            ]
        ),
        "1\n"
    );
    assert_eq!(
        ok(
            &c,
            &["--as", "C03", "enquiry", "log", "--content", "问社保卡补办"]
        ),
        "2\n"
    );
    let duty = ok(&c, &["--as", "L05", "enquiry", "list", "--open"]);
    assert_eq!(
        duty,
        "1\topen\tC01\tphone\t王五\t139****1111\t问低保怎么申请\n2\topen\tC03\tin-person\t\t\t问社保卡补办\n"
    );
    // A clerk sees their own, with the number in full.
    assert_eq!(
        ok(&c, &["--as", "C01", "enquiry", "list"]),
        "1\topen\tC01\tphone\t王五\t13900001111\t问低保怎么申请\n"
    );
}

#[test]
fn an_enquiry_is_closed_by_its_first_asked_person_or_a_leader() {
    let c = centre();
    ok(
        &c,
        &["--as", "C01", "enquiry", "log", "--content", "问高龄津贴"],
    );
    // Until closed it waits on its first-asked person's list, and no one else's.
    assert_eq!(
        ok(&c, &["--as", "C01", "approvals"]),
        "enquiry\t1\t2026-11-24T09:00\t\t问高龄津贴\n"
    );
    assert_eq!(ok(&c, &["--as", "C03", "approvals"]), "");
    assert!(
        err(
            &c,
            &["--as", "C03", "enquiry", "close", "1", "--outcome", "x"]
        )
        .contains("first-asked person")
    );
    ok(
        &c,
        &[
            "--as",
            "C01",
            "enquiry",
            "close",
            "1",
            "--outcome",
            "已告知所需材料",
        ],
    );
    assert_eq!(ok(&c, &["--as", "L05", "enquiry", "list", "--open"]), "");
    assert_eq!(ok(&c, &["--as", "C01", "approvals"]), "");
    assert!(
        err(
            &c,
            &["--as", "L05", "enquiry", "close", "1", "--outcome", "x"]
        )
        .contains("already closed")
    );
}

#[test]
fn leave_for_a_and_b_of_one_window_at_once_is_refused_through_the_server() {
    let c = centre();
    assert_eq!(
        ok(
            &c,
            &[
                "--as",
                "C01",
                "leave",
                "request",
                "--from",
                "2026-11-25T08:00",
                "--to",
                "2026-11-25T17:00",
                "--reason",
                "看病"
            ]
        ),
        "1\n"
    );
    let e = err(
        &c,
        &[
            "--as",
            "C02",
            "leave",
            "request",
            "--from",
            "2026-11-25T13:00",
            "--to",
            "2026-11-26T12:00",
            "--reason",
            "家事",
        ],
    );
    assert!(
        e.contains("民政救助 would have neither A (周春英) nor B (杨秋凤) on 2026-11-25"),
        "{e}"
    );
}

#[test]
fn leave_is_approved_by_the_leader_on_duty_and_cancelled_on_return() {
    let c = centre();
    // Written at 09:00 for a leave that began at 08:30 (as a slip handed in late).
    ok(
        &c,
        &[
            "--as",
            "C01",
            "leave",
            "request",
            "--from",
            "2026-11-24T08:30",
            "--to",
            "2026-11-24T16:00",
            "--reason",
            "看病",
        ],
    );
    // A clerk decides no one's leave, their own least of all: the gate says so first.
    assert!(
        err(&c, &["--as", "C01", "leave", "approve", "1"])
            .contains("周春英 (clerk) may not decide on leave on 2026-11-24")
    );
    assert!(
        err(&c, &["--as", "L06", "leave", "approve", "1"])
            .contains("only the director or the leader on duty that day (李鹏)")
    );
    ok(&c, &["--as", "L05", "leave", "approve", "1"]);
    assert!(
        ok(&c, &["leave", "list"])
            .contains("1\tC01\tleave\t2026-11-24T08:30\t2026-11-24T16:00\tapproved by L05")
    );
    // Back early: 销假 at once ends the absence now, not at 16:00.
    ok(&c, &["--as", "C01", "leave", "cancel", "1"]);
    assert!(ok(&c, &["leave", "list"]).contains("\treturned 2026-11-24 09:0"));
}

#[test]
fn only_leaders_and_the_director_write_leave_for_someone_else() {
    let c = centre();
    let e = err(
        &c,
        &[
            "--as",
            "C01",
            "leave",
            "request",
            "--staff",
            "C03",
            "--from",
            "2026-11-26T08:00",
            "--to",
            "2026-11-26T17:00",
            "--reason",
            "代请",
        ],
    );
    assert!(e.contains("may not ask for leave for someone else"), "{e}");
    ok(
        &c,
        &[
            "--as",
            "L05",
            "leave",
            "request",
            "--staff",
            "C03",
            "--from",
            "2026-11-26T08:00",
            "--to",
            "2026-11-26T17:00",
            "--reason",
            "病假（电话告知）",
        ],
    );
}

#[test]
fn a_duty_leader_needs_a_swap_to_take_leave_on_their_duty_day() {
    let c = centre();
    let e = err(
        &c,
        &[
            "--as",
            "L05",
            "leave",
            "request",
            "--from",
            "2026-11-24T13:00",
            "--to",
            "2026-11-24T17:00",
            "--reason",
            "开会",
        ],
    );
    assert!(e.contains("2026-11-24"), "{e}");
    ok(
        &c,
        &[
            "--as",
            "L05",
            "leave",
            "request",
            "--from",
            "2026-11-24T13:00",
            "--to",
            "2026-11-24T17:00",
            "--reason",
            "开会",
            "--swap",
            "2026-11-24:L06",
        ],
    );
}

#[test]
fn the_duty_log_is_kept_by_the_leader_on_duty_or_the_director() {
    let c = centre();
    let e = err(&c, &["--as", "L01", "duty", "log", "--text", "巡查"]);
    assert!(
        e.contains("the leader on duty that day (李鹏) or the director"),
        "{e}"
    );
    ok(
        &c,
        &[
            "--as",
            "L05",
            "duty",
            "log",
            "--text",
            "上午巡查大厅，秩序良好",
        ],
    );
    ok(
        &c,
        &["--as", "D01", "duty", "log", "--text", "接待投诉一起"],
    );
    assert_eq!(
        ok(&c, &["duty", "list"]),
        "09:00\tL05\t上午巡查大厅，秩序良好\n09:00\tD01\t接待投诉一起\n"
    );
    assert_eq!(ok(&c, &["duty", "list", "--date", "2026-11-23"]), "");
}

#[test]
fn every_lists_json_is_objects_of_one_shape_with_their_number() {
    let c = Centre::new();
    c.ok(&[
        "--as",
        "C01",
        "enquiry",
        "log",
        "--channel",
        "phone",
        "--name",
        "王五",
        "--phone",
        "13900001111",
        "--content",
        "问低保",
    ]);
    let json = c.ok(&["--as", "L04", "--json", "enquiry", "list"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["id"], 1, "{json}");
    assert_eq!(first["content"], "问低保", "{json}");
    assert_eq!(c.open_case_of("MZ-005", &[]).code, 0);
    let json = c.ok(&["--json", "case", "notices"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(
        (first["case"].as_u64(), first["number"].as_u64()),
        (Some(1), Some(1)),
        "{json}"
    );
}

#[test]
fn with_json_an_error_is_one_object_on_stderr_with_a_code_and_a_message() {
    let c = Centre::new();
    let r = c.cli(&["--as", "C01", "--json", "ticket", "call"]);
    assert_ne!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(r.stderr.trim()).expect(&r.stderr);
    assert_eq!(v["error"]["code"], "refused", "{}", r.stderr);
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no one is waiting at 民政救助"),
        "{}",
        r.stderr
    );
    let r = c.cli(&["--json", "case", "show", "99"]);
    let v: serde_json::Value = serde_json::from_str(r.stderr.trim()).expect(&r.stderr);
    assert_eq!(v["error"]["message"], "there is no case 99", "{}", r.stderr);
    // Without --json, the line a person reads.
    let r = c.cli(&["--as", "C01", "ticket", "call"]);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
}

#[test]
fn staff_on_approved_leave_are_off_the_desk_until_they_cancel_it() {
    let c = Centre::new();
    // 童丽华 (C03, 劳动保障 A) on leave all of Monday morning, approved by the director.
    c.ok(&[
        "--as",
        "C03",
        "leave",
        "request",
        "--from",
        "2026-11-23T08:00",
        "--to",
        "2026-11-23T12:00",
        "--reason",
        "看病",
    ]);
    c.ok(&["--as", "D01", "leave", "approve", "1"]);
    // The hall goes on: another clerk takes a ticket for 劳动保障.
    c.ok(&["--as", "C01", "ticket", "take", "--window", "劳动保障"]);
    let r = c.cli(&["--as", "C03", "ticket", "call"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("童丽华 is away (请假 until 2026-11-23 12:00)")
            && r.stderr.contains("frontdesk leave cancel 1"),
        "{}",
        r.stderr
    );
    let log = c.ok(&["audit", "log", "--staff", "C03"]);
    assert!(
        log.contains("ticket.call\t\trefused"),
        "the refusal is recorded:\n{log}"
    );
    // Back early: 销假, then to work.
    c.ok(&["--as", "C03", "leave", "cancel", "1"]);
    assert_eq!(c.ok(&["--as", "C03", "ticket", "call"]), "B001\n");
}
