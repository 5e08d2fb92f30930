//! Editor soak: the real `nianbao lsp` with 20 reports open takes 10,000
//! random edits the way an editor sends them (typing into cells, deleting
//! rows, pasting tables, undo, astral characters, CRLF, several changes per
//! notification, ranges past the end), interleaved with hover, completion,
//! code actions, inlay hints and configuration changes. After every batch
//! each document's diagnostics equal those a fresh server gives for the
//! client's text, published versions never went down, and at the end the
//! server's memory is where it started. Also: cancelled requests, a client
//! that stops reading for 5 s, and one that disconnects mid-request.
//!
//! Seeded (`SOAK_SEED=n` to vary), so a failure reproduces.
//!
//! The slow tier: every test here is named `slow_…`, so that
//! `cargo test -- --skip slow_` leaves them out while editing; plain
//! `cargo test` (the README's, and CI) runs them.

#![cfg(unix)]

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{Client, position_of};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EDITS: usize = 10_000;
const BATCH: usize = 1_000;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// xorshift64*: reproducible randomness without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

fn seed() -> u64 {
    std::env::var("SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_2024)
}

fn read_dir_sorted(rel: &str) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(root().join(rel))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        // tests/fixtures also holds folders (real/, shapes/, precision/).
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// 20 reports: the real ones, the drafts, the sample, and variants of them
/// (CRLF, astral characters in the title, rows lost, two reports pasted
/// into one).
fn reports(rng: &mut Rng) -> Vec<String> {
    let mut base = read_dir_sorted("tests/fixtures");
    base.extend(read_dir_sorted("tests/drafts"));
    base.push(std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap());
    let mut all = base.clone();
    let n = base.len();
    let mut i = 0;
    while all.len() < 20 {
        let t = &base[i % n];
        let variant = match i % 4 {
            0 => t.replace('\n', "\r\n"),
            1 => format!("𠀀😀{t}"),
            2 => {
                let lines: Vec<&str> = t.split('\n').collect();
                let cut = rng.below(lines.len());
                [&lines[..cut], &lines[(cut + 5).min(lines.len())..]]
                    .concat()
                    .join("\n")
            }
            _ => format!("{t}\n{}", base[(i + 1) % n]),
        };
        all.push(variant);
        i += 1;
    }
    all
}

// ------------------------------------------------------------ the model

struct Doc {
    uri: String,
    text: String,
    version: i64,
    initial_len: usize,
    /// (start, end of the new text, the text it replaced): popping one and
    /// applying it reverses the last edit.
    undo: Vec<(usize, usize, String)>,
}

/// A char boundary at or before `i` that is not inside a CRLF (an LSP
/// position cannot point between `\r` and `\n`).
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    if i > 0 && text.as_bytes()[i - 1] == b'\r' && (i == text.len() || text.as_bytes()[i] == b'\n')
    {
        i -= 1;
    }
    i
}

/// Line starts (byte offsets) of `text`.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Byte offset of a position as the server reads it (columns in UTF-16
/// units; past the end of a line: its end; past the last line: the end of
/// the text).
fn model_offset(text: &str, line: u64, col: u64) -> usize {
    let starts = line_starts(text);
    let Some(&start) = starts.get(line as usize) else {
        return text.len();
    };
    let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
    let content = text[start..end]
        .strip_suffix('\r')
        .unwrap_or(&text[start..end]);
    let mut used = 0u64;
    for (i, c) in content.char_indices() {
        used += c.len_utf16() as u64;
        if used > col {
            return start + i;
        }
    }
    start + content.len()
}

/// One `contentChanges` entry, and the model updated the same way.
fn change(doc: &mut Doc, start: usize, end: usize, new: &str) -> Value {
    let (start, end) = (boundary(&doc.text, start), boundary(&doc.text, end));
    let (start, end) = (start.min(end), start.max(end));
    let range = json!({
        "start": position_of(&doc.text, start, false),
        "end": position_of(&doc.text, end, false),
    });
    record(doc, start, end, new);
    json!({"range": range, "text": new})
}

