//! The pipeline: text → syntax → bound report → rules → diagnostics.
//! Pure: no I/O, never panics on any input.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{self, Report};
use crate::rules::RULES;

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub model: model::Options,
    /// Per-rule severity; `None` turns the rule off.
    pub severities: HashMap<String, Option<Severity>>,
}

impl LintOptions {
    pub fn is_enabled(&self, rule: &str) -> bool {
        !matches!(self.severities.get(rule), Some(None))
    }
}

/// Lints a draft and returns its findings sorted by position.
pub fn lint(source: &str, options: &LintOptions) -> Vec<Diagnostic> {
    let report = model::bind(source, &options.model);
    lint_report(&report, options)
}

pub fn lint_report(report: &Report, options: &LintOptions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let cx = crate::rules::Ctx::new(report);
    for rule in RULES {
        let name = rule.meta.name;
        let severity = match options.severities.get(name) {
            Some(None) => continue,
            Some(Some(s)) => Some(*s),
            None => None,
        };
        let start = out.len();
        (rule.check)(&cx, &mut out);
        if let Some(s) = severity {
            for d in &mut out[start..] {
                d.severity = s;
            }
        }
    }
    crate::suppress::apply(report, options, &mut out);
    out.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    out
}
