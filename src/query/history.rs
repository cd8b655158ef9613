//! History references (`#3`): each referenced strategy is parsed, lowered and evaluated once
//! per lowering — its matching documents and their scores read from every segment — and every
//! reference to it replays that set. A strategy that refers to earlier ones that refer to
//! earlier ones again costs one evaluation per strategy, however often each is named, so
//! `#k OR #k` chains stay linear in time and memory, and chains of any length work.
//!
//! The strategies a reference needs are resolved without recursion (depth first, with an
//! explicit stack), the deepest first, so that lowering one finds those it names already
//! evaluated. A strategy that needs itself, directly or through others, is an error.

use super::ast::{Ast, Span};
use super::fields::{self, FieldKind};
use super::lower::Lowering;
use super::ParseError;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Why a history reference `#n` does not resolve to a strategy. The resolver is the caller's
/// (a case's history, a workbench session's); its error is shown inside the query's
/// [`ParseError`], at the reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    /// There is no history to look in: the search runs without a case.
    #[error(
        "#{n} refers to the search history, which needs a case: run the search with --case <id>"
    )]
    NeedsCase { n: u32 },
    /// The case's history has no strategy `n`.
    #[error(
        "#{n} is not in the history of case `{case}` (it has {}: see `tisc case show {case}`)",
        crate::lang::cli::STRATEGIES.count("en", *.len as u64)
    )]
    NotInCase { n: u32, case: String, len: usize },
    /// The history at hand (a workbench session's, say) has no strategy `n`.
    #[error(
        "#{n} is not in the history (it has {})",
        crate::lang::cli::STRATEGIES.count("en", *.len as u64)
    )]
    NotInHistory { n: u32, len: usize },
    /// Strategy `n` was removed from the case's history.
    #[error("#{n} was removed from the history of case `{case}` (its record is kept in the case file): refer to another set")]
    Removed { n: u32, case: String },
}

/// The documents of one segment a history strategy matched, in order, with their scores.
type Matches = Arc<[(DocId, Score)]>;

/// A history strategy evaluated over one searcher.
#[derive(Debug)]
pub struct HistorySet {
    pub number: u32,
    segments: Vec<(SegmentId, Matches)>,
}

impl HistorySet {
    /// Documents matched, over all segments (deleted ones included).
    pub fn len(&self) -> usize {
        self.segments.iter().map(|(_, m)| m.len()).sum()
    }

    fn matches(&self, segment: SegmentId) -> Matches {
        self.segments
            .iter()
            .find(|(id, _)| *id == segment)
            .map_or_else(|| Arc::from(Vec::new()), |(_, m)| Arc::clone(m))
    }
}

/// The tantivy query that replays an evaluated history set.
#[derive(Clone)]
pub struct HistoryQuery {
    set: Arc<HistorySet>,
}

impl fmt::Debug for HistoryQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "History(#{}: {} documents)",
            self.set.number,
            self.set.len()
        )
    }
}

impl Query for HistoryQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(HistoryWeight {
            set: Arc::clone(&self.set),
        }))
    }
}

struct HistoryWeight {
    set: Arc<HistorySet>,
}

impl Weight for HistoryWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(HistoryScorer {
            matches: self.set.matches(reader.segment_id()),
            at: 0,
            boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let matches = self.set.matches(reader.segment_id());
        match matches.binary_search_by_key(&doc, |(d, _)| *d) {
            Ok(i) => Ok(Explanation::new_with_string(
                format!("history #{}", self.set.number),
                matches[i].1,
            )),
            Err(_) => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            ))),
        }
    }
}

struct HistoryScorer {
    matches: Matches,
    at: usize,
    boost: Score,
}

impl DocSet for HistoryScorer {
    fn advance(&mut self) -> DocId {
        if self.at < self.matches.len() {
            self.at += 1;
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let rest = self.matches.get(self.at..).unwrap_or(&[]);
        self.at += rest.partition_point(|(d, _)| *d < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.matches.get(self.at).map_or(TERMINATED, |(d, _)| *d)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.matches.len().saturating_sub(self.at)).unwrap_or(u32::MAX)
    }
}

impl Scorer for HistoryScorer {
    fn score(&mut self) -> Score {
        self.matches
            .get(self.at)
            .map_or(0.0, |(_, s)| s * self.boost)
    }
}

/// The history references in a tree, each with the field scope it appears in.
fn references(ast: &Ast, kind: &FieldKind, out: &mut Vec<(u32, FieldKind)>) {
    match ast {
        Ast::History { n, .. } => out.push((*n, kind.clone())),
        Ast::Field { code, expr, .. } => {
            if let Some(k) = fields::lookup(code) {
                references(expr, &k, out);
            }
        }
        Ast::And(v) | Ast::Or(v) => v.iter().for_each(|a| references(a, kind, out)),
        Ast::Not { left, right } => {
            if let Some(l) = left {
                references(l, kind, out);
            }
            references(right, kind, out);
        }
        Ast::Prox { left, right, .. } => {
            references(left, kind, out);
            references(right, kind, out);
        }
        Ast::Boost { expr, .. } => references(expr, kind, out),
        Ast::Word { .. } | Ast::Phrase { .. } | Ast::DateRange { .. } => {}
    }
}

/// A strategy being resolved: what it refers to, and how far through that it is.
struct Frame {
    n: u32,
    kind: FieldKind,
    ast: Rc<Ast>,
    refs: Vec<(u32, FieldKind)>,
    next: usize,
}

impl Lowering<'_> {
    /// The query for a reference `#n` (written at `span`) in field scope `kind`: its set,
    /// evaluated once per lowering.
    pub(super) fn history_query(
        &self,
        n: u32,
        kind: &FieldKind,
        span: &Span,
    ) -> Result<Box<dyn Query>, ParseError> {
        let set = self.history_set(n, kind, span)?;
        Ok(super::lower::leaf(HistoryQuery { set }))
    }