fn record(doc: &mut Doc, start: usize, end: usize, new: &str) {
    let old = doc.text[start..end].to_string();
    doc.text.replace_range(start..end, new);
    doc.undo.push((start, start + new.len(), old));
    if doc.undo.len() > 64 {
        doc.undo.remove(0);
    }
}

const TYPED: [&str; 12] = [
    "0",
    "1",
    "2",
    "7",
    "9",
    "表",
    "𠀀",
    "😀",
    "\t",
    " ",
    "|",
    "（一）",
];

/// A random line that looks like a table row, else any line.
fn table_line(doc: &Doc, rng: &mut Rng) -> (usize, usize) {
    let starts = line_starts(&doc.text);
    for _ in 0..8 {
        let l = rng.below(starts.len());
        let s = starts[l];
        let e = doc.text[s..].find('\n').map_or(doc.text.len(), |p| s + p);
        let line = &doc.text[s..e];
        if line.contains('\t') || line.contains('|') || line.contains("  ") {
            return (s, e);
        }
    }
    let l = rng.below(starts.len());
    let s = starts[l];
    (
        s,
        doc.text[s..].find('\n').map_or(doc.text.len(), |p| s + p),
    )
}

/// The changes of one random `didChange` (already applied to the model).
fn random_edit(doc: &mut Doc, sources: &[String], rng: &mut Rng) -> Vec<Value> {
    let grown = doc.text.len() > doc.initial_len * 3;
    let roll = if grown {
        rng.below(2) + 3
    } else {
        rng.below(20)
    };
    match roll {
        // Typing into a cell: insert, or overwrite a digit.
        0..=5 => {
            let (s, e) = table_line(doc, rng);
            let at = s + rng.below(e - s + 1);
            if let Some(d) = doc.text[boundary(&doc.text, at)..e].find(|c: char| c.is_ascii_digit())
            {
                let d = boundary(&doc.text, at) + d;
                if rng.below(2) == 0 {
                    return vec![change(doc, d, d + 1, rng.word(&TYPED[..5]))];
                }
            }
            let typed: String = (0..1 + rng.below(3)).map(|_| rng.word(&TYPED)).collect();
            vec![change(doc, at, at, &typed)]
        }
        // Deleting a row, with its line ending.
        6..=8 => {
            let starts = line_starts(&doc.text);
            let l = rng.below(starts.len());
            let end = starts.get(l + 1).copied().unwrap_or(doc.text.len());
            vec![change(doc, starts[l], end, "")]
        }
        // Pasting a table (or any run of lines) from another report.
        9 => {
            let src = rng.pick(sources);
            let lines: Vec<&str> = src.split('\n').collect();
            let from = rng.below(lines.len());
            let to = (from + 5 + rng.below(20)).min(lines.len());
            let mut paste = lines[from..to].join("\n") + "\n";
            if doc.text.contains("\r\n") {
                paste = paste.replace('\n', "\r\n");
            }
            let starts = line_starts(&doc.text);
            let at = *rng.pick(&starts);
            vec![change(doc, at, at, &paste)]
        }
        // Undo.
        10..=12 => match doc.undo.pop() {
            // A later edit may have joined a lone `\r` to a `\n`: a
            // position between them cannot be sent.
            Some((s, e, old)) if boundary(&doc.text, s) == s && boundary(&doc.text, e) == e => {
                let range = json!({
                    "start": position_of(&doc.text, s, false),
                    "end": position_of(&doc.text, e, false),
                });
                doc.text.replace_range(s..e, &old);
                vec![json!({"range": range, "text": old})]
            }
            _ => vec![change(doc, 0, 0, "")],
        },
        // Astral characters anywhere.
        13 => {
            let at = rng.below(doc.text.len() + 1);
            vec![change(doc, at, at, rng.word(&["𠀀", "😀", "👨‍👩‍👧", "𠀀表"]))]
        }
        // Line endings: LF → CRLF, or a new CRLF line.
        14 => match doc.text.match_indices('\n').nth(rng.below(200)) {
            Some((i, _)) if i == 0 || doc.text.as_bytes()[i - 1] != b'\r' => {
                vec![change(doc, i, i + 1, "\r\n")]
            }
            _ => {
                let at = rng.below(doc.text.len() + 1);
                vec![change(doc, at, at, "\r\n")]
            }
        },
        // A small deletion anywhere, across lines too.
        15 => {
            let at = rng.below(doc.text.len() + 1);
            vec![change(doc, at, at + rng.below(40), "")]
        }
        // Positions past the end: of the line, of the document.
        16 => {
            let lines = line_starts(&doc.text).len() as u64;
            let (line, col) = if rng.below(2) == 0 {
                (lines + 3, 0)
            } else {
                (rng.below(lines as usize) as u64, 10_000)
            };
            let at = model_offset(&doc.text, line, col);
            let pos = json!({"line": line, "character": col});
            record(doc, at, at, "末");
            vec![json!({"range": {"start": pos, "end": pos}, "text": "末"})]
        }
        // Several changes in one notification, each on the previous result.
        17..=18 => (0..2 + rng.below(2))
            .flat_map(|_| {
                let at = rng.below(doc.text.len() + 1);
                vec![change(doc, at, at + rng.below(4), rng.word(&TYPED))]
            })
            .collect(),
        // The whole text at once (a formatter, a reload).
        _ => {
            let old = std::mem::take(&mut doc.text);
            let new = old.replacen("总计", "合计", 1);
            doc.undo.push((0, new.len(), old));
            doc.text = new.clone();
            vec![json!({"text": new})]
        }
    }
}

