//! A minimal LSP client for the end-to-end tests: starts `nianbao lsp`,
//! frames JSON-RPC with Content-Length headers, and reads the server's
//! messages on a thread so that a hung server fails the test (every wait has
//! a timeout) instead of hanging it.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages received but not yet consumed.
    pending: VecDeque<Value>,
    stderr: Arc<Mutex<String>>,
    /// Whether positions are in UTF-8 bytes (else UTF-16 units).
    pub utf8: bool,
}

impl Client {
    /// Starts the server without initializing it.
    pub fn spawn() -> Client {
        Client::spawn_command(env!("CARGO_BIN_EXE_nianbao"), &["lsp"])
    }

    /// Starts any language server on stdio, without initializing it.
    pub fn spawn_command(program: &str, args: &[&str]) -> Client {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {program}: {e}"));
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len: Option<usize> = None;
                loop {
                    let mut line = String::new();
                    match r.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let l = line.trim_end();
                    if l.is_empty() {
                        break;
                    }
                    if let Some(v) = l.strip_prefix("Content-Length:") {
                        len = v.trim().parse().ok();
                    }
                }
                let Some(n) = len else { return };
                let mut buf = vec![0u8; n];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                let Ok(v) = serde_json::from_slice::<Value>(&buf) else {
                    return;
                };
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stderr);
            let mut line = String::new();
            while r.read_line(&mut line).is_ok_and(|n| n > 0) {
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&line);
                }
                line.clear();
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            pending: VecDeque::new(),
            stderr: log,
            utf8: false,
        }
    }

    /// Starts and initializes the server. `encodings` is what the client
    /// offers in `general.positionEncodings` (None: the field is absent).
    pub fn start(encodings: Option<&[&str]>, options: Value) -> (Client, Value) {
        Client::start_with(encodings, options, false)
    }

    /// Like `start`; `pulls` declares `textDocument.diagnostic` support.
    pub fn start_with(encodings: Option<&[&str]>, options: Value, pulls: bool) -> (Client, Value) {
        Client::start_custom(encodings, options, pulls, |_| {})
    }

    /// Like `start_with`; `patch` edits the client capabilities sent.
    pub fn start_custom(
        encodings: Option<&[&str]>,
        options: Value,
        pulls: bool,
        patch: impl FnOnce(&mut Value),
    ) -> (Client, Value) {
        let mut c = Client::spawn();
        let mut caps = json!({
            "textDocument": {
                "publishDiagnostics": {"versionSupport": true, "relatedInformation": true},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source.fixAll"]}}},
                "completion": {"completionItem": {"snippetSupport": false}},
                "hover": {"contentFormat": ["markdown", "plaintext"]}
            }
        });
        if pulls {
            caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
        }
        if let Some(e) = encodings {
            caps["general"] = json!({"positionEncodings": e});
        }
        patch(&mut caps);
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": caps});
        if !options.is_null() {
            params["initializationOptions"] = options;
        }
        let res = c.request("initialize", params);
        c.utf8 = res["result"]["capabilities"]["positionEncoding"] == "utf-8";
        c.notify("initialized", json!({}));
        (c, res)
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        let head = format!("Content-Length: {}\r\n\r\n", body.len());
        stdin.write_all(head.as_bytes()).expect("write header");
        stdin.write_all(body).expect("write body");
        stdin.flush().expect("flush");
    }

    /// Writes bytes with no framing at all (junk on the wire).
    pub fn write_unframed(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).expect("json");
        self.send_raw(&body);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response (the whole message).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// The result of a request, failing the test on an error response.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let res = self.request(method, params);
        assert!(
            res.get("error").is_none(),
            "{method} failed: {res}\nstderr: {}",
            self.stderr()
        );
        res["result"].clone()
    }

    /// The next message from the server, answering its requests (with null)
    /// on the way. None on timeout or when the server closed its output.
    fn recv(&mut self, timeout: Duration) -> Option<Value> {
        match self.rx.recv_timeout(timeout) {
            Ok(m) => {
                if m.get("method").is_some() && m.get("id").is_some() {
                    let id = m["id"].clone();
                    self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                }
                Some(m)
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Waits for the first message matching `pred` (looking at buffered
    /// messages first); other messages stay buffered.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_for(TIMEOUT, &pred).unwrap_or_else(|| {
            panic!(
                "timed out waiting for {what}\nbuffered: {:?}\nstderr: {}",
                self.pending
                    .iter()
                    .map(|m| m.to_string().chars().take(200).collect::<String>())
                    .collect::<Vec<_>>(),
                self.stderr()
            )
        })
    }

    pub fn try_wait_for(
        &mut self,
        timeout: Duration,
        pred: &dyn Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.pending.iter().position(pred) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let m = self.recv(left)?;
            if pred(&m) {
                return Some(m);
            }
            self.pending.push_back(m);
        }
    }

    /// Drains buffered and incoming messages for `quiet` of silence.
    pub fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        let mut out: Vec<Value> = self.pending.drain(..).collect();
        while let Some(m) = self.recv(quiet) {
            out.push(m);
        }
        out
    }

    /// Waits for `publishDiagnostics` of `uri` at `version`; earlier
    /// publications for the uri are discarded.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let mut m = self.wait_for(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        self.pending.retain(|p| {
            !(p["method"] == "textDocument/publishDiagnostics" && p["params"]["uri"] == uri)
        });
        // Moved out, not copied: the latency benchmark times this.
        match m["params"]["diagnostics"].take() {
            Value::Array(a) => a,
            _ => Vec::new(),
        }
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        self.diagnostics(uri, 1)
    }

    pub fn change_full(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(s)) = self.child.try_wait() {
                return Some(s);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn shutdown_and_exit(&mut self) -> ExitStatus {
        let res = self.request("shutdown", Value::Null);
        assert!(res.get("error").is_none(), "{res}");
        self.notify("exit", Value::Null);
        self.wait_exit(TIMEOUT).expect("server exits after exit")
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ------------------------------------------------------------ positions

/// Byte offset of an LSP position in `text` (lines end at `\n`).
pub fn offset_of(text: &str, pos: &Value, utf8: bool) -> usize {
    let line = pos["line"].as_u64().expect("line") as usize;
    let col = pos["character"].as_u64().expect("character") as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(p) => start += p + 1,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find('\n')
        .map(|p| start + p)
        .unwrap_or(text.len());
    let content = text[start..end]
        .strip_suffix('\r')
        .unwrap_or(&text[start..end]);
    let mut used = 0;
    for (i, c) in content.char_indices() {
        if used >= col {
            return start + i;
        }
        used += if utf8 { c.len_utf8() } else { c.len_utf16() };
    }
    start + content.len()
}

/// LSP position of a byte offset.
pub fn position_of(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map(|p| p + 1).unwrap_or(0);
    let prefix = &text[start..offset];
    let col = if utf8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    };
    json!({"line": line, "character": col})
}

pub fn range_of(text: &str, start: usize, end: usize, utf8: bool) -> Value {
    json!({"start": position_of(text, start, utf8), "end": position_of(text, end, utf8)})
}

/// Applies LSP text edits (all relative to `text`) client-side.
pub fn apply_text_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset_of(text, &e["range"]["start"], utf8),
                offset_of(text, &e["range"]["end"], utf8),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|(s, e, _)| (*s, *e));
    for w in spans.windows(2) {
        assert!(w[0].1 <= w[1].0, "overlapping edits: {edits:?}");
    }
    let mut out = text.to_string();
    for (s, e, t) in spans.into_iter().rev() {
        out.replace_range(s..e, &t);
    }
    out
}

/// The edits of a code action for `uri` (from `changes` or `documentChanges`).
pub fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    if let Some(e) = action["edit"]["changes"][uri].as_array() {
        return e.clone();
    }
    action["edit"]["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}
