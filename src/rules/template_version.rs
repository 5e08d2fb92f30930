//! # template-version（统计表或文号与报告年度的格式版本不符）
//!
//! ## 作用 What it does
//! 2021 年度起的年报须使用 2021 格式（国办公开办函〔2021〕30号），2019、2020 年度使用 2019 格式
//! （国办公开办函〔2019〕60号）。报告：2021 年度以后的年报用了 2019 格式的表格（表二“本年新制作数量”、
//! 第（九）项，表三（六）只有一行）或引用 60号文，以及 2020 年度以前的年报用了 2021 格式的表格或引用 30号文。
//!
//! Reports the 2019 tables (or a citation of 60号) in a report for 2021 or
//! later, and the 2021 tables (or 30号) in an earlier one.
//!
//! ## 原因 Why
//! 2021 年格式调整了表二的栏目和表三（六）的分项；用错模板会使数据口径不一致，是审核退回的常见原因。
//!
//! ## 示例 Example
//! 2022 年度报告中的表二仍为“信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量”。
//!
//! ## 修复 Fix
//! 用正确版本的官方表格替换该表，保留两版都有的行的数值（表三各行；表二“处理决定数量”对应“本年处理决定数量”；
//! 2019 格式表三（六）的数值放入 2021 格式的“3.其他”），其余填 0。属于不安全修复，请核对。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::Report;
use crate::rules::{Ctx, Meta};
use crate::schema::{TABLE3_ROWS, Version, table2};
use crate::template;
use crate::text::Span;

pub const META: Meta = Meta {
    name: "template-version",
    severity: Severity::Error,
    summary: "统计表或所引文号与报告年度的格式版本不符",
    summary_en: "the tables or cited notice are of the wrong format version",
};

fn table3_fix(r: &Report, want: Version) -> Option<Edit> {
    let t = r.table3.as_ref()?;
    let values = |key: &str| -> Option<Vec<String>> {
        let from = match (key, want) {
            ("other3", Version::V2021) => "other",
            ("other", Version::V2019) => "other3",
            (k, _) => k,
        };
        let row = t.row(from)?;
        Some(
            row.cells
                .iter()
                .map(|c| r.text(c.cell.content).to_string())
                .map(|v| if v.is_empty() { "0".into() } else { v })
                .collect(),
        )
    };
    let text = template::table3_text_with(want, t.style, r.newline(), &values);
    let span = Span::new(
        r.doc.lines[t.lines.0].span.start,
        r.doc.lines[t.lines.1].span.end,
    );
    Some(Edit { span, text })
}

