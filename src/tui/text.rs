//! Every word the console shows, in Simplified Chinese (the default) and English (`--lang en`).
//! Nothing else in the console holds display text.

use super::keymap::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A piece of console text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    Queue,
    Case,
    Deadlines,
    Today,
    Help,
    Number,
    Window,
    State,
    Waiting,
    Called,
    Recalled,
    NoShow,
    Priority,
    Kind,
    Item,
    Applicant,
    Deadline,
    DaysLeft,
    WaitingFor,
    Paused,
    Provisional,
    Overdue,
    Workday,
    RestDay,
    DutyLeader,
    Cleaning,
    None,
    Serving,
    BCovers,
    BothAway,
    Tell,
    Away,
    Counts,
    Tickets,
    Served,
    CasesOpened,
    OpenCases,
    NoCaseSelected,
    Status,
    Phone,
    IdNumber,
    FirstAsked,
    Handler,
    Accepted,
    Materials,
    InHand,
    Promised,
    Missing,
    Notices,
    Demo,
    Enlarge,
    Reconnecting,
    Reconnected,
    NobodyWaiting,
    Open,
    Completed,
    Rejected,
    SupplementBy,
    HelpFooter,
    NotYet,
    NoWindow,
}

impl T {
    pub fn get(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            T::Queue => ("排队叫号", "Queue"),
            T::Case => ("办件详情", "Case"),
            T::Deadlines => ("时限倒计时", "Deadlines"),
            T::Today => ("今日", "Today"),
            T::Help => ("帮助", "Help"),
            T::Number => ("号码", "No."),
            T::Window => ("窗口", "Window"),
            T::State => ("状态", "State"),
            T::Waiting => ("等候", "waiting"),
            T::Called => ("已叫号", "called"),
            T::Recalled => ("重呼", "recalled"),
            T::NoShow => ("过号", "no-show"),
            T::Priority => ("优先", "priority"),
            T::Kind => ("类别", "Kind"),
            T::Item => ("事项", "Item"),
            T::Applicant => ("申请人", "Applicant"),
            T::Deadline => ("期限", "Due"),
            T::DaysLeft => ("剩余", "Left"),
            T::WaitingFor => ("等补材料", "awaiting"),
            T::Paused => ("暂停计时", "paused"),
            T::Provisional => ("暂定", "provisional"),
            T::Overdue => ("超期", "overdue"),
            T::Workday => ("工作日", "working day"),
            T::RestDay => ("休息日", "rest day"),
            T::DutyLeader => ("值班领导", "Leader on duty"),
            T::Cleaning => ("卫生值日", "Cleaning"),
            T::None => ("无", "none"),
            T::Serving => ("在岗", "serving"),
            T::BCovers => ("B岗顶岗", "B covers"),
            T::BothAway => ("AB岗均不在！", "A and B both away!"),
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
            T::Handler => ("承办", "Handler"),
            T::Accepted => ("受理日", "Accepted"),
            T::Materials => ("材料", "Materials"),
            T::InHand => ("已收", "in hand"),
            T::Promised => ("承诺补交", "promised"),
            T::Missing => ("缺", "missing"),
            T::Notices => ("告知书", "Notices"),
            T::Demo => ("演示中心", "demo centre"),
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
            T::NotYet => ("此版本尚未提供该操作", "Not in this version yet"),
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

/// What an action does, for the help overlay.
pub fn action_text(a: Action, lang: Lang) -> &'static str {
    let (zh, en) = match a {
        Action::NextVisitor => ("叫下一位", "call the next visitor"),
        Action::NewTicket => ("为本窗口取号", "new ticket for my window"),
        Action::NewPriorityTicket => ("优先取号（老弱病残孕）", "new priority ticket"),
        Action::Recall => ("重呼选中的号", "recall the selected ticket"),
        Action::NoShow => ("选中的号过号", "mark the selected ticket a no-show"),
        Action::Transfer => ("转其他窗口", "transfer to another window"),
        Action::NewCase => ("新建办件", "open a case"),
        Action::Search => ("搜索事项", "search service items"),
        Action::ToggleMaterial => ("切换材料状态", "toggle a material"),
        Action::Confirm => ("确认", "confirm"),
        Action::Cancel => ("取消 / 关闭", "cancel / close"),
        Action::CompleteCase => ("办结选中的办件", "complete the selected case"),
        Action::ExtendCase => ("申请延期", "extend the selected case"),
        Action::RejectCase => ("驳回", "reject the selected case"),
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
        Action::Refresh => ("刷新", "refresh"),
        Action::Help => ("帮助", "help"),
        Action::Quit => ("退出", "quit"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
