//! What the rules produce: findings with byte spans, bilingual messages,
//! related locations and fixes. Adapters (CLI, LSP) convert spans to their
//! own positions; nothing here knows about either.

use crate::text::{Span, apply_edits};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s.to_ascii_lowercase().as_str() {
            "error" => Severity::Error,
            "warning" | "warn" => Severity::Warning,
            "info" | "information" => Severity::Info,
            "hint" => Severity::Hint,
            _ => return None,
        })
    }
    pub fn label(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Info, Lang::Zh) => "提示",
            (Severity::Hint, Lang::Zh) => "建议",
            (s, Lang::En) => s.as_str(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("zh") || s == "cn" {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A message in both languages; users are Chinese civil servants, so Chinese
/// is the default and English is available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

impl Msg {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// Whether `--fix` may apply a fix without asking. A total recomputed from
/// its own cells is safe; a value guessed for a blank cell is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: Msg,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn safe(message: Msg, edits: Vec<Edit>) -> Self {
        Fix {
            message,
            edits,
            applicability: Applicability::Safe,
        }
    }
    pub fn unsafe_(message: Msg, edits: Vec<Edit>) -> Self {
        Fix {
            message,
            edits,
            applicability: Applicability::Unsafe,
        }
    }
    pub fn replace(message: Msg, span: Span, text: impl Into<String>) -> Self {
        Fix::safe(
            message,
            vec![Edit {
                span,
                text: text.into(),
            }],
        )
    }
    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: Msg,
    /// Another document the place is in (last year's report, a unit's report
    /// under a roll-up), as the adapter named it when it asked the
    /// cross-document rules (`crossdoc`); `None`: this document. The span is
    /// then in that document's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule's stable kebab-case name (CLI `rule`, LSP `code`).
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: Msg,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, span: Span, message: Msg) -> Self {
        Diagnostic {
            rule,
            severity,
            span,
            message,
            related: Vec::new(),
            fix: None,
        }
    }
    /// Attaches `fix`; a fix that edits nothing (no blank cell had a place
    /// to write into) is no fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        if !fix.edits.is_empty() {
            self.fix = Some(fix);
        }
        self
    }
    /// Attaches the fix `make` builds when `cond` holds.
    pub fn with_fix_if(self, cond: bool, make: impl FnOnce() -> Fix) -> Self {
        if cond { self.with_fix(make()) } else { self }
    }
    pub fn with_related(mut self, span: Span, message: Msg) -> Self {
        self.related.push(Related {
            span,
            message,
            file: None,
        });
        self
    }
    /// A related place in another document (`file`, as the adapter names it).
    pub fn with_related_in(mut self, file: &str, span: Span, message: Msg) -> Self {
        self.related.push(Related {
            span,
            message,
            file: Some(file.to_string()),
        });
        self
    }
}

/// Puts findings in the order every output shows them: by place, then by
/// rule (the lint's order, and that of findings merged after it).
pub fn sort_by_place(found: &mut [Diagnostic]) {
    found.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
}

/// Applies the fixes of `diagnostics` to `text`: only safe ones unless
/// `unsafe_too`, skipping any fix that overlaps one already taken. Returns the
/// new text and the number of fixes applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], unsafe_too: bool) -> (String, usize) {
    let mut taken: Vec<(Span, &str)> = Vec::new();
    let mut applied = 0;
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if !(fix.is_safe() || unsafe_too) {
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|(s, _)| {
                (e.span.start < s.end && s.start < e.span.end)
                    || (e.span.is_empty() && s.is_empty() && e.span.start == s.start)
                    || (e.span.is_empty() && s.start < e.span.start && e.span.start < s.end)
                    || (s.is_empty() && e.span.start < s.start && s.start < e.span.end)
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.span, e.text.as_str())));
        applied += 1;
    }
    match apply_edits(text, &taken) {
        Some(out) => (out, applied),
        None => (text.to_owned(), 0),
    }
}

/// The unified diff from `old` to `new` (whole lines, two lines of context),
/// as `--fix --diff` prints it and the checking page shows it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    match diff_hunks(old, new) {
        Some(hunks) => format!("--- {path}\n+++ {path} (fixed)\n{hunks}"),
        None => format!("--- {path}\n+++ {path}\n(文件过大，省略差异 / diff omitted)\n"),
    }
}

/// The hunks of [`unified_diff`] (`@@ -a +b @@`, then ` `/`-`/`+` lines);
/// `None` when the texts are too long to compare line by line.
fn diff_hunks(old: &str, new: &str) -> Option<String> {
    let a: Vec<&str> = old.split('\n').collect();
    let b: Vec<&str> = new.split('\n').collect();
    // Line-level diff by longest common subsequence; reports are small.
    let (n, m) = (a.len(), b.len());
    if n * m > 25_000_000 {
        return None;
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removed lines before added ones, as `diff -u` and git show them.
            ops.push(('-', i, j));
            i += 1;
        } else {
            ops.push(('+', i, j));
            j += 1;
        }
    }
    let mut out = String::new();
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].0 != ' ').collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(2);
        let mut end = (changed[k] + 3).min(ops.len());
        while k + 1 < changed.len() && changed[k + 1] < end + 2 {
            k += 1;
            end = (changed[k] + 3).min(ops.len());
        }
        let (ai, bj) = (ops[start].1, ops[start].2);
        let _ = writeln!(out, "@@ -{} +{} @@", ai + 1, bj + 1);
        for op in &ops[start..end] {
            let line = match op.0 {
                '+' => b[op.2],
                _ => a[op.1],
            };
            let _ = writeln!(out, "{}{}", op.0, line.trim_end_matches('\r'));
        }
        k += 1;
    }
    Some(out)
}

