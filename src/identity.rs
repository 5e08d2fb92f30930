//! Which report a file is, and whether it is a report at all.
//!
//! Every adapter that pairs a report with last year's report of its unit
//! (`carry-over`: the CLI's files and folders, the language server's
//! folder index, the checking page's uploads) asks [`of`], so the three
//! pair alike; every place that decides whether a file found in a folder is
//! a report asks [`judge`].
//!
//! **Identity** = (unit, year). Each comes from the report's own text where
//! it says so, else from the file's name as reviewers name published files
//! (`某某县某某局2023年政府信息公开工作年度报告.pdf`, `2023年某某县某某局年报.html`,
//! `某某局2023年度政府信息公开工作报告.docx`):
//!
//! - year: the title's, else the 统计期限's, else the file name's, else
//!   the year the options give (`--year`, `nianbao.toml`);
//! - unit: the title's, else the file name's, else what the reader found
//!   otherwise (`nianbao.toml`'s unit, `本报告由…编制`).
//!
//! Units compare without spaces ([`unit_key`]: `某某 区` = `某某区`).
//!
//! Pure: a report and a file name in, plain data out.

use crate::model::Report;
use crate::text::without_spaces;

/// A report's unit and year, for pairing it with another year's report of
/// the same unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    pub year: i32,
    /// The unit as written (title or file name).
    pub unit: String,
    /// The unit as compared ([`unit_key`]).
    pub key: String,
    /// Unit or year was taken from the file name.
    pub from_file_name: bool,
}

impl Identity {
    /// What pairs reports of one unit across years: the unit as compared,
    /// and the year.
    pub fn pair_key(&self) -> (String, i32) {
        (self.key.clone(), self.year)
    }

    /// The [`Identity::pair_key`] of last year's report of the same unit,
    /// which the cross-year rules compare this one with.
    pub fn last_year_key(&self) -> (String, i32) {
        (self.key.clone(), self.year - 1)
    }
}

/// Units compare without spaces.
pub fn unit_key(unit: &str) -> String {
    without_spaces(unit)
}

/// The identity of `report`, read from a file named `file_name` (a path or a
/// bare name; only its last component counts). `None` when the unit or the
/// year is known neither from the text nor from the name.
pub fn of(report: &Report, file_name: &str) -> Option<Identity> {
    let name = from_file_name(file_name);
    let title = report.title.as_ref();
    let text_year = title
        .and_then(|t| t.year.map(|y| y.0))
        .or_else(|| report.stat_period.as_ref()?.year.map(|y| y.0));
    let title_unit = title.and_then(|t| t.unit.clone());
    let (year, year_from_name) = match (text_year, name.year) {
        (Some(y), _) => (y, false),
        (None, Some(y)) => (y, true),
        (None, None) => (report.year?, false),
    };
    let (unit, unit_from_name) = match (title_unit, name.unit) {
        (Some(u), _) => (u, false),
        (None, Some(u)) => (u, true),
        (None, None) => (report.unit.clone()?, false),
    };
    let key = unit_key(&unit);
    if key.is_empty() {
        return None;
    }
    Some(Identity {
        year,
        unit,
        key,
        from_file_name: year_from_name || unit_from_name,
    })
}

/// What a file name says of the report in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FromName {
    pub year: Option<i32>,
    pub unit: Option<String>,
}

/// Words that end the unit in a file name (what follows is the report's
/// kind, not its author).
const UNIT_ENDS: [&str; 8] = [
    "政府信息公开",
    "政务公开",
    "信息公开",
    "年度报告",
    "工作报告",
    "年报",
    "工作年度",
    "报告",
];

/// The unit and year a file name gives: a year from 1990 to 2100 standing
/// alone (not inside a longer number or a word of letters), the unit before
/// it, or after it (`2023年某某县某某局年报`) up to the words that name the
/// report (`政府信息公开`, `年度报告`, `年报`…). A unit must hold Chinese
/// characters; `2023年报.pdf` has a year and no unit.
pub fn from_file_name(path: &str) -> FromName {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = match base.rsplit_once('.') {
        Some((s, ext)) if !s.is_empty() && ext.len() <= 5 && ext.is_ascii() => s,
        _ => base,
    };
    let Some((year, start, end)) = year_in(stem) else {
        return FromName {
            year: None,
            unit: unit_in(stem),
        };
    };
    let before = unit_in(&stem[..start]);
    let after = {
        let rest = &stem[end..];
        let rest = rest
            .strip_prefix("年度")
            .or_else(|| rest.strip_prefix('年'))
            .unwrap_or(rest);
        unit_in(rest)
    };
    FromName {
        year: Some(year),
        unit: before.or(after),
    }
}

