//! # unreadable-table（表格部分内容未能读取，相关勾稽关系未检查）
//!
//! ## 作用 What it does
//! 每张表至多一条提示：说明哪些行 nianbao 未能读准、哪些文字或数字无法对应到表格的行，
//! 因而这些行涉及的勾稽关系、缺行与空白单元格都没有检查。常见原因：PDF 或网页文本看不见空白单元格；
//! 网页丢失了单元格分隔，数字挤在一起且拆法不唯一（表二各列之间没有勾稽关系，挤在一起的数字一律不拆）；
//! 行标签无法辨认；同一行出现两次；PDF 把一个数字拆到两行，数字多于列数；表中有数字却没有一行能与表格的行对应
//! （此时不报告 `missing-table`：表不是空的，只是没读出）。
//!
//! One note per table: which rows could not be read, which text or numbers
//! could not be placed, and that the relations built on them were not
//! checked.
//!
//! ## 原因 Why
//! 读错一行比不读更糟：在猜测的基础上报告 `table-sum` 或给出“修复”会毁掉正确的数据。
//! 宁可少查，也要让用户知道哪里没有查。
//!
//! ## 示例 Example
//! ```text
//! 行政规范性文件0011
//! ```
//! 三列数字挤成“0011”，可拆为 0|0|11 或其他，表二没有勾稽关系可以判断：该行未读取。
//!
//! ## 修复 Fix
//! 无自动修复。需要检查时，从原始 Word/PDF 重新复制表格（保留制表符或竖线），或把数字用空格分开。
//!
//! ## 有意不报告 Deliberately not flagged
//! 读出的行；草稿本身的列数错误（row-shape）。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::{Report, ShapeKind, Table};
use crate::rules::{Ctx, Meta};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "unreadable-table",
    severity: Severity::Info,
    summary: "表格部分内容未能读取，相关勾稽关系未检查",
    summary_en: "part of a table could not be read; its relations were not checked",
};

fn why(kind: ShapeKind) -> (&'static str, &'static str) {
    match kind {
        ShapeKind::BlanksLost => (
            "数字少于列数，且文本看不出空白单元格在哪一列",
            "fewer numbers than columns and the text cannot show where the blanks are",
        ),
        ShapeKind::DigitsRunTogether => (
            "数字挤在一起，拆分方式不唯一",
            "digits ran together and do not split one way",
        ),
        ShapeKind::Scattered => (
            "数字多于列数，且文本看不出单元格的界线（如 PDF 把一个数字拆到两行）",
            "more numbers than columns and the text shows no cells (a PDF broke a number over two lines)",
        ),
        ShapeKind::Ambiguous => (
            "空白单元格的位置无法唯一确定",
            "the blank cells cannot be placed",
        ),
        ShapeKind::Count | ShapeKind::CellRunTogether => ("列数不符", "wrong number of cells"),
    }
}

