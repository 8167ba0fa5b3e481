//! Where each line of a document goes on a sheet (版面): the lines of the printed text, each
//! character on a grid of columns, two for a Chinese character as in the text form, so tables
//! line up whatever the font; the heading larger and centred; a new page when one is full and
//! at every `Block::PageBreak`; a page footer on A4. The grid is the sheet's, the type size the
//! font's: how many ems a column is (`Type`).
//!
//! Lengths are in PDF points (1/72 inch), measured from the top left corner of the page.

use crate::domain::notice::wrap::{char_columns, columns};
use crate::domain::notice::{Block, PAPER_WIDTH, TICKET_WIDTH};

/// Points in a millimetre.
const MM: f32 = 72.0 / 25.4;

/// The sheet a document is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// A4 portrait, 80 columns (`PAPER_WIDTH`): notices and other documents.
    A4,
    /// An 80 mm receipt roll, 48 columns (`TICKET_WIDTH`), each page as long as its content.
    Receipt,
}

/// How much larger the heading is than the running text.
const HEADING_SCALE: f32 = 1.5;

impl Sheet {
    /// Columns of running text across the sheet.
    pub fn columns(self) -> usize {
        match self {
            Sheet::A4 => PAPER_WIDTH,
            Sheet::Receipt => TICKET_WIDTH,
        }
    }

    /// The page's width in points.
    pub fn width(self) -> f32 {
        match self {
            Sheet::A4 => 210.0 * MM,
            Sheet::Receipt => 80.0 * MM,
        }
    }

    /// The page's height in points; `None` for the roll, which is cut after its content.
    pub fn height(self) -> Option<f32> {
        match self {
            Sheet::A4 => Some(297.0 * MM),
            Sheet::Receipt => None,
        }
    }

    /// A column's width in points. On A4, 80 columns of 6 pt leave margins of 20 mm; on the
    /// roll, 48 columns fill the 72 mm a receipt printer prints.
    pub fn cell(self) -> f32 {
        match self {
            Sheet::A4 => 6.0,
            Sheet::Receipt => 72.0 * MM / TICKET_WIDTH as f32,
        }
    }

    /// The columns the heading wraps at: fewer, as its characters are larger.
    pub fn heading_columns(self) -> usize {
        (self.columns() as f32 / HEADING_SCALE) as usize
    }

    /// The distance from one line's baseline to the next: 1.4 times a Chinese character's
    /// two columns, whatever the font, so a document breaks into the same pages in any font.
    fn pitch(self) -> f32 {
        self.cell() * 2.0 * 1.4
    }

    /// The left edge of the column grid: the grid is centred on the sheet.
    pub fn left(self) -> f32 {
        (self.width() - self.columns() as f32 * self.cell()) / 2.0
    }

    /// The right edge of the column grid; no line reaches past it.
    pub fn right(self) -> f32 {
        self.left() + self.columns() as f32 * self.cell()
    }

    fn top(self) -> f32 {
        match self {
            Sheet::A4 => 20.0 * MM,
            Sheet::Receipt => 5.0 * MM,
        }
    }

    /// Below the text: on A4 room for the footer too, on the roll the margin before the cut.
    fn bottom(self) -> f32 {
        match self {
            Sheet::A4 => 25.0 * MM,
            Sheet::Receipt => 8.0 * MM,
        }
    }
}

/// The font's proportions: how many ems one column is. A font whose Latin letters are half
/// an em and its Chinese one em has exactly 0.5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Type {
    pub ems_per_column: f32,
}

impl Type {
    /// The type size that makes a column `cell` points wide.
    fn size(self, cell: f32) -> f32 {
        cell / self.ems_per_column
    }
}

/// One line of text placed on a page: its left end on the baseline, its type size and its
/// columns' width.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub text: String,
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub cell: f32,
}

impl Placed {
    /// Where the line ends on the right.
    pub fn right(&self) -> f32 {
        self.x + columns(&self.text) as f32 * self.cell
    }
}

/// One page, its size and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Placed>,
}

