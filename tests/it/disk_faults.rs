//! A disk that fails under the store: a file-size limit (the fault a test can make without
//! root or a small disk, and the one that used to kill the server with SIGXFSZ) is told
//! plainly, the server starts again to recover, and nothing acknowledged is lost.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::server::{Centre, NOW, limit};

#[test]
fn a_file_size_limit_is_told_plainly_and_the_next_server_recovers_with_nothing_lost() {
    let c = Centre::new();
    assert_eq!(c.ok(&["ticket", "take", "--window", "民政救助"]), "A001\n");
    c.ok(&["stop"]);
    let db = c.data.join("frontdesk.redb");
    let limit_bytes = std::fs::metadata(&db).unwrap().len();
    // The server may not make its store any larger than it is now.
    let mut server = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    server
        .args(["--now", NOW, "serve"])
        .env("FRONTDESK_DATA", &c.data)
        .stderr(Stdio::piped())
        .stdout(Stdio::null());
    limit(&mut server, rustix::process::Resource::Fsize, limit_bytes);
    let mut server = c.started(&mut server);
    let (more, told) = c.take_until_refused();
    let taken = 1 + more;
    let told = told.expect("the store never outgrew its limit");
    assert!(
        told.contains("has reached the server's file-size limit")
            && told.contains("raise it")
            && told.contains(&c.data.display().to_string()),
        "{told}"
    );
    // It stops to recover instead of refusing everything from then on, and says why.
    let started = Instant::now();
    let status = loop {
        if let Some(s) = server.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the server did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(!status.success(), "a fault is not a stop on purpose");
    let mut log = String::new();
    std::io::Read::read_to_string(&mut server.stderr.take().unwrap(), &mut log).unwrap();
    assert!(log.contains("disk fault"), "{log}");
    // The next client starts a server without the limit: every ticket acknowledged is there,
    // once, and the chain verifies.
    let list = c.ok(&["ticket", "list"]);
    assert_eq!(list.lines().count(), taken, "{list}");
    assert_eq!(
        c.ok(&["ticket", "take", "--window", "民政救助"]),
        format!("A{:03}\n", taken + 1)
    );
    assert_eq!(c.cli(&["audit", "verify"]).code, 0);
}

/// A small disk of its own (tmpfs), for as long as the test holds it; `None` where this
/// machine does not let the tests mount one (not root, or no mount privilege in a container).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(megabytes: u32) -> Option<SmallDisk> {
        let dir = crate::common::empty_dir().join("disk");
        std::fs::create_dir_all(&dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk(dir))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_told_plainly_and_once_space_returns_nothing_acknowledged_is_lost() {
    let Some(disk) = SmallDisk::mount(16) else {
        eprintln!("skipped: cannot mount a small disk here (needs root with mount privilege)");
        return;
    };
    let c = Centre {
        data: disk.0.join("centre"),
    };
    let init = crate::common::run_in(&c.data, &["--now", NOW, "init", "--demo", "empty"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert_eq!(c.ok(&["ticket", "take", "--window", "民政救助"]), "A001\n");
    // Fill the disk but for a little room.
    let filler = disk.0.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 * 1024];
    while std::io::Write::write_all(&mut f, &block).is_ok() {}
    drop(f);
    let (more, told) = c.take_until_refused();
    let taken = 1 + more;
    let told = told.expect("the disk never filled");
    assert!(
        told.contains(&format!(
            "the disk holding {} is full: free space on it",
            c.data.display()
        )) || told.contains("could not be started"),
        "{told}"
    );
    // Space returns: the next client's server opens the store afresh, with every ticket that
    // was acknowledged, once.
    std::fs::remove_file(&filler).unwrap();
    let started = Instant::now();
    let list = loop {
        let r = c.cli(&["ticket", "list"]);
        if r.code == 0 {
            break r.stdout;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "it did not recover: {}",
            r.stderr
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(list.lines().count(), taken, "{list}");
    assert_eq!(c.cli(&["audit", "verify"]).code, 0);
}
