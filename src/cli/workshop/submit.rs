//! `tisc workshop submit`: hand in the case of an exercise to the trainer's folder.
//!
//! Every strategy of the case's history is run again over the corpora it searched, with the
//! case's cutoff, for its first 100 documents and their families; the corpora's fingerprints
//! (document count, index generation) are recorded so that the trainer can tell a score
//! computed on another corpus. The gold answer is never read.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::Args;

use crate::cli::case::{case_error, parse_id, store};
use crate::cli::usage;
use crate::corpus::Workspace;
use crate::index::CorpusIndex;
use crate::search::backend::SearchBackend;
use crate::search::job::{self, Generation, JobRequest};
use crate::search::lookup::{RefField, Reference};
use crate::search::{sharded, HistoryError};
use crate::workshop::results::duration;
use crate::workshop::score::TOP;
use crate::workshop::submit::{self, SubmitError};
use crate::workshop::{CorpusFingerprint, SubmittedStrategy};

#[derive(Args, Debug)]
pub struct SubmitArgs {
    /// The case opened for the exercise (`tisc workshop start` printed its id)
    #[arg(value_parser = parse_id)]
    pub case: String,
    /// The folder the trainer collects submissions in
    #[arg(long = "to", value_name = "DIR")]
    pub to: PathBuf,
    /// Create the folder when it does not exist yet
    #[arg(long)]
    pub mkdir: bool,
}

/// A corpus opened for the submission, as its shards.
pub(super) fn open_corpus(ws: &Workspace, name: &str) -> anyhow::Result<Vec<CorpusIndex>> {
    crate::corpus::find(ws, name)?;
    Ok(crate::index::shards::open(&ws.index_dir(name), name)?)
}

/// What a corpus is now: its document count and the generation of its index (the live
/// generation folder and each shard's commit stamp, which changes with every commit).
pub(super) fn fingerprint(ws: &Workspace, name: &str, shards: &[CorpusIndex]) -> CorpusFingerprint {
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

/// The family of document `id` in a corpus, when the corpus has the document and something
/// ties it to relatives: its family id, else its earliest priority claim, else its
/// application number (as the index keeps a family in one shard, and close to how a search
/// groups a family on one row). `None` for a document alone (it is a family of its own).
pub(super) fn family_of(shards: &[CorpusIndex], id: &str) -> anyhow::Result<Option<String>> {
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

pub fn run(ws: &Workspace, a: SubmitArgs) -> anyhow::Result<()> {
    if !a.to.is_dir() {
        if a.to.exists() {
            return Err(usage(format!("{}: not a folder", a.to.display())));
        }
        if !a.mkdir {
            return Err(usage(format!(
                "{}: no such folder (give --mkdir to create it)",
                a.to.display()
            )));
        }
        std::fs::create_dir_all(&a.to)
            .map_err(|e| anyhow::anyhow!("{}: cannot create the folder: {e}", a.to.display()))?;
    }
    let now = crate::model::time::check_source_date_epoch().map_err(|e| usage(e.to_string()))?;
    let st = store(ws);
    let mut writer = st.open_write(&a.case).map_err(case_error)?;
    let case = writer.case().clone();
    let Some(mut binding) = case.exercise.clone() else {
        return Err(usage(
            SubmitError::NotAnExercise(case.id.clone()).to_string(),
        ));
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

    let export = crate::report::Report::build(&case, case.language, &now.to_string())
        .render(crate::report::Format::Json)?;
    let export: serde_json::Value = serde_json::from_str(&export)?;
    let sub =
        submit::build(&case, export, strategies, corpora, now).map_err(|e| usage(e.to_string()))?;
    let written = submit::write(&a.to, &sub)?;
    binding.submitted_at = Some(sub.submitted_at.clone());
    writer.bind_exercise(binding).map_err(case_error)?;
    writer.close().map_err(case_error)?;

    crate::outln!(
        "submitted exercise `{}` of {} for {}: {}",
        sub.exercise,
        sub.pack_title,
        sub.trainee,
        written.path.display()
    );
    if let Some(kept) = &written.kept {
        crate::outln!("the earlier submission is kept as {}", kept.display());
    }
    let limit = duration(sub.time_limit_secs);
    if sub.late {
        crate::outln!(
            "time taken {} of {limit}: LATE (accepted, and marked late)",
            duration(sub.elapsed_secs)
        );
    } else {
        crate::outln!(
            "time taken {} of {limit}: on time",
            duration(sub.elapsed_secs)
        );
    }
    if !skipped.is_empty() {
        return Err(crate::cli::partial(format!(
            "submitted, but {}: {}",
            crate::lang::cli::STRATEGY_PROBLEMS.count("en", skipped.len() as u64),
            skipped
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    Ok(())
}
