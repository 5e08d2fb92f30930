//! # narrative-sum（正文中的总数与分项不符）
//!
//! ## 作用 What it does
//! 读出正文中“共 N 条/件，其中 a …、b …、c …”的列举结构：分项有自己的括号或“其中”细分时，
//! 该分项只按它自己的数计入一次（“预决算公开140条（政府预决算40条、部门预决算100条）”计 140），
//! 细分本身也核对。分项相加**多于**总数时报告；少于总数时，只在列举声称列全了的情况下报告：紧跟总数的
//! 括号细分（“共 5 件（其中：信函 2 件，网上 2 件）”）、以“其他”“其余”收尾、写明“分别为”“全部为”；
//! 否则“其中规划公示 20 条、征地信息 15 条”只是举出一部分。“较上年增加 14 条，其中……”的“其中”细分的是
//! 前面的 96 条，不是变化量 14。
//! 紧跟数字的百分比（“9 件，占 75%”）按它写明的基数核对（“占办结总数的”看办结数，“占收到申请的”看收到数）；
//! 没写明时看它所在句中它所属的数（“办理行政许可 40 项，其中即办 30 项，占 75%”看 40）或所在列举的总数，
//! 两者不同又都对不上时基数不明确，不报告；从不拿段首的总数去比。对不上（误差超过 1 个百分点）才报告。
//!
//! Reads "共 N …，其中 a、b、c" as a list (an item with its own breakdown
//! counts once) and reports exhaustive parts that do not add up, and
//! percentages that match none of the bases they can refer to.
//!
//! ## 原因 Why
//! 正文数字自相矛盾会让读者怀疑整份报告的准确性，往往是改了一个数字忘了改另一个。
//!
//! ## 示例 Example
//! ```text
//! 共收到政府信息公开申请 5 件（其中：信函申请 2 件，网上申请 2 件）。
//! ```
//!
//! ## 修复 Fix
//! 无自动修复：核对总数与各分项。
//!
//! ## 有意不报告 Deliberately not flagged
//! 不穷尽的列举（等、另有、此外、主要）；概数；列举的范围无法确定时（未加括号的“其中”又套“其中”而分项加不出它的数）
//! ；列举后面接着另一件事（“其中……，办结 5 件”）而前几项已经等于总数时；单位不同的数（条与件）
//! ；下一句才开始的“其中”；没有写明基数也找不到总数的百分比。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::prose::lists::{self, List};
use crate::prose::{self, Count};
use crate::rules::{Ctx, Meta};
use crate::text::is_space;
use std::ops::Range;

pub const META: Meta = Meta {
    name: "narrative-sum",
    severity: Severity::Warning,
    summary: "正文中的总数与分项或百分比不符",
    summary_en: "a total in the text does not match its parts or percentages",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    check_lines(r, 0..r.doc.lines.len(), out);
}

/// Line-local (`rules::RuleDef::lines`): a paragraph is one line, and each
/// finding is one paragraph's, from its text alone.
pub fn check_lines(r: &Ctx, lines: Range<usize>, out: &mut Vec<Diagnostic>) {
    for (span, sentences) in prose::paragraphs_in(r.prose(), lines) {
        if !sentences.iter().any(|s| !s.counts.is_empty()) {
            continue;
        }
        let text = r.text(span);
        if text.contains("其中") {
            // Shared with narrative-mismatch, which reads the same lists.
            let shared = r.lists(span, sentences);
            for list in &shared.lists {
                check_list(list, &shared.counts, out);
            }
            percentages(text, span.start, &shared.counts, &shared.lists, out);
            continue;
        }
        let counts: Vec<Count> = sentences
            .iter()
            .flat_map(|s| s.counts.iter().cloned())
            .collect();
        percentages(text, span.start, &counts, &[], out);
    }
}

