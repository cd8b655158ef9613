//! A corpus split into shards behind the search boundary: [`Sharded`].
//!
//! Every shard runs the strategy in parallel with the whole corpus's statistics — document
//! frequencies, document count and field lengths summed over the shards ([`Scope`]) — and
//! with truncation and classification expanded over the union of the shards' dictionaries,
//! so a document scores exactly what it would in one index (scoring leaves are rounded to a
//! grid, see `crate::query::grid`, so the order of addition does not matter either). The
//! shards' lists are merged by score, then canonical id: ids, order and scores are those of
//! the same documents in one index.

use super::backend::{
    Embedded, History, HitKey, ListRequest, ListResult, ParsedQuery, SearchBackend,
};
use super::{SearchError, Session};
use crate::index::{CorpusIndex, EmptyFields};
use crate::model::{DocHead, Document};
use rayon::prelude::*;
use std::sync::Arc;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The whole corpus as every shard's strategy sees it.
pub struct Scope {
    /// Every shard's searcher, in shard order.
    pub searchers: Vec<Searcher>,
    /// Text fields that hold no word in any shard.
    pub empty: EmptyFields,
}

impl Bm25StatisticsProvider for Scope {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let mut n = 0;
        for s in &self.searchers {
            n += s.total_num_tokens(field)?;
        }
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        let mut n = 0;
        for s in &self.searchers {
            n += s.total_num_docs()?;
        }
        Ok(n)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut n = 0;
        for s in &self.searchers {
            n += s.doc_freq(term)?;
        }
        Ok(n)
    }
}

/// The shards of one corpus, searched together.
pub struct Sharded<'a> {
    corpus: String,
    shards: Vec<Session<'a>>,
}

/// Shard numbers fit in the key's top byte.
const SHARD_SHIFT: u32 = 56;

impl<'a> Sharded<'a> {
    /// Search `shards` (every shard of one corpus, in shard order) as one corpus.
    pub fn new(shards: &'a [CorpusIndex]) -> Result<Sharded<'a>, SearchError> {
        let mut sessions = shards
            .iter()
            .map(Session::new)
            .collect::<Result<Vec<_>, _>>()?;
        let searchers: Vec<Searcher> = sessions.iter().map(|s| s.searcher.clone()).collect();
        let mut empty = std::collections::HashMap::new();
        for s in &sessions {
            for (field, is_empty) in s.empty_fields.iter() {
                let e = empty.entry(*field).or_insert(true);
                *e = *e && *is_empty;
            }
        }
        let scope = Arc::new(Scope {
            searchers,
            empty: Arc::new(empty),
        });
        for s in &mut sessions {
            s.scope = Some(Arc::clone(&scope));
        }
        Ok(Sharded {
            corpus: shards.first().map(|s| s.name.clone()).unwrap_or_default(),
            shards: sessions,
        })
    }

    /// How many shards are searched.
    pub fn len(&self) -> usize {
        self.shards.len()
    }

    /// Whether there is no shard at all.
    pub fn is_empty(&self) -> bool {
        self.shards.is_empty()
    }

    fn key(shard: usize, inner: HitKey) -> HitKey {
        HitKey(((shard as u64) << SHARD_SHIFT) | inner.0)
    }

    /// The shard number of a key (checked against the shards searched) and the key within
    /// that shard's index.
    fn split(&self, key: HitKey) -> Result<(usize, HitKey), SearchError> {
        let shard = (key.0 >> SHARD_SHIFT) as usize;
        let inner = HitKey(key.0 & ((1u64 << SHARD_SHIFT) - 1));
        if shard >= self.shards.len() {
            return Err(SearchError::Index(crate::index::IndexError::BadStoredDoc(
                format!("no shard {shard} in corpus {}", self.corpus),
            )));
        }
        Ok((shard, inner))
    }

    /// The session of a key's shard and the document's address in it.
    fn locate(&self, key: HitKey) -> Result<(&Session<'a>, tantivy::DocAddress), SearchError> {
        let (shard, inner) = self.split(key)?;
        Ok((&self.shards[shard], Embedded::address(inner)))
    }
}

impl SearchBackend for Sharded<'_> {
    fn corpus(&self) -> &str {
        &self.corpus
    }

