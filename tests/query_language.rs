//! The search language on documents with known word positions (tests/fixtures/
//! query-fixture.jsonl, tisc's own JSONL model): proximity at distance n and n+1, order,
//! OR-groups and truncation inside proximity, claim boundaries, field scoping, dates,
//! classification levels, numbers, history, cutoff, and errors with carets.

mod common;

use common::{assert_contains, Run, TestEnv};
use std::path::Path;

fn env() -> TestEnv {
    let env = TestEnv::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/query-fixture.jsonl");
    let r = env.index("fx", "jsonl", &fixture);
    assert_eq!(r["indexed"], 5);
    env
}

fn ids(env: &TestEnv, q: &str) -> Vec<String> {
    let mut v: Vec<String> = env
        .search_json("fx", q, 50)
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn near_is_unordered_and_respects_distance() {
    let env = env();
    // Title: "Nasal cannula for acquiring breathing information" — nasal 0, breathing 4.
    assert_eq!(ids(&env, "ti:(nasal NEAR/4 breathing)"), ["US7640932B2"]);
    assert!(ids(&env, "ti:(nasal NEAR/3 breathing)").is_empty());
    assert_eq!(ids(&env, "ti:(breathing NEAR/4 nasal)"), ["US7640932B2"]);
}

#[test]
fn adj_is_ordered_and_adj1_is_a_phrase() {
    let env = env();
    assert!(ids(&env, "ti:(cannula ADJ/3 nasal)").is_empty());
    assert_eq!(ids(&env, "ti:(nasal ADJ/4 breathing)"), ["US7640932B2"]);
    assert!(ids(&env, "ti:(breathing ADJ/4 nasal)").is_empty());
    assert_eq!(
        ids(&env, "ti:(nasal ADJ/1 cannula)"),
        ids(&env, "ti:\"nasal cannula\"")
    );
    assert!(ids(&env, "\"cannula nasal\"").is_empty());
}

#[test]
fn or_groups_and_truncation_work_inside_proximity() {
    let env = env();
    // Claim 1: "A pump driven by a solar panel" — pump 1, solar 5.
    assert_eq!(
        ids(&env, "(pump* OR compressor) NEAR/5 (solar OR photovoltaic)"),
        ["US7640932B2"]
    );
    assert_eq!(ids(&env, "cl:(pum* NEAR/4 sol*)"), ["US7640932B2"]);
    assert!(ids(&env, "cl:(pum* NEAR/3 sol*)").is_empty());
    // A phrase on one side: distance between the nearest ends.
    assert_eq!(
        ids(&env, "cl:(\"solar panel\" NEAR/4 pump)"),
        ["US7640932B2"]
    );
    assert!(ids(&env, "cl:(\"solar panel\" NEAR/3 pump)").is_empty());
}

#[test]
fn proximity_nests_and_combines_with_boolean_operators() {
    let env = env();
    // Title: nasal 0, cannula 1, for 2, acquiring 3, breathing 4, information 5.
    let t = "ti:(\"nasal cannula\" NEAR/3 (breathing ADJ/1 information))";
    assert_eq!(ids(&env, t), ["US7640932B2"]);
    assert!(ids(&env, &t.replace("NEAR/3", "NEAR/2")).is_empty());
    assert_eq!(
        ids(&env, "ti:((nasal ADJ/1 cannula) NEAR/2 acquir*)"),
        ["US7640932B2"]
    );
    assert!(ids(&env, "ti:((nasal ADJ/1 cannula) NEAR/1 acquir*)").is_empty());
    // A repeated word on both sides, and phrases inside AND / NOT.
    assert_eq!(
        ids(&env, "ti:((nasal OR cannula) NEAR/1 (cannula OR for))"),
        ["US7640932B2"]
    );
    assert_eq!(
        ids(&env, "ti:\"nasal cannula\" AND cl:(pump NEAR/4 solar)"),
        ["US7640932B2"]
    );
    assert!(ids(&env, "ti:\"nasal cannula\" NOT cl:(pump NEAR/4 solar)").is_empty());
}

#[test]
fn proximity_never_crosses_claims_but_same_sees_one_claim() {
    let env = env();
    // EP2000001A1: claim 1 ends with "solar", claim 2 starts with "pump".
    assert_eq!(ids(&env, "cl:(solar NEAR/100 pump)"), ["US7640932B2"]);
    assert_eq!(ids(&env, "cl:(solar SAME pump)"), ["US7640932B2"]);
    assert_eq!(
        ids(&env, "cl:solar AND cl:pump"),
        ["EP2000001A1", "US7640932B2"]
    );
}

#[test]
fn field_codes_scope_the_search() {
    let env = env();
    assert!(ids(&env, "ti:pump").is_empty());
    assert_eq!(ids(&env, "cl:pump"), ["EP2000001A1", "US7640932B2"]);
    assert_eq!(ids(&env, "ti=nasal"), ["US7640932B2"]);
    assert_eq!(ids(&env, "pa:sahel"), ["US7640932B2"]);
    assert_eq!(ids(&env, "au:diallo AND jo:diagnostics"), ["PMID:39900099"]);
    assert_eq!(
        ids(&env, "cl_fr:(conservateur NEAR/3 respiration)"),
        ["EP3000002B1"]
    );
    assert!(ids(&env, "cl_en:(conservateur NEAR/3 respiration)").is_empty());
    assert_eq!(ids(&env, "lang:fr"), ["EP3000002B1"]);
    assert_eq!(ids(&env, "cc:EP"), ["EP2000001A1", "EP3000002B1"]);
    assert_eq!(ids(&env, "doi:10.5555/DEMO.99"), ["PMID:39900099"]);
    assert_eq!(ids(&env, "pmid:39900099"), ["PMID:39900099"]);
    // Unscoped words search title, abstract and claims in every language, not description.
    assert_eq!(ids(&env, "respiration"), ["EP3000002B1"]);
}

#[test]
fn boolean_operators_and_precedence() {
    let env = env();
    assert_eq!(ids(&env, "pump NOT photovoltaic"), ["EP2000001A1"]);
    assert_eq!(
        ids(&env, "neem OR triphosphate"),
        ["PMID:39900099", "US9000003B1"]
    );
    // NOT binds tighter than AND, AND tighter than OR.
    assert_eq!(
        ids(&env, "neem OR pump AND solar NOT photovoltaic"),
        ["EP2000001A1", "US9000003B1"]
    );
    assert_eq!(
        ids(&env, "(neem OR pump) AND solar"),
        ["EP2000001A1", "US7640932B2"]
    );
    // Lower-case operators are words: "and" is simply required.
    assert!(ids(&env, "neem and pump").is_empty());
    assert_eq!(ids(&env, "NOT cc:EP AND NOT cc:US").len(), 1);
}

#[test]
fn truncation_forms_expand_on_unstemmed_words() {
    let env = env();
    assert_eq!(ids(&env, "colo?r"), ["PMID:39900099"]);
    assert_eq!(ids(&env, "ti:*phosphate"), ["PMID:39900099"]);
    assert_eq!(ids(&env, "photo*"), ["US7640932B2"]);
    env.fails_saying(
        &["search", "--corpus", "fx", "p*"],
        2,
        "too short to truncate",
    );
}

#[test]
fn dates_compare_by_period() {
    let env = env();
    assert_eq!(ids(&env, "pd<2013"), ["US7640932B2"]);
    assert_eq!(ids(&env, "pd:[2016-01-01 TO 2016-12-31]"), ["EP3000002B1"]);
    assert_eq!(ids(&env, "pd:2016"), ["EP3000002B1"]);
    assert_eq!(ids(&env, "pd>=2016 AND cc:EP"), ["EP3000002B1"]);
    assert_eq!(ids(&env, "pd<=2014-03"), ["EP2000001A1", "US7640932B2"]);
    assert_eq!(ids(&env, "pr<=2011-06-30"), ["US7640932B2"]);
    assert!(ids(&env, "pr<2011-06-01").is_empty());
}

#[test]
fn classification_matches_by_level_not_by_string_prefix() {
    let env = env();
    assert_eq!(
        ids(&env, "ipc:A61K"),
        ["EP3000002B1", "US7640932B2", "US9000003B1"]
    );
    assert_eq!(ids(&env, "ipc:A61K36"), ["US7640932B2"]);
    assert_eq!(ids(&env, "ipc:A61K3"), ["EP3000002B1"]);
    assert_eq!(ids(&env, "ipc:A61K36/06"), ["US7640932B2"]);
    assert_eq!(ids(&env, "ipc:\"A61K 36/06\""), ["US7640932B2"]);
    assert_eq!(ids(&env, "ipc:A61K36/0*"), ["US7640932B2"]);
    assert_eq!(ids(&env, "ipc:A61"), ids(&env, "ipc:A61K OR ipc:A61M"));
    assert_eq!(
        ids(&env, "ipc:F04B17 OR ipc:A61M15/08"),
        ["EP2000001A1", "US7640932B2"]
    );
}

#[test]
fn numbers_match_in_any_spelling() {
    let env = env();
    for q in [
        "pn:US7640932",
        "pn:\"US 7,640,932 B2\"",
        "pn:US07640932B2",
        "pn:us7640932b2",
    ] {
        assert_eq!(ids(&env, q), ["US7640932B2"], "{q}");
    }
    assert!(ids(&env, "pn:US7640932B1").is_empty());
}

#[test]
fn history_references_need_a_case() {
    let env = env();
    env.fails_saying(
        &["search", "--corpus", "fx", "#1 AND #3 NOT #2"],
        2,
        "needs a case",
    );
}

#[test]
fn cutoff_marks_later_publications() {
    let env = env();
    let hits = env.search_hits("fx", &["--cutoff", "2014-01-01", "cc:EP OR cc:US"]);
    assert_eq!(hits.len(), 4);
    for h in &hits {
        let late = h["date"].as_str().unwrap() >= "2014-01-01";
        assert_eq!(h["after_cutoff"], late, "{h}");
    }
    let table = env.search("fx", &["--cutoff", "2014-01-01", "cc:EP"]);
    assert_contains(&table, "published on or after the cutoff");
}

#[test]
fn errors_show_a_caret_and_a_hint_with_exit_code_2() {
    let env = env();
    let cases = [
        ("(solar AND pump", "unbalanced parenthesis opened here", "^"),
        (
            "solar NEAR pump",
            "NEAR needs a distance, e.g. NEAR/5",
            "      ^^^^",
        ),
        (
            "tl:solar",
            "unknown field code `tl` — did you mean `ti`?",
            "^^",
        ),
    ];
    for (q, msg, caret) in cases {
        let err = env.tisc().args(["search", "--corpus", "fx", q]).ends(2);
        assert!(err.contains(msg), "{q}: {err}");
        assert!(err.contains(&format!("\n  {caret}\n")), "{q}: {err}");
    }
}

#[test]
fn explain_shows_precedence_expansions_and_classification() {
    let env = env();
    let out = env.ok(&[
        "explain",
        "--corpus",
        "fx",
        "photo* OR pump AND ipc:A61K36 NOT colo?r",
    ]);
    assert_contains(
        &out,
        "parsed:  photo* OR (pump AND (ipc:A61K36 NOT colo?r))",
    );
    assert_contains(&out, "photo* → photovoltaic");
    assert_contains(&out, "colo?r → colour");
    assert_contains(&out, "main group A61K36");
    assert_contains(&out, "lowered (tantivy):");
    // Without a corpus: the tree only.
    let out = env.ok(&["explain", "a NEAR/2 b OR c"]);
    assert_contains(&out, "NEAR/2 (either order, at most 2 words apart)");
}

#[test]
fn history_numbers_within_a_case_combine_earlier_strategies() {
    let env = env();
    env.ok(&[
        "case",
        "new",
        "c1",
        "--title",
        "Breathing sensor",
        "--cutoff",
        "2014-01-01",
    ]);
    let run = |q: &str| {
        let (out, err) = env
            .tisc()
            .args([
                "search", "--case", "c1", "--corpus", "fx", "--format", "json", q,
            ])
            .succeeds_both();
        let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        (hits, err)
    };
    let (h1, e1) = run("cc:US OR cc:EP");
    assert_eq!(h1.len(), 4);
    assert_contains(&e1, "recorded in case `c1` as #1 (4 hits in fx)");
    let (_, e2) = run("cl:pump");
    assert_contains(&e2, "as #2");
    let (_, e3) = run("ipc:A61K");
    assert_contains(&e3, "as #3");
    // #1 AND #3 NOT #2: US or EP, in A61K, without pump claims.
    let (h4, e4) = run("#1 AND #3 NOT #2");
    let mut ids: Vec<&str> = h4.iter().map(|h| h["id"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, ["EP3000002B1", "US9000003B1"]);
    assert_contains(&e4, "as #4");
    // The case's cutoff date marks later publications.
    assert!(h4.iter().all(|h| h["after_cutoff"] == true), "{h4:?}");
    // The history is in the case, with counts.
    let show = env.ok(&["case", "show", "c1"]);
    assert_contains(&show, "#1 AND #3 NOT #2");
    // A number beyond the history is a clear error.
    env.fails_saying(
        &["search", "--case", "c1", "--corpus", "fx", "#9"],
        2,
        "#9 is not in the history of case `c1`",
    );
}
