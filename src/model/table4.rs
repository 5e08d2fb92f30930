//! Table 四 (政府信息公开行政复议、行政诉讼情况): a header of three levels,
//! often broken into pieces, and one row of fifteen numbers.

use super::Cx;
use super::assemble::{self, Params};
use super::cells::{self, Unreadable};
use super::digits;
use super::labels::HeaderWords;
use super::report::{
    BoundCell, BoundRow, ShapeIssue, ShapeKind, Style, Table, Table4, Unplaced, Unread, Value,
};
use super::stream::{self, Tok, TokKind};
use crate::schema::{self, TABLE4_COLUMNS, ValueKind};
use crate::syntax::{Cell, Separator};
use crate::text::Span;

const COLS: usize = TABLE4_COLUMNS.len();

fn headers() -> &'static HeaderWords {
    static H: std::sync::OnceLock<HeaderWords> = std::sync::OnceLock::new();
    H.get_or_init(|| {
        let mut words: Vec<&str> = schema::TABLE4_HEADER_WORDS.to_vec();
        words.extend(["总计", "合计", "结果", "其他", "直接起诉"]);
        HeaderWords::new(&words, &[], &schema::TABLE4_HEADER_WORDS)
    })
}

/// Reads table 四 from its header line `start`; returns it and the line
/// after it.
pub fn read(cx: &mut Cx, start: usize) -> (Table4, usize) {
    let doc = cx.doc;
    let (mut toks, end) = stream::region_tokens(doc, start, Table::T4);
    cx.looked_until = end;
    // The table ends with its row of numbers: text after it is prose, but
    // for the header of the next group of a table written one group at a
    // time (`行政诉讼（未经复议直接起诉）` over its own five columns).
    if let Some(first) = toks.iter().position(|t| t.kind == TokKind::Value) {
        let mut norm = super::labels::NormText::default();
        let after = toks[first..].iter().position(|t| {
            t.kind == TokKind::Text && {
                norm.fill(doc.source, t.span);
                !headers().covers(&norm.chars)
            }
        });
        if let Some(after) = after {
            toks.truncate(first + after);
        }
    }
    let params = Params {
        defs: &[],
        headers: headers(),
        min_unnumbered: 4,
        firsts: &[],
    };
    let asm = assemble::assemble(doc.source, &params, &toks);
    let mut t = Table4 {
        header_line: start,
        lines: (start, start),
        row: None,
        style: match doc.lines[start].sep {
            Separator::Tab => Style::Tab,
            Separator::Pipe => Style::Pipe,
            _ => Style::Space,
        },
        unread: Unread::default(),
    };
    // The row is the first group with a number, or the groups of a table
    // written one group at a time, each under its name; a group of blanks
    // only is an empty row of a header that kept its grid.
    let with_values: Vec<&Vec<Tok>> = asm
        .orphans
        .iter()
        .filter(|g| g.iter().any(|t| t.kind == TokKind::Value))
        .collect();
    let rest: &[&Vec<Tok>] = match (
        by_group(doc.source, &toks, &with_values),
        with_values.split_first(),
    ) {
        (Some(row), _) => {
            read_row(cx, &mut t, &row);
            &[]
        }
        (None, Some((g, rest))) => {
            read_row(cx, &mut t, g);
            rest
        }
        (None, None) => {
            t.row = blank_row(cx, start, end);
            &[]
        }
    };
    for g in rest {
        if let Some(span) = g.iter().map(|t| t.span).reduce(Span::cover) {
            t.unread.unplaced.push(Unplaced {
                table: Table::T4,
                span,
                values: true,
            });
        }
    }
    for s in &asm.stray {
        t.unread.unplaced.push(Unplaced {
            table: Table::T4,
            span: *s,
            values: false,
        });
    }
    // The table ends with its row; later lines were only looked at.
    let last = t
        .row
        .as_ref()
        .map(|r| {
            r.extra_lines
                .iter()
                .copied()
                .chain([r.line])
                .max()
                .unwrap_or(r.line)
        })
        .or_else(|| {
            cx.shape
                .iter()
                .rev()
                .find(|s| s.table == Table::T4)
                .map(|s| s.line)
        })
        .unwrap_or_else(|| header_end(&toks[..asm.consumed], start));
    t.lines = (start, last.max(start));
    for l in start..=t.lines.1.min(doc.lines.len().saturating_sub(1)) {
        cx.consumed[l] = true;
    }
    let next = t.lines.1 + 1;
    (t, next)
}

