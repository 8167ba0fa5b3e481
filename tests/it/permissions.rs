//! Who is who (RULES §1, §5): sign-in by the peer's uid, the demo centre's owner, and every row
//! of the permission table in the README, through the real server.

use crate::common::server::Centre;

fn my_uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// A real (non-demo) centre: the demo centre's file, with C01 bound to `uid` if given.
fn real_centre(uid: Option<u32>) -> Centre {
    let bound: Vec<(&str, u32)> = uid.map(|u| ("C01", u)).into_iter().collect();
    real_centre_binding(&bound, &[])
}

/// A real (non-demo) centre: the demo centre's file with each `(code, uid)` of `bound` bound
/// (`uid = N` on its staff entry), and `shared` as its shared thin-client accounts.
pub(crate) fn real_centre_binding(bound: &[(&str, u32)], shared: &[u32]) -> Centre {
    let c = Centre::fresh();
    let mut text = std::fs::read_to_string("fixtures/centre.toml").unwrap();
    for (code, uid) in bound {
        let entry = format!("code = \"{code}\"\n");
        assert!(text.contains(&entry), "the demo centre has no {code}");
        text = text.replacen(&entry, &format!("{entry}uid = {uid}\n"), 1);
    }
    if !shared.is_empty() {
        let uids: Vec<String> = shared.iter().map(u32::to_string).collect();
        text = text.replace(
            "director = \"D01\"",
            &format!("director = \"D01\"\nshared_uids = [{}]", uids.join(", ")),
        );
    }
    std::fs::write(c.data.join("centre.toml"), text).unwrap();
    c
}

#[test]
fn an_unbound_uid_is_refused_in_a_real_centre() {
    let c = real_centre(None);
    // The data directory belongs to another account (the service user), which runs the
    // server, as in production.
    if !crate::common::server::root() {
        eprintln!("skipped: needs root, to give the data directory to another unix user");
        return;
    }
    let mut server = c.serve_as(my_uid() + 4242);
    let r = c.cli(&["ticket", "list"]);
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(&format!("uid {} is not bound", my_uid())),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("uid = {}", my_uid())),
        "says what to add: {}",
        r.stderr
    );
}

