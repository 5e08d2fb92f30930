//! The input side of stdio. tower-lsp-server's reader stops for good at the
//! first message it cannot decode (tokio-util ends the stream after a codec
//! error), so one malformed message would end the session. A thread reads
//! stdin here instead, frames it, and hands tower only well-formed JSON-RPC:
//! a body that is not JSON, or not a JSON-RPC message, is replaced by a
//! request to [`INVALID_MESSAGE`], which answers with the JSON-RPC error
//! (-32700 parse error, -32600 invalid request). Header junk is skipped up
//! to the next `Content-Length`. Reading on a plain thread also means a
//! blocked read never holds up the exit.

use std::io::{BufRead, Read, Write};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;

/// The method the stand-in for a malformed message calls.
pub const INVALID_MESSAGE: &str = "nianbao/invalidMessage";

/// Largest message accepted (a 64 MB document is far beyond any report).
const MAX_BODY: usize = 64 << 20;

/// Set when `exit` came after `shutdown` in the input: tower-lsp cancels
/// a shutdown handler that has not run yet when `exit` follows right
/// behind it, so the server's own flag cannot tell.
static ORDERLY_EXIT: AtomicBool = AtomicBool::new(false);

/// Whether the client asked for `shutdown` and then `exit` (exit code 0).
pub fn orderly_exit() -> bool {
    ORDERLY_EXIT.load(Ordering::SeqCst)
}

/// The method of a small message (`shutdown` and `exit` are tiny; large
/// bodies are not parsed twice).
fn small_message_method(body: &[u8]) -> Option<String> {
    if body.len() > 512 {
        return None;
    }
    let v: Value = serde_json::from_slice(body).ok()?;
    Some(v.get("method")?.as_str()?.to_string())
}

/// Starts the stdin thread and returns the reader tower reads from.
pub fn stdin() -> ChannelReader {
    let (tx, rx) = mpsc::channel::<Vec<u8>>(64);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut shutdown_seen = false;
        while let Some(body) = next_body(&mut input) {
            let body = sanitize(body);
            match small_message_method(&body).as_deref() {
                Some("shutdown") => shutdown_seen = true,
                Some("exit") if shutdown_seen => ORDERLY_EXIT.store(true, Ordering::SeqCst),
                _ => {}
            }
            let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
            frame.extend_from_slice(&body);
            if tx.blocking_send(frame).is_err() {
                break;
            }
        }
    });
    ChannelReader {
        rx,
        buf: Vec::new(),
        pos: 0,
    }
}

/// Reads the next message body; `None` at end of input.
fn next_body(input: &mut impl BufRead) -> Option<Vec<u8>> {
    loop {
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            let mut line = Vec::new();
            if input.read_until(b'\n', &mut line).ok()? == 0 {
                return None;
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = text.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().ok();
            }
        }
        match length {
            Some(n) if n <= MAX_BODY => {
                let mut body = vec![0u8; n];
                input.read_exact(&mut body).ok()?;
                return Some(body);
            }
            Some(n) => {
                eprintln!("nianbao lsp: message of {n} bytes skipped (limit {MAX_BODY})");
                std::io::copy(&mut input.take(n as u64), &mut std::io::sink()).ok()?;
            }
            None => eprintln!("nianbao lsp: header without Content-Length skipped"),
        }
    }
}

fn valid_id(v: &Value) -> bool {
    v.is_null() || v.is_string() || v.as_i64().is_some()
}

/// Whether tower can decode `v` as a request, notification or response.
fn well_formed(v: &Value) -> bool {
    let Some(obj) = v.as_object() else {
        return false;
    };
    if obj.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return false;
    }
    if obj.get("id").is_some_and(|id| !valid_id(id)) {
        return false;
    }
    match obj.get("method") {
        Some(m) => m.is_string(),
        None => {
            obj.contains_key("id")
                && (obj.contains_key("result")
                    || obj.get("error").is_some_and(|e| {
                        e.get("code").and_then(Value::as_i64).is_some()
                            && e.get("message").is_some_and(Value::is_string)
                    }))
        }
    }
}

