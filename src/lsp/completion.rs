//! Completion: the official rows table 三 still lacks (at the start of a
//! line inside it), the missing section headings (after `六、`), and whole
//! official tables (at the start of a line outside tables). Nothing inside
//! a table cell.

use nianbao::model::{self, BoundRow, Report, Style};
use nianbao::rules::row_like;
use nianbao::schema::{RowKind, SECTIONS, TABLE3_ROWS, Table, Version};
use nianbao::syntax::Separator;
use nianbao::template;
use nianbao::text::Span;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, Position, TextEdit,
};

use super::analysis::View;

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// The table style of the document: its tables', else pipes if any line
/// uses them, else tabs.
pub fn doc_style(r: &Report) -> Style {
    if let Some(t) = &r.table3 {
        return t.style;
    }
    if let Some(t) = &r.table4 {
        return t.style;
    }
    if r.doc.lines.iter().any(|l| l.sep == Separator::Pipe) {
        Style::Pipe
    } else {
        Style::Tab
    }
}

/// `## 六、` → the numeral typed (1–6) and the byte offset where it starts.
fn section_prefix(prefix: &str) -> Option<(u32, usize)> {
    let body = prefix.strip_suffix('、')?;
    let numeral = body.chars().last()?;
    let n = NUMERALS.iter().position(|c| *c == numeral)? as u32 + 1;
    let start = body.len() - numeral.len_utf8();
    body[..start]
        .chars()
        .all(|c| c == '#' || c == '*' || c == ' ')
        .then_some((n, start))
}

fn markdown(text: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text,
    })
}

fn item(label: String, kind: CompletionItemKind, edit: TextEdit) -> CompletionItem {
    CompletionItem {
        label,
        kind: Some(kind),
        insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
        text_edit: Some(CompletionTextEdit::Edit(edit)),
        ..Default::default()
    }
}

pub fn complete(view: &View, pos: Position) -> Vec<CompletionItem> {
    let conv = view.conv();
    let text = view.text();
    let offset = conv.offset(pos);
    let line = conv.line_of(offset);
    let lspan = conv.line_span(line);
    let offset = offset.clamp(lspan.start, lspan.end);
    let prefix = &text[lspan.start..offset];
    let rest = &text[offset..lspan.end];
    let line_text = &text[lspan.range()];
    let has_cells = line_text.contains('\t') || line_text.contains('|');
    let blank_prefix = prefix.trim().is_empty();
    if has_cells && !blank_prefix {
        return Vec::new();
    }
    let Some(report) = view.report() else {
        return Vec::new();
    };
    let replace = |from: usize, new_text: String| TextEdit {
        range: conv.range(Span::new(from, offset)),
        new_text,
    };

    if let Some((typed, at)) = section_prefix(prefix) {
        let typed_text = &prefix[at..];
        return SECTIONS
            .iter()
            .filter(|s| report.section(s.number).is_none())
            .map(|s| {
                let heading = template::section_heading(s.number);
                let mut it = item(
                    heading.clone(),
                    CompletionItemKind::MODULE,
                    replace(lspan.start + at, heading),
                );
                it.detail = Some("缺少的部分 missing section".into());
                it.filter_text = Some(format!("{typed_text}{}", s.title));
                it.sort_text = Some(format!("{}", s.number));
                it.preselect = (s.number == typed).then_some(true);
                it
            })
            .collect();
    }

    // Start of a line: nothing before the cursor, or a short label being
    // typed on a line of its own.
    let typed = prefix.trim();
    let at_start = blank_prefix
        || (!has_cells
            && rest.trim().is_empty()
            && typed.chars().count() <= 16
            && !typed.contains(['。', '，', ',']));
    if !at_start {
        return Vec::new();
    }
    let from = lspan.start;

    if let Some(t3) = &report.table3
        && t3.lines.0 < line
        && line <= t3.lines.1 + 1
    {
        let present = |i: usize| t3.rows[i].is_some() || t3.unreadable.contains(&i);
        let above = t3
            .rows
            .iter()
            .flatten()
            .filter(|r| r.line < line)
            .map(|r| r.def)
            .max();
        let below = t3
            .rows
            .iter()
            .flatten()
            .filter(|r| r.line > line)
            .map(|r| r.def)
            .min();
        let mut preselected = false;
        let mut items = Vec::new();
        for (i, d) in TABLE3_ROWS.iter().enumerate() {
            if !d.in_version(t3.version) || d.kind != RowKind::Data || present(i) {
                continue;
            }
            let label = d.full_label();
            // An HTML neighbour that cannot be copied gives no text.
            let row_text = neighbor(report, &t3.rows, i)
                .map(|n| row_like(report, n, &label, t3.style))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| template::table3_row_text(i, t3.style));
            let fits = above.is_none_or(|a| a < i) && below.is_none_or(|b| i < b);
            let mut it = item(
                label.clone(),
                CompletionItemKind::FIELD,
                replace(from, row_text),
            );
            it.detail = Some(format!(
                "表三缺少的官方行（{} 格式，填 0）",
                t3.version.label()
            ));
            it.documentation = Some(markdown(d.meaning.to_string()));
            it.filter_text = Some(label);
            it.sort_text = Some(format!("{i:03}"));
            if fits && !preselected {
                it.preselect = Some(true);
                preselected = true;
            }
            items.push(it);
        }
        return items;
    }
    // Rows of 表三 are offered above; inside 表二 or 表四, nothing.
    if report
        .tables()
        .iter()
        .any(|t| t.table != Table::T3 && t.lines.contains(line))
    {
        return Vec::new();
    }
    table_items(report, |t| replace(from, t))
}

