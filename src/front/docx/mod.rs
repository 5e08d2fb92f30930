//! Word drafts (.docx): reads the main document part (paragraphs, heading
//! styles, tables with merged cells) and renders it as the plain text the
//! [`syntax`](crate::syntax) layer already reads, so every rule works on a
//! Word draft unchanged. A map sends every byte of that text back to a
//! paragraph or a table cell a Word user can find (“表三 第12行 第2列”,
//! “第35段”).
//!
//! The rendering:
//! - a body paragraph is one line; a heading (style `标题 1`/`heading 1`/`1`,
//!   or an outline level) gets `#`×level, a paragraph bold all through is
//!   wrapped in `**…**`, as Word headings come out of a copy; the numbers
//!   Word's automatic numbering shows (`一、`, `（一）`, `1.`) are written
//!   out, bullets are not;
//! - a table row is one line of cells separated by tabs; a cell spanning N
//!   grid columns (`w:gridSpan`) is followed by N−1 empty cells, a vertically
//!   merged continuation cell (`w:vMerge`) is empty, a cell's paragraphs are
//!   joined without separator (labels split over two paragraphs join);
//! - nested tables are flattened into their cell, cells separated by spaces.
//!
//! Pure: bytes in, text out; no I/O, and no panic on any bytes.

pub mod annotate;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;

/// Largest part read out of the archive (a guard against zip bombs).
pub(crate) const MAX_PART: u64 = 64 << 20;
/// Tables nested deeper than this are left out (no report needs them, and
/// the nesting would otherwise be bounded only by the file's size).
const MAX_NESTING: usize = 16;
pub(crate) const W_NS: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// An OLE compound file: a password-protected .docx, or an old `.doc`.
    #[error("文件已加密或不是 .docx (encrypted or not a .docx)")]
    Encrypted,
    #[error("无法读取 .docx：{0}")]
    Zip(String),
    #[error(
        "无法读取 .docx：压缩包中没有 word/document.xml，不是 Word 文档 (no word/document.xml: not a Word document)"
    )]
    NoDocument,
    #[error("无法读取 .docx：{part} 不是有效的 XML ({message})")]
    Xml { part: String, message: String },
    #[error("无法读取 .docx：{part} 过大 (part too large)")]
    TooLarge { part: String },
}

/// Where a piece of the rendered text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The `index`-th body paragraph with visible text (1-based; empty
    /// paragraphs and paragraphs inside tables are not counted).
    Paragraph { index: usize },
    /// A table cell: `table` counts the document's top-level tables, `row`
    /// its rows and `col` its grid columns (all 1-based).
    TableCell {
        table: usize,
        row: usize,
        col: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in [`DocxText::text`].
    pub range: Range<usize>,
    pub origin: Origin,
}

/// The table of the official format a Word table holds: the schema's one
/// name for it.
pub type TableRole = crate::schema::Table;

/// A Word document rendered as text, with the way back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    pub text: String,
    /// Sorted by position; ranges do not overlap.
    pub map: Vec<Segment>,
    /// The role of each top-level table (index = table number − 1).
    pub tables: Vec<Option<TableRole>>,
    /// Where the paragraphs and cells are in the XML, for
    /// [`annotate`].
    pub(crate) xml: Box<XmlMap>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct XmlMap {
    /// The name of the main part in the archive (`word/document.xml`).
    pub main_part: String,
    /// Each paragraph and cell; a merged cell is listed under every grid
    /// column and row it covers.
    pub anchors: Vec<(Origin, XmlAnchor)>,
}

/// The paragraphs a comment on a paragraph or cell spans: a body
/// paragraph, or the first and last paragraphs of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct XmlAnchor {
    pub first: ParaXml,
    pub last: ParaXml,
}

/// A position a Word user can find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub origin: Origin,
    pub role: Option<TableRole>,
    /// Another table has the same role (a table split over two pages): the
    /// description then also names the table by its number.
    pub role_shared: bool,
    /// The paragraph or cell in [`DocxText::text`].
    pub range: Range<usize>,
}

