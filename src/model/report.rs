//! The bound report: plain data that the rules read. Built by
//! [`super::bind`]; nothing here reads text.

use crate::schema::{self, Version};
use crate::syntax::{self, Cell, Document};
use crate::text::Span;

pub use super::value::Value;

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

#[derive(Debug, Clone)]
pub struct BoundCell {
    pub cell: Cell,
    pub value: Value,
    /// Not a cell of its own in the text: cut out of digits that ran
    /// together (`5000005`), or a blank the rendering cannot show. Read like
    /// any cell, never rewritten by a fix.
    pub inferred: bool,
}

#[derive(Debug, Clone)]
pub struct BoundRow {
    /// Index into [`schema::TABLE3_ROWS`] (table 三) or the row's index in
    /// its table 二 block (0 for table 四).
    pub def: usize,
    /// The line the row's label starts on (its values' line if it has no label).
    pub line: usize,
    /// Other lines the row's label or values continue on.
    pub extra_lines: Vec<usize>,
    pub label: Span,
    pub cells: Vec<BoundCell>,
}

impl BoundRow {
    pub fn span(&self, doc: &Document) -> Span {
        doc.lines[self.line].span
    }
    /// True when any cell is not a cell of its own in the text.
    pub fn has_inferred(&self) -> bool {
        self.cells.iter().any(|c| c.inferred)
    }
}

/// Why a row that the reader found could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeKind {
    /// The row has cells of its own (tabs, pipes) and too few or too many of
    /// them: the draft itself is wrong (`row-shape`).
    Count,
    /// Two numbers in one cell (`0 0` between two tabs).
    CellRunTogether,
    /// Blank cells that cannot be placed: several readings are possible.
    Ambiguous,
    /// Too few numbers where the rendering cannot show blank cells (PDF or
    /// web text): the blanks are there but cannot be placed.
    BlanksLost,
    /// Digits that ran together and do not split in exactly one way that
    /// satisfies the table's arithmetic (or belong to table 二, which has none).
    DigitsRunTogether,
    /// More numbers than columns where the rendering shows no cells (PDF
    /// text that broke a number over two lines): which are the row's
    /// cannot be told.
    Scattered,
}

impl ShapeKind {
    /// True when the draft is wrong, false when only its rendering cannot
    /// be read.
    pub fn is_defect(self) -> bool {
        matches!(self, ShapeKind::Count | ShapeKind::CellRunTogether)
    }
}

/// A row whose cells could not be read.
#[derive(Debug, Clone)]
pub struct ShapeIssue {
    pub table: Table,
    pub line: usize,
    pub span: Span,
    /// The official label of the row (empty for table 四).
    pub label: String,
    pub found: usize,
    pub expected: usize,
    pub kind: ShapeKind,
}

/// Text or numbers inside a table that could not be placed on any row.
#[derive(Debug, Clone)]
pub struct Unplaced {
    pub table: Table,
    pub span: Span,
    /// Numbers (true) or label text (false).
    pub values: bool,
}

pub use crate::schema::Table;

/// An unofficial wording of a row or column label.
#[derive(Debug, Clone)]
pub struct LabelVariant {
    pub table: Table,
    /// The span to replace (the label without its numbering).
    pub span: Span,
    pub found: String,
    pub official: String,
}

/// How a table's rows are laid out in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Tab,
    Pipe,
    Space,
}

/// What a table reader could not read: rows it found but could not use,
/// and text or numbers it could not place.
#[derive(Debug, Clone, Default)]
pub struct Unread {
    pub unplaced: Vec<Unplaced>,
    /// Rows that share a line with another row (text without line breaks):
    /// a fix that inserts or rewrites whole lines is not safe there.
    pub rows_share_lines: bool,
    /// Rows whose values were cut out of run-together digits.
    pub split_rows: usize,
    /// The text does not keep each row's numbers beside its label (a PDF
    /// read column by column): nothing of the table was used.
    pub scrambled: bool,
}

#[derive(Debug, Clone)]
pub struct Table2 {
    pub version: Option<Version>,
    /// Line of a header cell that shows the version (e.g. 本年新制作数量).
    pub version_evidence: Option<Span>,
    pub lines: (usize, usize),
    pub blocks: Vec<Table2BlockBound>,
    /// Rows found whose cells could not be read: (block item, row index).
    pub unreadable: Vec<(u32, usize)>,
    pub unread: Unread,
}

#[derive(Debug, Clone)]
pub struct Table2BlockBound {
    pub item: u32,
    pub header: Span,
    pub header_line: usize,
    /// The rows read, each with its index in the schema block.
    pub rows: Vec<BoundRow>,
}

#[derive(Debug, Clone)]
pub struct Table3 {
    pub version: Version,
    /// How the version was decided: true when the table itself shows it.
    pub version_shown: bool,
    pub lines: (usize, usize),
    pub style: Style,
    /// Bound data rows by index into [`schema::TABLE3_ROWS`].
    pub rows: Vec<Option<BoundRow>>,
    /// Numbers printed on a group label line （三）…（六）: (group, row).
    pub subtotals: Vec<(u32, BoundRow)>,
    /// Rows present whose cells could not be read (see `shape_issues`).
    pub unreadable: Vec<usize>,
    pub has_numbers: bool,
    pub unread: Unread,
}

