//! Re-reading after an edit (`syntax::reparse`, `model::bind_after_edit`,
//! which the language server uses on every keystroke) gives exactly what a
//! full read of the new text gives: the same lines, the same findings.
//! Random edit sequences over the real reports, drafts and web-text copies:
//! typing into cells, deleting ranges across lines, pasting lines, CRLF,
//! astral characters, emptying the document.
//!
//! The slow tier: every test here is named `slow_…`, so that
//! `cargo test -- --skip slow_` leaves them out while editing; plain
//! `cargo test` (the README's, and CI) runs them.

use nianbao::lint::lint_report_after_edit;
use nianbao::model::{self, Options};
use nianbao::syntax;
use nianbao::{LintOptions, lint, lint::lint_report};
use proptest::prelude::*;

fn corpus() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut v = Vec::new();
    for dir in ["tests/fixtures", "tests/fixtures/real", "tests/drafts"] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_file()
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                v.push(text);
            }
        }
    }
    // HTML tables written a tag per line (pandoc's CommonMark): rows the
    // reader joins from several lines.
    for name in ["seed-000", "filled-2021a"] {
        let path = format!("{root}/tests/fixtures/shapes/pandoc/{name}.commonmark.md");
        v.push(std::fs::read_to_string(path).expect("a pandoc rendering"));
    }
    assert!(v.len() >= 6, "corpus too small: {}", v.len());
    v
}

/// Everything the reader produced, in one comparable text: the report's
/// dump, its lines, its tables with every span, shape issues and variants.
fn reading(r: &model::Report) -> String {
    format!(
        "{}\n{:?}\n{:?}\n{:?}",
        r.dump(),
        r.doc.lines,
        (&r.table2, &r.table3, &r.table4),
        (&r.shape_issues, &r.variants)
    )
}

/// A seed report of `tests/fixtures`.
fn seed(name: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::read_to_string(format!("{root}/tests/fixtures/{name}.txt")).expect("a seed report")
}

/// Both halves of the rules on this thread.
fn serial(a: nianbao::lint::Half, b: nianbao::lint::Half) -> (HalfFindings, HalfFindings) {
    (a(), b())
}
type HalfFindings = nianbao::lint::ByRule;

#[derive(Debug, Clone)]
enum Edit {
    /// Insert text at a position (a fraction of the length).
    Insert(u16, String),
    /// Delete `len` bytes from a position.
    Delete(u16, u16),
    /// Replace a range by text.
    Replace(u16, u16, String),
}

fn snippet() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,3}",
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just(" 0 0 0\n".to_string()),
        Just("（七）总计\t1\t0\t0\t0\t0\t0\t1\n".to_string()),
        Just("二、主动公开政府信息情况\n".to_string()),
        Just("𠀀😀".to_string()),
        Just("</td><td>".to_string()),
        Just("<tr><td>2.重复申请</td><td>0</td></tr>".to_string()),
        Just("<table><tr>".to_string()),
        Just("</tr></table>\n".to_string()),
        Just("\n<td>7</td>\n".to_string()),
        Just("<tr class=\"odd\">\n".to_string()),
        Just("\n</tr>".to_string()),
        Just("。".to_string()),
        "[一二三、（）.自然人总计 \n]{0,12}",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<u16>(), snippet()).prop_map(|(a, s)| Edit::Insert(a, s)),
        (any::<u16>(), 0u16..400).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<u16>(), 0u16..60, snippet()).prop_map(|(a, n, s)| Edit::Replace(a, n, s)),
    ]
}

fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, e: &Edit) -> String {
    let at = |f: u16| floor(text, text.len() * f as usize / u16::MAX as usize);
    let (start, end, insert) = match e {
        Edit::Insert(a, s) => (at(*a), at(*a), s.as_str()),
        Edit::Delete(a, n) => {
            let s = at(*a);
            (s, floor(text, s + *n as usize), "")
        }
        Edit::Replace(a, n, s) => {
            let st = at(*a);
            (st, floor(text, st + *n as usize), s.as_str())
        }
    };
    format!("{}{insert}{}", &text[..start], &text[end..])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn slow_reparse_equals_parse(which in 0usize..64, edits in proptest::collection::vec(edit(), 1..12)) {
        let corpus = corpus();
        let mut text = corpus[which % corpus.len()].clone();
        let mut doc_text = text.clone();
        let mut lines = syntax::parse(&doc_text).lines;
        for e in &edits {
            let next = apply(&text, e);
            let reused = syntax::reparse(&next, &doc_text, &lines);
            let full = syntax::parse(&next);
            prop_assert_eq!(&reused.lines, &full.lines, "after {:?}", e);
            lines = reused.lines;
            doc_text = next.clone();
            text = next;
        }
    }

    #[test]
    fn slow_bind_after_edit_lints_like_a_full_read(which in 0usize..64, edits in proptest::collection::vec(edit(), 1..6)) {
        let corpus = corpus();
        let options = LintOptions::default();
        // Each version is read from the one before, as the server does.
        let mut texts = vec![corpus[which % corpus.len()].clone()];
        for e in &edits {
            let next = apply(texts.last().expect("a text"), e);
            texts.push(next);
        }
        let mut previous = model::bind(&texts[0], &options.model);
        let mut findings = lint_report_after_edit(&previous, &options, None, serial).1;
        for (next, e) in texts[1..].iter().zip(&edits) {
            let reused = model::bind_after_edit(next, &options.model, &previous);
            let full = model::bind(next, &options.model);
            prop_assert_eq!(reading(&reused), reading(&full), "after {:?}", e);
            let got = lint_report(&reused, &options);
            let want = lint(next, &options);
            prop_assert_eq!(format!("{got:?}"), format!("{want:?}"), "after {:?}", e);
            // The line-local rules' findings carried over from the previous
            // version, the changed lines checked again: the same findings.
            let (carried, next_findings) =
                lint_report_after_edit(&reused, &options, Some((&previous, &findings)), serial);
            prop_assert_eq!(format!("{carried:?}"), format!("{want:?}"), "carried, after {:?}", e);
            findings = next_findings;
            previous = reused;
        }
    }

    #[test]
    fn slow_an_edit_keeps_the_lines_it_says_it_keeps(which in 0usize..64, e in edit()) {
        let corpus = corpus();
        let text = &corpus[which % corpus.len()];
        let next = apply(text, &e);
        let old = syntax::parse(text);
        let (doc, edit) = syntax::reparse_edit(&next, text, &old.lines);
        if let Some(edit) = edit {
            for (i, line) in old.lines.iter().enumerate() {
                let Some(j) = edit.line(i) else { continue };
                let delta = if i < edit.head { 0 } else { edit.delta };
                prop_assert_eq!(&doc.lines[j], &line.moved(delta), "line {} → {}", i, j);
            }
            prop_assert_eq!(doc.lines.len() - edit.new_tail, old.lines.len() - edit.old_tail);
        }
    }
}

/// The tables an edit does not come near are taken from the previous
/// version, moved; the edited one is read again; and the report is the one a
/// full read gives.
#[test]
fn slow_tables_away_from_the_edit_are_reused() {
    let text = seed("000_6ca4560e20b73f61");
    let options = Options::default();
    let previous = model::bind(&text, &options);
    assert_eq!(previous.reads.len(), 3, "three tables read");
    let reused = |r: &model::Report| -> Vec<(String, &str)> {
        r.reads
            .iter()
            .map(|x| {
                let how = match (x.reused, x.patched) {
                    (_, true) => "patched",
                    (true, false) => "reused",
                    (false, _) => "read",
                };
                (format!("{:?}", x.table), how)
            })
            .collect()
    };
    let row = "一、本年新收政府信息公开申请数量\t";
    let cell = text.find(row).expect("table 三 row") + row.len();
    // A cell typed into table 三 (二 and 四 are reused, 三 is read), or a
    // digit into one of its numbers (三 is patched, not read).
    for (typed, t3) in [("7\t", "read"), ("7", "patched")] {
        let in_t3 = format!("{}{typed}{}", &text[..cell], &text[cell..]);
        let after = model::bind_after_edit(&in_t3, &options, &previous);
        let want =
            [("T2", "reused"), ("T3", t3), ("T4", "reused")].map(|(t, h)| (t.to_string(), h));
        assert_eq!(reused(&after), want, "{typed:?}");
        assert_eq!(reading(&after), reading(&model::bind(&in_t3, &options)));
    }
    // A line typed into the opening prose: every table reused, moved.
    let first_break = text.find('\n').expect("a line break") + 1;
    let in_prose = format!(
        "{}本年度共收到申请 3 件。\n{}",
        &text[..first_break],
        &text[first_break..]
    );
    let after = model::bind_after_edit(&in_prose, &options, &previous);
    assert!(after.reads.iter().all(|r| r.reused), "{:?}", reused(&after));
    assert_eq!(reading(&after), reading(&model::bind(&in_prose, &options)));
    assert_eq!(
        format!("{:?}", lint_report(&after, &LintOptions::default())),
        format!("{:?}", lint(&in_prose, &LintOptions::default()))
    );
    // A pasted line of web text that the reader cuts up (this version only):
    // the tables after it are still the ones it moved.
    let web = "本机关主动公开政府信息情况良好，收到和处理政府信息公开申请情况如下，".repeat(6);
    let pasted = format!("{}{web}\n{}", &text[..first_break], &text[first_break..]);
    let after = model::bind_after_edit(&pasted, &options, &previous);
    assert!(after.parsed.is_some(), "the pasted line is cut");
    assert!(after.reads.iter().all(|r| r.reused), "{:?}", reused(&after));
    assert_eq!(reading(&after), reading(&model::bind(&pasted, &options)));
    // And a digit typed into the tables of a report the reader cut (seed
    // 004, a PDF copy with glued headings): the other tables are reused.
    let text = seed("004_4ecd57e04841b2f1");
    let previous = model::bind(&text, &options);
    assert!(previous.parsed.is_some(), "seed 004 is cut by the reader");
    let cell = text.rfind('0').expect("a number");
    let typed = format!("{}1{}", &text[..cell], &text[cell..]);
    let after = model::bind_after_edit(&typed, &options, &previous);
    assert!(
        after.reads.iter().filter(|r| r.reused).count() >= 2,
        "{:?}",
        reused(&after)
    );
    assert_eq!(reading(&after), reading(&model::bind(&typed, &options)));
}

