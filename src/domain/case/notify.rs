//! The one-time notice (一次性告知, RULES §2) a case gets now: composed from the case, its item
//! and the centre, to be kept on the case.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::Case;
use super::decide::{CaseKind, MaterialState};
use crate::domain::calendar::Calendar;
use crate::domain::case::CaseStatus;
use crate::domain::catalogue::ServiceItem;
use crate::domain::centre::{Centre, DayUnit};
use crate::domain::clock::{ClockError, Deadline, Limit, REJECTION_DECISION_DAYS};
use crate::domain::notice::{
    CoWindow, DeadlineRule, ExtensionNote, Notice, NoticeKind, Received, Review,
};

/// Composes the notice a case gets now; `number` is its place among the case's notices.
pub fn compose(
    case: &Case,
    item: &ServiceItem,
    centre: &Centre,
    cal: &Calendar,
    number: u32,
    on: NaiveDate,
) -> Result<Notice, ClockError> {
    let kind = match case.status {
        CaseStatus::Rejected { .. } => NoticeKind::Rejection,
        _ if case.awaits_decision() => NoticeKind::Decision,
        // A 补办件 whose materials are now complete: accepted, with its date (told "届时").
        _ if case.kind == CaseKind::Supplement && case.clock.started_on.is_some() => {
            NoticeKind::Acceptance
        }
        _ => NoticeKind::for_case(case.kind),
    };
    let outstanding: BTreeSet<&str> = case.outstanding().iter().map(|m| m.name.as_str()).collect();
    let requested = if kind == NoticeKind::Rejection {
        Vec::new()
    } else {
        item.materials
            .iter()
            .filter(|m| outstanding.contains(m.name.as_str()))
            .cloned()
            .collect()
    };
    let received = case
        .materials
        .iter()
        .filter(|m| m.state == MaterialState::InHand)
        .filter_map(|m| {
            Some(Received {
                name: m.name.clone(),
                on: m.received_on?,
                pages: m.pages,
                copies: item.material(&m.name).and_then(|x| x.copies),
            })
        })
        .collect();
    let deadline_rule = match (case.kind, case.clock.limit) {
        (CaseKind::Rejected, _) => DeadlineRule::RejectionDecision {
            days: REJECTION_DECISION_DAYS,
        },
        (_, Limit::SameDay) => DeadlineRule::SameDay,
        (CaseKind::Supplement, Limit::WorkingDays(days)) => DeadlineRule::FromCompletion { days },
        (_, Limit::WorkingDays(days)) => DeadlineRule::FromAcceptance { days },
        (_, Limit::WrittenReply { days }) => match case.clock.ceiling_unit {
            DayUnit::Working => DeadlineRule::FromAcceptance { days },
            DayUnit::Calendar => DeadlineRule::CalendarDays { days },
        },
        (_, Limit::Capped { days, ceiling }) => DeadlineRule::Capped {
            days,
            ceiling,
            calendar: case.clock.ceiling_unit == DayUnit::Calendar,
        },
    };
    let (deadline, deadline_provisional) = match case.deadline(cal)? {
        Deadline::Due(r) => (Some(r.value), r.is_provisional()),
        Deadline::Waiting { .. } | Deadline::Paused { .. } => (None, false),
    };
    let co_windows = case
        .co_windows
        .iter()
        .map(|w| {
            let win = centre.window(w);
            CoWindow {
                window: w.clone(),
                location: win.and_then(|x| x.location.clone()),
                phone: win.and_then(|x| x.phone.clone()),
                materials: item
                    .materials
                    .iter()
                    .filter(|m| m.for_window.as_deref() == Some(w.as_str()))
                    .map(|m| m.name.clone())
                    .collect(),
            }
        })
        .collect();
    let on_expiry = (kind == NoticeKind::Deficiency)
        .then(|| "逾期未补齐的，本次申请按退回（驳回）处理，已作出的审批结果不予发放".to_string());
    let rejection_reason = match &case.status {
        CaseStatus::Rejected { reason, .. } => Some(reason.clone()),
        _ => None,
    };
    // A rejection decided on the spot has no time limit left to state.
    let (deadline, deadline_provisional) = if kind == NoticeKind::Rejection {
        (None, false)
    } else {
        (deadline, deadline_provisional)
    };
    Ok(Notice {
        number,
        kind,
        issued_on: on,
        item_code: item.code.clone(),
        item_name: item.name.clone(),
        applicant: case.applicant.name.clone(),
        requested,
        received,
        all_materials: item.materials.to_vec(),
        conditions: item.conditions.clone(),
        basis: item.basis.clone(),
        procedure: item.procedure.clone(),
        prerequisites: item.prerequisites.clone(),
        deadline_rule,
        deadline,
        deadline_provisional,
        supplement_by: case.supplement_by,
        on_expiry,
        fee: item.fee.clone(),
        complaint_channel: centre.complaint_phone.clone(),
        co_windows,
        rejection_reason,
        handler: case.handler.clone(),
        window: case.window.clone(),
        centre: centre.name.clone(),
        handler_name: centre
            .staff(&case.handler)
            .map_or_else(|| case.handler.clone(), |s| s.name.clone()),
        first_asked_name: (case.first_asked != case.handler)
            .then(|| centre.name_of(&case.first_asked).to_string()),
        window_location: centre.window(&case.window).and_then(|w| w.location.clone()),
        window_phone: centre.window(&case.window).and_then(|w| w.phone.clone()),
        extension: None,
        review: None,
    })
}

/// The 延期告知书 of the case's latest extension, told to the applicant in advance: the new date,
/// the reason and who approved it (000 服务承诺4, 二(三)4). `was_due` is the date before it.
pub fn compose_extension(
    case: &Case,
    item: &ServiceItem,
    centre: &Centre,
    cal: &Calendar,
    number: u32,
    was_due: Option<NaiveDate>,
) -> Result<Option<Notice>, ClockError> {
    let Some(ext) = case.clock.extensions.last() else {
        return Ok(None);
    };
    let mut notice = compose(case, item, centre, cal, number, ext.on)?;
    notice.kind = NoticeKind::Extension;
    notice.requested = Vec::new();
    notice.extension = Some(ExtensionNote {
        days: ext.days,
        reason: ext.reason.clone(),
        approved_by: centre
            .staff(&ext.approved_by)
            .map_or_else(|| ext.approved_by.clone(), |s| s.name.clone()),
        was_due,
    });
    Ok(Some(notice))
}

/// The notice that asks again for materials found unusable on review, saying why.
pub fn compose_review(
    case: &Case,
    item: &ServiceItem,
    centre: &Centre,
    cal: &Calendar,
    number: u32,
    on: NaiveDate,
    review: Review,
) -> Result<Notice, ClockError> {
    let mut notice = compose(case, item, centre, cal, number, on)?;
    notice.review = Some(review);
    Ok(notice)
}
