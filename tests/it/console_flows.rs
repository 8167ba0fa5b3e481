//! The console's flows, driven in process: the real app and its event loop's driver against
//! a real server, drawn through the real backend into a terminal emulator, keys given as the
//! bytes a terminal sends. What needs a real terminal (restoring it, signals, idle bytes,
//! escape timing) is in `console_pty.rs`.

use crate::common::console::{
    ALL_MZ005, BACKSPACE, DOWN, Desk as Console, ENTER, ESC, Look, bytes_of,
    console_on_a_committed_case, open_a_supplemented_case, open_case, open_case_for, start_intake,
};
use crate::common::server::Centre;
use frontdesk::tui::text::Lang;

#[test]
fn a_full_supplement_intake_by_keys_alone_notices_exactly_what_is_missing() {
    let c = Centre::new();
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("排队叫号", 10);
    start_intake(&mut con);
    // In hand: the form (12 pages) and the ID card (3 pages, after a slip of the finger);
    // promised: the household register.
    con.press(" ");
    con.press("12");
    con.press(DOWN);
    con.press(" ");
    con.press("30");
    con.press(BACKSPACE);
    con.wait_for("居民身份证 主件 · 已收 · 3 页", 5);
    con.press(DOWN);
    con.press("  ");
    con.wait_for("判定: 补办件 · 期限: 等补材料 3", 5);
    con.press(ENTER);
    con.press("张三");
    con.press(ENTER);
    con.wait_for("补办件通知书（一次性告知书）", 5);
    con.wait_for("尚需补交的材料（共 3 项，一次告知", 5);
    let screen = con.screen();
    // The numbered list under that heading: `1. 户口簿或居住证（主件） …`.
    let asked: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("尚需补交的材料"))
        .skip(1)
        .map_while(|l| l.split_once(". ").map(|(_, rest)| rest))
        .map(|l| l.split('（').next().unwrap())
        .collect();
    assert_eq!(
        asked,
        ["户口簿或居住证", "特殊困难身份证明", "近期一寸免冠照片"],
        "{screen}"
    );
    // The receipt of what was taken in, and the rest of what must be told once (RULES §2).
    for told in [
        "材料接收回执（已收材料共 2 项）：",
        "1     老年助餐补贴申请表  12    1     11月23日",
        "2     居民身份证          3     1     11月23日",
        "办结日期：材料补齐之日起计算",
        "投诉电话：",
    ] {
        con.wait_for(told, 5);
    }
    con.press(ESC);
    con.wait_for("#1   补办件 等补材料 3 张三", 5);
    // The notice again on demand, to print another copy.
    con.press("3");
    con.press("g");
    con.wait_for("尚需补交的材料（共 3 项", 5);
    con.press(ESC);
    con.wait_without("尚需补交的材料", 5);
    assert!(
        c.ok(&["case", "show", "1"])
            .contains("notice\t1\t补办件通知书（一次性告知书）")
    );
    assert!(con.quit());
}

#[test]
fn a_committed_case_with_every_material_in_hand_takes_nine_keystrokes_besides_the_name() {
    let c = Centre::new();
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("排队叫号", 10);
    let mut keystrokes = 0;
    let mut press = |con: &mut Console, keys: &[&str]| {
        for k in keys {
            keystrokes += 1;
            con.press(k);
        }
    };
    press(&mut con, &["c", "z", "z", "s", "t"]);
    con.wait_for("MZ-005  长者食堂就餐补贴申请", 5);
    press(&mut con, &[ENTER]);
    con.wait_for("[ ] 老年助餐补贴申请表", 5);
    press(&mut con, &["a"]);
    con.wait_for("判定: 承诺件", 5);
    press(&mut con, &[ENTER]);
    con.press("李四"); // the applicant's name is not counted
    press(&mut con, &[ENTER]);
    con.wait_for("受理通知书", 5);
    con.wait_for("办结日期：2026年11月30日", 5);
    assert_eq!(keystrokes, 9);
    assert!(keystrokes <= 12, "the README promises at most 12");
    assert_eq!(
        c.ok(&["case", "list"]),
        "1\t承诺件\t长者食堂就餐补贴申请\t李四\t2026-11-30\t5\t\n"
    );
    assert!(con.quit());
}

#[test]
fn supplements_completing_a_case_at_the_console_start_its_clock_and_tell_its_date() {
    let c = Centre::new();
    open_case(&c, "老年助餐补贴申请表,居民身份证", "户口簿或居住证");
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("#1   补办件 等补材料 3", 10);
    con.press("3");
    con.press("s");
    con.wait_for("[ ] 户口簿或居住证", 5);
    con.press("a");
    con.press(ENTER);
    // The date the first notice promised to tell "届时" comes up at once, to print.
    con.wait_for("办结日期：2026年11月30日", 5);
    con.press(ESC);
    // Brought on Mon 23 Nov (the test clock): five working days later is Mon 30 Nov.
    con.wait_for("#1   补办件 11-30 (5)", 5);
    assert!(con.quit());
}

