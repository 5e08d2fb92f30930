//! What the rules produce: findings with byte spans, bilingual messages,
//! related locations and fixes. Adapters (CLI, LSP) convert spans to their
//! own positions; nothing here knows about either.

use crate::text::{Span, apply_edits};
use serde::Serialize;

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
