//! Latency and memory of `nianbao lsp`: edit → publishDiagnostics (p50/p99)
//! on a typical report and on a 1 MB document, and resident memory with 50
//! reports open. Not part of the normal test run:
//!
//! ```text
//! cargo test --release --test lsp_latency -- --ignored --nocapture
//! ```

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{Client, range_of};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Edits one cell `rounds` times and returns the sorted latencies from
/// sending each didChange to receiving its publishDiagnostics.
fn edit_latencies(c: &mut Client, uri: &str, text: &str, rounds: i64) -> Vec<Duration> {
    c.open(uri, "markdown", text);
    let at = text.find("(七)总计 | ").expect("total row") + "(七)总计 | ".len();
    let cell = range_of(text, at, at + 1, false);
    let mut out = Vec::new();
    for v in 2..rounds + 2 {
        let value = if v % 2 == 1 { "0" } else { "1" };
        let t = Instant::now();
        c.change(uri, v, json!([{"range": cell, "text": value}]));
        c.diagnostics(uri, v);
        out.push(t.elapsed());
    }
    out.sort();
    out
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn report(label: &str, lat: &[Duration]) {
    println!(
        "{label:<28} n={:<4} p50={:>8.3} ms  p99={:>8.3} ms  max={:>8.3} ms",
        lat.len(),
        percentile(lat, 0.50).as_secs_f64() * 1e3,
        percentile(lat, 0.99).as_secs_f64() * 1e3,
        lat.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

#[test]
#[ignore = "benchmark: run with --release --ignored --nocapture"]
fn latency_and_memory() {
    let (mut c, _) = Client::start(None, Value::Null);
    let typical = fixture("002_bf80b47987e57cd0.txt");
    println!("typical report: {} bytes", typical.len());
    let lat = edit_latencies(&mut c, "file:///bench/typical.md", &typical, 500);
    report("typical report", &lat);
    let typical_p99 = percentile(&lat, 0.99);

    let mut big = typical.clone();
    let para = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。\n";
    while big.len() < 1 << 20 {
        big.push_str(para);
    }
    println!("large document: {} bytes", big.len());
    let lat = edit_latencies(&mut c, "file:///bench/big.md", &big, 100);
    report("1 MB document", &lat);
    let big_p99 = percentile(&lat, 0.99);
    drop(c);

    let (mut c, _) = Client::start(None, Value::Null);
    let idle = rss_kb(c.pid());
    let names = [
        "000_6ca4560e20b73f61.txt",
        "001_1f886fd727df4157.txt",
        "002_bf80b47987e57cd0.txt",
        "003_bd2728a2fb5b3f82.txt",
        "004_4ecd57e04841b2f1.txt",
    ];
    let texts: Vec<String> = names.iter().map(|n| fixture(n)).collect();
    for i in 0..50 {
        let uri = format!("file:///bench/open-{i}.md");
        c.open(&uri, "markdown", &texts[i % texts.len()]);
        // Ask for everything a client asks for on open.
        for m in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
            c.call(m, json!({"textDocument": {"uri": &uri}}));
        }
        let all =
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 100000, "character": 0}});
        c.call(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": &uri}, "range": all}),
        );
    }
    let open50 = rss_kb(c.pid());
    println!(
        "RSS: {} KB idle, {} KB with 50 reports open",
        idle.map(|v| v.to_string()).unwrap_or("?".into()),
        open50.map(|v| v.to_string()).unwrap_or("?".into()),
    );
    assert!(c.shutdown_and_exit().success());

    println!(
        "targets: p99 < 5 ms typical ({}), < 50 ms at 1 MB ({}), < 50 MB RSS ({})",
        if typical_p99 < Duration::from_millis(5) {
            "met"
        } else {
            "MISSED"
        },
        if big_p99 < Duration::from_millis(50) {
            "met"
        } else {
            "MISSED"
        },
        match open50 {
            Some(kb) if kb < 50 * 1024 => "met",
            Some(_) => "MISSED",
            None => "unknown",
        },
    );
}
