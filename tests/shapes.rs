//! The shape suite (issue 9, item 4): every canonical document — the seed
//! reports, the real web report R1, the skeletons of `nianbao new` (zeros and
//! realistic values) — is rendered in every shape a report reaches a linter
//! in (Word copy, Markdown, PDF text, web text with and without line breaks,
//! converter Markdown, HTML, .docx, and real PDF text from LibreOffice), read
//! back, and compared with the document, table by table.
//!
//! Always asserted: no row read as certain has a value different from the
//! document's, and the safe fixes of a rendering neither insert what the
//! document has nor change a value they did not edit. The read rates are the
//! reader's target: asserted with `NIANBAO_SHAPES_STRICT=1`, printed always
//! (`cargo test --test shapes -- --nocapture`). `NIANBAO_SHAPES_WRITE=1`
//! writes every rendering to target/shapes/ for reading.

#[path = "shapes/mod.rs"]
mod shapes;

use shapes::alarms::broken_relations;
use shapes::compare::{Figures, TableOutcome, compare, figures_table};
use shapes::doc::{Doc, TableId};
use shapes::fixes::Damage;
use shapes::reader::{Reading, docx_text, html_text, pdf_text, read};
use shapes::render::{Output, RENDERINGS};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Share of tables every rendering must read completely (not the PDF texts,
/// which must only be read right or declared unread, nor run-together
/// text, where every table whose digits split one way must be read).
const MIN_TABLES_READ: f64 = 0.90;
/// Set to write each rendering to target/shapes/<document>/.
const WRITE_ENV: &str = "NIANBAO_SHAPES_WRITE";

/// The PDF extractions `scripts/render-pdf.sh` commits, as renderings.
const PDF_EXTRACTORS: &[&str] = &["pdftotext-layout", "pdftotext", "pypdf"];
/// The committed PDFs nianbao's own PDF front end reads: (rendering, file
/// suffix after the document's name).
const PDF_RENDERINGS: [(&str, &str); 2] = [("pdf", ".pdf"), ("pdf-unruled", ".unruled.pdf")];
/// pandoc's conversions of the Word rendering (`scripts/render-pandoc.sh`).
const PANDOC_FORMATS: &[&str] = &["markdown", "gfm", "commonmark", "grid", "plain"];

/// Renderings made by real tools and committed: (name prefix, where, the
/// tool's outputs, file suffix, the script that makes them).
fn tool_renderings() -> [(
    &'static str,
    std::path::PathBuf,
    &'static [&'static str],
    &'static str,
    &'static str,
); 2] {
    [
        (
            "pdf",
            shapes::pdf_dir(),
            PDF_EXTRACTORS,
            "text",
            "scripts/render-pdf.sh",
        ),
        (
            "pandoc",
            shapes::pandoc_dir(),
            PANDOC_FORMATS,
            "md",
            "scripts/render-pandoc.sh",
        ),
    ]
}

struct Case {
    doc: usize,
    rendering: String,
    run_together: bool,
    reading: Reading,
    /// What `--fix` damaged (text renderings only: `--fix` refuses .docx
    /// and .pdf).
    damage: Damage,
    /// Findings the document contradicts.
    alarms: Vec<String>,
    /// What makes the rendering a report, for a folder (`identity::judge`).
    judged: nianbao::identity::Evidence,
}

impl Case {
    fn new(
        doc: &Doc,
        doc_index: usize,
        rendering: &str,
        run_together: bool,
        text: String,
        read_only: bool,
    ) -> Case {
        let reading = read(&text);
        let judged = nianbao::identity::judge(&nianbao::model::bind(&text, &Default::default()));
        let damage = if read_only {
            Damage::default()
        } else {
            shapes::fixes::damage(doc, &text)
        };
        let consistent = broken_relations(doc).is_empty();
        let alarms = shapes::alarms::false_alarms(doc, &text, consistent);
        Case {
            doc: doc_index,
            rendering: rendering.to_string(),
            run_together,
            reading,
            damage,
            alarms,
            judged,
        }
    }
}

