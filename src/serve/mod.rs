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

/// How the person who started the page stops it; said in the first lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// `nianbao serve` typed in a terminal.
    CtrlC,
    /// `nianbao.exe` double-clicked on Windows: the window is its own.
    Window,
}

/// Serves the page on 127.0.0.1:`port` (0: any free port); `open` opens it
/// in the browser.
pub fn run(port: u16, open: bool) -> i32 {
    run_with(port, open, Stop::CtrlC)
}

/// The double-click case: the page opened in the browser, and an error left
/// readable in the window Explorer opened.
pub fn double_clicked() -> i32 {
    let code = run_with(0, true, Stop::Window);
    if code != 0 {
        // The window closes as soon as the process ends: keep the error on
        // screen until the clerk has read it.
        eprintln!("按回车键关闭此窗口。(Press Enter to close this window.)");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
    code
}

fn run_with(port: u16, open: bool, stop: Stop) -> i32 {
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
         只在本机可访问；上传的文件只保存在内存中，不写入磁盘。{}",
        match stop {
            Stop::CtrlC => {
                "按 Ctrl+C 退出。\n\
                 (checking page on this computer only; uploads stay in memory; Ctrl+C to stop)"
            }
            Stop::Window => {
                "\n关闭此窗口或按 Ctrl+C 停止。在命令行中运行 nianbao --help 查看全部用法。\n\
                 (checking page on this computer only; uploads stay in memory; \
                 close this window or press Ctrl+C to stop; nianbao --help for the command line)"
            }
        }
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
