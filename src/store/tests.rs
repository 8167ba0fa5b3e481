use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use redb::Database;

use super::audit::{AuditEvent, Data, Outcome, Target};
use super::*;

/// A fresh file path in a directory of its own.
fn temp_path(name: &str) -> std::path::PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "frontdesk-store-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn temp_store() -> (Store, std::path::PathBuf) {
    let path = temp_path("t.redb");
    (Store::open(&path, at()).unwrap(), path)
}

fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn who() -> Who {
    Who {
        actor: "C01".into(),
        uid: 1000,
    }
}

/// A day's ticket as a target.
fn ticket(number: &str) -> Target {
    Target::Ticket {
        date: at().date(),
        number: number.into(),
    }
}

/// Takes the next ticket of window prefix A, as a command.
fn take(txn: &redb::WriteTransaction) -> Result<(String, Fact), CmdError> {
    let n = tickets::next_number(txn, at().date(), 'A')?;
    Ok((n.clone(), Fact::new(vec![ticket(&n)], Data::None)))
}

#[test]
fn a_change_and_its_audit_event_commit_together() {
    let (store, _) = temp_store();
    let n = store
        .execute(&who(), at(), "ticket.take", vec![], take)
        .unwrap();
    assert_eq!(n, "A001");
    let events = store.audit_events().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (
            events[0].act(),
            events[0].target_keys(),
            events[0].outcome()
        ),
        (
            "ticket.take",
            vec!["ticket/2026-11-23/A001".to_string()],
            Outcome::Ok
        )
    );
}

#[test]
fn a_refused_command_changes_nothing_but_is_recorded() {
    let (store, _) = temp_store();
    let why = crate::refusal::Refusal::NoOneWaiting { window: "A".into() };
    let r: Result<(), CmdError> = store.execute(&who(), at(), "ticket.call", vec![], |txn| {
        tickets::next_number(txn, at().date(), 'A')?;
        Err(CmdError::Refused(why.clone()))
    });
    assert!(matches!(r, Err(CmdError::Refused(_))));
    // The counter increment was rolled back: the next number is still A001.
    let n = store
        .execute(&who(), at(), "ticket.take", vec![], take)
        .unwrap();
    assert_eq!(n, "A001");
    let outcomes: Vec<Outcome> = store
        .audit_events()
        .unwrap()
        .iter()
        .map(AuditEvent::outcome)
        .collect();
    // The refusal is kept as its code and parameters, so any language renders it.
    assert_eq!(outcomes, [Outcome::Refused(why), Outcome::Ok]);
    assert_eq!(
        outcomes[0].text(crate::lang::Lang::Zh),
        "被拒：A没有等候的群众"
    );
}

#[test]
fn audit_chain_verifies_and_names_the_first_altered_event() {
    let (store, _) = temp_store();
    for i in 0..5 {
        let staff = vec![Target::Staff {
            code: format!("C0{i}"),
        }];
        store
            .record(&who(), at(), "sign-in", staff, Outcome::Ok, Data::None)
            .unwrap();
    }
    let mut events = store.audit_events().unwrap();
    assert_eq!(audit::verify(&events), Ok(5));
    if let AuditEvent::Typed(e) = &mut events[2] {
        e.outcome = r#"{"result":"recorded","refusal":"forged"}"#.into();
    }
    assert_eq!(
        audit::verify(&events),
        Err(audit::ChainError::Altered { seq: 3 })
    );
    let mut events = store.audit_events().unwrap();
    events.remove(1);
    assert_eq!(
        audit::verify(&events),
        Err(audit::ChainError::Gap {
            seq: 3,
            expected: 2
        })
    );
}

#[test]
fn a_second_open_of_the_same_file_is_refused_as_in_use() {
    let (_store, path) = temp_store();
    match Store::open(&path, at()) {
        Err(StoreError::InUse { .. }) => {}
        Err(e) => panic!("unexpected error: {e}"),
        Ok(_) => panic!("a second open succeeded"),
    }
}

