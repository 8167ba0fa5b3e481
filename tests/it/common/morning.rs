//! A morning at the demo centre, as a console would hold it: a queue, cases in every state of
//! urgency, 民政救助's A on leave, and a case with its one-time notice; for screen tests.

use chrono::{NaiveDate, NaiveDateTime};
use frontdesk::domain::case::{Applicant, CaseKind, CaseStatus};
use frontdesk::domain::clock::Urgency;
use frontdesk::domain::queue::{Ticket, TicketStatus, queue_order};
use frontdesk::protocol::{
    Approval, CaseRow, CaseView, DayCounts, PostView, Rows, Selected, ServingView, StaffInfo,
    TodayView,
};
use frontdesk::tui::app::{App, Pane};
use frontdesk::tui::cx::Cx;
use frontdesk::tui::data::Detail;
use frontdesk::tui::keymap::Keymap;
use frontdesk::tui::text::Lang;
use frontdesk::tui::theme::Theme;

pub fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

pub fn ticket(n: &str, window: &str, priority: bool, status: TicketStatus, minute: u32) -> Ticket {
    Ticket {
        date: at(9, 0).date(),
        number: n.into(),
        window: window.into(),
        priority,
        item: None,
        taken_at: at(9, minute),
        taken_by: "C01".into(),
        first_asked: Some("C01".into()),
        status,
        transferred_from: vec![],
        order: minute,
        first_called: None,
        case: None,
        ahead: None,
    }
}

