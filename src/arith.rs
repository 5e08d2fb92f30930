//! Evaluates the arithmetic relations (勾稽关系) of a bound report, and finds
//! the single cell that explains several failed relations at once. Shared by
//! the `table-sum` rule and by the language server's hovers and hints.

use std::borrow::Cow;

use crate::model::{BoundCell, Report};
use crate::schema::{
    self, CellRef, Relation, RelationKind, T3_TOTAL_COL, TABLE3_COLUMNS, TABLE3_ROWS,
    TABLE4_COLUMNS,
};
use crate::text::Span;

#[derive(Debug, Clone, Copy)]
pub enum Lookup<'r> {
    Cell(&'r BoundCell),
    /// The row is not in the table (counts as 0 when it is an addend).
    RowMissing,
    /// The row is there but its cells could not be read.
    Unreadable,
}

pub fn lookup<'r>(report: &'r Report, cell: CellRef) -> Lookup<'r> {
    match cell {
        CellRef::T3 { row, col } => {
            let Some(t) = &report.table3 else {
                return Lookup::RowMissing;
            };
            if t.unreadable.contains(&row) {
                return Lookup::Unreadable;
            }
            match &t.rows[row] {
                Some(r) => r
                    .cells
                    .get(col)
                    .map(Lookup::Cell)
                    .unwrap_or(Lookup::Unreadable),
                // Something in the table could not be placed: the row may
                // be there, so its absence is not a 0.
                None if t.partly_unread() => Lookup::Unreadable,
                None => Lookup::RowMissing,
            }
        }
        CellRef::T4 { col } => match report.table4.as_ref().and_then(|t| t.row.as_ref()) {
            Some(r) => r
                .cells
                .get(col)
                .map(Lookup::Cell)
                .unwrap_or(Lookup::Unreadable),
            None => Lookup::Unreadable,
        },
    }
}

/// True when a fix may rewrite the cell: it is a cell of its own in the
/// text (not cut out of run-together digits, not a blank the rendering
/// cannot show).
pub fn fixable(report: &Report, cell: CellRef) -> bool {
    matches!(cell_of(report, cell), Lookup::Cell(c) if !c.inferred)
}

/// A relation of this report: the static ones of its version plus the
/// subtotals printed on group label lines. The static ones borrow the
/// schema's cell lists (built once per process), not a copy per report.
#[derive(Debug, Clone)]
pub struct Rel {
    pub kind: RelationKind,
    pub left: Cow<'static, [CellRef]>,
    pub right: Cow<'static, [CellRef]>,
    pub index: usize,
}

impl From<&'static Relation> for Rel {
    fn from(r: &'static Relation) -> Self {
        Rel {
            kind: r.kind,
            left: Cow::Borrowed(&r.left),
            right: Cow::Borrowed(&r.right),
            index: r.index,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Holds,
    Fails {
        left: i64,
        right: i64,
    },
    /// Not checked: a total is blank, a cell is unreadable or not a number.
    Skipped,
}

#[derive(Debug, Clone)]
pub struct Evaluated {
    pub rel: Rel,
    pub status: Status,
}

/// The bound cell `cell` names ([`CellRef::subtotal`]'s included).
pub fn cell_of<'r>(report: &'r Report, cell: CellRef) -> Lookup<'r> {
    if let CellRef::T3 { row, col } = cell
        && row >= TABLE3_ROWS.len()
    {
        let group = (row - TABLE3_ROWS.len()) as u32;
        return report
            .table3
            .as_ref()
            .and_then(|t| t.subtotals.iter().find(|(g, _)| *g == group))
            .and_then(|(_, r)| r.cells.get(col))
            .map(Lookup::Cell)
            .unwrap_or(Lookup::Unreadable);
    }
    lookup(report, cell)
}

