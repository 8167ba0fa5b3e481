//! Search latency as a clerk types: every prefix of a few realistic queries is searched, as the
//! console does on each keystroke, over the demo catalogue and over a synthetic catalogue of
//! 2,000 items.
//!
//! Run with `cargo bench --bench search`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use frontdesk::domain::catalogue::Catalogue;
use frontdesk::fixtures;
use frontdesk::search::SearchIndex;

/// What clerks type: full pinyin, Chinese text, initials, an item code.
const QUERIES: &[&str] = &["zuidishenghuo", "长者食堂", "cxjmyl", "MZ-001"];

/// Results the console shows.
const LIMIT: usize = 10;

const SYNTHETIC_SIZE: usize = 2_000;

/// Time spent sampling each catalogue (after at least `MIN_PASSES` passes).
const BUDGET: Duration = Duration::from_secs(5);
const MIN_PASSES: usize = 5;
const MAX_PASSES: usize = 2_000;

/// `n` items: the demo items, then copies of them with unique codes (`MZ-001-7`) and names
/// (`最低生活保障申请（第7号）`).
fn synthetic(demo: &Catalogue, n: usize) -> Catalogue {
    let base = demo.items();
    let items = (0..n)
        .map(|i| {
            let mut item = base[i % base.len()].clone();
            let copy = i / base.len();
            if copy > 0 {
                item.code = format!("{}-{copy}", item.code);
                item.name = format!("{}（第{copy}号）", item.name);
            }
            item
        })
        .collect();
    Catalogue::new(items)
}

/// Every prefix of `query`, by characters, as typed one keystroke at a time.
fn prefixes(query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect()
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn mean(samples: &[Duration]) -> Duration {
    samples.iter().sum::<Duration>() / samples.len().max(1) as u32
}

struct Report {
    label: String,
    items: usize,
    build_best: Duration,
    build_mean: Duration,
    passes: usize,
    /// Every keystroke's latency.
    all: Vec<Duration>,
    /// Per query: (mean, p99, worst prefix and its mean).
    per_query: Vec<(Duration, Duration, String, Duration)>,
}

fn measure(label: &str, cat: &Catalogue) -> Report {
    let builds: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            black_box(SearchIndex::new(cat));
            t.elapsed()
        })
        .collect();
    let index = SearchIndex::new(cat);
    let typed: Vec<Vec<String>> = QUERIES.iter().map(|q| prefixes(q)).collect();

    // samples[q][k]: latencies of query q's k-th keystroke, one per pass.
    let mut samples: Vec<Vec<Vec<Duration>>> =
        typed.iter().map(|p| vec![Vec::new(); p.len()]).collect();
    // A warm-up pass, not recorded.
    for p in typed.iter().flatten() {
        black_box(index.search(p, LIMIT));
    }
    let started = Instant::now();
    let mut passes = 0;
    while passes < MIN_PASSES || (started.elapsed() < BUDGET && passes < MAX_PASSES) {
        for (q, ps) in typed.iter().enumerate() {
            for (k, p) in ps.iter().enumerate() {
                let t = Instant::now();
                black_box(index.search(black_box(p), LIMIT));
                samples[q][k].push(t.elapsed());
            }
        }
        passes += 1;
    }

    let mut all: Vec<Duration> = samples.iter().flatten().flatten().copied().collect();
    all.sort_unstable();
    let per_query = samples
        .iter()
        .zip(&typed)
        .map(|(by_key, ps)| {
            let mut flat: Vec<Duration> = by_key.iter().flatten().copied().collect();
            flat.sort_unstable();
            let (worst_k, worst) = by_key
                .iter()
                .map(|s| mean(s))
                .enumerate()
                .max_by_key(|(_, m)| *m)
                .unwrap_or_default();
            (
                mean(&flat),
                percentile(&flat, 0.99),
                ps[worst_k].clone(),
                worst,
            )
        })
        .collect();
    Report {
        label: label.to_string(),
        items: cat.items().len(),
        build_best: builds.iter().min().copied().unwrap_or_default(),
        build_mean: mean(&builds),
        passes,
        all,
        per_query,
    }
}

/// Display width in a terminal: CJK and full-width characters take two columns.
fn pad(s: &str, w: usize) -> String {
    let width: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{s}{}", " ".repeat(w.saturating_sub(width)))
}

fn main() {
    let started = Instant::now();
    let demo = fixtures::catalogue();
    let big = synthetic(&demo, SYNTHETIC_SIZE);
    let keystrokes: usize = QUERIES.iter().map(|q| q.chars().count()).sum();

    println!("== Search latency per keystroke (SearchIndex::search(prefix, {LIMIT}), release) ==");
    println!();
    println!(
        "Queries typed one character at a time: {} ({keystrokes} keystrokes per pass).",
        QUERIES
            .iter()
            .map(|q| format!("\"{q}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "Synthetic catalogue: the demo items repeated, copies numbered in code (MZ-001-7) and name \
         (…（第7号）)."
    );
    println!();

    let reports = [
        measure("demo", &demo),
        measure(&format!("synthetic {SYNTHETIC_SIZE}"), &big),
    ];

    println!(
        "{:<16} {:>6} {:>16} {:>16} {:>8} {:>9} {:>11} {:>11} {:>11} {:>11}",
        "catalogue",
        "items",
        "build best (ms)",
        "build mean (ms)",
        "passes",
        "samples",
        "mean (µs)",
        "p50 (µs)",
        "p99 (µs)",
        "max (µs)"
    );
    for r in &reports {
        println!(
            "{:<16} {:>6} {:>16.3} {:>16.3} {:>8} {:>9} {:>11.1} {:>11.1} {:>11.1} {:>11.1}",
            r.label,
            r.items,
            r.build_best.as_secs_f64() * 1e3,
            r.build_mean.as_secs_f64() * 1e3,
            r.passes,
            r.all.len(),
            us(mean(&r.all)),
            us(percentile(&r.all, 0.50)),
            us(percentile(&r.all, 0.99)),
            us(*r.all.last().unwrap_or(&Duration::ZERO)),
        );
    }
    println!();

    println!("Per query (latency per keystroke, µs):");
    println!();
    for r in &reports {
        println!("  {} ({} items)", r.label, r.items);
        println!(
            "    {} {:>10} {:>10}   slowest prefix (mean µs)",
            pad("query", 16),
            "mean",
            "p99"
        );
        for (q, (m, p99, worst, worst_mean)) in QUERIES.iter().zip(&r.per_query) {
            println!(
                "    {} {:>10.1} {:>10.1}   {} ({:.1})",
                pad(q, 16),
                us(*m),
                us(*p99),
                worst,
                us(*worst_mean)
            );
        }
        println!();
    }

    let (small, large) = (&reports[0], &reports[1]);
    let ratio = us(mean(&large.all)) / us(mean(&small.all));
    println!(
        "Scaling: {}x the items costs {ratio:.1}x the mean keystroke latency; p99 at {} items is \
         {:.2} ms (a keystroke budget of 16 ms is one 60 Hz frame).",
        large.items / small.items.max(1),
        large.items,
        us(percentile(&large.all, 0.99)) / 1e3,
    );
    println!();
    println!("(bench ran in {:.1} s)", started.elapsed().as_secs_f64());
}
