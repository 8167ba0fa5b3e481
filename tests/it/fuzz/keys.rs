//! The console's key decoder: any bytes a terminal (or a line noise) sends make keys without
//! a panic, the decoder holds at most one unfinished sequence, and how the bytes are split
//! across reads changes nothing.

use frontdesk::tui::input::Decoder;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::config;

/// Bytes a terminal sends, and others: sequences, their pieces, UTF-8 and broken UTF-8.
fn terminal_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => any::<u8>().prop_map(|b| vec![b]),
        2 => Just(vec![0x1b]),
        2 => Just(b"\x1b[".to_vec()),
        1 => Just(b"\x1bO".to_vec()),
        1 => Just(b"\x1b[[".to_vec()),
        2 => "[0-9;<?>]{0,6}".prop_map(String::into_bytes),
        2 => prop::sample::select(&b"ABCDFHPQRSZ~M"[..]).prop_map(|b| vec![b]),
        2 => "\\PC".prop_map(String::into_bytes),
        1 => prop::sample::select(&[0xc3u8, 0xe6, 0xf0, 0x80, 0xbf, 0xff][..]).prop_map(|b| vec![b]),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

/// Everything the decoder makes of `chunks` read one after another, then a flush.
fn decode(chunks: &[&[u8]]) -> (Vec<KeyEvent>, Vec<KeyEvent>) {
    let mut d = Decoder::new();
    let mut keys = Vec::new();
    for c in chunks {
        keys.extend(d.feed(c));
    }
    let flushed = d.flush();
    assert!(!d.pending(), "a flush leaves nothing held");
    (keys, flushed)
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn any_bytes_make_keys_and_the_decoder_holds_at_most_one_unfinished_sequence(
        bytes in terminal_bytes(),
    ) {
        let mut d = Decoder::new();
        for b in &bytes {
            d.feed(std::slice::from_ref(b));
        }
        // What is held flushes as Esc and the bytes of one unfinished sequence at most: ESC,
        // `[` and 32 parameter bytes.
        let held = d.flush();
        prop_assert!(held.len() <= 34, "{} keys held", held.len());
        prop_assert!(!d.pending());
    }

    #[test]
    fn the_same_bytes_split_across_reads_anyhow_make_the_same_keys(
        bytes in terminal_bytes(),
        splits in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let mut at: Vec<usize> = splits.iter().map(|s| s.index(bytes.len() + 1)).collect();
        at.sort_unstable();
        let mut chunks = Vec::new();
        let mut from = 0;
        for cut in at {
            chunks.push(&bytes[from..cut]);
            from = cut;
        }
        chunks.push(&bytes[from..]);
        let (whole, whole_flushed) = decode(&[&bytes]);
        let (split, split_flushed) = decode(&chunks);
        prop_assert_eq!(whole, split);
        prop_assert_eq!(whole_flushed, split_flushed);
    }

    #[test]
    fn typed_text_makes_one_key_per_character_in_order(text in "[^\\p{C}]{0,40}") {
        let (keys, flushed) = decode(&[text.as_bytes()]);
        prop_assert!(flushed.is_empty());
        let want: Vec<KeyEvent> = text
            .chars()
            .map(|c| {
                let m = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
                KeyEvent::new(KeyCode::Char(c), m)
            })
            .collect();
        prop_assert_eq!(keys, want);
    }
}
