//! document.xml: paragraphs (style, numbering, bold, where they are in the
//! XML) and tables (rows, spans, merged cells, nesting) as blocks.

use super::numbering::Numbering;
use super::parts::{attr, truthy};
use super::styles::{Styles, is_w};
use super::{MAX_NESTING, MC_NS};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::ops::Range;

#[derive(Debug)]
pub(super) enum Block {
    Para(Para),
    Table(Table),
}

/// Where a paragraph is in the XML of the main part (byte offsets), so that
/// marks can be inserted into it (see [`annotate`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ParaXml {
    /// The start tag `<w:p …>` (the whole element when self-closing).
    pub open: (usize, usize),
    /// Where the paragraph's content begins: after its `w:pPr`, if any.
    pub content_start: usize,
    /// The start of `</w:p>` (the end of `open` when self-closing).
    pub close_start: usize,
    pub self_closing: bool,
}

#[derive(Debug, Default)]
pub(super) struct Para {
    pub(super) xml: ParaXml,
    pub(super) style: Option<String>,
    pub(super) outline: Option<u8>,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
    pub(super) text: String,
    pub(super) bold_chars: usize,
    pub(super) plain_chars: usize,
}

#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) rows: Vec<Row>,
}

#[derive(Debug, Default)]
pub(super) struct Row {
    pub(super) grid_before: usize,
    pub(super) cells: Vec<Cell>,
}

#[derive(Debug)]
pub(super) struct Cell {
    pub(super) span: usize,
    /// A continuation of a merged cell (`w:vMerge` without `restart`, or a
    /// legacy `w:hMerge`): shown empty.
    pub(super) continuation: bool,
    pub(super) blocks: Vec<Block>,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            span: 1,
            continuation: false,
            blocks: Vec::new(),
        }
    }
}

struct Parser<'a> {
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    body: Vec<Block>,
    tables: Vec<Table>,
    para: Option<Para>,
    /// Depth inside a skipped element (deleted text, field codes, text
    /// boxes, fallbacks, the old properties of a tracked change).
    skip: usize,
    in_ppr: bool,
    run: bool,
    run_bold: bool,
    in_rpr: bool,
    in_t: bool,
}

impl Parser<'_> {
    /// Where a finished paragraph or table goes: the open cell, or the body.
    /// Content found in a table outside any cell gets a cell of its own.
    fn container(&mut self) -> &mut Vec<Block> {
        if let Some(t) = self.tables.last_mut() {
            if t.rows.is_empty() {
                t.rows.push(Row::default());
            }
            let r = t.rows.len() - 1;
            let row = &mut t.rows[r];
            if row.cells.is_empty() {
                row.cells.push(Cell::default());
            }
            let c = row.cells.len() - 1;
            return &mut row.cells[c].blocks;
        }
        &mut self.body
    }

    fn cell(&mut self) -> Option<&mut Cell> {
        self.tables.last_mut()?.rows.last_mut()?.cells.last_mut()
    }

    fn push_text(&mut self, s: &str, counts: bool) {
        if !(self.run && self.para.is_some()) {
            return;
        }
        let bold = self.run_bold;
        if let Some(p) = self.para.as_mut() {
            if counts {
                let n = s.chars().filter(|c| !c.is_whitespace()).count();
                if bold {
                    p.bold_chars += n;
                } else {
                    p.plain_chars += n;
                }
            }
            p.text.push_str(s);
        }
    }

    fn end_para(&mut self) {
        if let Some(mut p) = self.para.take() {
            let (style_num, style_lvl) = match &p.style {
                Some(s) => self.styles.numbering(s),
                None => (None, None),
            };
            if let Some(id) = p.num_id.clone().or(style_num)
                && id != "0"
                && let Some(number) = self.numbering.next(&id, p.ilvl.or(style_lvl).unwrap_or(0))
            {
                p.text.insert_str(0, &number);
            }
            self.container().push(Block::Para(p));
        }
        self.in_ppr = false;
        self.run = false;
        self.in_rpr = false;
        self.in_t = false;
    }

    fn end_table(&mut self) {
        self.end_para();
        if let Some(t) = self.tables.pop() {
            self.container().push(Block::Table(t));
        }
    }

    /// `at`: the byte range of the tag in the XML.
    fn open(&mut self, e: &BytesStart, empty: bool, at: Range<usize>) {
        let local = e.local_name();
        match local.as_ref() {
            "p" => {
                self.end_para();
                self.para = Some(Para {
                    xml: ParaXml {
                        open: (at.start, at.end),
                        content_start: at.end,
                        close_start: at.end,
                        self_closing: empty,
                    },
                    ..Para::default()
                });
                if empty {
                    self.end_para();
                }
            }
            "pPr" if self.para.is_some() && !self.run => {
                self.in_ppr = !empty;
                if empty && let Some(p) = self.para.as_mut() {
                    p.xml.content_start = at.end;
                }
            }
            "pStyle" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.style = attr(e, "val");
                }
            }
            "outlineLvl" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.outline = attr(e, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "numId" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.num_id = attr(e, "val");
                }
            }
            "ilvl" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.ilvl = attr(e, "val").and_then(|v| v.trim().parse().ok());
                }
            }
            "r" if self.para.is_some() => {
                self.run = !empty;
                self.run_bold = false;
                self.in_rpr = false;
            }
            "rPr" => self.in_rpr = !empty,
            "b" if self.run && self.in_rpr => self.run_bold = truthy(attr(e, "val")),
            "t" if self.run => self.in_t = !empty,
            "tab" | "ptab" if self.run && !self.in_rpr => self.push_text("\t", false),
            "br" | "cr" if self.run => {
                let kind = attr(e, "type");
                if kind.is_none() || kind.as_deref() == Some("textWrapping") {
                    self.push_text("\n", false);
                }
            }
            "noBreakHyphen" if self.run => self.push_text("-", true),
            "tbl" => {
                self.end_para();
                self.tables.push(Table::default());
                if empty {
                    self.end_table();
                }
            }
            "tr" => {
                self.end_para();
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Row::default());
                }
            }
            "gridBefore" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut())
                    && row.cells.is_empty()
                {
                    row.grid_before = attr(e, "val")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0)
                        .min(64);
                }
            }
            "tc" => {
                self.end_para();
                if let Some(t) = self.tables.last_mut() {
                    if t.rows.is_empty() {
                        t.rows.push(Row::default());
                    }
                    if let Some(row) = t.rows.last_mut() {
                        row.cells.push(Cell::default());
                    }
                }
            }
            "gridSpan" if self.para.is_none() => {
                let n = attr(e, "val")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                if let Some(c) = self.cell() {
                    c.span = n;
                }
            }
            "vMerge" | "hMerge" if self.para.is_none() => {
                let restart = attr(e, "val").as_deref() == Some("restart");
                if let Some(c) = self.cell() {
                    c.continuation = !restart;
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, local: &str, at: Range<usize>) {
        match local {
            "p" => {
                if let Some(p) = self.para.as_mut() {
                    p.xml.close_start = at.start;
                }
                self.end_para()
            }
            "pPr" => {
                if self.in_ppr
                    && !self.run
                    && let Some(p) = self.para.as_mut()
                {
                    p.xml.content_start = at.end;
                }
                self.in_ppr = false
            }
            "r" => {
                self.run = false;
                self.in_rpr = false;
                self.in_t = false;
            }
            "rPr" => self.in_rpr = false,
            "t" => self.in_t = false,
            "tbl" => self.end_table(),
            "tc" | "tr" => self.end_para(),
            _ => {}
        }
    }
}

