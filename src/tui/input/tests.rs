use std::io::Write;
use std::sync::mpsc;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::keymap::Key;

fn k(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn with(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn ch(c: char) -> KeyEvent {
    k(KeyCode::Char(c))
}

/// Everything one read makes, and what a flush makes after it.
fn read(bytes: &[u8]) -> (Vec<KeyEvent>, Vec<KeyEvent>) {
    let mut d = Decoder::new();
    let now = d.feed(bytes);
    (now, d.flush())
}

fn all(bytes: &[u8]) -> Vec<KeyEvent> {
    let (mut now, later) = read(bytes);
    now.extend(later);
    now
}

#[test]
fn a_sequence_split_across_reads_is_one_key() {
    let mut d = Decoder::new();
    assert_eq!(d.feed(b"\x1b"), []);
    assert!(d.pending());
    assert_eq!(d.feed(b"["), []);
    assert_eq!(d.feed(b"A"), [k(KeyCode::Up)]);
    assert!(!d.pending());
}

#[test]
fn a_lone_esc_is_held_until_the_flush_makes_it_esc() {
    let mut d = Decoder::new();
    assert_eq!(d.feed(b"\x1b"), []);
    assert!(d.pending());
    assert_eq!(d.flush(), [k(KeyCode::Esc)]);
    assert!(!d.pending());
    assert_eq!(d.flush(), []);
}

#[test]
fn an_esc_followed_by_a_key_in_the_same_read_is_esc_then_the_key() {
    assert_eq!(read(b"\x1b1"), (vec![k(KeyCode::Esc), ch('1')], vec![]));
    assert_eq!(read(b"\x1bn"), (vec![k(KeyCode::Esc), ch('n')], vec![]));
}

#[test]
fn esc_esc_is_two_escs_the_second_waiting_for_what_follows() {
    let mut d = Decoder::new();
    assert_eq!(d.feed(b"\x1b\x1b"), [k(KeyCode::Esc)]);
    assert_eq!(d.flush(), [k(KeyCode::Esc)]);
    assert_eq!(all(b"\x1b\x1b[A"), [k(KeyCode::Esc), k(KeyCode::Up)]);
}

#[test]
fn an_unfinished_sequence_flushed_is_esc_and_its_bytes_typed() {
    let mut d = Decoder::new();
    assert_eq!(d.feed(b"\x1b[1;"), []);
    assert_eq!(d.flush(), [k(KeyCode::Esc), ch('['), ch('1'), ch(';')]);
    assert_eq!(
        read(b"\x1bO"),
        (
            vec![],
            vec![
                k(KeyCode::Esc),
                with(KeyCode::Char('O'), KeyModifiers::SHIFT)
            ]
        )
    );
}

#[test]
fn a_byte_that_cannot_continue_a_sequence_leaves_esc_and_the_bytes_typed() {
    assert_eq!(
        read(b"\x1b[1\x1b[B"),
        (
            vec![k(KeyCode::Esc), ch('['), ch('1'), k(KeyCode::Down)],
            vec![]
        )
    );
    assert_eq!(
        read(b"\x1bOz"),
        (
            vec![
                k(KeyCode::Esc),
                with(KeyCode::Char('O'), KeyModifiers::SHIFT),
                ch('z')
            ],
            vec![]
        )
    );
}

#[test]
fn an_unknown_complete_csi_sequence_is_dropped_not_typed() {
    // focus report, bracketed paste markers, a cursor report, a mouse report, kitty's keys,
    // an unknown tilde number
    for bytes in [
        &b"\x1b[I"[..],
        b"\x1b[200~",
        b"\x1b[201~",
        b"\x1b[24;80R",
        b"\x1b[<0;12;5M",
        b"\x1b[97;5u",
        b"\x1b[99~",
        b"\x1b[[Z",
    ] {
        let mut line = bytes.to_vec();
        line.push(b'x');
        assert_eq!(read(&line), (vec![ch('x')], vec![]), "{bytes:?}");
    }
}

#[test]
fn a_csi_sequence_longer_than_any_key_is_not_waited_for() {
    let mut bytes = b"\x1b[".to_vec();
    bytes.extend([b'1'; 40]);
    let keys = Decoder::new().feed(&bytes);
    assert_eq!(keys.first(), Some(&k(KeyCode::Esc)));
    assert_eq!(keys.len(), 42);
}

#[test]
fn modifier_parameters_are_read_as_xterm_encodes_them() {
    use KeyModifiers as M;
    for (param, modifiers) in [
        ("2", M::SHIFT),
        ("3", M::ALT),
        ("4", M::SHIFT | M::ALT),
        ("5", M::CONTROL),
        ("6", M::SHIFT | M::CONTROL),
        ("7", M::ALT | M::CONTROL),
        ("8", M::SHIFT | M::ALT | M::CONTROL),
    ] {
        let arrow = format!("\x1b[1;{param}A");
        assert_eq!(all(arrow.as_bytes()), [with(KeyCode::Up, modifiers)]);
        let delete = format!("\x1b[3;{param}~");
        assert_eq!(all(delete.as_bytes()), [with(KeyCode::Delete, modifiers)]);
        let f5 = format!("\x1b[15;{param}~");
        assert_eq!(all(f5.as_bytes()), [with(KeyCode::F(5), modifiers)]);
    }
}

#[test]
fn tilde_sequences_name_the_editing_and_function_keys() {
    let expected = [
        (1, KeyCode::Home),
        (2, KeyCode::Insert),
        (3, KeyCode::Delete),
        (4, KeyCode::End),
        (5, KeyCode::PageUp),
        (6, KeyCode::PageDown),
        (7, KeyCode::Home),
        (8, KeyCode::End),
        (11, KeyCode::F(1)),
        (15, KeyCode::F(5)),
        (17, KeyCode::F(6)),
        (21, KeyCode::F(10)),
        (23, KeyCode::F(11)),
        (24, KeyCode::F(12)),
    ];
    for (n, code) in expected {
        assert_eq!(all(format!("\x1b[{n}~").as_bytes()), [k(code)], "{n}");
    }
}

#[test]
fn the_linux_console_and_ss3_function_keys_are_known() {
    for (i, last) in (b'A'..=b'E').enumerate() {
        let f = KeyCode::F(1 + u8::try_from(i).unwrap_or(0));
        assert_eq!(all(&[0x1b, b'[', b'[', last]), [k(f)]);
    }
    for (bytes, code) in [
        (b"\x1bOP", KeyCode::F(1)),
        (b"\x1bOQ", KeyCode::F(2)),
        (b"\x1bOR", KeyCode::F(3)),
        (b"\x1bOS", KeyCode::F(4)),
        (b"\x1bOA", KeyCode::Up),
        (b"\x1bOB", KeyCode::Down),
        (b"\x1bOC", KeyCode::Right),
        (b"\x1bOD", KeyCode::Left),
        (b"\x1bOH", KeyCode::Home),
        (b"\x1bOF", KeyCode::End),
    ] {
        assert_eq!(all(bytes), [k(code)]);
    }
}

#[test]
fn backtab_carries_shift_as_crossterm_reports_it() {
    assert_eq!(
        all(b"\x1b[Z"),
        [with(KeyCode::BackTab, KeyModifiers::SHIFT)]
    );
}

#[test]
fn control_bytes_are_enter_tab_backspace_and_ctrl_letters() {
    let ctrl = |c| with(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(
        all(b"\r\n\t\x7f\x08\x11\x03\x01\x1a\x00"),
        [
            k(KeyCode::Enter),
            k(KeyCode::Enter),
            k(KeyCode::Tab),
            k(KeyCode::Backspace),
            k(KeyCode::Backspace),
            ctrl('q'),
            ctrl('c'),
            ctrl('a'),
            ctrl('z'),
            ctrl(' '),
        ]
    );
}

#[test]
fn upper_case_letters_carry_shift_as_crossterm_reports_them() {
    assert_eq!(
        all(b"Nn"),
        [with(KeyCode::Char('N'), KeyModifiers::SHIFT), ch('n')]
    );
}

#[test]
fn chinese_split_mid_character_is_one_character_when_the_rest_comes() {
    let text = "受理".as_bytes();
    let mut d = Decoder::new();
    assert_eq!(d.feed(&text[..2]), []);
    assert!(d.pending());
    assert_eq!(d.feed(&text[2..4]), [ch('受')]);
    assert_eq!(d.feed(&text[4..]), [ch('理')]);
    assert!(!d.pending());
}

#[test]
fn an_unfinished_character_is_dropped_by_the_flush() {
    let mut d = Decoder::new();
    assert_eq!(d.feed(&"理".as_bytes()[..2]), []);
    assert_eq!(d.flush(), []);
    assert_eq!(d.feed(b"a"), [ch('a')]);
}

#[test]
fn a_broken_character_is_dropped_and_what_broke_it_is_read() {
    assert_eq!(all(b"\xe5\x8f\x1b[A"), [k(KeyCode::Up)]);
    assert_eq!(all(b"\x80\xffa"), [ch('a')]);
}

/// The bytes xterm sends for each key the keymap can name.
const XTERM: [(&str, &[u8]); 33] = [
    ("enter", b"\r"),
    ("esc", b"\x1b"),
    ("tab", b"\t"),
    ("backtab", b"\x1b[Z"),
    ("space", b" "),
    ("up", b"\x1b[A"),
    ("down", b"\x1b[B"),
    ("left", b"\x1b[D"),
    ("right", b"\x1b[C"),
    ("pageup", b"\x1b[5~"),
    ("pagedown", b"\x1b[6~"),
    ("home", b"\x1b[H"),
    ("end", b"\x1b[F"),
    ("backspace", b"\x7f"),
    ("delete", b"\x1b[3~"),
    ("f1", b"\x1bOP"),
    ("f2", b"\x1bOQ"),
    ("f3", b"\x1bOR"),
    ("f4", b"\x1bOS"),
    ("f5", b"\x1b[15~"),
    ("f6", b"\x1b[17~"),
    ("f7", b"\x1b[18~"),
    ("f8", b"\x1b[19~"),
    ("f9", b"\x1b[20~"),
    ("f10", b"\x1b[21~"),
    ("f11", b"\x1b[23~"),
    ("f12", b"\x1b[24~"),
    ("ctrl-q", b"\x11"),
    ("ctrl-c", b"\x03"),
    ("ctrl-up", b"\x1b[1;5A"),
    ("alt-f1", b"\x1b[1;3P"),
    ("ctrl-delete", b"\x1b[3;5~"),
    ("N", b"N"),
];

#[test]
fn every_key_the_keymap_names_decodes_from_the_bytes_xterm_sends() {
    for (name, bytes) in XTERM {
        let keys = all(bytes);
        let [event] = keys[..] else {
            panic!("{name}: {keys:?}");
        };
        assert_eq!(Key::from_event(event), Key::parse(name), "{name}");
        assert!(Key::parse(name).is_some(), "{name}");
    }
}

proptest! {
    #[test]
    fn bytes_split_anywhere_decode_as_in_one_read(
        bytes in proptest::collection::vec(
            prop_oneof![Just(0x1bu8), Just(b'['), Just(b'O'), Just(b';'), any::<u8>()], 0..40),
        cut in any::<proptest::sample::Index>(),
    ) {
        let cut = cut.index(bytes.len() + 1);
        let mut d = Decoder::new();
        let mut split = d.feed(&bytes[..cut]);
        split.extend(d.feed(&bytes[cut..]));
        split.extend(d.flush());
        prop_assert_eq!(split, all(&bytes));
    }

    #[test]
    fn typed_text_is_its_characters_as_the_keymap_reads_them(text in "[^\\p{Cc}\\s]{0,12}") {
        let keys = all(text.as_bytes());
        prop_assert_eq!(keys.len(), text.chars().count());
        for (event, c) in keys.into_iter().zip(text.chars()) {
            prop_assert_eq!(Key::from_event(event), Key::parse(&c.to_string()));
        }
    }
}

fn start_reader(escape_time: Duration) -> (mpsc::Receiver<Input>, std::io::PipeWriter) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || read_keys(reader, escape_time, move |i| tx.send(i).is_ok()));
    (rx, writer)
}

#[test]
fn the_reader_sends_a_lone_esc_only_after_the_escape_time() {
    let (rx, mut w) = start_reader(Duration::from_millis(150));
    w.write_all(b"\x1b").expect("write");
    assert!(rx.recv_timeout(Duration::from_millis(50)).is_err());
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(5)),
        Ok(Input::Key(k(KeyCode::Esc)))
    );
}

