//! Word drafts returned with 批注: the findings written into a copy of the
//! .docx as Word comments, the way a reviewer sends a draft back.
//!
//! Each comment is anchored on the paragraph or the table cell the finding
//! starts in (the map [`docx::to_text`] keeps), with author “nianbao”. Only
//! the parts that must change are rewritten: the main document (comment
//! marks inserted, nothing else touched), the comments part (created, or
//! existing comments kept and new ones appended), and, for a new comments
//! part, the main part's relationships and `[Content_Types].xml`. Every
//! other entry of the archive is copied raw, its compressed bytes unchanged.
//!
//! Pure: bytes in, bytes out; no I/O, no clock (the caller passes the date).

use crate::diagnostic::{Diagnostic, Lang};
use crate::front::docx::document::ParaXml;
use crate::front::docx::{self, DocxError, Origin, XmlAnchor};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};

const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_REL_STRICT: &str =
    "http://purl.oclc.org/ooxml/officeDocument/relationships/comments";
const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const RELS_TYPE: &str = "application/vnd.openxmlformats-package.relationships+xml";

/// A comment to write: `offset` is a byte offset in the text
/// [`docx::to_text`] gives for the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub offset: usize,
    /// Lines become paragraphs of the comment.
    pub text: String,
}

/// Who the comments are from.
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    pub name: &'a str,
    pub initials: &'a str,
    /// `w:date`, e.g. `2025-01-20T09:30:00Z`; left out when `None`.
    pub date: Option<&'a str>,
}

