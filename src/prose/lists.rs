//! The list structure of a statement in the narrative:
//! `共发布财政信息260条，其中专项资金90条，预决算公开140条（政府预决算40条、部门预决算100条）、
//! “三公”经费20条`. A list is a total and the items of its `其中`; an item
//! may carry its own breakdown (in brackets, or an unbracketed `其中` whose
//! parts add up to it), which then counts once, through the item.
//!
//! The parser is conservative: where it cannot tell where a list ends or
//! which total a breakdown belongs to, it marks the list `ambiguous` and the
//! rules leave it alone.

use super::Count;
use crate::text::is_space;

/// A total and the items its `其中` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Index of the total in the paragraph's counts.
    pub total: usize,
    pub items: Vec<Item>,
    /// `等`, `另有`, `此外`, `主要`…: the items need not add up to the total.
    pub open: bool,
    /// A nested breakdown that could not be delimited.
    pub ambiguous: bool,
    /// The items claim to be all of the total: a breakdown in brackets
    /// right after it, a catch-all last item (其他, 其余), `分别为`, `全部`.
    /// Other lists may name only some parts (`其中规划公示 20 条`).
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index of the item's count in the paragraph's counts.
    pub count: usize,
    /// The item's own breakdown, if it has one.
    pub parts: Option<List>,
}

/// Words that start a new statement rather than continue a list of parts.
const NEW_STATEMENT: [&str; 11] = [
    "另有",
    "另外",
    "此外",
    "同比",
    "较上年",
    "比上年",
    "办结",
    "答复",
    "结转",
    "受理",
    "收到",
];

/// Words that make a bracket a comparison, not a breakdown.
const COMPARISON: [&str; 8] = ["同比", "较", "比上", "增加", "减少", "增长", "下降", "上升"];

/// Words that say a list names all of its total.
const COMPLETE: [&str; 4] = ["分别为", "分别是", "全部为", "均为"];

/// Words of a last item that takes the rest of the total.
const CATCH_ALL: [&str; 5] = ["其他", "其它", "其余", "剩余", "余下"];

/// Words that make a count a change from last year, not a total:
/// `较上年增加 14 条，其中…` breaks down the count before it.
const CHANGE: [&str; 7] = [
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "同比",
    "较上一年",
    "比上一年",
];

/// Words after which a list need not be exhaustive.
const OPEN_ENDED: [&str; 6] = ["另有", "此外", "以上", "其余", "其他未", "主要"];

/// Every `其中` list of a paragraph. `text` is the paragraph and `base` its
/// absolute offset; `counts` are the paragraph's counts in order. Lists
/// nested in another list are returned as that list's item parts, not again.
pub fn lists(text: &str, base: usize, counts: &[Count]) -> Vec<List> {
    let mut out = Vec::new();
    let mut consumed_to = 0;
    for (q, _) in text.match_indices("其中") {
        if q < consumed_to {
            continue;
        }
        if let Some((list, end)) = parse(text, base, counts, q) {
            consumed_to = end;
            out.push(list);
        }
    }
    out
}

/// Relative byte offset just after the unit character of count `c`.
pub fn unit_end(text: &str, base: usize, c: &Count) -> usize {
    let from = c.span.end.saturating_sub(base);
    // Counts come from this text; a stale one must not panic.
    let Some(rest) = text.get(from..) else {
        return from.min(text.len());
    };
    rest.char_indices()
        .find(|&(_, ch)| ch == c.unit)
        .map(|(i, ch)| from + i + ch.len_utf8())
        .unwrap_or(from)
}

fn is_open(c: char) -> bool {
    c == '（' || c == '('
}

fn is_close(c: char) -> bool {
    c == '）' || c == ')'
}

/// Net bracket depth of `text[a..b]`.
fn depth(text: &str, a: usize, b: usize) -> i32 {
    text[a..b].chars().fold(0, |d, c| {
        if is_open(c) {
            d + 1
        } else if is_close(c) {
            d - 1
        } else {
            d
        }
    })
}

