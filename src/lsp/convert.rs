//! Every conversion between LSP positions and nianbao byte offsets, in one
//! place. Columns are counted in the negotiated encoding (UTF-16 code units by
//! default, bytes when the client offers `utf-8`), lines end at `\n` only (a
//! `\r` before it belongs to the line ending), exactly as
//! [`nianbao::text::LineIndex`] counts them. Out-of-range positions clamp:
//! a line past the end means the end of the text, a column past the end of
//! its line means the end of that line, a column inside a surrogate pair or a
//! UTF-8 sequence rounds down. Nothing here panics.

use nianbao::text::{ColumnUnit, LineIndex, Span};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf16,
    Utf8,
}

impl Encoding {
    /// UTF-8 when the client offers it, else the LSP default UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list)
                if list
                    .iter()
                    .any(|k| k.as_str().eq_ignore_ascii_case("utf-8")) =>
            {
                Encoding::Utf8
            }
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf8 => PositionEncodingKind::UTF8,
        }
    }

    pub fn unit(self) -> ColumnUnit {
        match self {
            Encoding::Utf16 => ColumnUnit::Utf16,
            Encoding::Utf8 => ColumnUnit::Utf8,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Converts between byte offsets of one text snapshot and LSP positions.
pub struct Converter<'a> {
    text: &'a str,
    index: &'a LineIndex,
    enc: Encoding,
}

impl<'a> Converter<'a> {
    pub fn new(text: &'a str, index: &'a LineIndex, enc: Encoding) -> Self {
        Converter { text, index, enc }
    }

    /// The encoding positions are counted in.
    pub fn encoding(&self) -> Encoding {
        self.enc
    }

    pub fn position(&self, offset: usize) -> Position {
        let (line, col) = self.index.position(self.text, offset, self.enc.unit());
        Position::new(to_u32(line), to_u32(col))
    }

    pub fn range(&self, span: Span) -> Range {
        let (a, b) = if span.start <= span.end {
            (span.start, span.end)
        } else {
            (span.end, span.start)
        };
        Range::new(self.position(a), self.position(b))
    }

    /// Byte offset of a position, clamped to the text.
    pub fn offset(&self, pos: Position) -> usize {
        self.index.offset(
            self.text,
            pos.line as usize,
            pos.character as usize,
            self.enc.unit(),
        )
    }

    /// Byte span of a range (start and end swapped if reversed).
    pub fn span(&self, range: Range) -> Span {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        Span::new(a.min(b), a.max(b))
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index.line_of(offset)
    }

    /// Byte span of a line's content (without its line ending).
    pub fn line_span(&self, line: usize) -> Span {
        self.index.line_span(self.text, line)
    }

    /// The range covering whole lines `first..=last` (content only).
    pub fn lines_range(&self, first: usize, last: usize) -> Range {
        let start = self.index.line_start(first);
        let end = self.line_span(last.max(first)).end;
        self.range(Span::new(start, end.max(start)))
    }
}

/// Char index into a rope of an LSP position, with the same clamping as
/// [`Converter::offset`].
pub fn rope_char(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    // Content without the line ending: a final `\n`, and a `\r` before it
    // (or at the very end of the text).
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    let want = pos.character as usize;
    let mut used = 0usize;
    for (i, c) in slice.chars().take(len).enumerate() {
        let w = enc.width(c);
        if used + w > want {
            return start + i;
        }
        used += w;
    }
    start + len
}

/// Applies one `contentChanges` entry to a rope: a ranged replacement, or
/// the whole text when `range` is `None`.
pub fn apply_change(rope: &mut Rope, range: Option<Range>, text: &str, enc: Encoding) {
    match range {
        None => *rope = Rope::from_str(text),
        Some(r) => {
            let a = rope_char(rope, r.start, enc);
            let b = rope_char(rope, r.end, enc);
            let (a, b) = (a.min(b), a.max(b));
            if a < b {
                rope.remove(a..b);
            }
            if !text.is_empty() {
                rope.insert(a, text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(l: u32, c: u32) -> Position {
        Position::new(l, c)
    }

    #[test]
    fn negotiates_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let offered = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf16);
    }

    #[test]
    fn non_bmp_and_crlf_positions() {
        let text = "标题\r\n😀𠀀20XX年\r\n末";
        let idx = LineIndex::new(text);
        let at = text.find("20XX").unwrap();
        let c16 = Converter::new(text, &idx, Encoding::Utf16);
        let c8 = Converter::new(text, &idx, Encoding::Utf8);
        assert_eq!(c16.position(at), pos(1, 4));
        assert_eq!(c8.position(at), pos(1, 8));
        assert_eq!(c16.offset(pos(1, 4)), at);
        assert_eq!(c8.offset(pos(1, 8)), at);
        // Inside a surrogate pair / UTF-8 sequence rounds down.
        assert_eq!(c16.offset(pos(1, 1)), text.find('😀').unwrap());
        assert_eq!(c8.offset(pos(1, 6)), text.find('𠀀').unwrap());
        // Past the end of a line: before its \r\n.
        assert_eq!(c16.offset(pos(0, 99)), "标题".len());
        assert_eq!(c16.offset(pos(99, 0)), text.len());
        assert_eq!(c16.position(text.len() + 10), pos(2, 1));
    }

    #[test]
    fn rope_and_line_index_agree() {
        let text = "a\r\n😀𠀀表\t1\r\n\r\nxyz\n\n末尾\r";
        let idx = LineIndex::new(text);
        let rope = Rope::from_str(text);
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let conv = Converter::new(text, &idx, enc);
            for line in 0..8u32 {
                for col in 0..16u32 {
                    let p = pos(line, col);
                    let byte = conv.offset(p);
                    let ch = rope_char(&rope, p, enc);
                    assert_eq!(rope.char_to_byte(ch), byte, "{enc:?} {p:?}");
                }
            }
        }
    }

    #[test]
    fn incremental_edits() {
        let mut rope = Rope::from_str("一\r\n😀二\r\n三");
        apply_change(
            &mut rope,
            Some(Range::new(pos(1, 2), pos(1, 3))),
            "贰",
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "一\r\n😀贰\r\n三");
        apply_change(
            &mut rope,
            Some(Range::new(pos(2, 0), pos(0, 1))),
            "",
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "一三");
        apply_change(
            &mut rope,
            Some(Range::new(pos(50, 3), pos(60, 0))),
            "!",
            Encoding::Utf8,
        );
        assert_eq!(rope.to_string(), "一三!");
        apply_change(&mut rope, None, "new", Encoding::Utf8);
        assert_eq!(rope.to_string(), "new");
    }
}
