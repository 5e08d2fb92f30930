//! Checks the files of one upload as `nianbao check` would: reads Word and
//! text drafts (GB18030 too), lints, pairs this year's and last year's
//! report of the same unit for the cross-year rules (`carry-over`,
//! `repeated-text`), applies a reviewer's decisions uploaded with them
//! (`决定.toml`), and prepares what the page offers: the findings, the
//! document view, the text with all safe fixes applied (and its diff), and
//! the .docx returned with comments.
//!
//! The server keeps nothing between requests: the decisions file travels
//! with the drafts, and a decision made on the page comes back as the
//! file's new text ([`decide`]) for the page to keep and offer as a download.

use super::upload::{LIMITS, Upload, base64, zip_refusal};
use super::view;
use nianbao::decisions::{Decision, Decisions, Mark, Verdict};
use nianbao::diagnostic::{Diagnostic, Severity, apply_fixes};
use nianbao::front::docx::annotate::{Author, annotate, comments_for};
use nianbao::front::{self, Kind, Source};
use nianbao::lint::lint_report;
use nianbao::model::{Options, bind};
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
    /// The element of this file's view; empty for a place in another file.
    pub target: String,
    /// Another uploaded file the place is in (last year's report).
    pub file: Option<String>,
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
    /// What the finding says, hashed: the key of a decision on it.
    pub fingerprint: String,
    /// The reviewer's decision (confirmed findings; dismissed ones are in
    /// `FileView::dismissed`).
    pub decision: Option<Mark>,
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
    /// The report's unit and year, which decisions are keyed by.
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub summary: Summary,
    pub findings: Vec<Finding>,
    /// Findings the decisions dismissed: counted, listed apart.
    pub dismissed: Vec<Finding>,
    pub document: Vec<view::Block>,
    pub fixed: Option<Download>,
    pub annotated: Option<Download>,
}

#[derive(Debug, Serialize)]
pub struct Checked {
    pub files: Vec<FileView>,
    /// The decisions file uploaded with the drafts, if any.
    pub decisions: Option<DecisionsView>,
}

#[derive(Debug, Serialize)]
pub struct DecisionsView {
    pub name: String,
    /// Its text (the page keeps it and sends it back with each decision).
    pub text: String,
    pub count: usize,
    /// Why it could not be read (its decisions then apply to nothing).
    pub error: Option<String>,
}

/// A file read and linted.
struct Draft {
    name: String,
    bytes: Vec<u8>,
    text: String,
    source: Source,
    identity: Option<nianbao::identity::Identity>,
    /// The file's own findings (what `--fix` works from).
    own: Vec<Diagnostic>,
    /// With the cross-year findings, without the dismissed ones.
    diagnostics: Vec<Diagnostic>,
    /// Each finding's fingerprint and decision (in the order of `diagnostics`).
    reviewed: Vec<(String, Option<Mark>)>,
    /// Findings the decisions dismissed, with their fingerprints and decisions.
    dismissed: Vec<(Diagnostic, String, Mark)>,
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
    let identity = nianbao::identity::of(&report, &name);
    drop(report);
    Loaded::Draft(Box::new(Draft {
        name,
        bytes,
        text,
        source,
        identity,
        diagnostics: own.clone(),
        own,
        reviewed: Vec::new(),
        dismissed: Vec::new(),
        paired_with: None,
    }))
}

/// Pairs each report with last year's report of the same unit among the
/// uploaded files, as the CLI pairs the files it is given.
fn pair(drafts: &mut [&mut Draft]) {
    let mut by_year: HashMap<(String, i32), usize> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        if let Some(id) = &d.identity {
            by_year.entry(id.pair_key()).or_insert(i);
        }
    }
    for i in 0..drafts.len() {
        let Some(id) = drafts[i].identity.clone() else {
            continue;
        };
        let Some(&j) = by_year.get(&id.last_year_key()) else {
            continue;
        };
        let last_name = drafts[j].name.clone();
        let found = {
            let this = bind(&drafts[i].text, &Options::default());
            let last = bind(&drafts[j].text, &Options::default());
            nianbao::crossdoc::last_year(&this, &last, &last_name, &LintOptions::default())
        };
        let d = &mut drafts[i];
        nianbao::crossdoc::merge(&mut d.diagnostics, found);
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

/// Where a place in another uploaded file is: its name and its line (or
/// Word location).
fn location_in(others: &HashMap<&str, &Draft>, file: &str, offset: usize, lang: Lang) -> String {
    match others.get(file) {
        Some(o) => {
            let idx = LineIndex::new(&o.text);
            format!("{}：{}", o.name, location(o, &idx, offset, lang))
        }
        None => file.to_string(),
    }
}

/// Lists a draft's findings as the page shows them.
struct Lister<'a> {
    d: &'a Draft,
    others: &'a HashMap<&'a str, &'a Draft>,
    idx: LineIndex,
    /// A web page's own lines, on first use.
    page_idx: Option<LineIndex>,
    lang: Lang,
}

