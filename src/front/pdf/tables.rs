//! Stage 3: tables from their ruling lines. The horizontal and vertical
//! lines that touch one another make a table; their distinct positions make
//! its grid; a grid line missing between two cells merges them (a group
//! label such as （三）不予公开 over its sub-rows, a header over several
//! columns), as Word's `vMerge`/`gridSpan` do. Every glyph inside the table
//! belongs to the cell its centre lies in; a cell's lines are joined without
//! separator (a label wrapped inside its cell is one label).
//!
//! What is not a clean grid (merged areas that are not rectangles) is not
//! taken for a table: its text stays lines, which the reader reads as it
//! reads any PDF text, declaring what it cannot place. A page without
//! ruling lines has no table here either.

use super::glyphs::{Glyph, Page, Rule};
use super::lines::{Gaps, lines};

/// Lines closer than this (points) are one grid line (double borders,
/// rounding).
const SNAP: f32 = 3.0;
/// How far a line may stop short of another and still meet it.
const REACH: f32 = 2.5;
/// Pages with more ruling segments than this are read as text only (a
/// drawing, not a table; and a bound on the pairwise work).
const MAX_RULES: usize = 2000;
/// Grid cells of one table (the official tables have 20–300): past this
/// it is a drawing, read as text, and the grid work stays bounded.
const MAX_CELLS: usize = 10_000;

/// A cell of a table as it is rendered: the text of a merged area sits in
/// its top-left grid cell; the others covered by it are empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellText {
    pub text: String,
    /// A glyph in the cell had no Unicode: the cell cannot be read.
    pub unknown: bool,
}

/// A table on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTable {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    /// The x of each grid line.
    pub xs: Vec<f32>,
    /// Grid rows, each with one cell per grid column.
    pub rows: Vec<Vec<CellText>>,
}

/// The tables of a page, and for each glyph whether a table holds it.
pub fn tables(page: &Page) -> (Vec<PageTable>, Vec<bool>) {
    let mut taken = vec![false; page.glyphs.len()];
    if page.rules.len() > MAX_RULES || page.rules.is_empty() {
        return (Vec::new(), taken);
    }
    let mut out = Vec::new();
    for group in components(&page.rules) {
        let rules: Vec<&Rule> = group.iter().map(|&i| &page.rules[i]).collect();
        if let Some(t) = grid(&rules, &page.glyphs, &mut taken) {
            out.push(t);
        }
    }
    out.sort_by(|a, b| a.top.total_cmp(&b.top));
    (out, taken)
}

fn meets(h: &Rule, v: &Rule) -> bool {
    v.at >= h.from - REACH && v.at <= h.to + REACH && h.at >= v.from - REACH && h.at <= v.to + REACH
}

