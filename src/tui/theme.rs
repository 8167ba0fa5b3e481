//! How things look: 16-colour or monochrome, box or ASCII borders. Urgency is never colour
//! alone: marks (`!`, `!!`, `超期`) and bold or reverse carry it, so it reads on a monochrome terminal
//! and under `NO_COLOR` (DESIGN.md).

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub mono: bool,
    pub ascii: bool,
}

/// Borders without box-drawing characters, which are ambiguous-width in CJK locales.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    fn colour(&self, style: Style, c: Color) -> Style {
        if self.mono { style } else { style.fg(c) }
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn overdue(&self) -> Style {
        self.colour(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    pub fn due_soon(&self) -> Style {
        self.colour(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    pub fn priority(&self) -> Style {
        self.colour(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn alarm(&self) -> Style {
        self.colour(
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Color::Red,
        )
    }

    pub fn dim(&self) -> Style {
        self.colour(Style::new(), Color::DarkGray)
    }

    pub fn error(&self) -> Style {
        self.colour(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }
}
