//! Connecting to the server, starting it first when nothing answers and the data directory is
//! the user's own (under a lock, so two clients starting at once start one server, as tmux's
//! client does); then requests and replies.

use std::fs;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeDelta};

use crate::datadir::DataDir;
use crate::protocol::{
    ClientMsg, Fault, FrameError, Outcome, PROTOCOL_VERSION, PageRequest, PinSignIn, Request,
    Response, ServerMsg, StaffInfo, read_frame, write_frame,
};

impl ClientError {
    /// The error in `lang`, for the console: its English is its `Display`.
    pub fn text(&self, lang: crate::lang::Lang) -> String {
        lang.pick(self.to_string(), self.chinese())
    }

    fn chinese(&self) -> String {
        match self {
            ClientError::NoServer { socket, dir } => {
                format!(
                    "{socket} 没有 frontdesk 服务在应答；请用 `frontdesk serve --data {dir}` 启动"
                )
            }
            ClientError::NotOwner { dir } => format!(
                "数据目录 {dir} 属于其他用户，因此不自动启动服务；请其所有者运行 `frontdesk serve`"
            ),
            ClientError::StartFailed(why) => format!("无法启动服务：{why}"),
            ClientError::NotAnswering { pid, socket, dir } => format!(
                "数据目录 {dir} 的 frontdesk 服务{pid}仍在运行，但 {socket} 在 {} 秒内没有应答；请用 `frontdesk stop --data {dir}` 按进程号停止它，下一条命令会重新启动服务",
                SOCKET_BACK_WITHIN.as_secs()
            ),
            ClientError::Impostor {
                socket,
                uid,
                dir,
                owner,
            } => format!(
                "{socket} 上应答的进程以 uid {uid} 运行，而数据目录 {dir} 属于 uid {owner}：它不是本中心的服务，未向它发送任何内容（包括 PIN）；请告知管理员停止它并检查目录"
            ),
            ClientError::Refused(why) => format!("服务拒绝登录：{why}"),
            ClientError::Fault(f) => f.message.clone(),
            ClientError::Server(why) => format!("服务返回：{why}"),
            ClientError::Frame(e) => format!("与服务的连接出错：{e}"),
            ClientError::Io { what, source } => format!("无法{what}：{source}"),
        }
    }
}

/// How long a started server may take to answer.
const START_TIMEOUT: Duration = Duration::from_secs(15);

/// How long a running server may take to bind its socket again when it was deleted or replaced
/// (it checks every second, `server/listen.rs`).
const SOCKET_BACK_WITHIN: Duration = Duration::from_secs(3);

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error(
        "no frontdesk server answers at {socket}; start one with `frontdesk serve --data {dir}`"
    )]
    NoServer { socket: String, dir: String },
    #[error(
        "the data directory {dir} belongs to another user, so no server is started for it; ask its owner to run `frontdesk serve`"
    )]
    NotOwner { dir: String },
    #[error("the server could not be started: {0}")]
    StartFailed(String),
    #[error(
        "a frontdesk server{pid} runs for {dir} but has not answered at {socket} within {} s; stop it with `frontdesk stop --data {dir}`, which finds it by its pid, and the next command starts a new one",
        SOCKET_BACK_WITHIN.as_secs()
    )]
    NotAnswering {
        /// " (pid N)", or nothing when the lock names none.
        pid: String,
        socket: String,
        dir: String,
    },
    #[error(
        "what answers at {socket} runs as uid {uid}, but the data directory {dir} belongs to uid {owner}: it is not this centre's server, so nothing was sent to it (no PIN); tell the administrator, who should stop it and check the directory"
    )]
    Impostor {
        socket: String,
        uid: u32,
        dir: String,
        owner: u32,
    },
    #[error("the server refused this connection: {0}")]
    Refused(String),
    #[error("{}", .0.message)]
    Fault(Fault),
    #[error("the server said: {0}")]
    Server(String),
    #[error("the connection to the server failed: {0}")]
    Frame(#[from] FrameError),
    #[error("cannot {what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
}

#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    /// Demo centre only: act as this staff member.
    pub act_as: Option<String>,
    /// The clock a server started by this client begins at (`--now`).
    pub now: Option<NaiveDateTime>,
    /// Start a server when none answers.
    pub autostart: bool,
    /// Sign in with a staff code and PIN (shared accounts; the demo's owner).
    pub pin: Option<PinSignIn>,
    /// The language the server tells refusals in.
    pub lang: crate::lang::Lang,
}

