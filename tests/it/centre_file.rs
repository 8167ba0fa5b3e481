//! The centre file (RULES §5, §7): checked on load, every problem named with its line.

use frontdesk::domain::centre::{Centre, DayUnit};
use frontdesk::fixtures;

const MINIMAL: &str = r#"
[centre]
name = "测试中心"
director = "D1"

[hours]
open = "08:30"
close = "17:30"

[[staff]]
code = "D1"
name = "主任"
role = "director"
duty_digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]

[[staff]]
code = "A1"
name = "甲"
role = "clerk"

[[staff]]
code = "B1"
name = "乙"
role = "clerk"

[[window]]
name = "综合"
prefix = "A"
a = "A1"
b = "B1"
business_leader = "D1"
"#;

fn problems(text: &str) -> Vec<String> {
    Centre::parse("c.toml", text).unwrap_err().lines()
}

#[test]
fn minimal_centre_takes_the_rules_defaults_for_settings() {
    let c = Centre::parse("c.toml", MINIMAL).unwrap();
    assert_eq!(c.settings.ten_and_sixty_day_limits, DayUnit::Working);
    assert!(c.settings.accept_with_deficiency);
    assert_eq!(c.settings.deficiency_supplement_days, 5);
    assert_eq!(c.windows[0].prefix, 'A');
}

#[test]
fn settings_where_seeds_differ_can_be_changed() {
    let text = format!(
        "{MINIMAL}\n[settings]\nten_and_sixty_day_limits = \"calendar\"\naccept_with_deficiency = false\ndeficiency_supplement_days = 3\npriority_interleave = 1\n"
    );
    let c = Centre::parse("c.toml", &text).unwrap();
    assert_eq!(c.settings.ten_and_sixty_day_limits, DayUnit::Calendar);
    assert!(!c.settings.accept_with_deficiency);
    assert_eq!(c.settings.deficiency_supplement_days, 3);
    assert_eq!(c.settings.priority_interleave, 1);
}

#[test]
fn a_and_b_post_must_be_two_different_people() {
    let text = MINIMAL.replace("b = \"B1\"", "b = \"A1\"");
    assert_eq!(
        problems(&text),
        ["c.toml:30: window.b: the B post must be someone other than the A post (RULES §5)"]
    );
}

#[test]
fn posts_must_name_known_staff_and_business_leader_must_lead() {
    let text = MINIMAL
        .replace("a = \"A1\"", "a = \"X9\"")
        .replace("business_leader = \"D1\"", "business_leader = \"B1\"");
    assert_eq!(
        problems(&text),
        [
            "c.toml:29: window.a: no [[staff]] has the code `X9`",
            "c.toml:31: window.business_leader: `B1` is a clerk; this must be a leader or the director",
        ]
    );
}

#[test]
fn every_day_digit_needs_a_leader_on_duty() {
    let text = MINIMAL.replace(
        "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]",
        "[0, 1, 2, 4, 5, 6, 7, 8, 9]",
    );
    assert_eq!(
        problems(&text),
        [
            "c.toml:1: staff.duty_digits: no leader is on duty on days ending in 3; give one leader duty_digits containing 3 (RULES §7)"
        ]
    );
}

#[test]
fn only_leaders_keep_duty_days() {
    let text = MINIMAL.replace(
        "name = \"甲\"\nrole = \"clerk\"",
        "name = \"甲\"\nrole = \"clerk\"\nduty_digits = [3]",
    );
    assert_eq!(
        problems(&text),
        [
            "c.toml:20: staff.duty_digits: only leaders and the director keep duty days; this is a clerk"
        ]
    );
}

#[test]
fn bad_prefix_hours_setting_and_unknown_key_are_all_reported() {
    let text = MINIMAL
        .replace("prefix = \"A\"", "prefix = \"窗\"")
        .replace("close = \"17:30\"", "close = \"5pm\"")
        .replace("[hours]", "[hours]\nlunch = true")
        + "\n[settings]\nten_and_sixty_day_limits = \"weeks\"\n";
    assert_eq!(
        problems(&text),
        [
            "c.toml:7: hours.lunch: unknown key; allowed here: open, close, midday_break",
            "c.toml:9: hours.close: `5pm` is not a time like 08:30",
            "c.toml:29: window.prefix: `窗` must be one capital letter A to Z",
            "c.toml:35: settings.ten_and_sixty_day_limits: `weeks` must be \"working\" or \"calendar\"",
        ]
    );
}

#[test]
fn demo_centre_is_the_street_centre_of_seed_000() {
    let c = fixtures::centre();
    let posts: Vec<(&str, &str, &str)> = c
        .windows
        .iter()
        .map(|w| (w.name.as_str(), c.name_of(&w.a), c.name_of(&w.b)))
        .collect();
    assert_eq!(
        posts,
        [
            ("民政救助", "周春英", "杨秋凤"),
            ("劳动保障", "童丽华", "吴卫平"),
            ("医疗保险", "夏芷菁", "李富昌"),
            ("人口计生", "周飞平", "陈锐丽"),
            ("土规农综", "邓莉馨", "张春莲"),
        ]
    );
}

