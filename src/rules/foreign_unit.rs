//! # foreign-unit（出现其他单位的名称）
//!
//! ## 作用 What it does
//! 在本机关的年报中查找同级其他单位的名称（如大新镇的年报里出现“掌政镇人民政府”），
//! 这通常是照抄其他单位年报留下的痕迹。只比较同一级别：乡镇、街道的年报中比较其他乡镇、街道；
//! 区、县的年报中比较其他区、县的人民政府。本机关所属的上级（区、市、自治区）不报告，
//! 书名号、引号中的文件名（如《兴庆区大新镇政务公开工作要点》）不报告。
//!
//! Reports another unit's name (a sibling town, street or county) where the
//! report's own unit is meant: text copied from another unit's report.
//!
//! ## 原因 Why
//! 跨单位抄袭年报被法治蓝皮书等多次通报（“一些年报出现大范围的跨区域抄袭”），出现别的单位名称是最明显的证据。
//!
//! ## 示例 Example
//! ```text
//! 为进一步强化信息公开平台建设，掌政镇人民政府不断深化重点领域信息公开……
//! ```
//! （本报告为银川市兴庆区大新镇的年报。）
//!
//! ## 修复 Fix
//! 提供把该名称改为本机关名称的不安全修复，请核对该段内容是否确属本机关。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::Report;
use crate::prose;
use crate::rules::Meta;
use crate::text::Span;

pub const META: Meta = Meta {
    name: "foreign-unit",
    severity: Severity::Warning,
    summary: "年报中出现同级其他单位的名称",
    summary_en: "another unit's name appears in the report",
};

const LEVELS: [&str; 5] = ["街道", "镇", "乡", "区", "县"];
const SUFFIXES: [&str; 6] = ["人民政府", "政府", "党委", "办事处", "党政办", "政务公开"];

fn is_name_char(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        && !"的在为和与及对向从由把被将了是年月日等各全本我该其市省".contains(c)
}

/// The unit's own level and the two characters before it (`大新` of 大新镇).
fn own(unit: &str) -> Option<(&'static str, String)> {
    let mut best: Option<(usize, &'static str)> = None;
    for level in LEVELS {
        if let Some(p) = unit.rfind(level) {
            if p == 0 {
                continue;
            }
            if best.is_none_or(|(bp, _)| p > bp) {
                best = Some((p, level));
            }
        }
    }
    let (p, level) = best?;
    let name: String = unit[..p]
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some((level, name))
}

fn inside_quotes(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let open = |o: char, c: char| before.rfind(o).is_some_and(|p| !before[p..].contains(c));
    open('《', '》') || open('“', '”') || open('〈', '〉') || open('「', '」')
}

pub fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    let Some(unit) = &r.unit else { return };
    let unit: String = unit
        .chars()
        .filter(|c| !crate::syntax::is_space(*c))
        .collect();
    let Some((level, own_name)) = own(&unit) else {
        return;
    };
    let town = matches!(level, "镇" | "乡" | "街道");
    let levels: &[&str] = if town {
        &["镇", "乡", "街道"]
    } else {
        &["区", "县"]
    };
    for (_, line) in prose::lines(r) {
        let text = r.text(line);
        for lv in levels {
            for (p, _) in text.match_indices(lv) {
                let after = &text[p + lv.len()..];
                if !SUFFIXES.iter().any(|s| after.starts_with(s)) {
                    continue;
                }
                if !town && !after.starts_with("人民政府") {
                    continue;
                }
                let name: Vec<(usize, char)> = text[..p]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| is_name_char(*c))
                    .take(3)
                    .collect();
                if name.len() < 2 {
                    continue;
                }
                let two: String = name[..2].iter().rev().map(|x| x.1).collect();
                let start = name[name.len().min(2) - 1].0;
                let full_name = format!("{two}{lv}");
                if two == own_name || unit.contains(&full_name) || inside_quotes(text, start) {
                    continue;
                }
                // A higher level the unit belongs to (兴庆区 for 大新镇).
                if unit.contains(&two) {
                    continue;
                }
                let span = Span::new(line.start + start, line.start + p + lv.len());
                let own_full = format!("{own_name}{level}");
                out.push(
                    Diagnostic::new(
                        META.name,
                        META.severity,
                        span,
                        Msg::new(
                            format!("本报告是“{unit}”的年报，却出现了“{full_name}”：可能照抄了其他单位的年报"),
                            format!("this is the report of “{unit}” but names “{full_name}”: text copied from another unit?"),
                        ),
                    )
                    .with_fix(Fix::unsafe_(
                        Msg::new(format!("改为“{own_full}”"), format!("change to “{own_full}”")),
                        vec![Edit { span, text: own_full.clone() }],
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::run;

    const HEAD: &str = "# 银川市兴庆区大新镇 2020 年政府信息公开 工作年度报告\n一、总体情况\n";

    #[test]
    fn sibling_town_is_flagged() {
        let f = run(
            &format!(
                "{HEAD}为进一步强化信息公开平台建设，掌政镇人民政府不断深化重点领域信息公开。\n"
            ),
            "foreign-unit",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("掌政镇"));
    }

    #[test]
    fn own_unit_higher_levels_and_quotes_are_not() {
        for t in [
            "本报告由大新镇人民政府办公室汇总大新镇人民政府信息公开情况编制而成。",
            "本报告电子版可在兴庆区人民政府网站查阅。",
            "在兴庆区政府网站公开本单位政府信息 136 条。",
            "编制《银川市兴庆区大新镇人民政府信息公开指南》。",
            "本单位应公开政府信息通过“银川市兴庆区人民政府”网站发布。",
            "经兴庆区大新镇人民政府同意，现予发布。",
        ] {
            assert!(
                run(&format!("{HEAD}{t}\n"), "foreign-unit").is_empty(),
                "{t}"
            );
        }
    }
}
