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
//!   otherwise (`nianbao.toml`'s unit, `本报告由…编制`), else (for pairing
//!   only: [`of_in`]) the name of the folder the file is in, where that
//!   folder holds one unit's reports (`某某局/2023年报告.pdf`).
//!
//! Units compare without spaces ([`unit_key`]: `某某 区` = `某某区`).
//!
//! Pure: a report, a file name and folder names in, plain data out (the
//! adapters read the folders).

use crate::model::Report;
use crate::text::{Span, without_spaces};

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
    /// Unit or year was taken from the name of a folder the file is in
    /// ([`of_in`]): good for finding last year's report beside it, not for
    /// saying whose the report is.
    pub from_folder: bool,
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
    of_in(report, file_name, &FromFolders::default())
}

/// [`of`], with what the names of the folders the file is in say
/// ([`from_folder_names`]) as the last resort: after the text, the file
/// name and the options. The adapter reads the names (the core reads no
/// path); reviewers keep `某某局/2023年报告.pdf` and `某某局/2024年报告.pdf`.
/// A folder named like a unit may hold several units' reports: an identity
/// taken from it ([`Identity::from_folder`]) is for pairing only, and only
/// where the adapter found the folder holds one unit's reports
/// ([`folder_is_one_units`]).
pub fn of_in(report: &Report, file_name: &str, folders: &FromFolders) -> Option<Identity> {
    let name = from_file_name(file_name);
    let title = report.title.as_ref();
    let text_year = title
        .and_then(|t| t.year.map(|y| y.0))
        .or_else(|| report.stat_period.as_ref()?.year.map(|y| y.0));
    let title_unit = title.and_then(|t| t.unit.clone());
    // Where each came from: 0 the text, 1 the file name, 2 a folder. (A
    // folder's year is not taken: reviewers name folders by the year they
    // review in as often as by the reports' year.)
    let (year, year_from) = match (text_year, name.year) {
        (Some(y), _) => (y, 0),
        (None, Some(y)) => (y, 1),
        (None, None) => (report.year?, 0),
    };
    let (unit, unit_from) = match (title_unit, name.unit, &report.unit, &folders.unit) {
        (Some(u), ..) => (u, 0),
        (None, Some(u), ..) => (u, 1),
        (None, None, Some(u), _) => (u.clone(), 0),
        (None, None, None, u) => (u.clone()?, 2),
    };
    let key = unit_key(&unit);
    if key.is_empty() {
        return None;
    }
    Some(Identity {
        year,
        unit,
        key,
        from_file_name: year_from == 1 || unit_from == 1,
        from_folder: year_from == 2 || unit_from == 2,
    })
}

/// What the names of the folders a file is in say of its report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FromFolders {
    /// A unit's name (`某某县某某局`, `03 某某局`).
    pub unit: Option<String>,
    /// Which folder named the unit: 0 the file's own, 1 the one above it
    /// (`某某局/2024/报告.pdf`).
    pub depth: usize,
}

/// What the names of the folders a file is in say (`names`: nearest first).
/// The unit: the file's folder when its name looks like a unit's (see
/// [`folder_unit`]), or the one above when the file's folder is named by a
/// year (`某某局/2024/报告.pdf`).
pub fn from_folder_names(names: &[&str]) -> FromFolders {
    let first = names.first().copied();
    match first.and_then(folder_unit) {
        Some(u) => FromFolders {
            unit: Some(u),
            depth: 0,
        },
        None if first.and_then(year_folder).is_some() => FromFolders {
            unit: names.get(1).copied().and_then(folder_unit),
            depth: 1,
        },
        None => FromFolders::default(),
    }
}

/// The year a folder is named by, when its name is a year alone (`2024`,
/// `2024年`, `2024年度`, `2024年报`).
pub fn year_folder(name: &str) -> Option<i32> {
    let n = without_spaces(name);
    let rest = n.get(4..)?;
    let year: i32 = n.get(..4)?.parse().ok()?;
    let plain = ["", "年", "年度", "年报", "年度报告", "年年报"].contains(&rest);
    (plain && (1990..=2100).contains(&year)).then_some(year)
}

/// Words a unit's name ends with.
const UNIT_SUFFIXES: [&str; 22] = [
    "局",
    "委员会",
    "委",
    "办公室",
    "办事处",
    "办",
    "厅",
    "中心",
    "院",
    "政府",
    "会",
    "署",
    "处",
    "所",
    "站",
    "队",
    "馆",
    "部",
    "街道",
    "镇",
    "乡",
    "区",
];

