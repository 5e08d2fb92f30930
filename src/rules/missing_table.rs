//! # missing-table（缺少统计表，或表格没有数字）
//!
//! ## 作用 What it does
//! 报告缺少的三张统计表之一（表二 主动公开政府信息情况、表三 收到和处理政府信息公开申请情况、
//! 表四 政府信息公开行政复议、行政诉讼情况），以及只有表头、没有任何数字的表格。
//!
//! 只在文本确实没有时才说“缺少”“没有数字”：表格的专有词语（错一个字、字间有空格也算）在文中，
//! 表就在；表的范围里有数字却一行也没读出，是“未能读取”（`unreadable-table` 提示），不是没有数字；
//! 读出的空白行是行，其空白由 `empty-cell` 报告。
//!
//! Reports a required table that is absent, or present without numbers,
//! only where the text lacks them: a table whose numbers are there but
//! unread is `unreadable-table`.
//!
//! ## 原因 Why
//! 三张表是年报的法定内容（条例第五十条）；只有表头的表格等于没有报告。
//!
//! ## 示例 Example
//! 表四只有“行政复议 / 行政诉讼”表头，没有数据行。
//!
//! ## 修复 Fix
//! 插入该报告格式版本（2019 或 2021）的整张官方表格，或为只有表头的表四补上一行 0，沿用文档的表格风格。
//! 填 0 是推定，属于不安全修复。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::{Report, Style, Table};
use crate::rules::{Ctx, Meta};
use crate::template;
use crate::text::Span;

pub const META: Meta = Meta {
    name: "missing-table",
    severity: Severity::Error,
    summary: "缺少统计表，或表格没有数字",
    summary_en: "a required table is absent or has no numbers",
};

fn doc_style(r: &Report) -> Style {
    if let Some(t) = &r.table3 {
        return t.style;
    }
    if let Some(t) = &r.table4 {
        return t.style;
    }
    if r.doc
        .lines
        .iter()
        .any(|l| l.sep == crate::syntax::Separator::Pipe)
    {
        Style::Pipe
    } else {
        Style::Tab
    }
}

