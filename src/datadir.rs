//! The centre's data directory: where its own centre file, catalogue and extra holiday
//! schedules live. Until a centre has been set up there, the built-in demo centre is used.
//!
//! Layout: `centre.toml`, `catalogue.toml` and `holidays/YEAR.json` (same format as
//! `fixtures/holidays/`). A schedule dropped into `holidays/` adds its year, or replaces the
//! built-in schedule of that year.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::domain::calendar::Calendar;
use crate::domain::catalogue::Catalogue;
use crate::domain::centre::Centre;
use crate::domain::holidays::HolidaySchedule;
use crate::domain::toml_fields::FileProblems;
use crate::fixtures;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Problems(#[from] FileProblems),
    #[error(
        "no data directory: neither --data, $FRONTDESK_DATA, $XDG_DATA_HOME nor $HOME is set; pass --data DIR"
    )]
    NoHome,
    #[error(
        "{dir} already holds a centre; edit its centre.toml and catalogue.toml, or choose another data directory with --data"
    )]
    AlreadySetUp { dir: String },
}

/// Where a piece of data came from, to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

/// The file that marks a data directory as holding the demo centre.
pub const DEMO_MARKER: &str = "demo-centre";

/// What `init` set up.
#[derive(Debug, Clone)]
pub struct InitReport {
    pub centre: String,
    pub windows: usize,
    pub staff: usize,
    pub items: usize,
    /// Where the demo's store was moved, if there was one.
    pub kept_aside: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct DataDir {
    pub path: PathBuf,
}

/// Reads a whole text file, naming it in the error.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

impl DataDir {
    /// `--data DIR` if given, else `$FRONTDESK_DATA`, else `frontdesk` under the XDG data home
    /// (`$XDG_DATA_HOME`, or `~/.local/share`).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self, LoadError> {
        let env = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let path = explicit
            .or_else(|| env("FRONTDESK_DATA"))
            .or_else(|| env("XDG_DATA_HOME").map(|p| p.join("frontdesk")))
            .or_else(|| env("HOME").map(|p| p.join(".local/share/frontdesk")))
            .ok_or(LoadError::NoHome)?;
        Ok(DataDir { path })
    }

    /// The redb file the server owns.
    pub fn db_path(&self) -> PathBuf {
        self.path.join("frontdesk.redb")
    }

    /// The Unix socket consoles connect to.
    pub fn socket_path(&self) -> PathBuf {
        self.path.join("frontdesk.sock")
    }

    /// Held by the running server; a second server finds it taken.
    pub fn server_lock_path(&self) -> PathBuf {
        self.path.join("server.lock")
    }

    /// Held by a client while it starts a server, so two clients start one.
    pub fn start_lock_path(&self) -> PathBuf {
        self.path.join("start.lock")
    }

    /// Where a server started in the background writes its messages.
    /// Written when the server is stopped on purpose (`frontdesk stop`), naming who stopped it
    /// and when; removed when a server starts. A console does not start a server while it is
    /// here: it waits for someone to start one.
    pub fn stopped_path(&self) -> PathBuf {
        self.path.join("stopped")
    }

