//! What every part of the console reads and none changes: who is signed in and what they may
//! do, the language, the look and the keys.

use crate::protocol::StaffInfo;

use super::action::{Action, Allowed, Context};
use super::keymap::Keymap;
use super::text::{Lang, T};
use super::theme::Theme;

pub struct Cx {
    pub me: StaffInfo,
    pub demo: bool,
    /// The window of the signed-in clerk (their A post, else their B post).
    pub my_window: Option<String>,
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    /// What the help and the hint line offer: refreshed when the day's duty changes.
    pub allowed: Allowed,
}

impl Cx {
    pub fn new(me: StaffInfo, demo: bool, lang: Lang, theme: Theme, keymap: Keymap) -> Cx {
        let my_window = me.windows.first().cloned();
        let allowed = Allowed {
            may: me.may.clone(),
            leads_today: me.may.decide_leave_any_day,
            own_window: my_window.is_some(),
        };
        Cx {
            me,
            demo,
            my_window,
            lang,
            theme,
            keymap,
            allowed,
        }
    }

    pub fn t(&self, t: T) -> &'static str {
        t.get(self.lang)
    }

    /// `key text` for an action, as the hint line and prompts name it.
    pub fn key_hint(&self, context: Context, action: Action) -> Option<String> {
        let key = self.keymap.first(context, action)?;
        Some(format!(
            "{key} {}",
            super::text::hint_text(action, self.lang)
        ))
    }
}
