//! Bound report model: the syntax tree read against the official format.
//! Finds the title, report year, 统计期限, the six sections and the standard
//! items of 一, and binds the three tables row by row and cell by cell, with
//! every byte span kept. Where the text cannot be read without guessing
//! (cells lost or run together), the row is recorded as a shape problem and
//! its values are not used.

use crate::schema::{
    self, RowKind, SECTIONS, SUBITEMS, TABLE3_COLUMNS, TABLE3_ROWS, ValueKind, Version,
    normalize_label, split_numbering,
};
use crate::syntax::{self, Cell, Document, Line, NumberingKind, Separator};
use crate::text::Span;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Format version to bind against instead of the one the report shows.
    pub version: Option<Version>,
    /// Report year to assume when the draft does not state one.
    pub year: Option<i32>,
    /// The unit's name (config), used when the draft does not show it.
    pub unit: Option<String>,
    /// True for a 人民政府 (deadline 3月31日), false for a 部门 (1月31日).
    pub government: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Blank,
    /// `/`, `-`, `—`, `无`: written in place of a number.
    Marker,
    Int(i64),
    /// A decimal or an amount with a unit, e.g. `3168.0656(万元)`.
    Amount(f64),
    /// Not a number (e.g. `X`, `十`, `1 2`).
    Invalid,
}

impl Value {
    /// The value as an addend: blanks and markers count as 0.
    pub fn addend(&self) -> Option<i64> {
        match self {
            Value::Blank | Value::Marker => Some(0),
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }
    pub fn is_blankish(&self) -> bool {
        matches!(self, Value::Blank | Value::Marker)
    }
}

#[derive(Debug, Clone)]
pub struct BoundCell {
    pub cell: Cell,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub struct BoundRow {
    /// Index into [`TABLE3_ROWS`] (table 三) or the row's index in its table
    /// 二 block.
    pub def: usize,
    pub line: usize,
    /// Extra lines the row's label continued on (labels split by a break).
    pub extra_lines: Vec<usize>,
    pub label: Span,
    pub cells: Vec<BoundCell>,
}

impl BoundRow {
    pub fn span(&self, doc: &Document) -> Span {
        doc.lines[self.line].span
    }
}

/// A row whose cells could not be read: lost, extra, or run together.
#[derive(Debug, Clone)]
pub struct ShapeIssue {
    pub table: TableId,
    pub line: usize,
    pub span: Span,
    pub label: String,
    pub found: usize,
    pub expected: usize,
    pub run_together: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    T2,
    T3,
    T4,
}

impl TableId {
    pub fn zh(&self) -> &'static str {
        match self {
            TableId::T2 => "表二（主动公开政府信息情况）",
            TableId::T3 => "表三（收到和处理政府信息公开申请情况）",
            TableId::T4 => "表四（政府信息公开行政复议、行政诉讼情况）",
        }
    }
    pub fn en(&self) -> &'static str {
        match self {
            TableId::T2 => "table 2 (proactive disclosure)",
            TableId::T3 => "table 3 (requests received and handled)",
            TableId::T4 => "table 4 (administrative review and litigation)",
        }
    }
}

/// An unofficial wording of a row or column label.
#[derive(Debug, Clone)]
pub struct LabelVariant {
    pub table: TableId,
    /// The span to replace (the label without its numbering).
    pub span: Span,
    pub found: String,
    pub official: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Tab,
    Pipe,
    Space,
}

#[derive(Debug, Clone)]
pub struct Table2 {
    pub version: Option<Version>,
    /// Line of a header cell that shows the version (e.g. 本年新制作数量).
    pub version_evidence: Option<Span>,
    pub lines: (usize, usize),
    pub blocks: Vec<Table2BlockBound>,
}

#[derive(Debug, Clone)]
pub struct Table2BlockBound {
    pub item: u32,
    pub header: Span,
    pub header_line: usize,
    /// (row index in the schema block, bound row).
    pub rows: Vec<BoundRow>,
}

#[derive(Debug, Clone)]
pub struct Table3 {
    pub version: Version,
    /// How the version was decided: true when the table itself shows it.
    pub version_shown: bool,
    pub lines: (usize, usize),
    pub style: Style,
    /// Bound data rows by index into [`TABLE3_ROWS`].
    pub rows: Vec<Option<BoundRow>>,
    /// Numbers printed on a group label line （三）…（六）: (group, row).
    pub subtotals: Vec<(u32, BoundRow)>,
    /// Rows present whose cells could not be read (see `shape_issues`).
    pub unreadable: Vec<usize>,
    pub has_numbers: bool,
}

impl Table3 {
    pub fn row(&self, key: &str) -> Option<&BoundRow> {
        schema::table3_row(key).and_then(|i| self.rows[i].as_ref())
    }
}

#[derive(Debug, Clone)]
pub struct Table4 {
    pub header_line: usize,
    pub lines: (usize, usize),
    pub row: Option<BoundRow>,
    pub style: Style,
}

#[derive(Debug, Clone)]
pub struct SectionHeading {
    pub line: usize,
    pub span: Span,
    /// The numeral as written (`四` in `四、…`), if any.
    pub number: Option<u32>,
    pub number_span: Option<Span>,
    pub title: Span,
    /// Which of the six official sections the title names (1-based).
    pub matched: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct SubHeading {
    pub line: usize,
    pub span: Span,
    pub title: Span,
    /// Index into `Report::sections` of the section it belongs to.
    pub section: usize,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub lines: (usize, usize),
    pub span: Span,
    pub year: Option<(i32, Span)>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StatPeriod {
    pub line: usize,
    pub span: Span,
    pub year: Option<(i32, Span)>,
}

#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub doc: Document<'a>,
    pub title: Option<Title>,
    pub stat_period: Option<StatPeriod>,
    /// The report year (title, then 统计期限, then the option).
    pub year: Option<i32>,
    pub unit: Option<String>,
    /// The format the report must use (option, else its year).
    pub required_version: Option<Version>,
    /// The format the tables are written in (their own headers), else the
    /// required one, else 2019 when nothing is known.
    pub version: Version,
    pub sections: Vec<SectionHeading>,
    pub subsections: Vec<SubHeading>,
    pub table2: Option<Table2>,
    pub table3: Option<Table3>,
    pub table4: Option<Table4>,
    pub shape_issues: Vec<ShapeIssue>,
    pub variants: Vec<LabelVariant>,
    /// Line index where the body (first section or table) starts.
    pub body_start: usize,
    pub crlf: bool,
    /// True when the text looks like an annual report at all.
    pub looks_like_report: bool,
    /// 政府 (true) or 部门 (false), from the options or the unit's name;
    /// unknown for 乡镇/街道, which the 条例 gives no deadline.
    pub government: Option<bool>,
    /// The narrative's sentences, read on first use (see `prose::of`).
    pub prose: std::sync::OnceLock<Vec<crate::prose::Sentence>>,
}

impl<'a> Report<'a> {
    pub fn text(&self, span: Span) -> &'a str {
        self.doc.text(span)
    }
    pub fn section(&self, number: u32) -> Option<&SectionHeading> {
        self.sections.iter().find(|s| s.matched == Some(number))
    }
    /// The bound blocks of table 二 with their schema definitions (in the
    /// version the table shows, else the report's).
    pub fn table2_blocks(
        &self,
    ) -> impl Iterator<Item = (&Table2BlockBound, &'static schema::Table2Block)> {
        let version = self
            .table2
            .as_ref()
            .and_then(|t| t.version)
            .unwrap_or(self.version);
        self.table2
            .iter()
            .flat_map(|t| &t.blocks)
            .filter_map(move |b| {
                schema::table2(version)
                    .iter()
                    .find(|d| d.item == b.item)
                    .map(|d| (b, d))
            })
    }
    /// The span of the first line with text (empty at the start if none).
    pub fn first_text_line(&self) -> Span {
        self.doc
            .lines
            .iter()
            .find(|l| !l.is_blank())
            .map(|l| l.span)
            .unwrap_or_default()
    }
    /// The span of the last line with text (empty at the start if none).
    pub fn last_text_line(&self) -> Span {
        self.doc
            .lines
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .map(|l| l.span)
            .unwrap_or_default()
    }
    /// Whether a line belongs to one of the tables.
    pub fn in_table(&self, line: usize) -> bool {
        let within = |a: usize, b: usize| (a..=b).contains(&line);
        self.table2
            .as_ref()
            .is_some_and(|t| within(t.lines.0, t.lines.1))
            || self
                .table3
                .as_ref()
                .is_some_and(|t| within(t.lines.0, t.lines.1))
            || self
                .table4
                .as_ref()
                .is_some_and(|t| within(t.header_line, t.lines.1))
    }
    pub fn newline(&self) -> &'static str {
        if self.crlf { "\r\n" } else { "\n" }
    }
}

