//! A document as PDF (PDF 文书): its typed blocks laid out on a sheet (`layout`) and drawn in
//! the centre's font, the font's glyphs embedded and subset to those used, so any viewer or
//! printer shows the Chinese exactly as printed here.
//!
//! The PDF depends on nothing but its inputs: the same blocks, font, sheet and metadata give the
//! same bytes, so a reprint reproduces the document issued. The time in it is `Meta::date`,
//! never the clock.

use chrono::{Datelike, NaiveDateTime, Timelike};
use krilla::Document;
use krilla::error::KrillaError;
use krilla::geom::{Point, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

use super::font::FontFile;
use super::layout::{self, Placed, Type};
use crate::domain::notice::Block;
use crate::domain::notice::wrap::char_columns;

pub use super::layout::Sheet;

/// What the PDF says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// The document's title, as a viewer shows it (e.g. "受理通知书 · 案件 #45").
    pub title: String,
    /// When the document was issued, at the centre (Asia/Shanghai): its creation date.
    pub date: NaiveDateTime,
}

/// Why a document could not be made into PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "the font {} (face {index}) cannot be used to draw text: {reason}; give \
         another font with --font FILE (the server: `[print] font`)",
        .path.display()
    )]
    Font {
        path: std::path::PathBuf,
        index: u32,
        reason: String,
    },
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// The centre's offset from UTC: Asia/Shanghai keeps UTC+8 all year.
const SHANGHAI_OFFSET_HOURS: i8 = 8;

/// `blocks` as a PDF on `sheet` in `font`.
pub fn render(
    blocks: &[Block],
    font: &FontFile,
    sheet: Sheet,
    meta: &Meta,
) -> Result<Vec<u8>, PdfError> {
    let unusable = |reason: String| PdfError::Font {
        path: font.path.clone(),
        index: font.index,
        reason,
    };
    let face = FontRef::from_index(&font.data, font.index).map_err(|e| unusable(e.to_string()))?;
    let glyphs = Glyphs::new(&face).map_err(unusable)?;
    let pdf_font = Font::new(font.data.clone().into(), font.index)
        .ok_or_else(|| unusable("its tables could not be read".into()))?;

    let mut document = Document::new();
    for page in layout::pages(blocks, sheet, glyphs.kind()) {
        let settings = PageSettings::from_wh(page.width, page.height)
            .ok_or_else(|| PdfError::Write(format!("a page of {page:?} has no area")))?;
        let mut pdf_page = document.start_page_with(settings);
        let mut surface = pdf_page.surface();
        for line in &page.lines {
            for run in glyphs.runs(line) {
                // Condensed about the run's start, which stays where the grid puts it.
                let condensed = run.scale != 1.0;
                if condensed {
                    let x = run.x * (1.0 - run.scale);
                    surface.push_transform(&Transform::from_row(run.scale, 0.0, 0.0, 1.0, x, 0.0));
                }
                surface.draw_glyphs(
                    Point::from_xy(run.x, line.baseline),
                    &run.glyphs,
                    pdf_font.clone(),
                    &line.text,
                    line.size,
                    false,
                );
                if condensed {
                    surface.pop();
                }
            }
        }
        surface.finish();
        pdf_page.finish();
    }
    document.set_metadata(metadata(blocks, meta));
    document.finish().map_err(|e| match e {
        KrillaError::Font(_, reason) => unusable(format!("embedding it failed: {reason}")),
        other => PdfError::Write(other.to_string()),
    })
}

fn metadata(blocks: &[Block], meta: &Meta) -> Metadata {
    let d = meta.date;
    let date = DateTime::new(u16::try_from(d.year()).unwrap_or(0))
        .month(d.month() as u8)
        .day(d.day() as u8)
        .hour(d.hour() as u8)
        .minute(d.minute() as u8)
        .second(d.second() as u8)
        .utc_offset_hour(SHANGHAI_OFFSET_HOURS);
    Metadata::new()
        .title(meta.title.clone())
        .language("zh-CN".into())
        .creator("frontdesk".into())
        .creation_date(date)
        // The same document keeps one identifier however often it is printed; without it the
        // identifier would be the hash of the bytes, the date among them.
        .document_id(identity(blocks, &meta.title))
}

/// The document's content, from which its identifier is hashed.
fn identity(blocks: &[Block], title: &str) -> String {
    let mut text = title.to_string();
    for line in crate::domain::notice::blocks::lines(blocks) {
        text.push('\n');
        text.push_str(&line);
    }
    text
}

/// The font's glyph for each character, and how wide it is.
struct Glyphs<'a> {
    face: FontRef<'a>,
    units_per_em: f32,
}

/// Glyphs drawn together, from `x`, condensed to `scale` of their width.
struct Run {
    x: f32,
    scale: f32,
    glyphs: Vec<KrillaGlyph>,
}

impl<'a> Glyphs<'a> {
    fn new(face: &FontRef<'a>) -> Result<Self, String> {
        let units_per_em = face
            .head()
            .map_err(|e| format!("its head table is unreadable ({e})"))?
            .units_per_em();
        if units_per_em == 0 {
            return Err("its head table gives 0 units per em".into());
        }
        Ok(Glyphs {
            face: face.clone(),
            units_per_em: f32::from(units_per_em),
        })
    }

    /// The width in ems of `c`'s glyph, if the font has one.
    fn advance(&self, c: char) -> Option<f32> {
        let glyph = self.face.charmap().map(c)?;
        let metrics = self
            .face
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        Some(metrics.advance_width(glyph)? / self.units_per_em).filter(|w| *w > 0.0)
    }

    /// Chinese sets the grid: a column is half the width of 中, so Chinese text runs on
    /// unbroken (half an em in most Chinese fonts).
    fn kind(&self) -> Type {
        Type {
            ems_per_column: (self.advance('中').unwrap_or(1.0) / 2.0).clamp(0.3, 0.8),
        }
    }

    /// The line's glyphs, each in the columns its character takes, so the columns hold in any
    /// font: a glyph narrower than its columns centred in them, a wider one condensed to fit
    /// (WenQuanYi Micro Hei Mono's Latin letters, 0.6 em, to the column's 0.5). Consecutive
    /// glyphs condensed alike are one run. A character the font lacks is drawn as its
    /// missing-glyph box.
    fn runs(&self, line: &Placed) -> Vec<Run> {
        let charmap = self.face.charmap();
        let metrics = self
            .face
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let ems_per_column = line.cell / line.size;
        let mut runs: Vec<Run> = Vec::new();
        let mut column = 0;
        for (at, c) in line.text.char_indices() {
            // Controls other than blanks are not printed (`wrap` counts them as nothing).
            if c.is_control() && !c.is_whitespace() {
                continue;
            }
            let shown = if c.is_whitespace() { ' ' } else { c };
            let glyph = charmap.map(shown).unwrap_or_default();
            let columns = char_columns(c);
            let room = columns as f32 * ems_per_column;
            let own = metrics.advance_width(glyph).unwrap_or(0.0) / self.units_per_em;
            let scale = if own > room && room > 0.0 {
                room / own
            } else {
                1.0
            };
            let placed = KrillaGlyph::new(
                GlyphId::new(glyph.to_u32()),
                room / scale,
                (room / scale - own) / 2.0,
                0.0,
                0.0,
                at..at + c.len_utf8(),
                None,
            );
            match runs.last_mut() {
                Some(run) if run.scale == scale => run.glyphs.push(placed),
                _ => runs.push(Run {
                    x: line.x + column as f32 * line.cell,
                    scale,
                    glyphs: vec![placed],
                }),
            }
            column += columns;
        }
        runs
    }
}
