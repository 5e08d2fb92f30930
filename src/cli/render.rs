//! Output of `nianbao check`: human (source line, marker under the cell,
//! aligned by display width), JSON, SARIF 2.1.0 and GitHub annotations.

use super::json_out::{self, JsonDiag, JsonEdit, JsonFix, JsonRelated};
use super::outcome::{FileResult, Outcome};
use super::{CheckArgs, Format};
use nianbao::diagnostic::{Diagnostic, Severity};
use nianbao::front::Kind;
use nianbao::text::{ColumnUnit, LineIndex, Span};
use nianbao::{Lang, rules};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const MAX_COLS: usize = 100;

/// The text a file's positions are given in: a web page's own text (the
/// finding's place mapped back into the page), else the text read.
pub struct Shown<'a> {
    pub text: &'a str,
    idx: LineIndex,
    source: &'a nianbao::front::Source,
}

impl<'a> Shown<'a> {
    pub fn of(r: &'a FileResult) -> Self {
        Shown::new(&r.text, &r.source)
    }

    /// A file's text read and its front end.
    pub fn new(text: &'a str, source: &'a nianbao::front::Source) -> Self {
        let text = source.file_text().unwrap_or(text);
        Shown {
            text,
            idx: LineIndex::new(text),
            source,
        }
    }

    /// The offset in [`Shown::text`] of an offset of the text read.
    fn at(&self, offset: usize) -> usize {
        self.source.file_offset(offset).unwrap_or(offset)
    }

    /// 1-based (line, column in characters).
    pub fn pos(&self, offset: usize) -> (usize, usize) {
        let (l, c) = self
            .idx
            .position(self.text, self.at(offset), ColumnUnit::Char);
        (l + 1, c + 1)
    }

    /// A span as offsets of [`Shown::text`], never backwards.
    fn span(&self, span: Span) -> (usize, usize) {
        let start = self.at(span.start);
        (start, self.at(span.end).max(start))
    }

    fn range(&self, span: Span) -> (usize, usize, usize, usize) {
        let (s, e) = self.span(span);
        let (l, c) = self.idx.position(self.text, s, ColumnUnit::Char);
        let (el, ec) = self.idx.position(self.text, e, ColumnUnit::Char);
        (l + 1, c + 1, el + 1, ec + 1)
    }
}

fn json_diag<'a>(
    r: &'a FileResult,
    shown: &Shown,
    d: &'a Diagnostic,
    lang: Lang,
    fingerprint: String,
    decision: Option<&'a nianbao::decisions::Mark>,
) -> JsonDiag<'a> {
    let (line, column, end_line, end_column) = shown.range(d.span);
    let fix = d.fix.as_ref().map(|f| JsonFix {
        message: f.message.get(lang),
        applicability: f.applicability,
        edits: f
            .edits
            .iter()
            .map(|e| {
                let (line, column, end_line, end_column) = shown.range(e.span);
                JsonEdit {
                    line,
                    column,
                    end_line,
                    end_column,
                    text: &e.text,
                }
            })
            .collect(),
    });
    let related = d
        .related
        .iter()
        .map(|rel| {
            let at = place(r, shown, rel, lang);
            let (line, column, end_line, end_column) = at.range;
            JsonRelated {
                path: rel.file.is_some().then_some(at.path),
                line,
                column,
                end_line,
                end_column,
                message: rel.message.get(lang),
                location: at.location,
                page: at.page,
            }
        })
        .collect();
    JsonDiag {
        path: &r.path,
        rule: d.rule,
        severity: d.severity.as_str(),
        message: d.message.get(lang),
        line,
        column,
        end_line,
        end_column,
        fix,
        related,
        location: docx_location(r, d.span.start, lang),
        fingerprint,
        decision,
        page: page_of(r, d.span.start),
    }
}

/// A related place resolved: its file, its range in that file's own terms
/// and (Word and PDF files) its location and page.
struct Place<'a> {
    path: &'a str,
    range: (usize, usize, usize, usize),
    location: Option<String>,
    page: Option<u32>,
}

