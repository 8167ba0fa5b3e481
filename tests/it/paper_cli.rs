//! Documents as PDF from the command line (`case notice --pdf`, `guide --pdf`), through the
//! real server: what the applicant is handed reads back from the file, a reprint gives the same
//! bytes, and without a usable font the command says so and that the text is always there.

use crate::common::empty_dir;
use crate::common::server::{ALL_MZ005, Centre};
use crate::paper_pdf::poppler;

#[test]
fn a_notice_written_as_pdf_reads_back_and_a_reprint_is_the_same_bytes() {
    let c = Centre::new();
    c.open_mz005(&[
        "--have",
        "老年助餐补贴申请表,居民身份证",
        "--promise",
        "户口簿或居住证",
    ]);
    let dir = empty_dir();
    let (first, again) = (dir.join("1.pdf"), dir.join("again.pdf"));
    for file in [&first, &again] {
        let printed = c.by(
            "C01",
            &["case", "notice", "1", "--pdf", file.to_str().unwrap()],
        );
        assert_eq!(
            printed, "",
            "the PDF goes to the file, nothing to the terminal"
        );
    }
    let read = poppler("pdftotext", &["-layout"], &first);
    for told in [
        "补办件通知书",
        "申请人：张三",
        "户口簿或居住证",
        "特殊困难身份证明",
        "近期一寸免冠照片",
    ] {
        assert!(read.contains(told), "`{told}` missing:\n{read}");
    }
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&again).unwrap(),
        "a reprint reproduces the same bytes"
    );
}

#[test]
fn a_service_guide_written_as_pdf_reads_back() {
    let c = Centre::new();
    let file = empty_dir().join("guide.pdf");
    c.by("C01", &["guide", "MZ-001", "--pdf", file.to_str().unwrap()]);
    let read = poppler("pdftotext", &["-layout"], &file);
    assert!(read.contains("办事指南"), "{read}");
    assert!(read.contains("最低生活保障申请"), "{read}");
    assert!(read.contains("法定"), "{read}");
}

#[test]
fn without_a_usable_font_the_pdf_is_refused_naming_it_and_the_text_is_offered() {
    let c = Centre::new();
    c.open_mz005(&["--have", ALL_MZ005]);
    let dir = empty_dir();
    let file = dir.join("n.pdf");
    let run = c.cli(&[
        "--as",
        "C01",
        "case",
        "notice",
        "1",
        "--pdf",
        file.to_str().unwrap(),
        "--font",
        "/nonexistent/font.ttc",
    ]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("/nonexistent/font.ttc"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("as text"), "{}", run.stderr);
    assert!(!file.exists());
}

#[test]
fn the_centre_files_font_is_used_when_the_command_names_none() {
    let c = Centre::new();
    c.add_section("print", "font = \"/nonexistent/centre-font.ttc\"");
    c.open_mz005(&["--have", ALL_MZ005]);
    let file = empty_dir().join("n.pdf");
    let pdf = file.to_str().unwrap();
    let run = c.cli(&["--as", "C01", "case", "notice", "1", "--pdf", pdf]);
    assert_ne!(run.code, 0, "a PDF was drawn without the centre's font");
    assert!(
        run.stderr.contains("/nonexistent/centre-font.ttc"),
        "{}",
        run.stderr
    );
    // `--font` still wins over the setting.
    let wqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    let run = c.cli(&[
        "--as", "C01", "case", "notice", "1", "--pdf", pdf, "--font", wqy,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
}
