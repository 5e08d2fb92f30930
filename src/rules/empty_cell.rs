//! # empty-cell（表格中应填数字的单元格为空）
//!
//! ## 作用 What it does
//! 报告表二、表三、表四数据行中空白的单元格（或写成“/”“-”“—”“无”的单元格）。
//! 整列、整行或整张表都空着的（常见：只收到自然人申请的部门把五个“法人或其他组织”列都空着），
//! 每张表合成**一条**，写明是哪些列、哪些行，一个修复把它们全部填上；整张表一个 0 也没写
//! （以空白代替 0）时，该表的全部空白合成一条。一列从某行到某行连续为空（如各明细行的“总计”列都空着）
//! 合成一条，写明从哪行到哪行；其余零星的空白逐个单元格报告，写明行和列。
//! 没有行首竖线、却以竖线结尾的竖线表行（`12 | 3 | | | 1 | | `），结尾的竖线之后是一个空单元格（空白的总计），
//! 不是可省略的结尾竖线。
//! 计算勾稽关系时空白加数按 0 计；总计单元格为空的关系不检查。
//!
//! Reports blank cells (or `/`, `-`, `—`, `无`) where a number belongs. Whole
//! blank columns, rows or tables are one finding per table naming them, with
//! one fix filling them all; isolated blanks are reported per cell.
//!
//! ## 原因 Why
//! 官方未规定 0 是否必须写出，但空白无法与漏填区分；审核时通常要求写 0。
//!
//! ## 示例 Example
//! ```text
//! 二、上年结转政府信息公开申请数量
//! ```
//!
//! ## 修复 Fix
//! 把空白单元格填为 0（表三的“总计”列填本行之和）。这是推定，属于不安全修复（`--unsafe-fixes`；
//! 编辑器中可直接选用，也可一次填满整张表）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 填了数字的单元格（包括 0）；表格之外的空白；无法读准的行（由 row-shape 报告）
//! 。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::{BoundRow, Report, Value};
use crate::rules::{Ctx, Meta};
use crate::schema::{TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS};
use crate::syntax::Separator;
use crate::text::Span;

pub const META: Meta = Meta {
    name: "empty-cell",
    severity: Severity::Warning,
    summary: "表格中应填数字的单元格为空",
    summary_en: "a table cell where a number belongs is blank",
};

/// The edit that fills a blank cell, in the row's own style: 0, or for the
/// 总计 column of table 三 the row's sum (so the fix keeps the sums true).
pub fn fill_zero(r: &Report, row: &BoundRow, col: usize) -> Option<Edit> {
    let c = row.cells.get(col)?;
    // A blank the rendering cannot show has no place to write into.
    if !c.value.is_blankish() || c.inferred {
        return None;
    }
    let is_t3_row = r.table3.as_ref().is_some_and(|t| {
        t.rows
            .get(row.def)
            .and_then(|x| x.as_ref())
            .is_some_and(|x| x.line == row.line)
    });
    let value = if is_t3_row && col == crate::schema::T3_TOTAL_COL {
        row.cells[..col]
            .iter()
            .try_fold(0i64, |acc, c| c.value.addend().map(|v| acc + v))?
    } else {
        0
    };
    let sep = r.doc.lines[row.line].sep;
    // Most fills are 0: written without the formatting machinery (a blank
    // table gives hundreds of them).
    let digits = if value == 0 {
        "0".to_string()
    } else {
        value.to_string()
    };
    Some(if c.cell.is_blank() && sep == Separator::Pipe {
        Edit {
            span: c.cell.raw,
            text: [" ", &digits, " "].concat(),
        }
    } else {
        Edit {
            span: c.cell.content,
            text: digits,
        }
    })
}

/// A data row of a table, with what the messages call it and its columns.
struct Row<'r> {
    row: &'r BoundRow,
    label: RowName,
    /// Rows of one block share their columns (table 二 has five blocks):
    /// the index into the grid's `columns`.
    block: usize,
}

