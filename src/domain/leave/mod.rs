//! Leave and short absences (请销假, RULES §6, seed 000 三(五)) and the duty leader's leave
//! (000 三(三)4).
//!
//! Leave is asked in writing, approved by the director or the leader on duty, and cancelled on
//! return (销假). The A and B of one window are never away together, and a leader away on a duty
//! day must first swap the duty with another leader, report it to the head and hand it over.
//!
//! Absence without approved leave is absenteeism (旷工). This book does not model it: someone
//! missing from their post at an instant for which [`LeaveBook::away_at`] finds nothing is
//! absent without leave, and the attendance rules (§10) count that.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

mod cover;
mod duty;
mod error;

pub use cover::Cover;
pub use error::{LeaveError, SwapStep};

use super::calendar::Calendar;
use super::centre::{Centre, Window};
use super::opening;

/// 请假 or 外出 — both need approval and both leave the post empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceKind {
    /// 请假 — leave of a day or more, or part of one.
    Leave,
    /// 外出 — a short absence during working hours (its whereabouts are public, 002).
    Out,
}

impl AbsenceKind {
    pub fn chinese(self) -> &'static str {
        match self {
            AbsenceKind::Leave => "请假",
            AbsenceKind::Out => "外出",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum LeaveStatus {
    /// Written and waiting for the director or the duty leader.
    Requested,
    Approved {
        by: String,
        at: NaiveDateTime,
    },
    Refused {
        by: String,
        at: NaiveDateTime,
        reason: String,
    },
    /// 销假 — back at `at`; the absence ends then, even before the leave's end.
    Returned {
        approved_by: String,
        at: NaiveDateTime,
    },
    /// Taken back by the requester before anyone decided on it.
    Withdrawn {
        at: NaiveDateTime,
    },
}

/// A leader's duty day given to another leader (调剂值班, 000 三(三)4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutySwap {
    pub date: NaiveDate,
    /// Staff code of the leader (or director) who keeps the duty that day.
    pub covering_leader: String,
    /// Reported to the head of the street (报告主要领导).
    pub reported_to_head: bool,
    /// The duty and its log handed over (做好值班交接).
    pub handed_over: bool,
}

/// One written request for leave (请假条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveRequest {
    pub id: u64,
    /// Staff code of the person asking.
    pub staff: String,
    pub kind: AbsenceKind,
    /// The absence is `from <= t < to`.
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub reason: String,
    pub requested_at: NaiveDateTime,
    pub status: LeaveStatus,
    pub swaps: Vec<DutySwap>,
    /// Urgent leave (急事、突发疾病) recorded by the director or the leader on duty and approved
    /// as it is recorded: an emergency, so the A/B rule does not refuse it (000 三(四)4 has
    /// the window's cover assigned instead).
    #[serde(default)]
    pub urgent: bool,
}

type Span = (NaiveDateTime, NaiveDateTime);

fn overlaps(x: Span, y: Span) -> bool {
    x.0 < y.1 && y.0 < x.1
}

/// The whole calendar day as a span, so "touches that day" is an overlap test.
fn day_span(date: NaiveDate) -> Span {
    let start = date.and_time(NaiveTime::MIN);
    let end = date
        .checked_add_days(Days::new(1))
        .map_or(NaiveDateTime::MAX, |d| d.and_time(NaiveTime::MIN));
    (start, end)
}

impl LeaveRequest {
    /// Waiting or approved: the request still claims its time.
    pub fn is_live(&self) -> bool {
        matches!(
            self.status,
            LeaveStatus::Requested | LeaveStatus::Approved { .. }
        )
    }

    /// When the person is (or was) away with approval: the asked period, cut short by 销假.
    pub fn approved_span(&self) -> Option<(NaiveDateTime, NaiveDateTime)> {
        match &self.status {
            LeaveStatus::Approved { .. } => Some((self.from, self.to)),
            LeaveStatus::Returned { at, .. } => Some((self.from, (*at).min(self.to))),
            _ => None,
        }
    }

    /// The time this request keeps others from taking: its approved span, or the whole
    /// asked period while it waits. A returned request keeps the part that was really taken,
    /// so no one can later be approved into the past beside it.
    pub fn claimed_span(&self) -> Option<(NaiveDateTime, NaiveDateTime)> {
        match self.status {
            LeaveStatus::Requested => Some((self.from, self.to)),
            _ => self.approved_span(),
        }
    }

    pub fn swap_for(&self, date: NaiveDate) -> Option<&DutySwap> {
        self.swaps.iter().find(|s| s.date == date)
    }
}

