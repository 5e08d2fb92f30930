//! What the reader reads, one rendering at a time: text in, `Report::dump()`
//! out (rust-analyzer's `check(input, expect![[…]])` style). Run with
//! `UPDATE_EXPECT=1 cargo test --lib model::tests` to rewrite the expectations,
//! then read the diff.

use super::{Options, bind};
use crate::schema::Version;
use expect_test::{Expect, expect};

fn check_bind(input: &str, expect: Expect) {
    expect.assert_eq(&bind(input, &Options::default()).dump());
}

const NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

#[test]
fn merged_label_cells_leave_blanks_that_are_dropped() {
    check_bind(
        &format!(
            "{NOTE}\t申请人情况\n\t自然人\t法人或其他组织\n一、本年新收政府信息公开申请数量\t4\t\t\t\t\t\t4\n\t(三) 不 予 公 开\t1. 属于国家秘密\t\t\t\t\t\t\t\t\n\t\t6. 属于四类过程性信息\t\t4\t\t\t\t\t\t4\n\t(七) 总计\t\t4\t\t\t\t\t\t\t4\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              一、本年新收政府信息公开申请数量: 4 _ _ _ _ _ 4
              1.属于国家秘密: _ _ _ _ _ _ _
              6.属于四类过程性信息: 4 _ _ _ _ _ 4
              （七）总计: 4 _ _ _ _ _ 4
        "#]],
    );
}

#[test]
fn a_label_over_three_lines_with_its_numbers_on_the_last() {
    check_bind(
        &format!(
            "{NOTE}\n（六）其他 1．申请人无正当理由逾期不补正、\n处理 行政机关不再处理其政府信息公开\n申请 0 1 0 0 0 0 1\n2．申请人逾期未按收费通知要求缴纳 0 0 0 0 0 0 0\n费用、行政机关不再处理其政府信息\n公开申请\n3．其他\n2 0 0 0 0 0 2\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2021
            table 三 (2021, shown):
              1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请: 0 1 0 0 0 0 1
              2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请: 0 0 0 0 0 0 0
              3.其他: 2 0 0 0 0 0 2
        "#]],
    );
}

#[test]
fn group_labels_written_one_character_per_line() {
    check_bind(
        &format!(
            "{NOTE}\n三、\n本 （一）予以公开 20 0 0 1 0 0 21\n年 （二）部分公开（区分处理的，只 5 0 0 0 0 1 6\n度 计这一情形，不计其他情形）\n办 （三）不予公开 1．属于国家秘密 0 0 0 0 0 0 0\n理\n（四）无 1．本机关不掌握相关政府 10 0 0 0 0 0 10\n信息\n法提供 2．没有现成信息需要另行制作 1 0 0 0 0 0 1\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              （一）予以公开: 20 0 0 1 0 0 21
              （二）部分公开（区分处理的，只计这一情形，不计其他情形）: 5 0 0 0 0 1 6
              1.属于国家秘密: 0 0 0 0 0 0 0
              1.本机关不掌握相关政府信息: 10 0 0 0 0 0 10
              2.没有现成信息需要另行制作: 1 0 0 0 0 0 1
        "#]],
    );
}

#[test]
fn numbering_written_four_ways_and_footers_inside() {
    check_bind(
        &format!(
            "{NOTE}\n1、属于国家秘密 0 0 0 0 0 0 0\n- 5 -\n（2）其他法律行政法规禁止公开 1 0 0 0 0 0 1\n第 6 页\n3．危及“三安全一稳定” 0 0 0 0 0 0 0\n— 7 —\n4.保护第三方合法权益 0 0 2 0 0 0 2\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              1.属于国家秘密: 0 0 0 0 0 0 0
              2.其他法律行政法规禁止公开: 1 0 0 0 0 0 1
              3.危及“三安全一稳定”: 0 0 0 0 0 0 0
              4.保护第三方合法权益: 0 0 2 0 0 0 2
        "#]],
    );
}

#[test]
fn converter_markdown_split_tables_invented_headers() {
    check_bind(
        &format!(
            "| {NOTE} | 申请人情况 | | | | | | |\n|---|---|---|---|---|---|---|---|\n| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\n| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n|---|---|---|---|---|---|---|---|\n| 三、本年度办理结果 （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 | |\n| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | | | | | | | |\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              一、本年新收政府信息公开申请数量: 3 0 0 0 0 0 3
              二、上年结转政府信息公开申请数量: 0 0 0 0 0 0 0
              （一）予以公开: 3 0 0 0 0 0 3
              （二）部分公开（区分处理的，只计这一情形，不计其他情形）: _ _ _ _ _ _ _
        "#]],
    );
}

#[test]
fn web_text_glued_headings_and_run_together_digits() {
    let filler = "本机关认真做好政府信息公开工作。".repeat(20);
    check_bind(
        &format!(
            "{filler}二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件0011第二十条第（五）项信息内容本年处理决定数量行政许可0三、收到和处理政府信息公开申请情况{NOTE}申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量380010140二、上年结转政府信息公开申请数量0000000（七）总计380010140四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计010010000000000五、存在的主要问题及改进情况无。六、其他需要报告的事项2024年，本机关未收取信息处理费。"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2021
            section 2: 二、主动公开政府信息情况
            section 3: 三、收到和处理政府信息公开申请情况
            section 4: 四、政府信息公开行政复议、行政诉讼情况
            section 5: 五、存在的主要问题及改进情况
            section 6: 六、其他需要报告的事项
            table 二 (2021):
              第二十条第（一）项
              第二十条第（五）项
                行政许可: 0
              unreadable: 第（1）项 row 0
              unreadable: 第（1）项 row 1
              shape DigitsRunTogether: 规章 (1 of 3)
              shape DigitsRunTogether: 行政规范性文件 (1 of 3)
            table 三 (2021):
              一、本年新收政府信息公开申请数量: 38 0 0 1 0 1 40
              二、上年结转政府信息公开申请数量: 0 0 0 0 0 0 0
              （七）总计: 38 0 0 1 0 1 40
              四、结转下年度继续办理: 0 0 0 0 0 0 0
              read by arithmetic: 4 rows
            table 四: 0 1 0 0 1 | 0 0 0 0 0 | 0 0 0 0 0
              read by arithmetic: 1 rows
        "#]],
    );
}

#[test]
fn digits_that_split_two_ways_stay_unread() {
    check_bind(
        "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计01901029342160610003232\n",
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 四: no row
              shape DigitsRunTogether:  (1 of 15)
        "#]],
    );
}

#[test]
fn a_pdf_read_column_by_column_is_not_guessed_at() {
    check_bind(
        &format!(
            "{NOTE}\n申请人情况\n1 0 0 0 0\n一、本年新收政府信息公开申请数量\n0 0 0 0 0\n二、上年结转政府信息公开申请数量\n（七）总计\n其他 总计\n0 1 0 1 0 0\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              unreadable: 一、本年新收政府信息公开申请数量
              unreadable: 二、上年结转政府信息公开申请数量
              unreadable: （七）总计
              scrambled: the text lost the table's order
              unplaced values: 10000
        "#]],
    );
}

#[test]
fn table_four_header_written_vertically_after_its_heading() {
    check_bind(
        "四、政府信息公开行政复议、行政诉讼情况\n行 行\n政 政\n复 诉\n议 讼\n结果维 结果纠 其他结 尚未审 总计 未经复 复议后\n持 正 果 结 议直接 起诉\n0 1 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n",
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            section 4: 四、政府信息公开行政复议、行政诉讼情况
            section 5: 五、存在的主要问题及改进情况
            table 四: 0 1 0 0 1 | 0 0 0 0 0 | 0 0 0 0 0
        "#]],
    );
}

#[test]
fn blank_cells_a_pdf_cannot_show_make_the_row_unread() {
    check_bind(
        &format!(
            "{NOTE}\n一、本年新收政府信息公开申请数量 4 4\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              二、上年结转政府信息公开申请数量: 0 0 0 0 0 0 0
              unreadable: 一、本年新收政府信息公开申请数量
              shape BlanksLost: 一、本年新收政府信息公开申请数量 (2 of 7)
        "#]],
    );
}

#[test]
fn finds_title_year_and_unit() {
    let r = bind(
        "\n# 银川市兴庆区大新镇 2020 年政府信息公开 工作年度报告\n\n一、总体情况\n",
        &Options::default(),
    );
    let t = r.title.unwrap();
    assert_eq!(t.year.unwrap().0, 2020);
    assert_eq!(t.unit.as_deref(), Some("银川市兴庆区大新镇"));
    let r = bind(
        "2019年上海市人民政府办公厅政府信息公开工作年度报告\n",
        &Options::default(),
    );
    assert_eq!(
        r.title.unwrap().unit.as_deref(),
        Some("上海市人民政府办公厅")
    );
    let r = bind(
        "淮安市人民政府\n2024 年政府信息公开工作年度报告\n一、总体情况\n",
        &Options::default(),
    );
    let t = r.title.unwrap();
    assert_eq!(t.lines, (0, 1));
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.required_version, Some(Version::V2021));
}

#[test]
fn a_bare_page_number_inside_a_pdf_table_is_not_a_lost_row() {
    check_bind(
        &format!(
            "{NOTE}\n一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n5\n三、本年度办理结果\n（一）予以公开 3 0 0 0 0 0 3\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              一、本年新收政府信息公开申请数量: 3 0 0 0 0 0 3
              二、上年结转政府信息公开申请数量: 0 0 0 0 0 0 0
              （一）予以公开: 3 0 0 0 0 0 3
        "#]],
    );
}

#[test]
fn merged_cells_repeated_on_every_row_they_span() {
    check_bind(
        &format!(
            "{NOTE}\t申请人情况\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n三、本年度办理结果\t（一）予以公开\t2\t0\t0\t0\t0\t0\t2\n三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n三、本年度办理结果\t（三）不予公开\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n三、本年度办理结果\t（七）总计\t3\t0\t0\t0\t0\t0\t3\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              一、本年新收政府信息公开申请数量: 3 0 0 0 0 0 3
              （一）予以公开: 2 0 0 0 0 0 2
              1.属于国家秘密: 1 0 0 0 0 0 1
              2.其他法律行政法规禁止公开: 0 0 0 0 0 0 0
              （七）总计: 3 0 0 0 0 0 3
        "#]],
    );
}

#[test]
fn a_header_repeated_on_the_next_pdf_page_is_not_a_lost_order() {
    check_bind(
        &format!(
            "{NOTE}\n申请人情况\n自然人 法人或其他组织 总计\n一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n- 2 -\n申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n三、本年度办理结果\n（一）予以公开 3 0 0 0 0 0 3\n"
        ),
        expect![[r#"
            year: ? · unit: ? · required: ? · version: 2019
            table 三 (2019):
              一、本年新收政府信息公开申请数量: 3 0 0 0 0 0 3
              二、上年结转政府信息公开申请数量: 0 0 0 0 0 0 0
              （一）予以公开: 3 0 0 0 0 0 3
        "#]],
    );
}