#[test]
fn a_case_is_rejected_at_the_console_with_its_reason() {
    let c = Centre::new();
    let mut con = console_on_a_committed_case(&c);
    con.press("j");
    con.wait_for("驳回理由", 5);
    con.press("经入户核查不符合条件");
    con.press(ENTER);
    // The rejection notice comes up at once, to print, with the reason written in.
    con.wait_for("驳回通知书", 5);
    con.wait_for("驳回理由：经入户核查不符合条件", 5);
    con.wait_for("对驳回有异议的，可持本通知书到", 5);
    assert!(
        c.ok(&["case", "show", "1"])
            .contains("status\trejected 2026-11-23: 经入户核查不符合条件")
    );
    con.press(ESC);
    con.wait_without("驳回理由：", 5);
    assert!(con.quit());
}

#[test]
fn the_leader_on_duty_writes_the_duty_log_and_a_clerk_logs_a_phone_enquiry() {
    let c = Centre::new();
    // Mon 23 Nov: the day ends in 3, so 郑开华 (L04) is on duty.
    let mut leader = Console::open(&c, "L04", 120, 40);
    leader.wait_for("排队叫号", 10);
    leader.press("l");
    leader.wait_for("值班记录", 5);
    leader.press("上午巡查大厅，秩序良好");
    leader.press(ENTER);
    leader.wait_for("值班记录 已保存", 5);
    assert!(
        c.ok(&["duty", "list"])
            .contains("\tL04\t上午巡查大厅，秩序良好")
    );
    let mut clerk = Console::open(&c, "C01", 120, 40);
    clerk.wait_for("排队叫号", 10);
    clerk.press("q");
    clerk.press("问低保怎么申请\t王五\t13900001111");
    clerk.press(ENTER);
    clerk.wait_for("咨询 #1 已保存", 5);
    assert!(
        c.ok(&["--as", "L04", "enquiry", "list", "--open"])
            .contains("1\topen\tC01\tphone\t王五\t139****1111\t问低保怎么申请")
    );
    assert!(leader.quit());
    assert!(clerk.quit());
}

#[test]
fn a_case_is_completed_at_the_console() {
    let c = Centre::new();
    let mut con = console_on_a_committed_case(&c);
    con.press("d");
    // The question names what it acts on.
    con.wait_for("办结 #1 张三？", 5);
    con.press(ENTER);
    con.wait_for("#1 张三 已保存", 5);
    // Closed cases leave the deadline countdown.
    con.wait_without("#1   承诺件", 5);
    assert!(
        c.ok(&["case", "show", "1"])
            .contains("status\tcompleted 2026-11-23")
    );
    assert!(con.quit());
}

#[test]
fn a_clerks_extension_request_waits_on_the_leaders_console_until_approved() {
    let c = Centre::new();
    open_case(&c, ALL_MZ005, "");
    let mut clerk = Console::open(&c, "C01", 120, 40);
    let mut leader = Console::open(&c, "L04", 120, 40);
    clerk.wait_for("#1   承诺件 11-30 (5)", 10);
    clerk.press("3");
    clerk.press("e");
    clerk.wait_for("申请延期（交领导审批）", 5);
    clerk.press("3 需实地核查");
    clerk.press(ENTER);
    clerk.wait_for("延期 #1 已保存", 5);
    leader.wait_for("延期 #1 长者食堂就餐补贴申请 +3 · 需实地核查 (周春英)", 5);
    leader.press("4");
    leader.press("v");
    leader.wait_for("批准 延期 #1？", 5);
    leader.press(ENTER);
    // Three more working days: Mon 30 Nov becomes Thu 3 Dec, on every console.
    clerk.wait_for("#1   承诺件 12-03 (8)", 5);
    leader.wait_without("需实地核查 (周春英)", 5);
    assert!(
        c.ok(&["audit", "log", "--target", "extension/1"])
            .contains("\tL04\textension.approve\textension/1,case/1\tok")
    );
    assert!(clerk.quit());
    assert!(leader.quit());
}

