//! Embedding a corpus: one vector per document in a language the model reads, made from its
//! title and abstract (its first claim when it has no abstract), stored beside the index
//! ([`super::store`]).
//!
//! A run embeds only the documents without a vector, or whose text changed since theirs was
//! made; it first drops the vectors of documents no longer in the index (compaction). It
//! saves after every batch, so a killed run loses at most one batch and the next run
//! continues where it stopped. Documents in other languages are counted and left to BM25.

use super::store::{self, StoreWriter, Vectors};
use super::{Embedder, SemanticError};
use crate::index::{CorpusIndex, IndexError};
use crate::model::Document;
use std::collections::HashSet;
use std::path::Path;

/// Documents embedded per call to the model (and saved together).
pub const BATCH: usize = 32;

/// Why a corpus could not be embedded.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error(transparent)]
    Semantic(#[from] SemanticError),
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmbedReport {
    /// Documents in the index.
    pub documents: u64,
    /// Of those, documents in one of the model's languages.
    pub embeddable: u64,
    /// Documents that already had an up-to-date vector.
    pub already: u64,
    /// Documents embedded by this run.
    pub embedded: u64,
    /// Documents the model failed on (with the first error met).
    pub failed: u64,
    pub first_failure: Option<String>,
    /// Documents in no language of the model: ranked by BM25 alone.
    pub other_language: u64,
    /// Vectors dropped because their document left the index.
    pub removed: u64,
    /// Bytes of an unfinished batch found and dropped.
    pub torn_bytes: u64,
    /// The model whose vectors this run replaced, when another model made the stored ones.
    pub replaced_model: Option<String>,
}

/// The text a document is embedded from, in the first of `languages` it has a title,
/// abstract or claims in: title and abstract, or title and first claim when there is no
/// abstract in that language. `None` when it has no text in any of them.
pub fn document_text(doc: &Document, languages: &[String]) -> Option<String> {
    let b = &doc.biblio;
    for lang in languages {
        let is = |l: &crate::model::Lang| l.as_str() == lang.as_str();
        let title = b.titles.iter().find(|t| is(&t.lang)).map(|t| t.text.trim());
        let body = b
            .abstracts
            .iter()
            .find(|t| is(&t.lang))
            .map(|t| t.text.trim().to_string())
            .or_else(|| {
                doc.claims
                    .iter()
                    .find(|c| is(&c.lang))
                    .and_then(|c| c.claims.iter().min_by_key(|c| c.num))
                    .map(|c| c.text.trim().to_string())
            });
        let parts: Vec<&str> = title
            .into_iter()
            .chain(body.as_deref())
            .filter(|s| !s.is_empty())
            .collect();
        if !parts.is_empty() {
            return Some(parts.join("\n"));
        }
    }
    None
}

/// A document still to embed: where to read it again (its text is not kept in memory
/// between the two passes, so that a large corpus does not hold every text at once).
struct Todo {
    id: String,
    hash: u64,
    shard: usize,
    addr: tantivy::DocAddress,
}

/// Every live document of `shards` (one corpus, read through `searchers`, one per shard),
/// one after another, with its shard and address.
fn for_each_document(
    shards: &[CorpusIndex],
    searchers: &[tantivy::Searcher],
    f: &mut dyn FnMut(usize, tantivy::DocAddress, Document) -> Result<(), EmbedError>,
) -> Result<(), EmbedError> {
    for (shard, (index, searcher)) in shards.iter().zip(searchers).enumerate() {
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let addr = tantivy::DocAddress::new(ord as u32, doc);
                f(shard, addr, index.load(searcher, addr)?)?;
            }
        }
    }
    Ok(())
}

