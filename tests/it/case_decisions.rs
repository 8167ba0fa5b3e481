//! Deciding a matter (RULES §3, §2): a rejection told on the spot, a matter kept for its
//! decision within 3 working days and then admitted or rejected, and the notices that tell the
//! applicant of a decision, an extension or a material found unusable.

use frontdesk::domain::case::notify::{compose_extension, compose_review};
use frontdesk::domain::case::{Case, CaseError, CaseKind, CaseStatus, Intake};
use frontdesk::domain::centre::Settings;
use frontdesk::domain::clock::Deadline;
use frontdesk::domain::notice::{NoticeKind, Review};

use crate::common::world::{ELDER_MEALS, World, d, world};

/// A case of MZ-005 accepted on Mon 23 Nov with `have` in hand, rejected on the spot or kept
/// for a decision, with the clerk's override of the kind if any.
fn accept(w: &World, have: &[&str], over: Option<CaseKind>, needs_decision: bool) -> Case {
    let intake = w.intake(ELDER_MEALS, d(2026, 11, 23), have);
    Case::accept(
        Intake {
            kind_override: over.map(|k| (k, "经核查不符合条件".to_string())),
            needs_decision,
            ..intake
        },
        &Settings::default(),
        &w.cal,
    )
    .unwrap()
}

fn issue(w: &World, case: &mut Case, day: u32) -> NoticeKind {
    let n = w.notice(case, case.next_notice_number(), d(2026, 11, day));
    let kind = n.kind;
    case.issue(n);
    kind
}

#[test]
fn a_main_material_missing_and_not_promised_is_rejected_on_the_spot_and_closed_that_day() {
    let w = world();
    let mut case = accept(&w, &["居民身份证"], None, false);
    assert_eq!(case.kind, CaseKind::Rejected);
    let CaseStatus::Rejected { on, reason } = &case.status else {
        panic!("not closed: {:?}", case.status);
    };
    assert_eq!(*on, d(2026, 11, 23));
    assert!(reason.contains("老年助餐补贴申请表"), "{reason}");
    // Closed: it counts down nothing, and nothing more is done to it.
    assert_eq!(case.urgency(&w.cal, d(2026, 11, 30)).unwrap(), None);
    assert!(matches!(
        case.supplement(&["老年助餐补贴申请表".into()], d(2026, 11, 24)),
        Err(CaseError::Closed { .. })
    ));
    assert_eq!(issue(&w, &mut case, 23), NoticeKind::Rejection);
}

#[test]
fn an_override_to_a_rejection_is_told_on_the_spot_with_the_clerks_reason() {
    let w = world();
    let all = w.all_materials(ELDER_MEALS);
    let case = accept(&w, &all, Some(CaseKind::Rejected), false);
    assert_eq!(
        case.status,
        CaseStatus::Rejected {
            on: d(2026, 11, 23),
            reason: "经核查不符合条件".into()
        }
    );
}

#[test]
fn a_rejection_kept_for_decision_stays_open_with_the_three_working_day_limit() {
    let w = world();
    let mut case = accept(&w, &["居民身份证"], None, true);
    assert_eq!(case.status, CaseStatus::Open);
    assert!(case.awaits_decision());
    // Mon 23 Nov, not counted: Tue, Wed, Thu.
    let Deadline::Due(due) = case.deadline(&w.cal).unwrap() else {
        panic!("no deadline")
    };
    assert_eq!(due.value, d(2026, 11, 26));
    assert!(case.urgency(&w.cal, d(2026, 11, 27)).unwrap().is_some());
    // Its notice is no rejection yet: it tells when the decision comes, and what is missing.
    let n = w.notice(&case, 1, d(2026, 11, 23));
    assert_eq!(n.kind, NoticeKind::Decision);
    let doc = n.document(1);
    assert!(
        doc.contains(&"作出决定日期：2026年11月26日".to_string()),
        "{doc:#?}"
    );
    assert!(
        doc.iter().any(|l| l.contains("老年助餐补贴申请表")),
        "{doc:#?}"
    );
    // Decided against: closed with the rejection notice.
    case.reject("经研究不符合补贴条件", d(2026, 11, 25))
        .unwrap();
    assert_eq!(issue(&w, &mut case, 25), NoticeKind::Rejection);
}

#[test]
fn only_a_matter_to_be_rejected_waits_for_a_decision() {
    let w = world();
    let intake = w.intake(ELDER_MEALS, d(2026, 11, 23), &w.all_materials(ELDER_MEALS));
    let err = Case::accept(
        Intake {
            needs_decision: true,
            ..intake
        },
        &Settings::default(),
        &w.cal,
    )
    .unwrap_err();
    assert_eq!(
        err,
        CaseError::DecisionNotNeeded {
            kind: CaseKind::Committed
        }
    );
}