/// The body tower gets: the message itself, or a stand-in request that
/// answers with the right JSON-RPC error.
fn sanitize(body: Vec<u8>) -> Vec<u8> {
    let (code, id) = match serde_json::from_slice::<Value>(&body) {
        Ok(v) if well_formed(&v) => return body,
        Ok(v) => (
            -32600,
            v.get("id")
                .filter(|id| valid_id(id))
                .cloned()
                .unwrap_or(Value::Null),
        ),
        Err(_) => (-32700, Value::Null),
    };
    eprintln!(
        "nianbao lsp: malformed message ({}) answered with an error",
        if code == -32700 {
            "not JSON"
        } else {
            "not JSON-RPC"
        }
    );
    json!({"jsonrpc": "2.0", "id": id, "method": INVALID_MESSAGE, "params": {"code": code}})
        .to_string()
        .into_bytes()
}

/// The output side: stdout written directly from the runtime's thread.
/// tokio's own stdout hands every write to its blocking pool, a thread
/// switch per message on the typing path; a language server has nothing
/// else to do while its client reads, so a plain write is both simpler and
/// faster. Each write is flushed (tower's framed writer already batches).
pub fn stdout() -> Stdout {
    Stdout(std::io::stdout())
}

pub struct Stdout(std::io::Stdout);

impl AsyncWrite for Stdout {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let mut out = self.0.lock();
        Poll::Ready(
            out.write_all(buf)
                .and_then(|()| out.flush())
                .map(|()| buf.len()),
        )
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(self.0.lock().flush())
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(self.0.lock().flush())
    }
}

/// Writes a notification straight to stdout, serialized once from its
/// typed parameters. tower's `Client` first turns the parameters into a
/// `serde_json::Value` and then serializes that, which for a report with a
/// thousand findings doubled the publisher's work. Safe to mix with tower's
/// own output: both write whole frames through the locked stdout, from the
/// runtime's one thread.
pub fn notify<P: serde::Serialize>(method: &str, params: &P) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    let body = serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method,
        params,
    })?;
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    let mut out = std::io::stdout().lock();
    out.write_all(&frame)?;
    out.flush()
}

/// An `AsyncRead` over the frames the stdin thread sends.
pub struct ChannelReader {
    rx: mpsc::Receiver<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
}

impl AsyncRead for ChannelReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        loop {
            if self.pos < self.buf.len() {
                let n = out.remaining().min(self.buf.len() - self.pos);
                let start = self.pos;
                out.put_slice(&self.buf[start..start + n]);
                self.pos += n;
                return Poll::Ready(Ok(()));
            }
            match self.rx.poll_recv(cx) {
                Poll::Ready(Some(frame)) => {
                    self.buf = frame;
                    self.pos = 0;
                }
                // End of input.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_resyncs() {
        let input = b"junk\r\n\r\nContent-Length: 2\r\n\r\n{}Content-Length: 3\r\nContent-Type: x\r\n\r\nabc";
        let mut r = std::io::BufReader::new(&input[..]);
        assert_eq!(next_body(&mut r).as_deref(), Some(&b"{}"[..]));
        assert_eq!(next_body(&mut r).as_deref(), Some(&b"abc"[..]));
        assert_eq!(next_body(&mut r), None);
    }

    #[test]
    fn malformed_bodies_become_error_requests() {
        let ok = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#.to_vec();
        assert_eq!(sanitize(ok.clone()), ok);
        let resp = br#"{"jsonrpc":"2.0","id":"a","result":null}"#.to_vec();
        assert_eq!(sanitize(resp.clone()), resp);
        let v: Value = serde_json::from_slice(&sanitize(b"{oops".to_vec())).unwrap();
        assert_eq!(v["method"], INVALID_MESSAGE);
        assert_eq!(v["params"]["code"], -32700);
        assert!(v["id"].is_null());
        let v: Value = serde_json::from_slice(&sanitize(
            br#"{"jsonrpc":"2.0","id":7,"method":3}"#.to_vec(),
        ))
        .unwrap();
        assert_eq!(v["params"]["code"], -32600);
        assert_eq!(v["id"], 7);
        let v: Value = serde_json::from_slice(&sanitize(b"[1]".to_vec())).unwrap();
        assert_eq!(v["params"]["code"], -32600);
    }
}
