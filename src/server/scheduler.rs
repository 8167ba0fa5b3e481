//! Rules that fire on time (DESIGN.md). The server applies what falls due on its own clock: at
//! start, catching up on the time it was down, and then at each new minute. Each application
//! is one transaction with its audit event, and applying a rule twice does nothing the second
//! time, so a restart never repeats one.
//!
//! - **容缺 lapse** (RULES §3, 004): a case past its supplement day without its secondary
//!   materials is returned (驳回), with the notice its applicant was promised.
//! - **Overdue** (RULES §4, §9): a case whose running clock passes its deadline records the fact
//!   once: the case, its handler, and the working days over; and proposes the violation
//!   against the handler.
//! - **Empty posts** (RULES §5, §9; `empty_posts.rs`): a window open with neither post present
//!   and no cover proposes a violation against its A and B, once a window a day.
//! - **Undecided** (RULES §4, §6): an extension request whose case reaches its deadline, or
//!   leave whose time begins, with no decision, is flagged to those who decide it.

use chrono::{NaiveDate, NaiveDateTime};
use redb::{ReadableTable, WriteTransaction};

use crate::domain::case::{CaseKind, CaseStatus};
use crate::domain::clock::Deadline;
use crate::domain::extension::ExtensionRequest;
use crate::domain::leave::{LeaveRequest, LeaveStatus};
use crate::domain::permission::{Act, allow};
use crate::protocol::Topic;
use crate::store::audit::{Data, Target};
use crate::store::cases::{self as stored};
use crate::store::index::INDEX;
use crate::store::pending::{self, PENDING, Waiting};
use crate::store::records::{EXTENSIONS, LEAVE};
use crate::store::{CmdError, Fact, SCHEDULED, StoreError};

use super::{Shared, cases, server_itself};

/// Which rules to look at: those of days only when the day has turned (or at start), those of
/// minutes every time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// At start and at midnight: every rule.
    NewDay,
    /// A new minute of the same day: leave that begins at a time of day.
    NewMinute,
}

/// Applies every rule due now; returns what changed, for the consoles.
pub fn apply_due(shared: &Shared, scope: Scope) -> Vec<Topic> {
    let now = shared.clock.now();
    let mut changed = Vec::new();
    let mut run = |name: &str, r: Result<Vec<Topic>, CmdError>| match r {
        Ok(t) => changed.extend(t),
        // Nothing is lost: the rule is still due, and is tried again at the next minute.
        Err(e) => eprintln!("frontdesk: the timed rule `{name}` could not be applied now: {e}"),
    };
    if scope == Scope::NewDay {
        run("lapse", lapse_deficiencies(shared, now));
        run("overdue", record_overdue(shared, now));
        run("undecided extension", flag_extensions(shared, now));
    }
    run("undecided leave", flag_leave(shared, now));
    run("empty posts", super::empty_posts::propose(shared, now));
    changed
}

/// Returns the 容缺 cases past their supplement day, each on the day after it, with the
/// rejection notice (驳回通知书) their first notice said would come.
fn lapse_deficiencies(shared: &Shared, now: NaiveDateTime) -> Result<Vec<Topic>, CmdError> {
    let today = now.date();
    let due = {
        let txn = shared.store.read()?;
        stored::deficiencies_before(&txn.open_table(INDEX)?, today)?
    };
    let mut changed = Vec::new();
    for id in due {
        let applied = shared.store.apply_if(
            &server_itself(),
            now,
            "case.lapse",
            vec![Target::Case { id }],
            |txn| {
                let Some(mut case) = stored::get(txn, id)? else {
                    return Ok(None);
                };
                let Some(by) = case.supplement_by else {
                    return Ok(None);
                };
                let waiting = case.status == CaseStatus::Open
                    && case.kind == CaseKind::Deficiency
                    && !case.outstanding().is_empty();
                let lapsed_on = by.succ_opt().unwrap_or(by);
                if !waiting || lapsed_on > today {
                    return Ok(None);
                }
                case.lapse_deficiency(lapsed_on)
                    .map_err(crate::store::refused)?;
                cases::issue_notice(shared, &mut case, today)?;
                stored::save(txn, id, &case, cases::index_key(shared, id, &case)?)?;
                let notice = case.notices.last().map_or(0, |n| n.number);
                let data = Data::Lapsed {
                    case: id,
                    supplement_by: by,
                    notice,
                };
                Ok(Some(((), Fact::new(vec![], data))))
            },
        )?;
        if applied.is_some() {
            changed.push(Topic::Case { id });
        }
    }
    Ok(changed)
}

