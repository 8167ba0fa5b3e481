//! Return visits (回访, RULES §11, seed 004 "随机抽取5件办理结果进行回访"): each month a sample
//! of the cases completed that month is drawn and called back; the result is recorded as a
//! rating on the five levels through the visit channel.
//!
//! The draw is reproducible: it is recorded with its seed, and the same candidates, size and
//! seed give the same sample — anyone can check that a month's sample was not picked by hand.
//! The generator is splitmix64, written here so that the sample never changes with a
//! dependency's version.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::rating::{Level, Rating, RatingChannel, RatingError, Served};

mod book;

pub use book::{MonthDraw, month_key, month_text, parse_month, seed};

/// Cases drawn each month, unless the centre sets another number (004: five).
pub const DEFAULT_VISIT_SIZE: usize = 5;

/// A year and a month, `(2026, 11)`.
pub type Month = (i32, u32);

/// The month of a date.
pub fn month_of(date: NaiveDate) -> Month {
    (date.year(), date.month())
}

/// The cases, of `(id, completed on)`, completed in `month`: a draw's candidates.
pub fn completed_in(month: Month, completed: &[(u64, NaiveDate)]) -> Vec<u64> {
    completed
        .iter()
        .filter(|(_, on)| month_of(*on) == month)
        .map(|(id, _)| *id)
        .collect()
}

/// splitmix64 (Steele, Lea and Flood, 2014): small, fast, and every seed a good stream.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` ≥ 1), without modulo bias (Lemire's method with rejection).
    fn below(&mut self, n: u64) -> u64 {
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next()) * u128::from(n);
            // The low half decides whether this draw is in the unbiased range.
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

/// A sample of `size` cases from `candidates`, without repetition, reproducible from `seed`.
/// The candidates are taken in sorted order (duplicates dropped), so the order they are given
/// in does not matter; with no more candidates than `size`, all of them. Sorted ascending.
pub fn draw(candidates: &[u64], size: usize, seed: u64) -> Vec<u64> {
    let mut pool = candidates.to_vec();
    pool.sort_unstable();
    pool.dedup();
    if size >= pool.len() {
        return pool;
    }
    // A partial Fisher–Yates shuffle: the first `size` places take uniformly chosen cases.
    let mut rng = SplitMix64(seed);
    for i in 0..size {
        let left = (pool.len() - i) as u64;
        let j = i + rng.below(left) as usize;
        pool.swap(i, j);
    }
    pool.truncate(size);
    pool.sort_unstable();
    pool
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum VisitError {
    #[error("{year}-{month} is not a month; give a month from 1 to 12")]
    BadMonth { year: i32, month: u32 },
    #[error(
        "a draw of 0 cases calls no one back; the centre's setting must be 1 or more (RULES §11)"
    )]
    ZeroSize,
    #[error("case #{case}'s return visit was already recorded by {by}; a visit is recorded once")]
    AlreadyRecorded { case: u64, by: String },
    #[error("a return visit records who made the call: give the staff code of who called")]
    NoCaller,
    #[error("case #{case}'s return visit has no result yet; record the call first")]
    NoResult { case: u64 },
    #[error(
        "the visit is of case #{visit}, not case #{served}; rate the case that was called back"
    )]
    OtherCase { visit: u64, served: u64 },
    #[error(transparent)]
    Rating(RatingError),
}

/// One month's draw, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitDraw {
    pub month: Month,
    pub seed: u64,
    pub size: usize,
    /// The sample, sorted.
    pub cases: Vec<u64>,
}

impl VisitDraw {
    /// Draws `size` of `candidates` (the cases completed in `month`) with `seed`.
    pub fn new(
        month: Month,
        candidates: &[u64],
        size: usize,
        seed: u64,
    ) -> Result<Self, VisitError> {
        if !(1..=12).contains(&month.1) {
            return Err(VisitError::BadMonth {
                year: month.0,
                month: month.1,
            });
        }
        if size == 0 {
            return Err(VisitError::ZeroSize);
        }
        Ok(VisitDraw {
            month,
            seed,
            size,
            cases: draw(candidates, size, seed),
        })
    }

