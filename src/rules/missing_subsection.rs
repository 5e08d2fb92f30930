//! # missing-subsection（“一、总体情况”缺少标准分项）
//!
//! ## 作用 What it does
//! “一、总体情况”应分述五个方面：主动公开、依申请公开、政府信息管理、（政府信息公开）平台建设、监督保障。
//! 按关键词在该部分的小标题（“（一）……”、加粗或 Markdown 小标题）中查找，缺哪项报哪项。
//! 只看小标题，不看正文：正文中偶然出现的“政府信息管理”不算分项。
//!
//! Reports one of the five standard items of 一、总体情况 with no sub-heading.
//!
//! ## 原因 Why
//! 统一格式要求总体情况“主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障”。
//!
//! ## 示例 Example
//! “一、总体工作情况”下只有“（一）强化领导，成立组织机构”“（二）加强学习、监督”等小标题。
//!
//! ## 修复 Fix
//! 无自动修复：按五个方面补写或调整小标题。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::Report;
use crate::rules::Meta;
use crate::schema::{SUBITEMS, normalize_label};
use crate::syntax::NumberingKind;

pub const META: Meta = Meta {
    name: "missing-subsection",
    severity: Severity::Warning,
    summary: "“一、总体情况”缺少标准分项",
    summary_en: "一、总体情况 lacks one of its five standard items",
};

pub fn check(r: &Report, out: &mut Vec<Diagnostic>) {
    let Some(idx) = r.sections.iter().position(|s| s.matched == Some(1)) else {
        return;
    };
    let head = &r.sections[idx];
    let end = r
        .sections
        .get(idx + 1)
        .map(|s| s.line)
        .unwrap_or(r.doc.lines.len());
    let titles: Vec<String> = r.doc.lines[head.line + 1..end]
        .iter()
        .filter(|l| {
            let short = r.text(l.title).chars().count() <= 24;
            // （一）… headings, and short `1.` headings or bold/Markdown lines
            // some reports use instead.
            l.numbering
                .is_some_and(|n| n.kind == NumberingKind::ParenChinese)
                || (l.numbering.is_some_and(|n| n.kind == NumberingKind::Arabic) && short)
                || ((l.md_level > 0 || l.bold) && short)
        })
        .map(|l| normalize_label(r.text(l.title)))
        .collect();
    for item in SUBITEMS.iter() {
        let found = titles
            .iter()
            .any(|t| item.keywords.iter().all(|k| t.contains(k)));
        if !found {
            out.push(Diagnostic::new(
                META.name,
                META.severity,
                head.span,
                Msg::new(
                    format!("“一、总体情况”缺少“{}”方面的内容（应有主动公开、依申请公开、政府信息管理、平台建设、监督保障五项）", item.title),
                    format!("一、总体情况 has no item on “{}” (expected the five standard items)", item.title),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::run;

    #[test]
    fn keyword_matching_on_subheadings_only() {
        let ok = "一、 总体公开工作情况概述\n(一) 主动公开情况。一是……\n(二)依申请公开情况。\n(三)政府信息管理情况。\n(四)政务公开平台建设及运行情况。\n(五)强化监督保障情况。\n二、主动公开政府信息情况\n";
        assert!(
            run(ok, "missing-subsection").is_empty(),
            "{:?}",
            run(ok, "missing-subsection")
        );
        let md = "## 一、总体情况\n### （一）主动公开\n## **(二) 依申请公开**\n## **(三) 政府信息管理**\n#### **（四）平台建设**\n## （五）监督保障\n## 二、主动公开政府信息情况\n";
        assert!(
            run(md, "missing-subsection").is_empty(),
            "{:?}",
            run(md, "missing-subsection")
        );
        let bad = "一、总体工作情况\n（一）强化领导，成立组织机构。\n（二）加强学习、监督，确保政务公开取得实效。一是加强政府信息管理。\n二、主动公开政府信息情况\n";
        assert_eq!(run(bad, "missing-subsection").len(), 5);
        let arabic = "一、总体情况\n1. 主动公开情况\n正文。\n2. 依申请公开情况\n3. 政府信息管理\n4. 平台建设\n5. 监督保障\n二、主动公开政府信息情况\n";
        assert!(run(arabic, "missing-subsection").is_empty());
    }
}
