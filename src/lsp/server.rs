//! The language server proper: document store, handlers and the publisher.
//!
//! Ordering. tower-lsp-server polls up to four handlers at once, and any
//! `.await` inside a handler lets another one run (tower-lsp #284). So:
//! - every handler that changes state does it synchronously, under a std
//!   `Mutex`, before any `.await` (the notification handlers never await at
//!   all), and handlers are first polled in arrival order, so edits are
//!   applied in the order the client sent them;
//! - handlers never send diagnostics themselves: they queue a job
//!   `(uri, version)` on an unbounded channel (no await) and one publisher
//!   task sends the jobs in order. A job whose version is no longer the
//!   document's current version is dropped (a newer job follows), so
//!   published versions only grow and the last one published is the latest;
//! - no handler awaits a request to the client (`workspace/configuration`,
//!   `workspace/applyEdit`): settings come from `initializationOptions` and
//!   `didChangeConfiguration`, edits are returned in code actions.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, MutexGuard};

use nianbao::text::LineIndex;
use ropey::Rope;
use serde_json::Value;
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::config::Config;
use super::convert::{Converter, Encoding, apply_change};
use super::diagnostics::{Analysis, Input, analyze, to_lsp};
use super::project::ProjectConfigs;
use super::{actions, completion, hints, hover, symbols};

/// A document's text at one version, with its line index.
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub language_id: String,
    pub text: String,
    pub index: LineIndex,
}

struct Doc {
    rope: Rope,
    version: i32,
    language_id: String,
    snapshot: Option<Arc<Snapshot>>,
    analysis: Option<Arc<Analysis>>,
}

struct State {
    docs: HashMap<Uri, Doc>,
    config: Arc<Config>,
    /// Bumped on every configuration change, so cached analyses expire.
    generation: u64,
    encoding: Encoding,
    shutdown: bool,
    inlay_refresh: bool,
    projects: ProjectConfigs,
}

pub enum Job {
    Publish(Uri, i32),
    Clear(Uri),
}

pub struct Shared {
    /// The client pulls diagnostics (`textDocument/diagnostic`): then they
    /// are not pushed as well, or editors would show every finding twice.
    client_pulls: std::sync::atomic::AtomicBool,
    state: Mutex<State>,
    jobs: mpsc::UnboundedSender<Job>,
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
}

/// Runs `f`, turning a panic into `None` so one bad request cannot take the
/// server down.
pub fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match std::panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(_) => {
            eprintln!("nianbao lsp: internal error in {what}; ignored");
            None
        }
    }
}

