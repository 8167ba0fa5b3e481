//! Everything a user can do at the console, and the contexts (modes) in which each is offered.
//! A key means one action within a context: the desk, the intake form, an overlay (a prompt, a
//! checklist, a notice, the help) or the supervisor's view. The kiosk, the calling display and
//! the evaluation pad will be contexts of their own.

use crate::domain::permission::Permits;

/// Everything a user can do at the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    NextVisitor,
    NewTicket,
    NewPriorityTicket,
    Recall,
    Finish,
    CallOutOfTurn,
    NoShow,
    Restore,
    Transfer,
    NewCase,
    Search,
    ToggleMaterial,
    AllInHand,
    Confirm,
    Cancel,
    CompleteCase,
    ExtendCase,
    RejectCase,
    AdmitCase,
    Unusable,
    NeedsDecision,
    Supplement,
    LogEnquiry,
    DutyLog,
    RequestLeave,
    UrgentLeave,
    AssignCover,
    Approve,
    Refuse,
    ReportUp,
    AddCoWindow,
    ShowNotice,
    /// In the notice view: the case's notice before or after the one shown.
    PreviousNotice,
    NextNotice,
    /// The notice shown, as PDF through the centre's print command (a second time: 补打).
    PrintNotice,
    /// The notice shown, saved as PDF under the data directory.
    SaveNotice,
    /// The notice shown, printed as plain text, which needs no font.
    PrintNoticeText,
    FindCase,
    /// Between the desk and the supervisor's view, for those who have both (the director, leaders).
    SwitchMode,
    /// In the supervisor's view: the next of its lists (windows, complaints, proposals, ledgers).
    NextList,
    /// The director confirms the violation selected among those proposed (认定).
    ConfirmViolation,
    OverrideKind,
    FocusQueue,
    FocusCase,
    FocusDeadlines,
    FocusToday,
    NextPane,
    PreviousPane,
    NextField,
    PreviousField,
    Up,
    Down,
    PageUp,
    PageDown,
    Refresh,
    Help,
    Quit,
}

/// Where keys are read: each context binds its own keys, and a key means one action in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// A clerk's or a leader's four panes.
    Desk,
    /// The intake form (受理).
    Intake,
    /// A prompt, a checklist, a question or the help, over the panes.
    Overlay,
    /// A case's notices, one at a time: to read, print, reprint or save.
    Notice,
    /// The supervisor's read-only view (督查).
    Supervise,
}

use Action as A;

const DESK: &[Action] = &[
    A::NextVisitor,
    A::Finish,
    A::CallOutOfTurn,
    A::NewTicket,
    A::NewPriorityTicket,
    A::Recall,
    A::NoShow,
    A::Restore,
    A::Transfer,
    A::NewCase,
    A::Search,
    A::CompleteCase,
    A::ExtendCase,
    A::RejectCase,
    A::AdmitCase,
    A::Supplement,
    A::Unusable,
    A::ReportUp,
    A::AddCoWindow,
    A::ShowNotice,
    A::FindCase,
    A::LogEnquiry,
    A::DutyLog,
    A::RequestLeave,
    A::UrgentLeave,
    A::AssignCover,
    A::Approve,
    A::Refuse,
    A::FocusQueue,
    A::FocusCase,
    A::FocusDeadlines,
    A::FocusToday,
    A::NextPane,
    A::PreviousPane,
    A::Up,
    A::Down,
    A::PageUp,
    A::PageDown,
    A::SwitchMode,
    A::Cancel,
    A::Refresh,
    A::Help,
    A::Quit,
];

const INTAKE: &[Action] = &[
    A::Up,
    A::Down,
    A::ToggleMaterial,
    A::AllInHand,
    A::OverrideKind,
    A::NeedsDecision,
    A::NextField,
    A::PreviousField,
    A::PageUp,
    A::PageDown,
    A::Confirm,
    A::Cancel,
    A::Help,
    A::Quit,
];

