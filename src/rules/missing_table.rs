//! # missing-table（缺少统计表，或表格没有数字）
//!
//! ## 作用 What it does
//! 报告缺少的三张统计表之一（表二 主动公开政府信息情况、表三 收到和处理政府信息公开申请情况、
//! 表四 政府信息公开行政复议、行政诉讼情况），以及只有表头、没有任何数字的表格。
//!
//! 只在文本确实没有时才说“缺少”“没有数字”：表格的专有词语（错一个字、字间有空格也算）在文中，
//! 表就在；表的范围里有数字却一行也没读出，是“未能读取”（`unreadable-table` 提示），不是没有数字；
//! 读出的空白行是行，其空白由 `empty-cell` 报告。
//!
//! Reports a required table that is absent, or present without numbers,
//! only where the text lacks them: a table whose numbers are there but
//! unread is `unreadable-table`.
//!
//! ## 原因 Why
//! 三张表是年报的法定内容（条例第五十条）；只有表头的表格等于没有报告。
//!
//! ## 示例 Example
//! 表四只有“行政复议 / 行政诉讼”表头，没有数据行。
//!
//! ## 修复 Fix
//! 插入该报告格式版本（2019 或 2021）的整张官方表格，或为只有表头的表四补上一行 0，沿用文档的表格风格。
//! 填 0 是推定，属于不安全修复。
//!
//! ## 有意不报告 Deliberately not flagged
//! 有数字但个别行读不准的表（由 row-shape 报告）。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::{Report, Style, Table};
use crate::rules::{Ctx, Meta};
use crate::template;
use crate::text::Span;

pub const META: Meta = Meta {
    name: "missing-table",
    severity: Severity::Error,
    summary: "缺少统计表，或表格没有数字",
    summary_en: "a required table is absent or has no numbers",
};

fn doc_style(r: &Report) -> Style {
    if let Some(t) = &r.table3 {
        return t.style;
    }
    if let Some(t) = &r.table4 {
        return t.style;
    }
    if r.doc
        .lines
        .iter()
        .any(|l| l.sep == crate::syntax::Separator::Pipe)
    {
        Style::Pipe
    } else {
        Style::Tab
    }
}

