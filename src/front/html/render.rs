//! The page's text as a reader of the page sees it, in the form the syntax
//! layer reads (the form a copy out of the browser gives), with a map from
//! every byte back to the page:
//!
//! - block elements (`p`, `div`, `li`, headings…) and `<br>` end a line;
//!   white space collapses to one space and goes at the ends of a line (a
//!   line break between two Chinese characters is no space at all, as the
//!   text was only wrapped in the source); `&nbsp;` is white space;
//! - a table of data (no table inside it, no cell holding a paragraph's
//!   worth of text) is one line per row with its cells separated by tabs,
//!   as the Word front end renders a table: a cell spanning N columns is
//!   followed by N−1 empty cells, and a cell spanning rows leaves an empty
//!   cell in each row below; a cell's lines are joined without separator;
//! - a table used for the page's layout is read as the blocks in its cells;
//! - scripts, styles, forms' controls, frames, `nav`, `aside`, `footer`,
//!   hidden elements and comments give no text.
//!
//! Every line remembers the element it came from and how much of it is link
//! text, for [`super::article`] to find the report among the page's frame.

use super::entities;
use super::tree::{Data, NodeId, Tag, Tree};
use std::ops::Range;

/// A piece of the text and where it is in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seg {
    /// Byte offset in the text.
    pub out: usize,
    /// Byte offset in the page.
    pub src: usize,
    /// Bytes copied as they stand in the page (0: text the page does not
    /// hold as such: a separator, a decoded reference, a collapsed space).
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// In the text, without its line break.
    pub range: Range<usize>,
    /// The innermost block element (for a table row: the table).
    pub block: NodeId,
    pub table_row: bool,
    /// Characters other than white space; those inside links.
    pub chars: usize,
    pub link_chars: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Flow {
    pub text: String,
    /// Sorted by `out`.
    pub segs: Vec<Seg>,
    pub lines: Vec<Line>,
}

impl Flow {
    /// The page offset of text offset `offset`.
    pub fn src_of(&self, offset: usize) -> Option<usize> {
        let i = self.segs.partition_point(|s| s.out <= offset);
        let s = self.segs.get(i.checked_sub(1)?)?;
        Some(if s.len > 0 && offset <= s.out + s.len {
            s.src + (offset - s.out)
        } else {
            s.src
        })
    }

    /// Appends the text `range` of `other` (whole lines) with its map.
    pub fn append(&mut self, other: &Flow, range: Range<usize>) {
        let shift = self.text.len();
        self.text.push_str(&other.text[range.clone()]);
        let first = other.segs.partition_point(|s| s.out < range.start);
        // A copied run that starts before the range (never at a line start,
        // but be safe): its part inside.
        if let Some(s) = first.checked_sub(1).map(|i| other.segs[i])
            && s.len > 0
            && s.out + s.len > range.start
        {
            let cut = range.start - s.out;
            self.segs.push(Seg {
                out: shift,
                src: s.src + cut,
                len: (s.len - cut).min(range.len()),
            });
        }
        for s in other.segs[first..].iter().take_while(|s| s.out < range.end) {
            self.segs.push(Seg {
                out: s.out - range.start + shift,
                src: s.src,
                len: s.len.min(range.end - s.out),
            });
        }
    }
}

/// Text that is laid out as white space: collapsed, dropped at line ends.
fn collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}')
}

/// Characters between which a wrapped line of the source is no space.
fn wide(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{3ffff}')
}

/// Per node: characters of text in its subtree and whether a table is in
/// it; one pass from the last node back (children come after parents).
struct Sizes {
    chars: Vec<usize>,
    table_inside: Vec<bool>,
}

