//! The console end to end, for what needs a real terminal: the real binary in a
//! pseudo-terminal against a real server, its screen read back through a terminal emulator
//! (vt100). Restoring the terminal, signals, resizes, reconnecting, the bytes an idle console
//! writes and how an Esc is read. The flows are in `console_flows.rs`, driven in process.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::server::{Centre, NOW};
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Console {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the console has written to its terminal.
    written: Arc<std::sync::atomic::AtomicUsize>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Console {
    fn open(c: &Centre, who: &str, cols: u16, rows: u16) -> Console {
        Console::open_with(c, who, cols, rows, &["--now", NOW])
    }

    /// Opens a console with these command-line flags (which must name the clock, `--now`).
    fn open_with(c: &Centre, who: &str, cols: u16, rows: u16, flags: &[&str]) -> Console {
        let pty = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_frontdesk"));
        cmd.args(["--as", who]);
        cmd.args(flags);
        cmd.env("FRONTDESK_DATA", &c.data);
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let feed = Arc::clone(&parser);
        let written = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = Arc::clone(&written);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
                count.fetch_add(n, std::sync::atomic::Ordering::SeqCst);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Console {
            master: pty.master,
            writer,
            child,
            parser,
            written,
        }
    }

    fn written(&self) -> usize {
        self.written.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Waits until the console has written nothing for half a second.
    fn quiet(&self) {
        let mut last = self.written();
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let now = self.written();
            if now == last {
                return;
            }
            last = now;
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `needle`; fails the test with the screen after `secs`.
    fn wait_for(&self, needle: &str, secs: u64) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "`{needle}` did not appear within {secs} s; the screen:\n{}",
            self.screen()
        );
    }

    fn wait_without(&self, needle: &str, secs: u64) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if !self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "`{needle}` stayed on the screen for {secs} s:\n{}",
            self.screen()
        );
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().screen_mut().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Quits with ctrl-q and returns whether the process ended well.
    fn quit(mut self) -> bool {
        self.press("\x11");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        false
    }
}

impl Drop for Console {
    /// A failing test must not leave its console running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

#[test]
fn an_idle_console_writes_nothing_and_a_change_elsewhere_reaches_it_without_a_keystroke() {
    let c = Centre::new();
    let con = Console::open(&c, "C01", 80, 24);
    con.wait_for("排队叫号", 10);
    con.quiet();
    let before = con.written();
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(
        con.written() - before,
        0,
        "an idle console wrote to its terminal"
    );
    // The server's notice wakes the console; nothing polls.
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    con.wait_for("A001", 5);
    assert!(con.quit());
}

#[test]
fn an_esc_followed_at_once_by_a_key_is_an_esc_and_then_that_key() {
    let c = Centre::new();
    let mut con = Console::open(&c, "C01", 80, 24);
    con.wait_for("排队叫号", 10);
    con.press("?");
    con.wait_for("按 Esc 关闭帮助", 5);
    // Both in one write, as they arrive over a slow link: Esc closes the help, 3 focuses the
    // deadlines (not alt-3).
    con.press("\x1b3");
    con.wait_without("按 Esc 关闭帮助", 5);
    con.wait_for("3 时限倒计时", 5);
    assert!(con.quit());
}

#[test]
fn a_key_whose_sequence_is_split_within_the_escape_time_is_one_key() {
    let c = Centre::new();
    let mut con = Console::open_with(&c, "C01", 80, 24, &["--now", NOW, "--escape-time", "300"]);
    con.wait_for("排队叫号", 10);
    con.press("f");
    con.wait_for("办件编号或申请人姓名", 5);
    // Down, split across two reads 30 ms apart: still Down, so the prompt stays open.
    con.press("\x1b");
    std::thread::sleep(Duration::from_millis(30));
    con.press("[B");
    std::thread::sleep(Duration::from_millis(600));
    assert!(
        con.screen().contains("办件编号或申请人姓名"),
        "{}",
        con.screen()
    );
    assert!(!con.screen().contains("[B"), "{}", con.screen());
    // A lone Esc, once the escape time has passed, is Esc: the prompt closes.
    con.press("\x1b");
    con.wait_without("办件编号或申请人姓名", 5);
    assert!(con.quit());
}

#[test]
fn a_ticket_taken_on_one_console_appears_on_the_other() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    let mut clerk = Console::open(&c, "C01", 120, 40);
    let leader = Console::open(&c, "L05", 120, 40);
    clerk.wait_for("排队叫号", 10);
    leader.wait_for("无人等候", 10);
    clerk.press("t");
    clerk.wait_for("已取号 A001 · 民政救助", 5);
    leader.wait_for("A001  民政救助", 5);
    // A change from a headless command shows too.
    c.ok(&["ticket", "take", "--window", "劳动保障"]);
    leader.wait_for("B001", 5);
    assert!(clerk.quit());
    assert!(leader.quit());
}

