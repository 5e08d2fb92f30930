//! # rollup-sum（汇总年报与所属单位之和不符）
//!
//! ## 作用 What it does
//! 只在配置了汇总关系时检查（默认不做）：`nianbao.toml` 写明某份年报是其他单位年报之和，
//!
//! ```toml
//! [rollup]
//! "某某县" = ["某某县教育局", "某某县财政局", "某某县卫生健康局"]
//! ```
//!
//! 或写 `"某某县" = "本目录"`（`"*"` 亦可），表示这个 `nianbao.toml` 所在目录（含子目录）中其他单位的年报都汇总到它。
//! 于是同一年度汇总年报表三、表四的每个单元格应等于各单位该单元格之和：每个不等的单元格一条，写明应为多少，
//! 相关位置列出各单位年报中的那个单元格和数字。没有该年度年报的单位列在一条问题里；这时只能核对下限——
//! 汇总数小于已有单位之和的单元格才报告。只比较各份年报都读准了的单元格（按算术拆出的、读不准的行不比；空格按 0 计，
//! 汇总年报的空格不核对）；表三的格式版本不同时不比较表三。
//!
//! Opt-in: when `nianbao.toml` names a report as the sum of others (or of
//! every other report in its folder), each cell of the parent's tables 三
//! and 四 must equal the sum of its units' cells: one finding per differing
//! cell, the units' values as related places; units with no report for the
//! year are listed, and with one missing only a parent cell below the sum
//! of the others is reported.
//!
//! ## 原因 Why
//! 上级要求县（区）政府年报的申请和复议诉讼数据汇总所属部门、乡镇的数据；对不上的汇总数说明有单位漏报或重复计算。
//!
//! ## 示例 Example
//! 某某县 2024 年报表三“一、本年新收”“自然人”为 9，三个单位分别为 3、4、1：
//! `“一、本年新收政府信息公开申请数量”行“自然人”列为 9，应为所属 3 个单位之和 8`。
//!
//! ## 修复 Fix
//! 单位齐全时提供改为各单位之和的不安全修复（也可能是某个单位的数字有误，请核对）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 没有配置 `[rollup]` 时不做任何检查；缺少单位的年报时，汇总数大于已有单位之和的单元格；
//! 按算术拆出的、读不准的单元格，汇总年报中空着的单元格；表三格式版本与汇总年报不同的单位年报的表三。

use crate::arith::{Lookup, cell_name, cell_of};
use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::Report;
use crate::rules::{Ctx, Meta};
use crate::schema::{CellRef, RowKind, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "rollup-sum",
    severity: Severity::Warning,
    summary: "汇总年报的表三、表四与所属单位之和不符（需在 nianbao.toml 中配置 [rollup]）",
    summary_en: "a roll-up report's tables 三 and 四 differ from the sum of its units (configured in [rollup])",
};

/// A single report has nothing to add up.
pub fn check(_: &Ctx, _: &mut Vec<Diagnostic>) {}

/// A unit's report under a roll-up.
pub struct Unit<'r, 'a> {
    /// The unit's name as configured (or found).
    pub name: &'r str,
    pub report: &'r Report<'a>,
    /// The report's file, as the adapter names it.
    pub file: &'r str,
}

/// A cell read with certainty, as an addend (blank counts 0).
fn addend(r: &Report, c: CellRef) -> Option<(i64, Span)> {
    match cell_of(r, c) {
        Lookup::Cell(b) if !b.inferred => b.value.addend().map(|v| (v, b.cell.content)),
        _ => None,
    }
}

/// A number written in a cell, read with certainty (a blank is not).
fn written(r: &Report, c: CellRef) -> Option<(i64, Span)> {
    match cell_of(r, c) {
        Lookup::Cell(b) if !b.inferred => match b.value {
            crate::model::Value::Int(n) => Some((n, b.cell.content)),
            _ => None,
        },
        _ => None,
    }
}

