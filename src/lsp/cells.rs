//! The bound value cells of a report's tables, with their names, for hovers
//! and inlay hints.

use nianbao::model::{BoundCell, BoundRow, Report, Table};
use nianbao::schema::CellRef;
use nianbao::text::Span;

pub struct Located<'r> {
    pub table: Table,
    /// The cell as the arithmetic knows it (tables 三 and 四 only).
    pub cref: Option<CellRef>,
    pub column: &'static str,
    pub row: &'r BoundRow,
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
    r.tables()
        .iter()
        .flat_map(|t| {
            t.cells().map(|c| Located {
                table: t.table,
                cref: c.cref,
                column: c.column,
                row: c.row,
                cell: c.cell,
                line: c.row.line,
            })
        })
        .collect()
}

/// The value cell under a byte offset.
pub fn cell_at<'r>(r: &'r Report, offset: usize) -> Option<Located<'r>> {
    all_cells(r).into_iter().find(|c| {
        let s = c.hit_span();
        s.start <= offset && offset <= s.end
    })
}
