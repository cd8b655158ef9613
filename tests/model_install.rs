//! `tisc resources add model DIR`: a good model folder is checked, copied under
//! `$TISC_HOME/resources/model/<name>/`, listed as the model in use and loaded by
//! `load_installed`; a folder missing a file or holding a bad pooling file is refused with
//! exit 2 naming the file, and nothing is installed.
//!
//! The model comes from `TISC_TEST_MODEL` (see tests/semantic_model.rs); the broken variants
//! are copies of it in a temporary folder (the weights linked, not copied).

mod common;

use common::{assert_contains, Run, TestEnv};
use std::path::{Path, PathBuf};

fn model_dir() -> Option<PathBuf> {
    common::test_model()
}

/// A copy of the model folder at `<tmp>/<name>`: small files copied, the weights linked.
fn copy_model(src: &Path, tmp: &Path, name: &str) -> PathBuf {
    let dst = tmp.join(name);
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let to = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else if rel == Path::new("model.safetensors") {
            std::os::unix::fs::symlink(std::fs::canonicalize(entry.path()).unwrap(), &to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dst
}

fn list_json(env: &TestEnv) -> Vec<serde_json::Value> {
    let out = env.ok(&["resources", "list", "--format", "json"]);
    serde_json::from_str(&out).expect("resources list is JSON")
}

#[test]
fn without_a_model_load_installed_says_none_is_installed() {
    let env = TestEnv::new();
    let e = tisc::semantic::load_installed(env.path(), 1).err().unwrap();
    assert!(matches!(e, tisc::semantic::SemanticError::NoModel), "{e}");
    assert_contains(&e.to_string(), "tisc resources add model");
}

#[test]
fn model_options_are_refused_for_other_kinds() {
    let env = TestEnv::new();
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("t.tsv");
    std::fs::write(&f, "A\tHUMAN NECESSITIES\n").unwrap();
    env.tisc()
        .args(["resources", "add", "ipc-titles", "--pooling", "cls"])
        .arg(&f)
        .ends_saying(2, "--pooling applies to `tisc resources add model` only");
}

#[test]
fn a_good_model_is_installed_listed_and_loaded() {
    let Some(src) = model_dir() else {
        return;
    };
    let env = TestEnv::new();
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_model(&src, tmp.path(), "all-minilm-l6-v2");
    let out = env.ok(&["resources", "add", "model", folder.to_str().unwrap()]);
    assert_contains(&out, "installed model all-minilm-l6-v2 (384 dimensions, mean pooling, unit-length vectors, no query prefix, up to 256 tokens, languages en)");
    assert_contains(&out, "now the model tisc uses");

    let dir = env.path().join("resources/model/all-minilm-l6-v2");
    for f in [
        "config.json",
        "tokenizer.json",
        "model.safetensors",
        "model.json",
    ] {
        let meta = std::fs::symlink_metadata(dir.join(f)).unwrap();
        assert!(meta.is_file(), "{f} is copied, not linked");
    }
    let card: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("model.json")).unwrap()).unwrap();
    assert_eq!(card["name"], "all-minilm-l6-v2");
    assert_eq!(card["dim"], 384);
    assert_eq!(card["pooling"], "mean");
    assert_eq!(card["normalize"], true);
    assert_eq!(card["query_prefix"], "");
    assert_eq!(card["max_tokens"], 256);
    assert_eq!(card["languages"], serde_json::json!(["en"]));
    assert_eq!(card["weights_sha256"].as_str().unwrap().len(), 64);
    assert!(card["source"]
        .as_str()
        .unwrap()
        .ends_with("all-minilm-l6-v2"));
    assert!(card["installed_at"].as_str().unwrap().ends_with('Z'));

    let rows = list_json(&env);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["kind"], "model");
    assert_eq!(rows[0]["name"], "all-minilm-l6-v2");
    assert_eq!(rows[0]["active"], true);
    assert_eq!(rows[0]["dim"], 384);
    assert_eq!(rows[0]["lang"], "en");
    let table = env.ok(&["resources", "list"]);
    assert_contains(&table, "(model all-minilm-l6-v2, 384 dimensions, in use)");

    let m = tisc::semantic::load_installed(env.path(), 1).unwrap();
    assert_eq!(m.dim(), 384);
    assert_eq!(m.languages(), ["en"]);
    let v = m.embed_query("solar powered irrigation pump").unwrap();
    let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-5);

    // A second model, with other settings, becomes the one in use; the first stays listed.
    env.ok(&[
        "resources",
        "add",
        "model",
        "--name",
        "minilm-multi",
        "--language",
        "en,fr",
        "--query-prefix",
        "query: ",
        "--max-tokens",
        "128",
        folder.to_str().unwrap(),
    ]);
    let rows = list_json(&env);
    let active: Vec<_> = rows
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["active"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        active,
        [("all-minilm-l6-v2", false), ("minilm-multi", true)]
    );
    let m2 = tisc::semantic::load_installed(env.path(), 2).unwrap();
    assert_eq!(m2.languages(), ["en", "fr"]);
    assert_ne!(m.model_id(), m2.model_id());
    assert!(m2.model_id().starts_with("minilm-multi@"));

    // Installing the first again from its folder under the tisc home makes it the one in
    // use, with the settings it was installed with.
    let first = env.path().join("resources/model/all-minilm-l6-v2");
    let out = env.ok(&["resources", "add", "model", first.to_str().unwrap()]);
    assert_contains(
        &out,
        "installed model all-minilm-l6-v2 (384 dimensions, mean pooling, unit-length vectors",
    );
    let m3 = tisc::semantic::load_installed(env.path(), 1).unwrap();
    assert_eq!(m3.model_id(), m.model_id());
}

