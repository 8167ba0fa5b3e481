//! Reading and checking a centre file: every problem reported with its line and field.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveTime, Weekday};
use toml::Spanned;

mod sending;

use super::{Centre, DayUnit, Hours, Role, Settings, Staff, Window};
use crate::domain::toml_fields::{FileProblems, Sheet, Tbl};

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

impl Centre {
    /// Parses and checks a centre file, reporting every problem found.
    pub fn parse(file: &str, text: &str) -> Result<Centre, FileProblems> {
        let (mut sheet, doc) = Sheet::parse(file, text)?;
        let root = Sheet::root(&doc);
        sheet.only_keys(
            root,
            &[
                "centre", "hours", "settings", "staff", "window", "cleaning", "sms", "print",
            ],
        );

        let staff = read_staff(&mut sheet, root);
        let roles: HashMap<&str, Role> = staff.iter().map(|s| (s.code.as_str(), s.role)).collect();
        let mut refer =
            |sheet: &mut Sheet, v: &Spanned<String>, field: &str, need_lead: bool| match roles
                .get(v.get_ref().as_str())
            {
                None => sheet.problem(
                    v.span(),
                    field,
                    format!("no [[staff]] has the code `{}`", v.get_ref()),
                ),
                Some(r) if need_lead && !r.leads() => sheet.problem(
                    v.span(),
                    field,
                    format!(
                        "`{}` is a {}; this must be a leader or the director",
                        v.get_ref(),
                        r.key()
                    ),
                ),
                Some(_) => {}
            };

        let head = sheet.table(root, "centre", "centre");
        if head.is_none() {
            sheet.problem(
                0..0,
                "centre",
                "missing the [centre] table with name and director",
            );
        }
        let (mut name, mut complaint_phone, mut director) = (None, None, None);
        let mut shared_uids = Vec::new();
        if let Some(h) = head {
            sheet.only_keys(h, &["name", "complaint_phone", "director", "shared_uids"]);
            for u in sheet.int_list(h, "shared_uids") {
                match u32::try_from(*u.get_ref()) {
                    Ok(v) if staff.iter().any(|s| s.uid == Some(v)) => sheet.problem(
                        u.span(),
                        "centre.shared_uids",
                        format!("uid {v} is bound to one staff member; a shared account is bound to no one"),
                    ),
                    Ok(v) => shared_uids.push(v),
                    Err(_) => sheet.problem(u.span(), "centre.shared_uids", format!("{} is not a unix uid", u.get_ref())),
                }
            }
            name = sheet.req_str(h, "name");
            complaint_phone = sheet.opt_str(h, "complaint_phone");
            director = sheet.req_str(h, "director");
            if let Some(d) = &director {
                match roles.get(d.get_ref().as_str()) {
                    Some(Role::Director) => {}
                    _ => sheet.problem(
                        d.span(),
                        "centre.director",
                        format!(
                            "`{}` must be a [[staff]] with role = \"director\"",
                            d.get_ref()
                        ),
                    ),
                }
            }
        }

        let windows = read_windows(&mut sheet, root, &mut refer);
        let cleaning = read_cleaning(&mut sheet, root, &mut refer);
        let hours = read_hours(&mut sheet, root);
        let settings = read_settings(&mut sheet, root);
        let sms = sending::read_sms(&mut sheet, root);
        let print = sending::read_print(&mut sheet, root);

        let covered: BTreeSet<u8> = staff
            .iter()
            .flat_map(|s| s.duty_digits.iter().copied())
            .collect();
        if !staff.is_empty() {
            for digit in (0..10u8).filter(|d| !covered.contains(d)) {
                sheet.problem(
                    0..0,
                    "staff.duty_digits",
                    format!("no leader is on duty on days ending in {digit}; give one leader duty_digits containing {digit} (RULES §7)"),
                );
            }
        }

        let centre = Centre {
            name: name.map(Spanned::into_inner).unwrap_or_default(),
            complaint_phone: complaint_phone.map(Spanned::into_inner),
            director: director.map(Spanned::into_inner).unwrap_or_default(),
            shared_uids,
            staff,
            windows,
            cleaning,
            hours: hours.unwrap_or(Hours {
                open: NaiveTime::MIN,
                close: NaiveTime::MIN,
                midday_break: None,
            }),
            settings,
            sms,
            print,
        };
        sheet.finish(centre)
    }
}

