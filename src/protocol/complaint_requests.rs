//! The complaint register (投诉, RULES §8): record a complaint, list and show it, extend its
//! reply once, record the reply. As every request, its type is its command line, its handler's
//! input and, by its name, its audit act (`complaint.open`, `complaint.reply` …). Only the
//! director, the leaders and supervisors reach it.

use clap::Subcommand;
use serde::{Deserialize, Serialize};

use super::args::{self, Grounds};
use super::page::PageRequest;
use crate::domain::complaint::{ComplaintChannel, Finding, ReplyForm};

#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum ComplaintReq {
    /// Record a complaint; prints ID<TAB>DUE, the day its reply is due (5 working days, a
    /// signed report 10)
    Open {
        #[arg(long, value_name = "oral|phone|written|report", value_parser = args::complaint_channel)]
        channel: ComplaintChannel,
        /// Its grounds, comma-separated: commitment, procedure, case-rules, outcome,
        /// corruption, attitude
        #[arg(long, value_name = "G1,G2")]
        grounds: Grounds,
        /// The staff member complained of, when known
        #[arg(long, value_name = "STAFF")]
        #[serde(default)]
        against: Option<String>,
        /// The case concerned, when known
        #[arg(long, value_name = "ID")]
        #[serde(default)]
        case: Option<u64>,
        /// The complainant's name
        #[arg(long, value_name = "NAME")]
        name: String,
        /// The complainant's phone
        #[arg(long, value_name = "PHONE")]
        phone: String,
        /// What is complained of
        #[arg(long, value_name = "TEXT")]
        text: String,
        /// A major complaint: it must be written, and goes to the leadership and the
        /// discipline body
        #[arg(long)]
        #[serde(default)]
        major: bool,
    },
    /// List complaints, the complainant masked:
    /// ID<TAB>RECEIVED<TAB>DUE<TAB>GROUNDS<TAB>AGAINST<TAB>STATE<TAB>COMPLAINANT
    List {
        /// Only those still to answer, by the day they are due
        #[arg(long)]
        #[serde(default)]
        open: bool,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
    /// Show a complaint: KEY<TAB>VALUE lines
    Show { id: u64 },
    /// Extend the reply once, by its period again, with the reason explained to the
    /// complainant (003); prints ID<TAB>DUE
    Extend {
        id: u64,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Record the reply: what was found and what the complainant was told (by default in the
    /// complaint's own form, oral for oral); an upheld complaint against a staff member
    /// proposes a violation
    Reply {
        id: u64,
        #[arg(long, value_name = "upheld|partly|not-upheld", value_parser = args::finding)]
        outcome: Finding,
        #[arg(long, value_name = "TEXT")]
        text: String,
        #[arg(long, value_name = "oral|written", value_parser = args::reply_form)]
        #[serde(default)]
        form: Option<ReplyForm>,
    },
}
