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
