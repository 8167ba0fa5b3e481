//! `frontdesk guide CODE` — an item's public service guide (办事指南, RULES §12), as the server
//! composes it from the centre's catalogue and centre file: the paper's text at 80 columns, or
//! with `--json` its typed blocks, or with `--pdf FILE` the PDF.

use clap::Args;
use serde_json::json;

use super::paper::{self, PdfArgs};
use super::{Ctx, Failure, Out, ask};
use frontdesk::domain::notice::{PAPER_WIDTH, blocks};
use frontdesk::protocol::{Request, Response, ViewReq};

#[derive(Args)]
pub struct GuideArgs {
    /// The item's code, as `frontdesk catalogue search` prints it (any case: mz-001 is MZ-001)
    // Not named `code`: that is the global `--code` of a PIN sign-in.
    #[arg(value_name = "CODE")]
    item: String,
    #[command(flatten)]
    pdf: PdfArgs,
}

pub fn run(ctx: &Ctx, args: GuideArgs, out: &mut Out) -> Result<(), Failure> {
    let request = Request::View(ViewReq::Guide {
        code: args.item.clone(),
    });
    let Response::Document(doc) = ask(&mut ctx.connect()?, request)? else {
        return Err(Failure::Error(
            "the server did not answer with the guide".into(),
        ));
    };
    if let Some(file) = &args.pdf.pdf {
        // A guide is not dated by an issue: the day it is printed is its date.
        let today = ctx
            .now
            .unwrap_or_else(|| chrono::Local::now().naive_local())
            .date()
            .and_time(chrono::NaiveTime::MIN);
        let title = format!("办事指南 · {}", args.item.to_uppercase());
        paper::write(ctx, &doc, &title, today, &args.pdf, file)?;
    } else if ctx.json {
        out.json(&json!(doc));
    } else {
        for line in blocks::text(&doc, PAPER_WIDTH) {
            out.paper(line);
        }
    }
    Ok(())
}