impl Location {
    /// “第35段”, “表三 第12行 第2列”, “第3个表格 第12行 第2列”.
    pub fn describe_zh(&self) -> String {
        match self.origin {
            Origin::Paragraph { index } => format!("第{index}段"),
            Origin::TableCell { table, row, col } => match self.role {
                Some(r) if self.role_shared => {
                    format!("{}（第{table}个表格）第{row}行 第{col}列", r.short())
                }
                Some(r) => format!("{} 第{row}行 第{col}列", r.short()),
                None => format!("第{table}个表格 第{row}行 第{col}列"),
            },
        }
    }

    /// “paragraph 35”, “表三 (table 3), row 12, column 2”.
    pub fn describe_en(&self) -> String {
        match self.origin {
            Origin::Paragraph { index } => format!("paragraph {index}"),
            Origin::TableCell { table, row, col } => match self.role {
                Some(r) if self.role_shared => format!(
                    "{} ({}; table {table} of the document), row {row}, column {col}",
                    r.short(),
                    r.short_en()
                ),
                Some(r) => format!("{} ({}), row {row}, column {col}", r.short(), r.short_en()),
                None => format!("table {table} of the document, row {row}, column {col}"),
            },
        }
    }
}

impl DocxText {
    /// The paragraph or cell at byte `offset` of [`DocxText::text`]. An
    /// offset between them (a blank line, a line break) gives the next one,
    /// or the last one at the end of the document.
    pub fn locate(&self, offset: usize) -> Option<Location> {
        let i = self.map.partition_point(|s| s.range.start <= offset);
        let seg = match i.checked_sub(1).map(|j| &self.map[j]) {
            Some(s) if offset <= s.range.end => s,
            _ => self.map.get(i).or_else(|| self.map.last())?,
        };
        let (role, role_shared) = match seg.origin {
            Origin::TableCell { table, .. } => {
                let role = self.tables.get(table.wrapping_sub(1)).copied().flatten();
                let shared =
                    role.is_some() && self.tables.iter().filter(|r| **r == role).count() > 1;
                (role, shared)
            }
            Origin::Paragraph { .. } => (None, false),
        };
        Some(Location {
            origin: seg.origin,
            role,
            role_shared,
            range: seg.range.clone(),
        })
    }
}

/// Reads a .docx and renders its main document as text.
pub fn to_text(bytes: &[u8]) -> Result<DocxText, DocxError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(DocxError::Encrypted);
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::Zip(zip_message(&e)))?;
    let main = read_part(&mut zip, "_rels/.rels")?
        .and_then(|rels| relationship(&rels, "/officeDocument"))
        .map(|t| t.trim_start_matches('/').to_string())
        .unwrap_or_else(|| "word/document.xml".to_string());
    let (doc, main) = match read_part(&mut zip, &main)? {
        Some(d) => (d, main),
        None if main != "word/document.xml" => (
            read_part(&mut zip, "word/document.xml")?.ok_or(DocxError::NoDocument)?,
            "word/document.xml".to_string(),
        ),
        None => return Err(DocxError::NoDocument),
    };
    let dir = main.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let rels = read_part(&mut zip, &rels_name(&main)).ok().flatten();
    let styles_name = rels
        .as_deref()
        .and_then(|rels| relationship(rels, "/styles"))
        .map(|t| resolve_target(dir, &t))
        .unwrap_or_else(|| resolve_target(dir, "styles.xml"));
    // Styles only name the headings: a broken styles part is not fatal.
    let styles = read_part(&mut zip, &styles_name)
        .ok()
        .flatten()
        .map(|s| parse_styles(&s))
        .unwrap_or_default();
    let numbering_name = rels
        .as_deref()
        .and_then(|rels| relationship(rels, "/numbering"))
        .map(|t| resolve_target(dir, &t))
        .unwrap_or_else(|| resolve_target(dir, "numbering.xml"));
    let mut numbering = read_part(&mut zip, &numbering_name)
        .ok()
        .flatten()
        .map(|s| parse_numbering(&s))
        .unwrap_or_default();
    let body = parse_document(&doc, &styles, &mut numbering).map_err(|message| DocxError::Xml {
        part: main.clone(),
        message,
    })?;
    let mut text = render(&body, &styles);
    text.xml.main_part = main;
    Ok(text)
}

