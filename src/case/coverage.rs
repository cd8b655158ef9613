//! The coverage a case records for each corpus a strategy ran on: the corpus definition's
//! description and kind, and what its index held at that moment (see
//! [`crate::index::coverage`]).

use super::Coverage;
use crate::corpus::{CorpusDef, CorpusKind};
use crate::index::{coverage::coverage, CorpusIndex, IndexError};
use crate::ingest::Format;

/// What `shards` (one corpus's indexes) cover now, described by `def` when it is known.
///
/// Sources are the patent offices (country codes) present; an index holding articles adds
/// `articles`, with the source format when the definition names one (`articles (pubmed)`).
pub fn coverage_of(
    def: Option<&CorpusDef>,
    shards: &[&CorpusIndex],
) -> Result<Coverage, IndexError> {
    let facts = coverage(shards)?;
    let mut sources = facts.offices;
    if facts.has_articles {
        sources.push(match def.map(|d| d.format) {
            Some(f) if f != Format::Auto => format!("articles ({})", f.as_str()),
            _ => "articles".to_string(),
        });
    }
    Ok(Coverage {
        description: def.and_then(|d| d.description.clone()),
        kind: def.map(|d| {
            match d.kind {
                CorpusKind::Patent => "patent",
                CorpusKind::Literature => "article",
                CorpusKind::Mixed => "mixed",
            }
            .to_string()
        }),
        documents: facts.documents,
        first_date: facts.first_date,
        last_date: facts.last_date,
        sources,
        indexed_at: shards.first().map(|s| s.meta.built_at.to_string()),
    })
}

/// The coverage of corpus `name` of workspace `ws`, opened as `shards`; its definition is
/// read from the workspace (a corpus no longer defined is described by its index alone).
pub fn coverage_in(
    ws: &crate::corpus::Workspace,
    name: &str,
    shards: &[&CorpusIndex],
) -> Result<Coverage, IndexError> {
    let def = crate::corpus::find(ws, name).ok().map(|c| c.def);
    coverage_of(def.as_ref(), shards)
}
