//! The server at a busy centre's scale, each figure beside a baseline measured in the same run
//! on the same disk: a start after a clean stop with 100,000 closed cases (and the memory it
//! takes), a console's screen with 5,000 and 50,000 open cases, one change reaching 20 consoles
//! that re-read what they show, a durable intake through the socket, and the store's bytes per
//! closed case.
//!
//! Run: `cargo bench --bench server` (about two minutes on two cores).

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use frontdesk::datadir::DataDir;
use frontdesk::domain::case::Channel;
use frontdesk::protocol::args::Materials;
use frontdesk::protocol::{
    Around, CaseOpen, CaseReq, ClientMsg, PROTOCOL_VERSION, Request, Response, ServerMsg,
    ServerReq, TicketReq, ViewReq, read_frame, write_frame,
};
use frontdesk::server::demo::DemoStart;
use redb::{Database, TableDefinition};

const NOW: &str = "2026-11-23T09:00";
const ALL: &str = "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片";

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The 99th percentile of some samples, in milliseconds.
fn p99(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    ms(samples[(samples.len() * 99 / 100).min(samples.len() - 1)])
}

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    ms(samples[samples.len() / 2])
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontdesk-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The demo centre with an empty hall: what is measured is only what the bench puts there.
    let now = frontdesk::clock::parse_now(NOW).unwrap();
    frontdesk::server::demo::set_up(&DataDir { path: dir.clone() }, DemoStart::Empty, now).unwrap();
    dir
}

fn intake(n: usize) -> CaseOpen {
    CaseOpen {
        item: "MZ-005".into(),
        applicant: format!("申请人{n}"),
        phone: Some("13800001234".into()),
        id_number: Some("330102199001011234".into()),
        have: Materials::parse(ALL),
        promise: Materials::default(),
        pages: Default::default(),
        first_asked: None,
        channel: Channel::Window,
        kind: None,
        reason: None,
        green_channel: false,
        ticket: None,
        needs_decision: false,
    }
}

/// A centre whose store holds `open` open cases and `closed` closed ones, written in one commit.
fn centre(name: &str, open: usize, closed: usize) -> PathBuf {
    let dir = scratch(name);
    let data = DataDir { path: dir.clone() };
    let at = frontdesk::clock::parse_now(NOW).unwrap();
    let total = open + closed;
    let opens = (0..total).map(|n| CaseReq::Open(Box::new(intake(n))));
    let closes = (1..=closed as u64).map(|id| CaseReq::Complete { id });
    frontdesk::server::seed::run_cases(&data, at, "C01", opens.chain(closes)).unwrap();
    dir
}

/// Starts the server and returns it once its socket answers, with how long that took.
fn serve(dir: &Path) -> (Child, Duration) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(["--data", dir.to_str().unwrap(), "--now", NOW, "serve"])
        .stderr(Stdio::null())
        .spawn()
        .expect("the frontdesk binary runs");
    while UnixStream::connect(dir.join("frontdesk.sock")).is_err() {
        assert!(start.elapsed() < Duration::from_secs(60), "no answer");
        std::thread::sleep(Duration::from_micros(500));
    }
    (child, start.elapsed())
}

/// The peak memory of a process, in MiB.
fn peak_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// A raw console signed in as `who`, speaking the protocol itself.
struct Console {
    stream: UnixStream,
    next: u64,
}

impl Console {
    fn new(dir: &Path, who: &str) -> Console {
        let mut stream = UnixStream::connect(dir.join("frontdesk.sock")).unwrap();
        write_frame(
            &mut stream,
            &ClientMsg::Hello {
                protocol: PROTOCOL_VERSION,
                version: "bench".into(),
                act_as: Some(who.into()),
                pin: None,
                lang: Default::default(),
            },
        )
        .unwrap();
        match read_frame::<ServerMsg>(&mut stream).unwrap() {
            ServerMsg::Welcome { .. } => {}
            other => panic!("{other:?}"),
        }
        Console { stream, next: 1 }
    }