fn table_start(r: &Report, table: Table) -> Span {
    let line = match table {
        Table::T2 => r.table2.as_ref().map(|t| t.lines.0),
        Table::T3 => r.table3.as_ref().map(|t| t.lines.0),
        Table::T4 => r.table4.as_ref().map(|t| t.header_line),
    };
    line.and_then(|l| r.doc.lines.get(l))
        .map(|l| l.span)
        .unwrap_or_default()
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    for table in [Table::T2, Table::T3, Table::T4] {
        let Some(unread) = r.unread(table) else {
            continue;
        };
        let rows: Vec<_> = r
            .shape_issues
            .iter()
            .filter(|s| s.table == table && !s.kind.is_defect())
            .collect();
        // Numbers stand in the table but no row was read: not an empty
        // table (missing-table stays silent), an unread one.
        if rows.is_empty() && r.read_nothing(table) {
            if let Some(at) = r.unread_numbers(table) {
                out.push(Diagnostic::new(
                    META.name,
                    META.severity,
                    at,
                    Msg::new(
                        format!(
                            "{}中有数字，但没有一行能与表格的行对应（行标签或表头无法辨认），整张表未读取，其勾稽关系未检查",
                            table.name()
                        ),
                        format!(
                            "{} holds numbers but no row could be matched to the table's rows; the table was not read and its relations were not checked",
                            table.name_en()
                        ),
                    ),
                ));
            }
            continue;
        }
        if rows.is_empty() && unread.unplaced.is_empty() && !unread.scrambled {
            continue;
        }
        if unread.scrambled {
            let anchor = unread
                .unplaced
                .first()
                .map(|u| u.span)
                .unwrap_or_else(|| table_start(r, table));
            out.push(Diagnostic::new(
                META.name,
                META.severity,
                anchor,
                Msg::new(
                    format!(
                        "{}的文字顺序与表格不一致（如从 PDF 按列复制出的文本），各行数字无法与标签对应，整张表未读取，其勾稽关系未检查",
                        table.name()
                    ),
                    format!(
                        "{}: the text does not keep each row's numbers beside its label (a PDF copied column by column); the table was not read and its relations were not checked",
                        table.name_en()
                    ),
                ),
            ));
            continue;
        }
        let mut zh = Vec::new();
        let mut en = Vec::new();
        for s in &rows {
            let (wz, we) = why(s.kind);
            let name = if s.label.is_empty() {
                "数据行".to_string()
            } else {
                format!("“{}”", s.label)
            };
            zh.push(format!("{name}（{wz}）"));
            en.push(format!(
                "{} ({we})",
                if s.label.is_empty() {
                    "the row"
                } else {
                    &s.label
                }
            ));
        }
        let texts = unread.unplaced.iter().filter(|u| !u.values).count();
        let numbers = unread.unplaced.len() - texts;
        let mut tail_zh = String::new();
        let mut tail_en = String::new();
        if !unread.unplaced.is_empty() {
            tail_zh = format!(
                "；另有{}无法对应到表格的行",
                match (texts, numbers) {
                    (0, n) => format!(" {n} 组数字"),
                    (t, 0) => format!(" {t} 处文字"),
                    (t, n) => format!(" {t} 处文字、{n} 组数字"),
                }
            );
            tail_en = format!(
                "; {} piece(s) of text or numbers could not be placed on a row",
                unread.unplaced.len()
            );
        }
        let head_zh = if zh.is_empty() {
            String::new()
        } else {
            format!("未能读取 {} 行：{}", zh.len(), zh.join("、"))
        };
        let head_en = if en.is_empty() {
            String::new()
        } else {
            format!("{} row(s) not read: {}", en.len(), en.join(", "))
        };
        let anchor = rows
            .first()
            .map(|s| s.span)
            .or_else(|| unread.unplaced.first().map(|u| u.span))
            .unwrap_or(Span::default());
        let mut d = Diagnostic::new(
            META.name,
            META.severity,
            anchor,
            Msg::new(
                format!(
                    "{}{head_zh}{tail_zh}。这些行涉及的勾稽关系未检查",
                    table.name(),
                    head_zh = if head_zh.is_empty() {
                        String::new()
                    } else {
                        format!("：{head_zh}")
                    },
                    tail_zh = if head_zh.is_empty() {
                        tail_zh
                            .trim_start_matches('；')
                            .to_string()
                            .replace("另有", "：有")
                    } else {
                        tail_zh
                    },
                ),
                format!(
                    "{}: {head_en}{tail_en}. The relations built on them were not checked",
                    table.name_en()
                ),
            ),
        );
        for s in rows.iter().skip(1) {
            d = d.with_related(
                s.span,
                Msg::new(
                    format!("未能读取：{}", s.label),
                    format!("not read: {}", s.label),
                ),
            );
        }
        for u in &unread.unplaced {
            d = d.with_related(
                u.span,
                Msg::new(
                    if u.values {
                        "无法对应到行的数字"
                    } else {
                        "无法对应到行的文字"
                    },
                    if u.values {
                        "numbers on no row"
                    } else {
                        "text on no row"
                    },
                ),
            );
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;
    use expect_test::expect;

    #[test]
    fn one_note_per_table() {
        let src = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章000行政规范性文件0011\n";
        check(
            src,
            "unreadable-table",
            expect![[r#"
            4:1 info [unreadable-table] 表二（主动公开政府信息情况）：未能读取 2 行：“规章”（数字挤在一起，拆分方式不唯一）、“行政规范性文件”（数字挤在一起，拆分方式不唯一）。这些行涉及的勾稽关系未检查
                related 4:6 未能读取：行政规范性文件
        "#]],
        );
        check(src, "row-shape", expect![[""]]);
    }

    #[test]
    fn clean_tables_say_nothing() {
        let src = crate::template::table4_text(crate::model::Style::Tab, "\n");
        check(&src, "unreadable-table", expect![[""]]);
    }
}
