//! # row-shape（表格行的数值个数与列数不符）
//!
//! ## 作用 What it does
//! 报告表二、表三、表四中单元格明确分开（制表符、竖线、Word 表格）却多于或少于该表列数的行，
//! 以及两个数字写在同一个单元格里（如 `0 0`）的行。复制时因合并单元格留下的首尾空白格会先被剔除，
//! 只有剔除后仍不符才报告。这样的行不参与勾稽关系计算：nianbao 不在猜测的基础上报告 table-sum。
//!
//! 用空格对齐的打字表格也算单元格明确分开：表头在一行里写出了每一列（表四的十五列），或表中其他各行都写满了
//! 七个数值，而某行少了几个数字（数字之间分开、没有挤在一起），这是草稿本身没填完，报告少了几个。
//!
//! Reports a table row whose cells are explicit (tabs, pipes, Word) but
//! more or fewer than the table's columns, or two numbers in one cell.
//! Rows that only the rendering makes unreadable are `unreadable-table`.
//!
//! ## 原因 Why
//! 从 Word 或 PDF 复制表格时常常丢列、多列或把数字粘在一起，数字错位后整张表的含义都会改变。
//!
//! ## 示例 Example
//! ```text
//! 三、本年度办理结果 | (一) 予以公开 | 0 | 0 | 0 | 0 | 0 | 0
//! ```
//! 只有 6 个数值，而表三有 7 列（自然人……总计）：少了 1 个，无法确定缺的是哪一列。
//!
//! ## 修复 Fix
//! 无自动修复：对照原表补齐或删去多余的单元格，使每行恰有该表的列数。
//!
//! ## 有意不报告 Deliberately not flagged
//! 合并单元格在行首尾留下的空格，只要剔除后读法唯一，或能按表头的列位置读出；PDF 或网页文本中看不见空白单元格、
//! 数字挤在一起、PDF 把一个数字拆到两行而多出数字等只因复制形态而“读不出”的行——那不是草稿的错，
//! 由 unreadable-table（提示级）说明哪些行未能读取。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::ShapeKind;
use crate::rules::{Ctx, Meta};

pub const META: Meta = Meta {
    name: "row-shape",
    severity: Severity::Error,
    summary: "表格行的数值个数与列数不符，无法确定各数字所在列",
    summary_en: "a table row has more or fewer values than the table has columns",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in r.shape_issues.iter().filter(|s| s.kind.is_defect()) {
        // Concatenated, not formatted: a PDF copy can give a dozen of these.
        let (label, label_en) = if s.label.is_empty() {
            ("数据".to_string(), "of numbers".to_string())
        } else {
            let quoted = ["“", s.label.as_str(), "”"].concat();
            (quoted.clone(), quoted)
        };
        let (n, want) = (s.found, s.expected);
        let msg = match s.kind {
            ShapeKind::CellRunTogether => Msg::new(
                format!(
                    "{}{label}行有两个数字写在同一单元格内，无法区分各列（应有 {want} 个数值）",
                    s.table.name()
                ),
                format!(
                    "{} row {label_en}: two numbers share one cell and cannot be told apart ({want} expected)",
                    s.table.name_en()
                ),
            ),
            _ if n < want => Msg::new(
                format!(
                    "{}{label}行只有 {n} 个数值，应有 {want} 个（少了 {} 个）：无法确定缺的是哪一列",
                    s.table.name(),
                    want - n
                ),
                format!(
                    "{} row {label_en} has {n} values where the table has {want} columns ({} missing): which column lacks one cannot be told",
                    s.table.name_en(),
                    want - n
                ),
            ),
            _ => Msg::new(
                format!(
                    "{}{label}行有 {n} 个数值，比表格的 {want} 列多了 {} 个：无法确定各数字对应哪一列",
                    s.table.name(),
                    n.saturating_sub(want)
                ),
                format!(
                    "{} row {label_en} has {n} values, {} more than the table's {want} columns: the cells cannot be placed",
                    s.table.name_en(),
                    n.saturating_sub(want)
                ),
            ),
        };
        out.push(Diagnostic::new(META.name, META.severity, s.span, msg));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;
    use expect_test::expect;

    #[test]
    fn fewer_and_more_values() {
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n";
        check(
            src,
            "row-shape",
            expect![[r#"
            2:1 error [row-shape] 表三（收到和处理政府信息公开申请情况）“一、本年新收政府信息公开申请数量”行只有 6 个数值，应有 7 个（少了 1 个）：无法确定缺的是哪一列
        "#]],
        );
        let t4 = "行政复议\t\t\t\t\t行政诉讼\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        check(
            t4,
            "row-shape",
            expect![[r#"
            2:1 error [row-shape] 表四（政府信息公开行政复议、行政诉讼情况）数据行有 16 个数值，比表格的 15 列多了 1 个：无法确定各数字对应哪一列
        "#]],
        );
    }

    #[test]
    fn merged_label_blanks_and_ragged_pipes_are_not_flagged() {
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n\t\t6. 属于四类过程性信息\t\t4\t\t\t\t\t\t4\n规章 | 0 | 0 | 0 | ||\n";
        check(src, "row-shape", expect![[""]]);
    }

    #[test]
    fn two_numbers_in_one_cell() {
        let src = "行政复议\t\t\t\t\t行政诉讼\n0 0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        check(
            src,
            "row-shape",
            expect![[r#"
            2:1 error [row-shape] 表四（政府信息公开行政复议、行政诉讼情况）数据行有两个数字写在同一单元格内，无法区分各列（应有 15 个数值）
        "#]],
        );
    }

    #[test]
    fn rows_the_rendering_hides_are_not_row_shape() {
        // PDF text cannot show blank cells; web text runs digits together.
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n一、本年新收政府信息公开申请数量 4 4\n二、上年结转政府信息公开申请数量0011\n";
        check(src, "row-shape", expect![[""]]);
        check(
            src,
            "unreadable-table",
            expect![[r#"
            2:1 info [unreadable-table] 表三（收到和处理政府信息公开申请情况）：未能读取 2 行：“一、本年新收政府信息公开申请数量”（数字少于列数，且文本看不出空白单元格在哪一列）、“二、上年结转政府信息公开申请数量”（数字少于列数，且文本看不出空白单元格在哪一列）。这些行涉及的勾稽关系未检查
                related 3:1 未能读取：二、上年结转政府信息公开申请数量
        "#]],
        );
    }
}
