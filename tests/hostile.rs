//! Hostile input, clear answers: each case puts something nasty next to a
//! real report and runs `nianbao check` on both. The nasty file gets a
//! Chinese message naming it and exit code 2 (or is skipped with a note);
//! the run ends within a time bound with bounded memory (peak RSS printed);
//! the real report is still checked.

#![cfg(unix)]

use std::io::{BufWriter, Read, Write};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(30);
const RSS_LIMIT_KB: u64 = 400 * 1024;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A real report with one known finding (table-sum on line 54).
fn good_report() -> String {
    std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    peak_rss_kb: u64,
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `nianbao check ARGS` in `dir`, killing it after `TIME_LIMIT`, and
/// samples its peak RSS while it runs.
fn check(dir: &Path, args: &[&str]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .current_dir(dir)
        .stdin(match std::fs::File::open(dir.join("stdin.bin")) {
            Ok(f) => Stdio::from(f),
            Err(_) => Stdio::null(),
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let mut peak = 0;
    let status = loop {
        if let Some(kb) = peak_rss_kb(child.id()) {
            peak = peak.max(kb);
        }
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Run {
                code: -9,
                stdout: "[]".into(),
                stderr: format!("killed: still running after {TIME_LIMIT:?}"),
                elapsed: started.elapsed(),
                peak_rss_kb: peak,
            };
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
        elapsed: started.elapsed(),
        peak_rss_kb: peak,
    }
}

/// The rules reported for files whose path ends with `name`.
fn rules_for(run: &Run, name: &str) -> Vec<String> {
    let items: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", run.stdout));
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

struct Case {
    name: &'static str,
    /// Prepares `dir` (which already holds `good/report.txt`) and returns
    /// the arguments to check.
    setup: fn(&Path) -> Vec<String>,
    code: i32,
    /// Every one must appear in stderr (the file's name, the reason).
    stderr_has: &'static [&'static str],
    /// Run afterwards on the directory (e.g. a file that must be unchanged).
    after: Option<fn(&Path)>,
}

fn write_big_text(path: &Path, bytes: usize) {
    let line = "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n".repeat(1000);
    let mut w = BufWriter::new(std::fs::File::create(path).unwrap());
    let mut written = 0;
    while written < bytes {
        w.write_all(line.as_bytes()).unwrap();
        written += line.len();
    }
    w.flush().unwrap();
}

/// A .docx whose word/document.xml inflates to `size` bytes of spaces from
/// about size/160 bytes: one fixed-Huffman deflate block of "copy 258 bytes
/// from distance 1", written by hand (compressing for real takes long in a
/// debug build). The CRC is left 0: a reader that stops at its size limit
/// never gets to check it.
fn zip_bomb(size: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, len: u32) {
            for i in 0..len {
                self.acc |= ((value >> i) & 1) << self.n;
                self.n += 1;
                if self.n == 8 {
                    self.out.push(self.acc as u8);
                    self.acc = 0;
                    self.n = 0;
                }
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            let reversed = code.reverse_bits() >> (32 - len);
            self.put(reversed, len);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30 + u32::from(b' '), 8); // literal ' '
    let copies = (size - 1) / 258;
    for _ in 0..copies {
        b.code(0xC0 + (285 - 280), 8); // length 258
        b.code(0, 5); // distance 1
    }
    b.code(0, 7); // end of block
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    let data = b.out;
    let unpacked = (1 + copies * 258) as u32;
    let name = b"word/document.xml";
    let mut z = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    le32(&mut z, 0x0403_4b50);
    for x in [20u16, 0, 8, 0, 0x21] {
        le16(&mut z, x);
    }
    le32(&mut z, 0);
    le32(&mut z, data.len() as u32);
    le32(&mut z, unpacked);
    le16(&mut z, name.len() as u16);
    le16(&mut z, 0);
    z.extend_from_slice(name);
    z.extend_from_slice(&data);
    let central = z.len() as u32;
    le32(&mut z, 0x0201_4b50);
    for x in [20u16, 20, 0, 8, 0, 0x21] {
        le16(&mut z, x);
    }
    le32(&mut z, 0);
    le32(&mut z, data.len() as u32);
    le32(&mut z, unpacked);
    for x in [name.len() as u16, 0, 0, 0, 0] {
        le16(&mut z, x);
    }
    le32(&mut z, 0);
    le32(&mut z, 0);
    z.extend_from_slice(name);
    let central_len = z.len() as u32 - central;
    le32(&mut z, 0x0605_4b50);
    for x in [0u16, 0, 1, 1] {
        le16(&mut z, x);
    }
    le32(&mut z, central_len);
    le32(&mut z, central);
    le16(&mut z, 0);
    z
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

/// The sample report with its (safe) fix pending.
fn fixable(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, good_report()).unwrap();
    p
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "200 MB file",
            setup: |d| {
                write_big_text(&d.join("big.txt"), 200 << 20);
                s(&["big.txt", "good"])
            },
            code: 2,
            stderr_has: &["big.txt", "文件过大"],
            after: None,
        },
        Case {
            name: "200 MB file found in a folder",
            setup: |d| {
                std::fs::create_dir(d.join("in")).unwrap();
                write_big_text(&d.join("in/big.md"), 200 << 20);
                s(&["in", "good"])
            },
            code: 2,
            stderr_has: &["big.md", "文件过大"],
            after: None,
        },
        Case {
            name: "40 MB of text on stdin",
            setup: |d| {
                write_big_text(&d.join("stdin.bin"), 40 << 20);
                s(&["-", "good"])
            },
            code: 2,
            stderr_has: &["<stdin>", "过大"],
            after: None,
        },
        Case {
            name: "zip bomb named .docx",
            setup: |d| {
                std::fs::write(d.join("bomb.docx"), zip_bomb(1 << 30)).unwrap();
                s(&["bomb.docx", "good"])
            },
            code: 2,
            stderr_has: &["bomb.docx", "过大"],
            after: None,
        },
        Case {
            name: "a directory named x.txt is checked as a folder",
            setup: |d| {
                std::fs::create_dir_all(d.join("x.txt/y.md")).unwrap();
                std::fs::write(d.join("x.txt/inner.txt"), good_report()).unwrap();
                s(&["x.txt", "good"])
            },
            code: 1,
            stderr_has: &[],
            after: None,
        },
        Case {
            name: "FIFO named on the command line",
            setup: |d| {
                mkfifo(&d.join("fifo.txt"));
                s(&["fifo.txt", "good"])
            },
            code: 2,
            stderr_has: &["fifo.txt", "不是普通文件", "命名管道"],
            after: None,
        },
        Case {
            name: "FIFO in a checked folder",
            setup: |d| {
                mkfifo(&d.join("good/fifo.md"));
                s(&["good"])
            },
            code: 1,
            stderr_has: &["fifo.md", "已跳过"],
            after: None,
        },
        Case {
            // Last year's report is looked for beside each report.
            name: "FIFO beside a checked report",
            setup: |d| {
                mkfifo(&d.join("good/last-year.txt"));
                s(&["good/report.txt"])
            },
            code: 1,
            stderr_has: &[],
            after: None,
        },
        Case {
            name: "symlink loops in a checked folder",
            setup: |d| {
                symlink("loop2.md", d.join("good/loop1.md")).unwrap();
                symlink("loop1.md", d.join("good/loop2.md")).unwrap();
                std::fs::create_dir(d.join("good/sub")).unwrap();
                symlink("..", d.join("good/sub/up")).unwrap();
                s(&["good"])
            },
            code: 1,
            stderr_has: &["loop1.md", "循环", "已跳过"],
            after: None,
        },
        Case {
            name: "symlink loop named on the command line",
            setup: |d| {
                symlink("b.md", d.join("a.md")).unwrap();
                symlink("a.md", d.join("b.md")).unwrap();
                s(&["a.md", "good"])
            },
            code: 2,
            stderr_has: &["a.md", "符号链接循环"],
            after: None,
        },
        Case {
            name: "read-only file under --fix",
            setup: |d| {
                let ro = fixable(d, "ro.txt");
                std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
                fixable(d, "rw.txt");
                s(&["--fix", "ro.txt", "rw.txt"])
            },
            code: 2,
            stderr_has: &["ro.txt", "只读"],
            after: Some(|d| {
                let ro = std::fs::read_to_string(d.join("ro.txt")).unwrap();
                assert_eq!(ro, good_report(), "the read-only file was written");
                let rw = std::fs::read_to_string(d.join("rw.txt")).unwrap();
                assert_ne!(rw, good_report(), "the writable file was not fixed");
            }),
        },
        Case {
            name: "invalid UTF-8 inside GB18030 text",
            setup: |d| {
                let text = good_report();
                let at = text.match_indices('\n').nth(9).unwrap().0 + 1;
                let (head, _, _) = encoding_rs::GB18030.encode(&text[..at]);
                let (tail, _, _) = encoding_rs::GB18030.encode(&text[at..]);
                let mut bytes = head.into_owned();
                bytes.extend_from_slice("（粘贴的 UTF-8）".as_bytes());
                bytes.extend_from_slice(&[0xFF, 0xFE, 0x80]);
                bytes.extend_from_slice(&tail);
                std::fs::write(d.join("mixed.txt"), bytes).unwrap();
                s(&["mixed.txt", "good"])
            },
            code: 2,
            stderr_has: &["mixed.txt", "GB18030", "第 11 行"],
            after: None,
        },
        Case {
            // 0x80 reads as € in GB18030 but € is written back as A2 E3:
            // a fix would change bytes it never meant to touch.
            name: "GB18030 byte that cannot be written back, under --fix",
            setup: |d| {
                let text = good_report();
                let at = text.find('\n').unwrap();
                let (head, _, _) = encoding_rs::GB18030.encode(&text[..at]);
                let (tail, _, _) = encoding_rs::GB18030.encode(&text[at..]);
                let mut bytes = head.into_owned();
                bytes.push(0x80);
                bytes.extend_from_slice(&tail);
                std::fs::write(d.join("euro.txt"), &bytes).unwrap();
                std::fs::write(d.join("euro.orig"), &bytes).unwrap();
                s(&["--fix", "euro.txt"])
            },
            code: 2,
            stderr_has: &["euro.txt", "原样写回"],
            after: Some(|d| {
                let now = std::fs::read(d.join("euro.txt")).unwrap();
                assert_eq!(now, std::fs::read(d.join("euro.orig")).unwrap());
            }),
        },
        Case {
            name: "nianbao.toml of 10 MB",
            setup: |d| {
                std::fs::create_dir(d.join("cfg")).unwrap();
                let mut toml = String::from("[report]\n");
                while toml.len() < 10 << 20 {
                    toml.push_str("# 注释 comment padding padding padding padding\n");
                }
                std::fs::write(d.join("cfg/nianbao.toml"), toml).unwrap();
                std::fs::write(d.join("cfg/a.txt"), good_report()).unwrap();
                s(&["cfg", "good"])
            },
            code: 2,
            stderr_has: &["nianbao.toml", "过大"],
            after: None,
        },
        Case {
            name: "deeply nested nianbao.toml",
            setup: |d| {
                std::fs::create_dir(d.join("cfg")).unwrap();
                let n = 100_000;
                let toml = format!("[report]\nunit = {}{}\n", "[".repeat(n), "]".repeat(n));
                std::fs::write(d.join("cfg/nianbao.toml"), toml).unwrap();
                std::fs::write(d.join("cfg/a.txt"), good_report()).unwrap();
                s(&["cfg", "good"])
            },
            code: 2,
            stderr_has: &["nianbao.toml", "嵌套过深"],
            after: None,
        },
        Case {
            name: "nianbao.toml whose glob backtracks",
            setup: |d| {
                std::fs::create_dir(d.join("cfg")).unwrap();
                let toml = format!("[files]\nexclude = [\"{}b\"]\n", "*a".repeat(30));
                std::fs::write(d.join("cfg/nianbao.toml"), toml).unwrap();
                std::fs::write(d.join("cfg").join("a".repeat(120) + ".txt"), "x").unwrap();
                s(&["cfg", "good"])
            },
            code: 1,
            // The glob ran to its end and kept the file, which is then
            // skipped as no report.
            stderr_has: &["aaaa.txt", "已跳过"],
            after: None,
        },
        Case {
            name: "web page: deep nesting, unclosed tags, 5 MB attribute",
            setup: |d| {
                let mut page = String::from("<!DOCTYPE html><html><body>");
                page.push_str(
                    &"<div><span><table><td rowspan=99999 colspan=9999>格".repeat(100_000),
                );
                page.push_str(&format!("<p title=\"{}", "x".repeat(5 << 20)));
                page.push_str(&"&#x;&amp<!--".repeat(10_000));
                std::fs::write(d.join("page.html"), page).unwrap();
                s(&["page.html", "good"])
            },
            code: 1,
            stderr_has: &[],
            after: None,
        },
        Case {
            name: "web page of two million tags",
            setup: |d| {
                std::fs::write(d.join("tags.htm"), "<b>字".repeat(2_000_000)).unwrap();
                s(&["tags.htm", "good"])
            },
            code: 2,
            stderr_has: &["tags.htm", "网页过于复杂"],
            after: None,
        },
        Case {
            name: "binary file named .md",
            setup: |d| {
                std::fs::write(d.join("bin.md"), [0u8, 1, 2, 3, 0, 255]).unwrap();
                s(&["bin.md", "good"])
            },
            code: 2,
            stderr_has: &["bin.md", "不是文本文件"],
            after: None,
        },
    ]
}

#[test]
fn hostile_inputs_get_clear_answers() {
    let mut failures = Vec::new();
    for case in cases() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir(d.join("good")).unwrap();
        std::fs::write(d.join("good/report.txt"), good_report()).unwrap();
        let args = (case.setup)(d);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = check(d, &args);
        eprintln!(
            "{:<55} exit {} in {:>6.2} s, peak RSS {:>6.1} MB",
            case.name,
            run.code,
            run.elapsed.as_secs_f64(),
            run.peak_rss_kb as f64 / 1024.0
        );
        let mut problems = Vec::new();
        if run.code != case.code {
            problems.push(format!("exit {} (want {})", run.code, case.code));
        }
        for want in case.stderr_has {
            if !run.stderr.contains(want) {
                problems.push(format!("stderr lacks “{want}”"));
            }
        }
        if case.stderr_has.is_empty() && run.stderr.contains("nianbao:") {
            problems.push("unexpected error output".into());
        }
        if run.peak_rss_kb > RSS_LIMIT_KB {
            problems.push(format!("peak RSS {} KB", run.peak_rss_kb));
        }
        let good = rules_for(&run, "report.txt");
        let good_checked = args.iter().any(|a| a.starts_with("good"));
        if good_checked && !good.iter().any(|r| r == "table-sum") {
            problems.push(format!("the real report was not checked: {good:?}"));
        }
        if let Some(after) = case.after
            && let Err(e) = std::panic::catch_unwind(|| after(d))
        {
            problems.push(format!("after: {e:?}"));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\nstderr: {}",
                case.name,
                problems.join("; "),
                run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
