//! Turning nianbao findings into LSP diagnostics.

use nianbao::{Diagnostic, Severity};
use serde_json::json;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::config::Config;
use super::convert::Converter;

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
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), conv.range(r.span)),
            message: r.message.get(cfg.lang).to_string(),
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
