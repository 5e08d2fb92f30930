//! What a lint is asked to do: the reader's options and each rule's
//! severity. Its own module, below `lint`, `suppress` and `config`, so that
//! the settings file can fill it without knowing the pipeline.

use crate::diagnostic::Severity;
use crate::model;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub model: model::Options,
    /// Per-rule severity; `None` turns the rule off.
    pub severities: HashMap<String, Option<Severity>>,
    /// `repeated-text`'s threshold in percent (`None`: the rule's default).
    pub repeated_text_threshold: Option<u32>,
}

impl LintOptions {
    pub fn is_enabled(&self, rule: &str) -> bool {
        !matches!(self.severities.get(rule), Some(None))
    }
    /// The severity set for `rule`, if one is (else the rule's default).
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.severities.get(rule).copied().flatten()
    }
}
