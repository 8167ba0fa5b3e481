//! The visitor queue through the server (RULES §14): take, call (in turn, or out of turn with a
//! reason), recall, finish, no-show and its undoing, and transfer, each one store transaction
//! with its audit event; and today's tickets, in pages and in the order a clerk reads them.

use crate::domain::permission::{Act, allow};
use crate::domain::queue::{QueueError, Ticket, TicketStatus, ahead_of, next_to_call, queue_order};
use crate::protocol::page::PageFill;
use crate::protocol::{Around, Outcome, Page, PageRequest, Response, Selected, TicketReq};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::{CmdError, Fact, StoreError, refused, tickets};

use super::Shared;
use super::session::Session;

/// Handles the queue's requests.
pub fn handle(shared: &Shared, s: &Session, req: TicketReq) -> Outcome {
    let act = req.act();
    let ticket = |r: Result<Ticket, CmdError>| s.reply(r.map(|t| Response::Ticket(Box::new(t))));
    match req {
        TicketReq::Take {
            window,
            item,
            priority,
            print: false,
        } => ticket(take(shared, s, &act, window, item, priority)),
        TicketReq::Take {
            window,
            item,
            priority,
            print: true,
        } => s.reply(take(shared, s, &act, window, item, priority).and_then(|t| {
            // Taken, then printed: the slip says how many wait ahead as it was taken.
            let (form, way) = super::papers::print_ticket(shared, s, "ticket.print", &t, false)?;
            Ok(Response::TicketPaper {
                ticket: Box::new(t),
                form,
                way,
            })
        })),
        TicketReq::Print { number, text } => s.reply(reprint(shared, s, &act, &number, text)),
        TicketReq::Call {
            window,
            number,
            reason,
        } => ticket(call(shared, s, &act, window, number, reason)),
        TicketReq::Recall { number } => ticket(on_ticket(shared, s, &act, &number, |t, _| {
            t.recall().map(|_| ())
        })),
        TicketReq::Finish { number, window } => ticket(finish(shared, s, &act, number, window)),
        TicketReq::Restore { number } => {
            let today = shared.clock.now().date();
            ticket(on_ticket(shared, s, &act, &number, |t, _| t.restore(today)))
        }
        TicketReq::NoShow { number } => {
            let needed = shared.centre.settings.no_show_after_recalls;
            let at = shared.clock.now();
            let by = s.staff.code.clone();
            ticket(on_ticket(shared, s, &act, &number, |t, _| {
                t.no_show(&by, at, needed)
            }))
        }
        TicketReq::Transfer { number, to_window } => {
            ticket(transfer(shared, s, &act, &number, &to_window))
        }
        TicketReq::List { window, page } => {
            let window = match window.map(|w| shared.window_named(&w)).transpose() {
                Ok(w) => w,
                Err(why) => return s.fault(crate::protocol::FaultKind::Invalid, &why),
            };
            s.read(list(shared, window.as_deref(), &page).map(Response::Tickets))
        }
    }
}

/// The caller's own window: their A post, else their B post.
pub fn own_window<'a>(shared: &'a Shared, s: &Session) -> Option<&'a str> {
    let c = &shared.centre;
    c.windows
        .iter()
        .find(|w| w.a == s.staff.code)
        .or_else(|| c.windows.iter().find(|w| w.b == s.staff.code))
        .map(|w| w.name.as_str())
}

/// The window a request names, or the caller's own (their A post, else their B post).
fn window_of(shared: &Shared, s: &Session, named: Option<String>) -> Result<String, CmdError> {
    if let Some(w) = named {
        return shared.window_named(&w).map_err(refused);
    }
    own_window(shared, s).map(str::to_string).ok_or_else(|| {
        refused(Refusal::NoOwnWindow {
            name: s.staff.name.clone(),
        })
    })
}

