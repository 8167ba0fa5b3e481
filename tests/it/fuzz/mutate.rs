//! Structured edits of a valid text: what a hand-edited file gets wrong.

use proptest::prelude::*;
use proptest::sample::Index;

/// Values of the wrong type or out of range, in TOML and JSON spelling alike.
pub const WRONG_VALUES: &[&str] = &[
    "1",
    "0",
    "-1",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999999",
    "0x7fffffff",
    "1.5",
    "1e999",
    "nan",
    "\"\"",
    "\"   \"",
    "true",
    "false",
    "null",
    "[]",
    "{}",
    "[1, \"a\"]",
    "[\"\", \"  \"]",
    "[-1, 10, 256]",
    "\"\\u0000\"",
    "\"a\\tb,c\"",
    "\"２０２６－１０－０１\"",
    "\"2026-02-30\"",
    "\"25:00\"",
    "\"12:00-11:00\"",
    "\"ctrl-alt-\"",
    "\"alt-x\"",
    "\"f13\"",
    "\"𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ 测试\"",
    "1979-05-27T07:32:00Z",
    "\"",
    "'''",
];

/// One edit, its places chosen among the lines the text has when it is applied.
#[derive(Debug, Clone)]
pub enum Edit {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    /// The value of a `key = value` (or `"key": value`) line becomes this.
    Value(Index, String),
    /// A line of anything inserted.
    Insert(Index, String),
    /// The text cut after this share of its characters.
    Truncate(Index),
}

fn wrong_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WRONG_VALUES).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => "\"\\PC{0,12}\"",
        1 => (1usize..20_000).prop_map(|n| format!("\"{}\"", "测".repeat(n))),
        1 => any::<i64>().prop_map(|n| n.to_string()),
    ]
}

pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => any::<Index>().prop_map(Edit::Delete),
        2 => any::<Index>().prop_map(Edit::Duplicate),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        6 => (any::<Index>(), wrong_value()).prop_map(|(i, v)| Edit::Value(i, v)),
        1 => (any::<Index>(), "\\PC{0,20}").prop_map(|(i, s)| Edit::Insert(i, s)),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// Up to `n` edits.
pub fn edits(n: usize) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..=n)
}

/// The text with the edits made in turn.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for e in edits {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match e {
            Edit::Delete(i) => {
                lines.remove(i.index(n));
            }
            Edit::Duplicate(i) => {
                let i = i.index(n);
                lines.insert(i, lines[i].clone());
            }
            Edit::Swap(a, b) => lines.swap(a.index(n), b.index(n)),
            Edit::Value(i, v) => {
                // The nearest line at or after `i` that has a value.
                let start = i.index(n);
                let found = (0..n)
                    .map(|k| (start + k) % n)
                    .find(|k| lines[*k].contains('=') || lines[*k].contains("\":"));
                if let Some(k) = found {
                    let line = &lines[k];
                    let cut = line
                        .find("\":")
                        .map(|p| p + 2)
                        .or_else(|| line.find('=').map(|p| p + 1))
                        .unwrap_or(line.len());
                    let comma = if line.trim_end().ends_with(',') {
                        ","
                    } else {
                        ""
                    };
                    lines[k] = format!("{} {v}{comma}", &line[..cut]);
                }
            }
            Edit::Insert(i, s) => lines.insert(i.index(n + 1), s.clone()),
            Edit::Truncate(i) => {
                let joined = lines.join("\n");
                let chars = joined.chars().count();
                let keep: String = joined.chars().take(i.index(chars + 1)).collect();
                lines = keep.split('\n').map(str::to_string).collect();
            }
        }
    }
    lines.join("\n")
}

/// Every place a text can be cut: each character boundary.
pub fn cuts(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices()
        .map(|(i, _)| &text[..i])
        .chain(std::iter::once(text))
}
