//! Administration through the server: stopping it, PINs, backups, and the audit trail (checked
//! whole, or read in pages through its indexes).

use chrono::NaiveDate;

use crate::domain::permission::{Act, allow};
use crate::protocol::page::PageFill;
use crate::protocol::{AuditReq, FaultKind, Outcome, PageRequest, PinReq, Response, ServerReq};
use crate::refusal::Refusal;
use crate::store::audit::{self, ByIndex, Data, Outcome as Done, Target};
use crate::store::{Fact, refused};

use super::Shared;
use super::session::{Session, refuse_unless};

/// How many index entries one page of the audit log may step through looking for events that
/// pass its other filters; then it ends early, with a cursor, so no request scans a whole trail.
const MAX_SCAN: usize = 20_000;

/// Stopping the server, and backing its store up.
pub fn server(shared: &Shared, s: &Session, req: ServerReq) -> Outcome {
    let act = req.act();
    match req {
        ServerReq::Stop => stop(shared, s, &act),
        ServerReq::Backup { file } => backup(shared, s, &act, file),
    }
}

/// PINs of staff on shared accounts.
pub fn pin(shared: &Shared, s: &Session, req: PinReq) -> Outcome {
    let act = req.act();
    let PinReq::Set { staff: code, pin } = req;
    set_pin(shared, s, &act, code, pin)
}

/// The audit trail: checked whole, or read in pages.
pub fn audit(shared: &Shared, s: &Session, req: AuditReq) -> Outcome {
    let act = req.act();
    match req {
        AuditReq::Verify => verify(shared, s, &act),
        AuditReq::Log {
            case,
            target,
            staff,
            since,
            page,
        } => {
            let target = case.map(|id| Target::Case { id }.key()).or(target);
            audit_log(shared, s, &act, staff, target, since, &page)
        }
    }
}

fn stop(shared: &Shared, s: &Session, act: &str) -> Outcome {
    // The data directory's owner runs the server and may always stop it, signed in as
    // themselves (the demo's owner is a clerk there), as they could with a signal. With `--as`
    // they have the rights of whom they act as.
    if !s.owner
        && let Err(o) = refuse_unless(shared, s, act, Act::StopServer)
    {
        return *o;
    }
    let at = shared.clock.now();
    let stopped = shared
        .store
        .record(&s.who(), at, act, vec![Target::Store], Done::Ok, Data::None);
    match stopped {
        Ok(()) => {
            // Consoles wait rather than start it again; a failure here only loses that.
            let who = format!(
                "{} ({}) {}",
                s.staff.name,
                s.staff.code,
                at.format("%Y-%m-%d %H:%M")
            );
            let _ = std::fs::write(&shared.stopped_marker, who);
            Outcome::Ok(Response::Stopping)
        }
        Err(e) => s.broke(e),
    }
}

fn set_pin(shared: &Shared, s: &Session, act: &str, code: String, pin: String) -> Outcome {
    let at = shared.clock.now();
    let own = code == s.staff.code;
    let whose = vec![Target::Staff { code: code.clone() }];
    let r = shared.store.execute(&s.who(), at, act, whose, |txn| {
        allow(&shared.centre, &s.staff, Act::SetPin { own }).map_err(refused)?;
        if shared.centre.staff(&code).is_none() {
            return Err(refused(Refusal::NoStaff { code: code.clone() }));
        }
        crate::store::pins::set(txn, &code, &pin)?;
        let fact = Fact::new(
            vec![],
            Data::Pin {
                staff: code.clone(),
            },
        );
        Ok((Response::PinSet { code: code.clone() }, fact))
    });
    r.map_or_else(|e| s.failed(e), Outcome::Ok)
}

fn backup(shared: &Shared, s: &Session, act: &str, path: std::path::PathBuf) -> Outcome {
    if let Err(o) = refuse_unless(shared, s, act, Act::Backup) {
        return *o;
    }
    let at = shared.clock.now();
    let shown = path.display().to_string();
    let record = |outcome, data| {
        shared
            .store
            .record(&s.who(), at, act, vec![Target::Store], outcome, data)
    };
    match shared.store.backup_to(&path) {
        Ok(events) => match record(
            Done::Ok,
            Data::Backup {
                path: shown,
                events,
            },
        ) {
            Ok(()) => Outcome::Ok(Response::BackedUp { path, events }),
            Err(e) => s.broke(e),
        },
        Err(e) => {
            let why = Refusal::BackupFailed(e.to_string());
            let _ = record(Done::Refused(why.clone()), Data::None);
            s.fault(FaultKind::Refused, &why)
        }
    }
}

/// Checks the whole chain, event by event, without holding it in memory.
fn verify(shared: &Shared, s: &Session, act: &str) -> Outcome {
    if let Err(o) = refuse_unless(shared, s, act, Act::ReadAudit) {
        return *o;
    }
    let checked = shared
        .store
        .read()
        .and_then(|txn| audit::verify_stored(&txn));
    match checked {
        Ok(Ok(checked)) => Outcome::Ok(Response::Verified { checked }),
        Ok(Err(e)) => s.fault(FaultKind::Refused, &Refusal::AuditBroken(e.to_string())),
        Err(e) => s.broke(e),
    }
}

/// A page of the trail: through the index of its target, else of its actor, else of its day,
/// else by sequence; the other filters are checked on the events the index gives.
fn audit_log(
    shared: &Shared,
    s: &Session,
    act: &str,
    staff: Option<String>,
    target: Option<String>,
    since: Option<NaiveDate>,
    page: &PageRequest,
) -> Outcome {
    if let Err(o) = refuse_unless(shared, s, act, Act::ReadAudit) {
        return *o;
    }
    let by = match (&target, &staff, since) {
        (Some(t), _, _) => ByIndex::Target(t),
        (None, Some(a), _) => ByIndex::Actor(a),
        (None, None, Some(d)) => ByIndex::Since(d),
        (None, None, None) => ByIndex::All,
    };
    let mut fill = PageFill::new(page);
    let mut scanned = 0;
    let result = shared.store.read().and_then(|txn| {
        audit::scan(&txn, by, page.after.as_deref(), |cursor, e| {
            scanned += 1;
            if scanned > MAX_SCAN {
                fill.cut();
                return false;
            }
            let wanted = staff.as_ref().is_none_or(|c| e.actor() == c)
                && since.is_none_or(|d| e.at().date() >= d);
            if !wanted {
                fill.pass(cursor);
                return true;
            }
            fill.push(e, cursor)
        })
    });
    match result {
        Ok(()) => Outcome::Ok(Response::Events(fill.page())),
        Err(e) => s.broke(e),
    }
}