pub fn relations_of(report: &Report) -> Vec<Rel> {
    let mut out = Vec::new();
    if let Some(t3) = &report.table3 {
        out.extend(
            schema::relations(t3.version)
                .iter()
                .filter(|r| r.kind != RelationKind::ReviewTotal)
                .map(Rel::from),
        );
        for (group, _) in &t3.subtotals {
            let rows: Vec<usize> = TABLE3_ROWS
                .iter()
                .enumerate()
                .filter(|(_, d)| d.group == Some(*group) && d.in_version(t3.version))
                .map(|(i, _)| i)
                .collect();
            for col in 0..7 {
                out.push(Rel {
                    kind: RelationKind::GroupSubtotal,
                    left: rows.iter().map(|&row| CellRef::T3 { row, col }).collect(),
                    right: Cow::Owned(vec![CellRef::subtotal(*group, col)]),
                    index: col,
                });
            }
        }
    }
    if report.table4.as_ref().is_some_and(|t| t.row.is_some()) {
        out.extend(
            schema::relations(report.version)
                .iter()
                .filter(|r| r.kind == RelationKind::ReviewTotal)
                .map(Rel::from),
        );
    }
    out
}

/// Values of the cells as currently known (with virtual corrections).
type Overrides = Vec<(CellRef, i64)>;

fn value(report: &Report, cell: CellRef, overrides: &Overrides, is_total: bool) -> Option<i64> {
    if let Some((_, v)) = overrides.iter().find(|(c, _)| *c == cell) {
        return Some(*v);
    }
    match cell_of(report, cell) {
        Lookup::Cell(c) => {
            if is_total && c.value.is_blankish() {
                None
            } else if c.value.is_blankish()
                && let CellRef::T3 {
                    row,
                    col: T3_TOTAL_COL,
                } = cell
            {
                // A blank 总计 used as an addend stands for its row's sum
                // (official reports leave the 总计 column of （一）…（六) blank).
                (0..T3_TOTAL_COL).try_fold(0i64, |acc, col| {
                    value(report, CellRef::T3 { row, col }, overrides, false)
                        .map(|v| acc.saturating_add(v))
                })
            } else {
                c.value.addend()
            }
        }
        Lookup::RowMissing if !is_total => Some(0),
        _ => None,
    }
}

fn status(report: &Report, rel: &Rel, overrides: &Overrides) -> Status {
    let mut l = 0i64;
    for c in rel.left.iter() {
        match value(report, *c, overrides, false) {
            Some(v) => l = l.saturating_add(v),
            None => return Status::Skipped,
        }
    }
    let mut r = 0i64;
    for c in rel.right.iter() {
        match value(report, *c, overrides, true) {
            Some(v) => r = r.saturating_add(v),
            None => return Status::Skipped,
        }
    }
    if l == r {
        Status::Holds
    } else {
        Status::Fails { left: l, right: r }
    }
}

pub fn evaluate(report: &Report) -> Vec<Evaluated> {
    let none = Vec::new();
    relations_of(report)
        .into_iter()
        .map(|rel| {
            let status = status(report, &rel, &none);
            Evaluated { rel, status }
        })
        .collect()
}

/// One finding of the sum check: either a single cell that explains several
/// failed relations, or one failed relation on its own.
#[derive(Debug, Clone)]
pub enum Finding {
    Cell {
        cell: CellRef,
        current: i64,
        expected: i64,
        relations: Vec<(Rel, i64, i64)>,
    },
    Relation {
        rel: Rel,
        left: i64,
        right: i64,
        /// The total would break other relations that hold if changed.
        total_is_shared: bool,
    },
}