#[test]
fn slow_documents_the_reader_cut_reuse_their_parsed_lines() {
    // Web text without line breaks: the reader cuts the line; the report
    // keeps the lines as parsed, and the next version starts from those.
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = format!("{root}/tests/fixtures/real");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures/real").flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let options = Options::default();
        let previous = model::bind(&text, &options);
        let Some(parsed) = &previous.parsed else {
            continue;
        };
        assert_eq!(parsed, &syntax::parse(&text).lines);
        let next = text.replacen('1', "2", 1);
        let reused = model::bind_after_edit(&next, &options, &previous);
        let full = model::bind(&next, &options);
        assert_eq!(reused.doc.lines, full.doc.lines);
        assert_eq!(
            format!("{:?}", lint_report(&reused, &LintOptions::default())),
            format!("{:?}", lint(&next, &LintOptions::default()))
        );
        checked += 1;
    }
    assert!(checked > 0, "no web-text fixture was split by the reader");
}

#[test]
fn slow_edits_at_the_edges() {
    let cases = [
        ("", "a"),
        ("a", ""),
        ("a\nb\n", "a\nb\nc"),
        ("a\nb\nc", "a\nb\n"),
        ("x\ny\nz\n", "\ny\nz\n"),
        ("x\r\ny\r\n", "x\r\ny\n"),
        ("一\n二\n三\n", "一\n二\n二\n三\n"),
        ("一\n二\n三\n", "一\n三\n"),
        ("行\t1\t2\n行\t1\t2\n", "行\t1\t2\n行\t1\t2\n"),
        ("a\n\n\nb", "a\n\nb"),
    ];
    for (old, new) in cases {
        let old_doc = syntax::parse(old);
        let reused = syntax::reparse(new, old, &old_doc.lines);
        assert_eq!(reused.lines, syntax::parse(new).lines, "{old:?} → {new:?}");
    }
}

