//! Output is inert: no character of stored or user-given text reaches the terminal as a
//! control. Every field the command line prints goes through here — escaped visibly in
//! tab-separated lines and messages, as `\uXXXX` in JSON, stripped on the applicant's paper —
//! so an applicant's name cannot retitle the window (`\e]0;…`), clear the screen (`\e[2J`),
//! reverse the text (U+202E) or add a line or a field.

use std::borrow::Cow;
use std::fmt::Write as _;

pub use frontdesk::inert::is_unsafe;

/// One field of a tab-separated line, or a message: tab, newline and CR as `\t`, `\n`, `\r`;
/// the other C0 controls, DEL and the C1 controls as `\xHH`; the rest of `is_unsafe` as
/// `\uHHHH`; and a backslash as `\\`, so every escape reads back to one text (`unescape`).
/// Printable text, Chinese included, is untouched.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\\' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Fields escaped one by one and joined by tabs: a line whose tabs are all separators.
pub fn row<S: std::fmt::Display>(fields: impl IntoIterator<Item = S>) -> String {
    let mut line = String::new();
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            line.push('\t');
        }
        line.push_str(&escape(&f.to_string()));
    }
    line
}

/// A line printed for a person to read on paper (the applicant's notice): no escapes, the
/// unsafe characters taken out — the breaking ones (tab, newline, CR, VT, FF, NEL and the
/// line separators) as one space, so words stay apart, the rest removed.
pub fn strip(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Serialised JSON with every unsafe character serde_json leaves raw (DEL, the C1 and bidi
/// controls) written as `\uXXXX`. serde_json escapes the C0 controls inside strings itself, so
/// a raw one is the layout's own whitespace and stays; the others can stand only inside
/// strings, where the escape reads back to the same character.
pub fn json(serialised: String) -> String {
    let raw = |c: char| c >= ' ' && is_unsafe(c);
    if !serialised.chars().any(raw) {
        return serialised;
    }
    let mut out = String::with_capacity(serialised.len() + 16);
    for c in serialised.chars() {
        if raw(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads an escaped field back (`escape`'s inverse); `None` for what `escape` never writes.
#[cfg(test)]
pub fn unescape(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let hex = |chars: &mut std::str::Chars, n: usize| -> Option<char> {
            let digits: String = chars.take(n).collect();
            (digits.len() == n)
                .then(|| u32::from_str_radix(&digits, 16).ok())
                .flatten()
                .and_then(char::from_u32)
        };
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            'x' => hex(&mut chars, 2)?,
            'u' => hex(&mut chars, 4)?,
            _ => return None,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HOSTILE: &str = "张\u{1b}]0;pwned\u{7}三\u{1b}[2J\u{202e}\r\n\t\\\u{9b}\u{7f}";

    #[test]
    fn escaping_makes_every_control_visible() {
        assert_eq!(
            escape(HOSTILE),
            "张\\x1b]0;pwned\\x07三\\x1b[2J\\u202e\\r\\n\\t\\\\\\x9b\\x7f"
        );
    }

    #[test]
    fn printable_text_is_untouched() {
        let s = "张三 13800138000 110101199001011234 长者食堂（补贴）€ 🙂";
        assert!(matches!(escape(s), Cow::Borrowed(_)));
        assert!(matches!(strip(s), Cow::Borrowed(_)));
    }

    #[test]
    fn a_row_has_one_field_per_value_whatever_they_hold() {
        let line = row(["a\tb", "c\nd", "e"]);
        assert_eq!(line.split('\t').count(), 3);
        assert!(!line.contains('\n'));
    }

    #[test]
    fn paper_keeps_words_apart_and_drops_controls() {
        assert_eq!(strip("张\u{1b}[2J三\r\n李\t四\u{202e}"), "张[2J三 李 四");
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        let v = serde_json::json!({ "name": HOSTILE });
        let s = json(v.to_string());
        assert!(!s.chars().any(is_unsafe), "{s:?}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["name"], HOSTILE);
    }

    /// Any text, weighted towards the characters that matter here.
    fn text() -> impl Strategy<Value = String> {
        let ch = prop_oneof![
            any::<char>(),
            (0u32..0xa0).prop_map(|n| char::from_u32(n).unwrap()),
            prop::sample::select(vec![
                '\\', 'x', 'u', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200e}',
                '\u{200f}', '\u{61c}', '\u{2028}', '张',
            ]),
        ];
        prop::collection::vec(ch, 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn escaped_text_has_no_control_and_reads_back(s in text()) {
            let e = escape(&s);
            prop_assert!(!e.chars().any(is_unsafe), "{:?}", e);
            prop_assert_eq!(unescape(&e), Some(s));
        }

        #[test]
        fn json_output_has_no_control_and_parses_back(s in text()) {
            let out = json(serde_json::json!([s]).to_string());
            prop_assert!(!out.chars().any(is_unsafe), "{:?}", out);
            let back: Vec<String> = serde_json::from_str(&out).unwrap();
            prop_assert_eq!(&back[0], &s);
            let pretty = json(serde_json::to_string_pretty(&[&s]).unwrap());
            prop_assert!(!pretty.chars().any(|c| c != '\n' && is_unsafe(c)), "{:?}", pretty);
            let back: Vec<String> = serde_json::from_str(&pretty).unwrap();
            prop_assert_eq!(&back[0], &s);
        }

        #[test]
        fn paper_text_has_no_control(s in text()) {
            prop_assert!(!strip(&s).chars().any(is_unsafe));
        }
    }
}
