//! One server owns the redb store and serves many clients (DESIGN.md): numbering under
//! concurrency, a second server refused, start-up by clients, the protocol's guards, change
//! notices, durability under SIGKILL, and the audit chain. All through the real binary.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::server::{Centre, NOW};
use frontdesk::protocol::{
    CaseReq, ClientMsg, MAX_FRAME, Request, ServerMsg, TicketReq, Topic, ViewReq, read_frame,
    write_frame,
};

#[test]
fn tickets_are_numbered_per_day_with_each_windows_prefix() {
    let c = Centre::new();
    assert_eq!(c.ok(&["ticket", "take", "--window", "民政救助"]), "A001\n");
    assert_eq!(
        c.ok(&["ticket", "take", "--window", "民政救助", "--priority"]),
        "A002\n"
    );
    assert_eq!(c.ok(&["ticket", "take", "--item", "LB-003"]), "B001\n");
    assert_eq!(
        c.ok(&["ticket", "list"]),
        "A001\t民政救助\twaiting\tordinary\twait -\tservice -\tcase -\n\
         A002\t民政救助\twaiting\tpriority\twait -\tservice -\tcase -\n\
         B001\t劳动保障\twaiting\tordinary\twait -\tservice -\tcase -\n"
    );
}

#[test]
fn concurrent_clients_never_get_duplicate_or_skipped_ticket_numbers() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]); // start the server once
    let data = c.data.clone();
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let data = data.clone();
            std::thread::spawn(move || {
                (0..100)
                    .map(|_| {
                        let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
                            .args(["--now", NOW, "ticket", "take", "--window", "医疗保险"])
                            .env("FRONTDESK_DATA", &data)
                            .output()
                            .unwrap();
                        assert!(
                            out.status.success(),
                            "{}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                        String::from_utf8(out.stdout).unwrap().trim().to_string()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let numbers: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let unique: BTreeSet<&String> = numbers.iter().collect();
    assert_eq!(numbers.len(), 800);
    assert_eq!(unique.len(), 800, "duplicate numbers were handed out");
    let expected: BTreeSet<String> = (1..=800).map(|n| format!("C{n:03}")).collect();
    assert_eq!(
        unique.into_iter().cloned().collect::<BTreeSet<_>>(),
        expected,
        "numbers were skipped"
    );
}

#[test]
fn a_second_server_is_refused_and_the_first_keeps_serving() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let second = c.cli(&["serve"]);
    assert_eq!(second.code, 1);
    assert!(
        second.stderr.contains("already running"),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.contains("frontdesk stop"),
        "{}",
        second.stderr
    );
    assert_eq!(c.ok(&["ticket", "take", "--window", "民政救助"]), "A002\n");
}

#[test]
fn clients_starting_at_once_start_a_single_server() {
    let c = Centre::new();
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_frontdesk"))
                .args(["--now", NOW, "ticket", "take", "--window", "人口计生"])
                .env("FRONTDESK_DATA", &c.data)
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut numbers: Vec<String> = children
        .into_iter()
        .map(|ch| {
            let out = ch.wait_with_output().unwrap();
            assert!(out.status.success());
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        })
        .collect();
    numbers.sort();
    assert_eq!(numbers, ["D001", "D002", "D003", "D004"]);
    let log = std::fs::read_to_string(c.data.join("server.log")).unwrap();
    assert_eq!(log.matches("frontdesk: serving").count(), 1, "{log}");
}

#[test]
fn a_client_of_another_protocol_version_is_refused_with_what_to_do() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    let (_, answer) = c.raw(999);
    match answer {
        ServerMsg::Refused { message } => {
            assert!(message.contains("protocol 999"), "{message}");
            assert!(message.contains("frontdesk stop"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_malformed_frame_gets_an_error_reply_and_the_connection_goes_on() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    let mut s = c.raw_ok();
    let junk = b"{not json";
    s.write_all(&(junk.len() as u32).to_be_bytes()).unwrap();
    s.write_all(junk).unwrap();
    match read_frame::<ServerMsg>(&mut s).unwrap() {
        ServerMsg::Error { message } => assert!(message.contains("nothing was done"), "{message}"),
        other => panic!("{other:?}"),
    }
    write_frame(
        &mut s,
        &ClientMsg::Request {
            id: 5,
            request: Request::Ping,
        },
    )
    .unwrap();
    assert!(matches!(
        read_frame::<ServerMsg>(&mut s).unwrap(),
        ServerMsg::Reply { id: 5, .. }
    ));
}

#[test]
fn an_oversized_frame_is_refused_and_the_server_serves_others() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    let mut s = c.raw_ok();
    s.write_all(&((MAX_FRAME as u32) + 1).to_be_bytes())
        .unwrap();
    match read_frame::<ServerMsg>(&mut s).unwrap() {
        ServerMsg::Error { message } => assert!(message.contains("larger than"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.ok(&["ticket", "take", "--window", "土规农综"]), "E001\n");
}

#[test]
fn a_stuck_client_does_not_block_the_others() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    // Half a frame, then silence.
    let mut stuck = c.raw_ok();
    stuck.write_all(&[0, 0]).unwrap();
    let _never_reads = c.raw_ok();
    for n in 1..=3 {
        assert_eq!(
            c.ok(&["ticket", "take", "--window", "土规农综"]),
            format!("E{n:03}\n")
        );
    }
}

#[test]
fn every_console_is_told_which_ticket_changed_and_a_command_is_not() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    // A console shows a screen (here, the day); from then on it is told of every change.
    let mut watchers: Vec<_> = (0..3)
        .map(|_| {
            let mut w = c.raw_ok();
            ask(&mut w, 1, Request::View(ViewReq::Today));
            w
        })
        .collect();
    // A command that only asks is not sent notices it would pass over.
    let mut quiet = c.raw_ok();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    quiet
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write_frame(
        &mut quiet,
        &ClientMsg::Request {
            id: 7,
            request: Request::Ping,
        },
    )
    .unwrap();
    match read_frame::<ServerMsg>(&mut quiet).unwrap() {
        ServerMsg::Reply { id: 7, .. } => {}
        other => panic!("a command was sent {other:?}"),
    }
    for w in &mut watchers {
        w.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        // The clock's minute notices may come between; the change is the next other notice.
        let topics = loop {
            match read_frame::<ServerMsg>(w).unwrap() {
                ServerMsg::Changed { topics } if topics == [Topic::Clock] => continue,
                ServerMsg::Changed { topics } => break topics,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(
            topics,
            [Topic::Ticket {
                number: "A001".into()
            }]
        );
    }
}

#[test]
fn sigkill_of_the_server_loses_no_acknowledged_write_and_the_chain_still_verifies() {
    let c = Centre::new();
    let mut server = c.serve();
    let data = c.data.clone();
    let acks = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = std::sync::Arc::clone(&acks);
    let writer = std::thread::spawn(move || {
        let mut acknowledged = Vec::new();
        for _ in 0..300 {
            let out = Command::new(env!("CARGO_BIN_EXE_frontdesk"))
                .args(["--now", NOW, "ticket", "take", "--window", "劳动保障"])
                .env("FRONTDESK_DATA", &data)
                .output()
                .unwrap();
            if out.status.success() {
                acknowledged.push(String::from_utf8(out.stdout).unwrap().trim().to_string());
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
        acknowledged
    });
    // Kill in the middle of the stream: after 60 acknowledged writes, while more are coming.
    while acks.load(std::sync::atomic::Ordering::SeqCst) < 60 {
        std::thread::sleep(Duration::from_millis(2));
    }
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    let acknowledged = writer.join().unwrap();
    // Later writes started a new server themselves; every acknowledged one must be there.
    assert!(acknowledged.len() >= 60);
    let listed = c.ok(&["ticket", "list", "--window", "劳动保障"]);
    for n in &acknowledged {
        assert!(
            listed.contains(n.as_str()),
            "acknowledged ticket {n} was lost"
        );
    }
    let verify = c.cli(&["audit", "verify"]);
    assert_eq!(verify.code, 0, "{}", verify.stderr);
    assert!(verify.stdout.starts_with("audit trail intact"));
}

#[test]
fn a_tampered_audit_event_is_named_by_verify() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["stop"]);
    {
        use redb::{Database, ReadableTable, TableDefinition};
        const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
        let db = Database::open(c.data.join("frontdesk.redb")).unwrap();
        let txn = db.begin_write().unwrap();
        {
            let mut t = txn.open_table(AUDIT).unwrap();
            // Forge the ticket's event: say A999 was taken instead of A001.
            let (seq, old) = t
                .iter()
                .unwrap()
                .map(|r| r.unwrap())
                .map(|(k, v)| (k.value(), String::from_utf8(v.value().to_vec()).unwrap()))
                .find(|(_, v)| v.contains("ticket.take"))
                .unwrap();
            assert_eq!(
                seq, 4,
                "centre.load by init --demo empty, at the start, sign-in, then the take"
            );
            t.insert(seq, old.replace("A001", "A999").as_bytes())
                .unwrap();
        }
        txn.commit().unwrap();
    }
    let r = c.cli(&["audit", "verify"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("audit event 4 does not match its hash"),
        "{}",
        r.stderr
    );
}

#[test]
fn refusals_and_sign_ins_are_in_the_audit_log() {
    let c = Centre::new();
    c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    let r = c.cli(&["--as", "C03", "ticket", "call", "--window", "民政救助"]);
    assert_eq!(r.code, 1);
    let log = c.ok(&["audit", "log", "--staff", "C03"]);
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines[0].ends_with("\tC03\tsign-in\tstaff/C03\tok"), "{log}");
    assert!(
        lines[1].contains("\tC03\tticket.call\t\trefused: 童丽华 (clerk) may not do this"),
        "{log}"
    );
    assert!(
        c.ok(&["audit", "log", "--target", "ticket/2026-11-23/A001"])
            .contains("\tC01\tticket.take\tticket/2026-11-23/A001\tok")
    );
}

#[test]
fn a_socket_path_too_long_for_unix_gets_a_clear_message() {
    let c = Centre::new();
    let deep = c.data.join("d".repeat(120));
    let r = crate::common::run_in(&deep, &["serve"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("longer than the 107 a Unix socket allows"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_client_asking_another_clock_of_a_running_server_is_warned() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    let r = crate::common::run_in(&c.data, &["--now", "2026-12-01T09:00", "ticket", "list"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("was not applied"), "{}", r.stderr);
}

#[test]
fn each_start_records_which_parts_of_the_centre_definition_changed() {
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    c.ok(&["stop"]);
    c.ok(&["ticket", "list"]);
    c.ok(&["stop"]);
    let centre = std::fs::read_to_string(c.data.join("centre.toml"))
        .unwrap()
        .replace("name = \"李鹏\"", "name = \"李四\"");
    std::fs::write(c.data.join("centre.toml"), centre).unwrap();
    c.ok(&["ticket", "list"]);
    // What changed is the event's payload.
    let loads: Vec<String> = c
        .ok(&["--json", "audit", "log"])
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["act"] == "centre.load")
        .map(|e| {
            let changed: Vec<&str> = e["data"]["changed"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            if changed.is_empty() {
                "unchanged".to_string()
            } else {
                changed.join(", ")
            }
        })
        .collect();
    assert_eq!(
        loads,
        [
            // `init --demo empty` creates the store, with the whole definition.
            "centre, staff, windows, settings, catalogue, holiday years",
            "unchanged",
            "unchanged",
            "centre, staff"
        ]
    );
}

/// Asks one request on a signed-in raw connection and returns the refusal's message.
fn refusal_of(s: &mut std::os::unix::net::UnixStream, request: Request) -> String {
    write_frame(s, &ClientMsg::Request { id: 1, request }).unwrap();
    match read_frame::<ServerMsg>(s).unwrap() {
        ServerMsg::Reply {
            outcome: frontdesk::protocol::Outcome::Err(f),
            ..
        } => f.message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn refusals_are_told_in_the_language_the_client_names_in_its_hello() {
    use frontdesk::lang::Lang;
    let c = Centre::new();
    c.ok(&["ticket", "list"]);
    let hello = |act_as: &str, lang| ClientMsg::Hello {
        protocol: frontdesk::protocol::PROTOCOL_VERSION,
        version: "test".into(),
        act_as: Some(act_as.into()),
        pin: None,
        lang,
    };
    // A sign-in refusal.
    match c.hello(hello("NOPE", Lang::Zh)).1 {
        ServerMsg::Refused { message } => {
            assert_eq!(message, "演示中心没有工号 `NOPE`；工号见 README")
        }
        other => panic!("{other:?}"),
    }
    // A permission refusal, a thing that does not exist, and a rule of the domain.
    let (mut zh, _) = c.hello(hello("C03", Lang::Zh));
    let call = || {
        Request::Ticket(TicketReq::Call {
            window: Some("民政救助".into()),
            number: None,
            reason: None,
        })
    };
    assert!(
        refusal_of(&mut zh, call())
            .starts_with("童丽华（窗口工作人员）无权办理此事；只有民政救助的 A 岗"),
    );
    assert_eq!(
        refusal_of(&mut zh, Request::Case(CaseReq::Show { id: 99 })),
        "没有案件 99"
    );
    let (mut en, _) = c.hello(hello("C03", Lang::En));
    assert!(
        refusal_of(&mut en, call())
            .starts_with("童丽华 (clerk) may not do this; only 民政救助's A and B posts")
    );
    // The audit trail records refusals in English whatever the console's language.
    let log = c.ok(&["audit", "log"]);
    let calls: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("\tC03\tticket.call\t"))
        .collect();
    assert_eq!(calls.len(), 2, "{log}");
    assert!(
        calls
            .iter()
            .all(|l| l.contains("refused: 童丽华 (clerk) may not do this")),
        "{log}"
    );
}

/// Sends `request` as `id` and reads frames until its reply.
fn ask(s: &mut std::os::unix::net::UnixStream, id: u64, request: Request) {
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write_frame(s, &ClientMsg::Request { id, request }).unwrap();
    loop {
        if let ServerMsg::Reply { id: got, .. } = read_frame::<ServerMsg>(s).unwrap()
            && got == id
        {
            return;
        }
    }
}
