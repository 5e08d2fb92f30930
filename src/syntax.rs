//! Syntax layer: a lossless, line-based reading of a draft with byte spans.
//! It knows Markdown headings and emphasis, Chinese numbering (`一、`, `（一）`,
//! `1.`), and how table rows are written after a copy out of Word or PDF
//! (tabs, pipes, runs of spaces). It knows nothing of the official format.

use crate::text::{Span, is_space, trim_end, trim_start};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// No cell structure (prose, headings).
    None,
    Tab,
    Pipe,
    /// Cells split at runs of whitespace, as text copied out of a PDF looks.
    Space,
    /// An HTML table row (`<tr><td>…</td>…</tr>`), as PDF-to-Markdown
    /// converters write tables with merged cells: one cell per `<td>`/`<th>`
    /// (a merged cell once, as in the HTML).
    Html,
}

impl Separator {
    /// Cells written apart by the text itself (not guessed from spacing).
    pub fn has_cells(self) -> bool {
        matches!(self, Separator::Tab | Separator::Pipe | Separator::Html)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// The cell between its separators, including padding.
    pub raw: Span,
    /// The trimmed content; empty (at the middle of `raw`) for a blank cell.
    pub content: Span,
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        self.content.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberingKind {
    /// `一、`
    Chinese,
    /// `（一）` or `(一)`
    ParenChinese,
    /// `1.` `1、` `1．`
    Arabic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    pub kind: NumberingKind,
    pub value: u32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Content without the line ending.
    pub span: Span,
    /// Number of leading `#` (Markdown ATX heading level), 0 if none.
    pub md_level: u8,
    /// Content without heading marks, emphasis wrapper and outer whitespace.
    pub inner: Span,
    /// Whole-line emphasis (`**…**`), as Word headings often come out.
    pub bold: bool,
    pub numbering: Option<Numbering>,
    /// The run-in title after the numbering: up to `。`, the end of the bold
    /// part, or the end of the line.
    pub title: Span,
    /// The text holds a `。`: a sentence, never a row of cells nor a table's
    /// heading. Asked by several readers, searched for once here.
    pub sentence: bool,
    pub sep: Separator,
    pub cells: Vec<Cell>,
}

impl Line {
    /// The same line `delta` bytes later (text inserted or deleted before it).
    pub fn moved(&self, delta: isize) -> Line {
        let mv = |s: Span| {
            Span::new(
                s.start.saturating_add_signed(delta),
                s.end.saturating_add_signed(delta),
            )
        };
        Line {
            span: mv(self.span),
            inner: mv(self.inner),
            title: mv(self.title),
            numbering: self.numbering.map(|n| Numbering {
                span: mv(n.span),
                ..n
            }),
            cells: self
                .cells
                .iter()
                .map(|c| Cell {
                    raw: mv(c.raw),
                    content: mv(c.content),
                })
                .collect(),
            ..*self
        }
    }

    pub fn is_blank(&self) -> bool {
        self.inner.is_empty() && self.cells.iter().all(Cell::is_blank)
    }
}

#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub source: &'a str,
    pub lines: Vec<Line>,
}

impl<'a> Document<'a> {
    pub fn text(&self, span: Span) -> &'a str {
        self.source.get(span.range()).unwrap_or("")
    }
}

fn trim_span(src: &str, span: Span) -> Span {
    let s = &src[span.range()];
    let rest = trim_start(s);
    let start = span.start + (s.len() - rest.len());
    Span::new(start, start + trim_end(rest).len())
}

pub fn parse(source: &str) -> Document<'_> {
    let mut lines = Vec::with_capacity(source.len() / 40 + 1);
    parse_lines(source, 0, source.len(), &mut lines);
    Document { source, lines }
}

/// Parses the lines that start in `from..=to` (`from` at a line start) and
/// stops before a line starting after `to`; the last line of the source has
/// no line break and is always parsed when reached.
fn parse_lines(source: &str, from: usize, to: usize, lines: &mut Vec<Line>) {
    let mut start = from;
    let bytes = source.as_bytes();
    while start <= to {
        let end = memchr::memchr(b'\n', &bytes[start..]).map(|p| start + p);
        let line_end = end.unwrap_or(source.len());
        let mut content_end = line_end;
        if content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        push_line(source, Span::new(start, content_end), lines);
        match end {
            Some(e) => start = e + 1,
            None => break,
        }
    }
}

