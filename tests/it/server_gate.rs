//! The door of the server, against a crowd (with real unix users, as root): a client that holds
//! its hello, many from one user, and the owner who must still get through.

use std::os::unix::net::UnixStream;
use std::time::Duration;

use frontdesk::protocol::{ServerMsg, read_frame};

use crate::common::server::{Centre, root};

/// The server's owner in these tests: no account is needed to run as a uid.
const OWNER: u32 = 4242;

#[test]
fn one_unix_user_holds_at_most_sixty_four_connections_and_the_owner_still_stops_the_server() {
    if !root() {
        eprintln!("skipped: needs root, to run the server as another unix user");
        return;
    }
    let c = Centre::new();
    let mut server = c.serve_as(OWNER);
    // Root is just another peer here: 64 connections that never say hello hold their places.
    let held: Vec<UnixStream> = (0..64)
        .map(|_| UnixStream::connect(c.socket()).unwrap())
        .collect();
    let mut one_more = UnixStream::connect(c.socket()).unwrap();
    one_more
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    match read_frame::<ServerMsg>(&mut one_more) {
        Ok(ServerMsg::Refused { message }) => {
            assert!(
                message.contains("already holds 64 connections"),
                "{message}"
            );
        }
        other => panic!("the 65th was not turned away: {other:?}"),
    }
    // The owner is not counted with the crowd: `stop` gets through.
    let stop = c.cli_as_uid(OWNER, &["stop"]);
    assert_eq!(stop.code, 0, "{}", stop.stderr);
    assert!(server.wait().unwrap().success());
    drop(held);
}

#[test]
fn a_client_sends_nothing_to_a_socket_bound_by_anyone_but_the_directorys_owner() {
    if !root() {
        eprintln!("skipped: needs root, to give the data directory to another unix user");
        return;
    }
    let c = Centre::new();
    // The real server, run by the owner, is trusted: root is refused only for who it is.
    let mut server = c.serve_as(OWNER);
    let r = c.cli(&["ticket", "list"]);
    assert_ne!(r.code, 0);
    assert!(
        !r.stderr.contains("not this centre's server"),
        "{}",
        r.stderr
    );
    assert_eq!(c.cli_as_uid(OWNER, &["stop"]).code, 0);
    server.wait().unwrap();
    // Someone else binds the socket: a client with a PIN to type tells it nothing.
    let fake = std::os::unix::net::UnixListener::bind(c.socket()).unwrap();
    let listening = std::thread::spawn(move || {
        use std::io::Read;
        let (mut s, _) = fake.accept().unwrap();
        let mut got = Vec::new();
        let _ = s.read_to_end(&mut got);
        got
    });
    let r = crate::common::run_env(
        &c.data,
        &["--code", "C01", "ticket", "list"],
        &[("FRONTDESK_PIN", "1234")],
    );
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("runs as uid 0")
            && r.stderr.contains(&format!("belongs to uid {OWNER}"))
            && r.stderr.contains("no PIN"),
        "{}",
        r.stderr
    );
    assert!(
        listening.join().unwrap().is_empty(),
        "bytes reached the impostor"
    );
}

#[test]
fn when_descriptors_run_out_others_are_told_and_the_owner_still_stops_the_server() {
    if !root() {
        eprintln!("skipped: needs root, to run the server as another unix user");
        return;
    }
    let c = Centre::new();
    // A server with few descriptors: a crowd of connections that never say hello uses them up.
    let mut server = c.serve_as_limited(OWNER, Some(64));
    let crowd: Vec<UnixStream> = (0..60)
        .map(|_| UnixStream::connect(c.socket()).unwrap())
        .collect();
    // Those beyond what it can hold are told why, not left hanging.
    let mut told = 0;
    for mut s in crowd.iter().rev().take(10) {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        if let Ok(ServerMsg::Refused { message }) = read_frame::<ServerMsg>(&mut s) {
            assert!(message.contains("no file descriptors left"), "{message}");
            told += 1;
        }
    }
    assert!(told > 0, "nobody was told the server is out of descriptors");
    let stop = c.cli_as_uid(OWNER, &["stop"]);
    assert_eq!(stop.code, 0, "{}", stop.stderr);
    assert!(server.wait().unwrap().success());
    drop(crowd);
}
