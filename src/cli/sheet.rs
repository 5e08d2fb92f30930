//! The summary table of a check, one row per report, for a reviewer's
//! 通报: `--format csv` (UTF-8 with a byte order mark, so Excel and WPS 表格
//! open the Chinese intact; RFC 4180 quoting, CRLF) and `--xlsx FILE` (a
//! workbook: the same table as its first sheet, every finding in the
//! second).
//!
//! Rows are made by the worker that checked the file ([`Row::of`]) and kept
//! small (strings already rendered); the table is written at the end, when
//! the rules that occur, and the cross-year findings, are known.

use super::outcome::{FileResult, Outcome};
use super::render::{Shown, docx_location};
use nianbao::diagnostic::Severity;
use nianbao::{Lang, rules};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One finding, as the sheet of findings shows it.
pub struct Finding {
    pub severity: Severity,
    pub rule: &'static str,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// Word drafts: “表三 第25行 第2列”.
    pub location: Option<String>,
    pub fix: Option<String>,
}

impl Finding {
    /// “第54行 第9列” or the Word location.
    fn place(&self, lang: Lang) -> String {
        match (&self.location, lang) {
            (Some(l), _) => l.clone(),
            (None, Lang::Zh) => format!("第{}行 第{}列", self.line, self.column),
            (None, Lang::En) => format!("line {}, column {}", self.line, self.column),
        }
    }
}

/// One file of the check.
pub struct Row {
    pub path: String,
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub version: Option<&'static str>,
    /// Why the file could not be read.
    pub error: Option<String>,
    pub findings: Vec<Finding>,
    /// With `--decisions`: the findings dismissed.
    pub dismissed: Option<usize>,
}

fn findings_of(r: &FileResult, lang: Lang) -> Vec<Finding> {
    let shown = Shown::of(r);
    r.diagnostics
        .iter()
        .map(|d| {
            let (line, column) = shown.pos(d.span.start);
            Finding {
                severity: d.severity,
                rule: d.rule,
                message: d.message.get(lang).to_string(),
                line,
                column,
                location: docx_location(r, d.span.start, lang),
                fix: d.fix.as_ref().map(|f| f.message.get(lang).to_string()),
            }
        })
        .collect()
}

impl Row {
    /// The row of a checked or unreadable file; `None` for a skipped one
    /// (not a report).
    pub fn of(o: &Outcome, lang: Lang) -> Option<Row> {
        match o {
            Outcome::Checked(r) => Some(Row {
                path: r.path.clone(),
                unit: r.identity.as_ref().map(|i| i.unit.clone()),
                year: r.identity.as_ref().map(|i| i.year),
                version: r.version.map(|v| v.label()),
                error: None,
                findings: findings_of(r, lang),
                dismissed: r.reviewed.then_some(r.dismissed),
            }),
            Outcome::Failed { path, error } => Some(Row {
                path: path.clone(),
                unit: None,
                year: None,
                version: None,
                error: Some(error.clone()),
                findings: Vec::new(),
                dismissed: None,
            }),
            Outcome::Skipped { .. } => None,
        }
    }
}

/// Adds the cross-year findings of each file to its row.
pub fn add_cross_year(rows: &mut [Row], cross: &[FileResult], lang: Lang) {
    for c in cross {
        if let Some(row) = rows.iter_mut().find(|r| r.path == c.path) {
            if let Some(n) = &mut row.dismissed {
                *n += c.dismissed;
            }
            row.findings.extend(findings_of(c, lang));
            row.findings.sort_by_key(|f| (f.line, f.column));
        }
    }
}

/// The rules that occur, in the order of the rule table.
fn rules_found(rows: &[Row]) -> Vec<&'static str> {
    rules::RULES
        .iter()
        .map(|r| r.meta.name)
        .filter(|name| {
            rows.iter()
                .any(|row| row.findings.iter().any(|f| f.rule == *name))
        })
        .collect()
}

/// A cell of the table: text or a count.
enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// Whether the table has the column of dismissed findings (`--decisions`).
fn reviewed(rows: &[Row]) -> bool {
    rows.iter().any(|r| r.dismissed.is_some())
}

