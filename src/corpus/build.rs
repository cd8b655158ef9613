//! Building a corpus: every input file streamed through its parser (files and records in
//! parallel) into a fresh index that replaces the old one when complete.

use super::{unpack_embedded, Corpus, CorpusError, Workspace};
use crate::index::files::file_key;
use crate::index::{dir_size, FileManifest, FileStamp, IndexBuilder, IndexMeta, IndexState};
use crate::ingest::{self, Format, IngestError, Problem};
use crate::model::Lang;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Progress events for a front end to render.
#[derive(Debug, Clone)]
pub enum Progress {
    /// About to read `files` files holding `bytes` bytes.
    Start { files: usize, bytes: u64 },
    /// `bytes` more bytes read; `docs` documents indexed so far.
    Advance { bytes: u64, docs: u64 },
    /// All files read; the index is being committed and merged.
    Committing,
}

/// What a run of [`build_with`] did to the index.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum BuildMode {
    /// Every file read into a new index that replaced the old one.
    #[default]
    Full,
    /// Only new and changed files read into the live index; removed files' documents gone.
    Incremental,
    /// Nothing to do: no file was added, changed or removed.
    UpToDate,
}

/// What a build did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct BuildReport {
    pub corpus: String,
    pub mode: BuildMode,
    /// Why a full build was made although the corpus had an index (`None` when it had
    /// none, or for `--rebuild`).
    pub rebuild_reason: Option<String>,
    /// Files read because they were not in the index, or changed since; files whose
    /// documents were removed because they are gone (an incremental update).
    pub files_new: usize,
    pub files_changed: usize,
    pub files_removed: usize,
    /// Documents that left the index: those of removed files and the previous documents of
    /// changed files (an incremental update).
    pub documents_removed: u64,
    pub files_read: usize,
    pub parsed: u64,
    pub indexed: u64,
    pub duplicates: u64,
    pub deleted: u64,
    /// Malformed records (skipped), with file and byte offset.
    pub malformed: Vec<Problem>,
    pub malformed_count: u64,
    /// Records that are not documents, counted by reason (e.g. sequence listings).
    pub not_documents: BTreeMap<String, u64>,
    /// Files that hold no documents tisc reads, with the reason.
    pub skipped_files: Vec<(PathBuf, String)>,
    /// Files that could not be read at all (refused ones included).
    pub failed_files: Vec<(PathBuf, String)>,
    /// The failed files that were refused as unsafe input (an archive member named `../x`):
    /// nothing of them was read.
    pub refused_files: Vec<PathBuf>,
    /// Files read only up to damage (a corrupt `.gz`): their documents before it were kept;
    /// the offset is where reading stopped.
    pub damaged_files: Vec<Problem>,
    /// Values that could not be read (a date, a classification code), counted by what they
    /// were; their documents were indexed without them.
    pub unreadable_values: BTreeMap<String, u64>,
    /// The first few unreadable values, with file and offset of their record.
    pub unreadable_examples: Vec<Problem>,
    pub source_bytes: u64,
    pub index_bytes: u64,
    pub seconds: f64,
    /// The most documents that were between the parsers and the index writer at once, and
    /// the bound they were held to.
    pub docs_in_flight_max: usize,
    pub docs_in_flight_bound: usize,
    #[serde(skip)]
    pub meta: IndexMeta,
}

const MAX_KEPT_PROBLEMS: usize = 1000;

impl BuildReport {
    /// Count one file's outcome; returns the ids its delete records name.
    pub(super) fn add_file(
        &mut self,
        path: &std::path::Path,
        result: Result<ingest::FileReport, IngestError>,
    ) -> Vec<String> {
        match result {
            Ok(fr) => {
                self.files_read += 1;
                self.parsed += fr.parsed;
                self.source_bytes += std::fs::metadata(path).map_or(0, |m| m.len());
                self.malformed_count += fr.malformed.len() as u64;
                for p in fr.malformed {
                    if self.malformed.len() < MAX_KEPT_PROBLEMS {
                        self.malformed.push(p);
                    }
                }
                for why in fr.not_documents {
                    *self.not_documents.entry(why).or_default() += 1;
                }
                for (what, p) in fr.unreadable {
                    let n = self.unreadable_values.entry(what).or_default();
                    *n += 1;
                    if *n <= 3 && self.unreadable_examples.len() < 20 {
                        self.unreadable_examples.push(p);
                    }
                }
                if let Some(d) = fr.damaged {
                    self.damaged_files.push(d);
                }
                fr.deleted
            }
            Err(IngestError::Refused { path, reason }) => {
                self.refused_files.push(path.clone());
                self.failed_files.push((path, reason));
                Vec::new()
            }
            Err(IngestError::NotDocuments { path, reason }) => {
                self.skipped_files.push((path, reason));
                Vec::new()
            }
            Err(IngestError::Io { path, source }) => {
                self.failed_files.push((path, source.to_string()));
                Vec::new()
            }
        }
    }

