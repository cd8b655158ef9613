//! A positional query over tantivy postings: phrases, ordered (`ADJ/n`) and unordered
//! (`NEAR/n`) proximity between words, phrases, truncated words and OR-groups.
//!
//! Every operand yields *spans* (first and last word position) per document; a phrase chains
//! spans that follow each other directly, a proximity operator pairs spans whose nearest ends
//! are at most n positions apart. Leaves may read different fields of the same text (the
//! stemmed copy for words, the unstemmed copy for truncated words): both copies were indexed
//! from one tokenizer and share positions.

use std::fmt;
use tantivy::postings::{Postings, SegmentPostings};
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
        if let (true, Some(searcher)) = (scoring.is_scoring_enabled(), scoring.searcher()) {
            let n = searcher.num_docs().max(1) as f32;
            // One idf per leaf: the rarest of its terms' document frequencies is a fair guess.
            for t in &terms {
                let df = searcher.doc_freq(t)? as f32;
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
            buf: Vec::new(),
        };
        scorer.source.settle();
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

fn build(node: &SpanNode, reader: &SegmentReader) -> tantivy::Result<Box<dyn Source + Send>> {
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
            let kids = children
                .iter()
                .map(|c| build(c, reader))
                .collect::<tantivy::Result<Vec<_>>>()?;
            Box::new(OrSource::new(kids))
        }
        SpanNode::Seq(parts) => {
            let kids = parts
                .iter()
                .map(|c| build(c, reader))
                .collect::<tantivy::Result<Vec<_>>>()?;
            Box::new(JoinSource::new(kids, Join::Seq))
        }
        SpanNode::Near {
            left,
            right,
            dist,
            ordered,
        } => {
            let kids = vec![build(left, reader)?, build(right, reader)?];
            Box::new(JoinSource::new(
                kids,
                Join::Near {
                    dist: *dist,
                    ordered: *ordered,
                },
            ))
        }
    })
}

/// A document iterator that can report the spans matched in its current document.
trait Source: Send {
    fn doc(&self) -> DocId;
    /// Move past the current document.
    fn advance(&mut self) -> DocId;
    /// Move to the first candidate at or after `target`.
    fn seek(&mut self, target: DocId) -> DocId;
    /// Spans in the current document, sorted.
    fn spans(&mut self, out: &mut Vec<Pos>);
    /// Make sure the current document really matches (joins verify their spans).
    fn settle(&mut self) -> DocId {
        self.doc()
    }
    fn size_hint(&self) -> u32;
}

struct TermsSource {
    postings: Vec<SegmentPostings>,
    doc: DocId,
    buf: Vec<u32>,
}

impl TermsSource {
    fn new(postings: Vec<SegmentPostings>) -> TermsSource {
        let doc = postings.iter().map(DocSet::doc).min().unwrap_or(TERMINATED);
        TermsSource {
            postings,
            doc,
            buf: Vec::new(),
        }
    }
    fn refresh(&mut self) -> DocId {
        self.doc = self
            .postings
            .iter()
            .map(DocSet::doc)
            .min()
            .unwrap_or(TERMINATED);
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
        for p in self.postings.iter_mut().filter(|p| p.doc() < target) {
            p.seek(target);
        }
        self.refresh()
    }
    fn spans(&mut self, out: &mut Vec<Pos>) {
        out.clear();
        let d = self.doc;
        for p in self.postings.iter_mut().filter(|p| p.doc() == d) {
            self.buf.clear();
            p.positions(&mut self.buf);
            out.extend(self.buf.iter().map(|x| (*x, *x)));
        }
        out.sort_unstable();
        out.dedup();
    }
    fn size_hint(&self) -> u32 {
        self.postings.iter().map(DocSet::size_hint).sum()
    }
}

struct OrSource {
    kids: Vec<Box<dyn Source + Send>>,
    doc: DocId,
    buf: Vec<Pos>,
}

impl OrSource {
    fn new(mut kids: Vec<Box<dyn Source + Send>>) -> OrSource {
        for k in kids.iter_mut() {
            k.settle();
        }
        let doc = kids.iter().map(|k| k.doc()).min().unwrap_or(TERMINATED);
        OrSource {
            kids,
            doc,
            buf: Vec::new(),
        }
    }
    fn refresh(&mut self) -> DocId {
        self.doc = self
            .kids
            .iter()
            .map(|k| k.doc())
            .min()
            .unwrap_or(TERMINATED);
        self.doc
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
            k.settle();
        }
        self.refresh()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        for k in self.kids.iter_mut().filter(|k| k.doc() < target) {
            k.seek(target);
            k.settle();
        }
        self.refresh()
    }
    fn spans(&mut self, out: &mut Vec<Pos>) {
        out.clear();
        let d = self.doc;
        for k in self.kids.iter_mut().filter(|k| k.doc() == d) {
            k.spans(&mut self.buf);
            out.extend_from_slice(&self.buf);
        }
        out.sort_unstable();
        out.dedup();
    }
    fn size_hint(&self) -> u32 {
        self.kids.iter().map(|k| k.size_hint()).sum()
    }
}

