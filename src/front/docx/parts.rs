//! The archive and its XML parts: reading a part (size-capped, BOM and
//! UTF-16 aware), relationships, attributes.

use super::{DocxError, MAX_PART};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::NsReader;
use std::io::Read;

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

pub(super) fn read_part<R: std::io::Read + std::io::Seek>(
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

/// A boolean attribute: absent or anything but `0`/`false`/`off`/`none`.
pub(super) fn truthy(v: Option<String>) -> bool {
    v.is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off" | "none"))
}
