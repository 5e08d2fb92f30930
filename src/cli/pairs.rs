//! Cross-file checks (`nianbao::crossdoc`): each checked report against last
//! year's report of the same unit (`carry-over`, `repeated-text`), found
//! among the checked files or beside the file in its folder; and the
//! roll-ups a `nianbao.toml` declares (`rollup-sum`): a report against the
//! reports of its units for the same year, among the checked files.
//!
//! Runs after every file's own findings were printed (streamed), from what
//! was kept of each: its path, its (year, unit) and its options. Only the
//! files that take part are read again (each once); folders are listed
//! once. The findings are printed after the per-file output.

use super::config_file;
use super::outcome::{FileResult, Other, Outcome};
use nianbao::LintOptions;
use nianbao::config::{RollupUnits, same_unit};
use nianbao::crossdoc;
use nianbao::decisions::Decisions;
use nianbao::front::{self, Encoding};
use nianbao::identity::{self, Identity};
use nianbao::model::{Options, bind};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What is kept of a checked file for the cross-file checks.
pub struct Known {
    path: PathBuf,
    /// As printed (`<stdin>` for standard input).
    display: String,
    identity: Option<Identity>,
    /// The unit its folder names, for pairing ([`FileResult::folder_identity`]).
    folder_identity: Option<Identity>,
    /// Kept only for standard input, which cannot be read again.
    stdin_text: Option<String>,
    /// The options it was checked with (its nianbao.toml and the flags).
    options: Option<LintOptions>,
    /// Its nianbao.toml, which may declare roll-ups.
    config: Option<PathBuf>,
}

impl Known {
    pub fn of(path: &Path, o: &mut Outcome, with: Option<(LintOptions, Option<PathBuf>)>) -> Known {
        let (options, config) = match with {
            Some((o, c)) => (Some(o), c),
            None => (None, None),
        };
        match o {
            Outcome::Checked(r) => Known {
                path: path.to_path_buf(),
                display: r.path.clone(),
                identity: r.identity.clone(),
                folder_identity: r.folder_identity.clone(),
                stdin_text: (path.as_os_str() == "-" && r.identity.is_some())
                    .then(|| std::mem::take(&mut r.text)),
                options,
                config,
            },
            Outcome::Failed { path: display, .. } | Outcome::Skipped { path: display, .. } => {
                Known {
                    path: path.to_path_buf(),
                    display: display.clone(),
                    identity: None,
                    folder_identity: None,
                    stdin_text: None,
                    options: None,
                    config: None,
                }
            }
        }
    }
}

type Text = (String, front::Source);

/// Where a report of a (unit, year) is.
enum Source {
    /// The checked file with this index.
    Checked(usize),
    /// A file beside a checked one (not itself checked).
    Beside(Arc<Other>),
}

/// Files read again, each once.
struct Texts<'k, R> {
    known: &'k [Known],
    read: R,
    read_once: HashMap<usize, Option<Arc<Other>>>,
}

impl<'k, R: Fn(&Path) -> Option<Text> + Sync> Texts<'k, R> {
    /// Reads the files `wanted` not read yet, in parallel.
    fn prefetch(&mut self, wanted: impl Iterator<Item = usize>) {
        use rayon::prelude::*;
        let wanted: BTreeSet<usize> = wanted.filter(|i| !self.read_once.contains_key(i)).collect();
        let (known, read) = (self.known, &self.read);
        let got: Vec<(usize, Option<Arc<Other>>)> = wanted
            .into_par_iter()
            .map(|i| (i, read_one(&known[i], read)))
            .collect();
        self.read_once.extend(got);
    }

    /// A file already read.
    fn peek(&self, i: usize) -> Option<Arc<Other>> {
        self.read_once.get(&i).cloned().flatten()
    }

    fn get(&mut self, i: usize) -> Option<Arc<Other>> {
        let (known, read) = (self.known, &self.read);
        self.read_once
            .entry(i)
            .or_insert_with(|| read_one(&known[i], read))
            .clone()
    }
}

fn read_one(k: &Known, read: &impl Fn(&Path) -> Option<Text>) -> Option<Arc<Other>> {
    let (text, source) = match &k.stdin_text {
        Some(t) => (t.clone(), front::Source::Text(Encoding::Utf8)),
        None => read(&k.path)?,
    };
    Some(Arc::new(Other {
        path: k.display.clone(),
        text,
        source,
    }))
}