/// What the messages call a row: named only when a finding needs it.
enum RowName {
    Table3(usize),
    Fixed(&'static str),
}

impl RowName {
    fn text(&self) -> String {
        match self {
            RowName::Table3(def) => {
                // Named once per process: a blank table names its rows in
                // every lint (the language server's, on every keystroke).
                static SHORT: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
                let short = SHORT.get_or_init(|| {
                    TABLE3_ROWS
                        .iter()
                        .map(|r| short_label(&r.full_label()))
                        .collect()
                });
                short.get(*def).cloned().unwrap_or_default()
            }
            RowName::Fixed(name) => (*name).to_string(),
        }
    }
}

/// One table as the rule sees it.
struct Grid<'r> {
    name: (&'static str, &'static str),
    rows: Vec<Row<'r>>,
    /// The columns of each block, named only when a finding needs it.
    columns: Vec<Columns>,
}

/// `（二）部分公开` for `（二）部分公开（区分处理的，只计这一情形，不计其他情形）`.
fn short_label(label: &str) -> String {
    match label.char_indices().skip(4).find(|&(_, c)| c == '（') {
        Some((i, _)) => label[..i].to_string(),
        None => label.to_string(),
    }
}

fn grids<'r>(r: &'r Report<'_>) -> Vec<Grid<'r>> {
    let mut out = Vec::new();
    if let Some(t) = &r.table3 {
        let rows = t
            .rows
            .iter()
            .flatten()
            .map(|row| Row {
                row,
                label: RowName::Table3(row.def),
                block: 0,
            })
            .collect();
        out.push(Grid {
            name: ("表三", "table 三"),
            rows,
            columns: vec![Columns::Table3],
        });
    }
    if let Some(row) = r.table4.as_ref().and_then(|t| t.row.as_ref()) {
        out.push(Grid {
            name: ("表四", "table 四"),
            rows: vec![Row {
                row,
                label: RowName::Fixed("行政复议、行政诉讼"),
                block: 0,
            }],
            columns: vec![Columns::Table4],
        });
    }
    let mut rows = Vec::new();
    let mut columns = Vec::new();
    for (bi, (block, def)) in r.table2_blocks().enumerate() {
        columns.push(Columns::Table2 {
            item: def.item,
            names: def.columns,
        });
        for row in &block.rows {
            rows.push(Row {
                row,
                label: RowName::Fixed(def.rows.get(row.def).copied().unwrap_or("")),
                block: bi,
            });
        }
    }
    if !rows.is_empty() {
        out.push(Grid {
            name: ("表二", "table 二"),
            rows,
            columns,
        });
    }
    out
}

fn any_blank(r: &Report) -> bool {
    let blank_in = |row: &BoundRow| row.cells.iter().any(|c| c.value.is_blankish());
    r.table3
        .as_ref()
        .is_some_and(|t| t.rows.iter().flatten().any(blank_in))
        || r.table4
            .as_ref()
            .and_then(|t| t.row.as_ref())
            .is_some_and(blank_in)
        || r.table2_blocks()
            .any(|(block, _)| block.rows.iter().any(blank_in))
}

/// A blank cell: row index in the grid and column.
type At = (usize, usize);

fn blank(g: &Grid, (ri, c): At) -> bool {
    g.rows[ri]
        .row
        .cells
        .get(c)
        .is_some_and(|x| x.value.is_blankish())
}

/// Columns blank in every row of their block: (block, column).
fn blank_columns(g: &Grid) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut blocks: Vec<usize> = g.rows.iter().map(|r| r.block).collect();
    blocks.dedup();
    for b in blocks {
        let rows: Vec<usize> = (0..g.rows.len())
            .filter(|&i| g.rows[i].block == b)
            .collect();
        let width = rows
            .iter()
            .map(|&i| g.rows[i].row.cells.len())
            .max()
            .unwrap_or(0);
        for c in 0..width {
            if rows.iter().all(|&i| blank(g, (i, c))) {
                out.push((b, c));
            }
        }
    }
    out
}

/// The columns of a grid's block.
enum Columns {
    Table3,
    Table4,
    /// A block of table 二: its item of 条例第二十条 and its columns.
    Table2 {
        item: u32,
        names: &'static [(&'static str, crate::schema::ValueKind)],
    },
}