/// The first stand-alone year in `s`: (year, byte start, byte end).
fn year_in(s: &str) -> Option<(i32, usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let alone = |k: Option<&u8>| k.is_none_or(|c| !c.is_ascii_alphanumeric());
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || alone(b.get(i - 1)))
            && alone(b.get(i + 4))
            && let Ok(y) = s[i..i + 4].parse::<i32>()
            && (1990..=2100).contains(&y)
        {
            return Some((y, i, i + 4));
        }
        i += 1;
    }
    None
}

/// The unit a piece of a file name names: cut at the words that name the
/// report, trimmed of separators and of `关于`/`的`; `None` without a
/// Chinese character or when longer than a unit's name can be.
fn unit_in(s: &str) -> Option<String> {
    let cut = UNIT_ENDS
        .iter()
        .filter_map(|w| s.find(w))
        .min()
        .unwrap_or(s.len());
    let separator = |c: char| {
        crate::text::is_space(c)
            || c.is_ascii_punctuation()
            || matches!(
                c,
                '（' | '）' | '【' | '】' | '《' | '》' | '、' | '，' | '—' | '－' | '·'
            )
    };
    let unit = s[..cut].trim_matches(separator);
    let unit = unit.strip_prefix("关于").unwrap_or(unit);
    let unit = unit.strip_suffix('的').unwrap_or(unit);
    let unit = unit.trim_matches(separator);
    let chinese = unit.chars().filter(|&c| crate::text::is_han(c)).count();
    (chinese >= 2 && unit.chars().count() <= 40).then(|| unit.to_string())
}

/// What in a text makes it an annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Distinct official sections named (as headings, or their words in
    /// text that lost its line breaks).
    pub sections: usize,
    /// Tables 二/三/四 with rows read.
    pub tables: usize,
    /// A report title with its year was found.
    pub title: bool,
}

impl Evidence {
    /// Three of the six sections, or a statistical table read, or a title
    /// and a section: a draft that has less is not yet a report, and a
    /// README, a notice or meeting minutes that mention reports do not have
    /// that much.
    pub fn is_report(&self) -> bool {
        self.sections >= 3 || self.tables >= 1 || (self.title && self.sections >= 1)
    }

    /// Why a file is not taken for a report, for the one line that says it
    /// was skipped.
    pub fn why_not(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::Zh => format!(
                "看起来不是年报（六个部分的标题只找到 {} 个，{}，没有读出统计表格）",
                self.sections,
                if self.title {
                    "有年报标题"
                } else {
                    "没有年报标题"
                }
            ),
            crate::Lang::En => format!(
                "does not look like an annual report ({} of the six section headings, {}, no statistical table read)",
                self.sections,
                if self.title { "a title" } else { "no title" }
            ),
        }
    }
}

