//! Requests: who may ask (the page's own host and origin only), what they
//! may ask for (a fixed set of routes; the page is compiled in, no request
//! path is ever looked up on disk), and how much they may send.

use super::analyze;
use super::upload::{self, LIMITS, Limits, Refused};
use nianbao::{Lang, rules};
use std::io::Cursor;
use tiny_http::{Header, Method, Request, Response, StatusCode};

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

const SECURITY_HEADERS: &[(&str, &str)] = &[
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
];

type Answer = Response<Cursor<Vec<u8>>>;

/// The server's own address, which every request must name.
pub struct Site {
    pub port: u16,
    pub limits: Limits,
}

impl Site {
    pub fn new(port: u16) -> Site {
        Site {
            port,
            limits: LIMITS,
        }
    }

    fn own_host(&self, host: &str) -> bool {
        let host = host.trim();
        [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ]
        .iter()
        .any(|h| host.eq_ignore_ascii_case(h))
    }

    fn own_origin(&self, origin: &str) -> bool {
        origin
            .trim()
            .strip_prefix("http://")
            .is_some_and(|h| self.own_host(h))
    }
}

fn header<'r>(req: &'r Request, name: &'static str) -> Option<&'r str> {
    req.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

fn answer(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
    // The length is known: send it rather than chunks.
    let mut r = Response::from_data(body.into())
        .with_status_code(StatusCode(status))
        .with_chunked_threshold(usize::MAX);
    let mut add = |k: &str, v: &str| {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            r.add_header(h);
        }
    };
    add("Content-Type", content_type);
    for (k, v) in SECURITY_HEADERS {
        add(k, v);
    }
    r
}

fn text(status: u16, message: &str) -> Answer {
    answer(status, "text/plain; charset=utf-8", message)
}

fn json_error(status: u16, message: &str) -> Answer {
    let body = serde_json::json!({ "error": message }).to_string();
    answer(status, "application/json; charset=utf-8", body)
}

/// Refuses a request that does not come from the page itself: another
/// `Host` (a DNS-rebinding attack names the attacker's host), another
/// `Origin`, or a cross-site fetch of the API.
fn guard(site: &Site, req: &Request, api: bool) -> Option<Answer> {
    match header(req, "Host") {
        Some(h) if site.own_host(h) => {}
        _ => {
            return Some(text(
                403,
                "拒绝访问：请求的主机名不是本机检查页面的地址 (Host not allowed)",
            ));
        }
    }
    if let Some(o) = header(req, "Origin")
        && !site.own_origin(o)
    {
        return Some(text(403, "拒绝访问：请求来自其他网站 (Origin not allowed)"));
    }
    let cross = header(req, "Sec-Fetch-Site").is_some_and(|s| {
        s.eq_ignore_ascii_case("cross-site") || s.eq_ignore_ascii_case("same-site")
    });
    if api && cross {
        return Some(text(403, "拒绝访问：请求来自其他网站 (cross-site request)"));
    }
    None
}

fn lang_of(query: &str) -> Lang {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
        .and_then(Lang::parse)
        .unwrap_or_default()
}

fn rules_list() -> Answer {
    let list: Vec<serde_json::Value> = rules::RULES
        .iter()
        .map(|r| {
            serde_json::json!({
                "name": r.meta.name,
                "severity": r.meta.severity.as_str(),
                "summary": r.meta.summary,
            })
        })
        .collect();
    answer(
        200,
        "application/json; charset=utf-8",
        serde_json::Value::from(list).to_string(),
    )
}

fn rule_doc(name: &str) -> Answer {
    match rules::find(name) {
        Some(r) => answer(
            200,
            "application/json; charset=utf-8",
            serde_json::json!({
                "name": r.meta.name,
                "severity": r.meta.severity.as_str(),
                "doc": r.doc(),
            })
            .to_string(),
        ),
        None => json_error(404, "没有这条规则 (no such rule)"),
    }
}