pub struct Client {
    stream: UnixStream,
    next_id: u64,
    pub staff: StaffInfo,
    pub server_now: NaiveDateTime,
    pub demo: bool,
    /// Set when `--now` was asked of a server already running on another clock.
    pub clock_warning: Option<String>,
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> ClientError {
    let what = what.into();
    move |source| ClientError::Io { what, source }
}

fn dir_is_mine(data: &DataDir) -> bool {
    let me = rustix::process::getuid().as_raw();
    data.owner_uid().is_none_or(|owner| owner == me)
}

/// Starts `frontdesk serve` in the background, detached from the terminal's process group,
/// and waits until it answers.
fn start_server(data: &DataDir, opts: &ConnectOptions) -> Result<UnixStream, ClientError> {
    let socket = data.socket_path();
    let exe = std::env::current_exe().map_err(io("find the frontdesk program"))?;
    let log_path = data.log_path();
    let log = crate::files::open_private(&log_path, true)
        .map_err(io(format!("open {}", log_path.display())))?;
    let mut cmd = Command::new(exe);
    cmd.arg("--data").arg(&data.path).arg("serve");
    if let Some(now) = opts.now {
        cmd.arg("--now")
            .arg(now.format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .process_group(0);
    let mut child = cmd.spawn().map_err(io("start the server"))?;
    let started = Instant::now();
    loop {
        if let Ok(s) = UnixStream::connect(&socket) {
            // Reap the server when it ends, so a long-running console leaves no zombie.
            std::thread::spawn(move || {
                let _ = child.wait();
            });
            return Ok(s);
        }
        if let Ok(Some(status)) = child.try_wait() {
            let tail = fs::read_to_string(&log_path).unwrap_or_default();
            let last = tail
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            return Err(ClientError::StartFailed(format!(
                "it exited ({status}): {last}"
            )));
        }
        if started.elapsed() > START_TIMEOUT {
            return Err(ClientError::StartFailed(format!(
                "it did not answer within {} s; see {}",
                START_TIMEOUT.as_secs(),
                log_path.display()
            )));
        }
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// The server is the one the data directory's owner runs: whoever answers on the socket as
/// anyone else (someone who moved the socket aside and bound their own) is not told anything.
fn check_server(data: &DataDir, stream: &UnixStream) -> Result<(), ClientError> {
    let answering = rustix::net::sockopt::socket_peercred(stream)
        .map_err(|e| io("read who the server is")(e.into()))?
        .uid
        .as_raw();
    match data.owner_uid() {
        Some(owner) if owner != answering => Err(ClientError::Impostor {
            socket: data.socket_path().display().to_string(),
            uid: answering,
            dir: data.path.display().to_string(),
            owner,
        }),
        _ => Ok(()),
    }
}

/// When nothing answers on the socket but a server holds the lock, its socket was deleted or
/// replaced: waits for the server to bind it again. `None` when no server holds the lock (or
/// the lock cannot be read: another user's), so one may be started.
fn wait_for_running(data: &DataDir) -> Result<Option<UnixStream>, ClientError> {
    use crate::running::{Lock, lock_of};
    let Lock::Held { pid } = lock_of(data) else {
        return Ok(None);
    };
    let socket = data.socket_path();
    let started = Instant::now();
    while started.elapsed() < SOCKET_BACK_WITHIN {
        std::thread::sleep(Duration::from_millis(50));
        if let Ok(s) = UnixStream::connect(&socket) {
            return Ok(Some(s));
        }
        if !matches!(lock_of(data), Lock::Held { .. }) {
            // It has ended meanwhile: one may be started.
            return Ok(None);
        }
    }
    Err(ClientError::NotAnswering {
        pid: pid.map_or(String::new(), |p| format!(" (pid {p})")),
        socket: socket.display().to_string(),
        dir: data.path.display().to_string(),
    })
}

/// Whether a server may be running: its lock is held, or is another user's to tell.
fn server_may_run(data: &DataDir) -> bool {
    use crate::running::{Lock, lock_of};
    !matches!(lock_of(data), Lock::Absent | Lock::Free)
}

fn open_stream(data: &DataDir, opts: &ConnectOptions) -> Result<UnixStream, ClientError> {
    let socket = data.socket_path();
    if let Ok(s) = UnixStream::connect(&socket) {
        return Ok(s);
    }
    if let Some(s) = wait_for_running(data)? {
        return Ok(s);
    }
    let no_server = || ClientError::NoServer {
        socket: socket.display().to_string(),
        dir: data.path.display().to_string(),
    };
    if !opts.autostart {
        return Err(no_server());
    }
    if !dir_is_mine(data) {
        return Err(ClientError::NotOwner {
            dir: data.path.display().to_string(),
        });
    }
    fs::create_dir_all(&data.path).map_err(io(format!("create {}", data.path.display())))?;
    let lock_path = data.start_lock_path();
    let lock = crate::files::open_private(&lock_path, false)
        .map_err(io(format!("open {}", lock_path.display())))?;
    lock.lock()
        .map_err(io(format!("lock {}", lock_path.display())))?;
    // Another client may have started the server while we waited for the lock.
    let stream = match UnixStream::connect(&socket) {
        Ok(s) => Ok(s),
        Err(_) => match wait_for_running(data) {
            Ok(Some(s)) => Ok(s),
            Ok(None) => start_server(data, opts),
            Err(e) => Err(e),
        },
    };
    let _ = lock.unlock();
    stream
}

impl Client {
    pub fn connect(data: &DataDir, opts: &ConnectOptions) -> Result<Client, ClientError> {
        let mut stream = open_stream(data, opts)?;
        // Nothing, a PIN least of all, goes to whoever answers until it is the real server,
        // which takes a replaced socket back within a second or two.
        let started = Instant::now();
        loop {
            match check_server(data, &stream) {
                Ok(()) => break,
                Err(e @ ClientError::Impostor { .. })
                    if started.elapsed() < SOCKET_BACK_WITHIN && server_may_run(data) =>
                {
                    std::thread::sleep(Duration::from_millis(100));
                    stream = open_stream(data, opts).map_err(|_| e)?;
                }
                Err(e) => return Err(e),
            }
        }
        let hello = ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            version: env!("CARGO_PKG_VERSION").to_string(),
            act_as: opts.act_as.clone(),
            pin: opts.pin.clone(),
            lang: opts.lang,
        };
        write_frame(&mut stream, &hello)?;
        match read_frame::<ServerMsg>(&mut stream)? {
            ServerMsg::Welcome {
                staff, now, demo, ..
            } => {
                let clock_warning = opts.now.filter(|asked| (*asked - now).abs() > TimeDelta::minutes(1)).map(|asked| {
                    format!(
                        "--now {} was not applied: the server already running keeps its clock ({}); stop it with `frontdesk stop` to start it at another time",
                        asked.format("%Y-%m-%dT%H:%M"),
                        now.format("%Y-%m-%dT%H:%M")
                    )
                });
                Ok(Client {
                    stream,
                    next_id: 1,
                    staff,
                    server_now: now,
                    demo,
                    clock_warning,
                })
            }
            ServerMsg::Refused { message } => Err(ClientError::Refused(message)),
            ServerMsg::Error { message } => Err(ClientError::Server(message)),
            other => Err(ClientError::Server(format!(
                "unexpected first message {other:?}"
            ))),
        }
    }

    /// Sends a request and waits for its reply; change notices that arrive meanwhile are passed
    /// over (a command shows what it asked for, not what changes around it).
    pub fn request(&mut self, request: Request) -> Result<Response, ClientError> {
        let id = self.next_id;
        self.next_id += 1;
        write_frame(&mut self.stream, &ClientMsg::Request { id, request })?;
        loop {
            match read_frame::<ServerMsg>(&mut self.stream)? {
                ServerMsg::Reply { id: rid, outcome } if rid == id => {
                    return match outcome {
                        Outcome::Ok(r) => Ok(r),
                        Outcome::Err(f) => Err(ClientError::Fault(f)),
                    };
                }
                ServerMsg::Error { message } => return Err(ClientError::Server(message)),
                _ => {}
            }
        }
    }
}

impl Client {
    /// Sends a request and waits for its reply; a list that comes in pages is fetched page
    /// after page, and the reply holds every item.
    pub fn request_all(&mut self, request: Request) -> Result<Response, ClientError> {
        let mut reply = self.request(request.clone())?;
        while let Some(next) = reply.next_page().map(str::to_string) {
            let mut more = request.clone();
            if let Some(page) = more.page_mut() {
                *page = PageRequest::after(next);
            }
            if !reply.extend(self.request(more)?) {
                return Err(ClientError::Server(
                    "the server answered the next page of a list with something else".into(),
                ));
            }
        }
        Ok(reply)
    }
}

/// A connection for the console, which never waits on it: requests are sent and answered
/// later, and a reader thread hands every message the server sends (replies and change
/// notices alike) to `deliver`, in the order they came, then `None` when the connection ends.
pub struct Live {
    writer: UnixStream,
    next_id: u64,
}

impl Client {
    pub fn into_live(
        self,
        mut deliver: impl FnMut(Option<ServerMsg>) -> bool + Send + 'static,
    ) -> Result<Live, ClientError> {
        let mut reader = self
            .stream
            .try_clone()
            .map_err(io("share the connection"))?;
        std::thread::spawn(move || {
            while let Ok(msg) = read_frame::<ServerMsg>(&mut reader) {
                if !deliver(Some(msg)) {
                    return;
                }
            }
            deliver(None);
        });
        Ok(Live {
            writer: self.stream,
            next_id: self.next_id,
        })
    }
}

impl Live {
    /// Sends a request; its reply comes later with the id returned.
    pub fn send(&mut self, request: Request) -> Result<u64, ClientError> {
        let id = self.next_id;
        self.next_id += 1;
        write_frame(&mut self.writer, &ClientMsg::Request { id, request })?;
        Ok(id)
    }
}
