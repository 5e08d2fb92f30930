//! The six sections and the items of 一: headings read outside the tables,
//! and section words that stand in the text without being read as one.

use super::landmarks::{heading_of, is_t3_label, section_of};
use super::report::{SectionHeading, SubHeading, UnreadHeading};
use crate::schema::{SECTION_TITLES, normalize_label};
use crate::syntax::{Document, NumberingKind, Separator};

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
            let candidates = section_of(&norm);
            // `一、存在问题 二、改进措施` inside a section: numbering that
            // restarts at 一 under a later section, with titles that do not
            // name their own section, is a list of sub-headings.
            let last_top = sections.iter().rev().find_map(|s| s.number).unwrap_or(0);
            if let Some(n) = number
                && n < last_top
                && !candidates.contains(&n)
                && (n == 1 || nested_next == Some(n))
            {
                nested_next = Some(n + 1);
                continue;
            }
            nested_next = None;
            let matched = number
                .filter(|n| candidates.contains(n))
                .or_else(|| candidates.first().copied());
            sections.push(SectionHeading {
                line: li,
                span: line.span,
                number,
                number_span,
                title,
                matched,
            });
            continue;
        }
        if let Some(num) = line.numbering
            && num.kind == NumberingKind::ParenChinese
            && let Some(si) = sections.len().checked_sub(1)
            && line.sep != Separator::Tab
            && line.sep != Separator::Pipe
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
    let mut out = Vec::new();
    for number in 1..=6u32 {
        if sections.iter().any(|s| s.matched == Some(number)) {
            continue;
        }
        let titles: Vec<Vec<char>> = SECTION_TITLES
            .iter()
            .filter(|(n, _)| *n == number)
            .map(|(_, t)| normalize_label(t).chars().collect())
            .collect();
        // Two characters each end of a title: one wrong character leaves
        // the other pair (and spaced-out short lines are looked at whole).
        let pairs: Vec<(String, String)> = SECTION_TITLES
            .iter()
            .filter(|(n, _)| *n == number)
            .map(|(_, t)| {
                let c: Vec<char> = t.chars().collect();
                (c[..2].iter().collect(), c[c.len() - 2..].iter().collect())
            })
            .collect();
        'lines: for (li, line) in doc.lines.iter().enumerate() {
            if consumed.get(li).copied().unwrap_or(false) || line.is_blank() {
                continue;
            }
            let raw = doc.text(line.inner);
            let spaced = raw.len() <= 240 && raw.contains(|c: char| crate::syntax::is_space(c));
            if !spaced
                && !pairs
                    .iter()
                    .any(|(a, b)| raw.contains(a.as_str()) || raw.contains(b.as_str()))
            {
                continue;
            }
            let n = super::labels::NormText::of(doc.source, line.inner);
            for t in &titles {
                if let Some((at, wrong)) = find_title(&n.chars, t) {
                    out.push(UnreadHeading {
                        section: number,
                        line: li,
                        span: n.span(at, at + t.len()),
                        misworded: wrong,
                    });
                    break 'lines;
                }
            }
        }
    }
    out
}

/// Where `title` stands in `text` as a heading would: at the start or right
/// after a numbering. Returns its position and whether a character differs.
fn find_title(text: &[char], title: &[char]) -> Option<(usize, bool)> {
    if title.len() < 4 || text.len() < title.len() {
        return None;
    }
    let cn = |c: char| "一二三四五六".contains(c);
    for at in 0..=text.len() - title.len() {
        let after_numbering = at == 0
            || (at >= 2 && cn(text[at - 2]) && matches!(text[at - 1], '、' | '.'))
            || (at >= 3 && text[at - 3] == '(' && cn(text[at - 2]) && text[at - 1] == ')');
        if !after_numbering {
            continue;
        }
        let wrong = text[at..at + title.len()]
            .iter()
            .zip(title)
            .filter(|(a, b)| a != b)
            .count();
        if wrong <= 1 {
            return Some((at, wrong == 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
