//! Why an act on a case is not allowed: each error names the rule (RULES §1–§4), in English
//! here and in Chinese in `refusal::zh`.

use chrono::NaiveDate;

use super::CaseKind;
use crate::domain::clock::ClockError;
use crate::domain::words::Word;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum CaseError {
    #[error("{item} has no material called `{name}`; its materials are: {known}")]
    UnknownMaterial {
        item: String,
        name: String,
        known: String,
    },
    #[error("`{0}` is ticked both as in hand and as promised; choose one")]
    TickedTwice(String),
    #[error(
        "overriding the kind to {} needs a reason, which is recorded (RULES §3)",
        to.chinese()
    )]
    OverrideWithoutReason { to: CaseKind },
    #[error("{item} is a 即办件: 容缺受理 is not for immediate cases (RULES §3, 004)")]
    DeficiencyForImmediate { item: String },
    #[error("the centre does not allow 容缺受理 (setting accept_with_deficiency)")]
    DeficiencyNotAllowed,
    #[error("容缺受理 needs every main material in hand; `{material}` is not (RULES §3)")]
    DeficiencyMainMissing { material: String },
    #[error("the case is {state}; it cannot be {action}")]
    Closed { state: Word, action: Word },
    #[error(
        "the case was due on {due}; an extension is asked for and approved before the deadline (000 二(三)4), and its overdue stays on record"
    )]
    ExtensionAfterDeadline { due: NaiveDate },
    #[error(
        "the case was due on {due}; a special procedure starts before the deadline, and its overdue stays on record"
    )]
    PauseAfterDeadline { due: NaiveDate },
    #[error(
        "a rejected case (驳回件) cannot be completed: the applicant may ask for review (复核) or apply again (RULES §3)"
    )]
    CompleteRejected,
    #[error(
        "the case waits for {0} material(s) (补办件); it can be completed only once they are all in hand"
    )]
    CompleteWaiting(usize),
    #[error(
        "the 容缺 supplements ({0}) are not in hand; the result is released only after they arrive (RULES §3)"
    )]
    CompleteDeficient(String),
    #[error("the clock is paused; resume it before completing")]
    CompletePaused,
    #[error("`{0}` is already in hand")]
    AlreadyInHand(String),
    #[error(
        "pages are counted for materials in hand, for the receipt (003 二4); `{0}` has not been handed over"
    )]
    PagesNotInHand(String),
    #[error("a rejection needs its reason, for the rejection notice (RULES §3)")]
    RejectWithoutReason,
    #[error(
        "the case is {}, not a rejection: only a matter to be rejected waits for a decision (3 working days, 002)",
        kind.chinese()
    )]
    DecisionNotNeeded { kind: CaseKind },
    #[error(
        "only a case waiting for its decision (驳回件 kept open) can be admitted; this one is {}",
        kind.chinese()
    )]
    NotAwaitingDecision { kind: CaseKind },
    #[error(
        "the main material(s) {0} are missing and not promised: the case cannot be admitted until they are, or it is rejected"
    )]
    AdmitMainMissing(String),
    #[error("admitting a case kept for its decision needs the reason, which is recorded")]
    AdmitWithoutReason,
    #[error("the 容缺 supplement date {by} has not passed on {on}; it lapses only after it")]
    DeficiencyNotLapsed { by: NaiveDate, on: NaiveDate },
    #[error("only a 容缺受理 case has supplements that can lapse")]
    NotDeficiency,
    #[error(
        "{} cannot be reported up: only 承诺件, 联办件 and 补办件 once started can",
        kind.chinese()
    )]
    CannotReportUp { kind: CaseKind },
    #[error("`{0}` already handles this case; name another window")]
    CoWindowAlready(String),
    #[error("{what} on {on} is before the acceptance day {accepted}")]
    BeforeAcceptance {
        what: Word,
        on: NaiveDate,
        accepted: NaiveDate,
    },
    #[error(transparent)]
    Clock(#[from] ClockError),
}
