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
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use ropey::Rope;
use serde_json::Value;
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::analysis::{Analysis, Inputs, Reuse, Snapshot, View, analyze, file_path};
use super::config::Config;
use super::convert::{Encoding, apply_change};
use super::crossyear::{Folders, Identity};
use super::diagnostics::{Publish, to_lsp, to_wire};
use super::disk::{Disk, Fs};
use super::project::{ProjectConfigs, is_project_file};
use super::{actions, completion, hints, hover, symbols};

struct Doc {
    rope: Rope,
    version: i32,
    language_id: String,
    /// The folder of a `file:` document, for its `nianbao.toml` and last
    /// year's report.
    dir: Option<PathBuf>,
    /// Its `nianbao.toml`, resolved on open and when a config file changes.
    project: Option<Arc<nianbao::config::Config>>,
    /// Set from `State::stamps` whenever an input other than the text
    /// changes (settings, config file, a report in its folder).
    stamp: u64,
    /// The analysis of the last version somebody asked for: the current one,
    /// or the one the next analysis starts from (the lines an edit left alone).
    slot: Option<Arc<Slot>>,
}

/// The one analysis of a (version, stamp): whoever asks first computes it,
/// outside the state lock; anyone asking meanwhile waits for it, and
/// everyone after shares it.
struct Slot {
    version: i32,
    stamp: u64,
    snapshot: OnceLock<Arc<Snapshot>>,
    analysis: OnceLock<Arc<Analysis>>,
}

struct State {
    docs: HashMap<Uri, Doc>,
    config: Arc<Config>,
    /// Source of `Doc::stamp`s: bumped on every change of inputs.
    stamps: u64,
    encoding: Encoding,
    shutdown: bool,
    inlay_refresh: bool,
    /// The client can register a file watcher for us.
    watch_files: bool,
}

/// What is read from disk, kept apart from `State` so that disk work never
/// holds the document lock.
#[derive(Default)]
struct OnDisk {
    projects: ProjectConfigs,
    folders: Folders,
}

pub enum Job {
    Publish(Uri, i32),
    Clear(Uri),
}

pub struct Shared {
    /// The client pulls diagnostics (`textDocument/diagnostic`): then they
    /// are not pushed as well, or editors would show every finding twice.
    client_pulls: AtomicBool,
    state: Mutex<State>,
    on_disk: Mutex<OnDisk>,
    disk: Arc<dyn Disk>,
    jobs: mpsc::UnboundedSender<Job>,
    stats: Stats,
}

/// What the analyses of this session reused (`Reuse`), summed: answered to
/// `nianbao/stats`, so that a test or the benchmark driving the real server
/// can see that no keystroke read or linted the whole text again.
#[derive(Default)]
struct Stats {
    analyses: AtomicUsize,
    after_edit: AtomicUsize,
    full_reads: AtomicUsize,
    full_lints: AtomicUsize,
    tables_read: AtomicUsize,
    tables_patched: AtomicUsize,
}

impl Stats {
    fn count(&self, r: Reuse) {
        let add = |c: &AtomicUsize, n: usize| c.fetch_add(n, Ordering::Relaxed);
        add(&self.analyses, 1);
        add(&self.after_edit, r.after_edit.into());
        add(&self.full_reads, r.full_read.into());
        add(&self.full_lints, r.full_lint.into());
        add(&self.tables_read, r.tables_read);
        add(&self.tables_patched, r.tables_patched);
    }

    fn to_json(&self) -> Value {
        let get = |c: &AtomicUsize| c.load(Ordering::Relaxed);
        serde_json::json!({
            "analyses": get(&self.analyses),
            "afterEdit": get(&self.after_edit),
            "fullReads": get(&self.full_reads),
            "fullLints": get(&self.full_lints),
            "tablesRead": get(&self.tables_read),
            "tablesPatched": get(&self.tables_patched),
        })
    }
}

/// The custom request answered with `Stats`.
pub const STATS: &str = "nianbao/stats";

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

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A file named in a watched-files event or a save.
pub struct Changed {
    pub path: PathBuf,
}

