//! Document iterators of the span query, in two phases.
//!
//! Moving (`advance`, `seek`) reads document ids only: a word's postings, the union of an
//! OR-group, the intersection of a phrase's or a proximity operator's parts. That finds the
//! *candidates*: documents where every required word occurs. Positions are read only when
//! the scorer asks a candidate for its matches ([`Source::matches`]), and a join stops
//! reading as soon as one of its parts has no match there. Words (and OR-groups of words)
//! match single positions, kept as plain position lists; phrases and proximity match spans.

use super::join::{join_points, join_spans, Join};
use super::Pos;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::{DocId, DocSet, TERMINATED};

/// What an operand matches in one document.
#[derive(Clone, Copy)]
pub(super) enum Matches<'a> {
    /// Single positions (words), as runs of sorted distinct positions: `ends[i]` is where
    /// run `i` ends in `pos`. Runs come from different words (a truncation's expansions, an
    /// OR-group) and are not merged: joins take them run by run.
    Points { pos: &'a [u32], ends: &'a [usize] },
    /// Spans of several words (phrases, proximity), sorted and without duplicates.
    Spans(&'a [Pos]),
}

impl<'a> Matches<'a> {
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Matches::Points { pos, .. } => pos.is_empty(),
            Matches::Spans(s) => s.is_empty(),
        }
    }
    /// As sorted distinct spans: single positions become one-word spans, written into `buf`.
    pub(super) fn as_spans(self, buf: &'a mut Vec<Pos>) -> &'a [Pos] {
        match self {
            Matches::Spans(s) => s,
            Matches::Points { pos, ends } => {
                buf.clear();
                buf.extend(pos.iter().map(|x| (*x, *x)));
                if ends.len() > 1 {
                    buf.sort_unstable();
                    buf.dedup();
                }
                buf
            }
        }
    }
}

/// A candidate-document iterator that can compute what matches in its candidate.
pub(super) trait Source: Send {
    /// The current candidate (every required word occurs in it), or `TERMINATED`.
    fn doc(&self) -> DocId;
    /// Move to the next candidate.
    fn advance(&mut self) -> DocId;
    /// Move to the first candidate at or after `target` (stay when already there).
    fn seek(&mut self, target: DocId) -> DocId;
    /// The matches in the current candidate; empty when the positions do not match.
    /// Computed once per candidate.
    fn matches(&mut self) -> Matches<'_>;
    fn size_hint(&self) -> u32;
}

/// A word, or the expansions of a truncated word: its positions.
pub(super) struct TermsSource {
    postings: Vec<SegmentPostings>,
    doc: DocId,
    positions: Vec<u32>,
    valid: bool,
    /// End of each word's run of positions in `positions`.
    runs: Vec<usize>,
}

impl TermsSource {
    pub(super) fn new(postings: Vec<SegmentPostings>) -> TermsSource {
        let postings: Vec<SegmentPostings> = postings
            .into_iter()
            .filter(|p| p.doc() != TERMINATED)
            .collect();
        let mut s = TermsSource {
            postings,
            doc: TERMINATED,
            positions: Vec::new(),
            valid: false,
            runs: Vec::new(),
        };
        s.refresh();
        s
    }

    fn refresh(&mut self) -> DocId {
        self.valid = false;
        self.doc = match self.postings.as_slice() {
            [one] => one.doc(),
            many => {
                let mut min = TERMINATED;
                let mut ended = false;
                for p in many {
                    let d = p.doc();
                    min = min.min(d);
                    ended |= d == TERMINATED;
                }
                // Ended postings are dropped, so long truncations get cheaper as they end.
                if ended {
                    self.postings.retain(|p| p.doc() != TERMINATED);
                }
                min
            }
        };
        self.doc
    }
}

impl TermsSource {
    /// Read the positions in the current document (once per document).
    pub(super) fn fill(&mut self) {
        if !self.valid {
            self.valid = true;
            self.positions.clear();
            self.runs.clear();
            let d = self.doc;
            if d != TERMINATED {
                // Each word's positions come sorted and distinct: one run per word.
                for p in self.postings.iter_mut().filter(|p| p.doc() == d) {
                    p.append_positions_with_offset(0, &mut self.positions);
                    self.runs.push(self.positions.len());
                }
            }
        }
    }
    /// The positions read by the last [`TermsSource::fill`].
    pub(super) fn get(&self) -> Matches<'_> {
        Matches::Points {
            pos: &self.positions,
            ends: &self.runs,
        }
    }
}

