//! Every text field and list of every request and of the hello, each as a request built with
//! that one field set, for the walk over the limits table.

use chrono::NaiveDate;
use frontdesk::domain::case::Channel;
use frontdesk::domain::complaint::{ComplaintChannel, Finding, Ground};
use frontdesk::domain::enquiry::EnquiryChannel;
use frontdesk::domain::leave::{AbsenceKind, DutySwap};
use frontdesk::domain::limits::{List, Text};
use frontdesk::domain::rating::{Level, RatingChannel};
use frontdesk::lang::Lang;
use frontdesk::protocol::args::{Grounds, Materials, Pages};
use frontdesk::protocol::{
    Around, AuditReq, CaseOpen, CaseReq, ClientMsg, ComplaintReq, CoverReq, DutyReq, EnquiryReq,
    ExtensionReq, LeaveReq, PROTOCOL_VERSION, PageRequest, PinReq, PinSignIn, Request, ServerReq,
    TicketReq, ViewReq,
};
use frontdesk::protocol::{RatingReq, VisitReq};

/// A hello from the demo's owner, acting as `act_as` or signing in with `pin`.
pub fn hello(act_as: Option<&str>, pin: Option<PinSignIn>) -> ClientMsg {
    ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        version: "test".into(),
        act_as: act_as.map(String::from),
        pin,
        lang: Lang::En,
    }
}

/// A case of MZ-005 opened for `applicant`, with its application form in hand.
pub fn open_case(applicant: String) -> Request {
    Request::Case(CaseReq::Open(Box::new(CaseOpen {
        item: "MZ-005".into(),
        applicant,
        phone: None,
        id_number: None,
        have: Materials(vec!["老年助餐补贴申请表".into()]),
        promise: Materials::default(),
        pages: Pages::default(),
        first_asked: None,
        channel: Channel::Window,
        kind: None,
        reason: None,
        green_channel: false,
        ticket: None,
        needs_decision: false,
    })))
}

/// A request with one text field set to `text`, for every text field of every request.
pub type Build = Box<dyn Fn(String) -> Request>;
/// A hello with one text field set.
pub type BuildHello = Box<dyn Fn(String) -> ClientMsg>;
/// A request with one list holding `n` items.
pub type BuildList = Box<dyn Fn(usize) -> Request>;

