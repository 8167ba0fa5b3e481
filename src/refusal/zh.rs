//! The Chinese of the domain's rule errors, for consoles in Chinese. Each error's English is its
//! `Display`, beside the error type; keep the two saying the same thing.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::CalendarError;
use crate::domain::case::CaseError;
use crate::domain::centre::Role;

pub use super::zh_permission::{forbidden, role};
use crate::domain::clock::{ClockError, MAX_EXTENSION_DAYS};
use crate::domain::contact::ContactError;
use crate::domain::cover::CoverError;
use crate::domain::enquiry::EnquiryError;
use crate::domain::leave::{LeaveError, LeaveStatus, SwapStep};
use crate::domain::limits::{LimitError, List, Text};
use crate::domain::queue::QueueError;

/// The English words the domain puts into its errors (a case's state, what was tried), in
/// Chinese. A word not listed shows as it is; a test checks every word the domain uses.
/// The Chinese of a word the domain puts into its errors.
pub fn word(en: &str) -> &str {
    crate::domain::words::chinese(en)
}

fn day(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn hm(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

pub fn case(e: &CaseError) -> String {
    use CaseError::*;
    match e {
        UnknownMaterial { item, name, known } => {
            format!("{item}没有名为「{name}」的材料；其材料为：{known}")
        }
        ExtensionAfterDeadline { due } => {
            format!("此件期限为 {due}；延期须在期限届满前申请并获批准（000 二(三)4），超期记录保留")
        }
        PauseAfterDeadline { due } => {
            format!("此件期限为 {due}；特别程序须在期限届满前开始，超期记录保留")
        }
        TickedTwice(m) => format!("「{m}」既勾为已收又勾为承诺后补，请选其一"),
        OverrideWithoutReason { to } => {
            format!(
                "将办件类型改为{}须写明理由，理由将记录在案（RULES §3）",
                to.chinese()
            )
        }
        DeficiencyForImmediate { item } => {
            format!("{item}是即办件：即办件不适用容缺受理（RULES §3、004）")
        }
        DeficiencyNotAllowed => "本中心未开启容缺受理（设置 accept_with_deficiency）".into(),
        DeficiencyMainMissing { material } => {
            format!("容缺受理须主件齐全；「{material}」尚未收到（RULES §3）")
        }
        Closed { state, action } => {
            format!("此案件{}，不能再{}", word(state), word(action))
        }
        CompleteRejected => "驳回件不能办结：申请人可申请复核或重新申请（RULES §3）".into(),
        CompleteWaiting(n) => {
            format!("此补办件还缺 {n} 项材料；材料收齐后才能办结")
        }
        CompleteDeficient(m) => {
            format!("容缺材料（{m}）尚未补齐；补齐后才能出具办理结果（RULES §3）")
        }
        CompletePaused => "计时已暂停；请先恢复计时再办结".into(),
        AlreadyInHand(m) => format!("「{m}」已经收到"),
        PagesNotInHand(m) => format!("页数只记已收的材料（回执，003 二4）；「{m}」尚未收到"),
        RejectWithoutReason => "驳回须写明理由，写入驳回告知书（RULES §3）".into(),
        DecisionNotNeeded { kind } => format!(
            "此件判为{}，不是驳回件：只有拟驳回的事项才留待研究决定（3 个工作日，002）",
            kind.chinese()
        ),
        NotAwaitingDecision { kind } => format!(
            "只有待研究决定的驳回件才能决定受理；此件是{}",
            kind.chinese()
        ),
        AdmitWithoutReason => "决定受理须写明研究决定的理由，理由将记录在案".into(),
        AdmitMainMissing(m) => {
            format!("主件（{m}）缺失且未承诺补交：补齐或承诺后才能受理，否则驳回")
        }
        DeficiencyNotLapsed { by, on } => format!(
            "容缺补齐期限 {} 在 {} 尚未届满；期满后才失效",
            day(by),
            day(on)
        ),
        NotDeficiency => "只有容缺受理件才有补齐期限失效".into(),
        CannotReportUp { kind } => {
            format!(
                "{}不能上报：只有承诺件、联办件和已开始计时的补办件可以上报",
                kind.chinese()
            )
        }
        CoWindowAlready(w) => format!("{w}已在办理此案件；请选择其他窗口"),
        BeforeAcceptance { what, on, accepted } => format!(
            "{}日期 {} 早于受理日 {}",
            word(what),
            day(on),
            day(accepted)
        ),
        Clock(e) => clock(e),
    }
}

pub fn clock(e: &ClockError) -> String {
    use ClockError::*;
    match e {
        ExtensionCap { asked, used } => format!(
            "延期 {asked} 个工作日将使累计达到 {} 个，超过上限 {MAX_EXTENSION_DAYS} 个（已用 {used} 个）；最多还可延期 {} 个工作日（时限规则，000 二(三)4）",
            used + asked,
            MAX_EXTENSION_DAYS.saturating_sub(*used)
        ),
        ExtensionWithoutReason => "延期须写明理由，告知申请人（000 二(三)4）".into(),
        ZeroExtension => "延期至少 1 个工作日".into(),
        AlreadyPaused { since, procedure } => format!(
            "自 {} 起已因{}暂停计时；请先恢复",
            day(since),
            procedure.chinese()
        ),
        NotPaused => "计时未暂停，无需恢复".into(),
        NotStarted(action) => {
            format!("计时尚未开始（补办件等待材料），不能{}", word(action))
        }
        SameDay(action) => format!("即办件没有计时，不能{}", word(action)),
        BeforeItsTime {
            what,
            on,
            earlier,
            since,
        } => format!(
            "{}日期 {} 早于{}之日 {}",
            word(what),
            day(on),
            word(since),
            day(earlier)
        ),
        Calendar(e) => calendar(e),
    }
}

fn calendar(e: &CalendarError) -> String {
    match e {
        CalendarError::ZeroPeriod(n) => format!("期限至少 1 个工作日，不能是 {n}"),
        CalendarError::OutOfRange { from, days } => {
            format!("从 {} 起算 {days} 个工作日超出了日历范围", day(from))
        }
    }
}

fn leave_state(status: &LeaveStatus) -> String {
    match status {
        LeaveStatus::Requested => "正在等待审批".into(),
        LeaveStatus::Approved { .. } => "已批准".into(),
        LeaveStatus::Refused { .. } => "已不予批准".into(),
        LeaveStatus::Returned { at, .. } => format!("已于 {} 销假", hm(at)),
        LeaveStatus::Withdrawn { .. } => "已撤回".into(),
    }
}

pub fn leave(e: &LeaveError) -> String {
    use LeaveError::*;
    match e {
        UnknownStaff { code } => {
            format!("没有工号为 `{code}` 的工作人员；请使用中心人员名单上的工号")
        }
        UnknownRequest { id } => format!("没有请假申请 #{id}"),
        EmptyPeriod { name, from, to } => format!(
            "{name}的请假结束时间（{}）不晚于开始时间（{}）；请给出晚于开始的结束时间（请假规则，000 三(五)）",
            hm(to),
            hm(from)
        ),
        NoReason { name } => {
            format!("请假须书面申请：请写明{name}请假的事由（请假规则，000 三(五)2）")
        }
        Overlaps {
            name,
            other,
            other_from,
            other_to,
        } => format!(
            "{name}已有请假 #{other}（{} 至 {}）；请修改那份申请，或另选不重叠的时间（请假规则，000 三(五)）",
            hm(other_from),
            hm(other_to)
        ),
        BothPostsAway {
            window,
            a,
            b,
            partner,
            date,
            other,
        } => format!(
            "{} {window}将 A 岗（{a}）、B 岗（{b}）均不在岗：{partner}当时已请假（#{other}）；A、B 岗须先商定顶岗，请另选{partner}在岗的时间（请假规则，000 三(五)）",
            day(date)
        ),
        ApprovalWouldEmptyWindow {
            window,
            a,
            b,
            date,
            other,
        } => format!(
            "{} {window}将 A 岗（{a}）、B 岗（{b}）均不在岗，因为请假 #{other} 已获批准；两者只能批准其一（请假规则，000 三(五)）",
            day(date)
        ),
        DutyDayWithoutSwap { leader, date } => format!(
            "{leader}是 {d} 的值班领导，当天不得离岗，除非与其他领导调班、报告主要领导并完成交接；请先登记 {d} 的调班（值班规则，000 三(三)4）",
            d = day(date)
        ),
        TakenDutyDayWithoutSwap { leader, date, from } => format!(
            "{leader}已通过调班接替{from} {d} 的值班，当天不得离岗，除非再与其他领导调班、报告主要领导并完成交接；请先登记 {d} 的调班（值班规则，000 三(三)4）",
            d = day(date)
        ),
        SwapWithSelf { leader, date } => format!(
            "{leader}不能与自己调换 {} 的值班；请指定另一位领导或主任（值班规则，000 三(三)4）",
            day(date)
        ),
        SwapCoverNotALeader {
            leader,
            date,
            cover,
        } => format!(
            "{leader} {} 的值班只能调给其他领导或主任，{cover}不是；请指定一位领导（值班规则，000 三(三)4）",
            day(date)
        ),
        SwapCoverAway {
            leader,
            date,
            cover,
            other,
        } => format!(
            "{leader} {} 的值班不能调给{cover}，其当天请假（#{other}）；请指定在岗的领导（值班规则，000 三(三)4）",
            day(date)
        ),
        SwapUnfinished {
            leader,
            date,
            cover,
            missing,
        } => format!(
            "{leader}与{cover} {} 的调班尚未{}；请先完成再请假（值班规则，000 三(三)4）",
            day(date),
            match missing {
                SwapStep::ReportToHead => "报告主要领导",
                SwapStep::HandOver => "完成值班交接",
            }
        ),
        OwnLeave { name, id } => {
            format!("{name}不能审批自己的请假 #{id}；由主任或值班领导审批（请假规则，000 三(五)2）")
        }
        OwnUrgentLeave { name } => format!(
            "{name}不能为自己登记紧急请假；由主任或值班领导代为登记（请假规则，000 三(五)2）"
        ),
        NotWaiting { id, status } => format!(
            "请假 #{id} {}；只有等待审批的申请才能批准、不予批准或撤回",
            leave_state(status)
        ),
        NoRefusalReason { id } => format!("不批准请假 #{id} 须写明理由，告知申请人"),
        NotRequester { id } => {
            format!("只有申请人本人可以撤回请假 #{id}；审批人可以不予批准")
        }
        NotApproved { id, status } => format!(
            "请假 #{id} {}；只有已批准的请假才能销假（请假规则，000 三(五)3）",
            leave_state(status)
        ),
        ReturnBeforeStart { id, from, at } => format!(
            "请假 #{id} 从 {} 开始；销假时间 {} 早于开始，请填写实际返岗时间",
            hm(from),
            hm(at)
        ),
    }
}

pub fn cover(e: &CoverError) -> String {
    use CoverError::*;
    match e {
        UnknownWindow { name } => format!("本中心没有窗口 `{name}`；请指明本中心的窗口"),
        UnknownStaff { code } => {
            format!("没有工号为 `{code}` 的工作人员；请使用中心人员名单上的工号")
        }
        EmptyPeriod { window, from, to } => format!(
            "{window}的顶岗结束时间（{}）不晚于开始时间（{}）；请给出晚于开始的结束时间",
            hm(to),
            hm(from)
        ),
        OwnPost { name, window } => format!(
            "{name}是{window}的岗位人员，本人不在岗；顶岗须另派熟悉该窗口业务的人员（000 三(四)4）"
        ),
        ServesNoWindow { name, role: r } => format!(
            "{name}（{}）不在窗口办理业务；请指派窗口工作人员、领导或主任",
            Role::parse(r).map_or_else(|| r.clone(), |x| role(x).to_string())
        ),
        NotNeeded {
            window,
            a,
            b,
            from,
            to,
        } => format!(
            "{} 至 {} 的办公时间内，{window}的 A 岗（{a}）或 B 岗（{b}）始终有人在岗；只有 A、B 岗均不在时才安排顶岗（000 三(四)4）",
            hm(from),
            hm(to)
        ),
        CoverAway { name, leave } => {
            format!("{name}当时已请假（#{leave}）；请指派在岗的人员")
        }
        AlreadyCovered {
            window,
            name,
            other,
            from,
            to,
        } => format!(
            "{window}在 {} 至 {} 已由{name}顶岗（顶岗 #{other}）；请另选此后的时间",
            hm(from),
            hm(to)
        ),
        CoverBusy {
            name,
            window,
            other,
        } => format!("{name}当时已在{window}顶岗（顶岗 #{other}）；一人同一时间只顶一个窗口"),
    }
}

pub fn queue(e: &QueueError) -> String {
    match e {
        QueueError::NotWaiting {
            number,
            state,
            action,
        } => format!(
            "{number} 号{}；只有等候中的号才能{}",
            word(state),
            word(action)
        ),
        QueueError::NotCalled { number, action } => {
            format!("{number} 号尚未叫号，不能{}", word(action))
        }
        QueueError::TooFewRecalls {
            number,
            recalls,
            needed,
        } => format!(
            "{number} 号已重呼 {recalls} 次；重呼 {needed} 次后才能记为过号（中心设置 no_show_after_recalls）"
        ),
        QueueError::SameWindow { number, window } => format!("{number} 号已在{window}"),
        QueueError::OutOfTurnWithoutReason { number } => {
            format!("{number} 号不按顺序叫号，须写明理由（理由将被记录）")
        }
        QueueError::NotNoShow { number, state } => {
            format!("{number} 号{}；只有过号的号才能恢复排队", word(state))
        }
        QueueError::NotToday { number, date } => {
            format!("{number} 号是 {date} 取的；只有当天过号的号才能恢复排队")
        }
        QueueError::NoneServed { window } => {
            format!("你在{window}没有正在办理的群众；请先叫号")
        }
    }
}

pub fn contact(e: &ContactError) -> String {
    match e {
        ContactError::PhoneLength { phone, digits } => format!(
            "电话 `{phone}` 有 {digits} 位数字；手机号 11 位（1 开头），固定电话连区号 10 至 12 位（如 0571-88001234）"
        ),
        ContactError::PhoneStart { phone, first } => format!(
            "电话 `{phone}` 以 {first} 开头；手机号以 13 至 19 开头，固定电话以 0 和区号开头"
        ),
        ContactError::PhoneCharacter { phone, bad } => {
            format!("电话 `{phone}` 含有 `{bad}`；请只写数字，分组之间可用空格或短横")
        }
        ContactError::IdLength { id, len } => {
            format!("证件号 `{id}` 有 {len} 位；居民身份证号码为 18 位")
        }
        ContactError::IdCharacter { id, bad } => {
            format!("证件号 `{id}` 含有 `{bad}`；前 17 位是数字，最后一位是数字或 X")
        }
        ContactError::IdBirthDate { id, birth } => {
            format!("证件号 `{id}` 的出生日期 {birth} 不是有效日期")
        }
        ContactError::IdCheckDigit {
            id,
            found,
            expected,
        } => format!(
            "证件号 `{id}` 末位是 {found}，按校验规则应为 {expected}（GB 11643）；请对照证件逐位核对"
        ),
    }
}

pub fn enquiry(e: &EnquiryError) -> String {
    match e {
        EnquiryError::NoContent => "请写明咨询内容；咨询登记须记录内容（RULES §1）".into(),
        EnquiryError::PhoneWithoutCaller => "电话咨询须登记来电人姓名和电话（000 二(二)6）".into(),
        EnquiryError::AlreadyClosed => "这条咨询已经办结".into(),
        EnquiryError::NoOutcome => "请写明结果：答复了什么，或转给了谁".into(),
    }
}

/// Why a console could not connect or lost its server.
/// What a text field holds, in Chinese.
pub fn text(t: Text) -> &'static str {
    match t {
        Text::Name => "姓名",
        Text::Phone => "电话",
        Text::IdNumber => "证件号",
        Text::Reason => "理由",
        Text::Enquiry => "咨询内容",
        Text::DutyLog => "值班记录",
        Text::Complaint => "投诉内容",
        Text::StaffCode => "工号",
        Text::Window => "窗口",
        Text::ItemCode => "事项编码",
        Text::TicketNumber => "号码",
        Text::Material => "材料名称",
        Text::Query => "查询内容",
        Text::Cursor => "翻页位置",
        Text::Pin => "PIN",
        Text::Version => "版本号",
        Text::AuditTarget => "审计对象",
        Text::Path => "文件路径",
    }
}

pub fn limit(e: &LimitError) -> String {
    match e {
        LimitError::TooLong {
            act,
            field,
            text: t,
            limit,
            given,
        } => format!(
            "{act}：`{field}`（{}）有 {given} 个字符，最多 {limit} 个；请缩短后重新提交，本次未保存任何内容",
            text(*t)
        ),
        LimitError::TooMany {
            act,
            field,
            list,
            limit,
            given,
        } => {
            let what = match list {
                List::Materials => "项材料",
                List::Swaps => "个调剂值班日",
            };
            format!(
                "{act}：`{field}` 列了 {given} {what}，一次最多 {limit} {what}；请减少后重新提交，本次未保存任何内容"
            )
        }
    }
}

pub fn throttled(uid: u32, refused: u32, wait_seconds: u64) -> String {
    format!(
        "uid {uid} 一分钟内已有 {refused} 次登录被拒绝；请等 {wait_seconds} 秒后再试（每次尝试均已记入审计记录）"
    )
}

pub fn more_refused(uid: u32, count: u64, from: NaiveDateTime, to: NaiveDateTime) -> String {
    format!(
        "uid {uid} 在等待期间（{} 至 {}）另有 {count} 次登录被拒绝",
        from.format("%Y-%m-%d %H:%M:%S"),
        to.format("%H:%M:%S")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The strings quoted right after each of `markers` in `source`.
    fn quoted_after(source: &str, markers: &[&str]) -> Vec<String> {
        let mut words = Vec::new();
        for marker in markers {
            for (at, _) in source.match_indices(marker) {
                let rest = &source[at + marker.len()..];
                words.push(rest[..rest.find('"').unwrap()].to_string());
            }
        }
        words
    }

    /// The names a state function gives, as in `Status::Open => "open"`.
    fn state_names(source: &str, function: &str) -> Vec<String> {
        let at = source
            .find(function)
            .expect("the state function is where it was");
        let end = at + source[at..].find("\n    }\n").unwrap();
        quoted_after(&source[at..end], &[" => \""])
    }

    #[test]
    fn every_word_the_domain_puts_into_a_rule_error_has_chinese() {
        // Read from the domain's source, so a new word without Chinese fails here.
        let case = include_str!("../domain/case/mod.rs");
        let clock = include_str!("../domain/clock.rs");
        let queue = include_str!("../domain/queue.rs");
        let mut words = quoted_after(case, &["self.open(\"", "not_before_acceptance(\""]);
        words.extend(quoted_after(
            clock,
            &[
                "what: Word(\"",
                "since: Word(\"",
                "NotStarted(Word(\"",
                "SameDay(Word(\"",
            ],
        ));
        words.extend(quoted_after(queue, &["action: Word(\""]));
        words.extend(state_names(case, "fn name(&self) -> &'static str"));
        words.extend(state_names(queue, "fn state(&self) -> &'static str"));
        assert!(words.len() >= 30, "found only {words:?}");
        let untranslated: Vec<&String> = words.iter().filter(|w| word(w) == w.as_str()).collect();
        assert!(untranslated.is_empty(), "no Chinese for {untranslated:?}");
    }
}