/// What a person writes on a leave slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLeave {
    pub staff: String,
    pub kind: AbsenceKind,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub reason: String,
    /// Needed for each of a leader's duty days the absence touches.
    pub swaps: Vec<DutySwap>,
}

/// Which of a request's times count against others: [`LeaveRequest::claimed_span`] when
/// asking, [`LeaveRequest::approved_span`] when approving (waiting requests may yet be refused).
type Against = fn(&LeaveRequest) -> Option<Span>;

/// The A/B clash found first: the window, the earliest date both would be away, and the other
/// request.
struct Clash<'c> {
    window: &'c Window,
    partner: &'c str,
    date: NaiveDate,
    other: u64,
}

/// Every request of the centre (请假条), in the order written, with the working-day calendar
/// that says when the A and B posts bind (the centre's hours on its working days,
/// [`super::opening`]).
#[derive(Debug, Clone)]
pub struct LeaveBook {
    requests: Vec<LeaveRequest>,
    next_id: u64,
    calendar: Calendar,
    /// The cover assigned to windows whose posts are both away (顶岗), of the same span of time.
    covers: Vec<Cover>,
}

impl LeaveBook {
    /// An empty book, the posts binding on the working days of `calendar`.
    pub fn new(calendar: Calendar) -> Self {
        LeaveBook {
            requests: Vec::new(),
            next_id: 0,
            calendar,
            covers: Vec::new(),
        }
    }

    /// A book of stored requests; new ids continue after the highest one.
    pub fn from_requests(requests: Vec<LeaveRequest>, calendar: Calendar) -> Self {
        let next_id = requests.iter().map(|r| r.id).max().unwrap_or(0);
        LeaveBook {
            requests,
            next_id,
            calendar,
            covers: Vec::new(),
        }
    }

    /// The part of the book that matters for a span of time, read from a store whose highest
    /// id is `last_id`: new ids continue after it, not after the highest one read.
    pub fn from_part(requests: Vec<LeaveRequest>, last_id: u64, calendar: Calendar) -> Self {
        let next_id = requests
            .iter()
            .map(|r| r.id)
            .max()
            .unwrap_or(0)
            .max(last_id);
        LeaveBook {
            requests,
            next_id,
            calendar,
            covers: Vec::new(),
        }
    }

    /// The working-day calendar the book's A/B rule is counted on.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Whether the windows of `centre` are open at `at`, so that their posts bind.
    pub fn is_open(&self, centre: &Centre, at: NaiveDateTime) -> bool {
        opening::is_open(&self.calendar, &centre.hours, at)
    }

    pub fn requests(&self) -> &[LeaveRequest] {
        &self.requests
    }

    pub fn get(&self, id: u64) -> Option<&LeaveRequest> {
        self.requests.iter().find(|r| r.id == id)
    }

    /// Writes a leave request (请假条) and returns its id. Refused when it is unreadable
    /// (unknown person, empty period, no reason), overlaps the person's own leave, would leave
    /// a window with neither post, or takes a leader off a duty day without a full swap.
    pub fn request(
        &mut self,
        centre: &Centre,
        leave: NewLeave,
        now: NaiveDateTime,
    ) -> Result<u64, LeaveError> {
        self.write(centre, leave, now, None)
    }

    /// Records urgent leave (a sudden illness, an emergency) for someone else, approved by
    /// `recorder` as it is written: the director or the leader on duty, whom the gate has let
    /// through. It may leave a window with neither post — the alarm goes out and cover is
    /// assigned (000 三(四)4) — but is otherwise the leave of [`LeaveBook::request`]: a reason,
    /// a real period, no overlap with the person's own leave, and a leader's duty days swapped.
    pub fn record_urgent(
        &mut self,
        centre: &Centre,
        leave: NewLeave,
        recorder: &str,
        now: NaiveDateTime,
    ) -> Result<u64, LeaveError> {
        let by = centre
            .staff(recorder)
            .ok_or_else(|| LeaveError::UnknownStaff {
                code: recorder.to_owned(),
            })?;
        if leave.staff == recorder {
            return Err(LeaveError::OwnUrgentLeave {
                name: by.name.clone(),
            });
        }
        self.write(centre, leave, now, Some(recorder))
    }

