//! `frontdesk ticket ...` — the visitor queue through the server (RULES §14). The subcommands
//! are the queue's requests themselves (`TicketReq`).

use serde_json::json;

use frontdesk::domain::case::PaperWay;
use frontdesk::domain::queue::Ticket;
use frontdesk::protocol::{Request, Response, ServingView, TicketReq, ViewReq};

use super::{Ctx, Failure, Out, ask};

/// Minutes, for the wait and service columns; `-` while there is none yet.
fn minutes(d: Option<chrono::TimeDelta>) -> String {
    d.map_or("-".into(), |d| format!("{}m", d.num_minutes()))
}

/// A ticket taken for a window that nobody serves now (both posts away, no cover, while it is
/// open) is still taken, with a warning saying so and whom the alarm tells (RULES §5).
fn warn_if_unserved(client: &mut frontdesk::client::Client, ticket: &Ticket) {
    let Ok(Response::Today(today)) = ask(client, Request::View(ViewReq::Today)) else {
        return;
    };
    let Some(post) = today.posts.iter().find(|p| p.window == ticket.window) else {
        return;
    };
    if let ServingView::BothAway { notify } = &post.serving {
        super::warn(format!(
            "ticket {} is taken, but nobody serves {} now: A ({}) and B ({}) are both away and no cover is assigned; the alarm goes to {}, who assign cover (`frontdesk cover assign`)",
            ticket.number,
            post.window,
            post.a,
            post.b,
            notify.join(", ")
        ));
    }
}

pub fn run(ctx: &Ctx, cmd: TicketReq, out: &mut Out) -> Result<(), Failure> {
    let mut client = ctx.connect()?;
    let take = matches!(cmd, TicketReq::Take { .. });
    match ask(&mut client, Request::Ticket(cmd))? {
        Response::Ticket(t) => {
            if take {
                warn_if_unserved(&mut client, &t);
            }
            if ctx.json {
                out.json(&json!(*t));
            } else {
                out.fields(&[&t.number]);
            }
        }
        Response::TicketPaper { ticket, form, way } => {
            if take {
                warn_if_unserved(&mut client, &ticket);
            }
            if ctx.json {
                out.json(&json!({ "ticket": *ticket, "form": form, "paper": way }));
            } else {
                let verb = match way {
                    PaperWay::Printed { .. } => "printed",
                    PaperWay::Saved { .. } => "saved",
                };
                let fields = super::paper::way_fields(verb, &way);
                out.row(std::iter::once(ticket.number.clone()).chain(fields));
            }
        }
        Response::Tickets(ts) if ctx.json => out.json(&json!(ts.items)),
        Response::Tickets(ts) => {
            for t in ts.items {
                let kind = if t.priority { "priority" } else { "ordinary" };
                out.fields(&[
                    &t.number,
                    &t.window,
                    &t.status.word(),
                    &kind,
                    &format_args!("wait {}", minutes(t.wait())),
                    &format_args!("service {}", minutes(t.service())),
                    &format_args!("case {}", t.case.map_or("-".into(), |c| c.to_string())),
                ]);
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
