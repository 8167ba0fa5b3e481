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

pub mod digest;
mod facts;
mod legacy;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::shanghai;
use crate::domain::case::CaseKind;
use crate::domain::notice::Violation;
use crate::lang::Lang;
use crate::refusal::Refusal;

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

/// What changed, typed by what the act was about. Cases are named by number only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Data {
    /// Nothing beyond the act and its targets (a sign-in, a stop, a refusal).
    #[default]
    None,
    Ticket {
        number: String,
        window: String,
        /// `waiting`, `called`, `recalled N`, `no-show`.
        state: String,
        priority: bool,
    },
    /// A case as the act left it.
    Case {
        case: u64,
        item: String,
        window: String,
        kind: CaseKind,
        /// `open`, `completed` or `rejected`.
        status: String,
        handler: String,
        first_asked: String,
        /// The deadline, when its clock runs.
        deadline: Option<NaiveDate>,
        /// The number of the notice this act issued, if it issued one.
        notice: Option<u32>,
        /// That notice asked for materials the first notice did not name: one-time
        /// notification was not met (RULES §2, §9), held against the act's author.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        violation: Option<Violation>,
    },
    Extension {
        request: u64,
        case: u64,
        days: u32,
        /// `pending`, `approved` or `refused`.
        state: String,
    },
    Enquiry {
        enquiry: u64,
        first_asked: String,
        open: bool,
    },
    Leave {
        request: u64,
        staff: String,
        from: NaiveDateTime,
        to: NaiveDateTime,
        /// `requested`, `approved`, `refused`, `withdrawn` or `returned`.
        state: String,
    },
    Duty {
        entry: u64,
        leader: String,
    },
    /// Cover assigned to a window whose posts are both away (顶岗, 000 三(四)4).
    Cover {
        cover: u64,
        window: String,
        staff: String,
        from: NaiveDateTime,
        to: NaiveDateTime,
        /// The cover does not know the window; the director named them.
        named_by_director: bool,
    },
    Pin {
        staff: String,
    },
    /// The centre's definition mirrored at a start: what changed since the last.
    Definition {
        changed: Vec<String>,
    },
    Migration {
        from: u32,
        to: u32,
    },
    Backup {
        path: String,
        events: u64,
    },
    /// A backup put in place of the store (`frontdesk restore`): the head of the store it
    /// replaced, if there was one, and the backup's.
    Restore {
        backup: String,
        replaced_seq: Option<u64>,
        replaced_hash: Option<String>,
        backup_seq: u64,
        backup_hash: String,
    },
    /// A new, empty store started on purpose where one had been (`frontdesk init
    /// --new-store`): the head the old one had reached.
    NewStore {
        previous_seq: u64,
        previous_hash: String,
    },
    /// A case passed its deadline without being finished (RULES §4, §9): recorded once.
    Overdue {
        case: u64,
        handler: String,
        due: NaiveDate,
        /// Working days after the deadline up to the day it was recorded (0 on the rest days
        /// right after a deadline).
        working_days_over: i64,
    },
    /// A 容缺 case whose supplements did not come by their day was returned (RULES §3).
    Lapsed {
        case: u64,
        supplement_by: NaiveDate,
        notice: u32,
    },
    /// A message of the outbox: queued again, or an attempt at delivering it and where that
    /// left it (`sent`, `retrying`, `failed`, `queued`). Never its phone number or text: the
    /// error is sanitised, its numbers masked.
    Message {
        message: u64,
        case: u64,
        /// Attempts made so far, in all.
        attempts: u32,
        state: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<String>,
        /// When the next attempt is due, while it waits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<NaiveDateTime>,
    },
    /// A document put on paper (打印): a case's notice or a queue ticket, printed, printed
    /// again or saved under the data directory.
    Paper {
        /// `case/12/notice/2` or `ticket/2026-12-02/A003`.
        document: String,
        /// `pdf` or `text`.
        form: String,
        /// `printed`, `reprinted` or `saved`.
        way: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        printer: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path: Option<String>,
        /// Why it was saved rather than printed (no printer set, the command failed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        why: Option<String>,
    },
    /// A complaint of the register as an act left it: never its complainant, who is
    /// confidential (RULES §8).
    Complaint {
        complaint: u64,
        channel: String,
        grounds: Vec<String>,
        against: Option<String>,
        case: Option<u64>,
        due: NaiveDate,
        /// `open`, `extended` or `replied`.
        state: String,
        /// The reply's finding: `upheld`, `partly` or `not-upheld`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        finding: Option<String>,
        /// Passed to the leadership and the discipline body (major, or corruption).
        passed_up: bool,
    },
    /// A violation as an act left it (责任追究): proposed, recorded, confirmed or dismissed.
    Violation {
        violation: u64,
        staff: String,
        /// Its type's key (`deadline`, `one-time-notice` …).
        kind: String,
        /// `proposed`, `confirmed` or `dismissed`.
        state: String,
        /// The fact behind it, in Chinese.
        source: String,
        /// Its rung on its ladder, once confirmed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        nth: Option<u32>,
    },
    /// A window found with neither post present and no cover while open: the violations it
    /// proposed against its A and B.
    EmptyPost {
        window: String,
        date: NaiveDate,
        proposed: Vec<u64>,
    },
    /// A rating and its rectification as an act left it (RULES §11): never who the rater is
    /// beyond the staff code that entered it.
    Rating {
        rating: u64,
        case: u64,
        window: String,
        /// Who served, and was rated.
        staff: String,
        level: u8,
        /// `pad`, `visit`, `sms` or `desk`.
        channel: String,
        entered_by: String,
        /// `-`, `open DUE`, `answered`, `appealed`, `upheld` or `withdrawn`.
        state: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
        /// The violation proposed against who served when the appeal was refused.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        violation: Option<u64>,
    },
    /// A month's return-visit draw: its seed and size, how many cases it was drawn from, the
    /// sample; `again` when the recorded draw was only read back.
    VisitDraw {
        month: String,
        seed: u64,
        size: usize,
        candidates: usize,
        cases: Vec<u64>,
        again: bool,
    },
    /// A return visit's result, recorded as rating `rating` through the visit channel.
    Visit {
        case: u64,
        month: String,
        level: u8,
        rating: u64,
    },
    /// A request that started with no decision, flagged to those who decide it.
    Undecided {
        /// `extension/ID` or `leave/ID`.
        request: String,
        deciders: Vec<String>,
    },
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
