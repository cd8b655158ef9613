//! Parallel search jobs: fusion across strategies and corpora, family rows, cancellation of
//! stale jobs, snippets — through the library and through the CLI contract.

mod common;

use common::{assert_contains, Run, TestEnv};
use tisc::index::{CorpusIndex, IndexBuilder};
use tisc::ingest::{read_all, Format};
use tisc::search::fusion::Merge;
use tisc::search::job::{self, Generation, JobError, JobRequest, Strategy};
use tisc::search::no_history;

/// Run the strategies `qs` over `indexes` as generation `mine` of `g`, without history or
/// progress.
fn run_job(
    indexes: &[&CorpusIndex],
    qs: &[&str],
    g: &Generation,
    mine: u64,
) -> Result<job::JobResult, JobError> {
    job::run(indexes, &request(qs), g, mine, &no_history, &|_, _| {})
}

fn request(qs: &[&str]) -> JobRequest {
    JobRequest {
        strategies: Strategy::numbered(qs, 1),
        per_list: 100,
        limit: 20,
        cutoff: None,
        group: true,
        snippets: true,
        merge: Default::default(),
        meaning: None,
    }
}

#[test]
fn a_newer_generation_cancels_a_running_job() {
    let dir = tempfile::tempdir().unwrap();
    let idx = common::fixture_index(dir.path(), "a");
    let g = Generation::new();
    let stale = g.advance();
    g.advance();
    let r = run_job(&[&idx], &["pump"], &g, stale);
    assert!(matches!(r, Err(JobError::Cancelled)), "{r:?}");
    // A job overtaken while it runs drops its results too.
    let mine = g.advance();
    let r = job::run(
        &[&idx],
        &request(&["pump", "solar", "neem"]),
        &g,
        mine,
        &no_history,
        &|done, _| {
            if done == 1 {
                g.advance();
            }
        },
    );
    assert!(matches!(r, Err(JobError::Cancelled)), "{r:?}");
    // The current generation completes.
    let now = g.advance();
    let r = run_job(&[&idx], &["pump"], &g, now).unwrap();
    assert_eq!(r.rows.len(), 2);
}

#[test]
fn strategies_and_corpora_fuse_with_ranks_kept_and_copies_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let a = common::fixture_index(dir.path(), "a");
    let b = common::fixture_index(dir.path(), "b");
    let g = Generation::new();
    let mine = g.advance();
    let r = run_job(&[&a, &b], &["pump", "photovoltaic OR neem"], &g, mine).unwrap();
    assert_eq!(r.counts.len(), 4, "2 strategies × 2 corpora");
    // US7640932B2 is hit by both strategies: it leads, with both ranks kept.
    let top = &r.rows[0];
    assert_eq!(top.id, "US7640932B2");
    assert_eq!(top.strategies.len(), 2);
    // The same article in two corpora (same DOI) is one row; so is each patent.
    let ids: Vec<&str> = r.rows.iter().map(|h| h.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(top
        .snippet
        .as_ref()
        .is_some_and(|s| !s.highlights.is_empty()));
}

