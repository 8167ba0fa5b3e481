//! The case clocks (RULES §4): working days after acceptance or completion, the 10- and
//! 60-day limits in the centre's unit, extensions, pauses, green channel, urgency.

use chrono::NaiveDate;
use frontdesk::domain::case::notify::compose;
use frontdesk::domain::case::{
    Applicant, Case, CaseError, CaseKind, CaseStatus, Channel, Intake, MaterialState, Ticked,
};
use frontdesk::domain::catalogue::ServiceItem;
use frontdesk::domain::centre::Settings;
use frontdesk::domain::clock::{ClockError, Deadline, SpecialProcedure, Urgency};
use frontdesk::domain::notice::DeadlineRule;

use crate::common::world::{BIRTH, DIBAO, ELDER_MEALS, UNEMPLOYMENT, d, list, world};

// ---- Clocks (RULES §4) ----

#[test]
fn committed_deadline_counts_working_days_after_acceptance_across_national_day() {
    let w = world();
    // Accepted Mon 28 Sep 2026: 29, 30 Sep, (1–7 Oct holiday), 8, 9, Sat 10 Oct (make-up day).
    let case = w.accept(
        ELDER_MEALS,
        d(2026, 9, 28),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    assert_eq!(w.due(&case), d(2026, 10, 10));
}

#[test]
fn immediate_case_is_due_the_same_day() {
    let w = world();
    let case = w.accept(
        UNEMPLOYMENT,
        d(2026, 11, 23),
        &w.all_materials(UNEMPLOYMENT),
        &[],
    );
    assert_eq!(w.due(&case), d(2026, 11, 23));
}

#[test]
fn supplement_case_deadline_runs_from_the_day_materials_are_complete() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 2, 2),
        &[
            "老年助餐补贴申请表",
            "居民身份证",
            "特殊困难身份证明",
            "近期一寸免冠照片",
        ],
        &["户口簿或居住证"],
    );
    assert_eq!(
        case.deadline(&w.cal).unwrap(),
        Deadline::Waiting { materials: 1 }
    );
    // Brought on Fri 13 Feb: Sat 14 Feb is a make-up working day, 15–23 Feb 春节.
    case.supplement(&list(&["户口簿或居住证"]), d(2026, 2, 13))
        .unwrap();
    assert_eq!(w.due(&case), d(2026, 2, 27));
    let received = case
        .materials
        .iter()
        .find(|m| m.name == "户口簿或居住证")
        .unwrap();
    assert_eq!(
        (received.state, received.received_on),
        (MaterialState::InHand, Some(d(2026, 2, 13)))
    );
}

#[test]
fn clock_keeps_waiting_until_the_last_material_arrives() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &["老年助餐补贴申请表"],
        &["居民身份证", "户口簿或居住证"],
    );
    case.supplement(&list(&["居民身份证"]), d(2026, 11, 24))
        .unwrap();
    assert_eq!(
        case.deadline(&w.cal).unwrap(),
        Deadline::Waiting { materials: 3 }
    );
}

#[test]
fn deficiency_supplement_date_is_five_working_days_by_default() {
    let w = world();
    // Accepted Fri 25 Sep 2026: 28, 29, 30 Sep, then 8, 9 Oct.
    let case = w.accept(ELDER_MEALS, d(2026, 9, 25), &w.mains(ELDER_MEALS), &[]);
    assert_eq!(case.supplement_by, Some(d(2026, 10, 9)));
    // Review starts at once: the clock runs from acceptance.
    assert_eq!(w.due(&case), d(2026, 10, 9));
}

#[test]
fn deficiency_lapses_into_rejection_after_its_date() {
    let w = world();
    let mut case = w.accept(ELDER_MEALS, d(2026, 11, 23), &w.mains(ELDER_MEALS), &[]);
    let by = case.supplement_by.unwrap();
    assert_eq!(by, d(2026, 11, 30));
    assert!(matches!(
        case.lapse_deficiency(by),
        Err(CaseError::DeficiencyNotLapsed { .. })
    ));
    case.lapse_deficiency(d(2026, 12, 1)).unwrap();
    assert!(matches!(case.status, CaseStatus::Rejected { .. }));
}

