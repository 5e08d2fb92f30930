//! The one place that decides where tables start and stop and what is a
//! section heading: the table scan, each table's region, reflow's cuts and
//! the section reader all ask here. Headings and landmarks are found with
//! one character edited (substituted, deleted, inserted) and across spaces
//! (`信 息 内 容`), since a draft's one typo must not lose a table; a
//! sentence is never a landmark.

use super::labels::{NormText, common_prefix, table3_defs};
use super::value::{is_digit, is_value_like};
use crate::schema::{SECTION_TITLES, SECTIONS, Table};
use crate::syntax::{self, Document, Line, NumberingKind, Separator};
use crate::text::{Span, near_prefix, normalize_label};

/// Pieces of the landmark words of [`tables_starting`], chosen so that each
/// landmark, with one character edited, still holds one of them whole:
/// two disjoint pieces of every word matched with an edit, the word itself
/// for words matched exactly.
const PIECES: [&str; 12] = [
    // 第二十条, in both block headings (`第二十条第（一）项`, `第二十条（一）项`).
    "第二",
    "十条",
    "信息内容",
    "本列数据",
    "勾稽",
    "申请人情况",
    "本年新收",
    "信息公开申请数量",
    "复议",
    "诉讼",
    // Three of 结果维持, 结果纠正, 其他结果, 尚未审结 hold one of the first two.
    "结果维持",
    "结果纠正",
];

/// The table each of [`PIECES`] belongs to: a piece can only start the
/// table whose landmark words hold it.
const PIECE_TABLE: [Table; 12] = [
    Table::T2,
    Table::T2,
    Table::T2,
    Table::T3,
    Table::T3,
    Table::T3,
    Table::T3,
    Table::T3,
    Table::T4,
    Table::T4,
    Table::T4,
    Table::T4,
];

/// A cheap test before [`tables_starting`] reads a line: it says "maybe" for
/// every line where a table may start, "no" for most lines (proven by the
/// property test below), and which tables may start there, so the full
/// decision reads only those. Letter-spaced words are looked for without
/// their spaces.
fn may_start_tables(raw: &str) -> Starts {
    let mut found = pieces_in(raw);
    if found.0 != [true; 3] && splits_a_word(raw) {
        let squeezed = pieces_in(&crate::text::without_spaces(raw));
        for (f, s) in found.0.iter_mut().zip(squeezed.0) {
            *f |= s;
        }
    }
    found
}

/// The tables whose [`PIECES`] `text` holds: one vectorized pass for all
/// of them (a packed multi-pattern search), not a pass per piece.
fn pieces_in(text: &str) -> Starts {
    static SEARCH: std::sync::OnceLock<Option<aho_corasick::packed::Searcher>> =
        std::sync::OnceLock::new();
    let mut found = Starts::default();
    match SEARCH.get_or_init(|| aho_corasick::packed::Searcher::new(PIECES)) {
        Some(s) => {
            let mut at = 0;
            // Most lines hold no piece: the first search ends there.
            while let Some(m) = text.get(at..).and_then(|t| s.find(t)) {
                found.0[PIECE_TABLE[m.pattern().as_usize()] as usize] = true;
                at += m.end();
                if found.0 == [true; 3] {
                    break;
                }
            }
        }
        // No vectorized search on this machine: a pass per piece.
        None => {
            for (piece, table) in PIECES.iter().zip(PIECE_TABLE) {
                if text.contains(piece) {
                    found.0[table as usize] = true;
                }
            }
        }
    }
    found
}

