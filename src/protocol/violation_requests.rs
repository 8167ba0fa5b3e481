//! Accountability (责任追究, RULES §9): the violations proposed from recorded facts, for the
//! director to confirm or dismiss, and each staff member's ledger with the sanction of each
//! confirmed one. As every request, its type is its command line, its handler's input and, by
//! its name, its audit act (`violation.confirm` …).

use chrono::NaiveDate;
use clap::Subcommand;
use serde::{Deserialize, Serialize};

use super::args;
use super::page::PageRequest;
use crate::domain::accountability::ViolationType;

#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ViolationReq {
    /// List violations: ID<TAB>DATE<TAB>STAFF<TAB>TYPE<TAB>STATE<TAB>SOURCE<TAB>SANCTION, the
    /// sanction of a confirmed one its rung on its ladder in the fact's calendar year. Staff
    /// who are not leaders, the director or supervisors see their own
    List {
        #[arg(long, value_name = "CODE")]
        #[serde(default)]
        staff: Option<String>,
        #[arg(long, value_name = "proposed|confirmed|dismissed", value_parser = args::violation_state)]
        #[serde(default)]
        state: Option<String>,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
    /// Confirm a proposed violation (the director); prints its ledger line
    Confirm { id: u64 },
    /// Dismiss a proposed violation with the reason (the director)
    Dismiss {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Record a violation seen by hand (the director or a supervisor), proposed for the
    /// director's decision; prints its id
    Record {
        #[arg(long, value_name = "CODE")]
        staff: String,
        /// first-asked, deadline, one-time-notice, attitude, empty-post, outside-acceptance,
        /// other
        #[arg(long = "type", value_name = "TYPE", value_parser = args::violation_type)]
        kind: ViolationType,
        /// The day of the fact (default today)
        #[arg(long, value_parser = args::date, value_name = "DATE")]
        #[serde(default)]
        date: Option<NaiveDate>,
        /// It did harm (造成不良后果) or is serious (情节严重)
        #[arg(long)]
        #[serde(default)]
        serious: bool,
        /// What happened
        #[arg(long, value_name = "TEXT")]
        note: String,
    },
}
