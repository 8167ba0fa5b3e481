//! Finding the font the paper is printed in (印刷字体): the one given (`--font FILE`) or an
//! installed font with Chinese glyphs, preferring WenQuanYi Micro Hei Mono
//! (fonts-wqy-microhei), whose Latin letters all have one width: on the printed text's column
//! grid (`layout`) every letter then sits as in the one before it. Of the faces of a file, a
//! monospaced one is preferred for the same reason.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::raw::{FileRef, TableProvider};
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};

/// Where fonts are installed on Debian and most other systems, searched in this order.
pub const FONT_DIRS: [&str; 2] = ["/usr/share/fonts", "/usr/local/share/fonts"];

/// Debian's fonts-wqy-microhei, relative to a font directory, and its monospaced face.
const WQY_MICROHEI: &str = "truetype/wqy/wqy-microhei.ttc";
const WQY_MICROHEI_MONO: u32 = 1;

/// Characters a font must map to print a notice: a Chinese character and the full stop.
const CHINESE_PROBE: [char; 2] = ['中', '。'];

/// How deep the search goes below a font directory (Debian's are two levels deep).
const MAX_DEPTH: usize = 6;

/// A font file and the face in it that documents are printed in. Cloning shares the bytes.
#[derive(Clone)]
pub struct FontFile {
    pub path: PathBuf,
    /// The face within a collection (.ttc); 0 for a single font.
    pub index: u32,
    pub data: Arc<Vec<u8>>,
}

impl fmt::Debug for FontFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontFile")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("bytes", &self.data.len())
            .finish()
    }
}

impl FontFile {
    /// The face's family name as the font gives it (e.g. "WenQuanYi Micro Hei Mono").
    pub fn family(&self) -> Option<String> {
        let face = FontRef::from_index(&self.data, self.index).ok()?;
        let name = face
            .localized_strings(StringId::FAMILY_NAME)
            .english_or_first()?;
        Some(name.chars().collect())
    }
}

/// Why no font could be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error(
        "the font file {} (named with `--font`, or `[print] font` in the centre file) does not exist; correct the path, \
         or leave it out to use an installed Chinese font",
        .path.display()
    )]
    Missing { path: PathBuf },
    #[error(
        "the font file {} (named with `--font`, or `[print] font` in the centre file) cannot be read ({source}); give \
         the server's user read access to it or give another font",
        .path.display()
    )]
    Unreadable { path: PathBuf, source: io::Error },
    #[error(
        "{} (named with `--font`, or `[print] font` in the centre file) is not a TrueType or OpenType font \
         (.ttf, .otf, .ttc): {reason}; give the path of a font file",
        .path.display()
    )]
    NotAFont { path: PathBuf, reason: String },
    #[error(
        "the font {} (named with `--font`, or `[print] font` in the centre file) has no Chinese glyphs (it does not \
         map 中 and 。), so a notice would print as empty boxes; give a Chinese font such as \
         /usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        .path.display()
    )]
    NoChinese { path: PathBuf },
    #[error(
        "no font with Chinese glyphs (mapping 中 and 。) was found under {}; install \
         fonts-wqy-microhei or name one with --font FILE (the server: `[print] font`)",
        Places(.searched)
    )]
    NoneFound { searched: Vec<PathBuf> },
}

/// The places searched, as a list for a message.
struct Places<'a>(&'a [PathBuf]);

impl fmt::Display for Places<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.0.iter().map(|p| p.display().to_string()).collect();
        f.write_str(&names.join(", "))
    }
}

/// The font to print in: the file `setting` names (`--font`), else the first Chinese font
/// installed under [`FONT_DIRS`].
pub fn find(setting: Option<&Path>) -> Result<FontFile, FontError> {
    match setting {
        Some(path) => from_setting(path),
        None => {
            let roots: Vec<&Path> = FONT_DIRS.iter().map(Path::new).collect();
            search(&roots)
        }
    }
}

