//! Matching one query against one text, fzf-style, where a Chinese character can be typed as
//! itself, as the initial of any of its readings, or as a whole or partial reading.
//!
//! `cq` and `chongqing` both find 重庆 because 重 reads both zhong and chong; `zuidisq` finds
//! 最低生活保障申请 by skipping 生活保障. Every query character must be used; text characters
//! may be skipped. Three strictness levels are tried in turn, so the class of the best match is
//! known: the whole text (exact), one unbroken run (contiguous), or scattered.
//!
//! The alignment is a dynamic programme over (query position, text position), linear in each
//! for every strictness level, so a catalogue of thousands of items answers within a keystroke.

/// How well a query matched a text; ordered worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchClass {
    /// Letters found in order with other characters between them.
    Scattered,
    /// One unbroken run of the text (punctuation inside it does not break it).
    Contiguous,
    /// The whole text, nothing left over.
    Exact,
}

/// A text prepared for matching: each character with its lower-cased form and its readings.
#[derive(Debug, Clone)]
pub struct Prepared {
    chars: Vec<PChar>,
    /// `nonfree_before[j]` = how many non-free characters precede position `j`.
    nonfree_before: Vec<i32>,
}

#[derive(Debug, Clone)]
struct PChar {
    lower: char,
    /// ASCII pinyin readings (`zhang`, `chang`); empty for non-Chinese characters.
    readings: Vec<Box<str>>,
    /// Punctuation and spaces: skipping them breaks no run.
    free: bool,
}