#[test]
fn cli_fuses_strategies_groups_families_and_keeps_trec_ungrouped() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    // The same two strategies, fused, in the format asked for.
    let fused = |format: &str| {
        env.search(
            "demo",
            &[
                "--format",
                format,
                "--limit",
                "50",
                "-q",
                "(solar OR photovoltaic) NEAR/3 pump*",
                "-q",
                "ti:irrigation AND pump*",
            ],
        )
    };
    let hits: Vec<serde_json::Value> = serde_json::from_str(&fused("json")).unwrap();
    assert!(hits
        .iter()
        .all(|h| h["strategies"].is_object() && h["family"].is_array()));
    assert!(hits
        .iter()
        .any(|h| h["strategies"]["1"].is_u64() && h["strategies"]["2"].is_u64()));
    // The demo family KE/P/2010/000975: US8523407B2 and EP2374522B1 share one row.
    let row = hits
        .iter()
        .find(|h| {
            h["family"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m == "US8523407B2")
        })
        .unwrap();
    let fam: Vec<&str> = row["family"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(fam.contains(&"EP2374522B1"), "{fam:?}");
    assert_eq!(row["id"], fam[0], "a row's id is its best-ranked member");
    assert!(
        hits.iter().filter(|h| h["id"] == "EP2374522B1").count() == 0 || fam[0] == "EP2374522B1"
    );
    // TREC: every member on its own line, scores strictly decreasing.
    let trec = fused("trec");
    let lines: Vec<Vec<&str>> = trec.lines().map(|l| l.split(' ').collect()).collect();
    assert!(
        lines.iter().any(|l| l[2] == "US8523407B2") && lines.iter().any(|l| l[2] == "EP2374522B1")
    );
    let scores: Vec<f64> = lines.iter().map(|l| l[4].parse().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] > w[1]));
}

#[test]
fn query_by_example_shows_its_terms_and_finds_the_subject() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("disclosure.txt");
    std::fs::write(
        &f,
        "Our machine grates peeled cassava roots against a rotating drum studded with sharp teeth. \
         The grated pulp is pressed to remove the juice before the mash is fermented and roasted into gari.",
    )
    .unwrap();
    let (out, err) = env
        .tisc()
        .args([
            "search",
            "--corpus",
            "demo",
            "--format",
            "json",
            "--disclosure",
            f.to_str().unwrap(),
        ])
        .succeeds_both();
    assert!(
        err.contains("query by example (en, guessed from the disclosure)")
            && err.contains("strategy: "),
        "{err}"
    );
    let strategy = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("strategy: "))
        .unwrap();
    tisc::query::parse(strategy).unwrap();
    assert_contains(strategy, "cassava");
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let top: Vec<String> = hits
        .iter()
        .take(5)
        .map(|h| h["title"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(
        top.iter().filter(|t| t.contains("cassava")).count() >= 4,
        "{top:?}"
    );
    // In table format the terms come above the table.
    let table = env.search("demo", &["--disclosure", f.to_str().unwrap(), "--prf"]);
    assert!(
        table.starts_with("query by example (en, guessed from the disclosure)"),
        "{table}"
    );
    // Four content words are too few to guess from: the language the demo corpus declares,
    // said so.
    std::fs::write(&f, "cassava roots pressed into gari").unwrap();
    let table = env.search("demo", &["--disclosure", f.to_str().unwrap()]);
    assert!(
        table.starts_with(
            "query by example (en: fewer than 5 content words to guess from; the corpus language)"
        ),
        "{table}"
    );
}

#[test]
fn of_several_failing_strategies_the_first_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        common::fixture_index(dir.path(), "a"),
        common::fixture_index(dir.path(), "b"),
    );
    let g = Generation::new();
    // `#n` refers to a case's history; there is none here, so both #9 and #7 fail.
    for _ in 0..20 {
        let mine = g.advance();
        let r = run_job(&[&a, &b], &["pump", "#9", "solar", "#7"], &g, mine);
        let message = r.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("#9") && !message.contains("#7"),
            "{message}"
        );
    }
}