    fn known_set(&self, n: u32, kind: &FieldKind) -> Option<Arc<HistorySet>> {
        self.history_sets
            .borrow()
            .iter()
            .find(|(m, k, _)| *m == n && k == kind)
            .map(|(.., s)| Arc::clone(s))
    }

    /// The text of `#n` and its tree (parsed once per lowering).
    fn entry(&self, n: u32, span: &Span) -> Result<(Rc<str>, Rc<Ast>), ParseError> {
        if let Some((_, text, ast)) = self.history_trees.borrow().iter().find(|(m, ..)| *m == n) {
            return Ok((Rc::clone(text), Rc::clone(ast)));
        }
        let at = |message: String| ParseError {
            span: span.clone(),
            message,
        };
        let text: Rc<str> = (self.history)(n).map_err(|e| at(e.to_string()))?.into();
        let ast = super::parser::parse_with(&text, &self.limits)
            .map_err(|e| at(super::check::stale_reference(n, &text, &e)))?;
        let ast = Rc::new(ast);
        self.history_trees
            .borrow_mut()
            .push((n, Rc::clone(&text), Rc::clone(&ast)));
        Ok((text, ast))
    }

    fn frame(&self, n: u32, kind: FieldKind, span: &Span) -> Result<Frame, ParseError> {
        let (_, ast) = self.entry(n, span)?;
        let mut refs = Vec::new();
        references(&ast, &kind, &mut refs);
        Ok(Frame {
            n,
            kind,
            ast,
            refs,
            next: 0,
        })
    }

    fn history_set(
        &self,
        n: u32,
        kind: &FieldKind,
        span: &Span,
    ) -> Result<Arc<HistorySet>, ParseError> {
        if let Some(s) = self.known_set(n, kind) {
            return Ok(s);
        }
        let at = |message: String| ParseError {
            span: span.clone(),
            message,
        };
        let mut stack = vec![self.frame(n, kind.clone(), span)?];
        while let Some(top) = stack.last_mut() {
            if let Some((m, k)) = top.refs.get(top.next).cloned() {
                top.next += 1;
                if self.known_set(m, &k).is_some() {
                    continue;
                }
                if let Some(i) = stack.iter().position(|f| f.n == m) {
                    let path: Vec<String> = stack
                        .get(i..)
                        .unwrap_or(&[])
                        .iter()
                        .map(|f| format!("#{}", f.n))
                        .chain(std::iter::once(format!("#{m}")))
                        .collect();
                    return Err(at(format!(
                        "#{m} refers back to itself ({}): a history step can only build on \
                         steps that do not need it",
                        path.join(" → ")
                    )));
                }
                let frame = self.frame(m, k, span)?;
                stack.push(frame);
                continue;
            }
            // Everything it names is evaluated: lower and evaluate it.
            let Some(done) = stack.pop() else { break };
            let set = self.evaluate(&done, span)?;
            self.history_sets
                .borrow_mut()
                .push((done.n, done.kind, Arc::new(set)));
        }
        self.known_set(n, kind)
            .ok_or_else(|| at(format!("#{n} could not be resolved")))
    }

    fn evaluate(&self, f: &Frame, span: &Span) -> Result<HistorySet, ParseError> {
        let (text, _) = self.entry(f.n, span)?;
        let at = |message: String| ParseError {
            span: span.clone(),
            message,
        };
        let q = self
            .node(&f.ast, &f.kind)
            .map_err(|e| at(format!("in #{} ({text}): {}", f.n, e.message)))?;
        self.history_evaluations
            .set(self.history_evaluations.get() + 1);
        let failed = |e: tantivy::TantivyError| at(format!("#{} could not be run: {e}", f.n));
        let weight = q
            .weight(EnableScoring::enabled_from_searcher(self.searcher))
            .map_err(failed)?;
        let mut segments = Vec::new();
        for reader in self.searcher.segment_readers() {
            let mut scorer = weight.scorer(reader, 1.0).map_err(failed)?;
            let mut matches = Vec::new();
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                matches.push((doc, scorer.score()));
                doc = scorer.advance();
            }
            segments.push((reader.segment_id(), Matches::from(matches)));
        }
        Ok(HistorySet {
            number: f.n,
            segments,
        })
    }
}
