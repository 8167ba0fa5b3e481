//! The parts of a notice that are papers of their own: the receipt of what was received
//! (回执, 003 二4), the way to ask for a review of a rejection (复核, 002 驳回件), and the
//! 容缺受理承诺书 the applicant signs (RULES §3, 004).

use super::blocks::Block;
use super::document::numbered;
use super::{Notice, NoticeKind};

/// How a date is printed on paper.
const DAY: &str = "%Y年%m月%d日";

impl Notice {
    /// The receipt: each material received with its pages, copies and day, then the day the
    /// result can be collected (003 二4). Nothing when nothing was received.
    pub(super) fn receipt(&self) -> Vec<Block> {
        // A rejection hands the materials back; a 延期告知书 receives nothing.
        if self.received.is_empty()
            || matches!(self.kind, NoticeKind::Extension | NoticeKind::Rejection)
        {
            return Vec::new();
        }
        let mut rows = vec![
            ["序号", "材料名称", "页数", "份数", "收件日期"]
                .map(String::from)
                .to_vec(),
        ];
        let count = |n: Option<u32>| n.map_or_else(|| "—".to_string(), |n| n.to_string());
        for (i, r) in self.received.iter().enumerate() {
            rows.push(vec![
                (i + 1).to_string(),
                r.name.clone(),
                count(r.pages),
                count(r.copies),
                r.on.format("%m月%d日").to_string(),
            ]);
        }
        let mut out = vec![
            Block::Paragraph(format!(
                "材料接收回执（已收材料共 {} 项）：",
                self.received.len()
            )),
            Block::Table(rows),
        ];
        let collects = matches!(
            self.kind,
            NoticeKind::Acceptance
                | NoticeKind::Deficiency
                | NoticeKind::Joint
                | NoticeKind::ReportUp
        );
        if let Some(due) = self.deadline.filter(|_| collects) {
            out.push(Block::Paragraph(format!(
                "取件日期：{}前（凭本通知书到{}窗口领取，办结时另行通知）",
                due.format(DAY),
                self.window
            )));
        }
        out
    }

    /// Where and how a rejection is reviewed: with the notice, at the centre, which decides
    /// with the departments concerned (002 驳回件操作规程 3).
    pub(super) fn review_way(&self) -> String {
        let at = if self.centre.is_empty() {
            "本中心".to_string()
        } else {
            self.centre.clone()
        };
        let phone = self
            .complaint_channel
            .as_ref()
            .map(|p| format!("，联系电话 {p}"))
            .unwrap_or_default();
        format!("对驳回有异议的，可持本通知书到{at}申请复核，由中心会同有关部门复核裁定{phone}。")
    }

    /// The 容缺受理承诺书: the applicant promises the missing materials by the day, and accepts
    /// what happens on expiry (RULES §3, 004).
    pub(super) fn deficiency_pledge(&self, case: u64) -> Vec<Block> {
        let by = self
            .supplement_by
            .map_or_else(|| "约定期限".to_string(), |d| d.format(DAY).to_string());
        let to = if self.centre.is_empty() {
            "本中心".to_string()
        } else {
            self.centre.clone()
        };
        let expiry = self
            .on_expiry
            .clone()
            .unwrap_or_else(|| "逾期未补齐的，本次申请按退回处理".to_string());
        vec![
            Block::Heading("容缺受理承诺书".into()),
            Block::Paragraph(format!("{to}：")),
            Block::Paragraph(format!(
                "本人{}申请办理{}（案件 #{case}），主件材料齐全，下列材料暂缺，申请容缺受理。本人承诺于{by}前补齐下列材料（共 {} 项）：",
                self.applicant,
                self.item_name,
                self.requested.len()
            )),
            numbered(&self.requested),
            Block::Paragraph(format!(
                "本人承诺所提交的材料真实、有效。本人知悉：{expiry}，由此产生的后果由本人承担。"
            )),
            Block::Signatures(vec!["承诺人签字".into(), "日期".into()]),
        ]
    }
}