impl Shared {
    pub fn new(jobs: mpsc::UnboundedSender<Job>) -> Self {
        Shared {
            client_pulls: std::sync::atomic::AtomicBool::new(false),
            state: Mutex::new(State {
                docs: HashMap::new(),
                config: Arc::new(Config::default()),
                generation: 0,
                encoding: Encoding::Utf16,
                shutdown: false,
                inlay_refresh: false,
                projects: ProjectConfigs::default(),
            }),
            jobs,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn shutdown_requested(&self) -> bool {
        self.lock().shutdown
    }

    fn queue(&self, job: Job) {
        if self.client_pulls.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        // Fails only when the publisher is gone, i.e. the server is exiting.
        let _ = self.jobs.send(job);
    }

    /// The current version of a document with its (cached) analysis.
    pub fn view(&self, uri: &Uri) -> Option<View> {
        let mut st = self.lock();
        let enc = st.encoding;
        let config = st.config.clone();
        let generation = st.generation;
        let st = &mut *st;
        let doc = st.docs.get_mut(uri)?;
        let snap = match &doc.snapshot {
            Some(s) if s.version == doc.version => s.clone(),
            _ => {
                let text = doc.rope.to_string();
                let index = LineIndex::new(&text);
                let s = Arc::new(Snapshot {
                    uri: uri.clone(),
                    version: doc.version,
                    language_id: doc.language_id.clone(),
                    text,
                    index,
                });
                doc.snapshot = Some(s.clone());
                s
            }
        };
        let analysis = match &doc.analysis {
            Some(a) if a.version == doc.version && a.generation == generation => a.clone(),
            _ => {
                let project = st.projects.for_uri(uri);
                let options = config.options_with(project.as_ref());
                let input = Input {
                    text: &snap.text,
                    uri,
                    language_id: &snap.language_id,
                    version: snap.version,
                    generation,
                };
                let a = guard("lint", || analyze(&input, &config, options.clone())).unwrap_or(
                    Analysis {
                        version: snap.version,
                        generation,
                        linted: false,
                        diagnostics: Vec::new(),
                        options,
                    },
                );
                let a = Arc::new(a);
                doc.analysis = Some(a.clone());
                a
            }
        };
        Some(View {
            snap,
            analysis,
            config,
            enc,
        })
    }

    /// The LSP diagnostics of `uri` if `version` is still its current version.
    fn diagnostics_for(&self, uri: &Uri, version: i32) -> Option<Vec<Diagnostic>> {
        let current = self.lock().docs.get(uri).map(|d| d.version)?;
        if current != version {
            return None;
        }
        let view = self.view(uri)?;
        Some(lsp_diagnostics(&view))
    }
}

fn lsp_diagnostics(view: &View) -> Vec<Diagnostic> {
    let conv = view.conv();
    view.analysis
        .diagnostics
        .iter()
        .map(|d| to_lsp(d, &conv, view.uri(), &view.config, view.snap.version))
        .collect()
}

/// Sends queued diagnostics one at a time, in queue order, skipping jobs for
/// versions that are no longer current.
pub async fn publish_loop(
    client: Client,
    shared: Arc<Shared>,
    mut rx: mpsc::UnboundedReceiver<Job>,
) {
    while let Some(job) = rx.recv().await {
        match job {
            Job::Publish(uri, version) => {
                let Some(items) =
                    guard("publish", || shared.diagnostics_for(&uri, version)).flatten()
                else {
                    continue;
                };
                client.publish_diagnostics(uri, items, Some(version)).await;
            }
            Job::Clear(uri) => client.publish_diagnostics(uri, Vec::new(), None).await,
        }
    }
}

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
}

impl Backend {
    pub fn new(client: Client, shared: Arc<Shared>) -> Self {
        Backend { client, shared }
    }

    /// Answers the stand-in for a malformed message (see `transport`).
    pub async fn invalid_message(&self, params: Value) -> Result<()> {
        Err(match params.get("code").and_then(Value::as_i64) {
            Some(-32700) => tower_lsp_server::jsonrpc::Error::parse_error(),
            _ => tower_lsp_server::jsonrpc::Error::invalid_request(),
        })
    }

    fn set_config(&self, settings: &Value) {
        if settings.is_null() {
            return;
        }
        let (config, warnings) = Config::from_json(settings);
        for w in warnings {
            eprintln!("nianbao lsp: settings: {w}");
        }
        self.relint_all(Some(config));
    }

    /// Re-lints every open document, with new settings if given (and the
    /// project files re-read).
    fn relint_all(&self, config: Option<Config>) {
        let (jobs, refresh) = {
            let mut st = self.shared.lock();
            if let Some(c) = config {
                st.config = Arc::new(c);
            }
            st.projects.clear();
            st.generation += 1;
            let jobs: Vec<(Uri, i32)> = st
                .docs
                .iter()
                .map(|(u, d)| (u.clone(), d.version))
                .collect();
            (jobs, st.inlay_refresh)
        };
        for (uri, version) in jobs {
            self.shared.queue(Job::Publish(uri, version));
        }
        if refresh {
            // Fire and forget: no handler waits for the client's answer.
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.inlay_hint_refresh().await;
            });
        }
        if self
            .shared
            .client_pulls
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            // Pulling clients learn that their diagnostics are stale.
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }
}

fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("nianbao".into()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(actions::FIX_ALL),
            ]),
            work_done_progress_options: Default::default(),
            resolve_provider: Some(false),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["、".into()]),
            resolve_provider: Some(false),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let enc = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let refresh = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|i| i.refresh_support)
            .unwrap_or(false);
        let pulls = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.diagnostic.as_ref())
            .is_some();
        self.shared
            .client_pulls
            .store(pulls, std::sync::atomic::Ordering::Relaxed);
        {
            let mut st = self.shared.lock();
            st.encoding = enc;
            st.inlay_refresh = refresh;
        }
        if let Some(opts) = &params.initialization_options {
            self.set_config(opts);
        }
        Ok(InitializeResult {
            capabilities: capabilities(enc),
            server_info: Some(ServerInfo {
                name: "nianbao".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..Default::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.lock().shutdown = true;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        {
            let mut st = self.shared.lock();
            st.docs.insert(
                td.uri.clone(),
                Doc {
                    rope: Rope::from_str(&td.text),
                    version: td.version,
                    language_id: td.language_id,
                    snapshot: None,
                    analysis: None,
                },
            );
        }
        self.shared.queue(Job::Publish(td.uri, td.version));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let known = {
            let mut st = self.shared.lock();
            let enc = st.encoding;
            match st.docs.get_mut(&uri) {
                Some(doc) => {
                    for change in &params.content_changes {
                        apply_change(&mut doc.rope, change.range, &change.text, enc);
                    }
                    doc.version = version;
                    doc.snapshot = None;
                    doc.analysis = None;
                    true
                }
                None => false,
            }
        };
        if known {
            self.shared.queue(Job::Publish(uri, version));
        } else {
            eprintln!(
                "nianbao lsp: didChange for a document that is not open: {}",
                uri.as_str()
            );
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = self.shared.lock().docs.remove(&uri).is_some();
        if removed {
            self.shared.queue(Job::Clear(uri));
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.set_config(&params.settings);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if params.text_document.uri.as_str().ends_with("nianbao.toml") {
            self.relint_all(None);
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params
            .changes
            .iter()
            .any(|c| c.uri.as_str().ends_with("nianbao.toml"))
        {
            self.relint_all(None);
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let view = self.shared.view(&params.text_document.uri);
        let (items, result_id) = match &view {
            Some(v) => (
                guard("diagnostic", || lsp_diagnostics(v)).unwrap_or_default(),
                Some(format!("{}:{}", v.analysis.generation, v.snap.version)),
            ),
            None => (Vec::new(), None),
        };
        if result_id.is_some() && params.previous_result_id == result_id {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: result_id.unwrap_or_default(),
                    },
                }),
            ));
        }
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
            }),
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(view) = self.shared.view(&params.text_document.uri) else {
            return Ok(None);
        };
        let out = guard("codeAction", || actions::code_actions(&view, &params)).unwrap_or_default();
        Ok((!out.is_empty()).then_some(out))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position;
        let Some(view) = self.shared.view(&pos.text_document.uri) else {
            return Ok(None);
        };
        if !view.analysis.linted {
            return Ok(None);
        }
        let items =
            guard("completion", || completion::complete(&view, pos.position)).unwrap_or_default();
        Ok((!items.is_empty()).then_some(CompletionResponse::Array(items)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        let Some(view) = self.shared.view(&pos.text_document.uri) else {
            return Ok(None);
        };
        if !view.analysis.linted {
            return Ok(None);
        }
        Ok(guard("hover", || hover::hover(&view, pos.position)).flatten())
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(view) = self.shared.view(&params.text_document.uri) else {
            return Ok(None);
        };
        if !view.analysis.linted {
            return Ok(Some(Vec::new()));
        }
        Ok(guard("inlayHint", || {
            hints::inlay_hints(&view, params.range)
        }))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(view) = self.shared.view(&params.text_document.uri) else {
            return Ok(None);
        };
        if !view.analysis.linted {
            return Ok(None);
        }
        Ok(guard("documentSymbol", || symbols::document_symbols(&view))
            .map(DocumentSymbolResponse::Nested))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(view) = self.shared.view(&params.text_document.uri) else {
            return Ok(None);
        };
        if !view.analysis.linted {
            return Ok(None);
        }
        Ok(guard("foldingRange", || symbols::folding_ranges(&view)))
    }
}
