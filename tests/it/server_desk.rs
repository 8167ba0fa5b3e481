//! The desk through the server: the queue as a queue machine keeps it, cases opened for a
//! ticket, and windows, items, phones and ID numbers as the desk writes them.

use crate::common::server::{ALL_MZ005, Centre};

#[test]
fn calling_the_next_visitor_finishes_the_one_served_and_each_keeps_its_wait_and_service() {
    let c = Centre::new();
    for _ in 0..3 {
        c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    }
    assert_eq!(c.ok(&["--as", "C01", "ticket", "call"]), "A001\n");
    // The next call finishes A001: the clerk serves one visitor at a time.
    assert_eq!(c.ok(&["--as", "C01", "ticket", "call"]), "A002\n");
    let list = c.ok(&["ticket", "list"]);
    assert!(
        list.contains("A001\t民政救助\tdone\tordinary\twait 0m\tservice 0m"),
        "{list}"
    );
    assert!(
        list.contains("A002\t民政救助\tcalled\tordinary\twait 0m\tservice -"),
        "{list}"
    );
    // One key finishes the visitor served; then nobody is.
    assert_eq!(c.ok(&["--as", "C01", "ticket", "finish"]), "A002\n");
    let r = c.cli(&["--as", "C01", "ticket", "finish"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("nobody is being served at 民政救助 by you"),
        "{}",
        r.stderr
    );
    let json = c.ok(&["--json", "ticket", "list"]);
    assert!(json.contains("\"state\": \"done\""), "{json}");
}

#[test]
fn a_visitor_called_out_of_turn_needs_a_reason_and_the_interleave_still_holds() {
    let c = Centre::new();
    for _ in 0..3 {
        c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    }
    let r = c.cli(&["--as", "C01", "ticket", "call", "--number", "A003"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("called out of turn; say why"),
        "{}",
        r.stderr
    );
    let called = c.ok(&[
        "--as",
        "C01",
        "ticket",
        "call",
        "--number",
        "A003",
        "--reason",
        "预约办理",
    ]);
    assert_eq!(called, "A003\n");
    let log = c.ok(&[
        "--json",
        "audit",
        "log",
        "--target",
        "ticket/2026-11-23/A003",
    ]);
    assert!(log.contains("ticket.call"), "{log}");
    // In turn again: the earliest waiting.
    assert_eq!(c.ok(&["--as", "C01", "ticket", "call"]), "A001\n");
    // Naming the ticket next in turn is no out-of-turn call and needs no reason.
    assert_eq!(
        c.ok(&["--as", "C01", "ticket", "call", "--number", "a002"]),
        "A002\n"
    );
}

#[test]
fn a_no_show_restored_the_same_day_keeps_their_place() {
    let c = Centre::new();
    c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    c.ok(&["--as", "C01", "ticket", "call"]);
    for _ in 0..2 {
        c.ok(&["--as", "C01", "ticket", "recall", "A001"]);
    }
    c.ok(&["--as", "C01", "ticket", "no-show", "A001"]);
    let r = c.cli(&["--as", "C01", "ticket", "restore", "A002"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("only a no-show can be restored"),
        "{}",
        r.stderr
    );
    c.ok(&["--as", "C01", "ticket", "restore", "A001"]);
    // Back before A002, who was taken after them.
    assert_eq!(c.ok(&["--as", "C01", "ticket", "call"]), "A001\n");
}

#[test]
fn tickets_are_called_in_the_days_order_even_after_a_restart_with_an_earlier_clock() {
    let c = Centre::new();
    let at = |now: &str, args: &[&str]| {
        let mut all = vec!["--now", now];
        all.extend_from_slice(args);
        crate::common::run_in(&c.data, &all)
    };
    let take = ["--as", "C01", "ticket", "take", "--window", "民政救助"];
    assert_eq!(at("2026-11-23T10:00:00", &take).stdout, "A001\n");
    c.ok(&["stop"]);
    // The server comes back with its clock an hour earlier.
    assert_eq!(at("2026-11-23T09:00:00", &take).stdout, "A002\n");
    let call = ["--as", "C01", "ticket", "call"];
    assert_eq!(at("2026-11-23T09:00:00", &call).stdout, "A001\n");
}

#[test]
fn a_case_opened_for_a_ticket_names_it_and_takes_its_first_asked_person() {
    let c = Centre::new();
    // Taken by C05 (first asked), then called at 民政救助 by C01.
    c.ok(&["--as", "C05", "ticket", "take", "--window", "民政救助"]);
    let open = |ticket: &str| c.open_case_of("MZ-005", &["--ticket", ticket]);
    let r = open("A001");
    assert_ne!(r.code, 0, "not called yet");
    assert!(
        r.stderr.contains("ticket A001 has not been called"),
        "{}",
        r.stderr
    );
    c.ok(&["--as", "C01", "ticket", "call"]);
    assert_eq!(open("a001").code, 0);
    let show = c.ok(&["case", "show", "1"]);
    assert!(
        show.contains("first_asked\tC05") && show.contains("ticket\tA001"),
        "{show}"
    );
    assert!(c.ok(&["ticket", "list"]).contains("\tcase 1\n"));
    let log = c.ok(&["audit", "log", "--target", "ticket/2026-11-23/A001"]);
    assert!(log.contains("case.open"), "{log}");
}

#[test]
fn a_window_is_named_by_its_name_its_ticket_letter_or_its_pinyin_initials() {
    let c = Centre::new();
    assert_eq!(c.ok(&["ticket", "take", "--window", "b"]), "B001\n");
    assert_eq!(c.ok(&["ticket", "take", "--window", "ldbz"]), "B002\n");
    c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    c.ok(&["--as", "C01", "ticket", "call"]);
    c.ok(&["--as", "C01", "ticket", "transfer", "A001", "--to", "C"]);
    let list = c.ok(&["ticket", "list", "--window", "ylbx"]);
    assert!(list.starts_with("A001\t医疗保险\twaiting"), "{list}");
    let r = c.cli(&["ticket", "take", "--window", "yl"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("民政救助"),
        "the windows there are: {}",
        r.stderr
    );
}

#[test]
fn a_wrong_phone_or_id_number_is_refused_with_what_is_wrong_and_nothing_is_stored() {
    let c = Centre::new();
    let open = |flag: &str, value: &str| c.open_case_of("MZ-005", &[flag, value]);
    let r = open("--id-number", "330102199001011235");
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("its check digit is 4 (GB 11643)"),
        "{}",
        r.stderr
    );
    let r = open("--phone", "1380000123");
    assert!(
        r.stderr.contains("has 10 digits; a mobile has 11"),
        "{}",
        r.stderr
    );
    assert_eq!(c.ok(&["case", "list"]), "", "nothing was opened");
    // A phone enquiry's number is checked too.
    let r = c.cli(&[
        "--as",
        "C01",
        "enquiry",
        "log",
        "--channel",
        "phone",
        "--name",
        "王五",
        "--phone",
        "12345",
        "--content",
        "问低保",
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("phone number `12345`"), "{}", r.stderr);
    assert_eq!(open("--id-number", "11010519491231002x").code, 0);
}

#[test]
fn an_item_code_is_taken_in_any_case_as_search_reads_it() {
    let c = Centre::new();
    let r = c.open_case_of("mz-005", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("1\t"), "{}", r.stdout);
    assert!(c.ok(&["case", "show", "1"]).contains("MZ-005"));
    assert_eq!(c.ok(&["ticket", "take", "--item", "lb-003"]), "B001\n");
}

#[test]
fn the_first_asked_person_follows_a_case_someone_else_handles_until_it_closes() {
    let c = Centre::new();
    // 夏芷菁 (C05, 医疗保险) is asked first and takes a ticket for 民政救助; 周春英 (C01)
    // serves the visitor there and opens the case.
    c.ok(&["--as", "C05", "ticket", "take", "--window", "民政救助"]);
    c.ok(&["--as", "C01", "ticket", "call"]);
    c.open_mz005(&["--have", ALL_MZ005, "--ticket", "A001"]);
    let follows = |who: &str| -> Vec<String> {
        c.by(who, &["approvals"])
            .lines()
            .filter(|l| l.starts_with("follow\t"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        follows("C05"),
        ["follow\t1\t长者食堂就餐补贴申请\t民政救助\t周春英\t2026-11-30"]
    );
    // The handler has it among their own cases, not as something to follow.
    assert!(follows("C01").is_empty());
    c.ok(&["--as", "C01", "case", "complete", "1"]);
    assert!(follows("C05").is_empty(), "closed: no longer followed");
}
