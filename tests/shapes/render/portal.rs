//! A report as a government portal publishes it and a browser saves it: the
//! article (paragraphs, headings, the tables with the official merged cells
//! as `rowspan`/`colspan`) inside a page's frame — top bar, site search,
//! navigation, breadcrumbs, the 信息公开 metadata table, title and
//! publication line, share buttons, print/close links, related links and
//! the footer with 版权所有, 网站标识码 and ICP备案 — with scripts, styles and
//! comments around it. Two frames, as portals come:
//!
//! - **modern**: UTF-8 (or GB18030 under `<meta charset="gb2312">`), `div`
//!   layout, the title in an `<h1>` above the article (`<div id="zoom"
//!   class="TRS_Editor">`), sometimes minified onto one line;
//! - **old**: GB18030 declared as `charset=gb2312`, upper-case tags, CRLF,
//!   a layout of nested tables with a sidebar, `<font>` around the article.
//!
//! Inside the article: headings as `<h2>`/`<h3>` or bold paragraphs (as
//! Word pastes them: `<p class="MsoNormal"><b><span>…`), paragraphs indented
//! with `　　` or `&nbsp;`, long paragraphs wrapped in the source, cells
//! wrapped in `<p><span>`, blank cells as `&nbsp;`, text escaped (`&lt;`).

use super::{Part, parts};
use crate::shapes::doc::Doc;
use crate::shapes::grid::{Grid, Kind};
use crate::shapes::rng::Rng;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The choices for one document, drawn once.
struct Style {
    old: bool,
    /// GB18030 bytes (declared `gb2312`, as such pages do).
    gbk: bool,
    minified: bool,
    /// The title stands first inside the article rather than above it.
    title_inside: bool,
    word_paste: bool,
    nbsp_indent: bool,
    wrap: bool,
    thead: bool,
    nbsp_blank: bool,
}

pub fn render(doc: &Doc) -> Vec<u8> {
    let mut rng = Rng::for_name(&doc.name, 0x9047);
    let old = rng.chance(45);
    let gbk = old || rng.chance(35);
    let style = Style {
        old,
        gbk,
        minified: !old && rng.chance(25),
        title_inside: rng.chance(30),
        word_paste: rng.chance(50),
        nbsp_indent: rng.chance(40),
        wrap: rng.chance(40),
        thead: rng.chance(30),
        nbsp_blank: rng.chance(50),
    };
    let title = parts(doc).iter().find_map(|p| match p {
        Part::Heading(1, t) => Some(t.to_string()),
        _ => None,
    });
    let article = article(doc, &style);
    let page = if style.old {
        old_frame(title.as_deref(), &article, &style)
    } else {
        modern_frame(title.as_deref(), &article, &style)
    };
    let page = if style.old {
        page.replace('\n', "\r\n")
    } else if style.minified {
        page.lines().map(str::trim).collect::<String>()
    } else {
        page
    };
    if style.gbk {
        let (bytes, _, _) = encoding_rs::GB18030.encode(&page);
        bytes.into_owned()
    } else {
        page.into_bytes()
    }
}

fn heading(level: u8, text: &str, style: &Style, rng: &mut Rng) -> String {
    let t = escape(text);
    match (level, style.word_paste, rng.range(0, 2)) {
        (_, true, _) => {
            format!("<p class=\"MsoNormal\"><b><span style=\"font-family:黑体\">{t}</span></b></p>")
        }
        (2, false, 0) => format!("<h2>{t}</h2>"),
        (_, false, 1) => format!("<h3>{t}</h3>"),
        _ => format!("<p><strong>{t}</strong></p>"),
    }
}

fn paragraph(text: &str, style: &Style) -> String {
    let mut t = escape(text);
    if style.wrap {
        t = wrap(&t);
    }
    let indent = if style.nbsp_indent {
        "&nbsp;&nbsp;&nbsp;&nbsp;"
    } else {
        "　　"
    };
    if style.word_paste {
        format!(
            "<p class=\"MsoNormal\" style=\"text-indent:2em\"><span style=\"font-family:仿宋_GB2312;font-size:16pt\">{indent}{t}</span></p>"
        )
    } else {
        format!("<p style=\"text-indent:2em\">{indent}{t}</p>")
    }
}

/// Wrapped in the source about every 40 characters, as editors save it:
/// between two Chinese characters (a browser shows no space there; a break
/// between digits or words would be one).
fn wrap(t: &str) -> String {
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len() + 64);
    let mut run = 0;
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        run += 1;
        if run >= 40 && cjk(c) && chars.get(i + 1).is_some_and(|n| cjk(*n)) {
            out.push_str("\n        ");
            run = 0;
        }
    }
    out
}