pub(crate) fn zip_message(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError as Z;
    match e {
        Z::InvalidArchive(_) | Z::Io(_) => format!("不是有效的 zip 压缩包 ({e})"),
        Z::UnsupportedArchive(_) | Z::InvalidPassword => {
            format!("压缩包已加密或格式不受支持 ({e})")
        }
        _ => e.to_string(),
    }
}

/// The relationships part of `part`: `word/document.xml` →
/// `word/_rels/document.xml.rels`.
pub(crate) fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

pub(crate) fn resolve_target(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(p),
        }
    }
    parts.join("/")
}

fn read_part<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Zip(zip_message(&e))),
    };
    let mut buf = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut buf)
        .map_err(|e| DocxError::Zip(format!("{name} 已损坏 ({e})")))?;
    if buf.len() as u64 > MAX_PART {
        return Err(DocxError::TooLarge {
            part: name.to_string(),
        });
    }
    Ok(Some(xml_string(buf)))
}

/// XML parts are UTF-8 (sometimes with a BOM), rarely UTF-16.
fn xml_string(buf: Vec<u8>) -> String {
    if buf.starts_with(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE.decode(&buf).0.into_owned();
    }
    if buf.starts_with(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE.decode(&buf).0.into_owned();
    }
    let buf = match buf.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => buf,
    };
    match String::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

