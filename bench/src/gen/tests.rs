//! Generator tests: determinism, continuation, and that tisc's own ingest reads the output
//! with nothing skipped.

use super::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use tisc::ingest::{read_all, Format};
use tisc::model::{DocKind, Document};

fn args(out: &Path, docs: u64, seed: u64, format: OutFormat, profile: Profile) -> GenArgs {
    GenArgs {
        docs,
        seed,
        out: out.to_path_buf(),
        format,
        profile,
        first_id: 0,
        per_file: 64,
        threads: Some(2),
    }
}

/// sha256 over the sorted (name, bytes) of every file in a folder.
fn folder_hash(dir: &Path) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut h = Sha256::new();
    for p in names {
        h.update(p.file_name().unwrap().to_string_lossy().as_bytes());
        h.update(std::fs::read(&p).unwrap());
    }
    format!("{:x}", h.finalize())
}

/// Every document of a folder, read by the reader `tisc index` uses, asserting that nothing
/// was malformed or skipped.
fn ingest(dir: &Path, format: Format) -> Vec<Document> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let (mut d, report) = read_all(&f, format).unwrap();
        assert!(
            report.malformed.is_empty(),
            "{}: {:?}",
            f.display(),
            report.malformed
        );
        assert!(
            report.not_documents.is_empty(),
            "{:?}",
            report.not_documents
        );
        assert!(report.unreadable.is_empty(), "{:?}", report.unreadable);
        assert!(report.damaged.is_none());
        assert_eq!(report.parsed as usize, d.len());
        docs.append(&mut d);
    }
    docs
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_other_bytes() {
    for (format, profile) in [
        (OutFormat::Uspto, Profile::Patent),
        (OutFormat::Jsonl, Profile::Mixed),
    ] {
        let (a, b, c) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let s1 = generate(&args(a.path(), 200, 7, format, profile)).unwrap();
        // Another thread count must not change the bytes either.
        let mut again = args(b.path(), 200, 7, format, profile);
        again.threads = Some(1);
        generate(&again).unwrap();
        generate(&args(c.path(), 200, 8, format, profile)).unwrap();
        assert_eq!(s1.docs, 200);
        assert_eq!(s1.files.len(), 4, "200 documents at 64 a file");
        assert_eq!(folder_hash(a.path()), folder_hash(b.path()), "{format:?}");
        assert_ne!(folder_hash(a.path()), folder_hash(c.path()), "{format:?}");
    }
}

#[test]
fn first_id_continues_a_collection_in_new_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let first = generate(&args(dir.path(), 150, 3, OutFormat::Uspto, Profile::Biblio)).unwrap();
    let before: BTreeMap<PathBuf, Vec<u8>> = first
        .files
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).unwrap()))
        .collect();
    let mut more = args(dir.path(), 100, 3, OutFormat::Uspto, Profile::Biblio);
    more.first_id = 150;
    let second = generate(&more).unwrap();
    for f in &second.files {
        assert!(!before.contains_key(f), "{} written twice", f.display());
    }
    for (f, bytes) in &before {
        assert_eq!(&std::fs::read(f).unwrap(), bytes, "{} changed", f.display());
    }
    let docs = ingest(dir.path(), Format::Uspto);
    assert_eq!(docs.len(), 250);
    let ids: BTreeSet<&str> = docs.iter().map(|d| d.biblio.id.as_str()).collect();
    assert_eq!(ids.len(), 250, "ids collide");
    // Ids already in the folder are refused, and nothing is written.
    let mut overlap = args(dir.path(), 10, 3, OutFormat::Uspto, Profile::Biblio);
    overlap.first_id = 240;
    let err = generate(&overlap).unwrap_err();
    assert!(matches!(err, GenError::Usage(_)), "{err}");
    assert!(err.to_string().contains("--first-id 250"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        before.len() + second.files.len()
    );
}

#[test]
fn uspto_patents_ingest_with_languages_classes_and_families() {
    let dir = tempfile::tempdir().unwrap();
    generate(&args(
        dir.path(),
        200,
        11,
        OutFormat::Uspto,
        Profile::Patent,
    ))
    .unwrap();
    let docs = ingest(dir.path(), Format::Uspto);
    assert_eq!(docs.len(), 200);
    let langs: BTreeSet<&str> = docs.iter().map(|d| d.biblio.lang.as_str()).collect();
    assert!(langs.contains("en"), "{langs:?}");
    let foreign = docs
        .iter()
        .filter(|d| d.biblio.lang.as_str() != "en")
        .count();
    assert!(
        (5..=45).contains(&foreign),
        "{foreign} of 200 not in English"
    );
    assert!(
        langs.iter().any(|l| ["fr", "de", "es"].contains(l)),
        "{langs:?}"
    );
    let with_ipc = docs.iter().filter(|d| !d.biblio.ipc.is_empty()).count();
    assert!(with_ipc > 150, "{with_ipc} of 200 with IPC codes");
    // Families: documents sharing a priority claim; some have 2-5 members.
    let mut families: BTreeMap<String, Vec<&Document>> = BTreeMap::new();
    for d in &docs {
        assert_eq!(d.priorities.len(), 1, "{}", d.biblio.id);
        assert!(!d.claims[0].claims.is_empty() && !d.description.is_empty());
        assert!(d.biblio.publication_date.is_some() && d.biblio.filing_date.is_some());
        families
            .entry(d.priorities[0].number.clone())
            .or_default()
            .push(d);
    }
    let biggest = families.values().map(Vec::len).max().unwrap();
    assert!((2..=5).contains(&biggest), "largest family {biggest}");
    assert!(
        families.len() < 190,
        "{} families in 200 documents",
        families.len()
    );
    for members in families.values() {
        assert!(members
            .iter()
            .all(|d| d.biblio.title() == members[0].biblio.title()));
        assert!(members
            .iter()
            .all(|d| d.biblio.lang == members[0].biblio.lang));
    }
    // Dependent claims keep their reference through the claim-ref markup.
    let dependent = docs
        .iter()
        .flat_map(|d| &d.claims[0].claims)
        .filter(|c| !c.depends_on.is_empty())
        .count();
    assert!(dependent > 1000, "{dependent} dependent claims");
    let years: BTreeSet<i32> = docs
        .iter()
        .filter_map(|d| d.biblio.publication_date)
        .map(|d| d.year)
        .collect();
    assert!(years.iter().all(|y| (1995..=2024).contains(y)), "{years:?}");
    assert!(years.len() > 15, "{years:?}");
}

