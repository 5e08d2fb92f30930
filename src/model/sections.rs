//! The six sections and the items of 一: headings read outside the tables,
//! and section words that stand in the text without being read as one.

use super::landmarks::{heading_of, is_t3_label, section_named, section_of};
use super::report::{SectionHeading, SubHeading, UnreadHeading};
use crate::schema::SECTION_TITLES;
use crate::syntax::{Document, NumberingKind};
use crate::text::normalize_label;

/// Reads the section headings and the items under them, skipping the
/// lines the tables took.
pub fn read(doc: &Document, consumed: &[bool]) -> (Vec<SectionHeading>, Vec<SubHeading>) {
    let mut sections: Vec<SectionHeading> = Vec::new();
    let mut subsections = Vec::new();
    let mut nested_next: Option<u32> = None;
    for (li, line) in doc.lines.iter().enumerate() {
        if consumed.get(li).copied().unwrap_or(false) {
            continue;
        }
        if let Some((number, number_span, title)) = heading_of(doc, line) {
            let norm = normalize_label(doc.text(title));
            if number.is_some() && is_t3_row_heading(doc.text(line.inner)) {
                continue;
            }
            // `## 表三：收到和处理…` names a table, not a section: converters
            // write it before each piece of the table.
            if super::landmarks::caption_of(&norm).is_some() {
                continue;
            }
            let named = section_named(&norm, number);
            // `一、存在问题 二、改进措施` inside a section: numbering that
            // restarts at 一 under a later section, with titles that do not
            // name their own section, is a list of sub-headings.
            let last_top = sections.iter().rev().find_map(|s| s.number).unwrap_or(0);
            if let Some(n) = number
                && n < last_top
                && named.is_none_or(|(m, _)| m != n)
                && (n == 1 || nested_next == Some(n))
            {
                nested_next = Some(n + 1);
                continue;
            }
            nested_next = None;
            // A title read only with a character off names its section only
            // in the section's place: after the sections before it, once.
            let last_matched = sections.iter().filter_map(|s| s.matched).max().unwrap_or(0);
            let named = named.filter(|&(m, wording)| wording.is_none() || m > last_matched);
            // The same heading again with only a table between: a converter
            // repeated it over a page break, it is not a second section.
            if let Some((m, _)) = named
                && let Some(prev) = sections.last()
                && prev.matched == Some(m)
                && only_table_between(doc, consumed, prev.line, li)
            {
                continue;
            }
            sections.push(SectionHeading {
                line: li,
                span: line.span,
                number,
                number_span,
                title,
                matched: named.map(|(m, _)| m),
                misworded: named.and_then(|(_, wording)| wording),
            });
            continue;
        }
        if let Some(num) = line.numbering
            && num.kind == NumberingKind::ParenChinese
            && let Some(si) = sections.len().checked_sub(1)
            && !line.sep.has_cells()
        {
            subsections.push(SubHeading {
                line: li,
                span: line.span,
                title: line.title,
                section: si,
            });
        }
    }
    (sections, subsections)
}

/// Whether the lines between two headings hold a table (its lines, or
/// rows of cells) and nothing a reader would call a section's text.
fn only_table_between(doc: &Document, consumed: &[bool], from: usize, to: usize) -> bool {
    (from + 1..to).all(|i| {
        let l = &doc.lines[i];
        l.is_blank()
            || consumed.get(i).copied().unwrap_or(false)
            || l.sep.has_cells()
            || super::stream::is_page_number(doc.text(l.inner))
    }) && (from + 1..to)
        .any(|i| consumed.get(i).copied().unwrap_or(false) || doc.lines[i].sep.has_cells())
}

/// A line that is exactly a row of table 三 (`四、结转下年度继续办理`), not a
/// section heading, even outside the table.
fn is_t3_row_heading(text: &str) -> bool {
    let n = normalize_label(text);
    is_t3_label(text) && section_of(&n).is_empty()
}

