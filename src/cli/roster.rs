//! `frontdesk roster DATE` — who is on duty (RULES §5, §7). The leaders on duty after swaps
//! live in the store, so the roster is asked of the server; `--centre FILE` shows the planned
//! roster of a file instead, and says so.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use serde_json::json;

use super::{Ctx, Failure, Out, ask, parse_date};
use frontdesk::datadir::load_centre;
use frontdesk::domain::roster::roster_for;
use frontdesk::protocol::{Request, Response, RosterView, StaffRef, ViewReq};

#[derive(Args)]
pub struct RosterArgs {
    /// The date, YYYY-MM-DD
    #[arg(value_parser = parse_date)]
    date: NaiveDate,
    /// The planned roster of this centre file (no swaps: those live in the store), instead of
    /// the data directory's roster as its server has it
    #[arg(long, value_name = "FILE")]
    centre: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: RosterArgs, out: &mut Out) -> Result<(), Failure> {
    let r = match &args.centre {
        Some(file) => {
            super::warn(format!(
                "the planned roster of {}: duty swaps live in the store and are not shown",
                file.display()
            ));
            planned(ctx, file, args.date)?
        }
        None => match ask(
            &mut ctx.connect()?,
            Request::View(ViewReq::Roster { date: args.date }),
        )? {
            Response::Roster(r) => *r,
            other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
        },
    };
    if r.provisional {
        super::warn(format!(
            "{} has no official holiday schedule loaded; only weekends are taken as rest days",
            chrono::Datelike::year(&args.date)
        ));
    }
    print(ctx, &r, out);
    Ok(())
}

/// The roster of a centre file alone, as planned.
fn planned(ctx: &Ctx, file: &std::path::Path, date: NaiveDate) -> Result<RosterView, Failure> {
    let centre = load_centre(file)?;
    let calendar = ctx.data_dir()?.calendar()?;
    Ok(RosterView::planned(
        date,
        &roster_for(&centre, &calendar, date),
    ))
}

fn print(ctx: &Ctx, r: &RosterView, out: &mut Out) {
    let names =
        |staff: &[StaffRef]| -> Vec<String> { staff.iter().map(|s| s.name.clone()).collect() };
    if ctx.json {
        let windows: Vec<_> = r
            .windows
            .iter()
            .map(|p| {
                json!({
                    "window": p.window, "prefix": p.prefix.to_string(),
                    "a": {"code": p.a.code, "name": p.a.name},
                    "b": {"code": p.b.code, "name": p.b.name},
                    "covers": p.covers.iter().map(|(s, from, to)| json!({
                        "code": s.code, "name": s.name, "from": from, "to": to,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let swaps: Vec<_> = r
            .swaps
            .iter()
            .map(|(from, to)| json!({"planned": from.name, "on_duty": to.name}))
            .collect();
        out.json(&json!({
            "date": r.date,
            "workday": r.workday,
            "day_name": r.day_name,
            "provisional": r.provisional,
            "duty": names(&r.duty),
            "swaps": swaps,
            "cleaning": names(&r.cleaning),
            "windows": windows,
        }));
        return;
    }
    let word = if r.workday { "workday" } else { "rest" };
    let day = [r.date.to_string(), word.to_string()];
    out.row(
        std::iter::once("day".to_string())
            .chain(day)
            .chain(r.day_name.clone()),
    );
    out.row(std::iter::once("duty".to_string()).chain(names(&r.duty)));
    for (from, to) in &r.swaps {
        out.fields(&[&"swap", &from.name, &to.name]);
    }
    out.row(std::iter::once("cleaning".to_string()).chain(names(&r.cleaning)));
    for p in &r.windows {
        out.fields(&[&"window", &p.window, &p.a.name, &p.b.name]);
    }
    for p in &r.windows {
        for (s, from, to) in &p.covers {
            out.fields(&[
                &"cover",
                &p.window,
                &s.name,
                &from.format("%Y-%m-%dT%H:%M"),
                &to.format("%Y-%m-%dT%H:%M"),
            ]);
        }
    }
}
