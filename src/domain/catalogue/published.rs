//! The catalogue fields only the published guide reads (办事指南, RULES §12; 002 第二十三条): a
//! material's pages, the fee's basis, the result, the enquiry phone and the special procedures'
//! times. Each is optional, so a catalogue written before them still loads; a field that is
//! present is checked like every other, its problem named with its line.

use std::collections::BTreeSet;

use toml::Spanned;

use super::SpecialTime;
use crate::domain::clock::SpecialProcedure;
use crate::domain::toml_fields::{Sheet, Tbl};

const SPECIAL_KEYS: &[&str] = &["procedure", "name", "days", "note"];

/// The longest a special procedure may be said to take, as for the limits: more is a typing
/// error.
const MAX_DAYS: i64 = 3650;

/// A field was present and wrong; its problem is reported already.
pub(super) struct Invalid;

/// An item's guide fields, as far as they could be read.
pub(super) struct Published {
    pub fee_basis: Option<String>,
    pub result: Option<String>,
    pub consult_phone: Option<String>,
    /// `None` when one of them was wrong: the item is not loaded.
    pub special: Option<Vec<SpecialTime>>,
}

pub(super) fn read(sheet: &mut Sheet, t: Tbl) -> Published {
    Published {
        fee_basis: text(sheet, t, "fee_basis", "the regulation the fee rests on"),
        result: text(
            sheet,
            t,
            "result",
            "what the applicant receives, like 《最低生活保障证》",
        ),
        consult_phone: phone(sheet, t),
        special: special(sheet, t),
    }
}

/// An optional text that, when written, says something.
fn text(sheet: &mut Sheet, t: Tbl, key: &str, what: &str) -> Option<String> {
    let v = sheet.opt_str(t, key)?;
    if v.get_ref().is_empty() {
        sheet.problem(
            v.span(),
            &format!("{}.{key}", t.path),
            format!("is empty; write {what}, or leave `{key}` out"),
        );
        return None;
    }
    Some(v.into_inner())
}

/// The enquiry phone: digits with the separators phone numbers are written with.
fn phone(sheet: &mut Sheet, t: Tbl) -> Option<String> {
    let v = sheet.opt_str(t, "consult_phone")?;
    let number = v.get_ref();
    let allowed = |c: char| c.is_ascii_digit() || " -+()转".contains(c);
    if !number.chars().any(|c| c.is_ascii_digit()) || !number.chars().all(allowed) {
        sheet.problem(
            v.span(),
            "item.consult_phone",
            format!(
                "`{number}` is not a phone number; write digits, like \"0701-3782501\" (with - + ( ) 转 where needed)"
            ),
        );
        return None;
    }
    Some(v.into_inner())
}

/// A material's pages (页数): at least 1.
pub(super) fn pages(sheet: &mut Sheet, m: Tbl) -> Result<Option<u32>, Invalid> {
    let Some(v) = sheet.opt_int(m, "pages") else {
        return Ok(None);
    };
    match u32::try_from(*v.get_ref()) {
        Ok(n) if (1..=9999).contains(&n) => Ok(Some(n)),
        _ => {
            sheet.problem(
                v.span(),
                "item.material.pages",
                format!(
                    "{} pages: a material has at least 1 page; leave `pages` out where it varies",
                    v.get_ref()
                ),
            );
            Err(Invalid)
        }
    }
}

/// The special procedures (`[[item.special]]`), each once.
fn special(sheet: &mut Sheet, t: Tbl) -> Option<Vec<SpecialTime>> {
    let tables = sheet.tables(t, "special", "item.special");
    let mut out = Vec::new();
    let mut titles = BTreeSet::new();
    let mut ok = true;
    for s in tables {
        match one_special(sheet, s) {
            Some((time, at)) => {
                if !titles.insert(time.title().to_string()) {
                    sheet.problem(
                        at,
                        "item.special",
                        format!(
                            "{} is listed twice in this item; give each procedure once",
                            time.title()
                        ),
                    );
                    ok = false;
                }
                out.push(time);
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// One special procedure, with where it starts for a problem about it as a whole.
fn one_special(sheet: &mut Sheet, s: Tbl) -> Option<(SpecialTime, std::ops::Range<usize>)> {
    sheet.only_keys(s, SPECIAL_KEYS);
    let procedure = sheet.req_str(s, "procedure").and_then(|p| {
        let parsed = SpecialProcedure::parse(p.get_ref());
        if parsed.is_none() {
            sheet.problem(
                p.span(),
                "item.special.procedure",
                format!(
                    "unknown procedure `{}`; use hearing (听证), inspection (现场勘查), expert-review (专家评审) or other (with a name, like name = \"公示\")",
                    p.get_ref()
                ),
            );
        }
        parsed.map(|parsed| Spanned::new(p.span(), parsed))
    });
    let name = text(sheet, s, "name", "what the guide calls the procedure");
    let note = text(sheet, s, "note", "what the procedure involves");
    let days = sheet.req_int(s, "days").and_then(|d| match *d.get_ref() {
        n @ 1..=MAX_DAYS => u32::try_from(n).ok(),
        n => {
            sheet.problem(
                d.span(),
                "item.special.days",
                format!(
                    "{n} working days: a special procedure takes 1 to {MAX_DAYS}; leave the [[item.special]] out if the item has none"
                ),
            );
            None
        }
    });
    let procedure = procedure?;
    if *procedure.get_ref() == SpecialProcedure::Other && name.is_none() {
        sheet.problem(
            procedure.span(),
            "item.special.name",
            "procedure `other` needs a name saying what it is, like name = \"公示\" or \"检验检测\"",
        );
        return None;
    }
    let at = procedure.span();
    Some((
        SpecialTime {
            procedure: procedure.into_inner(),
            name,
            days: days?,
            note,
        },
        at,
    ))
}