/// Records, once a case, that its running clock passed its deadline.
fn record_overdue(shared: &Shared, now: NaiveDateTime) -> Result<Vec<Topic>, CmdError> {
    let today = now.date();
    let overdue = {
        let txn = shared.store.read()?;
        let done = txn.open_table(SCHEDULED)?;
        let mut out = Vec::new();
        for (due, id) in stored::overdue_before(&txn.open_table(INDEX)?, today)? {
            if done.get(overdue_key(id).as_str())?.is_none() {
                out.push((due, id));
            }
        }
        out
    };
    let mut changed = Vec::new();
    for (due, id) in overdue {
        let recorded = shared.store.apply_if(
            &server_itself(),
            now,
            "case.overdue",
            vec![Target::Case { id }],
            |txn| {
                let mut done = txn.open_table(SCHEDULED)?;
                if done.get(overdue_key(id).as_str())?.is_some() {
                    return Ok(None);
                }
                let Some(case) = stored::get(txn, id)? else {
                    return Ok(None);
                };
                // Still open and still due before today, as the index said.
                let still = case.status == CaseStatus::Open
                    && matches!(case.deadline(&shared.calendar), Ok(Deadline::Due(d)) if d.value < today);
                if !still {
                    return Ok(None);
                }
                done.insert(overdue_key(id).as_str(), ())?;
                // Against its handler, for the director to confirm (RULES §9).
                let proposal = crate::domain::accountability::overdue(id, &case.handler, due, today);
                crate::store::violations::propose(txn, &proposal)?;
                let over = shared.calendar.working_days_between(due, today).value;
                let data = Data::Overdue {
                    case: id,
                    handler: case.handler.clone(),
                    due,
                    working_days_over: over,
                };
                let handler = Target::Staff {
                    code: case.handler.clone(),
                };
                Ok(Some(((), Fact::new(vec![handler], data))))
            },
        )?;
        // The case was marked 超期 already, but its history now holds the fact.
        if recorded.is_some() {
            changed.push(Topic::Case { id });
        }
    }
    Ok(changed)
}

fn overdue_key(id: u64) -> String {
    format!("overdue/{id}")
}

/// The key that says a request was flagged undecided.
pub fn undecided_key(what: Waiting, id: u64) -> String {
    format!("undecided/{}", pending::key(what, id))
}

/// Flags the extension requests still undecided when their case reaches its deadline: the
/// extension would have to begin then.
fn flag_extensions(shared: &Shared, now: NaiveDateTime) -> Result<Vec<Topic>, CmdError> {
    let today = now.date();
    // Those the gate lets decide extension requests.
    let deciders: Vec<String> = shared
        .centre
        .staff
        .iter()
        .filter(|s| allow(&shared.centre, s, Act::ApproveExtension).is_ok())
        .map(|s| s.code.clone())
        .collect();
    flag_undecided(shared, now, Waiting::Extension, |txn, id| {
        let Some(r) = EXTENSIONS.get::<ExtensionRequest>(txn, id)? else {
            return Ok(None);
        };
        let Some(case) = stored::get(txn, r.case)? else {
            return Ok(None);
        };
        let due = match case.deadline(&shared.calendar) {
            Ok(Deadline::Due(d)) => d.value,
            _ => return Ok(None),
        };
        if !r.is_pending() || case.status != CaseStatus::Open || due >= today {
            return Ok(None);
        }
        Ok(Some((vec![Target::Case { id: r.case }], deciders.clone())))
    })
}

