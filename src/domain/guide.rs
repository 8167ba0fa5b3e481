//! The public service guide of an item (办事指南, RULES §12): what 002 第二十三条 and its
//! 政务公开制度 publish for every item — name, kind, basis, conditions, materials with their
//! copies, pages and requirements, procedure, both time limits (004 法定/承诺时限告知制) and the
//! special procedures whose time is not counted, fee standard and basis, result, prerequisites,
//! the responsible window and the complaint channel.
//!
//! Composed as typed blocks, like a notice, for the paper (80 columns), the console and the
//! PDF. A section whose data the catalogue lacks is left out, never printed empty; the one
//! exception is the statutory limit, which is always told: an item without `statutory_days`
//! is one the law sets no limit for (the catalogue's documented meaning), and the guide says so.

use chrono::NaiveTime;
use unicode_width::UnicodeWidthStr;

use super::catalogue::{ItemKind, Material, ServiceItem};
use super::centre::{Centre, Hours};
use super::notice::{Block, PAPER_WIDTH};

/// The document's title.
pub const TITLE: &str = "办事指南";

/// What the guide says of a statutory limit the law does not set.
pub const NO_STATUTORY_LIMIT: &str = "法律、法规未作规定";

/// The guide of `item` at `centre`, in the order it is printed.
pub fn guide(item: &ServiceItem, centre: &Centre) -> Vec<Block> {
    let mut out = Body(vec![Block::Heading(TITLE.to_string())]);
    out.say(centre.name.clone());
    out.say(format!("事项名称：{}", item.name));
    out.say(format!("事项编码：{}", item.code));
    out.say(format!(
        "办件类型：{}（{}）",
        item.kind,
        kind_meaning(item.kind)
    ));
    if !item.co_windows.is_empty() {
        let places: Vec<String> = item
            .co_windows
            .iter()
            .map(|w| window_with_place(centre, w))
            .collect();
        out.say(format!("联办部门：{}", places.join("、")));
    }
    out.say_if("办理依据", &item.basis);
    out.say_if("受理条件", &item.conditions);
    out.say_if("前置条件", &item.prerequisites.join("；"));
    if !item.materials.is_empty() {
        let mains = item.materials.iter().filter(|m| m.main).count();
        out.say(format!(
            "申请材料（共 {} 项，其中主件 {mains} 项）：",
            item.materials.len()
        ));
        out.0.push(materials(&item.materials));
    }
    if !item.procedure.is_empty() {
        out.say("办理流程：".into());
        out.0.push(Block::Numbered(item.procedure.clone()));
    }
    out.say(format!("法定办结时限：{}", statutory(item.statutory_days)));
    out.say(format!("承诺办结时限：{}", committed(item)));
    if !item.special.is_empty() {
        out.say("特别程序（依法需要时进行）：".into());
        out.0.push(Block::Numbered(
            item.special
                .iter()
                .map(|s| {
                    let mut line = format!("{}：{} 个工作日，不计入办结时限", s.title(), s.days);
                    if let Some(note) = &s.note {
                        line.push_str(&format!("（{note}）"));
                    }
                    line
                })
                .collect(),
        ));
    }
    out.say_if("收费标准", &item.fee);
    out.say_if("收费依据", item.fee_basis.as_deref().unwrap_or_default());
    out.say_if("办理结果", item.result.as_deref().unwrap_or_default());
    out.say(format!(
        "受理窗口：{}",
        window_with_place(centre, &item.window)
    ));
    out.say_if(
        "咨询电话",
        item.consult_phone.as_deref().unwrap_or_default(),
    );
    out.say(format!("办公时间：{}", hours(&centre.hours)));
    out.say_if(
        "投诉电话",
        centre.complaint_phone.as_deref().unwrap_or_default(),
    );
    out.0
}

/// The blocks being composed.
struct Body(Vec<Block>);

impl Body {
    fn say(&mut self, paragraph: String) {
        self.0.push(Block::Paragraph(paragraph));
    }

    /// `LABEL：TEXT`, left out when there is no text.
    fn say_if(&mut self, label: &str, text: &str) {
        if !text.trim().is_empty() {
            self.say(format!("{label}：{}", text.trim()));
        }
    }
}

/// What the kind means for the applicant (002 "六件"分类法).
fn kind_meaning(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Immediate => "材料齐全、符合条件的，当场或当日办结",
        ItemKind::Committed => "受理后在承诺时限内办结",
        ItemKind::Joint => "本窗口牵头受理，会同联办部门办理",
        ItemKind::ReportUp => "须报上级部门审批，由本窗口上报并跟踪办理",
    }
}

