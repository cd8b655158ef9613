//! The case data a complete search report needs, recorded through the CLI: the invention's
//! claims or features, citations checked against them and against the case's priority,
//! filing and cutoff dates, Y combinations, family members, the date of completion, and
//! the coverage of each corpus a strategy ran on.
//!
//! The corpus is the fixture in `tests/fixtures/case/` (US7000001B2 of 2010-01-05,
//! US7000003B2 of 2011-03-01, US7000004B2 of 2013-02-12, PMID:31000001 of 2009-09-01).

mod common;

use common::{Run, TestEnv};
use std::path::{Path, PathBuf};
use tisc::case::{Case, CaseStore, ClaimsKind};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case")
}

fn env_with_corpus() -> TestEnv {
    let env = TestEnv::new();
    let summary = env.index("fix", "auto", &fixtures());
    assert_eq!(summary["indexed"], 6, "{summary}");
    env
}

fn case_json(env: &TestEnv, id: &str) -> Case {
    let out = env.ok(&["case", "show", id, "--format", "json"]);
    serde_json::from_str(&out).expect("case show --format json is a case")
}

fn case_file(env: &TestEnv, id: &str) -> Vec<u8> {
    std::fs::read(env.path().join("cases").join(id).join("case.json")).expect("case.json")
}

/// A file in the test's home holding `text`.
fn file(env: &TestEnv, name: &str, text: &[u8]) -> String {
    let p = env.path().join(name);
    std::fs::write(&p, text).expect("write file");
    p.to_str().expect("utf-8 path").to_string()
}

const THREE_CLAIMS: &str = "1. A water pump driven by a solar panel,\n   comprising a float switch.\n\n2. The pump of claim 1, wherein the float is magnetic.\n\n3. A raft carrying the pump.\n";

/// A case `sp` on the fixture corpus with three claims and the priority date 2012-01-01.
fn case_with_claims(env: &TestEnv) {
    env.ok(&[
        "case",
        "new",
        "sp",
        "--title",
        "Solar pump",
        "--corpus",
        "fix",
        "--priority-date",
        "2012-01-01",
    ]);
    let f = file(env, "claims.txt", THREE_CLAIMS.as_bytes());
    env.ok(&["case", "claims", "sp", &f]);
}

#[test]
fn claims_are_recorded_shown_and_replaced_with_the_old_set_kept() {
    let env = env_with_corpus();
    case_with_claims(&env);
    let c = case_json(&env, "sp");
    let texts: Vec<(u32, &str)> = c
        .claims
        .iter()
        .map(|c| (c.number, c.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                1,
                "A water pump driven by a solar panel, comprising a float switch."
            ),
            (2, "The pump of claim 1, wherein the float is magnetic."),
            (3, "A raft carrying the pump."),
        ]
    );
    assert_eq!(c.claims_kind, ClaimsKind::Claims);
    assert!(c.previous_claims.is_empty());
    let shown = env.ok(&["case", "show", "sp"]);
    assert!(shown.contains("claims (3)"), "{shown}");
    assert!(
        shown.contains("  2. The pump of claim 1, wherein the float is magnetic."),
        "{shown}"
    );

    // Replaced from standard input, as features: the earlier set stays in the case.
    let out = env
        .tisc()
        .args(["case", "claims", "sp", "-", "--features"])
        .write_stdin("1. Solar power.\n\n2. A float switch.\n")
        .succeeds();
    assert!(out.contains("recorded 2 features"), "{out}");
    assert!(out.contains("earlier set is kept"), "{out}");
    let c = case_json(&env, "sp");
    assert_eq!(c.claims_kind, ClaimsKind::Features);
    assert_eq!(c.claims.len(), 2);
    assert_eq!(c.previous_claims.len(), 1);
    assert_eq!(c.previous_claims[0].claims.len(), 3);
    assert_eq!(c.previous_claims[0].kind, ClaimsKind::Claims);
    assert!(env.ok(&["case", "show", "sp"]).contains("features (2)"));
}