/// Groups of rules connected by crossings or touching ends.
fn components(rules: &[Rule]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..rules.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let (hs, vs): (Vec<usize>, Vec<usize>) = (0..rules.len()).partition(|&i| rules[i].horizontal);
    for &h in &hs {
        for &v in &vs {
            if meets(&rules[h], &rules[v]) {
                let (a, b) = (find(&mut parent, h), find(&mut parent, v));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..rules.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

/// Distinct positions, lines within [`SNAP`] of each other taken as one.
fn snap(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f32 <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// Whether a line of `rules` lies at `at` across the middle of `from..to`.
fn has_line(rules: &[&Rule], horizontal: bool, at: f32, from: f32, to: f32) -> bool {
    let mid = (from + to) / 2.0;
    rules.iter().any(|r| {
        r.horizontal == horizontal
            && (r.at - at).abs() <= SNAP
            && r.from <= mid + 0.5
            && r.to >= mid - 0.5
    })
}

fn grid(rules: &[&Rule], glyphs: &[Glyph], taken: &mut [bool]) -> Option<PageTable> {
    let xs = snap(
        rules
            .iter()
            .filter(|r| !r.horizontal)
            .map(|r| r.at)
            .collect(),
    );
    let ys = snap(
        rules
            .iter()
            .filter(|r| r.horizontal)
            .map(|r| r.at)
            .collect(),
    );
    // At least two rows and two columns: a box around a paragraph is not a
    // table.
    if xs.len() < 3 || ys.len() < 3 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    if nr * nc > MAX_CELLS {
        return None;
    }
    // Merged areas: union of neighbouring grid cells with no line between.
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && !has_line(rules, false, xs[c + 1], ys[r], ys[r + 1]) {
                let (a, b) = (
                    find(&mut parent, r * nc + c),
                    find(&mut parent, r * nc + c + 1),
                );
                parent[b] = a;
            }
            if r + 1 < nr && !has_line(rules, true, ys[r + 1], xs[c], xs[c + 1]) {
                let (a, b) = (
                    find(&mut parent, r * nc + c),
                    find(&mut parent, (r + 1) * nc + c),
                );
                parent[b] = a;
            }
        }
    }
    // Each area must be a rectangle: (top row, left col, bottom, right, cells).
    let mut areas: std::collections::HashMap<usize, (usize, usize, usize, usize, usize)> =
        Default::default();
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, r * nc + c);
            let a = areas.entry(root).or_insert((r, c, r, c, 0));
            a.0 = a.0.min(r);
            a.1 = a.1.min(c);
            a.2 = a.2.max(r);
            a.3 = a.3.max(c);
            a.4 += 1;
        }
    }
    if areas
        .values()
        .any(|&(r0, c0, r1, c1, n)| (r1 - r0 + 1) * (c1 - c0 + 1) != n)
    {
        return None;
    }
    let (left, right, top, bottom) = (xs[0], xs[nc], ys[0], ys[nr]);
    // The glyphs of each area.
    let mut in_area: std::collections::HashMap<usize, Vec<Glyph>> = Default::default();
    for (i, g) in glyphs.iter().enumerate() {
        let (x, y) = g.anchor();
        if x < left || x > right || y < top || y > bottom {
            continue;
        }
        let c = xs.partition_point(|&v| v <= x).clamp(1, nc) - 1;
        let r = ys.partition_point(|&v| v <= y).clamp(1, nr) - 1;
        let root = find(&mut parent, r * nc + c);
        in_area.entry(root).or_default().push(*g);
        taken[i] = true;
    }
    let mut rows = vec![vec![CellText::default(); nc]; nr];
    for (root, &(r0, c0, ..)) in &areas {
        if let Some(gs) = in_area.get(root) {
            let ls = lines(gs, Gaps::Cell);
            let mut text = String::new();
            for l in &ls {
                text.push_str(&l.text());
            }
            rows[r0][c0] = CellText {
                text: text.trim().to_string(),
                unknown: ls.iter().any(|l| !l.known()),
            };
        }
    }
    Some(PageTable {
        left,
        top,
        right,
        bottom,
        xs,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            horizontal: true,
            at: y,
            from: x0,
            to: x1,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            horizontal: false,
            at: x,
            from: y0,
            to: y1,
        }
    }
    fn text(s: &str, x: f32, y: f32) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                ch: Some(c),
                x: x + 10.0 * i as f32,
                y,
                size: 10.0,
                vertical: false,
            })
            .collect()
    }

    fn rendered(t: &PageTable) -> Vec<String> {
        t.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect()
    }

    /// Three rows, three columns; the first column merged over rows 2–3
    /// (a group label), the first row's last two cells merged (a header).
    #[test]
    fn missing_lines_merge_cells_like_word() {
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 100.0, 300.0),
            h(60.0, 0.0, 300.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 0.0, 60.0),
            v(200.0, 20.0, 60.0),
            v(300.0, 0.0, 60.0),
        ];
        let mut glyphs = text("类别", 5.0, 15.0);
        glyphs.extend(text("件数", 190.0, 15.0));
        glyphs.extend(text("不予", 5.0, 35.0));
        glyphs.extend(text("公开", 5.0, 47.0));
        glyphs.extend(text("涉密", 105.0, 35.0));
        glyphs.extend(text("3", 205.0, 35.0));
        glyphs.extend(text("其他", 105.0, 55.0));
        glyphs.extend(text("0", 205.0, 55.0));
        glyphs.extend(text("正文", 5.0, 90.0));
        let page = Page {
            width: 600.0,
            height: 800.0,
            glyphs,
            rules,
            images: false,
        };
        let (t, taken) = tables(&page);
        assert_eq!(t.len(), 1);
        assert_eq!(
            rendered(&t[0]),
            ["类别\t件数\t", "不予公开\t涉密\t3", "\t其他\t0"]
        );
        assert_eq!(taken.iter().filter(|t| !**t).count(), 2, "正文 is outside");
    }

    #[test]
    fn a_box_is_not_a_table_and_odd_merges_are_not_guessed() {
        let boxed = Page {
            rules: vec![
                h(0.0, 0.0, 100.0),
                h(20.0, 0.0, 100.0),
                v(0.0, 0.0, 20.0),
                v(100.0, 0.0, 20.0),
            ],
            glyphs: text("注意", 5.0, 15.0),
            ..Page::default()
        };
        assert!(tables(&boxed).0.is_empty());
        // An L-shaped merged area.
        let odd = Page {
            rules: vec![
                h(0.0, 0.0, 200.0),
                h(20.0, 100.0, 200.0),
                h(40.0, 0.0, 200.0),
                v(0.0, 0.0, 40.0),
                v(100.0, 20.0, 40.0),
                v(200.0, 0.0, 40.0),
            ],
            ..Page::default()
        };
        assert!(tables(&odd).0.is_empty());
    }

    /// A mesh of lines (a drawing, or a hostile file) is not a table, and
    /// is given up before the grid work grows with its square.
    #[test]
    fn a_mesh_past_the_bound_is_not_a_table() {
        let n = 150;
        let mut rules = Vec::new();
        for i in 0..=n {
            rules.push(h(i as f32 * 4.0, 0.0, n as f32 * 4.0));
            rules.push(v(i as f32 * 4.0, 0.0, n as f32 * 4.0));
        }
        let page = Page {
            rules,
            ..Page::default()
        };
        assert!(tables(&page).0.is_empty());
    }
}
