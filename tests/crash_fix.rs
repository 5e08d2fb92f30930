//! Fixes that survive a crash: `nianbao check --fix` over 200 files in every
//! encoding it reads (UTF-8 with and without BOM, GB18030, UTF-16, CRLF) and
//! several permission modes, killed with SIGKILL after a random delay. Every
//! file afterwards holds either its original bytes or its fully fixed bytes
//! (never partial, never empty) with its permissions kept; a second run
//! finishes the job and a third changes nothing. Writes are slowed down
//! (`NIANBAO_TEST_SLOW_WRITES`) so that kills land inside them; an in-place
//! write fails this test within a round or two. And, over the real reports
//! and random damage to them: a fix changes nothing outside its ranges, and
//! fixing fixed text is a no-op.
//!
//! The slow tier: every test here is named `slow_…`, so that
//! `cargo test -- --skip slow_` leaves them out while editing; plain
//! `cargo test` (the README's, and CI) runs them.

#![cfg(unix)]

use nianbao::diagnostic::apply_fixes;
use nianbao::{Diagnostic, LintOptions, lint};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The real reports, the drafts and the sample.
fn sources() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    for dir in ["tests/fixtures", "tests/drafts"] {
        let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            // tests/fixtures also holds folders (real/, shapes/, precision/).
            .filter(|p| p.is_file())
            .collect();
        v.sort();
        paths.extend(v);
    }
    paths.push(root().join("examples/sample-report.txt"));
    paths
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
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
        (self.next() % n as u64) as usize
    }
}

/// Damage that gives `--fix` work: a lost section heading, a wrong total,
/// an unofficial label, a placeholder year in 统计期限.
fn damage(text: &str, kind: usize, rng: &mut Rng) -> String {
    match kind {
        1 => {
            let lines: Vec<&str> = text.split('\n').collect();
            let headings: Vec<usize> = (0..lines.len())
                .filter(|&i| ["五、", "六、"].iter().any(|h| lines[i].starts_with(h)))
                .collect();
            if headings.is_empty() {
                return text.to_string();
            }
            let drop = headings[rng.below(headings.len())];
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
        }
        2 => {
            // A digit of a (七)总计 or 总计 row changed.
            let Some(at) = text.find("总计") else {
                return text.to_string();
            };
            let tail = &text[at..];
            match tail.find(|c: char| c.is_ascii_digit()) {
                Some(d) => {
                    let d = at + d;
                    let digit = text.as_bytes()[d];
                    let other = if digit == b'9' { '3' } else { '9' };
                    format!("{}{other}{}", &text[..d], &text[d + 1..])
                }
                None => text.to_string(),
            }
        }
        3 => text.replacen("商业企业", "商业机构", 1),
        4 => {
            // 统计期限 …年1月1日至2020年12月31日 → …至20XX年12月31日
            let Some(at) = text.find("年1月1日至") else {
                return text.to_string();
            };
            let y = at + "年1月1日至".len();
            let year = text[y..]
                .get(..4)
                .filter(|t| t.bytes().all(|b| b.is_ascii_digit()));
            match year {
                Some(_) => format!("{}20XX{}", &text[..y], &text[y + 4..]),
                None => text.to_string(),
            }
        }
        _ => text.to_string(),
    }
}

#[derive(Clone, Copy, Debug)]
enum Enc {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
}

fn encode(text: &str, enc: Enc) -> Vec<u8> {
    match enc {
        Enc::Utf8 => text.as_bytes().to_vec(),
        Enc::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Enc::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
        Enc::Utf16Le => {
            let mut v = vec![0xFF, 0xFE];
            v.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            v
        }
    }
}

struct Sample {
    name: String,
    bytes: Vec<u8>,
    mode: u32,
}

