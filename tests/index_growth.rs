//! `tisc index` on a corpus that already has an index: only new and changed files are read,
//! the documents of removed files go, `--rebuild` starts over; and the writer's memory
//! setting (`--memory`, `[index] memory`).

mod common;

use common::TestEnv;
use std::path::Path;

/// A BEIR file of documents `ids`, each titled after its id and `tag`.
fn write_beir(path: &Path, ids: &[&str], tag: &str) {
    let lines: String = ids
        .iter()
        .map(|id| {
            serde_json::json!({"_id": id, "title": format!("{tag} {id}"), "text": format!("drip emitter {tag}")})
                .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(path, lines).unwrap();
}

fn run(env: &TestEnv, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.tisc().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn memory_is_a_size_checked_against_the_writer_minimum() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    write_beir(&data.path().join("a.jsonl"), &["1", "2"], "one");
    let folder = data.path().to_str().unwrap();
    let define = |memory: &str| {
        run(
            &env,
            &[
                "index", "--name", "m", "--format", "beir", "--memory", memory, folder,
            ],
        )
    };
    let (code, _, err) = define("5MB");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("--memory") && err.contains("at least 20 MB"),
        "{err}"
    );
    let (code, _, err) = define("lots");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--memory"), "{err}");
    let (code, _, err) = define("17GiB");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("at most 16 GiB"), "{err}");
    let (code, out, err) = define("64MB");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("2 documents"), "{out}");
    // The config key, and the flag over it.
    std::fs::write(
        env.path().join("config.toml"),
        "[index]\nmemory = \"1MB\"\n",
    )
    .unwrap();
    let (code, _, err) = run(&env, &["index", "m"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("index.memory") && err.contains("config.toml"),
        "{err}"
    );
    std::fs::write(
        env.path().join("config.toml"),
        "[index]\nmemory = \"30MB\"\n",
    )
    .unwrap();
    let (code, _, err) = run(&env, &["index", "m", "--memory", "2MB"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, err) = run(&env, &["index", "m"]);
    assert_eq!(code, Some(0), "{err}");
}
