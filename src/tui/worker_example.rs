//! The worker's side of query by example: a disclosure's key terms weighted over the corpora
//! to search, and the language it was read in — guessed from it, or, when it is too short,
//! the language the corpora declare (when they agree) or else the interface's.

use super::action::ExampleStrategy;
use super::strings::UiLang;
use super::worker::{open_corpora, IndexCache};
use super::worker_error::WorkerError;
use crate::corpus::{self, Workspace};
use crate::search::qbe;

/// How many key terms query by example selects.
const EXAMPLE_TERMS: usize = 30;

/// Query by example: the key terms of a disclosure, weighted over every corpus to search
/// (their document frequencies pooled), as a strategy for the editor.
pub(super) fn by_example(
    ws: &Workspace,
    cache: &IndexCache,
    disclosure: &str,
    corpora: Vec<String>,
    feedback: bool,
    lang: UiLang,
) -> Result<ExampleStrategy, WorkerError> {
    if disclosure.trim().is_empty() {
        return Err(WorkerError::NoDisclosure);
    }
    let (indexes, _) = open_corpora(ws, cache, corpora)?;
    if indexes.is_empty() {
        return Err(WorkerError::NoExampleCorpus);
    }
    let sessions: Vec<crate::search::Session> = indexes
        .iter()
        .map(|i| crate::search::Session::new(i))
        .collect::<Result<_, _>>()?;
    let sources: Vec<qbe::Source> = sessions.iter().map(qbe::Source::of_session).collect();
    let names = indexes
        .iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // A disclosure too short to guess its language from is taken to be in the language the
    // corpora declare, when they agree; else in the interface's.
    let declared: Vec<_> = indexes
        .iter()
        .map(|i| corpus::declared_lang(ws, &i.name))
        .collect();
    let fallback = qbe::fallback(&declared, crate::model::Lang::new(lang.code()));
    let (terms, guess) =
        qbe::example_terms(&sources, disclosure, EXAMPLE_TERMS, feedback, &fallback)?;
    if terms.is_empty() {
        return Err(WorkerError::NoKeyTerms { corpus: names });
    }
    Ok(ExampleStrategy {
        strategy: qbe::strategy(&terms),
        corpus: names,
        terms: terms.len(),
        lang: guess,
    })
}
