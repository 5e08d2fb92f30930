//! # invalid-date（不存在的日期）
//!
//! ## 作用 What it does
//! 报告不存在的日期：月份不在 1–12（如“13月”），或日不在该月范围内（如“2月30日”、平年的“2月29日”、“4月31日”）。
//!
//! Reports a date that does not exist (month 13, 2月30日, 4月31日, …).
//!
//! ## 原因 Why
//! 统计期限、落款日期写错会使年报的时间信息失真，通常是手误。
//!
//! ## 示例 Example
//! ```text
//! 统计期限为2021年1月1日至2021年2月30日
//! ```
//!
//! ## 修复 Fix
//! 无自动修复：改为正确的日期。
//!
//! ## 有意不报告 Deliberately not flagged
//! 闰年的 2月29日。

use crate::dates;
use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::rules::{Ctx, Meta};
use crate::text::Span;
use std::ops::Range;

pub const META: Meta = Meta {
    name: "invalid-date",
    severity: Severity::Error,
    summary: "日期不存在",
    summary_en: "a date does not exist",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    check_lines(r, 0..r.doc.lines.len(), out);
}

/// Line-local (`rules::RuleDef::lines`): each finding is one line's, from
/// its text alone.
pub fn check_lines(r: &Ctx, lines: Range<usize>, out: &mut Vec<Diagnostic>) {
    let Some(these) = r.doc.lines.get(lines) else {
        return;
    };
    for line in these {
        let text = r.text(line.span);
        static MONTH: crate::text::Word = crate::text::Word::new("月");
        if !MONTH.in_text(text) {
            continue;
        }
        for d in dates::dates(text) {
            let Some((m, _)) = d.month else { continue };
            let span = Span::new(line.span.start + d.span.start, line.span.start + d.span.end);
            let shown = r.text(span).trim();
            let year = d.year.map(|y| y.0);
            let msg = if !(1..=12).contains(&m) {
                Some(Msg::new(
                    format!("日期“{shown}”不存在：月份应为 1–12"),
                    format!("the date “{shown}” does not exist: month must be 1–12"),
                ))
            } else if let Some((day, _)) = d.day {
                let max = dates::days_in_month(year, m);
                (day == 0 || day > max).then(|| {
                    Msg::new(
                        format!("日期“{shown}”不存在：{m}月只有 {max} 天"),
                        format!("the date “{shown}” does not exist: month {m} has {max} days"),
                    )
                })
            } else {
                None
            };
            if let Some(msg) = msg {
                out.push(Diagnostic::new(META.name, META.severity, span, msg));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;
    use expect_test::expect;

    #[test]
    fn impossible_dates() {
        let src = "统计期限为2021年1月1日至2021年2月30日。\n2021年2月29日\n2020年2月29日\n13月\n4 月 31 日\n";
        check(
            src,
            "invalid-date",
            expect![[r#"
            1:16 error [invalid-date] 日期“2021年2月30日”不存在：2月只有 28 天
            2:1 error [invalid-date] 日期“2021年2月29日”不存在：2月只有 28 天
            4:1 error [invalid-date] 日期“13月”不存在：月份应为 1–12
            5:1 error [invalid-date] 日期“4 月 31 日”不存在：4月只有 30 天
        "#]],
        );
    }

    #[test]
    fn ordinary_text_is_clean() {
        let src = "2020年12月31日，12345便民服务热线，3个月，1月份\n";
        check(src, "invalid-date", expect![[""]]);
    }
}
