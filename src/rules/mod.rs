//! The rules. One rule, one file: each file starts with the doc comment that
//! `nianbao rule NAME` prints (what, why, example, fix), declares its `META`
//! and a `check` function, and carries its own tests. To add a rule, add a
//! file here and one line to [`RULES`].

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Report;

pub mod carry_over;
mod empty_cell;
mod empty_section;
mod foreign_unit;
mod invalid_date;
mod invalid_number;
mod label_variant;
mod late_publication;
mod missing_fee_statement;
mod missing_row;
mod missing_section;
mod missing_subsection;
mod missing_table;
mod missing_title;
mod narrative_mismatch;
mod narrative_sum;
mod placeholder_date;
mod read_by_arithmetic;
pub mod repeated_text;
pub mod rollup_sum;
mod row_shape;
mod section_order;
mod stale_year;
mod table_sum;
mod template_version;
mod unreadable_table;
pub mod unused_suppression;
mod year_mismatch;

/// Writes a new row in the style of a neighbouring row (reused by the
/// language server's completion).
pub use missing_row::row_like;

pub struct Meta {
    pub name: &'static str,
    pub severity: Severity,
    /// One line, Chinese.
    pub summary: &'static str,
    /// One line, English.
    pub summary_en: &'static str,
}

/// What a rule reads: the bound report (`Ctx` derefs to it), and what is
/// derived from it once per lint for the rules that share it.
pub struct Ctx<'r, 'a> {
    pub report: &'r Report<'a>,
    prose: std::sync::OnceLock<Vec<crate::prose::Sentence>>,
    /// What the narrative claims that the tables can contradict
    /// (narrative-mismatch's first half), read on first use.
    claims: std::sync::OnceLock<Claims>,
    /// The previous version's readings and the edit since, when the lint
    /// carries findings over (`lint::lint_report_after_edit`).
    previous: Option<Previous<'r>>,
    /// Paragraphs' `其中` lists, by the paragraph's start.
    lists: std::sync::Mutex<std::collections::HashMap<usize, std::sync::Arc<ParagraphLists>>>,
}

/// What narrative-mismatch reads from each narrative line, carried over
/// edits like the narrative's reading.
pub use narrative_mismatch::Claims;

/// The previous version's readings a lint after an edit starts from.
#[derive(Clone, Copy)]
pub struct Previous<'r> {
    pub edit: crate::syntax::Edit,
    pub prose: Option<&'r [crate::prose::Sentence]>,
    pub claims: Option<&'r Claims>,
}

/// A paragraph's counts in order and the `其中` lists over them
/// (`prose::lists::lists`), read once per lint for the rules that share them.
pub struct ParagraphLists {
    pub counts: Vec<crate::prose::Count>,
    pub lists: Vec<crate::prose::lists::List>,
}

impl<'r, 'a> Ctx<'r, 'a> {
    pub fn new(report: &'r Report<'a>) -> Self {
        Ctx {
            report,
            prose: std::sync::OnceLock::new(),
            claims: std::sync::OnceLock::new(),
            previous: None,
            lists: Default::default(),
        }
    }
    /// A context whose readings are taken from the previous version's where
    /// the edit left the lines alone (see [`crate::prose::read_after_edit`],
    /// [`Claims::after_edit`]).
    pub fn after_edit(report: &'r Report<'a>, previous: Previous<'r>) -> Self {
        Ctx {
            previous: Some(previous),
            ..Ctx::new(report)
        }
    }
    /// The narrative's sentences with their counts, read on first use.
    pub fn prose(&self) -> &[crate::prose::Sentence] {
        self.prose.get_or_init(
            || match self.previous.and_then(|p| Some((p.prose?, p.edit))) {
                Some((old, edit)) => crate::prose::read_after_edit(self.report, old, &edit),
                None => crate::prose::read(self.report),
            },
        )
    }
    /// narrative-mismatch's claims, read on first use.
    pub fn claims(&self) -> &Claims {
        self.claims.get_or_init(
            || match self.previous.and_then(|p| Some((p.claims?, p.edit))) {
                Some((old, edit)) => Claims::after_edit(self, old, &edit),
                None => Claims::read(self),
            },
        )
    }
    /// The counts and `其中` lists of the paragraph `span` (its
    /// `sentences`), read on first use.
    pub fn lists(
        &self,
        span: crate::text::Span,
        sentences: &[crate::prose::Sentence],
    ) -> std::sync::Arc<ParagraphLists> {
        let cached = |lists: &std::collections::HashMap<_, std::sync::Arc<ParagraphLists>>| {
            lists.get(&span.start).cloned()
        };
        if let Some(hit) = self.lists.lock().ok().and_then(|l| cached(&l)) {
            return hit;
        }
        let counts: Vec<crate::prose::Count> = sentences
            .iter()
            .flat_map(|s| s.counts.iter().cloned())
            .collect();
        let lists = crate::prose::lists::lists(self.report.text(span), span.start, &counts);
        let made = std::sync::Arc::new(ParagraphLists { counts, lists });
        if let Ok(mut l) = self.lists.lock() {
            l.insert(span.start, made.clone());
        }
        made
    }
    /// The narrative's reading and claims, if a rule needed them.
    pub fn into_readings(self) -> (Option<Vec<crate::prose::Sentence>>, Option<Claims>) {
        (self.prose.into_inner(), self.claims.into_inner())
    }
}

