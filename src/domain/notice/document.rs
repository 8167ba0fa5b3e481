//! The notice as the applicant receives it: typed blocks of Chinese, ready to print. It says
//! everything RULES §2 requires be told once — the materials (all that are still to bring, or
//! for a rejection every material with the reason), the conditions and basis, the procedure,
//! prerequisites, the time limit and date, the fee — and RULES §3's receipt of what was
//! received, the 容缺 date and its consequence, and each co-department's needs.
//!
//! The document is in Chinese whatever the console's language: it is handed to the applicant.

use super::blocks::{self, Block};
use super::{DeadlineRule, Notice, NoticeKind};
use crate::domain::catalogue::Material;

impl Notice {
    /// The notice's lines, one paragraph or item to a line; `case` is the case's number.
    pub fn document(&self, case: u64) -> Vec<String> {
        blocks::lines(&self.blocks(case))
    }

    /// The notice as printed text, `width` columns wide.
    pub fn text(&self, case: u64, width: usize) -> Vec<String> {
        blocks::text(&self.blocks(case), width)
    }

    /// The title its PDF carries, as a viewer shows it (`受理通知书 · 案件 #45`).
    pub fn paper_title(&self, case: u64) -> String {
        format!("{} · 案件 #{case}", self.kind.chinese())
    }

    /// When it was issued, as its PDF is dated: the day, never the clock, so that a reprint
    /// gives the same bytes.
    pub fn paper_date(&self) -> chrono::NaiveDateTime {
        self.issued_on.and_time(chrono::NaiveTime::MIN)
    }

    /// The notice's blocks, in the order printed: its one heading is the kind's title.
    pub fn blocks(&self, case: u64) -> Vec<Block> {
        let mut out = Body::default();
        if !self.centre.is_empty() {
            out.push(self.centre.clone());
        }
        out.0.push(Block::Heading(self.kind.chinese().to_string()));
        out.push(format!(
            "案件 #{case} · 第 {} 份告知 · {}",
            self.number,
            self.issued_on.format("%Y年%m月%d日")
        ));
        out.push(format!("申请人：{}", self.applicant));
        out.push(format!("事项：{}（{}）", self.item_name, self.item_code));
        let mut window = format!(
            "受理窗口：{}{}",
            self.window,
            place(&self.window_location, &self.window_phone)
        );
        if !self.handler_name.is_empty() {
            window.push_str(&format!(" · 经办人：{}", self.handler_name));
        }
        out.push(window);
        // The person to turn to until the matter closes (RULES §1): the handler unless someone
        // else was first asked.
        match &self.first_asked_name {
            Some(first) => out.push(format!("首问责任人：{first}（跟进至办结）")),
            None if !self.handler_name.is_empty() => {
                out.push(format!("首问责任人：{}", self.handler_name))
            }
            None => {}
        }

        if let Some(ext) = &self.extension {
            if let Some(was) = ext.was_due {
                out.push(format!("原定办结日期：{}", was.format("%Y年%m月%d日")));
            }
            out.push(format!(
                "经 {} 批准，办理时限延长 {} 个工作日。",
                ext.approved_by, ext.days
            ));
            out.push(format!("延期理由：{}", ext.reason));
        } else if self.kind == NoticeKind::Rejection {
            if let Some(reason) = &self.rejection_reason {
                out.push(format!("驳回理由：{reason}"));
            }
            out.push(format!(
                "本事项所需的全部材料（共 {} 项，重新申请时请一次备齐）：",
                self.all_materials.len()
            ));
            out.0.push(numbered(&self.all_materials));
            out.push(self.review_way());
        } else if !self.requested.is_empty() {
            if let Some(review) = &self.review {
                out.push(format!(
                    "经审查，已收的 {} 不符合要求，须重新提交。审查意见：{}",
                    review.materials.join("、"),
                    review.reason
                ));
            }
            let heading = match self.kind {
                NoticeKind::Deficiency => "容缺补交的材料",
                _ => "尚需补交的材料",
            };
            out.push(format!(
                "{heading}（共 {} 项，一次告知，此外不再要求其他材料）：",
                self.requested.len()
            ));
            out.0.push(numbered(&self.requested));
        } else {
            out.push("材料已齐全。".into());
        }
        if let Some(by) = self.supplement_by {
            out.push(format!("补齐期限：{}前", by.format("%Y年%m月%d日")));
        }
        if let Some(on_expiry) = &self.on_expiry {
            out.push(format!("逾期后果：{on_expiry}"));
        }
        if self.kind == NoticeKind::Deficiency {
            out.push("申请人须签署容缺受理承诺书。".into());
        }
        if self.kind == NoticeKind::ReportUp {
            out.push(
                "本事项须经上级部门审批：由受理窗口作为牵头单位负责上报并跟踪办理，审批结果经本中心告知申请人。"
                    .into(),
            );
        }
        out.0.extend(self.receipt());
        for co in &self.co_windows {
            let place = place(&co.location, &co.phone);
            let needs = if co.materials.is_empty() {
                "无另需材料".to_string()
            } else {
                co.materials.join("、")
            };
            out.push(format!("联办部门 {}{place}：{needs}", co.window));
        }

        if self.kind != NoticeKind::Rejection {
            out.push(format!("办理时限：{}", limit(&self.deadline_rule)));
        }
        let date_label = match self.kind {
            NoticeKind::Decision => "作出决定日期",
            NoticeKind::Extension => "延期后办结日期",
            _ => "办结日期",
        };
        match self.deadline {
            Some(d) if self.deadline_provisional => out.push(format!(
                "{date_label}：{}（暂定：该年节假日安排尚未公布）",
                d.format("%Y年%m月%d日")
            )),
            Some(d) => out.push(format!("{date_label}：{}", d.format("%Y年%m月%d日"))),
            None if self.kind == NoticeKind::Supplement => {
                out.push("办结日期：材料补齐之日起计算，届时告知".into())
            }
            None => {}
        }
        if !self.conditions.trim().is_empty() {
            out.push(format!("办理条件：{}", self.conditions.trim()));
        }
        if !self.basis.trim().is_empty() {
            out.push(format!("办理依据：{}", self.basis.trim()));
        }
        if !self.procedure.is_empty() {
            out.push("办理流程：".into());
            out.0.push(Block::Numbered(self.procedure.clone()));
        }
        if !self.prerequisites.is_empty() {
            out.push(format!("前置审批：{}", self.prerequisites.join("、")));
        }
        if !self.fee.trim().is_empty() {
            out.push(format!("收费：{}", self.fee.trim()));
        }
        if let Some(phone) = &self.complaint_channel {
            out.push(format!("投诉电话：{phone}"));
        }
        out.0.push(Block::Signatures(vec![
            "申请人签字".into(),
            "经办人签字".into(),
        ]));
        if self.kind == NoticeKind::Deficiency {
            out.0.push(Block::PageBreak);
            out.0.extend(self.deficiency_pledge(case));
        }
        out.0
    }
}

