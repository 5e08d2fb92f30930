//! The items of `--format json`, written straight into the output buffer.
//!
//! The format is serde_json's pretty printing of these structs (two spaces
//! a level, fields in declaration order, `null` for a fix that is absent,
//! optional fields left out): the structs keep their `Serialize` derive and
//! the tests below check the writer against it, byte for byte. Written by
//! hand because serde's pretty printer, two bytes of indent and one key at a
//! time, took a tenth of a batch's time for what is mostly copying.

use nianbao::decisions::{Mark, Verdict};
use nianbao::diagnostic::Applicability;

#[derive(serde::Serialize)]
pub struct JsonEdit<'a> {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: &'a str,
}

#[derive(serde::Serialize)]
pub struct JsonFix<'a> {
    pub message: &'a str,
    pub applicability: Applicability,
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(serde::Serialize)]
pub struct JsonRelated<'a> {
    /// Another file (last year's report, a unit's report); absent: this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// One finding of `--format json`, fields in the documented order.
#[derive(serde::Serialize)]
pub struct JsonDiag<'a> {
    pub path: &'a str,
    pub rule: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub fix: Option<JsonFix<'a>>,
    pub related: Vec<JsonRelated<'a>>,
    /// Word and PDF files: “表三 第12行 第2列”, “第3页 表三 第12行 第2列”.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// What the finding says, hashed (the key of a review decision).
    pub fingerprint: String,
    /// The reviewer's decision (`--decisions`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<&'a Mark>,
    /// PDF files: the page (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// Appends `items` as the elements of a top-level array: each indented by
/// one level, separated by `,\n`, without the brackets (the stream writes
/// those, and the separators between files).
pub fn write_items(out: &mut String, items: &[JsonDiag]) {
    for (i, d) in items.iter().enumerate() {
        out.push_str(if i == 0 { "  {" } else { ",\n  {" });
        write_diag(out, d);
        out.push_str("\n  }");
    }
}

/// A key at `indent` spaces, after the object's previous field.
macro_rules! key {
    ($out:expr, $indent:literal, $name:literal) => {
        $out.push_str(concat!(",\n", $indent, "\"", $name, "\": "))
    };
}

/// The first key of an object, right after its `{`.
macro_rules! first_key {
    ($out:expr, $indent:literal, $name:literal) => {
        $out.push_str(concat!("\n", $indent, "\"", $name, "\": "))
    };
}

/// The four position fields of an object (`line` written with `$line_key`:
/// `first_key` when it opens the object, `key` after another field).
macro_rules! range_fields {
    ($out:expr, $indent:literal, $x:expr, $line_key:ident) => {
        $line_key!($out, $indent, "line");
        number($out, $x.line as u64);
        key!($out, $indent, "column");
        number($out, $x.column as u64);
        key!($out, $indent, "end_line");
        number($out, $x.end_line as u64);
        key!($out, $indent, "end_column");
        number($out, $x.end_column as u64);
    };
}

fn write_diag(out: &mut String, d: &JsonDiag) {
    first_key!(out, "    ", "path");
    string(out, d.path);
    key!(out, "    ", "rule");
    string(out, d.rule);
    key!(out, "    ", "severity");
    string(out, d.severity);
    key!(out, "    ", "message");
    string(out, d.message);
    range_fields!(out, "    ", d, key);
    key!(out, "    ", "fix");
    match &d.fix {
        None => out.push_str("null"),
        Some(f) => write_fix(out, f),
    }
    key!(out, "    ", "related");
    if d.related.is_empty() {
        out.push_str("[]");
    } else {
        out.push('[');
        for (i, r) in d.related.iter().enumerate() {
            out.push_str(if i == 0 { "\n      {" } else { ",\n      {" });
            write_related(out, r);
            out.push_str("\n      }");
        }
        out.push_str("\n    ]");
    }
    if let Some(l) = &d.location {
        key!(out, "    ", "location");
        string(out, l);
    }
    key!(out, "    ", "fingerprint");
    string(out, &d.fingerprint);
    if let Some(m) = d.decision {
        key!(out, "    ", "decision");
        out.push('{');
        first_key!(out, "      ", "verdict");
        string(
            out,
            match m.verdict {
                Verdict::Confirmed => "confirmed",
                Verdict::Dismissed => "dismissed",
            },
        );
        key!(out, "      ", "comment");
        string(out, &m.comment);
        out.push_str("\n    }");
    }
    if let Some(p) = d.page {
        key!(out, "    ", "page");
        number(out, u64::from(p));
    }
}

fn write_fix(out: &mut String, f: &JsonFix) {
    out.push('{');
    first_key!(out, "      ", "message");
    string(out, f.message);
    key!(out, "      ", "applicability");
    string(
        out,
        match f.applicability {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        },
    );
    key!(out, "      ", "edits");
    if f.edits.is_empty() {
        out.push_str("[]");
    } else {
        out.push('[');
        for (i, e) in f.edits.iter().enumerate() {
            out.push_str(if i == 0 {
                "\n        {"
            } else {
                ",\n        {"
            });
            range_fields!(out, "          ", e, first_key);
            key!(out, "          ", "text");
            string(out, e.text);
            out.push_str("\n        }");
        }
        out.push_str("\n      ]");
    }
    out.push_str("\n    }");
}

