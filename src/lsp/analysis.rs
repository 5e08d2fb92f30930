//! One analysis per document version: the text, the bound `Report` and the
//! findings, computed once and shared (behind `Arc`) by the publisher and
//! every request handler — hover, inlay hints, symbols, folding, completion
//! and code actions read the same `Report` instead of binding it again.

use std::path::PathBuf;
use std::sync::Arc;

use nianbao::Diagnostic;
use nianbao::config::Config as ProjectConfig;
use nianbao::lint::{Findings, lint_report_after_edit};
use nianbao::model::{self, Report};
use nianbao::options::LintOptions;
use nianbao::text::LineIndex;
use self_cell::self_cell;
use tower_lsp_server::ls_types::Uri;

use super::config::{Config, uri_path};
use super::convert::{Converter, Encoding};
use super::crossyear::{self, Folder};

/// A document's text at one version, with its line index.
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub language_id: String,
    pub text: String,
    pub index: LineIndex,
}

impl Snapshot {
    pub fn new(uri: Uri, version: i32, language_id: String, text: String) -> Snapshot {
        let index = LineIndex::new(&text);
        Snapshot {
            uri,
            version,
            language_id,
            text,
            index,
        }
    }
}

/// What a request handler works on: one consistent version of a document.
pub struct View {
    pub snap: Arc<Snapshot>,
    pub analysis: Arc<Analysis>,
    pub config: Arc<Config>,
    pub enc: Encoding,
}

impl View {
    pub fn conv(&self) -> Converter<'_> {
        Converter::new(&self.snap.text, &self.snap.index, self.enc)
    }
    pub fn text(&self) -> &str {
        &self.snap.text
    }
    pub fn uri(&self) -> &Uri {
        &self.snap.uri
    }
    /// The bound report (shared with every other request on this version);
    /// `None` when the document is not linted.
    pub fn report(&self) -> Option<&nianbao::model::Report<'_>> {
        self.analysis.report()
    }
}

self_cell!(
    /// A snapshot with the report bound from its text.
    struct BoundReport {
        owner: Arc<Snapshot>,
        #[covariant]
        dependent: Report,
    }
);

/// Everything besides the text that a document's findings depend on. The
/// server resolves it (disk included) when a document is opened or a file it
/// depends on changes, never while the user types.
pub struct Inputs {
    pub config: Arc<Config>,
    /// The nearest `nianbao.toml`, if any.
    pub project: Option<Arc<ProjectConfig>>,
    /// The document's folder on disk (for `carry-over`), if indexed.
    pub folder: Option<Arc<Folder>>,
    /// Changes whenever one of the above does, so cached analyses expire.
    pub stamp: u64,
}

/// The findings for one version of a document under one set of inputs.
pub struct Analysis {
    pub stamp: u64,
    pub diagnostics: Vec<Diagnostic>,
    /// The options it was linted with (project file + settings).
    pub options: LintOptions,
    /// The bound report; `None` for documents that are not linted.
    bound: Option<BoundReport>,
    /// Each rule's findings, for the next version's lint to reuse.
    findings: Findings,
    /// Last year's report the findings' related places may point into.
    pub last_year: Option<Arc<crossyear::Candidate>>,
    /// What it took from the previous version's analysis.
    pub reuse: Reuse,
}

/// How much of the previous version's analysis an analysis reused: the
/// server counts these (`nianbao/stats`), so tests and the benchmark can
/// show that typing never falls back to reading or linting the whole text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reuse {
    /// There was a previous version's report to start from (an edit).
    pub after_edit: bool,
    /// After an edit, the text was parsed whole anyway (its lines could not
    /// be matched with the previous version's).
    pub full_read: bool,
    /// Tables read again rather than taken from the previous version.
    pub tables_read: usize,
    /// Tables taken from the previous version with a retyped number's new
    /// value (not read again).
    pub tables_patched: usize,
    /// After an edit under the same inputs, no rule's findings carried over
    /// (every rule ran on every line).
    pub full_lint: bool,
}