/// A line before it has a place: its text, type size and whether it is centred.
struct Row {
    text: String,
    /// How much larger than the running text.
    scale: f32,
    centred: bool,
    /// Space taken below the previous row, baseline to baseline.
    advance: f32,
    /// A heading stays with the row that follows it.
    keep_with_next: bool,
}

/// The document's pages on `sheet`, in type of `kind`: at least one, even for no blocks.
pub fn pages(blocks: &[Block], sheet: Sheet, kind: Type) -> Vec<Page> {
    let mut pages = Vec::new();
    // A break at the start or the end, or two in a row, makes no blank page.
    let sections = blocks
        .split(|b| *b == Block::PageBreak)
        .filter(|s| !s.is_empty());
    for section in sections {
        let rows = rows(section, sheet);
        match sheet.height() {
            Some(height) => paginate(&rows, sheet, kind, height, &mut pages),
            None => pages.push(roll(&rows, sheet, kind)),
        }
    }
    if pages.is_empty() {
        match sheet.height() {
            Some(height) => paginate(&[], sheet, kind, height, &mut pages),
            None => pages.push(roll(&[], sheet, kind)),
        }
    }
    if pages.len() > 1 && sheet == Sheet::A4 {
        number(&mut pages, sheet, kind);
    }
    pages
}

/// The rows of one sheet's worth of blocks, every one at most as wide as the grid.
fn rows(section: &[Block], sheet: Sheet) -> Vec<Row> {
    let mut out = Vec::new();
    for block in section {
        match block {
            Block::Heading(_) => {
                for line in block.lines(Some(sheet.heading_columns())) {
                    for text in within(line, sheet.heading_columns()) {
                        out.push(Row {
                            text,
                            scale: HEADING_SCALE,
                            centred: true,
                            advance: sheet.pitch() * HEADING_SCALE,
                            keep_with_next: true,
                        });
                    }
                }
                // Half a line of space under the heading, which stays with the text after it.
                out.push(Row {
                    text: String::new(),
                    scale: 1.0,
                    centred: false,
                    advance: sheet.pitch() * 0.5,
                    keep_with_next: true,
                });
            }
            _ => {
                for line in block.lines(Some(sheet.columns())) {
                    for text in within(line, sheet.columns()) {
                        out.push(Row {
                            text,
                            scale: 1.0,
                            centred: false,
                            advance: sheet.pitch(),
                            keep_with_next: false,
                        });
                    }
                }
                // A paragraph that introduces what follows (办理流程：) stays with it.
                if let Block::Paragraph(text) = block
                    && text.trim_end().ends_with(['：', ':'])
                    && let Some(last) = out.last_mut()
                {
                    last.keep_with_next = true;
                }
            }
        }
    }
    out
}

/// `line` as it is if it fits `width` columns, else cut into pieces that do. The wrapping of
/// `Block::lines` already keeps to the width; this is the guarantee that nothing is ever drawn
/// past the sheet's edge, whatever a block holds.
fn within(line: String, width: usize) -> Vec<String> {
    if columns(&line) <= width {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = char_columns(c);
        if used + w > width && !piece.is_empty() {
            out.push(std::mem::take(&mut piece));
            used = 0;
        }
        piece.push(c);
        used += w;
    }
    out.push(piece);
    out
}

/// Fixed-height pages filled row by row, a heading never left alone at the foot of a page.
fn paginate(rows: &[Row], sheet: Sheet, kind: Type, height: f32, pages: &mut Vec<Page>) {
    let floor = height - sheet.bottom();
    let new_page = || Page {
        width: sheet.width(),
        height,
        lines: Vec::new(),
    };
    let mut page = new_page();
    let mut y = sheet.top();
    for (i, row) in rows.iter().enumerate() {
        // The room this row needs: itself, and the rows that must stay with it.
        let needed: f32 = rows[i..]
            .iter()
            .scan(true, |go_on, r| {
                let take = *go_on;
                *go_on = r.keep_with_next;
                take.then_some(r.advance)
            })
            .sum();
        if y + needed.min(floor - sheet.top()) > floor && !page.lines.is_empty() {
            pages.push(std::mem::replace(&mut page, new_page()));
            y = sheet.top();
        }
        if y == sheet.top() && row.text.is_empty() {
            continue; // no blank space at the top of a page
        }
        place(&mut page, row, sheet, kind, y);
        y += row.advance;
    }
    pages.push(page);
}