fn statutory(days: Option<u32>) -> String {
    match days {
        Some(0) => "当场办结".into(),
        Some(n) => format!("{n} 个工作日"),
        None => NO_STATUTORY_LIMIT.into(),
    }
}

fn committed(item: &ServiceItem) -> String {
    if item.kind == ItemKind::Immediate {
        return "当场办结".into();
    }
    format!(
        "{} 个工作日（自受理次日起计算；材料需补齐的，自补齐次日起计算）",
        item.committed_days
    )
}

/// A window's name with its place and phone, as the centre file gives them.
fn window_with_place(centre: &Centre, name: &str) -> String {
    let Some(window) = centre.window(name) else {
        return name.to_string();
    };
    let known: Vec<&str> = [&window.location, &window.phone]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if known.is_empty() {
        name.to_string()
    } else {
        format!("{name}（{}）", known.join("，"))
    }
}

fn hours(h: &Hours) -> String {
    let t = |t: NaiveTime| t.format("%H:%M").to_string();
    match h.midday_break {
        Some((from, to)) => format!("工作日 {}-{}、{}-{}", t(h.open), t(from), t(to), t(h.close)),
        None => format!("工作日 {}-{}", t(h.open), t(h.close)),
    }
}

/// The materials as a table (序号, 材料名称, 主件/副件, 份数, 页数, 要求) where every row fits
/// the paper; otherwise as a numbered list, each material's details after its name, so that a
/// long requirement wraps under its own material instead of breaking a row. A column no
/// material fills is left out.
fn materials(list: &[Material]) -> Block {
    let copies = list.iter().any(|m| m.copies.is_some());
    let pages = list.iter().any(|m| m.pages.is_some());
    let notes = list.iter().any(|m| requirement(m).is_some());
    let mut header = vec!["序号", "材料名称", "主件/副件"];
    header.extend(copies.then_some("份数"));
    header.extend(pages.then_some("页数"));
    header.extend(notes.then_some("要求"));
    let mut rows = vec![header.into_iter().map(String::from).collect::<Vec<_>>()];
    for (i, m) in list.iter().enumerate() {
        let mut row = vec![(i + 1).to_string(), m.name.clone(), part(m).to_string()];
        let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        if copies {
            row.push(count(m.copies));
        }
        if pages {
            row.push(count(m.pages));
        }
        if notes {
            row.push(requirement(m).unwrap_or_default());
        }
        rows.push(row);
    }
    let table = Block::Table(rows);
    if table.lines(None).iter().all(|l| l.width() <= PAPER_WIDTH) {
        return table;
    }
    Block::Numbered(
        list.iter()
            .map(|m| {
                let mut details = vec![part(m).to_string()];
                details.extend(m.copies.map(|n| format!("{n} 份")));
                details.extend(m.pages.map(|n| format!("每份 {n} 页")));
                let mut line = format!("{}（{}）", m.name, details.join("，"));
                if let Some(r) = requirement(m) {
                    line.push_str(&format!("：{r}"));
                }
                line
            })
            .collect(),
    )
}

fn part(m: &Material) -> &'static str {
    if m.main { "主件" } else { "副件" }
}

/// The material's requirements, and for a 联办件 the co-window that needs it.
fn requirement(m: &Material) -> Option<String> {
    let whose = m.for_window.as_ref().map(|w| format!("{w}所需"));
    let parts: Vec<String> = m.note.iter().cloned().chain(whose).collect();
    (!parts.is_empty()).then(|| parts.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material(name: &str, note: Option<&str>, pages: Option<u32>) -> Material {
        Material {
            name: name.into(),
            main: true,
            copies: Some(1),
            pages,
            note: note.map(String::from),
            for_window: None,
        }
    }

    #[test]
    fn materials_are_a_table_while_every_row_fits_the_paper_and_a_list_once_one_would_not() {
        let short = [material("居民身份证", Some("原件"), Some(1))];
        let Block::Table(rows) = materials(&short) else {
            panic!("a table")
        };
        assert_eq!(
            rows[0],
            ["序号", "材料名称", "主件/副件", "份数", "页数", "要求"]
        );
        let long = [material(
            "居民身份证",
            Some(&"原件及复印件".repeat(6)),
            None,
        )];
        let Block::Numbered(items) = materials(&long) else {
            panic!("a list")
        };
        assert_eq!(
            items[0],
            format!("居民身份证（主件，1 份）：{}", "原件及复印件".repeat(6))
        );
    }

    #[test]
    fn a_column_no_material_fills_is_left_out() {
        let Block::Table(rows) = materials(&[material("户口簿", None, None)]) else {
            panic!("a table")
        };
        assert_eq!(rows[0], ["序号", "材料名称", "主件/副件", "份数"]);
        assert_eq!(rows[1], ["1", "户口簿", "主件", "1"]);
    }
}
