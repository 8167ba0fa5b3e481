//! Accountability through the server (责任追究, RULES §9): violations proposed from recorded
//! facts (by the acts and rules that record them) or recorded by hand, confirmed or dismissed
//! by the director, each one store transaction with its audit event; listed as lines of their
//! staff members' ledgers, each confirmed one with its rung and sanction. Everyone sees their
//! own ledger; leaders, the director and supervisors see everyone's.

use std::collections::BTreeMap;

use crate::domain::accountability::{LedgerLine, Violation, ledger, recorded};
use crate::domain::permission::{Act, allow};
use crate::protocol::page::PageFill;
use crate::protocol::{Outcome, Page, PageRequest, Response, ViolationReq};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::index::INDEX;
use crate::store::records::VIOLATIONS;
use crate::store::violations as stored;
use crate::store::{CmdError, Fact, StoreError, refused};

use super::Shared;
use super::session::Session;

/// Handles the requests about violations.
pub fn handle(shared: &Shared, s: &Session, req: ViolationReq) -> Outcome {
    let act = req.act();
    match req {
        ViolationReq::List { staff, state, page } => {
            let own = staff.as_deref().is_some_and(|c| c == s.staff.code);
            let sees_all = allow(&shared.centre, &s.staff, Act::ReadViolations { own: false });
            let staff = match (sees_all, staff) {
                (Ok(()), staff) => staff,
                // Without the right to see others', a list is one's own.
                (Err(_), None) => Some(s.staff.code.clone()),
                (Err(_), Some(_)) if own => Some(s.staff.code.clone()),
                (Err(why), Some(_)) => {
                    return super::session::refuse_recorded(shared, s, &act, why.into());
                }
            };
            let lines = list(shared, staff.as_deref(), state.as_deref(), &page);
            s.read(lines.map(Response::Violations))
        }
        ViolationReq::Confirm { id } => s.reply(decide(shared, s, &act, id, |v, on| {
            v.confirm(&s.staff.code, on)
        })),
        ViolationReq::Dismiss { id, reason } => s.reply(decide(shared, s, &act, id, |v, on| {
            v.dismiss(&s.staff.code, on, &reason)
        })),
        ViolationReq::Record {
            staff,
            kind,
            date,
            serious,
            note,
        } => s.reply(record(shared, s, &act, &staff, kind, date, serious, &note)),
    }
}

/// The event of an act on violation `id`.
pub(super) fn fact(id: u64, v: &Violation, nth: Option<u32>) -> Fact {
    Fact::new(
        vec![Target::Staff {
            code: v.staff.clone(),
        }],
        Data::Violation {
            violation: id,
            staff: v.staff.clone(),
            kind: v.kind.key().to_string(),
            state: v.state.key().to_string(),
            source: v.source.describe(),
            nth,
        },
    )
}

#[allow(clippy::too_many_arguments)]
fn record(
    shared: &Shared,
    s: &Session,
    act: &str,
    staff: &str,
    kind: crate::domain::accountability::ViolationType,
    date: Option<chrono::NaiveDate>,
    serious: bool,
    note: &str,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    allow(&shared.centre, &s.staff, Act::RecordViolation).map_err(refused)?;
    if shared.centre.staff(staff.trim()).is_none() {
        return Err(refused(Refusal::NoStaff {
            code: staff.trim().to_string(),
        }));
    }
    if note.trim().is_empty() {
        return Err(refused(Refusal::NoViolationNote));
    }
    let on = date.unwrap_or(now.date());
    let v = recorded(staff.trim(), kind, on, serious, note.trim());
    shared.store.execute(&s.who(), now, act, vec![], |txn| {
        let id = stored::propose(txn, &v)?.unwrap_or_default();
        let line = line_of(txn, id, &v.staff)?;
        let fact = fact(id, &v, None);
        Ok((Response::Violation(Box::new(line)), fact))
    })
}

/// Confirms or dismisses violation `id` with `f` (the director only).
fn decide(
    shared: &Shared,
    s: &Session,
    act: &str,
    id: u64,
    f: impl FnOnce(
        &mut Violation,
        chrono::NaiveDate,
    ) -> Result<(), crate::domain::accountability::ViolationError>,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(&s.who(), now, act, vec![], |txn| {
        allow(&shared.centre, &s.staff, Act::DecideViolation).map_err(refused)?;
        let mut v: Violation = VIOLATIONS
            .get(txn, id)?
            .ok_or_else(|| refused(Refusal::NoViolation { id }))?;
        let before = v.state.clone();
        f(&mut v, now.date()).map_err(refused)?;
        stored::save(txn, id, &before, &v)?;
        let line = line_of(txn, id, &v.staff)?;
        let fact = fact(id, &v, line.nth);
        Ok((Response::Violation(Box::new(line)), fact))
    })
}

/// Violation `id` as a line of `staff`'s ledger, in a write transaction.
fn line_of(txn: &redb::WriteTransaction, id: u64, staff: &str) -> Result<LedgerLine, CmdError> {
    let index = txn.open_table(INDEX)?;
    let table = txn.open_table(VIOLATIONS.table)?;
    let all = VIOLATIONS.some::<Violation>(&table, stored::of_staff(&index, staff)?)?;
    ledger(&all, staff)
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| refused(Refusal::NoViolation { id }))
}

/// Violations by number (of `staff`, in `state`, when given), each a line of its staff
/// member's ledger: read through the index by staff or state, and each staff member's ledger
/// once.
fn list(
    shared: &Shared,
    staff: Option<&str>,
    state: Option<&str>,
    page: &PageRequest,
) -> Result<Page<LedgerLine>, StoreError> {
    let txn = shared.store.read()?;
    let index = txn.open_table(INDEX)?;
    let table = VIOLATIONS.open_read(&txn)?;
    let mut ids = match (staff, state) {
        (Some(code), _) => stored::of_staff(&index, code)?,
        (None, Some(st)) => stored::in_state(&index, st)?,
        (None, None) => {
            let last = VIOLATIONS.last_id(&table)?;
            (1..=last).collect()
        }
    };
    ids.sort_unstable();
    let after: Option<u64> = page.after.as_deref().and_then(|a| a.parse().ok());
    let mut ledgers: BTreeMap<String, Vec<LedgerLine>> = BTreeMap::new();
    let mut fill = PageFill::new(page);
    for id in ids.into_iter().filter(|id| after.is_none_or(|a| *id > a)) {
        let Some((_, v)) = VIOLATIONS.some::<Violation>(&table, [id])?.pop() else {
            fill.pass(id.to_string());
            continue;
        };
        if state.is_some_and(|st| st != v.state.key()) {
            fill.pass(id.to_string());
            continue;
        }
        if !ledgers.contains_key(&v.staff) {
            let all = VIOLATIONS.some::<Violation>(&table, stored::of_staff(&index, &v.staff)?)?;
            ledgers.insert(v.staff.clone(), ledger(&all, &v.staff));
        }
        let line = ledgers[&v.staff].iter().find(|l| l.id == id).cloned();
        match line {
            Some(l) => {
                if !fill.push(l, id.to_string()) {
                    break;
                }
            }
            None => fill.pass(id.to_string()),
        }
    }
    Ok(fill.page())
}
