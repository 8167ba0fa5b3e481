//! `frontdesk serve` and `frontdesk stop`.

use std::os::unix::net::UnixStream;

use std::path::Path;

use frontdesk::datadir::DataDir;
use frontdesk::protocol::{PinReq, Request, ServerReq};
use frontdesk::server::demo::DemoStart;
use frontdesk::server::{ServeOptions, serve as run_server};

use super::{Ctx, Failure, Out, ask};

pub fn serve(ctx: &Ctx) -> Result<(), Failure> {
    let data = ctx.data_dir()?;
    run_server(&data, ServeOptions { now: ctx.now }).map_err(|e| Failure::Error(e.to_string()))
}

/// How long `stop` waits for the server to end.
const STOP_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Whether this data directory's server answers on its socket: something answers there, as the
/// directory's owner (someone else's listener in its place is not it).
fn server_answers(data: &DataDir) -> bool {
    let Ok(stream) = UnixStream::connect(data.socket_path()) else {
        return false;
    };
    let peer = rustix::net::sockopt::socket_peercred(&stream).map(|c| c.uid.as_raw());
    match (data.owner_uid(), peer) {
        (Some(owner), Ok(uid)) => owner == uid,
        (None, _) => true,
        (_, Err(_)) => false,
    }
}

pub fn stop(ctx: &Ctx, out: &mut Out) -> Result<(), Failure> {
    let data = ctx.data_dir()?;
    if !server_answers(&data) {
        return stop_by_pid(ctx, &data, out);
    }
    let mut client = ctx.connect()?;
    let named = ctx.act_as.is_some() || ctx.code.is_some();
    ask(&mut client, Request::Server(ServerReq::Stop)).map_err(|f| match f {
        // The demo's owner is a clerk by default, who may not stop the server.
        Failure::Coded {
            code: "refused",
            message,
        } if data.is_demo() && !named => Failure::Coded {
            code: "refused",
            message: format!(
                "{message}; in the demo centre, stop it as the director: `frontdesk --as D01 stop`"
            ),
        },
        other => other,
    })?;
    // Wait until the server process has ended: its lock is free only then, with the store
    // closed, so a new server (or a restore) can start at once.
    if !frontdesk::running::wait_released(&data, STOP_WAIT) {
        return Err(Failure::Error(format!(
            "the server said it was stopping but has not ended after {} s; see server.log",
            STOP_WAIT.as_secs()
        )));
    }
    out.text(format!("stopped the server for {}", data.path.display()));
    Ok(())
}

/// `stop` when nothing answers on the socket (deleted, or someone else's listener in its
/// place): the server is found by the pid in its lock and sent SIGTERM, which stops it as a stop
/// request does, its store closed — only once the lock is held and that pid is a frontdesk
/// program holding it. As `kill` is, this is for the user who runs the server (or root).
fn stop_by_pid(ctx: &Ctx, data: &DataDir, out: &mut Out) -> Result<(), Failure> {
    use frontdesk::running::{Lock, confirm_server, lock_of};
    let dir = data.path.display();
    let lock = data.server_lock_path();
    let pid = match lock_of(data) {
        Lock::Absent | Lock::Free => {
            out.text(format!("no server is running for {dir}"));
            return Ok(());
        }
        Lock::Unknown(e) => {
            return Err(Failure::Error(format!(
                "nothing answers at {}, and the server's lock {} cannot be read ({e}): run `frontdesk stop` as the user who runs the server",
                data.socket_path().display(),
                lock.display()
            )));
        }
        Lock::Held { pid: None } => {
            return Err(Failure::Error(format!(
                "a server holds {} but has written no pid there, and nothing answers at {}: find it with `fuser {}` and stop it with `kill`",
                lock.display(),
                data.socket_path().display(),
                lock.display()
            )));
        }
        Lock::Held { pid: Some(pid) } => pid,
    };
    confirm_server(pid, &lock).map_err(|e| {
        Failure::Error(format!(
            "a server holds {} naming pid {pid}, but {e}: nothing was signalled; find the server with `fuser {}`",
            lock.display(),
            lock.display()
        ))
    })?;
    let target = rustix::process::Pid::from_raw(pid as i32)
        .ok_or_else(|| Failure::Error(format!("{pid} in {} is not a pid", lock.display())))?;
    rustix::process::kill_process(target, rustix::process::Signal::TERM).map_err(|e| {
        Failure::Error(format!(
            "cannot send SIGTERM to the server (pid {pid}): {e}; run `frontdesk stop` as the user who runs the server"
        ))
    })?;
    out.text(format!(
        "nothing answers at {}: sent SIGTERM to the server holding its lock (pid {pid})",
        data.socket_path().display()
    ));
    if !frontdesk::running::wait_released(data, STOP_WAIT) {
        return Err(Failure::Error(format!(
            "the server (pid {pid}) was sent SIGTERM but has not ended after {} s; see server.log",
            STOP_WAIT.as_secs()
        )));
    }
    // A stop on purpose, as a stop request's: consoles wait for someone to start it again.
    let now = ctx
        .now
        .unwrap_or_else(frontdesk::server::clock::shanghai_now);
    let me = rustix::process::getuid().as_raw();
    let _ = frontdesk::files::create_private(&data.stopped_path()).and_then(|mut f| {
        use std::io::Write;
        write!(
            f,
            "uid {me} (frontdesk stop) {}",
            now.format("%Y-%m-%d %H:%M")
        )
    });
    out.text(format!("stopped the server for {dir}"));
    Ok(())
}

