//! Fuzzing the decoders and parsers: frames and messages off the socket, the centre,
//! catalogue, holiday and keymap files, and the console's key decoder. No input panics, and
//! every error names what is wrong (a line, a field, what to write instead).
//!
//! Random bytes rarely pass the first syntax check, so most cases are the real fixtures and
//! valid frames with structured edits: lines deleted, duplicated, swapped, values of the wrong
//! type, huge numbers, empty and unusual text, cuts at any point.
//!
//! The case counts are small by default; `PROPTEST_CASES=20000` runs each target that many
//! times (README "Reliability").

mod files;
mod frames;
mod holidays;
mod keys;
mod mutate;

use frontdesk::domain::toml_fields::FileProblems;
use proptest::test_runner::Config;

/// `default` cases, or as many as `PROPTEST_CASES` says.
pub fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        ..Config::default()
    }
}

/// Messages that say nothing of what is wrong.
const VAGUE: &[&str] = &["invalid", "error", "invalid value", "bad input", "failed"];

/// Whether a message names something: not empty, not a bare word like "invalid".
pub fn names_something(message: &str) -> bool {
    let m = message.trim().trim_end_matches('.').to_lowercase();
    m.chars().count() >= 8 && !VAGUE.contains(&m.as_str())
}

/// Checks a file's problems: at least one; each with the file's name, a line that is in the
/// file, a field and a message that names something.
pub fn check_problems(file: &str, text: &str, err: &FileProblems) -> Result<(), String> {
    if err.file != file {
        return Err(format!("the problems name `{}`, not `{file}`", err.file));
    }
    if err.problems.is_empty() {
        return Err("an error with no problem in it".into());
    }
    let lines = text.split('\n').count();
    for (p, shown) in err.problems.iter().zip(err.lines()) {
        if p.line == 0 || p.line > lines {
            return Err(format!(
                "line {} is not in a file of {lines} lines: {shown}",
                p.line
            ));
        }
        if p.field.trim().is_empty() {
            return Err(format!("a problem names no field: {shown}"));
        }
        let said = p
            .message
            .strip_prefix("not valid TOML: ")
            .or_else(|| p.message.strip_prefix("not a holiday schedule: "))
            .unwrap_or(&p.message);
        if !names_something(said) {
            return Err(format!(
                "a problem says nothing of what is wrong: {shown:?}"
            ));
        }
        if !shown.starts_with(&format!("{file}:{}: {}: ", p.line, p.field)) {
            return Err(format!(
                "a problem is not shown as FILE:LINE: field: {shown:?}"
            ));
        }
    }
    Ok(())
}