pub(crate) fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        let name = key.rsplit(':').next().unwrap_or(key);
        (name == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

/// The target of the first relationship whose type ends with `type_suffix`.
pub(crate) fn relationship(rels: &str, type_suffix: &str) -> Option<String> {
    let mut reader = NsReader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                if attr(&e, "Type").is_some_and(|t| t.ends_with(type_suffix))
                    && let Some(t) = attr(&e, "Target")
                {
                    return Some(t);
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

// ------------------------------------------------------------------ styles

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    /// The list the style numbers its paragraphs with: (numId, ilvl).
    num: Option<(Option<String>, Option<usize>)>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

/// “heading 1”, “Heading1”, “标题 1”, “标题1” → 1.
fn heading_level_of_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    let digits = rest.trim();
    let level: u8 = digits.parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

impl Styles {
    fn heading_level(&self, id: &str) -> Option<u8> {
        if self.by_id.is_empty() || !self.by_id.contains_key(id) {
            // Chinese Word names its heading styles "1", "2", …
            if let Ok(n) = id.trim().parse::<u8>() {
                return (1..=9).contains(&n).then_some(n);
            }
            return heading_level_of_name(id);
        }
        let mut cur = id;
        for _ in 0..10 {
            let s = self.by_id.get(cur)?;
            if let Some(l) = heading_level_of_name(&s.name) {
                return Some(l);
            }
            if let Some(o) = s.outline {
                return (o < 9).then_some(o + 1);
            }
            cur = s.based_on.as_deref()?;
        }
        None
    }

    /// A table of contents entry (“toc 1”, “目录 1”): not part of the text.
    fn is_toc(&self, id: &str) -> bool {
        let name = self
            .by_id
            .get(id)
            .map_or(id.to_lowercase(), |s| s.name.to_lowercase());
        name.starts_with("toc ") || name.starts_with("目录")
    }

    /// The numbering a paragraph of style `id` gets from its style chain.
    fn numbering(&self, id: &str) -> (Option<String>, Option<usize>) {
        let (mut num, mut lvl) = (None, None);
        let mut cur = id;
        for _ in 0..10 {
            let Some(s) = self.by_id.get(cur) else { break };
            if let Some((n, l)) = &s.num {
                num = num.or_else(|| n.clone());
                lvl = lvl.or(*l);
            }
            match &s.based_on {
                Some(b) => cur = b,
                None => break,
            }
        }
        (num, lvl)
    }
}

fn is_w(ns: &ResolveResult) -> bool {
    matches!(ns, ResolveResult::Bound(n) if W_NS.contains(&n.as_ref()))
}

fn parse_styles(xml: &str) -> Styles {
    let mut styles = Styles::default();
    let mut reader = NsReader::from_str(xml);
    let mut cur: Option<(String, Style)> = None;
    loop {
        let ev = reader.read_resolved_event();
        match ev {
            Ok((ns, Event::Start(e))) | Ok((ns, Event::Empty(e))) if is_w(&ns) => {
                match e.local_name().as_ref() {
                    "style" => {
                        let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                        cur = match attr(&e, "styleId") {
                            Some(id) if paragraph => Some((id, Style::default())),
                            _ => None,
                        };
                    }
                    "name" => {
                        if let (Some((_, s)), Some(v)) = (cur.as_mut(), attr(&e, "val")) {
                            s.name = v;
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.based_on = attr(&e, "val");
                        }
                    }
                    "outlineLvl" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.outline = attr(&e, "val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.num.get_or_insert((None, None)).0 = attr(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.num.get_or_insert((None, None)).1 =
                                attr(&e, "val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    _ => {}
                }
            }
            Ok((ns, Event::End(e))) if is_w(&ns) && e.local_name().as_ref() == "style" => {
                if let Some((id, s)) = cur.take() {
                    styles.by_id.insert(id, s);
                }
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => {}
        }
    }
    styles
}

// --------------------------------------------------------------- numbering

#[derive(Debug, Default, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:isLgl`: every level shown in decimal.
    legal: bool,
}

/// numbering.xml, and the counters of the lists while the document is read.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    counters: HashMap<String, [Option<u32>; 9]>,
}

fn level_mut(abs: &mut Option<(String, Vec<Level>)>, lvl: Option<usize>) -> Option<&mut Level> {
    let (_, levels) = abs.as_mut()?;
    let i = lvl?;
    if levels.len() <= i {
        levels.resize(i + 1, Level::default());
    }
    levels.get_mut(i)
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut n = Numbering::default();
    let mut reader = NsReader::from_str(xml);
    let mut abs: Option<(String, Vec<Level>)> = None;
    let mut lvl: Option<usize> = None;
    let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
    loop {
        let ev = reader.read_resolved_event();
        match ev {
            Ok((ns, Event::Start(e))) | Ok((ns, Event::Empty(e))) if is_w(&ns) => {
                let val = || attr(&e, "val");
                match e.local_name().as_ref() {
                    "abstractNum" => {
                        abs = attr(&e, "abstractNumId").map(|id| (id, Vec::new()));
                    }
                    "lvl" if abs.is_some() => {
                        lvl = attr(&e, "ilvl")
                            .and_then(|v| v.trim().parse().ok())
                            .filter(|&i: &usize| i < 9);
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.start = 1;
                        }
                    }
                    "start" => {
                        let v = val().and_then(|v| v.trim().parse().ok()).unwrap_or(1);
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.start = v;
                        }
                    }
                    "numFmt" => {
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.format = val().unwrap_or_default();
                        }
                    }
                    "lvlText" => {
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.text = val().unwrap_or_default();
                        }
                    }
                    "isLgl" => {
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.legal = truthy(val());
                        }
                    }
                    "num" => {
                        num = attr(&e, "numId").map(|id| (id, String::new(), HashMap::new()));
                    }
                    "abstractNumId" => {
                        if let (Some(num), Some(v)) = (num.as_mut(), val()) {
                            num.1 = v;
                        }
                    }
                    "lvlOverride" => {
                        lvl = attr(&e, "ilvl").and_then(|v| v.trim().parse().ok());
                    }
                    "startOverride" => {
                        if let (Some(num), Some(l), Some(v)) =
                            (num.as_mut(), lvl, val().and_then(|v| v.trim().parse().ok()))
                        {
                            num.2.insert(l, v);
                        }
                    }
                    _ => {}
                }
            }
            Ok((ns, Event::End(e))) if is_w(&ns) => match e.local_name().as_ref() {
                "abstractNum" => {
                    if let Some((id, levels)) = abs.take() {
                        n.abstracts.insert(id, levels);
                    }
                }
                "num" => {
                    if let Some((id, a, o)) = num.take() {
                        n.nums.insert(id, (a, o));
                    }
                }
                "lvl" | "lvlOverride" => lvl = None,
                _ => {}
            },
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => {}
        }
    }
    n
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    // Word repeats the letter: A … Z, AA … ZZ, AAA …
    let c = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(10) as usize).collect()
}

fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "ideographDigital" => crate::syntax::cn_numeral(n),
        "ideographTraditional" => {
            const G: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
            G[(n.max(1) as usize - 1) % 10].to_string()
        }
        "upperLetter" => letters(n),
        "lowerLetter" => letters(n).to_lowercase(),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10))
            .collect(),
        _ => n.to_string(),
    }
}

