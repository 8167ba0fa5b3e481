//! Reliability under a real workload: the server SIGKILLed at a random moment while several
//! clients are busy, then started again by the next client, loses nothing it acknowledged,
//! keeps nothing in part, and is never behind its anchor; and many clients at once are served
//! with the same checks. The short forms run with the suite; the full forms
//! (`cargo test --test it reliability -- --ignored --nocapture`) print the figures in README.md.

mod check;
mod workload;

use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use frontdesk::store::anchor;

use crate::common::server::Centre;
use check::{Expect, Found};
use workload::{Rng, Run};

/// A seed for this run, printed so a failure can be run again with it.
fn seed() -> u64 {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    println!("reliability seed {seed}");
    seed
}

/// The pid of the server running for `c` (written in its lock file).
fn server_pid(c: &Centre) -> rustix::process::Pid {
    let text = std::fs::read_to_string(c.data.join("server.lock")).expect("the server's lock");
    text.trim()
        .parse()
        .ok()
        .and_then(rustix::process::Pid::from_raw)
        .unwrap_or_else(|| panic!("the lock file names no pid: {text:?}"))
}

fn answers(c: &Centre) -> bool {
    UnixStream::connect(c.socket()).is_ok()
}

/// Starts the server again as the next client does (a command finding none), and checks it
/// verifies its audit chain and is a new process; returns its pid.
fn restarted_by_the_next_client(c: &Centre, killed: rustix::process::Pid) -> rustix::process::Pid {
    assert!(!answers(c), "the killed server still answers");
    let verified = c.ok(&["audit", "verify"]);
    assert!(
        verified.starts_with("audit trail intact"),
        "audit verify says {verified}"
    );
    let pid = server_pid(c);
    assert_ne!(pid, killed, "the lock names the killed server");
    pid
}

/// The anchor of the centre's store, as its server last wrote it.
fn anchored(c: &Centre) -> Option<anchor::Anchor> {
    anchor::read(&anchor::path_for(&c.data.join("frontdesk.redb"))).expect("the anchor reads")
}

/// Figures of a run of rounds.
struct Rounds {
    survived: usize,
    expect: Expect,
    last: Found,
    in_flight: usize,
    in_flight_done: usize,
    /// Rounds in which the killed server had moved its anchor on.
    anchored: usize,
}

/// `rounds` rounds of `clients` clients, the server SIGKILLed in each between `min_ms` and
/// `max_ms` after the clients have had a few replies.
fn kill_rounds(rounds: usize, clients: usize, min_ms: u64, max_ms: u64) -> Rounds {
    let c = Centre::new();
    let seed = seed();
    let mut rng = Rng::new(seed);
    let mut first = Some(c.serve());
    let mut pid = server_pid(&c);
    let mut out = Rounds {
        survived: 0,
        expect: Expect::default(),
        last: Found::default(),
        in_flight: 0,
        in_flight_done: 0,
        anchored: 0,
    };
    for round in 0..rounds {
        let run = Run {
            round,
            seed,
            ops: None,
            acked: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
            killed: true,
        };
        let before = anchored(&c);
        let wait = Duration::from_millis(min_ms + rng.below(max_ms - min_ms + 1));
        let ledgers = std::thread::scope(|s| {
            let run = &run;
            s.spawn(move || {
                // Busy first: every client has had replies, then a moment at random.
                let started = Instant::now();
                while run.acked.load(Ordering::Relaxed) < clients * 3
                    && started.elapsed() < Duration::from_secs(20)
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                std::thread::sleep(wait);
                rustix::process::kill_process(pid, rustix::process::Signal::KILL)
                    .expect("the server is killed");
                run.stop.store(true, Ordering::Relaxed);
            });
            workload::clients(&c.data, run, clients)
        });
        if let Some(mut child) = first.take() {
            child.wait().unwrap();
        }
        while answers(&c) {
            std::thread::sleep(Duration::from_millis(10));
        }
        // What the killed server anchored; the store must have reached it.
        let anchor = anchored(&c);
        if anchor.as_ref().map(|a| a.seq) > before.map(|a| a.seq) {
            out.anchored += 1;
        }
        pid = restarted_by_the_next_client(&c, pid);
        let in_flight = out.expect.absorb(ledgers);
        let found = check::verify(&c, &mut out.expect, &in_flight, anchor);
        out.in_flight += found.in_flight;
        out.in_flight_done += found.in_flight_done;
        out.survived += 1;
        out.last = found;
    }
    out
}

