//! Markdown as PDF-to-Markdown converters write a table that runs over
//! pages (issue 22, class 3): each table cut into pieces, each piece its own
//! pipe or HTML table; the pieces after the first under an invented header
//! (`数据1 | 数据2 | …`, `类别 | … | 总计`) or the official header row copied
//! again, sometimes that header row copied into the middle of a piece, a
//! caption before a piece (`**表三（续）**`), and table 四 written one group
//! at a time (行政复议, 未经复议直接起诉, 复议后起诉), each a five-column table
//! with its own header.

use super::{Part, grid_row, parts};
use crate::shapes::doc::Doc;
use crate::shapes::grid::{Grid, T4_RESULTS};
use crate::shapes::rng::Rng;

pub fn render(doc: &Doc) -> String {
    let mut rng = Rng::for_name(&doc.name, 0x5b);
    let mut out: Vec<String> = Vec::new();
    for p in parts(doc) {
        match &p {
            Part::Heading(1, t) => out.push(format!("# {t}")),
            Part::Heading(_, t) => out.push(format!("## {t}")),
            Part::Para(t) => out.push(t.to_string()),
            Part::Table(g) if g.width == 15 => out.extend(by_group(g, &mut rng)),
            Part::Table(g) => out.extend(pieces(g, &mut rng)),
        }
        out.push(String::new());
    }
    out.join("\n")
}

/// How a table is named in a caption over one of its pieces.
fn name(g: &Grid) -> &'static str {
    if g.width == 10 { "表三" } else { "表二" }
}

fn pipe(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn html(rows: &[Vec<String>], header: Option<&[String]>) -> String {
    let mut out = String::from("<table>");
    if let Some(h) = header {
        out.push_str("<tr>");
        for c in h {
            out.push_str(&format!("<th>{c}</th>"));
        }
        out.push_str("</tr>");
    }
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            out.push_str(&format!("<td>{c}</td>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// One piece as a pipe table (a header and its rule, then the rows) or an
/// HTML table.
fn piece(header: Vec<String>, rows: Vec<Vec<String>>, as_html: bool) -> Vec<String> {
    if as_html {
        return vec![html(&rows, Some(&header))];
    }
    let mut lines = vec![pipe(&header), format!("|{}", " --- |".repeat(header.len()))];
    lines.extend(rows.iter().map(|r| pipe(r)));
    lines
}

/// A header a converter makes up for a piece it could not read the header of.
fn invented(width: usize, rng: &mut Rng) -> Vec<String> {
    if rng.chance(50) {
        (1..=width).map(|i| format!("数据{i}")).collect()
    } else {
        let mut h = vec!["类别".to_string()];
        h.extend((1..width.saturating_sub(1)).map(|i| format!("数据{i}")));
        h.push("总计".into());
        h
    }
}

fn pieces(g: &Grid, rng: &mut Rng) -> Vec<String> {
    let first_data = g.header_rows;
    let n = g.height - first_data;
    // Two or three pieces, each with at least two rows.
    let mut cuts: Vec<usize> = (0..rng.range(1, 2))
        .filter(|_| n >= 6)
        .map(|_| first_data + rng.range(2, n - 3))
        .collect();
    cuts.sort();
    cuts.dedup();
    let as_html = rng.chance(30);
    let mut out = Vec::new();
    let mut start = 0;
    for (k, end) in cuts.iter().copied().chain([g.height]).enumerate() {
        let (header, body): (Vec<String>, Vec<usize>) = if k == 0 {
            // The official header rows: the first as the table's header.
            let head = if g.header_rows > 0 {
                grid_row(g, 0)
            } else {
                grid_row(g, start)
            };
            let from = if g.header_rows > 0 { 1 } else { start + 1 };
            (head, (from..end).collect())
        } else if g.header_rows > 0 && rng.chance(30) {
            (grid_row(g, g.header_rows - 1), (start..end).collect())
        } else {
            (invented(g.width, rng), (start..end).collect())
        };
        start = end;
        if k > 0 {
            match rng.range(0, 2) {
                0 => out.push(format!("**{}（续）**", name(g))),
                1 => out.push(format!("{}（续表）", name(g))),
                _ => {}
            }
            out.push(String::new());
        }
        let mut rows: Vec<Vec<String>> = body.iter().map(|&r| grid_row(g, r)).collect();
        // The official header row again, among the rows of a later piece.
        if k > 0 && g.header_rows > 0 && rows.len() > 2 && rng.chance(40) {
            let at = rng.range(1, rows.len() - 1);
            rows.insert(at, grid_row(g, g.header_rows - 1));
        }
        out.extend(piece(header, rows, as_html && k > 0));
        out.push(String::new());
    }
    out.pop();
    out
}

/// Table 四 one group at a time: three five-column tables.
fn by_group(g: &Grid, rng: &mut Rng) -> Vec<String> {
    let values = grid_row(g, g.height - 1);
    let results: Vec<String> = T4_RESULTS.iter().map(|s| s.to_string()).collect();
    let titles = [
        ["行政复议", "行政复议"],
        ["行政诉讼（未经复议直接起诉）", "未经复议直接起诉"],
        ["行政诉讼（复议后起诉）", "复议后起诉"],
    ];
    let as_html = rng.chance(30);
    let mut out = Vec::new();
    for (k, title) in titles.iter().enumerate() {
        let title = title[rng.range(0, 1)];
        let row = values[k * 5..k * 5 + 5].to_vec();
        if rng.chance(50) {
            // The group's name over the table, its results as the header.
            out.push(format!("**{title}**"));
            out.push(String::new());
            out.extend(piece(results.clone(), vec![row], as_html));
        } else {
            let mut head = vec![title.to_string()];
            head.extend(std::iter::repeat_n(String::new(), 4));
            out.extend(piece(head, vec![results.clone(), row], as_html));
        }
        out.push(String::new());
    }
    out.pop();
    out
}
