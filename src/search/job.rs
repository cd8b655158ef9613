//! Search jobs: several strategies over several corpora, run in parallel, fused into one
//! ranked list of rows (a patent family or one article per row), with snippets.
//!
//! A job belongs to a generation and carries a [`CancelToken`] for it; starting a new job
//! makes older ones stale, and a stale job stops at its next list and returns
//! [`JobError::Cancelled`] so that its results are never shown.

use super::backend::{Embedded, HitKey, ListRequest, ParsedQuery, SearchBackend};
use super::fusion::{self, GroupKeys};
pub use super::meaning::Meaning;
use super::snippet::Highlighter;
use super::{Hit, SearchError};
use crate::index::CorpusIndex;
use crate::model::{Date, DocHead};
use crate::query::Ast;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

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
    /// How a strategy's lists over several corpora are merged (one corpus: no merging).
    pub merge: fusion::Merge,
    /// Meaning: which lists are fused with the dense ranking or ordered by meaning (`None`:
    /// BM25 only).
    pub meaning: Option<Arc<Meaning>>,
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
    /// Start a new generation and return the token of a job that belongs to it.
    pub fn start(&self) -> CancelToken {
        let mine = self.advance();
        self.token(mine)
    }
    /// The token of a job of generation `mine`.
    pub fn token(&self, mine: u64) -> CancelToken {
        CancelToken {
            generation: self.clone(),
            mine,
        }
    }
}

/// What a job checks to know that a newer one has made it stale: the counter it shares
/// with its front end and the generation it belongs to.
#[derive(Debug, Clone)]
pub struct CancelToken {
    generation: Generation,
    mine: u64,
}

