//! The clock of a case (限时办结, RULES §4): when it starts, how long it runs, what stops and
//! extends it, and how urgent it is on a given day.
//!
//! A clock counts working days after the day it starts (that day not counted). Extensions and
//! pauses for special procedures add working days; because adding working days composes
//! (`add(add(d, a), b) = add(d, a + b)`, a tested property of the calendar), the deadline is
//! simply the base end moved on by the days added.

use crate::domain::words::Word;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, CalendarError, Reckoned};
use super::centre::DayUnit;

/// The most working days all extensions of one case may add (000 二(三)4).
pub const MAX_EXTENSION_DAYS: u32 = 30;
/// Ceiling for a matter that needs approval from above (000 二(三)4).
pub const REPORT_UP_CEILING_DAYS: u32 = 60;
/// A rejection is decided within this many working days (002 驳回件).
pub const REJECTION_DECISION_DAYS: u32 = 3;
/// A matter that cannot be answered on the spot gets a written reply within 10 days (000 二(三)3).
pub const WRITTEN_REPLY_DAYS: u32 = 10;

/// How long the clock runs once started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "days")]
pub enum Limit {
    /// Done the same day (即办件).
    SameDay,
    /// N working days after the start.
    WorkingDays(u32),
    /// N working days, but never past a ceiling of days after acceptance (上报件: 60).
    Capped { days: u32, ceiling: u32 },
    /// The seed's 10-day written-reply limit, for a same-day item handled as a clocked kind
    /// (000 二(三)3): counted in the centre's unit for its 10- and 60-day limits, working or
    /// calendar days (a calendar end on a rest day moves to the next working day).
    WrittenReply { days: u32 },
}

/// A special procedure that stops the clock (听证, 现场勘查, 专家评审 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialProcedure {
    /// 听证.
    Hearing,
    /// 现场勘查.
    Inspection,
    /// 专家评审.
    ExpertReview,
    /// 检验检测 / 公示 and other periods the law excludes.
    Other,
}

impl SpecialProcedure {
    pub const ALL: [SpecialProcedure; 4] = [
        SpecialProcedure::Hearing,
        SpecialProcedure::Inspection,
        SpecialProcedure::ExpertReview,
        SpecialProcedure::Other,
    ];

    /// The name the command line and the catalogue write (`expert-review`).
    pub fn key(self) -> &'static str {
        match self {
            SpecialProcedure::Hearing => "hearing",
            SpecialProcedure::Inspection => "inspection",
            SpecialProcedure::ExpertReview => "expert-review",
            SpecialProcedure::Other => "other",
        }
    }

    /// Reads a procedure by its key or its Chinese name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.key() == text || p.chinese() == text)
    }

    pub fn chinese(self) -> &'static str {
        match self {
            SpecialProcedure::Hearing => "听证",
            SpecialProcedure::Inspection => "现场勘查",
            SpecialProcedure::ExpertReview => "专家评审",
            SpecialProcedure::Other => "其他特别程序",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub days: u32,
    pub reason: String,
    /// Staff code of the leader or director who approved it (003 二5).
    pub approved_by: String,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub procedure: SpecialProcedure,
    /// The clock stops after this day.
    pub from: NaiveDate,
    /// The clock runs again after this day; `None` while still paused.
    pub until: Option<NaiveDate>,
}

/// The clock of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub limit: Limit,
    /// The unit of the seed's 10- and 60-day limits (a centre setting, RULES §4).
    pub ceiling_unit: DayUnit,
    pub accepted_on: NaiveDate,
    /// The day the clock starts (not counted); `None` while it waits for materials (补办件).
    pub started_on: Option<NaiveDate>,
    pub extensions: Vec<Extension>,
    pub pauses: Vec<Pause>,
}