// ------------------------------------------------------ checking a batch

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU seconds a process has used (user + system; Linux clock ticks are
/// 1/100 s): the soak's cost independent of how busy the machine is.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    (f.get(11).unwrap_or(&0) + f.get(12).unwrap_or(&0)) as f64 / 100.0
}

/// Diagnostics without the document version carried in `data` (a fresh
/// server numbers from 1).
fn comparable(diags: &Value) -> Value {
    let mut d = diags.clone();
    for item in d.as_array_mut().into_iter().flatten() {
        if let Some(data) = item.get_mut("data").and_then(Value::as_object_mut) {
            data.remove("version");
        }
    }
    d
}

/// What a fresh server says about each document's current text.
fn fresh_diagnostics(docs: &[Doc], settings: &Value) -> Vec<Value> {
    let (mut fresh, _) = Client::start(None, settings.clone());
    let out = docs
        .iter()
        .map(|d| {
            fresh.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": d.uri, "languageId": "nianbao", "version": 1, "text": d.text}}),
            );
            Value::Array(fresh.diagnostics(&d.uri, 1))
        })
        .collect();
    fresh.shutdown_and_exit();
    out
}

struct Published {
    /// Highest version published per document.
    last: HashMap<String, i64>,
    /// The diagnostics published at the document's current version since
    /// it last changed (or the settings did).
    current: HashMap<String, Value>,
}

/// Reads publications until every document has them for its current
/// version, checking that versions never go down.
fn sync(client: &mut Client, docs: &[Doc], published: &mut Published) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while docs.iter().any(|d| !published.current.contains_key(&d.uri)) {
        let left = deadline.saturating_duration_since(Instant::now());
        let m = client
            .try_wait_for(left, &|m| m["method"] == "textDocument/publishDiagnostics")
            .unwrap_or_else(|| {
                panic!(
                    "no diagnostics for the latest versions\nstderr: {}",
                    client.stderr()
                )
            });
        let uri = m["params"]["uri"].as_str().unwrap().to_string();
        let Some(version) = m["params"]["version"].as_i64() else {
            continue;
        };
        let last = published.last.entry(uri.clone()).or_insert(0);
        assert!(
            version >= *last,
            "{uri}: version {version} published after {last}"
        );
        *last = version;
        if let Some(doc) = docs.iter().find(|d| d.uri == uri)
            && doc.version == version
        {
            published
                .current
                .insert(uri, m["params"]["diagnostics"].clone());
        }
    }
}

