//! A staff member's ledger (责任追究台账): their violations in the order of their facts, each
//! confirmed one with its rung and sanction.

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::{Sanction, Violation, sanction};

/// One line of a staff member's ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub id: u64,
    pub violation: Violation,
    /// Its rung among the confirmed violations of its kind in its calendar year (1 = first);
    /// none while proposed or dismissed.
    pub nth: Option<u32>,
    /// What that rung calls for; none while proposed or dismissed.
    pub sanction: Option<Sanction>,
}

/// `staff`'s violations by the day of their facts (then by id), each confirmed one with its
/// rung and sanction. Counts run per kind and calendar year of the fact, whatever the day it
/// was confirmed on (RULES §9).
pub fn ledger(violations: &[(u64, Violation)], staff: &str) -> Vec<LedgerLine> {
    let mut own: Vec<&(u64, Violation)> = violations
        .iter()
        .filter(|(_, v)| v.staff == staff)
        .collect();
    own.sort_by_key(|(id, v)| (v.on, *id));
    let mut lines = Vec::with_capacity(own.len());
    for (i, (id, v)) in own.iter().enumerate() {
        let nth = v.is_confirmed().then(|| {
            let earlier = own[..i]
                .iter()
                .filter(|(_, w)| w.is_confirmed() && w.kind == v.kind && w.on.year() == v.on.year())
                .count();
            u32::try_from(earlier).map_or(u32::MAX, |n| n.saturating_add(1))
        });
        lines.push(LedgerLine {
            id: *id,
            violation: v.clone(),
            nth,
            sanction: nth.map(|n| sanction(v.kind, n, v.serious)),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{Measure, Source, ViolationState, ViolationType, overdue, recorded};
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn confirmed(kind: ViolationType, on: NaiveDate, decided: NaiveDate) -> Violation {
        let mut v = recorded("zhouchy", kind, on, false, "");
        v.confirm("director", decided).unwrap();
        v
    }

    fn late(on: NaiveDate) -> Violation {
        confirmed(ViolationType::Deadline, on, on)
    }

    fn rungs(lines: &[LedgerLine]) -> Vec<Option<u32>> {
        lines.iter().map(|l| l.nth).collect()
    }

    #[test]
    fn ledger_holds_only_the_staff_members_own_violations() {
        let mut other = late(d(2026, 3, 1));
        other.staff = "yangqf".into();
        let vs = [(1, late(d(2026, 3, 2))), (2, other)];
        let lines = ledger(&vs, "zhouchy");
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].id, 1);
    }

    #[test]
    fn confirmed_violations_climb_their_ladder_within_the_year() {
        let vs = [
            (1, late(d(2026, 3, 2))),
            (2, late(d(2026, 5, 6))),
            (3, late(d(2026, 9, 1))),
            (4, late(d(2026, 11, 3))),
        ];
        let lines = ledger(&vs, "zhouchy");
        assert_eq!(rungs(&lines), [Some(1), Some(2), Some(3), Some(4)]);
        let measures: Vec<_> = lines
            .iter()
            .map(|l| l.sanction.clone().unwrap().measures)
            .collect();
        assert_eq!(measures[0], [Measure::CriticismAndEducation]);
        assert_eq!(
            measures[1],
            [Measure::PublicCriticism, Measure::LeaderResponsibility]
        );
        assert_eq!(measures[2], [Measure::YearRatedUnqualified]);
        assert_eq!(measures[3], [Measure::YearRatedUnqualified]);
    }

    #[test]
    fn count_restarts_on_the_first_of_january() {
        let vs = [(1, late(d(2026, 12, 31))), (2, late(d(2027, 1, 2)))];
        assert_eq!(rungs(&ledger(&vs, "zhouchy")), [Some(1), Some(1)]);
    }

    #[test]
    fn the_year_is_the_facts_not_the_decisions() {
        // Fact on 30 Dec 2026, confirmed in January: it counts in 2026.
        let vs = [
            (
                1,
                confirmed(ViolationType::Deadline, d(2026, 12, 30), d(2027, 1, 5)),
            ),
            (2, late(d(2027, 1, 4))),
        ];
        assert_eq!(rungs(&ledger(&vs, "zhouchy")), [Some(1), Some(1)]);
    }

    #[test]
    fn proposed_and_dismissed_violations_do_not_count() {
        let proposed = overdue(5, "zhouchy", d(2026, 3, 1), d(2026, 3, 2));
        let mut dismissed = overdue(6, "zhouchy", d(2026, 4, 1), d(2026, 4, 2));
        dismissed
            .dismiss("director", d(2026, 4, 3), "申请人要求暂缓")
            .unwrap();
        let vs = [(1, proposed), (2, dismissed), (3, late(d(2026, 6, 1)))];
        let lines = ledger(&vs, "zhouchy");
        assert_eq!(rungs(&lines), [None, None, Some(1)]);
        assert!(lines[0].sanction.is_none() && lines[1].sanction.is_none());
        assert!(matches!(
            lines[1].violation.state,
            ViolationState::Dismissed { .. }
        ));
    }

    #[test]
    fn order_is_by_the_facts_date_not_by_when_confirmed() {
        // The later fact was confirmed first; the earlier fact is still the first rung.
        let vs = [
            (
                1,
                confirmed(ViolationType::Deadline, d(2026, 6, 1), d(2026, 6, 2)),
            ),
            (
                2,
                confirmed(ViolationType::Deadline, d(2026, 5, 1), d(2026, 7, 1)),
            ),
        ];
        let lines = ledger(&vs, "zhouchy");
        assert_eq!(lines.iter().map(|l| l.id).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(rungs(&lines), [Some(1), Some(2)]);
    }

    #[test]
    fn each_kind_has_its_own_count() {
        let vs = [
            (1, late(d(2026, 3, 2))),
            (
                2,
                confirmed(ViolationType::OneTimeNotice, d(2026, 3, 3), d(2026, 3, 3)),
            ),
            (3, late(d(2026, 3, 4))),
        ];
        assert_eq!(rungs(&ledger(&vs, "zhouchy")), [Some(1), Some(1), Some(2)]);
    }

    #[test]
    fn ledger_line_keeps_the_fact_behind_it() {
        let mut v = overdue(12, "zhouchy", d(2026, 11, 20), d(2026, 11, 23));
        v.confirm("director", d(2026, 11, 24)).unwrap();
        let lines = ledger(&[(9, v)], "zhouchy");
        assert_eq!(
            lines[0].violation.source,
            Source::Overdue {
                case: 12,
                due: d(2026, 11, 20)
            }
        );
        assert_eq!(
            lines[0].violation.source.describe(),
            "案件 #12 超期（应于 2026-11-20 办结）"
        );
    }
}
