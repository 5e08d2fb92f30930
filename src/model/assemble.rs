//! The continuation mechanism shared by tables 二, 三 and 四: a table's
//! token stream is read as label fragments and groups of values, and the
//! fragments are assembled into the labels the schema expects, in order.
//!
//! A fragment continues the label before it when together they are the
//! start of an expected label (`4.无正当理由大量反复` + `申请`); it continues an
//! earlier unfinished label when a row came in between (`（四）无` … `1.本机关
//! 不掌握相关政府信息` … `法提供`, or a group label written one character per
//! line); otherwise it starts the next expected label, or is a header word,
//! debris of a vertical label, or text that cannot be placed. A group of
//! values belongs to the label read just before it; values with no label of
//! their own, or after text that could not be placed, are not guessed at.

use super::labels::{HeaderWords, LabelDef, NormText, common_prefix, lcs, numbering_len};
use super::stream::{Tok, TokKind};
use crate::text::Span;

/// One label as read, with the values that followed it.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Expected labels it may still be (indices into the table's defs).
    pub cands: Vec<usize>,
    pub text: Vec<char>,
    /// Source span of every character of `text`.
    pub spans: Vec<Span>,
    /// The line of every character of `text`.
    pub line_of_char: Vec<usize>,
    /// Lines the label was read on, first one first.
    pub lines: Vec<usize>,
    pub values: Option<Vec<Tok>>,
    /// Text was added that is not the start of any expected wording.
    pub deviates: bool,
    /// Only a short piece that could begin a label (`规`): dropped unless
    /// the next fragment continues it.
    pub weak: bool,
    /// The label was read with one character off (`第二十条第（一某项`): its
    /// one candidate is the label it names.
    pub edited: bool,
}

impl Unit {
    /// The label on its first line and every number read for it: what a
    /// finding about the whole row points at.
    pub fn row_span(&self) -> Span {
        self.values
            .iter()
            .flatten()
            .map(|t| t.span)
            .fold(self.label_span(), Span::cover)
    }

    /// The span of the label's characters on its first line.
    pub fn label_span(&self) -> Span {
        let first = self.lines.first().copied();
        let mut it = self
            .spans
            .iter()
            .zip(&self.line_of_char)
            .filter(|(_, l)| Some(**l) == first)
            .map(|(s, _)| *s);
        match it.next() {
            Some(a) => it.fold(a, |acc, s| acc.cover(s)),
            None => Span::default(),
        }
    }
}

/// How well a unit's text names the label it was resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quality {
    Exact,
    /// A known variant, or wording close to the official one.
    Variant,
    /// The start of the label only (the rest was lost).
    Prefix,
}

#[derive(Debug, Default)]
pub struct Assembly {
    pub units: Vec<Unit>,
    /// Values that belong to no label.
    pub orphans: Vec<Vec<Tok>>,
    /// Text that is neither a label, a header word nor debris.
    pub stray: Vec<Span>,
    /// Tokens read before the table ended (at prose).
    pub consumed: usize,
}

pub struct Params<'a> {
    pub defs: &'a [LabelDef],
    pub headers: &'a HeaderWords,
    /// Fewest characters of an unnumbered wording that start a label.
    pub min_unnumbered: usize,
    /// The first characters of every form of `defs`, sorted.
    pub firsts: &'a [char],
}

impl Params<'_> {
    /// Whether any label can start at `rest`: its first character, or the
    /// one after a numbering, begins some label (most places begin none).
    fn may_start(&self, rest: &[char]) -> bool {
        let Some(&first) = rest.first() else {
            return false;
        };
        let after = rest.get(numbering_len(rest)).copied();
        self.firsts.binary_search(&first).is_ok()
            || after.is_some_and(|c| self.firsts.binary_search(&c).is_ok())
    }
}

/// A set of label indices: a bit per label of the first 128 (every table
/// has fewer), a list past that.
#[derive(Default)]
struct UsedSet {
    bits: u128,
    more: Vec<usize>,
}

impl UsedSet {
    fn insert(&mut self, d: usize) {
        match u32::try_from(d).ok().filter(|&d| d < 128) {
            Some(d) => self.bits |= 1 << d,
            None => self.more.push(d),
        }
    }