/// Random positions for requests.
fn random_position(doc: &Doc, rng: &mut Rng) -> Value {
    position_of(
        &doc.text,
        boundary(&doc.text, rng.below(doc.text.len() + 1)),
        false,
    )
}

fn random_request(client: &mut Client, doc: &Doc, rng: &mut Rng) -> (i64, &'static str) {
    let td = json!({"uri": doc.uri});
    let pos = random_position(doc, rng);
    let (method, params) = match rng.below(4) {
        0 => (
            "textDocument/hover",
            json!({"textDocument": td, "position": pos}),
        ),
        1 => (
            "textDocument/completion",
            json!({"textDocument": td, "position": pos}),
        ),
        2 => (
            "textDocument/codeAction",
            json!({"textDocument": td, "range": {"start": pos, "end": random_position(doc, rng)},
                   "context": {"diagnostics": []}}),
        ),
        _ => (
            "textDocument/inlayHint",
            json!({"textDocument": td, "range": {"start": {"line": 0, "character": 0},
                   "end": {"line": 100_000, "character": 0}}}),
        ),
    };
    (client.send_request(method, params), method)
}

const SETTINGS: [&str; 5] = [
    r#"{}"#,
    r#"{"rules": {"empty-cell": "off", "table-sum": "warning"}}"#,
    r#"{"lang": "en"}"#,
    r#"{"inlayHints": {"columnNames": false}, "formatVersion": "2021"}"#,
    r#"{"rules": {"label-variant": "error"}, "lang": "zh"}"#,
];

#[test]
fn slow_ten_thousand_edits_keep_the_editor_in_sync() {
    let started = Instant::now();
    let mut rng = Rng(seed());
    let sources = reports(&mut rng);
    let (mut client, _) = Client::start(None, json!({}));
    let mut docs: Vec<Doc> = sources
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let uri = format!("file:///soak/report-{i:02}.md");
            client.notify(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": text}}),
            );
            Doc {
                uri,
                text: text.clone(),
                version: 1,
                initial_len: text.len(),
                undo: Vec::new(),
            }
        })
        .collect();
    let mut published = Published {
        last: HashMap::new(),
        current: HashMap::new(),
    };
    sync(&mut client, &docs, &mut published);
    let rss_before = rss_kb(client.pid());
    let mut settings = json!({});
    let (mut requests, mut config_changes) = (0, 0);
    for batch in 0..EDITS / BATCH {
        if batch % 3 == 2 {
            // First in its batch: every later publication reflects it.
            settings = serde_json::from_str(SETTINGS[1 + batch / 3]).unwrap();
            client.notify(
                "workspace/didChangeConfiguration",
                json!({"settings": {"nianbao": settings}}),
            );
            published.current.clear();
            config_changes += 1;
        }
        let mut pending = Vec::new();
        for step in 0..BATCH {
            let i = rng.below(docs.len());
            let doc = &mut docs[i];
            let changes = random_edit(doc, &sources, &mut rng);
            doc.version += 1;
            client.change(&doc.uri, doc.version, Value::Array(changes));
            published.current.remove(&doc.uri);
            if step % 40 == 7 {
                pending.push(random_request(&mut client, &docs[i], &mut rng));
            }
        }
        for (id, method) in pending {
            let res = client.response(id);
            assert!(
                res.get("error").is_none(),
                "{method} failed: {res}\nstderr: {}",
                client.stderr()
            );
            requests += 1;
        }
        sync(&mut client, &docs, &mut published);
        let fresh = fresh_diagnostics(&docs, &settings);
        for (doc, want) in docs.iter().zip(&fresh) {
            let got = &published.current[&doc.uri];
            assert!(
                comparable(got) == comparable(want),
                "batch {batch}: {} v{} differs from a fresh server\nclient text:\n{}\ngot: {got}\nwant: {want}",
                doc.uri,
                doc.version,
                doc.text
            );
        }
    }
    let rss_after = rss_kb(client.pid());
    let cpu = cpu_seconds(client.pid());
    let kb: usize = docs.iter().map(|d| d.text.len()).sum::<usize>() / 1024;
    eprintln!(
        "soak: {EDITS} edits, {requests} requests, {config_changes} configuration changes over {} documents ({kb} KB now) in {:.1} s (server CPU {cpu:.1} s); server RSS {:.1} MB before, {:.1} MB after",
        docs.len(),
        started.elapsed().as_secs_f64(),
        rss_before as f64 / 1024.0,
        rss_after as f64 / 1024.0
    );
    assert!(
        rss_after < rss_before + 40 * 1024,
        "RSS grew from {rss_before} KB to {rss_after} KB"
    );
    assert!(client.stderr().is_empty(), "stderr: {}", client.stderr());
    client.shutdown_and_exit();
}