fn take(
    shared: &Shared,
    s: &Session,
    act: &str,
    window: Option<String>,
    item: Option<String>,
    priority: bool,
) -> Result<Ticket, CmdError> {
    let at = shared.clock.now();
    shared.store.execute(&s.who(), at, act, vec![], |txn| {
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
        let order = tickets::next_order(txn, at.date())?;
        let mut ticket = Ticket {
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
            order,
            first_called: None,
            case: None,
            ahead: None,
        };
        // Those its window calls before it, as it stands now: printed on its slip.
        let day = tickets::list_day(&txn.open_table(crate::store::TICKETS)?, at.date())?;
        let waiting: Vec<&Ticket> = day
            .iter()
            .filter(|t| t.window == ticket.window && t.status == TicketStatus::Waiting)
            .collect();
        let run = tickets::priority_run(txn, at.date(), &ticket.window)?;
        let interleave = shared.centre.settings.priority_interleave;
        ticket.ahead = Some(ahead_of(&waiting, &ticket, run, interleave));
        tickets::put(txn, &ticket)?;
        let fact = fact(&ticket);
        Ok((ticket, fact))
    })
}

/// A ticket's event: the day's ticket, as the act left it.
fn fact(t: &Ticket) -> Fact {
    Fact::new(
        vec![Target::Ticket {
            date: t.date,
            number: t.number.clone(),
        }],
        Data::of_ticket(t),
    )
}

fn call(
    shared: &Shared,
    s: &Session,
    act: &str,
    window: Option<String>,
    number: Option<String>,
    reason: Option<String>,
) -> Result<Ticket, CmdError> {
    let at = shared.clock.now();
    shared.store.execute(&s.who(), at, act, vec![], |txn| {
        let window = window_of(shared, s, window.clone())?;
        allow(&shared.centre, &s.staff, Act::WorkWindow(window.clone())).map_err(refused)?;
        let day = tickets::list_day(&txn.open_table(crate::store::TICKETS)?, at.date())?;
        // Calling the next visitor finishes the one this clerk was serving at the window.
        let mut done = Vec::new();
        for t in day.iter().filter(|t| t.served_by(&window, &s.staff.code)) {
            let mut t = t.clone();
            t.finish(&s.staff.code, at).map_err(refused)?;
            tickets::put(txn, &t)?;
            done.push(t);
        }
        let waiting: Vec<&Ticket> = day
            .iter()
            .filter(|t| t.window == window && t.status == TicketStatus::Waiting)
            .collect();
        let run = tickets::priority_run(txn, at.date(), &window)?;
        let in_turn = next_to_call(&waiting, run, shared.centre.settings.priority_interleave);
        let chosen = match &number {
            None => in_turn,
            Some(n) => {
                let n = n.trim().to_uppercase();
                let Some(t) = day.iter().find(|t| t.number == n) else {
                    return Err(refused(Refusal::NoTicket { number: n }));
                };
                if t.window != window {
                    return Err(refused(QueueError::SameWindow {
                        number: n,
                        window: t.window.clone(),
                    }));
                }
                Some(t)
            }
        };
        let Some(next) = chosen else {
            return Err(refused(Refusal::NoOneWaiting { window }));
        };
        let out_of_turn = in_turn.is_none_or(|t| t.number != next.number);
        let mut ticket = next.clone();
        if out_of_turn {
            let reason = reason.clone().unwrap_or_default();
            ticket
                .call_out_of_turn(&window, &s.staff.code, at, &reason)
                .map_err(refused)?;
        } else {
            ticket.call(&window, &s.staff.code, at).map_err(refused)?;
            // The interleave counts calls in turn; one out of turn leaves it as it was.
            tickets::set_priority_run(
                txn,
                at.date(),
                &window,
                if ticket.priority { run + 1 } else { 0 },
            )?;
        }
        tickets::put(txn, &ticket)?;
        let mut fact = fact(&ticket);
        fact.targets.extend(done.iter().map(|t| Target::Ticket {
            date: t.date,
            number: t.number.clone(),
        }));
        Ok((ticket, fact))
    })
}

