//! Hand-written drafts in shapes the five real reports do not show: a 2021
//! format report copied out of a PDF (cells separated by spaces, a page
//! number inside a table, the note split over two lines), an official
//! 2019 report that leaves zeros and the 总计 column blank, and a 2024 report
//! as a PDF-to-Markdown converter writes it (HTML tables with merged cells,
//! table 三 on one line).

use nianbao::text::LineIndex;
use nianbao::{LintOptions, lint};

fn load(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/drafts/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn findings(text: &str) -> Vec<(usize, &'static str, String)> {
    let idx = LineIndex::new(text);
    lint(text, &LintOptions::default())
        .into_iter()
        .map(|d| (idx.line_of(d.span.start) + 1, d.rule, d.message.zh))
        .collect()
}

#[test]
fn pdf_copy_of_a_2021_report_is_read_and_clean() {
    let text = load("2024_pdf_space_clean.txt");
    assert_eq!(findings(&text), []);
    let r = nianbao::model::bind(&text, &Default::default());
    assert_eq!(r.version, nianbao::schema::Version::V2021);
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.unit.as_deref(), Some("淮安市人民政府"));
    assert_all_2021_rows_read(&r);
}

/// Every one of the 25 rows of table 三 (2021 format) and table 四's row read.
fn assert_all_2021_rows_read(r: &nianbao::model::Report) {
    let t3 = r.table3.as_ref().unwrap();
    assert_eq!(
        t3.rows.iter().flatten().count(),
        25,
        "all 25 rows of the 2021 table"
    );
    assert!(r.table4.as_ref().unwrap().row.is_some());
}

#[test]
fn pdf_copy_with_a_wrong_total_pinpoints_it() {
    let f = findings(&load("2024_pdf_space_bad_total.txt"));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "table-sum");
    assert!(
        f[0].2
            .contains("“2.没有现成信息需要另行制作”行“总计”列为 105，应为 104"),
        "{}",
        f[0].2
    );
}

#[test]
fn pdf_copy_narrative_is_checked_against_tables() {
    let text = load("2024_pdf_space_clean.txt").replace(
        "受理政府信息公开申请 3119 件",
        "受理政府信息公开申请 3120 件",
    );
    let f = findings(&text);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "narrative-mismatch");
}

#[test]
fn official_report_with_blank_zeros_has_no_false_sums() {
    let f = findings(&load("2019_blank_zeros.txt"));
    assert!(f.iter().all(|x| x.1 == "empty-cell"), "{f:?}");
    assert!(f.iter().any(|x| x.0 == 31), "表二 规章 left blank");
    // One finding per table: 表二's blank row, 表三 (no 0 written anywhere),
    // 表四's five blank 复议后起诉 columns.
    assert_eq!(f.len(), 3, "{f:?}");
    // Filling every blank with 0 (the unsafe fix) yields a clean report.
    let text = load("2019_blank_zeros.txt");
    let d = lint(&text, &LintOptions::default());
    let (fixed, n) = nianbao::diagnostic::apply_fixes(&text, &d, true);
    assert_eq!(n, 3);
    assert_eq!(findings(&fixed), []);
}

#[test]
fn web_copy_without_line_breaks_is_read() {
    // The whole report on one line, as text copied from a web page.
    let one_line: String = load("2024_pdf_space_clean.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(one_line.lines().count(), 1);
    assert_eq!(findings(&one_line), []);
    let bad = one_line.replace(
        "2.没有现成信息需要另行制作 100 2 0 0 2 0 104",
        "2.没有现成信息需要另行制作 100 2 0 0 2 0 105",
    );
    let f = findings(&bad);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].2.contains("应为 104"));
    let r = nianbao::model::bind(&one_line, &Default::default());
    assert_eq!(r.sections.iter().filter(|s| s.matched.is_some()).count(), 6);
    // The flattened real report 000 still shows its review total.
    let flat = std::fs::read_to_string(format!(
        "{}/tests/fixtures/000_6ca4560e20b73f61.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace(['\n', '\t'], " ");
    assert!(
        findings(&flat)
            .iter()
            .any(|x| x.1 == "table-sum" && x.2.contains("应为 4"))
    );
}

#[test]
fn converter_html_tables_are_read_and_fixed_in_place() {
    let text = load("2024_converter_html.md");
    let r = nianbao::model::bind(&text, &Default::default());
    assert_eq!(r.year, Some(2024));
    assert_all_2021_rows_read(&r);
    let f = findings(&text);
    let rules: Vec<(usize, &str)> = f.iter().map(|x| (x.0, x.1)).collect();
    assert_eq!(rules, [(50, "table-sum"), (58, "table-sum")], "{f:?}");
    assert!(
        f[0].2.contains("“自然人”列为 3764，应为 3763"),
        "{}",
        f[0].2
    );
    assert!(f[1].2.contains("为 107，应为 106"), "{}", f[1].2);
    // The fixes change the two cells' digits and nothing else.
    let diags = lint(&text, &LintOptions::default());
    let (fixed, n) = nianbao::diagnostic::apply_fixes(&text, &diags, false);
    assert_eq!(n, 2);
    let want = text.replacen("<td>3764</td>", "<td>3763</td>", 1).replacen(
        "<td>107</td>",
        "<td>106</td>",
        1,
    );
    assert_eq!(fixed, want);
    assert_eq!(findings(&fixed), []);
}
