//! The official layout of tables 二, 三 and 四 (format.md §2.4–2.6, §3.4–3.6):
//! the grid of cells with their row and column spans, exactly as the
//! template prints it, filled with a [`Table`]'s values.
//!
//! Table 二 (2019) is five grid columns wide; in the blocks with three value
//! columns the label cell spans two columns, in (八) and (九) each of the two
//! values spans two [I: format.md gives the width and the two-column values,
//! not the label's span]. Table 二 (2021) is four wide; the single-value
//! blocks span three.

use super::doc::{Format, Table, TableId};
use nianbao::schema::{self, RowKind, TABLE3_COLUMNS, TABLE3_ROWS, Version};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The note cell of table 三 and the column headers.
    Header,
    /// 第二十条第（X）项: a block header row of table 二.
    BlockHeader,
    /// A row label on the row it names.
    Label,
    /// A merged label over several rows (三、本年度办理结果, （三）不予公开 …).
    Group,
    Value,
}

#[derive(Debug, Clone)]
pub struct GCell {
    pub text: String,
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub struct Grid {
    pub width: usize,
    pub height: usize,
    /// Rows at the top that are column headers (table 三 and 四).
    pub header_rows: usize,
    /// Cells in reading order (by origin row, then column).
    pub cells: Vec<GCell>,
}

impl Grid {
    /// The cells whose top-left corner is on row `r`, left to right.
    pub fn row(&self, r: usize) -> impl Iterator<Item = &GCell> {
        self.cells.iter().filter(move |c| c.row == r)
    }
    /// The cell covering grid position (r, c), if any.
    pub fn covering(&self, r: usize, c: usize) -> Option<&GCell> {
        self.cells.iter().find(|x| {
            (x.row..x.row + x.rowspan).contains(&r) && (x.col..x.col + x.colspan).contains(&c)
        })
    }
}

struct Builder {
    cells: Vec<GCell>,
    row: usize,
}

impl Builder {
    fn put(&mut self, row: usize, col: usize, span: (usize, usize), kind: Kind, text: &str) {
        self.cells.push(GCell {
            text: text.to_string(),
            row,
            col,
            rowspan: span.0,
            colspan: span.1,
            kind,
        });
    }
    fn values(&mut self, col: usize, spans: &[usize], values: Option<&[String]>) {
        let mut c = col;
        for (i, &s) in spans.iter().enumerate() {
            let v = values.and_then(|v| v.get(i)).map(String::as_str);
            self.put(self.row, c, (1, s), Kind::Value, v.unwrap_or(""));
            c += s;
        }
    }
}

pub fn version(format: Format) -> Version {
    match format {
        Format::F2019 => Version::V2019,
        Format::F2021 => Version::V2021,
    }
}

pub fn grid(table: &Table) -> Grid {
    let mut b = Builder {
        cells: Vec::new(),
        row: 0,
    };
    let (width, header_rows) = match table.id {
        TableId::T2 => (table2(&mut b, table), 0),
        TableId::T3 => (10, table3(&mut b, table)),
        TableId::T4 => (15, table4(&mut b, table)),
    };
    b.cells.sort_by_key(|c| (c.row, c.col));
    Grid {
        width,
        height: b.row,
        header_rows,
        cells: b.cells,
    }
}

/// The key of a table 二 row.
pub fn t2_key(item: u32, label: &str) -> String {
    format!("{item}/{label}")
}

fn table2(b: &mut Builder, table: &Table) -> usize {
    let width = match table.format {
        Format::F2019 => 5,
        Format::F2021 => 4,
    };
    for block in schema::table2(version(table.format)) {
        let n = block.columns.len();
        let (label_span, value_span) = match (table.format, n) {
            (Format::F2019, 3) => (2, 1),
            (Format::F2019, _) => (1, 2),
            (Format::F2021, 3) => (1, 1),
            (Format::F2021, _) => (1, 3),
        };
        let header = format!(
            "第二十条第（{}）项",
            nianbao::syntax::cn_numeral(block.item)
        );
        b.put(b.row, 0, (1, width), Kind::BlockHeader, &header);
        b.row += 1;
        b.put(b.row, 0, (1, label_span), Kind::Header, "信息内容");
        for (i, (label, _)) in block.columns.iter().enumerate() {
            b.put(
                b.row,
                label_span + i * value_span,
                (1, value_span),
                Kind::Header,
                label,
            );
        }
        b.row += 1;
        for label in block.rows {
            b.put(b.row, 0, (1, label_span), Kind::Label, label);
            let values = table
                .row(&t2_key(block.item, label))
                .and_then(|r| r.values.as_deref());
            b.values(label_span, &vec![value_span; n], values);
            b.row += 1;
        }
    }
    width
}

pub const T3_NOTE: &str = nianbao::template::T3_NOTE;

fn table3(b: &mut Builder, table: &Table) -> usize {
    b.put(0, 0, (3, 3), Kind::Header, T3_NOTE);
    b.put(0, 3, (1, 7), Kind::Header, "申请人情况");
    b.put(1, 3, (2, 1), Kind::Header, TABLE3_COLUMNS[0].label);
    b.put(1, 4, (1, 5), Kind::Header, "法人或其他组织");
    b.put(1, 9, (2, 1), Kind::Header, TABLE3_COLUMNS[6].label);
    for (i, c) in TABLE3_COLUMNS[1..6].iter().enumerate() {
        b.put(2, 4 + i, (1, 1), Kind::Header, c.label);
    }
    b.row = 3;
    let v = version(table.format);
    let rows: Vec<_> = TABLE3_ROWS.iter().filter(|d| d.in_version(v)).collect();
    let data_rows_after = |i: usize, stop: &dyn Fn(&schema::RowDef) -> bool| {
        rows[i + 1..]
            .iter()
            .take_while(|d| !stop(d))
            .filter(|d| d.kind == RowKind::Data)
            .count()
    };
    let mut pending: Vec<(usize, String, usize)> = Vec::new();
    for (i, d) in rows.iter().enumerate() {
        if d.kind == RowKind::Group {
            // 三、 spans every outcome row; （三）… span their numbered sub-rows.
            let (col, n) = if d.key == "results" {
                (0, data_rows_after(i, &|x| x.key == "carry-next"))
            } else {
                (1, data_rows_after(i, &|x| x.group != Some(group_of(d))))
            };
            pending.push((col, d.full_label(), n));
            continue;
        }
        for (col, label, n) in pending.drain(..) {
            b.put(b.row, col, (n, 1), Kind::Group, &label);
        }
        let label = d.full_label();
        let (col, span) = match d.key {
            "new" | "carried" | "carry-next" => (0, 3),
            _ if d.group.is_some_and(|g| (3..=6).contains(&g)) => (2, 1),
            _ => (1, 2),
        };
        b.put(b.row, col, (1, span), Kind::Label, &label);
        b.values(
            3,
            &[1; 7],
            table.row(d.key).and_then(|r| r.values.as_deref()),
        );
        b.row += 1;
    }
    3
}

/// The group number （三）=3 … a group row stands for.
fn group_of(d: &schema::RowDef) -> u32 {
    match d.key {
        "denied" => 3,
        "unable" => 4,
        "notprocessed" => 5,
        _ => 6,
    }
}

pub const T4_RESULTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

fn table4(b: &mut Builder, table: &Table) -> usize {
    b.put(0, 0, (1, 5), Kind::Header, "行政复议");
    b.put(0, 5, (1, 10), Kind::Header, "行政诉讼");
    for (i, h) in T4_RESULTS.iter().enumerate() {
        b.put(1, i, (2, 1), Kind::Header, h);
    }
    b.put(1, 5, (1, 5), Kind::Header, "未经复议直接起诉");
    b.put(1, 10, (1, 5), Kind::Header, "复议后起诉");
    for g in 0..2 {
        for (i, h) in T4_RESULTS.iter().enumerate() {
            b.put(2, 5 + g * 5 + i, (1, 1), Kind::Header, h);
        }
    }
    b.row = 3;
    b.values(
        0,
        &[1; 15],
        table.row("row").and_then(|r| r.values.as_deref()),
    );
    b.row += 1;
    3
}

/// The official rows of a table, in order: (key, number of values).
pub fn official_rows(id: TableId, format: Format) -> Vec<(String, usize)> {
    let v = version(format);
    match id {
        TableId::T2 => schema::table2(v)
            .iter()
            .flat_map(|b| b.rows.iter().map(|r| (t2_key(b.item, r), b.columns.len())))
            .collect(),
        TableId::T3 => TABLE3_ROWS
            .iter()
            .filter(|d| d.in_version(v) && d.kind == RowKind::Data)
            .map(|d| (d.key.to_string(), 7))
            .collect(),
        TableId::T4 => vec![("row".to_string(), 15)],
    }
}

/// The printed label of a row key (with its numbering for table 三).
pub fn row_label(id: TableId, key: &str) -> String {
    match id {
        TableId::T2 => key
            .split_once('/')
            .map(|(_, l)| l)
            .unwrap_or(key)
            .to_string(),
        TableId::T3 => schema::table3_row(key)
            .map(|i| TABLE3_ROWS[i].full_label())
            .unwrap_or_default(),
        TableId::T4 => String::new(),
    }
}
