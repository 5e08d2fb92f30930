//! Word drafts: the real reports of tests/fixtures written as .docx files
//! (paragraphs, heading styles, real tables, the official merged layout of
//! table 三) give the same findings as their text versions, located as
//! paragraphs and table cells; broken and encrypted files are clear errors.

mod support;

use nianbao::front::docx::{DocxError, DocxText, Origin, TableRole, to_text};
use nianbao::{Diagnostic, LintOptions, lint};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::{Block, Cell, Docx, chinese_word_headings, fixture, from_text};

fn per_rule(diags: &[Diagnostic]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for d in diags {
        *m.entry(d.rule).or_default() += 1;
    }
    m
}

/// The draft as a Word user would have it: Markdown headings as Chinese
/// Word's heading styles ("1", "2", … named "heading N"), tables as tables.
fn word_draft(text: &str, pipes: bool) -> Docx {
    Docx {
        blocks: from_text(text, pipes, &|n| n.to_string()),
        styles: chinese_word_headings(),
        ..Docx::default()
    }
}

fn lint_docx(bytes: &[u8]) -> (DocxText, Vec<Diagnostic>) {
    let d = to_text(bytes).unwrap();
    let diags = lint(&d.text, &LintOptions::default());
    (d, diags)
}

/// 002 with its table 三 in the official merged-cell layout.
fn official_002() -> Docx {
    let mut docx = word_draft(&fixture("002"), true);
    assert_eq!(docx.official_table3_layout(), 1);
    docx
}

#[test]
fn every_report_as_docx_gives_the_findings_of_its_text() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let text = fixture(prefix);
        let expected = per_rule(&lint(&text, &LintOptions::default()));
        let (_, diags) = lint_docx(&word_draft(&text, true).to_bytes());
        assert_eq!(per_rule(&diags), expected, "report {prefix}");
        assert!(!expected.is_empty());
    }
}

#[test]
fn tab_tables_render_back_to_the_same_lines() {
    // 000's tables are tab-separated, its headings Markdown: the rendering
    // is the draft itself.
    let text = fixture("000");
    let (d, _) = lint_docx(&word_draft(&text, false).to_bytes());
    assert_eq!(d.text.trim_end(), text.trim_end());
}

#[test]
fn official_merged_layout_of_table_3_reads_the_same() {
    let text = fixture("002");
    let expected = per_rule(&lint(&text, &LintOptions::default()));
    let (d, diags) = lint_docx(&official_002().to_bytes());
    assert_eq!(per_rule(&diags), expected);
    // The merged cells come out as a copy out of Word does: the label
    // followed by empty cells, continuations empty.
    assert!(
        d.text
            .contains("一、本年新收政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1\n"),
        "{}",
        d.text
    );
    assert!(d.text.contains("\n\t\t2.其他法律行政法规禁止公开\t0\t"));
    assert!(d.text.contains("\n\t\t\t\t商业企业\t科研机构\t"));
    let sum = diags.iter().find(|d| d.rule == "table-sum").unwrap();
    let loc = d.locate(sum.span.start).unwrap();
    assert_eq!(loc.describe_zh(), "表三 第25行 第4列");
    assert_eq!(loc.describe_en(), "表三 (table 3), row 25, column 4");
    assert_eq!(&d.text[loc.range.clone()], "0");
    assert_eq!(
        loc.origin,
        Origin::TableCell {
            table: 2,
            row: 25,
            col: 4
        }
    );
    // Every related location is a cell of 表三 too.
    for r in &sum.related {
        let l = d.locate(r.span.start).unwrap();
        assert!(l.describe_zh().starts_with("表三 第"), "{l:?}");
    }
}

#[test]
fn table_sum_of_002_is_a_cell_of_table_3() {
    let (d, diags) = lint_docx(&word_draft(&fixture("002"), true).to_bytes());
    assert_eq!(
        d.tables,
        vec![
            Some(TableRole::T2),
            Some(TableRole::T3),
            Some(TableRole::T4)
        ]
    );
    let sum = diags.iter().find(|d| d.rule == "table-sum").unwrap();
    let loc = d.locate(sum.span.start).unwrap();
    assert_eq!(loc.describe_zh(), "表三 第25行 第2列");
    // The title is missing: reported at the first paragraph.
    let title = diags.iter().find(|d| d.rule == "missing-title").unwrap();
    assert_eq!(d.locate(title.span.start).unwrap().describe_zh(), "第1段");
}