#[test]
fn a_folder_missing_the_tokenizer_is_refused_naming_it() {
    let Some(src) = model_dir() else {
        return;
    };
    let env = TestEnv::new();
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_model(&src, tmp.path(), "no-tokenizer");
    std::fs::remove_file(folder.join("tokenizer.json")).unwrap();
    let err = env
        .tisc()
        .args(["resources", "add", "model"])
        .arg(&folder)
        .ends_saying(2, "tokenizer.json");
    assert_contains(&err, "missing");
    assert!(list_json(&env).is_empty());
    assert!(!env.path().join("resources/model/no-tokenizer").exists());
}

#[test]
fn a_bad_pooling_file_is_refused_naming_it() {
    let Some(src) = model_dir() else {
        return;
    };
    let env = TestEnv::new();
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_model(&src, tmp.path(), "bad-pooling");
    std::fs::write(
        folder.join("1_Pooling/config.json"),
        "{\"pooling_mode_mean_tokens\": tru",
    )
    .unwrap();
    env.tisc()
        .args(["resources", "add", "model"])
        .arg(&folder)
        .ends_saying(2, "1_Pooling/config.json: not valid JSON");
    std::fs::write(
        folder.join("1_Pooling/config.json"),
        r#"{"pooling_mode_max_tokens": true}"#,
    )
    .unwrap();
    env.tisc()
        .args(["resources", "add", "model"])
        .arg(&folder)
        .ends_saying(
            2,
            "1_Pooling/config.json: `pooling_mode_max_tokens` is not a pooling",
        );
    // Given on the command line, the pooling overrides the file.
    env.tisc()
        .args(["resources", "add", "model", "--pooling", "cls"])
        .arg(&folder)
        .assert()
        .success();
    assert!(list_json(&env).iter().any(|r| r["name"] == "bad-pooling"));
}

#[test]
fn weights_that_are_not_safetensors_are_refused_naming_them() {
    let Some(src) = model_dir() else {
        return;
    };
    let env = TestEnv::new();
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_model(&src, tmp.path(), "bad-weights");
    std::fs::remove_file(folder.join("model.safetensors")).unwrap();
    std::fs::write(folder.join("model.safetensors"), b"not weights").unwrap();
    env.tisc()
        .args(["resources", "add", "model"])
        .arg(&folder)
        .ends_saying(2, "model.safetensors");
    assert!(list_json(&env).is_empty());
}

#[test]
fn a_models_folder_that_cannot_be_written_is_a_runtime_failure() {
    let Some(src) = model_dir() else {
        return;
    };
    let env = TestEnv::new();
    let tmp = tempfile::tempdir().unwrap();
    let folder = copy_model(&src, tmp.path(), "all-minilm-l6-v2");
    // `resources/model` is a file: nothing can be written under it.
    std::fs::create_dir_all(env.path().join("resources")).unwrap();
    std::fs::write(env.path().join("resources/model"), "in the way").unwrap();
    env.tisc()
        .args(["resources", "add", "model"])
        .arg(&folder)
        .ends_saying(1, "cannot install the model");
}
