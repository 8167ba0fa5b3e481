//! The English words the domain puts into its errors (a case's state, what was tried), with
//! their Chinese. One table serves the Chinese console and the reading back of a recorded
//! refusal, whose words are kept as the domain wrote them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `(English, Chinese)`; a test checks that every word the domain uses is here.
pub const WORDS: &[(&str, &str)] = &[
    // Case states.
    ("open", "办理中"),
    ("completed", "已办结"),
    ("rejected", "已驳回"),
    ("admitted", "决定受理"),
    // What was tried on a case.
    ("given supplements", "补交材料"),
    ("extended", "延期"),
    ("extend", "延期"),
    ("paused", "暂停计时"),
    ("pause", "暂停计时"),
    ("resumed", "恢复计时"),
    ("reported up", "上报"),
    ("lapsed", "容缺失效"),
    ("referred", "转办"),
    ("given a co-window", "增加联办窗口"),
    ("changed", "变更"),
    // Dates that must not come too early.
    ("a supplement", "补交"),
    ("completion", "办结"),
    ("a rejection", "驳回"),
    ("an admission", "决定受理"),
    ("reporting up", "上报"),
    ("a co-window", "增加联办窗口"),
    ("a review", "复核"),
    ("a pause", "暂停"),
    ("resuming", "恢复计时"),
    ("started", "开始计时"),
    ("was paused", "暂停"),
    // Tickets.
    ("waiting", "等候中"),
    ("called", "已叫号"),
    ("a no-show", "已过号"),
    ("recalled", "重呼"),
    ("marked a no-show", "记为过号"),
    ("transferred", "转窗口"),
    ("done", "已办完"),
    ("finished", "办完"),
];

/// The Chinese of a word of [`WORDS`]; a word not listed shows as it is.
pub fn chinese(en: &str) -> &str {
    WORDS
        .iter()
        .find(|(e, _)| *e == en)
        .map_or(en, |(_, zh)| zh)
}

/// The domain's own copy of a word read back from a record, one of [`WORDS`]. An unknown word
/// (from a later release) reads as `?`.
pub fn known(word: &str) -> &'static str {
    WORDS
        .iter()
        .map(|(en, _)| *en)
        .find(|w| *w == word)
        .unwrap_or("?")
}

/// A word of [`WORDS`] inside an error: written as text, read back as the domain's own copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word(pub &'static str);

impl std::ops::Deref for Word {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Word {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Word, D::Error> {
        Ok(Word(known(&String::deserialize(d)?)))
    }
}
