//! A case (办件): the kind decided from the materials (六件分类, RULES §3), its clock (§4),
//! who was first asked (首问, §1), and what may happen to it next.
//!
//! Every transition takes the day it happens on and returns a typed error naming the rule
//! when it is not allowed; nothing here reads the clock.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::Calendar;
use super::catalogue::{ItemKind, ServiceItem};
use super::centre::{Role, Settings, Staff};
use super::clock::{
    Clock, ClockError, Deadline, Extension, Limit, REJECTION_DECISION_DAYS, REPORT_UP_CEILING_DAYS,
    SpecialProcedure, Urgency, WRITTEN_REPLY_DAYS, urgency,
};
use super::notice::{Notice, Violation, violations};

/// The kind a case is handled as: the six kinds of 002 and 容缺受理 (RULES §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// 即办件 — done on the spot or the same day.
    Immediate,
    /// 承诺件 — a committed completion date on the acceptance notice.
    Committed,
    /// 补办件 — accepted with materials missing; the clock waits until they are complete.
    Supplement,
    /// 联办件 — two or more departments; the accepting window leads.
    Joint,
    /// 驳回件 — rejected, with the reason on a rejection notice.
    Rejected,
    /// 上报件 — needs a higher authority; at most 60 days.
    ReportUp,
    /// 容缺受理 — main materials complete; secondary ones to follow by a set day.
    Deficiency,
}

impl CaseKind {
    pub const ALL: [CaseKind; 7] = [
        CaseKind::Immediate,
        CaseKind::Committed,
        CaseKind::Supplement,
        CaseKind::Joint,
        CaseKind::Rejected,
        CaseKind::ReportUp,
        CaseKind::Deficiency,
    ];

    pub fn chinese(self) -> &'static str {
        match self {
            CaseKind::Immediate => "即办件",
            CaseKind::Committed => "承诺件",
            CaseKind::Supplement => "补办件",
            CaseKind::Joint => "联办件",
            CaseKind::Rejected => "驳回件",
            CaseKind::ReportUp => "上报件",
            CaseKind::Deficiency => "容缺受理",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            CaseKind::Immediate => "immediate",
            CaseKind::Committed => "committed",
            CaseKind::Supplement => "supplement",
            CaseKind::Joint => "joint",
            CaseKind::Rejected => "rejected",
            CaseKind::ReportUp => "report-up",
            CaseKind::Deficiency => "deficiency",
        }
    }

    /// Reads a kind by its Chinese or English name (`补办件`, `supplement`; `容缺` too).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL.into_iter().find(|k| {
            k.chinese() == t || k.english() == t || (t == "容缺" && *k == CaseKind::Deficiency)
        })
    }

    fn of_item(kind: ItemKind) -> Self {
        match kind {
            ItemKind::Immediate => CaseKind::Immediate,
            ItemKind::Committed => CaseKind::Committed,
            ItemKind::Joint => CaseKind::Joint,
            ItemKind::ReportUp => CaseKind::ReportUp,
        }
    }
}

/// Where the applicant stands with one material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialState {
    /// Handed over at the desk.
    InHand,
    /// Not brought, but the applicant has it and promises it (已有但未带来).
    Promised,
    /// Not brought and not promised.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaterialLine {
    pub name: String,
    pub main: bool,
    pub state: MaterialState,
    /// The day it was handed over, for the receipt.
    pub received_on: Option<NaiveDate>,
}

/// How the visitor reached the centre (首问 channel, RULES §1, §13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 窗口.
    Window,
    /// 电话 — the staff member who answered is first-asked.
    Phone,
    /// 代办 — a village agent carried it in.
    Agent,
    /// 预约.
    Appointment,
}

impl Channel {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "window" | "窗口" => Some(Channel::Window),
            "phone" | "电话" => Some(Channel::Phone),
            "agent" | "代办" => Some(Channel::Agent),
            "appointment" | "预约" => Some(Channel::Appointment),
            _ => None,
        }
    }
}

/// The desk's decision of the kind, with why (shown to the clerk, recorded on the case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindDecision {
    pub kind: CaseKind,
    pub because: String,
}

