//! `--pdf FILE` of the commands that print a document (`case notice`, `guide`): the document's
//! blocks drawn as PDF with the Chinese font embedded, written where asked. The font is
//! `--font FILE`, else the centre file's `[print] font`, else found in the usual places; when there is none, the error says what to
//! install and that the text form is always there.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use clap::Args;

use super::{Ctx, Failure};
use frontdesk::domain::case::PaperWay;
use frontdesk::domain::notice::Block;
use frontdesk::paper::{font, pdf};

/// Where a document's PDF goes, and the font to draw it in.
#[derive(Args, Debug, Clone, Default)]
pub struct PdfArgs {
    /// Write the document as PDF to FILE instead of printing its text
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// The font for the PDF (a .ttf, .otf or .ttc with Chinese glyphs); default: found in
    /// /usr/share/fonts (Debian's fonts-wqy-microhei)
    #[arg(long, value_name = "FILE", requires = "pdf")]
    pub font: Option<PathBuf>,
}

/// Writes `blocks` as an A4 PDF to `file`; `title` and `date` are the document's own, so the
/// same document gives the same bytes.
pub fn write(
    ctx: &Ctx,
    blocks: &[Block],
    title: &str,
    date: NaiveDateTime,
    args: &PdfArgs,
    file: &Path,
) -> Result<(), Failure> {
    // `--font`, else the centre's `[print] font`, else the usual places.
    let setting = args.font.clone().or_else(|| {
        let data = ctx.data_dir().ok()?;
        data.centre().ok()?.0.print.font
    });
    let face = font::find(setting.as_deref()).map_err(|e| {
        Failure::Error(format!(
            "{e}; without --pdf the command prints the document as text"
        ))
    })?;
    let meta = pdf::Meta {
        title: title.to_string(),
        date,
    };
    let bytes = pdf::render(blocks, &face, pdf::Sheet::A4, &meta)
        .map_err(|e| Failure::Error(e.to_string()))?;
    std::fs::write(file, &bytes).map_err(|e| {
        Failure::Error(format!(
            "cannot write the PDF to {}: {e}; choose a file in a directory you may write",
            file.display()
        ))
    })
}

/// Where a document the server put on paper went, as printed fields: `printed<TAB>PRINTER`
/// (`reprinted` for a notice printed before), or `saved<TAB>PATH<TAB>WHY`.
pub fn way_fields(verb: &str, way: &PaperWay) -> Vec<String> {
    match way {
        PaperWay::Printed { printer, .. } => {
            vec![
                verb.to_string(),
                printer.clone().unwrap_or_else(|| "-".into()),
            ]
        }
        PaperWay::Saved { path, why } => vec![
            verb.to_string(),
            path.clone(),
            why.as_ref()
                .map_or_else(|| "asked to save".into(), |w| w.english()),
        ],
    }
}