/// 200 files: every source × damage × encoding × line ending × mode, drawn
/// from a fixed seed.
fn samples() -> Vec<Sample> {
    let sources = sources();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let encodings = [Enc::Utf8, Enc::Utf8Bom, Enc::Gb18030, Enc::Utf16Le];
    let modes = [0o644, 0o600, 0o640, 0o664, 0o755];
    (0..200)
        .map(|i| {
            let (stem, text) = &sources[i % sources.len()];
            let mut text = damage(text, (i / sources.len()) % 5, &mut rng);
            if rng.below(3) == 0 {
                text = text.replace('\n', "\r\n");
            }
            let enc = encodings[rng.below(encodings.len())];
            let ext = if i % 2 == 0 { "txt" } else { "md" };
            Sample {
                name: format!("{i:03}-{stem}-{enc:?}.{ext}"),
                bytes: encode(&text, enc),
                mode: modes[rng.below(modes.len())],
            }
        })
        .collect()
}

fn write_samples(dir: &Path, samples: &[Sample]) {
    std::fs::create_dir_all(dir).unwrap();
    for s in samples {
        let p = dir.join(&s.name);
        std::fs::write(&p, &s.bytes).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(s.mode)).unwrap();
    }
}

fn fix_command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    // Writes of 1 KiB chunks 1 ms apart, so that kills land inside writes.
    c.env("NIANBAO_TEST_SLOW_WRITES", "1000");
    c.args(["check", "--fix", "--quiet", "--format", "json"])
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Runs `--fix` to the end; returns how long it took.
fn fix_fully(dir: &Path) -> Duration {
    let started = Instant::now();
    let out = fix_command(dir).output().unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed()
}

fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, u32)> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let mode = e.metadata().unwrap().permissions().mode() & 0o7777;
            (name, (std::fs::read(e.path()).unwrap(), mode))
        })
        .collect()
}

/// Our temp files: a kill between creating and renaming leaves one.
fn is_temp(name: &str) -> bool {
    name.starts_with('.') && name.contains(".nianbao-") && name.ends_with(".tmp")
}

#[test]
fn slow_fix_killed_at_random_points_leaves_every_file_whole() {
    let samples = samples();
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    write_samples(&full, &samples);
    let took = fix_fully(&full);
    let fixed = snapshot(&full);
    let changed = samples
        .iter()
        .filter(|s| fixed[&s.name].0 != s.bytes)
        .count();
    eprintln!(
        "--fix over 200 files: {changed} changed, {:.0} ms",
        took.as_secs_f64() * 1e3
    );
    assert!(changed >= 100, "only {changed} of 200 files had fixes");
    // A fix applied twice is a no-op.
    fix_fully(&full);
    assert!(snapshot(&full) == fixed, "a second --fix changed files");

    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let rounds = 5;
    let mut partial_rounds = 0;
    let mut temps_left = 0;
    for round in 0..rounds {
        let dir = tmp.path().join(format!("round{round}"));
        write_samples(&dir, &samples);
        let delay = Duration::from_micros((rng.next() % (took.as_micros() as u64 + 1)) + 1);
        let mut child = fix_command(&dir).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let after = snapshot(&dir);
        let mut done = 0;
        for s in &samples {
            let (bytes, mode) = &after[&s.name];
            let whole = *bytes == s.bytes || *bytes == fixed[&s.name].0;
            assert!(
                whole,
                "round {round}: {} is neither original nor fixed ({} bytes)",
                s.name,
                bytes.len()
            );
            assert_eq!(*mode, s.mode, "round {round}: mode of {}", s.name);
            if *bytes != s.bytes {
                done += 1;
            }
        }
        for name in after.keys() {
            if !samples.iter().any(|s| &s.name == name) {
                assert!(is_temp(name), "round {round}: stray file {name}");
                temps_left += 1;
            }
        }
        if done > 0 && done < changed {
            partial_rounds += 1;
        }
        eprintln!(
            "round {round}: killed after {:>6.1} ms, {done:>3}/{changed} files fixed",
            delay.as_secs_f64() * 1e3
        );
        // Running again finishes the job (once, to bound the test's time).
        if round == 0 {
            fix_fully(&dir);
            let redone = snapshot(&dir);
            for s in &samples {
                assert_eq!(redone[&s.name], fixed[&s.name], "{} after a rerun", s.name);
            }
        }
    }
    eprintln!("{partial_rounds}/{rounds} rounds killed mid-way; {temps_left} temp files left");
    assert!(
        partial_rounds >= 1,
        "the kills never landed while files were being written"
    );
}

