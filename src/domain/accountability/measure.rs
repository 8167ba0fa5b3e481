//! The measures the accountability rules name (RULES §9, §15): each in Chinese and English.

use serde::{Deserialize, Serialize};

/// One measure the rules name. A sanction is one or more of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// 批评教育.
    CriticismAndEducation,
    /// 通报批评.
    PublicCriticism,
    /// 年度考核不合格 (不称职) — the year's assessment rated unqualified.
    YearRatedUnqualified,
    /// 追究有关领导责任 — the responsible leader answers as well (002 一(三)2).
    LeaderResponsibility,
    /// 诫勉谈话.
    AdmonishingTalk,
    /// 责令书面检查.
    WrittenSelfCriticism,
    /// 黄牌警告.
    YellowCard,
    /// 行政效能告诫.
    EfficiencyWarning,
    /// 调离窗口工作岗位.
    RemovedFromWindow,
    /// 责令改正.
    OrderedToCorrect,
    /// 纪检组查处 — investigated by the discipline body.
    DisciplineInvestigation,
    /// 谈话告诫 (000 二(二)7(1)); §15's written self-criticism stands in its place on the
    /// first-asked ladder, but a director may still choose it.
    WarningTalk,
    /// 由中心主任决定 — the rules set no measure; the director decides.
    DirectorDecides,
}

impl Measure {
    pub const ALL: [Measure; 13] = [
        Measure::CriticismAndEducation,
        Measure::PublicCriticism,
        Measure::YearRatedUnqualified,
        Measure::LeaderResponsibility,
        Measure::AdmonishingTalk,
        Measure::WrittenSelfCriticism,
        Measure::YellowCard,
        Measure::EfficiencyWarning,
        Measure::RemovedFromWindow,
        Measure::OrderedToCorrect,
        Measure::DisciplineInvestigation,
        Measure::WarningTalk,
        Measure::DirectorDecides,
    ];

    pub fn chinese(self) -> &'static str {
        match self {
            Measure::CriticismAndEducation => "批评教育",
            Measure::PublicCriticism => "通报批评",
            Measure::YearRatedUnqualified => "年度考核不合格",
            Measure::LeaderResponsibility => "追究领导责任",
            Measure::AdmonishingTalk => "诫勉谈话",
            Measure::WrittenSelfCriticism => "责令书面检查",
            Measure::YellowCard => "黄牌警告",
            Measure::EfficiencyWarning => "行政效能告诫",
            Measure::RemovedFromWindow => "调离窗口",
            Measure::OrderedToCorrect => "责令改正",
            Measure::DisciplineInvestigation => "纪检调查",
            Measure::WarningTalk => "谈话告诫",
            Measure::DirectorDecides => "由中心主任决定",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Measure::CriticismAndEducation => "criticism and education",
            Measure::PublicCriticism => "public criticism",
            Measure::YearRatedUnqualified => "the year rated unqualified",
            Measure::LeaderResponsibility => "the leader's responsibility",
            Measure::AdmonishingTalk => "an admonishing talk",
            Measure::WrittenSelfCriticism => "a written self-criticism",
            Measure::YellowCard => "a yellow-card warning",
            Measure::EfficiencyWarning => "an administrative-efficiency warning",
            Measure::RemovedFromWindow => "removal from the window",
            Measure::OrderedToCorrect => "ordered to correct it",
            Measure::DisciplineInvestigation => "investigation by the discipline body",
            Measure::WarningTalk => "a warning talk",
            Measure::DirectorDecides => "the director decides",
        }
    }
}
