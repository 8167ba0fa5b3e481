//! Key bindings: every action is bound by name, per context, in `keymaps/default.toml`; a
//! user's file overrides only the actions it names. A key means one action within a context.
//! The help, the hint line and `frontdesk keys` are drawn from the loaded map, so they cannot
//! drift from what the keys do.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::toml_fields::{FileProblems, Problem, Sheet, Tbl};

pub use super::action::{Action, Context};

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
            // A terminal sends alt-x as Esc then x; they cannot be told apart, and Esc then a
            // key is read as just that (as on a slow link).
            (Some(_), None) if alt => return None,
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
    bound: BTreeMap<(Context, Action), Vec<Key>>,
}

/// Where each binding was written: the file and its line, so that a conflict names the line
/// to change.
type Origins = BTreeMap<(Context, Action), (usize, usize)>;

/// The built-in default map.
pub const DEFAULT: (&str, &str) = (
    "keymaps/default.toml",
    include_str!("../../keymaps/default.toml"),
);

impl Keymap {
    /// The default map, with the overrides of each file in turn.
    pub fn load(overrides: &[(&str, &str)]) -> Result<Keymap, FileProblems> {
        let mut bound = BTreeMap::new();
        let mut origins = Origins::new();
        let files: Vec<&str> = std::iter::once(DEFAULT.0)
            .chain(overrides.iter().map(|(f, _)| *f))
            .collect();
        read((0, DEFAULT.0), DEFAULT.1, &mut bound, &mut origins, true)?;
        for (i, (file, text)) in overrides.iter().enumerate() {
            read((i + 1, file), text, &mut bound, &mut origins, false)?;
        }
        let map = Keymap { bound };
        map.check_conflicts(&origins, &files)?;
        Ok(map)
    }

