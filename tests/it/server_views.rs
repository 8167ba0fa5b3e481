//! The panes a console reads one at a time (protocol 4): each list around its selected item by
//! the item's key, the day, a case with its history, and the supervisor's view of every
//! window, through the real server.

use std::os::unix::net::UnixStream;

use crate::common::busy::{intake, open_cases};
use crate::common::server::Centre;
use chrono::NaiveDate;
use frontdesk::datadir::DataDir;
use frontdesk::lang::Lang;
use frontdesk::protocol::{
    Around, ClientMsg, Fault, FaultKind, Outcome, PROTOCOL_VERSION, Request, Response, ServerMsg,
    ViewReq, read_frame, write_frame,
};

/// A console signed in as `code`, telling refusals in `lang`.
fn console(c: &Centre, code: &str, lang: Lang) -> UnixStream {
    let (s, answer) = c.hello(ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        version: "test".into(),
        act_as: Some(code.into()),
        pin: None,
        lang,
    });
    assert!(matches!(answer, ServerMsg::Welcome { .. }), "{answer:?}");
    s
}

/// What the server answers a view request.
fn ask(s: &mut UnixStream, view: ViewReq) -> Outcome {
    write_frame(
        s,
        &ClientMsg::Request {
            id: 1,
            request: Request::View(view),
        },
    )
    .unwrap();
    loop {
        if let ServerMsg::Reply { outcome, .. } = read_frame::<ServerMsg>(s).unwrap() {
            return outcome;
        }
    }
}

fn ok(s: &mut UnixStream, view: ViewReq) -> Response {
    match ask(s, view) {
        Outcome::Ok(r) => r,
        Outcome::Err(e) => panic!("{e:?}"),
    }
}

fn refused(s: &mut UnixStream, view: ViewReq) -> Fault {
    match ask(s, view) {
        Outcome::Err(e) => e,
        Outcome::Ok(r) => panic!("expected a refusal, got {r:?}"),
    }
}

/// The numbers of the queue's rows held, the selected one, and whether it was found.
fn queue(s: &mut UnixStream, around: Around<String>) -> (Vec<String>, Option<String>, bool) {
    let Response::Queue(q) = ok(s, ViewReq::Queue { around }) else {
        panic!("not a queue");
    };
    let numbers = q.rows.items.iter().map(|t| t.number.clone()).collect();
    (numbers, q.selected().map(|t| t.number.clone()), q.found)
}

/// The open cases around `around`: the ids held, the selected row and id, whether found.
fn open(s: &mut UnixStream, around: Around<u64>) -> (Vec<u64>, Option<u32>, Option<u64>, bool) {
    let Response::OpenCases(o) = ok(s, ViewReq::OpenCases { around }) else {
        panic!("not the open cases");
    };
    let ids = o.rows.items.iter().map(|r| r.id).collect();
    (ids, o.at, o.selected().map(|r| r.id), o.found)
}

#[test]
fn a_queue_window_stays_on_its_ticket_when_an_earlier_one_is_called() {
    let c = Centre::new();
    for _ in 0..5 {
        c.ok(&["ticket", "take", "--window", "民政救助"]);
    }
    let mut s = console(&c, "C01", Lang::En);
    let (_, selected, _) = queue(&mut s, Around::on("A003".into(), 2, 1));
    assert_eq!(selected.as_deref(), Some("A003"));
    c.ok(&["--as", "C01", "ticket", "call"]);
    // A001 is called and moves after those waiting; A003 is now the second row.
    let (rows, selected, found) = queue(&mut s, Around::on("A003".into(), 2, 1));
    assert_eq!((selected.as_deref(), found), (Some("A003"), true));
    assert_eq!(rows, ["A002", "A003", "A004"]);
}