impl Default for Author<'_> {
    fn default() -> Self {
        Author {
            name: "nianbao",
            initials: "nb",
            date: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Annotated {
    pub bytes: Vec<u8>,
    /// Comments written (one per comment given, unless the document has no
    /// paragraph at all to anchor one on).
    pub comments: usize,
}

/// `w:date` for a time given in seconds since 1970 (UTC):
/// `2025-01-20T09:30:00Z`.
pub fn word_date(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// What a comment says about a finding: “错误 table-sum：…应为 1：它使 3 条
/// 勾稽关系不成立”, and the fix on a second line when there is one.
pub fn comment_text(d: &Diagnostic, lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    let mut s = format!(
        "{} {}{sep}{}",
        d.severity.label(lang),
        d.rule,
        d.message.get(lang)
    );
    if let Some(f) = &d.fix {
        s.push('\n');
        s.push_str(if lang == Lang::Zh {
            "修复："
        } else {
            "Fix: "
        });
        s.push_str(f.message.get(lang));
    }
    s
}

/// One comment per finding, at the place the finding starts.
pub fn comments_for(diagnostics: &[Diagnostic], lang: Lang) -> Vec<Comment> {
    diagnostics
        .iter()
        .map(|d| Comment {
            offset: d.span.start,
            text: comment_text(d, lang),
        })
        .collect()
}

/// Writes `comments` into a copy of the .docx `original`.
pub fn annotate(
    original: &[u8],
    comments: &[Comment],
    author: &Author,
) -> Result<Annotated, DocxError> {
    let doc = docx::to_text(original)?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(original))
        .map_err(|e| DocxError::Zip(docx::parts::zip_message(&e)))?;
    let main_name = doc.xml.main_part.clone();
    let (main_bom, main_xml) = read_utf8(&mut zip, &main_name)?.ok_or(DocxError::NoDocument)?;
    let w = w_prefix(&main_xml);
    let dir = main_name.rsplit_once('/').map_or("", |(d, _)| d);
    let rels_name = docx::parts::rels_name(&main_name);
    let rels = read_utf8(&mut zip, &rels_name)?;

    // The comments part: the document's own, else a new one.
    let existing = rels
        .as_ref()
        .and_then(|(_, r)| docx::parts::relationship(r, "/comments"))
        .map(|t| docx::parts::resolve_target(dir, &t))
        .filter(|name| zip.index_for_name(name).is_some());
    let existing_xml = match &existing {
        Some(name) => read_utf8(&mut zip, name)?,
        None => None,
    };
    let mut next_id = max_comment_id(&main_xml)
        .max(existing_xml.as_ref().and_then(|(_, x)| max_comment_id(x)))
        .map_or(0, |m| m.saturating_add(1));

    let by_origin = anchor_index(&doc.xml.anchors);
    let mut marks = Marks::default();
    let mut texts: Vec<(u64, &str)> = Vec::new();
    let mut written = 0;
    for c in comments {
        let Some(anchor) = doc
            .locate(c.offset)
            .and_then(|loc| find_anchor(&by_origin, &doc.xml.anchors, loc.origin))
        else {
            continue;
        };
        marks.add(anchor, next_id, &w);
        texts.push((next_id, &c.text));
        next_id = next_id.saturating_add(1);
        written += 1;
    }
    if written == 0 {
        return Ok(Annotated {
            bytes: original.to_vec(),
            comments: 0,
        });
    }

    let mut replaced: HashMap<String, Vec<u8>> = HashMap::new();
    let mut added: Vec<(String, Vec<u8>)> = Vec::new();
    replaced.insert(
        main_name.clone(),
        with_bom(main_bom, &marks.apply(&main_xml)),
    );
    match (existing, existing_xml) {
        (Some(name), Some((bom, xml))) => {
            let cw = w_prefix(&xml);
            let bodies: String = texts
                .iter()
                .map(|(id, t)| comment_xml(*id, t, author, &cw))
                .collect();
            let merged = append_to_root(&xml, &bodies).ok_or_else(|| DocxError::Xml {
                part: name.clone(),
                message: "找不到 comments 根元素 (no comments root)".into(),
            })?;
            replaced.insert(name, with_bom(bom, &merged));
        }
        _ => {
            let strict = main_xml.contains(docx::W_NS[1]) && !main_xml.contains(docx::W_NS[0]);
            let name = free_name(&zip, dir);
            let bodies: String = texts
                .iter()
                .map(|(id, t)| comment_xml(*id, t, author, "w:"))
                .collect();
            let file = name.rsplit('/').next().unwrap_or(&name).to_string();
            added.push((
                name.clone(),
                new_comments_part(&bodies, strict).into_bytes(),
            ));
            let rel_type = if strict {
                COMMENTS_REL_STRICT
            } else {
                COMMENTS_REL
            };
            match rels {
                Some((bom, xml)) => {
                    let id = free_rel_id(&xml);
                    let rel =
                        format!(r#"<Relationship Id="{id}" Type="{rel_type}" Target="{file}"/>"#);
                    let merged = append_to_root(&xml, &rel).ok_or_else(|| DocxError::Xml {
                        part: rels_name.clone(),
                        message: "找不到 Relationships 根元素 (no root)".into(),
                    })?;
                    replaced.insert(rels_name.clone(), with_bom(bom, &merged));
                }
                None => added.push((
                    rels_name.clone(),
                    format!(
                        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{rel_type}" Target="{file}"/></Relationships>"#
                    )
                    .into_bytes(),
                )),
            }
            let (bom, types) = read_utf8(&mut zip, "[Content_Types].xml")?.ok_or_else(|| {
                DocxError::Zip("压缩包中没有 [Content_Types].xml (no content types)".into())
            })?;
            let mut entries =
                format!(r#"<Override PartName="/{name}" ContentType="{COMMENTS_TYPE}"/>"#);
            if !types.contains(r#"Extension="rels""#) {
                entries.push_str(&format!(
                    r#"<Default Extension="rels" ContentType="{RELS_TYPE}"/>"#
                ));
            }
            let merged = append_to_root(&types, &entries).ok_or_else(|| DocxError::Xml {
                part: "[Content_Types].xml".into(),
                message: "找不到 Types 根元素 (no root)".into(),
            })?;
            replaced.insert("[Content_Types].xml".into(), with_bom(bom, &merged));
        }
    }
    let bytes = rewrite(&mut zip, &replaced, &added)?;
    Ok(Annotated {
        bytes,
        comments: written,
    })
}

/// A part as UTF-8 text (whether it had a BOM); `None` when absent. A part
/// in another encoding cannot be edited in place.
fn read_utf8<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<(bool, String)>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Zip(docx::parts::zip_message(&e))),
    };
    let mut buf = Vec::new();
    file.take(docx::MAX_PART + 1)
        .read_to_end(&mut buf)
        .map_err(|e| DocxError::Zip(format!("{name} 已损坏 ({e})")))?;
    if buf.len() as u64 > docx::MAX_PART {
        return Err(DocxError::TooLarge {
            part: name.to_string(),
        });
    }
    let (bom, body) = match buf.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (true, rest.to_vec()),
        None => (false, buf),
    };
    String::from_utf8(body)
        .map(|s| Some((bom, s)))
        .map_err(|_| DocxError::Xml {
            part: name.to_string(),
            message: "不是 UTF-8 编码，无法写入批注 (not UTF-8)".into(),
        })
}

