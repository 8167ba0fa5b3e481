//! The rules of a case (RULES §1–§3): kinds from materials, one-time notification and
//! first-asked responsibility, on the demo catalogue. The clocks are in `case_clocks`.

use frontdesk::domain::case::{Applicant, Case, CaseError, CaseKind, Channel, Intake, Ticked};
use frontdesk::domain::centre::Settings;
use frontdesk::domain::clock::Deadline;
use frontdesk::domain::notice::{DeadlineRule, NoticeKind};

use crate::common::world::{BIRTH, DIBAO, ELDER_MEALS, UNEMPLOYMENT, World, d, list, world};

// ---- Kinds from materials (RULES §3) ----

#[test]
fn everything_in_hand_gives_the_items_own_kind() {
    let w = world();
    for (code, kind) in [
        (ELDER_MEALS, CaseKind::Committed),
        (UNEMPLOYMENT, CaseKind::Immediate),
        (BIRTH, CaseKind::Joint),
        (DIBAO, CaseKind::ReportUp),
    ] {
        let case = w.accept(code, d(2026, 11, 23), &w.all_materials(code), &[]);
        assert_eq!(case.kind, kind, "{code}");
        assert!(case.outstanding().is_empty());
    }
}

#[test]
fn main_in_hand_secondary_missing_is_accept_with_deficiency() {
    let w = world();
    let case = w.accept(ELDER_MEALS, d(2026, 11, 23), &w.mains(ELDER_MEALS), &[]);
    assert_eq!(case.kind, CaseKind::Deficiency);
    let missing: Vec<&str> = case.outstanding().iter().map(|m| m.name.as_str()).collect();
    assert_eq!(missing, ["特殊困难身份证明", "近期一寸免冠照片"]);
}

#[test]
fn accept_with_deficiency_is_not_for_immediate_items() {
    let w = world();
    let case = w.accept(UNEMPLOYMENT, d(2026, 11, 23), &w.mains(UNEMPLOYMENT), &[]);
    assert_eq!(case.kind, CaseKind::Supplement);
    assert!(
        case.decided.because.contains("即办件"),
        "{}",
        case.decided.because
    );
}

#[test]
fn centre_that_disallows_deficiency_gets_a_supplement_case() {
    let w = world();
    let settings = Settings {
        accept_with_deficiency: false,
        ..Settings::default()
    };
    let case = w
        .accept_with(
            ELDER_MEALS,
            d(2026, 11, 23),
            &w.mains(ELDER_MEALS),
            &[],
            &settings,
        )
        .unwrap();
    assert_eq!(case.kind, CaseKind::Supplement);
    assert_eq!(
        case.deadline(&w.cal).unwrap(),
        Deadline::Waiting { materials: 2 }
    );
}

#[test]
fn promised_main_material_makes_a_supplement_case_with_the_clock_waiting() {
    let w = world();
    let case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &["老年助餐补贴申请表", "居民身份证"],
        &["户口簿或居住证"],
    );
    assert_eq!(case.kind, CaseKind::Supplement);
    // Waiting for the promised main material and both missing secondary ones.
    assert_eq!(
        case.deadline(&w.cal).unwrap(),
        Deadline::Waiting { materials: 3 }
    );
}

#[test]
fn main_material_missing_and_not_promised_is_rejected() {
    let w = world();
    let case = w.accept(ELDER_MEALS, d(2026, 11, 23), &["居民身份证"], &[]);
    assert_eq!(case.kind, CaseKind::Rejected);
    assert!(case.decided.because.contains("老年助餐补贴申请表"));
}

#[test]
fn unknown_or_doubly_ticked_material_is_refused_naming_it() {
    let w = world();
    let err = w
        .accept_with(
            ELDER_MEALS,
            d(2026, 11, 23),
            &["结婚证"],
            &[],
            &Settings::default(),
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("长者食堂就餐补贴申请 has no material called `结婚证`")
    );
    let err = w
        .accept_with(
            ELDER_MEALS,
            d(2026, 11, 23),
            &["居民身份证"],
            &["居民身份证"],
            &Settings::default(),
        )
        .unwrap_err();
    assert_eq!(err, CaseError::TickedTwice("居民身份证".into()));
}

