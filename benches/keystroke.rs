//! What one keystroke costs the language server's core, and what a whole
//! report costs the batch, in time and in allocations.
//!
//! `cargo bench --bench keystroke` (release profile). For seed report 000
//! concatenated 1×, 10× and 100× (8, 82, 820 KB), and two workloads —
//! `append`: one digit appended at the end of the first table row, 100 times
//! (the row's last number grows); `replace`: one digit of table 三's first
//! row replaced, 100 times — it binds each version from the previous one and
//! lints it carrying the previous findings, as `lsp/analysis.rs` does (the
//! rules on two threads from 16 KB up), and prints p50/p99 of the bind, of
//! the lint, of both, and the heap allocations per keystroke. Then the
//! batch: `nianbao::lint` of each seed report whole, with its allocations
//! per KB.
//!
//! Allocations are counted by a wrapper around mimalloc, the allocator the
//! binary ships with. `KEYSTROKE_SIZES=1,100`, `KEYSTROKE_EDITS=N` and
//! `KEYSTROKE_WORKLOADS=append` narrow the run (for `valgrind
//! --tool=callgrind`); `KEYSTROKE_SERIAL=1` runs the rules on one thread
//! at every size.

use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nianbao::LintOptions;
use nianbao::lint::{ByRule, Half, lint_report_after_edit};
use nianbao::model;

/// mimalloc, counting allocations (not frees: what a stage asks for).
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED.fetch_add(new_size, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> (usize, usize) {
    (
        ALLOCATIONS.load(Ordering::Relaxed),
        ALLOCATED.load(Ordering::Relaxed),
    )
}

fn env_list(name: &str) -> Option<Vec<String>> {
    std::env::var(name)
        .ok()
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
}

fn seed(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("a seed report")
}

/// Documents from this size up are linted on two threads (as
/// `lsp/analysis.rs::PARALLEL_FROM`).
const PARALLEL_FROM: usize = 16 * 1024;

fn lint(
    report: &model::Report,
    options: &LintOptions,
    previous: Option<(&model::Report, &nianbao::lint::Findings)>,
) -> (Vec<nianbao::Diagnostic>, nianbao::lint::Findings) {
    if report.doc.source.len() >= PARALLEL_FROM && std::env::var_os("KEYSTROKE_SERIAL").is_none() {
        lint_report_after_edit(
            report,
            options,
            previous,
            |a: Half, b: Half| -> (ByRule, ByRule) { rayon::join(a, b) },
        )
    } else {
        lint_report_after_edit(
            report,
            options,
            previous,
            |a: Half, b: Half| -> (ByRule, ByRule) { (a(), b()) },
        )
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1e3
}

struct Timings {
    bind: Vec<Duration>,
    lint: Vec<Duration>,
    both: Vec<Duration>,
    allocations: usize,
    fallbacks: usize,
}

/// Types `edits` keystrokes into `text` (`edit(text, k)` gives version
/// `k + 1`), each version bound and linted from the previous one.
fn keystrokes(text: &str, edits: usize, edit: impl Fn(&str, usize) -> String) -> Timings {
    let options = LintOptions::default();
    let mut texts = vec![text.to_string()];
    for k in 0..edits {
        let next = edit(texts.last().expect("a text"), k);
        texts.push(next);
    }
    let mut previous = model::bind(&texts[0], &options.model);
    let mut findings = lint(&previous, &options, None).1;
    let mut t = Timings {
        bind: Vec::new(),
        lint: Vec::new(),
        both: Vec::new(),
        allocations: 0,
        fallbacks: 0,
    };
    for next in &texts[1..] {
        let (allocs, _) = allocations();
        let start = Instant::now();
        let report = model::bind_after_edit(next, &options.model, &previous);
        let bound = start.elapsed();
        let (diagnostics, next_findings) = lint(&report, &options, Some((&previous, &findings)));
        let both = start.elapsed();
        t.allocations += allocations().0 - allocs;
        black_box(&diagnostics);
        let read_again = report.reads.iter().filter(|r| !r.reused).count();
        if report.edit.is_none() || read_again > 1 || next_findings.carried == 0 {
            t.fallbacks += 1;
        }
        t.bind.push(bound);
        t.lint.push(both - bound);
        t.both.push(both);
        findings = next_findings;
        previous = report;
    }
    t.bind.sort();
    t.lint.sort();
    t.both.sort();
    t
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is taken.
    let edits: usize = std::env::var("KEYSTROKE_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let sizes: Vec<usize> = env_list("KEYSTROKE_SIZES")
        .map(|v| v.iter().filter_map(|s| s.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 10, 100]);
    let workloads =
        env_list("KEYSTROKE_WORKLOADS").unwrap_or_else(|| vec!["append".into(), "replace".into()]);
    let seed000 = seed("000_6ca4560e20b73f61");
    println!("{edits} keystrokes per size; times in ms");
    println!(
        "| workload | size | bind p50 / p99 | lint p50 / p99 | both p50 / p99 | allocations per keystroke | fallbacks |"
    );
    println!("|---|---|---|---|---|---|---|");
    for workload in &workloads {
        for &copies in &sizes {
            let text = seed000.repeat(copies);
            let t = match workload.as_str() {
                "append" => {
                    let row = "规章\t0\t0\t0";
                    let at = text.find(row).expect("first table row") + row.len();
                    keystrokes(&text, edits, |t, k| {
                        let mut t = t.to_string();
                        t.insert_str(at + k, &((k % 9) + 1).to_string());
                        t
                    })
                }
                "replace" => {
                    let row = "一、本年新收政府信息公开申请数量\t";
                    let at = text.find(row).expect("table 三 row") + row.len();
                    keystrokes(&text, edits, |t, k| {
                        let mut t = t.to_string();
                        t.replace_range(at..at + 1, &((k % 9) + 1).to_string());
                        t
                    })
                }
                other => panic!("unknown workload {other}"),
            };
            println!(
                "| {workload} | {:.0} KB | {:.3} / {:.3} | {:.3} / {:.3} | {:.3} / {:.3} | {} | {} |",
                text.len() as f64 / 1e3,
                percentile(&t.bind, 0.5),
                percentile(&t.bind, 0.99),
                percentile(&t.lint, 0.5),
                percentile(&t.lint, 0.99),
                percentile(&t.both, 0.5),
                percentile(&t.both, 0.99),
                t.allocations / edits.max(1),
                t.fallbacks,
            );
        }
    }

    // The batch: each seed report linted whole, as `nianbao check` does.
    println!(
        "\n| report | size | lint (ms, median of 21) | allocations | per KB | bytes allocated per byte |"
    );
    println!("|---|---|---|---|---|---|");
    let options = LintOptions::default();
    for name in [
        "000_6ca4560e20b73f61",
        "001_1f886fd727df4157",
        "002_bf80b47987e57cd0",
        "003_bd2728a2fb5b3f82",
        "004_4ecd57e04841b2f1",
    ] {
        let text = seed(name);
        let (a0, b0) = allocations();
        black_box(nianbao::lint(&text, &options));
        let (a1, b1) = allocations();
        let mut times: Vec<Duration> = (0..21)
            .map(|_| {
                let start = Instant::now();
                black_box(nianbao::lint(black_box(&text), &options));
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "| {} | {:.1} KB | {:.3} | {} | {:.0} | {:.1} |",
            &name[..3],
            text.len() as f64 / 1e3,
            percentile(&times, 0.5),
            a1 - a0,
            (a1 - a0) as f64 / (text.len() as f64 / 1e3),
            (b1 - b0) as f64 / text.len() as f64,
        );
    }
}
