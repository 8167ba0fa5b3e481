//! The supervisor's view of the complaint register and the accountability ladder (RULES §8,
//! §9): each open complaint's reply countdown with the marks of cases, gone once answered; the
//! violations waiting for the director, gone once confirmed; each staff member's ledger for the
//! year; and none of it for those who may not see it. Facts are set up with the command line,
//! the view read from a real server, directly and through a console driven by keys.

use std::os::unix::net::UnixStream;

use crate::common::console::{Desk as Console, ENTER};
use crate::common::morning::{app_of, at};
use crate::common::server::Centre;
use crate::console_screens::{shown, text};
use chrono::NaiveDate;
use frontdesk::domain::accountability::ViolationType;
use frontdesk::domain::clock::Urgency;
use frontdesk::domain::complaint::Ground;
use frontdesk::domain::rating::Level;
use frontdesk::lang::Lang;
use frontdesk::protocol::{
    ClientMsg, ComplaintDue, DayCounts, LedgerRow, Listed, Outcome, PROTOCOL_VERSION, ProposalRow,
    RectificationDue, Request, Response, ServerMsg, SupervisionView, ViewReq, VisitToCall,
    WindowLoad, read_frame, write_frame,
};
use frontdesk::tui::app::Pane;
use frontdesk::tui::theme::Theme;

/// A complaint against C01 received at `now` on a server started then (and stopped after),
/// so its reply falls due five working days on.
fn complaint_received(c: &Centre, now: &str) {
    c.complain(now, "phone", "C01");
    c.ok(&["stop"]);
}

/// Three open complaints seen on Monday 23 November: #1 received Friday 13th (due 20th,
/// overdue by 3 days), #2 Monday 16th (due today), #3 Wednesday 18th (due 25th, 2 left).
fn three_complaints() -> Centre {
    let c = Centre::new();
    complaint_received(&c, "2026-11-13T09:00:00");
    complaint_received(&c, "2026-11-16T09:00:00");
    complaint_received(&c, "2026-11-18T09:00:00");
    c
}

fn record(c: &Centre, staff: &str, kind: &str, date: &str) {
    c.by_at(
        "2026-11-23T09:00:00",
        "S01",
        &[
            "violation",
            "record",
            "--staff",
            staff,
            "--type",
            kind,
            "--date",
            date,
            "--note",
            "督查发现",
        ],
    );
}

fn console(c: &Centre, code: &str) -> UnixStream {
    let (s, answer) = c.hello(ClientMsg::Hello {
        protocol: PROTOCOL_VERSION,
        version: "test".into(),
        act_as: Some(code.into()),
        pin: None,
        lang: Lang::En,
    });
    assert!(matches!(answer, ServerMsg::Welcome { .. }), "{answer:?}");
    s
}