#[test]
fn leave_requested_at_the_console_is_approved_by_the_leader_on_duty() {
    let c = Centre::new();
    let mut clerk = Console::open(&c, "C03", 120, 40);
    let mut leader = Console::open(&c, "L04", 120, 40);
    clerk.wait_for("排队叫号", 10);
    clerk.press("h");
    clerk.press("2026-11-25T08:00 2026-11-25T17:00 看病");
    clerk.press(ENTER);
    leader.wait_for("请假 童丽华 11-25 08:00–11-25 17:00 · 看病", 5);
    leader.press("4");
    leader.press("v");
    leader.wait_for("批准 请假 童丽华？", 5);
    leader.press(ENTER);
    leader.wait_without("· 看病", 5);
    assert!(
        c.ok(&["leave", "list"])
            .contains("\tC03\tleave\t2026-11-25T08:00\t2026-11-25T17:00\tapproved by L04")
    );
    assert!(clerk.quit());
    assert!(leader.quit());
}

#[test]
fn an_override_of_the_kind_at_intake_needs_a_reason_and_is_recorded() {
    let c = Centre::new();
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("排队叫号", 10);
    start_intake(&mut con);
    con.press("a");
    con.wait_for("判定: 承诺件", 5);
    // The first other kind is 即办件: done the same day.
    con.press("k");
    con.wait_for("改判为: 即办件", 5);
    con.press(ENTER);
    con.press("王五");
    con.press(ENTER);
    con.wait_for("改判理由", 5);
    con.press("材料齐全当场可办");
    con.press(ENTER);
    con.wait_for("案件 #1 · 第 1 份告知", 5);
    con.press(ESC);
    let json = c.ok(&["--json", "case", "show", "1"]);
    assert!(
        json.contains("\"chosen\": \"immediate\"") && json.contains("材料齐全当场可办"),
        "{json}"
    );
    // A same-day case cannot be reported up: the console shows the rule's refusal.
    con.press("3");
    con.press("u");
    con.wait_for("上报 #1 王五？", 5);
    con.press(ENTER);
    con.wait_for(
        "即办件不能上报：只有承诺件、联办件和已开始计时的补办件可以上报",
        5,
    );
    assert!(con.quit());
}

#[test]
fn a_co_window_is_added_at_the_console() {
    let c = Centre::new();
    let mut con = console_on_a_committed_case(&c);
    con.press("o");
    con.wait_for("联办窗口", 5);
    con.press("医疗保险");
    con.press(ENTER);
    // The joint notice comes up at once: the lead tells the applicant every department's needs.
    con.wait_for("联办件告知书", 5);
    con.wait_for("联办部门 医疗保险（3号窗口", 5);
    con.press(ESC);
    con.wait_for("#1   联办件", 5);
    con.wait_for("2. 联办件告知书", 5);
    assert!(con.quit());
}

#[test]
fn the_case_pane_shows_the_cases_history_from_the_audit_trail() {
    let c = Centre::new();
    open_a_supplemented_case(&c);
    // Still waiting for materials, so completing it is refused, and the refusal is recorded.
    assert_ne!(c.cli(&["--as", "C01", "case", "complete", "1"]).code, 0);
    // Tall enough for the case pane to reach its history below the materials.
    let mut con = Console::open(&c, "C01", 200, 60);
    con.wait_for("经办记录", 10);
    con.wait_for("C01 受理 完成", 5);
    con.wait_for("C01 补交材料 完成", 5);
    // The refusal is recorded as its code, so the Chinese console reads it in Chinese.
    con.wait_for("C01 办结 被拒：此补办件还缺 2 项材料", 5);
    assert!(con.quit());
}

#[test]
fn refusals_reach_a_chinese_console_in_chinese_and_an_english_one_in_english() {
    let c = Centre::new();
    open_case(&c, "老年助餐补贴申请表,居民身份证", "户口簿或居住证");
    let mut zh = Console::open(&c, "C01", 120, 40);
    zh.wait_for("#1   补办件 等补材料 3", 10);
    // No one waits at 民政救助: the server's refusal, in Chinese.
    zh.press("n");
    zh.wait_for("民政救助没有等候的群众", 5);
    // A 补办件 waiting for materials cannot be completed: the domain's rule, in Chinese.
    zh.press("3");
    zh.press("d");
    zh.wait_for("办结 #1 张三？", 5);
    zh.press(ENTER);
    zh.wait_for("此补办件还缺 3 项材料", 5);
    assert!(zh.quit());

    let mut en = Console::open_with(
        &c,
        "C01",
        120,
        40,
        Look {
            lang: Lang::En,
            ..Look::default()
        },
    );
    en.wait_for("#1", 10);
    en.press("n");
    en.wait_for("no one is waiting at 民政救助", 5);
    assert!(en.quit());
}