#[test]
fn a_table_split_over_two_pages_keeps_its_role_and_its_number() {
    // 000 has a blank line inside table 三 and inside table 四: in Word,
    // two tables each.
    let (d, diags) = lint_docx(&word_draft(&fixture("000"), false).to_bytes());
    assert_eq!(
        d.tables,
        vec![
            Some(TableRole::T2),
            Some(TableRole::T3),
            Some(TableRole::T3),
            Some(TableRole::T4),
            Some(TableRole::T4),
        ]
    );
    let sum = diags.iter().find(|d| d.rule == "table-sum").unwrap();
    let loc = d.locate(sum.span.start).unwrap();
    assert!(loc.role_shared);
    assert_eq!(loc.describe_zh(), "表四（第5个表格）第2行 第5列");
    assert_eq!(
        loc.describe_en(),
        "表四 (table 4; table 5 of the document), row 2, column 5"
    );
}

/// A report whose section headings carry no numbering (as when Word numbers
/// them): only their heading style says they are headings. Section 四 keeps
/// its number: the binder of table 三 just above still reads an unnumbered
/// heading as a row label.
fn unnumbered_sections(styles: Vec<(String, String)>, id: &str) -> Vec<u8> {
    let text = nianbao::template::skeleton(&nianbao::template::SkeletonOptions {
        year: 2021,
        unit: "某某市某某局",
        government: false,
        style: nianbao::model::Style::Tab,
    });
    let mut blocks = from_text(&text, false, &|n| format!("{id}{n}"));
    for b in &mut blocks {
        if let Block::Para {
            text,
            style: Some(_),
            ..
        } = b
            && let Some((num, rest)) = text.split_once('、')
            && ["一", "二", "三", "五", "六"].contains(&num)
        {
            *text = rest.to_string();
        }
    }
    Docx {
        blocks,
        styles,
        ..Docx::default()
    }
    .to_bytes()
}

#[test]
fn heading_styles_find_the_sections() {
    let missing = |bytes: &[u8]| {
        let (_, diags) = lint_docx(bytes);
        diags.iter().filter(|d| d.rule == "missing-section").count()
    };
    // Chinese Word: ids "1", "2" named "heading 1"; English Word: ids
    // "Heading1"; a Chinese name; no styles part at all.
    let zh: Vec<(String, String)> = (1..=3)
        .map(|n| (format!("biaoti{n}"), format!("标题 {n}")))
        .collect();
    assert_eq!(
        missing(&unnumbered_sections(chinese_word_headings(), "")),
        0
    );
    assert_eq!(missing(&unnumbered_sections(Vec::new(), "Heading")), 0);
    assert_eq!(missing(&unnumbered_sections(Vec::new(), "")), 0);
    assert_eq!(missing(&unnumbered_sections(zh, "biaoti")), 0);
    // The same paragraphs in a body-text style are not read as headings,
    // but their words are there: no section is "missing" (issue 9).
    let plain = unnumbered_sections(vec![("x1".to_string(), "正文".to_string())], "x");
    let (_, ds) = lint_docx(&plain);
    let ms: Vec<_> = ds
        .iter()
        .filter(|d| d.rule == "missing-section")
        .map(|d| d.message.zh.clone())
        .collect();
    assert!(ms.is_empty(), "{ms:?}");
    let text = to_text(&plain).unwrap().text;
    let r = nianbao::model::bind(&text, &Default::default());
    // Only 四 kept its numbering there.
    let matched: Vec<u32> = r.sections.iter().filter_map(|s| s.matched).collect();
    assert_eq!(matched, [4]);
    assert!(r.unread_headings.len() >= 5, "{:?}", r.unread_headings);
}

#[test]
fn headings_numbered_by_word_are_read_with_their_numbers() {
    // Heading 2 is numbered by a list (一、二、…): the text of the
    // paragraphs has no number at all, Word shows it.
    let text = nianbao::template::skeleton(&nianbao::template::SkeletonOptions {
        year: 2021,
        unit: "某某市某某局",
        government: false,
        style: nianbao::model::Style::Tab,
    });
    let mut blocks = from_text(&text, false, &|n| n.to_string());
    let mut stripped = 0;
    for b in &mut blocks {
        if let Block::Para {
            text,
            style: Some(s),
            ..
        } = b
            && s == "2"
            && let Some((_, rest)) = text.split_once('、')
        {
            *text = rest.to_string();
            stripped += 1;
        }
    }
    assert_eq!(stripped, 6);
    let docx = Docx {
        blocks,
        styles: chinese_word_headings(),
        numbered_styles: vec![("2".into(), "1".into())],
        numbering: Some(support::CHINESE_HEADING_LIST.into()),
    };
    let (d, diags) = lint_docx(&docx.to_bytes());
    assert!(
        d.text
            .contains("\n## 四、政府信息公开行政复议、行政诉讼情况\n")
    );
    assert!(d.text.contains("\n## 六、其他需要报告的事项\n"));
    assert_eq!(
        per_rule(&diags),
        per_rule(&lint(&text, &LintOptions::default()))
    );
}

