//! Checks the files of one upload as `nianbao check` would: reads Word and
//! text drafts (GB18030 too), lints, pairs this year's and last year's
//! report of the same unit for `carry-over`, and prepares what the page
//! offers: the findings, the document view, the text with all safe fixes
//! applied (and its diff), and the .docx returned with comments.

use super::upload::{LIMITS, Upload, base64, zip_refusal};
use super::view;
use nianbao::diagnostic::{Diagnostic, Severity, apply_fixes};
use nianbao::front::docx::annotate::{Author, annotate, comments_for};
use nianbao::front::{self, Kind, Source};
use nianbao::lint::lint_report;
use nianbao::model::{Options, bind};
use nianbao::rules::carry_over;
use nianbao::text::{ColumnUnit, LineIndex};
use nianbao::{Lang, LintOptions, lint};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Serialize, Default)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub hint: usize,
}

#[derive(Debug, Serialize)]
pub struct Related {
    pub message: String,
    pub location: String,
    pub target: String,
}

#[derive(Debug, Serialize)]
pub struct FixView {
    pub message: String,
    pub safe: bool,
}

#[derive(Debug, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: &'static str,
    pub severity_label: &'static str,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// “第 54 行”, or for Word drafts “表三 第25行 第2列”.
    pub location: String,
    /// The element of the document view the finding is about.
    pub target: String,
    pub note: Option<String>,
    pub related: Vec<Related>,
    pub fix: Option<FixView>,
}

#[derive(Debug, Serialize)]
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    /// Base64.
    pub data: String,
    /// Fixes applied, or comments written.
    pub count: usize,
    /// A unified diff of the fixed text (text drafts).
    pub diff: Option<String>,
}

#[derive(Debug, Serialize, Default)]
pub struct FileView {
    pub name: String,
    /// `docx`, `pdf`, `text`, or `other`.
    pub kind: &'static str,
    pub encoding: Option<&'static str>,
    /// The file could not be checked.
    pub error: Option<String>,
    /// Checked, but not a report: nothing to show.
    pub notice: Option<String>,
    /// Last year's report it was compared with (carry-over).
    pub paired_with: Option<String>,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    pub document: Vec<view::Block>,
    pub fixed: Option<Download>,
    pub annotated: Option<Download>,
}

#[derive(Debug, Serialize)]
pub struct Checked {
    pub files: Vec<FileView>,
}

/// A file read and linted.
struct Draft {
    name: String,
    bytes: Vec<u8>,
    text: String,
    source: Source,
    identity: Option<(i32, String)>,
    /// The file's own findings (what `--fix` works from).
    own: Vec<Diagnostic>,
    /// With the carry-over findings.
    diagnostics: Vec<Diagnostic>,
    paired_with: Option<String>,
}

enum Loaded {
    Draft(Box<Draft>),
    Done(Box<FileView>),
}

/// The page's name for a kind of file.
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Word => "docx",
        Kind::Pdf => "pdf",
        Kind::Text => "text",
        Kind::Html => "html",
    }
}

fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

fn failed(name: String, kind: &'static str, error: String) -> Loaded {
    Loaded::Done(Box::new(FileView {
        name,
        kind,
        error: Some(error),
        ..FileView::default()
    }))
}

