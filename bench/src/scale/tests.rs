//! The twin and FTS5 against counts made by hand over the documents tisc parsed, on a small
//! generated collection.

use super::queries::{Class, Query};
use crate::gen::{self, GenArgs, OutFormat, Profile};
use std::path::{Path, PathBuf};
use tisc::ingest::Format;

/// 60 generated patents in `dir`; their files.
fn collection(dir: &Path) -> Vec<PathBuf> {
    let args = GenArgs {
        docs: 60,
        seed: 7,
        out: dir.to_path_buf(),
        format: OutFormat::Uspto,
        profile: Profile::Patent,
        first_id: 0,
        per_file: 25,
        threads: Some(1),
    };
    gen::generate(&args).unwrap().files
}

/// Documents whose title, abstract or claims hold `word` (lower-cased, whole word).
fn by_hand(files: &[PathBuf], word: &str) -> u64 {
    let mut n = 0;
    for f in files {
        let (docs, _) = tisc::ingest::read_all(f, Format::Uspto).unwrap();
        for d in docs {
            let b = &d.biblio;
            let texts = b
                .titles
                .iter()
                .chain(&b.abstracts)
                .map(|t| t.text.clone())
                .chain(
                    d.claims
                        .iter()
                        .flat_map(|s| s.claims.iter().map(|c| c.text.clone())),
                );
            let has = texts.into_iter().any(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.to_lowercase() == word)
            });
            n += u64::from(has);
        }
    }
    n
}

fn query(class: Class, twin: &str, fts5: &str) -> Query {
    Query {
        class,
        tisc: String::new(),
        twin: twin.into(),
        fts5: fts5.into(),
        date: None,
    }
}

#[test]
fn the_twin_counts_what_a_count_by_hand_finds_and_expands_prefixes() {
    let tmp = tempfile::tempdir().unwrap();
    let files = collection(&tmp.path().join("corpus"));
    let dir = tmp.path().join("twin");
    std::fs::create_dir_all(&dir).unwrap();
    let n = super::twin::ingest(&files, Format::Uspto, &dir, 1, 20_000_000).unwrap();
    assert_eq!(n, 60);
    let twin = super::twin::Twin::open(&dir).unwrap();
    assert_eq!(twin.num_docs(), 60);
    // "wherein" is its own stem, in most claims but not every document.
    let expected = by_hand(&files, "wherein");
    assert!(expected > 0 && expected < 60, "{expected}");
    let m = twin
        .run(&query(Class::Boolean, "+wherein", ""), 100)
        .unwrap();
    assert_eq!(m.count, expected);
    assert_eq!(m.top as u64, expected.min(100));
    let not = twin
        .run(&query(Class::Boolean, "+the -wherein", ""), 100)
        .unwrap();
    assert_eq!(not.count, by_hand(&files, "the") - expected);
    // A prefix becomes the OR of the dictionary's terms that start with it.
    let x = twin.expand("+wherei* +the").unwrap();
    assert!(
        x.starts_with("+(") && x.contains("wherein") && x.ends_with(" +the"),
        "{x}"
    );
    assert_eq!(twin.expand("zzzq*").unwrap(), "(zzzq)");
    let m = twin
        .run(&query(Class::Truncation, "+wherei*", ""), 100)
        .unwrap();
    assert!(m.count >= expected);
}

#[cfg(feature = "peers")]
#[test]
fn fts5_counts_what_a_count_by_hand_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let files = collection(&tmp.path().join("corpus"));
    let db = tmp.path().join("fts5.sqlite");
    assert_eq!(super::fts5::ingest(&files, Format::Uspto, &db).unwrap(), 60);
    let f = super::fts5::Fts5::open(&db).unwrap();
    assert_eq!(f.num_docs().unwrap(), 60);
    let expected = by_hand(&files, "wherein");
    let q = query(Class::Boolean, "", "{title abstract claims} : (wherein)");
    let m = f.run(&q, 100).unwrap();
    assert_eq!((m.count, m.top as u64), (expected, expected.min(100)));
    // A date range that holds nothing, and one that holds everything.
    let mut q = q;
    q.date = Some((10000101, 10001231));
    assert_eq!(f.run(&q, 100).unwrap().count, 0);
    q.date = Some((19000101, 29991231));
    assert_eq!(f.run(&q, 100).unwrap().count, expected);
}

#[test]
fn query_by_example_terms_become_an_or_for_the_peers() {
    let mut q = query(Class::Qbe, "", "");
    let terms = [
        "pump".to_string(),
        "solar cell".to_string(),
        "well".to_string(),
    ];
    super::cli::qbe_peers(&mut q, &terms);
    assert_eq!(q.twin, "pump well");
    assert_eq!(q.fts5, "{title abstract claims} : (\"pump\" OR \"well\")");
    super::cli::qbe_peers(&mut q, &[]);
    assert!(q.twin.is_empty() && q.fts5.is_empty());
}
