//! Realistic values for the clean skeletons: non-zero, multi-digit (38,
//! 120, 1036 …) so that splitting run-together digits is not trivial, and
//! satisfying every relation of tables 三 and 四.

use super::doc::{Doc, Format, TableId};
use super::grid::official_rows;
use super::rng::Rng;

/// A count as real reports have them: mostly small, sometimes 0, now and
/// then two to four digits.
fn count(rng: &mut Rng) -> usize {
    match rng.range(0, 9) {
        0..=2 => 0,
        3..=5 => rng.range(1, 9),
        6..=7 => rng.range(10, 99),
        8 => rng.range(100, 399),
        _ => rng.range(1000, 1099),
    }
}

/// Fills every table of `doc` with values that satisfy R3-1, R3-2, R3-3 and
/// R4-1 (format.md §4).
pub fn fill(doc: &mut Doc, seed: u64) {
    let mut rng = Rng::new(seed);
    for b in &mut doc.blocks {
        let super::doc::Block::Table(t) = b else {
            continue;
        };
        let values = match t.id {
            TableId::T2 => table2(&mut rng, t.format),
            TableId::T3 => table3(&mut rng, t.format),
            TableId::T4 => table4(&mut rng),
        };
        for row in &mut t.rows {
            row.values = values
                .iter()
                .find(|(k, _)| *k == row.key)
                .map(|(_, v)| v.clone());
        }
    }
}

fn table2(rng: &mut Rng, format: Format) -> Vec<(String, Vec<String>)> {
    official_rows(TableId::T2, format)
        .into_iter()
        .map(|(key, n)| {
            let money = key.starts_with("8/") && format == Format::F2021 || key.starts_with("9/");
            let v = (0..n)
                .map(|c| {
                    if money && c + 1 == n {
                        format!("{}.{}", rng.range(0, 999), rng.range(1, 9))
                    } else if key.starts_with("5/") && format == Format::F2019 && c == 1 {
                        // 本年增/减 may be negative.
                        format!("-{}", rng.range(1, 12))
                    } else {
                        count(rng).to_string()
                    }
                })
                .collect();
            (key, v)
        })
        .collect()
}

fn table3(rng: &mut Rng, format: Format) -> Vec<(String, Vec<String>)> {
    let rows = official_rows(TableId::T3, format);
    let fixed = ["new", "carried", "total", "carry-next"];
    let mut out: Vec<(String, [usize; 6])> = Vec::new();
    let mut totals = [0usize; 6];
    for (key, _) in &rows {
        if fixed.contains(&key.as_str()) {
            continue;
        }
        // Most requests come from 自然人; organisations now and then.
        let mut v = [0usize; 6];
        v[0] = count(rng);
        for c in v.iter_mut().skip(1) {
            if rng.chance(25) {
                *c = rng.range(1, 14);
            }
        }
        for (t, x) in totals.iter_mut().zip(v) {
            *t += x;
        }
        out.push((key.clone(), v));
    }
    let carried: [usize; 6] =
        std::array::from_fn(|_| if rng.chance(50) { rng.range(0, 40) } else { 0 });
    let carry_next: [usize; 6] =
        std::array::from_fn(|_| if rng.chance(50) { rng.range(0, 60) } else { 0 });
    let new: [usize; 6] =
        std::array::from_fn(|c| (totals[c] + carry_next[c]).saturating_sub(carried[c]));
    // 一 + 二 = (七) + 四 must hold: keep 二 ≤ (七) + 四.
    let carried: [usize; 6] = std::array::from_fn(|c| totals[c] + carry_next[c] - new[c]);
    out.push(("new".into(), new));
    out.push(("carried".into(), carried));
    out.push(("total".into(), totals));
    out.push(("carry-next".into(), carry_next));
    out.into_iter()
        .map(|(k, v)| {
            let mut cells: Vec<String> = v.iter().map(|x| x.to_string()).collect();
            cells.push(v.iter().sum::<usize>().to_string());
            (k, cells)
        })
        .collect()
}

fn table4(rng: &mut Rng) -> Vec<(String, Vec<String>)> {
    let mut cells = Vec::new();
    for _ in 0..3 {
        let g: Vec<usize> = (0..4)
            .map(|_| if rng.chance(60) { rng.range(0, 40) } else { 0 })
            .collect();
        cells.extend(g.iter().map(|x| x.to_string()));
        cells.push(g.iter().sum::<usize>().to_string());
    }
    vec![("row".into(), cells)]
}
