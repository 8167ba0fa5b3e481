//! `frontdesk audit verify|log` — the hash-chained audit trail (RULES §9). The subcommands are
//! the trail's requests themselves (`AuditReq`).

use serde_json::json;

use frontdesk::protocol::{AuditReq, Request, Response};

use super::{Ctx, Failure, Out, ask};

pub fn run(ctx: &Ctx, cmd: AuditReq, out: &mut Out) -> Result<(), Failure> {
    let mut client = ctx.connect()?;
    match ask(&mut client, Request::Audit(cmd))? {
        Response::Verified { checked } if ctx.json => {
            out.json(&json!({"ok": true, "checked": checked}))
        }
        Response::Verified { checked } => {
            out.text(format!("audit trail intact: {checked} events checked"))
        }
        // One object a line (NDJSON), so a long trail streams into other tools.
        Response::Events(events) if ctx.json => {
            for e in events.items {
                out.json_line(&e.to_json());
            }
        }
        Response::Events(events) => {
            for e in events.items {
                out.fields(&[
                    &e.seq(),
                    &e.at().format("%Y-%m-%d %H:%M:%S"),
                    &e.actor(),
                    &e.act(),
                    &e.target_keys().join(","),
                    &e.outcome().text(frontdesk::lang::Lang::En),
                ]);
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
