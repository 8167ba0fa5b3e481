//! A busy centre (DESIGN.md: no reply grows with the store): thousands of open cases and tens
//! of thousands of events, served in pages and in windows of rows.

use std::collections::BTreeSet;

use crate::common::busy::{open_cases, screen};
use crate::common::server::Centre;

#[test]
fn a_server_with_5000_open_cases_serves_a_console_screen_and_lists_every_open_case() {
    let c = Centre::new();
    open_cases(&c.data, 5000);
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let (v, bytes) = screen(&c, 60);
    assert_eq!(v.tickets.rows.total, 1);
    // The screen holds the rows a tall pane shows around its selection, and says how many
    // there are.
    assert_eq!(v.cases.rows.total, 5000);
    let held = v.cases.rows.items.len();
    assert!(held <= 61, "the selected row and 60 after it: {held}");
    assert_eq!(v.cases.selected().map(|r| r.id), Some(1));
    assert_eq!(v.today.counts.open_cases, 5000);
    assert!(bytes < 64 * 1024, "the screen's reply is {bytes} bytes");
    assert!(v.case.unwrap().is_ok(), "the selected case comes with it");
    // The command line lists every one, page after page, each once.
    let listed = c.ok(&["case", "list", "--open"]);
    let ids: Vec<u64> = listed
        .lines()
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(ids.len(), 5000);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 5000);
}

#[test]
fn case_list_and_audit_log_page_through_20000_records_in_order_each_once() {
    let c = Centre::new();
    open_cases(&c.data, 20_000);
    let listed = c.ok(&["case", "list"]);
    let ids: Vec<u64> = listed
        .lines()
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(ids, (1..=20_000).collect::<Vec<u64>>());
    let log = c.ok(&["audit", "log"]);
    let seqs: Vec<u64> = log
        .lines()
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect();
    assert!(seqs.len() > 20_000, "{}", seqs.len());
    assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<u64>>());
    // Through the index of one actor: every case opened by C01, and nothing of anyone else's.
    let mine = c.ok(&["audit", "log", "--staff", "C01"]);
    let opened = mine.lines().filter(|l| l.contains("\tcase.open\t")).count();
    assert_eq!(opened, 20_000);
    assert!(mine.lines().all(|l| l.split('\t').nth(2) == Some("C01")));
}

#[test]
fn a_closed_case_is_found_by_number_and_an_open_one_by_applicant_at_its_row() {
    let c = Centre::new();
    open_cases(&c.data, 300);
    c.ok(&["--as", "C01", "case", "complete", "7"]);
    // The 300 are due on one day, so they stand in the order taken: 申请人250 is case 251,
    // and with case 7 closed it is row 249 of the open ones.
    let found = find(&c, "申请人250");
    assert_eq!(found, (251, Some(249)));
    assert_eq!(find(&c, "7"), (7, None));
}

/// Where `case find` says a case is: its number, and its row among the open ones.
fn find(c: &Centre, text: &str) -> (u64, Option<u32>) {
    let line = c.ok(&["case", "find", text]);
    let mut parts = line.trim().split('\t');
    let id = parts.next().unwrap().parse().unwrap();
    (id, parts.next().map(|r| r.parse().unwrap()))
}