/// Where a related place is: in this file, or in another file the result
/// holds (last year's report, a unit's report). A place in a file the
/// result does not hold (cannot happen: the cross-file stage adds every
/// file it names) falls back to that file's first line.
fn place<'a>(
    r: &'a FileResult,
    shown: &Shown,
    rel: &'a nianbao::diagnostic::Related,
    lang: Lang,
) -> Place<'a> {
    match rel.file.as_deref().and_then(|f| r.other(f)) {
        Some(o) => {
            let there = Shown::new(&o.text, &o.source);
            Place {
                path: &o.path,
                range: there.range(rel.span),
                location: location_in(&o.source, rel.span.start, lang),
                page: o.source.place(rel.span.start).and_then(|p| p.page),
            }
        }
        None if rel.file.is_some() => Place {
            path: rel.file.as_deref().unwrap_or(&r.path),
            range: (1, 1, 1, 1),
            location: None,
            page: None,
        },
        None => Place {
            path: &r.path,
            range: shown.range(rel.span),
            location: docx_location(r, rel.span.start, lang),
            page: page_of(r, rel.span.start),
        },
    }
}

/// The page of `offset` in a paged file (PDF).
fn page_of(r: &FileResult, offset: usize) -> Option<u32> {
    r.source.place(offset).and_then(|p| p.page)
}

/// SARIF: the place in the file's own terms as a logical location, and the
/// page in the result's properties (viewers show both; the region's lines
/// are those of the rendered text).
fn sarif_place(r: &FileResult, offset: usize, lang: Lang, loc: &mut Value) {
    if let Some(name) = docx_location(r, offset, lang) {
        loc["logicalLocations"] = json!([{"name": name, "kind": "element"}]);
    }
}

/// Where `offset` of a file's text is in the file's own terms (a Word
/// draft's paragraph or cell); `None` for files whose positions are their
/// own lines (text files, web pages: see [`Shown`]).
pub fn docx_location(r: &FileResult, offset: usize, lang: Lang) -> Option<String> {
    location_in(&r.source, offset, lang)
}

/// [`docx_location`] in any file's front end.
fn location_in(source: &nianbao::front::Source, offset: usize, lang: Lang) -> Option<String> {
    if source.file_text().is_some() {
        return None;
    }
    let place = source.place(offset)?;
    Some(match lang {
        Lang::Zh => place.zh,
        Lang::En => place.en,
    })
}

/// Display width of `s` with tabs expanded to 4 columns.
fn expand(s: &str) -> (String, Vec<usize>) {
    // Returns the display string and, for each byte offset of `s`, its
    // display column.
    let mut out = String::new();
    let mut cols = vec![0usize; s.len() + 1];
    let mut col = 0;
    for (i, c) in s.char_indices() {
        for k in 0..c.len_utf8() {
            cols[i + k] = col;
        }
        if c == '\t' {
            let n = 4 - col % 4;
            out.push_str(&" ".repeat(n));
            col += n;
        } else {
            out.push(c);
            col += c.width().unwrap_or(0);
        }
    }
    cols[s.len()] = col;
    (out, cols)
}

struct Paint(bool);

