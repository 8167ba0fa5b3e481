//! The console driven in process: the real `App` and event loop's driver, connected to the
//! real server of a test centre, drawing through the real backend into a terminal emulator
//! (vt100), so the screen read back is what a terminal would show. Keys are the bytes a
//! terminal sends, read by the console's own decoder.

use std::io::Write;
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use frontdesk::client::ConnectOptions;
use frontdesk::datadir::DataDir;
use frontdesk::tui::backend::LeanBackend;
use frontdesk::tui::cx::Cx;
use frontdesk::tui::drive::{Driver, Event};
use frontdesk::tui::input::Decoder;
use frontdesk::tui::keymap::Keymap;
use frontdesk::tui::text::Lang;
use frontdesk::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::server::{Centre, NOW};

/// The bytes a terminal sends for Enter, Down and Esc.
pub const ENTER: &str = "\r";
pub const DOWN: &str = "\x1b[B";
pub const ESC: &str = "\x1b";
pub const BACKSPACE: &str = "\x7f";

/// What the backend writes, into the emulator (and counted).
#[derive(Clone)]
pub struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    written: Arc<Mutex<usize>>,
}

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.parser.lock().unwrap().process(buf);
        *self.written.lock().unwrap() += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct Desk {
    pub driver: Driver,
    terminal: Terminal<LeanBackend<Screen>>,
    screen: Screen,
    decoder: Decoder,
}

pub struct Look {
    pub lang: Lang,
    pub theme: Theme,
}

impl Default for Look {
    fn default() -> Self {
        Look {
            lang: Lang::Zh,
            theme: Theme {
                mono: false,
                ascii: false,
            },
        }
    }
}

fn terminal(screen: &Screen, cols: u16, rows: u16) -> Terminal<LeanBackend<Screen>> {
    Terminal::with_options(
        LeanBackend::new(screen.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, cols, rows)),
        },
    )
    .unwrap()
}

impl Desk {
    /// `who`'s console (a demo staff code) on `c`, `cols`×`rows`, in Chinese.
    pub fn open(c: &Centre, who: &str, cols: u16, rows: u16) -> Desk {
        Desk::open_with(c, who, cols, rows, Look::default())
    }

    pub fn open_with(c: &Centre, who: &str, cols: u16, rows: u16, look: Look) -> Desk {
        Desk::connect(c, Some(who), cols, rows, look)
    }

    /// The console the owner of the data directory gets naming no one (no `--as`).
    pub fn open_as_owner(c: &Centre, cols: u16, rows: u16) -> Desk {
        Desk::connect(c, None, cols, rows, Look::default())
    }

