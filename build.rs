//! Turns the place-name data in `data/` into Rust arrays at build time, so
//! no process parses them: parsing them at first use cost ≈5 M instructions
//! (≈1.5 ms), half of a single-file check and of a server's first lint.
//! The files must be sorted (see `scripts/foreign-unit-data.py`); the build
//! fails, saying so, when an edit broke that, as lookups binary-search them.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=data/divisions.txt");
    println!("cargo::rerun-if-changed=data/common-words.txt");
    let divisions = read("data/divisions.txt");
    let common_words = read("data/common-words.txt");

    let mut by_name: Vec<(&str, u32)> = Vec::new();
    for (n, line) in divisions.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let parsed = line
            .split_once(' ')
            .and_then(|(code, name)| Some((name, code.parse::<u32>().ok()?)));
        let Some(entry) = parsed else {
            panic!("data/divisions.txt:{}: not `CODE NAME`: {line}", n + 1);
        };
        by_name.push(entry);
    }
    assert!(
        by_name.is_sorted(),
        "data/divisions.txt is not sorted by name, then code: run scripts/foreign-unit-data.py"
    );
    let common: Vec<&str> = common_words
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
    assert!(
        common.is_sorted(),
        "data/common-words.txt is not sorted: run scripts/foreign-unit-data.py"
    );
    let longest = by_name
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    let mut last_chars: Vec<char> = by_name
        .iter()
        .filter_map(|(name, _)| name.chars().last())
        .collect();
    last_chars.sort_unstable();
    last_chars.dedup();

    // Names as one string and entries as offsets into it: an array of
    // `&str` would be thousands of pointers for the loader to relocate at
    // every start of a position-independent binary.
    let mut out = String::new();
    let mut names = String::new();
    let mut entries = String::new();
    for (name, code) in &by_name {
        let _ = write!(
            entries,
            "Division {{ code: {code}, at: {}, len: {} }},",
            names.len(),
            name.len()
        );
        names.push_str(name);
    }
    let mut words = String::new();
    let mut ends = Vec::new();
    for w in &common {
        words.push_str(w);
        ends.push(words.len());
    }
    let items = [
        (
            "Every division's name, in the order of [`BY_NAME`].",
            format!("static NAMES: &str = {names:?};"),
        ),
        (
            "Every division, sorted by name, then code.",
            format!(
                "static BY_NAME: [Division; {}] = [{entries}];",
                by_name.len()
            ),
        ),
        (
            "The most characters a division name has.",
            format!("const LONGEST: usize = {longest};"),
        ),
        (
            "The last character of every name, sorted.",
            format!(
                "static LAST_CHARS: [char; {}] = {last_chars:?};",
                last_chars.len()
            ),
        ),
        (
            "The common words, sorted, one after another.",
            format!("static WORDS: &str = {words:?};"),
        ),
        (
            "Where each common word ends in [`WORDS`].",
            format!("static WORD_ENDS: [u32; {}] = {ends:?};", ends.len()),
        ),
    ];
    for (doc, item) in items {
        let _ = writeln!(out, "/// {doc}\n{item}");
    }

    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("places_data.rs"), out).expect("write places_data.rs to OUT_DIR");
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
