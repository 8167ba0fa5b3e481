//! `frontdesk serve`: the one process that owns the redb file and serves every console over a
//! Unix socket in the data directory (DESIGN.md, the tmux model).

mod admin;
mod approvals;
pub mod auth;
mod case_lists;
mod cases;
pub mod clock;
mod commands;
mod complaints;
mod conn;
mod cover;
pub mod demo;
mod duty;
mod empty_posts;
mod enquiries;
mod gate;
mod leave;
mod listen;
pub mod morning;
mod outbox;
mod papers;
mod ratings;
mod roster;
mod scheduler;
mod screen;
pub mod seed;
mod session;
mod standing;
mod supervision;
mod throttle;
mod tickets;
mod today;
mod views;
mod violations;
mod visits;
mod watch;

use std::fs::{self, TryLockError};
use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;

use crate::datadir::{DataDir, LoadError};
use crate::domain::calendar::Calendar;
use crate::domain::catalogue::Catalogue;
use crate::domain::centre::Centre;
use crate::protocol::{self, ServerMsg, Topic};
use crate::store::{Store, StoreError};
use clock::{ServerClock, shanghai_now};

/// The longest path a Unix socket address can hold (`sun_path`, with its terminating zero).
pub const MAX_SOCKET_PATH: usize = 107;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "a frontdesk server is already running for {dir}{pid}; stop it with `frontdesk stop --data {dir}`"
    )]
    AlreadyRunning { dir: String, pid: String },
    #[error(
        "the socket path {path} is {len} bytes, longer than the {MAX_SOCKET_PATH} a Unix socket allows; choose a shorter data directory with --data"
    )]
    SocketPathTooLong { path: String, len: usize },
    #[error("cannot {what} {path}: {source}")]
    Io {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Morning(#[from] morning::MorningError),
    #[error("the server does not start: {0}")]
    Distrusted(#[from] crate::files::Distrust),
    #[error("the server stopped to recover from a fault of its disk: {0}")]
    DiskFault(String),
}

/// What the server reads its centre from must be its own and writable by no one else, or a
/// group member could change who the director is (docs/decisions.md).
fn check_trusted(data: &DataDir) -> Result<(), crate::files::Distrust> {
    use crate::files::{check_tree, check_trusted};
    let me = rustix::process::geteuid().as_raw();
    check_trusted(&data.path, me)?;
    for name in ["centre.toml", "catalogue.toml", crate::datadir::DEMO_MARKER] {
        check_trusted(&data.path.join(name), me)?;
    }
    check_tree(&data.path.join("holidays"), me)
}

fn io_err(what: &'static str, path: &std::path::Path) -> impl FnOnce(std::io::Error) -> ServeError {
    let path = path.display().to_string();
    move |source| ServeError::Io { what, path, source }
}

/// Everything the connections share.
pub struct Shared {
    pub store: Store,
    pub centre: Centre,
    pub catalogue: Catalogue,
    /// Built once: the console searches on every keystroke.
    pub search: crate::search::SearchIndex,
    /// The windows by name, letter or pinyin.
    pub window_names: crate::search::WindowNames,
    pub calendar: Calendar,
    pub clock: ServerClock,
    pub demo: bool,
    pub owner_uid: Option<u32>,
    socket: PathBuf,
    /// Where a stop on purpose is written (`DataDir::stopped_path`).
    pub(crate) stopped_marker: PathBuf,
    stopping: AtomicBool,
    /// Wakes the clock thread when the server stops.
    wake: (Mutex<()>, std::sync::Condvar),
    /// Wakes the outbox's delivery thread when a message is queued, and when the server stops.
    pub(crate) outbox: outbox::Wake,
    /// Where documents are saved when they are not printed (`papers/`).
    pub(crate) papers_dir: PathBuf,
    /// The font documents are drawn in, once found.
    fonts: papers::Fonts,
    next_id: AtomicU64,
    subscribers: Mutex<Vec<(u64, SyncSender<conn::Frame>, UnixStream)>>,
    /// Refused sign-ins by uid, rate-limited.
    throttle: throttle::Throttle,
}

impl Shared {
    /// Opens the data directory's store and definitions (mirrored into the store, which records
    /// what changed) with its clock.
    pub(crate) fn open(data: &DataDir, clock: ServerClock) -> Result<Shared, ServeError> {
        let store = Store::open_anchored(&data.db_path(), clock.now())?;
        let (centre, _) = data.centre()?;
        let (catalogue, _) = data.catalogue()?;
        let calendar = data.calendar()?;
        store.sync_definition(
            &server_itself(),
            clock.now(),
            &centre,
            &catalogue,
            &calendar,
        )?;
        let window_names = crate::search::WindowNames::new(
            centre.windows.iter().map(|w| (w.name.as_str(), w.prefix)),
        );
        Ok(Shared {
            store,
            search: crate::search::SearchIndex::new(&catalogue),
            window_names,
            centre,
            catalogue,
            calendar,
            clock,
            demo: data.is_demo(),
            owner_uid: data.owner_uid(),
            socket: data.socket_path(),
            stopped_marker: data.stopped_path(),
            stopping: AtomicBool::new(false),
            wake: (Mutex::new(()), std::sync::Condvar::new()),
            outbox: outbox::Wake::default(),
            papers_dir: data.papers_dir(),
            fonts: papers::Fonts::default(),
            next_id: AtomicU64::new(1),
            subscribers: Mutex::new(Vec::new()),
            throttle: throttle::Throttle::default(),
        })
    }

    /// The window `text` names (its name, its ticket letter, its pinyin or initials), or the
    /// refusal listing the windows there are.
    pub(crate) fn window_named(&self, text: &str) -> Result<String, crate::refusal::Refusal> {
        self.window_names
            .resolve(text)
            .map(str::to_string)
            .ok_or_else(|| self.no_window(text.trim()))
    }

    /// The refusal for a window the centre does not have, listing those it has.
    pub(crate) fn no_window(&self, name: &str) -> crate::refusal::Refusal {
        crate::refusal::Refusal::NoWindow {
            name: name.to_string(),
            windows: self.centre.windows.iter().map(|w| w.name.clone()).collect(),
        }
    }

    /// Records what the rate limit held back in the windows that are over (in all of them when
    /// `all`, as the server stops): one event a window.
    fn record_held_back(&self, all: bool) {
        for (uid, summary) in self.throttle.ended(std::time::Instant::now(), all) {
            self.record_refused_sign_in(uid, Vec::new(), summary);
        }
    }

    /// A refused sign-in in the audit trail, by no one known, from `uid`.
    fn record_refused_sign_in(
        &self,
        uid: u32,
        targets: Vec<crate::store::audit::Target>,
        why: crate::refusal::Refusal,
    ) {
        let unknown = crate::store::Who {
            actor: "-".into(),
            uid,
        };
        if let Err(e) = self.store.record(
            &unknown,
            self.clock.now(),
            "sign-in",
            targets,
            crate::store::audit::Outcome::Refused(why),
            crate::store::audit::Data::None,
        ) {
            eprintln!("frontdesk: a refused sign-in of uid {uid} could not be recorded: {e}");
        }
    }

    fn subscribe(&self, tx: SyncSender<conn::Frame>, stream: UnixStream) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.push((id, tx, stream));
        }
        id
    }

    fn unsubscribe(&self, id: u64) {
        if let Ok(mut subs) = self.subscribers.lock() {
            subs.retain(|(i, _, _)| *i != id);
        }
    }

    /// Tells every client what changed, in one frame encoded once. A client whose queue is
    /// full is stuck: it is cut off rather than allowed to hold up the others.
    fn broadcast(&self, topics: &[Topic]) {
        let msg = ServerMsg::Changed {
            topics: topics.to_vec(),
        };
        let Ok(frame) = crate::protocol::encode_frame(&msg) else {
            return;
        };
        let frame = Arc::new(frame);
        let Ok(mut subs) = self.subscribers.lock() else {
            return;
        };
        subs.retain(|(_, tx, stream)| match tx.try_send(Arc::clone(&frame)) {
            Ok(()) => true,
            Err(TrySendError::Full(_)) => {
                let _ = stream.shutdown(std::net::Shutdown::Both);
                false
            }
            Err(TrySendError::Disconnected(_)) => false,
        });
    }

    /// Stops the server after a disk fault, so the next start opens the store afresh: redb
    /// refuses every operation after one, even once the disk is mended. Every request until then
    /// is told the fault; nothing unacknowledged was kept.
    pub(crate) fn stop_if_disk_fault(&self) {
        if self.store.disk_fault() && !self.stopping.load(Ordering::SeqCst) {
            eprintln!(
                "frontdesk: a disk fault was met; stopping so that the next start opens the store afresh"
            );
            self.stop();
        }
    }

    fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the clock thread, and the accept loop.
        if let Ok(_guard) = self.wake.0.lock() {
            self.wake.1.notify_all();
        }
        self.outbox.kick();
        let _ = UnixStream::connect(&self.socket);
    }

    /// Sleeps for `wait`, or until the server stops; says whether it goes on.
    fn sleep_unless_stopped(&self, wait: std::time::Duration) -> bool {
        let Ok(guard) = self.wake.0.lock() else {
            return false;
        };
        let _ = self
            .wake
            .1
            .wait_timeout_while(guard, wait, |_| !self.stopping.load(Ordering::SeqCst));
        !self.stopping.load(Ordering::SeqCst)
    }
}

