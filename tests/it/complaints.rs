//! The complaint register through the server (投诉, RULES §8): the reply's working-day
//! deadline for a complaint and for a signed report across the National Day holiday and its
//! make-up day, extended once; the reply in the complaint's own form unless the centre answers
//! all in writing; and confidentiality, role by role: only the director, leaders and
//! supervisors reach the register, lists mask the complainant, the staff member complained of
//! never learns who it was nor handles it, and the audit trail never names the complainant.

use crate::common::server::Centre;

/// Wednesday 30 September 2026: 1–7 October are the holiday, Saturday 10 October a make-up
/// working day.
const BEFORE_THE_HOLIDAY: &str = "2026-09-30T10:00:00";

#[test]
fn a_complaints_reply_is_due_five_working_days_after_receipt_and_a_signed_reports_ten() {
    let c = Centre::new();
    // 8, 9, 10 (make-up), 12, 13 October.
    assert_eq!(
        c.complain(BEFORE_THE_HOLIDAY, "phone", "C01"),
        "1\t2026-10-13\n"
    );
    // … 14, 15, 16, 19, 20.
    assert_eq!(
        c.complain(BEFORE_THE_HOLIDAY, "report", "C01"),
        "2\t2026-10-20\n"
    );
    let list = c.by_at(BEFORE_THE_HOLIDAY, "D01", &["complaint", "list", "--open"]);
    let due: Vec<&str> = list
        .lines()
        .map(|l| l.split('\t').nth(2).unwrap())
        .collect();
    assert_eq!(due, ["2026-10-13", "2026-10-20"], "{list}");
}

#[test]
fn a_reply_is_extended_once_by_its_period_with_a_reason() {
    let c = Centre::new();
    c.complain(BEFORE_THE_HOLIDAY, "oral", "C01");
    let args = ["complaint", "extend", "1", "--reason", "需调取监控核实"];
    assert_eq!(c.by_at(BEFORE_THE_HOLIDAY, "D01", &args), "1\t2026-10-20\n");
    let again = c.run_at(BEFORE_THE_HOLIDAY, "D01", &args);
    assert_ne!(again.code, 0);
    assert!(again.stderr.contains("at most once"), "{}", again.stderr);
    let shown = c.by_at(BEFORE_THE_HOLIDAY, "D01", &["complaint", "show", "1"]);
    assert!(
        shown.contains("state\textended") && shown.contains("需调取监控核实"),
        "{shown}"
    );
}

#[test]
fn the_reply_takes_the_complaints_form_unless_the_centre_answers_every_one_in_writing() {
    let c = Centre::new();
    c.complain(BEFORE_THE_HOLIDAY, "oral", "C01");
    let reply = [
        "complaint",
        "reply",
        "1",
        "--outcome",
        "upheld",
        "--text",
        "已批评教育并道歉",
    ];
    assert_eq!(
        c.by_at(BEFORE_THE_HOLIDAY, "D01", &reply),
        "1\treplied\tupheld\toral\n"
    );
    let twice = c.run_at(BEFORE_THE_HOLIDAY, "D01", &reply);
    assert!(twice.stderr.contains("answered once"), "{}", twice.stderr);
    let open_now = c.by_at(BEFORE_THE_HOLIDAY, "D01", &["complaint", "list", "--open"]);
    assert!(
        open_now.is_empty(),
        "a replied complaint is still open: {open_now}"
    );

    let c = Centre::new();
    let file = c.data.join("centre.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = if text.contains("[settings]") {
        text.replacen(
            "[settings]",
            "[settings]\ncomplaint_replies_written = true",
            1,
        )
    } else {
        format!("{text}\n[settings]\ncomplaint_replies_written = true\n")
    };
    std::fs::write(&file, text).unwrap();
    c.complain(BEFORE_THE_HOLIDAY, "oral", "C01");
    let oral = [&reply[..], &["--form", "oral"]].concat();
    let r = c.run_at(BEFORE_THE_HOLIDAY, "D01", &oral);
    assert!(r.stderr.contains("in writing"), "{}", r.stderr);
    assert_eq!(
        c.by_at(BEFORE_THE_HOLIDAY, "D01", &reply),
        "1\treplied\tupheld\twritten\n"
    );
}

