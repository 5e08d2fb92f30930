//! numbering.xml: the numbers Word's automatic lists show (`一、`, `（一）`,
//! `1.`), counted while the document is read.

use super::parts::{attr, truthy};
use super::styles::is_w;
use quick_xml::events::Event;
use quick_xml::reader::NsReader;
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:isLgl`: every level shown in decimal.
    legal: bool,
}

/// numbering.xml, and the counters of the lists while the document is read.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    counters: HashMap<String, [Option<u32>; 9]>,
}

fn level_mut(abs: &mut Option<(String, Vec<Level>)>, lvl: Option<usize>) -> Option<&mut Level> {
    let (_, levels) = abs.as_mut()?;
    let i = lvl?;
    if levels.len() <= i {
        levels.resize(i + 1, Level::default());
    }
    levels.get_mut(i)
}

pub(super) fn parse_numbering(xml: &str) -> Numbering {
    let mut n = Numbering::default();
    let mut reader = NsReader::from_str(xml);
    let mut abs: Option<(String, Vec<Level>)> = None;
    let mut lvl: Option<usize> = None;
    let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
    loop {
        let ev = reader.read_resolved_event();
        match ev {
            Ok((ns, Event::Start(e))) | Ok((ns, Event::Empty(e))) if is_w(&ns) => {
                let val = || attr(&e, "val");
                match e.local_name().as_ref() {
                    "abstractNum" => {
                        abs = attr(&e, "abstractNumId").map(|id| (id, Vec::new()));
                    }
                    "lvl" if abs.is_some() => {
                        lvl = attr(&e, "ilvl")
                            .and_then(|v| v.trim().parse().ok())
                            .filter(|&i: &usize| i < 9);
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.start = 1;
                        }
                    }
                    "start" => {
                        let v = val().and_then(|v| v.trim().parse().ok()).unwrap_or(1);
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.start = v;
                        }
                    }
                    "numFmt" => {
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.format = val().unwrap_or_default();
                        }
                    }
                    "lvlText" => {
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.text = val().unwrap_or_default();
                        }
                    }
                    "isLgl" => {
                        if let Some(l) = level_mut(&mut abs, lvl) {
                            l.legal = truthy(val());
                        }
                    }
                    "num" => {
                        num = attr(&e, "numId").map(|id| (id, String::new(), HashMap::new()));
                    }
                    "abstractNumId" => {
                        if let (Some(num), Some(v)) = (num.as_mut(), val()) {
                            num.1 = v;
                        }
                    }
                    "lvlOverride" => {
                        lvl = attr(&e, "ilvl").and_then(|v| v.trim().parse().ok());
                    }
                    "startOverride" => {
                        if let (Some(num), Some(l), Some(v)) =
                            (num.as_mut(), lvl, val().and_then(|v| v.trim().parse().ok()))
                        {
                            num.2.insert(l, v);
                        }
                    }
                    _ => {}
                }
            }
            Ok((ns, Event::End(e))) if is_w(&ns) => match e.local_name().as_ref() {
                "abstractNum" => {
                    if let Some((id, levels)) = abs.take() {
                        n.abstracts.insert(id, levels);
                    }
                }
                "num" => {
                    if let Some((id, a, o)) = num.take() {
                        n.nums.insert(id, (a, o));
                    }
                }
                "lvl" | "lvlOverride" => lvl = None,
                _ => {}
            },
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => {}
        }
    }
    n
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    // Word repeats the letter: A … Z, AA … ZZ, AAA …
    let c = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(10) as usize).collect()
}

pub(super) fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "ideographDigital" => crate::syntax::cn_numeral(n),
        "ideographTraditional" => {
            const G: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
            G[(n.max(1) as usize - 1) % 10].to_string()
        }
        "upperLetter" => letters(n),
        "lowerLetter" => letters(n).to_lowercase(),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10))
            .collect(),
        _ => n.to_string(),
    }
}

impl Numbering {
    /// The number Word shows before the next paragraph of list `num_id` at
    /// level `ilvl`, advancing the list; `None` for bullets and no list.
    pub(super) fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let ilvl = ilvl.min(8);
        let level = levels.get(ilvl)?;
        if level.format == "bullet" {
            return None;
        }
        let start = |i: usize| -> u32 {
            overrides
                .get(&i)
                .copied()
                .or_else(|| levels.get(i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.to_string()).or_default();
        counters[ilvl] = Some(match counters[ilvl] {
            Some(v) => v.saturating_add(1),
            None => start(ilvl),
        });
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let v = counters[i].unwrap_or_else(|| start(i));
                    let format = match levels.get(i) {
                        Some(_) if level.legal => "decimal",
                        Some(l) => l.format.as_str(),
                        None => "decimal",
                    };
                    out.push_str(&format_number(v, format));
                }
                (c, _) => out.push(c),
            }
        }
        Some(out)
    }
}