/// The server itself, as the actor of what it records on its own (definitions, timed rules).
pub(crate) fn server_itself() -> crate::store::Who {
    crate::store::Who {
        actor: "-".into(),
        uid: rustix::process::getuid().as_raw(),
    }
}

/// Announces each new minute of the server's clock (topic `clock`), so every console redraws
/// its clock, and at midnight its day: the countdowns, who serves, the leader on duty.
///
/// Each minute it first applies the timed rules that fell due (those of days at midnight), so
/// the consoles that re-read see their outcome.
fn tick(shared: &Shared) {
    use chrono::Timelike;
    let mut day = shared.clock.now().date();
    loop {
        let now = shared.clock.now();
        let into_minute = u64::from(now.second()) * 1000 + u64::from(now.nanosecond() / 1_000_000);
        // A little past the boundary, so the consoles read the new minute.
        let wait = 60_000u64.saturating_sub(into_minute) + 20;
        if !shared.sleep_unless_stopped(std::time::Duration::from_millis(wait)) {
            return;
        }
        let today = shared.clock.now().date();
        let scope = if today == day {
            scheduler::Scope::NewMinute
        } else {
            scheduler::Scope::NewDay
        };
        day = today;
        shared.record_held_back(false);
        let mut topics = scheduler::apply_due(shared, scope);
        shared.stop_if_disk_fault();
        topics.push(Topic::Clock);
        shared.broadcast(&topics);
    }
}

