//! The demo centre's morning: what a new demo store holds when its server first starts, so the
//! console opens on a working hall. Every act is a request through the server's own dispatcher
//! (its gate, rules, one-time notices and audit event), made by the staff member who would make
//! it, at the moment they would: cases were accepted on earlier working days of the centre's
//! calendar, counted back from today, and today's queue fills in the hour before now. So every
//! countdown is true whatever day the demo is first run, and the audit chain is in time order.
//!
//! What it holds (RULES §1–§7, §14):
//! - a queue at five windows: visitors served and finished, four being served (one of them a
//!   priority visitor), ordinary and priority visitors waiting;
//! - open cases at every urgency: comfortable, due soon (`!`), due today (`!!`), overdue
//!   (`超期`), a 补办件 waiting for a promised main material, and a 容缺受理 case one working day
//!   from its supplement date; and one 即办件 done today at the window;
//! - 医疗保险's A on approved leave today, so its B covers; a leave request and an extension
//!   request waiting for a decision; an open phone enquiry; the leader on duty's first log line.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use crate::domain::calendar::Calendar;
use crate::domain::case::Channel;
use crate::domain::complaint::{ComplaintChannel, Ground};
use crate::domain::enquiry::EnquiryChannel;
use crate::domain::leave::AbsenceKind;
use crate::protocol::args::{Grounds, Materials};
use crate::protocol::{
    CaseOpen, CaseReq, ComplaintReq, DutyReq, EnquiryReq, ExtensionReq, LeaveReq, Outcome, Request,
    Response, TicketReq,
};

use super::Shared;
use super::clock::ServerClock;
use super::commands::dispatch;
use super::scheduler::{Scope, apply_due};
use super::session::Session;

/// An act of the morning that the rules refused: a fault of the demo, named so it can be mended.
#[derive(Debug, thiserror::Error)]
#[error(
    "the demo's morning could not be written: {act} by {by} at {} was refused: {why}",
    at.format("%Y-%m-%d %H:%M")
)]
pub struct MorningError {
    pub act: String,
    pub by: String,
    pub at: NaiveDateTime,
    pub why: String,
}

/// What the morning wrote, to tell whoever set the demo up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub tickets: usize,
    pub cases: usize,
    pub leave: usize,
    pub extensions: usize,
    pub enquiries: usize,
}

impl Summary {
    /// `10 tickets, 8 cases, …`, for the server's log and `init --demo`.
    pub fn describe(&self) -> String {
        let n =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "wrote a morning of activity: {}, {}, {}, {}, {}",
            n(self.tickets, "ticket", "tickets"),
            n(self.cases, "case", "cases"),
            n(self.leave, "leave request", "leave requests"),
            n(self.extensions, "extension request", "extension requests"),
            n(self.enquiries, "enquiry", "enquiries"),
        )
    }
}

/// The morning's first moment: the opening of the earliest day a case of it was accepted on.
/// The store is opened then, so its definition is recorded before anything that uses it.
pub fn first_moment(cal: &Calendar, now: NaiveDateTime) -> NaiveDateTime {
    cal.working_days_before(now.date(), EARLIEST)
        .and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default())
}

/// How many working days before today the earliest case was accepted.
const EARLIEST: u32 = 10;

/// Acts as the desk would, one request at a time, moving the server's clock to each act's moment
/// and applying the timed rules at the first act of each day, as a running server would.
struct Desk<'a> {
    shared: &'a mut Shared,
    day: Option<NaiveDate>,
    summary: Summary,
}

impl Desk<'_> {
    fn act(
        &mut self,
        at: NaiveDateTime,
        by: &str,
        request: Request,
    ) -> Result<Response, MorningError> {
        self.shared.clock = ServerClock::starting_at(at);
        if self.day != Some(at.date()) {
            self.day = Some(at.date());
            apply_due(self.shared, Scope::NewDay);
        }
        let act = request.act();
        let refused = |why: String| MorningError {
            act: act.clone(),
            by: by.to_string(),
            at,
            why,
        };
        let staff = self
            .shared
            .centre
            .staff(by)
            .cloned()
            .ok_or_else(|| refused(format!("the centre has no staff code `{by}`")))?;
        let session = Session {
            staff,
            uid: super::server_itself().uid,
            lang: crate::lang::Lang::En,
            owner: false,
        };
        match dispatch(self.shared, &session, request).outcome {
            Outcome::Ok(r) => {
                self.count(&act);
                Ok(r)
            }
            Outcome::Err(f) => Err(refused(f.message)),
        }
    }

    fn count(&mut self, act: &str) {
        let s = &mut self.summary;
        match act {
            "ticket.take" => s.tickets += 1,
            "case.open" => s.cases += 1,
            "leave.request" => s.leave += 1,
            "extension.ask" => s.extensions += 1,
            "enquiry.log" => s.enquiries += 1,
            _ => {}
        }
    }

    /// Opens a case; returns its number.
    fn open(&mut self, at: NaiveDateTime, by: &str, intake: Intake) -> Result<u64, MorningError> {
        let request = Request::Case(CaseReq::Open(Box::new(intake.into_open())));
        match self.act(at, by, request)? {
            Response::Case(v) => Ok(v.id),
            _ => Ok(0),
        }
    }

    fn ticket(&mut self, at: NaiveDateTime, by: &str, req: TicketReq) -> Result<(), MorningError> {
        self.act(at, by, Request::Ticket(req)).map(drop)
    }
}