/// The materials of a case as the clerk ticked them.
#[derive(Debug, Clone, Default)]
pub struct Ticked {
    pub in_hand: Vec<String>,
    pub promised: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("{item} has no material called `{name}`; its materials are: {known}")]
    UnknownMaterial {
        item: String,
        name: String,
        known: String,
    },
    #[error("`{0}` is ticked both as in hand and as promised; choose one")]
    TickedTwice(String),
    #[error("overriding the kind to {to} needs a reason, which is recorded (RULES §3)")]
    OverrideWithoutReason { to: &'static str },
    #[error("{0}")]
    OverrideNotAllowed(String),
    #[error("the case is {state}; it cannot be {action}")]
    Closed {
        state: &'static str,
        action: &'static str,
    },
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
    #[error("{0} may not approve an extension: only a leader or the director may (003 二5)")]
    ApproverNotLeader(String),
    #[error("a rejection needs its reason, for the rejection notice (RULES §3)")]
    RejectWithoutReason,
    #[error("the 容缺 supplement date {by} has not passed on {on}; it lapses only after it")]
    DeficiencyNotLapsed { by: NaiveDate, on: NaiveDate },
    #[error("only a 容缺受理 case has supplements that can lapse")]
    NotDeficiency,
    #[error("{kind} cannot be reported up: only 承诺件, 联办件 and 补办件 once started can")]
    CannotReportUp { kind: &'static str },
    #[error("{what} on {on} is before the acceptance day {accepted}")]
    BeforeAcceptance {
        what: &'static str,
        on: NaiveDate,
        accepted: NaiveDate,
    },
    #[error(transparent)]
    Clock(#[from] ClockError),
}

/// The materials of an item with their states, checked against the catalogue.
pub fn tick(item: &ServiceItem, ticked: &Ticked) -> Result<Vec<MaterialLine>, CaseError> {
    let known = || {
        item.materials
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    let in_hand: BTreeSet<&str> = ticked.in_hand.iter().map(|s| s.trim()).collect();
    let promised: BTreeSet<&str> = ticked.promised.iter().map(|s| s.trim()).collect();
    for name in in_hand.iter().chain(&promised) {
        if item.material(name).is_none() {
            return Err(CaseError::UnknownMaterial {
                item: item.name.clone(),
                name: name.to_string(),
                known: known(),
            });
        }
    }
    if let Some(both) = in_hand.intersection(&promised).next() {
        return Err(CaseError::TickedTwice(both.to_string()));
    }
    Ok(item
        .materials
        .iter()
        .map(|m| {
            let state = if in_hand.contains(m.name.as_str()) {
                MaterialState::InHand
            } else if promised.contains(m.name.as_str()) {
                MaterialState::Promised
            } else {
                MaterialState::Missing
            };
            MaterialLine {
                name: m.name.clone(),
                main: m.main,
                state,
                received_on: None,
            }
        })
        .collect())
}

/// Decides the kind from the materials, as RULES §3 "How the desk decides the kind" says.
pub fn decide_kind(
    item: &ServiceItem,
    materials: &[MaterialLine],
    settings: &Settings,
) -> KindDecision {
    let names = |pred: &dyn Fn(&MaterialLine) -> bool| {
        materials
            .iter()
            .filter(|m| pred(m))
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    let main_missing = names(&|m| m.main && m.state == MaterialState::Missing);
    if !main_missing.is_empty() {
        return KindDecision {
            kind: CaseKind::Rejected,
            because: format!("main material missing and not promised: {main_missing}"),
        };
    }
    let main_promised = names(&|m| m.main && m.state == MaterialState::Promised);
    if !main_promised.is_empty() {
        return KindDecision {
            kind: CaseKind::Supplement,
            because: format!(
                "main material promised, not brought: {main_promised}; the clock waits"
            ),
        };
    }
    let secondary = names(&|m| !m.main && m.state != MaterialState::InHand);
    if !secondary.is_empty() {
        if item.kind != ItemKind::Immediate && settings.accept_with_deficiency {
            return KindDecision {
                kind: CaseKind::Deficiency,
                because: format!(
                    "every main material in hand; secondary ones to follow: {secondary}"
                ),
            };
        }
        let why = if item.kind == ItemKind::Immediate {
            "容缺受理 is not for 即办件"
        } else {
            "the centre does not allow 容缺受理"
        };
        return KindDecision {
            kind: CaseKind::Supplement,
            because: format!("secondary materials missing: {secondary}; {why}"),
        };
    }
    KindDecision {
        kind: CaseKind::of_item(item.kind),
        because: "every material in hand: the item's own kind".into(),
    }
}

/// The clock a case of this kind gets at acceptance.
pub fn clock_for(
    item: &ServiceItem,
    kind: CaseKind,
    settings: &Settings,
    accepted_on: NaiveDate,
    green_channel: bool,
) -> Clock {
    // An item promised the same day but handled as a clocked kind gets the seed's 10-day
    // written-reply limit (000 二(三)3).
    let own = if item.committed_days == 0 {
        WRITTEN_REPLY_DAYS
    } else {
        item.committed_days
    };
    let days = if green_channel {
        // Green channel: at most half the statutory limit, rounded down (002).
        let half = item.statutory_days.unwrap_or(own) / 2;
        own.min(half.max(1))
    } else {
        own
    };
    let unit = settings.ten_and_sixty_day_limits;
    let (limit, running) = match kind {
        CaseKind::Immediate => (Limit::SameDay, true),
        CaseKind::Committed | CaseKind::Joint | CaseKind::Deficiency => {
            (Limit::WorkingDays(days), true)
        }
        CaseKind::Supplement => (
            if item.kind == ItemKind::Immediate {
                Limit::SameDay
            } else {
                Limit::WorkingDays(days)
            },
            false,
        ),
        CaseKind::ReportUp => (
            Limit::Capped {
                days,
                ceiling: REPORT_UP_CEILING_DAYS,
            },
            true,
        ),
        CaseKind::Rejected => (Limit::WorkingDays(REJECTION_DECISION_DAYS), true),
    };
    Clock::new(limit, unit, accepted_on, running)
}

/// The clerk's choice of another kind than the desk decided, with the reason (RULES §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindOverride {
    pub decided: CaseKind,
    pub chosen: CaseKind,
    pub reason: String,
}

/// Checks a kind override against the rules that bind even the clerk's judgement.
pub fn check_override(
    item: &ServiceItem,
    materials: &[MaterialLine],
    settings: &Settings,
    chosen: CaseKind,
    reason: &str,
) -> Result<(), CaseError> {
    if reason.trim().is_empty() {
        return Err(CaseError::OverrideWithoutReason {
            to: chosen.chinese(),
        });
    }
    if chosen == CaseKind::Deficiency {
        if item.kind == ItemKind::Immediate {
            return Err(CaseError::OverrideNotAllowed(format!(
                "{} is a 即办件: 容缺受理 is not for immediate cases (RULES §3, 004)",
                item.name
            )));
        }
        if !settings.accept_with_deficiency {
            return Err(CaseError::OverrideNotAllowed(
                "the centre does not allow 容缺受理 (setting accept_with_deficiency)".into(),
            ));
        }
        if let Some(m) = materials
            .iter()
            .find(|m| m.main && m.state != MaterialState::InHand)
        {
            return Err(CaseError::OverrideNotAllowed(format!(
                "容缺受理 needs every main material in hand; `{}` is not (RULES §3)",
                m.name
            )));
        }
    }
    Ok(())
}

/// Where a case stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum CaseStatus {
    Open,
    Completed { on: NaiveDate },
    Rejected { on: NaiveDate, reason: String },
}

impl CaseStatus {
    fn name(&self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Completed { .. } => "completed",
            CaseStatus::Rejected { .. } => "rejected",
        }
    }
}

/// A referral to another window (RULES §1); the first-asked person keeps following it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referral {
    pub to_window: String,
    pub by: String,
    pub on: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applicant {
    pub name: String,
    pub phone: Option<String>,
    pub id_number: Option<String>,
}

/// One case, as accepted at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    pub item_code: String,
    pub item_name: String,
    pub window: String,
    pub applicant: Applicant,
    pub materials: Vec<MaterialLine>,
    /// Staff code of the first-asked responsible person (首问责任人).
    pub first_asked: String,
    pub channel: Channel,
    /// Staff code of the handler (承办人).
    pub handler: String,
    pub accepted_on: NaiveDate,
    pub kind: CaseKind,
    pub decided: KindDecision,
    pub kind_override: Option<KindOverride>,
    pub green_channel: bool,
    pub clock: Clock,
    /// 容缺受理: the day the secondary materials are due.
    pub supplement_by: Option<NaiveDate>,
    pub status: CaseStatus,
    pub referrals: Vec<Referral>,
    /// Every notice issued, in order (RULES §2: kept on the case).
    pub notices: Vec<Notice>,
}

