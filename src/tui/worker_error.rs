//! Why a job of the workbench's worker failed. The worker's functions return these typed
//! errors; at the channel each becomes the [`JobFailure`] message the workbench shows.

use super::action::JobFailure;
use super::strings::{fill, UiLang};
use crate::case::CaseError;
use crate::corpus::{CorpusError, LockError};
use crate::index::IndexError;
use crate::query::ParseError;
use crate::search::job::JobError;
use crate::search::SearchError;
use crate::workshop::hand_in::HandInError;
use crate::workshop::submit::SubmitError;

/// A failed job of the worker.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("no corpus is indexed yet — press O for the corpora, then i to index one")]
    NothingIndexed,
    /// None of the corpora to search opened: one line per corpus, with its reason.
    #[error("{}", .0.join("\n"))]
    NoCorpusOpens(Vec<String>),
    /// The strategy does not parse: the error drawn under the query.
    #[error("{}", .error.render(.query))]
    Query { query: String, error: ParseError },
    #[error("the case has no disclosure to take key terms from")]
    NoDisclosure,
    #[error("query by example needs an indexed corpus")]
    NoExampleCorpus,
    #[error("no word of the disclosure occurs in {corpus}: nothing to search for")]
    NoKeyTerms { corpus: String },
    #[error("empty document id")]
    EmptyId,
    #[error("no document `{id}` in {corpus}")]
    NoDocument { id: String, corpus: String },
    #[error("indexing {corpus}: {source}")]
    Indexing { corpus: String, source: CorpusError },
    #[error("embedding {corpus}: {source}")]
    Embedding {
        corpus: String,
        source: crate::semantic::embed::EmbedError,
    },
    #[error(transparent)]
    Job(#[from] JobError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The report could not be rendered (JSON).
    #[error(transparent)]
    Render(#[from] serde_json::Error),
    /// An exercise could not be handed in.
    #[error(transparent)]
    HandIn(#[from] crate::workshop::hand_in::HandInError),
}

impl WorkerError {
    /// The failure's message in the interface language where the string tables have it
    /// (query by example's own failures); other failures keep their own text.
    pub fn in_language(self, lang: UiLang) -> JobFailure {
        let st = lang.strings();
        match self {
            WorkerError::NoDisclosure => JobFailure::from(st.need_disclosure),
            WorkerError::NoExampleCorpus => JobFailure::from(st.example_no_corpus),
            WorkerError::NoKeyTerms { corpus } => {
                JobFailure::from(fill(st.example_no_terms, "id", &corpus))
            }
            WorkerError::HandIn(HandInError::NoSuchFolder(path)) => JobFailure::from(fill(
                st.workshop.no_such_folder,
                "path",
                &path.display().to_string(),
            )),
            WorkerError::HandIn(HandInError::Submit(SubmitError::NotAnExercise(_))) => {
                JobFailure::from(st.workshop.not_exercise)
            }
            other => JobFailure::from(other),
        }
    }
}

impl From<WorkerError> for JobFailure {
    fn from(e: WorkerError) -> JobFailure {
        JobFailure::from(e.to_string())
    }
}
