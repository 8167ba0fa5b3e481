//! Every word the console shows, in Simplified Chinese (the default) and English (`--lang en`).
//! Nothing else in the console holds display text.

use super::action::Action;

pub use crate::lang::Lang;

/// Whom the demo's owner may act as with `--as CODE`, as the header tells them: the clerk it
/// signs in as by default, the director and the supervisor (the demo centre's codes).
pub const DEMO_IDENTITIES: [(&str, T); 3] = [
    ("C01", T::AsClerk),
    ("D01", T::AsDirector),
    ("S01", T::AsSupervisor),
];

/// A piece of console text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    Queue,
    Case,
    Deadlines,
    Today,
    Help,
    Window,
    Waiting,
    Called,
    Recalled,
    TicketTaken,
    TransferredTo,
    NoShow,
    Priority,
    Kind,
    Applicant,
    Deadline,
    WaitingFor,
    Paused,
    Provisional,
    Overdue,
    Workday,
    RestDay,
    DutyLeader,
    Swap,
    Cleaning,
    None,
    Serving,
    BCovers,
    BothAway,
    Warning,
    NobodyServes,
    CoverPrompt,
    UrgentLeavePrompt,
    NoEmptyWindow,
    BadCover,
    BadUrgentLeave,
    Cover,
    Until,
    BothAwayOffHours,
    Tell,
    Away,
    Counts,
    Tickets,
    Served,
    CasesOpened,
    OpenCases,
    NoCaseSelected,
    NoNotice,
    Enquiry,
    EnquiryOutcome,
    EnquiryNotRefused,
    OtherWindow,
    FindCasePrompt,
    Notice,
    Status,
    Phone,
    IdNumber,
    FirstAsked,
    Accepted,
    Materials,
    InHand,
    Promised,
    Missing,
    Notices,
    Demo,
    DemoShort,
    AsClerk,
    AsDirector,
    AsSupervisor,
    Enlarge,
    Reconnecting,
    Reconnected,
    NobodyWaiting,
    Open,
    Completed,
    Rejected,
    SupplementBy,
    HelpFooter,
    HelpFooterScroll,
    NoWindow,
    NewCase,
    SearchItem,
    NoMatch,
    Decided,
    Name,
    Ready,
    RejectedReady,
    Following,
    FollowNotRefused,
    NewNotice,
    DecisionReady,
    NeedsDecisionOn,
    NeedsDecisionOff,
    AdmitReason,
    UnusableTitle,
    ReviewReason,
    NameNeeded,
    Main,
    /// Pages of a material, for the receipt.
    Pages,
    Steps,
    ScrollClose,
    RejectReason,
    ExtendPrompt,
    TransferTo,
    EnquiryPrompt,
    DutyLogPrompt,
    EmptyEntry,
    NothingTicked,
    SupplementTitle,
    NoTicketSelected,
    Saved,
    Pending,
    AskExtendPrompt,
    LeavePrompt,
    RefuseReason,
    Extension,
    Leave,
    NothingPending,
    BadLeave,
    Override,
    OverrideReason,
    CoWindowPrompt,
    History,
    SupplementShort,
    Done,
    Post,
    StoppedBy,
    WaitingForServer,
    EnquiryContent,
    CallerName,
    Hall,
    TicketOf,
    OutOfTurnReason,
    Restored,
    Windows,
    SelectionMoved,
    SelectionGone,
    AskNoShow,
    AskComplete,
    AskReportUp,
    AskApprove,
    QuestionMark,
    WindowLoadHead,
    Supervising,
}

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            T::Queue => ("排队叫号", "Queue"),
            T::Case => ("办件详情", "Case"),
            T::Deadlines => ("时限倒计时", "Deadlines"),
            T::Today => ("今日", "Today"),
            T::Help => ("帮助", "Help"),
            T::Window => ("窗口", "Window"),
            T::Waiting => ("等候", "waiting"),
            T::Called => ("已叫号", "called"),
            T::Recalled => ("重呼", "recalled"),
            T::TicketTaken => ("已取号", "ticket taken"),
            T::TransferredTo => ("已转至", "transferred to"),
            T::NoShow => ("过号", "no-show"),
            T::Priority => ("优先", "priority"),
            T::Kind => ("类别", "Kind"),
            T::Applicant => ("申请人", "Applicant"),
            T::Deadline => ("期限", "Due"),
            T::WaitingFor => ("等补材料", "awaiting"),
            T::Paused => ("暂停计时", "paused"),
            T::Provisional => ("暂定", "provisional"),
            T::Overdue => ("超期", "overdue"),
            T::Workday => ("工作日", "working day"),
            T::RestDay => ("休息日", "rest day"),
            T::DutyLeader => ("值班领导", "Leader on duty"),
            T::Swap => ("调班", "swap"),
            T::Cleaning => ("卫生值日", "Cleaning"),
            T::None => ("无", "none"),
            T::Serving => ("在岗", "serving"),
            T::BCovers => ("B岗顶岗", "B covers"),
            T::BothAway => ("AB岗均不在！", "A and B both away!"),
            T::Cover => ("顶岗", "cover"),
            T::Warning => ("注意：", "warning: "),
            T::NobodyServes => ("AB岗均不在且无人顶岗", "has neither post nor cover"),
            T::CoverPrompt => (
                "安排顶岗（工号 [至 HH:MM]）",
                "Assign cover (code [until HH:MM])",
            ),
            T::UrgentLeavePrompt => (
                "紧急请假（工号 [时段] 事由）",
                "Urgent leave (code [span] reason)",
            ),
            T::NoEmptyWindow => ("没有 AB 岗均不在的窗口", "no window has both posts away"),
            T::BadCover => (
                "请写工号，可加结束时间：L01 或 L01 15:30",
                "write a staff code, and an end if not closing time: L01 or L01 15:30",
            ),
            T::BadUrgentLeave => (
                "请写工号和事由，可加时段：C02 突发疾病 或 C02 下午 就医",
                "write a code and the reason, with a span if need be: C02 taken ill or C02 afternoon doctor",
            ),
            T::Until => ("至", "until"),
            T::BothAwayOffHours => ("AB岗均不在（非办公时间）", "A and B away (closed)"),
            T::Tell => ("告知", "tell"),
            T::Away => ("请假外出", "Away"),
            T::Counts => ("今日统计", "Today's counts"),
            T::Tickets => ("取号", "tickets"),
            T::Served => ("已叫", "called"),
            T::CasesOpened => ("受理", "accepted"),
            T::OpenCases => ("在办", "open"),
            T::NoCaseSelected => (
                "未选中办件：在时限倒计时中选择",
                "No case selected: choose one under Deadlines",
            ),
            T::Status => ("状态", "Status"),
            T::Phone => ("电话", "Phone"),
            T::IdNumber => ("证件号", "ID"),
            T::FirstAsked => ("首问", "First asked"),
            T::Accepted => ("受理日", "Accepted"),
            T::Materials => ("材料", "Materials"),
            T::InHand => ("已收", "in hand"),
            T::Promised => ("承诺补交", "promised"),
            T::Missing => ("缺", "missing"),
            T::Notices => ("告知书", "Notices"),
            T::Demo => ("演示中心", "demo centre"),
            T::DemoShort => ("演示", "demo"),
            T::AsClerk => ("窗口", "clerk"),
            T::AsDirector => ("主任", "director"),
            T::AsSupervisor => ("督查", "supervisor"),
            T::Enlarge => (
                "请放大终端窗口（至少 60×16）",
                "Please enlarge the terminal (at least 60x16)",
            ),
            T::Reconnecting => (
                "与服务器的连接中断，正在重连…",
                "Lost the server; reconnecting…",
            ),
            T::Reconnected => ("已重新连接服务器", "Reconnected to the server"),
            T::NobodyWaiting => ("无人等候", "nobody waiting"),
            T::Open => ("在办", "open"),
            T::Completed => ("已办结", "completed"),
            T::Rejected => ("已驳回", "rejected"),
            T::SupplementBy => ("补正期限", "Supplements by"),
            T::HelpFooter => ("按 Esc 关闭帮助", "Esc closes help"),
            T::HelpFooterScroll => ("↑↓ 翻看 · Esc 关闭帮助", "↑↓ scroll · Esc closes help"),
            T::NewCase => ("新建办件", "New case"),
            T::Notice => ("告知书", "Notice"),
            T::OtherWindow => (
                " 受理此事项，不是你的窗口：请告知申请人前往该窗口，或把号转过去（首问负责）",
                " accepts this item, not your window: direct the applicant there or transfer the ticket",
            ),
            T::Enquiry => ("咨询", "Enquiry"),
            T::EnquiryOutcome => (
                "咨询结果（答复了什么，或转给了谁）",
                "How it ended (what they were told, or where it went)",
            ),
            T::EnquiryNotRefused => (
                "咨询不能退回：跟进到底，按批准键写明结果后办结（首问负责）",
                "An enquiry is not refused: follow it through and close it with its outcome",
            ),
            T::FindCasePrompt => ("办件编号或申请人姓名", "Case number or applicant's name"),
            T::NoNotice => ("这个办件还没有告知书", "This case has no notice yet"),
            T::SearchItem => (
                "事项（汉字、拼音、首字母或编码）",
                "Item (Chinese, pinyin, initials or code)",
            ),
            T::NoMatch => ("没有匹配的事项", "no matching item"),
            T::Decided => ("判定", "Decided"),
            T::Name => ("姓名", "Name"),
            T::Ready => (
                "已受理，请打印交申请人",
                "Accepted: print and hand to the applicant",
            ),
            T::NameNeeded => ("请填写申请人姓名", "The applicant's name is needed"),
            T::Main => ("主件", "main"),
            T::Pages => ("页", "pages"),
            T::ScrollClose => (
                "↑↓ 翻看 · Esc 关闭",
                "↑↓ scroll · Esc close (the notice is in Chinese, as handed over)",
            ),
            T::RejectedReady => (
                "当场驳回：请打印驳回通知书交申请人",
                "Rejected on the spot: print the rejection notice for the applicant",
            ),
            T::Following => ("督办", "Follow"),
            T::FollowNotRefused => (
                "首问督办的办件不能退回：跟进到办结为止（首问负责）",
                "A case you were first asked is followed until it closes",
            ),
            T::NewNotice => (
                "新的告知书：请打印交申请人",
                "A new notice: print it for the applicant",
            ),
            T::DecisionReady => (
                "已收件，3 个工作日内作出决定：请打印收件告知书交申请人",
                "Received for a decision within 3 working days: print the notice for the applicant",
            ),
            T::NeedsDecisionOn => (
                "留待研究决定（3 个工作日内）",
                "kept for a decision (within 3 working days)",
            ),
            T::NeedsDecisionOff => ("当场驳回", "rejected on the spot"),
            T::AdmitReason => (
                "研究决定受理的理由（记录在案）",
                "Why the matter is admitted (recorded)",
            ),
            T::UnusableTitle => ("已收材料审查不合格", "Materials unusable on review"),
            T::ReviewReason => ("审查意见（写入告知书）", "Why (printed on the notice)"),
            T::RejectReason => (
                "驳回理由（写入驳回通知书）",
                "Reason for rejection (goes on the notice)",
            ),
            T::ExtendPrompt => (
                "延期：天数 理由，如 5 需实地核查",
                "Extend: days then reason, like 5 site visit needed",
            ),
            T::TransferTo => ("转往窗口", "Transfer to window"),
            T::EnquiryPrompt => ("电话咨询", "Phone enquiry"),
            T::DutyLogPrompt => ("值班记录", "Duty log entry"),
            T::EmptyEntry => ("请先填写内容", "Write something first"),
            T::NothingTicked => ("请勾选补交的材料", "Tick the materials brought"),
            T::SupplementTitle => ("登记补交材料", "Record supplements"),
            T::NoTicketSelected => (
                "请先在排队叫号中选择一个号",
                "Select a ticket in the queue first",
            ),
            T::Saved => ("已保存", "Saved"),
            T::Pending => ("待你处理", "Waiting for you"),
            T::AskExtendPrompt => (
                "申请延期（交领导审批）：天数 理由",
                "Ask to extend (a leader decides): days then reason",
            ),
            T::LeavePrompt => (
                "请假：今天/明天/上午/下午/明天上午 理由，或 开始 结束 理由",
                "Leave: today/tomorrow/morning/afternoon reason, or from to reason",
            ),
            T::RefuseReason => ("退回理由", "Reason for refusing"),
            T::Extension => ("延期", "extension"),
            T::Leave => ("请假", "leave"),
            T::NothingPending => ("没有待你处理的事项", "Nothing waits for you"),
            T::BadLeave => (
                "请写：今天 看病，或 开始 结束 理由（时间如 2026-11-25T08:00）",
                "Write: today doctor, or from to reason (times like 2026-11-25T08:00)",
            ),
            T::Override => ("改判为", "Overridden to"),
            T::OverrideReason => ("改判理由", "Reason for the override"),
            T::CoWindowPrompt => ("联办窗口", "Co-window"),
            T::History => ("经办记录", "History"),
            T::SupplementShort => ("补正", "supplements by"),
            T::Done => ("已办完", "done"),
            T::TicketOf => ("取号", "Ticket"),
            T::Hall => ("全厅", "hall"),
            T::Post => ("岗", " post"),
            T::StoppedBy => ("服务已被停止：", "The server was stopped by"),
            T::WaitingForServer => (
                "；服务重新启动后自动连接",
                "; the console connects again when it is started",
            ),
            T::EnquiryContent => ("咨询内容", "What was asked"),
            T::CallerName => ("来电人", "Caller"),
            T::OutOfTurnReason => ("提前叫号的理由", "Why out of turn"),
            T::Restored => ("恢复排队", "back in the queue"),
            T::Windows => ("各窗口", "Windows"),
            T::SelectionMoved => ("已不在列表中，现选中", "has left the list; now on"),
            T::SelectionGone => ("已不在列表中", "has left the list"),
            T::AskNoShow => ("过号", "No-show"),
            T::AskComplete => ("办结", "Complete"),
            T::AskReportUp => ("上报", "Report up"),
            T::AskApprove => ("批准", "Approve"),
            T::QuestionMark => ("？", "?"),
            T::WindowLoadHead => (
                "窗口          在办 将到期 超期 等补",
                "Window        open  due overdue wait",
            ),
            T::Supervising => ("督查（只读）", "supervising (read-only)"),
            T::Steps => ("Enter 下一步 · Esc 返回", "Enter next · Esc back"),
            T::NoWindow => (
                "你没有自己的窗口，无法为本窗口取号",
                "You have no window of your own to take a ticket for",
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The widest an action's text may be: the help overlay's column, less the key and a space.
pub const HELP_TEXT_WIDTH: usize = 23;

/// The case pane's one line on the SMS to its applicant (RULES §4): 短信：已发送 10:42.
pub fn sms_line(status: &crate::domain::outbox::Status, lang: Lang) -> String {
    use crate::domain::outbox::Status;
    let hm = |t: &chrono::NaiveDateTime| t.format("%H:%M").to_string();
    match (status, lang) {
        (Status::Queued, Lang::Zh) => "短信：待发送".into(),
        (Status::Queued, Lang::En) => "SMS: queued".into(),
        (Status::Sent { at, .. }, Lang::Zh) => format!("短信：已发送 {}", hm(at)),
        (Status::Sent { at, .. }, Lang::En) => format!("SMS: sent {}", hm(at)),
        (Status::Retrying { attempt, next, .. }, Lang::Zh) => {
            format!("短信：第 {attempt} 次发送失败，{} 重试", hm(next))
        }
        (Status::Retrying { attempt, next, .. }, Lang::En) => {
            format!("SMS: attempt {attempt} failed, retrying {}", hm(next))
        }
        (Status::Failed { why, .. }, Lang::Zh) => format!("短信：发送失败（{why}）"),
        (Status::Failed { why, .. }, Lang::En) => format!("SMS: failed ({why})"),
    }
}

/// What an action does, for the help overlay.
pub fn action_text(a: Action, lang: Lang) -> &'static str {
    let (zh, en) = match a {
        Action::NextVisitor => ("叫下一位", "call the next visitor"),
        Action::NewTicket => ("为本窗口取号", "new ticket (my window)"),
        Action::NewPriorityTicket => ("优先取号（老弱病残孕）", "new priority ticket"),
        Action::Recall => ("重呼选中的号", "recall selected ticket"),
        Action::Finish => ("办完当前群众", "finish the visitor"),
        Action::CallOutOfTurn => ("提前叫选中的号", "call out of turn"),
        Action::Restore => ("过号的号恢复排队", "restore a no-show"),
        Action::NoShow => ("选中的号过号", "selected is a no-show"),
        Action::Transfer => ("转其他窗口", "transfer to a window"),
        Action::DutyLog => ("写值班记录", "write the duty log"),
        Action::RequestLeave => ("请假", "request leave"),
        Action::UrgentLeave => ("登记紧急请假", "record urgent leave"),
        Action::AssignCover => ("安排顶岗", "assign cover"),
        Action::Approve => ("批准或办结选中项", "approve or settle"),
        Action::ReportUp => ("上报上级审批", "report the case up"),
        Action::AddCoWindow => ("增加联办窗口", "add a co-window"),
        Action::ShowNotice => ("查看、打印告知书", "show notice to print"),
        Action::FindCase => ("按编号或申请人找办件", "find a case"),
        Action::OverrideKind => ("改判类别（写理由）", "override kind + reason"),
        Action::Refuse => ("退回选中的申请", "refuse selected"),
        Action::NewCase => ("新建办件", "open a case"),
        Action::Search => ("搜索事项", "search service items"),
        Action::ToggleMaterial => ("材料：缺→已收→承诺", "cycle material state"),
        Action::AllInHand => ("材料全部已收", "every material in hand"),
        Action::Confirm => ("确认", "confirm"),
        Action::Cancel => ("取消 / 关闭", "cancel / close"),
        Action::CompleteCase => ("办结选中的办件", "complete selected case"),
        Action::ExtendCase => ("申请延期", "extend selected case"),
        Action::RejectCase => ("驳回", "reject selected case"),
        Action::AdmitCase => ("研究决定受理", "admit on decision"),
        Action::Unusable => ("已收材料审查不合格", "material unusable"),
        Action::NeedsDecision => ("驳回留待研究决定", "keep for decision"),
        Action::Supplement => ("登记补交材料", "record supplements"),
        Action::LogEnquiry => ("登记咨询（电话）", "log an enquiry"),
        Action::FocusQueue => ("排队叫号", "queue pane"),
        Action::FocusCase => ("办件详情", "case pane"),
        Action::FocusDeadlines => ("时限倒计时", "deadlines pane"),
        Action::FocusToday => ("今日", "today pane"),
        Action::NextPane => ("下一个窗格", "next pane"),
        Action::PreviousPane => ("上一个窗格", "previous pane"),
        Action::Up => ("上移", "move up"),
        Action::Down => ("下移", "move down"),
        Action::PageUp => ("上翻一页", "page up"),
        Action::PageDown => ("下翻一页", "page down"),
        Action::NextField => ("下一栏", "next field"),
        Action::PreviousField => ("上一栏", "previous field"),
        Action::Refresh => ("刷新", "refresh"),
        Action::Help => ("帮助", "help"),
        Action::Quit => ("退出", "quit"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A one-time-notification violation a notice just made, as the clerk is told of it.
pub fn violation_text(v: &crate::domain::notice::Violation, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "未做到一次性告知：第 {} 份告知书要求了第 {} 份未列的材料（{}），已记录在案（RULES §2、§9）",
            v.later,
            v.first,
            v.materials.join("、")
        ),
        Lang::En => v.to_string(),
    }
}

/// What an action does in a word or two, for the hint line at the bottom.
pub fn hint_text(a: Action, lang: Lang) -> &'static str {
    let (zh, en) = match a {
        Action::NextVisitor => ("叫号", "next"),
        Action::Finish => ("办完", "finish"),
        Action::NewCase => ("受理", "intake"),
        Action::CompleteCase => ("办结", "complete"),
        Action::Approve => ("批准", "approve"),
        Action::Supplement => ("补交", "supplement"),
        Action::NoShow => ("过号", "no-show"),
        Action::Recall => ("重呼", "recall"),
        Action::FindCase => ("找办件", "find"),
        Action::NextPane => ("切换", "pane"),
        Action::ShowNotice => ("告知书", "notice"),
        Action::Confirm => ("确认", "confirm"),
        Action::Cancel => ("返回", "back"),
        Action::ToggleMaterial => ("切换材料", "tick"),
        Action::AllInHand => ("全部已收", "all in hand"),
        Action::NextField => ("下一栏", "next field"),
        Action::OverrideKind => ("改判", "override"),
        Action::Down => ("下移", "down"),
        Action::PageDown => ("翻页", "page"),
        Action::Help => ("帮助", "help"),
        Action::Quit => ("退出", "quit"),
        other => return action_text(other, lang),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// An audit event's action, for a case's history. The trail keeps its own names
/// (`case.open`); English shows them as they are.
pub fn audit_action(action: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return action;
    }
    match action {
        "case.open" => "受理",
        "case.supplement" => "补交材料",
        "case.complete" => "办结",
        "case.reject" => "驳回",
        "case.admit" => "研究决定受理",
        "case.unusable" => "材料审查不合格",
        "case.extend" => "延期",
        "case.pause" => "暂停计时",
        "case.resume" => "恢复计时",
        "case.report-up" => "上报",
        "case.add-co-window" => "增加联办窗口",
        "extension.ask" => "申请延期",
        "extension.approve" => "批准延期",
        "extension.refuse" => "不批准延期",
        "outbox.send" => "发送短信",
        "outbox.retry" => "重新发送短信",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_sms_line_says_where_the_message_stands_in_either_language() {
        use crate::domain::outbox::Status;
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 42, 5)
            .unwrap();
        let cases = [
            (Status::Queued, "短信：待发送", "SMS: queued"),
            (
                Status::Sent { at, attempts: 1 },
                "短信：已发送 10:42",
                "SMS: sent 10:42",
            ),
            (
                Status::Retrying {
                    attempt: 2,
                    next: at,
                    error: "exit status 1".into(),
                },
                "短信：第 2 次发送失败，10:42 重试",
                "SMS: attempt 2 failed, retrying 10:42",
            ),
            (
                Status::Failed {
                    at,
                    attempts: 5,
                    why: "exit status 7".into(),
                },
                "短信：发送失败（exit status 7）",
                "SMS: failed (exit status 7)",
            ),
        ];
        for (status, zh, en) in cases {
            assert_eq!(sms_line(&status, Lang::Zh), zh);
            assert_eq!(sms_line(&status, Lang::En), en);
        }
    }

    #[test]
    fn every_actions_text_fits_its_column_of_the_help_in_both_languages() {
        let every = crate::tui::action::Context::ALL
            .iter()
            .flat_map(|c| c.actions().iter().copied());
        for a in every {
            for lang in [Lang::Zh, Lang::En] {
                let text = action_text(a, lang);
                assert!(text.width() <= HELP_TEXT_WIDTH, "{a:?} {lang:?}: `{text}`");
            }
        }
    }
}