pub fn row(
    id: u64,
    kind: CaseKind,
    name: &str,
    due: Option<(u32, i64)>,
    waiting: Option<usize>,
    urgency: Option<Urgency>,
) -> CaseRow {
    CaseRow {
        id,
        item_code: "MZ-005".into(),
        item_name: "长者食堂就餐补贴申请".into(),
        window: "民政救助".into(),
        kind,
        applicant: Applicant {
            name: name.into(),
            phone: Some("138****1234".into()),
            id_number: None,
        },
        accepted_on: at(9, 0).date(),
        status: CaseStatus::Open,
        deadline: due.map(|(d, _)| NaiveDate::from_ymd_opt(2026, 11, d).unwrap()),
        waiting_for: waiting,
        paused: false,
        provisional: false,
        days_left: due.map(|(_, l)| l),
        urgency,
        supplement_by: (kind == CaseKind::Deficiency)
            .then(|| NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
    }
}

/// A morning at the demo centre: a queue, cases in every state of urgency, 民政救助's A on leave.
pub fn app(theme: Theme, focus: Pane) -> App {
    app_of("C01", theme, focus)
}

pub fn app_of(who: &str, theme: Theme, focus: Pane) -> App {
    let centre = frontdesk::fixtures::centre();
    let me = StaffInfo::of(&centre, centre.staff(who).unwrap());
    let mut app = App::new(Cx::new(
        me,
        true,
        Lang::Zh,
        theme,
        Keymap::load(&[]).unwrap(),
    ));
    let called = TicketStatus::Called {
        at: at(9, 5),
        by: "C02".into(),
        window: "民政救助".into(),
        recalls: 1,
        out_of_turn: None,
    };
    // The server sends the queue in the order a clerk reads it.
    let mut tickets = vec![
        ticket("A001", "民政救助", false, called, 1),
        ticket("A002", "民政救助", true, TicketStatus::Waiting, 2),
        ticket("B001", "劳动保障", false, TicketStatus::Waiting, 3),
        ticket("A003", "民政救助", false, TicketStatus::Waiting, 4),
    ];
    queue_order(&mut tickets);
    app.data.tickets.apply(all(tickets, 0));
    app.data.cases.apply(all(
        vec![
            row(
                7,
                CaseKind::Committed,
                "王五",
                Some((20, -2)),
                None,
                Some(Urgency::Overdue),
            ),
            row(
                10,
                CaseKind::Committed,
                "钱七",
                Some((24, 0)),
                None,
                Some(Urgency::DueToday),
            ),
            row(
                9,
                CaseKind::Deficiency,
                "赵六",
                Some((25, 1)),
                None,
                Some(Urgency::DueSoon),
            ),
            row(
                12,
                CaseKind::Committed,
                "李四",
                Some((30, 4)),
                None,
                Some(Urgency::Normal),
            ),
            row(13, CaseKind::Supplement, "张三", None, Some(3), None),
        ],
        1,
    ));
    app.data.today = Some(TodayView {
        centre: "XX街道便民服务中心".into(),
        hours: None,
        now: at(9, 30),
        workday: true,
        day_name: None,
        provisional: false,
        duty: vec!["李鹏".into()],
        swaps: vec![],
        cleaning: vec!["童丽华".into(), "陈锐丽".into()],
        posts: vec![
            PostView {
                window: "民政救助".into(),
                prefix: 'A',
                a: "周春英".into(),
                b: "杨秋凤".into(),
                serving: ServingView::BCovering,
                waiting: 2,
            },
            PostView {
                window: "劳动保障".into(),
                prefix: 'B',
                a: "童丽华".into(),
                b: "吴卫平".into(),
                serving: ServingView::A,
                waiting: 1,
            },
            PostView {
                window: "医疗保险".into(),
                prefix: 'C',
                a: "夏芷菁".into(),
                b: "李富昌".into(),
                serving: ServingView::BothAway {
                    notify: vec!["王建国".into(), "李鹏".into(), "郑元样".into()],
                },
                waiting: 0,
            },
        ],
        away: vec![("周春英".into(), "请假".into(), at(9, 0), at(17, 0))],
        counts: DayCounts {
            tickets: 4,
            waiting: 3,
            served: 1,
            no_shows: 0,
            cases_opened: 2,
            open_cases: 4,
            overdue: 1,
        },
    });
    // What waits for this clerk: an enquiry they were first asked (a leader would also see
    // extension requests and leave to decide).
    app.data.pending.apply(all(
        vec![
            Approval::Enquiry {
                id: 3,
                content: "问老年助餐补贴怎么申请".into(),
                caller: Some("王五".into()),
                at: at(8, 50),
            },
            Approval::Extension {
                id: 1,
                case: 7,
                item: "长者食堂就餐补贴申请".into(),
                days: 5,
                reason: "需入户核查".into(),
                by: "杨秋凤".into(),
                // The case reached its deadline undecided: marked `!`, never by colour alone.
                late: true,
            },
        ],
        0,
    ));
    app.data.case = Some(Detail {
        view: sample_case(13),
        history: vec![],
    });
    app.focus = focus;
    app.size = (120, 40);
    app
}

/// Every item of a list, with row `at` selected.
pub fn all<T>(items: Vec<T>, at: u32) -> Selected<T> {
    Selected {
        rows: Rows::all(items),
        at: Some(at),
        found: true,
    }
}

/// The intake form at each of its steps, filled as a clerk would.
pub fn intake_at(step: frontdesk::tui::intake::Step) -> frontdesk::tui::intake::Intake {
    use frontdesk::domain::case::MaterialState;
    use frontdesk::tui::intake::Intake;
    let cat = frontdesk::fixtures::catalogue();
    let item = cat.get("MZ-005").unwrap().clone();
    let mut form = Intake::new();
    form.step = step;
    form.query = "zzst".into();
    form.results = vec![("MZ-005".into(), item.name.clone(), item.window.clone())];
    form.states = vec![
        MaterialState::InHand,
        MaterialState::InHand,
        MaterialState::Promised,
        MaterialState::Missing,
        MaterialState::Missing,
    ];
    form.material_sel = 2;
    form.preview = Some(frontdesk::protocol::PreviewView {
        kind: CaseKind::Supplement,
        because: String::new(),
        deadline: None,
        waiting_for: Some(3),
        supplement_by: None,
        missing: vec![],
    });
    form.fields = [
        "张三".into(),
        "13800001234".into(),
        String::new(),
        String::new(),
    ];
    form.field = 1;
    form.item = Some(item);
    form
}

/// A 补办件 of MZ-005 for 张三 with its one-time notice, as the server would show it.
pub fn sample_case(id: u64) -> CaseView {
    use frontdesk::domain::case::{Case, Channel, Intake as CaseIntake, Ticked};
    let cat = frontdesk::fixtures::catalogue();
    let item = cat.get("MZ-005").unwrap().clone();
    {
        let cal = frontdesk::fixtures::calendar();
        let centre = frontdesk::fixtures::centre();
        let mut case = Case::accept(
            CaseIntake {
                item: &item,
                ticked: Ticked {
                    in_hand: vec!["老年助餐补贴申请表".into(), "居民身份证".into()],
                    promised: vec!["户口簿或居住证".into()],
                },
                applicant: Applicant {
                    name: "张三".into(),
                    phone: None,
                    id_number: None,
                },
                first_asked: "C01".into(),
                channel: Channel::Window,
                handler: "C01".into(),
                accepted_on: at(9, 0).date(),
                green_channel: false,
                kind_override: None,
                needs_decision: false,
            },
            &centre.settings,
            &cal,
        )
        .unwrap();
        let notice = frontdesk::domain::case::notify::compose(
            &case,
            &item,
            &centre,
            &cal,
            1,
            at(9, 0).date(),
        )
        .unwrap();
        case.issue(notice);
        CaseView {
            id,
            case,
            deadline: None,
            waiting_for: Some(3),
            paused_since: None,
            provisional: false,
            days_left: None,
            urgency: None,
            violations: vec![],
            messages: vec![],
        }
    }
}
