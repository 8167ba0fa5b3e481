//! Running the real `frontdesk` binary in a fresh data directory.

#![allow(dead_code)] // each test binary uses its own part

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The moment every test's server clock starts at (a Monday, a working day).
pub const NOW: &str = "2026-11-23T09:00:00";

/// Whom a test acts as in a demo when it names no one (`--as`): the director, who may do
/// anything, so a test about a rule is not refused by the gate on the way.
pub const DEFAULT_AS: &str = "D01";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A fresh directory, with nothing in it, for one test.
pub fn empty_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "frontdesk-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh data directory holding the demo centre with an empty hall (no visitors, cases or
/// requests), set up by the real command `frontdesk init --demo empty`.
pub fn data_dir() -> PathBuf {
    let dir = empty_dir();
    let r = run_exact(&dir, &["--now", NOW, "init", "--demo", "empty"], &[]);
    assert_eq!(r.code, 0, "init --demo empty failed: {}", r.stderr);
    dir
}

/// Runs the binary with extra environment variables (a PIN, say). In a demo, a command that
/// names no one (`--as`, `--code`) acts as [`DEFAULT_AS`].
pub fn run_env(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    run_exact(data, &naming_someone(data, args), env)
}

/// `args`, with `--as` [`DEFAULT_AS`] before them in a demo when they name no one.
pub fn naming_someone<'a>(data: &Path, args: &[&'a str]) -> Vec<&'a str> {
    let names_someone = args.iter().any(|a| matches!(*a, "--as" | "--code"));
    let demo = data.join("demo-centre").is_file();
    let mut all: Vec<&str> = Vec::with_capacity(args.len() + 2);
    if demo && !names_someone {
        all.extend(["--as", DEFAULT_AS]);
    }
    all.extend_from_slice(args);
    all
}

/// Runs the binary with exactly these arguments: no one is named for the test.
pub fn run_exact(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args(args)
        .env("FRONTDESK_DATA", data)
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run_in(data: &Path, args: &[&str]) -> Run {
    run_env(data, args, &[])
}

pub fn run(args: &[&str]) -> Run {
    run_in(&data_dir(), args)
}
pub mod busy;
pub mod console;
pub mod leave;
pub mod morning;
pub mod server;
pub mod world;

/// Fails the test unless every line of a printed document fits `width` columns (a Chinese
/// character counts two) and none opens on closing punctuation; `what` names the document.
pub fn assert_printable<S: AsRef<str>>(lines: &[S], width: usize, what: &str) {
    use frontdesk::domain::notice::wrap::CLOSING;
    use unicode_width::UnicodeWidthStr;
    for line in lines.iter().map(AsRef::as_ref) {
        assert!(
            line.width() <= width,
            "{what}: {line:?} is wider than {width}"
        );
        assert!(
            !line.trim_start().starts_with(|c| CLOSING.contains(c)),
            "{what}: {line:?} opens on closing punctuation"
        );
    }
}
