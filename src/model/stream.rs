//! A table's lines as one stream of tokens — label text and values — so
//! that a table is read the same whether its rows are lines, pipe rows,
//! pieces of a PDF page or one long line of web text.

use super::value::{is_digit, is_value_like};
use crate::syntax::{Document, Line, Separator};
use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Text,
    Value,
    /// An empty cell between two separators (tab or pipe tables only).
    Blank,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub kind: TokKind,
    pub span: Span,
    /// The whole cell with its padding, for a token that is a cell of its
    /// own (tab and pipe tables); else the token's span.
    pub raw: Span,
    pub line: usize,
    /// Digits from text whose cells lost their separators: the token may
    /// hold several values run together.
    pub glued: bool,
    /// From a line with cells of its own (tabs, pipes): the row's cells are
    /// on its line. False for PDF and web text, where only order tells.
    pub cells: bool,
}

/// True for a line that is only a page number: `- 5 -`, `— 5 —`, `第 5 页`.
pub fn is_page_number(t: &str) -> bool {
    // Cheap refusal first: this runs on every line and piece of a table.
    let first = crate::text::trim_start(t).chars().next();
    if !first.is_some_and(|c| matches!(c, '-' | '—' | '–' | '－' | '─' | '第')) || t.len() > 60
    {
        return false;
    }
    let t = crate::text::without_spaces(t);
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '─');
    if t.starts_with(dash) && t.ends_with(dash) {
        let inner = t.trim_matches(dash);
        return !inner.is_empty() && inner.len() <= 4 && inner.chars().all(is_digit);
    }
    if let Some(rest) = t.strip_prefix('第') {
        let digits = rest.chars().take_while(|c| is_digit(*c)).count();
        if digits == 0 || digits > 4 {
            return false;
        }
        let after: String = rest.chars().skip(digits).collect();
        return after == "页" || after.starts_with("页共") && after.ends_with('页');
    }
    false
}

/// The tokens of the table that starts at line `start`, up to where
/// [`landmarks::region_end`](super::landmarks::region_end) says it stops,
/// bare page numbers dropped, and the line it stopped at (the first line
/// not in the table; the line count when the text ends first).
pub fn region_tokens(
    doc: &Document,
    start: usize,
    table: crate::schema::Table,
) -> (Vec<Tok>, usize) {
    let end = super::landmarks::region_end(doc, start, table);
    // A row of table 三 is a label and up to nine cells.
    let mut toks = Vec::with_capacity((end - start) * 12);
    for i in start..end {
        // A converter's repeat of the table's heading or caption.
        if i > start && super::landmarks::names_table_again(doc, &doc.lines[i], table) {
            continue;
        }
        line_tokens(doc, i, &mut toks);
    }
    drop_page_numbers(doc.source, &mut toks);
    (toks, end)
}

/// Drops bare page numbers from a table's tokens: a short number alone on
/// a line of PDF text, after a line that ended in numbers (a whole row)
/// and before a line that starts with a label.
pub fn drop_page_numbers(src: &str, toks: &mut Vec<Tok>) {
    let mut drop = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let alone = |j: usize| toks.get(j).is_none_or(|x| x.line != t.line);
        let text = src.get(t.span.range()).unwrap_or("");
        if t.kind != TokKind::Value
            || t.cells
            || !(1..=3).contains(&text.chars().count())
            || !text.chars().all(is_digit)
            || !alone(i + 1)
            || i == 0
            || !alone(i - 1)
        {
            continue;
        }
        let after_row = toks[i - 1].kind == TokKind::Value;
        let before_label = toks.get(i + 1).is_some_and(|x| x.kind == TokKind::Text);
        if after_row && before_label {
            drop.push(i);
        }
    }
    for i in drop.into_iter().rev() {
        toks.remove(i);
    }
}

/// A group that is one short number alone on a line of PDF or web text:
/// most likely a bare page number, not numbers of the table that lost their
/// row. Such a group is not taken as a sign that the text lost its order.
pub fn is_lone_number(src: &str, toks: &[Tok], group: &[Tok]) -> bool {
    let [t] = group else {
        return false;
    };
    let text = src.get(t.span.range()).unwrap_or("");
    t.kind == TokKind::Value
        && !t.cells
        && (1..=3).contains(&text.chars().count())
        && text.chars().all(is_digit)
        && toks.iter().filter(|x| x.line == t.line).count() == 1
}

