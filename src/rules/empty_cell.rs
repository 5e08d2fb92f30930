//! # empty-cell（表格中应填数字的单元格为空）
//!
//! ## 作用 What it does
//! 报告表二、表三、表四数据行中空白的单元格（或写成“/”“-”“—”“无”的单元格），每行报告一次并列出各列。
//! 计算勾稽关系时空白加数按 0 计；总计单元格为空的关系不检查。
//!
//! Reports blank cells (or `/`, `-`, `—`, `无`) where a number belongs, once
//! per row, naming the columns.
//!
//! ## 原因 Why
//! 官方未规定 0 是否必须写出，但空白无法与漏填区分；审核时通常要求写 0。
//!
//! ## 示例 Example
//! ```text
//! 二、上年结转政府信息公开申请数量
//! ```
//!
//! ## 修复 Fix
//! 把该行空白单元格填为 0。这是推定，属于不安全修复（`--unsafe-fixes`；编辑器中可直接选用，
//! 也可一次填满整张表）。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::{BoundRow, Report, Value};
use crate::rules::Meta;
use crate::schema::{TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS};
use crate::syntax::Separator;

pub const META: Meta = Meta {
    name: "empty-cell",
    severity: Severity::Warning,
    summary: "表格中应填数字的单元格为空",
    summary_en: "a table cell where a number belongs is blank",
};

/// The edit that fills a blank cell, in the row's own style: 0, or for the
/// 总计 column of table 三 the row's sum (so the fix keeps the sums true).
pub fn fill_zero(r: &Report, row: &BoundRow, col: usize) -> Option<Edit> {
    let c = row.cells.get(col)?;
    if !c.value.is_blankish() {
        return None;
    }
    let is_t3_row = r.table3.as_ref().is_some_and(|t| {
        t.rows
            .get(row.def)
            .and_then(|x| x.as_ref())
            .is_some_and(|x| x.line == row.line)
    });
    let value = if is_t3_row && col == crate::schema::T3_TOTAL_COL {
        row.cells[..col]
            .iter()
            .try_fold(0i64, |acc, c| c.value.addend().map(|v| acc + v))?
    } else {
        0
    };
    let sep = r.doc.lines[row.line].sep;
    Some(if c.cell.is_blank() && sep == Separator::Pipe {
        Edit {
            span: c.cell.raw,
            text: format!(" {value} "),
        }
    } else {
        Edit {
            span: c.cell.content,
            text: value.to_string(),
        }
    })
}

/// `label` names the row; it is only built for rows with blanks (most
/// rows have none, and this runs on every keystroke in the editor).
fn report_row(
    r: &Report,
    row: &BoundRow,
    label: impl FnOnce() -> String,
    names: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    if !row.cells.iter().any(|c| c.value.is_blankish()) {
        return;
    }
    let label = label();
    let blanks: Vec<usize> = (0..row.cells.len())
        .filter(|&i| row.cells[i].value.is_blankish())
        .collect();
    let cols: Vec<&str> = blanks
        .iter()
        .filter_map(|&i| names.get(i).copied())
        .collect();
    let markers = blanks.iter().any(|&i| row.cells[i].value == Value::Marker);
    let edits: Vec<Edit> = blanks
        .iter()
        .filter_map(|&i| fill_zero(r, row, i))
        .collect();
    let span = if row.label.is_empty() {
        r.doc.lines[row.line].span
    } else {
        row.label
    };
    let what = if markers {
        "为空或以符号代替数字"
    } else {
        "为空"
    };
    let list = if cols.len() == names.len() {
        "全部单元格".to_string()
    } else {
        format!("“{}”列", cols.join("”“"))
    };
    out.push(
        Diagnostic::new(
            META.name,
            META.severity,
            span,
            Msg::new(
                format!("{label}{list}{what}，应填写数字（无则填 0）"),
                format!(
                    "{label}: {} blank where a number belongs (write 0 for none)",
                    if cols.len() == names.len() {
                        "all cells".to_string()
                    } else {
                        format!("columns {}", cols.join(", "))
                    }
                ),
            ),
        )
        .with_fix(Fix::unsafe_(
            Msg::new(
                format!("将本行 {} 个空单元格填为 0（总计填本行之和）", edits.len()),
                format!("fill the row's {} blank cells with 0", edits.len()),
            ),
            edits,
        )),
    );
}

pub fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    if let Some(t) = &r.table3 {
        let names: Vec<&str> = TABLE3_COLUMNS.iter().map(|c| c.label).collect();
        for row in t.rows.iter().flatten() {
            report_row(
                r,
                row,
                || format!("表三“{}”行", TABLE3_ROWS[row.def].full_label()),
                &names,
                out,
            );
        }
    }
    if let Some(row) = r.table4.as_ref().and_then(|t| t.row.as_ref()) {
        report_row(r, row, || "表四".to_string(), &TABLE4_COLUMNS, out);
    }
    for (block, def) in r.table2_blocks() {
        let names: Vec<&str> = def.columns.iter().map(|c| c.0).collect();
        for row in &block.rows {
            report_row(
                r,
                row,
                || format!("表二“{}”行", def.rows[row.def]),
                &names,
                out,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{fixed, run};

    #[test]
    fn blank_row_is_reported_once_and_filled() {
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n一、本年新收政府信息公开申请数量\t4\t\t\t\t\t\t4\n二、上年结转政府信息公开申请数量\t\t\t\t\t\t\t\n";
        let f = run(src, "empty-cell");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[1].1.contains("全部单元格为空"), "{}", f[1].1);
        let out = fixed(src, "empty-cell");
        assert!(out.contains("数量\t4\t0\t0\t0\t0\t0\t4\n"), "{out}");
        assert!(
            out.contains("二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0"),
            "{out}"
        );
        assert!(run(&out, "empty-cell").is_empty());
    }

    #[test]
    fn pipe_blanks_and_markers() {
        let src = "行政复议 | | | | | 行政诉讼 |\n| 0 | / | 0 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
        let f = run(src, "empty-cell");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("符号"), "{}", f[0].1);
        let out = fixed(src, "empty-cell");
        assert!(out.contains("| 0 | 0 | 0 | 0 | 0 |"), "{out}");
    }

    #[test]
    fn full_rows_are_clean() {
        let src = crate::template::table4_text(crate::model::Style::Tab, "\n");
        assert!(run(&src, "empty-cell").is_empty());
    }
}
