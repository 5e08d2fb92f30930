//! Table 三 (收到和处理政府信息公开申请情况): its labels assembled from the
//! token stream, each row's seven values read, run-together digits cut by
//! the table's arithmetic.

use super::Cx;
use super::assemble::{self, Assembly, Params, Quality, Unit};
use super::cells::{self, Unreadable};
use super::digits::{self, Cut};
use super::labels::{HeaderWords, numbering_len, table3_defs};
use super::report::{
    BoundCell, BoundRow, LabelVariant, ShapeIssue, ShapeKind, Style, Table, Table3, Unplaced,
    Unread, Value,
};
use super::stream::{self, Tok, TokKind};
use crate::schema::{
    self, RelationKind, RowKind, T3_TOTAL_COL, TABLE3_COLUMNS, TABLE3_ROWS, ValueKind, Version,
};
use crate::syntax::{Cell, Separator};
use crate::text::Span;

const COLS: usize = TABLE3_COLUMNS.len();

fn headers() -> &'static HeaderWords {
    static H: std::sync::OnceLock<HeaderWords> = std::sync::OnceLock::new();
    H.get_or_init(|| {
        let mut words: Vec<&str> = schema::TABLE3_HEADER_WORDS.to_vec();
        words.push(schema::TABLE3_NOTE);
        for c in &TABLE3_COLUMNS {
            words.push(c.label);
            words.extend(c.variants.iter().copied());
        }
        // Group labels written one character per line leave their
        // characters, numbering included, among the rows.
        let groups: Vec<String> = TABLE3_ROWS
            .iter()
            .filter(|r| r.kind == RowKind::Group)
            .map(|r| r.full_label())
            .collect();
        let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
        HeaderWords::new(&words, &[schema::TABLE3_NOTE], &groups)
    })
}

/// A row whose values ran together, with the ways to cut them.
struct SplitRow {
    def: usize,
    unit: usize,
    cuts: Vec<Cut>,
    /// The one way to cut the digits at all, when there is one (whatever
    /// the row's total then says).
    forced: Option<Cut>,
}

/// Reads table 三 from `start`; returns it and the line after it.
pub fn read(cx: &mut Cx, start: usize) -> (Table3, usize) {
    let doc = cx.doc;
    let (toks, end) = stream::region_tokens(doc, start, Table::T3);
    cx.looked_until = end;
    let defs = table3_defs();
    let params = Params {
        defs,
        headers: headers(),
        min_unnumbered: 4,
        firsts: super::labels::table3_firsts(),
    };
    let asm = assemble::assemble(doc.source, &params, &toks);
    column_variants(cx, &toks[..asm.consumed]);
    let last_line = toks[..asm.consumed]
        .last()
        .map(|t| t.line)
        .unwrap_or(start)
        .max(start);
    let resolved: Vec<Option<(usize, Quality)>> = asm
        .units
        .iter()
        .map(|u| assemble::resolve(defs, u))
        .collect();
    let (version, version_shown) = version_of(cx, &asm, &resolved);
    let mut table = Table3 {
        version,
        version_shown,
        lines: (start, last_line),
        style: Style::Tab,
        rows: vec![None; TABLE3_ROWS.len()],
        subtotals: Vec::new(),
        unreadable: Vec::new(),
        has_numbers: false,
        unread: Unread::default(),
    };
    let shapes_before = cx.shape.len();
    bind_units(cx, &mut table, &asm, &resolved, start, last_line);
    if scrambled(
        cx.doc.source,
        &toks[..asm.consumed],
        &asm,
        &cx.shape[shapes_before..],
    ) {
        cx.shape.truncate(shapes_before);
        table.unreadable = (0..TABLE3_ROWS.len())
            .filter(|&i| table.rows[i].is_some() || table.unreadable.contains(&i))
            .collect();
        table.rows.iter_mut().for_each(|r| *r = None);
        table.subtotals.clear();
        table.unread.scrambled = true;
        table.unread.split_rows = 0;
    }
    unplaced_leftovers(
        &mut table.unread,
        &asm,
        cx.doc.source,
        &toks[..asm.consumed],
    );
    finish(cx, &mut table, start, last_line);
    (table, last_line + 1)
}