fn write_rendering(doc: &Doc, rendering: &str, out: &Output) {
    let dir = shapes::manifest().join("target/shapes").join(&doc.name);
    std::fs::create_dir_all(&dir).unwrap();
    match out {
        Output::Text(t) => std::fs::write(dir.join(format!("{rendering}.txt")), t).unwrap(),
        Output::Docx(b) => std::fs::write(dir.join(format!("{rendering}.docx")), b).unwrap(),
        Output::Html(b) => std::fs::write(dir.join(format!("{rendering}.html")), b).unwrap(),
    }
}

fn suite() -> &'static (Vec<Doc>, Vec<Case>) {
    static SUITE: OnceLock<(Vec<Doc>, Vec<Case>)> = OnceLock::new();
    SUITE.get_or_init(|| {
        let docs = shapes::docs();
        let write = std::env::var_os(WRITE_ENV).is_some();
        let sources: BTreeMap<String, String> = shapes::sources().into_iter().collect();
        let mut cases = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            // The report as it was found is a rendering too (not for the
            // skeletons given values after the fact).
            if let Some(text) = sources
                .get(&doc.name)
                .filter(|_| !doc.name.starts_with("filled"))
            {
                cases.push(Case::new(
                    doc,
                    i,
                    "source",
                    doc.name.starts_with("real"),
                    text.clone(),
                    false,
                ));
            }
            for r in RENDERINGS {
                let out = (r.render)(doc);
                if write {
                    write_rendering(doc, r.name, &out);
                }
                cases.push(match &out {
                    Output::Text(t) => Case::new(doc, i, r.name, r.run_together, t.clone(), false),
                    Output::Docx(b) => {
                        let t = docx_text(b).unwrap_or_else(|e| panic!("{} docx: {e}", doc.name));
                        Case::new(doc, i, r.name, r.run_together, t, true)
                    }
                    // Like a Word file, a page is read, never fixed.
                    Output::Html(b) => {
                        let t = html_text(b).unwrap_or_else(|e| panic!("{} html: {e}", doc.name));
                        Case::new(doc, i, r.name, r.run_together, t, true)
                    }
                });
            }
            // The LibreOffice PDF exports, read by nianbao's PDF front end:
            // with the tables' borders, and without (columns from positions).
            for (rendering, file) in PDF_RENDERINGS {
                let path = shapes::pdf_dir().join(format!("{}{file}", doc.name));
                if let Ok(bytes) = std::fs::read(path) {
                    let text = pdf_text(&bytes)
                        .unwrap_or_else(|e| panic!("{} {rendering}: {e}", doc.name));
                    cases.push(Case::new(doc, i, rendering, false, text, true));
                }
            }
            for (prefix, dir, outputs, suffix, _) in tool_renderings() {
                for x in outputs {
                    let path = dir.join(format!("{}.{x}.{suffix}", doc.name));
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        cases.push(Case::new(
                            doc,
                            i,
                            &format!("{prefix}:{x}"),
                            false,
                            text,
                            false,
                        ));
                    }
                }
            }
        }
        (docs, cases)
    })
}

fn outcomes() -> Vec<(&'static Case, Vec<(TableId, TableOutcome)>)> {
    let (docs, cases) = suite();
    cases
        .iter()
        .map(|c| (c, compare(&docs[c.doc], &c.reading)))
        .collect()
}