    /// Whether drawing again from `candidates` with the recorded size and seed gives the
    /// recorded sample.
    pub fn reproduces(&self, candidates: &[u64]) -> bool {
        draw(candidates, self.size, self.seed) == self.cases
    }

    /// The visits to make, one per drawn case, none yet called.
    pub fn visits(&self) -> Vec<Visit> {
        self.cases
            .iter()
            .map(|&case| Visit {
                case,
                drawn_in: self.month,
                result: None,
            })
            .collect()
    }
}

/// What the applicant said when called back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitResult {
    pub level: Level,
    pub note: String,
    /// Staff code of who called.
    pub by: String,
    pub at: NaiveDateTime,
}

/// One drawn case's return visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub case: u64,
    pub drawn_in: Month,
    pub result: Option<VisitResult>,
}

impl Visit {
    /// Records the call's result, once.
    pub fn record(
        &mut self,
        level: Level,
        note: &str,
        by: &str,
        at: NaiveDateTime,
    ) -> Result<(), VisitError> {
        if let Some(r) = &self.result {
            return Err(VisitError::AlreadyRecorded {
                case: self.case,
                by: r.by.clone(),
            });
        }
        let by = by.trim();
        if by.is_empty() {
            return Err(VisitError::NoCaller);
        }
        self.result = Some(VisitResult {
            level,
            note: note.trim().to_owned(),
            by: by.to_owned(),
            at,
        });
        Ok(())
    }