// ------------------------------------------------------------------ cells

/// Whether a cell holds (or stands for) a value rather than a label.
pub fn is_value_like(s: &str) -> bool {
    let t = s.trim_matches(syntax::is_space);
    if t.is_empty() {
        return true;
    }
    if matches!(
        t,
        "无" | "空" | "X" | "x" | "XX" | "×" | "/" | "／" | "-" | "—" | "–" | "——" | "－"
    ) {
        return true;
    }
    let mut has_digit = false;
    for c in t.chars() {
        match c {
            '0'..='9' | '０'..='９' => has_digit = true,
            '.' | ',' | '，' | '+' | '-' | '−' | '－' | '．' | '%' | '(' | ')' | '（' | '）'
            | '元' | '万' | '亿' | '件' | '条' | '个' | '项' | '次' | '：' | ':' | '单' | '位' =>
                {}
            c if syntax::is_space(c) => {}
            _ => return false,
        }
    }
    has_digit
}

fn fold_digits(s: &str) -> String {
    s.chars()
        .filter(|c| !syntax::is_space(*c))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '−' | '－' => '-',
            '，' => ',',
            _ => c,
        })
        .collect()
}

pub fn parse_value(s: &str, kind: ValueKind) -> Value {
    let t = s.trim_matches(syntax::is_space);
    if t.is_empty() {
        return Value::Blank;
    }
    if matches!(t, "/" | "／" | "-" | "—" | "–" | "——" | "－" | "无" | "空") {
        return Value::Marker;
    }
    // Two numbers in one cell (`1 2`) cannot be told apart.
    if t.split(syntax::is_space).filter(|p| !p.is_empty()).count() > 1
        && !t.contains('(')
        && !t.contains('（')
    {
        return Value::Invalid;
    }
    let mut f = fold_digits(t);
    if kind == ValueKind::Money {
        for unit in ["(万元)", "(元)", "（万元）", "（元）", "万元", "元"] {
            if let Some(x) = f.strip_suffix(unit) {
                f = x.to_string();
                break;
            }
        }
    }
    let body = f.strip_prefix('+').unwrap_or(&f);
    let plain: String = if body.contains(',')
        && body
            .split(',')
            .skip(1)
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    {
        body.replace(',', "")
    } else {
        body.to_string()
    };
    if let Ok(n) = plain.parse::<i64>() {
        return Value::Int(n);
    }
    if plain
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && let Ok(x) = plain.parse::<f64>()
    {
        return Value::Amount(x);
    }
    Value::Invalid
}

/// Chooses which `n` of a row's value cells are real, dropping blank cells
/// that copying left at the ends (merged label cells, ragged trailing `|`).
/// Returns `None` when the reading is not unique.
fn normalize_values(cells: &[Cell], n: usize) -> Option<Vec<Cell>> {
    if cells.len() < n {
        return None;
    }
    if cells.len() == n {
        return Some(cells.to_vec());
    }
    let trim = |trailing_first: bool| -> Vec<Cell> {
        let mut v = cells.to_vec();
        let mut excess = v.len() - n;
        let pass = |v: &mut Vec<Cell>, from_end: bool, excess: &mut usize| {
            while *excess > 0 {
                let idx = if from_end { v.len() - 1 } else { 0 };
                if v[idx].is_blank() {
                    v.remove(idx);
                    *excess -= 1;
                } else {
                    break;
                }
            }
        };
        pass(&mut v, trailing_first, &mut excess);
        pass(&mut v, !trailing_first, &mut excess);
        v
    };
    let a = trim(true);
    let b = trim(false);
    let same = a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x.is_blank() == y.is_blank() && (x.is_blank() || x.content == y.content));
    if !same {
        return None;
    }
    let mut v = a;
    if v.len() == n {
        return Some(v);
    }
    // Interior blanks: unique only if they form a single run.
    let blank_idx: Vec<usize> = (0..v.len()).filter(|&i| v[i].is_blank()).collect();
    let excess = v.len() - n;
    if blank_idx.len() >= excess
        && blank_idx.windows(2).all(|w| w[1] == w[0] + 1)
        && !blank_idx.is_empty()
    {
        let last = *blank_idx.last().unwrap_or(&0);
        for k in 0..excess {
            v.remove(last - k);
        }
        return Some(v);
    }
    None
}

/// Splits a row into label cells and value cells: the value cells are the
/// value-like cells after the last label-like cell.
fn split_row<'a>(doc: &Document<'a>, line: &Line) -> (Vec<Cell>, Vec<Cell>) {
    let cells: &[Cell] = &line.cells;
    let last_label = cells
        .iter()
        .rposition(|c| !is_value_like(doc.text(c.content)));
    match last_label {
        Some(i) => (
            cells[..=i]
                .iter()
                .filter(|c| !c.is_blank())
                .copied()
                .collect(),
            cells[i + 1..].to_vec(),
        ),
        None => (Vec::new(), cells.to_vec()),
    }
}

fn line_cells(line: &Line) -> Vec<Cell> {
    if line.sep == Separator::None {
        if line.inner.is_empty() {
            Vec::new()
        } else {
            vec![Cell {
                raw: line.span,
                content: line.inner,
            }]
        }
    } else {
        line.cells.clone()
    }
}

fn is_page_number(t: &str) -> bool {
    if t.len() > 24 || !t.starts_with(['-', '—', '–', '－', '第']) {
        return false;
    }
    let t: String = t.chars().filter(|c| !syntax::is_space(*c)).collect();
    if t.is_empty() {
        return false;
    }
    let strip = |s: &str| -> Option<String> {
        let s = s
            .trim_start_matches(['-', '—', '–', '－'])
            .trim_end_matches(['-', '—', '–', '－']);
        Some(s.to_string())
    };
    let dashed = (t.starts_with(['-', '—', '–', '－']) && t.ends_with(['-', '—', '–', '－']))
        .then(|| strip(&t))
        .flatten();
    if let Some(d) = dashed {
        return !d.is_empty() && d.chars().all(|c| c.is_ascii_digit());
    }
    if let Some(rest) = t.strip_prefix('第') {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        return !digits.is_empty() && rest[digits.len()..].starts_with('页');
    }
    false
}

// ------------------------------------------------------------------ tables

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quality {
    Exact,
    Variant,
    Prefix,
}

fn norm_body(label: &str) -> (Option<(NumberingKind, u32)>, String) {
    let n = normalize_label(label);
    let (num, body) = split_numbering(&n);
    (num, body.to_string())
}

fn strip_parens(s: &str) -> String {
    match s.find('(') {
        Some(p) if p > 0 => s[..p].to_string(),
        _ => s.to_string(),
    }
}

/// Matches a table 三 label against the rows of `version`.
/// The schema's row labels, normalized once.
struct NormalizedRow {
    canon: String,
    core: String,
    variants: Vec<String>,
}

fn normalized_rows() -> &'static [NormalizedRow] {
    static ROWS: std::sync::OnceLock<Vec<NormalizedRow>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        TABLE3_ROWS
            .iter()
            .map(|d| {
                let canon = normalize_label(d.label);
                NormalizedRow {
                    core: strip_parens(&canon),
                    canon,
                    variants: d.variants.iter().map(|v| normalize_label(v)).collect(),
                }
            })
            .collect()
    })
}

