//! The shape suite's support code: canonical documents of real and
//! skeleton reports ([`doc`]), the official merged-cell layout of their
//! tables ([`grid`]), the renderings a report really comes in ([`render`]),
//! the reader adapter ([`reader`]) and the comparison ([`compare`]).
//! Used by `tests/shapes.rs`; see that file for what is asserted.

pub mod alarms;
pub mod compare;
pub mod doc;
pub mod fixes;
pub mod grid;
pub mod reader;
pub mod render;
pub mod rng;
pub mod split;
pub mod values;
#[path = "../support/mod.rs"]
pub mod word;

use doc::Doc;
use std::path::{Path, PathBuf};

pub fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where the frozen canonical documents live.
pub fn docs_dir() -> PathBuf {
    manifest().join("tests/fixtures/shapes/docs")
}

/// Where the PDF extractions (`scripts/render-pdf.sh`) are committed.
pub fn pdf_dir() -> PathBuf {
    manifest().join("tests/fixtures/shapes/pdf")
}

/// Where pandoc's conversions of the Word rendering
/// (`scripts/render-pandoc.sh`) are committed.
pub fn pandoc_dir() -> PathBuf {
    manifest().join("tests/fixtures/shapes/pandoc")
}

/// The clean skeletons: (name, year, unit, 政府, value seed). A seed fills
/// the tables with realistic non-zero values (see [`values`]).
const SKELETONS: &[(&str, i32, &str, bool, Option<u64>)] = &[
    ("skeleton-2019", 2020, "某某市某某局", false, None),
    ("skeleton-2021", 2024, "某某市某某局", false, None),
    ("filled-2019", 2020, "某某县人民政府", true, Some(2019)),
    ("filled-2021a", 2023, "某某市生态环境局", false, Some(2021)),
    (
        "filled-2021b",
        2024,
        "某某区某某街道办事处",
        false,
        Some(77),
    ),
];

/// The sources of the suite: (name, text). Seeds, the real web report, the
/// skeletons `nianbao new` writes.
pub fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let read_dir = |dir: PathBuf, prefix: &str, out: &mut Vec<(String, String)>| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for p in files {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            let short = stem.split('_').next().unwrap_or(&stem).to_string();
            out.push((
                format!("{prefix}{short}"),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    };
    read_dir(manifest().join("tests/fixtures"), "seed-", &mut out);
    read_dir(manifest().join("tests/fixtures/real"), "real-", &mut out);
    for (name, year, unit, government, _) in SKELETONS {
        let text = reader::skeleton(*year, unit, *government);
        out.push((name.to_string(), text));
    }
    out
}

/// Builds every canonical document from its source with the current reader.
pub fn build_docs() -> Vec<Doc> {
    sources()
        .into_iter()
        .map(|(name, text)| {
            let mut d = reader::doc_from_source(&name, &text);
            if let Some((.., Some(seed))) = SKELETONS.iter().find(|s| s.0 == name) {
                values::fill(&mut d, *seed);
            }
            d
        })
        .collect()
}

/// The frozen canonical documents. `NIANBAO_SHAPES_FREEZE=1` rebuilds them
/// from the sources first (with the reader of the day: review the diff).
pub fn docs() -> Vec<Doc> {
    let dir = docs_dir();
    if std::env::var_os("NIANBAO_SHAPES_FREEZE").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for d in build_docs() {
            let path = dir.join(format!("{}.doc", d.name));
            let hand_checked =
                std::fs::read_to_string(&path).is_ok_and(|t| t.starts_with("# hand-checked"));
            if !hand_checked {
                std::fs::write(path, d.to_text()).unwrap();
            }
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run with NIANBAO_SHAPES_FREEZE=1)", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "doc"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            Doc::from_text(&name, &std::fs::read_to_string(p).unwrap()).unwrap()
        })
        .collect()
}