/// The data directory `init` works on, refused while a server runs there.
fn stopped_data_dir(ctx: &Ctx) -> Result<DataDir, Failure> {
    let data = DataDir::resolve(ctx.data.clone())?;
    if UnixStream::connect(data.socket_path()).is_ok() {
        return Err(Failure::Error(format!(
            "a server is running for {}; stop it first with `frontdesk stop`",
            data.path.display()
        )));
    }
    Ok(data)
}

/// Reads `--demo morning|empty`.
pub fn parse_demo(s: &str) -> Result<DemoStart, String> {
    match s.trim() {
        "morning" => Ok(DemoStart::Morning),
        "empty" => Ok(DemoStart::Empty),
        other => Err(format!(
            "`{other}` is not a way to start the demo; use morning (a morning of activity, as on first use) or empty (an empty hall)"
        )),
    }
}

/// `frontdesk init --demo`: the demo centre, with its morning or empty; never while a server
/// runs, never over a store.
pub fn init_demo(ctx: &Ctx, start: DemoStart, out: &mut Out) -> Result<(), Failure> {
    let data = stopped_data_dir(ctx)?;
    let now = ctx
        .now
        .unwrap_or_else(frontdesk::server::clock::shanghai_now);
    let report = frontdesk::server::demo::set_up(&data, start, now)
        .map_err(|e| Failure::Error(e.to_string()))?;
    let what = match &report.morning {
        Some(m) => m.describe(),
        None => "an empty hall: no visitors, cases or requests".to_string(),
    };
    out.text(format!(
        "set up the demo centre {} in {}: {what}",
        report.centre,
        data.path.display()
    ));
    Ok(())
}

/// `frontdesk init`: checks both files and installs them; never while a server runs.
pub fn init(ctx: &Ctx, centre: &Path, catalogue: &Path, out: &mut Out) -> Result<(), Failure> {
    let data = stopped_data_dir(ctx)?;
    let report = data.init(centre, catalogue).map_err(|e| match e {
        frontdesk::datadir::LoadError::Problems(p) => {
            for line in p.lines() {
                out.text(line);
            }
            Failure::Reported
        }
        other => other.into(),
    })?;
    out.text(format!(
        "set up {} in {}: {} windows, {} staff, {} service items",
        report.centre,
        data.path.display(),
        report.windows,
        report.staff,
        report.items
    ));
    if let Some(aside) = report.kept_aside {
        super::warn(format!(
            "the demo centre's store was kept as {}",
            aside.display()
        ));
    }
    Ok(())
}

/// Makes a path absolute against the current directory: the server has its own.
fn absolute(file: &Path) -> Result<std::path::PathBuf, Failure> {
    std::path::absolute(file)
        .map_err(|e| Failure::Error(format!("cannot resolve {}: {e}", file.display())))
}

