//! Cross-year rules in the editor (`carry-over`, `repeated-text`): last
//! year's report of the same unit, found beside the document on disk,
//! compared with the open document (`nianbao::crossdoc::last_year`).
//!
//! A document's folder is listed and its reports read once, when the first
//! document in it is opened; the index is then refreshed file by file from
//! `workspace/didChangeWatchedFiles` and `didSave`, and dropped when the last
//! document of the folder is closed. Typing only looks the index up: no
//! listing, no reading. Last year's report is bound the first time it is
//! needed and that `Report` is shared from then on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use nianbao::diagnostic::Diagnostic;
use nianbao::model::{Options, Report, bind};
use nianbao::options::LintOptions;
use nianbao::text::LineIndex;
use self_cell::self_cell;

use super::disk::Disk;

self_cell!(
    /// Last year's report: its text and the report bound from it.
    pub struct LastYear {
        owner: Arc<str>,
        #[covariant]
        dependent: Report,
    }
);

/// A report on disk that can be another document's last year.
pub struct Candidate {
    path: PathBuf,
    /// The path as findings' related places name it.
    name: String,
    year: i32,
    unit: String,
    text: Arc<str>,
    /// The front end that read it: places in it are given in the file's
    /// own terms (a web page's lines).
    source: nianbao::front::Source,
    bound: OnceLock<LastYear>,
    /// Lines of the file's own text, on first use.
    index: OnceLock<LineIndex>,
}

impl Candidate {
    fn report(&self) -> &Report<'_> {
        self.bound
            .get_or_init(|| LastYear::new(self.text.clone(), |t| bind(t, &Options::default())))
            .borrow_dependent()
    }

    /// The name related places in this file carry.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text positions in the file are counted in: a web page's own
    /// text, a text file's text (Word and PDF files have no lines an
    /// editor shows: `None`).
    pub fn file_text(&self) -> Option<&str> {
        match &self.source {
            nianbao::front::Source::Text(_) => Some(&self.text),
            s => s.file_text(),
        }
    }

    /// An offset of the text read as an offset of [`Candidate::file_text`].
    pub fn file_offset(&self, offset: usize) -> usize {
        self.source.file_offset(offset).unwrap_or(offset)
    }

    pub fn index(&self) -> Option<&LineIndex> {
        let text = self.file_text()?;
        Some(self.index.get_or_init(|| LineIndex::new(text)))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The reports of one folder, by path.
#[derive(Default)]
pub struct Folder {
    candidates: Vec<Arc<Candidate>>,
}

impl Folder {
    /// The report of `unit` for `year` other than `this` (the first by path).
    fn find(&self, this: &Path, year: i32, unit: &str) -> Option<&Arc<Candidate>> {
        self.candidates
            .iter()
            .find(|c| c.year == year && c.unit == unit && c.path != this)
    }
}

/// The identity of the report at `path` (its text, else its file name).
fn identity_of(report: &Report, path: &Path) -> Option<nianbao::identity::Identity> {
    let name = path.file_name()?.to_string_lossy();
    nianbao::identity::of(report, &name)
}

fn is_candidate(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    nianbao::front::Kind::checked_extension(&ext)
}

/// Reads one file; `None` if it is not a report with a year and a unit.
fn read_candidate(path: &Path, disk: &dyn Disk) -> Option<Candidate> {
    let bytes = disk.read(path).ok()?;
    let nianbao::front::Input { text, source } =
        nianbao::front::read(&path.to_string_lossy(), &bytes).ok()?;
    let (year, unit) = {
        let r = bind(&text, &Options::default());
        if !nianbao::identity::judge(&r).is_report() {
            return None;
        }
        let id = identity_of(&r, path)?;
        (id.year, id.key)
    };
    Some(Candidate {
        path: path.to_path_buf(),
        name: path.to_string_lossy().into_owned(),
        year,
        unit,
        text: text.into(),
        source,
        bound: OnceLock::new(),
        index: OnceLock::new(),
    })
}

/// A report in a folder: the documents of that folder for the next year
/// and the same unit compare with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub dir: PathBuf,
    pub year: i32,
    pub unit: String,
}