#[test]
fn a_case_window_finds_its_case_by_id_among_thousands_open() {
    let c = Centre::new();
    open_cases(&c.data, 5000);
    c.ok(&["--as", "C01", "case", "complete", "7"]);
    let mut s = console(&c, "C01", Lang::En);
    // All are due on one day, so they stand in the order taken; with case 7 closed, case 4321
    // is row 4319.
    let (ids, at, selected, found) = open(&mut s, Around::on(4321, 0, 10));
    assert_eq!((at, selected, found), (Some(4319), Some(4321), true));
    assert_eq!(ids, (4311..=4331).collect::<Vec<u64>>());
}

#[test]
fn a_selection_whose_item_is_gone_falls_to_the_row_at_its_place() {
    let c = Centre::new();
    open_cases(&c.data, 5);
    c.ok(&["--as", "C01", "case", "complete", "3"]);
    let mut s = console(&c, "C01", Lang::En);
    // Case 3 stood at row 2; the case there now is 4.
    let (ids, at, selected, found) = open(&mut s, Around::on(3, 2, 1));
    assert_eq!((at, selected, found), (Some(2), Some(4), false));
    assert_eq!(ids, [2, 4, 5]);
    // Past the end of a list: its last row.
    let (_, at, selected, _) = open(&mut s, Around::row(40, 1));
    assert_eq!((at, selected), (Some(3), Some(5)));
    // An empty list selects nothing.
    let (rows, selected, found) = queue(&mut s, Around::on("A001".into(), 0, 5));
    assert!(rows.is_empty());
    assert_eq!((selected, found), (None, false));
}

#[test]
fn pending_rows_are_kept_on_their_key() {
    let c = Centre::new();
    for what in ["问低保", "问医保", "问社保"] {
        c.ok(&["--as", "C01", "enquiry", "log", "--content", what]);
    }
    let mut s = console(&c, "C01", Lang::En);
    let pending = |s: &mut UnixStream| {
        let Response::Pending(p) = ok(
            s,
            ViewReq::Pending {
                around: Around::on("enquiry/2".into(), 1, 5),
            },
        ) else {
            panic!("not what waits");
        };
        let keys: Vec<String> = p.rows.items.iter().map(|a| a.key()).collect();
        (keys, p.at, p.selected().map(|a| a.key()), p.found)
    };
    let (keys, at, selected, _) = pending(&mut s);
    assert_eq!(keys, ["enquiry/1", "enquiry/2", "enquiry/3"]);
    assert_eq!((at, selected.as_deref()), (Some(1), Some("enquiry/2")));
    c.ok(&[
        "--as",
        "C01",
        "enquiry",
        "close",
        "1",
        "--outcome",
        "已答复",
    ]);
    let (keys, at, selected, found) = pending(&mut s);
    assert_eq!(keys, ["enquiry/2", "enquiry/3"]);
    assert_eq!(
        (at, selected.as_deref(), found),
        (Some(0), Some("enquiry/2"), true)
    );
}

/// Accepts, as `by` on `day`, a case of `item` with every material in hand but the one
/// promised.
fn accept(c: &Centre, by: &str, day: NaiveDate, item: &str, promise: Option<&str>) {
    let catalogue = frontdesk::fixtures::catalogue();
    let mut args = intake(0);
    args.item = item.into();
    args.have.0 = catalogue
        .get(item)
        .unwrap()
        .materials
        .iter()
        .map(|m| m.name.clone())
        .filter(|m| Some(m.as_str()) != promise)
        .collect();
    args.promise.0 = promise.into_iter().map(String::from).collect();
    let dir = DataDir::resolve(Some(c.data.clone())).unwrap();
    dir.ensure_initialised().unwrap();
    let at = day.and_hms_opt(9, 0, 0).unwrap();
    frontdesk::server::seed::accept_cases(&dir, at, by, [args]).unwrap();
}

