//! Outline and folding: the six sections (each running to the next section
//! heading) with the three tables and the sub-headings as children.

use nianbao::model::Report;
use nianbao::schema::Table;
use nianbao::text::Span;
use tower_lsp_server::ls_types::{DocumentSymbol, FoldingRange, FoldingRangeKind, SymbolKind};

use super::analysis::View;
use super::convert::Converter;

struct Block {
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    first: usize,
    last: usize,
    /// The heading (selection) span.
    head: Span,
}

fn clean(s: &str) -> String {
    let t = s
        .trim_matches(|c: char| c == '#' || c == '*' || c.is_whitespace() || c == '\u{3000}')
        .to_string();
    if t.is_empty() {
        "（无标题）".into()
    } else {
        t
    }
}

/// The last non-blank line in `first..=last` (at least `first`).
fn trim_blank(r: &Report, first: usize, last: usize) -> usize {
    (first..=last)
        .rev()
        .find(|&l| r.doc.lines.get(l).is_some_and(|x| !x.is_blank()))
        .unwrap_or(first)
}

fn sections(r: &Report) -> Vec<Block> {
    let n = r.doc.lines.len();
    r.sections
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let next = r.sections.get(i + 1).map(|s| s.line).unwrap_or(n);
            let last = trim_blank(r, h.line, next.saturating_sub(1).max(h.line));
            Block {
                name: clean(r.text(h.span)),
                detail: h
                    .matched
                    .and_then(|m| {
                        ["一", "二", "三", "四", "五", "六"].get((m as usize).checked_sub(1)?)
                    })
                    .map(|n| format!("第{n}部分")),
                kind: SymbolKind::NAMESPACE,
                first: h.line,
                last,
                head: h.span,
            }
        })
        .collect()
}

/// `表二 主动公开政府信息情况`: the schema's name and title of a table.
fn table_name(t: Table) -> String {
    [t.short(), " ", t.title()].concat()
}

fn tables(r: &Report) -> Vec<Block> {
    let line_span = |l: usize| r.doc.lines.get(l).map(|x| x.span).unwrap_or_default();
    r.tables()
        .iter()
        .map(|t| Block {
            name: table_name(t.table),
            detail: t.version.map(|v| format!("{} 格式", v.label())),
            kind: SymbolKind::STRUCT,
            first: t.lines.first,
            last: t.lines.last,
            head: line_span(t.lines.first),
        })
        .collect()
}

fn subheadings(r: &Report) -> Vec<(usize, Block)> {
    let n = r.doc.lines.len();
    r.subsections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let section_end = r.sections.get(s.section + 1).map(|x| x.line).unwrap_or(n);
            let next = r
                .subsections
                .get(i + 1)
                .filter(|x| x.section == s.section)
                .map(|x| x.line)
                .unwrap_or(section_end);
            let last = trim_blank(r, s.line, next.saturating_sub(1).max(s.line));
            (
                s.section,
                Block {
                    name: clean(r.text(s.span)),
                    detail: None,
                    kind: SymbolKind::OBJECT,
                    first: s.line,
                    last,
                    head: s.span,
                },
            )
        })
        .collect()
}

#[allow(deprecated)]
fn symbol(conv: &Converter, b: &Block, children: Vec<DocumentSymbol>) -> DocumentSymbol {
    let range = conv.lines_range(b.first, b.last);
    let mut selection = conv.range(b.head);
    if selection.start < range.start || selection.end > range.end {
        selection = range;
    }
    DocumentSymbol {
        name: b.name.clone(),
        detail: b.detail.clone(),
        kind: b.kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn document_symbols(view: &View) -> Vec<DocumentSymbol> {
    let conv = view.conv();
    let Some(r) = view.report() else {
        return Vec::new();
    };
    let secs = sections(r);
    let mut tabs: Vec<Option<Block>> = tables(r).into_iter().map(Some).collect();
    let mut subs: Vec<Option<(usize, Block)>> = subheadings(r).into_iter().map(Some).collect();
    let mut out = Vec::new();
    // Tables before the first section stay at the top level.
    for t in tabs.iter_mut() {
        if t.as_ref()
            .is_some_and(|b| secs.first().is_none_or(|s| b.first < s.first))
            && let Some(b) = t.take()
        {
            out.push(symbol(&conv, &b, Vec::new()));
        }
    }
    for (i, s) in secs.iter().enumerate() {
        let mut children: Vec<(usize, DocumentSymbol)> = Vec::new();
        let mut last = s.last;
        for t in tabs.iter_mut() {
            // A table belongs to the section it starts in.
            let here =
                |b: &Block| b.first > s.first && secs.get(i + 1).is_none_or(|n| b.first < n.first);
            if t.as_ref().is_some_and(here)
                && let Some(b) = t.take()
            {
                last = last.max(b.last);
                children.push((b.first, symbol(&conv, &b, Vec::new())));
            }
        }
        for sub in subs.iter_mut() {
            if sub.as_ref().is_some_and(|(sec, _)| *sec == i)
                && let Some((_, b)) = sub.take()
            {
                let b = Block {
                    last: b.last.min(last),
                    ..b
                };
                children.push((b.first, symbol(&conv, &b, Vec::new())));
            }
        }
        children.sort_by_key(|(l, _)| *l);
        let block = Block {
            name: s.name.clone(),
            detail: s.detail.clone(),
            kind: s.kind,
            first: s.first,
            last,
            head: s.head,
        };
        out.push(symbol(
            &conv,
            &block,
            children.into_iter().map(|(_, c)| c).collect(),
        ));
    }
    // Tables no section claimed (e.g. a table after a heading that is not
    // one of the six) go at the top level.
    for b in tabs.into_iter().flatten() {
        out.push(symbol(&conv, &b, Vec::new()));
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

pub fn folding_ranges(view: &View) -> Vec<FoldingRange> {
    let Some(r) = view.report() else {
        return Vec::new();
    };
    let mut out: Vec<FoldingRange> = sections(r)
        .into_iter()
        .chain(tables(r))
        .chain(subheadings(r).into_iter().map(|(_, b)| b))
        .filter(|b| b.last > b.first)
        .map(|b| FoldingRange {
            start_line: u32::try_from(b.first).unwrap_or(u32::MAX),
            start_character: None,
            end_line: u32::try_from(b.last).unwrap_or(u32::MAX),
            end_character: None,
            kind: Some(FoldingRangeKind::Region),
            collapsed_text: None,
        })
        .collect();
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out
}