/// What the desk knows when it accepts a case.
pub struct Intake<'a> {
    pub item: &'a ServiceItem,
    pub ticked: Ticked,
    pub applicant: Applicant,
    pub first_asked: String,
    pub channel: Channel,
    pub handler: String,
    pub accepted_on: NaiveDate,
    pub green_channel: bool,
    /// `(kind, reason)` when the clerk overrides the desk's decision.
    pub kind_override: Option<(CaseKind, String)>,
}

impl Case {
    /// Accepts a case: ticks the materials, decides the kind, sets the clock.
    pub fn accept(intake: Intake, settings: &Settings, cal: &Calendar) -> Result<Case, CaseError> {
        let item = intake.item;
        let mut materials = tick(item, &intake.ticked)?;
        for m in materials
            .iter_mut()
            .filter(|m| m.state == MaterialState::InHand)
        {
            m.received_on = Some(intake.accepted_on);
        }
        let decided = decide_kind(item, &materials, settings);
        let (kind, kind_override) = match intake.kind_override {
            Some((chosen, reason)) if chosen != decided.kind => {
                check_override(item, &materials, settings, chosen, &reason)?;
                let o = KindOverride {
                    decided: decided.kind,
                    chosen,
                    reason: reason.trim().to_string(),
                };
                (chosen, Some(o))
            }
            _ => (decided.kind, None),
        };
        let clock = clock_for(
            item,
            kind,
            settings,
            intake.accepted_on,
            intake.green_channel,
        );
        let supplement_by = if kind == CaseKind::Deficiency {
            Some(
                cal.add_working_days(intake.accepted_on, settings.deficiency_supplement_days)
                    .map_err(ClockError::from)?
                    .value,
            )
        } else {
            None
        };
        Ok(Case {
            item_code: item.code.clone(),
            item_name: item.name.clone(),
            window: item.window.clone(),
            applicant: intake.applicant,
            materials,
            first_asked: intake.first_asked,
            channel: intake.channel,
            handler: intake.handler,
            accepted_on: intake.accepted_on,
            kind,
            decided,
            kind_override,
            green_channel: intake.green_channel,
            clock,
            supplement_by,
            status: CaseStatus::Open,
            referrals: Vec::new(),
            notices: Vec::new(),
        })
    }

