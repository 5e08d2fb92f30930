//! Random damage to the real reports (deleted lines, swapped cells, cut
//! text, random bytes, CRLF) never panics, and every range the linter gives
//! (findings, related locations, fix edits) lies inside the text on
//! character boundaries.

use nianbao::{LintOptions, lint};
use proptest::prelude::*;

fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        // tests/fixtures also holds folders (real/, shapes/).
        .filter(|e| e.path().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    v.sort();
    v
}

#[derive(Debug, Clone)]
enum Damage {
    DeleteLine(usize),
    SwapCells(usize, usize),
    Cut(usize, usize),
    Insert(usize, Vec<u8>),
    Duplicate(usize),
    Crlf,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::DeleteLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::SwapCells(a, b)),
        (any::<usize>(), 0usize..400).prop_map(|(a, n)| Damage::Cut(a, n)),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..12)
        )
            .prop_map(|(a, b)| Damage::Insert(a, b)),
        any::<usize>().prop_map(Damage::Duplicate),
        Just(Damage::Crlf),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, d: &Damage) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    match d {
        Damage::DeleteLine(i) => {
            let i = i % lines.len();
            lines
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n")
        }
        Damage::Duplicate(i) => {
            let i = i % lines.len();
            let mut v = lines.clone();
            v.insert(i, lines[i]);
            v.join("\n")
        }
        Damage::SwapCells(i, j) => {
            let i = i % lines.len();
            let mut v: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
            let sep = if v[i].contains('\t') { '\t' } else { '|' };
            let mut cells: Vec<&str> = lines[i].split(sep).collect();
            if cells.len() > 1 {
                let a = j % cells.len();
                let b = (j / 7) % cells.len();
                cells.swap(a, b);
                v[i] = cells.join(&sep.to_string());
            }
            v.join("\n")
        }
        Damage::Cut(a, n) => {
            let s = floor(text, a % (text.len() + 1));
            let e = floor(text, s + n);
            format!("{}{}", &text[..s], &text[e..])
        }
        Damage::Insert(a, bytes) => {
            let s = floor(text, a % (text.len() + 1));
            format!(
                "{}{}{}",
                &text[..s],
                String::from_utf8_lossy(bytes),
                &text[s..]
            )
        }
        Damage::Crlf => text.replace('\n', "\r\n"),
    }
}

fn check_ranges(text: &str) {
    let ok = |s: nianbao::text::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for d in lint(text, &LintOptions::default()) {
        assert!(ok(d.span), "{} {:?}", d.rule, d.span);
        for r in &d.related {
            assert!(ok(r.span));
        }
        if let Some(f) = &d.fix {
            for e in &f.edits {
                assert!(ok(e.span), "fix of {}", d.rule);
            }
        }
    }
    // Applying all fixes never fails or panics either.
    let diags = lint(text, &LintOptions::default());
    let _ = nianbao::diagnostic::apply_fixes(text, &diags, true);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn damaged_reports_never_panic(which in 0usize..5, damages in proptest::collection::vec(damage(), 1..6)) {
        let corpus = corpus();
        let mut text = corpus[which % corpus.len()].clone();
        for d in &damages {
            text = apply(&text, d);
        }
        check_ranges(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        check_ranges(&s);
    }

    #[test]
    fn table_shaped_noise_never_panics(rows in proptest::collection::vec(proptest::collection::vec("[0-9一二三四（）()、.总计自然人 ]{0,6}", 0..18), 0..30)) {
        let mut s = String::from("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n行政复议\t行政诉讼\n第二十条第（一）项\n");
        for r in rows {
            s.push_str(&r.join("\t"));
            s.push('\n');
        }
        check_ranges(&s);
    }
}

#[test]
fn edge_inputs() {
    for s in [
        "",
        "\n",
        "\r\n",
        "\u{feff}",
        "|",
        "\t",
        "||||\n\t\t\t",
        "𠀀😀\t1\t2",
        "一、",
        "（一）",
        "20XX年",
        "  年  月  日",
    ] {
        check_ranges(s);
    }
    // A huge document: linear, no panic.
    let big = corpus().join("\n").repeat(60);
    assert!(big.len() > 2_000_000);
    check_ranges(&big);
}

/// Pieces saved portal pages are made of, in any order and nesting.
const SOUP: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<td rowspan=\"3\">",
    "<td colspan=\"2\">",
    "<th rowspan=0 colspan=99999>",
    "<tbody>",
    "<p>",
    "</p>",
    "<div id=zoom>",
    "</div>",
    "<br>",
    "<a href=/>",
    "</a>",
    "<span style=\"display:none\">",
    "</span>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<h1>",
    "</h1>",
    "<li>",
    "<ul>",
    "&nbsp;",
    "&#x4e2d;",
    "&ldquo;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "=",
    "\n",
    " ",
    "\t",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "本年新收",
    "（七）总计",
    "0",
    "1",
    "12",
    "相关链接",
    "版权所有",
    "当前位置：",
    "某某县某某局2023年政府信息公开工作年度报告",
    "<meta charset=gb2312>",
    "<body>",
    "</body>",
];

fn check_page(bytes: &[u8]) {
    let Ok(input) = nianbao::front::read("page.html", bytes) else {
        return;
    };
    let nianbao::front::Source::Html(h) = &input.source else {
        panic!("not read as a page");
    };
    for i in (0..=h.text.len()).filter(|i| h.text.is_char_boundary(*i)) {
        assert!(h.page_offset(i) <= h.page.len());
    }
    for d in lint(&h.text, &LintOptions::default()) {
        assert!(d.span.end <= h.text.len() && h.text.is_char_boundary(d.span.start));
        let (line, col) = h.position(d.span.start);
        assert!(line >= 1 && col >= 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn tag_soup_is_read_or_refused_never_a_panic(
        pieces in proptest::collection::vec(0usize..SOUP.len(), 0..300)
    ) {
        let page: String = pieces.iter().map(|&i| SOUP[i]).collect();
        check_page(page.as_bytes());
    }

    #[test]
    fn damaged_portal_pages_are_read_or_refused(
        which in 0usize..4,
        at in any::<usize>(),
        cut in 0usize..2000,
        bytes in proptest::collection::vec(any::<u8>(), 0..16),
    ) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/portal");
        let mut pages: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
        pages.sort();
        let mut page = std::fs::read(&pages[which % pages.len()]).unwrap();
        let at = at % (page.len() + 1);
        let end = (at + cut).min(page.len());
        page.splice(at..end, bytes);
        check_page(&page);
    }
}
