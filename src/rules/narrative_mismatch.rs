//! # narrative-mismatch（正文数字与统计表不一致）
//!
//! ## 作用 What it does
//! 读取正文中关于政府信息公开申请的数字，与表三、表四核对：收到/受理 N 件（表三 一、本年新收 总计）、
//! 办结/答复 N 件（（七）总计）、予以公开 / 部分公开 / 不予公开 / 无法提供 / 不予处理 N 件、
//! 本机关不掌握相关政府信息 N 件、上年结转 N 件（二）、N 件结转下年度（四）、行政复议 N 件、
//! 行政诉讼 N 件（表四）。“予以公开及部分公开 N 件”与（一）（二）两行之和比较；
//! 写明申请人类别的件数（“自然人申请 4 件”“其中法人或其他组织 1 件”“商业企业提出的申请 1 件”）与该列
//! （法人或其他组织为五列之和）比较，而不是与总计比较。
//!
//! 还核对与表格矛盾的表述：
//! - “未收到 / 暂未接到 / 没有收到政府信息公开申请”“全年无政府信息公开申请”，而表三“一、本年新收”总计大于 0；
//! - “未发生 / 没有发生 / 没有因政府信息公开申请行政复议、提起行政诉讼”“行政复议、行政诉讼均未发生”，
//!   而表四有案件——行政复议与行政诉讼各自与本组总计比较，只说其一时只核对其一；
//! - 说本年的政府信息公开申请“均已办结 / 已全部办结 / 全部办结完毕 / 全部按时办结 / 均在法定期限内办理完毕”，
//!   而表三“四、结转下年度继续办理”总计大于 0。
//!
//! 段落写的是政府信息公开申请（说到“信息公开”“依申请”，或在“三、收到和处理……”部分、“依申请公开”分项下）时，
//! “收到申请 N 件”即使没写“公开”也按本年新收核对（行政许可、审批等其他申请除外）。
//!
//! Reports numbers stated in the text about requests, reviews and lawsuits
//! that contradict tables 三 and 四, and statements that do: "no request was
//! received" while 本年新收 > 0, "no review / lawsuit" while table 四 has
//! cases (each group on its own), "every request was completed" while
//! 结转下年度继续办理 > 0.
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
//! ```text
//! 2024年共受理政府信息公开申请5件，均已办结。
//! 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1
//! ```
//!
//! ## 修复 Fix
//! 提供把正文数字改为表格数字的不安全修复（也可能是表格错了，请核对后选择）。
//! 与表格矛盾的表述没有自动修复：改写文字，或更正表格。
//!
//! ## 有意不报告 Deliberately not flagged
//! 带“余”“近”“约”的概数；写明其他年份的句子；投诉、信访、建议、提案、留言、咨询、信件、
//! 热线等其他事项的件数；同一句中同一类数字的第二个起（通常是细分）；写明含上年结转的“收到 N 件
//! （含上年结转 2 件）”等于两行之和时（句子本身收支平衡，如“收到 25 件，办结 24 件，结转 1 件”，
//! 不能免去与表格的核对）；不是指申请人的“个人”“法人”（“涉及个人隐私”）。
//!
//! 表述：所比较的表格行读不准时不报告；说的是其他年份或年内一段时间（“2023年……”“上年度”“第一季度”）、
//! 其他事项（人大建议、政协提案、信访、投诉、留言“均已办结”）、一部分（“网上申请”“法人或其他组织的申请”
//! “主动公开方面”“该申请人未申请行政复议”）的；“上年结转的申请均已办结”；否定、条件和要求
//! （“尚未全部办结”“如未收到申请”“确保全部按时办结”“力争不发生行政复议”“排查有无行政复议”）；截至成文时的情况
//! （“截至目前均已办结”“现已办结”）和写明有结转或“其余均已办结”的句子；写明件数且不多于（七）总计的
//! （“办理申请 4 件，均已办结”说的是办结的那些）；行政复议、诉讼的结果
//! （“未发生被纠错”“未发生败诉”）和风险（“未发生行政诉讼风险”）；“均已（按时）答复”“办结率 100%”——答复常指答复的方式和时限，
//! 结转的申请仍在法定期限内，不当作“全部办结”。

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
fn classify(c: &prose::Count, requests: &dyn Fn() -> bool) -> Option<Metric> {
    let b = c.before.as_str();
    let a = c.after.as_str();
    let (bs, as_) = (Chars::of(b), Chars::of(a));
    // Counts of complaints, proposals, rates… are about something else.
    let other = || {
        const OTHER: [&str; 9] = [
            "投诉", "信访", "建议", "提案", "留言", "咨询", "信件", "热线", "率",
        ];
        bs.any(b, &OTHER) || as_.any(a, &OTHER)
    };
    classify_clause((b, bs), (a, as_), requests).filter(|_| !other())
}

