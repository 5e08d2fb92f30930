//! The blocks as the text the syntax layer reads (a line per paragraph,
//! tab-separated cells, merged cells as the empty cells a copy leaves), with
//! the map from that text back to paragraphs and cells.

use super::document::{Block, ParaXml};
use super::styles::Styles;
use super::{DocxText, Origin, Segment, TableRole, XmlAnchor, XmlMap};
use std::collections::HashMap;

#[derive(Default)]
struct Out {
    text: String,
    map: Vec<Segment>,
    paragraphs: usize,
    roles: Vec<Option<TableRole>>,
    anchors: Vec<(Origin, XmlAnchor)>,
}

/// The first and the last paragraph of a cell (looking into nested tables
/// when the cell starts or ends with one).
fn cell_anchor(blocks: &[Block]) -> Option<XmlAnchor> {
    fn first(blocks: &[Block]) -> Option<ParaXml> {
        blocks.iter().find_map(|b| match b {
            Block::Para(p) => Some(p.xml),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .find_map(|c| first(&c.blocks)),
        })
    }
    fn last(blocks: &[Block]) -> Option<ParaXml> {
        blocks.iter().rev().find_map(|b| match b {
            Block::Para(p) => Some(p.xml),
            Block::Table(t) => t
                .rows
                .iter()
                .rev()
                .flat_map(|r| r.cells.iter().rev())
                .find_map(|c| last(&c.blocks)),
        })
    }
    Some(XmlAnchor {
        first: first(blocks)?,
        last: last(blocks)?,
    })
}

/// The table a Word table's words make it (the schema decides, as for text).
fn role_of_table(text: &str) -> Option<TableRole> {
    crate::schema::Table::of_table_text(text)
}

/// The table a heading just before a table announces.
fn role_of_heading(text: &str) -> Option<TableRole> {
    crate::schema::Table::of_heading(text)
}

/// The text of a cell: its paragraphs joined without separator, nested
/// tables flattened with spaces; no tab or line break survives.
fn cell_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Para(p) => {
                for c in p.text.chars() {
                    match c {
                        '\n' | '\r' => {}
                        '\t' => out.push(' '),
                        c => out.push(c),
                    }
                }
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        if cell.continuation {
                            continue;
                        }
                        let mut s = String::new();
                        cell_text(&cell.blocks, &mut s);
                        let s = s.trim();
                        if !s.is_empty() {
                            if !out.is_empty() && !out.ends_with(' ') {
                                out.push(' ');
                            }
                            out.push_str(s);
                        }
                    }
                }
            }
        }
    }
}

enum Prev {
    None,
    Heading(Option<TableRole>),
    Table(Option<TableRole>),
}

pub(super) fn render(body: &[Block], styles: &Styles) -> DocxText {
    let mut o = Out::default();
    let mut prev = Prev::None;
    for b in body {
        match b {
            Block::Para(p) => {
                let text = p.text.trim_matches(|c| c == '\n' || c == '\r');
                let toc = p.style.as_deref().is_some_and(|s| styles.is_toc(s));
                if text.trim().is_empty() || toc {
                    o.text.push('\n');
                    continue;
                }
                o.paragraphs += 1;
                let level = match p.outline {
                    Some(l) => (l < 9).then_some(l + 1),
                    None => p.style.as_deref().and_then(|s| styles.heading_level(s)),
                };
                let start = o.text.len();
                if let Some(l) = level {
                    o.text.push_str(&"#".repeat(l.min(6) as usize));
                    o.text.push(' ');
                }
                if p.bold_chars > 0 && p.plain_chars == 0 && !text.contains('\n') {
                    o.text.push_str("**");
                    o.text.push_str(text.trim());
                    o.text.push_str("**");
                } else {
                    o.text.push_str(text);
                }
                let origin = Origin::Paragraph {
                    index: o.paragraphs,
                };
                o.map.push(Segment {
                    range: start..o.text.len(),
                    origin,
                });
                o.anchors.push((
                    origin,
                    XmlAnchor {
                        first: p.xml,
                        last: p.xml,
                    },
                ));
                o.text.push('\n');
                prev = Prev::Heading(role_of_heading(text));
            }
            Block::Table(t) => {
                let table = o.roles.len() + 1;
                let first_byte = o.text.len();
                // The cell a vertically merged continuation belongs to, by
                // grid column.
                let mut merged_from: HashMap<usize, XmlAnchor> = HashMap::new();
                for (r, row) in t.rows.iter().enumerate() {
                    let mut col = 1;
                    let mut first = true;
                    let mut cell = |o: &mut Out, content: &str, col: usize| {
                        if !first {
                            o.text.push('\t');
                        }
                        first = false;
                        let start = o.text.len();
                        o.text.push_str(content);
                        o.map.push(Segment {
                            range: start..o.text.len(),
                            origin: Origin::TableCell {
                                table,
                                row: r + 1,
                                col,
                            },
                        });
                    };
                    for _ in 0..row.grid_before {
                        cell(&mut o, "", col);
                        col += 1;
                    }
                    for c in &row.cells {
                        let mut s = String::new();
                        if !c.continuation {
                            cell_text(&c.blocks, &mut s);
                        }
                        let anchor = if c.continuation {
                            merged_from.get(&col).copied()
                        } else {
                            cell_anchor(&c.blocks)
                        };
                        if let Some(a) = anchor {
                            for k in col..col + c.span {
                                merged_from.insert(k, a);
                                o.anchors.push((
                                    Origin::TableCell {
                                        table,
                                        row: r + 1,
                                        col: k,
                                    },
                                    a,
                                ));
                            }
                        }
                        cell(&mut o, &s, col);
                        for _ in 1..c.span {
                            cell(&mut o, "", col);
                        }
                        col += c.span;
                    }
                    o.text.push('\n');
                }
                let own = role_of_table(&o.text[first_byte..]);
                let role = own.or(match prev {
                    Prev::Heading(r) | Prev::Table(r) => r,
                    Prev::None => None,
                });
                o.roles.push(role);
                prev = Prev::Table(role);
            }
        }
    }
    DocxText {
        text: o.text,
        map: o.map,
        tables: o.roles,
        xml: Box::new(XmlMap {
            main_part: String::new(),
            anchors: o.anchors,
        }),
    }
}
