//! Front ends: each turns the bytes of one kind of file into the text the
//! reader reads, plus a map from that text back to the file's own places
//! (a Word paragraph or table cell; a PDF page and cell; a line of an HTML
//! page). Everything after this layer reads text only; every adapter (CLI,
//! language server, checking page) reads files through [`read`], so a new
//! input format is one new module here and one arm in [`Kind`].
//!
//! - [`text`]: plain text and Markdown (UTF-8, UTF-16, GB18030); the map is
//!   the identity.
//! - [`docx`]: Word files (paragraphs, heading styles, tables with merged
//!   cells), and Word comments written back into a copy (`docx::annotate`).
//! - [`html`]: saved portal pages: the report found among the page's frame,
//!   tables with rowspan/colspan, positions as the page's own lines.
//! - [`pdf`]: PDF files (the text layer, tables from ruling lines, read as
//!   Word tables are; places are pages, lines and cells).

pub mod docx;
pub mod html;
pub mod pdf;
pub mod text;

pub use text::{DecodeError, Encoding, decode};

/// The kind of a file, from its name and its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Plain text or Markdown.
    Text,
    /// A Word document (.docx; an OLE `.doc` is recognised to be refused).
    Word,
    /// A web page as a browser saves it.
    Html,
    /// A PDF file (its text layer).
    Pdf,
}

impl Kind {
    /// The kind a file extension names; `None` for anything else.
    pub fn from_extension(ext: &str) -> Option<Kind> {
        let ext = ext.to_ascii_lowercase();
        BY_EXTENSION
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, k)| *k)
    }

    /// The extensions nianbao reads, in the order of [`BY_EXTENSION`].
    pub fn extensions() -> impl Iterator<Item = &'static str> {
        BY_EXTENSION.iter().map(|(e, _)| *e)
    }

    /// What a file is: by its extension, or, for standard input (`-`) and
    /// files without a known extension, by its first bytes.
    pub fn of(name: &str, bytes: &[u8]) -> Kind {
        let ext = extension(name);
        if let Some(kind) = Kind::from_extension(&ext) {
            return kind;
        }
        let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        match ext.as_str() {
            "doc" if ole => Kind::Word,
            "text" | "doc" => Kind::Text,
            _ if bytes.starts_with(b"PK\x03\x04") => Kind::Word,
            _ if looks_like_html(bytes) => Kind::Html,
            _ if bytes.starts_with(b"%PDF-") => Kind::Pdf,
            _ => Kind::Text,
        }
    }

    /// Extensions a folder walk picks up.
    pub fn checked_extension(ext: &str) -> bool {
        Kind::from_extension(ext).is_some()
    }
}

/// The one list of what nianbao reads, by extension: folder walks, the
/// language server's folder index and the checking page's uploads all ask
/// [`Kind::from_extension`]. A new front end is one line here.
pub const BY_EXTENSION: &[(&str, Kind)] = &[
    ("pdf", Kind::Pdf),
    ("html", Kind::Html),
    ("htm", Kind::Html),
    ("shtml", Kind::Html),
    ("docx", Kind::Word),
    ("md", Kind::Text),
    ("markdown", Kind::Text),
    ("txt", Kind::Text),
];

/// A page without a name that says so (standard input): it starts, after
/// a byte order mark and white space, with a doctype or an `<html>` tag.
fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let b = b.trim_ascii_start();
    let head = &b[..b.len().min(15)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

/// The lower-case extension of a file name (`""` if none).
pub fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Where the text came from, and how to find its places in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A text file in this encoding (fixes are written back in it).
    Text(Encoding),
    /// A Word file: the text is its rendering.
    Word(docx::DocxText),
    /// A saved web page: the text is its article, rendered.
    Html(Box<html::HtmlText>),
    /// A PDF file: the text is its rendering.
    Pdf(pdf::PdfText),
}

impl Source {
    /// The encoding to write fixes back in; `None` for files that are not
    /// text (fixes are never written into them).
    pub fn encoding(&self) -> Option<Encoding> {
        match self {
            Source::Text(e) => Some(*e),
            Source::Word(_) | Source::Html(_) | Source::Pdf(_) => None,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Source::Text(_) => Kind::Text,
            Source::Word(_) => Kind::Word,
            Source::Html(_) => Kind::Html,
            Source::Pdf(_) => Kind::Pdf,
        }
    }

    pub fn word(&self) -> Option<&docx::DocxText> {
        match self {
            Source::Word(d) => Some(d),
            _ => None,
        }
    }

    /// For files that are text but not the text read (a web page): the
    /// file's own text, in which positions are reported.
    pub fn file_text(&self) -> Option<&str> {
        match self {
            Source::Html(h) => Some(&h.page),
            _ => None,
        }
    }