impl Source for TermsSource {
    fn doc(&self) -> DocId {
        self.doc
    }
    fn advance(&mut self) -> DocId {
        let d = self.doc;
        for p in self.postings.iter_mut().filter(|p| p.doc() == d) {
            p.advance();
        }
        self.refresh()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for p in self.postings.iter_mut().filter(|p| p.doc() < target) {
            p.seek(target);
        }
        self.refresh()
    }
    fn matches(&mut self) -> Matches<'_> {
        self.fill();
        self.get()
    }
    fn size_hint(&self) -> u32 {
        self.postings.iter().map(DocSet::size_hint).sum()
    }
}

/// Any of several operands: candidates are the union of theirs.
pub(super) struct OrSource {
    kids: Vec<Box<dyn Source>>,
    doc: DocId,
    valid: bool,
    /// Whether every operand matches single positions (then so does the group).
    points: bool,
    positions: Vec<u32>,
    runs: Vec<usize>,
    spans: Vec<Pos>,
    buf: Vec<Pos>,
}

impl OrSource {
    /// `points`: every operand is a word or an OR-group of words.
    pub(super) fn new(kids: Vec<Box<dyn Source>>, points: bool) -> OrSource {
        let mut s = OrSource {
            kids,
            doc: TERMINATED,
            valid: false,
            points,
            positions: Vec::new(),
            runs: Vec::new(),
            spans: Vec::new(),
            buf: Vec::new(),
        };
        s.refresh();
        s
    }
    fn refresh(&mut self) -> DocId {
        self.valid = false;
        self.doc = self
            .kids
            .iter()
            .map(|k| k.doc())
            .min()
            .unwrap_or(TERMINATED);
        self.doc
    }
    fn compute(&mut self) {
        let d = self.doc;
        self.positions.clear();
        self.runs.clear();
        self.spans.clear();
        let mut parts = 0;
        for k in self.kids.iter_mut().filter(|k| k.doc() == d) {
            let m = k.matches();
            if m.is_empty() {
                continue;
            }
            parts += 1;
            match m {
                Matches::Points { pos, ends } if self.points => {
                    let base = self.positions.len();
                    self.positions.extend_from_slice(pos);
                    self.runs.extend(ends.iter().map(|e| base + e));
                }
                m => self.spans.extend_from_slice(m.as_spans(&mut self.buf)),
            }
        }
        if parts > 1 && !self.points {
            self.spans.sort_unstable();
            self.spans.dedup();
        }
    }
}

impl Source for OrSource {
    fn doc(&self) -> DocId {
        self.doc
    }
    fn advance(&mut self) -> DocId {
        let d = self.doc;
        for k in self.kids.iter_mut().filter(|k| k.doc() == d) {
            k.advance();
        }
        self.refresh()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for k in self.kids.iter_mut().filter(|k| k.doc() < target) {
            k.seek(target);
        }
        self.refresh()
    }
    fn matches(&mut self) -> Matches<'_> {
        if !self.valid {
            self.valid = true;
            if self.doc != TERMINATED {
                self.compute();
            } else {
                self.positions.clear();
                self.runs.clear();
                self.spans.clear();
            }
        }
        if self.points {
            Matches::Points {
                pos: &self.positions,
                ends: &self.runs,
            }
        } else {
            Matches::Spans(&self.spans)
        }
    }
    fn size_hint(&self) -> u32 {
        self.kids.iter().map(|k| k.size_hint()).sum()
    }
}

/// Parts that must all occur (a phrase, a proximity operator with an OR-group below it;
/// without one, [`super::flat::FlatSource`] is used): candidates are the intersection of
/// theirs; spans are the parts' matches combined left to right by `join`.
pub(super) struct JoinSource {
    parts: Conjunction<Box<dyn Source>>,
    join: Join,
    valid: bool,
    spans: Vec<Pos>,
    acc: Vec<Pos>,
    left: Vec<Pos>,
    right: Vec<Pos>,
}

