//! `nianbao check`: collects files, reads and decodes them, lints, applies
//! fixes atomically, and hands results to the renderer.

use super::input::{self, io_message};
use super::outcome::{FileResult, Outcome};
use super::{CheckArgs, Format, config_file, pairs, render, sheet};
use nianbao::diagnostic::{Diagnostic, apply_fixes};
use nianbao::front::{self, Kind, ReadError, Source};
use nianbao::lint;
use nianbao::options::LintOptions;
use nianbao::schema::Version;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// A file to check, and whether it was named on the command line (else
/// found in a folder).
pub type Target = (PathBuf, bool);

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
    out: &mut Vec<Target>,
    errors: &mut Vec<(String, String)>,
    configs: &config_file::Cache,
    explicit: Option<&Path>,
) {
    for p in paths {
        if p.as_os_str() == "-" {
            out.push((p.clone(), true));
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
                out.extend(found.into_iter().map(|f| (f, false)));
            }
            Ok(_) => out.push((p.clone(), true)),
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
        // Copies `--annotate` wrote are output, not drafts.
        if name.starts_with('.')
            || name == "target"
            || name == "node_modules"
            || name.ends_with(".nianbao.docx")
        {
            continue;
        }
        let ext = path
            .extension()
            .and_then(|x| x.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let checked = Kind::checked_extension(&ext);
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() && checked => out.push(path),
            // Not followed (a link can loop); said so, never silent.
            Ok(t) if t.is_symlink() && checked => eprintln!("{}", input::skipped_link_note(&path)),
            Ok(t) if !t.is_file() && !t.is_symlink() && checked => eprintln!(
                "nianbao: {}: 不是普通文件（如命名管道），已跳过 (not a regular file; skipped)",
                path.display()
            ),
            _ => {}
        }
    }
}

/// Options for one file: its nianbao.toml, then the command-line flags;
/// with the config file they came from.
fn file_options(
    path: &Path,
    args: &CheckArgs,
    base: &LintOptions,
    configs: &config_file::Cache,
) -> Result<(LintOptions, Option<PathBuf>), String> {
    if path.as_os_str() == "-" && args.config.is_none() {
        return Ok((base.clone(), None));
    }
    let (cfg, found) = configs.for_path(path, false, args.config.as_deref())?;
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
    Ok((o, found))
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

/// What a check runs with besides the file.
pub struct Setting<'a> {
    pub args: &'a CheckArgs,
    pub base: &'a LintOptions,
    pub configs: &'a config_file::Cache,
    pub lang: nianbao::Lang,
    pub decisions: Option<&'a nianbao::decisions::Decisions>,
}

/// Checks one file; with the options it was checked with and their config
/// file (for the cross-file checks).
fn check_one(target: &Target, s: &Setting) -> (Outcome, Option<(LintOptions, Option<PathBuf>)>) {
    let path = target.0.as_path();
    let (opts, config) = match file_options(path, s.args, s.base, s.configs) {
        Ok(o) => o,
        Err(e) => {
            return (
                Outcome::Failed {
                    path: path.display().to_string(),
                    error: e,
                },
                None,
            );
        }
    };
    let mut o = check_with(target, s, &opts);
    if let Outcome::Checked(r) = &mut o {
        r.review(s.decisions);
    }
    (o, Some((opts, config)))
}

fn check_with(
    (path, explicit): &Target,
    Setting {
        args,
        lang,
        decisions,
        ..
    }: &Setting,
    opts: &LintOptions,
) -> Outcome {
    let (args, lang, decisions) = (*args, *lang, *decisions);
    let path = path.as_path();
    let display = path.display().to_string();
    let read = if path.as_os_str() == "-" {
        input::read_stdin(std::io::stdin())
    } else {
        input::read_file(path, input::limit_for(path))
    };
    let bytes = match read {
        Ok(b) => b,
        Err(error) => {
            let path = if path.as_os_str() == "-" {
                "<stdin>".to_string()
            } else {
                display
            };
            return Outcome::Failed { path, error };
        }
    };
    let display = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        display
    };
    let (text, source) = match text_of(path, &bytes, args) {
        Ok(x) => x,
        Err(error) => {
            return Outcome::Failed {
                path: display,
                error,
            };
        }
    };
    let report = nianbao::model::bind(&text, &opts.model);
    // Files found in a folder are checked only if they are reports (a
    // README, a notice are not); files named are always checked, unless
    // --only-reports says otherwise.
    let evidence = nianbao::identity::judge(&report);
    if !evidence.is_report() && (!explicit || args.only_reports) {
        return Outcome::Skipped {
            path: display,
            why: evidence.why_not(lang),
        };
    }
    let not_report = (!evidence.is_report()).then(|| evidence.why_not(lang));
    let diagnostics = nianbao::lint::lint_report(&report, opts);
    let identity = nianbao::identity::of(&report, &display);
    let folder_identity = if identity.is_none() && path.as_os_str() != "-" {
        let names = super::pairs::folder_names(path);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let folders = nianbao::identity::from_folder_names(&names);
        nianbao::identity::of_in(&report, &display, &folders)
    } else {
        None
    };
    let version = Some(report.version);
    drop(report);
    let mut result = FileResult {
        path: display,
        text,
        diagnostics,
        source,
        fixed: 0,
        diff: None,
        identity,
        folder_identity,
        version,
        not_report,
        others: Vec::new(),
        marks: Vec::new(),
        dismissed: 0,
        reviewed: false,
    };
    if (args.fix || args.diff)
        && !(args.fix && result.source.encoding().is_none())
        && let Err(e) = fix(path, &bytes, &mut result, args, opts, decisions)
    {
        return Outcome::Failed {
            path: result.path,
            error: e,
        };
    }
    Outcome::Checked(Box::new(result))
}

