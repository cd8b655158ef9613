//! Search jobs: several strategies over several corpora, run in parallel, fused into one
//! ranked list of rows (a patent family or one article per row), with snippets.
//!
//! A job belongs to a generation; starting a new job makes older ones stale, and a stale
//! job stops at its next list and returns [`JobError::Cancelled`] so that its results are
//! never shown.

use super::fusion::{self, GroupKeys, RankedList};
use super::snippet::Highlighter;
use super::{Hit, SearchError, Session};
use crate::index::CorpusIndex;
use crate::model::{Date, Document};
use crate::query::Ast;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use tantivy::DocAddress;

/// One strategy of a job: its label ("1", "2"… or a history number) and text.
#[derive(Debug, Clone)]
pub struct Strategy {
    pub label: String,
    pub query: String,
}

impl Strategy {
    /// `queries` labelled in order, the first one `first` ("1", "2"… for `-q` strategies;
    /// the next history numbers within a case).
    pub fn numbered<Q: AsRef<str>>(queries: &[Q], first: usize) -> Vec<Strategy> {
        queries
            .iter()
            .enumerate()
            .map(|(i, q)| Strategy {
                label: (first + i).to_string(),
                query: q.as_ref().to_string(),
            })
            .collect()
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct JobRequest {
    pub strategies: Vec<Strategy>,
    /// Hits taken from each (strategy, corpus) list before fusion.
    pub per_list: usize,
    /// Rows to return.
    pub limit: usize,
    pub cutoff: Option<Date>,
    /// Group patents by family and articles by DOI/PMID (off for TREC output).
    pub group: bool,
    /// Attach a snippet to each row.
    pub snippets: bool,
}

/// The generation counter shared by a front end and its jobs.
#[derive(Debug, Clone, Default)]
pub struct Generation(Arc<AtomicU64>);

impl Generation {
    pub fn new() -> Generation {
        Generation::default()
    }
    /// Start a new generation: every job of an older one is now stale.
    pub fn advance(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
    pub fn is_current(&self, g: u64) -> bool {
        self.current() == g
    }
}

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("cancelled: a newer search was started")]
    Cancelled,
    #[error(transparent)]
    Search(#[from] SearchError),
}

/// Hits of one (strategy, corpus) pair.
#[derive(Debug, Clone)]
pub struct ListCount {
    pub strategy: String,
    pub corpus: String,
    pub count: usize,
}

/// A job's outcome.
#[derive(Debug, Clone, Default)]
pub struct JobResult {
    pub rows: Vec<Hit>,
    pub counts: Vec<ListCount>,
    pub warnings: Vec<String>,
}

type History<'a> = &'a (dyn Fn(u32) -> Result<String, String> + Sync);

/// Run a job over `indexes`. `progress(done, total)` is called after each list.
pub fn run(
    indexes: &[&CorpusIndex],
    req: &JobRequest,
    generation: &Generation,
    mine: u64,
    history: History<'_>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<JobResult, JobError> {
    // Opening a session is cheap once its index has worked out which fields are empty (the
    // first job on an index does that, corpus after corpus), so not worth waking a second
    // thread for.
    let sessions: Vec<Session> = indexes
        .iter()
        .map(|i| Session::new(i))
        .collect::<Result<_, _>>()?;
    let done = AtomicUsize::new(0);
    let total = req.strategies.len() * sessions.len();
    type ListOut = (usize, usize, Vec<(DocAddress, f32)>, usize, Vec<String>);
    // The highlighter (its truncation patterns compiled) is built while the lists run.
    let build_highlighter = || {
        req.snippets.then(|| {
            let asts: Vec<Ast> = req
                .strategies
                .iter()
                .filter_map(|s| crate::query::parse(&s.query).ok())
                .collect();
            Highlighter::from_ast(&Ast::Or(asts))
        })
    };
    // Per corpus: every strategy's list, then the ids of all its hits, read once for all its
    // lists together (a block of the id dictionary is decompressed once per job, not once
    // per list that has a hit in it). Corpora and strategies run in parallel, and a corpus
    // reads its ids as soon as its own lists are done.
    // A failed list is reported with its strategy's number, so that of several failures
    // the job reports the first in (strategy, corpus) order, however the threads ran.
    type CorpusOut = Result<(Vec<ListOut>, FxHashMap<DocAddress, String>), (usize, JobError)>;
    let corpus_lists = |c: usize| -> CorpusOut {
        let sess = &sessions[c];
        let results: Vec<Result<ListOut, JobError>> = (0..req.strategies.len())
            .into_par_iter()
            .map(|s| {
                if !generation.is_current(mine) {
                    return Err(JobError::Cancelled);
                }
                let (ranked, info) =
                    sess.query(&req.strategies[s].query, req.per_list, &history)?;
                progress(done.fetch_add(1, Ordering::SeqCst) + 1, total);
                Ok((s, c, ranked, info.count, info.warnings))
            })
            .collect();
        let lists: Vec<ListOut> = results
            .into_iter()
            .enumerate()
            .map(|(s, r)| r.map_err(|e| (s, e)))
            .collect::<Result<_, _>>()?;
        let mut addrs: Vec<DocAddress> =
            lists.iter().flat_map(|l| l.2.iter().map(|h| h.0)).collect();
        addrs.sort_unstable();
        addrs.dedup();
        let found = sess
            .ids_of(addrs.into_iter().map(|a| (a, 0.0)).collect())
            .map_err(|e| (usize::MAX, e.into()))?;
        Ok((lists, found.into_iter().map(|(id, _, a)| (a, id)).collect()))
    };
    let run_lists = || -> Vec<CorpusOut> {
        (0..sessions.len())
            .into_par_iter()
            .map(corpus_lists)
            .collect()
    };
    let (per_corpus, highlighter) = rayon::join(run_lists, build_highlighter);
    if !generation.is_current(mine) {
        return Err(JobError::Cancelled);
    }
    let mut lists: Vec<ListOut> = Vec::with_capacity(total);
    let mut ids: Vec<FxHashMap<DocAddress, String>> = Vec::with_capacity(sessions.len());
    let mut first_error: Option<((usize, usize), JobError)> = None;
    for (c, r) in per_corpus.into_iter().enumerate() {
        match r {
            Ok((l, i)) => {
                lists.extend(l);
                ids.push(i);
            }
            Err((s, e)) => {
                if first_error.as_ref().is_none_or(|(at, _)| (s, c) < *at) {
                    first_error = Some(((s, c), e));
                }
            }
        }
    }
    if let Some((_, e)) = first_error {
        return Err(e);
    }
    // Strategy by strategy, corpus by corpus, as the counts are reported.
    lists.sort_by_key(|l| (l.0, l.1));
    let mut ranked_lists = Vec::new();
    // Where each list's hits are: (corpus index, address, score), in list order.
    let mut located: Vec<Vec<(usize, DocAddress, f32)>> = Vec::new();
    let mut counts = Vec::new();
    let mut warnings = Vec::new();
    for (s, c, hits, count, warns) in lists {
        let corpus = sessions[c].index.name.clone();
        let label = req.strategies[s].label.clone();
        counts.push(ListCount {
            strategy: label.clone(),
            corpus: corpus.clone(),
            count,
        });
        for w in warns {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
        located.push(hits.iter().map(|h| (c, h.0, h.1)).collect());
        ranked_lists.push(RankedList {
            strategy: label,
            corpus,
            ids: hits
                .iter()
                .map(|h| ids[c].get(&h.0).cloned().unwrap_or_default())
                .collect(),
        });
    }
    // The first place each document was found (keys borrowed from the lists).
    let mut where_is: FxHashMap<(&str, &str), (usize, DocAddress, f32)> = FxHashMap::default();
    for (list, places) in ranked_lists.iter().zip(&located) {
        for (id, place) in list.ids.iter().zip(places) {
            where_is
                .entry((list.corpus.as_str(), id.as_str()))
                .or_insert(*place);
        }
    }
    let single = ranked_lists.len() == 1;
    // Load the documents the rows may need: a few times the limit when grouping.
    let want = if req.group {
        req.limit.saturating_mul(3)
    } else {
        req.limit
    };
    let fused = fusion::rrf(&ranked_lists, fusion::RRF_K, want);
    let head: Vec<&fusion::Fused> = fused.iter().collect();
    let docs: Vec<Document> = head
        .par_iter()
        .map(|f| {
            let (c, addr, _) = where_is[&(f.corpus.as_str(), f.id.as_str())];
            sessions[c]
                .index
                .load(&sessions[c].searcher, addr)
                .map_err(SearchError::from)
        })
        .collect::<Result<_, _>>()?;
    let groups: Vec<Vec<usize>> = if req.group {
        fusion::group(&docs.iter().map(keys_of).collect::<Vec<_>>())
    } else {
        (0..docs.len()).map(|i| vec![i]).collect()
    };
    let rows = groups
        .into_par_iter()
        .take(req.limit)
        .enumerate()
        .map(|(i, members)| {
            let lead = members[0];
            let f = head[lead];
            let doc = &docs[lead];
            let mut strategies: BTreeMap<String, usize> = BTreeMap::new();
            for &m in &members {
                for (k, r) in &head[m].ranks {
                    let e = strategies.entry(k.clone()).or_insert(*r);
                    *e = (*e).min(*r);
                }
            }
            let score = if single {
                where_is[&(f.corpus.as_str(), f.id.as_str())].2
            } else {
                f.score as f32
            };
            Hit {
                rank: i + 1,
                id: doc.id.clone(),
                title: doc.title().to_string(),
                score,
                corpus: f.corpus.clone(),
                kind: doc.kind.as_str().to_string(),
                kind_code: doc.kind_code().map(str::to_string),
                date: doc.publication_date,
                after_cutoff: matches!((doc.publication_date, req.cutoff), (Some(d), Some(c)) if d >= c),
                strategies,
                family: members.iter().map(|m| docs[*m].id.clone()).collect(),
                snippet: highlighter.as_ref().and_then(|h| h.snippet(doc, 240)),
            }
        })
        .collect();
    Ok(JobResult {
        rows,
        counts,
        warnings,
    })
}

/// The keys that tie a document to others: family, priority claims, DOI, PMID.
pub fn keys_of(d: &Document) -> GroupKeys {
    GroupKeys {
        publication: (d.kind == crate::model::DocKind::Patent).then(|| d.id.clone()),
        family: d.family_id.clone(),
        priorities: d
            .priorities
            .iter()
            .map(|p| fusion::priority_key(&p.country, &p.number))
            .collect(),
        doi: d.doi.clone(),
        pmid: d.pmid.clone(),
    }
}
