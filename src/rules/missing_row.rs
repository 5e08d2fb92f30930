//! # missing-row（表格缺少官方行）
//!
//! ## 作用 What it does
//! 报告表三缺少的官方数据行（2019 格式 23 行，2021 格式 25 行），以及表二中已有的各“第二十条第（X）项”
//! 块中缺少的行。被分页或换行拆开的标签（如“4.无正当理由大量反复”/“申请”）会先被拼合，不会误报。
//!
//! Reports an official row missing from table 三 (23 rows in the 2019
//! format, 25 in 2021) or from a block of table 二.
//!
//! ## 原因 Why
//! 从 Word 复制表格时常会丢行；缺行后勾稽关系和统计口径都无法核对。
//!
//! ## 示例 Example
//! 表三中没有“5.要求行政机关确认或重新出具已获取信息”一行。
//!
//! ## 修复 Fix
//! 在官方位置插入该行：官方标签、全部填 0，沿用表格自身的风格（制表符或竖线、相同列数）。
//! 填 0 是推定，故为不安全修复（`--unsafe-fixes`；编辑器中可直接选用）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 被分页、换行拆开的标签（任意多行，先拼合）；表二中整块缺失的项（只查已有各块中的行）；表中有无法对应的文字或数字时（
//! 那可能正是“缺”的行）；行挤在同一行（网页文本）时不给插入修复。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::{BoundRow, Report, Style};
use crate::rules::{Ctx, Meta};
use crate::schema::{RowKind, TABLE3_ROWS};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "missing-row",
    severity: Severity::Error,
    summary: "表格缺少官方规定的行",
    summary_en: "a table lacks an official row",
};

/// The text of a new row written like `neighbor`'s line: the same
/// separators and cell count, `label` in its label cell and 0 in each value.
pub fn row_like(r: &Report, neighbor: &BoundRow, label: &str, style: Style) -> String {
    let line = &r.doc.lines[neighbor.line];
    if line.sep == crate::syntax::Separator::Html {
        return html_row_like(r, neighbor, label).unwrap_or_default();
    }
    if style == Style::Space || line.cells.is_empty() {
        let mut s = label.to_string();
        for _ in &neighbor.cells {
            s.push_str(" 0");
        }
        return s;
    }
    let mut edits: Vec<(Span, &str)> = Vec::new();
    for c in &line.cells {
        if c.content == neighbor.label
            || (c.content.start <= neighbor.label.start
                && neighbor.label.start < c.content.end.max(c.content.start + 1))
        {
            edits.push((c.content, label));
        } else if neighbor.cells.iter().any(|b| b.cell.raw == c.raw) {
            edits.push((c.content, "0"));
        } else if !c.is_blank() {
            edits.push((c.content, ""));
        }
    }
    let text = r.doc.text(line.span);
    let base = line.span.start;
    let local: Vec<(Span, &str)> = edits
        .into_iter()
        .map(|(s, t)| (Span::new(s.start - base, s.end - base), t))
        .collect();
    crate::text::apply_edits(text, &local).unwrap_or_else(|| {
        let mut s = label.to_string();
        for _ in &neighbor.cells {
            s.push_str(if style == Style::Pipe { " | 0" } else { "\t0" });
        }
        s
    })
}

/// A new HTML row copied from `neighbor`'s: its tags, `label` in the label
/// cell and 0 in each value cell. `None` when the copy could not be a row
/// of its own: no `</tr>`, another label merged over it (`rowspan`), or
/// cells that are neither its label nor its values.
fn html_row_like(r: &Report, neighbor: &BoundRow, label: &str) -> Option<String> {
    let line = &r.doc.lines[neighbor.line];
    let end = crate::syntax::html_row_end(r.doc.source, line.span)?;
    let row = Span::new(line.span.start, end);
    let text = r.doc.text(row);
    if text.to_ascii_lowercase().contains("rowspan") || !neighbor.extra_lines.is_empty() {
        return None;
    }
    let mut edits: Vec<(Span, &str)> = Vec::new();
    let mut labelled = false;
    for c in &line.cells {
        let local = Span::new(c.content.start - row.start, c.content.end - row.start);
        if c.content == neighbor.label {
            edits.push((local, label));
            labelled = true;
        } else if neighbor.cells.iter().any(|b| b.cell.raw == c.raw) {
            edits.push((local, "0"));
        } else if !c.is_blank() {
            return None;
        }
    }
    labelled.then(|| crate::text::apply_edits(text, &edits))?
}

