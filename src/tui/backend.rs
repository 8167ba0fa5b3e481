//! A crossterm backend that moves the cursor only when it is not already where the next cell
//! goes.
//!
//! ratatui's `CrosstermBackend::draw` moves the cursor before every cell that is not one
//! column right of the last one written. After a wide (two-column) character the next cell is
//! two columns on, so each Chinese character cost a cursor move of 6–8 bytes beside its 3
//! bytes of text (docs/decisions.md, "Cursor moves around wide characters"). This one follows
//! where the terminal's cursor goes after each symbol and writes styles exactly as
//! crossterm's draw does.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CrosstermColor, Colors, Print, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthChar;

/// `CrosstermBackend` with a `draw` that writes fewer cursor moves; everything else is
/// crossterm's own.
#[derive(Debug)]
pub struct LeanBackend<W: Write> {
    writer: W,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(writer: W) -> LeanBackend<W> {
        LeanBackend { writer }
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// ratatui's crossterm backend on our writer, for all but `draw`. (It does not lend out
    /// a writer it owns without an unstable feature, so it borrows ours.)
    fn crossterm(&mut self) -> CrosstermBackend<&mut W> {
        CrosstermBackend::new(&mut self.writer)
    }
}

impl<W: Write> Write for LeanBackend<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The columns the terminal's cursor moves on when it prints `cell`, when that is certain: a
/// single printable character, as wide as the buffer counted it. Anything else (a cluster of
/// characters, an emoji's variation selector, a forced width, an escape sequence in a symbol)
/// leaves the cursor somewhere a terminal may disagree on, and the next cell moves it.
fn advance(cell: &Cell) -> Option<u16> {
    if !matches!(
        cell.diff_option,
        CellDiffOption::None | CellDiffOption::AlwaysUpdate
    ) {
        return None;
    }
    let mut chars = cell.symbol().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => c.width().and_then(|w| u16::try_from(w).ok()),
        _ => None,
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.writer;
        let mut fg = Color::Reset;
        let mut bg = Color::Reset;
        let mut underline_color = Color::Reset;
        let mut modifier = Modifier::empty();
        // Where the terminal's cursor is, when we know.
        let mut cursor: Option<Position> = None;
        for (x, y, cell) in content {
            if cursor != Some(Position { x, y }) {
                queue!(w, MoveTo(x, y))?;
            }
            if cell.modifier != modifier {
                queue_modifier_change(w, modifier, cell.modifier)?;
                modifier = cell.modifier;
            }
            if cell.fg != fg || cell.bg != bg {
                let colors = Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm());
                queue!(w, SetColors(colors))?;
                fg = cell.fg;
                bg = cell.bg;
            }
            if cell.underline_color != underline_color {
                queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
                underline_color = cell.underline_color;
            }
            queue!(w, Print(cell.symbol()))?;
            cursor = advance(cell).map(|width| Position {
                x: x.saturating_add(width),
                y,
            });
        }
        queue!(
            w,
            SetForegroundColor(CrosstermColor::Reset),
            SetBackgroundColor(CrosstermColor::Reset),
            SetUnderlineColor(CrosstermColor::Reset),
            SetAttribute(Attribute::Reset),
        )
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.crossterm().append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.crossterm().hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.crossterm().show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.crossterm().get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.crossterm().set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.crossterm().clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.crossterm().clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        // The size is the terminal's, whatever the writer.
        CrosstermBackend::new(io::sink()).size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.crossterm().window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The attributes that take `from` to `to`, written as ratatui's crossterm backend writes
/// them (its `ModifierDiff`, which it does not export).
fn queue_modifier_change(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::NoReverse))?;
    }
    // Bold and dim are both undone by normal intensity; whichever stays is set again.
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(w, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(w, SetAttribute(Attribute::Bold))?;
        }
    }
    for (modifier, off) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(modifier) {
            queue!(w, SetAttribute(off))?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::NoBlink))?;
    }
    let added = to - from;
    for (modifier, on, skip) in [
        (Modifier::REVERSED, Attribute::Reverse, false),
        (Modifier::BOLD, Attribute::Bold, reset_intensity),
        (Modifier::ITALIC, Attribute::Italic, false),
        (Modifier::UNDERLINED, Attribute::Underlined, false),
        (Modifier::DIM, Attribute::Dim, reset_intensity),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, false),
        (Modifier::HIDDEN, Attribute::Hidden, false),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, false),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, false),
    ] {
        if added.contains(modifier) && !skip {
            queue!(w, SetAttribute(on))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
