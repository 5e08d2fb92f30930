//! Side-by-side benchmark of `nianbao lsp` and `typos-lsp` (a fast Rust
//! language server on the same tower-lsp-server, which only spell-checks):
//!
//! - latency from sending a `didChange` to receiving that version's
//!   `publishDiagnostics`, p50 and p99, on seed report 000 concatenated 1×,
//!   10× and 100× (8 KB, 82 KB, 820 KB), for two workloads of 100 edits:
//!   the same digit of a table row replaced (表三 “一、本年新收” of the first
//!   copy), so the whole table is read again on every keystroke; and a digit
//!   appended at the end of the first table row (表二 “规章”), 100 times;
//! - nianbao's own count (`nianbao/stats`) of analyses that read or linted
//!   the whole text again after an edit: none may;
//! - resident memory (VmRSS) with 50 real reports open, and after the run.
//!
//! Both servers run in the same process run, and their edits alternate in
//! blocks of 10 so that both see the same machine load. The documents are
//! real files in a temporary folder (so nianbao indexes the folder for
//! `carry-over`, as in an editor). Not part of the normal test run:
//!
//! ```text
//! scripts/bench-lsp.sh          # installs typos-lsp if needed, builds, runs
//! TYPOS_LSP=/path/to/typos-lsp cargo test --release --test lsp_latency -- --ignored --nocapture
//! ```
//!
//! Without typos-lsp (not on PATH, `TYPOS_LSP` unset) only nianbao runs.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{Client, range_of};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

const BLOCK: usize = 10;
const WARMUP: usize = 5;

/// Edits per size and server: 100, or `LSP_BENCH_EDITS` (a multiple of 10;
/// more for profiling).
fn edits() -> usize {
    std::env::var("LSP_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

/// Other reports in the edited documents' folder: 0, or
/// `LSP_BENCH_NEIGHBOURS` (a province's folder holds ~300).
fn neighbours() -> usize {
    std::env::var("LSP_BENCH_NEIGHBOURS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Both workloads, or `LSP_BENCH_WORKLOADS` (`replace`, `append`).
fn workloads() -> Vec<Workload> {
    let names = std::env::var("LSP_BENCH_WORKLOADS").unwrap_or_else(|_| "replace,append".into());
    names
        .split(',')
        .filter_map(|w| match w.trim() {
            "replace" => Some(Workload::Replace),
            "append" => Some(Workload::Append),
            _ => None,
        })
        .collect()
}

/// Copies of seed 000: 1, 10 and 100, or `LSP_BENCH_SIZES` (e.g. `1,100`).
fn sizes() -> Vec<usize> {
    std::env::var("LSP_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 10, 100])
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

/// The five real reports of tests/fixtures (copies of the corpus seeds).
fn real_reports() -> Vec<String> {
    [
        "000_6ca4560e20b73f61.txt",
        "001_1f886fd727df4157.txt",
        "002_bf80b47987e57cd0.txt",
        "003_bd2728a2fb5b3f82.txt",
        "004_4ecd57e04841b2f1.txt",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect()
}

fn typos_lsp() -> Option<String> {
    if let Ok(p) = std::env::var("TYPOS_LSP") {
        return Some(p);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("typos-lsp"))
            .find(|p| p.is_file())
            .map(|p| p.to_string_lossy().into_owned())
    })
}

struct Server {
    name: &'static str,
    client: Client,
}

impl Server {
    fn start(name: &'static str, program: &str, args: &[&str], root: &Path) -> Server {
        let mut client = Client::spawn_command(program, args);
        let root_uri = format!("file://{}", root.display());
        let params = json!({
            "processId": null,
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "bench"}],
            "capabilities": {"textDocument": {
                "publishDiagnostics": {"versionSupport": true, "relatedInformation": true}
            }},
        });
        let res = client.request("initialize", params);
        assert!(res.get("error").is_none(), "{name}: {res}");
        client.notify("initialized", json!({}));
        Server { name, client }
    }

    fn rss_kb(&self) -> Option<u64> {
        status_kb(self.client.pid(), "VmRSS:")
    }
}

fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// What each keystroke of a run does.
#[derive(Clone, Copy)]
enum Workload {
    /// Replaces the first number of table 三's first row (“一、本年新收”)
    /// with a digit: the whole table is read again on every keystroke.
    Replace,
    /// Appends a digit at the end of the document's first table row (表二
    /// “规章”): its last number grows by a digit each time.
    Append,
}

impl Workload {
    fn name(self) -> &'static str {
        match self {
            Workload::Replace => "replace a digit in 表三's first row",
            Workload::Append => "append a digit to the first table row",
        }
    }

    /// Where the first keystroke goes.
    fn place(self, text: &str) -> usize {
        let row = match self {
            Workload::Replace => "一、本年新收政府信息公开申请数量\t",
            Workload::Append => "规章\t0\t0\t0",
        };
        text.find(row).expect("the workload's row") + row.len()
    }
}

/// One document being edited on one server: sends the `k`-th edit and waits
/// for that version's diagnostics.
struct Session<'a> {
    server: &'a mut Server,
    uri: String,
    text: String,
    cell: usize,
    version: i64,
    workload: Workload,
}

impl Session<'_> {
    fn edit(&mut self, k: usize) -> Duration {
        self.version += 1;
        let digit = ((k % 9) + 1).to_string();
        let (start, end) = match self.workload {
            Workload::Replace => (self.cell, self.cell + 1),
            Workload::Append => (self.cell, self.cell),
        };
        let range = range_of(&self.text, start, end, false);
        self.text.replace_range(start..end, &digit);
        if let Workload::Append = self.workload {
            self.cell += digit.len();
        }
        let t = Instant::now();
        self.server.client.change(
            &self.uri,
            self.version,
            json!([{"range": range, "text": digit}]),
        );
        let diagnostics = self.server.client.diagnostics(&self.uri, self.version);
        // The time an editor waits: until it holds the parsed diagnostics
        // (freeing them is not part of it).
        let waited = t.elapsed();
        drop(diagnostics);
        waited
    }
}