impl Analysis {
    /// False for documents that are not annual reports: no findings, and no
    /// completions, hovers or hints either.
    pub fn linted(&self) -> bool {
        self.bound.is_some()
    }

    pub fn report(&self) -> Option<&Report<'_>> {
        self.bound.as_ref().map(|b| b.borrow_dependent())
    }

    /// What a document gets when its analysis failed: nothing.
    pub fn empty(stamp: u64, options: LintOptions) -> Analysis {
        Analysis {
            stamp,
            diagnostics: Vec::new(),
            options,
            bound: None,
            findings: Findings::default(),
            last_year: None,
            reuse: Reuse::default(),
        }
    }
}

/// Whether a document is one nianbao should lint: it looks like an annual
/// report, its path matches `lintGlobs`, or its language is `nianbao`.
pub fn should_lint(looks_like_report: bool, uri: &Uri, language_id: &str, cfg: &Config) -> bool {
    looks_like_report
        || language_id.eq_ignore_ascii_case("nianbao")
        || (!cfg.lint_globs.is_empty() && cfg.matches_glob(&uri_path(uri.as_str())))
}

/// The path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    uri.as_str()
        .starts_with("file:")
        .then(|| PathBuf::from(uri_path(uri.as_str())))
}

/// Documents from this size (bytes) up are linted on two threads.
const PARALLEL_FROM: usize = 16 * 1024;

/// Binds and lints a snapshot. Pure: no disk (last year's report comes
/// from the already indexed `inputs.folder`). With the analysis of the
/// document's previous version, the syntax of the lines an edit did not
/// touch is reused (the result is the same: `tests/incremental.rs`).
pub fn analyze(snap: Arc<Snapshot>, inputs: &Inputs, previous: Option<&Analysis>) -> Analysis {
    let options = inputs.config.options_with(inputs.project.as_deref());
    let stamp = inputs.stamp;
    // The rules' findings carry over only from a lint under the same inputs.
    let previous_findings = previous
        .filter(|p| p.stamp == stamp)
        .and_then(|p| Some((p.report()?, &p.findings)));
    let previous = previous.and_then(Analysis::report);
    let bound = BoundReport::new(snap, |s| match previous {
        Some(p) => model::bind_after_edit(&s.text, &options.model, p),
        None => model::bind(&s.text, &options.model),
    });
    let snap = bound.borrow_owner();
    let report = bound.borrow_dependent();
    let mut reuse = Reuse {
        after_edit: previous.is_some(),
        full_read: previous.is_some() && report.edit.is_none(),
        tables_read: report.reads.iter().filter(|r| !r.reused).count(),
        tables_patched: report.reads.iter().filter(|r| r.patched).count(),
        full_lint: false,
    };
    if !should_lint(
        report.looks_like_report,
        &snap.uri,
        &snap.language_id,
        &inputs.config,
    ) {
        return Analysis::empty(stamp, options);
    }
    // Both cores: the rules split in two halves (the reader itself is one
    // pass); small documents are not worth the thread hand-over.
    let (mut diagnostics, findings) = if snap.text.len() >= PARALLEL_FROM {
        lint_report_after_edit(report, &options, previous_findings, |a, b| {
            rayon::join(a, b)
        })
    } else {
        lint_report_after_edit(report, &options, previous_findings, |a, b| (a(), b()))
    };
    reuse.full_lint = previous_findings.is_some() && findings.carried == 0;
    let mut last_year = None;
    if let (Some(folder), Some(path)) = (&inputs.folder, file_path(&snap.uri)) {
        let (found, last) = crossyear::check(report, &path, folder, &options);
        nianbao::crossdoc::merge(&mut diagnostics, found);
        last_year = last;
    }
    Analysis {
        stamp,
        diagnostics,
        options,
        bound: Some(bound),
        findings,
        last_year,
        reuse,
    }
}
