//! Screen snapshots of the console (DESIGN.md): every pane and the help overlay at 80×24,
//! 120×40 and 200×60, in Chinese, in colour and in monochrome. Each snapshot is the screen's
//! text and then a map of its styles, one letter a cell, so a monochrome screen visibly carries
//! urgency by bold and reverse alone.

use chrono::{NaiveDate, NaiveDateTime};
use frontdesk::domain::case::{Applicant, CaseKind, CaseStatus};
use frontdesk::domain::clock::Urgency;
use frontdesk::domain::queue::{Ticket, TicketStatus, queue_order};
use frontdesk::protocol::{
    Approval, CaseRow, DayCounts, PostView, Rows, ServingView, StaffInfo, TodayView,
};
use frontdesk::tui::app::{App, Pane};
use frontdesk::tui::keymap::Keymap;
use frontdesk::tui::text::Lang;
use frontdesk::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn ticket(n: &str, window: &str, priority: bool, status: TicketStatus, minute: u32) -> Ticket {
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
    }
}

fn row(
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
fn app(theme: Theme, focus: Pane, help: bool) -> App {
    let centre = frontdesk::fixtures::centre();
    let me = StaffInfo::of(&centre, centre.staff("C01").unwrap());
    let mut app = App::new(
        me,
        true,
        Some("民政救助".into()),
        Lang::Zh,
        theme,
        Keymap::load(&[]).unwrap(),
    );
    let called = TicketStatus::Called {
        at: at(9, 5),
        by: "C02".into(),
        window: "民政救助".into(),
        recalls: 1,
    };
    // The server sends the queue in the order a clerk reads it.
    let mut tickets = vec![
        ticket("A001", "民政救助", false, called, 1),
        ticket("A002", "民政救助", true, TicketStatus::Waiting, 2),
        ticket("B001", "劳动保障", false, TicketStatus::Waiting, 3),
        ticket("A003", "民政救助", false, TicketStatus::Waiting, 4),
    ];
    queue_order(&mut tickets);
    app.data.tickets = Rows::all(tickets);
    app.data.cases = Rows::all(vec![
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
    ]);
    app.data.today = Some(TodayView {
        now: at(9, 30),
        workday: true,
        day_name: None,
        provisional: false,
        duty: vec!["李鹏".into()],
        cleaning: vec!["童丽华".into(), "陈锐丽".into()],
        posts: vec![
            PostView {
                window: "民政救助".into(),
                prefix: 'A',
                a: "周春英".into(),
                b: "杨秋凤".into(),
                serving: ServingView::BCovering,
            },
            PostView {
                window: "劳动保障".into(),
                prefix: 'B',
                a: "童丽华".into(),
                b: "吴卫平".into(),
                serving: ServingView::A,
            },
            PostView {
                window: "医疗保险".into(),
                prefix: 'C',
                a: "夏芷菁".into(),
                b: "李富昌".into(),
                serving: ServingView::BothAway {
                    notify: vec!["王建国".into(), "李鹏".into(), "郑元样".into()],
                },
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
    app.data.approvals = Rows::all(vec![
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
    ]);
    app.focus = focus;
    app.deadline_sel = 1;
    app.help = help;
    app
}

/// The screen's text, then one letter a cell for its style: `.` plain, `b` bold, `v` reverse,
/// `x` both; a colour, if any, as its initial in capitals (R red, Y yellow, C cyan, D dark grey).
fn screen(width: u16, height: u16, app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| frontdesk::tui::draw::draw(f, app))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut text = String::new();
    let mut styles = String::new();
    for y in 0..height {
        let mut skip = 0;
        for x in 0..width {
            let cell = &buffer[(x, y)];
            if skip > 0 {
                skip -= 1;
            } else {
                text.push_str(cell.symbol());
                skip = cell.symbol().width().saturating_sub(1);
            }
            let m = cell.modifier;
            let letter = match cell.fg {
                Color::Red => 'R',
                Color::Yellow => 'Y',
                Color::Cyan => 'C',
                Color::DarkGray => 'D',
                _ => match (m.contains(Modifier::BOLD), m.contains(Modifier::REVERSED)) {
                    (true, true) => 'x',
                    (true, false) => 'b',
                    (false, true) => 'v',
                    (false, false) => '.',
                },
            };
            styles.push(letter);
        }
        text.push('\n');
        styles.push('\n');
    }
    format!("{text}--- styles ---\n{styles}")
}

const COLOUR: Theme = Theme {
    mono: false,
    ascii: false,
};
const MONO: Theme = Theme {
    mono: true,
    ascii: false,
};

#[test]
fn every_pane_and_the_help_overlay_at_80x24_in_colour_and_monochrome() {
    for (theme, tag) in [(COLOUR, "colour"), (MONO, "mono")] {
        for (pane, name) in [
            (Pane::Queue, "queue"),
            (Pane::Case, "case"),
            (Pane::Deadlines, "deadlines"),
            (Pane::Today, "today"),
        ] {
            insta::assert_snapshot!(
                format!("80x24_{name}_{tag}"),
                screen(80, 24, &app(theme, pane, false))
            );
        }
        insta::assert_snapshot!(
            format!("80x24_help_{tag}"),
            screen(80, 24, &app(theme, Pane::Queue, true))
        );
    }
}

#[test]
fn all_four_panes_and_the_help_overlay_at_120x40_and_200x60() {
    for (theme, tag) in [(COLOUR, "colour"), (MONO, "mono")] {
        for (w, h) in [(120, 40), (200, 60)] {
            insta::assert_snapshot!(
                format!("{w}x{h}_panes_{tag}"),
                screen(w, h, &app(theme, Pane::Deadlines, false))
            );
            insta::assert_snapshot!(
                format!("{w}x{h}_help_{tag}"),
                screen(w, h, &app(theme, Pane::Deadlines, true))
            );
        }
    }
}

#[test]
fn below_the_minimum_size_a_line_asks_for_more_room() {
    let s = screen(50, 10, &app(COLOUR, Pane::Queue, false));
    assert!(s.starts_with("请放大终端窗口（至少 60×16）"), "{s}");
}

#[test]
fn urgency_reads_without_colour_in_monochrome() {
    let mono = screen(120, 40, &app(MONO, Pane::Queue, false));
    let colour = screen(120, 40, &app(COLOUR, Pane::Queue, false));
    for s in [&mono, &colour] {
        assert!(
            s.contains("超期") && s.contains(" !!") && s.contains(" ! "),
            "marks carry urgency:\n{s}"
        );
    }
    let styles = mono.split("--- styles ---").nth(1).unwrap();
    assert!(
        !styles.contains(['R', 'Y', 'C', 'D']),
        "a colour in monochrome:\n{styles}"
    );
    assert!(
        styles.contains('b') && styles.contains('x'),
        "bold and reverse carry emphasis"
    );
    assert!(colour.split("--- styles ---").nth(1).unwrap().contains('R'));
}

#[test]
fn ascii_borders_use_no_box_drawing_characters() {
    let s = screen(
        80,
        24,
        &app(
            Theme {
                mono: true,
                ascii: true,
            },
            Pane::Queue,
            false,
        ),
    );
    assert!(
        s.contains("+-") && !s.contains('┌') && !s.contains('│'),
        "{s}"
    );
}

#[test]
fn a_long_refusal_wraps_over_the_last_lines_instead_of_being_cut_off() {
    use frontdesk::domain::leave::LeaveError;
    use frontdesk::refusal::Refusal;
    let why = Refusal::Leave(LeaveError::DutyDayWithoutSwap {
        leader: "郑开华".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    })
    .text(Lang::Zh);
    assert!(
        why.width() > 80,
        "too long for one line at 80 columns: {why}"
    );
    let mut a = app(COLOUR, Pane::Queue, false);
    a.on_refusal(why.clone());
    let s = screen(80, 24, &a);
    let text = s.split("--- styles ---").next().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // The pane above still has its bottom border; the note takes the lines below it.
    let border = lines.iter().rposition(|l| l.starts_with('└')).unwrap();
    assert!(lines[1].contains("排队叫号"), "{text}");
    let note = &lines[border + 1..];
    assert!((2..=6).contains(&note.len()), "{text}");
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    assert!(
        squeeze(&note.concat()).contains(&squeeze(&why)),
        "the whole refusal below the pane:\n{text}"
    );
}

#[test]
fn on_the_smallest_screen_the_help_scrolls_to_every_binding() {
    let mut a = app(COLOUR, Pane::Queue, true);
    let top = screen(60, 16, &a);
    let (first, last) = ("n             叫下一位", "ctrl-q/ctrl-c 退出");
    assert!(top.contains(first) && !top.contains(last), "{top}");
    assert!(top.contains("↑↓ 翻看 · Esc 关闭帮助"), "{top}");
    for _ in 0..frontdesk::tui::keymap::Action::ALL.len() {
        a.update(frontdesk::tui::keymap::Action::Down);
    }
    let end = screen(60, 16, &a);
    assert!(end.contains(last) && !end.contains(first), "{end}");
    // Where everything fits, nothing scrolls and the footer does not offer to.
    let wide = screen(200, 60, &a);
    assert!(wide.contains(first) && wide.contains(last), "{wide}");
    assert!(wide.contains("按 Esc 关闭帮助"), "{wide}");
}

#[test]
fn english_screens_come_from_the_same_text_table() {
    let mut a = app(COLOUR, Pane::Today, false);
    a.lang = Lang::En;
    let s = screen(80, 24, &a);
    assert!(
        s.contains("Today")
            && s.contains("Leader on duty: 李鹏")
            && s.contains("A and B both away!"),
        "{s}"
    );
}

/// The intake form at each of its steps, filled as a clerk would.
fn intake_at(step: frontdesk::tui::intake::Step) -> frontdesk::tui::intake::Intake {
    use frontdesk::domain::case::{Case, Channel, Intake as CaseIntake, MaterialState, Ticked};
    use frontdesk::tui::intake::{Intake, Step};
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
    if step == Step::Done {
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
        form.done = Some(frontdesk::protocol::CaseView {
            id: 1,
            case,
            deadline: None,
            waiting_for: Some(3),
            paused_since: None,
            provisional: false,
            days_left: None,
            urgency: None,
            violations: vec![],
        });
    }
    form.item = Some(item);
    form
}

#[test]
fn the_intake_form_at_every_step_and_size_in_colour_and_monochrome() {
    use frontdesk::tui::intake::Step;
    for (theme, tag) in [(COLOUR, "colour"), (MONO, "mono")] {
        for (step, name) in [
            (Step::Search, "search"),
            (Step::Materials, "materials"),
            (Step::Applicant, "applicant"),
            (Step::Done, "notice"),
        ] {
            for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                let mut a = app(theme, Pane::Queue, false);
                a.intake = Some(intake_at(step));
                insta::assert_snapshot!(format!("{w}x{h}_intake_{name}_{tag}"), screen(w, h, &a));
            }
        }
    }
}

#[test]
fn the_prompt_and_the_supplement_checklist_at_every_size_in_colour_and_monochrome() {
    use frontdesk::tui::prompt::{Prompt, Purpose, Supplement};
    for (theme, tag) in [(COLOUR, "colour"), (MONO, "mono")] {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let mut a = app(theme, Pane::Deadlines, false);
            let mut p = Prompt::new(Purpose::Reject(9));
            p.text = "经入户核查不符合条件".into();
            a.prompt = Some(p);
            insta::assert_snapshot!(format!("{w}x{h}_prompt_{tag}"), screen(w, h, &a));
            let mut a = app(theme, Pane::Deadlines, false);
            a.supplement = Some(Supplement {
                case: 13,
                items: vec![
                    ("户口簿或居住证".into(), true),
                    ("特殊困难身份证明".into(), false),
                    ("近期一寸免冠照片".into(), false),
                ],
                sel: 1,
            });
            insta::assert_snapshot!(format!("{w}x{h}_supplement_{tag}"), screen(w, h, &a));
        }
    }
}
