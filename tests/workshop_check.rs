//! `tisc workshop check` and `tisc workshop import-qrels` through the command line: the
//! shipped packs pass, every kind of error in a pack is named by file and line (exit 2) with
//! gold entries named by position only unless --trainer, a corpus not indexed is a warning
//! (exit 0), and a judged collection becomes a pack with its attribution.

mod common;

use common::{Run, TestEnv};
use std::path::Path;

/// A pack of one exercise on the demo corpus, with the given gold citations (one a line).
fn pack_with_gold(dir: &Path, citations: &[&str]) {
    std::fs::write(
        dir.join("pack.toml"),
        r#"title = "Check test"
language = "en"
instructions = "Search."
corpora = ["demo"]

[[exercise]]
id = "float"
title = "Sand-ballasted float switch"
disclosure = "A float switch ballasted with sand."
cutoff = 2006-06-01
time_limit = "45m"
claims = """
1. A float switch ballasted with sand.

2. The switch of claim 1 on a solar pump.
"""
"#,
    )
    .unwrap();
    let mut gold = String::from("[float]\ncitations = [\n");
    for c in citations {
        gold.push_str("    ");
        gold.push_str(c);
        gold.push_str(",\n");
    }
    gold.push_str("]\n");
    std::fs::write(dir.join("gold.toml"), gold).unwrap();
}

fn indexed_env() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    env
}

#[test]
fn the_three_shipped_packs_pass_the_check_with_every_gold_document_found() {
    let env = indexed_env();
    for (name, citations) in [("beginner", 1), ("intermediate", 3), ("advanced", 2)] {
        let out = env.ok(&["workshop", "check", name, "--trainer"]);
        assert!(
            !out.contains("error:") && !out.contains("warning:"),
            "{name}: {out}"
        );
        let summary = format!(
            "{citations} citation{}, {citations} found in the corpora: ok",
            if citations == 1 { "" } else { "s" }
        );
        assert!(out.contains(&summary), "{name}: {out}");
        // The trainer's view lists each gold citation found, with its category.
        let listed = out.lines().filter(|l| l.starts_with("found: ")).count();
        assert_eq!(listed, citations, "{name}: {out}");
        let quiet = env.ok(&["workshop", "check", name]);
        assert!(!quiet.contains("found: "), "{name}: {quiet}");
    }
}

#[test]
fn a_missing_document_is_named_by_position_only_unless_trainer() {
    let env = indexed_env();
    let pack = tempfile::tempdir().unwrap();
    pack_with_gold(
        pack.path(),
        &[
            r#"{ doc = "US6920979B2", category = "X", claims = [1] }"#,
            r#"{ doc = "US9999999B2", category = "A" }"#,
        ],
    );
    let arg = pack.path().to_str().unwrap();
    let (out, err) = env
        .tisc()
        .args(["workshop", "check", arg])
        .ends_both(2, "1 error:");
    assert!(
        out.contains("gold.toml:4: exercise float, gold citation 2: not found in corpus demo"),
        "{out}"
    );
    for text in [&out, &err] {
        assert!(
            !text.contains("US9999999") && !text.contains("US6920979"),
            "{text}"
        );
    }
    let (out, _) = env
        .tisc()
        .args(["workshop", "check", arg, "--trainer"])
        .ends_both(2, "1 error:");
    assert!(out.contains("gold citation 2 (US9999999B2)"), "{out}");
}