impl Paint {
    fn sev(&self, s: Severity, text: &str) -> String {
        if !self.0 {
            return text.to_string();
        }
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;32",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
    fn dim(&self, text: &str) -> String {
        if self.0 {
            format!("\x1b[2m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, text: &str) -> String {
        if self.0 {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn human(out: &mut String, r: &FileResult, lang: Lang, paint: &Paint) {
    let shown = Shown::of(r);
    let idx = &shown.idx;
    for (i, d) in r.diagnostics.iter().enumerate() {
        let (line, col) = shown.pos(d.span.start);
        let sev = d.severity.label(lang);
        let _ = writeln!(
            out,
            "{}: {}",
            paint.sev(d.severity, &format!("{sev}[{}]", d.rule)),
            paint.bold(d.message.get(lang))
        );
        match docx_location(r, d.span.start, lang) {
            Some(loc) => {
                let _ = writeln!(out, "  {} {}: {loc}", paint.dim("-->"), r.path);
            }
            None => {
                let _ = writeln!(out, "  {} {}:{}:{}", paint.dim("-->"), r.path, line, col);
            }
        }
        let lspan = idx.line_span(shown.text, line - 1);
        let src = &shown.text[lspan.range()];
        let (span_start, span_end) = shown.span(d.span);
        let (shown_line, cols) = expand(src);
        // Word and PDF files: no line numbers (the place says where; the
        // rendering's lines are nobody's).
        let label = if matches!(r.source.kind(), Kind::Word | Kind::Pdf) {
            String::new()
        } else {
            line.to_string()
        };
        let gutter = label.len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad} {}", paint.dim("|"));
        let start = span_start.saturating_sub(lspan.start).min(src.len());
        let end = if span_end <= lspan.end {
            span_end.saturating_sub(lspan.start).min(src.len())
        } else {
            src.len()
        };
        let (mut c0, c1) = (cols[start], cols[end.max(start)]);
        let mut width = (c1 - c0).max(1);
        // Long lines (a paragraph, a page copied with no line breaks): show a
        // window around the finding.
        let shown_line = if UnicodeWidthStr::width(shown_line.as_str()) > MAX_COLS {
            let from = c0.saturating_sub(20);
            let mut s = String::new();
            let mut col = 0;
            for ch in shown_line.chars() {
                let w = ch.width().unwrap_or(0);
                if col >= from && col + w <= from + MAX_COLS {
                    s.push(ch);
                }
                col += w;
            }
            let lead = if from > 0 { "…" } else { "" };
            c0 = c0 - from + usize::from(from > 0);
            width = width.min(MAX_COLS.saturating_sub(c0).max(1));
            format!("{lead}{s}…")
        } else {
            shown_line
        };
        let _ = writeln!(
            out,
            "{} {} {}",
            paint.dim(&label),
            paint.dim("|"),
            shown_line.trim_end()
        );
        let _ = writeln!(
            out,
            "{pad} {} {}{}",
            paint.dim("|"),
            " ".repeat(c0),
            paint.sev(d.severity, &"^".repeat(width))
        );
        for rel in &d.related {
            let p = place(r, &shown, rel, lang);
            let (rl, rc, _, _) = p.range;
            let at = match p.location {
                Some(loc) if rel.file.is_some() => format!("{}: {loc}", p.path),
                Some(loc) => loc,
                None => format!("{}:{rl}:{rc}", p.path),
            };
            let _ = writeln!(
                out,
                "{pad} {} {at}: {}",
                paint.dim("="),
                rel.message.get(lang)
            );
        }
        if let Some(f) = &d.fix {
            let tag = match (f.is_safe(), lang) {
                (true, Lang::Zh) => "修复",
                (false, Lang::Zh) => "修复（不安全，需 --unsafe-fixes）",
                (true, Lang::En) => "fix",
                (false, Lang::En) => "fix (unsafe, needs --unsafe-fixes)",
            };
            let _ = writeln!(
                out,
                "{pad} {} {tag}: {}",
                paint.dim("="),
                f.message.get(lang)
            );
        }
        if let Some(Some(m)) = r.marks.get(i) {
            let tag = match lang {
                Lang::Zh => format!("审核{}", m.verdict.zh()),
                Lang::En => format!("review: {}", m.verdict.en()),
            };
            let comment = if m.comment.is_empty() {
                String::new()
            } else {
                format!(": {}", m.comment)
            };
            let _ = writeln!(out, "{pad} {} {tag}{comment}", paint.dim("="));
        }
        out.push('\n');
    }
}

/// The SARIF results of one file.
fn sarif_results(r: &FileResult, lang: Lang) -> Vec<Value> {
    let shown = Shown::of(r);
    let mut results = Vec::new();
    let prints = nianbao::decisions::fingerprints(&r.diagnostics);
    for (d, print) in r.diagnostics.iter().zip(prints) {
        let (l, c, el, ec) = shown.range(d.span);
        let mut res = json!({
            "ruleId": d.rule,
            "level": sarif_level(d.severity),
            "message": {"text": d.message.get(lang)},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri(&r.path)},
                "region": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec.max(if el == l { c + 1 } else { 1 })}
            }}],
        });
        if let Some(i) = rules::RULES.iter().position(|x| x.meta.name == d.rule) {
            res["ruleIndex"] = json!(i);
        }
        res["partialFingerprints"] = json!({ "nianbao/v1": print });
        sarif_place(r, d.span.start, lang, &mut res["locations"][0]);
        if let Some(page) = page_of(r, d.span.start) {
            res["properties"] = json!({"page": page});
        }
        if !d.related.is_empty() {
            res["relatedLocations"] = Value::Array(
                d.related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        let at = place(r, &shown, rel, lang);
                        let (l, c, el, ec) = at.range;
                        let mut loc = json!({"id": i, "message": {"text": rel.message.get(lang)}, "physicalLocation": {
                            "artifactLocation": {"uri": uri(at.path)},
                            "region": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec.max(if el == l { c + 1 } else { 1 })}
                        }});
                        // In the file it is in (last year's report: its own terms).
                        if let Some(name) = &at.location {
                            loc["logicalLocations"] = json!([{"name": name, "kind": "element"}]);
                        }
                        loc
                    })
                    .collect(),
            );
        }
        if let Some(f) = &d.fix {
            res["fixes"] = json!([{
                "description": {"text": f.message.get(lang)},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri(&r.path)},
                    "replacements": f.edits.iter().map(|e| {
                        let (l, c, el, ec) = shown.range(e.span);
                        json!({"deletedRegion": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec}, "insertedContent": {"text": e.text}})
                    }).collect::<Vec<_>>()
                }]
            }]);
        }
        results.push(res);
    }
    results
}

