//! The Chinese of the supervision rules' errors (complaints, RULES §8; violations, §9;
//! ratings and return visits, §11) and of who may do the rating acts; their English is next
//! to each error type.

use crate::domain::accountability::ViolationError;
use crate::domain::complaint::ComplaintError;
use crate::domain::permission::Act;
use crate::domain::rating::{RatingError, RectificationError};
use crate::domain::visit::VisitError;

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
pub fn rating(e: &RatingError) -> String {
    match e {
        RatingError::NotCompleted { case, state } => format!(
            "案件 #{case} {}；只有办结的案件才能评价，请办结后再评价（RULES §11）",
            match state.as_str() {
                "open" => "尚在办理中",
                "rejected" => "已驳回",
                other => other,
            }
        ),
        RatingError::OwnRating { staff, case } => format!(
            "{staff} 是案件 #{case} 的经办人，不能为自己登记评价；请申请人在评价器上评价，或由其他工作人员登记申请人的意见（RULES §11）"
        ),
        RatingError::NoEnterer => "评价须记录登记人；请给出登记人的工号".into(),
        RatingError::ReasonTooLong { chars, max } => {
            format!("评价理由有 {chars} 个字，最多 {max} 个字；请删减，或不写理由（RULES §11）")
        }
        RatingError::EmptyReason => "评价理由为空；请写明申请人的意见，或不写理由".into(),
        RatingError::BeforeCompletion {
            case,
            completed_on,
            at,
        } => format!("案件 #{case} 于 {completed_on} 办结；评价时间 {at} 早于办结时间，请核对日期"),
    }
}

pub fn rectification(e: &RectificationError) -> String {
    use RectificationError::*;
    match e {
        Calendar(why) => format!("无法计算整改期限的工作日：{why}"),
        AlreadyAnswered { rating, by, on } => {
            format!("差评 #{rating} 已由 {by} 于 {on} 答复；整改只答复一次（RULES §11）")
        }
        MissingAnswerPart { rating, part } => format!(
            "差评 #{rating} 的答复缺少“{}”；请写明核查情况（--checked）、整改内容（--rectified）和对评价人的答复（--reply）（RULES §11）",
            answer_part(part)
        ),
        NotTheirs { rating, staff, by } => {
            format!("差评 #{rating} 只能由被评价人 {staff} 申诉，{by} 不能代为申诉（申诉复核）")
        }
        NoAppealReason { rating } => {
            format!("申诉须说明差评 #{rating} 不当的理由；请写明理由（--reason）（申诉复核）")
        }
        AlreadyAppealed { rating, on } => {
            format!("差评 #{rating} 已于 {on} 申诉；请等待主任复核（申诉复核）")
        }
        AppealAfterDecision { rating, by, on } => format!(
            "差评 #{rating} 的申诉已由 {by} 于 {on} 复核决定；已决定的申诉不能再次申诉（申诉复核）"
        ),
        NoAppeal { rating } => {
            format!("差评 #{rating} 没有待复核的申诉；须先由被评价人申诉（申诉复核）")
        }
        AlreadyDecided { rating, by, on } => {
            format!("差评 #{rating} 的申诉已由 {by} 于 {on} 复核决定；复核只决定一次（申诉复核）")
        }
        OwnAppeal { rating, staff } => {
            format!("{staff} 不能复核自己的差评 #{rating}；由主任复核（申诉复核）")
        }
        NoDecisionReason { rating } => {
            format!("对差评 #{rating} 申诉的复核须说明理由；请写明理由（--reason）（申诉复核）")
        }
        NoDecider => "复核决定须记录决定人；请给出主任的工号".into(),
        BeforeAppeal { on, appealed } => {
            format!("日期 {on} 早于申诉日期 {appealed}；请使用 {appealed} 或之后的日期")
        }
    }
}

fn answer_part(part: &str) -> &str {
    match part {
        "what was checked" => "核查情况",
        "what was rectified" => "整改内容",
        "what the rater was told" => "对评价人的答复",
        other => other,
    }
}

pub fn visit(e: &VisitError) -> String {
    match e {
        VisitError::BadMonth { year, month } => {
            format!("{year}-{month} 不是有效的月份；月份为 1 至 12")
        }
        VisitError::ZeroSize => {
            "抽取 0 件无法回访；本中心的设置（return_visits_per_month）须至少为 1（RULES §11）"
                .into()
        }
        VisitError::AlreadyRecorded { case, by } => {
            format!("案件 #{case} 的回访已由 {by} 登记；回访只登记一次")
        }
        VisitError::NoCaller => "回访须记录回访人；请给出回访人的工号".into(),
        VisitError::NoResult { case } => format!("案件 #{case} 的回访尚无结果；请先登记回访"),
        VisitError::OtherCase { visit, served } => {
            format!("回访的是案件 #{visit}，不是案件 #{served}；请评价被回访的案件")
        }
        VisitError::Rating(e) => rating(e),
    }
}

/// Who may do a rating or visit act, in Chinese.
pub fn rating_who_may(act: &Act) -> String {
    match act {
        Act::RecordRating { .. } => "除经办人本人以外的任何人：由申请人在评价器上评价，或由其他工作人员登记申请人的意见（RULES §11）".into(),
        Act::ReadRatings { .. } => "领导、主任和监督员（工作人员可查看自己的评价）".into(),
        Act::AnswerRectification { .. } => {
            "被评价人、其窗口的分管领导、领导和主任（RULES §11）".into()
        }
        Act::AppealRating { .. } => "被评价人本人（申诉复核）".into(),
        Act::DecideAppeal => "主任（申诉复核）".into(),
        Act::DrawVisits => "领导、主任和监督员（RULES §11）".into(),
        Act::RecordVisit { .. } => {
            "领导、主任和监督员，且不能是该案件的经办人（RULES §11）".into()
        }
        _ => "有权限的人员".into(),
    }
}

/// What a rating or visit act is, in Chinese, where the refusal names it.
pub fn rating_what(act: &Act) -> Option<String> {
    Some(match act {
        Act::RecordRating { served: true } => "为自己经办的案件登记评价".into(),
        Act::ReadRatings { own: false } => "查看他人的评价".into(),
        Act::AnswerRectification { .. } => "答复此差评的整改".into(),
        Act::AppealRating { .. } => "申诉此差评".into(),
        Act::DecideAppeal => "复核差评的申诉".into(),
        Act::DrawVisits => "抽取或查看回访".into(),
        Act::RecordVisit { served: true } => "登记自己经办案件的回访".into(),
        Act::RecordVisit { .. } => "登记回访".into(),
        _ => return None,
    })
}
