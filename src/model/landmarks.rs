//! The one place that says where tables start and stop, and what is a
//! heading: every reader asks here.

use super::labels::{NormText, common_prefix, table3_defs};
use super::report::TableId;
use super::value::{is_digit, is_value_like};
use crate::schema::SECTIONS;
use crate::syntax::{self, Document, Line, NumberingKind, Separator};
use crate::text::Span;
use crate::text::normalize_label;

/// The item of 条例第二十条 a block heading of table 二 names: `第二十条第（五）项`.
pub fn table2_item(norm: &str) -> Option<u32> {
    // `str::find` sets up its searcher even for an empty text: the table
    // scan asks about every line, most of which are not normalized at all.
    if norm.len() < "第二十条".len() {
        return None;
    }
    let p = norm.find("第二十条")?;
    let rest = &norm[p + "第二十条".len()..];
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let rest = rest.strip_prefix('(')?;
    let close = rest.find(')')?;
    let item = syntax::chinese_numeral(&rest[..close])?;
    rest[close + 1..].starts_with('项').then_some(item)
}

pub fn starts_table2(norm: &str) -> bool {
    table2_item(norm).is_some() || norm.starts_with("信息内容")
}

/// The note or header of table 三.
pub fn is_t3_anchor(norm: &str) -> bool {
    !norm.contains('。')
        && (norm.contains("勾稽关系")
            || norm.starts_with("申请人情况")
            || (norm.contains("申请人情况") && norm.contains("自然人")))
}

/// The header of table 四: 行政复议 and 行政诉讼 side by side, or at least
/// three of its result columns when those group words stand apart.
pub fn is_t4_header(doc: &Document, line: &Line) -> bool {
    let raw = doc.text(line.inner);
    // Searchers built once: this runs on every line the table scan and
    // every table's end look at, and a `char` search for 讼 stops at every
    // byte its last byte (a common one in Chinese text) matches.
    static WORDS: std::sync::OnceLock<[crate::text::Words; 3]> = std::sync::OnceLock::new();
    let [suit, review, upheld] = WORDS.get_or_init(|| {
        [
            crate::text::Words::new(&["讼"]),
            crate::text::Words::new(&["议"]),
            crate::text::Words::new(&["维持"]),
        ]
    });
    let both = suit.in_text(raw) && review.in_text(raw);
    if !both && !upheld.in_text(raw) {
        return false;
    }
    if line.sep == Separator::None && heading_of(doc, line).is_some() {
        return false;
    }
    let norm = normalize_label(raw);
    if both {
        if line.sep != Separator::None {
            let (mut review, mut suit) = (false, false);
            for c in &line.cells {
                let n = normalize_label(doc.text(c.content));
                review |= n == "行政复议";
                suit |= n == "行政诉讼";
            }
            if review && suit {
                return true;
            }
        }
        // Text that lost its separators: `行政复议行政诉讼结果维持…`.
        if norm.starts_with("行政复议行政诉讼") {
            return true;
        }
    }
    ["结果维持", "结果纠正", "其他结果", "尚未审结"]
        .iter()
        .filter(|w| norm.contains(*w))
        .count()
        >= 3
        && !norm.contains('。')
}

/// True when `text` reads as a label of table 三 (`四、结转下年度继续办理`
/// is a row, not section 四).
pub fn is_t3_label(text: &str) -> bool {
    // Only the line's start is compared with the forms: every test below
    // needs `k <= f.len()`, so past twice the longest form (each `(1)` → `1.`
    // shortens the text by one, a cut `(1` is past what is compared) the
    // answer cannot change.
    static LONGEST: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let longest = *LONGEST.get_or_init(|| {
        table3_defs()
            .iter()
            .map(super::labels::LabelDef::longest)
            .max()
            .unwrap_or(0)
    });
    let mut norm = NormText::default();
    norm.fill_prefix(text, Span::new(0, text.len()), 2 * longest + 4);
    let n = norm.chars;
    if n.len() < 2 {
        return false;
    }
    let first = n[0];
    let after = n.get(super::labels::numbering_len(&n)).copied();
    table3_defs().iter().any(|d| {
        let may = d.first_numbered.binary_search(&first).is_ok()
            || d.first_body.binary_search(&first).is_ok()
            || after.is_some_and(|c| d.first_body.binary_search(&c).is_ok());
        may && d.forms().any(|f| {
            let k = common_prefix(f, &n);
            k == f.len() || k >= 6 || (k == n.len() && k >= 4)
        })
    })
}