/// Pretty JSON whose lines after the first are indented by `by` spaces, to
/// sit inside an enclosing document written piece by piece.
fn pretty_at(v: &impl serde::Serialize, by: usize) -> String {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    let pad = " ".repeat(by);
    let mut out = String::with_capacity(text.len() + 64);
    for (k, line) in text.lines().enumerate() {
        if k > 0 {
            out.push('\n');
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    out
}

/// The SARIF log up to its `results` array (which the files then fill).
fn sarif_head(lang: Lang) -> String {
    let rules_json: Vec<Value> = rules::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.meta.name,
                "name": r.meta.name,
                "shortDescription": {"text": if lang == Lang::En { r.meta.summary_en } else { r.meta.summary }},
                "fullDescription": {"text": r.doc()},
                "help": {"text": r.doc()},
                "defaultConfiguration": {"level": sarif_level(r.meta.severity)},
            })
        })
        .collect();
    let tool = json!({"driver": {
        "name": "nianbao",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://github.com/nianbao/nianbao",
        "rules": rules_json,
    }});
    format!(
        "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
        pretty_at(&tool, 6)
    )
}

/// The rest of the SARIF log after the results: the files that could not be
/// read, as notifications.
fn sarif_tail(failed: &[(String, String)], any_result: bool) -> String {
    let notifications: Vec<Value> = failed
        .iter()
        .map(|(path, error)| {
            json!({
                "level": "error",
                "message": {"text": format!("{path}: {error}")},
            })
        })
        .collect();
    let invocations = json!([{"executionSuccessful": failed.is_empty(), "toolExecutionNotifications": notifications}]);
    format!(
        "{}],\n      \"invocations\": {}\n    }}\n  ]\n}}\n",
        if any_result { "\n      " } else { "" },
        pretty_at(&invocations, 6)
    )
}

fn uri(path: &str) -> String {
    path.trim_start_matches("./").replace('\\', "/")
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn github_escape(s: &str, property: bool) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s.replace(':', "%3A").replace(',', "%2C")
    } else {
        s
    }
}

/// What the summary, the statistics and the exit code need from the files
/// already printed.
#[derive(Default)]
pub struct Tally {
    pub files: usize,
    pub fixed: usize,
    pub by_severity: BTreeMap<Severity, usize>,
    pub by_rule: BTreeMap<&'static str, usize>,
    /// Files that could not be checked: (path, error).
    pub failed: Vec<(String, String)>,
    /// Files found in a folder that are not reports.
    pub skipped: usize,
    /// Findings the review decisions dismissed.
    pub dismissed: usize,
}

