//! How long each kind of text in a request may be, and how many items a list may hold: the one
//! table of input limits (README, "Limits"). They are far above what a real centre writes (a
//! name of 50 characters, a reason of 500, an enquiry of 2,000), so that they only ever stop a
//! mistake or an abuse, and every request is checked against them before anything is stored.
//! Lengths are counted in characters (Unicode scalar values), not bytes: 50 Chinese characters
//! are as long a name as 50 Latin letters.

use serde::{Deserialize, Serialize};

/// What a text field holds, which decides its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Text {
    /// A person's name: an applicant, a caller.
    Name,
    /// A phone number as typed, spaces and hyphens included.
    Phone,
    /// An ID number (身份证号码) as typed.
    IdNumber,
    /// Why something was done: a refusal, an extension, an override, leave (理由, 审查意见).
    Reason,
    /// What was asked in an enquiry, and its outcome.
    Enquiry,
    /// An entry of the duty log (值班记录).
    DutyLog,
    /// What a complaint says, and its reply.
    Complaint,
    /// A staff code (工号).
    StaffCode,
    /// A window: its name, ticket letter or pinyin.
    Window,
    /// A service item's code.
    ItemCode,
    /// A ticket's number (`A012`).
    TicketNumber,
    /// One material's name.
    Material,
    /// What is searched for: the catalogue, a case by number or applicant.
    Query,
    /// A page's cursor, or the key of a selected row.
    Cursor,
    /// A PIN (4 to 8 digits when valid; the limit only bounds what is read).
    Pin,
    /// The client's version, in its hello.
    Version,
    /// An audit target as the command line writes it (`case/12`).
    AuditTarget,
    /// A file's path (a backup).
    Path,
}

/// The limits, in characters: the one table.
pub const TEXT_LIMITS: [(Text, usize); 18] = [
    (Text::Name, 50),
    (Text::Phone, 32),
    (Text::IdNumber, 32),
    (Text::Reason, 500),
    (Text::Enquiry, 2_000),
    (Text::DutyLog, 2_000),
    (Text::Complaint, 2_000),
    (Text::StaffCode, 32),
    (Text::Window, 50),
    (Text::ItemCode, 64),
    (Text::TicketNumber, 16),
    (Text::Material, 100),
    (Text::Query, 100),
    (Text::Cursor, 200),
    (Text::Pin, 16),
    (Text::Version, 64),
    (Text::AuditTarget, 200),
    (Text::Path, 1_024),
];

/// A list in a request, which decides how many items it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum List {
    /// Materials named in one request (in hand, promised, supplemented, unusable).
    Materials,
    /// Duty days swapped in one request for leave.
    Swaps,
}

/// How many items each list may hold.
pub const LIST_LIMITS: [(List, usize); 2] = [(List::Materials, 100), (List::Swaps, 31)];

impl Text {
    /// At most this many characters.
    pub fn max(self) -> usize {
        TEXT_LIMITS
            .iter()
            .find(|(t, _)| *t == self)
            .map_or(0, |(_, n)| *n)
    }

    /// What the text is, in English.
    pub fn what(self) -> &'static str {
        match self {
            Text::Name => "a name",
            Text::Phone => "a phone number",
            Text::IdNumber => "an ID number",
            Text::Reason => "a reason",
            Text::Enquiry => "an enquiry's text",
            Text::DutyLog => "a duty log entry",
            Text::Complaint => "a complaint or its reply",
            Text::StaffCode => "a staff code",
            Text::Window => "a window",
            Text::ItemCode => "an item code",
            Text::TicketNumber => "a ticket number",
            Text::Material => "a material's name",
            Text::Query => "a search",
            Text::Cursor => "a page cursor",
            Text::Pin => "a PIN",
            Text::Version => "a version",
            Text::AuditTarget => "an audit target",
            Text::Path => "a file path",
        }
    }
}

impl List {
    /// At most this many items.
    pub fn max(self) -> usize {
        LIST_LIMITS
            .iter()
            .find(|(l, _)| *l == self)
            .map_or(0, |(_, n)| *n)
    }

    pub fn what(self) -> &'static str {
        match self {
            List::Materials => "materials",
            List::Swaps => "duty swaps",
        }
    }
}

/// A field over its limit. Names the request (`case.open`), the field as the request names it
/// (`applicant`), the limit and what was given, never the text itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum LimitError {
    #[error(
        "{act}: `{field}` ({}) is {given} characters long; at most {limit} are allowed. Shorten it and send it again; nothing was stored",
        text.what()
    )]
    TooLong {
        act: String,
        field: String,
        text: Text,
        limit: usize,
        given: usize,
    },
    #[error(
        "{act}: `{field}` names {given} {}; at most {limit} are allowed in one request. Send fewer; nothing was stored",
        list.what()
    )]
    TooMany {
        act: String,
        field: String,
        list: List,
        limit: usize,
        given: usize,
    },
}

/// Its length in characters, counted only as far as needed: a text of no more bytes than the
/// limit is within it without counting.
fn within(value: &str, max: usize) -> Result<(), usize> {
    if value.len() <= max {
        return Ok(());
    }
    match value.chars().count() {
        n if n <= max => Ok(()),
        n => Err(n),
    }
}

/// Checks one request's fields against the table, keeping the first over its limit.
#[derive(Debug)]
pub struct Bounds {
    act: String,
    over: Option<LimitError>,
}

