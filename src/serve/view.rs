//! The document as the page shows it: the title, sections and sub-sections
//! as headings, paragraphs, and tables 二/三/四 as real tables whose value
//! cells line up, with every finding mapped to the cell, row or paragraph
//! it is about.
//!
//! This is the one place of the page that reads the bound [`Report`]
//! (its title and sections; its tables, rows and cell spans through the
//! core's [`Report::tables`], as the outline and hovers of the language
//! server do); everything else works on the view built here.

use nianbao::Diagnostic;
use nianbao::model::{BoundRow, Report, TableView};
use nianbao::syntax::Line;
use nianbao::text::Span;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Serialize, PartialEq, Eq)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Block {
    /// `level` 1 for the title, 2 for the six sections, 3 for sub-sections
    /// and 4 for other Markdown headings.
    Heading { id: String, level: u8, text: String },
    Para {
        id: String,
        /// A run-in heading (`（一）主动公开情况。`) the paragraph starts with.
        #[serde(skip_serializing_if = "Option::is_none")]
        lead: Option<String>,
        text: String,
    },
    Table {
        id: String,
        /// 表二, 表三, 表四.
        name: &'static str,
        width: usize,
        rows: Vec<Row>,
    },
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    /// A row of numbers bound to the official format (not a header).
    pub data: bool,
    /// Column names added by the page above the first row of numbers, when
    /// the draft's own header does not line up with the numbers (a table
    /// copied from a web page loses its merged cells).
    pub names: bool,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct CellView {
    pub id: String,
    pub text: String,
    pub colspan: usize,
    /// A number cell of a bound row.
    pub value: bool,
}

/// Where a finding is shown.
#[derive(Debug, Serialize, PartialEq, Eq, Default)]
pub struct Target {
    /// The element (cell, row, heading or paragraph) the finding is about.
    pub id: String,
    /// The element of each related location, in order.
    pub related: Vec<String>,
    /// What to write on a cell: “应为 1” when the fix sets the cell.
    pub note: Option<String>,
}

pub struct View {
    pub blocks: Vec<Block>,
    /// One per diagnostic, in the same order.
    pub targets: Vec<Target>,
}

/// The bound rows of the tables by line.
fn bound_rows<'r>(tables: &[TableView<'r>]) -> HashMap<usize, &'r BoundRow> {
    tables
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| (r.row.line, r.row))
        .collect()
}

fn line_id(i: usize) -> String {
    format!("L{}", i + 1)
}

fn cell_id(line: usize, cell: usize) -> String {
    format!("L{}c{}", line + 1, cell + 1)
}

/// A cell as laid out: its index in the line's cells (None for a label cell
/// made up for a row without one), text, span and colspan.
struct Laid {
    index: Option<usize>,
    text: String,
    colspan: usize,
    value: bool,
}

/// The label cells written before a bound row's values (at least one).
fn label_count(line: &Line, row: &BoundRow) -> usize {
    let first_value = row.cells.first().map_or(usize::MAX, |c| c.cell.raw.start);
    line.cells
        .iter()
        .filter(|c| c.raw.start < first_value && !c.is_blank())
        .count()
        .max(1)
}

/// Label cells first, the bound values in the last columns of the table.
fn lay_bound(r: &Report, line: &Line, row: &BoundRow, width: usize) -> Vec<Laid> {
    let first_value = row.cells.first().map_or(usize::MAX, |c| c.cell.raw.start);
    let mut out: Vec<Laid> = line
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.raw.start < first_value && !c.is_blank())
        .map(|(i, c)| Laid {
            index: Some(i),
            text: r.text(c.content).to_string(),
            colspan: 1,
            value: false,
        })
        .collect();
    if out.is_empty() {
        out.push(Laid {
            index: None,
            text: r.text(row.label).to_string(),
            colspan: 1,
            value: false,
        });
    }
    let used = out.len() - 1 + row.cells.len();
    if let Some(last) = out.last_mut() {
        last.colspan = width.saturating_sub(used).max(1);
    }
    for b in &row.cells {
        let index = line.cells.iter().position(|c| c.raw == b.cell.raw);
        out.push(Laid {
            index,
            text: r.text(b.cell.content).to_string(),
            colspan: 1,
            value: true,
        });
    }
    out
}