fn with_bom(bom: bool, s: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(s.len() + 3);
    if bom {
        v.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    v.extend_from_slice(s.as_bytes());
    v
}

/// The prefix (with its colon) the part's root element uses for the
/// WordprocessingML namespace: `w:` almost always.
fn w_prefix(xml: &str) -> String {
    let mut reader = NsReader::from_str(xml);
    loop {
        match reader.read_resolved_event() {
            Ok((ns, Event::Start(e) | Event::Empty(e))) => {
                let bound = matches!(&ns, ResolveResult::Bound(n)
                    if docx::W_NS.contains(&n.as_ref()));
                if !bound {
                    return "w:".into();
                }
                return match e.name().prefix() {
                    Some(p) => format!("{}:", p.as_ref()),
                    None => String::new(),
                };
            }
            Ok((_, Event::Eof)) | Err(_) => return "w:".into(),
            _ => {}
        }
    }
}

/// The largest comment id used by any comment or comment mark in `xml`.
fn max_comment_id(xml: &str) -> Option<u64> {
    let mut reader = NsReader::from_str(xml);
    let mut max = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let local = e.local_name();
                if matches!(
                    local.as_ref(),
                    "comment" | "commentRangeStart" | "commentRangeEnd" | "commentReference"
                ) && let Some(id) =
                    docx::parts::attr(&e, "id").and_then(|v| v.trim().parse().ok())
                {
                    max = max.max(Some(id));
                }
            }
            Ok(Event::Eof) | Err(_) => return max,
            _ => {}
        }
    }
}

fn anchor_index(anchors: &[(Origin, XmlAnchor)]) -> HashMap<Origin, XmlAnchor> {
    let mut m = HashMap::new();
    for (o, a) in anchors {
        m.entry(*o).or_insert(*a);
    }
    m
}

/// The paragraph or cell for `origin`; for a cell with no paragraph of its
/// own (a `w:gridBefore` gap), the row's first cell, else the first
/// paragraph of the document.
fn find_anchor(
    by_origin: &HashMap<Origin, XmlAnchor>,
    all: &[(Origin, XmlAnchor)],
    origin: Origin,
) -> Option<XmlAnchor> {
    if let Some(a) = by_origin.get(&origin) {
        return Some(*a);
    }
    if let Origin::TableCell { table, row, .. } = origin
        && let Some((_, a)) = all.iter().find(|(o, _)| {
            matches!(o, Origin::TableCell { table: t, row: r, .. } if *t == table && *r == row)
        })
    {
        return Some(*a);
    }
    all.first().map(|(_, a)| *a)
}

/// Comment marks to insert into the main part, by position.
#[derive(Default)]
struct Marks {
    /// (offset, 0 = range starts / 1 = range ends) → markup. Starts go
    /// before ends at the same offset (an empty paragraph).
    inserts: BTreeMap<(usize, u8), String>,
    /// Self-closing paragraphs `<w:p/>` that must be opened up: start of the
    /// tag → (tag, starts, ends).
    opened: BTreeMap<usize, (ParaXml, String, String)>,
}