/// The roll: one page exactly as long as its rows.
fn roll(rows: &[Row], sheet: Sheet, kind: Type) -> Page {
    let mut page = Page {
        width: sheet.width(),
        height: 0.0,
        lines: Vec::new(),
    };
    let mut y = sheet.top();
    for row in rows {
        place(&mut page, row, sheet, kind, y);
        y += row.advance;
    }
    page.height = y + sheet.bottom();
    page
}

/// `row` on `page`, its line's top at `top`: at the grid's left edge or centred on the grid,
/// its baseline at the ascent of its Chinese characters (0.88 em, as in most Chinese fonts).
fn place(page: &mut Page, row: &Row, sheet: Sheet, kind: Type, top: f32) {
    if row.text.trim().is_empty() {
        return;
    }
    let cell = sheet.cell() * row.scale;
    let x = if row.centred {
        let width = columns(&row.text) as f32 * cell;
        sheet.left() + (sheet.right() - sheet.left() - width).max(0.0) / 2.0
    } else {
        sheet.left()
    };
    // The line's box is its advance; a Chinese character (two columns) sits centred in it.
    let em = cell * 2.0;
    page.lines.push(Placed {
        text: row.text.clone(),
        x,
        baseline: top + (row.advance - em).max(0.0) / 2.0 + em * 0.88,
        size: kind.size(cell),
        cell,
    });
}