#[test]
fn a_malformed_claims_file_is_refused_with_its_line_and_nothing_is_written() {
    let env = env_with_corpus();
    case_with_claims(&env);
    let before = case_file(&env, "sp");
    let bad: [(&str, &[u8], &str); 6] = [
        ("empty.txt", b"", "empty.txt:1: no claim"),
        (
            "nonumber.txt",
            b"1. A pump.\n\nA float.\n",
            "nonumber.txt:3: this paragraph does not start with its number",
        ),
        (
            "gap.txt",
            b"1. A pump.\n\n2. A float.\n\n4. A raft.\n",
            "gap.txt:5: number 4 does not follow the previous one (expected 3)",
        ),
        (
            "repeat.txt",
            b"1. A pump.\n\n\n1. A float.\n",
            "repeat.txt:4: number 1 is repeated",
        ),
        (
            "latin1.txt",
            b"1. A pump.\n\n2. A pompe \xe0 eau.\n",
            "latin1.txt:3: not UTF-8",
        ),
        (
            "start.txt",
            b"2. A pump.\n",
            "start.txt:1: number 2 does not follow the previous one (expected 1)",
        ),
    ];
    for (name, text, said) in bad {
        let f = file(&env, name, text);
        env.tisc()
            .args(["case", "claims", "sp", &f])
            .ends_saying(2, said);
    }
    env.tisc()
        .args(["case", "claims", "sp", "/nonexistent/claims.txt"])
        .ends_saying(2, "/nonexistent/claims.txt: cannot read the claims");
    assert_eq!(case_file(&env, "sp"), before, "nothing written");
    assert_eq!(case_json(&env, "sp").claims.len(), 3);
}

#[test]
fn cited_claim_numbers_must_be_the_cases_once_it_has_claims() {
    let env = env_with_corpus();
    // Without claims any number is accepted (cases made before claims existed).
    env.ok(&["case", "new", "old", "--title", "Pump", "--corpus", "fix"]);
    env.ok(&[
        "case",
        "cite",
        "old",
        "US7000001B2",
        "--category",
        "X",
        "--claims",
        "1,9",
    ]);

    case_with_claims(&env);
    let before = case_file(&env, "sp");
    env.tisc()
        .args([
            "case",
            "cite",
            "sp",
            "US7000001B2",
            "--category",
            "X",
            "--claims",
            "1,4-5",
        ])
        .ends_saying(2, "case `sp` has no claim 4-5: its claims are 1-3");
    assert_eq!(case_file(&env, "sp"), before);
    env.ok(&[
        "case",
        "cite",
        "sp",
        "US7000001B2",
        "--category",
        "X",
        "--claims",
        "1-3",
    ]);
    assert_eq!(case_json(&env, "sp").citations[0].claims, [1, 2, 3]);
}

