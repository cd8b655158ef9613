//! The command line as a user meets it: help, errors, corpora, JSON and TREC output.

mod common;

use common::{assert_contains, Run, TestEnv};
use predicates::prelude::*;

#[test]
fn every_subcommand_help_has_an_example() {
    let env = TestEnv::new();
    for sub in ["index", "search", "corpora"] {
        env.tisc()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
    env.tisc()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("tisc search --corpus demo"));
}

#[test]
fn searching_an_unindexed_corpus_says_how_to_index_it() {
    let env = TestEnv::new();
    env.fails_saying(
        &["search", "--corpus", "demo", "pump"],
        1,
        "run `tisc index demo` first",
    );
}

#[test]
fn unknown_corpus_and_bad_names_are_clear_errors() {
    let env = TestEnv::new();
    env.fails_saying(&["index", "nosuch"], 2, "no corpus named `nosuch`");
    env.fails_saying(
        &["index", "--name", "../evil", "--format", "auto", "."],
        2,
        "not allowed",
    );
    env.fails_saying(
        &[
            "index",
            "--name",
            "x",
            "--format",
            "auto",
            "/no/such/folder",
        ],
        2,
        "/no/such/folder",
    );
    env.tisc()
        .args(["search", "--corpus", "demo", "   "])
        .assert()
        .code(2);
}

#[test]
fn corpora_lists_builtins_and_explains_missing_data() {
    let env = TestEnv::new();
    let defs = env.path().join("corpora");
    std::fs::create_dir_all(&defs).unwrap();
    std::fs::write(
        defs.join("gone.toml"),
        "name = \"gone\"\nformat = \"beir\"\npaths = [\"/nonexistent/shared/corpus.jsonl\"]\n",
    )
    .unwrap();
    let text = env.ok(&["corpora"]);
    assert_contains(&text, "demo");
    assert_contains(&text, "not indexed: run `tisc index demo`");
    let line = text.lines().find(|l| l.starts_with("gone")).unwrap();
    assert_contains(
        line,
        "unavailable: data not found: /nonexistent/shared/corpus.jsonl",
    );
}

/// The corpora built into tisc are the demo and the mirrored public collections: none of them
/// reads a development data folder, wherever `TISC_SHARED_DATA` points.
#[test]
fn no_builtin_corpus_reads_development_data() {
    let env = TestEnv::new();
    let out = env
        .tisc()
        .env("TISC_SHARED_DATA", common::shared_root())
        .args(["corpora", "--format", "json"])
        .succeeds();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = rows.iter().filter_map(|r| r["name"].as_str()).collect();
    assert!(names.contains(&"demo"), "{names:?}");
    for gone in [
        "scifact",
        "uspto-grants",
        "uspto-all",
        "ep",
        "docdb",
        "pubmed",
        "pmc",
    ] {
        assert!(
            !names.contains(&gone),
            "{gone} is still built in: {names:?}"
        );
    }
    env.fails(&["index", "scifact"], 2);
}

