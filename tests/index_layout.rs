//! `tisc index --stems-only` and `--store-compression zstd`: what they save, what they keep,
//! and what changes (truncation on stems), through the CLI on the demo corpus.

mod common;

use common::TestEnv;
use serde_json::Value;

fn index_json(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["index", "demo", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&env.ok(&all)).expect("index summary is JSON")
}

fn index_bytes(summary: &Value) -> u64 {
    summary["index_bytes"].as_u64().expect("index_bytes")
}

/// The live generation's `tisc-index.json`.
fn meta(env: &TestEnv) -> Value {
    let dir = env.path().join("index/demo");
    let current = std::fs::read_to_string(dir.join("CURRENT")).expect("CURRENT");
    let text = std::fs::read_to_string(dir.join(current.trim()).join("tisc-index.json"))
        .expect("tisc-index.json");
    serde_json::from_str(&text).expect("metadata is JSON")
}

/// Ids, scores and snippets of a search, as JSON text (identical layouts give equal text).
fn hits(env: &TestEnv, q: &str) -> Vec<Value> {
    env.search_hits("demo", &["--limit", "60", q])
}

fn ids(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_compact_index_is_smaller_and_answers_word_strategies_alike() {
    let (full, compact) = (TestEnv::new(), TestEnv::new());
    let full_summary = index_json(&full, &[]);
    // Defining the layout on a corpus rebuilds its index, says why, and saves the setting.
    compact.ok(&["index", "demo"]);
    let (out, err) = compact.exits(
        &[
            "index",
            "demo",
            "--json",
            "--stems-only",
            "--store-compression",
            "zstd",
        ],
        0,
    );
    common::assert_contains(&err, "stemmed words only");
    let compact_summary: Value = serde_json::from_str(&out).expect("JSON");
    common::assert_contains(
        compact_summary["rebuild_reason"]
            .as_str()
            .unwrap_or_default(),
        "asks for stems only",
    );
    let def = std::fs::read_to_string(compact.path().join("corpora/demo.toml")).unwrap();
    assert!(def.contains("stems_only = true"), "{def}");
    assert!(def.contains("store_compression = \"zstd\""), "{def}");
    let m = meta(&compact);
    assert_eq!(m["stems_only"], Value::Bool(true), "{m}");
    assert_eq!(m["store_compression"], "zstd", "{m}");
    assert!(meta(&full).get("stems_only").is_none());
    let listed = compact.ok(&["corpora"]);
    common::assert_contains(&listed, "indexed (stems only, zstd store)");
    let rows: Value = serde_json::from_str(&compact.ok(&["corpora", "--format", "json"])).unwrap();
    let demo = rows
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == "demo"))
        .expect("demo listed");
    assert_eq!(demo["stems_only"], Value::Bool(true));
    assert_eq!(demo["store_compression"], "zstd");

    assert_eq!(
        full_summary["indexed"], compact_summary["indexed"],
        "the same documents"
    );
    let (a, b) = (index_bytes(&full_summary), index_bytes(&compact_summary));
    assert!(
        (b as f64) < 0.85 * a as f64,
        "compact index {b} bytes against {a}: not smaller"
    );

    // Strategies without truncation read only the stemmed fields: the same hits, scores and
    // snippets (the documents come back whole out of the zstd store).
    for q in [
        "solar AND pump",
        "(irrigation OR watering) NOT ti:livestock",
        "pump NEAR/3 solar",
        "\"drip irrigation\"",
        "ipc:F04B OR cassava",
        "pd:[2010-01-01 TO 2020-12-31] AND water",
    ] {
        let (f, c) = (hits(&full, q), hits(&compact, q));
        assert!(!f.is_empty(), "`{q}` finds nothing: not a useful probe");
        assert_eq!(c, f, "`{q}`: the compact index answers differently");
    }

    // Truncation matches stems: `pump*` finds the documents the unstemmed words find on
    // this corpus (ranked otherwise: the stemmed field's statistics score them).
    let sorted = |h: &[Value]| {
        let mut v = ids(h);
        v.sort();
        v
    };
    let (f, c) = (
        hits(&full, "pump* AND solar"),
        hits(&compact, "pump* AND solar"),
    );
    assert!(!f.is_empty());
    assert_eq!(sorted(&c), sorted(&f), "pump* differs between layouts");
    eprintln!("demo index: {a} bytes in full, {b} compact");

    // Back to the full layout: rebuilt, said why, and the setting removed.
    let (out, _) = compact.exits(&["index", "demo", "--json", "--stems-only", "no"], 0);
    let back: Value = serde_json::from_str(&out).expect("JSON");
    common::assert_contains(
        back["rebuild_reason"].as_str().unwrap_or_default(),
        "asks for one",
    );
    let def = std::fs::read_to_string(compact.path().join("corpora/demo.toml")).unwrap();
    assert!(!def.contains("stems_only"), "{def}");
    assert!(def.contains("store_compression = \"zstd\""), "{def}");
    assert_eq!(meta(&compact).get("stems_only"), None);
}

#[test]
fn truncation_on_stems_misses_words_whose_stem_is_shorter_than_the_prefix() {
    // What the help text promises: with stems only, `runn*` no longer finds `running`
    // (stem `run`), and `pump*` still finds `pumping` (stem `pump`).
    let env = TestEnv::new();
    let docs = [
        ("d1", "Running water", "A running stream turns the wheel."),
        (
            "d2",
            "Pumping station",
            "The station is pumping water uphill.",
        ),
    ];
    let _data = env.beir_corpus("c", &docs);
    let found = |q: &str| -> Vec<String> {
        let out = env.ok(&["search", "--corpus", "c", "--format", "json", q]);
        let v: Vec<Value> = serde_json::from_str(&out).expect("JSON");
        ids(&v)
    };
    assert_eq!(found("runn*"), ["d1"]);
    assert_eq!(found("pump*"), ["d2"]);
    env.ok(&["index", "c", "--stems-only"]);
    assert!(found("runn*").is_empty(), "runn* on stems");
    assert_eq!(found("pump*"), ["d2"]);
    assert_eq!(found("running"), ["d1"], "words are found as before");
}

#[test]
fn a_bad_layout_value_is_a_usage_error() {
    let env = TestEnv::new();
    env.fails_saying(
        &["index", "demo", "--store-compression", "brotli"],
        2,
        "brotli",
    );
    env.fails_saying(&["index", "demo", "--stems-only", "maybe"], 2, "maybe");
}
