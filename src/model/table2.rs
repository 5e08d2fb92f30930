//! Table 二 (主动公开政府信息情况): blocks headed 第二十条第（X）项, each with
//! its own rows and columns. Its columns have no arithmetic, so values that
//! ran together are never cut: such rows stay unread.

use super::Cx;
use super::assemble::{self, Params, Unit};
use super::cells::{self, Unreadable};
use super::labels::{HeaderWords, LabelDef, NormText, norm_chars};
use super::report::{
    BoundRow, LabelVariant, ShapeIssue, ShapeKind, Table, Table2, Table2BlockBound, Unplaced,
    Unread,
};
use super::stream::{self, TokKind};
use crate::schema::{self, Version};
use crate::text::Span;

/// What a label of table 二 stands for: a block heading or a row of a block.
#[derive(Debug, Clone, Copy)]
struct Entry {
    item: u32,
    /// Index of the row in its block, the same in both versions where both
    /// have it; `None` for the block heading.
    row: Option<usize>,
}

struct Defs {
    defs: Vec<LabelDef>,
    firsts: Vec<char>,
    entries: Vec<Entry>,
    headers: HeaderWords,
}

/// The labels of table 二 in order: every block of both versions.
fn defs() -> &'static Defs {
    static D: std::sync::OnceLock<Defs> = std::sync::OnceLock::new();
    D.get_or_init(|| {
        let mut defs = Vec::new();
        let mut entries = Vec::new();
        let items: Vec<u32> = {
            let mut v: Vec<u32> = schema::TABLE2_2019
                .iter()
                .chain(schema::TABLE2_2021)
                .map(|b| b.item)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for item in items {
            let cn = crate::syntax::cn_numeral(item);
            defs.push(LabelDef::new(
                Vec::new(),
                vec![
                    norm_chars(&schema::table2_block_heading(item)),
                    norm_chars(&format!("第二十条({cn})项")),
                ],
                0,
            ));
            entries.push(Entry { item, row: None });
            let rows = |v: Version| {
                schema::table2(v)
                    .iter()
                    .find(|b| b.item == item)
                    .map(|b| b.rows)
                    .unwrap_or(&[])
            };
            let (a, b) = (rows(Version::V2019), rows(Version::V2021));
            for r in 0..a.len().max(b.len()) {
                let mut bodies: Vec<Vec<char>> = Vec::new();
                for name in [a.get(r), b.get(r)].into_iter().flatten() {
                    let n = norm_chars(name);
                    if !bodies.contains(&n) {
                        bodies.push(n);
                    }
                }
                defs.push(LabelDef::new(Vec::new(), bodies, 0));
                entries.push(Entry { item, row: Some(r) });
            }
        }
        let mut words: Vec<&str> = schema::TABLE2_HEADER_WORDS.to_vec();
        words.extend(schema::TABLE2_VERSION_HEADERS.iter().map(|(w, _)| *w));
        words.push("本年收费金额(单位:万元)");
        let headers = HeaderWords::new(&words, &[], &["信息内容"]);
        Defs {
            firsts: super::labels::first_chars(&defs),
            defs,
            entries,
            headers,
        }
    })
}

/// Reads table 二 from `start`; returns it and the line after it.
pub fn read(cx: &mut Cx, start: usize) -> (Table2, usize) {
    let doc = cx.doc;
    let (toks, end) = stream::region_tokens(doc, start, Table::T2);
    cx.looked_until = end;
    let d = defs();
    let params = Params {
        defs: &d.defs,
        headers: &d.headers,
        min_unnumbered: 2,
        firsts: &d.firsts,
    };
    let asm = assemble::assemble(doc.source, &params, &toks);
    let used = &toks[..asm.consumed];
    let last_line = used.last().map(|t| t.line).unwrap_or(start).max(start);
    let mut t = Table2 {
        version: None,
        version_evidence: None,
        lines: (start, last_line),
        blocks: Vec::new(),
        unreadable: Vec::new(),
        unread: Unread::default(),
    };
    version_evidence(cx, &mut t, used);
    let has_item9 = asm
        .units
        .iter()
        .any(|u| assemble::resolve(&d.defs, u).is_some_and(|(k, _)| d.entries[k].item == 9));
    if t.version.is_none() && has_item9 {
        t.version = Some(Version::V2019);
    }
    let version = t.version.or(cx.fallback_version).unwrap_or(Version::V2019);
    // A block heading carries no numbers: numbers after one belong to no row.
    let mut orphans: Vec<&[stream::Tok]> = asm.orphans.iter().map(Vec::as_slice).collect();
    for u in &asm.units {
        let heading =
            assemble::resolve(&d.defs, u).is_some_and(|(k, _)| d.entries[k].row.is_none());
        if heading
            && let Some(v) = &u.values
            && v.iter().any(|t| t.kind == TokKind::Value)
        {
            orphans.push(v);
        }
    }
    // A row with no numbers is blank only when every number found its row.
    let clean = orphans.is_empty() && asm.stray.is_empty();
    let shapes_before = cx.shape.len();
    for u in &asm.units {
        let Some((k, _)) = assemble::resolve(&d.defs, u) else {
            // `第二十条第（某）项`: a block heading whose item cannot be told;
            // the rows under it open their own block.
            let heading = u.edited && u.cands.iter().all(|&k| d.entries[k].row.is_none());
            if !(heading && u.values.is_none()) {
                unplaced(&mut t.unread, u);
            }
            continue;
        };
        let entry = d.entries[k];
        let line = u.lines.first().copied().unwrap_or(start);
        match entry.row {
            None => t.blocks.push(Table2BlockBound {
                item: entry.item,
                header: u.label_span(),
                header_line: line,
                rows: Vec::new(),
            }),
            Some(row) => bind_row(cx, &mut t, u, entry.item, row, version, clean),
        }
    }
    // Text without cells of its own that left numbers without a row, or
    // gave a row more numbers than columns, lost the table's order.
    let free = used.iter().any(|t| t.kind == TokKind::Value && !t.cells);
    let too_many = cx.shape[shapes_before..]
        .iter()
        .any(|s| s.kind == ShapeKind::Count && s.found > s.expected);
    if free && (!orphans.is_empty() || too_many) {
        cx.shape.truncate(shapes_before);
        for b in &mut t.blocks {
            for r in b.rows.drain(..) {
                t.unreadable.push((b.item, r.def));
            }
        }
        t.unread.scrambled = true;
    }
    finish(&mut t, &orphans, &asm.stray);
    for l in start..=last_line.min(doc.lines.len().saturating_sub(1)) {
        cx.consumed[l] = true;
    }
    (t, last_line + 1)
}

