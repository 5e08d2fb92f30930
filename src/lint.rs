//! The pipeline: text → syntax → bound report → rules → diagnostics.
//! Pure: no I/O, never panics on any input.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::Diagnostic;
use crate::model::{self, Report};
use crate::options::LintOptions;
use crate::rules::RULES;

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

/// A half of the rules, run by [`lint_report_with`]'s `join`: each rule's
/// index into [`RULES`] with its own findings.
pub type Half<'a> = &'a (dyn Fn() -> ByRule + Sync);

/// Each rule's index into [`RULES`] with its own findings.
pub type ByRule = Vec<(usize, Vec<Diagnostic>)>;

/// What the halves return.
type Halves = (ByRule, ByRule);

/// Like [`lint_report`], with the rules in two halves that `join` runs and
/// returns (`|a, b| rayon::join(a, b)` runs them on two cores: the language
/// server does, to shorten the wait after a keystroke). The findings are the
/// same whatever `join` does: each rule runs whole in one half (which one is
/// decided as they go), and the result is sorted.
pub fn lint_report_with(
    report: &Report,
    options: &LintOptions,
    join: impl FnOnce(Half, Half) -> Halves,
) -> Vec<Diagnostic> {
    let (by_rule, _) = run_rules(report, options, None, join);
    let mut out: Vec<Diagnostic> = Vec::with_capacity(by_rule.iter().map(|(_, d)| d.len()).sum());
    for (i, found) in by_rule {
        let start = out.len();
        out.extend(found);
        set_severity(options, i, &mut out[start..]);
    }
    finish(report, options, out)
}

/// Each rule's own findings from one lint (before severities and
/// suppressions), kept so that the lint of the next version of the text
/// can reuse them: see [`lint_report_after_edit`].
#[derive(Debug, Default)]
pub struct Findings {
    by_rule: ByRule,
    /// The narrative's reading, if a rule needed it.
    prose: Option<Vec<crate::prose::Sentence>>,
    /// narrative-mismatch's claims, if it ran.
    claims: Option<crate::rules::Claims>,
    /// How many rules' findings were carried over from the previous
    /// version instead of found again on every line (read by tests).
    pub carried: usize,
}

impl Findings {
    /// How many narrative lines narrative-mismatch read its claims from
    /// (`rules::Claims`; the other lines' were carried over), if it ran.
    pub fn claims_read(&self) -> Option<usize> {
        self.claims.as_ref().map(|c| c.read)
    }
}

/// [`lint_report_with`] for a report bound after an edit
/// (`model::bind_after_edit`), given the previous version's report and
/// findings (linted with the same options). The rules that are line-local
/// (`rules::RuleDef::lines`) keep their findings on the lines the edit left
/// alone, moved, and run on the changed lines only — when the report facts
/// they read are the same (see `Carry`); every other rule runs whole. The
/// result equals [`lint_report`]'s (`tests/incremental.rs`). Returns the
/// findings to keep for the next version too.
pub fn lint_report_after_edit(
    report: &Report,
    options: &LintOptions,
    previous: Option<(&Report, &Findings)>,
    join: impl FnOnce(Half, Half) -> Halves,
) -> (Vec<Diagnostic>, Findings) {
    let carry = previous.and_then(|(r, f)| Carry::new(r, f, report));
    let (by_rule, (prose, claims)) = run_rules(report, options, carry.as_ref(), join);
    let carried = carry.map_or(0, |c| c.carried.load(Ordering::Relaxed));
    let mut out: Vec<Diagnostic> = Vec::with_capacity(by_rule.iter().map(|(_, d)| d.len()).sum());
    for (i, found) in &by_rule {
        let start = out.len();
        out.extend(found.iter().cloned());
        set_severity(options, *i, &mut out[start..]);
    }
    let findings = Findings {
        by_rule,
        prose,
        claims,
        carried,
    };
    (finish(report, options, out), findings)
}

fn set_severity(options: &LintOptions, rule: usize, found: &mut [Diagnostic]) {
    if let Some(s) = options.severity(RULES[rule].meta.name) {
        for d in found {
            d.severity = s;
        }
    }
}

fn finish(report: &Report, options: &LintOptions, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut unused = crate::suppress::apply(report, &mut out);
    let rule = crate::rules::unused_suppression::META.name;
    if !unused.is_empty() && options.is_enabled(rule) {
        if let Some(i) = RULES.iter().position(|r| r.meta.name == rule) {
            set_severity(options, i, &mut unused);
        }
        out.append(&mut unused);
    }
    keep_html_tables_whole(report, &mut out);
    crate::diagnostic::sort_by_place(&mut out);
    out
}

