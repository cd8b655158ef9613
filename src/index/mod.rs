//! The tantivy index of one corpus: schema, analyzers, writing (in parallel), opening with a
//! schema-version check, and statistics.
//!
//! An index lives in `$TISC_HOME/index/<corpus>/`, as generations behind a pointer file
//! ([`generation`]): a rebuild is written beside the live index and switched in only when
//! complete, so a crash or kill during indexing leaves the previous index whole.

pub mod analysis;
pub mod arabic;
pub mod coverage;
pub mod files;
pub mod flight;
pub mod generation;
pub mod layout;
mod memory;
pub mod merges;
pub mod schema;
pub mod shards;
mod shed;
mod state;
mod stemcache;
mod updater;

pub use analysis::IndexLang;
pub use files::{FileChanges, FileManifest, FileStamp};
pub use layout::{Layout, StoreCompression};
pub use memory::{
    check_writer_memory, writer_plan, MemoryOutOfRange, MAX_WRITER_MEMORY, MIN_WRITER_MEMORY,
    WRITER_MEMORY_BUDGET,
};
pub use schema::{Fields, TextCode, SCHEMA_VERSION};
pub use state::{is_current, is_current_for, state, state_for, IndexState};
pub use updater::IndexUpdater;

use crate::model::time::Timestamp;
use crate::model::{Date, DocKind, Document};
use flight::{Tracked, Window};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tantivy::schema::Value;
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

/// Metadata tisc keeps beside the tantivy files.
pub const META_FILE: &str = "tisc-index.json";

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index for corpus `{corpus}` — run `tisc index {corpus}` first")]
    Missing { corpus: String },
    /// A sharded corpus opened where only one index is read so far.
    #[error("corpus `{corpus}` is split into {shards} shards, and this part of tisc reads unsharded corpora only so far (Boolean strategies and query by example through `tisc search` read shards) — to use it here, rebuild with `tisc index {corpus} --shards 1`")]
    Sharded { corpus: String, shards: usize },
    #[error("the index of `{corpus}` was built by another version of tisc (schema {found}, this tisc reads {expected}) — run `tisc index {corpus}` to rebuild it")]
    SchemaMismatch {
        corpus: String,
        found: u32,
        expected: u32,
    },
    // The cause is part of the message and not a `source`, so that a chain of errors
    // printed in full shows it once.
    #[error("index {}: {cause}", dir.display())]
    Tantivy {
        dir: PathBuf,
        cause: tantivy::TantivyError,
    },
    #[error("index {}: {cause}", dir.display())]
    Io { dir: PathBuf, cause: std::io::Error },
    #[error("stored document is unreadable: {0}")]
    BadStoredDoc(String),
}

/// What `tisc-index.json` records about a build.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct IndexMeta {
    pub schema_version: u32,
    pub corpus: String,
    /// When the build finished (RFC 3339 in the file).
    pub built_at: Timestamp,
    pub documents: u64,
    pub seconds: f64,
    pub source_bytes: u64,
    /// Tantivy indexes the corpus is split into (`shard-NN/` folders when more than one).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub shards: usize,
    /// What the index keeps besides the stemmed words, and how ([`layout`]).
    #[serde(flatten)]
    pub layout: Layout,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// An opened corpus index, ready to search.
pub struct CorpusIndex {
    pub name: String,
    pub dir: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub meta: IndexMeta,
    /// Which text fields hold no word at all, for the searcher generation it was worked out
    /// for (see [`CorpusIndex::empty_fields`]).
    empty_fields: std::sync::Mutex<Option<(u64, EmptyFields)>>,
}

/// For each text field, whether it holds no word at all in an index.
pub type EmptyFields = std::sync::Arc<std::collections::HashMap<tantivy::schema::Field, bool>>;

pub(crate) fn tv(dir: &Path) -> impl Fn(tantivy::TantivyError) -> IndexError + '_ {
    move |cause| IndexError::Tantivy {
        dir: dir.to_path_buf(),
        cause,
    }
}

