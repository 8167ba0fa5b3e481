//! Ratings through the server (好差评, RULES §11): recorded against a completed case's window
//! and the staff member who served it (never by them), each 差评 opening its rectification due
//! in working days; answered, appealed by the one rated and decided by the director, a refused
//! appeal proposing a violation in the same transaction. Each act is one store transaction with
//! its audit event; lists read the index by staff member or among the 差评.

use chrono::NaiveDate;

use crate::domain::permission::{Act, allow};
use crate::domain::rating::{Level, Rating, RatingChannel, RatingRecord, Rectification, Served};
use crate::protocol::page::PageFill;
use crate::protocol::{Outcome, Page, PageRequest, RatingReq, Response};
use crate::refusal::Refusal;
use crate::store::audit::{Data, Target};
use crate::store::index::INDEX;
use crate::store::ratings;
use crate::store::records::RATINGS;
use crate::store::{CmdError, Fact, StoreError, refused, violations};

use super::Shared;
use super::session::{Session, refuse_unless};

/// Handles the requests of ratings and their rectifications.
pub fn handle(shared: &Shared, s: &Session, req: RatingReq) -> Outcome {
    let act = req.act();
    let me = s.staff.code.clone();
    match req {
        RatingReq::Record {
            case,
            level,
            channel,
            reason,
        } => s.reply(record(shared, s, &act, case, level, channel, reason)),
        RatingReq::List { staff, bad, page } => {
            let all = allow(&shared.centre, &s.staff, Act::ReadRatings { own: false }).is_ok();
            let staff = match staff.map(|c| c.trim().to_owned()) {
                Some(code) => Some(code),
                // Those who may not list everyone's list their own.
                None if !all => Some(me.clone()),
                None => None,
            };
            let own = staff.as_deref() == Some(me.as_str());
            if let Err(refusal) = refuse_unless(shared, s, &act, Act::ReadRatings { own }) {
                return *refusal;
            }
            s.read(list(shared, staff.as_deref(), bad, &page).map(Response::Ratings))
        }
        RatingReq::Answer {
            id,
            checked,
            rectified,
            reply,
        } => s.reply(change(shared, s, &act, id, |rec, r, on| {
            let business_leader = shared
                .centre
                .window(&rec.rating.window)
                .is_some_and(|w| w.business_leader == me);
            let asked = Act::AnswerRectification {
                rated: r.staff == me,
                business_leader,
            };
            allow(&shared.centre, &s.staff, asked).map_err(refused)?;
            r.record_answer(&me, on, &checked, &rectified, &reply)
                .map_err(refused)
        })),
        RatingReq::Appeal { id, reason } => s.reply(change(shared, s, &act, id, |_, r, on| {
            let asked = Act::AppealRating {
                rated: r.staff == me,
            };
            allow(&shared.centre, &s.staff, asked).map_err(refused)?;
            r.appeal(&me, on, &reason).map_err(refused)
        })),
        RatingReq::Decide {
            id,
            upheld,
            refused: refused_flag,
            reason,
        } => {
            if upheld == refused_flag {
                return super::session::refuse_recorded(
                    shared,
                    s,
                    &act,
                    Refusal::AppealDecisionUnclear,
                );
            }
            s.reply(change(shared, s, &act, id, |_, r, on| {
                allow(&shared.centre, &s.staff, Act::DecideAppeal).map_err(refused)?;
                r.decide_appeal(&me, on, upheld, &reason).map_err(refused)
            }))
        }
    }
}

fn record(
    shared: &Shared,
    s: &Session,
    act: &str,
    case: u64,
    level: Level,
    channel: RatingChannel,
    reason: Option<String>,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, act, vec![Target::Case { id: case }], |txn| {
            let found = crate::store::cases::get(txn, case)?
                .ok_or_else(|| refused(Refusal::NoCase { id: case }))?;
            let served = Served::of_case(case, &found).map_err(refused)?;
            let asked = Act::RecordRating {
                served: served.staff == s.staff.code,
            };
            allow(&shared.centre, &s.staff, asked).map_err(refused)?;
            let rating = Rating::new(
                &served,
                level,
                reason.as_deref(),
                channel,
                &s.staff.code,
                now,
            )
            .map_err(refused)?;
            let (id, record) = file(shared, txn, rating)?;
            let fact = Fact::new(vec![Target::Rating { id }], fact(id, &record, None));
            Ok((rated(id, record, None), fact))
        })
}

