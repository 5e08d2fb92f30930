//! Renderings of a canonical document, as reports really reach a linter.
//! Each is a pure function of the document (random choices come from a
//! generator seeded by the document's name), so a failure can be replayed
//! and inspected (`NIANBAO_SHAPES_WRITE=1` writes them to target/shapes/).

mod converter;
mod html;
mod lines;
mod pdf_like;
mod portal;
mod split;
mod word;

use super::doc::{Block, Doc};
use super::grid::{Grid, grid};

pub enum Output {
    Text(String),
    Docx(Vec<u8>),
    /// A saved web page (read by the HTML front end).
    Html(Vec<u8>),
}

pub struct Rendering {
    pub name: &'static str,
    /// Cells concatenated with no separator: only tables whose digits split
    /// one way can be read.
    pub run_together: bool,
    pub render: fn(&Doc) -> Output,
}

macro_rules! text {
    ($f:path) => {
        |d: &Doc| Output::Text($f(d))
    };
}

pub const RENDERINGS: &[Rendering] = &[
    Rendering {
        name: "tab",
        run_together: false,
        render: text!(lines::tab),
    },
    Rendering {
        name: "pipe",
        run_together: false,
        render: text!(lines::pipe),
    },
    Rendering {
        name: "spaces",
        run_together: false,
        render: text!(lines::spaces),
    },
    Rendering {
        name: "oneline-spaces",
        run_together: false,
        render: text!(lines::oneline_spaces),
    },
    Rendering {
        name: "oneline-glued",
        run_together: true,
        render: text!(lines::oneline_glued),
    },
    Rendering {
        name: "pdf-like",
        run_together: false,
        render: text!(pdf_like::render),
    },
    Rendering {
        name: "converter-md",
        run_together: false,
        render: text!(converter::render),
    },
    Rendering {
        name: "converter-html",
        run_together: false,
        render: text!(html::render),
    },
    Rendering {
        name: "converter-split",
        run_together: false,
        render: text!(split::render),
    },
    Rendering {
        name: "html-tsv",
        run_together: false,
        render: text!(lines::html_tsv),
    },
    Rendering {
        name: "docx",
        run_together: false,
        render: |d: &Doc| Output::Docx(word::render(d)),
    },
    Rendering {
        name: "portal",
        run_together: false,
        render: |d: &Doc| Output::Html(portal::render(d)),
    },
];

/// A block of the document with its table laid out.
pub enum Part<'a> {
    Heading(u8, &'a str),
    Para(&'a str),
    Table(Grid),
}

pub fn parts(doc: &Doc) -> Vec<Part<'_>> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Heading(l, t) => Part::Heading(*l, t),
            Block::Para(t) => Part::Para(t),
            Block::Table(t) => Part::Table(grid(t)),
        })
        .collect()
}

/// The cells of grid row `r` as a copy out of Word gives them: a cell
/// spanning columns once, a cell merged from the row above as one blank.
pub fn word_row(g: &Grid, r: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut c = 0;
    while c < g.width {
        match g.covering(r, c) {
            Some(cell) if cell.row == r => {
                out.push(cell.text.clone());
                c += cell.colspan;
            }
            Some(cell) => {
                out.push(String::new());
                c += cell.colspan;
            }
            None => {
                out.push(String::new());
                c += 1;
            }
        }
    }
    out
}

/// The cells of grid row `r` on the full grid: every position once, the
/// text at a merged cell's top-left corner, blanks elsewhere (HTML tables
/// copied as tab-separated text, converter Markdown).
pub fn grid_row(g: &Grid, r: usize) -> Vec<String> {
    (0..g.width)
        .map(|c| match g.covering(r, c) {
            Some(cell) if cell.row == r && cell.col == c => cell.text.clone(),
            _ => String::new(),
        })
        .collect()
}