/// [`classify`] of the clause before a count (`b`) and after it (`a`), each
/// with its characters.
fn classify_clause(
    (b, bs): (&str, Chars),
    (a, as_): (&str, Chars),
    requests: &dyn Fn() -> bool,
) -> Option<Metric> {
    if a.starts_with("结转下")
        || a.starts_with("结转至下")
        || a.starts_with("顺延到下")
        || a.starts_with("顺延至下")
        || a.starts_with("转入下")
        || bs.has(b, "结转下年")
        || bs.has(b, "结转到下")
    {
        return Some(Metric::CarryNext);
    }
    if bs.any(b, &["上年结转", "上年度结转", "上一年度结转", "上年度转结"]) {
        return Some(Metric::Carried);
    }
    let (review, lawsuit) = (bs.has(b, "行政复议"), bs.has(b, "行政诉讼"));
    if review && !lawsuit {
        return Some(Metric::Review);
    }
    if lawsuit && !review {
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
    let other_kind = bs.any(b, &["许可", "审批", "登记", "注册"]);
    let about_requests = (bs.has(b, "申请") || a.starts_with("申请") || as_.has(a, "公开申请"))
        && (bs.has(b, "公开") || as_.has(a, "公开") || (!other_kind && requests()));
    if about_requests && bs.any(b, &["收到", "受理", "新收", "接收", "接到"]) {
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
    let set = Chars::of(clause);
    if !list_item && !set.has(clause, "申请") && !set.has(clause, "提出") {
        return None;
    }
    if set.any(
        clause,
        &["法人或其他组织", "法人和其他组织", "法人申请", "法人提出"],
    ) {
        return Some(Applicant::Organisations);
    }
    if set.any(
        clause,
        &["自然人", "公民个人", "个人申请", "公民申请", "公民提出"],
    ) {
        return Some(Applicant::Column(0));
    }
    // 其他 is too common a word to name the column.
    (1..T3_TOTAL_COL - 1)
        .find(|&c| set.has(clause, TABLE3_COLUMNS[c].label))
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

/// What a narrative line says that tables 三 and 四 can contradict: the
/// rule's first half, read from the line's text, the report year and (when
/// the line does not say so itself) whether its place in the report is about
/// requests. A claim's places are in bytes from the line's start, so the
/// claims of a line an edit left alone are taken over as they are
/// ([`Claims::after_edit`]); the second half ([`check`]) compares them with
/// the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// `收到申请 5 件`: the digits and the row (and column) they state.
    Count {
        at: Span,
        value: i64,
        unit: char,
        metric: Metric,
        who: Option<Applicant>,
        /// The sentence says the figure includes last year's carried
        /// requests (`含上年结转 2 件`).
        says_carried: bool,
    },
    /// `未收到政府信息公开申请`: the phrase, and the row it says is 0.
    Nothing { at: Span, metric: Metric },
    /// `均已办结`: the phrase, and the count stated before it.
    AllCompleted { at: Span, stated: Option<i64> },
}

/// The claims of one narrative line (its paragraph).
#[derive(Debug, Clone)]
struct LineClaims {
    line: usize,
    /// Whether the line's place made it about requests (section 三, the
    /// item 依申请公开) when it was read; `None`: its reading did not ask.
    context: Option<bool>,
    /// Its claims in [`Claims::all`].
    claims: std::ops::Range<usize>,
}

/// The claims of the narrative, in line order: only the lines that make a
/// claim or whose reading asked where they stand.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    lines: Vec<LineClaims>,
    all: Vec<Claim>,
    /// How many lines were read for this version (the others' claims were
    /// taken over from the previous one).
    pub read: usize,
}

impl Claims {
    /// The claims of every narrative line.
    pub fn read(cx: &Ctx) -> Claims {
        let mut out = Claims::default();
        for (span, sentences) in prose::paragraphs(cx.prose()) {
            out.read_line(cx, span, sentences);
        }
        out
    }

    /// [`Claims::read`] after an edit, given the previous version's claims
    /// (`lint::Carry` has checked that the report year and the narrative
    /// lines outside the edit are the same): the lines the edit left alone
    /// keep theirs, unless their reading asked where they stand and the
    /// answer changed (a heading edited above them); the changed lines
    /// `edit.head..edit.new_tail` are read.
    pub fn after_edit(cx: &Ctx, old: &Claims, edit: &crate::syntax::Edit) -> Claims {
        let mut out = Claims {
            lines: Vec::with_capacity(old.lines.len() + 4),
            all: Vec::with_capacity(old.all.len() + 4),
            read: 0,
        };
        let before = old.lines.partition_point(|l| l.line < edit.head);
        for l in &old.lines[..before] {
            out.keep(cx, l, l.line, &old.all);
        }
        for (span, sentences) in prose::paragraphs_in(cx.prose(), edit.head..edit.new_tail) {
            out.read_line(cx, span, sentences);
        }
        let after = old.lines.partition_point(|l| l.line < edit.old_tail);
        for l in &old.lines[after..] {
            out.keep(cx, l, l.line - edit.old_tail + edit.new_tail, &old.all);
        }
        out
    }

    /// Line `l` of the previous version, now line `line`: its claims, or
    /// the line read again when where it stands says otherwise now.
    fn keep(&mut self, cx: &Ctx, l: &LineClaims, line: usize, all: &[Claim]) {
        if l.context.is_some_and(|was| was != context(cx, line)) {
            for (span, sentences) in prose::paragraphs_in(cx.prose(), line..line + 1) {
                self.read_line(cx, span, sentences);
            }
            return;
        }
        let start = self.all.len();
        self.all.extend_from_slice(&all[l.claims.clone()]);
        self.lines.push(LineClaims {
            line,
            context: l.context,
            claims: start..self.all.len(),
        });
    }

    /// The claims of the paragraph `span` (one line) with its `sentences`.
    fn read_line(&mut self, cx: &Ctx, span: Span, sentences: &[prose::Sentence]) {
        let Some(line) = sentences.first().map(|s| s.line) else {
            return;
        };
        self.read += 1;
        let text = cx.text(span);
        let base = cx.doc.lines.get(line).map_or(span.start, |l| l.inner.start);
        // Whether the paragraph is about requests: its own words, else its
        // place — asked only when it matters, and remembered then.
        let says = std::cell::OnceCell::new();
        let placed = std::cell::OnceCell::new();
        let requests = || {
            *says.get_or_init(|| text.contains("信息公开") || text.contains("依申请"))
                || *placed.get_or_init(|| context(cx, line))
        };
        let start = self.all.len();
        let inherited = inherited_metrics(cx, span, sentences, &requests);
        // Where the words that let a sentence deny something or say all
        // was completed stand, in bytes from the paragraph's start.
        let [cases, negating, completed] = gate_words(text);
        let in_sentence = |hits, s: Span| {
            within(
                hits,
                s.start.saturating_sub(span.start)..s.end.saturating_sub(span.start),
            )
        };
        let mut index = 0;
        for sent in sentences {
            let first = index;
            index += sent.counts.len();
            let sentence = cx.text(sent.span);
            let negations = in_sentence(&negating, sent.span);
            let denies = !negations.is_empty() && !in_sentence(&cases, sent.span).is_empty();
            let all_done = !in_sentence(&completed, sent.span).is_empty();
            // Most sentences state no figure and deny nothing: nothing to
            // claim, whatever year they are about.
            if !(denies || all_done || sent.counts.iter().any(|c| !c.approximate))
                || other_year(cx, sentence)
            {
                continue;
            }
            let mut seen: Vec<(Metric, Option<Applicant>)> = Vec::new();
            for (k, c) in sent.counts.iter().enumerate() {
                if c.approximate {
                    continue;
                }
                let inherited = inherited[first + k];
                let classified = classify(c, &requests);
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
                // "收到申请 5 件（含上年结转 2 件）" counts both rows, when the
                // sentence says so.
                let says_carried = m == Metric::New
                    && [
                        "上年结转",
                        "上年度结转",
                        "上一年度结转",
                        "含结转",
                        "包括结转",
                    ]
                    .iter()
                    .any(|w| sentence.contains(w));
                self.all.push(Claim::Count {
                    at: relative(c.span, base),
                    value: c.value,
                    unit: c.unit,
                    metric: m,
                    who,
                    says_carried,
                });
            }
            if denies {
                let from = sent.span.start.saturating_sub(span.start);
                let starts = negations.iter().map(|p| p.saturating_sub(from));
                for (metric, at) in none_statements(sent.span, sentence, starts) {
                    self.all.push(Claim::Nothing {
                        at: relative(at, base),
                        metric,
                    });
                }
            }
            if all_done
                && let Some((at, stated)) =
                    all_completed(sent.span, sentence, Chars::of(sentence), &requests)
            {
                self.all.push(Claim::AllCompleted {
                    at: relative(at, base),
                    stated,
                });
            }
        }
        let context = placed.get().copied();
        if self.all.len() > start || context.is_some() {
            self.lines.push(LineClaims {
                line,
                context,
                claims: start..self.all.len(),
            });
        }
    }
}

/// What a denial can be about (`未收到申请`, `没有行政复议`).
const CASES: [&str; 3] = ["复议", "诉讼", "申请"];

/// The first characters of the negations [`none_statements`] reads.
const NEGATING: [&str; 5] = ["没", "未", "均", "不", "无"];

/// The words a sentence needs before it is read further, in groups: it
/// may deny requests or cases ([`CASES`], with a character of [`NEGATING`]);
/// it may say all were completed ([`COMPLETED`]).
const GATES: [&[&str]; 3] = [&CASES, &NEGATING, &COMPLETED];

/// Where in `text` the words of each of [`GATES`] start, in order. One
/// vectorized pass for all fifteen words (a packed multi-pattern search),
/// once per paragraph: a `contains` per word and sentence set up a searcher
/// each time, and decoding every character cost more than the search. No
/// two of the words overlap but where they start alike (`办理完毕`,
/// `办理完成`), so the search's matches, which do not overlap, are every
/// start (test: `chars_tests::gates_are_contains`).
fn gate_words(text: &str) -> [Vec<usize>; 3] {
    static SEARCH: std::sync::OnceLock<Option<aho_corasick::packed::Searcher>> =
        std::sync::OnceLock::new();
    // Each word's group, by the search's pattern number.
    let group = |pattern: usize| {
        let mut first = 0;
        GATES
            .iter()
            .position(|g| {
                first += g.len();
                pattern < first
            })
            .unwrap_or(0)
    };
    let mut out = [Vec::new(), Vec::new(), Vec::new()];
    let words = || GATES.iter().flat_map(|g| g.iter());
    match SEARCH.get_or_init(|| aho_corasick::packed::Searcher::new(words())) {
        Some(search) => {
            for m in search.find_iter(text) {
                out[group(m.pattern().as_usize())].push(m.start());
            }
        }
        // No vectorized search on this machine.
        None => return gate_words_one_by_one(text),
    }
    out
}

/// The positions among `hits` (in order) that lie in `range`.
fn within(hits: &[usize], range: std::ops::Range<usize>) -> &[usize] {
    let from = hits.partition_point(|&h| h < range.start);
    let to = from + hits[from..].partition_point(|&h| h < range.end);
    &hits[from..to]
}

/// [`gate_words`] by a search per word.
fn gate_words_one_by_one(text: &str) -> [Vec<usize>; 3] {
    GATES.map(|words| {
        let mut out: Vec<usize> = words
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(i, _)| i))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    })
}

