//! The supervisor's lists at the console: stepping from one list to the next, moving the
//! selection in one, and the director's confirming of the violation selected.

use crate::protocol::{ProposalRow, Request, ViolationReq};

use super::action::Action;
use super::app::{App, Mode, Pane};
use super::overlay::confirm::Confirm;
use super::sheet::Sheet;
use super::text::T;
use super::watch_text::W;

impl App {
    /// From the desk to the supervisor's view and back, for those who have both.
    pub(super) fn switch_mode(&mut self) {
        if !Action::SwitchMode.allowed(&self.cx.allowed) {
            return;
        }
        self.mode = match self.mode {
            Mode::Desk => Mode::Supervise,
            Mode::Supervise => Mode::Desk,
        };
        self.focus = self.mode.panes()[0];
        self.start();
    }

    /// Shows the next list the view holds, from its first row.
    pub(super) fn next_list(&mut self) {
        self.sheet = self.sheet.next(self.data.supervision.as_ref());
        self.sheet_at = 0;
        self.focus = Pane::Windows;
    }

    /// The row selected in the list shown, kept within the rows held.
    pub fn sheet_row(&self) -> usize {
        let held = self
            .data
            .supervision
            .as_ref()
            .and_then(|v| self.sheet.held(v))
            .unwrap_or(0);
        self.sheet_at.min(held.saturating_sub(1))
    }

    pub(super) fn step_sheet(&mut self, by: isize) {
        // The windows' load is a table, not a list to select in.
        if self.sheet != Sheet::Windows {
            self.sheet_at = self.sheet_row().saturating_add_signed(by);
            self.sheet_at = self.sheet_row();
        }
    }

    fn selected_proposal(&self) -> Option<&ProposalRow> {
        if self.sheet != Sheet::Proposals {
            return None;
        }
        let list = self.data.supervision.as_ref()?.proposals.as_ref()?;
        list.rows.get(self.sheet_row())
    }

    /// Asks before confirming the selected proposal; the server decides who may.
    pub(super) fn confirm_violation(&mut self) {
        let lang = self.cx.lang;
        let Some(p) = self.selected_proposal() else {
            self.say_error(W::NoProposalSelected.get(lang));
            return;
        };
        let question = format!(
            "{} #{} {} {}{}",
            W::AskConfirm.get(lang),
            p.id,
            p.name,
            super::watch_text::kind(lang, p.kind),
            self.t(T::QuestionMark)
        );
        let request = Request::Violation(ViolationReq::Confirm { id: p.id });
        self.open(Box::new(Confirm { question, request }));
    }
}
