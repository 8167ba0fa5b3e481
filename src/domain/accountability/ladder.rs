//! The accountability ladders (责任追究, RULES §9 and §15): for each kind of violation, the
//! measure a staff member's n-th confirmed violation of that kind in the calendar year calls
//! for. The ladder is a table ([`LADDER`]), each rung with the rule it comes from.

use serde::{Deserialize, Serialize};

use super::Measure;
use super::ViolationType;

/// What a confirmed violation calls for: its measures and the rule they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sanction {
    pub measures: Vec<Measure>,
    /// The rule, as RULES.md and the seeds name it: "RULES §9, 002 一(三)2".
    pub source: String,
}

impl Sanction {
    /// The measures in Chinese, joined as a list is written: "通报批评、追究领导责任".
    pub fn chinese(&self) -> String {
        self.measures
            .iter()
            .map(|m| m.chinese())
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The measures in English: "public criticism and the leader's responsibility".
    pub fn english(&self) -> String {
        self.measures
            .iter()
            .map(|m| m.english())
            .collect::<Vec<_>>()
            .join(" and ")
    }

    /// Whether the rules leave the measure to the director.
    pub fn director_decides(&self) -> bool {
        self.measures.contains(&Measure::DirectorDecides)
    }
}

/// Which violations a rung applies to by their gravity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gravity {
    /// Serious or not.
    Any,
    /// Without bad effect (未造成不良后果).
    Ordinary,
    /// 造成不良后果 / 情节严重.
    Serious,
}

impl Gravity {
    fn admits(self, serious: bool) -> bool {
        match self {
            Gravity::Any => true,
            Gravity::Ordinary => !serious,
            Gravity::Serious => serious,
        }
    }
}

/// One rung: from the `from`-th confirmed violation of `kind` in a year (until a later rung
/// of the same kind and gravity takes over), the measures shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rung {
    pub kind: ViolationType,
    pub gravity: Gravity,
    pub from: u32,
    pub measures: &'static [Measure],
    pub source: &'static str,
}

use Gravity::{Any, Ordinary, Serious};
use Measure::*;
use ViolationType as V;

const fn rung(
    kind: ViolationType,
    gravity: Gravity,
    from: u32,
    measures: &'static [Measure],
    source: &'static str,
) -> Rung {
    Rung {
        kind,
        gravity,
        from,
        measures,
        source,
    }
}

/// Every rung of every ladder. For one kind and gravity the rungs are in rising `from`, and
/// every kind has a rung from 1 for both gravities.
pub const LADDER: &[Rung] = &[
    // 首问: without bad effect, 002 首问责任制 五 (RULES §15) — "责令书面检查;屡违者给予黄牌警告".
    rung(
        V::FirstAsked,
        Ordinary,
        1,
        &[WrittenSelfCriticism],
        "RULES §15, 002 首问责任制 五",
    ),
    rung(
        V::FirstAsked,
        Ordinary,
        2,
        &[YellowCard],
        "RULES §15, 002 首问责任制 五（屡违）",
    ),
    // With bad effect (造成不良后果), RULES §9's first row (§15: "§9's first row applies").
    rung(
        V::FirstAsked,
        Serious,
        1,
        &[CriticismAndEducation],
        "RULES §9, 002 一(三)1",
    ),
    rung(
        V::FirstAsked,
        Serious,
        2,
        &[PublicCriticism, YearRatedUnqualified],
        "RULES §9, 002 一(三)1",
    ),
    rung(
        V::Deadline,
        Any,
        1,
        &[CriticismAndEducation],
        "RULES §9, 002 一(三)2",
    ),
    rung(
        V::Deadline,
        Any,
        2,
        &[PublicCriticism, LeaderResponsibility],
        "RULES §9, 002 一(三)2",
    ),
    rung(
        V::Deadline,
        Any,
        3,
        &[YearRatedUnqualified],
        "RULES §9, 002 一(三)2",
    ),
    rung(
        V::OneTimeNotice,
        Any,
        1,
        &[CriticismAndEducation],
        "RULES §9, 002 一(三)3",
    ),
    rung(
        V::OneTimeNotice,
        Any,
        2,
        &[AdmonishingTalk],
        "RULES §9, 002 一(三)3",
    ),
    rung(
        V::OneTimeNotice,
        Any,
        3,
        &[PublicCriticism],
        "RULES §9, 002 一(三)3",
    ),
    // 态度: 003 五1's criticism first, then 002 第三十五条's two measures in rising weight
    // (003 五2 orders them: "教育、诫勉教育直至效能告诫"); serious, removal from the window.
    rung(
        V::Attitude,
        Ordinary,
        1,
        &[CriticismAndEducation],
        "RULES §9, 003 五1",
    ),
    rung(
        V::Attitude,
        Ordinary,
        2,
        &[PublicCriticism],
        "RULES §15, 002 第三十五条",
    ),
    rung(
        V::Attitude,
        Ordinary,
        3,
        &[EfficiencyWarning],
        "RULES §15, 002 第三十五条, 003 五2",
    ),
    rung(
        V::Attitude,
        Serious,
        1,
        &[RemovedFromWindow],
        "RULES §15, 002 第三十五条（情节严重）",
    ),
    // 空岗: 000 三(四)3(5) "出现空岗缺位情形,同时追究AB岗人员责任" names no measure.
    rung(V::EmptyPost, Any, 1, &[DirectorDecides], "000 三(四)3(5)"),
    rung(
        V::OutsideAcceptance,
        Any,
        1,
        &[OrderedToCorrect, PublicCriticism],
        "RULES §15, 002 第三十四条",
    ),
    rung(
        V::OutsideAcceptance,
        Any,
        2,
        &[OrderedToCorrect, DisciplineInvestigation],
        "RULES §15, 002 第三十四条（屡教不改）",
    ),
    // 002 第三十三条: "应及时提出批评并追究责任" — criticism, the rest left open.
    rung(
        V::Other,
        Any,
        1,
        &[CriticismAndEducation, DirectorDecides],
        "002 第三十三条",
    ),
];

