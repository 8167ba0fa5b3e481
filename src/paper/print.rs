//! Sending a document to a printer (打印): one command, written as one string and split into
//! words as a shell would (no shell is run), reads the document on its standard input —
//! `lp -d PRINTER` by default (the centre's `[print]`). When no printer is set, or the command
//! fails, the document is saved instead, and the caller is told where: a desk never loses a
//! paper it was asked for.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a print command may take to accept a document before it counts as failed.
pub const PRINT_TIMEOUT: Duration = Duration::from_secs(20);

/// The words of a print command, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintCommand(Vec<String>);

/// Why a print command as written cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("the print command is empty; write one such as `lp -d hall`, or leave it out")]
    Empty,
    #[error(
        "the print command `{0}` has an unclosed quote or a trailing backslash; write it as a \
         shell would, such as `lp -d \"Hall printer\"`"
    )]
    Unsplittable(String),
}

impl PrintCommand {
    /// Splits `text` into words as a shell would, quotes and backslashes included.
    pub fn parse(text: &str) -> Result<PrintCommand, CommandError> {
        let words = shlex::split(text).ok_or_else(|| CommandError::Unsplittable(text.into()))?;
        if words.is_empty() {
            return Err(CommandError::Empty);
        }
        Ok(PrintCommand(words))
    }

    /// A command already split into words (the centre file's `[print] command`).
    pub fn new(words: Vec<String>) -> Result<PrintCommand, CommandError> {
        if words.is_empty() {
            return Err(CommandError::Empty);
        }
        Ok(PrintCommand(words))
    }

    pub fn words(&self) -> &[String] {
        &self.0
    }
}

/// Where a document went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// The command took it.
    Sent,
    /// Saved at `path` instead, because of `why`.
    Saved { path: PathBuf, why: Unprinted },
}

/// Why a document was saved rather than printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unprinted {
    /// There is no command to print with: no printer is set.
    NoCommand,
    /// The command could not be started, failed or did not finish in time: what it said.
    Failed(String),
}

impl std::fmt::Display for Unprinted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unprinted::NoCommand => {
                f.write_str("no printer is set (`[print] printer` or `[print] command`)")
            }
            Unprinted::Failed(why) => f.write_str(why),
        }
    }
}

/// Sends `bytes` to `command`, or saves them as `name` under `save_dir` when there is no
/// command or it fails (started, exit status, or `timeout`). Fails only when the document could
/// be neither printed nor saved.
pub fn print(
    bytes: &[u8],
    command: Option<&PrintCommand>,
    save_dir: &Path,
    name: &str,
    timeout: Duration,
) -> Result<Printed, String> {
    let why = match command {
        None => Unprinted::NoCommand,
        Some(c) => match run(c, bytes, timeout) {
            Ok(()) => return Ok(Printed::Sent),
            Err(why) => Unprinted::Failed(why),
        },
    };
    let path = save(bytes, save_dir, name).map_err(|e| {
        format!(
            "the document could not be printed ({why}) nor saved under {}: {e}",
            save_dir.display()
        )
    })?;
    Ok(Printed::Saved { path, why })
}

/// Runs the command with the document on its standard input; its first line of standard error
/// says why when it fails.
fn run(command: &PrintCommand, bytes: &[u8], timeout: Duration) -> Result<(), String> {
    let [program, args @ ..] = command.words() else {
        return Err("the print command is empty".into());
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("`{program}` could not be started: {e}"))?;
    // Fed from a thread of its own, so that a command that hangs without reading cannot hold
    // the caller past the timeout; one that exits early closes the pipe, and its status says
    // the rest.
    if let Some(mut stdin) = child.stdin.take() {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        });
    }
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "`{program}` did not finish within {} s",
                    timeout.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("`{program}` could not be waited for: {e}")),
        }
    };
    if status.success() {
        return Ok(());
    }
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    let first = err
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>();
    Err(match status.code() {
        Some(code) if first.is_empty() => format!("`{program}` failed with status {code}"),
        Some(code) => format!("`{program}` failed with status {code}: {first}"),
        None => format!("`{program}` was stopped by a signal"),
    })
}

/// Saves the document privately (0600) under `dir`, made owner-only (0700) if missing; a name
/// already there gets a number rather than being overwritten.
pub fn save(bytes: &[u8], dir: &Path, name: &str) -> std::io::Result<PathBuf> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let dot = if ext.is_empty() { "" } else { "." };
    let mut path = dir.join(name);
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{stem}-{n}{dot}{ext}"));
    }
    let mut file = crate::files::create_private(&path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_print_command_is_split_as_a_shell_would_split_it() {
        assert_eq!(
            PrintCommand::parse(r#"lp -d "Hall printer" -o 'media=A4'"#)
                .unwrap()
                .words(),
            ["lp", "-d", "Hall printer", "-o", "media=A4"]
        );
        assert_eq!(PrintCommand::parse("  "), Err(CommandError::Empty));
        assert!(matches!(
            PrintCommand::parse("lp -d \"hall"),
            Err(CommandError::Unsplittable(_))
        ));
    }
}
