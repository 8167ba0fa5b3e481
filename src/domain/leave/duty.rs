//! The leaders on duty after swaps (调剂值班, 000 三(三)4): who keeps each planned leader's day,
//! and the rule that a leader away on a duty day — their own, or one taken over by a swap —
//! first swaps it with another leader who is not away, reports it and hands it over.

use chrono::{Datelike, NaiveDate, TimeDelta};

use super::{Against, DutySwap, LeaveBook, LeaveError, Span, SwapStep, day_span, overlaps};
use crate::domain::centre::{Centre, Staff};

impl LeaveBook {
    /// The leaders on duty on `date`: the planned ones by the day's last digit, each replaced
    /// by the leader covering their approved duty swap for that day (000 三(三)4). A leader who
    /// took a day over and swapped it on in turn hands it to their own cover, and so on.
    pub fn duty_leaders<'a>(&self, centre: &'a Centre, date: NaiveDate) -> Vec<&'a Staff> {
        let mut out: Vec<&'a Staff> = Vec::new();
        for planned in centre.duty_leaders(date.day()) {
            let on_duty = self.keeper_of(centre, planned, date);
            if !out.iter().any(|s| s.code == on_duty.code) {
                out.push(on_duty);
            }
        }
        out
    }

    /// The approved duty swaps of `date`: (planned leader, the leader keeping the duty).
    pub fn swaps_on<'a>(&self, centre: &'a Centre, date: NaiveDate) -> Vec<(&'a Staff, &'a Staff)> {
        centre
            .duty_leaders(date.day())
            .into_iter()
            .map(|planned| (planned, self.keeper_of(centre, planned, date)))
            .filter(|(planned, keeper)| planned.code != keeper.code)
            .collect()
    }

    /// Who keeps `planned`'s duty of `date`: the cover of their approved swap, followed on
    /// through each cover's own swap of that day (never round in a circle).
    fn keeper_of<'a>(&self, centre: &'a Centre, planned: &'a Staff, date: NaiveDate) -> &'a Staff {
        let day = day_span(date);
        let mut keeper = planned;
        let mut seen = vec![planned.code.as_str()];
        while let Some(next) = self
            .requests
            .iter()
            .filter(|r| r.staff == keeper.code)
            .filter(|r| r.approved_span().is_some_and(|s| overlaps(s, day)))
            .find_map(|r| r.swap_for(date))
            .and_then(|s| centre.staff(&s.covering_leader))
            .filter(|next| !seen.contains(&next.code.as_str()))
        {
            seen.push(next.code.as_str());
            keeper = next;
        }
        keeper
    }

    /// Whose duty of `date` `leader` took over by a swap, counting the others' requests as
    /// `against` says: the leader whose swap names them.
    fn duty_taken_from<'r>(
        &'r self,
        leader: &str,
        date: NaiveDate,
        against: Against,
    ) -> Option<&'r str> {
        let day = day_span(date);
        self.requests
            .iter()
            .filter(|r| r.staff != leader && against(r).is_some_and(|s| overlaps(s, day)))
            .find(|r| {
                r.swap_for(date)
                    .is_some_and(|s| s.covering_leader == leader)
            })
            .map(|r| r.staff.as_str())
    }

    /// Every duty day of `leader` that `span` touches, planned or taken over from another
    /// leader by a swap, needs a complete swap to another leader who is not away that day. Stops at the first day without one, so a long absence costs
    /// at most about ten days per recorded swap.
    pub(super) fn check_duty_days(
        &self,
        centre: &Centre,
        leader: &Staff,
        span: Span,
        swaps: &[DutySwap],
        against: Against,
    ) -> Result<(), LeaveError> {
        // Only leaders and the director keep duty days, their own or taken over by a swap.
        if !leader.role.leads() {
            return Ok(());
        }
        // The last instant of the absence is just before `to`, so an end at midnight does not
        // touch the next day.
        let last = span
            .1
            .checked_sub_signed(TimeDelta::nanoseconds(1))
            .map_or(span.1.date(), |t| t.date());
        let name = || leader.name.clone();
        for date in span.0.date().iter_days().take_while(|d| *d <= last) {
            let digit = (date.day() % 10) as u8;
            let planned = leader.duty_digits.contains(&digit);
            // A day taken over by a swap binds as the leader's own (000 三(三)4).
            let taken = self.duty_taken_from(&leader.code, date, against);
            if !planned && taken.is_none() {
                continue;
            }
            let Some(swap) = swaps.iter().find(|s| s.date == date) else {
                return Err(match taken.filter(|_| !planned) {
                    Some(from) => LeaveError::TakenDutyDayWithoutSwap {
                        leader: name(),
                        date,
                        from: centre.name_of(from).to_owned(),
                    },
                    None => LeaveError::DutyDayWithoutSwap {
                        leader: name(),
                        date,
                    },
                });
            };
            if swap.covering_leader == leader.code {
                return Err(LeaveError::SwapWithSelf {
                    leader: name(),
                    date,
                });
            }
            let cover = centre.name_of(&swap.covering_leader).to_owned();
            if !centre
                .staff(&swap.covering_leader)
                .is_some_and(|s| s.role.leads())
            {
                return Err(LeaveError::SwapCoverNotALeader {
                    leader: name(),
                    date,
                    cover,
                });
            }
            for (done, missing) in [
                (swap.reported_to_head, SwapStep::ReportToHead),
                (swap.handed_over, SwapStep::HandOver),
            ] {
                if !done {
                    return Err(LeaveError::SwapUnfinished {
                        leader: name(),
                        date,
                        cover,
                        missing,
                    });
                }
            }
            let day = day_span(date);
            if let Some(other) = self.requests.iter().find(|r| {
                r.staff == swap.covering_leader && against(r).is_some_and(|s| overlaps(s, day))
            }) {
                return Err(LeaveError::SwapCoverAway {
                    leader: name(),
                    date,
                    cover,
                    other: other.id,
                });
            }
        }
        Ok(())
    }
}