fn table_words_present(r: &Report, id: Table) -> bool {
    let norm: Vec<char> = crate::text::normalize_label(r.doc.source).chars().collect();
    id.named_in(&norm)
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    if !r.looks_like_report {
        return;
    }
    let nl = r.newline();
    let style = doc_style(r);
    let tables = [
        (Table::T2, 2u32, r.table2.is_some()),
        (Table::T3, 3, r.table3.is_some()),
        (Table::T4, 4, r.table4.is_some()),
    ];
    for (id, section, present) in tables {
        // Words only the table has: it is there, though it could not be read.
        if present || table_words_present(r, id) {
            continue;
        }
        let text = match id {
            Table::T2 => template::table2_text(r.version, style, nl),
            Table::T3 => template::table3_text(r.version, style, nl),
            Table::T4 => template::table4_text(style, nl),
        };
        // Where it belongs: after its section's heading, else at the end.
        let (anchor, at) = match r.section(section) {
            Some(h) => (h.span, Span::empty(h.span.end)),
            None => {
                let last = r.last_text_line();
                (last, Span::empty(last.end))
            }
        };
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                anchor,
                Msg::new(
                    format!("缺少{}", id.name()),
                    format!("{} is missing", id.name_en()),
                ),
            )
            .with_fix(Fix::unsafe_(
                Msg::new(
                    format!(
                        "插入{} {} 格式的官方表格（全部填 0）",
                        id.name(),
                        r.version.label()
                    ),
                    format!(
                        "insert the official {} ({} format) with zeros",
                        id.name_en(),
                        r.version.label()
                    ),
                ),
                vec![Edit {
                    span: at,
                    text: format!("{nl}{nl}{text}{nl}"),
                }],
            )),
        );
    }
    // A table found that read nothing is empty only when no number stands
    // in its region; else it is unread (unreadable-table says so).
    let empty = |t: Table| r.read_nothing(t) && r.unread_numbers(t).is_none();
    if let Some(t4) = &r.table4
        && empty(Table::T4)
    {
        let last = r.doc.lines[t4.lines.1].span;
        let zeros = template::table4_text(t4.style, nl);
        let data = zeros.rsplit(nl).next().unwrap_or("").to_string();
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                r.doc.lines[t4.header_line].span,
                Msg::new(
                    format!("{}只有表头，没有数据行", Table::T4.name()),
                    format!("{} has a header but no row of numbers", Table::T4.name_en()),
                ),
            )
            .with_fix(Fix::unsafe_(
                Msg::new("补上一行 0", "add a row of zeros"),
                vec![Edit {
                    span: Span::empty(last.end),
                    text: format!("{nl}{data}"),
                }],
            )),
        );
    }
    // Rows read blank are rows: empty-cell reports their blanks.
    if let Some(t3) = &r.table3
        && empty(Table::T3)
    {
        out.push(Diagnostic::new(
            META.name,
            META.severity,
            r.doc.lines[t3.lines.0].span,
            Msg::new(
                format!("{}没有任何数字", Table::T3.name()),
                format!("{} has no numbers", Table::T3.name_en()),
            ),
        ));
    }
    // Rows found but not read are rows: the table is there.
    if let Some(t2) = &r.table2
        && empty(Table::T2)
    {
        out.push(Diagnostic::new(
            META.name,
            META.severity,
            r.doc.lines[t2.lines.0].span,
            Msg::new(
                format!("{}没有任何数据行", Table::T2.name()),
                format!("{} has no data rows", Table::T2.name_en()),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    #[test]
    fn header_without_numbers() {
        let src = "一、总体情况\n政府信息公开工作年度报告\n行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\n五、存在的主要问题及改进情况\n";
        check(
            src,
            "missing-table",
            expect![[r#"
            3:1 error [missing-table] 表四（政府信息公开行政复议、行政诉讼情况）只有表头，没有数据行
                fix (Unsafe): 补上一行 0
                  @@ -3 +3 @@
                   行政复议→→→→→行政诉讼
                   结果维持→结果纠正→其他结果→尚未审结→总计→未经复议直接起诉→→→→→复议后起诉
                  +0→0→0→0→0→0→0→0→0→0→0→0→0→0→0

                   五、存在的主要问题及改进情况
            6:1 error [missing-table] 缺少表二（主动公开政府信息情况）
                fix (Unsafe): 插入表二（主动公开政府信息情况） 2019 格式的官方表格（全部填 0）
                  @@ -6 +6 @@
                   五、存在的主要问题及改进情况

                  +第二十条第（一）项→→→
                  +信息内容→本年新制作数量→本年新公开数量→对外公开总数量
                  +规章→0→0→0
                  +规范性文件→0→0→0
                  +第二十条第（五）项→→→
                  +信息内容→上一年项目数量→本年增/减→处理决定数量
                  +行政许可→0→0→0
                  +其他对外管理服务事项→0→0→0
                  +第二十条第（六）项→→→
                  +信息内容→上一年项目数量→本年增/减→处理决定数量
                  +行政处罚→0→0→0
                  +行政强制→0→0→0
                  +第二十条第（八）项→→→
                  +信息内容→上一年项目数量→本年增/减→
                  +行政事业性收费→0→0→
                  +第二十条第（九）项→→→
                  +信息内容→采购项目数量→采购总金额→
                  +政府集中采购→0→0→
                  +
                  +
            6:1 error [missing-table] 缺少表三（收到和处理政府信息公开申请情况）
                fix (Unsafe): 插入表三（收到和处理政府信息公开申请情况） 2019 格式的官方表格（全部填 0）
                  @@ -6 +6 @@
                   五、存在的主要问题及改进情况

                  +（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况→→→→→→
                  +→自然人→法人或其他组织→→→→→总计
                  +→→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                  +一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                  +二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                  +三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                  +（二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                  +（三）不予公开→1.属于国家秘密→0→0→0→0→0→0→0
                  +2.其他法律行政法规禁止公开→0→0→0→0→0→0→0
                  +3.危及“三安全一稳定”→0→0→0→0→0→0→0
                  +4.保护第三方合法权益→0→0→0→0→0→0→0
                  +5.属于三类内部事务信息→0→0→0→0→0→0→0
                  +6.属于四类过程性信息→0→0→0→0→0→0→0
                  +7.属于行政执法案卷→0→0→0→0→0→0→0
                  +8.属于行政查询事项→0→0→0→0→0→0→0
                  +（四）无法提供→1.本机关不掌握相关政府信息→0→0→0→0→0→0→0
                  +2.没有现成信息需要另行制作→0→0→0→0→0→0→0
                  +3.补正后申请内容仍不明确→0→0→0→0→0→0→0
                  +（五）不予处理→1.信访举报投诉类申请→0→0→0→0→0→0→0
                  +2.重复申请→0→0→0→0→0→0→0
                  +3.要求提供公开出版物→0→0→0→0→0→0→0
                  +4.无正当理由大量反复申请→0→0→0→0→0→0→0
                  +5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                  +（六）其他处理→0→0→0→0→0→0→0
                  +（七）总计→0→0→0→0→0→0→0
                  +四、结转下年度继续办理→0→0→0→0→0→0→0
                  +
                  +
        "#]],
        );
        check(
            &fixed(src, "missing-table"),
            "missing-table",
            expect![[r#"
            26:1 error [missing-table] 缺少表三（收到和处理政府信息公开申请情况）
                fix (Unsafe): 插入表三（收到和处理政府信息公开申请情况） 2019 格式的官方表格（全部填 0）
                  @@ -26 +26 @@
                   政府集中采购→0→0→

                  +（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况→→→→→→
                  +→自然人→法人或其他组织→→→→→总计
                  +→→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                  +一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                  +二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                  +三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                  +（二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                  +（三）不予公开→1.属于国家秘密→0→0→0→0→0→0→0
                  +2.其他法律行政法规禁止公开→0→0→0→0→0→0→0
                  +3.危及“三安全一稳定”→0→0→0→0→0→0→0
                  +4.保护第三方合法权益→0→0→0→0→0→0→0
                  +5.属于三类内部事务信息→0→0→0→0→0→0→0
                  +6.属于四类过程性信息→0→0→0→0→0→0→0
                  +7.属于行政执法案卷→0→0→0→0→0→0→0
                  +8.属于行政查询事项→0→0→0→0→0→0→0
                  +（四）无法提供→1.本机关不掌握相关政府信息→0→0→0→0→0→0→0
                  +2.没有现成信息需要另行制作→0→0→0→0→0→0→0
                  +3.补正后申请内容仍不明确→0→0→0→0→0→0→0
                  +（五）不予处理→1.信访举报投诉类申请→0→0→0→0→0→0→0
                  +2.重复申请→0→0→0→0→0→0→0
                  +3.要求提供公开出版物→0→0→0→0→0→0→0
                  +4.无正当理由大量反复申请→0→0→0→0→0→0→0
                  +5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                  +（六）其他处理→0→0→0→0→0→0→0
                  +（七）总计→0→0→0→0→0→0→0
                  +四、结转下年度继续办理→0→0→0→0→0→0→0

                  +
                  +
        "#]],
        );
    }

    #[test]
    fn absent_tables_are_inserted_under_their_heading() {
        let src = "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n";
        check(
            src,
            "missing-table",
            expect![[r#"
            2:1 error [missing-table] 缺少表二（主动公开政府信息情况）
                fix (Unsafe): 插入表二（主动公开政府信息情况） 2021 格式的官方表格（全部填 0）
                  @@ -1 +1 @@
                   某局2021年政府信息公开工作年度报告
                   二、主动公开政府信息情况
                  +
                  +第二十条第（一）项→→→
                  +信息内容→本年制发件数→本年废止件数→现行有效件数
                  +规章→0→0→0
                  +行政规范性文件→0→0→0
                  +第二十条第（五）项→→→
                  +信息内容→本年处理决定数量→→
                  +行政许可→0→→
                  +第二十条第（六）项→→→
                  +信息内容→本年处理决定数量→→
                  +行政处罚→0→→
                  +行政强制→0→→
                  +第二十条第（八）项→→→
                  +信息内容→本年收费金额（单位：万元）→→
                  +行政事业性收费→0→→
                  +
                   三、收到和处理政府信息公开申请情况
                   四、政府信息公开行政复议、行政诉讼情况
            3:1 error [missing-table] 缺少表三（收到和处理政府信息公开申请情况）
                fix (Unsafe): 插入表三（收到和处理政府信息公开申请情况） 2021 格式的官方表格（全部填 0）
                  @@ -2 +2 @@
                   二、主动公开政府信息情况
                   三、收到和处理政府信息公开申请情况
                  +
                  +（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况→→→→→→
                  +→自然人→法人或其他组织→→→→→总计
                  +→→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                  +一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                  +二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                  +三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                  +（二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                  +（三）不予公开→1.属于国家秘密→0→0→0→0→0→0→0
                  +2.其他法律行政法规禁止公开→0→0→0→0→0→0→0
                  +3.危及“三安全一稳定”→0→0→0→0→0→0→0
                  +4.保护第三方合法权益→0→0→0→0→0→0→0
                  +5.属于三类内部事务信息→0→0→0→0→0→0→0
                  +6.属于四类过程性信息→0→0→0→0→0→0→0
                  +7.属于行政执法案卷→0→0→0→0→0→0→0
                  +8.属于行政查询事项→0→0→0→0→0→0→0
                  +（四）无法提供→1.本机关不掌握相关政府信息→0→0→0→0→0→0→0
                  +2.没有现成信息需要另行制作→0→0→0→0→0→0→0
                  +3.补正后申请内容仍不明确→0→0→0→0→0→0→0
                  +（五）不予处理→1.信访举报投诉类申请→0→0→0→0→0→0→0
                  +2.重复申请→0→0→0→0→0→0→0
                  +3.要求提供公开出版物→0→0→0→0→0→0→0
                  +4.无正当理由大量反复申请→0→0→0→0→0→0→0
                  +5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                  +（六）其他处理→1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请→0→0→0→0→0→0→0
                  +2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请→0→0→0→0→0→0→0
                  +3.其他→0→0→0→0→0→0→0
                  +（七）总计→0→0→0→0→0→0→0
                  +四、结转下年度继续办理→0→0→0→0→0→0→0
                  +
                   四、政府信息公开行政复议、行政诉讼情况

            4:1 error [missing-table] 缺少表四（政府信息公开行政复议、行政诉讼情况）
                fix (Unsafe): 插入表四（政府信息公开行政复议、行政诉讼情况） 2021 格式的官方表格（全部填 0）
                  @@ -4 +4 @@
                   四、政府信息公开行政复议、行政诉讼情况

                  +行政复议→→→→→行政诉讼→→→→→→→→→
                  +结果维持→结果纠正→其他结果→尚未审结→总计→未经复议直接起诉→→→→→复议后起诉→→→→
                  +→→→→→结果维持→结果纠正→其他结果→尚未审结→总计→结果维持→结果纠正→其他结果→尚未审结→总计
                  +0→0→0→0→0→0→0→0→0→0→0→0→0→0→0
                  +
                  +
        "#]],
        );
        let out = fixed(src, "missing-table");
        check(&out, "missing-table", expect![[""]]);
        check(&out, "missing-row", expect![[""]]);
        check(&out, "table-sum", expect![[""]]);
    }

    #[test]
    fn review_table_with_group_headers_on_their_own_lines() {
        let src = "某局2020年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n";
        check(
            src,
            "missing-table",
            expect![[r#"
            8:1 error [missing-table] 缺少表二（主动公开政府信息情况）
                fix (Unsafe): 插入表二（主动公开政府信息情况） 2019 格式的官方表格（全部填 0）
                  @@ -8 +8 @@
                   五、存在的主要问题及改进情况

                  +第二十条第（一）项
                  +信息内容 本年新制作数量 本年新公开数量 对外公开总数量
                  +规章 0 0 0
                  +规范性文件 0 0 0
                  +第二十条第（五）项
                  +信息内容 上一年项目数量 本年增/减 处理决定数量
                  +行政许可 0 0 0
                  +其他对外管理服务事项 0 0 0
                  +第二十条第（六）项
                  +信息内容 上一年项目数量 本年增/减 处理决定数量
                  +行政处罚 0 0 0
                  +行政强制 0 0 0
                  +第二十条第（八）项
                  +信息内容 上一年项目数量 本年增/减
                  +行政事业性收费 0 0
                  +第二十条第（九）项
                  +信息内容 采购项目数量 采购总金额
                  +政府集中采购 0 0
                  +
                  +
            8:1 error [missing-table] 缺少表三（收到和处理政府信息公开申请情况）
                fix (Unsafe): 插入表三（收到和处理政府信息公开申请情况） 2019 格式的官方表格（全部填 0）
                  @@ -8 +8 @@
                   五、存在的主要问题及改进情况

                  +（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况
                  +自然人 法人或其他组织 总计
                  +商业企业 科研机构 社会公益组织 法律服务机构 其他
                  +一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0
                  +二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
                  +三、本年度办理结果 （一）予以公开 0 0 0 0 0 0 0
                  +（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0
                  +（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0
                  +2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
                  +3.危及“三安全一稳定” 0 0 0 0 0 0 0
                  +4.保护第三方合法权益 0 0 0 0 0 0 0
                  +5.属于三类内部事务信息 0 0 0 0 0 0 0
                  +6.属于四类过程性信息 0 0 0 0 0 0 0
                  +7.属于行政执法案卷 0 0 0 0 0 0 0
                  +8.属于行政查询事项 0 0 0 0 0 0 0
                  +（四）无法提供 1.本机关不掌握相关政府信息 0 0 0 0 0 0 0
                  +2.没有现成信息需要另行制作 0 0 0 0 0 0 0
                  +3.补正后申请内容仍不明确 0 0 0 0 0 0 0
                  +（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
                  +2.重复申请 0 0 0 0 0 0 0
                  +3.要求提供公开出版物 0 0 0 0 0 0 0
                  +4.无正当理由大量反复申请 0 0 0 0 0 0 0
                  +5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
                  +（六）其他处理 0 0 0 0 0 0 0
                  +（七）总计 0 0 0 0 0 0 0
                  +四、结转下年度继续办理 0 0 0 0 0 0 0
                  +
                  +
        "#]],
        );
        check(src, "row-shape", expect![[""]]);
        check(src, "table-sum", expect![[""]]);
        let bad = src.replace("1 0 0 0 1 0", "1 0 0 0 2 0");
        check(
            &bad,
            "table-sum",
            expect![[r#"
            7:9 error [table-sum] “行政复议·总计”为 2，应为 1（行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结）
                fix (Safe): 改为 1
                  @@ -5 +5 @@
                   结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
                   结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
                  -1 0 0 0 2 0 0 0 0 0 0 0 0 0 0
                  +1 0 0 0 1 0 0 0 0 0 0 0 0 0 0
                   五、存在的主要问题及改进情况

        "#]],
        );
    }

    #[test]
    fn table_two_without_its_block_headers() {
        let full = crate::template::table2_text(
            crate::schema::Version::V2019,
            crate::model::Style::Tab,
            "\n",
        );
        let headless: String = full
            .lines()
            .filter(|l| !l.starts_with("第二十条"))
            .map(|l| format!("{l}\n"))
            .collect();
        let src = format!(
            "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n{headless}三、收到和处理政府信息公开申请情况\n"
        );
        check(
            &src,
            "missing-table",
            expect![[r#"
            16:1 error [missing-table] 缺少表三（收到和处理政府信息公开申请情况）
                fix (Unsafe): 插入表三（收到和处理政府信息公开申请情况） 2019 格式的官方表格（全部填 0）
                  @@ -16 +16 @@
                   三、收到和处理政府信息公开申请情况

                  +（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况→→→→→→
                  +→自然人→法人或其他组织→→→→→总计
                  +→→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                  +一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                  +二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                  +三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                  +（二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                  +（三）不予公开→1.属于国家秘密→0→0→0→0→0→0→0
                  +2.其他法律行政法规禁止公开→0→0→0→0→0→0→0
                  +3.危及“三安全一稳定”→0→0→0→0→0→0→0
                  +4.保护第三方合法权益→0→0→0→0→0→0→0
                  +5.属于三类内部事务信息→0→0→0→0→0→0→0
                  +6.属于四类过程性信息→0→0→0→0→0→0→0
                  +7.属于行政执法案卷→0→0→0→0→0→0→0
                  +8.属于行政查询事项→0→0→0→0→0→0→0
                  +（四）无法提供→1.本机关不掌握相关政府信息→0→0→0→0→0→0→0
                  +2.没有现成信息需要另行制作→0→0→0→0→0→0→0
                  +3.补正后申请内容仍不明确→0→0→0→0→0→0→0
                  +（五）不予处理→1.信访举报投诉类申请→0→0→0→0→0→0→0
                  +2.重复申请→0→0→0→0→0→0→0
                  +3.要求提供公开出版物→0→0→0→0→0→0→0
                  +4.无正当理由大量反复申请→0→0→0→0→0→0→0
                  +5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                  +（六）其他处理→0→0→0→0→0→0→0
                  +（七）总计→0→0→0→0→0→0→0
                  +四、结转下年度继续办理→0→0→0→0→0→0→0
                  +
                  +
            16:1 error [missing-table] 缺少表四（政府信息公开行政复议、行政诉讼情况）
                fix (Unsafe): 插入表四（政府信息公开行政复议、行政诉讼情况） 2019 格式的官方表格（全部填 0）
                  @@ -16 +16 @@
                   三、收到和处理政府信息公开申请情况

                  +行政复议→→→→→行政诉讼→→→→→→→→→
                  +结果维持→结果纠正→其他结果→尚未审结→总计→未经复议直接起诉→→→→→复议后起诉→→→→
                  +→→→→→结果维持→结果纠正→其他结果→尚未审结→总计→结果维持→结果纠正→其他结果→尚未审结→总计
                  +0→0→0→0→0→0→0→0→0→0→0→0→0→0→0
                  +
                  +
        "#]],
        );
        check(&src, "missing-row", expect![[""]]);
        let r = crate::model::bind(&src, &Default::default());
        let items: Vec<u32> = r.table2.unwrap().blocks.iter().map(|b| b.item).collect();
        assert_eq!(items, [1, 5, 6, 8, 9]);
    }
}
