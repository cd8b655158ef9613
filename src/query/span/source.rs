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

/// What an operand matches in one document, sorted and without duplicates.
#[derive(Clone, Copy)]
pub(super) enum Matches<'a> {
    /// Single positions (words).
    Points(&'a [u32]),
    /// Spans of several words (phrases, proximity).
    Spans(&'a [Pos]),
}

impl<'a> Matches<'a> {
    pub(super) fn len(&self) -> usize {
        match self {
            Matches::Points(p) => p.len(),
            Matches::Spans(s) => s.len(),
        }
    }
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// As spans: single positions become one-word spans, written into `buf`.
    fn as_spans(self, buf: &'a mut Vec<Pos>) -> &'a [Pos] {
        match self {
            Matches::Spans(s) => s,
            Matches::Points(p) => {
                buf.clear();
                buf.extend(p.iter().map(|x| (*x, *x)));
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
    scratch: Vec<u32>,
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
            scratch: Vec::new(),
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
        if !self.valid {
            self.valid = true;
            self.positions.clear();
            let d = self.doc;
            if d != TERMINATED {
                self.runs.clear();
                for p in self.postings.iter_mut().filter(|p| p.doc() == d) {
                    p.append_positions_with_offset(0, &mut self.positions);
                    self.runs.push(self.positions.len());
                }
                // One word's positions come sorted and distinct; several words' are merged.
                if self.runs.len() > 1 {
                    merge_runs(&mut self.positions, &mut self.runs, &mut self.scratch);
                }
            }
        }
        Matches::Points(&self.positions)
    }
    fn size_hint(&self) -> u32 {
        self.postings.iter().map(DocSet::size_hint).sum()
    }
}

/// Merge the sorted runs of `v` (each ending at the index in `ends`) into one sorted list
/// without duplicates: pairs of neighbouring runs are merged until one is left.
fn merge_runs(v: &mut Vec<u32>, ends: &mut Vec<usize>, scratch: &mut Vec<u32>) {
    while ends.len() > 1 {
        scratch.clear();
        scratch.reserve(v.len());
        let mut start = 0;
        let mut merged = 0;
        for k in (0..ends.len()).step_by(2) {
            let mid = ends[k];
            let end = ends.get(k + 1).copied().unwrap_or(mid);
            let (x, y) = (&v[start..mid], &v[mid..end]);
            let (mut i, mut j) = (0, 0);
            while i < x.len() && j < y.len() {
                let take_x = x[i] <= y[j];
                scratch.push(if take_x { x[i] } else { y[j] });
                i += usize::from(take_x);
                j += usize::from(!take_x);
            }
            scratch.extend_from_slice(&x[i..]);
            scratch.extend_from_slice(&y[j..]);
            ends[merged] = end;
            merged += 1;
            start = end;
        }
        ends.truncate(merged);
        std::mem::swap(v, scratch);
    }
    v.dedup();
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
    scratch: Vec<u32>,
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
            scratch: Vec::new(),
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
                Matches::Points(p) if self.points => {
                    self.positions.extend_from_slice(p);
                    self.runs.push(self.positions.len());
                }
                m => self.spans.extend_from_slice(m.as_spans(&mut self.buf)),
            }
        }
        if parts > 1 {
            if self.points {
                merge_runs(&mut self.positions, &mut self.runs, &mut self.scratch);
            } else {
                self.spans.sort_unstable();
                self.spans.dedup();
            }
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
                self.spans.clear();
            }
        }
        if self.points {
            Matches::Points(&self.positions)
        } else {
            Matches::Spans(&self.spans)
        }
    }
    fn size_hint(&self) -> u32 {
        self.kids.iter().map(|k| k.size_hint()).sum()
    }
}

/// Parts that must all occur (a phrase, a proximity operator): candidates are the
/// intersection of theirs; spans are the parts' matches combined left to right by `join`.
pub(super) struct JoinSource {
    kids: Vec<Box<dyn Source>>,
    /// Kid indexes, rarest first: the order in which candidates are intersected.
    order: Vec<usize>,
    join: Join,
    doc: DocId,
    valid: bool,
    spans: Vec<Pos>,
    acc: Vec<Pos>,
    left: Vec<Pos>,
    right: Vec<Pos>,
}

impl JoinSource {
    pub(super) fn new(kids: Vec<Box<dyn Source>>, join: Join) -> JoinSource {
        let mut order: Vec<usize> = (0..kids.len()).collect();
        order.sort_by_key(|i| kids[*i].size_hint());
        let start = kids.iter().map(|k| k.doc()).max().unwrap_or(TERMINATED);
        let mut s = JoinSource {
            kids,
            order,
            join,
            doc: TERMINATED,
            valid: false,
            spans: Vec::new(),
            acc: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
        };
        s.align(start);
        s
    }

    /// The first candidate at or after `target` common to every part (leapfrog, rarest
    /// part first).
    fn align(&mut self, mut target: DocId) -> DocId {
        self.valid = false;
        'outer: loop {
            if target == TERMINATED {
                break;
            }
            for &i in &self.order {
                let k = &mut self.kids[i];
                let d = if k.doc() < target {
                    k.seek(target)
                } else {
                    k.doc()
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

    fn compute(&mut self) {
        let JoinSource {
            kids,
            join: how,
            spans: out,
            acc,
            left,
            right,
            ..
        } = self;
        out.clear();
        let Some((first, rest)) = kids.split_first_mut() else {
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
                (0, Matches::Points(x), Matches::Points(y)) => join_points(*how, x, y, out),
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
        self.doc
    }
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let lead = self.order.first().copied().unwrap_or(0);
        let next = match self.kids.get_mut(lead) {
            Some(k) => k.advance(),
            None => TERMINATED,
        };
        self.align(next)
    }
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.align(target)
    }
    fn matches(&mut self) -> Matches<'_> {
        if !self.valid {
            self.valid = true;
            if self.doc == TERMINATED {
                self.spans.clear();
            } else {
                self.compute();
            }
        }
        Matches::Spans(&self.spans)
    }
    fn size_hint(&self) -> u32 {
        self.kids.iter().map(|k| k.size_hint()).min().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn merged_runs_are_sorted_and_distinct() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..500 {
            let mut v = Vec::new();
            let mut ends = Vec::new();
            for _ in 0..(1 + round % 7) {
                let mut run: Vec<u32> = (0..round % 11)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        (seed % 40) as u32
                    })
                    .collect();
                run.sort_unstable();
                run.dedup();
                v.extend(run);
                ends.push(v.len());
            }
            let mut expected = v.clone();
            expected.sort_unstable();
            expected.dedup();
            super::merge_runs(&mut v, &mut ends, &mut Vec::new());
            assert_eq!(v, expected);
        }
    }
}
