//! Sharded corpora: one generation of a corpus's index split into several tantivy indexes.
//!
//! A corpus built with `--shards N` (N > 1) keeps, in each generation folder, `shard-00/` …
//! `shard-NN/`, each a complete tantivy index with its own `tisc-index.json`, and the
//! generation's `tisc-index.json` beside them with the totals and the shard count. The
//! generation is published by one switch of the `CURRENT` pointer, as an unsharded one is,
//! so a crash never leaves some shards of one build and some of another.
//!
//! A document's shard follows from its family (else its earliest priority, else its
//! application number, else its id) through a fixed hash: members of a family stay
//! together, and the same files always split the same way. Searching the shards together
//! is `crate::search::sharded`.

use super::{commit_and_record, io, IndexError, IndexMeta, Tracked, META_FILE};
use crate::model::Document;
use std::path::{Path, PathBuf};
use tantivy::IndexWriter;

/// The most shards a corpus may be split into.
pub const MAX_SHARDS: usize = 64;

/// The folders of the shards of a generation folder (the folder itself for one shard).
pub fn dirs(generation: &Path, shards: usize) -> Vec<PathBuf> {
    if shards <= 1 {
        return vec![generation.to_path_buf()];
    }
    (0..shards)
        .map(|i| generation.join(format!("shard-{i:02}")))
        .collect()
}

/// How many shards the index in a generation folder has (1 for the plain layout).
pub fn count(generation: &Path) -> usize {
    let mut n = 0;
    while n < MAX_SHARDS && generation.join(format!("shard-{n:02}")).is_dir() {
        n += 1;
    }
    n.max(1)
}

/// What keeps a document with its relatives: the family id, else the earliest priority
/// claim, else the application number, else the document's own id.
pub(crate) fn family_key(doc: &Document) -> String {
    let b = &doc.biblio;
    if let Some(f) = b.family_id.as_deref().filter(|f| !f.trim().is_empty()) {
        return format!("family:{}", f.trim());
    }
    let earliest = doc
        .priorities
        .iter()
        .filter(|p| !p.number.trim().is_empty())
        .min_by(|a, b| (a.date, &a.country, &a.number).cmp(&(b.date, &b.country, &b.number)));
    if let Some(p) = earliest {
        return format!("priority:{}{}", p.country.trim(), p.number.trim());
    }
    if let Some(a) = b
        .application_number
        .as_deref()
        .filter(|a| !a.trim().is_empty())
    {
        return format!("application:{}", a.trim());
    }
    format!("id:{}", b.id)
}

/// 64-bit FNV-1a: fixed across runs, machines and versions (unlike the standard hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The shard (0-based) a document goes to among `shards`.
pub fn shard_of(doc: &Document, shards: usize) -> usize {
    if shards <= 1 {
        return 0;
    }
    (fnv1a(family_key(doc).as_bytes()) % shards as u64) as usize
}

/// Commit every shard's writer and record the generation's metadata: per shard in its
/// folder, and the totals in the generation folder.
pub(super) fn commit_all(
    writers: Vec<IndexWriter<Tracked>>,
    corpus: &str,
    generation: &Path,
    started: std::time::Instant,
    source_bytes: u64,
    layout: super::Layout,
) -> Result<IndexMeta, IndexError> {
    let mut writers = writers;
    let n = writers.len();
    if n == 1 {
        if let Some(w) = writers.pop() {
            return commit_and_record(w, corpus, generation, started, source_bytes, layout);
        }
    }
    let mut documents = 0;
    for (w, dir) in writers.into_iter().zip(dirs(generation, n)) {
        documents += commit_and_record(w, corpus, &dir, started, 0, layout)?.documents;
    }
    let meta = IndexMeta {
        schema_version: super::SCHEMA_VERSION,
        corpus: corpus.to_string(),
        built_at: crate::model::time::now(),
        documents,
        seconds: started.elapsed().as_secs_f64(),
        source_bytes,
        shards: n,
        layout,
    };
    let json = serde_json::to_vec_pretty(&meta).map_err(|e| IndexError::Io {
        dir: generation.to_path_buf(),
        cause: std::io::Error::other(e),
    })?;
    crate::fsutil::write_atomic(&generation.join(META_FILE), &json).map_err(io(generation))?;
    Ok(meta)
}

/// Open every shard of the live generation of index folder `dir`.
pub fn open(dir: &Path, corpus: &str) -> Result<Vec<super::CorpusIndex>, IndexError> {
    let live = super::generation::live_dir(dir);
    let n = count(&live);
    if n == 1 {
        return Ok(vec![super::CorpusIndex::open(dir, corpus)?]);
    }
    dirs(&live, n)
        .iter()
        .map(|d| super::CorpusIndex::open_in(d, corpus))
        .collect()
}

/// Whether the live generation of index folder `dir` is split into shards.
pub fn is_sharded(dir: &Path) -> bool {
    count(&super::generation::live_dir(dir)) > 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Priority;

    fn doc(id: &str) -> Document {
        let mut d = Document::default();
        d.biblio.id = id.to_string();
        d
    }

    #[test]
    fn a_family_stays_in_one_shard() {
        let mut a = doc("US1B2");
        let mut b = doc("EP2B1");
        a.biblio.family_id = Some("4711".into());
        b.biblio.family_id = Some("4711".into());
        for n in [2, 3, 4, 7, 16] {
            assert_eq!(shard_of(&a, n), shard_of(&b, n));
        }
        // Without a family, the earliest priority decides.
        let (mut c, mut d) = (doc("US3B2"), doc("JP4A"));
        let p = |n: &str, y| Priority {
            country: "JP".into(),
            number: n.into(),
            date: crate::model::Date::parse(&format!("{y}-01-01")).ok(),
        };
        c.priorities = vec![p("2001-1", 2001), p("2000-9", 2000)];
        d.priorities = vec![p("2000-9", 2000)];
        assert_eq!(family_key(&c), family_key(&d));
    }

    #[test]
    fn ids_spread_over_the_shards_and_always_the_same_way() {
        let mut per = [0usize; 4];
        for i in 0..4000 {
            per[shard_of(&doc(&format!("US{}B2", 7_000_000 + i)), 4)] += 1;
        }
        assert!(per.iter().all(|n| (800..1200).contains(n)), "{per:?}");
        // A fixed hash: these values must never change, or re-split indexes would differ.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(shard_of(&doc("anything"), 1), 0);
    }
}
