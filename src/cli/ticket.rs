//! `frontdesk ticket ...` — the visitor queue through the server (RULES §14). The subcommands
//! are the queue's requests themselves (`TicketReq`).

use serde_json::json;

use frontdesk::protocol::{Request, Response, TicketReq};

use super::{Ctx, Failure, Out, ask};

/// Minutes, for the wait and service columns; `-` while there is none yet.
fn minutes(d: Option<chrono::TimeDelta>) -> String {
    d.map_or("-".into(), |d| format!("{}m", d.num_minutes()))
}

pub fn run(ctx: &Ctx, cmd: TicketReq, out: &mut Out) -> Result<(), Failure> {
    let mut client = ctx.connect()?;
    match ask(&mut client, Request::Ticket(cmd))? {
        Response::Ticket(t) if ctx.json => out.json(&json!(*t)),
        Response::Ticket(t) => out.line(&t.number),
        Response::Tickets(ts) if ctx.json => out.json(&json!(ts.items)),
        Response::Tickets(ts) => {
            for t in ts.items {
                let kind = if t.priority { "priority" } else { "ordinary" };
                out.line(format!(
                    "{}\t{}\t{}\t{kind}\twait {}\tservice {}\tcase {}",
                    t.number,
                    t.window,
                    t.status.word(),
                    minutes(t.wait()),
                    minutes(t.service()),
                    t.case.map_or("-".into(), |c| c.to_string())
                ));
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
