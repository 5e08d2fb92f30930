//! Labels as the reader compares them: normalized characters that remember
//! where each came from, the official labels of a table as match forms, and
//! the header words a table may show.

use crate::schema;
use crate::text::Span;

/// Text normalized for matching (see [`crate::text::normalize_label`]), with the
/// source span of every character, and numbering written one way: `1、`,
/// `（1）` and `1．` all become `1.`.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    pub chars: Vec<char>,
    pub spans: Vec<Span>,
}

impl NormText {
    pub fn of(src: &str, span: Span) -> NormText {
        let mut out = NormText::default();
        out.fill(src, span);
        out
    }

    /// Reads `span` into this buffer, reusing its memory.
    pub fn fill(&mut self, src: &str, span: Span) {
        self.fill_prefix(src, span, usize::MAX);
    }

    /// Reads at most `limit` normalized characters of `span`: enough to
    /// compare a long line's start with labels, without folding all of it.
    /// (A `(1)` cut at the limit stays unfolded: callers keep the limit a
    /// few characters past what they compare.)
    pub fn fill_prefix(&mut self, src: &str, span: Span, limit: usize) {
        self.chars.clear();
        self.spans.clear();
        let text = src.get(span.range()).unwrap_or("");
        // At most a character per byte: one allocation, not a doubling per push.
        let most = text.len().min(limit);
        self.chars.reserve(most);
        self.spans.reserve(most);
        for (i, c) in text.char_indices() {
            if self.chars.len() >= limit {
                break;
            }
            let at = Span::new(span.start + i, span.start + i + c.len_utf8());
            if let Some(n) = fold(c) {
                self.chars.push(n);
                self.spans.push(at);
            }
        }
        self.canonical_numbering();
    }

    /// The source span of characters `from..to`.
    pub fn span(&self, from: usize, to: usize) -> Span {
        if from >= to || to > self.spans.len() {
            let at = self
                .spans
                .get(from)
                .map(|s| s.start)
                .or_else(|| self.spans.last().map(|s| s.end))
                .unwrap_or(0);
            return Span::empty(at);
        }
        Span::new(self.spans[from].start, self.spans[to - 1].end)
    }

    fn canonical_numbering(&mut self) {
        let c = &mut self.chars;
        let mut i = 0;
        while i < c.len() {
            // `(1)` → `1.`
            if c[i] == '('
                && let Some(d) = (1..=2).find(|&d| {
                    c.len() > i + d + 1
                        && c[i + 1..=i + d].iter().all(|x| x.is_ascii_digit())
                        && c[i + d + 1] == ')'
                })
            {
                c.remove(i);
                self.spans.remove(i);
                c[i + d] = '.';
                i += d + 1;
                continue;
            }
            // `1、` → `1.` (after a non-digit: `2024、` is not numbering)
            if c[i] == '、' && i > 0 && c[i - 1].is_ascii_digit() {
                let digits = c[..i]
                    .iter()
                    .rev()
                    .take_while(|x| x.is_ascii_digit())
                    .count();
                if digits <= 2 {
                    c[i] = '.';
                }
            }
            i += 1;
        }
    }
}

