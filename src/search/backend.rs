//! The search boundary: one corpus answers parsed strategies through [`SearchBackend`].
//!
//! A parsed query tree goes in (with its source text, for the caret of an error, and a
//! resolver for `#n` history steps); a ranked list of opaque [`HitKey`]s, the total count and
//! warnings come out, and the documents behind the keys are read back through the same
//! trait. Fusion, family rows, the cutoff mark, snippets and cancellation stay above the
//! boundary ([`super::job`]), so every backend's hits are turned into rows, and marked, by
//! the same code. [`Embedded`] is the tantivy index on this machine; a sharded or remote
//! index is another implementation, and `tests/conformance.rs` is the suite each must pass.
//!
//! Ranked lists order equal scores by canonical id (ascending), so that two builds of the
//! same documents — however they fell into segments or shards — give the same list.

use super::{RunInfo, SearchError, Session};
use crate::index::CorpusIndex;
use crate::model::{DocHead, Document};
use crate::query::{Ast, HistoryError};
use tantivy::DocAddress;

/// Resolves a history reference `#n` to its strategy's text.
pub type History<'a> = &'a (dyn Fn(u32) -> Result<String, HistoryError> + Sync);

/// A document found by a backend, as the backend reads it back: opaque to the caller, valid
/// for the lifetime of the backend value that returned it (one snapshot of the corpus).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HitKey(pub u64);

/// A strategy as it crosses the boundary: its tree, and the text it was parsed from (errors
/// found below the parser — an unknown field, a truncation that expands to too much — are
/// reported with a caret into it).
#[derive(Debug, Clone, Copy)]
pub struct ParsedQuery<'a> {
    pub text: &'a str,
    pub ast: &'a Ast,
}

/// What to return of one ranked list.
#[derive(Debug, Clone, Copy)]
pub struct ListRequest {
    /// Hits to return, best first (the count covers every match).
    pub limit: usize,
}

/// One ranked list over one corpus.
#[derive(Debug, Clone, Default)]
pub struct ListResult {
    /// Best first; equal scores by canonical id, ascending.
    pub hits: Vec<(HitKey, f32)>,
    /// Total number of matching documents.
    pub count: usize,
    /// Warnings to show (capped truncation, …).
    pub warnings: Vec<String>,
}

/// One corpus behind the search boundary.
pub trait SearchBackend: Send + Sync {
    /// The corpus this backend answers for.
    fn corpus(&self) -> &str;
    /// Run a strategy: its ranked top `req.limit`, the count and warnings.
    fn run(
        &self,
        query: ParsedQuery<'_>,
        history: History<'_>,
        req: &ListRequest,
    ) -> Result<ListResult, SearchError>;
    /// The canonical ids of hits, in the given order.
    fn ids(&self, hits: &[HitKey]) -> Result<Vec<String>, SearchError>;
    /// The hits of documents given by canonical id, in the given order (`None` for an id
    /// the corpus does not hold): how documents found by meaning join a list.
    fn find_ids(&self, ids: &[&str]) -> Result<Vec<Option<HitKey>>, SearchError>;
    /// What a hit's row shows and groups by (bibliographic data, priorities).
    fn head(&self, hit: HitKey) -> Result<DocHead, SearchError>;
    /// A hit's whole document (snippets, the viewer, case snapshots).
    fn document(&self, hit: HitKey) -> Result<Document, SearchError>;
}

/// The embedded tantivy index: a [`Session`] (one searcher, one snapshot) behind the
/// boundary.
pub struct Embedded<'a> {
    pub session: Session<'a>,
}

impl<'a> Embedded<'a> {
    pub fn new(index: &'a CorpusIndex) -> Result<Embedded<'a>, SearchError> {
        Ok(Embedded {
            session: Session::new(index)?,
        })
    }

    /// The key of a document address.
    pub fn key(addr: DocAddress) -> HitKey {
        HitKey((u64::from(addr.segment_ord) << 32) | u64::from(addr.doc_id))
    }

    /// The document address of a key.
    pub fn address(key: HitKey) -> DocAddress {
        DocAddress::new((key.0 >> 32) as u32, (key.0 & 0xffff_ffff) as u32)
    }
}

impl SearchBackend for Embedded<'_> {
    fn corpus(&self) -> &str {
        &self.session.index.name
    }

    fn run(
        &self,
        query: ParsedQuery<'_>,
        history: History<'_>,
        req: &ListRequest,
    ) -> Result<ListResult, SearchError> {
        let (ranked, RunInfo { count, warnings }) = self
            .session
            .run_ast(query.text, query.ast, req.limit, &history)?;
        Ok(ListResult {
            hits: ranked.into_iter().map(|(a, s)| (Self::key(a), s)).collect(),
            count,
            warnings,
        })
    }

    fn ids(&self, hits: &[HitKey]) -> Result<Vec<String>, SearchError> {
        let ranked = hits.iter().map(|k| (Self::address(*k), 0.0)).collect();
        Ok(self
            .session
            .ids_of(ranked)?
            .into_iter()
            .map(|(id, _, _)| id)
            .collect())
    }

    fn find_ids(&self, ids: &[&str]) -> Result<Vec<Option<HitKey>>, SearchError> {
        ids.iter()
            .map(|id| Ok(self.session.find_id(id)?.map(Self::key)))
            .collect()
    }

    fn head(&self, hit: HitKey) -> Result<DocHead, SearchError> {
        let s = &self.session;
        Ok(s.index
            .load_stored(&s.searcher, Self::address(hit))?
            .parse()?)
    }

    fn document(&self, hit: HitKey) -> Result<Document, SearchError> {
        let s = &self.session;
        Ok(s.index.load(&s.searcher, Self::address(hit))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_addresses() {
        for (seg, doc) in [(0, 0), (1, 7), (u32::MAX, u32::MAX), (3, 0x8000_0000)] {
            let a = DocAddress::new(seg, doc);
            assert_eq!(Embedded::address(Embedded::key(a)), a);
        }
        assert!(
            Embedded::key(DocAddress::new(0, 9)) < Embedded::key(DocAddress::new(1, 0)),
            "keys order like addresses"
        );
    }
}