    fn connect(c: &Centre, who: Option<&str>, cols: u16, rows: u16, look: Look) -> Desk {
        // The server is started by the real binary (a test binary cannot start it).
        c.ok(&["ticket", "list"]);
        let data = DataDir::resolve(Some(c.data.clone())).unwrap();
        let opts = ConnectOptions {
            act_as: who.map(str::to_string),
            now: Some(NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").unwrap()),
            autostart: false,
            pin: None,
            lang: look.lang,
        };
        let keymap = Keymap::load(&[]).unwrap();
        let mut driver = Driver::connect(&data, &opts, |client| {
            Cx::new(
                client.staff.clone(),
                client.demo,
                look.lang,
                look.theme,
                keymap,
            )
        })
        .unwrap();
        let screen = Screen {
            parser: Arc::new(Mutex::new(vt100::Parser::new(
                NonZeroU16::new(rows).unwrap(),
                NonZeroU16::new(cols).unwrap(),
                0,
            ))),
            written: Arc::new(Mutex::new(0)),
        };
        driver.app.resize(cols, rows);
        driver.start();
        let mut desk = Desk {
            driver,
            terminal: terminal(&screen, cols, rows),
            screen,
            decoder: Decoder::new(),
        };
        desk.settle();
        desk
    }

    /// Presses keys, given as the bytes a terminal sends (`"\r"` for Enter, `"\x1b[B"` for
    /// Down), one key at a time, as a person types.
    pub fn press(&mut self, keys: &str) {
        let mut keys_read = self.decoder.feed(keys.as_bytes());
        keys_read.extend(self.decoder.flush());
        for k in keys_read {
            self.driver.handle(Event::Key(k));
            self.driver.pump();
        }
        self.settle();
    }

    /// Handles events until nothing waits for an answer (at most 10 s), then draws.
    pub fn settle(&mut self) {
        let start = Instant::now();
        while !self.driver.app.settled() && start.elapsed() < Duration::from_secs(10) {
            self.driver.next(Some(Duration::from_millis(50)));
        }
        self.draw();
    }

    fn draw(&mut self) {
        if self.driver.app.dirty {
            let app = &self.driver.app;
            self.terminal
                .draw(|f| frontdesk::tui::draw::draw(f, app))
                .unwrap();
            self.driver.app.dirty = false;
        }
    }

    pub fn screen(&mut self) -> String {
        self.draw();
        self.screen.parser.lock().unwrap().screen().contents()
    }

    /// The bytes written to the terminal so far.
    pub fn written(&self) -> usize {
        *self.screen.written.lock().unwrap()
    }

    /// Handles events until the screen shows `needle`; fails the test with the screen after
    /// `secs`.
    pub fn wait_for(&mut self, needle: &str, secs: u64) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if self.screen().contains(needle) {
                return;
            }
            self.driver.next(Some(Duration::from_millis(50)));
        }
        panic!(
            "`{needle}` did not appear within {secs} s; the screen:\n{}",
            self.screen()
        );
    }

    pub fn wait_without(&mut self, needle: &str, secs: u64) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(secs) {
            if !self.screen().contains(needle) {
                return;
            }
            self.driver.next(Some(Duration::from_millis(50)));
        }
        panic!(
            "`{needle}` stayed on the screen for {secs} s:\n{}",
            self.screen()
        );
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen.parser.lock().unwrap().screen_mut().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.terminal = terminal(&self.screen, cols, rows);
        self.driver.app.resize(cols, rows);
        self.driver.pump();
        self.settle();
    }

    /// Quits with ctrl-q; whether the console asked to end.
    pub fn quit(mut self) -> bool {
        self.press("\x11");
        self.driver.app.quit
    }
}

pub use super::server::ALL_MZ005;

/// Opens the intake form and chooses MZ-005 by its initials, waiting for its checklist.
pub fn start_intake(con: &mut Desk) {
    con.press("c");
    con.press("zzst");
    con.wait_for("MZ-005  长者食堂就餐补贴申请", 5);
    con.press(ENTER);
    con.wait_for("[ ] 老年助餐补贴申请表", 5);
}

/// A 承诺件 with every material in hand, and C01's console with it selected in the countdown.
pub fn console_on_a_committed_case(c: &Centre) -> Desk {
    open_case(c, ALL_MZ005, "");
    let mut con = Desk::open(c, "C01", 120, 40);
    con.wait_for("#1   承诺件", 10);
    con.press("3");
    con
}

/// A 补办件 for 张三 whose promised household register has since been brought (case 1).
pub fn open_a_supplemented_case(c: &Centre) {
    open_case(c, "老年助餐补贴申请表,居民身份证", "户口簿或居住证");
    c.ok(&[
        "--as",
        "C01",
        "case",
        "supplement",
        "1",
        "--materials",
        "户口簿或居住证",
    ]);
}

/// Opens a case of MZ-005 for 张三, with these materials in hand and promised.
pub fn open_case(c: &Centre, have: &str, promise: &str) {
    open_case_for(c, "张三", have, promise);
}

/// Opens a case of MZ-005 at 民政救助 as C01, for `applicant`.
pub fn open_case_for(c: &Centre, applicant: &str, have: &str, promise: &str) {
    let mut args = vec![
        "--as",
        "C01",
        "case",
        "open",
        "--item",
        "MZ-005",
        "--applicant",
        applicant,
        "--have",
        have,
    ];
    if !promise.is_empty() {
        args.extend(["--promise", promise]);
    }
    c.ok(&args);
}

/// The bytes a terminal sends for a key as the keymap writes it.
pub fn bytes_of(key: &str) -> String {
    match key {
        "enter" => "\r".into(),
        "esc" => "\x1b".into(),
        "tab" => "\t".into(),
        "backtab" => "\x1b[Z".into(),
        "space" => " ".into(),
        "up" => "\x1b[A".into(),
        "down" => "\x1b[B".into(),
        "pageup" => "\x1b[5~".into(),
        "pagedown" => "\x1b[6~".into(),
        "f1" => "\x1bOP".into(),
        "f5" => "\x1b[15~".into(),
        k if k.starts_with("ctrl-") => {
            let c = k.as_bytes()[5];
            ((c & 0x1f) as char).to_string()
        }
        k => k.into(),
    }
}
