//! The JSON forms that hold bibliographic data — documents stored in the index, case files with
//! their snapshots — are read and written byte for byte as tisc wrote them before the
//! bibliographic fields were gathered into one `model::Biblio`.
//!
//! `tests/fixtures/case-v-main.json` is a `case.json` written by that earlier tisc (five
//! citations from the demo corpus and DOCDB: patents and articles, with every snapshot field).
//! The documents are compared with a copy of the earlier flat `Document` kept here as
//! [`legacy::Document`]; it also serves as the baseline of the (ignored) timing test.

mod common;

use common::TestEnv;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tisc::case::{Case, CaseStore};
use tisc::ingest::Format;
use tisc::model::{Date, DocHead, DocKind, Document, Lang};

fn legacy_case_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-v-main.json")
}

/// A workspace whose case `legacy` is the fixture, copied verbatim.
fn env_with_legacy_case() -> (TestEnv, Vec<u8>) {
    let env = TestEnv::new();
    let bytes = std::fs::read(legacy_case_file()).expect("fixture case file");
    let dir = env.path().join("cases").join("legacy");
    std::fs::create_dir_all(&dir).expect("case folder");
    std::fs::write(dir.join("case.json"), &bytes).expect("write case.json");
    (env, bytes)
}

#[test]
fn a_case_written_before_biblio_opens_with_every_snapshot_field() {
    let (env, _) = env_with_legacy_case();
    let case: Case = CaseStore::new(env.path().join("cases"))
        .open("legacy")
        .expect("the earlier case opens");
    assert_eq!(case.citations.len(), 5);

    let ep = &case.citation("EP3330193B1").expect("EP citation").snapshot;
    let b = &ep.biblio;
    assert_eq!(b.kind, DocKind::Patent);
    assert_eq!(b.lang, Lang::fr());
    assert_eq!(b.kind_code(), Some("B1"));
    assert_eq!(b.number_forms(), ["EP3330193B1", "EP3330193"]);
    assert_eq!(b.titles.len(), 3);
    assert_eq!(
        b.title(),
        "Solar water pumping system with pay-as-you-go metering"
    );
    assert_eq!(
        b.title_in(&Lang::de()),
        Some("Solares Wasserpumpsystem mit Prepaid-Abrechnung")
    );
    assert_eq!(b.applicants, ["Institut Marocain des Énergies Rurales"]);
    assert_eq!(b.inventors.len(), 3);
    assert_eq!(b.ipc.len(), 2);
    assert_eq!(b.publication_date, Date::new(2022, 8, 10));
    assert_eq!(b.filing_date, Date::new(2017, 11, 26));
    assert_eq!(ep.priority_date, Date::new(2016, 11, 26));
    assert_eq!(b.application_number.as_deref(), Some("17781893.9"));

    let wo = &case
        .citation("WO2022259205A1")
        .expect("WO citation")
        .snapshot;
    assert_eq!(wo.biblio.cpc.len(), 16);
    assert_eq!(wo.biblio.family_id.as_deref(), Some("82558028"));
    assert_eq!(wo.priority_date, Date::new(2021, 6, 11));
    assert!(wo
        .biblio
        .abstract_in(&Lang::fr())
        .is_some_and(|a| a.starts_with("La présente divulgation")));

    let pm = &case
        .citation("PMID:39900172")
        .expect("PubMed citation")
        .snapshot;
    assert_eq!(pm.biblio.kind, DocKind::Article);
    assert_eq!(pm.biblio.authors.len(), 5);
    assert_eq!(
        pm.biblio.journal.as_deref(),
        Some("African Journal of Rural Engineering")
    );
    assert_eq!(pm.biblio.pmid.as_deref(), Some("39900172"));
    assert_eq!(pm.biblio.doi.as_deref(), Some("10.5555/ajre.2023.0410"));
    assert!(pm.biblio.number.is_none());

    let pmc = &case.citation("PMC9900004").expect("PMC citation").snapshot;
    assert_eq!(pmc.biblio.pmcid.as_deref(), Some("PMC9900004"));
    assert_eq!(pmc.biblio.pmid, None);
}

