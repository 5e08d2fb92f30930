//! Deciding whether a document is linted, linting it, and turning nianbao
//! findings into LSP diagnostics.

use nianbao::lint::{LintOptions, lint_report};
use nianbao::model;
use nianbao::{Diagnostic, Severity};
use serde_json::json;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::config::{Config, uri_path};
use super::convert::Converter;

/// The findings for one version of a document under one configuration.
#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    pub generation: u64,
    /// False for documents that are not annual reports: no findings, and no
    /// completions, hovers or hints either.
    pub linted: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// The options it was linted with (project file + settings); features
    /// bind the report with the same ones.
    pub options: LintOptions,
}

/// Whether a document is one nianbao should lint: it looks like an annual
/// report, its path matches `lintGlobs`, or its language is `nianbao`.
pub fn should_lint(looks_like_report: bool, uri: &Uri, language_id: &str, cfg: &Config) -> bool {
    looks_like_report
        || language_id.eq_ignore_ascii_case("nianbao")
        || (!cfg.lint_globs.is_empty() && cfg.matches_glob(&uri_path(uri.as_str())))
}

pub struct Input<'a> {
    pub text: &'a str,
    pub uri: &'a Uri,
    pub language_id: &'a str,
    pub version: i32,
    pub generation: u64,
}

pub fn analyze(input: &Input, cfg: &Config, options: LintOptions) -> Analysis {
    let report = model::bind(input.text, &options.model);
    let linted = should_lint(report.looks_like_report, input.uri, input.language_id, cfg);
    let diagnostics = if linted {
        let mut d = lint_report(&report, &options);
        if input.uri.as_str().starts_with("file:") {
            let path = std::path::PathBuf::from(super::config::uri_path(input.uri.as_str()));
            d.extend(super::crossyear::check(&path, &report, &options));
            d.sort_by_key(|x| (x.span.start, x.span.end, x.rule));
        }
        d
    } else {
        Vec::new()
    };
    Analysis {
        version: input.version,
        generation: input.generation,
        linted,
        diagnostics,
        options,
    }
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