/// Binds each label read to its row: values read, cut by arithmetic, or
/// blank when every number of the table found its row.
fn bind_units(
    cx: &mut Cx,
    table: &mut Table3,
    asm: &Assembly,
    resolved: &[Option<(usize, Quality)>],
    start: usize,
    last_line: usize,
) {
    let version = table.version;
    let shapes_before = cx.shape.len();
    let grid = grid_offset(cx, start, last_line + 1);
    let mut splits = Vec::new();
    let mut no_values = Vec::new();
    for (ui, (u, res)) in asm.units.iter().zip(resolved).enumerate() {
        let Some((def, quality)) = *res else {
            unplaced_unit(&mut table.unread, u);
            continue;
        };
        let def = match TABLE3_ROWS[def].key {
            "other" | "other-group" if version == Version::V2021 => {
                schema::table3_row("other-group").unwrap_or(def)
            }
            "other" | "other-group" => schema::table3_row("other").unwrap_or(def),
            _ => def,
        };
        let d = &TABLE3_ROWS[def];
        if !d.in_version(version) {
            continue;
        }
        if quality != Quality::Exact {
            label_variant(cx, u, def);
        }
        if d.kind == RowKind::Group {
            bind_subtotal(cx, table, u, def, grid);
            continue;
        }
        if table.rows[def].is_some() || table.unreadable.contains(&def) {
            // The same row twice: which one holds the numbers cannot be told.
            unplaced_unit(&mut table.unread, u);
            continue;
        }
        if u.values.is_none() {
            no_values.push((def, ui));
            continue;
        }
        match read_row(cx, u, grid) {
            Ok(cells) => {
                table.rows[def] = Some(bound_row(def, u, cells));
            }
            Err(Unreadable::MaybeRunTogether) => {
                let parts: Vec<Span> = u.values.iter().flatten().map(|t| t.span).collect();
                let cuts = digits::cuts(cx.doc.source, &parts, COLS, COLS).unwrap_or_default();
                let cuts: Vec<Cut> = cuts.into_iter().filter(row_total_holds).collect();
                let forced = if cuts.is_empty() {
                    digits::cuts(cx.doc.source, &parts, COLS, 0)
                        .filter(|all| all.len() == 1)
                        .and_then(|mut all| all.pop())
                } else {
                    None
                };
                splits.push(SplitRow {
                    def,
                    unit: ui,
                    cuts,
                    forced,
                });
            }
            Err(Unreadable::Shape(kind, found)) => {
                shape(cx, table, u, def, kind, found);
            }
        }
    }
    resolve_splits(cx, table, asm, splits);
    // A row with no numbers is blank only when every number of the table
    // found its row: otherwise its numbers may stand elsewhere (a PDF read
    // column by column puts all labels first).
    let clean = asm.orphans.is_empty() && asm.stray.is_empty() && cx.shape.len() == shapes_before;
    for (def, ui) in no_values {
        let u = &asm.units[ui];
        if clean {
            table.rows[def] = Some(bound_row(
                def,
                u,
                cells::blank_cells(u.spans.last().map(|s| s.end).unwrap_or(0), COLS),
            ));
        } else {
            shape(cx, table, u, def, ShapeKind::BlanksLost, 0);
        }
    }
}

/// Numbers and text that found no row.
fn unplaced_leftovers(unread: &mut Unread, asm: &Assembly, src: &str, toks: &[Tok]) {
    for g in asm
        .orphans
        .iter()
        .filter(|g| !stream::is_lone_number(src, toks, g))
    {
        if let (Some(a), Some(b)) = (g.first(), g.last()) {
            unread.unplaced.push(Unplaced {
                table: Table::T3,
                span: a.span.cover(b.span),
                values: true,
            });
        }
    }
    for s in &asm.stray {
        unread.unplaced.push(Unplaced {
            table: Table::T3,
            span: *s,
            values: false,
        });
    }
}