/// Parses one line of the text into `lines`: a line holding HTML table rows
/// (a converter writes a whole `<table>` on one line) gives one line per
/// row, and one for the text before the first row and after the table.
fn push_line(source: &str, span: Span, lines: &mut Vec<Line>) {
    let text = &source[span.range()];
    let cuts = html_row_cuts(text);
    if cuts.is_empty() {
        lines.push(parse_line(source, span));
        return;
    }
    let mut from = span.start;
    for cut in cuts
        .into_iter()
        .map(|c| span.start + c)
        .chain(std::iter::once(span.end))
    {
        if cut > from {
            lines.push(parse_line(source, Span::new(from, cut)));
        }
        from = cut;
    }
}

/// Where a line holding HTML table rows is cut: before each `<tr`, and
/// before the `</table` that ends the rows. Empty for any other line.
fn html_row_cuts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    let mut in_rows = false;
    for at in memchr::memchr_iter(b'<', bytes) {
        if tag_is(bytes, at, b"tr") {
            cuts.push(at);
            in_rows = true;
        } else if in_rows && tag_is(bytes, at, b"/table") {
            cuts.push(at);
            in_rows = false;
        }
    }
    cuts
}

/// Where the HTML row `span` ends: after its last `</tr>` (the span may
/// also hold `</tbody>` and the like).
pub fn html_row_end(src: &str, span: Span) -> Option<usize> {
    let bytes = src.get(span.range())?.as_bytes();
    memchr::memrchr_iter(b'<', bytes)
        .find(|&at| tag_is(bytes, at, b"/tr"))
        .and_then(|at| memchr::memchr(b'>', &bytes[at..]).map(|p| span.start + at + p + 1))
}

/// Whether `line` starts an HTML row that does not end on it (a row written
/// a tag per line).
pub fn html_row_is_open(src: &str, line: &Line) -> bool {
    line.sep == Separator::Html && html_row_end(src, line.span).is_none()
}

/// Whether a new HTML row may be inserted at `at`: right after a `</tr>`,
/// or where a row starts.
pub fn is_html_row_boundary(src: &str, at: usize) -> bool {
    let bytes = src.as_bytes();
    let after_close = at >= 5
        && bytes
            .get(at - 5..at)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"</tr>"));
    after_close || (bytes.get(at) == Some(&b'<') && tag_is(bytes, at, b"tr"))
}

/// Whether `text` is one whole HTML row (`<tr …>…</tr>`) on one line.
pub fn is_html_row(text: &str) -> bool {
    let b = text.as_bytes();
    b.first() == Some(&b'<')
        && tag_is(b, 0, b"tr")
        && b.len() >= 5
        && b[b.len() - 5..].eq_ignore_ascii_case(b"</tr>")
        && memchr::memchr2(b'\n', b'\r', b).is_none()
}

/// Whether an HTML tag named `name` (any case) opens at `bytes[at]` (`<`).
fn tag_is(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let from = at + 1;
    let Some(word) = bytes.get(from..from + name.len()) else {
        return false;
    };
    word.eq_ignore_ascii_case(name)
        && matches!(
            bytes.get(from + name.len()),
            Some(b'>' | b' ' | b'\t' | b'/' | b'\r' | b'\n')
        )
}

/// The cells of an HTML table row: for each `<td …>`/`<th …>`, the text up
/// to its `</td>`/`</th>` (or the next cell or the end of the row); the
/// content without the tags, spaces and `&nbsp;` around it.
fn html_cells(src: &str, span: Span) -> Vec<Cell> {
    let text = &src[span.range()];
    let bytes = text.as_bytes();
    let opens: Vec<usize> = memchr::memchr_iter(b'<', bytes)
        .filter(|&at| tag_is(bytes, at, b"td") || tag_is(bytes, at, b"th"))
        .collect();
    let mut cells = Vec::with_capacity(opens.len());
    for (k, &open) in opens.iter().enumerate() {
        let Some(gt) = memchr::memchr(b'>', &bytes[open..]).map(|p| open + p + 1) else {
            break;
        };
        let limit = opens.get(k + 1).copied().unwrap_or(bytes.len());
        let limit = limit.max(gt);
        // The cell ends at its closing tag, or where the row or next cell
        // begins.
        let end = memchr::memchr_iter(b'<', &bytes[gt..limit])
            .map(|p| gt + p)
            .find(|&at| {
                tag_is(bytes, at, b"/td") || tag_is(bytes, at, b"/th") || tag_is(bytes, at, b"/tr")
            })
            .unwrap_or(limit);
        let raw = Span::new(span.start + gt, span.start + end);
        let content = html_trim(src, raw);
        let content = if content.is_empty() {
            Span::empty(raw.start)
        } else {
            content
        };
        cells.push(Cell { raw, content });
    }
    cells
}

