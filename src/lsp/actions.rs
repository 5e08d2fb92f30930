//! Code actions: one quick fix per finding that has a fix (safe ones
//! preferred, unsafe ones marked for review), "fill the whole table's blank
//! cells with 0", and `source.fixAll.nianbao`, which applies every safe fix
//! and re-lints until nothing changes.

use std::collections::HashMap;

use nianbao::diagnostic::{Diagnostic, Edit, apply_fixes};
use nianbao::model::{Report, Table};
use nianbao::text::{Span, apply_edits, floor_char_boundary};
use nianbao::{Lang, lint};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::analysis::View;
use super::convert::Converter;
use super::diagnostics::to_lsp;

pub const FIX_ALL: &str = "source.fixAll.nianbao";

/// Re-lint rounds for fix-all: fixes that overlap wait for the next round.
const MAX_ROUNDS: usize = 10;

fn unsafe_marker(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（需核对）",
        Lang::En => " (check the result)",
    }
}

/// Whether a kind is requested by `only` (a kind covers its sub-kinds).
fn wanted(only: &Option<Vec<CodeActionKind>>, kind: &str) -> bool {
    match only {
        None => true,
        Some(list) => list.iter().any(|k| {
            let k = k.as_str();
            kind == k || kind.strip_prefix(k).is_some_and(|r| r.starts_with('.'))
        }),
    }
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

fn text_edits(conv: &Converter, edits: &[Edit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit {
            range: conv.range(e.span),
            new_text: e.text.clone(),
        })
        .collect()
}

fn touches(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Which table a line belongs to.
fn table_of(r: &Report, line: usize) -> Option<Table> {
    r.tables()
        .iter()
        .find(|t| t.lines.contains(line))
        .map(|t| t.table)
}

fn table_name(t: Table, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => t.short(),
        Lang::En => t.short_en(),
    }
}

/// Whether the client's diagnostics name this finding (via our `data`).
fn named_in_context(d: &Diagnostic, params: &CodeActionParams) -> bool {
    params.context.diagnostics.iter().any(|c| {
        c.data.as_ref().is_some_and(|data| {
            data.get("rule").and_then(|v| v.as_str()) == Some(d.rule)
                && data.get("start").and_then(|v| v.as_u64()) == Some(d.span.start as u64)
                && data.get("end").and_then(|v| v.as_u64()) == Some(d.span.end as u64)
        })
    })
}

pub fn code_actions(view: &View, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let conv = view.conv();
    let uri = view.uri();
    let cfg = &view.config;
    let lang = cfg.lang;
    let version = view.snap.version;
    let diags = &view.analysis.diagnostics;
    let requested = conv.span(params.range);
    let only = &params.context.only;
    let mut out = Vec::new();

    if wanted(only, CodeActionKind::QUICKFIX.as_str()) {
        let selected: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.fix.is_some())
            .filter(|d| touches(d.span, requested) || named_in_context(d, params))
            .collect();
        let mut quick: Vec<(bool, CodeAction)> = Vec::new();
        for d in &selected {
            let Some(fix) = &d.fix else { continue };
            let safe = fix.is_safe();
            let mut title = fix.message.get(lang).to_string();
            if !safe {
                title.push_str(unsafe_marker(lang));
            }
            quick.push((
                safe,
                CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(
                        d,
                        &conv,
                        uri,
                        cfg,
                        version,
                        view.analysis.last_year.as_deref(),
                    )]),
                    edit: Some(edit_of(uri, text_edits(&conv, &fix.edits))),
                    is_preferred: safe.then_some(true),
                    ..Default::default()
                },
            ));
        }
        // Safe fixes first; otherwise keep the findings' order.
        quick.sort_by_key(|(safe, _)| !*safe);
        out.extend(
            quick
                .into_iter()
                .map(|(_, a)| CodeActionOrCommand::CodeAction(a)),
        );

        // Fill every blank cell of a table at once.
        if selected.iter().any(|d| d.rule == "empty-cell") {
            let Some(report) = view.report() else {
                return out;
            };
            let mut done: Vec<Table> = Vec::new();
            for d in selected.iter().filter(|d| d.rule == "empty-cell") {
                let Some(table) = table_of(report, conv.line_of(d.span.start)) else {
                    continue;
                };
                if done.contains(&table) {
                    continue;
                }
                done.push(table);
                if let Some(a) = fill_table(view, &conv, report, table) {
                    out.push(CodeActionOrCommand::CodeAction(a));
                }
            }
        }
    }

    let fix_all_requested = match only {
        None => diags
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.is_safe())),
        Some(_) => wanted(only, FIX_ALL),
    };
    if fix_all_requested && let Some(a) = fix_all(view, &conv) {
        out.push(CodeActionOrCommand::CodeAction(a));
    }
    out
}