impl Numbering {
    /// The number Word shows before the next paragraph of list `num_id` at
    /// level `ilvl`, advancing the list; `None` for bullets and no list.
    fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let ilvl = ilvl.min(8);
        let level = levels.get(ilvl)?;
        if level.format == "bullet" {
            return None;
        }
        let start = |i: usize| -> u32 {
            overrides
                .get(&i)
                .copied()
                .or_else(|| levels.get(i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.to_string()).or_default();
        counters[ilvl] = Some(match counters[ilvl] {
            Some(v) => v.saturating_add(1),
            None => start(ilvl),
        });
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let v = counters[i].unwrap_or_else(|| start(i));
                    let format = match levels.get(i) {
                        Some(_) if level.legal => "decimal",
                        Some(l) => l.format.as_str(),
                        None => "decimal",
                    };
                    out.push_str(&format_number(v, format));
                }
                (c, _) => out.push(c),
            }
        }
        Some(out)
    }
}

// ---------------------------------------------------------------- document

#[derive(Debug)]
enum Block {
    Para(Para),
    Table(Table),
}

/// Where a paragraph is in the XML of the main part (byte offsets), so that
/// marks can be inserted into it (see [`annotate`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParaXml {
    /// The start tag `<w:p …>` (the whole element when self-closing).
    pub open: (usize, usize),
    /// Where the paragraph's content begins: after its `w:pPr`, if any.
    pub content_start: usize,
    /// The start of `</w:p>` (the end of `open` when self-closing).
    pub close_start: usize,
    pub self_closing: bool,
}

#[derive(Debug, Default)]
struct Para {
    xml: ParaXml,
    style: Option<String>,
    outline: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    text: String,
    bold_chars: usize,
    plain_chars: usize,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Row>,
}

#[derive(Debug, Default)]
struct Row {
    grid_before: usize,
    cells: Vec<Cell>,
}

#[derive(Debug)]
struct Cell {
    span: usize,
    /// A continuation of a merged cell (`w:vMerge` without `restart`, or a
    /// legacy `w:hMerge`): shown empty.
    continuation: bool,
    blocks: Vec<Block>,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            span: 1,
            continuation: false,
            blocks: Vec::new(),
        }
    }
}

struct Parser<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    body: Vec<Block>,
    tables: Vec<Table>,
    para: Option<Para>,
    /// Depth inside a skipped element (deleted text, field codes, text
    /// boxes, fallbacks, the old properties of a tracked change).
    skip: usize,
    in_ppr: bool,
    run: bool,
    run_bold: bool,
    in_rpr: bool,
    in_t: bool,
}

fn truthy(v: Option<String>) -> bool {
    v.is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off" | "none"))
}