/// Column labels under an unofficial name (`商业机构` for 商业企业), on a
/// header line that shows at least two column labels.
fn column_variants(cx: &mut Cx, toks: &[Tok]) {
    struct Column {
        label: Vec<char>,
        variants: Vec<Vec<char>>,
        official: &'static str,
    }
    static COLUMNS: std::sync::OnceLock<Vec<Column>> = std::sync::OnceLock::new();
    let columns = COLUMNS.get_or_init(|| {
        TABLE3_COLUMNS
            .iter()
            .map(|c| Column {
                label: super::labels::norm_chars(c.label),
                variants: c
                    .variants
                    .iter()
                    .map(|v| super::labels::norm_chars(v))
                    .collect(),
                official: c.label,
            })
            .collect()
    });
    let mut norm = super::labels::NormText::default();
    let mut i = 0;
    while i < toks.len() {
        let line = toks[i].line;
        let j = toks[i..]
            .iter()
            .position(|t| t.line != line)
            .map_or(toks.len(), |p| i + p);
        let mut found = Vec::new();
        let mut columns_seen = 0;
        // Column labels are short: a longer piece is not normalized.
        let short = |t: &&Tok| t.kind == TokKind::Text && t.span.len() <= 24;
        for t in toks[i..j].iter().filter(short) {
            norm.fill(cx.doc.source, t.span);
            let n = &norm.chars;
            for c in columns {
                if c.label == *n {
                    columns_seen += 1;
                } else if c.variants.contains(n) {
                    columns_seen += 1;
                    found.push((t.span, c.official));
                }
            }
        }
        if columns_seen >= 2 {
            for (span, official) in found {
                cx.variants.push(LabelVariant {
                    table: Table::T3,
                    span,
                    found: cx.doc.text(span).to_string(),
                    official: official.to_string(),
                });
            }
        }
        i = j;
    }
}

/// In text without cells of its own, numbers that found no row, a row
/// with more numbers than columns mean
/// the text lost the table's order: no row can be trusted.
fn scrambled(src: &str, toks: &[Tok], asm: &Assembly, shapes: &[ShapeIssue]) -> bool {
    let free = toks.iter().any(|t| t.kind == TokKind::Value && !t.cells);
    let orphans = asm
        .orphans
        .iter()
        .any(|g| !stream::is_lone_number(src, toks, g));
    free && (orphans
        || shapes
            .iter()
            .any(|s| s.kind == ShapeKind::Count && s.found > s.expected))
}

/// The version the table is written in: 2021 when it has the sub-rows of
/// （六）, 2019 when （六） carries numbers of its own, else the report's.
fn version_of(cx: &Cx, asm: &Assembly, resolved: &[Option<(usize, Quality)>]) -> (Version, bool) {
    let key = |i: usize| resolved[i].map(|(d, _)| TABLE3_ROWS[d].key);
    let shows_2021 =
        (0..asm.units.len()).any(|i| matches!(key(i), Some("other1" | "other2" | "other3")));
    let other_has_values = (0..asm.units.len()).any(|i| {
        matches!(key(i), Some("other" | "other-group"))
            && asm.units[i]
                .values
                .iter()
                .flatten()
                .any(|t| t.kind == TokKind::Value)
    });
    if shows_2021 {
        (Version::V2021, true)
    } else if other_has_values {
        (Version::V2019, true)
    } else {
        (cx.fallback_version.unwrap_or(Version::V2019), false)
    }
}

/// The cell index of 自然人 in a header that kept the table's grid: rows
/// whose blank cells are ambiguous are then read by position.
fn grid_offset(cx: &Cx, start: usize, end: usize) -> Option<usize> {
    cx.doc.lines[start..end.min(cx.doc.lines.len())]
        .iter()
        .filter(|l| matches!(l.sep, Separator::Tab | Separator::Pipe))
        .find_map(|l| {
            l.cells
                .iter()
                .position(|c| crate::text::normalize_label(cx.doc.text(c.content)) == "自然人")
        })
}

fn read_row(cx: &Cx, u: &Unit, grid: Option<usize>) -> Result<Vec<BoundCell>, Unreadable> {
    let kinds = [ValueKind::Count; COLS];
    let Some(toks) = &u.values else {
        return Err(Unreadable::Shape(ShapeKind::BlanksLost, 0));
    };
    match cells::read_group(cx.doc.source, toks, &kinds) {
        Err(Unreadable::Shape(ShapeKind::Ambiguous, found)) => {
            grid_reading(cx, toks, grid).ok_or(Unreadable::Shape(ShapeKind::Ambiguous, found))
        }
        other => other,
    }
}

