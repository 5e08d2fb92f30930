//! Writes official text from the schema: whole tables, single rows and the
//! skeleton of a report, in a document's table style (tabs or pipes). Used by
//! fixes, by `nianbao new` and by completion in the language server.

use crate::model::Style;
use crate::schema::{RowKind, SECTIONS, SUBITEMS, TABLE3_COLUMNS, TABLE3_ROWS, Version, table2};

pub const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

fn row(style: Style, cells: &[&str]) -> String {
    match style {
        Style::Pipe => format!("| {} |", cells.join(" | ")),
        Style::Tab => cells.join("\t"),
        // Text copied out of a PDF: blank cells vanish.
        Style::Space => cells
            .iter()
            .filter(|c| !c.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn pipe_rule(n: usize) -> String {
    format!("|{}", " --- |".repeat(n))
}

/// Table 二 (主动公开政府信息情况) of `version`, with zeros.
pub fn table2_text(version: Version, style: Style, nl: &str) -> String {
    table2_text_with(version, style, nl, &|_, _| None)
}

/// Table 二 with the value `value(row label, column label)` gives (0 where none).
pub fn table2_text_with(
    version: Version,
    style: Style,
    nl: &str,
    value: &dyn Fn(&str, &str) -> Option<String>,
) -> String {
    let mut lines = Vec::new();
    let width = 4;
    let mut first = true;
    for block in table2(version) {
        let header = format!("第二十条第（{}）项", crate::syntax::cn_numeral(block.item));
        let mut h = vec![header.as_str()];
        h.resize(width, "");
        lines.push(row(style, &h));
        if first && style == Style::Pipe {
            lines.push(pipe_rule(width));
        }
        first = false;
        let mut cols = vec!["信息内容"];
        cols.extend(block.columns.iter().map(|c| c.0));
        cols.resize(width, "");
        lines.push(row(style, &cols));
        for r in block.rows {
            let mut cells: Vec<String> = vec![r.to_string()];
            cells.extend(
                block
                    .columns
                    .iter()
                    .map(|c| value(r, c.0).unwrap_or_else(|| "0".into())),
            );
            cells.resize(width, String::new());
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            lines.push(row(style, &refs));
        }
    }
    lines.join(nl)
}

/// One data row of table 三 with its official label and zeros.
pub fn table3_row_text(def: usize, style: Style) -> String {
    let d = &TABLE3_ROWS[def];
    let label = d.full_label();
    let mut cells = vec![label.as_str()];
    cells.extend(std::iter::repeat_n("0", 7));
    row(style, &cells)
}

/// Table 三 (收到和处理政府信息公开申请情况) of `version`, with zeros.
pub fn table3_text(version: Version, style: Style, nl: &str) -> String {
    table3_text_with(version, style, nl, &|_| None)
}

/// Table 三 with the values `values(row key)` gives (zeros where none).
pub fn table3_text_with(
    version: Version,
    style: Style,
    nl: &str,
    values: &dyn Fn(&str) -> Option<Vec<String>>,
) -> String {
    let mut lines = Vec::new();
    let mut h1 = vec![T3_NOTE, "申请人情况"];
    h1.resize(8, "");
    lines.push(row(style, &h1));
    if style == Style::Pipe {
        lines.push(pipe_rule(8));
    }
    lines.push(row(
        style,
        &["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ));
    let h3: Vec<&str> = std::iter::once("")
        .chain(std::iter::once(""))
        .chain(TABLE3_COLUMNS[1..6].iter().map(|c| c.label))
        .chain(std::iter::once(""))
        .collect();
    lines.push(row(style, &h3));
    let mut pending_group: Option<String> = None;
    for d in TABLE3_ROWS.iter().filter(|d| d.in_version(version)) {
        if d.kind == RowKind::Group {
            pending_group = Some(d.full_label());
            continue;
        }
        let label = d.full_label();
        let mut cells: Vec<String> = Vec::new();
        if let Some(g) = pending_group.take() {
            cells.push(g);
        }
        cells.push(label);
        match values(d.key) {
            Some(v) if v.len() == 7 => cells.extend(v),
            _ => cells.extend(std::iter::repeat_n("0".to_string(), 7)),
        }
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        lines.push(row(style, &refs));
    }
    lines.join(nl)
}

/// Table 四 (政府信息公开行政复议、行政诉讼情况), with zeros.
pub fn table4_text(style: Style, nl: &str) -> String {
    let mut lines = Vec::new();
    let mut h1 = vec!["行政复议", "", "", "", "", "行政诉讼"];
    h1.resize(15, "");
    lines.push(row(style, &h1));
    if style == Style::Pipe {
        lines.push(pipe_rule(15));
    }
    let mut h2 = vec![
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "",
        "",
        "",
        "",
        "复议后起诉",
    ];
    h2.resize(15, "");
    lines.push(row(style, &h2));
    let mut h3 = vec![""; 5];
    for _ in 0..2 {
        h3.extend(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]);
    }
    lines.push(row(style, &h3));
    lines.push(row(style, &["0"; 15]));
    lines.join(nl)
}

/// The heading of official section `number` (1–6), e.g. `六、其他需要报告的事项`.
pub fn section_heading(number: u32) -> String {
    let s = &SECTIONS[(number.clamp(1, 6) - 1) as usize];
    format!("{}、{}", crate::syntax::cn_numeral(number), s.title)
}

pub struct SkeletonOptions<'a> {
    pub year: i32,
    pub unit: &'a str,
    pub government: bool,
    pub style: Style,
}

/// A complete draft in the right format version, with zeros in every table
/// and the signature date left as a placeholder.
pub fn skeleton(o: &SkeletonOptions) -> String {
    let version = Version::for_year(o.year);
    let y = o.year;
    let nl = "\n";
    let mut s = String::new();
    s.push_str(&format!("# {}{}年政府信息公开工作年度报告\n\n", o.unit, y));
    s.push_str(&format!(
        "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（{}）要求编制，所列数据统计期限为{y}年1月1日至{y}年12月31日。本报告电子版可在{}门户网站查阅。\n\n",
        version.document(),
        o.unit
    ));
    for sec in SECTIONS.iter() {
        s.push_str(&format!("## {}\n\n", section_heading(sec.number)));
        match sec.number {
            1 => {
                s.push_str(&format!("{y}年，{}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。\n\n", o.unit));
                for (i, item) in SUBITEMS.iter().enumerate() {
                    let title = if item.key == "platform" && version == Version::V2021 {
                        "政府信息公开平台建设"
                    } else {
                        item.title
                    };
                    s.push_str(&format!(
                        "### （{}）{}\n\n（请填写{}情况。）\n\n",
                        crate::syntax::cn_numeral(i as u32 + 1),
                        title,
                        title
                    ));
                    if item.key == "oversight" && o.government {
                        s.pop();
                        s.pop();
                        s.push_str("包括工作考核、社会评议和责任追究结果情况。\n\n");
                    }
                }
            }
            2 => s.push_str(&table2_text(version, o.style, nl)),
            3 => s.push_str(&table3_text(version, o.style, nl)),
            4 => s.push_str(&table4_text(o.style, nl)),
            5 => s.push_str(&format!(
                "{y}年，本机关政府信息公开工作存在的主要问题：（请填写）。改进情况：（请填写）。\n"
            )),
            _ => {
                if version == Version::V2021 {
                    s.push_str(&format!("{y}年，本机关未收取政府信息公开信息处理费。\n"));
                } else {
                    s.push_str("无。\n");
                }
            }
        }
        if matches!(sec.number, 2..=4) {
            s.push('\n');
        }
        s.push('\n');
    }
    s.push_str(&format!("{}\n20XX年X月X日\n", o.unit));
    s
}