    /// How much of the input was skipped: malformed records, and files that failed or were
    /// read only up to damage. Not documents, duplicates and unreadable values are not skips.
    pub fn skipped_count(&self) -> u64 {
        self.malformed_count + (self.failed_files.len() + self.damaged_files.len()) as u64
    }

    /// Put the lists of problems in a stable order (files are read in parallel).
    pub(super) fn sort_problems(&mut self) {
        self.skipped_files.sort();
        self.failed_files.sort();
        self.refused_files.sort();
        self.damaged_files
            .sort_by(|a, b| (&a.file, a.offset).cmp(&(&b.file, b.offset)));
        self.unreadable_examples
            .sort_by(|a, b| (&a.file, a.offset).cmp(&(&b.file, b.offset)));
        self.malformed
            .sort_by(|a, b| (&a.file, a.offset).cmp(&(&b.file, b.offset)));
    }
}

/// The files of a corpus as [`build`] reads them (its inputs walked, bookkeeping skipped).
pub fn corpus_files(corpus: &Corpus) -> Result<Vec<PathBuf>, CorpusError> {
    input_files(&corpus.inputs).map_err(|source| CorpusError::Io {
        path: corpus.inputs.first().cloned().unwrap_or_default(),
        source,
    })
}

/// Every file under `inputs` except tisc's own bookkeeping files (`.tisc*`): what a build
/// reads.
pub fn input_files(inputs: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    Ok(input_walk(inputs)?.files)
}

/// [`input_files`], with the entries that could not be walked (symbolic link loops…).
pub(super) fn input_walk(inputs: &[PathBuf]) -> std::io::Result<ingest::Walked> {
    let mut walked = ingest::walk_all(inputs)?;
    walked.files.retain(|f| {
        !f.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".tisc"))
    });
    Ok(walked)
}

/// The size of `files` together (a file that cannot be read counts 0).
pub(super) fn total_bytes(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

/// Ingest one file: each document that states no language has it guessed from its text, else
/// takes the corpus's default (see [`super::doclang`]), and goes to `add`; progress advances by bytes read (by the whole file at its end when it
/// is compressed, since read bytes are then not the file's), with the count `added` gives.
pub(super) fn ingest_one(
    path: &Path,
    format: Format,
    default_lang: Option<&Lang>,
    add: &(dyn Fn(&crate::model::Document) + Sync),
    added: &(dyn Fn() -> u64 + Sync),
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<ingest::FileReport, IngestError> {
    let compressed = path.extension().is_some_and(|e| e == "gz");
    let sink = |mut doc: crate::model::Document| {
        super::doclang::settle_lang(&mut doc, default_lang);
        add(&doc);
    };
    let on_bytes = |n: u64| {
        if !compressed {
            progress(Progress::Advance {
                bytes: n,
                docs: added(),
            });
        }
    };
    let result = ingest::ingest_file(path, format, &sink, &on_bytes);
    if compressed {
        progress(Progress::Advance {
            bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
            docs: added(),
        });
    }
    result
}

/// How to build an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOptions {
    /// The index writer's memory budget in bytes (checked by
    /// [`crate::index::check_writer_memory`]).
    pub memory: usize,
    /// At most this many documents between the parsers and the writer; `None`: the
    /// default for the budget ([`crate::index::flight::default_bound`]).
    pub docs_in_flight: Option<usize>,
    /// Read every file into a new index even when the index could be brought up to date.
    pub rebuild: bool,
    /// Split the index into this many shards (`None`: as the corpus definition says, else
    /// one).
    pub shards: Option<usize>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            memory: crate::index::WRITER_MEMORY_BUDGET,
            docs_in_flight: None,
            rebuild: false,
            shards: None,
        }
    }
}

