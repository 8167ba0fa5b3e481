//! `frontdesk outbox list|retry` — the outbox of completion messages (RULES §4): its
//! subcommands are its requests themselves; this prints their replies.

use serde_json::json;

use frontdesk::domain::outbox::Status;
use frontdesk::protocol::{MessageRow, OutboxReq, Request, Response};

use super::{Ctx, Failure, Out, ask};

fn minute(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A message's status on its case: `STATE<TAB>ATTEMPTS<TAB>WHEN<TAB>ERROR`, WHEN the time it
/// was sent, failed or is tried next (`-` while queued).
pub fn status_fields(m: &MessageRow) -> Vec<String> {
    let (when, error) = match &m.status {
        Status::Queued => ("-".to_string(), String::new()),
        Status::Retrying { next, error, .. } => (minute(*next), error.clone()),
        Status::Sent { at, .. } => (minute(*at), String::new()),
        Status::Failed { at, why, .. } => (minute(*at), why.clone()),
    };
    vec![m.state().to_string(), m.attempts.to_string(), when, error]
}

pub fn run(ctx: &Ctx, cmd: OutboxReq, out: &mut Out) -> Result<(), Failure> {
    match ask(&mut ctx.connect()?, Request::Outbox(cmd))? {
        Response::Messages(list) if ctx.json => out.json(&json!(list.items)),
        Response::Messages(list) => {
            for m in list.items {
                out.fields(&[
                    &m.id,
                    &m.case,
                    &minute(m.queued_at),
                    &m.state(),
                    &m.attempts,
                    &m.phone,
                    &m.last_error.clone().unwrap_or_default(),
                ]);
            }
        }
        Response::Message(m) if ctx.json => out.json(&json!(*m)),
        Response::Message(m) => out.fields(&[&m.id]),
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