impl<'a> std::ops::Deref for Ctx<'_, 'a> {
    type Target = Report<'a>;
    fn deref(&self) -> &Report<'a> {
        self.report
    }
}

/// A line-local rule on the lines of a range.
pub type LinesCheck = fn(&Ctx, std::ops::Range<usize>, &mut Vec<Diagnostic>);

pub struct RuleDef {
    pub meta: &'static Meta,
    pub check: fn(&Ctx, &mut Vec<Diagnostic>),
    /// For a line-local rule, `check` on some lines only. Line-local: every
    /// finding lies on one line (fix and related places included) and
    /// follows from that line's text and from report facts that
    /// `lint::Carry` compares (year, unit, the title's and 统计期限's
    /// lines, which lines are narrative). After an edit, the language
    /// server keeps such a rule's findings on the lines the edit left alone
    /// and runs it on the changed lines only; `tests/incremental.rs` proves
    /// the result equals a full lint.
    pub lines: Option<LinesCheck>,
    /// The rule file's source; its `//!` comment is the rule's documentation.
    source: &'static str,
}

impl RuleDef {
    /// The rule's documentation: the `//!` comment at the top of its file.
    pub fn doc(&self) -> String {
        self.source
            .lines()
            .take_while(|l| l.starts_with("//!") || l.trim().is_empty())
            .filter(|l| l.starts_with("//!"))
            .map(|l| {
                l.trim_start_matches("//!")
                    .strip_prefix(' ')
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// The text of the documentation's section `## {heading} …`, its lines
    /// joined (Chinese runs on without spaces).
    pub fn doc_section(&self, heading: &str) -> Option<String> {
        let doc = self.doc();
        let is_heading = |l: &str| {
            l.strip_prefix("## ")
                .is_some_and(|h| h.split(' ').next() == Some(heading))
        };
        let mut lines = doc.lines().skip_while(|l| !is_heading(l));
        lines.next()?;
        Some(
            lines
                .take_while(|l| !l.starts_with("## "))
                .map(str::trim)
                .collect::<String>(),
        )
    }
}

/// The heading of the documentation section on what a rule leaves alone.
pub const NOT_FLAGGED: &str = "有意不报告";

/// The README's table of the rules (`nianbao rule --markdown`), in the order
/// of [`RULES`]: name, default severity, summary, and what the rule
/// deliberately does not flag (its `## 有意不报告` section).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| 规则 rule | 默认级别 | 说明 | 有意不报告 deliberately not flagged |\n|---|---|---|---|\n",
    );
    for r in RULES {
        let not_flagged = r.doc_section(NOT_FLAGGED).unwrap_or_default();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.meta.name,
            r.meta.severity.as_str(),
            r.meta.summary,
            not_flagged.trim_end_matches('。').replace('|', "\\|"),
        ));
    }
    out
}

macro_rules! rule {
    ($m:ident, $file:literal) => {
        RuleDef {
            meta: &$m::META,
            check: $m::check,
            lines: None,
            source: include_str!($file),
        }
    };
    ($m:ident, $file:literal, line_local) => {
        RuleDef {
            meta: &$m::META,
            check: $m::check,
            lines: Some($m::check_lines),
            source: include_str!($file),
        }
    };
}

