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
            "c.toml:33: item.material.colour: unknown key; allowed here: name, main, copies, pages, note, for_window",
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

/// `GOOD` with every guide field (办事指南, RULES §12) written.
const WITH_GUIDE: &str = r#"
[[item]]
code = "T-1"
name = "测试事项"
window = "民政救助"
kind = "承诺件"
committed_days = 5
statutory_days = 10
fee = "不收费"
fee_basis = "《中华人民共和国行政许可法》第五十八条"
basis = "依据"
conditions = "条件"
procedure = ["受理", "办结"]
result = "《测试证》"
consult_phone = "0701-3782501"

[[item.material]]
name = "居民身份证"
main = true
copies = 1
pages = 2

[[item.special]]
procedure = "inspection"
name = "检验检测"
days = 7
note = "委托检测机构"

[[item.special]]
procedure = "听证"
days = 20
"#;

#[test]
fn a_catalogue_written_before_the_guide_fields_still_loads_without_them() {
    let c = Catalogue::parse("c.toml", GOOD).unwrap();
    let item = c.get("T-1").unwrap();
    assert_eq!(
        (&item.fee_basis, &item.result, &item.consult_phone),
        (&None, &None, &None)
    );
    assert!(item.special.is_empty());
    assert_eq!(item.materials[0].pages, None);
}

#[test]
fn the_guide_fields_are_read_with_the_item() {
    use frontdesk::domain::clock::SpecialProcedure;
    let c = Catalogue::parse("c.toml", WITH_GUIDE).unwrap();
    let item = c.get("T-1").unwrap();
    assert_eq!(item.result.as_deref(), Some("《测试证》"));
    assert_eq!(item.consult_phone.as_deref(), Some("0701-3782501"));
    assert!(item.fee_basis.as_deref().unwrap().contains("第五十八条"));
    assert_eq!(item.materials[0].pages, Some(2));
    let special: Vec<(SpecialProcedure, &str, u32)> = item
        .special
        .iter()
        .map(|s| (s.procedure, s.title(), s.days))
        .collect();
    assert_eq!(
        special,
        [
            (SpecialProcedure::Inspection, "检验检测", 7),
            (SpecialProcedure::Hearing, "听证", 20),
        ]
    );
}

#[test]
fn each_guide_field_problem_is_reported_with_its_line() {
    let bad = WITH_GUIDE
        .replace(
            "fee_basis = \"《中华人民共和国行政许可法》第五十八条\"",
            "fee_basis = \" \"",
        )
        .replace("result = \"《测试证》\"", "result = \"\"")
        .replace(
            "consult_phone = \"0701-3782501\"",
            "consult_phone = \"请到窗口\"",
        )
        .replace("pages = 2", "pages = 0")
        .replace("procedure = \"inspection\"", "procedure = \"survey\"")
        .replace("days = 20", "days = 0");
    assert_eq!(
        problems(&bad),
        [
            "c.toml:10: item.fee_basis: is empty; write the regulation the fee rests on, or leave `fee_basis` out",
            "c.toml:14: item.result: is empty; write what the applicant receives, like 《最低生活保障证》, or leave `result` out",
            "c.toml:15: item.consult_phone: `请到窗口` is not a phone number; write digits, like \"0701-3782501\" (with - + ( ) 转 where needed)",
            "c.toml:21: item.material.pages: 0 pages: a material has at least 1 page; leave `pages` out where it varies",
            "c.toml:24: item.special.procedure: unknown procedure `survey`; use hearing (听证), inspection (现场勘查), expert-review (专家评审) or other (with a name, like name = \"公示\")",
            "c.toml:31: item.special.days: 0 working days: a special procedure takes 1 to 3650; leave the [[item.special]] out if the item has none",
        ]
    );
}

#[test]
fn an_other_special_procedure_needs_a_name_and_each_is_given_once() {
    let unnamed = WITH_GUIDE.replace("procedure = \"听证\"", "procedure = \"other\"");
    assert_eq!(
        problems(&unnamed),
        [
            "c.toml:30: item.special.name: procedure `other` needs a name saying what it is, like name = \"公示\" or \"检验检测\""
        ]
    );
    let twice = WITH_GUIDE.replace(
        "procedure = \"听证\"",
        "procedure = \"hearing\"\nname = \"检验检测\"",
    );
    assert_eq!(
        problems(&twice),
        [
            "c.toml:30: item.special: 检验检测 is listed twice in this item; give each procedure once"
        ]
    );
    let unknown_key = WITH_GUIDE.replace("days = 20", "days = 20\nhours = 3");
    assert_eq!(
        problems(&unknown_key),
        ["c.toml:32: item.special.hours: unknown key; allowed here: procedure, name, days, note"]
    );
}

#[test]
fn a_statutory_limit_shorter_than_the_committed_one_is_reported_with_the_guide_fields_present() {
    let text = WITH_GUIDE.replace("statutory_days = 10", "statutory_days = 3");
    assert_eq!(
        problems(&text),
        [
            "c.toml:7: item.committed_days: committed_days 5 is above statutory_days 3: the committed limit may never exceed the statutory one (RULES §4)"
        ]
    );
}
