//! Search: a table of what clerks type and the item they mean (RULES §12 catalogue).

use frontdesk::domain::catalogue::Catalogue;
use frontdesk::fixtures;
use frontdesk::search::SearchIndex;

fn top(index: &SearchIndex, cat: &Catalogue, query: &str) -> Option<String> {
    index
        .search(query, 1)
        .first()
        .map(|h| cat.items()[h.item].code.clone())
}

#[test]
fn query_table_finds_the_item_the_clerk_means() {
    let cat = fixtures::catalogue();
    let index = SearchIndex::new(&cat);
    let table: &[(&str, &str, &str)] = &[
        // (query, expected top item, what it proves)
        ("zzst", "MZ-005", "polyphone 长 read zhang, initials"),
        ("czst", "MZ-005", "polyphone 长 read chang, initials"),
        ("zhangzheshitang", "MZ-005", "full pinyin"),
        ("长者食堂", "MZ-005", "Chinese text"),
        ("长者st", "MZ-005", "Chinese mixed with initials"),
        ("zhangzhest", "MZ-005", "full pinyin mixed with initials"),
        ("tiaojie", "TG-002", "polyphone 调 read tiao"),
        ("tjsq", "TG-002", "initials of 调解申请"),
        ("dibao", "MZ-001", "alias 低保 in full pinyin"),
        ("低保", "MZ-001", "alias in Chinese"),
        ("lnzc", "MZ-005", "alias 老年助餐 by initials"),
        ("城乡居保", "LB-001", "alias in Chinese"),
        ("cxjb", "LB-001", "alias by initials"),
        (
            "jianfangsp",
            "TG-001",
            "alias 建房审批, full pinyin then initials",
        ),
        ("zhongdu", "MZ-004", "polyphone 重 read zhong, in an alias"),
        ("zuidisq", "MZ-001", "skipped letters: 最低(生活保障)申请"),
        ("ydjyba", "YB-002", "initials of a whole name"),
        ("yidijiuyi", "YB-002", "full pinyin prefix"),
        ("shiyedj", "LB-003", "full pinyin then initials"),
        ("shengyudj", "RK-001", "full pinyin then initials"),
        (
            "jiuye",
            "LB-004",
            "exact 就业登记 prefix beats longer names",
        ),
        ("MZ-003", "MZ-003", "item code"),
        ("mz003", "MZ-003", "item code without its dash, lower case"),
        ("tg2", "TG-002", "code with skipped zeros"),
        ("ＴＧ－００２", "TG-002", "full-width code"),
        ("临时救助", "MZ-003", "Chinese name"),
        ("lsjz", "MZ-003", "initials"),
        ("医保参保", "YB-001", "alias"),
    ];
    let mut failures = Vec::new();
    for (query, expected, why) in table {
        let got = top(&index, &cat, query);
        if got.as_deref() != Some(*expected) {
            failures.push(format!(
                "{query:?} ({why}): expected {expected}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn nonsense_query_finds_nothing() {
    let cat = fixtures::catalogue();
    let index = SearchIndex::new(&cat);
    assert!(index.search("qqqqxxzz", 10).is_empty());
    assert!(index.search("", 10).is_empty());
    assert!(index.search("   ", 10).is_empty());
}

#[test]
fn limit_caps_the_number_of_results() {
    let cat = fixtures::catalogue();
    let index = SearchIndex::new(&cat);
    assert_eq!(index.search("s", 3).len(), 3);
}

/// A catalogue of items that differ only in name and aliases.
fn catalogue_of(names: &[(&str, &[&str])]) -> Catalogue {
    use frontdesk::domain::catalogue::{ItemKind, Material, ServiceItem};
    Catalogue::new(
        names
            .iter()
            .enumerate()
            .map(|(i, (name, aliases))| ServiceItem {
                code: format!("T{i}"),
                name: name.to_string(),
                window: "综合".into(),
                kind: ItemKind::Committed,
                committed_days: 5,
                statutory_days: None,
                fee: "不收费".into(),
                fee_basis: None,
                result: None,
                consult_phone: None,
                special: vec![],
                basis: String::new(),
                conditions: String::new(),
                procedure: vec!["受理".into()],
                prerequisites: vec![],
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                co_windows: vec![],
                materials: vec![Material {
                    name: "身份证".into(),
                    main: true,
                    copies: None,
                    pages: None,
                    note: None,
                    for_window: None,
                }],
            })
            .collect(),
    )
}

fn ranked(cat: &Catalogue, query: &str) -> Vec<String> {
    SearchIndex::new(cat)
        .search(query, 10)
        .iter()
        .map(|h| cat.items()[h.item].name.clone())
        .collect()
}

#[test]
fn exact_before_contiguous_before_scattered() {
    let cat = catalogue_of(&[
        ("低收入家庭保障认定", &[]),
        ("城乡低保复核", &[]),
        ("低保", &[]),
    ]);
    assert_eq!(
        ranked(&cat, "dibao"),
        ["低保", "城乡低保复核", "低收入家庭保障认定"]
    );
}

#[test]
fn shorter_name_first_when_matches_tie() {
    let cat = catalogue_of(&[
        ("失业登记证明补办", &[]),
        ("失业登记", &[]),
        ("失业登记变更", &[]),
    ]);
    assert_eq!(
        ranked(&cat, "shiye"),
        ["失业登记", "失业登记变更", "失业登记证明补办"]
    );
}

#[test]
fn name_start_outranks_a_run_in_the_middle() {
    let cat = catalogue_of(&[("城乡居民临时救助", &[]), ("临时救助金发放", &[])]);
    assert_eq!(ranked(&cat, "lsjz"), ["临时救助金发放", "城乡居民临时救助"]);
}

#[test]
fn an_exact_alias_outranks_a_scattered_name() {
    let cat = catalogue_of(&[("最低生活保障申请", &["低保"]), ("低龄老人保险补贴", &[])]);
    assert_eq!(ranked(&cat, "db")[0], "最低生活保障申请");
}
