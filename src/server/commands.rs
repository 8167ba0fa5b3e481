//! Requests to actions: authorisation, the domain rule, and one store transaction each.

use crate::domain::centre::Staff;
use crate::domain::permission::{Act, allow};
use crate::domain::queue::{QueueError, Ticket, TicketStatus, next_to_call};
use crate::lang::Lang;
use crate::protocol::{Fault, FaultKind, Outcome, Request, Response};
use crate::refusal::Refusal;
use crate::store::audit::AuditEvent;
use crate::store::{CmdError, StoreError, Who, audit, refused, tickets};

use super::Shared;
use super::approvals;
use super::cases::{self, CaseAction};
use super::records;

/// A signed-in connection.
pub struct Session {
    pub staff: Staff,
    pub uid: u32,
    /// The language its refusals are told in.
    pub lang: Lang,
}

impl Session {
    pub fn who(&self) -> Who {
        Who {
            actor: self.staff.code.clone(),
            uid: self.uid,
        }
    }

    fn fault(&self, kind: FaultKind, why: &Refusal) -> Outcome {
        Outcome::Err(Fault {
            kind,
            message: why.text(self.lang),
        })
    }

    fn failed(&self, e: CmdError) -> Outcome {
        match e {
            CmdError::Refused(why) => self.fault(FaultKind::Refused, &why),
            CmdError::Store(e) => self.broke(e),
        }
    }

    /// A store failure, whose detail stays in English (it is for whoever mends the server).
    fn broke(&self, e: StoreError) -> Outcome {
        Outcome::Err(Fault {
            kind: FaultKind::Internal,
            message: self
                .lang
                .pick(e.to_string(), format!("服务器出错，可以重试：{e}")),
        })
    }
}

/// What a request did: its reply, and the topics that changed (for the change notice).
pub struct Done {
    pub outcome: Outcome,
    pub changed: Vec<String>,
    pub stop: bool,
}