impl Tally {
    fn count(&mut self, r: &FileResult) {
        self.dismissed += r.dismissed;
        for d in &r.diagnostics {
            *self.by_severity.entry(d.severity).or_default() += 1;
            *self.by_rule.entry(d.rule).or_default() += 1;
        }
    }
}

/// One file's output, rendered by the worker that checked it.
pub struct Chunk {
    /// For stdout: the file's findings in the chosen format (for JSON and
    /// SARIF, its array items without the separators between files).
    out: String,
    /// For stderr.
    err: String,
    tally: Tally,
}

/// Renders files one at a time, in any thread.
pub struct Renderer<'a> {
    args: &'a CheckArgs,
    lang: Lang,
    paint: Paint,
    /// More than one file: human output gets a line per file.
    many: bool,
}

impl<'a> Renderer<'a> {
    pub fn new(args: &'a CheckArgs, lang: Lang, color: bool, many: bool) -> Self {
        Renderer {
            args,
            lang,
            paint: Paint(color),
            many,
        }
    }

    pub fn chunk(&self, o: &Outcome) -> Chunk {
        let mut c = Chunk {
            out: String::new(),
            err: String::new(),
            tally: Tally::default(),
        };
        match o {
            Outcome::Failed { path, error } => {
                let _ = writeln!(c.err, "nianbao: {path}: {error}");
                c.tally.failed.push((path.clone(), error.clone()));
            }
            Outcome::Skipped { path, why } => {
                c.tally.skipped = 1;
                let line = match self.lang {
                    Lang::Zh => format!("{path}：{why}，已跳过；直接给出文件名可强制检查"),
                    Lang::En => {
                        format!("{path}: {why}; skipped (name the file to check it anyway)")
                    }
                };
                // In the human output, in its place among the files; other
                // formats keep stdout for what they are.
                if self.args.format == Format::Human {
                    if !self.args.quiet {
                        let _ = writeln!(c.out, "{}", self.paint.dim(&line));
                    }
                } else {
                    let _ = writeln!(c.err, "nianbao: {line}");
                }
            }
            Outcome::Checked(r) => {
                c.tally.files = 1;
                c.tally.fixed = r.fixed;
                c.tally.count(r);
                self.file(r, &mut c);
            }
        }
        c
    }

    /// Findings found across files (`carry-over`), printed after the files:
    /// no summary line of their own, not counted as files again.
    pub fn cross_file_chunk(&self, r: &FileResult) -> Chunk {
        let mut c = Chunk {
            out: String::new(),
            err: String::new(),
            tally: Tally::default(),
        };
        c.tally.count(r);
        match self.args.format {
            Format::Human => human(&mut c.out, r, self.lang, &self.paint),
            _ => self.file(r, &mut c),
        }
        c
    }