#[test]
fn ids_of_reads_every_hit_in_order_across_segments_and_blocks() {
    use tisc::index::IndexUpdater;
    use tisc::search::Session;
    let dir = tempfile::tempdir().unwrap();
    let doc = |i: usize| {
        serde_json::json!({
            "id": format!("US{:07}B2-{}", 9_000_000 + i * 7919 % 100_000, i),
            "kind": "patent", "lang": "en",
            "titles": [{"lang": "en", "text": format!("Pump number {i}")}],
        })
        .to_string()
    };
    // Two commits: two segments, and enough ids for the id dictionary to have many blocks.
    let write = |name: &str, range: std::ops::Range<usize>| {
        let file = dir.path().join(name);
        std::fs::write(&file, range.map(doc).collect::<Vec<_>>().join("\n")).unwrap();
        read_all(&file, Format::Jsonl).unwrap().0
    };
    let path = dir.path().join("idx");
    let b = IndexBuilder::create("t", &path, 50_000_000).unwrap();
    for d in write("one.jsonl", 0..700) {
        b.add(&d).unwrap();
    }
    b.finish(0).unwrap();
    let u = IndexUpdater::open(&path, "t", 50_000_000).unwrap();
    for d in write("two.jsonl", 700..1400) {
        u.add(&d).unwrap();
    }
    u.finish(0).unwrap();
    let idx = CorpusIndex::open(&path, "t").unwrap();
    let s = Session::new(&idx).unwrap();
    let segments = s.searcher.segment_readers();
    assert!(segments.len() >= 2, "{} segment(s)", segments.len());
    // Every document, in an order that is not the dictionary's, some of them twice.
    let mut ranked = Vec::new();
    for (si, seg) in segments.iter().enumerate() {
        for d in 0..seg.max_doc() {
            ranked.push((tantivy::DocAddress::new(si as u32, d), d as f32));
        }
    }
    ranked.reverse();
    ranked.rotate_left(333);
    let again: Vec<_> = ranked.iter().step_by(97).copied().collect();
    ranked.extend(again);
    let got = s.ids_of(ranked.clone()).unwrap();
    assert_eq!(got.len(), ranked.len());
    for ((id, score, addr), (want_addr, want_score)) in got.iter().zip(&ranked) {
        assert_eq!((addr, score), (want_addr, want_score));
        assert_eq!(id, &idx.load(&s.searcher, *addr).unwrap().biblio.id);
    }
}

#[test]
fn documents_tied_at_the_cut_are_ordered_by_id_whatever_the_strategy_order() {
    let dir = tempfile::tempdir().unwrap();
    let idx = common::fixture_index(dir.path(), "a");
    let g = Generation::new();
    // Each strategy finds one document, at rank 1: the two tie on fused score and best rank.
    for qs in [["transformateur", "lifting"], ["lifting", "transformateur"]] {
        for (limit, expect) in [
            (1, vec!["EP2000001A1"]),
            (2, vec!["EP2000001A1", "EP3000002B1"]),
        ] {
            let mut req = request(&qs);
            req.limit = limit;
            req.group = false;
            let r = job::run(&[&idx], &req, &g, g.advance(), &no_history, &|_, _| {}).unwrap();
            let counts: Vec<usize> = r.counts.iter().map(|c| c.count).collect();
            assert_eq!(counts, [1, 1], "{qs:?}");
            let ids: Vec<&str> = r.rows.iter().map(|h| h.id.as_str()).collect();
            assert_eq!(ids, expect, "{qs:?}, limit {limit}");
        }
    }
}

/// An index `name` in `dir` of English patents given as (number, title, claim).
fn patents_index(dir: &std::path::Path, name: &str, docs: &[(&str, &str, &str)]) -> CorpusIndex {
    let lines: Vec<String> = docs
        .iter()
        .map(|(number, title, claim)| {
            serde_json::json!({
                "id": format!("US{number}B1"),
                "kind": "patent",
                "number": {"country": "US", "number": number, "kind": "B1"},
                "lang": "en",
                "titles": [{"lang": "en", "text": title}],
                "claims": [{"lang": "en", "claims": [{"num": 1, "text": claim}]}],
            })
            .to_string()
        })
        .collect();
    let file = dir.join(format!("{name}.jsonl"));
    std::fs::write(&file, lines.join("\n")).unwrap();
    let (docs, _) = read_all(&file, Format::Jsonl).unwrap();
    let b = IndexBuilder::create(name, &dir.join(name), 50_000_000).unwrap();
    for d in &docs {
        b.add(d).unwrap();
    }
    b.finish(0).unwrap();
    CorpusIndex::open(&dir.join(name), name).unwrap()
}

