//! Return visits through the server (回访, RULES §11): each month's sample drawn once from the
//! cases completed that month (read from the index of completed cases by day, not from every
//! case), with a seed taken from the server's clock and recorded, so the sample can be drawn
//! again by anyone and drawing again returns it unchanged; each call's result recorded on its
//! visit and as a rating through the visit channel, in one transaction.

use crate::domain::permission::{Act, allow};
use crate::domain::rating::{Level, Served};
use crate::domain::visit::{
    Month, MonthDraw, VisitDraw, completed_in, month_key, month_of, month_text, seed,
};
use crate::protocol::{Outcome, Response, VisitReq};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::index::INDEX;
use crate::store::records::VISIT_DRAWS;
use crate::store::{CmdError, Fact, StoreError, ratings, refused};

use super::Shared;
use super::session::{Session, refuse_unless};

/// Handles the requests of return visits.
pub fn handle(shared: &Shared, s: &Session, req: VisitReq) -> Outcome {
    let act = req.act();
    match req {
        VisitReq::Draw { month } => {
            if let Err(refusal) = refuse_unless(shared, s, &act, Act::DrawVisits) {
                return *refusal;
            }
            s.reply(draw(shared, s, &act, month))
        }
        VisitReq::Record { case, level, note } => {
            s.reply(record(shared, s, &act, case, level, note.as_deref()))
        }
        VisitReq::List { month } => {
            if let Err(refusal) = refuse_unless(shared, s, &act, Act::DrawVisits) {
                return *refusal;
            }
            s.read(list(shared, month).map(Response::VisitDraws))
        }
    }
}

fn draw(shared: &Shared, s: &Session, act: &str, month: Month) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    let target = Target::Visit {
        month: month_text(month),
    };
    shared
        .store
        .execute(&s.who(), now, act, vec![target], |txn| {
            if let Some(kept) = ratings::draw_of(txn, month)? {
                let fact = Fact::new(vec![], draw_fact(&kept, true));
                return Ok((Response::VisitDraw(Box::new(kept)), fact));
            }
            if month > month_of(now.date()) {
                return Err(refused(Refusal::FutureDraw {
                    month: month_text(month),
                    today: now.date(),
                }));
            }
            let completed = crate::store::cases::completed_in(&txn.open_table(INDEX)?, month)?;
            let candidates = completed_in(month, &completed);
            if candidates.is_empty() {
                return Err(refused(Refusal::NothingToDraw {
                    month: month_text(month),
                }));
            }
            let size = shared.centre.settings.return_visits_per_month as usize;
            // No one picks the seed: the clock's moment, to the nanosecond, and the month.
            let moment = now.and_utc().timestamp_nanos_opt().unwrap_or_default() as u64;
            let drawn =
                VisitDraw::new(month, &candidates, size, seed(month, moment)).map_err(refused)?;
            let kept = MonthDraw::new(drawn, candidates.len(), &s.staff.code, now);
            ratings::save_draw(txn, &kept)?;
            let fact = Fact::new(vec![], draw_fact(&kept, false));
            Ok((Response::VisitDraw(Box::new(kept)), fact))
        })
}

fn draw_fact(kept: &MonthDraw, again: bool) -> Data {
    Data::VisitDraw {
        month: month_text(kept.draw.month),
        seed: kept.draw.seed,
        size: kept.draw.size,
        candidates: kept.candidates,
        cases: kept.draw.cases.clone(),
        again,
    }
}

fn record(
    shared: &Shared,
    s: &Session,
    act: &str,
    case: u64,
    level: Level,
    note: Option<&str>,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, act, vec![Target::Case { id: case }], |txn| {
            let not_drawn = || refused(Refusal::NotDrawn { case });
            let month = ratings::drawn_in(txn, case)?.ok_or_else(not_drawn)?;
            let mut kept = ratings::draw_of(txn, month)?.ok_or_else(not_drawn)?;
            let found = crate::store::cases::get(txn, case)?
                .ok_or_else(|| refused(Refusal::NoCase { id: case }))?;
            let served = Served::of_case(case, &found).map_err(refused)?;
            let asked = Act::RecordVisit {
                served: served.staff == s.staff.code,
            };
            allow(&shared.centre, &s.staff, asked).map_err(refused)?;
            let visit = kept.visit_mut(case).ok_or_else(not_drawn)?;
            visit
                .record(level, note.unwrap_or(""), &s.staff.code, now)
                .map_err(refused)?;
            let rating = visit.rating(&served).map_err(refused)?;
            let (id, record) = super::ratings::file(shared, txn, rating)?;
            ratings::save_draw(txn, &kept)?;
            let targets = vec![
                Target::Rating { id },
                Target::Visit {
                    month: month_text(month),
                },
            ];
            let data = Data::Visit {
                case,
                month: month_text(month),
                level: level.number(),
                rating: id,
            };
            Ok((
                Response::Rating {
                    id,
                    record: Box::new(record),
                    violation: None,
                },
                Fact::new(targets, data),
            ))
        })
}

/// The draws of one month, or of every month, by month.
fn list(shared: &Shared, month: Option<Month>) -> Result<Vec<MonthDraw>, StoreError> {
    let txn = shared.store.read()?;
    if let Some(m) = month {
        let table = VISIT_DRAWS.open_read(&txn)?;
        let found = VISIT_DRAWS.some::<MonthDraw>(&table, [month_key(m)])?;
        return Ok(found.into_iter().map(|(_, d)| d).collect());
    }
    let mut out = Vec::new();
    VISIT_DRAWS.scan(&txn, None, |_, d: MonthDraw| {
        out.push(d);
        true
    })?;
    Ok(out)
}
