//! The centre's service-item catalogue (事项目录) and its guide data (办事指南, RULES §12).
//!
//! A centre edits its own catalogue as TOML (format in the README). Loading checks every item
//! and reports every problem, each naming the file, the line and the field; the fields only
//! the published guide reads are read in `published`.

mod published;

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::clock::SpecialProcedure;
use super::toml_fields::{FileProblems, Sheet, Tbl};

/// The kind an item is handled as when its materials are complete (RULES §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 即办件 — done on the spot or the same day.
    Immediate,
    /// 承诺件 — accepted with a committed completion date.
    Committed,
    /// 联办件 — needs two or more departments; the accepting window leads.
    Joint,
    /// 上报件 — needs a higher authority's approval.
    ReportUp,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Immediate,
        ItemKind::Committed,
        ItemKind::Joint,
        ItemKind::ReportUp,
    ];

    pub fn chinese(self) -> &'static str {
        match self {
            ItemKind::Immediate => "即办件",
            ItemKind::Committed => "承诺件",
            ItemKind::Joint => "联办件",
            ItemKind::ReportUp => "上报件",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            ItemKind::Immediate => "immediate",
            ItemKind::Committed => "committed",
            ItemKind::Joint => "joint",
            ItemKind::ReportUp => "report-up",
        }
    }

    /// Reads a kind by its Chinese name (as the catalogue writes it) or its English name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.chinese() == text || k.english() == text)
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.chinese())
    }
}

/// A material the applicant brings (申请材料).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub name: String,
    /// 主件 (true) — without it the matter cannot be accepted; 副件 (false) — secondary.
    pub main: bool,
    pub copies: Option<u32>,
    /// 页数 — the pages of one copy, where the guide publishes them (RULES §12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// The requirements (要求): originals, copies, signatures …
    pub note: Option<String>,
    /// For a 联办件: the co-window that needs this material, if not the accepting window.
    pub for_window: Option<String>,
}

/// The time a special procedure takes (特别程序时限, 002 第二十三条): hearings, inspection,
/// testing, expert review … The guide tells it, and that it is not counted in the time limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialTime {
    pub procedure: SpecialProcedure,
    /// What the guide calls it where the procedure's own name is too general (检验检测 for an
    /// inspection, 公示 for `other`); required for `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Working days it may take at most.
    pub days: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SpecialTime {
    /// The procedure as the guide names it.
    pub fn title(&self) -> &str {
        self.name.as_deref().unwrap_or(self.procedure.chinese())
    }
}

/// One service item (事项) with its published guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceItem {
    pub code: String,
    pub name: String,
    /// The window that accepts it.
    pub window: String,
    pub kind: ItemKind,
    /// 承诺时限 — the committed limit in working days; 0 for 即办件.
    pub committed_days: u32,
    /// 法定时限 — the statutory limit in working days, where the law sets one.
    pub statutory_days: Option<u32>,
    /// 收费标准 — 不收费, or the amount.
    pub fee: String,
    /// 收费依据 — the regulation the fee rests on, where the guide publishes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_basis: Option<String>,
    /// 办理结果 — what the applicant receives (《最低生活保障证》, a 批复 …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// 咨询电话 — the item's enquiry line, when it is not the window's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consult_phone: Option<String>,
    /// Special procedures the item may need, with their time (not counted in the limit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub special: Vec<SpecialTime>,
    pub basis: String,
    pub conditions: String,
    pub procedure: Vec<String>,
    /// 前置条件 / 前置审批.
    pub prerequisites: Vec<String>,
    pub aliases: Vec<String>,
    /// The other windows of a 联办件 (or a 上报件 handled jointly).
    pub co_windows: Vec<String>,
    pub materials: Vec<Material>,
}

impl ServiceItem {
    pub fn material(&self, name: &str) -> Option<&Material> {
        self.materials.iter().find(|m| m.name == name)
    }
}

/// The whole catalogue, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    items: Vec<ServiceItem>,
}