#[test]
fn a_matter_admitted_on_decision_takes_its_kind_and_its_clock_from_the_decision_day() {
    let w = world();
    let all = w.all_materials(ELDER_MEALS);
    let mut case = accept(&w, &all, Some(CaseKind::Rejected), true);
    let item = w.item(ELDER_MEALS);
    let settings = Settings::default();
    assert_eq!(
        case.admit(item, &settings, &w.cal, " ", d(2026, 11, 25)),
        Err(CaseError::AdmitWithoutReason)
    );
    case.admit(
        item,
        &settings,
        &w.cal,
        "经入户核查符合条件",
        d(2026, 11, 25),
    )
    .unwrap();
    assert_eq!(case.kind, CaseKind::Committed);
    assert!(!case.awaits_decision());
    assert!(case.decided.because.contains("经入户核查符合条件"));
    // Five working days from the day after Wed 25 Nov: Thu 26 … Wed 2 Dec.
    assert_eq!(w.due(&case), d(2026, 12, 2));
    assert_eq!(issue(&w, &mut case, 25), NoticeKind::Acceptance);
    // Decided once: it cannot be admitted again.
    assert!(matches!(
        case.admit(item, &settings, &w.cal, "再次", d(2026, 11, 26)),
        Err(CaseError::NotAwaitingDecision { .. })
    ));
}

#[test]
fn a_matter_whose_main_material_is_still_missing_cannot_be_admitted() {
    let w = world();
    let mut case = accept(&w, &["居民身份证"], None, true);
    let err = case
        .admit(
            w.item(ELDER_MEALS),
            &Settings::default(),
            &w.cal,
            "同意受理",
            d(2026, 11, 24),
        )
        .unwrap_err();
    let CaseError::AdmitMainMissing(missing) = err else {
        panic!("{err:?}")
    };
    assert!(missing.contains("老年助餐补贴申请表"), "{missing}");
    assert!(case.awaits_decision());
}

// ---- One-time notification (RULES §2) ----

#[test]
fn a_later_notice_asking_for_a_material_is_a_violation_even_when_the_first_asked_for_nothing() {
    let w = world();
    let all = w.all_materials(ELDER_MEALS);
    let mut case = accept(&w, &all, None, false);
    assert_eq!(issue(&w, &mut case, 23), NoticeKind::Acceptance);
    assert!(case.notices[0].requested.is_empty());
    case.mark_missing("近期一寸免冠照片", d(2026, 11, 24))
        .unwrap();
    let review = Review {
        materials: vec!["近期一寸免冠照片".into()],
        reason: "照片非近期".into(),
    };
    let n = compose_review(
        &case,
        w.item(ELDER_MEALS),
        &w.centre,
        &w.cal,
        2,
        d(2026, 11, 24),
        review,
    )
    .unwrap();
    let doc = n.document(1);
    assert!(
        doc.iter()
            .any(|l| l.contains("近期一寸免冠照片 不符合要求") && l.contains("照片非近期")),
        "{doc:#?}"
    );
    let v = case.issue(n);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!((v[0].first, v[0].later), (1, 2));
    assert_eq!(v[0].materials, ["近期一寸免冠照片"]);
}

#[test]
fn an_extension_notice_tells_the_new_date_the_reason_and_who_approved_it() {
    let w = world();
    let all = w.all_materials(ELDER_MEALS);
    let mut case = accept(&w, &all, None, false);
    issue(&w, &mut case, 23);
    let was = w.due(&case);
    let director = w.centre.staff("D01").unwrap();
    case.extend(3, "需实地核查", director, d(2026, 11, 24))
        .unwrap();
    let n = compose_extension(&case, w.item(ELDER_MEALS), &w.centre, &w.cal, 2, Some(was))
        .unwrap()
        .expect("an extension to tell");
    assert_eq!(n.kind, NoticeKind::Extension);
    let doc = n.document(1);
    assert_eq!(doc[1], "延期告知书");
    let has = |s: &str| doc.iter().any(|l| l.contains(s));
    assert!(has("原定办结日期：2026年11月30日"), "{doc:#?}");
    assert!(has(&format!(
        "经 {} 批准，办理时限延长 3 个工作日。",
        director.name
    )));
    assert!(has("延期理由：需实地核查"));
    assert!(has("延期后办结日期：2026年12月03日"), "{doc:#?}");
    // It asks for nothing, so it is never a second request for materials.
    assert!(case.issue(n).is_empty());
}