pub fn dispatch(shared: &Shared, s: &Session, request: Request) -> Done {
    let mut changed = Vec::new();
    let mut stop = false;

    let outcome = match request {
        Request::Ping => Outcome::Ok(Response::Pong),
        Request::Stop => match refuse_unless(shared, s, "server.stop", Act::StopServer) {
            Ok(()) => {
                let at = shared.clock.now();
                match shared.store.record(&s.who(), at, "server.stop", "", "ok") {
                    Ok(()) => {
                        stop = true;
                        Outcome::Ok(Response::Stopping)
                    }
                    Err(e) => s.broke(e),
                }
            }
            Err(o) => *o,
        },
        Request::TicketTake {
            window,
            item,
            priority,
        } => {
            let r = take(shared, s, window, item, priority);
            ticket_done(s, r, &mut changed)
        }
        Request::TicketCall { window } => {
            let r = call(shared, s, window);
            ticket_done(s, r, &mut changed)
        }
        Request::TicketRecall { number } => {
            let r = on_ticket(shared, s, "ticket.recall", &number, |t, _| {
                t.recall().map(|_| ())
            });
            ticket_done(s, r, &mut changed)
        }
        Request::TicketNoShow { number } => {
            let needed = shared.centre.settings.no_show_after_recalls;
            let at = shared.clock.now();
            let by = s.staff.code.clone();
            let r = on_ticket(shared, s, "ticket.no-show", &number, |t, _| {
                t.no_show(&by, at, needed)
            });
            ticket_done(s, r, &mut changed)
        }
        Request::TicketTransfer { number, to_window } => {
            let r = transfer(shared, s, &number, &to_window);
            ticket_done(s, r, &mut changed)
        }
        Request::TicketList { window } => list(shared, s, window.as_deref()),
        Request::CaseOpen(args) => {
            let r = cases::open(shared, s, *args);
            if r.is_ok() {
                changed.push("cases".into());
            }
            r.map(|v| Response::Case(Box::new(v)))
                .map_or_else(|e| s.failed(e), Outcome::Ok)
        }
        Request::CaseSupplement { id, materials } => case_act(
            shared,
            s,
            id,
            CaseAction::Supplement(materials),
            &mut changed,
        ),
        Request::CaseComplete { id } => case_act(shared, s, id, CaseAction::Complete, &mut changed),
        Request::CaseReject { id, reason } => {
            case_act(shared, s, id, CaseAction::Reject(reason), &mut changed)
        }
        Request::CaseExtend { id, days, reason } => case_act(
            shared,
            s,
            id,
            CaseAction::Extend { days, reason },
            &mut changed,
        ),
        Request::CasePause { id, procedure } => {
            case_act(shared, s, id, CaseAction::Pause(procedure), &mut changed)
        }
        Request::CaseResume { id } => case_act(shared, s, id, CaseAction::Resume, &mut changed),
        Request::CaseReportUp { id } => case_act(shared, s, id, CaseAction::ReportUp, &mut changed),
        Request::CaseAddCoWindow { id, window } => {
            case_act(shared, s, id, CaseAction::AddCoWindow(window), &mut changed)
        }
        Request::CaseShow { id } => cases::show(shared, s, id)
            .map(|v| Response::Case(Box::new(v)))
            .map_or_else(|e| s.failed(e), Outcome::Ok),
        Request::CatalogueSearch { query, limit } => Outcome::Ok(Response::Items(
            shared
                .search
                .search(&query, limit.min(50) as usize)
                .iter()
                .map(|h| {
                    let i = &shared.catalogue.items()[h.item];
                    (i.code.clone(), i.name.clone(), i.window.clone())
                })
                .collect(),
        )),
        Request::CatalogueItem { code } => match shared.catalogue.get(code.trim()) {
            Some(item) => Outcome::Ok(Response::Item(Box::new(item.clone()))),
            None => s.fault(FaultKind::Invalid, &Refusal::NoItem { code }),
        },
        Request::CasePreview {
            item,
            have,
            promise,
        } => cases::preview(shared, &item, have, promise)
            .map(|p| Response::Preview(Box::new(p)))
            .map_or_else(|e| s.failed(e), Outcome::Ok),
        Request::ExtensionAsk { case, days, reason } => {
            let r = approvals::ask(shared, s, case, days, &reason);
            if r.is_ok() {
                changed.push("approvals".into());
            }
            r.map_or_else(|e| s.failed(e), Outcome::Ok)
        }
        Request::ExtensionDecide {
            id,
            approve,
            reason,
        } => {
            let r = approvals::decide(shared, s, id, approve, &reason);
            if r.is_ok() {
                changed.push("approvals".into());
                changed.push("cases".into());
            }
            r.map_or_else(|e| s.failed(e), Outcome::Ok)
        }
        Request::Approvals => approvals::pending(shared, s)
            .map(Response::Approvals)
            .map_or_else(|e| s.broke(e), Outcome::Ok),
        Request::Screen { case } => super::screen::screen(shared, s, case)
            .map(|v| Response::Screen(Box::new(v)))
            .map_or_else(|e| s.broke(e), Outcome::Ok),
        Request::CaseNotices { date } => cases::notices(shared, date)
            .map(Response::Notices)
            .map_or_else(|e| s.broke(e), Outcome::Ok),
        Request::CaseList {
            open,
            due_within,
            overdue,
        } => cases::list(shared, open, due_within, overdue)
            .map(Response::Cases)
            .map_or_else(|e| s.broke(e), Outcome::Ok),
        r @ (Request::EnquiryLog { .. }
        | Request::EnquiryClose { .. }
        | Request::EnquiryList { .. }
        | Request::LeaveRequest { .. }
        | Request::LeaveApprove { .. }
        | Request::LeaveRefuse { .. }
        | Request::LeaveWithdraw { .. }
        | Request::LeaveCancel { .. }
        | Request::LeaveList
        | Request::DutyLog { .. }
        | Request::DutyList { .. }) => {
            let (result, topic) = records::dispatch(shared, s, r);
            if result.is_ok() && !topic.is_empty() {
                changed.push(topic.to_string());
            }
            result.map_or_else(|e| s.failed(e), Outcome::Ok)
        }
        Request::PinSet { code, pin } => {
            let at = shared.clock.now();
            let own = code == s.staff.code;
            let r = shared.store.execute(&s.who(), at, "pin.set", &code, |txn| {
                allow(&shared.centre, &s.staff, Act::SetPin { own }).map_err(refused)?;
                if shared.centre.staff(&code).is_none() {
                    return Err(refused(Refusal::NoStaff { code: code.clone() }));
                }
                crate::store::pins::set(txn, &code, &pin)?;
                Ok((Response::PinSet { code: code.clone() }, code.clone()))
            });
            r.map_or_else(|e| s.failed(e), Outcome::Ok)
        }
        Request::Backup { path } => match refuse_unless(shared, s, "store.backup", Act::Backup) {
            Ok(()) => {
                let at = shared.clock.now();
                let target = path.display().to_string();
                match shared.store.backup_to(&path) {
                    Ok(events) => {
                        match shared
                            .store
                            .record(&s.who(), at, "store.backup", &target, "ok")
                        {
                            Ok(()) => Outcome::Ok(Response::BackedUp { path, events }),
                            Err(e) => s.broke(e),
                        }
                    }
                    Err(e) => {
                        let _ = shared.store.record(
                            &s.who(),
                            at,
                            "store.backup",
                            &target,
                            &format!("refused: {e}"),
                        );
                        s.fault(FaultKind::Refused, &Refusal::BackupFailed(e.to_string()))
                    }
                }
            }
            Err(o) => *o,
        },
        Request::AuditVerify => match refuse_unless(shared, s, "audit.verify", Act::ReadAudit) {
            Ok(()) => match shared.store.audit_events() {
                Ok(events) => match audit::verify(&events) {
                    Ok(checked) => Outcome::Ok(Response::Verified { checked }),
                    Err(e) => s.fault(FaultKind::Refused, &Refusal::AuditBroken(e.to_string())),
                },
                Err(e) => s.broke(e),
            },
            Err(o) => *o,
        },
        Request::AuditLog {
            staff,
            target,
            since,
        } => match refuse_unless(shared, s, "audit.log", Act::ReadAudit) {
            // About one target: read only its events through the index.
            Ok(()) => match target.as_deref().map_or_else(
                || shared.store.audit_events(),
                |t| shared.store.events_about(t),
            ) {
                Ok(events) => Outcome::Ok(Response::Events(
                    events
                        .into_iter()
                        .filter(|e| staff.as_ref().is_none_or(|c| &e.actor == c))
                        .filter(|e| since.is_none_or(|d| e.at.date() >= d))
                        .collect(),
                )),
                Err(e) => s.broke(e),
            },
            Err(o) => *o,
        },
    };
    Done {
        outcome,
        changed,
        stop,
    }
}

