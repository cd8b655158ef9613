//! Counts in command-line messages take the singular or the plural their number asks for:
//! "1 citation", "1 hit", never "1 citations".

mod common;

use common::TestEnv;
use std::path::Path;

fn env_with_case() -> TestEnv {
    let env = TestEnv::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case");
    env.index("fix", "auto", &fixtures);
    env.ok(&[
        "case",
        "new",
        "pump",
        "--title",
        "Solar pump",
        "--corpus",
        "fix",
    ]);
    env
}

#[test]
fn one_citation_and_one_hit_are_singular() {
    let env = env_with_case();
    let out = env.ok(&[
        "case",
        "cite",
        "pump",
        "US7000001B2",
        "--category",
        "X",
        "--claims",
        "2",
    ]);
    assert!(out.contains("(1 citation)"), "{out}");
    let shown = env.ok(&["case", "show", "pump"]);
    assert!(
        shown.contains(" claim 2 ") && !shown.contains("claims 2"),
        "{shown}"
    );
    let out = env.ok(&["case", "cite", "pump", "PMID:31000001", "--category", "Y"]);
    assert!(out.contains("(2 citations)"), "{out}");

    // A strategy with exactly one hit in the fixture corpus.
    let out = env.ok(&["case", "record", "pump", "--corpus", "fix", "cassava"]);
    assert!(out.contains(": 1 hit in fix"), "{out}");
    let out = env.ok(&["case", "record", "pump", "--corpus", "fix", "zzzunfound"]);
    assert!(out.contains(": 0 hits in fix"), "{out}");
}

#[test]
fn a_date_inside_a_cli_sentence_is_written_in_words() {
    let env = TestEnv::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case");
    env.index("fix", "auto", &fixtures);
    env.ok(&[
        "case",
        "new",
        "late",
        "--title",
        "Pump",
        "--corpus",
        "fix",
        "--cutoff",
        "2010-01-01",
    ]);
    let out = env
        .tisc()
        .args(["case", "cite", "late", "US7000001B2", "--category", "X"])
        .output()
        .expect("run tisc");
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("published on 5\u{a0}January 2010, on or after the cutoff date of the case (1\u{a0}January 2010)"),
        "{err}"
    );
    assert!(!err.contains("2010-01-05"), "{err}");
}
