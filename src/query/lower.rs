//! Lowering a parsed strategy to a tantivy query over one corpus index.
//!
//! Words are searched in the stemmed copy of each field (analysed in that field's language),
//! truncated words in the unstemmed copy (expanded from the term dictionary, with a cap),
//! phrases and proximity through [`SpanQuery`]. A field code selects the fields; no code
//! means title, abstract and claims in every language.

use super::ast::{Ast, DateValue, Prox};
use super::fields::{self, FieldKind};
use super::history::{HistoryError, HistorySet};
use super::limits::Limits;
use super::span::{SpanNode, SpanQuery};
use super::ParseError;
use crate::index::analysis::{self, IndexLang, VALUE_GAP};
use crate::index::{CorpusIndex, TextCode};
use crate::model::{Lang, PatentNumber};
use std::cell::{Cell, RefCell};
use std::ops::Bound;
use std::rc::Rc;
use std::sync::Arc;
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Searcher, Term};

/// Default cap on the words a truncated word may expand to (in each field it is searched in).
pub const MAX_EXPANSIONS: usize = super::limits::DEFAULT_MAX_EXPANSIONS;

/// How a truncated word was expanded (for explain and warnings).
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    pub pattern: String,
    pub words: Vec<String>,
    pub capped: bool,
}

/// What lowering needs besides the tree: the index, a way to resolve `#n`, and where to
/// note expansions, classification rules and warnings.
pub struct Lowering<'a> {
    pub index: &'a CorpusIndex,
    pub searcher: &'a Searcher,
    /// Over a sharded corpus, every shard's searcher: truncation and classification expand
    /// over the union of their dictionaries, so that each shard runs the same terms.
    pub dictionaries: Option<&'a [Searcher]>,
    /// Resolve a history number to its query text (the caller's: the CLI's case history,
    /// the workbench's session); the error is shown inside the query's [`ParseError`].
    pub history: &'a dyn Fn(u32) -> Result<String, HistoryError>,
    /// Words one truncated word expands to in one field, at most.
    pub max_expansions: usize,
    /// The limits history strategies are parsed under and the whole-query term cap.
    pub limits: Limits,
    pub expansions: RefCell<Vec<Expansion>>,
    pub notes: RefCell<Vec<String>>,
    pub warnings: RefCell<Vec<String>>,
    /// Terms truncation has added so far, over the whole query, and by pattern (words,
    /// terms), for the error that names the biggest.
    pub(super) terms_used: Cell<usize>,
    pub(super) terms_by_pattern: RefCell<Vec<(String, usize, usize)>>,
    /// History strategies evaluated, by number and field scope.
    pub(super) history_sets: RefCell<Vec<(u32, FieldKind, Arc<HistorySet>)>>,
    /// History strategies parsed: number, text, tree.
    pub(super) history_trees: RefCell<Vec<HistoryTree>>,
    /// How many history strategies were evaluated (each at most once per field scope).
    pub(super) history_evaluations: Cell<usize>,
    /// Fields known to hold no word at all in this index (skipped when lowering).
    empty: RefCell<std::collections::HashMap<Field, bool>>,
    /// The same, computed once by a session for all its queries.
    known_empty: Option<&'a std::collections::HashMap<Field, bool>>,
    /// Words already analysed, by language: the fields of one language analyse alike.
    analysed: RefCell<Vec<Analysed>>,
}

/// A history strategy parsed: its number, text and tree.
pub(super) type HistoryTree = (u32, Rc<str>, Rc<Ast>);

/// A word, the language it was analysed in, and its terms.
type Analysed = (String, Option<IndexLang>, Rc<[String]>);

/// A field a word can be searched in: its stemmed and unstemmed copies and language.
#[derive(Debug, Clone, Copy)]
struct Slot {
    stem: Field,
    raw: Field,
    lang: Option<IndexLang>,
}

use super::check::{bad_date, has_wildcard, truncation_error, unknown_field, PROXIMITY_FIELDS};

