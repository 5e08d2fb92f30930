//! # year-mismatch（标题年度、统计期限年度与报告年度不一致）
//!
//! ## 作用 What it does
//! 比较标题中的年度、“统计期限”中的年度（起止两处）以及配置的报告年度，不一致时报告。
//! 没有标题时，正文各段开头的年份（“2024年，……”，至少两处）与落款日期（次年年初落款）一致，
//! 即以它为报告年度：统计期限写成别的年份就是统计期限错了。
//!
//! Reports a title year, 统计期限 year and report year that disagree.
//!
//! ## 原因 Why
//! 沿用上年年报修改时，最容易漏改的就是统计期限中的年份；年度错位会让整份报告的数据口径失真。
//!
//! ## 示例 Example
//! ```text
//! 某局2021年政府信息公开工作年度报告
//! 本报告所列数据统计期限为2020年1月1日至2020年12月31日。
//! ```
//!
//! ## 修复 Fix
//! 把统计期限中的年份改为标题年度（不安全修复：也可能是标题写错，请核对）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 正文中的其他年份（由 stale-year 提示）。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::Report;
use crate::rules::{Ctx, Meta};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "year-mismatch",
    severity: Severity::Error,
    summary: "标题年度、统计期限年度与报告年度不一致",
    summary_en: "title year, 统计期限 year and report year disagree",
};

fn years_in(r: &Report, span: Span) -> Vec<(i32, Span)> {
    let text = r.text(span);
    let mut out = Vec::new();
    for d in crate::dates::dates(text) {
        if let Some((y, s)) = d.year {
            out.push((y, Span::new(span.start + s.start, span.start + s.end)));
        }
    }
    out
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    let title_year = r.title.as_ref().and_then(|t| t.year);
    let Some(period) = &r.stat_period else {
        return;
    };
    let years = years_in(r, period.span);
    let reference = title_year
        .map(|y| (y.0, "标题", "the title"))
        .or_else(|| {
            r.text_year
                .map(|y| (y, "正文和落款日期", "the text and its signing date"))
        })
        .or_else(|| {
            years
                .first()
                .map(|y| (y.0, "统计期限起始", "the start of 统计期限"))
        });
    let Some((want, src_zh, src_en)) = reference else {
        return;
    };
    let mut edits = Vec::new();
    let mut first_bad = None;
    for (y, s) in &years {
        if *y != want {
            edits.push(Edit {
                span: *s,
                text: want.to_string(),
            });
            first_bad.get_or_insert((*y, *s));
        }
    }
    if let Some((y, s)) = first_bad {
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                s,
                Msg::new(
                    format!("统计期限中的年份 {y} 与{src_zh}的年度 {want} 不一致"),
                    format!("the 统计期限 year {y} differs from {src_en} year {want}"),
                ),
            )
            .with_fix(Fix::unsafe_(
                Msg::new(format!("改为 {want}"), format!("change to {want}")),
                edits,
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    #[test]
    fn title_and_period_disagree() {
        let src = "某局2021年政府信息公开工作年度报告\n本报告所列数据统计期限为2020年1月1日至2020年12月31日。\n";
        check(
            src,
            "year-mismatch",
            expect![[r#"
            2:13 error [year-mismatch] 统计期限中的年份 2020 与标题的年度 2021 不一致
                fix (Unsafe): 改为 2021
                  @@ -1 +1 @@
                   某局2021年政府信息公开工作年度报告
                  -本报告所列数据统计期限为2020年1月1日至2020年12月31日。
                  +本报告所列数据统计期限为2021年1月1日至2021年12月31日。

        "#]],
        );
        check(&fixed(src, "year-mismatch"), "year-mismatch", expect![[""]]);
    }

    #[test]
    fn agreeing_years_and_short_form() {
        let src = "# 某办公室 2020 年政府信息公开工作年度报告\n本报告中所列数据统计期限从 2020 年 1 月 1 日到 12 月 31 日止。\n";
        check(src, "year-mismatch", expect![[""]]);
    }
}
