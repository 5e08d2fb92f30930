//! Saved portal pages (.html, .htm, .shtml): the report found among the
//! page's frame and read as text, with every byte of that text mapped back
//! to its line and column in the page.
//!
//! One stage per file:
//!
//! ```text
//! bytes ─charset─▶ page (String) ─tokens─▶ tags, text ─tree─▶ elements
//!       ─render─▶ lines of text (tables as tab-separated rows), each with
//!                 its element, link share and map back into the page
//!       ─article─▶ the lines that are the report ─▶ HtmlText
//! ```
//!
//! The tokenizer and tree builder are our own (≈800 lines): a finding must
//! point at the page's own line and column, and the HTML parsers on
//! crates.io either keep no source positions (html5ever and scraper on it)
//! or no tree (lol_html, a streaming rewriter). See ARCHITECTURE.md for the
//! comparison.
//!
//! Pure, and bounded whatever the page: one pass to tokenize, nesting capped
//! (`tree::MAX_DEPTH`), rendering and the article linear in the page.

mod article;
mod charset;
mod entities;
mod render;
mod tokens;
mod tree;

use render::{Flow, Seg};

/// A page read: the report's text and the way back into the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlText {
    pub text: String,
    /// The page, decoded: the text positions are reported in.
    pub page: String,
    /// The encoding the page was read in (`UTF-8`, `GBK`, `GB18030`…).
    pub encoding: &'static str,
    /// What was taken for the article, in words.
    pub article: ArticleNote,
    segs: Vec<Seg>,
}

/// What the article stage (`article.rs`) decided, for `nianbao dump`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleNote {
    /// The element read as the article (`<div class="TRS_Editor">`).
    pub element: String,
    /// First and last line of the page read (1-based), if any.
    pub lines: Option<(usize, usize)>,
    /// Lines of the page's rendered text that were not read (frame).
    pub dropped: usize,
    /// Landmarks of a report found (part headings, statistical tables).
    pub landmarks: usize,
    /// Images in the article (a table published as a picture is not read).
    pub images: usize,
}

impl HtmlText {
    /// The offset in [`HtmlText::page`] of `offset` in the text.
    pub fn page_offset(&self, offset: usize) -> usize {
        let i = self.segs.partition_point(|s| s.out <= offset);
        let Some(j) = i.checked_sub(1) else {
            return self.segs.first().map_or(0, |s| s.src).min(self.page.len());
        };
        let s = self.segs[j];
        let copied_until = |k: usize| {
            let p = self.segs[k];
            (p.len > 0 && offset <= p.out + p.len).then(|| p.src + (offset - p.out))
        };
        copied_until(j)
            // A separator right after copied text (the tab after a cell's
            // `0`): the offset is where that text ends, as the end of a span.
            .or_else(|| {
                (s.out == offset && j > 0)
                    .then(|| copied_until(j - 1))
                    .flatten()
            })
            .unwrap_or(s.src)
            .min(self.page.len())
    }

    /// 1-based line and column (in characters) of `offset` of the text in
    /// the page.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let at = crate::text::floor_char_boundary(&self.page, self.page_offset(offset));
        let before = &self.page.as_bytes()[..at];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let col = self.page[line_start..at].chars().count() + 1;
        (line, col)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    #[error(transparent)]
    Decode(#[from] crate::front::DecodeError),
    #[error(
        "网页过于复杂（超过 {} 个元素与文字段），不像年报页面，未检查 (web page too complex; not read)",
        tree::MAX_NODES
    )]
    TooComplex,
}

/// Reads a saved page.
pub fn to_text(bytes: &[u8]) -> Result<HtmlText, HtmlError> {
    let (page, encoding) = charset::decode(bytes)?;
    let tree = tree::Tree::parse(&page);
    if !tree.complete {
        return Err(HtmlError::TooComplex);
    }
    let body = tree.body();
    let flow = render::render(&tree, &page, body);
    let found = article::find(&tree, &flow, body);
    let mut out = Flow::default();
    for &i in &found.keep {
        let r = flow.lines[i].range.clone();
        // With the line break after it.
        out.append(&flow, r.start..(r.end + 1).min(flow.text.len()));
    }
    let lines = match (found.keep.first(), found.keep.last()) {
        (Some(&a), Some(&b)) => {
            let line_of = |i: usize| {
                let src = flow.src_of(flow.lines[i].range.start).unwrap_or(0);
                memchr::memchr_iter(b'\n', &page.as_bytes()[..src.min(page.len())]).count() + 1
            };
            Some((line_of(a), line_of(b)))
        }
        _ => None,
    };
    let article = ArticleNote {
        element: describe(&tree, &page, found.root),
        lines,
        dropped: flow.lines.len() - found.keep.len(),
        landmarks: found.landmarks,
        images: images_in(&tree, found.root),
    };
    Ok(HtmlText {
        text: out.text,
        page,
        encoding,
        article,
        segs: out.segs,
    })
}

/// The images shown in the subtree of `root` (not under a hidden element).
fn images_in(tree: &tree::Tree, root: tree::NodeId) -> usize {
    let mut n = 0;
    let mut i = root;
    while i < tree.nodes[root].end {
        match tree.nodes[i].element() {
            Some(e) if e.hidden || e.tag == tree::Tag::Dropped => i = tree.nodes[i].end,
            Some(e) => {
                n += usize::from(e.tag == tree::Tag::Img);
                i += 1;
            }
            None => i += 1,
        }
    }
    n
}

/// `<div id="zoom" class="TRS_Editor">`: the element as the page writes it,
/// with its id and class only.
fn describe(tree: &tree::Tree, page: &str, id: tree::NodeId) -> String {
    let Some(e) = tree.nodes[id].element() else {
        return "（整页）".to_string();
    };
    let tag = page.get(e.at.clone()).unwrap_or("");
    let mut out = format!("<{}", e.name.as_str());
    if let Some(tokens::Token::Start { attrs, .. }) = tokens::Tokenizer::new(tag).next() {
        for name in ["id", "class"] {
            if let Some(v) = tokens::attr(tag, &attrs, name) {
                let v: String = v.chars().take(60).collect();
                out.push_str(&format!(" {name}=\"{v}\""));
            }
        }
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests;