/// Normalized labels (whole, without parentheses, variants) → rows.
fn label_index() -> &'static std::collections::HashMap<String, Vec<(usize, Quality)>> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<String, Vec<(usize, Quality)>>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: std::collections::HashMap<String, Vec<(usize, Quality)>> = Default::default();
        for (i, n) in normalized_rows().iter().enumerate() {
            for (key, q) in std::iter::once((&n.canon, Quality::Exact))
                .chain(std::iter::once((&n.core, Quality::Exact)))
                .chain(n.variants.iter().map(|v| (v, Quality::Variant)))
            {
                let e = m.entry(key.clone()).or_default();
                if !e.contains(&(i, q)) {
                    e.push((i, q));
                }
            }
        }
        m
    })
}

fn match_t3(label: &str, version: Option<Version>, group: Option<u32>) -> Option<(usize, Quality)> {
    let (num, body) = norm_body(label);
    if body.is_empty() {
        return None;
    }
    let core = strip_parens(&body);
    // Exact and variant matches by lookup; only a miss scans for prefixes.
    let index = label_index();
    let allowed = |i: usize| {
        let def = &TABLE3_ROWS[i];
        version.is_none_or(|v| def.in_version(v))
            && !(def.key == "other3" && !(group == Some(6) && num.is_some()))
    };
    let mut best: Option<(usize, Quality)> = None;
    for &(i, q) in index
        .get(&body)
        .into_iter()
        .chain(index.get(&core))
        .flatten()
    {
        if !allowed(i) {
            continue;
        }
        let better = match best {
            None => true,
            Some((bi, bq)) => {
                rank(q) > rank(bq)
                    || (rank(q) == rank(bq)
                        && TABLE3_ROWS[i].group == group
                        && TABLE3_ROWS[bi].group != group)
            }
        };
        if better {
            best = Some((i, q));
        }
    }
    if best.is_some() {
        return best;
    }
    match_t3_prefix(&num, &body, &core, version, group)
}

fn match_t3_prefix(
    num: &Option<(NumberingKind, u32)>,
    body: &str,
    core: &str,
    version: Option<Version>,
    group: Option<u32>,
) -> Option<(usize, Quality)> {
    let num = *num;
    let long_enough = body.chars().nth(3).is_some();
    let mut best: Option<(usize, Quality)> = None;
    for (i, def) in TABLE3_ROWS.iter().enumerate() {
        if let Some(v) = version
            && !def.in_version(v)
        {
            continue;
        }
        // 3.其他 exists only under （六）: anywhere else 其他 is a column.
        if def.key == "other3" && !(group == Some(6) && num.is_some()) {
            continue;
        }
        let norm = &normalized_rows()[i];
        let (canon, canon_core) = (&norm.canon, &norm.core);
        let q = if body == *canon || core == *canon_core {
            Quality::Exact
        } else if norm.variants.iter().any(|v| *v == body || *v == core) {
            Quality::Variant
        } else if long_enough && canon.starts_with(body) {
            Quality::Prefix
        } else {
            continue;
        };
        // Prefer the row in the current group when bodies repeat.
        let better = match best {
            None => true,
            Some((bi, bq)) => {
                rank(q) > rank(bq)
                    || (rank(q) == rank(bq) && def.group == group && TABLE3_ROWS[bi].group != group)
            }
        };
        if better {
            best = Some((i, q));
        }
    }
    best
}

fn rank(q: Quality) -> u8 {
    match q {
        Quality::Exact => 3,
        Quality::Variant => 2,
        Quality::Prefix => 1,
    }
}

fn column_variant(text: &str) -> Option<(usize, bool)> {
    // Column labels are 2–6 CJK characters: numbers and long labels are not.
    if text.len() > 24 || text.len() < 6 || text.bytes().next().is_some_and(|b| b.is_ascii_digit())
    {
        return None;
    }
    let n = normalize_label(text);
    for (i, c) in TABLE3_COLUMNS.iter().enumerate() {
        if n == c.label {
            return Some((i, false));
        }
        if c.variants.iter().any(|v| *v == n) {
            return Some((i, true));
        }
    }
    None
}