/// Findings of one file from the cross-file checks, with the files they
/// point into.
#[derive(Default)]
struct Found {
    diagnostics: Vec<nianbao::Diagnostic>,
    others: Vec<Arc<Other>>,
}

impl Found {
    fn add(&mut self, found: Vec<nianbao::Diagnostic>, others: &[Arc<Other>]) {
        if found.is_empty() {
            return;
        }
        for o in others {
            let named = found
                .iter()
                .any(|d| d.related.iter().any(|r| r.file.as_deref() == Some(&o.path)));
            if named && !self.others.iter().any(|x| x.path == o.path) {
                self.others.push(o.clone());
            }
        }
        self.diagnostics.extend(found);
    }
}

/// The cross-file findings of the checked files (in their order), one
/// result per file that has any, holding only those findings (after the
/// decisions). `read` reads a checked file again.
pub fn cross_documents(
    known: &[Known],
    configs: &config_file::Cache,
    explicit_config: Option<&Path>,
    decisions: Option<&Decisions>,
    read: impl Fn(&Path) -> Option<Text> + Sync,
) -> Vec<FileResult> {
    let mut texts = Texts {
        known,
        read,
        read_once: HashMap::new(),
    };
    let mut found: BTreeMap<usize, Found> = BTreeMap::new();
    last_years(known, &mut texts, &mut found);
    rollups(known, configs, explicit_config, &mut texts, &mut found);
    let mut out = Vec::new();
    for (i, f) in found {
        let k = &known[i];
        let Some(this) = texts.get(i) else { continue };
        let mut diagnostics = f.diagnostics;
        nianbao::diagnostic::sort_by_place(&mut diagnostics);
        let mut r = FileResult {
            path: k.display.clone(),
            text: this.text.clone(),
            diagnostics,
            source: this.source.clone(),
            fixed: 0,
            diff: None,
            identity: k.identity.clone(),
            folder_identity: None,
            version: None,
            not_report: None,
            others: f.others,
            marks: Vec::new(),
            dismissed: 0,
            reviewed: false,
        };
        r.review(decisions);
        if !r.diagnostics.is_empty() || r.dismissed > 0 {
            out.push(r);
        }
    }
    out
}

/// Each checked report against last year's report of its unit.
fn last_years<R: Fn(&Path) -> Option<Text> + Sync>(
    known: &[Known],
    texts: &mut Texts<R>,
    found: &mut BTreeMap<usize, Found>,
) {
    let enabled = |k: &Known| {
        k.options.as_ref().is_some_and(|o| {
            o.is_enabled(nianbao::rules::carry_over::META.name)
                || o.is_enabled(nianbao::rules::repeated_text::META.name)
        })
    };
    if !known.iter().any(enabled) {
        return;
    }
    let mut pool = HashMap::new();
    for (i, k) in known.iter().enumerate() {
        if let Some(id) = &k.identity {
            pool.entry(id.pair_key()).or_insert(Source::Checked(i));
        }
    }
    let dirs = Dirs::new(known);
    let (beside, named_beside) = add_reports_beside(known, &dirs, &mut pool);
    let by_folder = by_folders(known, &dirs, beside, &named_beside, &mut pool);
    // The pairs, then their files read and compared in parallel (each pair
    // is independent; a folder of a hundred reports has fifty).
    let pairs: Vec<(usize, &Source, &LintOptions)> = known
        .iter()
        .enumerate()
        .filter(|(_, k)| enabled(k))
        .filter_map(|(i, k)| {
            let id = k.identity.as_ref().or_else(|| by_folder.get(&i))?;
            let options = k.options.as_ref()?;
            Some((i, pool.get(&id.last_year_key())?, options))
        })
        .collect();
    texts.prefetch(pairs.iter().flat_map(|(i, last, _)| {
        let j = match last {
            Source::Checked(j) => Some(*j),
            Source::Beside(_) => None,
        };
        std::iter::once(*i).chain(j)
    }));
    let texts = &*texts;
    use rayon::prelude::*;
    let compared: Vec<(usize, Vec<nianbao::Diagnostic>, Arc<Other>)> = pairs
        .par_iter()
        .filter_map(|(i, last, options)| {
            let last = match last {
                Source::Beside(o) => o.clone(),
                Source::Checked(j) => texts.peek(*j)?,
            };
            let this = texts.peek(*i)?;
            let a = bind(&this.text, &Options::default());
            let b = bind(&last.text, &Options::default());
            let diagnostics = crossdoc::last_year(&a, &b, &last.path, options);
            Some((*i, diagnostics, last))
        })
        .collect();
    for (i, diagnostics, last) in compared {
        found.entry(i).or_default().add(diagnostics, &[last]);
    }
}