/// Every rule, in the order findings are reported for the same place.
pub static RULES: &[RuleDef] = &[
    rule!(missing_title, "missing_title.rs"),
    rule!(missing_section, "missing_section.rs"),
    rule!(section_order, "section_order.rs"),
    rule!(missing_subsection, "missing_subsection.rs"),
    rule!(empty_section, "empty_section.rs"),
    rule!(missing_table, "missing_table.rs"),
    rule!(missing_row, "missing_row.rs"),
    rule!(row_shape, "row_shape.rs"),
    rule!(unreadable_table, "unreadable_table.rs"),
    rule!(read_by_arithmetic, "read_by_arithmetic.rs"),
    rule!(table_sum, "table_sum.rs"),
    rule!(empty_cell, "empty_cell.rs"),
    rule!(invalid_number, "invalid_number.rs"),
    rule!(label_variant, "label_variant.rs"),
    rule!(placeholder_date, "placeholder_date.rs", line_local),
    rule!(invalid_date, "invalid_date.rs", line_local),
    rule!(year_mismatch, "year_mismatch.rs"),
    rule!(template_version, "template_version.rs"),
    rule!(narrative_mismatch, "narrative_mismatch.rs"),
    rule!(narrative_sum, "narrative_sum.rs", line_local),
    rule!(foreign_unit, "foreign_unit.rs", line_local),
    rule!(stale_year, "stale_year.rs", line_local),
    rule!(carry_over, "carry_over.rs"),
    rule!(repeated_text, "repeated_text.rs"),
    rule!(rollup_sum, "rollup_sum.rs"),
    rule!(late_publication, "late_publication.rs"),
    rule!(missing_fee_statement, "missing_fee_statement.rs"),
    rule!(unused_suppression, "unused_suppression.rs"),
];

pub fn find(name: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|r| r.meta.name == name)
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::diagnostic::Diagnostic;

    fn diags(src: &str, rule: &str) -> Vec<Diagnostic> {
        crate::lint::lint(src, &crate::options::LintOptions::default())
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// Lints `src` and prints every finding of `rule` whole: place,
    /// severity, message, related places, and each fix as the diff of
    /// applying it (`diagnostic::dump`).
    pub fn render(src: &str, rule: &str) -> String {
        crate::diagnostic::dump(src, &diags(src, rule))
    }

    /// The rule tests' one assertion (ruff's snapshot style, in expect-test:
    /// `UPDATE_EXPECT=1 cargo test --lib` rewrites the expectations).
    #[track_caller]
    pub fn check(src: &str, rule: &str, expect: expect_test::Expect) {
        expect.assert_eq(&render(src, rule));
    }

    /// Several inputs, one expectation: each case as `── label`, then its
    /// findings (nothing under a label: no finding).
    #[track_caller]
    pub fn check_cases<L: std::fmt::Display>(
        rule: &str,
        cases: impl IntoIterator<Item = (L, String)>,
        expect: expect_test::Expect,
    ) {
        let mut out = String::new();
        for (label, src) in cases {
            // A label is the case's input, or its start: one line each.
            let label: String = label.to_string().replace('\n', "⏎");
            let short: String = label.chars().take(40).collect();
            let more = if short.len() < label.len() { "…" } else { "" };
            out.push_str(&format!("── {short}{more}\n{}", render(&src, rule)));
        }
        expect.assert_eq(&out);
    }

    /// Applies every fix of `rule` (safe or not) and returns the new text.
    pub fn fixed(src: &str, rule: &str) -> String {
        let d = diags(src, rule);
        crate::diagnostic::apply_fixes(src, &d, true).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_and_named_once() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.meta.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        for r in RULES {
            let doc = r.doc();
            assert!(doc.len() > 80, "{} has no documentation", r.meta.name);
            for part in ["## ", "例", "修复", "## 有意不报告"] {
                assert!(doc.contains(part), "{} doc lacks {part}", r.meta.name);
            }
            assert!(
                r.meta
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            );
        }
    }

    /// The README's rule table is `markdown_table()`, between its markers
    /// (typos' `codegen` test). `UPDATE_EXPECT=1 cargo test --lib` rewrites it.
    #[test]
    fn the_readme_rule_table_is_generated_from_the_rules() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README.md");
        let (begin, end) = ("<!-- rules: begin -->\n", "<!-- rules: end -->");
        let start = readme.find(begin).expect("the begin marker") + begin.len();
        let stop = readme.find(end).expect("the end marker");
        let table = markdown_table();
        if readme[start..stop] != table && std::env::var_os("UPDATE_EXPECT").is_some() {
            let updated = format!("{}{table}{}", &readme[..start], &readme[stop..]);
            std::fs::write(path, updated).expect("README.md written");
            return;
        }
        assert_eq!(
            readme[start..stop],
            table,
            "README.md's rule table is stale: run `UPDATE_EXPECT=1 cargo test --lib` \
             (or paste `nianbao rule --markdown`)"
        );
    }
}
