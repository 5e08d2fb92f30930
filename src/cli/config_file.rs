//! The `nianbao.toml` of each checked file: `--config PATH`, else the
//! nearest one above the file (users check single files from anywhere),
//! found and parsed by `nianbao::config` and cached per folder and file.

use nianbao::config::{self, Config};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

fn discover(dir: &Path) -> Option<PathBuf> {
    config::discover(dir, Path::is_file)
}

/// Reads and parses a config file (size-limited like every input); the
/// error names the file, line and key.
fn load(path: &Path) -> Result<Config, String> {
    config::load(path, |p| {
        super::input::read_file(p, super::input::MAX_CONFIG_BYTES)
    })
}

/// Caches configs by file so many checked files share one read.
#[derive(Default)]
pub struct Cache {
    by_file: Mutex<HashMap<PathBuf, Result<Config, String>>>,
    /// Folder (as given) → the config file that applies to it.
    by_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl Cache {
    /// The config that applies to `file` (a folder if `is_dir`):
    /// `explicit` if given, else the nearest one above it, else the default.
    pub fn for_path(
        &self,
        file: &Path,
        is_dir: bool,
        explicit: Option<&Path>,
    ) -> Result<(Config, Option<PathBuf>), String> {
        let found = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => {
                // Files of one folder share the lookup.
                let key = if is_dir {
                    file.to_path_buf()
                } else {
                    file.parent().map(Path::to_path_buf).unwrap_or_default()
                };
                let mut dirs = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
                dirs.entry(key.clone())
                    .or_insert_with(|| {
                        let abs = std::fs::canonicalize(if key.as_os_str().is_empty() {
                            Path::new(".")
                        } else {
                            &key
                        })
                        .unwrap_or(key);
                        discover(&abs)
                    })
                    .clone()
            }
        };
        let Some(path) = found else {
            return Ok((Config::default(), None));
        };
        let mut map = self.by_file.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map.entry(path.clone()).or_insert_with(|| load(&path));
        entry.clone().map(|c| (c, Some(path)))
    }
}
