//! A month of made-up activity at 民政救助 (November 2026), through the real server with its
//! clock moved forward by restarts, and the staff ledgers it leaves checked against figures
//! worked out by hand below: which facts propose which violations, what the director confirms
//! and dismisses, and the rung and sanction of each (RULES §8, §9).

use crate::common::server::{ALL_MZ005, Centre};

fn open_case(c: &Centre, now: &str, who: &str) -> String {
    let line = c.by_at(
        now,
        who,
        &[
            "case",
            "open",
            "--item",
            "MZ-005",
            "--applicant",
            "张三",
            "--have",
            ALL_MZ005,
        ],
    );
    line.split('\t').next().unwrap().to_string()
}

/// A staff member's ledger as (date, type, state, sanction) lines.
fn ledger(c: &Centre, now: &str, staff: &str) -> Vec<(String, String, String, String)> {
    c.by_at(now, "S01", &["violation", "list", "--staff", staff])
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[1].into(), f[3].into(), f[4].into(), f[6].into())
        })
        .collect()
}

fn line(date: &str, kind: &str, state: &str, sanction: &str) -> (String, String, String, String) {
    (date.into(), kind.into(), state.into(), sanction.into())
}

#[test]
fn a_month_at_one_window_leaves_the_ledgers_worked_out_by_hand() {
    let c = Centre::new();
    // Mon 2 Nov: three cases, each due Mon 9 Nov (5 working days).
    let mon2 = "2026-11-02T09:00:00";
    let first = open_case(&c, mon2, "C01");
    let second = open_case(&c, mon2, "C02");
    open_case(&c, mon2, "C01");
    // C02 finds a photo unusable that the first notice did not name: a one-time-notice fact.
    c.by_at(
        mon2,
        "C02",
        &[
            "case",
            "unusable",
            &second,
            "--materials",
            "近期一寸免冠照片",
            "--reason",
            "照片非近期",
        ],
    );
    // Two complaints: against C01 (to be upheld) and C02 (not upheld).
    c.complain(mon2, "oral", "C01");
    c.complain(mon2, "oral", "C02");

    // Wed 4 Nov: the replies; cases 1 and 2 finished in time.
    let wed4 = "2026-11-04T09:00:00";
    c.restart_at(wed4);
    c.by_at(
        wed4,
        "D01",
        &[
            "complaint",
            "reply",
            "1",
            "--outcome",
            "upheld",
            "--text",
            "已批评",
        ],
    );
    c.by_at(
        wed4,
        "D01",
        &[
            "complaint",
            "reply",
            "2",
            "--outcome",
            "not-upheld",
            "--text",
            "不属实",
        ],
    );
    c.by_at(wed4, "C01", &["case", "complete", &first]);
    c.by_at(
        wed4,
        "C02",
        &[
            "case",
            "supplement",
            &second,
            "--materials",
            "近期一寸免冠照片",
        ],
    );
    c.by_at(wed4, "C02", &["case", "complete", &second]);

    // Mon 9 Nov: C01 opens a fourth case, due Mon 16 Nov; case 3 is due today, still open.
    let mon9 = "2026-11-09T09:00:00";
    c.restart_at(mon9);
    open_case(&c, mon9, "C01");
    // C01 asks for leave on Mon 16 Nov; C02 is taken ill that morning.
    c.by_at(
        mon9,
        "C01",
        &[
            "leave",
            "request",
            "--from",
            "2026-11-16T08:00",
            "--to",
            "2026-11-16T17:00",
            "--reason",
            "看病",
        ],
    );
    c.by_at(mon9, "D01", &["leave", "approve", "1"]);

    // Tue 10 Nov: case 3 is overdue.
    c.restart_at("2026-11-10T09:00:00");

    // Mon 16 Nov: neither post at 民政救助, nobody assigned.
    let mon16 = "2026-11-16T08:30:00";
    c.restart_at(mon16);
    c.by_at(
        mon16,
        "D01",
        &[
            "leave",
            "urgent",
            "--staff",
            "C02",
            "--to",
            "2026-11-16T17:00",
            "--reason",
            "突发疾病",
        ],
    );
    c.restart_at("2026-11-16T10:00:00");

    // Tue 17 Nov: case 4 is overdue too; case 3 is not proposed again.
    c.restart_at("2026-11-17T09:00:00");

    // Wed 18 Nov: a supervisor records a first-asked breach by C02, which the director dismisses.
    let wed18 = "2026-11-18T09:00:00";
    c.restart_at(wed18);
    c.by_at(
        wed18,
        "S01",
        &[
            "violation",
            "record",
            "--staff",
            "C02",
            "--type",
            "first-asked",
            "--date",
            "2026-11-18",
            "--note",
            "推诿群众",
        ],
    );

    // Worked out by hand, in the order the facts arose:
    //   1 C02 one-time-notice 11-02 (case 2's second notice)
    //   2 C01 attitude        11-02 (complaint 1 upheld; dated its receipt)
    //   3 C01 deadline        11-10 (case 3 due 11-09)
    //   4 C01 empty-post      11-16, 5 C02 empty-post 11-16
    //   6 C01 deadline        11-17 (case 4 due 11-16)
    //   7 C02 first-asked     11-18 (recorded)
    let all = c.by_at(wed18, "D01", &["violation", "list", "--state", "proposed"]);
    assert_eq!(all.lines().count(), 7, "{all}");
    for line in all.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let id = f[0];
        if f[3] == "first-asked" {
            c.by_at(
                wed18,
                "D01",
                &["violation", "dismiss", id, "--reason", "经核实已转办"],
            );
        } else {
            c.by_at(wed18, "D01", &["violation", "confirm", id]);
        }
    }
    assert_eq!(
        ledger(&c, wed18, "C01"),
        [
            line("2026-11-02", "attitude", "confirmed", "第1次：批评教育"),
            line("2026-11-10", "deadline", "confirmed", "第1次：批评教育"),
            line(
                "2026-11-16",
                "empty-post",
                "confirmed",
                "第1次：由中心主任决定"
            ),
            line(
                "2026-11-17",
                "deadline",
                "confirmed",
                "第2次：通报批评、追究领导责任"
            ),
        ]
    );
    assert_eq!(
        ledger(&c, wed18, "C02"),
        [
            line(
                "2026-11-02",
                "one-time-notice",
                "confirmed",
                "第1次：批评教育"
            ),
            line(
                "2026-11-16",
                "empty-post",
                "confirmed",
                "第1次：由中心主任决定"
            ),
            line("2026-11-18", "first-asked", "dismissed", "-"),
        ]
    );
    // Nobody else at the centre has a violation.
    let everyone = c.by_at(wed18, "S01", &["violation", "list"]);
    assert!(
        everyone
            .lines()
            .all(|l| l.contains("\tC01\t") || l.contains("\tC02\t")),
        "{everyone}"
    );
}
