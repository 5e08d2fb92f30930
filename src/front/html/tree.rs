//! The element tree of a page, built from the tokens as a browser would
//! build it where it matters to reading a report, and tolerant of
//! everything else:
//!
//! - void elements (`br`, `img`, `meta`…) have no content;
//! - a block start closes an open `p`; `li`, `dt`/`dd`, `option` close
//!   their open sibling; `td`/`th` close the open cell of their table and
//!   `tr` the open row (a missing `<tr>` is implied);
//! - an end tag closes up to its element when that is open (without crossing
//!   a table cell or a table it does not belong to), and is ignored
//!   otherwise; whatever is open at the end is closed.
//!
//! Bounded: nesting deeper than [`MAX_DEPTH`] and elements past
//! [`MAX_ELEMENTS`] are not built (their text still is, in the element
//! that is open), so hostile nesting costs neither stack nor quadratic time.
//! The tree is an arena in document order: a node's id is larger than its
//! parent's, and a subtree is a contiguous range of ids.

use super::tokens::{self, Name, Token, Tokenizer};
use std::ops::Range;

pub const MAX_DEPTH: usize = 200;
pub const MAX_ELEMENTS: usize = 500_000;
/// Elements and runs of text together: a portal page has some ten
/// thousand; past this the page is not read at all (a page read in part
/// could lack the tables it has, and its findings would be false).
pub const MAX_NODES: usize = 1_000_000;

pub type NodeId = usize;

/// The elements the reader treats alike, by what they are to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Html,
    Head,
    Body,
    /// Content never shown as text: scripts, styles, forms' controls,
    /// embedded frames and images, navigation and page footers.
    Dropped,
    /// A heading, with its level.
    Heading(u8),
    P,
    Li,
    Dt,
    Dd,
    Option,
    /// Other elements that start a new line (`div`, `section`, `ul`…).
    Block,
    Br,
    Hr,
    /// An image: its text (a table in a picture) cannot be read.
    Img,
    Table,
    Caption,
    /// `thead`, `tbody`, `tfoot`.
    Section,
    Tr,
    /// `td` or `th`.
    Cell,
    A,
    /// Any other element: its text flows with the line.
    Inline,
}

fn tag_of(name: &str) -> Tag {
    match name {
        "html" => Tag::Html,
        "head" => Tag::Head,
        "body" => Tag::Body,
        "script" | "style" | "noscript" | "template" | "iframe" | "object" | "embed" | "svg"
        | "math" | "canvas" | "select" | "button" | "input" | "textarea" | "nav" | "aside"
        | "footer" | "title" | "map" | "audio" | "video" | "xmp" | "noembed" | "noframes"
        | "frameset" | "frame" | "datalist" | "dialog" => Tag::Dropped,
        "h1" => Tag::Heading(1),
        "h2" => Tag::Heading(2),
        "h3" => Tag::Heading(3),
        "h4" => Tag::Heading(4),
        "h5" => Tag::Heading(5),
        "h6" => Tag::Heading(6),
        "p" => Tag::P,
        "li" => Tag::Li,
        "dt" => Tag::Dt,
        "dd" => Tag::Dd,
        "option" => Tag::Option,
        "div" | "section" | "article" | "main" | "blockquote" | "pre" | "center" | "address"
        | "figure" | "figcaption" | "details" | "summary" | "fieldset" | "legend" | "dl" | "ul"
        | "ol" | "menu" | "dir" | "header" | "form" | "hgroup" | "listing" => Tag::Block,
        "br" => Tag::Br,
        "img" => Tag::Img,
        "hr" => Tag::Hr,
        "table" => Tag::Table,
        "caption" => Tag::Caption,
        "thead" | "tbody" | "tfoot" => Tag::Section,
        "tr" => Tag::Tr,
        "td" | "th" => Tag::Cell,
        "a" => Tag::A,
        _ => Tag::Inline,
    }
}

/// Elements that can stand in `head`.
fn in_head(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "html"
            | "meta"
            | "link"
            | "title"
            | "script"
            | "style"
            | "base"
            | "noscript"
            | "template"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "bgsound"
    )
}