/// `span` without the spaces, `&nbsp;` and whole tags at either end.
fn html_trim(src: &str, span: Span) -> Span {
    let (mut a, mut b) = (span.start, span.end);
    loop {
        let t = &src[a..b];
        let trimmed = trim_start(t);
        if trimmed.len() != t.len() {
            a = b - trimmed.len();
        } else if let Some(n) = ["&nbsp;", "&#160;"].iter().find(|e| t.starts_with(*e)) {
            a += n.len();
        } else if let Some(n) = leading_tag_len(t) {
            a += n;
        } else {
            break;
        }
    }
    loop {
        let t = &src[a..b];
        let trimmed = trim_end(t);
        if trimmed.len() != t.len() {
            b = a + trimmed.len();
        } else if let Some(n) = ["&nbsp;", "&#160;"].iter().find(|e| t.ends_with(*e)) {
            b -= n.len();
        } else if let Some(n) = trailing_tag_len(t) {
            b -= n;
        } else {
            break;
        }
    }
    Span::new(a, b.max(a))
}

/// The length of the HTML tag (`<p …>`, `</span>`, `<br/>`) `t` starts with.
fn leading_tag_len(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let name_at = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    if b.first() != Some(&b'<') || !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let end = memchr::memchr2(b'>', b'<', &b[1..]).map(|p| p + 1)?;
    (b[end] == b'>').then_some(end + 1)
}

/// The length of the HTML tag `t` ends with.
fn trailing_tag_len(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    if b.last() != Some(&b'>') {
        return None;
    }
    let open = memchr::memrchr2(b'<', b'>', &b[..b.len() - 1])?;
    if b[open] != b'<' {
        return None;
    }
    leading_tag_len(&t[open..]).filter(|&n| open + n == t.len())
}

/// Whether a line is a rule drawn with ASCII dashes: a Markdown thematic
/// break, a setext underline, or the borders of pandoc's simple, multiline
/// and grid tables (`------ ------`, `+=====+====+`). Pipe-table rules
/// (`|---|`) stay rows of their table.
fn is_rule(t: &str) -> bool {
    let b = t.as_bytes();
    // The test that fails at the first byte of almost every line first.
    b.len() >= 3
        && b.iter()
            .all(|c| matches!(c, b'-' | b'=' | b'+' | b':' | b' ' | b'\t'))
        && b.iter().filter(|&&c| c == b'-' || c == b'=').count() >= 3
}

/// Whether a line is nothing but HTML tags (`<table>`, `</tbody></table>`).
fn only_tags(t: &str) -> bool {
    let mut rest = trim_start(t);
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        match leading_tag_len(rest) {
            Some(n) => rest = trim_start(&rest[n..]),
            None => return false,
        }
    }
    true
}

/// Parses `source`, reusing the lines of `old` (parsed from `old_source`)
/// that the edit did not touch: lines before the first changed byte are
/// kept, lines after the last changed byte are kept and moved, and only the
/// lines in between are parsed again. The result equals `parse(source)`:
/// a line's reading depends on its own text only. `old` must be the lines
/// `parse(old_source)` gave (not cut by the reader).
pub fn reparse<'a>(source: &'a str, old_source: &str, old: &[Line]) -> Document<'a> {
    reparse_edit(source, old_source, old).0
}

/// Which lines an edit left alone, as [`reparse_edit`] found them: old
/// lines `..head` are the new lines `..head`, old lines `old_tail..` are the
/// new lines `new_tail..` moved by `delta` bytes; the lines between were
/// parsed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub head: usize,
    pub old_tail: usize,
    pub new_tail: usize,
    pub delta: isize,
}

impl Edit {
    /// Where old line `line` is now, if the edit left it alone.
    pub fn line(&self, line: usize) -> Option<usize> {
        if line < self.head {
            Some(line)
        } else if line >= self.old_tail {
            (line + self.new_tail).checked_sub(self.old_tail)
        } else {
            None
        }
    }
}