/// The roll-ups the checked files' configs declare.
fn rollups<R: Fn(&Path) -> Option<Text> + Sync>(
    known: &[Known],
    configs: &config_file::Cache,
    explicit: Option<&Path>,
    texts: &mut Texts<R>,
    found: &mut BTreeMap<usize, Found>,
) {
    let files: BTreeSet<&PathBuf> = known.iter().filter_map(|k| k.config.as_ref()).collect();
    for file in files {
        let Ok((config, _)) = configs.for_path(file, false, Some(explicit.unwrap_or(file))) else {
            continue;
        };
        // The reports this config governs.
        let governed: Vec<usize> = (0..known.len())
            .filter(|&i| known[i].config.as_ref() == Some(file) && known[i].identity.is_some())
            .collect();
        for rollup in &config.rollups {
            let parents: Vec<usize> = governed
                .iter()
                .copied()
                .filter(|&i| {
                    known[i]
                        .identity
                        .as_ref()
                        .is_some_and(|id| rollup.is_parent(&id.unit))
                })
                .collect();
            if parents.is_empty() {
                continue;
            }
            // The units: named, or every other unit reporting in the
            // config's folder; their reports among the checked files.
            let (names, pool): (Vec<String>, Vec<usize>) = match &rollup.units {
                RollupUnits::Named(n) => (n.clone(), (0..known.len()).collect()),
                RollupUnits::Folder => {
                    let mut names: Vec<String> = Vec::new();
                    for &i in &governed {
                        let Some(id) = &known[i].identity else {
                            continue;
                        };
                        if !rollup.is_parent(&id.unit)
                            && !names.iter().any(|n| same_unit(n, &id.unit))
                        {
                            names.push(id.unit.clone());
                        }
                    }
                    (names, governed.clone())
                }
            };
            for p in parents {
                let (Some(id), Some(options)) = (&known[p].identity, &known[p].options) else {
                    continue;
                };
                if !options.is_enabled(nianbao::rules::rollup_sum::META.name) {
                    continue;
                }
                let year = id.year;
                let mut present: Vec<(&str, Arc<Other>)> = Vec::new();
                let mut missing: Vec<&str> = Vec::new();
                for name in &names {
                    let report = pool.iter().copied().find(|&j| {
                        j != p
                            && known[j]
                                .identity
                                .as_ref()
                                .is_some_and(|u| u.year == year && same_unit(&u.unit, name))
                    });
                    match report.and_then(|j| texts.get(j)) {
                        Some(o) => present.push((name, o)),
                        None => missing.push(name),
                    }
                }
                let Some(parent) = texts.get(p) else { continue };
                let bound: Vec<_> = present
                    .iter()
                    .map(|(_, o)| bind(&o.text, &Options::default()))
                    .collect();
                let units: Vec<crossdoc::Unit> = present
                    .iter()
                    .zip(&bound)
                    .map(|((name, o), report)| crossdoc::Unit {
                        name,
                        report,
                        file: &o.path,
                    })
                    .collect();
                let diagnostics = {
                    let r = bind(&parent.text, &Options::default());
                    crossdoc::rollup(&r, &units, &missing, year, options)
                };
                let others: Vec<Arc<Other>> = present.iter().map(|(_, o)| o.clone()).collect();
                found.entry(p).or_default().add(diagnostics, &others);
            }
        }
    }
}

/// A report found beside the checked ones that names no unit but whose
/// folder does.
struct Beside {
    /// Its canonical folder.
    dir: PathBuf,
    identity: Identity,
    other: Arc<Other>,
}