/// The row of a table written one group at a time (行政复议, 未经复议直接起诉,
/// 复议后起诉 as separate tables of five columns, or 行政复议 and 行政诉讼 of
/// five and ten): groups of five cells each, in the official order, each
/// after text naming its first group (the first: naming no other). `None`
/// when the groups are not that.
fn by_group(src: &str, toks: &[Tok], groups: &[&Vec<Tok>]) -> Option<Vec<Tok>> {
    if groups.len() < 2 {
        return None;
    }
    let sizes: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if sizes.iter().sum::<usize>() != COLS || sizes.iter().any(|n| n % 5 != 0) {
        return None;
    }
    let mut first_group = 0;
    let mut from = 0;
    for g in groups {
        let begin = g.first()?.span.start;
        // The text between the previous group and this one names it.
        let named: String = toks
            .iter()
            .filter(|t| t.kind == TokKind::Text && t.span.start >= from && t.span.end <= begin)
            .map(|t| crate::text::normalize_label(&src[t.span.range()]))
            .collect();
        let ok = match first_group {
            // The table may start at the first group's own header, its name
            // standing just before the table.
            0 => !named.contains("起诉"),
            1 => named.contains("直接起诉") || named.contains("未经复议"),
            _ => named.contains("复议后"),
        };
        if !ok {
            return None;
        }
        first_group += g.len() / 5;
        from = g.last()?.span.end;
    }
    Some(groups.iter().flat_map(|g| g.iter().copied()).collect())
}

/// A row of fifteen blank cells under the header (a blank template, a copy
/// of a Word table nobody filled in): a row, read blank, for empty-cell to
/// report, not a table without one. A sixteenth blank cell is the label
/// column when the header leaves one; else which cell is which cannot be
/// told and the blanks are only read (`inferred`), never written into.
fn blank_row(cx: &Cx, start: usize, end: usize) -> Option<BoundRow> {
    let doc = cx.doc;
    let label_column = doc.lines[start].cells.first().is_some_and(|c| c.is_blank());
    let (line, l) = doc
        .lines
        .iter()
        .enumerate()
        .take(end.min(doc.lines.len()))
        .skip(start + 1)
        .find(|(_, l)| {
            l.sep.has_cells()
                && l.cells.iter().all(|c| c.is_blank())
                && (COLS..=COLS + 1).contains(&l.cells.len())
        })?;
    let skip = l.cells.len() - COLS;
    let sure = skip == 0 || label_column;
    Some(BoundRow {
        def: 0,
        line,
        extra_lines: Vec::new(),
        label: Span::empty(l.span.start),
        cells: l.cells[skip..]
            .iter()
            .map(|c| BoundCell {
                cell: *c,
                value: Value::Blank,
                inferred: !sure,
            })
            .collect(),
    })
}

/// The last line of header words (the table has no row of numbers).
fn header_end(toks: &[Tok], start: usize) -> usize {
    toks.iter()
        .filter(|t| t.kind == TokKind::Text)
        .map(|t| t.line)
        .max()
        .unwrap_or(start)
}