/// The font in `path`: its first face with Chinese glyphs, a monospaced one if it has both.
fn from_setting(path: &Path) -> Result<FontFile, FontError> {
    let data = std::fs::read(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => FontError::Missing {
            path: path.to_path_buf(),
        },
        _ => FontError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let faces = chinese_faces(&data).map_err(|reason| FontError::NotAFont {
        path: path.to_path_buf(),
        reason,
    })?;
    let index = best(&faces).ok_or_else(|| FontError::NoChinese {
        path: path.to_path_buf(),
    })?;
    Ok(FontFile {
        path: path.to_path_buf(),
        index,
        data: Arc::new(data),
    })
}

/// The first font with Chinese glyphs under `roots`: fonts-wqy-microhei's monospaced face where
/// it is installed, else the first such font in name order (a monospaced face first within a
/// file). Files that are not fonts or cannot be read are passed over.
pub fn search(roots: &[&Path]) -> Result<FontFile, FontError> {
    for root in roots {
        let preferred = root.join(WQY_MICROHEI);
        if let Some(font) = usable(&preferred, Some(WQY_MICROHEI_MONO)) {
            return Ok(font);
        }
    }
    for root in roots {
        let mut files = Vec::new();
        font_files(root, 0, &mut files);
        files.sort();
        if let Some(font) = files.iter().find_map(|f| usable(f, None)) {
            return Ok(font);
        }
    }
    Err(FontError::NoneFound {
        searched: roots.iter().map(|r| r.to_path_buf()).collect(),
    })
}

/// The font in `path` if it has a Chinese face (`face`, when given, must be one).
fn usable(path: &Path, face: Option<u32>) -> Option<FontFile> {
    let data = std::fs::read(path).ok()?;
    let faces = chinese_faces(&data).ok()?;
    let index = match face {
        Some(wanted) => faces.iter().find(|f| f.index == wanted)?.index,
        None => best(&faces)?,
    };
    Some(FontFile {
        path: path.to_path_buf(),
        index,
        data: Arc::new(data),
    })
}

/// Font files (.ttf, .otf, .ttc) under `dir`, following links, at most [`MAX_DEPTH`] deep.
fn font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                font_files(&path, depth + 1, out);
            }
        } else if is_font_name(&path) {
            out.push(path);
        }
    }
}

fn is_font_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["ttf", "otf", "ttc"].contains(&e.to_ascii_lowercase().as_str()))
}

/// A face of a font file that maps Chinese.
struct Face {
    index: u32,
    /// Its Latin letters all have one width.
    monospaced: bool,
}

/// The faces of `data` that map Chinese; an error when `data` is no font at all.
fn chinese_faces(data: &[u8]) -> Result<Vec<Face>, String> {
    let file = FileRef::new(data).map_err(|e| e.to_string())?;
    let mut faces = Vec::new();
    let mut readable = false;
    for (index, face) in (0u32..).zip(file.fonts()) {
        let Ok(face) = face else { continue };
        // A font without these tables cannot be drawn; it counts as unreadable.
        if face.head().is_err() || face.hmtx().is_err() {
            continue;
        }
        readable = true;
        let charmap = face.charmap();
        if CHINESE_PROBE.iter().all(|&c| charmap.map(c).is_some()) {
            faces.push(Face {
                index,
                monospaced: monospaced(&face),
            });
        }
    }
    if readable {
        Ok(faces)
    } else {
        Err("no face in it has the tables a font needs (head, hmtx)".into())
    }
}

/// Whether `M`, `i` and `0` are as wide as each other.
fn monospaced(face: &FontRef) -> bool {
    let charmap = face.charmap();
    let metrics = face.glyph_metrics(Size::unscaled(), LocationRef::default());
    let advance = |c: char| charmap.map(c).and_then(|g| metrics.advance_width(g));
    match (advance('M'), advance('i'), advance('0')) {
        (Some(m), Some(i), Some(zero)) => m > 0.0 && m == i && m == zero,
        _ => false,
    }
}

/// The face to use: the first monospaced one, else the first.
fn best(faces: &[Face]) -> Option<u32> {
    faces
        .iter()
        .find(|f| f.monospaced)
        .or_else(|| faces.first())
        .map(|f| f.index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_font_file_names_are_searched() {
        assert!(is_font_name(Path::new("/x/wqy-microhei.ttc")));
        assert!(is_font_name(Path::new("/x/NotoSansCJK.OTF")));
        assert!(!is_font_name(Path::new("/x/fonts.dir")));
        assert!(!is_font_name(Path::new("/x/ttf")));
    }

    #[test]
    fn bytes_that_are_no_font_are_refused_with_a_reason_not_a_panic() {
        for junk in [
            &b""[..],
            b"ttcf\0\0",
            b"\0\x01\0\0\0\x05garbage",
            &[0xff; 64],
        ] {
            let err = chinese_faces(junk).err();
            assert!(err.is_some_and(|r| !r.is_empty()), "{junk:?}");
        }
    }

    #[test]
    fn none_found_names_every_place_searched_and_what_to_do() {
        let err = FontError::NoneFound {
            searched: vec!["/a".into(), "/b".into()],
        };
        let text = err.to_string();
        assert!(text.contains("/a, /b"), "{text}");
        assert!(text.contains("install fonts-wqy-microhei"), "{text}");
        assert!(text.contains("--font FILE"), "{text}");
    }
}
