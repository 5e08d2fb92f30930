//! The `regex` crate against the hand-written scanners, measured (issue 23,
//! ARCHITECTURE.md "Speed habits"). `dates::dates` (every line with a 月,
//! three rules) is written again with one regular expression; first the two
//! are shown to agree on every line of the real reports, drafts and shape
//! renderings and on random strings over the characters that matter, then
//! both are timed on those lines, and the regular expression's compilation
//! (paid once per process: every `nianbao check`) is timed too.
//!
//! `cargo bench --bench regex`. For instruction counts, one implementation
//! per process: run the bench binary with `NIANBAO_REGEX_ONCE=scan|regex|none`
//! (and `NIANBAO_REGEX_PASSES=N`) under `valgrind --tool=callgrind`; the
//! difference to `none` is the work.

use std::hint::black_box;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::dates::{DateMatch, dates};
use nianbao::text::Span;
use regex::Regex;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `dates::dates` as one regular expression. A digit is ASCII or full-width,
/// a space is `text::is_space` (Unicode white space but U+000B, and the
/// BOM). The regex crate has no look-behind, so "not after a digit or a
/// dot" is checked in code, and a year that fails it is dropped.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let d = "[0-9０-９]";
    let s = r"[\s\x{feff}&&[^\x0b]]";
    Regex::new(&format!(
        "(?:({d}{{4}}){s}*年{s}*)?({d}{{1,2}}){s}*月(?:{s}*({d}{{1,2}}){s}*[日号])?"
    ))
    .expect("a valid pattern")
});

fn value(digits: &str) -> u32 {
    digits
        .chars()
        .map(|c| c.to_digit(10).unwrap_or_else(|| c as u32 - '０' as u32))
        .fold(0, |v, d| v * 10 + d)
}

fn after_digit_or_dot(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_some_and(|c| nianbao::dates::is_digit(c) || c == '.')
}

fn dates_regex(s: &str) -> Vec<DateMatch> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(s) {
        let (Some(all), Some(m)) = (c.get(0), c.get(2)) else {
            continue;
        };
        if after_digit_or_dot(s, m.start()) {
            continue;
        }
        let year = c
            .get(1)
            .filter(|y| !after_digit_or_dot(s, y.start()))
            .map(|y| (value(y.as_str()) as i32, Span::new(y.start(), y.end())));
        let start = year.as_ref().map_or(m.start(), |(_, y)| y.start);
        let end = match c.get(3) {
            Some(_) => all.end(),
            // Without a day the date ends at 月.
            None => s[..all.end()]
                .rfind('月')
                .map_or(all.end(), |p| p + '月'.len_utf8()),
        };
        out.push(DateMatch {
            span: Span::new(start, end),
            year,
            month: Some((value(m.as_str()), Span::new(m.start(), m.end()))),
            day: c
                .get(3)
                .map(|d| (value(d.as_str()), Span::new(d.start(), d.end()))),
        });
    }
    out
}

/// Every line with a 月 of the real reports, the drafts and the shape
/// suite's frozen documents and renderings.
fn lines() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    let mut dirs = vec![
        root.join("fixtures"),
        root.join("drafts"),
        root.join("fixtures/real"),
        root.join("fixtures/shapes"),
    ];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                out.extend(text.lines().filter(|l| l.contains('月')).map(str::to_owned));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Random strings over the characters the two read (a small generator, so
/// the bench needs no extra dependency): digits, full-width digits, the
/// units, spaces, dots and other text.
fn random_lines(n: usize) -> Vec<String> {
    const ALPHABET: &[&str] = &[
        "0", "1", "2", "9", "０", "２", "年", "月", "日", "号", " ", "\u{3000}", ".", "x", "十",
        "\u{b}", "\u{feff}",
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let len = (next() % 16) as usize;
            (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect()
        })
        .collect()
}

fn same(a: &[DateMatch], b: &[DateMatch]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.span == y.span && x.year == y.year && x.month == y.month && x.day == y.day
        })
}

fn check_equal(lines: &[String]) {
    for line in lines {
        let (a, b) = (dates(line), dates_regex(line));
        assert!(same(&a, &b), "{line:?}\nscan:  {a:?}\nregex: {b:?}");
    }
}

fn bench(c: &mut Criterion) {
    let corpus = lines();
    if let Ok(which) = std::env::var("NIANBAO_REGEX_ONCE") {
        // One implementation per process, `NIANBAO_REGEX_PASSES` times over
        // the lines (the regex compiled on first use, as it would be).
        let passes: usize = std::env::var("NIANBAO_REGEX_PASSES")
            .ok()
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let mut n = 0;
        for _ in 0..passes {
            n += match which.as_str() {
                "scan" => corpus.iter().map(|l| dates(black_box(l)).len()).sum(),
                "regex" => corpus.iter().map(|l| dates_regex(black_box(l)).len()).sum(),
                _ => 0,
            };
        }
        println!("{which}: {} lines × {passes}, {n} dates", corpus.len());
        return;
    }
    check_equal(&corpus);
    check_equal(&random_lines(200_000));
    let mut group = c.benchmark_group("dates");
    group.bench_function("scan", |b| {
        b.iter(|| {
            for l in &corpus {
                black_box(dates(black_box(l)));
            }
        })
    });
    group.bench_function("regex", |b| {
        b.iter(|| {
            for l in &corpus {
                black_box(dates_regex(black_box(l)));
            }
        })
    });
    group.bench_function("regex-compile", |b| {
        b.iter(|| {
            let d = "[0-9０-９]";
            let s = r"[\s\x{feff}&&[^\x0b]]";
            black_box(Regex::new(&format!(
                "(?:({d}{{4}}){s}*年{s}*)?({d}{{1,2}}){s}*月(?:{s}*({d}{{1,2}}){s}*[日号])?"
            )))
        })
    });
    group.finish();
}

fn configured() -> Criterion {
    Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = configured();
    targets = bench
}
criterion_main!(benches);