fn io(dir: &Path) -> impl Fn(std::io::Error) -> IndexError + '_ {
    move |cause| IndexError::Io {
        dir: dir.to_path_buf(),
        cause,
    }
}

/// The metadata of the live index of index folder `dir` (through its `CURRENT` pointer).
pub fn read_meta(dir: &Path) -> Option<IndexMeta> {
    read_meta_in(&generation::live_dir(dir))
}

/// The metadata in a folder that holds an index itself.
fn read_meta_in(dir: &Path) -> Option<IndexMeta> {
    let text = std::fs::read_to_string(dir.join(META_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

impl CorpusIndex {
    /// Open the live index of index folder `dir` (the generation its `CURRENT` pointer
    /// names), checking that it was written with this schema version. When a rebuild swaps
    /// generations while the index is being opened, the new one is opened.
    pub fn open(dir: &Path, corpus: &str) -> Result<CorpusIndex, IndexError> {
        let live = generation::live_dir(dir);
        let shards = shards::count(&live);
        if shards > 1 {
            return Err(IndexError::Sharded {
                corpus: corpus.to_string(),
                shards,
            });
        }
        let opened = Self::open_in(&live, corpus);
        if opened.is_err() {
            let now = generation::live_dir(dir);
            if now != live {
                return Self::open_in(&now, corpus);
            }
        }
        opened
    }

    /// Open the index held directly in `dir`.
    fn open_in(dir: &Path, corpus: &str) -> Result<CorpusIndex, IndexError> {
        if !dir.join("meta.json").exists() {
            return Err(IndexError::Missing {
                corpus: corpus.to_string(),
            });
        }
        let meta = read_meta_in(dir).unwrap_or_default();
        if meta.schema_version != SCHEMA_VERSION {
            return Err(IndexError::SchemaMismatch {
                corpus: corpus.to_string(),
                found: meta.schema_version,
                expected: SCHEMA_VERSION,
            });
        }
        let index = Index::open_in_dir(dir).map_err(tv(dir))?;
        let fields =
            Fields::from_schema(&index.schema()).map_err(|_| IndexError::SchemaMismatch {
                corpus: corpus.to_string(),
                found: meta.schema_version,
                expected: SCHEMA_VERSION,
            })?;
        analysis::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tv(dir))?;
        Ok(CorpusIndex {
            name: corpus.to_string(),
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            meta,
            empty_fields: std::sync::Mutex::new(None),
        })
    }

    /// Which text fields of `searcher` hold no word at all (every query skips them). Worked
    /// out once per searcher generation and shared: a search job opens a session per corpus
    /// each time it runs.
    pub fn empty_fields(&self, searcher: &tantivy::Searcher) -> EmptyFields {
        let generation = searcher.generation().generation_id();
        let cached = |c: &Option<(u64, EmptyFields)>| {
            c.as_ref()
                .filter(|(g, _)| *g == generation)
                .map(|(_, e)| e.clone())
        };
        let mut lock = self
            .empty_fields
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(e) = cached(&lock) {
            return e;
        }
        let mut empty = std::collections::HashMap::new();
        // A field whose terms cannot be read counts as empty for this session only: the
        // table is not kept, so the next session tries again.
        let mut unreadable = false;
        for code in TextCode::ALL {
            for l in IndexLang::ALL {
                for f in [self.fields.text(code, l), self.fields.raw(code, l)] {
                    let none = searcher.segment_readers().iter().all(|s| {
                        s.inverted_index(f).map_or_else(
                            |_| {
                                unreadable = true;
                                true
                            },
                            |inv| inv.terms().num_terms() == 0,
                        )
                    });
                    empty.insert(f, none);
                }
            }
        }
        let empty = std::sync::Arc::new(empty);
        if !unreadable {
            *lock = Some((generation, empty.clone()));
        }
        empty
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The stored document at `addr`.
    pub fn load(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> Result<Document, IndexError> {
        self.load_stored(searcher, addr)?.parse()
    }

    /// The stored document at `addr`, not yet parsed: [`StoredDoc::parse`] reads it whole or
    /// only the part a caller needs.
    pub fn load_stored(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> Result<StoredDoc, IndexError> {
        let stored: TantivyDocument = searcher.doc(addr).map_err(tv(&self.dir))?;
        Ok(StoredDoc {
            stored,
            field: self.fields.doc,
        })
    }
}

/// A stored document as read from the index, its JSON not yet parsed.
pub struct StoredDoc {
    stored: TantivyDocument,
    field: tantivy::schema::Field,
}

impl StoredDoc {
    /// Parse the JSON as a [`Document`], or as a part of one ([`crate::model::DocHead`]:
    /// the fields it does not name are skipped, not built).
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, IndexError> {
        let json = self
            .stored
            .get_first(self.field)
            .and_then(|v| v.as_str())
            .ok_or_else(|| IndexError::BadStoredDoc("no stored document".into()))?;
        serde_json::from_str(json).map_err(|e| IndexError::BadStoredDoc(e.to_string()))
    }
}

/// Bytes used by the live index of index folder `dir`: the generation its `CURRENT` names
/// (subfolders included, for shards), or the files of an index in the layout before
/// generations.
pub fn dir_size(dir: &Path) -> u64 {
    fn size(dir: &Path, deep: bool) -> u64 {
        std::fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| match e.file_type() {
                        Ok(t) if t.is_dir() && deep => size(&e.path(), deep),
                        Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
                        _ => 0,
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    let live = generation::live_dir(dir);
    size(&live, live != dir)
}

fn date_value(d: Date) -> DateTime {
    DateTime::from_timestamp_secs(d.days_since_epoch() * 86_400)
}

/// Turn a document into the tantivy document tisc indexes (the default layout).
pub fn to_tantivy(fields: &Fields, doc: &Document) -> TantivyDocument {
    to_tantivy_in(fields, &Layout::default(), doc)
}

/// Turn a document into the tantivy document an index of `layout` holds.
pub fn to_tantivy_in(fields: &Fields, layout: &Layout, doc: &Document) -> TantivyDocument {
    let f = fields;
    let mut t = TantivyDocument::new();
    t.add_text(f.id, &doc.biblio.id);
    t.add_text(f.src, &doc.source.file);
    t.add_text(f.kind, doc.biblio.kind.as_str());
    if let Some(n) = &doc.biblio.number {
        t.add_text(f.pn, n.canonical());
        t.add_text(f.pn, n.without_kind());
        t.add_text(f.cc, &n.country);
        if let Some(k) = &n.kind {
            t.add_text(f.kind_code, k);
        }
    }
    for l in doc.languages() {
        t.add_text(f.lang, l.as_str());
    }
    if let Some(d) = &doc.biblio.doi {
        t.add_text(f.doi, d.to_ascii_lowercase());
    }
    if let Some(p) = &doc.biblio.pmid {
        t.add_text(f.pmid, p);
    }
    if let Some(fam) = &doc.biblio.family_id {
        t.add_text(f.family, fam);
    }
    for (field, codes) in [(f.ipc, &doc.biblio.ipc), (f.cpc, &doc.biblio.cpc)] {
        let mut seen = HashSet::new();
        for c in codes {
            for level in c.levels() {
                if seen.insert(level.clone()) {
                    t.add_text(field, level);
                }
            }
        }
    }
    for (field, names) in [
        (f.pa, &doc.biblio.applicants),
        (f.inventor, &doc.biblio.inventors),
        (f.au, &doc.biblio.authors),
    ] {
        for n in names {
            t.add_text(field, n);
        }
    }
    if let Some(j) = &doc.biblio.journal {
        t.add_text(f.jo, j);
    }
    if let Some(d) = doc.biblio.publication_date {
        t.add_date(f.pd, date_value(d));
    }
    if let Some(d) = doc.biblio.filing_date {
        t.add_date(f.ad, date_value(d));
    }
    for d in doc.priorities.iter().filter_map(|p| p.date) {
        t.add_date(f.pr, date_value(d));
    }
    let mut add = |code: TextCode, lang: &crate::model::Lang, text: &str| {
        let l = IndexLang::of(lang);
        t.add_text(f.text(code, l), text);
        if !layout.stems_only {
            t.add_text(f.raw(code, l), text);
        }
    };
    for x in &doc.biblio.titles {
        add(TextCode::Ti, &x.lang, &x.text);
    }
    for x in &doc.biblio.abstracts {
        add(TextCode::Ab, &x.lang, &x.text);
    }
    for set in &doc.claims {
        for c in &set.claims {
            add(TextCode::Cl, &set.lang, &c.text);
        }
    }
    for d in &doc.description {
        for p in &d.paragraphs {
            add(TextCode::De, &d.lang, &p.text);
        }
    }
    if let Ok(json) = serde_json::to_string(doc) {
        t.add_text(f.doc, json);
    }
    t
}

/// Writes a new generation of a corpus's index beside the live one and switches it in on
/// [`finish`]. Dropped unfinished (an error, a panic), it removes its generation folder, so
/// a failed build — a full disk included — leaves nothing behind. Only one builder at a time
/// may work in an index folder: callers hold the corpus's lock.
///
/// [`finish`]: IndexBuilder::finish
pub struct IndexBuilder {
    corpus: String,
    /// The corpus's index folder (`index/<corpus>/`).
    final_dir: PathBuf,
    /// The new generation's folder.
    work_dir: PathBuf,
    /// One writer per shard (one for an unsharded corpus); empty once committed (or given
    /// up).
    writers: Vec<IndexWriter<Tracked>>,
    /// The documents between the parsers and the writer's indexing threads.
    window: Arc<Window>,
    /// Set once the pointer names the new generation: it is then the live index.
    published: bool,
    fields: Fields,
    layout: Layout,
    /// Id → (order of the file it came from, byte offset), to keep the latest version.
    seen: Mutex<std::collections::HashMap<String, (usize, u64)>>,
    added: AtomicU64,
    duplicates: AtomicU64,
    started: std::time::Instant,
}

impl IndexBuilder {
    /// Start a fresh build for `corpus` whose index will live in `final_dir`: generations,
    /// and unfinished builds, that the live index does not need are removed first.
    /// `memory_budget` is the tantivy writer's total heap in bytes.
    pub fn create(
        corpus: &str,
        final_dir: &Path,
        memory_budget: usize,
    ) -> Result<IndexBuilder, IndexError> {
        Self::create_sharded(corpus, final_dir, memory_budget, 1, Layout::default())
    }

    /// [`create`](IndexBuilder::create) a build split into `shards` tantivy indexes (see
    /// [`shards`]); the budget is shared between them. One shard is the plain layout.
    /// `layout` says what the index keeps besides the stemmed words ([`layout`]).
    pub fn create_sharded(
        corpus: &str,
        final_dir: &Path,
        memory_budget: usize,
        shards: usize,
        layout: Layout,
    ) -> Result<IndexBuilder, IndexError> {
        let shards = shards.clamp(1, shards::MAX_SHARDS);
        std::fs::create_dir_all(final_dir).map_err(io(final_dir))?;
        generation::remove_stale(final_dir).map_err(io(final_dir))?;
        let work_dir = generation::create_next(final_dir).map_err(io(final_dir))?;
        let fields = Fields::build();
        let mut writers = Vec::with_capacity(shards);
        for dir in shards::dirs(&work_dir, shards) {
            let writer = std::fs::create_dir_all(&dir)
                .map_err(tantivy::TantivyError::from)
                .and_then(|()| {
                    Index::builder()
                        .schema(fields.schema.clone())
                        .settings(layout.settings())
                        .create_in_dir(&dir)
                })
                .and_then(|_created| merges::open_writer(&dir, memory_budget / shards));
            match writer {
                Ok(w) => writers.push(w),
                Err(e) => {
                    drop(writers);
                    let _ = std::fs::remove_dir_all(&work_dir);
                    return Err(tv(&dir)(e));
                }
            }
        }
        Ok(IndexBuilder {
            corpus: corpus.to_string(),
            final_dir: final_dir.to_path_buf(),
            work_dir,
            writers,
            window: Window::new(flight::default_bound(memory_budget)),
            published: false,
            fields,
            layout,
            seen: Mutex::new(std::collections::HashMap::new()),
            added: AtomicU64::new(0),
            duplicates: AtomicU64::new(0),
            started: std::time::Instant::now(),
        })
    }

    /// Bound the documents in flight to `bound` instead of the default for the budget
    /// ([`flight::default_bound`]).
    pub fn set_in_flight_bound(&mut self, bound: usize) {
        self.window = Window::new(bound);
    }

    /// The documents-in-flight window (its bound and high-water mark).
    pub fn window(&self) -> &Window {
        &self.window
    }

    /// The writer of the shard `doc` belongs to, while the build is open.
    fn writer(&self, doc: &Document) -> Result<&IndexWriter<Tracked>, IndexError> {
        let shard = shards::shard_of(doc, self.writers.len());
        self.writers.get(shard).ok_or_else(|| IndexError::Io {
            dir: self.work_dir.clone(),
            cause: std::io::Error::other("the build is already finished"),
        })
    }

    /// Delete every copy of an id (in whichever shard it went to).
    fn delete_id(&self, id: &str) {
        for w in &self.writers {
            w.delete_term(Term::from_field_text(self.fields.id, id));
        }
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Add a document (callable from many threads).
    pub fn add(&self, doc: &Document) -> Result<bool, IndexError> {
        self.add_ordered(doc, 0)
    }

    /// Add a document read from the `order`-th input file. When an id comes again, the
    /// version from the later file (then the later offset) is kept — a PubMed update file
    /// revises the baseline — and the duplicate is counted.
    pub fn add_ordered(&self, doc: &Document, order: usize) -> Result<bool, IndexError> {
        // Wait for room, then build the tantivy document outside the lock: that is the
        // expensive part.
        let slot = self.window.acquire();
        let tdoc = Tracked::new(to_tantivy_in(&self.fields, &self.layout, doc), Some(slot));
        let key = (order, doc.source.offset);
        let writer = self.writer(doc)?;
        let Ok(mut seen) = self.seen.lock() else {
            writer.add_document(tdoc).map_err(tv(&self.work_dir))?;
            self.added.fetch_add(1, Ordering::Relaxed);
            return Ok(true);
        };
        match seen.get(&doc.biblio.id).copied() {
            None => {
                seen.insert(doc.biblio.id.clone(), key);
                writer.add_document(tdoc).map_err(tv(&self.work_dir))?;
                self.added.fetch_add(1, Ordering::Relaxed);
                Ok(true)
            }
            Some(old) if key > old => {
                // Under the lock, so no older copy can be added after this delete.
                seen.insert(doc.biblio.id.clone(), key);
                self.delete_id(&doc.biblio.id);
                writer.add_document(tdoc).map_err(tv(&self.work_dir))?;
                self.duplicates.fetch_add(1, Ordering::Relaxed);
                Ok(true)
            }
            Some(_) => {
                self.duplicates.fetch_add(1, Ordering::Relaxed);
                Ok(false)
            }
        }
    }

    /// Remove documents by canonical id (PubMed `DeleteCitation`).
    pub fn delete_ids(&self, ids: &[String]) -> u64 {
        if self.writers.is_empty() {
            return 0;
        }
        for id in ids {
            self.delete_id(id);
        }
        ids.len() as u64
    }

    pub fn added(&self) -> u64 {
        self.added.load(Ordering::Relaxed)
    }

    pub fn duplicates(&self) -> u64 {
        self.duplicates.load(Ordering::Relaxed)
    }

    /// Commit, wait for merges, record the metadata and make the new generation the live
    /// index; then remove the generations it replaces.
    pub fn finish(self, source_bytes: u64) -> Result<IndexMeta, IndexError> {
        self.finish_recording(source_bytes, None)
    }

    /// [`finish`](IndexBuilder::finish), recording `files` as the input files of the new
    /// generation (before it is switched in).
    pub fn finish_with_files(
        self,
        source_bytes: u64,
        files: &FileManifest,
    ) -> Result<IndexMeta, IndexError> {
        self.finish_recording(source_bytes, Some(files))
    }

    fn finish_recording(
        mut self,
        source_bytes: u64,
        files: Option<&FileManifest>,
    ) -> Result<IndexMeta, IndexError> {
        let writers = std::mem::take(&mut self.writers);
        if writers.is_empty() {
            return Err(IndexError::Io {
                dir: self.work_dir.clone(),
                cause: std::io::Error::other("the build is already finished"),
            });
        }
        let meta = shards::commit_all(
            writers,
            &self.corpus,
            &self.work_dir,
            self.started,
            source_bytes,
            self.layout,
        )?;
        if let Some(f) = files {
            f.write_in(&self.work_dir).map_err(io(&self.work_dir))?;
        }
        crate::fail::point("swap.committed");
        let switched = generation::publish(&self.final_dir, &self.work_dir);
        // Once `CURRENT` names the new generation it is live, even if a later step of the
        // switch (the folder's fsync) failed: it must not be removed then.
        self.published = switched.is_ok()
            || self.work_dir.file_name().is_some_and(|n| {
                generation::current_generation(&self.final_dir).as_deref()
                    == Some(&*n.to_string_lossy())
            });
        switched.map_err(io(&self.final_dir))?;
        crate::fail::point("swap.cleanup");
        // The new index is live: what it replaces is removed now if it can be, else at the
        // next build.
        let _ = generation::remove_stale(&self.final_dir);
        Ok(meta)
    }

    /// The folder of the generation being written.
    pub fn work_dir(&self) -> &Path {
        &self.work_dir
    }
}

impl Drop for IndexBuilder {
    fn drop(&mut self) {
        if self.published {
            return;
        }
        // Stop the writer's threads before removing the files they write.
        drop(std::mem::take(&mut self.writers));
        let _ = std::fs::remove_dir_all(&self.work_dir);
    }
}

/// Commit a writer, wait for its merges, and write `tisc-index.json` into `dir` (shared by
/// full builds and incremental updates).
pub(crate) fn commit_and_record<D: tantivy::Document>(
    mut writer: IndexWriter<D>,
    corpus: &str,
    dir: &Path,
    started: std::time::Instant,
    source_bytes: u64,
    layout: Layout,
) -> Result<IndexMeta, IndexError> {
    writer.commit().map_err(tv(dir))?;
    let index = writer.index().clone();
    writer.wait_merging_threads().map_err(tv(dir))?;
    let documents = index
        .reader()
        .map(|r| r.searcher().num_docs())
        .map_err(tv(dir))?;
    let meta = IndexMeta {
        schema_version: SCHEMA_VERSION,
        corpus: corpus.to_string(),
        built_at: crate::model::time::now(),
        documents,
        seconds: started.elapsed().as_secs_f64(),
        source_bytes,
        shards: 1,
        layout,
    };
    let json = serde_json::to_vec_pretty(&meta).map_err(|e| IndexError::Io {
        dir: dir.to_path_buf(),
        cause: std::io::Error::other(e),
    })?;
    crate::fsutil::write_atomic(&dir.join(META_FILE), &json).map_err(io(dir))?;
    Ok(meta)
}

/// Read a document's kind from its stored form (used by result rendering).
pub fn kind_str(kind: DocKind) -> &'static str {
    kind.as_str()
}
