//! What the server says when it refuses a request or a sign-in, in the reader's language.
//!
//! Every refusal a console or command can receive is a [`Refusal`]; its English and Chinese
//! are written side by side here, and the Chinese of the domain's rule errors (whose English is
//! next to each error type) is in [`zh`]. A console names its language in its hello; headless
//! commands read English, and the audit trail records refusals in English.

mod rating;
pub(crate) mod zh;
mod zh_permission;
mod zh_supervision;

use chrono::NaiveDateTime;

use crate::domain::accountability::ViolationError;
use crate::domain::case::CaseError;
use crate::domain::clock::ClockError;
use crate::domain::complaint::ComplaintError;
use crate::domain::contact::ContactError;
use crate::domain::cover::CoverError;
use crate::domain::enquiry::EnquiryError;
use crate::domain::leave::LeaveError;
use crate::domain::limits::LimitError;
use crate::domain::permission::Forbidden;
use crate::domain::queue::QueueError;
use crate::domain::rating::{RatingError, RectificationError};
use crate::domain::visit::VisitError;
use crate::lang::Lang;

/// Kept as it is in the audit trail: a code with its parameters, so that any reader's language
/// renders it (`{"code": "case", "params": {"code": "closed", "params": {...}}}`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum Refusal {
    /// The permission table says no.
    Forbidden(Forbidden),
    // Sign-in.
    SharedAccountNeedsPin {
        uid: u32,
    },
    PinNotForThisUid {
        uid: u32,
    },
    WrongPin {
        code: String,
        failures_left: u32,
        lock_minutes: i64,
    },
    PinLocked {
        code: String,
        failures: u32,
        until: NaiveDateTime,
    },
    NoPinYet {
        code: String,
    },
    NotDemoOwner {
        uid: u32,
    },
    DemoHasNoCode {
        code: String,
    },
    ActAsOnlyInDemo {
        code: String,
    },
    UidNotBound {
        uid: u32,
        centre: String,
    },
    /// One unix user was refused sign-in too often within a minute: it waits, checked no
    /// further, until the minute is over.
    SignInsThrottled {
        uid: u32,
        refused: u32,
        wait_seconds: u64,
    },
    /// The audit's count of the sign-ins refused while a uid waited (not recorded one by one).
    MoreRefusedSignIns {
        uid: u32,
        count: u64,
        from: NaiveDateTime,
        to: NaiveDateTime,
    },
    /// The client speaks another protocol than the server: they are of different releases.
    OtherProtocol {
        client: String,
        client_protocol: u32,
        server: String,
        server_protocol: u32,
    },
    /// The server could not check a sign-in or a PIN; the detail is the store's, in English.
    Unavailable(String),
    // Things named that do not exist.
    NoStaff {
        code: String,
    },
    NoItem {
        code: String,
    },
    ItemGone {
        code: String,
    },
    NoWindow {
        name: String,
        windows: Vec<String>,
    },
    NoOwnWindow {
        name: String,
    },
    /// Staff on approved leave or out act at the desk only after 销假.
    OnLeave {
        name: String,
        kind: String,
        id: u64,
        until: chrono::NaiveDateTime,
    },
    ItemWindowMissing {
        item: String,
        window: String,
    },
    NoTicket {
        number: String,
    },
    /// A case has no notice of that number (or none yet) to print.
    NoNotice {
        id: u64,
        number: Option<u32>,
        have: Vec<u32>,
    },
    /// No font with Chinese glyphs to draw a PDF in: the text form needs none.
    NoFont {
        detail: String,
    },
    /// A document could be neither printed nor saved.
    NotPrinted {
        detail: String,
    },
    /// A case is opened for a ticket that nobody has called.
    TicketNotServed {
        number: String,
    },
    NoCase {
        id: u64,
    },
    /// No open case has an applicant of this name.
    NoOpenCaseFor {
        name: String,
    },
    NoEnquiry {
        id: u64,
    },
    NoExtensionRequest {
        id: u64,
    },
    NoDirector,
    /// No message of the outbox has this number.
    NoMessage {
        id: u64,
    },
    /// Only a failed message is queued again (`outbox retry`).
    MessageNotFailed {
        id: u64,
        state: String,
    },
    // Requests missing what they need.
    TakeWhere,
    NoOneWaiting {
        window: String,
    },
    NoApplicant,
    NoFirstAsked {
        code: String,
    },
    ExtensionDecided {
        id: u64,
    },
    RefusalWithoutReason,
    NoMaterialsNamed,
    ReviewWithoutReason,
    EmptyDutyEntry,
    PinForm,
    CaseCounterFull,
    NoRandomness(String),
    BackupFailed(String),
    AuditBroken(String),
    /// A request reached a handler that does not serve it (a server fault).
    Misrouted(String),
    // The domain's rules.
    Case(CaseError),
    Clock(ClockError),
    Leave(LeaveError),
    Cover(CoverError),
    Queue(QueueError),
    Enquiry(EnquiryError),
    Contact(ContactError),
    /// A field of the request over its limit (README, "Limits").
    Limit(LimitError),
    // Supervision (RULES §8, §9, §11).
    Complaint(ComplaintError),
    NoComplaint {
        id: u64,
    },
    /// The staff member complained of may not handle the complaint about them.
    OwnComplaint {
        id: u64,
    },
    Violation(ViolationError),
    NoViolation {
        id: u64,
    },
    /// A violation recorded by hand says what happened.
    NoViolationNote,
    Rating(RatingError),
    Rectification(RectificationError),
    Visit(VisitError),
    NoRating {
        id: u64,
    },
    /// A rating that is not a 差评 has no rectification to answer or appeal.
    NoRectification {
        id: u64,
        level: u8,
    },
    /// `rating decide` names neither or both of `--upheld` and `--refused`.
    AppealDecisionUnclear,
    /// A return visit of a case that was not drawn.
    NotDrawn {
        case: u64,
    },
    /// No case was completed in the month to draw from.
    NothingToDraw {
        month: String,
    },
    /// A draw for a month that has not begun.
    FutureDraw {
        month: String,
        today: chrono::NaiveDate,
    },
}