const OVERLAY: &[Action] = &[
    A::Up,
    A::Down,
    A::NextField,
    A::PreviousField,
    A::PageUp,
    A::PageDown,
    A::ToggleMaterial,
    A::AllInHand,
    A::Confirm,
    A::Cancel,
    A::Help,
    A::Quit,
];

const NOTICE: &[Action] = &[
    A::PrintNotice,
    A::SaveNotice,
    A::PrintNoticeText,
    A::PreviousNotice,
    A::NextNotice,
    A::Up,
    A::Down,
    A::PageUp,
    A::PageDown,
    A::Confirm,
    A::Cancel,
    A::Help,
    A::Quit,
];

const SUPERVISE: &[Action] = &[
    A::NextList,
    A::ConfirmViolation,
    A::SwitchMode,
    A::FindCase,
    A::ShowNotice,
    A::FocusQueue,
    A::FocusCase,
    A::FocusDeadlines,
    A::FocusToday,
    A::NextPane,
    A::PreviousPane,
    A::Up,
    A::Down,
    A::PageUp,
    A::PageDown,
    A::Cancel,
    A::Refresh,
    A::Help,
    A::Quit,
];

impl Context {
    pub const ALL: [Context; 5] = [
        Context::Desk,
        Context::Intake,
        Context::Overlay,
        Context::Notice,
        Context::Supervise,
    ];

    /// The section's name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Desk => "desk",
            Context::Intake => "intake",
            Context::Overlay => "overlay",
            Context::Notice => "notice",
            Context::Supervise => "supervise",
        }
    }

    /// The actions offered here, in the order the help lists them.
    pub fn actions(self) -> &'static [Action] {
        match self {
            Context::Desk => DESK,
            Context::Intake => INTAKE,
            Context::Overlay => OVERLAY,
            Context::Notice => NOTICE,
            Context::Supervise => SUPERVISE,
        }
    }

    /// The keys for the hint line, most useful first: as many as fit are shown.
    pub fn hints(self) -> &'static [Action] {
        match self {
            Context::Desk => &[
                A::NextVisitor,
                A::Finish,
                A::NewCase,
                A::CompleteCase,
                A::Help,
                A::Quit,
                A::Approve,
                A::Supplement,
                A::NoShow,
                A::Recall,
                A::FindCase,
                A::NextPane,
            ],
            Context::Intake => &[
                A::Confirm,
                A::Cancel,
                A::ToggleMaterial,
                A::AllInHand,
                A::NextField,
                A::OverrideKind,
                A::NeedsDecision,
                A::Help,
            ],
            Context::Overlay => &[
                A::Confirm,
                A::Cancel,
                A::ToggleMaterial,
                A::AllInHand,
                A::Down,
                A::Help,
            ],
            Context::Notice => &[
                A::PrintNotice,
                A::SaveNotice,
                A::PrintNoticeText,
                A::PreviousNotice,
                A::NextNotice,
                A::Cancel,
                A::Help,
            ],
            Context::Supervise => &[
                A::NextPane,
                A::NextList,
                A::FindCase,
                A::ShowNotice,
                A::Help,
                A::Quit,
                A::PageDown,
            ],
        }
    }

    pub fn offers(self, action: Action) -> bool {
        self.actions().contains(&action)
    }
}

/// What a signed-in user may do, as the console needs to know it to offer only keys that work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowed {
    pub may: Permits,
    /// They lead the centre today: the director, or a leader on duty (after swaps).
    pub leads_today: bool,
    /// They have a window of their own to take tickets for.
    pub own_window: bool,
}