#[test]
fn a_case_is_found_by_its_number_even_when_closed_or_by_its_applicants_name() {
    let c = Centre::new();
    open_case(&c, ALL_MZ005, "");
    c.ok(&["--as", "C01", "case", "complete", "1"]);
    open_case_for(&c, "李四", ALL_MZ005, "");
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("#2   承诺件", 10);
    // Case 1 is closed, so not in the countdown; its number finds it.
    con.press("f");
    con.wait_for("办件编号或申请人姓名", 5);
    con.press("1");
    con.press(ENTER);
    con.wait_for("#1 MZ-005 长者食堂就餐补贴申请", 5);
    con.wait_for("已办结 2026-11-23", 5);
    // An open case by its applicant.
    con.press("f");
    con.press("李四");
    con.press(ENTER);
    con.wait_for("#2 MZ-005 长者食堂就餐补贴申请", 5);
    // A number that is no case says so and the console carries on.
    con.press("f");
    con.press("99");
    con.press(ENTER);
    con.wait_for("没有案件 99", 5);
    con.press("f");
    con.press("王五");
    con.press(ENTER);
    con.wait_for("在办的办件中没有这个申请人", 5);
    assert!(con.quit());
}

#[test]
fn an_item_of_another_window_is_flagged_before_its_materials_are_ticked() {
    let c = Centre::new();
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("排队叫号", 10);
    con.press("c");
    con.press("LB-003");
    con.wait_for("LB-003", 5);
    con.press(ENTER);
    con.wait_for("劳动保障 受理此事项，不是你的窗口", 5);
    con.press(ESC);
    con.wait_without("不是你的窗口", 5);
    con.press(ESC);
    con.wait_without("新建办件", 5);
    // Its own window's item has no such line.
    start_intake(&mut con);
    con.wait_without("不是你的窗口", 5);
    assert!(con.quit());
}

