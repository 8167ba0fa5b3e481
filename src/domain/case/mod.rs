//! A case (办件): the kind decided from the materials (六件分类, RULES §3), its clock (§4),
//! who was first asked (首问, §1), and what may happen to it next.
//!
//! Every transition takes the day it happens on and returns a typed error naming the rule
//! when it is not allowed; nothing here reads the clock.

pub mod decide;
mod error;
mod materials;
pub mod notify;
mod papers;

pub use error::CaseError;
pub use papers::{PaperForm, PaperRecord, PaperWay, SaveWhy};

pub use decide::{
    CaseKind, KindDecision, KindOverride, MaterialLine, MaterialState, Ticked, check_override,
    clock_for, decide_kind, tick,
};

use crate::domain::words::Word;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::Calendar;
use crate::domain::catalogue::ServiceItem;
use crate::domain::centre::{Settings, Staff};
use crate::domain::clock::{
    Clock, ClockError, Deadline, Extension, Limit, REPORT_UP_CEILING_DAYS, SpecialProcedure,
    Urgency, urgency,
};
use crate::domain::notice::{Notice, Violation, violations};

/// How the visitor reached the centre (首问 channel, RULES §1, §13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Where a case stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum CaseStatus {
    Open,
    Completed {
        on: NaiveDate,
        /// Completed after the day it was due: by this many working days (recorded as late).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        late: Option<u32>,
    },
    Rejected {
        on: NaiveDate,
        reason: String,
    },
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub to_window: String,
    pub by: String,
    pub on: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub name: String,
    pub phone: Option<String>,
    pub id_number: Option<String>,
}