impl Tag {
    /// Starts a new line of text.
    pub fn is_block(self) -> bool {
        !matches!(self, Tag::Inline | Tag::A | Tag::Br | Tag::Img)
    }

    /// A start tag of this kind closes an open `p`.
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Block
                | Tag::P
                | Tag::Heading(_)
                | Tag::Table
                | Tag::Hr
                | Tag::Li
                | Tag::Dt
                | Tag::Dd
        )
    }
}

#[derive(Debug, Clone)]
pub struct Element {
    pub tag: Tag,
    /// The lower-cased name (for matching end tags of the same kind).
    pub name: Name,
    /// The start tag, `<` to `>`.
    pub at: Range<usize>,
    /// `hidden`, or a style that hides it.
    pub hidden: bool,
    /// Cells: the rows and grid columns it spans (1 when absent or invalid).
    pub rowspan: usize,
    pub colspan: usize,
}

#[derive(Debug, Clone)]
pub enum Data {
    Root,
    Element(Element),
    /// Text (character references not decoded), as a range of the page.
    Text(Range<usize>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: NodeId,
    pub data: Data,
    /// Ids of the children, in order.
    pub children: Vec<NodeId>,
    pub depth: usize,
    /// One past the last id of this node's subtree.
    pub end: NodeId,
}

impl Node {
    pub fn element(&self) -> Option<&Element> {
        match &self.data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }
    pub fn tag(&self) -> Option<Tag> {
        self.element().map(|e| e.tag)
    }
}

#[derive(Debug, Clone)]
pub struct Tree {
    pub nodes: Vec<Node>,
    /// False when the page had more than [`MAX_NODES`] nodes: the rest was
    /// not built.
    pub complete: bool,
}

/// Spans larger than any table of a report are not believed.
const MAX_SPAN: usize = 64;

fn span_attr(src: &str, attrs: &[tokens::Attr], name: &str) -> usize {
    tokens::attr(src, attrs, name)
        .and_then(|v| {
            let v = v.trim();
            let digits = v.bytes().take_while(u8::is_ascii_digit).count();
            v[..digits].parse::<usize>().ok()
        })
        .filter(|n| *n >= 1)
        .map_or(1, |n| n.min(MAX_SPAN))
}

fn hides(src: &str, attrs: &[tokens::Attr]) -> bool {
    if attrs.is_empty() {
        return false;
    }
    if tokens::has_attr(src, attrs, "hidden") {
        return true;
    }
    tokens::attr(src, attrs, "style").is_some_and(|s| {
        // Most styles hide nothing: look for the words before reading.
        let lower = s.to_ascii_lowercase();
        if !lower.contains("none") && !lower.contains("hidden") {
            return false;
        }
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

impl Tree {
    pub fn parse(src: &str) -> Tree {
        let mut b = Builder {
            nodes: vec![Node {
                parent: 0,
                data: Data::Root,
                children: Vec::new(),
                depth: 0,
                end: 1,
            }],
            open: vec![0],
            elements: 0,
            named: std::collections::HashMap::default(),
            kinds: [0; SLOTS],
        };
        let mut complete = true;
        for t in Tokenizer::new(src) {
            if b.nodes.len() >= MAX_NODES {
                complete = false;
                break;
            }
            match t {
                Token::Text(r) => {
                    if !src[r.clone()].trim_ascii().is_empty() {
                        b.leave_head();
                    }
                    b.add(Data::Text(r));
                }
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                    at,
                } => {
                    let tag = tag_of(&name);
                    if !in_head(&name) {
                        b.leave_head();
                    }
                    if tag == Tag::Body && b.count(&["body"]) > 0 {
                        continue;
                    }
                    if is_void(&name) || (self_closing && tag == Tag::Inline) {
                        if matches!(tag, Tag::Br | Tag::Hr | Tag::Img) {
                            b.before_start(tag);
                            b.element(tag, name, at, &attrs, src, false);
                        }
                        continue;
                    }
                    b.before_start(tag);
                    b.element(tag, name, at, &attrs, src, true);
                }
                Token::End { name, at } => {
                    if name.as_str() == "br" {
                        // `</br>` is a line break, as browsers read it.
                        b.element(Tag::Br, name, at, &[], src, false);
                    } else if !matches!(name.as_str(), "body" | "html") {
                        // Content after `</body>` is still the body's.
                        b.end(name);
                    }
                }
            }
        }
        let mut nodes = b.nodes;
        // Subtree ends: ids are in document order, so a node's subtree runs
        // to the end of its last descendant's.
        for id in (1..nodes.len()).rev() {
            let end = nodes[id].end.max(id + 1);
            nodes[id].end = end;
            let p = nodes[id].parent;
            if nodes[p].end < end {
                nodes[p].end = end;
            }
        }
        Tree { nodes, complete }
    }

    /// The `body` element, else the root.
    pub fn body(&self) -> NodeId {
        self.nodes
            .iter()
            .position(|n| n.tag() == Some(Tag::Body))
            .unwrap_or(0)
    }

    /// Whether `a` is `b` or contains it.
    pub fn contains(&self, a: NodeId, b: NodeId) -> bool {
        a <= b && b < self.nodes[a].end
    }

    /// The deepest node containing both.
    pub fn common_ancestor(&self, mut a: NodeId, mut b: NodeId) -> NodeId {
        while self.nodes[a].depth > self.nodes[b].depth {
            a = self.nodes[a].parent;
        }
        while self.nodes[b].depth > self.nodes[a].depth {
            b = self.nodes[b].parent;
        }
        while a != b {
            a = self.nodes[a].parent;
            b = self.nodes[b].parent;
        }
        a
    }
}

/// FNV-1a: the names hashed are a few bytes, where SipHash's setup costs
/// more than the hashing.
#[derive(Default, Clone, Copy)]
struct Fnv;

struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

struct Builder {
    nodes: Vec<Node>,
    /// Open elements, the root first.
    open: Vec<NodeId>,
    elements: usize,
    /// Open elements by name: a search of `open` for an element that is not
    /// there is skipped (stray end tags cost nothing).
    named: std::collections::HashMap<Name, usize, Fnv>,
    /// Open elements of the kinds a start tag asks about, by [`slot`].
    kinds: [usize; SLOTS],
}

const SLOTS: usize = 9;

/// The kinds of element whose open count a start tag asks for (every
/// start tag asks whether a `p` is open, and the head).
fn slot(tag: Tag) -> Option<usize> {
    Some(match tag {
        Tag::P => 0,
        Tag::Head => 1,
        Tag::Body => 2,
        Tag::Li => 3,
        Tag::Dt | Tag::Dd => 4,
        Tag::Option => 5,
        Tag::Cell => 6,
        Tag::Tr => 7,
        Tag::Table => 8,
        _ => return None,
    })
}

impl Builder {
    fn top(&self) -> NodeId {
        self.open.last().copied().unwrap_or(0)
    }

    fn add(&mut self, data: Data) -> NodeId {
        let parent = self.top();
        let id = self.nodes.len();
        let depth = self.nodes[parent].depth + 1;
        self.nodes.push(Node {
            parent,
            data,
            children: Vec::new(),
            depth,
            end: id + 1,
        });
        self.nodes[parent].children.push(id);
        id
    }

    fn element(
        &mut self,
        tag: Tag,
        name: Name,
        at: Range<usize>,
        attrs: &[tokens::Attr],
        src: &str,
        open: bool,
    ) {
        if self.elements >= MAX_ELEMENTS || (open && self.open.len() > MAX_DEPTH) {
            return;
        }
        self.elements += 1;
        let (rowspan, colspan) = if tag == Tag::Cell {
            (
                span_attr(src, attrs, "rowspan"),
                span_attr(src, attrs, "colspan"),
            )
        } else {
            (1, 1)
        };
        let id = self.add(Data::Element(Element {
            tag,
            name,
            at,
            hidden: hides(src, attrs),
            rowspan,
            colspan,
        }));
        if open {
            self.open.push(id);
            if let Some(e) = self.nodes[id].element() {
                *self.named.entry(e.name).or_default() += 1;
                if let Some(k) = slot(e.tag) {
                    self.kinds[k] += 1;
                }
            }
        }
    }

    /// Closes the open elements from index `i` on.
    fn truncate(&mut self, i: usize) {
        for k in i.max(1)..self.open.len() {
            if let Some(e) = self.nodes[self.open[k]].element() {
                if let Some(n) = self.named.get_mut(&e.name) {
                    *n = n.saturating_sub(1);
                }
                if let Some(s) = slot(e.tag) {
                    self.kinds[s] = self.kinds[s].saturating_sub(1);
                }
            }
        }
        self.open.truncate(i.max(1));
    }

    /// How many elements with these names are open.
    fn count(&self, names: &[&str]) -> usize {
        names
            .iter()
            .map(|n| match slot(tag_of(n)) {
                Some(k) => self.kinds[k],
                None => self.named.get(&Name::new(n)).copied().unwrap_or(0),
            })
            .sum()
    }

    fn tag_at(&self, i: usize) -> Option<Tag> {
        self.nodes[self.open[i]].tag()
    }

    /// The index in `open` of the innermost element with tag `want`, looking
    /// no further out than an element with a tag in `stop`.
    fn find_open(&self, want: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) -> Option<usize> {
        (1..self.open.len()).rev().find_map(|i| {
            let t = self.tag_at(i)?;
            if want(t) {
                Some(Some(i))
            } else if stop(t) {
                Some(None)
            } else {
                None
            }
        })?
    }

    /// What a start tag of `tag` closes first.
    fn before_start(&mut self, tag: Tag) {
        let cell_or_table = |t: Tag| matches!(t, Tag::Cell | Tag::Table | Tag::Caption);
        if tag.closes_p()
            && self.count(&["p"]) > 0
            && let Some(i) = self.find_open(|t| t == Tag::P, |t| cell_or_table(t) || t == Tag::Body)
        {
            self.truncate(i);
        }
        let close_sibling = |b: &mut Builder,
                             names: &[&str],
                             same: &dyn Fn(Tag) -> bool,
                             scope: &dyn Fn(Tag) -> bool| {
            if b.count(names) > 0
                && let Some(i) = b.find_open(same, scope)
            {
                b.truncate(i);
            }
        };
        match tag {
            Tag::Li => close_sibling(self, &["li"], &|t| t == Tag::Li, &|t| {
                cell_or_table(t) || t == Tag::Block
            }),
            Tag::Dt | Tag::Dd => close_sibling(
                self,
                &["dt", "dd"],
                &|t| matches!(t, Tag::Dt | Tag::Dd),
                &|t| cell_or_table(t) || t == Tag::Block,
            ),
            Tag::Option => close_sibling(self, &["option"], &|t| t == Tag::Option, &|t| {
                t != Tag::Inline
            }),
            Tag::Cell => {
                close_sibling(self, &["td", "th"], &|t| t == Tag::Cell, &|t| {
                    matches!(t, Tag::Table | Tag::Tr)
                });
                if self.count(&["table"]) > 0
                    && self
                        .find_open(|t| t == Tag::Tr, |t| t == Tag::Table)
                        .is_none()
                    && self
                        .find_open(|t| t == Tag::Table, |t| t == Tag::Cell)
                        .is_some()
                {
                    self.element(Tag::Tr, Name::new("tr"), 0..0, &[], "", true);
                }
            }
            Tag::Tr => close_sibling(self, &["tr"], &|t| t == Tag::Tr, &|t| t == Tag::Table),
            Tag::Section => close_sibling(
                self,
                &["tr", "thead", "tbody", "tfoot"],
                &|t| matches!(t, Tag::Tr | Tag::Section),
                &|t| t == Tag::Table,
            ),
            _ => {}
        }
    }

    /// Content that cannot be in `head` ends it (pages that never close it).
    fn leave_head(&mut self) {
        if self.count(&["head"]) > 0
            && let Some(i) = self.find_open(|t| t == Tag::Head, |_| false)
        {
            self.truncate(i);
        }
    }

    /// An end tag: closes up to its element when it is open within reach.
    fn end(&mut self, name: Name) {
        if self.named.get(&name).is_none_or(|n| *n == 0) {
            return;
        }
        let tag = tag_of(&name);
        let target = (1..self.open.len()).rev().find_map(|i| {
            let e = self.nodes[self.open[i]].element()?;
            if e.name == name {
                return Some(Some(i));
            }
            // Table parts close only inside their table; other elements
            // do not close across a cell or table they are outside of.
            let boundary = match tag {
                Tag::Table => false,
                Tag::Tr | Tag::Section | Tag::Cell | Tag::Caption => e.tag == Tag::Table,
                _ => matches!(e.tag, Tag::Cell | Tag::Table | Tag::Caption),
            };
            boundary.then_some(None)
        });
        if let Some(Some(i)) = target {
            self.truncate(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested tags, text as `"…"`.
    fn shape(src: &str) -> String {
        let t = Tree::parse(src);
        fn walk(t: &Tree, src: &str, id: NodeId, out: &mut String) {
            match &t.nodes[id].data {
                Data::Text(r) => out.push_str(&format!("{:?}", &src[r.clone()])),
                Data::Element(e) => {
                    out.push_str(&format!("<{}>", e.name.as_str()));
                    for &c in &t.nodes[id].children {
                        walk(t, src, c, out);
                    }
                    out.push_str(&format!("</{}>", e.name.as_str()));
                }
                Data::Root => {
                    for &c in &t.nodes[id].children {
                        walk(t, src, c, out);
                    }
                }
            }
        }
        let mut out = String::new();
        walk(&t, src, 0, &mut out);
        out
    }

    #[test]
    fn implied_ends() {
        assert_eq!(
            shape("<p>一<p>二<div>三</div>"),
            "<p>\"一\"</p><p>\"二\"</p><div>\"三\"</div>"
        );
        assert_eq!(
            shape("<table><tr><td>a<td>b<tr><td>c</table>后"),
            "<table><tr><td>\"a\"</td><td>\"b\"</td></tr><tr><td>\"c\"</td></tr></table>\"后\""
        );
        assert_eq!(
            shape("<table><td>a</td></table>"),
            "<table><tr><td>\"a\"</td></tr></table>"
        );
        assert_eq!(
            shape("<ul><li>一<li>二</ul>"),
            "<ul><li>\"一\"</li><li>\"二\"</li></ul>"
        );
    }

    #[test]
    fn stray_end_tags_are_ignored() {
        assert_eq!(
            shape("<div><table><tr><td>a</div>b</td></tr></table>c</div>"),
            "<div><table><tr><td>\"a\"\"b\"</td></tr></table>\"c\"</div>"
        );
        assert_eq!(shape("</p>a</span>"), "\"a\"");
    }

    #[test]
    fn deep_nesting_is_flattened_not_recursed() {
        let src = "<div>".repeat(100_000) + "文" + &"</div>".repeat(100_000);
        let t = Tree::parse(&src);
        assert!(t.nodes.iter().map(|n| n.depth).max().unwrap() <= MAX_DEPTH + 2);
        assert!(t.nodes.iter().any(|n| matches!(n.data, Data::Text(_))));
        assert_eq!(t.nodes[0].end, t.nodes.len());
    }

    #[test]
    fn spans_and_hidden() {
        let src =
            "<td rowspan=\"3\" colspan=x><div style=\"DISPLAY: none\"></div><td colspan=9999>";
        let t = Tree::parse(src);
        let cells: Vec<&Element> = t
            .nodes
            .iter()
            .filter_map(Node::element)
            .filter(|e| e.tag == Tag::Cell)
            .collect();
        assert_eq!((cells[0].rowspan, cells[0].colspan), (3, 1));
        assert_eq!(cells[1].colspan, MAX_SPAN);
        assert!(t.nodes.iter().filter_map(Node::element).any(|e| e.hidden));
    }
}