fn load(upload: Upload) -> Loaded {
    let Upload { name, bytes } = upload;
    match front::extension(&name).as_str() {
        ext if Kind::from_extension(ext).is_some() => {}
        "doc" => {
            return failed(
                name,
                "other",
                "旧版 .doc 文件无法检查：请在 Word 或 WPS 中“另存为” .docx 后再上传。".into(),
            );
        }
        _ => {
            let accepted: Vec<String> = Kind::extensions().map(|e| format!(".{e}")).collect();
            return failed(
                name,
                "other",
                format!("不支持的文件类型：请上传 {} 文件。", accepted.join("、")),
            );
        }
    }
    let kind = kind_name(Kind::of(&name, &bytes));
    if Kind::of(&name, &bytes) == Kind::Word
        && let Some(refusal) = zip_refusal(&bytes, &LIMITS)
    {
        return failed(name, kind, refusal);
    }
    let front::Input { text, source } = match front::read(&name, &bytes) {
        Ok(input) => input,
        Err(e) => return failed(name, kind, e.to_string()),
    };
    let report = bind(&text, &Options::default());
    if !report.looks_like_report {
        drop(report);
        return Loaded::Done(Box::new(FileView {
            name,
            kind,
            encoding: source.encoding().map(|e| e.label()).or(source.read_encoding()),
            notice: Some(
                "这个文件看起来不是政府信息公开工作年度报告（没有找到年报标题、六个部分或统计表格），未做检查。"
                    .into(),
            ),
            ..FileView::default()
        }));
    }
    let own = lint_report(&report, &LintOptions::default());
    let identity = nianbao::identity::of(&report, &name).map(|i| (i.year, i.key));
    drop(report);
    Loaded::Draft(Box::new(Draft {
        name,
        bytes,
        text,
        source,
        identity,
        diagnostics: own.clone(),
        own,
        paired_with: None,
    }))
}

/// Pairs each report with last year's report of the same unit among the
/// uploaded files, as the CLI pairs the files it is given.
fn pair(drafts: &mut [&mut Draft]) {
    let mut by_year: HashMap<(String, i32), usize> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        if let Some((year, unit)) = &d.identity {
            by_year.entry((unit.clone(), *year)).or_insert(i);
        }
    }
    for i in 0..drafts.len() {
        let Some((year, unit)) = drafts[i].identity.clone() else {
            continue;
        };
        let Some(&j) = by_year.get(&(unit, year - 1)) else {
            continue;
        };
        let last_name = drafts[j].name.clone();
        let found = {
            let this = bind(&drafts[i].text, &Options::default());
            let last = bind(&drafts[j].text, &Options::default());
            carry_over::check_pair(&this, &last, &last_name)
        };
        let d = &mut drafts[i];
        d.diagnostics.extend(found);
        d.diagnostics
            .sort_by_key(|x| (x.span.start, x.span.end, x.rule));
        d.paired_with = Some(last_name);
    }
}

/// All safe fixes, applied until nothing changes (as `check --fix`).
fn fixed_text(text: &str, own: &[Diagnostic]) -> (String, usize) {
    let mut out = text.to_string();
    let mut diags = own.to_vec();
    let mut total = 0;
    for _ in 0..8 {
        let (next, n) = apply_fixes(&out, &diags, false);
        if n == 0 || next == out {
            break;
        }
        total += n;
        out = next;
        diags = lint(&out, &LintOptions::default());
    }
    (out, total)
}

fn fixed_download(d: &Draft) -> Result<Option<Download>, String> {
    let (text, count) = fixed_text(&d.text, &d.own);
    if count == 0 || text == d.text {
        return Ok(None);
    }
    let Some(encoding) = d.source.encoding() else {
        return Ok(None);
    };
    let bytes = encoding.encode(&text).ok_or_else(|| {
        format!(
            "修复后的文本无法以 {} 编码保存，未提供下载",
            encoding.label()
        )
    })?;
    let ext = front::extension(&d.name);
    Ok(Some(Download {
        name: format!("{}（已修复）.{ext}", stem(&d.name)),
        mime: "text/plain",
        data: base64(&bytes),
        count,
        diff: Some(nianbao::diagnostic::unified_diff(&d.name, &d.text, &text)),
    }))
}

fn annotated_download(d: &Draft, lang: Lang, date: &str) -> Result<Download, String> {
    let author = Author {
        date: Some(date),
        ..Author::default()
    };
    let out = annotate(&d.bytes, &comments_for(&d.diagnostics, lang), &author)
        .map_err(|e| e.to_string())?;
    Ok(Download {
        name: format!("{}.nianbao.docx", stem(&d.name)),
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        data: base64(&out.bytes),
        count: out.comments,
        diff: None,
    })
}

