//! False alarms: findings that contradict the canonical document. Every
//! rendering prints every official row and every heading the document has,
//! so a `missing-row`, `missing-table` or `missing-section` naming a table
//! with values or a section the document has is false; so is a `table-sum` on a document whose
//! tables satisfy every relation, a `row-shape` on a table whose every row
//! the document has with all its values, and a section said to be repeated
//! in a document that has each section once. (Rules are matched by their
//! stable names; which section or table a finding names, by its message.)

use super::doc::{Block, Doc, TableId};
use super::reader::findings;
use nianbao::schema::SECTIONS;
use nianbao::text::normalize_label;

/// Whether the document has section `number`, by its heading's words (a
/// misnumbered heading counts for the section it names).
pub fn doc_has_section(doc: &Doc, number: u32) -> bool {
    let def = &SECTIONS[number as usize - 1];
    doc.blocks.iter().any(|b| match b {
        Block::Heading(2, t) => {
            let t = normalize_label(t);
            def.keywords
                .iter()
                .any(|set| set.iter().all(|k| t.contains(k)))
        }
        _ => false,
    })
}

fn names_table(message: &str) -> Option<TableId> {
    TableId::ALL
        .into_iter()
        .find(|id| message.contains(&format!("表{}", id.name())))
}

/// The findings of `text` that the document contradicts. `consistent`:
/// the document's tables satisfy every relation.
pub fn false_alarms(doc: &Doc, text: &str, consistent: bool) -> Vec<String> {
    findings(text)
        .into_iter()
        .filter(|(rule, message)| match *rule {
            "table-sum" => consistent,
            "missing-row" | "missing-table" => names_table(message).is_some_and(|id| {
                doc.table(id)
                    .is_some_and(|t| t.known_rows().next().is_some())
            }),
            "row-shape" => names_table(message).is_some_and(|id| {
                doc.table(id)
                    .is_some_and(|t| t.rows.iter().all(|r| r.values.is_some()))
            }),
            "section-order" => {
                message.contains("重复出现")
                    && SECTIONS.iter().all(|s| {
                        doc.blocks
                            .iter()
                            .filter(|b| {
                                matches!(b, Block::Heading(2, t) if {
                                    let t = normalize_label(t);
                                    s.keywords.iter().any(|set| set.iter().all(|k| t.contains(k)))
                                })
                            })
                            .count()
                            <= 1
                    })
            }
            "missing-section" => SECTIONS
                .iter()
                .find(|s| message.contains(s.title))
                .is_some_and(|s| doc_has_section(doc, s.number)),
            _ => false,
        })
        .map(|(rule, message)| format!("[{rule}] {message}"))
        .collect()
}

/// The sums a table states, evaluated on a document's values (blank = 0).
pub fn broken_relations(d: &Doc) -> Vec<String> {
    use nianbao::schema::{CellRef, TABLE3_ROWS, relations};
    let Some(t3) = d.table(TableId::T3) else {
        return vec!["no table 三".into()];
    };
    let t4 = d.table(TableId::T4);
    let value = |c: &CellRef| -> i64 {
        let (table, key, col) = match *c {
            CellRef::T3 { row, col } => (Some(t3), TABLE3_ROWS[row].key, col),
            CellRef::T4 { col } => (t4, "row", col),
        };
        table
            .and_then(|t| t.row(key))
            .and_then(|r| r.values.as_ref())
            .and_then(|v| v.get(col))
            .map(|s| s.parse().unwrap_or(0))
            .unwrap_or(0)
    };
    relations(super::grid::version(t3.format))
        .iter()
        .filter(|r| {
            let sum = |cells: &Vec<CellRef>| cells.iter().map(value).sum::<i64>();
            sum(&r.left) != sum(&r.right)
        })
        .map(|r| format!("{}: {:?} {}", d.name, r.kind, r.index))
        .collect()
}
