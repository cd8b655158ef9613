//! Handing in an exercise: the one function `tisc workshop submit` and the workbench's submit
//! key both call.
//!
//! Every strategy of the case's history is run again over the corpora it searched, with the
//! case's cutoff, for its first 100 documents and their families; the corpora's fingerprints
//! (document count, index generation) are recorded so that the trainer can tell a score
//! computed on another corpus. The submission is written into the trainer's folder (see
//! [`super::submit`]) and the case remembers when it was submitted. The gold answer is never
//! read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::score::TOP;
use super::submit::{self, SubmitError, Written};
use super::{CorpusFingerprint, Submission, SubmittedStrategy};
use crate::case::{Case, CaseError, CaseStore};
use crate::corpus::{CorpusError, Workspace};
use crate::index::{CorpusIndex, IndexError};
use crate::model::time::Timestamp;
use crate::search::backend::SearchBackend;
use crate::search::job::{self, Generation, JobRequest};
use crate::search::lookup::{RefField, Reference};
use crate::search::{sharded, HistoryError, SearchError};

/// Why an exercise could not be handed in.
#[derive(Debug, thiserror::Error)]
pub enum HandInError {
    #[error("{}: not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("{}: no such folder (give --mkdir to create it)", .0.display())]
    NoSuchFolder(PathBuf),
    #[error("{}: cannot create the folder: {source}", path.display())]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Submit(#[from] SubmitError),
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The case export could not be rendered.
    #[error("exporting the case: {0}")]
    Export(#[from] serde_json::Error),
}

impl HandInError {
    /// Whether the error is bad input (exit code 2 at the command line): a folder that is not
    /// there or not a folder, or a case that is not an exercise.
    pub fn is_input(&self) -> bool {
        match self {
            HandInError::NotAFolder(_)
            | HandInError::NoSuchFolder(_)
            | HandInError::Submit(SubmitError::NotAnExercise(_) | SubmitError::BadStart { .. }) => {
                true
            }
            HandInError::Case(e) => matches!(e, CaseError::BadId(_)),
            _ => false,
        }
    }
}

/// What handing in did.
#[derive(Debug, Clone)]
pub struct HandIn {
    pub submission: Submission,
    /// Where the file went, and where an earlier one was kept.
    pub written: Written,
    /// The case as saved after (its binding now has `submitted_at`).
    pub case: Case,
    /// Problems that left strategies without their hits (a corpus that cannot be opened, a
    /// strategy that cannot be run again): the submission is written all the same.
    pub skipped: Vec<String>,
}

/// Check the trainer's folder: it must be a folder; when it does not exist it is created if
/// `mkdir`, else refused.
pub fn prepare_folder(dir: &Path, mkdir: bool) -> Result<(), HandInError> {
    if dir.is_dir() {
        return Ok(());
    }
    if dir.exists() {
        return Err(HandInError::NotAFolder(dir.to_path_buf()));
    }
    if !mkdir {
        return Err(HandInError::NoSuchFolder(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(|source| HandInError::CreateFolder {
        path: dir.to_path_buf(),
        source,
    })
}

/// A corpus opened for a submission, as its shards.
pub fn open_corpus(ws: &Workspace, name: &str) -> Result<Vec<CorpusIndex>, HandInError> {
    crate::corpus::find(ws, name)?;
    Ok(crate::index::shards::open(&ws.index_dir(name), name)?)
}

/// What a corpus is now: its document count and the generation of its index (the live
/// generation folder and each shard's commit stamp, which changes with every commit).
pub fn fingerprint(ws: &Workspace, name: &str, shards: &[CorpusIndex]) -> CorpusFingerprint {
    let live = crate::index::generation::live_dir(&ws.index_dir(name));
    let folder = live
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamps: Vec<String> = shards
        .iter()
        .map(|s| {
            s.index
                .load_metas()
                .map_or_else(|_| "?".to_string(), |m| m.opstamp.to_string())
        })
        .collect();
    CorpusFingerprint {
        name: name.to_string(),
        documents: shards.iter().map(CorpusIndex::num_docs).sum(),
        generation: format!("{folder}:{}", stamps.join(",")),
    }
}

/// The family id of document `id` in a corpus, when the corpus has the document and it has a
/// family.
pub fn family_of(shards: &[CorpusIndex], id: &str) -> Result<Option<String>, SearchError> {
    let r = Reference {
        input: id.to_string(),
        terms: vec![(RefField::Id, id.to_string())],
    };
    for shard in shards {
        let docs = crate::search::lookup::find(shard, &r)?;
        if let Some(d) = docs.into_iter().find(|d| d.biblio.id == id) {
            let key = crate::index::shards::family_key(&d);
            return Ok((!key.starts_with("id:")).then_some(key));
        }
    }
    Ok(None)
}

/// Hand in the exercise of case `case_id` at `now` into the folder `dir` (which exists: see
/// [`prepare_folder`]).
pub fn hand_in(
    ws: &Workspace,
    case_id: &str,
    dir: &Path,
    now: Timestamp,
) -> Result<HandIn, HandInError> {
    let store = CaseStore::new(ws.cases_dir());
    let mut writer = store.open_write(case_id)?;
    let case = writer.case().clone();
    let Some(mut binding) = case.exercise.clone() else {
        return Err(SubmitError::NotAnExercise(case.id.clone()).into());
    };

    // The corpora searched (else the case's), each opened once.
    let mut names = case.searched_corpora();
    if names.is_empty() {
        names = case.corpora.clone();
    }
    let mut skipped: Vec<String> = Vec::new();
    let mut opened: Vec<(String, Vec<CorpusIndex>)> = Vec::new();
    for name in &names {
        match open_corpus(ws, name) {
            Ok(shards) => opened.push((name.clone(), shards)),
            Err(e) => skipped.push(format!("corpus `{name}` cannot be searched: {e}")),
        }
    }
    let corpora: Vec<CorpusFingerprint> =
        opened.iter().map(|(n, s)| fingerprint(ws, n, s)).collect();
    let strategies = rerun_strategies(&case, &opened, &mut skipped)?;

    let export = crate::report::Report::build(&case, case.language, &now.to_string())
        .render(crate::report::Format::Json)?;
    let export: serde_json::Value = serde_json::from_str(&export)?;
    let submission = submit::build(&case, export, strategies, corpora, now)?;
    let written = submit::write(dir, &submission)?;
    binding.submitted_at = Some(submission.submitted_at.clone());
    writer.bind_exercise(binding)?;
    let case = writer.close()?;
    Ok(HandIn {
        submission,
        written,
        case,
        skipped,
    })
}

/// Each strategy of the case's history run again for its first [`TOP`] hits and their
/// families; a strategy that cannot be run again is kept without hits, and said in `skipped`.
fn rerun_strategies(
    case: &Case,
    opened: &[(String, Vec<CorpusIndex>)],
    skipped: &mut Vec<String>,
) -> Result<Vec<SubmittedStrategy>, HandInError> {
    let history = |n: u32| -> Result<String, HistoryError> {
        case.strategy(n)
            .map(|s| s.query.clone())
            .ok_or_else(|| HistoryError::NotInCase {
                n,
                case: case.id.clone(),
                len: case.history.len(),
            })
    };
    let mut families: HashMap<(String, String), Option<String>> = HashMap::new();
    let mut strategies = Vec::new();
    for s in &case.history {
        let wanted: Vec<&(String, Vec<CorpusIndex>)> = opened
            .iter()
            .filter(|(n, _)| s.hits.is_empty() || s.hits.iter().any(|h| &h.corpus == n))
            .collect();
        let backends = wanted
            .iter()
            .map(|(_, shards)| sharded::backend(shards))
            .collect::<Result<Vec<_>, _>>()?;
        let refs: Vec<&dyn SearchBackend> = backends.iter().map(|b| b.as_ref()).collect();
        let req = JobRequest {
            strategies: vec![job::Strategy {
                label: s.number.to_string(),
                query: s.query.clone(),
            }],
            per_list: TOP,
            limit: TOP,
            cutoff: case.cutoff,
            group: false,
            snippets: false,
            merge: Default::default(),
            meaning: None,
        };
        let rows = if refs.is_empty() {
            Vec::new()
        } else {
            match job::run_backends(
                &refs,
                &req,
                &Generation::new().start(),
                &history,
                &|_, _| {},
            ) {
                Ok(r) => r.rows,
                Err(e) => {
                    skipped.push(format!("strategy #{} cannot be run again: {e}", s.number));
                    Vec::new()
                }
            }
        };
        let mut top = Vec::new();
        let mut top_families = Vec::new();
        for hit in rows.into_iter().take(TOP) {
            let key = (hit.corpus.clone(), hit.id.clone());
            let family = match families.get(&key) {
                Some(f) => f.clone(),
                None => {
                    let shards = opened.iter().find(|(n, _)| *n == hit.corpus);
                    let f = match shards {
                        Some((_, s)) => family_of(s, &hit.id)?,
                        None => None,
                    };
                    families.insert(key, f.clone());
                    f
                }
            };
            top.push(hit.id);
            top_families.push(family);
        }
        strategies.push(SubmittedStrategy {
            number: s.number,
            query: s.query.clone(),
            hits: s.total(),
            top,
            top_families,
            run_at: s.at.clone(),
        });
    }
    Ok(strategies)
}
