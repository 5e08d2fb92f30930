//! Finding and reading `nianbao.toml`: walk up from the checked file's
//! directory (users open single files from anywhere), or `--config PATH`.
//! Shared by `nianbao check` and the language server.

use nianbao::config::{self, Config};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub const FILE_NAME: &str = "nianbao.toml";

/// The nearest `nianbao.toml` at or above `dir`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        let candidate = cur.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        d = cur.parent();
    }
    None
}

/// Reads and parses a config file; the error names the file, line and key.
pub fn load(path: &Path) -> Result<Config, String> {
    let bytes = super::input::read_file(path, super::input::MAX_CONFIG_BYTES)
        .map_err(|e| format!("{}: 无法读取配置文件：{e}", path.display()))?;
    let (text, _) =
        nianbao::text::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    config::parse(&text).map_err(|e| {
        let key = if e.key.is_empty() {
            String::new()
        } else {
            format!("（{}）", e.key)
        };
        format!(
            "{}:{}:{}: 配置错误{key}: {}",
            path.display(),
            e.line,
            e.column,
            e.message
        )
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
    /// The config that applies to `file`: `explicit` if given, else the
    /// nearest one above it, else the default.
    pub fn for_file(
        &self,
        file: &Path,
        explicit: Option<&Path>,
    ) -> Result<(Config, Option<PathBuf>), String> {
        let found = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => {
                // Files of one folder share the lookup.
                let key = if file.is_dir() {
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
