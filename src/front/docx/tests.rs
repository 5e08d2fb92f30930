use super::document::parse_document;
use super::numbering::{Numbering, format_number};
use super::render::render;
use super::styles::{Styles, heading_level_of_name};
use super::*;

fn doc(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    )
}

fn render_xml(body: &str) -> DocxText {
    let blocks = parse_document(&doc(body), &Styles::default(), &mut Numbering::default()).unwrap();
    render(&blocks, &Styles::default())
}

#[test]
fn paragraphs_headings_and_bold() {
    let t = render_xml(
        r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>
           <w:p/>
           <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>（一）主动公开</w:t></w:r></w:p>
           <w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve">A &amp; B</w:t><w:tab/><w:t>C</w:t></w:r></w:p>
           <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:outlineLvl w:val="1"/></w:pPr><w:r><w:br w:type="page"/><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>"#,
    );
    assert_eq!(
        t.text,
        "# 一、总体情况\n\n**（一）主动公开**\nA & B\tC\n## 二、主动公开政府信息情况\n"
    );
    let loc = t.locate(t.text.find("C").unwrap()).unwrap();
    assert_eq!(loc.describe_zh(), "第3段");
    assert_eq!(t.locate(t.text.len()).unwrap().describe_en(), "paragraph 4");
}

#[test]
fn merged_cells_and_roles() {
    let t = render_xml(
        r#"<w:tbl><w:tr>
             <w:tc><w:tcPr><w:gridSpan w:val="3"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>（本列数据的勾稽关系为：…）</w:t></w:r></w:p></w:tc>
             <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>申请人</w:t></w:r></w:p><w:p><w:r><w:t>情况</w:t></w:r></w:p></w:tc>
           </w:tr><w:tr>
             <w:tc><w:tcPr><w:gridSpan w:val="3"/><w:vMerge/></w:tcPr><w:p/></w:tc>
             <w:tc><w:p><w:r><w:t>自然人</w:t></w:r></w:p></w:tc>
             <w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>
           </w:tr></w:tbl>"#,
    );
    assert_eq!(
        t.text,
        "（本列数据的勾稽关系为：…）\t\t\t申请人情况\t\n\t\t\t自然人\t1\n"
    );
    assert_eq!(t.tables, vec![Some(TableRole::T3)]);
    let loc = t.locate(t.text.rfind('1').unwrap()).unwrap();
    assert_eq!(loc.describe_zh(), "表三 第2行 第5列");
    assert_eq!(&t.text[loc.range], "1");
}

#[test]
fn skips_deleted_text_field_codes_and_fallbacks() {
    let t = render_xml(
        r#"<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>
           <w:r><w:instrText> PAGE </w:instrText></w:r>
           <mc:AlternateContent><mc:Choice><w:r><w:t>甲</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>甲</w:t></w:r></mc:Fallback></mc:AlternateContent>
           <w:pPr><w:pPrChange><w:pPr><w:pStyle w:val="1"/></w:pPr></w:pPrChange></w:pPr></w:p>"#,
    );
    assert_eq!(t.text, "保留甲\n");
}

#[test]
fn automatic_numbering_is_written_out() {
    let mut numbering = parse_numbering(
        r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
             <w:abstractNum w:abstractNumId="7">
               <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
               <w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
               <w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
               <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
             </w:abstractNum>
             <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
             <w:num w:numId="4"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
           </w:numbering>"#,
    );
    let styles = parse_styles(
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
             <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
           </w:styles>"#,
    );
    let p = |style: &str, num: &str, text: &str| {
        let mut ppr = String::new();
        if !style.is_empty() {
            ppr.push_str(&format!(r#"<w:pStyle w:val="{style}"/>"#));
        }
        if let Some((id, lvl)) = num.split_once(':') {
            ppr.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
            ));
        }
        format!(r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    };
    let body = [
        p("1", "", "总体情况"),
        p("", "3:1", "主动公开"),
        p("", "3:1", "依申请公开"),
        p("", "3:2", "细项"),
        p("", "3:3", "要点"),
        p("1", "", "主动公开政府信息情况"),
        p("", "3:1", "规章"),
        p("", "4:0", "政府信息公开行政复议、行政诉讼情况"),
        p("1", "0:0", "不编号"),
    ]
    .concat();
    let blocks = parse_document(&doc(&body), &styles, &mut numbering).unwrap();
    let t = render(&blocks, &styles);
    assert_eq!(
        t.text,
        "# 一、总体情况\n（一）主动公开\n（二）依申请公开\n1.细项\n要点\n# 二、主动公开政府信息情况\n（一）规章\n四、政府信息公开行政复议、行政诉讼情况\n# 不编号\n"
    );
    assert_eq!(format_number(12, "upperRoman"), "XII");
    assert_eq!(format_number(28, "lowerLetter"), "bb");
    assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
    assert_eq!(format_number(11, "chineseCounting"), "十一");
}

#[test]
fn deep_nesting_toc_and_ruby() {
    let deep = "<w:tbl><w:tr><w:tc>".repeat(5000)
        + "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
        + &"</w:tc></w:tr></w:tbl>".repeat(5000);
    let t = render_xml(&deep);
    assert_eq!(t.text, "\n");
    let styles = parse_styles(
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
             <w:style w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/></w:style>
           </w:styles>"#,
    );
    let body = r#"<w:p><w:pPr><w:pStyle w:val="11"/></w:pPr><w:r><w:t>一、总体情况</w:t><w:tab/><w:t>3</w:t></w:r></w:p>
        <w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>nián</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>年</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>报</w:t></w:r></w:p>"#;
    let blocks = parse_document(&doc(body), &styles, &mut Numbering::default()).unwrap();
    assert_eq!(render(&blocks, &styles).text, "\n年报\n");
}

#[test]
fn style_names() {
    assert_eq!(heading_level_of_name("heading 2"), Some(2));
    assert_eq!(heading_level_of_name("标题 3"), Some(3));
    assert_eq!(heading_level_of_name("Heading1"), Some(1));
    assert_eq!(heading_level_of_name("toc 1"), None);
    let s = parse_styles(
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
             <w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
             <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>
             <w:style w:type="paragraph" w:styleId="X"><w:name w:val="我的标题"/><w:basedOn w:val="2"/></w:style>
             <w:style w:type="paragraph" w:styleId="O"><w:name w:val="大纲"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
           </w:styles>"#,
    );
    assert_eq!(s.heading_level("2"), Some(2));
    assert_eq!(s.heading_level("X"), Some(2));
    assert_eq!(s.heading_level("O"), Some(1));
    assert_eq!(s.heading_level("a"), None);
    assert_eq!(s.heading_level("3"), Some(3), "unknown ids still read");
}

#[test]
fn errors() {
    assert_eq!(
        to_text(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]),
        Err(DocxError::Encrypted)
    );
    let e = to_text(b"PK\x03\x04 not really").unwrap_err();
    assert!(e.to_string().starts_with("无法读取 .docx："), "{e}");
    assert!(to_text(b"").is_err());
}
