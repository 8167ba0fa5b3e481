//! What crossterm's own reader makes of an `ESC` on a slow link, measured through its public
//! API: this test binary runs itself in a pseudo-terminal, the child printing every key
//! crossterm reads, and the parent writes the bytes as a slow link would deliver them.
//!
//! The parser behind it is `parse_event` in crossterm's `event/sys/unix/parse.rs`, fed by
//! `Parser::advance` in `event/source/unix/mio.rs`: an `ESC` with more bytes in the same read
//! waits for them and the next key gets ALT; an `ESC` that ends a read is Esc at once.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};

const CHILD: &str = "FRONTDESK_CROSSTERM_CHILD";
const CHILD_TEST: &str = "tui::input::crossterm_behaviour::child_prints_the_keys_crossterm_reads";

/// The child: prints each key crossterm reads, one a line, until ctrl-q.
#[test]
#[ignore = "run by crossterm_reads_esc_and_a_key_in_one_read_as_alt_and_a_split_arrow_as_three_keys"]
fn child_prints_the_keys_crossterm_reads() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    ratatui::crossterm::terminal::enable_raw_mode().expect("raw mode in the pseudo-terminal");
    print!("READY\r\n");
    let _ = std::io::stdout().flush();
    while let Ok(e) = event::read() {
        let Event::Key(k) = e else { continue };
        if k.code == KeyCode::Char('q') && k.modifiers == KeyModifiers::CONTROL {
            break;
        }
        print!("KEY {:?} {:?}\r\n", k.code, k.modifiers);
        let _ = std::io::stdout().flush();
    }
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
}

fn wait_for(output: &Mutex<String>, needle: &str, count: usize) -> String {
    let start = Instant::now();
    loop {
        let text = output.lock().map(|t| t.clone()).unwrap_or_default();
        if text.matches(needle).count() >= count {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "`{needle}` did not appear {count} times; the child wrote:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn keys(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.trim_end_matches('\r').strip_prefix("KEY "))
        .collect()
}

#[test]
fn crossterm_reads_esc_and_a_key_in_one_read_as_alt_and_a_split_arrow_as_three_keys() {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut cmd = CommandBuilder::new(exe);
    cmd.args([
        CHILD_TEST,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    cmd.env(CHILD, "1");
    let mut child = pty.slave.spawn_command(cmd).expect("the child starts");
    let mut reader = pty.master.try_clone_reader().expect("the pty's reader");
    let output = Arc::new(Mutex::new(String::new()));
    let fill = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut text) = fill.lock() {
                text.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    });
    let mut writer = pty.master.take_writer().expect("the pty's writer");
    wait_for(&output, "READY", 1);

    // Esc then `1`, arriving in one packet.
    writer.write_all(b"\x1b1").expect("write");
    writer.flush().expect("flush");
    let text = wait_for(&output, "KEY ", 1);
    assert_eq!(keys(&text), ["Char('1') KeyModifiers(ALT)"]);

    // Up arrow, its ESC 40 ms ahead of the rest.
    writer.write_all(b"\x1b").expect("write");
    writer.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(40));
    writer.write_all(b"[A").expect("write");
    writer.flush().expect("flush");
    let text = wait_for(&output, "KEY ", 4);
    assert_eq!(
        keys(&text)[1..],
        [
            "Esc KeyModifiers(0x0)",
            "Char('[') KeyModifiers(0x0)",
            "Char('A') KeyModifiers(SHIFT)"
        ]
    );

    writer.write_all(b"\x11").expect("write");
    writer.flush().expect("flush");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
}
