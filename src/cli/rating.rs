//! `frontdesk rating …` and `frontdesk visit …` — ratings with their rectifications, and the
//! monthly return visits (RULES §11): the subcommands are the requests themselves; this prints
//! their replies, tab-separated, or with `--json` as objects.

use frontdesk::domain::rating::RatingRecord;
use frontdesk::domain::visit::{MonthDraw, month_text};
use frontdesk::protocol::{Request, Response};

use super::{Ctx, Failure, Out, ask};

/// A rating act's line: `ID`, `ID<TAB>rectification<TAB>DUE` when it opened one, or
/// `ID<TAB>STATE` once its rectification moved on (with the violation a refused appeal
/// proposed).
fn acted(id: u64, record: &RatingRecord, violation: Option<u64>, out: &mut Out) {
    let state = record.state();
    match (&record.rectification, violation) {
        (None, _) => out.fields(&[&id]),
        (Some(r), _) if state.starts_with("open") => out.fields(&[&id, &"rectification", &r.due]),
        (Some(_), Some(v)) => out.fields(&[&id, &state, &"violation", &v]),
        (Some(_), None) => out.fields(&[&id, &state]),
    }
}

fn visit_rows(draws: &[MonthDraw]) -> Vec<[String; 5]> {
    let mut rows = Vec::new();
    for d in draws {
        for v in &d.visits {
            let (state, level, by) = match &v.result {
                Some(r) => ("called", r.level.number().to_string(), r.by.clone()),
                None => ("to-call", "-".into(), "-".into()),
            };
            rows.push([
                v.case.to_string(),
                month_text(d.draw.month),
                state.into(),
                level,
                by,
            ]);
        }
    }
    rows
}

pub fn run(ctx: &Ctx, request: Request, out: &mut Out) -> Result<(), Failure> {
    match ask(&mut ctx.connect()?, request)? {
        Response::Rating {
            id,
            record,
            violation,
        } if ctx.json => {
            let mut v = serde_json::json!(*record);
            if let Some(map) = v.as_object_mut() {
                map.insert("id".into(), serde_json::json!(id));
                map.insert("violation".into(), serde_json::json!(violation));
            }
            out.json(&v);
        }
        Response::Rating {
            id,
            record,
            violation,
        } => acted(id, &record, violation, out),
        Response::Ratings(list) if ctx.json => out.json_numbered("id", &list.items),
        Response::Ratings(list) => {
            for (id, r) in &list.items {
                let g = &r.rating;
                out.fields(&[
                    id,
                    &g.case,
                    &g.window,
                    &g.staff,
                    &g.level.number(),
                    &g.channel.key(),
                    &g.entered_by,
                    &r.state(),
                ]);
            }
        }
        Response::VisitDraw(d) if ctx.json => out.json(&serde_json::json!(*d)),
        Response::VisitDraw(d) => {
            for case in &d.draw.cases {
                out.fields(&[case]);
            }
        }
        Response::VisitDraws(draws) if ctx.json => {
            let rows: Vec<serde_json::Value> = visit_rows(&draws)
                .into_iter()
                .map(|[case, month, state, level, by]| {
                    serde_json::json!({
                        "case": case.parse::<u64>().unwrap_or_default(),
                        "month": month,
                        "state": state,
                        "level": level.parse::<u8>().ok(),
                        "by": (by != "-").then_some(by),
                    })
                })
                .collect();
            out.json(&serde_json::Value::Array(rows));
        }
        Response::VisitDraws(draws) => {
            for row in visit_rows(&draws) {
                out.row(row);
            }
        }
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
