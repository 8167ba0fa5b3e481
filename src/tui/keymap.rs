//! Key bindings: every action the console offers, bound by name in `keymaps/default.toml`; a
//! user's file overrides only the actions it names. The help overlay and `frontdesk keys` are
//! drawn from the loaded map, so they cannot drift from what the keys do.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::toml_fields::{FileProblems, Sheet};

/// Everything a user can do at the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    NextVisitor,
    NewTicket,
    NewPriorityTicket,
    Recall,
    NoShow,
    Transfer,
    NewCase,
    Search,
    ToggleMaterial,
    AllInHand,
    Confirm,
    Cancel,
    CompleteCase,
    ExtendCase,
    RejectCase,
    Supplement,
    LogEnquiry,
    DutyLog,
    RequestLeave,
    Approve,
    Refuse,
    ReportUp,
    AddCoWindow,
    ShowNotice,
    FindCase,
    OverrideKind,
    FocusQueue,
    FocusCase,
    FocusDeadlines,
    FocusToday,
    NextPane,
    PreviousPane,
    Up,
    Down,
    Refresh,
    Help,
    Quit,
}

impl Action {
    pub const ALL: [Action; 37] = [
        Action::NextVisitor,
        Action::NewTicket,
        Action::NewPriorityTicket,
        Action::Recall,
        Action::NoShow,
        Action::Transfer,
        Action::NewCase,
        Action::Search,
        Action::ToggleMaterial,
        Action::AllInHand,
        Action::Confirm,
        Action::Cancel,
        Action::CompleteCase,
        Action::ExtendCase,
        Action::RejectCase,
        Action::Supplement,
        Action::LogEnquiry,
        Action::DutyLog,
        Action::RequestLeave,
        Action::Approve,
        Action::Refuse,
        Action::ReportUp,
        Action::AddCoWindow,
        Action::ShowNotice,
        Action::FindCase,
        Action::OverrideKind,
        Action::FocusQueue,
        Action::FocusCase,
        Action::FocusDeadlines,
        Action::FocusToday,
        Action::NextPane,
        Action::PreviousPane,
        Action::Up,
        Action::Down,
        Action::Refresh,
        Action::Help,
        Action::Quit,
    ];

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Action::NextVisitor => "next_visitor",
            Action::NewTicket => "new_ticket",
            Action::NewPriorityTicket => "new_priority_ticket",
            Action::Recall => "recall",
            Action::NoShow => "no_show",
            Action::Transfer => "transfer",
            Action::NewCase => "new_case",
            Action::Search => "search",
            Action::ToggleMaterial => "toggle_material",
            Action::AllInHand => "all_in_hand",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::CompleteCase => "complete_case",
            Action::ExtendCase => "extend_case",
            Action::RejectCase => "reject_case",
            Action::Supplement => "supplement",
            Action::LogEnquiry => "log_enquiry",
            Action::DutyLog => "duty_log",
            Action::RequestLeave => "request_leave",
            Action::Approve => "approve",
            Action::Refuse => "refuse",
            Action::ReportUp => "report_up",
            Action::AddCoWindow => "add_co_window",
            Action::ShowNotice => "show_notice",
            Action::FindCase => "find_case",
            Action::OverrideKind => "override_kind",
            Action::FocusQueue => "focus_queue",
            Action::FocusCase => "focus_case",
            Action::FocusDeadlines => "focus_deadlines",
            Action::FocusToday => "focus_today",
            Action::NextPane => "next_pane",
            Action::PreviousPane => "previous_pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::Refresh => "refresh",
            Action::Help => "help",
            Action::Quit => "quit",
        }
    }
}

/// One key with its modifiers, as written in a keymap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    code: KeyName,
    ctrl: bool,
    alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum KeyName {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Space,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
}

const NAMED: [(&str, KeyName); 15] = [
    ("enter", KeyName::Enter),
    ("esc", KeyName::Esc),
    ("tab", KeyName::Tab),
    ("backtab", KeyName::BackTab),
    ("space", KeyName::Space),
    ("up", KeyName::Up),
    ("down", KeyName::Down),
    ("left", KeyName::Left),
    ("right", KeyName::Right),
    ("pageup", KeyName::PageUp),
    ("pagedown", KeyName::PageDown),
    ("home", KeyName::Home),
    ("end", KeyName::End),
    ("backspace", KeyName::Backspace),
    ("delete", KeyName::Delete),
];

