//! Ratings and return visits through the server (好差评, 回访, RULES §11): the one rated never
//! enters their own rating, whatever the channel; a 差评 opens its rectification due in working
//! days across the National Day holiday, a 满意 none; only the one rated appeals, only the
//! director decides, and a refused appeal proposes a violation against who served; the month's
//! draw is reproducible from its recorded seed and drawn once; a visit's result is a rating
//! through the visit channel; and each new command's permission, role by role.

use crate::common::server::{ALL_MZ005, Centre};

/// Wednesday 30 September 2026: 1–7 October are the holiday, Saturday 10 October a make-up
/// working day.
const BEFORE_THE_HOLIDAY: &str = "2026-09-30T10:00:00";

fn at(c: &Centre, who: &str, args: &[&str]) -> crate::common::Run {
    c.run_at(BEFORE_THE_HOLIDAY, who, args)
}

fn ok(c: &Centre, who: &str, args: &[&str]) -> String {
    c.by_at(BEFORE_THE_HOLIDAY, who, args)
}

/// A centre whose `[settings]` also say `lines`.
fn centre_with(lines: &str) -> Centre {
    let c = Centre::new();
    let file = c.data.join("centre.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("[settings]\n"));
    let text = text.replacen("[settings]\n", &format!("[settings]\n{lines}\n"), 1);
    std::fs::write(&file, text).unwrap();
    c
}

/// Opens and completes `n` 民政救助 cases handled by C01 on 30 September: cases 1 to `n`.
fn completed_cases(c: &Centre, n: usize) {
    for i in 1..=n {
        let name = format!("申请人{i}");
        let args = [
            "case",
            "open",
            "--item",
            "MZ-005",
            "--applicant",
            &name,
            "--have",
            ALL_MZ005,
        ];
        ok(c, "C01", &args);
        ok(c, "C01", &["case", "complete", &i.to_string()]);
    }
}

fn rate(c: &Centre, who: &str, case: &str, level: &str) -> String {
    ok(
        c,
        who,
        &[
            "rating",
            "record",
            "--case",
            case,
            "--level",
            level,
            "--channel",
            "pad",
        ],
    )
}

#[test]
fn the_staff_member_who_served_never_enters_their_own_rating_through_any_channel() {
    let c = Centre::new();
    completed_cases(&c, 1);
    for channel in ["pad", "visit", "sms", "desk"] {
        let r = at(
            &c,
            "C01",
            &[
                "rating",
                "record",
                "--case",
                "1",
                "--level",
                "1",
                "--channel",
                channel,
            ],
        );
        assert_eq!(r.code, 1, "{channel}: {}", r.stdout);
        assert!(
            r.stderr
                .contains("may not enter the rating of a case they served"),
            "{channel}: {}",
            r.stderr
        );
    }
    assert_eq!(ok(&c, "D01", &["rating", "list"]), "");
    // Someone else enters what the applicant said.
    assert_eq!(rate(&c, "C02", "1", "1"), "1\n");
}

#[test]
fn a_bad_rating_opens_its_rectification_due_the_centres_working_days_later_across_the_holiday() {
    let c = Centre::new();
    completed_cases(&c, 1);
    // 8, 9, 10 (make-up), 12, 13 October: five working days.
    assert_eq!(rate(&c, "C02", "1", "4"), "1\trectification\t2026-10-13\n");
    let listed = ok(&c, "D01", &["rating", "list", "--bad"]);
    assert_eq!(
        listed,
        "1\t1\t民政救助\tC01\t4\tpad\tC02\topen 2026-10-13\n"
    );
    // A centre that gives two working days: 8 and 9 October.
    let short = centre_with("rectification_days = 2");
    completed_cases(&short, 1);
    assert_eq!(
        rate(&short, "C02", "1", "5"),
        "1\trectification\t2026-10-09\n"
    );
}

#[test]
fn a_satisfied_rating_opens_no_rectification() {
    let c = Centre::new();
    completed_cases(&c, 1);
    assert_eq!(rate(&c, "C02", "1", "2"), "1\n");
    assert_eq!(
        ok(&c, "D01", &["rating", "list"]),
        "1\t1\t民政救助\tC01\t2\tpad\tC02\t-\n"
    );
    assert_eq!(ok(&c, "D01", &["rating", "list", "--bad"]), "");
    let appeal = at(&c, "C01", &["rating", "appeal", "1", "--reason", "无"]);
    assert!(appeal.stderr.contains("not a 差评"), "{}", appeal.stderr);
}

#[test]
fn only_a_completed_case_is_rated() {
    let c = Centre::new();
    let open = [
        "case",
        "open",
        "--item",
        "MZ-005",
        "--applicant",
        "甲",
        "--have",
        ALL_MZ005,
    ];
    ok(&c, "C01", &open);
    let r = at(
        &c,
        "C02",
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
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("only a completed case is rated"),
        "{}",
        r.stderr
    );
}

#[test]
fn only_the_one_rated_appeals_only_the_director_decides_and_a_refused_appeal_proposes_a_violation()
{
    let c = Centre::new();
    completed_cases(&c, 2);
    rate(&c, "C02", "1", "5");
    rate(&c, "C02", "2", "4");
    let appeal = |who: &str, id: &str| at(&c, who, &["rating", "appeal", id, "--reason", "误评"]);
    let by_other = appeal("C02", "1");
    assert_eq!(by_other.code, 1);
    assert!(
        by_other.stderr.contains("may not appeal"),
        "{}",
        by_other.stderr
    );
    assert_eq!(appeal("C01", "1").stdout, "1\tappealed\n");
    assert_eq!(appeal("C01", "2").stdout, "2\tappealed\n");
    let decide = |who: &str, id: &str, how: &str| {
        at(
            &c,
            who,
            &["rating", "decide", id, how, "--reason", "经核查"],
        )
    };
    for who in ["C02", "L01", "S01"] {
        let r = decide(who, "1", "--refused");
        assert_eq!(r.code, 1, "{who} decided");
        assert!(r.stderr.contains("only the director"), "{}", r.stderr);
    }
    assert_eq!(
        decide("D01", "1", "--refused").stdout,
        "1\tupheld\tviolation\t1\n"
    );
    assert_eq!(decide("D01", "2", "--upheld").stdout, "2\twithdrawn\n");
    let log = ok(
        &c,
        "D01",
        &["--json", "audit", "log", "--target", "rating/1"],
    );
    let decided: serde_json::Value = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|e| e["act"] == "rating.decide" && e["outcome"]["result"] == "ok")
        .expect("the decision is in the trail");
    assert_eq!(decided["data"]["violation"], 1, "{decided}");
    assert_eq!(decided["data"]["staff"], "C01");
    assert_eq!(decided["data"]["state"], "upheld");
    // The withdrawn one proposed nothing.
    let other = ok(
        &c,
        "D01",
        &["--json", "audit", "log", "--target", "rating/2"],
    );
    assert!(!other.contains("\"violation\""), "{other}");
}

