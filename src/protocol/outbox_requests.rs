//! The outbox of completion messages (RULES §4: the applicant is told by SMS when the case
//! completes). As every request, its type is its command line, its handler's input and, by its
//! name, its audit act (`outbox.list`, `outbox.retry`).

use chrono::NaiveDateTime;
use clap::Subcommand;
use serde::{Deserialize, Serialize};

use super::args;
use super::page::PageRequest;
use crate::domain::outbox::{DeliveryState, Status};

/// The outbox of SMS to applicants: list it, queue a failed message again.
#[derive(Debug, Clone, Serialize, Deserialize, Subcommand, strum::IntoStaticStr)]
#[serde(tag = "op", rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum OutboxReq {
    /// List messages: ID<TAB>CASE<TAB>QUEUED<TAB>STATE<TAB>ATTEMPTS<TAB>PHONE<TAB>LAST ERROR
    /// (STATE queued, retrying, sent or failed; the phone masked). Leaders, the director,
    /// supervisors and administrators see every message, others those of the cases they handle
    List {
        /// Only messages in this state (a message waiting for a retry is queued)
        #[arg(long, value_name = "queued|sent|failed", value_parser = args::delivery_state)]
        #[serde(default)]
        state: Option<DeliveryState>,
        #[arg(skip)]
        #[serde(default)]
        page: PageRequest,
    },
    /// Queue a failed message again, with a new round of attempts (leaders, the director and
    /// administrators); prints its id
    Retry { id: u64 },
}

/// One message of the outbox as its reader may see it: the phone masked, the text left out of
/// lists (it is on the case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub id: u64,
    pub case: u64,
    pub queued_at: NaiveDateTime,
    pub status: Status,
    /// Attempts made, in all.
    pub attempts: u32,
    /// Masked, as lists mask it (`138****1234`).
    pub phone: String,
    pub last_error: Option<String>,
}

impl MessageRow {
    pub fn of(id: u64, m: &crate::domain::outbox::Message) -> Self {
        MessageRow {
            id,
            case: m.case,
            queued_at: m.queued_at,
            status: m.status(),
            attempts: m.attempts,
            phone: crate::domain::privacy::mask_phone(&m.phone),
            last_error: m.last_error.clone(),
        }
    }

    /// `queued`, `retrying`, `sent` or `failed`.
    pub fn state(&self) -> &'static str {
        match self.status {
            Status::Queued => "queued",
            Status::Retrying { .. } => "retrying",
            Status::Sent { .. } => "sent",
            Status::Failed { .. } => "failed",
        }
    }
}