/// [`reparse`], also saying which lines were kept (`None` when it parsed
/// the whole text).
pub fn reparse_edit<'a>(
    source: &'a str,
    old_source: &str,
    old: &[Line],
) -> (Document<'a>, Option<Edit>) {
    if old.is_empty() {
        return (parse(source), None);
    }
    let (new_b, old_b) = (source.as_bytes(), old_source.as_bytes());
    let prefix = common_prefix(new_b, old_b);
    let max_suffix = new_b.len().min(old_b.len()) - prefix;
    let suffix = common_suffix(&new_b[prefix..], &old_b[prefix..]).min(max_suffix);
    // Where each old line's extent (its text and line break) ends: the next
    // line's start, or the end of the text for the last line.
    let extent_end = |i: usize| {
        old.get(i + 1)
            .map_or(old_source.len() + 1, |l| l.span.start)
    };
    // Kept in front: lines whose whole extent, line break included, lies in
    // the common prefix (the last line has no break and is never kept).
    // A line of HTML rows is parsed into several: lines are kept only from
    // the start of a line of the text.
    let starts_a_line = |l: &Line| l.span.start == 0 || old_b.get(l.span.start - 1) == Some(&b'\n');
    let mut head = old
        .iter()
        .enumerate()
        .take_while(|&(i, _)| i + 1 < old.len() && extent_end(i) <= prefix)
        .count();
    while head > 0 && !starts_a_line(&old[head]) {
        head -= 1;
    }
    // Kept behind: lines that start after a line break inside the common
    // suffix (so they start a line in the new text too).
    let suffix_from = old_source.len() - suffix;
    let mut tail_from = old
        .iter()
        .rposition(|l| l.span.start <= suffix_from)
        .map_or(0, |i| i + 1)
        .max(head);
    while tail_from < old.len() && !starts_a_line(&old[tail_from]) {
        tail_from += 1;
    }
    let delta = source.len() as isize - old_source.len() as isize;
    let mut lines = Vec::with_capacity(old.len() + 8);
    lines.extend_from_slice(&old[..head]);
    let reparse_from = old.get(head).map_or(0, |l| l.span.start);
    match old.get(tail_from) {
        Some(first_kept) => {
            let kept_start = first_kept.span.start.saturating_add_signed(delta);
            // Everything up to the first kept line: its line break is the
            // last byte before it.
            parse_lines(
                source,
                reparse_from,
                kept_start.saturating_sub(1),
                &mut lines,
            );
            if lines.last().is_some_and(|l| l.span.start >= kept_start) {
                // Cannot happen (the kept line starts after a line break);
                // be safe rather than wrong.
                return (parse(source), None);
            }
            let new_tail = lines.len();
            lines.extend(old[tail_from..].iter().map(|l| l.moved(delta)));
            let edit = Edit {
                head,
                old_tail: tail_from,
                new_tail,
                delta,
            };
            (Document { source, lines }, Some(edit))
        }
        None => {
            parse_lines(source, reparse_from, source.len(), &mut lines);
            let edit = Edit {
                head,
                old_tail: old.len(),
                new_tail: lines.len(),
                delta,
            };
            (Document { source, lines }, Some(edit))
        }
    }
}