const ITEM_KEYS: &[&str] = &[
    "code",
    "name",
    "window",
    "kind",
    "committed_days",
    "statutory_days",
    "fee",
    "fee_basis",
    "basis",
    "conditions",
    "procedure",
    "prerequisites",
    "aliases",
    "co_windows",
    "result",
    "consult_phone",
    "special",
    "material",
];
const MATERIAL_KEYS: &[&str] = &["name", "main", "copies", "pages", "note", "for_window"];

/// Characters that would break the tab-separated output or the comma-separated material lists
/// of the command line.
fn bad_separator(text: &str) -> Option<char> {
    text.chars()
        .find(|c| matches!(c, '\t' | '\n' | '\r' | ',' | '，'))
}

impl Catalogue {
    pub fn new(items: Vec<ServiceItem>) -> Self {
        Catalogue { items }
    }

    pub fn items(&self) -> &[ServiceItem] {
        &self.items
    }

    /// The item of a code, written in any case (`mz-005` is MZ-005), as search reads codes.
    pub fn get(&self, code: &str) -> Option<&ServiceItem> {
        let code = code.trim();
        self.items
            .iter()
            .find(|i| i.code.eq_ignore_ascii_case(code))
    }

    /// The windows the catalogue names, as accepting or co-operating windows.
    pub fn windows(&self) -> BTreeSet<&str> {
        self.items
            .iter()
            .flat_map(|i| std::iter::once(&i.window).chain(&i.co_windows))
            .map(String::as_str)
            .collect()
    }

    /// Parses and checks a catalogue file, reporting every problem found.
    pub fn parse(file: &str, text: &str) -> Result<Catalogue, FileProblems> {
        Self::parse_for_windows(file, text, None)
    }

    /// Parses and checks a catalogue file; with `windows`, every window the items name must be
    /// one of them (the windows of the centre the catalogue is for).
    pub fn parse_for_windows(
        file: &str,
        text: &str,
        windows: Option<&BTreeSet<String>>,
    ) -> Result<Catalogue, FileProblems> {
        let (mut sheet, doc) = Sheet::parse(file, text)?;
        let root = Sheet::root(&doc);
        sheet.only_keys(root, &["item"]);
        let tables = sheet.tables(root, "item", "item");
        if tables.is_empty() && !sheet.has_problems() {
            sheet.problem(
                0..0,
                "item",
                "the catalogue has no [[item]]; add at least one",
            );
        }
        let mut items = Vec::new();
        let mut seen = Seen {
            windows,
            ..Seen::default()
        };
        for t in tables {
            if let Some(item) = read_item(&mut sheet, t, &mut seen) {
                items.push(item);
            }
        }
        sheet.finish(Catalogue { items })
    }
}

/// Codes and names met so far, with their lines, to report duplicates; the centre's windows.
#[derive(Default)]
struct Seen<'w> {
    codes: HashMap<String, usize>,
    names: HashMap<String, usize>,
    windows: Option<&'w BTreeSet<String>>,
}

/// Reports a value met before. Codes are compared without regard to case, since the desk
/// reads them so (`mz-005` is MZ-005).
fn unique(sheet: &mut Sheet, seen: &mut HashMap<String, usize>, v: &Spanned<String>, field: &str) {
    let line = sheet.line_of(v.span().start);
    let key = if field == "item.code" {
        v.get_ref().to_ascii_uppercase()
    } else {
        v.get_ref().clone()
    };
    if let Some(first) = seen.insert(key.clone(), line) {
        seen.insert(key, first);
        let what = field.rsplit('.').next().unwrap_or(field);
        sheet.problem(
            v.span(),
            field,
            format!(
                "duplicate {what} `{}`; line {first} has it already",
                v.get_ref()
            ),
        );
    }
}