/// Where a clock stands on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deadline {
    /// Not started: waiting for this many materials (补办件).
    Waiting { materials: usize },
    /// Stopped for a special procedure since `since`.
    Paused {
        since: NaiveDate,
        procedure: SpecialProcedure,
    },
    /// Due by the close of this day.
    Due(Reckoned<NaiveDate>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum ClockError {
    #[error(
        "an extension of {asked} working days would bring the total to {total}, above the {max} allowed \
         ({used} used already); extend by at most {left} (time-limit rule, 000 二(三)4)",
        total = used + asked, max = MAX_EXTENSION_DAYS, left = MAX_EXTENSION_DAYS.saturating_sub(*used)
    )]
    ExtensionCap { asked: u32, used: u32 },
    #[error("an extension needs a reason to tell the applicant (000 二(三)4)")]
    ExtensionWithoutReason,
    #[error("an extension must be at least 1 working day")]
    ZeroExtension,
    #[error("the clock is already paused for {} since {since}; resume it first", procedure.chinese())]
    AlreadyPaused {
        since: NaiveDate,
        procedure: SpecialProcedure,
    },
    #[error("the clock is not paused, so there is nothing to resume")]
    NotPaused,
    #[error("the clock has not started: it waits for materials (补办件), so it cannot be {0}")]
    NotStarted(Word),
    #[error("a same-day case (即办件) has no clock to {0}")]
    SameDay(Word),
    #[error("{what} on {on} is before {earlier}, the day the clock {since}")]
    BeforeItsTime {
        what: Word,
        on: NaiveDate,
        earlier: NaiveDate,
        since: Word,
    },
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl Clock {
    pub fn new(limit: Limit, ceiling_unit: DayUnit, accepted_on: NaiveDate, running: bool) -> Self {
        Clock {
            limit,
            ceiling_unit,
            accepted_on,
            started_on: running.then_some(accepted_on),
            extensions: Vec::new(),
            pauses: Vec::new(),
        }
    }

    pub fn extension_days(&self) -> u32 {
        self.extensions.iter().map(|e| e.days).sum()
    }

    pub fn open_pause(&self) -> Option<&Pause> {
        self.pauses.iter().find(|p| p.until.is_none())
    }

    /// Working days the clock stood still in finished pauses.
    fn paused_days(&self, cal: &Calendar) -> Reckoned<u32> {
        let mut years = std::collections::BTreeSet::new();
        let mut days = 0;
        for p in &self.pauses {
            if let Some(until) = p.until {
                let r = cal.working_days_between(p.from, until);
                years.extend(r.provisional_years);
                days += r.value.max(0) as u32;
            }
        }
        Reckoned {
            value: days,
            provisional_years: years,
        }
    }

    /// Starts a waiting clock on the day its last material arrives (补办件).
    pub fn start(&mut self, on: NaiveDate) {
        if self.started_on.is_none() {
            self.started_on = Some(on.max(self.accepted_on));
        }
    }

    /// Extends the clock; the caller has checked the approver's role.
    pub fn extend(&mut self, ext: Extension) -> Result<(), ClockError> {
        if self.limit == Limit::SameDay {
            return Err(ClockError::SameDay(Word("extend")));
        }
        if self.started_on.is_none() {
            return Err(ClockError::NotStarted(Word("extended")));
        }
        if ext.days == 0 {
            return Err(ClockError::ZeroExtension);
        }
        if ext.reason.trim().is_empty() {
            return Err(ClockError::ExtensionWithoutReason);
        }
        let used = self.extension_days();
        if used + ext.days > MAX_EXTENSION_DAYS {
            return Err(ClockError::ExtensionCap {
                asked: ext.days,
                used,
            });
        }
        self.extensions.push(ext);
        Ok(())
    }

    pub fn pause(&mut self, procedure: SpecialProcedure, on: NaiveDate) -> Result<(), ClockError> {
        if self.limit == Limit::SameDay {
            return Err(ClockError::SameDay(Word("pause")));
        }
        let Some(started) = self.started_on else {
            return Err(ClockError::NotStarted(Word("paused")));
        };
        if let Some(p) = self.open_pause() {
            return Err(ClockError::AlreadyPaused {
                since: p.from,
                procedure: p.procedure,
            });
        }
        if on < started {
            return Err(ClockError::BeforeItsTime {
                what: Word("a pause"),
                on,
                earlier: started,
                since: Word("started"),
            });
        }
        self.pauses.push(Pause {
            procedure,
            from: on,
            until: None,
        });
        Ok(())
    }

    pub fn resume(&mut self, on: NaiveDate) -> Result<(), ClockError> {
        let Some(p) = self.pauses.iter_mut().find(|p| p.until.is_none()) else {
            return Err(ClockError::NotPaused);
        };
        if on < p.from {
            return Err(ClockError::BeforeItsTime {
                what: Word("resuming"),
                on,
                earlier: p.from,
                since: Word("was paused"),
            });
        }
        p.until = Some(on);
        Ok(())
    }

    /// `days` after `from` in the centre's unit for the seed's 10- and 60-day limits; a
    /// calendar-day end on a rest day moves to the next working day (RULES §4).
    fn ceiling_end(
        &self,
        cal: &Calendar,
        from: NaiveDate,
        days: u32,
    ) -> Result<Reckoned<NaiveDate>, ClockError> {
        Ok(match self.ceiling_unit {
            DayUnit::Working => cal.add_working_days(from, days)?,
            DayUnit::Calendar => {
                let end = from
                    .checked_add_days(Days::new(u64::from(days)))
                    .ok_or(CalendarError::OutOfRange { from, days })?;
                cal.on_or_next_working_day(end)?
            }
        })
    }

    /// A 上报件's end: its own days and any extension, but never past the ceiling counted from
    /// the day its clock started (the materials complete); time paused for a special
    /// procedure is not counted by either.
    fn capped(
        &self,
        cal: &Calendar,
        start: NaiveDate,
        days: u32,
        ceiling: u32,
    ) -> Result<Deadline, ClockError> {
        let paused = self.paused_days(cal);
        let own = cal.add_working_days(start, days + self.extension_days() + paused.value)?;
        let cap = self.ceiling_end(cal, start, ceiling)?;
        let cap = if paused.value == 0 {
            cap
        } else {
            let mut moved = cal.add_working_days(cap.value, paused.value)?;
            moved.provisional_years.extend(cap.provisional_years);
            moved
        };
        let mut years = own.provisional_years.clone();
        years.extend(cap.provisional_years.iter().copied());
        years.extend(paused.provisional_years);
        Ok(Deadline::Due(Reckoned {
            value: own.value.min(cap.value),
            provisional_years: years,
        }))
    }

    /// The deadline as it stands: waiting, paused, or due on a date.
    pub fn deadline(&self, cal: &Calendar, waiting_for: usize) -> Result<Deadline, ClockError> {
        let Some(start) = self.started_on else {
            return Ok(Deadline::Waiting {
                materials: waiting_for,
            });
        };
        if let Some(p) = self.open_pause() {
            return Ok(Deadline::Paused {
                since: p.from,
                procedure: p.procedure,
            });
        }
        let base = match self.limit {
            // Due the day its clock starts, or when that is a rest day (materials completed on
            // a holiday), the next working day: no deadline falls on a rest day.
            Limit::SameDay => return Ok(Deadline::Due(cal.on_or_next_working_day(start)?)),
            Limit::WorkingDays(n) => cal.add_working_days(start, n)?,
            Limit::WrittenReply { days } => self.ceiling_end(cal, start, days)?,
            Limit::Capped { days, ceiling } => {
                return self.capped(cal, start, days, ceiling);
            }
        };
        let paused = self.paused_days(cal);
        let added = self.extension_days() + paused.value;
        let mut end = if added == 0 {
            base
        } else {
            let mut moved = cal.add_working_days(base.value, added)?;
            moved.provisional_years.extend(base.provisional_years);
            moved
        };
        end.provisional_years.extend(paused.provisional_years);
        Ok(Deadline::Due(end))
    }
}