/// The reply to a ticket command; a change is announced to every console.
fn ticket_done(s: &Session, r: Result<Ticket, CmdError>, changed: &mut Vec<String>) -> Outcome {
    if r.is_ok() {
        changed.push("tickets".into());
    }
    r.map(|t| Response::Ticket(Box::new(t)))
        .map_or_else(|e| s.failed(e), Outcome::Ok)
}

fn case_act(
    shared: &Shared,
    s: &Session,
    id: u64,
    action: CaseAction,
    changed: &mut Vec<String>,
) -> Outcome {
    let r = cases::act(shared, s, id, action);
    if r.is_ok() {
        changed.push("cases".into());
    }
    r.map(|v| Response::Case(Box::new(v)))
        .map_or_else(|e| s.failed(e), Outcome::Ok)
}

/// Checks a permission; a refusal is recorded in the audit trail and becomes the reply.
fn refuse_unless(shared: &Shared, s: &Session, action: &str, act: Act) -> Result<(), Box<Outcome>> {
    allow(&shared.centre, &s.staff, act).map_err(|why| {
        let at = shared.clock.now();
        let recorded = shared
            .store
            .record(&s.who(), at, action, "", &format!("refused: {why}"));
        Box::new(match recorded {
            Ok(()) => s.fault(FaultKind::Refused, &why.into()),
            Err(e) => s.broke(e),
        })
    })
}

/// The window a request names, or the caller's own (their A post, else their B post).
fn window_of(shared: &Shared, s: &Session, named: Option<String>) -> Result<String, CmdError> {
    if let Some(w) = named {
        return match shared.centre.window(&w) {
            Some(_) => Ok(w),
            None => Err(refused(shared.no_window(&w))),
        };
    }
    let c = &shared.centre;
    c.windows
        .iter()
        .find(|w| w.a == s.staff.code)
        .or_else(|| c.windows.iter().find(|w| w.b == s.staff.code))
        .map(|w| w.name.clone())
        .ok_or_else(|| {
            refused(Refusal::NoOwnWindow {
                name: s.staff.name.clone(),
            })
        })
}

