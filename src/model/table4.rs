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
    // The table ends with its row of numbers: text after it is prose.
    if let Some(first) = toks.iter().position(|t| t.kind == TokKind::Value)
        && let Some(after) = toks[first..].iter().position(|t| t.kind == TokKind::Text)
    {
        toks.truncate(first + after);
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
    // The row is the first group with a number; a group of blanks only is
    // an empty row of a header that kept its grid.
    let mut groups = asm
        .orphans
        .iter()
        .filter(|g| g.iter().any(|t| t.kind == TokKind::Value));
    if let Some(g) = groups.next() {
        read_row(cx, &mut t, g);
    }
    for g in groups {
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
        Err(Unreadable::Shape(kind, _)) => kind,
        Err(Unreadable::MaybeRunTogether) => {
            let parts: Vec<Span> = g.iter().map(|t| t.span).collect();
            let cuts: Vec<digits::Cut> = digits::cuts(cx.doc.source, &parts, COLS, 5)
                .unwrap_or_default()
                .into_iter()
                .filter(totals_hold)
                .collect();
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
            if digits < COLS {
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

/// Each group's 总计 is the sum of its four results.
fn totals_hold(cut: &digits::Cut) -> bool {
    cut.len() == COLS
        && (0..3)
            .all(|g| cut[g * 5..g * 5 + 4].iter().map(|c| c.1).sum::<i64>() == cut[g * 5 + 4].1)
}