    /// Writes a request; `urgent_by` the one who records it as urgent, approved at once.
    fn write(
        &mut self,
        centre: &Centre,
        leave: NewLeave,
        now: NaiveDateTime,
        urgent_by: Option<&str>,
    ) -> Result<u64, LeaveError> {
        let person = centre
            .staff(&leave.staff)
            .ok_or_else(|| LeaveError::UnknownStaff {
                code: leave.staff.clone(),
            })?;
        let name = person.name.clone();
        if leave.from >= leave.to {
            return Err(LeaveError::EmptyPeriod {
                name,
                from: leave.from,
                to: leave.to,
            });
        }
        if leave.reason.trim().is_empty() {
            return Err(LeaveError::NoReason { name });
        }
        let span = (leave.from, leave.to);
        if let Some(other) = self
            .requests
            .iter()
            .find(|r| r.staff == leave.staff && r.claimed_span().is_some_and(|s| overlaps(s, span)))
        {
            return Err(LeaveError::Overlaps {
                name,
                other: other.id,
                other_from: other.from,
                other_to: other.to,
            });
        }
        if urgent_by.is_none()
            && let Some(c) =
                self.window_clash(centre, &person.code, span, LeaveRequest::claimed_span)
        {
            return Err(LeaveError::BothPostsAway {
                window: c.window.name.clone(),
                a: centre.name_of(&c.window.a).to_owned(),
                b: centre.name_of(&c.window.b).to_owned(),
                partner: centre.name_of(c.partner).to_owned(),
                date: c.date,
                other: c.other,
            });
        }
        self.check_duty_days(
            centre,
            person,
            span,
            &leave.swaps,
            LeaveRequest::claimed_span,
        )?;

        self.next_id += 1;
        let id = self.next_id;
        self.requests.push(LeaveRequest {
            id,
            staff: leave.staff,
            kind: leave.kind,
            from: leave.from,
            to: leave.to,
            reason: leave.reason,
            requested_at: now,
            status: match urgent_by {
                Some(by) => LeaveStatus::Approved {
                    by: by.to_owned(),
                    at: now,
                },
                None => LeaveStatus::Requested,
            },
            swaps: leave.swaps,
            urgent: urgent_by.is_some(),
        });
        Ok(id)
    }

    /// Approves a waiting request. The A/B rule and the duty swap are checked again against
    /// what is approved now, since the roster or other approvals may have changed since.
    pub fn approve(
        &mut self,
        centre: &Centre,
        id: u64,
        approver: &str,
        now: NaiveDateTime,
    ) -> Result<(), LeaveError> {
        let r = self.decidable(centre, id, approver)?;
        let span = (r.from, r.to);
        if let Some(c) = self.window_clash(centre, &r.staff, span, LeaveRequest::approved_span) {
            return Err(LeaveError::ApprovalWouldEmptyWindow {
                window: c.window.name.clone(),
                a: centre.name_of(&c.window.a).to_owned(),
                b: centre.name_of(&c.window.b).to_owned(),
                date: c.date,
                other: c.other,
            });
        }
        let person = centre
            .staff(&r.staff)
            .ok_or_else(|| LeaveError::UnknownStaff {
                code: r.staff.clone(),
            })?;
        self.check_duty_days(centre, person, span, &r.swaps, LeaveRequest::approved_span)?;
        self.set_status(
            id,
            LeaveStatus::Approved {
                by: approver.to_owned(),
                at: now,
            },
        );
        Ok(())
    }