/// The length of the common start of `a` and `b`, compared a block at a
/// time (a typing edit leaves most of a large document alike).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 128;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the common end of `a` and `b`.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 128;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut k = 0;
    while k + BLOCK <= n && a[n - k - BLOCK..n - k] == b[n - k - BLOCK..n - k] {
        k += BLOCK;
    }
    k + a[..n - k]
        .iter()
        .rev()
        .zip(b[..n - k].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Reads one line (or a part of one: see `model` for text that lost its
/// line breaks).
pub fn parse_line(src: &str, span: Span) -> Line {
    let text = &src[span.range()];
    // An HTML comment line (`<!-- nianbao-disable … -->`) is invisible to
    // everything but the suppression pass, which reads the raw span; a line
    // of tags only (`<table>`) and a rule drawn with dashes are blank.
    let t = text.trim();
    if (t.starts_with("<!--") && t.ends_with("-->"))
        || (t.starts_with('<') && !tag_is(t.as_bytes(), 0, b"tr") && only_tags(t))
        || is_rule(t)
    {
        return Line {
            span,
            md_level: 0,
            inner: Span::empty(span.start),
            bold: false,
            numbering: None,
            title: Span::empty(span.start),
            sentence: false,
            sep: Separator::None,
            cells: Vec::new(),
        };
    }
    let mut inner = trim_span(src, span);
    // A paragraph of an HTML page (`<p><span>一、总体情况</span></p>`): its
    // text without the tags around it. Rows (`<tr>`) keep theirs.
    let tagged = {
        let b = src[inner.range()].as_bytes();
        (b.first() == Some(&b'<') || b.last() == Some(&b'>')) && !tag_is(b, 0, b"tr")
    };
    if tagged {
        inner = html_trim(src, inner);
    }
    // Markdown heading marks and block quotes.
    let mut md_level = 0u8;
    {
        let t = &src[inner.range()];
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(|c: char| is_space(c) || c == '*') {
            md_level = hashes as u8;
            inner = trim_span(src, Span::new(inner.start + hashes, inner.end));
        } else if let Some(rest) = t.strip_prefix('>') {
            inner = trim_span(src, Span::new(inner.end - rest.len(), inner.end));
        }
    }
    // Whole-line emphasis: `**…**`, `__…__`.
    let mut bold = false;
    {
        let t = &src[inner.range()];
        for mark in ["**", "__"] {
            if t.len() > 4
                && t.starts_with(mark)
                && t.ends_with(mark)
                && !t[2..t.len() - 2].contains(mark)
            {
                inner = trim_span(src, Span::new(inner.start + 2, inner.end - 2));
                bold = true;
                break;
            }
        }
    }
    // The title's search finds the first `。` too; the marks and padding
    // outside `inner` hold none, so it is the whole line's answer.
    let (numbering, title, sentence) = numbering_and_title(src, inner);
    let (sep, cells) = if tagged {
        split_cells(src, inner, &src[inner.range()], sentence)
    } else {
        split_cells(src, span, text, sentence)
    };
    Line {
        span,
        md_level,
        inner,
        bold,
        numbering,
        title,
        sentence,
        sep,
        cells,
    }
}

fn split_cells(src: &str, span: Span, text: &str, sentence: bool) -> (Separator, Vec<Cell>) {
    let lead = trim_start(text).as_bytes();
    if lead.first() == Some(&b'<') && tag_is(lead, 0, b"tr") {
        return (Separator::Html, html_cells(src, span));
    }
    let make = |start: usize, end: usize| {
        let raw = Span::new(span.start + start, span.start + end);
        let mut content = trim_span(src, raw);
        if content.is_empty() {
            let mid = crate::text::floor_char_boundary(src, raw.start + raw.len() / 2);
            content = Span::empty(mid.max(raw.start));
        }
        Cell { raw, content }
    };
    let bytes = text.as_bytes();
    if memchr::memchr(b'\t', bytes).is_some() {
        let mut cells = Vec::with_capacity(memchr::memchr_iter(b'\t', bytes).count() + 1);
        let mut from = 0;
        for i in memchr::memchr_iter(b'\t', bytes) {
            cells.push(make(from, i));
            from = i + 1;
        }
        cells.push(make(from, text.len()));
        return (Separator::Tab, cells);
    }
    if memchr::memchr_iter(b'|', bytes).nth(1).is_some() || text.trim().starts_with('|') {
        let trimmed_start = text.len() - trim_start(text).len();
        let trimmed_end = trim_end(text).len();
        let mut bounds: Vec<usize> = memchr::memchr_iter(b'|', bytes).collect();
        let leading_pipe = bounds.first() == Some(&trimmed_start);
        let trailing_pipe = trimmed_end > 0 && bounds.last() == Some(&(trimmed_end - 1));
        let mut cells = Vec::new();
        let mut from = if leading_pipe {
            bounds.remove(0);
            trimmed_start + 1
        } else {
            0
        };
        let last_end = if trailing_pipe {
            bounds.pop();
            trimmed_end - 1
        } else {
            text.len()
        };
        for b in bounds {
            cells.push(make(from, b));
            from = b + 1;
        }
        if from <= last_end {
            cells.push(make(from, last_end));
        }
        return (Separator::Pipe, cells);
    }
    // A sentence (with 。) is prose, never a row copied out of a PDF.
    if sentence {
        return (Separator::None, Vec::new());
    }
    let mut cells = Vec::new();
    let mut tok_start: Option<usize> = None;
    // By bytes: ASCII and the common CJK ideographs (lead bytes E4–E9, most
    // of a report) are told apart from spaces without decoding them.
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, width) = match b {
            0..=0x7F => (b.is_ascii_whitespace(), 1),
            0xE4..=0xE9 => (false, 3),
            _ => match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => (is_space(c), c.len_utf8()),
                None => (false, 1),
            },
        };
        if space {
            if let Some(s) = tok_start.take() {
                cells.push(make(s, i));
            }
        } else if tok_start.is_none() {
            tok_start = Some(i);
        }
        i += width;
    }
    if let Some(s) = tok_start {
        cells.push(make(s, text.len()));
    }
    if cells.len() >= 2 {
        (Separator::Space, cells)
    } else {
        (Separator::None, Vec::new())
    }
}

