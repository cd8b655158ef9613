//! Document vectors on disk, beside a corpus's index: `index/<corpus>/vectors/`.
//!
//! Two files:
//! - a data file (`data-NNNNNN.f32`), append-only: one record per embedded document — the
//!   length of its canonical id (u16), the id (UTF-8), a 64-bit hash of the text embedded,
//!   the vector (`dim` little-endian f32) and an FNV-1a checksum (u32) of all that;
//! - `manifest.json`, rewritten atomically (temporary file, fsync, rename, fsync of the
//!   folder) after every batch: the model the vectors belong to (`model_id`, `dim`), which
//!   data file is live and how many of its bytes are committed.
//!
//! A batch is appended and fsynced before the manifest counts it, so a kill at any moment
//! loses at most the batch being written: bytes past the committed length (a torn tail) are
//! ignored when the store is opened and cut off before the next append. A record whose
//! checksum does not match ends what is read, as a torn tail does.
//!
//! Vectors are keyed by canonical id, which is stable across rebuilds and growth of the
//! index; a later record of an id replaces an earlier one. Compaction (keeping only the
//! latest record of each id still in the index) writes a new data file, switches the
//! manifest to it and then removes the old file, so it is crash-safe the same way.
//! Vectors of another model than the one asked for are never mixed in: [`Opened`] says so
//! and the writer starts a new data file, replacing them.

use super::SemanticError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The folder of the vectors, inside a corpus's index folder.
pub const VECTORS_DIR: &str = "vectors";
/// The manifest file inside [`VECTORS_DIR`].
pub const MANIFEST_FILE: &str = "manifest.json";
/// The version of the manifest and record layout.
pub const FORMAT: u32 = 2;

/// The vectors folder of the index folder `index_dir` (`ws.index_dir(corpus)`).
pub fn vectors_dir(index_dir: &Path) -> PathBuf {
    index_dir.join(VECTORS_DIR)
}

/// What `manifest.json` records.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: u32,
    /// The model the vectors were made with ([`super::Embedder::model_id`]).
    pub model_id: String,
    /// The length of every vector.
    pub dim: usize,
    /// The live data file (a name inside the vectors folder).
    pub data: String,
    /// Bytes of the data file that are committed (anything after is a torn tail).
    pub length: u64,
    /// The index generation the last `tisc embed` ran against (`gen-NNNNNN`), when known.
    #[serde(default)]
    pub generation: Option<String>,
    /// Documents in the index at the last `tisc embed`.
    #[serde(default)]
    pub index_documents: u64,
    /// Of those, the documents in one of the model's languages (those that get a vector).
    #[serde(default)]
    pub embeddable: u64,
    /// Of those, the documents that had a vector when the last run ended.
    #[serde(default)]
    pub embedded: u64,
}

/// The vectors of one corpus, in memory: one per canonical id.
#[derive(Debug, Clone)]
pub struct Vectors {
    pub model_id: String,
    pub dim: usize,
    ids: Vec<String>,
    hashes: Vec<u64>,
    data: Vec<f32>,
    slot: HashMap<String, usize>,
}

impl Vectors {
    /// No vector yet, for `model_id` vectors of length `dim`.
    pub fn new(model_id: &str, dim: usize) -> Vectors {
        Vectors {
            model_id: model_id.to_string(),
            dim,
            ids: Vec::new(),
            hashes: Vec::new(),
            data: Vec::new(),
            slot: HashMap::new(),
        }
    }

    /// How many documents have a vector.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The ids, in storage order (the order of [`Vectors::matrix`]'s rows).
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Every vector, row after row (`len() * dim` numbers).
    pub fn matrix(&self) -> &[f32] {
        &self.data
    }

    /// The vector of document `id`.
    pub fn get(&self, id: &str) -> Option<&[f32]> {
        let i = *self.slot.get(id)?;
        Some(&self.data[i * self.dim..(i + 1) * self.dim])
    }

    /// The hash of the text document `id`'s vector was made from.
    pub fn text_hash(&self, id: &str) -> Option<u64> {
        self.slot.get(id).map(|&i| self.hashes[i])
    }

    /// Room for `n` more vectors.
    fn reserve(&mut self, n: usize) {
        self.ids.reserve(n);
        self.hashes.reserve(n);
        self.data.reserve_exact(n.saturating_mul(self.dim));
        self.slot.reserve(n);
    }

    /// Add or replace the vector of `id`.
    pub fn put(&mut self, id: &str, hash: u64, vector: &[f32]) {
        match self.slot.get(id) {
            Some(&i) => {
                self.hashes[i] = hash;
                self.data[i * self.dim..(i + 1) * self.dim].copy_from_slice(vector);
            }
            None => {
                self.slot.insert(id.to_string(), self.ids.len());
                self.ids.push(id.to_string());
                self.hashes.push(hash);
                self.data.extend_from_slice(vector);
            }
        }
    }
}