/// Bring the index of `corpus` up to date with its files, with the default options (see
/// [`build_with`]).
pub fn build(
    ws: &Workspace,
    corpus: &Corpus,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport, CorpusError> {
    build_with(ws, corpus, &BuildOptions::default(), progress)
}

/// Bring the index of `corpus` up to date with its files. With an index of this tisc that
/// records the files it was built from, only new and changed files are read into it and the
/// documents of removed files are removed, in one commit (`corpus::update::grow`); searches
/// see the previous commit until then. Otherwise — no index, another schema, no record of
/// the files, or `options.rebuild` — every file is read into a new index that replaces the
/// old one when complete (`rebuild_reason` says why when there was an index).
pub fn build_with(
    ws: &Workspace,
    corpus: &Corpus,
    options: &BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport, CorpusError> {
    let name = corpus.name().to_string();
    if let Some(reason) = &corpus.unavailable {
        return Err(CorpusError::Unavailable {
            name,
            reason: reason.clone(),
        });
    }
    if let Some(e) = &corpus.def.embedded {
        unpack_embedded(ws, e)?;
    }
    let walked = input_walk(&corpus.inputs).map_err(|source| CorpusError::Io {
        path: corpus.inputs.first().cloned().unwrap_or_default(),
        source,
    })?;
    let dir = ws.index_dir(&name);
    let shards = shard_count(corpus, options);
    let live_shards = crate::index::shards::count(&crate::index::generation::live_dir(&dir));
    let state = crate::index::state(&dir);
    let layout_change = state
        .meta()
        .map(|m| m.layout.differences(&corpus.def.layout()).join("; "))
        .filter(|d| !d.is_empty());
    let reason = match state {
        _ if options.rebuild => None,
        IndexState::Missing => None,
        IndexState::Stale(m) => Some(format!(
            "the index was written by another version of tisc (schema {}, this tisc writes {})",
            m.schema_version,
            crate::index::SCHEMA_VERSION
        )),
        _ if live_shards != shards => Some(format!(
            "the index is split into {} and the corpus asks for {shards}",
            crate::lang::cli::SHARDS.count("en", live_shards as u64)
        )),
        _ if shards > 1 => Some(format!(
            "a corpus split into {shards} shards is always read in full"
        )),
        _ if layout_change.is_some() => layout_change,
        IndexState::Current(_) | IndexState::Outdated(..)
            if crate::index::generation::current_generation(&dir).is_none() =>
        {
            Some("the index is in the layout of an earlier tisc (no generations)".to_string())
        }
        IndexState::Current(_) | IndexState::Outdated(..) => match FileManifest::read(&dir) {
            Some(recorded) => {
                return super::update::grow(ws, corpus, options, walked, &recorded, progress)
            }
            None => Some(
                "the index does not record the files it was built from (written by an earlier tisc)"
                    .to_string(),
            ),
        },
    };
    let mut report = rebuild(ws, corpus, options, walked, progress)?;
    report.rebuild_reason = reason;
    Ok(report)
}

/// How many shards the index of `corpus` is built in: the options', else the definition's,
/// else one.
fn shard_count(corpus: &Corpus, options: &BuildOptions) -> usize {
    options
        .shards
        .or(corpus.def.shards)
        .unwrap_or(1)
        .clamp(1, crate::index::shards::MAX_SHARDS)
}

/// Read every file of `walked` into a new index that replaces the old one when complete.
fn rebuild(
    ws: &Workspace,
    corpus: &Corpus,
    options: &BuildOptions,
    walked: ingest::Walked,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport, CorpusError> {
    let name = corpus.name().to_string();
    let files = walked.files;
    // Stamped before reading: a file that changes while it is read is read again next time.
    let stamps: Vec<Option<FileStamp>> = files.iter().map(|f| FileStamp::of(f).ok()).collect();
    let total = total_bytes(&files);
    progress(Progress::Start {
        files: files.len(),
        bytes: total,
    });
    let default_lang = corpus.def.lang.as_deref().map(Lang::new);
    let mut builder = IndexBuilder::create_sharded(
        &name,
        &ws.index_dir(&name),
        options.memory,
        shard_count(corpus, options),
        corpus.def.layout(),
    )?;
    if let Some(bound) = options.docs_in_flight {
        builder.set_in_flight_bound(bound);
    }
    let report = Mutex::new(BuildReport {
        corpus: name.clone(),
        failed_files: walked.problems,
        ..BuildReport::default()
    });
    let first_error = Mutex::new(None);
    let deletions = Mutex::new(Vec::new());
    let format = corpus.def.format;

    files.par_iter().enumerate().for_each(|(order, path)| {
        let add = |doc: &crate::model::Document| {
            if let Err(e) = builder.add_ordered(doc, order) {
                if let Ok(mut slot) = first_error.lock() {
                    slot.get_or_insert(e);
                }
            }
        };
        let result = ingest_one(
            path,
            format,
            default_lang.as_ref(),
            &add,
            &|| builder.added(),
            progress,
        );
        let Ok(mut r) = report.lock() else { return };
        let deleted = r.add_file(path, result);
        if !deleted.is_empty() {
            if let Ok(mut d) = deletions.lock() {
                d.extend(deleted);
            }
        }
    });
    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e.into());
    }
    let deletions = deletions.into_inner().unwrap_or_default();
    let deleted = builder.delete_ids(&deletions);
    progress(Progress::Committing);
    let duplicates = builder.duplicates();
    let window = (builder.window().high_water(), builder.window().bound());
    let mut report = report.into_inner().unwrap_or_default();
    let mut recorded = FileManifest::default();
    for (f, stamp) in files.iter().zip(stamps) {
        // A file that could not be read is not recorded: the next run tries it again.
        let failed = report.failed_files.iter().any(|(p, _)| p == f);
        if let (Some(stamp), false) = (stamp, failed) {
            recorded.files.insert(file_key(f), stamp);
        }
    }
    let meta = builder.finish_with_files(report.source_bytes, &recorded)?;
    report.indexed = meta.documents;
    report.docs_in_flight_max = window.0;
    report.docs_in_flight_bound = window.1;
    report.duplicates = duplicates;
    report.deleted = deleted;
    report.seconds = meta.seconds;
    report.index_bytes = dir_size(&ws.index_dir(&name));
    report.sort_problems();
    report.meta = meta;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{find, save_user_def, CorpusDef, CorpusKind};

    /// A BEIR corpus of `n` documents, defined as `name` in `ws`.
    fn beir_corpus(ws: &Workspace, home: &Path, name: &str, n: usize) -> Corpus {
        let data = home.join("data");
        std::fs::create_dir_all(&data).unwrap();
        let text = "A drip irrigation emitter with a pressure compensating membrane, \
                    fed by a solar pump and filtered twice before the lateral lines. "
            .repeat(8);
        let lines: String = (0..n)
            .map(|i| {
                serde_json::json!({"_id": format!("d{i}"), "title": format!("emitter {i}"), "text": text})
                    .to_string()
                    + "\n"
            })
            .collect();
        std::fs::write(data.join("corpus.jsonl"), lines).unwrap();
        let def = CorpusDef::new(
            name,
            CorpusKind::Literature,
            Format::Beir,
            vec![data.display().to_string()],
        );
        save_user_def(ws, &def).unwrap();
        find(ws, name).unwrap()
    }

    #[test]
    fn the_documents_in_flight_never_exceed_the_bound() {
        let home = tempfile::tempdir().unwrap();
        let ws = Workspace::at(home.path());
        // Far more documents than the bound: unbounded, parsing runs ahead of indexing and
        // thousands wait in the writer's queue.
        let corpus = beir_corpus(&ws, home.path(), "window", 3000);
        let options = BuildOptions {
            memory: crate::index::MIN_WRITER_MEMORY,
            docs_in_flight: Some(8),
            rebuild: true,
            ..BuildOptions::default()
        };
        let r = build_with(&ws, &corpus, &options, &|_| {}).unwrap();
        assert_eq!(r.indexed, 3000);
        assert_eq!(r.docs_in_flight_bound, 8);
        assert!(
            (1..=8).contains(&r.docs_in_flight_max),
            "high-water mark {}",
            r.docs_in_flight_max
        );
        // The default bound follows the budget.
        let rebuild = BuildOptions {
            rebuild: true,
            ..BuildOptions::default()
        };
        let r = build_with(&ws, &corpus, &rebuild, &|_| {}).unwrap();
        assert_eq!(
            r.docs_in_flight_bound,
            crate::index::flight::default_bound(crate::index::WRITER_MEMORY_BUDGET)
        );
        assert!(r.docs_in_flight_max <= r.docs_in_flight_bound);
    }
}
