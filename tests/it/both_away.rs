//! Both posts of a window away (AB岗, RULES §5/§6, seed 000 三(四)) through the server: the
//! posts bind in the opening hours of working days only. The test clock starts on Monday
//! 2026-11-23 at 09:00, 郑开华's (L04) duty day; the demo centre opens 08:00–17:00.

use crate::common::server::Centre;

/// `code` asks for leave from `from` to `to`; returns the run.
fn ask(c: &Centre, code: &str, from: &str, to: &str) -> crate::common::Run {
    c.cli(&[
        "--as",
        code,
        "leave",
        "request",
        "--from",
        from,
        "--to",
        to,
        "--reason",
        "家中有事",
    ])
}

#[test]
fn b_may_be_away_after_closing_time_while_a_is_away_through_the_server() {
    let c = Centre::new();
    assert_eq!(
        ask(&c, "C01", "2026-11-24T08:00", "2026-11-24T20:00").code,
        0
    );
    let evening = ask(&c, "C02", "2026-11-24T17:00", "2026-11-24T21:00");
    assert_eq!(evening.code, 0, "{}", evening.stderr);
    let afternoon = ask(&c, "C02", "2026-11-24T16:00", "2026-11-24T16:30");
    assert_eq!(afternoon.code, 1);
    assert!(
        afternoon
            .stderr
            .contains("民政救助 would have neither A (周春英) nor B (杨秋凤) on 2026-11-24"),
        "{}",
        afternoon.stderr
    );
}
