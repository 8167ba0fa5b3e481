//! The outbox through the server (RULES §4: the completion is told by SMS, 000): a completion
//! queues its message in its own transaction; a thread of the server delivers what is due
//! through the centre's `[sms] command`, each attempt one transaction with its event; and
//! `outbox list` and `outbox retry` read and act on it.
//!
//! Delivery is at least once: a message the command took is recorded sent in the transaction
//! right after, so only a server that dies between the two sends it again at its next start.

mod command;

use std::sync::atomic::Ordering;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crate::domain::case::Case;
use crate::domain::outbox::{Message, Status, plan};
use crate::domain::permission::{Act, allow, handles};
use crate::protocol::page::PageFill;
use crate::protocol::{MessageRow, OutboxReq, Outcome, Page, PageRequest, Response, Topic};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::cases::CASES;
use crate::store::index::INDEX;
use crate::store::outbox as stored;
use crate::store::records::OUTBOX;
use crate::store::{CmdError, Fact, StoreError, refused};

use super::session::Session;
use super::{Shared, server_itself};

/// The longest the delivery thread sleeps with nothing due: it looks again after it anyway.
const IDLE: Duration = Duration::from_secs(60);
/// The pause after an attempt that could not be recorded (a store fault), so that a message
/// is not sent over and over while the store refuses writes.
const AFTER_STORE_FAULT: Duration = Duration::from_secs(5);

/// Wakes the delivery thread when a message is queued (or queued again) and when the server
/// stops.
#[derive(Default)]
pub struct Wake {
    kicked: Mutex<bool>,
    cv: Condvar,
}

impl Wake {
    pub fn kick(&self) {
        if let Ok(mut kicked) = self.kicked.lock() {
            *kicked = true;
            self.cv.notify_all();
        }
    }

    /// Sleeps for `wait`, or until kicked or the server stops.
    fn wait(&self, shared: &Shared, wait: Duration) {
        let Ok(guard) = self.kicked.lock() else {
            return;
        };
        let stopping = || shared.stopping.load(Ordering::SeqCst);
        if let Ok((mut kicked, _)) = self
            .cv
            .wait_timeout_while(guard, wait, |kicked| !*kicked && !stopping())
        {
            *kicked = false;
        }
    }
}

pub fn handle(shared: &Shared, s: &Session, req: OutboxReq) -> Outcome {
    let act = req.act();
    match req {
        OutboxReq::List { state, page } => {
            s.read(list(shared, s, state, &page).map(Response::Messages))
        }
        OutboxReq::Retry { id } => {
            let r = retry(shared, s, &act, id);
            if r.is_ok() {
                shared.outbox.kick();
            }
            s.reply(r)
        }
    }
}

/// Queues the message a case just completed sends its applicant, in the completion's
/// transaction; none when they gave no phone number. Returns its number.
pub(super) fn queue_on_completion(
    shared: &Shared,
    txn: &redb::WriteTransaction,
    id: u64,
    case: &Case,
    now: chrono::NaiveDateTime,
) -> Result<Option<u64>, CmdError> {
    match Message::on_completion(id, case, &shared.centre, now) {
        Some(m) => Ok(Some(stored::queue(txn, &m)?)),
        None => Ok(None),
    }
}

/// The messages of case `id`, as its view shows them.
pub(super) fn of_case(
    index: &impl redb::ReadableTable<&'static str, u64>,
    table: &impl redb::ReadableTable<u64, &'static [u8]>,
    id: u64,
) -> Result<Vec<MessageRow>, StoreError> {
    Ok(stored::of_case(index, table, id)?
        .iter()
        .map(|(id, m)| MessageRow::of(*id, m))
        .collect())
}

/// A page of the outbox by number: every message for those the gate lets read them all,
/// otherwise those of the cases the caller handles.
fn list(
    shared: &Shared,
    s: &Session,
    state: Option<crate::domain::outbox::DeliveryState>,
    page: &PageRequest,
) -> Result<Page<MessageRow>, StoreError> {
    let all = allow(&shared.centre, &s.staff, Act::ReadAllMessages).is_ok();
    let txn = shared.store.read()?;
    let index = txn.open_table(INDEX)?;
    let table = OUTBOX.open_read(&txn)?;
    let cases = txn.open_table(CASES)?;
    let after = page.after.as_deref().and_then(|a| a.parse().ok());
    let mut fill = PageFill::new(page);
    stored::scan(&index, &table, state, after, |id, m| {
        let shown = all
            || crate::store::cases::load(&cases, m.case)?
                .is_some_and(|c| handles(&shared.centre, &s.staff, &c));
        if !shown {
            fill.pass(id.to_string());
            return Ok(true);
        }
        Ok(fill.push(MessageRow::of(id, &m), id.to_string()))
    })?;
    Ok(fill.page())
}

