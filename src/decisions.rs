//! A reviewer's decisions on findings: 确认 (confirmed: the unit must act)
//! or 忽略 (dismissed: counted, not shown again), each with a comment. Kept
//! in a file beside the reports (`决定.toml`), never in a unit's own file;
//! the checking page writes it, `nianbao check --decisions` reads it.
//!
//! A decision is keyed by the report's unit and year, the rule, and a
//! fingerprint of what the finding says ([`fingerprints`]: the rule and
//! the Chinese message, not the finding's line), so an edit elsewhere in
//! the draft keeps it; an edit that changes what the finding says (another
//! value, another cell) makes a new finding, to be decided again.
//!
//! ```toml
//! [[decision]]
//! unit = "青石县教育局"
//! year = 2024
//! rule = "repeated-text"
//! fingerprint = "6d1f0c4b2a9e8f73"
//! decision = "忽略"            # 确认 | 忽略
//! comment = "第五部分已按要求重写"
//! message = "“五、存在的主要问题及改进情况”有 69% 的文字与上年年报…相同"
//! date = "2026-12-07"
//! ```
//!
//! Pure: text in, text out; the adapters read and write the file.

use crate::diagnostic::Diagnostic;
use crate::identity::unit_key;

/// The usual name of the file, kept beside the reports.
pub const FILE_NAME: &str = "决定.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// 确认: the finding stands; shown with the comment.
    Confirmed,
    /// 忽略: not shown again; counted.
    Dismissed,
}

impl Verdict {
    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Confirmed => "确认",
            Verdict::Dismissed => "忽略",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Dismissed => "dismissed",
        }
    }
    pub fn parse(s: &str) -> Option<Verdict> {
        match s.trim() {
            "确认" | "confirm" | "confirmed" => Some(Verdict::Confirmed),
            "忽略" | "dismiss" | "dismissed" => Some(Verdict::Dismissed),
            _ => None,
        }
    }
}

/// One decision on one finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decision {
    /// The report's unit as written (compared without spaces).
    pub unit: String,
    pub year: i32,
    pub rule: String,
    pub fingerprint: String,
    pub verdict: Verdict,
    pub comment: String,
    /// What the finding said when it was decided, for people reading the file.
    pub message: String,
    /// When it was decided (`YYYY-MM-DD`), if known.
    pub date: Option<String>,
}

impl Decision {
    fn same_finding(&self, other: &Decision) -> bool {
        unit_key(&self.unit) == unit_key(&other.unit)
            && self.year == other.year
            && self.rule == other.rule
            && self.fingerprint == other.fingerprint
    }
}

/// The decisions of a file, in the file's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    pub list: Vec<Decision>,
}

/// A decisions file that cannot be read: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}: {message}")]
pub struct DecisionsError {
    pub line: usize,
    pub message: String,
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = crate::text::floor_char_boundary(text, offset.min(text.len()));
    text[..offset].matches('\n').count() + 1
}

/// The line of the `n`th `[[decision]]` header (for error messages).
fn entry_line(text: &str, n: usize) -> usize {
    text.match_indices("[[decision]]")
        .nth(n)
        .map_or(1, |(at, _)| line_of(text, at))
}

