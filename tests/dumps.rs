//! What the reader reads of every real report and hand-written draft, as
//! `Report::dump()` snapshots: a change in reading shows in review as a
//! diff of sections, rows and values.

use std::path::Path;

fn dump_all(dir: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter(|p| !p.ends_with("EXPECTED.md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no reports in {dir}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("report text");
        let dump = nianbao::model::bind(&text, &Default::default()).dump();
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("report");
        insta::assert_snapshot!(format!("{}__{name}", dir.replace('/', "_")), dump);
    }
}

#[test]
fn seed_reports() {
    dump_all("tests/fixtures");
}

#[test]
fn real_reports() {
    dump_all("tests/fixtures/real");
}

#[test]
fn drafts() {
    dump_all("tests/drafts");
}