/// The body of a label cell after its numbering, as a span.
fn label_body_span(doc: &Document, cell: Span) -> Span {
    let t = doc.text(cell);
    let mut skip = 0usize;
    let mut chars = t.char_indices().peekable();
    // Numbering: 一、 / （一） / (一) / 1. / 1、
    if let Some(&(_, c)) = chars.peek() {
        if c == '（' || c == '(' {
            if let Some(p) = t.find(['）', ')']) {
                let close = t[p..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
                skip = p + close;
            }
        } else if let Some(p) = t.find('、')
            && (syntax::chinese_numeral(t[..p].trim()).is_some()
                || t[..p].trim().bytes().all(|b| b.is_ascii_digit()) && p > 0 && p <= 3)
        {
            skip = p + '、'.len_utf8();
        }
        if skip == 0 {
            let d = t.bytes().take_while(|b| b.is_ascii_digit()).count();
            if d > 0 && d <= 2 && t[d..].starts_with(['.', '．']) {
                skip = d + t[d..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
            }
        }
    }
    let rest = &t[skip..];
    let lead = rest.len() - rest.trim_start_matches(syntax::is_space).len();
    Span::new(cell.start + skip + lead, cell.end)
}

fn style_of(sep: Separator) -> Style {
    match sep {
        Separator::Pipe => Style::Pipe,
        Separator::Space | Separator::None => Style::Space,
        Separator::Tab => Style::Tab,
    }
}

fn table2_item(norm: &str) -> Option<u32> {
    let p = norm.find("第二十条")?;
    let rest = &norm[p + "第二十条".len()..];
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let rest = rest.strip_prefix('(')?;
    let close = rest.find(')')?;
    let item = syntax::chinese_numeral(&rest[..close])?;
    rest[close + 1..].starts_with('项').then_some(item)
}

fn is_t4_header(doc: &Document, line: &Line) -> bool {
    if line.sep == Separator::None {
        return false;
    }
    let raw = doc.text(line.span);
    if raw.contains('讼') && raw.contains('议') {
        let mut review = false;
        let mut suit = false;
        for c in &line.cells {
            let n = normalize_label(doc.text(c.content));
            review |= n == "行政复议";
            suit |= n == "行政诉讼";
        }
        if review && suit {
            return true;
        }
    }
    // The group headers lost or on lines of their own: the result columns.
    raw.contains("维持")
        && line
            .cells
            .iter()
            .filter(|c| {
                let n = normalize_label(doc.text(c.content));
                ["结果维持", "结果纠正", "其他结果", "尚未审结"].contains(&n.as_str())
            })
            .count()
            >= 3
}

fn is_t3_anchor(norm: &str) -> bool {
    norm.contains("勾稽关系") || norm.contains("申请人情况")
}

/// A prose paragraph ends a table.
fn is_prose(doc: &Document, line: &Line) -> bool {
    if line.sep == Separator::Tab || line.sep == Separator::Pipe {
        return false;
    }
    let t = doc.text(line.inner);
    let n = t.chars().count();
    (t.contains('。') && n > 12) || n > 60
}

/// Looks for a top-level heading `一、…` on a line that is not a table row.
fn heading_of(doc: &Document, line: &Line) -> Option<(Option<u32>, Option<Span>, Span)> {
    if line.sep == Separator::Tab || line.sep == Separator::Pipe {
        return None;
    }
    // `四、结转下年度继续办理 0 0 0 0 0 0 0`: a table row copied from a PDF.
    if line.sep == Separator::Space
        && line.cells.len() >= 2
        && line.cells.last().is_some_and(|c| {
            let t = doc.text(c.content);
            t.chars().any(|ch| ch.is_ascii_digit()) && is_value_like(t)
        })
    {
        return None;
    }
    let numbered = line
        .numbering
        .is_some_and(|n| n.kind == NumberingKind::Chinese);
    if !numbered && line.md_level == 0 {
        return None;
    }
    let title = doc.text(line.title);
    let title_chars = title.chars().count();
    match line.numbering {
        Some(n) if n.kind == NumberingKind::Chinese => {
            if title_chars == 0 || title_chars > 32 {
                return None;
            }
            Some((Some(n.value), Some(n.span), line.title))
        }
        None if line.md_level > 0 && title_chars > 0 && title_chars <= 24 => {
            // Unnumbered headings count only when they name a section in
            // full: `### 改进措施` is a sub-heading, not section 五.
            let norm = normalize_label(title);
            SECTIONS
                .iter()
                .any(|s| norm.contains(s.title))
                .then_some((None, None, line.title))
        }
        _ => None,
    }
}

fn section_of(norm_title: &str) -> Vec<u32> {
    SECTIONS
        .iter()
        .filter(|s| {
            s.keywords
                .iter()
                .any(|set| set.iter().all(|k| norm_title.contains(k)))
        })
        .map(|s| s.number)
        .collect()
}

// ------------------------------------------------------------------ binder

struct Binder<'r, 'a> {
    doc: &'r Document<'a>,
    /// Cell index of the first value column in the current table's header
    /// (tab or pipe tables that kept their grid).
    grid_offset: Option<usize>,
    fallback_version: Option<Version>,
    shape: Vec<ShapeIssue>,
    variants: Vec<LabelVariant>,
    consumed: Vec<bool>,
}

struct PendingT3 {
    rows: Vec<(usize, BoundRowDraft)>,
    start: usize,
    end: usize,
    style: Option<Style>,
}

#[derive(Clone)]
struct BoundRowDraft {
    def: usize,
    line: usize,
    extra_lines: Vec<usize>,
    label: Span,
    values: Vec<Cell>,
    quality: Quality,
    has_child_label: bool,
}

impl<'r, 'a> Binder<'r, 'a> {
    fn text(&self, s: Span) -> &'a str {
        self.doc.text(s)
    }

    /// Reads a row by the table's grid when the copy kept it: the values
    /// sit at the column where the header has 自然人, every label cell is to
    /// its left and nothing but blanks follows the last column.
    fn grid_reading(&self, line: usize, n: usize) -> Option<Vec<Cell>> {
        let off = self.grid_offset?;
        let cells = &self.doc.lines[line].cells;
        if cells.len() < off + n || cells[off + n..].iter().any(|c| !c.is_blank()) {
            return None;
        }
        let label_right = cells[off..off + n]
            .iter()
            .any(|c| !is_value_like(self.text(c.content)));
        (!label_right).then(|| cells[off..off + n].to_vec())
    }

    fn bind_values(
        &mut self,
        table: TableId,
        line: usize,
        label: &str,
        values: &[Cell],
        kinds: &[ValueKind],
    ) -> Option<Vec<BoundCell>> {
        let n = kinds.len();
        let run_together = values.iter().any(|c| {
            self.text(c.content)
                .split(syntax::is_space)
                .filter(|p| !p.is_empty())
                .count()
                > 1
        });
        let reading = normalize_values(values, n).or_else(|| self.grid_reading(line, n));
        match reading {
            Some(cells) if !run_together => Some(
                cells
                    .into_iter()
                    .zip(kinds)
                    .map(|(cell, kind)| BoundCell {
                        value: parse_value(self.text(cell.content), *kind),
                        cell,
                    })
                    .collect(),
            ),
            _ => {
                let found = values.len()
                    - values
                        .iter()
                        .rev()
                        .take_while(|c| c.is_blank())
                        .count()
                        .min(values.len().saturating_sub(n));
                self.shape.push(ShapeIssue {
                    table,
                    line,
                    span: self.doc.lines[line].span,
                    label: label.to_string(),
                    found: if values.len() > n {
                        values.len().max(found)
                    } else {
                        found
                    },
                    expected: n,
                    run_together,
                });
                None
            }
        }
    }

    fn bind_table2(&mut self, start: usize) -> (Table2, usize) {
        let doc = self.doc;
        let mut t = Table2 {
            version: None,
            version_evidence: None,
            lines: (start, start),
            blocks: Vec::new(),
        };
        let mut i = start;
        let mut last = start;
        while i < doc.lines.len() {
            let line = &doc.lines[i];
            if line.is_blank() || is_page_number(self.text(line.inner)) {
                i += 1;
                continue;
            }
            let raw = self.text(line.inner);
            let norm = if raw.contains('条') || raw.contains('稽') || raw.contains('况') {
                normalize_label(raw)
            } else {
                String::new()
            };
            if let Some(item) = table2_item(&norm) {
                if item == 9 && t.version.is_none() {
                    t.version = Some(Version::V2019);
                    t.version_evidence = Some(line.inner);
                }
                t.blocks.push(Table2BlockBound {
                    item,
                    header: line.inner,
                    header_line: i,
                    rows: Vec::new(),
                });
                last = i;
                i += 1;
                continue;
            }
            let opens_table =
                raw.contains("信息内容") || TABLE2_ROW_LABELS.iter().any(|l| raw.starts_with(l));
            if (t.blocks.is_empty() && !opens_table)
                || is_t3_anchor(&norm)
                || is_t4_header(doc, line)
                || heading_of(doc, line).is_some()
                || is_prose(doc, line)
            {
                break;
            }
            let cells = line_cells(line);
            let first = cells
                .iter()
                .find(|c| !c.is_blank())
                .map(|c| normalize_label(self.text(c.content)));
            if first.as_deref() == Some("信息内容") {
                for c in &cells {
                    let h = normalize_label(self.text(c.content));
                    let v = if [
                        "本年新制作数量",
                        "本年新公开数量",
                        "对外公开总数量",
                        "上一年项目数量",
                        "本年增/减",
                        "采购项目数量",
                        "采购总金额",
                    ]
                    .contains(&h.as_str())
                    {
                        Some(Version::V2019)
                    } else if [
                        "本年制发件数",
                        "本年废止件数",
                        "现行有效件数",
                        "本年处理决定数量",
                    ]
                    .contains(&h.as_str())
                        || h.starts_with("本年收费金额")
                    {
                        Some(Version::V2021)
                    } else {
                        None
                    };
                    if let Some(v) = v
                        && t.version.is_none()
                    {
                        t.version = Some(v);
                        t.version_evidence = Some(c.content);
                    }
                }
                last = i;
                i += 1;
                continue;
            }
            let version = t
                .version
                .or(self.fallback_version)
                .unwrap_or(Version::V2019);
            let (labels, values) = split_row(doc, line);
            if let Some(label_cell) = labels.last() {
                let n = normalize_label(self.text(label_cell.content));
                // The block is the one whose header came last; a row of
                // another block means its header was lost: open that block.
                let item = t.blocks.last().map(|b| b.item).unwrap_or(0);
                let in_block = |b: &schema::Table2Block| {
                    b.rows.iter().any(|r| normalize_label(r) == n)
                        || schema::TABLE2_ROW_VARIANTS
                            .iter()
                            .any(|(v, off)| *v == n && b.rows.contains(off))
                };
                let blocks = schema::table2(version);
                let current = blocks
                    .iter()
                    .find(|b| b.item == item)
                    .filter(|b| in_block(b));
                let Some(block) = current.or_else(|| blocks.iter().find(|b| in_block(b))) else {
                    i += 1;
                    continue;
                };
                if block.item != item {
                    t.blocks.push(Table2BlockBound {
                        item: block.item,
                        header: line.inner,
                        header_line: i,
                        rows: Vec::new(),
                    });
                }
                let found = block
                    .rows
                    .iter()
                    .position(|r| normalize_label(r) == n)
                    .map(|p| (p, false))
                    .or_else(|| {
                        schema::TABLE2_ROW_VARIANTS
                            .iter()
                            .find(|(v, _)| *v == n)
                            .and_then(|(_, off)| block.rows.iter().position(|r| r == off))
                            .map(|p| (p, true))
                    });
                if let Some((p, variant)) = found {
                    if variant {
                        self.variants.push(LabelVariant {
                            table: TableId::T2,
                            span: label_cell.content,
                            found: self.text(label_cell.content).to_string(),
                            official: block.rows[p].to_string(),
                        });
                    }
                    let kinds: Vec<ValueKind> = block.columns.iter().map(|c| c.1).collect();
                    if let Some(cells) =
                        self.bind_values(TableId::T2, i, block.rows[p], &values, &kinds)
                        && let Some(b) = t.blocks.last_mut()
                    {
                        b.rows.push(BoundRow {
                            def: p,
                            line: i,
                            extra_lines: Vec::new(),
                            label: label_cell.content,
                            cells,
                        });
                    }
                    self.consumed[i] = true;
                    last = i;
                }
            }
            i += 1;
        }
        t.lines = (start, last);
        (t, last + 1)
    }

    fn bind_table3(&mut self, start: usize) -> (Table3, usize) {
        self.grid_offset = None;
        let doc = self.doc;
        let mut pending = PendingT3 {
            rows: Vec::new(),
            start,
            end: start,
            style: None,
        };
        let mut group: Option<u32> = None;
        let mut fragment: Option<(String, Span)> = None;
        let mut i = start;
        // The version the sub-rows of （六） show, if any.
        let mut shows_2021 = false;
        while i < doc.lines.len() {
            let line = &doc.lines[i];
            if line.is_blank() || is_page_number(self.text(line.inner)) {
                i += 1;
                continue;
            }
            let raw_line = self.text(line.inner);
            let norm_line = if raw_line.contains("二十条")
                || raw_line.contains('勾')
                || raw_line.contains("申请人")
            {
                normalize_label(raw_line)
            } else {
                String::new()
            };
            if i != start && (is_t4_header(doc, line) || table2_item(&norm_line).is_some()) {
                break;
            }
            if line.sep == Separator::None || line.sep == Separator::Space {
                // An unnumbered Markdown heading naming a section ends the table.
                if let Some((None, _, _)) = heading_of(doc, line) {
                    break;
                }
                if let Some((Some(n), _, title)) = heading_of(doc, line) {
                    let (_, body) = norm_body(self.text(line.inner));
                    let (labels, _) = split_row(doc, line);
                    let label: String = labels.iter().map(|c| self.text(c.content)).collect();
                    let is_row = match_t3(&body, None, group).is_some()
                        || match_t3(&label, None, group).is_some();
                    if !(is_row || n == 3 && self.text(title).contains("办理结果")) {
                        break;
                    }
                }
                if is_prose(doc, line)
                    && !is_t3_anchor(&norm_line)
                    && line
                        .cells
                        .iter()
                        .filter(|c| column_variant(self.text(c.content)).is_some())
                        .count()
                        < 2
                {
                    break;
                }
            }
            let cells = line_cells(line);
            let lcells: Vec<Cell> = cells.iter().filter(|c| !c.is_blank()).copied().collect();
            // Header lines: several column labels.
            let cols: Vec<(Cell, usize, bool)> = lcells
                .iter()
                .filter_map(|c| column_variant(self.text(c.content)).map(|(k, v)| (*c, k, v)))
                .collect();
            if cols.len() >= 2 || is_t3_anchor(&norm_line) {
                if matches!(line.sep, Separator::Tab | Separator::Pipe)
                    && let Some(k) = line
                        .cells
                        .iter()
                        .position(|c| normalize_label(self.text(c.content)) == "自然人")
                {
                    self.grid_offset = Some(k);
                }
                for (c, k, variant) in cols {
                    if variant {
                        self.variants.push(LabelVariant {
                            table: TableId::T3,
                            span: c.content,
                            found: self.text(c.content).to_string(),
                            official: TABLE3_COLUMNS[k].label.to_string(),
                        });
                    }
                }
                self.consumed[i] = true;
                pending.end = i;
                i += 1;
                continue;
            }
            let (labels, values) = split_row(doc, line);
            let has_values = values.iter().any(|c| !c.is_blank());
            // Find the row: the last label cell that names a row; group
            // labels before it set the group.
            let mut matched: Option<(usize, Quality, Span)> = None;
            let mut child = false;
            for (k, lc) in labels.iter().enumerate() {
                let t = self.text(lc.content);
                if let Some((def, q)) = match_t3(t, None, group) {
                    let d = &TABLE3_ROWS[def];
                    if d.kind == RowKind::Group && d.key != "other-group" && d.key != "results" {
                        group = match d.key {
                            "denied" => Some(3),
                            "unable" => Some(4),
                            "notprocessed" => Some(5),
                            _ => group,
                        };
                    }
                    if let Some(g) = d.group {
                        group = Some(g);
                    }
                    if d.key == "other" {
                        group = Some(6);
                    }
                    if d.key == "results" && k + 1 < labels.len() {
                        continue;
                    }
                    child = k > 0;
                    matched = Some((def, q, lc.content));
                }
            }
            // A label split over two lines: join with a fragment line.
            if let Some((ftext, fspan)) = fragment.take() {
                let own = labels
                    .last()
                    .map(|c| self.text(c.content).to_string())
                    .unwrap_or_default();
                let joined = format!("{ftext}{own}");
                if let Some((def, q)) = match_t3(&joined, None, group)
                    && q == Quality::Exact
                    && matched.is_none_or(|(_, mq, _)| mq != Quality::Exact)
                {
                    let end = labels.last().map(|c| c.content.end).unwrap_or(fspan.end);
                    matched = Some((def, q, Span::new(fspan.start, end.max(fspan.end))));
                }
            }
            if !has_values {
                if let Some((def, _, _)) = matched
                    && TABLE3_ROWS[def].kind == RowKind::Group
                {
                    self.consumed[i] = true;
                    pending.end = i;
                    i += 1;
                    continue;
                }
                // Continuation of the previous row's label (`申请` after
                // `4.无正当理由大量反复`)?
                if let Some(last_lbl) = labels.last() {
                    let piece = self.text(last_lbl.content).to_string();
                    if let Some((_, prev)) = pending.rows.last_mut()
                        && prev.quality != Quality::Exact
                    {
                        let joined = format!("{}{}", self.text(prev.label), piece);
                        if let Some((def, Quality::Exact)) = match_t3(&joined, None, group)
                            && def == prev.def
                        {
                            prev.quality = Quality::Exact;
                            prev.extra_lines.push(i);
                            self.consumed[i] = true;
                            pending.end = i;
                            i += 1;
                            continue;
                        }
                    }
                    if matched.is_none() || matches!(matched, Some((_, Quality::Prefix, _))) {
                        fragment = Some((piece, last_lbl.content));
                        self.consumed[i] = true;
                        pending.end = i;
                        i += 1;
                        continue;
                    }
                }
            }
            if let Some((def, q, label)) = matched {
                if TABLE3_ROWS[def].key == "other3"
                    || TABLE3_ROWS[def].key == "other1"
                    || TABLE3_ROWS[def].key == "other2"
                {
                    shows_2021 = true;
                }
                pending.style.get_or_insert(style_of(line.sep));
                pending.rows.push((
                    def,
                    BoundRowDraft {
                        def,
                        line: i,
                        extra_lines: Vec::new(),
                        label,
                        values,
                        quality: q,
                        has_child_label: child,
                    },
                ));
                self.consumed[i] = true;
                pending.end = i;
            } else if !labels.is_empty() && !has_values {
                // Vertical header pieces (`结`, `理`): part of the table.
                self.consumed[i] = true;
                pending.end = i;
            } else if labels.is_empty() && has_values {
                // Values with no label at all: cannot be placed.
                self.shape.push(ShapeIssue {
                    table: TableId::T3,
                    line: i,
                    span: line.span,
                    label: String::new(),
                    found: values.iter().filter(|c| !c.is_blank()).count(),
                    expected: 7,
                    run_together: false,
                });
                self.consumed[i] = true;
                pending.end = i;
            } else if !labels.is_empty() {
                pending.end = i;
            }
            i += 1;
        }
        // Decide the version the table is written in.
        let other_has_values = pending
            .rows
            .iter()
            .any(|(d, r)| TABLE3_ROWS[*d].key == "other" && r.values.iter().any(|c| !c.is_blank()));
        let (version, shown) = if shows_2021 {
            (Version::V2021, true)
        } else if other_has_values {
            (Version::V2019, true)
        } else {
            (self.fallback_version.unwrap_or(Version::V2019), false)
        };
        let mut table = Table3 {
            version,
            version_shown: shown,
            lines: (pending.start, pending.end),
            style: pending.style.unwrap_or(Style::Tab),
            rows: vec![None; TABLE3_ROWS.len()],
            subtotals: Vec::new(),
            unreadable: Vec::new(),
            has_numbers: false,
        };
        let kinds = [ValueKind::Count; 7];
        for (mut def, draft) in pending.rows {
            if TABLE3_ROWS[def].key == "other" && version == Version::V2021 {
                def = schema::table3_row("other-group").unwrap_or(def);
            }
            let d = &TABLE3_ROWS[def];
            if !d.in_version(version) {
                continue;
            }
            let label_text = d.full_label();
            if draft.quality == Quality::Variant || draft.quality == Quality::Prefix {
                let body = label_body_span(self.doc, draft.label);
                if draft.quality == Quality::Variant {
                    self.variants.push(LabelVariant {
                        table: TableId::T3,
                        span: body,
                        found: self.text(body).to_string(),
                        official: d.label.to_string(),
                    });
                }
            }
            let has_values = draft.values.iter().any(|c| !c.is_blank());
            if d.kind == RowKind::Group {
                if has_values && !draft.has_child_label {
                    let group = match d.key {
                        "denied" => 3,
                        "unable" => 4,
                        "notprocessed" => 5,
                        "other-group" => 6,
                        _ => continue,
                    };
                    if let Some(cells) = self.bind_values(
                        TableId::T3,
                        draft.line,
                        &label_text,
                        &draft.values,
                        &kinds,
                    ) {
                        table.has_numbers |= cells.iter().any(|c| !c.value.is_blankish());
                        table.subtotals.push((
                            group,
                            BoundRow {
                                def,
                                line: draft.line,
                                extra_lines: draft.extra_lines,
                                label: draft.label,
                                cells,
                            },
                        ));
                    }
                }
                continue;
            }
            if table.rows[def].is_some() {
                // The same row twice: keep the first, the second is not bound.
                continue;
            }
            if let Some(cells) =
                self.bind_values(TableId::T3, draft.line, &label_text, &draft.values, &kinds)
            {
                table.has_numbers |= cells.iter().any(|c| !c.value.is_blankish());
                table.rows[def] = Some(BoundRow {
                    def,
                    line: draft.line,
                    extra_lines: draft.extra_lines,
                    label: draft.label,
                    cells,
                });
            } else {
                table.has_numbers = true;
                table.unreadable.push(def);
            }
        }
        self.grid_offset = None;
        let next = pending.end + 1;
        (table, next.max(start + 1))
    }

    fn bind_table4(&mut self, start: usize) -> (Table4, usize) {
        let doc = self.doc;
        let mut t = Table4 {
            header_line: start,
            lines: (start, start),
            row: None,
            style: style_of(doc.lines[start].sep),
        };
        self.consumed[start] = true;
        let mut i = start + 1;
        let kinds = [ValueKind::Count; 15];
        while i < doc.lines.len() {
            let line = &doc.lines[i];
            if line.is_blank() || is_page_number(self.text(line.inner)) {
                i += 1;
                continue;
            }
            if heading_of(doc, line).is_some() || is_prose(doc, line) {
                break;
            }
            let norm = normalize_label(self.text(line.inner));
            if is_t3_anchor(&norm) || table2_item(&norm).is_some() {
                break;
            }
            let cells = line_cells(line);
            let all_values = cells.iter().all(|c| is_value_like(self.text(c.content)));
            let any_number = cells.iter().any(|c| !c.is_blank());
            if all_values && any_number {
                if t.row.is_none() {
                    let bound = self.bind_values(TableId::T4, i, "", &cells, &kinds);
                    t.row = bound.map(|cells| BoundRow {
                        def: 0,
                        line: i,
                        extra_lines: Vec::new(),
                        label: Span::empty(line.span.start),
                        cells,
                    });
                    if t.row.is_none() {
                        // Shape problem reported; remember the line anyway.
                        t.lines.1 = i;
                        self.consumed[i] = true;
                        break;
                    }
                }
                self.consumed[i] = true;
                t.lines.1 = i;
                break;
            }
            // Header pieces: every cell a header word or a fragment of one.
            let headerish = cells.iter().all(|c| {
                let n = normalize_label(self.text(c.content));
                n.is_empty() || n.chars().count() <= 8 && !n.contains('。')
            });
            if !headerish {
                break;
            }
            self.consumed[i] = true;
            t.lines.1 = i;
            i += 1;
        }
        let next = t.lines.1 + 1;
        (t, next)
    }
}

// ------------------------------------------------------------------ header

fn find_year(s: &str) -> Option<(i32, usize, usize)> {
    // `2020年`, `2020 年`; returns (year, byte start, byte end of digits).
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let rest = s[i + 4..].trim_start_matches(syntax::is_space);
            if rest.starts_with('年') {
                let y: i32 = s[i..i + 4].parse().ok()?;
                if (1990..=2100).contains(&y) {
                    return Some((y, i, i + 4));
                }
            }
        }
        i += 1;
    }
    None
}

