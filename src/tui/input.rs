//! Keys read from the terminal by the console itself, with an escape time like tmux's
//! `escape-time`.
//!
//! crossterm reads `ESC` followed by another byte in the same read as Alt and that key, and an
//! `ESC` at the end of a read as Esc at once; on a slow link the first turns Esc then `1` into
//! Alt+1 and the second splits an arrow key into Esc, `[`, `A` (docs/decisions.md, "Escapes on
//! slow links"). Here an `ESC` is Esc unless the rest of a known sequence follows within the
//! escape time, and it is never a modifier.

use std::io;
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rustix::event::{PollFd, PollFlags, Timespec};
use rustix::io::Errno;

/// How long an `ESC` waits for the rest of a sequence before it counts as Esc.
///
/// 100 ms, as vim's `ttimeoutlen`: a terminal writes a key's sequence in one go, so its parts
/// come apart only when a slow link splits them, by tens of milliseconds (users of thin
/// clients over SSH saw an arrow's `[A` 40 ms after its `ESC`). tmux's 10 ms is too short for
/// that; its old 500 ms makes Esc feel stuck, and every Esc waits this long. The console's
/// `--escape-time MS` changes it.
pub const DEFAULT_ESCAPE_TIME: Duration = Duration::from_millis(100);

const ESC: u8 = 0x1b;

/// The longest CSI sequence waited for: longer than any key's, short enough that a stray
/// `ESC [` and digits cannot hold back what follows.
const LONGEST_SEQUENCE: usize = 32;

/// Turns the bytes a terminal sends into key presses, holding an `ESC`, an unfinished
/// sequence or an unfinished UTF-8 character until more bytes or the escape time decide it.
#[derive(Debug, Default)]
pub struct Decoder {
    held: Vec<u8>,
}