/// Reads a row by the table's grid when the copy kept it: the values sit
/// at the column where the header has 自然人, every label cell is to its
/// left and nothing but blanks follows the last column.
fn grid_reading(cx: &Cx, toks: &[Tok], grid: Option<usize>) -> Option<Vec<BoundCell>> {
    let off = grid?;
    let line = toks.first()?.line;
    if toks.iter().any(|t| t.line != line) {
        return None;
    }
    let cells = &cx.doc.lines[line].cells;
    if cells.len() < off + COLS || cells[off + COLS..].iter().any(|c| !c.is_blank()) {
        return None;
    }
    let row = &cells[off..off + COLS];
    if row
        .iter()
        .any(|c| !super::value::is_value_like(cx.doc.text(c.content)))
    {
        return None;
    }
    Some(
        row.iter()
            .map(|c| BoundCell {
                cell: *c,
                value: super::value::parse_value(cx.doc.text(c.content), ValueKind::Count),
                inferred: false,
            })
            .collect(),
    )
}

fn bound_row(def: usize, u: &Unit, cells: Vec<BoundCell>) -> BoundRow {
    let line = u.lines.first().copied().unwrap_or(0);
    let mut extra: Vec<usize> = u.lines.iter().skip(1).copied().collect();
    for t in u.values.iter().flatten() {
        if t.line != line && !extra.contains(&t.line) {
            extra.push(t.line);
        }
    }
    BoundRow {
        def,
        line,
        extra_lines: extra,
        label: u.label_span(),
        cells,
    }
}

fn bind_subtotal(cx: &mut Cx, table: &mut Table3, u: &Unit, def: usize, grid: Option<usize>) {
    let Some(group) = schema::group_headed_by(TABLE3_ROWS[def].key) else {
        if u.values.iter().flatten().any(|t| t.kind == TokKind::Value) {
            unplaced_values(&mut table.unread, u);
        }
        return;
    };
    if !u.values.iter().flatten().any(|t| t.kind == TokKind::Value) {
        return;
    }
    match read_row(cx, u, grid) {
        Ok(cells) => {
            table.has_numbers |= cells.iter().any(|c| !c.value.is_blankish());
            table.subtotals.push((group, bound_row(def, u, cells)));
        }
        Err(_) => unplaced_values(&mut table.unread, u),
    }
}

fn unplaced_values(unread: &mut Unread, u: &Unit) {
    let toks = u.values.iter().flatten();
    if let Some(span) = toks.map(|t| t.span).reduce(Span::cover) {
        unread.unplaced.push(Unplaced {
            table: Table::T3,
            span,
            values: true,
        });
    }
}

/// A label that could not be told, with its values: neither is guessed at.
fn unplaced_unit(unread: &mut Unread, u: &Unit) {
    // An unfinished group label over other rows holds nothing to place.
    let only_groups = u
        .cands
        .iter()
        .all(|&d| TABLE3_ROWS.get(d).is_some_and(|r| r.kind == RowKind::Group));
    if only_groups && u.values.is_none() {
        return;
    }
    if !u.spans.is_empty() {
        unread.unplaced.push(Unplaced {
            table: Table::T3,
            span: u.label_span(),
            values: false,
        });
    }
    unplaced_values(unread, u);
}

