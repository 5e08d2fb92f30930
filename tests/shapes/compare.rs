//! A rendering's reading against its canonical document, table by table:
//! every row read as certain must have the document's values (a different
//! value is never acceptable); a row not read is acceptable only when the
//! reader declared the row or its table unread.

use super::doc::{Doc, TableId};
use super::reader::{Reading, RowRead, baseline_value};
use std::fmt::Write as _;

#[derive(Debug, Default, Clone)]
pub struct TableOutcome {
    /// Rows of the document with known values.
    pub rows: usize,
    /// Rows read as certain with the document's values.
    pub read: usize,
    /// Rows the reader declared unread (or left out of a table it declared
    /// partly unread).
    pub declared: usize,
    /// Rows neither read nor declared unread.
    pub silent: usize,
    /// Their keys, to say which.
    pub silent_rows: Vec<String>,
    /// Readings that differ from the document (the one thing never allowed).
    pub wrong: Vec<String>,
}

impl TableOutcome {
    pub fn fully_read(&self) -> bool {
        self.rows > 0 && self.read == self.rows && self.wrong.is_empty()
    }
}

pub fn compare(doc: &Doc, reading: &Reading) -> Vec<(TableId, TableOutcome)> {
    let mut out = Vec::new();
    for id in TableId::ALL {
        let canonical = doc.table(id);
        let read = reading.tables.get(&id);
        let mut o = TableOutcome::default();
        if let Some(t) = canonical {
            for (key, values) in t.known_rows() {
                o.rows += 1;
                match read.and_then(|r| r.rows.get(key)) {
                    Some(RowRead::Certain(cells)) => {
                        let got: Vec<&str> = cells.iter().map(|c| c.value.as_str()).collect();
                        let want: Vec<String> = values
                            .iter()
                            .enumerate()
                            .map(|(c, v)| baseline_value(v, id, t.format, key, c))
                            .collect();
                        if got == want {
                            o.read += 1;
                        } else {
                            o.wrong
                                .push(format!("表{} {key}: read {got:?}, is {want:?}", id.name()));
                        }
                    }
                    Some(RowRead::Unread) => o.declared += 1,
                    None if read.is_some_and(|r| r.declared_unread) => o.declared += 1,
                    None => {
                        o.silent += 1;
                        o.silent_rows.push(format!("表{} {key}", id.name()));
                    }
                }
            }
        }
        // Rows read as certain that the document does not have.
        if let Some(r) = read {
            for (key, row) in &r.rows {
                let known = canonical.is_some_and(|t| t.row(key).is_some());
                if let (false, RowRead::Certain(cells)) = (known, row)
                    && cells.iter().any(|c| !c.value.is_empty())
                {
                    o.wrong.push(format!(
                        "表{} {key}: read a row the document does not have",
                        id.name()
                    ));
                }
            }
        }
        if o.rows > 0 || !o.wrong.is_empty() {
            out.push((id, o));
        }
    }
    out
}

/// Totals of one rendering over all sources.
#[derive(Debug, Default, Clone)]
pub struct Figures {
    pub tables: usize,
    pub tables_read: usize,
    /// Run-together renderings: tables whose digits split one way, and how
    /// many of them were read.
    pub splittable: usize,
    pub splittable_read: usize,
    pub rows: usize,
    pub rows_read: usize,
    pub declared: usize,
    pub silent: usize,
    pub wrong: usize,
    pub fix_damage: usize,
    pub false_alarms: usize,
}

impl Figures {
    pub fn add(&mut self, t: &TableOutcome, splittable: bool) {
        self.tables += (t.rows > 0) as usize;
        self.tables_read += t.fully_read() as usize;
        self.splittable += splittable as usize;
        self.splittable_read += (splittable && t.fully_read()) as usize;
        self.rows += t.rows;
        self.rows_read += t.read;
        self.declared += t.declared;
        self.silent += t.silent;
        self.wrong += t.wrong.len();
    }
    pub fn table_rate(&self) -> f64 {
        if self.tables == 0 {
            1.0
        } else {
            self.tables_read as f64 / self.tables as f64
        }
    }
}

pub fn figures_table(rows: &[(&str, Figures)]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| rendering | tables read | rows read | declared unread | silently missed | wrong values | false alarms | fix damage |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for (name, f) in rows {
        let split = if f.splittable > 0 || name.contains("glued") {
            format!(" (split one way: {}/{})", f.splittable_read, f.splittable)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "| {name} | {}/{} ({:.0} %){split} | {}/{} | {} | {} | {} | {} | {} |",
            f.tables_read,
            f.tables,
            100.0 * f.table_rate(),
            f.rows_read,
            f.rows,
            f.declared,
            f.silent,
            f.wrong,
            f.false_alarms,
            f.fix_damage
        );
    }
    s
}
