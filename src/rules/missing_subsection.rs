//! # missing-subsection（“一、总体情况”缺少标准分项）
//!
//! ## 作用 What it does
//! 2021 年起的格式要求“一、总体情况”包括五个方面：主动公开、依申请公开、政府信息管理、
//! 政府信息公开平台建设、监督保障。按意思查找每一项：每项有一组词（监督保障：监督、考核、培训、评议、问责、
//! 保障……；平台建设：平台、网站、新媒体、专栏、公报……），先在该部分的小标题（“（一）……”、短的“1.”、
//! 加粗或 Markdown 小标题）中找，找不到再在该部分正文中找；都找不到的方面合在一条里报告。
//!
//! 2019、2020 年度（2019 年格式的通知没有列出这五项）只在该部分有小标题、却没有一个是五个方面之一
//! （按模板用语：主动公开、依申请、信息管理、平台、监督保障）时报告一次。
//!
//! 网页文本中“一、总体情况”与其各分项粘在一行（“一、总体情况2024年，……（一）主动公开方面，……（三）政府信息管理方面，……”）
//! 时也能读出各分项，缺了哪几项就写明哪几项。
//!
//! Reports, once, the standard items of 一、总体情况 (2021 format, report
//! years from 2021) that neither its headings nor its body are about.
//!
//! ## 原因 Why
//! 统一格式要求总体情况“主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障”。
//!
//! ## 示例 Example
//! “一、总体情况”下只有“（一）强化领导，成立组织机构”“（二）加强学习、监督”等小标题，正文也没有写依申请公开。
//!
//! ## 修复 Fix
//! 无自动修复：按五个方面补写或调整小标题。
//!
//! ## 有意不报告 Deliberately not flagged
//! 报告年度 2019–2020（2019 格式的通知未列出五项）；以自己的说法写到的方面（“（五）
//! 强化考核问责，主动接受社会监督”算监督保障）；没有“一”部分（由 missing-section 报告）。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::Report;
use crate::rules::{Ctx, Meta};
use crate::schema::{SUBITEM_WORDS, SUBITEMS_REQUIRED_FROM, Version};
use crate::syntax::NumberingKind;
use crate::text::normalize_label;

pub const META: Meta = Meta {
    name: "missing-subsection",
    severity: Severity::Warning,
    summary: "“一、总体情况”缺少标准分项",
    summary_en: "一、总体情况 lacks one of its five standard items",
};

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    let required = match r.year {
        Some(y) => y >= SUBITEMS_REQUIRED_FROM,
        None => r.version == Version::V2021,
    };
    let Some(idx) = r.sections.iter().position(|s| s.matched == Some(1)) else {
        return;
    };
    if !required {
        check_2019(r, idx, out);
        return;
    }
    let head = &r.sections[idx];
    let end = r
        .sections
        .get(idx + 1)
        .map(|s| s.line)
        .unwrap_or(r.doc.lines.len());
    let lines = &r.doc.lines[head.line + 1..end];
    let is_heading = |l: &crate::syntax::Line| {
        let short = r.text(l.title).chars().count() <= 24;
        // （一）… headings, and short `1.` headings or bold/Markdown lines
        // some reports use instead.
        l.numbering
            .is_some_and(|n| n.kind == NumberingKind::ParenChinese)
            || (l.numbering.is_some_and(|n| n.kind == NumberingKind::Arabic) && short)
            || ((l.md_level > 0 || l.bold) && short)
    };
    let headings: Vec<String> = lines
        .iter()
        .filter(|l| is_heading(l))
        .map(|l| normalize_label(r.text(l.title)))
        .collect();
    let body: String = lines
        .iter()
        .map(|l| normalize_label(r.text(l.span)))
        .collect();
    let missing: Vec<&str> = SUBITEM_WORDS
        .iter()
        .filter(|item| {
            let about = |t: &str| item.words.iter().any(|w| t.contains(w));
            !headings.iter().any(|h| about(h)) && !about(&body)
        })
        .map(|item| item.title)
        .collect();
    if missing.is_empty() {
        return;
    }
    let list = missing.join("”“");
    out.push(Diagnostic::new(
        META.name,
        META.severity,
        head.span,
        Msg::new(
            format!(
                "“一、总体情况”没有写到“{list}”（小标题和正文中都没有找到）；2021 年起的格式要求包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面"
            ),
            format!(
                "一、总体情况 says nothing about “{list}” (neither headings nor text); from 2021 the format requires all five standard items"
            ),
        ),
    ));
}