/// A header or unreadable row as written: blank cells after a label are
/// taken as merged into it, trailing blanks dropped, the last cell
/// stretched to the table's width.
fn lay_raw(r: &Report, line: &Line, width: usize) -> Vec<Laid> {
    let mut out: Vec<Laid> = Vec::new();
    if line.cells.is_empty() {
        out.push(Laid {
            index: None,
            text: r.text(line.inner).to_string(),
            colspan: width,
            value: false,
        });
        return out;
    }
    for (i, c) in line.cells.iter().enumerate() {
        match out.last_mut() {
            Some(prev) if c.is_blank() && !prev.text.is_empty() => prev.colspan += 1,
            _ => out.push(Laid {
                index: Some(i),
                text: r.text(c.content).to_string(),
                colspan: 1,
                value: false,
            }),
        }
    }
    while out.len() > 1 && out.last().is_some_and(|l| l.text.is_empty()) {
        out.pop();
    }
    let used: usize = out.iter().rev().skip(1).map(|l| l.colspan).sum();
    if let Some(last) = out.last_mut() {
        last.colspan = width.saturating_sub(used).max(1);
    }
    out
}

fn raw_width(line: &Line) -> usize {
    let n = line.cells.len();
    let trailing = line.cells.iter().rev().take_while(|c| c.is_blank()).count();
    (n - trailing.min(n)).max(1)
}

/// Adds a row of column names above the first row of numbers unless the
/// draft's own header rows already name every number column in place.
fn add_column_names(t: &TableView, width: usize, rows: &mut Vec<Row>) {
    let Some(names) = t.table.column_names() else {
        return;
    };
    let Some(first_data) = rows.iter().position(|r| r.data) else {
        return;
    };
    let Some(first_col) = width.checked_sub(names.len()) else {
        return;
    };
    // (column, text) of every header cell.
    let mut header: HashSet<(usize, String)> = HashSet::new();
    for r in &rows[..first_data] {
        let mut col = 0;
        for c in &r.cells {
            header.insert((col, c.text.replace(char::is_whitespace, "")));
            col += c.colspan;
        }
    }
    let aligned = names
        .iter()
        .enumerate()
        .all(|(k, n)| header.contains(&(first_col + k, n.to_string())));
    if aligned {
        return;
    }
    let mut cells = vec![CellView {
        id: format!("T{}names0", t.lines.first + 1),
        text: String::new(),
        colspan: first_col.max(1),
        value: false,
    }];
    if first_col == 0 {
        cells.clear();
    }
    cells.extend(names.iter().enumerate().map(|(k, n)| CellView {
        id: format!("T{}names{}", t.lines.first + 1, k + 1),
        text: n.to_string(),
        colspan: 1,
        value: false,
    }));
    rows.insert(
        first_data,
        Row {
            id: format!("T{}names", t.lines.first + 1),
            data: false,
            names: true,
            cells,
        },
    );
}

/// (heading, paragraph) of a numbered heading followed by text on the same
/// line: `（一）主动公开情况。一是……`.
fn run_in(r: &Report, line: &Line) -> Option<(String, String)> {
    let inner = r.text(line.inner);
    let end = line.title.end.checked_sub(line.inner.start)?;
    let head = inner.get(..end)?;
    let rest = inner.get(end..)?;
    let (head, rest) = match rest.strip_prefix('。') {
        Some(after) => (&inner[..end + '。'.len_utf8()], after),
        None => (head, rest),
    };
    (rest.trim().chars().count() > 1).then(|| (head.to_string(), rest.to_string()))
}

struct Builder<'r, 'a> {
    r: &'r Report<'a>,
    blocks: Vec<Block>,
    /// Element ids rendered, for mapping findings.
    cells: HashMap<(usize, usize), String>,
    rendered_lines: Vec<usize>,
}

