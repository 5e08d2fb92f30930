//! The bound report's tables as the adapters show them: one official table
//! after another with its kind, its lines and its cells, so that the
//! outline, the hovers and hints and the checking page do not each walk the
//! three table types (and each decide again where a table starts).
//!
//! Plain views over the [`Report`]: nothing is read or copied here.

use super::report::{BoundCell, BoundRow, Report, Table, Unread};
use crate::schema::{self, CellRef, Table2Block, Version};

/// The lines a table takes, its header lines included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lines {
    pub first: usize,
    /// The last line the table's reader took as the table's (inclusive).
    pub last: usize,
}

impl Lines {
    pub fn contains(self, line: usize) -> bool {
        (self.first..=self.last).contains(&line)
    }
}

/// One official table as the reader read it.
#[derive(Debug, Clone)]
pub struct TableView<'r> {
    pub table: Table,
    pub lines: Lines,
    /// The format the table is read in: 表二's when its header shows it,
    /// 表三's always (its header's, else the report's), none for 表四 (one
    /// layout in both formats).
    pub version: Option<Version>,
    /// The rows read, in the table's order: 表二 block by block, 表三's rows
    /// then the subtotals printed on its group lines, 表四's one row.
    pub rows: Vec<RowView<'r>>,
    /// What the reader could not read of it.
    pub unread: &'r Unread,
}

impl<'r> TableView<'r> {
    /// True when something in the table could not be placed: a row absent
    /// here may then be in the text, so nothing may be built on its absence.
    pub fn partly_unread(&self) -> bool {
        !self.unread.unplaced.is_empty() || self.unread.scrambled
    }

    /// Every value cell of the table, row after row.
    pub fn cells(&self) -> impl Iterator<Item = CellView<'r>> + '_ {
        self.rows.iter().flat_map(RowView::cells)
    }
}

/// Which row of its table a bound row is.
#[derive(Debug, Clone, Copy)]
pub enum RowOf {
    /// A row of a 表二 block (its index in the block is `BoundRow::def`).
    Table2(&'static Table2Block),
    /// A row of 表三 (`BoundRow::def` indexes [`schema::TABLE3_ROWS`]).
    Table3,
    /// Numbers printed on a group label line of 表三 （三）…（六）: a
    /// subtotal of the group's rows.
    Subtotal(u32),
    /// 表四's row.
    Table4,
}

/// A bound row with what it is.
#[derive(Debug, Clone, Copy)]
pub struct RowView<'r> {
    pub of: RowOf,
    pub row: &'r BoundRow,
}

impl<'r> RowView<'r> {
    /// The row's value cells with their names.
    pub fn cells(&self) -> impl Iterator<Item = CellView<'r>> + 'r {
        let of = self.of;
        let row = self.row;
        row.cells.iter().enumerate().map(move |(col, cell)| {
            let (column, cref) = match of {
                RowOf::Table2(block) => (block.columns.get(col).map(|c| c.0), None),
                RowOf::Table3 => (
                    schema::TABLE3_COLUMNS.get(col).map(|c| c.label),
                    Some(CellRef::T3 { row: row.def, col }),
                ),
                RowOf::Subtotal(group) => (
                    schema::TABLE3_COLUMNS.get(col).map(|c| c.label),
                    Some(CellRef::subtotal(group, col)),
                ),
                RowOf::Table4 => (
                    schema::TABLE4_COLUMNS.get(col).copied(),
                    Some(CellRef::T4 { col }),
                ),
            };
            CellView {
                row,
                cell,
                column: column.unwrap_or(""),
                cref,
            }
        })
    }
}

/// A value cell of a bound row.
#[derive(Debug, Clone, Copy)]
pub struct CellView<'r> {
    pub row: &'r BoundRow,
    /// Its span, value and whether it was inferred.
    pub cell: &'r BoundCell,
    /// The official name of its column (empty for a cell beyond them).
    pub column: &'static str,
    /// The cell as the arithmetic knows it (tables 三 and 四 only).
    pub cref: Option<CellRef>,
}