fn find_title(doc: &Document, body_start: usize) -> Option<Title> {
    let mut seen = 0;
    let mut prev_short: Option<usize> = None;
    for (i, line) in doc.lines.iter().enumerate().take(body_start.max(1)) {
        if line.is_blank() {
            continue;
        }
        seen += 1;
        if seen > 8 {
            break;
        }
        let t = doc.text(line.inner);
        // Only a line that mentions a report can be the title.
        if !(t.contains("报告") || t.contains("年报")) || t.len() > 400 {
            prev_short = (t.chars().nth(30).is_none()
                && !t.contains('。')
                && !t.contains('，')
                && !t.contains(','))
            .then_some(i);
            continue;
        }
        let n = normalize_label(t);
        let chars = n.chars().count();
        let is_title = (n.contains("年度报告") || n.contains("年报") || n.ends_with("报告"))
            && (n.contains("政府信息公开") || n.contains("政务公开") || n.contains("信息公开"))
            && chars <= 60
            && !n.starts_with("本")
            && !n.starts_with("根据")
            && !n.contains('。');
        if is_title {
            let mut first = i;
            let mut span = line.inner;
            if let Some(p) = prev_short
                && find_year(&n).is_some_and(|(_, s, _)| s == 0)
            {
                first = p;
                span = doc.lines[p].inner.cover(span);
            }
            let full = doc.text(span);
            let year =
                find_year(full).map(|(y, s, e)| (y, Span::new(span.start + s, span.start + e)));
            let unit = title_unit(full);
            return Some(Title {
                lines: (first, i),
                span,
                year,
                unit,
            });
        }
        prev_short = (chars <= 30 && !n.contains('。') && !n.contains(',')).then_some(i);
    }
    None
}

