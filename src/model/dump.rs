//! A stable text form of everything the reader read — sections, tables,
//! rows, values and what could not be read — for tests and for comparing
//! renderings of one report. Positions are left out on purpose: two
//! renderings of one report must dump the same.

use super::report::*;
use crate::schema::{self, TABLE3_ROWS};
use crate::text::normalize_label;
use std::fmt::Write;

fn value(v: &Value) -> String {
    match v {
        Value::Blank => "_".into(),
        Value::Marker => "/".into(),
        Value::Int(n) => n.to_string(),
        Value::Amount(x) => format!("{x}"),
        Value::Invalid => "?".into(),
    }
}

fn values(row: &BoundRow) -> String {
    row.cells
        .iter()
        .map(|c| value(&c.value))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Report<'_> {
    /// Everything the reader read, as stable text.
    pub fn dump(&self) -> String {
        let mut s = String::new();
        self.dump_head(&mut s);
        self.dump_table2(&mut s);
        self.dump_table3(&mut s);
        self.dump_table4(&mut s);
        for v in &self.variants {
            let _ = writeln!(
                s,
                "variant {}: {} → {}",
                v.table.short(),
                normalize_label(&v.found),
                v.official
            );
        }
        s
    }

    fn dump_head(&self, s: &mut String) {
        if let Some(t) = &self.title {
            let _ = writeln!(s, "title: {}", normalize_label(self.text(t.span)));
        }
        let _ = writeln!(
            s,
            "year: {} · unit: {} · required: {} · version: {}",
            self.year.map(|y| y.to_string()).unwrap_or("?".into()),
            self.unit.as_deref().unwrap_or("?"),
            self.required_version.map(|v| v.label()).unwrap_or("?"),
            self.version.label()
        );
        for h in &self.sections {
            let _ = writeln!(
                s,
                "section {}: {}{}",
                h.matched.map(|m| m.to_string()).unwrap_or("?".into()),
                h.number
                    .map(|n| format!("{}、", crate::syntax::cn_numeral(n)))
                    .unwrap_or_default(),
                normalize_label(self.text(h.title))
            );
        }
        for h in &self.subsections {
            let _ = writeln!(s, "  item: {}", normalize_label(self.text(h.title)));
        }
        for u in &self.unread_headings {
            let _ = writeln!(
                s,
                "unread heading {}: {}{}",
                u.section,
                normalize_label(self.text(u.span)),
                if u.misworded { " (misworded)" } else { "" }
            );
        }
    }

    fn dump_table2(&self, s: &mut String) {
        let Some(t) = &self.table2 else {
            return;
        };
        let _ = writeln!(
            s,
            "table 二 ({}):",
            t.version.map(|v| v.label()).unwrap_or("version not shown")
        );
        for (b, def) in self.table2_blocks() {
            let _ = writeln!(s, "  {}", schema::table2_block_heading(b.item));
            for r in &b.rows {
                let _ = writeln!(
                    s,
                    "    {}: {}",
                    def.rows.get(r.def).copied().unwrap_or("?"),
                    values(r)
                );
            }
        }
        for (item, row) in &t.unreadable {
            let _ = writeln!(s, "  unreadable: 第（{item}）项 row {row}");
        }
        dump_unread(self, s, Table::T2, &t.unread);
    }

    fn dump_table3(&self, s: &mut String) {
        let Some(t) = &self.table3 else {
            return;
        };
        let _ = writeln!(
            s,
            "table 三 ({}{}):",
            t.version.label(),
            if t.version_shown { ", shown" } else { "" }
        );
        for (i, r) in t.rows.iter().enumerate() {
            if let Some(r) = r {
                let _ = writeln!(s, "  {}: {}", TABLE3_ROWS[i].full_label(), values(r));
            }
        }
        for (g, r) in &t.subtotals {
            let _ = writeln!(
                s,
                "  subtotal （{}）: {}",
                crate::syntax::cn_numeral(*g),
                values(r)
            );
        }
        for i in &t.unreadable {
            let _ = writeln!(s, "  unreadable: {}", TABLE3_ROWS[*i].full_label());
        }
        dump_unread(self, s, Table::T3, &t.unread);
    }

    fn dump_table4(&self, s: &mut String) {
        let Some(t) = &self.table4 else {
            return;
        };
        match &t.row {
            Some(r) => {
                let v: Vec<String> = r.cells.iter().map(|c| value(&c.value)).collect();
                let groups: Vec<String> = v.chunks(5).map(|c| c.join(" ")).collect();
                let _ = writeln!(s, "table 四: {}", groups.join(" | "));
            }
            None => {
                let _ = writeln!(s, "table 四: no row");
            }
        }
        dump_unread(self, s, Table::T4, &t.unread);
    }
}

fn dump_unread(r: &Report, s: &mut String, table: Table, u: &Unread) {
    if u.scrambled {
        let _ = writeln!(s, "  scrambled: the text lost the table's order");
    }
    if u.split_rows > 0 {
        let _ = writeln!(s, "  read by arithmetic: {} rows", u.split_rows);
    }
    for p in &u.unplaced {
        let _ = writeln!(
            s,
            "  unplaced {}: {}",
            if p.values { "values" } else { "text" },
            normalize_label(r.text(p.span))
        );
    }
    for sh in r.shape_issues.iter().filter(|x| x.table == table) {
        let _ = writeln!(
            s,
            "  shape {:?}: {} ({} of {})",
            sh.kind, sh.label, sh.found, sh.expected
        );
    }
}
