//! Uploads: the files of one check, held in memory only, and the limits on
//! them. The page sends the files in one request body, each as
//! `[name length: u32 BE][name: UTF-8][data length: u32 BE][data]`: simpler
//! to read safely than multipart, and with nothing a path could come from
//! (names are only shown and echoed back as download names).

use std::io::Read;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes of one request body.
    pub body: usize,
    pub files: usize,
    /// Bytes of one file.
    pub file: usize,
    /// Entries of a .docx archive.
    pub zip_entries: usize,
    /// Bytes a .docx archive says its entries expand to.
    pub zip_expanded: u64,
}

pub const LIMITS: Limits = Limits {
    body: 50 << 20,
    files: 20,
    file: 20 << 20,
    zip_entries: 5000,
    zip_expanded: 200 << 20,
};

const MAX_NAME: usize = 1024;

#[derive(Debug)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

fn mib(n: u64) -> u64 {
    n >> 20
}

/// Why an upload was refused, in the words the page shows.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// 413.
    TooLarge(String),
    /// 400.
    Malformed(String),
}

impl Refused {
    pub fn message(&self) -> &str {
        match self {
            Refused::TooLarge(m) | Refused::Malformed(m) => m,
        }
    }
}

pub fn body_too_large(limits: &Limits) -> Refused {
    Refused::TooLarge(format!(
        "上传的文件合计超过 {} MB，未检查。请分批上传。(upload too large)",
        mib(limits.body as u64)
    ))
}

/// Reads at most `limits.body` bytes of a body.
pub fn read_body(reader: &mut dyn Read, limits: &Limits) -> Result<Vec<u8>, Refused> {
    let mut body = Vec::new();
    reader
        .take(limits.body as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Refused::Malformed(format!("上传中断，请重试 ({e})")))?;
    if body.len() > limits.body {
        return Err(body_too_large(limits));
    }
    Ok(body)
}

fn u32_at(body: &[u8], at: usize) -> Option<usize> {
    let b = body.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// Splits a body into its files.
pub fn parse(body: &[u8], limits: &Limits) -> Result<Vec<Upload>, Refused> {
    let bad = || Refused::Malformed("上传的数据不完整，请刷新页面后重试 (malformed upload)".into());
    let mut files = Vec::new();
    let mut at = 0;
    while at < body.len() {
        if files.len() == limits.files {
            return Err(Refused::TooLarge(format!(
                "一次最多检查 {} 个文件，未检查。请分批上传。(too many files)",
                limits.files
            )));
        }
        let name_len = u32_at(body, at).ok_or_else(bad)?;
        if name_len > MAX_NAME {
            return Err(bad());
        }
        let name = body.get(at + 4..at + 4 + name_len).ok_or_else(bad)?;
        let name = String::from_utf8_lossy(name).into_owned();
        at += 4 + name_len;
        let len = u32_at(body, at).ok_or_else(bad)?;
        if len > limits.file {
            return Err(Refused::TooLarge(format!(
                "“{name}”超过 {} MB，未检查。年报草稿通常不到 1 MB；如含大量图片，请另存一份不含图片的副本。(file too large)",
                mib(limits.file as u64)
            )));
        }
        let data = body.get(at + 4..at + 4 + len).ok_or_else(bad)?;
        at += 4 + len;
        files.push(Upload {
            name,
            bytes: data.to_vec(),
        });
    }
    if files.is_empty() {
        return Err(Refused::Malformed("没有收到文件 (no file)".into()));
    }
    Ok(files)
}

/// A .docx whose archive is too big to open safely (a zip bomb, or a
/// draft full of pictures): the message to show, else `None`.
pub fn zip_refusal(bytes: &[u8], limits: &Limits) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    if zip.len() > limits.zip_entries {
        return Some(format!(
            "Word 文件中的部件超过 {} 个，可能已损坏，未检查 (too many entries)",
            limits.zip_entries
        ));
    }
    let total = match zip.decompressed_size() {
        Some(n) => u64::try_from(n).unwrap_or(u64::MAX),
        None => (0..zip.len())
            .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
            .fold(0u64, u64::saturating_add),
    };
    (total > limits.zip_expanded).then(|| {
        format!(
            "Word 文件解压后超过 {} MB（可能是压缩炸弹），未检查 (expands too much)",
            mib(limits.zip_expanded)
        )
    })
}

/// Base64 (standard alphabet, padded) for downloads inside the JSON answer.
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = Vec::new();
        for (name, data) in files {
            b.extend_from_slice(&(name.len() as u32).to_be_bytes());
            b.extend_from_slice(name.as_bytes());
            b.extend_from_slice(&(data.len() as u32).to_be_bytes());
            b.extend_from_slice(data);
        }
        b
    }

    #[test]
    fn files_and_limits() {
        let files = parse(&frame(&[("甲.txt", b"abc"), ("b.md", b"")]), &LIMITS).unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].name, "甲.txt");
        assert_eq!(files[0].bytes, b"abc");
        let small = Limits {
            files: 1,
            file: 2,
            ..LIMITS
        };
        let e = parse(&frame(&[("a", b"x"), ("b", b"y")]), &small).unwrap_err();
        assert!(e.message().contains("一次最多检查 1 个文件"), "{e:?}");
        let e = parse(&frame(&[("a", b"xyz")]), &small).unwrap_err();
        assert!(matches!(e, Refused::TooLarge(_)));
        assert!(e.message().contains("“a”超过"), "{e:?}");
        for broken in [
            &b"\0\0\0\x05ab"[..],
            b"\0\0",
            b"\0\0\0\x01a\0\0\0\x09xy",
            b"",
        ] {
            assert!(matches!(parse(broken, &LIMITS), Err(Refused::Malformed(_))));
        }
        let mut r: &[u8] = &[0u8; 11];
        let e = read_body(&mut r, &Limits { body: 10, ..LIMITS }).unwrap_err();
        assert!(e.message().contains("合计超过"));
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
