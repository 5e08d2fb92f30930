//! # foreign-unit（出现其他单位的名称）
//!
//! ## 作用 What it does
//! 在本机关的年报中查找同级其他单位的完整名称（如大新镇的年报里出现“掌政镇人民政府”），
//! 这通常是照抄其他单位年报留下的痕迹。只比较同一级别：乡镇、街道的年报中比较其他乡镇、街道
//! （“××镇人民政府/政府/党委/人大/纪委/党政办”“××街道办事处”）；区、县的年报（及区县部门的年报）中比较
//! 民政部行政区划名录里的其他区、县、县级市、旗的人民政府。
//!
//! 只认完整的名称：区县名称必须是名录中的真实名称（“推进区”不是）；乡镇名称前面的双字词若是常用的
//! 动词、副词、介词等（“推进镇政府”“坚持镇党委”），不是名称；“乡镇”“镇街”“各镇”等泛称不是名称。
//!
//! Reports another unit's whole name (a sibling town or street; another county
//! from the official list of divisions) where the report's own unit is meant:
//! text copied from another unit's report. Superiors, subordinates, cited
//! bodies and quoted titles are not reported.
//!
//! ## 原因 Why
//! 跨单位抄袭年报被法治蓝皮书等多次通报（“一些年报出现大范围的跨区域抄袭”），出现别的单位名称是最明显的证据。
//!
//! ## 示例 Example
//! ```text
//! 为进一步强化信息公开平台建设，掌政镇人民政府不断深化重点领域信息公开……
//! ```
//! （本报告为银川市兴庆区大新镇的年报。）
//!
//! ## 修复 Fix
//! 提供把该名称改为本机关名称的不安全修复，请核对该段内容是否确属本机关。
//!
//! ## 有意不报告 Deliberately not flagged
//! 本机关自己的名称；本机关所属的上级（区、市、自治区）；下级（区县年报中的乡镇）；引用的机关（同一分句中有“根据”“按
//! 照”“转办”“转交”“告知”“向”“会同”“配合”“学习”等，或名称后紧跟“印发”“下发”“转来”“交办”等）
//! ；书名号、引号中的名称（如《兴庆区大新镇政务公开工作要点》）；动词加“镇/区”（“推进镇政府”“坚持镇党委”）
//! 和泛称（乡镇、镇街、各镇）；地级市、省；其他部门（局、办）的名称。

use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::places;
use crate::prose;
use crate::rules::{Ctx, Meta};
use crate::text::Span;
use std::ops::Range;

pub const META: Meta = Meta {
    name: "foreign-unit",
    severity: Severity::Warning,
    summary: "年报中出现同级其他单位的名称",
    summary_en: "another unit's name appears in the report",
};

const TOWN_LEVELS: [&str; 3] = ["街道", "镇", "乡"];
/// What follows a town's name when the text names its government.
const TOWN_BODIES: [&str; 7] = [
    "人民政府",
    "政府",
    "党委",
    "人大",
    "纪委",
    "党政办",
    "办事处",
];
/// Words before a name in the same clause that make it a body the report
/// cites or deals with, not itself.
const CITING: [&str; 30] = [
    "根据", "按照", "依据", "依照", "遵照", "转办", "转交", "转送", "转至", "转到", "转给", "移交",
    "移送", "告知", "引导", "指引", "会同", "联合", "配合", "协助", "协调", "学习", "借鉴", "参照",
    "参考", "对接", "报送", "上报", "抄送", "商请",
];
/// Words right after a body's name that make it the author of a cited text.
const CITED_AFTER: [&str; 9] = [
    "印发",
    "下发",
    "转发",
    "发布的",
    "出台",
    "制定的",
    "转来",
    "交办",
    "批复",
];

fn is_name_char(c: char) -> bool {
    crate::text::is_han(c)
        && !"的在为和与及对向从由把被将了是等各全本我该其市省区县州旗".contains(c)
}

/// Whether the character ending at byte `end` of `text` can be part of a
/// name: 年, 月, 日 can (月牙湖乡) unless they end a date (`3月`, `三月`).
fn name_char_at(text: &str, end: usize) -> bool {
    let mut back = text[..end].chars().rev();
    match back.next() {
        Some('年' | '月' | '日') => !back
            .next()
            .is_some_and(|p| p.is_ascii_digit() || "一二三四五六七八九十〇零两".contains(p)),
        Some(c) => is_name_char(c),
        None => false,
    }
}