/// Queues failed message `id` again, with a new round of attempts.
fn retry(shared: &Shared, s: &Session, act: &str, id: u64) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    let target = vec![Target::Message { id }];
    shared.store.execute(&s.who(), now, act, target, |txn| {
        allow(&shared.centre, &s.staff, Act::RetryMessage).map_err(refused)?;
        let before = stored::get(txn, id)?.ok_or_else(|| refused(Refusal::NoMessage { id }))?;
        let mut after = before.clone();
        after.requeue(id, now).map_err(|e| {
            refused(Refusal::MessageNotFailed {
                id,
                state: e.state.to_string(),
            })
        })?;
        stored::save(txn, id, &before, &after)?;
        let fact = Fact::new(
            vec![Target::Case { id: after.case }],
            Data::of_message(id, &after),
        );
        Ok((
            Response::Message(Box::new(MessageRow::of(id, &after))),
            fact,
        ))
    })
}

/// The delivery thread: until the server stops, sends each message when it is due (those left
/// waiting by a stopped server at once), and sleeps until the next is due or one is queued.
/// Without a command set it does not run, and messages wait in the outbox.
pub(super) fn deliver(shared: &Shared) {
    let Some(words) = shared.centre.sms.command.clone() else {
        return;
    };
    let stopping = || shared.stopping.load(Ordering::SeqCst);
    while !stopping() {
        let waiting = shared
            .store
            .read()
            .and_then(|txn| stored::waiting(&txn.open_table(INDEX)?));
        let waiting = match waiting {
            Ok(w) => w,
            Err(e) => {
                eprintln!("frontdesk: the outbox cannot be read now: {e}");
                shared.outbox.wait(shared, AFTER_STORE_FAULT);
                continue;
            }
        };
        let due = plan(&waiting, shared.clock.now());
        let mut tried = Vec::new();
        for id in &due.due_now {
            if stopping() {
                return;
            }
            tried.push(attempt(shared, &words, *id));
        }
        if tried.contains(&Tried::Unrecorded)
            || (!tried.is_empty() && tried.iter().all(|t| *t == Tried::Skipped))
        {
            // The store refused, or the index named messages that do not wait: not again at once.
            shared.outbox.wait(shared, AFTER_STORE_FAULT);
            continue;
        }
        if !tried.is_empty() {
            // What they left due (a retry) is planned afresh.
            continue;
        }
        let wait = due
            .next
            .map_or(IDLE, |next| {
                (next - shared.clock.now())
                    .to_std()
                    .unwrap_or(Duration::ZERO)
            })
            .min(IDLE);
        shared.outbox.wait(shared, wait);
    }
}

/// What became of one message due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tried {
    /// The attempt was made and recorded.
    Recorded,
    /// It was not waiting any more: nothing was run.
    Skipped,
    /// It could not be read, or the attempt could not be recorded.
    Unrecorded,
}

/// One attempt at message `id`: the command run outside any transaction, so the server serves
/// on while it runs, then its outcome recorded with its event.
fn attempt(shared: &Shared, words: &[String], id: u64) -> Tried {
    let message = shared.store.read().and_then(|txn| {
        let table = OUTBOX.open_read(&txn)?;
        Ok(OUTBOX.some::<Message>(&table, [id])?.pop().map(|(_, m)| m))
    });
    let message = match message {
        Ok(Some(m)) if m.due().is_some() => m,
        Ok(_) => return Tried::Skipped,
        Err(e) => {
            eprintln!("frontdesk: message {id} of the outbox cannot be read now: {e}");
            return Tried::Unrecorded;
        }
    };
    let input = serde_json::json!({
        "id": id,
        "case": message.case,
        "phone": message.phone,
        "text": message.text,
    })
    .to_string();
    let sms = &shared.centre.sms;
    let timeout = Duration::from_secs(u64::from(sms.timeout_secs));
    let outcome = command::run(words, input.as_bytes(), timeout, &shared.stopping);
    let at = shared.clock.now();
    let case = message.case;
    let targets = vec![Target::Message { id }, Target::Case { id: case }];
    let recorded = shared
        .store
        .apply_if(&server_itself(), at, "outbox.send", targets, |txn| {
            let Some(before) = stored::get(txn, id)? else {
                return Ok(None);
            };
            if before.due().is_none() {
                return Ok(None);
            }
            let mut after = before.clone();
            match &outcome {
                Ok(()) => after.delivered(at),
                Err(e) => after.attempt_failed(at, e.reason(&before.phone), sms),
            }
            stored::save(txn, id, &before, &after)?;
            let fact = Fact::new(vec![], Data::of_message(id, &after));
            Ok(Some((after.status(), fact)))
        });
    match recorded {
        Ok(status) => {
            // The log names the message and its case, never the number it went to.
            match status {
                Some(Status::Retrying {
                    attempt,
                    next,
                    error,
                }) => eprintln!(
                    "frontdesk: message {id} of case {case}: attempt {attempt} failed ({error}); the next is at {}",
                    next.format("%Y-%m-%d %H:%M:%S")
                ),
                Some(Status::Failed { attempts, why, .. }) => eprintln!(
                    "frontdesk: message {id} of case {case} failed after {attempts} attempts ({why}); `frontdesk outbox retry {id}` queues it again"
                ),
                _ => {}
            }
            shared.broadcast(&[Topic::Case { id: case }]);
            Tried::Recorded
        }
        Err(e) => {
            eprintln!(
                "frontdesk: the attempt at message {id} of case {case} could not be recorded: {e}"
            );
            shared.stop_if_disk_fault();
            Tried::Unrecorded
        }
    }
}
