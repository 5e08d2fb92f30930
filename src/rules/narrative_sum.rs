//! # narrative-sum（正文中的总数与分项不符）
//!
//! ## 作用 What it does
//! 检查正文中“共 N 条/件，其中 a …、b …、c …”式的表述：分项穷尽（没有“等”“另有”“此外”，没有概数）
//! 而相加不等于总数时报告；以及紧跟数字的百分比（“9 件，占 75%”）与同一段前文的总数不符（误差超过 1 个百分点）时报告。
//!
//! Reports "共 N …，其中 a、b、c" where exhaustive parts do not add up, and
//! percentages next to their counts that do not match the total.
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

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::Report;
use crate::prose;
use crate::rules::Meta;
use crate::text::Span;

pub const META: Meta = Meta {
    name: "narrative-sum",
    severity: Severity::Warning,
    summary: "正文中的总数与分项或百分比不符",
    summary_en: "a total in the text does not match its parts or percentages",
};

pub fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    let mut base_total: Option<(i64, char)> = None;
    let mut current_line = usize::MAX;
    for sent in prose::of(r) {
        // A base total holds within its paragraph.
        if sent.line != current_line {
            current_line = sent.line;
            base_total = None;
        }
        let s = sent.span;
        {
            let sentence = r.text(s);
            let counts = &sent.counts;
            // 共 N …，其中 a、b、c
            if let Some(qi) = sentence.find("其中") {
                let q = s.start + qi;
                let total = counts.iter().rev().find(|c| {
                    c.span.start < q
                        && (c.before.contains('共')
                            || c.before.contains("合计")
                            || c.before.contains("总计"))
                });
                if let Some(t) = total {
                    // The parts run to the closing bracket when 其中 opens
                    // one, else to the next 其中 or the end of the sentence.
                    let opened = sentence[..qi]
                        .trim_end_matches(crate::syntax::is_space)
                        .ends_with(['（', '(']);
                    let after_q = &sentence[qi + "其中".len()..];
                    let stop = if opened {
                        after_q.find(['）', ')'])
                    } else {
                        after_q.find("其中")
                    };
                    let rest_end = qi + "其中".len() + stop.unwrap_or(after_q.len());
                    let rest = &sentence[qi..rest_end];
                    let end_abs = s.start + rest_end;
                    let parts: Vec<&prose::Count> = counts
                        .iter()
                        .filter(|c| c.span.start > q && c.span.end <= end_abs && c.unit == t.unit)
                        .collect();
                    let open_ended = rest.contains('等')
                        || rest.contains("另有")
                        || rest.contains("此外")
                        || rest.contains("以上");
                    let approx = t.approximate || parts.iter().any(|c| c.approximate);
                    let sum: i64 = parts.iter().map(|c| c.value).sum();
                    if parts.len() >= 2 && !open_ended && !approx && sum != t.value && sum > 0 {
                        out.push(Diagnostic::new(
                            META.name,
                            META.severity,
                            t.span,
                            Msg::new(
                                format!("总数为 {}，而“其中”各项相加为 {sum}", t.value),
                                format!(
                                    "the total is {} but the parts after 其中 add up to {sum}",
                                    t.value
                                ),
                            ),
                        ));
                    }
                }
            }
            if let Some(c) = counts
                .iter()
                .find(|c| c.before.contains('共') && !c.approximate)
            {
                base_total = Some((c.value, c.unit));
            }
            // N 件，占 P%
            for c in counts {
                let Some((total, unit)) = base_total else {
                    break;
                };
                if c.unit != unit || total <= 0 || c.value > total {
                    continue;
                }
                // `9 件，占 75%`: the share follows the unit, maybe after a comma.
                let tail = &sentence[c.span.end - s.start..];
                let tail: String = tail
                    .chars()
                    .filter(|ch| !crate::syntax::is_space(*ch))
                    .collect();
                let tail = tail.strip_prefix(c.unit).unwrap_or(&tail);
                let tail = tail.strip_prefix(['，', ',']).unwrap_or(tail);
                let Some(p) = tail
                    .strip_prefix("占比")
                    .or_else(|| tail.strip_prefix('占'))
                else {
                    continue;
                };
                let digits: String = p
                    .chars()
                    .take_while(|ch| ch.is_ascii_digit() || *ch == '.')
                    .collect();
                if !p[digits.len()..].starts_with('%') && !p[digits.len()..].starts_with('％') {
                    continue;
                }
                let Ok(pct) = digits.parse::<f64>() else {
                    continue;
                };
                let actual = c.value as f64 * 100.0 / total as f64;
                if (actual - pct).abs() > 1.0 {
                    out.push(Diagnostic::new(
                        META.name,
                        META.severity,
                        Span::new(c.span.start, c.span.end),
                        Msg::new(
                            format!("{} / {total} = {actual:.1}%，而正文写的是 {pct}%", c.value),
                            format!(
                                "{} / {total} = {actual:.1}%, but the text says {pct}%",
                                c.value
                            ),
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::run;

    #[test]
    fn parts_and_percentages() {
        let f = run(
            "共收到政府信息公开申请 5 件（其中：信函申请 2 件，网上申请 2 件）。\n",
            "narrative-sum",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        let f = run(
            "共收集代表建议 12 件。其中，所提建议已经解决的 9 件，占 70%；所提建议正在解决的 3 件，占 25%。\n",
            "narrative-sum",
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn real_wording_that_adds_up_or_is_open() {
        for t in [
            "2019 年，镇罗镇主动公开政府信息共 669 条。通过政府网站发布政府信息共 103 条，通过政务微博发布政府信息 179 条，通过政务微信发布政府信息 183 条。通过公示栏、公开墙发布项目建设及危房改造信息 47 次、扶贫信息 32 次、镇村财务 58 次、民生救助 67 次。",
            "共收集代表建议 12 件，全部由镇罗镇人民政府承办。其中，所提建议已经解决的 9 件，占 75%；所提建议正在解决的 3 件，占 25%。",
            "共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 0 件，当面申请 0 件）。",
            "主动公开政府信息221余条，其中政府网站公开政府信息145条，微博公开政府信息60余条，政务抖音发布信息16条。",
            "共公开信息 50 条，其中政策文件 10 条、工作动态 20 条等。",
            "2020 年，共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 0 件，当面申请 0 件），办结 4 件（其中：予以公开 0 件、不予公开 4 件、部分公开 0 件、本机关不掌握相关政府信息 0 件），办结率 100%，0 件结转下年度办理。",
        ] {
            assert!(run(&format!("{t}\n"), "narrative-sum").is_empty(), "{t}");
        }
    }
}