fn column_name(g: &Grid, b: usize, c: usize) -> String {
    let name = match g.columns.get(b) {
        Some(Columns::Table3) => TABLE3_COLUMNS.get(c).map(|x| x.label),
        Some(Columns::Table4) => TABLE4_COLUMNS.get(c).copied(),
        Some(Columns::Table2 { item, names }) => {
            // Table 二's names carry their block.
            if let Some((name, _)) = names.get(c) {
                let item = crate::syntax::cn_numeral(*item);
                return format!("第（{item}）项“{name}”列");
            }
            None
        }
        None => None,
    };
    match name {
        Some(name) => format!("“{name}”列"),
        None => format!("“第 {} 列”列", c + 1),
    }
}

fn row_span(r: &Report, row: &BoundRow) -> Span {
    if row.label.is_empty() {
        r.doc.lines[row.line].span
    } else {
        row.label
    }
}

/// `“A”“B”“C”等 20 行`: at most six names, then the count.
fn listed(names: &[String], unit: &str) -> String {
    let shown: Vec<String> = names.iter().take(6).map(|n| format!("“{n}”")).collect();
    if names.len() > shown.len() {
        format!("{}等 {} {unit}", shown.concat(), names.len())
    } else {
        format!("{}{unit}", shown.concat())
    }
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    // Most reports have no blank at all: answer that before naming every
    // row and column of every grid.
    if !any_blank(r) {
        return;
    }
    for g in grids(r) {
        check_grid(r, &g, out);
    }
}

fn check_grid(r: &Report, g: &Grid, out: &mut Vec<Diagnostic>) {
    let all: Vec<At> = (0..g.rows.len())
        .flat_map(|ri| (0..g.rows[ri].row.cells.len()).map(move |c| (ri, c)))
        .filter(|&at| blank(g, at))
        .collect();
    if all.is_empty() {
        return;
    }
    let columns = blank_columns(g);
    let rows: Vec<usize> = (0..g.rows.len())
        .filter(|&ri| g.rows[ri].row.cells.iter().all(|c| c.value.is_blankish()))
        .collect();
    let whole = Whole::new(g, &rows, &columns);
    let structural = |at: &At| whole.covers(g, *at);
    // A table with no 0 written anywhere uses blanks for zeros throughout:
    // one finding, not one per blank.
    let no_zero = !g
        .rows
        .iter()
        .flat_map(|row| &row.row.cells)
        .any(|c| c.value == Value::Int(0));
    let convention = no_zero && all.len() >= 3;
    let (grouped, single): (Vec<At>, Vec<At>) =
        all.into_iter().partition(|at| convention || structural(at));
    if !grouped.is_empty() {
        out.push(group_finding(r, g, &grouped, (&rows, &columns), &whole));
    }
    // A column blank down a run of rows (a 总计 column left empty in every
    // detail row) is one finding; a blank alone is one of its own.
    for run in runs(g, single) {
        match run[..] {
            [at] => out.push(cell_finding(r, g, at)),
            _ => out.push(run_finding(r, g, &run)),
        }
    }
}

/// Blanks grouped by column into runs of consecutive rows of one block, in
/// the order of their first cell.
fn runs(g: &Grid, mut cells: Vec<At>) -> Vec<Vec<At>> {
    cells.sort_by_key(|&(ri, c)| (g.rows[ri].block, c, ri));
    let mut out: Vec<Vec<At>> = Vec::new();
    for at in cells {
        match out.last_mut() {
            Some(run)
                if run.last().is_some_and(|&(ri, c)| {
                    c == at.1 && ri + 1 == at.0 && g.rows[ri].block == g.rows[at.0].block
                }) =>
            {
                run.push(at)
            }
            _ => out.push(vec![at]),
        }
    }
    out.sort_by_key(|run| run[0]);
    out
}