    /// The result as a rating through the visit channel, its note the reason; the rating's
    /// rules apply (the staff member who served never records their own case's visit).
    pub fn rating(&self, served: &Served) -> Result<Rating, VisitError> {
        let r = self
            .result
            .as_ref()
            .ok_or(VisitError::NoResult { case: self.case })?;
        if served.case != self.case {
            return Err(VisitError::OtherCase {
                visit: self.case,
                served: served.case,
            });
        }
        let reason = (!r.note.is_empty()).then_some(r.note.as_str());
        Rating::new(served, r.level, reason, RatingChannel::Visit, &r.by, r.at)
            .map_err(VisitError::Rating)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn pool() -> Vec<u64> {
        (100..200).collect()
    }

    #[test]
    fn generator_is_splitmix64() {
        // The published first outputs of splitmix64 seeded with 0.
        let mut rng = SplitMix64(0);
        assert_eq!(rng.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn same_seed_gives_the_same_sample_whatever_the_candidates_order() {
        let mut shuffled = pool();
        shuffled.reverse();
        shuffled.swap(3, 70);
        assert_eq!(draw(&pool(), 5, 42), draw(&shuffled, 5, 42));
        assert_eq!(draw(&pool(), 5, 42), draw(&pool(), 5, 42));
    }

    #[test]
    fn a_recorded_draw_stays_the_same_across_versions() {
        // Pinned: a change here would make recorded draws unreproducible.
        assert_eq!(draw(&pool(), 5, 42), PINNED);
    }

    const PINNED: [u64; 5] = [107, 116, 129, 136, 174];

    #[test]
    fn different_seeds_give_different_samples() {
        let samples: BTreeSet<Vec<u64>> = (0..50).map(|seed| draw(&pool(), 5, seed)).collect();
        assert_eq!(samples.len(), 50);
    }

    #[test]
    fn size_is_respected_without_repeats() {
        let mut doubled = pool();
        doubled.extend(pool());
        for size in [1, 5, 30, 99] {
            let s = draw(&doubled, size, 7);
            assert_eq!(s.len(), size);
            assert_eq!(s.iter().collect::<BTreeSet<_>>().len(), size);
            assert!(s.iter().all(|c| pool().contains(c)));
        }
    }

    #[test]
    fn fewer_candidates_than_size_gives_all_of_them() {
        assert_eq!(draw(&[9, 3, 3, 5], 5, 1), [3, 5, 9]);
        assert_eq!(draw(&[9, 3, 5], 3, 1), [3, 5, 9]);
        assert!(draw(&[], 5, 1).is_empty());
    }

    #[test]
    fn every_candidate_can_be_drawn() {
        let drawn: BTreeSet<u64> = (0..500)
            .flat_map(|seed| draw(&[1, 2, 3, 4, 5, 6], 1, seed))
            .collect();
        assert_eq!(drawn, BTreeSet::from([1, 2, 3, 4, 5, 6]));
    }

    #[test]
    fn candidates_are_the_cases_completed_that_month() {
        let done = [(1, d(10, 31)), (2, d(11, 1)), (3, d(11, 30)), (4, d(12, 1))];
        assert_eq!(completed_in((2026, 11), &done), [2, 3]);
        assert_eq!(month_of(d(11, 15)), (2026, 11));
    }

    #[test]
    fn recorded_draw_reproduces_from_its_seed() {
        let v = VisitDraw::new((2026, 11), &pool(), DEFAULT_VISIT_SIZE, 202_611).unwrap();
        assert_eq!(v.cases.len(), 5);
        let mut again = pool();
        again.reverse();
        assert!(v.reproduces(&again));
        let other_seed = VisitDraw {
            seed: 7,
            ..v.clone()
        };
        assert!(!other_seed.reproduces(&pool()));
        assert_eq!(v.visits().len(), 5);
    }

    #[test]
    fn draw_needs_a_month_and_a_size() {
        assert_eq!(
            VisitDraw::new((2026, 13), &pool(), 5, 1),
            Err(VisitError::BadMonth {
                year: 2026,
                month: 13
            })
        );
        assert_eq!(
            VisitDraw::new((2026, 11), &pool(), 0, 1),
            Err(VisitError::ZeroSize)
        );
    }

    fn served(case: u64) -> Served {
        Served {
            case,
            window: "民政救助".into(),
            staff: "C01".into(),
            completed_on: d(11, 20),
        }
    }

    #[test]
    fn visit_result_is_recorded_once_and_becomes_a_visit_rating() {
        let mut v = VisitDraw::new((2026, 11), &[12], 5, 1)
            .unwrap()
            .visits()
            .remove(0);
        let at = d(12, 2).and_hms_opt(9, 0, 0).unwrap();
        v.record(Level::Unsatisfied, "等候太久", "C02", at).unwrap();
        assert!(matches!(
            v.record(Level::Satisfied, "", "C02", at),
            Err(VisitError::AlreadyRecorded { case: 12, .. })
        ));
        let r = v.rating(&served(12)).unwrap();
        assert_eq!(
            (r.channel, r.level),
            (RatingChannel::Visit, Level::Unsatisfied)
        );
        assert_eq!(
            (r.entered_by.as_str(), r.reason.as_deref()),
            ("C02", Some("等候太久"))
        );
        assert!(matches!(
            v.rating(&served(13)),
            Err(VisitError::OtherCase { .. })
        ));
    }

    #[test]
    fn visit_of_ones_own_case_is_refused_as_a_rating() {
        let mut v = VisitDraw::new((2026, 11), &[12], 5, 1)
            .unwrap()
            .visits()
            .remove(0);
        assert!(matches!(
            v.rating(&served(12)),
            Err(VisitError::NoResult { case: 12 })
        ));
        let at = d(12, 2).and_hms_opt(9, 0, 0).unwrap();
        v.record(Level::VerySatisfied, "", "C01", at).unwrap();
        assert!(matches!(
            v.rating(&served(12)),
            Err(VisitError::Rating(RatingError::OwnRating { .. }))
        ));
    }
}