/// The report's own unit, as far as this rule needs it.
enum Own {
    /// A 乡镇 or 街道: its name with the level (`大新镇`).
    Town(String),
    /// A county-level division or a department of one.
    County(places::Division),
}

fn own_unit(unit: &str) -> Option<Own> {
    let town = TOWN_LEVELS
        .iter()
        .filter_map(|lv| unit.rfind(lv).map(|p| (p, *lv)))
        .max_by_key(|&(p, _)| p)
        .and_then(|(p, lv)| {
            let name = town_name(unit, p)?;
            Some(format!("{}{lv}", &unit[name..p]))
        });
    if let Some(t) = town {
        return Some(Own::Town(t));
    }
    places::counties_in(unit).last().copied().map(Own::County)
}

/// The start of the 乡镇/街道 name that ends at byte `end` of `text` (the
/// level word follows), if the characters there make a name: two to four
/// name characters, not a generic word (`乡镇`, `各镇`) and not ending in a
/// common verb, adverb or preposition (`推进镇政府`).
fn town_name(text: &str, end: usize) -> Option<usize> {
    let run: Vec<(usize, char)> = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(i, c)| name_char_at(text, i + c.len_utf8()))
        .take(6)
        .collect();
    if run.len() < 2 {
        return None;
    }
    let last_two: String = run[..2].iter().rev().map(|x| x.1).collect();
    if places::is_common_word(&last_two) || "镇乡村街道社".contains(run[0].1) {
        return None;
    }
    // `按照惠安堡镇`: leading words of the run are not part of the name.
    let mut start = run.len();
    while start > 2 {
        let word: String = run[start - 2..start].iter().rev().map(|x| x.1).collect();
        if !places::is_common_word(&word) && !CITING.contains(&word.as_str()) {
            break;
        }
        start -= 2;
    }
    let len = if start > 4 { 2 } else { start.min(4) };
    Some(run[len - 1].0)
}

