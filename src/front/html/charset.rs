//! The encoding of a saved page: a byte order mark, else the bytes if they
//! are UTF-8, else what the page declares (`<meta charset=gb2312>`,
//! `<meta http-equiv="Content-Type" content="text/html; charset=GBK">`),
//! else GB18030.
//!
//! UTF-8 wins over the declaration because browsers that save a page
//! "complete" write it in UTF-8 and often leave its original
//! `charset=gb2312` in place, while Chinese text in GBK is practically never
//! valid UTF-8. The page is only read, never written back, so bytes the
//! encoding cannot decode become U+FFFD, as a browser shows them.

use crate::front::DecodeError;

/// How far into the page the declaration is looked for (browsers: 1024
/// bytes; saved pages put comments and scripts before it).
const PRESCAN: usize = 8192;

/// The label of the charset the page declares, lower-cased.
fn declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&lower[at..], b"<meta") {
        let start = at + i;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label: Vec<u8> = rest
                    .iter()
                    .copied()
                    .take_while(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')
                    })
                    .collect();
                if !label.is_empty() {
                    return String::from_utf8(label).ok();
                }
            }
        }
        at = end.max(start + 5);
    }
    None
}

/// Decodes a page; returns the text and the name of the encoding used.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Ok((String::from_utf8_lossy(rest).into_owned(), "UTF-8"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (enc, name) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, "UTF-16LE")
        } else {
            (encoding_rs::UTF_16BE, "UTF-16BE")
        };
        let (text, _) = enc.decode_without_bom_handling(&bytes[2..]);
        return Ok((text.into_owned(), name));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok((s.to_owned(), "UTF-8"));
    }
    let encoding = declared(bytes)
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        // Declared UTF-8 (or UTF-16, which bytes without a mark cannot be)
        // and not valid: GB18030, the other encoding Chinese pages use.
        .filter(|e| {
            *e != encoding_rs::UTF_8 && *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE
        })
        .unwrap_or(encoding_rs::GB18030);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), encoding.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations() {
        assert_eq!(
            declared(b"<meta charset=\"GB2312\">").as_deref(),
            Some("gb2312")
        );
        assert_eq!(
            declared(b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gbk\" />")
                .as_deref(),
            Some("gbk")
        );
        assert_eq!(declared(b"<meta name=x><p>charset=utf-8"), None);
    }

    #[test]
    fn gbk_pages_and_pages_saved_as_utf8() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=gb2312><p>年度报告</p>");
        let (text, name) = decode(&gbk).unwrap();
        assert!(text.contains("年度报告"));
        assert_eq!(name, "GBK");
        // Saved in UTF-8 with the old declaration left in.
        let (text, name) = decode("<meta charset=gb2312><p>年度报告</p>".as_bytes()).unwrap();
        assert!(text.contains("年度报告"));
        assert_eq!(name, "UTF-8");
        // Declared UTF-8, written in GB18030.
        let (gb, _, _) = encoding_rs::GB18030.encode("<meta charset=utf-8><p>年度报告</p>");
        assert!(decode(&gb).unwrap().0.contains("年度报告"));
        assert_eq!(decode(b"a\0b"), Err(DecodeError::Binary));
    }
}
