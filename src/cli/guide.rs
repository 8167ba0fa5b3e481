//! `frontdesk guide CODE` — an item's public service guide (办事指南, RULES §12), as the server
//! composes it from the centre's catalogue and centre file: the paper's text at 80 columns, or
//! with `--json` its typed blocks. Its own file, so that its ways to print (a PDF later) have
//! their place.

use clap::Args;
use serde_json::json;

use super::{Ctx, Failure, Out, ask};
use frontdesk::domain::notice::{PAPER_WIDTH, blocks};
use frontdesk::protocol::{Request, Response, ViewReq};

#[derive(Args)]
pub struct GuideArgs {
    /// The item's code, as `frontdesk catalogue search` prints it (any case: mz-001 is MZ-001)
    // Not named `code`: that is the global `--code` of a PIN sign-in.
    #[arg(value_name = "CODE")]
    item: String,
}

pub fn run(ctx: &Ctx, args: GuideArgs, out: &mut Out) -> Result<(), Failure> {
    let request = Request::View(ViewReq::Guide { code: args.item });
    let Response::Document(doc) = ask(&mut ctx.connect()?, request)? else {
        return Err(Failure::Error(
            "the server did not answer with the guide".into(),
        ));
    };
    if ctx.json {
        out.json(&json!(doc));
    } else {
        for line in blocks::text(&doc, PAPER_WIDTH) {
            out.paper(line);
        }
    }
    Ok(())
}