/// The blocks being composed; a plain string pushed is a paragraph.
#[derive(Default)]
struct Body(Vec<Block>);

impl Body {
    fn push(&mut self, paragraph: String) {
        self.0.push(Block::Paragraph(paragraph));
    }
}

/// Where a window is and its phone, in brackets; nothing when neither is known.
fn place(location: &Option<String>, phone: &Option<String>) -> String {
    let known: Vec<&str> = [location, phone]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if known.is_empty() {
        String::new()
    } else {
        format!("（{}）", known.join("，"))
    }
}

pub(super) fn numbered(materials: &[Material]) -> Block {
    Block::Numbered(
        materials
            .iter()
            .map(|m| {
                let mut line = m.name.clone();
                line.push_str(if m.main {
                    "（主件）"
                } else {
                    "（副件）"
                });
                if let Some(c) = m.copies {
                    line.push_str(&format!(" {c} 份"));
                }
                if let Some(note) = &m.note {
                    line.push_str(&format!(" · {note}"));
                }
                line
            })
            .collect(),
    )
}

fn limit(rule: &DeadlineRule) -> String {
    match rule {
        DeadlineRule::SameDay => "当场或当日办结".into(),
        DeadlineRule::FromAcceptance { days } => format!("自受理次日起 {days} 个工作日内办结"),
        DeadlineRule::CalendarDays { days } => {
            format!("自受理次日起 {days} 日内办结，逢节假日顺延至下一个工作日")
        }
        DeadlineRule::FromCompletion { days } => {
            format!("自材料补齐次日起 {days} 个工作日内办结")
        }
        // Never two limits that contradict each other: where the ceiling comes first
        // whatever happens, it alone is stated.
        DeadlineRule::Capped {
            days,
            ceiling,
            calendar: false,
        } if days >= ceiling => format!("自材料齐全次日起 {ceiling} 个工作日内办结"),
        DeadlineRule::Capped {
            days,
            ceiling,
            calendar,
        } => format!(
            "{days} 个工作日内办结，自材料齐全次日起最长不超过 {ceiling} {}，以先到者为准",
            if *calendar { "日" } else { "个工作日" }
        ),
        DeadlineRule::RejectionDecision { days } => format!("{days} 个工作日内作出决定"),
    }
}
