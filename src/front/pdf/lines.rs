//! Stage 2: glyphs into lines. Horizontal glyphs sharing a baseline make a
//! line, read left to right; glyphs of a vertical font (Identity-V) one
//! under another make a line read top to bottom. Drawing order is never
//! reading order (a writer may draw the footer first, or labels and their
//! numbers in separate passes), so only positions count. (A label written
//! one character per line with a horizontal font is one line per
//! character; inside a cell the cell's lines are joined, outside a table
//! the reader joins such labels itself.)
//!
//! A PDF has no space glyphs: the spaces of a text dump are gaps between
//! glyphs. A gap wider than a third of an em between two characters that
//! are not both Chinese is a space (`2024` and `年` written apart stay
//! together, as the author typed them); a gap of more than an em is a space
//! anywhere (columns of a table drawn without lines).

use super::glyphs::Glyph;

/// A line of text on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters, in reading order, with spaces from gaps; `None` for a
    /// glyph without Unicode.
    pub chars: Vec<Option<char>>,
    /// The x of each character (`NaN` for a space made from a gap).
    pub xs: Vec<f32>,
    /// A gap of more than an em (columns of a table drawn without lines).
    pub wide_gap: bool,
    /// Left, top, right, bottom (points; y grows downward).
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    /// Baseline (horizontal lines) or top (vertical ones).
    pub y: f32,
    /// The largest font size in the line.
    pub size: f32,
}

impl Line {
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.unwrap_or('\u{FFFD}')).collect()
    }

    /// The text laid out as `pdftotext -layout` lays it out: each character
    /// after a gap at the column its x gives (half an em of `size` a
    /// column, from `left`), so the columns of a table drawn without lines
    /// line up from row to row.
    pub fn laid_out(&self, left: f32, size: f32) -> String {
        let unit = (size / 2.0).max(0.5);
        // Columns past a page's width are clamped (a hostile transform can
        // put a glyph anywhere).
        let col_of = |x: f32| ((x - left) / unit).round().clamp(0.0, 2000.0) as usize;
        let mut out = String::new();
        let mut col = col_of(self.left);
        out.extend(std::iter::repeat_n(' ', col.min(400)));
        let mut after_gap = false;
        for (c, &x) in self.chars.iter().zip(&self.xs) {
            if x.is_nan() {
                after_gap = true;
                continue;
            }
            if after_gap {
                let to = col_of(x).max(col + 1).min(col + 400);
                out.extend(std::iter::repeat_n(' ', to - col));
                col = to;
                after_gap = false;
            }
            let c = c.unwrap_or('\u{FFFD}');
            out.push(c);
            col += if is_wide(c) { 2 } else { 1 };
        }
        out
    }

    /// Every glyph had a character.
    pub fn known(&self) -> bool {
        self.chars.iter().all(Option::is_some)
    }
}

/// Wide characters: CJK ideographs and punctuation, full-width forms.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Chinese (ideographs and Chinese punctuation), for the spacing rule.
fn is_cjk(c: char) -> bool {
    is_wide(c) || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// How far the pen moves after a glyph, estimated (a PDF states widths per
/// font; the estimate only has to tell a gap from none).
fn advance(g: &Glyph) -> f32 {
    match g.ch {
        Some(c) if is_wide(c) => g.size,
        _ => g.size * 0.5,
    }
}

/// How lines read the gaps between glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gaps {
    /// Body text (and tables drawn without lines): wide gaps are spaces.
    Body,
    /// Inside a table cell: only gaps between non-Chinese characters are
    /// spaces (a cell holds one label or one number; a label spread across
    /// its cell, 分散对齐, is one word).
    Cell,
}

/// The lines the glyphs make, top to bottom (then left to right).
pub fn lines(glyphs: &[Glyph], gaps: Gaps) -> Vec<Line> {
    let (vertical, horizontal): (Vec<&Glyph>, Vec<&Glyph>) =
        glyphs.iter().partition(|g| g.vertical);
    let mut out = horizontal_lines(&horizontal, gaps);
    out.extend(vertical_lines(&vertical));
    out.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left)));
    out
}

fn horizontal_lines(glyphs: &[&Glyph], gaps: Gaps) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out = Vec::new();
    let mut group: Vec<&Glyph> = Vec::new();
    let mut base = f32::NAN;
    for g in sorted {
        let size = group.iter().map(|g| g.size).fold(g.size, f32::max);
        if group.is_empty() || (g.y - base).abs() <= 0.4 * size {
            if group.is_empty() {
                base = g.y;
            }
            group.push(g);
        } else {
            out.push(make_line(&mut group, gaps));
            base = g.y;
            group.push(g);
        }
    }
    if !group.is_empty() {
        out.push(make_line(&mut group, gaps));
    }
    out
}