/// Drops every fix that would write into an HTML table (a converter's
/// `<table>` on one line) anything but a cell's new content or a whole new
/// row between rows: the fixes are written for lines, and a line inserted
/// among the tags would break the table.
fn keep_html_tables_whole(report: &Report, out: &mut [Diagnostic]) {
    use crate::syntax::{self, Separator};
    let lines = &report.doc.lines;
    if !lines.iter().any(|l| l.sep == Separator::Html) {
        return;
    }
    let src = report.doc.source;
    let allowed = |e: &crate::diagnostic::Edit| {
        // The lines the edit touches, its ends included.
        let from = lines.partition_point(|l| l.span.end < e.span.start);
        let touched = lines[from..]
            .iter()
            .take_while(|l| l.span.start <= e.span.end)
            .filter(|l| l.sep == Separator::Html);
        let mut any = false;
        for l in touched {
            any = true;
            let in_cell = l
                .cells
                .iter()
                .any(|c| c.raw.start <= e.span.start && e.span.end <= c.raw.end);
            if in_cell && !e.text.contains(['<', '>', '\n', '\r']) {
                return true;
            }
        }
        !any || (e.span.is_empty()
            && syntax::is_html_row(&e.text)
            && syntax::is_html_row_boundary(src, e.span.start))
    };
    for d in out.iter_mut() {
        if d.fix.as_ref().is_some_and(|f| !f.edits.iter().all(allowed)) {
            d.fix = None;
        }
    }
}

/// The narrative's reading and narrative-mismatch's claims, if a rule
/// needed them.
type Readings = (
    Option<Vec<crate::prose::Sentence>>,
    Option<crate::rules::Claims>,
);

/// Runs every enabled rule (line-local ones on the changed lines only when
/// `carry` allows) and returns each one's findings, in rule order, with the
/// narrative's readings if a rule needed them.
fn run_rules(
    report: &Report,
    options: &LintOptions,
    carry: Option<&Carry>,
    join: impl FnOnce(Half, Half) -> Halves,
) -> (ByRule, Readings) {
    // One context for both halves: the narrative is read once, by whichever
    // half needs it first (the other waits for it) — from the previous
    // version's readings when findings carry over.
    let cx = match carry {
        Some(c) => crate::rules::Ctx::after_edit(
            report,
            crate::rules::Previous {
                edit: c.edit,
                prose: c.previous.prose.as_deref(),
                claims: c.previous.claims.as_ref(),
            },
        ),
        None => crate::rules::Ctx::new(report),
    };
    // The halves take the next rule from one queue, the costliest first, so
    // they finish together however the costs fall (alternating the rules
    // left one half with three times the work of the other on long drafts).
    let next = AtomicUsize::new(0);
    let half = || {
        let mut out = Vec::new();
        while let Some(&i) = by_cost().get(next.fetch_add(1, Ordering::Relaxed)) {
            let rule = &RULES[i];
            if !options.is_enabled(rule.meta.name) {
                continue;
            }
            let carried = carry
                .zip(rule.lines)
                .and_then(|(c, check_lines)| c.rule(i, &cx, check_lines));
            let found = carried.unwrap_or_else(|| {
                let mut found = Vec::new();
                (rule.check)(&cx, &mut found);
                found
            });
            out.push((i, found));
        }
        out
    };
    let (mut out, odd) = join(&half, &half);
    out.extend(odd);
    out.sort_by_key(|(i, _)| *i);
    (out, cx.into_readings())
}

/// How the previous version's findings of line-local rules carry over to
/// this one: the edit changed the lines `head..new_tail` (old
/// `head..old_tail`, the bytes `old_start..old_end`), and the report facts a
/// line-local rule may read besides its line are the same.
/// Line-local rules whose findings on a line also follow from the tables'
/// values (stale-year: last year's label on this year's figures).
const READS_TABLES: &[&str] = &["stale-year"];

/// Whether tables 三 and 四 hold the same values (stale-year compares a
/// sentence's figures with them: a finding on a line the edit left alone
/// depends on them).
fn same_table_values(old: &Report, new: &Report) -> bool {
    fn values<'r>(r: &'r Report) -> impl Iterator<Item = (usize, &'r crate::model::Value)> + 'r {
        let t3 = r.table3.iter().flat_map(|t| t.rows.iter().flatten());
        let t4 = r.table4.iter().flat_map(|t| t.row.iter());
        t3.chain(t4)
            .flat_map(|row| row.cells.iter().map(move |c| (row.def, &c.value)))
    }
    values(old).eq(values(new))
}

