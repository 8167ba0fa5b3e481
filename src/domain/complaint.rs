//! Complaints (投诉, RULES §8): what was complained of, by whom, about whom, and the reply that
//! is owed by a working-day deadline — 5 working days after receipt (000, 002), or for a signed
//! report 10 working days counted from the day after receipt (003) — which may be extended once
//! with a reason explained to the complainant (003). The reply is in the complaint's own form
//! (000: oral for oral) unless the centre makes every reply written (002's public commitment).
//!
//! The complainant is confidential: lists mask them, and the staff member complained of never
//! sees who it was (`Complaint::shown_to`).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, CalendarError};
use super::privacy::mask_phone;

/// The six grounds of seed 000 三(八)1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ground {
    /// 违反政务公开承诺.
    Commitment,
    /// 违反审批程序.
    Procedure,
    /// 违反办件制度.
    CaseRules,
    /// 对办理结果有异议.
    Outcome,
    /// 吃拿卡要等腐败行为.
    Corruption,
    /// 服务质量差、态度不好.
    Attitude,
}

impl Ground {
    pub const ALL: [Ground; 6] = [
        Ground::Commitment,
        Ground::Procedure,
        Ground::CaseRules,
        Ground::Outcome,
        Ground::Corruption,
        Ground::Attitude,
    ];

    /// The command line's code.
    pub fn key(self) -> &'static str {
        match self {
            Ground::Commitment => "commitment",
            Ground::Procedure => "procedure",
            Ground::CaseRules => "case-rules",
            Ground::Outcome => "outcome",
            Ground::Corruption => "corruption",
            Ground::Attitude => "attitude",
        }
    }

    pub fn parse(text: &str) -> Option<Ground> {
        Ground::ALL.into_iter().find(|g| g.key() == text.trim())
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Ground::Commitment => "违反政务公开承诺",
            Ground::Procedure => "违反审批程序",
            Ground::CaseRules => "违反办件制度",
            Ground::Outcome => "对办理结果有异议",
            Ground::Corruption => "吃拿卡要等腐败行为",
            Ground::Attitude => "服务质量差、态度不好",
        }
    }
}

/// How the complaint came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComplaintChannel {
    /// 口头.
    Oral,
    /// 电话.
    Phone,
    /// 书面.
    Written,
    /// 署名举报: a signed report, answered within 10 working days (003).
    Report,
}

impl ComplaintChannel {
    pub const ALL: [ComplaintChannel; 4] = [
        ComplaintChannel::Oral,
        ComplaintChannel::Phone,
        ComplaintChannel::Written,
        ComplaintChannel::Report,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ComplaintChannel::Oral => "oral",
            ComplaintChannel::Phone => "phone",
            ComplaintChannel::Written => "written",
            ComplaintChannel::Report => "report",
        }
    }

    pub fn parse(text: &str) -> Option<ComplaintChannel> {
        ComplaintChannel::ALL
            .into_iter()
            .find(|c| c.key() == text.trim())
    }

    pub fn chinese(self) -> &'static str {
        match self {
            ComplaintChannel::Oral => "口头",
            ComplaintChannel::Phone => "电话",
            ComplaintChannel::Written => "书面",
            ComplaintChannel::Report => "署名举报",
        }
    }

    /// Working days from receipt to the reply: 5 (000, 002), a signed report 10 (003). Both
    /// count from the day after receipt, as every working-day limit does.
    pub fn reply_days(self) -> u32 {
        match self {
            ComplaintChannel::Report => 10,
            _ => 5,
        }
    }

    /// In writing: a major complaint must be (000 三(八)2).
    pub fn written(self) -> bool {
        matches!(self, ComplaintChannel::Written | ComplaintChannel::Report)
    }
}

/// What the investigation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Finding {
    Upheld,
    Partly,
    NotUpheld,
}

impl Finding {
    pub const ALL: [Finding; 3] = [Finding::Upheld, Finding::Partly, Finding::NotUpheld];

    pub fn key(self) -> &'static str {
        match self {
            Finding::Upheld => "upheld",
            Finding::Partly => "partly",
            Finding::NotUpheld => "not-upheld",
        }
    }

    pub fn parse(text: &str) -> Option<Finding> {
        Finding::ALL.into_iter().find(|f| f.key() == text.trim())
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Finding::Upheld => "属实",
            Finding::Partly => "部分属实",
            Finding::NotUpheld => "不属实",
        }
    }

    /// Upheld wholly or in part: it counts against whom it was about.
    pub fn against_staff(self) -> bool {
        !matches!(self, Finding::NotUpheld)
    }
}