/// Whether spaces stand between two characters that are not ASCII (`信 息`,
/// `果\t（一）`): only there can they split a landmark's piece, which is
/// all CJK. Table rows, whose tabs stand by numbers, are not squeezed.
fn splits_a_word(raw: &str) -> bool {
    let b = raw.as_bytes();
    let blank = |x: &u8| *x == b' ' || *x == b'\t';
    // ASCII spaces and tabs, by their bytes: a non-ASCII character ends in
    // a byte of 0x80 or more and starts with one.
    for i in memchr::memchr2_iter(b' ', b'\t', b) {
        let before = b[..i].iter().rev().find(|x| !blank(x));
        let after = b[i + 1..].iter().find(|x| !blank(x));
        if before.is_some_and(|x| *x >= 0x80) && after.is_some_and(|x| *x >= 0x80) {
            return true;
        }
    }
    // Other spaces (the ideographic one, …) are rare: look at characters.
    if !has_wide_space(raw) {
        return false;
    }
    let mut prev: Option<char> = None;
    let mut gap = false;
    for c in raw.chars() {
        if crate::text::is_space(c) {
            gap = prev.is_some();
            continue;
        }
        if gap && !c.is_ascii() && prev.is_some_and(|p| !p.is_ascii()) {
            return true;
        }
        gap = false;
        prev = Some(c);
    }
    false
}

/// Whether `raw` holds a space that is not ASCII: the ideographic space and
/// U+FEFF by a byte search, the rarer Unicode spaces only on lines with one
/// of their lead bytes (C2, E1, E2: most lines have 。、，（E3, EF) and none).
fn has_wide_space(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    // U+3000 (E3 80 80) and U+FEFF (EF BB BF) by their lead bytes, in one
    // pass: table rows hold few characters led by E3 or EF.
    memchr::memchr2_iter(0xE3, 0xEF, bytes).any(|i| {
        matches!(
            bytes.get(i..i + 3),
            Some([0xE3, 0x80, 0x80] | [0xEF, 0xBB, 0xBF])
        )
    }) || (memchr::memchr3(0xC2, 0xE1, 0xE2, bytes).is_some()
        && raw
            .chars()
            .any(|c| !c.is_ascii() && crate::text::is_space(c)))
}

/// The tables whose start (heading, note or header) is on a line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Starts([bool; 3]);

impl Starts {
    pub fn has(self, t: Table) -> bool {
        self.0[t as usize]
    }
    pub fn any(self) -> bool {
        self.0.iter().any(|b| *b)
    }
}

/// Which tables start at `line`: table 二 at a block heading
/// (`第二十条第（一）项`) or its header (`信息内容`), table 三 at its note,
/// its header (`申请人情况 自然人…`) or its first row when the header was
/// lost, table 四 at its header. The one decision every reader asks.
pub fn tables_starting(doc: &Document, line: &Line) -> Starts {
    tables_starting_among(doc, line, Starts([true; 3]))
}

/// [`tables_starting`] for the tables in `asked` only (the others are
/// reported as not starting): a table's region asks only whether another
/// table starts, and its own rows hold its own landmark words.
pub fn tables_starting_among(doc: &Document, line: &Line, asked: Starts) -> Starts {
    // A sentence is never a landmark (`decide` says so too): most lines of a
    // report are.
    if line.sentence {
        return Starts::default();
    }
    let mut maybe = may_start_tables(doc.text(line.inner));
    for (m, a) in maybe.0.iter_mut().zip(asked.0) {
        *m &= a;
    }
    if !maybe.any() {
        return Starts::default();
    }
    decide(doc, line, maybe)
}

/// [`tables_starting`] without its cheap test first, for the tables in
/// `asked`.
fn decide(doc: &Document, line: &Line, asked: Starts) -> Starts {
    // A sentence is never a landmark.
    if line.sentence {
        return Starts::default();
    }
    let norm = normalize_label(doc.text(line.inner));
    let chars: Vec<char> = norm.chars().collect();
    Starts([
        asked.has(Table::T2) && starts_table2(&norm, &chars),
        asked.has(Table::T3) && starts_table3(&norm, &chars),
        asked.has(Table::T4) && is_t4_header(doc, line, &norm, &chars),
    ])
}

