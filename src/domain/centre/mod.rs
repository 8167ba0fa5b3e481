//! The centre: its windows with A/B posts (窗口AB岗, RULES §5), staff, leaders and their duty
//! rule (领导值班, §7), the cleaning rota (卫生值日, §7), opening hours (§14) and the settings where
//! the seeds differ. Read from a hand-edited TOML file (format in the README), checked on load.

mod file;
mod print;
mod sms;

pub use print::{PRINTER_WORD, PrintSettings};
pub use sms::SmsSettings;

use std::collections::BTreeMap;

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

/// What a staff member may do (the permission table comes with the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 窗口工作人员.
    Clerk,
    /// 值班领导 / 分管领导 — a deputy leader.
    Leader,
    /// 中心主任.
    Director,
    /// 督查 / 纪检.
    Supervisor,
    /// 系统管理员.
    Admin,
}

impl Role {
    const ALL: [Role; 5] = [
        Role::Clerk,
        Role::Leader,
        Role::Director,
        Role::Supervisor,
        Role::Admin,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Leader => "leader",
            Role::Director => "director",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == text)
    }

    /// Leaders and the director lead; only they keep duty days and head windows' business.
    pub fn leads(self) -> bool {
        matches!(self, Role::Leader | Role::Director)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub code: String,
    pub name: String,
    pub role: Role,
    /// Last digits of the day of the month on which this leader is on duty (值班).
    pub duty_digits: Vec<u8>,
    /// The unix uid this person signs in as, when bound (the server reads the peer's uid).
    pub uid: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub name: String,
    /// The ticket prefix letter (`A` gives tickets A001, A002, ...).
    pub prefix: char,
    /// Staff code of the A post (A岗).
    pub a: String,
    /// Staff code of the B post (B岗), who covers when A is away.
    pub b: String,
    /// Staff code of the window's business leader (岗位业务分管领导).
    pub business_leader: String,
    pub location: Option<String>,
    pub phone: Option<String>,
    /// The printer at this window's desk; none: the hall's (`[print] printer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    pub open: NaiveTime,
    pub close: NaiveTime,
    pub midday_break: Option<(NaiveTime, NaiveTime)>,
}

/// Whether the 10- and 60-day limits of seed 000 count working or calendar days (RULES §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    Working,
    Calendar,
}

/// Settings where the seeds differ, defaulted as RULES says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// RULES §4: the 10- and 60-day limits; default working days (行政许可法 第八十二条).
    pub ten_and_sixty_day_limits: DayUnit,
    /// RULES §3: 容缺受理 allowed; default on.
    pub accept_with_deficiency: bool,
    /// RULES §3: working days to bring the secondary materials under 容缺; default 5.
    pub deficiency_supplement_days: u32,
    /// RULES §14: at most this many priority tickets are called in a row while ordinary
    /// visitors wait, so that no one is starved; default 2.
    pub priority_interleave: u32,
    /// RULES §14: a called visitor is marked a no-show (过号) after this many recalls; default 2.
    pub no_show_after_recalls: u32,
    /// RULES §8, §15: every complaint is answered in writing (002's public commitment); by
    /// default a reply takes the complaint's own form (000: oral for oral).
    #[serde(default)]
    pub complaint_replies_written: bool,
    /// RULES §11: working days to rectify a 差评 (check, rectify, answer the rater); default 5.
    #[serde(default = "five")]
    pub rectification_days: u32,
    /// RULES §11: completed cases called back each month (004: 5 a quarter in the county's
    /// checks); default 5.
    #[serde(default = "five")]
    pub return_visits_per_month: u32,
}

fn five() -> u32 {
    5
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ten_and_sixty_day_limits: DayUnit::Working,
            accept_with_deficiency: true,
            deficiency_supplement_days: 5,
            priority_interleave: 2,
            no_show_after_recalls: 2,
            complaint_replies_written: false,
            rectification_days: 5,
            return_visits_per_month: 5,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Centre {
    pub name: String,
    pub complaint_phone: Option<String>,
    /// Staff code of the director (中心主任).
    pub director: String,
    /// Unix accounts shared by several staff (thin clients): they sign in with code and PIN.
    pub shared_uids: Vec<u32>,
    pub staff: Vec<Staff>,
    pub windows: Vec<Window>,
    /// Staff codes on cleaning duty (卫生值日) by weekday.
    pub cleaning: BTreeMap<u8, Vec<String>>,
    pub hours: Hours,
    pub settings: Settings,
    /// How completion messages are delivered (`[sms]`; RULES §4).
    #[serde(default)]
    pub sms: SmsSettings,
    /// How documents are printed (`[print]`).
    #[serde(default)]
    pub print: PrintSettings,
}

impl Centre {
    /// The staff member bound to a unix uid.
    pub fn staff_by_uid(&self, uid: u32) -> Option<&Staff> {
        self.staff.iter().find(|s| s.uid == Some(uid))
    }

    pub fn staff(&self, code: &str) -> Option<&Staff> {
        self.staff.iter().find(|s| s.code == code)
    }

    /// The staff member's name, or the code itself if unknown (never for a checked centre).
    pub fn name_of<'a>(&'a self, code: &'a str) -> &'a str {
        self.staff(code).map_or(code, |s| s.name.as_str())
    }

    pub fn window(&self, name: &str) -> Option<&Window> {
        self.windows.iter().find(|w| w.name == name)
    }

    /// Leaders on duty on a day of the month, by its last digit (RULES §7, seed 000).
    pub fn duty_leaders(&self, day_of_month: u32) -> Vec<&Staff> {
        let digit = (day_of_month % 10) as u8;
        self.staff
            .iter()
            .filter(|s| s.duty_digits.contains(&digit))
            .collect()
    }

    /// Staff on the cleaning rota for a weekday.
    pub fn cleaners(&self, weekday: Weekday) -> Vec<&Staff> {
        let day = weekday.number_from_monday() as u8;
        self.cleaning
            .get(&day)
            .into_iter()
            .flatten()
            .filter_map(|code| self.staff(code))
            .collect()
    }
}