impl Table3 {
    pub fn row(&self, key: &str) -> Option<&BoundRow> {
        schema::table3_row(key).and_then(|i| self.rows.get(i)?.as_ref())
    }
    /// Rows of this table's version that are neither read nor known to be
    /// unreadable.
    pub fn absent_rows(&self) -> impl Iterator<Item = usize> + '_ {
        schema::TABLE3_ROWS
            .iter()
            .enumerate()
            .filter(move |(i, d)| {
                d.in_version(self.version)
                    && d.kind == schema::RowKind::Data
                    && self.rows[*i].is_none()
                    && !self.unreadable.contains(i)
            })
            .map(|(i, _)| i)
    }
    /// True when something in the table could not be placed: an absent row
    /// may then be in the text, so nothing may be built on its absence.
    pub fn partly_unread(&self) -> bool {
        !self.unread.unplaced.is_empty() || self.unread.scrambled
    }
}

#[derive(Debug, Clone)]
pub struct Table4 {
    pub header_line: usize,
    pub lines: (usize, usize),
    pub row: Option<BoundRow>,
    pub style: Style,
    pub unread: Unread,
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
    /// The accepted wording the title names its section by, when it does so
    /// only with one character off (`行政复仪`).
    pub misworded: Option<&'static str>,
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

/// Section words found in the text but not read as a heading: glued to
/// other text, or worded a little off.
#[derive(Debug, Clone)]
pub struct UnreadHeading {
    /// The official section (1-based).
    pub section: u32,
    pub line: usize,
    /// The words as they stand in the text.
    pub span: Span,
    /// True when the words differ from every accepted wording.
    pub misworded: bool,
}

#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub doc: Document<'a>,
    /// The lines as `syntax::parse` gave them, kept only when the reader
    /// cut some of them (web text): the next version of the text is parsed
    /// from these (`bind_after_edit`). `None` means `doc.lines` are they.
    pub parsed: Option<Vec<syntax::Line>>,
    /// How each table was read, so that the next version of the text can
    /// reuse the tables an edit did not come near (`bind_after_edit`).
    pub reads: Vec<super::reads::TableRead>,
    /// When this report was bound after an edit of the previous version's
    /// text: which of the reader's lines the edit changed
    /// (`lint::lint_report_after_edit` keeps the findings of the others).
    pub edit: Option<syntax::Edit>,
    pub title: Option<Title>,
    pub stat_period: Option<StatPeriod>,
    /// The report year (title, then the text's own year, then 统计期限, then
    /// the option).
    pub year: Option<i32>,
    /// With no title: the year the text's sentences open with, confirmed by
    /// its signing date (see `header::text_year`).
    pub text_year: Option<i32>,
    pub unit: Option<String>,
    /// The format the report must use (option, else its year).
    pub required_version: Option<Version>,
    /// The format the tables are written in (their own headers), else the
    /// required one, else 2019 when nothing is known.
    pub version: Version,
    pub sections: Vec<SectionHeading>,
    pub subsections: Vec<SubHeading>,
    /// Section words that stand in the text without being read as headings.
    pub unread_headings: Vec<UnreadHeading>,
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
    /// Per table (二, 三, 四): see [`Report::unread_numbers`].
    pub(crate) numbers_unread: [Option<Span>; 3],
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
    /// Whether nothing of `table` was read: no row (blank rows count as
    /// read), no row found unreadable, no text or number it could not place.
    pub fn read_nothing(&self, table: Table) -> bool {
        let quiet = |u: &Unread| u.unplaced.is_empty() && !u.scrambled;
        match table {
            Table::T2 => self.table2.as_ref().is_some_and(|t| {
                t.blocks.iter().all(|b| b.rows.is_empty())
                    && t.unreadable.is_empty()
                    && quiet(&t.unread)
            }),
            Table::T3 => self.table3.as_ref().is_some_and(|t| {
                t.rows.iter().all(Option::is_none)
                    && t.subtotals.is_empty()
                    && t.unreadable.is_empty()
                    && quiet(&t.unread)
            }),
            Table::T4 => self.table4.as_ref().is_some_and(|t| {
                t.row.is_none()
                    && quiet(&t.unread)
                    && !self.shape_issues.iter().any(|s| s.table == Table::T4)
            }),
        }
    }

    /// The first number in the region of a table that read nothing (from
    /// its start to where the reader stops: the next table, heading or
    /// paragraph): where one stands, the table is not empty but unread, and
    /// nothing may be said of its absence. Found once, when the report is
    /// bound.
    pub fn unread_numbers(&self, table: Table) -> Option<Span> {
        self.numbers_unread[table as usize]
    }

    /// [`Report::unread_numbers`], looked for.
    pub(super) fn find_unread_numbers(&self, table: Table) -> Option<Span> {
        if !self.read_nothing(table) {
            return None;
        }
        let start = match table {
            Table::T2 => self.table2.as_ref()?.lines.0,
            Table::T3 => self.table3.as_ref()?.lines.0,
            Table::T4 => {
                let t = self.table4.as_ref()?;
                t.header_line.min(t.lines.0)
            }
        };
        if start >= self.doc.lines.len() {
            return None;
        }
        let (toks, _) = super::stream::region_tokens(&self.doc, start, table);
        toks.iter()
            .find(|t| {
                t.kind == super::stream::TokKind::Value
                    && self.doc.text(t.span).bytes().any(|b| b.is_ascii_digit())
            })
            .map(|t| t.span)
    }

    /// What a table reader could not read, by table.
    pub fn unread(&self, table: Table) -> Option<&Unread> {
        match table {
            Table::T2 => self.table2.as_ref().map(|t| &t.unread),
            Table::T3 => self.table3.as_ref().map(|t| &t.unread),
            Table::T4 => self.table4.as_ref().map(|t| &t.unread),
        }
    }
}