/// The supervision view as `code` reads it.
pub(crate) fn view(c: &Centre, code: &str) -> SupervisionView {
    // A command starts the server if none runs.
    c.ok(&["ticket", "list"]);
    let mut s = console(c, code);
    write_frame(
        &mut s,
        &ClientMsg::Request {
            id: 1,
            request: Request::View(ViewReq::Supervision),
        },
    )
    .unwrap();
    loop {
        if let ServerMsg::Reply { outcome, .. } = read_frame::<ServerMsg>(&mut s).unwrap() {
            match outcome {
                Outcome::Ok(Response::Supervision(v)) => return *v,
                other => panic!("not the supervision view: {other:?}"),
            }
        }
    }
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

#[test]
fn each_open_complaint_counts_down_to_its_reply_soonest_first_with_the_marks_of_cases() {
    let c = three_complaints();
    let v = view(&c, "S01");
    let list = v.complaints.expect("a supervisor keeps the register");
    assert_eq!(list.total, 3);
    let rows: Vec<(u64, NaiveDate, i64, i64, Urgency)> = list
        .rows
        .iter()
        .map(|r| (r.id, r.due, r.days_left, r.days_over, r.urgency))
        .collect();
    assert_eq!(
        rows,
        [
            (1, d(11, 20), -1, 3, Urgency::Overdue),
            (2, d(11, 23), 0, 0, Urgency::DueToday),
            (3, d(11, 25), 2, 0, Urgency::DueSoon),
        ]
    );
    let first = &list.rows[0];
    assert_eq!(first.received, d(11, 13));
    assert_eq!(first.grounds, [Ground::Attitude]);
    assert_eq!(first.against, Some(("C01".into(), "周春英".into())));
    assert!(!first.extended);
    // The complainant is never in the view.
    let all = format!("{list:?}");
    assert!(
        !all.contains("王小明") && !all.contains("13912345678"),
        "{all}"
    );
}

#[test]
fn an_answered_complaint_leaves_the_supervisors_countdown_at_once() {
    let c = three_complaints();
    let mut con = Console::open(&c, "S01", 120, 40);
    con.wait_for("各窗口", 10);
    con.press("l");
    con.wait_for("投诉答复倒计时 3", 5);
    con.wait_for("#1   11-20 超期 3 天 被投诉 周春英", 5);
    con.wait_for("#2   11-23 今日到期 !! 被投诉 周春英", 5);
    con.wait_for("#3   11-25 还剩 2 个工作日 ! 被投诉 周春英", 5);
    c.by(
        "D01",
        &[
            "complaint",
            "reply",
            "2",
            "--outcome",
            "not-upheld",
            "--text",
            "经核实不属实",
        ],
    );
    con.wait_for("投诉答复倒计时 2", 5);
    con.wait_without("#2   11-23", 5);
    assert!(con.screen().contains("#3   11-25"), "{}", con.screen());
}

#[test]
fn a_clerk_never_sees_the_register_and_an_administrator_sees_the_windows_only() {
    let c = three_complaints();
    record(&c, "C01", "deadline", "2026-11-20");
    c.ok(&["stop"]);
    let file = c.data.join("centre.toml");
    let mut centre = std::fs::read_to_string(&file).unwrap();
    centre.push_str("\n[[staff]]\ncode = \"A01\"\nname = \"系统管理员\"\nrole = \"admin\"\n");
    std::fs::write(&file, centre).unwrap();
    let admin = view(&c, "A01");
    assert!(
        !admin.windows.is_empty(),
        "the administrator sees the windows"
    );
    assert_eq!(admin.complaints, None, "the administrator saw the register");
    assert_eq!((admin.proposals, admin.ledgers), (None, None));
    assert_eq!((admin.rectifications, admin.visits), (None, None));
    let leader = view(&c, "L01");
    assert_eq!(leader.complaints.map(|l| l.total), Some(3));
    assert_eq!(leader.proposals.map(|l| l.total), Some(1));
    // A clerk's console has no supervisor's view to switch to, and never shows the register.
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("排队叫号", 10);
    con.press("S");
    con.press("l");
    con.settle();
    let screen = con.screen();
    assert!(
        !screen.contains("投诉答复倒计时") && !screen.contains("各窗口"),
        "{screen}"
    );
}

#[test]
fn a_proposed_violation_waits_for_the_director_and_leaves_once_she_confirms_it() {
    let c = Centre::new();
    record(&c, "C01", "deadline", "2026-11-20");
    // A supervisor sees it but is refused the decision, with the server's reason.
    let mut s01 = Console::open(&c, "S01", 120, 40);
    s01.wait_for("各窗口", 10);
    s01.press("ll");
    s01.wait_for("待认定违规 1", 5);
    s01.wait_for("#1   11-20 周春英 超时限办结 中心主任登记", 5);
    s01.press("c");
    s01.press(ENTER);
    s01.wait_for("只有", 5);
    // The director switches her desk to the supervisor's view and confirms it there.
    let mut d01 = Console::open(&c, "D01", 120, 40);
    d01.wait_for("排队叫号", 10);
    d01.press("S");
    d01.wait_for("各窗口", 5);
    // Hers is not a read-only view: she decides what it lists.
    let head = d01.screen();
    assert!(
        head.contains("· 督查 ·") && !head.contains("只读"),
        "{head}"
    );
    d01.press("ll");
    d01.wait_for("待认定违规 1", 5);
    d01.press("c");
    d01.wait_for("认定违规 #1 周春英 超时限办结", 5);
    d01.press(ENTER);
    d01.wait_for("没有待认定的违规", 5);
    s01.wait_for("待认定违规 0", 5);
    let listed = c.by("S01", &["violation", "list", "--state", "confirmed"]);
    assert!(listed.starts_with("1\t"), "{listed}");
}

#[test]
fn the_ledger_counts_this_years_confirmed_and_the_proposed_with_the_latest_sanction() {
    let c = Centre::new();
    record(&c, "C01", "deadline", "2026-11-02");
    record(&c, "C01", "deadline", "2026-11-09");
    record(&c, "C01", "deadline", "2026-11-16");
    record(&c, "C02", "deadline", "2025-12-01");
    record(&c, "C03", "attitude", "2026-10-08");
    for id in ["1", "2", "4"] {
        c.by("D01", &["violation", "confirm", id]);
    }
    let v = view(&c, "S01");
    let ledgers = v.ledgers.expect("a supervisor reads the ledgers");
    let rows: Vec<(&str, u32, u32)> = ledgers
        .rows
        .iter()
        .map(|r| (r.staff.as_str(), r.confirmed, r.proposed))
        .collect();
    // C02's only violation was last year's: the count starts again on 1 January.
    assert_eq!(rows, [("C01", 2, 1), ("C03", 0, 1)]);
    assert_eq!(ledgers.total, 2);
    let second = ledgers.rows[0].latest.as_ref().expect("C01's second rung");
    assert!(!second.measures.is_empty());
    assert_eq!(ledgers.rows[1].latest, None);
    let proposals = v.proposals.expect("and the proposals");
    let ids: Vec<u64> = proposals.rows.iter().map(|p| p.id).collect();
    assert_eq!(ids, [3, 5]);
    assert_eq!(proposals.rows[1].kind, ViolationType::Attitude);
}

const MONO: Theme = Theme {
    mono: true,
    ascii: false,
};

/// The lists on 80×24 as the server would send them.
fn watched() -> SupervisionView {
    let complaint = |id, due, days_left, days_over, urgency, extended| ComplaintDue {
        id,
        received: d(11, 13),
        due,
        days_left,
        days_over,
        urgency,
        provisional: false,
        grounds: vec![Ground::Attitude],
        against: Some(("C01".into(), "周春英".into())),
        extended,
    };
    SupervisionView {
        now: at(9, 30),
        counts: DayCounts::default(),
        windows: vec![WindowLoad {
            window: "民政救助".into(),
            open: 4,
            due_soon: 2,
            overdue: 1,
            waiting: 1,
        }],
        complaints: Some(Listed {
            rows: vec![
                complaint(1, d(11, 20), -1, 4, Urgency::Overdue, false),
                complaint(2, d(11, 24), 0, 0, Urgency::DueToday, true),
                complaint(3, d(11, 26), 2, 0, Urgency::DueSoon, false),
                complaint(4, d(12, 1), 5, 0, Urgency::Normal, false),
            ],
            total: 4,
        }),
        proposals: Some(Listed {
            rows: vec![ProposalRow {
                id: 7,
                on: d(11, 20),
                staff: "C01".into(),
                name: "周春英".into(),
                kind: ViolationType::Deadline,
                fact: "案件 #12 超期（应于 2026-11-20 办结）".into(),
            }],
            total: 1,
        }),
        ledgers: Some(Listed {
            rows: vec![LedgerRow {
                staff: "C01".into(),
                name: "周春英".into(),
                confirmed: 2,
                proposed: 1,
                latest: None,
            }],
            total: 1,
        }),
        rectifications: Some(Listed {
            rows: vec![RectificationDue {
                rating: 3,
                case: 12,
                staff: "C01".into(),
                name: "周春英".into(),
                level: Level::Unsatisfied,
                due: d(11, 27),
                days_left: 4,
                days_over: 0,
                urgency: Urgency::Normal,
                appealed: true,
            }],
            total: 1,
        }),
        visits: Some(Listed {
            rows: vec![VisitToCall {
                case: 9,
                month: "2026-11".into(),
            }],
            total: 1,
        }),
    }
}

#[test]
fn the_supervisors_lists_fit_80_by_24_one_at_a_time() {
    let mut a = app_of("S01", MONO, Pane::Windows);
    a.data.supervision = Some(watched());
    a.sheet = frontdesk::tui::sheet::Sheet::Complaints;
    let s = text(&shown(80, 24, &a));
    insta::assert_snapshot!("80x24_supervise_complaints", s);
    assert!(
        s.contains("#2   11-24 今日到期 !! 被投诉 周春英 服务质量差、态度不好 (已延期)"),
        "{s}"
    );
    a.sheet = frontdesk::tui::sheet::Sheet::Ledgers;
    let s = text(&shown(80, 24, &a));
    assert!(
        s.contains("周春英 (C01)") && s.contains("个人台账 1"),
        "{s}"
    );
}
