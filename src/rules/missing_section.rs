//! # missing-section（缺少六个部分之一）
//!
//! ## 作用 What it does
//! 报告缺少的法定部分。年报须依次包括：一、总体情况；二、主动公开政府信息情况；
//! 三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；
//! 五、存在的主要问题及改进情况；六、其他需要报告的事项。标题按关键词识别，
//! “一、总体公开工作情况概述”“五、政府信息公开工作存在的主要问题及改进情况”等写法均可。
//!
//! Reports one of the six official sections that has no heading.
//!
//! ## 原因 Why
//! 2021 年格式要求年报内容“不能遗漏，也不宜泛化”（国办公开办函〔2021〕30号）；缺少部分是审核退回的常见原因。
//!
//! ## 示例 Example
//! 全文没有“六、其他需要报告的事项”；或表四前只有一句话，没有“四、……”标题。
//!
//! ## 修复 Fix
//! 在应在的位置插入标题（沿用文档的标题写法，如 `## `、加粗）。只插标题是安全修复；
//! 五、六连同模板句（六为“无。”）一并插入，属于不安全修复。
//!
//! ## 有意不报告 Deliberately not flagged
//! 其他写法的标题（“总体公开工作情况概述”“政府信息公开工作存在的主要问题及改进情况”等，
//! 按关键词识别）；标题文字已在文中，只是与前后文粘连（网页复制丢失换行）、字间有空格、编号缺了“、”
//! 或错了一个字（“二主动公开政府信息情况”“行政复仪”）——那不是缺少；只错一个字时给出提示级的
//! “标题写法与官方不一致”和改为官方写法的安全修复，绝不再插入一个标题。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::Report;
use crate::rules::{Ctx, Meta};
use crate::schema::SECTIONS;
use crate::template;
use crate::text::Span;

pub const META: Meta = Meta {
    name: "missing-section",
    severity: Severity::Error,
    summary: "缺少年报六个部分之一",
    summary_en: "one of the six official sections is missing",
};

/// A heading line for section `number` written like the document's own
/// section headings (`## `, `**…**`).
pub fn heading_like(r: &Report, number: u32) -> String {
    let body = template::section_heading(number);
    let Some(h) = r.sections.iter().find(|s| s.number_span.is_some()) else {
        return body;
    };
    let start = h.number_span.map(|s| s.start).unwrap_or(h.title.start);
    let prefix = r.text(Span::new(h.span.start, start));
    let suffix = r.text(Span::new(h.title.end, h.span.end));
    let suffix = if suffix.trim().chars().all(|c| c == '*' || c == '_') {
        suffix.trim()
    } else {
        ""
    };
    format!("{}{body}{suffix}", prefix.trim_start())
}

