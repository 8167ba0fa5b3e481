//! Documents as PDF (DESIGN.md "Documents"): a notice composed from the demo centre, drawn in an
//! embedded, subset Chinese font, reads back as its text form; the same document gives the
//! same bytes; long documents go on to further pages and nothing is drawn past the sheet.
//!
//! Read back with poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`) in the font of
//! fonts-wqy-microhei; CI installs both (`.ci/run`), and a machine without them fails here with
//! the package to install.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDateTime;
use frontdesk::domain::case::notify::compose;
use frontdesk::domain::catalogue::{Material, ServiceItem};
use frontdesk::domain::notice::{Block, Notice};
use frontdesk::paper::font::{self, FontError, FontFile};
use frontdesk::paper::pdf::{Meta, Sheet, render};

use crate::common::empty_dir;
use crate::common::world::{ELDER_MEALS, World, d, world};

/// The font the tests print in: fonts-wqy-microhei, as on a centre's server.
fn wqy() -> FontFile {
    match font::find(None) {
        Ok(f) => f,
        Err(e) => panic!(
            "these tests need the Chinese font of fonts-wqy-microhei \
             (apt-get install fonts-wqy-microhei; CI installs it): {e}"
        ),
    }
}

/// Runs a poppler-utils tool on `pdf` and returns its output.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "`{tool}` cannot be run ({e}): these tests need poppler-utils \
                 (apt-get install poppler-utils; CI installs it)"
            )
        });
    assert!(
        out.status.success(),
        "{tool} {args:?} {} failed: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn meta(title: &str) -> Meta {
    Meta {
        title: title.into(),
        date: at("2026-11-23 09:30:00"),
    }
}

/// The notice (as case #7) as an A4 PDF in the font the centre prints in.
fn a4(notice: &Notice) -> Vec<u8> {
    render(
        &notice.blocks(7),
        &wqy(),
        Sheet::A4,
        &meta("容缺受理告知书"),
    )
    .unwrap()
}

