//! The pipeline: text → syntax → bound report → rules → diagnostics.
//! Pure: no I/O, never panics on any input.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    lint_report_with(report, options, |a, b| (a(), b()))
}

/// The rules that scan the whole narrative or every table cell, costliest
/// first (measured on the seed reports and on long drafts); the rest follow
/// in their usual order.
const COSTLIEST: &[&str] = &[
    "narrative-mismatch",
    "foreign-unit",
    "placeholder-date",
    "table-sum",
    "narrative-sum",
    "empty-cell",
    "invalid-number",
    "invalid-date",
    "template-version",
    "stale-year",
    "section-order",
];

/// Indices into [`RULES`], the costliest first.
fn by_cost() -> &'static [usize] {
    static ORDER: OnceLock<Vec<usize>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let rank = |name: &str| COSTLIEST.iter().position(|c| *c == name);
        let mut order: Vec<usize> = (0..RULES.len()).collect();
        order.sort_by_key(|&i| rank(RULES[i].meta.name).unwrap_or(usize::MAX));
        order
    })
}

/// A half of the rules, run by [`lint_report_with`]'s `join`.
pub type Half<'a> = &'a (dyn Fn() -> Vec<Diagnostic> + Sync);

/// Like [`lint_report`], with the rules in two halves that `join` runs and
/// returns (`|a, b| rayon::join(a, b)` runs them on two cores: the language
/// server does, to shorten the wait after a keystroke). The findings are the
/// same whatever `join` does: each rule runs whole in one half (which one is
/// decided as they go), and the result is sorted.
pub fn lint_report_with(
    report: &Report,
    options: &LintOptions,
    join: impl FnOnce(Half, Half) -> (Vec<Diagnostic>, Vec<Diagnostic>),
) -> Vec<Diagnostic> {
    // One context for both halves: the narrative is read once, by whichever
    // half needs it first (the other waits for it).
    let cx = crate::rules::Ctx::new(report);
    // The halves take the next rule from one queue, the costliest first, so
    // they finish together however the costs fall (alternating the rules
    // left one half with three times the work of the other on long drafts).
    let next = AtomicUsize::new(0);
    let half = || {
        let mut out = Vec::new();
        while let Some(&i) = by_cost().get(next.fetch_add(1, Ordering::Relaxed)) {
            let rule = &RULES[i];
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
        out
    };
    let (mut out, odd) = join(&half, &half);
    out.extend(odd);
    crate::suppress::apply(report, options, &mut out);
    out.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cost_order_names_real_rules_once() {
        for name in COSTLIEST {
            assert_eq!(
                RULES.iter().filter(|r| r.meta.name == *name).count(),
                1,
                "{name}"
            );
        }
        let mut order = by_cost().to_vec();
        assert_eq!(RULES[order[0]].meta.name, COSTLIEST[0]);
        order.sort();
        assert_eq!(order, (0..RULES.len()).collect::<Vec<_>>());
    }

    #[test]
    fn two_halves_on_two_threads_give_the_same_findings() {
        let reports = [
            include_str!("../tests/fixtures/000_6ca4560e20b73f61.txt"),
            include_str!("../tests/fixtures/002_bf80b47987e57cd0.txt"),
            include_str!("../tests/fixtures/004_4ecd57e04841b2f1.txt"),
            "<!-- nianbao-disable empty-cell -->\n一、总体情况\n（一）主动公开\n",
        ];
        for text in reports {
            let options = LintOptions::default();
            let report = model::bind(text, &options.model);
            let alone = lint_report(&report, &options);
            let threaded = lint_report_with(&report, &options, |a, b| {
                std::thread::scope(|s| {
                    let other = s.spawn(b);
                    let mine = a();
                    (mine, other.join().unwrap_or_default())
                })
            });
            assert!(!alone.is_empty());
            assert_eq!(format!("{alone:?}"), format!("{threaded:?}"));
        }
    }
}