impl Refusal {
    /// The refusal in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Refusal::*;
        let l = lang;
        match self {
            Forbidden(e) => l.pick(e.to_string(), zh::forbidden(e)),
            SharedAccountNeedsPin { uid } => l.pick(
                format!("uid {uid} is a shared account: sign in with --code CODE and your PIN (in $FRONTDESK_PIN or on standard input)"),
                format!("uid {uid} 是共用账号：请用工号和 PIN 登录（--code 工号）"),
            ),
            PinNotForThisUid { uid } => l.pick(
                format!("code and PIN sign-in is for shared accounts; uid {uid} signs in as itself, without --code"),
                format!("工号加 PIN 登录只用于共用账号；uid {uid} 直接以本人身份登录，不需 --code"),
            ),
            WrongPin { code, failures_left, lock_minutes } => l.pick(
                format!("wrong PIN for {code}; {failures_left} more wrong PIN(s) lock the code for {lock_minutes} minutes"),
                format!("{code} 的 PIN 不对；再错 {failures_left} 次，该工号将锁定 {lock_minutes} 分钟"),
            ),
            PinLocked { code, failures, until } => l.pick(
                format!("{code} is locked after {failures} wrong PINs until {}; if that was not you, tell the director", until.format("%H:%M")),
                format!("{code} 因连续 {failures} 次 PIN 错误已锁定，至 {} 解锁；如非本人所为，请报告主任", until.format("%H:%M")),
            ),
            NoPinYet { code } => l.pick(
                format!("{code} has no PIN yet; the director sets one with `frontdesk pin set {code}`"),
                format!("{code} 尚未设置 PIN；请主任用 `frontdesk pin set {code}` 设置"),
            ),
            NotDemoOwner { uid } => l.pick(
                format!("uid {uid} does not own this demo centre's data directory; run frontdesk as its owner, or give it a centre file that binds your uid"),
                format!("uid {uid} 不是此演示中心数据目录的所有者；请以所有者身份运行，或使用绑定了你的 uid 的中心文件"),
            ),
            DemoHasNoCode { code } => l.pick(
                format!("the demo centre has no staff code `{code}`; see the codes in the README"),
                format!("演示中心没有工号 `{code}`；工号见 README"),
            ),
            ActAsOnlyInDemo { code } => l.pick(
                format!("--as {code} works only in the demo centre; sign in as yourself"),
                format!("--as {code} 只能在演示中心使用；请以本人身份登录"),
            ),
            UidNotBound { uid, centre } => l.pick(
                format!("uid {uid} is not bound to anyone at {centre}; ask the administrator to add `uid = {uid}` to your [[staff]] entry in the centre file"),
                format!("uid {uid} 在{centre}未绑定任何工作人员；请管理员在中心文件中你的 [[staff]] 条目里加上 `uid = {uid}`"),
            ),
            SignInsThrottled { uid, refused, wait_seconds } => l.pick(
                format!("uid {uid} was refused sign-in {refused} times within a minute; wait {wait_seconds} seconds and try again (the attempts are in the audit trail)"),
                zh::throttled(*uid, *refused, *wait_seconds),
            ),
            MoreRefusedSignIns { uid, count, from, to } => l.pick(
                format!("{count} more refused sign-ins from uid {uid} between {} and {}, while it waited", from.format("%Y-%m-%d %H:%M:%S"), to.format("%H:%M:%S")),
                zh::more_refused(*uid, *count, *from, *to),
            ),
            OtherProtocol { client, client_protocol, server, server_protocol } => l.pick(
                format!("this client (frontdesk {client}) speaks protocol {client_protocol}, but the server (frontdesk {server}) speaks protocol {server_protocol}; \
                         use one frontdesk version for both: stop the server with `frontdesk stop` and start it again from the same installation"),
                format!("此客户端（frontdesk {client}）使用第 {client_protocol} 版协议，服务器（frontdesk {server}）使用第 {server_protocol} 版；\
                         请使用同一版本：先用 `frontdesk stop` 停止服务器，再从同一安装启动"),
            ),
            Unavailable(e) => l.pick(
                format!("the server could not check this: {e}"),
                format!("服务器无法核对：{e}"),
            ),
            NoStaff { code } => l.pick(
                format!("no staff member has the code `{code}`"),
                format!("没有工号为 `{code}` 的工作人员"),
            ),
            NoItem { code } => l.pick(
                format!("the catalogue has no item with code `{code}`; find codes with `frontdesk catalogue search`"),
                format!("事项目录中没有编码为 `{code}` 的事项；请先搜索事项"),
            ),
            ItemGone { code } => l.pick(
                format!("item {code} is no longer in the catalogue"),
                format!("事项 {code} 已不在事项目录中"),
            ),
            NoWindow { name, windows } => l.pick(
                format!("there is no window `{name}`; the windows are {}", windows.join(" ")),
                format!("没有窗口 `{name}`；现有窗口：{}", windows.join("、")),
            ),
            OnLeave {
                name,
                kind,
                id,
                until,
            } => l.pick(
                format!(
                    "{name} is away ({kind} until {}); back early, cancel it first with `frontdesk leave cancel {id}` (销假), then act at the desk",
                    until.format("%Y-%m-%d %H:%M")
                ),
                format!(
                    "{name}正在{kind}（至 {}）；提前返岗请先销假（`frontdesk leave cancel {id}`），再办理业务",
                    until.format("%Y-%m-%d %H:%M")
                ),
            ),
            NoOwnWindow { name } => l.pick(
                format!("{name} has no window of their own; name one with --window"),
                format!("{name} 没有自己的窗口；请指明窗口"),
            ),
            ItemWindowMissing { item, window } => l.pick(
                format!("item {item} names window `{window}`, which the centre does not have"),
                format!("事项 {item} 属于窗口 `{window}`，但本中心没有该窗口"),
            ),
            NoTicket { number } => l.pick(
                format!("there is no ticket {number} today"),
                format!("今天没有 {number} 号"),
            ),
            NoNotice { id, number, have } => {
                let list = have.iter().map(u32::to_string).collect::<Vec<_>>();
                match number {
                    _ if have.is_empty() => l.pick(
                        format!("case {id} has no notice yet"),
                        format!("案件 #{id} 尚无告知书"),
                    ),
                    Some(n) => l.pick(
                        format!("case {id} has no notice {n}; its notices are {}", list.join(" ")),
                        format!("案件 #{id} 没有第 {n} 份告知书；现有：{}", list.join("、")),
                    ),
                    None => l.pick(
                        format!("case {id} has no such notice"),
                        format!("案件 #{id} 没有这份告知书"),
                    ),
                }
            }
            NoFont { detail } => l.pick(
                format!("no PDF can be drawn: {detail}; print the text form instead (`--text`, or the console's text print), which needs no font"),
                format!("无法生成 PDF：{detail}；可改为打印文本（`--text`，或控制台的“打印文本”），文本不需要字体"),
            ),
            NotPrinted { detail } => l.pick(
                format!("{detail}; nothing was recorded, try again once the printer or the data directory is mended"),
                format!("{detail}；未作记录，请在打印机或数据目录修复后重试"),
            ),
            TicketNotServed { number } => l.pick(
                format!("ticket {number} has not been called; call the visitor before opening a case for them"),
                format!("{number} 号尚未叫号；请先叫号，再为其受理"),
            ),
            NoCase { id } => l.pick(format!("there is no case {id}"), format!("没有案件 {id}")),
            NoOpenCaseFor { name } => l.pick(
                format!("no open case has an applicant called `{name}`; find a closed case by its number"),
                format!("在办的办件中没有这个申请人（{name}）；已办结的办件请按编号查找"),
            ),
            NoEnquiry { id } => l.pick(format!("there is no enquiry {id}"), format!("没有咨询记录 {id}")),
            NoExtensionRequest { id } => l.pick(
                format!("there is no extension request {id}"),
                format!("没有延期申请 {id}"),
            ),
            NoMessage { id } => l.pick(
                format!("the outbox has no message {id}; list them with `frontdesk outbox list`"),
                format!("短信发件箱中没有第 {id} 条短信"),
            ),
            MessageNotFailed { id, state } => l.pick(
                format!("message {id} is {state}; only a failed message is queued again"),
                format!("第 {id} 条短信{}；只有发送失败的短信才能重新发送", match state.as_str() {
                    "sent" => "已发送",
                    _ => "正在待发送",
                }),
            ),
            NoDirector => l.pick("the centre has no director".into(), "本中心没有设主任".into()),
            TakeWhere => l.pick(
                "say which window (--window) or which item (--item)".into(),
                "请指明窗口或事项".into(),
            ),
            NoOneWaiting { window } => l.pick(
                format!("no one is waiting at {window}"),
                format!("{window}没有等候的群众"),
            ),
            NoApplicant => l.pick(
                "the applicant's name is needed (--applicant)".into(),
                "请填写申请人姓名".into(),
            ),
            NoFirstAsked { code } => l.pick(
                format!("no staff member has the code `{code}` (--first-asked)"),
                format!("首问责任人工号 `{code}` 不存在"),
            ),
            ExtensionDecided { id } => l.pick(
                format!("extension request {id} was decided already"),
                format!("延期申请 {id} 已经审批过了"),
            ),
            RefusalWithoutReason => l.pick(
                "a refusal needs its reason, told to whoever asked".into(),
                "不予批准须写明理由，告知申请人".into(),
            ),
            NoMaterialsNamed => l.pick(
                "name the materials found unusable (--materials M1,M2)".into(),
                "请指明审查不合格的材料".into(),
            ),
            ReviewWithoutReason => l.pick(
                "say why the materials cannot be used (--reason); it is printed on the notice".into(),
                "请写明审查意见（材料为何不能使用），将写入告知书".into(),
            ),
            EmptyDutyEntry => l.pick(
                "the entry is empty; write what happened (--text)".into(),
                "日志内容为空；请写明值班情况".into(),
            ),
            PinForm => l.pick("a PIN is 4 to 8 digits".into(), "PIN 须为 4 至 8 位数字".into()),
            CaseCounterFull => l.pick(
                "the case counter is full".into(),
                "今日案件编号已用尽".into(),
            ),
            NoRandomness(e) => l.pick(
                format!("no randomness for a PIN's salt: {e}"),
                format!("无法取得随机数生成 PIN：{e}"),
            ),
            BackupFailed(e) => l.pick(e.clone(), format!("备份失败：{e}")),
            AuditBroken(e) => l.pick(e.clone(), format!("审计链校验失败：{e}")),
            Misrouted(what) => l.pick(
                format!("{what} is not a record request"),
                format!("服务器内部错误：{what} 不是记录类请求"),
            ),
            Case(e) => l.pick(e.to_string(), zh::case(e)),
            Clock(e) => l.pick(e.to_string(), zh::clock(e)),
            Leave(e) => l.pick(e.to_string(), zh::leave(e)),
            Cover(e) => l.pick(e.to_string(), zh::cover(e)),
            Queue(e) => l.pick(e.to_string(), zh::queue(e)),
            Enquiry(e) => l.pick(e.to_string(), zh::enquiry(e)),
            Contact(e) => l.pick(e.to_string(), zh::contact(e)),
            Limit(e) => l.pick(e.to_string(), zh::limit(e)),
            Complaint(e) => l.pick(e.to_string(), zh_supervision::complaint(e)),
            Violation(e) => l.pick(e.to_string(), zh_supervision::violation(e)),
            NoViolation { id } => l.pick(
                format!("there is no violation {id}; `frontdesk violation list` lists them"),
                format!("没有违规记录 {id}；`frontdesk violation list` 可列出全部"),
            ),
            NoViolationNote => l.pick(
                "say what happened (--note); a violation is recorded with its facts (RULES §9)".to_string(),
                "请写明经过（--note）；违规须连同事实一并登记（RULES §9）".to_string(),
            ),
            NoComplaint { id } => l.pick(
                format!("there is no complaint {id}; `frontdesk complaint list` lists them"),
                format!("没有投诉 {id}；`frontdesk complaint list` 可列出全部投诉"),
            ),
            Rating(e) => l.pick(e.to_string(), zh_supervision::rating(e)),
            Rectification(e) => l.pick(e.to_string(), zh_supervision::rectification(e)),
            Visit(e) => l.pick(e.to_string(), zh_supervision::visit(e)),
            NoRating { id } => rating::no_rating(*id, l),
            NoRectification { id, level } => rating::no_rectification(*id, *level, l),
            AppealDecisionUnclear => rating::decision_unclear(l),
            NotDrawn { case } => rating::not_drawn(*case, l),
            NothingToDraw { month } => rating::nothing_to_draw(month, l),
            FutureDraw { month, today } => rating::future_draw(month, *today, l),
            OwnComplaint { id } => l.pick(
                format!("complaint {id} is about you, so another leader, the director or a supervisor handles it (RULES §8)"),
                format!("投诉 {id} 针对的是您本人，须由其他领导、主任或监督员处理（RULES §8）"),
            ),
        }
    }
}

/// English, for the audit trail and the headless commands.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Refusal {}

macro_rules! from_domain {
    ($($error:ty => $variant:ident),* $(,)?) => {
        $(impl From<$error> for Refusal {
            fn from(e: $error) -> Self {
                Refusal::$variant(e)
            }
        })*
    };
}

from_domain! {
    CaseError => Case,
    ClockError => Clock,
    LeaveError => Leave,
    CoverError => Cover,
    QueueError => Queue,
    EnquiryError => Enquiry,
    ContactError => Contact,
    Forbidden => Forbidden,
    LimitError => Limit,
    ComplaintError => Complaint,
    ViolationError => Violation,
    RatingError => Rating,
    RectificationError => Rectification,
    VisitError => Visit,
}