impl Identity {
    /// Whether the document at `path`, of `report`, compares with this
    /// report.
    pub fn is_last_year_of(&self, path: &Path, report: &Report) -> bool {
        path.parent() == Some(self.dir.as_path())
            && identity_of(report, path)
                .is_some_and(|id| id.last_year_key() == (self.unit.clone(), self.year))
    }
}

/// The indexed folders.
#[derive(Default)]
pub struct Folders {
    by_dir: HashMap<PathBuf, Arc<Folder>>,
}

impl Folders {
    /// Lists and reads `dir` unless it is indexed already.
    pub fn index(&mut self, dir: &Path, disk: &dyn Disk) {
        if self.by_dir.contains_key(dir) {
            return;
        }
        let candidates = disk
            .list(dir)
            .into_iter()
            .filter(|p| is_candidate(p))
            .filter_map(|p| read_candidate(&p, disk))
            .map(Arc::new)
            .collect();
        self.by_dir
            .insert(dir.to_path_buf(), Arc::new(Folder { candidates }));
    }

    pub fn get(&self, dir: &Path) -> Option<Arc<Folder>> {
        self.by_dir.get(dir).cloned()
    }

    /// Re-reads one changed, created or deleted file of an indexed folder.
    /// Returns the reports (folder, year, unit) it was and is now, whose
    /// next year's documents need a new analysis; empty if the folder is
    /// not indexed or the file is no report either way.
    pub fn refresh(&mut self, path: &Path, disk: &dyn Disk) -> Vec<Identity> {
        let (Some(dir), true) = (path.parent(), is_candidate(path)) else {
            return Vec::new();
        };
        let Some(folder) = self.by_dir.get_mut(dir) else {
            return Vec::new();
        };
        let identity = |c: &Candidate| Identity {
            dir: dir.to_path_buf(),
            year: c.year,
            unit: c.unit.clone(),
        };
        // Copy on write: analyses running now keep the folder they were
        // given.
        let mut affected = Vec::new();
        let mut candidates = Vec::with_capacity(folder.candidates.len() + 1);
        for c in &folder.candidates {
            if c.path == path {
                affected.push(identity(c));
            } else {
                candidates.push(c.clone());
            }
        }
        if let Some(c) = read_candidate(path, disk) {
            affected.push(identity(&c));
            candidates.push(Arc::new(c));
            candidates.sort_by(|a, b| a.path.cmp(&b.path));
        }
        *folder = Arc::new(Folder { candidates });
        affected
    }

    /// Drops the folders no open document is in.
    pub fn retain(&mut self, in_use: impl Fn(&Path) -> bool) {
        self.by_dir.retain(|dir, _| in_use(dir));
    }
}

