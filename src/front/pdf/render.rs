//! Stage 4: pages → text + map. Per page, the body lines and the tables in
//! order from the top, the page's margin lines (page numbers, running
//! headers and footers: [`margins`]) dropped first. A table that ends a page and one
//! that starts the next with the same left and right edges are one table
//! (rows numbered on), and header rows the second part repeats are dropped.
//! A body line that reaches the right margin continues in the next line
//! when that one is not indented and does not start a numbered heading (a
//! paragraph wrapped by the page, even across a page break).
//!
//! A table row with a glyph that has no Unicode is not rendered: a marker
//! line the reader cannot place stands for it, so the table is partly
//! unread and no relation through that row is checked.

use super::glyphs::Page;
use super::lines::{Gaps, Line, lines};
use super::margins;
use super::tables::{PageTable, tables};
use super::{Origin, PdfText, Segment};
use crate::front::docx::TableRole;

/// Stands for a table row that could not be read.
pub const UNREAD_ROW: &str = "〔此行有无法识别的文字〕";

enum Block<'a> {
    Line(&'a Line),
    Table(&'a PageTable),
}

impl Block<'_> {
    fn top(&self) -> f32 {
        match self {
            Block::Line(l) => l.top,
            Block::Table(t) => t.top,
        }
    }
}

struct PageParts {
    lines: Vec<Line>,
    tables: Vec<PageTable>,
    /// Left and right edges of the body text.
    left: f32,
    right: f32,
    /// The body text's size (the most common line size).
    size: f32,
}

/// A page's tables and body lines, with its margins still in.
fn laid_out(page: &Page) -> (Vec<Line>, Vec<PageTable>) {
    let (tables, taken) = tables(page);
    let body: Vec<_> = page
        .glyphs
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(g, _)| *g)
        .collect();
    (lines(&body, Gaps::Body), tables)
}

fn page_parts(page: &Page, lines: Vec<Line>, tables: Vec<PageTable>) -> PageParts {
    let left = lines.iter().map(|l| l.left).fold(f32::INFINITY, f32::min);
    // A page of short lines has no right margin of its own: at least four
    // fifths of the page's width.
    let right = lines
        .iter()
        .map(|l| l.right)
        .fold(page.width * 0.8, f32::max);
    let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    PageParts {
        lines,
        tables,
        left,
        right,
        size,
    }
}

/// A line starting a numbered heading or item: `一、`, `（一）`, `1.`, `1、`,
/// `（1）`, `第一`.
fn starts_heading(l: &Line) -> bool {
    let t = l.text();
    let t = t.trim_start();
    let mut chars = t.chars();
    let first = chars.next();
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    match first {
        Some('（' | '(') => chars.next().is_some_and(numeral),
        Some('第') => chars.next().is_some_and(numeral),
        Some(c) if numeral(c) => {
            let rest: String = chars.collect();
            let rest = rest.trim_start_matches(|c: char| numeral(c));
            rest.starts_with(['、', '.', '．', ')', '）'])
        }
        _ => false,
    }
}

fn role_of_table(text: &str) -> Option<TableRole> {
    if text.contains("勾稽关系") || text.contains("申请人情况") {
        Some(TableRole::T3)
    } else if text.contains("行政复议") && text.contains("行政诉讼") {
        Some(TableRole::T4)
    } else if text.contains("第二十条") {
        Some(TableRole::T2)
    } else {
        None
    }
}

/// The table a heading just before a table announces.
fn role_of_heading(text: &str) -> Option<TableRole> {
    if text.contains("收到和处理") {
        Some(TableRole::T3)
    } else if text.contains("行政复议") || text.contains("行政诉讼") {
        Some(TableRole::T4)
    } else if text.contains("主动公开政府信息") {
        Some(TableRole::T2)
    } else {
        None
    }
}