/// What the bytes at the front of the input make.
enum Step {
    /// `used` bytes make this key, or nothing (an unknown sequence, a broken character).
    Key { used: usize, key: Option<KeyEvent> },
    /// The bytes so far may be the start of something longer.
    Wait,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// The keys these bytes complete, with whatever was held before them.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<KeyEvent> {
        self.held.extend_from_slice(bytes);
        let mut keys = Vec::new();
        let mut start = 0;
        while start < self.held.len() {
            match decode(&self.held[start..]) {
                Step::Key { used, key } => {
                    keys.extend(key);
                    start += used;
                }
                Step::Wait => break,
            }
        }
        self.held.drain(..start);
        keys
    }

    /// Whether an `ESC`, an unfinished sequence or an unfinished character is held.
    pub fn pending(&self) -> bool {
        !self.held.is_empty()
    }

    /// The escape time ran out: a lone `ESC` is Esc, an unfinished sequence is Esc and its
    /// bytes typed as they are, and an unfinished character is dropped.
    pub fn flush(&mut self) -> Vec<KeyEvent> {
        let held = std::mem::take(&mut self.held);
        match held.split_first() {
            Some((&ESC, rest)) => std::iter::once(key(KeyCode::Esc))
                .chain(rest.iter().filter(|b| b.is_ascii()).map(|&b| plain(b)))
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// A typed character; upper case carries SHIFT, as crossterm reports it.
fn character(c: char) -> KeyEvent {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

fn decode(bytes: &[u8]) -> Step {
    match bytes.first() {
        None => Step::Wait,
        Some(&ESC) => escape(bytes),
        Some(&b) if b.is_ascii() => Step::Key {
            used: 1,
            key: Some(plain(b)),
        },
        Some(_) => utf8(bytes),
    }
}

/// One ASCII byte read on its own.
fn plain(b: u8) -> KeyEvent {
    match b {
        b'\r' | b'\n' => key(KeyCode::Enter),
        b'\t' => key(KeyCode::Tab),
        0x7f | 0x08 => key(KeyCode::Backspace),
        ESC => key(KeyCode::Esc),
        0x00 => ctrl(' '),
        0x01..=0x1a => ctrl(char::from(b'a' + b - 1)),
        // ctrl-\ ctrl-] ctrl-^ ctrl-_, named as crossterm names them
        0x1c..=0x1f => ctrl(char::from(b'4' + b - 0x1c)),
        _ => character(char::from(b)),
    }
}

/// A UTF-8 character, or as much of it as has come; a broken one is dropped.
fn utf8(bytes: &[u8]) -> Step {
    let drop = |used| Step::Key { used, key: None };
    let len = match bytes[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return drop(1),
    };
    let here = &bytes[..bytes.len().min(len)];
    if let Some(bad) = here[1..].iter().position(|b| b & 0xc0 != 0x80) {
        // The byte that breaks the character starts something of its own.
        return drop(1 + bad);
    }
    if here.len() < len {
        return Step::Wait;
    }
    match std::str::from_utf8(here)
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Step::Key {
            used: len,
            key: Some(character(c)),
        },
        None => drop(1),
    }
}

/// Esc alone, not a modifier: the byte after it is read afresh.
const LONE_ESC: Step = Step::Key {
    used: 1,
    key: Some(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
};

fn escape(bytes: &[u8]) -> Step {
    match bytes.get(1) {
        None => Step::Wait,
        Some(b'[') => csi(bytes),
        Some(b'O') => ss3(bytes),
        Some(_) => LONE_ESC,
    }
}

/// `ESC O` and one byte: F1–F4, the arrows, home and end in the terminal's application mode,
/// and the keypad's keys should a terminal be left in application keypad mode.
fn ss3(bytes: &[u8]) -> Step {
    let Some(&last) = bytes.get(2) else {
        return Step::Wait;
    };
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + last - b'P'),
        b'M' => KeyCode::Enter,
        b'j'..=b'y' => KeyCode::Char(char::from(b"*+,-./0123456789"[usize::from(last - b'j')])),
        _ => return LONE_ESC,
    };
    Step::Key {
        used: 3,
        key: Some(key(code)),
    }
}

/// `ESC [`, parameters and a final byte. A complete sequence that is no key is dropped; a
/// byte that cannot be in one means there was no sequence, only Esc.
fn csi(bytes: &[u8]) -> Step {
    if bytes.get(2) == Some(&b'[') {
        // The Linux console's F1–F5: `ESC [ [ A` … `E`.
        return match bytes.get(3) {
            None => Step::Wait,
            Some(&last @ b'A'..=b'E') => Step::Key {
                used: 4,
                key: Some(key(KeyCode::F(1 + last - b'A'))),
            },
            Some(0x40..=0x7e) => Step::Key { used: 4, key: None },
            Some(_) => LONE_ESC,
        };
    }
    let body = &bytes[2..];
    for (i, &b) in body.iter().enumerate() {
        match b {
            // parameter and intermediate bytes
            0x20..=0x3f if i < LONGEST_SEQUENCE => {}
            0x40..=0x7e => {
                return Step::Key {
                    used: 2 + i + 1,
                    key: csi_key(&body[..i], b),
                };
            }
            _ => return LONE_ESC,
        }
    }
    Step::Wait
}

/// The key a complete CSI sequence stands for, as xterm (and the terminals that follow it)
/// encodes keys: `ESC [ 1 ; 5 A` is ctrl-up, `ESC [ 5 ~` page up.
fn csi_key(params: &[u8], last: u8) -> Option<KeyEvent> {
    // Private markers (`<`, `?`, `>`) and intermediates belong to reports and mouse events.
    if !params.iter().all(|b| b.is_ascii_digit() || *b == b';') {
        return None;
    }
    let mut fields = params.split(|b| *b == b';').map(number);
    let first = fields.next().unwrap_or(Some(None))?;
    let modifiers = match fields.next() {
        None => KeyModifiers::NONE,
        Some(mask) => modifiers(mask?.unwrap_or(1)),
    };
    if fields.next().is_some() {
        return None;
    }
    let code = match last {
        b'~' => tilde_key(first?)?,
        // A cursor report (`ESC [ 24 ; 80 R`) has a first number other than 1.
        _ if !matches!(first, None | Some(1)) => return None,
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + last - b'P'),
        b'Z' => {
            return Some(KeyEvent::new(
                KeyCode::BackTab,
                modifiers | KeyModifiers::SHIFT,
            ));
        }
        _ => return None,
    };
    Some(KeyEvent::new(code, modifiers))
}