#[test]
fn wrong_spelling_unknown_claims_and_late_documents_are_errors_with_lines() {
    let env = indexed_env();
    let pack = tempfile::tempdir().unwrap();
    pack_with_gold(
        pack.path(),
        &[
            // Lower case: found, but not as `tisc search` prints it.
            r#"{ doc = "us6920979b2", category = "X", claims = [1] }"#,
            // Claim 3 is not among the exercise's claims.
            r#"{ doc = "US6812985B1", category = "A", claims = [3] }"#,
            // Published 2011, after the cutoff: must be P or E.
            r#"{ doc = "US7945154B1", category = "Y", claims = [2] }"#,
            // Published 2011 and cited as E: accepted.
            r#"{ doc = "US8048950B2", category = "E", claims = [1] }"#,
        ],
    );
    let arg = pack.path().to_str().unwrap();
    let (out, _) = env
        .tisc()
        .args(["workshop", "check", arg])
        .ends_both(2, "3 errors:");
    assert!(
        out.contains(
            "gold.toml:3: exercise float, gold citation 1: write the id as `tisc search` prints it"
        ),
        "{out}"
    );
    assert!(
        out.contains("gold.toml:4: exercise float, gold citation 2: claim 3 is not among the exercise's claims (1 to 2)"),
        "{out}"
    );
    assert!(
        out.contains("gold.toml:5: exercise float, gold citation 3: published on or after the cutoff (2006-06-01), so its category must include P or E, not `Y`"),
        "{out}"
    );
    assert!(!out.contains("gold citation 4"), "{out}");
    let (out, _) = env
        .tisc()
        .args(["workshop", "check", arg, "--trainer"])
        .ends_both(2, "3 errors:");
    assert!(
        out.contains("write the id as `tisc search` prints it: US6920979B2"),
        "{out}"
    );
}

