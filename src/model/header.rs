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
