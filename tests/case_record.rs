//! The case as a faithful, editable record from the command line: `tisc case forget` removes
//! a strategy (refused while another strategy uses it), `tisc case amend` corrects one under
//! its number, `tisc case uncite` removes a citation. Reports show the final record; the case
//! file keeps what was removed; set numbers are never reused. A case file written by the
//! previous schema (tests/fixtures/case-v1/case.json, written by tisc before removals were
//! kept) opens and migrates.

mod common;

use common::{assert_contains, TestEnv};
use std::path::{Path, PathBuf};
use tisc::case::{Case, CaseStore, CASE_SCHEMA_VERSION};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case")
}

/// A workspace with the fixture corpus as `fix` and case `pump` holding three strategies,
/// the third built on the first two.
fn env_with_history() -> TestEnv {
    let env = TestEnv::new();
    env.index("fix", "auto", &fixtures());
    env.ok(&[
        "case",
        "new",
        "pump",
        "--title",
        "Solar pump",
        "--corpus",
        "fix",
    ]);
    for q in ["solar AND pump", "float*", "#1 OR #2"] {
        env.tisc()
            .args(["search", "--case", "pump", q])
            .assert()
            .success();
    }
    env
}

fn case_file(env: &TestEnv, id: &str) -> serde_json::Value {
    let bytes = std::fs::read(env.path().join("cases").join(id).join("case.json")).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn numbers(v: &serde_json::Value, list: &str) -> Vec<u64> {
    v[list]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| {
                    s.get("strategy")
                        .unwrap_or(s)
                        .get("number")
                        .and_then(serde_json::Value::as_u64)
                        .unwrap()
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn forgetting_a_set_another_strategy_uses_is_refused_naming_it() {
    let env = env_with_history();
    let out = env
        .tisc()
        .args(["case", "forget", "pump", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_contains(&err, "#2 is used by #3");
    assert_eq!(numbers(&case_file(&env, "pump"), "history"), [1, 2, 3]);
    // An unknown number is a usage error too.
    let out = env
        .tisc()
        .args(["case", "forget", "pump", "#7"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_contains(&String::from_utf8_lossy(&out.stderr), "no strategy #7");
}

#[test]
fn a_forgotten_set_leaves_the_report_stays_in_the_case_file_and_its_number_is_not_reused() {
    let env = env_with_history();
    let out = env.ok(&["case", "forget", "pump", "#3"]);
    assert_contains(&out, "removed #3");
    let v = case_file(&env, "pump");
    assert_eq!(v["schema_version"], CASE_SCHEMA_VERSION);
    assert_eq!(numbers(&v, "history"), [1, 2]);
    assert_eq!(numbers(&v, "removed_history"), [3]);
    assert_eq!(v["removed_history"][0]["strategy"]["query"], "#1 OR #2");
    assert!(v["removed_history"][0]["removed_at"].is_string());

    // `case show` lists it apart; a new strategy naming it is told it was removed.
    let shown = env.ok(&["case", "show", "pump"]);
    assert_contains(&shown, "removed or corrected (1)");
    assert_contains(&shown, "#3   removed");
    let out = env
        .tisc()
        .args(["search", "--case", "pump", "#3 OR motor"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_contains(&String::from_utf8_lossy(&out.stderr), "#3 was removed");

    // The next strategy is #4, not #3 again.
    let out = env
        .tisc()
        .args(["search", "--case", "pump", "motor"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_contains(&String::from_utf8_lossy(&out.stderr), "as #4");
    assert_eq!(numbers(&case_file(&env, "pump"), "history"), [1, 2, 4]);

    // The report lists the final record only.
    let report = env.ok(&["report", "pump", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&report).unwrap();
    let text = r.to_string();
    assert!(!text.contains("#1 OR #2"), "removed set in the report");
    assert!(text.contains("float*"), "{text}");
    let md = env.ok(&["report", "pump"]);
    assert!(!md.contains("#1 OR #2"), "{md}");
    assert!(md.contains("motor"), "{md}");
}

#[test]
fn an_amended_strategy_keeps_its_number_and_the_old_version() {
    let env = env_with_history();
    let out = env.ok(&["case", "amend", "pump", "2", "float* OR motor"]);
    assert_contains(&out, "#2 of case `pump` is now float* OR motor");
    let v = case_file(&env, "pump");
    assert_eq!(numbers(&v, "history"), [1, 2, 3]);
    assert_eq!(v["history"][1]["query"], "float* OR motor");
    assert_eq!(v["removed_history"][0]["strategy"]["query"], "float*");
    assert_eq!(v["removed_history"][0]["amended"], true);
    // A correction may not build on itself or on later sets.
    let out = env
        .tisc()
        .args(["case", "amend", "pump", "2", "#3 AND solar"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        case_file(&env, "pump")["history"][1]["query"],
        "float* OR motor"
    );
}

#[test]
fn an_uncited_document_is_kept_in_the_case_file_but_not_reported() {
    let env = env_with_history();
    env.ok(&["case", "cite", "pump", "US7000001B2", "--category", "X"]);
    env.ok(&["case", "cite", "pump", "US7000004B2", "--category", "A"]);
    env.ok(&["case", "uncite", "pump", "US7000004B2"]);
    let v = case_file(&env, "pump");
    assert_eq!(v["citations"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["removed_citations"][0]["citation"]["doc"]["id"],
        "US7000004B2"
    );
    let md = env.ok(&["report", "pump"]);
    assert!(!md.contains("US7000004"), "{md}");
    assert!(md.contains("US7000001"), "{md}");
}

/// A case file of schema 1, as the previous tisc wrote it: three strategies (the third
/// building on the first two) and two citations.
#[test]
fn a_case_of_schema_1_migrates_and_can_then_be_edited() {
    let env = TestEnv::new();
    env.index("fix", "auto", &fixtures());
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-v1/case.json");
    let bytes = std::fs::read(&fixture).unwrap();
    let old: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(old["schema_version"], 1);
    let dir = env.path().join("cases").join("v1case");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("case.json"), &bytes).unwrap();

    let case: Case = CaseStore::new(env.path().join("cases"))
        .open("v1case")
        .unwrap();
    assert_eq!(case.schema_version, CASE_SCHEMA_VERSION);
    assert_eq!(case.history.len(), 3);
    assert_eq!(case.citations.len(), 2);
    assert!(case.removed_history.is_empty() && case.removed_citations.is_empty());
    assert_eq!(case.next_number(), 4);

    // A writer rewrites it at the new version; everything else is as it was.
    env.ok(&["case", "forget", "v1case", "3"]);
    let v = case_file(&env, "v1case");
    assert_eq!(v["schema_version"], CASE_SCHEMA_VERSION);
    assert_eq!(numbers(&v, "history"), [1, 2]);
    assert_eq!(numbers(&v, "removed_history"), [3]);
    assert_eq!(v["citations"], old["citations"]);
    assert_eq!(v["title"], old["title"]);
    assert_eq!(v["history"][0], old["history"][0]);
}

/// The snippets of a combined set mark the words of the strategies it contains.
#[test]
fn snippets_of_a_combined_set_mark_the_words_of_its_strategies() {
    let env = env_with_history();
    let out = env.ok(&["search", "--case", "pump", "--format", "json", "#1 AND #2"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!hits.is_empty(), "{out}");
    for h in &hits {
        let marks = h["snippet"]["highlights"].as_array().map_or(0, Vec::len);
        assert!(marks > 0, "no highlight in {h}");
        let text = h["snippet"]["text"].as_str().unwrap().to_lowercase();
        assert!(
            text.contains("solar") || text.contains("pump") || text.contains("float"),
            "{text}"
        );
    }
}