fn write_fixture_corpus(dir: &std::path::Path) {
    let doc = |n: u32, title: &str, claim: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE us-patent-grant SYSTEM \"us-patent-grant-v42-2006-08-23.dtd\" [ ]>\n\
<us-patent-grant lang=\"EN\" country=\"US\"><us-bibliographic-data-grant>\
<publication-reference><document-id><country>US</country><doc-number>0{n}</doc-number><kind>B2</kind><date>20100105</date></document-id></publication-reference>\
<application-reference appl-type=\"utility\"><document-id><country>US</country><doc-number>1200000{n}</doc-number><date>20080301</date></document-id></application-reference>\
<classifications-ipcr><classification-ipcr><section>F</section><class>04</class><subclass>B</subclass><main-group>17</main-group><subgroup>00</subgroup></classification-ipcr></classifications-ipcr>\
<invention-title id=\"t\">{title}</invention-title></us-bibliographic-data-grant>\
<abstract id=\"a\"><p id=\"p-0001\" num=\"0000\">{title} for rural use.</p></abstract>\
<claims id=\"claims\"><claim id=\"CLM-00001\" num=\"00001\"><claim-text>{claim}</claim-text></claim></claims></us-patent-grant>\n"
        )
    };
    let mut s = String::new();
    s.push_str(&doc(
        7000001,
        "Solar powered water pump",
        "A pump driven by a photovoltaic panel.",
    ));
    s.push_str(&doc(
        7000002,
        "Drip irrigation emitter",
        "An emitter with a labyrinth channel.",
    ));
    s.push_str("<?xml version=\"1.0\"?>\n<us-patent-grant><us-bibliographic-data-grant><invention-title>cut off");
    s.push('\n');
    s.push_str(&doc(
        7000003,
        "Cassava grating machine",
        "A grater with a rotating drum.",
    ));
    std::fs::write(dir.join("ipg100105.xml"), s).unwrap();
    std::fs::write(dir.join("README.md"), "not a document").unwrap();
}

/// Index the fixture corpus, whose cut-off record makes the build partial: exit 3, with the
/// JSON summary on stdout and the count and first reason on stderr.
fn index_partial(
    env: &TestEnv,
    name: &str,
    format: &str,
    path: &std::path::Path,
) -> serde_json::Value {
    let (out, _) = env
        .tisc()
        .args(["index", "--name", name, "--format", format, "--json"])
        .arg(path)
        .ends_both(3, "1 skipped while indexing (1 malformed record,");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn index_summary_counts_malformed_and_skipped_files() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    write_fixture_corpus(data.path());
    let r = index_partial(&env, "fix", "auto", data.path());
    assert_eq!(r["indexed"], 3);
    assert_eq!(r["malformed_count"], 1);
    let m = &r["malformed"][0];
    assert!(m["file"].as_str().unwrap().ends_with("ipg100105.xml"));
    assert!(m["offset"].as_u64().unwrap() > 0);
    assert_eq!(r["skipped_files"].as_array().unwrap().len(), 1);
    // Plain text summary too (a full build again: nothing changed since).
    let (out, _) = env.exits(&["index", "fix", "--rebuild"], 3);
    assert_contains(&out, "indexed fix: 3 documents");
    assert_contains(&out, "skipped 1 malformed document;");
    assert_contains(&out, "ipg100105.xml at byte");
}

#[test]
fn json_hits_carry_the_contract_fields() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    write_fixture_corpus(data.path());
    index_partial(&env, "fix", "uspto", data.path());
    let hits = env.search_json("fix", "photovoltaic pump", 5);
    assert_eq!(hits[0]["id"], "US7000001B2");
    assert_eq!(hits[0]["rank"], 1);
    assert_eq!(hits[0]["title"], "Solar powered water pump");
    assert_eq!(hits[0]["corpus"], "fix");
    assert_eq!(hits[0]["kind"], "patent");
    assert_eq!(hits[0]["kind_code"], "B2");
    assert_eq!(hits[0]["date"], "2010-01-05");
    assert!(hits[0]["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn reindexing_replaces_the_corpus() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    write_fixture_corpus(data.path());
    index_partial(&env, "fix", "uspto", data.path());
    let (again, _) = env.exits(&["index", "fix", "--rebuild", "--json"], 3);
    let again: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again["indexed"], 3);
    let hits = env.search_json("fix", "cassava", 10);
    assert_eq!(hits.len(), 1, "no duplicate after re-indexing");
}

#[test]
fn an_index_from_another_schema_version_asks_for_a_rebuild() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    write_fixture_corpus(data.path());
    index_partial(&env, "fix", "uspto", data.path());
    let meta = tisc::index::generation::live_dir(&env.path().join("index/fix"))
        .join(tisc::index::META_FILE);
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replace(
            &format!("\"schema_version\": {}", tisc::index::SCHEMA_VERSION),
            "\"schema_version\": 0",
        ),
    )
    .unwrap();
    env.fails_saying(
        &["search", "--corpus", "fix", "pump"],
        1,
        "run `tisc index fix` to rebuild",
    );
}

