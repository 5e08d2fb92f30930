//! # read-by-arithmetic（数字挤在一起，已按勾稽关系拆分读取）
//!
//! ## 作用 What it does
//! 网页复制常丢失单元格分隔，一行的数字连成一串（如 `5000005` 应为 5|0|0|0|0|0|5）。
//! nianbao 尝试所有拆法（除 0 外不以 0 开头），只接受满足该行总计、再满足全表列关系后**唯一**剩下的拆法，
//! 并以本提示说明该表是“按算术读出”的。数字位数与格数相同等只有**一种**拆法的（如七格下的 `5000000`），
//! 即使拆出后该行总计不成立也照此读出——那是草稿的错，由 `table-sum` 报告。
//! 拆出的单元格可以核对，但任何修复都不会改写它们。
//! 表二各列之间没有勾稽关系，挤在一起的数字不拆（见 `unreadable-table`）。
//!
//! Digits that ran together are cut the one way the row's total and the
//! table's relations allow; this note says the table was read that way.
//!
//! ## 原因 Why
//! 让审核者知道这些数字不是逐格读出的：若原表本身就有错，拆分可能失败，相关行会列为未读取。
//!
//! ## 示例 Example
//! ```text
//! （一）予以公开1000001（二）部分公开…2000002
//! ```
//!
//! ## 修复 Fix
//! 无需修复。要逐格核对，可从原始文件重新复制表格，保留单元格分隔。
//!
//! ## 有意不报告 Deliberately not flagged
//! 拆法不唯一的行（unreadable-table）；表二（没有勾稽关系，不拆）。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::Table;
use crate::rules::{Ctx, Meta};

pub const META: Meta = Meta {
    name: "read-by-arithmetic",
    severity: Severity::Info,
    summary: "表格数字挤在一起，已按勾稽关系唯一拆分读取",
    summary_en: "a table's digits ran together and were cut by its arithmetic",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    for table in [Table::T3, Table::T4] {
        let Some(unread) = r.unread(table) else {
            continue;
        };
        if unread.split_rows == 0 {
            continue;
        }
        let span = match table {
            Table::T3 => r.table3.as_ref().and_then(|t| {
                t.rows
                    .iter()
                    .flatten()
                    .find(|row| row.has_inferred() && !row.cells[0].cell.raw.is_empty())
                    .map(|row| {
                        row.cells[0]
                            .cell
                            .raw
                            .cover(row.cells[row.cells.len() - 1].cell.raw)
                    })
            }),
            _ => r
                .table4
                .as_ref()
                .and_then(|t| t.row.as_ref())
                .and_then(|row| {
                    Some(
                        row.cells
                            .first()?
                            .cell
                            .raw
                            .cover(row.cells.last()?.cell.raw),
                    )
                }),
        };
        let Some(span) = span else {
            continue;
        };
        out.push(Diagnostic::new(
            META.name,
            META.severity,
            span,
            Msg::new(
                format!(
                    "{}有 {} 行数字挤在一起（复制时丢失了单元格分隔），已按各行总计与全表勾稽关系唯一拆分读取",
                    table.name(),
                    unread.split_rows
                ),
                format!(
                    "{}: {} row(s) had their digits run together; they were cut the only way the totals allow",
                    table.name_en(),
                    unread.split_rows
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;
    use expect_test::expect;

    #[test]
    fn run_together_review_row() {
        let src = "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计010010000000000\n";
        check(
            src,
            "read-by-arithmetic",
            expect![[r#"
            1:76 info [read-by-arithmetic] 表四（政府信息公开行政复议、行政诉讼情况）有 1 行数字挤在一起（复制时丢失了单元格分隔），已按各行总计与全表勾稽关系唯一拆分读取
        "#]],
        );
        check(src, "table-sum", expect![[""]]);
        check(src, "row-shape", expect![[""]]);
    }
}
