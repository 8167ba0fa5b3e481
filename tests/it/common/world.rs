//! The demo centre's catalogue, roster and calendar, and cases accepted in it, for the rule tests.

use chrono::NaiveDate;
use frontdesk::domain::calendar::Calendar;
use frontdesk::domain::case::notify::compose;
use frontdesk::domain::case::{Applicant, Case, CaseError, CaseKind, Channel, Intake, Ticked};
use frontdesk::domain::catalogue::{Catalogue, ServiceItem};
use frontdesk::domain::centre::{Centre, Settings};
use frontdesk::domain::clock::Deadline;
use frontdesk::domain::notice::Notice;
use frontdesk::fixtures;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub struct World {
    pub cat: Catalogue,
    pub centre: Centre,
    pub cal: Calendar,
}

pub fn world() -> World {
    World {
        cat: fixtures::catalogue(),
        centre: fixtures::centre(),
        cal: fixtures::calendar(),
    }
}

pub fn list(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

impl World {
    pub fn item(&self, code: &str) -> &ServiceItem {
        self.cat.get(code).unwrap()
    }

    pub fn accept_with(
        &self,
        code: &str,
        on: NaiveDate,
        have: &[&str],
        promise: &[&str],
        settings: &Settings,
    ) -> Result<Case, CaseError> {
        self.accept_item(self.item(code), on, (have, promise), None, settings)
    }

    /// The intake of a case of `item` for 张三 by C01 on `on`, with `(in hand, promised)`.
    pub fn intake_of<'a>(
        &self,
        item: &'a ServiceItem,
        on: NaiveDate,
        (have, promise): (&[&str], &[&str]),
    ) -> Intake<'a> {
        Intake {
            item,
            ticked: Ticked {
                in_hand: list(have),
                promised: list(promise),
            },
            applicant: Applicant {
                name: "张三".into(),
                phone: Some("13800000000".into()),
                id_number: None,
            },
            first_asked: "C01".into(),
            channel: Channel::Window,
            handler: "C01".into(),
            accepted_on: on,
            green_channel: false,
            kind_override: None,
            needs_decision: false,
        }
    }

    /// The intake of a case of the catalogue's item `code` with `have` in hand.
    pub fn intake(&self, code: &str, on: NaiveDate, have: &[&str]) -> Intake<'_> {
        self.intake_of(self.item(code), on, (have, &[]))
    }

    /// Accepts a case of `item` (perhaps not the catalogue's own) with `(in hand, promised)`,
    /// the clerk's override of the kind if any.
    pub fn accept_item(
        &self,
        item: &ServiceItem,
        on: NaiveDate,
        materials: (&[&str], &[&str]),
        kind_override: Option<(CaseKind, String)>,
        settings: &Settings,
    ) -> Result<Case, CaseError> {
        let intake = Intake {
            kind_override,
            ..self.intake_of(item, on, materials)
        };
        Case::accept(intake, settings, &self.cal)
    }

    /// The notice numbered `number` that `case` gets on `on`, composed with its item.
    pub fn notice(&self, case: &Case, number: u32, on: NaiveDate) -> Notice {
        compose(
            case,
            self.item(&case.item_code),
            &self.centre,
            &self.cal,
            number,
            on,
        )
        .unwrap()
    }

    pub fn accept(&self, code: &str, on: NaiveDate, have: &[&str], promise: &[&str]) -> Case {
        self.accept_with(code, on, have, promise, &Settings::default())
            .unwrap()
    }

    pub fn all_materials(&self, code: &str) -> Vec<&str> {
        self.item(code)
            .materials
            .iter()
            .map(|m| m.name.as_str())
            .collect()
    }

    pub fn mains(&self, code: &str) -> Vec<&str> {
        self.item(code)
            .materials
            .iter()
            .filter(|m| m.main)
            .map(|m| m.name.as_str())
            .collect()
    }

    pub fn due(&self, case: &Case) -> NaiveDate {
        match case.deadline(&self.cal).unwrap() {
            Deadline::Due(r) => r.value,
            other => panic!("expected a due date, got {other:?}"),
        }
    }
}

pub const ELDER_MEALS: &str = "MZ-005"; // 承诺件, 5 working days
pub const UNEMPLOYMENT: &str = "LB-003"; // 即办件
pub const BIRTH: &str = "RK-005"; // 联办件 with 医疗保险 and 劳动保障
pub const DIBAO: &str = "MZ-001"; // 上报件, 20 working days