#[test]
fn a_case_written_before_biblio_is_written_back_byte_for_byte() {
    let (env, legacy) = env_with_legacy_case();
    // Only the schema version changes (the later fields are left out while empty).
    let before = String::from_utf8(legacy)
        .expect("utf-8 fixture")
        .replacen(
            "\"schema_version\": 1,",
            &format!("\"schema_version\": {},", tisc::case::CASE_SCHEMA_VERSION),
            1,
        )
        .into_bytes();
    let store = CaseStore::new(env.path().join("cases"));
    // The writer's own path: open for writing, fold into case.json, release.
    let writer = store.open_write("legacy").expect("open for writing");
    writer.close().expect("write case.json");
    let after = std::fs::read(env.path().join("cases/legacy/case.json")).expect("case.json");
    assert!(
        after == before,
        "case.json changed when written back:\n{}",
        String::from_utf8_lossy(&after)
    );
    // And as `case show --format json` prints it.
    let shown = env.ok(&["case", "show", "legacy", "--format", "json"]);
    assert_eq!(shown.as_bytes(), before.as_slice());
}

/// Real documents of each format: their JSON is what the earlier flat struct writes for the
/// same values, and it reads back to the same document and head.
#[test]
fn real_documents_are_stored_as_the_flat_struct_stored_them() {
    let sets = [
        (
            "uspto-patent-xml/grants-weekly-excerpts/ipg050104.small.xml",
            Format::Uspto,
        ),
        ("epo-docdb-xml", Format::Docdb),
        ("epo-ep-patent-xml", Format::Auto),
        ("pubmed-pmc-xml", Format::Auto),
    ];
    let mut checked = 0;
    for (rel, format) in sets {
        let Some(path) = common::shared(rel) else {
            return;
        };
        for doc in read_docs(&path, format) {
            let json = serde_json::to_string(&doc).expect("serialize");
            let flat: legacy::Document = serde_json::from_str(&json).expect("legacy read");
            let legacy_json = serde_json::to_string(&flat).expect("legacy write");
            assert_eq!(json, legacy_json, "{}", doc.biblio.id);
            let back: Document = serde_json::from_str(&legacy_json).expect("read back");
            assert_eq!(back, doc);
            let head: DocHead = serde_json::from_str(&legacy_json).expect("head");
            assert_eq!(head.biblio, doc.biblio);
            assert_eq!(head.priorities, doc.priorities);
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} documents read");
}

/// Every document of a file or of a folder and its subfolders (files tisc does not read are
/// skipped).
fn read_docs(path: &Path, format: Format) -> Vec<Document> {
    if !path.is_dir() {
        return tisc::ingest::read_all(path, format)
            .map(|(docs, _)| docs)
            .unwrap_or_default();
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .expect("read folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries.iter().flat_map(|p| read_docs(p, format)).collect()
}

/// Serialize and deserialize the largest patent of a weekly USPTO file and its head, many
/// times, with the nested model and with the earlier flat one. Prints the times; run with
/// `cargo test --release --test biblio_compat -- --ignored --nocapture`.
#[test]
#[ignore = "timing, run by hand in release"]
fn timing_of_document_and_head_serde() {
    let Some(path) = common::shared("uspto-patent-xml/grants-weekly-excerpts/ipg050104.small.xml")
    else {
        return;
    };
    let doc = read_docs(&path, Format::Uspto)
        .into_iter()
        .max_by_key(|d| serde_json::to_string(d).map_or(0, |j| j.len()))
        .expect("a document");
    let json = serde_json::to_string(&doc).expect("serialize");
    let flat: legacy::Document = serde_json::from_str(&json).expect("legacy read");
    // Interleaved batches, the fastest batch of each kept: the machine is shared, and a
    // batch slowed by another process says nothing about the code.
    const BATCHES: u32 = 10;
    const ROUNDS: u32 = 2_000;
    println!(
        "{}: {} bytes of JSON, {} claims; {BATCHES} batches of {ROUNDS} rounds, fastest batch × {BATCHES}",
        doc.biblio.id,
        json.len(),
        doc.claims.iter().map(|c| c.claims.len()).sum::<usize>()
    );
    type Case<'a> = (&'a str, Box<dyn Fn() -> usize + 'a>);
    let cases: Vec<Case> = vec![
        (
            "serialize Document (Biblio)",
            Box::new(|| serde_json::to_string(&doc).map_or(0, |s| s.len())),
        ),
        (
            "serialize Document (flat)",
            Box::new(|| serde_json::to_string(&flat).map_or(0, |s| s.len())),
        ),
        (
            "deserialize Document (Biblio)",
            Box::new(|| serde_json::from_str::<Document>(&json).map_or(0, |d| d.claims.len())),
        ),
        (
            "deserialize Document (flat)",
            Box::new(|| {
                serde_json::from_str::<legacy::Document>(&json).map_or(0, |d| d.claims.len())
            }),
        ),
        (
            "deserialize DocHead (Biblio)",
            Box::new(|| {
                serde_json::from_str::<DocHead>(&json).map_or(0, |h| h.biblio.titles.len())
            }),
        ),
        (
            "deserialize DocHead (flat)",
            Box::new(|| {
                serde_json::from_str::<legacy::DocHead>(&json).map_or(0, |h| h.titles.len())
            }),
        ),
    ];
    let mut best = vec![f64::MAX; cases.len()];
    let mut sink = 0usize;
    for _ in 0..BATCHES {
        for (i, (_, f)) in cases.iter().enumerate() {
            let start = Instant::now();
            for _ in 0..ROUNDS {
                sink = sink.wrapping_add(f());
            }
            best[i] = best[i].min(start.elapsed().as_secs_f64());
        }
    }
    for ((label, _), secs) in cases.iter().zip(best) {
        let ms = secs * 1000.0 * f64::from(BATCHES);
        println!("{label:<30} {ms:>8.1} ms");
    }
    assert!(sink > 0);
}

/// The flat model as it was before `model::Biblio`, field for field and rule for rule.
mod legacy {
    use serde::{Deserialize, Serialize};
    use tisc::model::{
        ClaimSet, ClassCode, Date, Description, DocKind, Lang, LangText, PatentNumber, Priority,
        SourceRef,
    };

    #[derive(Serialize, Deserialize)]
    pub struct Document {
        pub id: String,
        pub kind: DocKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub number: Option<PatentNumber>,
        pub lang: Lang,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub titles: Vec<LangText>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub abstracts: Vec<LangText>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub claims: Vec<ClaimSet>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub description: Vec<Description>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub applicants: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub inventors: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub authors: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub journal: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub ipc: Vec<ClassCode>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub cpc: Vec<ClassCode>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub publication_date: Option<Date>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub filing_date: Option<Date>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub application_number: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub priorities: Vec<Priority>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub family_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub doi: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pmid: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pmcid: Option<String>,
        #[serde(default)]
        pub source: SourceRef,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct DocHead {
        pub id: String,
        pub kind: DocKind,
        #[serde(default)]
        pub number: Option<PatentNumber>,
        pub lang: Lang,
        #[serde(default)]
        pub titles: Vec<LangText>,
        #[serde(default)]
        pub publication_date: Option<Date>,
        #[serde(default)]
        pub priorities: Vec<Priority>,
        #[serde(default)]
        pub family_id: Option<String>,
        #[serde(default)]
        pub doi: Option<String>,
        #[serde(default)]
        pub pmid: Option<String>,
    }
}
