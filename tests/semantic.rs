//! Search by meaning without a real model: the command line without one (the fallback line,
//! `tisc embed` refused), and, through the library with a test double of the model (a hashed
//! bag of words), vectors through a kill and a resume, a torn tail, growth, and fusion in a
//! search job.

mod common;

use common::TestEnv;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tisc::search::backend::SearchBackend;
use tisc::search::job::{self, Generation, JobRequest, Strategy};
use tisc::search::meaning::{Meaning, MeaningQuery, Mode};
use tisc::semantic::embed::{embed_corpus, EmbedReport};
use tisc::semantic::{store, Embedder};
use tisc_test_kit::embedder::HashEmbedder;

/// A BEIR file of documents (id, text), each titled `doc <id>`.
fn write_beir(path: &Path, docs: &[(&str, &str)]) {
    let lines: String = docs
        .iter()
        .map(|(id, text)| {
            serde_json::json!({"_id": id, "title": format!("doc {id}"), "text": text}).to_string()
                + "\n"
        })
        .collect();
    std::fs::write(path, lines).unwrap();
}

fn texts(n: usize) -> Vec<(String, String)> {
    let words = [
        "pump", "solar", "drip", "emitter", "cassava", "grater", "canal", "valve",
    ];
    (0..n)
        .map(|i| {
            let t = format!("{} {} water {i}", words[i % 8], words[(i * 3 + 1) % 8]);
            (format!("d{i:02}"), t)
        })
        .collect()
}

fn embed(env: &TestEnv, name: &str, model: &dyn Embedder, batch: usize) -> EmbedReport {
    let dir = env.path().join("index").join(name);
    let shards = tisc::index::shards::open(&dir, name).expect("index opens");
    embed_corpus(&dir, &shards, model, batch, &mut |_, _| {}).expect("embedding runs")
}

fn indexed(env: &TestEnv, name: &str, n: usize) -> tempfile::TempDir {
    let docs = texts(n);
    let data = tempfile::tempdir().unwrap();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect();
    write_beir(&data.path().join("a.jsonl"), &refs);
    env.index(name, "beir", data.path());
    data
}

