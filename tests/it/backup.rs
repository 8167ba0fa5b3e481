//! Backup while the server runs, and restore that checks before it replaces anything.

use crate::common::server::Centre;

#[test]
fn a_backup_taken_while_the_server_runs_restores_to_the_same_state() {
    let c = Centre::new();
    for _ in 0..3 {
        c.ok(&["ticket", "take", "--window", "民政救助"]);
    }
    let file = c.data.join("b1.redb");
    let out = c.ok(&["backup", file.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!("backed up to {}", file.display())),
        "{out}"
    );
    // Later changes are not in the backup.
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["stop"]);
    let r = c.cli(&["restore", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("audit events verified"), "{}", r.stdout);
    assert!(r.stderr.contains("was kept as"), "{}", r.stderr);
    let list = c.ok(&["ticket", "list"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert_eq!(c.ok(&["ticket", "take", "--window", "民政救助"]), "A004\n");
    assert_eq!(c.cli(&["audit", "verify"]).code, 0);
}

#[test]
fn a_backup_never_overwrites_a_file() {
    let c = Centre::new();
    let file = c.data.join("exists.redb");
    std::fs::write(&file, "keep me").unwrap();
    let r = c.cli(&["backup", file.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("exists already"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn only_the_director_or_an_administrator_backs_up() {
    let c = Centre::new();
    let file = c.data.join("b2.redb");
    let r = c.cli(&["--as", "L05", "backup", file.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("may not do this"), "{}", r.stderr);
    assert!(!file.exists());
}

#[test]
fn restore_refuses_while_a_server_runs_and_refuses_a_file_that_is_not_a_store() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let file = c.data.join("b3.redb");
    c.ok(&["backup", file.to_str().unwrap()]);
    let r = c.cli(&["restore", file.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("stop it first"), "{}", r.stderr);
    c.ok(&["stop"]);
    let junk = c.data.join("junk.redb");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let r = c.cli(&["restore", junk.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("is not a frontdesk store that can be restored"),
        "{}",
        r.stderr
    );
    // Nothing was replaced.
    assert_eq!(c.ok(&["ticket", "list"]).lines().count(), 1);
}