/// Figures per rendering, in the order of [`RENDERINGS`] then the PDF texts.
fn figures(rows: &[(&Case, Vec<(TableId, TableOutcome)>)]) -> Vec<(String, Figures)> {
    let (docs, _) = suite();
    let mut by: BTreeMap<String, Figures> = BTreeMap::new();
    for (case, tables) in rows {
        let f = by.entry(case.rendering.clone()).or_default();
        for (id, t) in tables {
            let splittable = case.run_together
                && docs[case.doc]
                    .table(*id)
                    .is_some_and(shapes::split::splits_one_way);
            if splittable && !t.fully_read() {
                println!(
                    "splits one way but not read: {} × {}: 表{}",
                    docs[case.doc].name,
                    case.rendering,
                    id.name()
                );
            }
            f.add(t, splittable);
        }
    }
    for (case, _) in rows {
        if let Some(f) = by.get_mut(&case.rendering) {
            f.fix_damage += case.damage.count();
            f.false_alarms += case.alarms.len();
        }
    }
    let order: Vec<String> = std::iter::once("source".to_string())
        .chain(RENDERINGS.iter().map(|r| r.name.to_string()))
        .chain(PDF_RENDERINGS.iter().map(|(r, _)| r.to_string()))
        .chain(
            tool_renderings()
                .into_iter()
                .flat_map(|(prefix, _, outputs, _, _)| {
                    outputs.iter().map(move |x| format!("{prefix}:{x}"))
                }),
        )
        .collect();
    order
        .into_iter()
        .filter_map(|name| by.remove(&name).map(|f| (name, f)))
        .collect()
}