/// The two documents of the batch tests' corpus: (id, title, text).
const TINY: [(&str, &str, &str); 2] = [
    ("d1", "Solar pump", "A photovoltaic pump lifts water."),
    ("d2", "Solar dryer", "Drying cassava chips with solar heat."),
];

#[test]
fn batch_queries_write_a_trec_run_without_self_hits() {
    let env = TestEnv::new();
    let [pump, dryer] = TINY;
    let self_hit = ("q1", "Self", "solar pump (self) question: what?");
    let data = env.beir_corpus("tiny", &[pump, dryer, self_hit]);
    let q = data.path().join("q.jsonl");
    std::fs::write(
        &q,
        "{\"_id\": \"q1\", \"text\": \"solar pump: \\\"what\\\" (AND) lifts?\"}\n",
    )
    .unwrap();
    let out = env.batch_run("tiny", &q, 10);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split(' ').collect()).collect();
    assert_eq!(lines[0][..4], ["q1", "Q0", "d1", "1"]);
    assert!(
        lines.iter().all(|l| l[2] != "q1"),
        "self hit dropped: {out}"
    );
    let scores: Vec<f64> = lines.iter().map(|l| l[4].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] > w[1]));
    assert!(lines.iter().all(|l| l[5] == "tisc"));

    // Output cut short by a closed pipe (`| head -1`) ends quietly, without a panic.
    let bin = assert_cmd::cargo::cargo_bin("tisc");
    let piped = std::process::Command::new("sh")
        .arg("-c")
        .arg(
            "for i in $(seq 2000); do cat \"$Q\"; done > \"$Q.many\"; \
             \"$BIN\" search --corpus tiny --batch \"$Q.many\" --format trec | head -1",
        )
        .env("Q", &q)
        .env("BIN", &bin)
        .env("TISC_HOME", env.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(stderr.trim().is_empty(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&piped.stdout).lines().count(), 1);

    std::fs::write(&q, "{\"_id\": \"q1\", \"text\": \"ok\"}\nnot json\n").unwrap();
    env.fails_saying(
        &["search", "--corpus", "tiny", "--batch", q.to_str().unwrap()],
        2,
        "q.jsonl:2",
    );
}

#[test]
fn batch_reads_trec_topics_and_writes_latencies() {
    let env = TestEnv::new();
    let data = env.beir_corpus("tiny", &TINY);
    let (jsonl, tsv) = (data.path().join("q.jsonl"), data.path().join("q.tsv"));
    std::fs::write(
        &jsonl,
        "{\"_id\": \"1\", \"text\": \"solar pump\"}\n{\"_id\": \"2\", \"text\": \"cassava\"}\n",
    )
    .unwrap();
    std::fs::write(&tsv, "1\tsolar pump\n2\tcassava\n").unwrap();
    let run = |q: &std::path::Path, extra: &[&str]| {
        let args = ["search", "--corpus", "tiny", "--batch", q.to_str().unwrap()];
        env.ok(&[&args[..], &["--format", "trec"], extra].concat())
    };
    let lat = data.path().join("lat.tsv");
    let from_tsv = run(&tsv, &["--latencies", lat.to_str().unwrap()]);
    assert_eq!(from_tsv, run(&jsonl, &[]));
    assert!(from_tsv.starts_with("1 Q0 d1 1 "), "{from_tsv}");
    let lat = std::fs::read_to_string(&lat).unwrap();
    let ids: Vec<&str> = lat.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(ids, ["1", "2"]);
    assert!(lat
        .lines()
        .all(|l| l.split('\t').nth(1).unwrap().parse::<f64>().unwrap() >= 0.0));
    // A topic line without an id is refused, naming its line.
    std::fs::write(&tsv, "1\tsolar pump\n\tcassava\n").unwrap();
    env.fails_saying(
        &[
            "search",
            "--corpus",
            "tiny",
            "--batch",
            tsv.to_str().unwrap(),
        ],
        2,
        "q.tsv:2",
    );
}

