//! Changing the live index of a corpus in place (`tisc index` on a grown corpus, `tisc mirror
//! sync`), file by file.

use super::flight::{self, Tracked, Window};
use super::{
    commit_and_record, to_tantivy_in, tv, CorpusIndex, Fields, IndexError, IndexMeta, Layout,
};
use crate::model::Document;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tantivy::{IndexWriter, Term};

/// Changes an existing index in place, by source file: the documents of a file that changed
/// are removed (by the exact `src` term, and every `file!member` of an archive) and its new
/// documents added; [`finish`] commits, so searches see the whole update or none of it.
/// A document replaces any indexed document with the same id (a PubMed update file revises
/// the citations of the baseline).
///
/// [`finish`]: IndexUpdater::finish
pub struct IndexUpdater {
    corpus: String,
    dir: PathBuf,
    writer: IndexWriter<Tracked>,
    /// The documents between the parsers and the writer's indexing threads.
    window: Arc<Window>,
    fields: Fields,
    /// What the index holds (from its metadata): the new documents are written alike.
    layout: Layout,
    added: AtomicU64,
    started: std::time::Instant,
}

impl IndexUpdater {
    /// Open the live index of `corpus` in index folder `dir` for writing, in place (its
    /// schema version checked): the changes go into the generation `CURRENT` names, and
    /// tantivy's commit makes them visible all at once. Callers hold the corpus's lock.
    pub fn open(
        dir: &Path,
        corpus: &str,
        memory_budget: usize,
    ) -> Result<IndexUpdater, IndexError> {
        let opened = CorpusIndex::open(dir, corpus)?;
        let writer = super::merges::open_writer(&opened.dir, memory_budget).map_err(tv(dir))?;
        Ok(IndexUpdater {
            corpus: corpus.to_string(),
            dir: opened.dir.clone(),
            writer,
            window: Window::new(flight::default_bound(memory_budget)),
            fields: opened.fields,
            layout: opened.meta.layout,
            added: AtomicU64::new(0),
            started: std::time::Instant::now(),
        })
    }

    /// Remove every document read from `file` (as recorded in `src`), including the
    /// documents of its archive members (`file!member`).
    pub fn remove_source(&self, file: &str) -> Result<(), IndexError> {
        let src = self.fields.src;
        self.writer.delete_term(Term::from_field_text(src, file));
        // Members sort between `file!` and `file"` ('"' follows '!' in byte order).
        let lower = Term::from_field_text(src, &format!("{file}!"));
        let upper = Term::from_field_text(src, &format!("{file}\""));
        let members = tantivy::query::RangeQuery::new(
            std::ops::Bound::Included(lower),
            std::ops::Bound::Excluded(upper),
        );
        self.writer
            .delete_query(Box::new(members))
            .map_err(tv(&self.dir))?;
        Ok(())
    }

    /// Add a document, replacing any indexed document with the same id (callable from many
    /// threads).
    pub fn add(&self, doc: &Document) -> Result<(), IndexError> {
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, &doc.biblio.id));
        let slot = self.window.acquire();
        self.writer
            .add_document(Tracked::new(
                to_tantivy_in(&self.fields, &self.layout, doc),
                Some(slot),
            ))
            .map_err(tv(&self.dir))?;
        self.added.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Remove documents by canonical id (PubMed `DeleteCitation`).
    pub fn delete_ids(&self, ids: &[String]) -> u64 {
        for id in ids {
            self.writer
                .delete_term(Term::from_field_text(self.fields.id, id));
        }
        ids.len() as u64
    }

    /// Bound the documents in flight to `bound` instead of the default for the budget.
    pub fn set_in_flight_bound(&mut self, bound: usize) {
        self.window = Window::new(bound);
    }

    /// The documents-in-flight window (its bound and high-water mark).
    pub fn window(&self) -> &Window {
        &self.window
    }

    pub fn added(&self) -> u64 {
        self.added.load(Ordering::Relaxed)
    }

    /// Commit, wait for merges and record the metadata (`source_bytes`: the corpus's files
    /// as they are now).
    pub fn finish(self, source_bytes: u64) -> Result<IndexMeta, IndexError> {
        commit_and_record(
            self.writer,
            &self.corpus,
            &self.dir,
            self.started,
            source_bytes,
            self.layout,
        )
    }
}
