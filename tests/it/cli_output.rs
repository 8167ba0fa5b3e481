//! Command-line output is inert: text stored through the real commands — an applicant's name,
//! an enquiry, a leave reason, a refused sign-in's code — never reaches the terminal as a
//! control character. Tab-separated lines escape it visibly, JSON as `\uXXXX`, the applicant's
//! paper strips it, and errors on stderr escape it too.

use crate::common::run_env;
use crate::common::server::{ALL_MZ005, Centre, NOW};

/// A title change, a screen clear, a right-to-left override, a line break and a tab, a C1
/// control and a backslash, between printable words.
const HOSTILE: &str = "张\u{1b}]0;pwned\u{7}三\u{1b}[2J\u{202e}\r\n\t李\u{85}\\四";

/// `HOSTILE` as a tab-separated field prints it.
const ESCAPED: &str = "张\\x1b]0;pwned\\x07三\\x1b[2J\\u202e\\r\\n\\t李\\x85\\\\四";

/// What the terminal must never receive raw from stored text: the C0 and C1 controls, DEL,
/// the bidi controls and the line separators.
fn is_control(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The whole output holds no control but the tabs and line ends its format writes.
fn assert_inert(what: &str, out: &str, tabs_allowed: bool) {
    let raw: Vec<char> = out
        .chars()
        .filter(|&c| is_control(c) && c != '\n' && !(tabs_allowed && c == '\t'))
        .collect();
    assert!(raw.is_empty(), "{what} printed {raw:?} raw:\n{out}");
}

/// The one line of `out` whose first field is `key`.
fn line<'a>(out: &'a str, key: &str) -> &'a str {
    let mut lines = out.lines().filter(|l| l.split('\t').next() == Some(key));
    let found = lines
        .next()
        .unwrap_or_else(|| panic!("no {key} line in\n{out}"));
    assert!(lines.next().is_none(), "two {key} lines in\n{out}");
    found
}

/// Whether some string anywhere in `v` is `s`.
fn holds(v: &serde_json::Value, s: &str) -> bool {
    match v {
        serde_json::Value::String(x) => x == s,
        serde_json::Value::Array(a) => a.iter().any(|x| holds(x, s)),
        serde_json::Value::Object(o) => o.values().any(|x| holds(x, s)),
        _ => false,
    }
}

/// JSON output holds no raw control (its layout's line ends aside) and reads back to `HOSTILE`.
fn assert_json_round_trips(what: &str, out: &str) {
    assert_inert(what, out, false);
    let v: serde_json::Value =
        serde_json::from_str(out).unwrap_or_else(|e| panic!("{what}: {e}\n{out}"));
    assert!(holds(&v, HOSTILE), "{what} does not read back:\n{out}");
}

/// A centre with one case of MZ-005, every material in hand, for the hostile applicant.
fn hostile_case() -> Centre {
    let c = Centre::new();
    let line = c.ok(&[
        "--as",
        "C01",
        "case",
        "open",
        "--item",
        "MZ-005",
        "--applicant",
        HOSTILE,
        "--have",
        ALL_MZ005,
    ]);
    assert_inert("case open", &line, true);
    assert_eq!(line.split('\t').next(), Some("1"), "{line}");
    c
}

#[test]
fn an_applicant_name_is_escaped_in_the_case_list_and_adds_no_field_or_line() {
    let c = hostile_case();
    let out = c.ok(&["--as", "C01", "case", "list"]);
    assert_inert("case list", &out, true);
    assert_eq!(out.lines().count(), 1, "one case, one line:\n{out}");
    let fields: Vec<&str> = out.trim_end_matches('\n').split('\t').collect();
    // ID KIND ITEM APPLICANT WHEN LEFT MARK
    assert_eq!(fields.len(), 7, "{out}");
    assert_eq!(fields[3], ESCAPED);
}

#[test]
fn an_applicant_name_is_escaped_in_case_show_on_its_own_line() {
    let c = hostile_case();
    let out = c.ok(&["--as", "C01", "case", "show", "1"]);
    assert_inert("case show", &out, true);
    assert_eq!(line(&out, "applicant"), format!("applicant\t{ESCAPED}"));
    // The line after the name is still the phone's: nothing was split off.
    let keys: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    let at = keys.iter().position(|k| *k == "applicant").unwrap();
    assert_eq!(keys[at + 1], "phone", "{out}");
}

#[test]
fn case_json_escapes_every_control_and_reads_back_to_the_name() {
    let c = hostile_case();
    for args in [["case", "list", ""], ["case", "show", "1"]] {
        let args: Vec<&str> = args.into_iter().filter(|a| !a.is_empty()).collect();
        let mut all = vec!["--as", "C01", "--json"];
        all.extend(&args);
        assert_json_round_trips(&args.join(" "), &c.ok(&all));
    }
}

