//! Facts of the report's head: title, report year, unit, 统计期限.

use super::report::{StatPeriod, Title};
use crate::syntax::Document;
use crate::text::Span;
use crate::text::normalize_label;

pub fn find_year(s: &str) -> Option<(i32, usize, usize)> {
    // `2020年`, `2020 年`; returns (year, byte start, byte end of digits).
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let rest = s[i + 4..].trim_start_matches(crate::text::is_space);
            if rest.starts_with('年') {
                let y: i32 = s[i..i + 4].parse().ok()?;
                if (1990..=2100).contains(&y) {
                    return Some((y, i, i + 4));
                }
            }
        }
        i += 1;
    }
    None
}

pub fn find_title(doc: &Document, body_start: usize) -> Option<Title> {
    let mut seen = 0;
    let mut prev_short: Option<usize> = None;
    for (i, line) in doc.lines.iter().enumerate().take(body_start.max(1)) {
        if line.is_blank() {
            continue;
        }
        seen += 1;
        if seen > 8 {
            break;
        }
        let t = doc.text(line.inner);
        // Only a line that mentions a report can be the title.
        if !(t.contains("报告") || t.contains("年报")) || t.len() > 400 {
            prev_short = (t.chars().nth(30).is_none()
                && !t.contains('。')
                && !t.contains('，')
                && !t.contains(','))
            .then_some(i);
            continue;
        }
        let n = normalize_label(t);
        let chars = n.chars().count();
        let is_title = (n.contains("年度报告") || n.contains("年报") || n.ends_with("报告"))
            && (n.contains("政府信息公开") || n.contains("政务公开") || n.contains("信息公开"))
            && chars <= 60
            && !n.starts_with("本")
            && !n.starts_with("根据")
            && !n.contains('。');
        if is_title {
            let mut first = i;
            let mut span = line.inner;
            if let Some(p) = prev_short
                && find_year(&n).is_some_and(|(_, s, _)| s == 0)
            {
                first = p;
                span = doc.lines[p].inner.cover(span);
            }
            let full = doc.text(span);
            let year =
                find_year(full).map(|(y, s, e)| (y, Span::new(span.start + s, span.start + e)));
            let unit = title_unit(full);
            return Some(Title {
                lines: (first, i),
                span,
                year,
                unit,
            });
        }
        prev_short = (chars <= 30 && !n.contains('。') && !n.contains(',')).then_some(i);
    }
    None
}

fn title_unit(title: &str) -> Option<String> {
    let n: String = title
        .chars()
        .filter(|c| !crate::text::is_space(*c) && *c != '*')
        .collect();
    let year = find_year(&n);
    let cut = n.find("政府信息公开").or_else(|| n.find("政务公开"))?;
    let unit = match year {
        Some((_, 0, e)) => n[e..cut].trim_start_matches('年').to_string(),
        Some((_, s, _)) if s < cut => n[..s].to_string(),
        _ => n[..cut].to_string(),
    };
    let unit = unit
        .trim_end_matches('的')
        .trim_end_matches("关于")
        .to_string();
    (!unit.is_empty()).then_some(unit)
}

pub fn find_stat_period(doc: &Document, limit: usize) -> Option<StatPeriod> {
    for (i, line) in doc.lines.iter().enumerate().take(limit) {
        let t = doc.text(line.inner);
        if !t.contains('统') {
            continue;
        }
        for key in [
            "统计期限",
            "统计时限",
            "统计时间",
            "统计区间",
            "统计周期",
            "统计期间",
        ] {
            if let Some(p) = t.find(key) {
                let after = &t[p..];
                let end = after.find('。').map(|e| p + e).unwrap_or(t.len());
                let span = Span::new(line.inner.start + p, line.inner.start + end);
                let year = find_year(&t[p..end])
                    .map(|(y, s, e)| (y, Span::new(span.start + s, span.start + e)));
                return Some(StatPeriod {
                    line: i,
                    span,
                    year,
                });
            }
        }
    }
    None
}

pub fn infer_unit(doc: &Document) -> Option<String> {
    for line in doc.lines.iter().take(12) {
        let t = doc.text(line.inner);
        if let Some(p) = t.find("本报告由") {
            let rest = &t[p + "本报告由".len()..];
            let end = ["根据", "依据", "按照", "编制", "汇总", "负责"]
                .iter()
                .filter_map(|k| rest.find(k))
                .min()?;
            let unit = rest[..end].trim_matches(crate::text::is_space);
            if !unit.is_empty() && unit.chars().count() <= 30 {
                return Some(unit.to_string());
            }
        }
    }
    None
}

/// 政府 or 部门 from a unit's name; `None` for 乡镇/街道 and unclear names.
pub fn unit_kind(unit: &str) -> Option<bool> {
    if ["镇", "乡", "街道"].iter().any(|k| unit.contains(k)) {
        return None;
    }
    if unit.ends_with("人民政府") {
        return Some(true);
    }
    let department = [
        "局",
        "委员会",
        "委",
        "办公室",
        "办",
        "厅",
        "中心",
        "院",
        "署",
        "部",
        "处",
        "所",
        "站",
        "馆",
        "队",
    ];
    department
        .iter()
        .any(|k| unit.ends_with(k))
        .then_some(false)
}

/// The report year a text with no title shows itself: the year its
/// sentences open with (`2024年，…`, at least twice, more than any other),
/// when the signing date at its end agrees (a report is signed early the
/// next year: 2025年1月 signs the 2024 report).
pub fn text_year(doc: &Document) -> Option<i32> {
    let mut opening: Vec<(i32, usize)> = Vec::new();
    static YEAR: std::sync::OnceLock<crate::text::Words> = std::sync::OnceLock::new();
    let year_char = YEAR.get_or_init(|| crate::text::Words::new(&["年"]));
    for line in &doc.lines {
        let t = doc.text(line.inner);
        if !year_char.in_text(t) {
            continue;
        }
        let starts =
            std::iter::once(0).chain(t.match_indices('。').map(|(i, _)| i + '。'.len_utf8()));
        for at in starts {
            let rest = crate::text::trim_start(&t[at..]);
            // Most sentences open with no year: four ASCII digits say so.
            if !rest
                .as_bytes()
                .get(..4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            {
                continue;
            }
            let Some((y, 0, e)) = find_year(rest.get(..rest.len().min(16)).unwrap_or(rest)) else {
                continue;
            };
            let after = rest[e..].trim_start_matches(crate::text::is_space);
            let after = after.strip_prefix('年').unwrap_or(after);
            let after = after.strip_prefix('度').unwrap_or(after);
            if after.starts_with(['，', ',']) {
                match opening.iter_mut().find(|(x, _)| *x == y) {
                    Some((_, n)) => *n += 1,
                    None => opening.push((y, 1)),
                }
            }
        }
    }
    opening.sort_by_key(|&(y, n)| (std::cmp::Reverse(n), y));
    let (year, n) = *opening.first()?;
    if n < 2 || opening.get(1).is_some_and(|&(_, m)| m == n) {
        return None;
    }
    // The signing date: a date standing alone on one of the last lines.
    let signed = doc
        .lines
        .iter()
        .rev()
        .filter(|l| !l.is_blank())
        .take(4)
        .find_map(|l| {
            let t = crate::text::trim(doc.text(l.inner));
            let d = crate::dates::dates(t).into_iter().next()?;
            let alone = d.span.len() + 6 >= t.len();
            alone.then_some((d.year?.0, d.month?.0))
        })?;
    let by_signing = if signed.1 <= 6 {
        signed.0 - 1
    } else {
        signed.0
    };
    (by_signing == year).then_some(year)
}
