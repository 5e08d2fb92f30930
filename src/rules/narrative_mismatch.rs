//! # narrative-mismatch（正文数字与统计表不一致）
//!
//! ## 作用 What it does
//! 读取正文中关于政府信息公开申请的数字，与表三、表四核对：收到/受理 N 件（表三 一、本年新收 总计）、
//! 办结/答复 N 件（（七）总计）、予以公开 / 部分公开 / 不予公开 / 无法提供 / 不予处理 N 件、
//! 本机关不掌握相关政府信息 N 件、上年结转 N 件（二）、N 件结转下年度（四）、行政复议 N 件、
//! 行政诉讼 N 件（表四），以及“没有/未发生因政府信息公开申请行政复议、提起行政诉讼”
//! “未收到政府信息公开申请”等“无”的表述。“予以公开及部分公开 N 件”与（一）（二）两行之和比较；
//! 写明申请人类别的件数（“自然人申请 4 件”“其中法人或其他组织 1 件”“商业企业提出的申请 1 件”）与该列
//! （法人或其他组织为五列之和）比较，而不是与总计比较。
//!
//! 段落写的是政府信息公开申请（说到“信息公开”“依申请”，或在“三、收到和处理……”部分、“依申请公开”分项下）时，
//! “收到申请 N 件”即使没写“公开”也按本年新收核对（行政许可、审批等其他申请除外）。
//!
//! Reports numbers stated in the text about requests, reviews and lawsuits
//! (and "none" statements) that contradict tables 三 and 四.
//!
//! ## 原因 Why
//! 正文与表格“两张皮”是审核中最难发现、最常被指出的问题之一，常因沿用上年文字或只改表格造成。
//!
//! ## 示例 Example
//! ```text
//! 2020年，利通区人民政府办公室收到1件政府信息公开申请……
//! 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
//! ```
//!
//! ## 修复 Fix
//! 提供把正文数字改为表格数字的不安全修复（也可能是表格错了，请核对后选择）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 带“余”“近”“约”的概数；写明其他年份的句子；投诉、信访、建议、提案、留言、咨询、信件、
//! 热线等其他事项的件数；同一句中同一类数字的第二个起（通常是细分）；写明含上年结转的“收到 N 件
//! （含上年结转 2 件）”等于两行之和时（句子本身收支平衡，如“收到 25 件，办结 24 件，结转 1 件”，
//! 不能免去与表格的核对）；不是指申请人的“个人”“法人”（“涉及个人隐私”）。

use crate::arith::{Lookup, cell_of};
use crate::diagnostic::{Diagnostic, Edit, Fix, Msg, Severity};
use crate::model::Report;
use crate::prose;
use crate::rules::{Ctx, Meta};
use crate::schema::{CellRef, T3_TOTAL_COL, TABLE3_COLUMNS, TABLE3_ROWS, table3_row};
use crate::text::Span;

pub const META: Meta = Meta {
    name: "narrative-mismatch",
    severity: Severity::Warning,
    summary: "正文中的数字与统计表不一致",
    summary_en: "a number in the text contradicts the tables",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    New,
    Completed,
    Granted,
    /// `予以公开及部分公开 N 件`: rows (一) and (二) together.
    GrantedOrPartial,
    Partial,
    Denied,
    Unable,
    NotHeld,
    NotProcessed,
    Carried,
    CarryNext,
    Review,
    Litigation,
}

