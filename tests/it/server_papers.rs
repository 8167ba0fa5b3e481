//! Documents on paper through the server (`[print]`): a case's notice printed through the
//! centre's command (real scripts written here stand in for `lp`), reprinted, saved when there
//! is no printer or the command fails, drawn as text when asked or when there is no font; the
//! queue ticket's slip on the ticket printer. Every print, reprint or save is recorded on the
//! case: which notice, when and by whom (RULES §2: the written evidence of one-time
//! notification).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::server::{ALL_MZ005, Centre};
use crate::paper_pdf::poppler;

/// A print command that keeps what it is given in `printed` and its words in `args`.
fn keeping_printer(c: &Centre) -> PathBuf {
    c.script("lp.sh", r#"echo "$@" > "$D/args"; cat > "$D/printed""#)
}

/// The centre prints through `command`, with `more` lines of `[print]`.
fn print_with(c: &Centre, command: &Path, more: &str) {
    c.add_section(
        "print",
        &format!("command = \"{} -d {{printer}}\"\n{more}", command.display()),
    );
}

/// Opens a case of MZ-005 with every material in hand as C01: its number.
fn accepted(c: &Centre) -> String {
    let line = c.open_mz005(&["--have", ALL_MZ005]);
    line.split('\t').next().unwrap().to_string()
}

/// The `paper` lines of `case show`, each split into its fields after `paper`.
fn papers(c: &Centre, id: &str) -> Vec<Vec<String>> {
    c.by("C01", &["case", "show", id])
        .lines()
        .filter_map(|l| l.strip_prefix("paper\t"))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn text_of_pdf(c: &Centre, file: &Path) -> String {
    let copy = c.data.join("copy.pdf");
    std::fs::copy(file, &copy).unwrap();
    poppler("pdftotext", &["-layout"], &copy)
}

#[test]
fn a_notice_printed_goes_to_the_command_as_pdf_and_printing_it_again_is_recorded_as_a_reprint() {
    let c = Centre::new();
    let lp = keeping_printer(&c);
    print_with(&c, &lp, "printer = \"hall\"");
    let id = accepted(&c);
    assert_eq!(c.by("C01", &["case", "print", &id]).trim(), "printed\thall");
    let printed = c.data.join("printed");
    let bytes = std::fs::read(&printed).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "the printer was given no PDF");
    assert_eq!(
        std::fs::read_to_string(c.data.join("args")).unwrap().trim(),
        "-d hall",
        "the printer's name stands for {{printer}}"
    );
    let text = text_of_pdf(&c, &printed);
    assert!(
        text.contains("受理通知书") && text.contains("张三"),
        "{text}"
    );
    assert_eq!(
        c.by("C01", &["case", "print", &id]).trim(),
        "reprinted\thall"
    );
    let lines = papers(&c, &id);
    let kept: Vec<(&str, &str, &str, &str)> = lines
        .iter()
        .map(|p| (p[0].as_str(), p[2].as_str(), p[3].as_str(), p[4].as_str()))
        .collect();
    assert_eq!(
        kept,
        [
            ("1", "C01", "pdf", "printed"),
            ("1", "C01", "pdf", "reprinted")
        ]
    );
    assert!(lines[0][1].starts_with("20"), "when: {:?}", lines[0]);
}

#[test]
fn a_reprint_gives_the_printer_the_same_bytes_as_the_first_print() {
    let c = Centre::new();
    let lp = keeping_printer(&c);
    print_with(&c, &lp, "printer = \"hall\"");
    let id = accepted(&c);
    c.by("C01", &["case", "print", &id]);
    let first = std::fs::read(c.data.join("printed")).unwrap();
    // Days later, the server started again with that clock.
    c.ok(&["stop"]);
    let later = [
        "--now",
        "2026-12-07T15:00:00",
        "--as",
        "C01",
        "case",
        "print",
        &id,
    ];
    let r = crate::common::run_in(&c.data, &later);
    assert_eq!(r.stdout.trim(), "reprinted\thall", "{}", r.stderr);
    let again = std::fs::read(c.data.join("printed")).unwrap();
    assert!(
        first == again,
        "a reprint on a later day changed the document"
    );
}

#[test]
fn when_the_print_command_fails_the_notice_is_saved_privately_and_the_place_and_reason_are_told() {
    let c = Centre::new();
    let lp = c.script("lp.sh", "echo 'lp: printer hall is jammed' >&2; exit 3");
    print_with(&c, &lp, "printer = \"hall\"");
    let id = accepted(&c);
    let out = c.by("C01", &["case", "print", &id]);
    let fields: Vec<&str> = out.trim().split('\t').collect();
    assert_eq!(fields[0], "saved", "{out}");
    let path = Path::new(fields[1]);
    assert!(path.starts_with(c.data.join("papers")), "{out}");
    assert!(
        fields[2].contains("jammed") && fields[2].contains("3"),
        "{out}"
    );
    assert!(std::fs::read(path).unwrap().starts_with(b"%PDF-"));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(path),
        0o600,
        "a saved notice holds an applicant's data"
    );
    assert_eq!(mode(&c.data.join("papers")), 0o700);
    let lines = papers(&c, &id);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0][4], "saved");
    assert_eq!(lines[0][5], fields[1], "the case keeps where it was saved");
    // Saved again, it never overwrites the first copy.
    let again = c.by("C01", &["case", "print", &id]);
    assert_ne!(again.split('\t').nth(1), Some(fields[1]), "{again}");
    assert!(path.exists());
}