    fn contains(&self, d: usize) -> bool {
        match u32::try_from(d).ok().filter(|&d| d < 128) {
            Some(d) => self.bits & (1 << d) != 0,
            None => self.more.contains(&d),
        }
    }
}

struct Assembler<'p> {
    p: &'p Params<'p>,
    starts: FirstIndex,
    out: Assembly,
    /// Units whose label is unfinished, waiting for a continuation.
    pending: Vec<usize>,
    group: Vec<Tok>,
    stray_since_unit: bool,
}

/// Reads a table's tokens into labels and values.
pub fn assemble(src: &str, p: &Params, toks: &[Tok]) -> Assembly {
    let mut a = Assembler {
        p,
        starts: FirstIndex::new(p.defs),
        out: Assembly::default(),
        pending: Vec::new(),
        group: Vec::new(),
        stray_since_unit: false,
    };
    let mut consumed = toks.len();
    // One buffer for every fragment: normalizing allocates nothing.
    let mut norm = NormText::default();
    for (i, tok) in toks.iter().enumerate() {
        match tok.kind {
            TokKind::Value | TokKind::Blank => {
                // Blank cells that ended an earlier line belong to no row.
                if a.group.first().is_some_and(|g| g.line != tok.line)
                    && a.group.iter().all(|g| g.kind == TokKind::Blank)
                {
                    a.close_group();
                }
                a.group.push(*tok)
            }
            TokKind::Text => {
                a.close_group();
                norm.fill(src, tok.span);
                if !a.text(&norm, tok.line) {
                    consumed = i;
                    break;
                }
            }
        }
    }
    a.close_group();
    if a.out
        .units
        .last()
        .is_some_and(|u| u.weak && u.values.is_none())
    {
        a.out.units.pop();
    }
    a.out.consumed = consumed;
    a.out
}