    /// Materials not in hand (promised or missing), in catalogue order.
    pub fn outstanding(&self) -> Vec<&MaterialLine> {
        self.materials
            .iter()
            .filter(|m| m.state != MaterialState::InHand)
            .collect()
    }

    pub fn deadline(&self, cal: &Calendar) -> Result<Deadline, ClockError> {
        self.clock.deadline(cal, self.outstanding().len())
    }

    /// How urgent the open case is on `today`; `None` when closed, waiting or paused.
    pub fn urgency(&self, cal: &Calendar, today: NaiveDate) -> Result<Option<Urgency>, ClockError> {
        if self.status != CaseStatus::Open {
            return Ok(None);
        }
        match (self.deadline(cal)?, self.clock.started_on) {
            (Deadline::Due(due), Some(start)) => Ok(Some(urgency(cal, start, due.value, today))),
            _ => Ok(None),
        }
    }

    fn open(&self, action: &'static str) -> Result<(), CaseError> {
        match self.status {
            CaseStatus::Open => Ok(()),
            ref s => Err(CaseError::Closed {
                state: s.name(),
                action,
            }),
        }
    }

    fn not_before_acceptance(&self, what: &'static str, on: NaiveDate) -> Result<(), CaseError> {
        if on < self.accepted_on {
            return Err(CaseError::BeforeAcceptance {
                what,
                on,
                accepted: self.accepted_on,
            });
        }
        Ok(())
    }

