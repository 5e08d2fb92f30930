//! Plain text and Markdown files: bytes decoded into text (UTF-8 with or
//! without BOM, UTF-16 with BOM, GB18030/GBK). The text is the file's own, so
//! its map back is the identity.

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn label(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Gb18030 => "GB18030/GBK",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    /// Encodes text back into this encoding, so `--fix` writes the file in the
    /// encoding it was read in. Returns `None` when the text cannot be encoded
    /// exactly (then the caller must not write).
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Utf8 => Some(text.as_bytes().to_vec()),
            Encoding::Utf8Bom => {
                let mut out = vec![0xEF, 0xBB, 0xBF];
                out.extend_from_slice(text.as_bytes());
                Some(out)
            }
            Encoding::Gb18030 => {
                let (bytes, _, had_errors) = encoding_rs::GB18030.encode(text);
                (!had_errors).then(|| bytes.into_owned())
            }
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let mut out = if *self == Encoding::Utf16Le {
                    vec![0xFF, 0xFE]
                } else {
                    vec![0xFE, 0xFF]
                };
                for unit in text.encode_utf16() {
                    let b = if *self == Encoding::Utf16Le {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    };
                    out.extend_from_slice(&b);
                }
                Some(out)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("不是文本文件：含有 NUL 字节 (binary file: contains NUL bytes)")]
    Binary,
    #[error(
        "无法识别的文本编码：既不是 UTF-8 也不是 GB18030/GBK (unknown text encoding: neither UTF-8 nor GB18030/GBK)"
    )]
    UnknownEncoding,
}

/// Decodes a file's bytes: UTF-8 with or without BOM, UTF-16 with BOM, and
/// GB18030/GBK (common from Windows tools). Never guesses silently: the
/// encoding used is returned so the caller can say so.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return simdutf8::basic::from_utf8(rest)
            .map(|s| (s.to_owned(), Encoding::Utf8Bom))
            .map_err(|_| DecodeError::UnknownEncoding);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (enc, kind) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, Encoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, Encoding::Utf16Be)
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(DecodeError::UnknownEncoding);
        }
        return Ok((text.into_owned(), kind));
    }
    // Mostly three-byte characters: the standard library's check walks them
    // one at a time, several times slower than the vectorised one.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        if memchr::memchr(0, bytes).is_some() {
            return Err(DecodeError::Binary);
        }
        return Ok((s.to_owned(), Encoding::Utf8));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeError::UnknownEncoding);
    }
    Ok((text.into_owned(), Encoding::Gb18030))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_gb18030() {
        assert_eq!(decode(b"abc").unwrap(), ("abc".into(), Encoding::Utf8));
        assert_eq!(
            decode(&[0xEF, 0xBB, 0xBF, b'a']).unwrap(),
            ("a".into(), Encoding::Utf8Bom)
        );
        let (gbk, _, _) = encoding_rs::GB18030.encode("政府信息公开工作年度报告");
        let (text, enc) = decode(&gbk).unwrap();
        assert_eq!(text, "政府信息公开工作年度报告");
        assert_eq!(enc, Encoding::Gb18030);
        assert_eq!(enc.encode(&text).unwrap(), gbk.into_owned());
        assert_eq!(decode(&[0, 1, 2, 0xff]), Err(DecodeError::Binary));
    }
}
