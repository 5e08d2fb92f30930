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
//! - [`pdf`]: PDF files (the text layer, tables from ruling lines, read as
//!   Word tables are; places are pages, lines and cells).

pub mod docx;
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
    /// A PDF file (its text layer).
    Pdf,
}

impl Kind {
    /// What a file is: by its extension, or, for standard input (`-`) and
    /// files without a known extension, by its first bytes.
    pub fn of(name: &str, bytes: &[u8]) -> Kind {
        let ext = extension(name);
        let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        match ext.as_str() {
            "docx" => Kind::Word,
            "pdf" => Kind::Pdf,
            "doc" if ole => Kind::Word,
            "md" | "markdown" | "txt" | "text" | "doc" => Kind::Text,
            _ if bytes.starts_with(b"PK\x03\x04") => Kind::Word,
            _ if bytes.starts_with(b"%PDF-") => Kind::Pdf,
            _ => Kind::Text,
        }
    }

    /// Extensions a folder walk picks up.
    pub fn checked_extension(ext: &str) -> bool {
        matches!(
            ext.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "txt" | "docx" | "pdf"
        )
    }
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
    /// A PDF file: the text is its rendering.
    Pdf(pdf::PdfText),
}

impl Source {
    /// The encoding to write fixes back in; `None` for files that are not
    /// text (fixes are never written into them).
    pub fn encoding(&self) -> Option<Encoding> {
        match self {
            Source::Text(e) => Some(*e),
            Source::Word(_) | Source::Pdf(_) => None,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Source::Text(_) => Kind::Text,
            Source::Word(_) => Kind::Word,
            Source::Pdf(_) => Kind::Pdf,
        }
    }

    pub fn word(&self) -> Option<&docx::DocxText> {
        match self {
            Source::Word(d) => Some(d),
            Source::Text(_) | Source::Pdf(_) => None,
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