impl Decisions {
    /// Parses a decisions file; an error names the line and what is wrong.
    pub fn parse(text: &str) -> Result<Decisions, DecisionsError> {
        let value: toml::Table = text.parse::<toml::Table>().map_err(|e| DecisionsError {
            line: line_of(text, e.span().map_or(0, |s| s.start)),
            message: format!("TOML 语法错误：{}", e.message()),
        })?;
        let mut list = Vec::new();
        for (key, v) in &value {
            let entries = match (key.as_str(), v.as_array()) {
                ("decision", Some(a)) => a,
                _ => {
                    return Err(DecisionsError {
                        line: 1,
                        message: format!(
                            "决定文件只能含 [[decision]] 表，不认识“{key}” (only [[decision]] tables)"
                        ),
                    });
                }
            };
            for (n, e) in entries.iter().enumerate() {
                let line = entry_line(text, n);
                let bad = |message: String| DecisionsError { line, message };
                let t = e
                    .as_table()
                    .ok_or_else(|| bad("[[decision]] 应为表".into()))?;
                for k in t.keys() {
                    if !matches!(
                        k.as_str(),
                        "unit"
                            | "year"
                            | "rule"
                            | "fingerprint"
                            | "decision"
                            | "comment"
                            | "message"
                            | "date"
                    ) {
                        return Err(bad(format!("未知的项“{k}”")));
                    }
                }
                let string = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
                let need = |k: &str| string(k).ok_or_else(|| bad(format!("缺少字符串“{k}”")));
                let year = t
                    .get("year")
                    .and_then(|v| v.as_integer())
                    .filter(|y| (1990..=2100).contains(y))
                    .ok_or_else(|| bad("year 应为年度（整数）".into()))?
                    as i32;
                let said = need("decision")?;
                let verdict = Verdict::parse(&said)
                    .ok_or_else(|| bad(format!("decision 只能是“确认”或“忽略”，不是“{said}”")))?;
                list.push(Decision {
                    unit: need("unit")?,
                    year,
                    rule: need("rule")?,
                    fingerprint: need("fingerprint")?,
                    verdict,
                    comment: string("comment").unwrap_or_default(),
                    message: string("message").unwrap_or_default(),
                    date: string("date"),
                });
            }
        }
        Ok(Decisions { list })
    }

    /// The file's text: a header comment, then one `[[decision]]` per
    /// decision, in order. [`Decisions::parse`] reads it back unchanged.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(HEADER);
        for d in &self.list {
            out.push_str("\n[[decision]]\n");
            let kv = |out: &mut String, k: &str, v: &str| {
                out.push_str(k);
                out.push_str(" = ");
                out.push_str(v);
                out.push('\n');
            };
            kv(&mut out, "unit", &quote(&d.unit));
            kv(&mut out, "year", &d.year.to_string());
            kv(&mut out, "rule", &quote(&d.rule));
            kv(&mut out, "fingerprint", &quote(&d.fingerprint));
            kv(&mut out, "decision", &quote(d.verdict.zh()));
            kv(&mut out, "comment", &quote(&d.comment));
            kv(&mut out, "message", &quote(&d.message));
            if let Some(date) = &d.date {
                kv(&mut out, "date", &quote(date));
            }
        }
        out
    }

    /// Records `d`, replacing an earlier decision on the same finding.
    pub fn set(&mut self, d: Decision) {
        match self.list.iter_mut().find(|x| x.same_finding(&d)) {
            Some(x) => *x = d,
            None => self.list.push(d),
        }
    }

    /// Forgets the decision on a finding (the reviewer undid it).
    pub fn remove(&mut self, unit: &str, year: i32, rule: &str, fingerprint: &str) {
        let key = unit_key(unit);
        self.list.retain(|d| {
            !(unit_key(&d.unit) == key
                && d.year == year
                && d.rule == rule
                && d.fingerprint == fingerprint)
        });
    }

    /// The decision on a finding of the report of `unit` (compared without
    /// spaces) for `year`.
    pub fn find(&self, unit: &str, year: i32, rule: &str, fingerprint: &str) -> Option<&Decision> {
        let key = unit_key(unit);
        self.list.iter().find(|d| {
            d.year == year
                && d.rule == rule
                && d.fingerprint == fingerprint
                && unit_key(&d.unit) == key
        })
    }
}

