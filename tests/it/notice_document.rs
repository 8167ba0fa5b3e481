//! The notice as printed for the applicant (RULES §2, §3): whatever must be told once is on it,
//! in Chinese, for every kind of notice.

use crate::common::world::{BIRTH, ELDER_MEALS, World, d, world};
use frontdesk::domain::case::notify::compose;
use frontdesk::domain::case::{Case, CaseKind};

fn document(w: &World, code: &str, case: &Case) -> Vec<String> {
    compose(case, w.item(code), &w.centre, &w.cal, 1, case.accepted_on)
        .unwrap()
        .document(7)
}

/// The lines after `heading`, up to the next line that is not indented.
fn under<'a>(doc: &'a [String], heading: &str) -> Vec<&'a str> {
    doc.iter()
        .skip_while(|l| !l.starts_with(heading))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim())
        .collect()
}

fn has(doc: &[String], line: &str) -> bool {
    doc.iter().any(|l| l == line)
}

#[test]
fn a_supplement_notice_names_every_missing_material_once_with_the_receipt_and_the_rest_of_what_is_told()
 {
    let w = world();
    let case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &["老年助餐补贴申请表", "居民身份证"],
        &["户口簿或居住证"],
    );
    let doc = document(&w, ELDER_MEALS, &case);
    assert_eq!(doc[1], "补办件通知书（一次性告知书）", "{doc:#?}");
    assert!(
        has(&doc, "案件 #7 · 第 1 份告知 · 2026年11月23日"),
        "{doc:#?}"
    );
    assert!(has(&doc, "申请人：张三"), "{doc:#?}");
    assert!(
        has(&doc, "受理窗口：民政救助（1号窗口） · 经办人：周春英"),
        "{doc:#?}"
    );
    assert_eq!(
        under(&doc, "尚需补交的材料（共 3 项"),
        [
            "1. 户口簿或居住证（主件） 1 份 · 非本地户籍的提供居住证",
            "2. 特殊困难身份证明（副件） 1 份 · 低保证、特困证、残疾人证或失能评估结果",
            "3. 近期一寸免冠照片（副件） 1 份",
        ]
    );
    // The receipt: each material received with its pages (not counted here), copies and day.
    let receipt: Vec<Vec<&str>> = doc
        .iter()
        .skip_while(|l| !l.starts_with("材料接收回执（已收材料共 2 项）"))
        .skip(1)
        .take(3)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        receipt,
        [
            vec!["序号", "材料名称", "页数", "份数", "收件日期"],
            vec!["1", "老年助餐补贴申请表", "—", "1", "11月23日"],
            vec!["2", "居民身份证", "—", "1", "11月23日"],
        ],
        "{doc:#?}"
    );
    for told in [
        "办理时限：自材料补齐次日起 5 个工作日内办结",
        "办结日期：材料补齐之日起计算，届时告知",
        "收费：不收费",
        "投诉电话：0701-3782571",
    ] {
        assert!(has(&doc, told), "`{told}` missing: {doc:#?}");
    }
    for heading in ["办理条件：", "办理依据：", "办理流程："] {
        assert!(
            doc.iter().any(|l| l.starts_with(heading)),
            "{heading} {doc:#?}"
        );
    }
    assert_eq!(under(&doc, "办理流程：").len(), 5, "{doc:#?}");
}

#[test]
fn a_rejection_notice_gives_its_reason_in_chinese_and_still_every_material() {
    let w = world();
    let case = w.accept(ELDER_MEALS, d(2026, 11, 23), &["居民身份证"], &[]);
    assert_eq!(case.kind, CaseKind::Rejected);
    let doc = document(&w, ELDER_MEALS, &case);
    assert_eq!(doc[1], "驳回通知书");
    assert!(
        has(
            &doc,
            "驳回理由：主件缺失且申请人未承诺补交：老年助餐补贴申请表、户口簿或居住证"
        ),
        "{doc:#?}"
    );
    assert_eq!(
        under(&doc, "本事项所需的全部材料（共 5 项").len(),
        w.item(ELDER_MEALS).materials.len()
    );
    assert!(
        has(
            &doc,
            "对驳回有异议的，可持本通知书到XX街道便民服务中心申请复核，由中心会同有关部门复核裁定，联系电话 0701-3782571。"
        ),
        "{doc:#?}"
    );
    // Decided on the spot: no time limit is left to state.
    assert!(!doc.iter().any(|l| l.starts_with("办理时限")), "{doc:#?}");
}

#[test]
fn a_deficiency_notice_says_by_when_what_happens_on_expiry_and_that_the_applicant_signs() {
    let w = world();
    let case = w.accept(ELDER_MEALS, d(2026, 11, 23), &w.mains(ELDER_MEALS), &[]);
    let doc = document(&w, ELDER_MEALS, &case);
    assert_eq!(doc[1], "容缺受理告知书");
    assert_eq!(under(&doc, "容缺补交的材料（共 2 项").len(), 2, "{doc:#?}");
    assert!(has(&doc, "补齐期限：2026年11月30日前"), "{doc:#?}");
    assert!(
        doc.iter()
            .any(|l| l.starts_with("逾期后果：逾期未补齐的") && l.contains("退回")),
        "{doc:#?}"
    );
    assert!(has(&doc, "申请人须签署容缺受理承诺书。"));
}

#[test]
fn a_joint_notice_names_each_co_department_where_it_is_and_what_it_needs() {
    let w = world();
    let case = w.accept(BIRTH, d(2026, 11, 23), &w.all_materials(BIRTH), &[]);
    let doc = document(&w, BIRTH, &case);
    assert_eq!(doc[1], "联办件告知书");
    let co: Vec<&String> = doc.iter().filter(|l| l.starts_with("联办部门")).collect();
    assert_eq!(co.len(), 2, "{doc:#?}");
    assert!(co[0].starts_with("联办部门 医疗保险（3号窗口") && co[0].ends_with("：无另需材料"));
    assert!(co[1].starts_with("联办部门 劳动保障（2号窗口") && co[1].ends_with("：新生儿近期照片"));
    assert!(has(&doc, "材料已齐全。"));
}

#[test]
fn an_acceptance_notice_gives_the_date_and_marks_a_date_in_a_year_without_a_schedule() {
    let w = world();
    let case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    let doc = document(&w, ELDER_MEALS, &case);
    assert_eq!(doc[1], "受理通知书");
    assert!(has(&doc, "办结日期：2026年11月30日"), "{doc:#?}");
    assert!(has(&doc, "办理时限：自受理次日起 5 个工作日内办结"));
    // Accepted late in December: the date falls in 2027, whose holidays are not yet published.
    let late = w.accept(
        ELDER_MEALS,
        d(2026, 12, 29),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    let doc = document(&w, ELDER_MEALS, &late);
    assert!(
        doc.iter().any(|l| l.starts_with("办结日期：2027年")
            && l.ends_with("（暂定：该年节假日安排尚未公布）")),
        "{doc:#?}"
    );
}
