//! The queue at the console, driven in process: calling in turn and out of turn, finishing,
//! a selection that follows its ticket, a visitor called into the intake of their item, and
//! the case a visitor's first-asked person follows once another window opens it.

use crate::common::console::{ALL_MZ005, DOWN, Desk as Console, ENTER, ESC};
use crate::common::server::Centre;

#[test]
fn calling_the_next_visitor_calls_the_priority_ticket_first() {
    let c = Centre::new();
    c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    c.ok(&[
        "--as",
        "C01",
        "ticket",
        "take",
        "--window",
        "民政救助",
        "--priority",
    ]);
    let mut clerk = Console::open(&c, "C01", 120, 40);
    clerk.wait_for("A002", 10);
    clerk.press("n");
    clerk.wait_for("A002  民政救助      已叫号", 5);
    clerk.wait_for("已叫号 A002 · 民政救助", 5);
    assert!(
        c.ok(&["ticket", "list"])
            .contains("A002\t民政救助\tcalled\tpriority")
    );
    assert!(clerk.quit());
}

#[test]
fn a_selected_ticket_stays_selected_when_the_queue_resorts_and_is_the_one_acted_on() {
    let c = Centre::new();
    for _ in 0..5 {
        c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    }
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("A005", 10);
    con.press("1");
    con.press(DOWN);
    con.press(DOWN);
    assert_eq!(con.driver.app.data.tickets.key.as_deref(), Some("A003"));
    // Another clerk calls the first in line: A001 moves below those waiting.
    c.ok(&["--as", "C01", "ticket", "call", "--window", "民政救助"]);
    con.wait_for("A001  民政救助      已叫号", 5);
    assert_eq!(con.driver.app.data.tickets.key.as_deref(), Some("A003"));
    assert_eq!(con.driver.app.data.tickets.at, 1, "its row moved up");
    // The act names the ticket it acts on, and acts on it.
    con.press("m");
    con.wait_for("转往窗口 · A003", 5);
    con.press("劳动保障");
    con.press(ENTER);
    con.wait_for("A003 已转至 劳动保障", 5);
    let list = c.ok(&["ticket", "list"]);
    assert!(list.contains("A002\t民政救助\twaiting"), "{list}");
    assert!(!list.contains("A003\t民政救助\twaiting"), "{list}");
}

#[test]
fn a_clerk_finishes_a_visitor_with_one_key_and_calls_a_chosen_one_out_of_turn() {
    let c = Centre::new();
    for _ in 0..3 {
        c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    }
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("A003", 10);
    con.press("n");
    con.wait_for("已叫号 A001 · 民政救助", 5);
    con.press("b");
    con.wait_for("A001 已办完", 5);
    // The selection followed A001 below those waiting; one up is A003, chosen out of turn:
    // the prompt names it and asks why.
    con.press("1");
    assert_eq!(con.driver.app.data.tickets.key.as_deref(), Some("A001"));
    con.press("\x1b[A");
    assert_eq!(con.driver.app.data.tickets.key.as_deref(), Some("A003"));
    con.press("N");
    con.wait_for("提前叫号的理由 · A003", 5);
    con.press("预约办理");
    con.press(ENTER);
    con.wait_for("已叫号 A003 · 民政救助", 5);
    let list = c.ok(&["ticket", "list"]);
    assert!(list.contains("A001\t民政救助\tdone"), "{list}");
    assert!(list.contains("A002\t民政救助\twaiting"), "{list}");
    assert!(list.contains("A003\t民政救助\tcalled"), "{list}");
}

#[test]
fn a_visitor_who_asked_for_an_item_is_called_into_its_intake_and_the_case_names_the_ticket() {
    let c = Centre::new();
    // Taken at the machine for MZ-005 by C05, the first asked.
    c.ok(&["--as", "C05", "ticket", "take", "--item", "MZ-005"]);
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("A001", 10);
    con.press("n");
    con.wait_for("新建办件 · A001", 5);
    con.wait_for("[ ] 老年助餐补贴申请表", 5);
    con.press("a");
    con.wait_for("判定: 承诺件", 5);
    con.press(ENTER);
    con.press("李四");
    con.press(ENTER);
    con.wait_for("受理通知书", 5);
    con.press(ESC);
    con.wait_for("A001  民政救助      已叫号 #1", 5);
    let show = c.ok(&["case", "show", "1"]);
    assert!(
        show.contains("ticket\tA001") && show.contains("first_asked\tC05"),
        "{show}"
    );
    // Finished: the queue machine's record names the case.
    con.press("b");
    con.wait_for("A001 已办完", 5);
    assert!(
        c.ok(&["ticket", "list"])
            .contains("A001\t民政救助\tdone\tordinary")
    );
}

#[test]
fn the_queue_shows_the_clerks_own_window_first_with_its_count_and_the_halls() {
    let c = Centre::new();
    c.ok(&["--as", "C01", "ticket", "take", "--window", "劳动保障"]);
    c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("排队叫号 · 民政救助等候 1 · 全厅 2", 10);
    let screen = con.screen();
    let (own, other) = (
        screen.find("A001  民政救助").unwrap(),
        screen.find("B001  劳动保障").unwrap(),
    );
    assert!(
        own < other,
        "own window first, though taken later:\n{screen}"
    );
}

#[test]
fn a_case_opened_for_a_visitor_i_was_first_asked_about_waits_on_my_today_pane_until_closed() {
    let c = Centre::new();
    // 夏芷菁 (C05, 医疗保险) was asked first and sent the visitor to 民政救助.
    let mut mine = Console::open(&c, "C05", 120, 40);
    mine.wait_for("排队叫号", 10);
    c.ok(&["--as", "C05", "ticket", "take", "--window", "民政救助"]);
    c.ok(&["--as", "C01", "ticket", "call"]);
    c.open_mz005(&["--have", ALL_MZ005, "--ticket", "A001"]); // It comes to my console by itself, naming where it is, who handles it and when it is due.
    mine.wait_for("督办 #1 长者食堂就餐补贴申请 · 民政救助 周春英 11-30", 5);
    c.ok(&["--as", "C01", "case", "complete", "1"]);
    mine.wait_without("督办 #1", 5);
    assert!(mine.quit());
}