/// One finding for a column blank from one row down to another.
fn run_finding(r: &Report, g: &Grid, run: &[At]) -> Diagnostic {
    let (table, table_en) = g.name;
    let (first, last) = (run[0], run[run.len() - 1]);
    let row = &g.rows[first.0];
    let markers = run
        .iter()
        .any(|&(ri, c)| g.rows[ri].row.cells[c].value == Value::Marker);
    let (blank_zh, blank_en) = what(markers);
    let column = column_name(g, row.block, first.1);
    let (from, to) = (row.label.text(), g.rows[last.0].label.text());
    let edits: Vec<Edit> = run
        .iter()
        .filter_map(|&(ri, c)| fill_zero(r, g.rows[ri].row, c))
        .collect();
    let mut d = Diagnostic::new(
        META.name,
        META.severity,
        row_span(r, row.row),
        Msg::new(
            format!(
                "{table}{column}从“{from}”行到“{to}”行（共 {} 行）{blank_zh}，应填写数字（无则填 0）",
                run.len()
            ),
            format!(
                "{table_en}, {column}: {blank_en} in the {} rows from {from} to {to} (write 0 for none)",
                run.len()
            ),
        ),
    );
    if !edits.is_empty() {
        d = d.with_fix(Fix::unsafe_(
            Msg::new(
                format!("将这 {} 个空单元格填为 0（总计填本行之和）", edits.len()),
                format!("fill these {} blank cells with 0", edits.len()),
            ),
            edits,
        ));
    }
    d
}

fn what(markers: bool) -> (&'static str, &'static str) {
    if markers {
        (
            "为空或以符号代替数字",
            "blank or a symbol instead of a number",
        )
    } else {
        ("为空", "blank")
    }
}

/// The rows and columns blank throughout, as sets (a blank table asks
/// about each of its cells).
struct Whole {
    rows: Vec<bool>,
    /// Per block, per column.
    columns: Vec<Vec<bool>>,
}

impl Whole {
    fn new(g: &Grid, rows: &[usize], columns: &[(usize, usize)]) -> Whole {
        let mut w = Whole {
            rows: vec![false; g.rows.len()],
            columns: vec![Vec::new(); g.columns.len().max(1)],
        };
        for &ri in rows {
            w.rows[ri] = true;
        }
        for &(b, c) in columns {
            if let Some(block) = w.columns.get_mut(b) {
                if block.len() <= c {
                    block.resize(c + 1, false);
                }
                block[c] = true;
            }
        }
        w
    }

    /// Whether a cell lies in a whole blank row or column.
    fn covers(&self, g: &Grid, (ri, c): At) -> bool {
        self.rows.get(ri).copied().unwrap_or(false)
            || self
                .columns
                .get(g.rows[ri].block)
                .and_then(|b| b.get(c))
                .copied()
                .unwrap_or(false)
    }
}