fn title_unit(title: &str) -> Option<String> {
    let n: String = title
        .chars()
        .filter(|c| !syntax::is_space(*c) && *c != '*')
        .collect();
    let year = find_year(&n);
    let cut = n.find("政府信息公开").or_else(|| n.find("政务公开"))?;
    let unit = match year {
        Some((_, 0, e)) => n[e..cut].trim_start_matches('年').to_string(),
        Some((_, s, _)) if s < cut => n[..s].to_string(),
        _ => n[..cut].to_string(),
    };
    let unit = unit
        .trim_end_matches('的')
        .trim_end_matches("关于")
        .to_string();
    (!unit.is_empty()).then_some(unit)
}

fn find_stat_period(doc: &Document, limit: usize) -> Option<StatPeriod> {
    for (i, line) in doc.lines.iter().enumerate().take(limit) {
        let t = doc.text(line.inner);
        if !t.contains('统') {
            continue;
        }
        for key in [
            "统计期限",
            "统计时限",
            "统计时间",
            "统计区间",
            "统计周期",
            "统计期间",
        ] {
            if let Some(p) = t.find(key) {
                let after = &t[p..];
                let end = after.find('。').map(|e| p + e).unwrap_or(t.len());
                let span = Span::new(line.inner.start + p, line.inner.start + end);
                let year = find_year(&t[p..end])
                    .map(|(y, s, e)| (y, Span::new(span.start + s, span.start + e)));
                return Some(StatPeriod {
                    line: i,
                    span,
                    year,
                });
            }
        }
    }
    None
}

fn infer_unit(doc: &Document) -> Option<String> {
    for line in doc.lines.iter().take(12) {
        let t = doc.text(line.inner);
        if let Some(p) = t.find("本报告由") {
            let rest = &t[p + "本报告由".len()..];
            let end = ["根据", "依据", "按照", "编制", "汇总", "负责"]
                .iter()
                .filter_map(|k| rest.find(k))
                .min()?;
            let unit = rest[..end].trim_matches(syntax::is_space);
            if !unit.is_empty() && unit.chars().count() <= 30 {
                return Some(unit.to_string());
            }
        }
    }
    None
}

