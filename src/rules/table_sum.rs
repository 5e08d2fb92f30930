//! # table-sum（表格勾稽关系不成立）
//!
//! ## 作用 What it does
//! 检查表三、表四的全部勾稽关系：
//! - 表三每一列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理；
//! - 表三每一列：（七）总计 = （一）（二）及（三）至（六）各子项之和；
//! - 表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他；
//! - 分组标签行（（三）（四）（五），2021 格式的（六））上若印有数字，视为小计，须等于其子项之和；
//! - 表四：行政复议、未经复议直接起诉、复议后起诉三组各自的 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。
//!
//! 空白的加数按 0 计；总计单元格为空时不检查该关系（空白由 empty-cell 报告）。
//! 当一个单元格的改正能同时修复多条不成立的关系（且不破坏成立的关系）时，只报告这一个单元格，
//! 写明“应为 N”，并把它破坏的各条关系列为相关位置。无法读准的行（见 row-shape）不参与计算；
//! 挤在一起、只有一种拆法的数字照拆法参与计算（见 read-by-arithmetic），但不给修复。
//!
//! Checks every arithmetic relation of tables 三 and 四 and pinpoints the one
//! cell that explains several failed relations.
//!
//! ## 原因 Why
//! 勾稽关系不平衡是审核退回年报最常见的原因；表格数字往往由多人填报、复制粘贴，极易出错。
//!
//! ## 示例 Example
//! ```text
//! (七)总计 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |
//! ```
//! 上方（一）予以公开 的自然人为 1，本行总计为 1，而本行“自然人”为 0：报告该单元格应为 1。
//!
//! ## 修复 Fix
//! 把单元格改为计算值。由本身各项之和重新计算的总计、以及能同时满足多条关系的单元格，属于安全修复；
//! 若修改总计会破坏其他成立的关系，则修复标为不安全（需 `--unsafe-fixes`）。两侧都可能出错的平衡关系不提供修复。
//!
//! ## 有意不报告 Deliberately not flagged
//! 总计单元格为空的关系（由 empty-cell 报告）；涉及未能读取的行的关系；表中有无法对应的文字或数字时，
//! 涉及“缺失”行的关系；表二（没有勾稽关系）；按算术拆出的单元格不给修复。

use crate::arith::{self, Finding};
use crate::diagnostic::{Diagnostic, Fix, Msg, Severity};
use crate::rules::{Ctx, Meta};
use crate::schema::RelationKind;

