//! Cases through the server (RULES §1–§4): opened at the desk, handled later, listed by
//! deadline, guarded by permissions, with personal data masked for those not handling them.

use crate::common::server::Centre;
use frontdesk::protocol::{
    Around, ClientMsg, Outcome, Request, Response, ServerMsg, ViewReq, read_frame, write_frame,
};

const FULL: &str = "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片";

fn open(c: &Centre, who: &str, args: &[&str]) -> String {
    let mut all = vec![
        "--as",
        who,
        "case",
        "open",
        "--applicant",
        "张三",
        "--phone",
        "13800001234",
        "--id-number",
        "330102199001011234",
    ];
    all.extend_from_slice(args);
    c.ok(&all)
}

#[test]
fn opening_a_case_prints_its_id_kind_and_deadline_or_the_materials_awaited() {
    let c = Centre::new();
    assert_eq!(
        open(&c, "C01", &["--item", "MZ-005", "--have", FULL]),
        "1\t承诺件\t2026-11-30\n"
    );
    assert_eq!(
        open(
            &c,
            "C01",
            &[
                "--item",
                "MZ-005",
                "--have",
                "老年助餐补贴申请表,居民身份证",
                "--promise",
                "户口簿或居住证"
            ]
        ),
        "2\t补办件\twaiting\t3\n"
    );
    let r = c.cli(&[
        "--as",
        "C03",
        "--json",
        "case",
        "open",
        "--item",
        "LB-003",
        "--applicant",
        "李四",
        "--have",
        "居民身份证,失业登记表,解除劳动合同证明,近期一寸免冠照片",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (v["id"].as_u64(), v["kind"].as_str(), v["deadline"].as_str()),
        (Some(3), Some("即办件"), Some("2026-11-23"))
    );
}

#[test]
fn a_refused_intake_stores_nothing() {
    let c = Centre::new();
    let r = c.cli(&[
        "--as",
        "C01",
        "case",
        "open",
        "--item",
        "MZ-005",
        "--applicant",
        "张三",
        "--have",
        "结婚证",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no material called `结婚证`"),
        "{}",
        r.stderr
    );
    assert_eq!(c.ok(&["case", "list"]), "");
}

#[test]
fn supplements_start_the_clock_and_open_cases_list_by_deadline() {
    let c = Centre::new();
    open(
        &c,
        "C01",
        &[
            "--item",
            "MZ-001",
            "--have",
            "最低生活保障申请书,居民身份证,户口簿,家庭经济状况核对授权书,家庭收入和财产申报表,残疾人证或病历证明,银行卡或存折复印件",
        ],
    );
    open(
        &c,
        "C01",
        &[
            "--item",
            "MZ-005",
            "--have",
            "老年助餐补贴申请表,居民身份证",
            "--promise",
            "户口簿或居住证",
        ],
    );
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    let list = c.ok(&["case", "list", "--open"]);
    let ids: Vec<&str> = list
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["3", "1", "2"],
        "by deadline, the waiting case last:\n{list}"
    );
    assert!(
        list.lines().nth(2).unwrap().contains("\twaiting 3\t"),
        "{list}"
    );
    c.ok(&[
        "--as",
        "C01",
        "case",
        "supplement",
        "2",
        "--materials",
        "户口簿或居住证,特殊困难身份证明，近期一寸免冠照片",
    ]);
    let list = c.ok(&["case", "list", "--open"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with("2\t") && l.contains("\t2026-11-30\t")),
        "{list}"
    );
}

#[test]
fn only_a_leader_or_the_director_extends_and_never_past_thirty_days() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    let r = c.cli(&[
        "--as", "C01", "case", "extend", "1", "--days", "5", "--reason", "核查",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("only a leader or the director"),
        "{}",
        r.stderr
    );
    // 30 Nov + 25 working days: the 23 of December, then Fri 1 Jan 2027 (no schedule yet) and Mon 4 Jan.
    assert_eq!(
        c.ok(&[
            "--as",
            "L05",
            "case",
            "extend",
            "1",
            "--days",
            "25",
            "--reason",
            "需实地核查"
        ]),
        "1\t承诺件\t2027-01-04\n"
    );
    let r = c.cli(&[
        "--as",
        "D01",
        "case",
        "extend",
        "1",
        "--days",
        "6",
        "--reason",
        "再核查",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("extend by at most 5"), "{}", r.stderr);
}

#[test]
fn those_not_handling_a_case_may_not_act_on_it_but_the_first_asked_may() {
    let c = Centre::new();
    open(
        &c,
        "C01",
        &["--item", "MZ-005", "--have", FULL, "--first-asked", "C07"],
    );
    let r = c.cli(&["--as", "C03", "case", "complete", "1"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("may not do this"), "{}", r.stderr);
    assert!(
        c.ok(&["audit", "log", "--case", "1"])
            .contains("\tC03\tcase.complete\tcase/1\trefused: ")
    );
    c.ok(&["--as", "C07", "case", "complete", "1"]);
    assert!(c.ok(&["case", "list"]).trim_end().ends_with("\t办结"));
}

#[test]
fn a_clerk_opens_cases_only_for_the_windows_they_serve() {
    let c = Centre::new();
    let r = c.cli(&[
        "--as",
        "C03",
        "case",
        "open",
        "--item",
        "MZ-005",
        "--applicant",
        "张三",
        "--have",
        FULL,
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("民政救助's A and B posts"),
        "{}",
        r.stderr
    );
    // The B post of 民政救助 may.
    assert_eq!(
        open(&c, "C02", &["--item", "MZ-005", "--have", FULL]),
        "1\t承诺件\t2026-11-30\n"
    );
}

#[test]
fn id_and_phone_numbers_are_masked_except_for_those_handling_the_case() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    let mine = c.ok(&["--as", "C01", "case", "show", "1"]);
    assert!(
        mine.contains("phone\t13800001234\n") && mine.contains("id_number\t330102199001011234\n"),
        "{mine}"
    );
    for other in ["C03", "L05", "S01"] {
        let theirs = c.ok(&["--as", other, "case", "show", "1"]);
        assert!(theirs.contains("phone\t138****1234\n"), "{other}: {theirs}");
        assert!(
            theirs.contains("id_number\t3301**********1234\n"),
            "{other}: {theirs}"
        );
    }
    let json = c.ok(&["--as", "C01", "--json", "case", "list"]);
    assert!(
        !json.contains("330102199001011234") && json.contains("3301**********1234"),
        "lists are always masked"
    );
}

#[test]
fn a_rejected_case_cannot_be_completed_and_keeps_its_rejection_notice() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    c.ok(&[
        "--as",
        "C01",
        "case",
        "reject",
        "1",
        "--reason",
        "经核查不符合条件",
    ]);
    let r = c.cli(&["--as", "C01", "case", "complete", "1"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot be completed"), "{}", r.stderr);
    let shown = c.ok(&["--as", "C01", "case", "show", "1"]);
    assert!(
        shown.contains("notice\t2\t驳回通知书\t2026-11-23"),
        "{shown}"
    );
    assert!(
        shown.contains("status\trejected 2026-11-23: 经核查不符合条件"),
        "{shown}"
    );
}

#[test]
fn cases_survive_a_restart_and_turn_overdue_as_the_clock_moves_on() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    open(
        &c,
        "C01",
        &[
            "--item",
            "MZ-001",
            "--have",
            "最低生活保障申请书,居民身份证,户口簿,家庭经济状况核对授权书,家庭收入和财产申报表,残疾人证或病历证明,银行卡或存折复印件",
        ],
    );
    c.ok(&["stop"]);
    // Restart on Mon 30 Nov, the first case's last day, then on Tue 1 Dec.
    let r = crate::common::run_in(
        &c.data,
        &[
            "--now",
            "2026-11-30T10:00",
            "case",
            "list",
            "--due-within",
            "1",
        ],
    );
    assert_eq!(
        r.stdout, "1\t承诺件\t长者食堂就餐补贴申请\t张三\t2026-11-30\t0\t!!\n",
        "{}",
        r.stderr
    );
    c.ok(&["stop"]);
    let r = crate::common::run_in(
        &c.data,
        &["--now", "2026-12-01T10:00", "case", "list", "--overdue"],
    );
    assert_eq!(
        r.stdout, "1\t承诺件\t长者食堂就餐补贴申请\t张三\t2026-11-30\t-1\t超期\n",
        "{}",
        r.stderr
    );
}

#[test]
fn every_notice_issued_is_kept_and_listed_by_day() {
    let c = Centre::new();
    open(
        &c,
        "C01",
        &[
            "--item",
            "MZ-005",
            "--have",
            "老年助餐补贴申请表,居民身份证",
            "--promise",
            "户口簿或居住证",
        ],
    );
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    c.ok(&[
        "--as",
        "C01",
        "case",
        "reject",
        "2",
        "--reason",
        "不符合条件",
    ]);
    assert_eq!(
        c.ok(&["case", "notices"]),
        "1\t1\t补办件通知书（一次性告知书）\t长者食堂就餐补贴申请\t户口簿或居住证、特殊困难身份证明、近期一寸免冠照片\n\
         2\t1\t受理通知书\t长者食堂就餐补贴申请\t\n\
         2\t2\t驳回通知书\t长者食堂就餐补贴申请\t\n"
    );
    assert_eq!(c.ok(&["case", "notices", "--date", "2026-11-22"]), "");
}

#[test]
fn an_extension_is_asked_by_the_handler_and_granted_by_a_leader() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    let r = c.cli(&[
        "--as",
        "C01",
        "extension",
        "ask",
        "1",
        "--days",
        "31",
        "--reason",
        "核查",
    ]);
    assert!(
        r.stderr.contains("above the 30 allowed"),
        "checked when asked: {}",
        r.stderr
    );
    assert_eq!(
        c.ok(&[
            "--as",
            "C01",
            "extension",
            "ask",
            "1",
            "--days",
            "3",
            "--reason",
            "需实地核查"
        ]),
        "1\n"
    );
    assert_eq!(
        c.ok(&["--as", "C01", "approvals"]),
        "",
        "a clerk decides nothing"
    );
    assert_eq!(
        c.ok(&["--as", "L05", "approvals"]),
        "extension\t1\t1\t3\t周春英\t需实地核查\n"
    );
    let r = c.cli(&["--as", "C01", "extension", "approve", "1"]);
    assert!(
        r.stderr.contains("only a leader or the director"),
        "{}",
        r.stderr
    );
    c.ok(&["--as", "L05", "extension", "approve", "1"]);
    assert!(
        c.ok(&["case", "list"])
            .starts_with("1\t承诺件\t长者食堂就餐补贴申请\t张三\t2026-12-03\t")
    );
    let r = c.cli(&["--as", "D01", "extension", "refuse", "1", "--reason", "x"]);
    assert!(r.stderr.contains("decided already"), "{}", r.stderr);
}

#[test]
fn a_co_window_added_later_makes_the_case_joint_with_a_joint_notice() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    let r = c.cli(&[
        "--as",
        "C01",
        "case",
        "add-co-window",
        "1",
        "--window",
        "户籍",
    ]);
    assert!(
        r.stderr.contains("there is no window `户籍`"),
        "{}",
        r.stderr
    );
    assert_eq!(
        c.ok(&[
            "--as",
            "C01",
            "case",
            "add-co-window",
            "1",
            "--window",
            "医疗保险"
        ]),
        "1\t联办件\t2026-11-30\n"
    );
    assert!(
        c.ok(&["case", "show", "1"])
            .contains("notice\t2\t联办件告知书\t2026-11-23")
    );
}

#[test]
fn the_days_counts_include_cases_closed_since_they_were_opened() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    open(
        &c,
        "C01",
        &[
            "--item",
            "MZ-005",
            "--have",
            "老年助餐补贴申请表,居民身份证",
            "--promise",
            "户口簿或居住证",
        ],
    );
    c.ok(&["--as", "C01", "case", "complete", "1"]);
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let screen = screen(&c, Some(1));
    let counts = screen.today.counts;
    assert_eq!((counts.tickets, counts.waiting), (1, 1));
    assert_eq!(
        (counts.cases_opened, counts.open_cases, counts.overdue),
        (2, 1, 0)
    );
}

