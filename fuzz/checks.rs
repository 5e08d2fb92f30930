//! The properties the fuzz targets check, one function per target. Shared
//! with `cargo test`: tests/fuzz_replay.rs runs the committed seeds and every
//! input a fuzzer ever crashed on (fuzz/regressions/TARGET/) through these
//! same functions, so a crash fixed once stays fixed without nightly tools.
//!
//! Uses only what the main crate depends on (no `arbitrary`): inputs are
//! decoded by hand from the raw bytes.

#![allow(dead_code)]

use nianbao::text::Span;
use nianbao::{Diagnostic, LintOptions};

/// The LSP position/edit code of the server (src/lsp/convert.rs), included
/// as source so the fuzzer exercises exactly what the server runs.
#[allow(dead_code, unused_imports)]
#[path = "../src/lsp/convert.rs"]
mod convert;

pub const TARGETS: [&str; 7] = ["lint", "docx", "edits", "config", "reread", "html", "pdf"];

/// Runs the check of `target` on `data`; false for an unknown target.
pub fn run(target: &str, data: &[u8]) -> bool {
    match target {
        "lint" => lint(data),
        "docx" => docx(data),
        "edits" => edits(data),
        "config" => config(data),
        "reread" => reread(data),
        "html" => html(data),
        "pdf" => pdf(data),
        _ => return false,
    }
    true
}

fn assert_span(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end),
        "{what} {s:?} is not a range of the text (len {})",
        text.len()
    );
}

fn assert_diagnostics(text: &str, diags: &[Diagnostic]) {
    for d in diags {
        assert_span(text, d.span, d.rule);
        for r in &d.related {
            assert_span(text, r.span, d.rule);
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert_span(text, e.span, d.rule);
        }
    }
}

// ------------------------------------------------------------- (a) lint

/// Any bytes, decoded as `nianbao check` does: lint, apply every fix (safe
/// and unsafe), re-lint the result; every range lies on character
/// boundaries inside its text.
pub fn lint(data: &[u8]) {
    let Ok((text, _)) = nianbao::front::decode(data) else {
        return;
    };
    let options = LintOptions::default();
    let diags = nianbao::lint(&text, &options);
    assert_diagnostics(&text, &diags);
    for unsafe_too in [false, true] {
        let (fixed, _) = nianbao::diagnostic::apply_fixes(&text, &diags, unsafe_too);
        assert_diagnostics(&fixed, &nianbao::lint(&fixed, &options));
    }
}

// ------------------------------------------------------------- (b) docx

/// A .docx: bytes starting with `PK` are the whole file (damaged zip);
/// anything else is XML, split at NUL bytes into word/document.xml,
/// word/styles.xml and word/numbering.xml of an intact zip (damaged XML).
/// The rendered text lints like any text, and its map back to paragraphs
/// and cells is sorted, disjoint and inside the text.
pub fn docx(data: &[u8]) {
    let zipped;
    let bytes = if data.starts_with(b"PK") {
        data
    } else {
        zipped = zip_xml_parts(data);
        &zipped[..]
    };
    let Ok(d) = nianbao::front::docx::to_text(bytes) else {
        return;
    };
    let mut end = 0;
    for seg in &d.map {
        let s = Span::new(seg.range.start, seg.range.end);
        assert_span(&d.text, s, "docx segment");
        assert!(
            seg.range.start >= end,
            "docx segments overlap or are unsorted"
        );
        end = seg.range.end;
    }
    let diags = nianbao::lint(&d.text, &LintOptions::default());
    assert_diagnostics(&d.text, &diags);
    for diag in &diags {
        if let Some(loc) = d.locate(diag.span.start) {
            assert_span(
                &d.text,
                Span::new(loc.range.start, loc.range.end),
                "docx location",
            );
            let _ = (loc.describe_zh(), loc.describe_en());
        }
    }
}

