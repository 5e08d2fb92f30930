//! Word drafts returned with comments (`docx_annotate`, `check --annotate`):
//! one comment per finding on the right paragraph or cell, the comments part
//! written as Word writes it, every other entry of the archive copied byte
//! for byte, existing comments, styles and tracked changes kept, and the
//! original file never touched.

mod support;

use nianbao::front::docx::annotate::{Author, Comment, annotate, comments_for};
use nianbao::front::docx::to_text;
use nianbao::{Diagnostic, Lang, LintOptions, lint};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use support::{Docx, chinese_word_headings, fixture, from_text};

/// 002 as a Word draft, its table 三 in the official merged layout.
fn word_002() -> Vec<u8> {
    let mut docx = Docx {
        blocks: from_text(&fixture("002"), true, &|n| n.to_string()),
        styles: chinese_word_headings(),
        ..Docx::default()
    };
    assert_eq!(docx.official_table3_layout(), 1);
    docx.to_bytes()
}

struct Entry {
    crc: u32,
    compressed: Vec<u8>,
    data: Vec<u8>,
}

fn entries(bytes: &[u8]) -> BTreeMap<String, Entry> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut raw = zip.by_index_raw(i).unwrap();
        let name = raw.name().unwrap().to_string();
        let crc = raw.crc32();
        let mut compressed = Vec::new();
        raw.read_to_end(&mut compressed).unwrap();
        drop(raw);
        let mut data = Vec::new();
        zip.by_index(i).unwrap().read_to_end(&mut data).unwrap();
        out.insert(
            name,
            Entry {
                crc,
                compressed,
                data,
            },
        );
    }
    out
}

fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(entries(bytes).remove(name).unwrap().data).unwrap()
}

