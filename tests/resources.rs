//! `tisc resources`: installing, replacing and listing the IPC title list and dictionaries,
//! refusing bad files, and `tisc explain` showing titles once they are installed.

mod common;

use common::{assert_contains, TestEnv};

const TITLES: &str = "A\tHUMAN NECESSITIES\nA01G\tHORTICULTURE\nA01G0025000000\tWatering gardens, fields, sports grounds or the like\n";

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn list_json(env: &TestEnv) -> Vec<serde_json::Value> {
    let out = env.ok(&["resources", "list", "--format", "json"]);
    serde_json::from_str(&out).expect("resources list is JSON")
}

#[test]
fn ipc_titles_are_added_listed_and_replaced() {
    let env = TestEnv::new();
    let src = tempfile::tempdir().unwrap();
    assert!(list_json(&env).is_empty());
    let out = env.ok(&["resources", "list"]);
    assert_contains(&out, "no resources installed");

    let file = write(src.path(), "titles.tsv", TITLES);
    let out = env.ok(&["resources", "add", "ipc-titles", file.to_str().unwrap()]);
    assert_contains(&out, "installed ipc-titles (en): 3 entries");
    let installed = env.path().join("resources/ipc-titles/en.tsv");
    assert_eq!(std::fs::read_to_string(&installed).unwrap(), TITLES);

    let rows = list_json(&env);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["kind"], "ipc-titles");
    assert_eq!(rows[0]["lang"], "en");
    assert_eq!(rows[0]["entries"], 3);
    assert_eq!(rows[0]["bytes"], TITLES.len());
    assert_eq!(rows[0]["path"], installed.to_str().unwrap());
    assert!(rows[0]["installed_at"].as_str().unwrap().ends_with('Z'));
    assert!(rows[0]["source"].as_str().unwrap().ends_with("titles.tsv"));
    let table = env.ok(&["resources", "list"]);
    assert_contains(&table, "ipc-titles  en");

    // The same kind and language again replaces it; another language sits beside it.
    let newer = write(src.path(), "newer.tsv", "A01G\tHorticulture, revised\n");
    env.ok(&["resources", "add", "ipc-titles", newer.to_str().unwrap()]);
    env.ok(&[
        "resources",
        "add",
        "ipc-titles",
        "--lang",
        "fr",
        file.to_str().unwrap(),
    ]);
    let rows = list_json(&env);
    let langs: Vec<_> = rows.iter().map(|r| r["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["en", "fr"]);
    assert_eq!(rows[0]["entries"], 1);
    assert_eq!(
        std::fs::read_to_string(&installed).unwrap(),
        "A01G\tHorticulture, revised\n"
    );
}

#[test]
fn a_bad_titles_line_is_refused_with_its_line_number() {
    let env = TestEnv::new();
    let src = tempfile::tempdir().unwrap();
    let bad = write(
        src.path(),
        "bad.tsv",
        "A\tHUMAN NECESSITIES\nA01G\tHORTICULTURE\nA01G 25/00 Watering\n",
    );
    env.fails_saying(
        &["resources", "add", "ipc-titles", bad.to_str().unwrap()],
        2,
        "bad.tsv:3: expected `symbol<TAB>title`, found no tab",
    );
    let not_ipc = write(src.path(), "not-ipc.tsv", "A\tx\nQ99\ty\n");
    env.fails_saying(
        &["resources", "add", "ipc-titles", not_ipc.to_str().unwrap()],
        2,
        "not-ipc.tsv:2: `Q99` is not an IPC symbol",
    );
    let missing = src.path().join("absent.tsv");
    env.fails_saying(
        &["resources", "add", "ipc-titles", missing.to_str().unwrap()],
        2,
        "absent.tsv: cannot read",
    );
    env.tisc()
        .args([
            "resources",
            "add",
            "ipc-titles",
            "--lang",
            "../x",
            bad.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert!(list_json(&env).is_empty());
    assert!(!env.path().join("resources/ipc-titles/en.tsv").exists());
}

#[test]
fn a_resources_folder_that_cannot_be_written_is_a_runtime_failure() {
    let env = TestEnv::new();
    let src = tempfile::tempdir().unwrap();
    let file = write(src.path(), "titles.tsv", TITLES);
    std::fs::write(env.path().join("resources"), "a file, not a folder").unwrap();
    env.fails_saying(
        &["resources", "add", "ipc-titles", file.to_str().unwrap()],
        1,
        "resources",
    );
}

#[test]
fn explain_shows_ipc_titles_only_once_installed() {
    let env = TestEnv::new();
    let src = tempfile::tempdir().unwrap();
    let q = "ipc:A01G25 AND drip";
    let before = env.ok(&["explain", q]);
    assert!(
        before.contains("A01G25: (no title: no IPC title list is installed"),
        "{before}"
    );
    assert!(!before.contains("Watering gardens"), "{before}");
    let file = write(src.path(), "titles.tsv", TITLES);
    env.ok(&["resources", "add", "ipc-titles", file.to_str().unwrap()]);
    let after = env.ok(&["explain", q]);
    assert_contains(
        &after,
        "A01G25: Watering gardens, fields, sports grounds or the like",
    );
    let lacking = env.ok(&["explain", "ipc:H01L31"]);
    assert_contains(&lacking, "the installed IPC title list lacks this symbol");
}

#[test]
fn the_wipo_title_list_installs_and_titles_explain() {
    let Some(file) = common::shared("ipc-titles/ipc_titles_en.tsv") else {
        return;
    };
    let env = TestEnv::new();
    let out = env.ok(&["resources", "add", "ipc-titles", file.to_str().unwrap()]);
    // 75,830 lines: three continue the title before them, and 540 symbols are listed twice
    // (the first title counts), which leaves 75,287 symbols.
    assert_contains(&out, "75287 entries");
    let shown = env.ok(&["explain", "ipc:A01B1/02 OR ipc:B61D19/00"]);
    assert_contains(&shown, "A01B1/02: Spades; Shovels");
    assert_contains(&shown, "B61D19/00: Door arrangements");
    // The title broken over three lines in the file is shown whole, on one line.
    assert!(
        shown.contains("E05B0077000000 – E05B0085000000;door-operating mechanisms E05F)\n"),
        "{shown}"
    );
}

#[test]
fn dictionaries_are_added_by_language_pair_and_listed() {
    let env = TestEnv::new();
    let src = tempfile::tempdir().unwrap();
    let dict = write(
        src.path(),
        "glossary.tsv",
        "headword\tpos\ttranslations\npump\t<n>\tpompe\nwater\t\teau\n",
    );
    // A file whose name is no language pair needs --lang.
    env.fails_saying(
        &["resources", "add", "dict", dict.to_str().unwrap()],
        2,
        "--lang eng-fra",
    );
    let out = env.ok(&[
        "resources",
        "add",
        "dict",
        "--lang",
        "en-fr",
        dict.to_str().unwrap(),
    ]);
    assert_contains(&out, "installed dict (en-fr): 2 entries");
    let bad = write(
        src.path(),
        "eng-spa.tsv",
        "headword\tpos\ttranslations\nagua\t<n>\t\n",
    );
    env.fails_saying(
        &["resources", "add", "dict", bad.to_str().unwrap()],
        2,
        "eng-spa.tsv:2: no translation for `agua`",
    );
    if let Some(real) = common::shared("freedict-bilingual/tsv/eng-fra.tsv") {
        let out = env.ok(&["resources", "add", "dict", real.to_str().unwrap()]);
        assert_contains(&out, "installed dict (eng-fra): 8799 entries");
    }
    let rows = list_json(&env);
    assert!(rows.iter().all(|r| r["kind"] == "dict"), "{rows:?}");
    assert!(rows.iter().any(|r| r["lang"] == "en-fr"), "{rows:?}");
}

#[test]
fn resources_help_gives_examples_and_exit_codes() {
    let env = TestEnv::new();
    let out = env.ok(&["resources", "--help"]);
    assert_contains(&out, "tisc resources add ipc-titles");
    assert_contains(&out, "tisc resources list --format json");
    assert!(
        out.contains("Exit codes:") && out.contains("2  usage error"),
        "{out}"
    );
    let out = env.ok(&["resources", "add", "--help"]);
    assert_contains(&out, "tisc resources add dict eng-fra.tsv");
}