/// Adds the reports in the folders of checked reports whose last year is
/// not among the checked files; returns those whose unit only their folder
/// names (not added), and the identities of the others with their folders
/// (for [`by_folders`]). Also lists the folders of checked reports whose
/// unit only their folder names, to know what else those folders hold.
fn add_reports_beside(
    known: &[Known],
    dirs: &Dirs,
    pool: &mut HashMap<(String, i32), Source>,
) -> (Vec<Beside>, Vec<(PathBuf, Identity)>) {
    // Sorted, so that the first report found for a (unit, year) is always
    // the same one.
    // Canonical folder → the folder as the command line gave it (files
    // beside are printed under it, like the checked ones).
    let mut folders: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    let mut visited: HashSet<&Path> = HashSet::new();
    for k in known {
        let wanted = match (&k.identity, &k.folder_identity) {
            (Some(id), _) => !pool.contains_key(&id.last_year_key()),
            (None, Some(_)) => true,
            (None, None) => false,
        };
        if wanted
            && let Some(dir) = k.path.parent()
            && let Some(canon) = dirs.of(k)
            && visited.insert(canon)
        {
            folders
                .entry(canon.to_path_buf())
                .or_insert_with(|| dir.to_path_buf());
            // Reports kept by year (`2024/某某局.txt`, `某某局/2024/报告.pdf`):
            // last year's folder beside this year's.
            if let Some((last, name)) = last_years_folder(canon) {
                folders.entry(last).or_insert_with(|| {
                    if dir.as_os_str().is_empty() || dir == Path::new(".") {
                        Path::new("..").join(name)
                    } else {
                        dir.with_file_name(name)
                    }
                });
            }
        }
    }
    let (mut by_folder, mut own) = (Vec::new(), Vec::new());
    if folders.is_empty() {
        return (by_folder, own);
    }
    // The checked files, by canonical folder and name.
    let seen: HashSet<PathBuf> = known
        .iter()
        .filter_map(|k| Some(dirs.of(k)?.join(k.path.file_name()?)))
        .collect();
    let mut read: HashSet<PathBuf> = HashSet::new();
    for (dir, given) in folders {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        let names = folder_names_of(&dir);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let folders = identity::from_folder_names(&names);
        for p in paths {
            let ext = p
                .extension()
                .and_then(|x| x.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if !front::Kind::checked_extension(&ext) || seen.contains(&p) || !read.insert(p.clone())
            {
                continue;
            }
            let Ok(bytes) = super::input::read_file(&p, super::input::limit_for(&p)) else {
                continue;
            };
            let Ok(front::Input { text, source }) = front::read(&p.to_string_lossy(), &bytes)
            else {
                continue;
            };
            let shown = match p.file_name() {
                Some(name) => given.join(name).display().to_string(),
                None => p.display().to_string(),
            };
            let id = {
                let r = bind(&text, &Options::default());
                identity::judge(&r).is_report().then(|| {
                    identity::of(&r, &shown).ok_or_else(|| identity::of_in(&r, &shown, &folders))
                })
            };
            let other = Other {
                path: shown,
                text,
                source,
            };
            match id {
                Some(Ok(id)) => {
                    pool.entry(id.pair_key())
                        .or_insert_with(|| Source::Beside(Arc::new(other)));
                    own.push((dir.clone(), id));
                }
                Some(Err(Some(id))) => by_folder.push(Beside {
                    dir: dir.clone(),
                    identity: id,
                    other: Arc::new(other),
                }),
                _ => {}
            }
        }
    }
    (by_folder, own)
}

/// When `dir` is named by a year, the folder beside it named by the year
/// before (`2023` beside `2024`): its path and its name.
fn last_years_folder(dir: &Path) -> Option<(PathBuf, std::ffi::OsString)> {
    let year = identity::year_folder(&dir.file_name()?.to_string_lossy())?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir.parent()?)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| identity::year_folder(&n.to_string_lossy()))
                == Some(year - 1)
        })
        .collect();
    found.sort();
    let first = found.into_iter().next()?;
    let name = first.file_name()?.to_os_string();
    Some((first, name))
}