/// How urgent an open case is on a day (RULES §4 electronic supervision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Normal,
    /// ≤ 1 working day left, or ≥ 90% of the time used.
    DueSoon,
    /// Today is the last day.
    DueToday,
    /// Past the close of its last day.
    Overdue,
}

/// The urgency of a clock that started on `start` and is due on `due`, seen on `today`.
pub fn urgency(cal: &Calendar, start: NaiveDate, due: NaiveDate, today: NaiveDate) -> Urgency {
    if today > due {
        return Urgency::Overdue;
    }
    if today == due {
        return Urgency::DueToday;
    }
    let left = cal.working_days_between(today, due).value;
    let total = cal.working_days_between(start, due).value.max(1);
    let used = cal.working_days_between(start, today).value.max(0);
    if left <= 1 || used * 10 >= total * 9 {
        Urgency::DueSoon
    } else {
        Urgency::Normal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_special_procedure_reads_by_its_key_or_its_chinese_name() {
        for p in SpecialProcedure::ALL {
            assert_eq!(SpecialProcedure::parse(p.key()), Some(p));
            assert_eq!(SpecialProcedure::parse(p.chinese()), Some(p));
        }
        assert_eq!(SpecialProcedure::parse("tender"), None);
    }
    use crate::fixtures;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn due(clock: &Clock) -> NaiveDate {
        match clock.deadline(&fixtures::calendar(), 0).unwrap() {
            Deadline::Due(r) => r.value,
            other => panic!("not due: {other:?}"),
        }
    }

    #[test]
    fn a_same_day_clock_started_on_a_rest_day_is_due_the_next_working_day() {
        // LB-001 (即办件) accepted Fri 13 Feb 2026 with a material promised, supplied on Mon
        // 16 Feb, in the 春节 holiday.
        let mut c = Clock::new(Limit::SameDay, DayUnit::Working, d(2, 13), false);
        c.start(d(2, 16));
        let cal = fixtures::calendar();
        assert!(!cal.is_working_day(d(2, 16)));
        let due = due(&c);
        assert!(cal.is_working_day(due), "due on {due}, a rest day");
        assert_eq!(due, cal.on_or_next_working_day(d(2, 16)).unwrap().value);
        // Started on a working day, it is due that day.
        let mut w = Clock::new(Limit::SameDay, DayUnit::Working, d(2, 13), false);
        w.start(d(2, 13));
        assert_eq!(super::tests::due(&w), d(2, 13));
    }

    #[test]
    fn report_up_is_capped_at_sixty_working_days_after_acceptance() {
        let c = Clock::new(
            Limit::Capped {
                days: 80,
                ceiling: 60,
            },
            DayUnit::Working,
            d(3, 2),
            true,
        );
        let cal = fixtures::calendar();
        assert_eq!(due(&c), cal.add_working_days(d(3, 2), 60).unwrap().value);
    }

    #[test]
    fn the_sixty_day_ceiling_counts_from_the_clocks_start_and_binds_after_extensions() {
        let cal = fixtures::calendar();
        let ext = |days| Extension {
            days,
            reason: "需实地核查".into(),
            approved_by: "D01".into(),
            on: d(3, 10),
        };
        // Accepted on 2 Mar waiting for materials, complete on 10 Mar.
        let mut c = Clock::new(
            Limit::Capped {
                days: 80,
                ceiling: 60,
            },
            DayUnit::Working,
            d(3, 2),
            false,
        );
        c.start(d(3, 10));
        let ceiling = cal.add_working_days(d(3, 10), 60).unwrap().value;
        assert_eq!(due(&c), ceiling);
        c.extend(ext(30)).unwrap();
        assert_eq!(due(&c), ceiling, "an extension does not pass the ceiling");
        // Below the ceiling an extension moves the end, up to the ceiling.
        let mut short = Clock::new(
            Limit::Capped {
                days: 20,
                ceiling: 60,
            },
            DayUnit::Working,
            d(3, 2),
            true,
        );
        short.extend(ext(15)).unwrap();
        assert_eq!(
            due(&short),
            cal.add_working_days(d(3, 2), 35).unwrap().value
        );
        short.extend(ext(15)).unwrap();
        assert_eq!(
            due(&short),
            cal.add_working_days(d(3, 2), 50).unwrap().value
        );
    }

    #[test]
    fn report_up_ceiling_in_calendar_days_moves_off_a_rest_day() {
        // 60 calendar days after 2026-08-02 is 2026-10-01 (国庆节): the end moves to 8 Oct.
        let c = Clock::new(
            Limit::Capped {
                days: 80,
                ceiling: 60,
            },
            DayUnit::Calendar,
            d(8, 2),
            true,
        );
        assert_eq!(due(&c), d(10, 8));
    }

    #[test]
    fn urgency_marks_due_soon_with_one_working_day_left_and_due_today_on_the_last() {
        let cal = fixtures::calendar();
        // Started Mon 16 Nov, due Fri 27 Nov (9 working days).
        assert_eq!(
            urgency(&cal, d(11, 16), d(11, 27), d(11, 18)),
            Urgency::Normal
        );
        assert_eq!(
            urgency(&cal, d(11, 16), d(11, 27), d(11, 26)),
            Urgency::DueSoon
        );
        assert_eq!(
            urgency(&cal, d(11, 16), d(11, 27), d(11, 27)),
            Urgency::DueToday
        );
        assert_eq!(
            urgency(&cal, d(11, 16), d(11, 27), d(11, 28)),
            Urgency::Overdue
        );
    }

    #[test]
    fn urgency_marks_due_soon_at_ninety_percent_of_a_long_limit() {
        let cal = fixtures::calendar();
        let start = d(6, 1);
        let due = cal.add_working_days(start, 20).unwrap().value;
        let at_17 = cal.add_working_days(start, 17).unwrap().value;
        let at_18 = cal.add_working_days(start, 18).unwrap().value;
        assert_eq!(urgency(&cal, start, due, at_17), Urgency::Normal);
        assert_eq!(urgency(&cal, start, due, at_18), Urgency::DueSoon);
    }
}