fn sizes(tree: &Tree, src: &str) -> Sizes {
    let n = tree.nodes.len();
    let mut chars = vec![0; n];
    let mut table_inside = vec![false; n];
    for id in (0..n).rev() {
        let node = &tree.nodes[id];
        if let Data::Text(r) = &node.data {
            chars[id] = src
                .get(r.clone())
                .map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count());
        }
        if id > 0 {
            let p = node.parent;
            chars[p] += chars[id];
            table_inside[p] |= table_inside[id] || node.tag() == Some(Tag::Table);
        }
    }
    Sizes {
        chars,
        table_inside,
    }
}

/// A cell holding more text than this is a frame, not data.
const MAX_DATA_CELL: usize = 150;
/// Grid columns beyond this are not laid out (no report table is wider).
const MAX_COLUMNS: usize = 256;

struct Acc {
    block: NodeId,
    table_row: bool,
    chars: usize,
    link_chars: usize,
}

struct Renderer<'a> {
    src: &'a str,
    tree: &'a Tree,
    sizes: Sizes,
    f: Flow,
    line_start: usize,
    acc: Acc,
    /// Innermost block element.
    block: NodeId,
    links: usize,
    /// White space seen and not yet written: where, whether it held a line
    /// break, whether it is one plain space (copied as is).
    space: Option<(usize, bool, bool)>,
    /// Inside a data cell: its text starts at this offset.
    cell_from: Option<usize>,
}

