//! A case's notices on paper from the console (RULES §2: the applicant is handed the list):
//! the notice view prints through the centre's `[print] command` (a real script here, which
//! keeps what it is given), a second print is a reprint, a print with no printer is saved and
//! the screen says where in full, no font offers the text print, and the view moves between
//! the notices of a case. Driven in process against a real server, read in a terminal emulator.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::common::console::{ALL_MZ005, Desk as Console, ESC, open_case};
use crate::common::server::Centre;

/// Gives the centre file a `[print]` section; before the server starts.
fn add_print(c: &Centre, print: &str) {
    let file = c.data.join("centre.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(&format!("\n[print]\n{print}\n"));
    std::fs::write(&file, text).unwrap();
}

/// A print command that appends what it is given on its standard input to `got`, in the
/// test's data directory, as the printer `hall`.
fn printing_to_a_file(c: &Centre, extra: &str) -> PathBuf {
    let script = c.data.join("print.sh");
    let got = c.data.join("got");
    std::fs::write(&script, format!("#!/bin/sh\ncat >> '{}'\n", got.display())).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    add_print(
        c,
        &format!(
            "command = \"'{}' {{printer}}\"\nprinter = \"hall\"\n{extra}",
            script.display()
        ),
    );
    got
}

/// The `paper` lines of `case show`, each split into its fields after `paper`:
/// NOTICE, WHEN, BY, FORM, printed|reprinted|saved, then the printer or the path and why.
fn papers(c: &Centre, id: u64) -> Vec<Vec<String>> {
    c.by("C01", &["case", "show", &id.to_string()])
        .lines()
        .filter_map(|l| l.strip_prefix("paper\t"))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// C01's console on case 1, selected in the countdown, with its latest notice open.
fn notice_open(c: &Centre) -> Console {
    let mut con = Console::open(c, "C01", 200, 60);
    con.wait_for("#1   ", 10);
    con.press("3");
    con.press("g");
    con
}

#[test]
fn printing_a_notice_from_the_console_sends_its_pdf_to_the_command_and_again_records_a_reprint() {
    let c = Centre::new();
    let got = printing_to_a_file(&c, "");
    open_case(&c, ALL_MZ005, "");
    let mut con = notice_open(&c);
    con.wait_for("告知书（第 1 份，共 1 份）", 5);
    con.wait_for("已受理，请打印交申请人 · 尚未打印", 5);
    con.press("p");
    con.wait_for("告知书 1 已打印（打印机 hall）", 5);
    con.wait_for("已受理，请打印交申请人 · 已打印 1 次", 5);
    let bytes = std::fs::read(&got).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "the command got a PDF");
    let first = papers(&c, 1);
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0][0], "1");
    assert_eq!(first[0][2..5], ["C01", "pdf", "printed"], "{first:?}");
    // Printed again: the server records it as a reprint (补打), and the view counts both.
    con.press("p");
    con.wait_for("告知书 1 已补打（打印机 hall）", 5);
    con.wait_for("已打印 2 次", 5);
    let both = papers(&c, 1);
    assert_eq!(both.len(), 2, "{both:?}");
    assert_eq!(both[1][4], "reprinted", "{both:?}");
    let bytes = std::fs::read(&got).unwrap();
    let pdfs = bytes.windows(5).filter(|w| w == b"%PDF-").count();
    assert_eq!(pdfs, 2, "each print reached the command");
    // Back on the panes, the Case pane says how the notice last went out, and how often.
    con.press(ESC);
    con.wait_for("已补打 11-23 09:", 5);
    con.wait_for("C01（共 2 次）", 5);
    assert!(con.quit());
}

#[test]
fn with_no_printer_set_the_console_prints_by_saving_and_shows_the_saved_path_whole() {
    let c = Centre::new();
    open_case(&c, ALL_MZ005, "");
    let mut con = notice_open(&c);
    con.wait_for("告知书（第 1 份，共 1 份）", 5);
    con.press("p");
    con.wait_for("告知书 1 已保存：", 5);
    let saved = papers(&c, 1);
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0][4], "saved", "{saved:?}");
    let path = &saved[0][5];
    assert!(path.ends_with(".pdf"), "{saved:?}");
    assert!(
        std::fs::read(path).unwrap().starts_with(b"%PDF-"),
        "the saved file is the PDF"
    );
    con.wait_for(&format!("告知书 1 已保存：{path}（原因："), 5);
    // A saved copy is no print: the notice still stands out as owed on paper.
    con.wait_for("尚未打印 · 已保存 1 次", 5);
    assert!(con.quit());
}