fn label_cells(r: &Report, row: &BoundRow) -> usize {
    r.doc.lines[row.line]
        .cells
        .iter()
        .filter(|c| !c.is_blank() && !crate::model::is_value_like(r.text(c.content)))
        .count()
}

fn last_line(row: &BoundRow) -> usize {
    row.extra_lines.iter().copied().fold(row.line, usize::max)
}

/// A finding for a missing row with the fix that inserts `new_line` after
/// line `after` (the previous official row), else before line `before`.
fn insertion(
    r: &Report,
    after: Option<usize>,
    before: usize,
    new_line: &str,
    label: &str,
    msg: Msg,
    fixable: bool,
) -> Diagnostic {
    let nl = r.newline();
    if crate::syntax::is_html_row(new_line) {
        // Between the rows of an HTML table, with no line break.
        let (anchor, at) = match after {
            Some(l) => {
                let span = r.doc.lines[l].span;
                (span, crate::syntax::html_row_end(r.doc.source, span))
            }
            None => {
                let span = r.doc.lines[before].span;
                (span, Some(span.start))
            }
        };
        return Diagnostic::new(META.name, META.severity, anchor, msg).with_fix_if(
            fixable && at.is_some(),
            || {
                Fix::unsafe_(
                    Msg::new(
                        format!("插入“{label}”行（全部填 0）"),
                        format!("insert the row “{label}” with zeros"),
                    ),
                    vec![Edit {
                        span: Span::empty(at.unwrap_or(anchor.end)),
                        text: new_line.to_string(),
                    }],
                )
            },
        );
    }
    let fixable = fixable && !new_line.is_empty();
    let (anchor, at, text) = match after {
        Some(l) => {
            let span = r.doc.lines[l].span;
            (span, Span::empty(span.end), format!("{nl}{new_line}"))
        }
        None => {
            let span = r.doc.lines[before].span;
            (span, Span::empty(span.start), format!("{new_line}{nl}"))
        }
    };
    // Rows that share a line (text without line breaks) leave no line to
    // insert after.
    Diagnostic::new(META.name, META.severity, anchor, msg).with_fix_if(fixable, || {
        Fix::unsafe_(
            Msg::new(
                format!("插入“{label}”行（全部填 0）"),
                format!("insert the row “{label}” with zeros"),
            ),
            vec![Edit { span: at, text }],
        )
    })
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    // Text in the table that could not be placed may be the "missing" row.
    if let Some(t) = &r.table3
        && (t.has_numbers || t.rows.iter().any(Option::is_some))
        && !t.partly_unread()
    {
        let present = |i: usize| t.rows[i].is_some() || t.unreadable.contains(&i);
        for (i, d) in TABLE3_ROWS.iter().enumerate() {
            if !d.in_version(t.version) || d.kind != RowKind::Data || present(i) {
                continue;
            }
            let prev = (0..i).rev().find_map(|k| t.rows[k].as_ref());
            let next = (i + 1..TABLE3_ROWS.len()).find_map(|k| t.rows[k].as_ref());
            // Copy the style of a nearby row that carries only its own label
            // (not a parent label such as （五）不予处理).
            let plain = (0..i)
                .rev()
                .chain(i + 1..TABLE3_ROWS.len())
                .filter_map(|k| t.rows[k].as_ref())
                .take(4)
                .find(|row| label_cells(r, row) == 1);
            let Some(neighbor) = plain.or(prev).or(next) else {
                continue;
            };
            let label = d.full_label();
            let new_line = row_like(r, neighbor, &label, t.style);
            let after = prev.map(last_line);
            out.push(insertion(
                r,
                after,
                neighbor.line,
                &new_line,
                &label,
                Msg::new(
                    format!("表三缺少“{label}”行（{} 格式）", t.version.label()),
                    format!(
                        "table 三 lacks the row “{label}” ({} format)",
                        t.version.label()
                    ),
                ),
                !t.unread.rows_share_lines,
            ));
        }
    }
    let t2_unread = r
        .table2
        .as_ref()
        .is_some_and(|t| !t.unread.unplaced.is_empty());
    for (block, def) in r.table2_blocks().filter(|_| !t2_unread) {
        for (p, label) in def.rows.iter().enumerate() {
            let unreadable = r
                .table2
                .as_ref()
                .is_some_and(|t| t.unreadable.contains(&(block.item, p)));
            if block.rows.iter().any(|b| b.def == p) || unreadable {
                continue;
            }
            let style = match r.doc.lines[block.header_line].sep {
                crate::syntax::Separator::Pipe => Style::Pipe,
                crate::syntax::Separator::Tab => Style::Tab,
                _ => r.table3.as_ref().map(|t| t.style).unwrap_or(Style::Tab),
            };
            let prev = block
                .rows
                .iter()
                .filter(|b| b.def < p)
                .max_by_key(|b| b.def);
            let neighbor = prev.or(block.rows.first());
            let new_line = match neighbor {
                Some(n) => row_like(r, n, label, style),
                None => continue,
            };
            let before = block
                .rows
                .first()
                .map(|b| b.line)
                .unwrap_or(block.header_line);
            out.push(insertion(
                r,
                prev.map(|b| b.line),
                before,
                &new_line,
                label,
                Msg::new(
                    format!(
                        "表二“第二十条第（{}）项”缺少“{label}”行",
                        crate::syntax::cn_numeral(block.item)
                    ),
                    format!(
                        "table 二 block (item {}) lacks the row “{label}”",
                        block.item
                    ),
                ),
                !r.table2.as_ref().is_some_and(|t| t.unread.rows_share_lines),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    #[test]
    fn reports_and_inserts_a_missing_row_in_the_table_style() {
        let full = crate::template::table3_text(
            crate::schema::Version::V2019,
            crate::model::Style::Tab,
            "\n",
        );
        check(&full, "missing-row", expect![[""]]);
        let cut: String = full
            .lines()
            .filter(|l| !l.contains("2.重复申请"))
            .map(|l| format!("{l}\n"))
            .collect();
        check(
            &cut,
            "missing-row",
            expect![[r#"
            19:1 error [missing-row] 表三缺少“2.重复申请”行（2019 格式）
                fix (Unsafe): 插入“2.重复申请”行（全部填 0）
                  @@ -18 +18 @@
                   3.补正后申请内容仍不明确→0→0→0→0→0→0→0
                   （五）不予处理→1.信访举报投诉类申请→0→0→0→0→0→0→0
                  +2.重复申请→0→0→0→0→0→0→0
                   3.要求提供公开出版物→0→0→0→0→0→0→0
                   4.无正当理由大量反复申请→0→0→0→0→0→0→0
        "#]],
        );
        assert_eq!(fixed(&cut, "missing-row"), format!("{full}\n"));
    }

    /// Table 三 as a converter writes it: one `<table>` on one line, a
    /// `<tr>` per row; `rowspan` on the group label of （三）不予公开. Complete,
    /// so no row is missing.
    fn html_table3(merged_group: bool) -> String {
        let tab = crate::template::table3_text(
            crate::schema::Version::V2021,
            crate::model::Style::Tab,
            "\n",
        );
        let mut rows = String::new();
        for line in tab.lines() {
            let mut cells: Vec<String> =
                line.split('\t').map(|c| format!("<td>{c}</td>")).collect();
            if merged_group && line.starts_with("（三）不予公开\t") {
                cells[0] = "<td rowspan=\"8\">（三）不予公开</td>".into();
            }
            rows.push_str(&format!("<tr>{}</tr>", cells.concat()));
        }
        let text = format!("三、收到和处理政府信息公开申请情况\n\n<table>{rows}</table>\n");
        check(&text, "missing-row", expect![[""]]);
        text
    }

    #[test]
    fn inserts_a_missing_row_into_an_html_table_as_a_row() {
        let full = html_table3(false);
        let row = "<tr><td>2.重复申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>";
        assert!(full.contains(row));
        let cut = full.replace(row, "");
        check(
            &cut,
            "missing-row",
            expect![[r#"
            3:1890 error [missing-row] 表三缺少“2.重复申请”行（2021 格式）
                fix (Unsafe): 插入“2.重复申请”行（全部填 0）
                  @@ -1 +1 @@
                   三、收到和处理政府信息公开申请情况

                  -…>0</td></tr><tr><td>3.要求提供公开出版物</td><td>…
                  +…>0</td></tr><tr><td>2.重复申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr><tr><td>3.要求提供公开出版物</td><td>…

        "#]],
        );
        assert_eq!(fixed(&cut, "missing-row"), full);
    }

    #[test]
    fn no_row_is_copied_from_an_html_row_under_a_merged_label() {
        let full = html_table3(true);
        // Copying the row that holds the merged cell would add a second one.
        let report = crate::model::bind(&full, &Default::default());
        let t3 = report.table3.as_ref().expect("table 三");
        let copy_of = |word: &str| {
            let row = t3
                .rows
                .iter()
                .flatten()
                .find(|row| report.text(row.label).contains(word))
                .expect("a row of table 三");
            super::row_like(&report, row, "x", t3.style)
        };
        assert_eq!(copy_of("国家秘密"), "", "the row under the merged label");
        assert_eq!(
            copy_of("重复申请"),
            "<tr><td>x</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
        );
        // A fix copies a plain row, never the merged cell.
        let start = full.find("<tr><td rowspan").expect("merged row");
        let end = start + full[start..].find("</tr>").expect("row end") + 5;
        let cut = format!("{}{}", &full[..start], &full[end..]);
        check(
            &cut,
            "missing-row",
            expect![[r#"
            3:645 error [missing-row] 表三缺少“1.属于国家秘密”行（2021 格式）
                fix (Unsafe): 插入“1.属于国家秘密”行（全部填 0）
                  @@ -1 +1 @@
                   三、收到和处理政府信息公开申请情况

                  -…>0</td></tr><tr><td>2.其他法律行政法规禁止公开</td><…
                  +…>0</td></tr><tr><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr><tr><td>2.其他法律行政法规禁止公开</td><…

        "#]],
        );
    }

    #[test]
    fn split_label_is_one_row() {
        let full = crate::template::table3_text(
            crate::schema::Version::V2019,
            crate::model::Style::Tab,
            "\n",
        );
        let split = full.replace(
            "4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0",
            "4.无正当理由大量反复\t\t0\t0\t0\t0\t0\t0\t0\t\n\n\t申请\t\t\t\t\t\t\t",
        );
        check(&split, "missing-row", expect![[""]]);
        check(&split, "row-shape", expect![[""]]);
    }

    #[test]
    fn pipe_rows_keep_their_style() {
        let full = crate::template::table3_text(
            crate::schema::Version::V2021,
            crate::model::Style::Pipe,
            "\n",
        );
        check(&full, "missing-row", expect![[""]]);
        let cut: String = full
            .lines()
            .filter(|l| !l.contains("3.其他 "))
            .map(|l| format!("{l}\n"))
            .collect();
        check(
            &cut,
            "missing-row",
            expect![[r#"
            26:1 error [missing-row] 表三缺少“3.其他”行（2021 格式）
                fix (Unsafe): 插入“3.其他”行（全部填 0）
                  @@ -25 +25 @@
                   | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
                   | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
                  +| 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
                   | （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
                   | 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        "#]],
        );
    }
}
