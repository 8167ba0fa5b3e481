//! Every text field and list of every request, and of the hello, checked against the limits
//! table (`domain::limits`). Each variant is taken apart field by field, without `..`, so that a
//! field added to a request does not compile until it is given its limit here.

use crate::domain::limits::{Bounds, LimitError, List, Text};

use super::args::Pages;
use super::page::{Around, PageRequest};
use super::{
    AuditReq, CaseOpen, CaseReq, ClientMsg, ComplaintReq, CoverReq, DutyReq, EnquiryReq,
    ExtensionReq, LeaveReq, OutboxReq, PinReq, PinSignIn, Request, ServerReq, TicketReq, ViewReq,
    ViolationReq,
};

fn page(b: &mut Bounds, p: &PageRequest) {
    let PageRequest { limit: _, after } = p;
    b.maybe("page.after", Text::Cursor, after.as_ref());
}

fn around(b: &mut Bounds, field: &str, a: &Around<String>) {
    let Around {
        key,
        at: _,
        rows: _,
    } = a;
    b.maybe(field, Text::Cursor, key.as_ref());
}

impl Request {
    /// The first field of this request over its limit, if any; the server asks before any
    /// handler runs.
    pub fn check_limits(&self) -> Result<(), LimitError> {
        let mut b = Bounds::of(self.act());
        match self {
            Request::Ping => {}
            Request::Ticket(r) => ticket(&mut b, r),
            Request::Case(r) => case(&mut b, r),
            Request::Extension(r) => extension(&mut b, r),
            Request::Enquiry(r) => enquiry(&mut b, r),
            Request::Leave(r) => leave(&mut b, r),
            Request::Duty(r) => duty(&mut b, r),
            Request::Cover(r) => cover(&mut b, r),
            Request::Outbox(r) => outbox(&mut b, r),
            Request::Complaint(r) => complaint(&mut b, r),
            Request::Violation(r) => violation(&mut b, r),
            Request::Rating(r) => r.bounds(&mut b),
            Request::Visit(r) => r.bounds(&mut b),
            Request::Pin(r) => pin(&mut b, r),
            Request::Audit(r) => audit(&mut b, r),
            Request::Server(r) => server(&mut b, r),
            Request::View(r) => view(&mut b, r),
        }
        b.result()
    }
}

impl ClientMsg {
    /// The first field of a hello over its limit (a request's are checked by
    /// [`Request::check_limits`]).
    pub fn check_hello_limits(&self) -> Result<(), LimitError> {
        let mut b = Bounds::of("sign-in");
        if let ClientMsg::Hello {
            protocol: _,
            version,
            act_as,
            pin,
            lang: _,
        } = self
        {
            b.text("version", Text::Version, version).maybe(
                "act_as",
                Text::StaffCode,
                act_as.as_ref(),
            );
            if let Some(PinSignIn { code, pin }) = pin {
                b.text("code", Text::StaffCode, code)
                    .text("pin", Text::Pin, pin);
            }
        }
        b.result()
    }
}

fn ticket(b: &mut Bounds, r: &TicketReq) {
    match r {
        TicketReq::Take {
            window,
            item,
            priority: _,
            print: _,
        } => {
            b.maybe("window", Text::Window, window.as_ref()).maybe(
                "item",
                Text::ItemCode,
                item.as_ref(),
            );
        }
        TicketReq::Call {
            window,
            number,
            reason,
        } => {
            b.maybe("window", Text::Window, window.as_ref())
                .maybe("number", Text::TicketNumber, number.as_ref())
                .maybe("reason", Text::Reason, reason.as_ref());
        }
        TicketReq::Recall { number }
        | TicketReq::Print { number, text: _ }
        | TicketReq::NoShow { number }
        | TicketReq::Restore { number } => {
            b.text("number", Text::TicketNumber, number);
        }
        TicketReq::Finish { number, window } => {
            b.maybe("number", Text::TicketNumber, number.as_ref())
                .maybe("window", Text::Window, window.as_ref());
        }
        TicketReq::Transfer { number, to_window } => {
            b.text("number", Text::TicketNumber, number)
                .text("to_window", Text::Window, to_window);
        }
        TicketReq::List { window, page: p } => {
            b.maybe("window", Text::Window, window.as_ref());
            page(b, p);
        }
    }
}

fn case_open(b: &mut Bounds, o: &CaseOpen) {
    let CaseOpen {
        item,
        applicant,
        phone,
        id_number,
        have,
        promise,
        pages,
        first_asked,
        channel: _,
        kind: _,
        reason,
        green_channel: _,
        ticket,
        needs_decision: _,
    } = o;
    b.text("item", Text::ItemCode, item)
        .text("applicant", Text::Name, applicant)
        .maybe("phone", Text::Phone, phone.as_ref())
        .maybe("id_number", Text::IdNumber, id_number.as_ref())
        .list("have", List::Materials, Text::Material, &have.0)
        .list("promise", List::Materials, Text::Material, &promise.0)
        .list("pages", List::Materials, Text::Material, &page_names(pages))
        .maybe("first_asked", Text::StaffCode, first_asked.as_ref())
        .maybe("reason", Text::Reason, reason.as_ref())
        .maybe("ticket", Text::TicketNumber, ticket.as_ref());
}

