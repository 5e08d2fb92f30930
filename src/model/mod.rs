//! The reader: binds the syntax of a draft to the official format.
//!
//! Stages, one file each: `reflow` cuts text that lost its line breaks;
//! `header` finds title, year, unit and 统计期限; `landmarks` says where
//! tables start and stop; each table is turned into a token stream
//! (`stream`) whose label fragments are assembled into the schema's labels
//! (`assemble`, over `labels`) and whose values are read as cells
//! (`cells`, `value`) or, when they ran together, cut by the table's
//! arithmetic (`digits`); `table2`, `table3`, `table4` bind the
//! rows; `sections` reads the headings outside the tables. The result is
//! the plain data of `report`; `dump` prints it for tests.
//!
//! A misread costs recall, never precision: what the reader is not sure of
//! is recorded as unread (`Report::shape_issues`, `Unread`) and nothing is
//! built on it.

mod assemble;
mod cells;
mod digits;
mod dump;
mod header;
mod labels;
mod landmarks;
mod memo;
mod reads;
mod reflow;
mod report;
mod sections;
mod shift;
mod stream;
mod table2;
mod table3;
mod table4;
#[cfg(test)]
mod tests;
mod value;
mod view;

pub use header::unit_kind;
pub use report::*;
pub use value::{is_value_like, parse_value};
pub use view::{CellView, Lines, RowOf, RowView, TableView};

use crate::schema::Version;
use crate::syntax::{self, Document};
use crate::text::normalize_label;

/// What the table readers share while reading one report.
pub(crate) struct Cx<'r, 'a> {
    pub doc: &'r Document<'a>,
    /// The format to read a table in when it does not show its own.
    pub fallback_version: Option<Version>,
    pub shape: Vec<ShapeIssue>,
    pub variants: Vec<LabelVariant>,
    /// Lines that belong to a table.
    pub consumed: Vec<bool>,
    /// The last line the current table reader looked at.
    pub looked_until: usize,
}

/// Reads a draft into the report model. Never fails: whatever cannot be read
/// is recorded for the rules to report.
pub fn bind<'a>(source: &'a str, options: &Options) -> Report<'a> {
    bind_document(syntax::parse(source), options, None)
}

/// Like [`bind`] for a new version of a text whose previous version was
/// bound into `previous`: the syntax of the lines the edit did not touch is
/// reused (see [`syntax::reparse`]). The result equals `bind(source)`.
pub fn bind_after_edit<'a>(
    source: &'a str,
    options: &Options,
    previous: &Report<'_>,
) -> Report<'a> {
    let old_lines = previous.parsed.as_deref().unwrap_or(&previous.doc.lines);
    let (doc, edit) = syntax::reparse_edit(source, previous.doc.source, old_lines);
    let memo = edit.map(|edit| memo::Memo { previous, edit });
    bind_document(doc, options, memo)
}

fn bind_document<'a>(
    parsed: Document<'a>,
    options: &Options,
    memo: Option<memo::Memo>,
) -> Report<'a> {
    let (doc, kept) = reflow::reflow(parsed);
    // The edit was found on the parsed lines; the tables were read from the
    // reader's lines (long lines of web text cut up).
    let memo = memo.and_then(|m| m.on_lines(&doc.lines));
    let memo = memo.as_ref();
    let source = doc.source;
    let n = doc.lines.len();

    // Header facts first: the year decides which format to bind against
    // when the tables do not say.
    let first_heading = doc
        .lines
        .iter()
        .position(|l| {
            landmarks::heading_of(&doc, l).is_some_and(|(num, _, t)| {
                num.is_some()
                    && landmarks::section_named(&normalize_label(doc.text(t)), num).is_some()
            })
        })
        .unwrap_or(n.min(12));
    let title = header::find_title(&doc, first_heading.max(1));
    let stat_period = header::find_stat_period(&doc, n.min(first_heading + 12));
    // Without a title, the year the text opens its sentences with and its
    // signing date agree on decides, over a 统计期限 left from another year.
    let title_year = title.as_ref().and_then(|t| t.year.map(|y| y.0));
    let text_year = if title_year.is_none() {
        header::text_year(&doc)
    } else {
        None
    };
    let year = title_year
        .or(text_year)
        .or_else(|| stat_period.as_ref().and_then(|s| s.year.map(|y| y.0)))
        .or(options.year);
    let required_version = options.version.or(year.map(Version::for_year));

    let mut cx = Cx {
        doc: &doc,
        fallback_version: options.version.or(required_version),
        shape: Vec::new(),
        variants: Vec::new(),
        consumed: vec![false; n],
        looked_until: 0,
    };
    let mut reads = Vec::new();
    let (table2, table3, table4) = read_tables(&mut cx, memo, &mut reads);
    let Cx {
        shape,
        variants,
        consumed,
        ..
    } = cx;

    let (sections, subsections) = sections::read(&doc, &consumed);
    let unread_headings = sections::unread_headings(&doc, &consumed, &sections);
    let body_start = sections.first().map(|s| s.line).unwrap_or(first_heading);
    let version = table2
        .as_ref()
        .and_then(|t: &Table2| t.version)
        .or_else(|| {
            table3
                .as_ref()
                .filter(|t: &&Table3| t.version_shown)
                .map(|t| t.version)
        })
        .or(required_version)
        .unwrap_or(Version::V2019);
    let unit = title
        .as_ref()
        .and_then(|t| t.unit.clone())
        .or_else(|| options.unit.clone())
        .or_else(|| header::infer_unit(&doc));
    let looks_like_report = looks_like_report(&doc)
        || table3.is_some()
        || table2.is_some()
        || sections.iter().filter(|s| s.matched.is_some()).count() >= 3;
    let government = options
        .government
        .or_else(|| unit.as_deref().and_then(unit_kind));
    let mut report = Report {
        parsed: kept,
        reads,
        edit: memo.map(|m| m.edit),
        title,
        stat_period,
        year,
        text_year,
        unit,
        required_version,
        version,
        sections,
        subsections,
        unread_headings,
        table2,
        table3,
        table4,
        shape_issues: shape,
        variants,
        body_start,
        crlf: memchr::memmem::find(source.as_bytes(), b"\r\n").is_some(),
        looks_like_report,
        government,
        doc,
        numbers_unread: [None; 3],
    };
    report.numbers_unread = Table::ALL.map(|t| report.find_unread_numbers(t));
    report
}

