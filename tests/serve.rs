//! `nianbao serve` from the outside: the real binary, raw HTTP over TCP.
//! It listens on 127.0.0.1 only; it answers only requests that name it as
//! their host (and origin), so a DNS-rebinding page cannot reach it; no
//! request path reaches the filesystem; uploads are limited in size, count
//! and zip expansion, with Chinese messages; and checking writes nothing to
//! disk.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    port: u16,
    cwd: tempfile::TempDir,
    tmp: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `nianbao serve` in an empty directory with an empty TMPDIR.
fn serve() -> Server {
    let cwd = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("serve")
        .current_dir(cwd.path())
        .env("TMPDIR", tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let rest = line.split("http://127.0.0.1:").nth(1).expect(&line);
    let port = rest.trim_end().trim_end_matches('/').parse().unwrap();
    Server {
        child,
        port,
        cwd,
        tmp,
    }
}

struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            let t = self.text();
            panic!("{e}: {}", t.chars().take(500).collect::<String>())
        })
    }
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

fn send_to(addr: SocketAddr, raw: &[u8]) -> Answer {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(raw).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let split = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response: {:?}", String::from_utf8_lossy(&out)));
    let head = String::from_utf8_lossy(&out[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Answer {
        status,
        head,
        body: out[split + 4..].to_vec(),
    }
}

impl Server {
    fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
    fn raw(&self, raw: &[u8]) -> Answer {
        send_to(self.addr(), raw)
    }
    fn get(&self, path: &str, host: &str) -> Answer {
        self.raw(
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    }
    fn post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut raw = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.host(),
            body.len()
        );
        for (k, v) in headers {
            raw.push_str(&format!("{k}: {v}\r\n"));
        }
        raw.push_str("\r\n");
        let mut bytes = raw.into_bytes();
        bytes.extend_from_slice(body);
        self.raw(&bytes)
    }
    /// What the page sends: the files framed, as application/octet-stream.
    fn check(&self, files: &[(&str, &[u8])]) -> Answer {
        let origin = format!("http://{}", self.host());
        self.post(
            "/api/check",
            &[
                ("Content-Type", "application/octet-stream"),
                ("Origin", &origin),
            ],
            &frame(files),
        )
    }
}

fn frame(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = Vec::new();
    for (name, data) in files {
        b.extend_from_slice(&(name.len() as u32).to_be_bytes());
        b.extend_from_slice(name.as_bytes());
        b.extend_from_slice(&(data.len() as u32).to_be_bytes());
        b.extend_from_slice(data);
    }
    b
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("{c}"),
        }
    };
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let pad = chunk.iter().filter(|&&c| c == b'=').count();
        let n = chunk
            .iter()
            .map(|&c| if c == b'=' { 0 } else { val(c) })
            .fold(0u32, |a, v| (a << 6) | v);
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    out
}

fn empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn prints_its_address_and_serves_the_page() {
    let s = serve();
    let a = s.get("/", &s.host());
    assert_eq!(a.status, 200);
    assert!(a.text().contains("年报检查"));
    assert!(a.header("Content-Type").unwrap().starts_with("text/html"));
    let csp = a.header("Content-Security-Policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    assert_eq!(a.header("X-Content-Type-Options").unwrap(), "nosniff");
    // Everything the page loads comes from the server itself.
    for asset in ["/app.js", "/app.css"] {
        assert_eq!(s.get(asset, &s.host()).status, 200, "{asset}");
    }
    assert!(!a.text().contains("http://") && !a.text().contains("https://"));
    assert_eq!(s.get("/", &format!("localhost:{}", s.port)).status, 200);
    let rule = s.get("/api/rules/table-sum", &s.host()).json();
    assert!(rule["doc"].as_str().unwrap().contains("勾稽关系"));
    assert_eq!(s.get("/api/rules/nonexistent", &s.host()).status, 404);
}

/// The addresses of this machine other than 127.0.0.1.
fn other_addresses() -> Vec<IpAddr> {
    let mut out: Vec<IpAddr> = vec![IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2))];
    if let Ok(o) = Command::new("hostname").arg("-I").output() {
        for w in String::from_utf8_lossy(&o.stdout).split_whitespace() {
            if let Ok(ip) = w.parse::<IpAddr>()
                && !ip.is_loopback()
            {
                out.push(ip);
            }
        }
    }
    // Without `hostname -I`: the address the kernel would send from (a
    // connected UDP socket sends nothing).
    if out.len() == 1
        && let Ok(u) = std::net::UdpSocket::bind("0.0.0.0:0")
        && u.connect("192.0.2.1:9").is_ok()
        && let Ok(a) = u.local_addr()
        && !a.ip().is_unspecified()
    {
        out.push(a.ip());
    }
    out
}

