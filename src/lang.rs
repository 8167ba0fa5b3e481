//! The language people read: Simplified Chinese (the console's default) or English (`--lang en`,
//! and the headless commands). The console's words are in `tui::text`; what the server says
//! when it refuses something is in `refusal`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Zh,
    /// The default on the wire, so a client that names no language reads English.
    #[default]
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The text in this language, of two already written.
    pub fn pick(self, en: String, zh: String) -> String {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}