/// Latencies of the same edits on every server, alternating in blocks.
fn edit_latencies(
    servers: &mut [Server],
    dir: &Path,
    label: &str,
    text: &str,
    workload: Workload,
) -> Vec<Vec<Duration>> {
    let cell = workload.place(text);
    let file = dir.join(format!("{label}.md"));
    std::fs::write(&file, text).expect("write");
    let uri = format!("file://{}", file.display());
    let mut sessions: Vec<Session> = servers
        .iter_mut()
        .map(|server| {
            server.client.open(&uri, "markdown", text);
            Session {
                server,
                uri: uri.clone(),
                text: text.to_string(),
                cell,
                version: 1,
                workload,
            }
        })
        .collect();
    for s in sessions.iter_mut() {
        for k in 0..WARMUP {
            s.edit(k);
        }
    }
    let mut out = vec![Vec::new(); sessions.len()];
    for block in 0..edits() / BLOCK {
        for (i, s) in sessions.iter_mut().enumerate() {
            for k in block * BLOCK..(block + 1) * BLOCK {
                out[i].push(s.edit(k));
            }
        }
    }
    for s in sessions.iter_mut() {
        s.server.client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": &s.uri}}),
        );
    }
    for l in out.iter_mut() {
        l.sort();
    }
    out
}

/// Opens 50 reports (each a distinct file) and asks what an editor asks on
/// open; returns the resident memory after.
fn rss_with_reports_open(server: &mut Server, dir: &Path, reports: &[String]) -> Option<u64> {
    for i in 0..50 {
        let file = dir.join(format!("open-{i:02}.md"));
        let text = &reports[i % reports.len()];
        std::fs::write(&file, text).expect("write");
        let uri = format!("file://{}", file.display());
        server.client.open(&uri, "markdown", text);
        for m in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
            server
                .client
                .request(m, json!({"textDocument": {"uri": &uri}}));
        }
        let all =
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 100000, "character": 0}});
        server.client.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": &uri}, "range": all}),
        );
    }
    // Let the allocator settle (typos-lsp's pool threads, nianbao's publisher).
    std::thread::sleep(Duration::from_millis(200));
    server.rss_kb()
}

