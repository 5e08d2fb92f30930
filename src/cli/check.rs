//! `nianbao check`: collects files, reads and decodes them, lints, applies
//! fixes atomically, and hands results to the renderer.

use super::{CheckArgs, Format, config_file, pairs, render};
use nianbao::diagnostic::{Diagnostic, apply_fixes};
use nianbao::lint;
use nianbao::lint::LintOptions;
use nianbao::schema::Version;
use nianbao::text::{Encoding, decode};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

pub struct FileResult {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub encoding: Encoding,
    /// Fixes written (or shown with --diff).
    pub fixed: usize,
    pub diff: Option<String>,
    /// A Word draft: `text` is its rendering, this maps it back to
    /// paragraphs and table cells.
    pub docx: Option<nianbao::docx::DocxText>,
    /// Report year and unit, for pairing with last year's report.
    pub identity: Option<(i32, String)>,
}

pub enum Outcome {
    Checked(FileResult),
    Failed { path: String, error: String },
}

fn progress_bar(n: usize, args: &CheckArgs) -> Option<indicatif::ProgressBar> {
    if n < 50 || args.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 个文件 files")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn collect(
    paths: &[PathBuf],
    out: &mut Vec<PathBuf>,
    errors: &mut Vec<(String, String)>,
    configs: &config_file::Cache,
    explicit: Option<&Path>,
) {
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(p, &mut found);
                found.sort();
                match configs.for_path(p, true, explicit) {
                    Ok((cfg, _)) => found.retain(|f| {
                        let rel = f
                            .strip_prefix(p)
                            .unwrap_or(f)
                            .to_string_lossy()
                            .replace('\\', "/");
                        cfg.selects(&rel)
                    }),
                    Err(e) => errors.push((p.display().to_string(), e)),
                }
                out.extend(found);
            }
            Ok(_) => out.push(p.clone()),
            Err(e) => errors.push((p.display().to_string(), io_message(&e))),
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() => {
                let ext = path
                    .extension()
                    .and_then(|x| x.to_str())
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if ext == "md" || ext == "txt" || ext == "markdown" || ext == "docx" {
                    out.push(path);
                }
            }
            _ => {}
        }
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在 (not found)".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限 (permission denied)".into(),
        _ => format!("无法读取 ({e})"),
    }
}

/// Options for one file: its nianbao.toml, then the command-line flags.
fn file_options(
    path: &Path,
    args: &CheckArgs,
    base: &LintOptions,
    configs: &config_file::Cache,
) -> Result<LintOptions, String> {
    if path.as_os_str() == "-" && args.config.is_none() {
        return Ok(base.clone());
    }
    let (cfg, _) = configs.for_path(path, false, args.config.as_deref())?;
    let mut o = LintOptions::default();
    cfg.apply(&mut o);
    for (k, v) in &base.severities {
        o.severities.insert(k.clone(), *v);
    }
    if base.model.version.is_some() {
        o.model.version = base.model.version;
    }
    if base.model.year.is_some() {
        o.model.year = base.model.year;
    }
    Ok(o)
}

pub fn options(args: &CheckArgs) -> Result<LintOptions, String> {
    let mut o = LintOptions::default();
    if let Some(v) = &args.format_version {
        o.model.version = Some(
            Version::parse(v)
                .ok_or_else(|| format!("--format-version 只接受 2019 或 2021（got “{v}”）"))?,
        );
    }
    o.model.year = args.year;
    for r in &args.disable {
        if nianbao::rules::find(r).is_none() {
            return Err(format!(
                "--disable：没有名为“{r}”的规则 / no rule named “{r}”"
            ));
        }
        o.severities.insert(r.clone(), None);
    }
    Ok(o)
}

