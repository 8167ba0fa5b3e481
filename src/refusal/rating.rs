//! The refusals of ratings and return visits (RULES §11) that are not a domain rule's error:
//! what was not found or not asked rightly, in English and Chinese, each saying what to do.

use chrono::NaiveDate;

use crate::lang::Lang;

pub(super) fn no_rating(id: u64, l: Lang) -> String {
    l.pick(
        format!("there is no rating {id}; `frontdesk rating list` lists them"),
        format!("没有评价 {id}；`frontdesk rating list` 可列出评价"),
    )
}

pub(super) fn no_rectification(id: u64, level: u8, l: Lang) -> String {
    l.pick(
        format!(
            "rating {id} is level {level}, not a 差评 (4 or 5), so it opened no rectification to answer or appeal (RULES §11)"
        ),
        format!("评价 {id} 为 {level} 级，不是差评（4 或 5 级），没有整改可答复或申诉（RULES §11）"),
    )
}

pub(super) fn decision_unclear(l: Lang) -> String {
    l.pick(
        "say how the appeal is decided: --upheld (the 差评 is withdrawn) or --refused (it stands), one of them (申诉复核)".into(),
        "请说明复核结果：--upheld（撤销差评）或 --refused（维持差评），二者选一（申诉复核）".into(),
    )
}

pub(super) fn not_drawn(case: u64, l: Lang) -> String {
    l.pick(
        format!(
            "case #{case} was not drawn for a return visit; `frontdesk visit list` shows the cases drawn, and `rating record --channel visit` records a call made otherwise (RULES §11)"
        ),
        format!(
            "案件 #{case} 未被抽中回访；`frontdesk visit list` 可列出抽中的案件，其他回访请用 `rating record --channel visit` 登记（RULES §11）"
        ),
    )
}

pub(super) fn nothing_to_draw(month: &str, l: Lang) -> String {
    l.pick(
        format!(
            "no case was completed in {month}, so there is nothing to draw; draw a month in which cases were completed (RULES §11)"
        ),
        format!("{month} 没有办结的案件，无可抽取；请选择有办结案件的月份（RULES §11）"),
    )
}

pub(super) fn future_draw(month: &str, today: NaiveDate, l: Lang) -> String {
    l.pick(
        format!(
            "{month} has not begun (today is {today}); draw it once its cases are being completed (RULES §11)"
        ),
        format!("{month} 尚未开始（今天是 {today}）；请在该月有案件办结后再抽取（RULES §11）"),
    )
}