impl Renderer<'_> {
    fn at_line_start(&self) -> bool {
        match self.cell_from {
            Some(from) => self.f.text.len() == from,
            None => self.f.text.is_empty() || self.f.text.ends_with('\n'),
        }
    }

    fn push(&mut self, c: char, src: usize, copied: bool) {
        if self.f.text.len() == self.line_start && self.acc.chars == 0 && self.acc.link_chars == 0 {
            self.acc.block = self.block;
        }
        let out = self.f.text.len();
        let n = c.len_utf8();
        match self.f.segs.last_mut() {
            Some(s) if copied && s.len > 0 && s.out + s.len == out && s.src + s.len == src => {
                s.len += n;
            }
            _ => self.f.segs.push(Seg {
                out,
                src,
                len: if copied { n } else { 0 },
            }),
        }
        self.f.text.push(c);
        if !c.is_whitespace() {
            self.acc.chars += 1;
            if self.links > 0 {
                self.acc.link_chars += 1;
            }
        }
    }

    /// A separator the page does not hold (tab, line break): it maps to
    /// `src`, the place it ends.
    fn mark(&mut self, c: char, src: usize) {
        let out = self.f.text.len();
        self.f.segs.push(Seg { out, src, len: 0 });
        self.f.text.push(c);
    }

    fn newline(&mut self, src: usize) {
        self.space = None;
        if self.f.text.is_empty() || self.f.text.ends_with('\n') {
            return;
        }
        self.f.lines.push(Line {
            range: self.line_start..self.f.text.len(),
            block: self.acc.block,
            table_row: self.acc.table_row,
            chars: self.acc.chars,
            link_chars: self.acc.link_chars,
        });
        self.mark('\n', src);
        self.line_start = self.f.text.len();
        self.acc = Acc {
            block: self.block,
            table_row: false,
            chars: 0,
            link_chars: 0,
        };
    }

    fn char(&mut self, c: char, src: usize, copied: bool) {
        if collapsible(c) {
            self.space = Some(match self.space {
                None => (src, c == '\n' || c == '\r', copied && c == ' '),
                Some((at, nl, _)) => (at, nl || c == '\n' || c == '\r', false),
            });
            return;
        }
        if let Some((at, nl, plain)) = self.space.take()
            && !self.at_line_start()
        {
            let prev = self.f.text.chars().next_back().unwrap_or(' ');
            if !(nl && wide(prev) && wide(c)) {
                self.push(' ', at, plain);
            }
        }
        if c == '\u{3000}' && self.at_line_start() {
            // Indentation (`　　`), which a copy drops too.
            return;
        }
        self.push(c, src, copied);
    }

    /// A run of characters copied as they stand, none of them white space
    /// or a reference, not at the start of a line (the first character of a
    /// run goes through [`Renderer::char`]).
    fn run(&mut self, run: &str, src: usize) {
        let out = self.f.text.len();
        match self.f.segs.last_mut() {
            Some(s) if s.len > 0 && s.out + s.len == out && s.src + s.len == src => {
                s.len += run.len();
            }
            _ => self.f.segs.push(Seg {
                out,
                src,
                len: run.len(),
            }),
        }
        self.f.text.push_str(run);
        let n = run.chars().count();
        self.acc.chars += n;
        if self.links > 0 {
            self.acc.link_chars += n;
        }
    }

    fn text(&mut self, r: Range<usize>) {
        let Some(s) = self.src.get(r.clone()) else {
            return;
        };
        let b = s.as_bytes();
        // Bytes that start what needs a look of its own: white space, a
        // reference, `&nbsp;` as a character (C2 A0), `　` (E3 80 80).
        let special = |k: usize| match b[k] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'&' => true,
            0xC2 => b.get(k + 1) == Some(&0xA0),
            0xE3 => b.get(k + 1) == Some(&0x80) && b.get(k + 2) == Some(&0x80),
            _ => false,
        };
        let mut i = 0;
        while i < s.len() {
            if !special(i) {
                let mut end = i + 1;
                while end < b.len() && !special(end) {
                    end += 1;
                }
                // Ends at a character boundary: every special byte starts one.
                let plain = &s[i..end];
                let mut chars = plain.char_indices();
                if let Some((_, c)) = chars.next() {
                    self.char(c, r.start + i, true);
                    let next = i + c.len_utf8();
                    if next < end {
                        self.run(&s[next..end], r.start + next);
                    }
                }
                i = end;
                continue;
            }
            let rest = &s[i..];
            if rest.starts_with('&')
                && let Some((c, len)) = entities::at(rest)
            {
                self.char(c, r.start + i, false);
                i += len;
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            self.char(c, r.start + i, true);
            i += c.len_utf8();
        }
    }

    fn children(&mut self, id: NodeId) {
        let tree = self.tree;
        for &c in &tree.nodes[id].children {
            self.node(c);
        }
    }

    fn node(&mut self, id: NodeId) {
        let tree = self.tree;
        let e = match &tree.nodes[id].data {
            Data::Text(r) => return self.text(r.clone()),
            Data::Root => return self.children(id),
            Data::Element(e) => e,
        };
        if e.hidden || matches!(e.tag, Tag::Dropped | Tag::Head) {
            return;
        }
        let at = e.at.start;
        match e.tag {
            Tag::Br | Tag::Hr => {
                if self.cell_from.is_none() {
                    self.newline(at);
                }
            }
            Tag::A => {
                self.links += 1;
                self.children(id);
                self.links -= 1;
            }
            Tag::Inline | Tag::Img => self.children(id),
            Tag::Table if self.cell_from.is_none() && self.is_data_table(id) => {
                self.newline(at);
                self.table(id);
                self.newline(at);
            }
            _ if self.cell_from.is_some() => self.children(id),
            _ => {
                self.newline(at);
                let outer = std::mem::replace(&mut self.block, id);
                self.children(id);
                self.block = outer;
                let end = self.f.segs.last().map_or(at, |s| s.src + s.len);
                self.newline(end);
            }
        }
    }

    /// The rows of a table (through `thead`/`tbody`/`tfoot`), and its caption.
    fn rows(&self, table: NodeId) -> (Vec<NodeId>, Option<NodeId>) {
        let tree = self.tree;
        let mut rows = Vec::new();
        let mut caption = None;
        for &c in &tree.nodes[table].children {
            match tree.nodes[c].element() {
                Some(e) if e.hidden => {}
                Some(e) if e.tag == Tag::Tr => rows.push(c),
                Some(e) if e.tag == Tag::Caption => caption = caption.or(Some(c)),
                Some(e) if e.tag == Tag::Section => {
                    rows.extend(tree.nodes[c].children.iter().copied().filter(|&r| {
                        tree.nodes[r]
                            .element()
                            .is_some_and(|e| e.tag == Tag::Tr && !e.hidden)
                    }))
                }
                _ => {}
            }
        }
        (rows, caption)
    }

    fn cells(&self, row: NodeId) -> Vec<NodeId> {
        let tree = self.tree;
        tree.nodes[row]
            .children
            .iter()
            .copied()
            .filter(|&c| {
                tree.nodes[c]
                    .element()
                    .is_some_and(|e| e.tag == Tag::Cell && !e.hidden)
            })
            .collect()
    }

    /// A table of data, not of the page's layout.
    fn is_data_table(&self, table: NodeId) -> bool {
        if self.sizes.table_inside[table] {
            return false;
        }
        let (rows, _) = self.rows(table);
        rows.iter()
            .flat_map(|&r| self.cells(r))
            .all(|c| self.sizes.chars[c] <= MAX_DATA_CELL)
    }

    fn table(&mut self, table: NodeId) {
        let tree = self.tree;
        let (rows, caption) = self.rows(table);
        if let Some(c) = caption {
            let outer = std::mem::replace(&mut self.block, c);
            self.children(c);
            self.block = outer;
            let at = tree.nodes[c].element().map_or(0, |e| e.at.start);
            self.newline(at);
        }
        let outer = std::mem::replace(&mut self.block, table);
        self.acc.block = table;
        // Per grid column: rows still covered by a cell above, and where
        // that cell is.
        let mut cover: Vec<(usize, usize)> = Vec::new();
        for row in rows {
            let cells = self.cells(row);
            // Columns a cell above still covers; a cell of this row that
            // spans into one takes it over (a table model error browsers
            // also resolve by overlapping).
            let mut covered_at_start: Vec<bool> = cover.iter().map(|c| c.0 > 0).collect();
            if cells.is_empty() && !covered_at_start.contains(&true) {
                continue;
            }
            self.acc.table_row = true;
            let mut col = 0;
            // The page offset of the position just written (a separator
            // maps to the cell it ends).
            let mut last: Option<usize> = None;
            let mut position = |r: &mut Self, src: usize, content: Option<NodeId>| {
                if let Some(prev) = last {
                    r.mark('\t', prev);
                }
                r.acc.table_row = true;
                match content {
                    Some(cell) => {
                        let from = r.f.text.len();
                        r.cell_from = Some(from);
                        r.children(cell);
                        r.cell_from = None;
                        r.space = None;
                        if r.f.text.len() == from {
                            r.f.segs.push(Seg {
                                out: from,
                                src,
                                len: 0,
                            });
                        }
                    }
                    None => r.f.segs.push(Seg {
                        out: r.f.text.len(),
                        src,
                        len: 0,
                    }),
                }
                last = Some(src);
            };
            for cell in cells {
                while col < cover.len() && covered_at_start[col] {
                    let src = cover[col].1;
                    position(self, src, None);
                    col += 1;
                }
                if col >= MAX_COLUMNS {
                    break;
                }
                let Some(e) = tree.nodes[cell].element() else {
                    continue;
                };
                let (at, rowspan, colspan) = (e.at.start, e.rowspan, e.colspan);
                position(self, at, Some(cell));
                for k in col..(col + colspan).min(MAX_COLUMNS) {
                    if k > col {
                        position(self, at, None);
                    }
                    if cover.len() <= k {
                        cover.resize(k + 1, (0, 0));
                    }
                    cover[k] = (rowspan.saturating_sub(1), at);
                    if let Some(c) = covered_at_start.get_mut(k) {
                        *c = false;
                    }
                }
                col += colspan;
            }
            // Columns covered from above after the row's last cell.
            if let Some(last_covered) = (col..covered_at_start.len())
                .rev()
                .find(|&k| covered_at_start[k])
            {
                // A gap before a covered column is an empty cell of the row.
                let row_at = tree.nodes[row].element().map_or(0, |e| e.at.start);
                let fill: Vec<usize> = (col..=last_covered)
                    .map(|k| {
                        if covered_at_start[k] {
                            cover[k].1
                        } else {
                            row_at
                        }
                    })
                    .collect();
                for src in fill {
                    position(self, src, None);
                }
            }
            for (k, was) in covered_at_start.iter().enumerate() {
                if *was {
                    cover[k].0 = cover[k].0.saturating_sub(1);
                }
            }
            let end = last.unwrap_or(0);
            self.newline(end);
        }
        self.block = outer;
    }
}