#[test]
fn check_lists_stale_claims_and_date_problems_and_exits_2_until_fixed() {
    let env = env_with_corpus();
    case_with_claims(&env);
    env.ok(&[
        "case",
        "cite",
        "sp",
        "US7000001B2",
        "--category",
        "X",
        "--claims",
        "1,3",
    ]);
    env.ok(&[
        "case",
        "cite",
        "sp",
        "US7000003B2",
        "--category",
        "Y",
        "--claims",
        "2",
        "--combines-with",
        "US7000001B2",
    ]);
    let out = env.ok(&["case", "check", "sp"]);
    assert!(out.contains("no problem found"), "{out}");
    assert_eq!(
        env.ok(&["case", "check", "sp", "--format", "json"]).trim(),
        "[]"
    );

    // Two claims now: the X names claim 3, which is gone. A late X, and a Y on its own.
    let f = file(&env, "two.txt", b"1. A pump.\n\n2. A float.\n");
    let (_, err) = env
        .tisc()
        .args(["case", "claims", "sp", &f])
        .succeeds_both();
    assert!(
        err.contains("1 citation names claims no longer there"),
        "{err}"
    );
    env.ok(&[
        "case",
        "cite",
        "sp",
        "US7000004B2",
        "--category",
        "X",
        "--claims",
        "1",
    ]);
    env.ok(&[
        "case",
        "cite",
        "sp",
        "PMID:31000001",
        "--category",
        "Y",
        "--claims",
        "2",
    ]);
    let (out, err) = env
        .tisc()
        .args(["case", "check", "sp"])
        .ends_both(2, "3 problems");
    assert!(
        out.contains("US7000001B2: names claim 3, which the case's claims do not have"),
        "{out}"
    );
    assert!(out.contains("US7000004B2: cited as X but published on 12\u{a0}February 2013, on or after the cutoff date of the case (1\u{a0}January 2012)"), "{out}");
    assert!(
        out.contains("PMID:31000001: cited as Y without the document it combines with"),
        "{out}"
    );
    assert!(err.contains("case `sp`: 3 problems"), "{err}");

    let json = env
        .tisc()
        .args(["case", "check", "sp", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(2));
    let problems: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let kinds: Vec<&str> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["problem"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["missing_claims", "after_cutoff", "y_without_combination"]
    );
    assert_eq!(problems[0]["claims"], serde_json::json!([3]));

    // Removing the document a Y combines with is a problem too.
    env.ok(&["case", "uncite", "sp", "US7000004B2"]);
    env.ok(&["case", "cite", "sp", "PMID:31000001", "--category", "A"]);
    env.ok(&["case", "uncite", "sp", "US7000001B2"]);
    let out = env
        .tisc()
        .args(["case", "check", "sp"])
        .ends_both(2, "1 problem")
        .0;
    assert!(
        out.contains("US7000003B2: combines with US7000001B2, which is no longer cited"),
        "{out}"
    );
    env.ok(&["case", "uncite", "sp", "US7000003B2"]);
    env.ok(&["case", "check", "sp"]);

    let help = env.ok(&["case", "check", "--help"]);
    assert!(
        help.contains("Exit code 0 when there is none, 2 when there are"),
        "{help}"
    );
}

#[test]
fn complete_records_the_date_and_reopen_makes_a_draft_again() {
    let env = env_with_corpus();
    case_with_claims(&env);
    assert!(env.ok(&["case", "show", "sp"]).contains("status:   draft"));
    assert_eq!(case_json(&env, "sp").completed_on, None);
    env.ok(&["case", "complete", "sp", "--date", "2024-05-02"]);
    assert_eq!(
        case_json(&env, "sp").completed_on.unwrap().to_string(),
        "2024-05-02"
    );
    assert!(env
        .ok(&["case", "show", "sp"])
        .contains("status:   completed on 2024-05-02"));
    // Default: today in UTC (pinned here by SOURCE_DATE_EPOCH: 2023-11-14T22:13:20Z).
    env.tisc()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["case", "complete", "sp"])
        .succeeds();
    assert_eq!(
        case_json(&env, "sp").completed_on.unwrap().to_string(),
        "2023-11-14"
    );
    env.ok(&["case", "complete", "sp", "--reopen"]);
    assert_eq!(case_json(&env, "sp").completed_on, None);
    let raw: serde_json::Value = serde_json::from_slice(&case_file(&env, "sp")).unwrap();
    assert!(
        raw.get("completed_on").is_none(),
        "a draft writes no completed_on"
    );
    env.tisc()
        .args(["case", "complete", "sp", "--date", "2024-13-01"])
        .ends_saying(2, "not a date");
    env.tisc()
        .args(["case", "complete", "sp", "--date", "2024-05-02", "--reopen"])
        .ends(2);
}