fn write_related(out: &mut String, r: &JsonRelated) {
    // `path` is the first field when present; `line` is first otherwise.
    match r.path {
        Some(p) => {
            first_key!(out, "        ", "path");
            string(out, p);
            range_fields!(out, "        ", r, key);
        }
        None => {
            range_fields!(out, "        ", r, first_key);
        }
    }
    key!(out, "        ", "message");
    string(out, r.message);
    if let Some(l) = &r.location {
        key!(out, "        ", "location");
        string(out, l);
    }
    if let Some(p) = r.page {
        key!(out, "        ", "page");
        number(out, u64::from(p));
    }
}

fn number(out: &mut String, n: u64) {
    // Most numbers are lines and columns: a few digits.
    if n >= 10 {
        number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// A JSON string as serde_json writes it: `"` and `\` escaped, control
/// characters as `\n`-style escapes where JSON has one and `\u00XX`
/// otherwise, everything else (DEL, every non-ASCII character) as is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let needs_escape = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    // Most strings need no escape: one pass to tell (no early exit, so the
    // compiler can do it a vector at a time), one copy.
    let clean = bytes
        .chunks(32)
        .all(|c| !c.iter().fold(false, |any, &b| any | needs_escape(b)));
    if clean {
        out.push_str(s);
    } else {
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !needs_escape(b) {
                continue;
            }
            // `from` and `i` are at ASCII bytes or the ends: boundaries.
            out.push_str(s.get(from..i).unwrap_or_default());
            from = i + 1;
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                0x08 => out.push_str("\\b"),
                0x0c => out.push_str("\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(char::from(HEX[usize::from(b >> 4)]));
                    out.push(char::from(HEX[usize::from(b & 0xf)]));
                }
            }
        }
        out.push_str(s.get(from..).unwrap_or_default());
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's pretty array of `items`, without its brackets: what
    /// `write_items` must give.
    fn by_serde(items: &[JsonDiag]) -> String {
        let array = serde_json::to_string_pretty(items).expect("serializes");
        match array
            .strip_prefix("[\n")
            .and_then(|a| a.strip_suffix("\n]"))
        {
            Some(inner) => inner.to_string(),
            None => String::new(),
        }
    }

    fn by_hand(items: &[JsonDiag]) -> String {
        let mut out = String::new();
        write_items(&mut out, items);
        out
    }

    fn diag<'a>(path: &'a str, message: &'a str) -> JsonDiag<'a> {
        JsonDiag {
            path,
            rule: "table-sum",
            severity: "error",
            message,
            line: 12,
            column: 3,
            end_line: 12,
            end_column: 9,
            fix: None,
            related: Vec::new(),
            location: None,
            fingerprint: "64193b650804b2d6".to_string(),
            decision: None,
            page: None,
        }
    }

    #[test]
    fn plain_findings_match_serde() {
        let items = [
            diag("a.txt", "表三“总计”应为 12"),
            diag("b.txt", "正文说 3 件"),
        ];
        assert_eq!(by_hand(&items), by_serde(&items));
        assert_eq!(by_hand(&items[..1]), by_serde(&items[..1]));
        assert_eq!(by_hand(&[]), "");
    }

    #[test]
    fn every_optional_field_matches_serde() {
        let mark = Mark {
            verdict: Verdict::Dismissed,
            comment: "已核实\t\"原表如此\"".to_string(),
        };
        let mut full = diag("报告/2024年.docx", "改为 7");
        full.fix = Some(JsonFix {
            message: "改为“大新镇”",
            applicability: Applicability::Unsafe,
            edits: vec![
                JsonEdit {
                    line: 29,
                    column: 16,
                    end_line: 29,
                    end_column: 19,
                    text: "大新镇",
                },
                JsonEdit {
                    line: 30,
                    column: 1,
                    end_line: 31,
                    end_column: 1,
                    text: "\n## 六、其他需要报告的事项\n",
                },
            ],
        });
        full.related = vec![
            JsonRelated {
                path: Some("2023.txt"),
                line: 94,
                column: 9,
                end_line: 94,
                end_column: 10,
                message: "表四“行政复议”总计：4",
                location: Some("表三 第12行 第2列".to_string()),
                page: Some(3),
            },
            JsonRelated {
                path: None,
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 2,
                message: "here",
                location: None,
                page: None,
            },
        ];
        full.location = Some("第3页 表三 第12行 第2列".to_string());
        full.decision = Some(&mark);
        full.page = Some(u32::MAX);
        full.line = usize::MAX;
        let mut safe = diag("c.pdf", "m");
        safe.fix = Some(JsonFix {
            message: "填 0",
            applicability: Applicability::Safe,
            edits: Vec::new(),
        });
        let confirmed = Mark {
            verdict: Verdict::Confirmed,
            comment: String::new(),
        };
        safe.decision = Some(&confirmed);
        let items = [full, safe];
        assert_eq!(by_hand(&items), by_serde(&items));
    }

    #[test]
    fn every_byte_that_needs_escaping_matches_serde() {
        // Every ASCII byte, DEL, CJK, an emoji, and each escape at both ends
        // and beside the 32-byte block edges of the clean-string test.
        let mut text: String = (0u8..=0x7f).map(char::from).collect();
        text.push_str("年报😀\u{2028}");
        let mut samples = vec![text];
        for c in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
            for at in [0, 1, 31, 32, 33, 63, 64] {
                let mut s = "a".repeat(at);
                s.push(c);
                s.push('尾');
                samples.push(s);
            }
        }
        for s in &samples {
            let items = [diag(s, s)];
            assert_eq!(by_hand(&items), by_serde(&items), "{s:?}");
        }
    }
}
