//! The audit trail's events: the record of facts (DESIGN.md). Each event says who did what, to
//! what, with what outcome and what changed, on the server's clock; complaints, scores and
//! county replication read them, and nothing else keeps a second history.
//!
//! This sits below the store (which keeps and chains the events) and the protocol (which
//! carries them to consoles), so both speak of the same event. How an event is hashed is in
//! [`digest`], and written down in `docs/audit.md`.
//!
//! Personal data never enters an event: a case is named by its number, and no applicant's or
//! caller's name, ID number or phone number is written in a payload (docs/decisions.md).

mod data;
pub mod digest;
mod facts;
mod legacy;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::shanghai;
use crate::lang::Lang;
use crate::refusal::Refusal;

pub use data::Data;
pub use legacy::LegacyEvent;

/// What an event is about. Its [`Target::key`] files the event in the trail's index, so a
/// case's history, or a ticket's, is a range of that index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    Case {
        id: u64,
    },
    /// A ticket of a day's queue.
    Ticket {
        date: NaiveDate,
        number: String,
    },
    Extension {
        id: u64,
    },
    Enquiry {
        id: u64,
    },
    Leave {
        id: u64,
    },
    Duty {
        id: u64,
    },
    /// Cover assigned to a window (顶岗).
    Cover {
        id: u64,
    },
    /// A message of the outbox (an applicant's SMS).
    Message {
        id: u64,
    },
    /// A complaint of the register (投诉).
    Complaint {
        id: u64,
    },
    /// A rating (好差评) and the rectification its 差评 opened.
    Rating {
        id: u64,
    },
    /// A month's return visits (回访), `2026-09`.
    Visit {
        month: String,
    },
    /// A staff member (a sign-in, a PIN).
    Staff {
        code: String,
    },
    /// The store itself (a migration, a backup, the centre's definition).
    Store,
}

impl Target {
    /// The key an event about this is filed under: `case/45`, `ticket/2026-11-23/A012`,
    /// `staff/C01`, `store`.
    pub fn key(&self) -> String {
        match self {
            Target::Case { id } => format!("case/{id}"),
            Target::Ticket { date, number } => format!("ticket/{date}/{number}"),
            Target::Extension { id } => format!("extension/{id}"),
            Target::Enquiry { id } => format!("enquiry/{id}"),
            Target::Leave { id } => format!("leave/{id}"),
            Target::Duty { id } => format!("duty/{id}"),
            Target::Cover { id } => format!("cover/{id}"),
            Target::Message { id } => format!("message/{id}"),
            Target::Complaint { id } => format!("complaint/{id}"),
            Target::Rating { id } => format!("rating/{id}"),
            Target::Visit { month } => format!("visit/{month}"),
            Target::Staff { code } => format!("staff/{code}"),
            Target::Store => "store".into(),
        }
    }
}

/// How a request ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", content = "refusal", rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    /// Refused, as a code with its parameters, so any reader's language renders it.
    Refused(Refusal),
    /// An event of before typed events: its result as it was written (`refused: why`).
    Recorded(String),
}

impl Outcome {
    /// `ok`, or why it was refused, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Outcome::Ok, Lang::En) => "ok".into(),
            (Outcome::Ok, Lang::Zh) => "完成".into(),
            (Outcome::Refused(r), Lang::En) => format!("refused: {}", r.text(Lang::En)),
            (Outcome::Refused(r), Lang::Zh) => format!("被拒：{}", r.text(Lang::Zh)),
            (Outcome::Recorded(text), Lang::En) => text.clone(),
            (Outcome::Recorded(text), Lang::Zh) => match text.strip_prefix("refused: ") {
                Some(why) => format!("被拒：{why}"),
                None if text == "ok" => "完成".into(),
                None => text.clone(),
            },
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok) || matches!(self, Outcome::Recorded(t) if t == "ok")
    }
}

/// A new event: what the caller knows; the store adds the sequence and the chain.
#[derive(Debug, Clone)]
pub struct Draft {
    pub at: NaiveDateTime,
    pub actor: String,
    pub uid: u32,
    pub act: String,
    pub targets: Vec<Target>,
    pub outcome: Outcome,
    pub data: Data,
}

/// An event as recorded since typed events (schema 4). `outcome` and `data` are kept as the
/// canonical JSON they were written as, so the digest covers exactly the bytes written and an
/// older event verifies whatever a later release adds to the types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedEvent {
    pub seq: u64,
    /// The server's clock, UTC, in microseconds since 1970.
    pub at_us: i64,
    /// Staff code of who acted, or `-` for the server itself or a peer not yet known.
    pub actor: String,
    /// The peer's unix uid.
    pub uid: u32,
    /// The act, named as its request is: `ticket.take`, `case.open`, `sign-in` …
    pub act: String,
    /// What it was about, as [`Target::key`]s.
    pub targets: Vec<String>,
    /// [`Outcome`] as canonical JSON.
    pub outcome: String,
    /// [`Data`] as canonical JSON.
    pub data: String,
    pub prev: String,
    pub hash: String,
}

/// An event of the trail, of either rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum AuditEvent {
    /// Written before typed events, verified under its own rule.
    Legacy(LegacyEvent),
    Typed(TypedEvent),
}

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// UTC microseconds of a moment on the centre's clock.
pub fn utc_us(at: NaiveDateTime) -> i64 {
    at.and_local_timezone(shanghai())
        .single()
        .map_or(0, |t| t.timestamp_micros())
}

