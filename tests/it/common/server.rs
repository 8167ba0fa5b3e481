//! A data directory whose server is started by the first client and stopped when the test ends,
//! and a raw socket client for protocol tests.

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use frontdesk::protocol::{ClientMsg, PROTOCOL_VERSION, ServerMsg, read_frame, write_frame};

pub use super::NOW;
use super::{Run, data_dir, run_in};

/// Every material of MZ-005 (长者食堂就餐补贴申请), as the command line lists them.
pub const ALL_MZ005: &str =
    "老年助餐补贴申请表,居民身份证,户口簿或居住证,特殊困难身份证明,近期一寸免冠照片";

pub struct Centre {
    pub data: PathBuf,
}

impl Centre {
    /// The demo centre with an empty hall (`frontdesk init --demo empty`).
    pub fn new() -> Self {
        Centre { data: data_dir() }
    }

    /// A data directory with nothing in it, as on a fresh machine: the first command writes
    /// the demo centre's files, and the server's first start its morning.
    pub fn fresh() -> Self {
        Centre {
            data: super::empty_dir(),
        }
    }

    /// Runs a command as the owner of the data directory signs in when naming no one (no
    /// `--as`), with the fixed clock.
    pub fn owner_cli(&self, args: &[&str]) -> Run {
        let mut all = vec!["--now", NOW];
        all.extend_from_slice(args);
        super::run_exact(&self.data, &all, &[])
    }

    /// Runs a command against this centre, with the fixed clock.
    pub fn cli(&self, args: &[&str]) -> Run {
        let mut all = vec!["--now", NOW];
        all.extend_from_slice(args);
        run_in(&self.data, &all)
    }

