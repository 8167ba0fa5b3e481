//! The files the server keeps and trusts: owner-only whatever the umask, a centre nobody else
//! can write, a store never silently replaced, a rollback found by the anchor outside the
//! store, and a restore that is the owner's and on record.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::server::{Centre, NOW, root};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_store_backups_log_and_locks_are_owner_only_whatever_the_umask() {
    let c = Centre::new();
    c.ok(&["stop"]);
    // A server started with no umask at all, as a careless unit file might.
    let exe = env!("CARGO_BIN_EXE_frontdesk");
    let started = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 000; exec {exe} --now {NOW} --as D01 ticket take --window 民政救助"
        ))
        .env("FRONTDESK_DATA", &c.data)
        .output()
        .unwrap();
    assert!(started.status.success(), "{started:?}");
    let backup = c.data.join("copy.redb");
    c.ok(&["backup", backup.to_str().unwrap()]);
    // Closed cleanly: the anchor is written too.
    c.ok(&["stop"]);
    for name in [
        "frontdesk.redb",
        "frontdesk.redb.anchor",
        "copy.redb",
        "server.log",
        "server.lock",
    ] {
        let path = c.data.join(name);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{name}");
        } else {
            let listed: Vec<_> = std::fs::read_dir(&c.data)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert!(name == "server.log", "{name} was not written: {listed:?}");
        }
    }
}

#[test]
fn a_server_does_not_start_on_a_centre_file_others_can_write() {
    let c = Centre::new();
    c.ok(&["stop"]);
    let centre = c.data.join("centre.toml");
    std::fs::set_permissions(&centre, std::fs::Permissions::from_mode(0o664)).unwrap();
    let r = c.cli(&["serve"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains(&format!("{} is writable by its group", centre.display()))
            && r.stderr
                .contains(&format!("chmod go-w {}", centre.display())),
        "{}",
        r.stderr
    );
    // Nor on a data directory its group may write, as the old set-up had it (2770).
    std::fs::set_permissions(&centre, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&c.data, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let r = c.cli(&["serve"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("is writable by its group"),
        "{}",
        r.stderr
    );
    // The documented set-up starts.
    std::fs::set_permissions(&c.data, std::fs::Permissions::from_mode(0o2750)).unwrap();
    c.ok(&["ticket", "list"]);
}

#[test]
fn a_store_emptied_or_moved_away_is_not_replaced_by_a_new_one() {
    for damage in ["empty", "remove"] {
        let c = Centre::new();
        c.ok(&["ticket", "take", "--window", "民政救助"]);
        c.ok(&["stop"]);
        let db = c.data.join("frontdesk.redb");
        match damage {
            "empty" => std::fs::write(&db, b"").unwrap(),
            _ => std::fs::remove_file(&db).unwrap(),
        }
        let r = c.cli(&["ticket", "list"]);
        assert_ne!(r.code, 0, "{damage}");
        assert!(
            r.stderr
                .contains("is missing or empty, but this data directory has held one")
                && r.stderr.contains("frontdesk restore FILE")
                && r.stderr.contains("frontdesk init --new-store"),
            "{damage}: {}",
            r.stderr
        );
        // Nothing was started in its place.
        let len = std::fs::metadata(&db).map_or(0, |m| m.len());
        assert_eq!(len, 0, "{damage}: a new store was written");
        // Started anew on purpose, it is on record where the old one had reached.
        let r = c.cli(&["init", "--new-store"]);
        assert_eq!(r.code, 0, "{damage}: {}", r.stderr);
        assert!(r.stdout.contains("recorded as store.new"), "{}", r.stdout);
        let trail = c.ok(&["--json", "audit", "log", "--target", "store"]);
        let new = trail
            .lines()
            .find(|l| l.contains("\"store.new\""))
            .expect("the new store is recorded");
        assert!(new.contains("\"previous_seq\""), "{new}");
        assert_eq!(c.ok(&["ticket", "list"]), "");
    }
}

#[test]
fn a_new_store_is_not_started_over_one_that_holds_data() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["stop"]);
    let r = c.cli(&["init", "--new-store"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("replaces only a store that is missing or empty"),
        "{}",
        r.stderr
    );
    assert_eq!(c.ok(&["ticket", "list"]).lines().count(), 1);
}

#[test]
fn a_store_put_back_from_an_older_copy_is_refused_naming_the_events_it_lacks() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["stop"]);
    let db = c.data.join("frontdesk.redb");
    let old = c.data.join("old-copy");
    std::fs::copy(&db, &old).unwrap();
    // Closed cleanly: the anchor is at the copy's head.
    let anchor = std::fs::read_to_string(c.data.join("frontdesk.redb.anchor")).unwrap();
    let before: u64 = anchor
        .lines()
        .find_map(|l| l.strip_prefix("seq "))
        .and_then(|s| s.parse().ok())
        .unwrap();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["stop"]);
    std::fs::copy(&old, &db).unwrap();
    let r = c.cli(&["ticket", "list"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("rolled back or damaged")
            && r.stderr.contains(&format!("events {}", before + 1)),
        "{}",
        r.stderr
    );
}