/// Finds each table at its landmark and reads it.
fn read_tables(
    cx: &mut Cx,
    memo: Option<&memo::Memo>,
    reads: &mut Vec<reads::TableRead>,
) -> (Option<Table2>, Option<Table3>, Option<Table4>) {
    let doc = cx.doc;
    let (mut t2, mut t3, mut t4) = (None, None, None);
    let mut i = 0;
    while i < doc.lines.len() {
        // Every table found: no line after can start one (each branch below
        // wants a table not found yet), and a long draft (or several
        // reports pasted into one) need not have its rest read for
        // landmarks on every keystroke.
        if t2.is_some() && t3.is_some() && t4.is_some() {
            break;
        }
        let line = &doc.lines[i];
        let starts = landmarks::tables_starting(doc, line);
        // Section 四's heading, for a table 四 whose header was lost.
        let may_heading = t4.is_none() && (line.numbering.is_some() || line.span.len() <= 160);
        if !starts.any() && !may_heading {
            i += 1;
            continue;
        }
        let state = reads::ScanState {
            found: [t2.is_some(), t3.is_some(), t4.is_some()],
            fallback_version: cx.fallback_version,
        };
        let at = |table: Table, start: usize, looked_ahead: usize| memo::Read {
            table,
            trigger: i,
            start,
            state,
            looked_ahead,
        };
        if t2.is_none() && starts.has(Table::T2) {
            let read = at(Table::T2, i, i);
            let (t, next) =
                memo::read_or_reuse(cx, memo, reads, read, |r| r.table2.as_ref(), table2::read);
            if cx.fallback_version.is_none() {
                cx.fallback_version = t.version;
            }
            t2 = Some(t);
            i = next;
        } else if t3.is_none() && starts.has(Table::T3) {
            let read = at(Table::T3, i, i);
            let (t, next) =
                memo::read_or_reuse(cx, memo, reads, read, |r| r.table3.as_ref(), table3::read);
            t3 = Some(t);
            i = next;
        } else if t4.is_none() && starts.has(Table::T4) {
            let read = at(Table::T4, i, i);
            let (t, next) =
                memo::read_or_reuse(cx, memo, reads, read, |r| r.table4.as_ref(), table4::read);
            t4 = Some(t);
            i = next;
        } else if t4.is_none()
            && landmarks::heading_of(doc, line).is_some_and(|(n, _, t)| {
                n == Some(4)
                    && landmarks::section_named(&normalize_label(doc.text(t)), n)
                        .is_some_and(|(s, _)| s == 4)
            })
            && let Some(start) = landmarks::table4_after_heading(doc, i)
        {
            // The heading's check looked up to 16 lines past it for the
            // table's start, and 14 lines from there.
            let read = at(Table::T4, start, (i + 16).max(start + 14));
            let (t, next) =
                memo::read_or_reuse(cx, memo, reads, read, |r| r.table4.as_ref(), table4::read);
            t4 = Some(t);
            i = next;
        } else {
            i += 1;
        }
    }
    for id in [Table::T2, Table::T3, Table::T4] {
        let found = match id {
            Table::T2 => t2.is_some(),
            Table::T3 => t3.is_some(),
            Table::T4 => t4.is_some(),
        };
        if found {
            continue;
        }
        let Some(line) = landmarks::table_words_line(doc, id, &cx.consumed) else {
            continue;
        };
        match id {
            Table::T2 => t2 = Some(unread_table2(line)),
            Table::T3 => t3 = Some(unread_table3(line, cx.fallback_version)),
            Table::T4 => t4 = Some(unread_table4(line)),
        }
    }
    (t2, t3, t4)
}

fn scrambled() -> Unread {
    Unread {
        scrambled: true,
        ..Unread::default()
    }
}

/// Tables whose words stand at `line` but which could not be read.
fn unread_table2(line: usize) -> Table2 {
    Table2 {
        version: None,
        version_evidence: None,
        lines: (line, line),
        blocks: Vec::new(),
        unreadable: Vec::new(),
        unread: scrambled(),
    }
}

fn unread_table3(line: usize, version: Option<Version>) -> Table3 {
    Table3 {
        version: version.unwrap_or(Version::V2019),
        version_shown: false,
        lines: (line, line),
        style: Style::Space,
        rows: vec![None; crate::schema::TABLE3_ROWS.len()],
        subtotals: Vec::new(),
        unreadable: Vec::new(),
        has_numbers: false,
        unread: scrambled(),
    }
}

fn unread_table4(line: usize) -> Table4 {
    Table4 {
        header_line: line,
        lines: (line, line),
        row: None,
        style: Style::Space,
        unread: scrambled(),
    }
}

fn looks_like_report(doc: &Document) -> bool {
    let head: String = doc
        .lines
        .iter()
        .take(20)
        .map(|l| doc.text(l.inner))
        .collect::<Vec<_>>()
        .join("");
    head.contains("政府信息公开") && (head.contains("年度报告") || head.contains("年报"))
}
