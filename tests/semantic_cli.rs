//! Search by meaning end to end with the real model, the way a user meets it: install
//! all-MiniLM-L6-v2 with `tisc resources add model`, `tisc embed demo`, then search.
//!
//! The demo corpus is embedded once (about half a minute in a debug build) and every check
//! runs on that workspace. The model folder comes from `TISC_TEST_MODEL` (`.ci/run` fetches
//! it); without it the test says why and returns, except under `TISC_REQUIRE_DATA=1`.
#![cfg(feature = "semantic")]

mod common;

use common::TestEnv;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn model_dir() -> Option<PathBuf> {
    common::test_model()
}

/// The documents the demo corpus's topic list names as relevant to topic `n`.
fn relevant(n: usize) -> HashSet<String> {
    let topics = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/demo/topics.md");
    let text = std::fs::read_to_string(topics).unwrap();
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with(&format!("{n}. ")))
        .unwrap();
    let line = section
        .lines()
        .find_map(|l| l.strip_prefix("Relevant: "))
        .unwrap();
    line.split(", ").map(|s| s.trim().to_string()).collect()
}

/// The ids of a TREC run, in rank order.
fn trec_ids(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect()
}

/// A paraphrase of demo topic 1 (a solar pump protected against running dry) that shares
/// almost none of its words: "sunshine", "lifts groundwater", "borehole runs empty".
const PARAPHRASE: &str = "A machine driven by sunshine that lifts groundwater and switches \
                          itself off before the borehole runs empty";

fn batch(env: &TestEnv, topics: &Path, alpha: &str) -> Vec<String> {
    let out = env.ok(&[
        "search",
        "--corpus",
        "demo",
        "--batch",
        topics.to_str().unwrap(),
        "--format",
        "trec",
        "--limit",
        "5",
        "--semantic",
        "on",
        "--alpha",
        alpha,
    ]);
    trec_ids(&out)
}