pub fn backup(ctx: &Ctx, file: &Path, out: &mut Out) -> Result<(), Failure> {
    let path = absolute(file)?;
    let mut client = ctx.connect()?;
    match ask(
        &mut client,
        Request::Server(ServerReq::Backup { file: path }),
    )? {
        frontdesk::protocol::Response::BackedUp { path, events } => {
            out.text(format!(
                "backed up to {} ({events} audit events)",
                path.display()
            ));
            Ok(())
        }
        other => Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
}

/// The data directory, for putting a store in place: its owner's to do, as running the server
/// is, and never while a server runs.
fn owners_stopped_dir(ctx: &Ctx, what: &str) -> Result<frontdesk::datadir::DataDir, Failure> {
    let data = ctx.data_dir()?;
    let me = rustix::process::geteuid().as_raw();
    if let Some(owner) = data.owner_uid().filter(|o| *o != me) {
        return Err(Failure::Error(format!(
            "{} belongs to uid {owner}; only its owner {what} (you are uid {me}): run it as that user",
            data.path.display()
        )));
    }
    if UnixStream::connect(data.socket_path()).is_ok() {
        return Err(Failure::Error(format!(
            "a server is running for {}; stop it first with `frontdesk stop`",
            data.path.display()
        )));
    }
    Ok(data)
}

/// `frontdesk init --new-store`: a new, empty store on purpose where one was lost.
pub fn new_store(ctx: &Ctx, out: &mut Out) -> Result<(), Failure> {
    let data = owners_stopped_dir(ctx, "starts a new store")?;
    let now = ctx
        .now
        .unwrap_or_else(frontdesk::server::clock::shanghai_now);
    let db = data.db_path();
    let aside = data.path.join(format!(
        "frontdesk.redb.anchor.before-new-{}",
        now.format("%Y%m%dT%H%M%S")
    ));
    let previous = frontdesk::store::anchor::start_new(&db, &aside, now)
        .map_err(|e| Failure::Error(e.to_string()))?;
    out.text(format!(
        "started a new, empty store at {}; recorded as store.new (the old one had reached audit event {})",
        db.display(),
        previous.seq
    ));
    super::warn(format!("the old anchor was kept as {}", aside.display()));
    Ok(())
}

pub fn restore(ctx: &Ctx, file: &Path, out: &mut Out) -> Result<(), Failure> {
    let data = owners_stopped_dir(ctx, "restores its store")?;
    let now = ctx
        .now
        .unwrap_or_else(frontdesk::server::clock::shanghai_now);
    let stamp = now.format("%Y%m%dT%H%M%S");
    let aside = data
        .path
        .join(format!("frontdesk.redb.before-restore-{stamp}"));
    let restored =
        frontdesk::store::backup::restore(&absolute(file)?, &data.db_path(), &aside, now)
            .map_err(|e| Failure::Error(e.to_string()))?;
    out.text(format!(
        "restored {} ({} audit events verified); recorded as store.restore",
        file.display(),
        restored.events
    ));
    if let Some(r) = &restored.replaced {
        super::warn(format!(
            "the store it replaced had reached audit event {} ({})",
            r.seq, r.hash
        ));
    }
    if aside.exists() {
        super::warn(format!(
            "the store it replaced was kept as {}",
            aside.display()
        ));
    }
    Ok(())
}

pub fn pin(ctx: &Ctx, cmd: PinReq, out: &mut Out) -> Result<(), Failure> {
    let PinReq::Set { staff, .. } = cmd;
    let mut client = ctx.connect()?;
    // Never from the command line, where others could read it in the process list.
    let pin = super::read_secret("FRONTDESK_NEW_PIN", "new PIN")?;
    match ask(&mut client, Request::Pin(PinReq::Set { staff, pin }))? {
        frontdesk::protocol::Response::PinSet { code } => {
            out.text(format!("the PIN of {code} is set"));
            Ok(())
        }
        other => Err(Failure::Error(format!("unexpected reply {other:?}"))),
    }
}