#[test]
fn the_supervision_view_counts_every_windows_open_due_and_overdue_cases() {
    let c = Centre::new();
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    // MZ-005 runs 5 working days: due on the 9th (overdue on the 23rd), on the 23rd (due
    // today), on the 24th (due soon) and on the 30th.
    for d in [2, 16, 17, 23] {
        accept(&c, "C01", day(d), "MZ-005", None);
    }
    // A main material promised: a 补办件, whose clock waits for it.
    accept(&c, "C01", day(23), "MZ-005", Some("户口簿或居住证"));
    accept(&c, "C03", day(23), "LB-001", None);
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let mut s = console(&c, "S01", Lang::En);
    let Response::Supervision(v) = ok(&mut s, ViewReq::Supervision) else {
        panic!("not the supervision view");
    };
    let names: Vec<&str> = v.windows.iter().map(|w| w.window.as_str()).collect();
    assert_eq!(
        names,
        ["民政救助", "劳动保障", "医疗保险", "人口计生", "土规农综"]
    );
    let load = |w: &frontdesk::protocol::WindowLoad| (w.open, w.due_soon, w.overdue, w.waiting);
    assert_eq!(load(&v.windows[0]), (5, 2, 1, 1));
    assert_eq!(load(&v.windows[1]).0, 1);
    assert!(v.windows[2..].iter().all(|w| load(w) == (0, 0, 0, 0)));
    assert_eq!((v.counts.open_cases, v.counts.overdue), (6, 1));
    assert_eq!(v.counts.tickets, 1);
    // The list the supervisor reads the cases from runs by deadline: the overdue one first.
    let (ids, ..) = open(&mut s, Around::row(0, 10));
    assert_eq!(ids[0], 1);
}

#[test]
fn a_clerk_is_refused_the_supervision_view() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    let e = refused(&mut console(&c, "C01", Lang::En), ViewReq::Supervision);
    assert_eq!(e.kind, FaultKind::Refused);
    assert_eq!(
        e.message,
        "周春英 (clerk) may not see the supervision view of every window's deadlines; only \
         leaders, the director, supervisors and administrators may"
    );
    let e = refused(&mut console(&c, "C01", Lang::Zh), ViewReq::Supervision);
    assert!(
        e.message.contains("无权查看各窗口办理时限的监督视图"),
        "{}",
        e.message
    );
    for code in ["S01", "L01", "D01"] {
        let r = ok(&mut console(&c, code, Lang::En), ViewReq::Supervision);
        assert!(matches!(r, Response::Supervision(_)), "{code}");
    }
    // The refusal is in the audit trail under the view's act.
    let log = c.ok(&["audit", "log", "--staff", "C01"]);
    assert!(log.contains("\tview.supervision\t"), "{log}");
}

#[test]
fn case_detail_of_a_missing_case_is_refused_by_number() {
    let c = Centre::new();
    open_cases(&c.data, 1);
    c.ok(&["--as", "C01", "case", "complete", "1"]);
    let mut s = console(&c, "C02", Lang::En);
    let Response::CaseDetail { view, history } = ok(&mut s, ViewReq::CaseDetail { id: 1 }) else {
        panic!("not a case");
    };
    assert_eq!(view.id, 1);
    let acts: Vec<&str> = history.iter().map(|e| e.act()).collect();
    assert_eq!(acts, ["case.open", "case.complete"]);
    let e = refused(&mut s, ViewReq::CaseDetail { id: 99 });
    assert_eq!(
        (e.kind, e.message.as_str()),
        (FaultKind::Refused, "there is no case 99")
    );
    let e = refused(
        &mut console(&c, "C02", Lang::Zh),
        ViewReq::CaseDetail { id: 99 },
    );
    assert_eq!(e.message, "没有案件 99");
}

#[test]
fn the_today_pane_counts_the_days_tickets_and_cases() {
    let c = Centre::new();
    open_cases(&c.data, 2);
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["--as", "C01", "ticket", "call"]);
    let Response::Today(t) = ok(&mut console(&c, "C01", Lang::En), ViewReq::Today) else {
        panic!("not the day");
    };
    let n = &t.counts;
    assert_eq!((n.tickets, n.waiting, n.served), (2, 1, 1));
    assert_eq!((n.cases_opened, n.open_cases), (2, 2));
    assert_eq!(t.posts.len(), 5);
}
