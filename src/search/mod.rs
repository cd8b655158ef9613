//! Running searches over corpus indexes and turning matches into hits.
//!
//! Strategies in the query language are parsed and lowered by [`crate::query`] and ranked by
//! tantivy; `--batch` free text is ranked by BM25F ([`freetext`]). Jobs ([`job`]) run
//! several strategies over several corpora and fuse the lists ([`fusion`]); [`highlight`]
//! decides which words of a document a strategy matches, for the result snippets
//! ([`snippet`]) and the document viewer alike.

pub mod backend;
mod bm25spec;
pub mod freetext;
pub mod fusion;
pub mod highlight;
pub mod job;
pub mod lookup;
pub mod meaning;
mod proximity;
pub mod qbe;
pub mod sharded;
pub mod snippet;
mod topk;

use crate::index::{CorpusIndex, IndexError};
use crate::model::Date;
pub use crate::query::HistoryError;
use freetext::{Bm25Params, FieldStats};
use serde::Serialize;
use tantivy::{DocAddress, Searcher};

/// One result row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub rank: usize,
    /// Canonical id.
    pub id: String,
    pub title: String,
    pub score: f32,
    pub corpus: String,
    /// `patent` or `article`.
    pub kind: String,
    /// `B2`, `A1`…; null for articles.
    pub kind_code: Option<String>,
    /// Publication date, ISO.
    pub date: Option<Date>,
    /// Published on or after the cutoff (priority) date of the search: `Some(true)` or
    /// `Some(false)`; `None` (JSON `null`) when the search has a cutoff and the document's
    /// date is unknown — it cannot be shown to be prior art. `Some(false)` without a cutoff.
    pub after_cutoff: Option<bool>,
    /// Strategy label ("1", "2"… or a history number) → this row's 1-based rank in it.
    pub strategies: std::collections::BTreeMap<String, usize>,
    /// Every member of the row: the family's publications (or the article's copies), best
    /// ranked first; the row's `id` and `corpus` are the first member's.
    pub family: Vec<String>,
    /// The passage that shows the matches best.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<snippet::Snippet>,
    /// When the row's list was fused with meaning: the BM25 part of its score (α times the
    /// normalised BM25 score; the whole normalised score for a document without a vector).
    /// Ordered by meaning: the strategy's BM25 score. Absent when meaning was not used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bm25: Option<f32>,
    /// The dense part: (1 − α) times the normalised dense score, `bm25 + dense` being the
    /// score; ordered by meaning, the cosine that orders the row. Absent for a document
    /// without a vector and when meaning was not used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dense: Option<f32>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("bad ranking parameters: {0}")]
    Params(String),
    /// A strategy that does not parse or cannot run; `query` is the text, for the caret.
    #[error("{}", .error.render(.query))]
    Query {
        query: String,
        error: crate::query::ParseError,
    },
}

/// What a strategy run returns besides its hits.
#[derive(Debug, Default, Clone)]
pub struct RunInfo {
    /// Total number of matching documents.
    pub count: usize,
    /// Warnings to show (capped truncation, …).
    pub warnings: Vec<String>,
}

/// Whether a document dated `date` was published on or after `cutoff` (see
/// [`Hit::after_cutoff`]): unknown (`None`) when there is a cutoff and no date.
pub fn after_cutoff(date: Option<Date>, cutoff: Option<Date>) -> Option<bool> {
    match (date, cutoff) {
        (_, None) => Some(false),
        (Some(d), Some(c)) => Some(d >= c),
        (None, Some(_)) => None,
    }
}

/// History resolver for contexts without a case: every `#n` is an error.
pub fn no_history(n: u32) -> Result<String, HistoryError> {
    Err(HistoryError::NeedsCase { n })
}

