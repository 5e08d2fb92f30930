//! Test support: writes real .docx files (a zip with the parts Word needs:
//! `[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, optionally
//! `word/styles.xml`), from blocks or from a plain-text draft whose tables
//! are tab- (or pipe-) separated lines.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// The real report in `tests/fixtures/` whose name starts with `prefix`.
pub fn fixture_path(prefix: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

/// Its text.
pub fn fixture(prefix: &str) -> String {
    std::fs::read_to_string(fixture_path(prefix)).unwrap()
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// `\n` starts a new paragraph inside the cell.
    pub text: String,
    pub span: usize,
    /// `Some(true)`: `w:vMerge w:val="restart"`; `Some(false)`: a
    /// continuation (`<w:vMerge/>`).
    pub vmerge: Option<bool>,
}

impl Cell {
    pub fn new(text: &str) -> Cell {
        Cell {
            text: text.to_string(),
            span: 1,
            vmerge: None,
        }
    }
    pub fn span(mut self, n: usize) -> Cell {
        self.span = n;
        self
    }
    pub fn restart(mut self) -> Cell {
        self.vmerge = Some(true);
        self
    }
    /// A continuation of the merged cell above (empty).
    pub fn cont() -> Cell {
        Cell {
            text: String::new(),
            span: 1,
            vmerge: Some(false),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Para {
        style: Option<String>,
        bold: bool,
        text: String,
    },
    Table(Vec<Vec<Cell>>),
    /// A table whose grid columns have these widths (twips), as a template
    /// sets them: wide label columns, narrow value columns.
    SizedTable(Vec<usize>, Vec<Vec<Cell>>),
}

impl Block {
    pub fn para(text: &str) -> Block {
        Block::Para {
            style: None,
            bold: false,
            text: text.to_string(),
        }
    }
    pub fn styled(style: &str, text: &str) -> Block {
        Block::Para {
            style: Some(style.to_string()),
            bold: false,
            text: text.to_string(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Docx {
    pub blocks: Vec<Block>,
    /// Paragraph styles written to word/styles.xml: (styleId, name).
    pub styles: Vec<(String, String)>,
    /// Styles numbered by a list of word/numbering.xml: (styleId, numId).
    pub numbered_styles: Vec<(String, String)>,
    /// word/numbering.xml.
    pub numbering: Option<String>,
}

pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => o.push(c),
        }
    }
    o
}

fn paragraph(style: Option<&str>, bold: bool, text: &str) -> String {
    let mut x = String::from("<w:p>");
    if let Some(s) = style {
        x.push_str(&format!(r#"<w:pPr><w:pStyle w:val="{}"/></w:pPr>"#, esc(s)));
    }
    if !text.is_empty() {
        x.push_str("<w:r>");
        if bold {
            x.push_str("<w:rPr><w:b/><w:bCs/></w:rPr>");
        }
        x.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, esc(text)));
        x.push_str("</w:r>");
    }
    x.push_str("</w:p>");
    x
}

fn table(rows: &[Vec<Cell>]) -> String {
    let width = rows
        .iter()
        .map(|r| r.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    sized_table(&vec![800; width], rows)
}

fn sized_table(widths: &[usize], rows: &[Vec<Cell>]) -> String {
    let mut x = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>"#,
    );
    for w in widths {
        x.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    x.push_str("</w:tblGrid>");
    for r in rows {
        x.push_str("<w:tr>");
        let mut col = 0;
        for c in r {
            let w: usize = widths.iter().skip(col).take(c.span).sum();
            col += c.span;
            x.push_str(&format!(r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#));
            if c.span > 1 {
                x.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, c.span));
            }
            match c.vmerge {
                Some(true) => x.push_str(r#"<w:vMerge w:val="restart"/>"#),
                Some(false) => x.push_str("<w:vMerge/>"),
                None => {}
            }
            x.push_str("</w:tcPr>");
            for p in c.text.split('\n') {
                x.push_str(&paragraph(None, false, p));
            }
            x.push_str("</w:tc>");
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

impl Docx {
    /// Puts every table 三 (the table whose first cell has the 勾稽关系
    /// note) in the official merged-cell layout; how many were replaced.
    pub fn official_table3_layout(&mut self) -> usize {
        let mut replaced = 0;
        for b in &mut self.blocks {
            if let Block::Table(rows) = b
                && rows[0][0].text.contains("勾稽关系")
            {
                let texts: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.text.clone()).collect())
                    .collect();
                *rows = official_table3(&texts);
                replaced += 1;
            }
        }
        replaced
    }

    pub fn document_xml(&self) -> String {
        let mut x = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#,
        );
        for b in &self.blocks {
            match b {
                Block::Para { style, bold, text } => {
                    x.push_str(&paragraph(style.as_deref(), *bold, text))
                }
                Block::Table(rows) => x.push_str(&table(rows)),
                Block::SizedTable(widths, rows) => x.push_str(&sized_table(widths, rows)),
            }
        }
        x.push_str(
            r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
        );
        x
    }

    pub fn styles_xml(&self) -> String {
        let mut x = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>"#,
        );
        for (id, name) in &self.styles {
            let num = self
                .numbered_styles
                .iter()
                .find(|(s, _)| s == id)
                .map(|(_, n)| {
                    format!(
                        r#"<w:pPr><w:numPr><w:numId w:val="{}"/></w:numPr></w:pPr>"#,
                        esc(n)
                    )
                })
                .unwrap_or_default();
            x.push_str(&format!(
                r#"<w:style w:type="paragraph" w:styleId="{}"><w:name w:val="{}"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/>{num}<w:rPr><w:b/></w:rPr></w:style>"#,
                esc(id),
                esc(name)
            ));
        }
        x.push_str("</w:styles>");
        x
    }

    /// The .docx file, with `document.xml` as given.
    pub fn zip_with(document_xml: &str, styles_xml: Option<&str>) -> Vec<u8> {
        Docx::zip_parts(document_xml, styles_xml, None)
    }

    pub fn zip_parts(
        document_xml: &str,
        styles_xml: Option<&str>,
        numbering_xml: Option<&str>,
    ) -> Vec<u8> {
        let mut parts: Vec<(&str, String)> = Vec::new();
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
        );
        if styles_xml.is_some() {
            types.push_str(r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#);
        }
        if numbering_xml.is_some() {
            types.push_str(r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>"#);
        }
        types.push_str("</Types>");
        parts.push(("[Content_Types].xml", types));
        parts.push((
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .to_string(),
        ));
        parts.push(("word/document.xml", document_xml.to_string()));
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        if let Some(s) = styles_xml {
            rels.push_str(r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
            parts.push(("word/styles.xml", s.to_string()));
        }
        if let Some(n) = numbering_xml {
            rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
            parts.push(("word/numbering.xml", n.to_string()));
        }
        rels.push_str("</Relationships>");
        if styles_xml.is_some() || numbering_xml.is_some() {
            parts.push(("word/_rels/document.xml.rels", rels));
        }
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            w.start_file(name, opts).unwrap();
            w.write_all(content.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let styles = (!self.styles.is_empty()).then(|| self.styles_xml());
        Docx::zip_parts(
            &self.document_xml(),
            styles.as_deref(),
            self.numbering.as_deref(),
        )
    }
}

/// How `from_text` marks Markdown headings (`## …`): the styleId for a level.
pub type HeadingId<'a> = &'a dyn Fn(usize) -> String;

fn pipe_row(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if !(t.matches('|').count() >= 2 || t.starts_with('|')) {
        return None;
    }
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    Some(t.split('|').map(|c| c.trim().to_string()).collect())
}

/// A draft as Word would hold it: each line a paragraph (Markdown headings
/// get a heading style, whole-line `**…**` a bold run), each run of
/// tab-separated lines (and pipe-separated ones when `pipes`) a table.
pub fn from_text(text: &str, pipes: bool, heading: HeadingId) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let lines: Vec<&str> = text
        .strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .collect();
    for line in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let cells: Option<Vec<String>> = if line.contains('\t') {
            Some(line.split('\t').map(str::to_string).collect())
        } else if pipes {
            pipe_row(line)
        } else {
            None
        };
        if let Some(cells) = cells {
            rows.push(cells.iter().map(|c| Cell::new(c)).collect());
            continue;
        }
        if !rows.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut rows)));
        }
        let t = line.trim();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        let (style, rest) = if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            (Some(heading(hashes)), t[hashes..].trim())
        } else {
            (None, line)
        };
        let r = rest.trim();
        let bold = r.len() > 4
            && r.starts_with("**")
            && r.ends_with("**")
            && !r[2..r.len() - 2].contains("**");
        let text = if bold { r[2..r.len() - 2].trim() } else { rest };
        blocks.push(Block::Para {
            style,
            bold,
            text: text.to_string(),
        });
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(rows));
    }
    blocks
}

