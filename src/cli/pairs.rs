//! Cross-year checks (`carry-over`): pairs each checked report with last
//! year's report of the same unit, found among the checked files or beside
//! the file in its folder. Linear in the number of files: every file is
//! read and bound at most once, folders are listed once.

use super::check::Outcome;
use nianbao::model::{Options, bind};
use nianbao::rules::carry_over;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub fn unit_key(u: &str) -> String {
    u.chars()
        .filter(|c| !nianbao::syntax::is_space(*c))
        .collect()
}

/// Adds `carry-over` findings to the checked files that have a previous
/// year's report of the same unit.
pub fn add_carry_over(outcomes: &mut [Outcome], options: &nianbao::LintOptions) {
    if !options.is_enabled(carry_over::META.name) {
        return;
    }
    let severity = options
        .severities
        .get(carry_over::META.name)
        .copied()
        .flatten();
    // (unit, year) → (file name, text) of every report known so far.
    let mut pool: HashMap<(String, i32), (String, String)> = HashMap::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for o in outcomes.iter() {
        if let Outcome::Checked(r) = o {
            seen.insert(canonical(Path::new(&r.path)));
            if let Some((year, unit)) = &r.identity {
                pool.entry((unit.clone(), *year))
                    .or_insert_with(|| (file_name(&r.path), r.text.clone()));
            }
        }
    }
    // Folders of the reports whose last year is not among the checked files.
    let mut folders: HashSet<PathBuf> = HashSet::new();
    for o in outcomes.iter() {
        if let Outcome::Checked(r) = o
            && let Some((year, unit)) = &r.identity
            && !pool.contains_key(&(unit.clone(), year - 1))
            && let Some(dir) = Path::new(&r.path).parent()
        {
            folders.insert(canonical(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }));
        }
    }
    for dir in folders {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let ext = p
                .extension()
                .and_then(|x| x.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if !(ext == "md" || ext == "txt") || seen.contains(&p) || !seen.insert(p.clone()) {
                continue;
            }
            let Ok(bytes) = super::input::read_file(&p, super::input::MAX_TEXT_BYTES) else {
                continue;
            };
            let Ok((text, _)) = nianbao::text::decode(&bytes) else {
                continue;
            };
            let r = bind(&text, &Options::default());
            let id = r.year.zip(r.unit.as_deref().map(unit_key));
            drop(r);
            if let Some((year, unit)) = id {
                pool.entry((unit, year))
                    .or_insert_with(|| (file_name(&p.to_string_lossy()), text));
            }
        }
    }
    for o in outcomes.iter_mut() {
        let Outcome::Checked(r) = o else { continue };
        let Some((year, unit)) = r.identity.clone() else {
            continue;
        };
        let Some((name, last_text)) = pool.get(&(unit, year - 1)) else {
            continue;
        };
        let this = bind(&r.text, &Options::default());
        let last = bind(last_text, &Options::default());
        let mut found = carry_over::check_pair(&this, &last, name);
        drop(this);
        if let Some(s) = severity {
            for d in &mut found {
                d.severity = s;
            }
        }
        r.diagnostics.extend(found);
        r.diagnostics
            .sort_by_key(|d| (d.span.start, d.span.end, d.rule));
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
