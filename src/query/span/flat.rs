//! A phrase or proximity operator whose parts are all words, phrases and proximity (no
//! OR-group anywhere below it), run over the distinct words it contains.
//!
//! Candidates are the documents where every distinct word occurs: one leapfrog over their
//! postings, rarest first, however deeply the operators nest, and a word used twice
//! (`"first end" NEAR/5 "second end"`) is read once. The spans are then combined in the
//! tree's shape exactly as [`super::source::JoinSource`] does, stopping at the first part
//! without a match.

use super::join::{join_points, join_spans, Join};
use super::source::{Conjunction, Matches, Source, TermsSource};
use super::{Pos, SpanNode};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, SegmentReader, Term, TERMINATED};

/// The shape of the operator over its words (indexes into the distinct words).
enum Plan {
    Word(usize),
    Join {
        kids: Vec<Plan>,
        join: Join,
        spans: Vec<Pos>,
        acc: Vec<Pos>,
        left: Vec<Pos>,
        right: Vec<Pos>,
    },
}

impl Plan {
    /// The plan of `node` over `words` (extended with its new words); `None` when an
    /// OR-group occurs in it.
    fn new<'a>(node: &'a SpanNode, words: &mut Vec<&'a [Term]>) -> Option<Plan> {
        let join = |kids: Vec<Plan>, join: Join| Plan::Join {
            kids,
            join,
            spans: Vec::new(),
            acc: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
        };
        Some(match node {
            SpanNode::Terms(terms) => {
                let i = match words.iter().position(|w| *w == terms.as_slice()) {
                    Some(i) => i,
                    None => {
                        words.push(terms);
                        words.len() - 1
                    }
                };
                Plan::Word(i)
            }
            SpanNode::Or(_) => return None,
            SpanNode::Seq(parts) => {
                let kids = parts
                    .iter()
                    .map(|p| Plan::new(p, words))
                    .collect::<Option<Vec<_>>>()?;
                join(kids, Join::Seq)
            }
            SpanNode::Near {
                left,
                right,
                dist,
                ordered,
            } => {
                let kids = vec![Plan::new(left, words)?, Plan::new(right, words)?];
                join(
                    kids,
                    Join::Near {
                        dist: *dist,
                        ordered: *ordered,
                    },
                )
            }
        })
    }

    /// Compute the matches in the current document (every word is on it); false when there
    /// are none.
    fn fill(&mut self, words: &mut [TermsSource]) -> bool {
        match self {
            Plan::Word(i) => match words.get_mut(*i) {
                Some(w) => {
                    w.fill();
                    !w.get().is_empty()
                }
                None => false,
            },
            Plan::Join {
                kids,
                join: how,
                spans: out,
                acc,
                left,
                right,
            } => {
                out.clear();
                let Some((first, rest)) = kids.split_first_mut() else {
                    return false;
                };
                if !first.fill(words) {
                    return false;
                }
                if rest.is_empty() {
                    out.extend_from_slice(first.get(words).as_spans(left));
                    return !out.is_empty();
                }
                for (n, k) in rest.iter_mut().enumerate() {
                    if !k.fill(words) {
                        out.clear();
                        return false;
                    }
                    let b = k.get(words);
                    match (n, first.get(words), b) {
                        (
                            0,
                            Matches::Points { pos: x, ends: xe },
                            Matches::Points { pos: y, ends: ye },
                        ) => join_points(*how, (x, xe), (y, ye), out),
                        (0, x, y) => join_spans(*how, x.as_spans(left), y.as_spans(right), out),
                        (_, _, y) => {
                            std::mem::swap(acc, out);
                            join_spans(*how, acc, y.as_spans(right), out);
                        }
                    }
                    if out.is_empty() {
                        return false;
                    }
                }
                true
            }
        }
    }

    /// The matches computed by the last [`Plan::fill`].
    fn get<'a>(&'a self, words: &'a [TermsSource]) -> Matches<'a> {
        match self {
            Plan::Word(i) => match words.get(*i) {
                Some(w) => w.get(),
                None => Matches::Spans(&[]),
            },
            Plan::Join { spans, .. } => Matches::Spans(spans),
        }
    }
}

pub(super) struct FlatSource {
    words: Conjunction<TermsSource>,
    plan: Plan,
    valid: bool,
}

impl FlatSource {
    /// The source of a phrase or proximity operator; `None` when an OR-group occurs in it
    /// (or it is a single word).
    pub(super) fn new(
        node: &SpanNode,
        reader: &SegmentReader,
    ) -> tantivy::Result<Option<FlatSource>> {
        if matches!(node, SpanNode::Terms(_)) {
            return Ok(None);
        }
        let mut distinct = Vec::new();
        let Some(plan) = Plan::new(node, &mut distinct) else {
            return Ok(None);
        };
        let mut words = Vec::with_capacity(distinct.len());
        for terms in distinct {
            let mut postings = Vec::new();
            for t in terms {
                let inv = reader.inverted_index(t.field())?;
                if let Some(p) = inv.read_postings(t, IndexRecordOption::WithFreqsAndPositions)? {
                    postings.push(p);
                }
            }
            words.push(TermsSource::new(postings));
        }
        Ok(Some(FlatSource {
            words: Conjunction::new(words),
            plan,
            valid: false,
        }))
    }
}

impl Source for FlatSource {
    fn doc(&self) -> DocId {
        self.words.doc()
    }
    fn advance(&mut self) -> DocId {
        self.valid = false;
        self.words.advance()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        if self.words.doc() < target {
            self.valid = false;
        }
        self.words.seek(target)
    }
    fn matches(&mut self) -> Matches<'_> {
        if self.words.doc() == TERMINATED {
            return Matches::Spans(&[]);
        }
        if !self.valid {
            self.valid = true;
            self.plan.fill(&mut self.words.items);
        }
        self.plan.get(&self.words.items)
    }
    fn size_hint(&self) -> u32 {
        self.words.size_hint()
    }
}