impl Action {
    /// Whether this user may do it: the help and the hint line show only what works for them.
    pub fn allowed(self, who: &Allowed) -> bool {
        let may = &who.may;
        let works_windows = !may.windows.is_empty();
        match self {
            A::NextVisitor
            | A::Finish
            | A::CallOutOfTurn
            | A::Recall
            | A::NoShow
            | A::Restore
            | A::Transfer => works_windows,
            A::NewTicket | A::NewPriorityTicket => may.take_tickets && who.own_window,
            A::NewCase
            | A::Search
            | A::CompleteCase
            | A::RejectCase
            | A::AdmitCase
            | A::Unusable
            | A::NeedsDecision
            | A::Supplement
            | A::ReportUp
            | A::AddCoWindow
            | A::OverrideKind => works_windows,
            // Those who may work a case: its window's clerks, leaders and the director.
            A::ExtendCase | A::PrintNotice | A::SaveNotice | A::PrintNoticeText => {
                works_windows || may.approve_extensions
            }
            A::LogEnquiry => may.log_enquiries,
            A::DutyLog | A::UrgentLeave | A::AssignCover => who.leads_today,
            A::Refuse => may.approve_extensions || who.leads_today,
            A::ConfirmViolation => may.decide_violations,
            A::SwitchMode => may.supervise && works_windows,
            // Everyone may close what they were first asked, and ask for their own leave.
            _ => true,
        }
    }

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            A::NextVisitor => "next_visitor",
            A::NewTicket => "new_ticket",
            A::NewPriorityTicket => "new_priority_ticket",
            A::Recall => "recall",
            A::Finish => "finish",
            A::CallOutOfTurn => "call_out_of_turn",
            A::Restore => "restore",
            A::NoShow => "no_show",
            A::Transfer => "transfer",
            A::NewCase => "new_case",
            A::Search => "search",
            A::ToggleMaterial => "toggle_material",
            A::AllInHand => "all_in_hand",
            A::Confirm => "confirm",
            A::Cancel => "cancel",
            A::CompleteCase => "complete_case",
            A::ExtendCase => "extend_case",
            A::RejectCase => "reject_case",
            A::AdmitCase => "admit_case",
            A::Unusable => "unusable",
            A::NeedsDecision => "needs_decision",
            A::Supplement => "supplement",
            A::LogEnquiry => "log_enquiry",
            A::DutyLog => "duty_log",
            A::RequestLeave => "request_leave",
            A::UrgentLeave => "urgent_leave",
            A::AssignCover => "assign_cover",
            A::Approve => "approve",
            A::Refuse => "refuse",
            A::ReportUp => "report_up",
            A::AddCoWindow => "add_co_window",
            A::ShowNotice => "show_notice",
            A::PreviousNotice => "previous_notice",
            A::NextNotice => "next_notice",
            A::PrintNotice => "print_notice",
            A::SaveNotice => "save_notice",
            A::PrintNoticeText => "print_notice_text",
            A::FindCase => "find_case",
            A::NextList => "next_list",
            A::SwitchMode => "switch_mode",
            A::ConfirmViolation => "confirm_violation",
            A::OverrideKind => "override_kind",
            A::FocusQueue => "focus_queue",
            A::FocusCase => "focus_case",
            A::FocusDeadlines => "focus_deadlines",
            A::FocusToday => "focus_today",
            A::NextPane => "next_pane",
            A::PreviousPane => "previous_pane",
            A::NextField => "next_field",
            A::PreviousField => "previous_field",
            A::Up => "up",
            A::Down => "down",
            A::PageUp => "page_up",
            A::PageDown => "page_down",
            A::Refresh => "refresh",
            A::Help => "help",
            A::Quit => "quit",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_is_an_action_of_its_context() {
        for c in Context::ALL {
            for a in c.hints() {
                assert!(c.offers(*a), "{} hints {}", c.name(), a.name());
            }
        }
    }

    #[test]
    fn a_supervisor_is_offered_no_clerks_acts() {
        let who = Allowed::default();
        for a in [A::NextVisitor, A::NewCase, A::CompleteCase, A::DutyLog] {
            assert!(!a.allowed(&who), "{}", a.name());
        }
        assert!(A::FindCase.allowed(&who));
    }
}
