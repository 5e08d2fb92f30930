//! # label-variant（行或列标签不是官方表述）
//!
//! ## 作用 What it does
//! 报告表格中与官方模板不一致的行标签或列标签，例如“商业机构”（应为“商业企业”）、“社会组织”
//! （应为“社会公益组织”）、“属于四类过程信息”（应为“属于四类过程性信息”）、“其他法律法规禁止公开”
//! （应为“其他法律行政法规禁止公开”）。字间空格、全角半角括号与引号的差别不算变体。只错、多、少一个字的标签
//! （“2.重复申某”）照官方标签读出，并在此提示。
//!
//! Reports an unofficial wording of a row or column label.
//!
//! ## 原因 Why
//! 年报格式由国务院办公厅统一规定，标签改写会让汇总、比对和审核出错。
//!
//! ## 示例 Example
//! ```text
//!  | 6.属于四类过程信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
//! ```
//!
//! ## 修复 Fix
//! 改为官方标签（安全修复，保留编号）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 字间空格、全角半角括号与引号的差别。

use crate::diagnostic::{Diagnostic, Fix, Msg, Severity};
use crate::rules::{Ctx, Meta};

pub const META: Meta = Meta {
    name: "label-variant",
    severity: Severity::Hint,
    summary: "表格行或列标签不是官方表述",
    summary_en: "a row or column label is not the official wording",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    for v in &r.variants {
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                v.span,
                Msg::new(
                    format!(
                        "{}标签“{}”不是官方表述，应为“{}”",
                        v.table.name(),
                        v.found,
                        v.official
                    ),
                    format!(
                        "{} label “{}” is not the official wording; use “{}”",
                        v.table.name_en(),
                        v.found,
                        v.official
                    ),
                ),
            )
            .with_fix(Fix::replace(
                Msg::new(
                    format!("改为“{}”", v.official),
                    format!("change to “{}”", v.official),
                ),
                v.span,
                v.official.clone(),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    #[test]
    fn column_and_row_variants() {
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n\t自然人\t法人或其他组织\n\t\t商业机构\t科研机构\t社会组织\t法律服务机构\t其他\t总计\n一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n（三）不予公开\t6. 属于四类过程信息\t0\t0\t0\t0\t0\t0\t0\n";
        check(
            src,
            "label-variant",
            expect![[r#"
            3:3 hint [label-variant] 表三（收到和处理政府信息公开申请情况）标签“商业机构”不是官方表述，应为“商业企业”
                fix (Safe): 改为“商业企业”
                  @@ -1 +1 @@
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
                   →自然人→法人或其他组织
                  -→→商业机构→科研机构→社会组织→法律服务机构→其他→总计
                  +→→商业企业→科研机构→社会组织→法律服务机构→其他→总计
                   一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                   （三）不予公开→6. 属于四类过程信息→0→0→0→0→0→0→0
            3:13 hint [label-variant] 表三（收到和处理政府信息公开申请情况）标签“社会组织”不是官方表述，应为“社会公益组织”
                fix (Safe): 改为“社会公益组织”
                  @@ -1 +1 @@
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
                   →自然人→法人或其他组织
                  -→→商业机构→科研机构→社会组织→法律服务机构→其他→总计
                  +→→商业机构→科研机构→社会公益组织→法律服务机构→其他→总计
                   一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                   （三）不予公开→6. 属于四类过程信息→0→0→0→0→0→0→0
            5:12 hint [label-variant] 表三（收到和处理政府信息公开申请情况）标签“属于四类过程信息”不是官方表述，应为“属于四类过程性信息”
                fix (Safe): 改为“属于四类过程性信息”
                  @@ -3 +3 @@
                   →→商业机构→科研机构→社会组织→法律服务机构→其他→总计
                   一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                  -（三）不予公开→6. 属于四类过程信息→0→0→0→0→0→0→0
                  +（三）不予公开→6. 属于四类过程性信息→0→0→0→0→0→0→0

        "#]],
        );
        check(&fixed(src, "label-variant"), "label-variant", expect![[""]]);
    }

    #[test]
    fn spacing_and_brackets_are_not_variants() {
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n三、 本 年 度 办 理 结 果\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t0\n\t(三) 不 予 公 开\t3. 危及\"三安全一稳定\"\t0\t0\t0\t0\t0\t0\t0\n";
        check(src, "label-variant", expect![[""]]);
    }
}

#[cfg(test)]
mod numbering_tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    /// Found by the crash-fix property test: a row numbered 4 where the
    /// template has 3 grew a closing quote on every --fix.
    #[test]
    fn a_wrong_numbering_is_rewritten_whole_and_the_fix_converges() {
        let src = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n\t\t4.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\n";
        check(
            src,
            "label-variant",
            expect![[r#"
            3:3 hint [label-variant] 表三（收到和处理政府信息公开申请情况）标签“4.危及“三安全一稳定””不是官方表述，应为“3.危及“三安全一稳定””
                fix (Safe): 改为“3.危及“三安全一稳定””
                  @@ -1 +1 @@
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
                   →→2.其他法律行政法规禁止公开→0→0→0→0→0→0→0
                  -→→4.危及“三安全一稳定”→0→0→0→0→0→0→0
                  +→→3.危及“三安全一稳定”→0→0→0→0→0→0→0

        "#]],
        );
        let once = fixed(src, "label-variant");
        check(&once, "label-variant", expect![[""]]);
        assert_eq!(fixed(&once, "label-variant"), once);
    }
}