/// 政府 or 部门 from a unit's name; `None` for 乡镇/街道 and unclear names.
pub fn unit_kind(unit: &str) -> Option<bool> {
    if ["镇", "乡", "街道"].iter().any(|k| unit.contains(k)) {
        return None;
    }
    if unit.ends_with("人民政府") {
        return Some(true);
    }
    let department = [
        "局",
        "委员会",
        "委",
        "办公室",
        "办",
        "厅",
        "中心",
        "院",
        "署",
        "部",
        "处",
        "所",
        "站",
        "馆",
        "队",
    ];
    department
        .iter()
        .any(|k| unit.ends_with(k))
        .then_some(false)
}

// ------------------------------------------------------------------ entry

/// Text copied from a web page often loses its line breaks: headings,
/// table rows and prose run together on one long line. Such a line is cut
/// into virtual lines (sub-spans of the same line) before a heading
/// (`二、主动公开政府信息情况`), a table marker (`第二十条第（一）项`, `信息内容`,
/// the note of table 三, `行政复议 行政诉讼`), an official row label that
/// follows a number, and after a title ending in 年度报告.
fn reflow(doc: Document<'_>) -> Document<'_> {
    let src = doc.source;
    // Only a long line that holds a table or several sections is cut: an
    // ordinary paragraph is left alone.
    let long = |l: &Line| {
        if l.span.len() <= 300 || !matches!(l.sep, Separator::None | Separator::Space) {
            return false;
        }
        let t = &src[l.span.range()];
        let sections = [
            "主动公开政府信息情况",
            "收到和处理",
            "行政复议",
            "存在的主要问题",
            "其他需要报告",
        ]
        .iter()
        .filter(|k| t.contains(*k))
        .count();
        t.contains("二十条") || t.contains("勾稽") || sections >= 2
    };
    if !doc.lines.iter().any(long) {
        return doc;
    }
    let mut lines = Vec::with_capacity(doc.lines.len() * 2);
    for line in doc.lines {
        if !long(&line) {
            lines.push(line);
            continue;
        }
        let cuts = cut_points(src, line.span);
        if cuts.is_empty() {
            lines.push(line);
            continue;
        }
        let mut start = line.span.start;
        for cut in cuts.into_iter().chain(std::iter::once(line.span.end)) {
            if cut > start {
                lines.push(syntax::parse_line(src, Span::new(start, cut)));
            }
            start = cut;
        }
    }
    Document { source: src, lines }
}

fn cut_points(src: &str, span: Span) -> Vec<usize> {
    let text = &src[span.range()];
    let mut cuts = Vec::new();
    let boundary_before = |i: usize| {
        text[..i].chars().next_back().is_none_or(|c| {
            syntax::is_space(c) || matches!(c, '。' | '；' | '！' | '？' | ')' | '）' | '|')
        })
    };
    // Section headings and the items of 一.
    for (i, c) in text.char_indices() {
        if !boundary_before(i) || i == 0 {
            continue;
        }
        let rest = &text[i..];
        // A heading ends at the first space: `一、总体情况 2024 年，…`.
        let token_end = |i: usize| {
            let t = &text[i..];
            t.find(syntax::is_space)
                .filter(|&e| t[..e].chars().count() <= 30)
                .map(|e| i + e)
        };
        if "一二三四五六".contains(c) && rest[c.len_utf8()..].starts_with('、') {
            let head: String = rest.chars().skip(2).take(20).collect();
            if !section_of(&normalize_label(&head)).is_empty()
                && match_t3(&head, None, None).is_none()
            {
                cuts.push(i);
                cuts.extend(token_end(i));
            }
        } else if (c == '（' || c == '(')
            && rest
                .chars()
                .nth(1)
                .is_some_and(|d| "一二三四五六七".contains(d))
            && rest.chars().nth(2).is_some_and(|d| d == '）' || d == ')')
        {
            cuts.push(i);
            let head: String = rest.chars().take(12).collect();
            if SUBITEMS
                .iter()
                .any(|s| s.keywords.iter().all(|k| head.contains(k)))
            {
                cuts.extend(token_end(i));
            }
        }
    }
    // Tokens of the tables.
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if syntax::is_space(c) {
            if let Some(s0) = start.take() {
                tokens.push((s0, &text[s0..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s0) = start {
        tokens.push((s0, &text[s0..]));
    }
    let numeric = |t: &str| t.chars().any(|c| c.is_ascii_digit()) && is_value_like(t);
    for k in 0..tokens.len() {
        let (at, tok) = tokens[k];
        // Labels and markers are short; a sentence token is not one.
        if tok.len() > 150 {
            continue;
        }
        let norm = normalize_label(tok);
        let prev_numeric = k > 0 && numeric(tokens[k - 1].1);
        let table_marker = norm.starts_with("第二十条")
            || norm == "信息内容"
            || norm.starts_with("(本列数据")
            || (norm == "行政复议"
                && tokens
                    .get(k + 1)
                    .is_some_and(|t| normalize_label(t.1) == "行政诉讼"));
        let prev_is_group = k > 0
            && matches!(match_t3(tokens[k - 1].1, None, None), Some((d, _)) if TABLE3_ROWS[d].kind == RowKind::Group);
        let official_row = matches!(match_t3(tok, None, None), Some((d, Quality::Exact)) if TABLE3_ROWS[d].kind == RowKind::Data && split_numbering(&norm).0.is_some())
            || TABLE2_ROW_LABELS.contains(&norm.as_str());
        let row_label = (prev_numeric
            && !numeric(tok)
            && (match_t3(tok, None, None).is_some() || split_numbering(&norm).0.is_some()))
            || (official_row && k > 0 && !prev_is_group);
        // A page number inside a table: `- 3 -`.
        let dash = |t: &str| matches!(t, "-" | "—" | "–" | "－");
        if dash(tok)
            && tokens.get(k + 2).is_some_and(|t| dash(t.1))
            && tokens
                .get(k + 1)
                .is_some_and(|t| t.1.bytes().all(|b| b.is_ascii_digit()))
        {
            cuts.push(at);
            if let Some(after) = tokens.get(k + 3) {
                cuts.push(after.0);
            }
        }
        if table_marker || row_label {
            cuts.push(at);
        }
        // The title: `…年度报告` followed by the intro.
        if k + 1 < tokens.len() && norm.ends_with("年度报告") && k < 8 {
            cuts.push(tokens[k + 1].0);
        }
        // Table 四's numbers after its header.
        if k > 0
            && numeric(tok)
            && !numeric(tokens[k - 1].1)
            && normalize_label(tokens[k - 1].1).ends_with("总计")
        {
            let run = tokens[k..].iter().take_while(|t| numeric(t.1)).count();
            if run >= 14 {
                cuts.push(at);
                if let Some(after) = tokens.get(k + run) {
                    cuts.push(after.0);
                }
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.into_iter()
        .map(|c| span.start + c)
        .filter(|&c| c > span.start)
        .collect()
}

const TABLE2_ROW_LABELS: [&str; 9] = [
    "规章",
    "规范性文件",
    "行政规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
];

/// Table 三 starts at its note or header, or at its first row when the
/// header was lost.
fn starts_table3(doc: &Document, line: &Line, norm: &str) -> bool {
    if line.sep == Separator::None {
        return false;
    }
    if is_t3_anchor(norm) {
        return true;
    }
    let (labels, values) = split_row(doc, line);
    let first_row = labels.last().is_some_and(|l| {
        matches!(match_t3(doc.text(l.content), None, None), Some((d, Quality::Exact)) if TABLE3_ROWS[d].key == "new")
    });
    first_row && values.iter().any(|c| !c.is_blank())
}

/// Reads a draft into the report model. Never fails: whatever cannot be read
/// is recorded for the rules to report.
pub fn bind<'a>(source: &'a str, options: &Options) -> Report<'a> {
    let doc = reflow(syntax::parse(source));
    let n = doc.lines.len();
    let mut binder = Binder {
        doc: &doc,
        grid_offset: None,
        fallback_version: None,
        shape: Vec::new(),
        variants: Vec::new(),
        consumed: vec![false; n],
    };

    // Header facts first: the year decides which format to bind against
    // when the tables do not say.
    let first_heading = doc
        .lines
        .iter()
        .position(|l| {
            heading_of(&doc, l).is_some_and(|(num, _, t)| {
                num.is_some() && !section_of(&normalize_label(doc.text(t))).is_empty()
            })
        })
        .unwrap_or(n.min(12));
    let title = find_title(&doc, first_heading.max(1));
    let stat_period = find_stat_period(&doc, n.min(first_heading + 12));
    let year = title
        .as_ref()
        .and_then(|t| t.year.map(|y| y.0))
        .or_else(|| stat_period.as_ref().and_then(|s| s.year.map(|y| y.0)))
        .or(options.year);
    let required_version = options.version.or(year.map(Version::for_year));
    binder.fallback_version = options.version.or(required_version);

    let mut table2 = None;
    let mut table3 = None;
    let mut table4 = None;
    let mut i = 0;
    while i < n {
        let line = &doc.lines[i];
        let raw = doc.text(line.inner);
        // Cheap tests on the raw text first: most lines are prose.
        // Single-character searches (memchr) before any substring search.
        let maybe_table = (raw.contains('条') && raw.contains("二十条"))
            || raw.contains("信息内容")
            || raw.contains('稽')
            || (raw.contains('况') && raw.contains("申请人"))
            || (line.sep != Separator::None && raw.contains('收') && raw.contains("本年新收"))
            || (raw.contains('讼') && raw.contains('议'))
            || raw.contains("维持");
        if !maybe_table {
            i += 1;
            continue;
        }
        let norm = normalize_label(raw);
        if table2.is_none() && (table2_item(&norm).is_some() || norm.starts_with("信息内容")) {
            let (t, next) = binder.bind_table2(i);
            for k in t.lines.0..=t.lines.1 {
                binder.consumed[k] = true;
            }
            table2 = Some(t);
            i = next;
            continue;
        }
        if table3.is_none() && starts_table3(&doc, line, &norm) {
            let (t, next) = binder.bind_table3(i);
            table3 = Some(t);
            i = next;
            continue;
        }
        if table4.is_none() && is_t4_header(&doc, line) {
            let (t, next) = binder.bind_table4(i);
            table4 = Some(t);
            i = next;
            continue;
        }
        i += 1;
    }

    // Sections and the items of 一.
    let mut sections: Vec<SectionHeading> = Vec::new();
    let mut subsections = Vec::new();
    let mut nested_next: Option<u32> = None;
    for (li, line) in doc.lines.iter().enumerate() {
        if binder.consumed[li] {
            continue;
        }
        if let Some((number, number_span, title)) = heading_of(&doc, line) {
            let norm = normalize_label(doc.text(title));
            if match_t3(&norm, None, None).is_some_and(|(_, q)| q == Quality::Exact) {
                continue;
            }
            let candidates = section_of(&norm);
            // `一、存在问题 二、改进措施` inside a section: numbering that
            // restarts at 一 under a later section, with titles that do not
            // name their own section, is a list of sub-headings.
            let last_top = sections.iter().rev().find_map(|s| s.number).unwrap_or(0);
            if let Some(n) = number
                && n < last_top
                && !candidates.contains(&n)
                && (n == 1 || nested_next == Some(n))
            {
                nested_next = Some(n + 1);
                continue;
            }
            nested_next = None;
            let matched = number
                .filter(|n| candidates.contains(n))
                .or_else(|| candidates.first().copied());
            sections.push(SectionHeading {
                line: li,
                span: line.span,
                number,
                number_span,
                title,
                matched,
            });
            continue;
        }
        if let Some(num) = line.numbering
            && num.kind == NumberingKind::ParenChinese
            && let Some(si) = sections.len().checked_sub(1)
            && line.sep != Separator::Tab
            && line.sep != Separator::Pipe
        {
            subsections.push(SubHeading {
                line: li,
                span: line.span,
                title: line.title,
                section: si,
            });
        }
    }
    let body_start = sections.first().map(|s| s.line).unwrap_or(first_heading);

    let version = table2
        .as_ref()
        .and_then(|t: &Table2| t.version)
        .or_else(|| {
            table3
                .as_ref()
                .filter(|t: &&Table3| t.version_shown)
                .map(|t| t.version)
        })
        .or(required_version)
        .unwrap_or(Version::V2019);
    let unit = title
        .as_ref()
        .and_then(|t| t.unit.clone())
        .or_else(|| options.unit.clone())
        .or_else(|| infer_unit(&doc));
    let head: String = doc
        .lines
        .iter()
        .take(20)
        .map(|l| doc.text(l.inner))
        .collect::<Vec<_>>()
        .join("");
    let looks_like_report = (head.contains("政府信息公开")
        && (head.contains("年度报告") || head.contains("年报")))
        || table3.is_some()
        || table2.is_some()
        || sections.iter().filter(|s| s.matched.is_some()).count() >= 3;
    let crlf = source.contains("\r\n");
    let government = options
        .government
        .or_else(|| unit.as_deref().and_then(unit_kind));
    Report {
        title,
        stat_period,
        year,
        unit,
        required_version,
        version,
        sections,
        subsections,
        table2,
        table3,
        table4,
        shape_issues: binder.shape,
        variants: binder.variants,
        body_start,
        crlf,
        looks_like_report,
        government,
        prose: std::sync::OnceLock::new(),
        doc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(doc: &Document, line: usize) -> Vec<Cell> {
        doc.lines[line].cells.clone()
    }

    #[test]
    fn value_reading() {
        assert_eq!(parse_value("-3", ValueKind::SignedCount), Value::Int(-3));
        assert_eq!(
            parse_value("3168.0656(万元)", ValueKind::Money),
            Value::Amount(3168.0656)
        );
        assert_eq!(parse_value("1,036", ValueKind::Count), Value::Int(1036));
        assert_eq!(parse_value("/", ValueKind::Count), Value::Marker);
        assert_eq!(parse_value("X", ValueKind::Count), Value::Invalid);
        assert_eq!(parse_value("１２", ValueKind::Count), Value::Int(12));
        assert!(is_value_like("3168.0656(万元)"));
        assert!(!is_value_like("理"));
        assert!(!is_value_like("1.属于国家秘密"));
    }

    #[test]
    fn merged_label_blanks_are_dropped_only_when_unique() {
        let doc =
            syntax::parse("\t4\t\t\t\t\t\t4\n\t4\t\t\t\t\t\t\t4\n\t1\t0\t0\t0\t0\t0\t\n1\t\t0\n");
        let pick = |line: usize, from: usize, n: usize| {
            normalize_values(&cells(&doc, line)[from..], n).map(|v| {
                v.iter()
                    .map(|c| doc.text(c.content).to_string())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(pick(0, 0, 7).unwrap(), ["4", "", "", "", "", "", "4"]);
        assert_eq!(pick(1, 0, 7).unwrap(), ["4", "", "", "", "", "", "4"]);
        assert_eq!(pick(2, 0, 7), None, "leading or trailing blank: not unique");
        assert_eq!(pick(3, 0, 2).unwrap(), ["1", "0"]);
        assert_eq!(pick(3, 0, 4), None);
    }

    #[test]
    fn finds_title_year_and_unit() {
        let r = bind(
            "\n# 银川市兴庆区大新镇 2020 年政府信息公开 工作年度报告\n\n一、总体情况\n",
            &Options::default(),
        );
        let t = r.title.unwrap();
        assert_eq!(t.year.unwrap().0, 2020);
        assert_eq!(t.unit.as_deref(), Some("银川市兴庆区大新镇"));
        let r = bind(
            "2019年上海市人民政府办公厅政府信息公开工作年度报告\n",
            &Options::default(),
        );
        assert_eq!(
            r.title.unwrap().unit.as_deref(),
            Some("上海市人民政府办公厅")
        );
        let r = bind(
            "淮安市人民政府\n2024 年政府信息公开工作年度报告\n一、总体情况\n",
            &Options::default(),
        );
        let t = r.title.unwrap();
        assert_eq!(t.lines, (0, 1));
        assert_eq!(r.year, Some(2024));
        assert_eq!(r.required_version, Some(Version::V2021));
    }
}
