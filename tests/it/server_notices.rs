//! Decisions and the notices that tell them, through the real server and command line: a
//! rejection on the spot, a matter kept for its decision, a material found unusable on review
//! (a one-time-notification violation, recorded), a 补办件 told its date when complete, and
//! the 延期告知书 of every extension.

use crate::common::server::{ALL_MZ005 as ALL, Centre};

fn open(c: &Centre, flags: &[&str]) -> String {
    c.open_mz005(flags)
}

fn notice(c: &Centre, id: &str) -> String {
    c.by("C01", &["case", "notice", id])
}

#[test]
fn a_case_missing_its_main_material_closes_on_the_spot_with_its_rejection_notice() {
    let c = Centre::new();
    assert_eq!(open(&c, &["--have", "居民身份证"]), "1\t驳回件\trejected\n");
    let shown = c.by("C01", &["case", "show", "1"]);
    assert!(
        shown.contains("status\trejected 2026-11-23: 主件缺失且申请人未承诺补交"),
        "{shown}"
    );
    assert!(!shown.contains("deadline\t"), "{shown}");
    // Nothing left open to count down.
    assert_eq!(c.by("C01", &["case", "list", "--open"]), "");
    let doc = notice(&c, "1");
    assert!(doc.contains("驳回通知书"), "{doc}");
    assert!(
        !doc.contains("受理通知书") && !doc.contains("办理时限"),
        "{doc}"
    );
}