    /// Who stopped the server on purpose, and when, if it has not been started since.
    pub fn stopped_by(&self) -> Option<String> {
        let text = fs::read_to_string(self.stopped_path()).ok()?;
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// Where documents are saved when they are not printed (`papers/`, owner-only).
    pub fn papers_dir(&self) -> PathBuf {
        self.path.join("papers")
    }

    pub fn log_path(&self) -> PathBuf {
        self.path.join("server.log")
    }

    /// The demo centre: set up from the built-in fixtures (marked by `demo-centre`), or with no
    /// centre file at all. There, and only there, the owner of the data directory signs in as
    /// the demo's clerk 周春英 (C01) and may act as anyone (`--as`).
    pub fn is_demo(&self) -> bool {
        self.own_file(DEMO_MARKER).is_some() || self.own_file("centre.toml").is_none()
    }

    /// On first use of a data directory that holds no centre, no catalogue and no store, writes
    /// the demo centre there from the built-in fixtures, so it can be seen and edited. Returns
    /// whether it did.
    pub fn ensure_initialised(&self) -> Result<bool, LoadError> {
        let any = ["centre.toml", "catalogue.toml", "frontdesk.redb"]
            .iter()
            .any(|f| self.path.join(f).exists());
        if any {
            return Ok(false);
        }
        let write = |name: &str, text: &str| {
            let path = self.path.join(name);
            fs::write(&path, text).map_err(|source| LoadError::Io { path, source })
        };
        fs::create_dir_all(&self.path).map_err(|source| LoadError::Io {
            path: self.path.clone(),
            source,
        })?;
        write("centre.toml", fixtures::CENTRE.1)?;
        write("catalogue.toml", fixtures::CATALOGUE.1)?;
        write(
            DEMO_MARKER,
            "This data directory holds the demo centre, written from frontdesk's built-in fixtures.\n\
             Here the owner of the directory signs in as the clerk 周春英 (C01), and acts as anyone with --as CODE.\n\
             The server's first start writes a morning of the centre's work into its new store.\n\
             `frontdesk init --centre FILE --catalogue FILE` sets up a real centre.\n",
        )?;
        Ok(true)
    }

    /// Sets up a real centre: checks both files (the catalogue against the centre's windows)
    /// and copies them in. A demo centre's store is kept aside, never deleted.
    pub fn init(&self, centre: &Path, catalogue: &Path) -> Result<InitReport, LoadError> {
        let c = load_centre(centre)?;
        let windows = c.windows.iter().map(|w| w.name.clone()).collect();
        let cat = load_catalogue(catalogue, Some(&windows))?;
        if self.own_file("centre.toml").is_some() && !self.is_demo() {
            return Err(LoadError::AlreadySetUp {
                dir: self.path.display().to_string(),
            });
        }
        fs::create_dir_all(&self.path).map_err(|source| LoadError::Io {
            path: self.path.clone(),
            source,
        })?;
        let mut kept_aside = None;
        let db = self.db_path();
        if db.exists() {
            let aside = self.path.join("frontdesk.redb.demo");
            fs::rename(&db, &aside).map_err(|source| LoadError::Io {
                path: db.clone(),
                source,
            })?;
            // Its anchor goes with it: the real centre's store starts new, on purpose.
            let anchor = crate::store::anchor::path_for(&db);
            if anchor.exists() {
                let moved = crate::store::anchor::path_for(&aside);
                fs::rename(&anchor, &moved).map_err(|source| LoadError::Io {
                    path: anchor.clone(),
                    source,
                })?;
            }
            kept_aside = Some(aside);
        }
        let copy = |from: &Path, name: &str| {
            let to = self.path.join(name);
            fs::copy(from, &to)
                .map(|_| ())
                .map_err(|source| LoadError::Io { path: to, source })
        };
        copy(centre, "centre.toml")?;
        copy(catalogue, "catalogue.toml")?;
        let marker = self.path.join(DEMO_MARKER);
        if marker.exists() {
            fs::remove_file(&marker).map_err(|source| LoadError::Io {
                path: marker,
                source,
            })?;
        }
        Ok(InitReport {
            centre: c.name,
            windows: c.windows.len(),
            staff: c.staff.len(),
            items: cat.items().len(),
            kept_aside,
        })
    }

    /// Whether the store has been created: a demo's morning is written only into a new one.
    pub fn has_store(&self) -> bool {
        self.db_path().exists()
    }

    /// The uid that owns the data directory, if it exists.
    pub fn owner_uid(&self) -> Option<u32> {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(&self.path).ok().map(|m| m.uid())
    }

    fn own_file(&self, name: &str) -> Option<PathBuf> {
        let p = self.path.join(name);
        p.is_file().then_some(p)
    }

    /// The centre's catalogue, or the demo centre's until the data directory has one. A centre's
    /// own catalogue is checked against its centre's windows.
    pub fn catalogue(&self) -> Result<(Catalogue, Origin), LoadError> {
        match self.own_file("catalogue.toml") {
            Some(p) => {
                let (centre, _) = self.centre()?;
                let windows = centre.windows.iter().map(|w| w.name.clone()).collect();
                Ok((load_catalogue(&p, Some(&windows))?, Origin::File(p)))
            }
            None => Ok((fixtures::catalogue(), Origin::BuiltIn)),
        }
    }

    /// The centre file, or the demo centre's until the data directory has one.
    pub fn centre(&self) -> Result<(Centre, Origin), LoadError> {
        match self.own_file("centre.toml") {
            Some(p) => Ok((load_centre(&p)?, Origin::File(p))),
            None => Ok((fixtures::centre(), Origin::BuiltIn)),
        }
    }

    /// The built-in schedules plus any in the data directory's `holidays/` folder.
    pub fn calendar(&self) -> Result<Calendar, LoadError> {
        let mut cal = fixtures::calendar();
        let dir = self.path.join("holidays");
        if !dir.is_dir() {
            return Ok(cal);
        }
        let entries = fs::read_dir(&dir).map_err(|source| LoadError::Io {
            path: dir.clone(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for p in files {
            cal.load(load_schedule(&p)?);
        }
        Ok(cal)
    }
}

/// Reads a catalogue file; with `windows`, its items must name only those windows.
pub fn load_catalogue(
    path: &Path,
    windows: Option<&BTreeSet<String>>,
) -> Result<Catalogue, LoadError> {
    let name = path.display().to_string();
    Ok(Catalogue::parse_for_windows(
        &name,
        &read_text(path)?,
        windows,
    )?)
}

pub fn load_centre(path: &Path) -> Result<Centre, LoadError> {
    Ok(Centre::parse(
        &path.display().to_string(),
        &read_text(path)?,
    )?)
}

/// Reads one schedule file; a file named for one year must hold that year.
pub fn load_schedule(path: &Path) -> Result<HolidaySchedule, LoadError> {
    let name = path.display().to_string();
    let schedule = HolidaySchedule::parse(&name, &read_text(path)?)?;
    let stem_year = path
        .file_stem()
        .and_then(|s| s.to_str()?.parse::<i32>().ok());
    if let Some(y) = stem_year.filter(|y| *y != schedule.year) {
        return Err(FileProblems {
            file: name,
            problems: vec![crate::domain::toml_fields::Problem {
                line: 1,
                field: "year".into(),
                message: format!(
                    "the file is named for {y} but holds the schedule of {}; rename it or fix \"year\"",
                    schedule.year
                ),
            }],
        }
        .into());
    }
    Ok(schedule)
}
