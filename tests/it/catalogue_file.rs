//! The catalogue file (RULES §2, §3, §4, §12): checked on load, every problem named with its line.

use std::collections::BTreeSet;

use frontdesk::domain::catalogue::{Catalogue, ItemKind};
const GOOD: &str = r#"
[[item]]
code = "T-1"
name = "测试事项"
window = "民政救助"
kind = "承诺件"
committed_days = 5
statutory_days = 10
fee = "不收费"
basis = "依据"
conditions = "条件"
procedure = ["受理", "办结"]

[[item.material]]
name = "居民身份证"
main = true
copies = 1
"#;

fn problems(text: &str) -> Vec<String> {
    Catalogue::parse("c.toml", text).unwrap_err().lines()
}

#[test]
fn well_formed_item_is_read_with_its_materials() {
    let c = Catalogue::parse("c.toml", GOOD).unwrap();
    let item = c.get("T-1").unwrap();
    assert_eq!(item.kind, ItemKind::Committed);
    assert_eq!(item.committed_days, 5);
    assert_eq!(item.statutory_days, Some(10));
    assert!(item.material("居民身份证").unwrap().main);
}

#[test]
fn committed_limit_above_statutory_is_a_catalogue_error() {
    let text = GOOD.replace("committed_days = 5", "committed_days = 12");
    assert_eq!(
        problems(&text),
        vec![
            "c.toml:7: item.committed_days: committed_days 12 is above statutory_days 10: the committed limit may never exceed the statutory one (RULES §4)"
        ]
    );
}

#[test]
fn immediate_item_must_have_zero_committed_days() {
    let text = GOOD.replace("承诺件", "即办件");
    assert_eq!(
        problems(&text),
        vec![
            "c.toml:7: item.committed_days: a 即办件 is done the same day: committed_days must be 0, not 5"
        ]
    );
}

#[test]
fn joint_item_without_co_windows_is_refused() {
    let text = GOOD.replace("承诺件", "联办件");
    assert_eq!(
        problems(&text),
        vec![
            "c.toml:6: item.co_windows: a 联办件 needs co_windows: the other windows that handle it"
        ]
    );
}

#[test]
fn item_without_a_main_material_is_refused() {
    let text = GOOD.replace("main = true", "main = false");
    let p = problems(&text);
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with("c.toml:2: item.material: the item has no main material"),
        "{p:?}"
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = format!(
        "{GOOD}{}",
        GOOD.replace("承诺件", "特急件")
            .replace("居民身份证\"", "居民身份证\"\ncolour = 1")
    );
    let p = problems(&text);
    assert_eq!(
        p,
        vec![
            "c.toml:20: item.code: duplicate code `T-1`; line 3 has it already",
            "c.toml:21: item.name: duplicate name `测试事项`; line 4 has it already",
            "c.toml:23: item.kind: unknown kind `特急件`; use one of 即办件 承诺件 联办件 上报件",
            "c.toml:33: item.material.colour: unknown key; allowed here: name, main, copies, note, for_window",
        ]
    );
}

#[test]
fn item_window_must_be_one_of_the_centre_windows() {
    let windows = BTreeSet::from(["劳动保障".to_string()]);
    let err = Catalogue::parse_for_windows("c.toml", GOOD, Some(&windows)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "c.toml:5: item.window: the centre has no window `民政救助`; its windows are 劳动保障"
    );
}

#[test]
fn material_names_may_not_hold_commas() {
    let text = GOOD.replace("居民身份证", "身份证,户口簿");
    assert!(problems(&text)[0].contains("must not contain ','"));
}

#[test]
fn material_for_window_must_be_the_item_window_or_a_co_window() {
    let text = GOOD
        .replace("承诺件", "联办件")
        .replace(
            "procedure = [",
            "co_windows = [\"医疗保险\"]\nprocedure = [",
        )
        .replace("copies = 1", "copies = 1\nfor_window = \"土规农综\"");
    assert_eq!(
        problems(&text),
        [
            "c.toml:19: item.material.for_window: `土规农综` is neither the item's window nor one of its co_windows (民政救助 医疗保险)"
        ]
    );
    let ok = text.replace("for_window = \"土规农综\"", "for_window = \"医疗保险\"");
    let cat = Catalogue::parse("c.toml", &ok).unwrap();
    assert_eq!(
        cat.items()[0].materials[0].for_window.as_deref(),
        Some("医疗保险")
    );
}

#[test]
fn codes_differing_only_in_case_are_one_code() {
    let text = format!(
        "{GOOD}{}",
        GOOD.replace("T-1", "t-1").replace("测试事项", "另一事项")
    );
    let p = problems(&text);
    assert_eq!(
        p,
        vec!["c.toml:20: item.code: duplicate code `t-1`; line 3 has it already"]
    );
}
