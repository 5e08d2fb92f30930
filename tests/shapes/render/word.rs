//! A Word document: headings in Chinese Word's heading styles, paragraphs,
//! and real tables with the official merged cells (`gridSpan`, `vMerge`).

use super::{Part, parts};
use crate::shapes::doc::Doc;
use crate::shapes::grid::Grid;
use crate::shapes::word::{Block, Cell, Docx, chinese_word_headings};

fn rows(g: &Grid) -> Vec<Vec<Cell>> {
    (0..g.height)
        .map(|r| {
            let mut row = Vec::new();
            let mut c = 0;
            while c < g.width {
                match g.covering(r, c) {
                    Some(cell) => {
                        let mut x = if cell.row == r {
                            let x = Cell::new(&cell.text);
                            if cell.rowspan > 1 { x.restart() } else { x }
                        } else {
                            Cell::cont()
                        };
                        x = x.span(cell.colspan);
                        row.push(x);
                        c += cell.colspan;
                    }
                    None => {
                        row.push(Cell::new(""));
                        c += 1;
                    }
                }
            }
            row
        })
        .collect()
}

/// Column widths in twips, as the template's tables have them on an A4
/// page: label columns wide enough for 8–16 characters, value columns narrow.
fn widths(g: &Grid) -> Vec<usize> {
    match g.width {
        // Table 三: 三、 | （三） | numbered label | seven values.
        10 => [600, 900, 2200].into_iter().chain([780; 7]).collect(),
        // Table 四: fifteen values.
        15 => vec![600; 15],
        // Table 二, 2019 and 2021.
        5 => vec![1800; 5],
        n => std::iter::once(2400)
            .chain(std::iter::repeat_n(2200, n - 1))
            .collect(),
    }
}

pub fn render(doc: &Doc) -> Vec<u8> {
    let blocks = parts(doc)
        .iter()
        .map(|p| match p {
            Part::Heading(level, t) => Block::styled(&level.to_string(), t),
            Part::Para(t) => Block::para(t),
            Part::Table(g) => Block::SizedTable(widths(g), rows(g)),
        })
        .collect();
    Docx {
        blocks,
        styles: chinese_word_headings(),
        ..Docx::default()
    }
    .to_bytes()
}