fn table2_fix(r: &Report, want: Version) -> Option<Edit> {
    let t = r.table2.as_ref()?;
    let have = t.version?;
    let value = |row: &str, col: &str| -> Option<String> {
        let same_meaning = |a: &str, b: &str| {
            a == b || (a.ends_with("处理决定数量") && b.ends_with("处理决定数量"))
        };
        for block in &t.blocks {
            let def = table2(have).iter().find(|b| b.item == block.item)?;
            for bound in &block.rows {
                if def.rows[bound.def] != row {
                    continue;
                }
                let ci = def.columns.iter().position(|c| same_meaning(c.0, col))?;
                return bound
                    .cells
                    .get(ci)
                    .map(|c| r.text(c.cell.content).to_string())
                    .filter(|v| !v.is_empty());
            }
        }
        None
    };
    let style = r
        .table3
        .as_ref()
        .map(|t| t.style)
        .unwrap_or(crate::model::Style::Tab);
    let text = template::table2_text_with(want, style, r.newline(), &value);
    let span = Span::new(
        r.doc.lines[t.lines.0].span.start,
        r.doc.lines[t.lines.1].span.end,
    );
    Some(Edit { span, text })
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(want) = r.required_version else {
        return;
    };
    let year = r.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
    let (zh_want, zh_have) = match want {
        Version::V2021 => ("2021 格式（国办公开办函〔2021〕30号）", "2019 格式"),
        Version::V2019 => ("2019 格式（国办公开办函〔2019〕60号）", "2021 格式"),
    };
    if let Some(t2) = &r.table2
        && let Some(have) = t2.version
        && have != want
    {
        let span = t2.version_evidence.unwrap_or(r.doc.lines[t2.lines.0].span);
        let mut d = Diagnostic::new(
            META.name,
            META.severity,
            span,
            Msg::new(
                format!("{year} 年度报告应使用{zh_want}，表二却是{zh_have}"),
                format!(
                    "a {year} report must use the {} format, but table 二 is in the {} format",
                    want.label(),
                    have.label()
                ),
            ),
        );
        if let Some(e) = table2_fix(r, want) {
            d = d.with_fix(Fix::unsafe_(
                Msg::new(
                    format!("替换为{zh_want}的表二"),
                    format!("replace table 二 with the {} template", want.label()),
                ),
                vec![e],
            ));
        }
        out.push(d);
    }
    if let Some(t3) = &r.table3
        && t3.version_shown
        && t3.version != want
    {
        let line = TABLE3_ROWS
            .iter()
            .position(|d| d.key == "other" || d.key == "other1")
            .and_then(|_| {
                t3.row("other")
                    .or_else(|| t3.row("other1"))
                    .map(|row| row.label)
            })
            .unwrap_or(r.doc.lines[t3.lines.0].span);
        let mut d = Diagnostic::new(
            META.name,
            META.severity,
            line,
            Msg::new(
                format!("{year} 年度报告应使用{zh_want}，表三“（六）其他处理”却是{zh_have}"),
                format!(
                    "a {year} report must use the {} format, but table 三 row (六) is in the {} format",
                    want.label(),
                    t3.version.label()
                ),
            ),
        );
        if let Some(e) = table3_fix(r, want) {
            d = d.with_fix(Fix::unsafe_(
                Msg::new(
                    format!("替换为{zh_want}的表三（保留已有数值）"),
                    format!(
                        "replace table 三 with the {} template, keeping values",
                        want.label()
                    ),
                ),
                vec![e],
            ));
        }
        out.push(d);
    }
    // The cited notice.
    let (wrong, right) = match want {
        Version::V2021 => (
            ["〔2019〕60", "[2019]60", "（2019）60"],
            "国办公开办函〔2021〕30号",
        ),
        Version::V2019 => (
            ["〔2021〕30", "[2021]30", "（2021）30"],
            "国办公开办函〔2019〕60号",
        ),
    };
    for line in r.doc.lines.iter().take(r.body_start.max(12) + 5) {
        let text = r.text(line.span);
        // Every wrong citation has an opening bracket and a 0; most lines
        // have no bracket and are not compacted at all.
        if !(text.contains(['〔', '[', '（']) && text.contains('0')) {
            continue;
        }
        let compact = crate::text::without_spaces(text);
        if let Some(w) = wrong.iter().find(|w| compact.contains(*w)) {
            let digits = &w[w.len() - 2..];
            let at = text
                .find(&w[..w.len() - 2])
                .map(|p| Span::new(line.span.start + p, line.span.start + p + w.len() - 2))
                .unwrap_or(line.span);
            let _ = digits;
            out.push(Diagnostic::new(
                META.name,
                META.severity,
                at,
                Msg::new(
                    format!("{year} 年度报告应依据{right}，这里引用的是旧（或新）格式的文号"),
                    format!(
                        "a {year} report must follow {right}; this cites the other format's notice"
                    ),
                ),
            ));
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{fixed, run};

    #[test]
    fn old_tables_in_a_new_report() {
        let old = crate::template::skeleton(&crate::template::SkeletonOptions {
            year: 2020,
            unit: "某某区某某局",
            government: false,
            style: crate::model::Style::Tab,
        });
        let src = old
            .replace("2020", "2022")
            .replace("20XX年X月X日", "2023年1月20日");
        let f = run(&src, "template-version");
        assert!(f.len() >= 2, "{f:?}");
        let out = fixed(&src, "template-version");
        let again = run(&out, "template-version");
        assert!(
            again.iter().all(|(_, m)| m.contains("文号")),
            "tables replaced: {again:?}"
        );
        assert!(out.contains("本年制发件数"));
        assert!(run(&out, "missing-row").is_empty());
        assert!(run(&out, "table-sum").is_empty());
    }

    #[test]
    fn right_version_is_clean() {
        for year in [2019, 2020, 2021, 2024] {
            let s = crate::template::skeleton(&crate::template::SkeletonOptions {
                year,
                unit: "某某区某某局",
                government: false,
                style: crate::model::Style::Pipe,
            });
            assert!(run(&s, "template-version").is_empty(), "{year}");
        }
    }

    #[test]
    fn real_reports_use_their_years_template() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
        for sub in ["fixtures", "drafts"] {
            let files = std::fs::read_dir(format!("{dir}/{sub}")).unwrap().flatten();
            // tests/fixtures also holds folders (real/, shapes/).
            for e in files.filter(|e| e.path().is_file()) {
                let text = std::fs::read_to_string(e.path()).unwrap();
                assert!(run(&text, "template-version").is_empty(), "{:?}", e.path());
            }
        }
    }
}