#[test]
fn a_rectification_is_answered_by_the_one_rated_or_leaders_and_then_no_longer_waits() {
    let c = Centre::new();
    completed_cases(&c, 1);
    rate(&c, "C02", "1", "4");
    let answer = |who: &str| {
        at(
            &c,
            who,
            &[
                "rating",
                "answer",
                "1",
                "--checked",
                "调阅记录",
                "--rectified",
                "加强培训",
                "--reply",
                "已电话致歉",
            ],
        )
    };
    let r = answer("C02");
    assert!(r.stderr.contains("may not answer"), "{}", r.stderr);
    assert_eq!(answer("C01").stdout, "1\tanswered\n");
    let again = answer("L01");
    assert!(again.stderr.contains("given once"), "{}", again.stderr);
    assert!(ok(&c, "D01", &["rating", "list"]).ends_with("\tanswered\n"));
}

/// The drawn cases of `--json visit draw`, with its seed and size.
fn drawn(c: &Centre, who: &str, month: &str) -> (Vec<u64>, u64, usize) {
    let out = ok(c, who, &["--json", "visit", "draw", "--month", month]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cases = v["draw"]["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    (
        cases,
        v["draw"]["seed"].as_u64().unwrap(),
        v["draw"]["size"].as_u64().unwrap() as usize,
    )
}

#[test]
fn the_months_draw_is_reproducible_from_its_recorded_seed_and_drawing_again_returns_it() {
    let c = Centre::new();
    completed_cases(&c, 9);
    let first = ok(&c, "S01", &["visit", "draw", "--month", "2026-09"]);
    assert_eq!(first.lines().count(), 5, "{first}");
    let again = ok(&c, "L01", &["visit", "draw", "--month", "2026-09"]);
    assert_eq!(again, first);
    let (cases, seed, size) = drawn(&c, "D01", "2026-09");
    assert_eq!(size, 5);
    let candidates: Vec<u64> = (1..=9).collect();
    assert_eq!(
        frontdesk::domain::visit::draw(&candidates, size, seed),
        cases
    );
    let text: Vec<String> = cases.iter().map(|n| n.to_string()).collect();
    assert_eq!(first, format!("{}\n", text.join("\n")));
    // The seed is in the trail with the sample.
    let log = ok(
        &c,
        "D01",
        &["--json", "audit", "log", "--target", "visit/2026-09"],
    );
    assert!(log.contains(&format!("\"seed\":{seed}")), "{log}");
    // A month with nothing completed draws nothing.
    let none = at(&c, "S01", &["visit", "draw", "--month", "2026-08"]);
    assert!(none.stderr.contains("nothing to draw"), "{}", none.stderr);
}

#[test]
fn a_visit_records_a_rating_through_the_visit_channel_once_and_never_by_who_served() {
    let c = centre_with("return_visits_per_month = 2");
    completed_cases(&c, 3);
    let (cases, _, _) = drawn(&c, "S01", "2026-09");
    assert_eq!(cases.len(), 2);
    let undrawn = (1..=3).find(|n| !cases.contains(n)).unwrap().to_string();
    let first = cases[0].to_string();
    let record = |who: &str, case: &str, level: &str| {
        at(
            &c,
            who,
            &[
                "visit",
                "record",
                case,
                "--level",
                level,
                "--note",
                "等候太久",
            ],
        )
    };
    // C01 served every case: a leader would be refused too, were they the handler.
    let own = record("C01", &first, "1");
    assert_eq!(own.code, 1);
    assert_eq!(
        record("S01", &first, "4").stdout,
        "1\trectification\t2026-10-13\n"
    );
    let twice = record("L01", &first, "2");
    assert!(twice.stderr.contains("recorded once"), "{}", twice.stderr);
    let not_drawn = record("S01", &undrawn, "2");
    assert!(
        not_drawn.stderr.contains("not drawn"),
        "{}",
        not_drawn.stderr
    );
    assert_eq!(
        ok(&c, "D01", &["rating", "list"]),
        format!("1\t{first}\t民政救助\tC01\t4\tvisit\tS01\topen 2026-10-13\n")
    );
    let visits = ok(&c, "D01", &["visit", "list", "--month", "2026-09"]);
    assert_eq!(
        visits,
        format!(
            "{first}\t2026-09\tcalled\t4\tS01\n{}\t2026-09\tto-call\t-\t-\n",
            cases[1]
        )
    );
}

#[test]
fn each_rating_and_visit_command_is_allowed_role_by_role() {
    let c = Centre::new();
    completed_cases(&c, 3);
    // C01 served every case; C02 and C03 are other clerks.
    let may = |who: &str, args: &[&str]| {
        let r = at(&c, who, args);
        assert!(
            r.code == 0 || r.stderr.contains(" may not "),
            "{who} {args:?}: {}",
            r.stderr
        );
        r.code == 0
    };
    let people = ["C01", "C02", "L05", "D01", "S01"];
    let rows: &[(&str, &[&str], [bool; 5])] = &[
        (
            "list everyone's ratings",
            &["rating", "list", "--staff", "C02"],
            [false, true, true, true, true],
        ),
        ("list one's own ratings", &["rating", "list"], [true; 5]),
        (
            "draw the month's visits",
            &["visit", "draw", "--month", "2026-09"],
            [false, false, true, true, true],
        ),
        (
            "list the visits",
            &["visit", "list"],
            [false, false, true, true, true],
        ),
    ];
    for (what, args, expected) in rows {
        for (who, want) in people.iter().zip(expected) {
            assert_eq!(may(who, args), *want, "{who} may {what}: expected {want}");
        }
    }
    // Recording: everyone but who served (one rating each, of case 1).
    for (who, want) in people.iter().zip([false, true, true, true, true]) {
        let args = [
            "rating",
            "record",
            "--case",
            "1",
            "--level",
            "4",
            "--channel",
            "desk",
        ];
        assert_eq!(may(who, &args), want, "{who} may record a rating");
    }
    // Answering rating 1 of C01: C01, leaders and the director; not another clerk nor a
    // supervisor.
    let answer = |who: &str| {
        may(
            who,
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
        )
    };
    assert!(!answer("C02") && !answer("S01"));
    assert!(answer("L05"));
    for (id, who) in [("2", "C01"), ("3", "D01")] {
        assert!(answer_by(&c, who, id), "{who} may answer {id}");
    }
    // Appealing: only C01; deciding: only the director.
    for (who, want) in people.iter().zip([true, false, false, false, false]) {
        assert_eq!(
            may(who, &["rating", "appeal", "4", "--reason", "误评"]),
            want,
            "{who} may appeal"
        );
    }
    for (who, want) in people.iter().zip([false, false, false, true, false]) {
        assert_eq!(
            may(
                who,
                &["rating", "decide", "4", "--upheld", "--reason", "属实"]
            ),
            want,
            "{who} may decide"
        );
    }
    // Recording a visit: leaders, the director and supervisors, not who served.
    let drawn: Vec<String> = ok(&c, "S01", &["visit", "list"])
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(drawn.len(), 3);
    for (who, want) in [
        ("C01", false),
        ("C02", false),
        ("L05", true),
        ("D01", true),
        ("S01", true),
    ] {
        let case = match who {
            "D01" => &drawn[1],
            "S01" => &drawn[2],
            _ => &drawn[0],
        };
        assert_eq!(
            may(who, &["visit", "record", case, "--level", "2"]),
            want,
            "{who} may record a visit"
        );
    }
}

fn answer_by(c: &Centre, who: &str, id: &str) -> bool {
    at(
        c,
        who,
        &[
            "rating",
            "answer",
            id,
            "--checked",
            "查",
            "--rectified",
            "改",
            "--reply",
            "复",
        ],
    )
    .code
        == 0
}