    /// Sends a request and waits for its reply, skipping change notices.
    fn ask(&mut self, request: Request) -> (Response, usize) {
        let id = self.next;
        self.next += 1;
        write_frame(&mut self.stream, &ClientMsg::Request { id, request }).unwrap();
        loop {
            let mut len = [0u8; 4];
            std::io::Read::read_exact(&mut self.stream, &mut len).unwrap();
            let n = u32::from_be_bytes(len) as usize;
            let mut body = vec![0u8; n];
            std::io::Read::read_exact(&mut self.stream, &mut body).unwrap();
            let framed = [len.to_vec(), body].concat();
            match read_frame::<ServerMsg>(&mut framed.as_slice()).unwrap() {
                ServerMsg::Reply {
                    id: rid,
                    outcome: frontdesk::protocol::Outcome::Ok(r),
                } if rid == id => return (r, n),
                ServerMsg::Reply { outcome, .. } => panic!("{outcome:?}"),
                _ => {}
            }
        }
    }

    /// Waits for the next change notice that is not the clock's.
    fn changed(&mut self) {
        loop {
            match read_frame::<ServerMsg>(&mut self.stream).unwrap() {
                ServerMsg::Changed { topics } if topics != [frontdesk::protocol::Topic::Clock] => {
                    return;
                }
                _ => {}
            }
        }
    }
}

/// What a console of 60 rows asks, with its selection at `row` of the open cases.
fn screen(row: usize) -> Request {
    Request::View(ViewReq::Screen {
        case: Some(1),
        queue: Around::row(0, 60),
        cases: Around::row(row as u32, 60),
        approvals: Around::row(0, 60),
    })
}

fn stop(dir: &Path, mut server: Child) {
    let mut c = Console::new(dir, "D01");
    c.ask(Request::Server(ServerReq::Stop));
    let _ = server.wait();
}

/// A console's screen with `open` cases open: p99 of 300 screens, the selection moving through
/// the list; the largest reply; and a ping's p99 on the same connection as the baseline.
fn screens(open: usize) -> (f64, usize, f64) {
    let dir = centre(&format!("screen-{open}"), open, 0);
    let (server, _) = serve(&dir);
    let mut c = Console::new(&dir, "C01");
    let (mut times, mut pings, mut largest) = (Vec::new(), Vec::new(), 0);
    for i in 0..300 {
        let row = (i * 7919) % open;
        let t = Instant::now();
        let (_, bytes) = c.ask(screen(row));
        times.push(t.elapsed());
        largest = largest.max(bytes);
        let t = Instant::now();
        c.ask(Request::Ping);
        pings.push(t.elapsed());
    }
    stop(&dir, server);
    let _ = std::fs::remove_dir_all(&dir);
    (p99(times), largest, p99(pings))
}

/// One change reaching `n` consoles that each re-read their screen: from the request that
/// commits it to the last console holding its new screen, p99 over 50 changes.
fn fan_out(n: usize) -> f64 {
    let dir = centre(&format!("fanout-{n}"), 300, 0);
    let (server, _) = serve(&dir);
    let (done, heard) = mpsc::channel::<Instant>();
    let mut threads = Vec::new();
    for _ in 0..n {
        let done = done.clone();
        let dir = dir.clone();
        threads.push(std::thread::spawn(move || {
            let mut c = Console::new(&dir, "C01");
            for _ in 0..50 {
                c.changed();
                c.ask(screen(0));
                done.send(Instant::now()).unwrap();
            }
        }));
    }
    std::thread::sleep(Duration::from_millis(300));
    let mut clerk = Console::new(&dir, "C01");
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        clerk.ask(Request::Ticket(TicketReq::Take {
            window: Some("民政救助".into()),
            item: None,
            priority: false,
            print: false,
        }));
        let last = (0..n).map(|_| heard.recv().unwrap()).max().unwrap();
        times.push(last - t);
    }
    for t in threads {
        let _ = t.join();
    }
    stop(&dir, server);
    let _ = std::fs::remove_dir_all(&dir);
    p99(times)
}

