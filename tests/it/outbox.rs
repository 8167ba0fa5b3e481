//! The completion's SMS through the outbox (RULES §4, 000 "办结后短信告知"): queued with the
//! completion, delivered by the centre's `[sms] command` (real scripts written here) with its
//! timeout and retries, shown on the case and in `outbox list`, kept across a restart, and
//! never written with its phone number in the server's log or the audit trail.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::server::{ALL_MZ005, Centre};

const PHONE: &str = "13800001234";

/// A script that keeps the message it is given in `got.json`.
fn saving_script(c: &Centre) -> PathBuf {
    c.script("send.sh", r#"cat > "$D/got.json""#)
}

/// Opens a case of MZ-005 with every material as C01, with `phone` if given, and completes
/// it; returns its number.
fn complete_case(c: &Centre, phone: Option<&str>) -> u64 {
    let mut args = vec!["case", "open", "--item", "MZ-005", "--applicant", "张三"];
    args.extend(["--have", ALL_MZ005]);
    if let Some(p) = phone {
        args.extend(["--phone", p]);
    }
    let line = c.by("C01", &args);
    let id: u64 = line.split('\t').next().unwrap().parse().unwrap();
    c.by("C01", &["case", "complete", &id.to_string()]);
    id
}

/// The `message` lines of `case show`, each split into its fields after `message`.
fn message_lines(c: &Centre, id: u64) -> Vec<Vec<String>> {
    c.by("C01", &["case", "show", &id.to_string()])
        .lines()
        .filter_map(|l| l.strip_prefix("message\t"))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Polls the case until its first message is in `state` (at most `secs`); returns every
/// distinct line seen on the way, the last one in `state`.
fn wait_for(c: &Centre, id: u64, state: &str, secs: u64) -> Vec<Vec<String>> {
    let until = Instant::now() + Duration::from_secs(secs);
    let mut seen: Vec<Vec<String>> = Vec::new();
    loop {
        let lines = message_lines(c, id);
        if let Some(first) = lines.first()
            && seen.last() != Some(first)
        {
            seen.push(first.clone());
        }
        if seen.last().is_some_and(|l| l[1] == state) {
            return seen;
        }
        assert!(
            Instant::now() < until,
            "case {id}'s message did not become {state} within {secs} s: {seen:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn a_completed_case_sends_its_applicant_a_message_through_the_command_and_shows_it_sent() {
    let c = Centre::new();
    let send = saving_script(&c);
    c.add_section(
        "sms",
        &format!("command = \"'{}' --unused-flag\"", send.display()),
    );
    let id = complete_case(&c, Some(PHONE));
    let seen = wait_for(&c, id, "sent", 5);
    let sent = seen.last().unwrap();
    assert_eq!((sent[0].as_str(), sent[2].as_str()), ("1", "1"), "{sent:?}");
    let got: serde_json::Value = serde_json::from_str(&read(&c.data.join("got.json"))).unwrap();
    assert_eq!(got["id"], 1);
    assert_eq!(got["case"], id);
    assert_eq!(got["phone"], PHONE);
    let text = got["text"].as_str().unwrap();
    for part in [
        "XX街道便民服务中心",
        "张三",
        "长者食堂就餐补贴申请",
        "已办结",
        "民政救助窗口",
    ] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
    assert!(text.contains(&format!("办件号{id}")), "{text}");
    assert!(text.chars().count() <= 70, "one SMS: {text}");
    let list = c.by("D01", &["outbox", "list", "--state", "sent"]);
    let row: Vec<&str> = list.trim_end().split('\t').collect();
    assert_eq!(row[..2], ["1", &id.to_string()]);
    assert_eq!(row[3..6], ["sent", "1", "138****1234"], "{list}");
}

#[test]
fn a_failing_command_is_retried_with_back_off_until_it_takes_the_message() {
    let c = Centre::new();
    // Fails the first two times, then takes the message.
    let send = c.script(
        "flaky.sh",
        r#"n=$(cat "$D/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$D/count"
cat > /dev/null
if [ "$n" -le 2 ]; then echo "gateway busy" >&2; exit 1; fi"#,
    );
    c.add_section(
        "sms",
        &format!(
            "command = \"{}\"\nretry_secs = 1\nattempts = 5",
            send.display()
        ),
    );
    let id = complete_case(&c, Some(PHONE));
    let seen = wait_for(&c, id, "sent", 8);
    let retrying = seen
        .iter()
        .find(|l| l[1] == "retrying")
        .unwrap_or_else(|| panic!("never shown retrying: {seen:?}"));
    assert_eq!(retrying[4], "exit status 1: gateway busy", "{retrying:?}");
    assert!(
        retrying[3] != "-",
        "the next attempt's time is shown: {retrying:?}"
    );
    assert_eq!(
        seen.last().unwrap()[2],
        "3",
        "sent on the third attempt: {seen:?}"
    );
    assert_eq!(read(&c.data.join("count")).trim(), "3");
    // Each attempt is in the case's history, by the server.
    let history = c.ok(&["audit", "log", "--case", &id.to_string()]);
    assert_eq!(history.matches("\toutbox.send\t").count(), 3, "{history}");
}

#[test]
fn a_message_whose_attempts_run_out_is_failed_with_its_reason_and_a_leader_queues_it_again() {
    let c = Centre::new();
    let send = c.script(
        "down.sh",
        "cat > /dev/null\necho 'no route to the gateway' >&2\nexit 7",
    );
    c.add_section(
        "sms",
        &format!(
            "command = \"{}\"\nretry_secs = 1\nattempts = 2",
            send.display()
        ),
    );
    let id = complete_case(&c, Some(PHONE));
    let failed = wait_for(&c, id, "failed", 5).pop().unwrap();
    assert_eq!(failed[2], "2", "{failed:?}");
    assert_eq!(failed[4], "exit status 7: no route to the gateway");
    let list = c.by("D01", &["outbox", "list", "--state", "failed"]);
    assert!(
        list.ends_with("\tfailed\t2\t138****1234\texit status 7: no route to the gateway\n"),
        "{list}"
    );
    assert_eq!(c.by("D01", &["outbox", "list", "--state", "queued"]), "");
    // A clerk may not queue it again; a leader may, for a new round of attempts.
    let refused = c.cli(&["--as", "C01", "outbox", "retry", "1"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("queue a failed message again"),
        "{}",
        refused.stderr
    );
    assert_eq!(c.by("L01", &["outbox", "retry", "1"]), "1\n");
    let again = c.cli(&["--as", "L01", "outbox", "retry", "1"]);
    assert!(
        again
            .stderr
            .contains("only a failed message is queued again"),
        "{}",
        again.stderr
    );
    let failed = wait_for(&c, id, "failed", 5).pop().unwrap();
    assert_eq!(failed[2], "4", "two rounds of two attempts: {failed:?}");
    let refusal = c.cli(&["--as", "L01", "outbox", "retry", "99"]);
    assert!(
        refusal.stderr.contains("no message 99"),
        "{}",
        refusal.stderr
    );
}

/// Whether process `pid` still runs (a zombie waiting for its parent has ended).
fn running(pid: &str) -> bool {
    let stat = read(&PathBuf::from(format!("/proc/{}/stat", pid.trim())));
    let state = stat
        .rsplit(')')
        .next()
        .and_then(|s| s.split_whitespace().next());
    !matches!(state, None | Some("Z") | Some("X"))
}

#[test]
fn a_command_that_hangs_is_killed_with_its_children_at_its_timeout_and_retried_while_the_server_serves()
 {
    let c = Centre::new();
    let send = c.script(
        "hang.sh",
        r#"sleep 60 &
echo $! >> "$D/sleep.pids"
wait"#,
    );
    c.add_section(
        "sms",
        &format!(
            "command = \"{}\"\ntimeout_secs = 1\nretry_secs = 1\nattempts = 2",
            send.display()
        ),
    );
    let id = complete_case(&c, Some(PHONE));
    // The first attempt hangs now; the server answers meanwhile.
    std::thread::sleep(Duration::from_millis(200));
    let asked = Instant::now();
    c.by("C01", &["ticket", "take", "--window", "民政救助"]);
    assert!(
        asked.elapsed() < Duration::from_millis(800),
        "the server waited for the command: {:?}",
        asked.elapsed()
    );
    let seen = wait_for(&c, id, "failed", 6);
    assert!(seen.iter().any(|l| l[1] == "retrying"), "retried: {seen:?}");
    let failed = seen.last().unwrap();
    assert_eq!(failed[2], "2", "{failed:?}");
    assert!(failed[4].contains("no answer within 1 s"), "{failed:?}");
    let pids = read(&c.data.join("sleep.pids"));
    assert_eq!(pids.lines().count(), 2, "one child an attempt: {pids}");
    for pid in pids.lines() {
        assert!(!running(pid), "the command's child {pid} was left running");
    }
}

#[test]
fn without_a_command_the_message_waits_in_the_outbox_as_queued() {
    let c = Centre::new();
    let id = complete_case(&c, Some(PHONE));
    let list = c.by("D01", &["outbox", "list"]);
    let row: Vec<&str> = list.trim_end_matches('\n').split('\t').collect();
    assert_eq!(row.len(), 7, "{list}");
    assert_eq!(row[..2], ["1", &id.to_string()]);
    assert_eq!(row[3..7], ["queued", "0", "138****1234", ""], "{list}");
    assert_eq!(c.by("D01", &["outbox", "list", "--state", "sent"]), "");
    assert_eq!(message_lines(&c, id), [["1", "queued", "0", "-", ""]]);
    let json: serde_json::Value =
        serde_json::from_str(&c.by("D01", &["--json", "outbox", "list"])).unwrap();
    assert_eq!(json[0]["phone"], "138****1234");
    assert_eq!(json[0]["status"]["status"], "queued");
    // The clerk handling it sees it; a clerk of another window does not.
    assert_eq!(c.by("C01", &["outbox", "list"]).lines().count(), 1);
    assert_eq!(c.by("C03", &["outbox", "list"]), "");
    assert_eq!(c.by("S01", &["outbox", "list"]).lines().count(), 1);
}

#[test]
fn a_case_without_a_phone_number_queues_no_message() {
    let c = Centre::new();
    let id = complete_case(&c, None);
    assert_eq!(c.by("D01", &["outbox", "list"]), "");
    assert!(message_lines(&c, id).is_empty());
}

#[test]
fn messages_queued_before_a_stop_are_delivered_after_the_restart() {
    let c = Centre::new();
    let id = complete_case(&c, Some(PHONE));
    c.ok(&["stop"]);
    let send = saving_script(&c);
    c.add_section("sms", &format!("command = \"{}\"", send.display()));
    // The next command starts the server, which catches up on what waits.
    wait_for(&c, id, "sent", 5);
    let got: serde_json::Value = serde_json::from_str(&read(&c.data.join("got.json"))).unwrap();
    assert_eq!(
        (got["case"].as_u64(), got["phone"].as_str()),
        (Some(id), Some(PHONE))
    );
}

#[test]
fn the_phone_number_is_in_neither_the_server_log_nor_the_audit_trail() {
    let c = Centre::new();
    // The command writes the number in its error, the first time.
    let send = c.script(
        "tell.sh",
        r#"if [ -e "$D/once" ]; then cat > "$D/got.json"; exit 0; fi
touch "$D/once"; cat > /dev/null
echo "refused: 13800001234 (+86 138 0000 1234) is busy" >&2; exit 2"#,
    );
    c.add_section(
        "sms",
        &format!("command = \"{}\"\nretry_secs = 1", send.display()),
    );
    let id = complete_case(&c, Some(PHONE));
    let seen = wait_for(&c, id, "sent", 5);
    assert!(
        seen.iter().any(|l| l[4].contains("138****1234")),
        "{seen:?}"
    );
    assert!(
        read(&c.data.join("got.json")).contains(PHONE),
        "the command had the number"
    );
    c.by("L01", &["outbox", "list"]);
    let log = c.ok(&["audit", "log"]);
    let json = c.ok(&["--json", "audit", "log"]);
    assert!(log.contains("\toutbox.send\t"), "{log}");
    c.ok(&["stop"]);
    let server_log = read(&c.data.join("server.log"));
    assert!(server_log.contains("attempt 1 failed"), "{server_log}");
    for (what, text) in [
        ("server.log", &server_log),
        ("audit log", &log),
        ("audit log --json", &json),
    ] {
        for form in [PHONE, "138 0000 1234", "00001234"] {
            assert!(
                !text.contains(form),
                "{what} holds the phone number ({form}):\n{text}"
            );
        }
    }
}

#[test]
fn the_console_case_pane_shows_the_applicants_sms_in_one_line() {
    use crate::common::console::{Desk, ENTER};
    let c = Centre::new();
    let send = saving_script(&c);
    c.add_section("sms", &format!("command = \"{}\"", send.display()));
    let id = complete_case(&c, Some(PHONE));
    wait_for(&c, id, "sent", 5);
    let mut con = Desk::open(&c, "C01", 200, 60);
    con.wait_for("无人等候", 10);
    // Closed, so out of the countdown: found by its number.
    con.press("f");
    con.wait_for("办件编号或申请人姓名", 5);
    con.press(&id.to_string());
    con.press(ENTER);
    con.wait_for("已办结 2026-11-23", 5);
    // The server's clock started at 09:00.
    con.wait_for("短信：已发送 09:00", 5);
    assert!(con.quit());
}