#[test]
fn a_corpus_that_is_not_indexed_is_a_warning_and_exit_0() {
    let env = TestEnv::new();
    let pack = tempfile::tempdir().unwrap();
    pack_with_gold(
        pack.path(),
        &[r#"{ doc = "US6920979B2", category = "X", claims = [1] }"#],
    );
    let out = env.ok(&["workshop", "check", pack.path().to_str().unwrap()]);
    assert!(
        out.contains("warning: ") && out.contains("corpus `demo` is not indexed"),
        "{out}"
    );
    assert!(
        out.contains("1 citation, 0 found in the corpora: ok, 1 warning"),
        "{out}"
    );
    // A trainee's copy without gold.toml is checked alone.
    std::fs::remove_file(pack.path().join("gold.toml")).unwrap();
    let out = env.ok(&["workshop", "check", pack.path().to_str().unwrap()]);
    assert!(
        out.contains("no gold.toml: the pack alone was checked"),
        "{out}"
    );
}

#[test]
fn errors_in_the_files_are_exit_2_with_file_and_line() {
    let env = TestEnv::new();
    let pack = tempfile::tempdir().unwrap();
    pack_with_gold(
        pack.path(),
        &[r#"{ doc = "US6920979B2", category = "X", claims = [1] }"#],
    );
    let arg = pack.path().to_str().unwrap();
    let pack_toml = pack.path().join("pack.toml");
    let good = std::fs::read_to_string(&pack_toml).unwrap();
    // A cutoff that is not a date, a time limit that does not parse, claims out of order.
    for (from, to, line, says) in [
        (
            "cutoff = 2006-06-01",
            "cutoff = \"June 2006\"",
            10,
            "cutoff `June 2006`",
        ),
        (
            "time_limit = \"45m\"",
            "time_limit = \"45 minutes\"",
            11,
            "time limit `45 minutes`",
        ),
        ("2. The switch", "3. The switch", 15, "claims"),
    ] {
        std::fs::write(&pack_toml, good.replace(from, to)).unwrap();
        let err = env.fails(&["workshop", "check", arg], 2);
        let at = format!("pack.toml:{line}: ");
        assert!(err.contains(&at) && err.contains(says), "{from}: {err}");
    }
    std::fs::write(&pack_toml, &good).unwrap();
    // A gold exercise that the pack does not have, and a bad category.
    std::fs::write(
        pack.path().join("gold.toml"),
        "[float]\ncitations = [{ doc = \"US6920979B2\", category = \"X\" }]\n\n[other]\ncitations = [{ doc = \"US6920979B2\", category = \"A\" }]\n",
    )
    .unwrap();
    let (out, _) = env
        .tisc()
        .args(["workshop", "check", arg])
        .ends_both(2, "1 error:");
    assert!(
        out.contains("gold.toml:4: exercise `other` is not in the pack"),
        "{out}"
    );
    std::fs::write(
        pack.path().join("gold.toml"),
        "[float]\ncitations = [\n  { doc = \"US6920979B2\", category = \"Q\" },\n]\n",
    )
    .unwrap();
    let err = env.fails(&["workshop", "check", arg], 2);
    assert!(
        err.contains("gold.toml:3: ") && err.contains("`Q`"),
        "{err}"
    );
    env.fails_saying(
        &["workshop", "check", "no-such-pack"],
        2,
        "no workshop pack",
    );
}

#[test]
fn import_qrels_builds_a_pack_from_the_scifact_train_judgments() {
    let Some(dir) = common::shared("beir-scifact") else {
        return;
    };
    let (queries, qrels) = (dir.join("queries.jsonl"), dir.join("qrels/train.tsv"));
    let env = TestEnv::new();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("scifact-pack");
    let args = [
        "workshop",
        "import-qrels",
        "--corpus",
        "scifact",
        "--queries",
        queries.to_str().unwrap(),
        "--qrels",
        qrels.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--count",
        "5",
        "--cutoff",
        "2030-01-01",
    ];
    let printed = env.ok(&args);
    // The expected exercises and gold, read from the collection's own files.
    let qrels_text = std::fs::read_to_string(&qrels).unwrap();
    let mut judged: Vec<(String, Vec<String>)> = Vec::new();
    let mut all_judged = std::collections::BTreeSet::new();
    for line in qrels_text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 || cols[2].trim().parse::<i64>().unwrap() <= 0 {
            continue;
        }
        all_judged.insert(cols[0].to_string());
        if let Some(i) = judged.iter().position(|(q, _)| q == cols[0]) {
            judged[i].1.push(cols[1].to_string());
        } else if judged.len() < 5 {
            judged.push((cols[0].to_string(), vec![cols[1].to_string()]));
        }
    }
    let said = format!("5 exercises of {} queries judged", all_judged.len());
    assert!(printed.contains(&said), "{printed}");
    let pack = tisc::workshop::pack::load(&out).unwrap();
    assert_eq!(pack.corpora, ["scifact"]);
    let ids: Vec<&str> = pack.exercises.iter().map(|e| e.id.as_str()).collect();
    let want: Vec<&str> = judged.iter().map(|(q, _)| q.as_str()).collect();
    assert_eq!(ids, want);
    let texts: std::collections::BTreeMap<String, String> = std::fs::read_to_string(&queries)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["_id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for e in &pack.exercises {
        assert_eq!(e.disclosure, texts[&e.id].trim());
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.cutoff.to_string(), "2030-01-01");
        assert_eq!(e.time_limit_secs, 1800);
    }
    let attribution = pack.attribution.as_deref().unwrap();
    assert!(attribution.contains("SciFact"), "{attribution}");
    assert!(attribution.contains("qrels/train.tsv"), "{attribution}");
    let gold = tisc::workshop::gold::load(&out).unwrap().unwrap();
    for (q, docs) in &judged {
        let got: Vec<String> = gold
            .citations(q)
            .unwrap()
            .iter()
            .map(|c| format!("{}:{}", c.doc, c.category))
            .collect();
        // SciFact's judgments are binary: every one is of the highest grade, so X.
        let expected: Vec<String> = docs.iter().map(|d| format!("{d}:X")).collect();
        assert_eq!(got, expected, "query {q}");
    }
    // Not again into the same folder, unless forced.
    env.fails_saying(&args, 2, "not empty");
    let mut forced = args.to_vec();
    forced.push("--force");
    env.ok(&forced);
    // The pack checks: the corpus is not indexed here, a warning.
    let checked = env.ok(&["workshop", "check", out.to_str().unwrap()]);
    assert!(
        checked.contains("corpus `scifact` is not defined here"),
        "{checked}"
    );
}
