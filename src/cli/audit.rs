//! `frontdesk audit verify|log` — the hash-chained audit trail (RULES §9).

use chrono::NaiveDate;
use clap::Subcommand;
use serde_json::json;

use frontdesk::protocol::{PageRequest, Request, Response};

use super::{Ctx, Failure, Out, ask, parse_date};

#[derive(Subcommand)]
pub enum AuditCmd {
    /// Check the hash chain: exits 0 saying how many events it checked, or 1 naming the first bad event
    Verify,
    /// Show the history: SEQ<TAB>TIME<TAB>STAFF<TAB>ACTION<TAB>TARGET<TAB>RESULT (with --json,
    /// one JSON object a line)
    Log {
        /// Only events about this case
        #[arg(long = "case", value_name = "ID")]
        case: Option<u64>,
        /// Only events about this target: case/ID, ticket/DATE/NUMBER, extension/ID,
        /// enquiry/ID, leave/ID, duty/ID, staff/CODE or store
        #[arg(long, value_name = "TARGET", conflicts_with = "case")]
        target: Option<String>,
        /// Only this staff member's events
        #[arg(long, value_name = "CODE")]
        staff: Option<String>,
        /// Only events on or after this day
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        since: Option<NaiveDate>,
    },
}

pub fn run(ctx: &Ctx, cmd: AuditCmd, out: &mut Out) -> Result<(), Failure> {
    let mut client = ctx.connect()?;
    match cmd {
        AuditCmd::Verify => match ask(&mut client, Request::AuditVerify)? {
            Response::Verified { checked } if ctx.json => {
                out.json(&json!({"ok": true, "checked": checked}))
            }
            Response::Verified { checked } => {
                out.line(format!("audit trail intact: {checked} events checked"))
            }
            other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
        },
        AuditCmd::Log {
            case,
            target,
            staff,
            since,
        } => {
            let target = case.map(|id| format!("case/{id}")).or(target);
            match ask(
                &mut client,
                Request::AuditLog {
                    staff,
                    target,
                    since,
                    page: PageRequest::first(),
                },
            )? {
                // One object a line (NDJSON), so a long trail streams into other tools.
                Response::Events(events) if ctx.json => {
                    for e in events.items {
                        out.line(e.to_json().to_string());
                    }
                }
                Response::Events(events) => {
                    for e in events.items {
                        out.line(format!(
                            "{}\t{}\t{}\t{}\t{}\t{}",
                            e.seq(),
                            e.at().format("%Y-%m-%d %H:%M:%S"),
                            e.actor(),
                            e.act(),
                            e.target_keys().join(","),
                            e.outcome().text(frontdesk::lang::Lang::En)
                        ));
                    }
                }
                other => return Err(Failure::Error(format!("unexpected reply {other:?}"))),
            }
        }
    }
    Ok(())
}
