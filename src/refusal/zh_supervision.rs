//! The Chinese of the supervision rules' errors (complaints, RULES §8; violations, §9); their English is next
//! to each error type.

use crate::domain::accountability::ViolationError;
use crate::domain::complaint::ComplaintError;

pub fn complaint(e: &ComplaintError) -> String {
    match e {
        ComplaintError::NoGrounds => "请写明投诉事由（--grounds）：commitment 违反政务公开承诺、procedure 违反审批程序、case-rules 违反办件制度、outcome 对办理结果有异议、corruption 吃拿卡要、attitude 服务质量差态度不好".into(),
        ComplaintError::NoText => "请写明投诉内容（--text）；投诉登记须记录原话".into(),
        ComplaintError::NoComplainant => "投诉须登记投诉人姓名和电话（--name、--phone）".into(),
        ComplaintError::MajorNotWritten => "重大投诉须以书面形式提出（000 三(八)2）；请以 --channel written 或 report 登记".into(),
        ComplaintError::AlreadyReplied { on } => format!("该投诉已于 {on} 答复；一件投诉只答复一次"),
        ComplaintError::AlreadyExtended { on } => format!("该投诉的答复期限已于 {on} 延长过一次；最多延长一次（003）"),
        ComplaintError::NoReason => "请写明延期理由（--reason），并向投诉人说明（003）".into(),
        ComplaintError::NoReplyText => "请写明答复内容（--text）".into(),
        ComplaintError::OralNotAllowed => "本中心所有投诉一律书面答复（[settings] complaint_replies_written）；请去掉 --form oral".into(),
        ComplaintError::Calendar(why) => format!("无法计算答复期限的工作日：{why}"),
    }
}

pub fn violation(e: &ViolationError) -> String {
    match e {
        ViolationError::AlreadyConfirmed { staff, by, on } => {
            format!(
                "{staff} 的这条违规已由 {by} 于 {on} 认定；认定只做一次，事实有变请另行登记（RULES §9）"
            )
        }
        ViolationError::AlreadyDismissed { staff, by, on } => {
            format!(
                "{staff} 的这条违规已由 {by} 于 {on} 撤销；认定只做一次，事实有变请另行登记（RULES §9）"
            )
        }
        ViolationError::NoReason { staff, fact } => {
            format!("撤销须写明理由：说明 {staff} 于 {fact} 的违规为何不成立（RULES §9）")
        }
        ViolationError::BeforeFact { on, fact } => {
            format!("认定日期 {on} 早于事实发生日 {fact}；请于 {fact} 当天或之后认定")
        }
        ViolationError::NoDecider => "认定须写明认定人：请给出中心主任的工号".into(),
    }
}