/// The offset of the bracket closing the one opened just before `from`
/// (or the end of the text).
fn closing(text: &str, from: usize) -> usize {
    let mut d = 1;
    for (i, c) in text[from..].char_indices() {
        if is_open(c) {
            d += 1;
        } else if is_close(c) {
            d -= 1;
            if d == 0 {
                return from + i;
            }
        }
    }
    text.len()
}

/// The end of an unbracketed region starting at `from`: the end of its
/// sentence, or a bracket closing around it.
fn sentence_end(text: &str, from: usize) -> usize {
    let mut d = 0;
    for (i, c) in text[from..].char_indices() {
        if is_open(c) {
            d += 1;
        } else if is_close(c) {
            d -= 1;
            if d < 0 {
                return from + i;
            }
        } else if d == 0 && matches!(c, '。' | '！' | '？') {
            return from + i;
        }
    }
    text.len()
}

fn is_gap(s: &str) -> bool {
    s.chars()
        .all(|c| is_space(c) || matches!(c, '，' | ',' | '：' | ':' | '（' | '('))
}

/// The total a `其中` at `q` breaks down: the count right before it
/// (`86条，其中`, `4 件（其中：`), else a `共…` count of the same sentence with
/// no count of its unit in between.
fn total_before(text: &str, base: usize, counts: &[Count], q: usize) -> Option<usize> {
    let before: Vec<usize> = (0..counts.len())
        .filter(|&i| unit_end(text, base, &counts[i]) <= q)
        .collect();
    let &last = before.last()?;
    if is_gap(&text[unit_end(text, base, &counts[last])..q]) {
        // A change from last year right before 其中 (`96 条，较上年增加 14 条，
        // 其中…`): the list breaks down the count the change is of.
        let is_change = |i: usize| CHANGE.iter().any(|w| counts[i].before.contains(w));
        if is_change(last) {
            let unit = counts[last].unit;
            return before
                .iter()
                .rev()
                .skip(1)
                .find(|&&i| counts[i].unit == unit && !is_change(i))
                .copied()
                .filter(|&i| !text[counts[i].span.end - base..q].contains(['。', '！', '？']));
        }
        return Some(last);
    }
    let sentence_start = text[..q]
        .rfind(['。', '！', '？'])
        .map(|p| p + '。'.len_utf8())
        .unwrap_or(0);
    let t = *before
        .iter()
        .rev()
        .find(|&&i| counts[i].span.start - base >= sentence_start && counts[i].is_total())?;
    let unit = counts[t].unit;
    let crowded = before.iter().any(|&i| i > t && counts[i].unit == unit);
    (!crowded).then_some(t)
}

/// Whether `等` closes the item at `after` (`20条等`, `20条等等`).
fn etc_after(text: &str, after: usize) -> bool {
    text[after..]
        .chars()
        .filter(|c| !is_space(*c))
        .take(2)
        .any(|c| c == '等')
}