    /// Refuses a waiting request, with the reason told to the person.
    pub fn refuse(
        &mut self,
        centre: &Centre,
        id: u64,
        by: &str,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<(), LeaveError> {
        self.decidable(centre, id, by)?;
        if reason.trim().is_empty() {
            return Err(LeaveError::NoRefusalReason { id });
        }
        self.set_status(
            id,
            LeaveStatus::Refused {
                by: by.to_owned(),
                at: now,
                reason: reason.to_owned(),
            },
        );
        Ok(())
    }

    /// The requester takes back a request no one has decided on yet.
    pub fn withdraw(&mut self, id: u64, by: &str, now: NaiveDateTime) -> Result<(), LeaveError> {
        let r = self.get(id).ok_or(LeaveError::UnknownRequest { id })?;
        if r.staff != by {
            return Err(LeaveError::NotRequester { id });
        }
        if r.status != LeaveStatus::Requested {
            return Err(LeaveError::NotWaiting {
                id,
                status: r.status.clone(),
            });
        }
        self.set_status(id, LeaveStatus::Withdrawn { at: now });
        Ok(())
    }

    /// 销假 — the person is back at `at`; the absence ends then, even before the leave's end.
    /// A return after the end is recorded as it happened; the time between is absence without
    /// leave (旷工), which the attendance rules count.
    pub fn return_from_leave(&mut self, id: u64, at: NaiveDateTime) -> Result<(), LeaveError> {
        let r = self.get(id).ok_or(LeaveError::UnknownRequest { id })?;
        let LeaveStatus::Approved { by, .. } = &r.status else {
            return Err(LeaveError::NotApproved {
                id,
                status: r.status.clone(),
            });
        };
        if at < r.from {
            return Err(LeaveError::ReturnBeforeStart {
                id,
                from: r.from,
                at,
            });
        }
        let approved_by = by.clone();
        self.set_status(id, LeaveStatus::Returned { approved_by, at });
        Ok(())
    }

    /// The approved absence of `staff` at `at`, if any. Someone absent at a time with none is
    /// absent without leave (旷工).
    pub fn away_at(&self, staff: &str, at: NaiveDateTime) -> Option<&LeaveRequest> {
        self.requests.iter().find(|r| {
            r.staff == staff
                && r.approved_span()
                    .is_some_and(|(from, to)| from <= at && at < to)
        })
    }

    /// Approved leave whose end has passed with no 销假: the director chases these.
    pub fn unreturned(&self, now: NaiveDateTime) -> Vec<&LeaveRequest> {
        self.requests
            .iter()
            .filter(|r| matches!(r.status, LeaveStatus::Approved { .. }) && r.to <= now)
            .collect()
    }

    /// Approved leave overlapping the Monday-to-Sunday week of `monday` (any day of it is
    /// taken to mean its week), by start, for the director's weekly report (000 三(五)4). Leave cut
    /// short by 销假 counts for the time really taken.
    pub fn approved_in_week(&self, monday: NaiveDate) -> Vec<&LeaveRequest> {
        let back = u64::from(monday.weekday().num_days_from_monday());
        let start = monday.checked_sub_days(Days::new(back)).unwrap_or(monday);
        let week = (
            start.and_time(NaiveTime::MIN),
            start
                .checked_add_days(Days::new(7))
                .map_or(NaiveDateTime::MAX, |d| d.and_time(NaiveTime::MIN)),
        );
        let mut out: Vec<&LeaveRequest> = self
            .requests
            .iter()
            .filter(|r| r.approved_span().is_some_and(|s| overlaps(s, week)))
            .collect();
        out.sort_by_key(|r| (r.from, r.id));
        out
    }

    /// The waiting request `id`, once `who` is shown to be allowed to decide it on `now`'s date.
    fn decidable(&self, centre: &Centre, id: u64, who: &str) -> Result<&LeaveRequest, LeaveError> {
        let r = self.get(id).ok_or(LeaveError::UnknownRequest { id })?;
        let decider = centre.staff(who).ok_or_else(|| LeaveError::UnknownStaff {
            code: who.to_owned(),
        })?;
        if r.staff == who {
            return Err(LeaveError::OwnLeave {
                name: decider.name.clone(),
                id,
            });
        }
        if r.status != LeaveStatus::Requested {
            return Err(LeaveError::NotWaiting {
                id,
                status: r.status.clone(),
            });
        }
        Ok(r)
    }

    fn set_status(&mut self, id: u64, status: LeaveStatus) {
        if let Some(r) = self.requests.iter_mut().find(|r| r.id == id) {
            r.status = status;
        }
    }

    /// The earliest date on which `staff` and the other post of one of their windows would both
    /// be away while the windows are open (the centre's hours on a working day, 000 三(四)1),
    /// counting the other's requests as `against` says.
    fn window_clash<'c>(
        &self,
        centre: &'c Centre,
        staff: &str,
        span: Span,
        against: Against,
    ) -> Option<Clash<'c>> {
        let mut first: Option<Clash<'c>> = None;
        for w in &centre.windows {
            let partner = match (w.a == staff, w.b == staff) {
                (true, false) => w.b.as_str(),
                (false, true) => w.a.as_str(),
                _ => continue,
            };
            for r in self.requests.iter().filter(|r| r.staff == partner) {
                let Some(theirs) = against(r).filter(|s| overlaps(*s, span)) else {
                    continue;
                };
                let both = (theirs.0.max(span.0), theirs.1.min(span.1));
                let Some(first_open) =
                    opening::first_open_instant(&self.calendar, &centre.hours, both)
                else {
                    continue;
                };
                let date = first_open.date();
                if first.as_ref().is_none_or(|c| date < c.date) {
                    first = Some(Clash {
                        window: w,
                        partner,
                        date,
                        other: r.id,
                    });
                }
            }
        }
        first
    }
}