/// Finishes a visitor: the one named, or the one this clerk is serving at their window.
fn finish(
    shared: &Shared,
    s: &Session,
    act: &str,
    number: Option<String>,
    window: Option<String>,
) -> Result<Ticket, CmdError> {
    let at = shared.clock.now();
    let by = s.staff.code.clone();
    let number = match number {
        Some(n) => n,
        None => {
            let window = window_of(shared, s, window)?;
            let day = day_tickets(shared).map_err(CmdError::Store)?;
            day.iter()
                .find(|t| t.served_by(&window, &by))
                .map(|t| t.number.clone())
                .ok_or_else(|| refused(QueueError::NoneServed { window }))?
        }
    };
    on_ticket(shared, s, act, &number, |t, _| t.finish(&by, at))
}

/// One of today's tickets printed again, by anyone who may take tickets.
fn reprint(
    shared: &Shared,
    s: &Session,
    act: &str,
    number: &str,
    text: bool,
) -> Result<Response, CmdError> {
    allow(&shared.centre, &s.staff, Act::TakeTicket).map_err(refused)?;
    let number = number.trim().to_uppercase();
    let today = shared.clock.now().date();
    let txn = shared.store.read()?;
    let table = txn
        .open_table(crate::store::TICKETS)
        .map_err(StoreError::from)?;
    let ticket = tickets::find(&table, today, &number)?
        .ok_or_else(|| refused(Refusal::NoTicket { number }))?;
    drop(txn);
    let (form, way) = super::papers::print_ticket(shared, s, act, &ticket, text)?;
    Ok(Response::TicketPaper {
        ticket: Box::new(ticket),
        form,
        way,
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
    let named = vec![Target::Ticket {
        date: at.date(),
        number: number.clone(),
    }];
    shared.store.execute(&s.who(), at, action, named, |txn| {
        let mut ticket = tickets::get(txn, at.date(), &number)?.ok_or_else(|| {
            refused(Refusal::NoTicket {
                number: number.clone(),
            })
        })?;
        let window = ticket.window.clone();
        allow(&shared.centre, &s.staff, Act::WorkWindow(window.clone())).map_err(refused)?;
        f(&mut ticket, &window).map_err(refused)?;
        tickets::put(txn, &ticket)?;
        let fact = fact(&ticket);
        Ok((ticket, fact))
    })
}

fn transfer(
    shared: &Shared,
    s: &Session,
    act: &str,
    number: &str,
    to_window: &str,
) -> Result<Ticket, CmdError> {
    let to = window_of(shared, s, Some(to_window.to_string()))?;
    on_ticket(shared, s, act, number, |t, _| t.transfer(&to))
}

/// Today's tickets, every window's.
pub fn day_tickets(shared: &Shared) -> Result<Vec<Ticket>, StoreError> {
    let txn = shared.store.read()?;
    let table = txn
        .open_table(crate::store::TICKETS)
        .map_err(redb::Error::from)?;
    tickets::list_day(&table, shared.clock.now().date())
}

/// Today's queue as a clerk reads it (waiting, priority marked, then called, no-shows and
/// those done), the clerk's own window first (`own`), around the ticket `around` asks for by
/// its number, from the day's tickets.
pub fn queue(mut day: Vec<Ticket>, around: &Around<String>, own: Option<&str>) -> Selected<Ticket> {
    queue_order(&mut day);
    if let Some(own) = own {
        day.sort_by_key(|t| t.window != own);
    }
    Selected::among(day, around, |t, number| {
        t.number.eq_ignore_ascii_case(number)
    })
}

/// A page of today's tickets (of one window, or the hall), in the order taken; the cursor is
/// the last ticket's number.
fn list(
    shared: &Shared,
    window: Option<&str>,
    page: &PageRequest,
) -> Result<Page<Ticket>, StoreError> {
    let mut fill = PageFill::new(page);
    let all = day_tickets(shared)?;
    // The cursor names the last ticket sent; the page goes on after it.
    let start = match &page.after {
        Some(n) => all.iter().position(|t| &t.number == n).map_or(0, |i| i + 1),
        None => 0,
    };
    for t in all
        .into_iter()
        .skip(start)
        .filter(|t| window.is_none_or(|w| t.window == w))
    {
        let number = t.number.clone();
        if !fill.push(t, number) {
            break;
        }
    }
    Ok(fill.page())
}