fn start_all(dir: &Path) -> Vec<Server> {
    let mut servers = vec![Server::start(
        "nianbao",
        env!("CARGO_BIN_EXE_nianbao"),
        &["lsp"],
        dir,
    )];
    match typos_lsp() {
        Some(p) => servers.push(Server::start("typos-lsp", &p, &[], dir)),
        None => println!("typos-lsp not found (set TYPOS_LSP or put it on PATH): nianbao only"),
    }
    servers
}

#[test]
#[ignore = "benchmark: scripts/bench-lsp.sh, or --release --ignored --nocapture"]
fn side_by_side_with_typos_lsp() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = fixture("000_6ca4560e20b73f61.txt");
    println!(
        "machine: {} cores, load {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "{} edits per size and server (after {WARMUP} warm-up edits), alternating in blocks of {BLOCK}\n",
        edits()
    );
    let reports = real_reports();
    for i in 0..neighbours() {
        let file = dir.path().join(format!("neighbour-{i:03}.txt"));
        std::fs::write(file, &reports[i % reports.len()]).expect("write");
    }
    if neighbours() > 0 {
        println!("{} other reports in the folder\n", neighbours());
    }
    let mut servers = start_all(dir.path());
    let names: Vec<&str> = servers.iter().map(|s| s.name).collect();
    let mut met = true;
    for workload in workloads() {
        println!("{}:\n", workload.name());
        print!("| size |");
        for n in &names {
            print!(" {n} p50 / p99 (ms) |");
        }
        println!(" p99 ratio |");
        println!("|---|{}---|", "---|".repeat(names.len()));
        for copies in sizes() {
            let text = seed.repeat(copies);
            let label = format!("seed000x{copies}-{}", workload as u8);
            let lat = edit_latencies(&mut servers, dir.path(), &label, &text, workload);
            print!("| {:.0} KB ({copies}×) |", text.len() as f64 / 1e3);
            for l in &lat {
                print!(
                    " {:.2} / {:.2} |",
                    ms(percentile(l, 0.5)),
                    ms(percentile(l, 0.99))
                );
            }
            if lat.len() == 2 {
                let ratio = ms(percentile(&lat[0], 0.99)) / ms(percentile(&lat[1], 0.99));
                met &= ratio <= 1.0;
                println!(" {ratio:.2}× |");
            } else {
                println!(" – |");
            }
        }
        println!();
    }
    // What nianbao's analyses reused: no keystroke may read or lint the
    // whole text again (tests/lsp.rs holds it to that too).
    let stats = servers[0]
        .client
        .call("nianbao/stats", serde_json::Value::Null);
    println!("nianbao/stats after the runs: {stats}");
    met &= stats["fullReads"] == 0 && stats["fullLints"] == 0;
    let after: Vec<Option<u64>> = servers.iter().map(Server::rss_kb).collect();
    for s in servers.iter_mut() {
        let exited_cleanly = s.client.shutdown_and_exit().success();
        assert!(exited_cleanly || s.name != "nianbao");
    }
    drop(servers);

    // Memory: fresh servers, 50 real reports open.
    let mem_dir = tempfile::tempdir().expect("tempdir");
    let mut servers = start_all(mem_dir.path());
    let idle: Vec<Option<u64>> = servers.iter().map(Server::rss_kb).collect();
    let open: Vec<Option<u64>> = servers
        .iter_mut()
        .map(|s| rss_with_reports_open(s, mem_dir.path(), &reports))
        .collect();
    let peak: Vec<Option<u64>> = servers
        .iter()
        .map(|s| status_kb(s.client.pid(), "VmHWM:"))
        .collect();
    let mb = |v: &Option<u64>| v.map_or("?".to_string(), |kb| format!("{:.1}", kb as f64 / 1024.0));
    println!("\n| RSS (MB) | idle | 50 reports open | peak (VmHWM) | after the latency run |");
    println!("|---|---|---|---|---|");
    for (i, s) in servers.iter().enumerate() {
        println!(
            "| {} | {} | {} | {} | {} |",
            s.name,
            mb(&idle[i]),
            mb(&open[i]),
            mb(&peak[i]),
            mb(&after[i])
        );
    }
    if let [Some(a), Some(b)] = open[..] {
        met &= a <= b;
    }
    if servers.len() == 2 {
        println!(
            "\ntargets (p99 and RSS with 50 reports at or below typos-lsp's): {}",
            if met { "met" } else { "MISSED" }
        );
    }
}