/// The reply's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyForm {
    Oral,
    Written,
}

impl ReplyForm {
    pub fn key(self) -> &'static str {
        match self {
            ReplyForm::Oral => "oral",
            ReplyForm::Written => "written",
        }
    }

    pub fn parse(text: &str) -> Option<ReplyForm> {
        match text.trim() {
            "oral" => Some(ReplyForm::Oral),
            "written" => Some(ReplyForm::Written),
            _ => None,
        }
    }
}

/// The one extension a reply may have (003), explained to the complainant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyExtension {
    pub on: NaiveDate,
    pub by: String,
    pub reason: String,
    /// The due day before it.
    pub was_due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub on: NaiveDate,
    pub by: String,
    pub finding: Finding,
    pub form: ReplyForm,
    pub text: String,
    /// Replied after its due day.
    pub late: bool,
}

/// One complaint, as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    pub received_at: NaiveDateTime,
    pub channel: ComplaintChannel,
    pub grounds: Vec<Ground>,
    /// The staff member complained of, when known.
    pub against: Option<String>,
    /// The case concerned, when known.
    pub case: Option<u64>,
    pub name: String,
    pub phone: String,
    pub text: String,
    /// Who entered it.
    pub recorded_by: String,
    /// A major complaint (重大投诉): written, and passed to the leadership and the discipline
    /// body, as is any about corruption (000 三(八)3).
    pub major: bool,
    pub due: NaiveDate,
    /// The due day rests on a year with no official holiday schedule.
    pub due_provisional: bool,
    pub extension: Option<ReplyExtension>,
    pub reply: Option<Reply>,
}

/// Why a complaint or its reply is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum ComplaintError {
    #[error(
        "name at least one ground (--grounds): commitment, procedure, case-rules, outcome, corruption, attitude"
    )]
    NoGrounds,
    #[error("say what the complaint is (--text); the register keeps its words")]
    NoText,
    #[error("a complaint is recorded with the complainant's name and phone (--name, --phone)")]
    NoComplainant,
    #[error(
        "a major complaint must be made in writing (000 三(八)2); record it with --channel written or report"
    )]
    MajorNotWritten,
    #[error("the reply is already recorded ({on}); a complaint is answered once")]
    AlreadyReplied { on: NaiveDate },
    #[error(
        "the reply was extended once already ({on}); a complaint's reply is extended at most once (003)"
    )]
    AlreadyExtended { on: NaiveDate },
    #[error("say why the reply needs longer (--reason); it is explained to the complainant (003)")]
    NoReason,
    #[error("say what the complainant is told (--text)")]
    NoReplyText,
    #[error(
        "the centre replies to every complaint in writing ([settings] complaint_replies_written); leave out --form oral"
    )]
    OralNotAllowed,
    #[error("the calendar cannot count the reply's working days: {0}")]
    Calendar(String),
}

/// What the desk knows when it records a complaint.
pub struct NewComplaint {
    pub channel: ComplaintChannel,
    pub grounds: Vec<Ground>,
    pub against: Option<String>,
    pub case: Option<u64>,
    pub name: String,
    pub phone: String,
    pub text: String,
    pub major: bool,
}

fn counted(
    r: Result<super::calendar::Reckoned<NaiveDate>, CalendarError>,
) -> Result<(NaiveDate, bool), ComplaintError> {
    r.map(|d| (d.value, d.is_provisional()))
        .map_err(|e| ComplaintError::Calendar(e.to_string()))
}

