//! Criterion benchmarks for the full pipeline (parse + bind + all rules).
//!
//! Run with `cargo bench --bench lint`. Groups:
//! - `report/<fixture>`: `nianbao::lint` on each real report in
//!   `tests/fixtures/` (7–14 KB each);
//! - `bind/<largest>`: parse + bind only (`nianbao::model::bind`) on the
//!   largest report, to split the cost between binding and the rules;
//! - `scaling/{1,10,100}x`: the five reports concatenated, repeated 1×, 10×
//!   and 100×, with `Throughput::Bytes` so linear growth shows as a flat
//!   throughput;
//! - `edit/{full,after-edit}/{table,prose}/{1,100}x`: binding after a
//!   one-character edit, from scratch and with the previous version at hand;
//! - `pdf/{read,check}/P1`: the real PDF P1 read by the PDF front end
//!   (`nianbao::front::read`), and read plus linted (what `nianbao check
//!   P1.pdf` computes); `scripts/bench-pdf.sh` sets the whole command
//!   beside `pdftotext -layout`.
//!
//! Measured with mimalloc, the allocator the binary ships with.

use std::fs;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// The allocator the `nianbao` binary ships with (src/main.rs): the figures
/// are what a user's `nianbao check` and `nianbao lsp` spend.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The real reports, sorted by file name: `(file stem, contents)`.
fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", dir.display());
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, text)
        })
        .collect()
}

fn configured() -> Criterion {
    Criterion::default()
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(30)
}

fn bench_reports(c: &mut Criterion) {
    let reports = fixtures();
    let options = nianbao::LintOptions::default();

    let mut group = c.benchmark_group("report");
    for (name, text) in &reports {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| nianbao::lint(black_box(text), &options))
        });
    }
    group.finish();

    let (name, text) = reports
        .iter()
        .max_by_key(|(_, text)| text.len())
        .expect("at least one fixture");
    let model_options = nianbao::model::Options::default();
    let mut group = c.benchmark_group("bind");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
        b.iter(|| {
            let report = nianbao::model::bind(black_box(text), &model_options);
            black_box(&report);
        })
    });
    group.finish();
}

fn bench_scaling(c: &mut Criterion) {
    let all: String = fixtures()
        .into_iter()
        .map(|(_, text)| {
            let mut text = text;
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text
        })
        .collect();
    let options = nianbao::LintOptions::default();

    let mut group = c.benchmark_group("scaling");
    for times in [1usize, 10, 100] {
        let input = all.repeat(times);
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{times}x")),
            &input,
            |b, input| b.iter(|| nianbao::lint(black_box(input), &options)),
        );
    }
    group.finish();
}

/// What the language server does on a keystroke: bind the new version with
/// the previous one at hand (only the edited lines are parsed again, and only
/// the tables the edit came near are read again), against binding it from
/// scratch. One digit typed into a number of the largest report (its last
/// table), or one character typed into its opening prose; alone and
/// repeated 100×.
fn bench_edit(c: &mut Criterion) {
    let (_, text) = fixtures()
        .into_iter()
        .max_by_key(|(_, text)| text.len())
        .expect("at least one fixture");
    let options = nianbao::model::Options::default();
    let mut group = c.benchmark_group("edit");
    for times in [1usize, 100] {
        let before = text.repeat(times);
        // A digit of the last copy's tables (the last 0 of the text).
        let digit = before.rfind('0').expect("a number");
        // The start of the first prose line after the title.
        let prose = before
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .find(|&i| before[i..].starts_with(|c: char| !c.is_ascii() && c != '一'))
            .unwrap_or(0);
        for (what, at, typed) in [("table", digit, "1"), ("prose", prose, "在")] {
            let after = format!("{}{typed}{}", &before[..at], &before[at..]);
            let previous = nianbao::model::bind(&before, &options);
            group.throughput(Throughput::Bytes(after.len() as u64));
            group.bench_function(
                BenchmarkId::new(format!("full/{what}"), format!("{times}x")),
                |b| b.iter(|| black_box(nianbao::model::bind(black_box(&after), &options))),
            );
            group.bench_function(
                BenchmarkId::new(format!("after-edit/{what}"), format!("{times}x")),
                |b| {
                    b.iter(|| {
                        black_box(nianbao::model::bind_after_edit(
                            black_box(&after),
                            &options,
                            &previous,
                        ))
                    })
                },
            );
        }
    }
    group.finish();
}

fn bench_pdf(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real-pdf/P1_hongze-2024.pdf");
    let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = nianbao::LintOptions::default();
    let mut group = c.benchmark_group("pdf");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read/P1", |b| {
        b.iter(|| nianbao::front::read("P1.pdf", black_box(&bytes)).map(|i| i.text.len()))
    });
    group.bench_function("check/P1", |b| {
        b.iter(|| {
            let input = nianbao::front::read("P1.pdf", black_box(&bytes)).expect("P1 reads");
            nianbao::lint(&input.text, &options).len()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = configured();
    targets = bench_reports, bench_scaling, bench_edit, bench_pdf
}
criterion_main!(benches);