impl Parser<'_> {
    /// Where a finished paragraph or table goes: the open cell, or the body.
    /// Content found in a table outside any cell gets a cell of its own.
    fn container(&mut self) -> &mut Vec<Block> {
        if let Some(t) = self.tables.last_mut() {
            if t.rows.is_empty() {
                t.rows.push(Row::default());
            }
            let r = t.rows.len() - 1;
            let row = &mut t.rows[r];
            if row.cells.is_empty() {
                row.cells.push(Cell::default());
            }
            let c = row.cells.len() - 1;
            return &mut row.cells[c].blocks;
        }
        &mut self.body
    }

    fn cell(&mut self) -> Option<&mut Cell> {
        self.tables.last_mut()?.rows.last_mut()?.cells.last_mut()
    }

    fn push_text(&mut self, s: &str, counts: bool) {
        if !(self.run && self.para.is_some()) {
            return;
        }
        let bold = self.run_bold;
        if let Some(p) = self.para.as_mut() {
            if counts {
                let n = s.chars().filter(|c| !c.is_whitespace()).count();
                if bold {
                    p.bold_chars += n;
                } else {
                    p.plain_chars += n;
                }
            }
            p.text.push_str(s);
        }
    }

    fn end_para(&mut self) {
        if let Some(mut p) = self.para.take() {
            let (style_num, style_lvl) = match &p.style {
                Some(s) => self.styles.numbering(s),
                None => (None, None),
            };
            if let Some(id) = p.num_id.clone().or(style_num)
                && id != "0"
                && let Some(number) = self.numbering.next(&id, p.ilvl.or(style_lvl).unwrap_or(0))
            {
                p.text.insert_str(0, &number);
            }
            self.container().push(Block::Para(p));
        }
        self.in_ppr = false;
        self.run = false;
        self.in_rpr = false;
        self.in_t = false;
    }

    fn end_table(&mut self) {
        self.end_para();
        if let Some(t) = self.tables.pop() {
            self.container().push(Block::Table(t));
        }
    }

    /// `at`: the byte range of the tag in the XML.
    fn open(&mut self, e: &BytesStart, empty: bool, at: Range<usize>) {
        let local = e.local_name();
        match local.as_ref() {
            "p" => {
                self.end_para();
                self.para = Some(Para {
                    xml: ParaXml {
                        open: (at.start, at.end),
                        content_start: at.end,
                        close_start: at.end,
                        self_closing: empty,
                    },
                    ..Para::default()
                });
                if empty {
                    self.end_para();
                }
            }
            "pPr" if self.para.is_some() && !self.run => {
                self.in_ppr = !empty;
                if empty && let Some(p) = self.para.as_mut() {
                    p.xml.content_start = at.end;
                }
            }
            "pStyle" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.style = attr(e, "val");
                }
            }
            "outlineLvl" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.outline = attr(e, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "numId" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.num_id = attr(e, "val");
                }
            }
            "ilvl" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.ilvl = attr(e, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "r" if self.para.is_some() => {
                self.run = !empty;
                self.run_bold = false;
                self.in_rpr = false;
            }
            "rPr" => self.in_rpr = !empty,
            "b" if self.run && self.in_rpr => self.run_bold = truthy(attr(e, "val")),
            "t" if self.run => self.in_t = !empty,
            "tab" | "ptab" if self.run && !self.in_rpr => self.push_text("\t", false),
            "br" | "cr" if self.run => {
                let kind = attr(e, "type");
                if kind.is_none() || kind.as_deref() == Some("textWrapping") {
                    self.push_text("\n", false);
                }
            }
            "noBreakHyphen" if self.run => self.push_text("-", true),
            "tbl" => {
                self.end_para();
                self.tables.push(Table::default());
                if empty {
                    self.end_table();
                }
            }
            "tr" => {
                self.end_para();
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Row::default());
                }
            }
            "gridBefore" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut())
                    && row.cells.is_empty()
                {
                    row.grid_before = attr(e, "val")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0)
                        .min(64);
                }
            }
            "tc" => {
                self.end_para();
                if let Some(t) = self.tables.last_mut() {
                    if t.rows.is_empty() {
                        t.rows.push(Row::default());
                    }
                    if let Some(row) = t.rows.last_mut() {
                        row.cells.push(Cell::default());
                    }
                }
            }
            "gridSpan" if self.para.is_none() => {
                let n = attr(e, "val")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                if let Some(c) = self.cell() {
                    c.span = n;
                }
            }
            "vMerge" | "hMerge" if self.para.is_none() => {
                let restart = attr(e, "val").as_deref() == Some("restart");
                if let Some(c) = self.cell() {
                    c.continuation = !restart;
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, local: &str, at: Range<usize>) {
        match local {
            "p" => {
                if let Some(p) = self.para.as_mut() {
                    p.xml.close_start = at.start;
                }
                self.end_para()
            }
            "pPr" => {
                if self.in_ppr
                    && !self.run
                    && let Some(p) = self.para.as_mut()
                {
                    p.xml.content_start = at.end;
                }
                self.in_ppr = false
            }
            "r" => {
                self.run = false;
                self.in_rpr = false;
                self.in_t = false;
            }
            "rPr" => self.in_rpr = false,
            "t" => self.in_t = false,
            "tbl" => self.end_table(),
            "tc" | "tr" => self.end_para(),
            _ => {}
        }
    }
}

/// Elements whose content is not shown text.
fn skipped(local: &str) -> bool {
    matches!(
        local,
        "delText"
            | "instrText"
            | "delInstrText"
            | "del"
            | "moveFrom"
            | "txbxContent"
            | "footnoteReference"
            | "endnoteReference"
            | "rt"
    ) || local.ends_with("Change")
}

