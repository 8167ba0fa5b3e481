//! One durable case intake through the socket, beside a bare redb insert-and-commit of a value
//! of the same size, in the same run and on the same disk: what the server, the protocol, the
//! rules and the audit event cost on top of the commit itself; then what one console's refresh
//! costs the server with all those cases open.
//!
//! Run: `cargo bench --bench intake`.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use frontdesk::client::{Client, ConnectOptions};
use frontdesk::datadir::DataDir;
use frontdesk::domain::case::Channel;
use frontdesk::protocol::args::Materials;
use frontdesk::protocol::{CaseOpen, CaseReq, Request, RowWindow, ServerReq, ViewReq};
use redb::{Database, TableDefinition};

const N: usize = 300;

fn stats(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = samples.iter().map(|d| ms(*d)).sum::<f64>() / samples.len() as f64;
    (
        mean,
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() * 99 / 100]),
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontdesk-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bare_redb(value_len: usize) -> Vec<Duration> {
    const T: TableDefinition<u64, &[u8]> = TableDefinition::new("t");
    let dir = scratch("redb");
    let db = Database::create(dir.join("bare.redb")).unwrap();
    let value = vec![b'x'; value_len];
    let samples = (0..N as u64)
        .map(|i| {
            let start = Instant::now();
            let txn = db.begin_write().unwrap();
            txn.open_table(T)
                .unwrap()
                .insert(i, value.as_slice())
                .unwrap();
            txn.commit().unwrap();
            start.elapsed()
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    samples
}

fn intake() -> CaseOpen {
    CaseOpen {
        item: "MZ-005".into(),
        applicant: "张三".into(),
        phone: Some("13800001234".into()),
        id_number: Some("330102199001011234".into()),
        have: Materials::parse("老年助餐补贴申请表,居民身份证,户口簿或居住证"),
        promise: Materials::default(),
        first_asked: None,
        channel: Channel::Window,
        kind: None,
        reason: None,
        green_channel: false,
    }
}

fn main() {
    let dir = scratch("server");
    let data = DataDir { path: dir.clone() };
    let mut server = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
        .args([
            "--data",
            dir.to_str().unwrap(),
            "--now",
            "2026-11-23T09:00",
            "serve",
        ])
        .stderr(Stdio::null())
        .spawn()
        .expect("the frontdesk binary runs");
    let opts = ConnectOptions::default();
    let started = Instant::now();
    let mut client = loop {
        match Client::connect(&data, &opts) {
            Ok(c) => break c,
            Err(_) if started.elapsed() < Duration::from_secs(10) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Err(e) => panic!("the server did not answer: {e}"),
        }
    };
    let mut samples = Vec::with_capacity(N);
    for _ in 0..N {
        let start = Instant::now();
        client
            .request(Request::Case(CaseReq::Open(Box::new(intake()))))
            .expect("the intake is accepted");
        samples.push(start.elapsed());
    }
    // What every console asks after each change and each minute, with the N cases open.
    let mut screens = Vec::with_capacity(N);
    for _ in 0..N {
        let start = Instant::now();
        client
            .request(Request::View(ViewReq::Screen {
                case: Some(1),
                queue: RowWindow::around(0, 60),
                cases: RowWindow::around(0, 60),
                approvals: RowWindow::around(0, 60),
            }))
            .expect("the screen is answered");
        screens.push(start.elapsed());
    }
    let _ = client.request(Request::Server(ServerReq::Stop));
    let _ = server.wait();
    let db_len = std::fs::metadata(dir.join("frontdesk.redb"))
        .map(|m| m.len())
        .unwrap_or(0);
    let _ = std::fs::remove_dir_all(&dir);

    // A case with its notice is about this large as stored.
    let bare = bare_redb(4096);
    let (im, ip, i99) = stats(samples);
    let (bm, bp, b99) = stats(bare);
    let (sm, sp, s99) = stats(screens);
    println!(
        "== Durable case intake through the socket vs a bare redb commit ({N} each, same run) ==\n"
    );
    println!(
        "{:<52} {:>10} {:>10} {:>10}",
        "", "mean ms", "p50 ms", "p99 ms"
    );
    println!(
        "{:<52} {im:>10.3} {ip:>10.3} {i99:>10.3}",
        "case open: socket, rules, notice, audit, commit"
    );
    println!(
        "{:<52} {bm:>10.3} {bp:>10.3} {b99:>10.3}",
        "bare redb: insert 4 KiB and commit"
    );
    println!(
        "{:<52} {sm:>10.3} {sp:>10.3} {s99:>10.3}",
        format!("a console's refresh (Screen), {N} cases open")
    );
    println!(
        "\nThe intake costs {:.1}x a bare commit (mean); the store grew to {} KiB for {N} cases.",
        im / bm,
        db_len / 1024
    );
    println!(
        "Each intake is one write transaction (case, deadline index, audit event) committed durably."
    );
}
