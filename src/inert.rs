//! Characters that never reach a terminal raw from stored text: what the command line escapes
//! or strips when it prints (`cli/inert.rs`), and what the server shows by its picture or code
//! point in a refused peer's code (`domain::limits::audit_code`).

/// What never reaches the terminal raw: the C0 controls (tab, newline and CR among them), DEL,
/// the C1 controls, the bidi controls (embeddings and overrides U+202A–U+202E, isolates
/// U+2066–U+2069, the marks U+200E/U+200F and U+061C) and the line and paragraph separators
/// U+2028/U+2029, which split lines in editors and JSON tools.
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{2028}'
            | '\u{2029}'
    )
}
