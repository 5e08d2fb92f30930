//! Line-based renderings: Word copy (tabs), Markdown pipes, PDF text with
//! padded columns, HTML tables as tab-separated text, and web text that
//! lost its line breaks (with spaces between cells, or run together).

use super::{Part, grid_row, parts, word_row};
use crate::shapes::doc::Doc;
use crate::shapes::grid::Grid;
use unicode_width::UnicodeWidthStr;

fn prose(out: &mut Vec<String>, p: &Part, markdown: bool) {
    match p {
        Part::Heading(level, t) if markdown => {
            out.push(format!("{} {t}", "#".repeat(*level as usize)))
        }
        Part::Heading(_, t) | Part::Para(t) => out.push(t.to_string()),
        Part::Table(_) => {}
    }
}

fn lines_of(doc: &Doc, markdown: bool, table: &dyn Fn(&Grid) -> Vec<String>) -> String {
    let mut out = Vec::new();
    for p in parts(doc) {
        match &p {
            Part::Table(g) => out.extend(table(g)),
            _ => prose(&mut out, &p, markdown),
        }
        if markdown {
            out.push(String::new());
        }
    }
    out.join("\n") + "\n"
}

/// Copied out of Word: tab-separated cells, a merged cell once, a cell
/// merged from above as a blank; a group label and its first sub-row's label
/// on one line.
pub fn tab(doc: &Doc) -> String {
    lines_of(doc, false, &|g| {
        (0..g.height).map(|r| word_row(g, r).join("\t")).collect()
    })
}

/// An HTML table copied as tab-separated text: every grid position once.
pub fn html_tsv(doc: &Doc) -> String {
    lines_of(doc, false, &|g| {
        (0..g.height).map(|r| grid_row(g, r).join("\t")).collect()
    })
}

/// Markdown with pipe tables on the full grid, a rule under the first row.
pub fn pipe(doc: &Doc) -> String {
    lines_of(doc, true, &|g| {
        let mut rows = Vec::new();
        for r in 0..g.height {
            rows.push(format!("| {} |", grid_row(g, r).join(" | ")));
            if r == 0 {
                rows.push(format!("|{}", " --- |".repeat(g.width)));
            }
        }
        rows
    })
}

/// PDF text as `pdftotext -layout` gives it: each cell at its column's
/// offset, padded with spaces; merged and blank cells leave only spaces.
pub fn spaces(doc: &Doc) -> String {
    lines_of(doc, false, &layout)
}

fn layout(g: &Grid) -> Vec<String> {
    let mut widths = vec![2usize; g.width];
    for c in g.cells.iter().filter(|c| c.colspan == 1) {
        widths[c.col] = widths[c.col].max(c.text.width());
    }
    let offsets: Vec<usize> = widths
        .iter()
        .scan(0, |acc, w| {
            let at = *acc;
            *acc += w + 3;
            Some(at)
        })
        .collect();
    (0..g.height)
        .map(|r| {
            let mut line = String::new();
            for cell in g.row(r) {
                let used = line.width();
                let at = offsets[cell.col].max(if used == 0 { 0 } else { used + 2 });
                line.push_str(&" ".repeat(at - used));
                line.push_str(&cell.text);
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The cells of a table in reading order, blanks dropped.
fn cell_texts(g: &Grid) -> Vec<&str> {
    g.cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect()
}

/// A web page that lost its line breaks but keeps a space between cells
/// and blocks.
pub fn oneline_spaces(doc: &Doc) -> String {
    let mut out: Vec<String> = Vec::new();
    for p in parts(doc) {
        match &p {
            Part::Table(g) => out.push(cell_texts(g).join(" ")),
            _ => prose(&mut out, &p, false),
        }
    }
    out.join(" ") + "\n"
}

/// A web page whose text was taken without any separator (like R1): blocks
/// and headings glued, table cells concatenated; a space only before and
/// after a table, as R1 has.
pub fn oneline_glued(doc: &Doc) -> String {
    let mut out = String::new();
    for p in parts(doc) {
        match &p {
            Part::Table(g) => {
                out.push(' ');
                out.push_str(&cell_texts(g).concat());
                out.push(' ');
            }
            Part::Heading(_, t) | Part::Para(t) => out.push_str(t),
        }
    }
    out.trim().to_string() + "\n"
}
