//! `carry-over` in the editor: last year's report of the same unit, found
//! beside the document on disk (the workspace's files), compared with the
//! open document. Files are re-read only when their modification time
//! changes, so typing costs one directory listing.

use nianbao::diagnostic::Diagnostic;
use nianbao::lint::LintOptions;
use nianbao::model::{Options, Report, bind};
use nianbao::rules::carry_over;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

struct Entry {
    modified: SystemTime,
    year: Option<i32>,
    unit: Option<String>,
    text: String,
}

static CACHE: std::sync::LazyLock<Mutex<HashMap<PathBuf, Entry>>> =
    std::sync::LazyLock::new(|| Mutex::new(HashMap::new()));

fn key(u: &str) -> String {
    u.chars()
        .filter(|c| !nianbao::syntax::is_space(*c))
        .collect()
}

/// `carry-over` findings for `report` at `path` (a `file:` document).
pub fn check(path: &Path, report: &Report, options: &LintOptions) -> Vec<Diagnostic> {
    if !options.is_enabled(carry_over::META.name) {
        return Vec::new();
    }
    let (Some(year), Some(unit)) = (report.year, report.unit.as_deref().map(key)) else {
        return Vec::new();
    };
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let mut found: Option<(PathBuf, String)> = None;
    for e in entries.flatten() {
        let p = e.path();
        if p == path {
            continue;
        }
        let ext = p
            .extension()
            .and_then(|x| x.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !(ext == "md" || ext == "txt" || ext == "markdown") {
            continue;
        }
        let Ok(modified) = e.metadata().and_then(|m| m.modified()) else {
            continue;
        };
        let fresh = cache.get(&p).is_some_and(|c| c.modified == modified);
        if !fresh {
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            let Ok((text, _)) = nianbao::text::decode(&bytes) else {
                continue;
            };
            let r = bind(&text, &Options::default());
            let (y, u) = (r.year, r.unit.as_deref().map(key));
            drop(r);
            cache.insert(
                p.clone(),
                Entry {
                    modified,
                    year: y,
                    unit: u,
                    text,
                },
            );
        }
        if let Some(c) = cache.get(&p)
            && c.year == Some(year - 1)
            && c.unit.as_deref() == Some(unit.as_str())
        {
            found = Some((p.clone(), c.text.clone()));
            break;
        }
    }
    drop(cache);
    let Some((last_path, last_text)) = found else {
        return Vec::new();
    };
    let last = bind(&last_text, &Options::default());
    let name = last_path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut out = carry_over::check_pair(report, &last, &name);
    if let Some(Some(s)) = options.severities.get(carry_over::META.name) {
        for d in &mut out {
            d.severity = *s;
        }
    }
    out
}
