//! # carry-over（跨年度数字与上年年报不符）
//!
//! ## 作用 What it does
//! 找到同一机关上一年度的年报（同一目录下，或命令行、检查页面同时给出；语言服务器中为同一目录的文件）时，
//! 核对从上年延续到本年的数字：
//! - 表三：本年“二、上年结转政府信息公开申请数量”各列应等于上年“四、结转下年度继续办理”各列；
//! - 表二（2021 格式）：“规章”“行政规范性文件”本年的“现行有效件数”应等于上年的“现行有效件数”
//!   加本年“本年制发件数”减本年“本年废止件数”；
//! - 表二（2019 格式）：本年“上一年项目数量”应等于上年的“上一年项目数量”加上年的“本年增/减”。
//!
//! 相关位置指向上年年报中的那个单元格。只比较两份年报都读准了的单元格：按算术拆出的、读不准的行、
//! 顺序错乱的表一概不比；只有一份年报时本规则不做任何检查。
//!
//! When last year's report of the same unit is found: this year's 二、上年结转
//! must equal last year's 四、结转下年度继续办理 per column; (2021 format)
//! 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数 for
//! 规章 and 行政规范性文件; (2019 format) 上一年项目数量 must follow from
//! last year's figures. Only cells both reports were read with certainty.
//!
//! ## 原因 Why
//! 跨年度数字衔接是检验数据真实性的重要手段；上年结转对不上、现行有效件数接不上，说明某一年的统计有误。
//! 表二的跨年核对与表三的结转在同一条规则里：它们都是“上年年报的数字延续到本年”，关掉跨年比较只需关这一条。
//!
//! ## 示例 Example
//! 2020 年报“四、结转下年度继续办理”总计为 2，2021 年报“二、上年结转政府信息公开申请数量”总计却为 0。
//!
//! 2023 年报“规章”现行有效 12 件；2024 年报制发 2 件、废止 1 件，现行有效却写 15 件：
//! `“规章”的现行有效件数为 15，按上年年报（2023.txt）应为 12 + 2 − 1 = 13`。
//!
//! ## 修复 Fix
//! 提供把本年单元格改为按上年年报推算的数字的不安全修复（也可能是上年数字有误，请核对）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 只有一份年报时不做任何检查；按算术拆出的、读不准的行和单元格（表二整表顺序错乱、行未能读取）；
//! 本年“现行有效件数”为空；两年的表二格式版本不同。

use crate::arith::{Lookup, cell_of};
use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::{BoundCell, BoundRow, Report, Table2, Value};
use crate::rules::{Ctx, Meta};
use crate::schema::{CellRef, TABLE3_COLUMNS, Version, table2, table3_row};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "carry-over",
    severity: Severity::Warning,
    summary: "跨年度数字（上年结转、现行有效件数）与上年年报不一致",
    summary_en: "figures carried from last year differ from last year's report",
};

/// A single report has nothing to compare with.
pub fn check(_: &Ctx, _: &mut Vec<Diagnostic>) {}

/// A cell of table 三 read with certainty: a cell of its own in the text
/// (not cut out of run-together digits, not a blank the rendering cannot
/// show), with its value as an addend.
fn int(r: &Report, c: CellRef) -> Option<(i64, Span)> {
    match cell_of(r, c) {
        Lookup::Cell(b) if !b.inferred => b.value.addend().map(|v| (v, b.cell.content)),
        _ => None,
    }
}

/// A row of table 二 read with certainty: bound, not found unreadable, in a
/// table whose text kept its order, with no cell inferred.
fn t2_row(t: &Table2, item: u32, def: usize) -> Option<&BoundRow> {
    if t.unread.scrambled || t.unreadable.contains(&(item, def)) {
        return None;
    }
    t.blocks
        .iter()
        .find(|b| b.item == item)?
        .rows
        .iter()
        .find(|r| r.def == def)
        .filter(|r| !r.has_inferred())
}

/// A number written in a cell (a total: not a blank).
fn written(c: Option<&BoundCell>) -> Option<i64> {
    match c.map(|c| &c.value) {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    }
}

