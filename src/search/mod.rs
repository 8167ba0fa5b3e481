//! Search over the service catalogue by Chinese text, full pinyin, pinyin initials, mixtures of
//! these, skipped letters (fzf-style), aliases and item code.
//!
//! Ranking puts the item a clerk means first: an exact match of a whole name, alias or code
//! before one unbroken run, before scattered letters; then the match score; then the shorter
//! name; then catalogue order.

pub mod matcher;
mod windows;

pub use windows::WindowNames;

use std::cmp::Reverse;

use ib_pinyin::pinyin::{PinyinData, PinyinNotation};

use crate::domain::catalogue::Catalogue;
use matcher::{MatchClass, Prepared, best_match, normalise_query};

/// Which part of an item matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Alias,
    Code,
}

impl Field {
    /// A name match outranks an equal alias match: the name is what the guide publishes.
    fn weight(self) -> i32 {
        match self {
            Field::Name | Field::Code => 0,
            Field::Alias => -2,
        }
    }
}

/// One search result: the item's index in the catalogue and how it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: usize,
    pub class: MatchClass,
    pub score: i32,
    pub field: Field,
}

struct Entry {
    name_len: usize,
    fields: Vec<(Field, Prepared)>,
}

/// The catalogue prepared for matching; build once, search on every keystroke.
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// Pinyin readings of a character from ib-pinyin: every reading of a polyphone, in ASCII
/// (`lv` for 率). See README "Search" for why this source was chosen.
pub fn ib_pinyin_readings() -> impl Fn(char) -> Vec<String> {
    let data = PinyinData::new(PinyinNotation::Ascii);
    move |c| {
        let mut out = Vec::new();
        data.get_pinyins_and_for_each(c, |p| {
            if let Some(s) = p.notation(PinyinNotation::Ascii) {
                out.push(s.to_string());
            }
        });
        out
    }
}

impl SearchIndex {
    pub fn new(catalogue: &Catalogue) -> Self {
        Self::with_readings(catalogue, &ib_pinyin_readings())
    }

    /// Builds the index with another source of pinyin readings (used to compare sources).
    pub fn with_readings(catalogue: &Catalogue, readings: &dyn Fn(char) -> Vec<String>) -> Self {
        let entries = catalogue
            .items()
            .iter()
            .map(|item| {
                let mut fields = vec![
                    (Field::Name, Prepared::new(&item.name, readings)),
                    (Field::Code, Prepared::new(&item.code, readings)),
                ];
                fields.extend(
                    item.aliases
                        .iter()
                        .map(|a| (Field::Alias, Prepared::new(a, readings))),
                );
                Entry {
                    name_len: item.name.chars().count(),
                    fields,
                }
            })
            .collect();
        SearchIndex { entries }
    }

    /// The best `limit` items for `query`, best first. An empty query matches nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalise_query(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(Hit, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(item, e)| {
                e.fields
                    .iter()
                    .filter_map(|(field, text)| {
                        best_match(&q, text).map(|(class, score)| Hit {
                            item,
                            class,
                            score: score + field.weight(),
                            field: *field,
                        })
                    })
                    .max_by_key(|h| (h.class, h.score))
                    .map(|h| (h, e.name_len))
            })
            .collect();
        hits.sort_by_key(|(h, len)| (Reverse(h.class), Reverse(h.score), *len, h.item));
        hits.into_iter().take(limit).map(|(h, _)| h).collect()
    }
}