fn row_text(row: &[super::tables::CellText]) -> String {
    row.iter()
        .map(|c| c.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\t")
}

#[derive(Default)]
struct Out {
    text: String,
    map: Vec<Segment>,
    roles: Vec<Option<TableRole>>,
}

impl Out {
    fn push(&mut self, s: &str, origin: Origin) {
        let start = self.text.len();
        self.text.push_str(s);
        self.map.push(Segment {
            range: start..self.text.len(),
            origin,
        });
    }
}

/// The open table a page's first table may continue: its number, rows so
/// far, first rows' text (for a repeated header), edges, and where its text
/// starts.
struct Open {
    table: u32,
    rows: u32,
    head: Vec<String>,
    left: f32,
    right: f32,
    first_byte: usize,
    heading_role: Option<TableRole>,
}

pub fn render(pages: &[Page]) -> PdfText {
    let (mut lines, tables): (Vec<_>, Vec<_>) = pages.iter().map(laid_out).unzip();
    // Margins are found across pages (a running header is one that
    // repeats), before the body's edges are measured.
    let extents: Vec<(f32, f32)> = tables
        .iter()
        .map(|ts: &Vec<PageTable>| {
            let first = ts.iter().map(|t| t.top).fold(f32::INFINITY, f32::min);
            let last = ts
                .iter()
                .map(|t| t.bottom)
                .fold(f32::NEG_INFINITY, f32::max);
            (first, last)
        })
        .collect();
    margins::strip(pages, &mut lines, &extents);
    let parts: Vec<PageParts> = pages
        .iter()
        .zip(lines.into_iter().zip(tables))
        .map(|(page, (lines, tables))| page_parts(page, lines, tables))
        .collect();
    let mut o = Out::default();
    let mut open: Option<Open> = None;
    let mut last_heading: Option<TableRole> = None;
    // The previous body line, if it may continue into the next one.
    let mut prev_line: Option<(&Line, f32)> = None;
    for (p, part) in parts.iter().enumerate() {
        let page = p as u32 + 1;
        let mut blocks: Vec<Block> = part
            .lines
            .iter()
            .map(Block::Line)
            .chain(part.tables.iter().map(Block::Table))
            .collect();
        blocks.sort_by(|a, b| a.top().total_cmp(&b.top()));
        let mut line_no = 0u32;
        let n = blocks.len();
        for (b, block) in blocks.iter().enumerate() {
            match block {
                Block::Line(l) => {
                    close_table(&mut o, &mut open);
                    line_no += 1;
                    let joins = prev_line.is_some_and(|(prev, prev_right)| {
                        continues(prev, prev_right, l, part.left)
                    });
                    if !joins && !o.text.is_empty() && !o.text.ends_with('\n') {
                        o.text.push('\n');
                    }
                    // A line with columns (a table drawn without lines) is
                    // laid out by position, as `pdftotext -layout` does, so
                    // the reader can align its numbers with the header.
                    let text = if l.wide_gap && !joins {
                        l.laid_out(part.left, part.size)
                    } else {
                        l.text()
                    };
                    o.push(
                        &text,
                        Origin::Line {
                            page,
                            line: line_no,
                        },
                    );
                    last_heading = role_of_heading(&l.text()).or(last_heading);
                    prev_line = Some((l, part.right));
                }
                Block::Table(t) => {
                    if !o.text.is_empty() && !o.text.ends_with('\n') {
                        o.text.push('\n');
                    }
                    prev_line = None;
                    // Continues the table that ended the last page?
                    let continued = b == 0
                        && open.as_ref().is_some_and(|op| {
                            (op.left - t.left).abs() <= 3.0 && (op.right - t.right).abs() <= 3.0
                        });
                    if !continued {
                        close_table(&mut o, &mut open);
                        o.roles.push(None);
                        open = Some(Open {
                            table: o.roles.len() as u32,
                            rows: 0,
                            head: Vec::new(),
                            left: t.left,
                            right: t.right,
                            first_byte: o.text.len(),
                            heading_role: last_heading.take(),
                        });
                    }
                    let Some(op) = open.as_mut() else { continue };
                    let texts: Vec<String> = t.rows.iter().map(|r| row_text(r)).collect();
                    // Header rows the continuation repeats.
                    let skip = if continued {
                        (1..=op.head.len().min(texts.len()))
                            .rev()
                            .find(|&k| texts[..k] == op.head[..k])
                            .unwrap_or(0)
                    } else {
                        0
                    };
                    for (r, row) in t.rows.iter().enumerate().skip(skip) {
                        op.rows += 1;
                        if op.head.len() < 3 {
                            op.head.push(texts[r].clone());
                        }
                        let origin = |col: u32| Origin::Cell {
                            page,
                            table: op.table,
                            row: op.rows,
                            col,
                        };
                        if row.iter().any(|c| c.unknown) {
                            o.push(UNREAD_ROW, origin(1));
                        } else {
                            for (c, cell) in row.iter().enumerate() {
                                if c > 0 {
                                    o.text.push('\t');
                                }
                                let text = cell.text.split_whitespace().collect::<Vec<_>>();
                                o.push(&text.join(" "), origin(c as u32 + 1));
                            }
                        }
                        o.text.push('\n');
                    }
                    // Only a table that ends its page can go on.
                    if b + 1 != n {
                        close_table(&mut o, &mut open);
                    }
                }
            }
        }
        // Text after the last table of a page ends it.
        if !matches!(blocks.last(), Some(Block::Table(_))) {
            close_table(&mut o, &mut open);
        }
    }
    close_table(&mut o, &mut open);
    if !o.text.is_empty() && !o.text.ends_with('\n') {
        o.text.push('\n');
    }
    PdfText {
        text: o.text,
        map: o.map,
        tables: o.roles,
        pages: pages.len() as u32,
    }
}

/// Ends the open table: its role from its own text, else the heading
/// before it.
fn close_table(o: &mut Out, open: &mut Option<Open>) {
    if let Some(op) = open.take() {
        let own = role_of_table(&o.text[op.first_byte.min(o.text.len())..]);
        if let Some(slot) = o.roles.get_mut(op.table as usize - 1) {
            *slot = own.or(op.heading_role);
        }
    }
}

/// Whether `next` continues the paragraph of `prev` (wrapped by the page):
/// `prev` runs most of the way to the right margin (a ragged right edge
/// leaves a line short by a long word or number) or stops in mid-list
/// (`、`, `，`), does not end a sentence, and `next` starts flush at the left
/// margin (a paragraph's first line is indented), is set in the same size,
/// and does not start a numbered heading.
fn continues(prev: &Line, prev_right: f32, next: &Line, left: f32) -> bool {
    let em = prev.size.max(1.0);
    let text = prev.text();
    let text = text.trim_end();
    let full = prev.right >= left + 0.75 * (prev_right - left)
        || text.ends_with(['、', '，', ',', '（', '“']);
    let flush = next.left <= left + 0.6 * em;
    let same_size = (prev.size - next.size).abs() <= 0.6;
    let ended = text.ends_with(['。', '：', ':', '；', '！', '？']);
    // Lines with columns are rows of a table drawn without lines.
    let rows = prev.wide_gap || next.wide_gap;
    full && flush && same_size && !ended && !rows && !starts_heading(next)
}

#[cfg(test)]
mod tests {
    use super::super::glyphs::{Glyph, Rule};
    use super::*;

    fn text(s: &str, x: f32, y: f32) -> Vec<Glyph> {
        sized(s, x, y, 10.0)
    }

    fn sized(s: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        let mut pen = x;
        s.chars()
            .map(|c| {
                let g = Glyph {
                    ch: Some(c),
                    x: pen,
                    y,
                    size,
                    vertical: false,
                };
                pen += if c.is_ascii() { size / 2.0 } else { size };
                g
            })
            .filter(|g| g.ch != Some(' '))
            .collect()
    }

    fn boxed(top: f32, rows: &[&[&str]]) -> (Vec<Rule>, Vec<Glyph>) {
        let mut rules = Vec::new();
        let cols = rows[0].len();
        let bottom = top + 20.0 * rows.len() as f32;
        for r in 0..=rows.len() {
            rules.push(Rule {
                horizontal: true,
                at: top + 20.0 * r as f32,
                from: 50.0,
                to: 50.0 + 100.0 * cols as f32,
            });
        }
        for c in 0..=cols {
            rules.push(Rule {
                horizontal: false,
                at: 50.0 + 100.0 * c as f32,
                from: top,
                to: bottom,
            });
        }
        let mut glyphs = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                glyphs.extend(text(
                    cell,
                    55.0 + 100.0 * c as f32,
                    top + 20.0 * r as f32 + 15.0,
                ));
            }
        }
        (rules, glyphs)
    }

    fn page(lines: &[(&str, f32, f32)], table: Option<(f32, &[&[&str]])>) -> Page {
        let mut p = Page {
            width: 595.0,
            height: 842.0,
            ..Page::default()
        };
        for &(s, x, y) in lines {
            p.glyphs.extend(text(s, x, y));
        }
        if let Some((top, rows)) = table {
            let (r, g) = boxed(top, rows);
            p.rules = r;
            p.glyphs.extend(g);
        }
        p
    }

    #[test]
    fn a_table_over_a_page_break_is_one_table_without_its_repeated_header() {
        let p1 = page(
            &[
                ("二、主动公开政府信息情况", 50.0, 100.0),
                ("-1-", 290.0, 820.0),
            ],
            Some((700.0, &[&["类别", "数量"], &["行政许可", "12"]])),
        );
        let p2 = page(
            &[("三、收到和处理", 50.0, 400.0), ("- 2 -", 290.0, 820.0)],
            Some((80.0, &[&["类别", "数量"], &["行政处罚", "7"]])),
        );
        let out = render(&[p1, p2]);
        assert_eq!(
            out.text,
            "二、主动公开政府信息情况\n类别\t数量\n行政许可\t12\n行政处罚\t7\n三、收到和处理\n"
        );
        assert_eq!(out.tables, [Some(TableRole::T2)]);
        let at = out.text.find('7').unwrap();
        let loc = out.locate(at).unwrap();
        assert_eq!(loc.describe_zh(), "第2页 表二 第3行 第2列");
        let at = out.text.find("三、").unwrap();
        assert_eq!(out.locate(at).unwrap().describe_zh(), "第2页 第1行");
    }

    #[test]
    fn a_wrapped_paragraph_is_one_line_and_headings_stay_apart() {
        // Body text 50..~545: a full line, its continuation, a heading.
        let full = "本年度共收到政府信息公开申请件数较上年有所增加其中依申请公开办理情况良好总";
        let p = page(
            &[
                (full, 50.0, 100.0),
                ("计十七件。", 50.0, 118.0),
                ("二、主动公开", 50.0, 136.0),
            ],
            None,
        );
        let out = render(&[p]);
        assert_eq!(out.text, format!("{full}计十七件。\n二、主动公开\n"));
        let at = out.text.find("计十七").unwrap();
        assert_eq!(out.locate(at).unwrap().describe_zh(), "第1页 第2行");
    }

    #[test]
    fn page_numbers_in_the_margins_are_dropped() {
        for s in ["-1-", "— 5 —", "第 5 页", "第5页共12页", "5/12", "12"] {
            let p = page(&[("正文", 50.0, 400.0), (s, 290.0, 820.0)], None);
            assert_eq!(render(&[p]).text, "正文\n", "{s}");
        }
        // A number in the body is text; so is one in the margin with text
        // below it (a digit wrapped out of a narrow cell).
        let p = page(&[("正文", 50.0, 400.0), ("12", 50.0, 420.0)], None);
        assert_eq!(render(&[p]).text, "正文\n12\n");
        let p = page(
            &[
                ("正文", 50.0, 400.0),
                ("6", 80.0, 760.0),
                ("五、其他", 50.0, 790.0),
            ],
            None,
        );
        assert_eq!(render(&[p]).text, "正文\n6\n五、其他\n");
    }

    #[test]
    fn a_row_with_an_unreadable_glyph_is_a_marker() {
        let mut p = page(
            &[],
            Some((100.0, &[&["类别", "数量"], &["行政许可", "12"]])),
        );
        for g in &mut p.glyphs {
            if g.ch == Some('2') {
                g.ch = None;
            }
        }
        let out = render(&[p]);
        assert_eq!(out.text, format!("类别\t数量\n{UNREAD_ROW}\n"));
    }

    const TITLE: &str = "某某市生态环境局2023年政府信息公开工作年度报告";

    /// A page with a running header (the title over nothing, in 9 pt at
    /// y 50) and footer (the unit's name, then `第 N 页 共 M 页`).
    fn framed(
        n: usize,
        of: usize,
        lines: &[(&str, f32, f32)],
        table: Option<(f32, &[&[&str]])>,
    ) -> Page {
        let mut p = page(lines, table);
        p.glyphs.extend(sized(TITLE, 180.0, 50.0, 9.0));
        p.glyphs
            .extend(sized("某某市生态环境局", 260.0, 800.0, 9.0));
        p.glyphs
            .extend(sized(&format!("第 {n} 页 共 {of} 页"), 265.0, 815.0, 9.0));
        p
    }

    #[test]
    fn running_headers_and_footers_are_dropped_and_the_title_kept() {
        let mut p1 = framed(1, 3, &[("本报告根据条例编制。", 50.0, 130.0)], None);
        p1.glyphs.extend(sized(TITLE, 100.0, 100.0, 16.0));
        let p2 = framed(2, 3, &[("一、总体情况", 50.0, 100.0)], None);
        let p3 = framed(3, 3, &[("某某市生态环境局", 50.0, 100.0)], None);
        let out = render(&[p1, p2, p3]);
        assert_eq!(
            out.text,
            format!("{TITLE}\n本报告根据条例编制。\n一、总体情况\n某某市生态环境局\n")
        );
        // Body lines are counted without the margins.
        let at = out.text.find("一、").unwrap();
        assert_eq!(out.locate(at).unwrap().describe_zh(), "第2页 第1行");
    }

    #[test]
    fn a_running_header_between_the_halves_of_a_table_leaves_one_table() {
        let head: &[&str] = &["类别", "数量"];
        let p1 = framed(
            1,
            2,
            &[
                (TITLE, 50.0, 100.0),
                ("三、收到和处理政府信息公开申请情况", 50.0, 120.0),
            ],
            Some((700.0, &[head, &["行政许可", "12"]])),
        );
        let p2 = framed(
            2,
            2,
            &[("四、其他", 50.0, 300.0)],
            Some((80.0, &[head, &["行政处罚", "7"]])),
        );
        let out = render(&[p1, p2]);
        assert_eq!(
            out.text,
            format!(
                "{TITLE}\n三、收到和处理政府信息公开申请情况\n类别\t数量\n行政许可\t12\n行政处罚\t7\n四、其他\n"
            )
        );
        assert_eq!(out.tables, [Some(TableRole::T3)]);
        let at = out.text.find('7').unwrap();
        assert_eq!(
            out.locate(at).unwrap().describe_zh(),
            "第2页 表三 第3行 第2列"
        );
    }

    #[test]
    fn one_page_proves_no_running_line() {
        let out = render(&[framed(1, 1, &[("正文", 50.0, 400.0)], None)]);
        // The page number goes by its form, as before.
        assert_eq!(out.text, format!("{TITLE}\n正文\n某某市生态环境局\n"));
    }

    #[test]
    fn only_the_same_text_at_the_same_height_and_size_on_enough_pages_is_running() {
        let doc = |pages: &[&[(&str, f32, f32, f32)]]| {
            let pages: Vec<Page> = pages
                .iter()
                .map(|lines| {
                    let mut p = page(&[("正文。", 50.0, 400.0)], None);
                    for &(s, x, y, size) in lines.iter() {
                        p.glyphs.extend(sized(s, x, y, size));
                    }
                    p
                })
                .collect();
            render(&pages).text
        };
        let h = ("某某市人民政府网", 50.0, 50.0, 9.0);
        // At another height, in another size, or in the body: text.
        let moved = ("某某市人民政府网", 50.0, 70.0, 9.0);
        assert_eq!(
            doc(&[&[h], &[moved]]),
            "某某市人民政府网\n正文。\n某某市人民政府网\n正文。\n"
        );
        let bigger = ("某某市人民政府网", 50.0, 50.0, 12.0);
        assert_eq!(doc(&[&[h], &[bigger]]).matches("政府网").count(), 2);
        let body = ("无。", 50.0, 420.0, 10.0);
        assert_eq!(doc(&[&[body], &[body], &[body]]).matches("无。").count(), 3);
        // Dates and page numbers vary; the rest is the same.
        let dated = |s| [(s, 50.0, 50.0, 9.0)];
        assert_eq!(
            doc(&[&dated("2024年1月 第1页"), &dated("2024年1月 第12页")]),
            "正文。\n正文。\n"
        );
        // Numbers alone prove nothing (a row of a table drawn without
        // lines).
        let row = ("1 2 3 4 5 6", 50.0, 50.0, 10.0);
        assert_eq!(doc(&[&[row], &[row]]).matches("1 2 3").count(), 2);
        // On two pages of seven: text; on three: a running header (odd
        // pages, say).
        let e: &[(&str, f32, f32, f32)] = &[];
        let two = doc(&[&[h], e, &[h], e, e, e, e]);
        assert_eq!(two.matches("政府网").count(), 2);
        assert_eq!(
            doc(&[&[h], e, &[h], e, &[h], e, e])
                .matches("政府网")
                .count(),
            0
        );
        // Only the outermost lines: under a body line in the band, text.
        let above = ("（续）", 50.0, 35.0, 10.0);
        assert_eq!(doc(&[&[above, h], &[h], &[h]]).matches("政府网").count(), 1);
    }

    #[test]
    fn a_title_printed_only_as_the_running_header_stays_on_page_1() {
        let pages: Vec<Page> = (1..=3)
            .map(|n| framed(n, 3, &[("本报告根据条例编制。", 50.0, 100.0)], None))
            .collect();
        let out = render(&pages);
        assert_eq!(out.text.matches(TITLE).count(), 1, "{}", out.text);
        assert!(out.text.starts_with(TITLE));
    }
}