/// Files a new rating with the rectification it opens (a 差评's, due the centre's
/// `rectification_days` working days after the day rated).
pub(super) fn file(
    shared: &Shared,
    txn: &redb::WriteTransaction,
    rating: Rating,
) -> Result<(u64, RatingRecord), CmdError> {
    let days = shared.centre.settings.rectification_days;
    // Numbered as its rating once the rating has its number.
    let rectification = Rectification::open(0, &rating, &shared.calendar, days).map_err(refused)?;
    let mut record = RatingRecord {
        rating,
        rectification,
    };
    let id = ratings::insert(txn, &mut record)?;
    Ok((id, record))
}

/// Answers, appeals or decides the rectification of rating `id` with `f`, which checks the
/// caller's permission first; a 差评 upheld on review proposes its violation.
fn change(
    shared: &Shared,
    s: &Session,
    act: &str,
    id: u64,
    f: impl FnOnce(&RatingRecord, &mut Rectification, NaiveDate) -> Result<(), CmdError>,
) -> Result<Response, CmdError> {
    let now = shared.clock.now();
    shared
        .store
        .execute(&s.who(), now, act, vec![Target::Rating { id }], |txn| {
            let before: RatingRecord = RATINGS
                .get(txn, id)?
                .ok_or_else(|| refused(Refusal::NoRating { id }))?;
            let mut record = before.clone();
            let Some(r) = record.rectification.as_mut() else {
                return Err(refused(Refusal::NoRectification {
                    id,
                    level: before.rating.level.number(),
                }));
            };
            f(&before, r, now.date())?;
            let proposed = r.proposed_violation(&record.rating);
            let violation = match (&proposed, before.rectification.as_ref()) {
                // Only the decision that upholds it proposes, once.
                (Some(v), Some(was)) if !was.upheld_on_review() => violations::propose(txn, v)?,
                _ => None,
            };
            ratings::save(txn, id, &before, &record)?;
            let targets = vec![Target::Case {
                id: record.rating.case,
            }];
            let fact = Fact::new(targets, fact(id, &record, violation));
            Ok((rated(id, record, violation), fact))
        })
}

fn rated(id: u64, record: RatingRecord, violation: Option<u64>) -> Response {
    Response::Rating {
        id,
        record: Box::new(record),
        violation,
    }
}

/// Rating `id` as an act left it, for the audit trail.
pub(super) fn fact(id: u64, record: &RatingRecord, violation: Option<u64>) -> Data {
    let r = &record.rating;
    Data::Rating {
        rating: id,
        case: r.case,
        window: r.window.clone(),
        staff: r.staff.clone(),
        level: r.level.number(),
        channel: r.channel.key().to_string(),
        entered_by: r.entered_by.clone(),
        state: record.state(),
        due: record.rectification.as_ref().map(|r| r.due),
        violation,
    }
}

/// Ratings by number; of one staff member, or only the 差评, through the index.
fn list(
    shared: &Shared,
    staff: Option<&str>,
    bad: bool,
    page: &PageRequest,
) -> Result<Page<(u64, RatingRecord)>, StoreError> {
    let txn = shared.store.read()?;
    let table = RATINGS.open_read(&txn)?;
    let mut fill = PageFill::new(page);
    let prefix = match staff {
        Some(code) => ratings::of_staff(code),
        None if bad => ratings::bad(),
        None => {
            let after = page.after.as_deref().and_then(|a| a.parse().ok());
            RATINGS.scan(&txn, after, |id, r: RatingRecord| {
                fill.push((id, r), id.to_string())
            })?;
            return Ok(fill.page());
        }
    };
    let index = txn.open_table(INDEX)?;
    ratings::each_under(
        &index,
        &prefix,
        page.after.as_deref(),
        |key, id| match RATINGS.some::<RatingRecord>(&table, [id])?.pop() {
            Some((id, r)) if !bad || r.rating.level.is_bad() => Ok(fill.push((id, r), key)),
            _ => {
                fill.pass(key);
                Ok(true)
            }
        },
    )?;
    Ok(fill.page())
}
