//! Between lines and render: what a page prints in its margins besides the
//! report. Page numbers (`-1-`, `— 5 —`, `第 5 页`, `5/12`) and running
//! headers and footers (the unit's name, the report's title, a site's name,
//! a date, `第 3 页 共 8 页` beside words) are dropped, so that none of them
//! ends a table running over a page break, splits a paragraph, or is read
//! as the report's title or year.
//!
//! Only the outermost lines of a page can be either: in its top or bottom
//! eighth, above (below) every table and with nothing but other margin
//! lines between them and the edge. A page number is known by its form; a
//! running line only by repetition: the same text (digits and spaces aside,
//! for page numbers and dates vary) at the same height and size among the
//! outermost lines of at least two pages and of a third of the document. A
//! one-page PDF proves nothing, a title printed once on page 1 is text, and
//! a table's header repeated over a page break is a table's rows, which
//! render drops by comparing rows (a table drawn without lines repeats its
//! header as lines: dropping those copies is what render does to a ruled
//! table's).
//!
//! The one exception: a running line reading as the report's title
//! (`…政府信息公开工作年度报告`) stays on page 1 when nothing else on the
//! page reads as one — a portal that prints the title only in its page
//! header must not make a report without a title.

use super::glyphs::Page;
use super::lines::Line;

/// Lines looked at from each edge of a page (a header or footer of a few
/// lines, page numbers among them).
const OUTERMOST: usize = 4;
/// Page numbers dropped from each edge (a bare number further in is a
/// number wrapped out of a narrow cell of a table drawn without lines).
const PAGE_NUMBERS: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Edge {
    Top,
    Bottom,
}

/// A line that may be in a page's margin.
struct Candidate {
    page: usize,
    /// Index in the page's lines.
    line: usize,
    edge: Edge,
    /// The text with digit runs as `#` and runs of spaces as one; `None`
    /// when it has no letter or ideograph (a number alone proves nothing).
    key: Option<String>,
    y: f32,
    size: f32,
    running: bool,
}

/// Drops the margin lines of each page from `lines` (each page's lines,
/// with the top of its first table and the bottom of its last one in
/// `tables`; infinite when it has none).
pub fn strip(pages: &[Page], lines: &mut [Vec<Line>], tables: &[(f32, f32)]) {
    let mut cands = Vec::new();
    for (p, ((page, ls), &(first_table, last_table))) in
        pages.iter().zip(lines.iter()).zip(tables).enumerate()
    {
        let mut order: Vec<usize> = (0..ls.len()).collect();
        order.sort_by(|&a, &b| ls[a].y.total_cmp(&ls[b].y));
        let h = page.height;
        let top: Vec<usize> = order
            .iter()
            .copied()
            .take(OUTERMOST)
            .take_while(|&i| ls[i].bottom < first_table && (h <= 0.0 || ls[i].top <= h / 8.0))
            .collect();
        let bottom = order
            .iter()
            .rev()
            .copied()
            .take(OUTERMOST)
            .take_while(|&i| {
                !top.contains(&i)
                    && ls[i].top > last_table
                    && (h <= 0.0 || ls[i].bottom >= h * 7.0 / 8.0)
            })
            .map(|i| (i, Edge::Bottom));
        for (line, edge) in top.iter().map(|&i| (i, Edge::Top)).chain(bottom) {
            let l = &ls[line];
            cands.push(Candidate {
                page: p,
                line,
                edge,
                // A page of unknown size has no margins to compare.
                key: (h > 0.0).then(|| key(l)).flatten(),
                y: l.y,
                size: l.size,
                running: false,
            });
        }
    }
    mark_running(&mut cands, pages.len());

    let mut drop: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    let mut numbers = [0usize; 2];
    let mut stopped = [false; 2];
    let mut page = usize::MAX;
    for c in &cands {
        if c.page != page {
            page = c.page;
            numbers = [0; 2];
            stopped = [false; 2];
        }
        let e = c.edge as usize;
        if stopped[e] {
            continue;
        }
        let l = &lines[c.page][c.line];
        if c.running {
            drop[c.page].push(c.line);
        } else if numbers[e] < PAGE_NUMBERS && is_page_number(l) {
            numbers[e] += 1;
            drop[c.page].push(c.line);
        } else {
            stopped[e] = true;
        }
    }
    keep_a_lone_title(lines, &mut drop, &cands);
    for (ls, drop) in lines.iter_mut().zip(&drop) {
        if !drop.is_empty() {
            let mut i = 0;
            ls.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
        }
    }
}