#[test]
fn a_file_from_a_newer_schema_is_refused() {
    let (store, path) = temp_store();
    {
        let txn = store.db.begin_write().unwrap();
        txn.open_table(META)
            .unwrap()
            .insert("schema", SCHEMA_VERSION + 1)
            .unwrap();
        txn.commit().unwrap();
    }
    drop(store);
    assert!(matches!(
        Store::open(&path, at()),
        Err(StoreError::NewerSchema { .. })
    ));
}

#[test]
fn a_store_written_with_schema_1_is_upgraded_and_keeps_its_data() {
    let path = temp_path("v1.redb");
    // Write the file exactly as schema 1 did: meta, tickets, counters and audit, nothing else.
    {
        let db = Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(META).unwrap().insert("schema", 1).unwrap();
        let ticket = crate::domain::queue::Ticket {
            date: at().date(),
            number: "A001".into(),
            window: "民政救助".into(),
            priority: false,
            item: None,
            taken_at: at(),
            taken_by: "C01".into(),
            first_asked: Some("C01".into()),
            status: crate::domain::queue::TicketStatus::Waiting,
            order: 1,
            first_called: None,
            case: None,
            ahead: None,
            transferred_from: vec![],
        };
        tickets::put(&txn, &ticket).unwrap();
        txn.open_table(COUNTERS)
            .unwrap()
            .insert("2026-11-23/A", 1)
            .unwrap();
        let mut old = audit::LegacyEvent {
            seq: 1,
            at: at(),
            actor: "C01".into(),
            uid: 1000,
            action: "ticket.take".into(),
            target: "A001".into(),
            result: "ok".into(),
            prev: audit::GENESIS.into(),
            hash: String::new(),
        };
        old.hash = crate::event::digest::legacy(&old);
        txn.open_table(AUDIT)
            .unwrap()
            .insert(1, super::codec::encode(&old).as_slice())
            .unwrap();
        txn.commit().unwrap();
    }
    let store = Store::open(&path, at()).unwrap();
    let txn = store.db.begin_read().unwrap();
    assert_eq!(
        txn.open_table(META)
            .unwrap()
            .get("schema")
            .unwrap()
            .unwrap()
            .value(),
        SCHEMA_VERSION
    );
    let day = tickets::list_day(&txn.open_table(TICKETS).unwrap(), at().date()).unwrap();
    assert_eq!(day.len(), 1);
    assert_eq!(day[0].number, "A001");
    // The tables schema 2 added are there and empty.
    assert_eq!(
        cases::open_count(&txn.open_table(COUNTERS).unwrap()).unwrap(),
        0
    );
    // The old trail is filed under typed targets, so a ticket's history is found without a
    // full read.
    drop(txn);
    assert_eq!(
        store
            .events_about("ticket/2026-11-23/A001")
            .unwrap()
            .iter()
            .map(|e| e.act().to_string())
            .collect::<Vec<_>>(),
        ["ticket.take"]
    );
    let txn = store.db.begin_read().unwrap();
    // The upgrade is recorded, and the chain still holds across it.
    let events = store.audit_events().unwrap();
    assert_eq!(events.len(), 2);
    assert!(matches!(events[0], AuditEvent::Legacy(_)));
    assert_eq!(
        (events[1].act(), events[1].data()),
        (
            "store.migrate",
            Data::Migration {
                from: 1,
                to: SCHEMA_VERSION
            }
        )
    );
    // The old event verifies under its rule, the new one under the typed rule, one chain.
    assert_eq!(audit::verify(&events), Ok(2));
    // Opening again changes nothing more.
    drop(txn);
    drop(store);
    let store = Store::open(&path, at()).unwrap();
    assert_eq!(store.audit_events().unwrap().len(), 2);
}

