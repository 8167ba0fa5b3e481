//! The public service guide (办事指南, RULES §12, 002 第二十三条, 004 法定/承诺时限告知制): its text
//! for an item of each kind (insta snapshots in `tests/it/snapshots/`), both time limits told,
//! special procedures told as not counted, the paper's 80 columns kept for every demo item, and
//! `frontdesk guide` through the real server.

use frontdesk::domain::catalogue::ItemKind;
use frontdesk::domain::guide::{NO_STATUTORY_LIMIT, TITLE, guide};
use frontdesk::domain::notice::{Block, PAPER_WIDTH, blocks};

use crate::common::server::Centre;
use crate::common::world::{World, world};

/// The guide of `code` as printed: 80 columns, one line a row.
fn printed(w: &World, code: &str) -> String {
    blocks::text(&guide(w.item(code), &w.centre), PAPER_WIDTH).join("\n")
}

/// The guide of `code` one paragraph or list item to a line, as said before any wrapping.
fn said(w: &World, code: &str) -> Vec<String> {
    blocks::lines(&guide(w.item(code), &w.centre))
}

#[test]
fn the_guide_of_an_item_of_each_kind_reads_as_published() {
    let w = world();
    for (name, code, kind) in [
        // 即办件 with its result, pages and enquiry phone.
        ("immediate", "LB-003", ItemKind::Immediate),
        // 承诺件 written before the guide's fields: none of them, and no statutory limit.
        (
            "committed_without_guide_fields",
            "MZ-005",
            ItemKind::Committed,
        ),
        // 联办件: its co-windows with their places, a material one of them needs.
        ("joint", "RK-005", ItemKind::Joint),
        // 上报件 with every guide field: pages, fee basis, result, phone, special procedures.
        ("report_up_with_every_field", "TG-001", ItemKind::ReportUp),
        // Requirements too long for a table row: the materials as a numbered list.
        ("materials_as_a_list", "MZ-002", ItemKind::ReportUp),
    ] {
        assert_eq!(w.item(code).kind, kind, "{code}");
        insta::assert_snapshot!(format!("guide_{name}"), printed(&w, code));
    }
}

#[test]
fn the_snapshots_cover_every_new_field_and_an_item_with_none() {
    let w = world();
    let full = w.item("TG-001");
    assert!(full.fee_basis.is_some() && full.result.is_some() && full.consult_phone.is_some());
    assert!(full.materials.iter().any(|m| m.pages.is_some()));
    assert!(!full.special.is_empty());
    let bare = w.item("MZ-005");
    assert!(bare.fee_basis.is_none() && bare.result.is_none() && bare.consult_phone.is_none());
    assert!(bare.materials.iter().all(|m| m.pages.is_none()));
    assert!(bare.special.is_empty() && bare.statutory_days.is_none());
}

#[test]
fn the_guide_states_both_the_statutory_and_the_committed_limit() {
    let w = world();
    for item in w.cat.items() {
        let lines = said(&w, &item.code);
        let told = |label: &str| -> String {
            let found: Vec<&String> = lines.iter().filter(|l| l.starts_with(label)).collect();
            assert_eq!(
                found.len(),
                1,
                "{}: {label} told once: {lines:#?}",
                item.code
            );
            found[0].clone()
        };
        let statutory = told("法定办结时限：");
        let committed = told("承诺办结时限：");
        match item.statutory_days {
            Some(n) => assert!(statutory.contains(&format!("{n} 个工作日")), "{statutory}"),
            None => assert!(statutory.ends_with(NO_STATUTORY_LIMIT), "{statutory}"),
        }
        if item.kind == ItemKind::Immediate {
            assert_eq!(committed, "承诺办结时限：当场办结");
        } else {
            assert!(
                committed.contains(&format!("{} 个工作日", item.committed_days)),
                "{committed}"
            );
        }
    }
}

#[test]
fn special_procedures_are_told_with_their_days_as_not_counted_in_the_limit() {
    let w = world();
    let with_special: Vec<_> = w
        .cat
        .items()
        .iter()
        .filter(|i| !i.special.is_empty())
        .collect();
    assert!(with_special.len() >= 3, "the demo shows several");
    for item in with_special {
        let lines = said(&w, &item.code);
        for s in &item.special {
            let line = lines
                .iter()
                .find(|l| l.trim_start().contains(&format!("{}：", s.title())))
                .unwrap_or_else(|| panic!("{}: {} not told: {lines:#?}", item.code, s.title()));
            assert!(
                line.contains(&format!("{} 个工作日，不计入办结时限", s.days)),
                "{line}"
            );
        }
    }
    // An item without any has no such section.
    assert!(!printed(&w, "MZ-005").contains("特别程序"));
}

