//! From an offset of the rendered text to a place a Word user can find.

use super::{DocxText, Location, Origin};

impl Location {
    /// “第35段”, “表三 第12行 第2列”, “第3个表格 第12行 第2列”.
    pub fn describe_zh(&self) -> String {
        match self.origin {
            Origin::Paragraph { index } => format!("第{index}段"),
            Origin::TableCell { table, row, col } => match self.role {
                Some(r) if self.role_shared => {
                    format!("{}（第{table}个表格）第{row}行 第{col}列", r.short())
                }
                Some(r) => format!("{} 第{row}行 第{col}列", r.short()),
                None => format!("第{table}个表格 第{row}行 第{col}列"),
            },
        }
    }

    /// “paragraph 35”, “表三 (table 3), row 12, column 2”.
    pub fn describe_en(&self) -> String {
        match self.origin {
            Origin::Paragraph { index } => format!("paragraph {index}"),
            Origin::TableCell { table, row, col } => match self.role {
                Some(r) if self.role_shared => format!(
                    "{} ({}; table {table} of the document), row {row}, column {col}",
                    r.short(),
                    r.short_en()
                ),
                Some(r) => format!("{} ({}), row {row}, column {col}", r.short(), r.short_en()),
                None => format!("table {table} of the document, row {row}, column {col}"),
            },
        }
    }
}

impl DocxText {
    /// The paragraph or cell at byte `offset` of [`DocxText::text`]. An
    /// offset between them (a blank line, a line break) gives the next one,
    /// or the last one at the end of the document.
    pub fn locate(&self, offset: usize) -> Option<Location> {
        let i = self.map.partition_point(|s| s.range.start <= offset);
        let seg = match i.checked_sub(1).map(|j| &self.map[j]) {
            Some(s) if offset <= s.range.end => s,
            _ => self.map.get(i).or_else(|| self.map.last())?,
        };
        let (role, role_shared) = match seg.origin {
            Origin::TableCell { table, .. } => {
                let role = self.tables.get(table.wrapping_sub(1)).copied().flatten();
                let shared =
                    role.is_some() && self.tables.iter().filter(|r| **r == role).count() > 1;
                (role, shared)
            }
            Origin::Paragraph { .. } => (None, false),
        };
        Some(Location {
            origin: seg.origin,
            role,
            role_shared,
            range: seg.range.clone(),
        })
    }
}