/// Table 三 starts at its note or header, or at its first row when the
/// header was lost.
pub fn starts_table3(doc: &Document, line: &Line, norm: &str) -> bool {
    if is_t3_anchor(norm) {
        return true;
    }
    let _ = (doc, line);
    norm.starts_with("一、本年新收") || norm.starts_with("一.本年新收")
}

/// Table 四 with its header lost or written one character per line: the
/// lines after section 四's heading, when numbers follow before any prose.
pub fn table4_after_heading(doc: &Document, heading: usize) -> Option<usize> {
    let mut lines = doc.lines.iter().enumerate().skip(heading + 1).take(16);
    lines
        .find_map(|(i, line)| {
            if line.is_blank() {
                return None;
            }
            Some((i, line))
        })
        .filter(|&(i, _)| {
            doc.lines[i..]
                .iter()
                .take(14)
                .take_while(|l| !is_prose(doc, l) && heading_of(doc, l).is_none())
                .any(|l| {
                    l.cells
                        .iter()
                        .filter(|c| !c.is_blank() && is_value_like(doc.text(c.content)))
                        .count()
                        >= 10
                })
        })
        .map(|(i, _)| i)
}

/// A top-level heading `一、…` on a line that is not a table row:
/// (number, number span, title).
pub fn heading_of(doc: &Document, line: &Line) -> Option<(Option<u32>, Option<Span>, Span)> {
    if line.sep.has_cells() {
        return None;
    }
    // `四、结转下年度继续办理 0 0 0 0 0 0 0`: a table row copied from a PDF.
    if line.sep == Separator::Space
        && line.cells.len() >= 2
        && line.cells.last().is_some_and(|c| {
            let t = doc.text(c.content);
            t.chars().any(|ch| ch.is_ascii_digit()) && is_value_like(t)
        })
    {
        return None;
    }
    let numbered = line
        .numbering
        .is_some_and(|n| n.kind == NumberingKind::Chinese);
    if !numbered && line.md_level == 0 {
        return None;
    }
    let title = doc.text(line.title);
    let title_chars = title.chars().count();
    match line.numbering {
        Some(n) if n.kind == NumberingKind::Chinese => {
            if title_chars == 0 || title_chars > 32 {
                return None;
            }
            Some((Some(n.value), Some(n.span), line.title))
        }
        None if line.md_level > 0 && title_chars > 0 && title_chars <= 24 => {
            // Unnumbered headings count only when they name a section in
            // full: `### 改进措施` is a sub-heading, not section 五.
            let norm = normalize_label(title);
            SECTIONS
                .iter()
                .any(|s| norm.contains(s.title))
                .then_some((None, None, line.title))
        }
        _ => None,
    }
}

/// The sections a heading's title names (by keyword).
pub fn section_of(norm_title: &str) -> Vec<u32> {
    SECTIONS
        .iter()
        .filter(|s| {
            s.keywords
                .iter()
                .any(|set| set.iter().all(|k| norm_title.contains(k)))
        })
        .map(|s| s.number)
        .collect()
}

