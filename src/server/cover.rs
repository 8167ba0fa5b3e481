//! Cover for a window whose posts are both away (顶岗, RULES §5, 000 三(四)4) through the
//! server: assigned by the director or the leader on duty, the gate asked first, and recorded
//! with its event; and the cover of a day.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::cover::{self, Cover, CoverError, NewCover, knows_window};
use crate::domain::permission::{Act, allow};
use crate::protocol::page::PageFill;
use crate::protocol::{CoverReq, Outcome, Page, PageRequest, Response};
use crate::store::audit::{Data, Target};
use crate::store::pending::{self, COVER_BY_END, LEAVE_BY_END};
use crate::store::records::{COVERS, LEAVE};
use crate::store::{CmdError, Fact, StoreError, refused};

use super::Shared;
use super::session::Session;

pub fn handle(shared: &Shared, s: &Session, req: CoverReq) -> Outcome {
    let act = req.act();
    match req {
        CoverReq::Assign {
            window,
            staff,
            from,
            to,
        } => s.reply(assign(shared, s, &act, window, staff, from, to)),
        CoverReq::List { date, page } => {
            let day = date.unwrap_or_else(|| shared.clock.now().date());
            s.read(list(shared, day, &page).map(Response::Covers))
        }
    }
}

fn assign(
    shared: &Shared,
    s: &Session,
    act: &str,
    window: String,
    staff: String,
    from: Option<NaiveDateTime>,
    to: NaiveDateTime,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    let from = from.unwrap_or(now);
    let centre = &shared.centre;
    shared.store.execute(&s.who(), now, act, vec![], |txn| {
        let window = shared.window_named(&window).map_err(refused)?;
        let person = centre.staff(&staff).ok_or_else(|| {
            refused(CoverError::UnknownStaff {
                code: staff.clone(),
            })
        })?;
        let since = super::today::day_start(from.min(now));
        let covers = pending::covers_after(
            &txn.open_table(COVER_BY_END)?,
            &txn.open_table(COVERS.table)?,
            since,
        )?;
        let book = pending::leave_book(
            &txn.open_table(LEAVE_BY_END)?,
            &txn.open_table(LEAVE.table)?,
            since,
            None,
            &shared.calendar,
        )?
        .with_covers(covers);
        let knows = centre
            .window(&window)
            .is_some_and(|w| knows_window(centre, person, w));
        let duty = book.duty_leaders(centre, now.date());
        allow(
            centre,
            &s.staff,
            Act::assign_cover(now.date(), &s.staff, &duty, knows),
        )
        .map_err(refused)?;
        let id = COVERS.last_id(&txn.open_table(COVERS.table)?)? + 1;
        let new = NewCover {
            window,
            staff: person.code.clone(),
            from,
            to,
        };
        let c = cover::assign(centre, &book, new, &s.staff, id, now).map_err(refused)?;
        COVERS.put(txn, id, &c)?;
        pending::cover_ends(txn, c.to, id)?;
        let fact = Fact::new(vec![Target::Cover { id }], Data::of_cover(&c));
        Ok((Response::Cover(Box::new(c)), fact))
    })
}

/// The cover touching `day`, by id, read through the index by end.
fn list(shared: &Shared, day: NaiveDate, page: &PageRequest) -> Result<Page<Cover>, StoreError> {
    let txn = shared.store.read()?;
    let start = day.and_hms_opt(0, 0, 0).unwrap_or(shared.clock.now());
    let end = start + chrono::TimeDelta::days(1);
    let mut covers = pending::covers_after(
        &txn.open_table(COVER_BY_END)?,
        &COVERS.open_read(&txn)?,
        start,
    )?;
    covers.retain(|c| c.from < end);
    covers.sort_by_key(|c| c.id);
    let after: Option<u64> = page.after.as_deref().and_then(|a| a.parse().ok());
    let mut fill = PageFill::new(page);
    for c in covers
        .into_iter()
        .filter(|c| after.is_none_or(|a| c.id > a))
    {
        let key = c.id.to_string();
        if !fill.push(c, key) {
            break;
        }
    }
    Ok(fill.page())
}