pub(super) fn boxed(q: impl Query) -> Box<dyn Query> {
    Box::new(q)
}

/// A scoring leaf of a strategy (a word, a span, a set, a constant): its scores rounded to
/// the grid, so that sums of them do not depend on the order tantivy adds them in.
pub(super) fn leaf(q: impl Query) -> Box<dyn Query> {
    super::grid::OnGrid::boxed(Box::new(q))
}

pub(super) fn any_of(mut qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match qs.len() {
        0 => boxed(EmptyQuery),
        1 => qs.remove(0),
        _ => boxed(BooleanQuery::new(
            qs.into_iter().map(|q| (Occur::Should, q)).collect(),
        )),
    }
}

impl<'a> Lowering<'a> {
    pub fn new(
        index: &'a CorpusIndex,
        searcher: &'a Searcher,
        history: &'a dyn Fn(u32) -> Result<String, HistoryError>,
    ) -> Lowering<'a> {
        // A bad limit in the environment is reported by `parse`, which runs first.
        let limits = Limits::from_env().unwrap_or_default();
        Lowering {
            index,
            searcher,
            dictionaries: None,
            history,
            max_expansions: limits.max_expansions,
            limits,
            expansions: RefCell::new(Vec::new()),
            notes: RefCell::new(Vec::new()),
            warnings: RefCell::new(Vec::new()),
            terms_used: Cell::new(0),
            terms_by_pattern: RefCell::new(Vec::new()),
            history_sets: RefCell::new(Vec::new()),
            history_trees: RefCell::new(Vec::new()),
            history_evaluations: Cell::new(0),
            empty: RefCell::new(std::collections::HashMap::new()),
            known_empty: None,
            analysed: RefCell::new(Vec::new()),
        }
    }

    /// Lower a whole strategy.
    pub fn lower(&self, ast: &Ast) -> Result<Box<dyn Query>, ParseError> {
        self.node(ast, &fields::default_kind())
    }

    /// Lower under these limits instead of those of the environment.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.max_expansions = limits.max_expansions;
        self.limits = limits;
        self
    }

    /// How many history strategies this lowering has evaluated (each referenced strategy
    /// once per field scope it is used in, however often it is named).
    pub fn history_evaluations(&self) -> usize {
        self.history_evaluations.get()
    }

    /// Terms that truncation added to the query, over all its words and fields.
    pub fn expanded_terms(&self) -> usize {
        self.terms_used.get()
    }

    /// Start from known emptiness of fields (a session computes it once for all queries;
    /// it is consulted, not copied).
    /// Expand truncation and classification over these searchers' dictionaries (every
    /// shard of a corpus) instead of this index's alone.
    pub fn with_dictionaries(mut self, all: &'a [Searcher]) -> Self {
        self.dictionaries = Some(all);
        self
    }

    /// The segments whose dictionaries truncation and classification read.
    pub(super) fn dictionary_segments(&self) -> Vec<&'a tantivy::SegmentReader> {
        match self.dictionaries {
            Some(all) => all.iter().flat_map(|s| s.segment_readers()).collect(),
            None => self.searcher.segment_readers().iter().collect(),
        }
    }

    pub fn with_empty_fields(mut self, empty: &'a std::collections::HashMap<Field, bool>) -> Self {
        self.known_empty = Some(empty);
        self
    }

    /// Whether a field has no term in any segment (e.g. Arabic titles in an English corpus).
    pub fn is_empty(&self, field: Field) -> bool {
        if let Some(known) = self.known_empty.and_then(|k| k.get(&field)) {
            return *known;
        }
        *self.empty.borrow_mut().entry(field).or_insert_with(|| {
            self.dictionary_segments().iter().all(|s| {
                s.inverted_index(field)
                    .map_or(true, |inv| inv.terms().num_terms() == 0)
            })
        })
    }

    fn slots(&self, kind: &FieldKind) -> Vec<Slot> {
        let mut all = self.all_slots(kind);
        all.retain(|s| !self.is_empty(s.stem));
        all
    }

    fn all_slots(&self, kind: &FieldKind) -> Vec<Slot> {
        let f = &self.index.fields;
        match kind {
            FieldKind::Text { codes, lang } => {
                let langs: Vec<IndexLang> = match lang {
                    Some(l) => vec![*l],
                    None => IndexLang::ALL.to_vec(),
                };
                let mut out = Vec::new();
                for c in codes {
                    for l in &langs {
                        out.push(Slot {
                            stem: f.text(*c, *l),
                            raw: f.raw(*c, *l),
                            lang: Some(*l),
                        });
                    }
                }
                out
            }
            FieldKind::Name(code) => {
                let field = match *code {
                    "pa" => f.pa,
                    "in" => f.inventor,
                    "au" => f.au,
                    _ => f.jo,
                };
                vec![Slot {
                    stem: field,
                    raw: field,
                    lang: None,
                }]
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn node(&self, ast: &Ast, kind: &FieldKind) -> Result<Box<dyn Query>, ParseError> {
        match ast {
            Ast::Word { text, span } => self.value(text, span, kind, false),
            Ast::Phrase { text, span } => self.value(text, span, kind, true),
            Ast::Field { code, expr, span } => {
                let k = fields::lookup(code).ok_or_else(|| ParseError {
                    span: span.clone(),
                    message: unknown_field(code),
                })?;
                self.node(expr, &k)
            }
            Ast::DateRange { code, from, to, .. } => Ok(self.date_range(code, *from, *to)),
            Ast::Boost { expr, factor, .. } => Ok(boxed(tantivy::query::BoostQuery::new(
                self.node(expr, kind)?,
                *factor,
            ))),
            Ast::And(items) => {
                let mut clauses = Vec::new();
                for it in items {
                    match it {
                        Ast::Not { left: None, right } => {
                            clauses.push((Occur::MustNot, self.node(right, kind)?))
                        }
                        other => clauses.push((Occur::Must, self.node(other, kind)?)),
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, leaf(AllQuery)));
                }
                Ok(boxed(BooleanQuery::new(clauses)))
            }
            Ast::Or(items) => Ok(any_of(
                items
                    .iter()
                    .map(|i| self.node(i, kind))
                    .collect::<Result<_, _>>()?,
            )),
            Ast::Not { left, right } => {
                let pos = match left {
                    Some(l) => self.node(l, kind)?,
                    None => leaf(AllQuery),
                };
                Ok(boxed(BooleanQuery::new(vec![
                    (Occur::Must, pos),
                    (Occur::MustNot, self.node(right, kind)?),
                ])))
            }
            Ast::Prox { span, .. } => {
                if self.all_slots(kind).is_empty() {
                    return Err(ParseError {
                        span: span.clone(),
                        message: PROXIMITY_FIELDS.into(),
                    });
                }
                let mut qs = Vec::new();
                for s in self.slots(kind) {
                    if let Some(n) = self.span_node(ast, s)? {
                        qs.push(leaf(SpanQuery { root: n }));
                    }
                }
                Ok(any_of(qs))
            }
            Ast::History { n, span } => self.history_query(*n, kind, span),
        }
    }

    /// A word or phrase in a field of any kind.
    fn value(
        &self,
        text: &str,
        span: &super::ast::Span,
        kind: &FieldKind,
        phrase: bool,
    ) -> Result<Box<dyn Query>, ParseError> {
        let f = &self.index.fields;
        let err = |m: String| ParseError {
            span: span.clone(),
            message: m,
        };
        match kind {
            FieldKind::Text { .. } | FieldKind::Name(_) => {
                let mut qs = Vec::new();
                for s in self.slots(kind) {
                    let node = if phrase {
                        self.phrase_node(text, s, span)?
                    } else {
                        self.word_node(text, s, span)?
                    };
                    match node {
                        // Rounded to the grid once, with the word's other fields (below).
                        Some(SpanNode::Terms(terms)) if terms.len() == 1 && !has_wildcard(text) => {
                            qs.push(boxed(TermQuery::new(
                                terms[0].clone(),
                                IndexRecordOption::WithFreqs,
                            )))
                        }
                        Some(SpanNode::Terms(terms)) => qs.push(any_of(
                            terms
                                .into_iter()
                                .map(|t| leaf(TermQuery::new(t, IndexRecordOption::WithFreqs)))
                                .collect(),
                        )),
                        Some(n) => qs.push(leaf(SpanQuery { root: n })),
                        None => {}
                    }
                }
                Ok(match qs.len() {
                    0 => boxed(EmptyQuery),
                    _ => super::summed::Summed::boxed(qs),
                })
            }
            FieldKind::Class(code) => {
                let field = if *code == "ipc" { f.ipc } else { f.cpc };
                let (q, expanded) = self
                    .class_query(code, field, text)
                    .map_err(|e| err(e.to_string()))?;
                if expanded > 0 {
                    self.add_terms(text.trim(), expanded, expanded, span)?;
                }
                Ok(q)
            }
            FieldKind::Number => {
                let pn = PatentNumber::parse(text).map_err(|e| err(e.to_string()))?;
                // Both spellings of a European number: an index built before numbers were
                // padded holds `EP546210`, a newer one `EP0546210`.
                let keys = pn.spellings(pn.kind.is_some());
                Ok(any_of(
                    keys.iter()
                        .map(|key| {
                            leaf(TermQuery::new(
                                Term::from_field_text(f.pn, key),
                                IndexRecordOption::Basic,
                            ))
                        })
                        .collect(),
                ))
            }
            FieldKind::Exact(code) => {
                let (field, value) = match *code {
                    "cc" => (f.cc, text.trim().to_ascii_uppercase()),
                    "lang" => (f.lang, Lang::new(text).as_str().to_string()),
                    "doi" => (
                        f.doi,
                        text.trim().trim_start_matches("doi:").to_ascii_lowercase(),
                    ),
                    _ => (
                        f.pmid,
                        text.trim()
                            .trim_start_matches("PMID:")
                            .trim_start_matches("pmid:")
                            .to_string(),
                    ),
                };
                Ok(leaf(TermQuery::new(
                    Term::from_field_text(field, &value),
                    IndexRecordOption::Basic,
                )))
            }
            FieldKind::Date(code) => match super::parser::parse_date_value(text) {
                Some(d) => Ok(self.date_range(code, Some((d, true)), Some((d, true)))),
                None => Err(err(bad_date(text))),
            },
        }
    }

    /// The span node of a word in one slot: its analysed term(s) or its expansions.
    fn word_node(
        &self,
        word: &str,
        s: Slot,
        span: &super::ast::Span,
    ) -> Result<Option<SpanNode>, ParseError> {
        if has_wildcard(word) {
            if let Some(message) = truncation_error(word) {
                return Err(ParseError {
                    span: span.clone(),
                    message,
                });
            }
            // Truncation reads the unstemmed words; an index built with stems only
            // (`tisc index --stems-only`) has none, and its stems are matched instead.
            let field = if s.raw != s.stem && self.is_empty(s.raw) {
                s.stem
            } else {
                s.raw
            };
            let words = self.expand(word, field);
            self.add_terms(word, words.len(), words.len(), span)?;
            if words.is_empty() {
                return Ok(None);
            }
            return Ok(Some(SpanNode::Terms(
                words
                    .iter()
                    .map(|w| Term::from_field_text(field, w))
                    .collect(),
            )));
        }
        let toks = self.analyze(word, s.lang);
        Ok(match toks.len() {
            0 => None,
            1 => Some(SpanNode::Terms(vec![Term::from_field_text(
                s.stem, &toks[0],
            )])),
            _ => Some(SpanNode::Seq(
                toks.iter()
                    .map(|t| SpanNode::Terms(vec![Term::from_field_text(s.stem, t)]))
                    .collect(),
            )),
        })
    }

    /// A word's terms as a field of `lang` indexes them (analysed once per lowering).
    fn analyze(&self, word: &str, lang: Option<IndexLang>) -> Rc<[String]> {
        let mut memo = self.analysed.borrow_mut();
        if let Some((.., toks)) = memo.iter().find(|(w, l, _)| w == word && *l == lang) {
            return Rc::clone(toks);
        }
        let toks: Rc<[String]> = analysis::analyze(word, lang).into();
        memo.push((word.to_string(), lang, Rc::clone(&toks)));
        toks
    }

    fn phrase_node(
        &self,
        text: &str,
        s: Slot,
        span: &super::ast::Span,
    ) -> Result<Option<SpanNode>, ParseError> {
        let mut parts = Vec::new();
        for w in text.split_whitespace() {
            match self.word_node(w, s, span)? {
                Some(SpanNode::Seq(v)) => parts.extend(v),
                Some(n) => parts.push(n),
                None if has_wildcard(w) => return Ok(None),
                None => {}
            }
        }
        Ok(match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(SpanNode::Seq(parts)),
        })
    }

    fn span_node(&self, ast: &Ast, s: Slot) -> Result<Option<SpanNode>, ParseError> {
        Ok(match ast {
            Ast::Word { text, span } => self.word_node(text, s, span)?,
            Ast::Phrase { text, span } => self.phrase_node(text, s, span)?,
            Ast::Or(items) => {
                // OR-groups inside OR-groups are one group: the spans of any of their words
                // (and a flat group is evaluated without nesting, however deep the text).
                let mut kids = Vec::new();
                for i in items {
                    match self.span_node(i, s)? {
                        Some(SpanNode::Or(v)) => kids.extend(v),
                        Some(n) => kids.push(n),
                        None => {}
                    }
                }
                if kids.is_empty() {
                    None
                } else {
                    Some(SpanNode::Or(kids))
                }
            }
            Ast::Prox {
                op, left, right, ..
            } => {
                let (Some(l), Some(r)) = (self.span_node(left, s)?, self.span_node(right, s)?)
                else {
                    return Ok(None);
                };
                let (dist, ordered) = match op {
                    Prox::Near(n) => (*n, false),
                    Prox::Adj(n) => (*n, true),
                    Prox::Same => (VALUE_GAP as u32 - 1, false),
                };
                Some(SpanNode::Near {
                    left: Box::new(l),
                    right: Box::new(r),
                    dist,
                    ordered,
                })
            }
            other => {
                return Err(ParseError {
                    span: super::parser::span_of(other),
                    message:
                        "proximity works between words, phrases, truncated words and OR-groups"
                            .into(),
                })
            }
        })
    }

    fn date_range(
        &self,
        code: &str,
        from: Option<(DateValue, bool)>,
        to: Option<(DateValue, bool)>,
    ) -> Box<dyn Query> {
        let f = &self.index.fields;
        let field = match code {
            "ad" => f.ad,
            "pr" => f.pr,
            _ => f.pd,
        };
        let term = |d: crate::model::Date| {
            Term::from_field_date_for_search(
                field,
                DateTime::from_timestamp_secs(d.days_since_epoch() * 86_400),
            )
        };
        let lower = match from {
            Some((d, true)) => Bound::Included(term(d.first)),
            Some((d, false)) => Bound::Excluded(term(d.last)),
            None => Bound::Unbounded,
        };
        let upper = match to {
            Some((d, true)) => Bound::Included(term(d.last)),
            Some((d, false)) => Bound::Excluded(term(d.first)),
            None => Bound::Unbounded,
        };
        leaf(RangeQuery::new(lower, upper))
    }
}

/// The text field codes a default-field word is searched in (for explain).
pub fn default_codes() -> [TextCode; 3] {
    [TextCode::Ti, TextCode::Ab, TextCode::Cl]
}