/// A number added or taken away: a blank or a marker counts 0, as in the
/// tables' own arithmetic.
fn addend(c: Option<&BoundCell>) -> Option<i64> {
    c.and_then(|c| c.value.addend())
}

fn signed(n: i64) -> String {
    if n < 0 {
        format!("− {}", -n)
    } else {
        format!("+ {n}")
    }
}

/// Compares this year's report with last year's. `last_file` names last
/// year's report as the adapter knows it: related places in it carry that
/// name, and messages its file name.
pub fn check_pair(this: &Report, last: &Report, last_file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let name = crate::text::file_name(last_file);
    if let (Some(carried), Some(next)) = (table3_row("carried"), table3_row("carry-next"))
        && this.table3.is_some()
        && last.table3.is_some()
    {
        for (col, c) in TABLE3_COLUMNS.iter().enumerate() {
            let (Some((now, span)), Some((before, there))) = (
                int(this, CellRef::T3 { row: carried, col }),
                int(last, CellRef::T3 { row: next, col }),
            ) else {
                continue;
            };
            if now != before {
                out.push(
                    Diagnostic::new(
                        META.name,
                        META.severity,
                        span,
                        Msg::new(
                            format!("“二、上年结转”的“{}”为 {now}，但上年年报（{name}）“四、结转下年度继续办理”为 {before}", c.label),
                            format!("carried over, column “{}”, is {now} but last year's report ({name}) carried {before} to this year", c.label),
                        ),
                    )
                    .with_related_in(
                        last_file,
                        there,
                        Msg::new(
                            format!("上年年报“四、结转下年度继续办理”的“{}”", c.label),
                            format!("last year's “carried to next year”, column “{}”", c.label),
                        ),
                    )
                    .with_fix(Fix::unsafe_(Msg::new(format!("改为 {before}"), format!("change to {before}")), vec![Edit { span, text: before.to_string() }])),
                );
            }
        }
    }
    let (Some(t), Some(l)) = (&this.table2, &last.table2) else {
        return out;
    };
    match (t.version, l.version) {
        (Some(Version::V2021), Some(Version::V2021)) => in_force(t, l, last_file, &mut out),
        (Some(Version::V2019), Some(Version::V2019)) => projects(t, l, last_file, &mut out),
        _ => {}
    }
    out
}

/// 2021 format, 第二十条第（一）项: 现行有效件数 this year = last year's
/// 现行有效件数 + 本年制发件数 − 本年废止件数, for 规章 and 行政规范性文件.
fn in_force(t: &Table2, l: &Table2, last_file: &str, out: &mut Vec<Diagnostic>) {
    let name = crate::text::file_name(last_file);
    let Some(def) = table2(Version::V2021).iter().find(|b| b.item == 1) else {
        return;
    };
    // The block's columns: 本年制发件数, 本年废止件数, 现行有效件数.
    if def.columns.len() != 3 {
        return;
    }
    for (k, row_name) in def.rows.iter().enumerate() {
        let (Some(now), Some(before)) = (t2_row(t, 1, k), t2_row(l, 1, k)) else {
            continue;
        };
        let (Some(made), Some(repealed), Some(have), Some(had)) = (
            addend(now.cells.first()),
            addend(now.cells.get(1)),
            written(now.cells.get(2)),
            written(before.cells.get(2)),
        ) else {
            continue;
        };
        let want = had + made - repealed;
        if have == want || want < 0 {
            continue;
        }
        let span = now.cells[2].cell.content;
        let mut d = Diagnostic::new(
            META.name,
            META.severity,
            span,
            Msg::new(
                format!("“{row_name}”的现行有效件数为 {have}，按上年年报（{name}）应为 {had} + {made} − {repealed} = {want}（上年现行有效件数加本年制发件数减本年废止件数）"),
                format!("“{row_name}” in force is {have}; from last year's report ({name}) it should be {had} + {made} − {repealed} = {want} (last year's in force, plus issued, minus repealed this year)"),
            ),
        )
        .with_related_in(
            last_file,
            before.cells[2].cell.content,
            Msg::new(
                format!("上年年报“{row_name}”的现行有效件数：{had}"),
                format!("last year's “{row_name}” in force: {had}"),
            ),
        );
        for (i, (zh, en)) in [("本年制发件数", "issued"), ("本年废止件数", "repealed")]
            .iter()
            .enumerate()
        {
            if let Some(c) = now.cells.get(i) {
                d = d.with_related(
                    c.cell.content,
                    Msg::new(zh.to_string(), format!("{en} this year")),
                );
            }
        }
        out.push(d.with_fix(Fix::unsafe_(
            Msg::new(format!("改为 {want}"), format!("change to {want}")),
            vec![Edit {
                span,
                text: want.to_string(),
            }],
        )));
    }
}

