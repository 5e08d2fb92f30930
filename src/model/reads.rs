//! What the reader records of each table it read, kept in the
//! [`Report`](super::Report) so that the next version of the text can
//! reuse the tables an edit did not come near (`memo.rs` decides and does
//! that). Plain data below the report, so the report does not depend on
//! the code that reuses it.

use std::ops::Range;

use crate::schema::{Table, Version};

/// How one table was read.
#[derive(Debug, Clone)]
pub struct TableRead {
    pub table: Table,
    /// The line the scan was on when it started the read (for table 四
    /// found after its section's heading, the heading).
    pub(super) trigger: usize,
    /// The last line the read looked at.
    pub(super) window_end: usize,
    /// The line the scan went on from.
    pub(super) next: usize,
    pub(super) before: ScanState,
    /// The lines the read took as the table's.
    pub(super) consumed: Range<usize>,
    /// What the read added to `Report::shape_issues` and `Report::variants`.
    pub(super) shapes: Range<usize>,
    pub(super) variants: Range<usize>,
    /// Taken from the previous version rather than read.
    pub reused: bool,
    /// Taken from the previous version with one number retyped (also
    /// `reused`).
    pub patched: bool,
}

/// What the table scan knows when it starts a read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanState {
    /// Tables 二, 三, 四 found so far.
    pub found: [bool; 3],
    pub fallback_version: Option<Version>,
}
