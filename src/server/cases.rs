//! Case commands: open a case at the desk, act on it later, show and list. Each is one store
//! transaction with its audit event; the one-time notice is composed and kept on the case.

use chrono::NaiveDate;

use crate::domain::case::notify::{compose, compose_extension, compose_review};
use crate::domain::case::{Applicant, Case, CaseStatus, Intake, Ticked};
use crate::domain::catalogue::ServiceItem;
use crate::domain::centre::Staff;
use crate::domain::clock::Deadline;
use crate::domain::contact::{check_id_number, check_phone};
use crate::domain::notice::{Review, Violation};
use crate::domain::permission::{Act, allow, handles};
use crate::domain::queue::TicketStatus;
use crate::protocol::{CaseOpen, CaseReq, CaseView, FaultKind, Outcome, Response};
use crate::refusal::Refusal;
use crate::store::audit::{AuditEvent, Data, Target};
use crate::store::cases::{self, CASES, NOTICES};
use crate::store::index::INDEX;
use crate::store::records::OUTBOX;
use crate::store::{CmdError, Fact, StoreError, refused, tickets};

use super::Shared;
use super::case_lists;
use super::session::Session;
use super::standing::standing;

/// Handles the requests about cases: opening, acting on, showing, finding and listing.
pub fn handle(shared: &Shared, s: &Session, req: CaseReq) -> Outcome {
    let case = |r: Result<CaseView, CmdError>| s.reply(r.map(|v| Response::Case(Box::new(v))));
    let act = req.act();
    match req {
        CaseReq::Open(args) => case(open(shared, s, &act, &args)),
        CaseReq::Show { id } => case(show(shared, s, id)),
        CaseReq::Find { text } => match case_lists::find(shared, &text) {
            Ok(Ok((id, open_row))) => Outcome::Ok(Response::Found { id, open_row }),
            Ok(Err(why)) => s.fault(FaultKind::Invalid, &why),
            Err(e) => s.broke(e),
        },
        CaseReq::Notices { date, page } => {
            s.read(case_lists::notices(shared, date, &page).map(Response::Notices))
        }
        CaseReq::List {
            open,
            due_within,
            overdue,
            page,
        } => {
            let filter = case_lists::ListFilter {
                open,
                due_within,
                overdue,
            };
            s.read(case_lists::list(shared, &filter, &page).map(Response::Cases))
        }
        action => {
            let completes = matches!(action, CaseReq::Complete { .. });
            let done = act_on(shared, s, &act, action);
            // Its message is in the store now: the delivery thread is woken for it.
            if completes && done.is_ok() {
                shared.outbox.kick();
            }
            case(done)
        }
    }
}

/// The key of an open case in the deadline index, or none once it is closed.
pub(super) fn index_key(shared: &Shared, id: u64, case: &Case) -> Result<Option<String>, CmdError> {
    if case.status != CaseStatus::Open {
        return Ok(None);
    }
    Ok(Some(
        match case.deadline(&shared.calendar).map_err(refused)? {
            Deadline::Due(r) => format!("D/{}/{id:010}", r.value),
            Deadline::Waiting { .. } | Deadline::Paused { .. } => format!("W/{id:010}"),
        },
    ))
}

/// The case as `viewer` may see it.
pub fn view(
    shared: &Shared,
    viewer: &Staff,
    id: u64,
    mut case: Case,
    violations: &[Violation],
) -> CaseView {
    let today = shared.clock.now().date();
    let s = standing(shared, &case, today);
    let urgency = case.urgency(&shared.calendar, today).ok().flatten();
    if !handles(&shared.centre, viewer, &case) {
        case.applicant = case.applicant.masked();
    }
    CaseView {
        id,
        case,
        deadline: s.deadline,
        waiting_for: s.waiting_for,
        paused_since: s.paused_since,
        provisional: s.provisional,
        days_left: s.days_left,
        urgency,
        violations: violations.to_vec(),
        messages: Vec::new(),
    }
}