/// Section words for the sections no heading names: after a numbering
/// (`二、`, `二.`) or at the start of a line, spaced out or glued to other
/// text, or with one character wrong.
pub fn unread_headings(
    doc: &Document,
    consumed: &[bool],
    sections: &[SectionHeading],
) -> Vec<UnreadHeading> {
    let missing: Vec<u32> = (1..=6u32)
        .filter(|n| !sections.iter().any(|s| s.matched == Some(*n)))
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let titles: Vec<(u32, Vec<char>)> = SECTION_TITLES
        .iter()
        .filter(|(n, _)| missing.contains(n))
        .map(|(n, t)| (*n, normalize_label(t).chars().collect()))
        .collect();
    let mut out: Vec<UnreadHeading> = Vec::new();
    let mut window = super::labels::NormText::default();
    let mut probe = super::labels::NormText::default();
    // `find_title` compares a title at the window's start or after its
    // numbering (at most four characters): past twice that the window
    // cannot change the answer (each `(1)` → `1.` shortens it by one).
    let longest = titles.iter().map(|(_, t)| t.len()).max().unwrap_or(0);
    let window_chars = 2 * (longest + 4) + 4;
    for (li, line) in doc.lines.iter().enumerate() {
        if consumed.get(li).copied().unwrap_or(false) || line.is_blank() {
            continue;
        }
        // Only where a heading can begin: the line's start and right after
        // a numbering; a short window there is normalized once.
        for at in heading_starts(doc.text(line.inner)) {
            let start = line.inner.start + at;
            let end =
                crate::text::floor_char_boundary(doc.source, (start + 160).min(line.inner.end));
            let span = crate::text::Span::new(start, end);
            // Most lines begin no title: ten characters say so.
            probe.fill_prefix(doc.source, span, PROBE_CHARS);
            let wanted = |n: &u32| !out.iter().any(|u| u.section == *n);
            if !titles
                .iter()
                .any(|(n, t)| wanted(n) && may_begin_title(&probe.chars, t))
            {
                continue;
            }
            window.fill_prefix(doc.source, span, window_chars);
            for (number, t) in &titles {
                if out.iter().any(|u| u.section == *number) {
                    continue;
                }
                if let Some((at, wrong)) = find_title(&window.chars, t) {
                    out.push(UnreadHeading {
                        section: *number,
                        line: li,
                        span: window.span(at, at + t.len()),
                        misworded: wrong,
                    });
                }
            }
        }
    }
    out.sort_by_key(|u| u.section);
    out
}

/// Characters of a line's start that [`may_begin_title`] reads: it looks
/// at most two characters past a numbering of at most four, and a `(12)` cut
/// at the limit (left unfolded) starts past them.
const PROBE_CHARS: usize = 10;

/// Whether [`find_title`] may find `title` in a window that begins with
/// `probe` (the window's first [`PROBE_CHARS`] characters): with at most one
/// character wrong, a title of four or more characters has its first or its
/// second character right, at the window's start or after its numbering.
fn may_begin_title(probe: &[char], title: &[char]) -> bool {
    let numbering = super::labels::numbering_len(probe);
    [0, numbering].iter().any(|&at| {
        (probe.get(at).is_some() && probe.get(at) == title.first())
            || (probe.get(at + 1).is_some() && probe.get(at + 1) == title.get(1))
    })
}

/// Byte offsets in `text` where a heading's words may begin: the start, and
/// the first character after `一、`…`六、` or `（一）`…`（六）`.
fn heading_starts(text: &str) -> Vec<usize> {
    let cn = |c: char| matches!(c, '一' | '二' | '三' | '四' | '五' | '六');
    let mut out = vec![0];
    // `、` and `）` by their lead bytes (E3, EF) and `)`: the line is not
    // decoded character by character.
    for i in memchr::memchr3_iter(0xE3, 0xEF, b')', text.as_bytes()) {
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            continue;
        };
        let after = i + c.len_utf8();
        let mut back = text[..i].chars().rev();
        let (b, a) = (back.next(), back.next());
        if c == '、' && b.is_some_and(cn) {
            out.push(after);
        }
        if matches!(c, '）' | ')')
            && b.is_some_and(cn)
            && a.is_some_and(|a| matches!(a, '（' | '('))
        {
            out.push(after);
        }
    }
    out.dedup();
    out
}