impl Metric {
    fn name(&self) -> (&'static str, &'static str) {
        match self {
            Metric::New => (
                "表三“一、本年新收政府信息公开申请数量”总计",
                "table 三 new requests total",
            ),
            Metric::Completed => ("表三“（七）总计”", "table 三 (七) total"),
            Metric::Granted => ("表三“（一）予以公开”总计", "table 三 granted total"),
            Metric::GrantedOrPartial => (
                "表三“（一）予以公开”与“（二）部分公开”总计之和",
                "table 三 granted plus partly granted totals",
            ),
            Metric::Partial => ("表三“（二）部分公开”总计", "table 三 partly granted total"),
            Metric::Denied => ("表三“（三）不予公开”各项合计", "table 三 denied total"),
            Metric::Unable => (
                "表三“（四）无法提供”各项合计",
                "table 三 unable to provide total",
            ),
            Metric::NotHeld => (
                "表三“1.本机关不掌握相关政府信息”总计",
                "table 三 information not held total",
            ),
            Metric::NotProcessed => (
                "表三“（五）不予处理”各项合计",
                "table 三 not processed total",
            ),
            Metric::Carried => (
                "表三“二、上年结转政府信息公开申请数量”总计",
                "table 三 carried over total",
            ),
            Metric::CarryNext => (
                "表三“四、结转下年度继续办理”总计",
                "table 三 carried to next year total",
            ),
            Metric::Review => ("表四“行政复议”总计", "table 四 administrative review total"),
            Metric::Litigation => (
                "表四“行政诉讼”总计（两组之和）",
                "table 四 litigation total",
            ),
        }
    }
}

/// What a count is about. `requests`: the paragraph is about requests for
/// government information (it says 信息公开 or 依申请, or stands in section
/// 三), so `收到申请 25 件` is one without saying 公开.
fn classify(c: &prose::Count, requests: bool) -> Option<Metric> {
    let b = c.before.as_str();
    let a = c.after.as_str();
    // Counts of complaints, proposals, rates… are about something else.
    let other = || {
        [
            "投诉", "信访", "建议", "提案", "留言", "咨询", "信件", "热线", "率",
        ]
        .iter()
        .any(|k| b.contains(k) || a.contains(k))
    };
    classify_clause(b, a, requests).filter(|_| !other())
}

fn classify_clause(b: &str, a: &str, requests: bool) -> Option<Metric> {
    if a.starts_with("结转下")
        || a.starts_with("结转至下")
        || a.starts_with("顺延到下")
        || a.starts_with("顺延至下")
        || a.starts_with("转入下")
        || b.contains("结转下年")
        || b.contains("结转到下")
    {
        return Some(Metric::CarryNext);
    }
    if b.contains("上年结转")
        || b.contains("上年度结转")
        || b.contains("上一年度结转")
        || b.contains("上年度转结")
    {
        return Some(Metric::Carried);
    }
    if b.contains("行政复议") && !b.contains("行政诉讼") {
        return Some(Metric::Review);
    }
    if b.contains("行政诉讼") && !b.contains("行政复议") {
        return Some(Metric::Litigation);
    }
    if b.ends_with("不予公开") {
        return Some(Metric::Denied);
    }
    if let Some(head) = b.strip_suffix("部分公开") {
        let both = ["予以公开", "全部公开", "全部"].iter().any(|g| {
            ["及", "和", "、", "或", "与"]
                .iter()
                .any(|j| head.ends_with(&format!("{g}{j}")))
        });
        if both {
            return Some(Metric::GrantedOrPartial);
        }
    }
    if b.ends_with("部分公开") {
        return Some(Metric::Partial);
    }
    if b.ends_with("予以公开") {
        return Some(Metric::Granted);
    }
    if b.ends_with("无法提供") {
        return Some(Metric::Unable);
    }
    if b.ends_with("不掌握相关政府信息") || b.ends_with("本机关不掌握") {
        return Some(Metric::NotHeld);
    }
    if b.ends_with("不予处理") {
        return Some(Metric::NotProcessed);
    }
    // Other applications (行政许可, 审批) are not requests for information.
    let other_kind = ["许可", "审批", "登记", "注册"]
        .iter()
        .any(|k| b.contains(k));
    let about_requests = (b.contains("申请") || a.starts_with("申请") || a.contains("公开申请"))
        && (b.contains("公开") || a.contains("公开") || (requests && !other_kind));
    if about_requests
        && ["收到", "受理", "新收", "接收", "接到"]
            .iter()
            .any(|k| b.contains(k))
    {
        return Some(Metric::New);
    }
    if ["办结", "答复"].iter().any(|k| {
        b.strip_suffix('了')
            .or_else(|| b.strip_suffix("申请"))
            .unwrap_or(b)
            .ends_with(k)
    }) {
        return Some(Metric::Completed);
    }
    None
}

