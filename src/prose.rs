//! Reading the narrative: the prose lines of a report (not tables, not
//! headings), split into sentences and clauses, and the counts stated in
//! them (`4 件`, `1条`). Used by the consistency rules.

pub mod lists;

use crate::model::Report;
use crate::text::Span;
use crate::text::is_space;
use std::ops::Range;

/// A prose line: its span and its index.
pub fn lines<'r>(r: &'r Report) -> impl Iterator<Item = (usize, Span)> + 'r {
    lines_in(r, 0..r.doc.lines.len())
}

/// [`lines`] among the lines `range`.
pub fn lines_in<'r>(
    r: &'r Report,
    range: Range<usize>,
) -> impl Iterator<Item = (usize, Span)> + 'r {
    let end = range.end.min(r.doc.lines.len());
    let start = range.start.min(end);
    let mut heading = vec![false; end - start];
    for s in &r.sections {
        if (start..end).contains(&s.line) {
            heading[s.line - start] = true;
        }
    }
    r.doc.lines[start..end]
        .iter()
        .zip(start..)
        .zip(heading)
        .filter_map(move |((l, i), heading)| {
            if l.is_blank() || heading || r.in_table(i) {
                None
            } else {
                Some((i, l.inner))
            }
        })
}

/// A sentence of the narrative with the counts stated in it.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub line: usize,
    pub span: Span,
    pub counts: Vec<Count>,
}

/// Every sentence of the narrative with its counts (the rules share one
/// reading per lint: `rules::Ctx::prose`).
pub fn read(r: &Report<'_>) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (li, line) in lines(r) {
        read_line(r, li, line, &mut out);
    }
    out
}

/// The sentences of narrative line `li` (its text at `line`), with counts.
fn read_line(r: &Report<'_>, li: usize, line: Span, out: &mut Vec<Sentence>) {
    for s in sentences(r.text(line), line.start) {
        let counts = counts(r.text(s), s.start);
        out.push(Sentence {
            line: li,
            span: s,
            counts,
        });
    }
}

/// [`read`] for a report bound after an edit, given the previous version's
/// reading: a line's sentences and counts follow from its text alone, so
/// the narrative lines the edit left alone keep theirs (moved), and only the
/// changed lines `edit.head..edit.new_tail` are read. The caller has checked
/// that the narrative lines outside the edit are the same lines
/// (`lint::Carry`), so the old sentences before and after the edit are
/// taken as they come, without looking at the lines again.
pub fn read_after_edit(
    r: &Report<'_>,
    old: &[Sentence],
    edit: &crate::syntax::Edit,
) -> Vec<Sentence> {
    let before = old.partition_point(|s| s.line < edit.head);
    let after = old.partition_point(|s| s.line < edit.old_tail);
    let mut out = Vec::with_capacity(old.len() + 4);
    out.extend_from_slice(&old[..before]);
    for (li, line) in lines_in(r, edit.head..edit.new_tail) {
        read_line(r, li, line, &mut out);
    }
    out.extend(
        old[after..]
            .iter()
            .map(|s| s.moved(s.line - edit.old_tail + edit.new_tail, edit.delta)),
    );
    out
}

impl Sentence {
    /// This sentence on line `line`, `delta` bytes away.
    fn moved(&self, line: usize, delta: isize) -> Sentence {
        let by = |s: Span| {
            Span::new(
                s.start.saturating_add_signed(delta),
                s.end.saturating_add_signed(delta),
            )
        };
        Sentence {
            line,
            span: by(self.span),
            counts: self
                .counts
                .iter()
                .map(|c| Count {
                    span: by(c.span),
                    ..c.clone()
                })
                .collect(),
        }
    }
}

/// The narrative's paragraphs (prose lines) among `sentences` (a whole
/// reading, as `rules::Ctx::prose` gives it): each line's span and its
/// sentences, in order.
pub fn paragraphs(sentences: &[Sentence]) -> impl Iterator<Item = (Span, &[Sentence])> {
    paragraphs_in(sentences, 0..usize::MAX)
}

/// [`paragraphs`] on the lines `range`.
pub fn paragraphs_in(
    sentences: &[Sentence],
    range: Range<usize>,
) -> impl Iterator<Item = (Span, &[Sentence])> {
    let from = sentences.partition_point(|s| s.line < range.start);
    let to = from + sentences[from..].partition_point(|s| s.line < range.end);
    sentences[from..to]
        .chunk_by(|a, b| a.line == b.line)
        .map(|ss| {
            let first = ss.first().map_or(0, |s| s.span.start);
            let last = ss.last().map_or(first, |s| s.span.end);
            (Span::new(first, last), ss)
        })
}

/// Sentences of a line (ending at `。！？；`), as absolute spans.
pub fn sentences(text: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    // The ends are found by their first UTF-8 byte (E3 for 。, EF for the
    // full-width ！？；), not by decoding every character of the line.
    for i in memchr::memchr3_iter(0xE3, 0xEF, b';', text.as_bytes()) {
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            continue;
        };
        if matches!(c, '。' | '！' | '？' | '；' | ';') {
            out.push(Span::new(base + start, base + i + c.len_utf8()));
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(Span::new(base + start, base + text.len()));
    }
    out
}

pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '：' | ':' | '（' | '）' | '(' | ')' | '、' | '！' | '？'
    )
}

/// A count stated in prose: `N 件`.
#[derive(Debug, Clone)]
pub struct Count {
    pub value: i64,
    /// The digits.
    pub span: Span,
    /// The unit character (件, 条, …).
    pub unit: char,
    /// Text of the clause before the number, without spaces.
    pub before: String,
    /// Text after the unit up to the end of the clause, without spaces.
    pub after: String,
    /// `余`, `多`, `近`, `约`: an approximation.
    pub approximate: bool,
}

impl Count {
    /// Whether the clause presents the count as a total: `共`, `合计`,
    /// `总计`, `累计` (not the 共 of 公共, 共享, 共同…).
    pub fn is_total(&self) -> bool {
        says_total(&self.before)
    }
}

/// Whether `clause` presents what follows as a total (see `Count::is_total`).
pub fn says_total(clause: &str) -> bool {
    if ["合计", "总计", "累计"].iter().any(|w| clause.contains(w)) {
        return true;
    }
    let cs: Vec<char> = clause.chars().collect();
    cs.iter().enumerate().any(|(i, &c)| {
        c == '共'
            && (i == 0 || cs[i - 1] != '公')
            && !cs
                .get(i + 1)
                .is_some_and(|n| "享同建产性识治用有商".contains(*n))
    })
}

const UNITS: &[char] = &['件', '条', '个', '次', '起', '项', '人'];

/// The counts of `text` (absolute spans from `base`).
pub fn counts(text: &str, base: usize) -> Vec<Count> {
    let bytes = text.as_bytes();
    // Digits are ASCII, and ASCII bytes never occur inside a multi-byte
    // character: the text is scanned as bytes and decoded only around the
    // numbers found.
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(start) = crate::text::next_ascii_digit(bytes, i) {
        i = start;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b',') {
            i += 1;
        }
        let digits_end = i;
        // Part of a decimal, a year or a code: `2020年`, `0951-`, `3.5`.
        let prev = text[..start].chars().next_back();
        if prev.is_some_and(|c| c == '.' || c == '-' || c.is_ascii_alphanumeric()) {
            continue;
        }
        let mut approximate = false;
        let mut unit_at = None;
        for (off, c) in text[digits_end..].char_indices() {
            if is_space(c) || matches!(c, '余' | '多') {
                approximate |= matches!(c, '余' | '多');
                continue;
            }
            unit_at = Some((digits_end + off, c));
            break;
        }
        let Some((unit_at, unit)) = unit_at else {
            continue;
        };
        if !UNITS.contains(&unit) || bytes.get(digits_end) == Some(&b'.') {
            continue;
        }
        // The digits, thousands separators skipped; too many for an i64 is
        // not a count.
        let value = bytes[start..digits_end]
            .iter()
            .filter(|b| **b != b',')
            .try_fold(0i64, |v, b| {
                v.checked_mul(10)?.checked_add(i64::from(b - b'0'))
            });
        let Some(value) = value else {
            continue;
        };
        let clause_start = text[..start]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_clause_break(c))
            .map_or(0, |(k, c)| k + c.len_utf8());
        let before = crate::text::without_spaces(&text[clause_start..start]);
        approximate |= before.ends_with('近') || before.ends_with('约') || before.ends_with("超过");
        let after_start = unit_at + unit.len_utf8();
        let clause_end = text[after_start..]
            .char_indices()
            .find(|&(_, c)| is_clause_break(c))
            .map_or(text.len(), |(k, _)| after_start + k);
        let after = crate::text::without_spaces(&text[after_start..clause_end]);
        out.push(Count {
            value,
            span: Span::new(base + start, base + digits_end),
            unit,
            before,
            after,
            approximate,
        });
        i = after_start;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_clauses() {
        let t = "2020 年，共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 0 件），0 件结转下年度办理。公开信息221余条，电话0951-6032892。";
        let c = counts(t, 0);
        let v: Vec<(i64, &str, &str)> = c
            .iter()
            .map(|c| (c.value, c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(v[0], (4, "共收到政府信息公开申请", ""));
        assert_eq!(v[1], (4, "信函申请", ""));
        assert_eq!(v[3], (0, "", "结转下年度办理"));
        assert!(c[4].approximate);
        assert_eq!(c.len(), 5, "phone numbers and years are not counts");
        assert_eq!(&t[c[0].span.range()], "4");
    }

    #[test]
    fn count_values_skip_separators_and_refuse_overflow() {
        let values = |t: &str| counts(t, 0).iter().map(|c| c.value).collect::<Vec<_>>();
        assert_eq!(values("收到申请1,234件，办结 007 件。"), [1234, 7]);
        assert_eq!(values("共 9223372036854775807 件。"), [i64::MAX]);
        assert_eq!(values("共 9223372036854775808 件，另 3 件。"), [3]);
    }
}
