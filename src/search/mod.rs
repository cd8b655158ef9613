//! Running searches over corpus indexes and turning matches into hits.
//!
//! Plain words are ranked by BM25F ([`freetext`]); text with query syntax goes to tantivy's
//! own query parser over the default fields until tisc's query language replaces it.

pub mod freetext;

use crate::index::{CorpusIndex, IndexError, IndexLang, TextCode};
use crate::model::Date;
use freetext::{Bm25Params, FieldStats};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
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
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("bad ranking parameters: {0}")]
    Params(String),
}

/// True when the text uses query syntax (field codes, quotes, Boolean operators, wildcards,
/// grouping); plain words are free text.
pub fn has_syntax(q: &str) -> bool {
    q.contains([':', '"', '(', ')', '*', '?', '[', ']', '+', '^', '~'])
        || q.split_whitespace()
            .any(|w| matches!(w, "AND" | "OR" | "NOT"))
}

/// A searcher with the statistics free-text ranking needs, reusable across many queries.
pub struct Session<'a> {
    pub index: &'a CorpusIndex,
    pub searcher: Searcher,
    pub stats: FieldStats,
}

impl<'a> Session<'a> {
    pub fn new(index: &'a CorpusIndex) -> Result<Session<'a>, SearchError> {
        let searcher = index.reader.searcher();
        let stats = FieldStats::compute(index, &searcher)?;
        Ok(Session {
            index,
            searcher,
            stats,
        })
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
            &self.stats,
            params,
            text,
            limit,
        )?)
    }

    /// Parse with tantivy's query syntax over the default fields (title, abstract, claims in
    /// every language). Never fails: unparsable parts are ignored.
    pub fn syntax(&self, text: &str, limit: usize) -> Result<Vec<(DocAddress, f32)>, SearchError> {
        let f = &self.index.fields;
        let mut defaults = Vec::new();
        for code in [TextCode::Ti, TextCode::Ab, TextCode::Cl] {
            for l in IndexLang::ALL {
                defaults.push(f.text(code, l));
            }
        }
        let parser = QueryParser::for_index(&self.index.index, defaults);
        let (query, _errors) = parser.parse_query_lenient(text);
        let top = self.searcher.search(&query, &TopDocs::with_limit(limit))?;
        Ok(top.into_iter().map(|(s, a)| (a, s)).collect())
    }

    /// Search: free text or syntax, whichever the text is.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<(DocAddress, f32)>, SearchError> {
        if has_syntax(text) {
            self.syntax(text, limit)
        } else {
            self.free_text(&Bm25Params::interactive(), text, limit)
        }
    }

    /// The canonical id of a matched document (from the fast field; no stored-document read).
    pub fn id_of(&self, addr: DocAddress) -> Result<String, SearchError> {
        let seg = self.searcher.segment_reader(addr.segment_ord);
        let col = seg.fast_fields().str("id")?;
        let mut s = String::new();
        if let Some(col) = col {
            if let Some(ord) = col.term_ords(addr.doc_id).next() {
                col.ord_to_str(ord, &mut s)
                    .map_err(|e| SearchError::Tantivy(tantivy::TantivyError::from(e)))?;
            }
        }
        Ok(s)
    }

    /// Full hits for ranked addresses (reads the stored documents).
    pub fn hits(&self, ranked: &[(DocAddress, f32)]) -> Result<Vec<Hit>, SearchError> {
        ranked
            .iter()
            .enumerate()
            .map(|(i, (addr, score))| {
                let doc = self.index.load(&self.searcher, *addr)?;
                Ok(Hit {
                    rank: i + 1,
                    title: doc.title().to_string(),
                    score: *score,
                    corpus: self.index.name.clone(),
                    kind: doc.kind.as_str().to_string(),
                    kind_code: doc.kind_code().map(str::to_string),
                    date: doc.publication_date,
                    id: doc.id,
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
    fn syntax_is_detected() {
        assert!(!has_syntax("solar water pump for irrigation"));
        assert!(has_syntax("ti:solar"));
        assert!(has_syntax("\"drip irrigation\""));
        assert!(has_syntax("solar AND pump"));
        assert!(!has_syntax("solar and pump"));
    }

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
}
