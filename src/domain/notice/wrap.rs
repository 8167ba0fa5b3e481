//! Line breaking for Chinese text at a fixed width (折行): a Chinese character counts two
//! columns, a line may break between any two Chinese characters and at a space, a run of Latin
//! letters or digits stays whole where it fits, no line starts with closing punctuation (it stays
//! with the character before it) and none ends with opening punctuation (it goes with the one
//! after it) — the rule of 避头尾 kept by Chinese typesetting.

use unicode_width::UnicodeWidthChar;

/// Punctuation that may not begin a line: it closes or ends what came before.
pub const CLOSING: &str = "）〕］｝】」』》〉。、，；：！？…”’)]},.;:!?%";
/// Punctuation that may not end a line: it opens what comes after.
pub const OPENING: &str = "（〔［｛【「『《〈“‘([{";

fn closing(c: char) -> bool {
    CLOSING.contains(c)
}

fn opening(c: char) -> bool {
    OPENING.contains(c)
}

/// Columns `s` takes on paper: a blank that is no space (a tab, a line break) counts one, as
/// the paper prints it as a space; other controls count nothing, as they are taken out.
pub fn columns(s: &str) -> usize {
    s.chars().map(char_columns).sum()
}

/// Columns one character takes on paper, as `columns` counts them.
pub fn char_columns(c: char) -> usize {
    c.width().unwrap_or(usize::from(c.is_whitespace()))
}

/// A piece that may start a line, with the blank before it.
struct Chunk {
    gap: String,
    body: String,
}

/// `text` broken into lines of at most `width` columns (at least 2, the width of one Chinese
/// character). Blanks at a break are dropped, others kept as written; every other character is
/// kept, in order. A run wider than a whole line is cut, still not before closing
/// or after opening punctuation where the run allows it.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    for chunk in chunks(text) {
        if line.is_empty() {
            line = chunk.body;
        } else if columns(&line) + columns(&chunk.gap) + columns(&chunk.body) <= width {
            line.push_str(&chunk.gap);
            line.push_str(&chunk.body);
            continue;
        } else {
            lines.push(std::mem::replace(&mut line, chunk.body));
        }
        while columns(&line) > width {
            let (head, rest) = cut(&line, width);
            lines.push(head);
            line = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The text as the pieces a line may start with: each Chinese character or punctuation mark,
/// each run of other characters, closing punctuation joined to what is before it and opening
/// punctuation to what is after it.
fn chunks(text: &str) -> Vec<Chunk> {
    let mut atoms: Vec<Chunk> = Vec::new();
    let mut gap = String::new();
    let mut in_word = false;
    for c in text.chars() {
        if c.is_whitespace() {
            gap.push(c);
            in_word = false;
            continue;
        }
        let alone = c.width() == Some(2) || closing(c) || opening(c);
        match atoms.last_mut() {
            Some(last) if in_word && !alone => last.body.push(c),
            _ => atoms.push(Chunk {
                gap: std::mem::take(&mut gap),
                body: c.to_string(),
            }),
        }
        in_word = !alone;
    }
    let mut out: Vec<Chunk> = Vec::new();
    for atom in atoms {
        let first = atom.body.chars().next().is_some_and(closing);
        match out.last_mut() {
            Some(prev) if first || prev.body.chars().last().is_some_and(opening) => {
                prev.body.push_str(&atom.gap);
                prev.body.push_str(&atom.body);
            }
            _ => out.push(atom),
        }
    }
    out
}

/// A run too wide for a line, cut after the most that fits, moved back so the next line does not
/// start with closing punctuation nor this one end with opening punctuation where it can be.
fn cut(run: &str, width: usize) -> (String, String) {
    let chars: Vec<char> = run.chars().collect();
    let mut fits = 0;
    let mut used = 0;
    while fits < chars.len() && used + char_columns(chars[fits]) <= width {
        used += char_columns(chars[fits]);
        fits += 1;
    }
    let fits = fits.max(1);
    let mut end = fits;
    while end > 1 && (chars.get(end).is_some_and(|&c| closing(c)) || opening(chars[end - 1])) {
        end -= 1;
    }
    if end == 1 && (chars.get(1).is_some_and(|&c| closing(c)) || opening(chars[0])) {
        end = fits;
    }
    let head: String = chars[..end].iter().collect();
    let rest: String = chars[end..].iter().collect();
    (head.trim_end().to_string(), rest.trim_start().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn phrase() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            "[一-龥]{1,6}",
            "[a-zA-Z0-9#]{1,8}",
            Just("2026年11月23日".to_string()),
        ];
        (
            proptest::option::of("[（「『《]"),
            word,
            proptest::option::of("[）。、，；：！？」』》]"),
            proptest::option::of(Just(" ")),
        )
            .prop_map(|(open, word, close, space)| {
                format!(
                    "{}{word}{}{}",
                    open.unwrap_or_default(),
                    close.unwrap_or_default(),
                    space.unwrap_or_default()
                )
            })
    }

    fn words(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    proptest! {
        #[test]
        fn wrapped_text_fits_the_width_keeps_punctuation_off_line_starts_and_every_word_in_order(
            text in proptest::collection::vec(phrase(), 0..40).prop_map(|p| p.concat()),
            width in 16usize..=80,
        ) {
            let lines = wrap(&text, width);
            for line in &lines {
                prop_assert!(columns(line) <= width, "{line:?} is wider than {width}: {lines:#?}");
                prop_assert!(
                    !line.chars().next().is_some_and(closing),
                    "{line:?} starts with closing punctuation: {lines:#?}"
                );
                prop_assert!(
                    !line.chars().last().is_some_and(opening),
                    "{line:?} ends with opening punctuation: {lines:#?}"
                );
            }
            prop_assert_eq!(words(&lines.concat()), words(&text));
        }
    }

    #[test]
    fn closing_punctuation_stays_with_the_character_before_it() {
        // Eight characters fill four columns twice over: the full stop would start line 2.
        assert_eq!(wrap("一二三四。五六", 8), ["一二三", "四。五六"]);
    }

    #[test]
    fn opening_punctuation_goes_with_the_character_after_it() {
        assert_eq!(wrap("一二三（四）", 8), ["一二三", "（四）"]);
    }

    #[test]
    fn a_latin_word_or_number_is_not_split_where_it_fits_on_a_line() {
        assert_eq!(wrap("共计 12345 元", 8), ["共计", "12345 元"]);
        assert_eq!(wrap("日期2026年", 6), ["日期", "2026年"]);
    }

    #[test]
    fn text_that_fits_is_one_line_unchanged() {
        assert_eq!(wrap("申请人：张三", 80), ["申请人：张三"]);
        assert_eq!(wrap("", 80), [""]);
    }
}