/// A section heading worded one character off: a hint with the accepted
/// wording as a safe fix.
fn misworded(r: &Report, span: Span, official: &str) -> Diagnostic {
    let found = r.text(span);
    Diagnostic::new(
        META.name,
        Severity::Hint,
        span,
        Msg::new(
            format!("“{found}”的标题写法与官方不一致，应为“{official}”"),
            format!("the heading “{found}” differs from the official “{official}”"),
        ),
    )
    .with_fix(Fix::safe(
        Msg::new(
            format!("改为“{official}”"),
            format!("change to “{official}”"),
        ),
        vec![Edit {
            span,
            text: official.to_string(),
        }],
    ))
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    if !r.looks_like_report {
        return;
    }
    let nl = r.newline();
    let last_line = r.last_text_line();
    for sec in SECTIONS.iter() {
        // A heading read with one character off is there: say so (a hint),
        // and offer the accepted wording.
        if let Some(h) = r.section(sec.number) {
            if let Some(official) = h.misworded {
                out.push(misworded(r, h.title, official));
            }
            continue;
        }
        // The heading's words are in the text (glued to other text, spaced
        // out, a character off): it is there.
        if let Some(u) = r.unread_headings.iter().find(|u| u.section == sec.number) {
            if u.misworded {
                out.push(misworded(r, u.span, sec.title));
            }
            continue;
        }
        // Where it belongs: before its table, else before the next section
        // present, else at the end.
        let table_line = match sec.number {
            2 => r.table2.as_ref().map(|t| t.lines.0),
            3 => r.table3.as_ref().map(|t| t.lines.0),
            4 => r.table4.as_ref().map(|t| t.header_line),
            _ => None,
        };
        let before = table_line
            .map(|l| {
                // Take the intro sentence right above the table along.
                let prev = (0..l).rev().find(|&k| !r.doc.lines[k].is_blank());
                match prev {
                    Some(p)
                        if r.sections.iter().all(|s| s.line != p)
                            && r.doc.text(r.doc.lines[p].inner).ends_with('。')
                            && !r.in_table(p) =>
                    {
                        p
                    }
                    _ => l,
                }
            })
            .or_else(|| {
                r.sections
                    .iter()
                    .filter(|s| s.matched.is_some_and(|m| m > sec.number))
                    .map(|s| s.line)
                    .min()
            });
        let heading = heading_like(r, sec.number);
        // What goes under the heading: the template's request to write
        // 一 and 五 (a placeholder, so safe), the fee statement or 无。 for
        // 六 (a claim, so unsafe), nothing before a table.
        let (sentence, claim) = match sec.number {
            1 | 5 if table_line.is_none() => (sec.template_sentence.to_string(), false),
            6 if r.version == crate::schema::Version::V2021
                || r.required_version == Some(crate::schema::Version::V2021) =>
            {
                let y = r.year.map(|y| format!("{y}年，")).unwrap_or_default();
                (format!("{y}本机关未收取政府信息公开信息处理费。"), true)
            }
            6 => (sec.template_sentence.to_string(), true),
            _ => (String::new(), false),
        };
        let block = if sentence.is_empty() {
            heading.clone()
        } else {
            format!("{heading}{nl}{nl}{sentence}")
        };
        let (anchor, edit) = match before {
            Some(l) => {
                let span = r.doc.lines[l].span;
                (
                    span.first_char(r.doc.source),
                    Edit {
                        span: Span::empty(span.start),
                        text: format!("{block}{nl}{nl}"),
                    },
                )
            }
            None => (
                Span::empty(last_line.end),
                Edit {
                    span: Span::empty(last_line.end),
                    text: format!("{nl}{nl}{block}"),
                },
            ),
        };
        let safe = !claim;
        let title = template::section_heading(sec.number);
        let msg = Msg::new(
            format!("缺少“{title}”部分"),
            format!("section “{title}” is missing"),
        );
        let fix_msg = Msg::new(format!("插入“{title}”"), format!("insert “{title}”"));
        let fix = if safe {
            Fix::safe(fix_msg, vec![edit])
        } else {
            Fix::unsafe_(fix_msg, vec![edit])
        };
        out.push(Diagnostic::new(META.name, META.severity, anchor, msg).with_fix(fix));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    const ALL: &str = "某局2020年政府信息公开工作年度报告\n## 一、 总体公开工作情况概述\n正文。\n## 二、主动公开政府信息情况\n## 三、收到和处理政府信息公开申请情况\n## 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n## 五、政府信息公开工作存在的主要问题及改进情况\n问题。\n## 六、其他需要报告的事项\n无。\n";

    #[test]
    fn accepted_wordings_are_found() {
        check(ALL, "missing-section", expect![[""]]);
    }

    #[test]
    fn missing_six_is_appended_in_document_style() {
        let src = ALL.replace("## 六、其他需要报告的事项\n无。\n", "");
        check(
            &src,
            "missing-section",
            expect![[r#"
            8:4 error [missing-section] 缺少“六、其他需要报告的事项”部分
                fix (Unsafe): 插入“六、其他需要报告的事项”
                  @@ -8 +8 @@
                   问题。

                  +## 六、其他需要报告的事项
                  +
                  +无。
                  +
        "#]],
        );
        check(
            &fixed(&src, "missing-section"),
            "missing-section",
            expect![[""]],
        );
    }

    #[test]
    fn missing_four_goes_before_its_table() {
        let src = ALL.replace("## 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n", "本年度没有行政复议、行政诉讼情况。\n\n行政复议\t\t\t\t\t行政诉讼\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n");
        check(
            &src,
            "missing-section",
            expect![[r#"
            6:1 error [missing-section] 缺少“四、政府信息公开行政复议、行政诉讼情况”部分
                fix (Safe): 插入“四、政府信息公开行政复议、行政诉讼情况”
                  @@ -4 +4 @@
                   ## 二、主动公开政府信息情况
                   ## 三、收到和处理政府信息公开申请情况
                  +## 四、政府信息公开行政复议、行政诉讼情况
                  +
                   本年度没有行政复议、行政诉讼情况。

        "#]],
        );
        check(
            &fixed(&src, "missing-section"),
            "missing-section",
            expect![[""]],
        );
    }
}