impl<'a> Report<'a> {
    /// The tables found, in the order they stand in the text (ties in the
    /// official order 二, 三, 四).
    pub fn tables(&self) -> Vec<TableView<'_>> {
        let mut out = Vec::with_capacity(3);
        if let Some(t) = &self.table2 {
            out.push(TableView {
                table: Table::T2,
                lines: Lines {
                    first: t.lines.0,
                    last: t.lines.1,
                },
                version: t.version,
                rows: self
                    .table2_blocks()
                    .flat_map(|(block, def)| {
                        block.rows.iter().map(move |row| RowView {
                            of: RowOf::Table2(def),
                            row,
                        })
                    })
                    .collect(),
                unread: &t.unread,
            });
        }
        if let Some(t) = &self.table3 {
            let rows = t.rows.iter().flatten().map(|row| RowView {
                of: RowOf::Table3,
                row,
            });
            let subtotals = t.subtotals.iter().map(|(group, row)| RowView {
                of: RowOf::Subtotal(*group),
                row,
            });
            out.push(TableView {
                table: Table::T3,
                lines: Lines {
                    first: t.lines.0,
                    last: t.lines.1,
                },
                version: Some(t.version),
                rows: rows.chain(subtotals).collect(),
                unread: &t.unread,
            });
        }
        if let Some(t) = &self.table4 {
            out.push(TableView {
                table: Table::T4,
                lines: Lines {
                    first: t.header_line.min(t.lines.0),
                    last: t.lines.1,
                },
                version: None,
                rows: t
                    .row
                    .iter()
                    .map(|row| RowView {
                        of: RowOf::Table4,
                        row,
                    })
                    .collect(),
                unread: &t.unread,
            });
        }
        out.sort_by_key(|t| t.lines.first);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Options, bind};
    use expect_test::expect;

    /// Every table of `text` as the view gives it: kind, lines, version,
    /// whether partly unread, then each row with its cells' names.
    fn show(text: &str) -> String {
        let r = bind(text, &Options::default());
        let mut out = String::new();
        for t in r.tables() {
            out.push_str(&format!(
                "{} lines {}-{} version {:?} partly unread {}\n",
                t.table.short(),
                t.lines.first + 1,
                t.lines.last + 1,
                t.version.map(|v| v.label()),
                t.partly_unread(),
            ));
            for row in &t.rows {
                let of = match row.of {
                    RowOf::Table2(b) => format!("block {}", b.item),
                    RowOf::Table3 => "row".into(),
                    RowOf::Subtotal(g) => format!("subtotal {g}"),
                    RowOf::Table4 => "row".into(),
                };
                let cells: Vec<String> = row
                    .cells()
                    .map(|c| {
                        let at = match c.cref {
                            Some(CellRef::T3 { row, col }) => format!("@{row}.{col}"),
                            Some(CellRef::T4 { col }) => format!("@{col}"),
                            None => String::new(),
                        };
                        format!("{}={}{at}", c.column, r.text(c.cell.cell.content))
                    })
                    .collect();
                out.push_str(&format!(
                    "  L{} {of} {}: {}\n",
                    row.row.line + 1,
                    r.text(row.row.label),
                    cells.join(" ")
                ));
            }
        }
        out
    }

    const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    #[test]
    fn tables_in_text_order_with_rows_cells_and_names() {
        // 表四 before 表三, a subtotal printed on a group line of 表三.
        let text = format!(
            "二、主动公开政府信息情况\n\
             第二十条第（一）项\n\
             信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
             规章\t1\t0\t2\n\
             行政规范性文件\t0\t0\t11\n\
             四、政府信息公开行政复议、行政诉讼情况\n\
             行政复议\t\t\t\t\t行政诉讼\n\
             结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n\
             0\t1\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n\
             三、收到和处理政府信息公开申请情况\n\
             {NOTE}\t申请人情况\n\
             \t自然人\t法人或其他组织\n\
             一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4\n\
             （三）不予公开\t1\t0\t0\t0\t0\t0\t1\n\
             1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n\
             （七）总计\t4\t0\t0\t0\t0\t0\t4\n"
        );
        expect![[r#"
            表二 lines 2-5 version Some("2021") partly unread false
              L4 block 1 规章: 本年制发件数=1 本年废止件数=0 现行有效件数=2
              L5 block 1 行政规范性文件: 本年制发件数=0 本年废止件数=0 现行有效件数=11
            表四 lines 7-9 version None partly unread false
              L9 row : 行政复议·结果维持=0@0 行政复议·结果纠正=1@1 行政复议·其他结果=0@2 行政复议·尚未审结=0@3 行政复议·总计=1@4 行政诉讼·未经复议直接起诉·结果维持=0@5 行政诉讼·未经复议直接起诉·结果纠正=0@6 行政诉讼·未经复议直接起诉·其他结果=0@7 行政诉讼·未经复议直接起诉·尚未审结=0@8 行政诉讼·未经复议直接起诉·总计=0@9 行政诉讼·复议后起诉·结果维持=0@10 行政诉讼·复议后起诉·结果纠正=0@11 行政诉讼·复议后起诉·其他结果=0@12 行政诉讼·复议后起诉·尚未审结=0@13 行政诉讼·复议后起诉·总计=0@14
            表三 lines 11-16 version Some("2021") partly unread false
              L13 row 一、本年新收政府信息公开申请数量: 自然人=4@0.0 商业企业=0@0.1 科研机构=0@0.2 社会公益组织=0@0.3 法律服务机构=0@0.4 其他=0@0.5 总计=4@0.6
              L15 row 1.属于国家秘密: 自然人=1@6.0 商业企业=0@6.1 科研机构=0@6.2 社会公益组织=0@6.3 法律服务机构=0@6.4 其他=0@6.5 总计=1@6.6
              L16 row （七）总计: 自然人=4@29.0 商业企业=0@29.1 科研机构=0@29.2 社会公益组织=0@29.3 法律服务机构=0@29.4 其他=0@29.5 总计=4@29.6
              L14 subtotal 3 （三）不予公开: 自然人=1@34.0 商业企业=0@34.1 科研机构=0@34.2 社会公益组织=0@34.3 法律服务机构=0@34.4 其他=0@34.5 总计=1@34.6
        "#]].assert_eq(&show(&text));
    }

    #[test]
    fn no_tables_no_views() {
        assert!(
            bind("一、总体情况\n无。\n", &Options::default())
                .tables()
                .is_empty()
        );
    }
}