/// 2019 format: 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1).
fn projects(t: &Table2, l: &Table2, last_file: &str, out: &mut Vec<Diagnostic>) {
    let name = crate::text::file_name(last_file);
    for block in &t.blocks {
        let Some(def) = table2(Version::V2019).iter().find(|b| b.item == block.item) else {
            continue;
        };
        if def.columns.first().map(|c| c.0) != Some("上一年项目数量") {
            continue;
        }
        for row in &block.rows {
            let (Some(now), Some(prev)) = (
                t2_row(t, block.item, row.def),
                t2_row(l, block.item, row.def),
            ) else {
                continue;
            };
            let (Some(have), Some(base), Some(delta)) = (
                written(now.cells.first()),
                written(prev.cells.first()),
                addend(prev.cells.get(1)),
            ) else {
                continue;
            };
            let want = base + delta;
            if have == want {
                continue;
            }
            let label = def.rows.get(row.def).copied().unwrap_or_default();
            out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    now.cells[0].cell.content,
                    Msg::new(
                        format!("“{label}”的上一年项目数量为 {have}，按上年年报（{name}）应为 {base} {} = {want}", signed(delta)),
                        format!("“{label}” previous-year count is {have}; last year's report ({name}) gives {base} {} = {want}", signed(delta)),
                    ),
                )
                .with_related_in(
                    last_file,
                    prev.cells[0].cell.content,
                    Msg::new(
                        format!("上年年报“{label}”的上一年项目数量与本年增/减"),
                        format!("last year's “{label}” count and change"),
                    ),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Options, bind};
    use expect_test::{Expect, expect};

    fn skeleton(year: i32) -> String {
        crate::template::skeleton(&crate::template::SkeletonOptions {
            year,
            unit: "某某区某某局",
            government: false,
            style: crate::model::Style::Tab,
        })
    }

    /// `check_pair` of two texts, printed as `test_util::check` prints a lint.
    fn check(this: &str, last: &str, expect: Expect) {
        let d = check_pair(
            &bind(this, &Options::default()),
            &bind(last, &Options::default()),
            "上年.md",
        );
        expect.assert_eq(&crate::diagnostic::dump(this, &d));
    }

    #[test]
    fn carried_counts_differ_from_last_years_carry_next() {
        let last = skeleton(2020).replace(
            "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
            "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2",
        );
        check(
            &skeleton(2021),
            &last,
            expect![[r#"
                53:18 warning [carry-over] “二、上年结转”的“自然人”为 0，但上年年报（上年.md）“四、结转下年度继续办理”为 2
                    related 上年.md bytes 3086..3087 上年年报“四、结转下年度继续办理”的“自然人”
                    fix (Unsafe): 改为 2
                      @@ -51 +51 @@
                       →→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                       一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                      -二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                      +二、上年结转政府信息公开申请数量→2→0→0→0→0→0→0
                       三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                       （二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                53:30 warning [carry-over] “二、上年结转”的“总计”为 0，但上年年报（上年.md）“四、结转下年度继续办理”为 2
                    related 上年.md bytes 3098..3099 上年年报“四、结转下年度继续办理”的“总计”
                    fix (Unsafe): 改为 2
                      @@ -51 +51 @@
                       →→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                       一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                      -二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                      +二、上年结转政府信息公开申请数量→0→0→0→0→0→0→2
                       三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                       （二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
            "#]],
        );
    }

    #[test]
    fn table_two_counts_follow_from_last_years_change() {
        let this = skeleton(2020).replace("行政许可\t0\t0\t0", "行政许可\t4\t0\t0");
        let last = skeleton(2019).replace("行政许可\t0\t0\t0", "行政许可\t5\t-2\t0");
        check(
            &this,
            &last,
            expect![[r#"
                38:6 warning [carry-over] “行政许可”的上一年项目数量为 4，按上年年报（上年.md）应为 5 − 2 = 3
                    related 上年.md bytes 1193..1194 上年年报“行政许可”的上一年项目数量与本年增/减
            "#]],
        );
        // The 2021 format has no 上一年项目数量.
        let last = skeleton(2020).replace("行政许可\t0\t0\t0", "行政许可\t5\t-2\t0");
        check(&skeleton(2021), &last, expect![[""]]);
    }

    #[test]
    fn consecutive_years_that_agree() {
        check(&skeleton(2021), &skeleton(2020), expect![[""]]);
    }

    fn bound_pair(this: &str, last: &str) -> Vec<Diagnostic> {
        check_pair(
            &bind(this, &Options::default()),
            &bind(last, &Options::default()),
            "dir/2023.txt",
        )
    }

    /// The issue's made-up example: 规章 in force 12 last year; this year 2
    /// issued, 1 repealed and 15 in force: should be 13.
    #[test]
    fn table_two_in_force_across_years() {
        let last = skeleton(2023).replace("规章\t0\t0\t0", "规章\t1\t0\t12");
        let this = skeleton(2024).replace("规章\t0\t0\t0", "规章\t2\t1\t15");
        let found = bound_pair(&this, &last);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        expect_test::expect!["“规章”的现行有效件数为 15，按上年年报（2023.txt）应为 12 + 2 − 1 = 13（上年现行有效件数加本年制发件数减本年废止件数）"]
            .assert_eq(&d.message.zh);
        assert_eq!(&this[d.span.range()], "15");
        let into_last: Vec<(&str, &str)> = d
            .related
            .iter()
            .map(|r| {
                let text = if r.file.is_some() { &last } else { &this };
                (r.file.as_deref().unwrap_or("this"), &text[r.span.range()])
            })
            .collect();
        assert_eq!(
            into_last,
            [("dir/2023.txt", "12"), ("this", "2"), ("this", "1")]
        );
        let fixed = crate::diagnostic::apply_fixes(&this, &found, true).0;
        assert!(fixed.contains("规章\t2\t1\t13"));
        // Consistent: nothing. 行政规范性文件 too.
        let ok = skeleton(2024).replace("规章\t0\t0\t0", "规章\t2\t1\t13");
        assert!(bound_pair(&ok, &last).is_empty());
        let last = skeleton(2023).replace("行政规范性文件\t0\t0\t0", "行政规范性文件\t3\t1\t12");
        let this = skeleton(2024).replace("行政规范性文件\t0\t0\t0", "行政规范性文件\t2\t0\t12");
        let found = bound_pair(&this, &last);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.zh.contains("应为 12 + 2 − 0 = 14"),
            "{}",
            found[0].message.zh
        );
    }

    /// A row read with no certainty (its digits ran together, or a blank
    /// the rendering cannot show) is not compared.
    #[test]
    fn table_two_uncertain_rows_say_nothing() {
        let last = skeleton(2023).replace("规章\t0\t0\t0", "规章\t1\t0\t12");
        let this = skeleton(2024).replace("规章\t0\t0\t0", "规章 2 15");
        assert!(bound_pair(&this, &last).is_empty());
        let this = skeleton(2024).replace("规章\t0\t0\t0", "规章\t2\t1\t15");
        let last = skeleton(2023).replace("规章\t0\t0\t0", "规章 112");
        assert!(bound_pair(&this, &last).is_empty());
        // A 2019-format last year has no 现行有效件数 to go on.
        let last = skeleton(2020);
        assert!(bound_pair(&this, &last).is_empty());
        // A blank in force this year is not a 0.
        let this = skeleton(2024).replace("规章\t0\t0\t0", "规章\t2\t1\t");
        let last = skeleton(2023).replace("规章\t0\t0\t0", "规章\t1\t0\t12");
        assert!(bound_pair(&this, &last).is_empty());
    }
}