pub fn chinese_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| {
        Some(match c {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    // A numeral is at most three characters: read them on the stack.
    let mut buf = ['\0'; 3];
    let mut n = 0;
    for c in s.chars() {
        if n == buf.len() {
            return None;
        }
        buf[n] = c;
        n += 1;
    }
    match &buf[..n] {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

/// Writes 1–99 as a Chinese numeral (`六`, `十二`).
pub fn cn_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => D[n as usize].into(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Reads a numbering at the start of `inner` and the run-in title after it,
/// and tells whether `inner` holds a `。` ([`Line::sentence`]).
fn numbering_and_title(src: &str, inner: Span) -> (Option<Numbering>, Span, bool) {
    let t = &src[inner.range()];
    let mut numbering = None;
    let mut rest_start = 0usize;
    // Leading emphasis before the numbering: `**（一）主动公开。**正文`.
    let lead_bold = t.starts_with("**");
    let t2 = if lead_bold { &t[2..] } else { t };
    let off = if lead_bold { 2 } else { 0 };
    let cn_len: usize = t2
        .char_indices()
        .take_while(|(_, c)| is_cn_digit(*c))
        .last()
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    if cn_len > 0 && t2[cn_len..].starts_with('、') {
        if let Some(v) = chinese_numeral(&t2[..cn_len]) {
            let end = off + cn_len + '、'.len_utf8();
            numbering = Some(Numbering {
                kind: NumberingKind::Chinese,
                value: v,
                span: Span::new(inner.start + off, inner.start + end),
            });
            rest_start = end;
        }
    } else if let Some(open) = t2.chars().next().filter(|c| *c == '（' || *c == '(') {
        let after = &t2[open.len_utf8()..];
        let after_trim = after.trim_start_matches(is_space);
        let pad = after.len() - after_trim.len();
        let n_len: usize = after_trim
            .char_indices()
            .take_while(|(_, c)| is_cn_digit(*c))
            .last()
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        if n_len > 0 {
            let tail = after_trim[n_len..].trim_start_matches(is_space);
            let pad2 = after_trim[n_len..].len() - tail.len();
            if let Some(close) = tail.chars().next().filter(|c| *c == '）' || *c == ')')
                && let Some(v) = chinese_numeral(&after_trim[..n_len])
            {
                let end = off + open.len_utf8() + pad + n_len + pad2 + close.len_utf8();
                numbering = Some(Numbering {
                    kind: NumberingKind::ParenChinese,
                    value: v,
                    span: Span::new(inner.start + off, inner.start + end),
                });
                rest_start = end;
            }
        }
    } else {
        let d_len = t2.bytes().take_while(|b| b.is_ascii_digit()).count();
        if (1..=2).contains(&d_len) {
            let tail = &t2[d_len..];
            if let Some(p) = tail
                .chars()
                .next()
                .filter(|c| matches!(c, '.' | '、' | '．'))
            {
                // `2020.` is a year, `1.5` a decimal: neither is numbering.
                let next = tail[p.len_utf8()..].chars().next();
                if !next.is_some_and(|c| c.is_ascii_digit()) {
                    let end = off + d_len + p.len_utf8();
                    numbering = Some(Numbering {
                        kind: NumberingKind::Arabic,
                        value: t2[..d_len].parse().unwrap_or(0),
                        span: Span::new(inner.start + off, inner.start + end),
                    });
                    rest_start = end;
                }
            }
        }
    }
    let rest = &t[rest_start..];
    let rest_trim = trim_start(rest);
    let title_start = rest_start + (rest.len() - rest_trim.len());
    let mut title_len = rest_trim.len();
    let stop = crate::text::find_any(rest_trim, &['。', '；', ';']);
    if let Some(p) = stop {
        title_len = p;
    }
    // A numbering holds no `。`: the rest of the line tells.
    let sentence = stop.is_some_and(|p| {
        rest_trim[p..].starts_with('。')
            || crate::text::find_any(&rest_trim[p..], &['。']).is_some()
    });
    let head = &rest_trim.as_bytes()[..title_len];
    if let Some(p) = memchr::memchr_iter(b'*', head).find(|&i| head.get(i + 1) == Some(&b'*')) {
        title_len = p;
    }
    let title = trim_span(
        src,
        Span::new(
            inner.start + title_start,
            inner.start + title_start + title_len,
        ),
    );
    (numbering, title, sentence)
}

#[cfg(test)]
mod tests {

    proptest::proptest! {
        /// The byte-wise split of a line without separators gives the
        /// pieces a split at every space character gives.
        #[test]
        fn space_split_agrees_with_is_space(text in "[a1二，。“𠀀 \t\u{3000}\u{a0}\u{2003}\u{feff}\u{1680}\u{4dff}\u{a000}é]{0,16}") {
            let (sep, cells) = split_cells(&text, Span::new(0, text.len()), &text, text.contains('。'));
            let words: Vec<&str> = text.split(crate::text::is_space).filter(|w| !w.is_empty()).collect();
            if sep == Separator::Space {
                let got: Vec<&str> = cells.iter().map(|c| &text[c.raw.range()]).collect();
                proptest::prop_assert_eq!(got, words);
            } else if sep == Separator::None && !text.contains('。') {
                proptest::prop_assert!(words.len() < 2, "{:?}", words);
            }
        }

        /// `Line::sentence`, found by the title's search, is whether the
        /// line holds a `。` anywhere: after `；`, inside a numbering's
        /// padding, behind Markdown or HTML marks.
        #[test]
        fn sentence_is_a_full_stop_anywhere(text in "(#{0,2} |> |\\*\\*|<p>|</p>|（一）|一、|2\\.|。|；|;|a|二|\\t| |　){0,10}") {
            let line = parse_line(&text, Span::new(0, text.len()));
            let comment = text.trim().starts_with("<!--");
            proptest::prop_assert_eq!(line.sentence, !comment && text[line.inner.range()].contains('。'));
            if !line.inner.is_empty() {
                proptest::prop_assert_eq!(line.sentence, text.contains('。'), "{:?}", line);
            }
        }
    }
    use super::*;

    fn cells<'a>(doc: &Document<'a>, line: usize) -> Vec<&'a str> {
        doc.lines[line]
            .cells
            .iter()
            .map(|c| doc.text(c.content))
            .collect()
    }

    #[test]
    fn html_table_rows_are_lines_of_cells() {
        let src = "前文<table><thead><tr><th colspan=\"2\">项目</th><TH>数量</TH></tr></thead>\
                   <tbody><TR><td rowspan=\"2\"><p><span>规章</span></p></td><td> 1 </td>\
                   <td>&nbsp;</td></TR><tr><td>2<br>3</td><td></td></tr></tbody></table>后文\n下一行";
        let doc = parse(src);
        let texts: Vec<&str> = doc.lines.iter().map(|l| doc.text(l.span)).collect();
        assert_eq!(texts.len(), 6, "{texts:?}");
        assert_eq!(texts[0], "前文<table><thead>");
        assert!(texts[1].starts_with("<tr><th") && texts[1].ends_with("</thead><tbody>"));
        assert_eq!(texts[4], "</table>后文");
        assert_eq!(texts[5], "下一行");
        assert_eq!(doc.lines[0].sep, Separator::None);
        for (line, want) in [
            (1, vec!["项目", "数量"]),
            (2, vec!["规章", "1", ""]),
            (3, vec!["2<br>3", ""]),
        ] {
            assert_eq!(doc.lines[line].sep, Separator::Html);
            assert_eq!(cells(&doc, line), want, "line {line}");
        }
        // A blank cell is empty where its content would go, inside the tags.
        let blank = doc.lines[3].cells[1];
        assert_eq!(&src[blank.raw.start - 4..blank.raw.start], "<td>");
        assert_eq!(blank.content, Span::empty(blank.raw.start));
        assert_eq!(
            html_row_end(src, doc.lines[3].span).map(|e| &src[e - 5..e]),
            Some("</tr>")
        );
        assert!(is_html_row_boundary(src, doc.lines[3].span.start));
        assert!(!is_html_row_boundary(src, doc.lines[3].span.start + 1));
    }

    #[test]
    fn html_paragraphs_are_read_without_their_tags() {
        let src = "<p align=\"center\"><b>一、总体情况</b></p>\n<h2>（二）依申请公开</h2>\n<p>规章 1 0 3</p>";
        let doc = parse(src);
        let l = &doc.lines[0];
        assert_eq!(doc.text(l.inner), "一、总体情况");
        assert_eq!(
            l.numbering.map(|n| (n.kind, n.value)),
            Some((NumberingKind::Chinese, 1))
        );
        assert_eq!(doc.text(l.title), "总体情况");
        assert_eq!(
            doc.lines[1].numbering.map(|n| n.kind),
            Some(NumberingKind::ParenChinese)
        );
        assert_eq!(doc.lines[2].sep, Separator::Space);
        assert_eq!(cells(&doc, 2), ["规章", "1", "0", "3"]);
    }

    #[test]
    fn lines_of_tags_or_rules_only_are_blank_and_other_lines_untouched() {
        for blank in [
            "<table>",
            "  </tbody></table>",
            "<tbody>\t<br/>",
            "---",
            "  ------ ---- -----",
            "+=====+====+",
            "+-----+:---:+",
            "===",
        ] {
            assert!(parse(blank).lines[0].is_blank(), "{blank}");
        }
        for text in [
            "<条例>规定",
            "a < b 且 c > d",
            "<1> 2 3",
            "trouble<tr",
            "- 5 -",
            "--",
            "|---|---|",
        ] {
            let doc = parse(text);
            assert_eq!(doc.lines.len(), 1, "{text}");
            assert_ne!(doc.lines[0].sep, Separator::Html, "{text}");
            assert!(!doc.lines[0].is_blank(), "{text}");
        }
        assert!(is_html_row("<tr><td>1</td></tr>"));
        assert!(is_html_row("<TR class=\"x\"><TD>1</TD></TR>"));
        assert!(!is_html_row("<tr><td>1</td></tr>\n"));
        assert!(!is_html_row("1\t2"));
    }

    #[test]
    fn tab_pipe_and_space_rows() {
        let src = "规章\t0\t\t1\r\n规章 | 0 | 0 | ||\n| a | b |\n行政许可 4 0 0\n";
        let doc = parse(src);
        assert_eq!(doc.lines[0].sep, Separator::Tab);
        assert_eq!(cells(&doc, 0), ["规章", "0", "", "1"]);
        assert_eq!(doc.lines[1].sep, Separator::Pipe);
        assert_eq!(cells(&doc, 1), ["规章", "0", "0", "", ""]);
        assert_eq!(cells(&doc, 2), ["a", "b"]);
        assert_eq!(doc.lines[3].sep, Separator::Space);
        assert_eq!(cells(&doc, 3), ["行政许可", "4", "0", "0"]);
        assert_eq!(doc.lines.len(), 5);
    }

    #[test]
    fn headings_numbering_and_titles() {
        let src = "## **(二) 依申请公开**\n一、 总体公开工作情况概述\n**（一）主动公开情况。**正文\n1. 属于国家秘密\n2020年12月31日\n";
        let doc = parse(src);
        let l = &doc.lines[0];
        assert_eq!(l.md_level, 2);
        assert!(l.bold);
        assert_eq!(l.numbering.unwrap().kind, NumberingKind::ParenChinese);
        assert_eq!(l.numbering.unwrap().value, 2);
        assert_eq!(doc.text(l.title), "依申请公开");
        assert_eq!(doc.lines[1].numbering.unwrap().value, 1);
        assert_eq!(doc.text(doc.lines[1].title), "总体公开工作情况概述");
        assert_eq!(doc.text(doc.lines[2].title), "主动公开情况");
        assert_eq!(doc.lines[3].numbering.unwrap().kind, NumberingKind::Arabic);
        assert!(doc.lines[4].numbering.is_none());
        assert_eq!(chinese_numeral("十二"), Some(12));
        assert_eq!(chinese_numeral("二十三"), Some(23));
        assert_eq!(chinese_numeral("三十"), Some(30));
        assert_eq!(chinese_numeral("十"), Some(10));
        assert_eq!(chinese_numeral("二十三四"), None);
        assert_eq!(chinese_numeral("十十"), None);
        assert_eq!(chinese_numeral(""), None);
    }
}
