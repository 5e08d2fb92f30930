//! # empty-section（部分没有实际内容）
//!
//! ## 作用 What it does
//! 报告没有任何正文的部分，以及“五、存在的主要问题及改进情况”只写“无”“暂无”或寥寥数字的情况。
//! “六、其他需要报告的事项”可以写“无。”，不报告；但完全空白的六仍会报告。含统计表的二、三、四部分
//! 以表格为内容，由 missing-table 检查。
//!
//! Reports a section with no content, and section 五 with nothing real in it
//! (六 may legitimately say 无).
//!
//! ## 原因 Why
//! 存在的主要问题及改进情况是年报的法定内容（条例第五十条第四项），空缺或敷衍会被通报。
//!
//! ## 示例 Example
//! ```text
//! 五、存在的主要问题及改进情况
//! 无。
//! ```
//!
//! ## 修复 Fix
//! 无自动修复：如实写明本年度存在的主要问题及改进措施。
//!
//! ## 有意不报告 Deliberately not flagged
//! 六写“无。”；二、三、四只有表格（由 missing-table 检查）。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::rules::{Ctx, Meta};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "empty-section",
    severity: Severity::Warning,
    summary: "部分没有实际内容",
    summary_en: "a section has no real content",
};

/// Letters and digits, CJK first: the general Unicode table lookup is slow.
fn is_content(c: char) -> bool {
    c.is_ascii_alphanumeric() || crate::text::is_han(c) || (!c.is_ascii() && c.is_alphanumeric())
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, h) in r.sections.iter().enumerate() {
        let Some(m) = h.matched else { continue };
        if matches!(m, 2..=4) {
            continue;
        }
        let end = r
            .sections
            .get(i + 1)
            .map(|s| s.line)
            .unwrap_or(r.doc.lines.len());
        // Count content characters, stopping once there are enough: only a
        // short body needs its text.
        let head = r
            .text(Span::new(h.title.end, h.span.end))
            .trim_start_matches(['。', '*', ':', '：']);
        let parts = std::iter::once(head)
            .chain(r.doc.lines[h.line + 1..end].iter().map(|l| r.text(l.inner)));
        let mut trimmed = String::new();
        let mut n = 0usize;
        'count: for part in parts {
            for c in part.chars().filter(|c| is_content(*c)) {
                n += 1;
                if n > 16 {
                    break 'count;
                }
                trimmed.push(c);
            }
        }
        let empty = n == 0
            || (m == 5 && (n < 8 || ["无", "暂无", "没有", "无问题"].contains(&trimmed.as_str())));
        if empty {
            let title = r.text(h.title);
            let (zh, en) = if n == 0 {
                (
                    format!("“{title}”部分没有内容"),
                    format!("section “{title}” is empty"),
                )
            } else {
                (
                    format!(
                        "“{title}”部分没有实际内容（“{trimmed}”），应写明存在的主要问题及改进情况"
                    ),
                    format!("section “{title}” has no real content (“{trimmed}”)"),
                )
            };
            out.push(Diagnostic::new(
                META.name,
                META.severity,
                h.span,
                Msg::new(zh, en),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;
    use expect_test::expect;

    #[test]
    fn five_needs_content_six_may_say_none() {
        let src = "一、总体情况\n正文内容。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n";
        check(
            src,
            "empty-section",
            expect![[r#"
            3:1 warning [empty-section] “存在的主要问题及改进情况”部分没有实际内容（“无”），应写明存在的主要问题及改进情况
        "#]],
        );
        let src = "五、存在的主要问题及改进情况\n主要问题是信息更新不够及时，下一步将加强培训。\n六、其他需要报告的事项\n\n";
        check(
            src,
            "empty-section",
            expect![[r#"
            3:1 warning [empty-section] “其他需要报告的事项”部分没有内容
        "#]],
        );
    }
}