/// Whether the lines the edit `e` left alone are narrative in `new` where
/// they were in `old` (their text is the same: `prose::lines` then differs
/// only by section headings and tables). Cheaply when the section headings
/// and each table's lines outside the edit are the same (a few hundred
/// places in the longest text, where the lines are tens of thousands);
/// line by line when not.
fn same_narrative_lines(old: &Report, new: &Report, e: &crate::syntax::Edit) -> bool {
    let outside_new = |i: &usize| *i < e.head || *i >= e.new_tail;
    let headings_old = old.sections.iter().filter_map(|h| e.line(h.line));
    let headings_new = new.sections.iter().map(|h| h.line).filter(outside_new);
    // A table's lines outside the edit, as up to two ranges in the new
    // version's numbering.
    let pieces = |lines: Option<(usize, usize)>, tail: usize| {
        let mut out = [None, None];
        if let Some((a, b)) = lines.filter(|(a, b)| a <= b) {
            if a < e.head {
                out[0] = Some((a, b.min(e.head - 1)));
            }
            if b >= tail {
                let from = a.max(tail);
                out[1] = Some((from - tail + e.new_tail, b - tail + e.new_tail));
            }
        }
        out
    };
    let tables = |r: &Report| {
        [
            r.table2.as_ref().map(|t| t.lines),
            r.table3.as_ref().map(|t| t.lines),
            r.table4.as_ref().map(|t| (t.header_line, t.lines.1)),
        ]
    };
    let tables_same = tables(old)
        .iter()
        .zip(tables(new))
        .all(|(&was, is)| pieces(was, e.old_tail) == pieces(is, e.new_tail));
    if tables_same && headings_old.eq(headings_new) {
        return true;
    }
    let old_prose = crate::prose::lines(old).filter_map(|(i, _)| e.line(i));
    let new_prose = crate::prose::lines(new).map(|(i, _)| i).filter(outside_new);
    old_prose.eq(new_prose)
}

struct Carry<'p> {
    previous: &'p Findings,
    edit: crate::syntax::Edit,
    old_lines: &'p [crate::syntax::Line],
    head: usize,
    old_tail: usize,
    new_tail: usize,
    old_start: usize,
    old_end: usize,
    delta: isize,
    carried: AtomicUsize,
    /// Tables 三 and 四 hold the values they held: the line-local rules
    /// that also read them (`READS_TABLES`) may carry their findings.
    tables_same: bool,
}

impl<'p> Carry<'p> {
    fn new(old: &'p Report, previous: &'p Findings, new: &Report) -> Option<Carry<'p>> {
        let e = new.edit?;
        let (old_lines, new_lines) = (&old.doc.lines, &new.doc.lines);
        if e.head > e.old_tail
            || e.head > e.new_tail
            || e.old_tail > old_lines.len()
            || e.new_tail > new_lines.len()
            || old_lines.len() - e.old_tail != new_lines.len() - e.new_tail
        {
            return None;
        }
        if old.year != new.year || old.unit != new.unit {
            return None;
        }
        let moved = |(a, b): (usize, usize)| e.line(a).zip(e.line(b));
        let title = |r: &Report| r.title.as_ref().map(|t| t.lines);
        let period = |r: &Report| r.stat_period.as_ref().map(|p| (p.line, p.line));
        for (was, is) in [(title(old), title(new)), (period(old), period(new))] {
            if was.map(moved) != is.map(Some) {
                return None;
            }
        }
        // The narrative lines the edit left alone are the same lines.
        if !same_narrative_lines(old, new, &e) {
            return None;
        }
        let start_of = |i: usize| old_lines.get(i).map(|l| l.span.start);
        Some(Carry {
            previous,
            edit: e,
            old_lines,
            head: e.head,
            old_tail: e.old_tail,
            new_tail: e.new_tail,
            old_start: start_of(e.head).unwrap_or(old.doc.source.len()),
            old_end: start_of(e.old_tail).unwrap_or(usize::MAX),
            delta: e.delta,
            carried: AtomicUsize::new(0),
            tables_same: same_table_values(old, new),
        })
    }

    /// Rule `rule`'s findings on this version: the old ones on lines the
    /// edit left alone (moved), and those `check_lines` finds on the changed
    /// lines. `None` (run the whole rule) when it did not run last time or
    /// one of its old findings is not confined to one side of the edit.
    fn rule(
        &self,
        rule: usize,
        cx: &crate::rules::Ctx,
        check_lines: crate::rules::LinesCheck,
    ) -> Option<Vec<Diagnostic>> {
        if !self.tables_same && READS_TABLES.contains(&RULES[rule].meta.name) {
            return None;
        }
        let (_, old) = self.previous.by_rule.iter().find(|(i, _)| *i == rule)?;
        let line_of = |at: usize| self.old_lines.partition_point(|l| l.span.start <= at);
        let mut out = Vec::with_capacity(old.len());
        let mut after = Vec::new();
        for d in old {
            // `line_of` counts the lines starting at or before the finding:
            // its line is the last of them.
            let line = line_of(d.span.start).saturating_sub(1);
            if line < self.head {
                if !spans(d).all(|s| s.end <= self.old_start) {
                    return None;
                }
                out.push(d.clone());
            } else if line >= self.old_tail {
                if !spans(d).all(|s| s.start >= self.old_end) {
                    return None;
                }
                after.push(moved(d, self.delta)?);
            }
        }
        check_lines(cx, self.head..self.new_tail, &mut out);
        out.append(&mut after);
        self.carried.fetch_add(1, Ordering::Relaxed);
        Some(out)
    }
}