#[test]
fn listens_on_loopback_only() {
    let s = serve();
    assert_eq!(s.get("/", &s.host()).status, 200);
    let others = other_addresses();
    println!("not reachable at: {others:?}");
    for ip in others {
        let r = TcpStream::connect_timeout(&SocketAddr::new(ip, s.port), Duration::from_secs(2));
        assert!(r.is_err(), "reachable at {ip}:{}", s.port);
    }
}

#[test]
fn refuses_other_hosts_and_origins() {
    let s = serve();
    // DNS rebinding: the attacker's name resolves to 127.0.0.1.
    for host in [
        format!("evil.example:{}", s.port),
        "evil.example".to_string(),
        format!("127.0.0.1:{}", s.port + 1),
        format!("127.0.0.1.evil.example:{}", s.port),
        format!("[::1]:{}", s.port),
    ] {
        let a = s.get("/", &host);
        assert_eq!(a.status, 403, "{host}");
        assert!(a.text().contains("拒绝访问"), "{}", a.text());
        assert_eq!(s.get("/api/rules/table-sum", &host).status, 403);
    }
    // No Host at all (HTTP/1.0).
    assert_eq!(s.raw(b"GET / HTTP/1.0\r\n\r\n").status, 403);
    let body = frame(&[("a.txt", b"x")]);
    let post = |headers: &[(&str, &str)]| s.post("/api/check", headers, &body).status;
    let octets = ("Content-Type", "application/octet-stream");
    assert_eq!(post(&[octets, ("Origin", "http://evil.example")]), 403);
    assert_eq!(post(&[octets, ("Origin", "null")]), 403);
    let other_port = format!("http://127.0.0.1:{}", s.port + 1);
    assert_eq!(post(&[octets, ("Origin", &other_port)]), 403);
    assert_eq!(post(&[octets, ("Sec-Fetch-Site", "cross-site")]), 403);
    // A form another site could submit without a preflight.
    assert_eq!(post(&[("Content-Type", "text/plain")]), 415);
    assert_eq!(
        post(&[("Content-Type", "multipart/form-data; boundary=x")]),
        415
    );
    let own = format!("http://{}", s.host());
    assert_eq!(post(&[octets, ("Origin", &own)]), 200);
    assert_eq!(post(&[octets, ("Sec-Fetch-Site", "same-origin")]), 200);
    // No CORS: a preflight gets no permission.
    let a = s.raw(
        format!(
            "OPTIONS /api/check HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
            s.host()
        )
        .as_bytes(),
    );
    assert_ne!(a.status, 200);
    assert!(a.header("Access-Control-Allow-Origin").is_none());
}

