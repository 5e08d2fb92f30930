//! Turning nianbao findings into LSP diagnostics.

use nianbao::{Diagnostic, Severity};
use serde_json::json;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::config::{Config, file_uri};
use super::convert::Converter;
use super::crossyear::Candidate;

/// Where a related place is: this document (`uri`, `conv`), or another
/// file (`Related::file`: last year's report, when `last_year` is it).
/// `None` for a place in a file this document's analysis does not hold.
fn place(
    r: &nianbao::diagnostic::Related,
    conv: &Converter,
    uri: &Uri,
    last_year: Option<&Candidate>,
) -> Option<(Uri, lsp::Range)> {
    let Some(file) = &r.file else {
        return Some((uri.clone(), conv.range(r.span)));
    };
    let last = last_year.filter(|c| c.name() == file)?;
    let there = file_uri(&last.path().to_string_lossy())?;
    // A Word file has no lines: its start.
    let range = match (last.file_text(), last.index()) {
        (Some(text), Some(index)) => Converter::new(text, index, conv.encoding()).range(
            nianbao::text::Span::new(last.file_offset(r.span.start), last.file_offset(r.span.end)),
        ),
        _ => lsp::Range::default(),
    };
    Some((there, range))
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The LSP form of a finding. `data` carries the rule, the byte span and the
/// version, so a code action request can find the finding again.
pub fn to_lsp(
    d: &Diagnostic,
    conv: &Converter,
    uri: &Uri,
    cfg: &Config,
    version: i32,
    last_year: Option<&Candidate>,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let (uri, range) = place(r, conv, uri, last_year)?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, range),
                message: r.message.get(cfg.lang).to_string(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: conv.range(d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: None,
        source: Some("nianbao".into()),
        message: d.message.get(cfg.lang).to_string(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(json!({
            "rule": d.rule,
            "start": d.span.start,
            "end": d.span.end,
            "version": version,
            "fix": d.fix.as_ref().map(|f| if f.is_safe() { "safe" } else { "unsafe" }),
        })),
    }
}

/// The `publishDiagnostics` notification as it goes on the wire: the same
/// JSON as [`to_lsp`] gives, written straight from the findings (borrowed
/// strings, no `serde_json::Value` per finding). A large document has a
/// thousand findings and they are sent after every keystroke.
#[derive(serde::Serialize)]
pub struct Publish<'a> {
    pub uri: &'a Uri,
    pub diagnostics: Vec<Wire<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Wire<'a> {
    range: lsp::Range,
    severity: DiagnosticSeverity,
    code: &'static str,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_information: Vec<WireRelated<'a>>,
    data: WireData,
}

#[derive(serde::Serialize)]
struct WireRelated<'a> {
    location: WireLocation,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct WireLocation {
    uri: Uri,
    range: lsp::Range,
}

#[derive(serde::Serialize)]
struct WireData {
    rule: &'static str,
    start: usize,
    end: usize,
    version: i32,
    fix: Option<&'static str>,
}

/// The wire form of a finding; see [`Publish`].
pub fn to_wire<'a>(
    d: &'a Diagnostic,
    conv: &Converter,
    uri: &'a Uri,
    cfg: &Config,
    version: i32,
    last_year: Option<&Candidate>,
) -> Wire<'a> {
    Wire {
        range: conv.range(d.span),
        severity: severity(d.severity),
        code: d.rule,
        source: "nianbao",
        message: d.message.get(cfg.lang),
        related_information: d
            .related
            .iter()
            .filter_map(|r| {
                let (uri, range) = place(r, conv, uri, last_year)?;
                Some(WireRelated {
                    location: WireLocation { uri, range },
                    message: r.message.get(cfg.lang),
                })
            })
            .collect(),
        data: WireData {
            rule: d.rule,
            start: d.span.start,
            end: d.span.end,
            version,
            fix: d
                .fix
                .as_ref()
                .map(|f| if f.is_safe() { "safe" } else { "unsafe" }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::config::Config;
    use nianbao::text::LineIndex;

    /// The wire form is exactly the JSON of the `ls_types` form, which the
    /// pull model (`textDocument/diagnostic`) and code actions use.
    #[test]
    fn wire_json_equals_the_typed_json() {
        let text = include_str!("../../tests/fixtures/002_bf80b47987e57cd0.txt");
        let findings = nianbao::lint(text, &Default::default());
        assert!(findings.iter().any(|d| !d.related.is_empty()));
        assert!(findings.iter().any(|d| d.fix.is_some()));
        let index = LineIndex::new(text);
        let cfg = Config::default();
        let uri: Uri = "file:///tmp/%E5%B9%B4%E6%8A%A5.md".parse().expect("uri");
        for enc in [
            super::super::convert::Encoding::Utf16,
            super::super::convert::Encoding::Utf8,
        ] {
            let conv = Converter::new(text, &index, enc);
            let typed: Vec<lsp::Diagnostic> = findings
                .iter()
                .map(|d| to_lsp(d, &conv, &uri, &cfg, 7, None))
                .collect();
            let wire: Vec<Wire> = findings
                .iter()
                .map(|d| to_wire(d, &conv, &uri, &cfg, 7, None))
                .collect();
            let typed = lsp::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: typed,
                version: Some(7),
            };
            let wire = Publish {
                uri: &uri,
                diagnostics: wire,
                version: Some(7),
            };
            let a = serde_json::to_value(&typed).expect("typed");
            let b = serde_json::to_value(&wire).expect("wire");
            assert_eq!(a, b);
        }
    }
}