impl JoinSource {
    pub(super) fn new(kids: Vec<Box<dyn Source>>, join: Join) -> JoinSource {
        JoinSource {
            parts: Conjunction::new(kids),
            join,
            valid: false,
            spans: Vec::new(),
            acc: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
        }
    }

    fn compute(&mut self) {
        let JoinSource {
            parts,
            join: how,
            spans: out,
            acc,
            left,
            right,
            ..
        } = self;
        out.clear();
        let Some((first, rest)) = parts.items.split_first_mut() else {
            return;
        };
        let first = first.matches();
        if first.is_empty() {
            return;
        }
        if rest.is_empty() {
            out.extend_from_slice(first.as_spans(left));
            return;
        }
        for (n, k) in rest.iter_mut().enumerate() {
            let b = k.matches();
            if b.is_empty() {
                out.clear();
                return;
            }
            match (n, first, b) {
                (0, Matches::Points { pos: x, ends: xe }, Matches::Points { pos: y, ends: ye }) => {
                    join_points(*how, (x, xe), (y, ye), out)
                }
                (0, x, y) => join_spans(*how, x.as_spans(left), y.as_spans(right), out),
                (_, _, y) => {
                    std::mem::swap(acc, out);
                    join_spans(*how, acc, y.as_spans(right), out);
                }
            }
            if out.is_empty() {
                return;
            }
        }
    }
}

impl Source for JoinSource {
    fn doc(&self) -> DocId {
        self.parts.doc()
    }
    fn advance(&mut self) -> DocId {
        self.valid = false;
        self.parts.advance()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        if self.parts.doc() < target {
            self.valid = false;
        }
        self.parts.seek(target)
    }
    fn matches(&mut self) -> Matches<'_> {
        if !self.valid {
            self.valid = true;
            if self.parts.doc() == TERMINATED {
                self.spans.clear();
            } else {
                self.compute();
            }
        }
        Matches::Spans(&self.spans)
    }
    fn size_hint(&self) -> u32 {
        self.parts.size_hint()
    }
}

/// Sources that must all hold a document (the words of a phrase, the parts of a proximity
/// operator): the candidates are the documents common to all, found by a leapfrog — each
/// source, rarest first, is moved up to the target, and one that overshoots it raises the
/// target for all.
pub(super) struct Conjunction<S> {
    pub(super) items: Vec<S>,
    /// Item indexes, rarest first: the order in which candidates are intersected.
    order: Vec<usize>,
    doc: DocId,
}

impl<S: Source> Conjunction<S> {
    pub(super) fn new(items: Vec<S>) -> Conjunction<S> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|i| items[*i].size_hint());
        let start = items.iter().map(|k| k.doc()).max().unwrap_or(TERMINATED);
        let mut c = Conjunction {
            items,
            order,
            doc: TERMINATED,
        };
        c.align(start);
        c
    }

    pub(super) fn doc(&self) -> DocId {
        self.doc
    }

    /// The first document at or after `target` that every item holds, or `TERMINATED`.
    fn align(&mut self, mut target: DocId) -> DocId {
        'outer: while target != TERMINATED {
            for &i in &self.order {
                let item = &mut self.items[i];
                let d = if item.doc() < target {
                    item.seek(target)
                } else {
                    item.doc()
                };
                if d > target {
                    target = d;
                    continue 'outer;
                }
            }
            break;
        }
        self.doc = target;
        target
    }

    pub(super) fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let lead = self.order.first().copied().unwrap_or(0);
        let next = match self.items.get_mut(lead) {
            Some(k) => k.advance(),
            None => TERMINATED,
        };
        self.align(next)
    }

    pub(super) fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.align(target)
    }

    /// The rarest item's estimate: no more candidates than that.
    pub(super) fn size_hint(&self) -> u32 {
        self.items.iter().map(|k| k.size_hint()).min().unwrap_or(0)
    }
}

impl<S: Source + ?Sized> Source for Box<S> {
    fn doc(&self) -> DocId {
        (**self).doc()
    }
    fn advance(&mut self) -> DocId {
        (**self).advance()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        (**self).seek(target)
    }
    fn matches(&mut self) -> Matches<'_> {
        (**self).matches()
    }
    fn size_hint(&self) -> u32 {
        (**self).size_hint()
    }
}
