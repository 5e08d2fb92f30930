//! Hover: on a table cell, its name and, for a total, the computation of
//! every relation it is the total of (✓ or ✗ with the current value); on a
//! row label of table 三, the official wording and meaning; on a column
//! header, the column's meaning.

use nianbao::Lang;
use nianbao::arith::{self, Evaluated, Lookup, Status};
use nianbao::model::{Report, Table};
use nianbao::schema::{CellRef, RelationKind, TABLE3_COLUMNS, TABLE3_ROWS};
use nianbao::text::Span;
use nianbao::text::normalize_label;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::analysis::View;
use super::cells::{self, Located};

fn within(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

pub fn hover(view: &View, pos: Position) -> Option<Hover> {
    let conv = view.conv();
    let offset = conv.offset(pos);
    let report = view.report()?;
    let lang = view.config.lang;
    let (value, span) = if let Some(cell) = cells::cell_at(report, offset) {
        (cell_hover(report, &cell, lang), cell.hit_span())
    } else if let Some(x) = label_hover(report, offset) {
        x
    } else {
        header_hover(report, offset)?
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(conv.range(span)),
    })
}

/// The value of a cell as the arithmetic reads it, for display.
fn shown(report: &Report, cell: CellRef, is_total: bool) -> (String, Option<i64>) {
    match arith::cell_of(report, cell) {
        Lookup::Cell(c) => {
            if is_total && c.value.is_blankish() {
                ("（空）".into(), None)
            } else {
                match c.value.addend() {
                    Some(v) => (v.to_string(), Some(v)),
                    None => (format!("“{}”", report.text(c.cell.content)), None),
                }
            }
        }
        Lookup::RowMissing if !is_total => ("0".into(), Some(0)),
        _ => ("?".into(), None),
    }
}

/// What to call the total side of a relation.
fn total_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::RowTotal | RelationKind::ReviewTotal => "总计",
        RelationKind::ColumnTotal => "（七）总计",
        RelationKind::Balance => "（七）总计 + 结转下年度继续办理",
        RelationKind::GroupSubtotal => "小计",
    }
}

fn computation(report: &Report, e: &Evaluated, lang: Lang) -> String {
    let (dz, de) = arith::describe(&e.rel);
    let heading = if lang == Lang::En { de } else { dz };
    let left: Vec<(String, Option<i64>)> = e
        .rel
        .left
        .iter()
        .map(|c| shown(report, *c, false))
        .collect();
    let right: Vec<(String, Option<i64>)> = e
        .rel
        .right
        .iter()
        .map(|c| shown(report, *c, true))
        .collect();
    let terms: Vec<&str> = left.iter().map(|(s, _)| s.as_str()).collect();
    let sum: Option<i64> = left
        .iter()
        .try_fold(0i64, |acc, (_, v)| v.map(|v| acc.saturating_add(v)));
    let sum_text = sum.map(|s| s.to_string()).unwrap_or_else(|| "?".into());
    let current = right
        .iter()
        .map(|(s, _)| s.as_str())
        .collect::<Vec<_>>()
        .join(" + ");
    let verdict = match &e.status {
        Status::Holds => "✓".to_string(),
        Status::Fails { right, .. } => match lang {
            Lang::Zh => format!(
                "✗（当前为 {current}{}）",
                if e.rel.right.len() > 1 {
                    format!(" = {right}")
                } else {
                    String::new()
                }
            ),
            Lang::En => format!("✗ (currently {current})"),
        },
        Status::Skipped => match lang {
            Lang::Zh => format!("（未检查：当前为 {current}）"),
            Lang::En => format!("(not checked: currently {current})"),
        },
    };
    format!(
        "{heading}\n\n`{} = {} = {sum_text}` {verdict}",
        total_name(e.rel.kind),
        terms.join(" + ")
    )
}

fn cell_hover(report: &Report, cell: &Located, lang: Lang) -> String {
    let mut out = String::new();
    match cell.cref {
        Some(cref) => {
            let (zh, en) = arith::cell_name(cref);
            out.push_str(&format!("**{}**", if lang == Lang::En { en } else { zh }));
        }
        None => {
            let row = report.text(cell.row.label);
            out.push_str(&format!("**表二“{row}”行“{}”列**", cell.column));
        }
    }
    if cell.table == Table::T3
        && let Some(c) = TABLE3_COLUMNS.iter().find(|c| c.label == cell.column)
    {
        out.push_str(&format!("\n\n{}：{}", c.label, c.meaning));
    }
    if let Some(cref) = cell.cref {
        let evals = arith::evaluate(report);
        for e in evals.iter().filter(|e| e.rel.right.contains(&cref)) {
            out.push_str("\n\n---\n\n");
            out.push_str(&computation(report, e, lang));
        }
    }
    out
}

fn label_hover(report: &Report, offset: usize) -> Option<(String, Span)> {
    let t3 = report.table3.as_ref()?;
    let rows = t3
        .rows
        .iter()
        .flatten()
        .chain(t3.subtotals.iter().map(|(_, r)| r));
    for row in rows {
        if row.label.is_empty() || !within(row.label, offset) {
            continue;
        }
        let d = TABLE3_ROWS.get(row.def)?;
        let official = d.full_label();
        let written = report.text(row.label);
        let mut s = format!("**{official}**\n\n{}", d.meaning);
        if normalize_label(written) != normalize_label(&official) {
            s.push_str(&format!(
                "\n\n官方表述：“{official}”；本文写作“{written}”。"
            ));
        }
        let versions = match (d.in_2019, d.in_2021) {
            (true, true) => "2019、2021 格式",
            (true, false) => "仅 2019 格式",
            (false, true) => "仅 2021 格式",
            (false, false) => "",
        };
        s.push_str(&format!("\n\n（表三 · {versions}）"));
        return Some((s, row.label));
    }
    None
}

fn header_hover(report: &Report, offset: usize) -> Option<(String, Span)> {
    let t3 = report.table3.as_ref()?;
    let line = report
        .doc
        .lines
        .iter()
        .enumerate()
        .skip(t3.lines.0)
        .take(t3.lines.1.saturating_sub(t3.lines.0) + 1)
        .find(|(_, l)| within(l.span, offset))?
        .1;
    let cell = line.cells.iter().find(|c| within(c.content, offset))?;
    let name = normalize_label(report.text(cell.content));
    let col = TABLE3_COLUMNS
        .iter()
        .find(|c| c.label == name || c.variants.contains(&name.as_str()))?;
    let mut s = format!("**{}**（表三列）\n\n{}", col.label, col.meaning);
    if col.label != name {
        s.push_str(&format!("\n\n官方表述：“{}”。", col.label));
    }
    Some((s, cell.content))
}
