//! # row-shape（表格行的单元格数与表格列数不符）
//!
//! ## 作用 What it does
//! 报告表二、表三、表四中单元格个数多于或少于该表列数的行，以及数字挤在一起无法区分的单元格
//! （如 `0 0` 写在同一格）。复制时因合并单元格留下的首尾空白格会先被剔除，只有剔除后仍无法唯一确定
//! 每个数字属于哪一列时才报告。这样的行不参与勾稽关系计算：nianbao 不在猜测的基础上报告 table-sum。
//!
//! Reports a table row with more or fewer values than its table has columns,
//! or values run together so cells cannot be told apart.
//!
//! ## 原因 Why
//! 从 Word 或 PDF 复制表格时常常丢列、多列或把数字粘在一起，数字错位后整张表的含义都会改变。
//!
//! ## 示例 Example
//! ```text
//! 三、本年度办理结果 | (一) 予以公开 | 0 | 0 | 0 | 0 | 0 | 0
//! ```
//! 只有 6 个数值，而表三有 7 列（自然人……总计）。
//!
//! ## 修复 Fix
//! 无自动修复：对照原表补齐或删去多余的单元格，使每行恰有该表的列数。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::Report;
use crate::rules::Meta;

pub const META: Meta = Meta {
    name: "row-shape",
    severity: Severity::Error,
    summary: "表格行的数值个数与列数不符，无法确定各数字所在列",
    summary_en: "a table row has more or fewer values than the table has columns",
};

pub fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    for s in &r.shape_issues {
        let label = if s.label.is_empty() {
            String::new()
        } else {
            format!("“{}”", s.label)
        };
        let msg = if s.run_together {
            Msg::new(
                format!(
                    "{}{label}行中有数字挤在同一单元格内，无法区分各列（应有 {} 个数值）",
                    s.table.zh(),
                    s.expected
                ),
                format!(
                    "{} row {label}: values run together in one cell and cannot be told apart ({} expected)",
                    s.table.en(),
                    s.expected
                ),
            )
        } else {
            Msg::new(
                format!(
                    "{}{label}行有 {} 个数值，应有 {} 个：无法确定各数字对应哪一列",
                    s.table.zh(),
                    s.found,
                    s.expected
                ),
                format!(
                    "{} row {label} has {} values where the table has {} columns: the cells cannot be placed",
                    s.table.en(),
                    s.found,
                    s.expected
                ),
            )
        };
        out.push(Diagnostic::new(META.name, META.severity, s.span, msg));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::run;

    #[test]
    fn fewer_and_more_values() {
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n";
        let f = run(src, "row-shape");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 2);
        assert!(f[0].1.contains("有 6 个数值，应有 7 个"), "{}", f[0].1);
        let t4 = "行政复议\t\t\t\t\t行政诉讼\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        let f = run(t4, "row-shape");
        assert_eq!(f.len(), 1);
        assert!(f[0].1.contains("有 16 个数值，应有 15 个"), "{}", f[0].1);
    }

    #[test]
    fn merged_label_blanks_and_ragged_pipes_are_not_flagged() {
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n\t\t6. 属于四类过程性信息\t\t4\t\t\t\t\t\t4\n规章 | 0 | 0 | 0 | ||\n";
        assert!(run(src, "row-shape").is_empty());
    }

    #[test]
    fn run_together_values() {
        let src = "行政复议\t\t\t\t\t行政诉讼\n0 0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        let f = run(src, "row-shape");
        assert_eq!(f.len(), 1);
        assert!(f[0].1.contains("挤在同一单元格"), "{}", f[0].1);
    }
}
