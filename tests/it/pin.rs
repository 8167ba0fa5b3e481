//! Signing in with a staff code and PIN on shared thin-client accounts (DESIGN.md): PINs kept
//! only as slow salted hashes, repeated failures locking the code.

use crate::common::run_env;
use crate::common::server::{Centre, NOW};

fn with_pin(c: &Centre, code: &str, pin: &str, args: &[&str]) -> crate::common::Run {
    let mut all = vec!["--now", NOW, "--code", code];
    all.extend_from_slice(args);
    run_env(&c.data, &all, &[("FRONTDESK_PIN", pin)])
}

#[test]
fn the_demo_owner_signs_in_as_any_staff_member_with_the_demo_pin() {
    let c = Centre::new();
    let r = with_pin(
        &c,
        "C01",
        "1234",
        &["--json", "ticket", "take", "--window", "民政救助"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["taken_by"], "C01");
}

#[test]
fn five_wrong_pins_lock_the_code_for_fifteen_minutes() {
    let c = Centre::new();
    for left in (1..=4).rev() {
        let r = with_pin(&c, "C02", "0000", &["ticket", "list"]);
        assert_eq!(r.code, 1);
        assert!(
            r.stderr.contains(&format!(
                "wrong PIN for C02; {left} more wrong PIN(s) lock the code"
            )),
            "{}",
            r.stderr
        );
    }
    let r = with_pin(&c, "C02", "0000", &["ticket", "list"]);
    assert!(
        r.stderr
            .contains("C02 is locked after 5 wrong PINs until 09:15"),
        "{}",
        r.stderr
    );
    // Even the right PIN is refused while locked.
    let r = with_pin(&c, "C02", "1234", &["ticket", "list"]);
    assert!(r.stderr.contains("is locked"), "{}", r.stderr);
    // Every attempt is in the audit trail, about the code tried.
    let log = c.ok(&["audit", "log", "--target", "staff/C02"]);
    assert_eq!(
        log.lines()
            .filter(|l| l.contains("\tsign-in\tstaff/C02\trefused: "))
            .count(),
        6,
        "{log}"
    );
}

#[test]
fn a_staff_member_changes_their_pin_and_the_old_one_stops_working() {
    let c = Centre::new();
    let r = run_env(
        &c.data,
        &["--now", NOW, "--code", "C03", "pin", "set", "C03"],
        &[("FRONTDESK_PIN", "1234"), ("FRONTDESK_NEW_PIN", "97531864")],
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "the PIN of C03 is set\n"),
        "{}",
        r.stderr
    );
    assert_eq!(with_pin(&c, "C03", "1234", &["ticket", "list"]).code, 1);
    assert_eq!(with_pin(&c, "C03", "97531864", &["ticket", "list"]).code, 0);
    // The PIN is nowhere in the store in clear, nor in the audit trail. (Eight digits, so a
    // chance match inside the file's hex hashes is about one in a million.)
    c.ok(&["stop"]);
    let bytes = std::fs::read(c.data.join("frontdesk.redb")).unwrap();
    assert!(
        !bytes.windows(8).any(|w| w == b"97531864"),
        "the PIN is stored in clear"
    );
}

#[test]
fn only_its_owner_or_the_director_sets_a_pin_and_a_pin_is_four_to_eight_digits() {
    let c = Centre::new();
    let r = run_env(
        &c.data,
        &["--now", NOW, "--code", "C03", "pin", "set", "C04"],
        &[("FRONTDESK_PIN", "1234"), ("FRONTDESK_NEW_PIN", "2468")],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("may not do this"), "{}", r.stderr);
    let r = run_env(
        &c.data,
        &["--now", NOW, "pin", "set", "C04"],
        &[("FRONTDESK_NEW_PIN", "12ab")],
    );
    assert!(r.stderr.contains("a PIN is 4 to 8 digits"), "{}", r.stderr);
    let r = run_env(
        &c.data,
        &["--now", NOW, "pin", "set", "C04"],
        &[("FRONTDESK_NEW_PIN", "2468")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_shared_account_must_sign_in_with_a_code_and_pin() {
    // A real centre: its own centre file in an empty data directory.
    let c = Centre::fresh();
    let me = rustix::process::getuid().as_raw();
    let centre = std::fs::read_to_string("fixtures/centre.toml").unwrap();
    std::fs::write(c.data.join("centre.toml"), &centre).unwrap();
    // As the data directory's owner (bound to no one) the administrator sets C05's PIN.
    let r = run_env(
        &c.data,
        &["--now", NOW, "pin", "set", "C05"],
        &[("FRONTDESK_NEW_PIN", "8642")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    c.ok(&["stop"]);
    // Now this account is a shared thin-client account.
    let shared = centre.replace(
        "director = \"D01\"",
        &format!("director = \"D01\"\nshared_uids = [{me}]"),
    );
    std::fs::write(c.data.join("centre.toml"), shared).unwrap();
    let r = c.cli(&["ticket", "list"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("is a shared account: sign in with --code CODE"),
        "{}",
        r.stderr
    );
    assert_eq!(
        with_pin(&c, "C05", "1234", &["ticket", "list"]).code,
        1,
        "a real centre has no demo PIN"
    );
    let r = with_pin(
        &c,
        "C05",
        "8642",
        &["--json", "ticket", "take", "--window", "医疗保险"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"taken_by\": \"C05\""), "{}", r.stdout);
}
