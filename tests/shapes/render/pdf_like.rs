//! Text as a PDF extractor gives it: paragraphs wrapped, table labels wrapped
//! at 8–16 characters with the row's numbers on the first, the last or a
//! line of their own, merged group labels written one character per line
//! between the rows they span (or in pieces glued to the front of their
//! sub-rows: `（四）无 1.本机关不掌握… 52 3 …` then `法提供 2.…`), column
//! headers broken into fragments, and page footers (`- 5 -`, `— 5 —`,
//! `第 5 页`) wherever a page ended, at least once inside every long table.
//! Some extractions lose a table's column headers altogether; numbered
//! labels come as `1.`, `1、`, `1．` or `（1）`.

use super::{Part, parts};
use crate::shapes::doc::Doc;
use crate::shapes::grid::{GCell, Grid, Kind};
use crate::shapes::rng::Rng;

fn chunks(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(width.max(1))
        .map(|c| c.iter().collect())
        .collect()
}

/// `1.` as the draft's numbering style has it (`1、`, `1．`, `（1）`).
fn numbering(label: &str, style: &str) -> String {
    let digits = label.chars().take_while(|c| c.is_ascii_digit()).count();
    match label[digits..].strip_prefix('.') {
        Some(rest) if digits > 0 && style == "（）" => format!("（{}）{rest}", &label[..digits]),
        Some(rest) if digits > 0 => format!("{}{style}{rest}", &label[..digits]),
        _ => label.to_string(),
    }
}

/// Stands for "a page ends here" until [`with_footers`] numbers the pages.
const PAGE_END: &str = "\u{0}page end";

pub fn render(doc: &Doc) -> String {
    let mut rng = Rng::for_name(&doc.name, 0x9df);
    let mut lines: Vec<String> = Vec::new();
    for p in parts(doc) {
        match &p {
            Part::Heading(_, t) => lines.push(t.to_string()),
            Part::Para(t) => {
                let width = rng.range(30, 40);
                lines.extend(chunks(t, width));
            }
            Part::Table(g) => lines.extend(table(g, &mut rng)),
        }
    }
    with_footers(lines, &mut rng).join("\n") + "\n"
}

/// A page footer every 28–45 lines and wherever a table marked a page end.
fn with_footers(lines: Vec<String>, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    let mut page = 1;
    let mut since = 0;
    let mut height = rng.range(28, 45);
    for l in lines {
        let marked = l == PAGE_END;
        if marked || since == height {
            let footer = match rng.range(0, 2) {
                0 => format!("- {page} -"),
                1 => format!("— {page} —"),
                _ => format!("第 {page} 页"),
            };
            if rng.chance(50) {
                out.push(String::new());
            }
            out.push(footer);
            page += 1;
            since = 0;
            height = rng.range(28, 45);
        }
        if !marked {
            out.push(l);
            since += 1;
        }
    }
    out
}

fn table(g: &Grid, rng: &mut Rng) -> Vec<String> {
    // Some extractions lose the column headers altogether.
    let mut out = if g.header_rows > 0 && rng.chance(20) {
        Vec::new()
    } else {
        header_lines(g, rng)
    };
    let style = *rng.pick(&[".", ".", "、", "．", "（）"]);
    // The lines of each grid row: its labels wrapped, its numbers placed.
    let mut rows: Vec<Vec<String>> = (g.header_rows..g.height)
        .map(|r| row_lines(g, r, style, rng))
        .collect();
    let mut groups: Vec<&GCell> = g.cells.iter().filter(|c| c.kind == Kind::Group).collect();
    // Inner groups first, so an outer label's characters come before them.
    groups.sort_by_key(|c| std::cmp::Reverse(c.col));
    for cell in groups {
        let first = cell.row - g.header_rows;
        let span = &mut rows[first..first + cell.rowspan];
        if rng.chance(50) {
            one_char_per_line(&cell.text, span);
        } else {
            pieces_in_front(&cell.text, span, rng);
        }
    }
    // Every table of some height is cut by a page end somewhere.
    if rows.len() > 4 {
        let at = rng.range(1, rows.len() - 1);
        let pos = rng.range(0, rows[at].len());
        rows[at].insert(pos, PAGE_END.to_string());
    }
    out.extend(rows.into_iter().flatten());
    out
}

/// Header rows with every cell broken into pieces of 1–4 characters; the
/// n-th pieces of all cells make the n-th line.
fn header_lines(g: &Grid, rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    for r in 0..g.height {
        let cells: Vec<&GCell> = g.row(r).collect();
        if !cells
            .iter()
            .all(|c| matches!(c.kind, Kind::Header | Kind::BlockHeader))
        {
            continue;
        }
        if r >= g.header_rows {
            // Table 二's block and column headers sit between its rows.
            continue;
        }
        let width = rng.range(1, 4);
        let pieces: Vec<Vec<String>> = cells
            .iter()
            .map(|c| {
                let w = if c.text.chars().count() > 12 {
                    rng.range(8, 16)
                } else {
                    width
                };
                chunks(&c.text, w)
            })
            .collect();
        let depth = pieces.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..depth {
            let line: Vec<&str> = pieces
                .iter()
                .filter_map(|p| p.get(i).map(String::as_str))
                .collect();
            out.push(line.join(" "));
        }
    }
    out
}

fn row_lines(g: &Grid, r: usize, style: &str, rng: &mut Rng) -> Vec<String> {
    let cells: Vec<&GCell> = g.row(r).filter(|c| c.kind != Kind::Group).collect();
    if cells
        .iter()
        .all(|c| matches!(c.kind, Kind::Header | Kind::BlockHeader))
    {
        // Table 二: a block header or a column-header row.
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        return vec![texts.join(" ")];
    }
    let label: String = cells
        .iter()
        .filter(|c| c.kind == Kind::Label)
        .map(|c| numbering(&c.text, style))
        .collect();
    let values: Vec<&str> = cells
        .iter()
        .filter(|c| c.kind == Kind::Value && !c.text.is_empty())
        .map(|c| c.text.as_str())
        .collect();
    let values = values.join(" ");
    let mut lines = if label.is_empty() {
        Vec::new()
    } else {
        chunks(&label, rng.range(8, 16))
    };
    if values.is_empty() {
        return lines;
    }
    match (lines.len(), rng.range(0, 2)) {
        (0, _) | (_, 2) => lines.push(values),
        (_, 0) => lines[0] = format!("{} {values}", lines[0]),
        _ => {
            let last = lines.len() - 1;
            lines[last] = format!("{} {values}", lines[last]);
        }
    }
    lines
}

/// A vertical merged label: one character per line, spread over the rows.
fn one_char_per_line(label: &str, rows: &mut [Vec<String>]) {
    let chars: Vec<char> = label.chars().collect();
    let n = rows.len().max(1);
    for (i, c) in chars.iter().enumerate().rev() {
        let at = i * n / chars.len().max(1);
        rows[at.min(n - 1)].insert(0, c.to_string());
    }
}

/// A merged label in pieces glued to the front of its first sub-rows.
fn pieces_in_front(label: &str, rows: &mut [Vec<String>], rng: &mut Rng) {
    let n = label.chars().count();
    let width = rng.range(2, 4).max(n.div_ceil(rows.len().max(1)));
    for (row, piece) in rows.iter_mut().zip(chunks(label, width)) {
        match row.first_mut() {
            Some(first) => *first = format!("{piece} {first}"),
            None => row.push(piece),
        }
    }
}
