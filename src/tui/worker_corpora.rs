//! The corpora screen's jobs, run by the worker: the rows of the corpora screen (index
//! status, size, last mirror run) and indexing one corpus with progress sent as it goes.

use super::action::{Action, CorpusRow, IndexedCorpus, JobDone};
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
                CorpusRow {
                    name: st.name.clone(),
                    indexed: st.is_indexed(),
                    unavailable: st.unavailable.clone(),
                    documents: meta.map_or(0, |m| m.documents),
                    index_bytes: meta.and(st.index_bytes).unwrap_or(0),
                    built_at: meta.map(|m| m.built_at.to_string()),
                    last_mirror,
                    mirror_failures,
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
