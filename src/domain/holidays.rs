//! Official holiday schedules (节假日安排): the statutory holidays and the make-up working days
//! (调休上班) of one year, as published by the State Council's General Office each autumn.
//!
//! The format is the JSON of `fixtures/holidays/YEAR.json`:
//! `{"year": 2026, "source": "...", "days": [{"name": "春节", "date": "2026-02-14", "isOffDay": false}, ...]}`.
//! A day with `isOffDay: true` is a holiday; `false` is a make-up working day.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::toml_fields::{FileProblems, Problem};

/// What a listed day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialDayKind {
    /// 法定节假日 — a rest day even when it falls Monday to Friday.
    Holiday,
    /// 调休上班 — a working day even when it falls on a weekend.
    MakeUpWorkday,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SpecialDay {
    pub name: String,
    pub kind: SpecialDayKind,
}

/// One year's official schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct HolidaySchedule {
    pub year: i32,
    pub source: String,
    pub days: BTreeMap<NaiveDate, SpecialDay>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    year: i32,
    #[serde(default)]
    source: String,
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

impl HolidaySchedule {
    /// Parses and checks one schedule file. Every problem names the file and line: a date in
    /// another year, a date listed twice, a bad date, an empty name.
    pub fn parse(file: &str, text: &str) -> Result<Self, FileProblems> {
        let fail = |line: usize, field: &str, message: String| FileProblems {
            file: file.to_string(),
            problems: vec![Problem {
                line,
                field: field.to_string(),
                message,
            }],
        };
        let raw: RawSchedule = serde_json::from_str(text).map_err(|e| {
            fail(
                e.line().max(1),
                "json",
                format!("not a holiday schedule: {e}"),
            )
        })?;
        // The days are listed in file order, so each is looked for after the one before: a
        // date listed twice is named at its second listing.
        let mut from = 0;
        let mut line_of = |needle: &str| {
            if let Some(i) = text[from..].find(needle) {
                from += i + needle.len();
            }
            1 + text[..from].matches('\n').count()
        };
        let mut problems = Vec::new();
        let mut days = BTreeMap::new();
        for d in raw.days {
            let line = line_of(&format!("\"{}\"", d.date));
            let mut bad = |field: &str, message: String| {
                problems.push(Problem {
                    line,
                    field: field.to_string(),
                    message,
                })
            };
            let Ok(date) = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d") else {
                bad(
                    "date",
                    format!("`{}` is not a date like 2026-10-01", d.date),
                );
                continue;
            };
            if date.year() != raw.year {
                bad(
                    "date",
                    format!("{date} is not in the schedule's year {}", raw.year),
                );
            }
            if d.name.trim().is_empty() {
                bad("name", format!("{date} has no holiday name"));
            }
            let kind = if d.is_off_day {
                SpecialDayKind::Holiday
            } else {
                SpecialDayKind::MakeUpWorkday
            };
            let day = SpecialDay {
                name: d.name.trim().to_string(),
                kind,
            };
            if days.insert(date, day).is_some() {
                bad("date", format!("{date} is listed twice"));
            }
        }
        if !problems.is_empty() {
            return Err(FileProblems {
                file: file.to_string(),
                problems,
            });
        }
        Ok(HolidaySchedule {
            year: raw.year,
            source: raw.source,
            days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_reads_holidays_and_make_up_days() {
        let text = r#"{"year": 2026, "source": "t", "days": [
            {"name": "春节", "date": "2026-02-14", "isOffDay": false},
            {"name": "春节", "date": "2026-02-16", "isOffDay": true}]}"#;
        let s = HolidaySchedule::parse("2026.json", text).unwrap();
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(s.days[&d(2, 14)].kind, SpecialDayKind::MakeUpWorkday);
        assert_eq!(s.days[&d(2, 16)].kind, SpecialDayKind::Holiday);
    }

    #[test]
    fn schedule_with_a_date_of_another_year_names_file_and_line() {
        let text = "{\"year\": 2026, \"days\": [\n{\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true}\n]}";
        let err = HolidaySchedule::parse("h/2026.json", text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "h/2026.json:2: date: 2027-01-01 is not in the schedule's year 2026"
        );
    }

    #[test]
    fn schedule_that_is_not_json_is_refused_with_its_line() {
        let err = HolidaySchedule::parse("x.json", "{\n\"year\": }").unwrap_err();
        assert_eq!(err.problems[0].line, 2);
        assert!(
            err.to_string()
                .starts_with("x.json:2: json: not a holiday schedule")
        );
    }
}