#[test]
fn without_a_font_the_console_offers_the_text_print_and_its_key_prints_the_text_form() {
    let c = Centre::new();
    let got = printing_to_a_file(&c, "font = \"/nonexistent/font.ttf\"\n");
    open_case(&c, ALL_MZ005, "");
    let mut con = notice_open(&c);
    con.wait_for("告知书（第 1 份，共 1 份）", 5);
    con.press("p");
    con.wait_for("没有中文字体，无法生成 PDF：按 t 打印文本", 5);
    assert!(!got.exists(), "no PDF reached the command");
    assert!(papers(&c, 1).is_empty(), "a refused print is not recorded");
    con.press("t");
    con.wait_for("告知书 1（文本） 已打印（打印机 hall）", 5);
    let text = std::fs::read_to_string(&got).unwrap();
    assert!(!text.starts_with("%PDF-"), "{text}");
    assert!(
        text.contains("受理通知书") && text.contains("申请人：张三"),
        "{text}"
    );
    let printed = papers(&c, 1);
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert_eq!(printed[0][3..5], ["text", "printed"], "{printed:?}");
    // Printed, the offer is gone from the view.
    con.wait_without("按 t 打印文本", 5);
    assert!(con.quit());
}

#[test]
fn previous_and_next_move_between_the_notices_of_a_case_and_print_the_one_shown() {
    let c = Centre::new();
    let _got = printing_to_a_file(&c, "");
    // A 补办件 whose outstanding materials are all brought: its second notice tells the date.
    open_case(&c, "老年助餐补贴申请表,居民身份证", "户口簿或居住证");
    c.by(
        "C01",
        &[
            "case",
            "supplement",
            "1",
            "--materials",
            "户口簿或居住证,特殊困难身份证明,近期一寸免冠照片",
        ],
    );
    let shown = c.by("C01", &["case", "show", "1"]);
    assert_eq!(shown.matches("\nnotice\t").count(), 2, "{shown}");
    let mut con = notice_open(&c);
    // The latest first.
    con.wait_for("告知书（第 2 份，共 2 份）", 5);
    con.wait_for("办结日期：2026年11月30日", 5);
    con.press("\x1b[D"); // left
    con.wait_for("告知书（第 1 份，共 2 份）", 5);
    con.wait_for("尚需补交的材料（共 3 项", 5);
    con.press("[");
    con.wait_for("已是第一份告知书", 5);
    // The notice shown is the one printed.
    con.press("p");
    con.wait_for("告知书 1 已打印（打印机 hall）", 5);
    let printed = papers(&c, 1);
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert_eq!(printed[0][0], "1", "{printed:?}");
    con.press("]");
    con.wait_for("告知书（第 2 份，共 2 份）", 5);
    con.wait_for("办结日期：2026年11月30日", 5);
    con.wait_for("尚未打印", 5);
    assert!(con.quit());
}

#[test]
fn the_notice_views_keys_are_in_its_help_and_in_frontdesk_keys() {
    let c = Centre::new();
    open_case(&c, ALL_MZ005, "");
    let mut con = notice_open(&c);
    con.wait_for("告知书（第 1 份，共 1 份）", 5);
    con.press("?");
    for told in [
        "打印（再次打印为补打）",
        "保存为 PDF 文件",
        "打印文本（无需字体）",
        "上一份告知书",
        "下一份告知书",
    ] {
        con.wait_for(told, 5);
    }
    assert!(con.quit());
    let keys = c.ok(&["keys"]);
    for line in [
        "notice\tprint_notice\tp\t",
        "notice\tsave_notice\ts\t",
        "notice\tprint_notice_text\tt\t",
        "notice\tprevious_notice\tleft/[\t",
        "notice\tnext_notice\tright/]\t",
    ] {
        assert!(keys.contains(line), "`{line}` missing:\n{keys}");
    }
}
