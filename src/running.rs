//! Whether a server runs for a data directory, found by its lock file (`server.lock`, held while
//! it runs and naming its pid) rather than by its socket, which may have been deleted or
//! replaced: so a client that finds no socket does not try to start a second server, and
//! `frontdesk stop` can find the one there is.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::datadir::DataDir;

/// What the server lock says.
#[derive(Debug)]
pub enum Lock {
    /// No lock file: no server has run here.
    Absent,
    /// Free: no server runs.
    Free,
    /// Held by a running server, with the pid it wrote (none if it wrote nothing readable).
    Held { pid: Option<u32> },
    /// The lock cannot be opened or tried (another user's, say).
    Unknown(io::Error),
}

fn open(path: &Path) -> io::Result<File> {
    File::options().read(true).open(path)
}

/// Reads the server lock of `data` without taking it for longer than a moment.
pub fn lock_of(data: &DataDir) -> Lock {
    let path = data.server_lock_path();
    let file = match open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Lock::Absent,
        Err(e) => return Lock::Unknown(e),
    };
    match file.try_lock() {
        Ok(()) => {
            let _ = file.unlock();
            Lock::Free
        }
        Err(TryLockError::WouldBlock) => Lock::Held {
            pid: std::fs::read_to_string(&path)
                .ok()
                .and_then(|t| t.trim().parse().ok()),
        },
        Err(TryLockError::Error(e)) => Lock::Unknown(e),
    }
}

/// Why a pid is not taken for the server of a data directory.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotTheServer {
    #[error("no process {pid} runs")]
    Gone { pid: u32 },
    #[error("process {pid} runs {exe}, not frontdesk")]
    OtherProgram { pid: u32, exe: String },
    #[error("process {pid} does not hold {lock} open")]
    OtherDirectory { pid: u32, lock: String },
    #[error("cannot look at process {pid} ({why}); run this as the user who runs the server")]
    Hidden { pid: u32, why: String },
}

/// Checks that `pid` is a frontdesk program holding `lock` open, as a server of that data
/// directory does while it runs (`/proc/PID/exe` and `/proc/PID/fd`), before anything signals
/// it: a pid in a lock file may since have been given to another process.
pub fn confirm_server(pid: u32, lock: &Path) -> Result<(), NotTheServer> {
    let proc = PathBuf::from(format!("/proc/{pid}"));
    let hidden = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => NotTheServer::Gone { pid },
        _ => NotTheServer::Hidden {
            pid,
            why: e.to_string(),
        },
    };
    let exe = std::fs::read_link(proc.join("exe")).map_err(hidden)?;
    // A program rebuilt while it runs reads "frontdesk (deleted)".
    let named = exe
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == "frontdesk" || n.starts_with("frontdesk "));
    if !named {
        return Err(NotTheServer::OtherProgram {
            pid,
            exe: exe.display().to_string(),
        });
    }
    let lock = std::fs::canonicalize(lock).unwrap_or_else(|_| lock.to_path_buf());
    let holds = std::fs::read_dir(proc.join("fd"))
        .map_err(hidden)?
        .flatten()
        .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == lock));
    if holds {
        Ok(())
    } else {
        Err(NotTheServer::OtherDirectory {
            pid,
            lock: lock.display().to_string(),
        })
    }
}

/// Waits until the server lock of `data` is free (the server has ended, its store closed), at
/// most `timeout`; says whether it is.
pub fn wait_released(data: &DataDir, timeout: Duration) -> bool {
    let started = Instant::now();
    loop {
        match lock_of(data) {
            Lock::Held { .. } if started.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Lock::Held { .. } | Lock::Unknown(_) => return false,
            Lock::Absent | Lock::Free => return true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pid_is_the_server_only_if_it_is_frontdesk_holding_the_lock() {
        let dir = std::env::temp_dir().join(format!("frontdesk-running-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lock = dir.join("server.lock");
        let held = File::create(&lock).unwrap();
        // This test program holds the lock but is not frontdesk.
        let me = std::process::id();
        assert!(matches!(
            confirm_server(me, &lock),
            Err(NotTheServer::OtherProgram { .. })
        ));
        assert!(matches!(
            confirm_server(u32::MAX / 2, &lock),
            Err(NotTheServer::Gone { .. })
        ));
        drop(held);
        let data = DataDir { path: dir.clone() };
        let f = File::create(&lock).unwrap();
        f.lock().unwrap();
        assert!(matches!(lock_of(&data), Lock::Held { pid: None }));
        assert!(!wait_released(&data, Duration::from_millis(50)));
        drop(f);
        assert!(matches!(lock_of(&data), Lock::Free));
        assert!(wait_released(&data, Duration::from_millis(50)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