#[test]
fn first_run_indexes_the_demo_corpus_and_shows_a_search() {
    let env = TestEnv::new();
    let text = env.ok(&[]);
    assert_contains(&text, "indexed demo: 211 documents");
    assert_contains(&text, "Demo search on the demo corpus");
    assert!(text.contains("  1  "), "a ranked table is shown: {text}");
    // The second run finds the index and does not rebuild it.
    let again = env.ok(&[]);
    assert!(!again.contains("indexed demo"), "{again}");
    assert_contains(&again, "Demo search");
}

#[test]
fn demo_known_items_come_first() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let cases = [
        ("\"sand-ballasted float switch\"", "US6920979B2"),
        ("\"basalt-studded rasping drum\"", "EP1403859B1"),
        ("\"Kibwezi thermal stress protocol\"", "PMID:39900082"),
        ("\"indice de fiabilité hydraulique\"", "PMID:39950001"),
    ];
    for (q, id) in cases {
        let hits = env.search_json("demo", q, 3);
        assert_eq!(
            hits.first().map(|h| h["id"].clone()),
            Some(serde_json::json!(id)),
            "{q}"
        );
    }
    // The French JATS article is found through its French title, accents folded or not.
    for q in [
        "ti_fr:(évaluation AND pompe AND Kaolack)",
        "ti_fr:(evaluation ADJ/3 pompe)",
    ] {
        let hits = env.search_json("demo", q, 3);
        assert_eq!(
            hits.first().map(|h| h["id"].clone()),
            Some(serde_json::json!("PMID:39950001")),
            "{q}"
        );
    }
}

#[test]
fn eval_scores_a_run_with_hand_checked_figures() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let qrels = dir.path().join("qrels.tsv");
    let run = dir.path().join("run.trec");
    std::fs::write(
        &qrels,
        "query-id\tcorpus-id\tscore\nq1\ta\t1\nq1\tb\t1\nq2\tc\t1\n",
    )
    .unwrap();
    // q1: a at 1, b at 3; q2: nothing found.
    std::fs::write(
        &run,
        "q1 Q0 a 1 3.0 t\nq1 Q0 x 2 2.0 t\nq1 Q0 b 3 1.0 t\nq2 Q0 y 1 1.0 t\n",
    )
    .unwrap();
    let out = env.ok(&[
        "eval",
        "--qrels",
        qrels.to_str().unwrap(),
        "--run",
        run.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ndcg_q1 = (1.0 + 1.0 / 4f64.log2()) / (1.0 + 1.0 / 3f64.log2());
    let close = |k: &str, x: f64| {
        assert!(
            (v[k].as_f64().unwrap() - x).abs() < 1e-9,
            "{k}: {} vs {x}",
            v[k]
        )
    };
    close("ndcg@10", ndcg_q1 / 2.0);
    close("recall@100", 0.5);
    close("map", (1.0 + 2.0 / 3.0) / 2.0 / 2.0);
    close("p@10", 0.1);
    close("pres@100", (1.0 - ((1.0 + 3.0) / 2.0 - 1.5) / 100.0) / 2.0);
    assert_eq!(v["queries"], 2);
    env.fails_saying(
        &[
            "eval",
            "--qrels",
            run.to_str().unwrap(),
            "--run",
            run.to_str().unwrap(),
        ],
        2,
        "run.trec:1",
    );
}

#[test]
fn a_later_file_revises_an_earlier_one() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("a-baseline.jsonl"),
        "{\"_id\": \"d1\", \"title\": \"Old title about pumps\", \"text\": \"x\"}\n",
    )
    .unwrap();
    std::fs::write(
        data.path().join("b-update.jsonl"),
        "{\"_id\": \"d1\", \"title\": \"Revised title about pumps\", \"text\": \"x\"}\n",
    )
    .unwrap();
    let r = env.index("rev", "beir", data.path());
    assert_eq!(r["indexed"], 1);
    assert_eq!(r["duplicates"], 1);
    let hits = env.search_json("rev", "pumps", 5);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Revised title about pumps");
}