fn check_list(list: &List, counts: &[Count], out: &mut Vec<Diagnostic>) {
    for item in &list.items {
        if let Some(parts) = &item.parts {
            check_list(parts, counts, out);
        }
    }
    let total = &counts[list.total];
    let values: Vec<i64> = list.items.iter().map(|it| counts[it.count].value).collect();
    let approximate = total.approximate || list.items.iter().any(|it| counts[it.count].approximate);
    if list.open || list.ambiguous || approximate || values.len() < 2 {
        return;
    }
    let sum: i64 = values.iter().sum();
    if sum == total.value || sum == 0 {
        return;
    }
    // Fewer than the total: a list may name only some parts, unless it
    // claims to name them all.
    if sum < total.value && !list.complete {
        return;
    }
    // More than the total, but the first items already make it: the list
    // ended there and what follows is about something else.
    if sum > total.value
        && (2..values.len()).any(|k| values[..k].iter().sum::<i64>() == total.value)
    {
        return;
    }
    let terms = values
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(" + ");
    let diff = (sum - total.value).abs();
    out.push(Diagnostic::new(
        META.name,
        META.severity,
        total.span,
        Msg::new(
            format!(
                "总数为 {}，而“其中”所列 {} 项相加为 {sum}（{terms}），相差 {diff}",
                total.value,
                values.len()
            ),
            format!(
                "the total is {} but the {} parts after 其中 add up to {sum} ({terms}), {diff} apart",
                total.value,
                values.len()
            ),
        ),
    ));
}

/// Which count a percentage is a share of, when the text names it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    Completed,
    Received,
    Unnamed,
}

impl Base {
    fn matches(self, c: &Count) -> bool {
        let words: &[&str] = match self {
            Base::Completed => &["办结", "答复"],
            Base::Received => &["收到", "受理", "新收", "接收", "接到"],
            Base::Unnamed => return c.is_total(),
        };
        words.iter().any(|w| c.before.contains(w))
    }
}

/// `9 件，占 75%`, `9 件，占办结总数的 75%`: the share written after count
/// `c`, and the base it names.
fn share_after(text: &str, base: usize, c: &Count) -> Option<(f64, Base)> {
    let after = &text[lists::unit_end(text, base, c)..];
    // Most counts are followed by no share: tell by a character or two
    // before copying the text after them.
    let mut visible = after.chars().filter(|ch| !is_space(*ch));
    let first = visible.next()?;
    let first = if matches!(first, '，' | ',') {
        visible.next()?
    } else {
        first
    };
    if first != '占' {
        return None;
    }
    let tail: String = after.chars().filter(|ch| !is_space(*ch)).take(24).collect();
    let tail = tail.strip_prefix(['，', ',']).unwrap_or(&tail);
    let p = tail
        .strip_prefix("占比")
        .or_else(|| tail.strip_prefix('占'))?;
    // `占办结总数的 75%`: the base named before 的.
    let (named, p) = match p.find('的') {
        Some(i) if i <= 30 && !p[..i].chars().any(|ch| ch.is_ascii_digit()) => {
            (&p[..i], &p[i + '的'.len_utf8()..])
        }
        _ => ("", p),
    };
    let digits: String = p
        .chars()
        .take_while(|ch| ch.is_ascii_digit() || *ch == '.')
        .collect();
    let rest = &p[digits.len()..];
    if !rest.starts_with('%') && !rest.starts_with('％') {
        return None;
    }
    let pct = digits.parse::<f64>().ok()?;
    let base = if named.contains("办结") || named.contains("答复") {
        Base::Completed
    } else if ["收到", "受理", "申请", "新收"]
        .iter()
        .any(|w| named.contains(w))
    {
        Base::Received
    } else {
        Base::Unnamed
    };
    Some((pct, base))
}

/// The totals of the lists that have count `i` as an item.
fn enclosing_totals(lists: &[List], i: usize, out: &mut Vec<usize>) {
    for l in lists {
        if l.items.iter().any(|it| it.count == i) {
            out.push(l.total);
        }
        for it in &l.items {
            if let Some(p) = &it.parts {
                enclosing_totals(std::slice::from_ref(p), i, out);
            }
        }
    }
}

