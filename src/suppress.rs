//! Inline suppression comments in Markdown drafts:
//! `<!-- nianbao-disable-next-line RULE -->` and
//! `<!-- nianbao-disable RULE -->` … `<!-- nianbao-enable RULE -->`.
//! RULE may be a list (`a, b`) or absent (all rules). A suppression that
//! silences nothing is reported as `unused-suppression`.

use crate::diagnostic::{Diagnostic, Fix, Msg};
use crate::model::Report;
use crate::text::Span;

struct Directive {
    span: Span,
    rules: Vec<String>,
    /// Byte range silenced.
    range: Span,
    used: bool,
}

fn parse_directive(text: &str) -> Option<(&str, Vec<String>)> {
    let t = text.trim();
    let inner = t.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    for kind in [
        "nianbao-disable-next-line",
        "nianbao-disable",
        "nianbao-enable",
    ] {
        if let Some(rest) = inner.strip_prefix(kind) {
            if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
                continue;
            }
            let rules = rest
                .split([',', ' ', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            return Some((kind, rules));
        }
    }
    None
}

/// Drops the findings the draft's comments silence, and returns an
/// `unused-suppression` finding (default severity) for each comment that
/// silenced nothing; the lint decides whether to report them.
pub fn apply(report: &Report, diags: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let doc = &report.doc;
    let mut unused = Vec::new();
    if memchr::memmem::find(doc.source.as_bytes(), b"nianbao-").is_none() {
        return unused;
    }
    let mut directives: Vec<Directive> = Vec::new();
    let mut open: Vec<(usize, String)> = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let Some((kind, rules)) = parse_directive(doc.text(line.span)) else {
            continue;
        };
        match kind {
            "nianbao-disable-next-line" => {
                let next = doc.lines[i + 1..].iter().find(|l| !l.is_blank());
                let range = next.map(|l| l.span).unwrap_or(Span::empty(line.span.end));
                directives.push(Directive {
                    span: line.span,
                    rules,
                    range,
                    used: false,
                });
            }
            "nianbao-disable" => {
                directives.push(Directive {
                    span: line.span,
                    rules: rules.clone(),
                    range: Span::new(line.span.end, doc.source.len()),
                    used: false,
                });
                open.push((directives.len() - 1, rules.join(",")));
            }
            _ => {
                let key = rules.join(",");
                if let Some(pos) = open
                    .iter()
                    .rposition(|(_, k)| *k == key || rules.is_empty())
                {
                    let (d, _) = open.remove(pos);
                    directives[d].range.end = line.span.start;
                }
            }
        }
    }
    diags.retain(|d| {
        let mut keep = true;
        for dir in directives.iter_mut() {
            let rule_hit = dir.rules.is_empty() || dir.rules.iter().any(|r| r == d.rule);
            let inside = d.span.start >= dir.range.start
                && d.span.start < dir.range.end.max(dir.range.start + 1);
            if rule_hit && inside {
                dir.used = true;
                keep = false;
            }
        }
        keep
    });
    use crate::rules::unused_suppression::META;
    let nl_len = |end: usize| {
        let rest = &doc.source[end..];
        if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with('\n'))
        }
    };
    for dir in directives.iter().filter(|d| !d.used) {
        let what = if dir.rules.is_empty() {
            "所有规则".to_string()
        } else {
            dir.rules.join("、")
        };
        let remove = Span::new(dir.span.start, dir.span.end + nl_len(dir.span.end));
        unused.push(
            Diagnostic::new(
                META.name,
                META.severity,
                dir.span,
                Msg::new(
                    format!("此抑制注释未屏蔽任何问题（{what}），可以删除"),
                    format!(
                        "this suppression comment silences nothing ({}); remove it",
                        dir.rules.join(", ")
                    ),
                ),
            )
            .with_fix(Fix::replace(
                Msg::new("删除此注释", "remove the comment"),
                remove,
                "",
            )),
        );
    }
    unused
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, fixed};
    use expect_test::expect;

    const T4: &str = "行政复议\t\t\t\t\t行政诉讼\n";
    const BAD: &str = "4\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
    const GOOD: &str = "4\t0\t0\t0\t4\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";

    #[test]
    fn next_line_and_ranges() {
        let src = format!("{T4}<!-- nianbao-disable-next-line table-sum -->\n{BAD}");
        check(&src, "table-sum", expect![[""]]);
        check(&src, "unused-suppression", expect![[""]]);
        let src = format!(
            "<!-- nianbao-disable table-sum, empty-cell -->\n{T4}{BAD}<!-- nianbao-enable table-sum, empty-cell -->\n"
        );
        check(&src, "table-sum", expect![[""]]);
        // Other rules still report.
        let src = format!(
            "<!-- nianbao-disable empty-cell -->\n{T4}{BAD}<!-- nianbao-enable empty-cell -->\n"
        );
        check(
            &src,
            "table-sum",
            expect![[r#"
            3:9 error [table-sum] “行政复议·总计”为 0，应为 4（行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结）
                fix (Safe): 改为 4
                  @@ -1 +1 @@
                   <!-- nianbao-disable empty-cell -->
                   行政复议→→→→→行政诉讼
                  -4→0→0→0→0→0→0→0→0→0→0→0→0→0→0
                  +4→0→0→0→4→0→0→0→0→0→0→0→0→0→0
                   <!-- nianbao-enable empty-cell -->

        "#]],
        );
    }

    #[test]
    fn unused_ones_are_reported_and_removed() {
        let src = format!("{T4}<!-- nianbao-disable-next-line table-sum -->\n{GOOD}");
        check(
            &src,
            "unused-suppression",
            expect![[r#"
            2:1 hint [unused-suppression] 此抑制注释未屏蔽任何问题（table-sum），可以删除
                fix (Safe): 删除此注释
                  @@ -1 +1 @@
                   行政复议→→→→→行政诉讼
                  -<!-- nianbao-disable-next-line table-sum -->
                   4→0→0→0→4→0→0→0→0→0→0→0→0→0→0

        "#]],
        );
        assert_eq!(fixed(&src, "unused-suppression"), format!("{T4}{GOOD}"));
    }
}