fn read_staff(sheet: &mut Sheet, root: Tbl) -> Vec<Staff> {
    let tables = sheet.tables(root, "staff", "staff");
    if tables.is_empty() {
        sheet.problem(0..0, "staff", "the centre has no [[staff]]");
    }
    let mut seen = BTreeSet::new();
    let mut uids = BTreeSet::new();
    let mut out = Vec::new();
    for t in tables {
        sheet.only_keys(t, &["code", "name", "role", "duty_digits", "uid"]);
        let code = sheet.req_str(t, "code");
        let name = sheet.req_str(t, "name");
        let role = sheet.req_str(t, "role").and_then(|r| {
            let role = Role::parse(r.get_ref());
            if role.is_none() {
                sheet.problem(
                    r.span(),
                    "staff.role",
                    format!(
                        "unknown role `{}`; use clerk, leader, director, supervisor or admin",
                        r.get_ref()
                    ),
                );
            }
            role
        });
        let digits = sheet.int_list(t, "duty_digits");
        let uid = sheet
            .opt_int(t, "uid")
            .and_then(|u| match u32::try_from(*u.get_ref()) {
                Ok(v) if !uids.contains(&v) => {
                    uids.insert(v);
                    Some(v)
                }
                Ok(v) => {
                    sheet.problem(
                        u.span(),
                        "staff.uid",
                        format!("uid {v} is bound to another staff member already"),
                    );
                    None
                }
                Err(_) => {
                    sheet.problem(
                        u.span(),
                        "staff.uid",
                        format!("{} is not a unix uid", u.get_ref()),
                    );
                    None
                }
            });
        let mut duty_digits = Vec::new();
        for d in &digits {
            match u8::try_from(*d.get_ref()) {
                Ok(n) if n <= 9 => duty_digits.push(n),
                _ => sheet.problem(
                    d.span(),
                    "staff.duty_digits",
                    format!("{} is not a digit 0 to 9", d.get_ref()),
                ),
            }
        }
        if let (Some(r), Some(first)) = (role, digits.first())
            && !r.leads()
        {
            sheet.problem(
                first.span(),
                "staff.duty_digits",
                format!(
                    "only leaders and the director keep duty days; this is a {}",
                    r.key()
                ),
            );
        }
        if let Some(c) = &code {
            if c.get_ref().chars().any(char::is_whitespace) {
                sheet.problem(
                    c.span(),
                    "staff.code",
                    "a staff code must not contain spaces",
                );
            }
            if !seen.insert(c.get_ref().clone()) {
                sheet.problem(
                    c.span(),
                    "staff.code",
                    format!("duplicate code `{}`", c.get_ref()),
                );
            }
        }
        if let (Some(code), Some(name), Some(role)) = (code, name, role) {
            out.push(Staff {
                code: code.into_inner(),
                name: name.into_inner(),
                role,
                duty_digits,
                uid,
            });
        }
    }
    out
}

type Refer<'a> = dyn FnMut(&mut Sheet, &Spanned<String>, &str, bool) + 'a;

fn read_windows(sheet: &mut Sheet, root: Tbl, refer: &mut Refer) -> Vec<Window> {
    let tables = sheet.tables(root, "window", "window");
    if tables.is_empty() {
        sheet.problem(0..0, "window", "the centre has no [[window]]");
    }
    let (mut names, mut prefixes) = (BTreeSet::new(), BTreeSet::new());
    let mut out = Vec::new();
    for t in tables {
        sheet.only_keys(
            t,
            &[
                "name",
                "prefix",
                "a",
                "b",
                "business_leader",
                "location",
                "phone",
                "printer",
            ],
        );
        let name = sheet.req_str(t, "name");
        let prefix = sheet.req_str(t, "prefix");
        let a = sheet.req_str(t, "a");
        let b = sheet.req_str(t, "b");
        let leader = sheet.req_str(t, "business_leader");
        let location = sheet.opt_str(t, "location");
        let phone = sheet.opt_str(t, "phone");
        let printer = sheet.opt_str(t, "printer");
        if let Some(n) = &name
            && !names.insert(n.get_ref().clone())
        {
            sheet.problem(
                n.span(),
                "window.name",
                format!("duplicate window `{}`", n.get_ref()),
            );
        }
        let letter = prefix.as_ref().and_then(|p| {
            let mut chars = p.get_ref().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_uppercase() => {
                    if !prefixes.insert(c) {
                        sheet.problem(
                            p.span(),
                            "window.prefix",
                            format!("prefix `{c}` is used by another window"),
                        );
                    }
                    Some(c)
                }
                _ => {
                    sheet.problem(
                        p.span(),
                        "window.prefix",
                        format!("`{}` must be one capital letter A to Z", p.get_ref()),
                    );
                    None
                }
            }
        });
        for (v, field) in [(&a, "window.a"), (&b, "window.b")] {
            if let Some(v) = v {
                refer(sheet, v, field, false);
            }
        }
        if let Some(l) = &leader {
            refer(sheet, l, "window.business_leader", true);
        }
        if let (Some(a), Some(b)) = (&a, &b)
            && a.get_ref() == b.get_ref()
        {
            sheet.problem(
                b.span(),
                "window.b",
                "the B post must be someone other than the A post (RULES §5)",
            );
        }
        if let (Some(name), Some(prefix), Some(a), Some(b), Some(leader)) =
            (name, letter, a, b, leader)
        {
            out.push(Window {
                name: name.into_inner(),
                prefix,
                a: a.into_inner(),
                b: b.into_inner(),
                business_leader: leader.into_inner(),
                location: location.map(Spanned::into_inner),
                phone: phone.map(Spanned::into_inner),
                printer: printer.map(Spanned::into_inner),
            });
        }
    }
    out
}

