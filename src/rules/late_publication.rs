//! # late-publication（公布日期晚于法定期限）
//!
//! ## 作用 What it does
//! 取年报末尾的落款日期（或“发布日期”“成文日期”），与条例第四十九条的期限比较：县级以上人民政府部门
//! 应在次年 1月31日前、县级以上地方人民政府应在次年 3月31日前公布。机关类型取自 nianbao.toml 的
//! `report.kind`，未配置时由机关名称推断（以“人民政府”结尾为政府，局、委、办等为部门）；
//! 乡镇、街道的期限由各地规定，未配置时不检查。
//!
//! Reports a signature or publication date after the statutory deadline
//! (部门 by 1月31日, 政府 by 3月31日 of the next year).
//!
//! ## 原因 Why
//! “不按时发布”是国办公开办函〔2021〕30号点名要追责的问题。
//!
//! ## 示例 Example
//! ```text
//! 银川市市政管理局
//! 2021年2月15日
//! ```
//!
//! ## 修复 Fix
//! 无自动修复：按期公布，或核对落款日期。
//!
//! ## 有意不报告 Deliberately not flagged
//! 乡镇、街道（期限由各地规定），除非在 nianbao.toml 中配置了机关类型。

use crate::dates;
use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::Report;
use crate::rules::{Ctx, Meta};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "late-publication",
    severity: Severity::Warning,
    summary: "公布（落款）日期晚于法定期限",
    summary_en: "the publication date is after the statutory deadline",
};

/// The signature or publication date: (year, month, day, span).
pub fn publication_date(r: &Report) -> Option<(i32, u32, u32, Span)> {
    let full = |line: Span| -> Option<(i32, u32, u32, Span)> {
        let text = r.text(line);
        dates::dates(text).into_iter().rev().find_map(|d| {
            let (y, _) = d.year?;
            let (m, _) = d.month?;
            let (day, _) = d.day?;
            Some((
                y,
                m,
                day,
                Span::new(line.start + d.span.start, line.start + d.span.end),
            ))
        })
    };
    for line in &r.doc.lines {
        let t = r.text(line.inner);
        if ["发布日期", "成文日期", "发布时间", "公开日期"]
            .iter()
            .any(|k| t.starts_with(k))
            && let Some(d) = full(line.inner)
        {
            return Some(d);
        }
    }
    r.doc
        .lines
        .iter()
        .rev()
        .filter(|l| !l.is_blank())
        .take(4)
        .filter(|l| r.text(l.inner).chars().count() <= 20)
        .find_map(|l| full(l.inner))
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    let (Some(year), Some(government)) = (r.year, r.government) else {
        return;
    };
    let Some((y, m, d, span)) = publication_date(r) else {
        return;
    };
    let deadline = if government {
        (year + 1, 3, 31)
    } else {
        (year + 1, 1, 31)
    };
    if (y, m, d) > deadline {
        let kind = if government {
            "县级以上地方人民政府"
        } else {
            "县级以上人民政府部门"
        };
        out.push(Diagnostic::new(
            META.name,
            META.severity,
            span,
            Msg::new(
                format!("{y}年{m}月{d}日晚于法定期限：{kind}应在{}年{}月{}日前公布{year}年度报告（条例第四十九条）", deadline.0, deadline.1, deadline.2),
                format!("{y}-{m:02}-{d:02} is after the deadline {}-{:02}-{:02} for the {year} report", deadline.0, deadline.1, deadline.2),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check_cases;
    use expect_test::expect;

    #[test]
    fn department_and_government_deadlines() {
        let dept = "银川市市政管理局2020年政府信息公开工作年度报告\n正文。\n银川市市政管理局\n2021年2月15日\n";
        let gov =
            "某某县人民政府2020年政府信息公开工作年度报告\n正文。\n某某县人民政府\n2021年2月15日\n";
        let cases = [
            ("部门 2月15日", dept.to_string()),
            ("政府 2月15日", gov.to_string()),
            ("政府 4月1日", gov.replace("2月15日", "4月1日")),
            (
                "乡镇没有法定期限",
                "某某镇人民政府2020年政府信息公开工作年度报告\n正文。\n2021年6月1日\n".into(),
            ),
            (
                "部门 上年12月31日",
                "银川市市政管理局2020年政府信息公开工作年度报告\n正文。\n银川市市政管理局\n2020年12月31日\n".into(),
            ),
        ];
        check_cases(
            "late-publication",
            cases,
            expect![[r#"
            ── 部门 2月15日
            4:1 warning [late-publication] 2021年2月15日晚于法定期限：县级以上人民政府部门应在2021年1月31日前公布2020年度报告（条例第四十九条）
            ── 政府 2月15日
            ── 政府 4月1日
            4:1 warning [late-publication] 2021年4月1日晚于法定期限：县级以上地方人民政府应在2021年3月31日前公布2020年度报告（条例第四十九条）
            ── 乡镇没有法定期限
            ── 部门 上年12月31日
        "#]],
        );
    }

    #[test]
    fn real_wording_is_not_late() {
        let mut cases: Vec<(&str, String)> = [
            "银川市市政管理局\n2020年12月31日\n",
            "银川市市政管理局\n2021年1月31日\n",
            "银川市市政管理局\n发布日期：2021-01-20\n",
            "本单位应公开政府信息通过网站发布。\n",
            "下一步将于2021年6月前完成整改。\n银川市市政管理局\n2021年1月20日\n",
        ]
        .iter()
        .map(|end| {
            let src = format!("银川市市政管理局2020年政府信息公开工作年度报告\n正文。\n{end}");
            (end.trim_end(), src)
        })
        .collect();
        cases.push((
            "政府 3月31日",
            "某某县人民政府2020年政府信息公开工作年度报告\n正文。\n某某县人民政府\n2021年3月31日\n"
                .into(),
        ));
        check_cases(
            "late-publication",
            cases,
            expect![[r#"
            ── 银川市市政管理局⏎2020年12月31日
            ── 银川市市政管理局⏎2021年1月31日
            ── 银川市市政管理局⏎发布日期：2021-01-20
            ── 本单位应公开政府信息通过网站发布。
            ── 下一步将于2021年6月前完成整改。⏎银川市市政管理局⏎2021年1月20日
            ── 政府 3月31日
        "#]],
        );
    }
}
