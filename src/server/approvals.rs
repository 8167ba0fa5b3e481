//! Approvals: extension requests from those handling a case, decided by a leader or the
//! director (003 二5); and leave, decided by the director or the leader on duty (RULES §6).

use crate::domain::centre::Role;
use crate::domain::enquiry::{Enquiry, EnquiryStatus};
use crate::domain::leave::{LeaveBook, LeaveRequest, LeaveStatus};
use crate::domain::permission::{Act, allow};
use crate::protocol::{Approval, ExtensionRequest, Response};
use crate::refusal::Refusal;
use crate::store::records::{ENQUIRIES, EXTENSIONS, LEAVE};
use crate::store::{CmdError, StoreError, cases, refused};

use super::Shared;
use super::cases::handles;
use super::commands::Session;

/// A handler asks for an extension; checked now against the 30-day cap, decided later.
pub fn ask(
    shared: &Shared,
    s: &Session,
    case_id: u64,
    days: u32,
    reason: &str,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(
        &s.who(),
        now,
        "extension.ask",
        &case_id.to_string(),
        |txn| {
            let case = cases::get(txn, case_id)?
                .ok_or_else(|| refused(Refusal::NoCase { id: case_id }))?;
            allow(
                &shared.centre,
                &s.staff,
                Act::WorkCase {
                    handles: handles(shared, &s.staff, &case),
                },
            )
            .map_err(refused)?;
            // Would a leader be able to grant it? Try it on a copy, as the director.
            let director = shared
                .centre
                .staff(&shared.centre.director)
                .ok_or_else(|| refused(Refusal::NoDirector))?;
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
            Ok((Response::Extension(Box::new(request)), case_id.to_string()))
        },
    )
}

pub fn decide(
    shared: &Shared,
    s: &Session,
    id: u64,
    approve: bool,
    reason: &str,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(
        &s.who(),
        now,
        if approve {
            "extension.approve"
        } else {
            "extension.refuse"
        },
        &id.to_string(),
        |txn| {
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
                case.extend(request.days, &request.reason, &s.staff, now.date())
                    .map_err(refused)?;
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
            Ok((Response::Extension(Box::new(request)), id.to_string()))
        },
    )
}

/// What waits for the caller: extension requests and leave they may decide, and enquiries
/// they were first asked and have not settled.
pub fn pending(shared: &Shared, s: &Session) -> Result<Vec<Approval>, StoreError> {
    let txn = shared.store.read()?;
    let mut out = Vec::new();
    if matches!(s.staff.role, Role::Leader | Role::Director) {
        let table = txn.open_table(cases::CASES)?;
        let requests: Vec<(u64, ExtensionRequest)> = EXTENSIONS.all(&txn)?;
        for (_, r) in requests.into_iter().filter(|(_, r)| r.decided.is_none()) {
            let item = cases::load(&table, r.case)?
                .map(|c| c.item_name)
                .unwrap_or_default();
            out.push(Approval::Extension {
                id: r.id,
                case: r.case,
                item,
                days: r.days,
                reason: r.reason,
                by: shared.centre.name_of(&r.by).to_string(),
            });
        }
    }
    let leave: Vec<(u64, LeaveRequest)> = LEAVE.all(&txn)?;
    let book = LeaveBook::from_requests(leave.into_iter().map(|(_, r)| r).collect());
    let today = shared.clock.now().date();
    let deciders = book.duty_leaders(&shared.centre, today);
    let may =
        s.staff.code == shared.centre.director || deciders.iter().any(|l| l.code == s.staff.code);
    if may {
        for r in book
            .requests()
            .iter()
            .filter(|r| r.status == LeaveStatus::Requested && r.staff != s.staff.code)
        {
            out.push(Approval::Leave {
                id: r.id,
                staff: shared.centre.name_of(&r.staff).to_string(),
                from: r.from,
                to: r.to,
                reason: r.reason.clone(),
            });
        }
    }
    let enquiries: Vec<(u64, Enquiry)> = ENQUIRIES.all(&txn)?;
    for (id, e) in enquiries {
        if e.first_asked == s.staff.code && e.status == EnquiryStatus::Open {
            out.push(Approval::Enquiry {
                id,
                content: e.content,
                caller: e.caller_name,
                at: e.at,
            });
        }
    }
    Ok(out)
}