fn percentages(
    text: &str,
    base: usize,
    counts: &[Count],
    lists: &[List],
    out: &mut Vec<Diagnostic>,
) {
    for (i, c) in counts.iter().enumerate() {
        let Some((pct, named)) = share_after(text, base, c) else {
            continue;
        };
        let fits = |j: usize| {
            let b = &counts[j];
            b.unit == c.unit && !b.approximate && b.value > 0 && b.value >= c.value
        };
        let mut candidates = Vec::new();
        if named == Base::Unnamed {
            // The base its own sentence names: the count it is a part of
            // (`行政许可 40 项，其中即办 30 项，占 75%`), or the total of the
            // list it is an item of; never the paragraph's first total.
            let at = c.span.start - base;
            let sentence = text[..at]
                .rfind(['。', '！', '？', '；', ';'])
                .map_or(0, |p| {
                    p + text[p..].chars().next().map_or(1, char::len_utf8)
                });
            let near = (0..i)
                .rev()
                .take_while(|&j| counts[j].span.start - base >= sentence)
                .find(|&j| fits(j));
            let mut totals = Vec::new();
            enclosing_totals(lists, i, &mut totals);
            totals.retain(|&j| fits(j));
            match near {
                // Two bases, neither clearly the one: nothing to say.
                Some(n) if !totals.is_empty() && !totals.contains(&n) => continue,
                Some(n) => candidates.push(n),
                None if !totals.is_empty() => candidates.extend(totals),
                // `共…12 件。其中，…9 件，占 75%`: a sentence that opens with
                // 其中 breaks down the total before it.
                None if text[sentence..at].trim_start().starts_with("其中") => {
                    candidates.extend((0..i).rev().filter(|&j| counts[j].is_total()));
                }
                None => {}
            }
        } else {
            candidates.extend((0..i).rev().filter(|&j| named.matches(&counts[j])));
        }
        candidates.retain(|&j| fits(j));
        let share = |j: usize| c.value as f64 * 100.0 / counts[j].value as f64;
        let Some(&first) = candidates.first() else {
            continue;
        };
        if candidates.iter().any(|&j| (share(j) - pct).abs() <= 1.0) {
            continue;
        }
        let b = &counts[first];
        let actual = share(first);
        out.push(
            Diagnostic::new(
                META.name,
                META.severity,
                c.span,
                Msg::new(
                    format!(
                        "{} {}占 {} {}的 {actual:.1}%，而正文写的是 {pct}%",
                        c.value, c.unit, b.value, b.unit
                    ),
                    format!(
                        "{} of {} is {actual:.1}%, but the text says {pct}%",
                        c.value, b.value
                    ),
                ),
            )
            .with_related(
                b.span,
                Msg::new(
                    format!("百分比的基数：{} {}", b.value, b.unit),
                    format!("the base of the percentage: {}", b.value),
                ),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check_cases;
    use expect_test::expect;

    fn lines(texts: &[&'static str]) -> Vec<(&'static str, String)> {
        texts.iter().map(|t| (*t, format!("{t}\n"))).collect()
    }

    #[test]
    fn parts_and_percentages() {
        let cases = lines(&[
            "共收到政府信息公开申请 5 件（其中：信函申请 2 件，网上申请 2 件）。",
            "共收集代表建议 12 件。其中，所提建议已经解决的 9 件，占 70%；所提建议正在解决的 3 件，占 25%。",
        ]);
        check_cases(
            "narrative-sum",
            cases,
            expect![[r#"
            ── 共收到政府信息公开申请 5 件（其中：信函申请 2 件，网上申请 2 件）。
            1:13 warning [narrative-sum] 总数为 5，而“其中”所列 2 项相加为 4（2 + 2），相差 1
            ── 共收集代表建议 12 件。其中，所提建议已经解决的 9 件，占 70%；所提建议…
            1:27 warning [narrative-sum] 9 件占 12 件的 75.0%，而正文写的是 70%
                related 1:9 百分比的基数：12 件
        "#]],
        );
    }

    #[test]
    fn nested_breakdowns_and_named_bases() {
        let cases = lines(&[
            "共公布政府信息1200条(其中政策文件300条、工作动态500条、人事信息350条)。",
            // A breakdown of one item is checked against that item.
            "共发布财政信息260条，其中专项资金90条，预决算公开140条（政府预决算40条、部门预决算90条）、“三公”经费20条、债券信息10条。",
            // A share of the count it names.
            "共收到申请 20 件，办结 16 件，其中予以公开 12 件，占收到申请总数的 75%。",
        ]);
        check_cases(
            "narrative-sum",
            cases,
            expect![[r#"
            ── 共公布政府信息1200条(其中政策文件300条、工作动态500条、人事信息350…
            1:8 warning [narrative-sum] 总数为 1200，而“其中”所列 3 项相加为 1150（300 + 500 + 350），相差 50
            ── 共发布财政信息260条，其中专项资金90条，预决算公开140条（政府预决算40条…
            1:28 warning [narrative-sum] 总数为 140，而“其中”所列 2 项相加为 130（40 + 90），相差 10
            ── 共收到申请 20 件，办结 16 件，其中予以公开 12 件，占收到申请总数的 …
            1:27 warning [narrative-sum] 12 件占 20 件的 60.0%，而正文写的是 75%
                related 1:7 百分比的基数：20 件
        "#]],
        );
    }

    #[test]
    fn real_wording_that_adds_up_or_is_open() {
        let cases = lines(&[
            "2019 年，镇罗镇主动公开政府信息共 669 条。通过政府网站发布政府信息共 103 条，通过政务微博发布政府信息 179 条，通过政务微信发布政府信息 183 条。通过公示栏、公开墙发布项目建设及危房改造信息 47 次、扶贫信息 32 次、镇村财务 58 次、民生救助 67 次。",
            "共收集代表建议 12 件，全部由镇罗镇人民政府承办。其中，所提建议已经解决的 9 件，占 75%；所提建议正在解决的 3 件，占 25%。",
            "共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 0 件，当面申请 0 件）。",
            "主动公开政府信息221余条，其中政府网站公开政府信息145条，微博公开政府信息60余条，政务抖音发布信息16条。",
            "共公开信息 50 条，其中政策文件 10 条、工作动态 20 条等。",
            "2020 年，共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 0 件，当面申请 0 件），办结 4 件（其中：予以公开 0 件、不予公开 4 件、部分公开 0 件、本机关不掌握相关政府信息 0 件），办结率 100%，0 件结转下年度办理。",
            "共发布财政信息260条，其中专项资金90条，预决算公开140条（政府预决算40条、部门预决算100条）、“三公”经费20条、债券信息10条。",
            "全年主动公开信息数86条，其中机关职能类信息8条，行政许可类信息2条；扶贫、教育、医疗、社会保障、促进就业类信息1条；突发公共事件应急预案类信息4条；环境保护、公共卫生、安全生产、食品药品、产品质量类信息35条；其他应主动公开的政府信息36条;行政规范性文件本年度未制发，现行有效件数11件。",
            "共收到申请 20 件，办结 16 件，其中予以公开 12 件，占办结总数的 75%。",
            "共收到申请 20 件，办结 16 件，其中予以公开 12 件，占 75%。",
            "共收到申请 5 件，其中自然人 4 件、法人 1 件，办结 5 件。",
        ]);
        check_cases(
            "narrative-sum",
            cases,
            expect![[r#"
            ── 2019 年，镇罗镇主动公开政府信息共 669 条。通过政府网站发布政府信息共 …
            ── 共收集代表建议 12 件，全部由镇罗镇人民政府承办。其中，所提建议已经解决的 9…
            ── 共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 0 件，当面申…
            ── 主动公开政府信息221余条，其中政府网站公开政府信息145条，微博公开政府信息6…
            ── 共公开信息 50 条，其中政策文件 10 条、工作动态 20 条等。
            ── 2020 年，共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 …
            ── 共发布财政信息260条，其中专项资金90条，预决算公开140条（政府预决算40条…
            ── 全年主动公开信息数86条，其中机关职能类信息8条，行政许可类信息2条；扶贫、教育…
            ── 共收到申请 20 件，办结 16 件，其中予以公开 12 件，占办结总数的 75…
            ── 共收到申请 20 件，办结 16 件，其中予以公开 12 件，占 75%。
            ── 共收到申请 5 件，其中自然人 4 件、法人 1 件，办结 5 件。
        "#]],
        );
    }
}
