use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;

use super::*;

fn temp_store() -> (Store, std::path::PathBuf) {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "frontdesk-store-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.redb");
    (Store::open(&path).unwrap(), path)
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
        Err(CmdError::Refused("not your window".into()))
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
    assert_eq!(results, ["refused: not your window", "ok"]);
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
    match Store::open(&path) {
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
        Store::open(&path),
        Err(StoreError::NewerSchema { .. })
    ));
}