/// A corpus of solar pumps, and one of vehicle parts where only a common word matches.
fn pumps_and_vehicles(dir: &std::path::Path) -> (CorpusIndex, CorpusIndex) {
    let pumps = patents_index(
        dir,
        "pumps",
        &[
            ("1000001", "Solar water pump for irrigation wells", "A solar pump lifting water from a well for irrigation, driven by a photovoltaic panel."),
            ("1000002", "Photovoltaic pumping system", "A pump driven by a solar photovoltaic array drawing water from a borehole well."),
            ("1000003", "Solar powered irrigation pump controller", "A controller matching the pump speed to the solar panel output for irrigation."),
            ("1000004", "Submersible well pump", "A submersible pump for a water well with a solar inverter."),
            ("1000005", "Drip irrigation with solar pumping", "Drip lines fed by a solar pump from a storage tank."),
            ("1000006", "Hand pump for wells", "A lever hand pump for drinking water wells."),
        ],
    );
    let vehicles = patents_index(
        dir,
        "vehicles",
        &[
            (
                "2000001",
                "Vehicle sliding door",
                "A sliding door moved along a rail, its lock released by a vacuum pump.",
            ),
            (
                "2000002",
                "Engine valve timing",
                "A valve of the engine timed by a cam, oil fed by a pump.",
            ),
            (
                "2000003",
                "Seat rail for a vehicle",
                "A seat sliding on a rail of the vehicle floor.",
            ),
            (
                "2000004",
                "Windscreen washer",
                "A washer nozzle fed from a reservoir by a small pump.",
            ),
        ],
    );
    (pumps, vehicles)
}

fn ids_and_scores(r: &job::JobResult) -> Vec<(String, f32)> {
    r.rows.iter().map(|h| (h.id.clone(), h.score)).collect()
}

#[test]
fn a_corpus_that_barely_matches_stays_out_of_the_top_ranks() {
    let dir = tempfile::tempdir().unwrap();
    let (pumps, vehicles) = pumps_and_vehicles(dir.path());
    let g = Generation::new();
    let strategy = ["solar OR pump OR irrigation OR well OR photovoltaic"];
    let run = |merge| {
        let mut req = request(&strategy);
        req.merge = merge;
        job::run(
            &[&vehicles, &pumps],
            &req,
            &g,
            g.advance(),
            &no_history,
            &|_, _| {},
        )
        .unwrap()
    };
    let corpus_of =
        |r: &job::JobResult| -> Vec<String> { r.rows.iter().map(|h| h.corpus.clone()).collect() };
    let merged = run(Merge::default());
    let corpora = corpus_of(&merged);
    assert_eq!(corpora.len(), 9, "{corpora:?}");
    // The six pumps, then the three vehicles a pump merely serves.
    assert!(corpora[..6].iter().all(|c| c == "pumps"), "{corpora:?}");
    assert!(corpora[6..].iter().all(|c| c == "vehicles"), "{corpora:?}");
    assert!(merged.rows.windows(2).all(|w| w[0].score >= w[1].score));
    // By rank alone the best vehicle shares the first places with the best pump.
    let by_rank = corpus_of(&run(Merge::Rrf));
    assert!(
        by_rank[..2].contains(&"vehicles".to_string()),
        "{by_rank:?}"
    );
}

#[test]
fn one_corpus_ranks_as_before_whatever_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let (pumps, _) = pumps_and_vehicles(dir.path());
    let g = Generation::new();
    for strategies in [
        &["solar OR pump OR well"][..],
        &["solar pump", "irrigation OR well"],
    ] {
        let run = |merge| {
            let mut req = request(strategies);
            req.merge = merge;
            job::run(&[&pumps], &req, &g, g.advance(), &no_history, &|_, _| {}).unwrap()
        };
        let before = ids_and_scores(&run(Merge::Rrf));
        assert!(before.len() >= 4, "{before:?}");
        for merge in [Merge::default(), Merge::Score(0.0), Merge::Score(1.0)] {
            assert_eq!(
                ids_and_scores(&run(merge)),
                before,
                "{strategies:?}, {merge:?}"
            );
        }
    }
}