impl Bounds {
    /// A check of the request whose act is `act` (`case.open`, `hello`).
    pub fn of(act: impl Into<String>) -> Self {
        Bounds {
            act: act.into(),
            over: None,
        }
    }

    pub fn text(&mut self, field: &str, text: Text, value: &str) -> &mut Self {
        if self.over.is_none()
            && let Err(given) = within(value, text.max())
        {
            self.over = Some(LimitError::TooLong {
                act: self.act.clone(),
                field: field.to_string(),
                text,
                limit: text.max(),
                given,
            });
        }
        self
    }

    pub fn maybe(&mut self, field: &str, text: Text, value: Option<&String>) -> &mut Self {
        match value {
            Some(v) => self.text(field, text, v),
            None => self,
        }
    }

    /// A list: its count, then each item.
    pub fn list(&mut self, field: &str, list: List, text: Text, items: &[String]) -> &mut Self {
        self.count(field, list, items.len());
        for item in items {
            self.text(field, text, item);
        }
        self
    }

    pub fn count(&mut self, field: &str, list: List, given: usize) -> &mut Self {
        if self.over.is_none() && given > list.max() {
            self.over = Some(LimitError::TooMany {
                act: self.act.clone(),
                field: field.to_string(),
                list,
                limit: list.max(),
                given,
            });
        }
        self
    }

    /// The first field over its limit, if any.
    pub fn result(self) -> Result<(), LimitError> {
        self.over.map_or(Ok(()), Err)
    }
}

/// The longest text of a refused peer's staff code kept in the audit trail.
pub const AUDIT_CODE_CHARS: usize = 32;

/// A staff code given by a peer who may be refused, as the audit trail keeps it: every control
/// character shown by its picture (`␛` for ESC, `␊` for a line feed) and every other invisible
/// or direction-changing one by its code point (`⟨U+202E⟩`), so that no terminal reading the
/// log is steered by it and no escape of a later printer doubles; cut to [`AUDIT_CODE_CHARS`]
/// with the length it had (`ABC…(700000 characters)`).
pub fn audit_code(raw: &str) -> String {
    let mut out = String::new();
    let mut cut = false;
    for (kept, c) in raw.trim().chars().enumerate() {
        if kept == AUDIT_CODE_CHARS {
            cut = true;
            break;
        }
        match c {
            '\0'..='\u{1f}' => out.extend(char::from_u32(0x2400 + c as u32)),
            '\u{7f}' => out.push('\u{2421}'),
            c if crate::inert::is_unsafe(c) => out.push_str(&format!("⟨U+{:04X}⟩", c as u32)),
            c => out.push(c),
        }
    }
    if cut {
        out.push_str(&format!("…({} characters)", raw.trim().chars().count()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_kind_of_text_and_list_has_one_limit_in_the_table() {
        for t in Text::iter() {
            assert_eq!(
                TEXT_LIMITS.iter().filter(|(k, _)| *k == t).count(),
                1,
                "{t:?}"
            );
            assert!(t.max() > 0);
        }
        for l in List::iter() {
            assert_eq!(
                LIST_LIMITS.iter().filter(|(k, _)| *k == l).count(),
                1,
                "{l:?}"
            );
        }
    }

    #[test]
    fn a_limit_counts_characters_not_bytes() {
        let fifty = "张".repeat(50);
        assert!(
            Bounds::of("case.open")
                .text("applicant", Text::Name, &fifty)
                .over
                .is_none()
        );
        let over = "张".repeat(51);
        let mut b = Bounds::of("case.open");
        b.text("applicant", Text::Name, &over);
        assert_eq!(
            b.result(),
            Err(LimitError::TooLong {
                act: "case.open".into(),
                field: "applicant".into(),
                text: Text::Name,
                limit: 50,
                given: 51,
            })
        );
    }

    #[test]
    fn a_refused_code_is_kept_cut_and_escaped() {
        assert_eq!(audit_code(" C01 "), "C01");
        assert_eq!(audit_code("C\u{1b}[2J"), "C␛[2J");
        assert_eq!(audit_code("A\u{202e}B\nC\u{85}D"), "A⟨U+202E⟩B␊C⟨U+0085⟩D");
        let long = audit_code(&"X".repeat(700_000));
        assert!(long.starts_with(&"X".repeat(AUDIT_CODE_CHARS)));
        assert!(long.ends_with("…(700000 characters)"), "{long}");
        assert!(long.chars().count() < 64);
    }

    proptest! {
        #[test]
        fn the_limit_check_never_panics_and_refuses_exactly_what_is_too_long(
            s in prop::collection::vec(any::<char>(), 0..3_000).prop_map(String::from_iter),
            t in prop::sample::select(Text::iter().collect::<Vec<_>>()),
        ) {
            let mut b = Bounds::of("any");
            b.text("field", t, &s);
            let n = s.chars().count();
            match b.result() {
                Ok(()) => prop_assert!(n <= t.max()),
                Err(LimitError::TooLong { given, limit, .. }) => {
                    prop_assert_eq!(given, n);
                    prop_assert!(given > limit);
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }

        #[test]
        fn a_kept_code_is_always_short_and_holds_no_control_character(s in any::<String>()) {
            let kept = audit_code(&s);
            prop_assert!(kept.chars().count() <= AUDIT_CODE_CHARS * 10 + 40);
            prop_assert!(!kept.chars().any(crate::inert::is_unsafe));
        }
    }
}