const HEADER: &str = "# nianbao 审核决定 (review decisions). 由检查页面写出，`nianbao check --decisions 决定.toml` 读取。\n\
# 每条决定对应一份年报（单位、年度）的一个问题（规则和问题内容的指纹，与行号无关）：\n\
# decision = \"确认\"（问题成立，照常显示并附说明）或 \"忽略\"（不再显示，只计数）。\n\
# Keyed by unit, year, rule and a fingerprint of the finding's message (not its line).\n";

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// FNV-1a, 64 bits: stable across builds and platforms (std's hasher is not
/// promised to be), and enough to tell a report's findings apart.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator no UTF-8 text holds.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The fingerprint of each finding of one report (in the order given: by
/// place, as every adapter sorts them): the rule and the Chinese message,
/// and, when several findings of the rule say the same, which of them it is.
/// Nothing of the finding's position goes in.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    // Keyed by the hash of the rule and message (which every finding needs
    // anyway), the texts compared only when two hashes meet.
    let mut seen: std::collections::HashMap<u64, Vec<(&str, &str, usize)>> =
        std::collections::HashMap::with_capacity(diagnostics.len());
    diagnostics
        .iter()
        .map(|d| {
            let (rule, message) = (d.rule, d.message.zh.as_str());
            let first = fnv1a(&[rule.as_bytes(), message.as_bytes()]);
            let same = seen.entry(first).or_default();
            let nth = match same
                .iter_mut()
                .find(|(r, m, _)| *r == rule && *m == message)
            {
                Some((_, _, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    same.push((rule, message, 0));
                    0
                }
            };
            let h = if nth == 0 {
                first
            } else {
                fnv1a(&[
                    rule.as_bytes(),
                    message.as_bytes(),
                    nth.to_string().as_bytes(),
                ])
            };
            hex16(h)
        })
        .collect()
}

/// `format!("{h:016x}")`, without the formatting machinery.
fn hex16(h: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    (0..16)
        .rev()
        .map(|k| char::from(DIGITS[((h >> (4 * k)) & 0xf) as usize]))
        .collect()
}

/// A decision as shown beside a finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Mark {
    pub verdict: Verdict,
    pub comment: String,
}

/// A report's findings after the reviewer's decisions.
#[derive(Debug, Default)]
pub struct Reviewed {
    /// The findings still shown, with the fingerprint and any decision
    /// (confirmed) of each.
    pub kept: Vec<(Diagnostic, String, Option<Mark>)>,
    /// The dismissed findings, with their fingerprints and decisions.
    pub dismissed: Vec<(Diagnostic, String, Mark)>,
}

