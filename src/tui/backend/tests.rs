use std::cell::RefCell;
use std::num::NonZeroU16;
use std::rc::Rc;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

use super::*;

const COLS: u16 = 60;
const ROWS: u16 = 16;

type Scene = fn(&mut Frame, usize);

/// Draws each frame (a scene and its step) through a terminal on `backend`; returns the
/// terminal and how many bytes each draw wrote, `written` telling how many there are so far.
fn render<B: Backend>(
    backend: B,
    frames: &[(Scene, usize)],
    written: impl Fn(&B) -> usize,
) -> (Terminal<B>, Vec<usize>)
where
    B::Error: std::fmt::Debug,
{
    let area = Rect::new(0, 0, COLS, ROWS);
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .expect("a terminal of fixed size");
    let mut sizes = Vec::new();
    for (scene, step) in frames {
        let before = written(terminal.backend());
        terminal
            .draw(|f| scene(f, *step))
            .expect("drawing into memory");
        sizes.push(written(terminal.backend()) - before);
    }
    (terminal, sizes)
}

/// A vt100 screen after these bytes.
fn screen(bytes: &[u8]) -> vt100::Parser {
    let rows = NonZeroU16::new(ROWS).expect("rows");
    let cols = NonZeroU16::new(COLS).expect("cols");
    let mut parser = vt100::Parser::new(rows, cols, 0);
    parser.process(bytes);
    parser
}

struct Both {
    crossterm: Vec<u8>,
    lean: Vec<u8>,
    crossterm_sizes: Vec<usize>,
    lean_sizes: Vec<usize>,
}

/// A writer whose bytes can be read while a `CrosstermBackend` owns it (that backend lends
/// out its writer only under an unstable feature).
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn both(frames: &[(Scene, usize)]) -> Both {
    let out = Shared::default();
    let counted = out.clone();
    let (_, crossterm_sizes) = render(CrosstermBackend::new(out.clone()), frames, |_| {
        counted.0.borrow().len()
    });
    let crossterm = out.0.borrow().clone();
    let (terminal, lean_sizes) = render(LeanBackend::new(Vec::new()), frames, |b| b.writer().len());
    let lean = terminal.backend().writer().clone();
    Both {
        crossterm,
        lean,
        crossterm_sizes,
        lean_sizes,
    }
}

/// How many cursor moves (`ESC [ row ; column H`) the output holds.
fn cursor_moves(out: &[u8]) -> usize {
    out.windows(2)
        .enumerate()
        .filter(|(_, w)| w == b"\x1b[")
        .filter(|(i, _)| {
            out[i + 2..]
                .iter()
                .find(|b| !(b.is_ascii_digit() || **b == b';'))
                == Some(&b'H')
        })
        .count()
}

/// Both outputs leave the same screen, showing `受理`: every cell's text and attributes.
fn assert_same_screens(both: &Both) {
    assert_same_screens_of(both, "受理");
}

/// Both outputs leave the same screen, showing `text`: every cell's text and attributes.
fn assert_same_screens_of(both: &Both, text: &str) {
    let a = screen(&both.crossterm);
    let b = screen(&both.lean);
    for row in 0..ROWS {
        for col in 0..COLS {
            assert_eq!(
                a.screen().cell(row, col),
                b.screen().cell(row, col),
                "row {row} column {col}"
            );
        }
    }
    assert_eq!(a.screen().contents(), b.screen().contents());
    assert!(a.screen().contents().contains(text));
}

fn notice(f: &mut Frame, _: usize) {
    let text = vec![
        Line::from("申请人 张秀兰 (No. 0420) 已受理，承诺 5 个工作日内办结。"),
        Line::from(vec![
            Span::styled("材料：", Style::new().add_modifier(Modifier::BOLD)),
            Span::raw("身份证复印件 1 份、户口簿、低保申请表 (A4)。"),
        ]),
        Line::from(Span::styled(
            "补办件：材料齐全之日起计时。",
            Style::new().fg(Color::Yellow),
        )),
        Line::from("Window C01 · 民政救助 · 电话 0571-8888 1234"),
    ];
    let block = Block::bordered().title("受理回执 Notice");
    f.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        f.area(),
    );
}

fn queue(f: &mut Frame, selected: usize) {
    let rows = [
        "A001 张伟 社保卡补办",
        "A002 王芳 居住证签注",
        "B003 李娜 (priority) 老年证",
        "A004 刘洋 医保报销 3 张",
        "A005 陈静 低保复核",
        "C006 杨秋凤 残疾人补贴",
    ];
    let items: Vec<ListItem> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let style = if i % 3 == 2 {
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            ListItem::new(format!("{r} 受理中")).style(style)
        })
        .collect();
    let list = List::new(items)
        .block(Block::bordered().title("排队 Queue"))
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED));
    let mut state = ListState::default().with_selected(Some(selected));
    f.render_stateful_widget(list, f.area(), &mut state);
}

#[test]
fn wide_characters_cost_no_cursor_moves_and_render_the_same() {
    let both = both(&[(notice, 0)]);
    assert_same_screens(&both);
    // A bordered notice, 60 × 16: the figures in docs/decisions.md.
    assert_eq!((both.lean.len(), both.crossterm.len()), (1019, 1392));
    assert_eq!(
        (cursor_moves(&both.lean), cursor_moves(&both.crossterm)),
        (47, 101)
    );
}

#[test]
fn a_styled_list_with_a_reversed_selection_renders_the_same_in_fewer_bytes() {
    let both = both(&[(queue, 1)]);
    assert_same_screens(&both);
    assert!(both.lean.len() < both.crossterm.len());
}

#[test]
fn a_diff_after_a_full_redraw_renders_the_same_in_fewer_bytes() {
    // The selection moves down a row: the diff rewrites two rows, their style changed.
    let both = both(&[(queue, 1), (queue, 2)]);
    assert_same_screens(&both);
    assert!(both.lean_sizes[1] < both.crossterm_sizes[1]);
    assert!(both.lean_sizes[0] < both.crossterm_sizes[0]);
}

#[test]
fn a_screen_replaced_by_another_renders_the_same_in_fewer_bytes() {
    let both = both(&[(queue, 0), (notice, 0)]);
    assert_same_screens(&both);
    assert!(both.lean.len() < both.crossterm.len());
}

fn a_row_of_chinese(f: &mut Frame, _: usize) {
    f.render_widget(
        Paragraph::new("便民服务中心受理回执民政救助社保卡补办"),
        f.area(),
    );
}

#[test]
fn a_row_of_wide_characters_is_written_after_one_cursor_move() {
    let both = both(&[(a_row_of_chinese, 0)]);
    assert_same_screens_of(&both, "便民服务中心");
    assert_eq!(cursor_moves(&both.lean), 1);
    assert_eq!(cursor_moves(&both.crossterm), 19);
}