/// Edits on and around the first and last lines of every table, where a
/// table's extent is decided: the report after the edit, read from the
/// previous one, is the one a full read gives.
#[test]
fn slow_edits_at_table_boundaries_read_like_a_full_read() {
    let options = Options::default();
    let replacements = [
        "",
        " 0 0 0",
        "0\t0\t0\t0\t0\t0\t0",
        "本机关共收到申请3件，均已办结。",
        "（七）总计\t1\t0\t0\t0\t0\t0\t1",
        "二、主动公开政府信息情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "- 5 -",
    ];
    let mut checked = 0;
    for text in corpus() {
        let previous = model::bind(&text, &options);
        let starts: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        let line_range = |l: usize| {
            let a = if l == 0 {
                0
            } else {
                starts.get(l - 1).copied().unwrap_or(text.len())
            };
            let b = starts.get(l).map_or(text.len(), |&s| s - 1);
            (a.min(text.len()), b.min(text.len()).max(a.min(text.len())))
        };
        let mut edges = Vec::new();
        for lines in [
            previous.table2.as_ref().map(|t| t.lines),
            previous.table3.as_ref().map(|t| t.lines),
            previous.table4.as_ref().map(|t| t.lines),
        ]
        .into_iter()
        .flatten()
        {
            for l in [
                lines.0.saturating_sub(1),
                lines.0,
                lines.1,
                lines.1 + 1,
                lines.1 + 2,
            ] {
                edges.push(l);
            }
        }
        edges.sort();
        edges.dedup();
        for l in edges {
            let (a, b) = line_range(l);
            for r in replacements {
                for next in [
                    format!("{}{r}{}", &text[..a], &text[b..]),
                    format!("{}{r}\n{}", &text[..a], &text[a..]),
                    format!("{}\n{r}{}", &text[..b], &text[b..]),
                ] {
                    let reused = model::bind_after_edit(&next, &options, &previous);
                    let full = model::bind(&next, &options);
                    assert_eq!(reading(&reused), reading(&full), "line {l} ← {r:?}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} edits checked");
}

/// An edit far from the tables that changes what their reading assumes
/// (the report year decides the format a table without its own version
/// words is read in): the tables are read again, not reused.
#[test]
fn slow_a_new_report_year_reads_the_tables_again() {
    let options = Options::default();
    let mut checked = 0;
    for text in corpus() {
        let previous = model::bind(&text, &options);
        let Some(title) = &previous.title else {
            continue;
        };
        let Some((year, span)) = title.year else {
            continue;
        };
        for other in [2019, 2020, 2021, 2024] {
            if other == year {
                continue;
            }
            let next = format!("{}{other}{}", &text[..span.start], &text[span.end..]);
            let reused = model::bind_after_edit(&next, &options, &previous);
            let full = model::bind(&next, &options);
            assert_eq!(reading(&reused), reading(&full), "{year} → {other}");
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} edits checked");
}

/// After an edit, the line-local rules keep their findings on the lines the
/// edit left alone and look at the changed lines only — unless the edit
/// changed a report fact they read (here the year, in the title); either
/// way the findings are a full lint's.
#[test]
fn slow_line_local_findings_carry_over_an_edit() {
    let text = seed("000_6ca4560e20b73f61");
    let options = LintOptions::default();
    let previous = model::bind(&text, &options.model);
    let (first, findings) = lint_report_after_edit(&previous, &options, None, serial);
    assert_eq!(findings.carried, 0, "nothing to carry from");
    for rule in ["foreign-unit", "stale-year"] {
        assert!(first.iter().any(|d| d.rule == rule), "seed 000 has {rule}");
    }
    let line_local = nianbao::rules::RULES
        .iter()
        .filter(|r| r.lines.is_some())
        .count();
    assert_eq!(line_local, 5);
    let after = |edited: &str| {
        let report = model::bind_after_edit(edited, &options.model, &previous);
        let (got, f) =
            lint_report_after_edit(&report, &options, Some((&previous, &findings)), serial);
        assert_eq!(format!("{got:?}"), format!("{:?}", lint(edited, &options)));
        (got, f.carried)
    };
    // A digit typed into table 三: stale-year, which also reads the
    // tables' values (last year's label on this year's figures), runs
    // whole; the others carry.
    let row = "一、本年新收政府信息公开申请数量\t";
    let cell = text.find(row).expect("table 三 row") + row.len();
    let (_, carried) = after(&format!("{}7{}", &text[..cell], &text[cell..]));
    assert_eq!(carried, line_local - 1);
    // A line of last year's plans typed into the narrative: found there,
    // the findings after it moved.
    let at = text.find("\n## 二、").expect("section 二") + 1;
    let typed = format!("{}制订 2019 年工作要点。\n{}", &text[..at], &text[at..]);
    let (got, carried) = after(&typed);
    assert_eq!(carried, line_local);
    let stale = got.iter().filter(|d| d.rule == "stale-year").count();
    let before = first.iter().filter(|d| d.rule == "stale-year").count();
    assert_eq!(stale, before + 1);
    // The title's year changed: every rule runs whole.
    let year = text.find("2020").expect("the year");
    let (_, carried) = after(&format!("{}2021{}", &text[..year], &text[year + 4..]));
    assert_eq!(carried, 0);
}

/// An edit can change which lines outside it are narrative: here a short
/// line between table 三's header and its first row is read as part of the
/// table until the edit deletes the note and header above it (a blank line
/// between them is the line the edit changes), after which the table starts
/// at its first row, the line is narrative, and its stale year and the
/// other unit it names are found (foreign-unit carries its findings over an
/// edit in the tables, stale-year does not). The carried lint must see that
/// (it checks which lines are narrative before reusing anything).
#[test]
fn slow_lines_that_become_narrative_are_checked() {
    let text = seed("000_6ca4560e20b73f61");
    let row = "一、本年新收政府信息公开申请数量";
    let at = text.find(row).expect("table 三 row");
    let text = format!(
        "{}\n2019年掌政镇人民政府深化公开\n{}",
        &text[..at],
        &text[at..]
    );
    let options = LintOptions::default();
    let previous = model::bind(&text, &options.model);
    let (first, findings) = lint_report_after_edit(&previous, &options, None, serial);
    let line_of = |t: &str| {
        t[..t.find("2019年掌政镇人民政府深化公开").expect("the line")]
            .matches('\n')
            .count()
    };
    assert!(
        previous.in_table(line_of(&text)),
        "read as part of table 三"
    );
    let note = text.find("(本列").expect("header note");
    let blank = text
        .find("\n2019年掌政镇人民政府深化公开")
        .expect("the blank line");
    let edited = format!("{}{}", &text[..note], &text[blank..]);
    let report = model::bind_after_edit(&edited, &options.model, &previous);
    let e = report.edit.expect("not a full read");
    let line = line_of(&edited);
    assert!(line >= e.new_tail, "outside the edit: {e:?}, line {line}");
    assert!(!report.in_table(line), "narrative now");
    let (got, _) = lint_report_after_edit(&report, &options, Some((&previous, &findings)), serial);
    let want = lint(&edited, &options);
    assert_eq!(format!("{got:?}"), format!("{want:?}"));
    // Found on the line now, not before.
    let on_line = |ds: &[nianbao::Diagnostic], t: &str, rule: &str| {
        let start = t.find("2019年掌政镇人民政府深化公开").expect("the line");
        let end = start + t[start..].find('\n').expect("its end");
        ds.iter()
            .any(|d| d.rule == rule && (start..end).contains(&d.span.start))
    };
    for rule in ["stale-year", "foreign-unit"] {
        assert!(!on_line(&first, &text, rule), "{rule}");
        assert!(on_line(&got, &edited, rule), "{rule}");
    }
}

/// And which are headings: `一、…` after section 二's heading is an item
/// numbered anew, a line of the narrative; when an edit takes section 二's
/// heading away, the same line, outside the edit, is a section heading, no
/// longer narrative, and its stale year is not reported.
#[test]
fn slow_lines_that_become_headings_are_not_narrative() {
    let text = "某镇2020年政府信息公开工作年度报告\n一、总体情况\n本镇认真落实条例。\n二、主动公开政府信息情况\n本镇主动公开信息 5 条。\n一、2019年存在的问题\n工作有待加强。\n";
    let options = LintOptions::default();
    let previous = model::bind(text, &options.model);
    let (first, findings) = lint_report_after_edit(&previous, &options, None, serial);
    let heading = |r: &model::Report| r.sections.iter().any(|s| s.line == 5);
    assert!(!heading(&previous), "an item numbered anew");
    let edited = text.replace("二、主动公开政府信息情况", "主动公开政府信息情况良好");
    let report = model::bind_after_edit(&edited, &options.model, &previous);
    let e = report.edit.expect("not a full read");
    assert!(e.new_tail <= 5, "outside the edit: {e:?}");
    assert!(heading(&report), "a section heading now");
    let (got, _) = lint_report_after_edit(&report, &options, Some((&previous, &findings)), serial);
    assert_eq!(format!("{got:?}"), format!("{:?}", lint(&edited, &options)));
    let stale = |ds: &[nianbao::Diagnostic]| ds.iter().filter(|d| d.rule == "stale-year").count();
    assert_eq!((stale(&first), stale(&got)), (1, 0));
}

/// A table edit that makes a sentence opening with last year state this
/// year's figure turns its stale-year hint into a warning, though the
/// sentence's line was left alone: the carried lint sees it.
#[test]
fn slow_a_table_edit_changes_a_stale_year_on_a_line_left_alone() {
    let root = env!("CARGO_MANIFEST_DIR");
    let base = std::fs::read_to_string(format!("{root}/tests/fixtures/precision/base-2024.txt"))
        .expect("base");
    let text = base.replace("{{TEXT}}", "2023年，全年受理政府信息公开申请 6 件。");
    let options = LintOptions::default();
    let previous = model::bind(&text, &options.model);
    let (first, findings) = lint_report_after_edit(&previous, &options, None, serial);
    let severity = |ds: &[nianbao::Diagnostic]| {
        ds.iter()
            .find(|d| d.rule == "stale-year")
            .map(|d| d.severity)
    };
    assert_eq!(severity(&first), Some(nianbao::Severity::Hint));
    // 本年新收 5 → 6 (自然人 4 → 5), in table 三 only.
    let edited = text.replace(
        "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t0\t5",
        "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6",
    );
    assert_ne!(edited, text);
    let report = model::bind_after_edit(&edited, &options.model, &previous);
    let (got, _) = lint_report_after_edit(&report, &options, Some((&previous, &findings)), serial);
    assert_eq!(format!("{got:?}"), format!("{:?}", lint(&edited, &options)));
    assert_eq!(severity(&got), Some(nianbao::Severity::Warning));
}

/// The keystrokes an editor sends most, each read from the previous version
/// as the language server reads it: a digit appended at the end of the first
/// table row, a hundred times (the first of them right after opening); a tab
/// and a digit that give table 三's first row a cell more; a digit in the
/// last row of each table. None is a full read (the lines are reused, the
/// edited table alone is read again, or patched where a number was
/// retyped) or a full lint (the line-local rules carry their findings), in
/// one report and in ten concatenated, and each reads and lints as a full
/// read does.
#[test]
fn slow_typing_in_tables_reads_only_the_edited_table() {
    let options = LintOptions::default();
    for copies in [1, 10] {
        let text = seed("000_6ca4560e20b73f61").repeat(copies);
        let end_of = |text: &str, row: &str| text.find(row).expect("row") + row.len();
        // Each version with what was typed where, and the table it is in;
        // `at` finds the place in the version before.
        let mut versions: Vec<(String, String, &str)> = Vec::new();
        let mut type_at = |at: &dyn Fn(&str) -> usize, typed: &str, table: &'static str| {
            let mut next = versions.last().map_or(&text, |v| &v.0).clone();
            let at = at(&next);
            next.insert_str(at, typed);
            versions.push((next, format!("{typed:?} at {at} of {copies}×"), table));
        };
        let first_row = end_of(&text, "规章\t0\t0\t0");
        let appended = if copies == 1 { 100 } else { 10 };
        for k in 0..appended {
            type_at(&|_| first_row + k, &((k % 9) + 1).to_string(), "T2");
        }
        let row3 = |t: &str| end_of(t, "一、本年新收政府信息公开申请数量\t4\t\t\t\t\t\t4");
        type_at(&row3, "\t", "T3");
        type_at(&|t| row3(t) + 1, "5", "T3");
        let table4 = format!("4{}", "\t0".repeat(14));
        for (row, table) in [
            ("政府集中采购\t0\t0", "T2"),
            ("四、结转下年度继续办理", "T3"),
            (table4.as_str(), "T4"),
        ] {
            type_at(&|t| end_of(t, row), "1", table);
        }
        assert_eq!(versions.len(), appended + 5);

        let mut previous = model::bind(&text, &options.model);
        let mut findings = lint_report_after_edit(&previous, &options, None, serial).1;
        for (next, what, table) in &versions {
            let report = model::bind_after_edit(next, &options.model, &previous);
            assert!(report.edit.is_some(), "a full read: {what}");
            let read: Vec<String> = report
                .reads
                .iter()
                .filter(|r| !r.reused || r.patched)
                .map(|r| format!("{:?}", r.table))
                .collect();
            assert_eq!(read, [*table], "tables read again or patched: {what}");
            assert_eq!(
                reading(&report),
                reading(&model::bind(next, &options.model)),
                "{what}"
            );
            let next_findings = lints_like_a_full_read(&report, &previous, &findings, next, what);
            assert!(next_findings.carried > 0, "a full lint: {what}");
            findings = next_findings;
            previous = report;
        }
    }
}

/// Tables a converter wrote as HTML rows a tag per line (pandoc's
/// CommonMark): the reader joins each row's lines into one, and an edit
/// inside a row cuts through the joined line. The lines around it are kept
/// (compared one by one) and the rest read again: at every line of the two
/// renderings, a digit typed, a line deleted, a row's end or start typed,
/// each reads as a full read does, and typing a digit is never a full read.
#[test]
fn slow_edits_inside_html_rows_written_a_tag_per_line() {
    let root = env!("CARGO_MANIFEST_DIR");
    let options = Options::default();
    let mut checked = 0;
    for name in ["seed-000", "filled-2021a"] {
        let path = format!("{root}/tests/fixtures/shapes/pandoc/{name}.commonmark.md");
        let text = std::fs::read_to_string(path).expect("a pandoc rendering");
        let previous = model::bind(&text, &options);
        assert!(previous.parsed.is_some(), "{name}: rows are joined");
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        for (k, &at) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            let content = text[at..end].trim_end_matches('\n');
            let digit = content.find(|c: char| c.is_ascii_digit()).map(|d| at + d);
            let mut edits = vec![
                (format!("{}</tr>\n{}", &text[..at], &text[at..]), false),
                (format!("{}<tr>\n{}", &text[..at], &text[at..]), false),
                (format!("{}{}", &text[..at], &text[end..]), false),
            ];
            if let Some(d) = digit {
                edits.push((format!("{}7{}", &text[..d], &text[d + 1..]), true));
            }
            for (next, typing) in edits {
                let reused = model::bind_after_edit(&next, &options, &previous);
                let full = model::bind(&next, &options);
                assert_eq!(reading(&reused), reading(&full), "{name}, line {k}");
                if typing {
                    assert!(reused.edit.is_some(), "{name}, line {k}: a full read");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} edits checked");
}

/// narrative-mismatch reads what each narrative line claims (its first
/// half) and compares the claims with the tables (its second half): after
/// an edit only the changed lines are read, and a line whose claim depends
/// on where it stands (`收到申请 3 件` says which requests only under
/// `（二）依申请公开` or in section 三) is read again when a heading above it
/// changes. Each version lints as a full read does.
#[test]
fn slow_narrative_claims_carry_over_an_edit() {
    let root = env!("CARGO_MANIFEST_DIR");
    let base = std::fs::read_to_string(format!("{root}/tests/fixtures/precision/base-2024.txt"))
        .expect("base");
    let claim = "本机关收到申请 3 件。";
    let text = base
        .replace("{{TEXT}}", "")
        .replace("（请填写依申请公开情况。）", claim);
    let heading = "### （二）依申请公开";
    assert!(text.contains(heading));
    let options = LintOptions::default();
    let mismatches = |ds: &[nianbao::Diagnostic]| {
        ds.iter()
            .filter(|d| d.rule == "narrative-mismatch")
            .map(|d| d.message.zh.clone())
            .collect::<Vec<_>>()
    };
    let mut previous = model::bind(&text, &options.model);
    let (first, mut findings) = lint_report_after_edit(&previous, &options, None, serial);
    // Table 三 received 5: the line under 依申请公开 says 3.
    assert_eq!(
        mismatches(&first),
        ["正文写的是 3 件，但表三“一、本年新收政府信息公开申请数量”总计为 5"]
    );
    let read_all = findings.claims_read().expect("narrative-mismatch ran");
    assert!(read_all > 10, "{read_all} lines read");
    let at = text.find(claim).expect("the claim") + "本机关收到申请 ".len();
    // Each version is the one before with one edit.
    let typed = format!("{}4{}", &text[..at], &text[at + 1..]);
    let moved = typed.replace(heading, "### （二）主动公开补充");
    let versions = [
        // The claim's own digit: that line alone is read.
        (typed.clone(), 1, 1),
        // The heading above it no longer says 依申请: the heading's line is
        // read, and the claim's line again, whose count is no longer about
        // requests.
        (moved, 0, 2),
        // And back.
        (typed, 1, 2),
    ];
    for (next, want, read) in &versions {
        let report = model::bind_after_edit(next, &options.model, &previous);
        assert!(report.edit.is_some(), "a full read");
        let (got, next_findings) =
            lint_report_after_edit(&report, &options, Some((&previous, &findings)), serial);
        assert_eq!(format!("{got:?}"), format!("{:?}", lint(next, &options)));
        assert_eq!(mismatches(&got).len(), *want, "{:?}", mismatches(&got));
        assert_eq!(next_findings.claims_read(), Some(*read), "lines read");
        findings = next_findings;
        previous = report;
    }
}

/// Lints `report` (read from `previous` after an edit, `next` its text)
/// carrying `findings` over, as the server does, and asserts that this
/// equals a full lint of `next`; returns the findings to carry next.
fn lints_like_a_full_read(
    report: &model::Report,
    previous: &model::Report,
    findings: &nianbao::lint::Findings,
    next: &str,
    what: &str,
) -> nianbao::lint::Findings {
    let options = LintOptions::default();
    let (got, next_findings) =
        lint_report_after_edit(report, &options, Some((previous, findings)), serial);
    assert_eq!(
        format!("{got:?}"),
        format!("{:?}", lint(next, &options)),
        "{what}"
    );
    next_findings
}

/// A keystroke in a number at `start..end`: where, bytes deleted, typed.
type Keystroke = fn(usize, usize) -> (usize, usize, &'static str);

/// Every run of ASCII digits of a text (byte ranges), found without the
/// library: the numbers of its tables, whatever separates their cells
/// (tabs, pipes, spaces of a PDF copy, HTML), and of its prose.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// Digits typed into, and deleted from, numbers of every text of the corpus
/// — in tables of every style and in prose; in a table whose cells the text
/// writes apart, the common keystroke that takes the table from the
/// previous version with the number's new value instead of reading it
/// again — read and lint as a full read does; and in seed 000's three
/// tables, each such keystroke is one of those patches.
#[test]
fn slow_digits_typed_in_table_numbers_read_like_a_full_read() {
    let options = LintOptions::default();
    let (mut patched, mut troubled_reads) = (0, 0);
    let corpus = corpus();
    for (which, text) in corpus.iter().enumerate() {
        let numbers = digit_runs(text);
        let step = (numbers.len() / 16).max(1);
        for &(start, end) in numbers.iter().step_by(step).take(16) {
            // Each version from the one before: a digit appended, one put
            // in front, the last one deleted, the first one replaced.
            let mut versions = Vec::new();
            let mut t = text.clone();
            let mut end = end;
            let steps: [Keystroke; 4] = [
                |_, end| (end, 0, "7"),
                |start, _| (start, 0, "3"),
                |_, end| (end - 1, 1, ""),
                |start, _| (start, 1, "9"),
            ];
            for step in steps {
                let (at, del, ins) = step(start, end);
                t.replace_range(at..at + del, ins);
                end = end + ins.len() - del;
                versions.push((t.clone(), format!("doc {which}: {ins:?} for {del} at {at}")));
            }
            let mut previous = model::bind(text, &options.model);
            let mut findings = lint_report_after_edit(&previous, &options, None, serial).1;
            for (next, what) in &versions {
                let report = model::bind_after_edit(next, &options.model, &previous);
                let full = model::bind(next, &options.model);
                assert_eq!(reading(&report), reading(&full), "{what}");
                patched += report.reads.iter().filter(|r| r.patched).count();
                // A table whose read had trouble (a row of the wrong shape,
                // digits cut by arithmetic) is read again, never patched.
                for r in &report.reads {
                    let troubled = previous.shape_issues.iter().any(|s| s.table == r.table);
                    assert!(!(troubled && r.patched), "{what}: patched {:?}", r.table);
                    troubled_reads += usize::from(troubled && !r.reused);
                }
                findings = lints_like_a_full_read(&report, &previous, &findings, next, what);
                previous = report;
            }
        }
    }
    assert!(patched > 0, "no keystroke was patched");
    assert!(troubled_reads > 0, "no keystroke in a troubled table");

    // Seed 000: table 二's first row, table 三's first row, table 四's row,
    // each number grown by 25 digits one keystroke at a time (past what an
    // i64 holds), each keystroke patched and read as a full read does.
    let text = seed("000_6ca4560e20b73f61");
    for row in [
        "规章\t0\t0\t0",
        "一、本年新收政府信息公开申请数量\t4",
        "4\t0\t0\t0\t0\t0\t0",
    ] {
        let at = text.find(row).expect("row") + row.len();
        let versions: Vec<String> = (1..=25)
            .map(|k| {
                let digits: String = (0..k).map(|d| char::from(b'1' + (d % 9) as u8)).collect();
                format!("{}{digits}{}", &text[..at], &text[at..])
            })
            .collect();
        let mut previous = model::bind(&text, &options.model);
        for (k, next) in versions.iter().enumerate() {
            let report = model::bind_after_edit(next, &options.model, &previous);
            let touched: Vec<(String, bool)> = report
                .reads
                .iter()
                .filter(|r| !r.reused || r.patched)
                .map(|r| (format!("{:?}", r.table), r.patched))
                .collect();
            assert_eq!(touched.len(), 1, "{row} +{k}: {touched:?}");
            assert!(touched[0].1, "{row} +{k}: read again, not patched");
            assert_eq!(
                reading(&report),
                reading(&model::bind(next, &options.model)),
                "{row} +{k}"
            );
            previous = report;
        }
    }
}
