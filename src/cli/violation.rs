//! `frontdesk violation list|confirm|dismiss|record` — accountability (RULES §9): its
//! subcommands are its requests themselves; this prints their replies, each violation as a
//! line of its staff member's ledger.

use frontdesk::domain::accountability::LedgerLine;
use frontdesk::protocol::{Request, Response, ViolationReq};

use super::{Ctx, Failure, Out, ask};

/// `ID<TAB>DATE<TAB>STAFF<TAB>TYPE<TAB>STATE<TAB>SOURCE<TAB>SANCTION`, the sanction with its
/// rung (`第2次：通报批评、追究领导责任`) once confirmed, `-` before.
fn line(l: &LedgerLine, out: &mut Out) {
    let v = &l.violation;
    let state = v.state.key();
    let sanction = match (&l.nth, &l.sanction) {
        (Some(n), Some(s)) => format!("第{n}次：{}", s.chinese()),
        _ => "-".into(),
    };
    out.fields(&[
        &l.id,
        &v.on,
        &v.staff,
        &v.kind.key(),
        &state,
        &v.source.describe(),
        &sanction,
    ]);
}

pub fn run(ctx: &Ctx, cmd: ViolationReq, out: &mut Out) -> Result<(), Failure> {
    let recorded = matches!(cmd, ViolationReq::Record { .. });
    match ask(&mut ctx.connect()?, Request::Violation(cmd))? {
        Response::Violations(list) if ctx.json => out.json(&serde_json::json!(list.items)),
        Response::Violations(list) => {
            for l in &list.items {
                line(l, out);
            }
        }
        Response::Violation(l) if ctx.json => out.json(&serde_json::json!(*l)),
        Response::Violation(l) if recorded => out.fields(&[&l.id]),
        Response::Violation(l) => line(&l, out),
        other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
    Ok(())
}