#[test]
fn priority_and_filing_dates_on_new_and_edit() {
    let env = env_with_corpus();
    let (out, _) = env
        .tisc()
        .args([
            "case",
            "new",
            "a",
            "--title",
            "Pump",
            "--priority-date",
            "2012-01-01",
            "--filing-date",
            "2013-01-01",
        ])
        .succeeds_both();
    assert!(
        out.contains("cutoff set to the priority date, 2012-01-01"),
        "{out}"
    );
    let c = case_json(&env, "a");
    let d = |o: Option<tisc::model::Date>| o.map(|d| d.to_string());
    assert_eq!(d(c.cutoff).as_deref(), Some("2012-01-01"));
    assert_eq!(d(c.priority_date).as_deref(), Some("2012-01-01"));
    assert_eq!(d(c.filing_date).as_deref(), Some("2013-01-01"));
    // A given cutoff wins over the priority date.
    env.ok(&[
        "case",
        "new",
        "b",
        "--title",
        "Pump",
        "--priority-date",
        "2012-01-01",
        "--cutoff",
        "2011-06-01",
    ]);
    assert_eq!(
        d(case_json(&env, "b").cutoff).as_deref(),
        Some("2011-06-01")
    );
    // Filed before the priority date: refused, nothing made.
    env.tisc()
        .args([
            "case",
            "new",
            "c",
            "--title",
            "Pump",
            "--priority-date",
            "2012-01-01",
            "--filing-date",
            "2011-01-01",
        ])
        .ends_saying(
            2,
            "the filing date 2011-01-01 is before the priority date 2012-01-01",
        );
    env.tisc().args(["case", "show", "c"]).ends(2);

    // Edit: a priority date on a case without cutoff sets it too, and says so.
    env.ok(&["case", "new", "e", "--title", "Pump"]);
    let out = env.ok(&["case", "edit", "e", "--priority-date", "2012-01-01"]);
    assert!(
        out.contains("updated case `e`: cutoff, priority date"),
        "{out}"
    );
    assert!(
        out.contains("it is now the priority date, 2012-01-01"),
        "{out}"
    );
    assert_eq!(
        d(case_json(&env, "e").cutoff).as_deref(),
        Some("2012-01-01")
    );
    // With a cutoff already, a new priority date leaves it.
    let out = env.ok(&["case", "edit", "e", "--priority-date", "2012-02-01"]);
    assert!(!out.contains("cutoff"), "{out}");
    assert_eq!(
        d(case_json(&env, "e").cutoff).as_deref(),
        Some("2012-01-01")
    );
    let before = case_file(&env, "e");
    env.tisc()
        .args(["case", "edit", "e", "--filing-date", "2012-01-15"])
        .ends_saying(2, "before the priority date 2012-02-01");
    assert_eq!(case_file(&env, "e"), before);
    env.ok(&["case", "edit", "e", "--filing-date", "2012-12-01"]);
    env.ok(&[
        "case",
        "edit",
        "e",
        "--priority-date",
        "none",
        "--filing-date",
        "none",
    ]);
    let c = case_json(&env, "e");
    assert_eq!((c.priority_date, c.filing_date), (None, None));
    assert_eq!(d(c.cutoff).as_deref(), Some("2012-01-01"), "cutoff kept");
}

