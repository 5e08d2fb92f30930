//! Reading one cell's value: numbers, amounts, markers for "nothing".

use crate::schema::ValueKind;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Blank,
    /// `/`, `-`, `—`, `无`: written in place of a number.
    Marker,
    Int(i64),
    /// A decimal or an amount with a unit, e.g. `3168.0656(万元)`.
    Amount(f64),
    /// Not a number (e.g. `X`, `十`, `1 2`).
    Invalid,
}

impl Value {
    /// The value as an addend: blanks and markers count as 0.
    pub fn addend(&self) -> Option<i64> {
        match self {
            Value::Blank | Value::Marker => Some(0),
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }
    pub fn is_blankish(&self) -> bool {
        matches!(self, Value::Blank | Value::Marker)
    }
}

const MARKERS: [&str; 9] = ["/", "／", "-", "—", "–", "——", "－", "无", "空"];

/// Whether a cell holds (or stands for) a value rather than a label.
pub fn is_value_like(s: &str) -> bool {
    let t = crate::text::trim(s);
    if t.is_empty() {
        return true;
    }
    // Every marker is at most six bytes long (labels skip the comparisons)
    // and none starts with a digit (numbers, most cells, skip them too).
    if t.len() <= 6
        && !t.as_bytes()[0].is_ascii_digit()
        && (MARKERS.contains(&t) || matches!(t, "X" | "x" | "XX" | "×"))
    {
        return true;
    }
    let mut has_digit = false;
    for c in t.chars() {
        match c {
            '0'..='9' | '０'..='９' => has_digit = true,
            '.' | ',' | '，' | '+' | '-' | '−' | '－' | '．' | '%' | '(' | ')' | '（' | '）'
            | '元' | '万' | '亿' | '件' | '条' | '个' | '项' | '次' | '：' | ':' | '单' | '位' =>
                {}
            c if crate::text::is_space(c) => {}
            _ => return false,
        }
    }
    has_digit
}

pub use crate::text::{digit_value, is_digit};

fn fold_digits(s: &str) -> String {
    s.chars()
        .filter(|c| !crate::text::is_space(*c))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '−' | '－' => '-',
            '，' => ',',
            _ => c,
        })
        .collect()
}

pub fn parse_value(s: &str, kind: ValueKind) -> Value {
    let t = crate::text::trim(s);
    if t.is_empty() {
        return Value::Blank;
    }
    if MARKERS.contains(&t) {
        return Value::Marker;
    }
    // The common cell, plain ASCII digits: no folding, no allocation.
    if t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().map(Value::Int).unwrap_or(Value::Invalid);
    }
    // Two numbers in one cell (`1 2`) cannot be told apart.
    if t.split(crate::text::is_space)
        .filter(|p| !p.is_empty())
        .count()
        > 1
        && !t.contains('(')
        && !t.contains('（')
    {
        return Value::Invalid;
    }
    let mut f = fold_digits(t);
    if kind == ValueKind::Money {
        for unit in ["(万元)", "(元)", "（万元）", "（元）", "万元", "元"] {
            if let Some(x) = f.strip_suffix(unit) {
                f = x.to_string();
                break;
            }
        }
    }
    let body = f.strip_prefix('+').unwrap_or(&f);
    let plain: String = if body.contains(',')
        && body
            .split(',')
            .skip(1)
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    {
        body.replace(',', "")
    } else {
        body.to_string()
    };
    if let Ok(n) = plain.parse::<i64>() {
        return Value::Int(n);
    }
    if plain
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && let Ok(x) = plain.parse::<f64>()
    {
        return Value::Amount(x);
    }
    Value::Invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_reading() {
        assert_eq!(parse_value("-3", ValueKind::SignedCount), Value::Int(-3));
        assert_eq!(
            parse_value("3168.0656(万元)", ValueKind::Money),
            Value::Amount(3168.0656)
        );
        assert_eq!(parse_value("1,036", ValueKind::Count), Value::Int(1036));
        assert_eq!(parse_value("/", ValueKind::Count), Value::Marker);
        assert_eq!(parse_value("X", ValueKind::Count), Value::Invalid);
        assert_eq!(parse_value("１２", ValueKind::Count), Value::Int(12));
        assert!(is_value_like("3168.0656(万元)"));
        assert!(!is_value_like("理"));
        assert!(!is_value_like("1.属于国家秘密"));
    }
}
