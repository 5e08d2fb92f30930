//! The HTML front end on whole pages: the article found among the frame,
//! its tables, the encodings, and positions in the page.

use super::*;

fn read(page: &str) -> HtmlText {
    to_text(page.as_bytes()).unwrap()
}

const ARTICLE: &str = r##"
<div class="title">某某县某某局2023年政府信息公开工作年度报告</div>
<div class="info">发布时间：2024-01-20　来源：某某局　【字体：大 中 小】</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div id="zoom" class="TRS_Editor">
<p>　　本报告根据《中华人民共和国政府信息公开条例》编制。</p>
<p><strong>一、总体情况</strong></p>
<p>　　2023年，本局认真贯彻
落实条例。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
<table border="1"><tbody>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
</tbody></table>
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
<p>六、其他需要报告的事项</p>
<p>　　无。</p>
<p style="text-align:right">某某县某某局<br>2024年1月20日</p>
</div>
<div class="print">【<a href="javascript:print()">打印本页</a>】【<a href="javascript:close()">关闭窗口</a>】</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">某某县某某局2022年政府信息公开工作年度报告</a></li></ul></div>
"##;

fn portal(article: &str) -> String {
    format!(
        r##"<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报_某某县人民政府</title>
<style>.x{{color:red}}</style><script>var a = "<p>一、总体情况</p>";</script></head>
<body><div class="header"><img src="logo.png"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/nb">政府信息公开年报</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年报</div>
<!-- 正文开始 -->
<div class="main"><div class="left"><ul><li><a href="/1">2023年年报</a></li><li><a href="/2">2022年年报</a></li></ul></div>
<div class="content">{article}</div></div>
<div class="footer"><p>版权所有：某某县人民政府　网站标识码：1234000000　<a href="/icp">皖ICP备12345678号</a></p></div>
</body></html>"##
    )
}

#[test]
fn the_article_without_its_frame() {
    let h = read(&portal(ARTICLE));
    expect_test::expect![[r#"
        某某县某某局2023年政府信息公开工作年度报告
        本报告根据《中华人民共和国政府信息公开条例》编制。
        一、总体情况
        2023年，本局认真贯彻落实条例。
        二、主动公开政府信息情况
        第二十条第（一）项			
        信息内容	本年制发件数	本年废止件数	现行有效件数
        规章	0	0	0
        三、收到和处理政府信息公开申请情况
        六、其他需要报告的事项
        无。
        某某县某某局
        2024年1月20日
    "#]]
    .assert_eq(&h.text);
    assert_eq!(h.article.element, r#"<div id="zoom" class="TRS_Editor">"#);
    assert_eq!(h.article.landmarks, 5);
    assert_eq!(h.encoding, "UTF-8");
}

#[test]
fn positions_are_the_pages_lines_and_columns() {
    let page = portal(ARTICLE);
    let h = read(&page);
    let at = |needle: &str, nth: usize| {
        let off = h.text.match_indices(needle).nth(nth).unwrap().0;
        h.position(off)
    };
    let line_of = |needle: &str| page.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (line, col) = at("规章\t0", 0);
    assert_eq!(line, line_of("<tr><td>规章</td>"));
    assert_eq!(col, "<tr><td>".chars().count() + 1);
    // The last `0` of the row: its own cell.
    let off = h.text.find("规章\t0\t0\t0").unwrap() + "规章\t0\t0\t".len();
    let (_, col) = h.position(off);
    let row = page
        .lines()
        .find(|l| l.contains("<tr><td>规章</td>"))
        .unwrap();
    assert_eq!(
        col,
        row.rfind("0</td>")
            .map(|b| row[..b].chars().count() + 1)
            .unwrap()
    );
    // The title outside the article is read from its own line.
    assert_eq!(
        at("某某县某某局2023年", 0).0,
        line_of("<div class=\"title\">")
    );
}

#[test]
fn gbk_page_declared_in_a_meta_tag() {
    let page = portal(ARTICLE).replace(
        "<meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
    );
    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
    let gbk = to_text(&bytes).unwrap();
    assert_eq!(gbk.encoding, "GBK");
    assert_eq!(gbk.text, read(&page).text);
}

#[test]
fn rowspan_and_colspan_as_word_renders_them() {
    let h = read(
        r#"<p>三、收到和处理政府信息公开申请情况</p><table>
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="1">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table><p>四、政府信息公开行政复议、行政诉讼情况</p>"#,
    );
    let rows: Vec<&str> = h.text.lines().collect();
    assert_eq!(rows[2], "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计");
    assert_eq!(
        rows[3],
        "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"
    );
    assert_eq!(
        rows[4],
        "一、本年新收政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1"
    );
    assert_eq!(
        rows[6],
        "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0"
    );
}

/// A column's name above the article is no title; a dated title is.
#[test]
fn only_a_dated_title_is_taken_from_outside_the_article() {
    let undated = portal(&ARTICLE.replace(
        "某某县某某局2023年政府信息公开工作年度报告</div>",
        "政府信息公开年报</div>",
    ));
    let h = read(&undated);
    assert!(h.text.starts_with("本报告根据"), "{}", h.text);
}

#[test]
fn images_in_the_article_are_counted() {
    let h = read(&portal(&ARTICLE.replace(
        "<p>　　无。</p>",
        "<p><img src=\"t4.png\"></p><p style=display:none><img src=x></p>",
    )));
    assert_eq!(
        h.article.images, 1,
        "the logo outside and the hidden one do not count"
    );
}

#[test]
fn a_page_that_is_no_report_keeps_its_main_text() {
    let h = read(&portal(
        "<h1>关于开展政务公开培训的通知</h1><p>各单位：定于下周开展培训。</p><p>请准时参加。</p><div>相关链接</div><p>别的</p>",
    ));
    assert_eq!(h.article.landmarks, 0);
    assert_eq!(
        h.text,
        "关于开展政务公开培训的通知\n各单位：定于下周开展培训。\n请准时参加。\n"
    );
}

#[test]
fn hostile_pages_end_quickly_and_never_panic() {
    let started = std::time::Instant::now();
    let cases = [
        "<div>".repeat(50_000),
        "<table><tr><td>".repeat(20_000),
        format!("<p title=\"{}\">文</p>", "x".repeat(1_000_000)),
        "<td rowspan=99999 colspan=99999>".repeat(2_000),
        "<!--".repeat(50_000),
        "<a".repeat(50_000),
        "&#x".repeat(50_000) + "&amp;".repeat(50_000).as_str(),
        "<script>".to_string() + &"</scrip".repeat(50_000),
        "一、总体情况<br>".repeat(20_000),
        String::from_utf8_lossy(
            &(0u8..=255)
                .cycle()
                .take(300_000)
                .filter(|b| *b != 0)
                .collect::<Vec<u8>>(),
        )
        .into_owned(),
    ];
    for page in &cases {
        let Ok(h) = to_text(page.as_bytes()) else {
            continue;
        };
        for i in (0..=h.text.len()).step_by(997) {
            let _ = h.position(i);
        }
    }
    // Debug build; tests/hostile.rs runs pages of megabytes through the binary.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}