#[test]
fn the_reader_joins_a_sequence_whose_parts_arrive_within_the_escape_time() {
    let (rx, mut w) = start_reader(Duration::from_millis(500));
    w.write_all(b"\x1b").expect("write");
    std::thread::sleep(Duration::from_millis(40));
    w.write_all(b"[A").expect("write");
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(5)),
        Ok(Input::Key(k(KeyCode::Up)))
    );
}

#[test]
fn the_reader_says_closed_when_the_input_ends() {
    let (rx, mut w) = start_reader(DEFAULT_ESCAPE_TIME);
    w.write_all(b"a").expect("write");
    drop(w);
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(5)),
        Ok(Input::Key(ch('a')))
    );
    assert_eq!(rx.recv_timeout(Duration::from_secs(5)), Ok(Input::Closed));
}

#[test]
fn the_reader_stops_when_send_says_no() {
    let (reader, mut writer) = std::io::pipe().expect("a pipe");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        read_keys(reader, DEFAULT_ESCAPE_TIME, move |i| {
            let _ = tx.send(i);
            false
        })
    });
    writer.write_all(b"ab").expect("write");
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(5)),
        Ok(Input::Key(ch('a')))
    );
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(5)),
        Err(mpsc::RecvTimeoutError::Disconnected)
    );
}