/// The materials whose pages are counted: bounded as the materials named elsewhere are.
fn page_names(pages: &Pages) -> Vec<String> {
    pages.0.iter().map(|(name, _)| name.clone()).collect()
}

fn case(b: &mut Bounds, r: &CaseReq) {
    match r {
        CaseReq::Open(o) => case_open(b, o),
        CaseReq::Supplement {
            id: _,
            materials,
            pages,
        } => {
            b.list("materials", List::Materials, Text::Material, &materials.0)
                .list("pages", List::Materials, Text::Material, &page_names(pages));
        }
        CaseReq::Reject { id: _, reason }
        | CaseReq::Extend {
            id: _,
            days: _,
            reason,
        }
        | CaseReq::Admit { id: _, reason } => {
            b.text("reason", Text::Reason, reason);
        }
        CaseReq::Unusable {
            id: _,
            materials,
            reason,
        } => {
            b.list("materials", List::Materials, Text::Material, &materials.0)
                .text("reason", Text::Reason, reason);
        }
        CaseReq::AddCoWindow { id: _, window } => {
            b.text("window", Text::Window, window);
        }
        CaseReq::Find { text } => {
            b.text("text", Text::Query, text);
        }
        CaseReq::Notices { date: _, page: p } => page(b, p),
        CaseReq::List {
            open: _,
            due_within: _,
            overdue: _,
            page: p,
        } => page(b, p),
        CaseReq::Complete { id: _ }
        | CaseReq::Pause {
            id: _,
            procedure: _,
        }
        | CaseReq::Resume { id: _ }
        | CaseReq::ReportUp { id: _ }
        | CaseReq::Print {
            id: _,
            number: _,
            save: _,
            text: _,
        }
        | CaseReq::Show { id: _ } => {}
    }
}

fn extension(b: &mut Bounds, r: &ExtensionReq) {
    match r {
        ExtensionReq::Ask {
            case: _,
            days: _,
            reason,
        }
        | ExtensionReq::Refuse { id: _, reason } => {
            b.text("reason", Text::Reason, reason);
        }
        ExtensionReq::Approve { id: _ } => {}
    }
}

fn enquiry(b: &mut Bounds, r: &EnquiryReq) {
    match r {
        EnquiryReq::Log {
            channel: _,
            caller_name,
            caller_phone,
            content,
            refer_to,
        } => {
            b.maybe("caller_name", Text::Name, caller_name.as_ref())
                .maybe("caller_phone", Text::Phone, caller_phone.as_ref())
                .text("content", Text::Enquiry, content)
                .maybe("refer_to", Text::Window, refer_to.as_ref());
        }
        EnquiryReq::Close { id: _, outcome } => {
            b.text("outcome", Text::Enquiry, outcome);
        }
        EnquiryReq::List { open: _, page: p } => page(b, p),
    }
}

fn swaps(b: &mut Bounds, swaps: &[crate::domain::leave::DutySwap]) {
    b.count("swaps", List::Swaps, swaps.len());
    for crate::domain::leave::DutySwap {
        date: _,
        covering_leader,
        reported_to_head: _,
        handed_over: _,
    } in swaps
    {
        b.text("swaps.covering_leader", Text::StaffCode, covering_leader);
    }
}

fn leave(b: &mut Bounds, r: &LeaveReq) {
    match r {
        LeaveReq::Request {
            from: _,
            to: _,
            reason,
            kind: _,
            staff,
            swaps: s,
        } => {
            b.text("reason", Text::Reason, reason)
                .maybe("staff", Text::StaffCode, staff.as_ref());
            swaps(b, s);
        }
        LeaveReq::Urgent {
            staff,
            from: _,
            to: _,
            reason,
            swaps: s,
        } => {
            b.text("staff", Text::StaffCode, staff)
                .text("reason", Text::Reason, reason);
            swaps(b, s);
        }
        LeaveReq::Refuse { id: _, reason } => {
            b.text("reason", Text::Reason, reason);
        }
        LeaveReq::List { page: p } => page(b, p),
        LeaveReq::Approve { id: _ } | LeaveReq::Withdraw { id: _ } | LeaveReq::Cancel { id: _ } => {
        }
    }
}

fn duty(b: &mut Bounds, r: &DutyReq) {
    match r {
        DutyReq::Log { text } => {
            b.text("text", Text::DutyLog, text);
        }
        DutyReq::List { date: _, page: p } => page(b, p),
    }
}

fn cover(b: &mut Bounds, r: &CoverReq) {
    match r {
        CoverReq::Assign {
            window,
            staff,
            from: _,
            to: _,
        } => {
            b.text("window", Text::Window, window)
                .text("staff", Text::StaffCode, staff);
        }
        CoverReq::List { date: _, page: p } => page(b, p),
    }
}

fn outbox(b: &mut Bounds, r: &OutboxReq) {
    match r {
        OutboxReq::List { state: _, page: p } => page(b, p),
        OutboxReq::Retry { id: _ } => {}
    }
}

