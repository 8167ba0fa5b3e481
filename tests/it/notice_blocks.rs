//! The notice as typed blocks (RULES §2): each kind of notice has one heading, its own title,
//! and its printed text (`case notice`) is 80 columns wide, Chinese counted double, with no
//! line starting with closing punctuation.

use frontdesk::domain::case::notify::{compose, compose_extension};
use frontdesk::domain::case::{Case, CaseError, CaseKind, Intake};
use frontdesk::domain::centre::Settings;
use frontdesk::domain::notice::{Block, Notice, NoticeKind};
use unicode_width::UnicodeWidthStr;

use crate::common::assert_printable;
use crate::common::server::Centre;
use crate::common::world::{BIRTH, DIBAO, ELDER_MEALS, World, d, world};

fn first(w: &World, case: &Case) -> Notice {
    compose(
        case,
        w.item(&case.item_code),
        &w.centre,
        &w.cal,
        1,
        case.accepted_on,
    )
    .unwrap()
}

fn kept_for_decision(w: &World) -> Case {
    let intake = w.intake(ELDER_MEALS, d(2026, 11, 23), &["居民身份证"]);
    Case::accept(
        Intake {
            needs_decision: true,
            ..intake
        },
        &Settings::default(),
        &w.cal,
    )
    .unwrap()
}

/// One notice of every kind, composed as the desk composes them.
fn every_kind(w: &World) -> Vec<Notice> {
    let on = d(2026, 11, 23);
    let all = w.all_materials(ELDER_MEALS);
    let accepted = w.accept(ELDER_MEALS, on, &all, &[]);
    let mut extended = accepted.clone();
    extended.issue(first(w, &accepted));
    let was = w.due(&extended);
    let director = w.centre.staff("D01").unwrap();
    extended
        .extend(3, "需实地核查", director, d(2026, 11, 24))
        .unwrap();
    let extension = compose_extension(
        &extended,
        w.item(ELDER_MEALS),
        &w.centre,
        &w.cal,
        2,
        Some(was),
    )
    .unwrap()
    .expect("an extension to tell");
    let rejected = w.accept(ELDER_MEALS, on, &["居民身份证"], &[]);
    assert_eq!(rejected.kind, CaseKind::Rejected);
    vec![
        first(w, &accepted),
        first(
            w,
            &w.accept(
                ELDER_MEALS,
                on,
                &["老年助餐补贴申请表", "居民身份证"],
                &["户口簿或居住证"],
            ),
        ),
        first(w, &w.accept(ELDER_MEALS, on, &w.mains(ELDER_MEALS), &[])),
        first(w, &w.accept(BIRTH, on, &w.all_materials(BIRTH), &[])),
        first(w, &rejected),
        first(w, &kept_for_decision(w)),
        extension,
        first(w, &w.accept(DIBAO, on, &w.all_materials(DIBAO), &[])),
    ]
}

#[test]
fn every_kind_of_notice_has_exactly_one_heading_and_it_is_the_kinds_title() {
    let w = world();
    let notices = every_kind(&w);
    let kinds: Vec<NoticeKind> = notices.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoticeKind::Acceptance,
            NoticeKind::Supplement,
            NoticeKind::Deficiency,
            NoticeKind::Joint,
            NoticeKind::Rejection,
            NoticeKind::Decision,
            NoticeKind::Extension,
            NoticeKind::ReportUp,
        ]
    );
    for n in &notices {
        // Each sheet has one heading; the notice's first sheet is titled by its kind, and a
        // 容缺受理告知书 is followed by the 承诺书 the applicant signs.
        let blocks = n.blocks(1);
        let sheets: Vec<Vec<&Block>> = blocks
            .split(|b| *b == Block::PageBreak)
            .map(|sheet| {
                sheet
                    .iter()
                    .filter(|b| matches!(b, Block::Heading(_)))
                    .collect()
            })
            .collect();
        let mut titles = vec![n.kind.chinese().to_string()];
        if n.kind == NoticeKind::Deficiency {
            titles.push("容缺受理承诺书".to_string());
        }
        let expected: Vec<Vec<Block>> = titles
            .into_iter()
            .map(|t| vec![Block::Heading(t)])
            .collect();
        let found: Vec<Vec<Block>> = sheets
            .into_iter()
            .map(|s| s.into_iter().cloned().collect())
            .collect();
        assert_eq!(found, expected, "{:?}", n.kind);
        // The title is no paragraph as well: a console or printer finds it by its type.
        assert!(
            !n.blocks(1)
                .contains(&Block::Paragraph(n.kind.chinese().to_string())),
            "{:?}",
            n.kind
        );
    }
}

