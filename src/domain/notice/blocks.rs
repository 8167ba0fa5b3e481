//! A document as typed blocks (文书的版块): the title, paragraphs, lists, tables and the
//! signature line, composed once and rendered for each place it is shown — the printed text at
//! a fixed width (`text`), the console, and later the ticket and paper.

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use super::wrap::wrap;

/// One block of a document, in the order it is printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "block", content = "content")]
pub enum Block {
    /// The document's title (e.g. 驳回通知书); a document has exactly one.
    Heading(String),
    /// A paragraph of running text.
    Paragraph(String),
    /// A numbered list, each item numbered from 1 and indented, its continuation lines
    /// indented under its text.
    Numbered(Vec<String>),
    /// An indented list without numbers (e.g. the materials received).
    Listed(Vec<String>),
    /// Rows of cells, each column as wide as its widest cell.
    Table(Vec<Vec<String>>),
    /// The lines to sign, one per signatory (e.g. 申请人签字).
    Signatures(Vec<String>),
    /// The end of a sheet: what follows is a document of its own on a new page (the
    /// 容缺受理承诺书 after its 告知书), with its own heading. Text shows a cut line.
    PageBreak,
}

/// The width of the printed notice, in columns (a Chinese character counts two).
pub const PAPER_WIDTH: usize = 80;
/// The width of a receipt or ticket on an 80 mm roll, in columns.
pub const TICKET_WIDTH: usize = 48;

/// How far list items are indented.
const INDENT: &str = "  ";
/// The blank a signatory writes on.
const SIGN_HERE: &str = "____________";

impl Block {
    /// The block's lines at `width` columns (a Chinese character counts two); `None` leaves
    /// every paragraph and item on one line.
    pub fn lines(&self, width: Option<usize>) -> Vec<String> {
        let fill = |text: &str, indent: &str, first: &str| -> Vec<String> {
            let room = width.map(|w| w.saturating_sub(first.width()).max(2));
            let mut out = Vec::new();
            for (i, line) in fit(text, room).into_iter().enumerate() {
                let lead = if i == 0 { first } else { indent };
                out.push(format!("{lead}{line}"));
            }
            out
        };
        match self {
            Block::Heading(text) | Block::Paragraph(text) => fill(text, "", ""),
            Block::Numbered(items) => items
                .iter()
                .enumerate()
                .flat_map(|(i, item)| {
                    let first = format!("{INDENT}{}. ", i + 1);
                    let under = " ".repeat(first.width());
                    fill(item, &under, &first)
                })
                .collect(),
            Block::Listed(items) => items
                .iter()
                .flat_map(|item| fill(item, INDENT, INDENT))
                .collect(),
            Block::Table(rows) => table(rows)
                .iter()
                .flat_map(|row| fill(row, INDENT, ""))
                .collect(),
            Block::Signatures(who) => {
                let line = who
                    .iter()
                    .map(|w| format!("{w}：{SIGN_HERE}"))
                    .collect::<Vec<_>>()
                    .join("    ");
                fill(&line, "", "")
            }
            Block::PageBreak => vec!["-".repeat(width.unwrap_or(PAPER_WIDTH))],
        }
    }
}

/// The document as printed text, `width` columns wide (RULES §2's notice is 80, a receipt on
/// the roll 48).
pub fn text(blocks: &[Block], width: usize) -> Vec<String> {
    blocks.iter().flat_map(|b| b.lines(Some(width))).collect()
}

/// The document one paragraph or item to a line, unwrapped.
pub fn lines(blocks: &[Block]) -> Vec<String> {
    blocks.iter().flat_map(|b| b.lines(None)).collect()
}

fn fit(text: &str, width: Option<usize>) -> Vec<String> {
    match width {
        Some(w) => wrap(text, w),
        None => vec![text.to_string()],
    }
}

/// Each row as one line, its cells padded to their column's width.
fn table(rows: &[Vec<String>]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if c + 1 < row.len() {
                    line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
                }
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_items_continuation_lines_are_indented_under_its_text() {
        let item = "特殊困难身份证明".repeat(4);
        let out = Block::Numbered(vec!["照片".into(), item]).lines(Some(30));
        assert_eq!(out[0], "  1. 照片");
        assert!(out[1].starts_with("  2. 特殊"), "{out:#?}");
        for line in &out[2..] {
            assert!(
                line.starts_with("     ") && !line.starts_with("      "),
                "{out:#?}"
            );
            assert!(line.width() <= 30, "{out:#?}");
        }
    }

    #[test]
    fn a_tables_columns_line_up_however_wide_their_characters() {
        let rows = vec![
            vec!["材料".to_string(), "份数".to_string()],
            vec!["ID card".to_string(), "1".to_string()],
        ];
        assert_eq!(
            Block::Table(rows).lines(Some(80)),
            ["材料     份数", "ID card  1"]
        );
    }

    #[test]
    fn blocks_read_back_from_json_as_written() {
        let doc = vec![
            Block::Heading("驳回通知书".into()),
            Block::Numbered(vec!["居民身份证".into()]),
            Block::Table(vec![vec!["a".into(), "b".into()]]),
        ];
        let json = serde_json::to_string(&doc).unwrap();
        assert!(
            json.starts_with(r#"[{"block":"heading","content":"驳回通知书"}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Vec<Block>>(&json).unwrap(), doc);
    }

    #[test]
    fn the_signature_line_leaves_a_blank_for_each_signatory() {
        let b = Block::Signatures(vec!["申请人签字".into(), "经办人签字".into()]);
        assert_eq!(
            b.lines(None),
            ["申请人签字：____________    经办人签字：____________"]
        );
    }
}
