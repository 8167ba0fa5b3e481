//! The demo centre's store: on its server's first start, a new demo store is given the
//! centre's morning ([`morning`](super::morning)); `frontdesk init --demo empty` creates it
//! empty instead. A store that exists is never touched, so a restart adds nothing.

use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::datadir::{DataDir, LoadError};

use super::clock::ServerClock;
use super::morning::{self, Summary};
use super::{ServeError, Shared};

/// How a new demo starts: with the morning's activity, or with an empty hall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoStart {
    /// A morning of activity, dated from the server's clock (what `cargo run` shows).
    Morning,
    /// No visitors, cases or requests: the centre as defined (for tests and rehearsals).
    Empty,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Serve(#[from] ServeError),
    #[error(
        "{dir} already holds a store ({store}); a demo is set up once, in a data directory without one: choose another with --data"
    )]
    HasStore { dir: String, store: PathBuf },
}

/// What `init --demo` set up.
#[derive(Debug, Clone)]
pub struct DemoReport {
    pub centre: String,
    /// What the morning wrote; none for an empty demo.
    pub morning: Option<Summary>,
}

/// Sets up the demo centre in a data directory that holds no centre of its own and no store:
/// writes the demo's files (keeping those already written there) and creates its store at
/// `now`, with the morning or empty. The server must not be running.
pub fn set_up(
    data: &DataDir,
    start: DemoStart,
    now: NaiveDateTime,
) -> Result<DemoReport, DemoError> {
    data.ensure_initialised()?;
    if !data.is_demo() {
        return Err(LoadError::AlreadySetUp {
            dir: data.path.display().to_string(),
        }
        .into());
    }
    if data.has_store() {
        return Err(DemoError::HasStore {
            dir: data.path.display().to_string(),
            store: data.db_path(),
        });
    }
    let clock = ServerClock::starting_at(now);
    let (shared, morning) = match start {
        DemoStart::Empty => (Shared::open(data, clock)?, None),
        DemoStart::Morning => open(data, clock)?,
    };
    Ok(DemoReport {
        centre: shared.centre.name.clone(),
        morning,
    })
}

/// Opens the data directory's store for the server. A demo whose store does not exist yet gets
/// its morning first, dated from `clock`, and says what it wrote; if the morning cannot be
/// written, the store begun for it is removed, so the next start tries again from nothing.
pub(super) fn open(
    data: &DataDir,
    clock: ServerClock,
) -> Result<(Shared, Option<Summary>), ServeError> {
    if !data.is_demo() || data.has_store() {
        return Ok((Shared::open(data, clock)?, None));
    }
    let now = clock.now();
    let calendar = data.calendar()?;
    let mut shared = Shared::open(
        data,
        ServerClock::starting_at(morning::first_moment(&calendar, now)),
    )?;
    match morning::write(&mut shared, now) {
        Ok(summary) => {
            shared.clock = clock;
            Ok((shared, Some(summary)))
        }
        Err(e) => {
            drop(shared);
            let _ = std::fs::remove_file(data.db_path());
            Err(ServeError::Morning(e))
        }
    }
}