/// Also units: 县, 市, 州, 盟, 旗 (their governments' reports).
const REGION_SUFFIXES: [&str; 5] = ["县", "市", "州", "盟", "旗"];

/// The unit a folder's name names, when it looks like a unit's: what a
/// file name would give ([`from_file_name`]: `某某局2023年报告` → 某某局),
/// without a leading ordinal (`03 `, `1.`, `（1）`), of three or more
/// Chinese characters, ending as units' names end (局, 委员会, 办公室,
/// 中心, 人民政府, 街道, 镇, 县…), and not a group of units or a stage of the
/// work (`各单位`, `乡镇`, `县直部门`, `待审核`, `年报材料`).
pub fn folder_unit(name: &str) -> Option<String> {
    let n = name.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || crate::text::is_digit(c)
            || crate::text::is_space(c)
            || matches!(c, '.' | '、' | '．' | '-' | '_' | '(' | ')' | '（' | '）')
    });
    let unit = from_stem(n).unit?;
    let han = unit.chars().filter(|&c| crate::text::is_han(c)).count();
    let grouped = ["各", "全", "所有", "本", "下属", "直属"]
        .iter()
        .any(|w| unit.starts_with(w))
        || [
            "单位", "部门", "审核", "汇总", "材料", "文件", "草稿", "备份", "归档", "资料", "公开",
            "报送",
        ]
        .iter()
        .any(|w| unit.contains(w));
    let ends = UNIT_SUFFIXES
        .iter()
        .chain(&REGION_SUFFIXES)
        .any(|s| unit.ends_with(s));
    (han >= 3 && ends && !grouped).then_some(unit)
}

/// Whether a folder whose name gave `unit` holds one unit's reports, so that
/// the reports in it that name no unit are that unit's: `reports` are the
/// identities of every report found in it (of the text and file name, or
/// of the folder). No report in it names another unit, and no two are of
/// the same year (a folder `某某县` holding its departments' title-less
/// pages would otherwise pair two departments' reports).
pub fn folder_is_one_units(unit: &str, reports: &[&Identity]) -> bool {
    let key = unit_key(unit);
    let mut years: Vec<i32> = reports.iter().map(|r| r.year).collect();
    years.sort_unstable();
    reports.iter().all(|r| r.key == key) && years.windows(2).all(|w| w[0] != w[1])
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
    from_stem(stem)
}

/// [`from_file_name`] of a name without its extension (or a folder's).
fn from_stem(stem: &str) -> FromName {
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
    /// Distinct official sections whose headings stand as the report's own
    /// (see [`judge`]), counted along their order in the text: a heading
    /// out of order does not add to those before it.
    pub sections: usize,
    /// Sections named only where a text talks about a report: in quotes or
    /// code, in a list item, a table of contents or a run of headings with
    /// nothing under them. Said in the skip line, never counted.
    pub mentioned: usize,
    /// Tables 二/三/四 with rows read.
    pub tables: usize,
    /// A report's own title line with its year was found.
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
                "看起来不是年报（六个部分的标题只找到 {} 个{}，{}，没有读出统计表格）",
                self.sections,
                if self.mentioned > 0 {
                    format!("，另有 {} 个只在引文、列表或目录中提到", self.mentioned)
                } else {
                    String::new()
                },
                if self.title {
                    "有年报标题"
                } else {
                    "没有年报标题"
                }
            ),
            crate::Lang::En => format!(
                "does not look like an annual report ({} of the six section headings{}, {}, no statistical table read)",
                self.sections,
                if self.mentioned > 0 {
                    format!(
                        ", {} more only mentioned in quotes, lists or a table of contents",
                        self.mentioned
                    )
                } else {
                    String::new()
                },
                if self.title { "a title" } else { "no title" }
            ),
        }
    }
}