/// The reports whose unit only their folder names, taken where the folder
/// holds one unit's reports ([`identity::folder_is_one_units`], over every
/// report found in it: checked or beside, named or not). Adds them to the
/// pool; returns the checked ones' identities by index.
fn by_folders(
    known: &[Known],
    dirs: &Dirs,
    beside: Vec<Beside>,
    named_beside: &[(PathBuf, Identity)],
    pool: &mut HashMap<(String, i32), Source>,
) -> HashMap<usize, Identity> {
    // The folder that names a report's unit: its own, or the one above a
    // folder named by a year (`某某局/2024/报告.pdf`).
    let home = |dir: &Path| -> Option<PathBuf> {
        let names = folder_names_of(dir);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        dir.ancestors()
            .nth(identity::from_folder_names(&names).depth)
            .map(Path::to_path_buf)
    };
    let mut homes: BTreeMap<PathBuf, Vec<Identity>> = BTreeMap::new();
    let checked: Vec<(usize, PathBuf)> = known
        .iter()
        .enumerate()
        .filter(|(_, k)| k.identity.is_none() && k.folder_identity.is_some())
        .filter_map(|(i, k)| Some((i, home(dirs.of(k)?)?)))
        .collect();
    let beside: Vec<(PathBuf, Beside)> = beside
        .into_iter()
        .filter_map(|b| Some((home(&b.dir)?, b)))
        .collect();
    for (i, h) in &checked {
        if let Some(id) = &known[*i].folder_identity {
            homes.entry(h.clone()).or_default().push(id.clone());
        }
    }
    for (h, b) in &beside {
        homes.entry(h.clone()).or_default().push(b.identity.clone());
    }
    if homes.is_empty() {
        return HashMap::new();
    }
    // The reports that name their unit, in those folders.
    let named = known
        .iter()
        .filter_map(|k| Some((dirs.of(k)?, k.identity.as_ref()?)))
        .chain(named_beside.iter().map(|(d, id)| (d.as_path(), id)));
    let mut also: Vec<(PathBuf, Identity)> = Vec::new();
    for (dir, id) in named {
        if let Some(h) = home(dir).filter(|h| homes.contains_key(h)) {
            also.push((h, id.clone()));
        }
    }
    for (h, id) in also {
        homes.entry(h).or_default().push(id);
    }
    let one_unit = |h: &PathBuf| {
        homes.get(h).is_some_and(|ids| {
            let unit = ids.iter().find(|i| i.from_folder).map(|i| i.unit.as_str());
            let ids: Vec<&Identity> = ids.iter().collect();
            unit.is_some_and(|u| identity::folder_is_one_units(u, &ids))
        })
    };
    let mut taken = HashMap::new();
    for (i, h) in checked {
        if one_unit(&h)
            && let Some(id) = known[i].folder_identity.clone()
        {
            pool.entry(id.pair_key()).or_insert(Source::Checked(i));
            taken.insert(i, id);
        }
    }
    for (h, b) in beside {
        if one_unit(&h) {
            pool.entry(b.identity.pair_key())
                .or_insert(Source::Beside(b.other));
        }
    }
    taken
}

/// The canonical folders of the checked files (one lookup per folder as
/// given, not per file).
struct Dirs(HashMap<PathBuf, PathBuf>);

impl Dirs {
    fn new(known: &[Known]) -> Dirs {
        let mut m = HashMap::new();
        for k in known.iter().filter(|k| k.path.as_os_str() != "-") {
            if let Some(dir) = k.path.parent() {
                m.entry(dir.to_path_buf()).or_insert_with(|| {
                    canonical(if dir.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        dir
                    })
                });
            }
        }
        Dirs(m)
    }

    fn of(&self, k: &Known) -> Option<&Path> {
        if k.path.as_os_str() == "-" {
            return None;
        }
        self.0.get(k.path.parent()?).map(PathBuf::as_path)
    }
}

/// The names of the folders a file is in, nearest first (two), as
/// `identity::from_folder_names` reads them: the file's folder resolved
/// (`.` in `某某局` is `某某局`).
pub fn folder_names(file: &Path) -> Vec<String> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    folder_names_of(&canonical(dir))
}

fn folder_names_of(dir: &Path) -> Vec<String> {
    dir.ancestors()
        .take(2)
        .filter_map(|a| Some(a.file_name()?.to_string_lossy().into_owned()))
        .collect()
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}
