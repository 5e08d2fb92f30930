//! # invalid-number（单元格不是有效数字）
//!
//! ## 作用 What it does
//! 报告表格数据单元格中不是数字的内容（如 `X`、`十`、`1件2件`），件数列中的小数，以及件数不可能为负
//! 的列中的负数。表二“本年增/减”可以为负；“采购总金额”“本年收费金额”可带小数和单位（元、万元）。
//!
//! Reports a cell that is not a number, a decimal where a count belongs, or
//! a negative count where a count cannot be negative.
//!
//! ## 原因 Why
//! 非数字内容无法参与勾稽关系核对，往往是占位符或录入错误。
//!
//! ## 示例 Example
//! ```text
//! 行政许可 | X | 0 | 0
//! ```
//!
//! ## 修复 Fix
//! 无自动修复：填写正确的非负整数。
//!
//! ## 有意不报告 Deliberately not flagged
//! “本年增/减”的负数；金额列（采购总金额、收费金额）的小数和单位（元、万元）。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::{BoundRow, Report, Value};
use crate::rules::{Ctx, Meta};
use crate::schema::{TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, ValueKind};

pub const META: Meta = Meta {
    name: "invalid-number",
    severity: Severity::Error,
    summary: "单元格不是有效数字，或件数为负",
    summary_en: "a cell is not a valid number, or a count is negative",
};

/// `label` names the row in a message; made only for a cell with a problem
/// (most rows have none, and this runs on every keystroke).
fn check_row(
    r: &Report,
    row: &BoundRow,
    label: &dyn Fn() -> String,
    cols: &[(&str, ValueKind)],
    out: &mut Vec<Diagnostic>,
) {
    for (i, c) in row.cells.iter().enumerate() {
        let Some((name, kind)) = cols.get(i) else {
            continue;
        };
        let text = r.text(c.cell.content);
        let problem = match (&c.value, kind) {
            (Value::Invalid, _) => Some(("不是数字", "is not a number")),
            (Value::Amount(_), ValueKind::Count | ValueKind::SignedCount) => {
                Some(("应为整数件数", "must be a whole count"))
            }
            (Value::Int(n), ValueKind::Count) if *n < 0 => {
                Some(("件数不能为负", "a count cannot be negative"))
            }
            (Value::Amount(x), ValueKind::Money) if *x < 0.0 => {
                Some(("金额不能为负", "an amount cannot be negative"))
            }
            (Value::Int(n), ValueKind::Money) if *n < 0 => {
                Some(("金额不能为负", "an amount cannot be negative"))
            }
            _ => None,
        };
        if let Some((zh, en)) = problem {
            let label = label();
            out.push(Diagnostic::new(
                META.name,
                META.severity,
                c.cell.content,
                Msg::new(
                    format!("{label}“{name}”列的“{text}”{zh}"),
                    format!("{label}, column “{name}”: “{text}” {en}"),
                ),
            ));
        }
    }
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    if let Some(t) = &r.table3 {
        let cols: Vec<(&str, ValueKind)> = TABLE3_COLUMNS
            .iter()
            .map(|c| (c.label, ValueKind::Count))
            .collect();
        for row in t
            .rows
            .iter()
            .flatten()
            .chain(t.subtotals.iter().map(|(_, r)| r))
        {
            check_row(
                r,
                row,
                &|| format!("表三“{}”行", TABLE3_ROWS[row.def].full_label()),
                &cols,
                out,
            );
        }
    }
    if let Some(row) = r.table4.as_ref().and_then(|t| t.row.as_ref()) {
        let cols: Vec<(&str, ValueKind)> = TABLE4_COLUMNS
            .iter()
            .map(|c| (*c, ValueKind::Count))
            .collect();
        check_row(r, row, &|| "表四".to_string(), &cols, out);
    }
    for (block, def) in r.table2_blocks() {
        for row in &block.rows {
            check_row(
                r,
                row,
                &|| format!("表二“{}”行", def.rows[row.def]),
                def.columns,
                out,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;
    use expect_test::expect;

    /// -3 in 本年增/减 is legal, -1 in 处理决定数量 is not.
    #[test]
    fn letters_decimals_and_negatives() {
        let src = "第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\tX\t-3\t-1\n其他对外管理服务事项\t1.5\t0\t0\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t7\t3168.0656(万元)\n";
        check(
            src,
            "invalid-number",
            expect![[r#"
            3:6 error [invalid-number] 表二“行政许可”行“上一年项目数量”列的“X”不是数字
            3:11 error [invalid-number] 表二“行政许可”行“处理决定数量”列的“-1”件数不能为负
            4:12 error [invalid-number] 表二“其他对外管理服务事项”行“上一年项目数量”列的“1.5”应为整数件数
        "#]],
        );
    }
}