/// The evidence that `report` is an annual report.
pub fn judge(report: &Report) -> Evidence {
    let mut seen = [false; 7];
    for n in report
        .sections
        .iter()
        .filter_map(|s| s.matched)
        .chain(report.unread_headings.iter().map(|u| u.section))
    {
        if let Some(s) = seen.get_mut(n as usize) {
            *s = true;
        }
    }
    let t2 = report
        .table2
        .as_ref()
        .is_some_and(|t| t.blocks.iter().any(|b| !b.rows.is_empty()));
    let t3 = report
        .table3
        .as_ref()
        .is_some_and(|t| t.rows.iter().flatten().count() >= 3);
    let t4 = report.table4.as_ref().is_some_and(|t| t.row.is_some());
    Evidence {
        sections: seen.iter().filter(|s| **s).count(),
        tables: [t2, t3, t4].iter().filter(|t| **t).count(),
        // A title names its year (`某某局2023年…年度报告`); a line that only
        // mentions the kind of report (a README's) is no title.
        title: report.title.as_ref().is_some_and(|t| t.year.is_some()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Options, bind};

    fn name(s: &str) -> (Option<i32>, Option<String>) {
        let n = from_file_name(s);
        (n.year, n.unit)
    }

    #[test]
    fn file_names_as_reviewers_write_them() {
        let u = |s: &str| Some(s.to_string());
        assert_eq!(
            name("某某县某某局2023年政府信息公开工作年度报告.pdf"),
            (Some(2023), u("某某县某某局"))
        );
        assert_eq!(
            name("dir/2023年某某县某某局政府信息公开工作年度报告.html"),
            (Some(2023), u("某某县某某局"))
        );
        assert_eq!(
            name("2023年某某县某某局年报.html"),
            (Some(2023), u("某某县某某局"))
        );
        assert_eq!(
            name(r"C:\审核\某某局2023年度政府信息公开工作报告.docx"),
            (Some(2023), u("某某局"))
        );
        assert_eq!(
            name("关于某某镇人民政府 2024 年政务公开工作年度报告的公示.shtml"),
            (Some(2024), u("某某镇人民政府"))
        );
        assert_eq!(name("某某局_2022_年报.md"), (Some(2022), u("某某局")));
        assert_eq!(name("2023年报.pdf"), (Some(2023), None));
        assert_eq!(name("README.md"), (None, None));
        assert_eq!(name("某某局年报.txt"), (None, u("某某局")));
        // Not a year: inside a longer number or a word of letters.
        assert_eq!(name("002_bf80b47987e57cd0.txt"), (None, None));
        assert_eq!(name("t20240120_123.html"), (None, None));
        assert_eq!(name("R1_pingtan-jspq-2024-web.txt"), (Some(2024), None));
        assert_eq!(name("-"), (None, None));
    }

    const BODY: &str = "一、总体情况\n本机关认真落实条例。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";

    #[test]
    fn text_first_then_file_name() {
        let titled = format!("某某区某某局2023年政府信息公开工作年度报告\n{BODY}");
        let r = bind(&titled, &Options::default());
        let id = of(&r, "另一个局2024年年报.html").unwrap();
        assert_eq!((id.year, id.unit.as_str()), (2023, "某某区某某局"));
        assert!(!id.from_file_name);
        // No title: both from the name.
        let r = bind(BODY, &Options::default());
        assert_eq!(of(&r, "report.html"), None);
        let id = of(&r, "某某 区某某局2023年政府信息公开工作年度报告.html").unwrap();
        assert_eq!((id.year, id.key.as_str()), (2023, "某某区某某局"));
        assert!(id.from_file_name);
        // The 统计期限 gives the year, the name the unit.
        let dated = format!("本报告统计期限为2022年1月1日至2022年12月31日。\n{BODY}");
        let r = bind(&dated, &Options::default());
        let id = of(&r, "2023年某某区某某局年报.htm").unwrap();
        assert_eq!((id.year, id.unit.as_str()), (2022, "某某区某某局"));
    }

    #[test]
    fn last_years_report_is_the_same_unit_a_year_before() {
        let this = of(
            &bind(BODY, &Options::default()),
            "某某 区某某局2023年政府信息公开工作年度报告.html",
        )
        .unwrap();
        let last = of(
            &bind(BODY, &Options::default()),
            "某某区某某局2022年年报.pdf",
        )
        .unwrap();
        assert_eq!(this.last_year_key(), last.pair_key());
        assert_eq!(last.pair_key(), ("某某区某某局".to_string(), 2022));
    }

    #[test]
    fn what_is_a_report() {
        let judged = |t: &str| judge(&bind(t, &Options::default()));
        assert!(judged(BODY).is_report(), "three sections");
        assert!(!judged("# 说明\n\n本目录存放政府信息公开工作年度报告。\n").is_report());
        assert!(
            !judged("某某局2023年政府信息公开工作年度报告\n\n正在起草。\n").is_report(),
            "a title alone"
        );
        assert!(
            judged("某某局2023年政府信息公开工作年度报告\n一、总体情况\n").is_report(),
            "a title and a section"
        );
        let readme = include_str!("../README.md");
        assert!(!judged(readme).is_report(), "{:?}", judged(readme));
        let arch = include_str!("../ARCHITECTURE.md");
        assert!(!judged(arch).is_report(), "{:?}", judged(arch));
    }
}
