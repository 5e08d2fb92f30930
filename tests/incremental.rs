//! Re-reading after an edit (`syntax::reparse`, `model::bind_after_edit`,
//! which the language server uses on every keystroke) gives exactly what a
//! full read of the new text gives: the same lines, the same findings.
//! Random edit sequences over the real reports, drafts and web-text copies:
//! typing into cells, deleting ranges across lines, pasting lines, CRLF,
//! astral characters, emptying the document.

use nianbao::model::{self, Options};
use nianbao::syntax;
use nianbao::{LintOptions, lint, lint::lint_report};
use proptest::prelude::*;

fn corpus() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut v = Vec::new();
    for dir in ["tests/fixtures", "tests/fixtures/real", "tests/drafts"] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_file()
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                v.push(text);
            }
        }
    }
    assert!(v.len() >= 6, "corpus too small: {}", v.len());
    v
}

#[derive(Debug, Clone)]
enum Edit {
    /// Insert text at a position (a fraction of the length).
    Insert(u16, String),
    /// Delete `len` bytes from a position.
    Delete(u16, u16),
    /// Replace a range by text.
    Replace(u16, u16, String),
}

fn snippet() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,3}",
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just(" 0 0 0\n".to_string()),
        Just("（七）总计\t1\t0\t0\t0\t0\t0\t1\n".to_string()),
        Just("二、主动公开政府信息情况\n".to_string()),
        Just("𠀀😀".to_string()),
        Just("。".to_string()),
        "[一二三、（）.自然人总计 \n]{0,12}",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<u16>(), snippet()).prop_map(|(a, s)| Edit::Insert(a, s)),
        (any::<u16>(), 0u16..400).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<u16>(), 0u16..60, snippet()).prop_map(|(a, n, s)| Edit::Replace(a, n, s)),
    ]
}

fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, e: &Edit) -> String {
    let at = |f: u16| floor(text, text.len() * f as usize / u16::MAX as usize);
    let (start, end, insert) = match e {
        Edit::Insert(a, s) => (at(*a), at(*a), s.as_str()),
        Edit::Delete(a, n) => {
            let s = at(*a);
            (s, floor(text, s + *n as usize), "")
        }
        Edit::Replace(a, n, s) => {
            let st = at(*a);
            (st, floor(text, st + *n as usize), s.as_str())
        }
    };
    format!("{}{insert}{}", &text[..start], &text[end..])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn reparse_equals_parse(which in 0usize..64, edits in proptest::collection::vec(edit(), 1..12)) {
        let corpus = corpus();
        let mut text = corpus[which % corpus.len()].clone();
        let mut doc_text = text.clone();
        let mut lines = syntax::parse(&doc_text).lines;
        for e in &edits {
            let next = apply(&text, e);
            let reused = syntax::reparse(&next, &doc_text, &lines);
            let full = syntax::parse(&next);
            prop_assert_eq!(&reused.lines, &full.lines, "after {:?}", e);
            lines = reused.lines;
            doc_text = next.clone();
            text = next;
        }
    }

    #[test]
    fn bind_after_edit_lints_like_a_full_read(which in 0usize..64, edits in proptest::collection::vec(edit(), 1..6)) {
        let corpus = corpus();
        let options = LintOptions::default();
        let mut text = corpus[which % corpus.len()].clone();
        for e in &edits {
            let next = apply(&text, e);
            let previous = model::bind(&text, &options.model);
            let reused = model::bind_after_edit(&next, &options.model, &previous);
            let got = lint_report(&reused, &options);
            let want = lint(&next, &options);
            prop_assert_eq!(format!("{got:?}"), format!("{want:?}"), "after {:?}", e);
            text = next;
        }
    }
}

#[test]
fn documents_the_reader_cut_reuse_their_parsed_lines() {
    // Web text without line breaks: the reader cuts the line; the report
    // keeps the lines as parsed, and the next version starts from those.
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = format!("{root}/tests/fixtures/real");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures/real").flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let options = Options::default();
        let previous = model::bind(&text, &options);
        let Some(parsed) = &previous.parsed else {
            continue;
        };
        assert_eq!(parsed, &syntax::parse(&text).lines);
        let next = text.replacen('1', "2", 1);
        let reused = model::bind_after_edit(&next, &options, &previous);
        let full = model::bind(&next, &options);
        assert_eq!(reused.doc.lines, full.doc.lines);
        assert_eq!(
            format!("{:?}", lint_report(&reused, &LintOptions::default())),
            format!("{:?}", lint(&next, &LintOptions::default()))
        );
        checked += 1;
    }
    assert!(checked > 0, "no web-text fixture was split by the reader");
}

#[test]
fn edits_at_the_edges() {
    let cases = [
        ("", "a"),
        ("a", ""),
        ("a\nb\n", "a\nb\nc"),
        ("a\nb\nc", "a\nb\n"),
        ("x\ny\nz\n", "\ny\nz\n"),
        ("x\r\ny\r\n", "x\r\ny\n"),
        ("一\n二\n三\n", "一\n二\n二\n三\n"),
        ("一\n二\n三\n", "一\n三\n"),
        ("行\t1\t2\n行\t1\t2\n", "行\t1\t2\n行\t1\t2\n"),
        ("a\n\n\nb", "a\n\nb"),
    ];
    for (old, new) in cases {
        let old_doc = syntax::parse(old);
        let reused = syntax::reparse(new, old, &old_doc.lines);
        assert_eq!(reused.lines, syntax::parse(new).lines, "{old:?} → {new:?}");
    }
}