/// A Markdown table rule: `|---|:---:|`.
fn is_rule_line(doc: &Document, line: &Line) -> bool {
    line.sep == Separator::Pipe
        && line.cells.iter().any(|c| !c.is_blank())
        && line.cells.iter().all(|c| {
            doc.text(c.content)
                .chars()
                .all(|ch| matches!(ch, '-' | ':' | '=' | ' '))
        })
}

/// Appends the tokens of one line.
pub fn line_tokens(doc: &Document, index: usize, out: &mut Vec<Tok>) {
    let line = &doc.lines[index];
    if line.is_blank() || is_page_number(doc.text(line.inner)) || is_rule_line(doc, line) {
        return;
    }
    let start = out.len();
    match line.sep {
        Separator::Tab | Separator::Pipe | Separator::Html => {
            let blank_last = empty_last_cell(doc, line);
            // Each cell is asked once: the label search and the tokens share it.
            let value_like: Vec<bool> = line
                .cells
                .iter()
                .map(|c| !c.is_blank() && is_value_like(doc.text(c.content)))
                .collect();
            // Blank cells left of the last label cell are merged label cells.
            let last_text = line
                .cells
                .iter()
                .zip(&value_like)
                .rposition(|(c, v)| !c.is_blank() && !v);
            for (k, cell) in line.cells.iter().enumerate() {
                if cell.is_blank() {
                    if last_text.is_none_or(|t| k > t) {
                        out.push(Tok {
                            kind: TokKind::Blank,
                            span: cell.content,
                            raw: cell.raw,
                            line: index,
                            glued: false,
                            cells: true,
                        });
                    }
                    continue;
                }
                let text = doc.text(cell.content);
                if value_like[k] && !is_numbering(text) {
                    out.push(Tok {
                        kind: TokKind::Value,
                        span: cell.content,
                        raw: cell.raw,
                        line: index,
                        glued: false,
                        cells: true,
                    });
                } else {
                    pieces(doc.source, cell.content, index, false, out);
                    for t in out
                        .iter_mut()
                        .rev()
                        .take_while(|t| t.line == index && !t.cells)
                    {
                        t.cells = true;
                    }
                }
            }
            if let Some(raw) = blank_last {
                out.push(Tok {
                    kind: TokKind::Blank,
                    span: Span::empty(raw.end),
                    raw,
                    line: index,
                    glued: false,
                    cells: true,
                });
            }
        }
        Separator::Space | Separator::None => {
            pieces(doc.source, line.inner, index, true, out);
        }
    }
    // Footers start with a dash or 第: most lines have none to drop.
    let may_footer = out[start..].iter().any(|t| {
        doc.text(t.span)
            .starts_with(['-', '—', '–', '－', '─', '第'])
    });
    if may_footer {
        let line_toks = out.split_off(start);
        out.extend(drop_footers(doc.source, line_toks));
    }
}

/// A pipe row written without a leading pipe but ending in one (`12 | 3 |
/// | | 1 | | `): the last pipe opens an empty cell (a blank 总计), not the
/// optional closing pipe of a row written `| … |`. The text after it.
fn empty_last_cell(doc: &Document, line: &Line) -> Option<Span> {
    if line.sep != Separator::Pipe {
        return None;
    }
    let text = doc.text(line.inner);
    let trimmed = crate::text::trim(text);
    if trimmed.starts_with('|') || !trimmed.ends_with('|') {
        return None;
    }
    let end = line.inner.start + text.len();
    let pipe = line.inner.start + text.rfind('|')?;
    Some(Span::new(pipe + 1, end.max(pipe + 1)))
}

/// `2.`, `（1）`, `3、`: a numbering standing apart from its label.
fn is_numbering(t: &str) -> bool {
    let t = crate::text::trim(t);
    let inner = t
        .strip_prefix(['(', '（'])
        .and_then(|x| x.strip_suffix([')', '）']))
        .or_else(|| t.strip_suffix(['.', '．', '、']));
    inner.is_some_and(|d| (1..=2).contains(&d.chars().count()) && d.chars().all(is_digit))
}