#[test]
fn deficiency_case_cannot_complete_before_its_supplements_arrive() {
    let w = world();
    let mut case = w.accept(ELDER_MEALS, d(2026, 11, 23), &w.mains(ELDER_MEALS), &[]);
    assert!(matches!(
        case.complete(d(2026, 11, 24), &w.cal),
        Err(CaseError::CompleteDeficient(_))
    ));
    case.supplement(
        &list(&["特殊困难身份证明", "近期一寸免冠照片"]),
        d(2026, 11, 25),
    )
    .unwrap();
    case.complete(d(2026, 11, 26), &w.cal).unwrap();
    assert_eq!(
        case.status,
        CaseStatus::Completed {
            on: d(2026, 11, 26),
            late: None,
        }
    );
}

#[test]
fn rejection_is_decided_within_three_working_days() {
    let w = world();
    // Accepted Wed 30 Sep 2026: 8, 9, Sat 10 Oct.
    let case = w.accept(ELDER_MEALS, d(2026, 9, 30), &[], &[]);
    assert_eq!(case.kind, CaseKind::Rejected);
    assert_eq!(w.due(&case), d(2026, 10, 10));
}

#[test]
fn extensions_total_at_most_thirty_working_days() {
    let w = world();
    let leader = w.centre.staff("L05").unwrap();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 2),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    let before = w.due(&case);
    case.extend(20, "需实地核查", leader, d(2026, 11, 5))
        .unwrap();
    assert_eq!(
        w.due(&case),
        w.cal.add_working_days(before, 20).unwrap().value
    );
    let err = case
        .extend(11, "仍需核查", leader, d(2026, 11, 20))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "an extension of 11 working days would bring the total to 31, above the 30 allowed (20 used already); extend by at most 10 (time-limit rule, 000 二(三)4)"
    );
    case.extend(10, "仍需核查", leader, d(2026, 11, 20))
        .unwrap();
    assert_eq!(case.clock.extension_days(), 30);
}

#[test]
fn extension_needs_a_reason_and_a_leader_or_the_director() {
    let w = world();
    let clerk = w.centre.staff("C01").unwrap();
    let director = w.centre.staff("D01").unwrap();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 2),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    // Who may approve is the permission gate's to say (003 二5); the case records who did.
    use frontdesk::domain::permission::{Act, allow};
    assert!(allow(&w.centre, clerk, Act::ApproveExtension).is_err());
    assert!(allow(&w.centre, director, Act::ApproveExtension).is_ok());
    assert_eq!(
        case.extend(5, "", director, d(2026, 11, 3)),
        Err(CaseError::Clock(ClockError::ExtensionWithoutReason))
    );
    case.extend(5, "核查", director, d(2026, 11, 3)).unwrap();
    assert_eq!(case.clock.extensions[0].approved_by, "D01");
}

#[test]
fn report_up_is_capped_at_sixty_days_after_acceptance() {
    let w = world();
    let mut item = w.item(DIBAO).clone();
    item.committed_days = 80;
    item.statutory_days = Some(90);
    let case = Case::accept(
        complete_intake(&item, d(2026, 3, 2), false),
        &Settings::default(),
        &w.cal,
    )
    .unwrap();
    assert_eq!(case.kind, CaseKind::ReportUp);
    assert_eq!(
        w.due(&case),
        w.cal.add_working_days(d(2026, 3, 2), 60).unwrap().value
    );
}

#[test]
fn committed_case_reported_up_keeps_its_shorter_limit() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 2),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    let before = w.due(&case);
    case.report_up(d(2026, 11, 3)).unwrap();
    assert_eq!(case.kind, CaseKind::ReportUp);
    assert_eq!(w.due(&case), before);
}

/// An intake with every material in hand.
fn complete_intake(item: &ServiceItem, on: NaiveDate, green_channel: bool) -> Intake<'_> {
    Intake {
        item,
        ticked: Ticked {
            in_hand: item.materials.iter().map(|m| m.name.clone()).collect(),
            promised: vec![],
        },
        applicant: Applicant {
            name: "赵六".into(),
            phone: None,
            id_number: None,
        },
        first_asked: "C01".into(),
        channel: Channel::Window,
        handler: "C01".into(),
        accepted_on: on,
        green_channel,
        kind_override: None,
        needs_decision: false,
    }
}

