//! # section-order（部分编号错误、顺序错乱或不是法定部分）
//!
//! ## 作用 What it does
//! 检查一级标题（“一、”至“六、”）：编号与其内容不符（如“四、收到和处理政府信息公开申请情况”应为“三、”），
//! 顺序颠倒或重复，以及不属于六个法定部分的一级标题（如“三、规范平台，健全公开体系”，应作为某部分下的小标题）。
//!
//! 不报告：转换工具在分页处重复的同一标题（两次之间只有表格）、表格的标题行（“表三：……”“表三（续）”），
//! 以及部分内部从“一、”重新编号的小标题列表——这些都不是重复或多出的部分。
//!
//! Reports a section that is misnumbered, out of order, repeated, or not one
//! of the six official sections; a heading a converter repeated over a page
//! break and a table's caption are neither.
//!
//! ## 原因 Why
//! 年报的六个部分及其顺序由统一格式规定；编号错乱会让读者和汇总系统找错内容。
//!
//! ## 示例 Example
//! ```text
//! 三、规范平台，健全公开体系
//! 四、收到和处理政府信息公开申请情况
//! ```
//!
//! ## 修复 Fix
//! 编号错误时改为正确编号（安全修复）；非法定部分需人工改为小标题或并入相应部分，不提供自动修复。
//!
//! ## 有意不报告 Deliberately not flagged
//! 部分内部从“一、”重新编号的小标题列表。

use crate::diagnostic::{Diagnostic, Fix, Msg, Severity};
use crate::rules::{Ctx, Meta};
use crate::syntax::cn_numeral;
use crate::template;

pub const META: Meta = Meta {
    name: "section-order",
    severity: Severity::Warning,
    summary: "部分编号错误、顺序错乱或不是法定部分",
    summary_en: "a section is misnumbered, out of order or not official",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    if !r.looks_like_report {
        return;
    }
    let mut last_matched = 0u32;
    let mut seen: Vec<u32> = Vec::new();
    for h in &r.sections {
        let title = r.text(h.title);
        let shown = h
            .number
            .map(|n| format!("{}、", cn_numeral(n)))
            .unwrap_or_default();
        match h.matched {
            None => out.push(Diagnostic::new(
                META.name,
                META.severity,
                h.span,
                Msg::new(
                    format!("“{shown}{title}”不是年报的六个法定部分之一，应作为某部分下的小标题或并入相应部分"),
                    format!("“{shown}{title}” is not one of the six official sections; make it a sub-heading"),
                ),
            )),
            Some(m) => {
                if seen.contains(&m) {
                    out.push(Diagnostic::new(
                        META.name,
                        META.severity,
                        h.span,
                        Msg::new(format!("“{}”部分重复出现", template::section_heading(m)), format!("section “{}” appears twice", template::section_heading(m))),
                    ));
                    continue;
                }
                seen.push(m);
                if let (Some(n), Some(ns)) = (h.number, h.number_span)
                    && n != m
                {
                    let right = format!("{}、", cn_numeral(m));
                    out.push(
                        Diagnostic::new(
                            META.name,
                            META.severity,
                            ns,
                            Msg::new(
                                format!("“{title}”是第{}部分，编号应为“{right}”而不是“{shown}”", cn_numeral(m)),
                                format!("“{title}” is section {m}: number it “{right}”, not “{shown}”"),
                            ),
                        )
                        .with_fix(Fix::replace(Msg::new(format!("改为“{right}”"), format!("renumber as “{right}”")), ns, right.clone())),
                    );
                } else if m < last_matched {
                    out.push(Diagnostic::new(
                        META.name,
                        META.severity,
                        h.span,
                        Msg::new(format!("“{title}”顺序错误：应在第{}部分之前", cn_numeral(last_matched)), format!("“{title}” is out of order: it belongs before section {last_matched}")),
                    ));
                }
                last_matched = last_matched.max(m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;
    use expect_test::expect;

    #[test]
    fn non_standard_and_misnumbered() {
        let src = "某镇2019年政府信息公开工作年度报告\n一、总体工作情况\n二、主动公开政府信息情况\n三、规范平台，健全公开体系\n四、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n";
        check(
            src,
            "section-order",
            expect![[r#"
            4:1 warning [section-order] “三、规范平台，健全公开体系”不是年报的六个法定部分之一，应作为某部分下的小标题或并入相应部分
            5:1 warning [section-order] “收到和处理政府信息公开申请情况”是第三部分，编号应为“三、”而不是“四、”
                fix (Safe): 改为“三、”
                  @@ -3 +3 @@
                   二、主动公开政府信息情况
                   三、规范平台，健全公开体系
                  -四、收到和处理政府信息公开申请情况
                  +三、收到和处理政府信息公开申请情况
                   五、存在的主要问题及改进情况

        "#]],
        );
    }

    #[test]
    fn table_row_labels_are_not_sections() {
        let src = "某局2020年政府信息公开工作年度报告\n一、总体情况\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议、行政诉讼情况\n";
        check(src, "section-order", expect![[""]]);
    }

    #[test]
    fn numbered_lists_inside_a_section_are_not_sections() {
        let src = "某局2020年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n一、存在问题\n公开不及时。\n二、改进措施\n加强培训。\n六、其他需要报告的事项\n无。\n";
        check(src, "section-order", expect![[""]]);
        check(src, "missing-section", expect![[""]]);
        // A section that really comes back out of order is still reported.
        let swapped = src.replace(
            "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n",
            "四、政府信息公开行政复议、行政诉讼情况\n三、收到和处理政府信息公开申请情况\n",
        );
        check(
            &swapped,
            "section-order",
            expect![[r#"
            6:1 warning [section-order] “收到和处理政府信息公开申请情况”顺序错误：应在第四部分之前
        "#]],
        );
    }
}