    /// Runs a command and returns its stdout, failing the test on a non-zero exit.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.cli(args);
        assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
        r.stdout
    }

    /// Runs a command as staff member `who`, returning its stdout; fails the test if refused.
    pub fn by(&self, who: &str, args: &[&str]) -> String {
        let mut all = vec!["--as", who];
        all.extend_from_slice(args);
        self.ok(&all)
    }

    /// Runs `args` as `who` with the clock at `now`: a server this starts begins there (one
    /// already running keeps its own clock).
    pub fn run_at(&self, now: &str, who: &str, args: &[&str]) -> Run {
        run_in(
            &self.data,
            &[&["--now", now, "--as", who][..], args].concat(),
        )
    }

    /// As [`Centre::run_at`], failing the test on a non-zero exit; its stdout.
    pub fn by_at(&self, now: &str, who: &str, args: &[&str]) -> String {
        let r = self.run_at(now, who, args);
        assert_eq!(r.code, 0, "{now} {who} {args:?}: {}", r.stderr);
        r.stdout
    }

    /// Stops the server and starts it again with its clock at `now`: the timed rules catch up.
    pub fn restart_at(&self, now: &str) {
        self.ok(&["stop"]);
        self.by_at(now, "D01", &["ticket", "list"]);
    }

    /// A complaint of 态度 by `channel` against `against`, recorded by the leader L01 at `now`
    /// (from 王小明, 13912345678): its line, `ID<TAB>DUE`.
    pub fn complain(&self, now: &str, channel: &str, against: &str) -> String {
        self.by_at(
            now,
            "L01",
            &[
                "complaint",
                "open",
                "--channel",
                channel,
                "--grounds",
                "attitude",
                "--against",
                against,
                "--name",
                "王小明",
                "--phone",
                "13912345678",
                "--text",
                "窗口人员态度生硬",
            ],
        )
    }

    /// Adds `body` to the centre file as its section `[name]` (before the server starts, or
    /// between a stop and a start).
    pub fn add_section(&self, name: &str, body: &str) {
        let file = self.data.join("centre.toml");
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str(&format!("\n[{name}]\n{body}\n"));
        std::fs::write(&file, text).unwrap();
    }

    /// An executable shell script `name` in the data directory; `$D` in `body` is that
    /// directory.
    pub fn script(&self, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = self.data.join(name);
        let text = format!("#!/bin/sh\nD='{}'\n{body}\n", self.data.display());
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// Opens a case of MZ-005 for 张三 as C01 with `flags` (`--have …`, `--ticket …`); returns
    /// its line, failing the test if it is refused.
    pub fn open_mz005(&self, flags: &[&str]) -> String {
        let mut all = vec!["case", "open", "--item", "MZ-005", "--applicant", "张三"];
        all.extend_from_slice(flags);
        self.by("C01", &all)
    }

    /// Opens a case of `item` for 张三 as C01, with the application form of MZ-005 in hand and
    /// `extra` flags (`--ticket A001`, `--phone …`); returns the run, to check a refusal too.
    pub fn open_case_of(&self, item: &str, extra: &[&str]) -> Run {
        let mut args = vec![
            "--as",
            "C01",
            "case",
            "open",
            "--item",
            item,
            "--applicant",
            "张三",
            "--have",
            "老年助餐补贴申请表",
        ];
        args.extend_from_slice(extra);
        self.cli(&args)
    }

    /// Runs `frontdesk serve` in the foreground, as systemd does, and returns it once it answers.
    pub fn serve(&self) -> std::process::Child {
        self.started(
            Command::new(env!("CARGO_BIN_EXE_frontdesk"))
                .args(["--now", NOW, "serve"])
                .env("FRONTDESK_DATA", &self.data)
                .stderr(std::process::Stdio::null()),
        )
    }

    /// Runs `frontdesk serve` in the foreground as unix user `uid`, who then owns the data
    /// directory (so the caller, root, is just another peer); returns it once it answers.
    /// Needs root.
    pub fn serve_as(&self, uid: u32) -> std::process::Child {
        self.serve_as_limited(uid, None)
    }

    /// As [`Centre::serve_as`], the server allowed at most `max_files` open descriptors when
    /// given (its hard limit too, so it cannot raise it).
    pub fn serve_as_limited(&self, uid: u32, max_files: Option<u64>) -> std::process::Child {
        use std::os::unix::process::CommandExt;
        chown_all(&self.data, uid);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
        cmd.args(["--now", NOW, "serve"])
            .env("FRONTDESK_DATA", &self.data)
            .stderr(std::process::Stdio::null())
            .uid(uid)
            .gid(uid);
        if let Some(n) = max_files {
            limit(&mut cmd, rustix::process::Resource::Nofile, n);
        }
        self.started(&mut cmd)
    }

    /// Spawns the server `cmd` runs and returns it once it answers on the socket.
    pub fn started(&self, cmd: &mut Command) -> std::process::Child {
        let child = cmd.spawn().unwrap();
        while UnixStream::connect(self.socket()).is_err() {
            std::thread::sleep(Duration::from_millis(20));
        }
        child
    }

    /// Takes tickets at 民政救助 until one is refused: how many it took, and what it was told.
    pub fn take_until_refused(&self) -> (usize, Option<String>) {
        let mut taken = 0;
        for _ in 0..5_000 {
            let r = self.cli(&["ticket", "take", "--window", "民政救助"]);
            if r.code != 0 {
                return (taken, Some(r.stderr));
            }
            taken += 1;
        }
        (taken, None)
    }

    /// Runs a command as unix user `uid`, returning the run; in a demo it acts as the
    /// harness's default identity unless it names someone.
    pub fn cli_as_uid(&self, uid: u32, args: &[&str]) -> Run {
        self.cli_as_member(uid, uid, args, &[])
    }

    /// Runs a command as unix user `uid` in group `gid` (and no other group), with extra
    /// environment variables (a PIN, say); in a demo it acts as the harness's default identity
    /// unless it names someone. Needs root.
    pub fn cli_as_member(&self, uid: u32, gid: u32, args: &[&str], env: &[(&str, &str)]) -> Run {
        use std::os::unix::process::CommandExt;
        let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
            .args(["--now", NOW])
            .args(super::naming_someone(&self.data, args))
            .env("FRONTDESK_DATA", &self.data)
            .envs(env.iter().copied())
            .uid(uid)
            .gid(gid)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The documented set-up of a real centre (README): the data directory 2750, owned by the
    /// service user `owner` and the group `group` (`frontdesk`), its files readable by the
    /// group at most; then `frontdesk serve` in the foreground as that user and group, as
    /// systemd runs it, returned once it answers. Needs root.
    pub fn serve_documented(&self, owner: u32, group: u32) -> std::process::Child {
        use std::os::unix::fs::PermissionsExt;
        use std::os::unix::process::CommandExt;
        chown_all_to(&self.data, owner, group);
        for entry in std::fs::read_dir(&self.data).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            }
        }
        std::fs::set_permissions(&self.data, std::fs::Permissions::from_mode(0o2750)).unwrap();
        self.started(
            Command::new(env!("CARGO_BIN_EXE_frontdesk"))
                .args(["--now", NOW, "serve"])
                .env("FRONTDESK_DATA", &self.data)
                .stderr(std::process::Stdio::null())
                .uid(owner)
                .gid(group),
        )
    }

    pub fn socket(&self) -> PathBuf {
        self.data.join("frontdesk.sock")
    }

    /// A raw connection that has said hello with `protocol`, as the harness's default
    /// identity; returns the stream and the answer.
    pub fn raw(&self, protocol: u32) -> (UnixStream, ServerMsg) {
        self.hello(ClientMsg::Hello {
            protocol,
            version: "test".into(),
            act_as: Some(super::DEFAULT_AS.into()),
            pin: None,
            lang: Default::default(),
        })
    }

    /// A raw connection that has said `hello`; returns the stream and the answer.
    pub fn hello(&self, hello: ClientMsg) -> (UnixStream, ServerMsg) {
        let mut s = UnixStream::connect(self.socket()).expect("the server is running");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write_frame(&mut s, &hello).unwrap();
        let answer = read_frame(&mut s).unwrap();
        (s, answer)
    }

    pub fn raw_ok(&self) -> UnixStream {
        let (s, answer) = self.raw(PROTOCOL_VERSION);
        assert!(matches!(answer, ServerMsg::Welcome { .. }), "{answer:?}");
        s
    }
}