/// `at` in bytes from `base`.
fn relative(at: Span, base: usize) -> Span {
    Span::new(at.start.saturating_sub(base), at.end.saturating_sub(base))
}

/// Whether line `line` stands where the narrative is about requests: in
/// section 三, or under the item of 一 about them (`（二）依申请公开`).
fn context(r: &Report, line: usize) -> bool {
    // Headings are in line order: the last one before the line by a binary
    // search (a scan per paragraph is quadratic in long texts).
    let in_section_3 = r.sections[..r.sections.partition_point(|h| h.line < line)]
        .last()
        .is_some_and(|h| h.matched == Some(3));
    in_section_3
        || r.subsections[..r.subsections.partition_point(|h| h.line < line)]
            .last()
            .is_some_and(|h| r.text(h.title).contains("依申请"))
}

/// The rule's second half: each claim of the narrative ([`Claims`], carried
/// over edits) against tables 三 and 四.
pub fn check(r: &Ctx, out: &mut Vec<Diagnostic>) {
    if r.table3.is_none() && r.table4.is_none() {
        return;
    }
    let claims = r.claims();
    let mut tables = Tables::new(r);
    for l in &claims.lines {
        let Some(base) = r.doc.lines.get(l.line).map(|x| x.inner.start) else {
            continue;
        };
        let at = |s: Span| Span::new(base + s.start, base + s.end);
        for claim in &claims.all[l.claims.clone()] {
            match *claim {
                Claim::Count {
                    at: digits,
                    value,
                    unit,
                    metric,
                    who,
                    says_carried,
                } => {
                    let Some((v, cell)) = tables.value(metric, who) else {
                        continue;
                    };
                    // A sentence that only balances itself (`收到 25 件，办结
                    // 24 件，结转 1 件`) does not excuse a number the table
                    // contradicts; one that says the carried are in does.
                    let with_carried = says_carried
                        && tables
                            .value(Metric::Carried, who)
                            .is_some_and(|(k, _)| v + k == value);
                    if v == value || with_carried {
                        continue;
                    }
                    let digits = at(digits);
                    let fix = Fix::unsafe_(
                        Msg::new(
                            format!("改为表格中的 {v}"),
                            format!("change to the table's {v}"),
                        ),
                        vec![Edit {
                            span: digits,
                            text: v.to_string(),
                        }],
                    );
                    let (zh, en) = (format!("写的是 {value} {unit}"), format!("{value} {unit}"));
                    out.push(mismatch(digits, (&zh, &en), (metric, who), v, cell).with_fix(fix));
                }
                Claim::Nothing { at: phrase, metric } => {
                    let Some((v, cell)) = tables.value(metric, None) else {
                        continue;
                    };
                    if v > 0 {
                        let (zh, en) = match metric {
                            Metric::New => {
                                ("说没有收到政府信息公开申请", "that no request was received")
                            }
                            Metric::Review => (
                                "说没有政府信息公开行政复议",
                                "that there was no administrative review",
                            ),
                            _ => ("说没有政府信息公开行政诉讼", "that there was no lawsuit"),
                        };
                        out.push(mismatch(at(phrase), (zh, en), (metric, None), v, cell));
                    }
                }
                Claim::AllCompleted { at: phrase, stated } => {
                    let Some((v, cell)) = tables.value(Metric::CarryNext, None) else {
                        continue;
                    };
                    // `办理申请 4 件，均已办结`: the ones completed are all
                    // completed, true whatever was carried over.
                    let completed = tables.value(Metric::Completed, None).map(|(n, _)| n);
                    let only_completed = match stated {
                        Some(n) => completed.is_none_or(|done| n <= done),
                        None => false,
                    };
                    if v > 0 && !only_completed {
                        out.push(mismatch(
                            at(phrase),
                            (
                                "说政府信息公开申请均已办结",
                                "that every request was completed",
                            ),
                            (Metric::CarryNext, None),
                            v,
                            cell,
                        ));
                    }
                }
            }
        }
    }
}

