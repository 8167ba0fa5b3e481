//! Reading a hand-edited TOML file field by field, collecting every problem with its line.
//!
//! Centres edit their catalogue and centre files by hand, so a file with five mistakes must
//! report all five, each as `FILE:LINE: field: what is wrong`, not stop at the first the way
//! `serde`'s derive does. `toml::de::DeTable` keeps the span of every key and value; this module
//! walks it and turns spans into line numbers.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One thing wrong with an input file, at a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub field: String,
    pub message: String,
}

/// Every problem found in one file. Displays as one `FILE:LINE: field: problem` line each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblems {
    pub file: String,
    pub problems: Vec<Problem>,
}

impl FileProblems {
    /// One `FILE:LINE: field: problem` line per problem.
    pub fn lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| format!("{}:{}: {}: {}", self.file, p.line, p.field, p.message))
            .collect()
    }
}

impl fmt::Display for FileProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for FileProblems {}

/// The problems found so far in one file, and where its lines start.
pub struct Sheet {
    file: String,
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
}

/// A table of the document with the dotted path that names it in messages (`item.material`).
#[derive(Clone, Copy)]
pub struct Tbl<'d, 'i> {
    pub table: &'d DeTable<'i>,
    pub span: (usize, usize),
    pub path: &'d str,
}

