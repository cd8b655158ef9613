//! The corpora screen's jobs, run by the worker: the rows of the corpora screen (index
//! status, size, last mirror run), indexing one corpus and embedding one corpus, with
//! progress sent as they go.

use super::action::{Action, CorpusRow, EmbeddedCorpus, IndexedCorpus, JobDone};
use super::worker_error::WorkerError;
use crate::corpus::{self, Progress, Workspace};
use crossbeam_channel::Sender;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub(super) fn corpora(ws: &Workspace) -> Vec<CorpusRow> {
    corpus::list(ws)
        .into_iter()
        .map(|c| match c {
            Ok(c) => {
                let manifest =
                    crate::mirror::Manifest::load(&ws.mirror_dir(c.name()), c.name()).ok();
                let last_mirror = manifest
                    .as_ref()
                    .and_then(|m| m.files.values().filter_map(|e| e.fetched_at).max())
                    .map(|t| t.to_string());
                let mirror_failures = manifest.as_ref().map_or(0, |m| {
                    m.files.values().filter(|e| e.error.is_some()).count()
                });
                let st = corpus::status(ws, &c);
                let meta = st.current();
                let dir = ws.index_dir(c.name());
                let meaning = crate::semantic::store::share(&dir, meta.map(|m| m.documents))
                    .ok()
                    .flatten();
                CorpusRow {
                    name: st.name.clone(),
                    indexed: st.is_indexed(),
                    unavailable: st.unavailable.clone(),
                    documents: meta.map_or(0, |m| m.documents),
                    index_bytes: meta.and(st.index_bytes).unwrap_or(0),
                    built_at: meta.map(|m| m.built_at.to_string()),
                    last_mirror,
                    mirror_failures,
                    meaning,
                }
            }
            Err(e) => CorpusRow {
                name: "?".into(),
                indexed: false,
                unavailable: Some(e.to_string()),
                documents: 0,
                index_bytes: 0,
                built_at: None,
                last_mirror: None,
                mirror_failures: 0,
                meaning: None,
            },
        })
        .collect()
}

pub(super) fn index_corpus(
    ws: &Workspace,
    name: &str,
    gen: u64,
    tx: &Sender<Action>,
) -> Result<IndexedCorpus, WorkerError> {
    let c = corpus::find(ws, name)?;
    // Refused at once, with a message, when another run is changing the corpus.
    let _lock = corpus::CorpusLock::acquire(ws, name, None)?;
    let total = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let last = Mutex::new(Instant::now() - Duration::from_secs(1));
    let send = |docs: u64, committing: bool, force: bool| {
        let due = last.lock().map(|mut l| {
            let due = force || l.elapsed() >= Duration::from_millis(80);
            if due {
                *l = Instant::now();
            }
            due
        });
        if due.unwrap_or(false) {
            let done = JobDone::IndexProgress {
                bytes: bytes.load(Ordering::Relaxed),
                total: total.load(Ordering::Relaxed),
                docs,
                committing,
            };
            let _ = tx.send(Action::Job { gen, done });
        }
    };
    let progress = |p: Progress| match p {
        Progress::Start { bytes: b, .. } => {
            total.store(b, Ordering::Relaxed);
            send(0, false, true);
        }
        Progress::Advance { bytes: b, docs } => {
            bytes.fetch_add(b, Ordering::Relaxed);
            send(docs, false, false);
        }
        Progress::Committing => send(0, true, true),
    };
    let r = corpus::build(ws, &c, &progress).map_err(|source| WorkerError::Indexing {
        corpus: name.to_string(),
        source,
    })?;
    // The documents the index holds now (an update may have added only a few).
    Ok(IndexedCorpus {
        corpus: r.corpus,
        documents: r.meta.documents,
    })
}

/// The math threads the workbench embeds with: one core is left to the workbench and its
/// searches (`tisc embed` on an idle machine uses them all).
fn embed_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1))
}

/// Embed corpus `name` as `tisc embed` does (only the documents without an up-to-date
/// vector; saved batch by batch, so quitting the workbench loses at most one batch), sending
/// progress after each batch. Searches go on meanwhile: they read the vectors saved so far.
pub(super) fn embed_corpus(
    ws: &Workspace,
    name: &str,
    gen: u64,
    tx: &Sender<Action>,
) -> Result<EmbeddedCorpus, WorkerError> {
    use crate::semantic::embed::{self, EmbedError};
    let failed = |source: EmbedError| WorkerError::Embedding {
        corpus: name.to_string(),
        source,
    };
    corpus::find(ws, name)?;
    let embedder = crate::semantic::load_installed(&ws.home, embed_threads())
        .map_err(|e| failed(EmbedError::Semantic(e)))?;
    let _lock = corpus::CorpusLock::acquire(ws, name, None)?;
    let dir = ws.index_dir(name);
    let shards = crate::index::shards::open(&dir, name)?;
    let mut started: Option<Instant> = None;
    let mut progress = |done: u64, total: u64| {
        let since = *started.get_or_insert_with(Instant::now);
        let seconds = since.elapsed().as_secs_f64();
        let per_second = if done > 0 && seconds > 0.0 {
            done as f64 / seconds
        } else {
            0.0
        };
        let _ = tx.send(Action::Job {
            gen,
            done: JobDone::EmbedProgress {
                done,
                total,
                per_second,
            },
        });
    };
    let r = embed::embed_corpus(
        &dir,
        &shards,
        embedder.as_ref(),
        embed::BATCH,
        &mut progress,
    )
    .map_err(failed)?;
    Ok(EmbeddedCorpus {
        corpus: name.to_string(),
        embedded: r.embedded,
        with_vector: r.already + r.embedded,
        embeddable: r.embeddable,
        failed: r.failed,
    })
}