fn header(lang: Lang, rules: &[&'static str], reviewed: bool) -> Vec<String> {
    let fixed: &[&str] = match lang {
        Lang::Zh => &[
            "文件", "单位", "年度", "格式", "错误", "警告", "提示", "建议",
        ],
        Lang::En => &[
            "file", "unit", "year", "format", "errors", "warnings", "infos", "hints",
        ],
    };
    let mut h: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    if reviewed {
        h.push(match lang {
            Lang::Zh => "已忽略".into(),
            Lang::En => "dismissed".into(),
        });
    }
    h.extend(rules.iter().map(|r| r.to_string()));
    h.push(match lang {
        Lang::Zh => "第一个错误".into(),
        Lang::En => "first error".into(),
    });
    h
}

fn cells(row: &Row, rules: &[&'static str], lang: Lang, reviewed: bool) -> Vec<Cell> {
    let text = |s: Option<String>| s.map_or(Cell::Empty, Cell::Text);
    let mut out = vec![
        Cell::Text(row.path.clone()),
        text(row.unit.clone()),
        row.year.map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
        row.version
            .map_or(Cell::Empty, |v| Cell::Number(v.parse().unwrap_or(0.0))),
    ];
    if let Some(e) = &row.error {
        out.extend((0..4 + usize::from(reviewed) + rules.len()).map(|_| Cell::Empty));
        out.push(Cell::Text(match lang {
            Lang::Zh => format!("无法读取：{e}"),
            Lang::En => format!("could not be read: {e}"),
        }));
        return out;
    }
    let mut by_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &row.findings {
        *by_severity.entry(f.severity).or_default() += 1;
        *by_rule.entry(f.rule).or_default() += 1;
    }
    for s in [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ] {
        out.push(Cell::Number(
            by_severity.get(&s).copied().unwrap_or(0) as f64
        ));
    }
    if reviewed {
        out.push(Cell::Number(row.dismissed.unwrap_or(0) as f64));
    }
    for r in rules {
        out.push(Cell::Number(by_rule.get(r).copied().unwrap_or(0) as f64));
    }
    let first = row
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .map(|f| format!("{}：{}", f.place(lang), f.message));
    out.push(text(first));
    out
}

/// A field as CSV writes it: quoted when it holds a separator, a quote or
/// a line break; a text that a spreadsheet would take for a formula
/// (`=`, `+`, `-`, `@` first) gets a leading `'`.
fn csv_field(cell: &Cell, out: &mut String) {
    match cell {
        Cell::Empty => {}
        Cell::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Cell::Text(t) => {
            let guarded;
            let t = if t.starts_with(['=', '+', '-', '@']) {
                guarded = format!("'{t}");
                &guarded
            } else {
                t
            };
            if t.contains([',', '"', '\r', '\n']) {
                out.push('"');
                out.push_str(&t.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(t);
            }
        }
    }
}

/// The table as CSV, with its byte order mark.
pub fn csv(rows: &[Row], lang: Lang) -> String {
    let rules = rules_found(rows);
    let mut out = String::from("\u{feff}");
    let line = |cells: &[Cell], out: &mut String| {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(c, out);
        }
        out.push_str("\r\n");
    };
    let reviewed = reviewed(rows);
    let head: Vec<Cell> = header(lang, &rules, reviewed)
        .into_iter()
        .map(Cell::Text)
        .collect();
    line(&head, &mut out);
    for row in rows {
        line(&cells(row, &rules, lang, reviewed), &mut out);
    }
    out
}

/// The workbook: the summary table, then every finding.
pub fn xlsx(rows: &[Row], lang: Lang) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let rules = rules_found(rows);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let wrap = Format::new().set_text_wrap();
    let (summary_name, findings_name) = match lang {
        Lang::Zh => ("汇总", "全部问题"),
        Lang::En => ("Summary", "Findings"),
    };
    {
        let sheet = book.add_worksheet().set_name(summary_name).map_err(err)?;
        let reviewed = reviewed(rows);
        let head = header(lang, &rules, reviewed);
        for (c, h) in head.iter().enumerate() {
            sheet
                .write_string_with_format(0, col(c), h, &bold)
                .map_err(err)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|e| e.to_string())?;
            for (c, cell) in cells(row, &rules, lang, reviewed).iter().enumerate() {
                match cell {
                    Cell::Text(t) => sheet.write_string(r, col(c), t).map(|_| ()),
                    Cell::Number(n) => sheet.write_number(r, col(c), *n).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(err)?;
            }
        }
        sheet.set_column_width(0, 40).map_err(err)?;
        sheet.set_column_width(1, 24).map_err(err)?;
        sheet
            .set_column_width_pixels(col(head.len() - 1), 600)
            .map_err(err)?;
        sheet.set_freeze_panes(1, 1).map_err(err)?;
        let last = u32::try_from(rows.len()).map_err(|e| e.to_string())?;
        sheet
            .autofilter(0, 0, last, col(head.len() - 1))
            .map_err(err)?;
    }
    {
        let sheet = book.add_worksheet().set_name(findings_name).map_err(err)?;
        let head: &[&str] = match lang {
            Lang::Zh => &["文件", "位置", "行", "列", "级别", "规则", "问题", "修复"],
            Lang::En => &[
                "file", "place", "line", "column", "severity", "rule", "message", "fix",
            ],
        };
        for (c, h) in head.iter().enumerate() {
            sheet
                .write_string_with_format(0, col(c), *h, &bold)
                .map_err(err)?;
        }
        let mut r: u32 = 1;
        for row in rows {
            for f in &row.findings {
                sheet.write_string(r, 0, &row.path).map_err(err)?;
                sheet.write_string(r, 1, f.place(lang)).map_err(err)?;
                sheet.write_number(r, 2, f.line as f64).map_err(err)?;
                sheet.write_number(r, 3, f.column as f64).map_err(err)?;
                sheet
                    .write_string(r, 4, f.severity.label(lang))
                    .map_err(err)?;
                sheet.write_string(r, 5, f.rule).map_err(err)?;
                sheet
                    .write_string_with_format(r, 6, &f.message, &wrap)
                    .map_err(err)?;
                if let Some(fix) = &f.fix {
                    sheet.write_string(r, 7, fix).map_err(err)?;
                }
                r = r.saturating_add(1);
            }
        }
        sheet.set_column_width(0, 40).map_err(err)?;
        sheet.set_column_width(1, 22).map_err(err)?;
        sheet.set_column_width(5, 20).map_err(err)?;
        sheet.set_column_width(6, 80).map_err(err)?;
        sheet.set_column_width(7, 24).map_err(err)?;
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        sheet.autofilter(0, 0, r - 1, 7).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(path: &str, findings: Vec<Finding>) -> Row {
        Row {
            path: path.into(),
            unit: Some("某某局".into()),
            year: Some(2023),
            version: Some("2021"),
            error: None,
            findings,
            dismissed: None,
        }
    }

    fn finding(severity: Severity, rule: &'static str, message: &str) -> Finding {
        Finding {
            severity,
            rule,
            message: message.into(),
            line: 3,
            column: 7,
            location: None,
            fix: None,
        }
    }

    #[test]
    fn quoting_and_counts() {
        let rows = vec![
            row(
                "a,b.md",
                vec![
                    finding(Severity::Warning, "empty-cell", "空"),
                    finding(Severity::Error, "table-sum", "“总计”为 \"0\"，\n应为 1"),
                    finding(Severity::Error, "table-sum", "第二个"),
                ],
            ),
            row("=cmd.md", vec![]),
            Row {
                error: Some("不是文本文件".into()),
                ..row("c.pdf", vec![])
            },
        ];
        let text = csv(&rows, Lang::Zh);
        expect_test::expect![[r#"
            ﻿文件,单位,年度,格式,错误,警告,提示,建议,table-sum,empty-cell,第一个错误
            "a,b.md",某某局,2023,2021,2,1,0,0,2,1,"第3行 第7列：“总计”为 ""0""，
            应为 1"
            '=cmd.md,某某局,2023,2021,0,0,0,0,0,0,
            c.pdf,某某局,2023,2021,,,,,,,无法读取：不是文本文件
        "#]]
        .assert_eq(&text.replace("\r\n", "\n"));
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(text.matches("\r\n").count(), 4);
    }

    /// With `--decisions`, a column counts each report's dismissed findings.
    #[test]
    fn dismissed_findings_have_a_column() {
        let rows = vec![
            Row {
                dismissed: Some(2),
                ..row("a.md", vec![finding(Severity::Error, "table-sum", "甲")])
            },
            Row {
                dismissed: Some(0),
                ..row("b.md", vec![])
            },
            Row {
                error: Some("不是文本文件".into()),
                ..row("c.pdf", vec![])
            },
        ];
        expect_test::expect![[r#"
            ﻿文件,单位,年度,格式,错误,警告,提示,建议,已忽略,table-sum,第一个错误
            a.md,某某局,2023,2021,1,0,0,0,2,1,第3行 第7列：甲
            b.md,某某局,2023,2021,0,0,0,0,0,0,
            c.pdf,某某局,2023,2021,,,,,,,无法读取：不是文本文件
        "#]]
        .assert_eq(&csv(&rows, Lang::Zh).replace("\r\n", "\n"));
    }
}
