//! The one place the shape suite touches the reader under test
//! (`nianbao::model`): building a canonical document from a bound report,
//! and reading a rendering back as rows, values and certainty.
//!
//! When the new reader lands, [`row_certainty`] is the function to switch to
//! its certainty API (`Report::dump()`); everything else in the suite works
//! on the plain [`Reading`] below.

use super::doc::{Block, Doc, Format, Row, Table, TableId};
use super::grid::{official_rows, t2_key};
use nianbao::model::{self, BoundRow, Report, Value};
use nianbao::schema::{self, TABLE3_ROWS, ValueKind, Version};
use std::collections::BTreeMap;

/// A value as compared: the reader's [`Value`] in a stable text form.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Blank => String::new(),
        Value::Marker => "—".into(),
        Value::Int(n) => n.to_string(),
        Value::Amount(x) => format!("{x}"),
        Value::Invalid => "<invalid>".into(),
    }
}

/// The baseline value of a canonical cell: the printed text read as the
/// reader reads a clean cell.
pub fn baseline_value(text: &str, id: TableId, format: Format, key: &str, col: usize) -> String {
    value_text(&model::parse_value(text, value_kind(id, format, key, col)))
}

fn value_kind(id: TableId, format: Format, key: &str, col: usize) -> ValueKind {
    if id != TableId::T2 {
        return ValueKind::Count;
    }
    let item: u32 = key
        .split('/')
        .next()
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    schema::table2(super::grid::version(format))
        .iter()
        .find(|b| b.item == item)
        .and_then(|b| b.columns.get(col))
        .map(|c| c.1)
        .unwrap_or(ValueKind::Count)
}