/// Finds the failed relations and explains them, root causes first: while
/// some cell's correction repairs two or more failed relations without
/// breaking one that holds, that cell is the finding.
pub fn findings(report: &Report) -> Vec<Finding> {
    let rels = relations_of(report);
    let mut overrides: Overrides = Vec::new();
    let mut out = Vec::new();
    loop {
        let statuses: Vec<Status> = rels.iter().map(|r| status(report, r, &overrides)).collect();
        let failing: Vec<usize> = (0..rels.len())
            .filter(|&i| matches!(statuses[i], Status::Fails { .. }))
            .collect();
        if failing.is_empty() {
            break;
        }
        let mut candidates: Vec<CellRef> = failing
            .iter()
            .flat_map(|&i| rels[i].left.iter().chain(rels[i].right.iter()).copied())
            .collect();
        candidates.sort();
        candidates.dedup();
        let mut best: Option<(usize, bool, CellRef, i64, i64, Vec<usize>)> = None;
        for cell in candidates {
            let Lookup::Cell(bc) = cell_of(report, cell) else {
                continue;
            };
            let Some(current) = overrides
                .iter()
                .find(|(c, _)| *c == cell)
                .map(|x| x.1)
                .or_else(|| bc.value.addend())
            else {
                continue;
            };
            let mut needed: Option<i64> = None;
            let mut fixed = Vec::new();
            let mut ok = true;
            let mut is_total = false;
            for &i in &failing {
                let rel = &rels[i];
                let in_left = rel.left.contains(&cell);
                let in_right = rel.right.contains(&cell);
                if !(in_left || in_right) {
                    continue;
                }
                let Status::Fails { left, right } = statuses[i] else {
                    continue;
                };
                let v = if in_left {
                    current + (right - left)
                } else {
                    is_total = true;
                    current + (left - right)
                };
                if needed.is_some_and(|n| n != v) {
                    ok = false;
                    break;
                }
                needed = Some(v);
                fixed.push(i);
            }
            let Some(v) = needed else { continue };
            if !ok || v < 0 {
                continue;
            }
            // It must not break a relation that holds.
            let mut trial = overrides.clone();
            trial.retain(|(c, _)| *c != cell);
            trial.push((cell, v));
            let breaks = (0..rels.len()).any(|i| {
                statuses[i] == Status::Holds
                    && (rels[i].left.contains(&cell) || rels[i].right.contains(&cell))
                    && status(report, &rels[i], &trial) != Status::Holds
            });
            if breaks {
                continue;
            }
            let score = fixed.len();
            let better = match &best {
                None => true,
                Some((bs, bt, ..)) => score > *bs || (score == *bs && is_total && !bt),
            };
            if better {
                best = Some((score, is_total, cell, current, v, fixed));
            }
        }
        match best {
            Some((score, _, cell, current, expected, fixed)) if score >= 2 => {
                out.push(Finding::Cell {
                    cell,
                    current,
                    expected,
                    relations: fixed
                        .iter()
                        .map(|&i| match statuses[i] {
                            Status::Fails { left, right } => (rels[i].clone(), left, right),
                            _ => (rels[i].clone(), 0, 0),
                        })
                        .collect(),
                });
                overrides.retain(|(c, _)| *c != cell);
                overrides.push((cell, expected));
            }
            _ => {
                for &i in &failing {
                    let Status::Fails { left, right } = statuses[i] else {
                        continue;
                    };
                    let rel = &rels[i];
                    let total_is_shared = rel.right.len() == 1
                        && rels.iter().enumerate().any(|(j, other)| {
                            j != i
                                && statuses[j] == Status::Holds
                                && (other.left.contains(&rel.right[0])
                                    || other.right.contains(&rel.right[0]))
                        });
                    out.push(Finding::Relation {
                        rel: rel.clone(),
                        left,
                        right,
                        total_is_shared,
                    });
                }
                break;
            }
        }
    }
    out
}

// ------------------------------------------------------------------ names

pub fn cell_name(cell: CellRef) -> (String, String) {
    match cell {
        CellRef::T3 { row, col } => {
            let (rz, re) = if row >= TABLE3_ROWS.len() {
                let g = row - TABLE3_ROWS.len();
                (
                    format!("第（{}）项小计", cn(g as u32)),
                    format!("subtotal of group {g}"),
                )
            } else {
                let d = &TABLE3_ROWS[row];
                (d.full_label(), format!("row “{}”", d.full_label()))
            };
            let c = TABLE3_COLUMNS[col].label;
            (format!("“{rz}”行“{c}”列"), format!("{re}, column “{c}”"))
        }
        CellRef::T4 { col } => (
            format!("“{}”", TABLE4_COLUMNS[col]),
            format!("column “{}”", TABLE4_COLUMNS[col]),
        ),
    }
}

fn cn(n: u32) -> &'static str {
    ["", "一", "二", "三", "四", "五", "六", "七"]
        .get(n as usize)
        .copied()
        .unwrap_or("?")
}