/// The catalogue item of a case, refused when the catalogue no longer has it.
fn item_of<'a>(shared: &'a Shared, case: &Case) -> Result<&'a ServiceItem, CmdError> {
    shared.catalogue.get(&case.item_code).ok_or_else(|| {
        refused(Refusal::ItemGone {
            code: case.item_code.clone(),
        })
    })
}

/// Issues the notice the case gets now and keeps it; returns the violations it makes.
pub(super) fn issue_notice(
    shared: &Shared,
    case: &mut Case,
    today: NaiveDate,
) -> Result<Vec<Violation>, CmdError> {
    let item = item_of(shared, case)?;
    let number = case.next_notice_number();
    let notice =
        compose(case, item, &shared.centre, &shared.calendar, number, today).map_err(refused)?;
    Ok(case.issue(notice))
}

/// Tells the applicant of the extension just granted, in advance, with a 延期告知书 (000
/// 服务承诺4): the new date, the reason and who approved it. `was_due` is the date before it.
pub(super) fn issue_extension_notice(
    shared: &Shared,
    case: &mut Case,
    was_due: Option<NaiveDate>,
) -> Result<(), CmdError> {
    let item = item_of(shared, case)?;
    let number = case.next_notice_number();
    let notice = compose_extension(
        case,
        item,
        &shared.centre,
        &shared.calendar,
        number,
        was_due,
    )
    .map_err(refused)?;
    if let Some(notice) = notice {
        case.issue(notice);
    }
    Ok(())
}

/// The day a case is due, while its clock runs.
pub(super) fn due_on(shared: &Shared, case: &Case) -> Option<NaiveDate> {
    match case.deadline(&shared.calendar) {
        Ok(Deadline::Due(r)) => Some(r.value),
        _ => None,
    }
}

fn open(shared: &Shared, s: &Session, act: &str, args: &CaseOpen) -> Result<CaseView, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(&s.who(), now, act, vec![], |txn| {
        accept(shared, s, txn, args, now)
    })
}

