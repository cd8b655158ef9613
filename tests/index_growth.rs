//! `tisc index` on a corpus that already has an index: only new and changed files are read,
//! the documents of removed files go, `--rebuild` starts over; and the writer's memory
//! setting (`--memory`, `[index] memory`).

mod common;

use common::{assert_contains, TestEnv};
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

#[test]
fn memory_is_a_size_checked_against_the_writer_minimum() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    write_beir(&data.path().join("a.jsonl"), &["1", "2"], "one");
    let folder = data.path().to_str().unwrap();
    let define = |memory: &str| {
        env.run(&[
            "index", "--name", "m", "--format", "beir", "--memory", memory, folder,
        ])
    };
    let (code, _, err) = define("5MB");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("--memory") && err.contains("at least 20 MB"),
        "{err}"
    );
    let (code, _, err) = define("lots");
    assert_eq!(code, Some(2), "{err}");
    assert_contains(&err, "--memory");
    let (code, _, err) = define("17GiB");
    assert_eq!(code, Some(2), "{err}");
    assert_contains(&err, "at most 16 GiB");
    let (code, out, err) = define("64MB");
    assert_eq!(code, Some(0), "{err}");
    assert_contains(&out, "2 documents");
    // The config key, and the flag over it.
    std::fs::write(
        env.path().join("config.toml"),
        "[index]\nmemory = \"1MB\"\n",
    )
    .unwrap();
    let (code, _, err) = env.run(&["index", "m"]);
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
    let (code, _, err) = env.run(&["index", "m", "--memory", "2MB"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, err) = env.run(&["index", "m"]);
    assert_eq!(code, Some(0), "{err}");
}

/// The ids a search for `drip` finds in corpus `name`, sorted (duplicates kept).
fn ids(env: &TestEnv, name: &str) -> Vec<String> {
    let mut ids: Vec<String> = env
        .search_json(name, "drip", 1000)
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Run `tisc index <args>` and return its stdout, failing on any exit but 0.
fn index(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["index"];
    all.extend_from_slice(args);
    env.ok(&all)
}

/// Move a file's modification time a second on, so that a rewrite within the same clock
/// tick counts as a change whatever the file system's time resolution.
fn bump_mtime(path: &Path) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    let t = f.metadata().unwrap().modified().unwrap() + std::time::Duration::from_secs(1);
    f.set_modified(t).unwrap();
}

#[test]
fn a_second_run_reads_only_new_and_changed_files_and_drops_removed_ones() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    let a = data.path().join("a.jsonl");
    let b = data.path().join("b.jsonl");
    write_beir(&a, &["1", "2"], "first");
    let folder = data.path().to_str().unwrap();
    let out = index(&env, &["--name", "g", "--format", "beir", folder]);
    assert_contains(&out, "indexed g: 2 documents from 1 file (");

    // A new file: only it is read.
    write_beir(&b, &["3"], "second");
    let out = index(&env, &["g"]);
    assert!(
        out.contains(
            "updated g: 1 new file, 0 changed, 0 removed: +1 document, \u{2212}0; 3 documents"
        ),
        "{out}"
    );
    assert_eq!(ids(&env, "g"), ["1", "2", "3"]);

    // A changed file: its documents are replaced.
    write_beir(&a, &["1"], "revised");
    bump_mtime(&a);
    let json: serde_json::Value = serde_json::from_str(&index(&env, &["g", "--json"])).unwrap();
    assert_eq!(json["mode"], "incremental");
    assert_eq!(
        (
            &json["files_new"],
            &json["files_changed"],
            &json["files_read"]
        ),
        (&0.into(), &1.into(), &1.into())
    );
    assert_eq!(
        (&json["indexed"], &json["documents_removed"]),
        (&1.into(), &2.into())
    );
    assert_eq!(ids(&env, "g"), ["1", "3"]);
    let hits = env.search_json("g", "revised", 10);
    assert_eq!(hits.len(), 1);
    assert!(
        env.search_json("g", "first", 10).is_empty(),
        "the old version is gone"
    );

    // A removed file: its documents are gone from search.
    std::fs::remove_file(&b).unwrap();
    let out = index(&env, &["g"]);
    assert_contains(
        &out,
        "0 new files, 0 changed, 1 removed: +0 documents, \u{2212}1; 1 document ",
    );
    assert_eq!(ids(&env, "g"), ["1"]);

    // Nothing changed: nothing read.
    let json: serde_json::Value = serde_json::from_str(&index(&env, &["g", "--json"])).unwrap();
    assert_eq!(json["mode"], "up-to-date");
    assert_eq!(
        (&json["files_read"], &json["parsed"]),
        (&0.into(), &0.into())
    );
    let out = index(&env, &["g"]);
    assert_contains(&out, "g is up to date");

    // --rebuild reads everything again.
    write_beir(&b, &["3", "4"], "third");
    let out = index(&env, &["g", "--rebuild"]);
    assert_contains(&out, "indexed g: 3 documents from 2 files");
    assert_eq!(ids(&env, "g"), ["1", "3", "4"]);
    let out = index(&env, &["g"]);
    assert_contains(&out, "g is up to date");
}

