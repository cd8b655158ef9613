//! Helpers for the mirror tests: fixture archives in the real bulk formats, fast retry
//! settings, and counting documents in an index.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::time::Duration;
use tisc::corpus::Workspace;
use tisc::mirror::{MirrorOptions, ProxySetting, RetryPolicy};

pub const USPTO: &str = include_str!("../fixtures/mirror/ipg240102.xml");
pub const PUBMED: &str = include_str!("../fixtures/mirror/pubmed24n0001.xml");
pub const PUBMED_UPDATE: &str = include_str!("../fixtures/mirror/pubmed24n1001.xml");

/// Quick retries and short timeouts, no proxy: tests stay fast and on loopback.
pub fn fast() -> MirrorOptions {
    MirrorOptions {
        parallel: 3,
        retry: RetryPolicy {
            attempts: 5,
            first_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(80),
        },
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(5),
        proxy: ProxySetting::Off,
        ..MirrorOptions::default()
    }
}

/// Bytes that do not compress (a TIFF drawing stands in for them in USPTO archives).
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

pub fn md5_hex(bytes: &[u8]) -> String {
    use md5::Digest;
    md5::Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn zip(members: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true);
    for (name, bytes) in members {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A USPTO weekly archive as the USPTO ships it: the XML and the drawings (stored).
pub fn uspto_zip() -> Vec<u8> {
    zip(
        &[
            ("ipg240102.xml", USPTO.as_bytes()),
            ("US11900001-20240102-D00000.TIF", &noise(400_000, 7)),
        ],
        false,
    )
}

/// How many documents of the index hold `id` (0 or 1 when there are no duplicates).
pub fn count_id(ws: &Workspace, corpus: &str, id: &str) -> usize {
    let (idx, q) = id_query(ws, corpus, id);
    idx.reader
        .searcher()
        .search(&q, &tantivy::collector::Count)
        .unwrap()
}

/// The index of `corpus`, and a query for the documents with the id `id` in it.
fn id_query(
    ws: &Workspace,
    corpus: &str,
    id: &str,
) -> (tisc::index::CorpusIndex, tantivy::query::TermQuery) {
    let idx = tisc::index::CorpusIndex::open(&ws.index_dir(corpus), corpus).unwrap();
    let q = tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(idx.fields.id, id),
        tantivy::schema::IndexRecordOption::Basic,
    );
    (idx, q)
}

pub fn num_docs(ws: &Workspace, corpus: &str) -> u64 {
    tisc::index::CorpusIndex::open(&ws.index_dir(corpus), corpus)
        .unwrap()
        .num_docs()
}

/// The stored title of the document `id`.
pub fn title_of(ws: &Workspace, corpus: &str, id: &str) -> String {
    let (idx, q) = id_query(ws, corpus, id);
    let searcher = idx.reader.searcher();
    let top = searcher
        .search(&q, &tantivy::collector::TopDocs::with_limit(1))
        .unwrap();
    let doc = idx.load(&searcher, top[0].1).unwrap();
    doc.biblio.titles[0].text.clone()
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
