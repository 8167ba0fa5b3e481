//! The centre, catalogue and keymap files (TOML, hand-edited): every edit of the real files
//! loads or is refused with each problem at its line and field.

use std::collections::BTreeSet;

use frontdesk::domain::catalogue::Catalogue;
use frontdesk::domain::centre::Centre;
use frontdesk::fixtures;
use frontdesk::tui::keymap::{Key, Keymap};
use proptest::prelude::*;

use super::mutate::{apply, cuts, edits};
use super::{check_problems, config};

const KEYPAD: &str = include_str!("../../../keymaps/keypad.toml");
const DEFAULT_KEYS: &str = include_str!("../../../keymaps/default.toml");

fn centre(text: &str) -> Result<(), String> {
    match Centre::parse("centre.toml", text) {
        Ok(_) => Ok(()),
        Err(e) => check_problems("centre.toml", text, &e),
    }
}

fn windows() -> &'static BTreeSet<String> {
    static W: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        fixtures::centre()
            .windows
            .into_iter()
            .map(|w| w.name)
            .collect()
    })
}

fn catalogue(text: &str) -> Result<(), String> {
    for known in [None, Some(windows())] {
        if let Err(e) = Catalogue::parse_for_windows("catalogue.toml", text, known) {
            check_problems("catalogue.toml", text, &e)?;
        }
    }
    Ok(())
}

fn keymap(text: &str) -> Result<(), String> {
    match Keymap::load(&[("keys.toml", text)]) {
        Ok(_) => Ok(()),
        Err(e) => check_problems("keys.toml", text, &e),
    }
}

#[test]
fn a_centre_file_cut_at_any_point_loads_or_names_each_problem() {
    for cut in cuts(fixtures::CENTRE.1) {
        centre(cut).unwrap();
    }
}

#[test]
fn a_keymap_cut_at_any_point_loads_or_names_each_problem() {
    for text in [KEYPAD, DEFAULT_KEYS] {
        for cut in cuts(text) {
            keymap(cut).unwrap();
        }
    }
}

#[test]
fn a_catalogue_cut_at_any_line_loads_or_names_each_problem() {
    let text = fixtures::CATALOGUE.1;
    for (i, _) in text.match_indices('\n').step_by(7) {
        catalogue(&text[..i]).unwrap();
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn an_edited_centre_file_loads_or_names_each_problem_by_line_and_field(e in edits(4)) {
        let text = apply(fixtures::CENTRE.1, &e);
        if let Err(why) = centre(&text) {
            prop_assert!(false, "{why}\n--- the file ---\n{text}");
        }
    }

    #[test]
    fn an_edited_catalogue_loads_or_names_each_problem_by_line_and_field(e in edits(4)) {
        let text = apply(fixtures::CATALOGUE.1, &e);
        if let Err(why) = catalogue(&text) {
            prop_assert!(false, "{why}\n--- the file ---\n{text}");
        }
    }

    #[test]
    fn an_edited_keymap_loads_or_names_each_problem_by_line_and_field(
        e in edits(4),
        default in any::<bool>(),
    ) {
        let text = apply(if default { DEFAULT_KEYS } else { KEYPAD }, &e);
        if let Err(why) = keymap(&text) {
            prop_assert!(false, "{why}\n--- the file ---\n{text}");
        }
    }

    #[test]
    fn any_text_as_a_centre_catalogue_or_keymap_file_is_refused_naming_its_line(
        text in prop_oneof![
            "\\PC{0,200}",
            prop::collection::vec(any::<u8>(), 0..200)
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            "(\\[{1,2}[a-z]{0,8}\\]{0,2}\n|[a-z_]{1,12} ?= ?[\\PC]{0,10}\n){0,12}",
        ],
    ) {
        for check in [centre, catalogue, keymap] {
            if let Err(why) = check(&text) {
                prop_assert!(false, "{why}\n--- the file ---\n{text}");
            }
        }
    }

    #[test]
    fn any_text_is_a_key_or_not_and_a_key_reads_back_as_itself(
        text in prop_oneof![
            "\\PC{0,12}",
            "((ctrl|alt|CTRL)-){0,3}([a-z+*.\\-]|f[0-9+]{1,3}|enter|esc|tab|space|up|PageDown)",
        ],
    ) {
        if let Some(key) = Key::parse(&text) {
            prop_assert_eq!(Key::parse(&key.to_string()), Some(key), "{}", key);
        }
    }
}
