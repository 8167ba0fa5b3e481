//! The file-system trust model, as sshd's StrictModes has it: what the server writes is
//! owner-only whatever the umask, and what it reads its centre from — the data directory, the
//! centre and catalogue files, the holiday schedules and the demo marker — must be owned by the
//! server's user (or root) and writable by no one else, or the server does not start.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Creates (or opens to append to) a file only its owner may read or write, whatever the
/// umask; a file that already exists is made so too.
pub fn open_private(path: &Path, append: bool) -> io::Result<File> {
    let file = OpenOptions::new()
        .create(true)
        .append(append)
        .write(true)
        .read(!append)
        .truncate(false)
        .mode(0o600)
        .open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

/// Creates a new file only its owner may read or write, replacing one left at `path`.
pub fn create_private(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

/// Makes an existing file owner-only (a store or backup written by an earlier release with the
/// umask's mode); nothing when it does not exist.
pub fn make_private(path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.permissions().mode() & 0o077 != 0 => {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        }
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Why the server does not trust a path it would read its centre from.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Distrust {
    #[error(
        "{path} is writable by {who} (mode {mode:04o}): anyone there could change the centre the server runs; make it writable by its owner only with `chmod go-w {path}`"
    )]
    Writable {
        path: String,
        who: &'static str,
        mode: u32,
    },
    #[error(
        "{path} belongs to uid {owner}, not to uid {server} who runs the server: give it to the server's user with `chown {server} {path}`, or run the server as its owner"
    )]
    Owner {
        path: String,
        owner: u32,
        server: u32,
    },
    #[error("cannot check {path}: {why}")]
    Unreadable { path: String, why: String },
}

/// Checks one path: owned by `server` (or root) and writable by no one else. A path that does
/// not exist is nothing to trust.
pub fn check_trusted(path: &Path, server: u32) -> Result<(), Distrust> {
    let shown = || path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(Distrust::Unreadable {
                path: shown(),
                why: e.to_string(),
            });
        }
    };
    if meta.uid() != server && meta.uid() != 0 {
        return Err(Distrust::Owner {
            path: shown(),
            owner: meta.uid(),
            server,
        });
    }
    let mode = meta.mode() & 0o7777;
    let who = match (mode & 0o020 != 0, mode & 0o002 != 0) {
        (_, true) => Some("everyone"),
        (true, false) => Some("its group"),
        (false, false) => None,
    };
    match who {
        Some(who) => Err(Distrust::Writable {
            path: shown(),
            who,
            mode,
        }),
        None => Ok(()),
    }
}

/// Checks a directory and every file in it (the holiday schedules).
pub fn check_tree(dir: &Path, server: u32) -> Result<(), Distrust> {
    check_trusted(dir, server)?;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            check_trusted(&e.path(), server)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::PathBuf;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("frontdesk-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn what_the_server_writes_is_owner_only_whatever_the_umask() {
        let dir = scratch("private");
        let old = rustix::process::umask(rustix::fs::Mode::empty());
        let made = create_private(&dir.join("a")).map(|_| ());
        let appended = open_private(&dir.join("b"), true).map(|_| ());
        rustix::process::umask(old);
        made.unwrap();
        appended.unwrap();
        for f in ["a", "b"] {
            let mode = std::fs::metadata(dir.join(f)).unwrap().mode() & 0o777;
            assert_eq!(mode, 0o600, "{f}");
        }
        std::fs::write(dir.join("c"), "x").unwrap();
        std::fs::set_permissions(dir.join("c"), std::fs::Permissions::from_mode(0o644)).unwrap();
        make_private(&dir.join("c")).unwrap();
        assert_eq!(
            std::fs::metadata(dir.join("c")).unwrap().mode() & 0o777,
            0o600
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_path_writable_by_its_group_or_everyone_is_not_trusted() {
        let dir = scratch("trust");
        let me = rustix::process::geteuid().as_raw();
        let f = dir.join("centre.toml");
        std::fs::write(&f, "x").unwrap();
        for (mode, ok) in [(0o644, true), (0o640, true), (0o664, false), (0o646, false)] {
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(mode)).unwrap();
            let r = check_trusted(&f, me);
            assert_eq!(r.is_ok(), ok, "{mode:o}: {r:?}");
            if let Err(e) = r {
                assert!(e.to_string().contains("chmod go-w"), "{e}");
            }
        }
        // The documented set-up: a directory 2750, group-readable, writable by its owner.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2750)).unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert_eq!(check_tree(&dir, me), Ok(()));
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2770)).unwrap();
        assert!(matches!(
            check_tree(&dir, me),
            Err(Distrust::Writable {
                who: "its group",
                ..
            })
        ));
        assert_eq!(check_trusted(&dir.join("absent"), me), Ok(()));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