/// Durable intakes through the socket, and bare redb inserts of 4 KiB with a durable commit:
/// their p99s and medians.
fn intakes() -> (f64, f64, f64, f64) {
    const T: TableDefinition<u64, &[u8]> = TableDefinition::new("t");
    let dir = scratch("intake");
    let (server, _) = serve(&dir);
    let mut c = Console::new(&dir, "C01");
    let times: Vec<Duration> = (0..300)
        .map(|n| {
            let t = Instant::now();
            c.ask(Request::Case(CaseReq::Open(Box::new(intake(n)))));
            t.elapsed()
        })
        .collect();
    stop(&dir, server);
    let db = Database::create(dir.join("bare.redb")).unwrap();
    let value = vec![b'x'; 4096];
    let bare: Vec<Duration> = (0..300u64)
        .map(|i| {
            let t = Instant::now();
            let txn = db.begin_write().unwrap();
            txn.open_table(T)
                .unwrap()
                .insert(i, value.as_slice())
                .unwrap();
            txn.commit().unwrap();
            t.elapsed()
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    (
        p99(times.clone()),
        p99(bare.clone()),
        median(times),
        median(bare),
    )
}

/// Starts after a clean stop with `closed` closed cases: the median of 5 starts, the peak
/// memory, the store's bytes per case, and a bare redb open of the same file.
fn starts(closed: usize) -> (f64, f64, f64, f64) {
    let dir = centre(&format!("start-{closed}"), 0, closed);
    // A first start migrates nothing and writes the definitions once; then clean stops.
    let (server, _) = serve(&dir);
    stop(&dir, server);
    let (mut times, mut memory) = (Vec::new(), 0.0f64);
    for _ in 0..5 {
        let (server, took) = serve(&dir);
        times.push(took);
        memory = memory.max(peak_mib(server.id()));
        stop(&dir, server);
    }
    let db = dir.join("frontdesk.redb");
    let per_case = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) as f64 / closed as f64;
    let t = Instant::now();
    drop(Database::open(&db).unwrap());
    let bare = ms(t.elapsed());
    let _ = std::fs::remove_dir_all(&dir);
    (median(times), memory, per_case, bare)
}

fn main() {
    // `cargo bench --bench server -- intake` measures the intake alone (any row's first word).
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if only.iter().any(|o| o == "intake") {
        let (intake, bare, intake_med, bare_med) = intakes();
        println!(
            "intake p99 {intake:.2} ms, bare p99 {bare:.2} ms: {:.2}×; medians {intake_med:.2} and {bare_med:.2} ms",
            intake / bare
        );
        return;
    }
    let mut out = std::io::stdout().lock();
    let (start_big, memory, per_case, bare_open) = starts(100_000);
    let (start_empty, memory_empty, _, _) = starts(1);
    let (s5, _, ping5) = screens(5_000);
    let (s50, bytes50, ping50) = screens(50_000);
    let (fan20, fan1) = (fan_out(20), fan_out(1));
    let (intake, bare, intake_med, bare_med) = intakes();
    let row =
        |out: &mut std::io::StdoutLock, what: &str, figure: String, base: String, goal: &str| {
            let _ = writeln!(out, "| {what} | {figure} | {base} | {goal} |");
        };
    let _ = writeln!(out, "| what | figure | baseline, same run | target |");
    let _ = writeln!(out, "|---|---|---|---|");
    row(
        &mut out,
        "start after `stop` with 100,000 closed cases",
        format!("{start_big:.1} ms median, peak {memory:.0} MiB"),
        format!(
            "empty centre {start_empty:.1} ms, {memory_empty:.0} MiB; bare redb open of the same file {bare_open:.1} ms"
        ),
        "≤ 50 ms",
    );
    row(
        &mut out,
        "console screen, 5,000 open cases",
        format!("p99 {s5:.2} ms"),
        format!("ping p99 {ping5:.2} ms"),
        "p99 ≤ 10 ms",
    );
    row(
        &mut out,
        "console screen, 50,000 open cases",
        format!("p99 {s50:.2} ms, reply ≤ {} KB", bytes50.div_ceil(1000)),
        format!("ping p99 {ping50:.2} ms"),
        "p99 ≤ 20 ms, reply ≤ 64 KB",
    );
    row(
        &mut out,
        "one commit to 20 consoles, each re-reading its screen",
        format!("p99 {fan20:.1} ms"),
        format!("1 console: p99 {fan1:.1} ms"),
        "p99 ≤ 50 ms",
    );
    row(
        &mut out,
        "case intake through the socket",
        format!(
            "p99 {intake:.2} ms ({:.2}×), median {intake_med:.2} ms",
            intake / bare
        ),
        format!(
            "bare redb insert with a durable commit: p99 {bare:.2} ms, median {bare_med:.2} ms"
        ),
        "≤ 1.5× the bare insert",
    );
    row(
        &mut out,
        "store bytes per closed case, with its notice and events",
        format!("{:.1} KB", per_case / 1000.0),
        "8.5 KB before this design".into(),
        "report it",
    );
}