#[test]
fn green_channel_is_half_the_statutory_limit_rounded_down() {
    let w = world();
    let on = d(2026, 11, 2);
    // MZ-001: committed 20, statutory 30 → 15.
    let case = Case::accept(
        complete_intake(w.item(DIBAO), on, true),
        &Settings::default(),
        &w.cal,
    )
    .unwrap();
    assert_eq!(w.due(&case), w.cal.add_working_days(on, 15).unwrap().value);
    // Odd limits round down: statutory 11 → 5.
    let mut odd = w.item(ELDER_MEALS).clone();
    odd.committed_days = 9;
    odd.statutory_days = Some(11);
    let case = Case::accept(
        complete_intake(&odd, on, true),
        &Settings::default(),
        &w.cal,
    )
    .unwrap();
    assert_eq!(w.due(&case), w.cal.add_working_days(on, 5).unwrap().value);
    // Never longer than the committed limit.
    let case = Case::accept(
        complete_intake(w.item(BIRTH), on, true),
        &Settings::default(),
        &w.cal,
    )
    .unwrap();
    assert_eq!(w.due(&case), w.cal.add_working_days(on, 5).unwrap().value);
}

#[test]
fn pause_for_a_special_procedure_stops_the_clock_and_resume_moves_the_deadline() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 9, 21),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    let before = w.due(&case);
    case.pause(SpecialProcedure::Inspection, &w.cal, d(2026, 9, 24))
        .unwrap();
    assert!(matches!(
        case.deadline(&w.cal).unwrap(),
        Deadline::Paused { .. }
    ));
    assert!(matches!(
        case.complete(d(2026, 9, 25), &w.cal),
        Err(CaseError::CompletePaused)
    ));
    // Paused Thu 24 Sep, resumed Fri 9 Oct: 25–27 Sep 中秋节 and 1–7 Oct 国庆节 are rest
    // days, so the clock stood still for 28, 29, 30 Sep, 8 and 9 Oct = 5 working days.
    case.resume(d(2026, 10, 9)).unwrap();
    assert_eq!(before, d(2026, 9, 29));
    assert_eq!(w.due(&case), d(2026, 10, 12));
    assert_eq!(
        w.due(&case),
        w.cal.add_working_days(before, 5).unwrap().value
    );
    assert_eq!(
        case.resume(d(2026, 10, 10)),
        Err(CaseError::Clock(ClockError::NotPaused))
    );
}

#[test]
fn completing_a_rejected_case_is_an_error() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    case.reject("经入户核查不符合条件", d(2026, 11, 24))
        .unwrap();
    assert_eq!(
        case.complete(d(2026, 11, 25), &w.cal),
        Err(CaseError::CompleteRejected)
    );
    assert!(matches!(
        case.extend(3, "x", w.centre.staff("L05").unwrap(), d(2026, 11, 25)),
        Err(CaseError::Closed { .. })
    ));
}

#[test]
fn completing_a_supplement_case_still_waiting_is_an_error() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &["老年助餐补贴申请表", "居民身份证"],
        &["户口簿或居住证"],
    );
    assert_eq!(
        case.complete(d(2026, 11, 24), &w.cal),
        Err(CaseError::CompleteWaiting(3))
    );
}

#[test]
fn rejection_needs_a_reason() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    assert_eq!(
        case.reject("  ", d(2026, 11, 24)),
        Err(CaseError::RejectWithoutReason)
    );
}

#[test]
fn open_case_turns_due_soon_then_overdue_and_closed_case_has_no_urgency() {
    let w = world();
    // Accepted Mon 28 Sep 2026, due Sat 10 Oct (a make-up working day).
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 9, 28),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    assert_eq!(
        case.urgency(&w.cal, d(2026, 9, 29)).unwrap(),
        Some(Urgency::Normal)
    );
    assert_eq!(
        case.urgency(&w.cal, d(2026, 10, 9)).unwrap(),
        Some(Urgency::DueSoon)
    );
    assert_eq!(
        case.urgency(&w.cal, d(2026, 10, 12)).unwrap(),
        Some(Urgency::Overdue)
    );
    case.complete(d(2026, 10, 9), &w.cal).unwrap();
    assert_eq!(case.urgency(&w.cal, d(2026, 10, 12)).unwrap(), None);
}