#[test]
fn every_rendering_reads_the_documents_values_or_says_it_cannot() {
    let (docs, _) = suite();
    let rows = outcomes();
    let mut wrong = Vec::new();
    let mut misses = Vec::new();
    for (case, tables) in &rows {
        let name = format!("{} × {}", docs[case.doc].name, case.rendering);
        for (_, t) in tables {
            wrong.extend(t.wrong.iter().map(|w| format!("{name}: {w}")));
        }
        let unread: Vec<String> = tables
            .iter()
            .filter(|(_, t)| !t.fully_read())
            .map(|(id, t)| format!("表{} {}/{}", id.name(), t.read, t.rows))
            .collect();
        if !unread.is_empty() {
            misses.push(format!("{name}: {}", unread.join(", ")));
        }
        let silent: Vec<&String> = tables.iter().flat_map(|(_, t)| &t.silent_rows).collect();
        if !silent.is_empty() {
            misses.push(format!(
                "{name}: missed without saying so: {}",
                silent
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let figures = figures(&rows);
    let named: Vec<(&str, Figures)> = figures
        .iter()
        .map(|(n, f)| (n.as_str(), f.clone()))
        .collect();
    println!(
        "\nshape suite: {} documents\n\n{}",
        docs.len(),
        figures_table(&named)
    );
    println!("tables not read completely:\n  {}", misses.join("\n  "));
    let alarms: Vec<String> = rows
        .iter()
        .flat_map(|(c, _)| {
            c.alarms
                .iter()
                .map(move |a| format!("{} × {}: {a}", docs[c.doc].name, c.rendering))
        })
        .collect();
    println!("false alarms:\n  {}", alarms.join("\n  "));
    assert!(
        wrong.is_empty(),
        "{} rows read as certain with a value the document does not have:\n  {}",
        wrong.len(),
        wrong.join("\n  ")
    );
    {
        let mut failed = Vec::new();
        for (name, f) in &figures {
            // Real PDF text must be read right or declared unread; the read
            // rate is a target for the renderings of issue 9, item 1. In
            // run-together text the target is every table whose digits
            // split one way (table 二 never does).
            let run_together = RENDERINGS.iter().any(|r| r.name == name && r.run_together);
            let rate_target = !name.contains(':') && !run_together;
            if rate_target && f.table_rate() < MIN_TABLES_READ {
                failed.push(format!(
                    "{name}: {:.0} % of tables read",
                    100.0 * f.table_rate()
                ));
            }
            if f.splittable_read < f.splittable {
                failed.push(format!(
                    "{name}: {} of {} tables whose digits split one way read",
                    f.splittable_read, f.splittable
                ));
            }
            if f.false_alarms > 0 {
                failed.push(format!("{name}: {} false alarms", f.false_alarms));
            }
            if f.silent > 0 {
                failed.push(format!(
                    "{name}: {} rows missed without saying so",
                    f.silent
                ));
            }
        }
        assert!(
            failed.is_empty(),
            "read-rate targets missed:\n  {}",
            failed.join("\n  ")
        );
    }
}

#[test]
fn safe_fixes_never_duplicate_or_change_what_is_there() {
    let (docs, cases) = suite();
    let list = |pick: &dyn Fn(&Damage) -> &Vec<String>| -> Vec<String> {
        cases
            .iter()
            .flat_map(|c| {
                pick(&c.damage)
                    .iter()
                    .map(move |d| format!("{} × {}: {d}", docs[c.doc].name, c.rendering))
            })
            .collect()
    };
    let changed = list(&|d| &d.changed);
    let duplicates = list(&|d| &d.duplicates);
    if !duplicates.is_empty() {
        println!(
            "safe fixes that insert what the document has:\n  {}",
            duplicates.join("\n  ")
        );
    }
    assert!(
        changed.is_empty(),
        "safe fixes changed values they did not edit:\n  {}",
        changed.join("\n  ")
    );
    assert!(
        duplicates.is_empty(),
        "safe fixes insert what the document has:\n  {}",
        duplicates.join("\n  ")
    );
}

// ------------------------------------------------------ the harness itself

fn doc(name: &str) -> &'static Doc {
    let (docs, _) = suite();
    docs.iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no canonical document {name}"))
}

fn tab_text(d: &Doc) -> String {
    match (RENDERINGS[0].render)(d) {
        Output::Text(t) => t,
        Output::Docx(_) | Output::Html(_) => unreachable!("the first rendering is tab"),
    }
}

fn outcome(d: &Doc, text: &str, id: TableId) -> TableOutcome {
    compare(d, &read(text))
        .into_iter()
        .find(|(t, _)| *t == id)
        .map(|(_, o)| o)
        .unwrap_or_default()
}

/// A suite that cannot fail proves nothing: a value changed in a rendering
/// is a wrong value, a row deleted is not counted as read.
/// A folder's reports are told from notes by their own structure: every
/// rendering of every document is a report by its section headings alone
/// (as if no table were read), and none of its headings is taken for a
/// mere mention (quoted, listed, a table of contents).
#[test]
fn every_rendering_is_a_report_by_its_headings_alone() {
    let (docs, cases) = suite();
    let mut wrong = Vec::new();
    for c in cases {
        let e = c.judged;
        if !(e.sections >= 3 || (e.title && e.sections >= 1)) || e.mentioned > 0 {
            wrong.push(format!("{} {}: {e:?}", docs[c.doc].name, c.rendering));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_comparison_sees_a_changed_value_and_a_lost_row() {
    let d = doc("filled-2021a");
    let text = tab_text(d);
    assert_eq!(outcome(d, &text, TableId::T3).read, 25);

    let changed: String = text
        .lines()
        .map(|l| match l.strip_prefix("\t（七）总计\t") {
            Some(rest) => {
                let (first, tail) = rest.split_once('\t').unwrap();
                let n: u64 = first.parse().unwrap();
                format!("\t（七）总计\t{}\t{tail}", n + 1)
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(changed, text);
    let o = outcome(d, &changed, TableId::T3);
    assert_eq!(o.wrong.len(), 1, "{:?}", o.wrong);
    assert!(o.wrong[0].contains("total"), "{:?}", o.wrong);

    let lost: String = text
        .lines()
        .filter(|l| !l.contains("3.补正后申请内容仍不明确"))
        .collect::<Vec<_>>()
        .join("\n");
    let o = outcome(d, &lost, TableId::T3);
    assert_eq!((o.rows, o.read), (25, 24));
    assert_eq!(o.declared + o.silent, 1);
}

/// Every canonical document has each table's official rows in order, with
/// as many values as the row has columns, and its file is what it parses to.
#[test]
fn canonical_documents_are_complete_and_stable() {
    let (docs, _) = suite();
    assert!(docs.len() >= 11, "{} documents", docs.len());
    for d in docs {
        let file = shapes::docs_dir().join(format!("{}.doc", d.name));
        let text = std::fs::read_to_string(&file).unwrap();
        if !text.starts_with("# hand-checked") {
            assert_eq!(text, d.to_text(), "{} does not round-trip", d.name);
        }
        for t in d.tables() {
            let official = shapes::grid::official_rows(t.id, t.format);
            let keys: Vec<&str> = t.rows.iter().map(|r| r.key.as_str()).collect();
            let want: Vec<&str> = official.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(keys, want, "{} 表{}", d.name, t.id.name());
            for ((key, values), (_, n)) in t.rows.iter().map(|r| (&r.key, &r.values)).zip(&official)
            {
                if let Some(v) = values {
                    assert_eq!(v.len(), *n, "{} 表{} {key}", d.name, t.id.name());
                }
            }
        }
    }
}

#[test]
fn skeletons_and_the_real_report_satisfy_every_relation() {
    let (docs, _) = suite();
    let mut broken = Vec::new();
    let mut multi_digit = 0;
    for d in docs.iter().filter(|d| !d.name.starts_with("seed")) {
        broken.extend(broken_relations(d));
        if d.name.starts_with("filled") {
            multi_digit += d
                .tables()
                .flat_map(|t| t.known_rows())
                .flat_map(|(_, v)| v)
                .filter(|v| v.len() >= 2)
                .count();
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(multi_digit > 30, "only {multi_digit} multi-digit values");
    // A seed with a known error (002: （七）总计 自然人 0, should be 1) is
    // seen by the same check.
    assert!(!broken_relations(doc("seed-002")).is_empty());
}

/// R1 was written by hand from the web text: each row's digits, read
/// together, are the text's digits in the same order.
#[test]
fn the_real_report_document_is_its_texts_digits() {
    let d = doc("real-R1");
    let (_, text) = shapes::sources()
        .into_iter()
        .find(|(n, _)| n == "real-R1")
        .unwrap();
    let mut at = 0;
    for t in d.tables() {
        for (key, values) in t.known_rows() {
            let digits = values.concat();
            let found = text[at..].find(&digits).unwrap_or_else(|| {
                panic!(
                    "表{} {key}: {digits} not in the text after byte {at}",
                    t.id.name()
                )
            });
            at += found + digits.len();
        }
    }
    assert_eq!(d.tables().count(), 3);
}

#[test]
fn renderings_are_deterministic() {
    for d in &suite().0 {
        for r in RENDERINGS {
            let bytes = |o: Output| match o {
                Output::Text(t) => t.into_bytes(),
                Output::Docx(b) | Output::Html(b) => b,
            };
            assert!(
                bytes((r.render)(d)) == bytes((r.render)(d)),
                "{} × {}",
                d.name,
                r.name
            );
        }
    }
}

/// FNV-1a (64 bit), as scripts/render-pdf.sh writes it into the MANIFEST.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// The committed PDF texts and pandoc conversions were made from today's
/// canonical documents, for every document and tool output (else: run the
/// script that makes them).
#[test]
fn tool_texts_are_those_of_the_canonical_documents() {
    for (prefix, dir, outputs, suffix, script) in tool_renderings() {
        let manifest = std::fs::read_to_string(dir.join("MANIFEST")).unwrap();
        let made: BTreeMap<&str, &str> = manifest
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .collect();
        for d in &suite().0 {
            let file = std::fs::read(shapes::docs_dir().join(format!("{}.doc", d.name))).unwrap();
            assert_eq!(
                made.get(d.name.as_str()).copied(),
                Some(format!("{:016x}", fnv(&file)).as_str()),
                "{}: the {prefix} texts are stale or missing; run {script}",
                d.name
            );
            if prefix == "pdf" {
                for (_, file) in PDF_RENDERINGS {
                    let pdf =
                        std::fs::read(dir.join(format!("{}{file}", d.name))).unwrap_or_default();
                    assert!(
                        pdf.starts_with(b"%PDF-"),
                        "{}{file} missing; run {script}",
                        d.name
                    );
                }
            }
            for x in outputs {
                let text = std::fs::read_to_string(dir.join(format!("{}.{x}.{suffix}", d.name)))
                    .unwrap_or_default();
                assert!(
                    text.contains("主动公开政府信息情况"),
                    "{} {prefix}:{x}: no text (or not this document's)",
                    d.name
                );
            }
        }
    }
}

/// A saved portal page (frame, navigation, share buttons, footer around
/// the article) gives the findings of the report's text form: the same
/// rules with the same messages, wherever they point.
#[test]
fn a_portal_page_gives_the_findings_of_the_text() {
    let findings = |text: &str| {
        let mut f: Vec<String> = nianbao::lint(text, &nianbao::LintOptions::default())
            .iter()
            .map(|d| format!("{} {}", d.rule, d.message.zh))
            .collect();
        f.sort();
        f
    };
    let portal = RENDERINGS.iter().find(|r| r.name == "portal").unwrap();
    let mut differ = Vec::new();
    for d in &suite().0 {
        let Output::Html(page) = (portal.render)(d) else {
            unreachable!("a page")
        };
        let read = nianbao::front::read(&format!("{}.html", d.name), &page).unwrap();
        let (from_page, from_text) = (findings(&read.text), findings(&tab_text(d)));
        if from_page != from_text {
            differ.push(format!(
                "{}:\n  page only: {:?}\n  text only: {:?}",
                d.name,
                from_page
                    .iter()
                    .filter(|f| !from_text.contains(f))
                    .collect::<Vec<_>>(),
                from_text
                    .iter()
                    .filter(|f| !from_page.contains(f))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// The saved pages under tests/fixtures/portal/ (used by the CLI, server
/// and fuzz tests) are today's `portal` renderings of their documents.
#[test]
fn committed_portal_pages_are_todays_renderings() {
    const PAGES: [(&str, &str); 4] = [
        (
            "seed-000",
            "银川市兴庆区大新镇2020年政府信息公开工作年度报告.html",
        ),
        (
            "seed-002",
            "2020年银川市市政管理局政府信息公开工作年度报告.htm",
        ),
        (
            "seed-003",
            "吴忠市利通区人民政府办公室2020年政府信息公开工作年度报告.shtml",
        ),
        ("real-R1", "2024年某某局政府信息公开工作年度报告.html"),
    ];
    let portal = RENDERINGS.iter().find(|r| r.name == "portal").unwrap();
    let dir = shapes::manifest().join("tests/fixtures/portal");
    for (doc_name, file) in PAGES {
        let Output::Html(page) = (portal.render)(doc(doc_name)) else {
            unreachable!("a page")
        };
        let committed = std::fs::read(dir.join(file)).unwrap_or_default();
        assert!(
            committed == page,
            "tests/fixtures/portal/{file} is not today's rendering of {doc_name}: \
             NIANBAO_SHAPES_WRITE=1 cargo test --test shapes, then copy \
             target/shapes/{doc_name}/portal.html"
        );
    }
}

/// The PDF export of every document gives the findings its Word rendering
/// gives (the PDF front end renders tables as the Word front end does); a
/// PDF may only add that a table is (partly) unread.
#[test]
fn every_pdf_export_gives_the_findings_of_its_word_rendering() {
    let (docs, _) = suite();
    let word = RENDERINGS.iter().find(|r| r.name == "docx").unwrap();
    let mut differ = Vec::new();
    let mut checked = 0;
    for d in docs {
        let Ok(bytes) = std::fs::read(shapes::pdf_dir().join(format!("{}.pdf", d.name))) else {
            continue;
        };
        let pdf = pdf_text(&bytes).unwrap();
        let Output::Docx(b) = (word.render)(d) else {
            unreachable!("the docx rendering is a .docx")
        };
        let docx = docx_text(&b).unwrap();
        let found = |text: &str| -> Vec<String> {
            let mut v: Vec<String> = nianbao::lint(text, &nianbao::LintOptions::default())
                .into_iter()
                .filter(|x| x.rule != "unreadable-table")
                .map(|x| format!("[{}] {}", x.rule, x.message.zh))
                .collect();
            v.sort();
            v
        };
        let (a, b) = (found(&docx), found(&pdf));
        if a != b {
            differ.push(format!("{}:\n  docx {a:#?}\n  pdf {b:#?}", d.name));
        }
        checked += 1;
    }
    assert_eq!(checked, docs.len(), "a document has no committed PDF");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
