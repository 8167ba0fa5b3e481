//! What the console writes to its terminal, in bytes, through a real pseudo-terminal: the real
//! binary against a real server with 300 open cases, a dozen tickets and three enquiries
//! waiting. Each figure stands beside the baseline measured in the same run: a full redraw of
//! the same screen. A slow serial link (9600 baud, about 960 bytes a second) or a thin client
//! over SSH feels every byte.
//!
//! Run: `cargo bench --bench console` (about half a minute).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use frontdesk::datadir::DataDir;
use frontdesk::domain::case::Channel;
use frontdesk::protocol::CaseOpen;
use frontdesk::protocol::args::Materials;
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

const NOW: &str = "2026-11-23T09:00:00";
const EXE: &str = env!("CARGO_BIN_EXE_frontdesk");
const ALL: &str = "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片";

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontdesk-bench-console-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli(data: &Path, args: &[&str]) {
    let out = Command::new(EXE)
        .args(["--now", NOW])
        .args(args)
        .env("FRONTDESK_DATA", data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A centre at mid-morning: 300 open cases, 12 tickets, 3 enquiries waiting on C01.
fn centre() -> PathBuf {
    let data = scratch();
    let dir = DataDir { path: data.clone() };
    // The demo centre with an empty hall, then exactly what is measured.
    let now = frontdesk::clock::parse_now(NOW).unwrap();
    frontdesk::server::demo::set_up(&dir, frontdesk::server::demo::DemoStart::Empty, now).unwrap();
    let intakes = (0..300).map(|n| CaseOpen {
        item: "MZ-005".into(),
        applicant: format!("申请人{n}"),
        phone: Some("13800001234".into()),
        id_number: None,
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
    });
    frontdesk::server::seed::accept_cases(&dir, now, "C01", intakes).unwrap();
    for _ in 0..12 {
        cli(
            &data,
            &["--as", "C01", "ticket", "take", "--window", "民政救助"],
        );
    }
    for what in ["问低保怎么申请", "问长者食堂在哪里", "问残疾人证补办"] {
        cli(&data, &["--as", "C01", "enquiry", "log", "--content", what]);
    }
    data
}

struct Console {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    bytes: Arc<AtomicUsize>,
    last: Arc<Mutex<Instant>>,
}

impl Console {
    fn open(data: &Path, cols: u16, rows: u16) -> Console {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(EXE);
        cmd.args(["--now", NOW, "--as", "C01", "--mono"]);
        cmd.env("FRONTDESK_DATA", data);
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        let bytes = Arc::new(AtomicUsize::new(0));
        let last = Arc::new(Mutex::new(Instant::now()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (count, at) = (Arc::clone(&bytes), Arc::clone(&last));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                parser.lock().unwrap().process(&buf[..n]);
                count.fetch_add(n, Ordering::SeqCst);
                *at.lock().unwrap() = Instant::now();
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Console {
            _master: pty.master,
            writer,
            child,
            bytes,
            last,
        }
    }

    /// Waits until nothing has been written for 300 ms, and at least 300 ms (more than the
    /// escape time, after which a lone Esc is read).
    fn quiet(&self) {
        let start = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let still = Duration::from_millis(300);
            if start.elapsed() > still
                && self.last.lock().unwrap().elapsed() > still
                && self.bytes.load(Ordering::SeqCst) > 0
            {
                return;
            }
        }
    }

    /// The bytes written in answer to `keys`.
    fn cost(&mut self, keys: &str) -> usize {
        self.quiet();
        let before = self.bytes.load(Ordering::SeqCst);
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.quiet();
        self.bytes.load(Ordering::SeqCst) - before
    }

    /// The bytes written while nothing happens for `secs`.
    fn idle(&self, secs: u64) -> usize {
        self.quiet();
        let before = self.bytes.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_secs(secs));
        self.bytes.load(Ordering::SeqCst) - before
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.writer.write_all(b"\x11");
        std::thread::sleep(Duration::from_millis(200));
        let _ = self.child.kill();
    }
}

const DOWN: &str = "\x1b[B";
const PAGE_DOWN: &str = "\x1b[6~";

fn main() {
    let data = centre();
    let mut rows: Vec<(&str, String, String)> = Vec::new();
    let mut small = Console::open(&data, 80, 24);
    small.quiet();
    let paint_small = small.bytes.load(Ordering::SeqCst);
    let mut large = Console::open(&data, 200, 60);
    large.quiet();
    let paint_large = large.bytes.load(Ordering::SeqCst);
    let both = |a: usize, b: usize| (a.to_string(), b.to_string());
    let (a, b) = both(paint_small, paint_large);
    rows.push(("first paint (the baseline: a full redraw)", a, b));
    let mut measure = |what: &'static str, keys_small: &str, keys_large: &str| {
        let (a, b) = both(small.cost(keys_small), large.cost(keys_large));
        rows.push((what, a, b));
    };
    measure("one-row move in the queue", DOWN, DOWN);
    measure("pane switch (queue to deadlines)", "3", "3");
    measure("one-row move in the deadlines", DOWN, DOWN);
    measure("case pane: focus it", "2", "2");
    measure("case pane: scroll a page", PAGE_DOWN, PAGE_DOWN);
    measure("pane switch (to today)", "4", "4");
    measure("one-row move in today's pending", DOWN, DOWN);
    measure("help overlay: open", "?", "?");
    measure("help overlay: close", "\x1b", "\x1b");
    let (a, b) = both(small.idle(3), large.idle(3));
    rows.push(("idle for 3 s", a, b));
    println!("console bytes written through a pseudo-terminal (300 open cases)");
    println!("{:<44}{:>10}{:>10}", "", "80x24", "200x60");
    for (what, a, b) in &rows {
        println!("{what:<44}{a:>10}{b:>10}");
    }
    let _ = Command::new(EXE)
        .args(["--as", "D01", "stop"])
        .env("FRONTDESK_DATA", &data)
        .output();
}