impl Complaint {
    /// Records a complaint received at `at` by `by`, its reply due by the channel's working days.
    pub fn receive(
        new: NewComplaint,
        by: &str,
        at: NaiveDateTime,
        cal: &Calendar,
    ) -> Result<Complaint, ComplaintError> {
        let mut grounds = new.grounds;
        grounds.sort();
        grounds.dedup();
        if grounds.is_empty() {
            return Err(ComplaintError::NoGrounds);
        }
        if new.text.trim().is_empty() {
            return Err(ComplaintError::NoText);
        }
        if new.name.trim().is_empty() || new.phone.trim().is_empty() {
            return Err(ComplaintError::NoComplainant);
        }
        if new.major && !new.channel.written() {
            return Err(ComplaintError::MajorNotWritten);
        }
        let (due, due_provisional) =
            counted(cal.add_working_days(at.date(), new.channel.reply_days()))?;
        Ok(Complaint {
            received_at: at,
            channel: new.channel,
            grounds,
            against: new.against.filter(|s| !s.trim().is_empty()),
            case: new.case,
            name: new.name.trim().to_string(),
            phone: new.phone.trim().to_string(),
            text: new.text.trim().to_string(),
            recorded_by: by.to_string(),
            major: new.major,
            due,
            due_provisional,
            extension: None,
            reply: None,
        })
    }

    /// Whether it goes to the centre's leadership and the discipline body (000 三(八)3): a
    /// major complaint, or one about corruption.
    pub fn passed_up(&self) -> bool {
        self.major || self.grounds.contains(&Ground::Corruption)
    }

    pub fn is_open(&self) -> bool {
        self.reply.is_none()
    }

    /// Extends the reply once, by the channel's period again from the day it was due (003:
    /// explained to the complainant).
    pub fn extend(
        &mut self,
        by: &str,
        on: NaiveDate,
        reason: &str,
        cal: &Calendar,
    ) -> Result<(), ComplaintError> {
        if let Some(r) = &self.reply {
            return Err(ComplaintError::AlreadyReplied { on: r.on });
        }
        if let Some(e) = &self.extension {
            return Err(ComplaintError::AlreadyExtended { on: e.on });
        }
        if reason.trim().is_empty() {
            return Err(ComplaintError::NoReason);
        }
        let (due, provisional) =
            counted(cal.add_working_days(self.due, self.channel.reply_days()))?;
        self.extension = Some(ReplyExtension {
            on,
            by: by.to_string(),
            reason: reason.trim().to_string(),
            was_due: self.due,
        });
        self.due = due;
        self.due_provisional |= provisional;
        Ok(())
    }

    /// The form a reply takes when none is asked: written when the centre answers every
    /// complaint in writing, else the complaint's own (000: oral for oral and phone).
    pub fn default_form(&self, always_written: bool) -> ReplyForm {
        if always_written || self.channel.written() {
            ReplyForm::Written
        } else {
            ReplyForm::Oral
        }
    }

    /// Records the reply, in `form` or the default one.
    pub fn answer(
        &mut self,
        by: &str,
        on: NaiveDate,
        finding: Finding,
        text: &str,
        form: Option<ReplyForm>,
        always_written: bool,
    ) -> Result<&Reply, ComplaintError> {
        if let Some(r) = &self.reply {
            return Err(ComplaintError::AlreadyReplied { on: r.on });
        }
        if text.trim().is_empty() {
            return Err(ComplaintError::NoReplyText);
        }
        let form = form.unwrap_or(self.default_form(always_written));
        if always_written && form == ReplyForm::Oral {
            return Err(ComplaintError::OralNotAllowed);
        }
        Ok(self.reply.insert(Reply {
            on,
            by: by.to_string(),
            finding,
            form,
            text: text.trim().to_string(),
            late: on > self.due,
        }))
    }

    /// The complaint as `viewer` may see it: the staff member complained of never learns who
    /// complained (RULES §8), and a list (`listed`) masks the complainant for everyone.
    pub fn shown_to(&self, viewer: &str, listed: bool) -> Complaint {
        let mut c = self.clone();
        if listed || c.against.as_deref() == Some(viewer) {
            c.name = mask_name(&c.name);
            c.phone = mask_phone(&c.phone);
        }
        c
    }
}