/// Every place a finding names: where it is, its related places, its fix.
fn spans(d: &Diagnostic) -> impl Iterator<Item = crate::text::Span> + '_ {
    std::iter::once(d.span)
        .chain(d.related.iter().map(|r| r.span))
        .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)))
}

/// A finding moved `delta` bytes, with its related places and fix.
fn moved(d: &Diagnostic, delta: isize) -> Option<Diagnostic> {
    let by = |s: crate::text::Span| -> Option<crate::text::Span> {
        Some(crate::text::Span::new(
            s.start.checked_add_signed(delta)?,
            s.end.checked_add_signed(delta)?,
        ))
    };
    let mut d = d.clone();
    d.span = by(d.span)?;
    for r in &mut d.related {
        r.span = by(r.span)?;
    }
    if let Some(f) = &mut d.fix {
        for e in &mut f.edits {
            e.span = by(e.span)?;
        }
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cost_order_names_real_rules_once() {
        for name in READS_TABLES {
            assert!(
                RULES
                    .iter()
                    .any(|r| r.meta.name == *name && r.lines.is_some()),
                "{name} is a line-local rule"
            );
        }
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

    /// `unused-suppression` is reported by `suppress`, but set like any
    /// rule: off, or at the severity the options give.
    #[test]
    fn unused_suppressions_follow_the_options() {
        use crate::diagnostic::Severity;
        let src = "<!-- nianbao-disable-next-line table-sum -->\n正文。\n";
        let with = |severity: Option<Severity>| {
            let mut options = LintOptions::default();
            options
                .severities
                .insert("unused-suppression".into(), severity);
            crate::diagnostic::dump(src, &lint(src, &options))
        };
        let default = crate::diagnostic::dump(src, &lint(src, &LintOptions::default()));
        expect_test::expect![[r#"
            1:1 hint [unused-suppression] 此抑制注释未屏蔽任何问题（table-sum），可以删除
                fix (Safe): 删除此注释
                  @@ -1 +1 @@
                  -<!-- nianbao-disable-next-line table-sum -->
                   正文。

        "#]]
        .assert_eq(&default);
        expect_test::expect![[r#"
            1:1 error [unused-suppression] 此抑制注释未屏蔽任何问题（table-sum），可以删除
                fix (Safe): 删除此注释
                  @@ -1 +1 @@
                  -<!-- nianbao-disable-next-line table-sum -->
                   正文。

        "#]]
        .assert_eq(&with(Some(Severity::Error)));
        expect_test::expect![[""]].assert_eq(&with(None));
    }

    #[test]
    fn fixes_keep_html_tables_whole() {
        use crate::diagnostic::{Edit, Fix, Msg, Severity};
        use crate::text::Span;
        let src = "前文\n<table><tr><td>规章</td><td></td><td>7</td></tr><tr><td>其他</td><td>1</td><td>2</td></tr></table>\n后文\n";
        let report = crate::model::bind(src, &Default::default());
        let first_row_end = src.find("</tr>").expect("a row") + 5;
        let blank = src.find("<td></td>").expect("a blank cell") + 4;
        let seven = src.find('7').expect("a value");
        let after = src.find("后文").expect("prose");
        let with = |span: Span, text: &str| {
            Diagnostic::new("table-sum", Severity::Error, span, Msg::new("测试", "test")).with_fix(
                Fix::safe(
                    Msg::new("改", "change"),
                    vec![Edit {
                        span,
                        text: text.into(),
                    }],
                ),
            )
        };
        let mut out = vec![
            with(Span::empty(blank), "0"),
            with(Span::new(seven, seven + 1), "8"),
            with(Span::empty(first_row_end), "<tr><td>新</td><td>0</td></tr>"),
            with(Span::empty(after), "标题\n"),
            with(Span::empty(first_row_end), "\n新 0 0"),
            with(Span::new(seven, seven + 1), "8</td><td>9"),
            with(Span::empty(first_row_end - 2), "<tr><td>新</td></tr>"),
            with(
                Span::empty(src.find("<table>").expect("table") + 7),
                "\n二\t0",
            ),
        ];
        keep_html_tables_whole(&report, &mut out);
        let kept: Vec<bool> = out.iter().map(|d| d.fix.is_some()).collect();
        assert_eq!(kept, [true, true, true, true, false, false, false, false]);
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
