//! The server's socket, watched: the accept loop waits at most [`WATCH_EVERY`] for a connection,
//! and between connections checks that the path in the data directory is still the socket it
//! bound. One deleted, or replaced by someone else's listener, is bound again, so consoles find
//! the server where they look for it (docs/decisions.md, "The socket is watched").

use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the socket's path is checked while no one connects.
pub const WATCH_EVERY: Duration = Duration::from_secs(1);

/// Which file a path is: its device and inode.
type FileId = (u64, u64);

fn file_id(path: &Path) -> io::Result<FileId> {
    fs::symlink_metadata(path).map(|m| (m.dev(), m.ino()))
}

/// What became of the socket's path since it was bound.
#[derive(Debug, PartialEq, Eq)]
pub enum Lost {
    /// Nothing is there.
    Deleted,
    /// Another file is there (another listener bound in its place, say).
    Replaced,
}

/// The listening socket and the file at its path that is ours.
pub struct Listening {
    listener: UnixListener,
    path: PathBuf,
    id: FileId,
    /// Binding again failed, and the log was told so once.
    failing: bool,
}

/// One turn of the accept loop.
pub enum Next {
    /// A connection, or why `accept` failed.
    Conn(io::Result<UnixStream>),
    /// No one connected within [`WATCH_EVERY`] (or the one who did went away).
    Idle,
}

/// Binds a socket at `path`, removing whatever file is there first (the caller holds the server
/// lock, so it is no live server's), open to the group (0660).
fn bind(path: &Path) -> io::Result<(UnixListener, FileId)> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let listener = UnixListener::bind(path)?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o660))?;
    listener.set_nonblocking(true)?;
    let id = file_id(path)?;
    Ok((listener, id))
}

impl Listening {
    /// Listens at `path`; says what failed (removing a stale socket, binding, its mode).
    pub fn bind(path: &Path) -> io::Result<Listening> {
        let (listener, id) = bind(path)?;
        Ok(Listening {
            listener,
            path: path.to_path_buf(),
            id,
            failing: false,
        })
    }

    pub fn listener(&self) -> &UnixListener {
        &self.listener
    }

    /// Waits for the next connection, at most [`WATCH_EVERY`].
    pub fn next(&self) -> Next {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let timeout = Timespec {
            tv_sec: WATCH_EVERY.as_secs() as _,
            tv_nsec: 0,
        };
        let mut fds = [PollFd::new(&self.listener, PollFlags::IN)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => return Next::Idle,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return Next::Idle,
            Err(e) => return Next::Conn(Err(e.into())),
        }
        match self.listener.accept() {
            // What `accept` hands over is a blocking stream whatever the listener is; said
            // again so that no platform's inheritance of the flag can surprise a connection.
            Ok((stream, _)) => Next::Conn(stream.set_nonblocking(false).map(|()| stream)),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Next::Idle,
            Err(e) => Next::Conn(Err(e)),
        }
    }

    /// What became of the socket's path, if it is no longer ours.
    pub fn lost(&self) -> Option<Lost> {
        match file_id(&self.path) {
            Ok(id) if id == self.id => None,
            Ok(_) => Some(Lost::Replaced),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Some(Lost::Deleted),
            // Unreadable for a moment: not a reason to take the path back.
            Err(_) => None,
        }
    }

    /// Checks the socket's path and binds it again when it was deleted or replaced; says what
    /// it found and did, for the log (a failure once, not every turn it goes on failing). The old listener closes: connections it had accepted go
    /// on, and whatever another process bound in its place is unlinked (it still listens,
    /// unreachable, until its owner stops it).
    pub fn keep(&mut self) -> Option<String> {
        let lost = self.lost()?;
        let what = match lost {
            Lost::Deleted => "was deleted",
            Lost::Replaced => "was replaced by another file",
        };
        let shown = self.path.display();
        match bind(&self.path) {
            Ok((listener, id)) => {
                self.listener = listener;
                self.id = id;
                self.failing = false;
                Some(format!(
                    "the socket {shown} {what}; listening on a new one there"
                ))
            }
            Err(_) if self.failing => None,
            Err(e) => {
                self.failing = true;
                Some(format!(
                    "the socket {shown} {what}, and a new one cannot be bound there ({e}); trying again every {} s",
                    WATCH_EVERY.as_secs()
                ))
            }
        }
    }

    /// Removes the socket's path as the server stops, if it is still ours.
    pub fn remove(self) {
        if self.lost().is_none() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("frontdesk-listen-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_deleted_socket_is_bound_again_and_answers() {
        let dir = scratch("deleted");
        let path = dir.join("s.sock");
        let mut l = Listening::bind(&path).unwrap();
        assert_eq!(l.keep(), None, "nothing to do while the socket is ours");
        fs::remove_file(&path).unwrap();
        assert_eq!(l.lost(), Some(Lost::Deleted));
        let said = l.keep().unwrap();
        assert!(
            said.contains("was deleted; listening on a new one"),
            "{said}"
        );
        let _client = UnixStream::connect(&path).unwrap();
        assert!(matches!(l.next(), Next::Conn(Ok(_))));
        assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o660);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_socket_replaced_by_another_listener_is_taken_back() {
        let dir = scratch("replaced");
        let path = dir.join("s.sock");
        let mut l = Listening::bind(&path).unwrap();
        fs::remove_file(&path).unwrap();
        let other = UnixListener::bind(&path).unwrap();
        assert_eq!(l.lost(), Some(Lost::Replaced));
        assert!(l.keep().unwrap().contains("was replaced"));
        other.set_nonblocking(true).unwrap();
        let _client = UnixStream::connect(&path).unwrap();
        assert!(matches!(l.next(), Next::Conn(Ok(_))));
        assert!(other.accept().is_err(), "the other listener got the client");
        l.remove();
        assert!(!path.exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn waiting_for_a_connection_ends_within_the_watch_period() {
        let dir = scratch("idle");
        let l = Listening::bind(&dir.join("s.sock")).unwrap();
        let started = std::time::Instant::now();
        assert!(matches!(l.next(), Next::Idle));
        assert!(started.elapsed() < WATCH_EVERY * 2);
        let _ = fs::remove_dir_all(&dir);
    }
}