#[test]
fn events_about_a_target_are_found_through_the_index_in_order() {
    let (store, _) = temp_store();
    for (target, action) in [
        (Target::Case { id: 7 }, "case.open"),
        (ticket("A001"), "ticket.take"),
        (Target::Case { id: 7 }, "case.complete"),
        (Target::Case { id: 70 }, "case.open"),
    ] {
        store
            .record(&who(), at(), action, vec![target], Outcome::Ok, Data::None)
            .unwrap();
    }
    let about_7: Vec<(u64, String)> = store
        .events_about("case/7")
        .unwrap()
        .into_iter()
        .map(|e| (e.seq(), e.act().to_string()))
        .collect();
    assert_eq!(
        about_7,
        [
            (1, "case.open".to_string()),
            (3, "case.complete".to_string())
        ],
        "not 70's"
    );
    assert!(store.events_about("case/8").unwrap().is_empty());
}

/// A case of the demo catalogue accepted with every material, with the notice it gets.
fn case_with_notice() -> crate::domain::case::Case {
    let cat = crate::fixtures::catalogue();
    let centre = crate::fixtures::centre();
    let cal = crate::fixtures::calendar();
    let item = cat.get("MZ-005").unwrap();
    let mut case = crate::fixtures::accepted("MZ-005", "C01", None);
    let notice =
        crate::domain::case::notify::compose(&case, item, &centre, &cal, 1, at().date()).unwrap();
    case.issue(notice);
    case
}

#[test]
fn a_cases_notices_are_kept_in_their_own_table_and_come_back_whole() {
    let (store, _) = temp_store();
    let case = case_with_notice();
    let txn = store.db.begin_write().unwrap();
    cases::save(&txn, 1, &case, None).unwrap();
    txn.commit().unwrap();
    let txn = store.db.begin_read().unwrap();
    let table = txn.open_table(cases::CASES).unwrap();
    let notices = txn.open_table(cases::NOTICES).unwrap();
    // The case's own value, which every list reads, no longer carries the notice's text.
    let raw = table.get(1).unwrap().unwrap().value().to_vec();
    assert!(!String::from_utf8_lossy(&raw).contains("complaint_channel"));
    assert!(cases::load(&table, 1).unwrap().unwrap().notices.is_empty());
    let whole = cases::load_whole(&table, &notices, 1).unwrap().unwrap();
    assert_eq!(whole, case);
}

#[test]
fn a_case_written_with_its_notices_inside_still_reads_whole() {
    let (store, _) = temp_store();
    let case = case_with_notice();
    let txn = store.db.begin_write().unwrap();
    // As values were written before notices moved out: inside the case, and nowhere else.
    let old = cases::StoredCase {
        id: 1,
        case: case.clone(),
        index_key: None,
    };
    txn.open_table(cases::CASES)
        .unwrap()
        .insert(1, codec::encode(&old).as_slice())
        .unwrap();
    txn.commit().unwrap();
    let txn = store.db.begin_read().unwrap();
    let whole = cases::load_whole(
        &txn.open_table(cases::CASES).unwrap(),
        &txn.open_table(cases::NOTICES).unwrap(),
        1,
    )
    .unwrap()
    .unwrap();
    assert_eq!(whole.notices, case.notices);
}

#[test]
fn an_event_after_an_aborted_batch_chains_to_the_last_event_kept() {
    let (store, _) = temp_store();
    let sign_in = || {
        store.record(
            &who(),
            at(),
            "sign-in",
            vec![Target::Staff { code: "C01".into() }],
            Outcome::Ok,
            Data::None,
        )
    };
    sign_in().unwrap();
    // The batch appends an event, then is refused whole: the event it appended is gone.
    let r: Result<(), CmdError> = store.batch(|b| {
        b.run(&who(), at(), "ticket.take", take)?;
        Err(CmdError::Refused(crate::refusal::Refusal::TakeWhere))
    });
    assert!(r.is_err());
    sign_in().unwrap();
    let events = store.audit_events().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(audit::verify(&events), Ok(2));
}