/// The 2019 format names no items: only a 一 whose own item headings
/// name none of the five, in the template's words, is reported.
fn check_2019(r: &Report, idx: usize, out: &mut Vec<Diagnostic>) {
    let items: Vec<String> = r
        .subsections
        .iter()
        .filter(|s| s.section == idx)
        .map(|s| normalize_label(r.text(s.title)))
        .collect();
    let names_one = items.iter().any(|h| {
        crate::schema::SUBITEMS
            .iter()
            .any(|i| i.keywords.iter().all(|k| h.contains(k)))
    });
    if items.is_empty() || names_one {
        return;
    }
    out.push(Diagnostic::new(
        META.name,
        META.severity,
        r.sections[idx].span,
        Msg::new(
            "“一、总体情况”的小标题没有一个对应标准的五个方面（主动公开、依申请公开、政府信息管理、平台建设、监督保障）".to_string(),
            "none of the item headings of 一、总体情况 is one of the five standard items (proactive disclosure, on request, information management, platforms, oversight)".to_string(),
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, check_cases};
    use expect_test::expect;

    fn report(year: i32, one: &str) -> String {
        format!("某某县某某局{year}年政府信息公开工作年度报告\n{one}二、主动公开政府信息情况\n")
    }

    #[test]
    fn items_are_matched_by_meaning() {
        let ok = "一、总体情况\n（一）主动公开方面。\n（二）依申请公开方面。\n（三）加强公开属性源头认定。\n（四）用好政府网站和政务新媒体。\n（五）强化考核问责，主动接受社会监督。\n";
        let md = "## 一、总体情况\n### （一）主动公开\n## **(二) 依申请公开**\n## **(三) 政府信息管理**\n#### **（四）平台建设**\n## （五）监督管理\n";
        let arabic = "一、总体情况\n1. 主动公开情况\n正文。\n2. 依申请公开情况\n3. 政府信息管理\n4. 平台建设\n5. 监督保障\n";
        let cases = [
            ("各项的说法", report(2024, ok)),
            ("Markdown 标题", report(2022, md)),
            ("阿拉伯数字编号", report(2021, arabic)),
        ];
        check_cases(
            "missing-subsection",
            cases,
            expect![[r#"
            ── 各项的说法
            ── Markdown 标题
            ── 阿拉伯数字编号
        "#]],
        );
    }

    #[test]
    fn body_counts_when_headings_do_not_and_missing_items_are_one_finding() {
        let body = "一、总体情况\n（一）强化领导，成立组织机构。全年主动公开政府信息 86 条，在政府网站发布。\n（二）抓好落实。严格信息发布审核，开展业务培训。\n";
        check(
            &report(2024, body),
            "missing-subsection",
            expect![[r#"
            2:1 warning [missing-subsection] “一、总体情况”没有写到“依申请公开”（小标题和正文中都没有找到）；2021 年起的格式要求包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面
        "#]],
        );
        let none = "一、总体工作情况\n（一）强化领导，成立组织机构。\n（二）狠抓落实。\n";
        check(
            &report(2024, none),
            "missing-subsection",
            expect![[r#"
            2:1 warning [missing-subsection] “一、总体情况”没有写到“主动公开”“依申请公开”“政府信息管理”“政府信息公开平台建设”“监督保障”（小标题和正文中都没有找到）；2021 年起的格式要求包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面
        "#]],
        );
    }

    #[test]
    fn the_2019_format_does_not_list_the_items() {
        let some = "一、总体情况\n（一）主动公开情况。\n（二）狠抓落实。\n";
        let none = "一、总体工作情况\n（一）强化领导，成立组织机构。\n（二）狠抓落实。\n";
        let prose = "一、总体情况\n本机关全年做好公开工作。\n";
        let cases = [
            // Some of the five under their template names: nothing to say.
            ("2019 年，部分项目", report(2019, some)),
            ("2020 年，部分项目", report(2020, some)),
            // Item headings that name none of the five: one warning (seed 004).
            ("2019 年，项目标题都不是五项之一", report(2019, none)),
            // Prose without item headings: the 2019 format asks for none.
            ("2020 年，没有项目标题", report(2020, prose)),
        ];
        check_cases(
            "missing-subsection",
            cases,
            expect![[r#"
            ── 2019 年，部分项目
            ── 2020 年，部分项目
            ── 2019 年，项目标题都不是五项之一
            2:1 warning [missing-subsection] “一、总体情况”的小标题没有一个对应标准的五个方面（主动公开、依申请公开、政府信息管理、平台建设、监督保障）
            ── 2020 年，没有项目标题
        "#]],
        );
    }
}
