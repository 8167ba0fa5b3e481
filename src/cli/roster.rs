//! `frontdesk roster DATE` — who is on duty (RULES §5, §7).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use super::{Ctx, Failure, Out, parse_date};
use frontdesk::datadir::load_centre;
use frontdesk::domain::roster::roster_for;

#[derive(Args)]
pub struct RosterArgs {
    /// The date, YYYY-MM-DD
    #[arg(value_parser = parse_date)]
    date: NaiveDate,
    /// Use this centre file instead of the data directory's (or the demo centre)
    #[arg(long, value_name = "FILE")]
    centre: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: RosterArgs, out: &mut Out) -> Result<(), Failure> {
    let data = ctx.data_dir()?;
    let centre = match &args.centre {
        Some(f) => load_centre(f)?,
        None => data.centre()?.0,
    };
    let calendar = data.calendar()?;
    let r = roster_for(&centre, &calendar, args.date);
    if r.day.provisional {
        super::warn(format!(
            "{} has no official holiday schedule loaded; only weekends are taken as rest days",
            chrono::Datelike::year(&args.date)
        ));
    }
    let names = |staff: &[&frontdesk::domain::centre::Staff]| -> Vec<String> {
        staff.iter().map(|s| s.name.clone()).collect()
    };
    if ctx.json {
        let windows: Vec<_> = r
            .windows
            .iter()
            .map(|p| {
                json!({
                    "window": p.window.name, "prefix": p.window.prefix.to_string(),
                    "a": {"code": p.a.code, "name": p.a.name},
                    "b": {"code": p.b.code, "name": p.b.name},
                })
            })
            .collect();
        out.json(&json!({
            "date": args.date,
            "workday": r.day.working,
            "day_name": r.day.special.map(|s| &s.name),
            "provisional": r.day.provisional,
            "duty": names(&r.duty),
            "cleaning": names(&r.cleaning),
            "windows": windows,
        }));
        return Ok(());
    }
    let word = if r.day.working { "workday" } else { "rest" };
    let mut day = format!("day\t{}\t{word}", args.date);
    if let Some(s) = r.day.special {
        day.push('\t');
        day.push_str(&s.name);
    }
    out.line(day);
    let tabbed = |head: &str, names: Vec<String>| {
        std::iter::once(head.to_string())
            .chain(names)
            .collect::<Vec<_>>()
            .join("\t")
    };
    out.line(tabbed("duty", names(&r.duty)));
    out.line(tabbed("cleaning", names(&r.cleaning)));
    for p in &r.windows {
        out.line(format!(
            "window\t{}\t{}\t{}",
            p.window.name, p.a.name, p.b.name
        ));
    }
    Ok(())
}