/// A parameter: `Some(None)` when empty, `None` when it is not a number that fits.
fn number(field: &[u8]) -> Option<Option<u16>> {
    if field.is_empty() {
        return Some(None);
    }
    std::str::from_utf8(field).ok()?.parse().ok().map(Some)
}

/// xterm's modifier parameter: one more than a mask of shift 1, alt 2, ctrl 4, and beyond
/// them super, hyper and meta as crossterm reads them.
fn modifiers(param: u16) -> KeyModifiers {
    let mask = param.saturating_sub(1);
    [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ]
    .into_iter()
    .filter(|(bit, _)| mask & bit != 0)
    .fold(KeyModifiers::NONE, |all, (_, m)| all | m)
}

/// `ESC [ n ~` keys.
fn tilde_key(n: u16) -> Option<KeyCode> {
    let f = |k: u16| u8::try_from(k).ok().map(KeyCode::F);
    match n {
        1 | 7 => Some(KeyCode::Home),
        2 => Some(KeyCode::Insert),
        3 => Some(KeyCode::Delete),
        4 | 8 => Some(KeyCode::End),
        5 => Some(KeyCode::PageUp),
        6 => Some(KeyCode::PageDown),
        11..=15 => f(n - 10),
        17..=21 => f(n - 11),
        23..=26 => f(n - 12),
        28..=29 => f(n - 15),
        31..=34 => f(n - 17),
        _ => None,
    }
}

/// What the reader thread sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    /// The terminal is gone (end of input, or a read error); nothing more will come.
    Closed,
}

/// Starts a thread that reads keys from standard input (already in raw mode) and hands each
/// to `send`, until `send` returns false or the terminal is gone.
///
/// While it runs nothing else may read standard input: not crossterm's `event::read`, nor
/// `cursor::position`, which reads its answer from there. A thread waiting in `read` when
/// `send` would say no ends with the process, or at the next key.
pub fn spawn_reader(
    escape_time: Duration,
    send: impl FnMut(Input) -> bool + Send + 'static,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("keys".to_string())
        .spawn(move || read_keys(io::stdin(), escape_time, send))?;
    Ok(())
}

/// Reads until the input ends or `send` says stop. It blocks in `read` while nothing is
/// held, and waits at most the escape time for the rest of what is.
fn read_keys(input: impl AsFd, escape_time: Duration, mut send: impl FnMut(Input) -> bool) {
    let fd = input.as_fd();
    let mut decoder = Decoder::new();
    let mut buf = [0u8; 1024];
    loop {
        if decoder.pending() {
            match readable(fd, Some(Instant::now() + escape_time)) {
                Ok(true) => {}
                Ok(false) => {
                    if !decoder.flush().into_iter().all(|k| send(Input::Key(k))) {
                        return;
                    }
                    continue;
                }
                Err(_) => {
                    send(Input::Closed);
                    return;
                }
            }
        }
        match rustix::io::read(fd, &mut buf) {
            Ok(0) => {
                send(Input::Closed);
                return;
            }
            Ok(n) => {
                if !decoder
                    .feed(&buf[..n])
                    .into_iter()
                    .all(|k| send(Input::Key(k)))
                {
                    return;
                }
            }
            Err(Errno::INTR) => {}
            // A non-blocking descriptor: wait until there is something to read.
            Err(Errno::AGAIN) => {
                if readable(fd, None).is_err() {
                    send(Input::Closed);
                    return;
                }
            }
            Err(_) => {
                send(Input::Closed);
                return;
            }
        }
    }
}

/// Whether `fd` has something to read (or has hung up) before `deadline`; without one it
/// waits as long as it takes.
fn readable(fd: std::os::fd::BorrowedFd<'_>, deadline: Option<Instant>) -> io::Result<bool> {
    loop {
        let timeout = deadline
            .and_then(|d| Timespec::try_from(d.saturating_duration_since(Instant::now())).ok());
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        match rustix::event::poll(&mut fds, timeout.as_ref()) {
            Ok(ready) => return Ok(ready > 0),
            Err(Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
}

#[cfg(test)]
mod crossterm_behaviour;
#[cfg(test)]
mod tests;