/// Parses the list of the `其中` at `q`; returns it and the end of its region.
fn parse(text: &str, base: usize, counts: &[Count], q: usize) -> Option<(List, usize)> {
    let total = total_before(text, base, counts, q)?;
    let unit = counts[total].unit;
    let opened = text[..q].trim_end_matches(is_space).ends_with(is_open);
    let start = q + "其中".len();
    let end = if opened {
        closing(text, start)
    } else {
        sentence_end(text, start)
    };
    let region = &text[start..end];
    // `建议 15 件、提案 10 件，其中 A 类 12 件、B 类 13 件`: the 其中 may break
    // down the coordinated counts together, not the last one.
    let coordinated = total > 0 && counts[total - 1].unit == unit && {
        let between =
            &text[unit_end(text, base, &counts[total - 1])..counts[total].span.start - base];
        !between.contains(['，', ',', '。', '；', ';', '：', ':', '（', '(', '）', ')'])
    };
    let mut list = List {
        total,
        items: Vec::new(),
        open: OPEN_ENDED.iter().any(|w| region.starts_with(w))
            || {
                let outside = outside_brackets(region);
                OPEN_ENDED.iter().any(|w| outside.contains(w))
            }
            || region.trim_end_matches(is_space).ends_with('等'),
        ambiguous: coordinated,
        complete: opened || COMPLETE.iter().any(|w| region.contains(w)),
    };
    let mut i = total + 1;
    while i < counts.len() {
        let c = &counts[i];
        let at = c.span.start - base;
        if at < start {
            i += 1;
            continue;
        }
        if at >= end {
            break;
        }
        // Inside a bracket of the region: an item's breakdown, read below.
        if depth(text, start, at) != 0 || c.unit != unit {
            i += 1;
            continue;
        }
        let new_total = c.is_total() && !counts[total].is_total();
        if new_total
            || NEW_STATEMENT
                .iter()
                .any(|w| c.before.contains(w) && !counts[total].before.contains(w))
        {
            break;
        }
        // A later `其中` of the region that no item owns starts another list.
        if text[start..at]
            .rfind("其中")
            .is_some_and(|p| !owned_by_item(text, base, counts, &list, start + p))
        {
            break;
        }
        let after = unit_end(text, base, c);
        list.open |= etc_after(text, after);
        let rest = text[after..].trim_start_matches(is_space);
        let mut item = Item {
            count: i,
            parts: None,
        };
        i += 1;
        if rest.starts_with(is_open) {
            let open_at = text.len() - rest.len();
            let bracket_start = open_at + rest.chars().next().map_or(0, char::len_utf8);
            item.parts = bracket_parts(text, base, counts, i - 1, bracket_start);
        } else if rest
            .trim_start_matches(['，', ',', '：', ':'])
            .starts_with("其中")
        {
            // An unbracketed breakdown: its parts are the counts that add
            // up to the item; if none do, the list cannot be delimited.
            match unbracketed_parts(text, base, counts, i - 1, end) {
                Some((parts, next)) => {
                    item.parts = Some(parts);
                    i = next;
                }
                None => {
                    list.ambiguous = true;
                    list.items.push(item);
                    return Some((list, end));
                }
            }
        }
        list.items.push(item);
    }
    list.complete |= list.items.last().is_some_and(|it| {
        CATCH_ALL
            .iter()
            .any(|w| counts[it.count].before.contains(w))
    });
    Some((list, end))
}

/// Whether the `其中` at `p` directly follows one of the list's items.
fn owned_by_item(text: &str, base: usize, counts: &[Count], list: &List, p: usize) -> bool {
    list.items.iter().any(|it| {
        let after = unit_end(text, base, &counts[it.count]);
        after <= p && is_gap(&text[after..p])
    })
}

/// The text of `region` outside brackets.
fn outside_brackets(region: &str) -> String {
    let mut d = 0;
    region
        .chars()
        .filter(|&c| {
            if is_open(c) {
                d += 1;
                false
            } else if is_close(c) {
                d -= 1;
                false
            } else {
                d == 0
            }
        })
        .collect()
}

/// The breakdown in the bracket opened just before `from`, attached to item
/// `owner`: its same-unit counts at the bracket's own level.
fn bracket_parts(
    text: &str,
    base: usize,
    counts: &[Count],
    owner: usize,
    from: usize,
) -> Option<List> {
    let end = closing(text, from);
    let inner = &text[from..end];
    if COMPARISON.iter().any(|w| inner.contains(w)) {
        return None;
    }
    let unit = counts[owner].unit;
    let mut parts = List {
        total: owner,
        items: Vec::new(),
        open: OPEN_ENDED
            .iter()
            .any(|w| outside_brackets(inner).contains(w))
            || inner.trim_end_matches(is_space).ends_with('等'),
        ambiguous: false,
        complete: true,
    };
    for (i, c) in counts.iter().enumerate().skip(owner + 1) {
        let at = c.span.start - base;
        if at >= end {
            break;
        }
        if at < from || c.unit != unit || depth(text, from, at) != 0 {
            continue;
        }
        parts.open |= etc_after(text, unit_end(text, base, c));
        parts.items.push(Item {
            count: i,
            parts: None,
        });
    }
    (parts.items.len() >= 2).then_some(parts)
}