fn accept_overridden(
    w: &World,
    code: &str,
    have: &[&str],
    to: CaseKind,
    reason: &str,
) -> Result<Case, CaseError> {
    Case::accept(
        Intake {
            item: w.item(code),
            ticked: Ticked {
                in_hand: list(have),
                promised: vec![],
            },
            applicant: Applicant {
                name: "李四".into(),
                phone: None,
                id_number: None,
            },
            first_asked: "C03".into(),
            channel: Channel::Phone,
            handler: "C03".into(),
            accepted_on: d(2026, 11, 23),
            green_channel: false,
            kind_override: Some((to, reason.into())),
            needs_decision: false,
        },
        &Settings::default(),
        &w.cal,
    )
}

#[test]
fn overriding_the_kind_needs_a_reason_and_is_recorded() {
    let w = world();
    let mains = w.mains(ELDER_MEALS);
    let err = accept_overridden(&w, ELDER_MEALS, &mains, CaseKind::Supplement, " ").unwrap_err();
    assert!(matches!(err, CaseError::OverrideWithoutReason { .. }));
    let case = accept_overridden(
        &w,
        ELDER_MEALS,
        &mains,
        CaseKind::Supplement,
        "申请人要求补齐后再审",
    )
    .unwrap();
    assert_eq!(case.kind, CaseKind::Supplement);
    let o = case.kind_override.unwrap();
    assert_eq!(
        (o.decided, o.chosen),
        (CaseKind::Deficiency, CaseKind::Supplement)
    );
    assert_eq!(o.reason, "申请人要求补齐后再审");
}

#[test]
fn override_to_deficiency_is_refused_for_an_immediate_item() {
    let w = world();
    let mains = w.mains(UNEMPLOYMENT);
    let err =
        accept_overridden(&w, UNEMPLOYMENT, &mains, CaseKind::Deficiency, "急需").unwrap_err();
    assert!(
        err.to_string()
            .contains("容缺受理 is not for immediate cases"),
        "{err}"
    );
}

// ---- One-time notification (RULES §2) ----

#[test]
fn supplement_notice_lists_every_missing_material_with_copies_and_notes() {
    let w = world();
    let case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &["老年助餐补贴申请表", "居民身份证"],
        &["户口簿或居住证"],
    );
    let n = w.notice(&case, 1, d(2026, 11, 23));
    assert_eq!(n.kind, NoticeKind::Supplement);
    let asked: Vec<&str> = n.requested.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        asked,
        ["户口簿或居住证", "特殊困难身份证明", "近期一寸免冠照片"]
    );
    let item = w.item(ELDER_MEALS);
    for m in &n.requested {
        let cat = item.material(&m.name).unwrap();
        assert_eq!(
            (m.copies, &m.note, m.main),
            (cat.copies, &cat.note, cat.main)
        );
    }
    assert_eq!(n.deadline_rule, DeadlineRule::FromCompletion { days: 5 });
    assert_eq!(n.deadline, None);
    assert_eq!(n.complaint_channel.as_deref(), Some("0701-3782571"));
    assert_eq!(
        (n.fee.as_str(), n.basis.is_empty(), n.procedure.is_empty()),
        ("不收费", false, false)
    );
    assert_eq!(n.received.len(), 2);
}

#[test]
fn deficiency_notice_says_by_when_and_what_happens_on_expiry() {
    let w = world();
    let case = w.accept(ELDER_MEALS, d(2026, 11, 23), &w.mains(ELDER_MEALS), &[]);
    let n = w.notice(&case, 1, d(2026, 11, 23));
    assert_eq!(n.kind, NoticeKind::Deficiency);
    assert_eq!(n.supplement_by, Some(d(2026, 11, 30)));
    assert!(n.on_expiry.unwrap().contains("退回"));
}

#[test]
fn rejection_notice_still_lists_every_material() {
    let w = world();
    let case = w.accept(ELDER_MEALS, d(2026, 11, 23), &["居民身份证"], &[]);
    let n = w.notice(&case, 1, d(2026, 11, 23));
    assert_eq!(n.kind, NoticeKind::Rejection);
    assert_eq!(n.all_materials.len(), w.item(ELDER_MEALS).materials.len());
    assert!(n.rejection_reason.unwrap().contains("老年助餐补贴申请表"));
    assert_eq!(n.deadline_rule, DeadlineRule::RejectionDecision { days: 3 });
}