fn now() -> String {
    nianbao::front::docx::annotate::word_date(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    )
}

fn check(site: &Site, req: &mut Request, lang: Lang) -> Answer {
    let octets = header(req, "Content-Type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/octet-stream"));
    if !octets {
        return json_error(415, "请通过检查页面上传文件 (unsupported content type)");
    }
    if req.body_length().is_some_and(|n| n > site.limits.body) {
        return json_error(413, upload::body_too_large(&site.limits).message());
    }
    let files = upload::read_body(req.as_reader(), &site.limits)
        .and_then(|body| upload::parse(&body, &site.limits));
    let files = match files {
        Ok(f) => f,
        Err(e @ Refused::TooLarge(_)) => return json_error(413, e.message()),
        Err(e) => return json_error(400, e.message()),
    };
    let date = now();
    match std::panic::catch_unwind(|| analyze::check(files, lang, &date)) {
        Ok(result) => match serde_json::to_vec(&result) {
            Ok(body) => answer(200, "application/json; charset=utf-8", body),
            Err(e) => json_error(500, &format!("内部错误 ({e})")),
        },
        Err(_) => json_error(500, "内部错误：检查这些文件时出错，请把文件反馈给开发者"),
    }
}

/// Largest decision request: the decisions file travels in it.
const DECIDE_LIMIT: usize = 4 << 20;

/// A decision made on the page: the decisions file's new text. Sent as
/// `application/octet-stream` like the uploads (no other site can send one
/// without a preflight); the body is JSON.
fn decide(req: &mut Request) -> Answer {
    let octets = header(req, "Content-Type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/octet-stream"));
    if !octets {
        return json_error(415, "请通过检查页面提交 (unsupported content type)");
    }
    if req.body_length().is_some_and(|n| n > DECIDE_LIMIT) {
        return json_error(413, "决定文件过大 (too large)");
    }
    let mut body = Vec::new();
    use std::io::Read as _;
    if req
        .as_reader()
        .take(DECIDE_LIMIT as u64 + 1)
        .read_to_end(&mut body)
        .is_err()
        || body.len() > DECIDE_LIMIT
    {
        return json_error(413, "决定文件过大 (too large)");
    }
    let asked: analyze::Decide = match serde_json::from_slice(&body) {
        Ok(d) => d,
        Err(e) => return json_error(400, &format!("无法读取请求 ({e})")),
    };
    match analyze::decide(asked, &now()) {
        Ok(text) => answer(
            200,
            "application/json; charset=utf-8",
            serde_json::json!({ "text": text }).to_string(),
        ),
        Err(e) => json_error(400, &e),
    }
}

fn route(site: &Site, req: &mut Request) -> Answer {
    let url = req.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let api = path.starts_with("/api/");
    if let Some(refused) = guard(site, req, api) {
        return refused;
    }
    let get = matches!(req.method(), Method::Get | Method::Head);
    match path {
        "/" | "/index.html" if get => answer(200, "text/html; charset=utf-8", INDEX),
        "/app.js" if get => answer(200, "text/javascript; charset=utf-8", APP_JS),
        "/app.css" if get => answer(200, "text/css; charset=utf-8", APP_CSS),
        "/api/rules" if get => rules_list(),
        p if get && p.starts_with("/api/rules/") => rule_doc(&p["/api/rules/".len()..]),
        "/api/check" if *req.method() == Method::Post => check(site, req, lang_of(query)),
        "/api/decide" if *req.method() == Method::Post => decide(req),
        "/" | "/index.html" | "/app.js" | "/app.css" | "/api/rules" | "/api/check"
        | "/api/decide" => text(405, "不支持的请求方法 (method not allowed)"),
        _ => text(404, "没有这个页面 (not found)"),
    }
}

/// Answers one request.
pub fn handle(site: &Site, mut req: Request) {
    let answer = route(site, &mut req);
    let _ = req.respond(answer);
}