#[test]
fn no_request_path_reaches_the_filesystem() {
    let s = serve();
    std::fs::write(s.cwd.path().join("secret.txt"), "SECRET-CONTENT").unwrap();
    let host = s.host();
    for path in [
        "/secret.txt",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/app.js/../secret.txt",
        "/Cargo.toml",
        "/src/main.rs",
        "/etc/passwd",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
        "/assets/app.js",
        "/api/rules/../../Cargo.toml",
    ] {
        let a = s.get(path, &host);
        assert!(a.status == 404 || a.status == 400, "{path}: {}", a.status);
        let t = a.text();
        assert!(
            !t.contains("SECRET") && !t.contains("root:") && !t.contains("[package]"),
            "{path}"
        );
    }
    let a = s.raw(
        format!(
            "GET http://{host}/etc/passwd HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    );
    assert!(!a.text().contains("root:"));
    assert_eq!(
        s.raw(
            format!(
                "PUT / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .as_bytes()
        )
        .status,
        405
    );
    std::fs::remove_file(s.cwd.path().join("secret.txt")).unwrap();
}

/// A zip whose central directory says its one entry expands to `size`
/// bytes (what a zip bomb looks like before it is opened).
fn zip_claiming(size: u32) -> Vec<u8> {
    let name = b"word/document.xml";
    let data = [0x03u8, 0x00]; // an empty deflate stream
    let mut z = Vec::new();
    let local = |z: &mut Vec<u8>| {
        z.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        z.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
        z.extend_from_slice(&0u32.to_le_bytes()); // crc
        z.extend_from_slice(&(data.len() as u32).to_le_bytes());
        z.extend_from_slice(&size.to_le_bytes());
        z.extend_from_slice(&(name.len() as u16).to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
        z.extend_from_slice(name);
    };
    local(&mut z);
    z.extend_from_slice(&data);
    let cd_start = z.len() as u32;
    z.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    z.extend_from_slice(&[20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    z.extend_from_slice(&0u32.to_le_bytes());
    z.extend_from_slice(&(data.len() as u32).to_le_bytes());
    z.extend_from_slice(&size.to_le_bytes());
    z.extend_from_slice(&(name.len() as u16).to_le_bytes());
    z.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
    z.extend_from_slice(&0u32.to_le_bytes()); // external attributes
    z.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    z.extend_from_slice(name);
    let cd_len = z.len() as u32 - cd_start;
    z.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    z.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    z.extend_from_slice(&cd_len.to_le_bytes());
    z.extend_from_slice(&cd_start.to_le_bytes());
    z.extend_from_slice(&0u16.to_le_bytes());
    z
}

#[test]
fn limits_on_size_count_and_zip_expansion() {
    let s = serve();
    let octets = ("Content-Type", "application/octet-stream");
    // A body announced as too large is refused before it is read.
    let a = s.raw(
        format!(
            "POST /api/check HTTP/1.1\r\nHost: {}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            s.host(),
            60u64 << 20
        )
        .as_bytes(),
    );
    assert_eq!(a.status, 413);
    assert!(a.json()["error"].as_str().unwrap().contains("超过 50 MB"));
    // A file over the limit.
    let big = vec![b'a'; (20 << 20) + 1];
    let a = s.post("/api/check", &[octets], &frame(&[("大文件.txt", &big)]));
    assert_eq!(a.status, 413);
    assert!(
        a.json()["error"]
            .as_str()
            .unwrap()
            .contains("“大文件.txt”超过 20 MB")
    );
    // Too many files.
    let many: Vec<(String, Vec<u8>)> = (0..21).map(|i| (format!("{i}.txt"), vec![b'x'])).collect();
    let refs: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let a = s.check(&refs);
    assert_eq!(a.status, 413);
    assert!(
        a.json()["error"]
            .as_str()
            .unwrap()
            .contains("一次最多检查 20 个文件")
    );
    // A malformed body.
    let a = s.post("/api/check", &[octets], b"\x00\x00\x00\x09abc");
    assert_eq!(a.status, 400);
    assert!(a.json()["error"].as_str().unwrap().contains("不完整"));
    // A zip bomb: refused from what it declares, before anything is expanded.
    let a = s.check(&[("炸弹.docx", &zip_claiming(300 << 20))]);
    assert_eq!(a.status, 200);
    let e = a.json()["files"][0]["error"].as_str().unwrap().to_string();
    assert!(e.contains("解压后超过 200 MB"), "{e}");
    // Too many parts.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..5001 {
        w.start_file(format!("p{i}"), zip::write::SimpleFileOptions::default())
            .unwrap();
    }
    let parts = w.finish().unwrap().into_inner();
    let a = s.check(&[("部件.docx", &parts)]);
    let e = a.json()["files"][0]["error"].as_str().unwrap().to_string();
    assert!(e.contains("部件超过 5000 个"), "{e}");
    // A file that is no report at all.
    let a = s.check(&[("笔记.txt", "今天开会。\n".repeat(1000).as_bytes())]);
    let f = &a.json()["files"][0];
    assert!(
        f["notice"]
            .as_str()
            .unwrap()
            .contains("不是政府信息公开工作年度报告")
    );
    assert_eq!(f["findings"].as_array().unwrap().len(), 0);
    // A PDF that is only a header: its sentence; a format nianbao does
    // not read: named.
    let a = s.check(&[("扫描件.pdf", b"%PDF-1.4")]);
    let e = a.json()["files"][0]["error"].as_str().unwrap().to_string();
    assert!(e.contains("PDF 文件已损坏或不是 PDF"), "{e}");
    let a = s.check(&[("报表.xls", b"\xd0\xcf\x11\xe0 data")]);
    assert!(
        a.json()["files"][0]["error"]
            .as_str()
            .unwrap()
            .contains("不支持的文件类型")
    );
    // The server is still there after all of that.
    assert_eq!(s.get("/", &s.host()).status, 200);
}

#[test]
fn checks_text_gb18030_and_word_drafts_in_memory() {
    let s = serve();
    let text = support::fixture("002");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let word = support::Docx {
        blocks: support::from_text(&text, true, &|n| n.to_string()),
        styles: support::chinese_word_headings(),
        ..support::Docx::default()
    }
    .to_bytes();
    let a = s.check(&[
        ("002.txt", text.as_bytes()),
        ("002-gbk.txt", &gbk),
        ("002.docx", &word),
    ]);
    assert_eq!(a.status, 200, "{}", a.text());
    let v = a.json();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    for f in files {
        let sum = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "table-sum")
            .unwrap_or_else(|| panic!("{f:#}"));
        assert_eq!(sum["note"], "应为 1", "{}", f["name"]);
        assert!(sum["target"].as_str().unwrap().contains('c'), "a cell");
        assert_eq!(f["summary"]["error"], 1);
    }
    assert_eq!(files[1]["encoding"], "GB18030/GBK");
    // The fixed GB18030 text is GB18030 again, with 1 in the cell.
    let fixed = base64_decode(files[1]["fixed"]["data"].as_str().unwrap());
    let (fixed, _, bad) = encoding_rs::GB18030.decode(&fixed);
    assert!(!bad);
    assert!(fixed.contains("(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"));
    assert_eq!(files[1]["fixed"]["name"], "002-gbk（已修复）.txt");
    assert!(
        files[1]["fixed"]["diff"]
            .as_str()
            .unwrap()
            .contains("+(七)总计 | 1 |")
    );
    // The Word draft comes back with one comment per finding.
    let annotated = base64_decode(files[2]["annotated"]["data"].as_str().unwrap());
    let n = files[2]["findings"].as_array().unwrap().len();
    assert_eq!(files[2]["annotated"]["count"], n);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(annotated)).unwrap();
    let mut comments = String::new();
    zip.by_name("word/comments.xml")
        .unwrap()
        .read_to_string(&mut comments)
        .unwrap();
    assert_eq!(comments.matches("<w:comment ").count(), n);
    assert!(comments.contains("应为 1：它使 3 条勾稽关系不成立"));
    assert_eq!(files[2]["findings"][0]["location"], "第1段");
    // Nothing was written: not in the working directory, not in TMPDIR.
    assert!(empty(s.cwd.path()) && empty(s.tmp.path()));
}

/// Table 三 in Word's official merged layout: its own header lines up with
/// the numbers, so the page adds no column names; the wrong cell is marked.
#[test]
fn word_table_in_the_official_layout_keeps_its_own_header() {
    let s = serve();
    let text = support::fixture("002");
    let mut docx = support::Docx {
        blocks: support::from_text(&text, true, &|n| n.to_string()),
        styles: support::chinese_word_headings(),
        ..support::Docx::default()
    };
    for b in &mut docx.blocks {
        if let support::Block::Table(rows) = b
            && rows[0][0].text.contains("勾稽关系")
        {
            let texts: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(|c| c.text.clone()).collect())
                .collect();
            *rows = support::official_table3(&texts);
        }
    }
    let v = s.check(&[("official.docx", &docx.to_bytes())]).json();
    let f = &v["files"][0];
    let t3 = f["document"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "表三")
        .unwrap();
    let rows = t3["rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["names"] == false), "{t3:#}");
    let sum = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "table-sum")
        .unwrap();
    assert_eq!(sum["location"], "表三 第25行 第4列");
    // The cell is the first number of the （七）总计 row, under 自然人.
    let col_of = |row: &serde_json::Value, id: &str| -> Option<u64> {
        let mut col = 0;
        for c in row["cells"].as_array().unwrap() {
            if c["id"] == id || c["text"] == id {
                return Some(col);
            }
            col += c["colspan"].as_u64().unwrap();
        }
        None
    };
    let target = sum["target"].as_str().unwrap();
    let row = rows.iter().find(|r| col_of(r, target).is_some()).unwrap();
    assert!(row["cells"][0]["text"].as_str().unwrap().contains("总计"));
    let header_col = rows.iter().find_map(|r| col_of(r, "自然人")).unwrap();
    assert_eq!(col_of(row, target), Some(header_col));
}

/// A PDF (seed 002 exported by LibreOffice): its tables shown, the wrong
/// cell marked with its page; no fixed text and no annotated copy.
#[test]
fn checks_a_pdf_and_marks_its_wrong_cell() {
    let s = serve();
    let pdf = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes/pdf/seed-002.pdf"),
    )
    .unwrap();
    let v = s.check(&[("002.pdf", &pdf)]).json();
    let f = &v["files"][0];
    assert_eq!(f["kind"], "pdf", "{f:#}");
    assert!(f["error"].is_null() && f["fixed"].is_null() && f["annotated"].is_null());
    let sum = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "table-sum")
        .unwrap_or_else(|| panic!("{f:#}"));
    assert_eq!(sum["note"], "应为 1");
    assert_eq!(sum["location"], "第3页 表三 第25行 第4列");
    let target = sum["target"].as_str().unwrap();
    let marked = f["document"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["name"] == "表三")
        .flat_map(|b| b["rows"].as_array().unwrap())
        .flat_map(|r| r["cells"].as_array().unwrap())
        .any(|c| c["id"] == target);
    assert!(marked, "the wrong cell is in table 三's view");
    // A damaged PDF: its one sentence.
    let scan = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF";
    let v = s.check(&[("scan.pdf", scan.as_slice())]).json();
    assert!(
        v["files"][0]["error"].as_str().unwrap().contains("PDF"),
        "{v:#}"
    );
    assert!(empty(s.cwd.path()) && empty(s.tmp.path()));
}

#[test]
fn two_years_of_one_unit_give_carry_over() {
    let s = serve();
    let this = support::fixture("002");
    let last = this.replace("2020", "2019").replace(
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    );
    let a = s.check(&[
        ("2019年报.txt", last.as_bytes()),
        ("2020年报.txt", this.as_bytes()),
    ]);
    let v = a.json();
    assert!(v["files"][0]["paired_with"].is_null());
    assert_eq!(v["files"][1]["paired_with"], "2019年报.txt");
    let carried: Vec<&serde_json::Value> = v["files"][1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "carry-over")
        .collect();
    assert_eq!(carried.len(), 3, "{carried:#?}");
    // Alone, the same report has none.
    let a = s.check(&[("2020年报.txt", this.as_bytes())]);
    assert!(
        a.json()["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "carry-over")
    );
}

#[test]
fn port_option_and_a_port_in_use() {
    let s = serve();
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["serve", "--port", &s.port.to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法监听"));
}

/// `--open` runs the desktop's opener with the page's address; without
/// one, it says so and serves all the same.
#[cfg(target_os = "linux")]
#[test]
fn open_starts_the_browser_or_says_it_could_not() {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let start = |path: &Path| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["serve", "--open"])
            .env("PATH", path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.split('：').nth(1).unwrap().trim().to_string();
        (child, url)
    };
    let (mut child, url) = start(bin.path());
    let mut waited = 0;
    while !opened.exists() && waited < 100 {
        std::thread::sleep(Duration::from_millis(50));
        waited += 1;
    }
    assert_eq!(std::fs::read_to_string(&opened).unwrap().trim(), url);
    child.kill().unwrap();
    child.wait().unwrap();

    let nothing = tempfile::tempdir().unwrap();
    let (mut child, url) = start(nothing.path());
    let mut err = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut err)
        .unwrap();
    assert!(
        err.contains("没能自动打开浏览器") && err.contains(&url),
        "{err}"
    );
    let port: u16 = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let a = send_to(
        SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(a.status, 200);
    child.kill().unwrap();
    child.wait().unwrap();
}

/// A saved portal page (GBK, table layout) is checked like a draft: its
/// findings located on the page's own lines, paired with last year's text
/// by the file names, and nothing offered for download (a page is not
/// rewritten).
#[test]
fn saved_portal_pages_are_checked_and_paired() {
    let s = serve();
    let page = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/portal/2020年银川市市政管理局政府信息公开工作年度报告.htm"),
    )
    .unwrap();
    let last = support::fixture("002").replace("2020", "2019").replace(
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    );
    let a = s.check(&[
        ("银川市市政管理局2019年报.txt", last.as_bytes()),
        ("2020年银川市市政管理局政府信息公开工作年度报告.htm", &page),
    ]);
    assert_eq!(a.status, 200, "{}", a.text());
    let v = a.json();
    let f = &v["files"][1];
    assert_eq!(f["kind"], "html");
    assert_eq!(f["encoding"], "GBK");
    assert_eq!(f["paired_with"], "银川市市政管理局2019年报.txt");
    let findings = f["findings"].as_array().unwrap();
    let sum = findings.iter().find(|d| d["rule"] == "table-sum").unwrap();
    assert_eq!(sum["note"], "应为 1");
    assert_eq!(sum["location"], "第95行");
    assert_eq!(
        (sum["line"].as_u64(), sum["column"].as_u64()),
        (Some(95), Some(35))
    );
    assert!(sum["target"].as_str().unwrap().contains('c'), "a cell");
    assert!(
        findings.iter().any(|d| d["rule"] == "carry-over"),
        "{findings:#?}"
    );
    assert!(f["fixed"].is_null() && f["annotated"].is_null());
    assert!(
        f["document"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["name"] == "表三")
    );
}

/// The two years of one unit in `tests/fixtures/crossyear/`.
fn crossyear(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/crossyear")
            .join(name),
    )
    .unwrap()
}