/// Marks the candidates whose text stands at the same height, in the same
/// size, on enough pages.
fn mark_running(cands: &mut [Candidate], pages: usize) {
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&i| cands[i].key.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&cands[a], &cands[b]);
        (a.edge, &a.key).cmp(&(b.edge, &b.key))
    });
    let mut running = Vec::new();
    for group in order.chunk_by(|&a, &b| {
        let (a, b) = (&cands[a], &cands[b]);
        a.edge == b.edge && a.key == b.key
    }) {
        for &i in group {
            let c = &cands[i];
            let tol = (0.2 * c.size).max(1.0);
            let mut with: Vec<usize> = group
                .iter()
                .map(|&j| &cands[j])
                .filter(|d| (d.y - c.y).abs() <= tol && (d.size - c.size).abs() <= 0.1 * c.size)
                .map(|d| d.page)
                .collect();
            with.dedup();
            if with.len() >= 2 && with.len() * 3 >= pages {
                running.push(i);
            }
        }
    }
    for i in running {
        cands[i].running = true;
    }
}

/// The text a running line repeats: digit runs (page numbers, dates) as
/// `#`, runs of spaces as one.
fn key(l: &Line) -> Option<String> {
    let mut k = String::with_capacity(l.chars.len() * 3);
    let mut letters = false;
    for c in l.chars.iter().map(|c| c.unwrap_or('\u{FFFD}')) {
        let c = if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            '#'
        } else if c.is_whitespace() {
            ' '
        } else {
            letters |= c.is_alphabetic();
            c
        };
        if !((c == '#' || c == ' ') && k.ends_with(c)) {
            k.push(c);
        }
    }
    letters.then(|| k.trim().to_string())
}

/// Page 1 keeps a running line that reads as the report's title when no
/// other line of the page does.
fn keep_a_lone_title(lines: &[Vec<Line>], drop: &mut [Vec<usize>], cands: &[Candidate]) {
    let (Some(first), Some(dropped)) = (lines.first(), drop.first_mut()) else {
        return;
    };
    let title = cands
        .iter()
        .take_while(|c| c.page == 0)
        .find(|c| c.running && dropped.contains(&c.line) && reads_as_title(&first[c.line]));
    let Some(title) = title else { return };
    let elsewhere = first
        .iter()
        .enumerate()
        .any(|(i, l)| !dropped.contains(&i) && reads_as_title(l));
    if !elsewhere {
        dropped.retain(|&i| i != title.line);
    }
}

/// A report's title as the reader finds one: a short line naming a report
/// on disclosure, not a sentence.
fn reads_as_title(l: &Line) -> bool {
    let t: String = l
        .chars
        .iter()
        .flatten()
        .filter(|c| !c.is_whitespace())
        .collect();
    (t.contains("年度报告") || t.contains("年报") || t.ends_with("报告"))
        && (t.contains("信息公开") || t.contains("政务公开"))
        && t.chars().count() <= 60
        && !t.starts_with('本')
        && !t.starts_with("根据")
        && !t.contains('。')
}

/// `-1-`, `— 5 —`, `- 12 -`, `第 5 页`, `第5页 共12页`, `5/12`, `5`.
fn is_page_number(l: &Line) -> bool {
    let t: String = l.text().chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '―' | '·' | '•'));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let pages: Vec<&str> = t.split('页').filter(|s| !s.is_empty()).collect();
    t.ends_with('页')
        && !pages.is_empty()
        && pages.iter().all(|p| {
            let p = p
                .strip_prefix('第')
                .or_else(|| p.strip_prefix('共'))
                .unwrap_or(p);
            digits(p)
        })
}