/// Folds full-width ASCII to half-width and lower-cases; `ü` is typed `v`.
pub fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    match c {
        'ü' | 'Ü' => 'v',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The query as the matcher reads it: folded, without spaces.
pub fn normalise_query(query: &str) -> Vec<char> {
    query
        .chars()
        .map(fold)
        .filter(|c| !c.is_whitespace())
        .collect()
}

impl Prepared {
    /// Prepares `text`, asking `readings` for the pinyin of each non-ASCII character.
    pub fn new(text: &str, readings: &dyn Fn(char) -> Vec<String>) -> Self {
        let chars: Vec<PChar> = text
            .chars()
            .map(|c| {
                let lower = fold(c);
                let readings = if c.is_ascii() {
                    Vec::new()
                } else {
                    let mut r: Vec<Box<str>> = readings(c)
                        .into_iter()
                        .map(|s| s.chars().map(fold).collect::<String>().into_boxed_str())
                        .filter(|s| !s.is_empty())
                        .collect();
                    r.sort();
                    r.dedup();
                    r
                };
                PChar {
                    lower,
                    readings,
                    free: !lower.is_alphanumeric(),
                }
            })
            .collect();
        let mut nonfree_before = Vec::with_capacity(chars.len() + 1);
        let mut n = 0;
        nonfree_before.push(0);
        for c in &chars {
            n += i32::from(!c.free);
            nonfree_before.push(n);
        }
        Prepared {
            chars,
            nonfree_before,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

// Scores, in the manner of fzf: every query character earns a base score; units that line up
// with the text's structure earn bonuses; gaps cost.
const PER_CHAR: i32 = 16;
const WHOLE_READING: i32 = 8;
const INITIAL: i32 = 4;
const HAN_LITERAL: i32 = 8;
const CONSECUTIVE: i32 = 12;
const AT_START: i32 = 16;
const GAP_OPEN: i32 = 6;
const GAP_EXTEND: i32 = 1;
const NONE: i32 = i32::MIN / 4;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Starts at the first character, no gaps.
    Anchored,
    /// Starts anywhere, no gaps.
    Contiguous,
    /// Starts anywhere, gaps allowed.
    Scattered,
}

/// The best match of `query` (already normalised) in `text`: its class and score.
pub fn best_match(query: &[char], text: &Prepared) -> Option<(MatchClass, i32)> {
    if query.is_empty() || text.is_empty() {
        return None;
    }
    if let Some((_, ends)) = align(query, text, Mode::Anchored) {
        // Exact: an anchored alignment that ends where only free characters remain.
        let total = text.nonfree_before[text.len()];
        let exact = ends
            .iter()
            .enumerate()
            .filter(|(j, s)| **s > NONE && text.nonfree_before[*j] == total)
            .map(|(_, s)| *s)
            .max();
        if let Some(s) = exact {
            return Some((MatchClass::Exact, s));
        }
    }
    if let Some((score, _)) = align(query, text, Mode::Contiguous) {
        return Some((MatchClass::Contiguous, score));
    }
    align(query, text, Mode::Scattered).map(|(score, _)| (MatchClass::Scattered, score))
}

/// Runs the programme; returns the best score and, for each end position `j` (the text index
/// just after the last unit), the best score of a full alignment ending there.
fn align(q: &[char], t: &Prepared, mode: Mode) -> Option<(i32, Vec<i32>)> {
    let (m, n) = (q.len(), t.len());
    let nf = &t.nonfree_before;
    // ends[i][j]: best score with q[..i] consumed and the last unit ending just before text j.
    let mut ends = vec![vec![NONE; n + 1]; m + 1];
    for i in 0..m {
        // Sweep j, keeping the best predecessor for a unit that starts at text position j.
        let (mut group_nf, mut adj_best, mut far_best) = (-1, NONE, NONE);
        for j in 0..n {
            let start_score = if i == 0 {
                let leading = nf[j];
                match mode {
                    Mode::Anchored if leading > 0 => NONE,
                    _ if leading == 0 => AT_START,
                    _ => 0,
                }
            } else {
                if nf[j] != group_nf {
                    if adj_best > NONE {
                        far_best = far_best.max(adj_best + group_nf * GAP_EXTEND);
                    }
                    group_nf = nf[j];
                    adj_best = NONE;
                }
                adj_best = adj_best.max(ends[i][j]);
                let adjacent = if adj_best > NONE {
                    adj_best + CONSECUTIVE
                } else {
                    NONE
                };
                let gapped = if mode == Mode::Scattered && far_best > NONE {
                    far_best - nf[j] * GAP_EXTEND - GAP_OPEN
                } else {
                    NONE
                };
                adjacent.max(gapped)
            };
            if start_score <= NONE {
                continue;
            }
            let c = &t.chars[j];
            if c.lower == q[i] {
                let bonus = if c.readings.is_empty() {
                    0
                } else {
                    HAN_LITERAL
                };
                let s = &mut ends[i + 1][j + 1];
                *s = (*s).max(start_score + PER_CHAR + bonus);
            }
            for r in &c.readings {
                let common = r.chars().zip(&q[i..]).take_while(|(a, b)| a == *b).count();
                for k in 1..=common {
                    let unit = if k == r.chars().count() {
                        WHOLE_READING
                    } else if k == 1 {
                        INITIAL
                    } else {
                        0
                    };
                    let s = &mut ends[i + k][j + 1];
                    *s = (*s).max(start_score + PER_CHAR * k as i32 + unit);
                }
            }
        }
    }
    let last = ends.pop()?;
    let best = *last.iter().max()?;
    (best > NONE).then_some((best, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings(c: char) -> Vec<String> {
        let r: &[&str] = match c {
            '重' => &["zhong", "chong"],
            '庆' => &["qing"],
            '长' => &["chang", "zhang"],
            '者' => &["zhe"],
            '银' => &["yin"],
            '行' => &["xing", "hang"],
            '最' => &["zui"],
            '低' => &["di"],
            '生' => &["sheng"],
            '活' => &["huo"],
            _ => &[],
        };
        r.iter().map(|s| s.to_string()).collect()
    }

    fn m(q: &str, t: &str) -> Option<MatchClass> {
        best_match(&normalise_query(q), &Prepared::new(t, &readings)).map(|(c, _)| c)
    }

    #[test]
    fn polyphone_matches_under_every_reading() {
        assert_eq!(m("cq", "重庆"), Some(MatchClass::Exact));
        assert_eq!(m("zq", "重庆"), Some(MatchClass::Exact));
        assert_eq!(m("chongqing", "重庆"), Some(MatchClass::Exact));
        assert_eq!(m("yh", "银行"), Some(MatchClass::Exact));
        assert_eq!(m("yinxing", "银行"), Some(MatchClass::Exact));
    }

    #[test]
    fn initials_full_pinyin_and_characters_mix() {
        assert_eq!(m("zhangz", "长者"), Some(MatchClass::Exact));
        assert_eq!(m("长zhe", "长者"), Some(MatchClass::Exact));
        assert_eq!(m("czhe", "长者"), Some(MatchClass::Exact));
    }

    #[test]
    fn skipped_letters_make_a_scattered_match() {
        assert_eq!(m("zuidihuo", "最低生活"), Some(MatchClass::Scattered));
        assert_eq!(m("zdsh", "最低生活"), Some(MatchClass::Exact));
        assert_eq!(m("dsh", "最低生活"), Some(MatchClass::Contiguous));
    }

    #[test]
    fn every_query_character_must_be_used() {
        assert_eq!(m("zdx", "最低生活"), None);
        assert_eq!(m("q", "最低生活"), None);
    }

    #[test]
    fn punctuation_does_not_break_a_run() {
        assert_eq!(m("mz001", "MZ-001"), Some(MatchClass::Exact));
        assert_eq!(m("ＭＺ－００１", "MZ-001"), Some(MatchClass::Exact));
    }

    #[test]
    fn contiguous_scores_above_scattered_of_the_same_letters() {
        let q = normalise_query("ab");
        let run = best_match(&q, &Prepared::new("xabx", &readings)).unwrap();
        let gap = best_match(&q, &Prepared::new("xaxb", &readings)).unwrap();
        assert!(run > gap);
    }
}