fn read_item(sheet: &mut Sheet, t: Tbl, seen: &mut Seen<'_>) -> Option<ServiceItem> {
    sheet.only_keys(t, ITEM_KEYS);
    let code = sheet.req_str(t, "code");
    let name = sheet.req_str(t, "name");
    if let Some(c) = &code {
        unique(sheet, &mut seen.codes, c, "item.code");
    }
    if let Some(n) = &name {
        unique(sheet, &mut seen.names, n, "item.name");
    }
    let window = sheet.req_str(t, "window");
    let kind = sheet.req_str(t, "kind").and_then(|k| {
        let parsed = ItemKind::parse(k.get_ref());
        if parsed.is_none() {
            sheet.problem(
                k.span(),
                "item.kind",
                format!(
                    "unknown kind `{}`; use one of 即办件 承诺件 联办件 上报件",
                    k.get_ref()
                ),
            );
        }
        parsed.map(|p| Spanned::new(k.span(), p))
    });
    let committed = sheet.req_int(t, "committed_days");
    let statutory = sheet.opt_int(t, "statutory_days");
    let fee = sheet.req_str(t, "fee");
    let basis = sheet.req_str(t, "basis");
    let conditions = sheet.req_str(t, "conditions");
    let procedure = sheet.str_list(t, "procedure");
    if procedure.is_empty() && t.table.get("procedure").is_none() {
        sheet.problem(
            t.span.0..t.span.1,
            "item.procedure",
            "missing; expected the steps as a list, like [\"受理\", \"审核\", \"办结\"]",
        );
    }
    let prerequisites = sheet.str_list(t, "prerequisites");
    let aliases = sheet.str_list(t, "aliases");
    let co_windows = sheet.str_list(t, "co_windows");
    if let Some(known) = seen.windows {
        let named = window
            .iter()
            .map(|w| (w, "item.window"))
            .chain(co_windows.iter().map(|w| (w, "item.co_windows")));
        for (w, field) in named {
            if !known.contains(w.get_ref()) {
                let list: Vec<&str> = known.iter().map(String::as_str).collect();
                sheet.problem(
                    w.span(),
                    field,
                    format!(
                        "the centre has no window `{}`; its windows are {}",
                        w.get_ref(),
                        list.join(" ")
                    ),
                );
            }
        }
    }

    for text in [&code, &name].into_iter().flatten() {
        if let Some(c) = bad_separator(text.get_ref()) {
            let field = if Some(text) == code.as_ref() {
                "item.code"
            } else {
                "item.name"
            };
            sheet.problem(
                text.span(),
                field,
                format!("must not contain {c:?}: it separates fields on the command line"),
            );
        }
    }

    let committed_days = committed
        .as_ref()
        .and_then(|c| days(sheet, c, "item.committed_days"));
    let statutory_days = statutory
        .as_ref()
        .and_then(|s| days(sheet, s, "item.statutory_days"));
    if let (Some(k), Some(c)) = (&kind, &committed) {
        match (*k.get_ref(), *c.get_ref()) {
            (ItemKind::Immediate, n) if n > 0 => sheet.problem(
                c.span(),
                "item.committed_days",
                format!("a 即办件 is done the same day: committed_days must be 0, not {n}"),
            ),
            (kind, 0) if kind != ItemKind::Immediate => sheet.problem(
                c.span(),
                "item.committed_days",
                format!("a {kind} needs a committed limit of at least 1 working day, not 0"),
            ),
            _ => {}
        }
    }
    if let (Some(c), Some(s), Some(cs)) = (committed_days, statutory_days, &committed)
        && c > s
    {
        sheet.problem(
            cs.span(),
            "item.committed_days",
            format!(
                "committed_days {c} is above statutory_days {s}: the committed limit may never exceed the statutory one (RULES §4)"
            ),
        );
    }
    if let (Some(k), Some(w)) = (&kind, &window) {
        if *k.get_ref() == ItemKind::Joint && co_windows.is_empty() {
            sheet.problem(
                k.span(),
                "item.co_windows",
                "a 联办件 needs co_windows: the other windows that handle it",
            );
        }
        let mut seen = BTreeSet::new();
        for cw in &co_windows {
            if cw.get_ref() == w.get_ref() {
                sheet.problem(
                    cw.span(),
                    "item.co_windows",
                    format!(
                        "`{}` is the item's own window; list only the others",
                        cw.get_ref()
                    ),
                );
            } else if !seen.insert(cw.get_ref().clone()) {
                sheet.problem(
                    cw.span(),
                    "item.co_windows",
                    format!("`{}` is listed twice", cw.get_ref()),
                );
            }
        }
    }

    let windows: Vec<&str> = window
        .iter()
        .chain(&co_windows)
        .map(|w| w.get_ref().as_str())
        .collect();
    let materials = read_materials(sheet, t, &windows);
    let published = published::read(sheet, t);

    Some(ServiceItem {
        code: code?.into_inner(),
        name: name?.into_inner(),
        window: window?.into_inner(),
        kind: kind?.into_inner(),
        committed_days: committed_days?,
        statutory_days,
        fee: fee?.into_inner(),
        fee_basis: published.fee_basis,
        result: published.result,
        consult_phone: published.consult_phone,
        special: published.special?,
        basis: basis?.into_inner(),
        conditions: conditions?.into_inner(),
        procedure: procedure.into_iter().map(Spanned::into_inner).collect(),
        prerequisites: prerequisites.into_iter().map(Spanned::into_inner).collect(),
        aliases: aliases.into_iter().map(Spanned::into_inner).collect(),
        co_windows: co_windows.into_iter().map(Spanned::into_inner).collect(),
        materials: materials?,
    })
}