/// A multilevel list as Chinese templates number headings: `一、`,
/// `（一）`, `1.` (numId 1).
pub const CHINESE_HEADING_LIST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// Heading styles as a Chinese Word names them: ids "1", "2", … named
/// "heading 1", "heading 2", ….
pub fn chinese_word_headings() -> Vec<(String, String)> {
    (1..=6)
        .map(|n| (n.to_string(), format!("heading {n}")))
        .collect()
}

fn is_number(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '（' | '）' | '(' | ')'))
        && s.chars().any(|c| c.is_ascii_digit())
}

/// Table 三 in the official layout of the format: the note spans three
/// columns and three rows, 申请人情况 seven columns, 法人或其他组织 five;
/// 三、本年度办理结果 and the group labels （三）（四）（五） are merged
/// vertically over their rows. Labels and values are taken from `rows`, a
/// table 三 written one line per row (the texts of the cells).
pub fn official_table3(rows: &[Vec<String>]) -> Vec<Vec<Cell>> {
    let texts = |r: &Vec<String>| -> Vec<String> {
        r.iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    let h1 = texts(&rows[0]);
    let h2 = texts(&rows[1]);
    let h3 = texts(&rows[2]);
    let mut out = vec![
        vec![
            Cell::new(&h1[0]).span(3).restart(),
            Cell::new(&h1[1]).span(7),
        ],
        vec![
            Cell::cont().span(3),
            Cell::new(&h2[0]).restart(),
            Cell::new(&h2[1]).span(5),
            Cell::new(&h2[2]).restart(),
        ],
        {
            let mut r = vec![Cell::cont().span(3), Cell::cont()];
            r.extend(h3.iter().map(|t| Cell::new(t)));
            r.push(Cell::cont());
            r
        },
    ];
    let mut in_results = false;
    let mut in_group = false;
    for r in &rows[3..] {
        let cells = texts(r);
        let n_labels = cells.iter().take_while(|c| !is_number(c)).count();
        let (labels, values) = cells.split_at(n_labels);
        let mut values: Vec<String> = values.to_vec();
        values.resize(7, String::new());
        let mut row = Vec::new();
        let mut labels: Vec<&String> = labels.iter().collect();
        if labels.first().is_some_and(|l| l.starts_with("三、")) {
            in_results = true;
            row.push(Cell::new(labels.remove(0)).restart());
        } else if labels.first().is_some_and(|l| l.starts_with("四、")) {
            in_results = false;
        } else if in_results {
            row.push(Cell::cont());
        }
        if !in_results {
            row.push(Cell::new(labels.first().map(|s| s.as_str()).unwrap_or("")).span(3));
        } else if labels.len() >= 2 {
            in_group = true;
            row.push(Cell::new(labels[0]).restart());
            row.push(Cell::new(labels[1]));
        } else {
            let l = labels.first().map(|s| s.as_str()).unwrap_or("");
            if in_group && l.starts_with(|c: char| c.is_ascii_digit()) {
                row.push(Cell::cont());
                row.push(Cell::new(l));
            } else {
                in_group = false;
                row.push(Cell::new(l).span(2));
            }
        }
        row.extend(values.iter().map(|v| Cell::new(v)));
        out.push(row);
    }
    out
}

/// A saved portal page around a draft: the draft's lines as paragraphs,
/// its tab-separated rows as `<table>` rows, inside a page's frame
/// (navigation, breadcrumbs, share buttons, related links, footer). For
/// the end-to-end tests; `tests/shapes/render/portal.rs` renders the
/// official merged layout.
pub fn portal_page(draft: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut article = String::new();
    let mut in_table = false;
    for line in draft.lines() {
        let line = line.trim_start_matches('#').trim();
        if line.contains('\t') {
            if !in_table {
                article.push_str("<table border=\"1\">\n");
                in_table = true;
            }
            article.push_str("<tr>");
            for cell in line.split('\t') {
                article.push_str(&format!("<td>{}</td>", esc(cell)));
            }
            article.push_str("</tr>\n");
            continue;
        }
        if in_table {
            article.push_str("</table>\n");
            in_table = false;
        }
        if !line.is_empty() {
            article.push_str(&format!("<p>{}</p>\n", esc(line)));
        }
    }
    if in_table {
        article.push_str("</table>\n");
    }
    format!(
        r##"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>政府信息公开年报</title>
<script>var nav = "<p>一、总体情况</p>";</script></head>
<body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div id="zoom">
{article}</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/1">2019年政府信息公开工作年度报告</a></li></ul></div>
<div class="footer">版权所有：某某县人民政府　网站标识码：1234000000　<a href="/icp">皖ICP备12345678号</a></div>
</body></html>
"##
    )
}