fn format_of(v: Version) -> Format {
    match v {
        Version::V2019 => Format::F2019,
        Version::V2021 => Format::F2021,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReadCell {
    pub value: String,
    /// Byte range of the cell's text in the source read.
    pub span: (usize, usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum RowRead {
    /// Read, and the reader is sure of it.
    Certain(Vec<ReadCell>),
    /// The reader says it could not read this row.
    Unread,
}

#[derive(Debug, Clone, Default)]
pub struct TableReading {
    pub rows: BTreeMap<String, RowRead>,
    /// The reader declared the table (partly) unread.
    pub declared_unread: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub tables: BTreeMap<TableId, TableReading>,
}

/// How sure the reader is of a row: `Some(true)` certain, `Some(false)`
/// declared unread, `None` not found. "Declared unread" is a row in
/// `Report::shape_issues` (every row the reader found but could not read);
/// a table with a shape issue or text it could not place is partly unread.
fn row_certainty(report: &Report, id: TableId, key: &str, bound: bool) -> Option<bool> {
    let issue = |table: model::TableId, label: &str| {
        report.shape_issues.iter().any(|s| {
            s.table == table && (label.is_empty() || schema::normalize_label(&s.label) == label)
        })
    };
    let declared = match id {
        TableId::T2 => {
            let label = key.split_once('/').map(|(_, l)| l).unwrap_or(key);
            issue(model::TableId::T2, &schema::normalize_label(label))
        }
        TableId::T3 => {
            let def = schema::table3_row(key);
            report
                .table3
                .as_ref()
                .is_some_and(|t| def.is_some_and(|d| t.unreadable.contains(&d)))
                || def.is_some_and(|d| {
                    issue(
                        model::TableId::T3,
                        &schema::normalize_label(&TABLE3_ROWS[d].full_label()),
                    )
                })
        }
        TableId::T4 => issue(model::TableId::T4, ""),
    };
    if declared {
        Some(false)
    } else if bound {
        Some(true)
    } else {
        None
    }
}

fn table_declared_unread(report: &Report, id: TableId) -> bool {
    let table = match id {
        TableId::T2 => model::TableId::T2,
        TableId::T3 => model::TableId::T3,
        TableId::T4 => model::TableId::T4,
    };
    report.shape_issues.iter().any(|s| s.table == table)
        || report
            .unread(table)
            .is_some_and(|u| !u.unplaced.is_empty() || u.scrambled)
}

/// The bound rows of each table, by canonical key.
fn bound_rows<'r>(
    report: &'r Report,
) -> BTreeMap<TableId, (Format, BTreeMap<String, &'r BoundRow>)> {
    let mut out = BTreeMap::new();
    if let Some(t2) = &report.table2 {
        let format = format_of(t2.version.unwrap_or(report.version));
        let mut rows = BTreeMap::new();
        for (block, def) in report.table2_blocks() {
            for r in &block.rows {
                if let Some(label) = def.rows.get(r.def) {
                    rows.insert(t2_key(def.item, label), r);
                }
            }
        }
        out.insert(TableId::T2, (format, rows));
    }
    if let Some(t3) = &report.table3 {
        let rows = t3
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.as_ref().map(|r| (TABLE3_ROWS[i].key.to_string(), r)))
            .collect();
        out.insert(TableId::T3, (format_of(t3.version), rows));
    }
    if let Some(t4) = &report.table4 {
        let rows = t4.row.iter().map(|r| ("row".to_string(), r)).collect();
        out.insert(TableId::T4, (format_of(report.version), rows));
    }
    out
}

pub fn read(text: &str) -> Reading {
    let report = model::bind(text, &model::Options::default());
    let mut reading = Reading::default();
    for (id, (format, bound)) in bound_rows(&report) {
        let mut t = TableReading {
            declared_unread: table_declared_unread(&report, id),
            ..TableReading::default()
        };
        for (key, _) in official_rows(id, format) {
            let row = bound.get(&key);
            match row_certainty(&report, id, &key, row.is_some()) {
                Some(true) => {
                    let cells = row
                        .map(|r| {
                            r.cells
                                .iter()
                                .map(|c| ReadCell {
                                    value: value_text(&c.value),
                                    span: (c.cell.content.start, c.cell.content.end),
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    t.rows.insert(key, RowRead::Certain(cells));
                }
                Some(false) => {
                    t.rows.insert(key, RowRead::Unread);
                }
                None => {}
            }
        }
        reading.tables.insert(id, t);
    }
    reading
}

/// The text the HTML front end makes of a saved page.
pub fn html_text(bytes: &[u8]) -> Result<String, String> {
    nianbao::front::html::to_text(bytes)
        .map(|h| h.text)
        .map_err(|e| format!("{e:?}"))
}

/// The text the Word front end makes of a .docx rendering.
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    nianbao::front::docx::to_text(bytes)
        .map(|d| d.text)
        .map_err(|e| format!("{e:?}"))
}

/// The text the PDF front end makes of a PDF (the LibreOffice export of
/// the .docx rendering).
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    nianbao::front::pdf::to_text(bytes)
        .map(|d| d.text)
        .map_err(|e| e.to_string())
}

/// The text after every safe fix, the number applied, and the safe edits
/// offered (byte range in `text`, new text).
pub fn apply_safe_fixes(text: &str) -> (String, usize, Vec<(usize, usize, String)>) {
    let diags = nianbao::lint(text, &nianbao::LintOptions::default());
    let (fixed, n) = nianbao::diagnostic::apply_fixes(text, &diags, false);
    let edits = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.is_safe())
        .flat_map(|f| {
            f.edits
                .iter()
                .map(|e| (e.span.start, e.span.end, e.text.clone()))
        })
        .collect();
    (fixed, n, edits)
}

/// The canonical document of a source: its prose (lines outside the tables,
/// headings as headings) and each table's official rows with the values the
/// current reader read (`None` for rows it did not read).
pub fn doc_from_source(name: &str, text: &str) -> Doc {
    let report = model::bind(text, &model::Options::default());
    let bound = bound_rows(&report);
    let doc = &report.doc;
    let starts: BTreeMap<usize, TableId> = [
        report.table2.as_ref().map(|t| (t.lines.0, TableId::T2)),
        report.table3.as_ref().map(|t| (t.lines.0, TableId::T3)),
        report.table4.as_ref().map(|t| (t.header_line, TableId::T4)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut blocks = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        if let Some(&id) = starts.get(&i) {
            let (format, rows) = &bound[&id];
            blocks.push(Block::Table(canonical_table(&report, id, *format, rows)));
        }
        if report.in_table(i) || line.is_blank() {
            continue;
        }
        let inner = doc.text(line.inner).trim().to_string();
        if report
            .title
            .as_ref()
            .is_some_and(|t| (t.lines.0..=t.lines.1).contains(&i))
        {
            // A title broken over two lines is one heading.
            match blocks.last_mut() {
                Some(Block::Heading(1, t)) => t.push_str(&inner),
                _ => blocks.push(Block::Heading(1, inner)),
            }
        } else if let Some(s) = report.sections.iter().find(|s| s.line == i) {
            split_heading(
                &mut blocks,
                2,
                doc.text(line.inner),
                line.inner.start,
                s.title.end,
            );
        } else if let Some(s) = report.subsections.iter().find(|s| s.line == i) {
            split_heading(
                &mut blocks,
                3,
                doc.text(line.inner),
                line.inner.start,
                s.title.end,
            );
        } else {
            blocks.push(Block::Para(inner));
        }
    }
    Doc {
        name: name.to_string(),
        blocks,
    }
}

/// A heading glued to the text after it (web text) is a heading and a
/// paragraph; a run-in item title (`（一）主动公开。一是……`) stays a paragraph.
fn split_heading(blocks: &mut Vec<Block>, level: u8, line: &str, start: usize, title_end: usize) {
    let cut = title_end.saturating_sub(start).min(line.len());
    let (heading, rest) = line.split_at(if line.is_char_boundary(cut) {
        cut
    } else {
        line.len()
    });
    let (heading, rest) = (heading.trim(), rest.trim());
    if rest.trim_start_matches(['。', '：', ':', '.']).is_empty() {
        blocks.push(Block::Heading(level, line.trim().to_string()));
    } else if level == 2 {
        blocks.push(Block::Heading(level, heading.to_string()));
        blocks.push(Block::Para(rest.to_string()));
    } else {
        blocks.push(Block::Para(line.trim().to_string()));
    }
}

fn canonical_table(
    report: &Report,
    id: TableId,
    format: Format,
    bound: &BTreeMap<String, &BoundRow>,
) -> Table {
    let rows = official_rows(id, format)
        .into_iter()
        .map(|(key, n)| {
            let values = bound.get(&key).map(|r| {
                let mut v: Vec<String> = r
                    .cells
                    .iter()
                    .map(|c| report.text(c.cell.content).trim().to_string())
                    .collect();
                v.resize(n, String::new());
                v
            });
            Row { key, values }
        })
        .collect();
    Table { id, format, rows }
}

/// The findings of a text at error or warning level: (rule, Chinese message).
pub fn findings(text: &str) -> Vec<(&'static str, String)> {
    nianbao::lint(text, &nianbao::LintOptions::default())
        .into_iter()
        .filter(|d| {
            matches!(
                d.severity,
                nianbao::Severity::Error | nianbao::Severity::Warning
            )
        })
        .map(|d| (d.rule, d.message.zh))
        .collect()
}

/// The skeleton `nianbao new` writes (tab-separated tables).
pub fn skeleton(year: i32, unit: &str, government: bool) -> String {
    nianbao::template::skeleton(&nianbao::template::SkeletonOptions {
        year,
        unit,
        government,
        style: model::Style::Tab,
    })
}