#[test]
fn cli_batch_runs_over_several_corpora_and_merges_by_score() {
    let env = TestEnv::new();
    let data = env.beir_corpus(
        "pumps",
        &[
            (
                "p1",
                "Solar water pump",
                "A solar pump lifts water from an irrigation well.",
            ),
            (
                "p2",
                "Photovoltaic pumping",
                "A photovoltaic panel drives a well pump for irrigation.",
            ),
        ],
    );
    let _vehicles = env.beir_corpus(
        "vehicles",
        &[
            (
                "v1",
                "Vehicle sliding door",
                "A door slides on a rail; a vacuum pump releases it.",
            ),
            (
                "v2",
                "Engine valve",
                "A valve timed by a cam of the engine.",
            ),
        ],
    );
    let queries = data.path().join("queries.jsonl");
    std::fs::write(
        &queries,
        "{\"_id\": \"q1\", \"text\": \"solar irrigation pump well\"}\n",
    )
    .unwrap();
    let run = |merge: &str| -> Vec<String> {
        env.tisc()
            .args([
                "search", "--corpus", "vehicles", "--corpus", "pumps", "--format", "trec",
            ])
            .args(["--limit", "10", "--merge", merge, "--batch"])
            .arg(&queries)
            .succeeds()
            .lines()
            .map(|l| l.split(' ').nth(2).unwrap().to_string())
            .collect()
    };
    assert_eq!(run("score"), ["p1", "p2", "v1"]);
    let by_rank = run("rrf");
    assert_eq!(by_rank.len(), 3);
    assert!(by_rank[..2].contains(&"v1".to_string()), "{by_rank:?}");
    env.tisc()
        .args(["search", "--corpus", "pumps", "--merge", "score:3", "pump"])
        .ends_saying(2, "`score:3` is not a merge method");
}

#[test]
fn cli_query_by_example_takes_its_words_from_every_corpus() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, lang: &str, title: &str, claim: &str| {
        let (country, number) = id.split_at(2);
        serde_json::json!({
            "id": format!("{id}B1"), "kind": "patent",
            "number": {"country": country, "number": number, "kind": "B1"},
            "lang": lang, "titles": [{"lang": lang, "text": title}],
            "claims": [{"lang": lang, "claims": [{"num": 1, "text": claim}]}],
        })
        .to_string()
    };
    let us = dir.path().join("us.jsonl");
    std::fs::write(
        &us,
        line(
            "US1000001",
            "en",
            "Vehicle sliding door",
            "A door on a rail.",
        ),
    )
    .unwrap();
    let ep = dir.path().join("ep.jsonl");
    let pump = line(
        "EP2000001",
        "fr",
        "Pompe solaire pour puits",
        "Pompe alimentée par un panneau photovoltaïque.",
    );
    std::fs::write(&ep, pump).unwrap();
    env.index("us", "jsonl", &us);
    env.index("ep", "jsonl", &ep);
    let f = dir.path().join("disclosure.txt");
    std::fs::write(
        &f,
        "Une pompe solaire, alimentée par des panneaux photovoltaïques, pour les puits.",
    )
    .unwrap();
    let (out, err) = env
        .tisc()
        .args([
            "search",
            "--corpus",
            "us",
            "--corpus",
            "ep",
            "--format",
            "json",
            "--disclosure",
        ])
        .arg(&f)
        .succeeds_both();
    assert!(
        err.contains("query by example (fr, guessed from the disclosure)")
            && err.contains("over us, ep"),
        "{err}"
    );
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(hits[0]["id"], "EP2000001B1", "{out}");
    // Over the English corpus alone no word of it occurs: bad input, naming the corpus.
    env.tisc()
        .args(["search", "--corpus", "us", "--disclosure"])
        .arg(&f)
        .ends_saying(2, "the disclosure has no word that occurs in us");
}
