//! Deciding a case at the desk (RULES §3): which materials are in hand, promised or missing,
//! what kind that makes the case, whether the clerk's override is allowed, and which clock the
//! kind gets (§4).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::CaseError;
use crate::domain::catalogue::{ItemKind, ServiceItem};
use crate::domain::centre::Settings;
use crate::domain::clock::{
    Clock, Limit, REJECTION_DECISION_DAYS, REPORT_UP_CEILING_DAYS, WRITTEN_REPLY_DAYS,
};

/// The kind a case is handled as: the six kinds of 002 and 容缺受理 (RULES §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialState {
    /// Handed over at the desk.
    InHand,
    /// Not brought, but the applicant has it and promises it (已有但未带来).
    Promised,
    /// Not brought and not promised.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialLine {
    pub name: String,
    pub main: bool,
    pub state: MaterialState,
    /// The day it was handed over, for the receipt.
    pub received_on: Option<NaiveDate>,
    /// Its pages, when counted at the desk, for the receipt (003 二4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
}

/// The desk's decision of the kind, with why in Chinese: recorded on the case, and a
/// rejection's reason on the rejection notice the applicant receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
                pages: None,
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
            because: format!("主件缺失且申请人未承诺补交：{main_missing}"),
        };
    }
    let main_promised = names(&|m| m.main && m.state == MaterialState::Promised);
    if !main_promised.is_empty() {
        return KindDecision {
            kind: CaseKind::Supplement,
            because: format!("主件已有但未带来，承诺补交：{main_promised}；材料补齐之日起计时"),
        };
    }
    let secondary = names(&|m| !m.main && m.state != MaterialState::InHand);
    if !secondary.is_empty() {
        if item.kind != ItemKind::Immediate && settings.accept_with_deficiency {
            return KindDecision {
                kind: CaseKind::Deficiency,
                because: format!("主件齐全，次要材料容缺后补：{secondary}"),
            };
        }
        let why = if item.kind == ItemKind::Immediate {
            "即办件不适用容缺受理"
        } else {
            "本中心未开启容缺受理"
        };
        return KindDecision {
            kind: CaseKind::Supplement,
            because: format!("次要材料缺失：{secondary}；{why}"),
        };
    }
    KindDecision {
        kind: CaseKind::of_item(item.kind),
        because: "材料齐全，按事项本身的类别办理".into(),
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
    let capped = Limit::Capped {
        days,
        ceiling: REPORT_UP_CEILING_DAYS,
    };
    let (limit, running) = match kind {
        CaseKind::Immediate => (Limit::SameDay, true),
        // A 上报件 item keeps its 60-day ceiling however its clock starts: accepted whole,
        // with deficiencies (容缺) or when its materials are complete (补办件).
        CaseKind::Deficiency if item.kind == ItemKind::ReportUp => (capped, true),
        CaseKind::Supplement if item.kind == ItemKind::ReportUp => (capped, false),
        CaseKind::Committed | CaseKind::Joint | CaseKind::Deficiency
            if item.committed_days == 0 && days == WRITTEN_REPLY_DAYS =>
        {
            (Limit::WrittenReply { days }, true)
        }
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
        CaseKind::ReportUp => (capped, true),
        CaseKind::Rejected => (Limit::WorkingDays(REJECTION_DECISION_DAYS), true),
    };
    Clock::new(limit, unit, accepted_on, running)
}

/// The clerk's choice of another kind than the desk decided, with the reason (RULES §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        return Err(CaseError::OverrideWithoutReason { to: chosen });
    }
    if chosen == CaseKind::Deficiency {
        if item.kind == ItemKind::Immediate {
            return Err(CaseError::DeficiencyForImmediate {
                item: item.name.clone(),
            });
        }
        if !settings.accept_with_deficiency {
            return Err(CaseError::DeficiencyNotAllowed);
        }
        if let Some(m) = materials
            .iter()
            .find(|m| m.main && m.state != MaterialState::InHand)
        {
            return Err(CaseError::DeficiencyMainMissing {
                material: m.name.clone(),
            });
        }
    }
    Ok(())
}