/// Findings as stable plain text, for tests (each rule's `expect!` tests,
/// the corpus snapshots): per finding `line:col severity [rule] message`
/// (1-based, columns in characters, Chinese message), its related places,
/// its fix, and the diff of applying that fix alone. In the diff a tab is
/// `→` and a trailing space `·`, so a fix that moves a cell boundary shows.
pub fn dump(text: &str, diagnostics: &[Diagnostic]) -> String {
    let idx = crate::text::LineIndex::new(text);
    let at = |offset: usize| {
        let (l, c) = idx.position(text, offset, crate::text::ColumnUnit::Char);
        (l + 1, c + 1)
    };
    let mut out = String::new();
    for d in diagnostics {
        let (l, c) = at(d.span.start);
        let _ = writeln!(
            out,
            "{l}:{c} {} [{}] {}",
            d.severity.as_str(),
            d.rule,
            d.message.zh
        );
        for r in &d.related {
            // A place in another file: its bytes, since this text's lines
            // say nothing about it.
            let _ = match &r.file {
                Some(file) => writeln!(
                    out,
                    "    related {file} bytes {}..{} {}",
                    r.span.start, r.span.end, r.message.zh
                ),
                None => {
                    let (l, c) = at(r.span.start);
                    writeln!(out, "    related {l}:{c} {}", r.message.zh)
                }
            };
        }
        let Some(f) = &d.fix else { continue };
        let _ = writeln!(out, "    fix ({:?}): {}", f.applicability, f.message.zh);
        let edits: Vec<(Span, &str)> = f.edits.iter().map(|e| (e.span, e.text.as_str())).collect();
        let Some(new) = apply_edits(text, &edits) else {
            out.push_str("      (the fix's edits overlap or leave the text)\n");
            continue;
        };
        match diff_hunks(text, &new) {
            Some(h) if h.is_empty() => out.push_str("      (the fix changes nothing)\n"),
            Some(h) => {
                for line in shorten(&h.lines().collect::<Vec<_>>()) {
                    match visible(&line).as_str() {
                        // A blank context line stays blank (expect-test
                        // trims whitespace-only lines).
                        " " => out.push('\n'),
                        v => {
                            let _ = writeln!(out, "      {v}");
                        }
                    }
                }
            }
            None => out.push_str("      (too long to diff)\n"),
        }
    }
    out
}

/// A diff line (`+`, `-` or ` `, then the text) with the text's tabs and
/// trailing spaces made visible.
fn visible(line: &str) -> String {
    let mut chars = line.chars();
    let mark = chars.next().unwrap_or(' ');
    let text = chars.as_str();
    let body = text.trim_end_matches(' ');
    let mut s = String::with_capacity(line.len() + 8);
    s.push(mark);
    s.push_str(&body.replace('\t', "→"));
    s.extend(std::iter::repeat_n('·', text.len() - body.len()));
    s
}

/// Diff lines longer than this many characters are shown in part.
const LONG: usize = 160;

/// Diff lines, with a long changed line (an HTML table on one line) cut to
/// the part that differs from the line it replaces plus 20 characters on
/// each side, and a long context line to its first 60 characters: every
/// change still shows, and nothing else is repeated.
fn shorten(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let minus = lines[i..].iter().take_while(|l| l.starts_with('-')).count();
        let plus = lines[i + minus..]
            .iter()
            .take_while(|l| l.starts_with('+'))
            .count();
        if minus > 0 && minus == plus {
            let (old, new): (Vec<String>, Vec<String>) = (0..minus)
                .map(|k| window(&lines[i + k][1..], &lines[i + minus + k][1..]))
                .unzip();
            out.extend(old.iter().map(|a| format!("-{a}")));
            out.extend(new.iter().map(|b| format!("+{b}")));
            i += 2 * minus;
            continue;
        }
        let line = lines[i];
        if line.starts_with(' ') && line.chars().count() > LONG {
            out.push(format!("{}…", line.chars().take(61).collect::<String>()));
        } else {
            out.push(line.to_string());
        }
        i += 1;
    }
    out
}

/// `a` and `b` cut to where they differ (with context) when either is long.
fn window(a: &str, b: &str) -> (String, String) {
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ac.len() <= LONG && bc.len() <= LONG {
        return (a.to_string(), b.to_string());
    }
    let prefix = ac.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    let suffix = ac[prefix..]
        .iter()
        .rev()
        .zip(bc[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let cut = |cs: &[char]| {
        let from = prefix.saturating_sub(20);
        let to = (cs.len() - suffix + 20).min(cs.len());
        let mut s = String::new();
        if from > 0 {
            s.push('…');
        }
        s.extend(&cs[from..to]);
        if to < cs.len() {
            s.push('…');
        }
        s
    };
    (cut(&ac), cut(&bc))
}
