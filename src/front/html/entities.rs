//! Character references: `&#20013;`, `&#x4e2d;`, and the named ones pages
//! actually use (`&nbsp;`, `&ldquo;`, `&mdash;`, `&times;`, …; the legacy
//! ones also without their `;`, as browsers read `&nbsp` and `&amp`). A name
//! not in the table stays as written, as a browser shows an unknown one.

use std::borrow::Cow;

/// Named references: the HTML 4 set (Latin-1, symbols, punctuation, the
/// arrows and Greek letters a report could hold) plus `&apos;`. Pages
/// written by Chinese CMSs use a handful of these; the full HTML5 table
/// (2,231 names) would add nothing they use.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "dagger" => '†',
        "Dagger" => '‡',
        "bull" => '•',
        "hellip" => '…',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "oline" => '‾',
        "frasl" => '⁄',
        "euro" => '€',
        "trade" => '™',
        "larr" => '←',
        "uarr" => '↑',
        "rarr" => '→',
        "darr" => '↓',
        "harr" => '↔',
        "lArr" => '⇐',
        "rArr" => '⇒',
        "iexcl" => '¡',
        "cent" => '¢',
        "pound" => '£',
        "curren" => '¤',
        "yen" => '¥',
        "brvbar" => '¦',
        "sect" => '§',
        "uml" => '¨',
        "copy" => '©',
        "ordf" => 'ª',
        "laquo" => '«',
        "not" => '¬',
        "shy" => '\u{ad}',
        "reg" => '®',
        "macr" => '¯',
        "deg" => '°',
        "plusmn" => '±',
        "sup2" => '²',
        "sup3" => '³',
        "acute" => '´',
        "micro" => 'µ',
        "para" => '¶',
        "middot" => '·',
        "cedil" => '¸',
        "sup1" => '¹',
        "ordm" => 'º',
        "raquo" => '»',
        "frac14" => '¼',
        "frac12" => '½',
        "frac34" => '¾',
        "iquest" => '¿',
        "times" => '×',
        "divide" => '÷',
        "minus" => '−',
        "lowast" => '∗',
        "radic" => '√',
        "infin" => '∞',
        "ne" => '≠',
        "le" => '≤',
        "ge" => '≥',
        "asymp" => '≈',
        "equiv" => '≡',
        "sum" => '∑',
        "prod" => '∏',
        "loz" => '◊',
        "spades" => '♠',
        "clubs" => '♣',
        "hearts" => '♥',
        "diams" => '♦',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "pi" => 'π',
        "sigma" => 'σ',
        "mu" => 'μ',
        "Alpha" => 'Α',
        "Beta" => 'Β',
        "Delta" => 'Δ',
        "Sigma" => 'Σ',
        "Omega" => 'Ω',
        "omega" => 'ω',
        _ => return None,
    })
}

/// Named references browsers also read without the closing `;`.
fn legacy(name: &str) -> bool {
    matches!(
        name,
        "nbsp" | "amp" | "lt" | "gt" | "quot" | "copy" | "reg" | "times" | "middot" | "deg"
    )
}

/// What `&#128;`–`&#159;` mean: the Windows-1252 characters at those bytes
/// (pages written on Windows put `&#150;` for a dash).
fn windows_1252(n: u32) -> Option<char> {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    (0x80..=0x9f)
        .contains(&n)
        .then(|| TABLE[(n - 0x80) as usize])
}

/// The reference starting at `s` (which starts with `&`): the character and
/// the bytes it takes, or `None` if `s` starts no reference.
pub fn at(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, digits_from) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut i = digits_from;
        let mut n: u32 = 0;
        while let Some(&c) = b.get(i) {
            let d = match (hex, c) {
                (_, b'0'..=b'9') => u32::from(c - b'0'),
                (true, b'a'..=b'f') => u32::from(c - b'a' + 10),
                (true, b'A'..=b'F') => u32::from(c - b'A' + 10),
                _ => break,
            };
            n = n
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == digits_from {
            return None;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        let c = windows_1252(n)
            .or_else(|| (n != 0).then(|| char::from_u32(n)).flatten())
            .unwrap_or('\u{fffd}');
        return Some((c, i));
    }
    let mut i = 1;
    while i < b.len() && i <= 10 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = &s[1..i];
    if name.is_empty() {
        return None;
    }
    if b.get(i) == Some(&b';') {
        return named(name).map(|c| (c, i + 1));
    }
    // `&nbsp` without `;`; the longest legacy name that prefixes the word.
    (2..=name.len())
        .rev()
        .map(|k| &name[..k])
        .find(|n| legacy(n))
        .and_then(|n| named(n).map(|c| (c, n.len() + 1)))
}

/// `s` with its references decoded.
pub fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(k) = s[i..].find('&') {
        let amp = i + k;
        out.push_str(&s[i..amp]);
        match at(&s[amp..]) {
            Some((c, len)) => {
                out.push(c);
                i = amp + len;
            }
            None => {
                out.push('&');
                i = amp + 1;
            }
        }
    }
    out.push_str(&s[i..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(decode("a&nbsp;b&nbspc"), "a\u{a0}b\u{a0}c");
        assert_eq!(decode("&#20013;&#x6587;&#X6587"), "中文文");
        assert_eq!(decode("&ldquo;公开&rdquo;&mdash;&times;"), "“公开”—×");
        assert_eq!(
            decode("&#150;&#0;&#xD800;&#99999999999;"),
            "–\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(decode("&unknown; & &; &#; &amp"), "&unknown; & &; &#; &");
        assert_eq!(decode("&copy2024"), "©2024");
    }
}
