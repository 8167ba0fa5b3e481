//! `frontdesk case preview` (RULES §3, §4): the general rule on other items, dates and
//! material sets, through the real binary.

use crate::common::{empty_dir, run, run_in};

fn preview(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["case", "preview"];
    all.extend_from_slice(args);
    let r = run(&all);
    (r.code, r.stdout, r.stderr)
}

#[test]
fn complete_materials_give_the_items_kind_and_committed_deadline() {
    let (code, out, err) = preview(&[
        "--item",
        "MZ-005",
        "--accepted",
        "2026-09-28",
        "--have",
        "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, "kind\t承诺件\ndeadline\t2026-10-10\n");
}

#[test]
fn deficiency_prints_missing_materials_and_supplement_date() {
    let (_, out, _) = preview(&[
        "--item",
        "MZ-005",
        "--accepted",
        "2026-09-25",
        "--have",
        "老年助餐补贴申请表，居民身份证, 户口簿或居住证",
    ]);
    assert_eq!(
        out,
        "kind\t容缺受理\ndeadline\t2026-10-09\nmissing\t特殊困难身份证明\nmissing\t近期一寸免冠照片\nsupplement_by\t2026-10-09\n"
    );
}

#[test]
fn promised_main_material_waits_for_every_missing_material() {
    let (_, out, _) = preview(&[
        "--item",
        "MZ-005",
        "--accepted",
        "2026-11-23",
        "--have",
        "老年助餐补贴申请表,居民身份证",
        "--promise",
        "户口簿或居住证",
    ]);
    assert_eq!(
        out,
        "kind\t补办件\ndeadline\twaiting\t3\nmissing\t户口簿或居住证\nmissing\t特殊困难身份证明\nmissing\t近期一寸免冠照片\n"
    );
}

#[test]
fn immediate_item_with_secondary_missing_is_a_supplement_case() {
    let (_, out, _) = preview(&[
        "--item",
        "LB-003",
        "--accepted",
        "2026-11-23",
        "--have",
        "居民身份证,失业登记表",
    ]);
    assert_eq!(
        out,
        "kind\t补办件\ndeadline\twaiting\t2\nmissing\t解除劳动合同证明\nmissing\t近期一寸免冠照片\n"
    );
}

#[test]
fn nothing_in_hand_is_rejected_within_three_working_days() {
    let (_, out, _) = preview(&["--item", "LB-003", "--accepted", "2026-09-30"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(&lines[..2], ["kind\t驳回件", "deadline\t2026-10-10"]);
    assert_eq!(lines.len(), 2 + 4, "every material is missing");
}

#[test]
fn report_up_item_and_joint_item_keep_their_kinds() {
    let (_, out, _) = preview(&[
        "--item",
        "RK-005",
        "--accepted",
        "2026-11-23",
        "--have",
        "出生医学证明,父母双方身份证,户口簿,结婚证,出生一件事联办申请表,新生儿近期照片",
    ]);
    assert_eq!(out, "kind\t联办件\ndeadline\t2026-11-30\n");
}

#[test]
fn deadline_into_an_unscheduled_year_warns() {
    let (code, out, err) = preview(&[
        "--item",
        "MZ-005",
        "--accepted",
        "2026-12-28",
        "--have",
        "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out, "kind\t承诺件\ndeadline\t2027-01-04\n");
    assert!(err.contains("2027"), "{err}");
}

#[test]
fn unknown_material_and_unknown_item_are_errors_that_say_what_exists() {
    let (code, out, err) = preview(&[
        "--item",
        "MZ-005",
        "--accepted",
        "2026-11-23",
        "--have",
        "结婚证",
    ]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("no material called `结婚证`") && err.contains("老年助餐补贴申请表"),
        "{err}"
    );
    let (code, _, err) = preview(&["--item", "ZZ-999", "--accepted", "2026-11-23"]);
    assert_eq!(code, 1);
    assert!(err.contains("no item with code `ZZ-999`"), "{err}");
}

#[test]
fn kind_override_needs_a_reason() {
    let (code, _, _) = preview(&[
        "--item",
        "MZ-005",
        "--accepted",
        "2026-11-23",
        "--kind",
        "补办件",
    ]);
    assert_eq!(code, 2, "clap requires --reason with --kind");
    let (code, out, _) = preview(&[
        "--item",
        "MZ-005",
        "--accepted",
        "2026-11-23",
        "--have",
        "老年助餐补贴申请表,居民身份证,户口簿或居住证",
        "--kind",
        "补办件",
        "--reason",
        "申请人要求",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("kind\t补办件\ndeadline\twaiting\t2\n"),
        "{out}"
    );
}

#[test]
fn preview_reads_another_catalogue_and_the_centre_settings() {
    let data = empty_dir();
    let cat = data.join("c.toml");
    std::fs::write(
        &cat,
        r#"
[[item]]
code = "Q1"
name = "测试事项"
window = "民政救助"
kind = "承诺件"
committed_days = 3
fee = "不收费"
basis = "测试"
conditions = "无"
procedure = ["受理"]

[[item.material]]
name = "申请书"
main = true

[[item.material]]
name = "照片"
main = false
"#,
    )
    .unwrap();
    let centre = std::fs::read_to_string("fixtures/centre.toml")
        .unwrap()
        .replace(
            "accept_with_deficiency = true",
            "accept_with_deficiency = false",
        );
    std::fs::write(data.join("centre.toml"), centre).unwrap();
    let c = cat.to_str().unwrap();
    let r = run_in(
        &data,
        &[
            "case",
            "preview",
            "--file",
            c,
            "--item",
            "Q1",
            "--accepted",
            "2026-11-23",
            "--have",
            "申请书",
        ],
    );
    assert_eq!(
        r.stdout, "kind\t补办件\ndeadline\twaiting\t1\nmissing\t照片\n",
        "{}",
        r.stderr
    );
    let r = run(&[
        "case",
        "preview",
        "--file",
        c,
        "--item",
        "Q1",
        "--accepted",
        "2026-11-23",
        "--have",
        "申请书",
    ]);
    assert_eq!(
        r.stdout,
        "kind\t容缺受理\ndeadline\t2026-11-26\nmissing\t照片\nsupplement_by\t2026-11-30\n"
    );
}

#[test]
fn preview_json_carries_the_notice() {
    let r = run(&[
        "case",
        "preview",
        "--json",
        "--item",
        "MZ-005",
        "--accepted",
        "2026-11-23",
        "--promise",
        "户口簿或居住证",
        "--have",
        "老年助餐补贴申请表,居民身份证",
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["kind"], "补办件");
    assert_eq!(v["deadline"], serde_json::Value::Null);
    assert_eq!(v["waiting_for"], 3);
    assert_eq!(v["notice"]["kind"], "supplement");
    assert_eq!(v["notice"]["requested"].as_array().unwrap().len(), 3);
}