// ---------------------------------------------------- unruly clients

fn big_report() -> String {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/004_4ecd57e04841b2f1.txt")).unwrap();
    text.repeat(10)
}

#[test]
fn slow_cancelled_requests_leave_the_server_working() {
    let (mut c, _) = Client::start(None, json!({}));
    let uri = "file:///soak/cancel.md";
    let text = std::fs::read_to_string(root().join("tests/fixtures/004_4ecd57e04841b2f1.txt"))
        .unwrap()
        .repeat(3);
    c.open(uri, "nianbao", &text);
    let rss_before = rss_kb(c.pid());
    let (mut cancelled, mut answered) = (0, 0);
    for round in 0..40 {
        // A new version each round, so the requests have work to do; a
        // burst of eight, then all eight cancelled.
        c.change(
            uri,
            round + 2,
            json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "1"}]),
        );
        let ids: Vec<i64> = (0..8)
            .map(|k| {
                c.send_request(
                    if k % 2 == 0 {
                        "textDocument/codeAction"
                    } else {
                        "textDocument/inlayHint"
                    },
                    json!({"textDocument": {"uri": uri},
                           "range": {"start": {"line": 0, "character": 0}, "end": {"line": 400, "character": 0}},
                           "context": {"diagnostics": []}}),
                )
            })
            .collect();
        for id in &ids {
            c.notify("$/cancelRequest", json!({"id": id}));
        }
        for id in ids {
            let res = c.response(id);
            match res.get("error") {
                Some(e) => {
                    assert_eq!(e["code"], -32800, "{res}");
                    cancelled += 1;
                }
                None => {
                    assert!(res.get("result").is_some(), "{res}");
                    answered += 1;
                }
            }
        }
    }
    let hover = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 1}}),
    );
    assert!(hover.is_null() || hover.get("contents").is_some());
    let rss_after = rss_kb(c.pid());
    eprintln!(
        "320 requests each followed by $/cancelRequest: {cancelled} cancelled, {answered} answered first; RSS {:.1} → {:.1} MB",
        rss_before as f64 / 1024.0,
        rss_after as f64 / 1024.0
    );
    assert_eq!(cancelled + answered, 320);
    assert!(rss_after < rss_before + 40 * 1024);
    assert!(c.shutdown_and_exit().success());
}

fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

/// Counts the responses (messages with an `id` and no `method`) in raw
/// server output.
fn count_responses(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.split("Content-Length:")
        .filter_map(|chunk| chunk.split_once("\r\n\r\n").map(|(_, b)| b))
        .filter_map(|b| serde_json::from_str::<Value>(b.trim()).ok())
        .filter(|m| m.get("id").is_some() && m.get("method").is_none())
        .count()
}

