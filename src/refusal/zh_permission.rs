//! The Chinese of the permission gate's refusals: who asked, what they may not do, and who
//! may (the English is `domain::permission`).

use crate::domain::centre::Role;
use crate::domain::permission::{Act, Forbidden};

pub fn role(role: Role) -> &'static str {
    match role {
        Role::Clerk => "窗口工作人员",
        Role::Leader => "领导",
        Role::Director => "主任",
        Role::Supervisor => "监督员",
        Role::Admin => "管理员",
    }
}

pub fn forbidden(e: &Forbidden) -> String {
    let who_may = match &e.act {
        Act::TakeTicket => "窗口工作人员、领导、主任和管理员".to_string(),
        Act::WorkWindow(w) | Act::OpenCase(w) => format!("{w}的 A 岗、B 岗、领导和主任"),
        Act::ReadQueue | Act::ReadCases => "所有人".into(),
        Act::ReadAudit | Act::Supervise => "领导、主任、监督员和管理员".into(),
        Act::StopServer | Act::Backup => "主任和管理员".into(),
        Act::SetPin { .. } => "工号本人、主任和管理员".into(),
        Act::WorkCase { .. } => {
            "经办此案的人（经办人、首问责任人和该窗口的 A、B 岗）、领导和主任".into()
        }
        Act::ApproveExtension => "领导或主任（003 二5）".into(),
        Act::LogEnquiry => "窗口工作人员、领导和主任".into(),
        Act::CloseEnquiry { .. } => "首问责任人、领导和主任".into(),
        Act::ReadAllEnquiries => "领导、主任和监督员".into(),
        Act::ReadAllMessages => {
            "领导、主任、监督员和管理员（其他人只能查看自己经办案件的短信）".into()
        }
        Act::RetryMessage => "领导、主任和管理员".into(),
        Act::KeepComplaints => "主任、领导和监督员（投诉须保密，RULES §8）".into(),
        Act::ReadViolations { .. } => "本人、领导、主任和监督员".into(),
        Act::DecideViolation => "中心主任（RULES §9）".into(),
        Act::RecordViolation => "中心主任和监督员".into(),
        Act::RecordRating { .. }
        | Act::ReadRatings { .. }
        | Act::AnswerRectification { .. }
        | Act::AppealRating { .. }
        | Act::DecideAppeal
        | Act::DrawVisits
        | Act::RecordVisit { .. } => super::zh_supervision::rating_who_may(&e.act),
        Act::RequestLeave { .. } => "本人（为自己请假）、领导和主任（为他人请假）".into(),
        Act::DecideLeave { duty, .. } => format!(
            "主任或当天值班领导（{}）（请假规定，000 三(五)2）",
            duty.join("、")
        ),
        Act::WriteDutyLog { duty, .. } => {
            format!("当天值班领导（{}）或主任（000 三(三)1）", duty.join("、"))
        }
        Act::RecordUrgentLeave { duty, .. } => format!(
            "主任或当天值班领导（{}）（请假规定，000 三(五)2）",
            duty.join("、")
        ),
        Act::AssignCover { duty, .. } => format!(
            "主任，或当天值班领导（{}）指派熟悉该窗口业务的人员（该窗口的分管领导，或同一分管领导下各窗口的 A、B 岗）（000 三(四)4）",
            duty.join("、")
        ),
    };
    let what = match &e.act {
        Act::DecideLeave { date, .. } => format!("审批 {date} 的请假"),
        Act::WriteDutyLog { date, .. } => format!("填写 {date} 的值班日志"),
        Act::RecordUrgentLeave { date, .. } => format!("登记 {date} 的紧急请假"),
        Act::AssignCover {
            date, knows: false, ..
        } => format!("在 {date} 指派不熟悉该窗口业务的人员顶岗"),
        Act::AssignCover { date, .. } => format!("安排 {date} 的顶岗"),
        Act::RequestLeave { own: false } => "为他人请假".into(),
        Act::Supervise => "查看各窗口办理时限的监督视图".into(),
        Act::ReadAllMessages => "查看全部短信".into(),
        Act::RetryMessage => "重新发送失败的短信".into(),
        Act::KeepComplaints => "查看或登记投诉".into(),
        Act::ReadViolations { .. } => "查看他人的违规记录".into(),
        Act::DecideViolation => "认定或撤销违规".into(),
        Act::RecordViolation => "登记违规".into(),
        _ => super::zh_supervision::rating_what(&e.act).unwrap_or_else(|| "办理此事".into()),
    };
    format!(
        "{}（{}）无权{what}；只有{who_may}可以",
        e.name,
        role(e.role)
    )
}