fn group_finding(
    r: &Report,
    g: &Grid,
    cells: &[At],
    (rows, columns): (&[usize], &[(usize, usize)]),
    whole: &Whole,
) -> Diagnostic {
    let (table, table_en) = g.name;
    let markers = cells
        .iter()
        .any(|&(ri, c)| g.rows[ri].row.cells[c].value == Value::Marker);
    let (blank_zh, blank_en) = what(markers);
    let mut edits: Vec<Edit> = Vec::with_capacity(cells.len());
    edits.extend(
        cells
            .iter()
            .filter_map(|&(ri, c)| fill_zero(r, g.rows[ri].row, c)),
    );
    let row_names: Vec<String> = rows.iter().map(|&ri| g.rows[ri].label.text()).collect();
    let col_names: Vec<String> = columns.iter().map(|&(b, c)| column_name(g, b, c)).collect();
    let whole_table = rows.len() == g.rows.len();
    let others: Vec<&At> = cells.iter().filter(|at| !whole.covers(g, **at)).collect();
    let mut parts = Vec::new();
    if whole_table {
        parts.push(format!("全部 {} 个单元格{blank_zh}", cells.len()));
    } else {
        if !col_names.is_empty() {
            parts.push(format!(
                "{}全部{blank_zh}",
                col_names.concat().replace("列“", "“")
            ));
        }
        if !row_names.is_empty() {
            parts.push(format!("{}全部{blank_zh}", listed(&row_names, "行")));
        }
        if !others.is_empty() {
            let mut rows_of_others: Vec<usize> = others.iter().map(|&&(ri, _)| ri).collect();
            rows_of_others.dedup();
            let mut in_rows: Vec<String> = rows_of_others
                .iter()
                .map(|&ri| g.rows[ri].label.text())
                .collect();
            in_rows.dedup();
            let also = if parts.is_empty() { "" } else { "另有 " };
            parts.push(format!(
                "{also}{} 个单元格{blank_zh}（在{}）",
                others.len(),
                listed(&in_rows, "行")
            ));
        }
    }
    // Blanks beyond whole rows and columns are grouped only in a table
    // that writes no 0 at all.
    let lead = if others.is_empty() {
        ""
    } else {
        "没有写 0（以空白代替 0）："
    };
    let zh = format!(
        "{table}{lead}{}（共 {} 个单元格），应填写数字（无则填 0）",
        parts.join("，"),
        cells.len()
    );
    let en = format!(
        "{table_en}: {} cells {blank_en} where numbers belong ({} whole columns, {} whole rows); write 0 for none",
        cells.len(),
        columns.len(),
        rows.len()
    );
    let first_row = rows
        .first()
        .copied()
        .unwrap_or_else(|| cells.iter().map(|at| at.0).min().unwrap_or(0));
    let mut d = Diagnostic::new(
        META.name,
        META.severity,
        row_span(r, g.rows[first_row].row),
        Msg::new(zh, en),
    )
    .with_fix(Fix::unsafe_(
        Msg::new(
            format!("将这 {} 个空单元格填为 0（总计填本行之和）", edits.len()),
            format!("fill these {} blank cells with 0", edits.len()),
        ),
        edits,
    ));
    // Each row's name was made once above (in the order of `rows`).
    d.related.reserve(rows.len().saturating_sub(1));
    for (&ri, label) in rows.iter().zip(&row_names).skip(1) {
        d.related.push(crate::diagnostic::Related {
            span: row_span(r, g.rows[ri].row),
            // Concatenated, not formatted: one per blank row.
            message: Msg::new(
                ["“", label, "”行全部", blank_zh].concat(),
                ["row ", label, ": all ", blank_en].concat(),
            ),
            file: None,
        });
    }
    d
}

