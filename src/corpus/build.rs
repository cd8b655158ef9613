//! Building a corpus: every input file streamed through its parser (files and records in
//! parallel) into a fresh index that replaces the old one when complete.

use super::{unpack_embedded, Corpus, CorpusError, Workspace};
use crate::index::{dir_size, IndexBuilder, IndexMeta};
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

/// What a build did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct BuildReport {
    pub corpus: String,
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
fn input_walk(inputs: &[PathBuf]) -> std::io::Result<ingest::Walked> {
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

/// Ingest one file: each document takes the corpus's default language when it states none
/// and goes to `add`; progress advances by bytes read (by the whole file at its end when it
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
        if let Some(l) = default_lang {
            apply_default_lang(&mut doc, l);
        }
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

/// Read every file of `corpus` and write its index, replacing any previous one.
pub fn build(
    ws: &Workspace,
    corpus: &Corpus,
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
    let files = walked.files;
    let total = total_bytes(&files);
    progress(Progress::Start {
        files: files.len(),
        bytes: total,
    });
    let default_lang = corpus.def.lang.as_deref().map(Lang::new);
    let builder = IndexBuilder::create(
        &name,
        &ws.index_dir(&name),
        crate::index::WRITER_MEMORY_BUDGET,
    )?;
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
    let mut report = report.into_inner().unwrap_or_default();
    let meta = builder.finish(report.source_bytes)?;
    report.indexed = meta.documents;
    report.duplicates = duplicates;
    report.deleted = deleted;
    report.seconds = meta.seconds;
    report.index_bytes = dir_size(&ws.index_dir(&name));
    report.sort_problems();
    report.meta = meta;
    Ok(report)
}

/// Documents whose source states no language take the corpus's default.
pub(super) fn apply_default_lang(doc: &mut crate::model::Document, lang: &Lang) {
    let b = &mut doc.biblio;
    if b.lang.as_str() != "und" {
        return;
    }
    b.lang = lang.clone();
    let und = Lang::und();
    for t in b.titles.iter_mut().chain(b.abstracts.iter_mut()) {
        if t.lang == und {
            t.lang = lang.clone();
        }
    }
    for c in doc.claims.iter_mut().filter(|c| c.lang == und) {
        c.lang = lang.clone();
    }
    for d in doc.description.iter_mut().filter(|d| d.lang == und) {
        d.lang = lang.clone();
    }
}