/// A count of working days: a whole number from 0.
fn days(sheet: &mut Sheet, v: &Spanned<i64>, field: &str) -> Option<u32> {
    match u32::try_from(*v.get_ref()) {
        Ok(n) if n <= 3650 => Some(n),
        _ => {
            sheet.problem(
                v.span(),
                field,
                format!(
                    "{} is not a number of working days (0 to 3650)",
                    v.get_ref()
                ),
            );
            None
        }
    }
}

fn read_materials(sheet: &mut Sheet, t: Tbl, windows: &[&str]) -> Option<Vec<Material>> {
    let tables = sheet.tables(t, "material", "item.material");
    let mut out = Vec::new();
    let mut names = BTreeSet::new();
    let mut ok = true;
    for m in &tables {
        sheet.only_keys(*m, MATERIAL_KEYS);
        let name = sheet.req_str(*m, "name");
        let main = sheet.req_bool(*m, "main");
        let copies = sheet.opt_int(*m, "copies");
        let pages = published::pages(sheet, *m).unwrap_or_else(|published::Invalid| {
            ok = false;
            None
        });
        let note = sheet.opt_str(*m, "note");
        let for_window = sheet.opt_str(*m, "for_window");
        if let Some(w) = &for_window
            && !windows.contains(&w.get_ref().as_str())
        {
            sheet.problem(
                w.span(),
                "item.material.for_window",
                format!(
                    "`{}` is neither the item's window nor one of its co_windows ({})",
                    w.get_ref(),
                    windows.join(" ")
                ),
            );
        }
        if let Some(n) = &name {
            if let Some(c) = bad_separator(n.get_ref()) {
                sheet.problem(
                    n.span(),
                    "item.material.name",
                    format!("must not contain {c:?}: materials are listed with commas on the command line"),
                );
            }
            if !names.insert(n.get_ref().clone()) {
                sheet.problem(
                    n.span(),
                    "item.material.name",
                    format!("`{}` is listed twice in this item", n.get_ref()),
                );
            }
        }
        let copies = match &copies {
            None => None,
            Some(c) => match u32::try_from(*c.get_ref()) {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    sheet.problem(
                        c.span(),
                        "item.material.copies",
                        format!("{} copies: must be at least 1", c.get_ref()),
                    );
                    ok = false;
                    None
                }
            },
        };
        match (name, main) {
            (Some(name), Some(main)) => out.push(Material {
                name: name.into_inner(),
                main: main.into_inner(),
                copies,
                pages,
                note: note.map(Spanned::into_inner).filter(|n| !n.is_empty()),
                for_window: for_window.map(Spanned::into_inner),
            }),
            _ => ok = false,
        }
    }
    if ok && !out.iter().any(|m| m.main) {
        sheet.problem(
            t.span.0..t.span.1,
            "item.material",
            "the item has no main material (主件); mark at least one [[item.material]] with main = true",
        );
    }
    ok.then_some(out)
}
