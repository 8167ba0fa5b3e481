//! Permissions proved with real unix users (the issue "Reliability and security"): processes
//! run as other uids and groups, in the documented set-up of a real centre — the data directory
//! 2750, owned by the service user and the group `frontdesk`, the socket 0660 for the group, the
//! store and lock 0600. They need root, and say they skipped otherwise.
//!
//! Proved elsewhere with real uids, and not repeated here: an unbound uid is refused
//! (`permissions::an_unbound_uid_is_refused_in_a_real_centre`, the server run by another uid);
//! a client tells nothing to a socket bound by anyone but the directory's owner
//! (`server_gate::a_client_sends_nothing_to_a_socket_bound_by_anyone_but_the_directorys_owner`).

use std::io;
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::server::{Centre, root};
use crate::permissions::real_centre_binding;

/// The group `frontdesk`, by number, as the tests create no named groups.
const GROUP: u32 = 4300;
/// The service user: owns the data directory and runs the server.
const SERVICE: u32 = 4301;
/// 周春英 (C01), A post of 民政救助.
const CLERK: u32 = 4302;
/// C03, A post of 劳动保障.
const OTHER_CLERK: u32 = 4303;
/// 赵纪平 (S01), the supervisor.
const SUPERVISOR: u32 = 4304;
/// A shared thin-client account, where staff sign in with code and PIN.
const SHARED: u32 = 4305;
/// Someone outside the group.
const OUTSIDER: u32 = 4306;

fn skipped() -> bool {
    if root() {
        return false;
    }
    eprintln!("skipped: needs root, to run processes as other unix users");
    true
}

/// A real centre with its staff bound to the uids above, served in the documented set-up.
fn served_centre() -> (Centre, std::process::Child) {
    let c = real_centre_binding(
        &[("C01", CLERK), ("C03", OTHER_CLERK), ("S01", SUPERVISOR)],
        &[SHARED],
    );
    let server = c.serve_documented(SERVICE, GROUP);
    (c, server)
}

