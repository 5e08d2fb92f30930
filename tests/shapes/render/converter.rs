//! Markdown as PDF-to-Markdown converters write it: one table cut into
//! several pipe tables at page breaks, continuation pieces under invented
//! headers (`类别 | 数据1 | 数据2 | … | 总计`, `项目 | 本年新收件数 | …`) and
//! with the official column-header row repeated among the data, a group
//! label merged into the neighbouring label cell, empty `| |` cells, and
//! sometimes ASCII parentheses in the labels.

use super::{Part, grid_row, parts};
use crate::shapes::doc::Doc;
use crate::shapes::grid::{Grid, Kind};
use crate::shapes::rng::Rng;

pub fn render(doc: &Doc) -> String {
    let mut rng = Rng::for_name(&doc.name, 0xc0);
    let mut out: Vec<String> = Vec::new();
    for p in parts(doc) {
        match &p {
            Part::Heading(1, t) => out.push(format!("# {t}")),
            Part::Heading(2, t) => out.push(format!("## {t}")),
            Part::Heading(_, t) => out.push(format!("**{t}**")),
            Part::Para(t) => out.push(t.to_string()),
            Part::Table(g) => out.extend(table(g, &mut rng)),
        }
        out.push(String::new());
    }
    out.join("\n")
}

fn pipe(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn invented_header(width: usize, rng: &mut Rng) -> Vec<String> {
    let mut h = vec![(*rng.pick(&["类别", "项目", ""])).to_string()];
    if rng.chance(50) {
        h.extend((1..width.saturating_sub(1)).map(|i| format!("数据{i}")));
        h.push("总计".into());
    } else {
        let words = ["本年新收件数", "上年结转件数", "办理结果", "备注"];
        h.extend((1..width).map(|i| words.get(i - 1).copied().unwrap_or("").to_string()));
    }
    h
}

/// A row's cells on the full grid, a group label sometimes merged into the
/// label cell beside it, sometimes an extra empty cell at the end.
fn row_cells(g: &Grid, r: usize, rng: &mut Rng) -> Vec<String> {
    let mut cells = grid_row(g, r);
    let group_here = g.row(r).any(|c| c.kind == Kind::Group);
    if group_here && rng.chance(50) {
        let labels: Vec<usize> = (0..cells.len().min(3))
            .filter(|&i| !cells[i].is_empty())
            .collect();
        if let [a, .., b] = labels[..] {
            let merged = format!("{} {}", cells[a], cells[b]);
            cells[a] = merged;
            cells.remove(b);
        }
    }
    if rng.chance(15) {
        cells.push(String::new());
    }
    cells
}

/// Some converters write ASCII parentheses: `(三)不予公开`.
fn ascii_parens(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| l.replace('（', "(").replace('）', ")"))
        .collect()
}

fn table(g: &Grid, rng: &mut Rng) -> Vec<String> {
    let lines = pieces(g, rng);
    if rng.chance(40) {
        ascii_parens(lines)
    } else {
        lines
    }
}

fn pieces(g: &Grid, rng: &mut Rng) -> Vec<String> {
    let body: Vec<usize> = (0..g.height).collect();
    // Page breaks inside the data rows.
    let data_start = g.header_rows.max(1);
    let mut cuts: Vec<usize> = (0..rng.range(1, 2))
        .filter(|_| g.height > data_start + 4)
        .map(|_| rng.range(data_start + 2, g.height - 2))
        .collect();
    cuts.sort();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for (piece, end) in cuts.iter().copied().chain([g.height]).enumerate() {
        let rows = &body[start..end];
        start = end;
        if rows.is_empty() {
            continue;
        }
        let mut lines = Vec::new();
        let (header, data) = if piece == 0 {
            (row_cells(g, rows[0], rng), &rows[1..])
        } else {
            (invented_header(g.width, rng), rows)
        };
        lines.push(pipe(&header));
        lines.push(format!("|{}", " --- |".repeat(header.len())));
        // The official column-header row, repeated on the new page, at its
        // top or among its rows.
        let repeat_at = (piece > 0 && g.header_rows > 0 && rng.chance(70))
            .then(|| rng.range(0, data.len().saturating_sub(1)));
        for (i, &r) in data.iter().enumerate() {
            if repeat_at == Some(i) {
                lines.push(pipe(&grid_row(g, g.header_rows - 1)));
            }
            lines.push(pipe(&row_cells(g, r, rng)));
        }
        out.extend(lines);
        out.push(String::new());
    }
    out.pop();
    out
}