fn label_variant(cx: &mut Cx, u: &Unit, def: usize) {
    // Only a label read on one line can be rewritten in place.
    if u.lines.len() != 1 {
        return;
    }
    let d = &TABLE3_ROWS[def];
    let skip = numbering_len(&u.text);
    let body_is_official = u.text[skip..] == super::labels::norm_chars(d.label)[..];
    // The wording is right but the numbering is not (`4.危及…` for 3.): the
    // whole label is rewritten, else only its wording after the numbering.
    let (from, official) = if body_is_official {
        (0, d.full_label())
    } else {
        (skip, d.label.to_string())
    };
    let (Some(first), Some(last)) = (u.spans.get(from), u.spans.last()) else {
        return;
    };
    let quote = |c: char| "“”\"‘’'*`#《》「」".contains(c);
    // Closing quotes are not read as characters of the label but are part
    // of what is replaced (`…一稳定”`).
    let tail = cx
        .doc
        .text(Span::new(last.end, cx.doc.lines[u.lines[0]].span.end));
    let closing: usize = tail
        .chars()
        .take_while(|c| quote(*c))
        .map(char::len_utf8)
        .sum();
    let span = Span::new(first.start, last.end + closing);
    // Only a label that stands in one piece (nothing but spacing and quotes
    // inside) can be rewritten in place.
    let contiguous = u.spans[from..].windows(2).all(|w| {
        cx.doc
            .text(Span::new(w[0].end, w[1].start.max(w[0].end)))
            .chars()
            .all(|c| crate::text::is_space(c) || quote(c))
    });
    if !contiguous || cx.doc.text(span) == official {
        return;
    }
    cx.variants.push(LabelVariant {
        table: Table::T3,
        span,
        found: cx.doc.text(span).to_string(),
        official,
    });
}

fn shape(cx: &mut Cx, table: &mut Table3, u: &Unit, def: usize, kind: ShapeKind, found: usize) {
    let line = u.lines.first().copied().unwrap_or(0);
    let span = u.row_span();
    cx.shape.push(ShapeIssue {
        table: Table::T3,
        line,
        span,
        label: TABLE3_ROWS[def].full_label(),
        found,
        expected: COLS,
        kind,
    });
    table.unreadable.push(def);
}

fn row_total_holds(cut: &Cut) -> bool {
    cut.len() == COLS && cut[..T3_TOTAL_COL].iter().map(|c| c.1).sum::<i64>() == cut[T3_TOTAL_COL].1
}

/// Accepts the rows whose digits cut one way that keeps their own total;
/// where several ways do, the table's column relations choose, and only a
/// choice every surviving reading agrees on is taken.
fn resolve_splits(cx: &mut Cx, table: &mut Table3, asm: &Assembly, splits: Vec<SplitRow>) {
    let mut multi: Vec<SplitRow> = Vec::new();
    for s in splits {
        match s.cuts.len() {
            1 => {
                let u = &asm.units[s.unit];
                let cells = cut_cells(&s.cuts[0]);
                table.rows[s.def] = Some(bound_row(s.def, u, cells));
                table.unread.split_rows += 1;
            }
            // Digits that split only one way are read that way, even when
            // the row's total then fails: table-sum has a finding to make.
            0 if s.forced.is_some() => {
                let u = &asm.units[s.unit];
                let cells = s.forced.as_ref().map(cut_cells).unwrap_or_default();
                table.rows[s.def] = Some(bound_row(s.def, u, cells));
                table.unread.split_rows += 1;
            }
            0 => {
                let u = &asm.units[s.unit];
                let digits: usize = u
                    .values
                    .iter()
                    .flatten()
                    .map(|t| cx.doc.text(t.span).chars().count())
                    .sum();
                let kind = if digits < COLS && typed(cx, table, u) {
                    ShapeKind::Count
                } else if digits < COLS {
                    ShapeKind::BlanksLost
                } else {
                    ShapeKind::DigitsRunTogether
                };
                let found = u.values.iter().flatten().count();
                shape(cx, table, u, s.def, kind, found);
            }
            _ => multi.push(s),
        }
    }
    if multi.is_empty() {
        return;
    }
    let choices = surviving_choices(table, &multi);
    for (k, s) in multi.iter().enumerate() {
        let u = &asm.units[s.unit];
        match choices.as_ref().and_then(|c| c[k]) {
            Some(pick) => {
                table.rows[s.def] = Some(bound_row(s.def, u, cut_cells(&s.cuts[pick])));
                table.unread.split_rows += 1;
            }
            None => {
                let found = u.values.iter().flatten().count();
                shape(cx, table, u, s.def, ShapeKind::DigitsRunTogether, found);
            }
        }
    }
}

