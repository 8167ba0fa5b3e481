//! The words of the supervisor's lists (the complaint register's countdowns, the violations to
//! confirm, the ledgers), in Simplified Chinese and English, apart from `text.rs` to keep each
//! file to one screenful of ideas.

use chrono::NaiveDate;

use super::text::Lang;
use crate::domain::accountability::{Sanction, ViolationType};
use crate::domain::complaint::Ground;

/// A piece of the supervisor's lists' text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    Complaints,
    Proposals,
    Ledgers,
    NoComplaints,
    NoProposals,
    NoLedgers,
    Against,
    Extended,
    Provisional,
    LedgerHead,
    NoSanction,
    NoProposalSelected,
    AskConfirm,
    More,
    Rectifications,
    NoRectifications,
    Appealed,
    Visits,
    NoVisits,
    VisitCase,
}

impl W {
    pub fn get(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            W::Complaints => ("投诉答复倒计时", "Complaint replies due"),
            W::Proposals => ("待认定违规", "Violations to confirm"),
            W::Ledgers => ("个人台账", "Ledgers this year"),
            W::NoComplaints => ("没有待答复的投诉", "No complaint waits for its reply"),
            W::NoProposals => ("没有待认定的违规", "No violation waits for the director"),
            W::NoLedgers => ("今年没有违规记录", "No violation this year"),
            W::Against => ("被投诉", "against"),
            W::Extended => ("已延期", "extended"),
            W::Provisional => ("暂定", "provisional"),
            W::LedgerHead => (
                "人员                 已认定 待认定  最近一次处理",
                "Staff                confirmed proposed  latest sanction",
            ),
            W::NoSanction => ("-", "-"),
            W::NoProposalSelected => (
                "先在“待认定违规”清单中选中一条",
                "Select a violation in the list to confirm first",
            ),
            W::AskConfirm => ("认定违规", "Confirm violation"),
            W::More => ("另有", "more:"),
            W::Rectifications => ("差评整改", "差评 rectifications due"),
            W::NoRectifications => ("没有待整改的差评", "No 差评 waits for its rectification"),
            W::Appealed => ("已申诉", "appealed"),
            W::Visits => ("本月待回访", "Return visits to call this month"),
            W::NoVisits => (
                "本月尚未抽取回访，或已全部回访（frontdesk visit draw）",
                "No return visit to call this month (frontdesk visit draw)",
            ),
            W::VisitCase => ("案件", "case"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// How long a reply has: `还剩 2 个工作日`, `今日到期`, `超期 3 天`.
pub fn countdown(lang: Lang, due: NaiveDate, today: NaiveDate, left: i64, over: i64) -> String {
    match (lang, due.cmp(&today)) {
        (Lang::Zh, std::cmp::Ordering::Greater) => format!("还剩 {left} 个工作日"),
        (Lang::Zh, std::cmp::Ordering::Equal) => "今日到期".into(),
        (Lang::Zh, std::cmp::Ordering::Less) => format!("超期 {over} 天"),
        (Lang::En, std::cmp::Ordering::Greater) => format!("{left} working days left"),
        (Lang::En, std::cmp::Ordering::Equal) => "due today".into(),
        (Lang::En, std::cmp::Ordering::Less) => format!("{over} days overdue"),
    }
}

pub fn grounds(lang: Lang, grounds: &[Ground]) -> String {
    let words: Vec<&str> = grounds
        .iter()
        .map(|g| match lang {
            Lang::Zh => g.chinese(),
            Lang::En => g.key(),
        })
        .collect();
    words.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

pub fn kind(lang: Lang, k: ViolationType) -> &'static str {
    match lang {
        Lang::Zh => k.chinese(),
        Lang::En => k.key(),
    }
}

pub fn sanction(lang: Lang, s: Option<&Sanction>) -> String {
    match (s, lang) {
        (None, _) => W::NoSanction.get(lang).into(),
        (Some(s), Lang::Zh) => s.chinese(),
        (Some(s), Lang::En) => s.english(),
    }
}
