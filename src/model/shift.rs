//! Moving a table read from the previous version of a text to where an
//! edit put its lines: every line index, and every byte offset from the
//! edit on, moves by the same amounts. Schema indices (row definitions,
//! block items) stay. Used by [`super::memo`] only.

use crate::syntax::Cell;
use crate::text::Span;

use super::report::{
    BoundCell, BoundRow, LabelVariant, ShapeIssue, Table2, Table2BlockBound, Table3, Table4,
    Unplaced, Unread,
};

/// How far the lines of a reused table moved.
#[derive(Debug, Clone, Copy)]
pub struct By {
    pub lines: isize,
    pub bytes: isize,
    /// Byte offsets of the previous text before this one stay: 0 for a
    /// table wholly after the edit; the end of the number an edit typed in
    /// for a table patched in place (everything after it moves).
    pub from: usize,
}

impl By {
    fn line(&self, l: usize) -> usize {
        l.saturating_add_signed(self.lines)
    }
    fn offset(&self, at: usize) -> usize {
        if at >= self.from {
            at.saturating_add_signed(self.bytes)
        } else {
            at
        }
    }
    fn span(&self, s: Span) -> Span {
        Span::new(self.offset(s.start), self.offset(s.end))
    }
    fn lines(&self, (a, b): (usize, usize)) -> (usize, usize) {
        (self.line(a), self.line(b))
    }
}

pub trait Shift {
    fn shift(&mut self, by: By);
}

// Every impl names every field, so that a field added later (with a span
// or a line in it) does not compile until it is moved here too.

impl Shift for Cell {
    fn shift(&mut self, by: By) {
        let Cell { raw, content } = self;
        *raw = by.span(*raw);
        *content = by.span(*content);
    }
}

impl Shift for BoundCell {
    fn shift(&mut self, by: By) {
        let BoundCell {
            cell,
            value: _,
            inferred: _,
        } = self;
        cell.shift(by);
    }
}

impl Shift for BoundRow {
    fn shift(&mut self, by: By) {
        let BoundRow {
            def: _,
            line,
            extra_lines,
            label,
            cells,
        } = self;
        *line = by.line(*line);
        extra_lines.iter_mut().for_each(|l| *l = by.line(*l));
        *label = by.span(*label);
        cells.iter_mut().for_each(|c| c.shift(by));
    }
}

impl Shift for Unplaced {
    fn shift(&mut self, by: By) {
        let Unplaced {
            table: _,
            span,
            values: _,
        } = self;
        *span = by.span(*span);
    }
}

impl Shift for Unread {
    fn shift(&mut self, by: By) {
        let Unread {
            unplaced,
            rows_share_lines: _,
            split_rows: _,
            scrambled: _,
        } = self;
        unplaced.iter_mut().for_each(|u| u.shift(by));
    }
}

impl Shift for Table2BlockBound {
    fn shift(&mut self, by: By) {
        let Table2BlockBound {
            item: _,
            header,
            header_line,
            rows,
        } = self;
        *header = by.span(*header);
        *header_line = by.line(*header_line);
        rows.iter_mut().for_each(|r| r.shift(by));
    }
}

impl Shift for Table2 {
    fn shift(&mut self, by: By) {
        let Table2 {
            version: _,
            version_evidence,
            lines,
            blocks,
            unreadable: _,
            unread,
        } = self;
        *version_evidence = version_evidence.map(|s| by.span(s));
        *lines = by.lines(*lines);
        blocks.iter_mut().for_each(|b| b.shift(by));
        unread.shift(by);
    }
}

impl Shift for Table3 {
    fn shift(&mut self, by: By) {
        let Table3 {
            version: _,
            version_shown: _,
            lines,
            style: _,
            rows,
            subtotals,
            unreadable: _,
            has_numbers: _,
            unread,
        } = self;
        *lines = by.lines(*lines);
        rows.iter_mut().flatten().for_each(|r| r.shift(by));
        subtotals.iter_mut().for_each(|(_, r)| r.shift(by));
        unread.shift(by);
    }
}

impl Shift for Table4 {
    fn shift(&mut self, by: By) {
        let Table4 {
            header_line,
            lines,
            row,
            style: _,
            unread,
        } = self;
        *header_line = by.line(*header_line);
        *lines = by.lines(*lines);
        if let Some(r) = row {
            r.shift(by);
        }
        unread.shift(by);
    }
}

impl Shift for ShapeIssue {
    fn shift(&mut self, by: By) {
        let ShapeIssue {
            table: _,
            line,
            span,
            label: _,
            found: _,
            expected: _,
            kind: _,
        } = self;
        *line = by.line(*line);
        *span = by.span(*span);
    }
}

impl Shift for LabelVariant {
    fn shift(&mut self, by: By) {
        let LabelVariant {
            table: _,
            span,
            found: _,
            official: _,
        } = self;
        *span = by.span(*span);
    }
}