/// A searcher with the statistics free-text ranking needs, reusable across many queries.
pub struct Session<'a> {
    pub index: &'a CorpusIndex,
    pub searcher: Searcher,
    /// Field-length statistics for free-text ranking, computed on first use.
    stats: std::sync::OnceLock<FieldStats>,
    /// Which text fields hold no word at all in this index (skipped by every query).
    pub(crate) empty_fields: crate::index::EmptyFields,
    /// When this index is one shard of a corpus: the whole corpus's statistics and
    /// dictionaries, which every strategy is scored and expanded with.
    pub(crate) scope: Option<std::sync::Arc<sharded::Scope>>,
}

impl<'a> Session<'a> {
    pub fn new(index: &'a CorpusIndex) -> Result<Session<'a>, SearchError> {
        let searcher = index.reader.searcher();
        let empty_fields = index.empty_fields(&searcher);
        Ok(Session {
            index,
            searcher,
            stats: std::sync::OnceLock::new(),
            empty_fields,
            scope: None,
        })
    }

    /// The statistics strategies are scored with: the whole corpus's when this index is one
    /// of its shards, else the searcher's.
    pub fn statistics(&self) -> &dyn tantivy::query::Bm25StatisticsProvider {
        match &self.scope {
            Some(scope) => scope.as_ref(),
            None => &self.searcher,
        }
    }

    /// The field statistics (computed once per session).
    pub fn stats(&self) -> Result<&FieldStats, SearchError> {
        if let Some(s) = self.stats.get() {
            return Ok(s);
        }
        let computed = FieldStats::compute(self.index, &self.searcher)?;
        Ok(self.stats.get_or_init(|| computed))
    }

    /// Rank free text with BM25F.
    pub fn free_text(
        &self,
        params: &Bm25Params,
        text: &str,
        limit: usize,
    ) -> Result<Vec<(DocAddress, f32)>, SearchError> {
        Ok(freetext::rank(
            self.index,
            &self.searcher,
            self.stats()?,
            params,
            text,
            limit,
        )?)
    }

    /// Run a strategy in the query language: parse, lower, collect the top `limit` (equal
    /// scores by id) and the total count.
    pub fn query(
        &self,
        text: &str,
        limit: usize,
        history: &dyn Fn(u32) -> Result<String, HistoryError>,
    ) -> Result<(Vec<(DocAddress, f32)>, RunInfo), SearchError> {
        let ast = crate::query::parse(text).map_err(|error| SearchError::Query {
            query: text.to_string(),
            error,
        })?;
        self.run_ast(text, &ast, limit, history)
    }

    /// Run a parsed strategy (`text` is its source, for the caret of an error): lower,
    /// collect the top `limit` (equal scores by id) and the total count.
    pub fn run_ast(
        &self,
        text: &str,
        ast: &crate::query::Ast,
        limit: usize,
        history: &dyn Fn(u32) -> Result<String, HistoryError>,
    ) -> Result<(Vec<(DocAddress, f32)>, RunInfo), SearchError> {
        let mut lowering = crate::query::lower::Lowering::new(self.index, &self.searcher, history);
        lowering = match &self.scope {
            Some(scope) => lowering
                .with_dictionaries(&scope.searchers)
                .with_empty_fields(&scope.empty),
            None => lowering.with_empty_fields(&self.empty_fields),
        };
        let q = lowering.lower(ast).map_err(|error| SearchError::Query {
            query: text.to_string(),
            error,
        })?;
        // Equal scores are ordered by id, wherever the list is cut.
        let (ranked, count) = topk::top_k(&self.searcher, &q, limit, self.statistics())?;
        let warnings = lowering.warnings.borrow().clone();
        Ok((ranked, RunInfo { count, warnings }))
    }

    /// Run a strategy without history; the ranked top `limit`.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<(DocAddress, f32)>, SearchError> {
        Ok(self.query(text, limit, &no_history)?.0)
    }

