//! The canonical document: what a report says, independent of how it was
//! rendered. Prose is a list of headings and paragraphs; each table is the
//! list of its official rows with the values read (the merged-cell layout is
//! derived from it by [`crate::shapes::grid`]).
//!
//! Canonical documents are frozen as text files (`tests/fixtures/shapes/docs/`)
//! so that the oracle does not move when the reader under test changes. The
//! format is line based and meant to be read by people:
//!
//! ```text
//! H1 某某局2024年政府信息公开工作年度报告      heading, level 1 = title
//! H2 一、总体情况                              section heading
//! H3 （一）主动公开                            item of 一
//! P 2024年，……                                 paragraph
//! T3 2021                                      table 三 in the 2021 format
//! new→5→0→0→0→0→0→5                       row key, then its cells (→ is a tab)
//! carried ?                                    a row the source did not let us read
//! END
//! ```
//!
//! Lines starting with `# ` are comments. A document whose first line is
//! `# hand-checked …` was written by hand (the reader could not read its
//! source) and is never rebuilt.

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableId {
    T2,
    T3,
    T4,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];
    pub fn name(self) -> &'static str {
        match self {
            TableId::T2 => "二",
            TableId::T3 => "三",
            TableId::T4 => "四",
        }
    }
    fn tag(self) -> &'static str {
        match self {
            TableId::T2 => "T2",
            TableId::T3 => "T3",
            TableId::T4 => "T4",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    F2019,
    F2021,
}

impl Format {
    pub fn year(self) -> u16 {
        match self {
            Format::F2019 => 2019,
            Format::F2021 => 2021,
        }
    }
}

/// One official row. Keys: table 三 the schema's row key (`new`, `denied3`,
/// …); table 二 `item/label` (`1/规章`); table 四 `row`.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    /// The cells as printed; `None` when the source could not be read, so
    /// the row is rendered blank and never compared.
    pub values: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub id: TableId,
    pub format: Format,
    pub rows: Vec<Row>,
}

impl Table {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
    pub fn known_rows(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.rows
            .iter()
            .filter_map(|r| r.values.as_deref().map(|v| (r.key.as_str(), v)))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 is the title, 2 a section (一、…), 3 an item (（一）…).
    Heading(u8, String),
    Para(String),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub name: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables().find(|t| t.id == id)
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for b in &self.blocks {
            match b {
                Block::Heading(level, text) => {
                    let _ = writeln!(s, "H{level} {}", one_line(text));
                }
                Block::Para(text) => {
                    let _ = writeln!(s, "P {}", one_line(text));
                }
                Block::Table(t) => {
                    let _ = writeln!(s, "{} {}", t.id.tag(), t.format.year());
                    for r in &t.rows {
                        match &r.values {
                            Some(v) => {
                                let _ = writeln!(s, "{}\t{}", r.key, v.join("\t"));
                            }
                            None => {
                                let _ = writeln!(s, "{} ?", r.key);
                            }
                        }
                    }
                    s.push_str("END\n");
                }
            }
        }
        s
    }

    pub fn from_text(name: &str, text: &str) -> Result<Doc, String> {
        let mut blocks = Vec::new();
        let mut lines = text.lines().enumerate();
        while let Some((n, line)) = lines.next() {
            if line.starts_with("# ") || line.is_empty() {
                continue;
            }
            let err = |m: &str| format!("{name}:{}: {m}: {line}", n + 1);
            let (tag, rest) = line.split_once(' ').ok_or_else(|| err("no tag"))?;
            let block = match tag {
                "P" => Block::Para(rest.to_string()),
                "H1" | "H2" | "H3" => Block::Heading(tag.as_bytes()[1] - b'0', rest.to_string()),
                "T2" | "T3" | "T4" => {
                    let id = match tag {
                        "T2" => TableId::T2,
                        "T3" => TableId::T3,
                        _ => TableId::T4,
                    };
                    let format = match rest {
                        "2019" => Format::F2019,
                        "2021" => Format::F2021,
                        _ => return Err(err("format is 2019 or 2021")),
                    };
                    let mut rows = Vec::new();
                    loop {
                        let (_, row) = lines.next().ok_or_else(|| err("table without END"))?;
                        if row == "END" {
                            break;
                        }
                        rows.push(match row.strip_suffix(" ?") {
                            Some(key) => Row {
                                key: key.to_string(),
                                values: None,
                            },
                            None => {
                                let mut cells = row.split('\t');
                                let key = cells.next().unwrap_or_default().to_string();
                                Row {
                                    key,
                                    values: Some(cells.map(str::to_string).collect()),
                                }
                            }
                        });
                    }
                    Block::Table(Table { id, format, rows })
                }
                _ => return Err(err("unknown tag")),
            };
            blocks.push(block);
        }
        Ok(Doc {
            name: name.to_string(),
            blocks,
        })
    }
}

/// Prose is kept on one line per block in the frozen form.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}