/// The character a label keeps after normalizing, if any.
fn fold(c: char) -> Option<char> {
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return Some(c);
    }
    if crate::text::is_space(c) {
        return None;
    }
    // As `crate::text::normalize_label`, and also without the book-title marks
    // and `#` that converters leave around labels.
    if matches!(
        c,
        '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '*' | '`' | '《' | '》' | '#'
    ) {
        return None;
    }
    Some(crate::text::half_width(c))
}

/// Normalizes a schema string the way [`NormText`] does.
pub fn norm_chars(s: &str) -> Vec<char> {
    NormText::of(s, Span::new(0, s.len())).chars
}

/// Length of the common prefix of two strings.
pub fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Length of the longest common subsequence (labels are short).
pub fn lcs(a: &[char], b: &[char]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut prev = vec![0u16; b.len() + 1];
    let mut cur = vec![0u16; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// Length of a numbering at the start of `s`: `一、`, `(一)`, `1.`.
pub fn numbering_len(s: &[char]) -> usize {
    let cn = |c: char| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
    };
    match s {
        [a, '、', ..] if cn(*a) => 2,
        [a, b, '、', ..] if cn(*a) && cn(*b) => 3,
        ['(', a, ')', ..] if cn(*a) => 3,
        ['(', a, b, ')', ..] if cn(*a) && cn(*b) => 4,
        [d, '.', next, ..] if d.is_ascii_digit() && !next.is_ascii_digit() => 2,
        [d, '.'] if d.is_ascii_digit() => 2,
        [d, e, '.', next, ..]
            if d.is_ascii_digit() && e.is_ascii_digit() && !next.is_ascii_digit() =>
        {
            3
        }
        _ => 0,
    }
}

/// One label the reader expects, in table order.
#[derive(Debug, Clone)]
pub struct LabelDef {
    /// Numbered forms: the official one first, then variants.
    pub numbered: Vec<Vec<char>>,
    /// The same without numbering (matched when a draft drops or changes it).
    pub bodies: Vec<Vec<char>>,
    /// Length of the numbering of the numbered forms (0 if none).
    pub numbering: usize,
    /// First characters of the numbered forms and of the bodies: most
    /// places in a text start no label, and this says so cheaply.
    pub first_numbered: Vec<char>,
    pub first_body: Vec<char>,
}

impl LabelDef {
    pub fn new(numbered: Vec<Vec<char>>, bodies: Vec<Vec<char>>, numbering: usize) -> LabelDef {
        let firsts = |forms: &[Vec<char>]| {
            let mut v: Vec<char> = forms.iter().filter_map(|f| f.first().copied()).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        LabelDef {
            first_numbered: firsts(&numbered),
            first_body: firsts(&bodies),
            numbered,
            bodies,
            numbering,
        }
    }
}

impl LabelDef {
    /// The length of the longest form, in characters.
    pub fn longest(&self) -> usize {
        self.forms().map(Vec::len).max().unwrap_or(0)
    }

    pub fn forms(&self) -> impl Iterator<Item = &Vec<char>> {
        self.numbered.iter().chain(&self.bodies)
    }
}

/// The first characters of every form of `defs`, sorted (see
/// `assemble::Params::firsts`).
pub fn first_chars(defs: &[LabelDef]) -> Vec<char> {
    let mut v: Vec<char> = defs
        .iter()
        .flat_map(|d| d.first_numbered.iter().chain(&d.first_body))
        .copied()
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The first characters of table 三's labels.
pub fn table3_firsts() -> &'static [char] {
    static F: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    F.get_or_init(|| first_chars(table3_defs()))
}

/// The labels of table 三, in template order (both versions).
pub fn table3_defs() -> &'static [LabelDef] {
    static DEFS: std::sync::OnceLock<Vec<LabelDef>> = std::sync::OnceLock::new();
    DEFS.get_or_init(|| {
        schema::TABLE3_ROWS
            .iter()
            .map(|d| {
                let numbering = norm_chars(d.numbering);
                let bodies: Vec<Vec<char>> = std::iter::once(d.label)
                    .chain(d.variants.iter().copied())
                    .map(norm_chars)
                    .collect();
                let numbered = bodies
                    .iter()
                    .map(|b| numbering.iter().chain(b).copied().collect())
                    .collect();
                LabelDef::new(numbered, bodies, numbering.len())
            })
            .collect()
    })
}

/// Words a table's header may show, and the characters of its group labels
/// (debris of labels written one character per line).
#[derive(Debug)]
pub struct HeaderWords {
    pub words: Vec<Vec<char>>,
    /// Long header texts (the note of table 三) whose pieces may appear.
    pub notes: Vec<Vec<char>>,
    pub debris: Vec<char>,
    /// Every character of the words, sorted: text with another character
    /// is not header text, and is refused without a search.
    chars: Vec<char>,
}

impl HeaderWords {
    pub fn new(words: &[&str], notes: &[&str], debris_from: &[&str]) -> HeaderWords {
        let mut words: Vec<Vec<char>> = words
            .iter()
            .chain(CONVERTER_HEADERS)
            .map(|w| norm_chars(w))
            .collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut debris: Vec<char> = debris_from
            .iter()
            .flat_map(|s| norm_chars(s))
            .filter(|c| !c.is_ascii_digit())
            .collect();
        debris.extend(words.iter().flatten().filter(|c| !c.is_ascii()));
        debris.sort_unstable();
        debris.dedup();
        let mut chars: Vec<char> = words.iter().flatten().copied().collect();
        chars.sort_unstable();
        chars.dedup();
        HeaderWords {
            words,
            notes: notes.iter().map(|n| norm_chars(n)).collect(),
            debris,
            chars,
        }
    }

    /// True when `text` is header words only (or a piece of a note). In a
    /// text of six characters or more, one character may be off (a typo in
    /// a header must not end the table: `行政复仪行政诉讼结果维持…`).
    pub fn covers(&self, text: &[char]) -> bool {
        if text.is_empty() {
            return true;
        }
        if text.len() >= 2 && self.notes.iter().any(|n| contains(n, text)) {
            return true;
        }
        if self.covers_exactly(text) {
            return true;
        }
        text.len() >= 6
            && (self
                .notes
                .iter()
                .any(|n| crate::text::find_near(n, text).is_some())
                || self.covers_with_one_edit(text))
    }

    /// Punctuation and digits that stand inside headers: `数据1`, `(单位:万元)`.
    fn inside_header(text: &[char], i: usize) -> bool {
        (text[i].is_ascii_digit() && i > 0)
            || matches!(text[i], '(' | ')' | ':' | ',' | '/' | '|' | '、')
    }

    fn covers_exactly(&self, text: &[char]) -> bool {
        // A word cut by a space at a token's edge: its last character
        // begins the next token (`政诉讼…` after `行政复议行`), its first
        // ends the previous one (`信息内容本` before `年制发件数`).
        let ends_word = |c: char| {
            self.words
                .iter()
                .any(|w| w.len() >= 2 && w.last() == Some(&c))
        };
        let starts_word = |c: char| {
            self.words
                .iter()
                .any(|w| w.len() >= 2 && w.first() == Some(&c))
        };
        let mut i = usize::from(text.len() >= 3 && ends_word(text[0]) && !self.covers_start(text));
        while i < text.len() {
            if i + 1 == text.len() && i > 0 && starts_word(text[i]) {
                return true;
            }
            let known = self.chars.binary_search(&text[i]).is_ok();
            if !known {
                if Self::inside_header(text, i) {
                    i += 1;
                    continue;
                }
                return false;
            }
            let word = self
                .words
                .iter()
                .find(|w| w.first() == Some(&text[i]) && text[i..].starts_with(w))
                .map(|w| w.len());
            // `果维持`, `其他组`: a header word broken over lines (looked
            // for only when a whole word does not end the text here).
            let piece = if word.is_some_and(|n| i + n == text.len()) {
                None
            } else {
                self.piece_of_word(&text[i..])
            };
            if let Some(n) = word.max(piece) {
                i += n;
            } else if Self::inside_header(text, i) {
                i += 1;
            } else {
                return false;
            }
        }
        true
    }

    /// Whether `text` starts with a header word or a piece of one.
    fn covers_start(&self, text: &[char]) -> bool {
        self.words.iter().any(|w| text.starts_with(w)) || self.piece_of_word(text).is_some()
    }

    /// Header words end to end, one of them (or one character between
    /// them) with one character substituted, deleted or inserted.
    fn covers_with_one_edit(&self, text: &[char]) -> bool {
        let n = text.len();
        // reach[i][e]: text[..i] is covered with e edits.
        let mut reach = vec![[false; 2]; n + 1];
        reach[0][0] = true;
        for i in 0..n {
            for e in 0..2 {
                if !reach[i][e] {
                    continue;
                }
                let rest = &text[i..];
                if Self::inside_header(text, i) {
                    reach[i + 1][e] = true;
                }
                for w in &self.words {
                    if rest.starts_with(w) {
                        reach[i + w.len()][e] = true;
                    } else if e == 0 {
                        for end in crate::text::near_prefix_ends(rest, w).filter(|&k| k > 0) {
                            reach[i + end][1] = true;
                        }
                    }
                }
                let known = rest
                    .iter()
                    .take(12)
                    .take_while(|c| self.chars.binary_search(c).is_ok())
                    .count();
                for k in 2..=known {
                    if self
                        .words
                        .iter()
                        .any(|w| w.len() > k && contains(w, &rest[..k]))
                    {
                        reach[i + k][e] = true;
                    }
                }
                if e == 0 {
                    reach[i + 1][1] = true;
                }
            }
        }
        reach[n][0] || reach[n][1]
    }

    /// The longest start of `text` (two characters or more) that stands
    /// inside a header word.
    fn piece_of_word(&self, text: &[char]) -> Option<usize> {
        // Only as far as the characters are header characters.
        let known = text
            .iter()
            .take(12)
            .take_while(|c| self.chars.binary_search(c).is_ok())
            .count();
        (2..=known).rev().find(|&n| {
            self.words
                .iter()
                .any(|w| w.len() > n && contains(w, &text[..n]))
        })
    }

    /// True for one or two characters left over from a label written one
    /// character per line.
    pub fn is_debris(&self, text: &[char]) -> bool {
        !text.is_empty()
            && text.len() <= 2
            && text.iter().all(|c| self.debris.binary_search(c).is_ok())
    }
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    // The first character first: a slice comparison is a call per window.
    let Some(first) = needle.first() else {
        return true;
    };
    needle.len() <= hay.len()
        && hay
            .windows(needle.len())
            .any(|w| w[0] == *first && w == needle)
}

/// Headers that PDF→Markdown converters invent for a table whose header
/// rows they could not read; never a label of the report.
const CONVERTER_HEADERS: &[&str] = &[
    "类别",
    "项目",
    "数据",
    "序号",
    "指标",
    "内容",
    "名称",
    "数量",
    "本年新收件数",
    "列",
    // A caption over a piece of a table cut by a page break: `表三（续）`.
    "续表",
    "续",
    "表二",
    "表三",
    "表四",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn s(c: &[char]) -> String {
        c.iter().collect()
    }

    #[test]
    fn numbering_is_written_one_way() {
        let src = "（1）属于 国家秘密 2、其他 3．危及 2024、";
        let n = NormText::of(src, Span::new(0, src.len()));
        assert_eq!(s(&n.chars), "1.属于国家秘密2.其他3.危及2024、");
        // Every character keeps its source.
        for (c, sp) in n.chars.iter().zip(&n.spans) {
            let orig = &src[sp.range()];
            assert!(
                orig.chars().count() == 1,
                "{c} ← {orig:?} must be one source character"
            );
        }
        assert_eq!(numbering_len(&norm_chars("(三)不予公开")), 3);
        assert_eq!(numbering_len(&norm_chars("三、本年度")), 2);
        assert_eq!(numbering_len(&norm_chars("1.属于")), 2);
        assert_eq!(numbering_len(&norm_chars("1.5万")), 0);
    }

    #[test]
    fn lcs_and_prefix() {
        let a = norm_chars("其他法律和行政法规禁止公开");
        let b = norm_chars("其他法律行政法规禁止公开");
        assert_eq!(lcs(&a, &b), b.len());
        assert_eq!(common_prefix(&a, &b), 4);
    }

    #[test]
    fn header_words_cover_glued_headers() {
        let h = HeaderWords::new(
            &[
                "申请人情况",
                "自然人",
                "法人或其他组织",
                "商业企业",
                "总计",
                "其他",
            ],
            &["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"],
            &["不予处理"],
        );
        assert!(h.covers(&norm_chars(
            "申请人情况自然人法人或其他组织总计商业企业其他"
        )));
        assert!(h.covers(&norm_chars("项之和，等于第三项加")));
        assert!(h.covers(&norm_chars("类别 数据1 数据2")));
        assert!(!h.covers(&norm_chars("属于国家秘密")));
        assert!(h.is_debris(&norm_chars("理")));
        assert!(!h.is_debris(&norm_chars("密")));
    }
}