    /// The address of the live document whose canonical id is `id`, if this index holds one.
    pub fn find_id(&self, id: &str) -> Result<Option<DocAddress>, SearchError> {
        let q = tantivy::query::TermQuery::new(
            tantivy::Term::from_field_text(self.index.fields.id, id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let top = self
            .searcher
            .search(&q, &tantivy::collector::TopDocs::with_limit(1))?;
        Ok(top.first().map(|(_, addr)| *addr))
    }

    /// The canonical id of a matched document (from the fast field; no stored-document read).
    pub fn id_of(&self, addr: DocAddress) -> Result<String, SearchError> {
        Ok(self.ids_of(vec![(addr, 0.0)])?.remove(0).0)
    }

    /// The ids of ranked documents: (id, score, address), in the given order (read from the
    /// id column, a block of ids decompressed once however many hits it holds).
    pub fn ids_of(
        &self,
        ranked: Vec<(DocAddress, f32)>,
    ) -> Result<Vec<(String, f32, DocAddress)>, SearchError> {
        Ok(topk::ids_of(&self.searcher, ranked)?)
    }

    /// Full hits for ranked addresses (reads the stored documents); hits published on or
    /// after `cutoff` are marked.
    pub fn hits(
        &self,
        ranked: &[(DocAddress, f32)],
        cutoff: Option<Date>,
    ) -> Result<Vec<Hit>, SearchError> {
        ranked
            .iter()
            .enumerate()
            .map(|(i, (addr, score))| {
                let doc = self.index.load(&self.searcher, *addr)?;
                Ok(Hit {
                    rank: i + 1,
                    title: doc.biblio.title().to_string(),
                    score: *score,
                    corpus: self.index.name.clone(),
                    kind: doc.biblio.kind.as_str().to_string(),
                    kind_code: doc.biblio.kind_code().map(str::to_string),
                    date: doc.biblio.publication_date,
                    after_cutoff: after_cutoff(doc.biblio.publication_date, cutoff),
                    strategies: std::collections::BTreeMap::from([("1".to_string(), i + 1)]),
                    family: vec![doc.biblio.id.clone()],
                    snippet: None,
                    bm25: None,
                    dense: None,
                    id: doc.biblio.id,
                })
            })
            .collect()
    }
}

/// A BEIR-style query line: `{"_id", "text"}`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct BatchQuery {
    #[serde(rename = "_id")]
    pub id: serde_json::Value,
    #[serde(default)]
    pub text: String,
}

impl BatchQuery {
    pub fn id_string(&self) -> String {
        match &self.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// Format a TREC run line; scores strictly decrease with rank within a query (equal scores
/// are nudged apart so that tools that re-sort by score keep tisc's order).
pub fn trec_lines(qid: &str, ranked: &[(String, f32)], tag: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(ranked.len());
    let mut prev = f64::INFINITY;
    for (i, (doc, score)) in ranked.iter().enumerate() {
        let mut s = f64::from(*score);
        if s >= prev {
            s = prev - 1e-6 * prev.abs().max(1.0);
        }
        prev = s;
        out.push(format!("{qid} Q0 {doc} {} {s:.6} {tag}", i + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trec_scores_strictly_decrease() {
        let lines = trec_lines(
            "q1",
            &[("a".into(), 2.0), ("b".into(), 2.0), ("c".into(), 1.0)],
            "tisc",
        );
        let scores: Vec<f64> = lines
            .iter()
            .map(|l| l.split(' ').nth(4).unwrap().parse().unwrap())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] > w[1]), "{scores:?}");
        assert!(lines[1].starts_with("q1 Q0 b 2 "));
    }

    #[test]
    fn history_refusals_are_typed_with_unchanged_messages() {
        assert_eq!(no_history(4), Err(HistoryError::NeedsCase { n: 4 }));
        assert_eq!(
            HistoryError::NeedsCase { n: 4 }.to_string(),
            "#4 refers to the search history, which needs a case: run the search with --case <id>"
        );
        let in_case = HistoryError::NotInCase {
            n: 9,
            case: "c1".into(),
            len: 2,
        };
        assert_eq!(
            in_case.to_string(),
            "#9 is not in the history of case `c1` (it has 2 strategies: see `tisc case show c1`)"
        );
        assert_eq!(
            HistoryError::NotInHistory { n: 3, len: 1 }.to_string(),
            "#3 is not in the history (it has 1 strategy)"
        );
    }
}