/// What opening a store found.
#[derive(Debug)]
pub struct Opened {
    pub manifest: Manifest,
    /// The vectors (empty when they belong to another model than the one asked for).
    pub vectors: Vectors,
    /// Bytes past the committed length, or from a record that failed its checksum: ignored.
    pub torn_bytes: u64,
    /// Records read (a replaced vector counts once per record).
    pub records: u64,
    /// The model the stored vectors belong to, when it is not the one asked for.
    pub other_model: Option<String>,
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> SemanticError + '_ {
    move |source| SemanticError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn bad(path: &Path, message: impl Into<String>) -> SemanticError {
    SemanticError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, message.into()),
    }
}

/// FNV-1a, 64 bits, of a text: what tells that a document's text changed since its vector
/// was made.
pub fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn read_manifest(dir: &Path) -> Result<Option<Manifest>, SemanticError> {
    let path = dir.join(MANIFEST_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let m: Manifest = serde_json::from_str(&text).map_err(|e| bad(&path, e.to_string()))?;
    if !(1..=FORMAT).contains(&m.format) {
        return Err(bad(
            &path,
            format!(
                "vectors of format {} (this tisc reads 1 to {FORMAT}): run `tisc embed` again",
                m.format
            ),
        ));
    }
    if m.data.contains(['/', '\\']) || m.data.starts_with('.') {
        return Err(bad(&path, format!("`{}` is not a data file name", m.data)));
    }
    Ok(Some(m))
}

/// The manifest of the vectors of index folder `index_dir` (`Ok(None)` when there are none),
/// without reading the vectors.
pub fn manifest(index_dir: &Path) -> Result<Option<Manifest>, SemanticError> {
    read_manifest(&vectors_dir(index_dir))
}

/// How much of a corpus has vectors, as the last `tisc embed` left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    /// Documents with a vector, of those in the model's languages.
    pub embedded: u64,
    pub embeddable: u64,
    /// The index changed since that run (documents added, removed or rebuilt): a new run
    /// would embed the new documents.
    pub stale: bool,
}

/// The [`Share`] of the vectors of index folder `index_dir`, whose index holds
/// `index_documents` documents now (`Ok(None)`: never embedded).
pub fn share(
    index_dir: &Path,
    index_documents: Option<u64>,
) -> Result<Option<Share>, SemanticError> {
    let Some(m) = manifest(index_dir)? else {
        return Ok(None);
    };
    let live_generation = crate::index::generation::current_generation(index_dir);
    let stale = index_documents.is_some_and(|n| n != m.index_documents)
        || (m.generation.is_some() && m.generation != live_generation);
    Ok(Some(Share {
        embedded: m.embedded,
        embeddable: m.embeddable,
        stale,
    }))
}