impl Builder<'_, '_> {
    fn table(&mut self, t: &TableView, bound: &HashMap<usize, &BoundRow>) {
        let lines = &self.r.doc.lines;
        let range = t.lines.first..=t.lines.last.min(lines.len().saturating_sub(1));
        let width = range
            .clone()
            .filter(|&i| !lines[i].is_blank())
            .map(|i| match bound.get(&i) {
                Some(b) => label_count(&lines[i], b) + b.cells.len(),
                None => raw_width(&lines[i]),
            })
            .max()
            .unwrap_or(1);
        let mut rows = Vec::new();
        for i in range {
            let line = &lines[i];
            if line.is_blank() {
                continue;
            }
            let laid = match bound.get(&i) {
                Some(b) => lay_bound(self.r, line, b, width),
                None => lay_raw(self.r, line, width),
            };
            let cells = laid
                .into_iter()
                .enumerate()
                .map(|(k, l)| {
                    let id = match l.index {
                        Some(ci) => {
                            let id = cell_id(i, ci);
                            self.cells.insert((i, ci), id.clone());
                            id
                        }
                        None => format!("{}x{}", line_id(i), k + 1),
                    };
                    CellView {
                        id,
                        text: l.text,
                        colspan: l.colspan,
                        value: l.value,
                    }
                })
                .collect();
            self.rendered_lines.push(i);
            rows.push(Row {
                id: line_id(i),
                data: bound.contains_key(&i),
                names: false,
                cells,
            });
        }
        add_column_names(t, width, &mut rows);
        self.blocks.push(Block::Table {
            id: format!("T{}", t.lines.first + 1),
            name: t.table.short(),
            width,
            rows,
        });
    }

    fn line(&mut self, i: usize, headings: &HashMap<usize, u8>) {
        let line = &self.r.doc.lines[i];
        let text = self.r.text(line.inner).to_string();
        let id = line_id(i);
        let level = headings
            .get(&i)
            .copied()
            .or((line.md_level > 0).then_some(4));
        self.blocks.push(match level {
            // A heading that runs into its paragraph: the paragraph, its
            // heading in bold.
            Some(level) if level >= 2 && run_in(self.r, line).is_some() => {
                let (lead, rest) = run_in(self.r, line).unwrap_or_default();
                Block::Para {
                    id,
                    lead: Some(lead),
                    text: rest,
                }
            }
            Some(level) => Block::Heading { id, level, text },
            None => Block::Para {
                id,
                lead: None,
                text,
            },
        });
        self.rendered_lines.push(i);
    }
}

/// The rendered element a byte offset falls in: a cell of a table row if
/// `span` lies within one, else the row, heading or paragraph.
struct Locator<'b> {
    starts: Vec<usize>,
    rendered: HashSet<usize>,
    order: &'b [usize],
    cells: &'b HashMap<(usize, usize), String>,
}

impl Locator<'_> {
    fn line_of(&self, offset: usize) -> Option<usize> {
        let i = self
            .starts
            .partition_point(|&s| s <= offset)
            .checked_sub(1)?;
        if self.rendered.contains(&i) {
            return Some(i);
        }
        // A blank line or a line not shown: the next one shown, else the
        // last one before it.
        let k = self.order.partition_point(|&l| l < i);
        self.order
            .get(k)
            .or_else(|| k.checked_sub(1).and_then(|j| self.order.get(j)))
            .copied()
    }

    /// (element id, whether it is a cell).
    fn element(&self, r: &Report, span: Span) -> Option<(String, bool)> {
        let i = self
            .line_of(span.start)
            .or_else(|| self.order.last().copied())?;
        let line = &r.doc.lines[i];
        let within = |c: &nianbao::syntax::Cell| {
            c.raw.start <= span.start && span.end <= c.raw.end.max(c.raw.start + 1)
        };
        if let Some(ci) = line.cells.iter().position(within)
            && let Some(id) = self.cells.get(&(i, ci))
        {
            return Some((id.clone(), true));
        }
        Some((line_id(i), false))
    }
}

