//! # missing-fee-statement（2021 格式第六部分缺少信息处理费情况）
//!
//! ## 作用 What it does
//! 2021 格式要求在“六、其他需要报告的事项”中报告收取信息处理费的情况（依据条例第四十二条和
//! 《政府信息公开信息处理费管理办法》国办函〔2020〕109号）：发出收费通知的件数和金额、实际收取的金额，
//! 没有收费也应写明。第六部分没有提到信息处理费（或收费）时报告。
//!
//! Reports a 2021-format section 六 with no statement on 信息处理费.
//!
//! ## 原因 Why
//! 国办公开办函〔2021〕30号格式把信息处理费情况列为第六部分的内容；只写“无”不符合要求。
//!
//! ## 示例 Example
//! ```text
//! 六、其他需要报告的事项
//! 无。
//! ```
//!
//! ## 修复 Fix
//! 提供补写“本年度未收取政府信息公开信息处理费。”的不安全修复（如有收费，请写明件数和金额）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 2019 格式的年报。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::rules::{Ctx, Meta};
use crate::schema::Version;
use crate::text::Span;

pub const META: Meta = Meta {
    name: "missing-fee-statement",
    severity: Severity::Warning,
    summary: "2021 格式第六部分缺少信息处理费情况",
    summary_en: "section 六 lacks the 信息处理费 statement (2021 format)",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    let v2021 = r.required_version == Some(Version::V2021)
        || (r.required_version.is_none() && r.version == Version::V2021);
    if !v2021 {
        return;
    }
    let Some(idx) = r.sections.iter().position(|s| s.matched == Some(6)) else {
        return;
    };
    let h = &r.sections[idx];
    let end = r
        .sections
        .get(idx + 1)
        .map(|s| s.line)
        .unwrap_or(r.doc.lines.len());
    let body: String = std::iter::once(r.text(Span::new(h.title.end, h.span.end)))
        .chain(r.doc.lines[h.line + 1..end].iter().map(|l| r.text(l.inner)))
        .collect();
    if body.contains("处理费")
        || (body.contains("收费") || body.contains("收取")) && body.contains("费")
    {
        return;
    }
    let last = r.doc.lines[h.line..end]
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .map(|l| l.span)
        .unwrap_or(h.span);
    let nl = r.newline();
    let sentence = match r.year {
        Some(y) => format!("{y}年，本机关未收取政府信息公开信息处理费。"),
        None => "本年度本机关未收取政府信息公开信息处理费。".to_string(),
    };
    out.push(
        Diagnostic::new(
            META.name,
            META.severity,
            h.span,
            Msg::new(
                "2021 格式的“六、其他需要报告的事项”应写明收取信息处理费的情况（件数、金额；未收取也应说明）",
                "the 2021 format requires section 六 to state the 信息处理费 charged (count and amount, or none)",
            ),
        )
        .with_fix(Fix::unsafe_(
            Msg::new(format!("补写“{sentence}”"), "state that no fee was charged"),
            vec![Edit { span: Span::empty(last.end), text: format!("{nl}{nl}{sentence}") }],
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, check_cases, fixed};
    use expect_test::expect;

    #[test]
    fn fee_statement_required_from_2021() {
        let src = "某局2022年政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n问题与改进。\n六、其他需要报告的事项\n无。\n";
        check(
            src,
            "missing-fee-statement",
            expect![[r#"
            4:1 warning [missing-fee-statement] 2021 格式的“六、其他需要报告的事项”应写明收取信息处理费的情况（件数、金额；未收取也应说明）
                fix (Unsafe): 补写“2022年，本机关未收取政府信息公开信息处理费。”
                  @@ -5 +5 @@
                   无。

                  +2022年，本机关未收取政府信息公开信息处理费。
                  +
        "#]],
        );
        check(
            &fixed(src, "missing-fee-statement"),
            "missing-fee-statement",
            expect![[""]],
        );
        let cases = [
            ("2020 年的报告", src.replace("2022", "2020")),
            (
                "写了收费",
                src.replace("无。", "2022年，全年收取信息处理费 3940 元。"),
            ),
        ];
        check_cases(
            "missing-fee-statement",
            cases,
            expect![[r#"
            ── 2020 年的报告
            ── 写了收费
        "#]],
        );
    }

    #[test]
    fn real_wording_mentions_the_fee() {
        let cases = [
            "2024 年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 3940 元。",
            "本年度未收取信息处理费。",
            "本机关未发出收费通知，未收取费用。",
            "按照《政府信息公开信息处理费管理办法》，本年度共发出收费通知 2 件，收取费用 100 元。",
            "1. 信息处理费：无。2. 人大代表建议办理：全部办结。",
        ]
        .map(|six| {
            let src = format!(
                "某局2022年政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n问题与改进。\n六、其他需要报告的事项\n{six}\n"
            );
            (six, src)
        });
        check_cases(
            "missing-fee-statement",
            cases,
            expect![[r#"
            ── 2024 年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息…
            ── 本年度未收取信息处理费。
            ── 本机关未发出收费通知，未收取费用。
            ── 按照《政府信息公开信息处理费管理办法》，本年度共发出收费通知 2 件，收取费用 …
            ── 1. 信息处理费：无。2. 人大代表建议办理：全部办结。
        "#]],
        );
    }
}