#[derive(Clone, Copy)]
enum Join {
    Seq,
    Near { dist: u32, ordered: bool },
}

/// Parts that must all occur in a document, with their spans combined by `join`.
struct JoinSource {
    kids: Vec<Box<dyn Source + Send>>,
    join: Join,
    doc: DocId,
    cache: Vec<Pos>,
    verified: bool,
    a: Vec<Pos>,
    b: Vec<Pos>,
}

impl JoinSource {
    fn new(kids: Vec<Box<dyn Source + Send>>, join: Join) -> JoinSource {
        let mut s = JoinSource {
            kids,
            join,
            doc: 0,
            cache: Vec::new(),
            verified: false,
            a: Vec::new(),
            b: Vec::new(),
        };
        s.align();
        s
    }

    /// Bring every part to the same document (leapfrog); no span check.
    fn align(&mut self) -> DocId {
        self.verified = false;
        for k in self.kids.iter_mut() {
            k.settle();
        }
        let mut target = self
            .kids
            .iter()
            .map(|k| k.doc())
            .max()
            .unwrap_or(TERMINATED);
        loop {
            if target == TERMINATED {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            let mut all = true;
            for k in self.kids.iter_mut() {
                if k.doc() < target {
                    k.seek(target);
                    k.settle();
                }
                if k.doc() > target {
                    target = k.doc();
                    all = false;
                    break;
                }
            }
            if all {
                self.doc = target;
                return target;
            }
        }
    }

    fn combine(&mut self) {
        self.cache.clear();
        let Some((first, rest)) = self.kids.split_first_mut() else {
            return;
        };
        first.spans(&mut self.a);
        for k in rest {
            k.spans(&mut self.b);
            let mut next = Vec::new();
            // `b` is sorted by start: look only at the spans that can be near each left span.
            let b = &self.b;
            let max_len = b.iter().map(|(s, e)| e - s).max().unwrap_or(0);
            for &(ls, le) in &self.a {
                match self.join {
                    Join::Seq => {
                        let i = b.partition_point(|(rs, _)| *rs <= le);
                        for &(rs, re) in b[i..].iter().take_while(|(rs, _)| *rs == le + 1) {
                            next.push((ls, re.max(rs)));
                        }
                    }
                    Join::Near { dist, ordered } => {
                        // Right after the left span.
                        let i = b.partition_point(|(rs, _)| *rs <= le);
                        for &(_, re) in b[i..].iter().take_while(|(rs, _)| rs - le <= dist) {
                            next.push((ls, le.max(re)));
                        }
                        // Right before it (unordered only).
                        if !ordered {
                            let from = ls.saturating_sub(dist.saturating_add(max_len));
                            let j = b.partition_point(|(rs, _)| *rs < from);
                            for &(rs, re) in b[j..].iter().take_while(|(rs, _)| *rs < ls) {
                                if re < ls && ls - re <= dist {
                                    next.push((rs, le.max(re)));
                                }
                            }
                        }
                    }
                }
            }
            next.sort_unstable();
            next.dedup();
            std::mem::swap(&mut self.a, &mut next);
            if self.a.is_empty() {
                break;
            }
        }
        std::mem::swap(&mut self.cache, &mut self.a);
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
        if let Some(k) = self.kids.first_mut() {
            k.advance();
        }
        self.align()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target && self.doc != TERMINATED && self.verified {
            return self.doc;
        }
        if let Some(k) = self.kids.first_mut() {
            if k.doc() < target {
                k.seek(target);
            }
        }
        self.align()
    }
    fn settle(&mut self) -> DocId {
        while self.doc != TERMINATED && !self.verified {
            self.combine();
            if self.cache.is_empty() {
                self.advance();
            } else {
                self.verified = true;
            }
        }
        self.doc
    }
    fn spans(&mut self, out: &mut Vec<Pos>) {
        if !self.verified {
            self.combine();
        }
        out.clear();
        out.extend_from_slice(&self.cache);
    }
    fn size_hint(&self) -> u32 {
        self.kids.iter().map(|k| k.size_hint()).min().unwrap_or(0)
    }
}

struct SpanScorer {
    source: Box<dyn Source + Send>,
    weight: f32,
    buf: Vec<Pos>,
}

impl DocSet for SpanScorer {
    fn advance(&mut self) -> DocId {
        self.source.advance();
        self.source.settle()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        self.source.seek(target);
        self.source.settle()
    }
    fn doc(&self) -> DocId {
        self.source.doc()
    }
    fn size_hint(&self) -> u32 {
        self.source.size_hint()
    }
}

impl Scorer for SpanScorer {
    fn score(&mut self) -> Score {
        self.source.spans(&mut self.buf);
        let f = self.buf.len() as f32;
        self.weight * f * 2.2 / (f + 1.2)
    }
}
