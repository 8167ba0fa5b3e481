//! Input is bounded, from everyone: every text field and list of every request has a limit
//! (`domain::limits`), checked by the server before anything is stored; a refused peer's staff
//! code is cut and escaped before the audit trail keeps it; refused sign-ins are rate-limited.

mod fields;

use std::fs::File;
use std::os::unix::net::UnixStream;
use std::time::Duration;

use frontdesk::domain::limits::{LIST_LIMITS, TEXT_LIMITS};
use frontdesk::protocol::{
    ClientMsg, Outcome, PinSignIn, Request, Response, ServerMsg, read_frame, write_frame,
};

use crate::common::server::Centre;
use fields::{every_hello_field, every_list, every_text_field, hello, open_case};

/// A raw connection signed in as `code` (the demo's owner acting as them).
fn signed_in(c: &Centre, code: &str) -> UnixStream {
    let (s, answer) = c.hello(hello(Some(code), None));
    assert!(matches!(answer, ServerMsg::Welcome { .. }), "{answer:?}");
    s
}

fn ask(s: &mut UnixStream, request: Request) -> Outcome {
    write_frame(s, &ClientMsg::Request { id: 1, request }).unwrap();
    loop {
        match read_frame::<ServerMsg>(s).unwrap() {
            ServerMsg::Reply { outcome, .. } => return outcome,
            ServerMsg::Changed { .. } => continue,
            other => panic!("expected a reply, got {other:?}"),
        }
    }
}

fn refused(s: &mut UnixStream, request: Request) -> String {
    match ask(s, request) {
        Outcome::Err(f) => f.message,
        Outcome::Ok(r) => panic!("expected a refusal, got {r:?}"),
    }
}

fn store_size(c: &Centre) -> u64 {
    std::fs::metadata(c.data.join("frontdesk.redb"))
        .unwrap()
        .len()
}

#[test]
fn a_name_of_200000_characters_is_refused_naming_its_field_and_limit_and_nothing_is_stored() {
    let c = Centre::new();
    // Past the store file's first steps of growth (see the sign-in test below).
    for _ in 0..10 {
        c.by("C01", &["ticket", "list"]);
    }
    let cases_before = c.by("C01", &["case", "list"]);
    let size_before = store_size(&c);
    let mut s = signed_in(&c, "C01");
    let message = refused(&mut s, open_case("张".repeat(200_000)));
    assert!(message.contains("`applicant`"), "{message}");
    assert!(message.contains("200000 characters"), "{message}");
    assert!(message.contains("at most 50"), "{message}");
    assert_eq!(c.by("C01", &["case", "list"]), cases_before);
    let grown = store_size(&c).saturating_sub(size_before);
    assert!(grown <= 16 * 1024, "the store grew by {grown} bytes");
}

