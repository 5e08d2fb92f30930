//! # placeholder-date（日期仍是占位符）
//!
//! ## 作用 What it does
//! 报告模板中未填写的日期：`20XX年`、`202X年`、`XXXX年X月X日`、`X月X日`、`○○○○年○月○日`、
//! `YYYY年MM月DD日`、只留空格的`    年  月  日`、`【日期】`等。
//!
//! Reports a date left as a template placeholder (`20XX年`, `X月X日`,
//! `  年  月  日`, `【日期】`, …).
//!
//! ## 原因 Why
//! 占位日期是套用模板后未改完的明显标志，公开发布会损害公信力。
//!
//! ## 示例 Example
//! ```text
//! 本报告所列数据统计期限为20XX年1月1日至20XX年12月31日。
//! ```
//!
//! ## 修复 Fix
//! 统计期限和标题中的占位年份可确定为报告年度，提供安全修复（替换为报告年度）；
//! 落款日期等无法推定的占位符需人工填写。
//!
//! ## 有意不报告 Deliberately not flagged
//! 填写了的日期。

use crate::dates;
use crate::diagnostic::{Diagnostic, Fix, Msg, Severity};
use crate::rules::{Ctx, Meta};
use crate::text::{self, Span};
use std::ops::Range;

pub const META: Meta = Meta {
    name: "placeholder-date",
    severity: Severity::Error,
    summary: "日期仍是模板占位符",
    summary_en: "a date is still a template placeholder",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    check_lines(r, 0..r.doc.lines.len(), out);
}

/// Line-local (`rules::RuleDef::lines`): each finding is one line's, from
/// its text, the title's lines and the report year.
pub fn check_lines(r: &Ctx, lines: Range<usize>, out: &mut Vec<Diagnostic>) {
    let Some(these) = r.doc.lines.get(lines.clone()) else {
        return;
    };
    for (li, line) in lines.zip(these) {
        let text = r.text(line.span);
        // A placeholder always has a placeholder character or a blank right
        // before 年, 月 or 日, or is a bracketed 日期.
        static DATE: crate::text::Word = crate::text::Word::new("日期");
        if !unit_after_placeholder(text) && !DATE.in_text(text) {
            continue;
        }
        for p in dates::placeholders(text) {
            let span = Span::new(line.span.start + p.span.start, line.span.start + p.span.end);
            let shown = r.text(span);
            let mut d = Diagnostic::new(
                META.name,
                META.severity,
                span,
                Msg::new(
                    format!("日期“{}”仍是占位符，请填写实际日期", shown.trim()),
                    format!("the date “{}” is still a placeholder", shown.trim()),
                ),
            );
            let in_title = r
                .title
                .as_ref()
                .is_some_and(|t| (t.lines.0..=t.lines.1).contains(&li));
            let in_period = text.contains("统计")
                || r.text(Span::new(span.end, line.span.end))
                    .trim_start()
                    .starts_with("1月1日")
                || r.text(Span::new(span.start, line.span.end))
                    .contains("12月31日");
            if let (Some(y), Some(ys), true) = (r.year, p.year, in_title || in_period) {
                let ys = Span::new(line.span.start + ys.start, line.span.start + ys.end);
                d = d.with_fix(Fix::replace(
                    Msg::new(
                        format!("填写报告年度 {y}"),
                        format!("fill in the report year {y}"),
                    ),
                    ys,
                    y.to_string(),
                ));
            }
            out.push(d);
        }
    }
}

/// Whether a 年, 月 or 日 in `text` may end a placeholder: it follows a run
/// of digits and placeholder characters with a placeholder among them, or
/// blanks (`_` too) after no such run, or nothing. The units are found by their last UTF-8 byte (B4,
/// 88, A5: a vectorized search that hits a few percent of a Chinese text's
/// bytes) and checked whole, instead of decoding every character.
fn unit_after_placeholder(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(0xB4, 0x88, 0xA5, bytes).any(|i| {
        let Some(start) = i.checked_sub(2) else {
            return false;
        };
        let unit = &bytes[start..=i];
        if !["年", "月", "日"].iter().any(|u| u.as_bytes() == unit) {
            return false;
        }
        // What `dates::placeholders` needs before a unit: a run of digits
        // and placeholder characters with a placeholder among them (`20XX`,
        // `X`, spaced apart or not), or blanks after no such run (a blank
        // slot: `年  月  日`), or the start of the line. Not `2020 年`: in
        // PDF text every date is spaced so.
        let before = &text[..start];
        let token_end = before.trim_end_matches(|c| crate::text::is_space(c) || c == '_');
        let blanks = token_end.len() < before.len();
        let mut token = token_end
            .chars()
            .rev()
            .take_while(|&c| text::is_digit(c) || dates::is_placeholder_char(c, true))
            .peekable();
        let empty = token.peek().is_none();
        token.any(|c| !text::is_digit(c)) || (empty && (blanks || token_end.is_empty()))
    })
}

#[cfg(test)]
mod precheck_tests {
    proptest::proptest! {
        /// The cheap line test never skips a line with a placeholder.
        #[test]
        fn no_placeholder_is_skipped(line in "[0-9０X×○Mm_ 　年月日至，a一]{0,16}") {
            if !crate::dates::placeholders(&line).is_empty() {
                proptest::prop_assert!(super::unit_after_placeholder(&line), "{line:?}");
            }
        }
    }