#[test]
fn joint_notice_names_the_co_windows_and_what_each_needs() {
    let w = world();
    let case = w.accept(BIRTH, d(2026, 11, 23), &w.all_materials(BIRTH), &[]);
    let n = w.notice(&case, 1, d(2026, 11, 23));
    assert_eq!(n.kind, NoticeKind::Joint);
    let co: Vec<(&str, Option<&str>, Vec<&str>)> = n
        .co_windows
        .iter()
        .map(|c| {
            (
                c.window.as_str(),
                c.location.as_deref(),
                c.materials.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        co,
        [
            ("医疗保险", Some("3号窗口"), vec![]),
            ("劳动保障", Some("2号窗口"), vec!["新生儿近期照片"]),
        ]
    );
}

#[test]
fn every_notice_is_kept_on_the_case_and_a_second_asking_for_a_new_material_is_a_violation() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &[
            "老年助餐补贴申请表",
            "居民身份证",
            "户口簿或居住证",
            "近期一寸免冠照片",
        ],
        &["特殊困难身份证明"],
    );
    let first = w.notice(&case, case.next_notice_number(), d(2026, 11, 23));
    assert!(case.issue(first).is_empty());
    // On review the photo turns out unusable: asking for it now is a second notice.
    case.mark_missing("近期一寸免冠照片", d(2026, 11, 24))
        .unwrap();
    let second = w.notice(&case, case.next_notice_number(), d(2026, 11, 24));
    let v = case.issue(second);
    assert_eq!(case.notices.len(), 2);
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].first, v[0].later), (1, 2));
    assert_eq!(v[0].materials, ["近期一寸免冠照片"]);
    assert!(
        v[0].to_string()
            .contains("notice 2 asks for 近期一寸免冠照片 which notice 1 did not name")
    );
}

#[test]
fn a_repeated_notice_of_the_same_materials_is_no_violation() {
    let w = world();
    let mut case = w.accept(ELDER_MEALS, d(2026, 11, 23), &w.mains(ELDER_MEALS), &[]);
    for day in [23, 24] {
        let n = w.notice(&case, case.next_notice_number(), d(2026, 11, day));
        assert!(case.issue(n).is_empty());
    }
}

// ---- First-asked responsibility (RULES §1) ----

#[test]
fn first_asked_person_stays_attached_after_referral_until_closed() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    // Asked first, handled at the window accepting it: their own case, nothing to follow.
    assert_eq!(case.followed_from_afar(), None);
    case.first_asked = "C07".into();
    assert_eq!(case.followed_from_afar(), Some("C07"));
    case.refer("医疗保险", "C07", d(2026, 11, 23), "涉及医保待遇")
        .unwrap();
    assert_eq!(case.current_window(), "医疗保险");
    assert_eq!(case.first_asked, "C07");
    assert_eq!(case.followers(), ["C07", "C01"]);
    case.complete(d(2026, 11, 24), &w.cal).unwrap();
    assert!(case.followers().is_empty());
    assert_eq!(case.followed_from_afar(), None);
}

#[test]
fn a_case_referred_to_another_window_is_followed_by_its_first_asked_handler_too() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    case.refer("医疗保险", "C01", d(2026, 11, 23), "涉及医保待遇")
        .unwrap();
    assert_eq!(case.followed_from_afar(), Some("C01"));
}

#[test]
fn adding_a_co_window_makes_a_committed_case_joint_and_its_notice_names_the_department() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    case.add_co_window("医疗保险", d(2026, 11, 24)).unwrap();
    assert_eq!(case.kind, CaseKind::Joint);
    assert_eq!(
        case.add_co_window("医疗保险", d(2026, 11, 24)),
        Err(CaseError::CoWindowAlready("医疗保险".into()))
    );
    assert_eq!(
        case.add_co_window("民政救助", d(2026, 11, 24)),
        Err(CaseError::CoWindowAlready("民政救助".into()))
    );
    let n = w.notice(&case, 2, d(2026, 11, 24));
    assert_eq!(n.kind, NoticeKind::Joint);
    assert_eq!(n.co_windows[0].window, "医疗保险");
    assert_eq!(n.co_windows[0].location.as_deref(), Some("3号窗口"));
}