#[test]
fn a_name_at_exactly_its_limit_is_accepted() {
    let c = Centre::new();
    c.by("C01", &["case", "list"]);
    let mut s = signed_in(&c, "C01");
    let fifty = "张".repeat(50);
    match ask(&mut s, open_case(fifty.clone())) {
        Outcome::Ok(Response::Case(v)) => assert_eq!(v.case.applicant.name, fifty),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_text_field_of_every_request_is_refused_one_character_over_its_limit() {
    let c = Centre::new();
    c.by("D01", &["ticket", "list"]);
    let mut s = signed_in(&c, "D01");
    let fields = every_text_field();
    let hellos = every_hello_field();
    // The walk covers the whole table: every kind of text has a field that is tried.
    for (text, _) in TEXT_LIMITS {
        assert!(
            fields.iter().any(|(_, t, _)| *t == text) || hellos.iter().any(|(_, t, _)| *t == text),
            "no request tried for {text:?}"
        );
    }
    for (field, text, build) in &hellos {
        let max = text.max();
        let (_s, answer) = c.hello(build("X".repeat(max + 1)));
        match answer {
            ServerMsg::Refused { message } => assert!(
                message.contains(&format!("sign-in: `{field}`"))
                    && message.contains(&format!("{} characters long", max + 1))
                    && message.contains(&format!("at most {max} are allowed")),
                "hello {field}: {message}"
            ),
            other => panic!("hello {field}: {other:?}"),
        }
    }
    for (field, text, build) in &fields {
        let max = text.max();
        let request = build("字".repeat(max + 1));
        let act = request.act();
        let message = refused(&mut s, request);
        assert!(
            message.contains(&format!("{act}: `{field}`"))
                && message.contains(&format!("{} characters long", max + 1))
                && message.contains(&format!("at most {max} are allowed")),
            "{act} {field}: {message}"
        );
        // At its limit, the same field is not refused by the limits (whatever else says no).
        if let Outcome::Err(f) = ask(&mut s, build("字".repeat(max))) {
            assert!(
                !f.message.contains("are allowed"),
                "{act} {field}: {}",
                f.message
            );
        }
    }
    for (field, list, build) in every_list() {
        let max = list.max();
        let request = build(max + 1);
        let act = request.act();
        let message = refused(&mut s, request);
        assert!(
            message.contains(&format!("{act}: `{field}` names {}", max + 1))
                && message.contains(&format!("at most {max} are allowed")),
            "{act} {field}: {message}"
        );
    }
    for (list, _) in LIST_LIMITS {
        assert!(every_list().iter().any(|(_, l, _)| *l == list), "{list:?}");
    }
}

fn hello_with_code(code: String) -> ClientMsg {
    hello(
        None,
        Some(PinSignIn {
            code,
            pin: "1234".into(),
        }),
    )
}

#[test]
fn five_sign_ins_with_a_code_of_700000_characters_grow_the_store_by_a_few_kilobytes() {
    let c = Centre::new();
    c.by("D01", &["ticket", "list"]);
    // The store file grows in steps of its own as its first events are written (a fresh one
    // by some 130 KiB over its first five); past them, five small events fit in what it has.
    for _ in 0..10 {
        c.by("D01", &["ticket", "list"]);
    }
    let size_before = store_size(&c);
    for _ in 0..5 {
        let (_s, answer) = c.hello(hello_with_code("X".repeat(700_000)));
        match answer {
            ServerMsg::Refused { message } => {
                assert!(message.contains("`code`"), "{message}");
                assert!(message.contains("at most 32"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
    let grown = store_size(&c).saturating_sub(size_before);
    assert!(grown <= 16 * 1024, "the store grew by {grown} bytes");
    let all = c.by("D01", &["--json", "audit", "log"]);
    let refused: Vec<&str> = all
        .lines()
        .filter(|l| l.contains("sign-in") && l.contains("too_long"))
        .collect();
    assert_eq!(refused.len(), 5, "{all}");
    for line in refused {
        assert!(line.len() < 1_024, "a record of {} bytes", line.len());
        assert!(line.contains("700000 characters"), "{line}");
    }
}

#[test]
fn a_refused_code_reaches_the_audit_trail_escaped() {
    let c = Centre::new();
    c.by("D01", &["ticket", "list"]);
    let (_s, answer) = c.hello(hello_with_code("C0\u{1b}[2J1".into()));
    assert!(matches!(answer, ServerMsg::Refused { .. }), "{answer:?}");
    let log = c.by("D01", &["audit", "log"]);
    assert!(!log.contains('\u{1b}'), "{log}");
    assert!(log.contains("C0␛[2J1"), "{log}");
}

/// Stops the server by SIGTERM (its uid may be waiting, so `frontdesk stop` would be refused)
/// and waits until it has let its lock go.
fn terminate(c: &Centre) {
    let pid: i32 = std::fs::read_to_string(c.data.join("server.lock"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let pid = rustix::process::Pid::from_raw(pid).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    let lock = File::options()
        .write(true)
        .open(c.data.join("server.lock"))
        .unwrap();
    for _ in 0..500 {
        if lock.try_lock().is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the server did not stop");
}

#[test]
fn repeated_refused_sign_ins_from_one_uid_are_rate_limited_and_summed_up_in_the_audit() {
    let c = Centre::new();
    c.by("D01", &["ticket", "list"]);
    for _ in 0..10 {
        let (_s, answer) = c.hello(hello(Some("NOPE"), None));
        match answer {
            ServerMsg::Refused { message } => assert!(message.contains("NOPE"), "{message}"),
            other => panic!("{other:?}"),
        }
    }
    // Now the uid waits, even with a code that would sign in, and is told for how long.
    for _ in 0..3 {
        let (_s, answer) = c.hello(hello(Some("D01"), None));
        match answer {
            ServerMsg::Refused { message } => {
                assert!(
                    message.contains("refused sign-in 10 times within a minute"),
                    "{message}"
                );
                assert!(message.contains("seconds"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
    // As the server stops, what it held back is recorded as one event.
    terminate(&c);
    let log = c.by("D01", &["audit", "log"]);
    let one_by_one = log.lines().filter(|l| l.contains("NOPE")).count();
    assert_eq!(one_by_one, 10, "{log}");
    let summed: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("more refused sign-ins"))
        .collect();
    assert_eq!(summed.len(), 1, "{log}");
    assert!(
        summed[0].contains("3 more refused sign-ins from uid"),
        "{log}"
    );
}
