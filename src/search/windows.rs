//! Windows named as the hall names them: by name, by the letter of their tickets (`C` for
//! 医疗保险, whose tickets are C001 …), or by the pinyin or its initials (`ylbx`).

use super::matcher::{MatchClass, Prepared, best_match, normalise_query};

pub struct WindowNames {
    windows: Vec<(String, char, Prepared)>,
}

impl WindowNames {
    /// The centre's windows as `(name, ticket prefix)`.
    pub fn new<'a>(windows: impl IntoIterator<Item = (&'a str, char)>) -> Self {
        let readings = super::ib_pinyin_readings();
        WindowNames {
            windows: windows
                .into_iter()
                .map(|(name, prefix)| (name.to_string(), prefix, Prepared::new(name, &readings)))
                .collect(),
        }
    }

    /// The window `text` names: its name, its letter, or its whole name in pinyin or initials.
    /// None when nothing or more than one window answers.
    pub fn resolve(&self, text: &str) -> Option<&str> {
        let text = text.trim();
        if let Some((name, ..)) = self.windows.iter().find(|(n, ..)| n == text) {
            return Some(name);
        }
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_ascii_alphabetic()
            && let Some((name, ..)) = self
                .windows
                .iter()
                .find(|(_, p, _)| p.eq_ignore_ascii_case(&c))
        {
            return Some(name);
        }
        let query = normalise_query(text);
        let mut exact = self.windows.iter().filter(|(_, _, prepared)| {
            matches!(best_match(&query, prepared), Some((MatchClass::Exact, _)))
        });
        match (exact.next(), exact.next()) {
            (Some((name, ..)), None) => Some(name),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hall() -> WindowNames {
        WindowNames::new([("民政救助", 'A'), ("劳动保障", 'B'), ("医疗保险", 'C')])
    }

    #[test]
    fn a_window_is_named_by_its_name_its_letter_or_its_pinyin() {
        let w = hall();
        assert_eq!(w.resolve("医疗保险"), Some("医疗保险"));
        assert_eq!(w.resolve("c"), Some("医疗保险"));
        assert_eq!(w.resolve("B"), Some("劳动保障"));
        assert_eq!(w.resolve("ylbx"), Some("医疗保险"));
        assert_eq!(w.resolve("laodongbaozhang"), Some("劳动保障"));
    }

    #[test]
    fn a_part_of_a_name_or_an_unknown_letter_names_no_window() {
        let w = hall();
        assert_eq!(w.resolve("yl"), None, "the initials must be whole");
        assert_eq!(w.resolve("Z"), None);
        assert_eq!(w.resolve("医疗"), None);
    }
}