/// The printed text of every kind of notice, as the applicant receives it: pages counted on
/// the acceptance's receipt, a 承诺书 after the 容缺 notice, the way to a review on the
/// rejection. A change to any of them shows here.
#[test]
fn the_printed_text_of_every_kind_of_notice() {
    let w = world();
    let mut notices = every_kind(&w);
    // The desk counted the pages of the acceptance's materials.
    let on = d(2026, 11, 23);
    let mut counted = w.accept(ELDER_MEALS, on, &w.all_materials(ELDER_MEALS), &[]);
    counted
        .record_pages(&[("老年助餐补贴申请表".into(), 2), ("居民身份证".into(), 1)])
        .unwrap();
    notices[0] = first(&w, &counted);
    for n in notices {
        insta::assert_snapshot!(
            format!("notice_text_{:?}", n.kind).to_lowercase(),
            n.text(12, 80).join("\n")
        );
    }
}

#[test]
fn pages_are_counted_only_for_materials_in_hand() {
    let w = world();
    let mut case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &["老年助餐补贴申请表", "居民身份证"],
        &["户口簿或居住证"],
    );
    assert_eq!(
        case.record_pages(&[("户口簿或居住证".into(), 3)]),
        Err(CaseError::PagesNotInHand("户口簿或居住证".into()))
    );
    assert!(matches!(
        case.record_pages(&[("结婚证".into(), 3)]),
        Err(CaseError::UnknownMaterial { .. })
    ));
    case.record_pages(&[("居民身份证".into(), 2)]).unwrap();
    let receipt = first(&w, &case).received;
    assert_eq!(
        receipt
            .iter()
            .map(|r| (r.name.as_str(), r.pages))
            .collect::<Vec<_>>(),
        [("老年助餐补贴申请表", None), ("居民身份证", Some(2))]
    );
}

#[test]
fn every_kind_of_notice_prints_within_80_columns_with_no_line_opening_on_closing_punctuation() {
    let w = world();
    for n in every_kind(&w) {
        let text = n.text(1, 80);
        assert_printable(&text, 80, &format!("{:?}", n.kind));
        // Nothing said is lost to the wrapping.
        let words = |lines: &[String]| -> String {
            lines
                .concat()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        assert_eq!(words(&text), words(&n.document(1)), "{:?}", n.kind);
    }
}

#[test]
fn a_long_numbered_item_continues_indented_under_its_text_on_the_printed_notice() {
    let w = world();
    let case = w.accept(
        ELDER_MEALS,
        d(2026, 11, 23),
        &["老年助餐补贴申请表", "居民身份证"],
        &["户口簿或居住证"],
    );
    let text = first(&w, &case).text(1, 48);
    let at = text
        .iter()
        .position(|l| l.starts_with("  2. 特殊困难身份证明"))
        .unwrap_or_else(|| panic!("{text:#?}"));
    let next = &text[at + 1];
    assert!(
        next.starts_with("     ") && !next.starts_with("      "),
        "continued under the item's text: {text:#?}"
    );
    assert!(text.iter().all(|l| l.width() <= 48), "{text:#?}");
}

#[test]
fn case_notice_prints_the_paper_80_columns_wide() {
    let c = Centre::new();
    // Rejected: the notice lists every material with its notes, the longest lines there are.
    c.open_mz005(&["--have", "居民身份证"]);
    let printed = c.by("C01", &["case", "notice", "1"]);
    assert_eq!(printed.lines().nth(1), Some("驳回通知书"), "{printed}");
    let lines: Vec<&str> = printed.lines().collect();
    assert_printable(&lines, 80, "case notice");
    assert!(printed.lines().count() > 10, "{printed}");
}

/// The queue ticket's slip as the 80 mm ticket printer prints it (48 columns): its number,
/// window and place, those ahead, the time, the priority mark and the complaint phone.
#[test]
fn the_queue_tickets_slip_fits_the_receipt_roll_and_says_who_waits_ahead() {
    use frontdesk::domain::notice::{TICKET_WIDTH, blocks, ticket_slip};
    use frontdesk::domain::queue::TicketStatus;
    let w = world();
    let mut t = crate::common::morning::ticket("A007", "民政救助", true, TicketStatus::Waiting, 12);
    t.ahead = Some(3);
    let text = blocks::text(&ticket_slip(&t, &w.centre), TICKET_WIDTH);
    assert_printable(&text, TICKET_WIDTH, "the ticket's slip");
    let all = text.join("\n");
    for needle in [
        "排队号 A007",
        "民政救助（1号窗口）",
        "3 人",
        "09:12",
        "优先",
    ] {
        assert!(all.contains(needle), "{needle} not on the slip:\n{all}");
    }
    insta::assert_snapshot!("ticket_slip_text", all);
    t.ahead = Some(0);
    let first = blocks::text(&ticket_slip(&t, &w.centre), TICKET_WIDTH).join("\n");
    assert!(first.contains("前面无人等候"), "{first}");
}