fn complaint(b: &mut Bounds, r: &ComplaintReq) {
    match r {
        ComplaintReq::Open {
            channel: _,
            grounds: _,
            against,
            case: _,
            name,
            phone,
            text,
            major: _,
        } => {
            b.maybe("against", Text::StaffCode, against.as_ref())
                .text("name", Text::Name, name)
                .text("phone", Text::Phone, phone)
                .text("text", Text::Complaint, text);
        }
        ComplaintReq::List { open: _, page: p } => page(b, p),
        ComplaintReq::Extend { id: _, reason } => {
            b.text("reason", Text::Reason, reason);
        }
        ComplaintReq::Reply {
            id: _,
            outcome: _,
            text,
            form: _,
        } => {
            b.text("text", Text::Complaint, text);
        }
        ComplaintReq::Show { id: _ } => {}
    }
}

fn violation(b: &mut Bounds, r: &ViolationReq) {
    match r {
        ViolationReq::List {
            staff,
            state: _,
            page: p,
        } => {
            b.maybe("staff", Text::StaffCode, staff.as_ref());
            page(b, p);
        }
        ViolationReq::Dismiss { id: _, reason } => {
            b.text("reason", Text::Reason, reason);
        }
        ViolationReq::Record {
            staff,
            kind: _,
            date: _,
            serious: _,
            note,
        } => {
            b.text("staff", Text::StaffCode, staff)
                .text("note", Text::Reason, note);
        }
        ViolationReq::Confirm { id: _ } => {}
    }
}

fn pin(b: &mut Bounds, r: &PinReq) {
    let PinReq::Set { staff, pin } = r;
    b.text("staff", Text::StaffCode, staff)
        .text("pin", Text::Pin, pin);
}

fn audit(b: &mut Bounds, r: &AuditReq) {
    match r {
        AuditReq::Verify => {}
        AuditReq::Log {
            case: _,
            target,
            staff,
            since: _,
            page: p,
        } => {
            b.maybe("target", Text::AuditTarget, target.as_ref()).maybe(
                "staff",
                Text::StaffCode,
                staff.as_ref(),
            );
            page(b, p);
        }
    }
}

fn server(b: &mut Bounds, r: &ServerReq) {
    match r {
        ServerReq::Stop => {}
        ServerReq::Backup { file } => {
            b.text("file", Text::Path, &file.to_string_lossy());
        }
    }
}

fn view(b: &mut Bounds, r: &ViewReq) {
    match r {
        ViewReq::Screen {
            case: _,
            queue,
            cases: _,
            approvals,
        } => {
            around(b, "queue.key", queue);
            around(b, "approvals.key", approvals);
        }
        ViewReq::Queue { around: a } => around(b, "around.key", a),
        ViewReq::Pending { around: a } => around(b, "around.key", a),
        ViewReq::OpenCases { around: _ }
        | ViewReq::Today
        | ViewReq::Roster { date: _ }
        | ViewReq::CaseDetail { id: _ }
        | ViewReq::Supervision => {}
        ViewReq::Approvals { page: p } => page(b, p),
        ViewReq::CatalogueSearch { query, limit: _ } => {
            b.text("query", Text::Query, query);
        }
        ViewReq::CatalogueItem { code } | ViewReq::Guide { code } => {
            b.text("code", Text::ItemCode, code);
        }
        ViewReq::CasePreview {
            item,
            have,
            promise,
        } => {
            b.text("item", Text::ItemCode, item)
                .list("have", List::Materials, Text::Material, have)
                .list("promise", List::Materials, Text::Material, promise);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn a_field_over_its_limit_is_named_with_its_request_and_limit() {
        let r = Request::Duty(DutyReq::Log {
            text: "值".repeat(2_001),
        });
        match r.check_limits() {
            Err(LimitError::TooLong {
                act,
                field,
                limit,
                given,
                ..
            }) => {
                assert_eq!((act.as_str(), field.as_str()), ("duty.log", "text"));
                assert_eq!((limit, given), (2_000, 2_001));
            }
            other => panic!("{other:?}"),
        }
        let ok = Request::Duty(DutyReq::Log {
            text: "值".repeat(2_000),
        });
        assert!(ok.check_limits().is_ok());
    }

    #[test]
    fn a_list_is_bounded_in_count_as_well() {
        let r = Request::View(ViewReq::CasePreview {
            item: "MZ-005".into(),
            have: vec!["照片".into(); 101],
            promise: vec![],
        });
        assert!(matches!(
            r.check_limits(),
            Err(LimitError::TooMany {
                given: 101,
                limit: 100,
                ..
            })
        ));
    }

    #[test]
    fn a_hello_with_an_overlong_code_is_refused_by_its_limits() {
        let hello = ClientMsg::Hello {
            protocol: super::super::PROTOCOL_VERSION,
            version: "1".into(),
            act_as: None,
            pin: Some(PinSignIn {
                code: "X".repeat(700_000),
                pin: "1234".into(),
            }),
            lang: Lang::Zh,
        };
        assert!(matches!(
            hello.check_hello_limits(),
            Err(LimitError::TooLong {
                given: 700_000,
                limit: 32,
                ..
            })
        ));
    }
}
