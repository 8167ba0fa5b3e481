//! The typed payloads of audit events: what each act changed, by what it was about. Cases are
//! named by number only; no applicant's, caller's, complainant's or rater's personal data is
//! written here.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::case::CaseKind;
use crate::domain::notice::Violation;

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