#[test]
fn the_sms_section_is_optional_and_splits_its_command_into_words_as_a_shell_would() {
    let c = Centre::parse("c.toml", MINIMAL).unwrap();
    assert_eq!(c.sms.command, None, "without a command messages wait");
    assert_eq!(
        (c.sms.timeout_secs, c.sms.retry_secs, c.sms.attempts),
        (10, 60, 5)
    );
    let text = format!(
        "{MINIMAL}\n[sms]\ncommand = \"/usr/local/bin/send-sms --gateway 'city hall' -v\"\ntimeout_secs = 3\nretry_secs = 30\nattempts = 2\n"
    );
    let c = Centre::parse("c.toml", &text).unwrap();
    assert_eq!(
        c.sms.command.unwrap(),
        ["/usr/local/bin/send-sms", "--gateway", "city hall", "-v"]
    );
    assert_eq!(
        (c.sms.timeout_secs, c.sms.retry_secs, c.sms.attempts),
        (3, 30, 2)
    );
}

#[test]
fn an_sms_section_names_the_line_of_an_unknown_key_a_command_that_does_not_split_and_a_zero_timeout()
 {
    let base_lines = MINIMAL.lines().count();
    let text = format!(
        "{MINIMAL}\n[sms]\ncommand = \"send 'unclosed\"\ntimeout_secs = 0\nsender = \"x\"\nattempts = -1\n"
    );
    let p = problems(&text);
    let line = |n: usize| format!("c.toml:{}:", base_lines + n);
    let expect = [
        (line(3), "sms.command", "does not split"),
        (line(4), "sms.timeout_secs", "from 1 to 3600"),
        (line(5), "sms", "sender"),
        (line(6), "sms.attempts", "from 1 to 100"),
    ];
    for (at, field, what) in expect {
        assert!(
            p.iter()
                .any(|l| l.starts_with(&at) && l.contains(field) && l.contains(what)),
            "no `{at} {field}: …{what}…` in {p:#?}"
        );
    }
    let empty = problems(&format!("{MINIMAL}\n[sms]\ncommand = \"  \"\n"));
    assert!(
        empty.iter().any(|l| l.contains("the command is empty")),
        "{empty:?}"
    );
}

#[test]
fn the_print_section_is_optional_prints_with_lp_to_the_printer_named_and_a_window_may_name_its_own()
{
    let c = Centre::parse("c.toml", MINIMAL).unwrap();
    assert_eq!(c.print.command, ["lp", "-d", "{printer}"]);
    assert_eq!(c.print.command_for(c.print.printer.as_deref()), None);
    assert_eq!((c.print.font.clone(), c.print.timeout_secs), (None, 20));
    let with_printer = MINIMAL.replacen("[[window]]", "[[window]]\nprinter = \"desk-1\"", 1);
    let text = format!(
        "{with_printer}\n[print]\ncommand = \"lp -o 'media=A4' -d {{printer}}\"\nprinter = \"hall\"\nticket_printer = \"kiosk\"\nfont = \"/opt/fonts/song.ttf\"\ntimeout_secs = 5\n"
    );
    let c = Centre::parse("c.toml", &text).unwrap();
    assert_eq!(
        c.print.command_for(Some("hall")).unwrap(),
        ["lp", "-o", "media=A4", "-d", "hall"]
    );
    assert_eq!(c.print.ticket_printer.as_deref(), Some("kiosk"));
    assert_eq!(c.windows[0].printer.as_deref(), Some("desk-1"));
    assert_eq!(
        c.print.font.as_deref(),
        Some(std::path::Path::new("/opt/fonts/song.ttf"))
    );
    assert_eq!(c.print.timeout_secs, 5);
}

#[test]
fn a_print_section_names_the_line_of_a_relative_font_a_command_that_does_not_split_and_an_unknown_key()
 {
    let base_lines = MINIMAL.lines().count();
    let text = format!(
        "{MINIMAL}\n[print]\ncommand = \"lp -d 'hall\"\nfont = \"fonts/song.ttf\"\npaper = \"A4\"\ntimeout_secs = 0\n"
    );
    let p = problems(&text);
    let line = |n: usize| format!("c.toml:{}:", base_lines + n);
    let expect = [
        (line(3), "print.command", "does not split"),
        (line(4), "print.font", "absolute path"),
        (line(5), "print", "paper"),
        (line(6), "print.timeout_secs", "from 1 to 600"),
    ];
    for (at, field, what) in expect {
        assert!(
            p.iter()
                .any(|l| l.starts_with(&at) && l.contains(field) && l.contains(what)),
            "no `{at} {field}: …{what}…` in {p:#?}"
        );
    }
}