impl Assembler<'_> {
    fn close_group(&mut self) {
        if self.group.is_empty() {
            return;
        }
        // The next group is most likely as long as this one (a table's
        // rows have the same cells): room for it, not a doubling per value.
        let room = self.group.len();
        let group = std::mem::replace(&mut self.group, Vec::with_capacity(room));
        let all_blank = group.iter().all(|t| t.kind == TokKind::Blank);
        let line = group[0].line;
        match self.out.units.last_mut() {
            // Blank cells belong to a label on their own line only.
            Some(u)
                if u.values.is_none()
                    && !self.stray_since_unit
                    && (!all_blank || u.lines.last() == Some(&line)) =>
            {
                u.values = Some(group)
            }
            // The blank cells of a line that only continues a label.
            _ if all_blank => {}
            _ => self.out.orphans.push(group),
        }
    }

    /// The labels already taken (a unit that is not weak resolved to them
    /// alone), in one pass over the units: `start_at` asks for each
    /// candidate label, and the units grow with the table.
    fn used_set(&self) -> UsedSet {
        let mut set = UsedSet::default();
        for u in self.out.units.iter().filter(|u| !u.weak) {
            if let [d] = u.cands[..] {
                set.insert(d);
            }
        }
        set
    }

    /// Labels before this one in table order have been read.
    fn next_order(&self) -> usize {
        self.out
            .units
            .iter()
            .filter(|u| !u.weak)
            .filter_map(|u| u.cands.iter().min())
            .max()
            .map(|m| m + 1)
            .unwrap_or(0)
    }

    /// Reads one text token; false when it is prose that ends the table.
    fn text(&mut self, norm: &NormText, line: usize) -> bool {
        // The table's last row has its numbers: only its own label may follow.
        let last_def = self.p.defs.len().checked_sub(1);
        let mut i = 0;
        if let Some(u) = self.out.units.last()
            && u.values.is_some()
            && last_def.is_some_and(|d| u.cands == [d])
        {
            match self.extend(&norm.chars, norm, 0, line) {
                Some(k) => i = k,
                None => return false,
            }
        }
        while i < norm.chars.len() {
            let rest = &norm.chars[i..];
            if let Some(k) = self.extend(rest, norm, i, line) {
                i += k;
                continue;
            }
            let start = self.start_at(rest);
            if let Some((cands, k, false)) = start {
                self.open(cands, false, norm, i, i + k, line);
                i += k;
                continue;
            }
            // The end of the last label with one character off
            // (`第二十条第（一` + `某项`, `第二十条第（` + `）项`).
            if let Some(k) = self.complete_near(rest, norm, i, line) {
                i += k;
                continue;
            }
            // A short piece that may begin a label, unless it is a header word.
            if let Some((cands, k, true)) = start
                && !self.p.headers.covers(&rest[..k])
                && !self.p.headers.is_debris(&rest[..k])
            {
                self.open(cands, true, norm, i, i + k, line);
                i += k;
                continue;
            }
            // A character of a label written one per line, glued before
            // the continuation of another label.
            if rest.len() >= 2
                && self.p.headers.is_debris(&rest[..1])
                && self.find_extension(&rest[1..]).is_some()
            {
                i += 1;
                continue;
            }
            let stop = (1..rest.len())
                .find(|&p| {
                    numbering_len(&rest[p..]) > 0
                        || (self.p.may_start(&rest[p..])
                            && self.start_at(&rest[p..]).is_some_and(|s| !s.2))
                })
                .unwrap_or(rest.len());
            let piece = &rest[..stop];
            if self.p.headers.covers(piece) || self.p.headers.is_debris(piece) {
                i += stop;
                continue;
            }
            // A whole label with one character off (not a header word):
            // `第某十条第（一）项`.
            if let Some((d, k)) = self.start_near(rest) {
                self.open(vec![d], false, norm, i, i + k, line);
                if let Some(u) = self.out.units.last_mut() {
                    u.edited = true;
                }
                i += k;
                continue;
            }
            // A label read before that carries no numbers, written again
            // (HTML copies repeat a merged cell on every row it spans).
            if self
                .out
                .units
                .iter()
                .any(|u| u.values.is_none() && !u.weak && u.text == piece)
            {
                i += stop;
                continue;
            }
            // `三、规范平台…` in a table whose rows have no such numbering:
            // a heading glued after the table.
            let cn_numbering = piece.len() > 2
                && piece[1] == '、'
                && "一二三四五六七八九十".contains(piece[0])
                && !self
                    .p
                    .defs
                    .iter()
                    .any(|d| d.numbered.iter().any(|f| f.starts_with(&piece[..2])));
            if cn_numbering {
                return false;
            }
            if self.deviate(piece, norm, i, line) {
                i += stop;
                continue;
            }
            // A sentence ends the table; a long piece without one is text
            // the reader cannot place (a header with a typo, a caption).
            if piece.len() >= 40
                || piece.iter().any(|c| matches!(c, '。' | ';'))
                || (piece.len() >= 16 && piece.contains(&','))
            {
                return false;
            }
            self.out.stray.push(norm.span(i, i + stop));
            self.stray_since_unit = true;
            i += stop;
        }
        true
    }

    /// Which label `rest` continues, how many characters it takes and which
    /// expected labels remain: the last label first, then unfinished ones.
    fn find_extension(&self, rest: &[char]) -> Option<(usize, usize, Vec<usize>)> {
        let last = self.out.units.len().checked_sub(1)?;
        let order =
            std::iter::once(last).chain(self.pending.iter().rev().copied().filter(|&i| i != last));
        for idx in order {
            let u = &self.out.units[idx];
            if u.deviates {
                continue;
            }
            let mut best = 0;
            let mut cands = Vec::new();
            let mut completes = false;
            for &d in &u.cands {
                for f in self.p.defs[d].forms() {
                    if f.len() <= u.text.len() || !f.starts_with(&u.text) {
                        continue;
                    }
                    let k = common_prefix(&f[u.text.len()..], rest);
                    if k == 0 || k < best {
                        continue;
                    }
                    if k > best {
                        best = k;
                        cands.clear();
                        completes = false;
                    }
                    completes |= u.text.len() + k == f.len();
                    if !cands.contains(&d) {
                        cands.push(d);
                    }
                }
            }
            // One character alone continues a label only when it stands
            // apart: the whole fragment, or glued to the next numbering.
            let apart = best == rest.len() || numbering_len(&rest[best..]) > 0;
            if best > 0 && (apart || best >= 2 || (idx == last && completes)) {
                return Some((idx, best, cands));
            }
        }
        None
    }

    /// Continues the last label, or an unfinished earlier one, when `rest`
    /// goes on with an expected wording. Returns the characters taken.
    fn extend(&mut self, rest: &[char], norm: &NormText, at: usize, line: usize) -> Option<usize> {
        let (idx, best, cands) = self.find_extension(rest)?;
        let last = self.out.units.len() - 1;
        let u = &mut self.out.units[idx];
        u.text.extend_from_slice(&rest[..best]);
        u.spans.extend_from_slice(&norm.spans[at..at + best]);
        u.line_of_char.extend(std::iter::repeat_n(line, best));
        if !u.lines.contains(&line) {
            u.lines.push(line);
        }
        u.cands = cands;
        if u.weak && u.text.len() >= 2 {
            u.weak = false;
        }
        if self.pending.contains(&idx) && self.complete(idx) {
            self.pending.retain(|&p| p != idx);
        }
        if idx == last {
            self.stray_since_unit = false;
        }
        Some(best)
    }

    /// Shortest label read with one character off: shorter ones would take
    /// too much text for theirs.
    const NEAR_MIN: usize = 6;

    /// Ends the last label, still without numbers, with `rest` when the two
    /// together are its candidates' forms with one character edited (the
    /// candidates that read so stay). Returns the characters taken.
    fn complete_near(
        &mut self,
        rest: &[char],
        norm: &NormText,
        at: usize,
        line: usize,
    ) -> Option<usize> {
        let u = self.out.units.last()?;
        if u.values.is_some() || u.weak || u.deviates || u.edited || u.text.is_empty() {
            return None;
        }
        let mut found: Option<(Vec<usize>, usize)> = None;
        for &d in &u.cands {
            for f in self.p.defs[d].forms() {
                if f.len() < Self::NEAR_MIN || f.len() <= u.text.len() || !f.starts_with(&u.text) {
                    continue;
                }
                let remainder = &f[u.text.len()..];
                // One character left: a character put before it.
                let k = if remainder.len() == 1 {
                    (rest.get(1) == remainder.first()).then_some(2)
                } else {
                    crate::text::near_prefix(rest, remainder)
                        .filter(|n| n.edited && n.end > 0)
                        .map(|n| n.end)
                };
                let Some(k) = k else {
                    continue;
                };
                match &mut found {
                    Some((ds, e)) if *e == k => {
                        if !ds.contains(&d) {
                            ds.push(d);
                        }
                    }
                    // Read two ways: not read.
                    Some(_) => return None,
                    None => found = Some((vec![d], k)),
                }
            }
        }
        let (ds, k) = found?;
        let last = self.out.units.len() - 1;
        let u = &mut self.out.units[last];
        u.text.extend_from_slice(&rest[..k]);
        u.spans.extend_from_slice(&norm.spans[at..at + k]);
        u.line_of_char.extend(std::iter::repeat_n(line, k));
        if !u.lines.contains(&line) {
            u.lines.push(line);
        }
        // Several candidates read alike (`第二十条第（某）项`): the label is
        // there, which one it is cannot be told.
        u.cands = ds;
        u.edited = true;
        self.pending.retain(|&p| p != last);
        self.stray_since_unit = false;
        Some(k)
    }

    /// The one expected label `rest` starts with one character edited
    /// (`某二十条第（一）项`, `二十条第（一）项`), and how many characters it takes.
    fn start_near(&self, rest: &[char]) -> Option<(usize, usize)> {
        if rest.len() < Self::NEAR_MIN - 1 {
            return None;
        }
        let next = self.next_order();
        let used = self.used_set();
        let mut found: Option<(usize, usize)> = None;
        for (d, def) in self.p.defs.iter().enumerate().skip(next) {
            if used.contains(d) {
                continue;
            }
            // A reading within one edit has the form's first or second
            // character at the text's first or second place.
            let (r0, r1) = (rest.first(), rest.get(1));
            for f in def.forms().filter(|f| {
                f.len() >= Self::NEAR_MIN && [r0, r1].iter().flatten().any(|c| f[..2].contains(c))
            }) {
                let Some(n) = crate::text::near_prefix(rest, f) else {
                    continue;
                };
                if !n.edited {
                    continue;
                }
                match found {
                    Some((e, _)) if e != d => return None,
                    _ => found = Some((d, n.end)),
                }
            }
        }
        found
    }

    fn complete(&self, idx: usize) -> bool {
        let u = &self.out.units[idx];
        u.cands
            .iter()
            .any(|&d| self.p.defs[d].forms().any(|f| *f == u.text))
    }

    /// The expected labels `rest` starts, how many characters it takes, and
    /// whether the start is only weak.
    fn start_at(&self, rest: &[char]) -> Option<(Vec<usize>, usize, bool)> {
        let here = numbering_len(rest);
        let ends_label = |k: usize| k == rest.len() || numbering_len(&rest[k..]) > 0;
        let first = rest.first().copied()?;
        let after_numbering = rest.get(here).copied();
        if !self.p.may_start(rest) {
            return None;
        }
        // (k, strong, defs): the defs kept on the stack, this runs often.
        let mut best: Option<(usize, bool, Picks)> = None;
        let next = self.next_order();
        let used = self.used_set();
        let candidates = self.starts.candidates(first, after_numbering);
        for d in candidates.from(next, self.p.defs.len()) {
            let def = &self.p.defs[d];
            if used.contains(d) {
                continue;
            }
            let mut take = |k: usize, strong: bool| {
                let better = match &best {
                    None => true,
                    Some((bk, bs, _)) => (strong, k) > (*bs, *bk),
                };
                let same = best
                    .as_ref()
                    .is_some_and(|(bk, bs, _)| (*bk, *bs) == (k, strong));
                if better {
                    best = Some((k, strong, Picks::one(d)));
                } else if same && let Some((_, _, ds)) = &mut best {
                    ds.add(d);
                }
            };
            for f in &def.numbered {
                let k = common_prefix(f, rest);
                if k == 0 || def.numbering == 0 || k < def.numbering {
                    continue;
                }
                let strong = (k == f.len())
                    || k >= def.numbering + 2
                    || (k >= def.numbering && ends_label(k));
                if strong {
                    take(k, true);
                } else if k == rest.len() {
                    take(k, false);
                }
            }
            // Unnumbered, or numbered differently from the template.
            let off = if def.numbering > 0 { here } else { 0 };
            for b in &def.bodies {
                let k = common_prefix(b, &rest[off..]);
                if k == 0 {
                    continue;
                }
                let min = self.p.min_unnumbered;
                let strong = if off > 0 {
                    (k == b.len() && k >= 2) || k >= 4
                } else {
                    (k == b.len() && k >= min && !self.p.headers.words.contains(b))
                        || k >= min.max(4)
                };
                if strong {
                    take(off + k, true);
                } else if off == 0 && k == rest.len() {
                    take(k, false);
                }
            }
        }
        best.map(|(k, strong, ds)| (ds.to_vec(), k, !strong))
    }

    fn open(
        &mut self,
        cands: Vec<usize>,
        weak: bool,
        norm: &NormText,
        from: usize,
        to: usize,
        line: usize,
    ) {
        if let Some(last) = self.out.units.len().checked_sub(1) {
            let u = &self.out.units[last];
            if u.weak && u.values.is_none() {
                self.out.units.pop();
                self.pending.retain(|&p| p != last);
            } else if !self.complete(last) && !u.deviates && !self.pending.contains(&last) {
                self.pending.push(last);
            }
        }
        // Room for the rest of the label: it usually grows by continuation.
        let room = (to - from).max(24);
        let mut text = Vec::with_capacity(room);
        text.extend_from_slice(&norm.chars[from..to]);
        let mut spans = Vec::with_capacity(room);
        spans.extend_from_slice(&norm.spans[from..to]);
        let mut line_of_char = Vec::with_capacity(room);
        line_of_char.resize(to - from, line);
        self.out.units.push(Unit {
            cands,
            text,
            spans,
            line_of_char,
            lines: vec![line],
            values: None,
            deviates: false,
            weak,
            edited: false,
        });
        self.stray_since_unit = false;
    }

    /// Text that does not go on with any expected wording: taken into the
    /// last label when it is still being read (no values yet), or when it
    /// makes a deviating label closer to its official wording.
    fn deviate(&mut self, piece: &[char], norm: &NormText, at: usize, line: usize) -> bool {
        if self.stray_since_unit {
            return false;
        }
        let Some(idx) = self.out.units.len().checked_sub(1) else {
            return false;
        };
        let defs = self.p.defs;
        let u = &self.out.units[idx];
        if u.weak || u.text.len() < 2 {
            return false;
        }
        let best_lcs = |text: &[char]| {
            u.cands
                .iter()
                .flat_map(|&d| defs[d].forms())
                .map(|f| lcs(text, f))
                .max()
                .unwrap_or(0)
        };
        let take = if u.values.is_none() {
            piece.len() <= u.text.len() + 8
        } else {
            let mut joined = u.text.clone();
            joined.extend_from_slice(piece);
            let gain = best_lcs(&joined).saturating_sub(best_lcs(&u.text));
            piece.len() >= 2 && gain * 10 >= piece.len() * 7
        };
        if !take {
            return false;
        }
        let u = &mut self.out.units[idx];
        u.text.extend_from_slice(piece);
        u.spans.extend_from_slice(&norm.spans[at..at + piece.len()]);
        u.line_of_char
            .extend(std::iter::repeat_n(line, piece.len()));
        if !u.lines.contains(&line) {
            u.lines.push(line);
        }
        u.deviates = true;
        true
    }
}

