//! Finds dates and date placeholders in text (`2020年1月1日`, `20XX年`,
//! `X月X日`, `  年  月  日`, `【日期】`). Used by the date rules.

use crate::text::Span;
use crate::text::is_space;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub span: Span,
    /// The placeholder year token (e.g. `20XX`), when there is one.
    pub year: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub span: Span,
    pub year: Option<(i32, Span)>,
    pub month: Option<(u32, Span)>,
    pub day: Option<(u32, Span)>,
}

// The one home is `text`; named here too for the benches that compare with the scanner.
pub use crate::text::is_digit;

/// The value of a digit [`is_digit`] accepted.
fn digit_value(c: char) -> u32 {
    crate::text::digit_value(c).unwrap_or(0)
}

pub fn is_placeholder_char(c: char, month_day: bool) -> bool {
    matches!(
        c,
        'X' | 'x' | 'Ｘ' | 'ｘ' | '×' | '○' | '〇' | 'Y' | 'y' | '□' | '?' | '？' | 'Ｏ'
    ) || (month_day && matches!(c, 'M' | 'D' | 'm' | 'd'))
}

/// Chars of `s` with their byte offsets.
fn chars(s: &str) -> Vec<(usize, char)> {
    s.char_indices().collect()
}

/// Placeholders in one line; spans are relative to `s`.
pub fn placeholders(s: &str) -> Vec<Placeholder> {
    let cs = chars(s);
    let end_of = |k: usize| cs.get(k).map(|x| x.0).unwrap_or(s.len());
    let mut parts: Vec<(usize, usize, char, bool)> = Vec::new(); // (start char idx, end char idx after unit, unit, is placeholder)
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i].1;
        if is_digit(c) || is_placeholder_char(c, true) {
            let start = i;
            while i < cs.len() && (is_digit(cs[i].1) || is_placeholder_char(cs[i].1, true)) {
                i += 1;
            }
            let mut j = i;
            while j < cs.len() && is_space(cs[j].1) {
                j += 1;
            }
            let unit = cs.get(j).map(|x| x.1);
            if let Some(u @ ('年' | '月' | '日')) = unit {
                let token: Vec<char> = cs[start..i].iter().map(|x| x.1).collect();
                let month_day = u != '年';
                let has_ph = token.iter().any(|&c| is_placeholder_char(c, month_day));
                let all_ok = token
                    .iter()
                    .all(|&c| is_digit(c) || is_placeholder_char(c, month_day));
                // A letter run glued to a word before it (`MAX年`) is not a date.
                let glued = start > 0
                    && (cs[start - 1].1.is_ascii_alphabetic()
                        || "一二三四五六七八九十零〇○".contains(cs[start - 1].1));
                if all_ok && token.len() <= 4 && !glued {
                    parts.push((start, j + 1, u, has_ph));
                }
            }
            continue;
        }
        i += 1;
    }
    let mut out: Vec<Placeholder> = Vec::new();
    let mut k = 0;
    while k < parts.len() {
        // Group adjacent parts (年 月 日) into one date.
        let mut group = vec![parts[k]];
        while k + 1 < parts.len() && {
            let gap_start = group.last().map(|p| p.1).unwrap_or(0);
            let next = parts[k + 1].0;
            cs[gap_start..next].iter().all(|x| is_space(x.1))
        } {
            k += 1;
            group.push(parts[k]);
        }
        k += 1;
        if group.iter().any(|p| p.3) {
            let first = group[0];
            let last = group[group.len() - 1];
            let year = group.iter().find(|p| p.2 == '年' && p.3).map(|p| {
                let mut e = p.0;
                while e < cs.len() && (is_digit(cs[e].1) || is_placeholder_char(cs[e].1, false)) {
                    e += 1;
                }
                Span::new(cs[p.0].0, end_of(e))
            });
            out.push(Placeholder {
                span: Span::new(cs[first.0].0, end_of(last.1)),
                year,
            });
        }
    }
    // Blank slots: `    年  月  日`, `2020年  月  日`.
    for (idx, &(b, c)) in cs.iter().enumerate() {
        if c != '年' {
            continue;
        }
        let mut p = idx;
        let mut blanks_before = 0;
        while p > 0 && (is_space(cs[p - 1].1) || cs[p - 1].1 == '_') {
            p -= 1;
            blanks_before += 1;
        }
        let prev = if p > 0 { Some(cs[p - 1].1) } else { None };
        let year_given = prev.is_some_and(is_digit);
        if !year_given && blanks_before == 0 && prev.is_some() {
            continue;
        }
        let mut q = idx + 1;
        let mut pieces = 0;
        let mut ok = true;
        for unit in ['月', '日'] {
            let s0 = q;
            while q < cs.len() && (is_space(cs[q].1) || cs[q].1 == '_') {
                q += 1;
            }
            if q == s0 || cs.get(q).map(|x| x.1) != Some(unit) {
                ok = false;
                break;
            }
            q += 1;
            pieces += 1;
        }
        if ok && pieces == 2 {
            let start = if year_given {
                let mut y = p - 1;
                while y > 0 && is_digit(cs[y - 1].1) {
                    y -= 1;
                }
                cs[y].0
            } else {
                cs[p].0
            };
            let span = Span::new(start, end_of(q));
            if !out
                .iter()
                .any(|o| o.span.start < span.end && span.start < o.span.end)
            {
                out.push(Placeholder { span, year: None });
            }
        }
        let _ = b;
    }
    // `【日期】`, `[日期]`, `（发布日期）`.
    for (p, _) in s.match_indices("日期") {
        let before = s[..p].trim_end_matches(|c: char| "发布成文签发印发报告".contains(c));
        let open = before.chars().next_back();
        let close = s[p + "日期".len()..].chars().next();
        if matches!(
            open,
            Some('【' | '[' | '〔' | '（' | '(' | '{' | '｛' | '<' | '《')
        ) && matches!(
            close,
            Some('】' | ']' | '〕' | '）' | ')' | '}' | '｝' | '>' | '》')
        ) {
            let o = open.map(|c| c.len_utf8()).unwrap_or(0);
            let cl = close.map(|c| c.len_utf8()).unwrap_or(0);
            out.push(Placeholder {
                span: Span::new(before.len() - o, p + "日期".len() + cl),
                year: None,
            });
        }
    }
    out.sort_by_key(|p| p.span.start);
    out
}