    fn file(&self, r: &FileResult, c: &mut Chunk) {
        let lang = self.lang;
        match self.args.format {
            Format::Json => {
                if r.diagnostics.is_empty() {
                    return;
                }
                let shown = Shown::of(r);
                let prints = nianbao::decisions::fingerprints(&r.diagnostics);
                let items: Vec<JsonDiag> = r
                    .diagnostics
                    .iter()
                    .zip(prints)
                    .enumerate()
                    .map(|(i, (d, print))| {
                        json_diag(
                            r,
                            &shown,
                            d,
                            lang,
                            print,
                            r.marks.get(i).and_then(Option::as_ref),
                        )
                    })
                    .collect();
                // The file's items, indented as elements of the one array
                // the whole output is (the brackets and the separators
                // between files are the stream's).
                c.out.reserve(items.len() * 640);
                json_out::write_items(&mut c.out, &items);
            }
            Format::Sarif => {
                for res in sarif_results(r, lang) {
                    if !c.out.is_empty() {
                        c.out.push_str(",\n        ");
                    }
                    c.out.push_str(&pretty_at(&res, 8));
                }
            }
            Format::Github => {
                let shown = Shown::of(r);
                for d in &r.diagnostics {
                    let (l, col, el, ec) = shown.range(d.span);
                    let kind = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        _ => "notice",
                    };
                    let _ = writeln!(
                        c.out,
                        "::{kind} file={},line={l},col={col},endLine={el},endColumn={ec},title={}::{}",
                        github_escape(&r.path, true),
                        github_escape(&format!("nianbao {}", d.rule), true),
                        github_escape(d.message.get(lang), false)
                    );
                }
            }
            Format::Csv => {}
            Format::Human => {
                let paint = &self.paint;
                if let Some(d) = &r.diff {
                    c.out.push_str(d);
                    c.out.push('\n');
                } else {
                    human(&mut c.out, r, lang, paint);
                }
                let decoded = match (r.source.encoding(), r.source.read_encoding()) {
                    (Some(e), _) if e != nianbao::front::Encoding::Utf8 => Some(e.label()),
                    (None, Some(e)) if e != "UTF-8" => Some(e),
                    _ => None,
                };
                if let Some(e) = decoded
                    && !self.args.quiet
                {
                    let _ = writeln!(
                        c.err,
                        "nianbao: {}: 按 {e} 编码读取 (decoded as {e})",
                        r.path
                    );
                }
                // A table published as a picture is not in the text: say so.
                if let nianbao::front::Source::Html(h) = &r.source
                    && h.article.images > 0
                    && !self.args.quiet
                {
                    let n = h.article.images;
                    let _ = writeln!(
                        c.err,
                        "nianbao: {}: 网页正文中有 {n} 张图片，图片中的表格与文字无法检查 ({n} images in the article are not read)",
                        r.path
                    );
                }
                if let Some(why) = &r.not_report
                    && !self.args.quiet
                {
                    let line = match lang {
                        Lang::Zh => format!("{}：{why}；按要求仍作检查", r.path),
                        Lang::En => format!("{}: {why}; checked as asked", r.path),
                    };
                    let _ = writeln!(c.out, "{}", paint.dim(&line));
                }
                if self.many && !self.args.quiet {
                    let n = r.diagnostics.len();
                    let line = match (lang, n) {
                        (Lang::Zh, 0) => format!("{}：未发现问题", r.path),
                        (Lang::Zh, _) => format!("{}：{n} 个问题", r.path),
                        (Lang::En, 0) => format!("{}: no problems", r.path),
                        (Lang::En, _) => format!("{}: {n} problems", r.path),
                    };
                    let _ = writeln!(c.out, "{}", paint.dim(&line));
                }
            }
        }
    }
}

/// Writes chunks to stdout as they come, with whatever the format puts
/// around and between them; stderr notes are kept for the end.
pub struct Stream<'a, W: Write> {
    out: W,
    args: &'a CheckArgs,
    lang: Lang,
    paint: Paint,
    any: bool,
    err: String,
    tally: Tally,
}

impl<'a, W: Write> Stream<'a, W> {
    pub fn start(mut out: W, args: &'a CheckArgs, lang: Lang, color: bool) -> Self {
        if args.format == Format::Sarif {
            let _ = out.write_all(sarif_head(lang).as_bytes());
        }
        Stream {
            out,
            args,
            lang,
            paint: Paint(color),
            any: false,
            err: String::new(),
            tally: Tally::default(),
        }
    }

    pub fn push(&mut self, c: Chunk) {
        self.err.push_str(&c.err);
        let t = c.tally;
        self.tally.files += t.files;
        self.tally.fixed += t.fixed;
        for (k, v) in t.by_severity {
            *self.tally.by_severity.entry(k).or_default() += v;
        }
        for (k, v) in t.by_rule {
            *self.tally.by_rule.entry(k).or_default() += v;
        }
        self.tally.failed.extend(t.failed);
        self.tally.skipped += t.skipped;
        self.tally.dismissed += t.dismissed;
        if c.out.is_empty() {
            return;
        }
        let sep = match (self.args.format, self.any) {
            (Format::Json, false) => "[\n",
            (Format::Json, true) => ",\n",
            (Format::Sarif, false) => "\n        ",
            (Format::Sarif, true) => ",\n        ",
            _ => "",
        };
        self.any = true;
        let _ = self.out.write_all(sep.as_bytes());
        let _ = self.out.write_all(c.out.as_bytes());
    }