fn take(
    shared: &Shared,
    s: &Session,
    window: Option<String>,
    item: Option<String>,
    priority: bool,
) -> Result<Ticket, CmdError> {
    let at = shared.clock.now();
    shared
        .store
        .execute(&s.who(), at, "ticket.take", "", |txn| {
            allow(&shared.centre, &s.staff, Act::TakeTicket).map_err(refused)?;
            let window = match (&window, &item) {
                (Some(_), _) => window_of(shared, s, window.clone())?,
                (None, Some(code)) => shared
                    .catalogue
                    .get(code)
                    .map(|i| i.window.clone())
                    .ok_or_else(|| refused(Refusal::NoItem { code: code.clone() }))?,
                (None, None) => {
                    return Err(refused(Refusal::TakeWhere));
                }
            };
            let prefix = shared
                .centre
                .window(&window)
                .map(|w| w.prefix)
                .ok_or_else(|| {
                    refused(Refusal::ItemWindowMissing {
                        item: item.clone().unwrap_or_default(),
                        window: window.clone(),
                    })
                })?;
            let number = tickets::next_number(txn, at.date(), prefix)?;
            let ticket = Ticket {
                date: at.date(),
                number: number.clone(),
                window,
                priority,
                item: item.clone(),
                taken_at: at,
                taken_by: s.staff.code.clone(),
                first_asked: Some(s.staff.code.clone()),
                status: TicketStatus::Waiting,
                transferred_from: vec![],
            };
            tickets::put(txn, &ticket)?;
            Ok((ticket, number))
        })
}

fn call(shared: &Shared, s: &Session, window: Option<String>) -> Result<Ticket, CmdError> {
    let at = shared.clock.now();
    shared
        .store
        .execute(&s.who(), at, "ticket.call", "", |txn| {
            let window = window_of(shared, s, window.clone())?;
            allow(&shared.centre, &s.staff, Act::WorkWindow(window.clone())).map_err(refused)?;
            let day = tickets::list_day(&txn.open_table(crate::store::TICKETS)?, at.date())?;
            let waiting: Vec<&Ticket> = day
                .iter()
                .filter(|t| t.window == window && t.status == TicketStatus::Waiting)
                .collect();
            let run = tickets::priority_run(txn, at.date(), &window)?;
            let Some(next) =
                next_to_call(&waiting, run, shared.centre.settings.priority_interleave)
            else {
                return Err(refused(Refusal::NoOneWaiting { window }));
            };
            let mut ticket = next.clone();
            ticket.call(&window, &s.staff.code, at).map_err(refused)?;
            tickets::set_priority_run(
                txn,
                at.date(),
                &window,
                if ticket.priority { run + 1 } else { 0 },
            )?;
            tickets::put(txn, &ticket)?;
            let number = ticket.number.clone();
            Ok((ticket, number))
        })
}

/// Applies a change to one of today's tickets, at its window's permission.
fn on_ticket(
    shared: &Shared,
    s: &Session,
    action: &str,
    number: &str,
    f: impl FnOnce(&mut Ticket, &str) -> Result<(), QueueError>,
) -> Result<Ticket, CmdError> {
    let at = shared.clock.now();
    let number = number.trim().to_uppercase();
    shared.store.execute(&s.who(), at, action, &number, |txn| {
        let mut ticket = tickets::get(txn, at.date(), &number)?.ok_or_else(|| {
            refused(Refusal::NoTicket {
                number: number.clone(),
            })
        })?;
        let window = ticket.window.clone();
        allow(&shared.centre, &s.staff, Act::WorkWindow(window.clone())).map_err(refused)?;
        f(&mut ticket, &window).map_err(refused)?;
        tickets::put(txn, &ticket)?;
        Ok((ticket, number.clone()))
    })
}

fn transfer(
    shared: &Shared,
    s: &Session,
    number: &str,
    to_window: &str,
) -> Result<Ticket, CmdError> {
    let to = window_of(shared, s, Some(to_window.to_string()))?;
    on_ticket(shared, s, "ticket.transfer", number, |t, _| t.transfer(&to))
}

/// Today's tickets, every window's.
pub(super) fn day_tickets(shared: &Shared) -> Result<Vec<Ticket>, StoreError> {
    let txn = shared.store.read()?;
    let table = txn
        .open_table(crate::store::TICKETS)
        .map_err(redb::Error::from)?;
    tickets::list_day(&table, shared.clock.now().date())
}

fn list(shared: &Shared, s: &Session, window: Option<&str>) -> Outcome {
    match day_tickets(shared) {
        Ok(all) => Outcome::Ok(Response::Tickets(
            all.into_iter()
                .filter(|t| window.is_none_or(|w| t.window == w))
                .collect(),
        )),
        Err(e) => s.broke(e),
    }
}

/// A case's history from the audit trail: what was done to it and to its extension requests.
pub(super) fn case_history(shared: &Shared, id: u64) -> Result<Vec<AuditEvent>, StoreError> {
    let case_actions = |a: &str| a.starts_with("case.") || a.starts_with("extension.");
    Ok(shared
        .store
        .events_about(&id.to_string())?
        .into_iter()
        .filter(|e| case_actions(&e.action))
        .collect())
}
