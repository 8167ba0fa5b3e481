//! The server's socket is watched (the issue "Reliability and security"): one deleted or
//! replaced while the server runs is bound again within a second or two, clients wait for it
//! rather than start a second server, and `frontdesk stop` finds a server that does not answer
//! by the pid in its lock.

use std::os::unix::fs::MetadataExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::{Duration, Instant};

use crate::common::server::Centre;

fn server_pid(c: &Centre) -> String {
    std::fs::read_to_string(c.data.join("server.lock"))
        .unwrap()
        .trim()
        .to_string()
}

fn log(c: &Centre) -> String {
    std::fs::read_to_string(c.data.join("server.log")).unwrap_or_default()
}

#[test]
fn a_deleted_socket_is_bound_again_and_the_next_client_is_answered_by_the_same_server() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let pid = server_pid(&c);
    std::fs::remove_file(c.socket()).unwrap();
    // At once: the client finds the server's lock held and waits for its socket.
    let r = c.cli(&["ticket", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("A001"), "{}", r.stdout);
    assert!(!r.stderr.contains("already running"), "{}", r.stderr);
    assert_eq!(server_pid(&c), pid, "a second server was started");
    assert!(
        log(&c).contains("was deleted; listening on a new one there"),
        "{}",
        log(&c)
    );
    let r = c.cli(&["audit", "verify"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_socket_replaced_by_another_listener_is_taken_back_by_the_server() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    std::fs::remove_file(c.socket()).unwrap();
    let other = UnixListener::bind(c.socket()).unwrap();
    other.set_nonblocking(true).unwrap();
    let theirs = std::fs::metadata(c.socket()).unwrap().ino();
    let started = Instant::now();
    while std::fs::metadata(c.socket()).map(|m| m.ino()).ok() == Some(theirs) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the server did not take its socket back"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let r = c.cli(&["ticket", "take", "--window", "民政救助"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        other.accept().is_err(),
        "the other listener was reached by a client"
    );
    assert!(
        log(&c).contains("was replaced by another file"),
        "{}",
        log(&c)
    );
    assert_eq!(c.cli(&["audit", "verify"]).code, 0);
}

#[test]
fn stop_with_the_socket_gone_stops_the_server_by_its_pid_with_its_store_closed() {
    let c = Centre::new();
    let mut server = c.serve();
    let pid = server_pid(&c);
    // A directory where the socket was: the server cannot bind it again, so nothing answers.
    std::fs::remove_file(c.socket()).unwrap();
    std::fs::create_dir(c.socket()).unwrap();
    let r = c.cli(&["ticket", "list"]);
    assert_eq!(r.code, 1);
    assert!(!r.stderr.contains("already running"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("a frontdesk server (pid {pid}) runs for"))
            && r.stderr.contains("stop it with `frontdesk stop --data"),
        "{}",
        r.stderr
    );
    let r = c.cli(&["stop"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(&format!(
            "sent SIGTERM to the server holding its lock (pid {pid})"
        )),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("stopped the server for"), "{}", r.stdout);
    let status = server.wait().unwrap();
    assert!(status.success(), "the server ended with {status}");
    // The next start needs no repair, and its trail is whole.
    std::fs::remove_dir(c.socket()).unwrap();
    let r = c.cli(&["audit", "verify"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(UnixStream::connect(c.socket()).is_ok());
}

#[test]
fn stop_signals_no_process_that_is_not_a_frontdesk_server_holding_the_lock() {
    let c = Centre::new();
    // This test program holds the lock and writes its own pid there; it is not frontdesk.
    let lock = std::fs::File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(c.data.join("server.lock"))
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(c.data.join("server.lock"), std::process::id().to_string()).unwrap();
    let r = c.cli(&["stop"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("not frontdesk") && r.stderr.contains("nothing was signalled"),
        "{}",
        r.stderr
    );
    drop(lock);
    let r = c.cli(&["stop"]);
    assert_eq!(
        (r.code, r.stdout.contains("no server is running")),
        (0, true),
        "{}",
        r.stderr
    );
}