/// A row typed in aligned columns (runs of spaces between plain numbers, on
/// one line) in a table whose other rows show all seven cells each: the text
/// shows every cell, so a row with fewer numbers is the draft's own
/// unfinished row (`row-shape`), not blanks a rendering hid.
fn typed(cx: &Cx, table: &Table3, u: &Unit) -> bool {
    let doc = cx.doc;
    let Some(toks) = &u.values else {
        return false;
    };
    let Some(first) = toks.first() else {
        return false;
    };
    let line = &doc.lines[first.line];
    let plain = toks.iter().all(|t| {
        t.line == first.line && {
            let text = doc.text(t.span);
            text.chars().count() <= 4 && !(text.len() > 1 && text.starts_with('0'))
        }
    });
    let complete = table
        .rows
        .iter()
        .flatten()
        .filter(|r| !r.has_inferred() && doc.lines[r.line].sep == Separator::Space)
        .count();
    plain && line.sep == Separator::Space && doc.text(line.inner).contains("  ") && complete >= 5
}

/// For each multi-way row, the cut every combination satisfying the column
/// relations agrees on (None when they disagree or none survives).
fn surviving_choices(table: &Table3, multi: &[SplitRow]) -> Option<Vec<Option<usize>>> {
    let product = multi
        .iter()
        .try_fold(1usize, |p, s| p.checked_mul(s.cuts.len()))?;
    if product > 4096 {
        return None;
    }
    let rels: Vec<&schema::Relation> = schema::relations(table.version)
        .iter()
        .filter(|r| matches!(r.kind, RelationKind::Balance | RelationKind::ColumnTotal))
        .collect();
    let mut agreed: Vec<Option<Option<usize>>> = vec![None; multi.len()];
    let mut pick = vec![0usize; multi.len()];
    let mut any = false;
    for mut n in 0..product {
        for (k, s) in multi.iter().enumerate() {
            pick[k] = n % s.cuts.len();
            n /= s.cuts.len();
        }
        let value = |row: usize, col: usize| -> Option<i64> {
            if let Some(k) = multi.iter().position(|s| s.def == row) {
                return Some(multi[k].cuts[pick[k]][col].1);
            }
            table.rows[row].as_ref()?.cells.get(col)?.value.addend()
        };
        let holds = rels.iter().all(|r| {
            let side = |cells: &[schema::CellRef]| -> Option<i64> {
                cells.iter().try_fold(0i64, |acc, c| match c {
                    schema::CellRef::T3 { row, col } => Some(acc + value(*row, *col)?),
                    schema::CellRef::T4 { .. } => None,
                })
            };
            match (side(&r.left), side(&r.right)) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
        });
        if !holds {
            continue;
        }
        any = true;
        for k in 0..multi.len() {
            agreed[k] = match agreed[k] {
                None => Some(Some(pick[k])),
                Some(Some(p)) if p == pick[k] => Some(Some(p)),
                _ => Some(None),
            };
        }
    }
    any.then(|| agreed.into_iter().map(Option::flatten).collect())
}

fn cut_cells(cut: &Cut) -> Vec<BoundCell> {
    cut.iter()
        .map(|(span, v)| BoundCell {
            cell: Cell {
                raw: *span,
                content: *span,
            },
            value: Value::Int(*v),
            inferred: true,
        })
        .collect()
}

fn finish(cx: &mut Cx, table: &mut Table3, start: usize, last_line: usize) {
    let bound: Vec<&BoundRow> = table.rows.iter().flatten().collect();
    table.has_numbers |= bound
        .iter()
        .any(|r| r.cells.iter().any(|c| !c.value.is_blankish()))
        || !table.unreadable.is_empty();
    let mut lines: Vec<usize> = bound.iter().map(|r| r.line).collect();
    let n = lines.len();
    lines.sort_unstable();
    lines.dedup();
    table.unread.rows_share_lines = lines.len() < n;
    table.style = bound
        .first()
        .map(|r| match cx.doc.lines[r.line].sep {
            Separator::Tab => Style::Tab,
            Separator::Pipe => Style::Pipe,
            _ => Style::Space,
        })
        .unwrap_or(Style::Tab);
    for l in start..=last_line.min(cx.doc.lines.len().saturating_sub(1)) {
        cx.consumed[l] = true;
    }
}
