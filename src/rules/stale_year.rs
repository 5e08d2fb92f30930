//! # stale-year（正文中残留上一年度的内容）
//!
//! ## 作用 What it does
//! 报告年度为 Y 时，提示正文中写明 Y−1 年发生的事件或 Y−1 年的工作安排（如 2020 年报中的
//! “2019 年 7 月、10 月……组织开展‘政府开放日’活动”“《…2019 年政务公开工作要点》”）。
//! 比较性的写法（比上年、较2019年、同比、与2019年相比、2019年以来、截至）以及统计期限、文号不提示。
//! 级别为 hint：请人工确认是否照搬了上年年报。句首写着上一年、句中的数字却正是本年度统计表中的数字
//! （2023 年报中“2022年，全年受理申请 35 件”，而表三本年新收为 35）时，是把年份写错或照搬了上年的句子，
//! 报告为警告。
//!
//! Hints at last year's events and plans left in this year's text, not at
//! legitimate comparisons.
//!
//! ## 原因 Why
//! 沿用上年年报改写是常见做法，漏改的年份与事件会让年报内容失实（如东莞市统计局年报连续多年雷同被媒体曝光）。
//!
//! ## 示例 Example
//! ```text
//! 2019 年 7 月、10 月，大新镇组织开展两次“政府开放日”活动……（2020 年度报告）
//! ```
//!
//! ## 修复 Fix
//! 无自动修复：核实后改写为本年度的情况。
//!
//! ## 有意不报告 Deliberately not flagged
//! 比较性写法（比上年、较2019年、同比、……以来、截至）、统计期限、文号。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::prose;
use crate::rules::{Ctx, Meta};
use crate::text::Span;
use std::ops::Range;

pub const META: Meta = Meta {
    name: "stale-year",
    severity: Severity::Hint,
    summary: "正文中残留上一年度的事件或安排",
    summary_en: "last year's events or plans in this year's text",
};

const COMPARISON: [&str; 16] = [
    "比上年",
    "比去年",
    "较上年",
    "较去年",
    "同比",
    "相比",
    "对比",
    "以来",
    "截至",
    "截止",
    "至今",
    "结转",
    "增长",
    "下降",
    "减少",
    "增加",
];

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    check_lines(r, 0..r.doc.lines.len(), out);
}

/// Line-local (`rules::RuleDef::lines`): each finding is one narrative
/// line's, from its text, the report year and the title's and 统计期限's lines.
pub fn check_lines(r: &Ctx, lines: Range<usize>, out: &mut Vec<Diagnostic>) {
    let Some(year) = r.year else { return };
    let last = (year - 1).to_string();
    let period_line = r.stat_period.as_ref().map(|p| p.line);
    for (li, line) in prose::lines_in(r, lines) {
        if Some(li) == period_line
            || r.title
                .as_ref()
                .is_some_and(|t| (t.lines.0..=t.lines.1).contains(&li))
        {
            continue;
        }
        let text = r.text(line);
        if !text.contains(&last) {
            continue;
        }
        for s in prose::sentences(text, line.start) {
            let sentence = r.text(s);
            let Some(p) = sentence.find(&last) else {
                continue;
            };
            let after = sentence[p + 4..].trim_start_matches(crate::text::is_space);
            let before = &sentence[..p];
            if !after.starts_with('年')
                || before.ends_with('〔')
                || before.ends_with('[')
                || before.ends_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            // Comparisons and periods are legitimate.
            let compares = COMPARISON.iter().any(|k| sentence.contains(k))
                || sentence.contains(&format!("较{last}"))
                || sentence.contains(&format!("比{last}"));
            if compares
                || before.ends_with('自')
                || before.ends_with('从')
                || before.ends_with('与')
            {
                continue;
            }
            let end = p + 4 + (sentence[p + 4..].len() - after.len()) + '年'.len_utf8();
            let span = Span::new(s.start + p, s.start + end);
            // Last year opening a sentence that states this year's figures
            // (the tables' own): the year was left over, the numbers were
            // not. A reviewer sends that back.
            let opens = crate::text::trim(before).is_empty();
            let counts = if opens {
                prose::counts(sentence, s.start)
            } else {
                Vec::new()
            };
            let stated = counts
                .iter()
                .find(|c| super::narrative_mismatch::states_table_value(r, c, true));
            out.push(match stated {
                Some(c) => Diagnostic::new(
                    META.name,
                    Severity::Warning,
                    span,
                    Msg::new(
                        format!(
                            "句首写的是 {last} 年，但其中的 {} {} 是本年度（{year} 年）统计表中的数字：年份应为 {year} 年，或这是照搬的上年内容",
                            c.value, c.unit
                        ),
                        format!(
                            "the sentence opens with {last}, but its {} is this year's ({year}) figure in the tables: the year is wrong, or the text is last year's",
                            c.value
                        ),
                    ),
                )
                .with_related(
                    c.span,
                    Msg::new(
                        format!("与统计表一致的数字：{}", c.value),
                        format!("the figure the tables have: {}", c.value),
                    ),
                ),
                None => Diagnostic::new(
                    META.name,
                    META.severity,
                    span,
                    Msg::new(
                        format!("{year} 年度报告中出现 {last} 年的事件或安排，请确认不是照搬上年年报"),
                        format!("a {year} report mentions {last} events or plans: left over from last year's report?"),
                    ),
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, check_cases};
    use expect_test::expect;

    const HEAD: &str = "# 某镇 2020 年政府信息公开工作年度报告\n本报告所列数据统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。\n一、总体情况\n";

    #[test]
    fn last_years_events_and_plans() {
        let src = format!(
            "{HEAD}2019 年 7 月、10 月，大新镇组织开展两次“政府开放日”活动。\n制订《兴庆区大新镇 2019 年政务公开工作要点》，根据本镇实际情况。\n"
        );
        check(
            &src,
            "stale-year",
            expect![[r#"
            4:1 hint [stale-year] 2020 年度报告中出现 2019 年的事件或安排，请确认不是照搬上年年报
            5:11 hint [stale-year] 2020 年度报告中出现 2019 年的事件或安排，请确认不是照搬上年年报
        "#]],
        );
    }

    #[test]
    fn comparisons_are_fine() {
        let cases = [
            "主动公开信息较2019年增长20%。",
            "比上年增加3条，2019年为10条。",
            "自2019年以来，持续推进。",
            "依据国办公开办函〔2019〕60号。",
            "与2019年相比有所提升。",
            "2020年，本镇做好工作。",
        ]
        .map(|t| (t, format!("{HEAD}{t}\n")));
        check_cases(
            "stale-year",
            cases,
            expect![[r#"
            ── 主动公开信息较2019年增长20%。
            ── 比上年增加3条，2019年为10条。
            ── 自2019年以来，持续推进。
            ── 依据国办公开办函〔2019〕60号。
            ── 与2019年相比有所提升。
            ── 2020年，本镇做好工作。
        "#]],
        );
    }
}