/// How often the chain's head is written outside the store while commits come in.
const ANCHOR_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Keeps the anchor at most [`ANCHOR_EVERY`] behind the store until the server stops.
fn keep_anchor(shared: &Shared) {
    while shared.sleep_unless_stopped(ANCHOR_EVERY) {
        if let Err(e) = shared.store.keep_anchor() {
            eprintln!("frontdesk: {e}");
        }
    }
}

pub struct ServeOptions {
    /// Start the clock at this moment (`--now`); the real time otherwise.
    pub now: Option<NaiveDateTime>,
}

/// Runs the server in the foreground until `frontdesk stop`.
pub fn serve(data: &DataDir, opts: ServeOptions) -> Result<(), ServeError> {
    fs::create_dir_all(&data.path).map_err(io_err("create the data directory", &data.path))?;
    let socket = data.socket_path();
    let len = socket.as_os_str().len();
    if len > MAX_SOCKET_PATH {
        return Err(ServeError::SocketPathTooLong {
            path: socket.display().to_string(),
            len,
        });
    }
    check_trusted(data)?;
    let lock_path = data.server_lock_path();
    let mut lock =
        crate::files::open_private(&lock_path, false).map_err(io_err("open", &lock_path))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let pid = fs::read_to_string(&lock_path)
                .ok()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .map_or(String::new(), |p| format!(" (pid {p})"));
            return Err(ServeError::AlreadyRunning {
                dir: data.path.display().to_string(),
                pid,
            });
        }
        Err(TryLockError::Error(e)) => return Err(io_err("lock", &lock_path)(e)),
    }
    let _ = lock.set_len(0);
    let _ = write!(lock, "{}", std::process::id());

    let clock = ServerClock::starting_at(opts.now.unwrap_or_else(shanghai_now));
    let (shared, morning) = demo::open(data, clock)?;
    let shared = Arc::new(shared);
    if let Some(m) = morning {
        eprintln!("frontdesk: the demo's first start: {}", m.describe());
    }
    // Catch up on what fell due while no server ran, before anyone reads.
    scheduler::apply_due(&shared, scheduler::Scope::NewDay);

    // We hold the server lock, so a socket file left here is from a server that died.
    let mut listening = listen::Listening::bind(&socket).map_err(io_err("listen on", &socket))?;
    // Started again: a stop on purpose no longer holds consoles back.
    let _ = fs::remove_file(data.stopped_path());

    eprintln!(
        "frontdesk: serving {} on {} (clock {})",
        shared.centre.name,
        socket.display(),
        shared.clock.now().format("%Y-%m-%d %H:%M:%S")
    );
    let ticking = Arc::clone(&shared);
    let clock_thread = std::thread::spawn(move || tick(&ticking));
    let anchoring = Arc::clone(&shared);
    let anchor_thread = std::thread::spawn(move || keep_anchor(&anchoring));
    // Sends what the outbox holds due, what a stopped server left first.
    let delivering = Arc::clone(&shared);
    let outbox_thread = std::thread::spawn(move || outbox::deliver(&delivering));
    stop_on_signals(&shared);
    let mut connections: Vec<(std::thread::JoinHandle<()>, Option<UnixStream>)> = Vec::new();
    let mut gate = gate::Gate::new(shared.owner_uid);
    loop {
        // Each turn, and at least every second while no one connects: the socket is ours.
        if let Some(said) = listening.keep() {
            eprintln!("frontdesk: {said}");
        }
        let next = listening.next();
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let listen::Next::Conn(stream) = next else {
            continue;
        };
        let admitted = match stream {
            Ok(stream) => gate.admit(stream),
            Err(e) if gate::out_of_descriptors(&e) => {
                match gate.out_of_descriptors(listening.listener()) {
                    Some(taken) => taken,
                    None => continue,
                }
            }
            Err(_) => continue,
        };
        let mut admitted = match admitted {
            Ok(a) => a,
            Err((mut stream, turned)) => {
                let message = turned.message();
                let _ = stream.set_write_timeout(Some(std::time::Duration::from_secs(1)));
                let _ =
                    protocol::write_frame(&mut stream, &protocol::ServerMsg::Refused { message });
                continue;
            }
        };
        connections.retain(|(t, _)| !t.is_finished());
        let closer = admitted.closer.take();
        let shared = Arc::clone(&shared);
        connections.push((
            std::thread::spawn(move || conn::handle(shared, admitted)),
            closer,
        ));
    }
    listening.remove();
    // Every connection ends (its requests finish, then its socket is shut), and the clock
    // thread at once; then the store is the last reference to the database, which closes
    // cleanly, so the next start needs no repair.
    for (_, closer) in &connections {
        if let Some(s) = closer {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }
    for (t, _) in connections {
        let _ = t.join();
    }
    let _ = clock_thread.join();
    // An attempt under way is cut short (its command killed) and recorded.
    let _ = outbox_thread.join();
    shared.record_held_back(true);
    let _ = anchor_thread.join();
    // The clean close's anchor, whoever still holds the store.
    if let Err(e) = shared.store.keep_anchor() {
        eprintln!("frontdesk: {e}");
    }
    let disk_fault = shared
        .store
        .disk_fault()
        .then(|| format!("see {}", data.log_path().display()));
    match Arc::try_unwrap(shared) {
        Ok(shared) => drop(shared),
        Err(_) => {
            eprintln!("frontdesk: a thread still holds the store; it closes with the process")
        }
    }
    eprintln!("frontdesk: stopped");
    // The lock is let go only now, with the store closed: whoever waits for it (`frontdesk
    // stop`) then knows the next server may open it.
    drop(lock);
    // Not a stop on purpose: a supervisor (systemd's Restart=, an owner's console) starts it
    // again, and the new server opens the store afresh.
    match disk_fault {
        Some(why) => Err(ServeError::DiskFault(why)),
        None => Ok(()),
    }
}

/// SIGTERM (systemd, `kill`) and SIGINT (ctrl-c in the foreground) stop the server as
/// `frontdesk stop` does: the store closes cleanly.
fn stop_on_signals(shared: &Arc<Shared>) {
    use signal_hook::consts::{SIGINT, SIGTERM, SIGXFSZ};
    // A file-size limit makes a write fail with EFBIG, told as a disk fault, rather than kill
    // the server with SIGXFSZ and nothing logged.
    if let Err(e) = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false))) {
        eprintln!("frontdesk: cannot catch SIGXFSZ ({e}); a file-size limit would stop the server");
    }
    match signal_hook::iterator::Signals::new([SIGTERM, SIGINT]) {
        Ok(mut signals) => {
            let shared = Arc::downgrade(shared);
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    eprintln!("frontdesk: signal {sig}: stopping");
                    if let Some(shared) = shared.upgrade() {
                        shared.stop();
                    }
                }
            });
        }
        Err(e) => eprintln!(
            "frontdesk: cannot watch SIGTERM and SIGINT ({e}); stop with `frontdesk stop`"
        ),
    }
}
