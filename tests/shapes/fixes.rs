//! Fixes that cannot hurt (issue 9, item 3): after every safe fix of a
//! rendering, no heading or table row the document already has is inserted
//! a second time, and no value outside the cells a fix edited changes.

use super::alarms::doc_has_section;
use super::doc::Doc;
use super::grid::{official_rows, row_label};
use super::reader::{RowRead, apply_safe_fixes, read};
use nianbao::schema::SECTIONS;
use nianbao::text::normalize_label;

fn count(haystack: &str, needle: &str) -> usize {
    if needle.is_empty() {
        0
    } else {
        haystack.matches(needle).count()
    }
}

/// How many times `--fix` may go round (it applies fixes until none is left).
const ROUNDS: usize = 8;

#[derive(Debug, Default)]
pub struct Damage {
    /// Headings and rows the document has, inserted again.
    pub duplicates: Vec<String>,
    /// Values changed in cells no fix edited.
    pub changed: Vec<String>,
}

impl Damage {
    pub fn count(&self) -> usize {
        self.duplicates.len() + self.changed.len()
    }
}

/// What the safe fixes of `text` damaged, applied as `nianbao check --fix`
/// does: round after round until none is left.
pub fn damage(doc: &Doc, text: &str) -> Damage {
    let mut out = Damage::default();
    let mut text = text.to_string();
    for round in 1..=ROUNDS {
        let (fixed, applied, edits) = apply_safe_fixes(&text);
        if applied == 0 || fixed == text {
            break;
        }
        let d = round_damage(doc, &text, &fixed, &edits);
        let tag = |v: Vec<String>| v.into_iter().map(move |d| format!("round {round}: {d}"));
        out.duplicates.extend(tag(d.duplicates));
        out.changed.extend(tag(d.changed));
        text = fixed;
    }
    out
}

/// Things the document has, which no edit may insert again: (what, label).
fn present(doc: &Doc) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = SECTIONS
        .iter()
        .filter(|s| doc_has_section(doc, s.number))
        .map(|s| (format!("heading {}", s.title), normalize_label(s.title)))
        .collect();
    for t in doc.tables() {
        for (key, _) in official_rows(t.id, t.format) {
            let label = row_label(t.id, &key);
            out.push((
                format!("表{} row {key}", t.id.name()),
                normalize_label(&label),
            ));
        }
    }
    out
}

fn round_damage(doc: &Doc, text: &str, fixed: &str, edits: &[(usize, usize, String)]) -> Damage {
    let mut out = Damage::default();
    let present = present(doc);
    for e in inserted(text, edits) {
        for (what, label) in &present {
            if count(&e.1, label) > count(&e.0, label) {
                out.duplicates.push(format!("a fix inserts {what} again"));
            }
        }
    }
    let before = read(text);
    let after = read(fixed);
    for (id, t) in &before.tables {
        let Some(a) = after.tables.get(id) else {
            continue;
        };
        for (key, row) in &t.rows {
            let (RowRead::Certain(b), Some(RowRead::Certain(c))) = (row, a.rows.get(key)) else {
                continue;
            };
            for (j, cell) in b.iter().enumerate() {
                let touched = edits
                    .iter()
                    .any(|(s, e, _)| *s <= cell.span.1 && cell.span.0 <= *e);
                if !touched && c.get(j).map(|x| &x.value) != Some(&cell.value) {
                    out.changed.push(format!(
                        "表{} {key} column {}: {:?} became {:?} without a fix on it",
                        id.name(),
                        j + 1,
                        cell.value,
                        c.get(j).map(|x| x.value.as_str())
                    ));
                }
            }
        }
    }
    out
}

/// The (replaced, inserted) normalized texts of the safe edits.
fn inserted(text: &str, edits: &[(usize, usize, String)]) -> Vec<(String, String)> {
    edits
        .iter()
        .map(|(s, e, new)| {
            (
                normalize_label(text.get(*s..*e).unwrap_or("")),
                normalize_label(new),
            )
        })
        .collect()
}