#[test]
fn p_needs_a_filing_date_and_a_late_x_is_accepted_with_a_warning() {
    let env = env_with_corpus();
    case_with_claims(&env);
    let before = case_file(&env, "sp");
    env.tisc()
        .args([
            "case",
            "cite",
            "sp",
            "US7000004B2",
            "--category",
            "P,X",
            "--claims",
            "3",
        ])
        .ends_saying(
            2,
            "set it with `tisc case edit sp --filing-date YYYY-MM-DD`",
        );
    assert_eq!(case_file(&env, "sp"), before);
    env.ok(&["case", "edit", "sp", "--filing-date", "2014-01-01"]);
    env.ok(&[
        "case",
        "cite",
        "sp",
        "US7000004B2",
        "--category",
        "P,X",
        "--claims",
        "3",
    ]);

    let (_, err) = env
        .tisc()
        .args([
            "case",
            "cite",
            "sp",
            "US7000004B2",
            "--category",
            "X",
            "--claims",
            "3",
        ])
        .succeeds_both();
    assert!(
        err.contains("warning: US7000004B2 was published on 12\u{a0}February 2013, on or after the cutoff date of the case (1\u{a0}January 2012): as X it is not prior art on its own"),
        "{err}"
    );
    let (_, err) = env
        .tisc()
        .args([
            "case",
            "cite",
            "sp",
            "US7000001B2",
            "--category",
            "X",
            "--claims",
            "1",
        ])
        .succeeds_both();
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn combines_with_names_a_cited_document_and_only_for_y() {
    let env = env_with_corpus();
    case_with_claims(&env);
    env.tisc()
        .args([
            "case",
            "cite",
            "sp",
            "US7000003B2",
            "--category",
            "Y",
            "--combines-with",
            "US7000001B2",
        ])
        .ends_saying(
            2,
            "--combines-with US7000001B2: not cited in case `sp` (cited: none yet)",
        );
    env.ok(&[
        "case",
        "cite",
        "sp",
        "US7000001B2",
        "--category",
        "Y",
        "--claims",
        "1",
    ]);
    env.ok(&["case", "cite", "sp", "PMID:31000001", "--category", "A"]);
    env.tisc()
        .args([
            "case",
            "cite",
            "sp",
            "US7000003B2",
            "--category",
            "X",
            "--combines-with",
            "US7000001B2",
        ])
        .ends_saying(2, "--combines-with is for a Y citation");
    env.tisc()
        .args([
            "case",
            "cite",
            "sp",
            "US7000001B2",
            "--category",
            "Y",
            "--combines-with",
            "US7000001B2",
        ])
        .ends_saying(2, "does not combine with itself");
    // A printed number with thousands separators, and a comma list.
    env.ok(&[
        "case",
        "cite",
        "sp",
        "US7000003B2",
        "--category",
        "Y",
        "--claims",
        "2",
        "--combines-with",
        "US 7,000,001 B2,PMID:31000001",
    ]);
    let c = case_json(&env, "sp");
    let y = c.citation("US7000003B2").unwrap();
    assert_eq!(y.combined_with, ["US7000001B2", "PMID:31000001"]);
    // Cited again as X: the combination goes.
    env.ok(&[
        "case",
        "cite",
        "sp",
        "US7000003B2",
        "--category",
        "X",
        "--claims",
        "2",
    ]);
    assert!(case_json(&env, "sp")
        .citation("US7000003B2")
        .unwrap()
        .combined_with
        .is_empty());
}

/// Patents of one family in tisc's own JSON-lines format, indexed as corpus `fam`.
fn family_corpus(env: &TestEnv) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let doc = |cc: &str, n: &str, kind: &str, date: &str, family: &str| {
        serde_json::json!({
            "id": format!("{cc}{n}{kind}"), "kind": "patent",
            "number": {"country": cc, "number": n, "kind": kind}, "lang": "en",
            "titles": [{"lang": "en", "text": "Solar pump with float switch"}],
            "publication_date": date, "family_id": family,
        })
        .to_string()
    };
    let lines = [
        doc("EP", "3000001", "A1", "2015-06-01", "77"),
        doc("US", "9000001", "B2", "2016-01-05", "77"),
        doc("WO", "2014000001", "A1", "2014-12-01", "77"),
        doc("EP", "3000009", "A1", "2015-06-01", "99"),
    ];
    std::fs::write(dir.path().join("docs.jsonl"), lines.join("\n") + "\n").unwrap();
    let summary = env.index("fam", "jsonl", dir.path());
    assert_eq!(summary["indexed"], 4, "{summary}");
    dir
}

