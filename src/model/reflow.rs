//! Text copied from a web page often loses its line breaks: headings,
//! tables and prose run together on one line, sometimes with no space at
//! all (`…继续办理0000000四、政府信息公开行政复议…`, `六、其他需要报告的事项2023年，
//! 本机关未收取…`). Such a line is cut into virtual lines (sub-spans of the same
//! line) before and after section headings, before the items of 一, before
//! the markers of the tables, after each sentence, and after a title ending
//! in 年度报告. The table
//! readers need no cuts inside a table: they read its tokens in order.

use super::labels::{NormText, norm_chars};
use super::landmarks::{is_t3_label, section_of};
use super::value::is_digit;
use crate::schema::SECTION_TITLES;
use crate::syntax::{self, Document, Line, Separator};
use crate::text::{Span, near_prefix, normalize_label};

/// Only a long line that holds a table or several sections is cut: an
/// ordinary paragraph is left alone.
fn is_long(src: &str, l: &Line) -> bool {
    if l.span.len() <= 150 || !matches!(l.sep, Separator::None | Separator::Space) {
        return false;
    }
    let t = &src[l.span.range()];
    // A section's heading with its whole text glued after it
    // (`一、总体情况2024年，…（一）主动公开方面，…`): cut after the heading.
    if glued_heading(t) {
        return true;
    }
    if l.span.len() <= 300 {
        return false;
    }
    // Searchers built once: every long paragraph of every report is asked.
    static TABLES: std::sync::OnceLock<crate::text::Words> = std::sync::OnceLock::new();
    static SECTIONS: std::sync::OnceLock<Vec<crate::text::Words>> = std::sync::OnceLock::new();
    let tables = TABLES.get_or_init(|| crate::text::Words::new(&["二十条", "勾稽"]));
    if tables.in_text(t) {
        return true;
    }
    SECTIONS
        .get_or_init(|| {
            [
                "主动公开政府信息情况",
                "收到和处理",
                "行政复议",
                "存在的主要问题",
                "其他需要报告",
            ]
            .iter()
            .map(|k| crate::text::Words::new(&[k]))
            .collect()
        })
        .iter()
        .filter(|k| k.in_text(t))
        .nth(1)
        .is_some()
}

/// Whether a line starts with a numbered section heading in an accepted
/// wording and goes on, with no break, into text.
fn glued_heading(t: &str) -> bool {
    let t = t.trim_start_matches(|c: char| crate::text::is_space(c) || c == '#' || c == '*');
    let mut cs = t.chars();
    if !cs.next().is_some_and(|c| "一二三四五六".contains(c)) || cs.next() != Some('、') {
        return false;
    }
    let head = cs.as_str().trim_start_matches(crate::text::is_space);
    SECTION_TITLES.iter().any(|(_, title)| {
        prefix_len_ignoring_spaces(head, title).is_some_and(|n| {
            head[n..]
                .chars()
                .next()
                .is_some_and(|c| !crate::text::is_space(c))
        })
    })
}

/// Cuts the long lines of `doc` and joins the HTML rows written over several
/// lines; when it changes any, also gives back the lines as they were parsed
/// (kept for the next edit: `model::bind_after_edit`).
pub fn reflow(doc: Document<'_>) -> (Document<'_>, Option<Vec<Line>>) {
    let src = doc.source;
    let long = |l: &Line| is_long(src, l);
    let first_long = doc.lines.iter().position(long);
    let open_row = doc.lines.iter().any(|l| syntax::html_row_is_open(src, l));
    if first_long.is_none() && !open_row {
        return (doc, None);
    }
    // Lines before the first long one were just asked.
    let first_long = first_long.unwrap_or(doc.lines.len());
    let parsed = doc.lines.clone();
    let mut lines = Vec::with_capacity(doc.lines.len() * 2);
    for (i, line) in doc.lines.into_iter().enumerate() {
        if i < first_long || !long(&line) {
            lines.push(line);
            continue;
        }
        let mut start = line.span.start;
        for cut in cut_points(src, line.span)
            .into_iter()
            .chain(std::iter::once(line.span.end))
        {
            if cut > start {
                lines.push(syntax::parse_line(src, Span::new(start, cut)));
            }
            start = cut;
        }
    }
    if open_row {
        lines = join_html_rows(src, lines);
    }
    (Document { source: src, lines }, Some(parsed))
}

