//! Screens of the console (DESIGN.md), drawn through the real backend into a terminal emulator
//! (vt100), so what is checked is what a terminal shows: every pane at 80×24, all four at
//! 120×32, the overlays over Chinese text at 80×24, 120×32, 60×16 and with ASCII borders. A
//! few snapshots carry a map of the styles, one letter a cell, so a monochrome screen visibly
//! carries urgency by bold and reverse alone; the rest are text, so a change of wording
//! rewrites few files.

use crate::common::morning::{app, app_of, at, intake_at, sample_case};
use chrono::NaiveDate;
use frontdesk::protocol::{DayCounts, SupervisionView, WindowLoad};
use frontdesk::tui::app::{App, Pane};
use frontdesk::tui::backend::LeanBackend;
use frontdesk::tui::keymap::{Action, Context};
use frontdesk::tui::overlay::Overlay;
use frontdesk::tui::overlay::confirm::Confirm;
use frontdesk::tui::overlay::help::Help;
use frontdesk::tui::overlay::notice::NoticeView;
use frontdesk::tui::overlay::prompt::{Prompt, Purpose};
use frontdesk::tui::overlay::supplement::Supplement;
use frontdesk::tui::text::Lang;
use frontdesk::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use unicode_width::UnicodeWidthStr;

/// What a terminal shows after one frame of `app` at `width`×`height`.
pub(crate) fn shown(width: u16, height: u16, app: &App) -> vt100::Screen {
    let mut terminal = Terminal::with_options(
        LeanBackend::new(Vec::new()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .unwrap();
    terminal
        .draw(|f| frontdesk::tui::draw::draw(f, app))
        .unwrap();
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(height).unwrap(),
        std::num::NonZeroU16::new(width).unwrap(),
        0,
    );
    parser.process(terminal.backend().writer());
    parser.screen().clone()
}

/// The screen's text, each row whole.
pub(crate) fn text(s: &vt100::Screen) -> String {
    let (rows, cols) = s.size();
    (0..rows.get())
        .map(|r| s.rows(0, cols.get()).nth(r as usize).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen's text, then one letter a cell for its style: `.` plain, `b` bold, `v` reverse,
/// `x` both; a colour, if any, as its initial in capitals (R red, Y yellow, C cyan, D dark grey).
fn styled(s: &vt100::Screen) -> String {
    let (rows, cols) = s.size();
    let mut styles = String::new();
    for r in 0..rows.get() {
        for c in 0..cols.get() {
            let Some(cell) = s.cell(r, c) else {
                styles.push(' ');
                continue;
            };
            let letter = match cell.fgcolor() {
                vt100::Color::Idx(1) => 'R',
                vt100::Color::Idx(3) => 'Y',
                vt100::Color::Idx(6) => 'C',
                vt100::Color::Idx(8) => 'D',
                _ => match (cell.bold(), cell.inverse()) {
                    (true, true) => 'x',
                    (true, false) => 'b',
                    (false, true) => 'v',
                    (false, false) => '.',
                },
            };
            styles.push(letter);
        }
        styles.push('\n');
    }
    format!("{}\n--- styles ---\n{styles}", text(s))
}

const COLOUR: Theme = Theme {
    mono: false,
    ascii: false,
};
const MONO: Theme = Theme {
    mono: true,
    ascii: false,
};
const ASCII: Theme = Theme {
    mono: true,
    ascii: true,
};

#[test]
fn every_pane_at_80x24_and_all_four_at_120x32() {
    for (pane, name) in [
        (Pane::Queue, "queue"),
        (Pane::Case, "case"),
        (Pane::Deadlines, "deadlines"),
        (Pane::Today, "today"),
    ] {
        insta::assert_snapshot!(
            format!("80x24_{name}"),
            text(&shown(80, 24, &app(MONO, pane)))
        );
    }
    insta::assert_snapshot!(
        "120x32_panes_colour",
        styled(&shown(120, 32, &app(COLOUR, Pane::Deadlines)))
    );
}

#[test]
fn below_the_minimum_size_a_line_asks_for_more_room() {
    let s = text(&shown(50, 10, &app(COLOUR, Pane::Queue)));
    assert!(s.starts_with("请放大终端窗口（至少 60×16）"), "{s}");
}

#[test]
fn urgency_reads_without_colour_in_monochrome() {
    let mono = styled(&shown(120, 32, &app(MONO, Pane::Queue)));
    let colour = styled(&shown(120, 32, &app(COLOUR, Pane::Queue)));
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
    let s = text(&shown(80, 24, &app(ASCII, Pane::Queue)));
    assert!(
        s.contains("+-") && !s.contains('┌') && !s.contains('│'),
        "{s}"
    );
}

#[test]
fn a_long_refusal_wraps_over_the_last_lines_instead_of_being_cut_off() {
    use frontdesk::domain::leave::LeaveError;
    use frontdesk::refusal::Refusal;
    use frontdesk::tui::app::Note;
    let why = Refusal::Leave(LeaveError::DutyDayWithoutSwap {
        leader: "郑开华".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    })
    .text(Lang::Zh);
    assert!(
        why.width() > 80,
        "too long for one line at 80 columns: {why}"
    );
    let mut a = app(COLOUR, Pane::Queue);
    a.note = Some(Note {
        text: why.clone(),
        error: true,
    });
    let text = text(&shown(80, 24, &a));
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

/// Presses an action on the top overlay.
fn on_top(a: &mut App, action: Action) {
    let cx = &a.cx;
    let top = a.overlays.last_mut().unwrap();
    top.input(frontdesk::tui::overlay::Input::Action(action), cx);
}

#[test]
fn on_the_smallest_screen_the_help_scrolls_to_every_binding() {
    let mut a = app(COLOUR, Pane::Queue);
    let help = Help::new(Context::Desk, &a.cx);
    let entries = help.entries.len();
    a.overlays.push(Box::new(help));
    let top = text(&shown(60, 16, &a));
    let (first, last) = ("n             叫下一位", "ctrl-q/ctrl-c 退出");
    assert!(top.contains(first) && !top.contains(last), "{top}");
    assert!(top.contains("↑↓ 翻看 · Esc 关闭帮助"), "{top}");
    for _ in 0..entries {
        on_top(&mut a, Action::Down);
    }
    let end = text(&shown(60, 16, &a));
    assert!(end.contains(last) && !end.contains(first), "{end}");
    // Where everything fits, nothing scrolls and the footer does not offer to.
    let wide = text(&shown(200, 60, &a));
    assert!(wide.contains(first) && wide.contains(last), "{wide}");
    assert!(wide.contains("按 Esc 关闭帮助"), "{wide}");
}

#[test]
fn the_help_lists_only_what_the_signed_in_user_may_do() {
    let clerk = app(COLOUR, Pane::Queue);
    let supervisor = app_of("S01", COLOUR, Pane::Windows);
    let listed = |a: &App| Help::new(a.context(), &a.cx).actions(&a.cx);
    assert!(listed(&clerk).contains(&Action::NextVisitor));
    assert!(!listed(&clerk).contains(&Action::DutyLog), "not on duty");
    let s = listed(&supervisor);
    assert!(s.contains(&Action::FindCase), "{s:?}");
    for a in [Action::NextVisitor, Action::NewCase, Action::CompleteCase] {
        assert!(!s.contains(&a), "{a:?} offered to the supervisor");
    }
}

#[test]
fn english_screens_come_from_the_same_text_table() {
    let mut a = app(COLOUR, Pane::Today);
    a.cx.lang = Lang::En;
    let s = text(&shown(80, 24, &a));
    assert!(
        s.contains("Today")
            && s.contains("Leader on duty: 李鹏")
            && s.contains("A and B both away!"),
        "{s}"
    );
}

#[test]
fn the_hint_line_offers_the_contexts_most_useful_keys_within_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        for who in ["C01", "L04", "D01", "S01"] {
            let mut a = app_of(who, COLOUR, Pane::Queue);
            a.cx.lang = lang;
            let desk = frontdesk::tui::draw::hint(&a, 79);
            assert!(desk.width() <= 79, "{who} {lang:?}: {desk}");
            assert!(
                desk.contains(if lang == Lang::Zh { "帮助" } else { "help" })
                    && desk.contains("ctrl-q"),
                "{who} {lang:?}: {desk}"
            );
            a.overlays
                .push(Box::new(frontdesk::tui::intake::Intake::new()));
            let intake = frontdesk::tui::draw::hint(&a, 79);
            assert!(
                intake.contains("enter") && intake.contains("esc") && !intake.contains(" n "),
                "the intake's own keys: {intake}"
            );
        }
    }
    let clerk = frontdesk::tui::draw::hint(&app(COLOUR, Pane::Queue), 79);
    assert!(clerk.trim_start().starts_with("n 叫号"), "{clerk}");
    let supervisor = frontdesk::tui::draw::hint(&app_of("S01", COLOUR, Pane::Windows), 79);
    assert!(!supervisor.contains("叫号"), "{supervisor}");
}

/// Whether the box drawn at `area` has its whole border on screen.
fn border_whole(s: &vt100::Screen, area: Rect, ascii: bool) -> Result<(), String> {
    let (top, bottom, side) = if ascii {
        ("+", "+", "|")
    } else {
        ("┌", "└", "│")
    };
    let at = |x: u16, y: u16| {
        s.cell(y, x)
            .map(|c| c.contents().to_string())
            .unwrap_or_default()
    };
    let (l, r) = (area.left(), area.right() - 1);
    if at(l, area.top()) != top || at(l, area.bottom() - 1) != bottom {
        return Err(format!("a left corner of {area:?} is lost"));
    }
    for y in area.top() + 1..area.bottom() - 1 {
        if at(l, y) != side || at(r, y) != side {
            return Err(format!(
                "row {y} of {area:?}: `{}` … `{}`",
                at(l, y),
                at(r, y)
            ));
        }
    }
    Ok(())
}

/// Each overlay, over the Case pane's Chinese text.
fn overlays(a: &App) -> Vec<(&'static str, Box<dyn Overlay>)> {
    let mut p = Prompt::about(Purpose::Reject(13), "#13 张三".into());
    p.text = "经入户核查不符合条件".into();
    vec![
        ("prompt", Box::new(p)),
        (
            "supplement",
            Box::new({
                let mut s = Supplement::brought(
                    13,
                    "#13 张三".into(),
                    vec![
                        "户口簿或居住证".into(),
                        "特殊困难身份证明".into(),
                        "近期一寸免冠照片".into(),
                    ],
                );
                s.items[0].1 = true;
                s.sel = 1;
                s
            }),
        ),
        (
            "confirm",
            Box::new(Confirm {
                question: "办结 #13 张三？".into(),
                request: frontdesk::protocol::Request::Case(
                    frontdesk::protocol::CaseReq::Complete { id: 13 },
                ),
            }),
        ),
        ("help", Box::new(Help::new(Context::Desk, &a.cx))),
        ("notice", Box::new(NoticeView::latest(sample_case(13)))),
    ]
}

#[test]
fn overlays_over_chinese_text_keep_their_borders_at_every_size_and_in_ascii() {
    for (w, h, theme, tag) in [
        (80, 24, MONO, "80x24"),
        (120, 32, MONO, "120x32"),
        (60, 16, MONO, "60x16"),
        (80, 24, ASCII, "ascii"),
    ] {
        for (name, overlay) in overlays(&app(theme, Pane::Case)) {
            let mut a = app(theme, Pane::Case);
            a.overlays.push(overlay);
            let s = shown(w, h, &a);
            for area in frontdesk::tui::draw::overlay_areas(&a, Rect::new(0, 0, w, h)) {
                if let Err(e) = border_whole(&s, area, theme.ascii) {
                    panic!("{name} at {tag}: {e}\n{}", text(&s));
                }
            }
            if matches!(name, "supplement" | "help") {
                insta::assert_snapshot!(format!("overlay_{name}_{tag}"), text(&s));
            }
        }
    }
}

#[test]
fn the_panes_keep_their_borders_where_wide_text_reaches_their_edge() {
    for theme in [MONO, ASCII] {
        for pane in [Pane::Queue, Pane::Case, Pane::Deadlines, Pane::Today] {
            let a = app(theme, pane);
            let s = shown(120, 32, &a);
            for area in frontdesk::tui::draw::pane_areas(&a, Rect::new(0, 0, 120, 32)) {
                if let Err(e) = border_whole(&s, area, theme.ascii) {
                    panic!("{e}\n{}", text(&s));
                }
            }
        }
    }
}

#[test]
fn the_case_pane_scrolls_to_its_last_line_and_no_further() {
    // At 60×16 the case is taller than its pane.
    let mut a = app(MONO, Pane::Case);
    let top = text(&shown(60, 16, &a));
    assert!(
        top.contains("#13 MZ-005") && !top.contains("补办件通知书"),
        "{top}"
    );
    a.case_scroll = 1000;
    let end = text(&shown(60, 16, &a));
    assert!(!end.contains("#13 MZ-005"), "scrolled:\n{end}");
    let lines: Vec<&str> = end.lines().collect();
    let bottom = lines.iter().rposition(|l| l.starts_with('└')).unwrap();
    assert!(
        lines[bottom - 1].contains("1. 补办件通知书"),
        "the last line sits just above the border:\n{end}"
    );
}

#[test]
fn the_supervisor_sees_every_windows_load_read_only() {
    let mut a = app_of("S01", MONO, Pane::Windows);
    a.data.supervision = Some(SupervisionView {
        now: at(9, 30),
        counts: DayCounts::default(),
        windows: vec![
            WindowLoad {
                window: "民政救助".into(),
                open: 4,
                due_soon: 2,
                overdue: 1,
                waiting: 1,
            },
            WindowLoad {
                window: "劳动保障".into(),
                open: 0,
                due_soon: 0,
                overdue: 0,
                waiting: 0,
            },
        ],
        complaints: None,
        proposals: None,
        ledgers: None,
        rectifications: None,
        visits: None,
    });
    let s = text(&shown(120, 32, &a));
    insta::assert_snapshot!("120x32_supervise", s);
    assert!(s.contains("督查（只读）") && s.contains("各窗口"), "{s}");
}

#[test]
fn the_intake_form_at_every_step() {
    use frontdesk::tui::intake::Step;
    for (step, name) in [
        (Step::Search, "search"),
        (Step::Materials, "materials"),
        (Step::Applicant, "applicant"),
    ] {
        let mut a = app(MONO, Pane::Queue);
        a.overlays.push(Box::new(intake_at(step)));
        insta::assert_snapshot!(format!("80x24_intake_{name}"), text(&shown(80, 24, &a)));
    }
    // Accepted, the form gives way to the notice it issued, to print.
    let mut a = app(MONO, Pane::Queue);
    a.overlays
        .push(Box::new(NoticeView::latest(sample_case(1))));
    insta::assert_snapshot!("80x24_intake_notice", text(&shown(80, 24, &a)));
}

#[test]
fn the_header_names_who_is_signed_in_at_which_post_and_the_centre() {
    let s = text(&shown(120, 32, &app(MONO, Pane::Queue)));
    let header = s.lines().next().unwrap();
    assert!(
        header.contains("周春英 (C01) 民政救助 A岗")
            && header.contains("2026-11-24 09:30")
            && header.contains("XX街道便民服务中心"),
        "{header}"
    );
}

#[test]
fn in_the_demo_the_header_says_how_to_act_as_the_director_or_the_supervisor() {
    for (cols, rows) in [(80, 24), (120, 32)] {
        let s = text(&shown(cols, rows, &app(MONO, Pane::Queue)));
        let header = s.lines().next().unwrap();
        assert!(header.contains("--as D01 主任"), "{cols}×{rows}: {header}");
        assert!(header.width() <= usize::from(cols), "{header}");
    }
    let s = text(&shown(120, 32, &app(MONO, Pane::Queue)));
    assert!(s.lines().next().unwrap().contains("--as S01 督查"), "{s}");
    // The director is told how to be the clerk and the supervisor, not herself.
    let s = text(&shown(120, 32, &app_of("D01", MONO, Pane::Queue)));
    let header = s.lines().next().unwrap();
    assert!(
        header.contains("--as C01 窗口") && header.contains("--as S01 督查"),
        "{header}"
    );
    assert!(!header.contains("--as D01"), "{header}");
    // A real centre has no `--as`, and its header does not mention it.
    let mut real = app(MONO, Pane::Queue);
    real.cx.demo = false;
    let s = text(&shown(120, 32, &real));
    let header = s.lines().next().unwrap();
    assert!(
        !header.contains("--as") && header.contains("XX街道便民服务中心"),
        "{header}"
    );
}

#[test]
fn the_notice_in_the_console_shows_its_heading_bold_and_continues_items_under_their_text() {
    let mut a = app(MONO, Pane::Queue);
    a.overlays
        .push(Box::new(NoticeView::latest(sample_case(1))));
    let s = shown(80, 24, &a);
    let (_, cols) = s.size();
    let rows: Vec<String> = s.rows(0, cols.get()).collect();
    let row = rows
        .iter()
        .position(|r| r.contains("补办件通知书（一次性告知书）"))
        .unwrap_or_else(|| panic!("{}", text(&s)));
    let col = rows[row].find('补').unwrap();
    let col = rows[row][..col].width() as u16;
    let cell = |c: u16| s.cell(row as u16, c).unwrap();
    assert!(cell(col).bold(), "the heading is bold:\n{}", styled(&s));
    // Only the heading: the applicant's line below it is plain.
    let applicant = rows
        .iter()
        .position(|r| r.contains("申请人：张三"))
        .unwrap();
    assert!(!s.cell(applicant as u16, col + 2).unwrap().bold());
    // A numbered item too long for the pane continues indented under its text.
    let item = rows
        .iter()
        .position(|r| r.contains("2. 特殊困难身份证明"))
        .unwrap();
    let under = rows[item][..rows[item].find("特殊").unwrap()].width() as u16;
    let blank = |c: u16| {
        s.cell(item as u16 + 1, c)
            .unwrap()
            .contents()
            .trim()
            .is_empty()
    };
    assert!(
        blank(under - 1) && blank(under - 5) && !blank(under),
        "the item continues under its text:\n{}",
        text(&s)
    );
}
