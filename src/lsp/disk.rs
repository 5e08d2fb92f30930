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

/// The largest text file read (as `nianbao check`).
const MAX_TEXT_BYTES: u64 = 16 << 20;
/// The largest Word file read (its parts are capped by `nianbao::docx`).
const MAX_DOCX_BYTES: u64 = 128 << 20;
/// As `nianbao check` (last year's published report is often a PDF).
const MAX_PDF_BYTES: u64 = 64 << 20;

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
        use std::io::Read;
        // Never block on a FIFO or swallow a huge file found in a folder:
        // regular files only, no bigger than `nianbao check` accepts.
        let meta = std::fs::metadata(path)?;
        let ext = |e: &str| path.extension().is_some_and(|x| x.eq_ignore_ascii_case(e));
        let limit = if ext("docx") {
            MAX_DOCX_BYTES
        } else if ext("pdf") {
            MAX_PDF_BYTES
        } else {
            MAX_TEXT_BYTES
        };
        if !meta.is_file() || meta.len() > limit {
            return Err(std::io::Error::other(
                "not a regular file of a report's size",
            ));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path)?
            .take(limit + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(std::io::Error::other("file grew past the size limit"));
        }
        Ok(bytes)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_of_a_reports_size_only() {
        let dir = std::env::temp_dir().join(format!("nianbao-disk-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let small = dir.join("a.md");
        std::fs::write(&small, "年报").unwrap_or_default();
        assert_eq!(Fs.read(&small).ok().as_deref(), Some("年报".as_bytes()));
        let big = dir.join("big.md");
        if let Ok(f) = std::fs::File::create(&big) {
            let _ = f.set_len(MAX_TEXT_BYTES + 1);
        }
        assert!(Fs.read(&big).is_err());
        assert!(Fs.read(&dir).is_err(), "a folder is not read");
        assert_eq!(Fs.list(&dir), vec![small.clone(), big.clone()]);
        let _ = std::fs::remove_dir_all(&dir);
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