/// The cross-year findings for `report`, the document at `path`, against
/// last year's report of its unit in `folder`; with that report, which
/// related places point into.
pub fn check(
    report: &Report,
    path: &Path,
    folder: &Folder,
    options: &LintOptions,
) -> (Vec<Diagnostic>, Option<Arc<Candidate>>) {
    let Some(id) = identity_of(report, path) else {
        return (Vec::new(), None);
    };
    let (unit, year) = id.last_year_key();
    let Some(last) = folder.find(path, year, &unit) else {
        return (Vec::new(), None);
    };
    let found = nianbao::crossdoc::last_year(report, last.report(), &last.name, options);
    (found, Some(last.clone()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::lsp::disk::fake::Counting;
    use nianbao::template::{SkeletonOptions, skeleton};

    pub fn report(year: i32, carried: u32) -> String {
        skeleton(&SkeletonOptions {
            year,
            unit: "某某区某某局",
            government: false,
            style: nianbao::model::Style::Tab,
        })
        .replace(
            "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
            &format!("四、结转下年度继续办理\t{carried}\t0\t0\t0\t0\t0\t{carried}"),
        )
    }

    fn findings(folders: &Folders, text: &str) -> usize {
        let folder = folders.get(Path::new("/d")).unwrap_or_default();
        let r = bind(text, &Options::default());
        check(
            &r,
            Path::new("/d/2021.md"),
            &folder,
            &LintOptions::default(),
        )
        .0
        .iter()
        .filter(|d| d.rule == "carry-over")
        .count()
    }

    #[test]
    fn the_index_is_read_once_and_refreshed_file_by_file() {
        let disk = Counting::default();
        disk.write("/d/2020.md", &report(2020, 2));
        disk.write("/d/notes.md", "随手记");
        disk.write("/d/image.png", "not text");
        let this = report(2021, 0);
        disk.write("/d/2021.md", &this);
        let mut folders = Folders::default();
        folders.index(Path::new("/d"), &disk);
        folders.index(Path::new("/d"), &disk);
        assert_eq!(
            disk.calls(),
            (1, 3, 0),
            "one listing, each text file read once"
        );
        for _ in 0..20 {
            assert_eq!(findings(&folders, &this), 2);
        }
        assert_eq!(disk.calls(), (1, 3, 0), "lookups do not touch the disk");
        // Last year's report is corrected on disk: only that file is read.
        disk.write("/d/2020.md", &report(2020, 0));
        let affected = folders.refresh(Path::new("/d/2020.md"), &disk);
        assert_eq!(affected.len(), 2, "as it was and as it is");
        assert!(
            affected
                .iter()
                .all(|i| i.year == 2020 && i.unit == "某某区某某局")
        );
        assert_eq!(disk.calls(), (1, 4, 0));
        assert_eq!(findings(&folders, &this), 0);
        // Deleted: gone from the index.
        disk.write("/d/2020.md", &report(2020, 5));
        folders.refresh(Path::new("/d/2020.md"), &disk);
        assert_eq!(findings(&folders, &this), 2);
        disk.remove("/d/2020.md");
        folders.refresh(Path::new("/d/2020.md"), &disk);
        assert_eq!(findings(&folders, &this), 0);
        // Files of folders nobody has open are ignored.
        assert!(folders.refresh(Path::new("/e/2020.md"), &disk).is_empty());
        assert!(folders.refresh(Path::new("/d/notes.md"), &disk).is_empty());
        folders.retain(|_| false);
        assert!(folders.get(Path::new("/d")).is_none());
    }

    /// Last year's report published as a web page with no title line:
    /// its file name says whose and which year it is.
    #[test]
    fn a_saved_page_named_for_its_unit_and_year_is_last_years_report() {
        let disk = Counting::default();
        let page = |body: &str| {
            let rows: String = body
                .lines()
                .skip(1) // the title line: portals print it outside the article
                .map(|l| {
                    if l.contains('\t') {
                        format!(
                            "<table><tr><td>{}</td></tr></table>\n",
                            l.replace('\t', "</td><td>")
                        )
                    } else {
                        format!("<p>{l}</p>\n")
                    }
                })
                .collect();
            format!(
                "<html><body><div class=nav><a href=/>首页</a></div><div id=zoom>{rows}</div></body></html>"
            )
        };
        disk.write(
            "/d/某某区某某局2020年政府信息公开工作年度报告.html",
            &page(&report(2020, 2)),
        );
        disk.write("/d/2019年报.htm", &page(&report(2019, 2)));
        let mut folders = Folders::default();
        folders.index(Path::new("/d"), &disk);
        assert_eq!(findings(&folders, &report(2021, 0)), 2);
        let affected = folders.refresh(
            Path::new("/d/某某区某某局2020年政府信息公开工作年度报告.html"),
            &disk,
        );
        let this = report(2021, 0);
        let r = bind(&this, &Options::default());
        assert!(
            affected
                .iter()
                .any(|i| i.is_last_year_of(Path::new("/d/2021.md"), &r))
        );
    }

    #[test]
    fn the_document_itself_and_other_years_do_not_count() {
        let disk = Counting::default();
        // On disk the document still says 2020; its buffer says 2021.
        disk.write("/d/2021.md", &report(2020, 3));
        disk.write("/d/2019.md", &report(2019, 3));
        let mut folders = Folders::default();
        folders.index(Path::new("/d"), &disk);
        assert_eq!(findings(&folders, &report(2021, 0)), 0);
    }
}