#[test]
fn a_section_the_catalogue_has_no_data_for_is_left_out() {
    let w = world();
    let text = printed(&w, "MZ-005");
    for absent in [
        "收费依据",
        "办理结果",
        "咨询电话",
        "特别程序",
        "页数",
        "前置条件",
    ] {
        assert!(!text.contains(absent), "{absent} printed empty:\n{text}");
    }
    // What the item and the centre do have is all there.
    for present in [
        "收费标准：不收费",
        "受理窗口：民政救助（1号窗口）",
        "投诉电话：0701-3782571",
    ] {
        assert!(text.contains(present), "{present} missing:\n{text}");
    }
}

#[test]
fn every_demo_guide_has_one_heading_and_fits_80_columns_with_no_line_opening_on_closing_punctuation()
 {
    let w = world();
    let words = |lines: &[String]| -> String {
        lines
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    for item in w.cat.items() {
        let doc = guide(item, &w.centre);
        let headings: Vec<&Block> = doc
            .iter()
            .filter(|b| matches!(b, Block::Heading(_)))
            .collect();
        assert_eq!(headings, [&Block::Heading(TITLE.into())], "{}", item.code);
        let text = blocks::text(&doc, PAPER_WIDTH);
        crate::common::assert_printable(&text, PAPER_WIDTH, &item.code);
        assert_eq!(
            words(&text),
            words(&blocks::lines(&doc)),
            "{}: nothing lost to the wrapping",
            item.code
        );
    }
}

#[test]
fn frontdesk_guide_prints_the_servers_guide_at_80_columns_for_anyone_signed_in() {
    let c = Centre::new();
    let w = world();
    let expected = format!("{}\n", printed(&w, "TG-001"));
    for who in ["C01", "L01", "D01", "S01"] {
        assert_eq!(c.by(who, &["guide", "tg-001"]), expected, "as {who}");
    }
}

#[test]
fn frontdesk_guide_json_gives_the_blocks() {
    let c = Centre::new();
    let out = c.ok(&["--json", "guide", "RK-005"]);
    let doc: Vec<Block> = serde_json::from_str(&out).unwrap();
    let w = world();
    assert_eq!(doc, guide(w.item("RK-005"), &w.centre));
    assert_eq!(doc[0], Block::Heading("办事指南".into()));
}

#[test]
fn frontdesk_guide_refuses_an_unknown_code_naming_it_and_where_to_find_codes() {
    let c = Centre::new();
    let r = c.cli(&["guide", "ZZ-404"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(r.stderr.contains("`ZZ-404`"), "{}", r.stderr);
    assert!(
        r.stderr.contains("frontdesk catalogue search"),
        "{}",
        r.stderr
    );
}

#[test]
fn catalogue_check_names_the_line_of_a_guide_field_gone_wrong_in_the_demo_catalogue() {
    let demo = std::fs::read_to_string("fixtures/catalogue.toml").unwrap();
    // The first material's pages, and the first special procedure's days and kind.
    let bad = demo
        .replacen("pages = 1\n", "pages = 0\n", 1)
        .replacen("days = 5\nnote", "days = 0\nnote", 1)
        .replacen("procedure = \"hearing\"", "procedure = \"tender\"", 1);
    let line_of = |needle: &str| bad.lines().position(|l| l == needle).unwrap() + 1;
    let dir = crate::common::empty_dir();
    let file = dir.join("catalogue.toml");
    std::fs::write(&file, &bad).unwrap();
    let f = file.to_str().unwrap();
    let r = crate::common::run(&["catalogue", "check", f]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(
        lines[0].starts_with(&format!(
            "{f}:{}: item.material.pages: 0 pages",
            line_of("pages = 0")
        )),
        "{}",
        r.stdout
    );
    assert!(
        lines[1].starts_with(&format!(
            "{f}:{}: item.special.days: 0 working days",
            line_of("days = 0")
        )),
        "{}",
        r.stdout
    );
    assert!(
        lines[2].starts_with(&format!(
            "{f}:{}: item.special.procedure: unknown procedure `tender`",
            line_of("procedure = \"tender\"")
        )),
        "{}",
        r.stdout
    );
}