/// Which labels may start at a character: those with a numbered form that
/// begins with it, those with a body that begins with it, and (for a
/// numbered label) those whose body begins with the character after a
/// numbering. `start_at` runs at most places of a table's text and asks
/// this instead of every label's first characters.
struct FirstIndex {
    /// (character, labels with a numbered form starting with it, labels
    /// with a body starting with it), sorted by character; a bit per label.
    by_char: Vec<(char, u128, u128)>,
    /// Labels that have a numbering.
    numbered: u128,
    /// More labels than bits: every label is a candidate.
    all: bool,
}

/// The labels [`FirstIndex::candidates`] leaves.
#[derive(Clone, Copy)]
struct Candidates {
    bits: u128,
    all: bool,
}

impl Candidates {
    /// The labels left, from `from` on, in table order: only the set bits
    /// are visited (a label starts with few characters).
    fn from(self, from: usize, len: usize) -> CandidatesFrom {
        let bits = if from >= 128 {
            0
        } else {
            self.bits & (u128::MAX << from)
        };
        CandidatesFrom {
            all: self.all,
            next: from,
            len,
            bits,
        }
    }
}

struct CandidatesFrom {
    all: bool,
    next: usize,
    len: usize,
    bits: u128,
}

impl Iterator for CandidatesFrom {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.all {
            let d = self.next;
            self.next += 1;
            return (d < self.len).then_some(d);
        }
        if self.bits == 0 {
            return None;
        }
        let d = self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        (d < self.len).then_some(d)
    }
}