/// The item of 条例第二十条 a block heading of table 二 names: `第二十条第（五）项`,
/// with one character edited (`第二十条第（五）顼`); `Some(None)` when the
/// heading is there but its item cannot be told.
pub fn table2_item(chars: &[char]) -> Option<Option<u32>> {
    // One edit leaves 条 or 项 of `第二十条第（X）项`.
    if chars.len() < 6 || !chars.iter().any(|c| matches!(c, '条' | '项')) {
        return None;
    }
    // Most headings are written right: read them as written first.
    if let Some(item) = exact_table2_item(chars) {
        return Some(Some(item));
    }
    let mut exact = None;
    let mut near = Vec::new();
    for (item, forms) in table2_headings() {
        let hit = forms
            .iter()
            .filter_map(|w| crate::text::find_near(chars, w))
            .map(|n| n.edited)
            .min();
        match hit {
            Some(false) => exact = exact.or(Some(*item)),
            Some(true) => near.push(*item),
            None => {}
        }
    }
    if let Some(item) = exact {
        return Some(Some(item));
    }
    match near[..] {
        [] => None,
        [item] => Some(Some(item)),
        // `第二十条第（某）项`: a heading, of an item that cannot be told.
        _ => Some(None),
    }
}

/// `第二十条第（X）项` or `第二十条（X）项` as written, X an item table 二 has.
fn exact_table2_item(chars: &[char]) -> Option<u32> {
    const HEAD: [char; 4] = ['第', '二', '十', '条'];
    let p = chars.windows(4).position(|w| w == HEAD)?;
    let rest = &chars[p + 4..];
    let rest = rest.strip_prefix(&['第']).unwrap_or(rest);
    let rest = rest.strip_prefix(&['('])?;
    let close = rest.iter().position(|c| *c == ')')?;
    let numeral: String = rest[..close].iter().collect();
    let item = syntax::chinese_numeral(&numeral)?;
    (rest.get(close + 1) == Some(&'项') && table2_items().contains(&item)).then_some(item)
}

/// Each block heading of table 二 normalized, with and without the second
/// 第 (`第二十条（五）项` is common).
fn table2_headings() -> &'static [(u32, [Vec<char>; 2])] {
    static H: std::sync::OnceLock<Vec<(u32, [Vec<char>; 2])>> = std::sync::OnceLock::new();
    H.get_or_init(|| {
        table2_items()
            .iter()
            .map(|&item| {
                let full: Vec<char> = normalize_label(&crate::schema::table2_block_heading(item))
                    .chars()
                    .collect();
                let short = full
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != 4)
                    .map(|(_, c)| *c)
                    .collect();
                (item, [full, short])
            })
            .collect()
    })
}

