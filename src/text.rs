//! Text layer: spans, converting byte offsets to the positions users and
//! editors see, and the character helpers every layer shares (spaces,
//! trims, full-width folding, label normalization) (decoding a file's bytes is a
//! front end's job: `front::text`). Nothing here knows about reports.

use std::ops::Range;

/// A byte range into the source text. Always on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The first character of this span in `text` (empty if the span is).
    pub fn first_char(self, text: &str) -> Span {
        let len = text
            .get(self.range())
            .and_then(|t| t.chars().next())
            .map(|c| c.len_utf8())
            .unwrap_or(0);
        Span::new(self.start, self.start + len)
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Line starts of a text, for converting byte offsets into line/column
/// positions in characters (CLI), UTF-16 code units (LSP default) or bytes.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Unicode scalar values, as the CLI reports (1 per CJK character).
    Char,
    /// UTF-16 code units, the LSP default (2 for characters outside the BMP).
    Utf16,
    /// Bytes of UTF-8.
    Utf8,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing a byte offset (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of a line's content, without its `\n` or `\r\n`.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).map(|n| n - 1).unwrap_or(self.len);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// 0-based (line, column) of a byte offset, column counted in `unit`.
    pub fn position(&self, text: &str, offset: usize, unit: ColumnUnit) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let prefix = &text[start..offset];
        let col = match unit {
            ColumnUnit::Char => prefix.chars().count(),
            ColumnUnit::Utf16 => prefix.encode_utf16().count(),
            ColumnUnit::Utf8 => prefix.len(),
        };
        (line, col)
    }

    /// Byte offset of a 0-based (line, column) position. Out-of-range lines
    /// clamp to the end of the text and out-of-range columns to the end of the
    /// line; a column inside a surrogate pair or a UTF-8 sequence rounds down.
    pub fn offset(&self, text: &str, line: usize, col: usize, unit: ColumnUnit) -> usize {
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        let content = &text[span.range()];
        let mut used = 0usize;
        for (i, ch) in content.char_indices() {
            let w = match unit {
                ColumnUnit::Char => 1,
                ColumnUnit::Utf16 => ch.len_utf16(),
                ColumnUnit::Utf8 => ch.len_utf8(),
            };
            if used + w > col {
                return span.start + i;
            }
            used += w;
        }
        span.end
    }
}

pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Applies non-overlapping edits (byte spans into `text`). Returns `None` if
/// any two edits overlap or a span is out of range, so nothing is half-done.
pub fn apply_edits(text: &str, edits: &[(Span, &str)]) -> Option<String> {
    let mut sorted: Vec<&(Span, &str)> = edits.iter().collect();
    sorted.sort_by_key(|(s, _)| (s.start, s.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut cursor = 0usize;
    for (span, new) in sorted {
        if span.start < cursor
            || span.end > text.len()
            || span.start > span.end
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return None;
        }
        out.push_str(&text[cursor..span.start]);
        out.push_str(new);
        cursor = span.end;
    }
    out.push_str(&text[cursor..]);
    Some(out)
}

/// The index of the first ASCII digit in `bytes` at or after `from`.
/// Eight bytes at a time: a report's prose is mostly Chinese, whose UTF-8
/// bytes are all ≥ 0x80, and its numbers are few, so a byte-by-byte scan
/// spent most of the narrative reading on bytes that are not digits.
pub fn next_ascii_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let x = u64::from_le_bytes(word);
        // A byte b < 0x80 has its high bit set in `x + (0x80 - 0x30)` when
        // b ≥ 0x30, and in `(0x80 + 0x39) - b` when b ≤ 0x39: both for a
        // digit. Bytes ≥ 0x80 are masked out by `!x`. No byte carries into
        // the next because the low seven bits are added separately.
        let low = x & !HIGH;
        let ge = low + ONES * (0x80 - 0x30);
        let le = ONES * (0x80 + 0x39) - low;
        let digits = ge & le & !x & HIGH;
        if digits != 0 {
            return Some(i + (digits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    (i..bytes.len()).find(|&k| bytes[k].is_ascii_digit())
}

/// The last component of a path as an adapter names a file (`/` or `\\`
/// separated), for messages that name another document.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// `text` without its spaces (see [`is_space`]), copied in
/// runs rather than a character at a time.
pub fn without_spaces(text: &str) -> String {
    // Most texts asked hold no space: one pass over their bytes says so.
    if !has_space(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if is_space(c) {
            out.push_str(&text[run..i]);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
    out
}

/// The byte offset of the first of `chars` in `text`. The characters are
/// found by a vectorized search for their first UTF-8 byte, then checked:
/// meant for punctuation, whose lead bytes (E3 for `。、`, EF for full-width
/// forms) are rare in Chinese text, where `str::find` with a set of chars
/// decodes every character. More than three lead bytes fall back to it.
pub fn find_any(text: &str, chars: &[char]) -> Option<usize> {
    let mut leads = [0u8; 4];
    let mut n = 0;
    for c in chars {
        let mut buf = [0u8; 4];
        let lead = c.encode_utf8(&mut buf).as_bytes()[0];
        if !leads[..n].contains(&lead) {
            if n == leads.len() {
                return text.find(chars);
            }
            leads[n] = lead;
            n += 1;
        }
    }
    let bytes = text.as_bytes();
    let hit = |i: usize| {
        text.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| chars.contains(&c))
    };
    match leads[..n] {
        [] => None,
        [a] => memchr::memchr_iter(a, bytes).find(|&i| hit(i)),
        [a, b] => memchr::memchr2_iter(a, b, bytes).find(|&i| hit(i)),
        [a, b, c] => memchr::memchr3_iter(a, b, c, bytes).find(|&i| hit(i)),
        _ => text.find(chars),
    }
}

/// One word searched for in many lines, its searcher built on first use:
/// `str::contains` sets up a searcher per call, and a CJK character's
/// bytes make `contains(char)` stop at every character sharing its last
/// byte. `static MONTH: Word = Word::new("月");` … `MONTH.in_text(line)`.
pub struct Word {
    word: &'static str,
    finder: std::sync::OnceLock<memchr::memmem::Finder<'static>>,
}

impl Word {
    pub const fn new(word: &'static str) -> Word {
        Word {
            word,
            finder: std::sync::OnceLock::new(),
        }
    }

    /// Whether `text` contains the word.
    pub fn in_text(&self, text: &str) -> bool {
        self.finder
            .get_or_init(|| memchr::memmem::Finder::new(self.word))
            .find(text.as_bytes())
            .is_some()
    }
}

/// Searchers for a fixed set of words, built once: the per-line landmark
/// checks ask for five to seven words in every line, and `str::contains`
/// sets up a new searcher for each call.
pub struct Words(Vec<memchr::memmem::Finder<'static>>);

impl Words {
    pub fn new(words: &[&'static str]) -> Words {
        Words(
            words
                .iter()
                .map(|&w| memchr::memmem::Finder::new(w))
                .collect(),
        )
    }

    /// Whether `text` contains any of the words.
    pub fn in_text(&self, text: &str) -> bool {
        self.0.iter().any(|f| f.find(text.as_bytes()).is_some())
    }
}

// ------------------------------------------------------------ characters

/// A space: ASCII whitespace, the ideographic space U+3000, no-break space
/// and BOM (what a copy out of Word, PDF or a web page leaves between words).
pub fn is_space(c: char) -> bool {
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{3000}' | '\u{a0}' | '\u{feff}' => true,
        // CJK text is most of a report: answer it without a table lookup.
        '\u{4e00}'..='\u{9fff}' => false,
        c if c.is_ascii() => c.is_ascii_whitespace(),
        c => c.is_whitespace(),
    }
}

/// Whether `s` holds a space ([`is_space`]): by its bytes, decoding only
/// the characters that are neither ASCII nor common CJK ideographs (a cell
/// of a table is asked whether it is one word).
pub fn has_space(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            0..=0x7F if b.is_ascii_whitespace() => return true,
            0..=0x7F => i += 1,
            // U+4000–U+9FFF: three bytes, never a space.
            0xE4..=0xE9 => i += 3,
            _ => match s.get(i..).and_then(|t| t.chars().next()) {
                Some(c) if is_space(c) => return true,
                Some(c) => i += c.len_utf8(),
                None => i += 1,
            },
        }
    }
    false
}

/// Whether a character starting with byte `b` is surely not a space: a
/// visible ASCII character, or one of U+4000–U+9FFF (lead bytes E4–E9: the
/// common CJK ideographs, most of a report), none of which [`is_space`].
#[inline]
fn surely_not_space(b: u8) -> bool {
    (b'!'..=b'~').contains(&b) || (0xE4..=0xE9).contains(&b)
}

/// `s` without leading spaces ([`is_space`]). Most cells and lines start
/// with no space: one character is decoded to say so, and the general
/// trimming runs only when there is something to trim.
#[inline]
pub fn trim_start(s: &str) -> &str {
    if s.as_bytes().first().is_some_and(|&b| surely_not_space(b)) {
        return s;
    }
    if s.chars().next().is_some_and(is_space) {
        s.trim_start_matches(is_space)
    } else {
        s
    }
}

/// `s` without trailing spaces (see [`trim_start`]).
#[inline]
pub fn trim_end(s: &str) -> &str {
    // The last byte of a character other than ASCII is a continuation
    // byte: only an ASCII last byte says anything by itself.
    if s.as_bytes()
        .last()
        .is_some_and(|&b| b.is_ascii() && surely_not_space(b))
    {
        return s;
    }
    if s.chars().next_back().is_some_and(is_space) {
        s.trim_end_matches(is_space)
    } else {
        s
    }
}

/// `s` without leading and trailing spaces (see [`trim_start`]).
#[inline]
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// A common CJK ideograph (U+4E00–U+9FFF): most characters of a report.
#[inline]
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// True for an ASCII or full-width digit.
#[inline]
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of a digit (ASCII or full-width).
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Full-width ASCII and brackets as half-width (`（` → `(`, `１` → `1`).
pub fn half_width(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '．' => '.',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Normalizes a label for comparison: drops whitespace and quotes, folds
/// full-width ASCII and brackets to half-width, so `（三）不 予 公 开`,
/// `(三)不予公开` and `(三) 不予公开` compare equal.
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_han(c) {
            out.push(c);
            continue;
        }
        if is_space(c) {
            continue;
        }
        if matches!(
            c,
            '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '*' | '`'
        ) {
            continue;
        }
        out.push(half_width(c));
    }
    out
}

/// Where a word stands in a text with at most one character substituted,
/// deleted or inserted (edit distance ≤ 1): character positions in the
/// text, and whether a character was edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Near {
    pub start: usize,
    pub end: usize,
    pub edited: bool,
}

/// `word` at the start of `text` with at most one character edited. Of the
/// readings, the exact one first, then a substituted, a deleted, an
/// inserted character. Aligning the edit at the first character that
/// differs is enough: with one edit, every reading can be aligned there.
pub fn near_prefix(text: &[char], word: &[char]) -> Option<Near> {
    let m = word.len();
    if m < 2 {
        return (m == 0 || text.first() == word.first()).then_some(Near {
            start: 0,
            end: m,
            edited: false,
        });
    }
    let p = text.iter().zip(word).take_while(|(a, b)| a == b).count();
    let at = |end: usize, edited: bool| Near {
        start: 0,
        end,
        edited,
    };
    if p == m {
        return Some(at(m, false));
    }
    // The edit is at `p`: the rest of the word follows it.
    let rest = &word[p + 1..];
    if text.get(p + 1..m) == Some(rest) {
        return Some(at(m, true));
    }
    if text.get(p..m - 1) == Some(rest) {
        return Some(at(m - 1, true));
    }
    if text.get(p + 1..m + 1) == Some(&word[p..]) {
        return Some(at(m + 1, true));
    }
    None
}

/// Every end of a start of `text` that is `word` with exactly one
/// character edited (substituted, deleted or inserted), at the first
/// character that differs: a reader that goes on after the word needs each.
pub fn near_prefix_ends(text: &[char], word: &[char]) -> impl Iterator<Item = usize> {
    let m = word.len();
    let p = text.iter().zip(word).take_while(|(a, b)| a == b).count();
    let edited = p < m && m >= 2;
    let rest = word.get(p + 1..).unwrap_or(&[]);
    let sub = edited && text.get(p + 1..m) == Some(rest);
    let del = edited && text.get(p..m - 1) == Some(rest);
    let ins = edited && text.get(p + 1..m + 1) == Some(&word[p.min(m)..]);
    [(sub, m), (del, m.saturating_sub(1)), (ins, m + 1)]
        .into_iter()
        .filter(|(ok, _)| *ok)
        .map(|(_, end)| end)
}

/// The first place in `text` where `word` (two characters or more) stands
/// with at most one character edited.
pub fn find_near(text: &[char], word: &[char]) -> Option<Near> {
    let (&a, &b) = (word.first()?, word.get(1)?);
    // A reading that starts at `s` has the word's first or second character
    // at `s` (the first deleted), or its second at `s + 1` (the first changed).
    (0..text.len()).find_map(|s| {
        let may = text[s] == a || text[s] == b || text.get(s + 1) == Some(&b);
        may.then(|| near_prefix(&text[s..], word))
            .flatten()
            .map(|n| Near {
                start: s,
                end: s + n.end,
                edited: n.edited,
            })
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_word_is_found_where_contains_finds_it() {
        static MONTH: Word = Word::new("月");
        static DATE: Word = Word::new("日期");
        for text in [
            "",
            "月",
            "2024年5月",
            "日期",
            "成文日期：",
            "期日",
            "朋",
            "有",
            "a月b",
        ] {
            assert_eq!(MONTH.in_text(text), text.contains('月'), "{text}");
            assert_eq!(DATE.in_text(text), text.contains("日期"), "{text}");
        }
    }

    #[test]
    fn line_starts_follow_newlines_only() {
        let idx = LineIndex::new("一\r\n二\n\n三");
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_start(1), "一\r\n".len());
        assert_eq!(idx.line_start(3), "一\r\n二\n\n".len());
    }
    use super::*;

    #[test]
    fn has_space_is_any_char_a_space() {
        for s in [
            "",
            "a",
            "二",
            "二 三",
            "二\t3",
            "（一）予以公开",
            "无\u{3000}",
            "\u{a0}",
            "x\u{2003}",
            "\u{feff}二",
            "\r",
            "\u{c}",
            "\u{b}",
            "𠀀二",
            "é",
            "\u{4dff}\u{a000}",
            "\u{1680}",
        ] {
            assert_eq!(has_space(s), s.chars().any(is_space), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn has_space_agrees_with_is_space(s in "[a1二，。“𠀀 \t\r\u{b}\u{c}\u{3000}\u{a0}\u{2003}\u{feff}\u{1680}\u{4dff}\u{a000}\u{9fff}é]{0,12}") {
            proptest::prop_assert_eq!(has_space(&s), s.chars().any(is_space));
            let kept: String = s.chars().filter(|c| !is_space(*c)).collect();
            proptest::prop_assert_eq!(without_spaces(&s), kept);
        }
    }

    #[test]
    fn no_space_starts_with_a_surely_not_space_byte() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(!(surely_not_space(first) && is_space(c)), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn trims_like_the_standard_trims(s in "[ \t\r\u{3000}\u{a0}\u{feff}\u{2003}\u{85}\u{4dff}\u{9fff}\u{0b}\u{0c}~!a二，]{0,8}") {
            proptest::prop_assert_eq!(trim_start(&s), s.trim_start_matches(is_space));
            proptest::prop_assert_eq!(trim_end(&s), s.trim_end_matches(is_space));
            proptest::prop_assert_eq!(trim(&s), s.trim_matches(is_space));
        }
    }

    proptest::proptest! {
        #[test]
        fn next_ascii_digit_is_the_first_digit(text in "[0-9a :/年。\u{3000}\u{ff10}]{0,40}", from in 0usize..40) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let expected = (from..bytes.len()).find(|&k| bytes[k].is_ascii_digit());
            proptest::prop_assert_eq!(next_ascii_digit(bytes, from), expected);
        }

        #[test]
        fn without_spaces_drops_every_space(text in "[二 a\t\u{3000}\u{a0}，1]{0,20}") {
            let expected: String = text.chars().filter(|c| !is_space(*c)).collect();
            proptest::prop_assert_eq!(without_spaces(&text), expected);
        }
    }

    /// Edit distance by the textbook table, as the reference.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, x) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, y) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(x != y))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    proptest::proptest! {
        /// `near_prefix` finds a start of the text within one edit of the
        /// word exactly when there is one, and prefers the exact reading.
        #[test]
        fn near_prefix_is_edit_distance_one(text in "[勾稽关系行政复议]{0,8}", word in "[勾稽关系行政复议]{2,6}") {
            let t: Vec<char> = text.chars().collect();
            let w: Vec<char> = word.chars().collect();
            let found = near_prefix(&t, &w);
            let best = (0..=t.len()).map(|e| (distance(&t[..e], &w), e)).min();
            match found {
                Some(n) => {
                    proptest::prop_assert!(distance(&t[..n.end], &w) <= 1);
                    proptest::prop_assert_eq!(n.edited, distance(&t[..n.end], &w) == 1);
                    if t.starts_with(&w) {
                        proptest::prop_assert!(!n.edited);
                    }
                }
                None => proptest::prop_assert!(best.is_none_or(|(d, _)| d > 1), "{:?}", best),
            }
        }

        #[test]
        fn find_near_finds_every_word_within_one_edit(pre in "[a行政]{0,4}", word in "[行政复议诉讼]{2,6}", edit in 0usize..4, at in 0usize..8, post in "[a议]{0,3}") {
            let w: Vec<char> = word.chars().collect();
            let mut v = w.clone();
            let k = at % v.len();
            match edit {
                0 => v[k] = '某',
                1 => { v.remove(k); }
                2 => v.insert(k, '某'),
                _ => {}
            }
            let text: Vec<char> = pre.chars().chain(v).chain(post.chars()).collect();
            let n = find_near(&text, &w);
            proptest::prop_assert!(n.is_some(), "{:?}", text);
            let n = n.unwrap();
            proptest::prop_assert!(distance(&text[n.start..n.end], &w) <= 1);
        }
    }

    #[test]
    fn near_words() {
        let c = |s: &str| -> Vec<char> { s.chars().collect() };
        let w = c("勾稽关系");
        assert_eq!(
            near_prefix(&c("勾稽关系为"), &w).map(|n| (n.end, n.edited)),
            Some((4, false))
        );
        assert_eq!(
            near_prefix(&c("勾计关系为"), &w).map(|n| (n.end, n.edited)),
            Some((4, true))
        );
        assert_eq!(near_prefix(&c("勾关系为"), &w).map(|n| n.end), Some(3));
        assert_eq!(near_prefix(&c("勾稽某关系"), &w).map(|n| n.end), Some(5));
        assert_eq!(near_prefix(&c("勾某某系"), &w), None);
        let n = find_near(&c("本列数据的勾计关系为"), &w).unwrap();
        assert_eq!((n.start, n.end), (5, 9));
        assert_eq!(find_near(&c("行政复"), &c("行政复议行政诉讼")), None);
    }

    #[test]
    fn next_ascii_digit_at_every_byte_value() {
        // Every byte value at every place of an eight-byte word and after it.
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut bytes = vec![b'x'; 12];
                bytes[at] = b;
                let expected = b.is_ascii_digit().then_some(at);
                assert_eq!(next_ascii_digit(&bytes, 0), expected, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn words_are_found_like_contains() {
        let list = ["二十条", "信息内容", "稽", "申请人情况", "本年新收"];
        let words = Words::new(&list);
        for text in [
            "",
            "二十",
            "第二十条",
            "勾稽关系",
            "一、本年新收政府信息公开申请数量",
            "二 十条",
            "申请人情况说明",
            "信息内",
            "ascii only",
            "😀信息内容",
        ] {
            assert_eq!(
                words.in_text(text),
                list.iter().any(|w| text.contains(w)),
                "{text}"
            );
        }
        assert!(!Words::new(&[]).in_text("anything"));
    }

    #[test]
    fn find_any_agrees_with_find() {
        let sets: [&[char]; 5] = [
            &['。'],
            &['。', '；', ';'],
            &['（', '(', '、', '：'],
            &['年'],
            &['a', '年', '。', '（', '月'],
        ];
        for text in [
            "",
            "开展工作。另",
            "a;b；c。",
            "（一）主动公开",
            "无",
            "2024年：是、否(1)",
        ] {
            for set in sets {
                assert_eq!(find_any(text, set), text.find(set), "{text} {set:?}");
            }
        }
    }

    #[test]
    fn positions_in_chars_utf16_and_bytes() {
        let text = "a\r\n𠀀表三\t1\n";
        let idx = LineIndex::new(text);
        let one = text.find('1').unwrap();
        assert_eq!(idx.position(text, one, ColumnUnit::Char), (1, 4));
        assert_eq!(idx.position(text, one, ColumnUnit::Utf16), (1, 5));
        assert_eq!(idx.position(text, one, ColumnUnit::Utf8), (1, 11));
        assert_eq!(idx.offset(text, 1, 5, ColumnUnit::Utf16), one);
        assert_eq!(
            idx.offset(text, 1, 1, ColumnUnit::Utf16),
            3,
            "inside a surrogate pair rounds down"
        );
        assert_eq!(
            idx.offset(text, 0, 99, ColumnUnit::Utf16),
            1,
            "clamped before \\r\\n"
        );
        assert_eq!(idx.offset(text, 99, 0, ColumnUnit::Utf16), text.len());
        assert_eq!(idx.line_span(text, 0), Span::new(0, 1));
    }

    #[test]
    fn edits_apply_or_refuse_overlaps() {
        let t = "0 | 1";
        assert_eq!(
            apply_edits(t, &[(Span::new(4, 5), "2"), (Span::new(0, 1), "9")]).as_deref(),
            Some("9 | 2")
        );
        assert_eq!(
            apply_edits(t, &[(Span::new(0, 2), ""), (Span::new(1, 3), "")]),
            None
        );
    }
}
