//! A tolerant HTML tokenizer over the decoded page: start tags with their
//! attributes, end tags, and text, each with its byte range in the page;
//! comments, doctypes and processing instructions are skipped. The content
//! of `script`, `style`, `textarea`, `title` and their kind is one text
//! token up to its own end tag, as browsers read it.
//!
//! One pass, no backtracking: every byte is looked at a bounded number of
//! times, whatever the input (unclosed quotes, comments or tags end at the
//! end of the input). Text and attribute values are ranges, never copies,
//! so a huge attribute (an inline image) costs nothing.

use std::ops::Range;

/// An attribute: name and raw value (entities not decoded), as ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: Range<usize>,
    pub value: Option<Range<usize>>,
}

/// A tag name, lower-cased, held inline (no allocation per tag); names
/// longer than [`MAX_NAME`] are empty (no element nianbao knows).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Name {
    buf: [u8; MAX_NAME],
    len: u8,
}

impl Name {
    /// The name of a known element (ASCII, lower case, short).
    pub fn new(s: &str) -> Name {
        let mut name = Name {
            buf: [0; MAX_NAME],
            len: 0,
        };
        if s.len() <= MAX_NAME {
            name.buf[..s.len()].copy_from_slice(s.as_bytes());
            name.len = s.len() as u8;
        }
        name
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl std::hash::Hash for Name {
    /// The name's bytes only, not the buffer's unused rest.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write(&self.buf[..usize::from(self.len)]);
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Start {
        /// Lower-cased.
        name: Name,
        attrs: Vec<Attr>,
        self_closing: bool,
        /// From `<` to `>`.
        at: Range<usize>,
    },
    End {
        name: Name,
        at: Range<usize>,
    },
    Text(Range<usize>),
}

/// More attributes than any real element has are read and dropped.
const MAX_ATTRS: usize = 32;
/// Tag names longer than this are no element nianbao knows.
const MAX_NAME: usize = 32;

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Inside an element whose content is raw text: its end tag's name.
    raw: Option<&'static str>,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            raw: None,
        }
    }
}

/// Elements whose content is read as text up to their end tag.
fn raw_text(name: &str) -> Option<&'static str> {
    Some(match name {
        "script" => "script",
        "style" => "style",
        "textarea" => "textarea",
        "title" => "title",
        "xmp" => "xmp",
        "iframe" => "iframe",
        "noembed" => "noembed",
        "noframes" => "noframes",
        "noscript" => "noscript",
        _ => return None,
    })
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let b = self.src.as_bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            if let Some(name) = self.raw.take() {
                let end = find_end_tag(b, self.pos, name).unwrap_or(b.len());
                let from = std::mem::replace(&mut self.pos, end);
                if end > from {
                    return Some(Token::Text(from..end));
                }
                continue;
            }
            let start = self.pos;
            if b[start] != b'<' {
                let end = memchr::memchr(b'<', &b[start..]).map_or(b.len(), |i| start + i);
                self.pos = end;
                return Some(Token::Text(start..end));
            }
            match b.get(start + 1) {
                Some(b'!') => {
                    self.pos = if b[start..].starts_with(b"<!--") {
                        comment_end(b, start + 4)
                    } else {
                        bogus_end(b, start)
                    };
                }
                Some(b'?') => self.pos = bogus_end(b, start),
                Some(b'/') => match b.get(start + 2) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let (name, name_end) = tag_name(self.src, start + 2);
                        // Attributes on an end tag mean nothing; skip to `>`.
                        let end = skip_attributes(b, name_end, &mut Vec::new());
                        self.pos = end.unwrap_or(b.len());
                        if end.is_some() {
                            return Some(Token::End {
                                name,
                                at: start..self.pos,
                            });
                        }
                    }
                    Some(b'>') => self.pos = start + 3,
                    _ => self.pos = bogus_end(b, start),
                },
                Some(c) if c.is_ascii_alphabetic() => {
                    let (name, name_end) = tag_name(self.src, start + 1);
                    let mut attrs = Vec::new();
                    let Some(end) = skip_attributes(b, name_end, &mut attrs) else {
                        // A tag cut off by the end of the input is dropped.
                        self.pos = b.len();
                        return None;
                    };
                    self.pos = end;
                    let self_closing = b[..end - 1].ends_with(b"/");
                    self.raw = raw_text(name.as_str());
                    return Some(Token::Start {
                        name,
                        attrs,
                        self_closing,
                        at: start..end,
                    });
                }
                _ => {
                    // A `<` that starts no tag is text.
                    let end =
                        memchr::memchr(b'<', &b[start + 1..]).map_or(b.len(), |i| start + 1 + i);
                    self.pos = end;
                    return Some(Token::Text(start..end));
                }
            }
        }
    }
}

/// The lower-cased tag name at `from` and where it ends.
fn tag_name(src: &str, from: usize) -> (Name, usize) {
    let b = src.as_bytes();
    let mut end = from;
    while end < b.len() && !is_ws(b[end]) && b[end] != b'/' && b[end] != b'>' {
        end += 1;
    }
    let mut name = Name {
        buf: [0; MAX_NAME],
        len: 0,
    };
    // A name with anything but ASCII in it is no element nianbao knows.
    if end - from <= MAX_NAME && b[from..end].is_ascii() {
        for (k, c) in b[from..end].iter().enumerate() {
            name.buf[k] = c.to_ascii_lowercase();
        }
        name.len = (end - from) as u8;
    }
    (name, end)
}