pub const META: Meta = Meta {
    name: "table-sum",
    severity: Severity::Error,
    summary: "表三、表四的勾稽关系不成立",
    summary_en: "an arithmetic relation of table 三 or 四 does not hold",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    for f in arith::findings(r) {
        match f {
            Finding::Cell {
                cell,
                current,
                expected,
                relations,
            } => {
                let Some(span) = arith::span_of(r, cell) else {
                    continue;
                };
                let (zh, en) = arith::cell_name(cell);
                let fix = arith::fixable(r, cell).then(|| {
                    Fix::replace(
                        Msg::new(format!("改为 {expected}"), format!("change to {expected}")),
                        span,
                        expected.to_string(),
                    )
                });
                let mut d = Diagnostic::new(
                    META.name,
                    META.severity,
                    span,
                    Msg::new(
                        format!(
                            "{zh}为 {current}，应为 {expected}：它使 {} 条勾稽关系不成立",
                            relations.len()
                        ),
                        format!(
                            "{en} is {current} but should be {expected}: it breaks {} relations",
                            relations.len()
                        ),
                    ),
                );
                if let Some(fix) = fix {
                    d = d.with_fix(fix);
                }
                for (rel, left, right) in relations {
                    let (dz, de) = arith::describe(&rel);
                    // Point at the relation's other side: its first other
                    // cell holding a number, else its first other cell.
                    let others: Vec<_> = rel
                        .left
                        .iter()
                        .chain(rel.right.iter())
                        .filter(|c| **c != cell)
                        .collect();
                    let nonzero = others.iter().find(|c| {
                        matches!(arith::cell_of(r, ***c), arith::Lookup::Cell(b) if b.value.addend().is_some_and(|v| v != 0))
                    });
                    let at = nonzero
                        .or(others.first())
                        .and_then(|c| arith::span_of(r, **c))
                        .unwrap_or(span);
                    d = d.with_related(
                        at,
                        Msg::new(
                            format!("{dz}：{left} ≠ {right}"),
                            format!("{de}: {left} ≠ {right}"),
                        ),
                    );
                }
                out.push(d);
            }
            Finding::Relation {
                rel,
                left,
                right,
                total_is_shared,
            } => {
                let (dz, de) = arith::describe(&rel);
                let Some(total) = rel.right.first().copied() else {
                    continue;
                };
                let Some(span) = arith::span_of(r, total) else {
                    continue;
                };
                if rel.kind == RelationKind::Balance {
                    out.push(Diagnostic::new(
                        META.name,
                        META.severity,
                        span,
                        Msg::new(
                            format!("{dz} 不成立：左边为 {left}，右边为 {right}"),
                            format!("{de} does not hold: left side {left}, right side {right}"),
                        ),
                    ));
                    continue;
                }
                let (cz, ce) = arith::cell_name(total);
                let msg = Msg::new(
                    format!("{cz}为 {right}，应为 {left}（{dz}）"),
                    format!("{ce} is {right} but should be {left} ({de})"),
                );
                let fix_msg = Msg::new(format!("改为 {left}"), format!("change to {left}"));
                let fix = if total_is_shared {
                    Fix::unsafe_(
                        fix_msg,
                        vec![crate::diagnostic::Edit {
                            span,
                            text: left.to_string(),
                        }],
                    )
                } else {
                    Fix::replace(fix_msg, span, left.to_string())
                };
                let d = Diagnostic::new(META.name, META.severity, span, msg);
                out.push(if arith::fixable(r, total) {
                    d.with_fix(fix)
                } else {
                    d
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    const T4_BAD: &str = "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n4\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";

    #[test]
    fn review_total_must_add_up() {
        check(
            T4_BAD,
            "table-sum",
            expect![[r#"
            3:9 error [table-sum] “行政复议·总计”为 0，应为 4（行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结）
                fix (Safe): 改为 4
                  @@ -1 +1 @@
                   行政复议→→→→→行政诉讼
                   结果维持→结果纠正→其他结果→尚未审结→总计→未经复议直接起诉→→→→→复议后起诉
                  -4→0→0→0→0→0→0→0→0→0→0→0→0→0→0
                  +4→0→0→0→4→0→0→0→0→0→0→0→0→0→0

        "#]],
        );
    }

    #[test]
    fn blank_total_is_not_checked_and_blank_addend_counts_zero() {
        let src = "行政复议\t\t\t\t\t行政诉讼\n4\t\t\t\t\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        check(src, "table-sum", expect![[""]]);
        let src = "行政复议\t\t\t\t\t行政诉讼\n4\t\t\t\t4\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        check(src, "table-sum", expect![[""]]);
    }

    fn table3(rows: &[(&str, [u32; 7])]) -> String {
        let mut s = String::from(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n",
        );
        for (label, v) in rows {
            s.push_str(label);
            for x in v {
                s.push_str(&format!("\t{x}"));
            }
            s.push('\n');
        }
        s
    }

    #[test]
    fn one_wrong_cell_is_pinpointed() {
        let src = table3(&[
            ("一、本年新收政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
            ("二、上年结转政府信息公开申请数量", [0; 7]),
            ("三、本年度办理结果\t（一）予以公开", [1, 0, 0, 0, 0, 0, 1]),
            ("（七）总计", [0, 0, 0, 0, 0, 0, 1]),
            ("四、结转下年度继续办理", [0; 7]),
        ]);
        check(
            &src,
            "table-sum",
            expect![[r#"
            5:7 error [table-sum] “（七）总计”行“自然人”列为 0，应为 1：它使 3 条勾稽关系不成立
                related 2:18 “自然人”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理：1 ≠ 0
                related 5:19 “（七）总计”行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他：0 ≠ 1
                related 4:19 “自然人”列：（七）总计 = （一）至（六）各项之和：1 ≠ 0
                fix (Safe): 改为 1
                  @@ -3 +3 @@
                   二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                   三、本年度办理结果→（一）予以公开→1→0→0→0→0→0→1
                  -（七）总计→0→0→0→0→0→0→1
                  +（七）总计→1→0→0→0→0→0→1
                   四、结转下年度继续办理→0→0→0→0→0→0→0

        "#]],
        );
        check(&fixed(&src, "table-sum"), "table-sum", expect![[""]]);
    }

    /// The row total of 一 and the balance of the 总计 column both fail;
    /// one cell explains both.
    #[test]
    fn row_total_alone_is_reported_on_the_total() {
        let src = table3(&[
            ("一、本年新收政府信息公开申请数量", [2, 1, 0, 0, 0, 0, 2]),
            ("二、上年结转政府信息公开申请数量", [0; 7]),
            ("三、本年度办理结果\t（一）予以公开", [2, 1, 0, 0, 0, 0, 3]),
            ("（七）总计", [2, 1, 0, 0, 0, 0, 3]),
            ("四、结转下年度继续办理", [0; 7]),
        ]);
        check(
            &src,
            "table-sum",
            expect![[r#"
            2:30 error [table-sum] “一、本年新收政府信息公开申请数量”行“总计”列为 2，应为 3：它使 2 条勾稽关系不成立
                related 5:19 “总计”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理：2 ≠ 3
                related 2:18 “一、本年新收政府信息公开申请数量”行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他：3 ≠ 2
                fix (Safe): 改为 3
                  @@ -1 +1 @@
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
                  -一、本年新收政府信息公开申请数量→2→1→0→0→0→0→2
                  +一、本年新收政府信息公开申请数量→2→1→0→0→0→0→3
                   二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                   三、本年度办理结果→（一）予以公开→2→1→0→0→0→0→3
        "#]],
        );
    }

    /// A draft's own subtotal on a group label line (（三）不予公开 with
    /// numbers) must equal its sub-rows, and balances the 总计 like them.
    #[test]
    fn group_subtotals_equal_their_sub_rows() {
        let zeros = "\t0\t0\t0\t0\t0\t0\t0";
        let two = "\t2\t0\t0\t0\t0\t0\t2";
        let one = "\t1\t0\t0\t0\t0\t0\t1";
        let t = crate::template::table3_text(
            crate::schema::Version::V2019,
            crate::model::Style::Tab,
            "\n",
        )
        .replace(
            &format!("一、本年新收政府信息公开申请数量{zeros}"),
            &format!("一、本年新收政府信息公开申请数量{two}"),
        )
        .replace(
            &format!("（三）不予公开\t1.属于国家秘密{zeros}"),
            &format!("（三）不予公开SUBTOTAL\n1.属于国家秘密{one}"),
        )
        .replace(
            &format!("2.其他法律行政法规禁止公开{zeros}"),
            &format!("2.其他法律行政法规禁止公开{one}"),
        )
        .replace(&format!("（七）总计{zeros}"), &format!("（七）总计{two}"));
        check(&t.replace("SUBTOTAL", two), "table-sum", expect![[""]]);
        check(
            &t.replace("SUBTOTAL", "\t3\t0\t0\t0\t0\t0\t3"),
            "table-sum",
            expect![[r#"
                8:9 error [table-sum] “第（三）项小计”行“自然人”列为 3，应为 2（“自然人”列：分组小计 = 其各子项之和）
                    fix (Safe): 改为 2
                      @@ -6 +6 @@
                       三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                       （二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                      -（三）不予公开→3→0→0→0→0→0→3
                      +（三）不予公开→2→0→0→0→0→0→3
                       1.属于国家秘密→1→0→0→0→0→0→1
                       2.其他法律行政法规禁止公开→1→0→0→0→0→0→1
                8:21 error [table-sum] “第（三）项小计”行“总计”列为 3，应为 2（“总计”列：分组小计 = 其各子项之和）
                    fix (Safe): 改为 2
                      @@ -6 +6 @@
                       三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                       （二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                      -（三）不予公开→3→0→0→0→0→0→3
                      +（三）不予公开→3→0→0→0→0→0→2
                       1.属于国家秘密→1→0→0→0→0→0→1
                       2.其他法律行政法规禁止公开→1→0→0→0→0→0→1
            "#]],
        );
    }

    /// Table 三 (2019) with 一、本年新收 and （一）予以公开 at 1 (自然人, 总计),
    /// every other cell 0, and `edit` applied.
    fn ones(edit: impl Fn(String) -> String) -> String {
        let zeros = "\t0\t0\t0\t0\t0\t0\t0";
        let one = "\t1\t0\t0\t0\t0\t0\t1";
        let t = crate::template::table3_text(
            crate::schema::Version::V2019,
            crate::model::Style::Tab,
            "\n",
        )
        .replace(
            &format!("一、本年新收政府信息公开申请数量{zeros}"),
            &format!("一、本年新收政府信息公开申请数量{one}"),
        )
        .replace(
            &format!("（一）予以公开{zeros}"),
            &format!("（一）予以公开{one}"),
        )
        .replace(&format!("（七）总计{zeros}"), &format!("（七）总计{one}"));
        edit(t)
    }

    /// A missing addend row counts 0 — unless text in the table found no
    /// row (it may be that row), and then its relations are not checked.
    #[test]
    fn a_missing_row_counts_zero_unless_the_table_is_partly_unread() {
        let cut = |t: String| t.replace("\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1", "");
        check(
            &ones(cut),
            "table-sum",
            expect![[r#"
            25:7 error [table-sum] “（七）总计”行“自然人”列为 1，应为 0（“自然人”列：（七）总计 = （一）至（六）各项之和）
                fix (Unsafe): 改为 0
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  -（七）总计→1→0→0→0→0→0→1
                  +（七）总计→0→0→0→0→0→0→1
                   四、结转下年度继续办理→0→0→0→0→0→0→0
            25:19 error [table-sum] “（七）总计”行“总计”列为 1，应为 0（“总计”列：（七）总计 = （一）至（六）各项之和）
                fix (Unsafe): 改为 0
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  -（七）总计→1→0→0→0→0→0→1
                  +（七）总计→1→0→0→0→0→0→0
                   四、结转下年度继续办理→0→0→0→0→0→0→0
        "#]],
        );
        let unplaced =
            |t: String| cut(t).replace("（二）部分公开", "另有说明文字\t1\n（二）部分公开");
        check(&ones(unplaced), "table-sum", expect![[""]]);
        check(
            &ones(unplaced),
            "unreadable-table",
            expect![[r#"
            6:1 info [unreadable-table] 表三（收到和处理政府信息公开申请情况）：有 1 处文字、1 组数字无法对应到表格的行。这些行涉及的勾稽关系未检查
                related 6:1 无法对应到行的文字
                related 7:8 无法对应到行的数字
        "#]],
        );
    }

    /// A missing total is not a 0: the relations it totals are not checked.
    #[test]
    fn a_missing_total_row_is_not_read_as_zero() {
        let cut = |t: String| t.replace("（七）总计\t1\t0\t0\t0\t0\t0\t1\n", "");
        check(&ones(|t| t), "table-sum", expect![[""]]);
        check(&ones(cut), "table-sum", expect![[""]]);
        check(
            &ones(cut),
            "missing-row",
            expect![[r#"
            24:1 error [missing-row] 表三缺少“（七）总计”行（2019 格式）
                fix (Unsafe): 插入“（七）总计”行（全部填 0）
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  +（七）总计→0→0→0→0→0→0→0
                   四、结转下年度继续办理→0→0→0→0→0→0→0
        "#]],
        );
    }

    /// Web text that lost its cell separators: the digits are cut by each
    /// row's own total; a relation the cut cells break is reported, but a
    /// cell cut out of run-together digits is never rewritten by a fix.
    #[test]
    fn cells_cut_by_arithmetic_get_no_fix() {
        let glued = |t: String| {
            t.replace(
                "（七）总计\t1\t0\t0\t0\t0\t0\t1",
                "（七）总计\t2\t0\t0\t0\t0\t0\t2",
            )
            .lines()
            .map(|l| format!("{}\n", l.replace('\t', "")))
            .collect()
        };
        check(
            &ones(glued),
            "table-sum",
            expect![[r#"
            25:6 error [table-sum] “自然人”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理 不成立：左边为 1，右边为 2
            25:6 error [table-sum] “（七）总计”行“自然人”列为 2，应为 1（“自然人”列：（七）总计 = （一）至（六）各项之和）
            25:12 error [table-sum] “总计”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理 不成立：左边为 1，右边为 2
            25:12 error [table-sum] “（七）总计”行“总计”列为 2，应为 1（“总计”列：（七）总计 = （一）至（六）各项之和）
        "#]],
        );
    }

    /// Two wrong cells, each breaking two or more relations: both are
    /// pinpointed, the second with the first already corrected.
    #[test]
    fn two_wrong_cells_are_both_pinpointed() {
        let two = |t: String| {
            t.replace("（七）总计\t1\t0", "（七）总计\t0\t0").replace(
                "一、本年新收政府信息公开申请数量\t1\t0\t0",
                "一、本年新收政府信息公开申请数量\t1\t0\t5",
            )
        };
        check(
            &ones(two),
            "table-sum",
            expect![[r#"
            4:22 error [table-sum] “一、本年新收政府信息公开申请数量”行“科研机构”列为 5，应为 0：它使 2 条勾稽关系不成立
                related 5:22 “科研机构”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理：5 ≠ 0
                related 4:18 “一、本年新收政府信息公开申请数量”行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他：6 ≠ 1
                fix (Safe): 改为 0
                  @@ -2 +2 @@
                   →自然人→法人或其他组织→→→→→总计
                   →→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                  -一、本年新收政府信息公开申请数量→1→0→5→0→0→0→1
                  +一、本年新收政府信息公开申请数量→1→0→0→0→0→0→1
                   二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                   三、本年度办理结果→（一）予以公开→1→0→0→0→0→0→1
            25:7 error [table-sum] “（七）总计”行“自然人”列为 0，应为 1：它使 3 条勾稽关系不成立
                related 4:18 “自然人”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理：1 ≠ 0
                related 25:19 “（七）总计”行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他：0 ≠ 1
                related 6:19 “自然人”列：（七）总计 = （一）至（六）各项之和：1 ≠ 0
                fix (Safe): 改为 1
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  -（七）总计→0→0→0→0→0→0→1
                  +（七）总计→1→0→0→0→0→0→1
                   四、结转下年度继续办理→0→0→0→0→0→0→0
        "#]],
        );
    }

    /// No cell is pinpointed when its correction would break a relation
    /// that holds ((七)总计 1 = its own row, but 一 and （一） say 2), nor
    /// when the relations it is in want different values: the failed
    /// relations are reported as they are.
    #[test]
    fn no_cell_is_pinpointed_when_its_correction_breaks_or_disagrees() {
        let twos = |t: String| {
            t.replace(
                "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2",
            )
            .replace(
                "（一）予以公开\t1\t0\t0\t0\t0\t0\t1",
                "（一）予以公开\t2\t0\t0\t0\t0\t0\t2",
            )
        };
        check(
            &ones(twos),
            "table-sum",
            expect![[r#"
            25:7 error [table-sum] “自然人”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理 不成立：左边为 2，右边为 1
            25:7 error [table-sum] “（七）总计”行“自然人”列为 1，应为 2（“自然人”列：（七）总计 = （一）至（六）各项之和）
                fix (Unsafe): 改为 2
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  -（七）总计→1→0→0→0→0→0→1
                  +（七）总计→2→0→0→0→0→0→1
                   四、结转下年度继续办理→0→0→0→0→0→0→0
            25:19 error [table-sum] “总计”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理 不成立：左边为 2，右边为 1
            25:19 error [table-sum] “（七）总计”行“总计”列为 1，应为 2（“总计”列：（七）总计 = （一）至（六）各项之和）
                fix (Unsafe): 改为 2
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  -（七）总计→1→0→0→0→0→0→1
                  +（七）总计→1→0→0→0→0→0→2
                   四、结转下年度继续办理→0→0→0→0→0→0→0
        "#]],
        );
        // (七) 自然人: the balance and its row want 2, the outcomes 3.
        let disagree = |t: String| {
            t.replace(
                "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2",
            )
            .replace(
                "（一）予以公开\t1\t0\t0\t0\t0\t0\t1",
                "（一）予以公开\t3\t0\t0\t0\t0\t0\t3",
            )
            .replace(
                "（七）总计\t1\t0\t0\t0\t0\t0\t1",
                "（七）总计\t0\t0\t0\t0\t0\t0\t2",
            )
        };
        check(
            &ones(disagree),
            "table-sum",
            expect![[r#"
            25:7 error [table-sum] “自然人”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理 不成立：左边为 2，右边为 0
            25:7 error [table-sum] “（七）总计”行“自然人”列为 0，应为 3（“自然人”列：（七）总计 = （一）至（六）各项之和）
                fix (Safe): 改为 3
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  -（七）总计→0→0→0→0→0→0→2
                  +（七）总计→3→0→0→0→0→0→2
                   四、结转下年度继续办理→0→0→0→0→0→0→0
            25:19 error [table-sum] “（七）总计”行“总计”列为 2，应为 0（“（七）总计”行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他）
                fix (Unsafe): 改为 0
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  -（七）总计→0→0→0→0→0→0→2
                  +（七）总计→0→0→0→0→0→0→0
                   四、结转下年度继续办理→0→0→0→0→0→0→0
            25:19 error [table-sum] “（七）总计”行“总计”列为 2，应为 3（“总计”列：（七）总计 = （一）至（六）各项之和）
                fix (Unsafe): 改为 3
                  @@ -23 +23 @@
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                   （六）其他处理→0→0→0→0→0→0→0
                  -（七）总计→0→0→0→0→0→0→2
                  +（七）总计→0→0→0→0→0→0→3
                   四、结转下年度继续办理→0→0→0→0→0→0→0
        "#]],
        );
    }

    /// The cell that explains the most failed relations wins over one met
    /// earlier that explains fewer (一's 自然人 alone would repair the
    /// balance, its row total being blank; （一）'s 自然人 repairs two).
    #[test]
    fn the_cell_explaining_most_relations_is_pinpointed() {
        let src = |t: String| {
            t.replace(
                "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t",
            )
            .replace(
                "（一）予以公开\t1\t0\t0\t0\t0\t0\t1",
                "（一）予以公开\t2\t0\t0\t0\t0\t0\t1",
            )
        };
        check(
            &ones(src),
            "table-sum",
            expect![[r#"
            6:19 error [table-sum] “（一）予以公开”行“自然人”列为 2，应为 1：它使 2 条勾稽关系不成立
                related 6:31 “（一）予以公开”行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他：2 ≠ 1
                related 25:7 “自然人”列：（七）总计 = （一）至（六）各项之和：2 ≠ 1
                fix (Safe): 改为 1
                  @@ -4 +4 @@
                   一、本年新收政府信息公开申请数量→2→0→0→0→0→0→
                   二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                  -三、本年度办理结果→（一）予以公开→2→0→0→0→0→0→1
                  +三、本年度办理结果→（一）予以公开→1→0→0→0→0→0→1
                   （二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                   （三）不予公开→1.属于国家秘密→0→0→0→0→0→0→0
            25:7 error [table-sum] “自然人”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理 不成立：左边为 2，右边为 1
            25:19 error [table-sum] “总计”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理 不成立：左边为 2，右边为 1
        "#]],
        );
    }

    #[test]
    fn clean_table_has_no_finding() {
        let src = table3(&[
            ("一、本年新收政府信息公开申请数量", [3, 1, 0, 0, 0, 0, 4]),
            ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
            ("三、本年度办理结果\t（一）予以公开", [2, 1, 0, 0, 0, 0, 3]),
            ("（三）不予公开\t1.属于国家秘密", [1, 0, 0, 0, 0, 0, 1]),
            ("（七）总计", [3, 1, 0, 0, 0, 0, 4]),
            ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0, 1]),
        ]);
        check(&src, "table-sum", expect![[""]]);
    }
}