#[test]
fn the_printed_notice_strips_controls_and_keeps_the_name_on_one_line() {
    let c = hostile_case();
    let out = c.ok(&["--as", "C01", "case", "notice", "1"]);
    // Paper for a person: no controls at all, not even a tab, and no escapes either.
    assert_inert("case notice", &out, false);
    assert!(!out.contains("\\x1b") && !out.contains("\\u202e"), "{out}");
    let applicant: Vec<&str> = out.lines().filter(|l| l.starts_with("申请人：")).collect();
    assert_eq!(applicant, ["申请人：张]0;pwned三[2J 李 \\四"], "{out}");
    let json = c.ok(&["--as", "C01", "--json", "case", "notice", "1"]);
    assert_json_round_trips("case notice --json", &json);
}

#[test]
fn an_enquiry_text_is_escaped_in_the_enquiry_list_and_its_json() {
    let c = Centre::new();
    let id = c.ok(&["--as", "C01", "enquiry", "log", "--content", HOSTILE]);
    assert_eq!(id, "1\n");
    let out = c.ok(&["--as", "C01", "enquiry", "list"]);
    assert_inert("enquiry list", &out, true);
    assert_eq!(out.lines().count(), 1, "{out}");
    // ID STATE FIRST-ASKED CHANNEL CALLER PHONE CONTENT
    let fields: Vec<&str> = out.trim_end_matches('\n').split('\t').collect();
    assert_eq!(fields.len(), 7, "{out}");
    assert_eq!(fields[6], ESCAPED);
    let approvals = c.ok(&["--as", "C01", "approvals"]);
    assert_inert("approvals", &approvals, true);
    assert_eq!(
        line(&approvals, "enquiry").split('\t').nth(4),
        Some(ESCAPED)
    );
    assert_json_round_trips(
        "enquiry list --json",
        &c.ok(&["--as", "C01", "--json", "enquiry", "list"]),
    );
}

#[test]
fn a_leave_reason_is_escaped_in_the_approvals_and_their_json() {
    let c = Centre::new();
    c.ok(&[
        "--as",
        "C01",
        "leave",
        "request",
        "--from",
        "2026-11-25T08:00",
        "--to",
        "2026-11-25T17:00",
        "--reason",
        HOSTILE,
    ]);
    let out = c.ok(&["--as", "D01", "approvals"]);
    assert_inert("approvals", &out, true);
    // leave ID WHO FROM TO REASON
    let fields: Vec<&str> = line(&out, "leave").split('\t').collect();
    assert_eq!(fields.len(), 6, "{out}");
    assert_eq!(fields[5], ESCAPED);
    assert_json_round_trips(
        "approvals --json",
        &c.ok(&["--as", "D01", "--json", "approvals"]),
    );
}

#[test]
fn a_refused_sign_in_code_is_escaped_in_its_error_and_in_the_audit_log() {
    let c = Centre::new();
    let signin = |json: bool| {
        let mut args = vec!["--now", NOW, "--code", HOSTILE, "ticket", "list"];
        if json {
            args.insert(0, "--json");
        }
        run_env(&c.data, &args, &[("FRONTDESK_PIN", "1234")])
    };
    // The server keeps a refused peer's code with its controls shown by their pictures; the
    // command line then escapes the rest of it (its backslash) as every field.
    let kept = frontdesk::domain::limits::audit_code(HOSTILE);
    let shown = kept.replace('\\', "\\\\");
    let r = signin(false);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_inert("the sign-in error", &r.stderr, false);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains(&shown), "{}", r.stderr);
    let r = signin(true);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_inert("the sign-in error's JSON", &r.stderr, false);
    let v: serde_json::Value = serde_json::from_str(&r.stderr).unwrap();
    let message = v["error"]["message"].as_str().unwrap();
    assert!(message.contains(&kept), "{message}");

    let log = c.ok(&["--as", "D01", "audit", "log"]);
    assert_inert("audit log", &log, true);
    let refused: Vec<&str> = log.lines().filter(|l| l.contains("pwned")).collect();
    assert_eq!(
        refused.len(),
        2,
        "two refused sign-ins, a line each:\n{log}"
    );
    for event in refused {
        // SEQ AT ACTOR ACT TARGETS OUTCOME
        let fields: Vec<&str> = event.split('\t').collect();
        assert_eq!(fields.len(), 6, "{log}");
        assert_eq!(fields[4], format!("staff/{shown}"));
    }

    let ndjson = c.ok(&["--as", "D01", "--json", "audit", "log"]);
    assert_inert("audit log --json", &ndjson, false);
    let events: Vec<serde_json::Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(events.iter().filter(|e| holds(e, &kept)).count(), 2);
}

#[test]
fn a_usage_error_quoting_an_argument_escapes_it() {
    let c = Centre::new();
    let r = c.cli(&["case", "show", HOSTILE]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_inert("the usage error", &r.stderr, false);
    assert!(r.stderr.contains(ESCAPED), "{}", r.stderr);
}