/// The generation folder of the live index of corpus `name`.
fn live_generation(env: &TestEnv, name: &str) -> std::path::PathBuf {
    let dir = env.path().join("index").join(name);
    let current = std::fs::read_to_string(dir.join("CURRENT")).unwrap();
    dir.join(current.trim())
}

#[test]
fn an_update_cut_off_before_its_record_is_redone_without_duplicates() {
    let env = TestEnv::new();
    let data = tempfile::tempdir().unwrap();
    let a = data.path().join("a.jsonl");
    let b = data.path().join("b.jsonl");
    write_beir(&a, &["1", "2"], "first");
    write_beir(&b, &["3"], "second");
    index(
        &env,
        &[
            "--name",
            "c",
            "--format",
            "beir",
            data.path().to_str().unwrap(),
        ],
    );
    let record = live_generation(&env, "c").join("tisc-files.json");
    let old_record = std::fs::read(&record).unwrap();

    // The update commits, but the run ends before the record is written: as if killed.
    write_beir(&a, &["1", "2", "5"], "revised");
    bump_mtime(&a);
    write_beir(&data.path().join("c.jsonl"), &["6", "7"], "third");
    index(&env, &["c"]);
    assert_eq!(ids(&env, "c"), ["1", "2", "3", "5", "6", "7"]);
    std::fs::write(&record, &old_record).unwrap();

    // The next run reads the same files again and ends where the cut-off one would have.
    let out = index(&env, &["c"]);
    assert_contains(
        &out,
        "1 new file, 1 changed, 0 removed: +5 documents, \u{2212}5; 6 documents",
    );
    assert_eq!(
        ids(&env, "c"),
        ["1", "2", "3", "5", "6", "7"],
        "no duplicates"
    );
    let out = index(&env, &["c"]);
    assert_contains(&out, "c is up to date");
}

#[test]
fn searches_see_the_previous_commit_until_they_reload() {
    use tisc::corpus::{self, CorpusDef, CorpusKind, Workspace};
    let home = tempfile::tempdir().unwrap();
    let ws = Workspace::at(home.path());
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    write_beir(&data.join("a.jsonl"), &["1", "2"], "first");
    let def = CorpusDef::new(
        "r",
        CorpusKind::Literature,
        tisc::ingest::Format::Beir,
        vec![data.display().to_string()],
    );
    corpus::save_user_def(&ws, &def).unwrap();
    let c = corpus::find(&ws, "r").unwrap();
    let files = corpus::corpus_files(&c).unwrap();
    corpus::build(&ws, &c, &|_| {}).unwrap();
    let dir = ws.index_dir("r");
    assert!(tisc::index::is_current_for(&dir, &files));
    let before = tisc::index::CorpusIndex::open(&dir, "r").unwrap();
    let old_searcher = before.reader.searcher();
    assert_eq!(old_searcher.num_docs(), 2);

    write_beir(&data.join("b.jsonl"), &["3", "4", "5"], "second");
    let files = corpus::corpus_files(&c).unwrap();
    assert!(
        matches!(
            tisc::index::state_for(&dir, &files),
            tisc::index::IndexState::Outdated(_, (1, 0, 0))
        ),
        "a new file leaves the index behind"
    );
    assert!(!tisc::index::is_current_for(&dir, &files));
    let r = corpus::build(&ws, &c, &|_| {}).unwrap();
    assert_eq!((r.mode, r.indexed), (corpus::BuildMode::Incremental, 3));
    assert!(
        tisc::index::is_current_for(&dir, &files),
        "current after the update"
    );
    assert!(tisc::index::is_current(&dir));

    // The searcher taken before still reads the previous commit, and so does the reader
    // until it reloads.
    assert_eq!(old_searcher.num_docs(), 2);
    assert_eq!(
        old_searcher
            .search(&tantivy::query::AllQuery, &tantivy::collector::Count)
            .unwrap(),
        2
    );
    assert_eq!(before.reader.searcher().num_docs(), 2);
    before.reader.reload().unwrap();
    assert_eq!(before.reader.searcher().num_docs(), 5);
    assert_eq!(
        tisc::index::CorpusIndex::open(&dir, "r")
            .unwrap()
            .num_docs(),
        5
    );
}
