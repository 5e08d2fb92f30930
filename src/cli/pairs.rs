//! Cross-year checks (`carry-over`): pairs each checked report with last
//! year's report of the same unit, found among the checked files or beside
//! the file in its folder.

use super::check::Outcome;
use nianbao::model::{Options, bind};
use nianbao::rules::carry_over;
use std::path::{Path, PathBuf};

fn unit_key(u: &str) -> String {
    u.chars()
        .filter(|c| !nianbao::syntax::is_space(*c))
        .collect()
}

struct Known {
    path: PathBuf,
    text: String,
    year: i32,
    unit: String,
}

fn known(path: &Path, text: String) -> Option<Known> {
    let r = bind(&text, &Options::default());
    let (year, unit) = (r.year?, r.unit.as_deref().map(unit_key)?);
    drop(r);
    Some(Known {
        path: path.to_path_buf(),
        text,
        year,
        unit,
    })
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
    let mut pool: Vec<Known> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Checked(r) => known(Path::new(&r.path), r.text.clone()),
            _ => None,
        })
        .collect();
    // Siblings not given on the command line.
    let dirs: Vec<PathBuf> = pool
        .iter()
        .filter_map(|k| k.path.parent().map(Path::to_path_buf))
        .collect();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &dir
        }) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let ext = p
                .extension()
                .and_then(|x| x.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if !(ext == "md" || ext == "txt") || pool.iter().any(|k| same_file(&k.path, &p)) {
                continue;
            }
            if let Ok(bytes) = std::fs::read(&p)
                && let Ok((text, _)) = nianbao::text::decode(&bytes)
                && let Some(k) = known(&p, text)
            {
                pool.push(k);
            }
        }
    }
    for o in outcomes.iter_mut() {
        let Outcome::Checked(r) = o else { continue };
        let report = bind(&r.text, &Options::default());
        let (Some(year), Some(unit)) = (report.year, report.unit.as_deref().map(unit_key)) else {
            continue;
        };
        let Some(last) = pool.iter().find(|k| k.year == year - 1 && k.unit == unit) else {
            continue;
        };
        let last_report = bind(&last.text, &Options::default());
        let name = last
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut found = carry_over::check_pair(&report, &last_report, &name);
        if let Some(s) = severity {
            for d in &mut found {
                d.severity = s;
            }
        }
        drop(report);
        r.diagnostics.extend(found);
        r.diagnostics
            .sort_by_key(|d| (d.span.start, d.span.end, d.rule));
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
