//! PDF files: the text layer read in-process, every glyph with its
//! position, rendered as the text the [`syntax`](crate::syntax) layer reads
//! — body text as lines (a paragraph wrapped over several lines joined
//! again), tables as the Word front end renders them (a row per line, cells
//! separated by tabs, merged cells as the empty cells a copy leaves) — so a
//! PDF table is read exactly as a Word table is. A map sends every byte of
//! that text back to a place a reader of the PDF can find (“第3页 表三
//! 第12行 第2列”, “第2页 第14行”).
//!
//! One file per stage:
//! - [`glyphs`]: the crate (`hayro-interpret`) → positioned glyphs and
//!   ruling lines per page; bold drawn twice kept once;
//! - [`lines`]: glyphs → lines by baseline (vertical fonts read downward),
//!   spaces from gaps;
//! - [`tables`]: ruling lines → grids with merged cells; glyphs → cells;
//! - [`margins`]: page numbers and running headers and footers (the same
//!   text at the same height on the outermost lines of several pages)
//!   dropped;
//! - [`render`]: pages → text + map: a table running
//!   over a page break joined and its repeated header dropped, wrapped
//!   paragraphs joined, rows with unreadable glyphs replaced by a marker the
//!   reader cannot place (the table is then partly unread, never guessed).
//!
//! Pure: bytes in, text out; no I/O, no panic (the crate runs under
//! `catch_unwind`), bounded work (pages, glyphs, path segments).

pub mod glyphs;
pub mod lines;
pub mod margins;
pub mod render;
pub mod tables;

use crate::front::docx::TableRole;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// Pages with images and no text: a scan.
    #[error(
        "扫描件没有文字层，无法检查；请用 Word 原稿或带文字的 PDF (a scanned PDF has no text layer and cannot be checked; use the Word original or a PDF with text)"
    )]
    Scanned,
    /// No text and no image.
    #[error("PDF 中没有文字，无法检查 (the PDF has no text)")]
    NoText,
    /// Text whose fonts give no Unicode: nothing can be read.
    #[error(
        "PDF 的文字无法识别（字体没有 Unicode 映射），无法检查；请用 Word 原稿或另行导出的 PDF (the PDF's fonts map no glyph to Unicode)"
    )]
    NoUnicode,
    #[error(
        "PDF 设有打开密码，无法检查；请提供未加密的文件 (the PDF is protected by a password; provide an unencrypted file)"
    )]
    Password,
    #[error("PDF 的加密方式不受支持，无法检查 (unsupported PDF encryption)")]
    UnsupportedEncryption,
    #[error("PDF 文件已损坏或不是 PDF，无法读取 (damaged or not a PDF)")]
    Damaged,
    #[error("PDF 有 {0} 页，超过上限 500 页，不像年报，未检查 (too many pages)")]
    TooManyPages(usize),
    #[error(
        "PDF 内容过多（文字、图形或解压后的数据超过上限），不像年报，未检查 (too much content)"
    )]
    TooComplex,
}

/// Where a piece of the rendered text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The `line`-th line of body text on `page` (1-based; tables and page
    /// numbers are not counted).
    Line { page: u32, line: u32 },
    /// A table cell: `table` counts the document's tables (a table running
    /// over a page break is one), `row` its rows from its first, `col` its
    /// grid columns (all 1-based).
    Cell {
        page: u32,
        table: u32,
        row: u32,
        col: u32,
    },
}

impl Origin {
    pub fn page(&self) -> u32 {
        match *self {
            Origin::Line { page, .. } | Origin::Cell { page, .. } => page,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in [`PdfText::text`].
    pub range: Range<usize>,
    pub origin: Origin,
}

/// A PDF rendered as text, with the way back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfText {
    pub text: String,
    /// Sorted by position; ranges do not overlap.
    pub map: Vec<Segment>,
    /// The role of each table (index = table number − 1).
    pub tables: Vec<Option<TableRole>>,
    pub pages: u32,
}

/// A position a reader of the PDF can find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub origin: Origin,
    pub role: Option<TableRole>,
    /// The line or cell in [`PdfText::text`].
    pub range: Range<usize>,
}

impl Location {
    pub fn page(&self) -> u32 {
        self.origin.page()
    }

    /// “第2页 第14行”, “第3页 表三 第12行 第2列”.
    pub fn describe_zh(&self) -> String {
        match self.origin {
            Origin::Line { page, line } => format!("第{page}页 第{line}行"),
            Origin::Cell {
                page,
                table,
                row,
                col,
            } => match self.role {
                Some(r) => format!("第{page}页 {} 第{row}行 第{col}列", r.short()),
                None => format!("第{page}页 第{table}个表格 第{row}行 第{col}列"),
            },
        }
    }

    /// “page 2, line 14”, “page 3, 表三 (table 3), row 12, column 2”.
    pub fn describe_en(&self) -> String {
        match self.origin {
            Origin::Line { page, line } => format!("page {page}, line {line}"),
            Origin::Cell {
                page,
                table,
                row,
                col,
            } => match self.role {
                Some(r) => format!(
                    "page {page}, {} ({}), row {row}, column {col}",
                    r.short(),
                    r.short_en()
                ),
                None => {
                    format!("page {page}, table {table} of the document, row {row}, column {col}")
                }
            },
        }
    }
}

impl PdfText {
    /// The line or cell at byte `offset` of [`PdfText::text`]. An offset
    /// between them (a line break) gives the next one, or the last one at
    /// the end of the document.
    pub fn locate(&self, offset: usize) -> Option<Location> {
        let i = self.map.partition_point(|s| s.range.start <= offset);
        let seg = match i.checked_sub(1).map(|j| &self.map[j]) {
            Some(s) if offset <= s.range.end => s,
            _ => self.map.get(i).or_else(|| self.map.last())?,
        };
        let role = match seg.origin {
            Origin::Cell { table, .. } => self
                .tables
                .get((table as usize).wrapping_sub(1))
                .copied()
                .flatten(),
            Origin::Line { .. } => None,
        };
        Some(Location {
            origin: seg.origin,
            role,
            range: seg.range.clone(),
        })
    }
}

/// Reads a PDF and renders its text layer.
pub fn to_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let pages = glyphs::read(bytes)?;
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    let imaged = pages.iter().filter(|p| p.images).count();
    // A scan: images on the pages and no text, or only a few words (a
    // scanner app's watermark, a stamped page number) beside them.
    if imaged > 0 && imaged * 2 >= pages.len() && glyphs < 20 * pages.len() {
        return Err(PdfError::Scanned);
    }
    if glyphs == 0 {
        return Err(PdfError::NoText);
    }
    if pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .all(|g| g.ch.is_none_or(char::is_whitespace))
    {
        return Err(PdfError::NoUnicode);
    }
    Ok(render::render(&pages))
}