#[test]
fn a_resize_to_80x24_shows_one_pane_with_tabs_and_back_shows_four() {
    let c = Centre::new();
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("今日统计", 10);
    assert!(
        !con.screen().contains("1 排队叫号 |"),
        "no tab row when wide"
    );
    con.resize(80, 24);
    con.wait_for("1 排队叫号 | 2 办件详情", 5);
    con.press("4");
    con.wait_for("值班领导", 5);
    con.resize(120, 40);
    con.wait_without("1 排队叫号 |", 5);
    con.wait_for("时限倒计时", 5);
    con.resize(40, 10);
    con.wait_for("请放大终端", 5);
    assert!(con.quit(), "the console ends cleanly");
}

#[test]
fn quitting_restores_the_terminal() {
    let c = Centre::new();
    let con = Console::open(&c, "C01", 100, 30);
    con.wait_for("排队叫号", 10);
    assert!(
        con.parser.lock().unwrap().screen().alternate_screen(),
        "the console draws on the alternate screen"
    );
    let parser = Arc::clone(&con.parser);
    assert!(con.quit());
    std::thread::sleep(Duration::from_millis(200));
    let p = parser.lock().unwrap();
    assert!(
        !p.screen().alternate_screen(),
        "the alternate screen was left"
    );
    assert!(!p.screen().hide_cursor(), "the cursor is shown again");
}

#[test]
fn the_console_says_when_the_server_goes_and_reconnects_when_it_is_back() {
    let c = Centre::new();
    let con = Console::open(&c, "C01", 120, 40);
    con.wait_for("排队叫号", 10);
    // A server that dies is started again by the console itself (the data directory is its
    // user's).
    let pid = std::fs::read_to_string(c.data.join("server.lock")).unwrap();
    let pid = rustix::process::Pid::from_raw(pid.trim().parse().unwrap()).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::KILL).unwrap();
    con.wait_for("正在重连", 5);
    con.wait_for("已重新连接服务器", 10);
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    con.wait_for("A001", 5);
    assert!(con.quit());
}

#[test]
fn a_server_stopped_on_purpose_stays_stopped_until_someone_starts_it() {
    let c = Centre::new();
    let con = Console::open(&c, "C01", 120, 40);
    con.wait_for("排队叫号", 10);
    c.ok(&["stop"]);
    // The console says who stopped it, and does not start it again.
    con.wait_for("服务已被停止：", 5);
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        std::os::unix::net::UnixStream::connect(c.socket()).is_err(),
        "the console started the server again"
    );
    // Someone starts it (a command does): the console connects.
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    con.wait_for("已重新连接服务器", 10);
    con.wait_for("A001", 5);
    assert!(con.quit());
}

#[test]
fn sigterm_ends_the_console_and_restores_the_terminal() {
    let c = Centre::new();
    let con = Console::open(&c, "C01", 100, 30);
    con.wait_for("排队叫号", 10);
    let pid = con.child.process_id().expect("the console has a pid");
    let pid = rustix::process::Pid::from_raw(pid as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    let parser = Arc::clone(&con.parser);
    let mut con = con;
    let start = Instant::now();
    let status = loop {
        if let Ok(Some(s)) = con.child.try_wait() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the console did not end on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !parser.lock().unwrap().screen().alternate_screen(),
        "the alternate screen was left"
    );
}

#[test]
fn a_console_whose_terminal_goes_away_ends() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    // A terminal that nobody else holds: closing it is a real hang-up, as when an SSH link drops.
    let pty = native_pty_system().openpty(size(100, 30)).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_frontdesk"));
    cmd.args(["--now", NOW, "--as", "C05"]);
    cmd.env("FRONTDESK_DATA", &c.data);
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let start = Instant::now();
    while !c
        .ok(&["audit", "log", "--staff", "C05"])
        .contains("\tsign-in\tstaff/C05\tok")
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the console did not sign in"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(pty.master);
    let start = Instant::now();
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("the console kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn at_midnight_every_console_turns_to_the_new_day_without_a_keystroke() {
    let c = Centre::new();
    // This console starts the server, its clock two seconds before midnight on Monday.
    let con = Console::open_with(&c, "C01", 120, 40, &["--now", "2026-11-23T23:59:58"]);
    con.wait_for("2026-11-23 23:59", 10);
    con.wait_for("2026-11-23 周一 工作日", 5);
    // The server announces the new minute; the header and the Today pane follow.
    con.wait_for("2026-11-24 00:00", 10);
    con.wait_for("2026-11-24 周二 工作日", 5);
    assert!(con.quit());
}
