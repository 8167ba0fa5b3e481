//! The papers handed over for a case: each print, reprint or save of one of its notices, with
//! when and by whom. It is the written evidence the one-time-notification rule needs (RULES
//! §2): the applicant was given the list on paper, not only told.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::Case;

/// How a document was drawn for paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperForm {
    /// PDF, the Chinese font embedded.
    Pdf,
    /// Plain text, 80 columns (a ticket: 48): when there is no font, or asked for.
    Text,
}

impl PaperForm {
    pub fn key(self) -> &'static str {
        match self {
            PaperForm::Pdf => "pdf",
            PaperForm::Text => "text",
        }
    }

    /// The file name's ending of a document in this form.
    pub fn extension(self) -> &'static str {
        match self {
            PaperForm::Pdf => "pdf",
            PaperForm::Text => "txt",
        }
    }
}

/// Where a document went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "way", rename_all = "snake_case")]
pub enum PaperWay {
    /// The print command took it, for `printer` (none: a command that names no printer).
    Printed {
        printer: Option<String>,
        /// The notice had been printed before (补打).
        reprint: bool,
    },
    /// Saved under the data directory at `path`: asked for, or because of `why` (no printer
    /// set, or the command failed).
    Saved { path: String, why: Option<SaveWhy> },
}

/// Why a document was saved when it was to be printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", content = "detail", rename_all = "snake_case")]
pub enum SaveWhy {
    /// No printer is set for the desk (`[print] printer`, or the window's `printer`).
    NoPrinter,
    /// The print command failed: what it said (its words, as the printer system gave them).
    Failed(String),
}

impl SaveWhy {
    pub fn english(&self) -> String {
        match self {
            SaveWhy::NoPrinter => {
                "no printer is set (`[print] printer` or `[print] command`)".into()
            }
            SaveWhy::Failed(detail) => detail.clone(),
        }
    }

    pub fn chinese(&self) -> String {
        match self {
            SaveWhy::NoPrinter => "未设置打印机（[print] printer 或 [print] command）".into(),
            SaveWhy::Failed(detail) => format!("打印命令失败：{detail}"),
        }
    }
}

/// One print, reprint or save of a case's notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperRecord {
    /// The notice's number on its case.
    pub notice: u32,
    pub at: NaiveDateTime,
    /// The staff code of whoever asked for it.
    pub by: String,
    pub form: PaperForm,
    #[serde(flatten)]
    pub way: PaperWay,
}

impl PaperRecord {
    /// `printed`, `reprinted` or `saved`.
    pub fn verb(&self) -> &'static str {
        match self.way {
            PaperWay::Printed { reprint: false, .. } => "printed",
            PaperWay::Printed { reprint: true, .. } => "reprinted",
            PaperWay::Saved { .. } => "saved",
        }
    }
}

impl Case {
    /// Whether notice `number` has gone to a printer before.
    pub fn printed(&self, number: u32) -> bool {
        self.papers
            .iter()
            .any(|p| p.notice == number && matches!(p.way, PaperWay::Printed { .. }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn a_notice_counts_as_printed_only_once_a_printer_took_it() {
        let mut case = fixtures::accepted("MZ-005", "C01", None);
        let at = case.accepted_on.and_hms_opt(9, 0, 0).unwrap();
        let record = |way| PaperRecord {
            notice: 1,
            at,
            by: "C01".into(),
            form: PaperForm::Pdf,
            way,
        };
        case.papers.push(record(PaperWay::Saved {
            path: "/srv/papers/case-1-notice-1.pdf".into(),
            why: Some(SaveWhy::NoPrinter),
        }));
        assert!(!case.printed(1), "a saved copy is not a print");
        case.papers.push(record(PaperWay::Printed {
            printer: Some("hall".into()),
            reprint: false,
        }));
        assert!(case.printed(1));
        assert!(!case.printed(2));
        assert_eq!(case.papers[1].verb(), "printed");
    }
}