fn table(g: &Grid, style: &Style) -> String {
    let mut out = String::from(
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse\" align=\"center\">\n",
    );
    let head = style.thead && g.header_rows > 0;
    out.push_str(if head { "<thead>\n" } else { "<tbody>\n" });
    for r in 0..g.height {
        if head && r == g.header_rows {
            out.push_str("</thead>\n<tbody>\n");
        }
        out.push_str("<tr>");
        for cell in g.row(r) {
            let tag = if head && r < g.header_rows && cell.kind == Kind::Header {
                "th"
            } else {
                "td"
            };
            let mut attrs = String::new();
            if cell.rowspan > 1 {
                attrs.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
            }
            if cell.colspan > 1 {
                attrs.push_str(&format!(" colspan=\"{}\"", cell.colspan));
            }
            let text = if cell.text.is_empty() {
                if style.nbsp_blank {
                    "&nbsp;".to_string()
                } else {
                    String::new()
                }
            } else {
                escape(&cell.text)
            };
            let content = if style.word_paste {
                format!("<p align=\"center\"><span style=\"font-size:10.5pt\">{text}</span></p>")
            } else {
                text
            };
            out.push_str(&format!("<{tag}{attrs}>{content}</{tag}>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>");
    out
}

fn article(doc: &Doc, style: &Style) -> String {
    let mut rng = Rng::for_name(&doc.name, 0x47a);
    let mut out = Vec::new();
    for p in parts(doc) {
        match &p {
            Part::Heading(1, t) if style.title_inside => out.push(format!(
                "<p align=\"center\"><strong><span style=\"font-size:22pt\">{}</span></strong></p>",
                escape(t)
            )),
            Part::Heading(1, _) => {}
            Part::Heading(l, t) => out.push(heading(*l, t, style, &mut rng)),
            Part::Para(t) => out.push(paragraph(t, style)),
            Part::Table(g) => out.push(table(g, style)),
        }
    }
    out.join("\n")
}

const SCRIPTS: &str = r#"<script type="text/javascript" src="/js/jquery-1.12.4.min.js"></script>
<script type="text/javascript">
  var _hmt = _hmt || [];
  // 统计代码：勿删 <p>一、总体情况</p>
  document.write("<div class='tip'>二、主动公开政府信息情况</div>");
  if (a < b && b > c) { window.status = "</div>"; }
</script>"#;

fn modern_frame(title: Option<&str>, article: &str, style: &Style) -> String {
    let page_title = title.unwrap_or("政府信息公开工作年度报告");
    let heading = match title {
        Some(t) if !style.title_inside => format!("<h1 class=\"article-title\">{}</h1>", escape(t)),
        _ => String::new(),
    };
    format!(
        r##"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="某某县人民政府">
<meta name="ArticleTitle" content="{pt}">
<title>{pt}_政府信息公开年报_某某县人民政府</title>
<link rel="stylesheet" href="/css/common.css">
<style type="text/css">
  .TRS_Editor p {{ text-indent: 2em; line-height: 1.8; }}
  .article-title {{ font-size: 26px; text-align: center; }}
</style>
{SCRIPTS}
</head>
<body>
<!-- 顶部 -->
<div class="topbar"><div class="w1200"><span>欢迎访问某某县人民政府网站！今天是：<span id="today"></span></span>
  <a href="javascript:;" id="cniil_wza">无障碍</a> <a href="javascript:;">长者模式</a> <a href="/english/">English</a></div></div>
<div class="header"><div class="w1200"><a href="/"><img src="/images/logo.png" alt="某某县人民政府"></a>
  <form class="search" action="/search/" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div></div>
<div class="nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjmm/">走进某某</a></li></ul></div>
<div class="w1200 main">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
  <div class="xxgk-meta"><table>
    <tr><td>索引号：</td><td>11640100MB1234567X/2021-00012</td><td>发布机构：</td><td>某某县人民政府办公室</td></tr>
    <tr><td>主题分类：</td><td>政务公开</td><td>成文日期：</td><td>2021-01-20</td></tr>
  </table></div>
  <div class="article">
    {heading}
    <div class="article-info"><span>发布时间：2021-01-20 10:30</span><span>来源：某某县人民政府办公室</span>
      <span>浏览次数：<em id="hits">1024</em></span><span class="font">字号：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a></span></div>
    <div class="share bdsharebuttonbox">分享到：<a href="#" class="bds_weixin" title="分享到微信">微信</a><a href="#" class="bds_tsina" title="分享到新浪微博">微博</a><a href="#" class="bds_qzone">QQ空间</a></div>
    <div id="zoom" class="TRS_Editor">
{article}
    </div>
    <div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
    <div class="related"><h3>相关链接</h3><ul>
      <li><a href="/zwgk/ndbg/201901.html">某某县人民政府办公室2019年政府信息公开工作年度报告</a></li>
      <li><a href="/zwgk/ndbg/201801.html">某某县人民政府办公室2018年政府信息公开工作年度报告</a></li></ul></div>
  </div>
</div>
<div class="footer"><div class="w1200">
  <p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
  <p>主办单位：某某县人民政府办公室　承办单位：某某县大数据服务中心</p>
  <p>版权所有：某某县人民政府　网站标识码：6401000001　<a href="https://beian.miit.gov.cn/">宁ICP备05001234号</a>　<a href="http://www.beian.gov.cn/">宁公网安备 64010402000123号</a></p>
  <script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script>
</div></div>
</body>
</html>
"##,
        pt = escape(page_title),
        charset = if style.gbk { "gb2312" } else { "utf-8" },
    )
}

fn old_frame(title: Option<&str>, article: &str, style: &Style) -> String {
    let page_title = title.unwrap_or("政府信息公开工作年度报告");
    let heading = match title {
        Some(t) if !style.title_inside => format!(
            "<TR><TD align=center height=50><FONT style=\"FONT-SIZE: 20px\" color=#c00000><B>{}</B></FONT></TD></TR>",
            escape(t)
        ),
        _ => String::new(),
    };
    format!(
        r##"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML><HEAD><TITLE>{pt}</TITLE>
<META http-equiv=Content-Type content="text/html; charset=gb2312">
<LINK href="/css/style.css" type=text/css rel=stylesheet>
{SCRIPTS}
</HEAD>
<BODY leftMargin=0 topMargin=0>
<TABLE cellSpacing=0 cellPadding=0 width=1000 align=center border=0>
  <TR><TD><IMG src="/images/banner.jpg" width=1000 height=160></TD></TR>
  <TR><TD class=nav height=36><A href="/">首 页</A> | <A href="/jggk/">机构概况</A> | <A href="/zwgk/">政务公开</A> | <A href="/bsfw/">办事服务</A> | <A href="/gzhd/">公众互动</A></TD></TR>
</TABLE>
<TABLE cellSpacing=0 cellPadding=0 width=1000 align=center border=0>
<TR>
<TD vAlign=top width=220>
  <TABLE width="100%">
    <TR><TD class=lm>栏目导航</TD></TR>
    <TR><TD><A href="/zwgk/zn/">政府信息公开指南</A></TD></TR>
    <TR><TD><A href="/zwgk/zd/">政府信息公开制度</A></TD></TR>
    <TR><TD><A href="/zwgk/ndbg/">政府信息公开年报</A></TD></TR>
    <TR><TD><SELECT onchange="window.open(this.value)"><OPTION selected>-- 友情链接 --</OPTION><OPTION value="http://www.gov.cn/">中国政府网</OPTION></SELECT></TD></TR>
  </TABLE>
</TD>
<TD vAlign=top>
  <TABLE width="100%"><TR><TD class=dqwz>您现在的位置：<A href="/">首页</A> &gt;&gt; <A href="/zwgk/">政务公开</A> &gt;&gt; <A href="/zwgk/ndbg/">政府信息公开年报</A></TD></TR></TABLE>
  <TABLE cellSpacing=0 cellPadding=0 width="96%" align=center border=0>
    {heading}
    <TR><TD align=center>发布日期：2021-01-20　　点击数：<SCRIPT src="/count.asp?id=1234"></SCRIPT>　　【字体：<A href="javascript:doZoom(16)">大</A> <A href="javascript:doZoom(14)">中</A> <A href="javascript:doZoom(12)">小</A>】</TD></TR>
    <TR><TD><HR color=#cccccc SIZE=1></TD></TR>
    <TR><TD><DIV id=zoom><FONT style="FONT-SIZE: 14px; LINE-HEIGHT: 2">
{article}
    </FONT></DIV></TD></TR>
    <TR><TD align=right>【<A href="javascript:window.print()">打印本页</A>】　【<A href="javascript:window.close()">关闭窗口</A>】</TD></TR>
  </TABLE>
</TD></TR></TABLE>
<TABLE cellSpacing=0 cellPadding=0 width=1000 align=center border=0>
  <TR><TD align=center class=bottom>版权所有 某某县人民政府办公室　地址：某某县人民路1号　电话：0951-1234567<BR>网站标识码：6401000002　<A href="http://www.miibeian.gov.cn/">宁ICP备05004321号</A></TD></TR>
</TABLE>
</BODY></HTML>
"##,
        pt = escape(page_title),
    )
}
