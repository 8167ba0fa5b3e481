//! A store through its life: opened from an earlier release and migrated, its chain still
//! verifiable; closed cleanly by `stop`, SIGTERM and SIGINT, so the next open needs no repair.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use crate::common::server::Centre;

/// Whether redb has to repair the store at `path` to open it (it was not closed cleanly).
fn needs_repair(path: &Path) -> bool {
    let repaired = Rc::new(Cell::new(false));
    let seen = Rc::clone(&repaired);
    let db = redb::Builder::new()
        .set_repair_callback(move |_| seen.set(true))
        .open(path)
        .unwrap();
    drop(db);
    repaired.get()
}

#[test]
fn stop_closes_the_store_cleanly_so_the_next_start_needs_no_repair() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    // A console stays connected while the server stops.
    let _console = c.raw_ok();
    c.ok(&["stop"]);
    assert!(!needs_repair(&c.data.join("frontdesk.redb")));
}

#[test]
fn sigterm_and_sigint_close_the_store_cleanly_but_sigkill_cannot() {
    use rustix::process::{Pid, Signal, kill_process};
    for (signal, clean) in [
        (Signal::TERM, true),
        (Signal::INT, true),
        (Signal::KILL, false),
    ] {
        let c = Centre::new();
        c.ok(&["ticket", "take", "--window", "民政救助"]);
        c.ok(&["stop"]);
        let mut server = c.serve();
        let _console = c.raw_ok();
        c.ok(&["ticket", "take", "--window", "民政救助"]);
        let pid = Pid::from_raw(server.id() as i32).unwrap();
        kill_process(pid, signal).unwrap();
        server.wait().unwrap();
        assert_eq!(
            needs_repair(&c.data.join("frontdesk.redb")),
            !clean,
            "{signal:?}"
        );
        // Nothing acknowledged is lost either way.
        let listed = c.ok(&["ticket", "list"]);
        assert_eq!(listed.lines().count(), 2, "{signal:?}: {listed}");
    }
}

/// A data directory of the demo centre holding the store an earlier release left.
fn earlier_release(store: &str) -> Centre {
    let c = Centre::new();
    let dir = frontdesk::datadir::DataDir::resolve(Some(c.data.clone())).unwrap();
    dir.ensure_initialised().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/stores")
        .join(store);
    std::fs::copy(fixture, c.data.join("frontdesk.redb")).unwrap();
    // An earlier release kept no anchor: the store is all there is.
    let _ = std::fs::remove_file(c.data.join("frontdesk.redb.anchor"));
    c
}

#[test]
fn a_store_of_schema_2_migrates_its_indexes_and_its_chain_still_verifies() {
    let c = earlier_release("schema-2.redb");
    let verify = c.ok(&["audit", "verify"]);
    let checked: u64 = verify
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap();
    assert!(checked > 33, "{verify}");
    let log = c.ok(&["audit", "log", "--since", "2026-11-23"]);
    // The migration is the first typed event, after the 35 of the earlier release, which stay
    // as they were written (no payload).
    assert!(log.contains("\t-\tstore.migrate\tstore\tok"), "{log}");
    let json = c.ok(&["--json", "audit", "log", "--since", "2026-11-23"]);
    let events: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let migrated: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["act"] == "store.migrate")
        .collect();
    assert_eq!(migrated.len(), 1, "{json}");
    assert_eq!(migrated[0]["seq"], 36);
    assert_eq!(migrated[0]["data"]["fact"], "migration");
    assert_eq!(migrated[0]["data"]["from"], 2);
    let legacy = events.iter().filter(|e| e["data"].is_null()).count();
    assert_eq!(legacy, 35);
    // What was pending is pending through the new indexes.
    let clerk = c.ok(&["--as", "C01", "approvals"]);
    assert_eq!(clerk.lines().count(), 1, "{clerk}");
    assert!(clerk.starts_with("enquiry\t1\t"), "{clerk}");
    let director = c.ok(&["--as", "D01", "approvals"]);
    let kinds: Vec<&str> = director
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(kinds, ["extension", "leave"], "{director}");
    let open = c.ok(&["--as", "L01", "enquiry", "list", "--open"]);
    assert_eq!(open.lines().count(), 1, "{open}");
    // The day's notices and duty log are found by their day.
    let notices = c.ok(&["case", "notices", "--date", "2026-11-23"]);
    let cases: Vec<&str> = notices
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(cases, ["1", "2", "3"], "{notices}");
    let duty = c.ok(&["duty", "list", "--date", "2026-11-23"]);
    assert!(duty.contains("大厅秩序良好"), "{duty}");
    // Both leave requests are there, the approved one still approved.
    let leave = c.ok(&["leave", "list"]);
    assert_eq!(leave.lines().count(), 2, "{leave}");
    assert!(leave.contains("\tapproved by D01"), "{leave}");
    let open_cases = c.ok(&["case", "list", "--open"]);
    let ids: Vec<&str> = open_cases
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, ["3", "2"], "{open_cases}");
}
