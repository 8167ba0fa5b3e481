//! The command-line contract, run against the real binary: output formats, exit codes
//! (0 ok, 1 error, 2 usage), `--json`, and the data directory's overrides.

use std::fs;

use crate::common::{empty_dir, run, run_in};

#[test]
fn calendar_next_skips_holidays_and_does_not_count_the_start_day() {
    let r = run(&["calendar", "next", "2026-09-30", "3"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "2026-10-10\n", "")
    );
}

#[test]
fn calendar_next_into_a_year_without_schedule_warns_naming_the_year() {
    let r = run(&["calendar", "next", "2026-12-30", "3"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "2027-01-04\n");
    assert!(r.stderr.contains("2027"), "{}", r.stderr);
    assert!(r.stderr.starts_with("warning:"), "{}", r.stderr);
}

#[test]
fn dropping_a_schedule_into_the_data_directory_adds_its_year() {
    let data = empty_dir();
    fs::create_dir_all(data.join("holidays")).unwrap();
    fs::write(
        data.join("holidays/2027.json"),
        r#"{"year": 2027, "source": "test", "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#,
    )
    .unwrap();
    let r = run_in(&data, &["calendar", "next", "2026-12-31", "1"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, "2027-01-04\n", "")
    );
    let r = run_in(&data, &["calendar", "is-workday", "2027-01-01"]);
    assert_eq!(r.stdout, "rest\t元旦\n");
}

#[test]
fn a_misnamed_schedule_file_is_an_error_naming_the_file() {
    let data = empty_dir();
    fs::create_dir_all(data.join("holidays")).unwrap();
    fs::write(
        data.join("holidays/2028.json"),
        r#"{"year": 2027, "days": []}"#,
    )
    .unwrap();
    let r = run_in(&data, &["calendar", "next", "2026-12-31", "1"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("2028.json:1: year:"), "{}", r.stderr);
}

#[test]
fn calendar_rejects_bad_dates_and_zero_days_as_usage_errors() {
    let r = run(&["calendar", "next", "2026-02-30", "1"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("YYYY-MM-DD"), "{}", r.stderr);
    assert_eq!(run(&["calendar", "next", "2026-02-01", "0"]).code, 2);
}

#[test]
fn is_workday_names_holidays_and_make_up_days() {
    assert_eq!(
        run(&["calendar", "is-workday", "2026-02-14"]).stdout,
        "workday\t春节\n"
    );
    assert_eq!(
        run(&["calendar", "is-workday", "2026-10-01"]).stdout,
        "rest\t国庆节\n"
    );
    assert_eq!(
        run(&["calendar", "is-workday", "2026-11-22"]).stdout,
        "rest\n"
    );
    assert_eq!(
        run(&["calendar", "is-workday", "2026-11-23"]).stdout,
        "workday\n"
    );
}

#[test]
fn calendar_json_gives_the_date_and_provisional_years() {
    let r = run(&["--json", "calendar", "next", "2026-12-30", "3"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["date"], "2027-01-04");
    assert_eq!(v["provisional_years"], serde_json::json!([2027]));
    let r = run(&["calendar", "is-workday", "2026-02-14", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["workday"], true);
    assert_eq!(v["kind"], "make_up_workday");
}

#[test]
fn catalogue_search_prints_code_tab_name_best_first() {
    let r = run(&["catalogue", "search", "zzst", "--limit", "1"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "MZ-005\t长者食堂就餐补贴申请\n")
    );
    let r = run(&["catalogue", "search", "tiaojie"]);
    assert!(
        r.stdout
            .starts_with("TG-002\t农村土地承包经营纠纷调解申请\n")
    );
    assert!(r.stdout.lines().count() <= 10);
}

#[test]
fn catalogue_search_without_a_match_prints_nothing_and_succeeds() {
    let r = run(&["catalogue", "search", "qqqqxxzz"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

#[test]
fn catalogue_search_json_lists_items() {
    let r = run(&["catalogue", "search", "dibao", "--limit", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["code"], "MZ-001");
    assert_eq!(v[0]["match"], "exact");
    assert_eq!(v[0]["matched_field"], "alias");
}

const OTHER_CATALOGUE: &str = r#"
[[item]]
code = "X1"
name = "重庆银行开户证明"
window = "综合"
kind = "即办件"
committed_days = 0
fee = "不收费"
basis = "测试"
conditions = "无"
procedure = ["受理", "办结"]
aliases = ["开户"]

[[item.material]]
name = "身份证"
main = true

[[item]]
code = "X2"
name = "行政调解申请"
window = "综合"
kind = "联办件"
committed_days = 5
statutory_days = 5
fee = "不收费"
basis = "测试"
conditions = "无"
procedure = ["受理"]
co_windows = ["司法"]

[[item.material]]
name = "申请书"
main = true
"#;

#[test]
fn catalogue_search_reads_a_catalogue_written_by_others() {
    let data = empty_dir();
    let file = data.join("other.toml");
    fs::write(&file, OTHER_CATALOGUE).unwrap();
    let f = file.to_str().unwrap();
    assert_eq!(
        run(&["catalogue", "search", "cq", "--file", f]).stdout,
        "X1\t重庆银行开户证明\n"
    );
    assert_eq!(
        run(&["catalogue", "search", "yh", "--file", f]).stdout,
        "X1\t重庆银行开户证明\n"
    );
    assert_eq!(
        run(&["catalogue", "search", "hztj", "--file", f]).stdout,
        "X2\t行政调解申请\n"
    );
    assert_eq!(
        run(&["catalogue", "search", "X2", "--file", f]).stdout,
        "X2\t行政调解申请\n"
    );
    let r = run(&["catalogue", "check", f]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.starts_with(&format!("{f}: ok, 2 items")),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 1);
}

#[test]
fn catalogue_in_the_data_directory_replaces_the_demo_catalogue() {
    let data = empty_dir();
    fs::write(data.join("catalogue.toml"), OTHER_CATALOGUE).unwrap();
    let centre = fs::read_to_string("fixtures/centre.toml")
        .unwrap()
        .replace("name = \"民政救助\"", "name = \"综合\"")
        .replace("name = \"劳动保障\"", "name = \"司法\"");
    fs::write(data.join("centre.toml"), centre).unwrap();
    let r = run_in(&data, &["catalogue", "search", "kaihu"]);
    assert_eq!(r.stdout, "X1\t重庆银行开户证明\n");
    assert_eq!(run_in(&data, &["catalogue", "search", "zzst"]).stdout, "");
}

#[test]
fn catalogue_check_reports_every_problem_as_file_line_field_on_stdout() {
    let data = empty_dir();
    let file = data.join("bad.toml");
    let bad = OTHER_CATALOGUE
        .replace("committed_days = 0", "committed_days = 2")
        .replace("code = \"X2\"", "code = \"X1\"")
        .replace("co_windows = [\"司法\"]\n", "")
        .replace("statutory_days = 5", "statutory_days = 4")
        .replace("kind = \"即办件\"", "kind = \"即办件\"\ncolour = \"red\"");
    fs::write(&file, bad).unwrap();
    let f = file.to_str().unwrap();
    let r = run(&["catalogue", "check", f]);
    assert_eq!(r.code, 1);
    let expected = [
        format!(
            "{f}:7: item.colour: unknown key; allowed here: code, name, window, kind, committed_days, statutory_days, fee, fee_basis, basis, conditions, procedure, prerequisites, aliases, co_windows, result, consult_phone, special, material"
        ),
        format!(
            "{f}:8: item.committed_days: a 即办件 is done the same day: committed_days must be 0, not 2"
        ),
        format!("{f}:20: item.code: duplicate code `X1`; line 3 has it already"),
        format!(
            "{f}:23: item.co_windows: a 联办件 needs co_windows: the other windows that handle it"
        ),
        format!(
            "{f}:24: item.committed_days: committed_days 5 is above statutory_days 4: the committed limit may never exceed the statutory one (RULES §4)"
        ),
    ];
    assert_eq!(r.stdout.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn catalogue_check_of_a_missing_file_is_an_error_on_stderr() {
    let r = run(&["catalogue", "check", "/nonexistent/catalogue.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("cannot read /nonexistent/catalogue.toml"),
        "{}",
        r.stderr
    );
}

#[test]
fn catalogue_check_against_a_centre_names_unknown_windows() {
    let data = empty_dir();
    let file = data.join("c.toml");
    fs::write(&file, OTHER_CATALOGUE).unwrap();
    let r = run(&[
        "catalogue",
        "check",
        file.to_str().unwrap(),
        "--centre",
        "fixtures/centre.toml",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains(":5: item.window: the centre has no window `综合`"),
        "{}",
        r.stdout
    );
}

#[test]
fn built_in_fixtures_pass_their_own_checks() {
    let r = run(&[
        "catalogue",
        "check",
        "fixtures/catalogue.toml",
        "--centre",
        "fixtures/centre.toml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = run(&["centre", "check", "fixtures/centre.toml"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn roster_prints_day_duty_cleaning_and_window_lines() {
    let c = crate::common::server::Centre::new();
    let r = c.cli(&["roster", "2026-11-23"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "day\t2026-11-23\tworkday\n\
         duty\t郑开华\n\
         cleaning\t周春英\t吴卫平\n\
         window\t民政救助\t周春英\t杨秋凤\n\
         window\t劳动保障\t童丽华\t吴卫平\n\
         window\t医疗保险\t夏芷菁\t李富昌\n\
         window\t人口计生\t周飞平\t陈锐丽\n\
         window\t土规农综\t邓莉馨\t张春莲\n"
    );
}

#[test]
fn roster_on_a_holiday_names_it_and_has_no_cleaning() {
    let c = crate::common::server::Centre::new();
    let r = c.cli(&["roster", "2026-10-01"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "day\t2026-10-01\trest\t国庆节");
    assert_eq!(lines[1], "duty\t汪志勇\t杨卫红");
    assert_eq!(lines[2], "cleaning");
}

#[test]
fn roster_reads_another_centre_file() {
    let data = empty_dir();
    let file = data.join("centre.toml");
    let text = fs::read_to_string("fixtures/centre.toml")
        .unwrap()
        .replace("name = \"李鹏\"", "name = \"李四\"");
    fs::write(&file, text).unwrap();
    let r = run(&["roster", "2026-11-24", "--centre", file.to_str().unwrap()]);
    assert_eq!(r.stdout.lines().nth(1), Some("duty\t李四"));
    assert!(
        r.stderr
            .contains("swaps live in the store and are not shown"),
        "{}",
        r.stderr
    );
    let r = run_in(&data, &["roster", "2026-11-24", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["duty"],
        serde_json::json!(["李四"]),
        "the data directory's centre file is used"
    );
    assert_eq!(v["windows"][0]["a"]["name"], "周春英");
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["calendar", "--help"],
        vec!["calendar", "next", "--help"],
        vec!["calendar", "is-workday", "--help"],
        vec!["calendar", "between", "--help"],
        vec!["catalogue", "search", "--help"],
        vec!["catalogue", "check", "--help"],
        vec!["centre", "check", "--help"],
        vec!["roster", "--help"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains("Usage:"), "{args:?}");
    }
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    assert_eq!(run(&["calendar", "tomorrow"]).code, 2);
}

#[test]
fn keys_lists_every_binding_by_context_with_a_users_file_over_the_default() {
    let dir = empty_dir();
    let file = dir.join("keys.toml");
    fs::write(&file, "[desk]\nnext_visitor = \"f2\"\n").unwrap();
    let r = run(&["--keys", file.to_str().unwrap(), "keys"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("desk\tnext_visitor\tf2\t叫下一位"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("intake\tconfirm\tenter\t确认"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("supervise\tfind_case\tf\t"),
        "{}",
        r.stdout
    );
    // A key taken twice in one context is refused, naming the file and both actions.
    fs::write(&file, "[desk]\nrecall = \"n\"\n").unwrap();
    let r = run(&["--keys", file.to_str().unwrap(), "keys"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("next_visitor and recall in [desk]"),
        "{}",
        r.stderr
    );
}
