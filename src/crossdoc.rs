//! Rules across documents: a report against last year's report of its unit
//! (`carry-over`, `repeated-text`), a roll-up report against its units'
//! (`rollup-sum`). Pure, like the rest of the core: the adapters find the
//! other reports (the CLI among the checked files and beside them, the
//! language server in the document's folder, the checking page among the
//! uploads), bind them and call these functions, which run the rules the
//! options enable and give them the options' severities.
//!
//! A finding's related places in another document carry that document's
//! name as the adapter gave it (`diagnostic::Related::file`), so each
//! adapter can show them in that file's own terms.

use crate::diagnostic::{Diagnostic, sort_by_place};
use crate::model::Report;
use crate::options::LintOptions;
use crate::rules::{carry_over, repeated_text, rollup_sum};

pub use rollup_sum::Unit;

/// The rules that compare a report with others: they find nothing in a
/// report alone.
pub const RULES: [&str; 3] = [
    carry_over::META.name,
    repeated_text::META.name,
    rollup_sum::META.name,
];

fn with_severity(options: &LintOptions, rule: &str, found: &mut [Diagnostic]) {
    if let Some(s) = options.severity(rule) {
        for d in found {
            // `repeated-text` below its threshold is information whatever
            // the rule's level: only a warning takes the configured one.
            if d.severity >= crate::diagnostic::Severity::Warning
                || d.rule != repeated_text::META.name
            {
                d.severity = s;
            }
        }
    }
}

/// This year's report against last year's report of the same unit
/// (`last_file`: last year's file as the adapter names it), sorted by place.
pub fn last_year(
    this: &Report,
    last: &Report,
    last_file: &str,
    options: &LintOptions,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if options.is_enabled(carry_over::META.name) {
        let mut found = carry_over::check_pair(this, last, last_file);
        with_severity(options, carry_over::META.name, &mut found);
        out.extend(found);
    }
    if options.is_enabled(repeated_text::META.name) {
        let threshold = options
            .repeated_text_threshold
            .unwrap_or(repeated_text::DEFAULT_THRESHOLD);
        let mut found = repeated_text::check_pair(this, last, last_file, threshold);
        with_severity(options, repeated_text::META.name, &mut found);
        out.extend(found);
    }
    sort_by_place(&mut out);
    out
}

/// A roll-up report against its units' reports of the same year; `missing`
/// names the units with none. Sorted by place.
pub fn rollup(
    parent: &Report,
    units: &[Unit],
    missing: &[&str],
    year: i32,
    options: &LintOptions,
) -> Vec<Diagnostic> {
    if !options.is_enabled(rollup_sum::META.name) {
        return Vec::new();
    }
    let mut out = rollup_sum::check_rollup(parent, units, missing, year);
    with_severity(options, rollup_sum::META.name, &mut out);
    sort_by_place(&mut out);
    out
}

/// `found` (this module's findings for a report) merged into `own` (the
/// report's own findings, sorted), in the order of a lint's findings: what
/// each adapter shows as the report's findings.
pub fn merge(own: &mut Vec<Diagnostic>, found: impl IntoIterator<Item = Diagnostic>) {
    own.extend(found);
    sort_by_place(own);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Msg, Severity};
    use crate::text::Span;

    fn at(rule: &'static str, start: usize, end: usize) -> Diagnostic {
        Diagnostic::new(
            rule,
            Severity::Warning,
            Span::new(start, end),
            Msg::new(String::new(), String::new()),
        )
    }

    #[test]
    fn merged_findings_stand_by_place_then_rule() {
        let mut own = vec![at("table-sum", 3, 9), at("empty-cell", 20, 21)];
        merge(
            &mut own,
            [
                at("repeated-text", 20, 21),
                at("carry-over", 3, 9),
                at("carry-over", 0, 40),
            ],
        );
        let order: Vec<String> = own
            .iter()
            .map(|d| format!("{}..{} {}", d.span.start, d.span.end, d.rule))
            .collect();
        expect_test::expect![[r#"
            0..40 carry-over
            3..9 carry-over
            3..9 table-sum
            20..21 empty-cell
            20..21 repeated-text"#]]
        .assert_eq(&order.join("\n"));
    }
}