/// Renders the page from `start` (its body).
pub fn render(tree: &Tree, src: &str, start: NodeId) -> Flow {
    let mut r = Renderer {
        src,
        tree,
        sizes: sizes(tree, src),
        f: Flow::default(),
        line_start: 0,
        acc: Acc {
            block: start,
            table_row: false,
            chars: 0,
            link_chars: 0,
        },
        block: start,
        links: 0,
        space: None,
        cell_from: None,
    };
    r.node(start);
    let end = src.len();
    r.newline(end);
    r.f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> String {
        let t = Tree::parse(src);
        render(&t, src, t.body()).text
    }

    #[test]
    fn blocks_lines_and_spaces() {
        assert_eq!(
            text("<p>一、总体\n  情况</p><div>本年&nbsp; 收到<b>申请</b> 5 件<br>其中</div>"),
            "一、总体情况\n本年 收到申请 5 件\n其中\n"
        );
        assert_eq!(
            text("<p>　　正文&amp;<script>x</script><span style=display:none>隐</span>尾</p>"),
            "正文&尾\n"
        );
    }

    #[test]
    fn tables_as_a_copy_out_of_word_gives_them() {
        let src = "<table><tr><td rowspan=2>三、</td><td colspan=2>（一）予以公开</td><td>1</td></tr>\
                   <tr><td>甲</td><td>乙</td><td>2</td></tr></table>";
        assert_eq!(text(src), "三、\t（一）予以公开\t\t1\n\t甲\t乙\t2\n");
    }

    /// A cell spanning into a column a cell above still covers (found by
    /// the html fuzz target: the row count of the column went below 0).
    #[test]
    fn overlapping_spans_do_not_underflow() {
        let src = "<table><tr><td>x</td><td rowspan=2>y</td></tr><tr><td colspan=2>z</td></tr>\
                   <tr><td>1</td><td>2</td></tr></table>";
        assert_eq!(text(src), "x\ty\nz\t\n1\t2\n");
    }

    #[test]
    fn layout_tables_are_read_as_blocks() {
        let long = "很长的正文。".repeat(40);
        let src = format!(
            "<table><tr><td><a href=/>首页</a></td><td><p>{long}</p><p>二</p></td></tr></table>"
        );
        assert_eq!(text(&src), format!("首页\n{long}\n二\n"));
    }

    #[test]
    fn every_byte_maps_back_into_the_page() {
        let src = "<div><p>第一&ldquo;段&rdquo;</p><table><tr><td>a</td><td></td><td>12</td></tr></table></div>";
        let t = Tree::parse(src);
        let f = render(&t, src, t.body());
        assert_eq!(f.text, "第一“段”\na\t\t12\n");
        let at = |needle: &str| f.src_of(f.text.find(needle).unwrap()).unwrap();
        assert_eq!(&src[at("第一")..][..6], "第一");
        assert_eq!(&src[at("“")..][..7], "&ldquo;");
        assert_eq!(&src[at("12")..][..2], "12");
        // The empty cell maps to its own `<td>`.
        let empty = f.text.find("\t\t").unwrap() + 1;
        assert_eq!(&src[f.src_of(empty).unwrap()..][..9], "<td></td>");
        for i in 0..=f.text.len() {
            assert!(f.src_of(i).is_some_and(|s| s <= src.len()));
        }
    }
}
