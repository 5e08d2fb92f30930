//! # missing-title（缺少年报标题）
//!
//! ## 作用 What it does
//! 报告开头几行没有“××××年政府信息公开工作年度报告”式标题的年报。标题可分两行（机关名称一行、
//! 年份与“政府信息公开工作年度报告”一行），年份可在机关名称前或后。
//!
//! Reports a draft with no title line such as
//! “{unit}{year}年政府信息公开工作年度报告”.
//!
//! ## 原因 Why
//! 标题写明机关与年度，是年报被检索、归档的依据；缺少标题的文本往往是从正文开始误复制的。
//!
//! ## 示例 Example
//! 正文直接以“本报告由银川市市政管理局根据……编制而成”开始。
//!
//! ## 修复 Fix
//! 在文首插入标题；机关名称与年份取自正文（“本报告由……”、统计期限），属于不安全修复，请核对后使用。
//!
//! ## 有意不报告 Deliberately not flagged
//! 分两行写的标题（机关一行、年份与“年度报告”一行），年份在机关名称前或后。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::rules::{Ctx, Meta};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "missing-title",
    severity: Severity::Warning,
    summary: "缺少年报标题",
    summary_en: "the report has no title",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    if r.title.is_some() || !r.looks_like_report {
        return;
    }
    let first = r.first_text_line();
    let suggestion = match (&r.unit, r.year) {
        (Some(u), Some(y)) => Some(format!("{u}{y}年政府信息公开工作年度报告")),
        _ => None,
    };
    let (zh, en) = match &suggestion {
        Some(s) => (
            format!("缺少年报标题，应为“{s}”"),
            format!("the report has no title; expected “{s}”"),
        ),
        None => (
            "缺少年报标题（如“××机关××××年政府信息公开工作年度报告”）".to_string(),
            "the report has no title".to_string(),
        ),
    };
    // Point at the start of the text, not a whole paragraph.
    let at = first.first_char(r.doc.source);
    let mut d = Diagnostic::new(META.name, META.severity, at, Msg::new(zh, en));
    if let Some(s) = suggestion {
        let nl = r.newline();
        d = d.with_fix(Fix::unsafe_(
            Msg::new(format!("插入标题“{s}”"), format!("insert the title “{s}”")),
            vec![Edit {
                span: Span::empty(first.start),
                text: format!("{s}{nl}{nl}"),
            }],
        ));
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, check_cases, fixed};
    use expect_test::expect;

    #[test]
    fn missing_title_with_suggestion() {
        let src = "本报告由银川市市政管理局根据《中华人民共和国政府信息公开条例》规定编制而成，政府信息公开数据统计期限为2020年1月1日至2020年12月31日。\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
        check(
            src,
            "missing-title",
            expect![[r#"
            1:1 warning [missing-title] 缺少年报标题，应为“银川市市政管理局2020年政府信息公开工作年度报告”
                fix (Unsafe): 插入标题“银川市市政管理局2020年政府信息公开工作年度报告”
                  @@ -1 +1 @@
                  +银川市市政管理局2020年政府信息公开工作年度报告
                  +
                   本报告由银川市市政管理局根据《中华人民共和国政府信息公开条例》规定编制而成，政府信息公开数据统计期限为2020年1月1日至2020年12月31日。
                   一、总体情况
        "#]],
        );
        check(&fixed(src, "missing-title"), "missing-title", expect![[""]]);
    }

    #[test]
    fn two_line_and_year_first_titles() {
        let cases = [
            "淮安市人民政府\n2024 年政府信息公开工作年度报告\n",
            "2019年上海市人民政府办公厅政府信息公开工作年度报告\n",
            "定西市公共资源交易中心2020年政府信息公开工作的年度报告\n",
        ]
        .map(|t| (t.trim_end(), format!("{t}一、总体情况\n政府信息公开\n")));
        check_cases(
            "missing-title",
            cases,
            expect![[r#"
            ── 淮安市人民政府⏎2024 年政府信息公开工作年度报告
            ── 2019年上海市人民政府办公厅政府信息公开工作年度报告
            ── 定西市公共资源交易中心2020年政府信息公开工作的年度报告
        "#]],
        );
    }
}