#[test]
fn labels_split_over_paragraphs_of_one_cell_join() {
    let text = fixture("002");
    let mut docx = official_002();
    for b in &mut docx.blocks {
        if let Block::Table(rows) = b {
            for r in rows {
                for c in r {
                    if c.text == "5.要求行政机关确认或重新出具已获取信息" {
                        c.text = "5.要求行政机关确认或\n重新出具已获取信息".into();
                    }
                }
            }
        }
    }
    let (d, diags) = lint_docx(&docx.to_bytes());
    assert!(
        d.text
            .contains("\t5.要求行政机关确认或重新出具已获取信息\t")
    );
    assert_eq!(
        per_rule(&diags),
        per_rule(&lint(&text, &LintOptions::default()))
    );
}

#[test]
fn rendering_details() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>一、</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>总体情况</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>
<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>套</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>&#x4E00;&lt;2&gt;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
    let d = to_text(&Docx::zip_with(xml, None)).unwrap();
    assert_eq!(
        d.text,
        "## **一、总体情况**\n第一行\n第二行\n\ta b 嵌 套\t一<2>\n"
    );
    assert_eq!(d.tables, vec![None]);
    let at = |s: &str| d.locate(d.text.find(s).unwrap()).unwrap().describe_zh();
    assert_eq!(at("总体"), "第1段");
    assert_eq!(at("第二行"), "第2段");
    assert_eq!(at("嵌"), "第1个表格 第1行 第2列");
    assert_eq!(at("一<2>"), "第1个表格 第1行 第3列");
    assert_eq!(
        d.locate(d.text.find("一<2>").unwrap())
            .unwrap()
            .describe_en(),
        "table 1 of the document, row 1, column 3"
    );
}

#[test]
fn errors_are_clear() {
    let e = to_text(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]).unwrap_err();
    assert_eq!(e, DocxError::Encrypted);
    assert_eq!(
        e.to_string(),
        "文件已加密或不是 .docx (encrypted or not a .docx)"
    );
    let e = to_text(b"PK\x03\x04garbage").unwrap_err();
    assert!(e.to_string().starts_with("无法读取 .docx："), "{e}");
    // A zip that is not a Word document.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert_eq!(to_text(&bytes).unwrap_err(), DocxError::NoDocument);
    // Broken XML.
    let e = to_text(&Docx::zip_with("<w:document><w:body></w:p>", None)).unwrap_err();
    assert!(matches!(e, DocxError::Xml { .. }), "{e:?}");
    assert!(e.to_string().starts_with("无法读取 .docx："));
}

#[test]
fn no_panic_on_truncated_or_corrupted_files() {
    let good = official_002().to_bytes();
    for n in (0..good.len())
        .step_by(7)
        .chain(good.len() - 64..good.len())
    {
        let _ = to_text(&good[..n]);
    }
    let mut state = 0x2545_f491_u32;
    for _ in 0..3000 {
        let mut b = good.clone();
        for _ in 0..1 + (state % 4) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let i = state as usize % b.len();
            b[i] = (state >> 8) as u8;
        }
        let _ = to_text(&b);
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn fragment() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "<w:p>",
            "</w:p>",
            "<w:p/>",
            "<w:r>",
            "</w:r>",
            "<w:t>",
            "</w:t>",
            "<w:t>一、总体情况</w:t>",
            "<w:t>1</w:t>",
            "<w:tab/>",
            "<w:br/>",
            "<w:tbl>",
            "</w:tbl>",
            "<w:tr>",
            "</w:tr>",
            "<w:tc>",
            "</w:tc>",
            "<w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>",
            "<w:tcPr><w:gridSpan w:val=\"99999999999\"/></w:tcPr>",
            "<w:tcPr><w:vMerge/></w:tcPr>",
            "<w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>",
            "<w:pPr><w:pStyle w:val=\"1\"/><w:outlineLvl w:val=\"250\"/></w:pPr>",
            "<w:rPr><w:b/></w:rPr>",
            "<w:del>",
            "</w:del>",
            "&amp;",
            "&#0;",
            "&bogus;",
            "表三",
        ])
        .prop_map(str::to_string)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let _ = to_text(&bytes);
        }

        #[test]
        fn any_document(parts in prop::collection::vec(fragment(), 0..60)) {
            let xml = format!(
                r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>"#,
                parts.concat()
            );
            if let Ok(d) = to_text(&Docx::zip_with(&xml, None)) {
                // Every segment is a valid range, in order; every offset locates.
                let mut last = 0;
                for s in &d.map {
                    prop_assert!(s.range.start >= last && s.range.end <= d.text.len());
                    prop_assert!(d.text.is_char_boundary(s.range.start));
                    last = s.range.end;
                }
                for i in 0..=d.text.len() {
                    let l = d.locate(i);
                    prop_assert_eq!(l.is_some(), !d.map.is_empty());
                }
                let _ = lint(&d.text, &LintOptions::default());
            }
        }
    }
}