/// The rung for the `nth` confirmed violation of `kind` in its calendar year (1 = the first;
/// 0 is taken as 1).
pub fn rung_for(kind: ViolationType, nth: u32, serious: bool) -> Option<&'static Rung> {
    let nth = nth.max(1);
    LADDER
        .iter()
        .filter(|r| r.kind == kind && r.gravity.admits(serious) && r.from <= nth)
        .max_by_key(|r| r.from)
}

/// What the `nth` confirmed violation of `kind` in its calendar year calls for (RULES §9,
/// §15). `serious` is 造成不良后果 / 情节严重; it changes the first-asked and attitude ladders.
pub fn sanction(kind: ViolationType, nth: u32, serious: bool) -> Sanction {
    match rung_for(kind, nth, serious) {
        Some(r) => Sanction {
            measures: r.measures.to_vec(),
            source: r.source.to_owned(),
        },
        // Unreachable with the table above (a test checks every kind has a first rung); the
        // safe answer is the director's decision.
        None => Sanction {
            measures: vec![DirectorDecides],
            source: "RULES §9".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measures(kind: ViolationType, nth: u32, serious: bool) -> Vec<Measure> {
        sanction(kind, nth, serious).measures
    }

    #[test]
    fn every_kind_has_a_first_rung_for_both_gravities() {
        for kind in ViolationType::ALL {
            for serious in [false, true] {
                assert!(rung_for(kind, 1, serious).is_some(), "{kind:?} {serious}");
            }
        }
    }

    #[test]
    fn first_asked_breach_calls_for_written_self_criticism_then_yellow_card() {
        let k = V::FirstAsked;
        assert_eq!(measures(k, 1, false), [WrittenSelfCriticism]);
        assert_eq!(measures(k, 2, false), [YellowCard]);
        assert_eq!(measures(k, 5, false), [YellowCard]);
        assert_eq!(sanction(k, 1, false).source, "RULES §15, 002 首问责任制 五");
    }

    #[test]
    fn first_asked_breach_with_bad_effect_follows_rules_9_first_row() {
        let k = V::FirstAsked;
        assert_eq!(measures(k, 1, true), [CriticismAndEducation]);
        assert_eq!(
            measures(k, 2, true),
            [PublicCriticism, YearRatedUnqualified]
        );
        assert_eq!(
            measures(k, 3, true),
            [PublicCriticism, YearRatedUnqualified]
        );
        assert_eq!(sanction(k, 2, true).source, "RULES §9, 002 一(三)1");
    }

    #[test]
    fn missed_deadline_ladder_is_criticism_then_public_with_leader_then_unqualified() {
        let k = V::Deadline;
        for serious in [false, true] {
            assert_eq!(measures(k, 1, serious), [CriticismAndEducation]);
            assert_eq!(
                measures(k, 2, serious),
                [PublicCriticism, LeaderResponsibility]
            );
            assert_eq!(measures(k, 3, serious), [YearRatedUnqualified]);
            assert_eq!(measures(k, 4, serious), [YearRatedUnqualified]);
        }
        assert_eq!(sanction(k, 2, false).source, "RULES §9, 002 一(三)2");
    }

    #[test]
    fn no_one_time_notice_ladder_is_criticism_then_admonishing_talk_then_public() {
        let k = V::OneTimeNotice;
        assert_eq!(measures(k, 1, false), [CriticismAndEducation]);
        assert_eq!(measures(k, 2, false), [AdmonishingTalk]);
        assert_eq!(measures(k, 3, false), [PublicCriticism]);
        assert_eq!(measures(k, 7, true), [PublicCriticism]);
        assert_eq!(sanction(k, 3, false).source, "RULES §9, 002 一(三)3");
    }

    #[test]
    fn attitude_ladder_rises_from_criticism_to_efficiency_warning() {
        let k = V::Attitude;
        assert_eq!(measures(k, 1, false), [CriticismAndEducation]);
        assert_eq!(measures(k, 2, false), [PublicCriticism]);
        assert_eq!(measures(k, 3, false), [EfficiencyWarning]);
        assert_eq!(measures(k, 4, false), [EfficiencyWarning]);
        assert!(sanction(k, 2, false).source.contains("第三十五条"));
    }

    #[test]
    fn serious_attitude_violation_removes_from_the_window_at_any_rung() {
        for nth in 1..=3 {
            assert_eq!(measures(V::Attitude, nth, true), [RemovedFromWindow]);
        }
    }

    #[test]
    fn acceptance_outside_the_centre_is_corrected_and_criticised_then_investigated() {
        let k = V::OutsideAcceptance;
        assert_eq!(measures(k, 1, false), [OrderedToCorrect, PublicCriticism]);
        assert_eq!(
            measures(k, 2, false),
            [OrderedToCorrect, DisciplineInvestigation]
        );
        assert_eq!(
            measures(k, 3, true),
            [OrderedToCorrect, DisciplineInvestigation]
        );
        assert_eq!(
            sanction(k, 2, false).source,
            "RULES §15, 002 第三十四条（屡教不改）"
        );
    }

    #[test]
    fn empty_post_is_left_to_the_director_as_the_seeds_set_no_measure() {
        for nth in 1..=3 {
            let s = sanction(V::EmptyPost, nth, nth == 2);
            assert_eq!(s.measures, [DirectorDecides]);
            assert!(s.director_decides());
            assert_eq!(s.chinese(), "由中心主任决定");
        }
    }

    #[test]
    fn other_violation_is_criticised_and_the_rest_left_to_the_director() {
        let s = sanction(V::Other, 1, false);
        assert_eq!(s.measures, [CriticismAndEducation, DirectorDecides]);
        assert_eq!(s.source, "002 第三十三条");
        assert_eq!(sanction(V::Other, 4, true).measures, s.measures);
    }

    #[test]
    fn zeroth_is_read_as_first() {
        assert_eq!(
            sanction(V::Deadline, 0, false),
            sanction(V::Deadline, 1, false)
        );
    }

    #[test]
    fn sanction_reads_in_both_languages() {
        let s = sanction(V::Deadline, 2, false);
        assert_eq!(s.chinese(), "通报批评、追究领导责任");
        assert_eq!(
            s.english(),
            "public criticism and the leader's responsibility"
        );
    }

    #[test]
    fn every_measure_has_distinct_names() {
        let mut zh: Vec<_> = Measure::ALL.iter().map(|m| m.chinese()).collect();
        let mut en: Vec<_> = Measure::ALL.iter().map(|m| m.english()).collect();
        zh.sort_unstable();
        zh.dedup();
        en.sort_unstable();
        en.dedup();
        assert_eq!(zh.len(), Measure::ALL.len());
        assert_eq!(en.len(), Measure::ALL.len());
    }
}
