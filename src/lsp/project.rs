//! The `nianbao.toml` that applies to a document: the nearest one at or
//! above its file (as `nianbao check` finds it, through
//! `nianbao::config::{discover, load}`). Looked up when a document is opened
//! and again when a `nianbao.toml` changes (watched files, save), never while
//! typing. Editor settings override it, as command-line flags do for the CLI.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use nianbao::config::{self, Config as ProjectConfig};

use super::disk::Disk;

#[derive(Default)]
pub struct ProjectConfigs {
    /// Folder → the config file that applies to it.
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    /// Config file → its contents (`None`: broken, reported once).
    by_file: HashMap<PathBuf, Option<Arc<ProjectConfig>>>,
}

impl ProjectConfigs {
    /// The project config for a document in `dir`, if there is a readable one.
    pub fn for_dir(&mut self, dir: &Path, disk: &dyn Disk) -> Option<Arc<ProjectConfig>> {
        let file = self
            .by_dir
            .entry(dir.to_path_buf())
            .or_insert_with(|| config::discover(dir, |p| disk.is_file(p)))
            .clone()?;
        self.by_file
            .entry(file)
            .or_insert_with_key(|file| {
                match config::load(file, |p| disk.read(p).map_err(|e| e.to_string())) {
                    Ok(c) => Some(Arc::new(c)),
                    Err(e) => {
                        eprintln!("nianbao lsp: {e}");
                        None
                    }
                }
            })
            .clone()
    }

    /// Forgets everything (a `nianbao.toml` was created, changed or deleted).
    pub fn clear(&mut self) {
        self.by_dir.clear();
        self.by_file.clear();
    }
}

pub fn is_project_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == config::FILE_NAME)
}