/// A paragraph ends a table.
pub fn is_prose(doc: &Document, line: &Line) -> bool {
    if line.sep.has_cells() {
        return false;
    }
    let t = doc.text(line.inner);
    let visible = || t.chars().filter(|c| !crate::text::is_space(*c)).count();
    if crate::text::find_any(t, &['。']).is_some() {
        return visible() > 12;
    }
    // Sixty characters take at least sixty bytes: most table lines stop here.
    if t.len() <= 60 || visible() <= 60 {
        return false;
    }
    // Short pieces apart are cells (a header copied out of a PDF).
    let long_piece = t
        .split(crate::text::is_space)
        .any(|p| p.chars().count() > 20);
    long_piece && !t.chars().any(is_digit)
}

/// Where a table that starts at `start` stops: before the next table, a
/// section heading or a paragraph.
pub fn region_end(doc: &Document, start: usize, table: TableId) -> usize {
    for i in start + 1..doc.lines.len() {
        let line = &doc.lines[i];
        if line.is_blank() {
            continue;
        }
        let raw = doc.text(line.inner);
        static MARKERS: std::sync::OnceLock<crate::text::Words> = std::sync::OnceLock::new();
        let marker = MARKERS
            .get_or_init(|| {
                crate::text::Words::new(&["二十条", "信息内容", "稽", "申请人情况", "本年新收"])
            })
            .in_text(raw);
        let norm = if marker {
            normalize_label(raw)
        } else {
            String::new()
        };
        if table != TableId::T2 && starts_table2(&norm) {
            return i;
        }
        if table != TableId::T3 && (is_t3_anchor(&norm) || starts_table3(doc, line, &norm)) {
            return i;
        }
        if table != TableId::T4 && is_t4_header(doc, line) {
            return i;
        }
        if let Some((number, _, title)) = heading_of(doc, line) {
            let row = table == TableId::T3 && is_t3_label(doc.text(line.inner));
            let section = number.is_none()
                || !section_of(&normalize_label(doc.text(title))).is_empty()
                || table != TableId::T3;
            if !row && section {
                return i;
            }
        }
        if (is_prose(doc, line) && !starts_like_row(doc, line, table))
            || is_section_title(doc.text(line.inner))
        {
            return i;
        }
    }
    doc.lines.len()
}

/// A line that is a section's heading in words only (not numbered, not
/// styled), as a plain Word paragraph gives it.
fn is_section_title(text: &str) -> bool {
    // Every accepted wording ends in 情况, 事项 or 诉讼.
    if text.len() > 120
        || !(text.contains("情况") || text.contains("事项") || text.contains("诉讼"))
    {
        return false;
    }
    static TITLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        crate::schema::SECTION_TITLES
            .iter()
            .map(|(_, t)| normalize_label(t))
            .collect()
    });
    let n = normalize_label(text);
    n.chars().count() <= 40 && titles.contains(&n)
}

/// A line of text without line breaks that starts with a row and ends in
/// prose: the reader stops at the prose itself.
fn starts_like_row(doc: &Document, line: &Line, table: TableId) -> bool {
    let t = doc.text(line.inner);
    let first = t.split(crate::text::is_space).next().unwrap_or("");
    if first.chars().count() > 40 || first.contains('。') {
        return false;
    }
    match table {
        TableId::T3 => is_t3_label(first),
        TableId::T2 => {
            let n = normalize_label(first);
            n.starts_with("第二十条")
                || crate::schema::TABLE2_2019
                    .iter()
                    .chain(crate::schema::TABLE2_2021)
                    .flat_map(|b| b.rows)
                    .any(|r| n.starts_with(r))
        }
        TableId::T4 => false,
    }
}

/// The first line outside the tables read that holds a word only table
/// `id` has.
pub fn table_words_line(doc: &Document, id: TableId, consumed: &[bool]) -> Option<usize> {
    let words = crate::schema::TABLE_WORDS[id as usize];
    doc.lines.iter().enumerate().find_map(|(i, l)| {
        let t = doc.text(l.inner);
        (!consumed.get(i).copied().unwrap_or(false)
            && !t.contains('。')
            && words.iter().any(|w| t.contains(w)))
        .then_some(i)
    })
}