/// The evidence that `report` is an annual report.
///
/// A report has its own structure; a README, review notes, an email or a
/// checklist only talk about one. So a section heading counts only where it
/// stands as a heading (`stands`): at the start of its line, or glued
/// after the end of a sentence or a number (web text that lost its line
/// breaks) — not inside quotes or code, not in a list item or a table cell,
/// not as an entry of a table of contents, not where three or more headings
/// follow one another with nothing under them (`in_runs`). The tables
/// count as read, and the title only as a line of its own that names the
/// report (`own_title`), not a subject line (`主题：…报告的回复`).
pub fn judge(report: &Report) -> Evidence {
    let fences = fences(report.doc.source);
    let named = namings(report, &fences);

    // Counted along the text's order: the longest chain of increasing
    // sections among the standing headings.
    let mut tails: [u32; 7] = [0; 7];
    let mut longest = 0;
    for n in named.iter().filter(|n| n.stands) {
        let k = tails[..longest].partition_point(|&t| t < n.section);
        if let Some(t) = tails.get_mut(k) {
            *t = n.section;
            longest = longest.max(k + 1);
        }
    }
    let mut standing = [false; 7];
    let mut mentioned = [false; 7];
    for n in &named {
        let seen = if n.stands {
            &mut standing
        } else {
            &mut mentioned
        };
        if let Some(s) = seen.get_mut(n.section as usize) {
            *s = true;
        }
    }
    // Rows pasted in a Markdown code block are a note's example.
    let own = |r: &&crate::model::BoundRow| {
        report
            .doc
            .lines
            .get(r.line)
            .is_some_and(|l| !in_fence(&fences, l.span.start))
    };
    let t2 = report
        .table2
        .as_ref()
        .is_some_and(|t| t.blocks.iter().flat_map(|b| &b.rows).any(|r| own(&r)));
    let t3 = report
        .table3
        .as_ref()
        .is_some_and(|t| t.rows.iter().flatten().filter(own).count() >= 3);
    let t4 = report
        .table4
        .as_ref()
        .is_some_and(|t| t.row.iter().any(|r| own(&r)));
    Evidence {
        sections: longest,
        mentioned: (1..7).filter(|&i| mentioned[i] && !standing[i]).count(),
        tables: [t2, t3, t4].iter().filter(|t| **t).count(),
        // A title names its year (`某某局2023年…年度报告`); a line that only
        // mentions the kind of report (a README's) is no title.
        title: report
            .title
            .as_ref()
            .is_some_and(|t| t.year.is_some() && own_title(report.text(t.span))),
    }
}

/// Every place `report` names a section, in text order, each marked
/// whether it stands as the report's own heading.
fn namings(report: &Report, fences: &[(usize, usize)]) -> Vec<Named> {
    let doc = &report.doc;
    let mut named: Vec<Named> = report
        .sections
        .iter()
        .filter_map(|s| {
            let n = s.matched?;
            let line = doc.lines.get(s.line)?;
            let title = doc.text(s.title);
            Some(Named {
                section: n,
                line: s.line,
                start: line.inner.start,
                end: line.inner.end,
                stands: stands(doc.source, line.inner.start, line.inner.end, true),
                // The reader's title stops at `。`; a colon inside it opens
                // the text (`二、主动公开政府信息情况：按表二填报。`).
                run_in: goes_on(doc.text(Span::new(s.title.end, line.inner.end)))
                    || title
                        .split_once(['：', ':'])
                        .is_some_and(|(_, rest)| goes_on(rest)),
            })
        })
        .chain(report.unread_headings.iter().map(|u| {
            Named {
                section: u.section,
                line: u.line,
                start: u.span.start,
                end: u.span.end,
                stands: stands(doc.source, u.span.start, u.span.end, false),
                run_in: goes_on(
                    doc.source
                        .get(u.span.end..)
                        .and_then(|a| a.split('\n').next())
                        .unwrap_or(""),
                ),
            }
        }))
        .collect();
    for n in &mut named {
        if in_fence(fences, n.start) {
            n.stands = false;
        }
    }
    named.sort_by_key(|n| n.start);
    in_runs(doc, &mut named);
    named
}

/// The byte ranges of a Markdown text's fenced code blocks (```` ``` ````,
/// `~~~`): what a note shows as an example. A fence left open runs to the
/// end.
fn fences(src: &str) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    // Only a line whose first ` or ~ follows nothing but spaces and tabs
    // can be a fence: each such line is found by a byte search, not every
    // line walked (`from` moves to the next line after each).
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b'`', b'~', &b[from..]).map(|k| from + k) {
        let line_start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |k| k + 1);
        let line_end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |k| at + k + 1);
        let indented_only = b[line_start..at].iter().all(|c| *c == b' ' || *c == b'\t');
        if indented_only && (b[at..].starts_with(b"```") || b[at..].starts_with(b"~~~")) {
            match open.take() {
                Some(start) => out.push((start, line_end)),
                None => open = Some(line_start),
            }
        }
        from = line_end;
    }
    if let Some(start) = open {
        out.push((start, src.len()));
    }
    out
}