const EDU_2023: &str = "青石县教育局2023年政府信息公开工作年度报告.txt";
const EDU_2024: &str = "青石县教育局2024年政府信息公开工作年度报告.txt";

/// Copied text on the page: the 2024 report's section 五 repeats 2023's,
/// and the copied passages name last year's file and its lines.
#[test]
fn two_years_of_one_unit_give_repeated_text() {
    let s = serve();
    let (last, this) = (crossyear(EDU_2023), crossyear(EDU_2024));
    let v = s
        .check(&[(EDU_2023, last.as_bytes()), (EDU_2024, this.as_bytes())])
        .json();
    let five = v["files"][1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "repeated-text" && d["severity"] == "warning")
        .expect("section 五");
    assert!(five["message"].as_str().unwrap().contains("69%"), "{five}");
    let there: Vec<&str> = five["related"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["file"] == EDU_2023)
        .map(|r| r["location"].as_str().unwrap())
        .collect();
    assert_eq!(
        there,
        [
            format!("{EDU_2023}：第 89 行"),
            format!("{EDU_2023}：第 87 行")
        ]
    );
}

/// A decision made on the page survives an edit above the finding and a
/// run of the command line: the page writes the decisions file (its text
/// comes back from /api/decide), the reviewer keeps it beside the drafts,
/// the unit edits its draft, and `nianbao check --decisions` still knows
/// the findings decided.
#[test]
fn a_decision_made_on_the_page_survives_an_edit_and_the_command_line() {
    let s = serve();
    let last = crossyear(EDU_2023);
    // 予以公开's 总计 written 5 instead of 4: a table-sum error of its own.
    let this = crossyear(EDU_2024).replace(
        "（一）予以公开\t3\t1\t0\t0\t0\t0\t4",
        "（一）予以公开\t3\t1\t0\t0\t0\t0\t5",
    );
    let v = s
        .check(&[(EDU_2023, last.as_bytes()), (EDU_2024, this.as_bytes())])
        .json();
    let file = &v["files"][1];
    assert_eq!(file["unit"], "青石县教育局");
    assert_eq!(file["year"], 2024);
    let findings = file["findings"].as_array().unwrap();
    let pick = |rule: &str, severity: &str| {
        findings
            .iter()
            .find(|d| d["rule"] == rule && d["severity"] == severity)
            .unwrap_or_else(|| panic!("{rule}: {findings:#?}"))
            .clone()
    };
    let sum = pick("table-sum", "error");
    let copied = pick("repeated-text", "warning");
    let origin = format!("http://{}", s.host());
    let decide = |text: &str, d: &serde_json::Value, verdict: &str, comment: &str| {
        let body = serde_json::json!({
            "text": text,
            "unit": file["unit"],
            "year": file["year"],
            "rule": d["rule"],
            "fingerprint": d["fingerprint"],
            "message": d["message"],
            "verdict": verdict,
            "comment": comment,
        });
        let a = s.post(
            "/api/decide",
            &[
                ("Content-Type", "application/octet-stream"),
                ("Origin", &origin),
            ],
            body.to_string().as_bytes(),
        );
        assert_eq!(a.status, 200, "{}", a.text());
        a.json()["text"].as_str().unwrap().to_string()
    };
    let text = decide("", &sum, "忽略", "单位已说明：总计系笔误，下一版改正");
    let text = decide(&text, &copied, "确认", "第五部分须按本年情况重写");
    assert!(text.contains("decision = \"忽略\"") && text.contains("decision = \"确认\""));
    // Refused: another site, a made-up rule.
    let a = s.post(
        "/api/decide",
        &[
            ("Content-Type", "application/octet-stream"),
            ("Origin", "http://evil.example"),
        ],
        b"{}",
    );
    assert_eq!(a.status, 403);
    let bad = serde_json::json!({"unit": "x", "year": 2024, "rule": "no-such-rule", "fingerprint": "f", "verdict": "忽略"});
    let a = s.post(
        "/api/decide",
        &[
            ("Content-Type", "application/octet-stream"),
            ("Origin", &origin),
        ],
        bad.to_string().as_bytes(),
    );
    assert_eq!(a.status, 400);
    // The server wrote nothing: the decisions travel in the answers.
    assert!(empty(s.cwd.path()) && empty(s.tmp.path()));

    // The page again, with the decisions file among the uploads.
    let v = s
        .check(&[
            (EDU_2023, last.as_bytes()),
            (EDU_2024, this.as_bytes()),
            ("决定.toml", text.as_bytes()),
        ])
        .json();
    assert_eq!(v["decisions"]["count"], 2);
    let file = &v["files"][1];
    assert_eq!(file["dismissed"].as_array().unwrap().len(), 1);
    assert_eq!(file["dismissed"][0]["rule"], "table-sum");
    assert_eq!(file["summary"]["error"], 0);
    let confirmed: Vec<&serde_json::Value> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["decision"].is_null())
        .collect();
    assert_eq!(confirmed.len(), 1);
    assert_eq!(
        confirmed[0]["decision"]["comment"],
        "第五部分须按本年情况重写"
    );

    // Beside the drafts, on disk; the unit adds a paragraph above both
    // findings; the command line reads the decisions.
    let dir = tempfile::tempdir().unwrap();
    let edited = this.replacen(
        "## 一、总体情况\n",
        "## 一、总体情况\n\n本年度，我局按照县政府办公室的统一部署，对政务公开工作进行了专题研究。\n",
        1,
    );
    assert_ne!(edited, this);
    std::fs::write(dir.path().join(EDU_2023), &last).unwrap();
    std::fs::write(dir.path().join(EDU_2024), &edited).unwrap();
    std::fs::write(dir.path().join("决定.toml"), &text).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("check")
            .args(args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run(&["--decisions", "决定.toml", "."]);
    assert!(!out.contains("table-sum"), "{out}{err}");
    assert!(out.contains("审核确认: 第五部分须按本年情况重写"), "{out}");
    assert!(out.contains("另有 1 个问题已按审核决定忽略"), "{out}");
    assert_eq!(code, Some(0), "the one error was dismissed: {out}{err}");
    // Without the decisions the error is there (the edit did not fix it).
    let (code, out, _) = run(&["."]);
    assert!(out.contains("table-sum"), "{out}");
    assert_eq!(code, Some(1));
    // JSON: the confirmed finding carries its decision; CSV counts the
    // dismissed one.
    let (_, json, _) = run(&["--decisions", "决定.toml", "--format", "json", "."]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let marked: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["decision"].is_null())
        .collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0]["decision"]["verdict"], "confirmed");
    assert_eq!(marked[0]["fingerprint"], copied["fingerprint"]);
    let (_, csv, _) = run(&["--decisions", "决定.toml", "--format", "csv", "."]);
    let head = csv.lines().next().unwrap();
    let column = head.split(',').position(|c| c == "已忽略").expect(head);
    let row = csv.lines().find(|l| l.contains("2024")).unwrap();
    assert_eq!(row.split(',').nth(column), Some("1"), "{csv}");
    // A decisions file that cannot be read is an error, never ignored.
    std::fs::write(dir.path().join("坏.toml"), "[[decision]]\nunit = 1\n").unwrap();
    let (code, _, err) = run(&["--decisions", "坏.toml", "."]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("坏.toml:2") || err.contains("坏.toml:1"),
        "{err}"
    );
}
