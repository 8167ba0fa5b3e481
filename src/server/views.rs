//! What consoles read to show: the screen, what waits for the caller, the catalogue, and what
//! an intake would become.

use crate::protocol::{FaultKind, Outcome, Response, ViewReq};
use crate::refusal::Refusal;

use super::Shared;
use super::session::Session;
use super::{approvals, cases, screen};

pub fn handle(shared: &Shared, s: &Session, req: ViewReq) -> Outcome {
    match req {
        ViewReq::Screen {
            case,
            queue,
            cases,
            approvals,
        } => {
            let windows = screen::Windows {
                queue,
                cases,
                approvals,
            };
            s.read(screen::screen(shared, s, case, windows).map(|v| Response::Screen(Box::new(v))))
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
        ViewReq::CasePreview {
            item,
            have,
            promise,
        } => s.reply(
            cases::preview(shared, &item, have, promise).map(|p| Response::Preview(Box::new(p))),
        ),
    }
}
