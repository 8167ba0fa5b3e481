//! What consoles read to show: the screen, each pane alone (the queue, the open cases, what
//! waits for the caller, the day, a case, supervision), the catalogue and an item's guide, and
//! what an intake would become.

use crate::domain::guide::guide;
use crate::domain::permission::Act;
use crate::protocol::{FaultKind, Outcome, Response, ViewReq};
use crate::refusal::Refusal;

use super::Shared;
use super::session::{Session, refuse_unless};
use super::{approvals, case_lists, cases, roster, screen, supervision, tickets, today};

pub fn handle(shared: &Shared, s: &Session, req: ViewReq) -> Outcome {
    let act = req.act();
    match req {
        ViewReq::Screen {
            case,
            queue,
            cases,
            approvals,
        } => {
            let selections = screen::Selections {
                queue,
                cases,
                approvals,
            };
            s.read(
                screen::screen(shared, s, case, selections).map(|v| Response::Screen(Box::new(v))),
            )
        }
        ViewReq::Queue { around } => s.read(tickets::day_tickets(shared).map(|day| {
            let own = tickets::own_window(shared, s);
            Response::Queue(tickets::queue(day, &around, own))
        })),
        ViewReq::OpenCases { around } => {
            s.read(case_lists::open_around(shared, &around).map(Response::OpenCases))
        }
        ViewReq::Pending { around } => {
            s.read(approvals::around(shared, s, &around).map(Response::Pending))
        }
        ViewReq::Today => s.read(
            tickets::day_tickets(shared)
                .and_then(|day| today::today(shared, &day))
                .map(|t| Response::Today(Box::new(t))),
        ),
        ViewReq::Roster { date } => {
            s.read(roster::roster(shared, date).map(|r| Response::Roster(Box::new(r))))
        }
        ViewReq::CaseDetail { id } => s.reply(cases::detail(shared, s, id).map(
            |(view, history)| Response::CaseDetail {
                view: Box::new(view),
                history,
            },
        )),
        ViewReq::Supervision => {
            if let Err(o) = refuse_unless(shared, s, &act, Act::Supervise) {
                return *o;
            }
            s.read(
                supervision::supervision(shared, &s.staff)
                    .map(|v| Response::Supervision(Box::new(v))),
            )
        }
        ViewReq::Approvals { page } => {
            s.read(approvals::pending(shared, s, &page).map(Response::Approvals))
        }
        ViewReq::CatalogueSearch { query, limit } => Outcome::Ok(Response::Items(
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
        ViewReq::CatalogueItem { code } => match shared.catalogue.get(code.trim()) {
            Some(item) => Outcome::Ok(Response::Item(Box::new(item.clone()))),
            None => s.fault(FaultKind::Invalid, &Refusal::NoItem { code }),
        },
        ViewReq::Guide { code } => match shared.catalogue.get(&code) {
            Some(item) => Outcome::Ok(Response::Document(guide(item, &shared.centre))),
            None => s.fault(FaultKind::Invalid, &Refusal::NoItem { code }),
        },
        ViewReq::CasePreview {
            item,
            have,
            promise,
        } => s.reply(
            cases::preview(shared, &item, have, promise).map(|p| Response::Preview(Box::new(p))),
        ),
    }
}