fn read_row(cx: &mut Cx, t: &mut Table4, g: &[Tok]) {
    let kinds = [ValueKind::Count; COLS];
    let line = g.first().map(|t| t.line).unwrap_or(t.header_line);
    let mut extra: Vec<usize> = g.iter().map(|t| t.line).filter(|l| *l != line).collect();
    extra.dedup();
    let row = |cells: Vec<BoundCell>| BoundRow {
        def: 0,
        line,
        extra_lines: extra.clone(),
        label: Span::empty(cx.doc.lines[line].span.start),
        cells,
    };
    let span = g
        .iter()
        .map(|t| t.span)
        .reduce(Span::cover)
        .unwrap_or_default();
    let found = g.iter().filter(|t| t.kind == TokKind::Value).count();
    let why = match cells::read_group(cx.doc.source, g, &kinds) {
        Ok(cells) => {
            t.row = Some(row(cells));
            return;
        }
        // More numbers than columns where the text shows no cells (a PDF
        // broke a number over two lines): unread, not the draft's defect.
        Err(Unreadable::Shape(ShapeKind::Count, n)) if n > COLS && g.iter().all(|t| !t.cells) => {
            ShapeKind::Scattered
        }
        Err(Unreadable::Shape(kind, _)) => kind,
        Err(Unreadable::MaybeRunTogether) => {
            let parts: Vec<Span> = g.iter().map(|t| t.span).collect();
            let mut cuts: Vec<digits::Cut> = digits::cuts(cx.doc.source, &parts, COLS, 5)
                .unwrap_or_default()
                .into_iter()
                .filter(totals_hold)
                .collect();
            // Digits that split only one way are read that way, even when
            // the group totals then fail: table-sum has a finding to make.
            if cuts.is_empty() {
                cuts = digits::cuts(cx.doc.source, &parts, COLS, 0)
                    .filter(|all| all.len() == 1)
                    .unwrap_or_default();
            }
            if let [cut] = cuts.as_slice() {
                t.row = Some(row(cut
                    .iter()
                    .map(|(s, v)| BoundCell {
                        cell: Cell {
                            raw: *s,
                            content: *s,
                        },
                        value: Value::Int(*v),
                        inferred: true,
                    })
                    .collect()));
                t.unread.split_rows += 1;
                return;
            }
            let digits: usize = g.iter().map(|t| cx.doc.text(t.span).chars().count()).sum();
            if typed(cx, t.header_line, g) {
                ShapeKind::Count
            } else if digits < COLS {
                ShapeKind::BlanksLost
            } else {
                ShapeKind::DigitsRunTogether
            }
        }
    };
    cx.shape.push(ShapeIssue {
        table: Table::T4,
        line,
        span,
        label: String::new(),
        found,
        expected: COLS,
        kind: why,
    });
}

/// A row typed in aligned columns under a header that names every column on
/// one line (`结果维持  结果纠正 … 总计`, fifteen words): the text shows each
/// column, so fewer numbers than columns, none run together, are the
/// draft's own unfinished row (`row-shape`), not blanks a rendering hid.
fn typed(cx: &Cx, header: usize, g: &[Tok]) -> bool {
    let doc = cx.doc;
    let Some(first) = g.first() else {
        return false;
    };
    // Plain numbers, apart: no token holds digits run together.
    let plain = g.iter().all(|t| {
        t.kind != TokKind::Value || {
            let text = doc.text(t.span);
            text.chars().count() <= 4 && !(text.len() > 1 && text.starts_with('0'))
        }
    });
    let line = &doc.lines[first.line];
    let aligned = line.sep == Separator::Space && doc.text(line.inner).contains("  ");
    let header_names_all = (header..first.line).any(|i| {
        let l = &doc.lines[i];
        l.sep == Separator::Space
            && l.cells.len() == COLS
            && l.cells.iter().all(|c| {
                let n = crate::text::normalize_label(doc.text(c.content));
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].contains(&n.as_str())
            })
    });
    plain && aligned && header_names_all && g.iter().all(|t| t.line == first.line)
}

/// Each group's 总计 is the sum of its four results.
fn totals_hold(cut: &digits::Cut) -> bool {
    cut.len() == COLS
        && (0..3)
            .all(|g| cut[g * 5..g * 5 + 4].iter().map(|c| c.1).sum::<i64>() == cut[g * 5 + 4].1)
}