/// Elements whose content is not shown text.
fn skipped(local: &str) -> bool {
    matches!(
        local,
        "delText"
            | "instrText"
            | "delInstrText"
            | "del"
            | "moveFrom"
            | "txbxContent"
            | "footnoteReference"
            | "endnoteReference"
            | "rt"
    ) || local.ends_with("Change")
}

pub(super) fn parse_document(
    xml: &str,
    styles: &Styles,
    numbering: &mut Numbering,
) -> Result<Vec<Block>, String> {
    let mut reader = NsReader::from_str(xml);
    let mut p = Parser {
        styles,
        numbering,
        body: Vec::new(),
        tables: Vec::new(),
        para: None,
        skip: 0,
        in_ppr: false,
        run: false,
        run_bold: false,
        in_rpr: false,
        in_t: false,
    };
    loop {
        let before = reader.buffer_position() as usize;
        let (ns, ev) = match reader.read_resolved_event() {
            Ok(x) => x,
            Err(e) => {
                let pos = reader.buffer_position();
                return Err(format!("{e} at byte {pos}"));
            }
        };
        match ev {
            Event::Start(e) => {
                if p.skip > 0 {
                    p.skip += 1;
                    continue;
                }
                let local = e.local_name();
                let fallback = matches!(&ns, ResolveResult::Bound(n) if n.as_ref() == MC_NS)
                    && local.as_ref() == "Fallback";
                let too_deep = local.as_ref() == "tbl" && p.tables.len() >= MAX_NESTING;
                if fallback || (is_w(&ns) && (skipped(local.as_ref()) || too_deep)) {
                    p.skip = 1;
                    continue;
                }
                if is_w(&ns) {
                    p.open(&e, false, before..reader.buffer_position() as usize);
                }
            }
            Event::Empty(e) if p.skip == 0 && is_w(&ns) => {
                p.open(&e, true, before..reader.buffer_position() as usize)
            }
            Event::End(e) => {
                if p.skip > 0 {
                    p.skip -= 1;
                    continue;
                }
                if is_w(&ns) {
                    p.close(
                        e.local_name().as_ref(),
                        before..reader.buffer_position() as usize,
                    );
                }
            }
            Event::Text(t) if p.in_t && p.skip == 0 => {
                let s = t.xml10_content().replace(['\n', '\r', '\t'], " ");
                p.push_text(&s, true);
            }
            Event::CData(t) if p.in_t && p.skip == 0 => {
                let s = t.xml10_content().replace(['\n', '\r', '\t'], " ");
                p.push_text(&s, true);
            }
            Event::GeneralRef(r) if p.in_t && p.skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    let c = if c.is_control() { ' ' } else { c };
                    p.push_text(c.encode_utf8(&mut [0; 4]), true);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated document: keep what was read.
    p.end_para();
    while !p.tables.is_empty() {
        p.end_table();
    }
    Ok(p.body)
}
