//! Inlay hints: the column name before each value of a tab or pipe row of
//! tables 二/三/四 (`自然人:`), and the computed value after a total that does
//! not hold (`= 4`). Each kind can be switched off in the settings.

use std::collections::BTreeMap;

use nianbao::Lang;
use nianbao::arith::{self, Status};
use nianbao::syntax::Separator;
use tower_lsp_server::ls_types::{
    InlayHint, InlayHintKind, InlayHintLabel, InlayHintTooltip, Range,
};

use super::analysis::View;
use super::cells;

pub fn inlay_hints(view: &View, range: Range) -> Vec<InlayHint> {
    let conv = view.conv();
    let cfg = &view.config;
    if !cfg.column_names && !cfg.computed_totals {
        return Vec::new();
    }
    let wanted = conv.span(range);
    let inside = |offset: usize| wanted.start <= offset && offset <= wanted.end;
    let Some(report) = view.report() else {
        return Vec::new();
    };
    let mut out: Vec<(usize, InlayHint)> = Vec::new();
    if cfg.column_names {
        for c in cells::all_cells(report) {
            let sep = report.doc.lines.get(c.line).map(|l| l.sep);
            if !sep.is_some_and(Separator::has_cells) || c.column.is_empty() {
                continue;
            }
            let at = c.cell.cell.content.start;
            if !inside(at) {
                continue;
            }
            out.push((
                at,
                InlayHint {
                    position: conv.position(at),
                    label: InlayHintLabel::String(format!("{}:", c.column)),
                    kind: Some(InlayHintKind::PARAMETER),
                    text_edits: None,
                    tooltip: None,
                    padding_left: None,
                    padding_right: Some(true),
                    data: None,
                },
            ));
        }
    }
    if cfg.computed_totals {
        // Per total cell: the values its failed relations want.
        let mut wants: BTreeMap<usize, (Vec<i64>, Vec<String>)> = BTreeMap::new();
        for e in arith::evaluate(report) {
            let Status::Fails { left, .. } = e.status else {
                continue;
            };
            let [total] = e.rel.right[..] else { continue };
            let Some(span) = arith::span_of(report, total) else {
                continue;
            };
            let entry = wants.entry(span.end).or_default();
            if !entry.0.contains(&left) {
                entry.0.push(left);
            }
            let (zh, en) = arith::describe(&e.rel);
            entry.1.push(if cfg.lang == Lang::En { en } else { zh });
        }
        for (at, (values, why)) in wants {
            if !inside(at) {
                continue;
            }
            let shown: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            out.push((
                at,
                InlayHint {
                    position: conv.position(at),
                    label: InlayHintLabel::String(format!("= {}", shown.join(" / "))),
                    kind: Some(InlayHintKind::TYPE),
                    text_edits: None,
                    tooltip: Some(InlayHintTooltip::String(why.join("\n"))),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, h)| h).collect()
}
