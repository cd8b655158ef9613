//! Search by meaning in the workbench (`M`): a strategy's set ordered by meaning where its
//! corpus is embedded, as `tisc search --semantic on` orders it. The results line shows
//! whether it was used; a corpus without a model or vectors is ranked by BM25 alone.

use crate::corpus::Workspace;
use crate::search::meaning::{strategy_words, Meaning, MeaningQuery, Mode};
use crate::semantic::plan::{self, Setting};
use std::sync::Arc;

/// What a search over corpora `names` needs to order strategy `query` by meaning, and
/// whether meaning is used (`Some(false)`: asked for, but no corpus can use it).
pub(super) fn order_by_meaning(
    ws: &Workspace,
    names: &[String],
    query: &str,
) -> (Option<Arc<Meaning>>, Option<bool>) {
    let dirs: Vec<(String, std::path::PathBuf)> =
        names.iter().map(|n| (n.clone(), ws.index_dir(n))).collect();
    let plan = plan::plan(&ws.home, &dirs, Setting::On);
    let Some(embedder) = plan.embedder.clone().filter(|_| plan.is_used()) else {
        return (None, Some(false));
    };
    let words = crate::query::parse(query)
        .map(|ast| strategy_words(&ast))
        .unwrap_or_default();
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
                strategies: vec![Some(MeaningQuery {
                    vector,
                    mode: Mode::Order,
                })],
            })),
            Some(true),
        ),
        Err(_) => (None, Some(false)),
    }
}
