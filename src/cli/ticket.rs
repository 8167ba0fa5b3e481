//! `frontdesk ticket ...` — the visitor queue through the server (RULES §14). The subcommands
//! are the queue's requests themselves (`TicketReq`).

use serde_json::json;

use frontdesk::domain::queue::{Ticket, TicketStatus};
use frontdesk::protocol::{Request, Response, TicketReq};

use super::{Ctx, Failure, Out, ask};

fn state(t: &Ticket) -> String {
    match &t.status {
        TicketStatus::Waiting => "waiting".into(),
        TicketStatus::Called { recalls: 0, .. } => "called".into(),
        TicketStatus::Called { recalls, .. } => format!("recalled {recalls}"),
        TicketStatus::NoShow { .. } => "no-show".into(),
    }
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
                out.line(format!("{}\t{}\t{}\t{kind}", t.number, t.window, state(&t)));
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