/// The applicant columns a count can be about: one column of table 三, or
/// the five 法人或其他组织 columns together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applicant {
    Column(usize),
    Organisations,
}

impl Applicant {
    fn columns(self) -> std::ops::Range<usize> {
        match self {
            Applicant::Column(c) => c..c + 1,
            Applicant::Organisations => 1..T3_TOTAL_COL,
        }
    }
    fn name(self) -> (String, String) {
        match self {
            Applicant::Column(c) => (
                format!("“{}”列", TABLE3_COLUMNS[c].label),
                format!("column {}", TABLE3_COLUMNS[c].label),
            ),
            Applicant::Organisations => (
                "“法人或其他组织”各列之和".to_string(),
                "the 法人或其他组织 columns".to_string(),
            ),
        }
    }
}

/// The applicants a clause names as the ones who asked: `自然人申请`,
/// `法人或其他组织提出的`, or an item of a list (`其中自然人 4 件`). A word
/// like 个人 or 法人 elsewhere (`涉及个人隐私`) names no applicant.
fn applicant_of(clause: &str, list_item: bool) -> Option<Applicant> {
    if !list_item && !clause.contains("申请") && !clause.contains("提出") {
        return None;
    }
    if ["法人或其他组织", "法人和其他组织", "法人申请", "法人提出"]
        .iter()
        .any(|w| clause.contains(w))
    {
        return Some(Applicant::Organisations);
    }
    if ["自然人", "公民个人", "个人申请", "公民申请", "公民提出"]
        .iter()
        .any(|w| clause.contains(w))
    {
        return Some(Applicant::Column(0));
    }
    // 其他 is too common a word to name the column.
    (1..T3_TOTAL_COL - 1)
        .find(|&c| clause.contains(TABLE3_COLUMNS[c].label))
        .map(Applicant::Column)
}

/// A row's value in the columns `cols`: its 总计 cell (or the sum of its
/// cells when that is blank), or the sum of the applicant cells named.
fn row_value(r: &Report, key: &str, who: Option<Applicant>) -> Option<(i64, Span)> {
    let row = table3_row(key)?;
    let total = CellRef::T3 {
        row,
        col: T3_TOTAL_COL,
    };
    let sum_of = |cols: std::ops::Range<usize>| -> Option<(i64, Option<Span>)> {
        let mut sum = 0;
        let mut first = None;
        for col in cols {
            match cell_of(r, CellRef::T3 { row, col }) {
                Lookup::Cell(x) => {
                    sum += x.value.addend()?;
                    first.get_or_insert(x.cell.content);
                }
                _ => return None,
            }
        }
        Some((sum, first))
    };
    if let Some(who) = who {
        let (v, span) = sum_of(who.columns())?;
        return Some((v, span?));
    }
    match cell_of(r, total) {
        Lookup::Cell(c) => {
            let span = c.cell.content;
            if let Some(v) = c.value.addend().filter(|_| !c.value.is_blankish()) {
                return Some((v, span));
            }
            sum_of(0..T3_TOTAL_COL).map(|(v, _)| (v, span))
        }
        Lookup::RowMissing | Lookup::Unreadable => None,
    }
}

fn group_value(r: &Report, group: u32, who: Option<Applicant>) -> Option<(i64, Span)> {
    let version = r.table3.as_ref()?.version;
    let mut sum = 0;
    let mut span = None;
    for d in TABLE3_ROWS
        .iter()
        .filter(|d| d.group == Some(group) && d.in_version(version))
    {
        let (v, s) = row_value(r, d.key, who)?;
        sum += v;
        span.get_or_insert(s);
    }
    Some((sum, span?))
}

fn review_group(r: &Report, g: usize) -> Option<(i64, Span)> {
    let mut parts = 0;
    for col in g * 5..g * 5 + 4 {
        match cell_of(r, CellRef::T4 { col }) {
            Lookup::Cell(c) => parts += c.value.addend()?,
            _ => return None,
        }
    }
    match cell_of(r, CellRef::T4 { col: g * 5 + 4 }) {
        Lookup::Cell(c) => Some((parts.max(c.value.addend().unwrap_or(0)), c.cell.content)),
        _ => None,
    }
}

