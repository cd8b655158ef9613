//! Meaning in a search job: one (strategy, corpus) list fused with the corpus's dense
//! ranking, or a Boolean strategy's set ordered by meaning.
//!
//! - **Fusion** (query by example, free text): BM25's top [`TOP_K`] and the exact dense
//!   top [`TOP_K`] ([`crate::semantic::scan`]) are fused by
//!   [`crate::semantic::fusion::fuse`]; the documents only the dense list found are looked
//!   up in the index by id.
//! - **Order by meaning** (Boolean strategies): the strategy's whole set, each document
//!   scored by the cosine of its vector with the query's; documents without a vector follow,
//!   in BM25 order. The set is what the strategy matches, nothing added or removed.

use super::backend::{History, HitKey, ListRequest, ListResult, ParsedQuery, SearchBackend};
use super::SearchError;
use crate::query::Ast;
use crate::semantic::fusion::{self, TOP_K};
use crate::semantic::scan;
use crate::semantic::store::Vectors;
use std::collections::HashMap;
use std::sync::Arc;

/// The most members of a Boolean set ordered by meaning (the best by BM25 beyond).
pub const ORDER_MAX: usize = 100_000;

/// How a strategy uses meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// BM25 fused with the dense ranking (free text, query by example).
    Fuse,
    /// The exact set, ordered by the dense score (Boolean strategies).
    Order,
}

/// A strategy's query vector and what to do with it.
#[derive(Debug, Clone)]
pub struct MeaningQuery {
    pub vector: Vec<f32>,
    pub mode: Mode,
}

/// Meaning for a whole job: per corpus (in the job's corpus order) its vectors, when this
/// search uses them, and per strategy its query, when it has one.
#[derive(Debug, Clone)]
pub struct Meaning {
    /// Weight of BM25 in the fusion.
    pub alpha: f32,
    pub corpora: Vec<Option<Arc<Vectors>>>,
    pub strategies: Vec<Option<MeaningQuery>>,
}

impl Meaning {
    /// The vectors and query of list (strategy `s`, corpus `c`), when meaning applies to it.
    pub fn for_list(&self, s: usize, c: usize) -> Option<(&Vectors, &MeaningQuery)> {
        let v = self.corpora.get(c)?.as_deref()?;
        let q = self.strategies.get(s)?.as_ref()?;
        (q.vector.len() == v.dim).then_some((v, q))
    }
}

/// The two parts of a hit's score: `bm25` and `dense` (see [`crate::search::Hit::bm25`]).
pub type Parts = (f32, Option<f32>);

/// A list with meaning: the hits, the count, warnings, and each hit's parts.
pub struct MeaningList {
    pub list: ListResult,
    pub parts: HashMap<HitKey, Parts>,
}

/// The words of a strategy, for its query vector: every word and phrase, in order, without
/// field codes, operators, dates, truncation marks or history references.
pub fn strategy_words(ast: &Ast) -> String {
    fn walk(a: &Ast, out: &mut Vec<String>) {
        match a {
            Ast::Word { text, .. } | Ast::Phrase { text, .. } => {
                let t: String = text.chars().filter(|c| !matches!(c, '*' | '?')).collect();
                if !t.trim().is_empty() {
                    out.push(t.trim().to_string());
                }
            }
            Ast::Field { code, expr, .. } => {
                // Numbers, classes, names and codes say nothing about meaning.
                let codes = ["ti", "ab", "cl", "de", "txt", "ta", "tac"];
                if codes.contains(&code.to_ascii_lowercase().as_str()) {
                    walk(expr, out);
                }
            }
            Ast::And(xs) | Ast::Or(xs) => xs.iter().for_each(|x| walk(x, out)),
            Ast::Not { left, .. } => {
                if let Some(l) = left {
                    walk(l, out);
                }
            }
            Ast::Prox { left, right, .. } => {
                walk(left, out);
                walk(right, out);
            }
            Ast::Boost { expr, .. } => walk(expr, out),
            Ast::DateRange { .. } | Ast::History { .. } => {}
        }
    }
    let mut out = Vec::new();
    walk(ast, &mut out);
    out.join(" ")
}

/// Run list (`query`, `backend`) with meaning: fused or ordered by meaning, at most
/// `req.limit` hits.
pub fn run(
    backend: &dyn SearchBackend,
    query: ParsedQuery<'_>,
    history: History<'_>,
    req: &ListRequest,
    vectors: &Vectors,
    meaning: &MeaningQuery,
    alpha: f32,
) -> Result<MeaningList, SearchError> {
    match meaning.mode {
        Mode::Fuse => fused(
            backend,
            query,
            history,
            req,
            vectors,
            &meaning.vector,
            alpha,
        ),
        Mode::Order => ordered(backend, query, history, req, vectors, &meaning.vector),
    }
}