/// A row of table 三 to copy the style of: the nearest bound row carrying
/// only its own label, else the nearest bound row.
fn neighbor<'r>(r: &Report, rows: &'r [Option<BoundRow>], def: usize) -> Option<&'r BoundRow> {
    let mut bound: Vec<&BoundRow> = rows.iter().flatten().collect();
    bound.sort_by_key(|b| b.def.abs_diff(def));
    let label_cells = |row: &BoundRow| {
        r.doc.lines[row.line]
            .cells
            .iter()
            .filter(|c| !c.is_blank() && !model::is_value_like(r.text(c.content)))
            .count()
    };
    bound
        .iter()
        .take(4)
        .find(|b| label_cells(b) == 1)
        .or(bound.first())
        .copied()
}

fn table_items(r: &Report, replace: impl Fn(String) -> TextEdit) -> Vec<CompletionItem> {
    let style = doc_style(r);
    let nl = r.newline();
    let doc_version = r.version;
    let mut specs: Vec<(String, String, bool, bool)> = Vec::new();
    for v in [Version::V2019, Version::V2021] {
        specs.push((
            format!("插入表二（{}格式）", v.label()),
            template::table2_text(v, style, nl),
            r.table2.is_none(),
            v == doc_version,
        ));
    }
    for v in [Version::V2019, Version::V2021] {
        specs.push((
            format!("插入表三（{}格式）", v.label()),
            template::table3_text(v, style, nl),
            r.table3.is_none(),
            v == doc_version,
        ));
    }
    specs.push((
        "插入表四".to_string(),
        template::table4_text(style, nl),
        r.table4.is_none(),
        true,
    ));
    specs
        .into_iter()
        .enumerate()
        .map(|(k, (label, table, missing, this_version))| {
            let mut it = item(
                label.clone(),
                CompletionItemKind::SNIPPET,
                replace(table.clone()),
            );
            it.detail = Some("官方表格（全部填 0）official table with zeros".into());
            let preview: String = table.lines().take(6).collect::<Vec<_>>().join("\n");
            it.documentation = Some(markdown(format!("```text\n{preview}\n…\n```")));
            // Missing tables of the document's version first.
            let rank = u8::from(!missing) * 2 + u8::from(!this_version);
            it.sort_text = Some(format!("{rank}{k}"));
            it.filter_text = Some(label);
            it
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_prefixes() {
        assert_eq!(section_prefix("## 六、"), Some((6, 3)));
        assert_eq!(section_prefix("六、"), Some((6, 0)));
        assert_eq!(section_prefix("**三、"), Some((3, 2)));
        assert_eq!(section_prefix("七、"), None);
        assert_eq!(section_prefix("本 六、"), None);
        assert_eq!(section_prefix("六"), None);
    }
}