/// The tables' values the claims are compared with, each looked up once.
struct Tables<'r, 'a> {
    report: &'r Report<'a>,
    /// By metric, then by applicant: looked up yet, and what was found.
    values: [[Option<Value>; 9]; METRICS],
}

/// A table value and the cell that holds it, if the tables give one.
type Value = Option<(i64, Span)>;

/// How many [`Metric`]s there are.
const METRICS: usize = Metric::Litigation as usize + 1;

impl<'r, 'a> Tables<'r, 'a> {
    fn new(report: &'r Report<'a>) -> Self {
        Tables {
            report,
            values: [[None; 9]; METRICS],
        }
    }
    fn value(&mut self, m: Metric, who: Option<Applicant>) -> Option<(i64, Span)> {
        let slot = match who {
            None => 0,
            Some(Applicant::Organisations) => 1,
            Some(Applicant::Column(c)) => 2 + c.min(6),
        };
        let report = self.report;
        *self.values[m as usize][slot].get_or_insert_with(|| table_value(report, m, who))
    }
}

/// For each count of a paragraph, the metric of the list total it is an
/// item of.
fn inherited_metrics(
    cx: &Ctx,
    span: Span,
    sentences: &[prose::Sentence],
    requests: &dyn Fn() -> bool,
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
    let Some(m) = classify(c, &|| requests) else {
        return false;
    };
    let who = applicant_of(&c.before, false);
    table_value(r, m, who).is_some_and(|(v, _)| v == c.value)
}