#[test]
fn the_demo_corpus_embedded_with_the_real_model_is_searched_by_meaning() {
    let Some(model) = model_dir() else {
        return;
    };
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    env.ok(&["resources", "add", "model", model.to_str().unwrap()]);

    // Embedding: every document gets a vector; a second run has nothing left to do.
    let out = env.ok(&["embed", "demo", "--threads", "2"]);
    assert!(out.contains("have a vector"), "{out}");
    let corpora: serde_json::Value =
        serde_json::from_str(&env.ok(&["corpora", "--format", "json"])).unwrap();
    let demo = corpora
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "demo")
        .unwrap();
    let embedded = demo["embedded"].as_u64().unwrap();
    assert!(embedded > 100, "{demo}");
    assert_eq!(Some(embedded), demo["embeddable"].as_u64(), "{demo}");
    let again = env.ok(&["embed", "demo"]);
    assert!(again.contains("demo: 0 documents embedded"), "{again}");

    // Meaning alone (α = 0) finds documents of the topic from a paraphrase; the fused
    // ranking (the default α) holds at least as many of them as BM25 alone.
    let topics = env.path().join("topics.tsv");
    std::fs::write(&topics, format!("q1\t{PARAPHRASE}\n")).unwrap();
    let on_topic = relevant(1);
    let count = |ids: &[String]| ids.iter().filter(|d| on_topic.contains(*d)).count();
    let dense = batch(&env, &topics, "0");
    let fused = batch(&env, &topics, "0.6");
    let bm25 = batch(&env, &topics, "1");
    assert_eq!(dense.len(), 5, "{dense:?}");
    assert!(count(&dense) >= 4, "meaning alone: {dense:?}");
    assert!(
        count(&fused) >= count(&bm25),
        "fused {fused:?}, BM25 {bm25:?}"
    );

    // Query by example fused with meaning: each row says its BM25 and dense parts, which
    // add up to its score; no fallback line, since the corpus is embedded.
    let disclosure = env.path().join("disclosure.txt");
    std::fs::write(&disclosure, PARAPHRASE).unwrap();
    let out = env
        .tisc()
        .args([
            "search",
            "--corpus",
            "demo",
            "--disclosure",
            disclosure.to_str().unwrap(),
            "--semantic",
            "on",
            "--format",
            "json",
            "--limit",
            "10",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("search by meaning not used"), "{err}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    let mut with_dense = 0;
    for r in rows {
        let score = r["score"].as_f64().unwrap();
        let bm25 = r["bm25"].as_f64().unwrap_or(0.0);
        if let Some(d) = r["dense"].as_f64() {
            with_dense += 1;
            assert!((bm25 + d - score).abs() < 1e-4, "{r}");
        }
    }
    assert!(with_dense > 0, "no row has a dense part: {rows:?}");
}

/// The workbench's worker embeds a corpus as `tisc embed` does, sending progress as it goes,
/// while a search (by meaning) of the same corpus is answered meanwhile.
#[test]
fn the_workbench_embeds_in_the_background_while_searches_go_on() {
    use tisc::tui::action::{Effect, JobDone};
    let Some(model) = model_dir() else {
        return;
    };
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    env.ok(&["resources", "add", "model", model.to_str().unwrap()]);
    let ws = tisc::corpus::Workspace::at(env.path());
    let cache = tisc::tui::worker::IndexCache::default();
    let (tx, rx) = crossbeam_channel::unbounded();
    let embed = {
        let (ws, cache, tx) = (ws.clone(), cache.clone(), tx.clone());
        std::thread::spawn(move || {
            tisc::tui::worker::perform(
                &ws,
                &cache,
                &tisc::search::job::Generation::new().start(),
                Effect::Embed {
                    gen: 7,
                    corpus: "demo".into(),
                },
                &tx,
            )
        })
    };
    // The first batch is saved: a search by meaning now is answered (BM25 alone or ordered
    // by the vectors so far), without waiting for the run to end.
    let first = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("progress");
    let tisc::tui::action::Action::Job { gen: 7, done } = first else {
        panic!("{first:?}")
    };
    assert!(
        matches!(done, JobDone::EmbedProgress { done: 0, .. }),
        "{done:?}"
    );
    let search = tisc::tui::worker::perform(
        &ws,
        &cache,
        &tisc::search::job::Generation::new().start(),
        Effect::Search {
            gen: 8,
            query: "pump".into(),
            corpora: vec!["demo".into()],
            cutoff: None,
            case: None,
            history: Vec::new(),
            limit: 20,
            corrects: None,
            meaning: true,
            example: None,
        },
        &tx,
    );
    let JobDone::Searched(Ok(found)) = search else {
        panic!("{search:?}")
    };
    assert!(!found.hits.is_empty());
    let done = embed.join().expect("the run ends");
    let JobDone::Embedded(Ok(e)) = done else {
        panic!("{done:?}")
    };
    assert_eq!(e.corpus, "demo");
    assert!(
        e.embedded > 100 && e.with_vector == e.embeddable && e.failed == 0,
        "{e:?}"
    );
    // Progress came for every batch, the last one complete, with a rate.
    let progress: Vec<(u64, u64, f64)> = rx
        .try_iter()
        .filter_map(|a| match a {
            tisc::tui::action::Action::Job {
                gen: 7,
                done:
                    JobDone::EmbedProgress {
                        done,
                        total,
                        per_second,
                    },
            } => Some((done, total, per_second)),
            _ => None,
        })
        .collect();
    let last = progress.last().copied().expect("progress after each batch");
    assert_eq!((last.0, last.1), (e.embedded, e.embedded), "{progress:?}");
    assert!(last.2 > 0.0);
    assert!(progress.len() as u64 >= e.embedded / 32, "{progress:?}");
    // The corpora screen's rows say it.
    let rows = tisc::tui::worker::perform(
        &ws,
        &cache,
        &tisc::search::job::Generation::new().start(),
        Effect::LoadCorpora { gen: 8 },
        &tx,
    );
    let JobDone::CorporaLoaded(rows) = rows else {
        panic!("{rows:?}")
    };
    let demo = rows
        .iter()
        .find(|r| r.name == "demo")
        .expect("the demo row");
    assert_eq!(
        demo.meaning,
        Some(tisc::semantic::store::Share {
            embedded: e.with_vector,
            embeddable: e.embeddable,
            stale: false,
        })
    );
    // As `tisc embed` left it: the CLI finds nothing more to do.
    let again = env.ok(&["embed", "demo"]);
    assert!(again.contains("demo: 0 documents embedded"), "{again}");
    // A second run while none is going embeds nothing and says so.
    let done = tisc::tui::worker::perform(
        &ws,
        &cache,
        &tisc::search::job::Generation::new().start(),
        Effect::Embed {
            gen: 9,
            corpus: "demo".into(),
        },
        &tx,
    );
    assert!(
        matches!(&done, JobDone::Embedded(Ok(e)) if e.embedded == 0 && e.with_vector == e.embeddable),
        "{done:?}"
    );
}