#[test]
fn a_phone_enquiry_is_a_form_that_keeps_each_field_whole() {
    let c = Centre::new();
    let mut clerk = Console::open(&c, "C01", 120, 40);
    clerk.wait_for("排队叫号", 10);
    clerk.press("q");
    clerk.wait_for("电话咨询", 5);
    clerk.wait_for("咨询内容:", 5);
    clerk.press("问 医保 报销\t王二\t13900002222");
    clerk.press(ENTER);
    clerk.wait_for("咨询 #1 已保存", 5);
    let json = c.ok(&["--as", "L04", "--json", "enquiry", "list"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["content"], "问 医保 报销", "{json}");
    assert_eq!(v[0]["caller_name"], "王二", "{json}");
}

#[test]
fn the_first_asked_follows_an_enquiry_until_they_close_it_with_its_outcome() {
    let c = Centre::new();
    let mut clerk = Console::open(&c, "C01", 120, 40);
    clerk.wait_for("排队叫号", 10);
    clerk.press("q");
    clerk.press("问低保怎么申请\t王五\t13900001111");
    clerk.press(ENTER);
    // It waits on the first-asked person's Today pane until settled (RULES §1).
    clerk.wait_for("咨询 #1 问低保怎么申请 (王五) 11-23 09:00", 5);
    clerk.press("4");
    // Not refused: followed through.
    clerk.press("w");
    clerk.wait_for("咨询不能退回", 5);
    clerk.press("v");
    clerk.wait_for("咨询结果", 5);
    clerk.press("已告知所需材料，约明日来办");
    clerk.press(ENTER);
    clerk.wait_without("咨询 #1 问低保", 5);
    let list = c.ok(&["--as", "L04", "enquiry", "list"]);
    assert!(list.contains("1\tclosed\tC01"), "{list}");
    let json = c.ok(&["--as", "L04", "--json", "enquiry", "list"]);
    assert!(json.contains("已告知所需材料，约明日来办"), "{json}");
    assert!(clerk.quit());
}

#[test]
fn moving_to_another_case_shows_its_own_history_and_claims_no_save() {
    let c = Centre::new();
    open_a_supplemented_case(&c);
    open_case_for(&c, "李四", ALL_MZ005, "");
    let mut con = Console::open(&c, "C01", 200, 60);
    // Case 2 (due 11-30) comes first; case 1 waits for materials below it.
    con.wait_for("#2 MZ-005 长者食堂就餐补贴申请", 10);
    con.wait_for("C01 受理 完成", 5);
    assert!(!con.screen().contains("补交材料 完成"));
    con.press("3");
    con.press(DOWN);
    con.wait_for("#1 MZ-005 长者食堂就餐补贴申请", 5);
    con.wait_for("C01 补交材料 完成", 5);
    assert!(!con.screen().contains("已保存"), "{}", con.screen());
    assert!(con.quit());
}

#[test]
fn a_selected_case_that_leaves_the_list_gives_way_to_its_neighbour_and_says_so() {
    let c = Centre::new();
    open_case_for(&c, "张三", ALL_MZ005, "");
    open_case_for(&c, "李四", ALL_MZ005, "");
    let mut con = Console::open(&c, "C01", 120, 40);
    con.wait_for("#2   承诺件", 10);
    con.press("3");
    assert_eq!(con.driver.app.data.cases.key, Some(1));
    c.ok(&["--as", "C01", "case", "complete", "1"]);
    con.wait_for("#1 已不在列表中，现选中 #2", 5);
    assert_eq!(con.driver.app.data.cases.key, Some(2));
    con.wait_for("#2 MZ-005 长者食堂就餐补贴申请", 5);
}

#[test]
fn the_case_pane_scrolls_its_history_into_view_with_page_keys() {
    let c = Centre::new();
    open_a_supplemented_case(&c);
    // At 60×16 the case is taller than its pane.
    let mut con = Console::open(&c, "C01", 60, 16);
    con.press("3");
    con.press("2");
    con.wait_for("#1 MZ-005", 5);
    assert!(!con.screen().contains("经办记录"), "{}", con.screen());
    con.press("\x1b[6~");
    con.press("\x1b[6~");
    con.wait_for("经办记录", 5);
    con.press("\x1b[5~");
    con.press("\x1b[5~");
    con.wait_for("#1 MZ-005", 5);
}

#[test]
fn a_supervisor_opens_on_every_windows_deadlines_and_cannot_act_as_a_clerk() {
    let c = Centre::new();
    open_case(&c, ALL_MZ005, "");
    c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
    let mut con = Console::open(&c, "S01", 120, 40);
    con.wait_for("督查（只读）", 5);
    con.wait_for("各窗口", 5);
    con.wait_for("民政救助", 5);
    con.wait_for("#1   承诺件", 5);
    // A clerk's keys are not the supervisor's: nothing is called, no intake opens.
    con.press("n");
    con.press("c");
    assert!(!con.screen().contains("新建办件"), "{}", con.screen());
    assert!(
        c.ok(&["ticket", "list"])
            .contains("A001\t民政救助\twaiting"),
        "nothing was called"
    );
    // The case is there to read.
    con.press("3");
    con.press("2");
    con.wait_for("#1 MZ-005 长者食堂就餐补贴申请", 5);
}

#[test]
fn every_key_in_the_help_works_for_the_person_shown_it() {
    use frontdesk::tui::keymap::Action;
    use frontdesk::tui::overlay::help::Help;
    let c = Centre::new();
    open_case(&c, "老年助餐补贴申请表,居民身份证", "户口簿或居住证");
    for who in ["C01", "L04", "D01", "S01"] {
        c.ok(&["--as", "C01", "ticket", "take", "--window", "民政救助"]);
        let mut con = Console::open(&c, who, 120, 40);
        con.wait_for("#1", 10);
        let app = &con.driver.app;
        let context = app.context();
        let listed = Help::new(context, &app.cx).actions(&app.cx);
        for action in listed {
            if action == Action::Quit {
                continue;
            }
            let key = con.driver.app.cx.keymap.first(context, action).unwrap();
            // Each act on the first case and the first ticket.
            con.press("3");
            con.press(&bytes_of(&key.to_string()));
            let note = con.driver.app.note.clone();
            assert!(
                note.as_ref().is_none_or(|n| !n.text.contains("无权")),
                "{who}: {action:?} ({key}) is in the help but refused: {note:?}"
            );
            while !con.driver.app.overlays.is_empty() {
                con.press("\x1b");
            }
        }
    }
}

#[test]
fn leave_is_asked_for_at_the_console_as_tomorrow_or_this_afternoon() {
    let c = Centre::new();
    let mut clerk = Console::open(&c, "C03", 120, 40);
    clerk.wait_for("排队叫号", 10);
    clerk.press("h");
    clerk.press("明天 看病");
    clerk.press(ENTER);
    clerk.wait_for("请假 C03 已保存", 5);
    clerk.press("h");
    clerk.press("下午 体检");
    clerk.press(ENTER);
    clerk.wait_for("请假 C03 已保存", 5);
    let list = c.ok(&["leave", "list"]);
    let day = |d: &str| {
        list.lines()
            .any(|l| l.contains(&format!("\tC03\tleave\t{d}")))
    };
    assert!(day("2026-11-24T08:00\t2026-11-24T17:00"), "{list}");
    assert!(day("2026-11-23T12:45\t2026-11-23T17:00"), "{list}");
}
