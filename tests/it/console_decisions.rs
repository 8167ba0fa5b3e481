//! Decisions at the console: a rejection on the spot or kept for its decision at intake, the
//! decision to admit, and a material found unusable on review, each with the notice it gives.

use crate::common::console::{
    DOWN, Desk as Console, ENTER, ESC, console_on_a_committed_case, open_case, start_intake,
};
use crate::common::server::Centre;

/// C01's console in the intake of MZ-005 with only the ID card in hand: the form and the
/// household register, main materials, are missing, so the desk decides a rejection.
fn intake_missing_main_materials(c: &Centre) -> Console {
    let mut con = Console::open(c, "C01", 120, 40);
    con.wait_for("排队叫号", 10);
    start_intake(&mut con);
    con.press(DOWN);
    con.press(" ");
    con.wait_for("判定: 驳回件", 5);
    con.wait_for("驳回件: 当场驳回", 5);
    con
}

#[test]
fn an_intake_missing_its_main_material_is_rejected_on_the_spot_with_its_notice() {
    let c = Centre::new();
    let mut con = intake_missing_main_materials(&c);
    con.press(ENTER);
    con.press("张三");
    con.press(ENTER);
    con.wait_for("当场驳回：请打印驳回通知书交申请人", 5);
    con.wait_for("驳回通知书", 5);
    assert!(!con.screen().contains("已受理"));
    let shown = c.by("C01", &["case", "show", "1"]);
    assert!(shown.contains("status\trejected 2026-11-23"), "{shown}");
    assert!(con.quit());
}

#[test]
fn an_intake_kept_for_decision_stays_open_and_is_admitted_later_with_a_reason() {
    let c = Centre::new();
    let mut con = intake_missing_main_materials(&c);
    con.press("j");
    con.wait_for("驳回件: 留待研究决定（3 个工作日内）", 5);
    con.press(ENTER);
    con.press("张三");
    con.press(ENTER);
    con.wait_for("已收件，3 个工作日内作出决定", 5);
    con.wait_for("作出决定日期：2026年11月26日", 5);
    con.press(ESC);
    con.wait_for("#1   驳回件 11-26", 5);
    // Its main materials are still missing: admitting it is refused, naming them.
    con.press("3");
    con.press("A");
    con.wait_for("研究决定受理的理由", 5);
    con.press("同意受理");
    con.press(ENTER);
    con.wait_for("老年助餐补贴申请表", 5);
    assert!(c.by("C01", &["case", "show", "1"]).contains("status\topen"));
    assert!(con.quit());
}

#[test]
fn a_material_unusable_on_review_is_ticked_at_the_console_and_asked_for_again() {
    let c = Centre::new();
    let mut con = console_on_a_committed_case(&c);
    con.press("U");
    con.wait_for("已收材料审查不合格 · #1 张三", 5);
    // The fifth material in hand is the photo.
    for _ in 0..4 {
        con.press(DOWN);
    }
    con.press(" ");
    con.wait_for("[x] 近期一寸免冠照片", 5);
    con.press(ENTER);
    con.press("照片非近期");
    con.press(ENTER);
    // The new notice comes up at once, saying why; the violation is the bottom line's.
    con.wait_for("审查意见：照片非近期", 5);
    con.wait_for("未做到一次性告知", 5);
    assert!(con.screen().contains("新的告知书：请打印交申请人"));
    let shown = c.by("C01", &["case", "show", "1"]);
    assert!(
        shown.contains("material\t近期一寸免冠照片\tmissing"),
        "{shown}"
    );
    assert!(shown.contains("violation\t"), "{shown}");
    assert!(con.quit());
}

#[test]
fn a_review_names_its_reason_before_it_is_sent() {
    let c = Centre::new();
    open_case(
        &c,
        "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片",
        "",
    );
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("#1   承诺件", 10);
    con.press("3");
    con.press("U");
    con.wait_for("[ ] 老年助餐补贴申请表", 5);
    // Nothing ticked: nothing to send.
    con.press(ENTER);
    con.wait_for("请勾选", 5);
    con.press(" ");
    con.press(ENTER);
    // No reason: asked for, and nothing sent.
    con.press(ENTER);
    con.wait_for("审查意见（写入告知书）", 5);
    let shown = c.by("C01", &["case", "show", "1"]);
    assert!(!shown.contains("missing"), "{shown}");
    assert!(con.quit());
}