/// Every text field of every request: its name, what it holds, and the request with it set.
#[rustfmt::skip]
pub fn every_text_field() -> Vec<(&'static str, Text, Build)> {
    let page = |s: String| PageRequest { limit: 0, after: Some(s) };
    let around = |s: String| Around { key: Some(s), at: 0, rows: 1 };
    let on = |o: fn(&mut CaseOpen, String)| -> Build {
        Box::new(move |s| {
            let Request::Case(CaseReq::Open(mut open)) = open_case("张三".into()) else {
                unreachable!()
            };
            o(&mut open, s);
            Request::Case(CaseReq::Open(open))
        })
    };
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let from = day.and_hms_opt(8, 0, 0).unwrap();
    let to = day.and_hms_opt(17, 0, 0).unwrap();
    let swap = move |s: String| DutySwap { date: day, covering_leader: s, reported_to_head: true, handed_over: true };
    let leave = move |reason: String, staff: Option<String>, swaps: Vec<DutySwap>| {
        Request::Leave(LeaveReq::Request { from, to, reason, kind: AbsenceKind::Leave, staff, swaps })
    };
    let urgent = move |staff: String, reason: String, swaps: Vec<DutySwap>| {
        Request::Leave(LeaveReq::Urgent { staff, from: None, to, reason, swaps })
    };
    let enquiry = |caller_name: Option<String>, caller_phone: Option<String>, content: String, refer_to: Option<String>| {
        Request::Enquiry(EnquiryReq::Log { channel: EnquiryChannel::InPerson, caller_name, caller_phone, content, refer_to })
    };
    let audit = |target: Option<String>, staff: Option<String>, after: Option<String>| {
        Request::Audit(AuditReq::Log { case: None, target, staff, since: None, page: PageRequest { limit: 0, after } })
    };
    let complaint = |against: Option<String>, name: String, phone: String, text: String| {
        Request::Complaint(ComplaintReq::Open { channel: ComplaintChannel::Oral, grounds: Grounds(vec![Ground::Attitude]), against, case: None, name, phone, text, major: false })
    };
    let answer = |checked: String, rectified: String, reply: String| {
        Request::Rating(RatingReq::Answer { id: 1, checked, rectified, reply })
    };
    let preview = |item: String, have: Vec<String>, promise: Vec<String>| {
        Request::View(ViewReq::CasePreview { item, have, promise })
    };
    vec![
        ("window", Text::Window, Box::new(|s| Request::Ticket(TicketReq::Take { window: Some(s), item: None, priority: false, print: false }))),
        ("item", Text::ItemCode, Box::new(|s| Request::Ticket(TicketReq::Take { window: None, item: Some(s), priority: false, print: false }))),
        ("window", Text::Window, Box::new(|s| Request::Ticket(TicketReq::Call { window: Some(s), number: None, reason: None }))),
        ("number", Text::TicketNumber, Box::new(|s| Request::Ticket(TicketReq::Call { window: None, number: Some(s), reason: Some("急".into()) }))),
        ("reason", Text::Reason, Box::new(|s| Request::Ticket(TicketReq::Call { window: None, number: Some("A001".into()), reason: Some(s) }))),
        ("number", Text::TicketNumber, Box::new(|s| Request::Ticket(TicketReq::Recall { number: s }))),
        ("number", Text::TicketNumber, Box::new(|s| Request::Ticket(TicketReq::Finish { number: Some(s), window: None }))),
        ("window", Text::Window, Box::new(|s| Request::Ticket(TicketReq::Finish { number: None, window: Some(s) }))),
        ("number", Text::TicketNumber, Box::new(|s| Request::Ticket(TicketReq::NoShow { number: s }))),
        ("number", Text::TicketNumber, Box::new(|s| Request::Ticket(TicketReq::Restore { number: s }))),
        ("number", Text::TicketNumber, Box::new(|s| Request::Ticket(TicketReq::Transfer { number: s, to_window: "民政救助".into() }))),
        ("to_window", Text::Window, Box::new(|s| Request::Ticket(TicketReq::Transfer { number: "A001".into(), to_window: s }))),
        ("window", Text::Window, Box::new(|s| Request::Ticket(TicketReq::List { window: Some(s), page: PageRequest::first() }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Ticket(TicketReq::List { window: None, page: page(s) }))),
        ("item", Text::ItemCode, on(|o, s| o.item = s)),
        ("applicant", Text::Name, on(|o, s| o.applicant = s)),
        ("phone", Text::Phone, on(|o, s| o.phone = Some(s))),
        ("id_number", Text::IdNumber, on(|o, s| o.id_number = Some(s))),
        ("have", Text::Material, on(|o, s| o.have = Materials(vec![s]))),
        ("promise", Text::Material, on(|o, s| o.promise = Materials(vec![s]))),
        ("pages", Text::Material, on(|o, s| o.pages = Pages(vec![(s, 1)]))),
        ("first_asked", Text::StaffCode, on(|o, s| o.first_asked = Some(s))),
        ("reason", Text::Reason, on(|o, s| o.reason = Some(s))),
        ("ticket", Text::TicketNumber, on(|o, s| o.ticket = Some(s))),
        ("materials", Text::Material, Box::new(|s| Request::Case(CaseReq::Supplement { id: 1, materials: Materials(vec![s]), pages: Pages::default() }))),
        ("pages", Text::Material, Box::new(|s| Request::Case(CaseReq::Supplement { id: 1, materials: Materials::default(), pages: Pages(vec![(s, 1)]) }))),
        ("reason", Text::Reason, Box::new(|s| Request::Case(CaseReq::Reject { id: 1, reason: s }))),
        ("reason", Text::Reason, Box::new(|s| Request::Case(CaseReq::Extend { id: 1, days: 1, reason: s }))),
        ("window", Text::Window, Box::new(|s| Request::Case(CaseReq::AddCoWindow { id: 1, window: s }))),
        ("reason", Text::Reason, Box::new(|s| Request::Case(CaseReq::Admit { id: 1, reason: s }))),
        ("materials", Text::Material, Box::new(|s| Request::Case(CaseReq::Unusable { id: 1, materials: Materials(vec![s]), reason: "过期".into() }))),
        ("reason", Text::Reason, Box::new(|s| Request::Case(CaseReq::Unusable { id: 1, materials: Materials(vec!["照片".into()]), reason: s }))),
        ("text", Text::Query, Box::new(|s| Request::Case(CaseReq::Find { text: s }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Case(CaseReq::Notices { date: None, page: page(s) }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Case(CaseReq::List { open: false, due_within: None, overdue: false, page: page(s) }))),
        ("reason", Text::Reason, Box::new(|s| Request::Extension(ExtensionReq::Ask { case: 1, days: 1, reason: s }))),
        ("reason", Text::Reason, Box::new(|s| Request::Extension(ExtensionReq::Refuse { id: 1, reason: s }))),
        ("caller_name", Text::Name, Box::new(move |s| enquiry(Some(s), None, "问".into(), None))),
        ("caller_phone", Text::Phone, Box::new(move |s| enquiry(None, Some(s), "问".into(), None))),
        ("content", Text::Enquiry, Box::new(move |s| enquiry(None, None, s, None))),
        ("refer_to", Text::Window, Box::new(move |s| enquiry(None, None, "问".into(), Some(s)))),
        ("outcome", Text::Enquiry, Box::new(|s| Request::Enquiry(EnquiryReq::Close { id: 1, outcome: s }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Enquiry(EnquiryReq::List { open: false, page: page(s) }))),
        ("reason", Text::Reason, Box::new(move |s| leave(s, None, vec![]))),
        ("staff", Text::StaffCode, Box::new(move |s| leave("病".into(), Some(s), vec![]))),
        ("swaps.covering_leader", Text::StaffCode, Box::new(move |s| leave("病".into(), None, vec![swap(s)]))),
        ("staff", Text::StaffCode, Box::new(move |s| urgent(s, "病".into(), vec![]))),
        ("reason", Text::Reason, Box::new(move |s| urgent("C01".into(), s, vec![]))),
        ("swaps.covering_leader", Text::StaffCode, Box::new(move |s| urgent("C01".into(), "病".into(), vec![swap(s)]))),
        ("reason", Text::Reason, Box::new(|s| Request::Leave(LeaveReq::Refuse { id: 1, reason: s }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Leave(LeaveReq::List { page: page(s) }))),
        ("text", Text::DutyLog, Box::new(|s| Request::Duty(DutyReq::Log { text: s }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Duty(DutyReq::List { date: None, page: page(s) }))),
        ("window", Text::Window, Box::new(move |s| Request::Cover(CoverReq::Assign { window: s, staff: "C01".into(), from: None, to }))),
        ("staff", Text::StaffCode, Box::new(move |s| Request::Cover(CoverReq::Assign { window: "民政救助".into(), staff: s, from: None, to }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Cover(CoverReq::List { date: None, page: page(s) }))),
        ("staff", Text::StaffCode, Box::new(|s| Request::Pin(PinReq::Set { staff: s, pin: "1234".into() }))),
        ("pin", Text::Pin, Box::new(|s| Request::Pin(PinReq::Set { staff: "C01".into(), pin: s }))),
        ("target", Text::AuditTarget, Box::new(move |s| audit(Some(s), None, None))),
        ("staff", Text::StaffCode, Box::new(move |s| audit(None, Some(s), None))),
        ("page.after", Text::Cursor, Box::new(move |s| audit(None, None, Some(s)))),
        ("against", Text::StaffCode, Box::new(move |s| complaint(Some(s), "甲".into(), "13800001111".into(), "态度差".into()))),
        ("name", Text::Name, Box::new(move |s| complaint(None, s, "13800001111".into(), "态度差".into()))),
        ("phone", Text::Phone, Box::new(move |s| complaint(None, "甲".into(), s, "态度差".into()))),
        ("text", Text::Complaint, Box::new(move |s| complaint(None, "甲".into(), "13800001111".into(), s))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Complaint(ComplaintReq::List { open: true, page: page(s) }))),
        ("reason", Text::Reason, Box::new(|s| Request::Complaint(ComplaintReq::Extend { id: 1, reason: s }))),
        ("text", Text::Complaint, Box::new(|s| Request::Complaint(ComplaintReq::Reply { id: 1, outcome: Finding::Upheld, text: s, form: None }))),
        ("reason", Text::Reason, Box::new(|s| Request::Rating(RatingReq::Record { case: 1, level: Level::Unsatisfied, channel: RatingChannel::Desk, reason: Some(s) }))),
        ("staff", Text::StaffCode, Box::new(|s| Request::Rating(RatingReq::List { staff: Some(s), bad: false, page: PageRequest::first() }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::Rating(RatingReq::List { staff: None, bad: true, page: page(s) }))),
        ("checked", Text::Reason, Box::new(move |s| answer(s, "改".into(), "复".into()))),
        ("rectified", Text::Reason, Box::new(move |s| answer("查".into(), s, "复".into()))),
        ("reply", Text::Reason, Box::new(move |s| answer("查".into(), "改".into(), s))),
        ("reason", Text::Reason, Box::new(|s| Request::Rating(RatingReq::Appeal { id: 1, reason: s }))),
        ("reason", Text::Reason, Box::new(|s| Request::Rating(RatingReq::Decide { id: 1, upheld: true, refused: false, reason: s }))),
        ("note", Text::Reason, Box::new(|s| Request::Visit(VisitReq::Record { case: 1, level: Level::Satisfied, note: Some(s) }))),
        ("number", Text::TicketNumber, Box::new(|s| Request::Ticket(TicketReq::Print { number: s, text: true }))),
        ("file", Text::Path, Box::new(|s| Request::Server(ServerReq::Backup { file: s.into() }))),
        ("queue.key", Text::Cursor, Box::new(move |s| Request::View(ViewReq::Screen { case: None, queue: around(s), cases: Around::row(0, 1), approvals: Around::row(0, 1) }))),
        ("approvals.key", Text::Cursor, Box::new(move |s| Request::View(ViewReq::Screen { case: None, queue: Around::row(0, 1), cases: Around::row(0, 1), approvals: around(s) }))),
        ("around.key", Text::Cursor, Box::new(move |s| Request::View(ViewReq::Queue { around: around(s) }))),
        ("around.key", Text::Cursor, Box::new(move |s| Request::View(ViewReq::Pending { around: around(s) }))),
        ("page.after", Text::Cursor, Box::new(move |s| Request::View(ViewReq::Approvals { page: page(s) }))),
        ("query", Text::Query, Box::new(|s| Request::View(ViewReq::CatalogueSearch { query: s, limit: 5 }))),
        ("code", Text::ItemCode, Box::new(|s| Request::View(ViewReq::CatalogueItem { code: s }))),
        ("item", Text::ItemCode, Box::new(move |s| preview(s, vec![], vec![]))),
        ("have", Text::Material, Box::new(move |s| preview("MZ-005".into(), vec![s], vec![]))),
        ("promise", Text::Material, Box::new(move |s| preview("MZ-005".into(), vec![], vec![s]))),
    ]
}

/// Every text field of the hello, with the hello it is set in.
#[rustfmt::skip]
pub fn every_hello_field() -> Vec<(&'static str, Text, BuildHello)> {
    let pin = |code: &str, pin: &str| Some(PinSignIn { code: code.into(), pin: pin.into() });
    vec![
        ("version", Text::Version, Box::new(|s| ClientMsg::Hello { protocol: PROTOCOL_VERSION, version: s, act_as: None, pin: None, lang: Lang::En })),
        ("act_as", Text::StaffCode, Box::new(|s| hello(Some(&s), None))),
        ("code", Text::StaffCode, Box::new(move |s| hello(None, pin(&s, "1234")))),
        ("pin", Text::Pin, Box::new(move |s| hello(None, pin("D01", &s)))),
    ]
}

/// Every list of every request, with the request holding `n` items in it.
#[rustfmt::skip]
pub fn every_list() -> Vec<(&'static str, List, BuildList)> {
    let many = |n: usize| vec!["照片".to_string(); n];
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap().and_hms_opt(17, 0, 0).unwrap();
    let swaps = move |n: usize| {
        (0..n)
            .map(|i| DutySwap {
                date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() + chrono::Days::new(i as u64),
                covering_leader: "L01".into(),
                reported_to_head: true,
                handed_over: true,
            })
            .collect::<Vec<_>>()
    };
    let with = |o: fn(&mut CaseOpen, Vec<String>)| -> BuildList {
        Box::new(move |n| {
            let Request::Case(CaseReq::Open(mut open)) = open_case("张三".into()) else {
                unreachable!()
            };
            o(&mut open, vec!["照片".to_string(); n]);
            Request::Case(CaseReq::Open(open))
        })
    };
    vec![
        ("have", List::Materials, with(|o, m| o.have = Materials(m))),
        ("promise", List::Materials, with(|o, m| o.promise = Materials(m))),
        ("pages", List::Materials, with(|o, m| o.pages = Pages(m.into_iter().map(|m| (m, 1)).collect()))),
        ("materials", List::Materials, Box::new(move |n| Request::Case(CaseReq::Supplement { id: 1, materials: Materials(many(n)), pages: Pages::default() }))),
        ("pages", List::Materials, Box::new(move |n| Request::Case(CaseReq::Supplement { id: 1, materials: Materials::default(), pages: Pages(many(n).into_iter().map(|m| (m, 1)).collect()) }))),
        ("materials", List::Materials, Box::new(move |n| Request::Case(CaseReq::Unusable { id: 1, materials: Materials(many(n)), reason: "过期".into() }))),
        ("have", List::Materials, Box::new(move |n| Request::View(ViewReq::CasePreview { item: "MZ-005".into(), have: many(n), promise: vec![] }))),
        ("promise", List::Materials, Box::new(move |n| Request::View(ViewReq::CasePreview { item: "MZ-005".into(), have: vec![], promise: many(n) }))),
        ("swaps", List::Swaps, Box::new(move |n| Request::Leave(LeaveReq::Request { from: to, to, reason: "病".into(), kind: AbsenceKind::Leave, staff: None, swaps: swaps(n) }))),
        ("swaps", List::Swaps, Box::new(move |n| Request::Leave(LeaveReq::Urgent { staff: "C01".into(), from: None, to, reason: "病".into(), swaps: swaps(n) }))),
    ]
}