/// A visitor's matter, as the clerk ticks it.
struct Intake {
    item: &'static str,
    applicant: &'static str,
    phone: &'static str,
    have: &'static str,
    promise: &'static str,
    ticket: Option<&'static str>,
}

impl Intake {
    fn into_open(self) -> CaseOpen {
        CaseOpen {
            item: self.item.into(),
            applicant: self.applicant.into(),
            phone: Some(self.phone.into()),
            id_number: None,
            have: Materials::parse(self.have),
            promise: Materials::parse(self.promise),
            pages: Default::default(),
            first_asked: None,
            channel: Channel::Window,
            kind: None,
            reason: None,
            green_channel: false,
            ticket: self.ticket.map(String::from),
            needs_decision: false,
        }
    }
}

fn take(window: &str, priority: bool) -> TicketReq {
    TicketReq::Take {
        window: Some(window.into()),
        item: None,
        priority,
        print: false,
    }
}

fn call() -> TicketReq {
    TicketReq::Call {
        window: None,
        number: None,
        reason: None,
    }
}

/// Writes the morning into `shared`'s store, opened at [`first_moment`]; `now` is the moment the
/// server starts at. The clock is left at the last act: the caller sets the running clock.
pub fn write(shared: &mut Shared, now: NaiveDateTime) -> Result<Summary, MorningError> {
    let cal = shared.calendar.clone();
    let today = now.date();
    let hours = shared.centre.hours.clone();
    let on = |k: u32, h: u32, m: u32| {
        cal.working_days_before(today, k)
            .and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())
    };
    // Today's acts fall in the hour before now; just after midnight, in the seconds since.
    let midnight = today.and_time(NaiveTime::MIN);
    let ago = |minutes: i64| {
        (now - TimeDelta::minutes(minutes)).max(midnight + TimeDelta::seconds(60 - minutes))
    };
    let mut desk = Desk {
        shared,
        day: None,
        summary: Summary::default(),
    };
    let d = &mut desk;

    // Earlier working days: the cases still open today, each at its urgency by the centre's
    // calendar. 民政救助's deadlines first, as its clerk 周春英 (C01) reads them.
    // 临时救助 (承诺件, 10 days), accepted 10 working days ago: due today (!!).
    d.open(
        on(EARLIEST, 9, 40),
        "C01",
        Intake {
            item: "MZ-003",
            applicant: "王德顺",
            phone: "13957012846",
            have: "临时救助申请书,居民身份证,户口簿,致困原因证明,家庭经济状况核对授权书,银行卡或存折复印件",
            promise: "",
            ticket: None,
        },
    )?;
    // 高龄津贴 (承诺件, 10 days), 9 working days ago: one day left (!); an extension is asked
    // for it today.
    let due_soon = d.open(
        on(9, 14, 10),
        "C01",
        Intake {
            item: "MZ-006",
            applicant: "陈桂芳",
            phone: "13867053371",
            have: "高龄津贴申请表,居民身份证,户口簿,银行卡或存折复印件,代办人身份证",
            promise: "",
            ticket: None,
        },
    )?;
    // 长者食堂就餐补贴 (承诺件, 5 days) taken by the B post, 7 working days ago: overdue by 2.
    d.open(
        on(7, 10, 20),
        "C02",
        Intake {
            item: "MZ-005",
            applicant: "李秀兰",
            phone: "13605798812",
            have: "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片",
            promise: "",
            ticket: None,
        },
    )?;
    // 门诊慢特病 at 医疗保险, 4 working days ago, the records and photo still to come: 容缺受理,
    // to be supplemented within 5 working days, so by the next working day.
    d.open(
        on(4, 9, 50),
        "C05",
        Intake {
            item: "YB-003",
            applicant: "黄美华",
            phone: "13757027765",
            have: "门诊慢特病申请表,居民身份证,诊断证明",
            promise: "",
            ticket: None,
        },
    )?;
    // 残疾人两项补贴 (承诺件, 20 days), 3 working days ago: comfortable.
    d.open(
        on(3, 10, 5),
        "C01",
        Intake {
            item: "MZ-004",
            applicant: "刘建平",
            phone: "13515791120",
            have: "两项补贴申请审批表,第二代残疾人证,居民身份证,户口簿,低保证,银行卡或存折复印件",
            promise: "",
            ticket: None,
        },
    )?;
    // 养老待遇领取 at 劳动保障, 2 working days ago: comfortable.
    d.open(
        on(2, 11, 30),
        "C03",
        Intake {
            item: "LB-002",
            applicant: "赵小燕",
            phone: "13588064417",
            have: "居民身份证,户口簿,待遇领取申请表,社会保障卡,近期一寸免冠照片",
            promise: "",
            ticket: None,
        },
    )?;
    // 低保 with the household register at home, promised: 补办件, its clock waiting.
    d.open(
        on(2, 15, 20),
        "C01",
        Intake {
            item: "MZ-001",
            applicant: "孙立新",
            phone: "13706776630",
            have: "最低生活保障申请书,居民身份证,家庭经济状况核对授权书,家庭收入和财产申报表,残疾人证或病历证明,银行卡或存折复印件",
            promise: "户口簿",
            ticket: None,
        },
    )?;
    // Yesterday: 医疗保险's A asks for today off; the director approves, so its B covers today.
    let from = today.and_time(hours.open);
    let to = today.and_time(hours.close);
    let leave = d.act(
        on(1, 16, 30),
        "C05",
        Request::Leave(LeaveReq::Request {
            from,
            to,
            reason: "陪同家人住院手术".into(),
            kind: AbsenceKind::Leave,
            staff: None,
            swaps: Vec::new(),
        }),
    )?;
    let director = d.shared.centre.director.clone();
    if let Response::Leave(l) = leave {
        d.act(
            on(1, 16, 45),
            &director,
            Request::Leave(LeaveReq::Approve { id: l.id }),
        )?;
    }

    // Today: the leader on duty opens the log, the hall fills, the windows call.
    if let Some(leader) = d
        .shared
        .centre
        .duty_leaders(today.day())
        .first()
        .map(|s| s.code.clone())
    {
        d.act(
            ago(58),
            &leader,
            Request::Duty(DutyReq::Log {
                text: "到岗检查：各窗口人员到岗，着装、工牌规范；医疗保险夏芷菁请假，李富昌顶岗。"
                    .into(),
            }),
        )?;
    }
    d.ticket(ago(52), "C01", take("民政救助", false))?;
    d.ticket(ago(50), "C03", take("劳动保障", false))?;
    d.ticket(ago(47), "C06", take("医疗保险", false))?;
    d.ticket(ago(45), "C01", call())?;
    d.ticket(ago(44), "C03", call())?;
    // 城乡居民养老保险参保登记 is 即办件: done at the window at once.
    let done = d.open(
        ago(42),
        "C03",
        Intake {
            item: "LB-001",
            applicant: "周建华",
            phone: "13819093352",
            have: "居民身份证,户口簿,居民养老保险参保登记表,残疾人证或低保证",
            promise: "",
            ticket: Some("B001"),
        },
    )?;
    d.ticket(ago(40), "C01", take("民政救助", true))?;
    d.act(
        ago(38),
        "C03",
        Request::Case(CaseReq::Complete { id: done }),
    )?;
    d.ticket(ago(36), "C07", take("人口计生", false))?;
    d.act(
        ago(35),
        "C01",
        Request::Enquiry(EnquiryReq::Log {
            channel: EnquiryChannel::Phone,
            caller_name: Some("陈先生".into()),
            caller_phone: Some("13905771234".into()),
            content: "来电询问农村危房改造补助的申请条件和审批进度".into(),
            refer_to: Some("土规农综".into()),
        }),
    )?;
    // A caller complains of 医疗保险's attitude: in the register, its reply due in 5 working
    // days, for the supervisor's view.
    d.act(
        ago(34),
        "L01",
        Request::Complaint(ComplaintReq::Open {
            channel: ComplaintChannel::Phone,
            grounds: Grounds(vec![Ground::Attitude]),
            against: Some("C05".into()),
            case: None,
            name: "刘女士".into(),
            phone: "13857712345".into(),
            text: "来电反映医疗保险窗口工作人员解释政策不耐烦、语气生硬".into(),
            major: false,
        }),
    )?;
    d.ticket(ago(33), "C06", call())?;
    d.ticket(ago(30), "C01", take("民政救助", false))?;
    d.ticket(ago(28), "C07", call())?;
    d.ticket(ago(26), "C03", take("劳动保障", false))?;
    // The priority visitor before the one who came after; 劳动保障's first visitor is done.
    d.ticket(ago(25), "C01", call())?;
    d.ticket(ago(22), "C03", call())?;
    // Tomorrow's morning off for 劳动保障's B, asked in writing; its A is in.
    let next = cal
        .add_working_days(today, 1)
        .map(|r| r.value)
        .unwrap_or(today + TimeDelta::days(1));
    d.act(
        ago(20),
        "C04",
        Request::Leave(LeaveReq::Request {
            from: next.and_time(hours.open),
            to: next.and_time(hours.midday_break.map_or(hours.close, |(start, _)| start)),
            reason: "参加子女学校家长会".into(),
            kind: AbsenceKind::Leave,
            staff: None,
            swaps: Vec::new(),
        }),
    )?;
    d.ticket(ago(18), "C09", take("土规农综", false))?;
    d.ticket(ago(15), "C06", take("医疗保险", false))?;
    d.ticket(ago(12), "C01", take("民政救助", false))?;
    d.act(
        ago(10),
        "C01",
        Request::Extension(ExtensionReq::Ask {
            case: due_soon,
            days: 5,
            reason: "需入户核实申请人实际居住情况，并报区民政局复核".into(),
        }),
    )?;
    d.ticket(ago(8), "C01", take("民政救助", true))?;
    Ok(desk.summary)
}
