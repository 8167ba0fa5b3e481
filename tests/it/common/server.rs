//! A data directory whose server is started by the first client and stopped when the test ends,
//! and a raw socket client for protocol tests.

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use frontdesk::protocol::{ClientMsg, PROTOCOL_VERSION, ServerMsg, read_frame, write_frame};

pub use super::NOW;
use super::{Run, data_dir, run_in};

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
        let child = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
            .args(["--now", NOW, "serve"])
            .env("FRONTDESK_DATA", &self.data)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        while UnixStream::connect(self.socket()).is_err() {
            std::thread::sleep(Duration::from_millis(20));
        }
        child
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
    }
}