#[test]
fn a_matter_kept_for_decision_waits_three_working_days_then_is_admitted_or_rejected() {
    let c = Centre::new();
    // Mon 23 Nov: the decision is due Thu 26 Nov.
    assert_eq!(
        open(&c, &["--have", "居民身份证", "--needs-decision"]),
        "1\t驳回件\t2026-11-26\n"
    );
    assert!(notice(&c, "1").contains("收件告知书（待研究决定）"));
    let open_list = c.by("C01", &["case", "list", "--open"]);
    assert!(open_list.starts_with("1\t驳回件\t"), "{open_list}");
    // Its main materials are still missing: it cannot be admitted, only rejected.
    let r = c.cli(&["--as", "C01", "case", "admit", "1", "--reason", "同意"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("老年助餐补贴申请表"), "{}", r.stderr);
    c.by(
        "C01",
        &["case", "reject", "1", "--reason", "经研究不予受理"],
    );
    assert!(notice(&c, "1").contains("驳回理由：经研究不予受理"));

    // A matter whose materials are whole but whose conditions are in doubt can be admitted.
    let kept = open(
        &c,
        &[
            "--have",
            ALL,
            "--kind",
            "驳回件",
            "--reason",
            "户籍存疑，需核实",
            "--needs-decision",
        ],
    );
    assert_eq!(kept, "2\t驳回件\t2026-11-26\n");
    let admitted = c.by("C01", &["case", "admit", "2", "--reason", "已核实户籍"]);
    assert_eq!(admitted, "2\t承诺件\t2026-11-30\n");
    assert!(notice(&c, "2").contains("受理通知书"));
    let history = c.ok(&["audit", "log", "--target", "case/2"]);
    assert!(history.contains("case.admit"), "{history}");
}

#[test]
fn keeping_for_decision_is_refused_for_a_matter_that_is_no_rejection() {
    let c = Centre::new();
    let r = c.cli(&[
        "--as",
        "C01",
        "case",
        "open",
        "--item",
        "MZ-005",
        "--applicant",
        "张三",
        "--have",
        ALL,
        "--needs-decision",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("not a rejection"), "{}", r.stderr);
    assert_eq!(c.by("C01", &["case", "list"]), "");
}

#[test]
fn a_material_unusable_on_review_is_asked_for_again_and_the_violation_recorded() {
    let c = Centre::new();
    assert_eq!(open(&c, &["--have", ALL]), "1\t承诺件\t2026-11-30\n");
    let r = c.cli(&[
        "--as",
        "C01",
        "case",
        "unusable",
        "1",
        "--materials",
        "近期一寸免冠照片",
        "--reason",
        "照片非近期",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("notice 2 asks for 近期一寸免冠照片 which notice 1 did not name"),
        "{}",
        r.stderr
    );
    let doc = notice(&c, "1");
    assert!(doc.contains("审查意见：照片非近期"), "{doc}");
    assert!(doc.contains("近期一寸免冠照片"), "{doc}");
    // The violation stays on the case and in the audit trail, against the act's author.
    let shown = c.by("C01", &["case", "show", "1"]);
    assert!(
        shown.contains("material\t近期一寸免冠照片\tmissing"),
        "{shown}"
    );
    assert!(shown.contains("violation\tnotice 2 asks for"), "{shown}");
    let trail = c.ok(&["--json", "audit", "log", "--target", "case/1"]);
    let event = trail
        .lines()
        .find(|l| l.contains("case.unusable"))
        .expect("the review is recorded");
    assert!(event.contains("\"violation\""), "{event}");
    assert!(event.contains("近期一寸免冠照片"), "{event}");
    assert!(event.contains("\"actor\":\"C01\""), "{event}");
    // A reason is needed: it is printed on the notice.
    let r = c.cli(&[
        "--as",
        "C01",
        "case",
        "unusable",
        "1",
        "--materials",
        "居民身份证",
        "--reason",
        " ",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--reason"), "{}", r.stderr);
}

#[test]
fn the_supplement_that_completes_a_waiting_case_tells_the_applicant_its_date() {
    let c = Centre::new();
    let opened = open(
        &c,
        &[
            "--have",
            "老年助餐补贴申请表,居民身份证",
            "--promise",
            "户口簿或居住证",
        ],
    );
    assert_eq!(opened, "1\t补办件\twaiting\t3\n");
    assert!(notice(&c, "1").contains("材料补齐之日起计算，届时告知"));
    // A supplement that leaves materials outstanding tells nothing new.
    c.by(
        "C01",
        &["case", "supplement", "1", "--materials", "特殊困难身份证明"],
    );
    let shown = c.by("C01", &["case", "show", "1"]);
    assert_eq!(shown.matches("notice\t").count(), 1, "{shown}");
    c.by(
        "C01",
        &[
            "case",
            "supplement",
            "1",
            "--materials",
            "户口簿或居住证,近期一寸免冠照片",
        ],
    );
    let doc = notice(&c, "1");
    assert!(doc.contains("第 2 份告知"), "{doc}");
    assert!(doc.contains("办结日期：2026年11月30日"), "{doc}");
    assert!(doc.contains("材料已齐全"), "{doc}");
}

#[test]
fn every_extension_granted_is_told_to_the_applicant_with_a_notice() {
    let c = Centre::new();
    open(&c, &["--have", ALL]);
    // Granted by the director directly.
    c.by(
        "D01",
        &[
            "case",
            "extend",
            "1",
            "--days",
            "2",
            "--reason",
            "需实地核查",
        ],
    );
    let doc = notice(&c, "1");
    assert!(doc.contains("延期告知书"), "{doc}");
    assert!(doc.contains("原定办结日期：2026年11月30日"), "{doc}");
    assert!(doc.contains("延期理由：需实地核查"), "{doc}");
    assert!(doc.contains("延期后办结日期：2026年12月02日"), "{doc}");
    // Asked by the clerk, approved by a leader: told too, naming the leader who approved.
    c.by(
        "C01",
        &[
            "extension",
            "ask",
            "1",
            "--days",
            "1",
            "--reason",
            "等待公示",
        ],
    );
    c.by("D01", &["extension", "approve", "1"]);
    let doc = notice(&c, "1");
    assert!(doc.contains("第 3 份告知"), "{doc}");
    assert!(doc.contains("原定办结日期：2026年12月02日"), "{doc}");
    assert!(doc.contains("延期理由：等待公示"), "{doc}");
    assert!(doc.contains("延期后办结日期：2026年12月03日"), "{doc}");
}

#[test]
fn a_notice_names_the_first_asked_person_the_applicant_turns_to_when_not_the_handler() {
    let c = Centre::new();
    // 夏芷菁 (C05) was asked first and took the ticket; 周春英 (C01) serves and opens the case.
    c.by("C05", &["ticket", "take", "--window", "民政救助"]);
    c.by("C01", &["ticket", "call"]);
    open(&c, &["--have", ALL, "--ticket", "A001"]);
    assert!(
        notice(&c, "1").contains("首问责任人：夏芷菁（跟进至办结）"),
        "{}",
        notice(&c, "1")
    );
    // Asked first and handling it herself: she is named once more, without the follow-up.
    open(&c, &["--have", ALL]);
    assert!(
        notice(&c, "2").contains("首问责任人：周春英\n"),
        "{}",
        notice(&c, "2")
    );
}

#[test]
fn the_receipt_lists_the_pages_counted_at_intake_and_at_a_supplement() {
    let c = Centre::new();
    open(
        &c,
        &[
            "--have",
            "老年助餐补贴申请表,居民身份证",
            "--promise",
            "户口簿或居住证",
            "--pages",
            "老年助餐补贴申请表=3,居民身份证=2",
        ],
    );
    let rows = |n: &str| -> Vec<Vec<String>> {
        c.by("C01", &["case", "notice", "1", "--number", n])
            .lines()
            .skip_while(|l| !l.starts_with("材料接收回执"))
            .skip(2)
            .take_while(|l| l.starts_with(|ch: char| ch.is_ascii_digit()))
            .map(|l| l.split_whitespace().map(String::from).collect())
            .collect()
    };
    let pages = |rows: Vec<Vec<String>>| -> Vec<(String, String)> {
        rows.into_iter()
            .map(|r| (r[1].clone(), r[2].clone()))
            .collect()
    };
    assert_eq!(
        pages(rows("1")),
        [
            ("老年助餐补贴申请表".into(), "3".into()),
            ("居民身份证".into(), "2".into())
        ]
    );
    c.by(
        "C01",
        &[
            "case",
            "supplement",
            "1",
            "--materials",
            "户口簿或居住证,特殊困难身份证明,近期一寸免冠照片",
            "--pages",
            "户口簿或居住证=4",
        ],
    );
    let second = pages(rows("2"));
    assert!(
        second.contains(&("户口簿或居住证".into(), "4".into()))
            && second.contains(&("近期一寸免冠照片".into(), "—".into())),
        "{second:?}"
    );
}

#[test]
fn pages_named_for_a_material_not_handed_over_are_refused_and_nothing_is_opened() {
    let c = Centre::new();
    let run = c.open_case_of("MZ-005", &["--pages", "居民身份证=2"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("居民身份证"), "{}", run.stderr);
    assert!(c.ok(&["case", "list"]).is_empty());
    let bad = c.open_case_of("MZ-005", &["--pages", "老年助餐补贴申请表=两"]);
    assert!(bad.stderr.contains("whole number"), "{}", bad.stderr);
}

#[test]
fn a_matter_handed_up_gets_its_report_up_slip() {
    let c = Centre::new();
    open(&c, &["--have", ALL]);
    c.by("C01", &["case", "report-up", "1"]);
    let slip = notice(&c, "1");
    assert_eq!(slip.lines().nth(1), Some("上报件通知单"), "{slip}");
    assert!(slip.contains("牵头单位负责上报并跟踪办理"), "{slip}");
    assert!(slip.contains("60 个工作日"), "{slip}");
}