    /// The offset in [`Source::file_text`] of `offset` in the text read.
    pub fn file_offset(&self, offset: usize) -> Option<usize> {
        match self {
            Source::Html(h) => Some(h.page_offset(offset)),
            _ => None,
        }
    }

    /// The name of the encoding a file that is read, not written back, was
    /// decoded from (a web page's charset).
    pub fn read_encoding(&self) -> Option<&'static str> {
        match self {
            Source::Html(h) => Some(h.encoding),
            _ => None,
        }
    }

    /// The place in the file a byte offset of the text comes from, for
    /// files whose places are not the text's own lines.
    pub fn place(&self, offset: usize) -> Option<Place> {
        match self {
            Source::Text(_) => None,
            Source::Word(d) => {
                let loc = d.locate(offset)?;
                Some(Place {
                    page: None,
                    zh: loc.describe_zh(),
                    en: loc.describe_en(),
                })
            }
            Source::Html(h) => {
                let (line, _) = h.position(offset);
                Some(Place {
                    page: None,
                    zh: format!("第{line}行"),
                    en: format!("line {line}"),
                })
            }
            Source::Pdf(d) => {
                let loc = d.locate(offset)?;
                Some(Place {
                    page: Some(loc.page()),
                    zh: loc.describe_zh(),
                    en: loc.describe_en(),
                })
            }
        }
    }
}

/// A place a reader of the original file can find (“表三 第12行 第2列”).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The page (1-based), for paged files.
    pub page: Option<u32>,
    pub zh: String,
    pub en: String,
}

/// A file read by its front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub text: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Word(#[from] docx::DocxError),
    #[error(transparent)]
    Html(#[from] html::HtmlError),
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
}

/// Reads a file's bytes with the front end its name and bytes call for.
/// `name` is the file's name or path (`-` for standard input).
pub fn read(name: &str, bytes: &[u8]) -> Result<Input, ReadError> {
    match Kind::of(name, bytes) {
        Kind::Text => {
            let (text, encoding) = decode(bytes)?;
            Ok(Input {
                text,
                source: Source::Text(encoding),
            })
        }
        Kind::Word => {
            let d = docx::to_text(bytes)?;
            Ok(Input {
                text: d.text.clone(),
                source: Source::Word(d),
            })
        }
        Kind::Html => {
            let h = html::to_text(bytes)?;
            Ok(Input {
                text: h.text.clone(),
                source: Source::Html(Box::new(h)),
            })
        }
        Kind::Pdf => {
            let d = pdf::to_text(bytes)?;
            Ok(Input {
                text: d.text.clone(),
                source: Source::Pdf(d),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension_then_bytes() {
        assert_eq!(Kind::of("a/报告.DOCX", b""), Kind::Word);
        assert_eq!(Kind::of("报告.doc", &[0xD0, 0xCF, 0x11, 0xE0]), Kind::Word);
        assert_eq!(Kind::of("报告.doc", b"text"), Kind::Text);
        assert_eq!(Kind::of("-", b"PK\x03\x04rest"), Kind::Word);
        assert_eq!(Kind::of("报告.PDF", b""), Kind::Pdf);
        assert_eq!(Kind::of("-", b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(Kind::of("报告.txt", b"PK\x03\x04rest"), Kind::Text);
        assert_eq!(Kind::of("-", "一、总体情况".as_bytes()), Kind::Text);
        assert_eq!(Kind::of("页面.SHTML", b""), Kind::Html);
        assert_eq!(Kind::of("-", b"\xEF\xBB\xBF\n <!DOCTYPE HTML>"), Kind::Html);
        assert_eq!(Kind::of("报告.md", b"<html>"), Kind::Text);
        for ext in Kind::extensions() {
            assert!(Kind::checked_extension(&ext.to_uppercase()), "{ext}");
        }
        assert!(!Kind::checked_extension("doc"));
        assert_eq!(extension(".hidden"), "");
        assert_eq!(extension("dir.d/file"), "");
        assert_eq!(extension(r"C:\x\报告.Md"), "md");
    }

    #[test]
    fn text_files_have_no_places_and_keep_their_encoding() {
        let input = read("a.txt", "一、总体情况".as_bytes()).unwrap();
        assert_eq!(input.text, "一、总体情况");
        assert_eq!(input.source.encoding(), Some(Encoding::Utf8));
        assert_eq!(input.source.place(0), None);
        assert!(matches!(
            read("a.txt", &[0, 1, 2]),
            Err(ReadError::Decode(DecodeError::Binary))
        ));
    }
}
