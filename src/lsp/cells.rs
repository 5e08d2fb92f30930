//! The bound value cells of a report's tables, with their names, for hovers
//! and inlay hints.

use nianbao::arith;
use nianbao::model::{BoundCell, BoundRow, Report, Table};
use nianbao::schema::{CellRef, TABLE3_COLUMNS, TABLE4_COLUMNS};
use nianbao::text::Span;

pub struct Located<'r> {
    pub table: Table,
    /// The cell as the arithmetic knows it (tables 三 and 四 only).
    pub cref: Option<CellRef>,
    pub column: &'static str,
    pub row: Option<&'r BoundRow>,
    pub cell: &'r BoundCell,
    pub line: usize,
}

impl Located<'_> {
    /// The span a cursor must be in (inclusive end) to be on this cell.
    pub fn hit_span(&self) -> Span {
        if self.cell.cell.is_blank() {
            self.cell.cell.raw
        } else {
            self.cell.cell.content
        }
    }
}

/// Every bound value cell of tables 二, 三 (rows and printed subtotals) and 四.
pub fn all_cells<'r>(r: &'r Report) -> Vec<Located<'r>> {
    let mut out = Vec::new();
    for (block, def) in r.table2_blocks() {
        for row in &block.rows {
            for (col, cell) in row.cells.iter().enumerate() {
                out.push(Located {
                    table: Table::T2,
                    cref: None,
                    column: def.columns.get(col).map(|c| c.0).unwrap_or(""),
                    row: Some(row),
                    cell,
                    line: row.line,
                });
            }
        }
    }
    if let Some(t3) = &r.table3 {
        let rows = t3
            .rows
            .iter()
            .flatten()
            .map(|row| (row, None))
            .chain(t3.subtotals.iter().map(|(g, row)| (row, Some(*g))));
        for (row, group) in rows {
            for (col, cell) in row.cells.iter().enumerate() {
                let cref = match group {
                    Some(g) => arith::subtotal_cell(g, col),
                    None => CellRef::T3 { row: row.def, col },
                };
                out.push(Located {
                    table: Table::T3,
                    cref: Some(cref),
                    column: TABLE3_COLUMNS.get(col).map(|c| c.label).unwrap_or(""),
                    row: Some(row),
                    cell,
                    line: row.line,
                });
            }
        }
    }
    if let Some(row) = r.table4.as_ref().and_then(|t| t.row.as_ref()) {
        for (col, cell) in row.cells.iter().enumerate() {
            out.push(Located {
                table: Table::T4,
                cref: Some(CellRef::T4 { col }),
                column: TABLE4_COLUMNS.get(col).copied().unwrap_or(""),
                row: Some(row),
                cell,
                line: row.line,
            });
        }
    }
    out
}

/// The value cell under a byte offset.
pub fn cell_at<'r>(r: &'r Report, offset: usize) -> Option<Located<'r>> {
    all_cells(r).into_iter().find(|c| {
        let s = c.hit_span();
        s.start <= offset && offset <= s.end
    })
}
