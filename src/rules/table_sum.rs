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
                        .chain(&rel.right)
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
    use crate::rules::test_util::{diags, fixed, run};

    const T4_BAD: &str = "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n4\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";

    #[test]
    fn review_total_must_add_up() {
        let found = run(T4_BAD, "table-sum");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 3);
        assert!(found[0].1.contains("应为 4"), "{}", found[0].1);
        assert!(fixed(T4_BAD, "table-sum").contains("4\t0\t0\t0\t4\t0"));
    }

    #[test]
    fn blank_total_is_not_checked_and_blank_addend_counts_zero() {
        let src = "行政复议\t\t\t\t\t行政诉讼\n4\t\t\t\t\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        assert!(run(src, "table-sum").is_empty());
        let src = "行政复议\t\t\t\t\t行政诉讼\n4\t\t\t\t4\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
        assert!(run(src, "table-sum").is_empty());
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
        let d = diags(&src, "table-sum");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(
            d[0].message
                .zh
                .contains("“（七）总计”行“自然人”列为 0，应为 1"),
            "{}",
            d[0].message.zh
        );
        assert_eq!(d[0].related.len(), 3);
        assert!(d[0].fix.as_ref().unwrap().is_safe());
        let out = fixed(&src, "table-sum");
        assert!(out.contains("（七）总计\t1\t0\t0\t0\t0\t0\t1"));
        assert!(run(&out, "table-sum").is_empty());
    }

    #[test]
    fn row_total_alone_is_reported_on_the_total() {
        let src = table3(&[
            ("一、本年新收政府信息公开申请数量", [2, 1, 0, 0, 0, 0, 2]),
            ("二、上年结转政府信息公开申请数量", [0; 7]),
            ("三、本年度办理结果\t（一）予以公开", [2, 1, 0, 0, 0, 0, 3]),
            ("（七）总计", [2, 1, 0, 0, 0, 0, 3]),
            ("四、结转下年度继续办理", [0; 7]),
        ]);
        let found = run(&src, "table-sum");
        // The row total of 一 and the balance of the 总计 column both fail;
        // one cell explains both.
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].0 == 2 && found[0].1.contains("应为 3"),
            "{found:?}"
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
        assert!(
            run(&src, "table-sum").is_empty(),
            "{:?}",
            run(&src, "table-sum")
        );
    }
}