impl CancelToken {
    /// Whether a newer generation has started since this job's.
    pub fn is_cancelled(&self) -> bool {
        !self.generation.is_current(self.mine)
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

/// Resolves a history reference `#n` to its strategy's text.
type History<'a> = super::backend::History<'a>;

/// Run a job of generation `mine` of `generation` over `indexes`: [`run_until_cancelled`]
/// with that generation's token.
pub fn run(
    indexes: &[&CorpusIndex],
    req: &JobRequest,
    generation: &Generation,
    mine: u64,
    history: History<'_>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<JobResult, JobError> {
    run_until_cancelled(indexes, req, &generation.token(mine), history, progress)
}

/// Run a job over `indexes` (each behind the boundary as an [`Embedded`] backend), stopping
/// with [`JobError::Cancelled`] once `cancel` is cancelled. `progress(done, total)` is
/// called after each list.
pub fn run_until_cancelled(
    indexes: &[&CorpusIndex],
    req: &JobRequest,
    cancel: &CancelToken,
    history: History<'_>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<JobResult, JobError> {
    // Opening a session is cheap once its index has worked out which fields are empty (the
    // first job on an index does that, corpus after corpus), so not worth waking a second
    // thread for.
    let embedded: Vec<Embedded> = indexes
        .iter()
        .map(|i| Embedded::new(i))
        .collect::<Result<_, _>>()?;
    let backends: Vec<&dyn SearchBackend> =
        embedded.iter().map(|e| e as &dyn SearchBackend).collect();
    run_backends(&backends, req, cancel, history, progress)
}

/// One (strategy, corpus) list's outcome.
struct ListOut {
    /// Its best hits, best first, with their scores.
    ranked: Vec<(HitKey, f32)>,
    /// How many documents matched.
    count: usize,
    warnings: Vec<String>,
    /// The BM25 and dense parts of each hit's score, when meaning ranked the list.
    parts: std::collections::HashMap<HitKey, super::meaning::Parts>,
}

/// Run a job over corpora behind the search boundary, stopping with
/// [`JobError::Cancelled`] once `cancel` is cancelled. `progress(done, total)` is called
/// after each list.
pub fn run_backends(
    backends: &[&dyn SearchBackend],
    req: &JobRequest,
    cancel: &CancelToken,
    history: History<'_>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<JobResult, JobError> {
    let done = AtomicUsize::new(0);
    let ncorp = backends.len();
    let total = req.strategies.len() * ncorp;
    // Each strategy is parsed once; a strategy that does not parse fails its lists.
    let parsed: Vec<Result<Ast, crate::query::ParseError>> = req
        .strategies
        .iter()
        .map(|s| crate::query::parse(&s.query))
        .collect();
    // The highlighter (its words analysed, its truncated words parsed) is built while the
    // lists run.
    let build_highlighter = || {
        req.snippets.then(|| {
            let asts: Vec<Ast> = parsed.iter().filter_map(|a| a.clone().ok()).collect();
            // A combined set (`#4 AND #5`) shows the words of the strategies it contains.
            Highlighter::from_ast_with(&Ast::Or(asts), &|n| history(n).ok())
        })
    };
    // Every (strategy, corpus) list, strategy by strategy and corpus by corpus, as the
    // counts are reported; list i is strategy i / ncorp over corpus i % ncorp.
    let run_lists = || -> Vec<Result<ListOut, JobError>> {
        (0..total)
            .into_par_iter()
            .map(|i| {
                if cancel.is_cancelled() {
                    return Err(JobError::Cancelled);
                }
                let (s, c) = (i / ncorp, i % ncorp);
                let text = req.strategies[s].query.as_str();
                let ast = parsed[s].as_ref().map_err(|error| SearchError::Query {
                    query: text.to_string(),
                    error: error.clone(),
                })?;
                let query = ParsedQuery { text, ast };
                let list_req = ListRequest {
                    limit: req.per_list,
                };
                let with_meaning = req
                    .meaning
                    .as_deref()
                    .and_then(|m| m.for_list(s, c).map(|(vectors, q)| (vectors, q, m.alpha)));
                let (list, parts) = match with_meaning {
                    Some((vectors, q, alpha)) => {
                        let m = super::meaning::run(
                            backends[c],
                            query,
                            history,
                            &list_req,
                            vectors,
                            q,
                            alpha,
                        )?;
                        (m.list, m.parts)
                    }
                    None => (
                        backends[c].run(query, history, &list_req)?,
                        Default::default(),
                    ),
                };
                progress(done.fetch_add(1, Ordering::SeqCst) + 1, total);
                Ok(ListOut {
                    ranked: list.hits,
                    count: list.count,
                    warnings: list.warnings,
                    parts,
                })
            })
            .collect()
    };
    let (results, highlighter) = rayon::join(run_lists, build_highlighter);
    if cancel.is_cancelled() {
        return Err(JobError::Cancelled);
    }
    // Of several failures, the first in (strategy, corpus) order, however the threads ran.
    let lists: Vec<ListOut> = results.into_iter().collect::<Result<_, _>>()?;
    let mut counts = Vec::with_capacity(total);
    let mut warnings = Vec::new();
    for (i, list) in lists.iter().enumerate() {
        counts.push(ListCount {
            strategy: req.strategies[i / ncorp].label.clone(),
            corpus: backends[i % ncorp].corpus().to_string(),
            count: list.count,
        });
        for w in &list.warnings {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
    }
    // Fusion works on (corpus, key): a key stands for its document within its corpus, and
    // only the documents that can make the head of the fused list are read (for their ids,
    // which break ties, and for what their rows show). The lists fused by rank are either
    // every (strategy, corpus) list, or one per strategy, its corpora's lists merged by
    // score; `per_strategy` fused lists belong to each strategy.
    let (fused, per_strategy) = fused_lists(&lists, ncorp, req.merge);
    let keys: Vec<Vec<(usize, HitKey)>> = fused
        .iter()
        .map(|l| l.iter().map(|h| h.0).collect())
        .collect();
    // Load the documents the rows may need: a few times the limit when grouping.
    let want = if req.group {
        req.limit.saturating_mul(3)
    } else {
        req.limit
    };
    // What the rows need to be ordered, grouped and shown, read for the contenders only (a
    // whole document is read only if it leads a row that gets a snippet). Contenders beyond
    // `want` tie with the last place, so they are at most a few more than `want`.
    let read = |contenders: &[fusion::Scored<(usize, HitKey)>]| {
        contenders
            .par_iter()
            .map(|d| {
                let (c, key) = d.key;
                Ok((backends[c].head(key)?, backends[c].corpus()))
            })
            .collect::<Result<Vec<_>, SearchError>>()
    };
    let placed = fusion::fuse(
        keys.iter().map(Vec::as_slice),
        fusion::RRF_K,
        want,
        read,
        |(head, corpus)| (head.biblio.id.as_str(), *corpus),
    )?;
    let (head, docs): (Vec<_>, Vec<_>) = placed.into_iter().unzip();
    // One list: its own scores (a corpus's BM25, or the merged ones), not fused ones.
    let single = fused.len() == 1;
    let score_of = |d: &fusion::Scored<(usize, HitKey)>| -> f32 {
        match d.ranks.first() {
            Some(&(li, rank)) if single => fused[li][rank - 1].1,
            _ => d.score as f32,
        }
    };
    let groups: Vec<Vec<usize>> = if req.group {
        fusion::group(&docs.iter().map(|d| keys_of(&d.0)).collect::<Vec<_>>())
    } else {
        (0..docs.len()).map(|i| vec![i]).collect()
    };
    let label = |li: usize| req.strategies[li / per_strategy].label.as_str();
    // A hit's score parts, from the first list of its corpus that has them.
    let parts_of = |(c, key): (usize, HitKey)| {
        lists
            .iter()
            .skip(c)
            .step_by(ncorp.max(1))
            .find_map(|l| l.parts.get(&key).copied())
    };
    let rows = groups
        .into_par_iter()
        .take(req.limit)
        .enumerate()
        .map(|(i, members)| {
            let lead = members[0];
            let d = &head[lead];
            let (doc, corpus) = &docs[lead];
            let mut ranks: Vec<(usize, usize)> = Vec::new();
            for &m in &members {
                ranks.extend_from_slice(&head[m].ranks);
            }
            let snippet = match &highlighter {
                Some(h) => {
                    let (c, key) = d.key;
                    h.snippet(&backends[c].document(key)?, 240)
                }
                None => None,
            };
            let parts = parts_of(d.key);
            Ok(Hit {
                bm25: parts.map(|p| p.0),
                dense: parts.and_then(|p| p.1),
                rank: i + 1,
                id: doc.biblio.id.clone(),
                title: doc.biblio.title().to_string(),
                score: score_of(d),
                corpus: corpus.to_string(),
                kind: doc.biblio.kind.as_str().to_string(),
                kind_code: doc.biblio.kind_code().map(str::to_string),
                date: doc.biblio.publication_date,
                after_cutoff: super::after_cutoff(doc.biblio.publication_date, req.cutoff),
                strategies: fusion::rank_map(&ranks, label),
                family: members
                    .iter()
                    .map(|m| docs[*m].0.biblio.id.clone())
                    .collect(),
                snippet,
            })
        })
        .collect::<Result<_, SearchError>>()?;
    Ok(JobResult {
        rows,
        counts,
        warnings,
    })
}

/// A list of (corpus, key) hits with their scores, best first.
type ScoredList = Vec<((usize, HitKey), f32)>;

/// The lists that rank fusion takes, as (corpus, key) with a score, and how many of them
/// belong to each strategy: with [`fusion::Merge::Rrf`], or over one corpus, every
/// (strategy, corpus) list as it is; with [`fusion::Merge::Score`], one list per strategy,
/// its corpora's lists merged by normalised score.
fn fused_lists(lists: &[ListOut], ncorp: usize, merge: fusion::Merge) -> (Vec<ScoredList>, usize) {
    let tagged = |i: usize, l: &ListOut| -> Vec<((usize, HitKey), f32)> {
        l.ranked.iter().map(|h| ((i % ncorp, h.0), h.1)).collect()
    };
    match merge {
        fusion::Merge::Score(blend) if ncorp > 1 => {
            let out = lists
                .chunks(ncorp)
                .map(|corpora| {
                    let per: Vec<ScoredList> = corpora
                        .iter()
                        .enumerate()
                        .map(|(c, l)| tagged(c, l))
                        .collect();
                    let refs: Vec<&[((usize, HitKey), f32)]> =
                        per.iter().map(Vec::as_slice).collect();
                    fusion::merge_by_score(&refs, blend)
                        .into_iter()
                        .map(|(k, s)| (k, s as f32))
                        .collect()
                })
                .collect();
            (out, 1)
        }
        _ => (
            lists
                .iter()
                .enumerate()
                .map(|(i, l)| tagged(i, l))
                .collect(),
            ncorp.max(1),
        ),
    }
}

/// The keys that tie a document to others: family, priority claims, DOI, PMID.
pub fn keys_of(d: &DocHead) -> GroupKeys {
    GroupKeys {
        publication: (d.biblio.kind == crate::model::DocKind::Patent).then(|| d.biblio.id.clone()),
        family: d.biblio.family_id.clone(),
        priorities: d
            .priorities
            .iter()
            .map(|p| fusion::priority_key(&p.country, &p.number))
            .collect(),
        doi: d.biblio.doi.clone(),
        pmid: d.biblio.pmid.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_cancelled_once_a_newer_generation_starts() {
        let g = Generation::new();
        let first = g.start();
        let copy = first.clone();
        assert!(!first.is_cancelled());
        let second = g.start();
        assert!(first.is_cancelled() && copy.is_cancelled());
        assert!(!second.is_cancelled());
        assert!(!g.token(g.current()).is_cancelled());
        assert!(g.token(g.current() - 1).is_cancelled());
    }
}
