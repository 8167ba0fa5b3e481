//! Approvals: extension requests from those handling a case, decided by a leader or the
//! director (003 二5); and leave, decided by the director or the leader on duty (RULES §6).

use redb::ReadTransaction;

use crate::domain::enquiry::Enquiry;
use crate::domain::extension::ExtensionRequest;
use crate::domain::leave::LeaveRequest;
use crate::domain::permission::{Act, allow, handles};
use crate::protocol::page::PageFill;
use crate::protocol::{
    Approval, Around, ExtensionReq, Outcome, Page, PageRequest, Response, Selected,
};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::pending::{self, PENDING, Waiting};
use crate::store::records::{ENQUIRIES, EXTENSIONS, LEAVE};
use crate::store::{CmdError, Fact, StoreError, cases, refused};

use super::Shared;
use super::session::Session;

/// Handles extension requests: asked by those handling a case, decided by leaders.
pub fn handle(shared: &Shared, s: &Session, req: ExtensionReq) -> Outcome {
    let act = req.act();
    s.reply(match req {
        ExtensionReq::Ask { case, days, reason } => ask(shared, s, &act, case, days, &reason),
        ExtensionReq::Approve { id } => decide(shared, s, &act, id, true, ""),
        ExtensionReq::Refuse { id, reason } => decide(shared, s, &act, id, false, &reason),
    })
}

/// A handler asks for an extension; checked now against the 30-day cap, decided later.
fn ask(
    shared: &Shared,
    s: &Session,
    act: &str,
    case_id: u64,
    days: u32,
    reason: &str,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(
        &s.who(),
        now,
        act,
        vec![Target::Case { id: case_id }],
        |txn| {
            let case = cases::get(txn, case_id)?
                .ok_or_else(|| refused(Refusal::NoCase { id: case_id }))?;
            allow(
                &shared.centre,
                &s.staff,
                Act::WorkCase {
                    handles: handles(&shared.centre, &s.staff, &case),
                },
            )
            .map_err(refused)?;
            // Would a leader be able to grant it? Try it on a copy, as the director.
            let director = shared
                .centre
                .staff(&shared.centre.director)
                .ok_or_else(|| refused(Refusal::NoDirector))?;
            case.extension_in_time(&shared.calendar, now.date())
                .map_err(refused)?;
            case.clone()
                .extend(days, reason, director, now.date())
                .map_err(refused)?;
            let request = ExtensionRequest {
                id: 0,
                case: case_id,
                days,
                reason: reason.trim().to_string(),
                by: s.staff.code.clone(),
                at: now,
                decided: None,
            };
            let id = EXTENSIONS.insert(txn, &request)?;
            let request = ExtensionRequest { id, ..request };
            EXTENSIONS.put(txn, id, &request)?;
            pending::set(txn, &pending::key(Waiting::Extension, id), true)?;
            let fact = Fact::new(vec![Target::Extension { id }], Data::of_extension(&request));
            Ok((Response::Extension(Box::new(request)), fact))
        },
    )
}

fn decide(
    shared: &Shared,
    s: &Session,
    act: &str,
    id: u64,
    approve: bool,
    reason: &str,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, act, vec![Target::Extension { id }], |txn| {
            allow(&shared.centre, &s.staff, Act::ApproveExtension).map_err(refused)?;
            let mut request: ExtensionRequest = EXTENSIONS
                .get(txn, id)?
                .ok_or_else(|| refused(Refusal::NoExtensionRequest { id }))?;
            if request.decided.is_some() {
                return Err(refused(Refusal::ExtensionDecided { id }));
            }
            if approve {
                let mut case = cases::get(txn, request.case)?
                    .ok_or_else(|| refused(Refusal::NoCase { id: request.case }))?;
                case.extension_in_time(&shared.calendar, now.date())
                    .map_err(refused)?;
                let was_due = super::cases::due_on(shared, &case);
                case.extend(request.days, &request.reason, &s.staff, now.date())
                    .map_err(refused)?;
                super::cases::issue_extension_notice(shared, &mut case, was_due)?;
                let key = super::cases::index_key(shared, request.case, &case)?;
                cases::save(txn, request.case, &case, key)?;
                request.decided = Some((s.staff.code.clone(), None));
            } else {
                if reason.trim().is_empty() {
                    return Err(refused(Refusal::RefusalWithoutReason));
                }
                request.decided = Some((s.staff.code.clone(), Some(reason.trim().to_string())));
            }
            EXTENSIONS.put(txn, id, &request)?;
            pending::set(txn, &pending::key(Waiting::Extension, id), false)?;
            // The decision is the case's history too.
            let fact = Fact::new(
                vec![Target::Case { id: request.case }],
                Data::of_extension(&request),
            );
            Ok((Response::Extension(Box::new(request)), fact))
        })
}

