//! From a group of value tokens to a row's cells: blanks that copying left
//! at the ends are dropped only when the reading is unique; what cannot be
//! read is said, with why.

use super::report::{BoundCell, ShapeKind};
use super::stream::{Tok, TokKind};
use super::value::parse_value;
use crate::schema::ValueKind;
use crate::syntax::Cell;

pub fn cell_of(tok: &Tok) -> Cell {
    Cell {
        raw: tok.raw,
        content: tok.span,
    }
}

/// Why a group could not be read directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    Shape(ShapeKind, usize),
    /// Fewer tokens than columns, but some may hold several numbers run
    /// together: the caller may try cutting them.
    MaybeRunTogether,
}

/// Reads a group as the row's `kinds.len()` cells.
pub fn read_group(
    src: &str,
    toks: &[Tok],
    kinds: &[ValueKind],
) -> Result<Vec<BoundCell>, Unreadable> {
    let n = kinds.len();
    let text = |t: &Tok| src.get(t.span.range()).unwrap_or("");
    let values = toks.iter().filter(|t| t.kind == TokKind::Value).count();
    if toks.iter().any(|t| {
        t.kind == TokKind::Value
            && !t.glued
            && text(t)
                .split(crate::text::is_space)
                .filter(|p| !p.is_empty())
                .count()
                > 1
    }) {
        return Err(Unreadable::Shape(ShapeKind::CellRunTogether, values));
    }
    let cells: Vec<Cell> = toks.iter().map(cell_of).collect();
    if cells.len() == n {
        return Ok(bound(src, cells, kinds));
    }
    if cells.len() < n {
        let glued = toks.iter().any(|t| t.glued);
        return Err(if glued {
            Unreadable::MaybeRunTogether
        } else {
            Unreadable::Shape(ShapeKind::Count, values)
        });
    }
    let Some(cells) = normalize_values(&cells, n) else {
        let kind = if values > n {
            ShapeKind::Count
        } else {
            ShapeKind::Ambiguous
        };
        return Err(Unreadable::Shape(kind, values));
    };
    Ok(bound(src, cells, kinds))
}

fn bound(src: &str, cells: Vec<Cell>, kinds: &[ValueKind]) -> Vec<BoundCell> {
    cells
        .into_iter()
        .zip(kinds)
        .map(|(cell, kind)| BoundCell {
            value: parse_value(src.get(cell.content.range()).unwrap_or(""), *kind),
            cell,
            inferred: false,
        })
        .collect()
}

/// `n` blank cells at `at` for a row with no numbers, where the rendering
/// shows none: read as blank, never written into by a fix.
pub fn blank_cells(at: usize, n: usize) -> Vec<BoundCell> {
    let empty = crate::text::Span::empty(at);
    (0..n)
        .map(|_| BoundCell {
            cell: Cell {
                raw: empty,
                content: empty,
            },
            value: super::value::Value::Blank,
            inferred: true,
        })
        .collect()
}

/// Chooses which `n` of a row's value cells are real, dropping blank cells
/// that copying left at the ends (merged label cells, ragged trailing `|`).
/// Returns `None` when the reading is not unique.
pub fn normalize_values(cells: &[Cell], n: usize) -> Option<Vec<Cell>> {
    if cells.len() < n {
        return None;
    }
    if cells.len() == n {
        return Some(cells.to_vec());
    }
    let trim = |trailing_first: bool| -> Vec<Cell> {
        let mut v = cells.to_vec();
        let mut excess = v.len() - n;
        let pass = |v: &mut Vec<Cell>, from_end: bool, excess: &mut usize| {
            while *excess > 0 {
                let idx = if from_end { v.len() - 1 } else { 0 };
                if v[idx].is_blank() {
                    v.remove(idx);
                    *excess -= 1;
                } else {
                    break;
                }
            }
        };
        pass(&mut v, trailing_first, &mut excess);
        pass(&mut v, !trailing_first, &mut excess);
        v
    };
    let a = trim(true);
    let b = trim(false);
    let same = a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x.is_blank() == y.is_blank() && (x.is_blank() || x.content == y.content));
    if !same {
        return None;
    }
    let mut v = a;
    if v.len() == n {
        return Some(v);
    }
    // Interior blanks: unique only if they form a single run.
    let blank_idx: Vec<usize> = (0..v.len()).filter(|&i| v[i].is_blank()).collect();
    let excess = v.len() - n;
    if blank_idx.len() >= excess && blank_idx.windows(2).all(|w| w[1] == w[0] + 1) {
        let last = *blank_idx.last()?;
        for k in 0..excess {
            v.remove(last - k);
        }
        return Some(v);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax;

    #[test]
    fn merged_label_blanks_are_dropped_only_when_unique() {
        let doc =
            syntax::parse("\t4\t\t\t\t\t\t4\n\t4\t\t\t\t\t\t\t4\n\t1\t0\t0\t0\t0\t0\t\n1\t\t0\n");
        let pick = |line: usize, n: usize| {
            normalize_values(&doc.lines[line].cells, n).map(|v| {
                v.iter()
                    .map(|c| doc.text(c.content).to_string())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(pick(0, 7).unwrap(), ["4", "", "", "", "", "", "4"]);
        assert_eq!(pick(1, 7).unwrap(), ["4", "", "", "", "", "", "4"]);
        assert_eq!(pick(2, 7), None, "leading or trailing blank: not unique");
        assert_eq!(pick(3, 2).unwrap(), ["1", "0"]);
        assert_eq!(pick(3, 4), None);
    }
}