impl Drop for Centre {
    /// Stops the server; where `stop` is not allowed to this test's identity, the server's
    /// pid (written in its lock file) is sent SIGTERM, so no test leaves a server behind.
    fn drop(&mut self) {
        let _ = run_in(&self.data, &["stop"]);
        if UnixStream::connect(self.socket()).is_ok() {
            let pid = std::fs::read_to_string(self.data.join("server.lock")).unwrap_or_default();
            if let Some(pid) = pid
                .trim()
                .parse()
                .ok()
                .and_then(rustix::process::Pid::from_raw)
            {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
            }
        }
        // Each test's directory goes with it, so runs do not pile up in the temporary folder.
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// Makes the process `cmd` starts hold at most `n` of `resource` (its hard limit too, so it
/// cannot raise it): descriptors, the size of a file.
pub fn limit(cmd: &mut Command, resource: rustix::process::Resource, n: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is a single system call, safe between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let limit = rustix::process::Rlimit {
                current: Some(n),
                maximum: Some(n),
            };
            rustix::process::setrlimit(resource, limit).map_err(std::io::Error::from)
        });
    }
}

/// Whether the tests run as root, who can run processes as other unix users; a test that needs
/// it says it skipped otherwise.
pub fn root() -> bool {
    rustix::process::getuid().is_root()
}

/// Gives `path` and everything under it to unix user `uid` (and the group of the same number).
fn chown_all(path: &std::path::Path, uid: u32) {
    chown_all_to(path, uid, uid);
}

/// Gives `path` and everything under it to unix user `uid` and group `gid`.
fn chown_all_to(path: &std::path::Path, uid: u32, gid: u32) {
    let id = Some(rustix::fs::Uid::from_raw(uid));
    let group = Some(rustix::fs::Gid::from_raw(gid));
    rustix::fs::chown(path, id, group).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            chown_all_to(&entry.unwrap().path(), uid, gid);
        }
    }
}