fn fill_table(view: &View, conv: &Converter, report: &Report, table: Table) -> Option<CodeAction> {
    let lang = view.config.lang;
    let group: Vec<&Diagnostic> = view
        .analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule == "empty-cell")
        .filter(|d| table_of(report, conv.line_of(d.span.start)) == Some(table))
        .collect();
    if group.len() < 2 {
        return None;
    }
    let edits: Vec<Edit> = group
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    let pairs: Vec<(Span, &str)> = edits.iter().map(|e| (e.span, e.text.as_str())).collect();
    // Refuse rather than send overlapping edits.
    apply_edits(view.text(), &pairs)?;
    let name = table_name(table, lang);
    let title = match lang {
        Lang::Zh => format!(
            "将{name}全部 {} 个空单元格填为 0{}",
            edits.len(),
            unsafe_marker(lang)
        ),
        Lang::En => format!(
            "fill all {} blank cells of {name} with 0{}",
            edits.len(),
            unsafe_marker(lang)
        ),
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(
            group
                .iter()
                .map(|d| {
                    to_lsp(
                        d,
                        conv,
                        view.uri(),
                        &view.config,
                        view.snap.version,
                        view.analysis.last_year.as_deref(),
                    )
                })
                .collect(),
        ),
        edit: Some(edit_of(view.uri(), text_edits(conv, &edits))),
        ..Default::default()
    })
}

/// Applies every safe fix, re-linting until no safe fix is left (or
/// [`MAX_ROUNDS`]). Returns the new text and the number of fixes applied.
pub fn fix_all_text(text: &str, options: &nianbao::LintOptions) -> Option<(String, usize)> {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let diags = lint(&current, options);
        let (next, n) = apply_fixes(&current, &diags, false);
        if n == 0 || next == current {
            break;
        }
        current = next;
        applied += n;
    }
    (applied > 0 && current != text).then_some((current, applied))
}

/// One edit turning `old` into `new`: the differing middle, on char
/// boundaries.
pub fn minimal_edit(old: &str, new: &str) -> (Span, String) {
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let mut prefix = floor_char_boundary(old, prefix);
    while !new.is_char_boundary(prefix) {
        prefix -= 1;
        prefix = floor_char_boundary(old, prefix);
    }
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while suffix > 0
        && !(old.is_char_boundary(old.len() - suffix) && new.is_char_boundary(new.len() - suffix))
    {
        suffix -= 1;
    }
    (
        Span::new(prefix, old.len() - suffix),
        new[prefix..new.len() - suffix].to_string(),
    )
}

fn fix_all(view: &View, conv: &Converter) -> Option<CodeAction> {
    if !view.analysis.linted() {
        return None;
    }
    let (fixed, n) = fix_all_text(view.text(), &view.analysis.options)?;
    let (span, text) = minimal_edit(view.text(), &fixed);
    let title = match view.config.lang {
        Lang::Zh => format!("nianbao：应用全部安全修复（{n} 处）"),
        Lang::En => format!("nianbao: apply all safe fixes ({n})"),
    };
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(edit_of(
            view.uri(),
            vec![TextEdit {
                range: conv.range(span),
                new_text: text,
            }],
        )),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edit_is_minimal_and_exact() {
        for (old, new) in [
            ("abc", "abc"),
            ("abc", "aXc"),
            ("年报一", "年报二"),
            ("总计\t0\n", "总计\t1\n"),
            ("", "x"),
            ("x", ""),
            ("aaa", "aa"),
            ("😀𠀀", "😀😀𠀀"),
        ] {
            let (span, text) = minimal_edit(old, new);
            let out = apply_edits(old, &[(span, text.as_str())]).unwrap();
            assert_eq!(out, new, "{old:?} → {new:?}");
        }
        let (span, text) = minimal_edit("总计\t0\t5", "总计\t1\t5");
        assert_eq!(text, "1");
        assert_eq!(span.len(), 1);
    }

    #[test]
    fn kinds_requested() {
        let only = Some(vec![CodeActionKind::SOURCE_FIX_ALL]);
        assert!(wanted(&only, FIX_ALL));
        assert!(!wanted(&only, "quickfix"));
        assert!(wanted(&None, "quickfix"));
        let only = Some(vec![CodeActionKind::from("source.fix")]);
        assert!(!wanted(&only, FIX_ALL));
    }
}
