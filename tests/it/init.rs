//! The data directory: the demo centre written on first use, and `frontdesk init` setting up a
//! real centre from its files, checked, without losing what is already there.

use crate::common::server::Centre;
use crate::common::{empty_dir, run_in};

/// The demo files with one clerk and one service item renamed, as a centre's own files.
fn own_files(dir: &std::path::Path) -> (String, String) {
    let centre = std::fs::read_to_string("fixtures/centre.toml")
        .unwrap()
        .replace(
            "name = \"XX街道便民服务中心\"",
            "name = \"测试街道便民服务中心\"",
        )
        .replace("name = \"李鹏\"", "name = \"李四\"");
    let catalogue = std::fs::read_to_string("fixtures/catalogue.toml")
        .unwrap()
        .replace("name = \"临时救助申请\"", "name = \"急难型临时救助申请\"");
    let (c, k) = (dir.join("my-centre.toml"), dir.join("my-catalogue.toml"));
    std::fs::write(&c, centre).unwrap();
    std::fs::write(&k, catalogue).unwrap();
    (c.to_string_lossy().into(), k.to_string_lossy().into())
}

#[test]
fn the_first_command_writes_the_demo_centre_into_an_empty_data_directory() {
    let data = empty_dir().join("fresh");
    let _server = crate::common::server::Centre { data: data.clone() };
    let r = run_in(&data, &["roster", "2026-11-24"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("duty\t李鹏\n"));
    for f in ["centre.toml", "catalogue.toml", "demo-centre"] {
        assert!(data.join(f).is_file(), "{f} was not written");
    }
    assert_eq!(
        std::fs::read_to_string(data.join("centre.toml")).unwrap(),
        std::fs::read_to_string("fixtures/centre.toml").unwrap()
    );
}

#[test]
fn init_sets_up_a_real_centre_that_later_commands_use() {
    let data = empty_dir();
    let _server = crate::common::server::Centre { data: data.clone() };
    let (centre, catalogue) = own_files(&data);
    let r = run_in(
        &data,
        &["init", "--centre", &centre, "--catalogue", &catalogue],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("set up 测试街道便民服务中心 in "),
        "{}",
        r.stdout
    );
    assert!(!data.join("demo-centre").exists());
    assert_eq!(
        run_in(&data, &["catalogue", "search", "jnxlsjz", "--limit", "1"]).stdout,
        "MZ-003\t急难型临时救助申请\n"
    );
    assert!(
        run_in(&data, &["roster", "2026-11-24"])
            .stdout
            .contains("duty\t李四\n")
    );
}

#[test]
fn init_with_a_faulty_file_reports_every_problem_and_changes_nothing() {
    let data = empty_dir();
    let (centre, _) = own_files(&data);
    let bad = data.join("bad.toml");
    std::fs::write(&bad, "[[item]]\ncode = \"X\"\n").unwrap();
    let r = run_in(
        &data,
        &[
            "init",
            "--centre",
            &centre,
            "--catalogue",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.lines().count() >= 5,
        "every missing field is named:\n{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .all(|l| l.starts_with(&format!("{}:", bad.display()))),
        "{}",
        r.stdout
    );
    assert!(!data.join("centre.toml").exists());
}

#[test]
fn init_over_the_demo_keeps_the_demo_store_aside() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    let (centre, catalogue) = own_files(&c.data);
    let r = c.cli(&["init", "--centre", &centre, "--catalogue", &catalogue]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("stop it first"), "{}", r.stderr);
    c.ok(&["stop"]);
    let r = c.cli(&["init", "--centre", &centre, "--catalogue", &catalogue]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(c.data.join("frontdesk.redb.demo").is_file());
    assert!(r.stderr.contains("kept as"), "{}", r.stderr);
    // The real centre starts with a new store of its own, the demo's anchor kept with it.
    assert!(c.data.join("frontdesk.redb.demo.anchor").is_file());
    let r = c.cli(&["--code", "D01", "ticket", "list"]);
    assert!(!r.stderr.contains("missing or empty"), "{}", r.stderr);
}

#[test]
fn init_does_not_overwrite_a_real_centre() {
    let data = empty_dir();
    let (centre, catalogue) = own_files(&data);
    assert_eq!(
        run_in(
            &data,
            &["init", "--centre", &centre, "--catalogue", &catalogue]
        )
        .code,
        0
    );
    let r = run_in(
        &data,
        &["init", "--centre", &centre, "--catalogue", &catalogue],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already holds a centre"), "{}", r.stderr);
}

#[test]
fn init_demo_empty_sets_up_the_demo_centre_with_an_empty_hall() {
    let c = Centre::fresh();
    let r = c.cli(&["init", "--demo", "empty"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("set up the demo centre XX街道便民服务中心 in ")
            && r.stdout.contains("an empty hall"),
        "{}",
        r.stdout
    );
    for f in [
        "centre.toml",
        "catalogue.toml",
        "demo-centre",
        "frontdesk.redb",
    ] {
        assert!(c.data.join(f).is_file(), "{f} was not written");
    }
    // Its server starts on no visitors, cases or requests, and the demo's owner is C01.
    assert_eq!(c.ok(&["ticket", "list"]), "");
    assert_eq!(c.ok(&["case", "list"]), "");
    assert_eq!(c.ok(&["approvals"]), "");
    let r = c.owner_cli(&["--json", "ticket", "take", "--window", "民政救助"]);
    assert!(r.stdout.contains("\"taken_by\": \"C01\""), "{}", r.stdout);
}

#[test]
fn init_demo_morning_writes_the_morning_at_once() {
    let c = Centre::fresh();
    let r = c.cli(&["init", "--demo", "morning"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("8 cases"), "{}", r.stdout);
    assert!(c.ok(&["case", "list", "--overdue"]).contains("超期"));
}

#[test]
fn init_demo_names_the_ways_to_start_it_when_given_another() {
    let data = empty_dir();
    let r = run_in(&data, &["init", "--demo", "full"]);
    assert_eq!(r.code, 2, "a usage error");
    assert!(
        r.stderr.contains("`full` is not a way to start the demo")
            && r.stderr.contains("morning")
            && r.stderr.contains("empty"),
        "{}",
        r.stderr
    );
    assert!(!data.join("centre.toml").exists(), "nothing written");
    let r = run_in(&data, &["init"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--centre"), "{}", r.stderr);
}

#[test]
fn init_demo_never_touches_a_store_or_a_real_centre() {
    let c = Centre::new();
    c.ok(&["ticket", "take", "--window", "民政救助"]);
    c.ok(&["stop"]);
    let r = c.cli(&["init", "--demo", "morning"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already holds a store"), "{}", r.stderr);
    assert_eq!(c.ok(&["ticket", "list"]).lines().count(), 1, "untouched");
    let real = empty_dir();
    let (centre, catalogue) = own_files(&real);
    run_in(
        &real,
        &["init", "--centre", &centre, "--catalogue", &catalogue],
    );
    let r = run_in(&real, &["init", "--demo", "empty"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already holds a centre"), "{}", r.stderr);
    assert!(!real.join("demo-centre").exists());
}