#[test]
fn batch_query_by_example_runs_each_query_as_a_disclosure() {
    let env = TestEnv::new();
    let data = env.beir_corpus(
        "tiny",
        &[
            ("d1", "Solar pump", "A photovoltaic pump lifts well water."),
            ("d2", "Solar dryer", "Drying cassava chips with solar heat."),
        ],
    );
    let q = data.path().join("q.jsonl");
    std::fs::write(
        &q,
        "{\"_id\": \"q1\", \"text\": \"A pump for lifting water from a well, driven by photovoltaic panels.\"}\n\
         {\"_id\": \"q2\", \"text\": \"zzzz qqqq\"}\n",
    )
    .unwrap();
    let args = ["search", "--corpus", "tiny", "--batch", q.to_str().unwrap()];
    let out = env.ok(&[&args[..], &["--qbe", "--format", "trec"]].concat());
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("q1 Q0 d1 1 "), "{out}");
    assert!(
        lines.iter().all(|l| l.starts_with("q1 ")),
        "no word of q2 is in the corpus: {out}"
    );
    let with_prf = env.ok(&[&args[..], &["--qbe", "--prf", "--format", "trec"]].concat());
    assert!(with_prf.starts_with("q1 Q0 d1 1 "), "{with_prf}");
    // Feedback belongs to query by example.
    env.tisc()
        .args([&args[..], &["--prf"]].concat())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--prf expands a query by example"));
}

#[test]
fn batch_runs_long_queries_as_query_by_example_and_short_ones_as_free_text() {
    let env = TestEnv::new();
    let data = env.beir_corpus(
        "tiny",
        &[
            (
                "d1",
                "Solar pump",
                "A photovoltaic pump lifts well water for irrigation.",
            ),
            (
                "d2",
                "Solar dryer",
                "Drying cassava chips with solar heat and forced air.",
            ),
            (
                "d3",
                "Hand pump",
                "A lever pump lifts water from a shallow well.",
            ),
        ],
    );
    let q = data.path().join("q.jsonl");
    std::fs::write(
        &q,
        "{\"_id\": \"short\", \"text\": \"solar pump\"}\n\
         {\"_id\": \"long\", \"text\": \"A solar pump lifts well water for irrigation of cassava fields; the photovoltaic panels drive the pump motor and a lever allows pumping by hand when the air is cold or the heat is low.\"}\n",
    )
    .unwrap();
    // With --terms 5 the second query has more content words than query by example keeps.
    let run = |extra: &[&str]| -> Vec<String> {
        let base = ["search", "--corpus", "tiny", "--batch", q.to_str().unwrap()];
        let args = [&base[..], &["--terms", "5", "--format", "trec"], extra].concat();
        env.ok(&args).lines().map(str::to_string).collect()
    };
    let of = |lines: &[String], qid: &str| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l.starts_with(&format!("{qid} ")))
            .cloned()
            .collect()
    };
    let (auto, qbe, free) = (run(&[]), run(&["--qbe"]), run(&["--free-text"]));
    assert!(!of(&auto, "long").is_empty() && !of(&auto, "short").is_empty());
    assert_eq!(of(&auto, "long"), of(&qbe, "long"));
    assert_ne!(of(&auto, "long"), of(&free, "long"));
    assert_eq!(of(&auto, "short"), of(&free, "short"));
    assert_ne!(of(&auto, "short"), of(&qbe, "short"));
    // --free-text and --qbe exclude each other.
    env.tisc()
        .args(["search", "--corpus", "tiny", "--batch", q.to_str().unwrap()])
        .args(["--qbe", "--free-text"])
        .assert()
        .code(2);
}