type Text = (String, Source);

/// The text of a file's bytes, read by the front end its name and bytes call
/// for (decoded text, a Word draft's rendering).
fn text_of(path: &Path, bytes: &[u8], args: &CheckArgs) -> Result<Text, String> {
    let name = path.to_string_lossy();
    // Named on the command line: refuse. Found in a folder: check it and
    // leave it alone (the fix step skips files that are not text).
    let kind = Kind::of(&name, bytes);
    if args.fix && kind != Kind::Text && args.paths.iter().any(|p| p == path) {
        return Err(match kind {
            Kind::Html => "网页文件只检查，不修复 / --fix does not write web pages".into(),
            Kind::Pdf => "不修复 PDF，请在原稿中修改 / --fix does not write PDF files".into(),
            _ => "暂不支持修复 .docx，请在 Word 中修改 / --fix does not write .docx files".into(),
        });
    }
    match front::read(&name, bytes) {
        Ok(input) => Ok((input.text, input.source)),
        Err(ReadError::Decode(e)) => {
            // Text without a BOM was tried as UTF-8, then GB18030: say
            // where GB18030 fails.
            let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF])
                || bytes.starts_with(&[0xFF, 0xFE])
                || bytes.starts_with(&[0xFE, 0xFF]);
            let line = (e == front::DecodeError::UnknownEncoding && !bom)
                .then(|| input::undecodable_line(bytes))
                .flatten();
            Err(match line {
                Some(line) => format!("第 {line} 行有无法解码的字节：{e}"),
                None => e.to_string(),
            })
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Reads and parses `--decisions FILE`; the error names the file and line.
fn read_decisions(path: &Path) -> Result<nianbao::decisions::Decisions, String> {
    let bytes = input::read_file(path, input::MAX_CONFIG_BYTES * 16)
        .map_err(|e| format!("{}: 无法读取决定文件：{e}", path.display()))?;
    let (text, _) = front::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    nianbao::decisions::Decisions::parse(&text)
        .map_err(|e| format!("{}:{}: 决定文件有误：{}", path.display(), e.line, e.message))
}

/// Reads a checked file again (for the cross-file checks, which run after
/// its findings were printed and its text dropped).
fn read_text(path: &Path, args: &CheckArgs) -> Option<Text> {
    let bytes = input::read_file(path, input::limit_for(path)).ok()?;
    text_of(path, &bytes, args).ok()
}

/// Applies fixes until nothing changes (fixes can enable others), then
/// writes atomically: a temp file in the same directory, then rename.
fn fix(
    path: &Path,
    read: &[u8],
    r: &mut FileResult,
    args: &CheckArgs,
    opts: &LintOptions,
    decisions: Option<&nianbao::decisions::Decisions>,
) -> Result<(), String> {
    let original = r.text.clone();
    let mut text = original.clone();
    let mut total = 0;
    let mut diags = r.diagnostics.clone();
    // A finding the reviewer dismissed is not a problem: its fix is not
    // applied either.
    let undecided = |diags: &[Diagnostic]| -> Vec<Diagnostic> {
        match (decisions, &r.identity) {
            (Some(ds), Some(id)) => {
                nianbao::decisions::review(ds, &id.unit, id.year, diags.to_vec())
                    .kept
                    .into_iter()
                    .map(|k| k.0)
                    .collect()
            }
            _ => diags.to_vec(),
        }
    };
    for _ in 0..8 {
        let (next, n) = apply_fixes(&text, &undecided(&diags), args.unsafe_fixes);
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
        r.diff = Some(nianbao::diagnostic::unified_diff(&r.path, &original, &text));
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
    if let Some(why) = input::refuse_to_write(path) {
        return Err(why);
    }
    // Only the fixed ranges may change: if the untouched text would not
    // encode back to the bytes it came from, do not write at all.
    let Some(encoding) = r.source.encoding() else {
        return Ok(());
    };
    if encoding.encode(&original).as_deref() != Some(read) {
        return Err(format!(
            "文件中有按 {} 无法原样写回的字节（如 GB18030 中的单字节 0x80），未写入修复；请先另存为 UTF-8 (bytes would not survive re-encoding; not written)",
            encoding.label()
        ));
    }
    let bytes = encoding.encode(&text).ok_or_else(|| {
        format!(
            "修复后的文本无法以 {} 编码写回，未修改文件",
            encoding.label()
        )
    })?;
    // Re-read: never overwrite a file that changed under us.
    let now = input::read_file(path, input::limit_for(path))?;
    if now != read {
        return Err(
            "文件在检查期间被修改，未写入修复 (file changed while checking; not written)".into(),
        );
    }
    input::write_atomic(path, &bytes).map_err(|e| format!("写入失败 ({e})"))?;
    r.fixed = total;
    r.text = text;
    r.diagnostics = diags;
    Ok(())
}

/// A checked file as a worker hands it over: its rendered output, what the
/// cross-year check needs, (with `--annotate`) the whole outcome, and (with
/// `--format csv` or `--xlsx`) its row of the summary table.
type Done = (
    render::Chunk,
    pairs::Known,
    Option<Outcome>,
    Option<sheet::Row>,
);

/// Writes the annotated Word copies, with each file's cross-year findings
/// added to its own; false if one could not be written.
fn annotate(mut kept: Vec<Outcome>, cross_year: &[FileResult], lang: nianbao::Lang) -> bool {
    for o in kept.iter_mut() {
        let Outcome::Checked(r) = o else { continue };
        if let Some(c) = cross_year.iter().find(|c| c.path == r.path) {
            nianbao::crossdoc::merge(&mut r.diagnostics, c.diagnostics.iter().cloned());
        }
    }
    super::annotate::write_copies(&kept, lang)
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
    let decisions = match &args.decisions {
        Some(p) => match read_decisions(p) {
            Ok(d) => Some(d),
            Err(e) => {
                eprintln!("nianbao: {e}");
                return 2;
            }
        },
        None => None,
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
    let table = args.format == Format::Csv || args.xlsx.is_some();
    let mut rows: Vec<sheet::Row> = Vec::new();
    for (path, error) in errors {
        let o = Outcome::Failed { path, error };
        if table {
            rows.extend(sheet::Row::of(&o, lang));
        }
        stream.push(renderer.chunk(&o));
    }
    let progress = progress_bar(files.len(), &args);
    // Files are checked in parallel and printed as soon as every file
    // before them (in path order) is: the output is deterministic and only
    // the few files finished out of order wait in memory. Workers take
    // files a few at a time, so the printing thread wakes once per batch.
    const BATCH: usize = 8;
    let mut known: Vec<pairs::Known> = Vec::with_capacity(files.len());
    let mut kept: Vec<Outcome> = Vec::new();
    let setting = Setting {
        args: &args,
        base: &opts,
        configs: &configs,
        lang,
        decisions: decisions.as_ref(),
    };
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel();
        let (files, renderer, setting) = (&files, &renderer, &setting);
        scope.spawn(move || {
            files
                .par_chunks(BATCH)
                .enumerate()
                .for_each_with(tx, |tx, (i, batch)| {
                    let done: Vec<Done> = batch
                        .iter()
                        .map(|f| {
                            let (mut o, with) = check_one(f, setting);
                            let chunk = renderer.chunk(&o);
                            let row = table.then(|| sheet::Row::of(&o, lang)).flatten();
                            let known = pairs::Known::of(&f.0, &mut o, with);
                            // Annotated Word copies need the findings,
                            // cross-year ones included: kept till the end.
                            (chunk, known, args.annotate.then_some(o), row)
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
                for (chunk, k, o, row) in done {
                    stream.push(chunk);
                    known.push(k);
                    kept.extend(o);
                    rows.extend(row);
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
    let cross_year = pairs::cross_documents(
        &known,
        &configs,
        args.config.as_deref(),
        decisions.as_ref(),
        |p| read_text(p, &args),
    );
    for r in &cross_year {
        stream.push(renderer.cross_file_chunk(r));
    }
    let failed_annotation = args.annotate && !annotate(kept, &cross_year, lang);
    let tally = stream.finish();
    sheet::add_cross_year(&mut rows, &cross_year, lang);
    if args.format == Format::Csv {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(sheet::csv(&rows, lang).as_bytes());
        let _ = out.flush();
    }
    let failed_workbook = match &args.xlsx {
        Some(path) => match sheet::xlsx(&rows, lang)
            .and_then(|b| input::write_atomic(path, &b).map_err(|e| e.to_string()))
        {
            Ok(()) => {
                if !args.quiet {
                    eprintln!(
                        "nianbao: 已写出 {}（{} 个文件）/ wrote {}",
                        path.display(),
                        rows.len(),
                        path.display()
                    );
                }
                false
            }
            Err(e) => {
                eprintln!("nianbao: {}: 无法写出汇总工作簿 ({e})", path.display());
                true
            }
        },
        None => false,
    };
    let findings = tally
        .by_severity
        .keys()
        .any(|s| super::severity_passes(*s, args.fail_on));
    if !tally.failed.is_empty() || failed_annotation || failed_workbook {
        2
    } else if findings {
        1
    } else {
        0
    }
}