    /// Refuses a key bound to two actions of one context, naming the file and line of the
    /// later binding (a user's file's, over the default's).
    fn check_conflicts(&self, origins: &Origins, files: &[&str]) -> Result<(), FileProblems> {
        let mut seen: BTreeMap<(Context, Key), Action> = BTreeMap::new();
        let mut problems = Vec::new();
        let mut file = files.last().copied().unwrap_or(DEFAULT.0);
        for ((context, action), keys) in &self.bound {
            for key in keys {
                if let Some(other) = seen.insert((*context, *key), *action) {
                    let at = |a: Action| origins.get(&(*context, a)).copied().unwrap_or((0, 1));
                    // The later of the two bindings is the one to change.
                    let (later, (which, line)) = [(other, at(other)), (*action, at(*action))]
                        .into_iter()
                        .max_by_key(|(_, origin)| *origin)
                        .unwrap_or((*action, (0, 1)));
                    file = files.get(which).copied().unwrap_or(file);
                    problems.push(Problem {
                        line,
                        field: format!("{}.{}", context.name(), later.name()),
                        message: format!(
                            "key {key} is bound to both {} and {} in [{}]; give one of them another key",
                            other.name(),
                            action.name(),
                            context.name()
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

    /// The action a key stands for in a context.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        context
            .actions()
            .iter()
            .find(|a| self.keys(context, **a).contains(&key))
            .copied()
    }

    pub fn keys(&self, context: Context, action: Action) -> &[Key] {
        self.bound
            .get(&(context, action))
            .map_or(&[], Vec::as_slice)
    }

    /// The keys of an action as shown to the user: `f1/?`.
    pub fn label(&self, context: Context, action: Action) -> String {
        self.keys(context, action)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first key of an action, for the hint line.
    pub fn first(&self, context: Context, action: Action) -> Option<Key> {
        self.keys(context, action).first().copied()
    }
}

/// Reads one file: a section per context (`[desk]`, `[intake]` …). A user's file may also
/// have the `[keys]` section of earlier releases, which binds an action in every context that
/// offers it.
fn read(
    (which, file): (usize, &str),
    text: &str,
    map: &mut BTreeMap<(Context, Action), Vec<Key>>,
    origins: &mut Origins,
    complete: bool,
) -> Result<(), FileProblems> {
    let (mut sheet, doc) = Sheet::parse(file, text)?;
    let root = Sheet::root(&doc);
    let mut sections: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
    if !complete {
        sections.push("keys");
    }
    for reserved in ["kiosk", "display", "pad"] {
        if let Some(v) = root.table.get(reserved) {
            sheet.problem(
                v.span(),
                reserved,
                format!("the {reserved} screen is not part of this release; remove [{reserved}]"),
            );
        }
    }
    let known: Vec<&str> = sections
        .iter()
        .copied()
        .chain(["kiosk", "display", "pad"])
        .collect();
    sheet.only_keys(root, &known);
    if !complete && let Some(keys) = sheet.table(root, "keys", "keys") {
        let every: Vec<Action> = Context::ALL
            .iter()
            .flat_map(|c| c.actions().iter().copied())
            .collect();
        for (action, parsed, line) in section(&mut sheet, keys, &every) {
            for c in Context::ALL.iter().filter(|c| c.offers(action)) {
                map.insert((*c, action), parsed.clone());
                origins.insert((*c, action), (which, line));
            }
        }
    }
    for context in Context::ALL {
        let Some(t) = sheet.table(root, context.name(), context.name()) else {
            if complete {
                sheet.problem(
                    0..0,
                    context.name(),
                    format!("[{}] is missing", context.name()),
                );
            }
            continue;
        };
        let bound = section(&mut sheet, t, context.actions());
        if complete {
            for action in context.actions() {
                if !bound.iter().any(|(a, _, _)| a == action) {
                    sheet.problem(
                        t.span.0..t.span.0,
                        &format!("{}.{}", context.name(), action.name()),
                        "has no key",
                    );
                }
            }
        }
        for (action, keys, line) in bound {
            map.insert((context, action), keys);
            origins.insert((context, action), (which, line));
        }
    }
    sheet.finish(())
}

/// The bindings of one section, for the actions it may name, each with its line.
fn section(sheet: &mut Sheet, t: Tbl, actions: &[Action]) -> Vec<(Action, Vec<Key>, usize)> {
    let names: Vec<&str> = actions.iter().map(|a| a.name()).collect();
    sheet.only_keys(t, &names);
    let mut out = Vec::new();
    for action in actions {
        let Some(value) = t.table.get(action.name()) else {
            continue;
        };
        let field = format!("{}.{}", t.path, action.name());
        let line = sheet.line_of(value.span().start);
        let list = if value.get_ref().is_str() {
            sheet.opt_str(t, action.name()).into_iter().collect()
        } else {
            sheet.str_list(t, action.name())
        };
        let mut parsed = Vec::new();
        for k in list {
            match Key::parse(k.get_ref()) {
                Some(key) => parsed.push(key),
                None => sheet.problem(
                    k.span(),
                    &field,
                    format!(
                        "`{}` is not a key; write a character, a named key like enter or f1, with ctrl- in front if needed (alt- only before a named key: a terminal sends alt-x as esc then x)",
                        k.get_ref()
                    ),
                ),
            }
        }
        out.push((*action, parsed, line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap()
    }

    #[test]
    fn the_default_map_binds_every_action_of_every_context_without_conflicts() {
        let map = Keymap::load(&[]).unwrap();
        for c in Context::ALL {
            for a in c.actions() {
                assert!(
                    !map.keys(c, *a).is_empty(),
                    "{}.{} has no key",
                    c.name(),
                    a.name()
                );
            }
        }
        assert_eq!(map.label(Context::Desk, Action::Help), "f1/?");
        assert_eq!(
            map.action(Context::Desk, key("n")),
            Some(Action::NextVisitor)
        );
        assert_eq!(map.action(Context::Supervise, key("n")), None);
    }

    #[test]
    fn a_key_means_one_action_per_context_and_may_mean_another_elsewhere() {
        let map = Keymap::load(&[]).unwrap();
        assert_eq!(
            map.action(Context::Intake, key("tab")),
            Some(Action::NextField)
        );
        assert_eq!(
            map.action(Context::Desk, key("tab")),
            Some(Action::NextPane)
        );
    }

    #[test]
    fn a_user_file_overrides_only_the_actions_it_names_in_its_context() {
        let map = Keymap::load(&[("keys.toml", "[desk]\nnext_visitor = \"f2\"\n")]).unwrap();
        assert_eq!(map.label(Context::Desk, Action::NextVisitor), "f2");
        assert_eq!(map.label(Context::Desk, Action::Recall), "r");
        assert_eq!(map.action(Context::Desk, key("n")), None);
    }

    #[test]
    fn an_earlier_releases_keys_section_binds_in_every_context() {
        let map = Keymap::load(&[("keys.toml", "[keys]\ncancel = \"f9\"\n")]).unwrap();
        for c in Context::ALL {
            assert_eq!(map.label(c, Action::Cancel), "f9", "{}", c.name());
        }
    }

    #[test]
    fn the_keypad_map_loads_over_the_default() {
        let map = Keymap::load(&[(
            "keymaps/keypad.toml",
            include_str!("../../keymaps/keypad.toml"),
        )])
        .unwrap();
        assert_eq!(
            map.action(Context::Desk, key("+")),
            Some(Action::NextVisitor)
        );
    }

    #[test]
    fn a_conflict_names_the_line_of_the_binding_written_later() {
        // `finish` keeps its default key b; next_visitor is moved onto it on line 3.
        let text = "# mine\n[desk]\nnext_visitor = \"b\"\n";
        let err = Keymap::load(&[("keys.toml", text)]).unwrap_err();
        assert_eq!(
            err.lines(),
            [
                "keys.toml:3: desk.next_visitor: key b is bound to both next_visitor and finish in [desk]; give one of them another key"
            ]
        );
    }

    #[test]
    fn a_key_bound_twice_in_one_context_is_refused_naming_both_actions() {
        let err = Keymap::load(&[("keys.toml", "[desk]\nrecall = \"n\"\n")]).unwrap_err();
        assert_eq!(
            err.lines(),
            [
                "keys.toml:2: desk.recall: key n is bound to both next_visitor and recall in [desk]; give one of them another key"
            ]
        );
    }

    #[test]
    fn an_unknown_action_or_key_names_its_line() {
        let err =
            Keymap::load(&[("k.toml", "[desk]\nfly = \"f\"\nrecall = \"hyper-x\"\n")]).unwrap_err();
        let lines = err.lines();
        assert!(
            lines[0].starts_with("k.toml:2: desk.fly: unknown key"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("k.toml:3: desk.recall: `hyper-x` is not a key"),
            "{lines:?}"
        );
    }

    #[test]
    fn alt_before_a_character_is_refused_because_a_terminal_sends_it_as_esc_then_the_key() {
        assert!(Key::parse("alt-x").is_none());
        assert!(Key::parse("alt-up").is_some());
    }
}