/// The items of 条例第二十条 table 二 has blocks for (both versions).
fn table2_items() -> &'static [u32] {
    static ITEMS: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    ITEMS.get_or_init(|| {
        let mut v: Vec<u32> = crate::schema::TABLE2_2019
            .iter()
            .chain(crate::schema::TABLE2_2021)
            .map(|b| b.item)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

fn starts_table2(norm: &str, chars: &[char]) -> bool {
    !norm.contains('。') && (norm.starts_with("信息内容") || table2_item(chars).is_some())
}

/// The note of table 三: `（本列数据的勾稽关系为：…）`.
const T3_NOTE_START: [char; 9] = ['本', '列', '数', '据', '的', '勾', '稽', '关', '系'];

/// The note or header of table 三.
pub fn is_t3_anchor(norm: &str, chars: &[char]) -> bool {
    !norm.contains('。')
        && (norm.contains("勾稽关系")
            || crate::text::find_near(chars, &T3_NOTE_START).is_some()
            || norm.starts_with("申请人情况")
            || (norm.contains("申请人情况") && norm.contains("自然人")))
}

/// Table 三 starts at its note or header, or at its first row when the
/// header was lost (`一、本年新收政府信息公开申请数量`, one character edited).
fn starts_table3(norm: &str, chars: &[char]) -> bool {
    static FIRST_ROW: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let first = FIRST_ROW.get_or_init(|| {
        normalize_label("一、本年新收政府信息公开申请数量")
            .chars()
            .collect()
    });
    is_t3_anchor(norm, chars)
        || norm.starts_with("一、本年新收")
        || norm.starts_with("一.本年新收")
        || near_prefix(chars, first).is_some()
}

/// Whether `text` is `word` with at most one character edited (any of the
/// readings that take all of it).
fn is_near(text: &[char], word: &[char]) -> bool {
    // One edit changes the length by one at most: most pairs end here.
    text.len().abs_diff(word.len()) <= 1
        && (text == word || crate::text::near_prefix_ends(text, word).any(|end| end == text.len()))
}

/// The header of table 四: 行政复议 and 行政诉讼 side by side (one of the
/// two with one character edited), or at least three of its result columns
/// on a line that is not a sentence (`其中结果维持 72 件，结果纠正 64 件…` in
/// the narrative is not the table).
fn is_t4_header(doc: &Document, line: &Line, norm: &str, chars: &[char]) -> bool {
    if line.sep == Separator::None && heading_of(doc, line).is_some() {
        return false;
    }
    const REVIEW: [char; 4] = ['行', '政', '复', '议'];
    const SUIT: [char; 4] = ['行', '政', '诉', '讼'];
    const BOTH: [char; 8] = ['行', '政', '复', '议', '行', '政', '诉', '讼'];
    if line.sep != Separator::None {
        let (mut review, mut suit) = (None, None);
        let mut cells = NormText::default();
        static MARKS: std::sync::OnceLock<crate::text::Words> = std::sync::OnceLock::new();
        let marks = MARKS.get_or_init(|| crate::text::Words::new(&["议", "讼"]));
        let cells_to_read = if marks.in_text(doc.text(line.inner)) {
            &line.cells[..]
        } else {
            &[]
        };
        for c in cells_to_read {
            if c.content.len() > 40 || !marks.in_text(doc.text(c.content)) {
                continue;
            }
            cells.fill(doc.source, c.content);
            let n = &cells.chars;
            if n.len() >= 3 && n.len() <= 5 {
                review = review.or((is_near(n, &REVIEW)).then_some(n[..] != REVIEW));
                suit = suit.or((is_near(n, &SUIT)).then_some(n[..] != SUIT));
            }
        }
        // One of the two may be edited, not both.
        if let (Some(a), Some(b)) = (review, suit)
            && !(a && b)
        {
            return true;
        }
    }
    // Text that lost its separators: `行政复议行政诉讼结果维持…`, the
    // header going on (`行政复议、行政诉讼情况：无` is a sentence).
    if let Some(n) = near_prefix(chars, &BOTH) {
        let rest = &chars[n.end..];
        if rest.is_empty() || rest.starts_with(&['结', '果']) || rest.starts_with(&['未', '经'])
        {
            return true;
        }
    }
    let sentence = norm.contains('。')
        || norm.contains(',')
        || norm.contains(';')
        || norm
            .char_indices()
            .any(|(i, c)| c == '件' && norm[..i].ends_with(|d: char| d.is_ascii_digit()));
    !sentence
        && ["结果维持", "结果纠正", "其他结果", "尚未审结"]
            .iter()
            .filter(|w| norm.contains(*w))
            .count()
            >= 3
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
/// (number, number span, title). Also a heading whose numbering lost or
/// changed a character (`二主动公开政府信息情况`, `、主动公开…`, `某、主动公开…`).
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
        return damaged_heading(doc, line);
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
            // full (one character may be off): `### 改进措施` is a
            // sub-heading, not section 五.
            let norm = normalize_label(title);
            let chars: Vec<char> = norm.chars().collect();
            (SECTIONS.iter().any(|s| norm.contains(s.title))
                || section_titles()
                    .iter()
                    .any(|(_, t)| t.len() >= 6 && is_near(&chars, t)))
            .then_some((None, None, line.title))
        }
        _ => damaged_heading(doc, line),
    }
}

