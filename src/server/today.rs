//! The day at the centre, for the Today pane: workday or rest, who serves each window now (A,
//! B covering, or the both-away alarm), leaders on duty after swaps, cleaning, leave, counts.

use chrono::{NaiveDate, NaiveDateTime};
use redb::ReadTransaction;

use crate::domain::leave::LeaveBook;
use crate::domain::posts::{Serving, hall_posts};
use crate::domain::queue::{Ticket, TicketStatus};
use crate::protocol::{DayCounts, PostView, ServingView, TodayView};
use crate::store::StoreError;
use crate::store::pending::{self, LEAVE_BY_END};
use crate::store::records::LEAVE;

use super::Shared;

/// The leave that matters from the start of `now`'s day on: every request whose time ends after
/// it, read through the index by end, never the whole book; with the cover assigned from then. Who serves, who is on duty after
/// swaps, and every A/B check of a new request look no further back.
pub fn leave_book(
    shared: &Shared,
    txn: &ReadTransaction,
    now: NaiveDateTime,
) -> Result<LeaveBook, StoreError> {
    let book = pending::leave_book(
        &txn.open_table(LEAVE_BY_END)?,
        &LEAVE.open_read(txn)?,
        day_start(now),
        None,
        &shared.calendar,
    )?;
    let covers = pending::covers_after(
        &txn.open_table(pending::COVER_BY_END)?,
        &crate::store::records::COVERS.open_read(txn)?,
        day_start(now),
    )?;
    Ok(book.with_covers(covers))
}

/// The start of `now`'s day.
pub fn day_start(now: NaiveDateTime) -> NaiveDateTime {
    now.date().and_hms_opt(0, 0, 0).unwrap_or(now)
}

/// The day's counts: today's tickets from what the caller has already read, today's intakes
/// from the day's counter, the open and overdue cases from their index.
pub fn counts(
    txn: &ReadTransaction,
    date: NaiveDate,
    day_tickets: &[Ticket],
) -> Result<DayCounts, StoreError> {
    let mut counts = DayCounts {
        tickets: day_tickets.len(),
        ..DayCounts::default()
    };
    for t in day_tickets {
        match t.status {
            TicketStatus::Waiting => counts.waiting += 1,
            TicketStatus::Called { .. } | TicketStatus::Done { .. } => counts.served += 1,
            TicketStatus::NoShow { .. } => counts.no_shows += 1,
        }
    }
    let counters = txn.open_table(crate::store::COUNTERS)?;
    counts.cases_opened = crate::store::cases::opened_on(&counters, date)? as usize;
    counts.open_cases = crate::store::cases::open_count(&counters)?;
    let index = txn.open_table(crate::store::index::INDEX)?;
    counts.overdue = crate::store::cases::overdue_count(&index, date)?;
    Ok(counts)
}

/// The day, counting today's tickets from what the caller has already read and the open cases
/// through their index.
pub fn today(shared: &Shared, day_tickets: &[Ticket]) -> Result<TodayView, StoreError> {
    let now = shared.clock.now();
    let date = now.date();
    let txn = shared.store.read()?;
    let book = leave_book(shared, &txn, now)?;
    let day = shared.calendar.day(date);
    let centre = &shared.centre;
    let cleaning = if day.working {
        centre
            .cleaners(chrono::Datelike::weekday(&date))
            .iter()
            .map(|s| s.name.clone())
            .collect()
    } else {
        Vec::new()
    };
    let posts = hall_posts(centre, &book, now)
        .into_iter()
        .map(|(w, serving)| PostView {
            window: w.name.clone(),
            prefix: w.prefix,
            a: centre.name_of(&w.a).to_string(),
            b: centre.name_of(&w.b).to_string(),
            waiting: day_tickets
                .iter()
                .filter(|t| t.window == w.name && t.status == TicketStatus::Waiting)
                .count() as u32,
            serving: match serving {
                Serving::A(_) => ServingView::A,
                Serving::BCovering { .. } => ServingView::BCovering,
                Serving::BothAway(alarm) => ServingView::BothAway {
                    notify: alarm.notify.iter().map(|s| s.name.clone()).collect(),
                },
                Serving::OffHours { .. } => ServingView::OffHours,
                Serving::Covered { cover, until, .. } => ServingView::Covered {
                    cover: cover.name.clone(),
                    until,
                },
            },
        })
        .collect();
    let day_start = date.and_hms_opt(0, 0, 0).unwrap_or(now);
    let day_end = day_start + chrono::TimeDelta::days(1);
    let away = book
        .requests()
        .iter()
        .filter_map(|r| Some((r, r.approved_span()?)))
        .filter(|(_, (from, to))| *from < day_end && *to > day_start)
        .map(|(r, (from, to))| {
            let kind = r.kind.chinese();
            (
                centre.name_of(&r.staff).to_string(),
                kind.to_string(),
                from,
                to,
            )
        })
        .collect();
    let counts = counts(&txn, date, day_tickets)?;
    Ok(TodayView {
        centre: centre.name.clone(),
        hours: Some(centre.hours.clone()),
        now,
        workday: day.working,
        day_name: day.special.map(|s| s.name.clone()),
        provisional: day.provisional,
        duty: book
            .duty_leaders(centre, date)
            .iter()
            .map(|s| s.name.clone())
            .collect(),
        swaps: book
            .swaps_on(centre, date)
            .into_iter()
            .map(|(from, to)| (from.name.clone(), to.name.clone()))
            .collect(),
        cleaning,
        posts,
        away,
        counts,
    })
}