fn table_value(r: &Report, m: Metric, who: Option<Applicant>) -> Option<(i64, Span)> {
    match m {
        Metric::New => row_value(r, "new", who),
        Metric::Completed => row_value(r, "total", who),
        Metric::Granted => row_value(r, "granted", who),
        Metric::GrantedOrPartial => {
            let (a, span) = row_value(r, "granted", who)?;
            let (b, _) = row_value(r, "partial", who)?;
            Some((a + b, span))
        }
        Metric::Partial => row_value(r, "partial", who),
        Metric::Denied => group_value(r, 3, who),
        Metric::Unable => group_value(r, 4, who),
        Metric::NotHeld => row_value(r, "unable1", who),
        Metric::NotProcessed => group_value(r, 5, who),
        Metric::Carried => row_value(r, "carried", who),
        Metric::CarryNext => row_value(r, "carry-next", who),
        Metric::Review | Metric::Litigation if who.is_some() => None,
        Metric::Review => review_group(r, 0),
        Metric::Litigation => {
            let (a, s) = review_group(r, 1)?;
            let (b, _) = review_group(r, 2)?;
            Some((a + b, s))
        }
    }
}

/// Whether a sentence is about another year than the report's.
fn other_year(r: &Report, sentence: &str) -> bool {
    let Some(y) = r.year else { return false };
    // Every `YYYY年` (digits, optional spaces, 年) naming another year.
    let b = sentence.as_bytes();
    sentence.match_indices('年').any(|(p, _)| {
        let mut e = p;
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
        e >= 4
            && b[e - 4..e].iter().all(u8::is_ascii_digit)
            && (e == 4 || !b[e - 5].is_ascii_digit())
            && sentence[e - 4..e]
                .parse::<i32>()
                .is_ok_and(|x| x != y && (2000..2100).contains(&x))
    })
}

fn mismatch(
    span: Span,
    said: (&str, &str),
    (m, who): (Metric, Option<Applicant>),
    value: i64,
    at: Span,
) -> Diagnostic {
    let (name, name_en) = m.name();
    let (name, name_en) = match who {
        // `表三“（七）总计”“自然人”列`: the row's name without 总计.
        Some(w) => {
            let (col, col_en) = w.name();
            let zh = if let Some(group) = name.strip_suffix("各项合计") {
                format!("{group}各项{col}合计")
            } else {
                format!("{}行{col}", name.strip_suffix("总计").unwrap_or(name))
            };
            (zh, format!("{name_en}, {col_en}"))
        }
        None => (name.to_string(), name_en.to_string()),
    };
    let (said, said_en) = said;
    Diagnostic::new(
        META.name,
        META.severity,
        span,
        Msg::new(
            format!("正文{said}，但{name}为 {value}"),
            format!("the text says {said_en}, but {name_en} is {value}"),
        ),
    )
    .with_related(
        at,
        Msg::new(format!("{name}：{value}"), format!("{name_en}: {value}")),
    )
}

pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    if r.table3.is_none() && r.table4.is_none() {
        return;
    }
    for (span, sentences) in prose::paragraphs(r.prose()) {
        let text = r.text(span);
        let line = sentences.first().map_or(0, |s| s.line);
        // Headings are in line order: the last one before the paragraph by
        // a binary search (a scan per paragraph is quadratic in long texts).
        let in_section_3 = r.sections[..r.sections.partition_point(|h| h.line < line)]
            .last()
            .is_some_and(|h| h.matched == Some(3));
        // Or under the item of 一 about requests (`（二）依申请公开`).
        let in_request_item = r.subsections[..r.subsections.partition_point(|h| h.line < line)]
            .last()
            .is_some_and(|h| r.text(h.title).contains("依申请"));
        let requests =
            in_section_3 || in_request_item || text.contains("信息公开") || text.contains("依申请");
        let inherited = inherited_metrics(r, span, sentences, requests);
        let mut index = 0;
        for sent in sentences {
            let first = index;
            index += sent.counts.len();
            let sentence = r.text(sent.span);
            if other_year(r, sentence) {
                continue;
            }
            let mut seen: Vec<(Metric, Option<Applicant>)> = Vec::new();
            for (k, c) in sent.counts.iter().enumerate() {
                if c.approximate {
                    continue;
                }
                let inherited = inherited[first + k];
                let classified = classify(c, requests);
                // Most counts are about something else: no applicant to name.
                if classified.is_none() && inherited.is_none() {
                    continue;
                }
                let who = applicant_of(&c.before, inherited.is_some());
                // `其中自然人 4 件`: an applicant item of a list is about its total.
                let Some(m) = classified.or_else(|| who.and(inherited)) else {
                    continue;
                };
                // The first figure of a kind in a sentence is the claim; the
                // rest are usually breakdowns.
                if seen.contains(&(m, who)) {
                    continue;
                }
                seen.push((m, who));
                check_count(r, sentence, c, (m, who), out);
            }
            if sentence.contains("复议") || sentence.contains("诉讼") || sentence.contains("申请")
            {
                none_statements(r, sent.span, sentence, out);
            }
        }
    }
}