/// Reads the attributes of a tag from `from` to its `>`; returns the offset
/// after the `>`, or `None` if the input ends first.
fn skip_attributes(b: &[u8], from: usize, attrs: &mut Vec<Attr>) -> Option<usize> {
    let mut i = from;
    loop {
        while i < b.len() && (is_ws(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some(i + 1),
            _ => {
                let name_start = i;
                // A name can start with `=` (spec); it then runs to the next
                // separator.
                i += 1;
                while i < b.len() && !is_ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                    i += 1;
                }
                let name = name_start..i;
                while i < b.len() && is_ws(b[i]) {
                    i += 1;
                }
                let mut value = None;
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    while i < b.len() && is_ws(b[i]) {
                        i += 1;
                    }
                    match b.get(i) {
                        Some(&q) if q == b'"' || q == b'\'' => {
                            let close = memchr::memchr(q, &b[i + 1..])?;
                            value = Some(i + 1..i + 1 + close);
                            i += close + 2;
                        }
                        Some(_) => {
                            let s = i;
                            while i < b.len() && !is_ws(b[i]) && b[i] != b'>' {
                                i += 1;
                            }
                            value = Some(s..i);
                        }
                        None => return None,
                    }
                }
                if attrs.len() < MAX_ATTRS {
                    attrs.push(Attr { name, value });
                }
            }
        }
    }
}

/// After a comment whose text starts at `from`: past `-->` (also `<!-->`
/// and `<!--->`, which close at once), or the end of the input.
fn comment_end(b: &[u8], from: usize) -> usize {
    if b[from..].starts_with(b">") {
        return from + 1;
    }
    if b[from..].starts_with(b"->") {
        return from + 2;
    }
    memchr::memmem::find(&b[from..], b"-->").map_or(b.len(), |i| from + i + 3)
}

/// After a bogus comment (`<!DOCTYPE …>`, `<?xml …?>`, `</ …>`): past the
/// next `>`.
fn bogus_end(b: &[u8], from: usize) -> usize {
    memchr::memchr(b'>', &b[from..]).map_or(b.len(), |i| from + i + 1)
}

/// Where the end tag `</name` of a raw-text element starts, from `from`.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let n = name.len();
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&b[at..], b"</") {
        let s = at + i;
        let after = s + 2 + n;
        if b.len() >= after
            && b[s + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && b.get(after)
                .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
        {
            return Some(s);
        }
        at = s + 2;
    }
    None
}

/// The value of attribute `name` of a start tag, entities decoded.
pub fn attr<'s>(src: &'s str, attrs: &[Attr], name: &str) -> Option<std::borrow::Cow<'s, str>> {
    attrs.iter().find_map(|a| {
        let n = src.get(a.name.clone())?;
        if !n.eq_ignore_ascii_case(name) {
            return None;
        }
        Some(match &a.value {
            Some(v) => super::entities::decode(src.get(v.clone())?),
            None => std::borrow::Cow::Borrowed(""),
        })
    })
}

/// Whether the start tag has attribute `name`.
pub fn has_attr(src: &str, attrs: &[Attr], name: &str) -> bool {
    attrs.iter().any(|a| {
        src.get(a.name.clone())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<String> {
        Tokenizer::new(src)
            .map(|t| match t {
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                    ..
                } => {
                    let a: Vec<String> = attrs
                        .iter()
                        .map(|a| {
                            format!(
                                "{}={}",
                                &src[a.name.clone()],
                                a.value.clone().map_or("", |v| &src[v])
                            )
                        })
                        .collect();
                    format!(
                        "<{name}{}{}>",
                        if a.is_empty() { "" } else { " " },
                        a.join(" ")
                    ) + if self_closing { "/" } else { "" }
                }
                Token::End { name, .. } => format!("</{name}>"),
                Token::Text(r) => format!("{:?}", &src[r]),
            })
            .collect()
    }

    #[test]
    fn tags_attributes_text_and_what_is_skipped() {
        assert_eq!(
            tokens("<!DOCTYPE html><P Class=\"a b\" id=x hidden>一<!-- 注释 -->二</p><br/>"),
            [
                "<p Class=a b id=x hidden=>",
                "\"一\"",
                "\"二\"",
                "</p>",
                "<br>/"
            ]
        );
        assert_eq!(
            tokens("<td rowspan='2' colspan = 3>x"),
            ["<td rowspan=2 colspan=3>", "\"x\""]
        );
        assert_eq!(tokens("a < b <3 </ c>"), ["\"a \"", "\"< b \"", "\"<3 \""]);
    }

    #[test]
    fn raw_text_runs_to_its_own_end_tag() {
        assert_eq!(
            tokens("<script>if (a<b) x='</div>';</script >后"),
            [
                "<script>",
                "\"if (a<b) x='</div>';\"",
                "</script>",
                "\"后\""
            ]
        );
        assert_eq!(tokens("<style>p{}"), ["<style>", "\"p{}\""]);
    }

    #[test]
    fn unterminated_things_end_at_the_end() {
        assert_eq!(tokens("文<!-- 没有结束"), ["\"文\""]);
        assert_eq!(tokens("文<p class=\"没有结束>后"), ["\"文\""]);
        assert_eq!(tokens("文<p"), ["\"文\""]);
        assert_eq!(tokens("<a href=x"), Vec::<String>::new());
        assert_eq!(tokens("</"), Vec::<String>::new());
    }
}
