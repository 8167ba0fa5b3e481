//! Why an attempt at delivery failed, made fit for the audit trail and the log: one line, no
//! control characters, no phone number.

use crate::domain::privacy::mask_phone;

/// The longest failure reason kept, in characters.
const REASON_CHARS: usize = 200;

/// How one attempt at delivery ended, when it did not deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptError {
    /// The command could not be started.
    Start(String),
    /// It ended with a status other than 0 (`code`), or by a signal; `stderr` is its error
    /// output as written.
    Exit {
        code: Option<i32>,
        signal: Option<i32>,
        stderr: Vec<u8>,
    },
    /// Still running after `[sms] timeout_secs`: killed, with its children.
    TimedOut { secs: u32 },
    /// The server stopped while it ran: killed, with its children.
    Interrupted,
}

impl AttemptError {
    /// Why it failed, as kept on the message and in the audit trail: the first line of the
    /// command's error output, with no control characters, at most [`REASON_CHARS`] long, and
    /// every phone number in it masked — the audit trail never holds one.
    pub fn reason(&self, phone: &str) -> String {
        let why = match self {
            AttemptError::Start(e) => format!("the [sms] command could not be started: {e}"),
            AttemptError::Interrupted => {
                "the server stopped during the attempt; the command was killed".to_string()
            }
            AttemptError::TimedOut { secs } => {
                format!("no answer within {secs} s ([sms] timeout_secs); the command was killed")
            }
            AttemptError::Exit {
                code,
                signal,
                stderr,
            } => {
                let how = match (code, signal) {
                    (Some(c), _) => format!("exit status {c}"),
                    (None, Some(s)) => format!("killed by signal {s}"),
                    (None, None) => "ended abnormally".to_string(),
                };
                let text = String::from_utf8_lossy(stderr);
                match text.lines().map(str::trim).find(|l| !l.is_empty()) {
                    Some(line) => format!("{how}: {line}"),
                    None => how,
                }
            }
        };
        sanitise(&why, phone)
    }
}

/// One line of text fit for a log and the audit trail: no control or bidi characters, phone
/// numbers masked, and at most [`REASON_CHARS`] characters.
pub fn sanitise(text: &str, phone: &str) -> String {
    let phone = phone.trim();
    let mut t = if phone.is_empty() {
        text.to_string()
    } else {
        text.replace(phone, &mask_phone(phone))
    };
    t = mask_digit_runs(&t);
    let clean: String = t
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !is_bidi_or_separator(*c))
        .collect();
    let clean = clean.trim();
    if clean.chars().count() <= REASON_CHARS {
        return clean.to_string();
    }
    let mut cut: String = clean.chars().take(REASON_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Masks every number of seven or more digits as a phone number is masked (the first three
/// digits and the last four kept), its digits counted across single spaces and hyphens: in
/// whatever form a command writes a number, its middle never reaches the record.
fn mask_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A number: digits, each separator between two digits taken with it.
        let mut end = i;
        while end < chars.len() {
            let sep = matches!(chars[end], ' ' | '-')
                && chars.get(end + 1).is_some_and(char::is_ascii_digit)
                && end > i;
            if chars[end].is_ascii_digit() || sep {
                end += 1;
            } else {
                break;
            }
        }
        let number = &chars[i..end];
        let digits = number.iter().filter(|c| c.is_ascii_digit()).count();
        let mut seen = 0;
        for c in number {
            if !c.is_ascii_digit() {
                out.push(*c);
                continue;
            }
            seen += 1;
            let kept = digits < 7 || seen <= 3 || seen > digits - 4;
            out.push(if kept { *c } else { '*' });
        }
        i = end;
    }
    out
}

fn is_bidi_or_separator(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_reason_is_one_clean_line_that_never_holds_the_phone_number() {
        let phone = "13800001234";
        let e = AttemptError::Exit {
            code: Some(3),
            signal: None,
            stderr: b"\n  gateway refused 13800001234 \x1b[31m(+86 138-0000-1234)\r\nsecond line\n"
                .to_vec(),
        };
        let why = e.reason(phone);
        assert!(
            why.starts_with("exit status 3: gateway refused 138****1234"),
            "{why}"
        );
        assert!(
            !why.contains(phone) && !why.contains("second line"),
            "{why}"
        );
        assert!(!why.chars().any(char::is_control), "{why:?}");
        let digits_only = AttemptError::Exit {
            code: Some(1),
            signal: None,
            stderr: b"to 8613800001234: busy\xff".to_vec(),
        }
        .reason(phone);
        assert!(!digits_only.contains("13800001234"), "{digits_only}");
        assert!(digits_only.contains("****1234"), "{digits_only}");
        let long = AttemptError::Exit {
            code: Some(1),
            signal: None,
            stderr: "错".repeat(500).into_bytes(),
        }
        .reason(phone);
        assert_eq!(long.chars().count(), REASON_CHARS);
        assert_eq!(
            AttemptError::Exit {
                code: None,
                signal: Some(9),
                stderr: vec![]
            }
            .reason(phone),
            "killed by signal 9"
        );
        assert!(
            AttemptError::TimedOut { secs: 1 }
                .reason(phone)
                .contains("1 s")
        );
    }
}