fn parse_document(
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
) -> Result<Vec<Block>, String> {
    let mut reader = NsReader::from_str(xml);
    let mut p = Parser {
        styles,
        numbering,
        body: Vec::new(),
        tables: Vec::new(),
        para: None,
        skip: 0,
        in_ppr: false,
        run: false,
        run_bold: false,
        in_rpr: false,
        in_t: false,
    };
    loop {
        let before = reader.buffer_position() as usize;
        let (ns, ev) = match reader.read_resolved_event() {
            Ok(x) => x,
            Err(e) => {
                let pos = reader.buffer_position();
                return Err(format!("{e} at byte {pos}"));
            }
        };
        match ev {
            Event::Start(e) => {
                if p.skip > 0 {
                    p.skip += 1;
                    continue;
                }
                let local = e.local_name();
                let fallback = matches!(&ns, ResolveResult::Bound(n) if n.as_ref() == MC_NS)
                    && local.as_ref() == "Fallback";
                let too_deep = local.as_ref() == "tbl" && p.tables.len() >= MAX_NESTING;
                if fallback || (is_w(&ns) && (skipped(local.as_ref()) || too_deep)) {
                    p.skip = 1;
                    continue;
                }
                if is_w(&ns) {
                    p.open(&e, false, before..reader.buffer_position() as usize);
                }
            }
            Event::Empty(e) if p.skip == 0 && is_w(&ns) => {
                p.open(&e, true, before..reader.buffer_position() as usize)
            }
            Event::End(e) => {
                if p.skip > 0 {
                    p.skip -= 1;
                    continue;
                }
                if is_w(&ns) {
                    p.close(
                        e.local_name().as_ref(),
                        before..reader.buffer_position() as usize,
                    );
                }
            }
            Event::Text(t) if p.in_t && p.skip == 0 => {
                let s = t.xml10_content().replace(['\n', '\r', '\t'], " ");
                p.push_text(&s, true);
            }
            Event::CData(t) if p.in_t && p.skip == 0 => {
                let s = t.xml10_content().replace(['\n', '\r', '\t'], " ");
                p.push_text(&s, true);
            }
            Event::GeneralRef(r) if p.in_t && p.skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    let c = if c.is_control() { ' ' } else { c };
                    p.push_text(c.encode_utf8(&mut [0; 4]), true);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated document: keep what was read.
    p.end_para();
    while !p.tables.is_empty() {
        p.end_table();
    }
    Ok(p.body)
}

// ------------------------------------------------------------------ render

#[derive(Default)]
struct Out {
    text: String,
    map: Vec<Segment>,
    paragraphs: usize,
    roles: Vec<Option<TableRole>>,
    anchors: Vec<(Origin, XmlAnchor)>,
}

/// The first and the last paragraph of a cell (looking into nested tables
/// when the cell starts or ends with one).
fn cell_anchor(blocks: &[Block]) -> Option<XmlAnchor> {
    fn first(blocks: &[Block]) -> Option<ParaXml> {
        blocks.iter().find_map(|b| match b {
            Block::Para(p) => Some(p.xml),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .find_map(|c| first(&c.blocks)),
        })
    }
    fn last(blocks: &[Block]) -> Option<ParaXml> {
        blocks.iter().rev().find_map(|b| match b {
            Block::Para(p) => Some(p.xml),
            Block::Table(t) => t
                .rows
                .iter()
                .rev()
                .flat_map(|r| r.cells.iter().rev())
                .find_map(|c| last(&c.blocks)),
        })
    }
    Some(XmlAnchor {
        first: first(blocks)?,
        last: last(blocks)?,
    })
}

/// The table a Word table's words make it (the schema decides, as for text).
fn role_of_table(text: &str) -> Option<TableRole> {
    crate::schema::Table::of_table_text(text)
}

/// The table a heading just before a table announces.
fn role_of_heading(text: &str) -> Option<TableRole> {
    crate::schema::Table::of_heading(text)
}

/// The text of a cell: its paragraphs joined without separator, nested
/// tables flattened with spaces; no tab or line break survives.
fn cell_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Para(p) => {
                for c in p.text.chars() {
                    match c {
                        '\n' | '\r' => {}
                        '\t' => out.push(' '),
                        c => out.push(c),
                    }
                }
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        if cell.continuation {
                            continue;
                        }
                        let mut s = String::new();
                        cell_text(&cell.blocks, &mut s);
                        let s = s.trim();
                        if !s.is_empty() {
                            if !out.is_empty() && !out.ends_with(' ') {
                                out.push(' ');
                            }
                            out.push_str(s);
                        }
                    }
                }
            }
        }
    }
}