fn read_cleaning(sheet: &mut Sheet, root: Tbl, refer: &mut Refer) -> BTreeMap<u8, Vec<String>> {
    let mut out = BTreeMap::new();
    let Some(t) = sheet.table(root, "cleaning", "cleaning") else {
        return out;
    };
    let keys: Vec<&str> = WEEKDAYS.iter().map(|(k, _)| *k).collect();
    sheet.only_keys(t, &keys);
    for (key, weekday) in WEEKDAYS {
        let codes = sheet.str_list(t, key);
        for c in &codes {
            refer(sheet, c, &format!("cleaning.{key}"), false);
        }
        if !codes.is_empty() {
            out.insert(
                weekday.number_from_monday() as u8,
                codes.into_iter().map(Spanned::into_inner).collect(),
            );
        }
    }
    out
}

fn time(sheet: &mut Sheet, v: &Spanned<String>, field: &str) -> Option<NaiveTime> {
    let t = NaiveTime::parse_from_str(v.get_ref(), "%H:%M").ok();
    if t.is_none() {
        sheet.problem(
            v.span(),
            field,
            format!("`{}` is not a time like 08:30", v.get_ref()),
        );
    }
    t
}

fn read_hours(sheet: &mut Sheet, root: Tbl) -> Option<Hours> {
    let Some(t) = sheet.table(root, "hours", "hours") else {
        sheet.problem(
            0..0,
            "hours",
            "missing the [hours] table with open and close",
        );
        return None;
    };
    sheet.only_keys(t, &["open", "close", "midday_break"]);
    let open_s = sheet.req_str(t, "open");
    let close_s = sheet.req_str(t, "close");
    let open = open_s.as_ref().and_then(|v| time(sheet, v, "hours.open"));
    let close = close_s.as_ref().and_then(|v| time(sheet, v, "hours.close"));
    let mut midday_break = None;
    if let Some(b) = sheet.opt_str(t, "midday_break") {
        let parts: Vec<&str> = b.get_ref().split('-').collect();
        let parsed = match parts.as_slice() {
            [from, to] => NaiveTime::parse_from_str(from.trim(), "%H:%M")
                .ok()
                .zip(NaiveTime::parse_from_str(to.trim(), "%H:%M").ok()),
            _ => None,
        };
        match parsed {
            Some((from, to))
                if from < to && open.is_none_or(|o| o < from) && close.is_none_or(|c| to < c) =>
            {
                midday_break = Some((from, to))
            }
            _ => sheet.problem(
                b.span(),
                "hours.midday_break",
                format!(
                    "`{}` must be a span like 12:00-14:00 inside the opening hours",
                    b.get_ref()
                ),
            ),
        }
    }
    let (open, close) = (open?, close?);
    if open >= close {
        sheet.problem(
            close_s?.span(),
            "hours.close",
            format!("closing time {close} must be after opening time {open}"),
        );
        return None;
    }
    Some(Hours {
        open,
        close,
        midday_break,
    })
}

fn read_settings(sheet: &mut Sheet, root: Tbl) -> Settings {
    let mut s = Settings::default();
    let Some(t) = sheet.table(root, "settings", "settings") else {
        return s;
    };
    sheet.only_keys(
        t,
        &[
            "ten_and_sixty_day_limits",
            "accept_with_deficiency",
            "deficiency_supplement_days",
            "priority_interleave",
            "no_show_after_recalls",
            "complaint_replies_written",
            "rectification_days",
            "return_visits_per_month",
        ],
    );
    if let Some(v) = sheet.opt_str(t, "ten_and_sixty_day_limits") {
        match v.get_ref().as_str() {
            "working" => s.ten_and_sixty_day_limits = DayUnit::Working,
            "calendar" => s.ten_and_sixty_day_limits = DayUnit::Calendar,
            other => sheet.problem(
                v.span(),
                "settings.ten_and_sixty_day_limits",
                format!("`{other}` must be \"working\" or \"calendar\""),
            ),
        }
    }
    if let Some(v) = sheet.opt_bool(t, "accept_with_deficiency") {
        s.accept_with_deficiency = v.into_inner();
    }
    if let Some(v) = sheet.opt_bool(t, "complaint_replies_written") {
        s.complaint_replies_written = v.into_inner();
    }
    for (key, slot, min) in [
        (
            "deficiency_supplement_days",
            &mut s.deficiency_supplement_days,
            1,
        ),
        ("priority_interleave", &mut s.priority_interleave, 1),
        ("no_show_after_recalls", &mut s.no_show_after_recalls, 0),
        ("rectification_days", &mut s.rectification_days, 1),
        ("return_visits_per_month", &mut s.return_visits_per_month, 1),
    ] {
        if let Some(v) = sheet.opt_int(t, key) {
            match u32::try_from(*v.get_ref()) {
                Ok(n) if n >= min && n <= 365 => *slot = n,
                _ => sheet.problem(
                    v.span(),
                    &format!("settings.{key}"),
                    format!("{} must be a whole number from {min} to 365", v.get_ref()),
                ),
            }
        }
    }
    s
}