#[test]
fn embed_without_a_model_is_refused_with_the_install_hint() {
    let env = TestEnv::new();
    let out = env.tisc().args(["embed", "demo"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no sentence-embedding model is installed")
            && err.contains("tisc resources add model DIR"),
        "{err}"
    );
    let out = env
        .tisc()
        .args(["embed", "no-such-corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn search_with_meaning_on_and_no_model_falls_back_to_bm25_and_says_so_once() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let plain = env.search_json("demo", "solar AND pump*", 5);
    assert!(!plain.is_empty());
    let out = env
        .tisc()
        .args([
            "search",
            "--corpus",
            "demo",
            "--semantic",
            "on",
            "--format",
            "json",
            "--limit",
            "5",
            "solar AND pump*",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        err.matches("search by meaning not used, BM25 alone")
            .count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("demo: no sentence-embedding model is installed"),
        "{err}"
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits, plain, "the BM25 results, unchanged");
    assert!(hits
        .iter()
        .all(|h| h.get("bm25").is_none() && h.get("dense").is_none()));
    // `tisc explain --hits` without a model: BM25 alone, said once.
    let out = env
        .tisc()
        .args([
            "explain",
            "--corpus",
            "demo",
            "--hits",
            "3",
            "solar AND pump*",
        ])
        .output()
        .unwrap();
    let (text, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(text.contains("first hits by BM25 alone"), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("   1  ")).count(),
        1,
        "{text}"
    );
    assert_eq!(err.matches("BM25 alone").count(), 1, "{err}");
    // `auto` (the default) says nothing to a user who never installed a model.
    let out = env
        .tisc()
        .args(["search", "--corpus", "demo", "solar AND pump*"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("meaning"));
    // `--order meaning` cannot be asked with meaning off.
    let out = env
        .tisc()
        .args([
            "search",
            "--corpus",
            "demo",
            "--semantic",
            "off",
            "--order",
            "meaning",
            "pump",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .tisc()
        .args(["search", "--corpus", "demo", "--alpha", "1.5", "pump"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_run_killed_after_some_batches_is_resumed_and_embeds_only_the_rest() {
    let env = TestEnv::new();
    let _data = indexed(&env, "k", 20);
    // The model stops answering after two batches of 4: the run saves those 8 and counts
    // the other 12 as failed.
    let broken = HashEmbedder::failing_after(16, 2);
    let first = embed(&env, "k", &broken, 4);
    assert_eq!(
        (first.embeddable, first.embedded, first.failed),
        (20, 8, 12)
    );
    assert!(first
        .first_failure
        .unwrap()
        .contains("the test model stopped"));
    let model = HashEmbedder::new(16);
    let second = embed(&env, "k", &model, 4);
    assert_eq!((second.already, second.embedded, second.failed), (8, 12, 0));
    assert_eq!(model.embedded.load(Ordering::SeqCst), 12, "only the rest");
    let third = embed(&env, "k", &model, 4);
    assert_eq!((third.already, third.embedded), (20, 0));
    // Every stored vector is the one the model gives for the document's text.
    let dir = env.path().join("index").join("k");
    let opened = store::open(&dir, Some(model.model_id())).unwrap().unwrap();
    assert_eq!(opened.vectors.len(), 20);
    let v = opened.vectors.get("d03").unwrap();
    assert_eq!(
        v,
        &model.vector(&format!("doc d03\n{}", texts(20)[3].1))[..]
    );
    assert_eq!(opened.manifest.embedded, 20);
}

#[test]
fn a_torn_tail_is_dropped_and_its_documents_embedded_again() {
    let env = TestEnv::new();
    let _data = indexed(&env, "t", 10);
    let model = HashEmbedder::new(8);
    embed(&env, "t", &model, 3);
    let dir = env.path().join("index").join("t");
    let manifest = store::manifest(&dir).unwrap().unwrap();
    let data = store::vectors_dir(&dir).join(&manifest.data);
    // A kill in the middle of writing the last batch, after the manifest counted it: the
    // file is cut inside the last record.
    let bytes = std::fs::read(&data).unwrap();
    std::fs::write(&data, &bytes[..bytes.len() - 10]).unwrap();
    let opened = store::open(&dir, None).unwrap().unwrap();
    assert_eq!(opened.vectors.len(), 9);
    assert!(opened.torn_bytes > 0);
    // A kill after the batch was written but before the manifest counted it: extra bytes.
    let model2 = HashEmbedder::new(8);
    let report = embed(&env, "t", &model2, 3);
    assert_eq!((report.already, report.embedded), (9, 1));
    assert!(report.torn_bytes > 0);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(store::vectors_dir(&dir).join(store::manifest(&dir).unwrap().unwrap().data))
        .unwrap();
    std::io::Write::write_all(&mut f, &[7u8; 33]).unwrap();
    drop(f);
    let report = embed(&env, "t", &model2, 3);
    assert_eq!(
        (report.already, report.embedded, report.torn_bytes),
        (10, 0, 33)
    );
}

#[test]
fn growth_embeds_only_new_documents_and_drops_removed_ones() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    let a = data.path().join("a.jsonl");
    let b = data.path().join("b.jsonl");
    write_beir(&a, &[("a1", "solar pump"), ("a2", "drip emitter")]);
    write_beir(&b, &[("b1", "cassava grater")]);
    env.index("g", "beir", data.path());
    let model = HashEmbedder::new(16);
    assert_eq!(embed(&env, "g", &model, 32).embedded, 3);
    // Growth: a new file; one file removed.
    write_beir(
        &data.path().join("c.jsonl"),
        &[("c1", "canal valve"), ("c2", "valve seat")],
    );
    std::fs::remove_file(&b).unwrap();
    env.ok(&["index", "g"]);
    let corpora: serde_json::Value =
        serde_json::from_str(&env.ok(&["corpora", "--format", "json"])).unwrap();
    let row = corpora
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "g")
        .unwrap()
        .clone();
    assert_eq!(
        (&row["embedded"], &row["embeddable"]),
        (&3.into(), &3.into())
    );
    assert_eq!(row["embedded_stale"], true, "the index changed since");
    let model = HashEmbedder::new(16);
    let r = embed(&env, "g", &model, 32);
    assert_eq!(
        (r.documents, r.already, r.embedded, r.removed),
        (4, 2, 2, 1)
    );
    assert_eq!(
        model.embedded.load(Ordering::SeqCst),
        2,
        "only the new ones"
    );
    let dir = env.path().join("index").join("g");
    let opened = store::open(&dir, None).unwrap().unwrap();
    let mut ids = opened.vectors.ids().to_vec();
    ids.sort();
    assert_eq!(ids, ["a1", "a2", "c1", "c2"]);
    assert_eq!(opened.records, 4, "compacted: one record per document");
    let table = env.ok(&["corpora"]);
    let line = table.lines().find(|l| l.starts_with("g ")).unwrap();
    assert!(line.contains("4/4") && !line.contains('*'), "{line}");
    // A rebuild keeps them: vectors are keyed by canonical id.
    env.ok(&["index", "g", "--rebuild"]);
    let r = embed(&env, "g", &model, 32);
    assert_eq!((r.already, r.embedded, r.removed), (4, 0, 0));
}

#[test]
fn another_models_vectors_are_replaced_by_the_next_run() {
    let env = TestEnv::new();
    let _data = indexed(&env, "m", 5);
    embed(&env, "m", &HashEmbedder::new(16).named("old-model"), 32);
    let r = embed(&env, "m", &HashEmbedder::new(8), 32);
    assert_eq!(r.replaced_model.as_deref(), Some("old-model"));
    assert_eq!((r.already, r.embedded), (0, 5));
}

#[test]
fn documents_in_other_languages_are_counted_not_embedded() {
    let env = TestEnv::new();
    let _data = indexed(&env, "l", 4);
    // The BEIR documents are English; a model reading French only embeds none of them.
    let r = embed(&env, "l", &HashEmbedder::new(8).reading(&["fr"]), 32);
    assert_eq!(
        (r.documents, r.embeddable, r.other_language, r.embedded),
        (4, 0, 4, 0)
    );
}

#[test]
fn a_job_fuses_bm25_with_the_dense_list_and_orders_a_boolean_set_by_meaning() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    write_beir(
        &data.path().join("a.jsonl"),
        &[
            ("p1", "pump station"),
            ("p2", "pump for irrigation canal water"),
            ("x1", "irrigation canal water gate"),
            ("x2", "cassava grater"),
        ],
    );
    env.index("f", "beir", data.path());
    let model = HashEmbedder::new(64);
    embed(&env, "f", &model, 32);
    let dir = env.path().join("index").join("f");
    let vectors = Arc::new(store::open(&dir, None).unwrap().unwrap().vectors);
    let index = tisc::index::CorpusIndex::open(&dir, "f").unwrap();
    let backend = tisc::search::backend::Embedded::new(&index).unwrap();
    let run = |mode: Mode, query: &str| {
        let req = JobRequest {
            strategies: Strategy::numbered(&["pump"], 1),
            per_list: 100,
            limit: 10,
            cutoff: None,
            group: false,
            snippets: false,
            merge: Default::default(),
            meaning: Some(Arc::new(Meaning {
                alpha: 0.6,
                corpora: vec![Some(vectors.clone())],
                strategies: vec![Some(MeaningQuery {
                    vector: model.embed_query(query).unwrap(),
                    mode,
                })],
            })),
        };
        let refs: Vec<&dyn SearchBackend> = vec![&backend];
        job::run_backends(
            &refs,
            &req,
            &Generation::new().start(),
            &tisc::search::no_history,
            &|_, _| {},
        )
        .unwrap()
        .rows
    };
    // Fused: x1 does not say "pump" but means what the query means; it joins the list.
    let rows = run(Mode::Fuse, "irrigation canal water");
    let ids: Vec<&str> = rows.iter().map(|h| h.id.as_str()).collect();
    assert!(ids.contains(&"x1"), "{ids:?}");
    assert_eq!(ids[0], "p1", "the best BM25 score weighs 0.6: first");
    assert!(!ids.contains(&"x2") || ids.last() == Some(&"x2"), "{ids:?}");
    for h in &rows {
        let (b, d) = (h.bm25.unwrap(), h.dense.unwrap());
        assert!((h.score - (b + d)).abs() < 1e-6, "{h:?}");
    }
    // Ordered by meaning: the exact set of `pump` (p1, p2), the closer one first.
    let rows = run(Mode::Order, "irrigation canal water");
    let ids: Vec<&str> = rows.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["p2", "p1"]);
    assert!(rows[0].dense.unwrap() > rows[1].dense.unwrap());
}