/// For each count of a paragraph, the metric of the list total it is an
/// item of.
fn inherited_metrics(
    cx: &Ctx,
    span: Span,
    sentences: &[prose::Sentence],
    requests: bool,
) -> Vec<Option<Metric>> {
    let n = sentences.iter().map(|s| s.counts.len()).sum();
    let mut out = vec![None; n];
    // Lists start at `其中`: most paragraphs have none, and need no copy of
    // their counts in one slice.
    if n < 2 || !cx.text(span).contains("其中") {
        return out;
    }
    // Shared with narrative-sum, which reads the same lists.
    let shared = cx.lists(span, sentences);
    let counts = &shared.counts;
    for list in &shared.lists {
        let Some(m) = classify(&counts[list.total], requests) else {
            continue;
        };
        for item in &list.items {
            out[item.count] = Some(m);
        }
    }
    out
}

/// Whether count `c` states the number its phrase names in tables 三 and 四
/// (`全年受理申请 35 件` and 本年新收 35): this year's figure, whatever year
/// the sentence puts it in (stale-year asks).
pub(crate) fn states_table_value(r: &Report, c: &prose::Count, requests: bool) -> bool {
    if c.approximate || c.value == 0 {
        return false;
    }
    let Some(m) = classify(c, requests) else {
        return false;
    };
    let who = applicant_of(&c.before, false);
    table_value(r, m, who).is_some_and(|(v, _)| v == c.value)
}

fn check_count(
    r: &Report,
    sentence: &str,
    c: &prose::Count,
    (m, who): (Metric, Option<Applicant>),
    out: &mut Vec<Diagnostic>,
) {
    let Some((v, at)) = table_value(r, m, who) else {
        return;
    };
    // "收到申请 5 件（含上年结转 2 件）" counts both rows, when the sentence
    // says so: a sentence that only balances itself (`收到 25 件，办结 24 件，
    // 结转 1 件`) does not excuse a number the table contradicts.
    let says_carried = [
        "上年结转",
        "上年度结转",
        "上一年度结转",
        "含结转",
        "包括结转",
    ]
    .iter()
    .any(|w| sentence.contains(w));
    let with_carried = m == Metric::New
        && says_carried
        && table_value(r, Metric::Carried, who).is_some_and(|(k, _)| v + k == c.value);
    if v == c.value || with_carried {
        return;
    }
    let fix = Fix::unsafe_(
        Msg::new(
            format!("改为表格中的 {v}"),
            format!("change to the table's {v}"),
        ),
        vec![Edit {
            span: c.span,
            text: v.to_string(),
        }],
    );
    let (zh, en) = (
        format!("写的是 {} {}", c.value, c.unit),
        format!("{} {}", c.value, c.unit),
    );
    out.push(mismatch(c.span, (&zh, &en), (m, who), v, at).with_fix(fix));
}

