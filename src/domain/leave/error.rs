//! The reasons a leave request is refused, in words for people: each names the rule, the
//! people and the dates, and what would be allowed.

use chrono::{NaiveDate, NaiveDateTime};

use super::LeaveStatus;

/// The step of a duty swap that is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SwapStep {
    ReportToHead,
    HandOver,
}

impl std::fmt::Display for SwapStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SwapStep::ReportToHead => "reported to the head (报告主要领导)",
            SwapStep::HandOver => "handed over (值班交接)",
        })
    }
}

pub(super) fn hm(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum LeaveError {
    #[error("no staff member has the code `{code}`; use the code on the centre's staff list")]
    UnknownStaff { code: String },
    #[error("there is no leave request #{id}")]
    UnknownRequest { id: u64 },
    #[error(
        "{name}'s absence would end ({}) no later than it starts ({}); give an end after the start (leave rule, 000 三(五))",
        hm(.to), hm(.from)
    )]
    EmptyPeriod {
        name: String,
        from: NaiveDateTime,
        to: NaiveDateTime,
    },
    #[error(
        "leave is asked in writing: write the reason for {name}'s absence (leave rule, 000 三(五)2)"
    )]
    NoReason { name: String },
    #[error(
        "{name} already has leave #{other} from {} to {}; change that request or ask for a time outside it (leave rule, 000 三(五))",
        hm(.other_from), hm(.other_to)
    )]
    Overlaps {
        name: String,
        other: u64,
        other_from: NaiveDateTime,
        other_to: NaiveDateTime,
    },
    #[error(
        "{window} would have neither A ({a}) nor B ({b}) on {date}: {partner} is already down as away then (leave #{other}); A and B agree cover first, so ask for a time when {partner} is at the window (leave rule, 000 三(五))"
    )]
    BothPostsAway {
        window: String,
        a: String,
        b: String,
        partner: String,
        date: NaiveDate,
        other: u64,
    },
    #[error(
        "{window} would have neither A ({a}) nor B ({b}) on {date}, as leave #{other} is already approved; approve only one of them (leave rule, 000 三(五))"
    )]
    ApprovalWouldEmptyWindow {
        window: String,
        a: String,
        b: String,
        date: NaiveDate,
        other: u64,
    },
    #[error(
        "{leader} is the leader on duty on {date} and may not be away that day unless the duty is swapped with another leader, reported to the head and handed over; record that swap for {date} (duty leader rule, 000 三(三)4)"
    )]
    DutyDayWithoutSwap { leader: String, date: NaiveDate },
    #[error(
        "{leader} took over {from}'s duty on {date} by a swap and may not be away that day unless the duty is swapped on to another leader, reported to the head and handed over; record that swap for {date} (duty leader rule, 000 三(三)4)"
    )]
    TakenDutyDayWithoutSwap {
        leader: String,
        date: NaiveDate,
        from: String,
    },
    #[error(
        "{leader} cannot swap the duty of {date} with themselves; name another leader or the director to keep it (duty leader rule, 000 三(三)4)"
    )]
    SwapWithSelf { leader: String, date: NaiveDate },
    #[error(
        "{leader}'s duty of {date} can only go to another leader or the director, and {cover} is not one; name a leader (duty leader rule, 000 三(三)4)"
    )]
    SwapCoverNotALeader {
        leader: String,
        date: NaiveDate,
        cover: String,
    },
    #[error(
        "{leader}'s duty of {date} cannot go to {cover}, who is down as away that day (leave #{other}); name a leader who is in (duty leader rule, 000 三(三)4)"
    )]
    SwapCoverAway {
        leader: String,
        date: NaiveDate,
        cover: String,
        other: u64,
    },
    #[error(
        "{leader}'s duty swap with {cover} on {date} is not yet {missing}; finish it before asking for leave (duty leader rule, 000 三(三)4)"
    )]
    SwapUnfinished {
        leader: String,
        date: NaiveDate,
        cover: String,
        missing: SwapStep,
    },
    #[error(
        "{name} may not decide on their own leave #{id}; the director or the leader on duty decides it (leave rule, 000 三(五)2)"
    )]
    OwnLeave { name: String, id: u64 },
    #[error(
        "{name} may not record their own urgent leave; the director or the leader on duty records it for them (leave rule, 000 三(五)2)"
    )]
    OwnUrgentLeave { name: String },
    #[error(
        "leave #{id} is {}; only a request still waiting can be approved, refused or withdrawn",
        state_words(.status)
    )]
    NotWaiting { id: u64, status: LeaveStatus },
    #[error("a refusal of leave #{id} needs its reason, written for the person who asked")]
    NoRefusalReason { id: u64 },
    #[error(
        "only the person who asked for leave #{id} may withdraw it; an approver may refuse it instead"
    )]
    NotRequester { id: u64 },
    #[error(
        "leave #{id} is {}; only approved leave is cancelled on return (销假, leave rule, 000 三(五)3)",
        state_words(.status)
    )]
    NotApproved { id: u64, status: LeaveStatus },
    #[error(
        "leave #{id} starts at {}; a return (销假) at {} would be before it; give the time the person came back",
        hm(.from), hm(.at)
    )]
    ReturnBeforeStart {
        id: u64,
        from: NaiveDateTime,
        at: NaiveDateTime,
    },
}

fn state_words(status: &LeaveStatus) -> String {
    match status {
        LeaveStatus::Requested => "still waiting for a decision".into(),
        LeaveStatus::Approved { .. } => "already approved".into(),
        LeaveStatus::Refused { .. } => "refused".into(),
        LeaveStatus::Returned { at, .. } => format!("already closed by a return at {}", hm(at)),
        LeaveStatus::Withdrawn { .. } => "withdrawn".into(),
    }
}