fn check_one(
    path: &Path,
    args: &CheckArgs,
    base: &LintOptions,
    configs: &config_file::Cache,
) -> Outcome {
    let display = path.display().to_string();
    let opts = &match file_options(path, args, base, configs) {
        Ok(o) => o,
        Err(e) => {
            return Outcome::Failed {
                path: display,
                error: e,
            };
        }
    };
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut b) {
            return Outcome::Failed {
                path: "<stdin>".into(),
                error: io_message(&e),
            };
        }
        b
    } else {
        match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                return Outcome::Failed {
                    path: display,
                    error: io_message(&e),
                };
            }
        }
    };
    let display = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        display
    };
    let (text, encoding, docx) = match text_of(path, &bytes, args) {
        Ok(x) => x,
        Err(error) => {
            return Outcome::Failed {
                path: display,
                error,
            };
        }
    };
    let report = nianbao::model::bind(&text, &opts.model);
    let diagnostics = nianbao::lint::lint_report(&report, opts);
    let identity = report.year.zip(report.unit.as_deref().map(pairs::unit_key));
    let looks_like_report = report.looks_like_report;
    drop(report);
    let mut result = FileResult {
        path: display,
        text,
        diagnostics,
        encoding,
        fixed: 0,
        diff: None,
        docx,
        identity,
    };
    if args.only_reports && !looks_like_report {
        result.diagnostics.clear();
        return Outcome::Checked(result);
    }
    if (args.fix || args.diff)
        && !(args.fix && result.docx.is_some())
        && let Err(e) = fix(path, &mut result, args, opts)
    {
        return Outcome::Failed {
            path: result.path,
            error: e,
        };
    }
    Outcome::Checked(result)
}

type Text = (String, Encoding, Option<nianbao::docx::DocxText>);

/// The text of a file's bytes: decoded, or a Word draft's rendering.
fn text_of(path: &Path, bytes: &[u8], args: &CheckArgs) -> Result<Text, String> {
    match read_docx(path, bytes, args)? {
        Some(d) => Ok((d.text.clone(), Encoding::Utf8, Some(d))),
        None => decode(bytes)
            .map(|(t, e)| (t, e, None))
            .map_err(|e| e.to_string()),
    }
}

/// Reads a checked file again (for the cross-file checks, which run after
/// its findings were printed and its text dropped).
fn read_text(path: &Path, args: &CheckArgs) -> Option<Text> {
    let bytes = std::fs::read(path).ok()?;
    text_of(path, &bytes, args).ok()
}

/// A Word draft (by its extension, an OLE `.doc`, or a zip archive on
/// stdin) read into text; `None` for text files. Fixes are not written back
/// into Word files.
fn read_docx(
    path: &Path,
    bytes: &[u8],
    args: &CheckArgs,
) -> Result<Option<nianbao::docx::DocxText>, String> {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let word = ext == "docx"
        || (ext == "doc" && bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]))
        || (path.as_os_str() == "-" && bytes.starts_with(b"PK\x03\x04"));
    if !word {
        return Ok(None);
    }
    // Named on the command line: refuse. Found in a folder: check it and
    // leave it alone (the fix step skips Word files).
    if args.fix && args.paths.iter().any(|p| p == path) {
        return Err(
            "暂不支持修复 .docx，请在 Word 中修改 / --fix does not write .docx files".into(),
        );
    }
    nianbao::docx::to_text(bytes)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Applies fixes until nothing changes (fixes can enable others), then