/// The most lines one HTML row is looked for over: a `<tr>` of table 四
/// written a tag per line holds 15 cells.
const MAX_ROW_LINES: usize = 64;

/// Joins each HTML row written a tag per line (`<tr class="odd">`,
/// `<td>规章</td>`, …, `</tr>`, as pandoc writes merged cells) into one line
/// of cells. A row with no `</tr>` before the next `<tr>` stays as it is.
fn join_html_rows(src: &str, lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let close = syntax::html_row_is_open(src, line)
            .then(|| {
                lines
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .take(MAX_ROW_LINES)
                    .take_while(|(_, l)| l.sep != Separator::Html)
                    .find(|(_, l)| syntax::html_row_end(src, l.span).is_some())
                    .map(|(j, _)| j)
            })
            .flatten();
        match close {
            Some(j) => {
                out.push(syntax::parse_line(
                    src,
                    Span::new(line.span.start, lines[j].span.end),
                ));
                i = j + 1;
            }
            None => {
                out.push(lines[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// Byte length of a section heading's title at the start of `head`: an
/// accepted wording, else (when the words name a section) up to the first
/// space or sentence mark.
fn title_len(head: &str) -> Option<usize> {
    let lead = head.len() - head.trim_start_matches(crate::text::is_space).len();
    title_len_trimmed(&head[lead..]).map(|n| lead + n)
}

fn title_len_trimmed(head: &str) -> Option<usize> {
    for (_, title) in SECTION_TITLES {
        if let Some(n) = prefix_len_ignoring_spaces(head, title) {
            return Some(n);
        }
    }
    let first: String = head.chars().take(20).collect();
    if section_of(&normalize_label(&first)).is_empty() {
        return None;
    }
    let end = head
        .char_indices()
        .take(30)
        .find(|(_, c)| crate::text::is_space(*c) || matches!(c, '。' | '，' | '：' | ':' | '；'))
        .map(|(i, _)| i);
    Some(end.unwrap_or_else(|| {
        head.char_indices()
            .nth(30)
            .map(|x| x.0)
            .unwrap_or(head.len())
    }))
}

/// Bytes of `text` that spell `word` (spaces in `text` skipped).
fn prefix_len_ignoring_spaces(text: &str, word: &str) -> Option<usize> {
    let mut want = word
        .chars()
        .filter(|c| !crate::text::is_space(*c))
        .peekable();
    for (i, c) in text.char_indices() {
        if want.peek().is_none() {
            return Some(i);
        }
        if crate::text::is_space(c) {
            continue;
        }
        let w = want.next()?;
        let same = c == w || normalize_label(&c.to_string()) == normalize_label(&w.to_string());
        if !same {
            return None;
        }
    }
    want.peek().is_none().then_some(text.len())
}

/// A section heading in an accepted wording at byte `at` of `src`:
/// `N、TITLE` within one edited character (spaces skipped). Returns the
/// byte where it ends and whether a character was off.
fn official_heading(src: &str, at: usize, window: &mut NormText) -> Option<(usize, bool)> {
    // A title's first or second character stands within the first five
    // (after a numbering of up to three, one of them edited): most places
    // a numeral or 、 stands at begin no title, and five characters say so.
    let near_start = src[at..]
        .chars()
        .filter(|c| !crate::text::is_space(*c))
        .take(5)
        .any(|c| {
            matches!(
                c,
                '总' | '体'
                    | '主'
                    | '动'
                    | '收'
                    | '到'
                    | '政'
                    | '府'
                    | '因'
                    | '存'
                    | '在'
                    | '其'
                    | '他'
                    | '它'
            )
        });
    if !near_start {
        return None;
    }
    static HEADINGS: std::sync::OnceLock<Vec<Vec<char>>> = std::sync::OnceLock::new();
    let headings = HEADINGS.get_or_init(|| {
        SECTION_TITLES
            .iter()
            .map(|(n, t)| norm_chars(&format!("{}、{t}", syntax::cn_numeral(*n))))
            .collect()
    });
    let longest = headings.iter().map(Vec::len).max().unwrap_or(0);
    let end = crate::text::floor_char_boundary(src, (at + 4 * (longest + 2) * 3).min(src.len()));
    window.fill_prefix(src, Span::new(at, end), longest + 2);
    let mut best: Option<(usize, bool)> = None;
    for h in headings {
        if let Some(n) = near_prefix(&window.chars, h) {
            // Exact before edited, then the longest wording.
            let key = (!n.edited, n.end);
            if best.is_none_or(|(e, edited)| key > (!edited, e)) {
                best = Some((n.end, n.edited));
            }
        }
    }
    let (n, edited) = best?;
    // The heading's numbering or 、 is left: a bare title in a sentence
    // (`本报告包括总体情况、主动公开政府信息情况…`) is not a heading.
    let c = &window.chars;
    let numeral = |k: usize| c.get(k).is_some_and(|x| "一二三四五六".contains(*x));
    let comma = |k: usize| c.get(k) == Some(&'、');
    // `二主动…`, `、主动…`, `某、主动…`, `某二、主动…`.
    if edited && !(numeral(0) || comma(0) || comma(1) || (numeral(1) && comma(2))) {
        return None;
    }
    Some((window.span(n - 1, n).end, edited))
}

fn cut_points(src: &str, span: Span) -> Vec<usize> {
    let text = &src[span.range()];
    let mut cuts = Vec::new();
    let boundary_before = |i: usize| {
        text[..i].chars().next_back().is_none_or(|c| {
            crate::text::is_space(c)
                || is_digit(c)
                || matches!(
                    c,
                    '。' | '；' | '！' | '？' | ')' | '）' | '|' | '”' | '：' | ':'
                )
        })
    };
    let mut prev: Option<char> = None;
    let mut window = NormText::default();
    // The end of the last heading cut: nothing inside it starts another.
    let mut heading_end = 0;
    let bytes = text.as_bytes();
    // `、` and the numerals 一 to 六 at byte `k`, by their bytes: this looks
    // at every character of a long line.
    let comma_at = |k: usize| bytes.get(k..k + 3) == Some("、".as_bytes());
    let numeral_at = |k: usize| {
        bytes.get(k..k + 3).is_some_and(|b| {
            ["一", "二", "三", "四", "五", "六"]
                .iter()
                .any(|n| n.as_bytes() == b)
        })
    };
    for (i, c) in text.char_indices() {
        let rest = &text[i..];
        // Only these characters begin anything that is cut before; a
        // heading whose numeral was changed or lost starts at its `、`, one
        // with a character before its numeral at that character.
        let after_at = i + c.len_utf8();
        let next_is_comma = comma_at(after_at);
        // (A character put before a numbering is a letter, not the digit or
        // mark that ends what comes before: `…0000000四、` cuts at 四.)
        let numbering_next = ('\u{4e00}'..='\u{9fff}').contains(&c)
            && bytes
                .get(after_at)
                .is_some_and(|b| (0xE4..=0xE5).contains(b))
            && numeral_at(after_at)
            && comma_at(after_at + 3);
        if (!matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '（' | '(' | '第' | '行' | '、'
        ) && !next_is_comma
            && !numbering_next)
            || i < heading_end
        {
            prev = Some(c);
            continue;
        }
        // Right after a heading just cut is a boundary too.
        let at_boundary = i > 0 && (boundary_before(i) || cuts.last() == Some(&i));
        let numbered = "一二三四五六".contains(c) && next_is_comma;
        // The official wording is a heading wherever it stands (`…要点>二、
        // 主动公开政府信息情况`); with a character off, only at a boundary.
        // At the line's start a heading is only cut after.
        let may_head = matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '、')
            || next_is_comma
            || numbering_next;
        let official = may_head
            .then(|| official_heading(src, span.start + i, &mut window))
            .flatten()
            .filter(|&(_, edited)| !edited || at_boundary);
        if let Some((end, _)) = official {
            cuts.push(i);
            let after = end - span.start;
            heading_end = after;
            if after < text.len() {
                cuts.push(after);
            }
        } else if i > 0 && numbered && at_boundary {
            // Other wordings, numbered, at a boundary.
            let head = &rest[c.len_utf8() + '、'.len_utf8()..];
            if !is_t3_label(&rest[..crate::text::floor_char_boundary(rest, 60)])
                && let Some(n) = title_len(head)
            {
                cuts.push(i);
                let after = i + c.len_utf8() + '、'.len_utf8() + n;
                if after < text.len() {
                    cuts.push(after);
                }
            }
        } else if (at_boundary
            && (c == '（' || c == '(')
            && rest
                .chars()
                .nth(1)
                .is_some_and(|d| "一二三四五六七".contains(d))
            && rest.chars().nth(2).is_some_and(|d| d == '）' || d == ')')
            // `第二十条第 （一）项`: a block heading of table 二, not an item.
            && rest.chars().nth(3) != Some('项'))
            || (rest.starts_with("第二十条")
                && prev != Some('第')
                && rest.chars().take(12).any(|c| c == '项'))
            || rest.starts_with("（本列数据")
            || rest.starts_with("(本列数据")
        {
            // An item of 一, or a marker of table 二 or 三. A letter between
            // the numbers before and the marker (`…0011某第二十条`) is a
            // character put before the marker, not the end of a row.
            let mut back = text[..i].chars().rev();
            let stray = match (back.next(), back.next()) {
                (Some(a), Some(b)) if ('\u{4e00}'..='\u{9fff}').contains(&a) && is_digit(b) => {
                    a.len_utf8()
                }
                _ => 0,
            };
            cuts.push(i - stray);
        } else if rest.starts_with("行政复议") && !text[..i].ends_with("公开") {
            // Table 四's header: 行政复议 then, past spaces only, 行政诉讼.
            let near: String = rest
                .chars()
                .take(24)
                .filter(|c| !crate::text::is_space(*c))
                .collect();
            if near.starts_with("行政复议行政诉讼") {
                cuts.push(i);
            }
        }
        prev = Some(c);
    }
    // A sentence ends a virtual line: tables glued to prose stop there.
    for (i, c) in text.char_indices() {
        if c == '。' && i + c.len_utf8() < text.len() {
            cuts.push(i + c.len_utf8());
        }
    }
    // The title: `…年度报告` followed by the intro.
    if let Some(p) = text.char_indices().take(120).find_map(|(i, _)| {
        text[i..]
            .starts_with("年度报告")
            .then_some(i + "年度报告".len())
    }) && p < text.len()
    {
        cuts.push(p);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.into_iter()
        .map(|c| span.start + c)
        .filter(|&c| c > span.start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(src: &str) -> Vec<String> {
        let (doc, _) = reflow(syntax::parse(src));
        doc.lines
            .iter()
            .map(|l| src[l.span.range()].to_string())
            .collect()
    }

    #[test]
    fn glued_headings_are_cut_on_both_sides() {
        let filler = "正文内容。".repeat(70);
        let src = format!(
            "{filler}一、总体情况2024年，我局认真工作。二、主动公开政府信息情况 第二十条第（一）项信息内容（七）总计5000005四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持0 六、其他需要报告的事项2023年，本机关未收取费用。"
        );
        let p = pieces(&src);
        assert!(p.iter().any(|x| x == "一、总体情况"), "{p:#?}");
        assert!(p.iter().any(|x| x.starts_with("2024年，我局")), "{p:#?}");
        assert!(p.iter().any(|x| x == "六、其他需要报告的事项"), "{p:#?}");
        assert!(
            p.iter()
                .any(|x| x == "四、政府信息公开行政复议、行政诉讼情况"),
            "{p:#?}"
        );
        assert!(
            p.iter().any(|x| x.starts_with("行政复议行政诉讼")),
            "{p:#?}"
        );
        // A row of table 三 numbered 四 is not a section.
        assert!(!p.iter().any(|x| x.starts_with("四、结转")), "{p:#?}");
    }
}
