//! Running the centre's `[sms] command` for one message: no shell, the message as JSON on its
//! standard input, its exit status the answer. It runs in a process group of its own, so that
//! when it overruns its time (or the server stops) it is killed with every child it started.

use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::domain::outbox::AttemptError;

/// How often a running command is looked at.
const POLL: Duration = Duration::from_millis(10);
/// The most error output kept of one attempt; only its first line is used.
const STDERR_BYTES: usize = 4096;
/// How long the error output may go on after the command ended (a child of it that outlives it
/// may hold the pipe open).
const STDERR_AFTER_EXIT: Duration = Duration::from_millis(500);

/// Runs `words` (program, then its arguments) with `input` on its standard input, for at most
/// `timeout`, or until `stopping` is set. `Ok` when it exits with status 0.
pub fn run(
    words: &[String],
    input: &[u8],
    timeout: Duration,
    stopping: &AtomicBool,
) -> Result<(), AttemptError> {
    let Some((program, args)) = words.split_first() else {
        return Err(AttemptError::Start("the command is empty".into()));
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| AttemptError::Start(format!("`{program}`: {e}")))?;
    // A message is a few hundred bytes, within what a pipe holds, so this never waits on the
    // command; a command that exits without reading it is told by its status.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input);
    }
    let stderr = child.stderr.take().map(|mut pipe| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            let mut buf = [0u8; 1024];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let room = STDERR_BYTES.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
            let _ = tx.send(kept);
        });
        rx
    });
    let group = rustix::process::Pid::from_child(&child);
    let kill = |child: &mut std::process::Child| {
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
        let _ = child.kill();
        let _ = child.wait();
    };
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => {
                kill(&mut child);
                return Err(AttemptError::Start(format!(
                    "`{program}` could not be watched: {e}"
                )));
            }
        }
        if stopping.load(Ordering::SeqCst) {
            kill(&mut child);
            return Err(AttemptError::Interrupted);
        }
        if Instant::now() >= deadline {
            kill(&mut child);
            return Err(AttemptError::TimedOut {
                secs: u32::try_from(timeout.as_secs()).unwrap_or(u32::MAX),
            });
        }
        std::thread::sleep(POLL);
    };
    if status.success() {
        return Ok(());
    }
    let stderr = stderr
        .and_then(|rx| rx.recv_timeout(STDERR_AFTER_EXIT).ok())
        .unwrap_or_default();
    Err(AttemptError::Exit {
        code: status.code(),
        signal: status.signal(),
        stderr,
    })
}