/// Whether the name at `start..end` of `line` is a body the text cites.
fn cited(line: &str, start: usize, end: usize) -> bool {
    let clause_start = line[..start]
        .rfind(['，', '。', '；', '：', ',', ';', ':'])
        .map_or(0, |p| {
            p + line[p..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &line[clause_start..start];
    let after: String = line[end..].chars().take(8).collect();
    CITING.iter().any(|w| clause.contains(w))
        || clause.ends_with('向')
        || CITED_AFTER
            .iter()
            .any(|w| after.starts_with(w) || after.contains(w))
        || inside_quotes(line, start)
}

fn inside_quotes(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let open = |o: char, c: char| before.rfind(o).is_some_and(|p| !before[p..].contains(c));
    open('《', '》') || open('“', '”') || open('〈', '〉') || open('「', '」')
}

/// A foreign name found in a line: its span (relative) and its text.
struct Found {
    start: usize,
    end: usize,
    name: String,
}

/// Other towns' governments in `line` (a town's report).
fn other_towns(line: &str, own: &str, unit: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for (lv, p, body) in town_levels_before_bodies(line) {
        let end = p + lv.len();
        if lv == "街道" && body != "办事处" && body != "党工委" {
            continue;
        }
        let Some(start) = town_name(line, p) else {
            continue;
        };
        let name = &line[start..end];
        if name == own || unit.contains(name) || cited(line, start, end + body.len()) {
            continue;
        }
        out.push(Found {
            start,
            end,
            name: name.to_string(),
        });
    }
    out
}

/// Every place in `line` where a town level (`镇`, `乡`, `街道`) is followed by
/// a body of its government (`人民政府`, `党委`…): the level, where it starts
/// and the body, in the order of [`TOWN_LEVELS`] and then of the text.
/// Found from the bodies, which are rare words, rather than from 镇 and 乡,
/// whose UTF-8 bytes match all over Chinese text.
fn town_levels_before_bodies(line: &str) -> Vec<(&'static str, usize, &'static str)> {
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        TOWN_BODIES
            .iter()
            .map(memchr::memmem::Finder::new)
            .collect()
    });
    let mut hits = Vec::new();
    for (body, finder) in TOWN_BODIES.iter().zip(finders) {
        for at in finder.find_iter(line.as_bytes()) {
            // One body at most starts at a place (their first two
            // characters differ), so each level found here is followed by
            // the first body of the list, as a search from the level finds.
            for (k, lv) in TOWN_LEVELS.iter().enumerate() {
                if line[..at].ends_with(lv) {
                    hits.push((k, at - lv.len(), *lv, *body));
                }
            }
        }
    }
    hits.sort_unstable_by_key(|&(k, p, _, _)| (k, p));
    hits.into_iter()
        .map(|(_, p, lv, body)| (lv, p, body))
        .collect()
}

/// Other county-level governments in `line` (a county's report or the
/// report of a county's department).
fn other_counties(line: &str, own: places::Division, unit: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for (p, _) in line.match_indices("人民政府") {
        let Some((start, ds)) = places::division_ending_at(line, p) else {
            continue;
        };
        let name = &line[start..p];
        // A one-character name (城区, 沛县) only as a whole word.
        let whole = name.chars().count() > 2
            || line[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_name_char(c));
        if !whole
            || !ds.iter().all(places::Division::is_county)
            || ds.iter().any(|d| d.code == own.code)
            || unit.contains(name)
            || cited(line, start, p + "人民政府".len())
        {
            continue;
        }
        out.push(Found {
            start,
            end: p,
            name: name.to_string(),
        });
    }
    out
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    check_lines(r, 0..r.doc.lines.len(), out);
}

/// Line-local (`rules::RuleDef::lines`): each finding is one narrative
/// line's, from its text and the report's unit.
pub fn check_lines(r: &Ctx, lines: Range<usize>, out: &mut Vec<Diagnostic>) {
    let Some(unit) = &r.unit else { return };
    let unit = crate::text::without_spaces(unit);
    let Some(own) = own_unit(&unit) else {
        return;
    };
    let own_name = match &own {
        Own::Town(t) => t.clone(),
        Own::County(d) => d.name().to_string(),
    };
    for (_, line) in prose::lines_in(r, lines) {
        let text = r.text(line);
        // Cheap pre-check: most lines name no government at all. (人民政府
        // contains 政府: these are the words of TOWN_BODIES, searchers built once.)
        static BODIES: std::sync::OnceLock<crate::text::Words> = std::sync::OnceLock::new();
        let bodies = BODIES.get_or_init(|| {
            crate::text::Words::new(&["政府", "党委", "人大", "纪委", "党政办", "办事处"])
        });
        if !bodies.in_text(text) {
            continue;
        }
        let found = match &own {
            Own::Town(t) => other_towns(text, t, &unit),
            Own::County(d) => other_counties(text, *d, &unit),
        };
        for f in found {
            let span = Span::new(line.start + f.start, line.start + f.end);
            out.push(
                Diagnostic::new(
                    META.name,
                    META.severity,
                    span,
                    Msg::new(
                        format!("本报告是“{unit}”的年报，却出现了另一单位“{}”：可能照抄了其他单位的年报", f.name),
                        format!("this is the report of “{unit}” but names another unit, “{}”: text copied from another unit's report?", f.name),
                    ),
                )
                .with_fix(Fix::unsafe_(
                    Msg::new(format!("改为“{own_name}”"), format!("change to “{own_name}”")),
                    vec![Edit { span, text: own_name.clone() }],
                )),
            );
        }
    }
}

#[cfg(test)]
mod search_tests {
    use super::*;

    /// The search as it was written first: every level, then what follows.
    fn from_levels(line: &str) -> Vec<(&'static str, usize, &'static str)> {
        let mut out = Vec::new();
        for lv in TOWN_LEVELS {
            for (p, _) in line.match_indices(lv) {
                let end = p + lv.len();
                if let Some(body) = TOWN_BODIES.iter().find(|b| line[end..].starts_with(*b)) {
                    out.push((lv, p, *body));
                }
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn bodies_find_what_levels_find(line in "(镇|乡|街道|人民政府|政府|党委|人大|纪委|党政办|办事处|人民|大新|，|a){0,12}") {
            proptest::prop_assert_eq!(town_levels_before_bodies(&line), from_levels(&line));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, check_cases};
    use expect_test::expect;

    const HEAD: &str = "# 银川市兴庆区大新镇 2020 年政府信息公开 工作年度报告\n一、总体情况\n";

    fn in_report(head: &str, texts: &[&'static str]) -> Vec<(&'static str, String)> {
        texts.iter().map(|t| (*t, format!("{head}{t}\n"))).collect()
    }

    #[test]
    fn sibling_town_is_flagged() {
        let src = format!(
            "{HEAD}为进一步强化信息公开平台建设，掌政镇人民政府不断深化重点领域信息公开。\n"
        );
        check(
            &src,
            "foreign-unit",
            expect![[r#"
            3:16 warning [foreign-unit] 本报告是“银川市兴庆区大新镇”的年报，却出现了另一单位“掌政镇”：可能照抄了其他单位的年报
                fix (Unsafe): 改为“大新镇”
                  @@ -1 +1 @@
                   # 银川市兴庆区大新镇 2020 年政府信息公开 工作年度报告
                   一、总体情况
                  -为进一步强化信息公开平台建设，掌政镇人民政府不断深化重点领域信息公开。
                  +为进一步强化信息公开平台建设，大新镇人民政府不断深化重点领域信息公开。

        "#]],
        );
    }

    #[test]
    fn whole_names_only_and_dates_are_not_names() {
        let src = format!(
            "{HEAD}3月大新镇人民政府召开会议。城关镇人民政府、月牙湖乡人民政府按要求开展工作。\n"
        );
        check(
            &src,
            "foreign-unit",
            expect![[r#"
            3:15 warning [foreign-unit] 本报告是“银川市兴庆区大新镇”的年报，却出现了另一单位“城关镇”：可能照抄了其他单位的年报
                fix (Unsafe): 改为“大新镇”
                  @@ -1 +1 @@
                   # 银川市兴庆区大新镇 2020 年政府信息公开 工作年度报告
                   一、总体情况
                  -3月大新镇人民政府召开会议。城关镇人民政府、月牙湖乡人民政府按要求开展工作。
                  +3月大新镇人民政府召开会议。大新镇人民政府、月牙湖乡人民政府按要求开展工作。

            3:23 warning [foreign-unit] 本报告是“银川市兴庆区大新镇”的年报，却出现了另一单位“月牙湖乡”：可能照抄了其他单位的年报
                fix (Unsafe): 改为“大新镇”
                  @@ -1 +1 @@
                   # 银川市兴庆区大新镇 2020 年政府信息公开 工作年度报告
                   一、总体情况
                  -3月大新镇人民政府召开会议。城关镇人民政府、月牙湖乡人民政府按要求开展工作。
                  +3月大新镇人民政府召开会议。城关镇人民政府、大新镇人民政府按要求开展工作。

        "#]],
        );
    }

    #[test]
    fn whole_names_only() {
        let cases = in_report(
            HEAD,
            &[
                "推进镇街政务公开标准化规范化。",
                "推进镇政务公开标准化。",
                "全面推进镇政府信息公开。",
                "坚持镇党委统一领导，加强镇党委对政务公开工作的领导。",
                "督促乡镇人民政府落实公开责任。",
                "指导各镇人民政府做好公开工作。",
                "确保镇人民政府门户网站正常运行。",
                "2020年，惠安堡镇人民政府不断深化重点领域信息公开。",
            ],
        );
        check_cases(
            "foreign-unit",
            cases,
            expect![[r#"
            ── 推进镇街政务公开标准化规范化。
            ── 推进镇政务公开标准化。
            ── 全面推进镇政府信息公开。
            ── 坚持镇党委统一领导，加强镇党委对政务公开工作的领导。
            ── 督促乡镇人民政府落实公开责任。
            ── 指导各镇人民政府做好公开工作。
            ── 确保镇人民政府门户网站正常运行。
            ── 2020年，惠安堡镇人民政府不断深化重点领域信息公开。
            3:7 warning [foreign-unit] 本报告是“银川市兴庆区大新镇”的年报，却出现了另一单位“惠安堡镇”：可能照抄了其他单位的年报
                fix (Unsafe): 改为“大新镇”
                  @@ -1 +1 @@
                   # 银川市兴庆区大新镇 2020 年政府信息公开 工作年度报告
                   一、总体情况
                  -2020年，惠安堡镇人民政府不断深化重点领域信息公开。
                  +2020年，大新镇人民政府不断深化重点领域信息公开。

        "#]],
        );
    }

    #[test]
    fn cited_bodies_are_not_foreign() {
        let cases = in_report(
            HEAD,
            &[
                "该申请已转办至掌政镇人民政府。",
                "告知申请人向掌政镇人民政府申请。",
                "根据掌政镇人民政府印发的工作方案开展工作。",
                "会同掌政镇人民政府开展联合执法。",
                "学习掌政镇人民政府的经验做法。",
            ],
        );
        check_cases(
            "foreign-unit",
            cases,
            expect![[r#"
            ── 该申请已转办至掌政镇人民政府。
            ── 告知申请人向掌政镇人民政府申请。
            ── 根据掌政镇人民政府印发的工作方案开展工作。
            ── 会同掌政镇人民政府开展联合执法。
            ── 学习掌政镇人民政府的经验做法。
        "#]],
        );
    }

    #[test]
    fn counties_are_whole_official_names() {
        let head = "# 吴忠市利通区人民政府办公室 2020 年政府信息公开工作年度报告\n一、总体情况\n";
        let cases = in_report(
            head,
            &[
                "青铜峡市人民政府高度重视政务公开工作，红寺堡区人民政府积极推进。",
                "利通区人民政府高度重视政务公开工作。",
                "吴忠市人民政府办公室印发了工作要点。",
                "推进区人民政府信息公开。",
                "主城区人民政府网站。",
                "金积镇人民政府、上桥镇人民政府按要求公开。",
                "根据青铜峡市人民政府的来函，我办予以答复。",
            ],
        );
        check_cases(
            "foreign-unit",
            cases,
            expect![[r#"
            ── 青铜峡市人民政府高度重视政务公开工作，红寺堡区人民政府积极推进。
            3:1 warning [foreign-unit] 本报告是“吴忠市利通区人民政府办公室”的年报，却出现了另一单位“青铜峡市”：可能照抄了其他单位的年报
                fix (Unsafe): 改为“利通区”
                  @@ -1 +1 @@
                   # 吴忠市利通区人民政府办公室 2020 年政府信息公开工作年度报告
                   一、总体情况
                  -青铜峡市人民政府高度重视政务公开工作，红寺堡区人民政府积极推进。
                  +利通区人民政府高度重视政务公开工作，红寺堡区人民政府积极推进。

            3:20 warning [foreign-unit] 本报告是“吴忠市利通区人民政府办公室”的年报，却出现了另一单位“红寺堡区”：可能照抄了其他单位的年报
                fix (Unsafe): 改为“利通区”
                  @@ -1 +1 @@
                   # 吴忠市利通区人民政府办公室 2020 年政府信息公开工作年度报告
                   一、总体情况
                  -青铜峡市人民政府高度重视政务公开工作，红寺堡区人民政府积极推进。
                  +青铜峡市人民政府高度重视政务公开工作，利通区人民政府积极推进。

            ── 利通区人民政府高度重视政务公开工作。
            ── 吴忠市人民政府办公室印发了工作要点。
            ── 推进区人民政府信息公开。
            ── 主城区人民政府网站。
            ── 金积镇人民政府、上桥镇人民政府按要求公开。
            ── 根据青铜峡市人民政府的来函，我办予以答复。
        "#]],
        );
    }

    #[test]
    fn own_unit_higher_levels_and_quotes_are_not() {
        let cases = in_report(
            HEAD,
            &[
                "本报告由大新镇人民政府办公室汇总大新镇人民政府信息公开情况编制而成。",
                "本报告电子版可在兴庆区人民政府网站查阅。",
                "在兴庆区政府网站公开本单位政府信息 136 条。",
                "编制《银川市兴庆区大新镇人民政府信息公开指南》。",
                "本单位应公开政府信息通过“银川市兴庆区人民政府”网站发布。",
                "经兴庆区大新镇人民政府同意，现予发布。",
            ],
        );
        check_cases(
            "foreign-unit",
            cases,
            expect![[r#"
            ── 本报告由大新镇人民政府办公室汇总大新镇人民政府信息公开情况编制而成。
            ── 本报告电子版可在兴庆区人民政府网站查阅。
            ── 在兴庆区政府网站公开本单位政府信息 136 条。
            ── 编制《银川市兴庆区大新镇人民政府信息公开指南》。
            ── 本单位应公开政府信息通过“银川市兴庆区人民政府”网站发布。
            ── 经兴庆区大新镇人民政府同意，现予发布。
        "#]],
        );
    }
}
