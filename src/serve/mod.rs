//! `nianbao serve`: a checking page on this computer, for people who draft
//! in Word and have never opened a terminal or an editor. It listens on
//! 127.0.0.1 only; the page (HTML, CSS, JS) is compiled into the binary and
//! loads nothing from elsewhere; uploaded drafts stay in memory and are
//! never written to disk. See ARCHITECTURE.md.

mod analyze;
mod http;
mod upload;
mod view;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

/// Requests answered at the same time; checking a draft takes milliseconds.
const WORKERS: usize = 4;

/// Serves the page on 127.0.0.1:`port` (0: any free port); `open` opens it
/// in the browser.
pub fn run(port: u16, open: bool) -> i32 {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match TcpListener::bind(addr) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("nianbao: 无法监听 {addr}（端口可能已被占用）：{e}");
            return 2;
        }
    };
    let port = match listener.local_addr() {
        Ok(a) => a.port(),
        Err(e) => {
            eprintln!("nianbao: {e}");
            return 2;
        }
    };
    let server = match tiny_http::Server::from_listener(listener, None) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("nianbao: 无法启动检查页面：{e}");
            return 2;
        }
    };
    let url = format!("http://127.0.0.1:{port}/");
    say(&format!(
        "nianbao 检查页面：{url}\n\
         只在本机可访问；上传的文件只保存在内存中，不写入磁盘。按 Ctrl+C 退出。\n\
         (checking page on this computer only; uploads stay in memory; Ctrl+C to stop)"
    ));
    if open {
        open_browser(&url);
    }
    let site = http::Site::new(port);
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                while let Ok(req) = server.recv() {
                    http::handle(&site, req);
                }
            });
        }
    });
    0
}

/// Prints a line at once (a test or script reads the address from it).
fn say(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{s}");
    let _ = out.flush();
}

/// Opens `url` in the default browser; a failure is only a message.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", "", url])
    } else if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let url = url.to_string();
    match spawned {
        Ok(mut child) => {
            std::thread::spawn(move || {
                if !child.wait().is_ok_and(|s| s.success()) {
                    eprintln!("nianbao: 没能自动打开浏览器，请手动打开 {url}");
                }
            });
        }
        Err(e) => eprintln!("nianbao: 没能自动打开浏览器（{program}: {e}），请手动打开 {url}"),
    }
}