/// One case, as accepted at the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The other departments of a joint case: the item's co-windows and any added since.
    #[serde(default)]
    pub co_windows: Vec<String>,
    /// Every notice issued, in order (RULES §2: kept on the case).
    pub notices: Vec<Notice>,
    /// The queue ticket of the visitor it was opened for (`A003`), when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Every print, reprint or save of its notices, in order (RULES §2: the written evidence).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub papers: Vec<PaperRecord>,
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
    /// A matter to be rejected that is not clear-cut: it stays open for the decision, within 3
    /// working days (002). Otherwise a rejection is told on the spot and the case closes.
    pub needs_decision: bool,
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
        if intake.needs_decision && kind != CaseKind::Rejected {
            return Err(CaseError::DecisionNotNeeded { kind });
        }
        let supplement_by = if kind == CaseKind::Deficiency {
            Some(
                cal.add_working_days(intake.accepted_on, settings.deficiency_supplement_days)
                    .map_err(ClockError::from)?
                    .value,
            )
        } else {
            None
        };
        // Clearly ineligible: told on the spot, and the case closes that day (RULES §3).
        let status = match (kind, intake.needs_decision) {
            (CaseKind::Rejected, false) => CaseStatus::Rejected {
                on: intake.accepted_on,
                reason: kind_override
                    .as_ref()
                    .map_or_else(|| decided.because.clone(), |o| o.reason.clone()),
            },
            _ => CaseStatus::Open,
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
            status,
            referrals: Vec::new(),
            co_windows: item.co_windows.clone(),
            notices: Vec::new(),
            ticket: None,
            papers: Vec::new(),
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
                state: Word(s.name()),
                action: Word(action),
            }),
        }
    }

    fn not_before_acceptance(&self, what: &'static str, on: NaiveDate) -> Result<(), CaseError> {
        if on < self.accepted_on {
            return Err(CaseError::BeforeAcceptance {
                what: Word(what),
                on,
                accepted: self.accepted_on,
            });
        }
        Ok(())
    }

    /// Completes the case (办结); after the day it was due, the completion is recorded as late
    /// by the working days over.
    pub fn complete(&mut self, on: NaiveDate, cal: &Calendar) -> Result<(), CaseError> {
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
        let late = match self.deadline(cal) {
            Ok(Deadline::Due(r)) if on > r.value => {
                Some(cal.working_days_between(r.value, on).value.max(1) as u32)
            }
            _ => None,
        };
        self.status = CaseStatus::Completed { on, late };
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

    /// Whether the case waits for the decision on a rejection (kept open, 3 working days).
    pub fn awaits_decision(&self) -> bool {
        self.status == CaseStatus::Open && self.kind == CaseKind::Rejected
    }

    /// Decides to accept a matter kept open for its decision: the kind the materials give now,
    /// with its clock from the day of the decision, and the reason recorded (RULES §3).
    pub fn admit(
        &mut self,
        item: &ServiceItem,
        settings: &Settings,
        cal: &Calendar,
        reason: &str,
        on: NaiveDate,
    ) -> Result<(), CaseError> {
        if !self.awaits_decision() {
            self.open("admitted")?;
            return Err(CaseError::NotAwaitingDecision { kind: self.kind });
        }
        self.not_before_acceptance("an admission", on)?;
        if reason.trim().is_empty() {
            return Err(CaseError::AdmitWithoutReason);
        }
        let decided = decide_kind(item, &self.materials, settings);
        if decided.kind == CaseKind::Rejected {
            let missing: Vec<&str> = self
                .materials
                .iter()
                .filter(|m| m.main && m.state == MaterialState::Missing)
                .map(|m| m.name.as_str())
                .collect();
            return Err(CaseError::AdmitMainMissing(missing.join("、")));
        }
        self.clock = clock_for(item, decided.kind, settings, on, self.green_channel);
        self.supplement_by = if decided.kind == CaseKind::Deficiency {
            Some(
                cal.add_working_days(on, settings.deficiency_supplement_days)
                    .map_err(ClockError::from)?
                    .value,
            )
        } else {
            None
        };
        self.kind = decided.kind;
        self.decided = KindDecision {
            kind: decided.kind,
            because: format!("经研究决定受理：{}；{}", reason.trim(), decided.because),
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
        self.clock.extend(Extension {
            days,
            reason: reason.trim().to_string(),
            approved_by: approver.code.clone(),
            on,
        })?;
        Ok(())
    }

    /// Checks that an extension comes in time: asked for and approved by the close of the day
    /// the case is due (000 二(三)4). After it the case is overdue, and stays so.
    pub fn extension_in_time(&self, cal: &Calendar, on: NaiveDate) -> Result<(), CaseError> {
        match self.deadline(cal) {
            Ok(Deadline::Due(r)) if on > r.value => {
                Err(CaseError::ExtensionAfterDeadline { due: r.value })
            }
            _ => Ok(()),
        }
    }

    /// Stops the clock for a special procedure (听证, 现场勘查, 专家评审), which must start by the
    /// close of the day the case is due: after it the case is overdue, and a pause would hide
    /// that (RULES §4).
    pub fn pause(
        &mut self,
        procedure: SpecialProcedure,
        cal: &Calendar,
        on: NaiveDate,
    ) -> Result<(), CaseError> {
        self.open("paused")?;
        if let Ok(Deadline::Due(r)) = self.deadline(cal)
            && on > r.value
        {
            return Err(CaseError::PauseAfterDeadline { due: r.value });
        }
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
        let started = self.clock.started_on.is_some();
        let allowed = matches!(
            self.kind,
            CaseKind::Committed | CaseKind::Joint | CaseKind::Deficiency
        ) || (self.kind == CaseKind::Supplement && started);
        let (true, Limit::WorkingDays(days) | Limit::WrittenReply { days }) =
            (allowed, self.clock.limit)
        else {
            return Err(CaseError::CannotReportUp { kind: self.kind });
        };
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

    /// Another department must handle the matter too (联办, RULES §3): it joins the case's
    /// co-windows, and a 承诺件 becomes a 联办件 led by the accepting window. The lead tells the
    /// applicant at once, with a joint notice.
    pub fn add_co_window(&mut self, window: &str, on: NaiveDate) -> Result<(), CaseError> {
        self.open("given a co-window")?;
        self.not_before_acceptance("a co-window", on)?;
        let window = window.trim();
        if window == self.window || self.co_windows.iter().any(|w| w == window) {
            return Err(CaseError::CoWindowAlready(window.to_string()));
        }
        self.co_windows.push(window.to_string());
        if self.kind == CaseKind::Committed {
            self.kind = CaseKind::Joint;
        }
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

    /// The first-asked person who follows the open case without handling it (督办, RULES §1):
    /// someone else handles it, or it went to another window. `None` when closed, or when the
    /// first-asked person handles it where it was accepted.
    pub fn followed_from_afar(&self) -> Option<&str> {
        let referred = self.first_asked != self.handler || self.current_window() != self.window;
        (self.status == CaseStatus::Open && referred).then_some(self.first_asked.as_str())
    }

    /// The window now handling the matter: the last referral's, else the accepting window.
    pub fn current_window(&self) -> &str {
        self.referrals
            .last()
            .map_or(self.window.as_str(), |r| r.to_window.as_str())
    }
}
