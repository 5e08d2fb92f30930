//! Digits that ran together when a page lost its cell separators
//! (`5000005` for 5|0|0|0|0|0|5): every way to cut them into a row's numbers.
//! Which cut is right is the table's arithmetic to say (see the readers).

use super::value::digit_value;
use crate::text::Span;

/// One way to read a group: a span per number, with its value.
pub type Cut = Vec<(Span, i64)>;

/// At most this many cuts are considered; more means the digits say too
/// little to be read.
const LIMIT: usize = 20_000;

/// At most this many steps of the search: cuts that die at a block's total
/// are not counted by `LIMIT`, and a long run of digits has very many of
/// them. Past this the group is as unreadable as one with too many cuts.
const STEPS: usize = 200_000;

/// The longest number read out of run-together digits.
const MAX_DIGITS: usize = 12;

/// Every way to cut the digit strings of `parts` into `n` numbers such that
/// each run of `block` numbers ends in the sum of the others (a row's 总计):
/// each part gives at least one number, and no number but `0` starts with
/// `0`. `None` when a part is not all digits, or when the ways are too many.
pub fn cuts(src: &str, parts: &[Span], n: usize, block: usize) -> Option<Vec<Cut>> {
    let mut digits: Vec<Vec<(Span, u32)>> = Vec::with_capacity(parts.len());
    for p in parts {
        let text = src.get(p.range())?;
        let mut ds = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let v = digit_value(c)?;
            ds.push((Span::new(p.start + i, p.start + i + c.len_utf8()), v));
        }
        if ds.is_empty() {
            return None;
        }
        digits.push(ds);
    }
    let total: usize = digits.iter().map(Vec::len).sum();
    if total < n || total > n * MAX_DIGITS || parts.len() > n {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(n);
    let walk = Walk {
        digits: &digits,
        n,
        block,
        steps: std::cell::Cell::new(0),
    };
    walk.step(0, 0, &mut cur, &mut out).then_some(out)
}

struct Walk<'d> {
    digits: &'d [Vec<(Span, u32)>],
    n: usize,
    block: usize,
    steps: std::cell::Cell<usize>,
}

impl Walk<'_> {
    /// Depth-first over cut points, dropping a cut as soon as a block's
    /// total fails; false when the limit is passed.
    fn step(&self, part: usize, at: usize, cur: &mut Cut, out: &mut Vec<Cut>) -> bool {
        let (digits, n) = (self.digits, self.n);
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > STEPS {
            return false;
        }
        if part == digits.len() {
            if cur.len() == n {
                out.push(cur.clone());
            }
            return out.len() <= LIMIT;
        }
        let ds = &digits[part];
        let left_after: usize = digits[part + 1..].iter().map(Vec::len).sum();
        let parts_after = digits.len() - part - 1;
        let max_len = if ds[at].1 == 0 {
            1
        } else {
            MAX_DIGITS.min(ds.len() - at)
        };
        for len in 1..=max_len {
            let end = at + len;
            let value = ds[at..end].iter().fold(0i64, |v, d| v * 10 + d.1 as i64);
            let span = ds[at].0.cover(ds[end - 1].0);
            let remaining_here = ds.len() - end;
            let need_after = n.saturating_sub(cur.len() + 1);
            // Numbers still to make must fit in what is left, one per part,
            // and be able to take all of it.
            let left = remaining_here + left_after;
            if need_after < parts_after || need_after > left || left > need_after * MAX_DIGITS {
                continue;
            }
            cur.push((span, value));
            let k = cur.len();
            let block_ok = self.block == 0
                || !k.is_multiple_of(self.block)
                || cur[k - self.block..k - 1].iter().map(|c| c.1).sum::<i64>() == value;
            let ok = if !block_ok {
                true
            } else if end == ds.len() {
                self.step(part + 1, 0, cur, out)
            } else if cur.len() < n {
                self.step(part, end, cur, out)
            } else {
                true
            };
            cur.pop();
            if !ok {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str, n: usize) -> Vec<Vec<i64>> {
        let parts: Vec<Span> = src
            .split(' ')
            .scan(0, |at, p| {
                let s = Span::new(*at, *at + p.len());
                *at += p.len() + 1;
                Some(s)
            })
            .collect();
        cuts(src, &parts, n, 0)
            .unwrap()
            .into_iter()
            .map(|c| c.into_iter().map(|x| x.1).collect())
            .collect()
    }

    #[test]
    fn forced_and_free_cuts() {
        assert_eq!(read("5000005", 7), [[5, 0, 0, 0, 0, 0, 5]]);
        assert_eq!(read("500000 5", 7), [[5, 0, 0, 0, 0, 0, 5]]);
        let all = read("380010140", 7);
        assert!(all.contains(&vec![38, 0, 0, 1, 0, 1, 40]));
        // The row total picks one, and prunes as it goes.
        let ok: Vec<_> = all
            .iter()
            .filter(|v| v[..6].iter().sum::<i64>() == v[6])
            .collect();
        assert_eq!(ok, [&vec![38, 0, 0, 1, 0, 1, 40]]);
        let src = "380010140";
        let pruned = cuts(src, &[Span::new(0, src.len())], 7, 7).unwrap();
        assert_eq!(pruned.len(), 1);
        // Table 四: 23 digits, 15 numbers, three groups of five.
        let src = "01901029342160610003232";
        let t4 = cuts(src, &[Span::new(0, src.len())], 15, 5).unwrap();
        let v: Vec<Vec<i64>> = t4.iter().map(|c| c.iter().map(|x| x.1).collect()).collect();
        assert!(
            v.contains(&vec![0, 19, 0, 10, 29, 34, 21, 6, 0, 61, 0, 0, 0, 32, 32]),
            "{v:?}"
        );
        assert!(read("0011", 3).contains(&vec![0, 0, 11]));
        assert!(read("12", 3).is_empty());
    }

    /// Found by fuzzing: a row of 67 run-together digits (`5555…`) sent the
    /// search through every way to cut them into seven numbers of up to 12
    /// digits, most of which cannot even use up the digits (0.3 s for one
    /// row, > 10 s under the fuzzer). Cuts that cannot take all the digits
    /// are not walked, and the search has a step budget.
    #[test]
    fn hopeless_digits_give_up_quickly() {
        // Too many digits for seven numbers: no cut at all, at once.
        assert!(read(&"1".repeat(200), 7).is_empty());
        // The fuzzer's row: no cut satisfies the row total.
        let src = "5".repeat(67);
        let found = cuts(&src, &[Span::new(0, src.len())], 7, 7);
        assert!(found.as_ref().is_none_or(|c| c.is_empty()), "{found:?}");
        // Real rows with four-digit numbers still split within the budget.
        let src = "12341234561264";
        let pruned = cuts(src, &[Span::new(0, src.len())], 7, 7).expect("within budget");
        let values: Vec<Vec<i64>> = pruned
            .iter()
            .map(|c| c.iter().map(|x| x.1).collect())
            .collect();
        assert!(
            values.contains(&vec![1234, 12, 3, 4, 5, 6, 1264]),
            "{values:?}"
        );
    }
}