/// Applies the decisions on the report of `unit` for `year` to its
/// findings (sorted by place).
pub fn review(
    decisions: &Decisions,
    unit: &str,
    year: i32,
    diagnostics: Vec<Diagnostic>,
) -> Reviewed {
    let prints = fingerprints(&diagnostics);
    let mut out = Reviewed::default();
    for (d, fp) in diagnostics.into_iter().zip(prints) {
        let Some(x) = decisions.find(unit, year, d.rule, &fp) else {
            out.kept.push((d, fp, None));
            continue;
        };
        let mark = Mark {
            verdict: x.verdict,
            comment: x.comment.clone(),
        };
        match x.verdict {
            Verdict::Dismissed => out.dismissed.push((d, fp, mark)),
            Verdict::Confirmed => out.kept.push((d, fp, Some(mark))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Msg, Severity};
    use crate::text::Span;

    fn finding(rule: &'static str, at: usize, zh: &str) -> Diagnostic {
        Diagnostic::new(
            rule,
            Severity::Warning,
            Span::new(at, at + 1),
            Msg::new(zh, "en"),
        )
    }

    #[test]
    fn fingerprints_are_stable_values() {
        // Reviewers' decision files hold these: they must never change.
        let said = "2020 年度报告中出现 2019 年的事件或安排，请确认不是照搬上年年报";
        let found = vec![
            finding("stale-year", 10, said),
            finding("table-sum", 20, said),
            finding("stale-year", 30, said),
        ];
        let prints = fingerprints(&found);
        assert_eq!(prints[0], "64193b650804b2d6");
        assert_eq!(prints[2], "d67c2853d931694e");
        assert_ne!(prints[1], prints[0]);
    }

    #[test]
    fn fingerprints_follow_what_a_finding_says_not_where() {
        let a = vec![
            finding("placeholder-date", 10, "占位日期“X月X日”"),
            finding("table-sum", 40, "“（七）总计”行“自然人”列为 0，应为 1"),
            finding("placeholder-date", 90, "占位日期“X月X日”"),
        ];
        // The same findings after lines were added above them.
        let b: Vec<Diagnostic> = a
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.span = Span::new(d.span.start + 500, d.span.end + 500);
                d
            })
            .collect();
        let (fa, fb) = (fingerprints(&a), fingerprints(&b));
        assert_eq!(fa, fb);
        assert_ne!(fa[0], fa[2], "the same words twice are two findings");
        assert_eq!(fa[0].len(), 16);
        // Another value is another finding.
        let c = vec![finding(
            "table-sum",
            40,
            "“（七）总计”行“自然人”列为 0，应为 2",
        )];
        assert_ne!(fingerprints(&c)[0], fa[1]);
        expect_test::expect!["994011cf5f5d3351"].assert_eq(&fa[1]);
    }

    #[test]
    fn the_file_round_trips_and_names_bad_lines() {
        let mut ds = Decisions::default();
        ds.set(Decision {
            unit: "青石县 教育局".into(),
            year: 2024,
            rule: "table-sum".into(),
            fingerprint: "ab1c7c5a90c1e8a2".into(),
            verdict: Verdict::Dismissed,
            comment: "已核实：\"口径\"不同\n第二行".into(),
            message: "“（七）总计”行…".into(),
            date: Some("2026-12-07".into()),
        });
        let text = ds.to_toml();
        assert_eq!(Decisions::parse(&text), Ok(ds.clone()));
        // The same finding decided again replaces the decision.
        let mut again = ds.list[0].clone();
        again.unit = "青石县教育局".into();
        again.verdict = Verdict::Confirmed;
        ds.set(again);
        assert_eq!(ds.list.len(), 1);
        assert_eq!(ds.list[0].verdict, Verdict::Confirmed);
        assert!(
            ds.find("青石县教育局", 2024, "table-sum", "ab1c7c5a90c1e8a2")
                .is_some()
        );
        assert!(
            ds.find("青石县教育局", 2023, "table-sum", "ab1c7c5a90c1e8a2")
                .is_none()
        );
        ds.remove("青石县教育局", 2024, "table-sum", "ab1c7c5a90c1e8a2");
        assert!(ds.list.is_empty());
        let e = Decisions::parse("[[decision]]\nunit = \"a\"\nyear = 2024\nrule = \"x\"\nfingerprint = \"f\"\ndecision = \"maybe\"\n\n[[decision]]\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("maybe"), "{}", e.message);
        let e = Decisions::parse("[[decision]]\nunit = \"a\"\nyear = 2024\nrule = \"x\"\nfingerprint = \"f\"\ndecision = \"忽略\"\n[[decision]]\nunit = 3\n").unwrap_err();
        assert_eq!(e.line, 7, "{}", e.message);
        assert!(Decisions::parse("[report]\nunit = \"x\"\n").is_err());
        assert_eq!(Decisions::parse(HEADER), Ok(Decisions::default()));
    }

    #[test]
    fn dismissed_findings_are_set_apart_and_confirmed_ones_marked() {
        let found = vec![
            finding("table-sum", 40, "甲"),
            finding("empty-cell", 50, "乙"),
            finding("empty-cell", 60, "丙"),
        ];
        let fp = fingerprints(&found);
        let mut ds = Decisions::default();
        for (i, v) in [(0, Verdict::Dismissed), (2, Verdict::Confirmed)] {
            ds.set(Decision {
                unit: "某局".into(),
                year: 2024,
                rule: found[i].rule.into(),
                fingerprint: fp[i].clone(),
                verdict: v,
                comment: format!("说明{i}"),
                message: String::new(),
                date: None,
            });
        }
        let r = review(&ds, "某 局", 2024, found.clone());
        assert_eq!(r.dismissed.len(), 1);
        assert_eq!(r.dismissed[0].0.message.zh, "甲");
        let marks: Vec<Option<&str>> = r
            .kept
            .iter()
            .map(|k| k.2.as_ref().map(|m| m.comment.as_str()))
            .collect();
        assert_eq!(marks, [None, Some("说明2")]);
        // Another year of the unit: nothing applies.
        assert!(review(&ds, "某局", 2023, found).dismissed.is_empty());
    }
}