    fn run(
        &self,
        query: ParsedQuery<'_>,
        history: History<'_>,
        req: &ListRequest,
    ) -> Result<ListResult, SearchError> {
        let lists: Vec<_> = self
            .shards
            .par_iter()
            .map(|s| s.run_ast(query.text, query.ast, req.limit, &history))
            .collect::<Result<_, _>>()?;
        let mut count = 0;
        let mut warnings: Vec<String> = Vec::new();
        let mut merged: Vec<(f32, String, HitKey)> = Vec::new();
        for (shard, (ranked, info)) in lists.into_iter().enumerate() {
            count += info.count;
            for w in info.warnings {
                if !warnings.contains(&w) {
                    warnings.push(w);
                }
            }
            let session = &self.shards[shard];
            for (id, score, addr) in session.ids_of(ranked)? {
                merged.push((score, id, Self::key(shard, Embedded::key(addr))));
            }
        }
        merged.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        merged.truncate(req.limit);
        Ok(ListResult {
            hits: merged.into_iter().map(|(s, _, k)| (k, s)).collect(),
            count,
            warnings,
        })
    }

    fn ids(&self, hits: &[HitKey]) -> Result<Vec<String>, SearchError> {
        // Per shard, one read of its id column for all its hits.
        let mut ids = vec![String::new(); hits.len()];
        let mut per_shard: Vec<Vec<(usize, tantivy::DocAddress)>> =
            vec![Vec::new(); self.shards.len()];
        for (i, k) in hits.iter().enumerate() {
            let (shard, inner) = self.split(*k)?;
            per_shard[shard].push((i, Embedded::address(inner)));
        }
        for (session, wanted) in self.shards.iter().zip(per_shard) {
            let ranked = wanted.iter().map(|(_, a)| (*a, 0.0)).collect();
            for ((slot, _), (id, _, _)) in wanted.iter().zip(session.ids_of(ranked)?) {
                ids[*slot] = id;
            }
        }
        Ok(ids)
    }

    fn find_ids(&self, ids: &[&str]) -> Result<Vec<Option<HitKey>>, SearchError> {
        ids.iter()
            .map(|id| {
                for (shard, session) in self.shards.iter().enumerate() {
                    if let Some(addr) = session.find_id(id)? {
                        return Ok(Some(Self::key(shard, Embedded::key(addr))));
                    }
                }
                Ok(None)
            })
            .collect()
    }

    fn head(&self, hit: HitKey) -> Result<DocHead, SearchError> {
        let (s, addr) = self.locate(hit)?;
        Ok(s.index.load_stored(&s.searcher, addr)?.parse()?)
    }

    fn document(&self, hit: HitKey) -> Result<Document, SearchError> {
        let (s, addr) = self.locate(hit)?;
        Ok(s.index.load(&s.searcher, addr)?)
    }
}

impl Sharded<'_> {
    /// The corpus as query by example sees it: key terms weighed with the whole corpus's
    /// document frequencies, and feedback drawn from the best documents of all shards.
    /// `None` for a corpus of no shard.
    pub fn example_source(&self) -> Option<super::qbe::Source<'_>> {
        let first = self.shards.first()?;
        let first_pass = move |q: &str| -> Result<Vec<(Document, f32)>, SearchError> {
            let ast = crate::query::parse(q).map_err(|error| SearchError::Query {
                query: q.to_string(),
                error,
            })?;
            let list = self.run(
                ParsedQuery { text: q, ast: &ast },
                &super::no_history,
                &ListRequest {
                    limit: super::qbe::FEEDBACK_DOCS,
                },
            )?;
            list.hits
                .iter()
                .map(|(k, score)| Ok((self.document(*k)?, *score)))
                .collect()
        };
        Some(super::qbe::Source {
            name: self.corpus(),
            index: first.index,
            stats: first.statistics(),
            first_pass: Box::new(first_pass),
        })
    }
}

/// The backend for a corpus opened as its shards: the embedded index for one, [`Sharded`]
/// for more.
pub fn backend(shards: &[CorpusIndex]) -> Result<Box<dyn SearchBackend + '_>, SearchError> {
    match shards {
        [one] => Ok(Box::new(Embedded::new(one)?)),
        _ => Ok(Box::new(Sharded::new(shards)?)),
    }
}