impl Lister<'_> {
    /// A finding as the page lists it.
    fn finding(
        &mut self,
        x: &Diagnostic,
        t: view::Target,
        (fingerprint, decision): (String, Option<Mark>),
    ) -> Finding {
        let (d, lang) = (self.d, self.lang);
        let (line, column) = match (d.source.file_text(), d.source.file_offset(x.span.start)) {
            // A web page: its own line and column, as the CLI gives them.
            (Some(page), Some(at)) => self
                .page_idx
                .get_or_insert_with(|| LineIndex::new(page))
                .position(page, at, ColumnUnit::Char),
            _ => self.idx.position(&d.text, x.span.start, ColumnUnit::Char),
        };
        Finding {
            rule: x.rule,
            severity: x.severity.as_str(),
            severity_label: x.severity.label(lang),
            message: x.message.get(lang).to_string(),
            line: line + 1,
            column: column + 1,
            location: location(d, &self.idx, x.span.start, lang),
            note: t.note,
            related: x
                .related
                .iter()
                .zip(&t.related)
                .map(|(r, target)| match &r.file {
                    Some(f) => Related {
                        message: r.message.get(lang).to_string(),
                        location: location_in(self.others, f, r.span.start, lang),
                        target: String::new(),
                        file: Some(f.clone()),
                    },
                    None => Related {
                        message: r.message.get(lang).to_string(),
                        location: location(d, &self.idx, r.span.start, lang),
                        target: target.clone(),
                        file: None,
                    },
                })
                .collect(),
            target: t.id,
            fix: x.fix.as_ref().map(|f| FixView {
                message: f.message.get(lang).to_string(),
                safe: f.is_safe(),
            }),
            fingerprint,
            decision,
        }
    }
}