/// "第 N 页 共 M 页" centred under the text of every page.
fn number(pages: &mut [Page], sheet: Sheet, kind: Type) {
    let total = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        let row = Row {
            text: format!("第 {} 页 共 {total} 页", n + 1),
            scale: 0.85,
            centred: true,
            advance: 0.0,
            keep_with_next: false,
        };
        let top = page.height - sheet.bottom() / 2.0 - sheet.cell() * 2.0;
        place(page, &row, sheet, kind, top);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Latin half an em, Chinese one em.
    const HALF: Type = Type {
        ems_per_column: 0.5,
    };

    fn paragraphs(n: usize) -> Vec<Block> {
        (1..=n)
            .map(|i| Block::Paragraph(format!("第{i}段")))
            .collect()
    }

    #[test]
    fn eighty_columns_fill_a4_between_margins_of_twenty_millimetres() {
        let s = Sheet::A4;
        assert!((s.left() / MM - 20.3).abs() < 0.1, "{}", s.left() / MM);
        assert!((s.width() - s.right() - s.left()).abs() < 0.01);
        let r = Sheet::Receipt;
        assert!(((r.right() - r.left()) / MM - 72.0).abs() < 0.01);
    }

    #[test]
    fn a_full_page_goes_on_to_the_next_and_every_page_is_numbered() {
        let pages = pages(&paragraphs(100), Sheet::A4, HALF);
        assert!(pages.len() >= 3, "{}", pages.len());
        for (n, page) in pages.iter().enumerate() {
            let footer = page.lines.last().map(|l| l.text.as_str());
            assert_eq!(
                footer,
                Some(format!("第 {} 页 共 {} 页", n + 1, pages.len()).as_str())
            );
            for line in &page.lines {
                assert!(line.baseline < page.height, "{line:?}");
            }
        }
        let texts: Vec<&str> = pages
            .iter()
            .flat_map(|p| &p.lines[..p.lines.len() - 1])
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(texts.len(), 100, "every line once, in order");
        assert_eq!(texts[99], "第100段");
    }

    #[test]
    fn a_one_page_document_has_no_page_footer() {
        let pages = pages(&paragraphs(3), Sheet::A4, HALF);
        assert_eq!(pages.len(), 1);
        assert!(!pages[0].lines.iter().any(|l| l.text.contains("页")));
    }

    #[test]
    fn the_heading_is_larger_centred_and_wrapped_at_its_own_width() {
        let title = "很长的标题".repeat(12);
        let pages = pages(&[Block::Heading(title)], Sheet::A4, HALF);
        let lines = &pages[0].lines;
        assert!(lines.len() >= 3, "{lines:#?}");
        for line in lines {
            assert_eq!(line.size, 18.0);
            assert!(columns(&line.text) <= Sheet::A4.heading_columns());
            assert!(line.x >= Sheet::A4.left() && line.right() <= Sheet::A4.right() + 0.01);
        }
        let last = lines.last().unwrap();
        let centre = (last.x + last.right()) / 2.0;
        assert!((centre - Sheet::A4.width() / 2.0).abs() < 0.01, "{last:?}");
    }

    #[test]
    fn a_heading_at_the_foot_of_a_page_moves_to_the_next_with_its_text() {
        let full = Sheet::A4.height().unwrap() - Sheet::A4.top() - Sheet::A4.bottom();
        let fit = (full / Sheet::A4.pitch()) as usize;
        let mut doc = paragraphs(fit - 1);
        doc.push(Block::Heading("标题".into()));
        doc.push(Block::Paragraph("正文".into()));
        let pages = pages(&doc, Sheet::A4, HALF);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].lines[0].text, "标题");
        assert_eq!(pages[1].lines[1].text, "正文");
    }

    #[test]
    fn a_paragraph_introducing_a_list_is_not_left_at_the_foot_of_a_page() {
        let full = Sheet::A4.height().unwrap() - Sheet::A4.top() - Sheet::A4.bottom();
        let fit = (full / Sheet::A4.pitch()) as usize;
        let mut doc = paragraphs(fit - 1);
        doc.push(Block::Paragraph("办理流程：".into()));
        doc.push(Block::Numbered(vec!["申请".into(), "受理".into()]));
        let pages = pages(&doc, Sheet::A4, HALF);
        assert_eq!(pages[1].lines[0].text, "办理流程：");
        assert_eq!(pages[1].lines[1].text, "  1. 申请");
    }

    #[test]
    fn a_page_break_starts_a_new_page_and_draws_no_cut_line() {
        let doc = vec![
            Block::Paragraph("告知书".into()),
            Block::PageBreak,
            Block::Paragraph("承诺书".into()),
        ];
        for sheet in [Sheet::A4, Sheet::Receipt] {
            let pages = pages(&doc, sheet, HALF);
            assert_eq!(pages.len(), 2, "{sheet:?}");
            assert_eq!(pages[1].lines[0].text, "承诺书");
            assert!(
                !pages
                    .iter()
                    .flat_map(|p| &p.lines)
                    .any(|l| l.text.contains("---"))
            );
        }
    }

    #[test]
    fn a_receipt_is_as_long_as_its_content() {
        let short = pages(&paragraphs(2), Sheet::Receipt, HALF);
        let long = pages(&paragraphs(40), Sheet::Receipt, HALF);
        assert_eq!((short.len(), long.len()), (1, 1));
        let more = long[0].height - short[0].height;
        assert!(
            (more - 38.0 * Sheet::Receipt.pitch()).abs() < 0.01,
            "{more}"
        );
    }

    #[test]
    fn a_line_too_wide_for_the_sheet_is_cut_never_drawn_past_its_edge() {
        let pieces = within("x".repeat(100) + "中", 48);
        assert_eq!(pieces.len(), 3);
        assert!(pieces.iter().all(|p| columns(p) <= 48));
        assert_eq!(pieces.concat(), "x".repeat(100) + "中");
    }

    #[test]
    fn no_blocks_still_make_one_page() {
        assert_eq!(pages(&[], Sheet::A4, HALF).len(), 1);
        assert_eq!(pages(&[], Sheet::Receipt, HALF).len(), 1);
    }
}