/// The cells a roll-up adds up: table 三's data cells (when every report
/// writes table 三 in the parent's format) and table 四's.
fn cells(parent: &Report, units: &[Unit]) -> Vec<CellRef> {
    let mut out = Vec::new();
    if let Some(t) = &parent.table3
        && units.iter().all(|u| {
            u.report
                .table3
                .as_ref()
                .is_none_or(|x| x.version == t.version)
        })
    {
        for (row, def) in TABLE3_ROWS.iter().enumerate() {
            if def.kind == RowKind::Data && def.in_version(t.version) {
                out.extend((0..TABLE3_COLUMNS.len()).map(|col| CellRef::T3 { row, col }));
            }
        }
    }
    if parent.table4.is_some() {
        out.extend((0..TABLE4_COLUMNS.len()).map(|col| CellRef::T4 { col }));
    }
    out
}

/// The parent's tables 三 and 四 against the sum of its units' (`parent_file`
/// is unused in messages; `year` names the year in the missing units'
/// finding). `missing` names the units with no report for the year.
pub fn check_rollup(
    parent: &Report,
    units: &[Unit],
    missing: &[&str],
    year: i32,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let complete = missing.is_empty();
    if !missing.is_empty() {
        let span = parent
            .title
            .as_ref()
            .map(|t| t.span)
            .unwrap_or_else(|| parent.first_text_line());
        out.push(Diagnostic::new(
            META.name,
            META.severity,
            span,
            Msg::new(
                format!(
                    "汇总的单位中有 {} 个没有 {year} 年的年报：{}；表三、表四只核对汇总数不小于已有 {} 个单位之和",
                    missing.len(),
                    missing.join("、"),
                    units.len()
                ),
                format!(
                    "{} of the units rolled up have no report for {year}: {}; tables 三 and 四 are checked only for totals below the sum of the {} units present",
                    missing.len(),
                    missing.join(", "),
                    units.len()
                ),
            ),
        ));
    }
    if units.is_empty() {
        return out;
    }
    for cell in cells(parent, units) {
        let Some((have, span)) = written(parent, cell) else {
            continue;
        };
        let values: Option<Vec<(i64, Span)>> =
            units.iter().map(|u| addend(u.report, cell)).collect();
        let Some(values) = values else {
            continue;
        };
        let sum: i64 = values.iter().map(|v| v.0).sum();
        if have == sum || (!complete && have > sum) {
            continue;
        }
        let (name_zh, name_en) = cell_name(cell);
        let (name_zh, name_en) = match cell {
            CellRef::T3 { .. } => (format!("表三{name_zh}"), format!("table 三, {name_en}")),
            CellRef::T4 { .. } => (format!("表四{name_zh}"), format!("table 四, {name_en}")),
        };
        let n = units.len();
        let message = if complete {
            Msg::new(
                format!("{name_zh}为 {have}，应为所属 {n} 个单位之和 {sum}"),
                format!("{name_en} is {have}; the sum of its {n} units is {sum}"),
            )
        } else {
            Msg::new(
                format!("{name_zh}为 {have}，小于已有年报的 {n} 个单位之和 {sum}"),
                format!("{name_en} is {have}, below the sum {sum} of the {n} units with a report"),
            )
        };
        let mut d = Diagnostic::new(META.name, META.severity, span, message);
        for (u, (v, at)) in units.iter().zip(&values) {
            d = d.with_related_in(
                u.file,
                *at,
                Msg::new(format!("{}：{v}", u.name), format!("{}: {v}", u.name)),
            );
        }
        if complete && sum >= 0 {
            d = d.with_fix(Fix::unsafe_(
                Msg::new(format!("改为 {sum}"), format!("change to {sum}")),
                vec![Edit {
                    span,
                    text: sum.to_string(),
                }],
            ));
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Options, bind};

    /// A 2024 report whose 一、本年新收 row reads `row` (the 自然人 cell
    /// and the 总计 cell) and whose table 四's first cell is `review`.
    fn report(unit: &str, row: &str, review: &str) -> String {
        crate::template::skeleton(&crate::template::SkeletonOptions {
            year: 2024,
            unit,
            government: false,
            style: crate::model::Style::Tab,
        })
        .replace(
            "一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
            &format!("一、本年新收政府信息公开申请数量\t{row}"),
        )
        .replace(
            "\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
            &format!("\n{review}\t0\t0\t0\t{review}\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"),
        )
    }

    fn run(parent: &str, units: &[&str], missing: &[&str]) -> Vec<String> {
        let p = bind(parent, &Options::default());
        let bound: Vec<Report> = units.iter().map(|u| bind(u, &Options::default())).collect();
        let units: Vec<Unit> = bound
            .iter()
            .enumerate()
            .map(|(i, report)| Unit {
                name: ["甲局", "乙局", "丙局"][i],
                report,
                file: ["甲.txt", "乙.txt", "丙.txt"][i],
            })
            .collect();
        check_rollup(&p, &units, missing, 2024)
            .iter()
            .map(|d| {
                let related: Vec<String> = d
                    .related
                    .iter()
                    .map(|r| format!("{}@{}", r.message.zh, r.file.as_deref().unwrap_or("")))
                    .collect();
                format!("{} [{}]", d.message.zh, related.join(", "))
            })
            .collect()
    }

    #[test]
    fn every_cell_of_three_and_four_adds_up() {
        let a = report("甲局", "3\t0\t0\t0\t0\t0\t3", "1");
        let b = report("乙局", "4\t0\t0\t0\t0\t0\t4", "0");
        let c = report("丙局", "1\t0\t0\t0\t0\t0\t1", "1");
        let right = report("某县", "8\t0\t0\t0\t0\t0\t8", "2");
        assert!(run(&right, &[&a, &b, &c], &[]).is_empty());
        let wrong = report("某县", "9\t0\t0\t0\t0\t0\t8", "3");
        expect_test::expect![[r#"
            [
                "表三“一、本年新收政府信息公开申请数量”行“自然人”列为 9，应为所属 3 个单位之和 8 [甲局：3@甲.txt, 乙局：4@乙.txt, 丙局：1@丙.txt]",
                "表四“行政复议·结果维持”为 3，应为所属 3 个单位之和 2 [甲局：1@甲.txt, 乙局：0@乙.txt, 丙局：1@丙.txt]",
                "表四“行政复议·总计”为 3，应为所属 3 个单位之和 2 [甲局：1@甲.txt, 乙局：0@乙.txt, 丙局：1@丙.txt]",
            ]
        "#]]
        .assert_debug_eq(&run(&wrong, &[&a, &b, &c], &[]));
    }

    /// A unit with no report: it is named, and only a total below the sum
    /// of the others can be wrong.
    #[test]
    fn a_missing_unit_leaves_a_lower_bound() {
        let a = report("甲局", "3\t0\t0\t0\t0\t0\t3", "0");
        let b = report("乙局", "4\t0\t0\t0\t0\t0\t4", "0");
        let above = report("某县", "9\t0\t0\t0\t0\t0\t9", "0");
        expect_test::expect![[r#"
            [
                "汇总的单位中有 1 个没有 2024 年的年报：丙局；表三、表四只核对汇总数不小于已有 2 个单位之和 []",
            ]
        "#]]
        .assert_debug_eq(&run(&above, &[&a, &b], &["丙局"]));
        let below = report("某县", "6\t0\t0\t0\t0\t0\t6", "0");
        let found = run(&below, &[&a, &b], &["丙局"]);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[1].contains("为 6，小于已有年报的 2 个单位之和 7"),
            "{found:#?}"
        );
    }

    /// Cells not read with certainty (a unit's row run together) are not
    /// added up.
    #[test]
    fn uncertain_cells_are_not_added() {
        let a = report("甲局", "3\t0\t0\t0\t0\t0\t3", "0");
        let b = report("乙局", "4 0 0 0 0 0", "0");
        let wrong = report("某县", "9\t0\t0\t0\t0\t0\t9", "0");
        let found = run(&wrong, &[&a, &b], &[]);
        assert!(found.iter().all(|f| !f.contains("本年新收")), "{found:#?}");
    }
}