/// “应为 1”: the text a fix puts into the finding's own cell.
fn note(d: &Diagnostic, lang: nianbao::Lang) -> Option<String> {
    let fix = d.fix.as_ref()?;
    let edit = fix
        .edits
        .iter()
        .find(|e| e.span.start >= d.span.start && e.span.end <= d.span.end.max(d.span.start))?;
    let value = edit.text.trim();
    if value.is_empty() || value.chars().count() > 12 || value.contains('\n') {
        return None;
    }
    Some(match lang {
        nianbao::Lang::Zh => format!("应为 {value}"),
        nianbao::Lang::En => format!("should be {value}"),
    })
}

/// Builds the view of a bound report and places `diagnostics` in it.
pub fn build(r: &Report, diagnostics: &[Diagnostic], lang: nianbao::Lang) -> View {
    let tables = r.tables();
    let bound = bound_rows(&tables);
    let mut headings: HashMap<usize, u8> = HashMap::new();
    if let Some(t) = &r.title {
        for i in t.lines.0..=t.lines.1 {
            headings.insert(i, 1);
        }
    }
    for s in &r.sections {
        headings.insert(s.line, 2);
    }
    for s in &r.subsections {
        headings.entry(s.line).or_insert(3);
    }
    let mut b = Builder {
        r,
        blocks: Vec::new(),
        cells: HashMap::new(),
        rendered_lines: Vec::new(),
    };
    let n = r.doc.lines.len();
    let mut i = 0;
    while i < n {
        if let Some(t) = tables.iter().find(|t| t.lines.first == i) {
            b.table(t, &bound);
            i = t.lines.last.max(i) + 1;
            continue;
        }
        if !r.doc.lines[i].is_blank() {
            b.line(i, &headings);
        }
        i += 1;
    }
    let mut order = b.rendered_lines.clone();
    order.sort_unstable();
    let locator = Locator {
        starts: r.doc.lines.iter().map(|l| l.span.start).collect(),
        rendered: order.iter().copied().collect(),
        order: &order,
        cells: &b.cells,
    };
    let targets = diagnostics
        .iter()
        .map(|d| {
            let (id, is_cell) = locator.element(r, d.span).unwrap_or_default();
            let related = d
                .related
                .iter()
                .map(|rel| {
                    // A place in another file is not in this view.
                    if rel.file.is_some() {
                        return String::new();
                    }
                    locator
                        .element(r, rel.span)
                        .map_or_else(|| id.clone(), |(x, _)| x)
                })
                .collect();
            Target {
                note: if is_cell { note(d, lang) } else { None },
                id,
                related,
            }
        })
        .collect();
    View {
        blocks: b.blocks,
        targets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao::LintOptions;
    use nianbao::lint::lint_report;

    fn fixture_002() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let path = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("002"))
            .unwrap();
        std::fs::read_to_string(path).unwrap()
    }

    fn find_cell<'v>(view: &'v View, id: &str) -> Option<(&'v Row, &'v CellView)> {
        view.blocks.iter().find_map(|b| match b {
            Block::Table { rows, .. } => rows
                .iter()
                .find_map(|r| r.cells.iter().find(|c| c.id == id).map(|c| (r, c))),
            _ => None,
        })
    }

    #[test]
    fn table_sum_of_002_is_on_its_cell_with_the_value_it_should_have() {
        let text = fixture_002();
        let r = nianbao::model::bind(&text, &Default::default());
        let diags = lint_report(&r, &LintOptions::default());
        let view = build(&r, &diags, nianbao::Lang::Zh);
        let k = diags.iter().position(|d| d.rule == "table-sum").unwrap();
        let t = &view.targets[k];
        assert_eq!(t.note.as_deref(), Some("应为 1"));
        let (row, cell) = find_cell(&view, &t.id).unwrap();
        assert_eq!(cell.text, "0");
        assert!(cell.value);
        assert!(row.cells[0].text.contains("总计"), "{:?}", row.cells[0]);
        // 自然人 is the first value column.
        let first_value = row.cells.iter().position(|c| c.value).unwrap();
        assert_eq!(row.cells[first_value].id, t.id);
        // Its related cells are cells of the table too.
        assert!(!t.related.is_empty());
        for rel in &t.related {
            assert!(find_cell(&view, rel).is_some(), "{rel}");
        }
        // Three tables, six sections as level-2 headings.
        let names: Vec<&str> = view
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table { name, .. } => Some(*name),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["表二", "表三", "表四"]);
        let sections = view
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { level: 2, .. }))
            .count();
        assert_eq!(sections, 6);
        // A sub-heading running into its paragraph stays a paragraph.
        assert!(view.blocks.iter().any(|b| matches!(b,
            Block::Para { lead: Some(l), text, .. }
                if l == "(一) 主动公开情况。" && text.starts_with("一是结合"))));
        // Every finding is placed.
        assert!(view.targets.iter().all(|t| !t.id.is_empty()));
    }

    #[test]
    fn value_cells_line_up_in_the_last_columns() {
        let text = fixture_002();
        let r = nianbao::model::bind(&text, &Default::default());
        let view = build(&r, &[], nianbao::Lang::Zh);
        let Some(Block::Table { width, rows, .. }) = view
            .blocks
            .iter()
            .find(|b| matches!(b, Block::Table { name: "表三", .. }))
        else {
            panic!()
        };
        for row in rows.iter().filter(|r| r.data) {
            let span: usize = row.cells.iter().map(|c| c.colspan).sum();
            assert_eq!(span, *width, "{row:?}");
            let values: Vec<&CellView> = row.cells.iter().filter(|c| c.value).collect();
            assert_eq!(values.len(), 7, "{row:?}");
            assert!(row.cells.ends_with(&row.cells[row.cells.len() - 7..]));
            assert!(row.cells[row.cells.len() - 7..].iter().all(|c| c.value));
        }
        assert!(rows.iter().filter(|r| r.data).count() >= 23);
    }

    #[test]
    fn every_finding_of_the_test_drafts_is_placed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for dir in ["tests/fixtures", "tests/drafts", "examples"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let Ok(bytes) = std::fs::read(e.path()) else {
                    continue;
                };
                let Ok(nianbao::front::Input { text, .. }) =
                    nianbao::front::read(&e.path().to_string_lossy(), &bytes)
                else {
                    continue;
                };
                let r = nianbao::model::bind(&text, &Default::default());
                let diags = lint_report(&r, &LintOptions::default());
                let view = build(&r, &diags, nianbao::Lang::Zh);
                let ids: HashSet<String> = view.blocks.iter().flat_map(ids_of).collect();
                for (d, t) in diags.iter().zip(&view.targets) {
                    assert!(ids.contains(&t.id), "{:?} {}: {}", e.path(), d.rule, t.id);
                    for rel in &t.related {
                        assert!(
                            ids.contains(rel),
                            "{:?} {}: related {rel}",
                            e.path(),
                            d.rule
                        );
                    }
                }
                seen += diags.len();
            }
        }
        assert!(seen > 20, "{seen}");
    }

    fn ids_of(b: &Block) -> Vec<String> {
        match b {
            Block::Heading { id, .. } | Block::Para { id, .. } => vec![id.clone()],
            Block::Table { rows, .. } => rows
                .iter()
                .flat_map(|r| {
                    std::iter::once(r.id.clone()).chain(r.cells.iter().map(|c| c.id.clone()))
                })
                .collect(),
        }
    }

    #[test]
    fn empty_and_odd_documents_do_not_panic() {
        for text in [
            "",
            "\n\n",
            "一、\n|",
            "| a | b |\n|---|---|\n",
            "# x\n\t\t\n",
        ] {
            let r = nianbao::model::bind(text, &Default::default());
            let diags = lint_report(&r, &LintOptions::default());
            let view = build(&r, &diags, nianbao::Lang::Zh);
            assert_eq!(view.targets.len(), diags.len());
        }
    }
}