#[test]
fn deadline_in_a_year_without_a_schedule_is_provisional() {
    let w = world();
    let case = w.accept(
        ELDER_MEALS,
        d(2026, 12, 28),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    match case.deadline(&w.cal).unwrap() {
        Deadline::Due(r) => {
            assert_eq!(r.value, d(2027, 1, 4));
            assert!(r.provisional_years.contains(&2027));
        }
        other => panic!("{other:?}"),
    }
}

/// A same-day item (LB-001) overridden to 承诺件 on Thu 24 Sep 2026, under `settings`.
fn same_day_item_handled_as_committed(settings: &Settings) -> Case {
    let w = world();
    let all = w.all_materials("LB-001");
    let over = Some((CaseKind::Committed, "需入户核实".to_string()));
    w.accept_item(
        w.item("LB-001"),
        d(2026, 9, 24),
        (&all, &[]),
        over,
        settings,
    )
    .unwrap()
}

#[test]
fn the_ten_day_limit_follows_the_centres_working_or_calendar_setting() {
    let w = world();
    let due = |c: &Case| match c.deadline(&w.cal).unwrap() {
        Deadline::Due(r) => r.value,
        other => panic!("{other:?}"),
    };
    // Ten working days after 24 Sep, 国庆 (1–8 Oct) not counted.
    let working = same_day_item_handled_as_committed(&Settings::default());
    assert_eq!(due(&working), d(2026, 10, 15));
    // Ten calendar days: 4 Oct, a holiday, moves to the next working day.
    let settings = Settings {
        ten_and_sixty_day_limits: frontdesk::domain::centre::DayUnit::Calendar,
        ..Settings::default()
    };
    let calendar = same_day_item_handled_as_committed(&settings);
    assert_eq!(due(&calendar), d(2026, 10, 8));
    let notice = compose(
        &calendar,
        w.item("LB-001"),
        &w.centre,
        &w.cal,
        1,
        d(2026, 9, 24),
    )
    .unwrap();
    assert_eq!(
        notice.deadline_rule,
        DeadlineRule::CalendarDays { days: 10 }
    );
}

/// A 上报件 item promised in 80 working days (statutory 90), accepted on Mon 2 Mar 2026 with
/// `have` in hand.
fn long_report_up(have: &[&str]) -> (Case, ServiceItem) {
    let w = world();
    let mut item = w.item("MZ-001").clone();
    item.committed_days = 80;
    item.statutory_days = Some(90);
    let case = w
        .accept_item(
            &item,
            d(2026, 3, 2),
            (have, &[]),
            None,
            &Settings::default(),
        )
        .unwrap();
    (case, item)
}

#[test]
fn the_sixty_day_ceiling_binds_every_report_up_item_however_its_clock_started() {
    let w = world();
    let due = |c: &Case| match c.deadline(&w.cal).unwrap() {
        Deadline::Due(r) => r.value,
        other => panic!("{other:?}"),
    };
    let sixty = w.cal.add_working_days(d(2026, 3, 2), 60).unwrap().value;
    let all = w.all_materials("MZ-001");
    let (whole, _) = long_report_up(&all);
    assert_eq!(whole.kind, CaseKind::ReportUp);
    assert_eq!(due(&whole), sixty);
    // With only the main materials (容缺受理), still the ceiling, not 80 working days.
    let mains = w.mains("MZ-001");
    let (mut deficient, item) = long_report_up(&mains);
    assert_eq!(deficient.kind, CaseKind::Deficiency);
    assert_eq!(due(&deficient), sixty);
    // An extension does not carry it past the ceiling.
    let director = w.centre.staff("D01").unwrap();
    deficient
        .extend(30, "需实地核查", director, d(2026, 3, 3))
        .unwrap();
    assert_eq!(due(&deficient), sixty);
    // Its notice states one limit, not two that contradict each other.
    let notice = compose(&whole, &item, &w.centre, &w.cal, 1, d(2026, 3, 2)).unwrap();
    let text = notice.document(1).join("\n");
    assert!(
        text.contains("自材料齐全次日起 60 个工作日内办结"),
        "{text}"
    );
    assert!(!text.contains("80 个工作日内办结"), "{text}");
}

#[test]
fn an_extension_is_in_time_up_to_the_close_of_the_day_the_case_is_due() {
    let w = world();
    let case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 2),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    let due = w.due(&case);
    assert_eq!(case.extension_in_time(&w.cal, due), Ok(()));
    assert_eq!(
        case.extension_in_time(&w.cal, due.succ_opt().unwrap()),
        Err(CaseError::ExtensionAfterDeadline { due })
    );
}

#[test]
fn a_special_procedure_starts_before_the_deadline_so_an_overdue_case_stays_overdue() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &w.all_materials(ELDER_MEALS),
        &[],
    );
    let due = w.due(&case);
    assert_eq!(due, d(2026, 11, 30));
    let after = d(2026, 12, 1);
    assert_eq!(
        case.pause(SpecialProcedure::Hearing, &w.cal, after),
        Err(CaseError::PauseAfterDeadline { due })
    );
    assert_eq!(
        case.urgency(&w.cal, after).unwrap(),
        Some(frontdesk::domain::clock::Urgency::Overdue)
    );
    // On the last day it may still start.
    case.pause(SpecialProcedure::Hearing, &w.cal, due).unwrap();
}