impl Shared {
    pub fn new(jobs: mpsc::UnboundedSender<Job>) -> Self {
        Shared::with_disk(jobs, Arc::new(Fs))
    }

    pub fn with_disk(jobs: mpsc::UnboundedSender<Job>, disk: Arc<dyn Disk>) -> Self {
        Shared {
            client_pulls: AtomicBool::new(false),
            state: Mutex::new(State {
                docs: HashMap::new(),
                config: Arc::new(Config::default()),
                stamps: 0,
                encoding: Encoding::Utf16,
                shutdown: false,
                inlay_refresh: false,
                watch_files: false,
            }),
            on_disk: Mutex::new(OnDisk::default()),
            disk,
            jobs,
            stats: Stats::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    pub fn shutdown_requested(&self) -> bool {
        self.lock().shutdown
    }

    fn pulls(&self) -> bool {
        self.client_pulls.load(Ordering::Relaxed)
    }

    fn queue(&self, job: Job) {
        if self.pulls() {
            return;
        }
        // Fails only when the publisher is gone, i.e. the server is exiting.
        let _ = self.jobs.send(job);
    }

    /// A new document: its config file and folder are looked up on disk
    /// here, once, so that typing in it never has to.
    pub fn open(&self, uri: Uri, language_id: String, version: i32, text: &str) {
        let path = file_path(&uri);
        let dir = path
            .as_deref()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let mut known_folder = false;
        let project = dir.as_deref().and_then(|d| {
            let mut on_disk = lock(&self.on_disk);
            known_folder = on_disk.folders.get(d).is_some();
            on_disk.folders.index(d, &*self.disk);
            on_disk.projects.for_dir(d, &*self.disk)
        });
        {
            let mut st = self.lock();
            st.stamps += 1;
            let stamp = st.stamps;
            st.docs.insert(
                uri.clone(),
                Doc {
                    rope: Rope::from_str(text),
                    version,
                    language_id,
                    dir,
                    project,
                    stamp,
                    slot: None,
                },
            );
        }
        self.queue(Job::Publish(uri, version));
        // A folder indexed before this file existed (or changed) learns it
        // now: it may be last year's report of a document already open.
        if let (true, Some(path)) = (known_folder, path) {
            let _ = self.files_changed(&[Changed { path }]);
        }
    }

    /// Applies an edit. No disk, no lint: the publisher lints later.
    pub fn change(&self, uri: Uri, version: i32, changes: &[TextDocumentContentChangeEvent]) {
        let known = {
            let mut st = self.lock();
            let enc = st.encoding;
            match st.docs.get_mut(&uri) {
                Some(doc) => {
                    for change in changes {
                        apply_change(&mut doc.rope, change.range, &change.text, enc);
                    }
                    // The slot stays: the next view finds it out of date,
                    // makes a new one, and reuses its analysis's lines.
                    doc.version = version;
                    true
                }
                None => false,
            }
        };
        if known {
            self.queue(Job::Publish(uri, version));
        } else {
            eprintln!(
                "nianbao lsp: didChange for a document that is not open: {}",
                uri.as_str()
            );
        }
    }

    pub fn close(&self, uri: Uri) {
        let (removed, dirs) = {
            let mut st = self.lock();
            let removed = st.docs.remove(&uri).is_some();
            let dirs: Vec<PathBuf> = st.docs.values().filter_map(|d| d.dir.clone()).collect();
            (removed, dirs)
        };
        // A folder nobody has open any more is forgotten.
        lock(&self.on_disk)
            .folders
            .retain(|d| dirs.iter().any(|x| x == d));
        if removed {
            self.queue(Job::Clear(uri));
        }
    }

    /// Files changed on disk (watched-files events, saves): config files are
    /// looked up again, changed reports re-read, and the documents that
    /// depend on them analyzed again.
    /// Returns `None` if nothing depended on them, else whether inlay hints
    /// should be refreshed.
    pub fn files_changed(&self, changed: &[Changed]) -> Option<bool> {
        if changed.iter().any(|c| is_project_file(&c.path)) {
            // Everything is analyzed again, the reports included.
            let _ = self.refresh_folders(changed);
            return Some(self.relint_all(None));
        }
        let affected = self.refresh_folders(changed);
        if affected.is_empty() {
            return None;
        }
        // Only the documents whose last year's report this was (or is now)
        // are analyzed again; a document not analyzed yet will read the new
        // folder when it is.
        let jobs: Vec<(Uri, i32)> = {
            let mut st = self.lock();
            st.stamps += 1;
            let stamp = st.stamps;
            st.docs
                .iter_mut()
                .filter(|(uri, d)| {
                    let (Some(path), Some(report)) = (
                        super::analysis::file_path(uri),
                        d.slot.as_ref().and_then(|s| s.analysis.get()),
                    ) else {
                        return false;
                    };
                    report
                        .report()
                        .is_some_and(|r| affected.iter().any(|i| i.is_last_year_of(&path, r)))
                })
                .map(|(u, d)| {
                    d.stamp = stamp;
                    (u.clone(), d.version)
                })
                .collect()
        };
        for (uri, version) in jobs {
            self.queue(Job::Publish(uri, version));
        }
        Some(false)
    }

    /// Re-reads the changed reports of indexed folders; returns the reports
    /// they were and are.
    fn refresh_folders(&self, changed: &[Changed]) -> Vec<Identity> {
        let mut on_disk = lock(&self.on_disk);
        changed
            .iter()
            .filter(|c| !is_project_file(&c.path))
            .flat_map(|c| on_disk.folders.refresh(&c.path, &*self.disk))
            .collect()
    }

    /// Analyzes every open document again, with new settings if given and
    /// the config files looked up again. Returns whether the client wants
    /// inlay hints refreshed.
    fn relint_all(&self, config: Option<Config>) -> bool {
        let dirs: Vec<(Uri, PathBuf)> = self
            .lock()
            .docs
            .iter()
            .filter_map(|(u, d)| Some((u.clone(), d.dir.clone()?)))
            .collect();
        let projects: HashMap<Uri, Option<Arc<nianbao::config::Config>>> = {
            let mut on_disk = lock(&self.on_disk);
            on_disk.projects.clear();
            dirs.into_iter()
                .map(|(u, d)| {
                    let p = on_disk.projects.for_dir(&d, &*self.disk);
                    (u, p)
                })
                .collect()
        };
        let (jobs, refresh) = {
            let mut st = self.lock();
            if let Some(c) = config {
                st.config = Arc::new(c);
            }
            st.stamps += 1;
            let stamp = st.stamps;
            let jobs: Vec<(Uri, i32)> = st
                .docs
                .iter_mut()
                .map(|(u, d)| {
                    d.stamp = stamp;
                    if let Some(p) = projects.get(u) {
                        d.project = p.clone();
                    }
                    (u.clone(), d.version)
                })
                .collect();
            (jobs, st.inlay_refresh)
        };
        for (uri, version) in jobs {
            self.queue(Job::Publish(uri, version));
        }
        refresh
    }

    /// The current version of a document with its analysis, computed here
    /// (outside the lock) if nobody has yet.
    pub fn view(&self, uri: &Uri) -> Option<View> {
        self.view_and_previous(uri).map(|(view, _)| view)
    }

    /// [`Shared::view`], also handing back the previous version's analysis
    /// when this call replaced it, for the caller to free after answering
    /// (freeing a large report's lines and cells is not the user's wait).
    fn view_and_previous(&self, uri: &Uri) -> Option<(View, Option<Arc<Analysis>>)> {
        let (slot, rope, inputs, language_id, enc) = {
            let mut st = self.lock();
            let enc = st.encoding;
            let config = st.config.clone();
            let doc = st.docs.get_mut(uri)?;
            // The last version's analysis, if there was one: the lines the
            // edit did not touch are not parsed again.
            let previous = doc.slot.as_ref().and_then(|s| s.analysis.get().cloned());
            let slot = match &doc.slot {
                Some(s) if s.version == doc.version && s.stamp == doc.stamp => s.clone(),
                _ => {
                    let s = Arc::new(Slot {
                        version: doc.version,
                        stamp: doc.stamp,
                        snapshot: OnceLock::new(),
                        analysis: OnceLock::new(),
                    });
                    doc.slot = Some(s.clone());
                    s
                }
            };
            // A rope clone is cheap (shared nodes); the text is copied out
            // of it below, without the lock.
            let rope = slot.snapshot.get().is_none().then(|| doc.rope.clone());
            let inputs = Inputs {
                config,
                project: doc.project.clone(),
                folder: None,
                stamp: doc.stamp,
            };
            (
                slot,
                rope,
                (inputs, doc.dir.clone(), previous),
                doc.language_id.clone(),
                enc,
            )
        };
        let (mut inputs, dir, previous) = inputs;
        let snap = slot
            .snapshot
            .get_or_init(|| {
                let text = rope.map(|r| r.to_string()).unwrap_or_default();
                Arc::new(Snapshot::new(uri.clone(), slot.version, language_id, text))
            })
            .clone();
        let analysis = slot
            .analysis
            .get_or_init(|| {
                inputs.folder = dir.and_then(|d| lock(&self.on_disk).folders.get(&d));
                let options = inputs.config.options_with(inputs.project.as_deref());
                let analysis = guard("lint", || {
                    analyze(snap.clone(), &inputs, previous.as_deref())
                })
                .unwrap_or_else(|| Analysis::empty(slot.stamp, options));
                self.stats.count(analysis.reuse);
                Arc::new(analysis)
            })
            .clone();
        let view = View {
            snap,
            analysis,
            config: inputs.config,
            enc,
        };
        Some((view, previous))
    }

    /// The current view of `uri` if `version` is still its current version,
    /// with the analysis it replaced (see `view_and_previous`).
    fn view_at(&self, uri: &Uri, version: i32) -> Option<(View, Option<Arc<Analysis>>)> {
        let current = self.lock().docs.get(uri).map(|d| d.version)?;
        if current != version {
            return None;
        }
        self.view_and_previous(uri)
    }
}

fn lsp_diagnostics(view: &View) -> Vec<Diagnostic> {
    let conv = view.conv();
    view.analysis
        .diagnostics
        .iter()
        .map(|d| {
            to_lsp(
                d,
                &conv,
                view.uri(),
                &view.config,
                view.snap.version,
                view.analysis.last_year.as_deref(),
            )
        })
        .collect()
}

/// Writes `view`'s findings as its `publishDiagnostics`.
fn publish_view(view: &View) -> std::io::Result<()> {
    let conv = view.conv();
    let diagnostics = view
        .analysis
        .diagnostics
        .iter()
        .map(|d| {
            to_wire(
                d,
                &conv,
                view.uri(),
                &view.config,
                view.snap.version,
                view.analysis.last_year.as_deref(),
            )
        })
        .collect();
    let params = Publish {
        uri: view.uri(),
        diagnostics,
        version: Some(view.snap.version),
    };
    super::transport::notify("textDocument/publishDiagnostics", &params)
}

/// Sends queued diagnostics one at a time, in queue order, skipping jobs for
/// versions that are no longer current.
pub async fn publish_loop(shared: Arc<Shared>, mut rx: mpsc::UnboundedReceiver<Job>) {
    while let Some(job) = rx.recv().await {
        let written = match job {
            Job::Publish(uri, version) => {
                let Some((view, previous)) =
                    guard("publish", || shared.view_at(&uri, version)).flatten()
                else {
                    continue;
                };
                let written = guard("publish", || publish_view(&view));
                drop(previous);
                written
            }
            Job::Clear(uri) => Some(super::transport::notify(
                "textDocument/publishDiagnostics",
                &Publish {
                    uri: &uri,
                    diagnostics: Vec::new(),
                    version: None,
                },
            )),
        };
        if let Some(Err(e)) = written {
            eprintln!("nianbao lsp: cannot write diagnostics: {e}");
        }
        // Let the other tasks (tower's reader and writer) run between
        // publications, as the awaited send used to.
        tokio::task::yield_now().await;
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

    /// Answers `nianbao/stats`: what the analyses so far reused.
    pub async fn stats(&self) -> Result<Value> {
        Ok(self.shared.stats.to_json())
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
        let hints = self.shared.relint_all(Some(config));
        self.refresh(hints);
    }

    /// Files changed on disk; the documents that depend on them are
    /// analyzed again.
    fn files_changed(&self, changed: &[Changed]) {
        if let Some(hints) = self.shared.files_changed(changed) {
            self.refresh(hints);
        }
    }

    /// Tells the client that what it pulled is stale. Fire and forget: no
    /// handler waits for the client's answer.
    fn refresh(&self, inlay_hints: bool) {
        if inlay_hints {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.inlay_hint_refresh().await;
            });
        }
        if self.shared.pulls() {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }
}

/// Watched by the client for us (dynamic registration): the reports that can
/// be another document's last year, and the config files.
pub const WATCHED: [&str; 2] = [
    "**/*.{md,markdown,txt,docx,pdf,html,htm,shtml}",
    "**/nianbao.toml",
];

fn watcher_registration() -> Registration {
    let watchers = WATCHED
        .iter()
        .map(|g| FileSystemWatcher {
            glob_pattern: GlobPattern::String((*g).to_string()),
            kind: None,
        })
        .collect();
    Registration {
        id: "nianbao-watched-files".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
            watchers,
        })
        .ok(),
    }
}

fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                // Saves refresh last year's report when no watcher does.
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
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
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.shared.client_pulls.store(pulls, Ordering::Relaxed);
        {
            let mut st = self.shared.lock();
            st.encoding = enc;
            st.inlay_refresh = refresh;
            st.watch_files = watch;
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

    async fn initialized(&self, _: InitializedParams) {
        if self.shared.lock().watch_files {
            // Fire and forget, like every request to the client.
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client
                    .register_capability(vec![watcher_registration()])
                    .await
                {
                    eprintln!("nianbao lsp: file watcher not registered: {e}");
                }
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.lock().shutdown = true;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        self.shared
            .open(td.uri, td.language_id, td.version, &td.text);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let td = params.text_document;
        self.shared
            .change(td.uri, td.version, &params.content_changes);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.shared.close(params.text_document.uri);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.set_config(&params.settings);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(path) = file_path(&params.text_document.uri) {
            self.files_changed(&[Changed { path }]);
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changed: Vec<Changed> = params
            .changes
            .iter()
            .filter_map(|c| file_path(&c.uri))
            .map(|path| Changed { path })
            .collect();
        self.files_changed(&changed);
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let view = self.shared.view(&params.text_document.uri);
        let (items, result_id) = match &view {
            Some(v) => (
                guard("diagnostic", || lsp_diagnostics(v)).unwrap_or_default(),
                Some(format!("{}:{}", v.analysis.stamp, v.snap.version)),
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
        if !view.analysis.linted() {
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
        if !view.analysis.linted() {
            return Ok(None);
        }
        Ok(guard("hover", || hover::hover(&view, pos.position)).flatten())
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(view) = self.shared.view(&params.text_document.uri) else {
            return Ok(None);
        };
        if !view.analysis.linted() {
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
        if !view.analysis.linted() {
            return Ok(None);
        }
        Ok(guard("documentSymbol", || symbols::document_symbols(&view))
            .map(DocumentSymbolResponse::Nested))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(view) = self.shared.view(&params.text_document.uri) else {
            return Ok(None);
        };
        if !view.analysis.linted() {
            return Ok(None);
        }
        Ok(guard("foldingRange", || symbols::folding_ranges(&view)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::disk::fake::Counting;

    use crate::lsp::crossyear::tests::report;

    fn uri(s: &str) -> Uri {
        s.parse().expect("uri")
    }

    /// A one-character replacement at byte `offset` (UTF-16 positions).
    fn keystroke(text: &str, offset: usize, new: &str) -> TextDocumentContentChangeEvent {
        let before = &text[..offset];
        let line = before.matches('\n').count() as u32;
        let col = before
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .encode_utf16()
            .count() as u32;
        let end = text[offset..].chars().next().map_or(0, char::len_utf16) as u32;
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line, col),
                Position::new(line, col + end),
            )),
            range_length: None,
            text: new.into(),
        }
    }

    fn carry_over(view: &View) -> Vec<&nianbao::Diagnostic> {
        view.analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule == "carry-over")
            .collect()
    }

    fn setup() -> (Arc<Counting>, Shared, mpsc::UnboundedReceiver<Job>) {
        let disk = Arc::new(Counting::default());
        disk.write("/w/nianbao.toml", "[rules]\ncarry-over = \"error\"\n");
        disk.write("/w/r/2020.md", &report(2020, 2));
        for i in 0..30 {
            disk.write(&format!("/w/r/notes-{i}.md"), "会议记录");
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Shared::with_disk(tx, disk.clone());
        (disk, shared, rx)
    }

    /// `repeated-text` in the editor: the copied passages' related places
    /// point into last year's file, with its own lines, in the published
    /// notification and in the pull answer alike.
    #[test]
    fn copied_text_points_into_last_years_file() {
        let disk = Arc::new(Counting::default());
        let fixture = |y| {
            std::fs::read_to_string(format!(
                "{}/tests/fixtures/crossyear/青石县教育局{y}年政府信息公开工作年度报告.txt",
                env!("CARGO_MANIFEST_DIR")
            ))
            .expect("fixture")
        };
        let last = fixture(2023);
        disk.write("/w/教育局2023.txt", &last);
        let (tx, _rx) = mpsc::unbounded_channel();
        let shared = Shared::with_disk(tx, disk);
        let doc = uri("file:///w/2024.md");
        shared.open(doc.clone(), "markdown".into(), 1, &fixture(2024));
        let view = shared.view(&doc).expect("open");
        let section = view
            .analysis
            .diagnostics
            .iter()
            .find(|d| d.rule == "repeated-text" && d.severity == nianbao::Severity::Warning)
            .expect("section 五 copied");
        let conv = view.conv();
        let typed = to_lsp(
            section,
            &conv,
            view.uri(),
            &view.config,
            1,
            view.analysis.last_year.as_deref(),
        );
        let related = typed.related_information.clone().expect("related");
        let there: Vec<(String, u32)> = related
            .iter()
            .filter(|r| r.location.uri != doc)
            .map(|r| {
                (
                    r.location.uri.as_str().to_string(),
                    r.location.range.start.line,
                )
            })
            .collect();
        assert_eq!(
            there,
            [
                (
                    "file:///w/%E6%95%99%E8%82%B2%E5%B1%802023.txt".to_string(),
                    88
                ),
                (
                    "file:///w/%E6%95%99%E8%82%B2%E5%B1%802023.txt".to_string(),
                    86
                )
            ]
        );
        // The range covers the copied text in last year's file.
        let r = &related[1].location.range;
        let line = last.lines().nth(r.start.line as usize).expect("line");
        let units: Vec<u16> = line
            .encode_utf16()
            .skip(r.start.character as usize)
            .take(6)
            .collect();
        let start = String::from_utf16_lossy(&units);
        assert_eq!(start, "一是加强栏目");
        let wire = to_wire(
            section,
            &conv,
            view.uri(),
            &view.config,
            1,
            view.analysis.last_year.as_deref(),
        );
        assert_eq!(
            serde_json::to_value(&typed).expect("typed"),
            serde_json::to_value(&wire).expect("wire")
        );
    }

    #[test]
    fn typing_never_lists_a_folder_or_reads_a_file() {
        let (disk, shared, _rx) = setup();
        let doc = uri("file:///w/r/2021.md");
        let mut text = report(2021, 0);
        shared.open(doc.clone(), "markdown".into(), 1, &text);
        let opened = disk.calls();
        assert_eq!(opened.0, 1, "the folder is listed once, on open");
        let view = shared.view(&doc).expect("open");
        let found = carry_over(&view);
        assert_eq!(found.len(), 2, "{:?}", view.analysis.diagnostics);
        assert_eq!(
            found[0].severity,
            nianbao::Severity::Error,
            "nianbao.toml applies"
        );
        let cell = text
            .find("一、本年新收政府信息公开申请数量\t")
            .expect("row")
            + "一、本年新收政府信息公开申请数量\t".len();
        for version in 2..=101 {
            let digit = (version % 10).to_string();
            let change = keystroke(&text, cell, &digit);
            text.replace_range(cell..cell + 1, &digit);
            shared.change(doc.clone(), version, &[change]);
            let view = shared.view(&doc).expect("open");
            assert_eq!(view.text(), text);
            assert_eq!(carry_over(&view).len(), 2);
        }
        assert_eq!(disk.calls(), opened, "(lists, reads, stats) while typing");

        // Last year's report corrected on disk: that one file is read again.
        disk.write("/w/r/2020.md", &report(2020, 0));
        let hints = shared.files_changed(&[Changed {
            path: PathBuf::from("/w/r/2020.md"),
        }]);
        assert_eq!(hints, Some(false));
        assert_eq!(disk.calls().0, opened.0);
        assert_eq!(disk.calls().1, opened.1 + 1);
        assert!(carry_over(&shared.view(&doc).expect("open")).is_empty());
        // A file elsewhere changes nothing.
        let before = disk.calls();
        assert_eq!(
            shared.files_changed(&[Changed {
                path: PathBuf::from("/elsewhere/x.md"),
            }]),
            None
        );
        assert_eq!(disk.calls(), before);
    }

    #[test]
    fn one_analysis_per_version_shared_by_every_request() {
        let (_disk, shared, mut rx) = setup();
        let doc = uri("file:///w/r/2021.md");
        let text = report(2021, 0);
        shared.open(doc.clone(), "markdown".into(), 1, &text);
        let a = shared.view(&doc).expect("open");
        let b = shared.view(&doc).expect("open");
        assert!(Arc::ptr_eq(&a.analysis, &b.analysis));
        assert!(Arc::ptr_eq(&a.snap, &b.snap));
        let (ra, rb) = (a.report().expect("linted"), b.report().expect("linted"));
        assert!(std::ptr::eq(ra, rb), "one bound report");
        // A new version gets a new analysis; the old one stays valid for
        // whoever still holds it.
        let cell =
            text.find("四、结转下年度继续办理\t").expect("row") + "四、结转下年度继续办理\t".len();
        shared.change(doc.clone(), 2, &[keystroke(&text, cell, "7")]);
        let c = shared.view(&doc).expect("open");
        assert!(!Arc::ptr_eq(&a.analysis, &c.analysis));
        assert!(
            !a.analysis.reuse.after_edit,
            "the first version is read whole"
        );
        assert!(
            c.analysis.reuse.after_edit,
            "an edit reuses the last version's lines"
        );
        assert_ne!(a.text(), c.text());
        assert!(a.report().is_some_and(|r| r.table3.is_some()));
        // The publisher drops jobs for versions that are not current.
        assert!(shared.view_at(&doc, 1).is_none());
        assert!(shared.view_at(&doc, 2).is_some());
        let mut queued = Vec::new();
        while let Ok(Job::Publish(_, v)) = rx.try_recv() {
            queued.push(v);
        }
        assert_eq!(queued, vec![1, 2]);
        // New settings: a new analysis for the same version.
        shared.relint_all(Some(Config::default()));
        let d = shared.view(&doc).expect("open");
        assert!(!Arc::ptr_eq(&c.analysis, &d.analysis));
        assert_eq!(c.snap.version, d.snap.version);
    }

    /// The counters `nianbao/stats` answers count what each analysis after
    /// an edit could not reuse. A digit typed into an HTML row that a
    /// converter wrote a tag per line (the reader joins those lines; the
    /// edit cuts through the joined one) reads that table again and keeps
    /// the rest; the title's year changed is a fact every rule reads, so
    /// every rule runs whole: a full lint.
    #[test]
    fn the_stats_count_what_an_edit_could_not_reuse() {
        let (_disk, shared, _rx) = setup();
        let doc = uri("file:///w/r/pandoc.md");
        let path = format!(
            "{}/tests/fixtures/shapes/pandoc/seed-000.commonmark.md",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).expect("fixture");
        shared.open(doc.clone(), "markdown".into(), 1, &text);
        assert!(!shared.view(&doc).expect("open").analysis.reuse.after_edit);
        let cell = text.find("<td>0</td>").expect("a cell") + "<td>".len();
        shared.change(doc.clone(), 2, &[keystroke(&text, cell, "7")]);
        let reuse = shared.view(&doc).expect("open").analysis.reuse;
        assert_eq!(
            reuse,
            Reuse {
                after_edit: true,
                full_read: false,
                tables_read: 1,
                tables_patched: 0,
                full_lint: false
            }
        );
        let typed = format!("{}7{}", &text[..cell], &text[cell + 1..]);
        let year = typed.find("2020").expect("the title's year") + 3;
        shared.change(doc.clone(), 3, &[keystroke(&typed, year, "9")]);
        let reuse = shared.view(&doc).expect("open").analysis.reuse;
        assert!(
            reuse.after_edit && !reuse.full_read && reuse.full_lint,
            "{reuse:?}"
        );
        assert_eq!(
            shared.stats.to_json(),
            serde_json::json!({
                "analyses": 3,
                "afterEdit": 2,
                "fullReads": 0,
                "fullLints": 1,
                "tablesRead": 3 + 1 + reuse.tables_read,
                "tablesPatched": 0,
            })
        );
    }

    #[test]
    fn opening_last_years_report_later_updates_this_years() {
        let disk = Arc::new(Counting::default());
        let (tx, mut rx) = mpsc::unbounded_channel();
        let shared = Shared::with_disk(tx, disk.clone());
        let this = uri("file:///w/2021.md");
        let mut jobs_for = |u: &Uri| {
            let mut n = 0;
            while let Ok(job) = rx.try_recv() {
                n += usize::from(matches!(job, Job::Publish(ref x, _) if x == u));
            }
            n
        };
        disk.write("/w/2021.md", &report(2021, 0));
        shared.open(this.clone(), "markdown".into(), 1, &report(2021, 0));
        assert!(carry_over(&shared.view(&this).expect("open")).is_empty());
        // Last year's report appears (no watcher told us) and is opened.
        disk.write("/w/2020.md", &report(2020, 2));
        assert_eq!(jobs_for(&this), 1, "published on open");
        shared.open(
            uri("file:///w/2020.md"),
            "markdown".into(),
            1,
            &report(2020, 2),
        );
        assert_eq!(
            jobs_for(&this),
            1,
            "published again: its last year appeared"
        );
        assert_eq!(carry_over(&shared.view(&this).expect("open")).len(), 2);
        // Another unit's report in the folder does not concern it.
        let other = report(2020, 9).replace("某某区某某局", "某某县某某局");
        disk.write("/w/other-2020.md", &other);
        shared.open(uri("file:///w/other-2020.md"), "markdown".into(), 1, &other);
        assert_eq!(
            jobs_for(&this),
            0,
            "not analyzed again for an unrelated file"
        );
        assert_eq!(carry_over(&shared.view(&this).expect("open")).len(), 2);
    }

    #[test]
    fn closing_the_last_document_of_a_folder_forgets_it() {
        let (disk, shared, _rx) = setup();
        let doc = uri("file:///w/r/2021.md");
        shared.open(doc.clone(), "markdown".into(), 1, &report(2021, 0));
        shared.close(doc.clone());
        assert!(
            lock(&shared.on_disk)
                .folders
                .get(Path::new("/w/r"))
                .is_none()
        );
        let lists = disk.calls().0;
        shared.open(doc, "markdown".into(), 1, &report(2021, 0));
        assert_eq!(disk.calls().0, lists + 1, "listed again when reopened");
    }
}