fn present(d: &Draft, others: &HashMap<&str, &Draft>, lang: Lang, date: &str) -> FileView {
    let report = bind(&d.text, &Options::default());
    let v = view::build(&report, &d.diagnostics, lang);
    let dismissed: Vec<Diagnostic> = d.dismissed.iter().map(|x| x.0.clone()).collect();
    let v_dismissed = view::build(&report, &dismissed, lang);
    drop(report);
    let mut list = Lister {
        d,
        others,
        idx: LineIndex::new(&d.text),
        page_idx: None,
        lang,
    };
    let mut summary = Summary::default();
    let reviewed = d
        .reviewed
        .iter()
        .cloned()
        .chain(std::iter::repeat((String::new(), None)));
    let findings = d
        .diagnostics
        .iter()
        .zip(v.targets)
        .zip(reviewed)
        .map(|((x, t), r)| {
            match x.severity {
                Severity::Error => summary.error += 1,
                Severity::Warning => summary.warning += 1,
                Severity::Info => summary.info += 1,
                Severity::Hint => summary.hint += 1,
            }
            list.finding(x, t, r)
        })
        .collect();
    let dismissed = d
        .dismissed
        .iter()
        .zip(v_dismissed.targets)
        .map(|((x, fp, mark), t)| list.finding(x, t, (fp.clone(), Some(mark.clone()))))
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
        unit: d.identity.as_ref().map(|i| i.unit.clone()),
        year: d.identity.as_ref().map(|i| i.year),
        summary,
        findings,
        dismissed,
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

/// Checks the files of one upload; `date` stamps the Word comments. A
/// `.toml` file among them is the reviewer's decisions file.
pub fn check(uploads: Vec<Upload>, lang: Lang, date: &str) -> Checked {
    let (tomls, uploads): (Vec<Upload>, Vec<Upload>) = uploads
        .into_iter()
        .partition(|u| front::extension(&u.name) == "toml");
    let (decisions, decisions_view) = match tomls.into_iter().next() {
        None => (None, None),
        Some(u) => {
            let text = front::decode(&u.bytes).map(|t| t.0);
            let parsed = match &text {
                Ok(t) => Decisions::parse(t)
                    .map_err(|e| format!("{}：第 {} 行有误：{}", u.name, e.line, e.message)),
                Err(e) => Err(format!("{}：{e}", u.name)),
            };
            let view = DecisionsView {
                name: u.name,
                text: text.unwrap_or_default(),
                count: parsed.as_ref().map_or(0, |d| d.list.len()),
                error: parsed.as_ref().err().cloned(),
            };
            (parsed.ok(), Some(view))
        }
    };
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
        for d in drafts {
            review(d, decisions.as_ref());
        }
    }
    let by_name: HashMap<&str, &Draft> = loaded
        .iter()
        .filter_map(|l| match l {
            Loaded::Draft(d) => Some((d.name.as_str(), d.as_ref())),
            Loaded::Done(_) => None,
        })
        .collect();
    let files = loaded
        .iter()
        .map(|l| match l {
            Loaded::Draft(d) => present(d, &by_name, lang, date),
            Loaded::Done(f) => FileView {
                name: f.name.clone(),
                kind: f.kind,
                encoding: f.encoding,
                error: f.error.clone(),
                notice: f.notice.clone(),
                ..FileView::default()
            },
        })
        .collect();
    Checked {
        files,
        decisions: decisions_view,
    }
}

/// Sets the dismissed findings of a draft apart and marks the confirmed.
fn review(d: &mut Draft, decisions: Option<&Decisions>) {
    let all = std::mem::take(&mut d.diagnostics);
    let r = match (&d.identity, decisions) {
        (Some(id), Some(ds)) => nianbao::decisions::review(ds, &id.unit, id.year, all),
        _ => {
            let prints = nianbao::decisions::fingerprints(&all);
            nianbao::decisions::Reviewed {
                kept: all
                    .into_iter()
                    .zip(prints)
                    .map(|(x, p)| (x, p, None))
                    .collect(),
                dismissed: Vec::new(),
            }
        }
    };
    for (x, fp, mark) in r.kept {
        d.diagnostics.push(x);
        d.reviewed.push((fp, mark));
    }
    d.dismissed = r.dismissed;
}

/// A decision made on the page.
#[derive(Debug, serde::Deserialize)]
pub struct Decide {
    /// The decisions file as the page holds it (empty: none yet).
    #[serde(default)]
    pub text: String,
    pub unit: String,
    pub year: i32,
    pub rule: String,
    pub fingerprint: String,
    #[serde(default)]
    pub message: String,
    /// `确认`, `忽略`, or none to undo the decision.
    pub verdict: Option<String>,
    #[serde(default)]
    pub comment: String,
}

/// The decisions file after one decision: its new text.
pub fn decide(d: Decide, date: &str) -> Result<String, String> {
    let mut ds = if d.text.trim().is_empty() {
        Decisions::default()
    } else {
        Decisions::parse(&d.text)
            .map_err(|e| format!("决定文件第 {} 行有误：{}", e.line, e.message))?
    };
    if nianbao::rules::find(&d.rule).is_none() {
        return Err(format!("没有名为“{}”的规则", d.rule));
    }
    match d.verdict.as_deref().map(Verdict::parse) {
        None => ds.remove(&d.unit, d.year, &d.rule, &d.fingerprint),
        Some(None) => return Err("决定只能是“确认”或“忽略”".into()),
        Some(Some(verdict)) => ds.set(Decision {
            unit: d.unit,
            year: d.year,
            rule: d.rule,
            fingerprint: d.fingerprint,
            verdict,
            comment: d.comment,
            message: d.message,
            date: Some(date.chars().take(10).collect()),
        }),
    }
    Ok(ds.to_toml())
}