impl Marks {
    fn add(&mut self, a: XmlAnchor, id: u64, w: &str) {
        let start = format!(r#"<{w}commentRangeStart {w}id="{id}"/>"#);
        let end = format!(
            r#"<{w}commentRangeEnd {w}id="{id}"/><{w}r><{w}commentReference {w}id="{id}"/></{w}r>"#
        );
        if a.first.self_closing {
            self.opened
                .entry(a.first.open.0)
                .or_insert((a.first, String::new(), String::new()))
                .1
                .push_str(&start);
        } else {
            self.inserts
                .entry((a.first.content_start, 0))
                .or_default()
                .push_str(&start);
        }
        if a.last.self_closing {
            self.opened
                .entry(a.last.open.0)
                .or_insert((a.last, String::new(), String::new()))
                .2
                .push_str(&end);
        } else {
            let at = a.last.close_start.max(a.last.content_start);
            self.inserts.entry((at, 1)).or_default().push_str(&end);
        }
    }

    fn apply(&self, xml: &str) -> String {
        // (start, end, replacement), sorted; no two overlap.
        let mut edits: Vec<(usize, usize, String)> = self
            .inserts
            .iter()
            .map(|(&(at, _), s)| (at, at, s.clone()))
            .collect();
        for (p, starts, ends) in self.opened.values() {
            let tag = xml.get(p.open.0..p.open.1).unwrap_or("");
            let head = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
            let qname: String = head
                .trim_start_matches('<')
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
                .collect();
            edits.push((
                p.open.0,
                p.open.1,
                format!("{head}>{starts}{ends}</{qname}>"),
            ));
        }
        edits.sort_by_key(|e| (e.0, e.1));
        let mut out = String::with_capacity(xml.len() + edits.len() * 160);
        let mut at = 0;
        for (start, end, text) in edits {
            if start < at || end > xml.len() {
                continue;
            }
            out.push_str(xml.get(at..start).unwrap_or(""));
            out.push_str(&text);
            at = end;
        }
        out.push_str(xml.get(at..).unwrap_or(""));
        out
    }
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn attr_value(s: &str) -> String {
    let mut o = String::new();
    escape(s, &mut o);
    o.replace(['\t', '\n', '\r'], " ")
}

/// A `w:comment` as Word writes one: a paragraph per line, the first
/// starting with the annotation mark.
fn comment_xml(id: u64, text: &str, author: &Author, w: &str) -> String {
    let mut x = format!(
        r#"<{w}comment {w}id="{id}" {w}author="{}""#,
        attr_value(author.name)
    );
    if let Some(date) = author.date {
        x.push_str(&format!(r#" {w}date="{}""#, attr_value(date)));
    }
    x.push_str(&format!(
        r#" {w}initials="{}">"#,
        attr_value(author.initials)
    ));
    for (i, line) in text.split('\n').enumerate() {
        x.push_str(&format!("<{w}p>"));
        if i == 0 {
            x.push_str(&format!("<{w}r><{w}annotationRef/></{w}r>"));
        }
        x.push_str(&format!(r#"<{w}r><{w}t xml:space="preserve">"#));
        escape(line.trim_end_matches('\r'), &mut x);
        x.push_str(&format!("</{w}t></{w}r></{w}p>"));
    }
    x.push_str(&format!("</{w}comment>"));
    x
}

fn new_comments_part(bodies: &str, strict: bool) -> String {
    let ns = if strict { docx::W_NS[1] } else { docx::W_NS[0] };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{ns}">{bodies}</w:comments>"#
    )
}

/// `content` inserted as the last children of the root element (which may
/// be self-closing); `None` if there is no root element.
fn append_to_root(xml: &str, content: &str) -> Option<String> {
    let trimmed = xml.trim_end();
    let close = trimmed.rfind("</")?;
    let tail = &trimmed[close..];
    if tail.ends_with('>') && !tail[2..].contains('<') {
        let mut out = String::with_capacity(xml.len() + content.len());
        out.push_str(&xml[..close]);
        out.push_str(content);
        out.push_str(&xml[close..]);
        return Some(out);
    }
    None
}

fn free_name<R: Read + std::io::Seek>(zip: &zip::ZipArchive<R>, dir: &str) -> String {
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let mut name = format!("{prefix}comments.xml");
    let mut n = 1;
    while zip.index_for_name(&name).is_some() {
        n += 1;
        name = format!("{prefix}comments{n}.xml");
    }
    name
}

/// An unused relationship id: `rId` and one more than the largest number.
fn free_rel_id(rels: &str) -> String {
    let mut max = 0u64;
    let mut reader = NsReader::from_str(rels);
    let mut ids = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if let Some(id) = docx::parts::attr(&e, "Id") {
                    if let Some(n) = id.strip_prefix("rId").and_then(|n| n.parse::<u64>().ok()) {
                        max = max.max(n);
                    }
                    ids.push(id);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut n = max.saturating_add(1);
    while ids.iter().any(|i| *i == format!("rId{n}")) {
        n = n.saturating_add(1);
    }
    format!("rId{n}")
}

/// The archive again: replaced entries recompressed, new ones appended,
/// all others copied raw (compressed bytes, CRC and dates unchanged).
fn rewrite<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    replaced: &HashMap<String, Vec<u8>>,
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, DocxError> {
    let err = |e: zip::result::ZipError| DocxError::Zip(docx::parts::zip_message(&e));
    let io = |e: std::io::Error| DocxError::Zip(e.to_string());
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(err)?;
        let name = file.name().map_err(err)?.into_owned();
        match replaced.get(&name) {
            Some(bytes) => {
                let opts = match file.last_modified() {
                    Some(t) => deflate.last_modified_time(t),
                    None => deflate,
                };
                drop(file);
                out.start_file(name, opts).map_err(err)?;
                out.write_all(bytes).map_err(io)?;
            }
            None => out.raw_copy_file(file).map_err(err)?,
        }
    }
    for (name, bytes) in added {
        out.start_file(name.as_str(), deflate).map_err(err)?;
        out.write_all(bytes).map_err(io)?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(word_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(word_date(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(word_date(1_737_365_400), "2025-01-20T09:30:00Z");
    }

    #[test]
    fn root_and_ids() {
        assert_eq!(
            append_to_root("<a><b/></a>\n", "<c/>").as_deref(),
            Some("<a><b/><c/></a>\n")
        );
        assert_eq!(append_to_root("<a/>", "<c/>"), None);
        assert_eq!(
            free_rel_id(
                r#"<Relationships><Relationship Id="rId1"/><Relationship Id="rId9"/><Relationship Id="x"/></Relationships>"#
            ),
            "rId10"
        );
        assert_eq!(
            w_prefix(
                r#"<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#
            ),
            "x:"
        );
        assert_eq!(
            max_comment_id(
                r#"<w:c xmlns:w="u"><w:comment w:id="3"/><w:commentReference w:id="12"/><w:p w:id="99"/></w:c>"#
            ),
            Some(12)
        );
    }
}