#[test]
fn a_restore_is_recorded_naming_the_store_it_replaced_and_the_backup() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let file = c.data.join("b.redb");
    c.ok(&["backup", file.to_str().unwrap()]);
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["stop"]);
    let anchor = std::fs::read_to_string(c.data.join("frontdesk.redb.anchor")).unwrap();
    let replaced_seq = anchor
        .lines()
        .find_map(|l| l.strip_prefix("seq "))
        .unwrap()
        .to_string();
    c.ok(&["restore", file.to_str().unwrap()]);
    // The restored store starts, its chain verifies, and the restore is its last word.
    assert_eq!(c.cli(&["audit", "verify"]).code, 0);
    let trail = c.ok(&["--json", "audit", "log", "--target", "store"]);
    let restore = trail
        .lines()
        .find(|l| l.contains("\"store.restore\""))
        .expect("the restore is recorded");
    assert!(
        restore.contains(&format!("\"replaced_seq\":{replaced_seq}")),
        "{restore}"
    );
    assert!(restore.contains("b.redb"), "{restore}");
    assert_eq!(c.ok(&["ticket", "list"]).lines().count(), 1);
}

#[test]
fn only_the_data_directorys_owner_restores_its_store() {
    if !root() {
        eprintln!("skipped: needs root, to give the data directory to another unix user");
        return;
    }
    let c = Centre::new();
    let file = c.data.join("b.redb");
    c.ok(&["backup", file.to_str().unwrap()]);
    c.ok(&["stop"]);
    std::os::unix::fs::chown(&c.data, Some(4242), None).unwrap();
    let r = c.cli(&["restore", file.to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("only its owner restores its store"),
        "{}",
        r.stderr
    );
}

#[test]
fn random_bytes_in_the_store_never_silently_roll_it_back() {
    use std::io::{Seek, SeekFrom, Write};
    // Where a few bytes hit decides what redb makes of it: its commit slots, a page of the last
    // commit, the tables. Whatever it makes, the store is never opened behind what it held.
    for (i, offset) in [0x40u64, 0x80, 0x100, 0x200, 0x1000, 0x3000]
        .into_iter()
        .enumerate()
    {
        let c = Centre::new();
        for _ in 0..3 {
            c.ok(&["ticket", "take", "--window", "民政救助"]);
        }
        c.ok(&["stop"]);
        let anchor = std::fs::read_to_string(c.data.join("frontdesk.redb.anchor")).unwrap();
        let held: u64 = anchor
            .lines()
            .find_map(|l| l.strip_prefix("seq "))
            .and_then(|s| s.parse().ok())
            .unwrap();
        let db = c.data.join("frontdesk.redb");
        let mut f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        let len = f.metadata().unwrap().len();
        f.seek(SeekFrom::Start(offset.min(len.saturating_sub(64))))
            .unwrap();
        let noise: Vec<u8> = (0..64u32)
            .map(|n| (n.wrapping_mul(2_654_435_761).wrapping_add(i as u32 * 97) >> 13) as u8)
            .collect();
        f.write_all(&noise).unwrap();
        drop(f);
        let r = c.cli(&["audit", "log"]);
        if r.code == 0 {
            // Opened: then everything it held is there, the event at the anchor included.
            assert!(
                r.stdout
                    .lines()
                    .any(|l| l.split('\t').next() == Some(&held.to_string())),
                "offset {offset:#x}: opened without event {held}:\n{}",
                r.stdout
            );
        } else {
            assert!(
                ["rolled back", "not the one", "cannot be read", "restore"]
                    .iter()
                    .any(|w| r.stderr.contains(w)),
                "offset {offset:#x}: refused without saying what to do: {}",
                r.stderr
            );
        }
    }
}