/// Splits a cell at whitespace into text and values; text that lost its
/// cell separators is split further where digits meet text. A marker
/// written in words (`无`) is a value only next to a number: between two
/// characters of a spaced-out label (`（四） 无 法 提 供`) it is text.
fn pieces(src: &str, span: Span, line: usize, glued: bool, out: &mut Vec<Tok>) {
    let text = src.get(span.range()).unwrap_or("");
    // Most cells are one piece: no list of pieces is made for them.
    let one_piece = !matches!(text, "无" | "空") && !crate::text::has_space(text);
    let mut parts: Vec<(usize, usize)> = Vec::new();
    if one_piece {
        push_piece(src, span, text, line, glued, false, out);
        return;
    }
    let mut from: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if crate::text::is_space(c) {
            if let Some(a) = from.take() {
                parts.push((a, i));
            }
        } else if from.is_none() {
            from = Some(i);
        }
    }
    if let Some(a) = from {
        parts.push((a, text.len()));
    }
    let numeric = |t: &str| is_value_like(t) && t.chars().any(is_digit) && !is_numbering(t);
    for (k, &(a, b)) in parts.iter().enumerate() {
        let piece = Span::new(span.start + a, span.start + b);
        let t = &text[a..b];
        let word_marker = matches!(t, "无" | "空");
        let marker_value = word_marker && {
            let near = |j: Option<usize>| {
                j.and_then(|j| parts.get(j))
                    .is_some_and(|&(x, y)| numeric(&text[x..y]))
            };
            near(k.checked_sub(1)) || near(Some(k + 1))
        };
        push_piece(src, piece, t, line, glued, marker_value, out);
    }
}

/// One whitespace-free piece: a value, text, or text with digits glued in.
/// A word marker (`无`) is a value only when `marker_value` says so.
fn push_piece(
    src: &str,
    piece: Span,
    t: &str,
    line: usize,
    glued: bool,
    marker_value: bool,
    out: &mut Vec<Tok>,
) {
    let value = if matches!(t, "无" | "空") {
        marker_value
    } else {
        is_value_like(t) && !is_numbering(t)
    };
    if value {
        out.push(Tok {
            kind: TokKind::Value,
            span: piece,
            raw: piece,
            line,
            glued,
            cells: false,
        });
    } else if glued && !is_numbering(t) {
        split_glued(src, piece, line, out);
    } else {
        out.push(Tok {
            kind: TokKind::Text,
            span: piece,
            raw: piece,
            line,
            glued: false,
            cells: false,
        });
    }
}

/// Cuts a piece like `申请数量5000005二、上年结转` into text and digits. A
/// digit run followed by `.`/`、` and text ends in a numbering (`00000002.其他`
/// is `0000000` and `2.其他`); a decimal point between digits stays.
fn split_glued(src: &str, piece: Span, line: usize, out: &mut Vec<Tok>) {
    let text = &src[piece.range()];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|x| x.0).unwrap_or(text.len());
    let mut text_from = 0usize; // char index where the current text run began
    let mut k = 0;
    let push = |kind: TokKind, a: usize, b: usize, out: &mut Vec<Tok>| {
        if a < b {
            let span = Span::new(piece.start + a, piece.start + b);
            out.push(Tok {
                kind,
                span,
                raw: span,
                line,
                glued: kind == TokKind::Value,
                cells: false,
            });
        }
    };
    while k < chars.len() {
        if !is_digit(chars[k].1) {
            k += 1;
            continue;
        }
        let run_start = k;
        let mut end = k;
        while end < chars.len()
            && (is_digit(chars[end].1)
                || (matches!(chars[end].1, '.' | '．')
                    && chars.get(end + 1).is_some_and(|c| is_digit(c.1))
                    && end > run_start))
        {
            end += 1;
        }
        let numbering_follows = chars
            .get(end)
            .is_some_and(|c| matches!(c.1, '.' | '．' | '、'))
            && chars.get(end + 1).is_some_and(|c| !is_digit(c.1));
        // `（1）属于…`: a numbering in parentheses is text.
        let in_parens = end - run_start <= 2
            && run_start > 0
            && matches!(chars[run_start - 1].1, '(' | '（')
            && chars.get(end).is_some_and(|c| matches!(c.1, ')' | '）'));
        if in_parens {
            k = end;
            continue;
        }
        let values_end = if numbering_follows { end - 1 } else { end };
        if values_end > run_start {
            push(TokKind::Text, at(text_from), at(run_start), out);
            push(TokKind::Value, at(run_start), at(values_end), out);
            text_from = values_end;
        }
        k = end.max(k + 1);
    }
    push(TokKind::Text, at(text_from), text.len(), out);
}