/// What a console asks after each change: its screen's first rows, with case `case`.
fn screen(c: &Centre, case: Option<u64>) -> frontdesk::protocol::ScreenView {
    let mut s = c.raw_ok();
    write_frame(
        &mut s,
        &ClientMsg::Request {
            id: 1,
            request: Request::View(ViewReq::Screen {
                case,
                queue: Around::row(0, 24),
                cases: Around::row(0, 24),
                approvals: Around::row(0, 24),
            }),
        },
    )
    .unwrap();
    loop {
        match read_frame::<ServerMsg>(&mut s).unwrap() {
            ServerMsg::Reply {
                outcome: Outcome::Ok(Response::Screen(v)),
                ..
            } => break *v,
            ServerMsg::Reply { outcome, .. } => panic!("{outcome:?}"),
            _ => {}
        }
    }
}

#[test]
fn a_consoles_screen_comes_in_one_reply_with_the_selected_case_and_its_history() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    open(&c, "C01", &["--item", "MZ-005", "--have", FULL]);
    c.ok(&["--as", "C01", "case", "complete", "2"]);
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let v = screen(&c, Some(2));
    assert_eq!(v.tickets.rows.len(), 1);
    let open: Vec<u64> = v.cases.rows.items.iter().map(|r| r.id).collect();
    assert_eq!(open, [1]);
    let (case, history) = v.case.unwrap().unwrap();
    assert_eq!(case.id, 2);
    let actions: Vec<&str> = history.iter().map(|e| e.act()).collect();
    assert_eq!(actions, ["case.open", "case.complete"]);
    // A case that does not exist is said, not failed: the rest of the screen still comes.
    let v = screen(&c, Some(99));
    assert_eq!(v.case.unwrap().unwrap_err(), "there is no case 99");
    assert_eq!(v.tickets.rows.len(), 1);
}

#[test]
fn a_cases_notice_prints_whole_as_the_applicant_receives_it() {
    let c = Centre::new();
    open(&c, "C01", &["--item", "MZ-005", "--have", "居民身份证"]);
    let printed = c.ok(&["case", "notice", "1"]);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines[1], "驳回通知书", "{printed}");
    assert!(
        lines.contains(&"驳回理由：主件缺失且申请人未承诺补交：老年助餐补贴申请表、户口簿或居住证"),
        "{printed}"
    );
    assert!(
        lines.contains(&"本事项所需的全部材料（共 5 项，重新申请时请一次备齐）："),
        "{printed}"
    );
    assert_eq!(c.ok(&["case", "notice", "1", "--number", "1"]), printed);
    let r = c.cli(&["case", "notice", "1", "--number", "2"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("case 1 has no notice 2; its notices are 1"),
        "{}",
        r.stderr
    );
    let r = c.cli(&["case", "notice", "99"]);
    assert!(r.stderr.contains("there is no case 99"), "{}", r.stderr);
}