fn spawn_raw() -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn session_start(uri: &str, text: &str) -> Vec<u8> {
    let mut out = frame(&json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
    out.extend(frame(
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ));
    out.extend(frame(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": text}}})));
    out
}

#[test]
fn slow_a_client_that_stops_reading_for_5_s_gets_every_answer() {
    let mut child = spawn_raw();
    let uri = "file:///soak/slow-reader.md";
    let mut input = session_start(uri, &big_report());
    let n = 400;
    for id in 1..=n {
        input.extend(frame(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/inlayHint",
            "params": {"textDocument": {"uri": uri},
                       "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2000, "character": 0}}}})));
    }
    input.extend(frame(
        &json!({"jsonrpc": "2.0", "id": n + 1, "method": "shutdown"}),
    ));
    let mut stdin = child.stdin.take().unwrap();
    // The server blocks on its full stdout long before all of this is
    // written, so write from a thread. `exit` is sent only once the answer
    // to `shutdown` has been read, as the protocol asks of a client.
    let writer = std::thread::spawn(move || stdin.write_all(&input).map(|_| stdin).ok());
    std::thread::sleep(Duration::from_secs(5));
    let early = child.try_wait().unwrap();
    assert!(
        early.is_none(),
        "the server died while nobody read its output: {early:?}"
    );
    let rss_blocked = rss_kb(child.id());
    let mut stdout = child.stdout.take().unwrap();
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 1 << 16];
    // Read until the answer to `shutdown` is in (looked for in what is new).
    let marker = format!("\"id\":{}", n + 1).into_bytes();
    loop {
        let seen = out.len().saturating_sub(marker.len());
        match stdout.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(k) => out.extend_from_slice(&chunk[..k]),
        }
        if out[seen..]
            .windows(marker.len())
            .any(|w| w == marker.as_slice())
        {
            break;
        }
    }
    let stdin = writer.join().unwrap();
    assert!(stdin.is_some(), "the server stopped reading its input");
    if let Some(mut stdin) = stdin {
        let _ = stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})));
    }
    stdout.read_to_end(&mut out).unwrap();
    let status = child.wait().unwrap();
    let answered = count_responses(&out);
    eprintln!(
        "unread stdout for 5 s: {} KB of output waiting, RSS {:.1} MB while blocked; {answered} answers afterwards",
        out.len() / 1024,
        rss_blocked as f64 / 1024.0
    );
    assert_eq!(answered, n as usize + 2, "initialize, {n} hints, shutdown");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn slow_a_client_that_disconnects_mid_request_ends_the_server() {
    for round in 0..5 {
        let mut child = spawn_raw();
        let uri = "file:///soak/gone.md";
        let mut input = session_start(uri, &big_report());
        for id in 1..=50 {
            input.extend(frame(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction",
                "params": {"textDocument": {"uri": uri},
                           "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2000, "character": 0}},
                           "context": {"diagnostics": []}}})));
        }
        // Half a message, then gone: both pipes closed mid-request.
        let partial = frame(
            &json!({"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 1}}}),
        );
        input.extend(&partial[..partial.len() / 2]);
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(&input);
        std::thread::sleep(Duration::from_millis(20 * round));
        drop(stdin);
        drop(child.stdout.take());
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            assert!(
                Instant::now() < deadline,
                "round {round}: the server outlived its client"
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        // An exit code (1: no shutdown), not a signal or an abort.
        assert!(status.code().is_some(), "round {round}: {status:?}");
    }
}

/// A client that sends `exit` right behind `shutdown`, without waiting for
/// the answer (allowed: nothing but `exit` follows `shutdown`), gets exit
/// code 0. tower-lsp cancels the pending shutdown handler on `exit`, so the
/// server must not rely on that handler having run.
#[test]
fn slow_shutdown_and_exit_sent_together_exit_with_0() {
    for close_input in [false, true] {
        let mut child = spawn_raw();
        let mut input = session_start("file:///soak/bye.md", "一、总体情况\n");
        input.extend(frame(
            &json!({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}),
        ));
        input.extend(frame(&json!({"jsonrpc": "2.0", "method": "exit"})));
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&input).unwrap();
        let open_input = (!close_input).then_some(stdin);
        let mut out = Vec::new();
        child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
        let status = child.wait().unwrap();
        drop(open_input);
        assert_eq!(status.code(), Some(0), "close_input: {close_input}");
    }
}
