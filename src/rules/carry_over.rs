//! # carry-over（上年结转与上年年报不符）
//!
//! ## 作用 What it does
//! 找到同一机关上一年度的年报（同一目录下，或命令行同时给出；语言服务器中为工作区内的文件）时：
//! 本年表三“二、上年结转政府信息公开申请数量”各列应等于上年表三“四、结转下年度继续办理”各列；
//! 2019 格式表二中，本年“上一年项目数量”应等于上年的“上一年项目数量”加“本年增/减”。
//! 只有一份年报时本规则不做任何检查。
//!
//! When last year's report of the same unit is found, this year's 二、上年结转
//! must equal last year's 四、结转下年度继续办理 per column, and (2019 format)
//! 上一年项目数量 must follow from last year's figures.
//!
//! ## 原因 Why
//! 跨年度数字衔接是检验数据真实性的重要手段；上年结转对不上，说明某一年的统计有误。
//!
//! ## 示例 Example
//! 2020 年报“四、结转下年度继续办理”总计为 2，2021 年报“二、上年结转政府信息公开申请数量”总计却为 0。
//!
//! ## 修复 Fix
//! 提供把本年单元格改为上年数字的不安全修复（也可能是上年数字有误，请核对）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 只有一份年报时不做任何检查。

use crate::arith::{Lookup, cell_of};
use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::{Report, Value};
use crate::rules::{Ctx, Meta};
use crate::schema::{CellRef, TABLE3_COLUMNS, Version, table2, table3_row};

pub const META: Meta = Meta {
    name: "carry-over",
    severity: Severity::Warning,
    summary: "上年结转与上年年报的结转下年度不一致",
    summary_en: "carried-over counts differ from last year's report",
};

/// A single report has nothing to compare with.
pub fn check(_: &Ctx, _: &mut Vec<Diagnostic>) {}

fn int(r: &Report, c: CellRef) -> Option<(i64, crate::text::Span)> {
    match cell_of(r, c) {
        Lookup::Cell(b) => b.value.addend().map(|v| (v, b.cell.content)),
        _ => None,
    }
}

/// Compares this year's report with last year's (`last_name` names the file
/// in messages).
pub fn check_pair(this: &Report, last: &Report, last_name: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (Some(carried), Some(next)) = (table3_row("carried"), table3_row("carry-next")) else {
        return out;
    };
    if this.table3.is_some() && last.table3.is_some() {
        for (col, c) in TABLE3_COLUMNS.iter().enumerate() {
            let (Some((now, span)), Some((before, _))) = (
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
                            format!("“二、上年结转”的“{}”为 {now}，但上年年报（{last_name}）“四、结转下年度继续办理”为 {before}", c.label),
                            format!("carried over, column “{}”, is {now} but last year's report ({last_name}) carried {before} to this year", c.label),
                        ),
                    )
                    .with_fix(Fix::unsafe_(Msg::new(format!("改为 {before}"), format!("change to {before}")), vec![Edit { span, text: before.to_string() }])),
                );
            }
        }
    }
    // 2019 format: 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1).
    if let (Some(t), Some(l)) = (&this.table2, &last.table2)
        && t.version == Some(Version::V2019)
        && l.version == Some(Version::V2019)
    {
        for block in &t.blocks {
            let Some(def) = table2(Version::V2019).iter().find(|b| b.item == block.item) else {
                continue;
            };
            if def.columns.first().map(|c| c.0) != Some("上一年项目数量") {
                continue;
            }
            for row in &block.rows {
                let Some(prev) = l
                    .blocks
                    .iter()
                    .find(|b| b.item == block.item)
                    .and_then(|b| b.rows.iter().find(|x| x.def == row.def))
                else {
                    continue;
                };
                let (Some(Value::Int(now)), Some(Value::Int(base)), Some(Value::Int(delta))) = (
                    row.cells.first().map(|c| &c.value),
                    prev.cells.first().map(|c| &c.value),
                    prev.cells.get(1).map(|c| &c.value),
                ) else {
                    continue;
                };
                if *now != base + delta {
                    let span = row.cells[0].cell.content;
                    let want = base + delta;
                    out.push(Diagnostic::new(
                        META.name,
                        META.severity,
                        span,
                        Msg::new(
                            format!("“{}”的上一年项目数量为 {now}，按上年年报（{last_name}）应为 {base} {} {} = {want}", def.rows[row.def], if *delta < 0 { "−" } else { "+" }, delta.abs()),
                            format!("“{}” previous-year count is {now}; last year's report gives {base} + {delta} = {want}", def.rows[row.def]),
                        ),
                    ));
                }
            }
        }
    }
    out
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
                fix (Unsafe): 改为 2
                  @@ -51 +51 @@
                   →→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                   一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                  -二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                  +二、上年结转政府信息公开申请数量→2→0→0→0→0→0→0
                   三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                   （二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
            53:30 warning [carry-over] “二、上年结转”的“总计”为 0，但上年年报（上年.md）“四、结转下年度继续办理”为 2
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
}