/// Removes page footers that stand inside a line: `- 5 -`, `第 5 页`.
fn drop_footers(src: &str, line_toks: Vec<Tok>) -> impl Iterator<Item = Tok> {
    let text = |t: &Tok| src.get(t.span.range()).unwrap_or("");
    let n = line_toks.len();
    let mut keep = vec![true; n];
    let dash = |s: &str| matches!(s, "-" | "—" | "–" | "－" | "——");
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(is_digit);
    for i in 0..n {
        let t = text(&line_toks[i]);
        if is_page_number(t) {
            keep[i] = false;
            continue;
        }
        if i + 2 < n && dash(t) && number(text(&line_toks[i + 1])) && dash(text(&line_toks[i + 2]))
        {
            // Between two numbers a dash is a marker, not a footer.
            let before_value = i > 0 && line_toks[i - 1].kind != TokKind::Text;
            let after_value = line_toks
                .get(i + 3)
                .is_some_and(|t| t.kind != TokKind::Text);
            if !(before_value && after_value) {
                keep[i..i + 3].iter_mut().for_each(|k| *k = false);
            }
        }
        if i + 2 < n
            && t == "第"
            && number(text(&line_toks[i + 1]))
            && text(&line_toks[i + 2]) == "页"
        {
            keep[i..i + 3].iter_mut().for_each(|k| *k = false);
        }
    }
    line_toks
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax;

    fn toks(src: &str) -> Vec<(TokKind, String)> {
        let doc = syntax::parse(src);
        let mut out = Vec::new();
        for i in 0..doc.lines.len() {
            line_tokens(&doc, i, &mut out);
        }
        out.iter()
            .map(|t| (t.kind, src[t.span.range()].to_string()))
            .collect()
    }

    #[test]
    fn glued_digits_and_numbering() {
        let t = toks("1.属于国家秘密00000002.其他法律0000000（七）总计5000005四、结转");
        let v: Vec<String> = t.iter().map(|(k, s)| format!("{k:?}:{s}")).collect();
        assert_eq!(
            v,
            [
                "Text:1.属于国家秘密",
                "Value:0000000",
                "Text:2.其他法律",
                "Value:0000000",
                "Text:（七）总计",
                "Value:5000005",
                "Text:四、结转"
            ]
        );
    }

    #[test]
    fn tab_rows_drop_merged_label_blanks() {
        let t = toks("\t\t6. 属于四类过程性信息\t\t4\t\t4\n");
        let kinds: Vec<TokKind> = t.iter().map(|x| x.0).collect();
        assert_eq!(
            kinds,
            [
                TokKind::Text,
                TokKind::Text,
                TokKind::Blank,
                TokKind::Value,
                TokKind::Blank,
                TokKind::Value
            ]
        );
    }

    #[test]
    fn footers_inside_lines() {
        let t = toks("（一）予以公开 1 0 1 - 5 - （二）部分公开 第 6 页 0 0 0\n- 7 -\n0 - 5 - 0");
        let v: Vec<&str> = t.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(
            v,
            [
                "（一）予以公开",
                "1",
                "0",
                "1",
                "（二）部分公开",
                "0",
                "0",
                "0",
                "0",
                "-",
                "5",
                "-",
                "0"
            ]
        );
        assert!(is_page_number("— 12 —"));
        assert!(is_page_number("第3页共12页"));
        assert!(!is_page_number("第二十条"));
    }
}
