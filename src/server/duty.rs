//! The leader on duty's log (值班记录, RULES §7) through the server.

use chrono::NaiveDate;

use crate::domain::permission::{Act, allow};
use crate::domain::roster::DutyEntry;
use crate::protocol::page::PageFill;
use crate::protocol::{DutyReq, Outcome, Page, PageRequest, Response};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::pending::{self, LEAVE_BY_END};
use crate::store::records::{DUTY_BY_DAY, DUTY_LOG, LEAVE};
use crate::store::{CmdError, Fact, StoreError, refused};

use super::Shared;
use super::session::Session;

/// Handles the requests about the duty log.
pub fn handle(shared: &Shared, s: &Session, req: DutyReq) -> Outcome {
    let act = req.act();
    match req {
        DutyReq::Log { text } => s.reply(duty_log(shared, s, &act, &text)),
        DutyReq::List { date, page } => {
            s.read(duty_list(shared, date, &page).map(Response::DutyEntries))
        }
    }
}

/// The leader on duty today (after swaps) or the director writes the duty log.
fn duty_log(shared: &Shared, s: &Session, act: &str, text: &str) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared.store.execute(&s.who(), now, act, vec![], |txn| {
        let book = pending::leave_book(
            &txn.open_table(LEAVE_BY_END)?,
            &txn.open_table(LEAVE.table)?,
            super::today::day_start(now),
            None,
            &shared.calendar,
        )?;
        let duty = book.duty_leaders(&shared.centre, now.date());
        let act = Act::write_duty_log(now.date(), &s.staff, &duty);
        allow(&shared.centre, &s.staff, act).map_err(refused)?;
        if text.trim().is_empty() {
            return Err(refused(Refusal::EmptyDutyEntry));
        }
        let entry = DutyEntry {
            date: now.date(),
            at: now,
            leader: s.staff.code.clone(),
            text: text.trim().to_string(),
        };
        let id = DUTY_LOG.insert(txn, &entry)?;
        txn.open_table(DUTY_BY_DAY)?
            .insert(pending::duty_key(entry.date, id).as_str(), id)?;
        let fact = Fact::new(
            vec![Target::Duty { id }],
            Data::Duty {
                entry: id,
                leader: entry.leader.clone(),
            },
        );
        Ok((Response::DutyEntry(Box::new(entry)), fact))
    })
}

/// A page of a day's duty log, through the index by day.
fn duty_list(
    shared: &Shared,
    date: Option<NaiveDate>,
    page: &PageRequest,
) -> Result<Page<DutyEntry>, StoreError> {
    let day = date.unwrap_or_else(|| shared.clock.now().date());
    let txn = shared.store.read()?;
    let after = page.after.as_deref().and_then(|a| a.parse().ok());
    let ids = pending::duty_of(&txn.open_table(DUTY_BY_DAY)?, day, after)?;
    let mut fill = PageFill::new(page);
    for (id, e) in DUTY_LOG.some::<DutyEntry>(&DUTY_LOG.open_read(&txn)?, ids)? {
        if !fill.push(e, id.to_string()) {
            break;
        }
    }
    Ok(fill.page())
}