/// `bytes` saved as a file of a fresh directory, for the tools to read.
fn saved(bytes: &[u8], name: &str) -> PathBuf {
    let path = empty_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A 容缺 case of 老年助餐补贴: the main materials in hand, two secondary ones still to bring.
fn deficiency(w: &World) -> Notice {
    let case = w.accept(ELDER_MEALS, d(2026, 11, 23), &w.mains(ELDER_MEALS), &[]);
    compose(
        &case,
        w.item(ELDER_MEALS),
        &w.centre,
        &w.cal,
        1,
        case.accepted_on,
    )
    .unwrap()
}

/// Text without its blanks: `pdftotext -layout` spaces a line as it measures it.
fn solid(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn a_notice_as_pdf_reads_back_with_the_applicant_every_missing_material_and_the_deadline() {
    let w = world();
    let notice = deficiency(&w);
    let blocks = notice.blocks(7);
    let pdf = render(&blocks, &wqy(), Sheet::A4, &meta("容缺受理告知书")).unwrap();
    let read = poppler("pdftotext", &["-layout"], &saved(&pdf, "notice.pdf"));

    let text = notice.text(7, 80);
    assert!(text.iter().any(|l| l == "申请人：张三"), "{text:#?}");
    assert!(read.lines().any(|l| l.trim() == "申请人：张三"), "{read}");
    assert_eq!(notice.requested.len(), 2);
    for material in &notice.requested {
        assert!(
            read.contains(&material.name),
            "{} missing:\n{read}",
            material.name
        );
    }
    let dates: Vec<&String> = text
        .iter()
        .filter(|l| l.starts_with("补齐期限：") || l.starts_with("办结日期："))
        .collect();
    assert_eq!(dates.len(), 2, "{text:#?}");
    for line in dates {
        assert!(
            read.lines().any(|l| l.trim() == line),
            "`{line}` missing:\n{read}"
        );
    }
    // Line for line, the PDF says what the text form says: the text's cut line before the
    // 承诺书 is a new page on paper, each page with its footer.
    let footer = |l: &String| l.starts_with('第') && l.ends_with('页') && l.contains('共');
    let read_lines: Vec<String> = read
        .lines()
        .map(solid)
        .filter(|l| !l.is_empty() && !footer(l))
        .collect();
    let text_lines: Vec<String> = text
        .iter()
        .map(|l| solid(l))
        .filter(|l| !l.is_empty() && !l.chars().all(|c| c == '-'))
        .collect();
    assert_eq!(read_lines, text_lines);
}

#[test]
fn the_font_is_embedded_and_subset() {
    let w = world();
    let notice = deficiency(&w);
    let pdf = a4(&notice);
    let fonts = poppler("pdffonts", &[], &saved(&pdf, "notice.pdf"));
    // name  type  encoding  emb sub uni  object ID
    let rows: Vec<Vec<&str>> = fonts
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 1, "{fonts}");
    let row = &rows[0];
    let (name, flags) = (row[0], &row[row.len() - 5..row.len() - 2]);
    assert!(name.contains("+WenQuanYiMicroHeiMono"), "{fonts}");
    assert_eq!(
        flags,
        ["yes", "yes", "yes"],
        "embedded, subset, with text: {fonts}"
    );
}

#[test]
fn the_same_document_printed_twice_gives_the_same_bytes() {
    let w = world();
    let notice = deficiency(&w);
    let font = wqy();
    let first = render(&notice.blocks(7), &font, Sheet::A4, &meta("容缺受理告知书")).unwrap();
    let again = render(
        &notice.blocks(7),
        &font.clone(),
        Sheet::A4,
        &meta("容缺受理告知书"),
    );
    assert!(first == again.unwrap());
}

/// The spans where `a` and `b` differ, as text.
fn differences(a: &[u8], b: &[u8]) -> Vec<(String, String)> {
    assert_eq!(a.len(), b.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < a.len() {
        if a[i] == b[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < a.len() && a[i] != b[i] {
            i += 1;
        }
        let span = |x: &[u8]| String::from_utf8_lossy(&x[start..i]).into_owned();
        out.push((span(a), span(b)));
    }
    out
}

#[test]
fn a_different_date_changes_the_pdf_only_in_its_date() {
    let w = world();
    let notice = deficiency(&w);
    let font = wqy();
    let blocks = notice.blocks(7);
    let on = |date: &str| {
        let meta = Meta {
            date: at(date),
            ..meta("容缺受理告知书")
        };
        render(&blocks, &font, Sheet::A4, &meta).unwrap()
    };
    let (a, b) = (on("2026-11-23 09:30:00"), on("2026-11-24 09:30:00"));
    let a_text = String::from_utf8_lossy(&a);
    // The date as the document's information and as its XMP metadata, in Asia/Shanghai.
    assert!(a_text.contains("D:20261123093000+08'00"), "no PDF date");
    assert!(a_text.contains("2026-11-23T09:30:00+08:00"), "no XMP date");
    let instance = |pdf: &str| -> String {
        let from = pdf.find("<xmpMM:InstanceID>").expect("an instance ID") + 18;
        let to = from + pdf[from..].find('<').unwrap();
        pdf[from..to].to_string()
    };
    let (a_id, b_id) = (instance(&a_text), instance(&String::from_utf8_lossy(&b)));
    let changed = differences(&a, &b);
    assert!(
        changed
            .iter()
            .any(|(was, is)| (was.as_str(), is.as_str()) == ("3", "4"))
    );
    for (was, is) in changed {
        // Each difference is in the date, or in the identifier of this printing, which is the
        // hash of the bytes and so of the date.
        let date = was.len() <= 2 && was.contains('3') && is.contains('4');
        let id = a_id.contains(&was) && b_id.contains(&is);
        assert!(date || id, "`{was}` became `{is}`");
    }
    // The document's own identifier stays: it is the same document.
    assert_eq!(
        document_id(&a_text),
        document_id(&String::from_utf8_lossy(&b))
    );
}

fn document_id(pdf: &str) -> String {
    let from = pdf.find("<xmpMM:DocumentID>").expect("a document ID") + 18;
    pdf[from..from + pdf[from..].find('<').unwrap()].to_string()
}

/// 老年助餐补贴 with `extra` more secondary materials, each with a note long enough to wrap.
fn with_many_materials(w: &World, extra: usize) -> ServiceItem {
    let mut item = w.item(ELDER_MEALS).clone();
    for n in 1..=extra {
        item.materials.push(Material {
            name: format!("第{n}项补充证明材料"),
            main: false,
            copies: Some(1),
            note: Some(
                "由户籍所在地村（居）委会出具并加盖公章，写明申请人的家庭成员及收入情况".into(),
            ),
            for_window: None,
            pages: None,
        });
    }
    item
}

/// Asserts that every word `pdftotext -bbox` finds in `pdf` lies within the text column of
/// `sheet`, on pages as wide as the sheet; returns the number of pages.
fn assert_within_the_sheet(pdf: &Path, sheet: Sheet) -> usize {
    let html = poppler("pdftotext", &["-bbox"], pdf);
    let number = |tag: &str, key: &str| -> f32 {
        let from = tag.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
        tag[from..from + tag[from..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let (left, right) = (sheet.left(), sheet.right());
    let mut pages = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages += 1;
            let width = number(line, "width");
            assert!((width - sheet.width()).abs() < 0.5, "{line}");
        } else if line.starts_with("<word ") {
            let (x_min, x_max) = (number(line, "xMin"), number(line, "xMax"));
            assert!(
                x_min >= left - 0.1 && x_max <= right + 0.1,
                "{line} runs from {x_min} to {x_max}, outside the text's {left}–{right}"
            );
        }
    }
    pages
}

#[test]
fn a_long_notice_goes_on_to_a_second_page_every_line_within_the_sheet() {
    let w = world();
    let item = with_many_materials(&w, 30);
    let case = w
        .accept_item(
            &item,
            d(2026, 11, 23),
            (&w.mains(ELDER_MEALS), &[]),
            None,
            &Default::default(),
        )
        .unwrap();
    let notice = compose(&case, &item, &w.centre, &w.cal, 1, case.accepted_on).unwrap();
    assert_eq!(notice.requested.len(), 32);
    let pdf = a4(&notice);
    let path = saved(&pdf, "long.pdf");

    let info = poppler("pdfinfo", &[], &path);
    let pages: usize = field(&info, "Pages").parse().unwrap();
    assert!(pages >= 2, "{info}");
    let read = poppler("pdftotext", &["-layout"], &path);
    for n in 1..=pages {
        assert!(read.contains(&format!("第 {n} 页 共 {pages} 页")), "{read}");
    }
    let page_of = |needle: &str| {
        read.split('\u{c}')
            .position(|page| page.contains(needle))
            .unwrap_or_else(|| panic!("`{needle}` is on no page:\n{read}"))
    };
    assert_eq!(page_of("第1项补充证明材料"), 0);
    assert!(page_of("第30项补充证明材料") >= 1, "{read}");

    assert_eq!(assert_within_the_sheet(&path, Sheet::A4), pages);
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("no {name} in {info}"))
        .trim()
}

#[test]
fn a_page_break_starts_a_new_page() {
    let doc = vec![
        Block::Heading("容缺受理告知书".into()),
        Block::Paragraph("申请人：张三".into()),
        Block::PageBreak,
        Block::Heading("容缺受理承诺书".into()),
        Block::Signatures(vec!["申请人签字".into()]),
    ];
    let pdf = render(&doc, &wqy(), Sheet::A4, &meta("容缺受理告知书")).unwrap();
    let path = saved(&pdf, "two.pdf");
    assert_eq!(field(&poppler("pdfinfo", &[], &path), "Pages"), "2");
    let second = poppler("pdftotext", &["-layout", "-f", "2", "-l", "2"], &path);
    assert!(second.contains("容缺受理承诺书"), "{second}");
    assert!(!second.contains("申请人：张三"), "{second}");
    assert!(!second.contains("---"), "no cut line on paper: {second}");
}

#[test]
fn a_receipt_is_80_mm_wide_and_as_long_as_its_content() {
    let w = world();
    let notice = deficiency(&w);
    // The notice's first sheet: the 承诺书 after it would be a second.
    let blocks = notice.blocks(7);
    let first_sheet = blocks.split(|b| *b == Block::PageBreak).next().unwrap();
    let pdf = render(first_sheet, &wqy(), Sheet::Receipt, &meta("容缺受理告知书")).unwrap();
    let path = saved(&pdf, "receipt.pdf");
    let info = poppler("pdfinfo", &[], &path);
    assert_eq!(field(&info, "Pages"), "1", "{info}");
    let size = field(&info, "Page size");
    let dims: Vec<f32> = size
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect();
    let (width, height) = (dims[0], dims[1]);
    assert!((width * 25.4 / 72.0 - 80.0).abs() < 0.05, "{size}");
    // Each line about 4.2 mm (twice a column of 1.5 mm, and space between), and the margins.
    let lines = frontdesk::domain::notice::blocks::text(first_sheet, 48).len() as f32;
    let mm = height * 25.4 / 72.0;
    assert!(
        mm > lines * 4.0 && mm < lines * 4.4 + 30.0,
        "{size} for {lines} lines"
    );
    assert_eq!(assert_within_the_sheet(&path, Sheet::Receipt), 1);
}

#[test]
fn the_pdf_of_an_average_notice_is_small() {
    let w = world();
    let notice = deficiency(&w);
    let pdf = a4(&notice);
    println!(
        "an average notice as PDF: {} bytes ({} KB)",
        pdf.len(),
        pdf.len() / 1024
    );
    assert!(pdf.len() < 60 * 1024, "{} bytes", pdf.len());
    assert!(
        pdf.len() > 4 * 1024,
        "{} bytes: the font cannot be in it",
        pdf.len()
    );
}

#[test]
fn the_search_finds_wenquanyi_micro_hei_mono() {
    let font = wqy();
    assert_eq!(
        font.path,
        Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    );
    assert_eq!(font.index, 1);
    assert_eq!(font.family().as_deref(), Some("WenQuanYi Micro Hei Mono"));
}

#[test]
fn a_font_setting_naming_a_missing_file_says_so_naming_it() {
    let path = empty_dir().join("no-such-font.ttf");
    let err = font::find(Some(&path)).unwrap_err();
    assert!(matches!(err, FontError::Missing { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains(&path.display().to_string()) && text.contains("does not exist"),
        "{text}"
    );
}

#[test]
fn a_font_setting_naming_a_file_that_is_no_font_says_so_naming_it() {
    let path = empty_dir().join("centre.ttf");
    std::fs::write(&path, "[print]\nfont = \"centre.ttf\"\n").unwrap();
    let err = font::find(Some(&path)).unwrap_err();
    assert!(matches!(err, FontError::NotAFont { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains(&path.display().to_string()) && text.contains("not a TrueType"),
        "{text}"
    );
}

#[test]
fn a_font_setting_naming_a_font_without_chinese_says_so_naming_it() {
    let path = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf");
    assert!(
        path.is_file(),
        "this test needs a font without Chinese: install fonts-dejavu-core"
    );
    let err = font::find(Some(path)).unwrap_err();
    assert!(matches!(err, FontError::NoChinese { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains(&path.display().to_string()) && text.contains("no Chinese glyphs"),
        "{text}"
    );
}

#[test]
fn a_font_setting_naming_the_chinese_collection_uses_its_monospaced_face() {
    let path = Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    let font = font::find(Some(path)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(font.index, 1, "the face whose Chinese is twice its Latin");
}

#[test]
fn a_search_that_finds_no_chinese_font_names_the_places_and_what_to_install() {
    let empty = empty_dir();
    let err = font::search(&[&empty]).unwrap_err();
    let text = err.to_string();
    assert!(text.contains(&empty.display().to_string()), "{text}");
    assert!(text.contains("install fonts-wqy-microhei"), "{text}");
}