fn make_line(group: &mut Vec<&Glyph>, gaps: Gaps) -> Line {
    group.sort_by(|a, b| a.x.total_cmp(&b.x));
    let size = group.iter().map(|g| g.size).fold(0.0, f32::max);
    let y = group.iter().map(|g| g.y).sum::<f32>() / group.len().max(1) as f32;
    let mut chars = Vec::with_capacity(group.len() + 4);
    let mut xs = Vec::with_capacity(group.len() + 4);
    let mut wide_gap = false;
    let mut prev: Option<&Glyph> = None;
    for g in group.iter() {
        if let Some(p) = prev {
            let gap = g.x - (p.x + advance(p));
            let em = p.size.max(g.size);
            let cjk = |c: Option<char>| c.is_some_and(is_cjk);
            let space = match gaps {
                Gaps::Body => gap > em || (gap > em / 3.0 && !(cjk(p.ch) || cjk(g.ch))),
                Gaps::Cell => gap > em / 3.0 && !(cjk(p.ch) || cjk(g.ch)),
            };
            if space && p.ch != Some(' ') && g.ch != Some(' ') {
                chars.push(Some(' '));
                xs.push(f32::NAN);
            }
            wide_gap |= gap > em;
        }
        chars.push(g.ch);
        xs.push(g.x);
        prev = Some(g);
    }
    let left = group.first().map_or(0.0, |g| g.x);
    let right = group.last().map_or(0.0, |g| g.x + advance(g));
    group.clear();
    Line {
        chars,
        xs,
        wide_gap,
        left,
        top: y - size * 0.85,
        right,
        bottom: y + size * 0.15,
        y,
        size,
    }
}

/// Glyphs of a vertical font: a column of glyphs at one x, each below the
/// last.
fn vertical_lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    let mut out = Vec::new();
    let mut col: Vec<&Glyph> = Vec::new();
    for g in sorted {
        let joins = col.last().is_some_and(|l| {
            (g.x - l.x).abs() <= 0.3 * g.size && g.y - l.y <= 1.6 * g.size.max(l.size)
        });
        if !joins && !col.is_empty() {
            out.push(column_line(&col));
            col.clear();
        }
        col.push(g);
    }
    if !col.is_empty() {
        out.push(column_line(&col));
    }
    out
}

fn column_line(col: &[&Glyph]) -> Line {
    let size = col.iter().map(|g| g.size).fold(0.0, f32::max);
    let x = col.first().map_or(0.0, |g| g.x);
    let top = col.first().map_or(0.0, |g| g.y);
    let bottom = col.last().map_or(0.0, |g| g.y + g.size);
    Line {
        chars: col.iter().map(|g| g.ch).collect(),
        xs: col.iter().map(|g| g.x).collect(),
        wide_gap: false,
        left: x - size / 2.0,
        top,
        right: x + size / 2.0,
        bottom,
        y: top,
        size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(rows: &[(&str, f32, f32, f32)]) -> Vec<Glyph> {
        let mut v = Vec::new();
        for &(s, x0, y, step) in rows {
            for (i, c) in s.chars().enumerate() {
                v.push(Glyph {
                    ch: (c != '?').then_some(c),
                    x: x0 + i as f32 * step,
                    y,
                    size: 10.0,
                    vertical: false,
                });
            }
        }
        v
    }

    fn texts(g: &[Glyph], gaps: Gaps) -> Vec<String> {
        lines(g, gaps).iter().map(Line::text).collect()
    }

    #[test]
    fn baselines_make_lines_whatever_the_drawing_order() {
        let mut g = glyphs(&[("第二行", 10.0, 40.0, 10.0), ("第一行", 10.0, 20.0, 10.0)]);
        g.reverse();
        assert_eq!(texts(&g, Gaps::Body), ["第一行", "第二行"]);
    }

    #[test]
    fn gaps_between_words_are_spaces_but_not_between_chinese_characters() {
        // `2024 年` set with a small gap stays together; numbers a column
        // apart are separated; a label spread over its cell is one word.
        let mut g = glyphs(&[("2024", 10.0, 20.0, 5.0), ("年报告", 33.0, 20.0, 10.0)]);
        g.extend(glyphs(&[("12", 100.0, 20.0, 5.0), ("7", 140.0, 20.0, 5.0)]));
        assert_eq!(texts(&g, Gaps::Body), ["2024年报告 12 7"]);
        let spread = glyphs(&[("自然人", 10.0, 20.0, 25.0)]);
        assert_eq!(texts(&spread, Gaps::Cell), ["自然人"]);
        assert_eq!(texts(&spread, Gaps::Body), ["自 然 人"]);
        let numbers = glyphs(&[("1", 10.0, 20.0, 5.0), ("2", 30.0, 20.0, 5.0)]);
        assert_eq!(texts(&numbers, Gaps::Cell), ["1 2"]);
    }

    #[test]
    fn a_vertical_font_makes_one_line_read_downward() {
        let v: Vec<Glyph> = "三、本年度"
            .chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                ch: Some(c),
                x: 85.5,
                y: 600.0 + 10.0 * i as f32,
                size: 10.0,
                vertical: true,
            })
            .collect();
        assert_eq!(texts(&v, Gaps::Cell), ["三、本年度"]);
    }

    #[test]
    fn columns_are_laid_out_by_position_and_bounded() {
        let mut g = glyphs(&[("类别", 0.0, 20.0, 10.0), ("12", 100.0, 20.0, 5.0)]);
        let l = &lines(&g, Gaps::Body)[0];
        assert!(l.wide_gap);
        // Half an em (5 pt) a column: 12 at column 20.
        assert_eq!(l.laid_out(0.0, 10.0), format!("类别{}12", " ".repeat(16)));
        g[2].x = 3.0e30;
        g[3].x = 3.0e30;
        let far = lines(&g, Gaps::Body)[0].laid_out(0.0, 10.0);
        assert!(far.len() < 3000, "{}", far.len());
    }

    #[test]
    fn a_glyph_without_unicode_is_marked() {
        let g = glyphs(&[("1?3", 10.0, 20.0, 5.0)]);
        let l = lines(&g, Gaps::Cell);
        assert!(!l[0].known());
        assert_eq!(l[0].text(), "1\u{FFFD}3");
    }
}
