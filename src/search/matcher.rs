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
    /// Every ASCII character the text can be typed with (its own and its readings' letters):
    /// a query using any other cannot match, which rules most items out before the programme.
    ascii_mask: u128,
    /// `nonfree_before[j]` = how many non-free characters precede position `j`.
    nonfree_before: Vec<i32>,
}

#[derive(Debug, Clone)]
struct PChar {
    lower: char,
    /// ASCII pinyin readings (`zhang`, `chang`); empty for non-Chinese characters.
    readings: Vec<Box<[u8]>>,
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
                    // A reading that is not ASCII after folding (`ê`) cannot be typed.
                    let mut r: Vec<Box<[u8]>> = readings(c)
                        .into_iter()
                        .map(|s| s.chars().map(fold).collect::<String>())
                        .filter(|s| !s.is_empty() && s.is_ascii())
                        .map(|s| s.into_bytes().into_boxed_slice())
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
        let mut ascii_mask = 0u128;
        for c in &chars {
            if c.lower.is_ascii() {
                ascii_mask |= 1 << (c.lower as u32);
            }
            for b in c.readings.iter().flat_map(|r| r.iter()) {
                ascii_mask |= 1 << u32::from(*b);
            }
        }
        let mut nonfree_before = Vec::with_capacity(chars.len() + 1);
        let mut n = 0;
        nonfree_before.push(0);
        for c in &chars {
            n += i32::from(!c.free);
            nonfree_before.push(n);
        }
        Prepared {
            chars,
            ascii_mask,
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

/// Whether every query character could be typed against `text` at all.
fn may_match(query: &[char], text: &Prepared) -> bool {
    query.iter().all(|&c| {
        if c.is_ascii() {
            text.ascii_mask & (1 << (c as u32)) != 0
        } else {
            text.chars.iter().any(|t| t.lower == c)
        }
    })
}

/// The best match of `query` (already normalised) in `text`: its class and score.
///
/// The most permissive level runs first, so a text that cannot match costs one pass.
pub fn best_match(query: &[char], text: &Prepared) -> Option<(MatchClass, i32)> {
    if query.is_empty() || text.is_empty() || !may_match(query, text) {
        return None;
    }
    let mut table = Vec::new();
    let scattered = align(query, text, Mode::Scattered, &mut table)?;
    let Some(contiguous) = align(query, text, Mode::Contiguous, &mut table) else {
        return Some((MatchClass::Scattered, scattered));
    };
    if align(query, text, Mode::Anchored, &mut table).is_some() {
        // Exact: an anchored alignment that ends where only free characters remain.
        let (m, n) = (query.len(), text.len());
        let total = text.nonfree_before[n];
        let last = &table[m * (n + 1)..];
        let exact = (0..=n)
            .filter(|&j| last[j] > NONE && text.nonfree_before[j] == total)
            .map(|j| last[j])
            .max();
        if let Some(s) = exact {
            return Some((MatchClass::Exact, s));
        }
    }
    Some((MatchClass::Contiguous, contiguous))
}

/// Runs the programme and returns the best score. On return, row `m` of `table` holds, for
/// each end position `j` (the text index just after the last unit), the best score of a
/// full alignment ending there.
fn align(q: &[char], t: &Prepared, mode: Mode, table: &mut Vec<i32>) -> Option<i32> {
    let (m, n) = (q.len(), t.len());
    let w = n + 1;
    let nf = &t.nonfree_before;
    // table[i * w + j]: best score with q[..i] consumed and the last unit ending just before
    // text position j.
    table.clear();
    table.resize((m + 1) * w, NONE);
    for i in 0..m {
        let (row, rest) = table.split_at_mut((i + 1) * w);
        let here = &row[i * w..];
        if i > 0 && here.iter().all(|s| *s <= NONE) {
            return None;
        }
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
                adj_best = adj_best.max(here[j]);
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
            // rest[(k - 1) * w + j + 1] is table[(i + k) * w + j + 1].
            if c.lower == q[i] {
                let bonus = if c.readings.is_empty() {
                    0
                } else {
                    HAN_LITERAL
                };
                let s = &mut rest[j + 1];
                *s = (*s).max(start_score + PER_CHAR + bonus);
            }
            for r in &c.readings {
                let common = r
                    .iter()
                    .zip(&q[i..])
                    .take_while(|(a, b)| u32::from(**a) == **b as u32)
                    .count();
                for k in 1..=common {
                    let unit = if k == r.len() {
                        WHOLE_READING
                    } else if k == 1 {
                        INITIAL
                    } else {
                        0
                    };
                    let s = &mut rest[(k - 1) * w + j + 1];
                    *s = (*s).max(start_score + PER_CHAR * k as i32 + unit);
                }
            }
        }
    }
    let best = *table[m * w..].iter().max()?;
    (best > NONE).then_some(best)
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
