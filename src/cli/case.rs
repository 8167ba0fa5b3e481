//! `frontdesk case preview` — what the desk would decide for an intake, storing nothing
//! (RULES §2–§4).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::json;

use super::{Ctx, Failure, Out, warn};
use frontdesk::datadir::{load_catalogue, load_centre};
use frontdesk::domain::case::notify::compose;
use frontdesk::domain::case::{Applicant, Case, CaseKind, Channel, Intake, Ticked};
use frontdesk::domain::clock::Deadline;
use frontdesk::protocol::args::{self, Materials};

#[derive(Subcommand)]
pub enum CaseCmd {
    /// Show the kind, deadline and missing materials an intake would get; stores nothing
    #[command(
        long_about = "Show what the desk would decide for an intake, storing nothing.\n\n\
        Prints tab-separated lines:\n  \
        kind<TAB>KIND                      即办件 承诺件 补办件 联办件 驳回件 上报件 容缺受理\n  \
        deadline<TAB>DATE                  or deadline<TAB>waiting<TAB>N: the clock waits for N materials\n  \
        missing<TAB>MATERIAL               one per material not in hand\n  \
        supplement_by<TAB>DATE             容缺受理 only: when the secondary materials are due\n\n\
        Materials are named as in the catalogue, separated by commas. The kind follows RULES §3: \
        everything in hand gives the item's own kind; main materials in hand with secondary ones \
        missing gives 容缺受理 (or 补办件 for a 即办件, or when the centre disallows 容缺); a main \
        material promised gives 补办件; a main material neither in hand nor promised gives 驳回件."
    )]
    Preview(PreviewArgs),
    /// Print a case's notice as the applicant receives it: the latest, or number N; as text,
    /// or as PDF with --pdf FILE
    Notice {
        id: u64,
        #[arg(long, value_name = "N")]
        number: Option<u32>,
        #[command(flatten)]
        pdf: super::paper::PdfArgs,
    },
    #[command(flatten)]
    Server(frontdesk::protocol::CaseReq),
}

#[derive(Args)]
pub struct PreviewArgs {
    /// The service item's code
    #[arg(long, value_name = "CODE")]
    item: String,
    /// The acceptance day, YYYY-MM-DD (not counted)
    #[arg(long, value_parser = args::date, value_name = "DATE")]
    accepted: NaiveDate,
    /// Materials in hand, comma-separated
    #[arg(long, value_name = "M1,M2", default_value = "")]
    have: Materials,
    /// Materials not brought but promised (已有但未带来), comma-separated
    #[arg(long, value_name = "M3", default_value = "")]
    promise: Materials,
    /// Use this catalogue file instead of the centre's
    #[arg(long, value_name = "CATALOGUE")]
    file: Option<PathBuf>,
    /// Use this centre file's settings instead of the centre's
    #[arg(long, value_name = "FILE")]
    centre: Option<PathBuf>,
    /// Green channel for a key project: half the statutory limit, rounded down
    #[arg(long)]
    green_channel: bool,
    /// Override the decided kind (needs --reason)
    #[arg(long, value_name = "KIND", requires = "reason")]
    kind: Option<String>,
    /// Why the kind was overridden
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: CaseCmd, out: &mut Out) -> Result<(), Failure> {
    let a = match cmd {
        CaseCmd::Preview(a) => a,
        CaseCmd::Notice { id, number, pdf } => {
            return super::case_server::notice(ctx, id, number, &pdf, out);
        }
        CaseCmd::Server(cmd) => return super::case_server::run(ctx, cmd, out),
    };
    let data = ctx.data_dir()?;
    let catalogue = match &a.file {
        Some(f) => load_catalogue(f, None)?,
        None => data.catalogue()?.0,
    };
    let centre = match &a.centre {
        Some(f) => load_centre(f)?,
        None => data.centre()?.0,
    };
    let cal = data.calendar()?;
    let item = catalogue.get(a.item.trim()).ok_or_else(|| {
        Failure::Error(format!(
            "the catalogue has no item with code `{}`; find codes with `frontdesk catalogue search`",
            a.item
        ))
    })?;
    let kind_override = match (&a.kind, &a.reason) {
        (Some(k), Some(r)) => Some((
            CaseKind::parse(k).ok_or_else(|| {
                Failure::Error(format!(
                    "unknown kind `{k}`; use one of 即办件 承诺件 补办件 联办件 驳回件 上报件 容缺受理"
                ))
            })?,
            r.clone(),
        )),
        _ => None,
    };
    let intake = Intake {
        item,
        ticked: Ticked {
            in_hand: a.have.0,
            promised: a.promise.0,
        },
        applicant: Applicant {
            name: String::new(),
            phone: None,
            id_number: None,
        },
        first_asked: String::new(),
        channel: Channel::Window,
        handler: String::new(),
        accepted_on: a.accepted,
        green_channel: a.green_channel,
        kind_override,
        needs_decision: false,
    };
    let case =
        Case::accept(intake, &centre.settings, &cal).map_err(|e| Failure::Error(e.to_string()))?;
    let deadline = case
        .deadline(&cal)
        .map_err(|e| Failure::Error(e.to_string()))?;
    if let Deadline::Due(r) = &deadline {
        for y in &r.provisional_years {
            warn(format!(
                "{y} has no official holiday schedule loaded; the deadline counts weekends only and is provisional"
            ));
        }
    }
    let missing: Vec<&str> = case.outstanding().iter().map(|m| m.name.as_str()).collect();
    if ctx.json {
        let notice = compose(&case, item, &centre, &cal, 1, a.accepted)
            .map_err(|e| Failure::Error(e.to_string()))?;
        let (date, waiting, provisional) = match &deadline {
            Deadline::Due(r) => (Some(r.value), None, r.is_provisional()),
            Deadline::Waiting { materials } => (None, Some(*materials), false),
            Deadline::Paused { .. } => (None, None, false),
        };
        out.json(&json!({
            "item": item.code,
            "kind": case.kind.chinese(),
            "kind_en": case.kind.english(),
            "decided": case.decided,
            "override": case.kind_override,
            "deadline": date,
            "waiting_for": waiting,
            "provisional": provisional,
            "missing": missing,
            "supplement_by": case.supplement_by,
            "notice": notice,
        }));
        return Ok(());
    }
    out.fields(&[&"kind", &case.kind.chinese()]);
    match deadline {
        Deadline::Due(r) => out.fields(&[&"deadline", &r.value]),
        Deadline::Waiting { materials } => out.fields(&[&"deadline", &"waiting", &materials]),
        Deadline::Paused { since, .. } => out.fields(&[&"deadline", &"paused", &since]),
    }
    for m in missing {
        out.fields(&[&"missing", &m]);
    }
    if let Some(by) = case.supplement_by {
        out.fields(&[&"supplement_by", &by]);
    }
    Ok(())
}