/// Where the clause around byte `at` of `sentence` starts and ends: the
/// marks that end a clause, not the 、 of a list (`行政复议、行政诉讼`) nor
/// brackets.
fn clause_around(sentence: &str, at: usize) -> (usize, usize) {
    let stop = |c: char| matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？');
    let start = sentence[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| stop(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let end = sentence[at..]
        .char_indices()
        .find(|&(_, c)| stop(c))
        .map_or(sentence.len(), |(k, _)| at + k);
    (start, end)
}

/// The characters of a short text (a clause, a sentence that passed the
/// gates) as a 128-bit Bloom filter, made in one pass: [`Chars::has`]
/// searches only when every character of the word is in the set, so of the
/// dozens of words such a text is asked for most are ruled out without
/// setting up a searcher (`str::contains` makes one per call). A part of the
/// text may be asked with the whole's set, whose characters include its
/// own. It never says no wrongly (test: `chars_tests::has_is_contains`).
#[derive(Debug, Clone, Copy)]
struct Chars(u128);

impl Chars {
    fn of(text: &str) -> Chars {
        Chars(text.chars().fold(0, |set, c| set | bit(c)))
    }
    /// Whether `text`, whose characters this set holds, contains `word`.
    fn has(self, text: &str, word: &str) -> bool {
        word.chars().all(|c| self.0 & bit(c) != 0) && text.contains(word)
    }
    /// Whether `text` contains one of `words`.
    fn any(self, text: &str, words: &[&str]) -> bool {
        words.iter().any(|w| self.has(text, w))
    }
}

/// A character's bit in [`Chars`] (Fibonacci hashing: the top 7 bits).
fn bit(c: char) -> u128 {
    1 << ((c as u32).wrapping_mul(0x9E37_79B9) >> 25)
}

/// Words that make a statement a wish, a rule or a condition, not a fact
/// of the year: `确保全部办结`, `如未收到申请`.
const NOT_A_FACT: [&str; 15] = [
    "如果",
    "如有",
    "如遇",
    "若有",
    "若未",
    "若无",
    "若没有",
    "倘若",
    "假如",
    "一旦",
    "确保",
    "力争",
    "争取",
    "做到",
    "保证",
];

/// Words that put a statement in another year than the report's, or in
/// part of it (`第一季度未收到申请`).
const NOT_THIS_YEAR: [&str; 9] = [
    "上年",
    "上一年",
    "去年",
    "往年",
    "以前年度",
    "历年",
    "季度",
    "半年",
    "月",
];

/// A part of the requests or cases, not all of them: one channel, one kind
/// of applicant, one kind of disclosure, or one case (`该申请人`).
const A_PART: [&str; 19] = [
    "网上",
    "网络",
    "在线",
    "当面",
    "信函",
    "邮寄",
    "传真",
    "现场",
    "自然人",
    "法人",
    "企业",
    "组织",
    "公民",
    "主动",
    "申请人",
    "其中",
    "部分",
    "其余",
    "其他",
];

/// Whether `text` narrows a statement to [`A_PART`]; `公民、法人或其他组织`
/// names every applicant, not a part.
fn a_part(text: &str, set: Chars) -> bool {
    const EVERYONE: [&str; 6] = [
        "公民、法人或其他组织",
        "公民、法人和其他组织",
        "公民、法人或者其他组织",
        "自然人、法人或其他组织",
        "自然人、法人和其他组织",
        "自然人、法人或者其他组织",
    ];
    if !set.any(text, &A_PART) {
        return false;
    }
    match EVERYONE.iter().find(|e| set.has(text, e)) {
        Some(e) => set.any(&text.replace(e, ""), &A_PART),
        None => true,
    }
}

/// Things other than requests for government information.
const OTHER_MATTERS: [&str; 16] = [
    "建议", "提案", "信访", "投诉", "留言", "咨询", "信件", "来信", "热线", "举报", "诉求", "工单",
    "许可", "审批", "复议", "诉讼",
];

/// "没有因政府信息公开申请行政复议、提起行政诉讼", "未收到政府信息公开申请",
/// "行政复议、行政诉讼均未发生": each negation of the sentence `s`, with what it
/// denies in its clause: each row it says is 0 (once) and the phrase.
///
/// `starts`: where each character of [`NEGATING`] stands in the sentence.
fn none_statements(
    s: Span,
    sentence: &str,
    starts: impl Iterator<Item = usize>,
) -> Vec<(Metric, Span)> {
    let set = Chars::of(sentence);
    const NEGATIONS: [&str; 11] = [
        "没有",
        "未发生",
        "未出现",
        "未收到",
        "未接到",
        "未受理",
        "均未",
        "均无",
        "不存在",
        "无",
        "未",
    ];
    let mut said: Vec<(Metric, Span)> = Vec::new();
    // Every negation starts with a character of `NEGATING`; where several
    // start at one place, the longest.
    for p in starts {
        let Some(rest) = sentence.get(p..) else {
            continue;
        };
        let Some(neg) = NEGATIONS
            .iter()
            .filter(|n| rest.starts_with(**n))
            .filter(|n| {
                let next = rest[n.len()..].chars().next();
                // 无法提供, 无异议, 未经复议, 未能, 未按时: not a denial that
                // something happened.
                !((**n == "无" && next.is_some_and(|c| "法论需偿异".contains(c)))
                    || (**n == "未" && !next.is_some_and(|c| "发出有因被曾引产".contains(c))))
            })
            .max_by_key(|n| n.len())
        else {
            continue;
        };
        // `没有` inside `并没有`… is still a denial; `不是没有`, `并非没有` is not.
        let before = &sentence[..p];
        // `如未收到申请`, `若无复议`: a condition; `有无`, `有没有`: a question.
        if before.ends_with("不是")
            || before.ends_with("非")
            || before.ends_with('如')
            || before.ends_with('若')
            || before.ends_with('有')
        {
            continue;
        }
        let (start, end) = clause_around(sentence, p);
        let head = &sentence[start..p];
        let scope = &sentence[p..end];
        if scope.bytes().any(|b| b.is_ascii_digit())
            || head.bytes().any(|b| b.is_ascii_digit())
            || set.any(head, &NOT_A_FACT)
            || set.any(head, &NOT_THIS_YEAR)
            || set.any(scope, &NOT_THIS_YEAR)
        {
            continue;
        }
        for (m, at) in denied((before, head, scope), neg, set) {
            if said.iter().any(|(was, _)| *was == m) {
                continue;
            }
            let span = Span::new(s.start + start + at.start, s.start + start + at.end);
            said.push((m, span));
        }
    }
    said
}

/// What the negation `neg`, at the start of `scope` and after `head` in
/// its clause (`before` in its sentence), says did not happen: each metric with the phrase that says
/// so, in bytes from the clause's start.
fn denied(
    (before, head, scope): (&str, &str, &str),
    neg: &str,
    set: Chars,
) -> Vec<(Metric, std::ops::Range<usize>)> {
    let base = head.len();
    let mut out = Vec::new();
    // 纠错, 败诉: a result of cases denied, not the cases; 风险: cases that
    // might come.
    const RESULTS: [&str; 11] = [
        "纠错", "纠正", "败诉", "撤销", "改变", "违法", "责令", "维持", "决定", "风险", "隐患",
    ];
    let about_cases = !set.any(head, &RESULTS)
        && !set.any(scope, &RESULTS)
        && !a_part(before, set)
        && !a_part(scope, set);
    // `没有[因……]行政复议`: the cases after the negation, with nothing
    // between that makes them another thing (`没有按时答复的……`).
    let after = |key: &str| {
        let p = scope.find(key)?;
        let gap = &scope[neg.len()..p];
        (!set.any(gap, &["答复", "按时", "及时", "处理", "办理"]))
            .then_some(base..base + p + key.len())
    };
    // `行政复议、行政诉讼均未发生`: the cases before a negation that ends the
    // clause but for a verb.
    let verb_only = matches!(
        &scope[neg.len()..],
        "" | "发生" | "发生过" | "出现" | "出现过" | "发生此类情况" | "发生相关情况"
    );
    let ahead = |key: &str| {
        let p = head.find(key)?;
        (verb_only && !set.any(head, &OTHER_MATTERS[..14])).then_some(p..base + scope.len())
    };
    if about_cases {
        let review = after("行政复议")
            .or_else(|| after("复议"))
            .or_else(|| ahead("行政复议"))
            .or_else(|| ahead("复议"));
        if let Some(at) = review {
            out.push((Metric::Review, at));
        }
        let litigation = after("行政诉讼")
            .or_else(|| after("提起诉讼"))
            .or_else(|| ahead("行政诉讼"));
        if let Some(at) = litigation.filter(|_| !scope.contains("公益诉讼")) {
            out.push((Metric::Litigation, at));
        }
    }
    if !out.is_empty() || scope.contains("复议") || scope.contains("诉讼") {
        return out;
    }
    // `未收到政府信息公开申请`, `没有接到政府信息依申请公开事项`.
    let after_neg = scope[neg.len()..].trim_start_matches(['曾', '再', '有']);
    let receive = ["收到", "接到", "受理", "接收"]
        .iter()
        .any(|k| neg.ends_with(k) || after_neg.starts_with(k));
    let Some(p) = scope.find("申请") else {
        return out;
    };
    let object = &scope[..p];
    let tail = &scope[p + "申请".len()..];
    // `全年无政府信息公开申请`: no verb, and nothing but the requests denied.
    let bare = matches!(neg, "无" | "没有" | "均无")
        && object[neg.len()..]
            .chars()
            .all(|c| "政府信息公开依".contains(c))
        && matches!(
            tail,
            "" | "事项" | "情况" | "的情况" | "公开事项" | "公开情况" | "公开的情况"
        );
    let about_requests = (receive || bare)
        && scope.contains("公开")
        && !a_part(before, set)
        && !a_part(scope, set)
        && !set.any(object, &OTHER_MATTERS)
        // `申请人的投诉`, `申请的答复`: something about a request.
        && !tail.starts_with('人')
        && !set.any(tail, &["答复", "回复", "告知", "投诉", "举报", "费", "材料", "补正"]);
    if about_requests {
        out.push((Metric::New, base..base + p + "申请".len()));
    }
    out
}

/// Words that say requests were completed.
const COMPLETED: [&str; 6] = [
    "办结",
    "办理完毕",
    "处理完毕",
    "办理完成",
    "处理完成",
    "答复完毕",
];

/// "全年受理政府信息公开申请 5 件，均已办结" while table 三 carries
/// requests to next year: the text says every request of the year was
/// completed. `均已答复` is not read as such a claim: 答复 is said of how
/// requests were answered (`依法答复`, `按时答复`), and the carried ones are
/// still within their time limit.
/// The claim's phrase, and the count stated before it.
fn all_completed(
    s: Span,
    sentence: &str,
    set: Chars,
    requests: &dyn Fn() -> bool,
) -> Option<(Span, Option<i64>)> {
    // The sentence itself speaks of requests still open, or of completion
    // by the time of writing (`截至目前均已办结`) rather than at the year's end.
    const OPEN_OR_LATER: [&str; 16] = [
        "结转下",
        "结转至下",
        "结转到下",
        "转入下",
        "顺延",
        "下年度继续",
        "正在办理",
        "尚在办理",
        "仍在办理",
        "在办",
        "目前",
        "至今",
        "现已",
        "截至发稿",
        "截至本报告",
        "除",
    ];
    if set.any(sentence, &OPEN_OR_LATER) || set.any(sentence, &NOT_A_FACT) {
        return None;
    }
    for word in COMPLETED {
        for (p, _) in sentence.match_indices(word) {
            let end = p + word.len();
            // 办结率, 办结时限, 办结期限: a rate or a time, not a claim.
            if sentence[end..]
                .chars()
                .next()
                .is_some_and(|c| "率时期".contains(c))
            {
                continue;
            }
            let (start, _) = clause_around(sentence, p);
            let head = &sentence[start..p];
            let Some((q, between)) = quantifier(head) else {
                continue;
            };
            // `均未办结`, `全部没有办结`, `尚未全部办结`: not a claim of all.
            let negated = |t: &str| t.contains(['未', '没', '不', '尚', '非', '无']);
            if negated(between) || negated(&head[..q]) || between.chars().count() > 20 {
                continue;
            }
            let subject = subject_of(&sentence[..start + q]) + between;
            let about_requests = subject.contains("申请")
                && (subject.contains("公开") || requests())
                && !set.any(&subject, &OTHER_MATTERS)
                && !a_part(&subject, set)
                && !set.any(&subject, &NOT_THIS_YEAR)
                // `结转的申请均已办结`: the carried ones, not the year's.
                && !subject.contains("结转");
            if !about_requests {
                continue;
            }
            // `办理申请 4 件，均已办结` is said of the ones completed (the
            // second half compares it with (七)).
            let stated = prose::counts(&subject, 0)
                .into_iter()
                .find(|c| !c.approximate)
                .map(|c| c.value);
            return Some((Span::new(s.start + start + q, s.start + end), stated));
        }
    }
    None
}

/// The quantifier of `head` (the clause before 办结) that says all: its
/// byte offset and the words between it and 办结 (`均已按时`, `全部`).
fn quantifier(head: &str) -> Option<(usize, &str)> {
    const ALL: [&str; 6] = ["均", "全部", "全都", "都", "悉数", "全数"];
    let (q, w) = ALL
        .iter()
        .filter_map(|w| head.rfind(w).map(|q| (q, *w)))
        .max_by_key(|&(q, _)| q)?;
    // 平均, 人均: not "all".
    if w == "均" && (head[..q].ends_with('平') || head[..q].ends_with('人')) {
        return None;
    }
    Some((q, &head[q + w.len()..]))
}

/// What a claim at the end of `before` is about: its clause before the
/// claim, and when that names nothing (`……5 件，均已办结`) the clause before
/// it, without bracketed asides (`（含上年结转 1 件）`).
fn subject_of(before: &str) -> String {
    let mut plain = String::with_capacity(before.len());
    let mut depth = 0usize;
    for c in before.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut clauses = plain
        .split(['，', ',', '；', ';', '：', ':', '。'])
        .rev()
        .map(str::trim);
    let last = clauses.next().unwrap_or("");
    if last.contains("申请") {
        return last.to_string();
    }
    let previous = clauses.find(|c| !c.is_empty()).unwrap_or("");
    format!("{previous}{last}")
}

#[cfg(test)]
mod chars_tests {
    use super::*;

    /// Words the rule asks texts for, and characters among them.
    fn words() -> Vec<&'static str> {
        let more = [
            "复议",
            "诉讼",
            "申请",
            "行政复议",
            "公开申请",
            "法人或其他组织",
            "办理完毕",
            "答复",
            "没有",
            "不存在",
            "均无",
            "，",
            "0",
            "a",
        ];
        [
            &NOT_A_FACT[..],
            &NOT_THIS_YEAR,
            &A_PART,
            &OTHER_MATTERS,
            &COMPLETED,
            &NEGATING,
            &more,
        ]
        .concat()
    }

    proptest::proptest! {
        /// A text made of pieces of those words (so that they, or all of
        /// their characters, are often in it), any part of it asked with
        /// the whole's set: `has` is `contains`.
        #[test]
        fn has_is_contains(
            pieces in proptest::collection::vec((0usize..200, 0usize..3), 0..12),
            cut in (0usize..64, 0usize..64),
            word in 0usize..200,
        ) {
            let words = words();
            let mut text = String::new();
            for (w, how) in pieces {
                let w = words[w % words.len()];
                match how {
                    0 => text.push_str(w),
                    1 => text.extend(w.chars().rev()),
                    _ => text.extend(w.chars().take(1)),
                }
            }
            let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let (a, b) = (chars[cut.0 % chars.len()], chars[cut.1 % chars.len()]);
            let part = &text[a.min(b)..a.max(b)];
            let word = words[word % words.len()];
            let set = Chars::of(&text);
            proptest::prop_assert_eq!(set.has(part, word), part.contains(word), "{:?} in {:?}", word, part);
        }
    }

    proptest::proptest! {
        /// The one search over a paragraph finds every start of a word of
        /// each gate (texts made of pieces of the words, ASCII and astral
        /// characters among them).
        #[test]
        fn gates_are_contains(
            pieces in proptest::collection::vec((0usize..200, 0usize..4), 0..16),
        ) {
            let words = words();
            let mut text = String::new();
            for (w, how) in pieces {
                let w = words[w % words.len()];
                match how {
                    0 => text.push_str(w),
                    1 => text.extend(w.chars().rev()),
                    2 => text.push('𠀀'),
                    _ => text.extend(w.chars().take(1)),
                }
            }
            let starts = |group: &[&str]| -> Vec<usize> {
                text.char_indices()
                    .map(|(i, _)| i)
                    .filter(|&i| group.iter().any(|w| text[i..].starts_with(w)))
                    .collect()
            };
            let want = GATES.map(starts);
            proptest::prop_assert_eq!(&gate_words(&text), &want, "{:?}", text);
            proptest::prop_assert_eq!(&gate_words_one_by_one(&text), &want, "{:?}", text);
        }
    }

    /// Most words are ruled out without a search: a sentence of the
    /// narrative has few of their characters.
    #[test]
    fn most_words_are_ruled_out() {
        let sentence = "2024年，本机关共主动公开政府信息 120 条，其中规范性文件 3 件。";
        let set = Chars::of(sentence);
        let words = words();
        let passed = words
            .iter()
            .filter(|w| w.chars().all(|c| set.0 & bit(c) != 0))
            .count();
        let found = words.iter().filter(|w| sentence.contains(**w)).count();
        assert!(
            passed <= found + words.len() / 8,
            "{passed} of {} pass, {found} found",
            words.len()
        );
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

    /// A report whose table 三 receives `new` requests and carries `carry`
    /// of them to next year, and whose table 四 row is `t4` (15 cells).
    fn carrying(text: &str, new: u32, carry: u32, t4: [u32; 15]) -> String {
        let done = new - carry;
        let row = |label: &str, v: u32| format!("{label}\t{v}\t0\t0\t0\t0\t0\t{v}\n");
        let mut s = format!(
            "某镇2020年政府信息公开工作年度报告\n一、总体情况\n{text}\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
        );
        s.push_str(&row("一、本年新收政府信息公开申请数量", new));
        s.push_str(&row("二、上年结转政府信息公开申请数量", 0));
        s.push_str(&row("三、本年度办理结果\t（一）予以公开", done));
        s.push_str(&row("（七）总计", done));
        s.push_str(&row("四、结转下年度继续办理", carry));
        s.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\n");
        let t4: Vec<String> = t4.iter().map(u32::to_string).collect();
        s.push_str(&t4.join("\t"));
        s.push('\n');
        s
    }

    /// "均已办结" of the year's requests while table 三 carries 1 to next
    /// year; the same words of other things, other years, the carried
    /// requests, in a wish or a denial, or as of the time of writing are
    /// not a claim about the year's requests.
    #[test]
    fn all_completed_while_requests_carry_over() {
        let cases = [
            "2020年，共受理政府信息公开申请5件，均已办结。",
            "本机关收到的政府信息公开申请已全部办结完毕。",
            "全年共收到政府信息公开申请 5 件（含上年结转 0 件），全部按时办结。",
            "对收到的依申请公开事项，均在法定期限内办理完毕。",
            "全年共收到政府信息公开申请5件。全部申请已于法定期限内办结。",
            // Not flagged.
            "全年共办理政府信息公开申请 4 件，均已办结。",
            "人大代表建议和政协委员提案均已办结。",
            "全年共受理群众留言 35 条，均已办结。",
            "2019年收到的政府信息公开申请均已办结。",
            "上年结转的政府信息公开申请均已办结。",
            "除 1 件结转下年度继续办理外，其余政府信息公开申请均已办结。",
            "收到的政府信息公开申请尚未全部办结。",
            "收到的政府信息公开申请均未办结。",
            "确保政府信息公开申请全部按时办结。",
            "如遇重大敏感申请，报领导审定后全部办结。",
            "收到的政府信息公开申请均已按时答复。",
            "截至目前，上述政府信息公开申请均已办结。",
            "网上提交的政府信息公开申请均已办结。",
            "政府信息公开申请按时办结率 100%。",
        ]
        .map(|text| (text, carrying(text, 5, 1, [0; 15])));
        check_cases(
            "narrative-mismatch",
            cases,
            expect![[r#"
                ── 2020年，共受理政府信息公开申请5件，均已办结。
                3:21 warning [narrative-mismatch] 正文说政府信息公开申请均已办结，但表三“四、结转下年度继续办理”总计为 1
                    related 10:25 表三“四、结转下年度继续办理”总计：1
                ── 本机关收到的政府信息公开申请已全部办结完毕。
                3:16 warning [narrative-mismatch] 正文说政府信息公开申请均已办结，但表三“四、结转下年度继续办理”总计为 1
                    related 10:25 表三“四、结转下年度继续办理”总计：1
                ── 全年共收到政府信息公开申请 5 件（含上年结转 0 件），全部按时办结。
                3:30 warning [narrative-mismatch] 正文说政府信息公开申请均已办结，但表三“四、结转下年度继续办理”总计为 1
                    related 10:25 表三“四、结转下年度继续办理”总计：1
                ── 对收到的依申请公开事项，均在法定期限内办理完毕。
                3:13 warning [narrative-mismatch] 正文说政府信息公开申请均已办结，但表三“四、结转下年度继续办理”总计为 1
                    related 10:25 表三“四、结转下年度继续办理”总计：1
                ── 全年共收到政府信息公开申请5件。全部申请已于法定期限内办结。
                3:17 warning [narrative-mismatch] 正文说政府信息公开申请均已办结，但表三“四、结转下年度继续办理”总计为 1
                    related 10:25 表三“四、结转下年度继续办理”总计：1
                ── 全年共办理政府信息公开申请 4 件，均已办结。
                ── 人大代表建议和政协委员提案均已办结。
                ── 全年共受理群众留言 35 条，均已办结。
                ── 2019年收到的政府信息公开申请均已办结。
                ── 上年结转的政府信息公开申请均已办结。
                ── 除 1 件结转下年度继续办理外，其余政府信息公开申请均已办结。
                ── 收到的政府信息公开申请尚未全部办结。
                ── 收到的政府信息公开申请均未办结。
                ── 确保政府信息公开申请全部按时办结。
                ── 如遇重大敏感申请，报领导审定后全部办结。
                ── 收到的政府信息公开申请均已按时答复。
                ── 截至目前，上述政府信息公开申请均已办结。
                ── 网上提交的政府信息公开申请均已办结。
                ── 政府信息公开申请按时办结率 100%。
            "#]],
        );
    }

    /// The same claims where the table carries nothing over are true.
    #[test]
    fn all_completed_when_nothing_carries_over() {
        let text = "2020年，共受理政府信息公开申请5件，均已办结。";
        check(
            &carrying(text, 5, 0, [0; 15]),
            "narrative-mismatch",
            expect![[r#""#]],
        );
    }

    /// "未收到政府信息公开申请" while table 三 received 4; what is not that
    /// claim: another year or part of it, one channel or kind of applicant,
    /// complaints, a condition, a denial in another clause.
    #[test]
    fn no_requests_while_the_table_has_some() {
        let cases = [
            "2020年，本机关未收到政府信息公开申请。",
            "本年度暂未接到政府信息公开申请。",
            "全年没有收到公民、法人或其他组织提出的政府信息公开申请。",
            "全年无政府信息公开申请。",
            // Not flagged.
            "2019年未收到政府信息公开申请。",
            "上年度未收到政府信息公开申请。",
            "第一季度未收到政府信息公开申请。",
            "网上未收到政府信息公开申请。",
            "未收到法人或其他组织提出的政府信息公开申请。",
            "全年未收到关于政府信息公开工作的投诉举报。",
            "未收到对政府信息公开申请答复的投诉。",
            "如未收到政府信息公开申请，应在报告中说明。",
            "本机关未收到群众投诉，政府信息公开申请均按时答复。",
            "全年无不予公开的政府信息公开申请。",
        ]
        .map(|text| (text, carrying(text, 4, 0, [0; 15])));
        check_cases(
            "narrative-mismatch",
            cases,
            expect![[r#"
            ── 2020年，本机关未收到政府信息公开申请。
            3:10 warning [narrative-mismatch] 正文说没有收到政府信息公开申请，但表三“一、本年新收政府信息公开申请数量”总计为 4
                related 6:30 表三“一、本年新收政府信息公开申请数量”总计：4
            ── 本年度暂未接到政府信息公开申请。
            3:5 warning [narrative-mismatch] 正文说没有收到政府信息公开申请，但表三“一、本年新收政府信息公开申请数量”总计为 4
                related 6:30 表三“一、本年新收政府信息公开申请数量”总计：4
            ── 全年没有收到公民、法人或其他组织提出的政府信息公开申请。
            3:3 warning [narrative-mismatch] 正文说没有收到政府信息公开申请，但表三“一、本年新收政府信息公开申请数量”总计为 4
                related 6:30 表三“一、本年新收政府信息公开申请数量”总计：4
            ── 全年无政府信息公开申请。
            3:3 warning [narrative-mismatch] 正文说没有收到政府信息公开申请，但表三“一、本年新收政府信息公开申请数量”总计为 4
                related 6:30 表三“一、本年新收政府信息公开申请数量”总计：4
            ── 2019年未收到政府信息公开申请。
            ── 上年度未收到政府信息公开申请。
            ── 第一季度未收到政府信息公开申请。
            ── 网上未收到政府信息公开申请。
            ── 未收到法人或其他组织提出的政府信息公开申请。
            ── 全年未收到关于政府信息公开工作的投诉举报。
            ── 未收到对政府信息公开申请答复的投诉。
            ── 如未收到政府信息公开申请，应在报告中说明。
            ── 本机关未收到群众投诉，政府信息公开申请均按时答复。
            ── 全年无不予公开的政府信息公开申请。
        "#]],
        );
    }

    /// The claim is true when the table received nothing.
    #[test]
    fn no_requests_when_the_table_has_none() {
        let text = "2020年，本机关未收到政府信息公开申请。";
        check(
            &carrying(text, 0, 0, [0; 15]),
            "narrative-mismatch",
            expect![[r#""#]],
        );
    }

    /// "未发生行政复议、行政诉讼" while table 四 has cases: each of review
    /// and lawsuit against its own columns; results of cases (纠错, 败诉),
    /// one applicant's case, 主动公开 alone, another year and a wish are
    /// not a denial of the year's cases.
    #[test]
    fn no_cases_while_table_four_has_some() {
        // One review (维持), no lawsuit; one lawsuit (直接起诉, 维持), no review.
        let review = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let lawsuit = [0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
        let cases = [
            (
                "全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
                review,
            ),
            ("本年度没有发生政府信息公开行政复议案件。", review),
            ("因政府信息公开引起的行政复议、行政诉讼均未发生。", review),
            ("全年未发生政府信息公开行政诉讼案件。", lawsuit),
            (
                "没有因政府信息公开申请行政复议、提起行政诉讼的情况发生。",
                lawsuit,
            ),
            ("本年度未被申请行政复议，也未被提起行政诉讼。", lawsuit),
            // Not flagged.
            ("全年未发生政府信息公开行政诉讼案件。", review),
            ("全年未发生行政复议被纠错的情况。", review),
            ("未发生因政府信息公开工作行政诉讼败诉的案件。", lawsuit),
            ("2019年未发生政府信息公开行政复议。", review),
            ("申请人对答复无异议，未申请行政复议。", review),
            ("力争全年不发生政府信息公开行政复议、行政诉讼。", review),
            ("主动公开方面，未发生因公开不当引发的行政复议。", review),
            ("对没有按时答复的申请提起的行政复议，已依法纠正。", review),
            ("逐件排查有无因政府信息公开引发行政复议的情况。", review),
            ("本年度未发生政府信息公开行政诉讼风险。", lawsuit),
        ]
        .map(|(text, t4)| (text, carrying(text, 0, 0, t4)));
        check_cases(
            "narrative-mismatch",
            cases,
            expect![[r#"
                ── 全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。
                3:3 warning [narrative-mismatch] 正文说没有政府信息公开行政复议，但表四“行政复议”总计为 1
                    related 13:9 表四“行政复议”总计：1
                ── 本年度没有发生政府信息公开行政复议案件。
                3:4 warning [narrative-mismatch] 正文说没有政府信息公开行政复议，但表四“行政复议”总计为 1
                    related 13:9 表四“行政复议”总计：1
                ── 因政府信息公开引起的行政复议、行政诉讼均未发生。
                3:11 warning [narrative-mismatch] 正文说没有政府信息公开行政复议，但表四“行政复议”总计为 1
                    related 13:9 表四“行政复议”总计：1
                ── 全年未发生政府信息公开行政诉讼案件。
                3:3 warning [narrative-mismatch] 正文说没有政府信息公开行政诉讼，但表四“行政诉讼”总计（两组之和）为 1
                    related 13:19 表四“行政诉讼”总计（两组之和）：1
                ── 没有因政府信息公开申请行政复议、提起行政诉讼的情况发生。
                3:1 warning [narrative-mismatch] 正文说没有政府信息公开行政诉讼，但表四“行政诉讼”总计（两组之和）为 1
                    related 13:19 表四“行政诉讼”总计（两组之和）：1
                ── 本年度未被申请行政复议，也未被提起行政诉讼。
                3:14 warning [narrative-mismatch] 正文说没有政府信息公开行政诉讼，但表四“行政诉讼”总计（两组之和）为 1
                    related 13:19 表四“行政诉讼”总计（两组之和）：1
                ── 全年未发生政府信息公开行政诉讼案件。
                ── 全年未发生行政复议被纠错的情况。
                ── 未发生因政府信息公开工作行政诉讼败诉的案件。
                ── 2019年未发生政府信息公开行政复议。
                ── 申请人对答复无异议，未申请行政复议。
                ── 力争全年不发生政府信息公开行政复议、行政诉讼。
                ── 主动公开方面，未发生因公开不当引发的行政复议。
                ── 对没有按时答复的申请提起的行政复议，已依法纠正。
                ── 逐件排查有无因政府信息公开引发行政复议的情况。
                ── 本年度未发生政府信息公开行政诉讼风险。
            "#]],
        );
    }
}
