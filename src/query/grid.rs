//! Scores that do not depend on how the documents fell into segments or shards.
//!
//! A strategy's score is a sum of its words' BM25 contributions, and tantivy adds them up in
//! an order that follows the document's position in each posting list: two builds of the
//! same files — or the same files split into four shards — add the same numbers in another
//! order, and single-precision addition is not associative, so scores moved in the sixth
//! digit and near-equal documents swapped places between builds. [`OnGrid`] rounds every
//! scoring leaf of a lowered strategy (a proximity span, a history set, a truncated word's
//! expansion) to a multiple of 2⁻¹² before anything adds it up; a plain word over several
//! fields is summed in a fixed order and rounded once by [`super::summed::Summed`]. Sums of
//! such numbers are exact in `f32` while they stay below 2¹², so every order of addition
//! gives the same bits: equal inputs, equal scores, on any layout. The rounding moves a leaf
//! by at most 1.2·10⁻⁴, far below the differences ranking cares about; documents it makes
//! equal are ordered by id.

use std::fmt;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// The grid's step, 2⁻¹².
const STEP: f32 = 1.0 / 4096.0;

/// Round a score to the grid (to the nearest multiple of the step; halves to even).
#[inline]
pub fn snap(score: Score) -> Score {
    // Adding and removing 1.5·2²³ leaves a float below 2²² in magnitude rounded to a whole
    // number by the addition itself: two additions instead of a call to the C library's
    // `roundf`, which cost a tenth of a Boolean search.
    const SHIFT: f32 = 12_582_912.0;
    let x = score / STEP;
    let whole = if x.abs() < 4_194_304.0 {
        (x + SHIFT) - SHIFT
    } else {
        x.round()
    };
    whole * STEP
}

/// A query whose scores are rounded to the grid (see the module's documentation).
pub struct OnGrid(pub Box<dyn Query>);

impl OnGrid {
    pub fn boxed(inner: Box<dyn Query>) -> Box<dyn Query> {
        Box::new(OnGrid(inner))
    }
}

impl Clone for OnGrid {
    fn clone(&self) -> Self {
        OnGrid(self.0.box_clone())
    }
}

impl fmt::Debug for OnGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OnGrid({:?})", self.0)
    }
}

impl Query for OnGrid {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(GridWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor)
    }
}

struct GridWeight(Box<dyn Weight>);

impl Weight for GridWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(GridScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.0.explain(reader, doc)?;
        let mut e = Explanation::new("rounded to a multiple of 2^-12", snap(inner.value()));
        e.add_detail(inner);
        Ok(e)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.0.for_each_no_score(reader, callback)
    }
}

struct GridScorer(Box<dyn Scorer>);

impl DocSet for GridScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }
    fn doc(&self) -> DocId {
        self.0.doc()
    }
    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for GridScorer {
    fn score(&mut self) -> Score {
        snap(self.0.score())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sum in the given order.
    fn sum(parts: &[f32], order: &[usize]) -> f32 {
        order.iter().fold(0.0f32, |acc, i| acc + parts[*i])
    }

    #[test]
    fn sums_on_the_grid_do_not_depend_on_order() {
        // The problem: one plus two tiny contributions, added in two orders.
        let tiny = [1.0f32, 4e-8, 4e-8];
        assert_ne!(sum(&tiny, &[0, 1, 2]), sum(&tiny, &[1, 2, 0]));
        // BM25-sized contributions, summed forwards and backwards: the plain sums differ
        // for some, the snapped ones never.
        let mut state = 0x2545_f491_u64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 40) as f32 / (1u64 << 24) as f32 * 20.0
        };
        let (mut plain_differs, order) = (0, [0usize, 1, 2, 3, 4, 5, 6, 7]);
        let mut back = order;
        back.reverse();
        for _ in 0..1000 {
            let parts: Vec<f32> = (0..8).map(|_| next()).collect();
            if sum(&parts, &order) != sum(&parts, &back) {
                plain_differs += 1;
            }
            let g: Vec<f32> = parts.iter().map(|p| snap(*p)).collect();
            assert_eq!(sum(&g, &order).to_bits(), sum(&g, &back).to_bits());
            assert!((sum(&g, &order) - sum(&parts, &order)).abs() <= 8.0 * STEP);
        }
        assert!(plain_differs > 0, "the plain sums should show the problem");
    }

    #[test]
    fn snapping_moves_a_score_by_at_most_half_a_step() {
        for s in [
            0.0f32, 1e-6, 0.3, 7.123_456, 123.456_79, 2000.1, 5000.3, -3.7,
        ] {
            assert!((snap(s) - s).abs() <= STEP / 2.0 + f32::EPSILON * s.abs());
            assert_eq!(snap(snap(s)), snap(s));
            assert_eq!((snap(s) / STEP).fract(), 0.0, "{s} lands on the grid");
        }
    }
}