/// The accepted section titles, normalized.
fn section_titles() -> &'static [(u32, Vec<char>)] {
    static T: std::sync::OnceLock<Vec<(u32, Vec<char>)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        SECTION_TITLES
            .iter()
            .map(|(n, t)| (*n, normalize_label(t).chars().collect()))
            .collect()
    })
}

/// [`section_titles`] with their numbering: `二、主动公开政府信息情况`.
fn numbered_titles() -> &'static [Vec<char>] {
    static T: std::sync::OnceLock<Vec<Vec<char>>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        section_titles()
            .iter()
            .map(|(n, t)| {
                let mut h: Vec<char> = crate::syntax::cn_numeral(*n).chars().collect();
                h.push('、');
                h.extend(t);
                h
            })
            .collect()
    })
}

/// A line that is a section heading whose numbering lost, gained or changed
/// one character: the whole line is `N、TITLE` with one edit in `N、`.
fn damaged_heading(doc: &Document, line: &Line) -> Option<(Option<u32>, Option<Span>, Span)> {
    let raw = doc.text(line.inner);
    // A heading is short; most lines are not, or hold a sentence.
    if raw.len() > 160 || raw.is_empty() || crate::text::find_any(raw, &['。', '，']).is_some() {
        return None;
    }
    // Every accepted title ends in 情况, 事项 or 诉讼, whole when only the
    // numbering is damaged; and what is left of the numbering is its
    // numeral or its 、 (`二主动…`, `、主动…`, `某、主动…`, `某二、主动…`).
    if !crate::text::trim_end(raw).ends_with(['况', '项', '讼']) {
        return None;
    }
    let mut lead = raw.chars().filter(|c| !crate::text::is_space(*c));
    let numeral =
        |c: Option<char>| c.is_some_and(|c| matches!(c, '一' | '二' | '三' | '四' | '五' | '六'));
    let (a, b, c) = (lead.next(), lead.next(), lead.next());
    if !(numeral(a) || a == Some('、') || b == Some('、') || (numeral(b) && c == Some('、'))) {
        return None;
    }
    let norm = NormText::of(doc.source, line.inner);
    let chars = &norm.chars;
    let first = *chars.first()?;
    // The numbering's numeral or its 、 is left, or the title follows a
    // character that replaced them.
    if chars.len() < 5 {
        return None;
    }
    for ((n, title), heading) in section_titles().iter().zip(numbered_titles()) {
        let Some(k) = chars.len().checked_sub(title.len()) else {
            continue;
        };
        if !(1..=3).contains(&k) || chars[k..] != title[..] || !is_near(chars, heading) {
            continue;
        }
        let number_span = norm.span(0, k);
        let number = (Some(&first) == heading.first()).then_some(*n);
        return Some((number, Some(number_span), norm.span(k, chars.len())));
    }
    None
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

/// The section a heading's title names: by keyword (see [`section_of`]),
/// else an accepted wording with one character edited (`行政复仪`), which
/// for a short title (`总体情况`) also needs the heading's own number.
/// Returns the section and, when the wording was off, the accepted wording
/// it is close to.
pub fn section_named(norm_title: &str, number: Option<u32>) -> Option<(u32, Option<&'static str>)> {
    let by_words = section_of(norm_title);
    if let Some(n) = number
        .filter(|n| by_words.contains(n))
        .or_else(|| by_words.first().copied())
    {
        return Some((n, None));
    }
    let chars: Vec<char> = norm_title.chars().collect();
    section_titles()
        .iter()
        .zip(SECTION_TITLES)
        .find(|((n, t), _)| (t.len() >= 6 || number == Some(*n)) && is_near(&chars, t))
        .map(|((n, _), (_, wording))| (*n, Some(wording)))
}

/// A paragraph ends a table.
pub fn is_prose(doc: &Document, line: &Line) -> bool {
    if line.sep.has_cells() {
        return false;
    }
    let t = doc.text(line.inner);
    let visible = || t.chars().filter(|c| !crate::text::is_space(*c)).count();
    if line.sentence {
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
pub fn region_end(doc: &Document, start: usize, table: Table) -> usize {
    for i in start + 1..doc.lines.len() {
        let line = &doc.lines[i];
        if line.is_blank() {
            continue;
        }
        let mut others = Starts([true; 3]);
        others.0[table as usize] = false;
        if tables_starting_among(doc, line, others).any() {
            return i;
        }
        if let Some((number, _, title)) = heading_of(doc, line) {
            if names_table(number, doc.text(title), table) {
                continue;
            }
            let row = table == Table::T3 && is_t3_label(doc.text(line.inner));
            let section = number.is_none()
                || section_named(&normalize_label(doc.text(title)), number).is_some()
                || table != Table::T3;
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

/// A heading inside a table's region that names the table's own section
/// or the table itself (`## 三、收到和处理…` again over a page break, `## 表三（续）`):
/// a converter's repeat, not the end of the table.
pub fn names_table_again(doc: &Document, line: &Line, table: Table) -> bool {
    heading_of(doc, line)
        .is_some_and(|(number, _, title)| names_table(number, doc.text(title), table))
}

/// Whether a heading (its number and title) names `table`'s own section or
/// is the table's caption.
fn names_table(number: Option<u32>, title: &str, table: Table) -> bool {
    let norm = normalize_label(title);
    if let Some(t) = caption_of(&norm) {
        return t == table;
    }
    section_named(&norm, number).is_some_and(|(s, _)| s == table.section())
}

/// The table a caption names: `表三：收到和处理…`, `表 4`, `表三（续）`.
pub fn caption_of(norm: &str) -> Option<Table> {
    let rest = norm.strip_prefix('表')?;
    match rest.chars().next()? {
        '二' | '2' => Some(Table::T2),
        '三' | '3' => Some(Table::T3),
        '四' | '4' => Some(Table::T4),
        _ => None,
    }
}

/// A line that is a section's heading in words only (not numbered, not
/// styled), as a plain Word paragraph gives it.
fn is_section_title(text: &str) -> bool {
    // Every accepted wording ends in 情况, 事项 or 诉讼.
    static ENDINGS: std::sync::OnceLock<crate::text::Words> = std::sync::OnceLock::new();
    if text.len() > 120
        || !ENDINGS
            .get_or_init(|| crate::text::Words::new(&["情况", "事项", "诉讼"]))
            .in_text(text)
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
fn starts_like_row(doc: &Document, line: &Line, table: Table) -> bool {
    let t = doc.text(line.inner);
    let first = t.split(crate::text::is_space).next().unwrap_or("");
    if first.chars().count() > 40 || first.contains('。') {
        return false;
    }
    match table {
        Table::T3 => is_t3_label(first),
        Table::T2 => {
            let n = normalize_label(first);
            n.starts_with("第二十条")
                || crate::schema::TABLE2_2019
                    .iter()
                    .chain(crate::schema::TABLE2_2021)
                    .flat_map(|b| b.rows)
                    .any(|r| n.starts_with(r))
        }
        Table::T4 => false,
    }
}

/// The first line outside the tables read that holds a word only table
/// `id` has (see [`Table::named_in`]).
pub fn table_words_line(doc: &Document, id: Table, consumed: &[bool]) -> Option<usize> {
    doc.lines.iter().enumerate().find_map(|(i, l)| {
        let t = doc.text(l.inner);
        (!consumed.get(i).copied().unwrap_or(false)
            && !t.contains('。')
            && id.named_in(&normalize_label(t).chars().collect::<Vec<_>>()))
        .then_some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The words a table's start is read from, and some that are not.
    const WORDS: [&str; 16] = [
        "第二十条第（一）项",
        "第二十条（五）项",
        "信息内容",
        "本年制发件数",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "一、本年新收政府信息公开申请数量",
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ];

    /// A word with one character substituted, deleted, inserted or a space
    /// put in (`edit` picks which, `at` where), or spaced out throughout.
    fn edited(word: &str, edit: usize, at: usize) -> String {
        let mut cs: Vec<char> = word.chars().collect();
        let k = at % cs.len();
        match edit % 8 {
            0 => cs[k] = '某',
            1 => {
                cs.remove(k);
            }
            2 => cs.insert(k, '某'),
            3 => cs.insert(k, ' '),
            4 => return cs.iter().map(|c| format!("{c} ")).collect(),
            5 => cs.insert(k, '\u{3000}'),
            6 => return cs.iter().map(|c| format!("{c}\u{3000}")).collect(),
            _ => {}
        }
        cs.into_iter().collect()
    }

    proptest! {
        /// `may_start_tables` never turns away a line where the full decision
        /// finds a table's start: landmark words with a character edited
        /// or letter-spaced, with other words and separators around them.
        #[test]
        fn may_start_never_says_no_wrongly(
            picks in proptest::collection::vec((0usize..WORDS.len(), 0usize..8, 0usize..40), 1..5),
            seps in proptest::collection::vec(0usize..5, 5),
            prefix in "[一二三四、0-9 ]{0,3}",
        ) {
            let mut line = prefix;
            for (n, &(w, e, at)) in picks.iter().enumerate() {
                line.push_str(&edited(WORDS[w], e, at));
                line.push_str(["", " ", "\t", " | ", "0"][seps[n % seps.len()]]);
            }
            let doc = syntax::parse(&line);
            for l in &doc.lines {
                let maybe = may_start_tables(doc.text(l.inner));
                let full = decide(&doc, l, Starts([true; 3]));
                for t in Table::ALL {
                    prop_assert!(maybe.has(t) || !full.has(t), "{t:?} in {line:?}");
                }
            }
        }
    }

    proptest! {
        /// The byte search for spaces that are not ASCII agrees with looking
        /// at every character.
        #[test]
        fn has_wide_space_finds_every_wide_space(text in "[a二，。“ \t\u{3000}\u{a0}\u{2003}\u{feff}\u{1680}]{0,12}") {
            prop_assert_eq!(
                has_wide_space(&text),
                text.chars().any(|c| !c.is_ascii() && crate::text::is_space(c))
            );
        }
    }

    #[test]
    fn landmarks_with_a_character_off_and_spaced_out() {
        let starts = |text: &str| {
            let doc = syntax::parse(text);
            let l = &doc.lines[0];
            let s = tables_starting(&doc, l);
            Table::ALL
                .iter()
                .copied()
                .filter(|&t| s.has(t))
                .collect::<Vec<_>>()
        };
        assert_eq!(starts("第 二 十 条 第 （ 一 ） 项"), [Table::T2]);
        assert_eq!(starts("第二十条第（一）顼"), [Table::T2]);
        assert_eq!(starts("信 息 内 容\t本年制发件数"), [Table::T2]);
        assert_eq!(
            starts("（本列数据的勾计关系为：第一项加第二项之和）"),
            [Table::T3]
        );
        assert_eq!(starts("申 请 人 情 况\t自然人"), [Table::T3]);
        assert_eq!(starts("行政复议\t\t\t\t\t行政诉讼"), [Table::T4]);
        assert_eq!(starts("行政复仪\t\t\t\t\t行政诉讼"), [Table::T4]);
        assert_eq!(starts("行政复仪行政诉讼结果维持"), [Table::T4]);
        assert_eq!(starts("行政复议 行政诉某讼"), [Table::T4]);
        assert!(starts("行政复议、行政诉讼情况：无").is_empty());
        // Never a sentence: the narrative's 结果维持 72 件，结果纠正 64 件….
        assert!(
            starts("其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件")
                .is_empty()
        );
        assert!(starts("依据《条例》第二十条第（一）项的规定，主动公开规章。").is_empty());
        assert!(starts("收到和处理政府信息公开申请情况").is_empty());
    }
}
