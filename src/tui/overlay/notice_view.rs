//! How the notice view looks: which of the case's notices it is in the title, how often it
//! went out on paper, the keys that print it, then the document itself drawn from its blocks
//! at the view's width — the heading bold, lists indented.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::notice::{Block as Paper, NoticeKind};

use super::notice::NoticeView;
use crate::tui::action::{Action, Context};
use crate::tui::cx::Cx;
use crate::tui::paper_text::{no_font_offer, notice_title, paper_count};
use crate::tui::text::T;

/// The keys the view names above the notice; the hint line has the rest.
const KEYS: [Action; 3] = [
    Action::PrintNotice,
    Action::SaveNotice,
    Action::PrintNoticeText,
];

impl NoticeView {
    /// Draws the notice shown in `area`: its title, how it went out on paper, its text.
    pub(super) fn render(&self, frame: &mut Frame, cx: &Cx, area: Rect) {
        draw(frame, cx, self, area);
    }
}

fn draw(frame: &mut Frame, cx: &Cx, view: &NoticeView, area: Rect) {
    let notices = &view.case.case.notices;
    let title = match view.notice() {
        Some(n) => notice_title(n.number, notices.len(), cx.lang),
        None => cx.t(T::Notice).to_string(),
    };
    let block = Block::bordered()
        .border_set(cx.theme.border())
        .title(Span::styled(format!(" {title} "), cx.theme.title(true)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text = Paragraph::new(lines(cx, view, usize::from(inner.width))).wrap(Wrap { trim: false });
    // Never scrolled past the end: the last lines stay in view.
    let most = text
        .line_count(inner.width)
        .saturating_sub(usize::from(inner.height));
    let scroll = view.scroll.min(most as u16);
    frame.render_widget(text.scroll((scroll, 0)), inner);
}

fn lines(cx: &Cx, view: &NoticeView, width: usize) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let Some(n) = view.notice() else {
        return vec![Line::from(cx.t(T::NoNotice))];
    };
    let ready = match (n.kind, n.number) {
        (NoticeKind::Rejection, _) => T::RejectedReady,
        (NoticeKind::Decision, _) => T::DecisionReady,
        (_, 1) => T::Ready,
        _ => T::NewNotice,
    };
    let papers = paper_count(&view.case.case, n.number, cx.lang);
    // A notice that never reached a printer stands out: the applicant is owed it on paper.
    let papers_style = if view.case.case.printed(n.number) {
        cx.theme.dim()
    } else {
        cx.theme.due_soon()
    };
    let keys: Vec<String> = KEYS
        .iter()
        .filter(|a| a.allowed(&cx.allowed))
        .filter_map(|a| cx.key_hint(Context::Notice, *a))
        .collect();
    let mut lines = vec![Line::from(vec![
        Span::styled(cx.t(ready), bold),
        Span::raw(" · "),
        Span::styled(papers, papers_style),
    ])];
    if let Some(why) = &view.no_font {
        let key = cx
            .keymap
            .first(Context::Notice, Action::PrintNoticeText)
            .map_or_else(String::new, |k| k.to_string());
        lines.push(Line::from(Span::styled(
            no_font_offer(&key, cx.lang),
            cx.theme.due_soon(),
        )));
        lines.push(Line::from(Span::styled(why.clone(), cx.theme.dim())));
    }
    lines.push(Line::from(Span::styled(
        format!("{} · {}", keys.join(" · "), cx.t(T::NoticeScroll)),
        cx.theme.dim(),
    )));
    for block in n.blocks(view.case.id) {
        let style = match block {
            Paper::Heading(_) => bold,
            _ => Style::new(),
        };
        lines.extend(
            block
                .lines(Some(width))
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style))),
        );
    }
    lines
}