fn number_before(cs: &[(usize, char)], mut k: usize) -> Option<(u32, usize, usize)> {
    // Skips spaces back from k (exclusive), reads up to 4 digits.
    while k > 0 && is_space(cs[k - 1].1) {
        k -= 1;
    }
    let end = k;
    let mut v = 0u32;
    let mut mul = 1u32;
    while k > 0 && is_digit(cs[k - 1].1) && end - k < 4 {
        k -= 1;
        v += digit_value(cs[k].1) * mul;
        mul *= 10;
    }
    if k == end || (k > 0 && (is_digit(cs[k - 1].1) || cs[k - 1].1 == '.')) {
        return None;
    }
    Some((v, k, end))
}

/// Dates written with digits: `2020年1月1日`, `2 月 30 日`, `13月`.
pub fn dates(s: &str) -> Vec<DateMatch> {
    let cs = chars(s);
    let end_of = |k: usize| cs.get(k).map(|x| x.0).unwrap_or(s.len());
    let mut out = Vec::new();
    for (idx, &(_, c)) in cs.iter().enumerate() {
        if c != '月' {
            continue;
        }
        let Some((month, ms, me)) = number_before(&cs, idx) else {
            continue;
        };
        if me - ms > 2 {
            continue;
        }
        let mut start = ms;
        let mut year = None;
        let mut k = ms;
        while k > 0 && is_space(cs[k - 1].1) {
            k -= 1;
        }
        if k > 0
            && cs[k - 1].1 == '年'
            && let Some((y, ys, ye)) = number_before(&cs, k - 1)
            && ye - ys == 4
        {
            year = Some((y as i32, Span::new(cs[ys].0, end_of(ye))));
            start = ys;
        }
        let mut end = idx + 1;
        let mut day = None;
        let mut q = idx + 1;
        while q < cs.len() && is_space(cs[q].1) {
            q += 1;
        }
        let ds = q;
        let mut d = 0u32;
        while q < cs.len() && is_digit(cs[q].1) && q - ds < 2 {
            d = d * 10 + digit_value(cs[q].1);
            q += 1;
        }
        if q > ds && !cs.get(q).is_some_and(|x| is_digit(x.1)) {
            let de = q;
            while q < cs.len() && is_space(cs[q].1) {
                q += 1;
            }
            if cs.get(q).map(|x| x.1) == Some('日') || cs.get(q).map(|x| x.1) == Some('号') {
                day = Some((d, Span::new(cs[ds].0, end_of(de))));
                end = q + 1;
            }
        }
        out.push(DateMatch {
            span: Span::new(cs[start].0, end_of(end)),
            year,
            month: Some((month, Span::new(cs[ms].0, end_of(me)))),
            day,
        });
    }
    out
}

pub fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(s: &str) -> Vec<&str> {
        placeholders(s).iter().map(|p| &s[p.span.range()]).collect()
    }

    #[test]
    fn finds_placeholders() {
        assert_eq!(
            ph("统计期限为20XX年1月1日至20XX年12月31日"),
            ["20XX年1月1日", "20XX年12月31日"]
        );
        assert_eq!(ph("202X年X月X日"), ["202X年X月X日"]);
        assert_eq!(ph("○○○○年○月○日"), ["○○○○年○月○日"]);
        assert_eq!(ph("日期：    年   月   日"), ["    年   月   日"]);
        assert_eq!(ph("2020年  月  日"), ["2020年  月  日"]);
        assert_eq!(ph("【日期】"), ["【日期】"]);
        assert_eq!(ph("YYYY年MM月DD日"), ["YYYY年MM月DD日"]);
        assert!(ph("2020年12月31日").is_empty());
        assert!(ph("**2020年**").is_empty());
        assert!(ph("二〇二〇年十二月").is_empty());
        assert!(ph("发布日期为2020年").is_empty());
    }

    #[test]
    fn finds_dates() {
        let d = dates("2020 年 2 月 30 日，13月");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].year.as_ref().unwrap().0, 2020);
        assert_eq!(d[0].month.as_ref().unwrap().0, 2);
        assert_eq!(d[0].day.as_ref().unwrap().0, 30);
        assert_eq!(d[1].month.as_ref().unwrap().0, 13);
        assert!(dates("12345便民服务，3个月").is_empty());
        assert_eq!(days_in_month(Some(2021), 2), 28);
        assert_eq!(days_in_month(Some(2020), 2), 29);
    }
}