impl Sheet {
    /// Parses `text`; a syntax error is returned at once as the only problem, since nothing
    /// after it can be trusted.
    pub fn parse<'t>(
        file: &str,
        text: &'t str,
    ) -> Result<(Self, Spanned<DeTable<'t>>), FileProblems> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut sheet = Sheet {
            file: file.to_string(),
            line_starts,
            problems: Vec::new(),
        };
        match DeTable::parse(text) {
            Ok(doc) => Ok((sheet, doc)),
            Err(e) => {
                let line = e.span().map_or(1, |s| sheet.line_of(s.start));
                let message = e.message().trim().replace('\n', " ");
                sheet.problems.push(Problem {
                    line,
                    field: "toml".into(),
                    message: format!("not valid TOML: {message}"),
                });
                Err(sheet.finish_err())
            }
        }
    }

    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    pub fn problem(&mut self, span: Range<usize>, field: &str, message: impl Into<String>) {
        let line = self.line_of(span.start);
        self.problems.push(Problem {
            line,
            field: field.to_string(),
            message: message.into(),
        });
    }

    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    fn finish_err(self) -> FileProblems {
        let mut problems = self.problems;
        problems.sort_by_key(|p| p.line);
        FileProblems {
            file: self.file,
            problems,
        }
    }

    /// `Ok(value)` when no problem was recorded, otherwise every problem, ordered by line.
    pub fn finish<T>(self, value: T) -> Result<T, FileProblems> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.finish_err())
        }
    }

    /// The top level of the document as a table.
    pub fn root<'d, 't>(doc: &'d Spanned<DeTable<'t>>) -> Tbl<'d, 't> {
        let s = doc.span();
        Tbl {
            table: doc.get_ref(),
            span: (s.start, s.end),
            path: "",
        }
    }

    /// Reports every key of `t` that is not in `allowed`.
    pub fn only_keys(&mut self, t: Tbl, allowed: &[&str]) {
        for (key, _) in t.table.iter() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let field = join(t.path, key.get_ref());
                self.problem(
                    key.span(),
                    &field,
                    format!("unknown key; allowed here: {}", allowed.join(", ")),
                );
            }
        }
    }

    fn get<'d, 'i>(t: Tbl<'d, 'i>, key: &str) -> Option<&'d Spanned<DeValue<'i>>> {
        t.table.get(key)
    }

    fn missing(&mut self, t: Tbl, key: &str, what: &str) {
        let field = join(t.path, key);
        self.problem(
            t.span.0..t.span.1,
            &field,
            format!("missing; expected {what}"),
        );
    }

    fn wrong_type(&mut self, t: Tbl, key: &str, v: &Spanned<DeValue>, what: &str) {
        let field = join(t.path, key);
        self.problem(
            v.span(),
            &field,
            format!("expected {what}, found {}", v.get_ref().type_str()),
        );
    }

    /// A required string; empty or blank text is a problem too.
    pub fn req_str(&mut self, t: Tbl, key: &str) -> Option<Spanned<String>> {
        let Some(v) = Self::get(t, key) else {
            self.missing(t, key, "text");
            return None;
        };
        let s = self.opt_str(t, key)?;
        if s.get_ref().trim().is_empty() {
            self.problem(v.span(), &join(t.path, key), "must not be empty");
            return None;
        }
        Some(s)
    }

    pub fn opt_str(&mut self, t: Tbl, key: &str) -> Option<Spanned<String>> {
        let v = Self::get(t, key)?;
        match v.get_ref().as_str() {
            Some(s) => Some(Spanned::new(v.span(), s.trim().to_string())),
            None => {
                self.wrong_type(t, key, v, "text in quotes");
                None
            }
        }
    }

    pub fn req_int(&mut self, t: Tbl, key: &str) -> Option<Spanned<i64>> {
        if Self::get(t, key).is_none() {
            self.missing(t, key, "a whole number");
            return None;
        }
        self.opt_int(t, key)
    }

    pub fn opt_int(&mut self, t: Tbl, key: &str) -> Option<Spanned<i64>> {
        let v = Self::get(t, key)?;
        match Self::int_of(v) {
            Some(n) => Some(Spanned::new(v.span(), n)),
            None => {
                self.wrong_type(t, key, v, "a whole number");
                None
            }
        }
    }

    fn int_of(v: &Spanned<DeValue>) -> Option<i64> {
        let i = v.get_ref().as_integer()?;
        i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
    }

    pub fn req_bool(&mut self, t: Tbl, key: &str) -> Option<Spanned<bool>> {
        if Self::get(t, key).is_none() {
            self.missing(t, key, "true or false");
            return None;
        }
        self.opt_bool(t, key)
    }

    pub fn opt_bool(&mut self, t: Tbl, key: &str) -> Option<Spanned<bool>> {
        let v = Self::get(t, key)?;
        match v.get_ref().as_bool() {
            Some(b) => Some(Spanned::new(v.span(), b)),
            None => {
                self.wrong_type(t, key, v, "true or false");
                None
            }
        }
    }

    /// An optional list of non-empty strings; absent is an empty list.
    pub fn str_list(&mut self, t: Tbl, key: &str) -> Vec<Spanned<String>> {
        let Some(v) = Self::get(t, key) else {
            return Vec::new();
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(t, key, v, "a list of texts, like [\"a\", \"b\"]");
            return Vec::new();
        };
        let field = join(t.path, key);
        let mut out = Vec::new();
        for item in arr.iter() {
            match item.get_ref().as_str() {
                Some(s) if !s.trim().is_empty() => {
                    out.push(Spanned::new(item.span(), s.trim().to_string()))
                }
                Some(_) => self.problem(item.span(), &field, "list entries must not be empty"),
                None => self.problem(
                    item.span(),
                    &field,
                    format!(
                        "list entries must be text in quotes, found {}",
                        item.get_ref().type_str()
                    ),
                ),
            }
        }
        out
    }

    /// An optional list of whole numbers; absent is an empty list.
    pub fn int_list(&mut self, t: Tbl, key: &str) -> Vec<Spanned<i64>> {
        let Some(v) = Self::get(t, key) else {
            return Vec::new();
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(t, key, v, "a list of whole numbers, like [1, 2]");
            return Vec::new();
        };
        let field = join(t.path, key);
        let mut out = Vec::new();
        for item in arr.iter() {
            match Self::int_of(item) {
                Some(n) => out.push(Spanned::new(item.span(), n)),
                None => self.problem(
                    item.span(),
                    &field,
                    format!(
                        "list entries must be whole numbers, found {}",
                        item.get_ref().type_str()
                    ),
                ),
            }
        }
        out
    }

    /// The tables of an array of tables (`[[key]]`); absent is an empty list.
    pub fn tables<'d, 'i>(&mut self, t: Tbl<'d, 'i>, key: &str, path: &'d str) -> Vec<Tbl<'d, 'i>> {
        let Some(v) = Self::get(t, key) else {
            return Vec::new();
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(t, key, v, &format!("a list of tables, written [[{path}]]"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in arr.iter() {
            match item.get_ref().as_table() {
                Some(table) => out.push(Tbl {
                    table,
                    span: (item.span().start, item.span().end),
                    path,
                }),
                None => self.problem(
                    item.span(),
                    path,
                    format!(
                        "expected a table [[{path}]], found {}",
                        item.get_ref().type_str()
                    ),
                ),
            }
        }
        out
    }

    /// A single sub-table (`[key]`), if present.
    pub fn table<'d, 'i>(
        &mut self,
        t: Tbl<'d, 'i>,
        key: &str,
        path: &'d str,
    ) -> Option<Tbl<'d, 'i>> {
        let v = Self::get(t, key)?;
        match v.get_ref().as_table() {
            Some(table) => Some(Tbl {
                table,
                span: (v.span().start, v.span().end),
                path,
            }),
            None => {
                self.wrong_type(t, key, v, &format!("a table [{path}]"));
                None
            }
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_names_its_line() {
        let err = Sheet::parse("x.toml", "a = 1\nb = \n").err().unwrap();
        assert_eq!(err.problems.len(), 1);
        assert_eq!(err.problems[0].line, 2);
        assert!(
            err.to_string()
                .starts_with("x.toml:2: toml: not valid TOML")
        );
    }

    #[test]
    fn every_unknown_key_and_wrong_type_is_reported_with_its_line() {
        let text = "name = 1\nextra = true\n[[t]]\nother = 2\n";
        let (mut sheet, doc) = Sheet::parse("f.toml", text).unwrap();
        let root = Sheet::root(&doc);
        sheet.only_keys(root, &["name", "t"]);
        sheet.req_str(root, "name");
        for t in sheet.tables(root, "t", "t") {
            sheet.only_keys(t, &["name"]);
            sheet.req_str(t, "name");
        }
        let err = sheet.finish(()).unwrap_err();
        assert_eq!(
            err.lines(),
            vec![
                "f.toml:1: name: expected text in quotes, found integer",
                "f.toml:2: extra: unknown key; allowed here: name, t",
                "f.toml:3: t.name: missing; expected text",
                "f.toml:4: t.other: unknown key; allowed here: name",
            ]
        );
    }
}