#[test]
fn slow_fix_through_a_symlink_keeps_the_link() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let (_, text) = sources().pop().unwrap();
    std::fs::write(real.join("report.txt"), &text).unwrap();
    let link = tmp.path().join("link.txt");
    symlink("real/report.txt", &link).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--fix", "--quiet"])
        .arg(&link)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{out:?}");
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link became a file");
    let fixed = std::fs::read_to_string(real.join("report.txt")).unwrap();
    assert_ne!(fixed, text, "the target was not fixed");
}

// ----------------------------------------------------- fix properties

fn corpus() -> Vec<String> {
    sources().into_iter().map(|(_, t)| t).collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    Digit(usize, u8),
    Crlf,
    Astral(usize),
    Damage(usize, u64),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), 0u8..10).prop_map(|(a, d)| Mutation::Digit(a, d)),
        Just(Mutation::Crlf),
        any::<usize>().prop_map(Mutation::Astral),
        (1usize..5, any::<u64>()).prop_map(|(k, s)| Mutation::Damage(k, s)),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(text: &str, m: &Mutation) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    match m {
        Mutation::DeleteLine(i) => {
            let i = i % lines.len();
            let mut v = lines.clone();
            v.remove(i);
            v.join("\n")
        }
        Mutation::DuplicateLine(i) => {
            let i = i % lines.len();
            let mut v = lines.clone();
            v.insert(i, lines[i]);
            v.join("\n")
        }
        Mutation::Digit(at, d) => {
            let digits: Vec<usize> = text
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if digits.is_empty() {
                return text.to_string();
            }
            let i = digits[at % digits.len()];
            format!("{}{}{}", &text[..i], d, &text[i + 1..])
        }
        Mutation::Crlf => text.replace('\n', "\r\n"),
        Mutation::Astral(at) => {
            let i = floor(text, at % (text.len() + 1));
            format!("{}𠀀😀{}", &text[..i], &text[i..])
        }
        Mutation::Damage(kind, seed) => damage(text, *kind, &mut Rng(seed | 1)),
    }
}

/// `fixed` is `text` with exactly `diag`'s edits made: every byte between
/// the edits is where it was.
fn assert_only_ranges_changed(text: &str, fixed: &str, diag: &Diagnostic) {
    let mut edits: Vec<_> = diag.fix.as_ref().unwrap().edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut at = 0; // in `fixed`
    let mut prev = 0; // in `text`
    for e in edits {
        let gap = &text[prev..e.span.start];
        assert_eq!(
            &fixed[at..at + gap.len()],
            gap,
            "{} changed text before {:?}",
            diag.rule,
            e.span
        );
        at += gap.len();
        assert_eq!(&fixed[at..at + e.text.len()], e.text, "{}", diag.rule);
        at += e.text.len();
        prev = e.span.end;
    }
    assert_eq!(
        &fixed[at..],
        &text[prev..],
        "{} changed the tail",
        diag.rule
    );
}

/// What `--fix` does: apply safe fixes, re-lint, until nothing changes.
fn fix_all(text: &str, options: &LintOptions) -> String {
    let mut text = text.to_string();
    for _ in 0..8 {
        let (next, n) = apply_fixes(&text, &lint(&text, options), false);
        if n == 0 || next == text {
            break;
        }
        text = next;
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn slow_fixes_touch_only_their_ranges_and_converge(
        source in 0usize..9,
        mutations in proptest::collection::vec(mutation(), 0..3),
    ) {
        let corpus = corpus();
        let mut text = corpus[source % corpus.len()].clone();
        for m in &mutations {
            text = mutate(&text, m);
        }
        let options = LintOptions::default();
        for d in lint(&text, &options) {
            if d.fix.is_none() {
                continue;
            }
            let (fixed, n) = apply_fixes(&text, std::slice::from_ref(&d), true);
            prop_assert_eq!(n, 1, "{} fix not applied", d.rule);
            assert_only_ranges_changed(&text, &fixed, &d);
        }
        let once = fix_all(&text, &options);
        let twice = fix_all(&once, &options);
        prop_assert!(once == twice, "fixing fixed text changed it");
    }
}