#[test]
fn a_citation_keeps_the_family_members_found_in_the_corpora() {
    let env = TestEnv::new();
    let _data = family_corpus(&env);
    env.ok(&["case", "new", "f", "--title", "Pump", "--corpus", "fam"]);
    let out = env.ok(&["case", "cite", "f", "EP3000001A1", "--category", "X"]);
    assert!(out.contains("2 family members"), "{out}");
    let c = case_json(&env, "f");
    let fam: Vec<(String, Option<String>, Option<String>, String)> = c.citations[0]
        .family
        .iter()
        .map(|m| {
            (
                m.id.clone(),
                m.number.clone(),
                m.publication_date.map(|d| d.to_string()),
                m.corpus.clone(),
            )
        })
        .collect();
    assert_eq!(
        fam,
        [
            (
                "WO2014000001A1".into(),
                Some("WO 2014000001 A1".into()),
                Some("2014-12-01".into()),
                "fam".into()
            ),
            (
                "US9000001B2".into(),
                Some("US 9000001 B2".into()),
                Some("2016-01-05".into()),
                "fam".into()
            ),
        ]
    );
    assert!(env
        .ok(&["case", "show", "f"])
        .contains("family: WO2014000001A1, US9000001B2"));
    // A document alone in its family has none.
    env.ok(&["case", "cite", "f", "EP3000009A1", "--category", "A"]);
    assert!(case_json(&env, "f")
        .citation("EP3000009A1")
        .unwrap()
        .family
        .is_empty());
}

#[test]
fn a_strategy_keeps_the_coverage_of_its_time_after_a_re_index() {
    let env = TestEnv::new();
    let data = family_corpus(&env);
    env.ok(&["case", "new", "cov", "--title", "Pump", "--corpus", "fam"]);
    env.tisc()
        .args(["search", "--case", "cov", "--corpus", "fam", "pump"])
        .succeeds();
    let first = case_json(&env, "cov").history[0].hits[0]
        .coverage
        .clone()
        .expect("coverage recorded");
    assert_eq!(first.documents, 4);
    assert_eq!(
        first.first_date.map(|d| d.to_string()).as_deref(),
        Some("2014-12-01")
    );
    assert_eq!(
        first.last_date.map(|d| d.to_string()).as_deref(),
        Some("2016-01-05")
    );
    assert_eq!(first.sources, ["EP", "US", "WO"]);
    // The kind is the corpus definition's (a JSON-lines corpus may mix patents and articles).
    assert_eq!(first.kind.as_deref(), Some("mixed"));
    assert!(first.indexed_at.is_some());

    // The corpus grows (a JP document of 2019) and is indexed again.
    let more = serde_json::json!({
        "id": "JP2019000001A", "kind": "patent",
        "number": {"country": "JP", "number": "2019000001", "kind": "A"}, "lang": "en",
        "titles": [{"lang": "en", "text": "Pump"}], "publication_date": "2019-07-01",
    });
    std::fs::write(data.path().join("more.jsonl"), format!("{more}\n")).unwrap();
    env.ok(&["index", "fam"]);
    env.tisc()
        .args(["search", "--case", "cov", "--corpus", "fam", "pump"])
        .succeeds();
    let c = case_json(&env, "cov");
    assert_eq!(
        c.history[0].hits[0].coverage.as_ref(),
        Some(&first),
        "the old record is unchanged"
    );
    let now = c.history[1].hits[0].coverage.clone().unwrap();
    assert_eq!(now.documents, 5);
    assert_eq!(
        now.last_date.map(|d| d.to_string()).as_deref(),
        Some("2019-07-01")
    );
    assert_eq!(now.sources, ["EP", "JP", "US", "WO"]);
}

