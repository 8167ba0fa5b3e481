//! Properties of case clocks (RULES §4), over every demo item, acceptance days across
//! scheduled and unscheduled years, extensions and pauses.

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use frontdesk::domain::calendar::Calendar;
use frontdesk::domain::case::{Applicant, Case, Channel, Intake, Ticked};
use frontdesk::domain::catalogue::Catalogue;
use frontdesk::domain::centre::{Centre, Settings};
use frontdesk::domain::clock::{Deadline, SpecialProcedure};
use frontdesk::fixtures;
use proptest::prelude::*;

/// The fixtures, parsed once for all cases.
fn world() -> &'static (Catalogue, Calendar, Centre) {
    static WORLD: OnceLock<(Catalogue, Calendar, Centre)> = OnceLock::new();
    WORLD.get_or_init(|| {
        (
            fixtures::catalogue(),
            fixtures::calendar(),
            fixtures::centre(),
        )
    })
}

fn cal() -> &'static Calendar {
    &world().1
}

fn working_day(offset: u64) -> NaiveDate {
    let cal = cal();
    let d = NaiveDate::from_ymd_opt(2025, 1, 2).unwrap() + Days::new(offset);
    cal.on_or_next_working_day(d).unwrap().value
}

/// A case of catalogue item `idx`, accepted on `on` with materials ticked by `mask`
/// (two bits a material: 0 promised, 1 missing, else in hand).
fn case(idx: usize, on: NaiveDate, mask: u32, green_channel: bool) -> Case {
    let cat = &world().0;
    let item = &cat.items()[idx % cat.items().len()];
    let (mut in_hand, mut promised) = (vec![], vec![]);
    for (i, m) in item.materials.iter().enumerate() {
        match (mask >> (2 * i)) & 3 {
            0 => promised.push(m.name.clone()),
            1 => {}
            _ => in_hand.push(m.name.clone()),
        }
    }
    Case::accept(
        Intake {
            item,
            ticked: Ticked { in_hand, promised },
            applicant: Applicant {
                name: "甲".into(),
                phone: None,
                id_number: None,
            },
            first_asked: "C01".into(),
            channel: Channel::Window,
            handler: "C01".into(),
            accepted_on: on,
            green_channel,
            kind_override: None,
            needs_decision: false,
        },
        &Settings::default(),
        cal(),
    )
    .unwrap()
}

fn due(c: &Case) -> Option<NaiveDate> {
    match c.deadline(cal()).unwrap() {
        Deadline::Due(r) => Some(r.value),
        _ => None,
    }
}

fn director() -> &'static frontdesk::domain::centre::Staff {
    world().2.staff("D01").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_deadline_never_falls_on_a_rest_day(
        idx in 0usize..64, off in 0u64..900, mask in any::<u32>(), green in any::<bool>(), ext in 0u32..=30,
    ) {
        let cal = cal();
        let on = working_day(off);
        let mut c = case(idx, on, mask, green);
        if ext > 0 {
            let _ = c.extend(ext, "核查", director(), on);
        }
        if let Some(d) = due(&c) {
            prop_assert!(cal.is_working_day(d), "{d} for {}", c.item_code);
            prop_assert!(d >= on);
        }
    }

    #[test]
    fn a_deadline_never_falls_on_a_rest_day_even_when_the_materials_arrive_on_one(
        idx in 0usize..64, off in 0u64..900, wait in 0u64..30,
    ) {
        let cal = cal();
        let on = working_day(off);
        let mut c = case(idx, on, 0, false);
        // Any day, weekends and holidays included (a clerk on duty, a supplement by post).
        let arrived = on + Days::new(wait);
        let all: Vec<String> = c.materials.iter().map(|m| m.name.clone()).collect();
        c.supplement(&all, arrived).unwrap();
        if let Some(d) = due(&c) {
            prop_assert!(cal.is_working_day(d), "{d} for {} completed {arrived}", c.item_code);
            prop_assert!(d >= arrived);
        }
    }

    #[test]
    fn extending_never_shortens(
        idx in 0usize..64, off in 0u64..900, green in any::<bool>(), a in 1u32..=15, b in 1u32..=15,
    ) {
        let on = working_day(off);
        let mut c = case(idx, on, u32::MAX, green);
        let Some(before) = due(&c) else { return Ok(()); };
        if c.extend(a, "核查", director(), on).is_ok() {
            let mid = due(&c).unwrap();
            prop_assert!(mid > before);
            if c.extend(b, "再核查", director(), on).is_ok() {
                prop_assert!(due(&c).unwrap() > mid);
            }
        }
    }

    #[test]
    fn pausing_and_resuming_for_k_working_days_moves_the_deadline_by_k(
        idx in 0usize..64, off in 0u64..900, after in 0u32..10, k in 1u32..25,
    ) {
        let cal = cal();
        let on = working_day(off);
        let mut c = case(idx, on, u32::MAX, false);
        let Some(before) = due(&c) else { return Ok(()); };
        let from = if after == 0 { on } else { cal.add_working_days(on, after).unwrap().value };
        if c.pause(SpecialProcedure::ExpertReview, cal, from).is_err() {
            // Same-day items have no clock to pause; none starts after the deadline.
            return Ok(());
        }
        let until = cal.add_working_days(from, k).unwrap().value;
        c.resume(until).unwrap();
        prop_assert_eq!(due(&c).unwrap(), cal.add_working_days(before, k).unwrap().value);
    }

    #[test]
    fn supplement_clock_starts_on_the_day_the_last_material_arrives(
        idx in 0usize..64, off in 0u64..900, wait in 0u32..20,
    ) {
        let cal = cal();
        let on = working_day(off);
        // Everything promised: a 补办件 waiting for all of it.
        let mut c = case(idx, on, 0, false);
        prop_assert!(due(&c).is_none());
        let arrived = if wait == 0 { on } else { cal.add_working_days(on, wait).unwrap().value };
        let all: Vec<String> = c.materials.iter().map(|m| m.name.clone()).collect();
        c.supplement(&all, arrived).unwrap();
        let item = world().0.get(&c.item_code).unwrap();
        let expected = if item.committed_days == 0 {
            cal.on_or_next_working_day(arrived).unwrap().value
        } else {
            cal.add_working_days(arrived, item.committed_days).unwrap().value
        };
        prop_assert_eq!(due(&c).unwrap(), expected);
    }
}
