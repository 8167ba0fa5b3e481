//! A month's draw as it is kept: the sample with its seed, who drew it and when, and each drawn
//! case's visit; and the months themselves, written `YYYY-MM`.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Month, Visit, VisitDraw};

/// One month's draw and its visits, as recorded at the draw and filled in call by call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthDraw {
    pub draw: VisitDraw,
    /// How many cases completed that month it was drawn from.
    pub candidates: usize,
    pub drawn_by: String,
    pub drawn_at: NaiveDateTime,
    pub visits: Vec<Visit>,
}

impl MonthDraw {
    pub fn new(draw: VisitDraw, candidates: usize, by: &str, at: NaiveDateTime) -> Self {
        MonthDraw {
            visits: draw.visits(),
            draw,
            candidates,
            drawn_by: by.to_owned(),
            drawn_at: at,
        }
    }

    /// The visit of drawn case `case`.
    pub fn visit_mut(&mut self, case: u64) -> Option<&mut Visit> {
        self.visits.iter_mut().find(|v| v.case == case)
    }
}

/// A month as a number that sorts as months do: `202609`.
pub fn month_key(month: Month) -> u64 {
    (month.0.max(0) as u64) * 100 + u64::from(month.1)
}

/// `2026-09`.
pub fn month_text(month: Month) -> String {
    format!("{:04}-{:02}", month.0, month.1)
}

/// Reads `YYYY-MM`.
pub fn parse_month(text: &str) -> Option<Month> {
    let (y, m) = text.trim().split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    ((1..=12).contains(&m) && (1000..=9999).contains(&y)).then_some((y, m))
}

/// The seed of a draw made at a moment whose nanoseconds are `nanos`, for `month`: no one
/// picks it, and it is recorded with the sample so anyone can draw it again.
pub fn seed(month: Month, nanos: u64) -> u64 {
    // One splitmix64 step over both, so that neighbouring moments give unrelated seeds.
    let mut z = nanos ^ month_key(month).rotate_left(40);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_and_write_as_year_and_month_and_sort_as_numbers() {
        assert_eq!(parse_month("2026-09"), Some((2026, 9)));
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_month("2026"), None);
        assert_eq!(month_text((2026, 9)), "2026-09");
        assert!(month_key((2026, 12)) < month_key((2027, 1)));
    }

    #[test]
    fn a_draw_keeps_one_unrecorded_visit_per_drawn_case() {
        let draw = VisitDraw::new((2026, 9), &[3, 1, 2, 9, 7, 5], 3, seed((2026, 9), 42)).unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 10, 8)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut book = MonthDraw::new(draw.clone(), 6, "S01", at);
        assert_eq!(book.visits.len(), 3);
        assert!(book.visits.iter().all(|v| v.result.is_none()));
        assert!(book.visit_mut(draw.cases[0]).is_some());
        assert_eq!(seed((2026, 9), 42), seed((2026, 9), 42));
        assert_ne!(seed((2026, 9), 42), seed((2026, 10), 42));
    }
}
