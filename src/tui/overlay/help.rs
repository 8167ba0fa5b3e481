//! The help: every key of the context it was opened from that the signed-in user may use,
//! drawn from the keymap in force, so it cannot drift from what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Input, Overlay, Step};
use crate::tui::action::{Action, Context};
use crate::tui::cx::Cx;
use crate::tui::text::{HELP_TEXT_WIDTH, T, action_text};

pub struct Help {
    /// The context whose keys are listed.
    pub of: Context,
    pub entries: Vec<(String, &'static str)>,
    scroll: usize,
}

impl Help {
    /// The help for `of`: only what this user may do there.
    pub fn new(of: Context, cx: &Cx) -> Help {
        let entries = Help::offered(of, cx)
            .map(|a| (cx.keymap.label(of, a), action_text(a, cx.lang)))
            .collect();
        Help {
            of,
            entries,
            scroll: 0,
        }
    }

    /// The actions listed, for tests that press each of them.
    pub fn actions(&self, cx: &Cx) -> Vec<Action> {
        Help::offered(self.of, cx).collect()
    }

    fn offered(of: Context, cx: &Cx) -> impl Iterator<Item = Action> + '_ {
        of.actions()
            .iter()
            .copied()
            .filter(|a| a.allowed(&cx.allowed))
    }

    const COLUMN: u16 = (14 + HELP_TEXT_WIDTH + 1) as u16;

    /// Columns and rows of the grid in `body`.
    fn grid(&self, body: Rect) -> (usize, usize) {
        let rows_free = body.height.saturating_sub(3).max(1) as usize;
        let fit = (body.width.saturating_sub(2) / Self::COLUMN).max(1) as usize;
        let columns = self.entries.len().div_ceil(rows_free).clamp(1, fit);
        (columns, self.entries.len().div_ceil(columns))
    }
}

impl Overlay for Help {
    fn is_help(&self) -> bool {
        true
    }

    fn input(&mut self, input: Input, _cx: &Cx) -> Step {
        match input {
            Input::Action(Action::Help | Action::Cancel) => Step::Close,
            // Scrolls where the screen is too small for every binding; stops at the last row.
            Input::Action(Action::Up) => {
                self.scroll = self.scroll.saturating_sub(1);
                Step::Stay
            }
            Input::Action(Action::Down) => {
                self.scroll = (self.scroll + 1).min(self.entries.len());
                Step::Stay
            }
            Input::Action(Action::PageUp) => {
                self.scroll = self.scroll.saturating_sub(10);
                Step::Stay
            }
            Input::Action(Action::PageDown) => {
                self.scroll = (self.scroll + 10).min(self.entries.len());
                Step::Stay
            }
            _ => Step::Stay,
        }
    }

    fn area(&self, body: Rect, _cx: &Cx) -> Rect {
        let (columns, rows) = self.grid(body);
        let width = body.width.min(Self::COLUMN * columns as u16 + 2);
        let height = body.height.min(rows as u16 + 3);
        Rect {
            x: body.x + (body.width - width) / 2,
            y: body.y + (body.height - height) / 2,
            width,
            height,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        // The area was sized for this grid: as many columns as its width holds.
        let columns = (area.width.saturating_sub(2) / Self::COLUMN).max(1) as usize;
        let rows = self.entries.len().div_ceil(columns);
        let shown = usize::from(area.height.saturating_sub(3)).max(1);
        let scroll = self.scroll.min(rows.saturating_sub(shown));
        let mut lines: Vec<Line> = (scroll..rows)
            .take(shown)
            .map(|r| {
                let spans: Vec<Span> = (0..columns)
                    .filter_map(|c| self.entries.get(c * rows + r))
                    .map(|(key, text)| {
                        let cell = format!("{key:<13} {text}");
                        let pad = usize::from(Self::COLUMN).saturating_sub(cell.width());
                        Span::raw(format!("{cell}{}", " ".repeat(pad)))
                    })
                    .collect();
                Line::from(spans)
            })
            .collect();
        let footer = if rows > shown {
            cx.t(T::HelpFooterScroll)
        } else {
            cx.t(T::HelpFooter)
        };
        lines.push(Line::from(Span::styled(footer, cx.theme.dim())));
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().border_set(cx.theme.border()).title(
                Span::styled(format!(" {} ", cx.t(T::Help)), cx.theme.title(true)),
            )),
            area,
        );
    }
}