#[test]
fn a_bad_config_toml_exits_2_naming_the_key_and_the_file() {
    let env = TestEnv::new();
    let config = env.path().join("config.toml");
    std::fs::write(&config, "[mirror]\nparallel = 2\nparalel = 4\n").unwrap();
    let err = env.tisc().args(["mirror", "sync", "demo"]).ends(2);
    assert_contains(&err, "`mirror.paralel`");
    assert_contains(&err, &config.display().to_string());
    // A section tisc does not know is refused the same way.
    std::fs::write(&config, "[search]\nlimit = 5\n").unwrap();
    let err = env.tisc().args(["mirror", "status", "demo"]).ends(2);
    assert_contains(&err, "`[search]`");
}

#[test]
fn an_index_from_another_schema_is_stale_everywhere() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let dir = env.path().join("index").join("demo");
    let live = std::fs::read_to_string(dir.join("CURRENT")).unwrap();
    let meta_path = dir.join(live.trim()).join("tisc-index.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    let documents = meta["documents"].as_u64().unwrap();
    meta["schema_version"] = serde_json::json!(meta["schema_version"].as_u64().unwrap() + 1);
    std::fs::write(&meta_path, meta.to_string()).unwrap();

    // `tisc corpora` shows it as stale, with what its metadata records.
    let rows: serde_json::Value =
        serde_json::from_str(&env.ok(&["corpora", "--format", "json"])).unwrap();
    let demo = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "demo")
        .unwrap();
    assert_eq!(
        demo["status"],
        "index from another tisc version: run `tisc index demo`"
    );
    assert_eq!(demo["documents"].as_u64(), Some(documents));
    assert!(demo["index_bytes"].as_u64().is_some_and(|b| b > 0));
    // A search over "every indexed corpus" does not count it.
    env.fails_saying(&["search", "solar"], 2, "no corpus is indexed yet");
    // `tisc index` rebuilds it, saying why, and it is searched again.
    let out = env.ok(&["index", "demo"]);
    assert!(
        out.contains(&format!(
            "rebuilt the whole index of demo: the index was written by another version of tisc (schema {}, this tisc writes {})",
            tisc::index::SCHEMA_VERSION + 1,
            tisc::index::SCHEMA_VERSION
        )),
        "{out}"
    );
    env.ok(&["search", "solar"]);
}

#[test]
fn result_table_columns_line_up_with_wide_and_combining_characters() {
    let env = TestEnv::new();
    let text = "A solar pump lifts water.";
    // Every id and title below is as wide on screen as its neighbours' once padded, though
    // their character counts differ: 太 takes two columns, a combining accent none.
    env.beir_corpus(
        "wide",
        &[
            ("plain-1", "Pump units", text),
            ("太陽-2", "太陽ポンプ", text),
            ("e\u{301}te\u{301}-3", "Pu\u{301}mp units", text),
        ],
    );
    let out = env.search("wide", &["--limit", "10", "solar"]);
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| {
            ["plain-1", "太陽-2", "e\u{301}te\u{301}-3"]
                .iter()
                .any(|id| l.contains(id))
        })
        .collect();
    assert_eq!(rows.len(), 3, "{out}");
    let widths: Vec<usize> = rows.iter().map(|l| tisc::columns::width(l)).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}\n{out}");
    let title_at = |l: &str, title: &str| tisc::columns::width(l.split(title).next().unwrap());
    assert_eq!(
        title_at(
            rows.iter().find(|l| l.contains("太陽-2")).unwrap(),
            "太陽ポンプ"
        ),
        title_at(
            rows.iter().find(|l| l.contains("plain-1")).unwrap(),
            "Pump units"
        )
    );
}