/// Where `title` stands in `text` as a heading would: at the start or right
/// after a numbering. Returns its position and whether a character differs.
fn find_title(text: &[char], title: &[char]) -> Option<(usize, bool)> {
    if title.len() < 4 {
        return None;
    }
    // The window starts where a heading may: the title stands at its start
    // or right after the window's own numbering.
    let numbering = super::labels::numbering_len(text);
    for at in [0, numbering] {
        let Some(found) = text.get(at..at + title.len()) else {
            continue;
        };
        let wrong = found.iter().zip(title).filter(|(a, b)| a != b).count();
        if wrong <= 1 {
            return Some((at, wrong == 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ten-character probe never turns away a line whose window
        /// holds a title.
        #[test]
        fn the_probe_keeps_every_title(
            text in "[总体情况主动公开政府信息其他需要报告的事项一二六、()（）12. 　“]{0,30}",
            wrong in 0usize..30,
        ) {
            for (_, title) in SECTION_TITLES {
                let t: Vec<char> = normalize_label(title).chars().collect();
                // Also the title itself with one character wrong, after the text.
                let mut variant = t.clone();
                if let Some(c) = variant.get_mut(wrong % t.len()) {
                    *c = '错';
                }
                for line in [text.clone(), format!("{text}{}", variant.iter().collect::<String>()),
                             format!("二、{}", variant.iter().collect::<String>()),
                             format!("（12）{}{text}", t.iter().collect::<String>())] {
                    let span = crate::text::Span::new(0, line.len());
                    let mut window = super::super::labels::NormText::default();
                    window.fill_prefix(&line, span, 2 * (t.len() + 4) + 4);
                    let mut probe = super::super::labels::NormText::default();
                    probe.fill_prefix(&line, span, PROBE_CHARS);
                    if find_title(&window.chars, &t).is_some() {
                        proptest::prop_assert!(may_begin_title(&probe.chars, &t), "{line:?} {title}");
                    }
                }
            }
        }
    }

    #[test]
    fn heading_starts_after_every_numbering() {
        // The character-by-character reading it replaced, as the reference.
        fn reference(text: &str) -> Vec<usize> {
            let cn = |c: char| matches!(c, '一' | '二' | '三' | '四' | '五' | '六');
            let mut out = vec![0];
            let mut prev: [(char, usize); 3] = [('\0', 0); 3];
            for (i, c) in text.char_indices() {
                prev = [prev[1], prev[2], (c, i + c.len_utf8())];
                let [(a, _), (b, _), (c, after)] = prev;
                if c == '、' && cn(b) {
                    out.push(after);
                }
                if matches!(c, '）' | ')') && cn(b) && matches!(a, '（' | '(') {
                    out.push(after);
                }
            }
            out.dedup();
            out
        }
        for text in [
            "",
            "一、总体情况",
            "正文。二、主动公开（三）依申请(四)复议、、五、",
            "（七）总计 十、 （二)x 六)",
            "、）)",
            "😀三、𠀀（五）",
        ] {
            assert_eq!(heading_starts(text), reference(text), "{text}");
        }
    }

    #[test]
    fn titles_after_numbering_only() {
        let c = |s: &str| -> Vec<char> { normalize_label(s).chars().collect() };
        let t = c("主动公开政府信息情况");
        assert_eq!(
            find_title(&c("二、主动公开政府信息情况"), &t),
            Some((2, false))
        );
        assert_eq!(
            find_title(&c("二、主动公开政府信自情况"), &t),
            Some((2, true))
        );
        assert_eq!(
            find_title(&c("本报告包括总体情况、主动公开政府信息情况"), &t),
            None
        );
    }
}