#[test]
fn a_server_killed_under_busy_clients_keeps_every_acknowledged_operation_once_and_nothing_in_part()
{
    let r = kill_rounds(3, 6, 100, 700);
    println!("refused {:?}; {:?}", r.expect.refused, r.last);
    assert_eq!(r.survived, 3);
    assert!(r.expect.changes > 0, "the clients had nothing acknowledged");
    assert!(r.last.tickets > 0 && r.last.cases > 0, "{:?}", r.last);
}

/// Load: `clients` clients of `ops` operations each, after one client alone as the baseline,
/// with the same checks; returns (baseline ops/s, load ops/s, the checks' figures).
fn load(clients: usize, ops: usize) -> (f64, f64, Expect, Found) {
    let c = Centre::new();
    let mut server = c.serve();
    let seed = seed();
    let mut expect = Expect::default();
    let mut timed = |round: usize, clients: usize| {
        let run = Run {
            round,
            seed,
            ops: Some(ops),
            acked: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
            killed: false,
        };
        let started = Instant::now();
        let ledgers = workload::clients(&c.data, &run, clients);
        let took = started.elapsed().as_secs_f64();
        let in_flight = expect.absorb(ledgers);
        assert!(
            in_flight.is_empty(),
            "requests went unanswered: {in_flight:?}"
        );
        (clients * ops) as f64 / took
    };
    let baseline = timed(0, 1);
    let loaded = timed(1, clients);
    c.ok(&["audit", "verify"]);
    let found = check::verify(&c, &mut expect, &[], None);
    c.ok(&["stop"]);
    server.wait().unwrap();
    (baseline, loaded, expect, found)
}

#[test]
fn many_clients_at_once_are_each_served_with_every_operation_kept_once() {
    let (baseline, loaded, expect, found) = load(8, 25);
    println!(
        "load 8 × 25: {loaded:.0} ops/s; one client alone {baseline:.0} ops/s; refused {:?}; {found:?}",
        expect.refused
    );
    assert_eq!(expect.changes + expect.refusals, 25 + 8 * 25);
    assert!(found.tickets > 0 && found.cases > 0, "{found:?}");
}

#[test]
#[ignore = "the full form: about a minute; its figures are in README.md"]
fn full_form_twenty_kill_rounds() {
    let started = Instant::now();
    let r = kill_rounds(20, 12, 100, 3000);
    println!(
        "kill rounds: {} survived, 12 clients; {} operations acknowledged and verified ({} refusals); \
         {} in flight at the kills, {} of them found done in full; the anchor moved on by the killed server in {} rounds; \
         the store at the end: {} tickets, {} cases, {} enquiries, {} leave requests, {} audit events; {:.0} s",
        r.survived,
        r.expect.changes,
        r.expect.refusals,
        r.in_flight,
        r.in_flight_done,
        r.anchored,
        r.last.tickets,
        r.last.cases,
        r.last.enquiries,
        r.last.leaves,
        r.last.events,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(r.survived, 20);
}

#[test]
#[ignore = "the full form: about a minute; its figures are in README.md"]
fn full_form_fifty_clients_of_two_hundred_operations() {
    let (baseline, loaded, expect, found) = load(50, 200);
    println!(
        "load 50 × 200: {loaded:.0} ops/s, one client alone {baseline:.0} ops/s; {} acknowledged \
         and verified ({} refusals); the store: {} tickets, {} cases, {} enquiries, {} leave \
         requests, {} audit events",
        expect.changes,
        expect.refusals,
        found.tickets,
        found.cases,
        found.enquiries,
        found.leaves,
        found.events
    );
    assert_eq!(expect.changes + expect.refusals, 200 + 50 * 200);
}