/// "没有因政府信息公开申请行政复议、提起行政诉讼", "未收到政府信息公开申请".
fn none_statements(r: &Report, s: Span, sentence: &str, out: &mut Vec<Diagnostic>) {
    const NEGATIONS: [&str; 10] = [
        "没有",
        "未发生",
        "未出现",
        "未收到",
        "未接到",
        "未受理",
        "均未",
        "不存在",
        "无",
        "未",
    ];
    // The first negation in the sentence, the longest where several start
    // at one place. Every negation starts with one of these characters.
    let found = sentence
        .char_indices()
        .filter(|(_, c)| matches!(c, '没' | '未' | '均' | '不' | '无'))
        .find_map(|(p, _)| {
            let rest = &sentence[p..];
            NEGATIONS
                .iter()
                .filter(|n| rest.starts_with(**n))
                .filter(|n| {
                    let next = rest[n.len()..].chars().next();
                    // 无法提供, 未经复议: not a negation of the event.
                    !((**n == "无" && next.is_some_and(|c| "法论需偿".contains(c)))
                        || (**n == "未" && next.is_some_and(|c| "经能按".contains(c))))
                })
                .max_by_key(|n| n.len())
                .map(|n| (p, *n))
        });
    let Some((neg_at, neg)) = found else {
        return;
    };
    let rest = &sentence[neg_at..];
    if rest.chars().any(|c| c.is_ascii_digit()) {
        return;
    }
    let mut claims: Vec<(Metric, usize)> = Vec::new();
    if let Some(p) = rest.find("行政复议") {
        claims.push((Metric::Review, p + "行政复议".len()));
    }
    if let Some(p) = rest.find("行政诉讼") {
        claims.push((Metric::Litigation, p + "行政诉讼".len()));
    }
    let after_neg = &rest[neg.len()..];
    let receive = ["收到", "接到", "受理"]
        .iter()
        .any(|k| neg.ends_with(k) || after_neg.starts_with(k));
    if claims.is_empty() && receive && rest.contains("申请") && rest.contains("公开") {
        claims.push((
            Metric::New,
            rest.find("申请")
                .map(|p| p + "申请".len())
                .unwrap_or(rest.len()),
        ));
    }
    for (m, end) in claims {
        let Some((v, at)) = table_value(r, m, None) else {
            continue;
        };
        if v > 0 {
            let span = Span::new(s.start + neg_at, s.start + neg_at + end);
            let (zh, en) = match m {
                Metric::New => ("说没有收到政府信息公开申请", "that no request was received"),
                Metric::Review => (
                    "说没有政府信息公开行政复议",
                    "that there was no administrative review",
                ),
                _ => ("说没有政府信息公开行政诉讼", "that there was no lawsuit"),
            };
            out.push(mismatch(span, (zh, en), (m, None), v, at));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::{check, check_cases};
    use expect_test::expect;

    fn report(text: &str, new_total: u32, review: [u32; 5]) -> String {
        let mut s = format!(
            "某镇2020年政府信息公开工作年度报告\n一、总体情况\n{text}\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
        );
        s.push_str(&format!(
            "一、本年新收政府信息公开申请数量\t{new_total}\t0\t0\t0\t0\t0\t{new_total}\n"
        ));
        s.push_str("二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n");
        s.push_str(&format!(
            "三、本年度办理结果\t（一）予以公开\t{new_total}\t0\t0\t0\t0\t0\t{new_total}\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0\n"
        ));
        s.push_str(&format!("（七）总计\t{new_total}\t0\t0\t0\t0\t0\t{new_total}\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n"));
        s.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\n");
        let r: Vec<String> = review.iter().map(|x| x.to_string()).collect();
        s.push_str(&format!("{}\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n", r.join("\t")));
        s
    }

    #[test]
    fn received_count_against_table() {
        let src = report(
            "2020年，区政府办公室收到1件政府信息公开申请，目前已按照相关程序进行答复。",
            0,
            [0; 5],
        );
        check(
            &src,
            "narrative-mismatch",
            expect![[r#"
            3:15 warning [narrative-mismatch] 正文写的是 1 件，但表三“一、本年新收政府信息公开申请数量”总计为 0
                related 6:30 表三“一、本年新收政府信息公开申请数量”总计：0
                fix (Unsafe): 改为表格中的 0
                  @@ -1 +1 @@
                   某镇2020年政府信息公开工作年度报告
                   一、总体情况
                  -2020年，区政府办公室收到1件政府信息公开申请，目前已按照相关程序进行答复。
                  +2020年，区政府办公室收到0件政府信息公开申请，目前已按照相关程序进行答复。
                   三、收到和处理政府信息公开申请情况
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
        "#]],
        );
    }

    #[test]
    fn none_statement_against_review_table() {
        let src = report(
            "收到的政府信息公开申请均予以规范回复没有因政府信息公开申请行政复议、提起行政诉讼的情况发生。",
            0,
            [4, 0, 0, 0, 0],
        );
        check(
            &src,
            "narrative-mismatch",
            expect![[r#"
            3:19 warning [narrative-mismatch] 正文说没有政府信息公开行政复议，但表四“行政复议”总计为 4
                related 14:9 表四“行政复议”总计：4
        "#]],
        );
    }

    #[test]
    fn applicant_counts_are_compared_with_their_column() {
        // 本年新收 自然人 4, 法人 1, 总计 5.
        let table = report("TEXT", 4, [0; 5]).replace(
            "一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4",
            "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t0\t5",
        );
        let cases = [
            "共收到政府信息公开申请 5 件，其中自然人申请 4 件，法人或其他组织申请 1 件。",
            "收到自然人提出的政府信息公开申请 4 件。",
            "共收到政府信息公开申请 5 件，其中自然人申请 3 件，法人或其他组织申请 2 件。",
            "收到商业企业提出的政府信息公开申请 2 件。",
            // 个人 and 法人 that name no applicant.
            "涉及个人隐私不予公开 0 件，涉及企业法人信息不予公开 0 件。",
            "共收到政府信息公开申请 5 件，其中自然人申请 3 件。",
        ]
        .map(|text| (text, table.replace("TEXT", text)));
        check_cases(
            "narrative-mismatch",
            cases,
            expect![[r#"
            ── 共收到政府信息公开申请 5 件，其中自然人申请 4 件，法人或其他组织申请 1 …
            ── 收到自然人提出的政府信息公开申请 4 件。
            ── 共收到政府信息公开申请 5 件，其中自然人申请 3 件，法人或其他组织申请 2 …
            3:25 warning [narrative-mismatch] 正文写的是 3 件，但表三“一、本年新收政府信息公开申请数量”行“自然人”列为 4
                related 6:18 表三“一、本年新收政府信息公开申请数量”行“自然人”列：4
                fix (Unsafe): 改为表格中的 4
                  @@ -1 +1 @@
                   某镇2020年政府信息公开工作年度报告
                   一、总体情况
                  -共收到政府信息公开申请 5 件，其中自然人申请 3 件，法人或其他组织申请 2 件。
                  +共收到政府信息公开申请 5 件，其中自然人申请 4 件，法人或其他组织申请 2 件。
                   三、收到和处理政府信息公开申请情况
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
            3:39 warning [narrative-mismatch] 正文写的是 2 件，但表三“一、本年新收政府信息公开申请数量”行“法人或其他组织”各列之和为 1
                related 6:20 表三“一、本年新收政府信息公开申请数量”行“法人或其他组织”各列之和：1
                fix (Unsafe): 改为表格中的 1
                  @@ -1 +1 @@
                   某镇2020年政府信息公开工作年度报告
                   一、总体情况
                  -共收到政府信息公开申请 5 件，其中自然人申请 3 件，法人或其他组织申请 2 件。
                  +共收到政府信息公开申请 5 件，其中自然人申请 3 件，法人或其他组织申请 1 件。
                   三、收到和处理政府信息公开申请情况
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
            ── 收到商业企业提出的政府信息公开申请 2 件。
            3:19 warning [narrative-mismatch] 正文写的是 2 件，但表三“一、本年新收政府信息公开申请数量”行“商业企业”列为 1
                related 6:20 表三“一、本年新收政府信息公开申请数量”行“商业企业”列：1
                fix (Unsafe): 改为表格中的 1
                  @@ -1 +1 @@
                   某镇2020年政府信息公开工作年度报告
                   一、总体情况
                  -收到商业企业提出的政府信息公开申请 2 件。
                  +收到商业企业提出的政府信息公开申请 1 件。
                   三、收到和处理政府信息公开申请情况
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
            ── 涉及个人隐私不予公开 0 件，涉及企业法人信息不予公开 0 件。
            ── 共收到政府信息公开申请 5 件，其中自然人申请 3 件。
            3:25 warning [narrative-mismatch] 正文写的是 3 件，但表三“一、本年新收政府信息公开申请数量”行“自然人”列为 4
                related 6:18 表三“一、本年新收政府信息公开申请数量”行“自然人”列：4
                fix (Unsafe): 改为表格中的 4
                  @@ -1 +1 @@
                   某镇2020年政府信息公开工作年度报告
                   一、总体情况
                  -共收到政府信息公开申请 5 件，其中自然人申请 3 件。
                  +共收到政府信息公开申请 5 件，其中自然人申请 4 件。
                   三、收到和处理政府信息公开申请情况
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
        "#]],
        );
    }

    #[test]
    fn granted_and_partly_granted_together() {
        // Table: 予以公开 4, 部分公开 0.
        let t = report("TEXT", 4, [0; 5]);
        let cases = [
            "其中予以公开及部分公开 4 件。",
            "全部或部分公开 4 件。",
            "予以公开和部分公开 5 件。",
        ]
        .map(|text| (text, t.replace("TEXT", text)));
        check_cases(
            "narrative-mismatch",
            cases,
            expect![[r#"
            ── 其中予以公开及部分公开 4 件。
            ── 全部或部分公开 4 件。
            ── 予以公开和部分公开 5 件。
            3:11 warning [narrative-mismatch] 正文写的是 5 件，但表三“（一）予以公开”与“（二）部分公开”总计之和为 4
                related 8:31 表三“（一）予以公开”与“（二）部分公开”总计之和：4
                fix (Unsafe): 改为表格中的 4
                  @@ -1 +1 @@
                   某镇2020年政府信息公开工作年度报告
                   一、总体情况
                  -予以公开和部分公开 5 件。
                  +予以公开和部分公开 4 件。
                   三、收到和处理政府信息公开申请情况
                   （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）→申请人情况
        "#]],
        );
    }

    /// Only the one that says no application came contradicts the table.
    #[test]
    fn negatives_from_real_wording() {
        let cases = [
            "2020 年，共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 0 件，当面申请 0 件），办结 4 件（其中：予以公开 4 件），办结率 100%，0 件结转下年度办理。",
            "2020年，我镇没有接到政府信息依申请公开事项。",
            "今年共收到网上投诉9件，领导信箱21件，均已得到妥善办理。",
            "全年共收到信访求助类信息35条，均已全部办理。",
            "其中政务微博共受理480件，政务抖音发布信息16条。",
            "本年度没有因政府信息公开工作被申请复议、提起行政诉讼情况。",
            "2019年共收到政府信息公开申请12件。",
            "共办理“12345一号通”便民服务平台转办的诉求、意见建议信件20件。",
            "全年共收到政府信息公开申请 4 件（含上年结转 0 件），均已按时答复。",
        ]
        .map(|text| (text, report(text, 4, [0; 5])));
        check_cases(
            "narrative-mismatch",
            cases,
            expect![[r#"
            ── 2020 年，共收到政府信息公开申请 4 件（其中：信函申请 4 件，网上申请 …
            ── 2020年，我镇没有接到政府信息依申请公开事项。
            3:9 warning [narrative-mismatch] 正文说没有收到政府信息公开申请，但表三“一、本年新收政府信息公开申请数量”总计为 4
                related 6:30 表三“一、本年新收政府信息公开申请数量”总计：4
            ── 今年共收到网上投诉9件，领导信箱21件，均已得到妥善办理。
            ── 全年共收到信访求助类信息35条，均已全部办理。
            ── 其中政务微博共受理480件，政务抖音发布信息16条。
            ── 本年度没有因政府信息公开工作被申请复议、提起行政诉讼情况。
            ── 2019年共收到政府信息公开申请12件。
            ── 共办理“12345一号通”便民服务平台转办的诉求、意见建议信件20件。
            ── 全年共收到政府信息公开申请 4 件（含上年结转 0 件），均已按时答复。
        "#]],
        );
    }
}
