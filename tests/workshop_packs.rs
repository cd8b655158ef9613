//! Workshop packs through the command line: list, show, start, check, import-qrels, and the
//! secrecy of the gold answer.

mod common;

use common::TestEnv;
use std::path::{Path, PathBuf};

/// The repository's shipped packs.
fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("queries/workshops")
        .join(name)
}

/// The last line of a command's output.
fn last_line(out: &str) -> &str {
    out.trim_end().lines().last().unwrap_or_default()
}

/// A small pack of two exercises in a temporary folder (with a gold answer).
fn small_pack(dir: &Path) {
    std::fs::write(
        dir.join("pack.toml"),
        r#"title = "Test pack"
language = "fr"
instructions = "Search and cite."
corpora = ["demo"]

[[exercise]]
id = "pump"
title = "Solar pump"
disclosure = "A pump driven by a solar panel, with a float switch."
cutoff = "2012-06-30"
time_limit = "45m"
hints = ["Float switches matter."]
claims = """
1. A pump driven by a solar panel.

2. The pump of claim 1 with a float switch.
"""

[[exercise]]
id = "emitter"
title = "Drip emitter"
disclosure = "A labyrinth emitter."
cutoff = "2010-01-01"
time_limit = "1s"
claims = "1. An emitter with a labyrinth."
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("gold.toml"),
        "[pump]\ncitations = [{ doc = \"US6920979B2\", category = \"X\", claims = [1, 2] }]\n\n[emitter]\ncitations = [{ doc = \"EP1181989B1\", category = \"A\" }]\n",
    )
    .unwrap();
}

#[test]
fn start_opens_a_case_bound_to_the_exercise_and_prints_its_id_last() {
    let env = TestEnv::new();
    let pack = tempfile::tempdir().unwrap();
    small_pack(pack.path());
    let pack_arg = pack.path().to_str().unwrap();
    let out = env.ok(&[
        "workshop",
        "start",
        pack_arg,
        "pump",
        "--trainee",
        "A. Lovelace",
    ]);
    assert_eq!(last_line(&out), "pump-a-lovelace", "{out}");
    assert!(out.contains("tisc search --case pump-a-lovelace"), "{out}");
    assert!(
        out.contains("tisc workshop submit pump-a-lovelace --to DIR"),
        "{out}"
    );
    assert!(out.contains("Float switches matter."), "{out}");
    assert!(out.contains("45m"), "{out}");
    let case: serde_json::Value =
        serde_json::from_str(&env.ok(&["case", "show", "pump-a-lovelace", "--format", "json"]))
            .unwrap();
    assert_eq!(case["title"], "Solar pump");
    assert_eq!(case["cutoff"], "2012-06-30");
    assert_eq!(case["language"], "fr");
    assert_eq!(case["corpora"], serde_json::json!(["demo"]));
    assert_eq!(
        case["claims"][1]["text"],
        "The pump of claim 1 with a float switch."
    );
    let binding = &case["exercise"];
    assert_eq!(binding["exercise"], "pump");
    assert_eq!(binding["trainee"], "A. Lovelace");
    assert_eq!(binding["time_limit_secs"], 2700);
    assert_eq!(binding["pack_title"], "Test pack");
    assert!(binding["started_at"].as_str().unwrap().ends_with('Z'));

    // Again: refused, naming the case; --again opens a new one.
    let again = env
        .tisc()
        .args([
            "workshop",
            "start",
            pack_arg,
            "pump",
            "--trainee",
            "A. Lovelace",
        ])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("already started") && err.contains("pump-a-lovelace"),
        "{err}"
    );
    let out = env.ok(&[
        "workshop",
        "start",
        pack_arg,
        "pump",
        "--trainee",
        "A. Lovelace",
        "--again",
    ]);
    assert_eq!(last_line(&out), "pump-a-lovelace-2");
    // Another trainee, and an unknown exercise.
    let out = env.ok(&["workshop", "start", pack_arg, "pump", "--trainee", "bo"]);
    assert_eq!(last_line(&out), "pump-bo");
    let bad = env
        .tisc()
        .args(["workshop", "start", pack_arg, "pumps", "--trainee", "bo"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("pump, emitter"));
}

#[test]
fn a_bad_pack_is_refused_with_file_and_line() {
    let env = TestEnv::new();
    let pack = tempfile::tempdir().unwrap();
    small_pack(pack.path());
    let path = pack.path().join("pack.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("time_limit = \"1s\"", "time_limit = \"1 s\""),
    )
    .unwrap();
    let out = env
        .tisc()
        .args(["workshop", "show", pack.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pack.toml:24: "), "{err}");
    assert!(err.contains("time limit `1 s`"), "{err}");
}

#[test]
fn list_and_show_find_the_shipped_packs() {
    let env = TestEnv::new();
    let out = env.ok(&["workshop", "list"]);
    assert!(out.contains("beginner"), "{out}");
    let out = env.ok(&["workshop", "show", "beginner"]);
    assert!(out.contains("Exercise float-switch"), "{out}");
    assert!(out.contains("time limit 45m"), "{out}");
    assert!(env
        .path()
        .join("workshops/.shipped/beginner/pack.toml")
        .is_file());
    let missing = env
        .tisc()
        .args(["workshop", "show", "nonesuch"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(shipped("beginner").join("gold.toml").is_file());
}