/// Flags leave still undecided when its time begins, to the director and the leaders on duty.
fn flag_leave(shared: &Shared, now: NaiveDateTime) -> Result<Vec<Topic>, CmdError> {
    flag_undecided(shared, now, Waiting::Leave, |txn, id| {
        let Some(r) = LEAVE.get::<LeaveRequest>(txn, id)? else {
            return Ok(None);
        };
        if r.status != LeaveStatus::Requested || r.from > now {
            return Ok(None);
        }
        let day: NaiveDate = r.from.date();
        let book = pending::leave_book(
            &txn.open_table(pending::LEAVE_BY_END)?,
            &txn.open_table(LEAVE.table)?,
            day.and_hms_opt(0, 0, 0).unwrap_or(r.from),
            None,
            &shared.calendar,
        )?;
        // Those the gate lets decide leave on its first day; no one decides their own.
        let duty = book.duty_leaders(&shared.centre, day);
        let deciders: Vec<String> = shared
            .centre
            .staff
            .iter()
            .filter(|s| s.code != r.staff)
            .filter(|s| allow(&shared.centre, s, Act::decide_leave(day, s, &duty)).is_ok())
            .map(|s| s.code.clone())
            .collect();
        Ok(Some((vec![], deciders)))
    })
}

/// Flags, once each, the pending requests of one kind that `started` says began undecided:
/// it answers the event's further targets and who decides the request, or `None` while it has
/// not begun. Requests flagged before are passed over without a write transaction.
fn flag_undecided(
    shared: &Shared,
    now: NaiveDateTime,
    what: Waiting,
    started: impl Fn(&WriteTransaction, u64) -> Result<Option<(Vec<Target>, Vec<String>)>, CmdError>,
) -> Result<Vec<Topic>, CmdError> {
    let target = |id| match what {
        Waiting::Extension => Target::Extension { id },
        _ => Target::Leave { id },
    };
    let topic = |id| match what {
        Waiting::Extension => Topic::Extension { id },
        _ => Topic::Leave { id },
    };
    let act = format!("{}undecided", what.prefix().replace('/', "."));
    let mut changed = Vec::new();
    for id in pending_unflagged(shared, what)? {
        let flagged =
            shared
                .store
                .apply_if(&server_itself(), now, &act, vec![target(id)], |txn| {
                    let mut done = txn.open_table(SCHEDULED)?;
                    let key = undecided_key(what, id);
                    if done.get(key.as_str())?.is_some() {
                        return Ok(None);
                    }
                    let Some((targets, deciders)) = started(txn, id)? else {
                        return Ok(None);
                    };
                    // A case the flag names has it in its history too.
                    let cases = targets.iter().filter_map(|t| match t {
                        Target::Case { id } => Some(Topic::Case { id: *id }),
                        _ => None,
                    });
                    let topics: Vec<Topic> = std::iter::once(topic(id)).chain(cases).collect();
                    done.insert(key.as_str(), ())?;
                    let data = Data::Undecided {
                        request: pending::key(what, id),
                        deciders,
                    };
                    Ok(Some((topics, Fact::new(targets, data))))
                })?;
        changed.extend(flagged.into_iter().flatten());
    }
    Ok(changed)
}

/// The ids of what is pending of one kind and not yet flagged undecided.
fn pending_unflagged(shared: &Shared, what: Waiting) -> Result<Vec<u64>, StoreError> {
    let txn = shared.store.read()?;
    let done = txn.open_table(SCHEDULED)?;
    let mut out = Vec::new();
    for key in pending::keys(&txn.open_table(PENDING)?, what.prefix(), None)? {
        if let Some(id) = pending::id_of(&key)
            && done.get(undecided_key(what, id).as_str())?.is_none()
        {
            out.push(id);
        }
    }
    Ok(out)
}
