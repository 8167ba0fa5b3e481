//! Accountability through the server (责任追究, RULES §9): every source of a proposal — an
//! overdue case, a later notice naming new materials, a window with neither post nor cover, an
//! upheld complaint — proposes once against the right person; only the director confirms or
//! dismisses; a confirmed violation takes its rung on its ladder among the confirmed of its
//! kind in the fact's calendar year, and 1 January starts the count again; everyone sees their
//! own ledger, and leaders, the director and supervisors everyone's.

use crate::common::server::{ALL_MZ005, Centre};

/// `violation list` as the director: each line split into its fields.
fn violations(c: &Centre, args: &[&str]) -> Vec<Vec<String>> {
    let all = [&["--as", "D01", "violation", "list"][..], args].concat();
    c.ok(&all)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// (staff, type, state) of each violation listed.
fn kinds(c: &Centre) -> Vec<(String, String, String)> {
    violations(c, &[])
        .into_iter()
        .map(|f| (f[2].clone(), f[3].clone(), f[4].clone()))
        .collect()
}

fn proposed(staff: &str, kind: &str) -> (String, String, String) {
    (staff.into(), kind.into(), "proposed".into())
}

#[test]
fn an_overdue_case_proposes_one_deadline_violation_against_its_handler() {
    let c = Centre::new();
    // Due Monday 30 November.
    c.open_mz005(&["--have", ALL_MZ005]);
    c.restart_at("2026-11-30T17:00:00");
    assert!(kinds(&c).is_empty(), "due today is not overdue");
    c.restart_at("2026-12-02T09:00:00");
    c.restart_at("2026-12-03T09:00:00");
    assert_eq!(
        kinds(&c),
        [proposed("C01", "deadline")],
        "once, however often the rule runs"
    );
    let line = &violations(&c, &[])[0];
    assert_eq!(
        line[1], "2026-12-02",
        "dated by the day it was found overdue"
    );
    assert!(
        line[5].contains("案件 #1 超期（应于 2026-11-30 办结）"),
        "{line:?}"
    );
}

#[test]
fn a_later_notice_naming_new_materials_proposes_a_one_time_notice_violation_against_its_author() {
    let c = Centre::new();
    c.open_mz005(&["--have", ALL_MZ005]);
    // C02, B of 民政救助, reviews the materials and asks for one the first notice did not name.
    c.by(
        "C02",
        &[
            "case",
            "unusable",
            "1",
            "--materials",
            "近期一寸免冠照片",
            "--reason",
            "照片非近期",
        ],
    );
    assert_eq!(kinds(&c), [proposed("C02", "one-time-notice")]);
    assert!(violations(&c, &[])[0][5].contains("案件 #1 的第 2 份告知书"));
}

/// 周春英 (A of 民政救助) on leave all Monday 23 November; 杨秋凤 (B) taken ill at 09:00, her
/// urgent leave recorded by the leader on duty.
fn both_posts_away(c: &Centre) {
    let ask = [
        "leave",
        "request",
        "--from",
        "2026-11-23T08:00",
        "--to",
        "2026-11-23T17:00",
        "--reason",
        "看病",
    ];
    c.by("C01", &ask);
    c.by("D01", &["leave", "approve", "1"]);
    let urgent = [
        "leave",
        "urgent",
        "--staff",
        "C02",
        "--to",
        "2026-11-23T17:00",
        "--reason",
        "突发疾病",
    ];
    c.by("L04", &urgent);
}

#[test]
fn a_window_with_neither_post_nor_cover_proposes_a_violation_against_its_a_and_its_b() {
    let c = Centre::new();
    both_posts_away(&c);
    c.restart_at("2026-11-23T10:00:00");
    c.restart_at("2026-11-23T10:30:00");
    assert_eq!(
        kinds(&c),
        [proposed("C01", "empty-post"), proposed("C02", "empty-post")],
        "both posts, once a day"
    );
    let log = c.ok(&["--json", "audit", "log", "--target", "staff/C02"]);
    assert!(
        log.contains("\"post.empty\"") && log.contains("民政救助"),
        "{log}"
    );
}

#[test]
fn a_window_covered_while_both_posts_are_away_proposes_nothing() {
    let c = Centre::new();
    both_posts_away(&c);
    c.by(
        "D01",
        &[
            "cover",
            "assign",
            "--window",
            "民政救助",
            "--staff",
            "C03",
            "--to",
            "2026-11-23T17:00",
        ],
    );
    c.restart_at("2026-11-23T10:00:00");
    assert!(kinds(&c).is_empty(), "{:?}", kinds(&c));
}

#[test]
fn an_upheld_complaint_proposes_a_violation_against_the_staff_member_concerned() {
    let c = Centre::new();
    c.complain(crate::common::NOW, "oral", "C01");
    c.complain(crate::common::NOW, "oral", "C03");
    let reply = |id: &str, outcome: &str| {
        c.by(
            "D01",
            &[
                "complaint",
                "reply",
                id,
                "--outcome",
                outcome,
                "--text",
                "已核实",
            ],
        );
    };
    reply("1", "partly");
    reply("2", "not-upheld");
    assert_eq!(kinds(&c), [proposed("C01", "attitude")]);
    assert!(violations(&c, &[])[0][5].contains("投诉 #1 经查属实"));
}

#[test]
fn only_the_director_decides_and_a_confirmed_violation_takes_its_rung_on_its_ladder() {
    let c = Centre::new();
    let record = |who: &str, date: &str| {
        c.run_at(
            "2026-11-23T09:00:00",
            who,
            &[
                "violation",
                "record",
                "--staff",
                "C01",
                "--type",
                "deadline",
                "--date",
                date,
                "--note",
                "超期办结",
            ],
        )
    };
    assert_ne!(
        record("C03", "2026-11-02").code,
        0,
        "a clerk recorded a violation"
    );
    for date in ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-20"] {
        assert_eq!(record("S01", date).code, 0);
    }
    for who in ["L01", "S01", "C01"] {
        let r = c.run_at("2026-11-23T09:00:00", who, &["violation", "confirm", "1"]);
        assert_ne!(r.code, 0, "{who} confirmed a violation");
        assert!(r.stderr.contains("only the director"), "{}", r.stderr);
    }
    let confirm = |id: &str| c.by_at("2026-11-23T09:00:00", "D01", &["violation", "confirm", id]);
    assert!(confirm("1").trim_end().ends_with("第1次：批评教育"));
    let r = c.run_at(
        "2026-11-23T09:00:00",
        "D01",
        &["violation", "dismiss", "2", "--reason", " "],
    );
    assert!(r.stderr.contains("with its reason"), "{}", r.stderr);
    c.by_at(
        "2026-11-23T09:00:00",
        "D01",
        &["violation", "dismiss", "2", "--reason", "系系统故障"],
    );
    // The dismissed one does not count: the third fact is the second rung.
    assert!(
        confirm("3")
            .trim_end()
            .ends_with("第2次：通报批评、追究领导责任"),
        "{}",
        confirm("4")
    );
    assert!(confirm("4").trim_end().ends_with("第3次：年度考核不合格"));
    let again = c.run_at("2026-11-23T09:00:00", "D01", &["violation", "confirm", "1"]);
    assert!(
        again.stderr.contains("already confirmed"),
        "{}",
        again.stderr
    );
}

