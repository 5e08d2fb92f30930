//! Cross-year checks (`carry-over`): pairs each checked report with last
//! year's report of the same unit, found among the checked files or beside
//! the file in its folder.
//!
//! Runs after every file's own findings were printed (streamed), from what
//! was kept of each: its path and its (year, unit). Only the files that do
//! pair are read again; folders are listed once. Their findings are printed
//! after the per-file output.

use super::check::{FileResult, Outcome};
use nianbao::front::{self, Encoding};
use nianbao::model::{Options, bind};
use nianbao::rules::carry_over;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub fn unit_key(u: &str) -> String {
    u.chars().filter(|c| !nianbao::text::is_space(*c)).collect()
}

/// What is kept of a checked file for the cross-year checks.
pub struct Known {
    path: PathBuf,
    /// As printed (`<stdin>` for standard input).
    display: String,
    identity: Option<(i32, String)>,
    /// Kept only for standard input, which cannot be read again.
    stdin_text: Option<String>,
}

impl Known {
    pub fn of(path: &Path, o: &mut Outcome) -> Known {
        match o {
            Outcome::Checked(r) => Known {
                path: path.to_path_buf(),
                display: r.path.clone(),
                identity: r.identity.clone(),
                stdin_text: (path.as_os_str() == "-" && r.identity.is_some())
                    .then(|| std::mem::take(&mut r.text)),
            },
            Outcome::Failed { path: display, .. } => Known {
                path: path.to_path_buf(),
                display: display.clone(),
                identity: None,
                stdin_text: None,
            },
        }
    }
}

type Text = (String, front::Source);

/// Where last year's report of a (unit, year) is.
enum Source {
    /// The checked file with this index.
    Checked(usize),
    /// A file beside a checked one: its name and text.
    Beside(String, String),
}

/// `carry-over` findings of the checked files (in their order) whose last
/// year's report is among them or beside them; each result holds only those
/// findings. `read` reads a checked file again.
pub fn carry_over(
    known: &[Known],
    options: &nianbao::LintOptions,
    read: impl Fn(&Path) -> Option<Text>,
) -> Vec<FileResult> {
    if !options.is_enabled(carry_over::META.name) {
        return Vec::new();
    }
    let severity = options
        .severities
        .get(carry_over::META.name)
        .copied()
        .flatten();
    let mut pool = HashMap::new();
    for (i, k) in known.iter().enumerate() {
        if let Some((year, unit)) = &k.identity {
            pool.entry((unit.clone(), *year))
                .or_insert(Source::Checked(i));
        }
    }
    add_reports_beside(known, &mut pool);
    let text_of = |i: usize| -> Option<Text> {
        let k = &known[i];
        match &k.stdin_text {
            Some(t) => Some((t.clone(), front::Source::Text(Encoding::Utf8))),
            None => read(&k.path),
        }
    };
    // Last years' texts, read once however many files pair with them.
    let mut last_texts: HashMap<usize, Option<String>> = HashMap::new();
    let mut out = Vec::new();
    for (i, k) in known.iter().enumerate() {
        let Some((year, unit)) = &k.identity else {
            continue;
        };
        let (name, last_text) = match pool.get(&(unit.clone(), year - 1)) {
            None => continue,
            Some(Source::Beside(name, text)) => (name.clone(), text.clone()),
            Some(Source::Checked(j)) => {
                let text = last_texts
                    .entry(*j)
                    .or_insert_with(|| text_of(*j).map(|t| t.0))
                    .clone();
                let Some(text) = text else { continue };
                (file_name(&known[*j].display), text)
            }
        };
        let Some((text, source)) = text_of(i) else {
            continue;
        };
        let mut found = {
            let this = bind(&text, &Options::default());
            let last = bind(&last_text, &Options::default());
            carry_over::check_pair(&this, &last, &name)
        };
        if found.is_empty() {
            continue;
        }
        if let Some(s) = severity {
            for d in &mut found {
                d.severity = s;
            }
        }
        found.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
        out.push(FileResult {
            path: k.display.clone(),
            text,
            diagnostics: found,
            source,
            fixed: 0,
            diff: None,
            identity: k.identity.clone(),
        });
    }
    out
}

/// Adds the reports in the folders of checked reports whose last year is
/// not among the checked files.
fn add_reports_beside(known: &[Known], pool: &mut HashMap<(String, i32), Source>) {
    // Sorted, so that the first report found for a (unit, year) is always
    // the same one.
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    for k in known {
        if let Some((year, unit)) = &k.identity
            && !pool.contains_key(&(unit.clone(), year - 1))
            && k.path.as_os_str() != "-"
            && let Some(dir) = k.path.parent()
        {
            folders.insert(canonical(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }));
        }
    }
    if folders.is_empty() {
        return;
    }
    // The checked files, by canonical folder (one lookup per folder, not
    // per file) and name.
    let mut dirs: HashMap<&Path, PathBuf> = HashMap::new();
    let seen: HashSet<PathBuf> = known
        .iter()
        .filter(|k| k.path.as_os_str() != "-")
        .filter_map(|k| {
            let dir = k.path.parent()?;
            let canon = dirs.entry(dir).or_insert_with(|| {
                canonical(if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                })
            });
            Some(canon.join(k.path.file_name()?))
        })
        .collect();
    let mut read: HashSet<PathBuf> = HashSet::new();
    for dir in folders {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
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
            let Ok(front::Input { text, .. }) = front::read(&p.to_string_lossy(), &bytes) else {
                continue;
            };
            let id = {
                let r = bind(&text, &Options::default());
                r.year.zip(r.unit.as_deref().map(unit_key))
            };
            if let Some((year, unit)) = id {
                pool.entry((unit, year))
                    .or_insert_with(|| Source::Beside(file_name(&p.to_string_lossy()), text));
            }
        }
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.to_string())
}