/// Embed the documents of a corpus (`shards`, its index folder `index_dir`) that have no
/// up-to-date vector, `batch` at a time. `progress(done, total)` is called before the first
/// batch and after each one. A batch the model fails on is tried document by document; the
/// documents that still fail are counted in [`EmbedReport::failed`] and the run goes on.
pub fn embed_corpus(
    index_dir: &Path,
    shards: &[CorpusIndex],
    embedder: &dyn Embedder,
    batch: usize,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<EmbedReport, EmbedError> {
    let languages = embedder.languages();
    let (mut writer, opened) = StoreWriter::open(index_dir, embedder.model_id(), embedder.dim())?;
    let mut report = EmbedReport::default();
    let (mut stored, records) = match opened {
        Some(o) if o.other_model.is_none() => {
            report.torn_bytes = o.torn_bytes;
            (o.vectors, o.records)
        }
        Some(o) => {
            report.replaced_model = o.other_model;
            (Vectors::new(embedder.model_id(), embedder.dim()), 0)
        }
        None => (Vectors::new(embedder.model_id(), embedder.dim()), 0),
    };
    // What the index holds now (one snapshot, read twice), and what needs a vector.
    let searchers: Vec<tantivy::Searcher> = shards.iter().map(|s| s.reader.searcher()).collect();
    let mut live: HashSet<String> = HashSet::new();
    let mut todo: Vec<Todo> = Vec::new();
    for_each_document(shards, &searchers, &mut |shard, addr, doc| {
        report.documents += 1;
        match document_text(&doc, &languages) {
            None => report.other_language += 1,
            Some(text) => {
                report.embeddable += 1;
                let hash = store::text_hash(&text);
                if stored.text_hash(&doc.biblio.id) == Some(hash) {
                    report.already += 1;
                } else {
                    todo.push(Todo {
                        id: doc.biblio.id.clone(),
                        hash,
                        shard,
                        addr,
                    });
                }
                live.insert(doc.biblio.id);
            }
        }
        Ok(())
    })?;
    // Compaction: vectors of documents gone (or now in another language), and records
    // replaced by later ones, are dropped before anything is added.
    let kept_ids: Vec<String> = stored
        .ids()
        .iter()
        .filter(|id| live.contains(*id))
        .cloned()
        .collect();
    report.removed = (stored.len() - kept_ids.len()) as u64;
    if report.removed > 0 || records > stored.len() as u64 {
        let mut kept = Vectors::new(embedder.model_id(), embedder.dim());
        for id in &kept_ids {
            if let (Some(v), Some(h)) = (stored.get(id), stored.text_hash(id)) {
                kept.put(id, h, v);
            }
        }
        writer.compact(&kept)?;
        stored = kept;
    }
    let total = todo.len() as u64;
    progress(0, total);
    let batch = batch.max(1);
    let mut done = 0u64;
    for chunk in todo.chunks(batch) {
        // The texts again, from the same snapshot (the same text, so the same hash).
        let owned: Vec<String> = chunk
            .iter()
            .map(|d| {
                let doc = shards[d.shard].load(&searchers[d.shard], d.addr)?;
                Ok(document_text(&doc, &languages).unwrap_or_default())
            })
            .collect::<Result<_, EmbedError>>()?;
        let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
        let vectors: Vec<Option<Vec<f32>>> = match embedder.embed_documents(&texts) {
            Ok(v) if v.len() == texts.len() => v.into_iter().map(Some).collect(),
            _ => chunk
                .iter()
                .zip(&texts)
                .map(|(d, text)| match embedder.embed_documents(&[text]) {
                    Ok(mut v) if v.len() == 1 => Some(v.remove(0)),
                    Ok(_) => {
                        report.first_failure.get_or_insert_with(|| {
                            format!("{}: the model returned no vector", d.id)
                        });
                        None
                    }
                    Err(e) => {
                        report
                            .first_failure
                            .get_or_insert_with(|| format!("{}: {e}", d.id));
                        None
                    }
                })
                .collect(),
        };
        let mut ready = Vec::with_capacity(chunk.len());
        for (Todo { id, hash, .. }, v) in chunk.iter().zip(vectors) {
            match v {
                Some(v) if v.len() == embedder.dim() => ready.push((id.clone(), *hash, v)),
                Some(v) => {
                    report.failed += 1;
                    report.first_failure.get_or_insert_with(|| {
                        format!(
                            "{id}: a vector of {} numbers, not {}",
                            v.len(),
                            embedder.dim()
                        )
                    });
                }
                None => report.failed += 1,
            }
        }
        writer.append(&ready)?;
        for (id, hash, v) in &ready {
            stored.put(id, *hash, v);
        }
        report.embedded += ready.len() as u64;
        done += chunk.len() as u64;
        progress(done, total);
    }
    let generation = shards
        .first()
        .and_then(|s| generation_of(index_dir, &s.dir));
    writer.finish(
        generation,
        report.documents,
        report.embeddable,
        report.already + report.embedded,
    )?;
    Ok(report)
}

/// The generation folder name (`gen-NNNNNN`) an opened index lies in, when it lies in one.
fn generation_of(index_dir: &Path, opened: &Path) -> Option<String> {
    let rel = opened.strip_prefix(index_dir).ok()?;
    let first = rel.components().next()?;
    let name = first.as_os_str().to_string_lossy().into_owned();
    name.starts_with("gen-").then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimSet, Lang, LangText};

    fn text(lang: &str, t: &str) -> LangText {
        LangText {
            lang: Lang::new(lang),
            text: t.into(),
        }
    }

    #[test]
    fn the_text_is_title_and_abstract_else_the_first_claim_in_a_model_language() {
        let mut doc = Document::default();
        doc.biblio.titles = vec![text("fr", "Pompe"), text("en", "Pump")];
        doc.biblio.abstracts = vec![text("en", "A solar pump.")];
        let en = vec!["en".to_string()];
        assert_eq!(
            document_text(&doc, &en).as_deref(),
            Some("Pump\nA solar pump.")
        );
        doc.biblio.abstracts.clear();
        doc.claims = vec![ClaimSet {
            lang: Lang::en(),
            claims: vec![
                Claim {
                    num: 2,
                    text: "The pump of claim 1.".into(),
                    depends_on: vec![1],
                },
                Claim {
                    num: 1,
                    text: "A pump comprising a panel.".into(),
                    depends_on: vec![],
                },
            ],
        }];
        assert_eq!(
            document_text(&doc, &en).as_deref(),
            Some("Pump\nA pump comprising a panel.")
        );
        let fr = vec!["fr".to_string()];
        assert_eq!(document_text(&doc, &fr).as_deref(), Some("Pompe"));
        assert_eq!(document_text(&doc, &["ar".to_string()]), None);
    }
}
