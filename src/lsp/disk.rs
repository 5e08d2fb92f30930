//! The server's only way to the file system. Everything it reads from disk
//! (the project's `nianbao.toml`, last year's report beside a document) goes
//! through this trait, so a test can count the calls and prove that typing
//! never lists a folder or reads a file.

use std::path::{Path, PathBuf};

pub trait Disk: Send + Sync {
    /// The files (not folders) directly in `dir`; empty if it cannot be read.
    fn list(&self, dir: &Path) -> Vec<PathBuf>;
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
    fn is_file(&self, path: &Path) -> bool;
}

/// The real file system.
pub struct Fs;

impl Disk for Fs {
    fn list(&self, dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .collect();
        // Listing order is the file system's; sort so that two reports of
        // the same unit and year always resolve the same way.
        files.sort();
        files
    }

    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

#[cfg(test)]
pub mod fake {
    //! An in-memory file system that counts what is asked of it.

    use super::Disk;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Default)]
    pub struct Counting {
        pub files: Mutex<BTreeMap<PathBuf, Vec<u8>>>,
        pub lists: AtomicUsize,
        pub reads: AtomicUsize,
        pub stats: AtomicUsize,
    }

    impl Counting {
        pub fn write(&self, path: &str, text: &str) {
            if let Ok(mut f) = self.files.lock() {
                f.insert(PathBuf::from(path), text.as_bytes().to_vec());
            }
        }
        pub fn remove(&self, path: &str) {
            if let Ok(mut f) = self.files.lock() {
                f.remove(Path::new(path));
            }
        }
        /// (lists, reads, stats) so far.
        pub fn calls(&self) -> (usize, usize, usize) {
            (
                self.lists.load(Ordering::SeqCst),
                self.reads.load(Ordering::SeqCst),
                self.stats.load(Ordering::SeqCst),
            )
        }
    }

    impl Disk for Counting {
        fn list(&self, dir: &Path) -> Vec<PathBuf> {
            self.lists.fetch_add(1, Ordering::SeqCst);
            let files = self.files.lock().map(|f| f.clone()).unwrap_or_default();
            files
                .into_keys()
                .filter(|p| p.parent() == Some(dir))
                .collect()
        }
        fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            let files = self.files.lock().map(|f| f.clone()).unwrap_or_default();
            files
                .get(path)
                .cloned()
                .ok_or_else(|| std::io::ErrorKind::NotFound.into())
        }
        fn is_file(&self, path: &Path) -> bool {
            self.stats.fetch_add(1, Ordering::SeqCst);
            self.files.lock().is_ok_and(|f| f.contains_key(path))
        }
    }
}
