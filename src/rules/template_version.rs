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
//!
//! ## 有意不报告 Deliberately not flagged
//! 与报告年度相符的格式。

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
        if !(memchr::memchr(b'0', text.as_bytes()).is_some()
            && crate::text::find_any(text, &['〔', '[', '（']).is_some())
        {
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
    use crate::rules::test_util::{check, check_cases, fixed};
    use expect_test::expect;

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
        check(
            &src,
            "template-version",
            expect![[r#"
            3:54 error [template-version] 2022 年度报告应依据国办公开办函〔2021〕30号，这里引用的是旧（或新）格式的文号
            33:6 error [template-version] 2022 年度报告应使用2021 格式（国办公开办函〔2021〕30号），表二却是2019 格式
                fix (Unsafe): 替换为2021 格式（国办公开办函〔2021〕30号）的表二
                  @@ -31 +31 @@

                   第二十条第（一）项→→→
                  -信息内容→本年新制作数量→本年新公开数量→对外公开总数量
                  +信息内容→本年制发件数→本年废止件数→现行有效件数
                   规章→0→0→0
                  -规范性文件→0→0→0
                  +行政规范性文件→0→0→0
                   第二十条第（五）项→→→
                  -信息内容→上一年项目数量→本年增/减→处理决定数量
                  -行政许可→0→0→0
                  -其他对外管理服务事项→0→0→0
                  +信息内容→本年处理决定数量→→
                  +行政许可→0→→
                   第二十条第（六）项→→→
                  -信息内容→上一年项目数量→本年增/减→处理决定数量
                  -行政处罚→0→0→0
                  -行政强制→0→0→0
                  +信息内容→本年处理决定数量→→
                  +行政处罚→0→→
                  +行政强制→0→→
                   第二十条第（八）项→→→
                  -信息内容→上一年项目数量→本年增/减→
                  -行政事业性收费→0→0→
                  -第二十条第（九）项→→→
                  -信息内容→采购项目数量→采购总金额→
                  -政府集中采购→0→0→
                  +信息内容→本年收费金额（单位：万元）→→
                  +行政事业性收费→0→→

                   ## 三、收到和处理政府信息公开申请情况
            76:1 error [template-version] 2022 年度报告应使用2021 格式（国办公开办函〔2021〕30号），表三“（六）其他处理”却是2019 格式
                fix (Unsafe): 替换为2021 格式（国办公开办函〔2021〕30号）的表三（保留已有数值）
                  @@ -74 +74 @@
                   4.无正当理由大量反复申请→0→0→0→0→0→0→0
                   5.要求行政机关确认或重新出具已获取信息→0→0→0→0→0→0→0
                  -（六）其他处理→0→0→0→0→0→0→0
                  +（六）其他处理→1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请→0→0→0→0→0→0→0
                  +2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请→0→0→0→0→0→0→0
                  +3.其他→0→0→0→0→0→0→0
                   （七）总计→0→0→0→0→0→0→0
                   四、结转下年度继续办理→0→0→0→0→0→0→0
        "#]],
        );
        // The tables are replaced; the 文号 in the text is for the author.
        let out = fixed(&src, "template-version");
        check(
            &out,
            "template-version",
            expect![[r#"
            3:54 error [template-version] 2022 年度报告应依据国办公开办函〔2021〕30号，这里引用的是旧（或新）格式的文号
        "#]],
        );
        check(&out, "missing-row", expect![[""]]);
        check(&out, "table-sum", expect![[""]]);
    }

    #[test]
    fn right_version_is_clean() {
        let cases = [2019, 2020, 2021, 2024].map(|year| {
            let s = crate::template::skeleton(&crate::template::SkeletonOptions {
                year,
                unit: "某某区某某局",
                government: false,
                style: crate::model::Style::Pipe,
            });
            (year, s)
        });
        check_cases(
            "template-version",
            cases,
            expect![[r#"
            ── 2019
            ── 2020
            ── 2021
            ── 2024
        "#]],
        );
    }

    #[test]
    fn real_reports_use_their_years_template() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
        let mut cases = Vec::new();
        for sub in ["fixtures", "drafts"] {
            let files = std::fs::read_dir(format!("{dir}/{sub}")).unwrap().flatten();
            // tests/fixtures also holds folders (real/, shapes/).
            for e in files.filter(|e| e.path().is_file()) {
                let text = std::fs::read_to_string(e.path()).unwrap();
                cases.push((format!("{sub}/{}", e.file_name().to_string_lossy()), text));
            }
        }
        cases.sort();
        check_cases(
            "template-version",
            cases,
            expect![[r#"
            ── drafts/2019_blank_zeros.txt
            ── drafts/2024_converter_html.md
            ── drafts/2024_pdf_space_bad_total.txt
            ── drafts/2024_pdf_space_clean.txt
            ── fixtures/000_6ca4560e20b73f61.txt
            ── fixtures/001_1f886fd727df4157.txt
            ── fixtures/002_bf80b47987e57cd0.txt
            ── fixtures/003_bd2728a2fb5b3f82.txt
            ── fixtures/004_4ecd57e04841b2f1.txt
        "#]],
        );
    }
}
