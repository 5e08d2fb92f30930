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
//! Stages, one file each: `parts` reads the archive's XML parts; `styles`
//! and `numbering` read what makes a heading and what numbers a list;
//! `document` reads paragraphs and tables as blocks; `render` writes them as
//! text with the map back; `locate` turns an offset of that text into a
//! place. `annotate` writes findings back into a copy as Word comments.
//!
//! Pure: bytes in, text out; no I/O, and no panic on any bytes.

pub mod annotate;
mod document;
mod locate;
mod numbering;
mod parts;
mod render;
mod styles;
#[cfg(test)]
mod tests;

use document::{ParaXml, parse_document};
use numbering::parse_numbering;
use parts::{read_part, relationship, rels_name, resolve_target, zip_message};
use std::ops::Range;
use styles::parse_styles;

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
    let mut text = render::render(&body, &styles);
    text.xml.main_part = main;
    Ok(text)
}
