//! Which tables of a run-together rendering can be read at all: a row whose
//! cells were concatenated (`380010140` for 38|0|0|1|0|1|40) is readable
//! only if exactly one split into its columns (no leading zeros except `0`)
//! satisfies the row's own total, then the table's relations (format.md §4).
//! Table 二's columns have no relation, so it never is.

use super::doc::{Table, TableId};

/// More candidates than this for one row: give up (not unique).
const CAP: usize = 64;

/// Every split of `digits` into groups of `addends` numbers each followed by
/// their sum (`[6]` for a row of table 三, `[4, 4, 4]` for table 四).
pub fn splits(digits: &str, groups: &[usize]) -> Vec<Vec<u64>> {
    let mut out = Vec::new();
    let mut parts = Vec::new();
    walk(digits.as_bytes(), groups, 0, &mut parts, &mut out);
    out
}

fn number(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 12 || (s.len() > 1 && s[0] == b'0') {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse().ok()
}

fn walk(
    rest: &[u8],
    groups: &[usize],
    in_group: usize,
    parts: &mut Vec<u64>,
    out: &mut Vec<Vec<u64>>,
) {
    if out.len() > CAP {
        return;
    }
    let Some(&size) = groups.first() else {
        if rest.is_empty() {
            out.push(parts.clone());
        }
        return;
    };
    if in_group == size {
        // The group's total is determined: it must be what comes next.
        let sum: u64 = parts[parts.len() - size..].iter().sum();
        let s = sum.to_string();
        if let Some(tail) = rest.strip_prefix(s.as_bytes()) {
            parts.push(sum);
            walk(tail, &groups[1..], 0, parts, out);
            parts.pop();
        }
        return;
    }
    for len in 1..=rest.len().min(12) {
        if let Some(n) = number(&rest[..len]) {
            parts.push(n);
            walk(&rest[len..], groups, in_group + 1, parts, out);
            parts.pop();
        }
    }
}

/// The digits a row's cells leave when concatenated; `None` when a cell is
/// not a plain count (blank cells shift the columns: never unique).
fn digits(values: &[String]) -> Option<String> {
    values
        .iter()
        .all(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| values.concat())
}

/// Whether the digits of every row of `table` split in exactly one way.
pub fn splits_one_way(table: &Table) -> bool {
    let groups: &[usize] = match table.id {
        TableId::T2 => return false,
        TableId::T3 => &[6],
        TableId::T4 => &[4, 4, 4],
    };
    let mut candidates: Vec<(&str, Vec<Vec<u64>>)> = Vec::new();
    for r in &table.rows {
        let Some(d) = r.values.as_deref().and_then(digits) else {
            return false;
        };
        let c = splits(&d, groups);
        if c.is_empty() || c.len() > CAP {
            return false;
        }
        candidates.push((r.key.as_str(), c));
    }
    if candidates.iter().all(|(_, c)| c.len() == 1) {
        return true;
    }
    table.id == TableId::T3 && table3_combinations(&candidates) == 1
}

/// The number of choices of one candidate per row that satisfy R3-1
/// (一 + 二 = (七) + 四) and R3-3 ((七) = the outcome rows), per column.
fn table3_combinations(rows: &[(&str, Vec<Vec<u64>>)]) -> usize {
    let product: usize = rows.iter().map(|(_, c)| c.len()).product();
    if product > 200_000 {
        return 0;
    }
    let fixed = ["new", "carried", "total", "carry-next"];
    let pos = |k: &str| rows.iter().position(|(key, _)| *key == k);
    let (Some(new), Some(carried), Some(total), Some(next)) =
        (pos("new"), pos("carried"), pos("total"), pos("carry-next"))
    else {
        return 0;
    };
    let mut count = 0;
    let mut choice = vec![0usize; rows.len()];
    for _ in 0..product {
        let v = |i: usize| &rows[i].1[choice[i]];
        let ok = (0..7).all(|c| {
            let outcomes: u64 = rows
                .iter()
                .enumerate()
                .filter(|(_, (k, _))| !fixed.contains(k))
                .map(|(i, _)| v(i)[c])
                .sum();
            v(new)[c] + v(carried)[c] == v(total)[c] + v(next)[c] && outcomes == v(total)[c]
        });
        count += ok as usize;
        // Next combination (odometer).
        for (i, ch) in choice.iter_mut().enumerate() {
            *ch += 1;
            if *ch < rows[i].1.len() {
                break;
            }
            *ch = 0;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::splits;

    #[test]
    fn a_row_of_table_three_splits_by_its_total() {
        // 38|0|0|1|0|1|40 — the example.
        let s = splits("380010140", &[6]);
        assert!(s.contains(&vec![38, 0, 0, 1, 0, 1, 40]), "{s:?}");
        // R1's row 一: 5|0|0|0|0|0|5 is the only reading.
        assert_eq!(splits("5000005", &[6]), vec![vec![5, 0, 0, 0, 0, 0, 5]]);
        // R1's table 四.
        assert_eq!(
            splits("010010000000000", &[4, 4, 4]),
            vec![vec![0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]
        );
    }
}