fn fused(
    backend: &dyn SearchBackend,
    query: ParsedQuery<'_>,
    history: History<'_>,
    req: &ListRequest,
    vectors: &Vectors,
    q: &[f32],
    alpha: f32,
) -> Result<MeaningList, SearchError> {
    let bm25 = backend.run(
        query,
        history,
        &ListRequest {
            limit: req.limit.max(TOP_K),
        },
    )?;
    let keys: Vec<HitKey> = bm25.hits.iter().map(|h| h.0).collect();
    let ids = backend.ids(&keys)?;
    let mut key_of: HashMap<String, HitKey> = ids.iter().cloned().zip(keys).collect();
    let bm25_list: Vec<(String, f32)> =
        ids.into_iter().zip(bm25.hits.iter().map(|h| h.1)).collect();
    let fused = fusion::fuse_with_vectors(&bm25_list, vectors, q, alpha);
    // Documents only the dense list found: looked up in this snapshot of the index (a vector
    // whose document has left it is skipped).
    let missing: Vec<&str> = fused
        .iter()
        .map(|d| d.id.as_str())
        .filter(|id| !key_of.contains_key(*id))
        .collect();
    if !missing.is_empty() {
        for (id, key) in missing.iter().zip(backend.find_ids(&missing)?) {
            if let Some(k) = key {
                key_of.insert((*id).to_string(), k);
            }
        }
    }
    let mut hits = Vec::with_capacity(req.limit);
    let mut parts = HashMap::new();
    for f in fused {
        if hits.len() == req.limit {
            break;
        }
        if let Some(k) = key_of.get(&f.id) {
            hits.push((*k, f.score));
            parts.insert(*k, (f.bm25, f.dense));
        }
    }
    Ok(MeaningList {
        list: ListResult {
            hits,
            count: bm25.count,
            warnings: bm25.warnings,
        },
        parts,
    })
}

fn ordered(
    backend: &dyn SearchBackend,
    query: ParsedQuery<'_>,
    history: History<'_>,
    req: &ListRequest,
    vectors: &Vectors,
    q: &[f32],
) -> Result<MeaningList, SearchError> {
    let mut all = backend.run(query, history, req)?;
    if all.count > all.hits.len() {
        // The whole set: ordering by meaning looks at every member (up to ORDER_MAX).
        let limit = all.count.min(ORDER_MAX);
        all = backend.run(query, history, &ListRequest { limit })?;
        if all.count > ORDER_MAX {
            all.warnings.push(format!(
                "ordered by meaning among the first {ORDER_MAX} of {} hits by BM25",
                all.count
            ));
        }
    }
    let keys: Vec<HitKey> = all.hits.iter().map(|h| h.0).collect();
    let ids = backend.ids(&keys)?;
    let mut with: Vec<(f32, &str, HitKey, f32)> = Vec::new();
    let mut without: Vec<(HitKey, f32)> = Vec::new();
    for ((key, bm25), id) in all.hits.iter().zip(&ids) {
        match vectors.get(id) {
            Some(v) => {
                let s = scan::dot(v, q);
                with.push((if s.is_nan() { f32::MIN } else { s }, id, *key, *bm25));
            }
            None => without.push((*key, *bm25)),
        }
    }
    with.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let ordered = with
        .into_iter()
        .map(|(dense, _, key, bm25)| (key, dense, (bm25, Some(dense))))
        .chain(
            without
                .into_iter()
                .map(|(key, bm25)| (key, bm25, (bm25, None))),
        )
        .take(req.limit);
    let mut hits = Vec::with_capacity(req.limit);
    let mut parts = HashMap::new();
    for (key, score, p) in ordered {
        hits.push((key, score));
        parts.insert(key, p);
    }
    Ok(MeaningList {
        list: ListResult {
            hits,
            count: all.count,
            warnings: all.warnings,
        },
        parts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strategys_words_leave_out_codes_dates_and_operators() {
        let ast =
            crate::query::parse("ti:(solar AND pump*) AND pd<2015 AND \"drip line\" NOT pa:acme")
                .unwrap();
        assert_eq!(strategy_words(&ast), "solar pump drip line");
        let ast = crate::query::parse("ipc:A01G25 OR cl:(emitter NEAR/3 labyrinth)").unwrap();
        assert_eq!(strategy_words(&ast), "emitter labyrinth");
    }
}
