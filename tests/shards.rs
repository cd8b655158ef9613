//! Sharded corpora and the identity of scores: the same documents give the same ids, order
//! and scores (to the bit) in one index or four shards, and in two builds whose documents
//! fell into segments differently — over the query-language oracle's generated strategies
//! and the reference's examples, on real USPTO grants from ../shared/data.

mod common;

use common::conformance::{self, identical_lists, reference_examples};
use common::oracle::Oracle;
use tisc::search::backend::{Embedded, SearchBackend};
use tisc::search::sharded::Sharded;

/// The oracle over the shared USPTO grants and a temporary home for its indexes; `None` (the
/// test skips) without the shared data.
fn oracle() -> Option<(Oracle, tempfile::TempDir)> {
    let dir = common::shared("uspto-patent-xml/grants-weekly-excerpts")?;
    Some((Oracle::uspto(&dir), tempfile::tempdir().unwrap()))
}

fn strategies(oracle: &Oracle) -> Vec<String> {
    let mut all = oracle.queries(300);
    all.extend(reference_examples());
    // Query by example's shape: many words, whose contributions are added up in an order
    // that follows the documents' places in the posting lists.
    all.extend(oracle.wide_disjunctions(40, 20));
    all
}

#[test]
fn one_index_and_four_shards_give_identical_lists() {
    let Some((oracle, home)) = oracle() else {
        return;
    };
    let one = oracle.index_sharded(home.path(), "one", 1, false);
    let four = oracle.index_sharded(home.path(), "four", 4, false);
    assert_eq!(four.len(), 4, "four shards on disk");
    let per_shard: Vec<u64> = four.iter().map(|s| s.num_docs()).collect();
    assert!(per_shard.iter().all(|n| *n > 0), "{per_shard:?}");
    assert_eq!(per_shard.iter().sum::<u64>(), one[0].num_docs());
    let a = Embedded::new(&one[0]).unwrap();
    let b = Sharded::new(&four).unwrap();
    assert_eq!(b.corpus(), "four");
    let nonempty = identical_lists(&a, &b, &strategies(&oracle));
    eprintln!("{nonempty} strategies with hits: identical in 1 and 4 shards");
    assert!(nonempty >= 100, "too few strategies with hits: {nonempty}");
}

#[test]
fn two_builds_with_other_segment_layouts_give_identical_scores() {
    let Some((oracle, home)) = oracle() else {
        return;
    };
    let forward = oracle.index_sharded(home.path(), "forward", 1, false);
    let reverse = oracle.index_sharded(home.path(), "reverse", 1, true);
    let (a, b) = (
        Embedded::new(&forward[0]).unwrap(),
        Embedded::new(&reverse[0]).unwrap(),
    );
    let nonempty = identical_lists(&a, &b, &strategies(&oracle));
    assert!(nonempty >= 100, "too few strategies with hits: {nonempty}");
    // Two sharded builds, likewise.
    let f4 = oracle.index_sharded(home.path(), "f4", 4, false);
    let r4 = oracle.index_sharded(home.path(), "r4", 4, true);
    let (c, d) = (Sharded::new(&f4).unwrap(), Sharded::new(&r4).unwrap());
    identical_lists(&c, &d, &strategies(&oracle));
}

#[test]
fn the_sharded_backend_passes_the_conformance_suite() {
    let Some((oracle, home)) = oracle() else {
        return;
    };
    let shards = oracle.index_sharded(home.path(), "uspto", 3, false);
    let backend = Sharded::new(&shards).unwrap();
    let nonempty = conformance::oracle_queries(&backend, &oracle, 300);
    assert!(nonempty >= 60, "too few strategies with hits: {nonempty}");
    let compared = conformance::doc_examples(&backend, &oracle, &reference_examples());
    assert!(compared >= 10, "only {compared} examples compared");
}

/// `tisc index --shards 3` on the demo corpus: saved in the definition, searched through
/// `tisc search` with the same rows and scores as one index, and refused with exit 2 where a
/// command does not read shards yet.
#[test]
fn the_cli_indexes_and_searches_a_sharded_corpus_as_one() {
    use common::TestEnv;
    let (one, three) = (TestEnv::new(), TestEnv::new());
    one.ok(&["index", "demo"]);
    three.ok(&["index", "demo"]);
    let (_, err) = three.exits(&["index", "demo", "--shards", "3"], 0);
    common::assert_contains(&err, "keeps its index in 3 shards");
    let def = std::fs::read_to_string(three.path().join("corpora/demo.toml")).unwrap();
    assert!(def.contains("shards = 3"), "{def}");
    let generation = std::fs::read_dir(three.path().join("index/demo"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .expect("a generation")
        .path();
    assert!(generation.join("shard-02").is_dir() && !generation.join("shard-03").exists());
    // Again: a sharded corpus is read in full, and says so.
    let (out, err) = three.exits(&["index", "demo"], 0);
    common::assert_contains(&format!("{out}{err}"), "always read in full");
    for q in [
        "solar AND pump*",
        "(irrigation OR watering) NOT ti:livestock",
        "pump* NEAR/3 solar",
        "ipc:F04B OR cassava",
    ] {
        assert_eq!(
            three.search_hits("demo", &["--limit", "50", q]),
            one.search_hits("demo", &["--limit", "50", q]),
            "`{q}`: 3 shards and 1 index differ"
        );
    }
    let disclosure = one.path().join("disclosure.txt");
    std::fs::write(
        &disclosure,
        "A solar powered pump for irrigating small farms, with photovoltaic panels and a \
         controller that works without a battery, storing water in an elevated tank.",
    )
    .unwrap();
    let d = disclosure.to_str().unwrap();
    assert_eq!(
        three.search_hits("demo", &["--disclosure", d, "--prf"]),
        one.search_hits("demo", &["--disclosure", d, "--prf"]),
        "query by example: 3 shards and 1 index differ"
    );
    let queries = one.path().join("q.jsonl");
    std::fs::write(&queries, "{\"_id\": \"1\", \"text\": \"solar pump\"}\n").unwrap();
    three.fails_saying(
        &[
            "search",
            "--corpus",
            "demo",
            "--batch",
            queries.to_str().unwrap(),
        ],
        2,
        "split into 3 shards",
    );
    // Back to one index: every command reads it again.
    three.ok(&["index", "demo", "--shards", "1"]);
    assert_eq!(
        three.batch_run("demo", &queries, 10),
        one.batch_run("demo", &queries, 10)
    );
}
