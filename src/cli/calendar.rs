//! `frontdesk calendar ...` — the working-day calendar (RULES §4).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use clap::Subcommand;
use serde_json::json;

use super::{Ctx, Failure, Out, parse_date, warn};
use frontdesk::domain::calendar::Calendar;

#[derive(Subcommand)]
pub enum CalendarCmd {
    /// Print the N-th working day after DATE (DATE itself not counted)
    #[command(
        long_about = "Print the N-th working day after DATE, DATE itself not counted: \
        the day a period of N working days accepted on DATE ends.\n\n\
        A year without an official schedule counts weekends only; then a warning on stderr \
        names the year, and the answer is provisional."
    )]
    Next {
        /// The start date (the acceptance day), YYYY-MM-DD
        #[arg(value_parser = parse_date)]
        date: NaiveDate,
        /// How many working days, at least 1
        #[arg(value_parser = clap::value_parser!(u32).range(1..=100_000))]
        n: u32,
    },
    /// Say whether DATE is a working day: prints `workday` or `rest`, then a tab and the
    /// holiday or make-up day's name where it is one
    IsWorkday {
        /// The date, YYYY-MM-DD
        #[arg(value_parser = parse_date)]
        date: NaiveDate,
    },
    /// Print how many working days lie after FROM up to and including TO (negative if TO is earlier)
    Between {
        #[arg(value_parser = parse_date)]
        from: NaiveDate,
        #[arg(value_parser = parse_date)]
        to: NaiveDate,
    },
}

fn warn_provisional(years: &BTreeSet<i32>) {
    for y in years {
        warn(format!(
            "{y} has no official holiday schedule loaded, so only weekends were taken as rest days \
             and the answer is provisional; add the schedule as holidays/{y}.json in the data directory"
        ));
    }
}

pub fn run(ctx: &Ctx, cmd: CalendarCmd, out: &mut Out) -> Result<(), Failure> {
    let cal: Calendar = ctx.data_dir()?.calendar()?;
    match cmd {
        CalendarCmd::Next { date, n } => {
            let r = cal
                .add_working_days(date, n)
                .map_err(|e| Failure::Error(e.to_string()))?;
            warn_provisional(&r.provisional_years);
            if ctx.json {
                out.json(&json!({
                    "from": date,
                    "working_days": n,
                    "date": r.value,
                    "provisional": r.is_provisional(),
                    "provisional_years": r.provisional_years,
                }));
            } else {
                out.fields(&[&r.value]);
            }
        }
        CalendarCmd::IsWorkday { date } => {
            let info = cal.day(date);
            if info.provisional {
                warn_provisional(&BTreeSet::from([chrono::Datelike::year(&date)]));
            }
            if ctx.json {
                out.json(&json!({
                    "date": date,
                    "workday": info.working,
                    "name": info.special.map(|s| &s.name),
                    "kind": info.special.map(|s| s.kind),
                    "provisional": info.provisional,
                }));
            } else {
                let word = if info.working { "workday" } else { "rest" };
                match info.special {
                    Some(s) => out.fields(&[&word, &s.name]),
                    None => out.fields(&[&word]),
                }
            }
        }
        CalendarCmd::Between { from, to } => {
            let r = cal.working_days_between(from, to);
            warn_provisional(&r.provisional_years);
            if ctx.json {
                out.json(&json!({
                    "from": from,
                    "to": to,
                    "working_days": r.value,
                    "provisional": r.is_provisional(),
                    "provisional_years": r.provisional_years,
                }));
            } else {
                out.fields(&[&r.value]);
            }
        }
    }
    Ok(())
}
