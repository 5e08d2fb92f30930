//! What checking one file gave: its findings and all the outputs need of
//! it ([`FileResult`]), or why it was not checked ([`Outcome`]). Below the
//! command's stages (`check` makes them, `render`, `sheet`, `annotate` and
//! `pairs` read them), so those never import each other for it.

use nianbao::diagnostic::Diagnostic;
use nianbao::front::Source;
use nianbao::schema::Version;

pub struct FileResult {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The file's front end: a text file's encoding, or the map from a Word
    /// draft's rendering back to its paragraphs and table cells.
    pub source: Source,
    /// Fixes written (or shown with --diff).
    pub fixed: usize,
    pub diff: Option<String>,
    /// Report year and unit (text, else file name), for pairing with last
    /// year's report and for the summary table.
    pub identity: Option<nianbao::identity::Identity>,
    /// With no unit in the text or the file name: the unit the file's
    /// folder names (`某某局/2024年报告.pdf`), for finding last year's report
    /// only, and only if the folder turns out to hold one unit's reports
    /// (`pairs`). Never shown as the report's unit.
    pub folder_identity: Option<nianbao::identity::Identity>,
    /// The format the report is written in.
    pub version: Option<Version>,
    /// Named on the command line and not a report: why (it is checked
    /// anyway, and the output says so).
    pub not_report: Option<String>,
    /// Other files the findings' related places are in (last year's
    /// report, a roll-up's units), by the name the places carry.
    pub others: Vec<std::sync::Arc<Other>>,
    /// With `--decisions`: each finding's decision (confirmed), in the
    /// order of `diagnostics` (empty without decisions).
    pub marks: Vec<Option<nianbao::decisions::Mark>>,
    /// Findings the decisions dismissed: counted, not shown.
    pub dismissed: usize,
    /// Checked with `--decisions` (the summary table then counts the
    /// dismissed findings).
    pub reviewed: bool,
}

/// Another file a finding points into.
pub struct Other {
    /// As printed, and as the related places name it.
    pub path: String,
    pub text: String,
    pub source: Source,
}

impl FileResult {
    /// Sets the reviewer's decisions on the findings of the report of
    /// (`unit`, `year`) apart: dismissed ones are counted and dropped,
    /// confirmed ones marked.
    pub fn review(&mut self, decisions: Option<&nianbao::decisions::Decisions>) {
        self.reviewed |= decisions.is_some();
        let (Some(ds), Some(id)) = (decisions, &self.identity) else {
            return;
        };
        let r = nianbao::decisions::review(
            ds,
            &id.unit,
            id.year,
            std::mem::take(&mut self.diagnostics),
        );
        self.dismissed += r.dismissed.len();
        self.marks.clear();
        for (d, _, mark) in r.kept {
            self.diagnostics.push(d);
            self.marks.push(mark);
        }
    }
    /// The other file a related place names.
    pub fn other(&self, file: &str) -> Option<&Other> {
        self.others.iter().find(|o| o.path == file).map(|o| &**o)
    }
}

pub enum Outcome {
    Checked(Box<FileResult>),
    Failed {
        path: String,
        error: String,
    },
    /// Found in a folder and not a report: why.
    Skipped {
        path: String,
        why: String,
    },
}