#[test]
fn only_the_director_leaders_and_supervisors_reach_the_register_and_lists_mask_the_complainant() {
    let c = Centre::new();
    c.complain(BEFORE_THE_HOLIDAY, "phone", "C01");
    for clerk in ["C01", "C03"] {
        for args in [
            &["complaint", "list"][..],
            &["complaint", "show", "1"],
            &[
                "complaint",
                "open",
                "--channel",
                "oral",
                "--grounds",
                "outcome",
                "--name",
                "甲",
                "--phone",
                "13800000000",
                "--text",
                "不服",
            ],
        ] {
            let r = c.run_at(BEFORE_THE_HOLIDAY, clerk, args);
            assert_ne!(r.code, 0, "clerk {clerk} reached the register: {args:?}");
            assert!(r.stderr.contains("complaint register"), "{}", r.stderr);
        }
    }
    for who in ["L05", "D01", "S01"] {
        let list = c.by_at(BEFORE_THE_HOLIDAY, who, &["complaint", "list"]);
        assert!(
            list.contains("王**\t") || list.ends_with("王** 139****5678\n"),
            "{who}: {list}"
        );
        assert!(
            !list.contains("王小明") && !list.contains("13912345678"),
            "{who}: {list}"
        );
    }
    let shown = c.by_at(BEFORE_THE_HOLIDAY, "S01", &["complaint", "show", "1"]);
    assert!(
        shown.contains("complainant\t王小明") && shown.contains("phone\t13912345678"),
        "{shown}"
    );
}

#[test]
fn the_staff_member_complained_of_never_learns_who_complained_nor_handles_it() {
    let c = Centre::new();
    c.complain(BEFORE_THE_HOLIDAY, "oral", "L05");
    let shown = c.by_at(BEFORE_THE_HOLIDAY, "L05", &["complaint", "show", "1"]);
    assert!(
        shown.contains("complainant\t王**") && !shown.contains("13912345678"),
        "{shown}"
    );
    for args in [
        &[
            "complaint",
            "reply",
            "1",
            "--outcome",
            "not-upheld",
            "--text",
            "不属实",
        ][..],
        &["complaint", "extend", "1", "--reason", "再查"],
    ] {
        let r = c.run_at(BEFORE_THE_HOLIDAY, "L05", args);
        assert_ne!(r.code, 0, "L05 handled the complaint about them: {args:?}");
        assert!(r.stderr.contains("is about you"), "{}", r.stderr);
    }
    // The audit trail, which leaders read, never names the complainant.
    let log = c.by_at(
        BEFORE_THE_HOLIDAY,
        "L05",
        &["--json", "audit", "log", "--target", "complaint/1"],
    );
    assert!(log.contains("\"complaint.open\""), "{log}");
    assert!(
        !log.contains("王小明") && !log.contains("13912345678"),
        "{log}"
    );
}

#[test]
fn a_major_complaint_must_be_written_and_is_passed_up_as_corruption_is() {
    let c = Centre::new();
    let major = |channel: &str, grounds: &str| {
        c.run_at(
            BEFORE_THE_HOLIDAY,
            "D01",
            &[
                "complaint",
                "open",
                "--channel",
                channel,
                "--grounds",
                grounds,
                "--major",
                "--name",
                "赵六",
                "--phone",
                "13700001111",
                "--text",
                "收取好处费",
            ],
        )
    };
    let oral = major("oral", "corruption");
    assert!(
        oral.stderr.contains("must be made in writing"),
        "{}",
        oral.stderr
    );
    assert_eq!(major("written", "corruption,attitude").code, 0);
    let shown = c.by_at(BEFORE_THE_HOLIDAY, "D01", &["complaint", "show", "1"]);
    assert!(
        shown.contains("passed_up\ttrue") && shown.contains("grounds\tcorruption,attitude"),
        "{shown}"
    );
    let unknown = c.run_at(
        BEFORE_THE_HOLIDAY,
        "D01",
        &[
            "complaint",
            "open",
            "--channel",
            "oral",
            "--grounds",
            "rudeness",
            "--name",
            "赵六",
            "--phone",
            "13700001111",
            "--text",
            "态度差",
        ],
    );
    assert!(
        unknown.stderr.contains("`rudeness` is not a ground"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_register_with_no_complaint_yet_lists_none() {
    let c = Centre::new();
    for args in [&["complaint", "list"][..], &["complaint", "list", "--open"]] {
        assert_eq!(c.by_at(BEFORE_THE_HOLIDAY, "D01", args), "", "{args:?}");
    }
}