/// Open the vectors of index folder `index_dir`, for model `model_id` (any model with
/// `None`); `Ok(None)` when there are none.
pub fn open(index_dir: &Path, model_id: Option<&str>) -> Result<Option<Opened>, SemanticError> {
    let dir = vectors_dir(index_dir);
    let Some(manifest) = read_manifest(&dir)? else {
        return Ok(None);
    };
    let mut vectors = Vectors::new(&manifest.model_id, manifest.dim);
    if let Some(want) = model_id.filter(|m| *m != manifest.model_id) {
        return Ok(Some(Opened {
            vectors: Vectors::new(want, manifest.dim),
            torn_bytes: 0,
            records: 0,
            other_model: Some(manifest.model_id.clone()),
            manifest,
        }));
    }
    let path = dir.join(&manifest.data);
    let (valid, records) = match std::fs::File::open(&path) {
        Ok(f) => {
            // A manifest may claim more than the file holds: what is there is read.
            let size = f.metadata().map_err(io_err(&path))?.len();
            read_records(manifest.format, f, manifest.length.min(size), &mut vectors)
                .map_err(io_err(&path))?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && manifest.length == 0 => (0, 0),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let on_disk = std::fs::metadata(&path).map_or(0, |m| m.len());
    Ok(Some(Opened {
        torn_bytes: on_disk.saturating_sub(valid),
        records,
        vectors,
        other_model: None,
        manifest,
    }))
}

/// Appends vectors to a corpus's store, batch after batch, each made durable before the
/// manifest counts it.
pub struct StoreWriter {
    dir: PathBuf,
    manifest: Manifest,
    file: std::fs::File,
}

fn data_name(n: u64) -> String {
    format!("data-{n:06}.f32")
}

fn data_number(name: &str) -> Option<u64> {
    name.strip_prefix("data-")?
        .strip_suffix(".f32")?
        .parse()
        .ok()
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

impl StoreWriter {
    /// Start writing the vectors of index folder `index_dir` made by `model_id` (length
    /// `dim`): continue the live data file when it holds this model's vectors (its torn tail
    /// cut off), else start a new one (`Opened` tells what was there).
    pub fn open(
        index_dir: &Path,
        model_id: &str,
        dim: usize,
    ) -> Result<(StoreWriter, Option<Opened>), SemanticError> {
        let dir = vectors_dir(index_dir);
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let opened = open(index_dir, Some(model_id))?;
        let reuse = opened
            .as_ref()
            .filter(|o| o.other_model.is_none() && o.manifest.dim == dim);
        let writer = match reuse {
            Some(o) => {
                let mut manifest = o.manifest.clone();
                let path = dir.join(&manifest.data);
                let file = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(&path)
                    .map_err(io_err(&path))?;
                // What was read whole is kept; a torn tail goes.
                let keep = std::fs::metadata(&path)
                    .map_err(io_err(&path))?
                    .len()
                    .saturating_sub(o.torn_bytes);
                file.set_len(keep).map_err(io_err(&path))?;
                file.sync_all().map_err(io_err(&path))?;
                manifest.length = keep;
                StoreWriter {
                    dir,
                    manifest,
                    file,
                }
            }
            None => {
                let w = Self::fresh(&dir, model_id, dim, opened.as_ref().map(|o| &o.manifest))?;
                w.write_manifest()?;
                w.remove_other_data();
                w
            }
        };
        Ok((writer, opened))
    }

    /// A new, empty data file after every one in `dir`.
    fn fresh(
        dir: &Path,
        model_id: &str,
        dim: usize,
        old: Option<&Manifest>,
    ) -> Result<StoreWriter, SemanticError> {
        let highest = std::fs::read_dir(dir)
            .map_err(io_err(dir))?
            .flatten()
            .filter_map(|e| data_number(&e.file_name().to_string_lossy()))
            .max()
            .unwrap_or(0);
        let name = data_name(highest + 1);
        let path = dir.join(&name);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(io_err(&path))?;
        file.sync_all().map_err(io_err(&path))?;
        sync_dir(dir);
        let mut manifest = Manifest {
            format: FORMAT,
            model_id: model_id.to_string(),
            dim,
            data: name,
            length: 0,
            generation: None,
            index_documents: 0,
            embeddable: 0,
            embedded: 0,
        };
        if let Some(o) = old {
            manifest.generation.clone_from(&o.generation);
            manifest.index_documents = o.index_documents;
        }
        Ok(StoreWriter {
            dir: dir.to_path_buf(),
            manifest,
            file,
        })
    }

    /// The manifest as it stands.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    fn write_manifest(&self) -> Result<(), SemanticError> {
        let path = self.dir.join(MANIFEST_FILE);
        let json =
            serde_json::to_vec_pretty(&self.manifest).map_err(|e| bad(&path, e.to_string()))?;
        crate::fsutil::write_atomic(&path, &json).map_err(io_err(&path))
    }

    /// Remove data files that are not the live one (left by a compaction or a model change,
    /// also when a previous run was killed before removing them). Best effort.
    fn remove_other_data(&self) {
        let Ok(rd) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if data_number(&name).is_some() && name != self.manifest.data {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    /// Append a batch — (id, text hash, vector) — make it durable, then count it in the
    /// manifest.
    pub fn append(&mut self, batch: &[(String, u64, Vec<f32>)]) -> Result<(), SemanticError> {
        let path = self.dir.join(&self.manifest.data);
        let mut bytes = Vec::new();
        for (id, hash, v) in batch {
            if v.len() != self.manifest.dim {
                return Err(SemanticError::Inference(format!(
                    "the model gave a vector of {} numbers for {id}, expected {}",
                    v.len(),
                    self.manifest.dim
                )));
            }
            encode(self.manifest.format, id, *hash, v, &mut bytes);
        }
        self.file
            .seek(SeekFrom::Start(self.manifest.length))
            .and_then(|_| self.file.write_all(&bytes))
            .and_then(|()| self.file.sync_data())
            .map_err(io_err(&path))?;
        crate::fail::point("vectors.appended");
        self.manifest.length += bytes.len() as u64;
        self.write_manifest()
    }

    /// Replace the data file with one holding only `vectors` (the latest record of each id
    /// kept), switch the manifest to it, then remove the old file.
    pub fn compact(&mut self, vectors: &Vectors) -> Result<(), SemanticError> {
        let mut next = Self::fresh(
            &self.dir,
            &self.manifest.model_id,
            self.manifest.dim,
            Some(&self.manifest),
        )?;
        next.manifest.embeddable = self.manifest.embeddable;
        next.manifest.embedded = self.manifest.embedded;
        let mut bytes = Vec::new();
        for (i, id) in vectors.ids().iter().enumerate() {
            let d = vectors.dim;
            encode(
                next.manifest.format,
                id,
                vectors.hashes[i],
                &vectors.data[i * d..(i + 1) * d],
                &mut bytes,
            );
        }
        let path = next.dir.join(&next.manifest.data);
        next.file
            .write_all(&bytes)
            .and_then(|()| next.file.sync_all())
            .map_err(io_err(&path))?;
        next.manifest.length = bytes.len() as u64;
        next.write_manifest()?;
        *self = next;
        self.remove_other_data();
        Ok(())
    }

    /// Record what the run found in the index (the counts `tisc corpora` shows).
    pub fn finish(
        &mut self,
        generation: Option<String>,
        index_documents: u64,
        embeddable: u64,
        embedded: u64,
    ) -> Result<(), SemanticError> {
        self.manifest.generation = generation;
        self.manifest.index_documents = index_documents;
        self.manifest.embeddable = embeddable;
        self.manifest.embedded = embedded;
        self.write_manifest()
    }
}

#[path = "store_records.rs"]
mod records;
use records::{encode, read_records};

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