fn location(d: &Draft, idx: &LineIndex, offset: usize, lang: Lang) -> String {
    if let Some(place) = d.source.place(offset) {
        return match lang {
            Lang::Zh => place.zh,
            Lang::En => place.en,
        };
    }
    let (line, _) = idx.position(&d.text, offset, ColumnUnit::Char);
    match lang {
        Lang::Zh => format!("第 {} 行", line + 1),
        Lang::En => format!("line {}", line + 1),
    }
}

fn present(d: &Draft, lang: Lang, date: &str) -> FileView {
    let report = bind(&d.text, &Options::default());
    let v = view::build(&report, &d.diagnostics, lang);
    drop(report);
    let idx = LineIndex::new(&d.text);
    let mut page_idx: Option<LineIndex> = None;
    let mut summary = Summary::default();
    let findings = d
        .diagnostics
        .iter()
        .zip(v.targets)
        .map(|(x, t)| {
            match x.severity {
                Severity::Error => summary.error += 1,
                Severity::Warning => summary.warning += 1,
                Severity::Info => summary.info += 1,
                Severity::Hint => summary.hint += 1,
            }
            let (line, column) = match (d.source.file_text(), d.source.file_offset(x.span.start)) {
                // A web page: its own line and column, as the CLI gives them.
                (Some(page), Some(at)) => page_idx
                    .get_or_insert_with(|| LineIndex::new(page))
                    .position(page, at, ColumnUnit::Char),
                _ => idx.position(&d.text, x.span.start, ColumnUnit::Char),
            };
            Finding {
                rule: x.rule,
                severity: x.severity.as_str(),
                severity_label: x.severity.label(lang),
                message: x.message.get(lang).to_string(),
                line: line + 1,
                column: column + 1,
                location: location(d, &idx, x.span.start, lang),
                note: t.note,
                related: x
                    .related
                    .iter()
                    .zip(&t.related)
                    .map(|(r, target)| Related {
                        message: r.message.get(lang).to_string(),
                        location: location(d, &idx, r.span.start, lang),
                        target: target.clone(),
                    })
                    .collect(),
                target: t.id,
                fix: x.fix.as_ref().map(|f| FixView {
                    message: f.message.get(lang).to_string(),
                    safe: f.is_safe(),
                }),
            }
        })
        .collect();
    let mut file = FileView {
        name: d.name.clone(),
        kind: kind_name(d.source.kind()),
        encoding: d
            .source
            .encoding()
            .map(|e| e.label())
            .or(d.source.read_encoding()),
        paired_with: d.paired_with.clone(),
        summary,
        findings,
        document: v.blocks,
        ..FileView::default()
    };
    if d.source.word().is_some() {
        match annotated_download(d, lang, date) {
            Ok(a) => file.annotated = Some(a),
            Err(e) => file.error = Some(format!("无法生成带批注的 Word 文件：{e}")),
        }
    } else {
        match fixed_download(d) {
            Ok(f) => file.fixed = f,
            Err(e) => file.error = Some(e),
        }
    }
    file
}

/// Checks the files of one upload; `date` stamps the Word comments.
pub fn check(uploads: Vec<Upload>, lang: Lang, date: &str) -> Checked {
    let mut loaded: Vec<Loaded> = uploads.into_iter().map(load).collect();
    {
        let mut drafts: Vec<&mut Draft> = loaded
            .iter_mut()
            .filter_map(|l| match l {
                Loaded::Draft(d) => Some(d.as_mut()),
                Loaded::Done(_) => None,
            })
            .collect();
        pair(&mut drafts);
    }
    let files = loaded
        .into_iter()
        .map(|l| match l {
            Loaded::Draft(d) => present(&d, lang, date),
            Loaded::Done(f) => *f,
        })
        .collect();
    Checked { files }
}
