//! An update of the index in place killed after its commit and before it records the files
//! it read: the next run reads those files again and ends with no duplicates.

use std::path::Path;
use tisc_test_kit::Kit;

/// A BEIR file of documents `ids`, each about drip emitters, titled after `tag`.
fn write_beir(path: &Path, ids: &[&str], tag: &str) {
    let lines: String = ids
        .iter()
        .map(|id| {
            serde_json::json!({"_id": id, "title": format!("{tag} {id}"), "text": "drip emitter"})
                .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(path, lines).expect("write a corpus file");
}

/// The ids a search for `drip` finds in corpus `g`, sorted, duplicates kept.
fn ids(kit: &Kit) -> Vec<String> {
    kit.search_ids("g", "drip", 100)
}

#[test]
fn an_update_killed_before_its_record_is_redone_without_duplicates() {
    let kit = Kit::new();
    let data = kit.path().join("data");
    std::fs::create_dir_all(&data).expect("data folder");
    let a = data.join("a.jsonl");
    write_beir(&a, &["1", "2"], "first");
    let folder = data.to_str().expect("a UTF-8 path");
    kit.ok(&["index", "--name", "g", "--format", "beir", folder]);

    write_beir(&a, &["1", "2", "3"], "revised");
    write_beir(&data.join("b.jsonl"), &["4"], "second");
    let killed = kit
        .tisc(Some("grow.committed"))
        .args(["index", "g"])
        .output()
        .expect("run tisc");
    let stderr = String::from_utf8_lossy(&killed.stderr);
    assert!(
        !killed.status.success() && stderr.contains("failpoint grow.committed: aborting"),
        "{:?} {stderr}",
        killed.status
    );
    // The commit is in: searches see the update.
    assert_eq!(ids(&kit), ["1", "2", "3", "4"]);

    let out = kit.ok(&["index", "g"]);
    assert!(
        out.contains("1 new file, 1 changed, 0 removed: +4 documents"),
        "the same files are read again: {out}"
    );
    assert_eq!(ids(&kit), ["1", "2", "3", "4"], "no duplicates");
    let out = kit.ok(&["index", "g"]);
    assert!(out.contains("g is up to date"), "{out}");
}