impl TypedEvent {
    /// Builds the event that follows `prev`, with its hash.
    pub fn new(seq: u64, prev: String, d: Draft) -> Self {
        let mut e = TypedEvent {
            seq,
            at_us: utc_us(d.at),
            actor: d.actor,
            uid: d.uid,
            act: d.act,
            targets: d.targets.iter().map(Target::key).collect(),
            outcome: canonical(&d.outcome),
            data: canonical(&d.data),
            prev,
            hash: String::new(),
        };
        e.hash = digest::typed(&e);
        e
    }
}

/// The canonical JSON of a value: serde_json's compact form of our types, whose fields come in
/// the order declared and which hold no maps.
fn canonical<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

impl AuditEvent {
    pub fn seq(&self) -> u64 {
        match self {
            AuditEvent::Legacy(e) => e.seq,
            AuditEvent::Typed(e) => e.seq,
        }
    }

    pub fn hash(&self) -> &str {
        match self {
            AuditEvent::Legacy(e) => &e.hash,
            AuditEvent::Typed(e) => &e.hash,
        }
    }

    /// When it happened, on the centre's clock (Asia/Shanghai).
    pub fn at(&self) -> NaiveDateTime {
        match self {
            AuditEvent::Legacy(e) => e.at,
            AuditEvent::Typed(e) => DateTime::<Utc>::from_timestamp_micros(e.at_us)
                .map(|t| t.with_timezone(&shanghai()).naive_local())
                .unwrap_or_default(),
        }
    }

    pub fn actor(&self) -> &str {
        match self {
            AuditEvent::Legacy(e) => &e.actor,
            AuditEvent::Typed(e) => &e.actor,
        }
    }

    pub fn act(&self) -> &str {
        match self {
            AuditEvent::Legacy(e) => &e.action,
            AuditEvent::Typed(e) => &e.act,
        }
    }

    /// The keys it is filed under (a legacy event's one target, keyed as typed ones are).
    pub fn target_keys(&self) -> Vec<String> {
        match self {
            AuditEvent::Legacy(e) => e.target_key().into_iter().collect(),
            AuditEvent::Typed(e) => e.targets.clone(),
        }
    }

    pub fn outcome(&self) -> Outcome {
        match self {
            AuditEvent::Legacy(e) => Outcome::Recorded(e.result.clone()),
            AuditEvent::Typed(e) => serde_json::from_str(&e.outcome)
                .unwrap_or_else(|_| Outcome::Recorded(e.outcome.clone())),
        }
    }

    pub fn data(&self) -> Data {
        match self {
            AuditEvent::Legacy(_) => Data::None,
            AuditEvent::Typed(e) => serde_json::from_str(&e.data).unwrap_or_default(),
        }
    }

    /// One JSON object for `audit log --json`: the payload under `data`.
    pub fn to_json(&self) -> serde_json::Value {
        let at = self
            .at()
            .and_local_timezone(shanghai())
            .single()
            .map(|t| t.to_rfc3339())
            .unwrap_or_default();
        let parsed = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap_or_default();
        let (outcome, data, uid) = match self {
            AuditEvent::Legacy(e) => (
                serde_json::json!({"result": "recorded", "refusal": e.result}),
                serde_json::Value::Null,
                e.uid,
            ),
            AuditEvent::Typed(e) => (parsed(&e.outcome), parsed(&e.data), e.uid),
        };
        serde_json::json!({
            "seq": self.seq(),
            "at": at,
            "actor": self.actor(),
            "uid": uid,
            "act": self.act(),
            "targets": self.target_keys(),
            "outcome": outcome,
            "data": data,
            "hash": self.hash(),
        })
    }
}

/// Where a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("audit event {seq} does not match its hash: it was changed after it was written")]
    Altered { seq: u64 },
    #[error(
        "audit event {seq} does not follow event {prev_seq}: an event between them was removed or replaced"
    )]
    Broken { seq: u64, prev_seq: u64 },
    #[error("audit event {seq} is out of sequence (expected {expected}): events were removed")]
    Gap { seq: u64, expected: u64 },
    #[error(
        "audit event {seq} is written under the old rule after typed events began: it was inserted later"
    )]
    LegacyAfterTyped { seq: u64 },
}

/// A chain checked event by event, each under its own rule.
pub struct Chain {
    prev_hash: String,
    checked: u64,
    typed_seen: bool,
}

impl Default for Chain {
    fn default() -> Self {
        Chain {
            prev_hash: GENESIS.to_string(),
            checked: 0,
            typed_seen: false,
        }
    }
}

impl Chain {
    pub fn next(&mut self, e: &AuditEvent) -> Result<(), ChainError> {
        let seq = e.seq();
        let expected = self.checked + 1;
        if seq != expected {
            return Err(ChainError::Gap { seq, expected });
        }
        let (prev, digest) = match e {
            AuditEvent::Legacy(l) => {
                if self.typed_seen {
                    return Err(ChainError::LegacyAfterTyped { seq });
                }
                (&l.prev, digest::legacy(l))
            }
            AuditEvent::Typed(t) => {
                self.typed_seen = true;
                (&t.prev, digest::typed(t))
            }
        };
        if *prev != self.prev_hash {
            return Err(ChainError::Broken {
                seq,
                prev_seq: seq - 1,
            });
        }
        if digest != e.hash() {
            return Err(ChainError::Altered { seq });
        }
        self.prev_hash = e.hash().to_string();
        self.checked = expected;
        Ok(())
    }

    pub fn checked(&self) -> u64 {
        self.checked
    }
}

/// Checks a chain of events in order; returns how many were checked.
pub fn verify<'a>(events: impl IntoIterator<Item = &'a AuditEvent>) -> Result<u64, ChainError> {
    let mut chain = Chain::default();
    for e in events {
        chain.next(e)?;
    }
    Ok(chain.checked)
}