/// Accepts a case inside a write transaction: the rules, the notice, the number, the deadline
/// index. Returns the case as the clerk sees it, and what its audit event records.
pub fn accept(
    shared: &Shared,
    s: &Session,
    txn: &redb::WriteTransaction,
    args: &CaseOpen,
    now: chrono::NaiveDateTime,
) -> Result<(CaseView, Fact), CmdError> {
    let item = shared.catalogue.get(args.item.trim()).ok_or_else(|| {
        refused(Refusal::NoItem {
            code: args.item.clone(),
        })
    })?;
    allow(&shared.centre, &s.staff, Act::OpenCase(item.window.clone())).map_err(refused)?;
    if args.applicant.trim().is_empty() {
        return Err(refused(Refusal::NoApplicant));
    }
    fn filled(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
    if let Some(phone) = filled(&args.phone) {
        check_phone(phone).map_err(refused)?;
    }
    if let Some(id) = filled(&args.id_number) {
        check_id_number(id).map_err(refused)?;
    }
    // The visitor's ticket: called, and today's. Its first-asked person is the case's.
    let ticket = match &args.ticket {
        None => None,
        Some(n) => {
            let number = n.trim().to_uppercase();
            let t = tickets::get(txn, now.date(), &number)?.ok_or_else(|| {
                refused(Refusal::NoTicket {
                    number: number.clone(),
                })
            })?;
            if matches!(
                t.status,
                TicketStatus::Waiting | TicketStatus::NoShow { .. }
            ) {
                return Err(refused(Refusal::TicketNotServed { number }));
            }
            Some(t)
        }
    };
    let first_asked = args
        .first_asked
        .clone()
        .or_else(|| ticket.as_ref().and_then(|t| t.first_asked.clone()))
        .unwrap_or_else(|| s.staff.code.clone());
    if shared.centre.staff(&first_asked).is_none() {
        return Err(refused(Refusal::NoFirstAsked { code: first_asked }));
    }
    let intake = Intake {
        item,
        ticked: Ticked {
            in_hand: args.have.0.clone(),
            promised: args.promise.0.clone(),
        },
        applicant: Applicant {
            name: args.applicant.clone(),
            phone: args.phone.clone(),
            id_number: args.id_number.clone(),
        },
        first_asked,
        channel: args.channel,
        handler: s.staff.code.clone(),
        accepted_on: now.date(),
        green_channel: args.green_channel,
        kind_override: args
            .kind
            .map(|k| (k, args.reason.clone().unwrap_or_default())),
        needs_decision: args.needs_decision,
    };
    let mut case =
        Case::accept(intake, &shared.centre.settings, &shared.calendar).map_err(refused)?;
    case.record_pages(&args.pages.0).map_err(refused)?;
    case.ticket = ticket.as_ref().map(|t| t.number.clone());
    let violations = issue_notice(shared, &mut case, now.date())?;
    let id = cases::next_id(txn, now.date())?;
    cases::save(txn, id, &case, index_key(shared, id, &case)?)?;
    propose_for_notice(txn, id, &case, &s.staff.code, &violations)?;
    let view = view(shared, &s.staff, id, case, &violations);
    let mut fact = fact(&view, true, violations);
    if let Some(mut t) = ticket {
        t.case = Some(id);
        tickets::put(txn, &t)?;
        fact.targets.push(Target::Ticket {
            date: t.date,
            number: t.number,
        });
    }
    Ok((view, fact))
}

/// A notice that asked for materials an earlier one did not name (RULES §2) proposes the
/// one-time-notification violation against whoever issued it (RULES §9).
fn propose_for_notice(
    txn: &redb::WriteTransaction,
    id: u64,
    case: &Case,
    author: &str,
    violations: &[Violation],
) -> Result<(), CmdError> {
    if violations.is_empty() {
        return Ok(());
    }
    if let Some(n) = case.notices.last() {
        let v = crate::domain::accountability::later_notice(id, n.number, author, n.issued_on);
        crate::store::violations::propose(txn, &v)?;
    }
    Ok(())
}

/// What an act on a case records: the case by its number, as the act left it, and the notice
/// it issued, if any.
fn fact(v: &CaseView, issued: bool, violations: Vec<Violation>) -> Fact {
    let notice = v.case.notices.last().map(|n| n.number).filter(|_| issued);
    let violation = violations.into_iter().next();
    Fact::new(
        vec![Target::Case { id: v.id }],
        Data::of_case(v.id, &v.case, v.deadline, notice, violation),
    )
}

/// Acts on a case: supplements, completion, rejection, extension, pause and resumption,
/// reporting up, a co-window.
fn act_on(shared: &Shared, s: &Session, act: &str, action: CaseReq) -> Result<CaseView, CmdError> {
    let now = shared.clock.now();
    let Some(id) = case_of(&action) else {
        return Err(refused(Refusal::Misrouted(action.act())));
    };
    shared
        .store
        .execute(&s.who(), now, act, vec![Target::Case { id }], |txn| {
            apply(shared, s, txn, id, action, now)
        })
}

/// The case an act on a case names.
pub(super) fn case_of(action: &CaseReq) -> Option<u64> {
    match action {
        CaseReq::Supplement { id, .. }
        | CaseReq::Complete { id }
        | CaseReq::Reject { id, .. }
        | CaseReq::Extend { id, .. }
        | CaseReq::Pause { id, .. }
        | CaseReq::Resume { id }
        | CaseReq::ReportUp { id }
        | CaseReq::AddCoWindow { id, .. }
        | CaseReq::Admit { id, .. }
        | CaseReq::Unusable { id, .. } => Some(*id),
        _ => None,
    }
}

/// Applies an act to case `id` inside a write transaction: the gate, the rule, the notice it
/// issues, the deadline index. Returns the case as the caller sees it, and its event's fact.
pub fn apply(
    shared: &Shared,
    s: &Session,
    txn: &redb::WriteTransaction,
    id: u64,
    action: CaseReq,
    now: chrono::NaiveDateTime,
) -> Result<(CaseView, Fact), CmdError> {
    let today = now.date();
    let mut case = cases::get(txn, id)?.ok_or_else(|| refused(Refusal::NoCase { id }))?;
    let act = match action {
        CaseReq::Extend { .. } => Act::ApproveExtension,
        _ => Act::WorkCase {
            handles: handles(&shared.centre, &s.staff, &case),
        },
    };
    allow(&shared.centre, &s.staff, act).map_err(refused)?;
    let mut violations = Vec::new();
    let mut message = None;
    let before = case.notices.len();
    match action {
        CaseReq::Supplement {
            materials, pages, ..
        } => {
            let waiting = case.clock.started_on.is_none();
            case.supplement(&materials.0, today).map_err(refused)?;
            case.record_pages(&pages.0).map_err(refused)?;
            // The 补办件's materials are complete: its date, which the first notice promised
            // to tell then (届时告知), goes to the applicant now.
            if waiting && case.clock.started_on.is_some() {
                violations = issue_notice(shared, &mut case, today)?;
            }
        }
        CaseReq::Complete { .. } => {
            case.complete(today, &shared.calendar).map_err(refused)?;
            // The applicant is told by SMS (RULES §4, 000), in this transaction.
            message = super::outbox::queue_on_completion(shared, txn, id, &case, now)?;
        }
        CaseReq::Reject { reason, .. } => {
            case.reject(&reason, today).map_err(refused)?;
            violations = issue_notice(shared, &mut case, today)?;
        }
        CaseReq::Extend { days, reason, .. } => {
            case.extension_in_time(&shared.calendar, today)
                .map_err(refused)?;
            let was_due = due_on(shared, &case);
            case.extend(days, &reason, &s.staff, today)
                .map_err(refused)?;
            issue_extension_notice(shared, &mut case, was_due)?;
        }
        CaseReq::Admit { reason, .. } => {
            let item = item_of(shared, &case)?;
            case.admit(
                item,
                &shared.centre.settings,
                &shared.calendar,
                &reason,
                today,
            )
            .map_err(refused)?;
            violations = issue_notice(shared, &mut case, today)?;
        }
        CaseReq::Unusable {
            materials, reason, ..
        } => {
            violations = unusable(shared, &mut case, &materials.0, &reason, today)?;
        }
        CaseReq::Pause { procedure, .. } => case
            .pause(procedure, &shared.calendar, today)
            .map_err(refused)?,
        CaseReq::Resume { .. } => case.resume(today).map_err(refused)?,
        CaseReq::ReportUp { .. } => {
            case.report_up(today).map_err(refused)?;
            // The matter goes up with its 上报件通知单 to the applicant (002 上报件操作规程).
            violations = issue_notice(shared, &mut case, today)?;
        }
        CaseReq::AddCoWindow { window, .. } => {
            let window = shared.window_named(&window).map_err(refused)?;
            case.add_co_window(&window, today).map_err(refused)?;
            // The lead tells the applicant at once (RULES §3 联办件).
            violations = issue_notice(shared, &mut case, today)?;
        }
        // Reads and opening are not acts on a case (routed above).
        _ => {}
    }
    cases::save(txn, id, &case, index_key(shared, id, &case)?)?;
    propose_for_notice(txn, id, &case, &s.staff.code, &violations)?;
    let issued = case.notices.len() > before;
    let mut view = view(shared, &s.staff, id, case, &violations);
    view.messages =
        super::outbox::of_case(&txn.open_table(INDEX)?, &txn.open_table(OUTBOX.table)?, id)?;
    let mut fact = fact(&view, issued, violations);
    fact.targets
        .extend(message.map(|id| Target::Message { id }));
    Ok((view, fact))
}

/// Materials received that turn out unusable on review: missing again, and asked for by a new
/// notice that says why. Returns the one-time-notification violations that notice makes.
fn unusable(
    shared: &Shared,
    case: &mut Case,
    materials: &[String],
    reason: &str,
    today: NaiveDate,
) -> Result<Vec<Violation>, CmdError> {
    let review = Review {
        materials: materials.iter().map(|m| m.trim().to_string()).collect(),
        reason: reason.trim().to_string(),
    };
    if review.materials.iter().all(String::is_empty) {
        return Err(refused(Refusal::NoMaterialsNamed));
    }
    if review.reason.is_empty() {
        return Err(refused(Refusal::ReviewWithoutReason));
    }
    for name in &review.materials {
        case.mark_missing(name, today).map_err(refused)?;
    }
    let item = item_of(shared, case)?;
    let number = case.next_notice_number();
    let notice = compose_review(
        case,
        item,
        &shared.centre,
        &shared.calendar,
        number,
        today,
        review,
    )
    .map_err(refused)?;
    Ok(case.issue(notice))
}

pub fn show(shared: &Shared, s: &Session, id: u64) -> Result<CaseView, CmdError> {
    let txn = shared.store.read()?;
    let table = txn.open_table(CASES).map_err(StoreError::from)?;
    let notices = txn.open_table(NOTICES).map_err(StoreError::from)?;
    let case =
        cases::load_whole(&table, &notices, id)?.ok_or_else(|| refused(Refusal::NoCase { id }))?;
    // Every one-time-notification violation its notices make stays on view (RULES §2, §9).
    let violations = crate::domain::notice::violations(&case.notices);
    let mut view = view(shared, &s.staff, id, case, &violations);
    view.messages = super::outbox::of_case(
        &txn.open_table(INDEX).map_err(StoreError::from)?,
        &OUTBOX.open_read(&txn)?,
        id,
    )?;
    Ok(view)
}

/// A case as the caller may see it, with its history; refused when there is no such case.
pub fn detail(
    shared: &Shared,
    s: &Session,
    id: u64,
) -> Result<(CaseView, Vec<AuditEvent>), CmdError> {
    let view = show(shared, s, id)?;
    Ok((view, history(shared, id)?))
}

/// What an intake would become, storing nothing.
pub fn preview(
    shared: &Shared,
    item: &str,
    have: Vec<String>,
    promise: Vec<String>,
) -> Result<crate::protocol::PreviewView, CmdError> {
    let now = shared.clock.now();
    let item = shared.catalogue.get(item.trim()).ok_or_else(|| {
        refused(Refusal::NoItem {
            code: item.to_string(),
        })
    })?;
    let intake = Intake {
        item,
        ticked: Ticked {
            in_hand: have,
            promised: promise,
        },
        applicant: crate::domain::case::Applicant {
            name: String::new(),
            phone: None,
            id_number: None,
        },
        first_asked: String::new(),
        channel: crate::domain::case::Channel::Window,
        handler: String::new(),
        accepted_on: now.date(),
        green_channel: false,
        kind_override: None,
        needs_decision: false,
    };
    let case = Case::accept(intake, &shared.centre.settings, &shared.calendar).map_err(refused)?;
    let s = standing(shared, &case, now.date());
    Ok(crate::protocol::PreviewView {
        kind: case.kind,
        because: case.decided.because.clone(),
        deadline: s.deadline,
        waiting_for: s.waiting_for,
        supplement_by: case.supplement_by,
        missing: case.outstanding().iter().map(|m| m.name.clone()).collect(),
    })
}

/// A case's history from the audit trail: every event about it, its extension requests' among
/// them (a decision names the case as well as the request).
pub fn history(shared: &Shared, id: u64) -> Result<Vec<AuditEvent>, StoreError> {
    shared.store.events_about(&Target::Case { id }.key())
}