    #[test]
    fn spaced_digits_are_no_placeholder_but_spaced_placeholders_are() {
        assert!(!super::unit_after_placeholder("2020 年 12 月 31 日"));
        assert!(super::unit_after_placeholder("20XX 年"));
        assert!(super::unit_after_placeholder("20X1 年"));
        // Missed before: the character right before 年 is a digit.
        assert!(super::unit_after_placeholder("20X1年"));
        assert_eq!(crate::dates::placeholders("20X1年").len(), 1);
        assert!(super::unit_after_placeholder("2020 年  月  日"));
        assert!(super::unit_after_placeholder("    年  月  日"));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;
    use expect_test::expect;

    /// The signature date is not guessed.
    #[test]
    fn placeholders_found_and_year_filled_where_known() {
        let src = "某局2022年政府信息公开工作年度报告\n本报告所列数据统计期限为20XX年1月1日至20XX年12月31日。\n某局\n20XX年X月X日\n";
        check(
            src,
            "placeholder-date",
            expect![[r#"
            2:13 error [placeholder-date] 日期“20XX年1月1日”仍是占位符，请填写实际日期
                fix (Safe): 填写报告年度 2022
                  @@ -1 +1 @@
                   某局2022年政府信息公开工作年度报告
                  -本报告所列数据统计期限为20XX年1月1日至20XX年12月31日。
                  +本报告所列数据统计期限为2022年1月1日至20XX年12月31日。
                   某局
                   20XX年X月X日
            2:23 error [placeholder-date] 日期“20XX年12月31日”仍是占位符，请填写实际日期
                fix (Safe): 填写报告年度 2022
                  @@ -1 +1 @@
                   某局2022年政府信息公开工作年度报告
                  -本报告所列数据统计期限为20XX年1月1日至20XX年12月31日。
                  +本报告所列数据统计期限为20XX年1月1日至2022年12月31日。
                   某局
                   20XX年X月X日
            4:1 error [placeholder-date] 日期“20XX年X月X日”仍是占位符，请填写实际日期
        "#]],
        );
    }

    /// A 统计期限 is known by the word 统计, or by its 1月1日 or 12月31日
    /// (each alone is enough): its year is filled in; other placeholders'
    /// years are not.
    #[test]
    fn a_period_without_the_word_is_filled_in() {
        let head = "某局2022年政府信息公开工作年度报告\n";
        let cases = [
            "本报告数据期限自20XX年1月1日至20XX年12月31日止。",
            "数据截至20XX年12月31日。",
            "自20XX年1月1日起。",
            "统计年度为20XX年。",
            "本年度共召开会议20XX年X月。",
        ]
        .map(|t| (t, format!("{head}{t}\n")));
        crate::rules::test_util::check_cases(
            "placeholder-date",
            cases,
            expect![[r#"
                ── 本报告数据期限自20XX年1月1日至20XX年12月31日止。
                2:9 error [placeholder-date] 日期“20XX年1月1日”仍是占位符，请填写实际日期
                    fix (Safe): 填写报告年度 2022
                      @@ -1 +1 @@
                       某局2022年政府信息公开工作年度报告
                      -本报告数据期限自20XX年1月1日至20XX年12月31日止。
                      +本报告数据期限自2022年1月1日至20XX年12月31日止。

                2:19 error [placeholder-date] 日期“20XX年12月31日”仍是占位符，请填写实际日期
                    fix (Safe): 填写报告年度 2022
                      @@ -1 +1 @@
                       某局2022年政府信息公开工作年度报告
                      -本报告数据期限自20XX年1月1日至20XX年12月31日止。
                      +本报告数据期限自20XX年1月1日至2022年12月31日止。

                ── 数据截至20XX年12月31日。
                2:5 error [placeholder-date] 日期“20XX年12月31日”仍是占位符，请填写实际日期
                    fix (Safe): 填写报告年度 2022
                      @@ -1 +1 @@
                       某局2022年政府信息公开工作年度报告
                      -数据截至20XX年12月31日。
                      +数据截至2022年12月31日。

                ── 自20XX年1月1日起。
                2:2 error [placeholder-date] 日期“20XX年1月1日”仍是占位符，请填写实际日期
                ── 统计年度为20XX年。
                2:6 error [placeholder-date] 日期“20XX年”仍是占位符，请填写实际日期
                    fix (Safe): 填写报告年度 2022
                      @@ -1 +1 @@
                       某局2022年政府信息公开工作年度报告
                      -统计年度为20XX年。
                      +统计年度为2022年。

                ── 本年度共召开会议20XX年X月。
                2:9 error [placeholder-date] 日期“20XX年X月”仍是占位符，请填写实际日期
            "#]],
        );
    }

    #[test]
    fn the_cheap_test_finds_every_placeholder_shape() {
        use super::unit_after_placeholder as may;
        for t in [
            "20XX年",
            "X月X日",
            "年 月 日",
            "____年__月__日",
            "年月日",
            "2024年？月",
            "日常",
        ] {
            assert!(may(t), "{t}");
        }
        for t in ["2024年12月31日", "本年度", "", "每月", "工作日", "ab´"] {
            assert!(!may(t), "{t}");
        }
    }

    /// A bracketed 日期 has no 年, 月 or 日 after a placeholder: the line
    /// is looked at for its 日期.
    #[test]
    fn bracketed_date_words_are_placeholders() {
        let src = "某局2022年政府信息公开工作年度报告\n（发布日期）\n成文日期：【日期】\n";
        check(
            src,
            "placeholder-date",
            expect![[r#"
            2:1 error [placeholder-date] 日期“（发布日期）”仍是占位符，请填写实际日期
            3:6 error [placeholder-date] 日期“【日期】”仍是占位符，请填写实际日期
        "#]],
        );
    }

    #[test]
    fn real_dates_are_clean() {
        check(
            "银川市市政管理局\n2020年12月31日\n",
            "placeholder-date",
            expect![[""]],
        );
    }
}
