//! Faults of the disk under the store: full, over the process's file-size limit or its quota,
//! or another write error. redb refuses every operation after one ("Previous I/O error
//! occurred"), even once space returns, so a server that meets one says plainly what is wrong
//! and starts again (docs/decisions.md): nothing unacknowledged was kept, nothing acknowledged
//! is lost, and the next server opens the store afresh.

use std::path::Path;
use std::sync::atomic::Ordering;

use super::{Store, StoreError};

/// What went wrong with the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskKind {
    Full,
    FileTooLarge,
    Quota,
    /// A write failed before, and the store refuses every operation since.
    Earlier,
    Other(String),
}

/// A fault of the disk, with where the store is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskFault {
    pub dir: String,
    pub kind: DiskKind,
}

impl std::fmt::Display for DiskFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let dir = &self.dir;
        match &self.kind {
            DiskKind::Full => write!(f, "the disk holding {dir} is full: free space on it"),
            DiskKind::FileTooLarge => write!(
                f,
                "the store in {dir} has reached the server's file-size limit (ulimit -f; LimitFSIZE in a systemd unit): raise it"
            ),
            DiskKind::Quota => write!(
                f,
                "the disk quota of the server's user on {dir} is used up: free space or raise the quota"
            ),
            DiskKind::Earlier => write!(
                f,
                "the store in {dir} met a write error a moment ago and is being opened afresh"
            ),
            DiskKind::Other(e) => write!(f, "the store in {dir} could not be written ({e})"),
        }?;
        write!(
            f,
            "; what was asked was not kept, and the server starts again to recover — try again in a moment"
        )
    }
}

impl StoreError {
    /// The disk fault this error is, if it is one.
    fn disk_kind(&self) -> Option<DiskKind> {
        let StoreError::Db(e) = self else {
            return None;
        };
        match e {
            redb::Error::PreviousIo => Some(DiskKind::Earlier),
            redb::Error::Io(io) => Some(match io.raw_os_error() {
                Some(c) if c == rustix::io::Errno::NOSPC.raw_os_error() => DiskKind::Full,
                Some(c) if c == rustix::io::Errno::FBIG.raw_os_error() => DiskKind::FileTooLarge,
                Some(c) if c == rustix::io::Errno::DQUOT.raw_os_error() => DiskKind::Quota,
                _ => DiskKind::Other(io.to_string()),
            }),
            _ => None,
        }
    }
}

impl Store {
    /// The error, as a disk fault naming where the store is when it is one; a disk fault is
    /// remembered, so the server knows to start again.
    pub(super) fn on_disk(&self, e: StoreError) -> StoreError {
        match e.disk_kind() {
            Some(kind) => {
                self.disk_fault.store(true, Ordering::SeqCst);
                StoreError::Disk(DiskFault {
                    dir: dir_of(&self.path),
                    kind,
                })
            }
            None => e,
        }
    }

    /// A command's error, its store failure as a disk fault when it is one.
    pub(super) fn on_disk_cmd(&self, e: super::CmdError) -> super::CmdError {
        match e {
            super::CmdError::Store(e) => super::CmdError::Store(self.on_disk(e)),
            refused => refused,
        }
    }

    /// Whether a disk fault has been met: the store refuses everything until it is opened
    /// afresh.
    pub fn disk_fault(&self) -> bool {
        self.disk_fault.load(Ordering::SeqCst)
    }
}

fn dir_of(path: &Path) -> String {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_and_a_file_size_limit_are_told_plainly_with_where_and_what_to_do() {
        let full = StoreError::Db(redb::Error::Io(std::io::Error::from_raw_os_error(
            rustix::io::Errno::NOSPC.raw_os_error(),
        )));
        assert_eq!(full.disk_kind(), Some(DiskKind::Full));
        let f = DiskFault {
            dir: "/srv/frontdesk".into(),
            kind: DiskKind::Full,
        };
        assert!(
            f.to_string()
                .starts_with("the disk holding /srv/frontdesk is full: free space on it"),
            "{f}"
        );
        let big = StoreError::Db(redb::Error::Io(std::io::Error::from_raw_os_error(
            rustix::io::Errno::FBIG.raw_os_error(),
        )));
        assert_eq!(big.disk_kind(), Some(DiskKind::FileTooLarge));
        assert_eq!(
            StoreError::Db(redb::Error::PreviousIo).disk_kind(),
            Some(DiskKind::Earlier)
        );
        assert_eq!(
            StoreError::Corrupt {
                table: "cases",
                detail: "x".into()
            }
            .disk_kind(),
            None
        );
    }
}