#[test]
fn with_no_printer_set_a_notice_is_saved_and_save_saves_without_running_the_command() {
    let c = Centre::new();
    let id = accepted(&c);
    let out = c.by("C01", &["case", "print", &id]);
    assert!(
        out.starts_with("saved\t") && out.contains("no printer is set"),
        "{out}"
    );
    // A printer set, --save still only saves.
    let c = Centre::new();
    let lp = keeping_printer(&c);
    print_with(&c, &lp, "printer = \"hall\"");
    let id = accepted(&c);
    let out = c.by("C01", &["case", "print", &id, "--save"]);
    assert!(
        out.starts_with("saved\t") && out.ends_with("asked to save\n"),
        "{out}"
    );
    assert!(!c.data.join("printed").exists(), "the printer was run");
}

#[test]
fn the_text_form_needs_no_font_and_without_one_the_pdf_is_refused_offering_it() {
    let c = Centre::new();
    let lp = keeping_printer(&c);
    print_with(
        &c,
        &lp,
        "printer = \"hall\"\nfont = \"/nonexistent/song.ttf\"",
    );
    let id = accepted(&c);
    let r = c.cli(&["--as", "C01", "case", "print", &id]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("/nonexistent/song.ttf") && r.stderr.contains("--text"),
        "{}",
        r.stderr
    );
    assert!(papers(&c, &id).is_empty(), "a refused print was recorded");
    assert_eq!(
        c.by("C01", &["case", "print", &id, "--text"]).trim(),
        "printed\thall"
    );
    let text = std::fs::read_to_string(c.data.join("printed")).unwrap();
    assert!(
        text.contains("受理通知书") && text.contains("张三"),
        "{text}"
    );
    assert_eq!(papers(&c, &id)[0][3], "text");
}

#[test]
fn a_window_with_its_own_printer_prints_its_posts_documents_there() {
    let c = Centre::new();
    let file = c.data.join("centre.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen(
        "location = \"1号窗口\"",
        "location = \"1号窗口\"\nprinter = \"desk-1\"",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let lp = keeping_printer(&c);
    print_with(&c, &lp, "printer = \"hall\"");
    let id = accepted(&c);
    // C01 holds 民政救助's A post; the director holds none and prints in the hall.
    assert_eq!(
        c.by("C01", &["case", "print", &id]).trim(),
        "printed\tdesk-1"
    );
    assert_eq!(
        c.by("D01", &["case", "print", &id]).trim(),
        "reprinted\thall"
    );
}

#[test]
fn only_those_who_work_a_case_print_it_and_a_missing_notice_is_refused_by_number() {
    let c = Centre::new();
    let id = accepted(&c);
    for who in ["C03", "S01"] {
        let r = c.cli(&["--as", who, "case", "print", &id]);
        assert_ne!(r.code, 0, "{who} printed a case they do not work");
    }
    let r = c.cli(&["--as", "C01", "case", "print", &id, "--number", "7"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("no notice 7") && r.stderr.contains("are 1"),
        "{}",
        r.stderr
    );
    assert!(papers(&c, &id).is_empty());
}

#[test]
fn a_print_is_in_the_audit_trail_with_the_notice_and_where_it_went() {
    let c = Centre::new();
    let lp = keeping_printer(&c);
    print_with(&c, &lp, "printer = \"hall\"");
    let id = accepted(&c);
    c.by("C01", &["case", "print", &id]);
    let log = c.ok(&["--json", "audit", "log", "--target", &format!("case/{id}")]);
    let printed = log
        .lines()
        .find(|l| l.contains("\"case.print\""))
        .unwrap_or_else(|| panic!("no case.print event in {log}"));
    let document = format!("case/{id}/notice/1");
    for needle in [document.as_str(), "\"printed\"", "\"hall\"", "\"C01\""] {
        assert!(printed.contains(needle), "{needle} not in {printed}");
    }
}

#[test]
fn a_ticket_taken_with_print_comes_out_of_the_ticket_printer_with_those_ahead_of_it() {
    let c = Centre::new();
    let lp = keeping_printer(&c);
    print_with(&c, &lp, "ticket_printer = \"kiosk\"");
    for _ in 0..2 {
        c.by("C01", &["ticket", "take", "--window", "民政救助"]);
    }
    let out = c.by(
        "C01",
        &["ticket", "take", "--window", "民政救助", "--print"],
    );
    assert_eq!(out.trim(), "A003\tprinted\tkiosk");
    let slip = text_of_pdf(&c, &c.data.join("printed"));
    for needle in ["排队号 A003", "民政救助", "前面等候", "2 人", "取号时间"] {
        assert!(slip.contains(needle), "{needle} not on the slip:\n{slip}");
    }
    // Printed again as text, it is the same slip: two still wait ahead as it was taken.
    c.by("C01", &["ticket", "call"]);
    let out = c.by("C01", &["ticket", "print", "a003", "--text"]);
    assert_eq!(out.trim(), "A003\tprinted\tkiosk");
    let text = std::fs::read_to_string(c.data.join("printed")).unwrap();
    assert!(
        text.contains("排队号 A003") && text.contains("2 人"),
        "{text}"
    );
    let lines: Vec<&str> = text.lines().collect();
    crate::common::assert_printable(&lines, 48, "the ticket's slip");
}