enum Prev {
    None,
    Heading(Option<TableRole>),
    Table(Option<TableRole>),
}

fn render(body: &[Block], styles: &Styles) -> DocxText {
    let mut o = Out::default();
    let mut prev = Prev::None;
    for b in body {
        match b {
            Block::Para(p) => {
                let text = p.text.trim_matches(|c| c == '\n' || c == '\r');
                let toc = p.style.as_deref().is_some_and(|s| styles.is_toc(s));
                if text.trim().is_empty() || toc {
                    o.text.push('\n');
                    continue;
                }
                o.paragraphs += 1;
                let level = match p.outline {
                    Some(l) => (l < 9).then_some(l + 1),
                    None => p.style.as_deref().and_then(|s| styles.heading_level(s)),
                };
                let start = o.text.len();
                if let Some(l) = level {
                    o.text.push_str(&"#".repeat(l.min(6) as usize));
                    o.text.push(' ');
                }
                if p.bold_chars > 0 && p.plain_chars == 0 && !text.contains('\n') {
                    o.text.push_str("**");
                    o.text.push_str(text.trim());
                    o.text.push_str("**");
                } else {
                    o.text.push_str(text);
                }
                let origin = Origin::Paragraph {
                    index: o.paragraphs,
                };
                o.map.push(Segment {
                    range: start..o.text.len(),
                    origin,
                });
                o.anchors.push((
                    origin,
                    XmlAnchor {
                        first: p.xml,
                        last: p.xml,
                    },
                ));
                o.text.push('\n');
                prev = Prev::Heading(role_of_heading(text));
            }
            Block::Table(t) => {
                let table = o.roles.len() + 1;
                let first_byte = o.text.len();
                // The cell a vertically merged continuation belongs to, by
                // grid column.
                let mut merged_from: HashMap<usize, XmlAnchor> = HashMap::new();
                for (r, row) in t.rows.iter().enumerate() {
                    let mut col = 1;
                    let mut first = true;
                    let mut cell = |o: &mut Out, content: &str, col: usize| {
                        if !first {
                            o.text.push('\t');
                        }
                        first = false;
                        let start = o.text.len();
                        o.text.push_str(content);
                        o.map.push(Segment {
                            range: start..o.text.len(),
                            origin: Origin::TableCell {
                                table,
                                row: r + 1,
                                col,
                            },
                        });
                    };
                    for _ in 0..row.grid_before {
                        cell(&mut o, "", col);
                        col += 1;
                    }
                    for c in &row.cells {
                        let mut s = String::new();
                        if !c.continuation {
                            cell_text(&c.blocks, &mut s);
                        }
                        let anchor = if c.continuation {
                            merged_from.get(&col).copied()
                        } else {
                            cell_anchor(&c.blocks)
                        };
                        if let Some(a) = anchor {
                            for k in col..col + c.span {
                                merged_from.insert(k, a);
                                o.anchors.push((
                                    Origin::TableCell {
                                        table,
                                        row: r + 1,
                                        col: k,
                                    },
                                    a,
                                ));
                            }
                        }
                        cell(&mut o, &s, col);
                        for _ in 1..c.span {
                            cell(&mut o, "", col);
                        }
                        col += c.span;
                    }
                    o.text.push('\n');
                }
                let own = role_of_table(&o.text[first_byte..]);
                let role = own.or(match prev {
                    Prev::Heading(r) | Prev::Table(r) => r,
                    Prev::None => None,
                });
                o.roles.push(role);
                prev = Prev::Table(role);
            }
        }
    }
    DocxText {
        text: o.text,
        map: o.map,
        tables: o.roles,
        xml: Box::new(XmlMap {
            main_part: String::new(),
            anchors: o.anchors,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn render_xml(body: &str) -> DocxText {
        let blocks =
            parse_document(&doc(body), &Styles::default(), &mut Numbering::default()).unwrap();
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
}