/// Comment id → (author, text) from a comments part.
fn comments(xml: &str) -> BTreeMap<u64, (String, String)> {
    let mut r = Reader::from_str(xml);
    let mut out = BTreeMap::new();
    let mut cur: Option<(u64, String, String)> = None;
    let mut in_t = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:comment" => {
                let get = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| a.value.to_string())
                };
                cur = Some((
                    get("w:id").unwrap().parse().unwrap(),
                    get("w:author").unwrap(),
                    String::new(),
                ));
            }
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                if let Some(c) = cur.as_mut()
                    && !c.2.is_empty()
                {
                    c.2.push('\n');
                }
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => {
                if let Some(c) = cur.as_mut() {
                    c.2.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_t => {
                if let Some(c) = cur.as_mut() {
                    let s = match g.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        _ => "?",
                    };
                    c.2.push_str(s);
                }
            }
            Event::End(e) if e.name().as_ref() == "w:comment" => {
                if let Some((id, a, t)) = cur.take() {
                    out.insert(id, (a, t));
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

#[derive(Debug, PartialEq, Eq, Clone)]
enum Place {
    /// The text of a body paragraph.
    Para(String),
    /// (table, row, grid column), 1-based, top-level tables.
    Cell(usize, usize, usize),
}

/// Where each comment's reference mark is in document.xml, found by an
/// independent walk of the XML (not the library's map). Also checks that
/// every reference has its range start and end.
fn anchors(xml: &str) -> BTreeMap<u64, Place> {
    let mut r = Reader::from_str(xml);
    let (mut depth, mut table, mut row, mut col, mut span) = (0usize, 0, 0, 0, 1);
    let mut para = String::new();
    let mut in_t = false;
    let mut pending: Vec<u64> = Vec::new();
    let mut out = BTreeMap::new();
    let (mut starts, mut ends) = (Vec::new(), Vec::new());
    let id_of = |e: &quick_xml::events::BytesStart| -> u64 {
        let a = e
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == "w:id")
            .unwrap();
        a.value.parse().unwrap()
    };
    loop {
        let ev = r.read_event().unwrap();
        let (e, empty) = match &ev {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = e {
            match e.name().as_ref() {
                "w:tbl" if !empty => {
                    depth += 1;
                    if depth == 1 {
                        table += 1;
                        row = 0;
                    }
                }
                "w:tr" if depth == 1 => {
                    row += 1;
                    col = 1;
                }
                "w:tc" if depth == 1 => span = 1,
                "w:gridSpan" if depth == 1 => {
                    let a = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "w:val")
                        .unwrap();
                    span = a.value.parse().unwrap();
                }
                "w:p" if depth == 0 => para.clear(),
                "w:t" => in_t = !empty,
                "w:commentRangeStart" => starts.push(id_of(&e)),
                "w:commentRangeEnd" => ends.push(id_of(&e)),
                "w:commentReference" => {
                    let id = id_of(&e);
                    if depth == 0 {
                        pending.push(id);
                    } else {
                        out.insert(id, Place::Cell(table, row, col));
                    }
                }
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Text(t) if in_t && depth == 0 => para.push_str(&t.xml10_content()),
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:tbl" => depth -= 1,
                "w:tc" if depth == 1 => col += span,
                "w:p" if depth == 0 => {
                    for id in pending.drain(..) {
                        out.insert(id, Place::Para(para.clone()));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    starts.sort();
    ends.sort();
    let refs: Vec<u64> = out.keys().copied().collect();
    assert_eq!(starts, refs, "every comment has a range start");
    assert_eq!(ends, refs, "every comment has a range end");
    out
}

fn lint_word(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
    let d = to_text(bytes).unwrap();
    let diags = lint(&d.text, &LintOptions::default());
    (d.text, diags)
}

#[test]
fn one_comment_per_finding_on_its_cell_or_paragraph() {
    let original = word_002();
    let (text, diags) = lint_word(&original);
    assert!(diags.len() >= 3, "{diags:?}");
    let out = annotate(
        &original,
        &comments_for(&diags, Lang::Zh),
        &Author {
            date: Some("2025-01-20T09:30:00Z"),
            ..Author::default()
        },
    )
    .unwrap();
    assert_eq!(out.comments, diags.len());
    let written = comments(&part(&out.bytes, "word/comments.xml"));
    assert_eq!(written.len(), diags.len());
    assert!(written.values().all(|(a, _)| a == "nianbao"));
    let places = anchors(&part(&out.bytes, "word/document.xml"));
    assert_eq!(places.len(), diags.len());

    // table-sum: the 自然人 cell of （七）总计 in the official layout.
    let (sum_id, (_, sum_text)) = written
        .iter()
        .find(|(_, (_, t))| t.contains("table-sum"))
        .unwrap();
    assert!(
        sum_text.contains("应为 1：它使 3 条勾稽关系不成立"),
        "{sum_text}"
    );
    assert_eq!(places[sum_id], Place::Cell(2, 25, 4));

    // missing-title: on the first paragraph.
    let (title_id, _) = written
        .iter()
        .find(|(_, (_, t))| t.contains("missing-title"))
        .unwrap();
    match &places[title_id] {
        Place::Para(p) => assert!(p.starts_with("本报告由银川市市政管理局"), "{p}"),
        other => panic!("{other:?}"),
    }

    // The text of the document is unchanged by the marks.
    assert_eq!(to_text(&out.bytes).unwrap().text, text);
}

#[test]
fn untouched_entries_are_copied_byte_for_byte() {
    let original = word_002();
    let (_, diags) = lint_word(&original);
    let out = annotate(
        &original,
        &comments_for(&diags, Lang::Zh),
        &Author::default(),
    )
    .unwrap();
    let before = entries(&original);
    let after = entries(&out.bytes);
    let changed = [
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ];
    for (name, e) in &before {
        let a = &after[name];
        if changed.contains(&name.as_str()) {
            continue;
        }
        assert_eq!(a.crc, e.crc, "{name}");
        assert_eq!(a.compressed, e.compressed, "{name}: compressed bytes");
        assert_eq!(a.data, e.data, "{name}");
    }
    // The order of the entries is kept; comments.xml is the one new entry.
    let names_before: Vec<&String> = before.keys().collect();
    let mut names_after: Vec<&String> = after.keys().collect();
    names_after.retain(|n| *n != "word/comments.xml");
    assert_eq!(names_before, names_after);
    let types = part(&out.bytes, "[Content_Types].xml");
    assert!(types.contains(
        r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#
    ));
    let rels = part(&out.bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml""#), "{rels}");
    assert!(rels.contains(r#"Id="rId2""#), "a new id after rId1: {rels}");
    // document.xml: only the marks were added.
    let doc = part(&out.bytes, "word/document.xml");
    assert_eq!(
        strip_marks(&doc),
        String::from_utf8(before["word/document.xml"].data.clone()).unwrap()
    );
}

/// document.xml without the comment marks nianbao inserts.
fn strip_marks(xml: &str) -> String {
    let mut s = xml.to_string();
    for (open, close) in [
        ("<w:commentRangeStart ", "/>"),
        ("<w:commentRangeEnd ", "/>"),
        ("<w:r><w:commentReference ", "</w:r>"),
    ] {
        while let Some(i) = s.find(open) {
            let j = s[i..].find(close).unwrap() + i + close.len();
            s.replace_range(i..j, "");
        }
    }
    s
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        let method = if name.ends_with(".png") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        w.start_file(
            *name,
            zip::write::SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A document as Word leaves it after review: a comment already there,
/// tracked changes, an empty cell (`<w:p/>`), styles, numbering, an image.
fn reviewed_document() -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:commentRangeStart w:id="7"/><w:r><w:t>第一段</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p><w:p><w:r><w:t>保留</w:t></w:r><w:ins w:id="20" w:author="审稿人" w:date="2024-01-02T00:00:00Z"><w:r><w:t>插入</w:t></w:r></w:ins><w:del w:id="21" w:author="审稿人" w:date="2024-01-02T00:00:00Z"><w:r><w:delText>删除</w:delText></w:r></w:del></w:p><w:tbl><w:tblGrid><w:gridCol w:w="800"/><w:gridCol w:w="800"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p w14:paraId="1A2B3C4D" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"/></w:tc></w:tr></w:tbl><w:sectPr/></w:body></w:document>"#
    );
    let comments = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W}"><w:comment w:id="7" w:author="审稿人" w:initials="审"><w:p><w:r><w:t>原有批注</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}"/>"#
    );
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#;
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;
    let image: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    zip_of(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", root_rels.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/comments.xml", comments.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/media/image1.png", &image),
    ])
}

#[test]
fn existing_comments_tracked_changes_and_parts_are_kept() {
    let original = reviewed_document();
    let d = to_text(&original).unwrap();
    assert_eq!(d.text, "# 第一段\n保留插入\n甲\t\n");
    let at = |s: &str| d.text.find(s).unwrap();
    let list = [
        Comment {
            offset: at("保留"),
            text: "第二段 & <注意>".into(),
        },
        Comment {
            offset: d.text.len() - 1,
            text: "空单元格\n第二行".into(),
        },
        Comment {
            offset: at("第一段"),
            text: "标题".into(),
        },
    ];
    let out = annotate(&original, &list, &Author::default()).unwrap();
    assert_eq!(out.comments, 3);
    let before = entries(&original);
    let after = entries(&out.bytes);
    assert_eq!(before.len(), after.len(), "no part added");
    for name in [
        "word/styles.xml",
        "word/numbering.xml",
        "word/media/image1.png",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
        "_rels/.rels",
    ] {
        assert_eq!(after[name].compressed, before[name].compressed, "{name}");
    }
    let written = comments(&part(&out.bytes, "word/comments.xml"));
    assert_eq!(written[&7], ("审稿人".to_string(), "原有批注".to_string()));
    assert_eq!(written[&8].1, "第二段 & <注意>");
    assert_eq!(written[&9].1, "空单元格\n第二行");
    assert_eq!(written[&10], ("nianbao".to_string(), "标题".to_string()));
    let doc = part(&out.bytes, "word/document.xml");
    let places = anchors(&doc);
    assert_eq!(places[&7], Place::Para("第一段".into()));
    assert_eq!(places[&8], Place::Para("保留插入".into()));
    assert_eq!(places[&9], Place::Cell(1, 1, 2));
    assert_eq!(places[&10], Place::Para("第一段".into()));
    // The empty cell's paragraph was opened up, its attributes kept.
    assert!(
        doc.contains(r#"<w:p w14:paraId="1A2B3C4D" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:commentRangeStart w:id="9"/><w:commentRangeEnd w:id="9"/><w:r><w:commentReference w:id="9"/></w:r></w:p>"#),
        "{doc}"
    );
    // Tracked changes are still there.
    assert!(doc.contains(r#"<w:ins w:id="20" w:author="审稿人""#));
    assert!(doc.contains("<w:delText>删除</w:delText>"));
    assert_eq!(to_text(&out.bytes).unwrap().text, d.text);
}

#[test]
fn no_findings_no_change_and_broken_files_are_errors() {
    let original = reviewed_document();
    let out = annotate(&original, &[], &Author::default()).unwrap();
    assert_eq!(out.comments, 0);
    assert_eq!(out.bytes, original);
    assert!(annotate(b"PK\x03\x04 broken", &[], &Author::default()).is_err());
    assert!(annotate(b"plain text", &[], &Author::default()).is_err());
}

fn nianbao(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn check_annotate_writes_a_copy_beside_the_original() {
    let tmp = tempfile::tempdir().unwrap();
    let original = word_002();
    let path = tmp.path().join("报告.docx");
    std::fs::write(&path, &original).unwrap();
    std::fs::write(tmp.path().join("草稿.txt"), fixture("002")).unwrap();
    let out = nianbao(
        &[
            "check",
            "--format",
            "json",
            "--annotate",
            "报告.docx",
            "草稿.txt",
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("报告.nianbao.docx"), "{stderr}");
    // stdout is still the JSON of the findings.
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let on_docx = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "报告.docx")
        .count();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "original untouched"
    );
    let annotated = std::fs::read(tmp.path().join("报告.nianbao.docx")).unwrap();
    let written = comments(&part(&annotated, "word/comments.xml"));
    assert_eq!(written.len(), on_docx);
    let sum = written
        .values()
        .find(|(_, t)| t.contains("table-sum"))
        .unwrap();
    assert!(sum.1.contains("应为 1"));
    // Text drafts get no copy.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");

    // English comments with --lang en.
    let out = nianbao(
        &["check", "--annotate", "--lang", "en", "报告.docx"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let annotated = std::fs::read(tmp.path().join("报告.nianbao.docx")).unwrap();
    let written = comments(&part(&annotated, "word/comments.xml"));
    assert!(
        written
            .values()
            .any(|(_, t)| t.starts_with("error table-sum: ")),
        "{written:?}"
    );
}

#[test]
fn check_annotate_refuses_with_fix_and_skips_its_own_output() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.docx"), word_002()).unwrap();
    let out = nianbao(&["check", "--annotate", "--fix", "a.docx"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(!tmp.path().join("a.nianbao.docx").exists());
    // A folder checked twice: the copy is not annotated again.
    nianbao(&["check", "--annotate", "."], tmp.path());
    nianbao(&["check", "--annotate", "."], tmp.path());
    assert!(tmp.path().join("a.nianbao.docx").exists());
    assert!(!tmp.path().join("a.nianbao.nianbao.docx").exists());
}
