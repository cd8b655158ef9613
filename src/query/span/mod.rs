//! A positional query over tantivy postings: phrases, ordered (`ADJ/n`) and unordered
//! (`NEAR/n`) proximity between words, phrases, truncated words and OR-groups.
//!
//! Every operand yields *spans* (first and last word position) per document; a phrase chains
//! spans that follow each other directly, a proximity operator pairs spans whose nearest ends
//! are at most n positions apart. Leaves may read different fields of the same text (the
//! stemmed copy for words, the unstemmed copy for truncated words): both copies were indexed
//! from one tokenizer and share positions.
//!
//! Matching runs in two phases (`source`): documents where every required word occurs are
//! found from document ids alone, and positions are read and joined (`join`) only for
//! those. An operator with no OR-group below it runs over its distinct words at once
//! (`flat`). A document's score grows with the number of distinct spans matched at the root.

mod flat;
mod join;
mod source;

use join::Join;
use source::{JoinSource, OrSource, Source, TermsSource};
use std::fmt;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// A matched stretch of words: first and last position.
pub type Pos = (u32, u32);

/// The positional structure to match.
#[derive(Clone, Debug, PartialEq)]
pub enum SpanNode {
    /// Any of these terms (a word, or the expansions of a truncated word).
    Terms(Vec<Term>),
    /// Parts that follow each other directly (a phrase).
    Seq(Vec<SpanNode>),
    /// Left and right within `dist` words; `ordered` requires left before right.
    Near {
        left: Box<SpanNode>,
        right: Box<SpanNode>,
        dist: u32,
        ordered: bool,
    },
    /// Any of these.
    Or(Vec<SpanNode>),
}

impl SpanNode {
    /// Whether it matches single positions only (words and OR-groups of words).
    fn is_points(&self) -> bool {
        match self {
            SpanNode::Terms(_) => true,
            SpanNode::Or(v) => v.iter().all(SpanNode::is_points),
            SpanNode::Seq(_) | SpanNode::Near { .. } => false,
        }
    }

    fn terms<'a>(&'a self, out: &mut Vec<&'a Term>) {
        match self {
            SpanNode::Terms(t) => out.extend(t.iter()),
            SpanNode::Seq(v) | SpanNode::Or(v) => v.iter().for_each(|n| n.terms(out)),
            SpanNode::Near { left, right, .. } => {
                left.terms(out);
                right.terms(out);
            }
        }
    }
}

/// The tantivy query for a [`SpanNode`].
#[derive(Clone)]
pub struct SpanQuery {
    pub root: SpanNode,
}

impl fmt::Debug for SpanQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SpanQuery({:?})", self.root)
    }
}

impl Query for SpanQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let mut terms = Vec::new();
        self.root.terms(&mut terms);
        let mut idf = 0.0f32;
        // The statistics come from the provider scoring was enabled with: over a sharded
        // corpus, those of the whole collection.
        if let EnableScoring::Enabled {
            statistics_provider: stats,
            ..
        } = scoring
        {
            let n = stats.total_num_docs()?.max(1) as f32;
            // One idf per leaf: the rarest of its terms' document frequencies is a fair guess.
            for t in &terms {
                let df = stats.doc_freq(t)? as f32;
                if df > 0.0 {
                    idf += (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                }
            }
            idf /= terms.len().max(1) as f32;
            idf *= leaf_count(&self.root) as f32;
        }
        Ok(Box::new(SpanWeight {
            root: self.root.clone(),
            idf: idf.max(0.1),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        let mut terms = Vec::new();
        self.root.terms(&mut terms);
        for t in terms {
            visitor(t, true);
        }
    }
}

fn leaf_count(n: &SpanNode) -> usize {
    match n {
        SpanNode::Terms(_) => 1,
        SpanNode::Seq(v) => v.iter().map(leaf_count).sum(),
        SpanNode::Or(v) => v.iter().map(leaf_count).max().unwrap_or(1),
        SpanNode::Near { left, right, .. } => leaf_count(left) + leaf_count(right),
    }
}

struct SpanWeight {
    root: SpanNode,
    idf: f32,
}

impl Weight for SpanWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let source = build(&self.root, reader)?;
        let mut scorer = SpanScorer {
            source,
            weight: self.idf * boost,
            doc: TERMINATED,
            matched: 0,
            buf: Vec::new(),
        };
        let first = scorer.source.doc();
        scorer.verify(first);
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut s = self.scorer(reader, 1.0)?;
        if s.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "positional match (phrase / NEAR / ADJ)",
            s.score(),
        ))
    }
}

fn build(node: &SpanNode, reader: &SegmentReader) -> tantivy::Result<Box<dyn Source>> {
    let kids = |nodes: &[SpanNode]| -> tantivy::Result<Vec<Box<dyn Source>>> {
        nodes.iter().map(|c| build(c, reader)).collect()
    };
    if let Some(flat) = flat::FlatSource::new(node, reader)? {
        return Ok(Box::new(flat));
    }
    Ok(match node {
        SpanNode::Terms(terms) => {
            let mut postings = Vec::new();
            for t in terms {
                let inv = reader.inverted_index(t.field())?;
                if let Some(p) = inv.read_postings(t, IndexRecordOption::WithFreqsAndPositions)? {
                    postings.push(p);
                }
            }
            Box::new(TermsSource::new(postings))
        }
        SpanNode::Or(children) => {
            let points = children.iter().all(SpanNode::is_points);
            Box::new(OrSource::new(kids(children)?, points))
        }
        SpanNode::Seq(parts) => Box::new(JoinSource::new(kids(parts)?, Join::Seq)),
        SpanNode::Near {
            left,
            right,
            dist,
            ordered,
        } => Box::new(JoinSource::new(
            vec![build(left, reader)?, build(right, reader)?],
            Join::Near {
                dist: *dist,
                ordered: *ordered,
            },
        )),
    })
}

/// Walks the candidates of the root source and keeps those whose spans match; the score
/// grows with the number of matched spans.
struct SpanScorer {
    source: Box<dyn Source>,
    weight: f32,
    doc: DocId,
    /// Spans matched in `doc`.
    matched: usize,
    buf: Vec<Pos>,
}

impl SpanScorer {
    /// The first candidate from `candidate` on whose positions match.
    fn verify(&mut self, mut candidate: DocId) -> DocId {
        while candidate != TERMINATED {
            let n = self.source.matches().as_spans(&mut self.buf).len();
            if n > 0 {
                self.matched = n;
                break;
            }
            candidate = self.source.advance();
        }
        self.doc = candidate;
        candidate
    }
}

impl DocSet for SpanScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let next = self.source.advance();
        self.verify(next)
    }
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let next = self.source.seek(target);
        self.verify(next)
    }
    fn doc(&self) -> DocId {
        self.doc
    }
    fn size_hint(&self) -> u32 {
        self.source.size_hint()
    }
}

impl Scorer for SpanScorer {
    fn score(&mut self) -> Score {
        let f = self.matched as f32;
        self.weight * f * 2.2 / (f + 1.2)
    }
}
