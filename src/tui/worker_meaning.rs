//! Search by meaning in the workbench (`M`): a strategy's set ordered by meaning where its
//! corpus is embedded, as `tisc search --semantic on` orders it, or a strategy made by query
//! by example fused with the meaning of its disclosure. The results line shows whether it was
//! used; a corpus without a model or vectors is ranked by BM25 alone. The model and the
//! vectors are kept between searches (`PlanCache`) while they stay current.

use super::worker::SearchRequest;
use crate::corpus::Workspace;
use crate::search::meaning::{strategy_words, Meaning, MeaningQuery, Mode};
use crate::semantic::plan::Setting;
use crate::semantic::plan_cache::PlanCache;
use std::sync::Arc;

/// What a search over corpora `names` needs to order strategy `query` by meaning (or, with
/// the request's `example`, to fuse it with the disclosure's meaning), and whether meaning is
/// used (`None`: not asked for; `Some(false)`: asked for, but no corpus can use it).
pub(super) fn meaning_for(
    ws: &Workspace,
    kept: &PlanCache,
    names: &[&str],
    query: &str,
    req: &SearchRequest<'_>,
) -> (Option<Arc<Meaning>>, Option<bool>) {
    if !req.meaning {
        return (None, None);
    }
    let example = req.example.as_deref();
    let plan = kept.plan(ws, names, Setting::On);
    let Some(embedder) = plan.embedder.clone().filter(|_| plan.is_used()) else {
        return (None, Some(false));
    };
    let (words, mode) = match example {
        Some(disclosure) => (disclosure.to_string(), Mode::Fuse),
        None => (
            crate::query::parse(query)
                .map(|ast| strategy_words(&ast))
                .unwrap_or_default(),
            Mode::Order,
        ),
    };
    if words.trim().is_empty() {
        return (None, Some(false));
    }
    let alpha = crate::config::Config::load(ws)
        .map(|c| c.semantic.alpha())
        .unwrap_or(crate::semantic::fusion::DEFAULT_ALPHA);
    match embedder.embed_query(&words) {
        Ok(vector) => (
            Some(Arc::new(Meaning {
                alpha,
                corpora: plan.corpora,
                strategies: vec![Some(MeaningQuery { vector, mode })],
            })),
            Some(true),
        ),
        Err(_) => (None, Some(false)),
    }
}