// ------------------------------------------------------------------ the CLI

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    c.env_remove("NO_COLOR");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn cli_reports_word_locations() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "report.docx", &official_002().to_bytes());
    let o = run(&["check", "--no-color", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("report.docx: 表三 第25行 第4列\n"), "{out}");
    assert!(out.contains("report.docx: 第1段\n"), "{out}");
    // The row is shown, without a line number of the rendered text.
    assert!(out.contains("\n |     (七)总计        0   0"), "{out}");
    assert!(
        out.contains(" = 表三 第25行 第10列: “（七）总计”行"),
        "{out}"
    );
    assert!(
        !out.split("report.docx:")
            .skip(1)
            .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit())),
        "no line:column of the rendering: {out}"
    );

    let o = run(&["check", "--format", "json", p.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let sum = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "table-sum")
        .unwrap();
    assert_eq!(sum["location"], "表三 第25行 第4列");
    assert!(sum["line"].as_u64().unwrap() > 0);
    // The first related location is the other side of the balance: 一、本年新收.
    assert_eq!(sum["related"][0]["location"], "表三 第4行 第4列");

    let o = run(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        p.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|d| d["location"] == "表三 (table 3), row 25, column 4")
    );
}

#[test]
fn cli_checks_docx_files_in_directories() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.docx", &official_002().to_bytes());
    write(
        dir.path(),
        "B.DOCX",
        &word_draft(&fixture("000"), false).to_bytes(),
    );
    write(dir.path(), "ignored.doc.bak", b"x");
    let o = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: std::collections::BTreeSet<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            Path::new(d["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        paths.into_iter().collect::<Vec<_>>(),
        vec!["B.DOCX".to_string(), "a.docx".to_string()]
    );
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|d| d["location"].is_string())
    );
}

#[test]
fn cli_broken_and_encrypted_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let enc = write(
        dir.path(),
        "secret.docx",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
    );
    let o = run(&["check", enc.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("secret.docx: 文件已加密或不是 .docx (encrypted or not a .docx)"),
        "{err}"
    );
    let good = official_002().to_bytes();
    let broken = write(dir.path(), "broken.docx", &good[..good.len() / 2]);
    let o = run(&["check", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.docx: 无法读取 .docx："), "{err}");
    // A Word draft on stdin is recognised by its zip header.
    let mut child = bin()
        .args(["check", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &good).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|d| d["location"] == "表三 第25行 第4列")
    );
}

#[test]
fn cli_fix_refuses_docx_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = official_002().to_bytes();
    let p = write(dir.path(), "report.docx", &bytes);
    let o = run(&["check", "--fix", "--unsafe-fixes", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("暂不支持修复 .docx，请在 Word 中修改 / --fix does not write .docx files"),
        "{err}"
    );
    assert_eq!(std::fs::read(&p).unwrap(), bytes);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(names.len(), 1, "no temporary file left behind");
    // Found in a folder, the draft is checked and left alone.
    let o = run(&[
        "check",
        "--fix",
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "table-sum")
    );
    assert_eq!(std::fs::read(&p).unwrap(), bytes);
}

#[test]
fn cells_written_by_hand_merge_like_the_template() {
    // A hand-made table 三 whose first data row label spans the three label
    // columns: the binder drops the empty cells only where the reading is
    // unique, as for a copy out of Word.
    let rows = vec![vec![
        Cell::new("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）").span(3),
        Cell::new("申请人情况").span(7),
    ]];
    let docx = Docx {
        blocks: vec![
            Block::para("三、收到和处理政府信息公开申请情况"),
            Block::Table(rows),
        ],
        ..Docx::default()
    };
    let d = to_text(&docx.to_bytes()).unwrap();
    assert_eq!(d.tables, vec![Some(TableRole::T3)]);
    assert!(d.text.ends_with("）\t\t\t申请人情况\t\t\t\t\t\t\n"));
}