/// `张三丰` → `张**`: the family name alone.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn at(m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, m, d)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn new(channel: ComplaintChannel) -> NewComplaint {
        NewComplaint {
            channel,
            grounds: vec![Ground::Attitude],
            against: Some("C01".into()),
            case: None,
            name: "李四".into(),
            phone: "13800001234".into(),
            text: "窗口人员态度生硬".into(),
            major: false,
        }
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        at(m, d).date()
    }

    #[test]
    fn the_reply_is_due_five_working_days_after_receipt_across_the_national_day_holiday() {
        let cal = fixtures::calendar();
        // Received Wednesday 30 September 2026: 1–7 October are the holiday, and 10 October
        // (a Saturday) a make-up working day: 8, 9, 10, 12, 13.
        let c = Complaint::receive(new(ComplaintChannel::Phone), "L01", at(9, 30), &cal).unwrap();
        assert_eq!(c.due, day(10, 13));
        assert!(!c.due_provisional);
    }

    #[test]
    fn a_signed_report_is_answered_within_ten_working_days_from_the_day_after_receipt() {
        let cal = fixtures::calendar();
        // Received Monday 23 November: 24–27, 30 November, 1–4 December, 7 December.
        let c = Complaint::receive(new(ComplaintChannel::Report), "L01", at(11, 23), &cal).unwrap();
        assert_eq!(c.due, day(12, 7));
        let c =
            Complaint::receive(new(ComplaintChannel::Written), "L01", at(11, 23), &cal).unwrap();
        assert_eq!(c.due, day(11, 30));
    }

    #[test]
    fn a_reply_is_extended_once_by_its_period_with_a_reason() {
        let cal = fixtures::calendar();
        let mut c =
            Complaint::receive(new(ComplaintChannel::Oral), "L01", at(11, 23), &cal).unwrap();
        assert_eq!(
            c.extend("L01", day(11, 25), " ", &cal),
            Err(ComplaintError::NoReason)
        );
        c.extend("L01", day(11, 25), "需向人社部门调取记录", &cal)
            .unwrap();
        assert_eq!(
            (c.extension.as_ref().unwrap().was_due, c.due),
            (day(11, 30), day(12, 7))
        );
        assert_eq!(
            c.extend("L01", day(11, 26), "再查", &cal),
            Err(ComplaintError::AlreadyExtended { on: day(11, 25) })
        );
    }

    #[test]
    fn a_major_complaint_must_be_written_and_goes_up_as_corruption_does() {
        let cal = fixtures::calendar();
        let major = NewComplaint {
            major: true,
            ..new(ComplaintChannel::Phone)
        };
        assert_eq!(
            Complaint::receive(major, "L01", at(11, 23), &cal).err(),
            Some(ComplaintError::MajorNotWritten)
        );
        let c = Complaint::receive(new(ComplaintChannel::Oral), "L01", at(11, 23), &cal).unwrap();
        assert!(!c.passed_up());
        let corrupt = NewComplaint {
            grounds: vec![Ground::Corruption],
            ..new(ComplaintChannel::Oral)
        };
        assert!(
            Complaint::receive(corrupt, "L01", at(11, 23), &cal)
                .unwrap()
                .passed_up()
        );
    }

    #[test]
    fn the_reply_follows_the_complaints_form_unless_every_reply_is_written() {
        let cal = fixtures::calendar();
        let mut oral =
            Complaint::receive(new(ComplaintChannel::Oral), "L01", at(11, 23), &cal).unwrap();
        assert_eq!(oral.default_form(false), ReplyForm::Oral);
        assert_eq!(oral.default_form(true), ReplyForm::Written);
        assert_eq!(
            oral.answer(
                "L01",
                day(11, 24),
                Finding::Upheld,
                "已批评教育",
                Some(ReplyForm::Oral),
                true
            )
            .err(),
            Some(ComplaintError::OralNotAllowed)
        );
        let reply = oral
            .answer("L01", day(12, 1), Finding::Partly, "已核实", None, false)
            .unwrap();
        assert_eq!((reply.form, reply.late), (ReplyForm::Oral, true));
        let written =
            Complaint::receive(new(ComplaintChannel::Written), "L01", at(11, 23), &cal).unwrap();
        assert_eq!(written.default_form(false), ReplyForm::Written);
    }

    #[test]
    fn the_staff_member_complained_of_never_sees_who_complained_and_lists_mask_everyone() {
        let cal = fixtures::calendar();
        let c = Complaint::receive(new(ComplaintChannel::Oral), "L01", at(11, 23), &cal).unwrap();
        let to_them = c.shown_to("C01", false);
        assert_eq!(
            (to_them.name.as_str(), to_them.phone.as_str()),
            ("李*", "138****1234")
        );
        let to_director = c.shown_to("D01", false);
        assert_eq!(to_director.name, "李四");
        assert_eq!(c.shown_to("D01", true).name, "李*");
    }
}
