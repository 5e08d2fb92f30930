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

use shapes::compare::{Figures, TableOutcome, compare, figures_table};
use shapes::doc::{Doc, TableId};
use shapes::fixes::Damage;
use shapes::reader::{Reading, docx_text, read};
use shapes::render::{Output, RENDERINGS};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Set to 1 to assert the read-rate targets below.
const STRICT_ENV: &str = "NIANBAO_SHAPES_STRICT";
/// Share of tables every rendering must read completely (strict mode).
const MIN_TABLES_READ: f64 = 0.90;
/// Set to write each rendering to target/shapes/<document>/.
const WRITE_ENV: &str = "NIANBAO_SHAPES_WRITE";

/// The PDF extractions `scripts/render-pdf.sh` commits, as renderings.
const PDF_EXTRACTORS: &[&str] = &["pdftotext-layout", "pdftotext", "pypdf"];

struct Case {
    doc: usize,
    rendering: String,
    run_together: bool,
    reading: Reading,
    /// What `--fix` damaged (text renderings only: `--fix` refuses .docx).
    damage: Damage,
}

impl Case {
    fn new(
        doc: &Doc,
        doc_index: usize,
        rendering: &str,
        run_together: bool,
        text: String,
        docx: bool,
    ) -> Case {
        let reading = read(&text);
        let damage = if docx {
            Damage::default()
        } else {
            shapes::fixes::damage(doc, &text)
        };
        Case {
            doc: doc_index,
            rendering: rendering.to_string(),
            run_together,
            reading,
            damage,
        }
    }
}

fn strict() -> bool {
    std::env::var(STRICT_ENV).is_ok_and(|v| v == "1")
}

fn write_rendering(doc: &Doc, rendering: &str, out: &Output) {
    let dir = shapes::manifest().join("target/shapes").join(&doc.name);
    std::fs::create_dir_all(&dir).unwrap();
    match out {
        Output::Text(t) => std::fs::write(dir.join(format!("{rendering}.txt")), t).unwrap(),
        Output::Docx(b) => std::fs::write(dir.join(format!("{rendering}.docx")), b).unwrap(),
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
                });
            }
            for x in PDF_EXTRACTORS {
                let path = shapes::pdf_dir().join(format!("{}.{x}.txt", doc.name));
                if let Ok(text) = std::fs::read_to_string(&path) {
                    cases.push(Case::new(doc, i, &format!("pdf:{x}"), false, text, false));
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
            f.add(t, splittable);
        }
    }
    for (case, _) in rows {
        if let Some(f) = by.get_mut(&case.rendering) {
            f.fix_damage += case.damage.count();
        }
    }
    let order: Vec<String> = std::iter::once("source".to_string())
        .chain(RENDERINGS.iter().map(|r| r.name.to_string()))
        .chain(PDF_EXTRACTORS.iter().map(|x| format!("pdf:{x}")))
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
    assert!(
        wrong.is_empty(),
        "{} rows read as certain with a value the document does not have:\n  {}",
        wrong.len(),
        wrong.join("\n  ")
    );
    if strict() {
        let mut failed = Vec::new();
        for (name, f) in &figures {
            if f.table_rate() < MIN_TABLES_READ {
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
    if strict() {
        assert!(
            duplicates.is_empty(),
            "safe fixes insert what the document has:\n  {}",
            duplicates.join("\n  ")
        );
    }
}