    /// Closes the output (summary, statistics) and returns the tally.
    pub fn finish(mut self) -> Tally {
        let lang = self.lang;
        let mut tail = String::new();
        match self.args.format {
            Format::Json => tail.push_str(if self.any { "\n]\n" } else { "[]\n" }),
            Format::Sarif => tail.push_str(&sarif_tail(&self.tally.failed, self.any)),
            Format::Github | Format::Csv => {}
            Format::Human if !self.args.quiet => {
                summary(&mut tail, &self.tally, lang, &self.paint);
            }
            Format::Human => {}
        }
        if self.args.statistics {
            let mut stats = String::new();
            for (rule, n) in &self.tally.by_rule {
                let _ = writeln!(stats, "{n:>6}  {rule}");
            }
            if self.args.format == Format::Human {
                tail.push_str(&stats);
            } else {
                self.err.push_str(&stats);
            }
        }
        let _ = self.out.write_all(tail.as_bytes());
        let _ = self.out.flush();
        if !self.err.is_empty() {
            let _ = std::io::stderr().write_all(self.err.as_bytes());
        }
        self.tally
    }
}

fn summary(out: &mut String, tally: &Tally, lang: Lang, paint: &Paint) {
    let counts = &tally.by_severity;
    let files = tally.files;
    let total: usize = counts.values().sum();
    let order = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ];
    let parts: Vec<String> = order
        .iter()
        .filter_map(|s| {
            counts
                .get(s)
                .map(|n| format!("{n} 个{}", s.label(Lang::Zh)))
        })
        .collect();
    let parts_en: Vec<String> = order
        .iter()
        .filter_map(|s| counts.get(s).map(|n| format!("{n} {}", s.as_str())))
        .collect();
    let (skipped, failed) = (tally.skipped, tally.failed.len());
    // Never "no problems" when nothing was checked: a clerk reads that as
    // "the file is fine".
    let mut clauses = vec![match (lang, files, total) {
        (Lang::Zh, 0, _) if skipped + failed == 0 => {
            let exts: Vec<String> = nianbao::front::Kind::extensions()
                .map(|e| format!(".{e}"))
                .collect();
            format!("没有找到可检查的文件（{}）", exts.join("、"))
        }
        (Lang::Zh, 0, _) => "没有检查任何文件".to_string(),
        (Lang::Zh, _, 0) => format!("检查了 {files} 个文件，未发现问题"),
        (Lang::Zh, _, _) => format!(
            "检查了 {files} 个文件，发现 {total} 个问题（{}）",
            parts.join("，")
        ),
        (Lang::En, 0, _) if skipped + failed == 0 => {
            let exts: Vec<String> = nianbao::front::Kind::extensions()
                .map(|e| format!(".{e}"))
                .collect();
            format!("No files to check found ({})", exts.join(", "))
        }
        (Lang::En, 0, _) => "No file checked".to_string(),
        (Lang::En, _, 0) => format!("Checked {files} files: no problems found"),
        (Lang::En, _, _) => format!(
            "Checked {files} files: {total} problems ({})",
            parts_en.join(", ")
        ),
    }];
    if skipped > 0 {
        clauses.push(match lang {
            Lang::Zh => format!("跳过 {skipped} 个不是年报的文件"),
            Lang::En => format!("{skipped} files skipped as not reports"),
        });
    }
    if failed > 0 {
        clauses.push(match lang {
            Lang::Zh => format!("{failed} 个文件无法读取"),
            Lang::En => format!("{failed} files could not be read"),
        });
    }
    if tally.dismissed > 0 {
        let n = tally.dismissed;
        clauses.push(match lang {
            Lang::Zh => format!("另有 {n} 个问题已按审核决定忽略"),
            Lang::En => format!("{n} more findings dismissed by review decisions"),
        });
    }
    let line = match lang {
        Lang::Zh => clauses.join("；") + "。",
        Lang::En => clauses.join("; ") + ".",
    };
    let _ = writeln!(out, "{}", paint.bold(&line));
    if tally.fixed > 0 {
        let _ = writeln!(
            out,
            "{}",
            if lang == Lang::Zh {
                format!("已应用 {} 处修复。", tally.fixed)
            } else {
                format!("Applied {} fixes.", tally.fixed)
            }
        );
    }
}