impl FirstIndex {
    fn new(defs: &[LabelDef]) -> FirstIndex {
        if defs.len() > 128 {
            return FirstIndex {
                by_char: Vec::new(),
                numbered: 0,
                all: true,
            };
        }
        let mut by_char: Vec<(char, u128, u128)> = Vec::new();
        let mut numbered = 0u128;
        for (d, def) in defs.iter().enumerate() {
            let bit = 1u128 << d;
            if def.numbering > 0 {
                numbered |= bit;
            }
            for &c in &def.first_numbered {
                by_char.push((c, bit, 0));
            }
            for &c in &def.first_body {
                by_char.push((c, 0, bit));
            }
        }
        by_char.sort_unstable_by_key(|e| e.0);
        by_char.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
                kept.2 |= later.2;
            }
            same
        });
        FirstIndex {
            by_char,
            numbered,
            all: false,
        }
    }

    fn masks(&self, c: char) -> (u128, u128) {
        self.by_char
            .binary_search_by_key(&c, |e| e.0)
            .map(|i| (self.by_char[i].1, self.by_char[i].2))
            .unwrap_or((0, 0))
    }

    /// The labels that may start at `first`, `after_numbering` being the
    /// character after the numbering there (if any).
    fn candidates(&self, first: char, after_numbering: Option<char>) -> Candidates {
        let (numbered_forms, bodies) = self.masks(first);
        let after = after_numbering.map_or(0, |c| self.masks(c).1 & self.numbered);
        Candidates {
            bits: numbered_forms | bodies | after,
            all: self.all,
        }
    }
}