fn table_words_present(r: &Report, id: Table) -> bool {
    let norm: Vec<char> = crate::schema::normalize_label(r.doc.source)
        .chars()
        .collect();
    id.named_in(&norm)
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    if !r.looks_like_report {
        return;
    }
    let nl = r.newline();
    let style = doc_style(r);
    let tables = [
        (Table::T2, 2u32, r.table2.is_some()),
        (Table::T3, 3, r.table3.is_some()),
        (Table::T4, 4, r.table4.is_some()),
    ];
    for (id, section, present) in tables {
        // Words only the table has: it is there, though it could not be read.
        if present || table_words_present(r, id) {
            continue;
        }
        let text = match id {
            Table::T2 => template::table2_text(r.version, style, nl),
            Table::T3 => template::table3_text(r.version, style, nl),
            Table::T4 => template::table4_text(style, nl),
        };
        // Where it belongs: after its section's heading, else at the end.
        let (anchor, at) = match r.section(section) {
            Some(h) => (h.span, Span::empty(h.span.end)),
            None => {
                let last = r.last_text_line();
                (last, Span::empty(last.end))
            }
        };
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                anchor,
                Msg::new(
                    format!("缺少{}", id.name()),
                    format!("{} is missing", id.name_en()),
                ),
            )
            .with_fix(Fix::unsafe_(
                Msg::new(
                    format!(
                        "插入{} {} 格式的官方表格（全部填 0）",
                        id.name(),
                        r.version.label()
                    ),
                    format!(
                        "insert the official {} ({} format) with zeros",
                        id.name_en(),
                        r.version.label()
                    ),
                ),
                vec![Edit {
                    span: at,
                    text: format!("{nl}{nl}{text}{nl}"),
                }],
            )),
        );
    }
    // A table found that read nothing is empty only when no number stands
    // in its region; else it is unread (unreadable-table says so).
    let empty = |t: Table| r.read_nothing(t) && r.unread_numbers(t).is_none();
    if let Some(t4) = &r.table4
        && empty(Table::T4)
    {
        let last = r.doc.lines[t4.lines.1].span;
        let zeros = template::table4_text(t4.style, nl);
        let data = zeros.rsplit(nl).next().unwrap_or("").to_string();
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                r.doc.lines[t4.header_line].span,
                Msg::new(
                    format!("{}只有表头，没有数据行", Table::T4.name()),
                    format!("{} has a header but no row of numbers", Table::T4.name_en()),
                ),
            )
            .with_fix(Fix::unsafe_(
                Msg::new("补上一行 0", "add a row of zeros"),
                vec![Edit {
                    span: Span::empty(last.end),
                    text: format!("{nl}{data}"),
                }],
            )),
        );
    }
    // Rows read blank are rows: empty-cell reports their blanks.
    if let Some(t3) = &r.table3
        && empty(Table::T3)
    {
        out.push(Diagnostic::new(
            META.name,
            META.severity,
            r.doc.lines[t3.lines.0].span,
            Msg::new(
                format!("{}没有任何数字", Table::T3.name()),
                format!("{} has no numbers", Table::T3.name_en()),
            ),
        ));
    }
    // Rows found but not read are rows: the table is there.
    if let Some(t2) = &r.table2
        && empty(Table::T2)
    {
        out.push(Diagnostic::new(
            META.name,
            META.severity,
            r.doc.lines[t2.lines.0].span,
            Msg::new(
                format!("{}没有任何数据行", Table::T2.name()),
                format!("{} has no data rows", Table::T2.name_en()),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{fixed, run};

    #[test]
    fn header_without_numbers() {
        let src = "一、总体情况\n政府信息公开工作年度报告\n行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\n五、存在的主要问题及改进情况\n";
        let f = run(src, "missing-table");
        assert!(
            f.iter().any(|(l, m)| *l == 3 && m.contains("只有表头")),
            "{f:?}"
        );
        let out = fixed(src, "missing-table");
        assert!(out.contains("复议后起诉\n0\t0\t0"), "{out}");
        assert!(
            !run(&out, "missing-table")
                .iter()
                .any(|(_, m)| m.contains("只有表头"))
        );
    }

    #[test]
    fn absent_tables_are_inserted_under_their_heading() {
        let src = "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n";
        let f = run(src, "missing-table");
        assert_eq!(f.len(), 3, "{f:?}");
        let out = fixed(src, "missing-table");
        assert!(
            run(&out, "missing-table").is_empty(),
            "{:?}",
            run(&out, "missing-table")
        );
        assert!(out.contains("本年制发件数"), "2021 format: {out}");
        assert!(
            run(&out, "missing-row").is_empty(),
            "{:?}",
            run(&out, "missing-row")
        );
        assert!(run(&out, "table-sum").is_empty());
    }

    #[test]
    fn review_table_with_group_headers_on_their_own_lines() {
        let src = "某局2020年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n";
        assert!(
            !run(src, "missing-table")
                .iter()
                .any(|(_, m)| m.contains("表四")),
            "{:?}",
            run(src, "missing-table")
        );
        assert!(run(src, "row-shape").is_empty());
        assert!(run(src, "table-sum").is_empty());
        let bad = src.replace("1 0 0 0 1 0", "1 0 0 0 2 0");
        assert_eq!(run(&bad, "table-sum").len(), 1);
    }

    #[test]
    fn table_two_without_its_block_headers() {
        let full = crate::template::table2_text(
            crate::schema::Version::V2019,
            crate::model::Style::Tab,
            "\n",
        );
        let headless: String = full
            .lines()
            .filter(|l| !l.starts_with("第二十条"))
            .map(|l| format!("{l}\n"))
            .collect();
        let src = format!(
            "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n{headless}三、收到和处理政府信息公开申请情况\n"
        );
        assert!(
            !run(&src, "missing-table")
                .iter()
                .any(|(_, m)| m.contains("表二")),
            "{:?}",
            run(&src, "missing-table")
        );
        assert!(
            run(&src, "missing-row").is_empty(),
            "{:?}",
            run(&src, "missing-row")
        );
        let r = crate::model::bind(&src, &Default::default());
        let items: Vec<u32> = r.table2.unwrap().blocks.iter().map(|b| b.item).collect();
        assert_eq!(items, [1, 5, 6, 8, 9]);
    }
}
