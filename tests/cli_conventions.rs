//! Command-line conventions: shell completions and the man page generated from the command
//! definitions, hidden developer commands kept out of them and out of "did you mean" tips,
//! the exit-code table in `-h` and `--help`, `report -o` and a missing folder, and the JSON
//! search output's field names (a stable contract: added to, never renamed).

mod common;

use common::{assert_contains, Run, TestEnv};

#[test]
fn completions_name_the_commands_and_not_the_hidden_ones() {
    let env = TestEnv::new();
    let bash = env.ok(&["completions", "bash"]);
    for word in [
        "search",
        "case",
        "report",
        "export",
        "completions",
        "--corpus",
    ] {
        assert_contains(&bash, word);
    }
    assert!(
        !bash.contains(" record ") && !bash.contains("__record"),
        "hidden command in bash completions"
    );
    assert!(
        !bash.contains("--latencies"),
        "hidden flag in bash completions"
    );
    for shell in ["zsh", "fish", "powershell"] {
        let script = env.ok(&["completions", shell]);
        assert_contains(&script, "search");
        assert!(!script.contains("record'"), "{shell}: hidden command");
        assert!(!script.contains("--latencies"), "{shell}: hidden flag");
    }
    env.tisc()
        .args(["completions", "tcsh"])
        .ends_saying(2, "invalid value 'tcsh'");
}

#[test]
fn the_man_page_is_roff_and_names_the_commands() {
    let env = TestEnv::new();
    let man = env.ok(&["man"]);
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..80.min(man.len())]
    );
    assert!(man.lines().any(|l| l.starts_with(".TH tisc")), "a .TH line");
    for section in [
        ".SH \"TISC SEARCH\"",
        ".SH \"TISC CASE\"",
        ".SH \"TISC REPORT\"",
    ] {
        assert_contains(&man, section);
    }
    assert_contains(&man, "Exit codes");
    // The hidden `case record` command, by its description.
    assert!(
        !man.contains("Run a strategy over the corpora named"),
        "hidden command in the man page"
    );
    assert!(!man.contains("latencies"), "hidden flag in the man page");
}

#[test]
fn hidden_commands_and_flags_are_never_suggested() {
    let env = TestEnv::new();
    let stderr = env.tisc().args(["case", "recrod", "c"]).ends(2);
    assert_contains(&stderr, "unrecognized subcommand");
    assert!(!stderr.contains("'record'"), "{stderr}");
    let stderr = env
        .tisc()
        .args(["search", "--latencie", "x", "pump"])
        .ends(2);
    assert!(!stderr.contains("--latencies"), "{stderr}");
    // Visible ones still are.
    env.tisc()
        .args(["serch", "pump"])
        .ends_saying(2, "'search'");
    env.tisc()
        .args(["case", "exprt", "c"])
        .ends_saying(2, "'export'");
}

#[test]
fn short_and_long_help_show_the_exit_codes() {
    let env = TestEnv::new();
    for args in [
        vec!["-h"],
        vec!["--help"],
        vec!["search", "-h"],
        vec!["case", "export", "-h"],
        vec!["report", "--help"],
        vec!["completions", "-h"],
    ] {
        let out = env.ok(&args);
        assert_contains(&out, "Exit codes:");
        assert_contains(&out, "3  partial");
    }
}

#[test]
fn report_refuses_a_missing_folder_unless_mkdir() {
    let env = TestEnv::new();
    env.ok(&["case", "new", "c", "--title", "Solar pump"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("reports/2026/c.html");
    let file = file.to_str().expect("utf-8 path");
    let stderr = env
        .tisc()
        .args(["report", "c", "--format", "html", "-o", file])
        .ends(2);
    assert_contains(&stderr, "reports/2026: no such folder");
    assert_contains(&stderr, "--mkdir");
    assert!(!dir.path().join("reports").exists(), "nothing created");
    env.ok(&["report", "c", "--format", "html", "-o", file, "--mkdir"]);
    assert!(std::fs::metadata(file).expect("written").len() > 0);
    // A file in an existing folder needs no flag.
    let beside = dir.path().join("c.md");
    env.ok(&["report", "c", "-o", beside.to_str().expect("utf-8 path")]);
}

/// The fields of `tisc search --format json` as documented in docs/user-guide.md: a rename
/// or a removal fails here.
const SEARCH_JSON_FIELDS: &[&str] = &[
    "rank",
    "id",
    "title",
    "score",
    "corpus",
    "kind",
    "kind_code",
    "date",
    "after_cutoff",
    "strategies",
    "family",
    "snippet",
];

#[test]
fn search_json_is_an_array_with_the_documented_fields() {
    let env = TestEnv::new();
    env.ok(&["index", "demo"]);
    let out = env.ok(&[
        "search",
        "--corpus",
        "demo",
        "--format",
        "json",
        "--limit",
        "3",
        "solar AND pump",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let hits = v.as_array().expect("an array");
    assert_eq!(hits.len(), 3);
    for h in hits {
        let obj = h.as_object().expect("an object per hit");
        for field in SEARCH_JSON_FIELDS {
            assert!(obj.contains_key(*field), "field `{field}` missing: {h}");
        }
        let snippet = obj["snippet"].as_object().expect("snippet object");
        for field in ["field", "text", "highlights"] {
            assert!(snippet.contains_key(field), "snippet.{field} missing: {h}");
        }
    }
    // Every field the output has today is documented.
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/user-guide.md"),
    )
    .expect("user guide");
    for field in SEARCH_JSON_FIELDS {
        assert_contains(&guide, &format!("| `{field}` |"));
    }
    for key in hits[0].as_object().expect("object").keys() {
        assert!(
            SEARCH_JSON_FIELDS.contains(&key.as_str()),
            "undocumented field `{key}`: add it to SEARCH_JSON_FIELDS and the user guide"
        );
    }
}