/// Records what found no row, and whether rows share lines.
fn finish(t: &mut Table2, orphans: &[&[stream::Tok]], stray: &[Span]) {
    for g in orphans {
        if let Some(span) = g.iter().map(|t| t.span).reduce(Span::cover) {
            t.unread.unplaced.push(Unplaced {
                table: Table::T2,
                span,
                values: true,
            });
        }
    }
    for s in stray {
        t.unread.unplaced.push(Unplaced {
            table: Table::T2,
            span: *s,
            values: false,
        });
    }
    let mut lines: Vec<usize> = t
        .blocks
        .iter()
        .flat_map(|b| b.rows.iter().map(|r| r.line))
        .collect();
    let n = lines.len();
    lines.sort_unstable();
    lines.dedup();
    t.unread.rows_share_lines = lines.len() < n;
}

/// The version the header words show, and where.
fn version_evidence(cx: &Cx, t: &mut Table2, toks: &[stream::Tok]) {
    // Every version header has 数, 额 or 增: other text is not normalized.
    let may = |t: &stream::Tok| {
        let raw = cx.doc.text(t.span);
        raw.contains('数') || raw.contains('额') || raw.contains('增')
    };
    for tok in toks.iter().filter(|t| t.kind == TokKind::Text && may(t)) {
        let n = NormText::of(cx.doc.source, tok.span);
        for (word, v) in schema::TABLE2_VERSION_HEADERS {
            let w = norm_chars(word);
            if let Some(p) = n.chars.windows(w.len()).position(|x| x == w.as_slice()) {
                t.version = Some(v);
                t.version_evidence = Some(n.span(p, p + w.len()));
                return;
            }
        }
    }
}

fn bind_row(
    cx: &mut Cx,
    t: &mut Table2,
    u: &Unit,
    item: u32,
    row: usize,
    version: Version,
    clean: bool,
) {
    let Some(block) = schema::table2(version).iter().find(|b| b.item == item) else {
        return;
    };
    let Some(official) = block.rows.get(row) else {
        return;
    };
    let line = u.lines.first().copied().unwrap_or(0);
    // A row of another block means its heading was lost: open that block.
    if t.blocks.last().is_none_or(|b| b.item != item) {
        t.blocks.push(Table2BlockBound {
            item,
            header: u.label_span(),
            header_line: line,
            rows: Vec::new(),
        });
    }
    if u.text != norm_chars(official) && u.lines.len() == 1 {
        let span = u.label_span();
        cx.variants.push(LabelVariant {
            table: Table::T2,
            span,
            found: cx.doc.text(span).to_string(),
            official: official.to_string(),
        });
    }
    let kinds: Vec<schema::ValueKind> = block.columns.iter().map(|c| c.1).collect();
    let cells = match &u.values {
        None if clean => Ok(cells::blank_cells(
            u.spans.last().map(|s| s.end).unwrap_or(0),
            kinds.len(),
        )),
        None => Err(Unreadable::Shape(ShapeKind::BlanksLost, 0)),
        Some(toks) => cells::read_group(cx.doc.source, toks, &kinds),
    };
    let already = t
        .blocks
        .iter()
        .any(|b| b.item == item && b.rows.iter().any(|r| r.def == row));
    match cells {
        Ok(cells) if !already => {
            if let Some(b) = t.blocks.last_mut() {
                b.rows.push(BoundRow {
                    def: row,
                    line,
                    extra_lines: u.lines.iter().skip(1).copied().collect(),
                    label: u.label_span(),
                    cells,
                });
            }
        }
        Ok(_) => unplaced(&mut t.unread, u),
        Err(why) => {
            let found = u
                .values
                .iter()
                .flatten()
                .filter(|t| t.kind == TokKind::Value)
                .count();
            let kind = match why {
                Unreadable::Shape(k, _) => k,
                Unreadable::MaybeRunTogether => ShapeKind::DigitsRunTogether,
            };
            let span = u.row_span();
            cx.shape.push(ShapeIssue {
                table: Table::T2,
                line,
                span,
                label: official.to_string(),
                found,
                expected: kinds.len(),
                kind,
            });
            t.unreadable.push((item, row));
        }
    }
}

fn unplaced(unread: &mut Unread, u: &Unit) {
    unread.unplaced.push(Unplaced {
        table: Table::T2,
        span: u.label_span(),
        values: false,
    });
    if let Some(span) = u
        .values
        .iter()
        .flatten()
        .map(|t| t.span)
        .reduce(Span::cover)
    {
        unread.unplaced.push(Unplaced {
            table: Table::T2,
            span,
            values: true,
        });
    }
}
