//! `frontdesk catalogue ...` and `frontdesk centre check` — the files a centre edits by hand.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;

use super::{Ctx, Failure, Out};
use frontdesk::datadir::{LoadError, load_catalogue, load_centre};
use frontdesk::domain::toml_fields::FileProblems;
use frontdesk::search::matcher::MatchClass;
use frontdesk::search::{Field, SearchIndex};

#[derive(Subcommand)]
pub enum CatalogueCmd {
    /// Search service items by Chinese, pinyin (full, initials or mixed, letters may be skipped),
    /// alias or code; prints CODE<TAB>NAME per item, best first
    #[command(
        long_about = "Search service items, best first, one CODE<TAB>NAME line each.\n\n\
        The query may be Chinese text (临时救助), full pinyin (linshijiuzhu), initials (lsjz), a \
        mixture (临时jz), letters with others skipped (lsjzsq), an alias or an item code (MZ-003). \
        Polyphonic characters match under every reading. No match prints nothing and exits 0.\n\n\
        Without --file, the centre's catalogue is searched: the demo centre's until the data \
        directory holds its own."
    )]
    Search {
        /// What the clerk typed
        query: String,
        /// Search this catalogue file instead of the centre's
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// At most this many results
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Check a catalogue file; prints a summary, or one FILE:LINE: field: problem line per error
    #[command(
        long_about = "Check a catalogue file. Exits 0 with a one-line summary, or exits 1 \
        with one `FILE:LINE: field: problem` line per problem on standard output: every problem, \
        not only the first.\n\n\
        With --centre, the windows the items name must be windows of that centre file."
    )]
    Check {
        /// The catalogue file (TOML, format in the README)
        file: PathBuf,
        /// Also check the windows against this centre file
        #[arg(long, value_name = "FILE")]
        centre: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum CentreCmd {
    /// Check a centre file; prints a summary, or one FILE:LINE: field: problem line per error
    Check {
        /// The centre file (TOML, format in the README)
        file: PathBuf,
    },
}

fn class_name(c: MatchClass) -> &'static str {
    match c {
        MatchClass::Exact => "exact",
        MatchClass::Contiguous => "contiguous",
        MatchClass::Scattered => "scattered",
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Name => "name",
        Field::Alias => "alias",
        Field::Code => "code",
    }
}

/// Prints validation problems on stdout (as the contract says) and ends with exit 1;
/// other load errors go to stderr.
fn report(ctx: &Ctx, file: &std::path::Path, err: LoadError, out: &mut Out) -> Failure {
    let LoadError::Problems(p) = err else {
        return err.into();
    };
    if ctx.json {
        out.json(&problems_json(file, &p));
    } else {
        for line in p.lines() {
            out.text(line);
        }
    }
    Failure::Reported
}

fn problems_json(file: &std::path::Path, p: &FileProblems) -> serde_json::Value {
    let problems: Vec<_> = p
        .problems
        .iter()
        .map(|x| json!({"line": x.line, "field": x.field, "problem": x.message}))
        .collect();
    json!({"file": file, "ok": false, "problems": problems})
}

pub fn run(ctx: &Ctx, cmd: CatalogueCmd, out: &mut Out) -> Result<(), Failure> {
    match cmd {
        CatalogueCmd::Search { query, file, limit } => {
            if query.trim().is_empty() {
                return Err(Failure::Error(
                    "the query is empty; type part of a name, its pinyin or an item code".into(),
                ));
            }
            let catalogue = match &file {
                Some(f) => load_catalogue(f, None)?,
                None => ctx.data_dir()?.catalogue()?.0,
            };
            let index = SearchIndex::new(&catalogue);
            let hits = index.search(&query, limit as usize);
            if ctx.json {
                let rows: Vec<_> = hits
                    .iter()
                    .map(|h| {
                        let item = &catalogue.items()[h.item];
                        json!({
                            "code": item.code,
                            "name": item.name,
                            "window": item.window,
                            "kind": item.kind.chinese(),
                            "match": class_name(h.class),
                            "matched_field": field_name(h.field),
                        })
                    })
                    .collect();
                out.json(&json!(rows));
            } else {
                for h in hits {
                    let item = &catalogue.items()[h.item];
                    out.fields(&[&item.code, &item.name]);
                }
            }
        }
        CatalogueCmd::Check { file, centre } => {
            let windows = match &centre {
                Some(c) => {
                    let centre = load_centre(c).map_err(|e| report(ctx, c, e, out))?;
                    Some(centre.windows.iter().map(|w| w.name.clone()).collect())
                }
                None => None,
            };
            let catalogue =
                load_catalogue(&file, windows.as_ref()).map_err(|e| report(ctx, &file, e, out))?;
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            for item in catalogue.items() {
                *kinds.entry(item.kind.chinese()).or_default() += 1;
            }
            let n = catalogue.items().len();
            let w = catalogue.windows().len();
            if ctx.json {
                out.json(
                    &json!({"file": file, "ok": true, "items": n, "windows": w, "kinds": kinds}),
                );
            } else {
                let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
                out.text(format!(
                    "{}: ok, {n} items for {w} windows ({})",
                    file.display(),
                    kinds.join(", ")
                ));
            }
        }
    }
    Ok(())
}

pub fn run_centre(ctx: &Ctx, cmd: CentreCmd, out: &mut Out) -> Result<(), Failure> {
    let CentreCmd::Check { file } = cmd;
    let centre = load_centre(&file).map_err(|e| report(ctx, &file, e, out))?;
    if ctx.json {
        out.json(&json!({
            "file": file, "ok": true, "name": centre.name,
            "windows": centre.windows.len(), "staff": centre.staff.len(),
        }));
    } else {
        out.text(format!(
            "{}: ok, {} with {} windows and {} staff",
            file.display(),
            centre.name,
            centre.windows.len(),
            centre.staff.len()
        ));
    }
    Ok(())
}