fn cell_finding(r: &Report, g: &Grid, (ri, c): At) -> Diagnostic {
    let row = &g.rows[ri];
    let cell = &row.row.cells[c];
    let (table, table_en) = g.name;
    let (blank_zh, blank_en) = what(cell.value == Value::Marker);
    let column = column_name(g, row.block, c);
    let label = row.label.text();
    let span = [cell.cell.content, cell.cell.raw]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| row_span(r, row.row));
    let mut d = Diagnostic::new(
        META.name,
        META.severity,
        span,
        Msg::new(
            format!("{table}“{label}”行{column}{blank_zh}，应填写数字（无则填 0）"),
            format!(
                "{table_en}, row {label}, {column}: {blank_en} where a number belongs (write 0 for none)"
            ),
        ),
    );
    if let Some(edit) = fill_zero(r, row.row, c) {
        let v = edit.text.trim().to_string();
        d = d.with_fix(Fix::unsafe_(
            Msg::new(format!("填为 {v}"), format!("fill with {v}")),
            vec![edit],
        ));
    }
    d
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    /// Blank rows in text aligned by spaces (pandoc's Markdown of a Word
    /// table) have no cell to write into: the finding comes without a fix,
    /// never with one that edits nothing.
    #[test]
    fn blanks_with_no_place_to_fill_get_no_fix() {
        let text = include_str!("../../tests/fixtures/shapes/pandoc/seed-001.markdown.md");
        check(
            text,
            "empty-cell",
            expect![[r#"
            92:65 warning [empty-cell] 表三“（一）予以公开”“（二）部分公开”“1.属于国家秘密”“2.其他法律行政法规禁止公开”“3.危及“三安全一稳定””“4.保护第三方合法权益”等 14 行全部为空（共 98 个单元格），应填写数字（无则填 0）
                related 94:74 “（二）部分公开”行全部为空
                related 96:126 “1.属于国家秘密”行全部为空
                related 98:133 “2.其他法律行政法规禁止公开”行全部为空
                related 100:133 “3.危及“三安全一稳定””行全部为空
                related 102:133 “4.保护第三方合法权益”行全部为空
                related 104:133 “5.属于三类内部事务信息”行全部为空
                related 106:133 “6.属于四类过程性信息”行全部为空
                related 108:133 “7.属于行政执法案卷”行全部为空
                related 110:133 “8.属于行政查询事项”行全部为空
                related 112:126 “1.本机关不掌握相关政府信息”行全部为空
                related 114:133 “2.没有现成信息需要另行制作”行全部为空
                related 116:133 “3.补正后申请内容仍不明确”行全部为空
                related 118:126 “1.信访举报投诉类申请”行全部为空
        "#]],
        );
    }

    const HEAD: &str =
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n";

    /// Table 三 (2019) with every row written as `cells`, and `edit`
    /// applied.
    fn table3(cells: &str, edit: &[(&str, &str)]) -> String {
        let mut s = crate::template::table3_text(
            crate::schema::Version::V2019,
            crate::model::Style::Tab,
            "\n",
        )
        .replace("\t0\t0\t0\t0\t0\t0\t0", cells);
        for (from, to) in edit {
            s = s.replace(from, to);
        }
        s
    }

    #[test]
    fn blank_row_and_columns_are_one_finding_and_one_fix() {
        let src = format!(
            "{HEAD}一、本年新收政府信息公开申请数量\t4\t\t\t\t\t\t4\n二、上年结转政府信息公开申请数量\t\t\t\t\t\t\t\n"
        );
        check(
            &src,
            "empty-cell",
            expect![[r#"
            3:1 warning [empty-cell] 表三“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列全部为空，“二、上年结转政府信息公开申请数量”行全部为空（共 12 个单元格），应填写数字（无则填 0）
                fix (Unsafe): 将这 12 个空单元格填为 0（总计填本行之和）
                  @@ -1 +1 @@
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
                  -一、本年新收政府信息公开申请数量→4→→→→→→4
                  -二、上年结转政府信息公开申请数量→→→→→→→
                  +一、本年新收政府信息公开申请数量→4→0→0→0→0→0→4
                  +二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0

        "#]],
        );
        check(&fixed(&src, "empty-cell"), "empty-cell", expect![[""]]);
    }

    #[test]
    fn natural_persons_only_office_gets_one_finding_not_one_per_row() {
        // 自然人 and 总计 written (zeros included), the five 法人 columns blank.
        let src = table3("\t0\t\t\t\t\t\t0", &[]);
        check(
            &src,
            "empty-cell",
            expect![[r#"
            4:1 warning [empty-cell] 表三“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列全部为空（共 115 个单元格），应填写数字（无则填 0）
                fix (Unsafe): 将这 115 个空单元格填为 0（总计填本行之和）
                  @@ -2 +2 @@
                   →自然人→法人或其他组织→→→→→总计
                   →→商业企业→科研机构→社会公益组织→法律服务机构→其他→
                  -一、本年新收政府信息公开申请数量→0→→→→→→0
                  -二、上年结转政府信息公开申请数量→0→→→→→→0
                  -三、本年度办理结果→（一）予以公开→0→→→→→→0
                  -（二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→→→→→→0
                  -（三）不予公开→1.属于国家秘密→0→→→→→→0
                  -2.其他法律行政法规禁止公开→0→→→→→→0
                  -3.危及“三安全一稳定”→0→→→→→→0
                  -4.保护第三方合法权益→0→→→→→→0
                  -5.属于三类内部事务信息→0→→→→→→0
                  -6.属于四类过程性信息→0→→→→→→0
                  -7.属于行政执法案卷→0→→→→→→0
                  -8.属于行政查询事项→0→→→→→→0
                  -（四）无法提供→1.本机关不掌握相关政府信息→0→→→→→→0
                  -2.没有现成信息需要另行制作→0→→→→→→0
                  -3.补正后申请内容仍不明确→0→→→→→→0
                  -（五）不予处理→1.信访举报投诉类申请→0→→→→→→0
                  -2.重复申请→0→→→→→→0
                  -3.要求提供公开出版物→0→→→→→→0
                  -4.无正当理由大量反复申请→0→→→→→→0
                  -5.要求行政机关确认或重新出具已获取信息→0→→→→→→0
                  -（六）其他处理→0→→→→→→0
                  -（七）总计→0→→→→→→0
                  -四、结转下年度继续办理→0→→→→→→0
                  +一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                  +二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                  +三、本年度办理结果→（一）予以公开→0→0→0→0→0→0→0
                  +（二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                  +（三）不予公开→1.属于国家秘密→0→0→0→0→0→0→0
                  +2.其他法律行政法规禁止公开→0→0→0→0→0→0→0
                  +3.危及“三安全一稳定”→0→0→0→0→0→0→0
                  +4.保护第三方合法权益→0→0→0→0→0→0→0
                  +5.属于三类内部事务信息→0→0→0→0→0→0→0
                  +6.属于四类过程性信息→0→0→0→0→0→0→0
                  +7.属于行政执法案卷→0→0→0→0→0→0→0
                  +8.属于行政查询事项→0→0→0→0→0→0→0
                  +（四）无法提供→1.本机关不掌握相关政府信息→0→0→0→0→0→0→0
                  +2.没有现成信息需要另行制作→0→0→0→0→0→0→0
                  +3.补正后申请内容仍不明确→0→0→0→0→0→0→0
                  +（五）不予处理→1.信访举报投诉类申请→0→0→0→0→0→0→0
                  +2.重复申请→0→0→0→0→0→0→0
                  +3.要求提供公开出版物→0→0→0→0→0→0→0
                  +4.无正当理由大量反复申请→0→0→0→0→0→0→0
                  +5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                  +（六）其他处理→0→0→0→0→0→0→0
                  +（七）总计→0→0→0→0→0→0→0
                  +四、结转下年度继续办理→0→0→0→0→0→0→0
        "#]],
        );
        check(&fixed(&src, "empty-cell"), "empty-cell", expect![[""]]);
    }

    #[test]
    fn isolated_blanks_are_per_cell_with_row_and_column() {
        let src = table3(
            "\t0\t0\t0\t0\t0\t0\t0",
            &[(
                "（一）予以公开\t0\t0\t0\t0\t0\t0\t0",
                "（一）予以公开\t2\t0\t0\t0\t0\t0\t",
            )],
        );
        check(
            &src,
            "empty-cell",
            expect![[r#"
            6:11 warning [empty-cell] 表三“（一）予以公开”行“总计”列为空，应填写数字（无则填 0）
                fix (Unsafe): 填为 2
                  @@ -4 +4 @@
                   一、本年新收政府信息公开申请数量→0→0→0→0→0→0→0
                   二、上年结转政府信息公开申请数量→0→0→0→0→0→0→0
                  -三、本年度办理结果→（一）予以公开→2→0→0→0→0→0→
                  +三、本年度办理结果→（一）予以公开→2→0→0→0→0→0→2
                   （二）部分公开（区分处理的，只计这一情形，不计其他情形）→0→0→0→0→0→0→0
                   （三）不予公开→1.属于国家秘密→0→0→0→0→0→0→0
        "#]],
        );
    }

    #[test]
    fn pipe_blanks_and_markers() {
        let src = "行政复议 | | | | | 行政诉讼 |\n| 0 | / | 0 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
        check(
            src,
            "empty-cell",
            expect![[r#"
            2:1 warning [empty-cell] 表四“行政复议·结果纠正”“行政复议·尚未审结”列全部为空或以符号代替数字（共 2 个单元格），应填写数字（无则填 0）
                fix (Unsafe): 将这 2 个空单元格填为 0（总计填本行之和）
                  @@ -1 +1 @@
                   行政复议 | | | | | 行政诉讼 |
                  -| 0 | / | 0 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
                  +| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

        "#]],
        );
    }

    #[test]
    fn full_rows_are_clean() {
        let src = crate::template::table4_text(crate::model::Style::Tab, "\n");
        check(&src, "empty-cell", expect![[""]]);
    }
}