#[test]
fn the_owner_of_a_real_centre_bound_to_no_one_administers_it() {
    let c = real_centre(None);
    let r = c.cli(&["audit", "verify"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        c.cli(&["ticket", "call", "--window", "民政救助"])
            .stderr
            .contains("数据目录所有者 (admin) may not do this")
    );
    assert_eq!(c.cli(&["stop"]).code, 0);
}

#[test]
fn a_bound_uid_signs_in_as_its_staff_member() {
    let c = real_centre(Some(my_uid()));
    let r = c.cli(&["--json", "ticket", "take", "--window", "民政救助"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["taken_by"], "C01");
    assert_eq!(v["first_asked"], "C01");
}

#[test]
fn acting_as_someone_else_works_only_in_the_demo_centre() {
    let c = real_centre(Some(my_uid()));
    let r = c.cli(&["--as", "D01", "ticket", "list"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("--as D01 works only in the demo centre"),
        "{}",
        r.stderr
    );
    let demo = Centre::new();
    let r = demo.cli(&["--as", "X99", "ticket", "list"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no staff code `X99`"), "{}", r.stderr);
}

#[test]
fn the_demo_owner_signs_in_as_the_clerk_c01_unless_naming_someone() {
    let c = Centre::new();
    let r = c.owner_cli(&["--json", "ticket", "take", "--window", "医疗保险"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["taken_by"], "C01", "周春英, 民政救助's A post");
    let r = c.owner_cli(&[
        "--as",
        "D01",
        "--json",
        "ticket",
        "take",
        "--window",
        "医疗保险",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["taken_by"], "D01");
}

/// Whether `code` may run `args` (exit 0), on a centre with one waiting, called 民政救助 ticket.
fn may(c: &Centre, code: &str, args: &[&str]) -> bool {
    let mut all = vec!["--as", code];
    all.extend_from_slice(args);
    let r = c.cli(&all);
    assert!(
        r.code == 0 || r.stderr.contains("may not do this"),
        "{code} {args:?}: {}",
        r.stderr
    );
    r.code == 0
}

#[test]
fn every_row_of_the_permission_table_holds() {
    // C01 is 民政救助's A post, C02 its B post, C03 another window's A; L05 a leader; D01 the
    // director; S01 a supervisor.
    let c = Centre::new();
    let people = ["C01", "C02", "C03", "L05", "D01", "S01"];
    let rows: &[(&str, &[&str], [bool; 6])] = &[
        (
            "take a ticket",
            &["ticket", "take", "--window", "民政救助"],
            [true, true, true, true, true, false],
        ),
        (
            "print a ticket again",
            &["ticket", "print", "A001", "--text"],
            [true, true, true, true, true, false],
        ),
        (
            "call at 民政救助",
            &["ticket", "call", "--window", "民政救助"],
            [true, true, false, true, true, false],
        ),
        (
            "list the queue",
            &["ticket", "list"],
            [true, true, true, true, true, true],
        ),
        (
            "verify the audit trail",
            &["audit", "verify"],
            [false, false, false, true, true, true],
        ),
        (
            "read the audit log",
            &["audit", "log", "--since", "2026-11-23"],
            [false, false, false, true, true, true],
        ),
    ];
    for (what, args, expected) in rows {
        for (who, want) in people.iter().zip(expected) {
            if *what == "call at 民政救助" {
                // Keep someone waiting, so only the permission decides.
                c.ok(&["ticket", "take", "--window", "民政救助"]);
            }
            assert_eq!(
                may(&c, who, args),
                *want,
                "{who} may {what}: expected {want}"
            );
        }
    }
    // Recall, no-show and transfer follow the window's permission too.
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let called = c.ok(&["--as", "C01", "ticket", "call"]).trim().to_string();
    assert!(!may(&c, "C03", &["ticket", "recall", &called]));
    assert!(may(&c, "C02", &["ticket", "recall", &called]));
    assert!(!may(
        &c,
        "S01",
        &["ticket", "transfer", &called, "--to", "医疗保险"]
    ));
    assert!(may(
        &c,
        "L05",
        &["ticket", "transfer", &called, "--to", "医疗保险"]
    ));
    // Only the director (or an administrator) stops the server.
    for who in ["C01", "L05", "S01"] {
        assert!(!may(&c, who, &["stop"]), "{who} stopped the server");
    }
    assert!(may(&c, "D01", &["stop"]));
}

#[test]
fn the_data_directorys_owner_signed_in_as_themselves_may_always_stop_the_server() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    // In the demo the owner is the clerk C01, who may not stop it when acting as C01 …
    assert!(!may(&c, "C01", &["stop"]));
    // … but runs the server, and stops it as themselves.
    let r = c.owner_cli(&["stop"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::os::unix::net::UnixStream::connect(c.socket()).is_err(),
        "the server still answers"
    );
}

/// Every later row of the table, for each role: (what, command, [C01 clerk of 民政救助, C03 clerk
/// elsewhere, L05 leader on duty (24 Nov), L06 leader, D01 director, S01 supervisor]). Each
/// command runs against fresh state made by `setup`, so only the permission decides.
#[test]
fn every_row_of_the_permission_table_holds_for_cases_enquiries_leave_duty_backup_and_pins() {
    const FULL: &str =
        "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片";
    let people = ["C01", "C03", "L05", "L06", "D01", "S01"];
    type Row<'a> = (&'a str, &'a [&'a str], [bool; 6]);
    let rows: &[Row] = &[
        (
            "open a case for 民政救助",
            &[
                "case",
                "open",
                "--item",
                "MZ-005",
                "--applicant",
                "甲",
                "--have",
                FULL,
            ],
            [true, false, true, true, true, false],
        ),
        (
            "complete a 民政救助 case",
            &["case", "complete", "1"],
            [true, false, true, true, true, false],
        ),
        (
            "print or save a 民政救助 case's notice",
            &["case", "print", "1", "--save"],
            [true, false, true, true, true, false],
        ),
        (
            "extend a case",
            &["case", "extend", "1", "--days", "2", "--reason", "核查"],
            [false, false, true, true, true, false],
        ),
        (
            "show a case",
            &["case", "show", "1"],
            [true, true, true, true, true, true],
        ),
        (
            "list cases",
            &["case", "list"],
            [true, true, true, true, true, true],
        ),
        (
            "log an enquiry",
            &["enquiry", "log", "--content", "问事"],
            [true, true, true, true, true, false],
        ),
        (
            "close another's enquiry",
            &["enquiry", "close", "1", "--outcome", "已答复"],
            [false, false, true, true, true, false],
        ),
        (
            "approve leave",
            &["leave", "approve", "1"],
            [false, false, true, false, true, false],
        ),
        (
            "write the duty log",
            &["duty", "log", "--text", "巡查"],
            [false, false, true, false, true, false],
        ),
        (
            "record a complaint",
            &[
                "complaint",
                "open",
                "--channel",
                "oral",
                "--grounds",
                "attitude",
                "--name",
                "王",
                "--phone",
                "13900000000",
                "--text",
                "态度差",
            ],
            [false, false, true, true, true, true],
        ),
        (
            "list complaints",
            &["complaint", "list"],
            [false, false, true, true, true, true],
        ),
        (
            "see another's violations",
            &["violation", "list", "--staff", "C02"],
            [false, false, true, true, true, true],
        ),
        (
            "confirm a violation",
            &["violation", "confirm", "1"],
            [false, false, false, false, true, false],
        ),
        (
            "record a violation",
            &[
                "violation",
                "record",
                "--staff",
                "C02",
                "--type",
                "other",
                "--note",
                "脱岗",
            ],
            [false, false, false, false, true, true],
        ),
        (
            "set another's PIN",
            &["pin", "set", "C10"],
            [false, false, false, false, true, false],
        ),
    ];
    for (what, args, expected) in rows {
        for (who, want) in people.iter().zip(expected) {
            let c = Centre::new();
            let setup = |args: &[&str]| {
                let r = crate::common::run_env(
                    &c.data,
                    &[&["--now", "2026-11-24T09:00"], args].concat(),
                    &[],
                );
                assert_eq!(r.code, 0, "setup {args:?}: {}", r.stderr);
            };
            setup(&[
                "--as",
                "C01",
                "case",
                "open",
                "--item",
                "MZ-005",
                "--applicant",
                "乙",
                "--have",
                FULL,
            ]);
            setup(&["--as", "C02", "enquiry", "log", "--content", "问低保"]);
            setup(&[
                "--as",
                "D01",
                "violation",
                "record",
                "--staff",
                "C02",
                "--type",
                "other",
                "--note",
                "脱岗",
            ]);
            setup(&[
                "--as",
                "C02",
                "leave",
                "request",
                "--from",
                "2026-11-26T08:00",
                "--to",
                "2026-11-26T12:00",
                "--reason",
                "看病",
            ]);
            let mut all = vec!["--now", "2026-11-24T09:00", "--as", who];
            all.extend_from_slice(args);
            let r = crate::common::run_env(&c.data, &all, &[("FRONTDESK_NEW_PIN", "2468")]);
            assert!(
                r.code == 0 || r.stderr.contains("may not") || r.stderr.contains("kept by"),
                "{who} {what}: {}",
                r.stderr
            );
            assert_eq!(
                r.code == 0,
                *want,
                "{who} may {what}: expected {want}; {}",
                r.stderr
            );
        }
    }
}

#[test]
fn every_row_of_the_permission_table_holds_for_ratings_and_return_visits() {
    const FULL: &str =
        "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片";
    const NOW: &str = "2026-11-24T09:00";
    // C01 served both cases; C03 is another window's clerk.
    let people = ["C01", "C03", "L05", "D01", "S01"];
    type Row<'a> = (&'a str, &'a [&'a str], [bool; 5]);
    let rows: &[Row] = &[
        (
            "record a rating",
            &[
                "rating",
                "record",
                "--case",
                "1",
                "--level",
                "2",
                "--channel",
                "desk",
            ],
            [false, true, true, true, true],
        ),
        (
            "list everyone's ratings",
            &["rating", "list", "--staff", "C02"],
            [false, false, true, true, true],
        ),
        ("list one's own ratings", &["rating", "list"], [true; 5]),
        (
            "answer a 差评's rectification",
            &[
                "rating",
                "answer",
                "1",
                "--checked",
                "查",
                "--rectified",
                "改",
                "--reply",
                "复",
            ],
            [true, false, true, true, false],
        ),
        (
            "appeal a 差评",
            &["rating", "appeal", "2", "--reason", "误评"],
            [true, false, false, false, false],
        ),
        (
            "decide an appeal",
            &["rating", "decide", "1", "--refused", "--reason", "属实"],
            [false, false, false, true, false],
        ),
        (
            "draw the return visits",
            &["visit", "draw", "--month", "2026-11"],
            [false, false, true, true, true],
        ),
        (
            "list the return visits",
            &["visit", "list"],
            [false, false, true, true, true],
        ),
        (
            "record a return visit",
            &["visit", "record", "2", "--level", "2"],
            [false, false, true, true, true],
        ),
    ];
    for (what, args, expected) in rows {
        for (who, want) in people.iter().zip(expected) {
            let c = Centre::new();
            let setup = |args: &[&str]| {
                let r = crate::common::run_env(&c.data, &[&["--now", NOW], args].concat(), &[]);
                assert_eq!(r.code, 0, "setup {args:?}: {}", r.stderr);
            };
            for (case, applicant) in [("1", "乙"), ("2", "丙")] {
                setup(&[
                    "--as",
                    "C01",
                    "case",
                    "open",
                    "--item",
                    "MZ-005",
                    "--applicant",
                    applicant,
                    "--have",
                    FULL,
                ]);
                setup(&["--as", "C01", "case", "complete", case]);
                setup(&[
                    "--as",
                    "C02",
                    "rating",
                    "record",
                    "--case",
                    case,
                    "--level",
                    "5",
                    "--channel",
                    "pad",
                ]);
            }
            setup(&["--as", "C01", "rating", "appeal", "1", "--reason", "误评"]);
            setup(&["--as", "S01", "visit", "draw", "--month", "2026-11"]);
            let mut all = vec!["--now", NOW, "--as", who];
            all.extend_from_slice(args);
            let r = crate::common::run_env(&c.data, &all, &[]);
            assert!(
                r.code == 0 || r.stderr.contains(" may not "),
                "{who} {what}: {}",
                r.stderr
            );
            assert_eq!(
                r.code == 0,
                *want,
                "{who} may {what}: expected {want}; {}",
                r.stderr
            );
        }
    }
}