#[test]
fn biblio_is_the_front_page_and_the_first_claim() {
    let dir = tempfile::tempdir().unwrap();
    let s = generate(&args(dir.path(), 100, 5, OutFormat::Uspto, Profile::Biblio)).unwrap();
    let docs = ingest(dir.path(), Format::Uspto);
    assert_eq!(docs.len(), 100);
    assert!(docs
        .iter()
        .all(|d| d.claims[0].claims.len() == 1 && d.description.is_empty()));
    let per_doc = s.bytes / 100;
    assert!(
        (1_500..6_000).contains(&per_doc),
        "{per_doc} bytes a biblio document"
    );
}

#[test]
fn jsonl_mixed_ingests_with_articles_families_and_languages() {
    let dir = tempfile::tempdir().unwrap();
    generate(&args(dir.path(), 300, 13, OutFormat::Jsonl, Profile::Mixed)).unwrap();
    let docs = ingest(dir.path(), Format::Jsonl);
    assert_eq!(docs.len(), 300);
    let articles: Vec<&Document> = docs
        .iter()
        .filter(|d| d.biblio.kind == DocKind::Article)
        .collect();
    assert!(
        (40..=160).contains(&articles.len()),
        "{} articles",
        articles.len()
    );
    assert!(articles.iter().all(|a| a.biblio.journal.is_some()
        && !a.biblio.authors.is_empty()
        && a.biblio.id.starts_with("PMID:")));
    let patents: Vec<&Document> = docs
        .iter()
        .filter(|d| d.biblio.kind == DocKind::Patent)
        .collect();
    let mut by_family: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in &patents {
        by_family
            .entry(p.biblio.family_id.as_deref().unwrap_or(""))
            .or_default()
            .insert(p.priorities[0].number.as_str());
    }
    assert!(!by_family.contains_key(""), "a patent without a family id");
    assert!(
        by_family.values().all(|prios| prios.len() == 1),
        "family members share the priority"
    );
    assert!(
        by_family.len() < patents.len(),
        "no family with two members"
    );
    let langs: BTreeSet<&str> = docs.iter().map(|d| d.biblio.lang.as_str()).collect();
    assert!(langs.len() >= 3, "{langs:?}");
}

#[test]
fn patent_sizes_follow_the_measured_lengths() {
    let dir = tempfile::tempdir().unwrap();
    let s = generate(&args(
        dir.path(),
        200,
        17,
        OutFormat::Uspto,
        Profile::Patent,
    ))
    .unwrap();
    let docs = ingest(dir.path(), Format::Uspto);
    let n = docs.len() as f64;
    let claims: f64 = docs
        .iter()
        .map(|d| d.claims[0].claims.len() as f64)
        .sum::<f64>()
        / n;
    assert!(
        (11.0..21.0).contains(&claims),
        "{claims} claims on average (measured 15.6)"
    );
    let desc: f64 = docs
        .iter()
        .map(|d| {
            d.description[0]
                .paragraphs
                .iter()
                .filter(|p| !p.heading)
                .map(|p| p.text.split(' ').count())
                .sum::<usize>() as f64
        })
        .sum::<f64>()
        / n;
    assert!(
        desc <= f64::from(synth::DESCRIPTION_CAP_WORDS) && desc > 500.0,
        "{desc}"
    );
    let per_doc = s.bytes / 200;
    assert!(
        (10_000..25_000).contains(&per_doc),
        "{per_doc} bytes a patent"
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (a, want) in [
        (
            args(dir.path(), 10, 1, OutFormat::Uspto, Profile::Article),
            "--format jsonl",
        ),
        (
            args(dir.path(), 10, 1, OutFormat::Uspto, Profile::Mixed),
            "--format jsonl",
        ),
        (
            args(dir.path(), 0, 1, OutFormat::Jsonl, Profile::Patent),
            "--docs",
        ),
        (
            GenArgs {
                first_id: MAX_ID,
                ..args(dir.path(), 2, 1, OutFormat::Jsonl, Profile::Patent)
            },
            "largest id",
        ),
    ] {
        let err = generate(&a).unwrap_err();
        assert!(
            matches!(err, GenError::Usage(_)) && err.to_string().contains(want),
            "{err}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = generate(&args(&file, 10, 1, OutFormat::Jsonl, Profile::Patent)).unwrap_err();
    assert!(
        matches!(err, GenError::Usage(_)) && err.to_string().contains("not a folder"),
        "{err}"
    );
}

#[test]
fn file_names_state_their_id_range() {
    assert_eq!(
        file_name(OutFormat::Uspto, 5, 9),
        "ipg-syn-00000005-00000009.xml"
    );
    assert_eq!(range_of("ipg-syn-00000005-00000009.xml"), Some((5, 9)));
    assert_eq!(range_of("syn-00000100-00000199.jsonl"), Some((100, 199)));
    assert_eq!(range_of("ipg050104.xml"), None);
    assert_eq!(range_of(".ipg-syn-00000005-00000009.xml.part"), None);
}
