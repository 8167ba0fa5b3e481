//! `frontdesk ticket ...` — the visitor queue through the server (RULES §14).

use clap::Subcommand;
use serde_json::json;

use frontdesk::domain::queue::{Ticket, TicketStatus};
use frontdesk::protocol::{PageRequest, Request, Response};

use super::{Ctx, Failure, Out, ask};

#[derive(Subcommand)]
pub enum TicketCmd {
    /// Take a ticket for a window or for the window of a service item; prints its number
    Take {
        /// The window's name
        #[arg(
            long,
            value_name = "NAME",
            conflicts_with = "item",
            required_unless_present = "item"
        )]
        window: Option<String>,
        /// A service item's code: the ticket is for its window
        #[arg(long, value_name = "CODE")]
        item: Option<String>,
        /// For the elderly, disabled and vulnerable: called first, interleaved with others
        #[arg(long)]
        priority: bool,
    },
    /// Call the next visitor at a window (default: your own); prints the number
    Call {
        #[arg(long, value_name = "NAME")]
        window: Option<String>,
    },
    /// Call a called visitor again
    Recall { number: String },
    /// Mark a called visitor who did not come, after the set number of recalls
    NoShow { number: String },
    /// Send a visitor to another window, keeping the number and the first-asked person
    Transfer {
        number: String,
        /// The window to send them to
        #[arg(long = "to", value_name = "NAME")]
        to_window: String,
    },
    /// Today's tickets: NUMBER<TAB>WINDOW<TAB>STATE<TAB>priority|ordinary
    List {
        #[arg(long, value_name = "NAME")]
        window: Option<String>,
    },
}

fn state(t: &Ticket) -> String {
    match &t.status {
        TicketStatus::Waiting => "waiting".into(),
        TicketStatus::Called { recalls: 0, .. } => "called".into(),
        TicketStatus::Called { recalls, .. } => format!("recalled {recalls}"),
        TicketStatus::NoShow { .. } => "no-show".into(),
    }
}

pub fn run(ctx: &Ctx, cmd: TicketCmd, out: &mut Out) -> Result<(), Failure> {
    let mut client = ctx.connect()?;
    let request = match cmd {
        TicketCmd::Take {
            window,
            item,
            priority,
        } => Request::TicketTake {
            window,
            item,
            priority,
        },
        TicketCmd::Call { window } => Request::TicketCall { window },
        TicketCmd::Recall { number } => Request::TicketRecall { number },
        TicketCmd::NoShow { number } => Request::TicketNoShow { number },
        TicketCmd::Transfer { number, to_window } => Request::TicketTransfer { number, to_window },
        TicketCmd::List { window } => Request::TicketList {
            window,
            page: PageRequest::first(),
        },
    };
    match ask(&mut client, request)? {
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