/// The sections of the pending index the caller sees, in key order: their own open enquiries,
/// extension requests when they may decide them, leave when they may decide it today.
fn sections(
    shared: &Shared,
    s: &Session,
    txn: &ReadTransaction,
) -> Result<Vec<String>, StoreError> {
    let mut out = vec![
        pending::enquiries_of(&s.staff.code),
        pending::followed_by(&s.staff.code),
    ];
    if allow(&shared.centre, &s.staff, Act::ApproveExtension).is_ok() {
        out.push(Waiting::Extension.prefix().to_string());
    }
    let book = super::today::leave_book(txn, shared.clock.now())?;
    let today = shared.clock.now().date();
    let deciders = book.duty_leaders(&shared.centre, today);
    let decide = Act::decide_leave(today, &s.staff, &deciders);
    if allow(&shared.centre, &s.staff, decide).is_ok() {
        out.push(Waiting::Leave.prefix().to_string());
    }
    Ok(out)
}

/// What waits for the caller, after the pending key `after`: `take` gets each with its key and
/// says whether to go on. Reads only what is pending, never the histories.
fn waiting(
    shared: &Shared,
    s: &Session,
    after: Option<&str>,
    mut take: impl FnMut(&str, Approval) -> bool,
) -> Result<(), StoreError> {
    let txn = shared.store.read()?;
    let pending = txn.open_table(PENDING)?;
    let cases = txn.open_table(cases::CASES)?;
    let extensions = EXTENSIONS.open_read(&txn)?;
    let leave = LEAVE.open_read(&txn)?;
    let enquiries = ENQUIRIES.open_read(&txn)?;
    let flagged = txn.open_table(crate::store::SCHEDULED)?;
    let late = |what, id| -> Result<bool, StoreError> {
        let key = super::scheduler::undecided_key(what, id);
        Ok(redb::ReadableTable::get(&flagged, key.as_str())?.is_some())
    };
    for prefix in sections(shared, s, &txn)? {
        for key in pending::keys(&pending, &prefix, after)? {
            let Some(id) = pending::id_of(&key) else {
                continue;
            };
            let approval = if prefix.starts_with(Waiting::Extension.prefix()) {
                let Some((_, r)) = EXTENSIONS
                    .some::<ExtensionRequest>(&extensions, [id])?
                    .pop()
                else {
                    continue;
                };
                let item = cases::load(&cases, r.case)?
                    .map(|c| c.item_name)
                    .unwrap_or_default();
                Approval::Extension {
                    id: r.id,
                    case: r.case,
                    item,
                    days: r.days,
                    reason: r.reason,
                    by: shared.centre.name_of(&r.by).to_string(),
                    late: late(Waiting::Extension, id)?,
                }
            } else if prefix.starts_with(Waiting::Leave.prefix()) {
                let Some((_, r)) = LEAVE.some::<LeaveRequest>(&leave, [id])?.pop() else {
                    continue;
                };
                if r.staff == s.staff.code {
                    // No one decides their own leave.
                    continue;
                }
                Approval::Leave {
                    id: r.id,
                    staff: shared.centre.name_of(&r.staff).to_string(),
                    from: r.from,
                    to: r.to,
                    reason: r.reason,
                    late: late(Waiting::Leave, id)?,
                }
            } else if prefix.starts_with(Waiting::Follow.prefix()) {
                let Some(case) = cases::load(&cases, id)? else {
                    continue;
                };
                let today = shared.clock.now().date();
                Approval::Follow {
                    case: id,
                    window: case.current_window().to_string(),
                    handler: shared.centre.name_of(&case.handler).to_string(),
                    deadline: super::standing::standing(shared, &case, today).deadline,
                    urgency: case.urgency(&shared.calendar, today).ok().flatten(),
                    item: case.item_name,
                }
            } else {
                let Some((_, e)) = ENQUIRIES.some::<Enquiry>(&enquiries, [id])?.pop() else {
                    continue;
                };
                Approval::Enquiry {
                    id,
                    content: e.content,
                    caller: e.caller_name,
                    at: e.at,
                }
            };
            if !take(&key, approval) {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// A page of what waits for the caller.
pub fn pending(
    shared: &Shared,
    s: &Session,
    page: &PageRequest,
) -> Result<Page<Approval>, StoreError> {
    let mut fill = PageFill::new(page);
    waiting(shared, s, page.after.as_deref(), |key, a| fill.push(a, key))?;
    Ok(fill.page())
}

/// The rows of what waits for the caller that a pane shows, around the approval `around`
/// asks for (by [`Approval::key`]), and how many wait. What waits for one person is read whole
/// (it is bounded by them, not by the store), as its count needs every row anyway.
pub fn around(
    shared: &Shared,
    s: &Session,
    around: &Around<String>,
) -> Result<Selected<Approval>, StoreError> {
    let mut all = Vec::new();
    waiting(shared, s, None, |_, a| {
        all.push(a);
        true
    })?;
    Ok(Selected::among(all, around, |a, key| a.key() == *key))
}