impl Key {
    pub fn parse(text: &str) -> Option<Key> {
        let (mut ctrl, mut alt, mut rest) = (false, false, text.trim());
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                (ctrl, rest) = (true, r);
            } else if let Some(r) = rest.strip_prefix("alt-") {
                (alt, rest) = (true, r);
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyName::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, k)) = NAMED.iter().find(|(n, _)| *n == lower) {
                    *k
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    KeyName::F(n)
                } else {
                    return None;
                }
            }
        };
        Some(Key { code, ctrl, alt })
    }

    /// The key a terminal event stands for.
    pub fn from_event(e: KeyEvent) -> Option<Key> {
        let code = match e.code {
            KeyCode::Char(' ') => KeyName::Space,
            KeyCode::Char(c) => KeyName::Char(c),
            KeyCode::F(n) => KeyName::F(n),
            KeyCode::Enter => KeyName::Enter,
            KeyCode::Esc => KeyName::Esc,
            KeyCode::Tab => KeyName::Tab,
            KeyCode::BackTab => KeyName::BackTab,
            KeyCode::Up => KeyName::Up,
            KeyCode::Down => KeyName::Down,
            KeyCode::Left => KeyName::Left,
            KeyCode::Right => KeyName::Right,
            KeyCode::PageUp => KeyName::PageUp,
            KeyCode::PageDown => KeyName::PageDown,
            KeyCode::Home => KeyName::Home,
            KeyCode::End => KeyName::End,
            KeyCode::Backspace => KeyName::Backspace,
            KeyCode::Delete => KeyName::Delete,
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "f{n}"),
            other => {
                let name = NAMED
                    .iter()
                    .find(|(_, k)| *k == other)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    by_action: BTreeMap<Action, Vec<Key>>,
}

/// The built-in default map.
pub const DEFAULT: (&str, &str) = (
    "keymaps/default.toml",
    include_str!("../../keymaps/default.toml"),
);

impl Keymap {
    /// The default map, with the overrides of each file in turn.
    pub fn load(overrides: &[(&str, &str)]) -> Result<Keymap, FileProblems> {
        let mut by_action = BTreeMap::new();
        read(DEFAULT.0, DEFAULT.1, &mut by_action, true)?;
        for (file, text) in overrides {
            read(file, text, &mut by_action, false)?;
        }
        let map = Keymap { by_action };
        map.check_conflicts(overrides.last().map_or(DEFAULT.0, |(f, _)| f))?;
        Ok(map)
    }

    fn check_conflicts(&self, file: &str) -> Result<(), FileProblems> {
        let mut seen: BTreeMap<Key, Action> = BTreeMap::new();
        let mut problems = Vec::new();
        for (action, keys) in &self.by_action {
            for key in keys {
                if let Some(other) = seen.insert(*key, *action) {
                    problems.push(crate::domain::toml_fields::Problem {
                        line: 1,
                        field: format!("keys.{}", action.name()),
                        message: format!(
                            "key {key} is bound to both {} and {}; give one of them another key",
                            other.name(),
                            action.name()
                        ),
                    });
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(FileProblems {
                file: file.to_string(),
                problems,
            })
        }
    }

    /// The action a key stands for.
    pub fn action(&self, key: Key) -> Option<Action> {
        self.by_action
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(a, _)| *a)
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The keys of an action as shown to the user: `f1/?`.
    pub fn label(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }
}

fn read(
    file: &str,
    text: &str,
    map: &mut BTreeMap<Action, Vec<Key>>,
    complete: bool,
) -> Result<(), FileProblems> {
    let (mut sheet, doc) = Sheet::parse(file, text)?;
    let root = Sheet::root(&doc);
    sheet.only_keys(root, &["keys"]);
    if let Some(keys) = sheet.table(root, "keys", "keys") {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        sheet.only_keys(keys, &names);
        for action in Action::ALL {
            let Some(value) = keys.table.get(action.name()) else {
                continue;
            };
            let list = if value.get_ref().is_str() {
                sheet.opt_str(keys, action.name()).into_iter().collect()
            } else {
                sheet.str_list(keys, action.name())
            };
            let mut parsed = Vec::new();
            for k in list {
                match Key::parse(k.get_ref()) {
                    Some(key) => parsed.push(key),
                    None => sheet.problem(
                        k.span(),
                        &format!("keys.{}", action.name()),
                        format!("`{}` is not a key; write a character, a named key like enter or f1, with ctrl- or alt- before it if needed", k.get_ref()),
                    ),
                }
            }
            map.insert(action, parsed);
        }
    }
    if complete {
        for action in Action::ALL {
            if !map.contains_key(&action) {
                sheet.problem(0..0, "keys", format!("{} has no key", action.name()));
            }
        }
    }
    sheet.finish(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_map_binds_every_action_without_conflicts() {
        let map = Keymap::load(&[]).unwrap();
        for a in Action::ALL {
            assert!(!map.keys(a).is_empty(), "{} has no key", a.name());
        }
        assert_eq!(map.label(Action::Help), "f1/?");
        assert_eq!(
            map.action(Key::parse("n").unwrap()),
            Some(Action::NextVisitor)
        );
    }

    #[test]
    fn a_user_file_overrides_only_the_actions_it_names() {
        let map = Keymap::load(&[("keys.toml", "[keys]\nnext_visitor = \"f2\"\n")]).unwrap();
        assert_eq!(map.label(Action::NextVisitor), "f2");
        assert_eq!(map.label(Action::Recall), "r");
        assert_eq!(map.action(Key::parse("n").unwrap()), None);
    }

    #[test]
    fn the_keypad_map_loads_over_the_default() {
        let map = Keymap::load(&[(
            "keymaps/keypad.toml",
            include_str!("../../keymaps/keypad.toml"),
        )])
        .unwrap();
        assert_eq!(
            map.action(Key::parse("+").unwrap()),
            Some(Action::NextVisitor)
        );
    }

    #[test]
    fn a_key_bound_twice_is_refused_naming_both_actions() {
        let err = Keymap::load(&[("keys.toml", "[keys]\nrecall = \"n\"\n")]).unwrap_err();
        assert_eq!(
            err.lines(),
            [
                "keys.toml:1: keys.recall: key n is bound to both next_visitor and recall; give one of them another key"
            ]
        );
    }

    #[test]
    fn an_unknown_action_or_key_names_its_line() {
        let err =
            Keymap::load(&[("k.toml", "[keys]\nfly = \"f\"\nrecall = \"hyper-x\"\n")]).unwrap_err();
        let lines = err.lines();
        assert!(
            lines[0].starts_with("k.toml:2: keys.fly: unknown key"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("k.toml:3: keys.recall: `hyper-x` is not a key"),
            "{lines:?}"
        );
    }
}