    /// Records materials handed over later (补交). A 补办件's clock starts the day the last one
    /// arrives: the time limit runs from the day the materials are complete (RULES §3).
    pub fn supplement(&mut self, names: &[String], on: NaiveDate) -> Result<(), CaseError> {
        self.open("given supplements")?;
        self.not_before_acceptance("a supplement", on)?;
        for name in names {
            let name = name.trim();
            match self.materials.iter().find(|m| m.name == name) {
                None => {
                    return Err(CaseError::UnknownMaterial {
                        item: self.item_name.clone(),
                        name: name.to_string(),
                        known: self
                            .materials
                            .iter()
                            .map(|m| m.name.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                    });
                }
                Some(m) if m.state == MaterialState::InHand => {
                    return Err(CaseError::AlreadyInHand(name.to_string()));
                }
                Some(_) => {}
            }
        }
        for m in self
            .materials
            .iter_mut()
            .filter(|m| names.iter().any(|n| n.trim() == m.name))
        {
            m.state = MaterialState::InHand;
            m.received_on = Some(on);
        }
        if self.outstanding().is_empty() {
            self.clock.start(on);
        }
        Ok(())
    }

    pub fn complete(&mut self, on: NaiveDate) -> Result<(), CaseError> {
        if matches!(self.status, CaseStatus::Rejected { .. }) || self.kind == CaseKind::Rejected {
            return Err(CaseError::CompleteRejected);
        }
        self.open("completed")?;
        self.not_before_acceptance("completion", on)?;
        if self.clock.started_on.is_none() {
            return Err(CaseError::CompleteWaiting(self.outstanding().len()));
        }
        if self.kind == CaseKind::Deficiency && !self.outstanding().is_empty() {
            let names: Vec<&str> = self.outstanding().iter().map(|m| m.name.as_str()).collect();
            return Err(CaseError::CompleteDeficient(names.join("、")));
        }
        if self.clock.open_pause().is_some() {
            return Err(CaseError::CompletePaused);
        }
        self.status = CaseStatus::Completed { on };
        Ok(())
    }

    /// Rejects the case with its reason (驳回); the rejection notice lists every material.
    pub fn reject(&mut self, reason: &str, on: NaiveDate) -> Result<(), CaseError> {
        self.open("rejected")?;
        self.not_before_acceptance("a rejection", on)?;
        if reason.trim().is_empty() {
            return Err(CaseError::RejectWithoutReason);
        }
        self.kind = CaseKind::Rejected;
        self.status = CaseStatus::Rejected {
            on,
            reason: reason.trim().to_string(),
        };
        Ok(())
    }

    /// Extends the deadline: at most 30 working days in all, with a reason told to the
    /// applicant, approved by a leader or the director (000 二(三)4, 003 二5).
    pub fn extend(
        &mut self,
        days: u32,
        reason: &str,
        approver: &Staff,
        on: NaiveDate,
    ) -> Result<(), CaseError> {
        self.open("extended")?;
        if !matches!(approver.role, Role::Leader | Role::Director) {
            return Err(CaseError::ApproverNotLeader(approver.name.clone()));
        }
        self.clock.extend(Extension {
            days,
            reason: reason.trim().to_string(),
            approved_by: approver.code.clone(),
            on,
        })?;
        Ok(())
    }

    pub fn pause(&mut self, procedure: SpecialProcedure, on: NaiveDate) -> Result<(), CaseError> {
        self.open("paused")?;
        Ok(self.clock.pause(procedure, on)?)
    }

    pub fn resume(&mut self, on: NaiveDate) -> Result<(), CaseError> {
        self.open("resumed")?;
        Ok(self.clock.resume(on)?)
    }

    /// Hands the matter up for a higher authority's approval: handled as before, but never
    /// past 60 days from acceptance (000 二(三)4; 002 上报件).
    pub fn report_up(&mut self, on: NaiveDate) -> Result<(), CaseError> {
        self.open("reported up")?;
        self.not_before_acceptance("reporting up", on)?;
        let allowed = matches!(
            self.kind,
            CaseKind::Committed | CaseKind::Joint | CaseKind::Deficiency
        ) || (self.kind == CaseKind::Supplement && self.clock.started_on.is_some());
        let Limit::WorkingDays(days) = self.clock.limit else {
            return Err(CaseError::CannotReportUp {
                kind: self.kind.chinese(),
            });
        };
        if !allowed {
            return Err(CaseError::CannotReportUp {
                kind: self.kind.chinese(),
            });
        }
        self.kind = CaseKind::ReportUp;
        self.clock.limit = Limit::Capped {
            days,
            ceiling: REPORT_UP_CEILING_DAYS,
        };
        Ok(())
    }

    /// 容缺 supplements not brought by their day: the case is returned, as its notice said.
    pub fn lapse_deficiency(&mut self, on: NaiveDate) -> Result<(), CaseError> {
        self.open("lapsed")?;
        let (CaseKind::Deficiency, Some(by)) = (self.kind, self.supplement_by) else {
            return Err(CaseError::NotDeficiency);
        };
        if on <= by || self.outstanding().is_empty() {
            return Err(CaseError::DeficiencyNotLapsed { by, on });
        }
        let names: Vec<&str> = self.outstanding().iter().map(|m| m.name.as_str()).collect();
        let reason = format!("容缺受理补正材料未在{by}前补齐：{}", names.join("、"));
        self.reject(&reason, on)
    }

    /// Refers the matter to another window; the first-asked person stays attached (RULES §1).
    pub fn refer(
        &mut self,
        to_window: &str,
        by: &str,
        on: NaiveDate,
        note: &str,
    ) -> Result<(), CaseError> {
        self.open("referred")?;
        self.referrals.push(Referral {
            to_window: to_window.to_string(),
            by: by.to_string(),
            on,
            note: note.trim().to_string(),
        });
        Ok(())
    }

    /// The number the next notice of this case gets.
    pub fn next_notice_number(&self) -> u32 {
        self.notices.len() as u32 + 1
    }

    /// Keeps an issued notice on the case and returns the one-time-notification violations it
    /// makes: materials it asks for that the first notice did not name.
    pub fn issue(&mut self, notice: Notice) -> Vec<Violation> {
        let number = notice.number;
        self.notices.push(notice);
        violations(&self.notices)
            .into_iter()
            .filter(|v| v.later == number)
            .collect()
    }

    /// A material taken at the desk turns out unusable on review (an expired certificate, a
    /// wrong copy): it is missing again, and asking for it now is a second notice.
    pub fn mark_missing(&mut self, name: &str, on: NaiveDate) -> Result<(), CaseError> {
        self.open("changed")?;
        self.not_before_acceptance("a review", on)?;
        let known = self
            .materials
            .iter()
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
            .join("、");
        let item = self.item_name.clone();
        let m = self
            .materials
            .iter_mut()
            .find(|m| m.name == name.trim())
            .ok_or(CaseError::UnknownMaterial {
                item,
                name: name.trim().to_string(),
                known,
            })?;
        m.state = MaterialState::Missing;
        m.received_on = None;
        Ok(())
    }

    /// Staff who follow the case until it is closed: the first-asked person and the handler
    /// (督办, 001). Closed cases are followed by no one.
    pub fn followers(&self) -> Vec<&str> {
        if self.status != CaseStatus::Open {
            return Vec::new();
        }
        let mut out = vec![self.first_asked.as_str()];
        if self.handler != self.first_asked {
            out.push(self.handler.as_str());
        }
        out
    }

    /// The window now handling the matter: the last referral's, else the accepting window.
    pub fn current_window(&self) -> &str {
        self.referrals
            .last()
            .map_or(self.window.as_str(), |r| r.to_window.as_str())
    }
}