/// writes atomically: a temp file in the same directory, then rename.
fn fix(
    path: &Path,
    r: &mut FileResult,
    args: &CheckArgs,
    opts: &LintOptions,
) -> Result<(), String> {
    let original = r.text.clone();
    let mut text = original.clone();
    let mut total = 0;
    let mut diags = r.diagnostics.clone();
    for _ in 0..8 {
        let (next, n) = apply_fixes(&text, &diags, args.unsafe_fixes);
        if n == 0 || next == text {
            break;
        }
        total += n;
        text = next;
        diags = lint(&text, opts);
    }
    if text == original {
        return Ok(());
    }
    if args.diff {
        r.diff = Some(render::unified_diff(&r.path, &original, &text));
        r.fixed = total;
        return Ok(());
    }
    if path.as_os_str() == "-" {
        // stdin: print the fixed text instead of writing.
        let _ = std::io::stdout().write_all(text.as_bytes());
        r.fixed = total;
        r.text = text;
        r.diagnostics = diags;
        return Ok(());
    }
    let bytes = r.encoding.encode(&text).ok_or_else(|| {
        format!(
            "修复后的文本无法以 {} 编码写回，未修改文件",
            r.encoding.label()
        )
    })?;
    // Re-read: never overwrite a file that changed under us.
    let now = std::fs::read(path).map_err(|e| io_message(&e))?;
    if r.encoding.encode(&original).as_deref() != Some(&now[..]) {
        return Err(
            "文件在检查期间被修改，未写入修复 (file changed while checking; not written)".into(),
        );
    }
    write_atomic(path, &bytes).map_err(|e| format!("写入失败 ({e})"))?;
    r.fixed = total;
    r.text = text;
    r.diagnostics = diags;
    Ok(())
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.nianbao-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

pub fn run(args: CheckArgs) -> i32 {
    let lang = match nianbao::Lang::parse(&args.lang) {
        Some(l) => l,
        None => {
            eprintln!("nianbao: --lang 只接受 zh 或 en / --lang takes zh or en");
            return 2;
        }
    };
    let opts = match options(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("nianbao: {e}");
            return 2;
        }
    };
    let configs = config_file::Cache::default();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    collect(
        &args.paths,
        &mut files,
        &mut errors,
        &configs,
        args.config.as_deref(),
    );
    let color = args.format == Format::Human
        && !args.no_color
        && std::env::var_os("NO_COLOR").is_none()
        && std::io::stdout().is_terminal();
    let renderer = render::Renderer::new(&args, lang, color, files.len() + errors.len() > 1);
    let stdout = std::io::stdout();
    let mut stream = render::Stream::start(
        std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        &args,
        lang,
        color,
    );
    for (path, error) in errors {
        stream.push(renderer.chunk(&Outcome::Failed { path, error }));
    }
    let progress = progress_bar(files.len(), &args);
    // Files are checked in parallel and printed as soon as every file
    // before them (in path order) is: the output is deterministic and only
    // the few files finished out of order wait in memory. Workers take
    // files a few at a time, so the printing thread wakes once per batch.
    const BATCH: usize = 8;
    let mut known: Vec<pairs::Known> = Vec::with_capacity(files.len());
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel();
        let (files, args, opts, configs, renderer) = (&files, &args, &opts, &configs, &renderer);
        scope.spawn(move || {
            files
                .par_chunks(BATCH)
                .enumerate()
                .for_each_with(tx, |tx, (i, batch)| {
                    let done: Vec<(render::Chunk, pairs::Known)> = batch
                        .iter()
                        .map(|f| {
                            let mut o = check_one(f, args, opts, configs);
                            (renderer.chunk(&o), pairs::Known::of(f, &mut o))
                        })
                        .collect();
                    let _ = tx.send((i, done));
                });
        });
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, done) in rx {
            waiting.insert(i, done);
            while let Some(done) = waiting.remove(&next) {
                next += 1;
                for (chunk, k) in done {
                    stream.push(chunk);
                    known.push(k);
                    if let Some(p) = &progress {
                        p.inc(1);
                    }
                }
            }
        }
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    for r in pairs::carry_over(&known, &opts, |p| read_text(p, &args)) {
        stream.push(renderer.cross_file_chunk(&r));
    }
    let tally = stream.finish();
    let findings = tally
        .by_severity
        .keys()
        .any(|s| super::severity_passes(*s, args.fail_on));
    if !tally.failed.is_empty() {
        2
    } else if findings {
        1
    } else {
        0
    }
}
