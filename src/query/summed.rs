//! One word over many fields, scored once on the grid.
//!
//! A word without a field code is searched in the title, abstract and claims of every
//! language of the collection: up to a dozen term queries. Rounded one by one to the grid
//! ([`super::grid`]) and added by tantivy's union, each match paid a rounding and two
//! dynamic calls (about a sixth of a Boolean search). [`Summed`] is that union written for
//! the purpose: it adds the scores of the clauses a document matches **in the clauses'
//! order** — an order that does not depend on where the document sits in the index, unlike
//! tantivy's union, which reorders its clauses as they run out — and rounds the sum to the
//! grid once. Scores stay equal on every layout (one index or shards, any segment order).

use super::grid::snap;
use std::fmt;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// The clauses of one word (any queries); a document matches if any clause does.
pub struct Summed(pub Vec<Box<dyn Query>>);

impl Summed {
    pub fn boxed(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        Box::new(Summed(clauses))
    }
}

impl Clone for Summed {
    fn clone(&self) -> Self {
        Summed(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl fmt::Debug for Summed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Summed({:?})", self.0)
    }
}

impl Query for Summed {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .0
            .iter()
            .map(|q| q.weight(scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(SummedWeight(weights)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}

struct SummedWeight(Vec<Box<dyn Weight>>);

impl Weight for SummedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut clauses = Vec::with_capacity(self.0.len());
        for w in &self.0 {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                clauses.push(s);
            }
        }
        Ok(Box::new(SummedScorer::new(clauses)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut sum = 0.0;
        let mut details = Vec::new();
        for w in &self.0 {
            // A clause that does not match the document has nothing to explain.
            if let Ok(e) = w.explain(reader, doc) {
                sum += e.value();
                details.push(e);
            }
        }
        if details.is_empty() {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut e = Explanation::new(
            "sum over the word's fields, rounded to a multiple of 2^-12",
            snap(sum),
        );
        for d in details {
            e.add_detail(d);
        }
        Ok(e)
    }
}

/// The union of `clauses`, each positioned on its current document (kept in `docs`, so that
/// moving through the union calls only the clauses that match); scores are added in the
/// clauses' order.
struct SummedScorer {
    clauses: Vec<Box<dyn Scorer>>,
    /// Each clause's current document.
    docs: Vec<DocId>,
    doc: DocId,
}

impl SummedScorer {
    fn new(clauses: Vec<Box<dyn Scorer>>) -> SummedScorer {
        let docs: Vec<DocId> = clauses.iter().map(|c| c.doc()).collect();
        let doc = docs.iter().copied().min().unwrap_or(TERMINATED);
        SummedScorer { clauses, docs, doc }
    }
}

impl DocSet for SummedScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let at = self.doc;
        let mut lowest = TERMINATED;
        for (c, d) in self.clauses.iter_mut().zip(self.docs.iter_mut()) {
            if *d == at {
                *d = c.advance();
            }
            lowest = lowest.min(*d);
        }
        self.doc = lowest;
        lowest
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut lowest = TERMINATED;
        for (c, d) in self.clauses.iter_mut().zip(self.docs.iter_mut()) {
            if *d < target {
                *d = c.seek(target);
            }
            lowest = lowest.min(*d);
        }
        self.doc = lowest;
        lowest
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.clauses
            .iter()
            .map(|c| c.size_hint())
            .max()
            .unwrap_or(0)
    }
}

impl Scorer for SummedScorer {
    fn score(&mut self) -> Score {
        let at = self.doc;
        let mut sum = 0.0;
        for (c, d) in self.clauses.iter_mut().zip(&self.docs) {
            if *d == at {
                sum += c.score();
            }
        }
        snap(sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scorer over fixed documents with a fixed score.
    struct Fixed {
        docs: Vec<DocId>,
        at: usize,
        score: Score,
    }

    impl DocSet for Fixed {
        fn advance(&mut self) -> DocId {
            self.at += 1;
            self.doc()
        }
        fn doc(&self) -> DocId {
            self.docs.get(self.at).copied().unwrap_or(TERMINATED)
        }
        fn size_hint(&self) -> u32 {
            self.docs.len() as u32
        }
    }

    impl Scorer for Fixed {
        fn score(&mut self) -> Score {
            self.score
        }
    }

    fn clause(docs: &[DocId], score: Score) -> Box<dyn Scorer> {
        Box::new(Fixed {
            docs: docs.to_vec(),
            at: 0,
            score,
        })
    }

    fn all(s: &mut SummedScorer) -> Vec<(DocId, Score)> {
        let mut out = Vec::new();
        while s.doc() != TERMINATED {
            out.push((s.doc(), s.score()));
            s.advance();
        }
        out
    }

    #[test]
    fn the_union_visits_each_document_once_and_adds_what_matches() {
        let mut s = SummedScorer::new(vec![
            clause(&[1, 4, 9], 1.0),
            clause(&[4, 5], 0.5),
            clause(&[], 7.0),
            clause(&[9], 0.25),
        ]);
        assert_eq!(all(&mut s), vec![(1, 1.0), (4, 1.5), (5, 0.5), (9, 1.25)]);
        let mut s = SummedScorer::new(vec![clause(&[1, 4, 9], 1.0), clause(&[4, 5], 0.5)]);
        assert_eq!(s.seek(5), 5);
        assert_eq!(s.seek(3), 5, "seek never goes back");
        assert_eq!(s.seek(6), 9);
        assert_eq!(s.seek(10), TERMINATED);
        assert_eq!(SummedScorer::new(Vec::new()).doc(), TERMINATED);
    }

    #[test]
    fn a_documents_sum_over_its_fields_is_rounded_to_the_grid_once() {
        // 0.1 + 0.2 is not on the grid; the union's score is.
        let mut s = SummedScorer::new(vec![clause(&[3], 0.1), clause(&[3, 8], 0.2)]);
        let first = s.score();
        assert_eq!(first, snap(0.1 + 0.2));
        assert_eq!((first * 4096.0).fract(), 0.0);
    }
}