/// `预决算140条，其中政府预决算40条、部门预决算100条，…`: the counts after
/// item `owner` that add up to it; returns them and the index of the next
/// count of the outer list.
fn unbracketed_parts(
    text: &str,
    base: usize,
    counts: &[Count],
    owner: usize,
    end: usize,
) -> Option<(List, usize)> {
    let target = counts[owner].value;
    let unit = counts[owner].unit;
    let mut parts = List {
        total: owner,
        items: Vec::new(),
        open: false,
        ambiguous: false,
        complete: false,
    };
    let mut sum = 0;
    let mut i = owner + 1;
    while i < counts.len() && counts[i].span.start - base < end {
        let c = &counts[i];
        i += 1;
        if c.unit != unit
            || depth(
                text,
                unit_end(text, base, &counts[owner]),
                c.span.start - base,
            ) != 0
        {
            continue;
        }
        sum += c.value;
        parts.items.push(Item {
            count: i - 1,
            parts: None,
        });
        if sum == target {
            return Some((parts, i));
        }
        if sum > target {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::counts;

    /// (total, [(item, its parts)], open or ambiguous) per list.
    type Shape = (i64, Vec<(i64, Vec<i64>)>, bool);

    fn shape(text: &str) -> Vec<Shape> {
        let cs = counts(text, 0);
        lists(text, 0, &cs)
            .iter()
            .map(|l| {
                (
                    cs[l.total].value,
                    l.items
                        .iter()
                        .map(|it| {
                            (
                                cs[it.count].value,
                                it.parts
                                    .as_ref()
                                    .map(|p| p.items.iter().map(|x| cs[x.count].value).collect())
                                    .unwrap_or_default(),
                            )
                        })
                        .collect(),
                    l.open || l.ambiguous,
                )
            })
            .collect()
    }

    #[test]
    fn an_item_with_its_own_breakdown_counts_once() {
        let t = "共发布财政信息260条，其中专项资金90条，预决算公开140条（政府预决算40条、部门预决算100条）、“三公”经费20条、债券信息10条。";
        assert_eq!(
            shape(t),
            [(
                260,
                vec![
                    (90, vec![]),
                    (140, vec![40, 100]),
                    (20, vec![]),
                    (10, vec![])
                ],
                false
            )]
        );
        let t = "共公开信息260条，其中预决算140条，其中政府预决算40条、部门预决算100条，专项资金120条。";
        assert_eq!(
            shape(t),
            [(260, vec![(140, vec![40, 100]), (120, vec![])], false)]
        );
    }

    #[test]
    fn lists_run_over_semicolons_and_skip_other_units() {
        let t = "全年主动公开信息数86条，其中机关职能类信息8条，行政许可类信息2条；扶贫、教育类信息1条；应急预案类信息4条；环境保护类信息35条；其他信息36条;行政规范性文件本年度未制发，现行有效件数11件。";
        let s = shape(t);
        assert_eq!(s.len(), 1);
        let items: Vec<i64> = s[0].1.iter().map(|x| x.0).collect();
        assert_eq!(items, [8, 2, 1, 4, 35, 36]);
    }

    #[test]
    fn brackets_new_statements_and_open_lists() {
        let t = "共收到申请 5 件（其中：信函申请 2 件，网上申请 3 件），办结 5 件（其中：予以公开 4 件、不予公开 1 件）。";
        assert_eq!(
            shape(t),
            [
                (5, vec![(2, vec![]), (3, vec![])], false),
                (5, vec![(4, vec![]), (1, vec![])], false)
            ]
        );
        let t = "共收到申请 5 件，其中自然人 4 件、法人 1 件，办结 5 件。";
        assert_eq!(shape(t), [(5, vec![(4, vec![]), (1, vec![])], false)]);
        assert!(shape("共公开信息 50 条，其中政策文件 10 条、工作动态 20 条等。")[0].2);
        assert!(shape("共公开信息 50 条，其中主要有政策文件 10 条、工作动态 20 条。")[0].2);
        // `等` inside an item's own description does not open the list.
        assert!(!shape("共公开信息 50 条，其中教育、医疗等信息 30 条，其他信息 20 条。")[0].2);
        // A breakdown that adds up to nothing cannot be delimited.
        assert!(shape("共公开信息 50 条，其中政策 30 条，其中规章 7 条，动态 20 条。")[0].2);
    }
}