/// Up to eight expected labels a fragment may start, without allocating.
#[derive(Clone, Copy)]
struct Picks {
    defs: [usize; 8],
    len: usize,
}

impl Picks {
    fn one(d: usize) -> Picks {
        let mut defs = [0; 8];
        defs[0] = d;
        Picks { defs, len: 1 }
    }
    fn add(&mut self, d: usize) {
        if self.len < self.defs.len() && !self.defs[..self.len].contains(&d) {
            self.defs[self.len] = d;
            self.len += 1;
        }
    }
    fn to_vec(self) -> Vec<usize> {
        self.defs[..self.len].to_vec()
    }
}

/// The label a unit names, and how well, if it can be told.
pub fn resolve(defs: &[LabelDef], u: &Unit) -> Option<(usize, Quality)> {
    if u.weak {
        return None;
    }
    if u.edited
        && let [d] = u.cands[..]
    {
        return Some((d, Quality::Variant));
    }
    let official = |d: usize, f: &Vec<char>| {
        defs[d].numbered.first() == Some(f) || defs[d].bodies.first() == Some(f)
    };
    for &d in &u.cands {
        for f in defs[d].forms() {
            if *f == u.text {
                let q = if official(d, f) {
                    Quality::Exact
                } else {
                    Quality::Variant
                };
                return Some((d, q));
            }
        }
    }
    if !u.deviates {
        // The start of a label whose end was lost.
        let read = u.text.len() - numbering_len(&u.text);
        let mut hits = u.cands.iter().filter(|&&d| {
            defs[d].forms().any(|f| {
                let body = f.len() - numbering_len(f);
                f.starts_with(&u.text) && read > 0 && (read * 2 >= body || read >= 6)
            })
        });
        if let (Some(&d), None) = (hits.next(), hits.next()) {
            return Some((d, Quality::Prefix));
        }
    }
    // Wording close to one label and clearly further from the others.
    let mut scored: Vec<(usize, f32)> = u
        .cands
        .iter()
        .map(|&d| {
            let s = defs[d]
                .forms()
                .map(|f| lcs(&u.text, f) as f32 / f.len().max(u.text.len()) as f32)
                .fold(0.0, f32::max);
            (d, s)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    match scored.as_slice() {
        [(d, s)] if *s >= 0.7 => Some((*d, Quality::Variant)),
        [(d, s), (_, s2), ..] if *s >= 0.7 && *s - *s2 >= 0.15 => Some((*d, Quality::Variant)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{FirstIndex, UsedSet};
    use crate::model::labels::{LabelDef, table3_defs};

    /// The index gives exactly the labels whose first characters allow a
    /// start, for every pair of characters the labels begin with.
    #[test]
    fn first_index_leaves_exactly_the_labels_that_may_start() {
        let defs = table3_defs();
        let index = FirstIndex::new(defs);
        let may = |def: &LabelDef, first: char, after: Option<char>| {
            def.first_numbered.binary_search(&first).is_ok()
                || def.first_body.binary_search(&first).is_ok()
                || (def.numbering > 0
                    && after.is_some_and(|c| def.first_body.binary_search(&c).is_ok()))
        };
        let mut chars: Vec<char> = defs
            .iter()
            .flat_map(|d| d.first_numbered.iter().chain(&d.first_body))
            .copied()
            .collect();
        chars.extend(['某', 'a', '1']);
        let mut checked = 0;
        for &first in &chars {
            for after in chars.iter().copied().map(Some).chain([None]) {
                let c = index.candidates(first, after);
                // From every label on (`start_at` skips those read).
                for from in [0, 1, defs.len() / 2, defs.len() - 1, defs.len()] {
                    let want: Vec<usize> = (from..defs.len())
                        .filter(|&d| may(&defs[d], first, after))
                        .collect();
                    let got: Vec<usize> = c.from(from, defs.len()).collect();
                    assert_eq!(got, want, "{from} {first} {after:?}");
                    checked += defs.len() - from;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn used_set_holds_labels_past_128_too() {
        let mut set = UsedSet::default();
        for d in [0, 3, 127, 128, 500] {
            set.insert(d);
        }
        for d in [0, 3, 127, 128, 500] {
            assert!(set.contains(d), "{d}");
        }
        for d in [1, 126, 129, 499] {
            assert!(!set.contains(d), "{d}");
        }
    }
}
