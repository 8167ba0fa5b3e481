//! The sections of a centre file about what leaves the centre: `[sms]`, how completion
//! messages are delivered (RULES §4), and `[print]`, how documents are printed.

use std::path::PathBuf;

use toml::Spanned;

use super::super::{PRINTER_WORD, PrintSettings, SmsSettings};
use crate::domain::toml_fields::{Sheet, Tbl};

/// A command as written (one string), split into words as a shell would; a problem when it
/// does not split or is empty. `empty` says what to do instead of an empty command.
fn command(
    sheet: &mut Sheet,
    c: &Spanned<String>,
    field: &str,
    empty: &str,
) -> Option<Vec<String>> {
    match shlex::split(c.get_ref()) {
        Some(words) if !words.is_empty() => Some(words),
        Some(_) => {
            sheet.problem(c.span(), field, format!("the command is empty; {empty}"));
            None
        }
        None => {
            sheet.problem(
                c.span(),
                field,
                format!(
                    "`{}` does not split into words as a shell would (an unclosed quote, or a backslash at the end); it is run without a shell",
                    c.get_ref()
                ),
            );
            None
        }
    }
}

/// A whole number of `section.key` from 1 to `max`, into `slot`.
fn bounded(sheet: &mut Sheet, t: Tbl, section: &str, key: &str, slot: &mut u32, max: u32) {
    if let Some(v) = sheet.opt_int(t, key) {
        match u32::try_from(*v.get_ref()) {
            Ok(n) if (1..=max).contains(&n) => *slot = n,
            _ => sheet.problem(
                v.span(),
                &format!("{section}.{key}"),
                format!("{} must be a whole number from 1 to {max}", v.get_ref()),
            ),
        }
    }
}

/// `[sms]`: how completion messages are delivered (RULES §4). Without a command they wait in
/// the outbox.
pub(super) fn read_sms(sheet: &mut Sheet, root: Tbl) -> SmsSettings {
    let mut s = SmsSettings::default();
    let Some(t) = sheet.table(root, "sms", "sms") else {
        return s;
    };
    sheet.only_keys(t, &["command", "timeout_secs", "retry_secs", "attempts"]);
    if let Some(c) = sheet.opt_str(t, "command") {
        s.command = command(
            sheet,
            &c,
            "sms.command",
            "name the program that sends a message, or remove the key to keep messages in the outbox",
        );
    }
    bounded(sheet, t, "sms", "timeout_secs", &mut s.timeout_secs, 3600);
    bounded(sheet, t, "sms", "retry_secs", &mut s.retry_secs, 86_400);
    bounded(sheet, t, "sms", "attempts", &mut s.attempts, 100);
    s
}

/// `[print]`: the command documents are printed through (`lp -d {printer}` by default), the
/// hall's and the tickets' printers, the font and the timeout. Without a printer, documents
/// are saved under the data directory.
pub(super) fn read_print(sheet: &mut Sheet, root: Tbl) -> PrintSettings {
    let mut s = PrintSettings::default();
    let Some(t) = sheet.table(root, "print", "print") else {
        return s;
    };
    sheet.only_keys(
        t,
        &[
            "command",
            "printer",
            "ticket_printer",
            "font",
            "timeout_secs",
        ],
    );
    if let Some(c) = sheet.opt_str(t, "command") {
        let empty =
            format!("write one such as `lp -d {PRINTER_WORD}`, or remove the key to print with lp");
        if let Some(words) = command(sheet, &c, "print.command", &empty) {
            s.command = words;
        }
    }
    s.printer = sheet.opt_str(t, "printer").map(Spanned::into_inner);
    s.ticket_printer = sheet.opt_str(t, "ticket_printer").map(Spanned::into_inner);
    if let Some(f) = sheet.opt_str(t, "font") {
        let path = PathBuf::from(f.get_ref());
        if path.is_relative() {
            sheet.problem(
                f.span(),
                "print.font",
                format!(
                    "`{}` is not an absolute path; give the font file's full path, such as /usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                    f.get_ref()
                ),
            );
        } else {
            s.font = Some(path);
        }
    }
    bounded(sheet, t, "print", "timeout_secs", &mut s.timeout_secs, 600);
    s
}