/// Stops the server as its user, as an administrator would, and waits for it.
fn stop(c: &Centre, mut server: std::process::Child) {
    let r = c.cli_as_member(SERVICE, GROUP, &["stop"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(server.wait().unwrap().success());
}

/// Runs `args` as the group member `uid`.
fn as_member(c: &Centre, uid: u32, args: &[&str]) -> crate::common::Run {
    c.cli_as_member(uid, GROUP, args, &[])
}

/// Run by [`try_as`] in a process of another unix user: does to `FRONTDESK_TRY_PATH` what
/// `FRONTDESK_TRY` names and prints the outcome (`ok`, or the error's kind).
#[test]
#[ignore = "run by the real-user tests in a process of another unix user"]
fn try_as_another_user() {
    let (Ok(what), Ok(path)) = (
        std::env::var("FRONTDESK_TRY"),
        std::env::var("FRONTDESK_TRY_PATH"),
    ) else {
        return;
    };
    let path = PathBuf::from(path);
    let beside = path.with_extension("new");
    let r: io::Result<()> = match what.as_str() {
        "read" => std::fs::read(&path).map(drop),
        "remove" => std::fs::remove_file(&path),
        "rename" => std::fs::rename(&path, path.with_extension("moved")),
        "bind over" => UnixListener::bind(&path).map(drop),
        // Bind beside it, to rename over it after.
        "bind beside" => UnixListener::bind(&beside).map(drop),
        "connect" => UnixStream::connect(&path).map(drop),
        other => panic!("nothing to try called {other}"),
    };
    match r {
        Ok(()) => println!("outcome: ok"),
        Err(e) => println!("outcome: {:?}", e.kind()),
    }
}

/// Tries `what` on `path` as unix user `uid` in group `gid` only, in a process of its own (this
/// test program run again); returns the outcome: `ok` or the error's kind.
fn try_as(uid: u32, gid: u32, what: &str, path: &Path) -> String {
    use std::os::unix::process::CommandExt;
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "real_users::try_as_another_user",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("FRONTDESK_TRY", what)
        .env("FRONTDESK_TRY_PATH", path)
        .uid(uid)
        .gid(gid)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        // libtest writes the test's name on the same line.
        .find_map(|l| l.split_once("outcome: ").map(|(_, o)| o.trim()))
        .unwrap_or_else(|| {
            panic!(
                "{what} as uid {uid} gave no outcome: {stdout} {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
        .to_string()
}

#[test]
fn a_group_member_can_neither_read_the_store_nor_replace_the_socket() {
    if skipped() {
        return;
    }
    let (c, server) = served_centre();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().mode() & 0o7777;
    let store = c.data.join("frontdesk.redb");
    let socket = c.socket();
    assert_eq!(mode(&c.data), 0o2750, "the data directory");
    assert_eq!(mode(&socket), 0o660, "the socket");
    assert_eq!(std::fs::metadata(&socket).unwrap().gid(), GROUP);
    assert_eq!(mode(&store), 0o600, "the store");
    assert_eq!(mode(&c.data.join("server.lock")), 0o600, "the lock");
    // The server's user may do all of it; a group member none of it.
    assert_eq!(try_as(SERVICE, GROUP, "read", &store), "ok");
    for (what, path) in [
        ("read", &store),
        ("read", &c.data.join("server.lock")),
        ("remove", &socket),
        ("rename", &socket),
        ("bind beside", &socket),
    ] {
        assert_eq!(
            try_as(CLERK, GROUP, what, path),
            "PermissionDenied",
            "{what} {}",
            path.display()
        );
    }
    assert_ne!(try_as(CLERK, GROUP, "bind over", &socket), "ok");
    // The group reaches the socket; no one outside it does.
    assert_eq!(try_as(CLERK, GROUP, "connect", &socket), "ok");
    assert_eq!(
        try_as(OUTSIDER, OUTSIDER, "connect", &socket),
        "PermissionDenied"
    );
    // And the server still answers the group from its own socket.
    let r = as_member(&c, CLERK, &["ticket", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!c.data.join("frontdesk.sock.moved").exists());
    stop(&c, server);
}

#[test]
fn a_clerk_bound_by_uid_is_confined_to_their_windows_queue_and_cases() {
    if skipped() {
        return;
    }
    let (c, server) = served_centre();
    for window in ["民政救助", "劳动保障"] {
        let r = as_member(&c, CLERK, &["ticket", "take", "--window", window]);
        assert_eq!(r.code, 0, "anyone takes a ticket: {}", r.stderr);
    }
    let r = as_member(&c, CLERK, &["ticket", "call", "--window", "劳动保障"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("may not do this"), "{}", r.stderr);
    let r = as_member(&c, CLERK, &["ticket", "call", "--window", "民政救助"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // 劳动保障's own clerk calls there: it is the window that decides, not the uid.
    let r = as_member(&c, OTHER_CLERK, &["ticket", "call", "--window", "劳动保障"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A case of another window's item is not C01's to open; C01's own is not C03's to decide.
    let open = |uid: u32, item: &str| {
        let have = "老年助餐补贴申请表";
        as_member(
            &c,
            uid,
            &[
                "case",
                "open",
                "--item",
                item,
                "--applicant",
                "张三",
                "--have",
                have,
            ],
        )
    };
    let r = open(CLERK, "LB-001");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("may not"), "{}", r.stderr);
    let r = c.cli_as_member(
        CLERK,
        GROUP,
        &[
            "case",
            "open",
            "--item",
            "MZ-005",
            "--applicant",
            "张三",
            "--have",
            crate::common::server::ALL_MZ005,
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = as_member(&c, OTHER_CLERK, &["case", "complete", "1"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("may not"), "{}", r.stderr);
    stop(&c, server);
}

#[test]
fn a_supervisor_bound_by_uid_reads_everything_but_acts_on_nothing() {
    if skipped() {
        return;
    }
    let (c, server) = served_centre();
    let r = as_member(&c, CLERK, &["ticket", "take", "--window", "民政救助"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for args in [
        &["ticket", "list"][..],
        &["case", "list"],
        &["audit", "verify"],
        &["audit", "log", "--since", "2026-11-23"],
    ] {
        let r = as_member(&c, SUPERVISOR, args);
        assert_eq!(r.code, 0, "the supervisor reads {args:?}: {}", r.stderr);
    }
    for args in [
        &["ticket", "take", "--window", "民政救助"][..],
        &["ticket", "call", "--window", "民政救助"],
        &["enquiry", "log", "--content", "问事"],
        &[
            "case",
            "open",
            "--item",
            "MZ-005",
            "--applicant",
            "张三",
            "--have",
            crate::common::server::ALL_MZ005,
        ],
        &["stop"],
    ] {
        let r = as_member(&c, SUPERVISOR, args);
        assert_eq!(r.code, 1, "the supervisor acted: {args:?}");
        assert!(r.stderr.contains("may not"), "{args:?}: {}", r.stderr);
    }
    stop(&c, server);
}

#[test]
fn pin_lock_out_on_a_shared_account_is_in_the_audit_trail() {
    if skipped() {
        return;
    }
    let (c, server) = served_centre();
    // The administrator (the service user, bound to no one) sets C02's PIN.
    let r = c.cli_as_member(
        SERVICE,
        GROUP,
        &["pin", "set", "C02"],
        &[("FRONTDESK_NEW_PIN", "8642")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let with_pin = |pin: &str| {
        c.cli_as_member(
            SHARED,
            GROUP,
            &["--code", "C02", "ticket", "list"],
            &[("FRONTDESK_PIN", pin)],
        )
    };
    let r = as_member(&c, SHARED, &["ticket", "list"]);
    assert!(r.stderr.contains("is a shared account"), "{}", r.stderr);
    assert_eq!(with_pin("8642").code, 0, "the right PIN signs in");
    for _ in 0..5 {
        assert_eq!(with_pin("0000").code, 1);
    }
    let r = with_pin("8642");
    assert!(
        r.stderr.contains("C02 is locked after 5 wrong PINs"),
        "even the right PIN is refused while locked: {}",
        r.stderr
    );
    // Every refused attempt is in the trail, about the code tried; read by the supervisor.
    let log = as_member(&c, SUPERVISOR, &["audit", "log", "--target", "staff/C02"]);
    assert_eq!(log.code, 0, "{}", log.stderr);
    let refused: Vec<&str> = log
        .stdout
        .lines()
        .filter(|l| l.contains("\tsign-in\tstaff/C02\trefused: "))
        .collect();
    assert_eq!(refused.len(), 6, "{}", log.stdout);
    assert!(
        refused.iter().any(|l| l.contains("locked")),
        "{}",
        log.stdout
    );
    stop(&c, server);
}

#[test]
fn acting_as_someone_else_works_only_in_the_demo_centre_and_only_for_its_owner() {
    if skipped() {
        return;
    }
    // A real centre: neither a bound clerk nor the directory's owner may act as anyone.
    let (c, server) = served_centre();
    for uid in [CLERK, SERVICE] {
        let r = as_member(&c, uid, &["--as", "D01", "ticket", "list"]);
        assert_eq!(r.code, 1);
        assert!(
            r.stderr.contains("--as D01 works only in the demo centre"),
            "uid {uid}: {}",
            r.stderr
        );
    }
    stop(&c, server);
    // The demo centre in the same set-up: its owner acts as anyone, a group member as no one.
    let demo = Centre::new();
    let server = demo.serve_documented(SERVICE, GROUP);
    let r = as_member(
        &demo,
        SERVICE,
        &[
            "--as",
            "D01",
            "--json",
            "ticket",
            "take",
            "--window",
            "民政救助",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"taken_by\": \"D01\""), "{}", r.stdout);
    let r = as_member(&demo, CLERK, &["--as", "D01", "ticket", "list"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains(&format!("uid {CLERK} does not own this demo centre")),
        "{}",
        r.stderr
    );
    let r = demo.cli_as_member(SERVICE, GROUP, &["--as", "D01", "stop"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut server = server;
    assert!(server.wait().unwrap().success());
}