/// A stored (uncompressed) zip holding the XML parts, so that mutations
/// reach the XML reader instead of failing the zip checksum.
pub fn zip_xml_parts(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let names = ["word/document.xml", "word/styles.xml", "word/numbering.xml"];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in names.iter().zip(data.splitn(3, |&b| b == 0)) {
        if w.start_file(*name, opts).is_err() || w.write_all(part).is_err() {
            break;
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

// ------------------------------------------------------------- (b2) pdf

/// A PDF: bytes starting with `%PDF` are the whole file (damaged syntax,
/// xref, streams); anything else is the content stream of a one-page PDF
/// with a font and an image (so mutations reach glyphs, ruling lines, the
/// table grid and the rendering instead of failing the file's syntax).
/// Reading never panics; the rendered text lints like any text; its map
/// back to pages, lines and cells is sorted, disjoint and inside the text,
/// and every place names a page of the file.
pub fn pdf(data: &[u8]) {
    let wrapped;
    let bytes = if data.starts_with(b"%PDF") {
        data
    } else {
        wrapped = one_page_pdf(data);
        &wrapped[..]
    };
    let Ok(d) = nianbao::front::pdf::to_text(bytes) else {
        return;
    };
    let mut end = 0;
    for seg in &d.map {
        let s = Span::new(seg.range.start, seg.range.end);
        assert_span(&d.text, s, "pdf segment");
        assert!(
            seg.range.start >= end,
            "pdf segments overlap or are unsorted"
        );
        end = seg.range.end;
        let page = seg.origin.page();
        assert!(page >= 1 && page <= d.pages, "page {page} of {}", d.pages);
    }
    let diags = nianbao::lint(&d.text, &LintOptions::default());
    assert_diagnostics(&d.text, &diags);
    for diag in &diags {
        if let Some(loc) = d.locate(diag.span.start) {
            assert_span(
                &d.text,
                Span::new(loc.range.start, loc.range.end),
                "pdf location",
            );
            let _ = (loc.describe_zh(), loc.describe_en());
        }
    }
}

/// A one-page PDF around a content stream: font /F1 (Helvetica), image
/// /Im1 (10×10 grey), the xref written with the right offsets.
pub fn one_page_pdf(content: &[u8]) -> Vec<u8> {
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    let mut image = b"<< /Length 100 /Type /XObject /Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8 >>\nstream\n".to_vec();
    image.extend_from_slice(&[0x80; 100]);
    image.extend_from_slice(b"\nendstream");
    let objects: [Vec<u8>; 6] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 5 0 R >> >> >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        image,
        stream,
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

// ------------------------------------------------------------ (c) edits

use convert::{Converter, Encoding, apply_change, rope_char};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range};

/// Pieces that texts and edits are made of: astral characters (two UTF-16
/// units, four UTF-8 bytes), CJK, CRLF and lone CR/LF, tabs, table cells.
const PIECES: [&str; 16] = [
    "a",
    "表",
    "𠀀",
    "😀",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "1",
    "é",
    "（一）",
    "自然人",
    "|",
    " ",
    "\u{200b}",
    "👨‍👩‍👧",
];

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn text(&mut self) -> Option<String> {
        let n = self.byte()? % 24;
        (0..n)
            .map(|_| self.byte().map(|b| PIECES[usize::from(b) % PIECES.len()]))
            .collect()
    }

    /// Mostly small lines and columns, sometimes far out of range.
    fn position(&mut self) -> Option<Position> {
        let (l, c) = (self.byte()?, self.byte()?);
        let line = if l >= 250 {
            u32::MAX - u32::from(255 - l)
        } else {
            u32::from(l % 24)
        };
        let character = if c >= 250 {
            u32::MAX - u32::from(255 - c)
        } else {
            u32::from(c)
        };
        Some(Position::new(line, character))
    }
}

/// Byte offset of a position in a plain `String`, written independently of
/// the server's code: lines end at `\n`, a `\r` before it (or ending the
/// text) is not part of the line, columns past the end clamp to the end of
/// the line, a column inside a character rounds down, lines past the end
/// mean the end of the text.
fn model_offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match text[start..].find('\n') {
            Some(p) => start += p + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
    let line = &text[start..end];
    let content = line.strip_suffix('\r').unwrap_or(line);
    let mut used = 0usize;
    for (i, c) in content.char_indices() {
        used += match enc {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        };
        if used > pos.character as usize {
            return start + i;
        }
    }
    start + content.len()
}

/// Random `didChange` edits applied to the server's rope and to a plain
/// `String` model: the two stay equal, and the server's position converter
/// agrees with the model on every position used and round-trips offsets.
pub fn edits(data: &[u8]) {
    let mut input = Input(data);
    let Some(first) = input.byte() else { return };
    let enc = if first & 1 == 0 {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let Some(initial) = input.text() else { return };
    let mut rope = Rope::from_str(&initial);
    let mut model = initial;
    for _ in 0..128 {
        let Some(op) = input.byte() else { break };
        if op % 8 == 7 {
            let Some(text) = input.text() else { break };
            apply_change(&mut rope, None, &text, enc);
            model = text;
        } else {
            let (Some(a), Some(b), Some(text)) = (input.position(), input.position(), input.text())
            else {
                break;
            };
            check_positions(&model, &[a, b], enc);
            let (x, y) = (model_offset(&model, a, enc), model_offset(&model, b, enc));
            model.replace_range(x.min(y)..x.max(y), &text);
            apply_change(&mut rope, Some(Range::new(a, b)), &text, enc);
        }
        assert_eq!(rope.to_string(), model, "rope and model differ ({enc:?})");
        assert_eq!(rope.len_lines(), model.split('\n').count());
    }
    check_round_trips(&model, enc);
}

fn check_positions(text: &str, positions: &[Position], enc: Encoding) {
    let index = nianbao::text::LineIndex::new(text);
    let conv = Converter::new(text, &index, enc);
    let rope = Rope::from_str(text);
    for &p in positions {
        let want = model_offset(text, p, enc);
        assert_eq!(conv.offset(p), want, "converter at {p:?} ({enc:?})");
        assert_eq!(
            rope.char_to_byte(rope_char(&rope, p, enc)),
            want,
            "rope at {p:?}"
        );
    }
}

/// offset → position → offset is the identity for every character boundary
/// that is not inside a line ending.
fn check_round_trips(text: &str, enc: Encoding) {
    let index = nianbao::text::LineIndex::new(text);
    let conv = Converter::new(text, &index, enc);
    for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
        if text[..offset].ends_with('\r') {
            continue;
        }
        let p = conv.position(offset);
        assert_eq!(conv.offset(p), offset, "round trip of {offset} via {p:?}");
        assert_eq!(model_offset(text, p, enc), offset);
    }
}

// ----------------------------------------------------------- (d) config

/// Paths a project's include/exclude globs are matched against.
const PATHS: [&str; 6] = [
    "a.md",
    "年报/2024年报草稿.md",
    "archive/2019/a.txt",
    "a/b/c/d/e/f/g/h/i/j.docx",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.txt",
    "",
];

/// Any bytes as `nianbao.toml`: parsing never panics and an error names a
/// line and column inside the text; the globs of a config that parses match
/// paths quickly. The first two lines are also tried as (glob, path).
pub fn config(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match nianbao::config::parse(&text) {
        Ok(c) => {
            let mut o = LintOptions::default();
            c.apply(&mut o);
            for p in PATHS {
                let _ = c.selects(p);
            }
        }
        Err(e) => {
            assert!(e.line >= 1 && e.line <= text.split('\n').count(), "{e:?}");
            assert!(e.column >= 1, "{e:?}");
        }
    }
    let mut lines = text.lines();
    if let (Some(glob), Some(path)) = (lines.next(), lines.next()) {
        let got = nianbao::config::glob_match(glob, path);
        // Short enough for the plain backtracking matcher: both agree.
        if glob.chars().count() <= 12 && path.chars().count() <= 24 {
            assert_eq!(got, reference_glob(glob, path), "{glob:?} vs {path:?}");
        }
    }
}

/// The glob semantics as first written (backtracking, exponential on
/// patterns with many `*`): the reference for the memoized matcher.
fn reference_glob(pattern: &str, path: &str) -> bool {
    fn go(p: &[char], s: &[char]) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some('*') if p.get(1) == Some(&'*') => {
                let rest = if p.get(2) == Some(&'/') {
                    &p[3..]
                } else {
                    &p[2..]
                };
                rest.is_empty()
                    || (0..=s.len()).any(|i| (i == 0 || s[i - 1] == '/') && go(rest, &s[i..]))
            }
            Some('*') => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != '/')
                .any(|i| go(&p[1..], &s[i..])),
            Some('?') => !s.is_empty() && s[0] != '/' && go(&p[1..], &s[1..]),
            Some(c) => !s.is_empty() && s[0] == *c && go(&p[1..], &s[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let name = if pattern.contains('/') {
        path
    } else {
        path.rsplit('/').next().unwrap_or(path)
    };
    go(&p, &name.chars().collect::<Vec<_>>())
}

// ----------------------------------------------------------- (e) reread

/// What an edit types: pieces of table rows, headings, line breaks.
const TYPED: [&str; 16] = [
    "0",
    "7",
    "12",
    "\n",
    "\r\n",
    "\t",
    " ",
    "。",
    "\t0\t0\t0\t0\t0\t0\t0\n",
    "（七）总计",
    "四、结转下年度继续办理",
    "二、主动公开政府信息情况\n",
    "三、收到和处理政府信息公开申请情况\n",
    "行政复议",
    "- 5 -\n",
    "𠀀",
];

/// A report and an edit script (split at the first NUL byte): each edit
/// (position, bytes deleted, what is typed) is read the way the language
/// server reads it — from the previous version's report, reusing the lines
/// and tables it did not touch — and must give exactly the report and the
/// findings a full read of the new text gives.
pub fn reread(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let mut texts = vec![String::from_utf8_lossy(&data[..split]).into_owned()];
    let mut script = Input(data.get(split + 1..).unwrap_or(&[]));
    for _ in 0..8 {
        let (Some(a), Some(b), Some(del), Some(what)) =
            (script.byte(), script.byte(), script.byte(), script.byte())
        else {
            break;
        };
        let Some(text) = texts.last() else { break };
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let at = floor(text.len() * usize::from(u16::from_le_bytes([a, b])) / 65535);
        let end = floor(at + usize::from(del % 64));
        let typed = if what & 0x80 == 0 {
            TYPED[usize::from(what) % TYPED.len()]
        } else {
            ""
        };
        texts.push(format!("{}{typed}{}", &text[..at], &text[end..]));
    }
    let options = LintOptions::default();
    let mut previous = nianbao::model::bind(&texts[0], &options.model);
    for next in &texts[1..] {
        let reused = nianbao::model::bind_after_edit(next, &options.model, &previous);
        let full = nianbao::model::bind(next, &options.model);
        assert_eq!(reused.doc.lines, full.doc.lines, "lines after an edit");
        assert_eq!(
            format!("{:?}", (&reused.table2, &reused.table3, &reused.table4)),
            format!("{:?}", (&full.table2, &full.table3, &full.table4)),
            "tables after an edit"
        );
        assert_eq!(
            format!("{:?}", (&reused.shape_issues, &reused.variants)),
            format!("{:?}", (&full.shape_issues, &full.variants)),
        );
        assert_eq!(reused.dump(), full.dump());
        assert_eq!(
            format!("{:?}", nianbao::lint::lint_report(&reused, &options)),
            format!("{:?}", nianbao::lint::lint_report(&full, &options)),
            "findings after an edit"
        );
        previous = reused;
    }
}

// ------------------------------------------------------------- (f) html

/// Any bytes as a saved web page: read or refused, never a panic; every
/// offset of the text read maps into the page, in order within a line's
/// copied runs; the text lints like any text and every finding has a
/// position in the page.
pub fn html(data: &[u8]) {
    let Ok(input) = nianbao::front::read("page.html", data) else {
        return;
    };
    let nianbao::front::Source::Html(h) = &input.source else {
        panic!("a .html file read by another front end");
    };
    assert_eq!(input.text, h.text);
    for (i, _) in h
        .text
        .char_indices()
        .chain(std::iter::once((h.text.len(), ' ')))
    {
        let at = h.page_offset(i);
        assert!(at <= h.page.len(), "offset {i} maps past the page");
        let (line, col) = h.position(i);
        assert!(line >= 1 && col >= 1);
    }
    let diags = nianbao::lint(&h.text, &LintOptions::default());
    assert_diagnostics(&h.text, &diags);
    for d in &diags {
        assert!(input.source.place(d.span.start).is_some());
    }
}
