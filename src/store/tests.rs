use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use redb::{Database, ReadableTableMetadata};

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

#[test]
fn a_change_and_its_audit_event_commit_together() {
    let (store, _) = temp_store();
    let n = store
        .execute(&who(), at(), "ticket.take", "", |txn| {
            let n = tickets::next_number(txn, at().date(), 'A')?;
            Ok((n.clone(), n))
        })
        .unwrap();
    assert_eq!(n, "A001");
    let events = store.audit_events().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (
            events[0].action.as_str(),
            events[0].target.as_str(),
            events[0].result.as_str()
        ),
        ("ticket.take", "A001", "ok")
    );
}

#[test]
fn a_refused_command_changes_nothing_but_is_recorded() {
    let (store, _) = temp_store();
    let r: Result<(), CmdError> = store.execute(&who(), at(), "ticket.take", "", |txn| {
        tickets::next_number(txn, at().date(), 'A')?;
        Err(CmdError::Refused(crate::refusal::Refusal::NoOneWaiting {
            window: "A".into(),
        }))
    });
    assert!(matches!(r, Err(CmdError::Refused(_))));
    // The counter increment was rolled back: the next number is still A001.
    let n = store
        .execute(&who(), at(), "ticket.take", "", |txn| {
            let n = tickets::next_number(txn, at().date(), 'A')?;
            Ok((n.clone(), n))
        })
        .unwrap();
    assert_eq!(n, "A001");
    let results: Vec<String> = store
        .audit_events()
        .unwrap()
        .into_iter()
        .map(|e| e.result)
        .collect();
    assert_eq!(results, ["refused: no one is waiting at A", "ok"]);
}

#[test]
fn audit_chain_verifies_and_names_the_first_altered_event() {
    let (store, _) = temp_store();
    for i in 0..5 {
        store
            .record(&who(), at(), "sign-in", &format!("t{i}"), "ok")
            .unwrap();
    }
    let mut events = store.audit_events().unwrap();
    assert_eq!(audit::verify(&events), Ok(5));
    events[2].result = "refused: forged".into();
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
            transferred_from: vec![],
        };
        tickets::put(&txn, &ticket).unwrap();
        txn.open_table(COUNTERS)
            .unwrap()
            .insert("2026-11-23/A", 1)
            .unwrap();
        audit::append(
            &txn,
            draft(&who(), at(), "ticket.take", "A001".into(), "ok".into()),
        )
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
    assert!(
        txn.open_table(cases::OPEN_CASES)
            .unwrap()
            .is_empty()
            .unwrap()
    );
    // The old trail is indexed by target, so a ticket's history is found without a full read.
    drop(txn);
    assert_eq!(
        store
            .events_about("A001")
            .unwrap()
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["ticket.take"]
    );
    let txn = store.db.begin_read().unwrap();
    // The upgrade is recorded, and the chain still holds across it.
    let events = store.audit_events().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        (events[1].action.as_str(), events[1].target.as_str()),
        ("store.migrate", "schema 1 -> 3")
    );
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
        ("7", "case.open"),
        ("A001", "ticket.take"),
        ("7", "case.complete"),
        ("70", "case.open"),
    ] {
        store.record(&who(), at(), action, target, "ok").unwrap();
    }
    let about_7: Vec<(u64, String)> = store
        .events_about("7")
        .unwrap()
        .into_iter()
        .map(|e| (e.seq, e.action))
        .collect();
    assert_eq!(
        about_7,
        [
            (1, "case.open".to_string()),
            (3, "case.complete".to_string())
        ],
        "not 70's"
    );
    assert!(store.events_about("8").unwrap().is_empty());
}

/// A case of the demo catalogue accepted with every material, with the notice it gets.
fn case_with_notice() -> crate::domain::case::Case {
    use crate::domain::case::{Applicant, Case, Channel, Intake, Ticked};
    let cat = crate::fixtures::catalogue();
    let centre = crate::fixtures::centre();
    let cal = crate::fixtures::calendar();
    let item = cat.get("MZ-005").unwrap();
    let mut case = Case::accept(
        Intake {
            item,
            ticked: Ticked {
                in_hand: item.materials.iter().map(|m| m.name.clone()).collect(),
                promised: vec![],
            },
            applicant: Applicant {
                name: "张三".into(),
                phone: None,
                id_number: None,
            },
            first_asked: "C01".into(),
            channel: Channel::Window,
            handler: "C01".into(),
            accepted_on: at().date(),
            green_channel: false,
            kind_override: None,
        },
        &centre.settings,
        &cal,
    )
    .unwrap();
    let notice =
        crate::domain::notice::compose(&case, item, &centre, &cal, 1, at().date()).unwrap();
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