/// Describes a relation in words, e.g. "（七）总计 = （一）+…+（六）（自然人列）".
pub fn describe(rel: &Rel) -> (String, String) {
    match rel.kind {
        RelationKind::Balance => {
            let c = TABLE3_COLUMNS[rel.index].label;
            (
                format!(
                    "“{c}”列：一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理"
                ),
                format!("column “{c}”: new + carried over = (七) total + carried to next year"),
            )
        }
        RelationKind::RowTotal => {
            let d = &TABLE3_ROWS[rel.index];
            (
                format!(
                    "“{}”行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
                    d.full_label()
                ),
                format!(
                    "row “{}”: 总计 = sum of the six applicant columns",
                    d.full_label()
                ),
            )
        }
        RelationKind::ColumnTotal => {
            let c = TABLE3_COLUMNS[rel.index].label;
            (
                format!("“{c}”列：（七）总计 = （一）至（六）各项之和"),
                format!("column “{c}”: (七) total = sum of outcomes (一)–(六)"),
            )
        }
        RelationKind::GroupSubtotal => {
            let c = TABLE3_COLUMNS[rel.index].label;
            (
                format!("“{c}”列：分组小计 = 其各子项之和"),
                format!("column “{c}”: group subtotal = sum of its sub-rows"),
            )
        }
        RelationKind::ReviewTotal => {
            let g = schema::TABLE4_GROUPS[rel.index];
            (
                format!("{g}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
                format!("{g}: total = upheld + corrected + other + pending"),
            )
        }
    }
}

/// The span of a cell in the source, if bound.
pub fn span_of(report: &Report, cell: CellRef) -> Option<Span> {
    match cell_of(report, cell) {
        Lookup::Cell(c) => Some(c.cell.content),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The relations of `src` that do not hold, one line each.
    fn not_holding(src: &str) -> String {
        let report = crate::model::bind(src, &Default::default());
        evaluate(&report)
            .iter()
            .filter(|e| e.status != Status::Holds)
            .map(|e| format!("{:?} {}: {:?}\n", e.rel.kind, e.rel.index, e.status))
            .collect()
    }

    /// A missing row counts 0 as an addend, but a missing total is not 0:
    /// the relations it totals are not checked (the hovers and hints say
    /// so, and table-sum reports nothing on them).
    #[test]
    fn a_missing_total_is_skipped_not_zero() {
        let zeros = "\t0\t0\t0\t0\t0\t0\t0";
        let one = "\t1\t0\t0\t0\t0\t0\t1";
        let table = crate::template::table3_text(
            crate::schema::Version::V2019,
            crate::model::Style::Tab,
            "\n",
        )
        .replace(
            &format!("一、本年新收政府信息公开申请数量{zeros}"),
            &format!("一、本年新收政府信息公开申请数量{one}"),
        )
        .replace(
            &format!("（一）予以公开{zeros}"),
            &format!("（一）予以公开{one}"),
        )
        .replace(&format!("（七）总计{zeros}"), &format!("（七）总计{one}"));
        let without = |row: &str| table.replace(&format!("{row}\n"), "");
        expect_test::expect![[""]].assert_eq(&not_holding(&table));
        expect_test::expect![[r#"
            Balance 0: Skipped
            Balance 1: Skipped
            Balance 2: Skipped
            Balance 3: Skipped
            Balance 4: Skipped
            Balance 5: Skipped
            Balance 6: Skipped
            RowTotal 29: Skipped
            ColumnTotal 0: Skipped
            ColumnTotal 1: Skipped
            ColumnTotal 2: Skipped
            ColumnTotal 3: Skipped
            ColumnTotal 4: Skipped
            ColumnTotal 5: Skipped
            ColumnTotal 6: Skipped
        "#]]
        .assert_eq(&not_holding(&without(&format!("（七）总计{one}"))));
        expect_test::expect![[r#"
            RowTotal 1: Skipped
        "#]]
        .assert_eq(&not_holding(&without(&format!(
            "二、上年结转政府信息公开申请数量{zeros}"
        ))));
    }
}