#[test]
fn the_count_on_a_ladder_starts_again_on_the_first_of_january() {
    let c = Centre::new();
    let now = "2027-01-05T09:00:00";
    for date in ["2026-12-28", "2026-12-31", "2027-01-04"] {
        c.by_at(
            now,
            "D01",
            &[
                "violation",
                "record",
                "--staff",
                "C05",
                "--type",
                "one-time-notice",
                "--date",
                date,
                "--note",
                "未一次性告知",
            ],
        );
    }
    for id in ["1", "2", "3"] {
        c.by_at(now, "D01", &["violation", "confirm", id]);
    }
    let sanctions: Vec<String> = violations(&c, &["--staff", "C05"])
        .into_iter()
        .map(|f| f[6].clone())
        .collect();
    assert_eq!(
        sanctions,
        ["第1次：批评教育", "第2次：诫勉谈话", "第1次：批评教育"]
    );
}

#[test]
fn everyone_sees_their_own_ledger_and_only_leaders_the_director_and_supervisors_anyones() {
    let c = Centre::new();
    for staff in ["C01", "C03"] {
        c.by(
            "D01",
            &[
                "violation",
                "record",
                "--staff",
                staff,
                "--type",
                "attitude",
                "--note",
                "顶撞群众",
            ],
        );
    }
    // A clerk's list is their own, and another's is refused.
    let own = c.by("C01", &["violation", "list"]);
    assert_eq!(own.lines().count(), 1, "{own}");
    assert!(own.contains("\tC01\t"), "{own}");
    let r = c.cli(&["--as", "C01", "violation", "list", "--staff", "C03"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("violations"), "{}", r.stderr);
    for who in ["L05", "D01", "S01"] {
        assert_eq!(
            c.by(who, &["violation", "list"]).lines().count(),
            2,
            "{who}"
        );
    }
    let proposed_only = violations(&c, &["--state", "confirmed"]);
    assert!(proposed_only.is_empty());
}
