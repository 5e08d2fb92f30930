//! The `nianbao.toml` that applies to a document: the nearest one at or
//! above its file (as `nianbao check` finds it), re-read when it changes on
//! disk. Editor settings override it, as command-line flags do for the CLI.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use nianbao::config::Config as ProjectConfig;
use tower_lsp_server::ls_types::Uri;

use super::config::uri_path;
use crate::cli::config_file;

#[derive(Default)]
pub struct ProjectConfigs {
    by_file: HashMap<PathBuf, (Option<SystemTime>, Result<ProjectConfig, String>)>,
}

impl ProjectConfigs {
    /// The project config for a `file:` URI, if there is a readable one.
    /// A broken file is reported (once per version of it) and ignored.
    pub fn for_uri(&mut self, uri: &Uri) -> Option<ProjectConfig> {
        if !uri.as_str().starts_with("file:") {
            return None;
        }
        let path = PathBuf::from(uri_path(uri.as_str()));
        let dir = path.parent().unwrap_or(Path::new("/"));
        let file = config_file::discover(dir)?;
        let mtime = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        let fresh =
            matches!(self.by_file.get(&file), Some((t, _)) if *t == mtime && mtime.is_some());
        if !fresh {
            let loaded = config_file::load(&file);
            if let Err(e) = &loaded {
                eprintln!("nianbao lsp: {e}");
            }
            self.by_file.insert(file.clone(), (mtime, loaded));
        }
        self.by_file
            .get(&file)
            .and_then(|(_, c)| c.as_ref().ok())
            .cloned()
    }

    pub fn clear(&mut self) {
        self.by_file.clear();
    }
}