#[test]
fn the_new_changes_survive_a_kill_before_compaction() {
    let home = tempfile::tempdir().unwrap();
    let store = CaseStore::new(home.path().join("cases"));
    store
        .create(
            "k",
            tisc::case::NewCase {
                title: "Pump".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let mut w = store.open_write("k").unwrap();
    let claims = tisc::case::parse_claims_text(b"1. A pump.\n\n2. A float.\n").unwrap();
    w.set_claims(ClaimsKind::Features, claims).unwrap();
    w.set_claims(
        ClaimsKind::Claims,
        tisc::case::parse_claims_text(b"1. A raft.\n").unwrap(),
    )
    .unwrap();
    w.complete(Some(tisc::model::Date::parse("2024-05-02").unwrap()))
        .unwrap();
    w.edit(&tisc::case::CaseEdit {
        filing_date: Some(Some(tisc::model::Date::parse("2024-01-01").unwrap())),
        ..Default::default()
    })
    .unwrap();
    // Killed: the writer vanishes without folding its journal into case.json.
    std::mem::forget(w);
    let c = store.open("k").unwrap();
    assert_eq!(c.claims.len(), 1);
    assert_eq!(c.claims_kind, ClaimsKind::Claims);
    assert_eq!(c.previous_claims.len(), 1);
    assert_eq!(c.previous_claims[0].kind, ClaimsKind::Features);
    assert_eq!(
        c.completed_on.map(|d| d.to_string()).as_deref(),
        Some("2024-05-02")
    );
    assert_eq!(
        c.filing_date.map(|d| d.to_string()).as_deref(),
        Some("2024-01-01")
    );
    let journal = std::fs::read_to_string(home.path().join("cases/k/journal.jsonl")).unwrap();
    assert!(journal.lines().all(|l| l.contains("\"v\":3")), "{journal}");
}

#[test]
fn a_case_written_before_claims_and_dates_still_opens_and_takes_them() {
    let env = env_with_corpus();
    let dir = env.path().join("cases/old");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("case.json"),
        r#"{"schema_version":1,"id":"old","title":"Old pump","language":"en","cutoff":"2012-01-01","corpora":["fix"],"created_at":"2023-01-01T00:00:00Z","updated_at":"2023-01-01T00:00:00Z","history":[{"number":1,"query":"pump","hits":[{"corpus":"fix","hits":4}],"at":"2023-01-01T00:00:00Z"}],"citations":[],"notes":[]}"#,
    )
    .unwrap();
    let c = case_json(&env, "old");
    assert!(c.claims.is_empty() && c.previous_claims.is_empty());
    assert_eq!(
        (c.priority_date, c.filing_date, c.completed_on),
        (None, None, None)
    );
    assert!(c.history[0].hits[0].coverage.is_none());
    env.ok(&["case", "check", "old"]);
    let f = file(&env, "claims.txt", THREE_CLAIMS.as_bytes());
    env.ok(&["case", "claims", "old", &f]);
    env.ok(&["case", "complete", "old", "--date", "2024-05-02"]);
    let shown = env.ok(&["case", "show", "old"]);
    assert!(
        shown.contains("claims (3)") && shown.contains("completed on 2024-05-02"),
        "{shown}"
    );
}

#[test]
fn a_large_family_is_kept_to_fifty_members() {
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = (0..70)
        .map(|i| {
            let n = 3_100_000 + i;
            serde_json::json!({
                "id": format!("EP{n}A1"), "kind": "patent",
                "number": {"country": "EP", "number": n.to_string(), "kind": "A1"}, "lang": "en",
                "titles": [{"lang": "en", "text": "Pump"}],
                "publication_date": "2015-06-01", "family_id": "5",
            })
            .to_string()
        })
        .collect();
    std::fs::write(dir.path().join("big.jsonl"), lines.join("\n") + "\n").unwrap();
    env.index("big", "jsonl", dir.path());
    env.ok(&["case", "new", "b", "--title", "Pump", "--corpus", "big"]);
    let out = env.ok(&["case", "cite", "b", "EP3100000A1", "--category", "A"]);
    assert!(out.contains("50 family members"), "{out}");
    let fam = &case_json(&env, "b").citations[0].family;
    assert_eq!(fam.len(), 50);
    assert!(
        fam.iter().all(|m| m.id != "EP3100000A1"),
        "not the cited document itself"
    );
}