fn in_fence(fences: &[(usize, usize)], at: usize) -> bool {
    fences.iter().any(|&(a, b)| (a..b).contains(&at))
}

/// A section named in the text.
#[derive(Debug)]
struct Named {
    section: u32,
    line: usize,
    start: usize,
    end: usize,
    stands: bool,
    /// Text follows the heading's words on its line (`1.总体情况。写明…`).
    run_in: bool,
}

/// Whether the words of a section heading at `start..end` of `src` (for a
/// heading read as such, its whole line from its numbering; else the
/// section's words, after the numbering if any) stand as the report's own
/// heading rather than being talked about.
fn stands(src: &str, start: usize, end: usize, numbered: bool) -> bool {
    let (Some(before), Some(after)) = (src.get(..start), src.get(end..)) else {
        return false;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let pre = &before[line_start..];
    let post = after.split('\n').next().unwrap_or("");
    let pre = if numbered {
        pre
    } else {
        without_numbering(pre)
    };
    // What opens the physical line: a list item, a quotation, a table cell
    // are about a report.
    if is_list_item(before[line_start..].trim_start_matches(crate::text::is_space)) {
        return false;
    }
    // Markdown's heading and emphasis marks and HTML tags (a converter's
    // raw HTML) belong to the heading; a cell's or a list item's tag makes
    // it a mention.
    let mut pre = pre;
    loop {
        pre = pre
            .trim_end_matches(|c: char| crate::text::is_space(c) || matches!(c, '#' | '*' | '_'));
        let Some((rest, tag)) = last_tag(pre) else {
            break;
        };
        let name = tag.trim_start_matches(['<', '/']).to_ascii_lowercase();
        if ["td", "th", "li"].iter().any(|t| {
            name.strip_prefix(t)
                .is_some_and(|r| r.starts_with([' ', '>']))
        }) {
            return false;
        }
        pre = rest;
    }
    let mut post = post.trim_start_matches(crate::text::is_space);
    while let Some(close) = post.strip_prefix("</").and_then(|p| p.split_once('>')) {
        post = close.1;
    }
    let glued = match pre.chars().next_back() {
        None => true,
        // After the end of a sentence, a bracket or a number: the break a
        // web page lost.
        Some(c) => {
            matches!(
                c,
                '。' | '！' | '？' | '!' | '?' | '；' | ';' | '）' | ')' | '】' | '》' | '>'
            )
                || crate::text::is_digit(c)
                // Han text, then a space, then the heading: a break lost
                // to a space (prose does not space before a numbering).
                || (crate::text::is_han(c)
                    && before[line_start + pre.len()..].starts_with(crate::text::is_space))
        }
    };
    // A heading read as such ends where the reader's line does, which is
    // not always where its words do: only a closing quote after it says it
    // was quoted.
    glued && !closes_mention(post, !numbered) && !is_contents_entry(src, start, end, post)
}

/// `pre` ending with an HTML tag: (what is before it, the tag).
fn last_tag(pre: &str) -> Option<(&str, &str)> {
    let body = pre.strip_suffix('>')?;
    let lt = body.rfind('<')?;
    let tag = &pre[lt..];
    let name = tag[1..].trim_start_matches('/');
    (name.starts_with(|c: char| c.is_ascii_alphabetic()) && !tag[1..tag.len() - 1].contains('>'))
        .then(|| (&pre[..lt], tag))
}

/// A list item (`- `, `* `, `1. `, `•`, a check box), a quotation (`>`) or a
/// table cell (`|`): the line talks about a report.
fn is_list_item(lead: &str) -> bool {
    let mut chars = lead.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.next();
    let spaced = second.is_some_and(crate::text::is_space);
    match first {
        '-' | '+' | '*' => spaced || (first == '-' && second == Some('[')),
        '>' | '|' | '•' | '·' | '▪' | '◆' | '◇' | '●' | '○' | '□' | '☐' | '☑' | '☒' | '■' | '√'
        | '✓' | '✔' => true,
        c if c.is_ascii_digit() => {
            // `1. 一、总体情况`: a list that numbers the headings it quotes.
            // (`1. 总体情况` is a heading: a converter's numbering.)
            let mut rest = lead
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .chars();
            matches!(rest.next(), Some('.' | ')' | '、' | '．'))
                && rest.next().is_some_and(crate::text::is_space)
                && {
                    let mut after = rest.skip_while(|c| crate::text::is_space(*c));
                    after.next().is_some_and(|c| "一二三四五六".contains(c))
                        && after.next() == Some('、')
                }
        }
        _ => false,
    }
}

/// `pre` without the numbering that ends it (`二、`, `（二）`, `2.`, `(2)`).
fn without_numbering(pre: &str) -> &str {
    let p = pre.trim_end_matches(|c: char| crate::text::is_space(c));
    let numeral = |c: char| {
        c.is_ascii_digit() || crate::text::is_digit(c) || "一二三四五六七八九十".contains(c)
    };
    if let Some(inner) = p.strip_suffix(['）', ')']) {
        let n = inner.trim_end_matches(numeral);
        if n.len() < inner.len()
            && let Some(open) = n.strip_suffix(['（', '('])
        {
            return open;
        }
        return p;
    }
    if let Some(inner) = p.strip_suffix(['、', '.', '．']) {
        let n = inner.trim_end_matches(numeral);
        if n.len() < inner.len() {
            return n;
        }
    }
    p
}

/// What follows a section's words when the text only names them: a closing
/// quote or bracket, a backtick, or (`listing`) a comma or enumeration mark
/// going on to the next item (`“二、主动公开政府信息情况”`, `一、总体情况、二、…`).
fn closes_mention(post: &str, listing: bool) -> bool {
    post.trim_start_matches(|c: char| crate::text::is_space(c) || matches!(c, '*' | '_'))
        .chars()
        .next()
        .is_some_and(|c| {
            matches!(c, '”' | '’' | '"' | '\'' | '`' | '」' | '』' | '》' | '〉')
                || (listing && matches!(c, '，' | ',' | '、' | '；' | ';' | '.'))
        })
}

/// A table of contents' entry: the heading, a leader (`……`, `....`, a tab)
/// and a page number ending the line.
fn is_contents_entry(src: &str, start: usize, end: usize, post: &str) -> bool {
    let own = src.get(start..end).unwrap_or("");
    let tail = if post.trim().is_empty() { own } else { post };
    let rest = tail.trim_end_matches(|c: char| crate::text::is_space(c));
    let digits = rest.trim_end_matches(|c: char| crate::text::is_digit(c));
    if digits.len() == rest.len() {
        return false;
    }
    let leaders = digits.trim_end_matches([' ', '\u{3000}']);
    let leader = |c: char| {
        matches!(
            c,
            '…' | '.' | '．' | '·' | '‥' | '⋯' | '_' | '-' | '—' | '\t'
        )
    };
    leaders.ends_with('\t') || leaders.chars().rev().take_while(|&c| leader(c)).count() >= 2
}

/// Whether text follows a heading's words on its line: `post` holds more
/// than closing marks and the punctuation that may end a heading.
fn goes_on(post: &str) -> bool {
    let mut p = post;
    loop {
        let q = p.trim_start_matches(|c: char| {
            crate::text::is_space(c) || matches!(c, '*' | '_' | '：' | ':' | '。' | '.')
        });
        match q.strip_prefix("</").and_then(|x| x.split_once('>')) {
            Some((_, rest)) => p = rest,
            None => return !q.is_empty(),
        }
    }
}

/// Marks, among the sections named, those that follow one another with
/// nothing under them as not standing: three or more in a row, with text
/// after the headings on their lines (a checklist, the list of sections in
/// an instruction or a sentence) or under a line `目录`. Bare headings in a
/// row stand: a report whose tables are pictures (portal pages) has
/// `二、…` `三、…` `四、…` one after another.
fn in_runs(doc: &crate::syntax::Document, named: &mut [Named]) {
    // Whether the text between two namings is nothing a section could hold:
    // the next line with text, or a few characters on the same line.
    let adjacent = |a: &Named, b: &Named| {
        if a.line == b.line {
            // (A heading read as such covers its line: what follows on it
            // is no section's text.)
            let between = doc.source.get(a.end..b.start).unwrap_or("");
            return between
                .chars()
                .filter(|c| !crate::text::is_space(*c))
                .count()
                <= 4;
        }
        b.line > a.line
            && doc
                .lines
                .get(a.line + 1..b.line)
                .is_some_and(|ls| ls.iter().all(|l| l.is_blank()))
    };
    let under_contents = |line: usize| {
        doc.lines[..line.min(doc.lines.len())]
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .is_some_and(|l| {
                let t = without_spaces(doc.text(l.inner));
                t.trim_end_matches(['：', ':']).eq_ignore_ascii_case("目录")
                    || t.eq_ignore_ascii_case("contents")
            })
    };
    let mut i = 0;
    while i < named.len() {
        let mut j = i + 1;
        while j < named.len() && adjacent(&named[j - 1], &named[j]) {
            j += 1;
        }
        if j - i >= 3 && (named[i..j].iter().any(|n| n.run_in) || under_contents(named[i].line)) {
            for n in &mut named[i..j] {
                n.stands = false;
            }
        }
        i = j;
    }
}

/// A title line as a report heads itself: it ends with the report's name
/// (`…年度报告`, `…年报`, `…报告（征求意见稿）`) and has no label before it
/// (`审核意见：…`, `主题：关于报送…报告的回复`).
fn own_title(title: &str) -> bool {
    let t: String = title
        .chars()
        .filter(|c| !crate::text::is_space(*c) && !matches!(c, '*' | '#' | '_'))
        .collect();
    if t.contains(['：', ':']) {
        return false;
    }
    let mut t = t.as_str();
    if let Some(inner) = t.strip_prefix('《').and_then(|x| x.strip_suffix('》')) {
        t = inner;
    }
    // A note in brackets after the name: （草稿）, (修订稿), 【征求意见稿】.
    while let Some(open) = t
        .strip_suffix(['）', ')', '】'])
        .and_then(|x| x.rfind(['（', '(', '【']))
    {
        t = &t[..open];
    }
    t.ends_with("报告") || t.ends_with("年报")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Options, bind};
    use proptest::prelude::*;

    /// Code fences found line by line, as the byte search must find them.
    fn fences_line_by_line(src: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut open: Option<usize> = None;
        let mut at = 0;
        for line in src.split_inclusive('\n') {
            let t = line.trim_start_matches([' ', '\t']);
            if t.starts_with("```") || t.starts_with("~~~") {
                match open.take() {
                    Some(start) => out.push((start, at + line.len())),
                    None => open = Some(at),
                }
            }
            at += line.len();
        }
        if let Some(start) = open {
            out.push((start, src.len()));
        }
        out
    }

    #[test]
    fn fences_of_a_note() {
        let src = "说明\n```\n表三\t1\n```\n  ~~~text\nx ```\n~~~";
        assert_eq!(fences(src), vec![(7, 24), (24, src.len())]);
        assert_eq!(fences("a`b\n``\n"), vec![]);
    }

    proptest! {
        #[test]
        fn fences_equal_a_line_by_line_reading(src in "[`~ \t\na表]{0,40}") {
            prop_assert_eq!(fences(&src), fences_line_by_line(&src));
        }
    }

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
    fn folder_names_as_reviewers_keep_them() {
        let unit = |n: &[&str]| {
            let f = from_folder_names(n);
            f.unit.map(|u| (u, f.depth))
        };
        let u = |s: &str, d: usize| Some((s.to_string(), d));
        assert_eq!(unit(&["某某县某某局", "审核"]), u("某某县某某局", 0));
        assert_eq!(unit(&["03 某某局"]), u("某某局", 0));
        assert_eq!(unit(&["（12）某某镇人民政府"]), u("某某镇人民政府", 0));
        assert_eq!(
            unit(&["某某局2023年政府信息公开工作年度报告"]),
            u("某某局", 0)
        );
        assert_eq!(unit(&["某某区"]), u("某某区", 0));
        assert_eq!(unit(&["2024", "某某局"]), u("某某局", 1));
        assert_eq!(unit(&["2024年度", "某某县教育局"]), u("某某县教育局", 1));
        // Not a unit: the work, a group of units, a person, too short; a
        // folder that is not a year does not pass the question up.
        for names in [
            &["审核"][..],
            &["2024年报审核材料"],
            &["各单位"],
            &["乡镇"],
            &["县直部门"],
            &["某某县各部门"],
            &["待审核"],
            &["新建文件夹"],
            &["年报"],
            &["2024"],
            &["Downloads", "某某局"],
            &["张三"],
            &["草稿", "某某局"],
            &["民政"],
            &[],
        ] {
            assert_eq!(unit(names), None, "{names:?}");
        }
    }

    #[test]
    fn a_folder_names_the_unit_last() {
        let dated = format!("本报告统计期限为2023年1月1日至2023年12月31日。\n{BODY}");
        let folder = from_folder_names(&["某某县某某局"]);
        let r = bind(&dated, &Options::default());
        assert_eq!(of(&r, "2023年报告.pdf"), None);
        let id = of_in(&r, "2023年报告.pdf", &folder).unwrap();
        assert_eq!((id.unit.as_str(), id.year), ("某某县某某局", 2023));
        assert!(id.from_folder && !id.from_file_name);
        // The file name's unit, the title's, come first.
        let id = of_in(&r, "另一个局2023年报告.pdf", &folder).unwrap();
        assert_eq!((id.unit.as_str(), id.from_folder), ("另一个局", false));
        let titled = format!("某某区某某委2023年政府信息公开工作年度报告\n{BODY}");
        let id = of_in(&bind(&titled, &Options::default()), "报告.pdf", &folder).unwrap();
        assert_eq!((id.unit.as_str(), id.from_folder), ("某某区某某委", false));
        // No year anywhere: none from the folder either.
        assert_eq!(
            of_in(&bind(BODY, &Options::default()), "报告.pdf", &folder),
            None
        );
    }

    #[test]
    fn a_folder_is_one_units_when_nothing_in_it_says_otherwise() {
        let r = |text: &str, name: &str| {
            let f = from_folder_names(&["某某局"]);
            of_in(&bind(text, &Options::default()), name, &f).unwrap()
        };
        let year = |y: i32| format!("本报告统计期限为{y}年1月1日至{y}年12月31日。\n{BODY}");
        let (a, b) = (r(&year(2023), "a.pdf"), r(&year(2024), "b.pdf"));
        let named = r(&year(2022), "某某局2022年年报.pdf");
        let other = r(&year(2021), "另一个局2021年年报.pdf");
        let again = r(&year(2024), "c.html");
        assert!(folder_is_one_units("某某局", &[&a, &b, &named]));
        assert!(folder_is_one_units("某 某局", &[&a, &b]));
        assert!(
            !folder_is_one_units("某某局", &[&a, &b, &other]),
            "another unit"
        );
        assert!(
            !folder_is_one_units("某某局", &[&a, &b, &again]),
            "two of 2024"
        );
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

    fn judged(t: &str) -> Evidence {
        judge(&bind(t, &Options::default()))
    }

    /// Texts that name the sections while talking about a report: each
    /// section named is a mention, none stands.
    #[test]
    fn notes_that_talk_about_a_report_are_not_reports() {
        for (what, text) in [
            (
                "quoted in a sentence",
                "请补充“一、总体情况”“二、主动公开政府信息情况”和“三、收到和处理政府信息公开申请情况”的内容。\n",
            ),
            (
                "code spans",
                "Headings `一、总体情况`, `二、主动公开政府信息情况` and\n`三、收到和处理政府信息公开申请情况` are read.\n",
            ),
            (
                "list items",
                "- 一、总体情况：写全五个方面\n- 二、主动公开政府信息情况：核对表二\n* 三、收到和处理政府信息公开申请情况：核对表三\n",
            ),
            (
                "check boxes",
                "□ 一、总体情况\n☑ 二、主动公开政府信息情况\n- [ ] 三、收到和处理政府信息公开申请情况\n",
            ),
            (
                "a list numbering the headings",
                "1. 一、总体情况\n2. 二、主动公开政府信息情况\n3. 三、收到和处理政府信息公开申请情况\n",
            ),
            (
                "quoted lines",
                "> 一、总体情况\n> 二、主动公开政府信息情况\n> 三、收到和处理政府信息公开申请情况\n",
            ),
            (
                "a listing in a sentence",
                "报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况。\n",
            ),
            (
                "after words, unquoted",
                "经核对，报告中二、主动公开政府信息情况的表格与正文不一致，四、政府信息公开行政复议、行政诉讼情况中总计有误，五、存在的主要问题及改进情况与上年雷同。\n",
            ),
            (
                "a table of contents",
                "某某局2024年政府信息公开工作年度报告\n一、总体情况........1\n二、主动公开政府信息情况……2\n三、收到和处理政府信息公开申请情况\t3\n",
            ),
            (
                "bare headings under 目录",
                "目　录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n",
            ),
            (
                "instructions, one line each",
                "一、总体情况。概述五个方面。\n二、主动公开政府信息情况。按表二填写。\n三、收到和处理政府信息公开申请情况。按表三填写。\n",
            ),
            (
                "a code block",
                "结构：\n```\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n```\n",
            ),
            (
                "table cells",
                "| 1 | 一、总体情况 |\n| 2 | 二、主动公开政府信息情况 |\n| 3 | 三、收到和处理政府信息公开申请情况 |\n",
            ),
            (
                "a subject line and a quote",
                "主题：关于某某局2024年政府信息公开工作年度报告的审核意见\n“一、总体情况”缺少监督保障。\n",
            ),
            (
                "English prose",
                "L4 一、总体情况, L33 三、收到和处理政府信息公开申请情况, and\nwith 四、政府信息公开行政复议、行政诉讼情况 as written.\n",
            ),
        ] {
            let e = judged(text);
            assert!(!e.is_report(), "{what}: {e:?}");
            assert!(e.mentioned > 0, "{what}: {e:?}");
        }
    }

    /// Reports in the shapes they come in, damaged, without tables read:
    /// their headings alone make them reports.
    #[test]
    fn damaged_reports_stay_reports() {
        for (what, text) in [
            (
                "web text: one line, headings after sentences and numbers",
                "联系电话：0591-23107633。一、总体情况2024年，本机关主动公开信息86条。二、主动公开政府信息情况 第二十条第（一）项 规章 0 0 3三、收到和处理政府信息公开申请情况 本年新收申请5件。\n",
            ),
            (
                "web text: a heading after a space",
                "本机关认真落实条例 一、总体情况 全年公开信息86条 二、主动公开政府信息情况 见下表 三、收到和处理政府信息公开申请情况 见下表\n",
            ),
            (
                "HTML tags around the headings",
                "<h2>一、总体情况</h2>\n<p>正文。</p>\n<p><b>二、主动公开政府信息情况</b></p>\n<p>正文。</p>\n<h2>三、收到和处理政府信息公开申请情况</h2>\n",
            ),
            (
                "bold and Markdown headings",
                "**一、总体情况**\n正文。\n## 二、主动公开政府信息情况\n正文。\n### 三、收到和处理政府信息公开申请情况\n正文。\n",
            ),
            (
                "tables as pictures: bare headings in a row",
                "一、总体情况\n正文。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n正文。\n",
            ),
            (
                "a converter's numbering",
                "1.  总体情况\n正文。\n2.  主动公开政府信息情况\n正文。\n3.  收到和处理政府信息公开申请情况\n正文。\n",
            ),
            (
                "text on the headings' lines",
                "一、总体情况。2023年，本机关认真落实条例。\n正文。\n四、政府信息公开行政复议、行政诉讼情况：本年度无。\n（表略）\n五、存在的主要问题及改进情况：一是公开不全。\n二是解读不足。\n六、其他需要报告的事项：无。\n",
            ),
            (
                "a draft's title and one heading",
                "某某局2023年政府信息公开工作年度报告（征求意见稿）\n一、总体情况\n正文。\n",
            ),
            (
                "a section out of place",
                "一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n正文。\n二、主动公开政府信息情况\n正文。\n五、存在的主要问题及改进情况\n正文。\n",
            ),
        ] {
            let e = judged(text);
            assert!(e.is_report(), "{what}: {e:?}");
            assert_eq!(e.mentioned, 0, "{what}: {e:?}");
        }
    }

    #[test]
    fn a_title_is_the_reports_own_line() {
        for t in [
            "某某局2023年政府信息公开工作年度报告",
            "# 2023年度某某县人民政府政务公开工作年度报告（修订稿）",
            "《某某局2023年政府信息公开工作年报》",
        ] {
            assert!(own_title(t), "{t}");
        }
        for t in [
            "审核意见：某某局2023年政府信息公开工作年度报告",
            "主题：关于报送2024年政府信息公开工作年度报告的回复",
            "关于某某局2023年政府信息公开工作年度报告的说明",
        ] {
            assert!(!own_title(t), "{t}");
        }
    }
}
